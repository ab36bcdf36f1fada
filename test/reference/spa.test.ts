import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_SCOPES, createLoginTransaction, createSpaAuthClient } from '../../src/reference/index.js';
import { TestBrowser } from './browser.js';
import { clientFor } from './helpers.js';
import { ACCOUNT_ID, SPA, startTestIdp } from './idp.js';

import type { LoginTransactionStore, OidcClient } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

let idp: TestIdp;
let spaClient: OidcClient;

beforeAll(async () => {
  idp = await startTestIdp();
  spaClient = await clientFor(idp, SPA.clientId);
});
afterAll(() => idp.close());

/** Stands in for sessionStorage; also lets the test see everything ever written to it. */
function memoryTransactionStore(): LoginTransactionStore & { writes: string[] } {
  const values = new Map<string, string>();
  const writes: string[] = [];
  return {
    writes,
    save: (key, value) => {
      writes.push(value);
      values.set(key, value);
    },
    load: (key) => values.get(key) ?? null,
    remove: (key) => {
      values.delete(key);
    },
  };
}

async function signedInSpa() {
  const store = memoryTransactionStore();
  const spa = createSpaAuthClient(spaClient, {
    redirectUri: SPA.redirectUri,
    scopes: APP_SCOPES.spaLogin,
    transactionStore: store,
  });
  const callbackUrl = await new TestBrowser().followRedirects(await spa.login(), SPA.redirectUri);
  const claims = await spa.handleRedirectCallback(callbackUrl);
  return { spa, store, claims, callbackUrl };
}

describe('Authorization Code + PKCE in a browser SPA (createSpaAuthClient)', () => {
  it('signs in as a public client and keeps tokens in memory only', async () => {
    const { spa, store, claims } = await signedInSpa();
    expect(claims.sub).toBe(ACCOUNT_ID);
    expect(claims.aud).toBe(SPA.clientId);
    expect(spa.isAuthenticated()).toBe(true);
    const accessToken = await spa.getAccessToken();
    // The only thing ever written to storage is the login transaction, never a token.
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]).not.toContain(accessToken);
    expect(Object.keys(JSON.parse(store.writes[0]!))).toEqual(['state', 'nonce', 'codeVerifier']);
    spa.logout();
    expect(spa.isAuthenticated()).toBe(false);
    await expect(spa.getAccessToken()).rejects.toThrow(/not signed in/);
  });

  it('sends PKCE S256, state and nonce, and no client secret', async () => {
    const spa = createSpaAuthClient(spaClient, {
      redirectUri: SPA.redirectUri,
      scopes: APP_SCOPES.spaLogin,
      transactionStore: memoryTransactionStore(),
    });
    const url = await spa.login();
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.has('client_secret')).toBe(false);
  });

  it('rejects a callback with a foreign state (login CSRF), without exchanging the code', async () => {
    const store = memoryTransactionStore();
    const spa = createSpaAuthClient(spaClient, {
      redirectUri: SPA.redirectUri,
      scopes: APP_SCOPES.spaLogin,
      transactionStore: store,
    });
    const callbackUrl = await new TestBrowser().followRedirects(await spa.login(), SPA.redirectUri);
    // The attacker's own login transaction supplies the foreign state.
    callbackUrl.searchParams.set('state', createLoginTransaction().state);
    const before = idp.count('/token');
    await expect(spa.handleRedirectCallback(callbackUrl)).rejects.toThrow(/state/);
    expect(idp.count('/token')).toBe(before);
    expect(spa.isAuthenticated()).toBe(false);
  });

  it('treats the transaction as single-use: a replayed callback is refused', async () => {
    const { spa, callbackUrl } = await signedInSpa();
    await expect(spa.handleRedirectCallback(callbackUrl)).rejects.toThrow(/no login in progress/);
  });

  it('serialises refreshes from concurrent 401 handlers into one token request', async () => {
    const { spa } = await signedInSpa();
    const first = await spa.getAccessToken();
    const before = idp.count('/token');
    const tokens = await Promise.all([spa.refreshAfterUnauthorized(), spa.refreshAfterUnauthorized(), spa.refreshAfterUnauthorized()]);
    expect(idp.count('/token')).toBe(before + 1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    // The rotated refresh token kept in memory still works afterwards.
    await expect(spa.refreshAfterUnauthorized()).resolves.toEqual(expect.any(String));
  });
});
