import rule from '../../rules/no-exposed-client-secret';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('no-exposed-client-secret', rule, {
  valid: [
    // Seen in real code (fresh-2026-12-g): an Astro endpoint under a front end's src/ runs on the server.
    {
      code: `import type { APIContext } from 'astro';
export async function get(context) {
  const body = new URLSearchParams({ grant_type: 'authorization_code', client_secret: import.meta.env.AUTH0_CLIENTSECRET });
}`,
      filename: 'frontend/src/pages/auth/callback.ts',
    },
    // Seen in real code (fresh-2026-12-k): a 'use server' module (server functions) importing solid-js/web runs on the server.
    {
      code: `'use server';
import { getRequestEvent } from 'solid-js/web';
export async function exchange(code: string) {
  return fetch('https://github.com/login/oauth/access_token', { method: 'POST', body: new URLSearchParams({ code, client_secret: process.env.GITHUB_CLIENT_SECRET! }) });
}`,
      filename: 'apps/web/src/app/auth/actions.ts',
    },
    // Server code reading the secret from a server-only variable.
    {
      code: `import { AuthorizationCode } from 'simple-oauth2';\nnew AuthorizationCode({ client: { id: process.env.ID, secret: process.env.CLIENT_SECRET }, auth: { tokenHost: 'https://idp' } });`,
      filename: 'src/server/oauth.ts',
    },
    // Secret-manager read.
    {
      code: `const clientSecret = await secrets.getSecretValue({ SecretId: 'oauth/github' });\nexport const github = { clientId: 'Iv1.abc', clientSecret };`,
      filename: 'src/server/github.ts',
    },
    // Placeholders and empty strings.
    { code: `export const example = { clientId: 'abc', clientSecret: 'YOUR_CLIENT_SECRET' };` },
    { code: `export const example = { client_id: 'abc', client_secret: '<client-secret>' };` },
    {
      code: `export const example = { clientId: 'abc', clientSecret: '' };\nconst b = { clientSecret: 'xxxxxxxx' };\nconst c = { clientSecret: '\${CLIENT_SECRET}' };`,
    },
    // Filler shorter than any issued secret, and an instruction to the reader.
    { code: `const client_secret = 'Your';\nconst body = new URLSearchParams({ grant_type: 'authorization_code', code, client_secret });` },
    { code: `export const spotify = { clientId: 'abc', clientSecret: 'Your Spotify app secret' };` },
    // HMAC / session / webhook secrets are not client secrets.
    { code: `import session from 'express-session';\napp.use(session({ secret: 'keyboard cat dog mouse', resave: false }));` },
    { code: `const WEBHOOK_SECRET = 'whsec_abc123def456';\nconst hook = { id: 'wh_1', secret: 'whsec_abc123def456' };` },
    { code: `import jwt from 'jsonwebtoken';\njwt.sign(payload, 'my-hmac-signing-key-123', { algorithm: 'HS256' });` },
    // next-auth's own `secret` is the session encryption secret.
    { code: `import NextAuth from 'next-auth';\nexport default NextAuth({ secret: 'a-long-random-session-secret', providers: [] });` },
    // A public client's id is not a secret; public env for the client id is fine.
    {
      code: `import { PublicClientApplication } from '@azure/msal-browser';\nnew PublicClientApplication({ auth: { clientId: import.meta.env.VITE_AZURE_CLIENT_ID } });`,
    },
    // Test files are silent.
    { code: `export const client = { clientId: 'abc', clientSecret: 'real-looking-secret-123' };`, filename: 'src/__tests__/oauth.ts' },
    { code: `export const client = { clientId: 'abc', clientSecret: 'real-looking-secret-123' };`, filename: 'src/oauth.spec.ts' },
    // Public env variables that are not OAuth client secrets.
    { code: `const key = import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY;\nconst s = process.env.NEXT_PUBLIC_SENTRY_DSN;` },
    // Destructuring a secret from config is a read, not a write.
    {
      code: `const { clientSecret } = config;\nconst q = \`client_secret=\${encodeURIComponent(clientSecret)}\`;`,
      filename: 'src/server/x.ts',
    },
    // express-openid-connect: `secret` next to clientID is the session secret.
    {
      code: `import { auth } from 'express-openid-connect';\napp.use(auth({ secret: 'a-long-randomly-generated-string', baseURL: 'https://app', clientID: 'abc', issuerBaseURL: 'https://idp' }));`,
    },
    // Nuxt: the secret stays in the server part of runtimeConfig.
    {
      code: `export default defineNuxtConfig({ runtimeConfig: { oauthClientSecret: process.env.NUXT_OAUTH_CLIENT_SECRET, public: { oauthClientId: 'abc' } } });`,
      filename: 'nuxt.config.ts',
    },
    // Basic client authentication built from values read at runtime.
    {
      code: `export async function token(clientId: string, clientSecret: string) {\n  return fetch('/oauth/token', { method: 'POST', headers: { Authorization: \`Basic \${btoa(\`\${clientId}:\${clientSecret}\`)}\` }, body: 'grant_type=client_credentials' });\n}`,
      filename: 'src/server/token.ts',
    },
    // A secret-store reference and a short dev fallback.
    {
      code: `export const github = { clientId: 'Iv1.abc', clientSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:github-oauth' };\nexport const local = { clientId: 'dev', clientSecret: process.env.CLIENT_SECRET || 'dev' };`,
      filename: 'src/server/config.ts',
    },
    // Server code with no browser signal reads a non-public variable.
    { code: `const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET ?? '';\nexport { CLIENT_SECRET };` },
  ],
  invalid: [
    {
      code: `import { AuthorizationCode } from 'simple-oauth2';\nconst client = new AuthorizationCode({\n  client: { id: 'crm', secret: 'b8f2-41c9-real-secret' },\n  auth: { tokenHost: 'https://idp.example.com' },\n});`,
      errors: [{ messageId: 'literalSecret', line: 3, column: 32, endLine: 3, endColumn: 55 }],
    },
    {
      code: `const GITHUB_CLIENT_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccdd';\nexport const github = { clientId: 'Iv1.8a61f9b3a7aba766', clientSecret: GITHUB_CLIENT_SECRET };`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 30, endLine: 1, endColumn: 72 }],
    },
    {
      code: `import { OAuth2Client } from 'google-auth-library';\nconst oauth2 = new OAuth2Client('123.apps.googleusercontent.com', 'GOCSPX-1a2b3c4d5e6f7g8h9i0jklmnop', 'https://app/cb');`,
      errors: [{ messageId: 'literalSecret', line: 2, column: 67, endLine: 2, endColumn: 102 }],
    },
    {
      code: `const body = new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'web', client_secret: 'hunter2-but-longer' });`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 109, endLine: 1, endColumn: 129 }],
    },
    {
      code: `const res = await fetch(TOKEN_URL, {\n  method: 'POST',\n  body: \`grant_type=authorization_code&code=\${code}&client_secret=9c0ffee-real-secret\`,\n});`,
      errors: [{ messageId: 'literalSecret', line: 3, column: 9, endLine: 3, endColumn: 87 }],
    },
    // A 15-character generated secret (Dropbox's length) is above the filler floor.
    {
      code: `const client_secret = 'x4ylhlwb6ej3fki';\nconst body = new URLSearchParams({ grant_type: 'authorization_code', code, client_secret });`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 23, endLine: 1, endColumn: 40 }],
    },
    {
      code: `const params = new URLSearchParams();\nparams.append('client_secret', 'q8Zk-real-secret-v4lue');`,
      errors: [{ messageId: 'literalSecret', line: 2, column: 32, endLine: 2, endColumn: 56 }],
    },
    {
      code: `export const oauth = { clientId: process.env.NEXT_PUBLIC_GITHUB_ID, clientSecret: process.env.NEXT_PUBLIC_GITHUB_SECRET };`,
      errors: [{ messageId: 'publicEnvSecret', line: 1, column: 83, endLine: 1, endColumn: 120 }],
    },
    {
      code: `const secret = import.meta.env.VITE_OAUTH_CLIENT_SECRET;\nexport const login = () => fetch('/token', { body: new URLSearchParams({ client_secret: secret }) });`,
      errors: [{ messageId: 'publicEnvSecret', line: 1, column: 16, endLine: 1, endColumn: 56 }],
    },
    {
      code: `const { REACT_APP_CLIENT_SECRET } = process.env;`,
      errors: [{ messageId: 'publicEnvSecret', line: 1, column: 9, endLine: 1, endColumn: 32 }],
    },
    {
      code: `import { getRequestEvent } from 'solid-js/web';\nexport async function exchange(code: string) {\n  return fetch('/oauth/token', { method: 'POST', body: new URLSearchParams({ code, client_secret: process.env.OAUTH_CLIENT_SECRET! }) });\n}`,
      filename: 'apps/web/src/app/auth/actions.ts',
      errors: [{ messageId: 'browserSecret', line: 3, column: 99, endLine: 3, endColumn: 130 }],
    },
    {
      code: `'use client';\nexport async function exchange(code: string) {\n  return fetch('/oauth/token', { method: 'POST', body: new URLSearchParams({ code, client_secret: process.env.OAUTH_CLIENT_SECRET! }) });\n}`,
      filename: 'app/login/callback.tsx',
      errors: [{ messageId: 'browserSecret', line: 3, column: 99, endLine: 3, endColumn: 130 }],
    },
    {
      code: `import * as client from 'openid-client';\nconst config = await client.discovery(new URL('https://idp'), 'web', 'Xk29-literal-secret');`,
      errors: [{ messageId: 'literalSecret', line: 2, column: 70, endLine: 2, endColumn: 91 }],
    },
    {
      code: `const oidc = { clientId: 'web', clientSecret: process.env.OIDC_SECRET || 'dev-secret-1234abcd' };`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 74, endLine: 1, endColumn: 95 }],
    },
    {
      code: `const keycloak = new Keycloak({ store }, { realm: 'shop', resource: 'shop-api', 'auth-server-url': 'https://sso/', credentials: { secret: 'b1c2d3e4-f5a6-7b8c-9d0e-1f2a3b4c5d6e' } });`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 139, endLine: 1, endColumn: 177 }],
    },
    {
      code: `export const grantConfig = { defaults: { origin: 'https://app.example.com' }, github: { key: 'Iv1.abc', secret: '4c1d8e2f9a0b3c7d6e5f', scope: ['read:user'] } };`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 113, endLine: 1, endColumn: 135 }],
    },
    {
      code: `export default defineNuxtConfig({ runtimeConfig: { public: { oauthClientId: 'abc', oauthClientSecret: process.env.NUXT_OAUTH_CLIENT_SECRET } } });`,
      filename: 'nuxt.config.ts',
      errors: [{ messageId: 'publicConfigSecret', line: 1, column: 103, endLine: 1, endColumn: 139 }],
    },
    {
      code: `module.exports = { env: { GITHUB_CLIENT_SECRET: process.env.GITHUB_CLIENT_SECRET } };`,
      filename: 'next.config.js',
      errors: [{ messageId: 'publicConfigSecret', line: 1, column: 49, endLine: 1, endColumn: 81 }],
    },
    {
      code: `export default defineConfig({ define: { 'process.env.OAUTH_CLIENT_SECRET': JSON.stringify(process.env.OAUTH_CLIENT_SECRET) } });`,
      filename: 'vite.config.ts',
      errors: [{ messageId: 'publicConfigSecret', line: 1, column: 76, endLine: 1, endColumn: 123 }],
    },
    {
      code: `import Config from 'react-native-config';\nimport { authorize } from 'react-native-app-auth';\nexport const login = () => authorize({ issuer: Config.ISSUER, clientId: Config.OAUTH_CLIENT_ID, clientSecret: Config.OAUTH_CLIENT_SECRET, redirectUrl: 'app:/cb', scopes: ['openid'] });`,
      filename: 'src/auth.ts',
      errors: [{ messageId: 'browserSecret', line: 3, column: 111, endLine: 3, endColumn: 137 }],
    },
    {
      code: `const res = await fetch(TOKEN_URL, {\n  method: 'POST',\n  headers: { Authorization: 'Basic ' + btoa('spa-client:8f2k-real-secret') },\n  body: new URLSearchParams({ grant_type: 'client_credentials' }),\n});`,
      errors: [{ messageId: 'literalSecret', line: 3, column: 45, endLine: 3, endColumn: 74 }],
    },
    {
      code: `await axios.post('https://idp/oauth/token', 'grant_type=client_credentials', { headers: { Authorization: 'Basic d2ViOnMzY3IzdC12YWx1ZS0xMjM=' } });`,
      errors: [{ messageId: 'literalSecret', line: 1, column: 106, endLine: 1, endColumn: 142 }],
    },
  ],
});

