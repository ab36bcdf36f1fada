import rule from '../../rules/require-nonce-check';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

// A library verify and a hand decode of the same ID token in one function: one problem, reported at the verify.
const verifyThenDecode = `const jsrsasign = require('jsrsasign');
async function callback(req, res) {
  const tokRes = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, redirect_uri: CB, client_id: ID }) });
  const body = await tokRes.json();
  if (jsrsasign.KJUR.jws.JWS.verify(body.id_token, pubKey, ['RS256'])) {
    const payload = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
    if (payload.iss === ISSUER && payload.aud === ID) req.session.user = payload.sub;
  }
}`;

ruleTester.run('require-nonce-check', rule, {
  valid: [
    // The module sends a nonce, but these decodes read claims of a stored session token and of an
    // ID token handed in from a grant that sends no nonce (passwordless): no login to bind them to.
    `import * as jose from 'jose';
export function loginUrl(nonce: string, state: string, challenge: string) {
  const params = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: CALLBACK, scope: 'openid', state, nonce, code_challenge: challenge, code_challenge_method: 'S256' });
  return \`\${ISSUER}/authorize?\${params}\`;
}
export function domainOf(session: { tokenSet: { idToken: string } }) {
  const { iss } = jose.decodeJwt(session.tokenSet.idToken);
  return iss;
}
export function userFromPasswordless(tokenResponse: { id_token: string }) {
  return jose.decodeJwt(tokenResponse.id_token);
}`,
    // A custom provider typed with `as OAuthConfig` whose checks hold 'pkce'.
    `import type { OAuthConfig } from 'next-auth/providers/oauth';
export const CorpIdp = (issuer: string) =>
  ({
    id: 'corp',
    name: 'Corp',
    type: 'oauth',
    wellKnown: \`\${issuer}/.well-known/openid-configuration\`,
    authorization: { params: { scope: 'openid email' } },
    checks: ['pkce', 'state'],
  }) as OAuthConfig<Record<string, string>>;`,
    // The same module compares the nonce by hand.
    `const { URL } = require('url');
const jwt = require('jsonwebtoken');
function authorizeUrl(clientId, redirectUri, state) {
  const url = new URL('https://appleid.apple.com/auth/authorize');
  url.searchParams.append('response_type', 'code');
  url.searchParams.append('client_id', clientId);
  url.searchParams.append('redirect_uri', redirectUri);
  url.searchParams.append('state', state);
  url.searchParams.append('scope', 'openid email');
  return url.toString();
}
function claimsOf(idToken, key, expectedNonce) {
  const claims = jwt.verify(idToken, key, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: 'https://appleid.apple.com' });
  if (claims.nonce !== expectedNonce) throw new Error("nonce");
  return claims;
}
module.exports = { authorizeUrl, claimsOf };`,
    // Look-alikes of a code exchange with no PKCE whose ID token is decoded: with PKCE, and the ID
    // token of a refresh-token grant (whose response carries no nonce to compare).
    `import jwt from 'jsonwebtoken';
     export async function callback(code, verifier) {
       const body = new URLSearchParams({ client_id: ID, code, code_verifier: verifier, grant_type: 'authorization_code' });
       const { id_token } = await (await fetch(TOKEN_URL, { method: 'POST', body })).json();
       return jwt.decode(id_token).email;
     }`,
    `import jwt from 'jsonwebtoken';
     export async function renew(refreshToken) {
       const body = new URLSearchParams({ client_id: ID, refresh_token: refreshToken, grant_type: 'refresh_token' });
       const { id_token } = await (await fetch(TOKEN_URL, { method: 'POST', body })).json();
       return jwt.decode(id_token).email;
     }`,
    // A PKCE flow that sends no nonce: a plain decode of the ID token is not this rule's case.
    `const q = new URLSearchParams({ response_type: 'code', client_id: ID, scope: 'openid', state, code_challenge: c, code_challenge_method: 'S256' });
     export async function finish(res) { const tokens = await res.json(); return JSON.parse(atob(tokens.id_token.split('.')[1])); }`,
    // openid-client v6 with expectedNonce.
    `import * as oidc from 'openid-client';
     export async function login(config, verifier, state, nonce) {
       return oidc.buildAuthorizationUrl(config, { scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce });
     }
     export async function callback(config, url, tx) {
       return oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: tx.verifier, expectedState: tx.state, expectedNonce: tx.nonce });
     }`,
    // v6 with PKCE and no nonce sent: PKCE binds the code to the login.
    `import * as oidc from 'openid-client';
     export async function callback(config, url, tx) {
       return oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: tx.verifier, expectedState: tx.state });
     }`,
    // openid-client v5 with checks.nonce.
    `import { Issuer, generators } from 'openid-client';
     const issuer = await Issuer.discover(ISSUER);
     const client = new issuer.Client({ client_id: ID, client_secret: SECRET });
     export const start = (nonce: string, state: string) => client.authorizationUrl({ scope: 'openid', nonce, state });
     export const finish = (req, nonce, state) => client.callback(REDIRECT, client.callbackParams(req), { nonce, state });`,
    // jsonwebtoken nonce option.
    `import jwt from 'jsonwebtoken';
     const url = \`\${ISSUER}/authorize?\${new URLSearchParams({ response_type: 'code', client_id: ID, nonce: n, state: s })}\`;
     export const check = (tokens, n) => jwt.verify(tokens.id_token, getKey, { algorithms: ['RS256'], audience: ID, issuer: ISSUER, nonce: n });
     function getKey(h, cb) {}`,
    // Hand comparison after jose.
    `import { jwtVerify } from 'jose';
     const url = \`\${ISSUER}/authorize?\${new URLSearchParams({ response_type: 'code', client_id: ID, nonce: n })}\`;
     export async function finish(tokens, expected) {
       const { payload } = await jwtVerify(tokens.id_token, JWKS, { issuer: ISSUER, audience: ID });
       if (payload.nonce !== expected) throw new Error('nonce');
       return payload;
     }`,
    // One Tap credential: received from elsewhere, out of scope.
    `import { OAuth2Client } from 'google-auth-library';
     const google = new OAuth2Client();
     export const oneTap = async (req) => (await google.verifyIdToken({ idToken: req.body.credential, audience: ID })).getPayload();`,
    // A passport strategy's redirect flow beside an exported helper verifying a posted Google
    // credential (the importer's route hands in req.body.credential): not this flow's ID token.
    `import passport from 'passport';
     import { Strategy as GoogleStrategy } from 'passport-google-oauth2';
     import { OAuth2Client } from 'google-auth-library';
     const client = new OAuth2Client();
     passport.use(new GoogleStrategy({ clientID: ID, clientSecret: S, callbackURL: CB, state: true }, (at, rt, profile, done) => done(null, profile)));
     export async function verifyToken(idToken: string) {
       const ticket = await client.verifyIdToken({ idToken, audience: ID });
       return ticket.getPayload();
     }`,
    // ID token from a mobile app parameter, no flow in this module.
    `import { jwtVerify } from 'jose';
     export const verifyMobile = (idToken: string) => jwtVerify(idToken, JWKS, { issuer: ISSUER, audience: ID });`,
    // express-openid-connect does it all.
    `const { auth } = require('express-openid-connect');
     app.use(auth({ issuerBaseURL: ISSUER, baseURL: BASE, clientID: ID, secret: S }));`,
    // next-auth provider with pkce.
    `import Okta from 'next-auth/providers/okta';
     export const providers = [Okta({ clientId: ID, clientSecret: S, issuer: ISSUER, checks: ['pkce', 'state'] })];`,
    // An 'oauth' provider without openid.
    `export const providers = [{ id: 'gh', type: 'oauth', authorization: { url: AUTH_URL, params: { scope: 'read:user' } }, checks: ['state'] }];`,
    // next-auth OAuth (non-OIDC) provider.
    `import GitHub from 'next-auth/providers/github';
     export const providers = [GitHub({ clientId: ID, clientSecret: S, checks: ['state'] })];`,
    // oauth4webapi with expectedNonce.
    `import * as oauth from 'oauth4webapi';
     export async function finish(as, client, response, nonce) { return oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true }); }
     const url = new URL(as.authorization_endpoint); url.searchParams.set('response_type', 'code'); url.searchParams.set('nonce', nonce);`,
  ],
  invalid: [
    {
      code: verifyThenDecode,
      errors: [
        { messageId: 'missingNonceCheck', ...at(verifyThenDecode, "jsrsasign.KJUR.jws.JWS.verify(body.id_token, pubKey, ['RS256'])") },
      ],
    },
    {
      // A custom provider factory's object typed with `as OAuthConfig`: an OIDC provider with checks 'none'.
      code: `import type { OAuthConfig } from 'next-auth/providers/oauth';
export const CorpIdp = (issuer: string) =>
  ({
    id: 'corp',
    name: 'Corp',
    type: 'oauth',
    wellKnown: \`\${issuer}/.well-known/openid-configuration\`,
    authorization: { params: { scope: 'openid email' } },
    checks: 'none',
  }) as OAuthConfig<Record<string, string>>;`,
      errors: [{ messageId: 'providerChecksWithoutNonce', line: 9, column: 13, endLine: 9, endColumn: 19 }],
    },
    {
      // Node's `require('url').URL` builds the authorization request; the ID token's nonce is never compared.
      code: `const { URL } = require('url');
const jwt = require('jsonwebtoken');
function authorizeUrl(clientId, redirectUri, state) {
  const url = new URL('https://appleid.apple.com/auth/authorize');
  url.searchParams.append('response_type', 'code');
  url.searchParams.append('client_id', clientId);
  url.searchParams.append('redirect_uri', redirectUri);
  url.searchParams.append('state', state);
  url.searchParams.append('scope', 'openid email');
  return url.toString();
}
function claimsOf(idToken, key) {
  const claims = jwt.verify(idToken, key, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: 'https://appleid.apple.com' });
  return claims;
}
module.exports = { authorizeUrl, claimsOf };`,
      errors: [{ messageId: 'missingNonceCheck', line: 13, column: 18, endLine: 13, endColumn: 127 }],
    },
    {
      // An exported verify helper beside a hand-built OIDC request: the app's own flow validates with it.
      code: `import jwt from 'jsonwebtoken';
export function authorizeUrl(state: string) {
  return \`https://appleid.apple.com/auth/authorize?response_type=code&client_id=\${CLIENT_ID}&redirect_uri=\${CB}&state=\${state}&scope=openid\`;
}
export function claimsOf(idToken: string, key: string) {
  return jwt.verify(idToken, key, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: 'https://appleid.apple.com' });
}`,
      errors: [{ messageId: 'missingNonceCheck', line: 6, column: 10, endLine: 6, endColumn: 119 }],
    },
    {
      // The same helper called here with the library flow's token response: this flow's ID token.
      code: `import passport from 'passport';
import { Strategy as GoogleStrategy } from 'passport-google-oauth2';
import { OAuth2Client } from 'google-auth-library';
const client = new OAuth2Client();
export async function verifyToken(idToken: string) {
  const ticket = await client.verifyIdToken({ idToken, audience: ID });
  return ticket.getPayload();
}
passport.use(new GoogleStrategy({ clientID: ID, clientSecret: S, callbackURL: CB, state: true }, async (at, rt, params, profile, done) => done(null, await verifyToken(params.id_token))));`,
      errors: [{ messageId: 'missingNonceCheck', line: 6, column: 24, endLine: 6, endColumn: 71 }],
    },
    {
      // A module that sends a nonce and trusts the decoded ID token without comparing it.
      code: `const q = new URLSearchParams({ response_type: 'code', client_id: ID, scope: 'openid', state, nonce, code_challenge: c, code_challenge_method: 'S256' });
export async function finish(res) {
  const tokens = await res.json();
  return JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString());
}`,
      errors: [{ messageId: 'missingNonceCheck', line: 4, column: 10, endLine: 4, endColumn: 88 }],
    },
    {
      // Hand-rolled validation of an ID token from a flow that sends a nonce.
      code: `const params = new URLSearchParams({ response_type: 'code', client_id: ID, scope: 'openid', state, nonce, code_challenge: c, code_challenge_method: 'S256' });
export function acceptIdToken(idToken: string) {
  const payload = JSON.parse(atob(idToken.split('.')[1]));
  if (payload.iss !== ISSUER || payload.aud !== ID) throw new Error('bad token');
  return payload;
}`,
      errors: [{ messageId: 'missingNonceCheck', line: 3, column: 19, endLine: 3, endColumn: 58 }],
    },
    {
      // openid-client v6 without expectedNonce while a nonce is sent.
      code: `import * as oidc from 'openid-client';
export const start = async (config, verifier, state, nonce) => oidc.buildAuthorizationUrl(config, { scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), state, nonce });
export const finish = (config, url, tx) => oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: tx.verifier, expectedState: tx.state });`,
      errors: [{ messageId: 'missingNonceCheck', line: 3, column: 44, endLine: 3, endColumn: 144 }],
    },
    {
      // openid-client v5 callback without nonce and no PKCE at all.
      code: `import { Issuer } from 'openid-client';
const issuer = await Issuer.discover(ISSUER);
const client = new issuer.Client({ client_id: ID, client_secret: SECRET });
export const finish = (req, state) => client.callback(REDIRECT, client.callbackParams(req), { state });`,
      errors: [{ messageId: 'missingNonceCheck', line: 4, column: 39, endLine: 4, endColumn: 103 }],
    },
    {
      // jose verify of an ID token from the token response, no PKCE, no nonce check.
      code: `import { jwtVerify, createRemoteJWKSet } from 'jose';
const JWKS = createRemoteJWKSet(new URL(JWKS_URL));
export async function callback(code: string) {
  const tokens = await (await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) })).json();
  const { payload } = await jwtVerify(tokens.id_token, JWKS, { issuer: ISSUER, audience: ID });
  return payload;
}`,
      errors: [{ messageId: 'missingNonceCheck', line: 5, column: 29, endLine: 5, endColumn: 95 }],
    },
    {
      // A callback that exchanges the code with no PKCE and trusts the decoded ID token: the
      // nonce would be the only binding of the token to this login, and none is sent or compared.
      code: `import jwt from 'jsonwebtoken';
export default defineEventHandler(async (event) => {
  const body = new URLSearchParams({ client_id: ID, client_secret: SECRET, code: getQuery(event).code, grant_type: 'authorization_code' });
  const { id_token: token } = await $fetch(TOKEN_URL, { method: 'POST', body });
  const user = jwt.decode(token);
  return signIn(user.email);
});`,
      errors: [{ messageId: 'missingNonceCheck', line: 5, column: 16, endLine: 5, endColumn: 33 }],
    },
    {
      // jsonwebtoken verify of an ID token in a module that sends a nonce.
      code: `import jwt from 'jsonwebtoken';
export const authorizeUrl = (state: string, nonce: string) => \`\${ISSUER}/authorize?response_type=code&client_id=\${ID}&state=\${state}&nonce=\${nonce}\`;
export const check = (tokens: { id_token: string }) => jwt.verify(tokens.id_token, PEM, { algorithms: ['RS256'], audience: ID, issuer: ISSUER });`,
      errors: [{ messageId: 'missingNonceCheck', line: 3, column: 56, endLine: 3, endColumn: 145 }],
    },
    {
      // oauth4webapi without expectedNonce.
      code: `import * as oauth from 'oauth4webapi';
const url = new URL(as.authorization_endpoint);
url.searchParams.set('response_type', 'code');
url.searchParams.set('nonce', nonce);
export const finish = (as, client, response) => oauth.processAuthorizationCodeResponse(as, client, response);`,
      errors: [{ messageId: 'missingNonceCheck', line: 5, column: 49, endLine: 5, endColumn: 109 }],
    },
    {
      code: `import * as oauth from 'oauth4webapi';
const url = new URL(as.authorization_endpoint);
url.searchParams.set('response_type', 'code');
url.searchParams.set('nonce', nonce);
export const finish = (as, client, response) => oauth.processAuthorizationCodeOpenIDResponse(as, client, response);`,
      errors: [{ messageId: 'missingNonceCheck', line: 5, column: 49, endLine: 5, endColumn: 115 }],
    },
    {
      code: `import Okta from 'next-auth/providers/okta';
export const providers = [Okta({ clientId: ID, clientSecret: S, issuer: ISSUER, checks: ['state'] })];`,
      errors: [{ messageId: 'providerChecksWithoutNonce', line: 2, column: 89, endLine: 2, endColumn: 98 }],
    },
    {
      code: `export const authOptions = {
  providers: [{ id: 'corp', name: 'Corp SSO', type: 'oidc', issuer: ISSUER, clientId: ID, checks: 'state' }],
};`,
      errors: [{ messageId: 'providerChecksWithoutNonce', line: 2, column: 99, endLine: 2, endColumn: 106 }],
    },
    {
      // An 'oauth' provider asking for openid runs OIDC; the const array is the wrong value.
      code: `const legacyChecks = ['state'];
export const providers = [{ id: 'legacy', type: 'oauth', authorization: { url: AUTH_URL, params: { scope: 'openid email' } }, checks: legacyChecks }];`,
      errors: [{ messageId: 'providerChecksWithoutNonce', line: 1, column: 22, endLine: 1, endColumn: 31 }],
    },
    {
      // openid-client v5 validateIdToken without a nonce.
      code: `import { Issuer } from 'openid-client';
const client = new (await Issuer.discover(ISSUER)).Client({ client_id: ID });
export const url = client.authorizationUrl({ scope: 'openid', nonce: n });
export const check = (tokenSet) => client.validateIdToken(tokenSet);`,
      errors: [{ messageId: 'missingNonceCheck', line: 4, column: 36, endLine: 4, endColumn: 68 }],
    },
  ],
});

