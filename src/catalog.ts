/**
 * The rule catalog's table (the contract every rule implements): each rule id, the review
 * check it belongs to (1 state, 2 nonce, 3 signature/JWKS, 4 audience, 5 issuer, 6 exact
 * redirect URI, 7 token storage, 8 minimal scopes) and its level in `recommended`
 * (absent: `strict`/`all` only). `createRule` fills `meta.docs.recommended` and `check`
 * from here, and the plugin tests hold every implemented rule to it.
 */
export interface CatalogEntry {
  readonly check?: number;
  readonly recommended?: 'error' | 'warn';
}

export const CATALOG = {
  'require-state-check': { check: 1, recommended: 'error' },
  'require-nonce-check': { check: 2, recommended: 'error' },
  'require-jwt-verification': { check: 3, recommended: 'error' },
  'require-jwt-algorithms': { check: 3, recommended: 'error' },
  'require-jwks-caching': { check: 3, recommended: 'warn' },
  'require-audience-check': { check: 4, recommended: 'error' },
  'require-issuer-check': { check: 5, recommended: 'error' },
  'require-exact-redirect-uri': { check: 6, recommended: 'error' },
  'no-token-in-web-storage': { check: 7, recommended: 'error' },
  'require-secure-cookies': { check: 7, recommended: 'error' },
  'no-token-in-url': { check: 7, recommended: 'error' },
  'no-broad-scopes': { check: 8, recommended: 'warn' },
  'no-access-token-decode': { recommended: 'error' },
  'no-implicit-grant': { recommended: 'error' },
  'no-password-grant': { recommended: 'error' },
  'require-pkce': { recommended: 'error' },
  'require-secure-random': { recommended: 'error' },
  'no-exposed-client-secret': { recommended: 'error' },
  'serialize-token-refresh': {},
} as const satisfies Record<string, CatalogEntry>;

export type RuleId = keyof typeof CATALOG;

/** The review checks a catalog entry's `check` refers to, by number (shown by `oauth-lint list`). */
export const REVIEW_CHECKS: Readonly<Record<number, string>> = {
  1: 'state',
  2: 'nonce',
  3: 'signature/JWKS',
  4: 'audience',
  5: 'issuer',
  6: 'exact redirect URI',
  7: 'token storage',
  8: 'minimal scopes',
};

export const RULE_IDS = Object.keys(CATALOG).sort() as RuleId[];

export function catalogEntry(id: string): CatalogEntry | undefined {
  return Object.hasOwn(CATALOG, id) ? (CATALOG as Record<string, CatalogEntry>)[id] : undefined;
}
