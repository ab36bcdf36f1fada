import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  APP_SCOPES,
  InvalidRefreshTokenError,
  RefreshTokenFamilyStore,
  RefreshTokenReuseError,
  createRefreshingTokenSource,
  singleFlight,
} from '../../src/reference/index.js';
import { clientFor, login } from './helpers.js';
import { WEB_APP, startTestIdp } from './idp.js';

import type { OidcClient, TokenSet } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

let idp: TestIdp;
let webApp: OidcClient;

beforeAll(async () => {
  idp = await startTestIdp();
  webApp = await clientFor(idp, WEB_APP.clientId, WEB_APP.clientSecret);
});
afterAll(() => idp.close());

describe('refresh with rotation, client side (createRefreshingTokenSource)', () => {
  it('rotates the refresh token on every use and reports each rotation', async () => {
    const { tokens } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const rotations: TokenSet[] = [];
    const source = createRefreshingTokenSource(webApp, tokens, { onRotate: (next) => void rotations.push(next) });

    const first = await source.refresh();
    const second = await source.refresh();
    expect(first.refreshToken).toEqual(expect.any(String));
    expect(new Set([tokens.refreshToken, first.refreshToken, second.refreshToken]).size).toBe(3);
    expect(rotations).toEqual([first, second]);
    expect(source.current()).toBe(second);
  });

  it('serialises concurrent refreshes into one token request (two 401s at once)', async () => {
    const { tokens } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const source = createRefreshingTokenSource(webApp, tokens);
    const before = idp.count('/token');

    const results = await Promise.all([source.refresh(), source.refresh(), source.refresh()]);

    expect(idp.count('/token')).toBe(before + 1);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
    // The single rotated token is the live one: the next refresh still works.
    await expect(source.refresh()).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it('does not refresh while the access token is still valid', async () => {
    const { tokens } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const source = createRefreshingTokenSource(webApp, tokens);
    const before = idp.count('/token');
    await expect(source.getAccessToken()).resolves.toBe(tokens.accessToken);
    expect(idp.count('/token')).toBe(before);
  });

  it('refreshes an expiring access token before handing it out, once for concurrent callers', async () => {
    const { tokens } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const source = createRefreshingTokenSource(webApp, { ...tokens, expiresAt: Date.now() - 1 });
    const before = idp.count('/token');
    const [a, b] = await Promise.all([source.getAccessToken(), source.getAccessToken()]);
    expect(a).toBe(b);
    expect(a).not.toBe(tokens.accessToken);
    expect(idp.count('/token')).toBe(before + 1);
  });

  it('a reused rotated refresh token revokes the whole family at the IdP', async () => {
    const { tokens } = await login(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const legitimate = createRefreshingTokenSource(webApp, tokens);
    const rotated = await legitimate.refresh();

    // An attacker (or an unserialised second tab) replays the old refresh token.
    const replay = createRefreshingTokenSource(webApp, tokens);
    await expect(replay.refresh()).rejects.toMatchObject({ error: 'invalid_grant' });

    // The family is revoked: the legitimate holder's newest token is dead too.
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    await expect(legitimate.refresh()).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('refresh token families, authorization-server side (RefreshTokenFamilyStore)', () => {
  it('rotates: each token works once and yields a successor', async () => {
    const store = new RefreshTokenFamilyStore();
    const { refreshToken: t0, familyId } = await store.issue('alice', 'web-app');
    const t1 = await store.rotate(t0, 'web-app');
    const t2 = await store.rotate(t1.refreshToken, 'web-app');
    expect(t1.familyId).toBe(familyId);
    expect(t2.subject).toBe('alice');
    expect(new Set([t0, t1.refreshToken, t2.refreshToken]).size).toBe(3);
    expect(t0).toMatch(/^[\w-]{43}$/);
  });

  it('detects reuse of a rotated token and revokes the family, including the newest token', async () => {
    const store = new RefreshTokenFamilyStore();
    const { refreshToken: t0, familyId } = await store.issue('alice', 'web-app');
    const t1 = await store.rotate(t0, 'web-app');

    await expect(store.rotate(t0, 'web-app')).rejects.toBeInstanceOf(RefreshTokenReuseError);
    expect(store.isFamilyRevoked(familyId)).toBe(true);
    await expect(store.rotate(t1.refreshToken, 'web-app')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('keeps families apart and binds tokens to their client', async () => {
    const store = new RefreshTokenFamilyStore();
    const a = await store.issue('alice', 'web-app');
    const b = await store.issue('bob', 'web-app');
    await store.rotate(a.refreshToken, 'web-app');
    await expect(store.rotate(a.refreshToken, 'web-app')).rejects.toBeInstanceOf(RefreshTokenReuseError);
    expect(store.isFamilyRevoked(b.familyId)).toBe(false);
    await expect(store.rotate(b.refreshToken, 'spa')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    await expect(store.rotate('not-a-token', 'web-app')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    await expect(store.rotate(b.refreshToken, 'web-app')).resolves.toMatchObject({ subject: 'bob' });
  });

  it('revokes a family explicitly (logout)', async () => {
    const store = new RefreshTokenFamilyStore();
    const { refreshToken, familyId } = await store.issue('alice', 'web-app');
    store.revokeFamily(familyId);
    await expect(store.rotate(refreshToken, 'web-app')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });
});

describe('singleFlight', () => {
  it('shares one run between concurrent callers, and starts a new one afterwards', async () => {
    let runs = 0;
    const run = singleFlight(async () => {
      runs += 1;
      await Promise.resolve();
      return runs;
    });
    expect(await Promise.all([run(), run(), run()])).toEqual([1, 1, 1]);
    expect(await run()).toBe(2);
  });

  it('lets the next caller retry after a failure', async () => {
    let runs = 0;
    const run = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error('network down');
      return runs;
    });
    await expect(Promise.all([run(), run()])).rejects.toThrow('network down');
    expect(await run()).toBe(2);
  });
});