createEspreeRuleTester().run('require-nonce-check (espree)', rule, {
  valid: [
    `const { Issuer } = require('openid-client');
     const client = new (Issuer.discover(ISSUER)).Client({ client_id: ID });
     module.exports = (req, tx) => client.callback(REDIRECT, client.callbackParams(req), { state: tx.state, nonce: tx.nonce, code_verifier: tx.verifier });`,
  ],
  invalid: [
    {
      code: `const { Issuer } = require('openid-client');
const client = new (Issuer.discover(ISSUER)).Client({ client_id: ID });
module.exports = (req, tx) => client.callback(REDIRECT, client.callbackParams(req), { state: tx.state });`,
      errors: [{ messageId: 'missingNonceCheck', line: 3, column: 31, endLine: 3, endColumn: 105 }],
    },
  ],
});

// --- ID tokens taken out of the redirect URL (implicit and hybrid flows; rules.md, second round) ---

const fragmentIdToken = `export function finishLogin() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.get('state') !== sessionStorage.getItem('state')) throw new Error('state');
  const idToken = fragment.get('id_token');
  return jwtDecode(idToken).email;
}`;

// An extension's implicit OIDC flow (it sends a nonce) whose ID token is decoded only to show its
// claims, and the look-alike that signs the user in with them.
const displayedIdToken = (use: string) => `export function showIdentity(authUrl) {
  authUrl.searchParams.set('nonce', crypto.randomUUID());
  chrome.identity.launchWebAuthFlow({ url: authUrl.href, interactive: true }, (redirectUrl) => {
    const params = new URLSearchParams(redirectUrl.split('#')[1]);
    const jwt = params.get('id_token');
    const claims = JSON.parse(atob(jwt.split('.')[1]));
    ${use};
  });
}`;

