import { vi } from 'vitest';

import { createAuthorizationRequest, createOidcClient, handleAuthorizationCallback } from '../../src/reference/index.js';
import { TestBrowser } from './browser.js';

import type { AuthorizationCallbackResult, OidcClient } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

/** Test-only: the IdP runs on plain HTTP loopback (see idp.ts for why). */
export const TEST_HTTP = { allowInsecureRequests: true } as const;

export function clientFor(idp: TestIdp, clientId: string, clientSecret?: string): Promise<OidcClient> {
  return createOidcClient({
    issuer: idp.issuer,
    clientId,
    ...(clientSecret === undefined ? {} : { clientSecret }),
    http: TEST_HTTP,
  });
}

/** A complete login (authorize → IdP → callback → tokens) through the reference functions. */
export async function login(client: OidcClient, redirectUri: string, scopes: readonly string[]): Promise<AuthorizationCallbackResult> {
  const { url, transaction } = await createAuthorizationRequest(client, { redirectUri, scopes });
  const callbackUrl = await new TestBrowser().followRedirects(url, redirectUri);
  return handleAuthorizationCallback(client, callbackUrl, transaction, { redirectUri });
}

/**
 * Replaces only `Date` with a controllable clock (timers stay real, so HTTP keeps
 * working): jose's JWKS cooldown, token expiry and the IdP all read the same clock.
 */
export function useControlledClock(): { advance(ms: number): void; restore(): void } {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  return {
    advance: (ms) => vi.setSystemTime(Date.now() + ms),
    restore: () => vi.useRealTimers(),
  };
}
