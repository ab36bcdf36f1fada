import rule from '../../rules/require-jwt-verification';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

// A browser SDK that decodes the ID token, then checks its signature with WebCrypto in a helper (okta-auth-js).
const webCryptoChecked = `function decodeToken(token) {
  const parts = token.split('.');
  return { header: JSON.parse(atob(parts[0])), payload: JSON.parse(atob(parts[1])) };
}
function checkSignature(idToken, jwk) {
  return crypto.subtle.importKey('jwk', jwk, ALGO, true, ['verify']).then((key) => {
    const jwt = idToken.split('.');
    return crypto.subtle.verify(ALGO, key, toBuffer(atob(jwt[2])), toBuffer(jwt[0] + '.' + jwt[1]));
  });
}
export async function verifyIdToken(tokens, jwk) {
  const jwt = decodeToken(tokens.id_token);
  if (jwt.payload.iss !== ISSUER) throw new Error('issuer');
  if (!(await checkSignature(tokens.id_token, jwk))) throw new Error('signature');
  return jwt.payload;
}`;
// The same shape, but the helper only hashes the segments: no signature is checked.
const webCryptoHashOnly = webCryptoChecked.replace(
  'crypto.subtle.verify(ALGO, key, toBuffer(atob(jwt[2])), ',
  "crypto.subtle.digest('SHA-256', ",
);