const extensionIdToken = `export function signIn(url) {
  chrome.identity.launchWebAuthFlow({ url, interactive: true }, (redirected) => {
    let idToken = redirected.substring(redirected.indexOf('id_token=') + 9);
    idToken = idToken.substring(0, idToken.indexOf('&'));
    chrome.storage.session.set({ idToken });
  });
}`;

// The parser is shared; one caller compares the nonce, the other does not.
const sharedParser = `export class FragmentLogin {
  private read() {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    return { idToken: fragment.get('id_token'), state: fragment.get('state') };
  }
  checked() {
    const result = this.read();
    if (jwtDecode(result.idToken).nonce !== sessionStorage.getItem('nonce')) throw new Error('nonce');
    return result;
  }
  quick() {
    const result = this.read();
    return jwtDecode(result.idToken).email;
  }
}`;

const nextAuthAsOidc = `import type { OAuthConfig } from 'next-auth/providers/oauth';
export const Corp = (url: string) => ({
  id: 'corp',
  type: 'oauth',
  wellKnown: url + '/.well-known/openid-configuration',
  authorization: { params: { scope: 'openid email' } },
  checks: 'none',
} as OAuthConfig<any>);`;

ruleTester.run('require-nonce-check: ID tokens read from the redirect URL', rule, {
  valid: [
    // The nonce claim compared with the stored one.
    `export function finishLogin() {
       const idToken = new URLSearchParams(window.location.hash.slice(1)).get('id_token');
       if (jwtDecode(idToken).nonce !== sessionStorage.getItem('oidc_nonce')) throw new Error('nonce mismatch');
       return idToken;
     }`,
    // A verification given the expected nonce.
    `export async function finishLogin() {
       const idToken = new URLSearchParams(window.location.hash.slice(1)).get('id_token');
       return verifyIdToken(idToken, { nonce: sessionStorage.getItem('oidc_nonce'), audience: CLIENT_ID });
     }`,
    // Only the access token is read from the fragment, into a variable named for the ID token.
    `export function finishLogin() {
       let idToken;
       for (const p of location.hash.substring(1).split('&')) if (p.startsWith('access_token=')) idToken = p.split('=')[1];
       return idToken;
     }`,
    // Only the access token is read from the fragment.
    `export function finishLogin() { return new URLSearchParams(window.location.hash.slice(1)).get('access_token'); }`,
    // Claims only shown are not trusted (rules.md, second round): no login to bind the nonce to.
    displayedIdToken("document.querySelector('#claims').innerText = JSON.stringify(claims, null, 2)"),
    displayedIdToken("console.log('token', claims)"),
    // An ID token from the token endpoint, whose request used location.origin for its redirect_uri.
    `async function redeem(code) {
       const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v, redirect_uri: \`\${window.location.origin}/cb\` }) });
       return res.json();
     }
     export async function done(code) { const tokens = await redeem(code); return tokens.id_token; }`,
    // Every caller of the shared parser compares the nonce.
    `export class FragmentLogin {
       private read() { return new URLSearchParams(window.location.hash.slice(1)).get('id_token'); }
       checked() { const t = this.read(); if (claimsOf(t).nonce !== storedNonce()) throw new Error('nonce'); return t; }
     }`,
  ],
  invalid: [
    {
      code: fragmentIdToken,
      errors: [{ messageId: 'redirectIdTokenWithoutNonce', ...at(fragmentIdToken, "fragment.get('id_token')") }],
    },
    {
      // `runOnce` holds the letters of `nonce`: comparing it compares no nonce.
      code: `export function finishLogin() {
  const idToken = new URLSearchParams(window.location.hash.slice(1)).get('id_token');
  if (runOnce !== undefined) return null;
  return idToken;
}`,
      errors: [{ messageId: 'redirectIdTokenWithoutNonce', line: 2, column: 19, endLine: 2, endColumn: 85 }],
    },
    {
      code: displayedIdToken('signIn(claims.sub, claims.email)'),
      errors: [
        {
          messageId: 'redirectIdTokenWithoutNonce',
          ...at(displayedIdToken('signIn(claims.sub, claims.email)'), "params.get('id_token')"),
        },
      ],
    },
    {
      code: extensionIdToken,
      errors: [
        { messageId: 'redirectIdTokenWithoutNonce', ...at(extensionIdToken, "redirected.substring(redirected.indexOf('id_token=') + 9)") },
      ],
    },
    {
      code: sharedParser,
      errors: [{ messageId: 'redirectIdTokenWithoutNonce', ...at(sharedParser, 'this.read()', 1) }],
    },
    {
      // A hand-written fragment parser: the guard says the pair is `id_token`, whatever the variable is called.
      code: `function login() {
  var accessToken = localStorage.getItem('AppAccessToken');
  var parameters = location.hash.substring(1).split('&');
  for (var i = 0; i < parameters.length; i++) {
    if (parameters[i].substr(0, 9) == 'id_token=') accessToken = parameters[i].split('=')[1];
  }
  if (parseJwt(accessToken).exp < Date.now() / 1000) location.assign(LOGIN_URL);
}`,
      errors: [{ messageId: 'redirectIdTokenWithoutNonce', line: 5, column: 66, endLine: 5, endColumn: 93 }],
    },
    {
      code: nextAuthAsOidc,
      errors: [{ messageId: 'providerChecksWithoutNonce', ...at(nextAuthAsOidc, "'none'") }],
    },
  ],
});

