import * as oauth from 'oauth4webapi';

import { oauthRequestOptions } from './http.js';
import { requireEndpoint } from './oidc-client.js';

import type { OidcClient } from './oidc-client.js';

/**
 * Revokes a refresh token at the IdP (RFC 7009) when the user signs out, so a copy that
 * leaked earlier stops working too. Deleting the local session alone would not do that.
 */
export async function revokeRefreshToken(oidc: OidcClient, refreshToken: string): Promise<void> {
  const endpoint = oidc.as.revocation_endpoint;
  if (endpoint === undefined) return; // Nothing to call: the token expires on its own.
  const response = await oauth.revocationRequest(oidc.as, oidc.client, oidc.clientAuth, refreshToken, {
    ...oauthRequestOptions(endpoint, oidc.http),
    additionalParameters: { token_type_hint: 'refresh_token' },
  });
  await oauth.processRevocationResponse(response);
}

/**
 * The RP-initiated logout URL (OpenID Connect RP-Initiated Logout 1.0). The ID token goes
 * in `id_token_hint`: the one place a token belongs in a URL, by that spec, and it is an
 * ID token (identifies the session), never an access or refresh token. The post-logout
 * URI must be one registered for this client.
 */
export function createLogoutUrl(oidc: OidcClient, options: { idTokenHint: string; postLogoutRedirectUri: string; state?: string }): URL {
  const url = requireEndpoint(oidc.as, 'end_session_endpoint');
  url.searchParams.set('client_id', oidc.client.client_id);
  url.searchParams.set('id_token_hint', options.idTokenHint);
  url.searchParams.set('post_logout_redirect_uri', options.postLogoutRedirectUri);
  if (options.state !== undefined) url.searchParams.set('state', options.state);
  return url;
}
