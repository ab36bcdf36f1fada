import rule from '../../rules/no-token-in-url';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

// Resource servers that reject query tokens unless the deployer opts in (RFC 6750 §2.3's exception).
const optInRejectedByDefault = `AuthenticateHandler.prototype.getTokenFromRequest = function (request) {
  var headerToken = request.get('Authorization');
  var queryToken = request.query.access_token;
  if (!!headerToken + !!queryToken > 1) throw new InvalidRequestError('only one authentication method is allowed');
  if (queryToken) return this.getTokenFromRequestQuery(request);
  return this.getTokenFromRequestHeader(request);
};
AuthenticateHandler.prototype.getTokenFromRequestQuery = function (request) {
  if (!this.allowBearerTokensInQueryString) {
    throw new InvalidRequestError('do not send bearer tokens in query URLs');
  }
  return request.query.access_token;
};`;
const optInMechanism = `export function getAccessToken(ctx, { acceptQueryParam = config.acceptQueryParamAccessTokens } = {}) {
  const mechanisms = { header: ctx.headers.authorization, query: ctx.query.access_token };
  const [[mechanism, token]] = Object.entries(mechanisms).filter(([, value]) => value);
  if (!acceptQueryParam && mechanism === 'query') throw new InvalidRequest('access tokens must not be provided via query parameter');
  return token;
}`;
const optInGuardedRead = `export function tokenOf(req, options) {
  if (options.allowQueryTokens && req.query.access_token) return req.query.access_token;
  return req.headers.authorization?.slice(7);
}`;
// The flag is checked, but nothing is rejected: the query token is read either way.
const optInFlagIgnored = `export function tokenOf(req, options) {
  if (!options.allowQueryTokens) console.warn('query tokens are deprecated');
  return req.headers.authorization?.slice(7) ?? req.query.access_token;
}`;
// One read, tested and then taken: one finding.
const readTwice = `app.get('/api/me', (req, res) => {
  let token;
  if (req.query.access_token) {
    token = req.query.access_token;
  }
  res.json(lookup(token));
});`;

