import { createServer } from 'node:http';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  APP_SCOPES,
  BearerTokenError,
  bearerAuthMiddleware,
  createBearerTokenVerifier,
  createClientCredentialsTokenSource,
  createIssuerJwks,
  readBearerToken,
} from '../../src/reference/index.js';
import { clientFor, login, useControlledClock } from './helpers.js';
import { API_AUDIENCE, OTHER_API_AUDIENCE, SERVICE, WEB_APP, startTestIdp } from './idp.js';

import type { AddressInfo } from 'node:net';
import type { AccessTokenClaims, MiddlewareRequest, OidcClient } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

let idp: TestIdp;
let service: OidcClient;
let verify: ReturnType<typeof createBearerTokenVerifier>;
let clock: ReturnType<typeof useControlledClock> | undefined;

beforeAll(async () => {
  idp = await startTestIdp();
  service = await clientFor(idp, SERVICE.clientId, SERVICE.clientSecret);
  verify = createBearerTokenVerifier({
    issuer: idp.issuer,
    audience: API_AUDIENCE,
    jwks: createIssuerJwks(service.as.jwks_uri!),
    requiredScopes: ['api:read'],
  });
});
afterAll(() => idp.close());
afterEach(() => {
  clock?.restore();
  clock = undefined;
});

function bearer(token: string): Headers {
  return new Headers({ authorization: `Bearer ${token}` });
}

describe('Client Credentials (createClientCredentialsTokenSource)', () => {
  it('gets an audience-restricted token and caches it until shortly before expiry', async () => {
    clock = useControlledClock();
    const source = createClientCredentialsTokenSource(service, {
      scopes: APP_SCOPES.serviceToService,
      resource: API_AUDIENCE,
      expiryMarginSeconds: 60,
    });
    const before = idp.count('/token');

    const [a, b, c] = await Promise.all([source.getAccessToken(), source.getAccessToken(), source.getAccessToken()]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(idp.count('/token')).toBe(before + 1);

    clock.advance(500 * 1000); // ClientCredentials TTL is 600 s: still outside the margin.
    expect(await source.getAccessToken()).toBe(a);
    expect(idp.count('/token')).toBe(before + 1);

    clock.advance(50 * 1000); // now within 60 s of expiry
    const renewed = await source.getAccessToken();
    expect(renewed).not.toBe(a);
    expect(idp.count('/token')).toBe(before + 2);

    await expect(verify(bearer(renewed))).resolves.toMatchObject({ client_id: SERVICE.clientId });
  });
});

describe('Bearer token verification on the API (createBearerTokenVerifier)', () => {
  async function tokenFor(resource: string): Promise<string> {
    return createClientCredentialsTokenSource(service, {
      scopes: APP_SCOPES.serviceToService,
      resource,
    }).getAccessToken();
  }

  it('accepts a valid access token from the Authorization header (Headers or Node headers)', async () => {
    const token = await tokenFor(API_AUDIENCE);
    const claims = await verify(bearer(token));
    expect(claims).toMatchObject({ iss: idp.issuer, aud: API_AUDIENCE, client_id: SERVICE.clientId });
    expect(claims.scope).toContain('api:read');
    await expect(verify({ authorization: `Bearer ${token}` })).resolves.toMatchObject({ aud: API_AUDIENCE });
  });

  it('rejects a token minted for another API (audience)', async () => {
    const token = await tokenFor(OTHER_API_AUDIENCE);
    await expect(verify(bearer(token))).rejects.toMatchObject({
      status: 401,
      code: 'invalid_token',
      cause: { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' },
    });
  });

  it('rejects a token from another issuer', async () => {
    const other = await startTestIdp();
    try {
      const otherService = await clientFor(other, SERVICE.clientId, SERVICE.clientSecret);
      const token = await createClientCredentialsTokenSource(otherService, {
        scopes: APP_SCOPES.serviceToService,
        resource: API_AUDIENCE,
      }).getAccessToken();
      await expect(verify(bearer(token))).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
    } finally {
      await other.close();
    }
  });

  it('rejects an ID token presented as an access token (typ at+jwt)', async () => {
    const webApp = await clientFor(idp, WEB_APP.clientId, WEB_APP.clientSecret);
    const { idToken } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const verifyForWebApp = createBearerTokenVerifier({
      issuer: idp.issuer,
      audience: WEB_APP.clientId, // even with the audience the ID token does carry
      jwks: createIssuerJwks(webApp.as.jwks_uri!),
    });
    await expect(verifyForWebApp(bearer(idToken))).rejects.toMatchObject({
      status: 401,
      cause: { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'typ' },
    });
  });

  it('answers 403 insufficient_scope when a required scope is missing', async () => {
    const token = await tokenFor(API_AUDIENCE);
    const verifyWrite = createBearerTokenVerifier({
      issuer: idp.issuer,
      audience: API_AUDIENCE,
      jwks: createIssuerJwks(service.as.jwks_uri!),
      requiredScopes: ['api:write'],
    });
    const error = await verifyWrite(bearer(token)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BearerTokenError);
    expect(error).toMatchObject({ status: 403, wwwAuthenticate: 'Bearer error="insufficient_scope"' });
  });

  it('reads only the Authorization header', () => {
    expect(() => readBearerToken(new Headers())).toThrow(BearerTokenError);
    expect(() => readBearerToken({ authorization: 'Basic dXNlcjpwYXNz' })).toThrow(/malformed/);
    expect(readBearerToken({ authorization: 'bearer abc.def.ghi' })).toBe('abc.def.ghi');
  });
});

describe('bearerAuthMiddleware on a node:http server', () => {
  async function withApi<T>(run: (base: string) => Promise<T>): Promise<T> {
    const middleware = bearerAuthMiddleware(verify);
    const server = createServer((req, res) => {
      const request = req as typeof req & MiddlewareRequest;
      middleware(request, res, (error) => {
        res.statusCode = error === undefined ? 200 : 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ sub: (request.auth as AccessTokenClaims | undefined)?.sub }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      return await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('lets a valid bearer token through and challenges everything else', async () => {
    const token = await createClientCredentialsTokenSource(service, {
      scopes: APP_SCOPES.serviceToService,
      resource: API_AUDIENCE,
    }).getAccessToken();
    await withApi(async (base) => {
      const ok = await fetch(`${base}/orders`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ sub: SERVICE.clientId });

      const missing = await fetch(`${base}/orders`);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');

      // The attack under test: RFC 6750's query-string form is deliberately not read
      // (URLs end up in logs), so a token sent that way is a 401.
      const query = new URL(`${base}/orders`);
      query.searchParams.set('access_token', token);
      const viaQuery = await fetch(query);
      expect(viaQuery.status).toBe(401);

      const garbage = await fetch(`${base}/orders`, { headers: { authorization: 'Bearer not.a.jwt' } });
      expect(garbage.status).toBe(401);
      expect(garbage.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });
  });
});