espreeTester.run('no-exposed-client-secret (espree)', rule, {
  valid: [
    {
      code: `export async function GET(request) {
  localStorage;
  return fetch(TOKEN, { method: 'POST', body: new URLSearchParams({ client_secret: process.env.CLIENT_SECRET }) });
}`,
      filename: 'frontend/src/routes/callback.js',
    },
    {
      code: `const strategy = new GitHubStrategy({ clientID: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET, callbackURL: '/cb' }, verify);`,
      filename: 'server/auth.js',
    },
    { code: `localStorage.setItem('theme', 'dark');\nconst cfg = { clientId: 'spa' };`, filename: 'src/app.js' },
    // An app key without a redirect URL beside it (a push or maps SDK), and a masked secret in a toJSON.
    { code: `module.exports = { push: { appId: '101447649', appKey: 'ffa5fca3cd1558221abe58d751e4b994' } };`, filename: 'config.js' },
    { code: `const shown = { clientId: this.clientId, clientSecret: '[censored]', redirectUri: CB }; // oauth`, filename: 'src/config.js' },
    // An app secret with no app id beside it (a webhook's signing secret), and the pair read from the environment.
    { code: `module.exports = { webhook: { appSecret: 'ffa5fca3cd1558221abe58d751e4b994' } };`, filename: 'config.js' },
    { code: `module.exports = { appId: process.env.FB_APP_ID, appSecret: process.env.FB_APP_SECRET };`, filename: 'server/config.js' },
  ],
  invalid: [
    {
      // Facebook, WeChat and Weibo call the client credentials app id and app secret.
      code: `export default {
  appId: 'iotqqdm3z2gqbajlvko',
  appSecret: 'ebfa41c55ec74f2c8706309a68c695b1',
};`,
      filename: 'src/assets/scripts/app.js',
      errors: [{ messageId: 'literalSecret', line: 3, column: 14, endLine: 3, endColumn: 48 }],
    },
    {
      // QQ Connect calls the client secret "APP Key": a registration with its id and redirect URL.
      code: `module.exports = {
  OAuth: { qq: { appID: '101447649', appKEY: 'ffa5fca3cd1558221abe58d751e4b994', redirectURL: 'http://localhost:5555/lauth' } },
};`,
      filename: 'config.js',
      errors: [{ messageId: 'literalSecret', line: 2, column: 46, endLine: 2, endColumn: 80 }],
    },
    {
      code: `const strategy = new GitHubStrategy({ clientID: 'Iv1.abc', clientSecret: 'e3b0c44298fc1c149afbf4c8996fb924', callbackURL: '/cb' }, verify);`,
      filename: 'server/auth.js',
      errors: [{ messageId: 'literalSecret', line: 1, column: 74, endLine: 1, endColumn: 108 }],
    },
    {
      code: `const token = localStorage.getItem('t');\nconst cfg = { clientId: 'spa', clientSecret: process.env.AUTH0_CLIENT_SECRET };`,
      filename: 'src/app.js',
      errors: [{ messageId: 'browserSecret', line: 2, column: 46, endLine: 2, endColumn: 77 }],
    },
    {
      // The same read in a front end's module that exports no endpoint.
      code: `export function refresh() {\n  return new URLSearchParams({ client_secret: process.env.AUTH0_CLIENTSECRET });\n}`,
      filename: 'frontend/src/lib/auth.js',
      errors: [{ messageId: 'browserSecret', line: 2, column: 47, endLine: 2, endColumn: 77 }],
    },
  ],
});