ruleTester.run('require-jwt-verification', rule, {
  valid: [
    webCryptoChecked,
    // The decoded ID token is only dumped into the popup and logged: no claim is trusted (rules.md, second round).
    `chrome.identity.launchWebAuthFlow({ url, interactive: true }, (redirectUrl) => {
  const params = new URLSearchParams(redirectUrl.split('#')[1]);
  const jwt = params.get('id_token');
  const token = JSON.parse(atob(jwt.split('.')[1].replace('-', '+').replace('_', '/')));
  document.querySelector('#openid-data').innerText = JSON.stringify(token, null, 2);
  console.log('token', token);
});`,
    // jsrsasign checks the signature first (`jws.JWS.verify` of the module's `jws` namespace); the decode is of a verified token.
    `const jose = require('jsrsasign');
const base64url = require('base64url');
function onTokens(body, rsaKey) {
  const pubKey = jose.KEYUTIL.getKey(rsaKey);
  if (jose.jws.JWS.verify(body.id_token, pubKey, ['RS256'])) {
    const tokenParts = body.id_token.split('.');
    const payload = JSON.parse(base64url.decode(tokenParts[1]));
    return payload.sub;
  }
}`,
    // Only the header segment, read through the variable that holds the parts: a kid lookup, no claims trusted.
    `export function keyIdOf(idToken: string) {
  const tokenParts = idToken.split('.');
  const headerJson = atob(tokenParts[0]);
  const header = JSON.parse(headerJson);
  return header.kid;
}`,
    // The posted credential is verified by google-auth-library before its claims are read.
    `import { OAuth2Client } from 'google-auth-library';
import { jwtDecode } from 'jwt-decode';
const google = new OAuth2Client();
export async function googleLogin(req, res) {
  const { credential } = req.body;
  await google.verifyIdToken({ idToken: credential, audience: process.env.GOOGLE_CLIENT_ID });
  res.json(jwtDecode<{ email: string }>(credential));
}`,
    // A local function that happens to be called jwt_decode is not the script-tag global.
    `const jwt_decode = (token: string) => token.length;
export const size = (idToken: string) => jwt_decode(idToken);`,
    // jwt-js-decode: verified, then decoded.
    `import { decode, verify } from 'jwt-js-decode';
app.post('/login', async (req, res) => {
  if (!(await verify(req.body.credential, GOOGLE_PUBLIC_KEY))) return res.sendStatus(401);
  res.json(decode(req.body.credential).payload);
});`,
    // Header-only reads for a kid lookup.
    `import jwt from 'jsonwebtoken';
     export function kidOf(req) { const { header } = jwt.decode(req.headers.authorization.slice(7), { complete: true }); return header.kid; }`,
    `import { decodeProtectedHeader } from 'jose';
     export const kid = (req) => decodeProtectedHeader(req.headers.authorization.split(' ')[1]).kid;`,
    `import jwtDecode from 'jwt-decode';
     const header = jwtDecode(idToken, { header: true });`,
    // Decoded after being verified in the same function.
    `import * as jose from 'jose';
     export async function check(req) {
       const token = req.headers.authorization.replace(/^Bearer /, '');
       const { payload } = await jose.jwtVerify(token, JWKS, { issuer: ISS, audience: AUD });
       const raw = jose.decodeJwt(token);
       return { payload, raw };
     }`,
    // Decoded before being verified in the same function.
    `import jwt from 'jsonwebtoken';
     export async function check(idToken: string) {
       const unverified = jwt.decode(idToken, { complete: true });
       const key = await keyFor(unverified?.header.kid);
       return jwt.verify(idToken, key, { algorithms: ['RS256'], audience: CLIENT_ID, issuer: ISSUER });
     }`,
    // Unknown token from a parameter: not classified, silent.
    `import { jwtDecode } from 'jwt-decode';
     export const expiresAt = (token: string) => jwtDecode(token).exp;`,
    // Not a JWT: base64 cursors.
    `export function decodeCursor(cursor) { return JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')); }`,
    // Hand-rolled header read.
    `export const alg = (idToken) => JSON.parse(atob(idToken.split('.')[0])).alg;`,
    // Reasonable clock tolerance and a live currentDate.
    `import { jwtVerify } from 'jose';
     await jwtVerify(token, JWKS, { algorithms: ['RS256'], clockTolerance: '30s', currentDate: new Date() });`,
    `import jwt from 'jsonwebtoken';
     jwt.verify(token, key, { algorithms: ['RS256'], clockTolerance: 60, ignoreExpiration: false });`,
    // Access token decoded by a client: no-access-token-decode's finding, not this rule's.
    `import { jwtDecode } from 'jwt-decode';
     const tokens = await res.json();
     const scopes = jwtDecode(tokens.access_token).scp;`,
    // Option: an ID token read straight from the client's own token response.
    {
      code: `import { decodeJwt } from 'jose';
       const tokens = await (await fetch(TOKEN_ENDPOINT, { method: 'POST', body })).json();
       const claims = decodeJwt(tokens.id_token);`,
      options: [{ allowTokenEndpointIdTokens: true }],
    },
  ],
  invalid: [
    {
      code: webCryptoHashOnly,
      errors: [{ messageId: 'unverifiedDecode', line: 12, column: 15, endLine: 12, endColumn: 43 }],
    },
    {
      // Logged, but also trusted: the email decides the role.
      code: `chrome.identity.launchWebAuthFlow({ url, interactive: true }, (redirectUrl) => {
  const params = new URLSearchParams(redirectUrl.split('#')[1]);
  const token = JSON.parse(atob(params.get('id_token').split('.')[1]));
  console.log('token', token);
  if (token.email === ADMIN_EMAIL) showAdminPanel();
});`,
      errors: [{ messageId: 'unverifiedDecode', line: 3, column: 17, endLine: 3, endColumn: 71 }],
    },
    {
      // The same parts variable, its payload segment: claims read unverified.
      code: `export function subjectOf(idToken: string) {
  const tokenParts = idToken.split('.');
  const claims = JSON.parse(atob(tokenParts[1]));
  return claims.sub;
}`,
      errors: [{ messageId: 'unverifiedDecode', line: 3, column: 18, endLine: 3, endColumn: 49 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
const SKIP = true;
jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: SKIP });
`,
      errors: [{ messageId: 'checkDisabled', line: 3, column: 67, endLine: 3, endColumn: 71, suggestions: [] }],
    },
    {
      // Google Identity Services posts its ID token as `credential`; jwt-js-decode only decodes.
      code: `import { jwtDecode } from 'jwt-js-decode';
app.post('/auth/google', (req, res) => {
  const { payload } = jwtDecode(req.body.credential);
  res.cookie('user', payload.email).json({ email: payload.email });
});`,
      errors: [{ messageId: 'unverifiedDecode', line: 3, column: 23, endLine: 3, endColumn: 53 }],
    },
    {
      // The same credential destructured from the request body.
      code: `import { jwtDecode } from 'jwt-decode';
export async function googleLogin(req, res) {
  const { credential } = req.body;
  const profile = jwtDecode<{ email: string }>(credential);
  res.json(await users.upsert(profile.email));
}`,
      errors: [{ messageId: 'unverifiedDecode', line: 4, column: 19, endLine: 4, endColumn: 59 }],
    },
    {
      // A TypeScript ambient declaration describes jwt-decode's script-tag global; it does not shadow it.
      code: `declare function jwt_decode(token: string): { email: string };
export const whoAmI = (idToken: string) => jwt_decode(idToken).email;`,
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 44, endLine: 2, endColumn: 63 }],
    },
    {
      code: `import { decodeJwt } from 'jose';
const claims = decodeJwt(tokens.id_token);`,
      errors: [{ messageId: 'unverifiedDecode', data: { token: 'ID token' }, line: 2, column: 16, endLine: 2, endColumn: 42 }],
    },
    {
      code: `import jwt_decode from 'jwt-decode';
export function Profile({ user }) { return jwt_decode(user.idToken).name; }`,
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 44, endLine: 2, endColumn: 68 }],
    },
    {
      // Incoming bearer token decoded on the server.
      code: `import jwt from 'jsonwebtoken';
app.get('/me', (req, res) => {
  const claims = jwt.decode(req.headers.authorization.split(' ')[1]);
  res.json({ sub: claims.sub });
});`,
      errors: [{ messageId: 'unverifiedDecode', line: 3, column: 18, endLine: 3, endColumn: 69 }],
    },
    {
      // Next.js cookie store.
      code: `import { cookies } from 'next/headers';
import { decodeJwt } from 'jose';
export async function GET() {
  const session = (await cookies()).get('session_token')?.value;
  return Response.json(decodeJwt(session!));
}`,
      errors: [{ messageId: 'unverifiedDecode', line: 5, column: 24, endLine: 5, endColumn: 43 }],
    },
    {
      // Hand-rolled decode of an ID token.
      code: `export function acceptIdToken(idToken: string) {
  return JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}`,
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 10, endLine: 2, endColumn: 87 }],
    },
    {
      // Helper decoding its parameter: reported at the call that passes the ID token.
      code: `function parseJwt(token) {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}
const user = parseJwt(tokenSet.id_token);`,
      errors: [{ messageId: 'unverifiedDecode', line: 5, column: 14, endLine: 5, endColumn: 41 }],
    },
    {
      // Verifying a different token does not cover this one.
      code: `import jwt from 'jsonwebtoken';
export function handler(req) {
  jwt.verify(req.cookies.session, SECRET, { algorithms: ['HS256'] });
  return jwt.decode(req.body.id_token);
}`,
      errors: [{ messageId: 'unverifiedDecode', line: 4, column: 10, endLine: 4, endColumn: 39 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: true });`,
      errors: [
        {
          messageId: 'checkDisabled',
          data: { option: 'ignoreExpiration' },
          line: 2,
          column: 67,
          endLine: 2,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'turnCheckOn',
              output: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: false });`,
            },
          ],
        },
      ],
    },
    {
      // Wrong value in a const elsewhere: reported at the value.
      code: `import jwt from 'jsonwebtoken';
const OPTIONS = { algorithms: ['RS256'], ignoreNotBefore: true, clockTolerance: 3600 };
jwt.verify(token, key, OPTIONS);`,
      errors: [
        {
          messageId: 'checkDisabled',
          line: 2,
          column: 59,
          endLine: 2,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'turnCheckOn',
              output: `import jwt from 'jsonwebtoken';
const OPTIONS = { algorithms: ['RS256'], ignoreNotBefore: false, clockTolerance: 3600 };
jwt.verify(token, key, OPTIONS);`,
            },
          ],
        },
        { messageId: 'clockTolerance', data: { seconds: '3600', max: '300' }, line: 2, column: 81, endLine: 2, endColumn: 85 },
      ],
    },
    {
      code: `import { jwtVerify } from 'jose';
await jwtVerify(token, JWKS, { algorithms: ['RS256'], clockTolerance: '1 day', currentDate: new Date('2024-01-01T00:00:00Z') });`,
      errors: [
        { messageId: 'clockTolerance', data: { seconds: '86400', max: '300' }, line: 2, column: 71, endLine: 2, endColumn: 78 },
        { messageId: 'pinnedDate', line: 2, column: 93, endLine: 2, endColumn: 125 },
      ],
    },
    {
      code: `import jwt from 'jsonwebtoken';
jwt.verify(token, '', { algorithms: ['HS256'] });`,
      errors: [{ messageId: 'emptyKey', line: 2, column: 19, endLine: 2, endColumn: 21 }],
    },
    {
      code: `import { Strategy } from 'passport-jwt';
passport.use(new Strategy({ secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: true }, verify));`,
      errors: [
        {
          messageId: 'checkDisabled',
          line: 2,
          column: 107,
          endLine: 2,
          endColumn: 111,
          suggestions: [
            {
              messageId: 'turnCheckOn',
              output: `import { Strategy } from 'passport-jwt';
passport.use(new Strategy({ secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: false }, verify));`,
            },
          ],
        },
      ],
    },
    {
      // Even with the option, an ID token read from storage is not from the token endpoint.
      code: `import { jwtDecode } from 'jwt-decode';
const claims = jwtDecode(localStorage.getItem('id_token'));`,
      options: [{ allowTokenEndpointIdTokens: true }],
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 16, endLine: 2, endColumn: 59 }],
    },
  ],
});

createEspreeRuleTester().run('require-jwt-verification (espree)', rule, {
  valid: [
    `const jwt = require('jsonwebtoken');
     module.exports = (req, res, next) => { req.user = jwt.verify(req.cookies.session, process.env.SECRET, { algorithms: ['HS256'] }); next(); };`,
  ],
  invalid: [
    {
      // jwt-decode's standalone build defines the global `jwt_decode`.
      code: `const params = new URLSearchParams(location.hash.slice(1));
const claims = jwt_decode(params.get('id_token'));
document.querySelector('#name').textContent = claims.name;`,
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 16, endLine: 2, endColumn: 50 }],
    },
    {
      code: `const jwt = require('jsonwebtoken');
module.exports = (req, res, next) => { req.user = jwt.decode(req.cookies.session); next(); };`,
      errors: [{ messageId: 'unverifiedDecode', line: 2, column: 51, endLine: 2, endColumn: 82 }],
    },
  ],
});

// Seen in real code (fresh-2026-12-d): a SvelteKit load decoding its session cookie through a helper whose
// local type shares the parameter's name (one variable, a value and a type definition).
const svelteKitCookieDecode = `import { jwtDecode } from 'jwt-decode';
async function getIdByToken(token: string) {
  interface token { id: string }
  const decoded: token = jwtDecode(token);
  return decoded.id;
}
export const load = async ({ cookies }) => {
  const jwttoken: string = cookies.get('jwttoken') || '';
  if ((await getIdByToken(jwttoken)) != '1') throw new Error('Not admin');
  return {};
};`;

ruleTester.run('require-jwt-verification (real code: request cookies of SvelteKit)', rule, {
  valid: [
    // A cookie of any name verified in the same function before its claims are read.
    {
      code: `import { decodeJwt, jwtVerify } from 'jose';\nexport const load = async ({ cookies }) => {\n  const token = cookies.get('hanko') || '';\n  await jwtVerify(token, JWKS);\n  return { sub: decodeJwt(token).sub };\n};`,
      filename: 'src/routes/+page.server.ts',
    },
  ],
  invalid: [
    {
      code: svelteKitCookieDecode,
      filename: 'src/routes/admin/+page.server.ts',
      errors: [{ messageId: 'unverifiedDecode', ...at(svelteKitCookieDecode, 'getIdByToken(jwttoken)') }],
    },
  ],
});

// Seen in real code (fresh-2026-12-g): an identity token decoded and then "validated" by comparing
// its audience and expiry by hand — the checks of a verification without its signature check.
const appleIdByHand = `const jwt = require('jsonwebtoken');
const getAppleId = (token, platform) => {
  const clientId = platform === 'ios' ? IOS_CLIENT_ID : ANDROID_CLIENT_ID;
  const { payload } = jwt.decode(token, { complete: true });
  if (!payload || payload.aud !== clientId || payload.exp * 1000 < Date.now()) throw new Error('bad token');
  return { appleId: payload.sub, email: payload.email };
};
module.exports = getAppleId;`;

ruleTester.run('require-jwt-verification (real code: claims compared by hand)', rule, {
  valid: [
    // Only the expiry read, to schedule a refresh: no identity is accepted.
    `const jwt = require('jsonwebtoken');
export function refreshDue(token) {
  const payload = jwt.decode(token);
  return payload.exp * 1000 < Date.now() + 60000;
}`,
    // The app's own access token, fetched here and decoded to log whether its audience is right.
    `export async function getToken() {
  const at = await auth0.getAccessToken({ refresh: true });
  const payload = JSON.parse(Buffer.from(at.token.split('.')[1], 'base64').toString());
  const hasCorrectAudience = payload.aud.includes(process.env.AUDIENCE);
  console.log('audience ok:', hasCorrectAudience);
  return at.token;
}`,
    // Verified first, then the audience compared again: the decode reads a verified token.
    appleIdByHand.replace(
      'const { payload } = jwt.decode(token, { complete: true });',
      "jwt.verify(token, key, { algorithms: ['RS256'] });\n  const { payload } = jwt.decode(token, { complete: true });",
    ),
  ],
  invalid: [
    {
      code: appleIdByHand,
      errors: [{ messageId: 'unverifiedDecode', data: { token: 'token' }, ...at(appleIdByHand, 'jwt.decode(token, { complete: true })') }],
    },
  ],
});

// Real code (fresh-2026-12-i): a Next.js server helper decoding the session cookie of its auth vendor
// (named `hanko`): the JWT decoder says what the cookie holds, whatever its name.
const vendorCookieDecode = `import * as jose from 'jose';
import { cookies } from 'next/headers';
export async function getUserId() {
  const token = cookies().get('hanko')?.value;
  if (!token) throw new Error('Token not found');
  const payload = jose.decodeJwt(token);
  return payload.sub as string;
}`;

ruleTester.run('require-jwt-verification (real code: a request cookie of any name decoded as a JWT)', rule, {
  valid: [
    {
      code: vendorCookieDecode.replace('const payload = jose.decodeJwt(token);', 'const { payload } = await jose.jwtVerify(token, JWKS);'),
      filename: 'app/utils/auth.ts',
    },
    // Decoded in the browser (a client component reading document.cookie) is no server trusting a request.
    {
      code: `'use client';\nimport { decodeJwt } from 'jose';\nexport function name() {\n  const raw = document.cookie.split('hanko=')[1];\n  return decodeJwt(raw).name;\n}`,
      filename: 'app/components/name.tsx',
    },
  ],
  invalid: [
    {
      code: vendorCookieDecode.replace('jose.decodeJwt(token)', "jose.decodeJwt(token ?? '')"),
      filename: 'app/api/todo/route.ts',
      errors: [
        {
          messageId: 'unverifiedDecode',
          ...at(vendorCookieDecode.replace('jose.decodeJwt(token)', "jose.decodeJwt(token ?? '')"), "jose.decodeJwt(token ?? '')"),
        },
      ],
    },
    {
      code: vendorCookieDecode,
      filename: 'app/utils/auth.ts',
      errors: [
        {
          messageId: 'unverifiedDecode',
          data: { token: 'token from the incoming request' },
          ...at(vendorCookieDecode, 'jose.decodeJwt(token)'),
        },
      ],
    },
  ],
});

// Real code (bench:scale, nextjs-auth0): a back-channel logout token decoded for an issuer pre-check,
// then verified by a method of the class that runs jose's jwtVerify on it.
const preCheckThenVerify = `import * as jose from 'jose';
function issuerOf(logoutToken) {
  const { iss } = jose.decodeJwt(logoutToken);
  return iss;
}
export class AuthClient {
  async handleBackChannelLogout(req) {
    const body = new URLSearchParams(await req.text());
    const logoutToken = body.get('logout_token');
    if (issuerOf(logoutToken) !== this.issuer) return new Response(null, { status: 403 });
    const claims = await this.verifyLogoutToken(logoutToken);
    return claims;
  }
  async verifyLogoutToken(logoutToken) {
    const { payload } = await jose.jwtVerify(logoutToken, JWKS, { issuer: this.issuer, audience: this.clientId, algorithms: ['RS256'] });
    return payload;
  }
}`;

ruleTester.run('require-jwt-verification (real code: verified by a helper method after a pre-check)', rule, {
  valid: [{ code: preCheckThenVerify, filename: 'src/server/auth-client.ts' }],
  invalid: [
    {
      code: preCheckThenVerify.replace(
        'const claims = await this.verifyLogoutToken(logoutToken);',
        'const claims = jose.decodeJwt(logoutToken);',
      ),
      filename: 'src/server/auth-client.ts',
      errors: [
        { messageId: 'unverifiedDecode', ...at(preCheckThenVerify, 'issuerOf(logoutToken)', 1) },
        { messageId: 'unverifiedDecode', line: 11, column: 20, endLine: 11, endColumn: 47 },
      ],
    },
  ],
});
