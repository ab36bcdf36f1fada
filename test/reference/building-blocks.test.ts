import { calculatePKCECodeChallenge } from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

import {
  APP_SCOPES,
  SESSION_COOKIE_NAME,
  SESSION_COOKIE_OPTIONS,
  clearSessionCookie,
  createEncryptedSessionStore,
  createLoginTransaction,
  createMemorySessionBackend,
  createOidcClient,
  createPkcePair,
  formatScopeParameter,
  hasScope,
  isRegisteredRedirectUri,
  readSessionCookie,
  safeReturnTo,
  serializeSessionCookie,
} from '../../src/reference/index.js';

describe('PKCE and login transaction', () => {
  it('makes a 43+ char verifier and its S256 challenge', async () => {
    const pair = await createPkcePair();
    expect(pair.codeChallengeMethod).toBe('S256');
    expect(pair.codeVerifier).toMatch(/^[\w-]{43,128}$/);
    expect(pair.codeChallenge).toBe(await calculatePKCECodeChallenge(pair.codeVerifier));
  });

  it('draws state, nonce and verifier fresh and independently every time', () => {
    const a = createLoginTransaction();
    const b = createLoginTransaction();
    const values = [a.state, a.nonce, a.codeVerifier, b.state, b.nonce, b.codeVerifier];
    expect(new Set(values).size).toBe(6);
    for (const value of values) expect(value.length).toBeGreaterThanOrEqual(43);
  });
});