// Secrets sent from browser code, and auth secrets other than client secrets behind a public env prefix.
const bodyFromConst = `const CLIENT_SECRET = 'Rq8LMx20aPzv7Kd1';
export async function getToken() {
  const params = new URLSearchParams();
  params.append('grant_type', 'client_credentials');
  params.append('client_secret', CLIENT_SECRET);
  return fetch('/realms/app/protocol/openid-connect/token', { method: 'POST', body: params });
}
window.addEventListener('load', getToken);`;
const basicFromConst = `const clientId = 'a1b2c3d4e5';
const clientSecret = 'f6e5d4c3b2a1f6e5';
export async function exchange(code) {
  localStorage.removeItem('verifier');
  return fetch('https://accounts.example.com/api/token', {
    method: 'POST',
    headers: { Authorization: 'Basic ' + btoa(clientId + ':' + clientSecret) },
    body: new URLSearchParams({ code, grant_type: 'authorization_code' }),
  });
}`;
const sdkOption = `export class LoginClient {
  private readonly CLIENT_SECRET = 'client_secret';
  exchange(options: { clientSecret: string }, code: string) {
    const body = new URLSearchParams();
    body.append('grant_type', 'authorization_code');
    body.append(this.CLIENT_SECRET, options.clientSecret);
    body.append('code', code);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', window.location.origin + '/token');
    xhr.send(body);
  }
}`;
const axiosBasic = `import axios from 'axios';
export function token(clientId: string, clientSecret: string) {
  document.title = 'Signing in';
  return axios.post('/oauth/token', 'grant_type=client_credentials', { auth: { username: clientId, password: clientSecret } });
}`;

