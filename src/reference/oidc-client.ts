import * as oauth from 'oauth4webapi';

import { oauthRequestOptions } from './http.js';
import { createIssuerJwks } from './jwks.js';

import type { JWTVerifyGetKey } from 'jose';
import type { HttpOptions } from './http.js';

/** Everything a client needs to talk to one IdP, created once at startup. */
export interface OidcClient {
  /** The IdP's metadata, fetched by discovery and checked to belong to `issuer`. */
  readonly as: oauth.AuthorizationServer;
  readonly client: oauth.Client;
  /** How this client authenticates at the token endpoint (`None()` for public clients). */
  readonly clientAuth: oauth.ClientAuth;
  /** The IdP's signing keys, cached (see JWKS_CACHE_POLICY). */
  readonly jwks: JWTVerifyGetKey;
  readonly http: HttpOptions | undefined;
}

export interface OidcClientOptions {
  /** The issuer identifier, exactly as the IdP publishes it. */
  issuer: URL | string;
  clientId: string;
  /**
   * Confidential clients only (server web app, service-to-service). Read it from a secret
   * store or the server's environment; never write it in code, never ship it to a browser
   * or a CLI (those are public clients and pass nothing here).
   */
  clientSecret?: string;
  http?: HttpOptions;
}

/**
 * Discovers the IdP and prepares the client. oauth4webapi checks that the metadata's
 * `issuer` equals the one we asked for, which is what makes the later `iss` checks
 * meaningful (a metadata document for another issuer is refused).
 */
export async function createOidcClient(options: OidcClientOptions): Promise<OidcClient> {
  const issuer = new URL(options.issuer);
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: 'oidc',
    ...oauthRequestOptions(issuer, options.http),
  });
  const as = await oauth.processDiscoveryResponse(issuer, response);
  if (as.jwks_uri === undefined) {
    throw new Error(`${as.issuer} publishes no jwks_uri; ID tokens could not be verified`);
  }
  return {
    as,
    client: { client_id: options.clientId },
    clientAuth: options.clientSecret === undefined ? oauth.None() : oauth.ClientSecretBasic(options.clientSecret),
    jwks: createIssuerJwks(as.jwks_uri),
    http: options.http,
  };
}

/** The endpoint URL from metadata, or a clear error when the IdP lacks it. @internal */
export function requireEndpoint(
  as: oauth.AuthorizationServer,
  name: 'authorization_endpoint' | 'token_endpoint' | 'device_authorization_endpoint' | 'end_session_endpoint',
): URL {
  const value = as[name];
  if (typeof value !== 'string') {
    throw new Error(`${as.issuer} metadata has no ${name}`);
  }
  return new URL(value);
}
