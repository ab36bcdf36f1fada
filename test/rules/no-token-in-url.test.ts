import rule from '../../rules/no-token-in-url';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('no-token-in-url', rule, {
  valid: [
    {
      code: `export const logoutUrl = (idToken: string) => \`\${ISSUER}/logout?id_token_hint=\${idToken}&post_logout_redirect_uri=\${encodeURIComponent(APP)}\`;`,
    },
    {
      code: `export function handleCallback() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  return fragment.get('access_token');
}`,
    },
    {
      code: `await fetch(\`\${API}/orders\`, { headers: { Authorization: \`Bearer \${accessToken}\` } });`,
    },
    {
      code: `await fetch(REVOKE_URL, { method: 'POST', body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }) });`,
    },
    {
      code: `res.redirect(\`\${redirectUri}#access_token=\${token}&token_type=Bearer&expires_in=3600\`);`,
    },
    {
      code: `const target = new URL(redirectUri);
target.searchParams.set('code', code);
target.searchParams.set('state', state);
res.redirect(target.toString());`,
    },
    {
      code: `app.get('/verify-email', async (req, res) => {
  const user = await users.confirmEmail(req.query.token);
  res.redirect('/welcome');
});`,
    },
    {
      code: `export const resetLink = (token: string) => \`\${APP}/reset-password?token=\${token}\`;`,
    },
    {
      code: `app.get('/api/me', (req, res) => {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  res.json(verifyAccessToken(token));
});`,
    },
    {
      code: `import { test, expect } from 'vitest';
test('no token in url', () => {
  expect(new URL(loginUrl).searchParams.get('access_token')).toBeNull();
  expect(redirect).not.toContain('?access_token=');
});`,
    },
    {
      code: `const accessTokenUrl = \`\${ISSUER}/oauth/token?tenant=\${tenant}\`;
const res = await fetch(accessTokenUrl, { method: 'POST', body });`,
    },
    {
      code: `export const cookieValue = (req) => req.cookies.access_token;
const theme = req.query.theme;`,
    },
  ],
  invalid: [
    {
      code: `router.get('/callback', async (req, res) => {
  const tokens = await exchange(req.query.code);
  res.redirect(\`\${APP}/sso/complete?access_token=\${encodeURIComponent(tokens.access_token)}&expires_in=\${tokens.expires_in}\`);
});`,
      errors: [{ messageId: 'tokenInQuery', line: 3, column: 16, endLine: 3, endColumn: 125 }],
    },
    {
      code: `export async function me(accessToken: string) {
  const res = await fetch(\`https://graph.facebook.com/v19.0/me?fields=id,name&access_token=\${accessToken}\`);
  return res.json();
}`,
      errors: [{ messageId: 'tokenInQuery', line: 2, column: 27, endLine: 2, endColumn: 107 }],
    },
    {
      code: `const url = new URL('https://api.example.com/export');
url.searchParams.set('access_token', session.accessToken);
window.open(url.toString());`,
      errors: [{ messageId: 'tokenInQuery', line: 2, column: 1, endLine: 2, endColumn: 58 }],
    },
    {
      code: `import axios from 'axios';
export const list = (accessToken: string) => axios.get(\`\${API}/orders\`, { params: { access_token: accessToken, limit: 50 } });`,
      errors: [{ messageId: 'tokenInQuery', line: 2, column: 85, endLine: 2, endColumn: 110 }],
    },
    {
      code: `export function connect(accessToken: string) {
  return new WebSocket(\`wss://realtime.example.com/socket?token=\${accessToken}\`);
}`,
      errors: [{ messageId: 'tokenInQuery', line: 2, column: 24, endLine: 2, endColumn: 80 }],
    },
    {
      code: `export function refreshUrl(refreshToken: string) {
  const q = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  return \`\${TOKEN_URL}?\${q}\`;
}`,
      errors: [{ messageId: 'tokenInQuery', line: 2, column: 64, endLine: 2, endColumn: 91 }],
    },
    {
      code: `app.get('/api/orders', (req, res) => {
  const claims = verifyAccessToken(req.query.access_token);
  res.json(listOrders(claims.sub));
});`,
      errors: [{ messageId: 'tokenFromQuery', line: 2, column: 36, endLine: 2, endColumn: 58 }],
    },
    {
      code: `export default async function handler(req, res) {
  const { id_token } = req.query;
  res.json(await decodeProfile(id_token));
}`,
      errors: [{ messageId: 'tokenFromQuery', line: 2, column: 11, endLine: 2, endColumn: 19 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
app.get('/download', (req, res) => {
  const payload = jwt.verify(req.query.token, PUBLIC_KEY, { algorithms: ['RS256'] });
  res.download(fileFor(payload.sub));
});`,
      errors: [{ messageId: 'tokenFromQuery', line: 3, column: 30, endLine: 3, endColumn: 45 }],
    },
    {
      code: `import { ExtractJwt, Strategy } from 'passport-jwt';
passport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromUrlQueryParameter('token'), secretOrKey: KEY, algorithms: ['RS256'] }, verify));`,
      errors: [{ messageId: 'tokenFromQuery', line: 2, column: 45, endLine: 2, endColumn: 86 }],
    },
    {
      code: `app.get('/feed', (c) => {
  const token = c.req.query('access_token');
  return c.json(feedFor(token));
});`,
      errors: [{ messageId: 'tokenFromQuery', line: 2, column: 17, endLine: 2, endColumn: 44 }],
    },
    {
      code: `export function readLanding() {
  const params = new URLSearchParams(window.location.search);
  return params.get('access_token');
}`,
      errors: [{ messageId: 'tokenFromQuery', line: 3, column: 10, endLine: 3, endColumn: 36 }],
    },
  ],
});

espreeTester.run('no-token-in-url (espree)', rule, {
  valid: [
    {
      code: `const { data } = await axios.get(\`\${API}/search\`, { params: { q: query, page }, headers: { Authorization: \`Bearer \${accessToken}\` } });`,
    },
    {
      code: `const rows = await db.query('SELECT access_token FROM sessions WHERE id = $1', [id]);`,
    },
  ],
  invalid: [
    {
      code: `const { expressjwt } = require('express-jwt');
app.use(expressjwt({ secret: KEY, algorithms: ['HS256'], getToken: (req) => req.query.token }));`,
      errors: [{ messageId: 'tokenFromQuery', line: 2, column: 77, endLine: 2, endColumn: 92 }],
    },
    {
      code: `export const api = (idToken) => fetch(API + '/profile?id_token=' + idToken);`,
      errors: [{ messageId: 'tokenInQuery', line: 1, column: 45, endLine: 1, endColumn: 65 }],
    },
  ],
});