const templateBodyFromConst = `const CLIENT_SECRET = '9a8b7c6d5e4f3a2b';
let accessToken = localStorage.getItem('accessToken');
export function exchange(code) {
  return fetch(TOKEN_URL, { method: 'POST', body: \`grant_type=authorization_code&code=\${code}&client_id=web&client_secret=\${CLIENT_SECRET}\` });
}`;
const xhrBasic = `export function login(data) {
  window.sessionStorage.user_name = data.username;
  $.ajax({
    url: conf.auth_host + '/oauth/token',
    beforeSend(xhr) {
      xhr.setRequestHeader('Authorization', 'Basic ' + btoa(conf.client_id + ':' + conf.client_secret));
    },
    data,
  });
}`;

const comparedSecret = `export function token(req, res) {
  if (req.params.client_id == 'clientapp' && req.params.client_secret == '123456') return res.send(issue());
  res.send(401);
}`;

ruleTester.run('no-exposed-client-secret (a server comparing the client secret with a literal)', rule, {
  valid: [
    // Empty, a placeholder, a filler too short to be anything, and a comparison with a stored value.
    { code: comparedSecret.replace("'123456'", "''"), filename: 'server/token.js' },
    { code: comparedSecret.replace("'123456'", "'your-client-secret'"), filename: 'server/token.js' },
    { code: comparedSecret.replace("'123456'", "'abc'"), filename: 'server/token.js' },
    { code: comparedSecret.replace("'123456'", 'client.secret'), filename: 'server/token.js' },
    { code: comparedSecret.replace('req.params.client_secret', 'req.params.grant_type'), filename: 'server/token.js' },
  ],
  invalid: [
    // Seen in real code (fresh-2026-12-g): a hand-rolled token endpoint's client check.
    { code: comparedSecret, filename: 'server/token.js', errors: [{ messageId: 'literalSecret', ...at(comparedSecret, "'123456'") }] },
  ],
});