ruleTester.run('no-token-in-url', rule, {
  valid: [
    optInRejectedByDefault,
    optInMechanism,
    optInGuardedRead,
    // `validToken` / `invalid_token` hold the letters of `idToken`: a verdict, not an ID token.
    {
      code: `export async function audit(token: string) {
  const validToken = isWellFormed(token);
  await fetch(\`https://audit.example.com/log?validToken=\${validToken}\`);
  return fetch('https://audit.example.com/log?invalid_token=' + !validToken);
}`,
    },
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
    // One-time link tokens signed by the app: password reset, email verification, invitations.
    {
      code: `import jwt from 'jsonwebtoken';
export function passwordResetLink(user: { id: string }) {
  const resetToken = jwt.sign({ sub: user.id }, process.env.RESET_SECRET!, { expiresIn: '15m' });
  return \`\${process.env.APP_URL}/account/new-password?token=\${resetToken}\`;
}
export function confirmLink(email: string) {
  return \`\${process.env.APP_URL}/verify-email?token=\${jwt.sign({ email }, process.env.MAIL_SECRET!)}\`;
}`,
    },
    // Seen in real code (fresh-2026-12-k): a magic link signed in a method of the email sign-in provider class.
    {
      code: `import { sign } from 'jsonwebtoken';
export class EmailAuthProvider {
  async send(email: string, base: string) {
    const token = sign({ email, exp: Math.floor(Date.now() / 1000) + 900 }, process.env.SECRET!);
    const link = \`\${combine([base, '/auth/callback'])}?token=\${token}\`;
    await mailer.send({ to: email, text: link });
  }
}`,
    },
    // A signed state (nonce and return path) is a state, not a credential; a state named so.
    {
      code: `import jwt from 'jsonwebtoken';
export function login(res: any, nonce: string, returnTo: string) {
  const state = jwt.sign({ nonce, returnTo }, process.env.STATE_SECRET!, { expiresIn: '10m' });
  res.redirect(\`https://github.com/login/oauth/authorize?client_id=abc&state=\${state}\`);
}`,
    },
    // Ids, not tokens, in path segments; a token in a cache key that is no URL.
    {
      code: `export async function load(user: { id: string }, tokens: { access_token: string }, cache: Map<string, string>) {
  await fetch(\`https://api.example.com/v1/users/\${user.id}/avatar\`);
  cache.set(\`grants/\${tokens.access_token}\`, '1');
  console.log('/session/' + tokens.access_token);
}`,
    },
    // A separator choice with an ordinary parameter; an unknown parameter name holding an ID token (a logout hint).
    {
      code: `export function back(res: any, next: string, page: number, hintKey: string, idToken: string) {
  const sep = next.includes('?') ? '&' : '?';
  res.redirect(\`\${next}\${sep}page=\${page}\`);
  res.redirect(\`\${ISSUER}/logout?\${hintKey}=\${idToken}\`);
}`,
    },
    // A bare refreshToken() action is not a token.
    {
      code: `export async function retry(res: any) {
  res.redirect(\`/?\${KEY}=\${await refreshToken()}\`);
}`,
    },
  ],
  invalid: [
    {
      code: optInFlagIgnored,
      errors: [{ messageId: 'tokenFromQuery', ...at(optInFlagIgnored, 'req.query.access_token') }],
    },
    {
      code: readTwice,
      errors: [{ messageId: 'tokenFromQuery', ...at(readTwice, 'req.query.access_token') }],
    },
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
    // Look-alike of the magic link above: the class names no one-time link, so the signed token is the session.
    {
      code: `import { sign } from 'jsonwebtoken';
export class GithubAuthProvider {
  async finish(res: any, login: string, base: string) {
    const token = sign({ login }, process.env.SECRET!);
    res.redirect(\`\${base}/app?token=\${token}\`);
  }
}`,
      errors: [{ messageId: 'tokenInQuery', line: 5, column: 18, endLine: 5, endColumn: 46 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
export function done(req: any, res: any, user: { id: string }) {
  const appToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '7d' });
  const back = req.cookies.return_to || '/home';
  const sep = back.includes('?') ? '&' : '?';
  res.redirect(\`\${back}\${sep}token=\${appToken}\`);
}`,
      errors: [
        {
          messageId: 'tokenInQuery',
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 48,
          data: { kind: 'a token the app signed (a bearer credential)' },
        },
      ],
    },
    {
      code: `import { SignJWT } from 'jose';
export async function handoff(res: any, key: Uint8Array, uid: string) {
  const session = await new SignJWT({ uid }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  return res.redirect(process.env.SPA_URL + '/auth/complete?session=' + session);
}`,
      errors: [{ messageId: 'tokenInQuery', line: 4, column: 45, endLine: 4, endColumn: 70 }],
    },
    {
      code: `import { TOKEN_QUERY_KEY } from './keys';
export async function load({ url }: any) {
  const tokens = await provider.validateAuthorizationCode(url.searchParams.get('code'));
  redirect(302, \`/?\${TOKEN_QUERY_KEY}=\${tokens.accessToken()}\`);
}`,
      errors: [{ messageId: 'tokenInQuery', line: 4, column: 17, endLine: 4, endColumn: 63, data: { kind: 'access token' } }],
    },
    {
      code: `export function finish(res: any, body: { access_token: string }) {
  res.redirect(toClient(CLIENT_SUCCESS_PATH + '/' + body.access_token));
}`,
      errors: [{ messageId: 'tokenInPath', line: 2, column: 53, endLine: 2, endColumn: 70, data: { kind: 'access token' } }],
    },
    {
      code: `export async function profile(tokens: { refresh_token: string }) {
  const url = \`\${API_BASE}/sessions/\${tokens.refresh_token}/renew\`;
  return fetch(url, { method: 'POST' });
}`,
      errors: [{ messageId: 'tokenInPath', line: 2, column: 39, endLine: 2, endColumn: 59, data: { kind: 'refresh token' } }],
    },
    {
      code: `export function open(accessToken: string) {
  window.location.href = \`https://reports.example.com/embed/\${accessToken}\`;
}`,
      errors: [{ messageId: 'tokenInPath', line: 2, column: 63, endLine: 2, endColumn: 74 }],
    },
    {
      code: `export function connect(req: any, res: any) {
  const state = req.cookies.session_token;
  res.redirect(\`https://slack.com/oauth/v2/authorize?client_id=\${ID}&scope=chat:write&state=\${state}\`);
}`,
      errors: [{ messageId: 'tokenInQuery', line: 3, column: 16, endLine: 3, endColumn: 102 }],
    },
    {
      code: `import { google } from 'googleapis';
const client = new google.auth.OAuth2(ID, SECRET, CALLBACK);
export function link(req: any, res: any) {
  res.redirect(client.generateAuthUrl({ scope: ['openid'], state: req.headers.authorization }));
}`,
      errors: [{ messageId: 'tokenInQuery', line: 4, column: 60, endLine: 4, endColumn: 92 }],
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

// Query builders, Authorization-header schemes, token callbacks, written-out JWTs and client secrets.
const superagentQuery = `import superagent from 'superagent';
export function getOpenID(token) {
  return superagent.get(\`\${base}/oauth2.0/me\`).query({ access_token: token }).end(done);
}`;
const koaTokenScheme = `const Koa = require('koa');
app.use(async (ctx) => {
  const { token } = ctx.query;
  await axios({ url: 'https://api.github.com/user', headers: { Authorization: \`token \${token}\` } });
});`;
const chromeIdentity = `chrome.identity.getAuthToken({ interactive: false }, (token) => {
  fetch(\`https://accounts.google.com/o/oauth2/revoke?token=\${token}\`);
});`;
const writtenJwt = `export const downloadLink = 'https://api.example.com/files/123?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc';`;
const secretInTokenUrl = `export function tokenUrl(clientSecret: string, code: string) {
  const params = new URLSearchParams();
  params.append('client_secret', clientSecret);
  params.append('code', code);
  return \`https://auth.example.com/token?\${params.toString()}\`;
}`;

ruleTester.run('no-token-in-url (builders, header schemes, callbacks, literals, client secrets)', rule, {
  valid: [
    // superagent: a query without a token, a token sent in a header.
    `import superagent from 'superagent'; superagent.get(url).query({ page: 2, q: term }).set('Authorization', \`Bearer \${token}\`);`,
    // A \`.query()\` that is no request builder.
    `const rows = db.table('users').query({ token: accessToken });`,
    // A generic query token used only as a Basic credential or compared: not a bearer read.
    `app.use(async (ctx) => { const { token } = ctx.query; await axios({ url, headers: { Authorization: \`Basic \${token}\` } }); });`,
    `app.use(async (ctx) => { const { token } = ctx.query; if (token !== expected) ctx.throw(403); });`,
    // A callback of another API: its first parameter is not a token.
    `chrome.tabs.query({ active: true }, (tabs) => { fetch(\`https://api.example.com/log?token=\${tabs}\`); });`,
    // Base64 that is not a JWT, a magic-link JWT, an ID token hint.
    `export const next = 'https://app.example.com/login?next=aHR0cHM6Ly9hcHAvaG9tZQ';`,
    `export const magicLink = 'https://app.example.com/auth/magic?token=eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiZm9vIn0.xyz';`,
    // Client secrets in a form body, or an empty placeholder parameter.
    `const body = new URLSearchParams({ client_id: id, client_secret: secret, code }); await fetch(TOKEN_URL, { method: 'POST', body });`,
    `export const template = 'https://auth.example.com/token?client_id=abc&client_secret=';`,
    // Seen in real code (fresh-2026-12-g): a URL an extension looks for in a tab's address, not one it sends.
    `chrome.webNavigation.onCompleted.addListener((data) => {
  if (data.url.includes('https://auth.example.com/token?client_id=4689&client_secret=9d85c43b1482497dbbce61f6e4aa173a')) notify(data.tabId);
  if (data.url.startsWith('https://app.example.com/cb?access_token=' + accessToken)) done();
});`,
  ],
  invalid: [
    { code: superagentQuery, errors: [{ messageId: 'tokenInQuery', ...at(superagentQuery, 'access_token: token') }] },
    { code: koaTokenScheme, errors: [{ messageId: 'tokenFromQuery', ...at(koaTokenScheme, 'token') }] },
    {
      code: chromeIdentity,
      errors: [{ messageId: 'tokenInQuery', ...at(chromeIdentity, '`https://accounts.google.com/o/oauth2/revoke?token=${token}`') }],
    },
    {
      code: writtenJwt,
      errors: [
        {
          messageId: 'tokenInQuery',
          data: { kind: 'token' },
          ...at(writtenJwt, "'https://api.example.com/files/123?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc'"),
        },
      ],
    },
    {
      code: secretInTokenUrl,
      errors: [{ messageId: 'clientSecretInQuery', ...at(secretInTokenUrl, "params.append('client_secret', clientSecret)") }],
    },
  ],
});

// The return URL's fallback ends in a query parameter the signed token then fills (Nuxt auto-imports sendRedirect).
const fallbackJwtQuery = `import jwt from 'jsonwebtoken';
export default defineEventHandler(async (event) => {
  const redirectUri = getCookie(event, 'redirect_uri') || '/?jwt=';
  const jwtToken = jwt.sign({ sub: user.id }, config.jwtSecret, { expiresIn: '14d' });
  return sendRedirect(event, redirectUri + jwtToken, 302);
});`;
ruleTester.run('no-token-in-url (a fallback URL ending in a parameter)', rule, {
  valid: [
    // The fallback ends in a path, or the value appended is no token.
    fallbackJwtQuery.replace("|| '/?jwt='", "|| '/home'").replace('redirectUri + jwtToken', "redirectUri + '#done'"),
    fallbackJwtQuery.replace('redirectUri + jwtToken', 'redirectUri + encodeURIComponent(user.name)'),
  ],
  invalid: [
    {
      code: fallbackJwtQuery,
      errors: [
        {
          messageId: 'tokenInQuery',
          data: { kind: 'a token the app signed (a bearer credential)' },
          ...at(fallbackJwtQuery, 'redirectUri + jwtToken'),
        },
      ],
    },
  ],
});

// A bearer token read from a route's path parameter (`/user/:token`): clients must put it in URLs too.
const pathToken = `const { decodeJWT } = require('../utils');
const userFound = async (req, res) => {
  const token = req.params.token;
  const id = await decodeJWT(token);
  res.send(await User.findById(id));
};
module.exports = userFound;`;
const pathAccessToken = `router.get('/me/:access_token', async (req, res) => {
  const { access_token } = req.params;
  res.json(await fetchProfile(access_token));
});`;
espreeTester.run('no-token-in-url (path parameters)', rule, {
  valid: [
    // A path id, and a token name that is not used as a credential.
    pathToken.replace('req.params.token', 'req.params.id'),
    pathToken.replace('await decodeJWT(token)', 'await lookupShare(token)'),
    // One-time links: the route, the handler's name.
    `router.get('/reset-password/:token', (req, res) => { const data = jwt.verify(req.params.token, SECRET); res.render('reset', data); });`,
    pathToken.replace(/userFound/g, 'verifyEmail'),
    // Not the request's parameters.
    pathToken.replace('req.params.token', 'config.params.token'),
  ],
  invalid: [
    { code: pathToken, errors: [{ messageId: 'tokenFromPath', ...at(pathToken, 'req.params.token') }] },
    { code: pathAccessToken, errors: [{ messageId: 'tokenFromPath', ...at(pathAccessToken, 'access_token', 1) }] },
  ],
});

// Seen in real code (fresh-2026-12-d): the session token the callback also sets as a cookie, sent to a
// page whose path names a one-time link (`setup-password`) — it is still the session.
const sessionTokenInSetupLink = `const jwt = require('jsonwebtoken');
exports.googleCallback = async (req, res) => {
  const token = jwt.sign({ id: req.user._id }, process.env.JWT_SECRET);
  res.cookie('jwt', token, { httpOnly: true, secure: true, sameSite: 'lax' });
  return res.redirect(\`\${process.env.CLIENT_URL}/setup-password?token=\${token}\`);
};`;

ruleTester.run('no-token-in-url (real code: session token in a one-time-looking link)', rule, {
  valid: [
    // A token made for the link alone (no cookie): a one-time link token.
    `const jwt = require('jsonwebtoken');
exports.invite = async (req, res) => {
  const token = jwt.sign({ id: req.user._id }, process.env.JWT_SECRET, { expiresIn: '15m' });
  await mailer.send(\`\${process.env.CLIENT_URL}/setup-password?token=\${token}\`);
};`,
  ],
  invalid: [
    {
      code: sessionTokenInSetupLink,
      errors: [{ messageId: 'tokenInQuery', ...at(sessionTokenInSetupLink, '`${process.env.CLIENT_URL}/setup-password?token=${token}`') }],
    },
  ],
});

// Seen in real code (fresh-2026-12-e): the access token inside a base64 "session" blob in the redirect.
const sessionBlob = `module.exports = async function (context, req) {
  const tokenData = await tokenResponse.json();
  const sessionToken = Buffer.from(JSON.stringify({ token: tokenData.access_token, username: user.login })).toString('base64');
  context.res = { status: 302, headers: { Location: \`\${frontendUrl}/oauth-success?session=\${sessionToken}\` } };
};`;

ruleTester.run('no-token-in-url (real code: a token inside a serialised session)', rule, {
  valid: [
    // The profile alone, no token in it.
    sessionBlob.replace('token: tokenData.access_token, ', ''),
  ],
  invalid: [
    {
      code: sessionBlob,
      errors: [{ messageId: 'tokenInQuery', ...at(sessionBlob, '`${frontendUrl}/oauth-success?session=${sessionToken}`') }],
    },
  ],
});

// Seen in real code (fresh-2026-12-f): a token set under an unrelated parameter name, a session token
// from an injected service's maker, and a query token handed to a login-by-token lookup.
const tokenSetInRedirect = `const { google } = require('googleapis');
const oauth2Client = new google.auth.OAuth2(ID, SECRET, CALLBACK);
app.get('/cb', async (req, res) => {
  const { tokens } = await oauth2Client.getToken(req.query.code);
  res.redirect(\`\${HOME}/intermediate?method=google&at=\${JSON.stringify(tokens)}\`);
});`;
const injectedTokenMaker = `module.exports = (app, utils) => {
  app.get('/cb', async (req, res) => {
    const token = await utils.UserManager.newTokenGen(username);
    res.redirect(\`/api/v1/users/sendloginsuccess?token=\${token}&username=\${username}\`);
  });
};`;
const loginWithQueryToken = `module.exports = (app, utils) => {
  app.get('/api/v1/users/addoauthmethod', async function (req, res) {
    const packet = req.query;
    const token = String(packet.token);
    const login = await utils.UserManager.loginWithToken(token);
    res.json(login);
  });
};`;

ruleTester.run('no-token-in-url (real code: token sets, token makers, login by token)', rule, {
  valid: [
    // Not a token: the user's preferences, whatever the parameter.
    tokenSetInRedirect.replace('JSON.stringify(tokens)', 'JSON.stringify(prefs)'),
    // A one-time link made by a token maker.
    injectedTokenMaker.replace('sendloginsuccess?token=', 'reset-password?token=').replace('newTokenGen', 'generateResetToken'),
    // A query `token` looked up as something else (an invitation).
    loginWithQueryToken.replace('loginWithToken', 'acceptInvite'),
  ],
  invalid: [
    {
      code: tokenSetInRedirect,
      errors: [
        { messageId: 'tokenInQuery', ...at(tokenSetInRedirect, '`${HOME}/intermediate?method=google&at=${JSON.stringify(tokens)}`') },
      ],
    },
    {
      code: injectedTokenMaker,
      errors: [
        { messageId: 'tokenInQuery', ...at(injectedTokenMaker, '`/api/v1/users/sendloginsuccess?token=${token}&username=${username}`') },
      ],
    },
    { code: loginWithQueryToken, errors: [{ messageId: 'tokenFromQuery', ...at(loginWithQueryToken, 'packet.token') }] },
  ],
});

// Seen in real code (fresh-2026-12-h): Hono's whole query, `c.req.query()`, destructured.
const honoWholeQuery = `import { Hono } from 'hono';
const app = new Hono();
app.get('/access', async (c) => {
  const { refresh_token, access_token, page } = c.req.query();
  return c.text(String(Boolean(access_token || refresh_token)) + page);
});`;

ruleTester.run('no-token-in-url (real code: Hono query object)', rule, {
  valid: [
    honoWholeQuery.replace(
      'const { refresh_token, access_token, page } = c.req.query();',
      'const { refresh_token, access_token, page } = await c.req.json();',
    ),
  ],
  invalid: [
    {
      code: honoWholeQuery,
      errors: [
        { messageId: 'tokenFromQuery', ...at(honoWholeQuery, 'refresh_token', 0) },
        { messageId: 'tokenFromQuery', ...at(honoWholeQuery, 'access_token', 0) },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): a token of the signed-in user, sent as a bearer header and
// put in the redirect's query. Without the bearer use, `req.user.token` may be anything.
const bearerAndUrl = (header: string) => `export class OauthController {
  async google(req, res) {
    const token = req.user.token;
    ${header}
    res.redirect('/result' + \`?token=\${token}\`);
  }
}`;
const sentAsBearer = bearerAndUrl("res.header('Authorization', `Bearer ${token}`);");
ruleTester.run('no-token-in-url (real code: a variable also sent as a bearer)', rule, {
  valid: [bearerAndUrl("res.header('X-Request', 'login');")],
  invalid: [{ code: sentAsBearer, errors: [{ messageId: 'tokenInQuery', ...at(sentAsBearer, '`?token=${token}`') }] }],
});

// Seen in real code (fresh-2026-12-k): the `token` of a revocation endpoint is an OAuth token, whatever the variable's name.
const revokeInQuery = `const revokeToken = async (token: string) => {
  await fetch(\`https://oauth2.googleapis.com/revoke?token=\${token}\`, { method: 'POST' });
};`;
ruleTester.run('no-token-in-url (real code: revocation endpoints)', rule, {
  valid: [
    // In the body, as RFC 7009 says; and a page token of another endpoint.
    `const revokeToken = (token: string) => fetch('https://oauth2.googleapis.com/revoke', { method: 'POST', body: new URLSearchParams({ token }) });`,
    `export const nextPage = (token: string) => fetch(\`https://api.example.com/items?token=\${token}\`);`,
  ],
  invalid: [
    {
      code: revokeInQuery,
      errors: [{ messageId: 'tokenInQuery', ...at(revokeInQuery, '`https://oauth2.googleapis.com/revoke?token=${token}`') }],
    },
  ],
});

// Seen in real code (fresh-2026-12-l): a route that takes the session token from its query and
// sets it as the session cookie: the generic `token` is a credential.
const tokenToCookie = (pair: string) => `import { NextResponse } from 'next/server';
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token');
  return NextResponse.redirect(new URL('/home', request.url), { headers: { 'Set-Cookie': \`${pair}\${token}; HttpOnly; Path=/\` } });
}`;
const sessionFromQuery = tokenToCookie('token=');
ruleTester.run('no-token-in-url (real code: a query token set as the session cookie)', rule, {
  valid: [
    // A value set under a name that is no credential.
    tokenToCookie('invite_code='),
    // Seen in real code (bench:scale, linkwarden): a one-time link's token passed on in another URL's query.
    `import { useRouter } from 'next/router';
export default function VerifyEmail() {
  const router = useRouter();
  const token = router.query.token;
  fetch(\`/api/v1/auth/verify-email?token=\${token}\`, { method: 'POST' });
}`,
  ],
  invalid: [
    {
      code: sessionFromQuery,
      errors: [{ messageId: 'tokenFromQuery', ...at(sessionFromQuery, "new URL(request.url).searchParams.get('token')") }],
    },
  ],
});
