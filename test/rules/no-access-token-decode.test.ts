import rule from '../../rules/no-access-token-decode';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-access-token-decode', rule, {
  valid: [
    // Only logged while debugging: no claim of the access token is relied on (rules.md, second round).
    `import { jwtDecode } from 'jwt-decode';
     const tokens = await res.json();
     const claims = jwtDecode(tokens.access_token);
     console.debug('access token claims', claims);`,
    // A generic promise result named token is not known to be an access token.
    `import { jwtDecode } from 'jwt-decode';
     fetch('/session').then((token) => render(jwtDecode(token)));`,
    // API server decoding an incoming bearer token: require-jwt-verification's business.
    `import jwt from 'jsonwebtoken';
     app.get('/me', (req, res) => res.json(jwt.decode(req.headers.authorization.split(' ')[1])));`,
    // API server verifying an incoming bearer token.
    `import { jwtVerify } from 'jose';
     export async function auth(req) { const token = req.headers.authorization.replace(/^Bearer /, ''); return (await jwtVerify(token, JWKS, { audience: A, issuer: I })).payload; }`,
    // Reading the ID token is the right thing for a client.
    `import { jwtDecode } from 'jwt-decode';
     const tokens = await res.json();
     const user = jwtDecode(tokens.id_token);`,
    // Expiry from expires_in, no decode.
    `const tokens = await res.json(); const expiresAt = Date.now() + tokens.expires_in * 1000;`,
    // Header-only decode of an access token (kid for logging).
    `import { decodeProtectedHeader } from 'jose';
     const { kid } = decodeProtectedHeader(tokens.access_token);`,
    `import jwtDecode from 'jwt-decode';
     const header = jwtDecode(accessToken, { header: true });`,
    // A refresh token decoded? Not this rule.
    `import { jwtDecode } from 'jwt-decode';
     const exp = jwtDecode(session.refresh_token).exp;`,
    // Unknown token.
    `import { jwtDecode } from 'jwt-decode';
     export const expiresAt = (token: string) => jwtDecode(token).exp;`,
    // Access-token-ish names that are not tokens.
    `import { jwtDecode } from 'jwt-decode';
     const claims = jwtDecode(accessTokenClaims);`,
    // An access token the same function verifies.
    `import * as jose from 'jose';
     export async function check(accessToken: string) { await jose.jwtVerify(accessToken, JWKS, { audience: A, issuer: I }); return jose.decodeJwt(accessToken); }`,
    // An API helper taking the bearer token it was handed.
    `import jwt from 'jsonwebtoken';
     const scopesOf = (accessToken: string) => (jwt.decode(accessToken) as { scope: string }).scope.split(' ');
     export const handler = (req) => scopesOf(req.headers.authorization.slice(7));`,
    // A cookie read by a server: from the request.
    `import { jwtDecode } from 'jwt-decode';
     export const handler = (req) => jwtDecode(req.cookies.access_token);`,
    // A hand-parsed fragment's `id_token` pair, kept in a variable named accessToken: an ID token.
    `import { jwtDecode } from 'jwt-decode';
     function login() {
       var accessToken = localStorage.getItem('AppAccessToken');
       for (const p of location.hash.substring(1).split('&')) if (p.substr(0, 9) == 'id_token=') accessToken = p.split('=')[1];
       if (jwtDecode(accessToken).exp < Date.now() / 1000) location.assign(LOGIN_URL);
     }`,
    // A claim that only decides whether to print a warning: nothing is trusted.
    `import * as jose from 'jose';
     const tokens = await res.json();
     const payload = jose.decodeJwt(tokens.access_token);
     if (!payload['cnf']?.['x5t#S256']) console.warn('the access token is not certificate-bound');`,
    // bell look-alikes: the ID token of the token response, an OAuth 1.0a provider, a \`profile\`
    // of an object that is no provider, a helper also called with something else.
    `import { jwtDecode } from 'jwt-decode';
     const provider = { protocol: 'oauth2', auth: A, token: T, profile(credentials, params) { credentials.profile = jwtDecode(params.id_token); } };`,
    `import { jwtDecode } from 'jwt-decode';
     const provider = { protocol: 'oauth', auth: A, token: T, temporary: R, profile(credentials) { credentials.profile = jwtDecode(credentials.token); } };`,
    `import { jwtDecode } from 'jwt-decode';
     const card = { theme: 'dark', profile(credentials) { return jwtDecode(credentials.token).sub; } };`,
    `import { jwtDecode } from 'jwt-decode';
     const provider = { protocol: 'oauth2', auth: A, token: T, profile: (credentials) => read(credentials) };
     function read(credentials) { return jwtDecode(credentials.token).sub; }
     read(invitation);`,
  ],
  invalid: [
    {
      // The same parser's `access_token` pair: an access token, whatever the variable is called.
      code: `import { jwtDecode } from 'jwt-decode';
function login() {
  var idToken = localStorage.getItem('AppIdToken');
  for (const p of location.hash.substring(1).split('&')) if (p.startsWith('access_token=')) idToken = p.split('=')[1];
  setRoles(jwtDecode(idToken).roles);
}`,
      errors: [{ messageId: 'accessTokenDecoded', line: 5, column: 12, endLine: 5, endColumn: 30 }],
    },
    {
      // The same condition deciding more than a warning: the token's binding is trusted.
      code: `import * as jose from 'jose';
const tokens = await res.json();
const payload = jose.decodeJwt(tokens.access_token);
if (!payload['cnf']?.['x5t#S256']) {
  console.warn('the access token is not certificate-bound');
  throw new Error('unbound');
}`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 17, endLine: 3, endColumn: 52 }],
    },
    {
      // Logged and then used: the roles come from the access token.
      code: `import { jwtDecode } from 'jwt-decode';
const tokens = await res.json();
const claims = jwtDecode(tokens.access_token);
console.debug('access token claims', claims);
setRoles(claims.roles);`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 16, endLine: 3, endColumn: 46 }],
    },
    {
      // The token arrives as the resolved value of the SDK's promise.
      code: `import { jwtDecode } from 'jwt-decode';
auth0.getAccessTokenSilently().then((token) => {
  const claims = jwtDecode(token);
  setRoles(claims.permissions);
});`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 18, endLine: 3, endColumn: 34 }],
    },
    {
      code: `import { jwtDecode } from 'jwt-decode';
const tokens = await res.json();
const scopes = jwtDecode(tokens.access_token).scope;`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 16, endLine: 3, endColumn: 46 }],
    },
    {
      code: `import jwt_decode from 'jwt-decode';
export async function roles(auth0) {
  const accessToken = await auth0.getTokenSilently();
  return jwt_decode(accessToken).permissions;
}`,
      errors: [{ messageId: 'accessTokenDecoded', line: 4, column: 10, endLine: 4, endColumn: 33 }],
    },
    {
      code: `import { decodeJwt } from 'jose';
const claims = decodeJwt(localStorage.getItem('access_token')!);`,
      errors: [{ messageId: 'accessTokenDecoded', line: 2, column: 16, endLine: 2, endColumn: 64 }],
    },
    {
      code: `const payload = JSON.parse(atob(session.accessToken.split('.')[1]));`,
      errors: [{ messageId: 'accessTokenDecoded', line: 1, column: 17, endLine: 1, endColumn: 68 }],
    },
    {
      // next-auth jwt callback: a server-side client.
      code: `import { jwtDecode } from 'jwt-decode';
export const authOptions = { callbacks: { async jwt({ token, account }) {
  if (account) token.roles = jwtDecode(account.access_token).roles;
  return token;
} } };`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 30, endLine: 3, endColumn: 61 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
const { data } = await axios.post(TOKEN_URL, body);
const tenant = jwt.decode(data.access_token).tid;`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 16, endLine: 3, endColumn: 45 }],
    },
    {
      // Helper decoding its parameter: reported at the call with the access token.
      code: `function parseJwt(t) { return JSON.parse(atob(t.split('.')[1])); }
const claims = parseJwt(result.accessToken);`,
      errors: [{ messageId: 'accessTokenDecoded', line: 2, column: 16, endLine: 2, endColumn: 44 }],
    },
    {
      code: `import { jwtDecode } from 'jwt-decode';
export function useScopes(accessToken: string) { return jwtDecode<{ scp: string }>(accessToken).scp.split(' '); }`,
      errors: [{ messageId: 'accessTokenDecoded', line: 2, column: 57, endLine: 2, endColumn: 96 }],
    },
    {
      code: `import { jwtDecode } from 'jwt-decode';
const msal = await instance.acquireTokenSilent(request);
const oid = jwtDecode(msal.accessToken).oid;`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 13, endLine: 3, endColumn: 40 }],
    },
    {
      // @hapi/bell custom provider: \`credentials.token\` is the access token of bell's code exchange.
      code: `import Jwt from '@hapi/jwt';
export const options = { provider: { protocol: 'oauth2', auth: AUTHORIZE_URL, token: TOKEN_URL,
  profile: (credentials, params, get) => getProfile(credentials) } };
function getProfile(credentials) {
  const payload = Jwt.token.decode(credentials.token).decoded.payload;
  credentials.profile = { id: payload.oid, email: payload.upn };
}`,
      errors: [{ messageId: 'accessTokenDecoded', line: 5, column: 19, endLine: 5, endColumn: 54 }],
    },
    {
      code: `import { jwtDecode } from 'jwt-decode';
const provider = { protocol: 'oauth2', auth: AUTHORIZE_URL, token: TOKEN_URL, scope: ['openid'],
  async profile(credentials) { const { token } = credentials; credentials.profile = { roles: jwtDecode(token).roles }; } };`,
      errors: [{ messageId: 'accessTokenDecoded', line: 3, column: 94, endLine: 3, endColumn: 110 }],
    },
    {
      code: `import { JwtService } from '@nestjs/jwt';
export class Bff { constructor(private readonly jwt: JwtService) {} scopes(tokens: { access_token: string }) { return this.jwt.decode(tokens.access_token).scope; } }`,
      errors: [{ messageId: 'accessTokenDecoded', line: 2, column: 119, endLine: 2, endColumn: 155 }],
    },
  ],
});

createEspreeRuleTester().run('no-access-token-decode (espree)', rule, {
  valid: [`import { jwtDecode } from 'jwt-decode'; const user = jwtDecode(tokens.id_token);`],
  invalid: [
    {
      code: `import { jwtDecode } from 'jwt-decode';
const user = jwtDecode(tokens.access_token);`,
      errors: [{ messageId: 'accessTokenDecoded', line: 2, column: 14, endLine: 2, endColumn: 44 }],
    },
  ],
});