ruleTester.run('no-exposed-client-secret (sent from browsers, other auth secrets)', rule, {
  valid: [
    // The user's own credentials in the header, or another header set the same way.
    xhrBasic.replace("btoa(conf.client_id + ':' + conf.client_secret)", "btoa(data.username + ':' + data.password)"),
    xhrBasic.replace("'Authorization'", "'X-Requested-With'"),
    // Server code sending its secret.
    {
      code: `import express from 'express';\nconst params = new URLSearchParams();\nparams.append('client_secret', process.env.CLIENT_SECRET);`,
      filename: 'src/server/token.ts',
    },
    // A user's own login over Basic auth in browser code, not a client secret.
    `export function login(username: string, password: string) { document.title = 'x'; return fetch('/api/login', { headers: { Authorization: 'Basic ' + btoa(username + ':' + password) } }); } // oauth`,
    `import axios from 'axios';\nexport function login(user: string, pass: string) { document.title = 'x'; return axios.get('/me', { auth: { username: user, password: pass } }); }`,
    // Public-by-design keys behind a public prefix, and server-only secrets.
    `export const maps = process.env.NEXT_PUBLIC_MAPS_API_KEY; export const stripe = import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY;`,
    `export const key = process.env.JWT_SECRET; export const pem = process.env.PRIVATE_KEY;`,
    `export const anon = import.meta.env.VITE_SUPABASE_ANON_KEY; export const pub = process.env.NEXT_PUBLIC_JWT_PUBLIC_KEY;`,
  ],
  invalid: [
    {
      code: bodyFromConst,
      errors: [
        { messageId: 'literalSecret', ...at(bodyFromConst, "'Rq8LMx20aPzv7Kd1'") },
        { messageId: 'browserSecretSent', ...at(bodyFromConst, "params.append('client_secret', CLIENT_SECRET)") },
      ],
    },
    {
      code: basicFromConst,
      errors: [
        { messageId: 'literalSecret', ...at(basicFromConst, "'f6e5d4c3b2a1f6e5'") },
        { messageId: 'browserSecretSent', ...at(basicFromConst, "'Basic ' + btoa(clientId + ':' + clientSecret)") },
      ],
    },
    {
      code: sdkOption,
      errors: [{ messageId: 'browserSecretSent', ...at(sdkOption, 'body.append(this.CLIENT_SECRET, options.clientSecret)') }],
    },
    { code: axiosBasic, errors: [{ messageId: 'browserSecretSent', ...at(axiosBasic, 'password: clientSecret') }] },
    {
      // Seen in real code (fresh-2026-12-g): a form body written as a template around a secret const.
      code: templateBodyFromConst,
      errors: [
        { messageId: 'literalSecret', ...at(templateBodyFromConst, "'9a8b7c6d5e4f3a2b'") },
        { messageId: 'browserSecretSent', ...at(templateBodyFromConst, 'CLIENT_SECRET', 1) },
      ],
    },
    {
      // Seen in real code (fresh-2026-12-g): a jQuery request's XHR given the Basic header by hand.
      code: xhrBasic,
      errors: [{ messageId: 'browserSecretSent', ...at(xhrBasic, "'Basic ' + btoa(conf.client_id + ':' + conf.client_secret)") }],
    },
    {
      code: `export const signingKey = process.env.NEXT_PUBLIC_JWT_SECRET;`,
      errors: [{ messageId: 'publicEnvAuthSecret', line: 1, column: 27, endLine: 1, endColumn: 61 }],
    },
    {
      code: `const { VITE_PRIVATE_KEY } = import.meta.env;\nexport default VITE_PRIVATE_KEY;`,
      errors: [{ messageId: 'publicEnvAuthSecret', line: 1, column: 9, endLine: 1, endColumn: 25 }],
    },
    {
      code: `export const secret = process.env.REACT_APP_API_SECRET;`,
      errors: [{ messageId: 'publicEnvAuthSecret', line: 1, column: 23, endLine: 1, endColumn: 55 }],
    },
  ],
});

