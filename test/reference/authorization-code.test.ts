import { SignJWT, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  APP_SCOPES,
  IdTokenValidationError,
  createAuthorizationRequest,
  createEncryptedSessionStore,
  createLoginTransaction,
  createMemorySessionBackend,
  createOidcClient,
  handleAuthorizationCallback,
  readSessionCookie,
  serializeSessionCookie,
  verifyIdToken,
} from '../../src/reference/index.js';
import { TestBrowser } from './browser.js';
import { ACCOUNT_ID, SIGNING_ALG, SPA, WEB_APP, startTestIdp } from './idp.js';

import type { LoginTransaction, OidcClient } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

let idp: TestIdp;
let webApp: OidcClient;

beforeAll(async () => {
  idp = await startTestIdp();
  webApp = await createOidcClient({
    issuer: idp.issuer,
    clientId: WEB_APP.clientId,
    clientSecret: WEB_APP.clientSecret,
    http: { allowInsecureRequests: true },
  });
});
afterAll(() => idp.close());

/** Runs the browser part of a login: authorize URL → IdP → redirect back with a code. */
async function loginAtIdp(
  client: OidcClient,
  redirectUri: string,
  scopes: readonly string[],
): Promise<{ callbackUrl: URL; transaction: LoginTransaction; authorizeUrl: URL }> {
  const { url, transaction } = await createAuthorizationRequest(client, { redirectUri, scopes });
  const callbackUrl = await new TestBrowser().followRedirects(url, redirectUri);
  return { callbackUrl, transaction, authorizeUrl: url };
}

