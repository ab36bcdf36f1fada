import { SignJWT, errors, importJWK, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { APP_SCOPES, JWKS_CACHE_POLICY, createIssuerJwks, verifyIdToken } from '../../src/reference/index.js';
import { clientFor, login, useControlledClock } from './helpers.js';
import { ACCOUNT_ID, SIGNING_ALG, WEB_APP, createSigningKey, startTestIdp } from './idp.js';

import type { TestIdp } from './idp.js';

let idp: TestIdp;
let clock: ReturnType<typeof useControlledClock> | undefined;

beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(() => idp.close());
afterEach(() => {
  clock?.restore();
  clock = undefined;
});

describe('JWKS cache (createIssuerJwks)', () => {
  it('spells out a bounded cache age and a refetch cooldown', () => {
    expect(JWKS_CACHE_POLICY.cacheMaxAge).toBeGreaterThan(0);
    expect(Number.isFinite(JWKS_CACHE_POLICY.cacheMaxAge)).toBe(true);
    expect(JWKS_CACHE_POLICY.cooldownDuration).toBeGreaterThan(0);
  });

  it('survives key rotation: refetches once on an unknown kid, rate-limited by the cooldown', async () => {
    clock = useControlledClock();
    // One client = one JWKS cache, shared by every login below (as in a real server).
    const webApp = await clientFor(idp, WEB_APP.clientId, WEB_APP.clientSecret);
    const jwksPath = new URL(webApp.as.jwks_uri!).pathname;

    await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    expect(idp.count(jwksPath)).toBe(1);
    await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    expect(idp.count(jwksPath)).toBe(1); // cached

    // The IdP rotates: new tokens are signed with key-2, which our cache has never seen.
    await idp.rotateKeys(await createSigningKey('key-2'));

    // Within the cooldown after the last fetch, an unknown kid does not trigger a refetch.
    await expect(login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(idp.count(jwksPath)).toBe(1);

    // After the cooldown, the unknown kid triggers exactly one refetch, and the login works.
    clock.advance(JWKS_CACHE_POLICY.cooldownDuration + 1000);
    const result = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    expect(result.claims.sub).toBe(ACCOUNT_ID);
    expect(idp.count(jwksPath)).toBe(2);

    // A forged kid right after that: rejected, no refetch (no amplification).
    const forgedKey = await createSigningKey('forged');
    const forged = await new SignJWT({ iss: idp.issuer, aud: WEB_APP.clientId, sub: ACCOUNT_ID, nonce: 'n' })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: forgedKey.kid })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(forgedKey.privateJwk, SIGNING_ALG));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(verifyIdToken(webApp, forged, { nonce: 'n' })).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    }
    expect(idp.count(jwksPath)).toBe(2);
  });

  it('refetches keys once the cache is older than cacheMaxAge', async () => {
    clock = useControlledClock();
    const webApp = await clientFor(idp, WEB_APP.clientId, WEB_APP.clientSecret);
    const jwksPath = new URL(webApp.as.jwks_uri!).pathname;
    const before = idp.count(jwksPath);
    await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    expect(idp.count(jwksPath)).toBe(before + 1);
    clock.advance(JWKS_CACHE_POLICY.cacheMaxAge + 1000);
    await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    expect(idp.count(jwksPath)).toBe(before + 2);
  });

  it('creates a standalone resolver for code that only verifies tokens', async () => {
    const webApp = await clientFor(idp, WEB_APP.clientId, WEB_APP.clientSecret);
    const { idToken } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const jwks = createIssuerJwks(webApp.as.jwks_uri!);
    const { payload } = await jwtVerify(idToken, jwks, {
      issuer: idp.issuer,
      audience: WEB_APP.clientId,
      algorithms: [SIGNING_ALG],
    });
    expect(payload.sub).toBe(ACCOUNT_ID);
  });
});