// A secret imported from another module and sent from browser code: a Basic header through consts, a form-body string.
const importedBasic = `import { CLIENT_ID, CLIENT_SECRET } from '../env';
const clientIdAndSecret = \`\${CLIENT_ID}:\${CLIENT_SECRET}\`;
const base64Encoded = btoa(clientIdAndSecret);
export async function getAccessToken(code) {
  const response = await axios.post('/api/token', \`grant_type=authorization_code&code=\${code}\`, {
    headers: { Authorization: 'Basic ' + base64Encoded },
  });
  localStorage.setItem('access_token', response.data.access_token);
}`;
const importedBodyString = `import { CLIENT_ID, CLIENT_SECRET } from './Spotify';
export function fetchAppToken() {
  const body = 'grant_type=client_credentials&client_id=' + CLIENT_ID + '&client_secret=' + CLIENT_SECRET;
  return fetch('https://accounts.spotify.com/api/token', { method: 'POST', body }).then((r) => { window.name = 'x'; return r.json(); });
}`;

const configObjectSend = `'use client';\nconst oauth = { clientId: 'id', clientSecret: process.env.NEXT_PUBLIC_ZOOM_SECRET_VALUE_X };\nconst basic = btoa(\`\${oauth.clientId}:\${oauth.clientSecret}\`);\nexport const go = () => fetch('/oauth/token', { headers: { Authorization: \`Basic \${basic}\` } });`;

