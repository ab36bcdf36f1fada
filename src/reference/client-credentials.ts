import * as oauth from 'oauth4webapi';

import { oauthRequestOptions } from './http.js';
import { requireEndpoint } from './oidc-client.js';
import { singleFlight } from './refresh.js';
import { formatScopeParameter } from './scopes.js';
import { isExpiring, toTokenSet } from './tokens.js';

import type { OidcClient } from './oidc-client.js';
import type { TokenSet } from './tokens.js';

export interface ClientCredentialsOptions {
  /** From APP_SCOPES.serviceToService. */
  scopes: readonly string[];
  /** The API's resource identifier (RFC 8707), so the token is audience-restricted to it. */
  resource?: string;
  /** Fetch a new token this many seconds before the cached one expires. */
  expiryMarginSeconds?: number;
}

export interface ClientCredentialsTokenSource {
  getAccessToken(): Promise<string>;
}

/**
 * Client Credentials grant for service-to-service calls (a confidential client: create
 * the OidcClient with a `clientSecret` from the secret store). The token is cached until
 * shortly before it expires, and concurrent callers share one token request, so a busy
 * service does not ask the IdP for a token per outgoing call.
 */
export function createClientCredentialsTokenSource(oidc: OidcClient, options: ClientCredentialsOptions): ClientCredentialsTokenSource {
  const margin = options.expiryMarginSeconds ?? 60;
  let cached: TokenSet | undefined;

  const fetchToken = singleFlight(async () => {
    const parameters = new URLSearchParams({ scope: formatScopeParameter(options.scopes) });
    if (options.resource !== undefined) parameters.set('resource', options.resource);
    const startedAt = Date.now();
    const response = await oauth.clientCredentialsGrantRequest(
      oidc.as,
      oidc.client,
      oidc.clientAuth,
      parameters,
      oauthRequestOptions(requireEndpoint(oidc.as, 'token_endpoint'), oidc.http),
    );
    const result = await oauth.processClientCredentialsResponse(oidc.as, oidc.client, response);
    cached = toTokenSet(result, startedAt);
    return cached;
  });

  return {
    async getAccessToken() {
      if (cached === undefined || isExpiring(cached, margin)) {
        return (await fetchToken()).accessToken;
      }
      return cached.accessToken;
    },
  };
}