// Seen in real code (fresh-2026-12-d): Sign in with Apple's hybrid flow posts the ID token to the callback.
const hybridFormPost = `const jwt = require('jsonwebtoken');
router.get('/', (req, res) => {
  res.redirect(\`https://appleid.apple.com/auth/authorize?response_type=code id_token&client_id=\${CLIENT_ID}&redirect_uri=\${REDIRECT}&state=\${req.session.state}&scope=email&response_mode=form_post\`);
});
router.post('/callback', async (req, res) => {
  const { id_token } = req.body;
  const claims = jwt.verify(id_token, applePublicKey, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: 'https://appleid.apple.com' });
  res.json({ sub: claims.sub });
});`;

ruleTester.run('require-nonce-check (real code: hybrid form_post)', rule, {
  valid: [
    // No authorization request asks for an ID token here: a posted id_token is an API client's (One Tap, a SPA).
    `const jwt = require('jsonwebtoken');
router.post('/google', (req, res) => {
  const claims = jwt.verify(req.body.id_token, googleKey, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: 'https://accounts.google.com' });
  res.json({ sub: claims.sub });
});`,
  ],
  invalid: [
    {
      code: hybridFormPost,
      errors: [
        {
          messageId: 'missingNonceCheck',
          ...at(
            hybridFormPost,
            "jwt.verify(id_token, applePublicKey, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: 'https://appleid.apple.com' })",
          ),
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-h): an Expo app asks for an ID token with expo-auth-session,
// sending a nonce in `extraParams`, and reads the token from the prompt's result.
const expoIdToken = `import * as AuthSession from 'expo-auth-session';
import { jwtDecode } from 'jwt-decode';
export function useLogin(nonce: string) {
  const [request, result, promptAsync] = AuthSession.useAuthRequest(
    { redirectUri, clientId, responseType: 'id_token', scopes: ['openid'], extraParams: { nonce } },
    { authorizationEndpoint },
  );
  React.useEffect(() => {
    if (result?.type === 'success') {
      const idToken = result.params.id_token;
      const { sub } = jwtDecode(idToken);
      setUser(sub);
    }
  }, [result]);
  return promptAsync;
}`;

ruleTester.run('require-nonce-check (real code: expo-auth-session results)', rule, {
  valid: [
    expoIdToken.replace(
      'const { sub } = jwtDecode(idToken);',
      'const { sub, nonce: returned } = jwtDecode(idToken);\n      if (returned !== nonce) return;',
    ),
    // Another value of the same hook's tuple is no authorization result.
    expoIdToken.replace('result.params.id_token', 'request.params.id_token'),
  ],
  invalid: [{ code: expoIdToken, errors: [{ messageId: 'redirectIdTokenWithoutNonce', ...at(expoIdToken, 'result.params.id_token') }] }],
});

// Real code (bench:scale, nextjs-auth0): a module of the code flow that also runs a passkey grant
// through a retry helper, and reads the claims of that grant's ID token: no nonce was sent for it.
const otherGrantThroughHelper = `import * as jose from 'jose';
const q = new URLSearchParams({ response_type: 'code', client_id: ID, scope: 'openid', state, nonce, code_challenge: c, code_challenge_method: 'S256' });
export async function passkeyLogin(assertion) {
  let tokenEndpointResponse;
  try {
    tokenEndpointResponse = await withRetry(() => passkeyGrant(assertion));
  } catch (error) {
    throw new Error('passkey failed');
  }
  const claims = jose.decodeJwt(tokenEndpointResponse.id_token);
  return { user: claims };
}`;

ruleTester.run('require-nonce-check (real code: claims of another grant read through a helper)', rule, {
  valid: [otherGrantThroughHelper],
  invalid: [
    {
      // The same claims read from the body of a code exchange's response: the nonce sent must be compared.
      code: otherGrantThroughHelper.replace(
        'await withRetry(() => passkeyGrant(assertion))',
        "await (await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: assertion, code_verifier: v }) })).json()",
      ),
      errors: [{ messageId: 'missingNonceCheck', line: 10, column: 18, endLine: 10, endColumn: 64 }],
    },
  ],
});

// A local exchange helper handed the code from the URL returns the token response, not a piece of
// the URL: the ID token in it is no implicit-flow read (the nonce, if any, is judged at the decode).
const fragmentParser = `function parse(hash) {\n  return new URLSearchParams(hash.slice(1));\n}\nconst nonce = crypto.randomUUID();\nlocation.assign(\`https://idp/authorize?response_type=id_token&client_id=c&redirect_uri=r&state=\${s}&nonce=\${nonce}\`);\nexport function finish() {\n  const params = parse(location.hash);\n  if (params.get('state') !== sessionStorage.getItem('state')) return;\n  show(params.get('id_token'));\n}`;

ruleTester.run('require-nonce-check (a token response from a local helper handed the code)', rule, {
  valid: [
    `async function exchange(code) {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v }) });
  return res.json();
}
export async function finish() {
  const params = new URLSearchParams(window.location.search);
  if (params.get('state') !== sessionStorage.getItem('state')) return;
  const tokens = await exchange(params.get('code'));
  show(tokens.id_token);
}`,
  ],
  invalid: [
    {
      // A local parser handed the fragment does return a piece of the URL.
      code: fragmentParser,
      errors: [{ messageId: 'redirectIdTokenWithoutNonce', ...at(fragmentParser, "params.get('id_token')") }],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): one server runs a web login without PKCE and a token proxy
// for a mobile app with PKCE. The grant type comes from configuration; the code and redirect_uri
// sent with it make it the code grant.
const webAndProxy = (webVerifier: string) => `const app = require('express')();
function postForm(url, data) {
  return fetch(url, { method: 'POST', body: qs.stringify(data) });
}
app.get('/cb', async (req, res) => {
  const { code } = req.query;
  const { client_id, redirect_uri, grant_type, token_endpoint, client_secret } = providers[req.params.p];
  const response = await postForm(token_endpoint, { client_id, client_secret, code, redirect_uri, grant_type${webVerifier} });
  const tokens = await response.json();
  const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64').toString());
  req.session.user = claims.email;
});
app.post('/token', async (req, res) => {
  const { client_id, code, code_verifier, redirect_uri, grant_type } = req.body;
  const response = await postForm(providers[req.params.p].token_endpoint, { client_id, code, redirect_uri, code_verifier, grant_type });
  const tokens = await response.json();
  const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64').toString());
  res.send({ username: claims.name });
});`;
const webWithoutPkce = webAndProxy('');
ruleTester.run('require-nonce-check (real code: a web flow without PKCE beside a PKCE token proxy)', rule, {
  valid: [webAndProxy(', code_verifier: req.session.verifier')],
  invalid: [
    {
      code: webWithoutPkce,
      errors: [
        {
          messageId: 'missingNonceCheck',
          ...at(webWithoutPkce, "JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64').toString())"),
        },
      ],
    },
  ],
});