describe('Authorization Code + PKCE, server-side web app', () => {
  it('builds an authorization request with state, nonce and an S256 challenge', async () => {
    const { url, transaction } = await createAuthorizationRequest(webApp, {
      redirectUri: WEB_APP.redirectUri,
      scopes: APP_SCOPES.webLogin,
    });
    expect(url.origin + url.pathname).toBe(webApp.as.authorization_endpoint);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toBe(transaction.state);
    expect(url.searchParams.get('nonce')).toBe(transaction.nonce);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('code_challenge')).not.toBe(transaction.codeVerifier);
    expect(transaction.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(url.searchParams.get('scope')).toBe('openid profile email offline_access');
  });

  it('logs in end to end: session cookie, encrypted session, verified ID token, refresh token kept server-side', async () => {
    const sessions = createEncryptedSessionStore<{
      transaction?: LoginTransaction;
      sub?: string;
      refreshToken?: string;
    }>(crypto.getRandomValues(new Uint8Array(32)), createMemorySessionBackend(), { ttlSeconds: 3600 });

    // GET /login: new session holding the transaction, cookie to the browser, 302 to the IdP.
    const { url, transaction } = await createAuthorizationRequest(webApp, {
      redirectUri: WEB_APP.redirectUri,
      scopes: APP_SCOPES.webLogin,
    });
    const sessionId = await sessions.create({ transaction });
    const setCookie = serializeSessionCookie(sessionId, 3600);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    const callbackUrl = await new TestBrowser().followRedirects(url, WEB_APP.redirectUri);

    // GET /callback: the browser sends the cookie back; the transaction is single-use.
    const session = await sessions.get(readSessionCookie(`other=1; ${setCookie.split(';')[0]}`));
    expect(session?.transaction).toEqual(transaction);
    const result = await handleAuthorizationCallback(webApp, callbackUrl, session!.transaction!, {
      redirectUri: WEB_APP.redirectUri,
    });
    await sessions.set(sessionId, { sub: result.claims.sub, refreshToken: result.tokens.refreshToken });

    expect(result.claims.sub).toBe(ACCOUNT_ID);
    expect(result.claims.nonce).toBe(transaction.nonce);
    expect(result.claims.aud).toBe(WEB_APP.clientId);
    expect(result.tokens.accessToken).toEqual(expect.any(String));
    expect(result.tokens.refreshToken).toEqual(expect.any(String));
    expect((await sessions.get(sessionId))?.refreshToken).toBe(result.tokens.refreshToken);
  });

  it('rejects a callback whose state does not match, before exchanging the code', async () => {
    const { callbackUrl, transaction } = await loginAtIdp(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const tokenRequests = idp.count('/token');
    await expect(
      handleAuthorizationCallback(
        webApp,
        callbackUrl,
        { ...transaction, state: createLoginTransaction().state },
        {
          redirectUri: WEB_APP.redirectUri,
        },
      ),
    ).rejects.toThrow(/state/);
    expect(idp.count('/token')).toBe(tokenRequests);
  });

  it('rejects a callback with no state at all', async () => {
    const { callbackUrl, transaction } = await loginAtIdp(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    callbackUrl.searchParams.delete('state');
    await expect(handleAuthorizationCallback(webApp, callbackUrl, transaction, { redirectUri: WEB_APP.redirectUri })).rejects.toThrow(
      /state/,
    );
  });

  it('rejects a code exchange whose ID token carries another nonce', async () => {
    const { callbackUrl, transaction } = await loginAtIdp(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    await expect(
      handleAuthorizationCallback(
        webApp,
        callbackUrl,
        { ...transaction, nonce: createLoginTransaction().nonce },
        {
          redirectUri: WEB_APP.redirectUri,
        },
      ),
    ).rejects.toThrow(/nonce/);
  });

  it('rejects a code exchange with the wrong PKCE verifier (IdP refuses it)', async () => {
    const { callbackUrl, transaction } = await loginAtIdp(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    await expect(
      handleAuthorizationCallback(
        webApp,
        callbackUrl,
        { ...transaction, codeVerifier: 'x'.repeat(43) },
        { redirectUri: WEB_APP.redirectUri },
      ),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('surfaces an error response (user denied) instead of exchanging anything', async () => {
    idp.denyInteractions = true;
    try {
      const { callbackUrl, transaction } = await loginAtIdp(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
      expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
      await expect(
        handleAuthorizationCallback(webApp, callbackUrl, transaction, { redirectUri: WEB_APP.redirectUri }),
      ).rejects.toMatchObject({ error: 'access_denied' });
    } finally {
      idp.denyInteractions = false;
    }
  });
});

describe('ID token verification (verifyIdToken)', () => {
  async function realIdToken(): Promise<{ idToken: string; nonce: string }> {
    const { callbackUrl, transaction } = await loginAtIdp(webApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
    const result = await handleAuthorizationCallback(webApp, callbackUrl, transaction, {
      redirectUri: WEB_APP.redirectUri,
    });
    return { idToken: result.idToken, nonce: transaction.nonce };
  }

  /** Signs claims with the IdP's own key, to isolate one claim check at a time. */
  async function mintWithIdpKey(claims: Record<string, unknown>): Promise<string> {
    const key = await importJWK(idp.signingKey.privateJwk, SIGNING_ALG);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, kid: idp.signingKey.kid })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  it('accepts the IdP-signed ID token of this login', async () => {
    const { idToken, nonce } = await realIdToken();
    expect(decodeProtectedHeader(idToken).kid).toBe(idp.signingKey.kid);
    await expect(verifyIdToken(webApp, idToken, { nonce })).resolves.toMatchObject({ sub: ACCOUNT_ID });
  });

  it('rejects an ID token replayed into a later login (nonce mismatch)', async () => {
    const earlier = await realIdToken();
    const { url, transaction: later } = await createAuthorizationRequest(webApp, {
      redirectUri: WEB_APP.redirectUri,
      scopes: APP_SCOPES.webLogin,
    });
    expect(url.searchParams.get('nonce')).toBe(later.nonce);
    await expect(verifyIdToken(webApp, earlier.idToken, { nonce: later.nonce })).rejects.toThrow(IdTokenValidationError);
  });

  it('rejects an ID token issued to another client (audience)', async () => {
    const spa = await createOidcClient({
      issuer: idp.issuer,
      clientId: SPA.clientId,
      http: { allowInsecureRequests: true },
    });
    const { callbackUrl, transaction } = await loginAtIdp(spa, SPA.redirectUri, APP_SCOPES.spaLogin);
    const spaResult = await handleAuthorizationCallback(spa, callbackUrl, transaction, {
      redirectUri: SPA.redirectUri,
    });
    // A real, correctly signed ID token from the same IdP, but for the SPA, not the web app.
    await expect(verifyIdToken(webApp, spaResult.idToken, { nonce: transaction.nonce })).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });
  });

  it('rejects an ID token from another issuer, even when signed with a trusted key', async () => {
    const token = await mintWithIdpKey({
      iss: 'https://evil.example.test',
      aud: WEB_APP.clientId,
      sub: ACCOUNT_ID,
      nonce: 'n-1',
    });
    await expect(verifyIdToken(webApp, token, { nonce: 'n-1' })).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iss',
    });
  });

  it('rejects an ID token from a second, unrelated IdP', async () => {
    const other = await startTestIdp();
    try {
      const otherWebApp = await createOidcClient({
        issuer: other.issuer,
        clientId: WEB_APP.clientId,
        clientSecret: WEB_APP.clientSecret,
        http: { allowInsecureRequests: true },
      });
      const { callbackUrl, transaction } = await loginAtIdp(otherWebApp, WEB_APP.redirectUri, APP_SCOPES.webLogin);
      const { idToken } = await handleAuthorizationCallback(otherWebApp, callbackUrl, transaction, {
        redirectUri: WEB_APP.redirectUri,
      });
      await expect(verifyIdToken(webApp, idToken, { nonce: transaction.nonce })).rejects.toThrow();
    } finally {
      await other.close();
    }
  });

  it('rejects alg=none and HMAC-signed tokens', async () => {
    const claims = { iss: idp.issuer, aud: WEB_APP.clientId, sub: ACCOUNT_ID, nonce: 'n-2' };
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: idp.signingKey.kid })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(verifyIdToken(webApp, hmac, { nonce: 'n-2' })).rejects.toMatchObject({
      code: 'ERR_JOSE_ALG_NOT_ALLOWED',
    });
    const [, payload] = hmac.split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(verifyIdToken(webApp, unsigned, { nonce: 'n-2' })).rejects.toThrow();
  });

  it('rejects an expired ID token', async () => {
    const key = await importJWK(idp.signingKey.privateJwk, SIGNING_ALG);
    const expired = await new SignJWT({ iss: idp.issuer, aud: WEB_APP.clientId, sub: ACCOUNT_ID, nonce: 'n-3' })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: idp.signingKey.kid })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 600)
      .sign(key);
    await expect(verifyIdToken(webApp, expired, { nonce: 'n-3' })).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    });
  });
});