ruleTester.run('no-exposed-client-secret (imported secrets sent from browsers)', rule, {
  valid: [
    // The same sends from server code.
    {
      code: importedBasic.replace("localStorage.setItem('access_token', response.data.access_token);", ''),
      filename: 'src/server/auth.js',
    },
    { code: importedBodyString.replace("window.name = 'x'; ", ''), filename: 'server/token.js' },
    // A user's own password in a Basic header through a const, and a body string with an empty placeholder.
    `import { user } from './session';\nconst basic = btoa(user.name + ':' + user.password);\nexport const me = () => fetch('/oauth/me', { headers: { Authorization: 'Basic ' + basic } }).then(() => { document.title = 'x'; });`,
    `export const template = 'grant_type=client_credentials&client_secret=';\nwindow.name = template;`,
  ],
  invalid: [
    { code: importedBasic, errors: [{ messageId: 'browserSecretSent', ...at(importedBasic, "'Basic ' + base64Encoded") }] },
    // The public env read in this file is the one finding: its send through a config object is not a second one.
    {
      code: configObjectSend,
      errors: [{ messageId: 'publicEnvSecret', ...at(configObjectSend, 'process.env.NEXT_PUBLIC_ZOOM_SECRET_VALUE_X') }],
    },
    { code: importedBodyString, errors: [{ messageId: 'browserSecretSent', ...at(importedBodyString, 'CLIENT_SECRET', 1) }] },
  ],
});

// Isomorphic modules (a `typeof window` guard): a send counts on the browser side of the guard.
const guardedHelper = `import config from './config';
function exchange(code) {
  return fetch('/api/token', { method: 'POST', headers: { Authorization: 'Basic ' + btoa(config.clientId + ':' + config.clientSecret) }, body: code });
}
export async function obtainToken(code) {
  if (typeof window !== 'undefined') {
    return exchange(code);
  }
  return null;
}`;
const guardedInline = `import { clientSecret } from './config';
export function tokenBody(code) {
  if (typeof window === 'undefined') return null;
  const body = new URLSearchParams({ code });
  body.append('client_secret', clientSecret);
  return body;
}`;

