/**
 * The one place where this app's OAuth scopes are declared (catalog check 8, minimal
 * scopes). Every flow imports its list from here, so a reviewer reads one file to see
 * everything the app can ask for, and widening a scope is a visible one-line diff.
 */
export const APP_SCOPES = {
  /** Server-side web app: sign-in, and a refresh token the server keeps. */
  webLogin: ['openid', 'profile', 'email', 'offline_access'],
  /** Browser SPA: sign-in; the rotated refresh token lives in memory only. */
  spaLogin: ['openid', 'profile', 'offline_access'],
  /** CLI via the device flow: sign-in, and a refresh token for the CLI's own store. */
  cliLogin: ['openid', 'offline_access'],
  /** Service-to-service call to our API: read only, nothing else. */
  serviceToService: ['api:read'],
} as const satisfies Record<string, readonly string[]>;

export type AppScopeSet = keyof typeof APP_SCOPES;

/** Wildcards and admin-style scopes that must never be requested (see no-broad-scopes). */
const BROAD_SCOPES = new Set(['*', 'all', 'admin']);

/**
 * Formats a scope list as the space-separated `scope` parameter (RFC 6749 §3.3).
 * Refuses wildcard scopes so a typo in a config file cannot silently ask for everything.
 */
export function formatScopeParameter(scopes: readonly string[]): string {
  for (const scope of scopes) {
    if (scope === '' || /\s/.test(scope)) {
      throw new TypeError(`invalid scope token: ${JSON.stringify(scope)}`);
    }
    if (BROAD_SCOPES.has(scope)) {
      throw new TypeError(`refusing over-broad scope: ${scope}`);
    }
  }
  return [...new Set(scopes)].join(' ');
}

/** True when a granted `scope` string (token response or access token) includes `required`. */
export function hasScope(grantedScope: string | undefined, required: string): boolean {
  return (grantedScope ?? '').split(' ').includes(required);
}
