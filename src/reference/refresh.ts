import { base64url } from 'jose';
import * as oauth from 'oauth4webapi';

import { oauthRequestOptions } from './http.js';
import { requireEndpoint } from './oidc-client.js';
import { isExpiring, toTokenSet } from './tokens.js';

import type { OidcClient } from './oidc-client.js';
import type { TokenSet } from './tokens.js';

/**
 * Wraps an async operation so concurrent callers share one in-flight run. With refresh
 * token rotation this is required, not an optimisation: two parallel refreshes would
 * present the same refresh token twice, the second looks like theft, and the IdP revokes
 * the whole token family (the user is logged out).
 */
export function singleFlight<T>(operation: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= operation().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

export interface RefreshingTokenSourceOptions {
  /**
   * Called with every rotated token set so the caller can persist the new refresh token
   * (server: the encrypted session store; SPA: nothing, memory only). The previous
   * refresh token is dead from this point on.
   */
  onRotate?: (tokens: TokenSet) => void | Promise<void>;
  /** Refresh this many seconds before expiry, so a token does not expire in flight. */
  expiryMarginSeconds?: number;
}

export interface RefreshingTokenSource {
  /** A valid access token, refreshing first when the current one is about to expire. */
  getAccessToken(): Promise<string>;
  /**
   * Forces a refresh (e.g. after the API answered 401). Concurrent calls, from any
   * number of 401 handlers, share one token-endpoint request.
   */
  refresh(): Promise<TokenSet>;
  /** The current tokens, for persisting. */
  current(): TokenSet;
}

/**
 * Holds a token set and refreshes it with the refresh_token grant, rotating the refresh
 * token on every use and serialising refreshes through one in-flight promise.
 */
export function createRefreshingTokenSource(
  oidc: OidcClient,
  initial: TokenSet,
  options: RefreshingTokenSourceOptions = {},
): RefreshingTokenSource {
  const margin = options.expiryMarginSeconds ?? 30;
  let tokens = initial;

  const refresh = singleFlight(async (): Promise<TokenSet> => {
    if (tokens.refreshToken === undefined) {
      throw new Error('no refresh token: the user has to sign in again');
    }
    const startedAt = Date.now();
    const response = await oauth.refreshTokenGrantRequest(
      oidc.as,
      oidc.client,
      oidc.clientAuth,
      tokens.refreshToken,
      oauthRequestOptions(requireEndpoint(oidc.as, 'token_endpoint'), oidc.http),
    );
    const result = await oauth.processRefreshTokenResponse(oidc.as, oidc.client, response);
    const next = toTokenSet(result, startedAt);
    // An IdP that does not rotate returns no new refresh token; keep the current one.
    tokens = { ...next, refreshToken: next.refreshToken ?? tokens.refreshToken };
    await options.onRotate?.(tokens);
    return tokens;
  });

  return {
    async getAccessToken() {
      if (isExpiring(tokens, margin)) await refresh();
      return tokens.accessToken;
    },
    refresh,
    current: () => tokens,
  };
}

// ---------------------------------------------------------------------------------------
// Authorization-server side: refresh token families and reuse detection.
// ---------------------------------------------------------------------------------------

/** Thrown when a rotated (already used) refresh token is presented again. */
export class RefreshTokenReuseError extends Error {
  override readonly name = 'RefreshTokenReuseError';
  constructor(readonly familyId: string) {
    super('refresh token reuse detected; the token family has been revoked');
  }
}

export class InvalidRefreshTokenError extends Error {
  override readonly name = 'InvalidRefreshTokenError';
}

interface FamilyRecord {
  readonly subject: string;
  readonly clientId: string;
  /** Hash of the only refresh token of this family that may still be used. */
  currentHash: string;
  revoked: boolean;
}

interface TokenRecord {
  readonly familyId: string;
  used: boolean;
}

/**
 * What an authorization server keeps to rotate refresh tokens safely (OAuth 2.0 Security
 * BCP, RFC 9700 §4.14.2): every grant starts a family; each refresh consumes the presented
 * token and issues its successor; presenting a consumed token means two parties hold the
 * family (one of them a thief), so the whole family is revoked, including the newest token.
 * Tokens are random (32 bytes from the CSPRNG) and stored only as SHA-256 hashes, so a dump
 * of the store holds no usable token.
 */
export class RefreshTokenFamilyStore {
  readonly #families = new Map<string, FamilyRecord>();
  readonly #tokens = new Map<string, TokenRecord>();

  /** Starts a family for a new grant and returns its first refresh token. */
  async issue(subject: string, clientId: string): Promise<{ refreshToken: string; familyId: string }> {
    const familyId = randomToken();
    const refreshToken = randomToken();
    const hash = await sha256(refreshToken);
    this.#families.set(familyId, { subject, clientId, currentHash: hash, revoked: false });
    this.#tokens.set(hash, { familyId, used: false });
    return { refreshToken, familyId };
  }

  /** Consumes `presented` and returns its successor, or revokes the family on reuse. */
  async rotate(presented: string, clientId: string): Promise<{ refreshToken: string; familyId: string; subject: string }> {
    const hash = await sha256(presented);
    const token = this.#tokens.get(hash);
    const family = token && this.#families.get(token.familyId);
    if (token === undefined || family === undefined || family.clientId !== clientId) {
      throw new InvalidRefreshTokenError('unknown refresh token');
    }
    if (family.revoked) {
      throw new InvalidRefreshTokenError('refresh token family revoked');
    }
    if (token.used || family.currentHash !== hash) {
      family.revoked = true;
      throw new RefreshTokenReuseError(token.familyId);
    }
    token.used = true;
    const refreshToken = randomToken();
    const nextHash = await sha256(refreshToken);
    family.currentHash = nextHash;
    this.#tokens.set(nextHash, { familyId: token.familyId, used: false });
    return { refreshToken, familyId: token.familyId, subject: family.subject };
  }

  /** Revokes a whole family (logout, password change, detected theft). */
  revokeFamily(familyId: string): void {
    const family = this.#families.get(familyId);
    if (family) family.revoked = true;
  }

  isFamilyRevoked(familyId: string): boolean {
    return this.#families.get(familyId)?.revoked ?? true;
  }
}

function randomToken(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}

async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return base64url.encode(new Uint8Array(digest));
}