ruleTester.run('no-exposed-client-secret (browser side of a typeof window guard)', rule, {
  valid: [
    // The server side of the guard.
    `import { clientSecret } from './config';
export function tokenBody(code) {
  const body = new URLSearchParams({ code });
  if (typeof window === 'undefined') body.append('client_secret', clientSecret);
  return body;
}`,
    // The helper is exported too: other modules may call it on the server.
    guardedHelper.replace('function exchange', 'export function exchange'),
    // Called from both sides of the guard.
    guardedHelper.replace('  return null;', '  return exchange(code);'),
    // A conditional whose browser branch does something else.
    `import { clientSecret } from './config';
export const body = (params) => (typeof window !== 'undefined' ? null : params.set('client_secret', clientSecret));`,
  ],
  invalid: [
    {
      code: guardedHelper,
      errors: [{ messageId: 'browserSecretSent', ...at(guardedHelper, "'Basic ' + btoa(config.clientId + ':' + config.clientSecret)") }],
    },
    {
      code: guardedInline,
      errors: [{ messageId: 'browserSecretSent', ...at(guardedInline, "body.append('client_secret', clientSecret)") }],
    },
  ],
});

// Seen in real code (fresh-2026-12-d): OAuth client registrations keyed by app name in next.config.js.
const clientsByApp = `function getOAuthClients() {
  const clients = {
    cart: { id: '79ec9a31-1e21-4458-bf99-3e8ee82b3ab7', secret: 'buU5MOorZ2UZk48HlqNmW_zoE', scope: 'openid offline email' },
  };
  return clients;
}`;

ruleTester.run('no-exposed-client-secret (real code: { id, secret, scope })', rule, {
  valid: [
    // An id and a secret with nothing of an OAuth client beside them (a webhook's signing pair).
    `const hooks = { orders: { id: 'wh_1', secret: 'whsec_4f9a8b7c6d5e' } };`,
  ],
  invalid: [{ code: clientsByApp, errors: [{ messageId: 'literalSecret', ...at(clientsByApp, "'buU5MOorZ2UZk48HlqNmW_zoE'") }] }],
});

// Seen in real code (fresh-2026-12-h): secrets put in Nuxt's public runtime config under names
// that do not say "client".
const nuxtPublicSecrets = `export default defineNuxtConfig({
  runtimeConfig: {
    public: {
      nuxtSecret: process.env.NUXT_SECRET,
      googleClientId: process.env.GOOGLE_CLIENT_ID,
      googleSecret: process.env.GOOGLE_CLIENT_SECRET,
      secretName: 'session',
    },
  },
});`;

ruleTester.run('no-exposed-client-secret (real code: Nuxt public runtime config)', rule, {
  valid: [
    // The server-only part of the runtime config.
    { code: nuxtPublicSecrets.replace('    public: {', '    private: {'), filename: 'nuxt.config.ts' },
    {
      code: nuxtPublicSecrets.replace('process.env.NUXT_SECRET', "''").replace('process.env.GOOGLE_CLIENT_SECRET', "''"),
      filename: 'nuxt.config.ts',
    },
  ],
  invalid: [
    {
      code: nuxtPublicSecrets,
      filename: 'nuxt.config.ts',
      errors: [
        { messageId: 'publicConfigSecret', data: { config: 'runtimeConfig.public' }, ...at(nuxtPublicSecrets, 'process.env.NUXT_SECRET') },
        {
          messageId: 'publicConfigSecret',
          data: { config: 'runtimeConfig.public' },
          ...at(nuxtPublicSecrets, 'process.env.GOOGLE_CLIENT_SECRET'),
        },
      ],
    },
  ],
});