describe('redirect URI checking (isRegisteredRedirectUri)', () => {
  const registered = ['https://app.example.com/callback', 'http://127.0.0.1/cli-callback', 'http://[::1]/cb'];

  it('accepts exact matches only', () => {
    expect(isRegisteredRedirectUri('https://app.example.com/callback', registered)).toBe(true);
    for (const candidate of [
      'https://app.example.com/callback/',
      'https://app.example.com/callback?x=1',
      'https://app.example.com/callback#x',
      'https://app.example.com/callback/../evil',
      'https://app.example.com.evil.test/callback',
      'https://evil.test/https://app.example.com/callback',
      'https://APP.example.com/callback',
      'https://app.example.com:443/callback',
      'http://app.example.com/callback',
      'https://user@app.example.com/callback',
    ]) {
      expect(isRegisteredRedirectUri(candidate, registered), candidate).toBe(false);
    }
  });

  it('allows any port on loopback IP literals (RFC 8252 §7.3), nothing else', () => {
    expect(isRegisteredRedirectUri('http://127.0.0.1:49152/cli-callback', registered)).toBe(true);
    expect(isRegisteredRedirectUri('http://[::1]:8080/cb', registered)).toBe(true);
    expect(isRegisteredRedirectUri('http://127.0.0.1:49152/other', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://127.0.0.1:49152/cli-callback?x=1', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://localhost:49152/cli-callback', registered)).toBe(false);
    expect(isRegisteredRedirectUri('https://app.example.com:8443/callback', registered)).toBe(false);
    expect(isRegisteredRedirectUri('not a url', registered)).toBe(false);
  });
});

describe('post-login returnTo (safeReturnTo)', () => {
  const origin = 'https://app.example.com';

  it('keeps same-origin paths', () => {
    expect(safeReturnTo('/orders/42?tab=items#top', origin)).toBe('/orders/42?tab=items#top');
    expect(safeReturnTo('/', origin)).toBe('/');
  });

  it('falls back for anything that could leave the origin', () => {
    for (const candidate of [
      '//evil.test',
      '/\\evil.test',
      '/\t/evil.test',
      '/\n/evil.test',
      'https://evil.test/',
      'https://app.example.com.evil.test/',
      'javascript:alert(1)',
      'evil.test',
      '',
      undefined,
      ['/', '//evil.test'],
    ]) {
      expect(safeReturnTo(candidate, origin), String(candidate)).toBe('/');
    }
    expect(safeReturnTo('//evil.test', origin, '/home')).toBe('/home');
  });
});

describe('scopes', () => {
  it('declares every scope set in one place and formats it', () => {
    expect(formatScopeParameter(APP_SCOPES.webLogin)).toBe('openid profile email offline_access');
    expect(formatScopeParameter(['openid', 'openid', 'email'])).toBe('openid email');
    expect(APP_SCOPES.serviceToService).toEqual(['api:read']);
  });

  it('refuses wildcard and malformed scopes', () => {
    expect(() => formatScopeParameter(['openid', '*'])).toThrow(/over-broad/);
    expect(() => formatScopeParameter(['admin'])).toThrow(/over-broad/);
    expect(() => formatScopeParameter(['openid email'])).toThrow(/invalid/);
  });

  it('checks granted scopes token by token', () => {
    expect(hasScope('openid api:read', 'api:read')).toBe(true);
    expect(hasScope('openid api:readwrite', 'api:read')).toBe(false);
    expect(hasScope(undefined, 'api:read')).toBe(false);
  });
});

describe('session cookie and encrypted session store', () => {
  it('uses one constant for the flags, and the header carries all of them', () => {
    expect(SESSION_COOKIE_OPTIONS).toEqual({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
    const header = serializeSessionCookie('abc', 3600);
    expect(header).toBe(`${SESSION_COOKIE_NAME}=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax`);
    expect(SESSION_COOKIE_NAME.startsWith('__Host-')).toBe(true);
    expect(clearSessionCookie()).toContain('Max-Age=0');
  });

  it('reads the session id back from a Cookie header', () => {
    expect(readSessionCookie(`a=1; ${SESSION_COOKIE_NAME}=xyz; b=2`)).toBe('xyz');
    expect(readSessionCookie('a=1')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });

  it('stores records encrypted and bound to their session id', async () => {
    const backend = createMemorySessionBackend();
    const store = createEncryptedSessionStore<{ refreshToken: string }>(crypto.getRandomValues(new Uint8Array(32)), backend, {
      ttlSeconds: 60,
    });
    const a = await store.create({ refreshToken: 'refresh-token-value-a' });
    const b = await store.create({ refreshToken: 'refresh-token-value-b' });
    expect(a).toMatch(/^[\w-]{43}$/);

    const raw = await backend.get(a);
    expect(raw).toBeDefined();
    expect(raw).not.toContain('refresh-token-value-a');
    expect((raw ?? '').split('.')).toHaveLength(5); // compact JWE

    expect(await store.get(a)).toEqual({ refreshToken: 'refresh-token-value-a' });
    // A record copied into another session's slot is not accepted there.
    await backend.set(b, raw!, 60);
    expect(await store.get(b)).toBeUndefined();

    await store.destroy(a);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.get(undefined)).toBeUndefined();
  });

  it('treats a record sealed with another key (rotated key, tampering) as no session', async () => {
    const backend = createMemorySessionBackend();
    const options = { ttlSeconds: 60 };
    const before = createEncryptedSessionStore<{ n: number }>(crypto.getRandomValues(new Uint8Array(32)), backend, options);
    const after = createEncryptedSessionStore<{ n: number }>(crypto.getRandomValues(new Uint8Array(32)), backend, options);
    const id = await before.create({ n: 1 });
    expect(await after.get(id)).toBeUndefined();
  });

  it('rejects a key of the wrong size', () => {
    expect(() => createEncryptedSessionStore(new Uint8Array(16), createMemorySessionBackend(), { ttlSeconds: 60 })).toThrow(/32 bytes/);
  });
});

describe('transport safety', () => {
  it('never lets allowInsecureRequests reach a non-loopback IdP', async () => {
    await expect(
      createOidcClient({
        issuer: 'http://idp.example.test',
        clientId: 'x',
        http: { allowInsecureRequests: true },
      }),
    ).rejects.toThrow(/https/i);
  });
});
