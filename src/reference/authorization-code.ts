import * as oauth from 'oauth4webapi';

import { oauthRequestOptions } from './http.js';
import { verifyIdToken } from './id-token.js';
import { requireEndpoint } from './oidc-client.js';
import { createLoginTransaction } from './pkce.js';
import { formatScopeParameter } from './scopes.js';
import { toTokenSet } from './tokens.js';

import type { IdTokenClaims } from './id-token.js';
import type { OidcClient } from './oidc-client.js';
import type { LoginTransaction } from './pkce.js';
import type { TokenSet } from './tokens.js';

export interface AuthorizationRequestOptions {
  /** One of the client's registered redirect URIs, exactly as registered. */
  redirectUri: string;
  /** From APP_SCOPES; never built from user input. */
  scopes: readonly string[];
}

export interface AuthorizationRequest {
  /** Where to send the browser (a 302/303 `Location`). */
  readonly url: URL;
  /**
   * Keep this server-side (the encrypted session store), keyed by the session cookie,
   * until the callback. It is single-use: delete it when the callback runs.
   */
  readonly transaction: LoginTransaction;
}

/**
 * Builds the authorization request for the Authorization Code flow with PKCE: fresh
 * `state`, `nonce` and code verifier, the S256 challenge, and `response_type=code`
 * (never `token`: the implicit grant puts tokens in the URL).
 */
export async function createAuthorizationRequest(oidc: OidcClient, options: AuthorizationRequestOptions): Promise<AuthorizationRequest> {
  const transaction = createLoginTransaction();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(transaction.codeVerifier);
  const url = requireEndpoint(oidc.as, 'authorization_endpoint');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.client.client_id);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', formatScopeParameter(options.scopes));
  url.searchParams.set('state', transaction.state);
  url.searchParams.set('nonce', transaction.nonce);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (options.scopes.includes('offline_access')) {
    // OIDC Core §11: offline_access is only honoured with an explicit consent prompt.
    url.searchParams.set('prompt', 'consent');
  }
  return { url, transaction };
}

export interface AuthorizationCallbackResult {
  readonly claims: IdTokenClaims;
  readonly tokens: TokenSet;
  /** Kept only to send as `id_token_hint` at logout; never used as an API credential. */
  readonly idToken: string;
}

/**
 * Handles the redirect back from the IdP:
 * 1. `validateAuthResponse` compares the returned `state` with the stored one (and
 *    surfaces `error=` responses) before anything else happens;
 * 2. the code is exchanged together with the PKCE verifier, at the redirect URI it was
 *    issued for;
 * 3. the token response's ID token is checked by oauth4webapi (`iss`, `aud`, `exp`,
 *    `nonce`) and then verified again with jose against the IdP's JWKS with an algorithm
 *    allowlist, so the signature check does not rest on TLS alone.
 */
export async function handleAuthorizationCallback(
  oidc: OidcClient,
  callbackUrl: URL,
  transaction: LoginTransaction,
  options: { redirectUri: string },
): Promise<AuthorizationCallbackResult> {
  const params = oauth.validateAuthResponse(oidc.as, oidc.client, callbackUrl, transaction.state);
  const startedAt = Date.now();
  const response = await oauth.authorizationCodeGrantRequest(
    oidc.as,
    oidc.client,
    oidc.clientAuth,
    params,
    options.redirectUri,
    transaction.codeVerifier,
    oauthRequestOptions(requireEndpoint(oidc.as, 'token_endpoint'), oidc.http),
  );
  const result = await oauth.processAuthorizationCodeResponse(oidc.as, oidc.client, response, {
    expectedNonce: transaction.nonce,
    requireIdToken: true,
  });
  // requireIdToken guarantees it; the check narrows the type.
  if (result.id_token === undefined) throw new Error('token response has no id_token');
  const claims = await verifyIdToken(oidc, result.id_token, { nonce: transaction.nonce });
  return { claims, tokens: toTokenSet(result, startedAt), idToken: result.id_token };
}
