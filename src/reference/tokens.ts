import type * as oauth from 'oauth4webapi';

/** The tokens a client holds after a token-endpoint response. */
export interface TokenSet {
  readonly accessToken: string;
  /** Epoch milliseconds after which the access token must not be sent. */
  readonly expiresAt: number;
  readonly refreshToken: string | undefined;
  readonly scope: string | undefined;
}

/** Default lifetime assumed when the IdP omits `expires_in` (RFC 6749 makes it optional). */
const DEFAULT_EXPIRES_IN_SECONDS = 300;

/** Normalises a processed token response; `now` is when the request was sent. */
export function toTokenSet(response: oauth.TokenEndpointResponse, now: number): TokenSet {
  return {
    accessToken: response.access_token,
    expiresAt: now + (response.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000,
    refreshToken: response.refresh_token,
    scope: response.scope,
  };
}

/** True when the access token expires within `marginSeconds` (or already has). */
export function isExpiring(tokens: TokenSet, marginSeconds: number, now = Date.now()): boolean {
  return now >= tokens.expiresAt - marginSeconds * 1000;
}
