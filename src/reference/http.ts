import * as oauth from 'oauth4webapi';

/** Transport options accepted by every reference function that talks to the IdP. */
export interface HttpOptions {
  /**
   * Test-only escape hatch: lets oauth4webapi talk to an `http://` IdP. It is honoured only
   * for loopback hosts (127.0.0.1, [::1], localhost), so a config mistake can never
   * downgrade the connection to a real IdP. Production code leaves it unset.
   */
  allowInsecureRequests?: boolean;
  /** Aborts the IdP requests of one call (a timeout, or a request being cancelled). */
  signal?: AbortSignal;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** True for `http:`/`https:` URLs whose host is a loopback address. */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Maps our options to oauth4webapi's request options for a request to `target`.
 * @internal
 */
export function oauthRequestOptions(
  target: URL | string,
  options: HttpOptions | undefined,
): { [oauth.allowInsecureRequests]?: boolean; signal?: AbortSignal } {
  const url = typeof target === 'string' ? new URL(target) : target;
  const insecure = options?.allowInsecureRequests === true && isLoopbackUrl(url);
  return {
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(options?.signal ? { signal: options.signal } : {}),
  };
}
