import rule from '../../rules/require-pkce';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

// The verifier added to a form nested in the request options, through its path (simov/grant).
const nestedFormVerifier = `var request = require('request-compose').client;
exports.access = async ({ provider, query, session }) => {
  var options = {
    method: 'POST',
    url: provider.access_url,
    form: { grant_type: 'authorization_code', code: query.code, client_id: provider.key, redirect_uri: provider.redirect_uri },
  };
  if (provider.pkce) {
    options.form.code_verifier = session.code_verifier;
  }
  return request(options);
};`;
// The same write into another object of the options: the form still sends no verifier.
const verifierBesideForm = nestedFormVerifier.replace('options.form.code_verifier', 'options.qs.code_verifier');

ruleTester.run('require-pkce', rule, {
  valid: [
    nestedFormVerifier,
    // An object with a `type` that is not a provider: not listed in providers, not typed as one.
    `const job = { id: 'sync', type: 'oauth', checks: ['state'] }; queue.push(job);`,
    {
      code: `import * as client from 'openid-client';
export async function login(config: client.Configuration, verifier: string, state: string) {
  return client.buildAuthorizationUrl(config, { redirect_uri: CB, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
}`,
    },
    {
      code: `import * as client from 'openid-client';
export const cb = (config: client.Configuration, url: URL, verifier: string, state: string) => client.authorizationCodeGrant(config, url, { pkceCodeVerifier: verifier, expectedState: state });`,
    },
    {
      code: `await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'payouts:create' }) });`,
    },
    {
      code: `await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt, client_id: ID }) });`,
    },
    {
      code: `location.href = \`\${AUTH}/authorize?response_type=token&client_id=\${CLIENT_ID}&state=\${state}\`;`,
    },
    {
      code: `import { UserManager } from 'oidc-client-ts';
export const mgr = new UserManager({ authority: 'https://sso', client_id: 'x', redirect_uri: CB, response_type: 'code' });`,
    },
    {
      // react-oidc-context passes these settings on to oidc-client-ts, which adds PKCE itself.
      code: `import { AuthProvider } from 'react-oidc-context';
const oidcConfig = { authority: 'https://sso', client_id: 'x', redirect_uri: CB, response_type: 'code', scope: 'openid' };
export const Root = () => <AuthProvider {...oidcConfig}><App /></AuthProvider>;`,
      filename: 'root.tsx',
    },
    {
      code: `import { createAuth0Client } from '@auth0/auth0-spa-js';
export const auth0 = await createAuth0Client({ domain: D, clientId: C, authorizationParams: { redirect_uri: location.origin } });`,
    },
    {
      code: `const { auth } = require('express-openid-connect');
app.use(auth({ issuerBaseURL: I, baseURL: B, clientID: C, secret: S, authorizationParams: { response_type: 'code' } }));`,
    },
    {
      code: `import Okta from 'next-auth/providers/okta';
export const providers = [Okta({ clientId: ID, clientSecret: S, issuer: ISSUER, checks: ['pkce', 'state'] }), Okta({ clientId: ID, clientSecret: S, issuer: ISSUER })];`,
    },
    {
      code: `import OAuth2Strategy from 'passport-oauth2';
passport.use(new OAuth2Strategy({ authorizationURL: A, tokenURL: T, clientID: ID, clientSecret: S, callbackURL: CB, state: true, pkce: true }, verify));`,
    },
    {
      code: `export function authorizeUrl(params: Record<string, string>) {
  const url = new URL(\`\${ISSUER}/authorize\`);
  url.searchParams.set('response_type', 'code');
  addPkce(url);
  return url.href;
}`,
    },
    {
      code: `const url = \`\${AUTH}?response_type=code&client_id=\${ID}&\${pkceQuery}\`;`,
    },
    {
      code: `import { test, expect } from '@playwright/test';
test('login', async ({ page }) => {
  const url = new URL(page.url());
  expect(url.searchParams.get('response_type')).toBe('code');
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
});`,
    },
    {
      code: `import { OAuth2Client } from 'google-auth-library';
const oauth2 = new OAuth2Client(ID, SECRET, CB);
export const cb = async (code: string, codeVerifier: string) => (await oauth2.getToken({ code, codeVerifier })).tokens;`,
    },
    {
      code: `import { ClientCredentials } from 'simple-oauth2';
const c = new ClientCredentials(config);
export const token = () => c.getToken({ scope: 'payouts' });`,
    },
    {
      code: `export async function exchange(code: string, body: URLSearchParams) {
  body.set('grant_type', 'authorization_code');
  return fetch(TOKEN_URL, { method: 'POST', body });
}`,
    },
  ],
  invalid: [
    {
      code: verifierBesideForm,
      errors: [{ messageId: 'missingVerifier', ...at(verifierBesideForm, 'request(options)') }],
    },
    {
      code: `const METHOD = 'plain';
const params = new URLSearchParams({ response_type: 'code', client_id: ID, state, code_challenge: verifier, code_challenge_method: METHOD });`,
      errors: [
        {
          messageId: 'plainMethod',
          line: 1,
          column: 16,
          endLine: 1,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useS256',
              output: `const METHOD = 'S256';
const params = new URLSearchParams({ response_type: 'code', client_id: ID, state, code_challenge: verifier, code_challenge_method: METHOD });`,
            },
          ],
        },
      ],
    },
    {
      code: `location.assign(\`\${AUTH}/authorize?response_type=code&client_id=\${ID}&state=\${state}&code_challenge=\${verifier}&code_challenge_method=plain\`);`,
      errors: [
        {
          messageId: 'plainMethod',
          line: 1,
          column: 17,
          endLine: 1,
          endColumn: 141,
          suggestions: [
            {
              messageId: 'useS256',
              output: `location.assign(\`\${AUTH}/authorize?response_type=code&client_id=\${ID}&state=\${state}&code_challenge=\${verifier}&code_challenge_method=S256\`);`,
            },
          ],
        },
      ],
    },
    {
      code: `const url = AUTH + '/authorize?response_type=code&code_challenge_method=plain&client_id=' + ID + '&state=' + state + '&code_challenge=' + verifier;`,
      errors: [
        {
          messageId: 'plainMethod',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 90,
          suggestions: [
            {
              messageId: 'useS256',
              output: `const url = AUTH + '/authorize?response_type=code&code_challenge_method=S256&client_id=' + ID + '&state=' + state + '&code_challenge=' + verifier;`,
            },
          ],
        },
      ],
    },
    {
      code: `const url = new URL(AUTH);
url.searchParams.set('response_type', 'code');
url.searchParams.set('client_id', ID);
url.searchParams.set('state', state);
url.searchParams.set('code_challenge', verifier);
url.searchParams.set('code_challenge_method', 'plain');`,
      errors: [
        {
          messageId: 'plainMethod',
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useS256',
              output: `const url = new URL(AUTH);
url.searchParams.set('response_type', 'code');
url.searchParams.set('client_id', ID);
url.searchParams.set('state', state);
url.searchParams.set('code_challenge', verifier);
url.searchParams.set('code_challenge_method', 'S256');`,
            },
          ],
        },
      ],
    },
    {
      code: `const params = new URLSearchParams({ response_type: 'code', client_id: ID, state, code_challenge: verifier, code_challenge_method: 'pl' + 'ain' });
`,
      errors: [{ messageId: 'plainMethod', line: 1, column: 109, endLine: 1, endColumn: 144, suggestions: [] }],
    },
    {
      code: `import * as client from 'openid-client';
export async function login(config: client.Configuration, state: string) {
  return client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid email', state });
}`,
      errors: [{ messageId: 'missingChallenge', line: 3, column: 10, endLine: 3, endColumn: 108 }],
    },
    {
      code: `import { Issuer } from 'openid-client';
const issuer = await Issuer.discover('https://accounts.example.com');
const client = new issuer.Client({ client_id: 'web', client_secret: S, redirect_uris: [CB] });
export const url = client.authorizationUrl({ scope: 'openid', state, nonce });`,
      errors: [{ messageId: 'missingChallenge', line: 4, column: 20, endLine: 4, endColumn: 78 }],
    },
    {
      code: `const { AuthorizationCode } = require('simple-oauth2');
const crm = new AuthorizationCode(config);
export const loginUrl = (state: string) => crm.authorizeURL({ redirect_uri: CB, scope: 'contacts.read', state });`,
      errors: [{ messageId: 'missingChallenge', line: 3, column: 44, endLine: 3, endColumn: 113 }],
    },
    {
      code: `import passport from 'passport';
import OAuth2Strategy from 'passport-oauth2';
passport.use(new OAuth2Strategy({
  authorizationURL: 'https://idp/authorize',
  tokenURL: 'https://idp/token',
  clientID: ID,
  clientSecret: SECRET,
  callbackURL: CB,
  state: true,
}, verify));`,
      errors: [{ messageId: 'pkceOptionOff', line: 3, column: 33, endLine: 10, endColumn: 2 }],
    },
    {
      code: `import { Strategy as GitHubStrategy } from 'passport-github2';
passport.use(new GitHubStrategy({ clientID: ID, clientSecret: S, callbackURL: CB, state: true, pkce: false }, verify));`,
      errors: [{ messageId: 'pkceOptionOff', line: 2, column: 96, endLine: 2, endColumn: 107 }],
    },
    {
      // Seen in real code (fresh-2026-12-g): @fastify/oauth2 registered without its pkce option.
      code: `import oauthPlugin from '@fastify/oauth2';
export default async function (fastify) {
  fastify.register(oauthPlugin, {
    name: 'googleOAuth2',
    credentials: { client: { id: env.ID, secret: env.SECRET }, auth: oauthPlugin.GOOGLE_CONFIGURATION },
    callbackUri: CB,
  });
  fastify.register(oauthPlugin, { name: 'gh', pkce: 'S256', callbackUri: CB });
}`,
      errors: [
        {
          messageId: 'pkceOptionOff',
          data: { library: '@fastify/oauth2', enable: "pkce: 'S256'" },
          line: 3,
          column: 33,
          endLine: 7,
          endColumn: 4,
        },
      ],
    },
    {
      // A provider kept in a typed const and listed in providers elsewhere.
      code: `import NextAuth from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
const uni: OIDCConfig<Profile> = { id: 'uni', name: 'Uni', type: 'oidc', issuer: ISSUER, checks: ['state'] };
export const { handlers } = NextAuth({ providers: [uni] });`,
      errors: [{ messageId: 'checksWithoutPkce', line: 3, column: 90, endLine: 3, endColumn: 107 }],
    },
    {
      // Untyped const, found through the providers array that lists it.
      code: `import NextAuth from 'next-auth';
const uni = { id: 'uni', name: 'Uni', type: 'oauth', authorization: AUTH, token: TOKEN, checks: ['state'] };
export const { handlers } = NextAuth({ providers: [uni] });`,
      errors: [{ messageId: 'checksWithoutPkce', line: 2, column: 89, endLine: 2, endColumn: 106 }],
    },
    {
      code: `import Okta from 'next-auth/providers/okta';
export const providers = [
  Okta({ clientId: ID, clientSecret: S, issuer: ISSUER, checks: ['state'] }),
];`,
      errors: [{ messageId: 'checksWithoutPkce', line: 3, column: 57, endLine: 3, endColumn: 74 }],
    },
    {
      code: `const params = new URLSearchParams({
  response_type: 'code',
  client_id: CLIENT_ID,
  redirect_uri: REDIRECT_URI,
  state,
  code_challenge: verifier,
  code_challenge_method: 'plain',
});`,
      errors: [
        {
          messageId: 'plainMethod',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useS256',
              output: `const params = new URLSearchParams({
  response_type: 'code',
  client_id: CLIENT_ID,
  redirect_uri: REDIRECT_URI,
  state,
  code_challenge: verifier,
  code_challenge_method: 'S256',
});`,
            },
          ],
        },
      ],
    },
    {
      code: `export function authorizeUrl(state: string, challenge: string) {
  const url = new URL(\`\${ISSUER}/authorize\`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('state', state);
  return url.href;
}`,
      errors: [{ messageId: 'missingChallenge', line: 2, column: 15, endLine: 2, endColumn: 45 }],
    },
    {
      code: `export async function callback(req, res) {
  const r = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, redirect_uri: CB }),
  });
}`,
      errors: [{ messageId: 'missingVerifier', line: 2, column: 19, endLine: 5, endColumn: 5 }],
    },
    {
      code: `import axios from 'axios';
import qs from 'qs';
export async function exchange(code: string) {
  const body = qs.stringify({ grant_type: 'authorization_code', code, redirect_uri: CB, client_id: ID });
  const { data } = await axios.post(TOKEN_URL, body, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return data;
}`,
      errors: [{ messageId: 'missingVerifier', line: 5, column: 26, endLine: 5, endColumn: 123 }],
    },
    {
      code: `import { OAuth2Client } from 'google-auth-library';
const oauth2 = new OAuth2Client(ID, SECRET, CB);
export async function cb(code: string) {
  const { tokens } = await oauth2.getToken(code);
  return tokens;
}`,
      errors: [{ messageId: 'missingVerifier', line: 4, column: 28, endLine: 4, endColumn: 49 }],
    },
    {
      code: `import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication(config);
export const redeem = (code: string) => cca.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: CB });`,
      errors: [{ messageId: 'missingVerifier', line: 3, column: 41, endLine: 3, endColumn: 113 }],
    },
    {
      code: `import * as oauth from 'oauth4webapi';
export const redeem = (as: oauth.AuthorizationServer, c: oauth.Client, params: URLSearchParams) =>
  oauth.authorizationCodeGrantRequest(as, c, oauth.ClientSecretPost(S), params, CB, oauth.nopkce);`,
      errors: [{ messageId: 'verifierSkipped', line: 3, column: 85, endLine: 3, endColumn: 97 }],
    },
    {
      code: `import { AuthConfig } from 'angular-oauth2-oidc';
export const authConfig: AuthConfig = {
  issuer: 'https://idsvr',
  clientId: 'spa',
  responseType: 'code',
  disablePKCE: true,
};`,
      errors: [{ messageId: 'pkceDisabled', line: 6, column: 3, endLine: 6, endColumn: 20 }],
    },
  ],
});

espreeTester.run('require-pkce (espree)', rule, {
  valid: [
    {
      code: `const base = { response_type: 'code', client_id: ID };
const url = \`\${AUTH}?\${new URLSearchParams({ ...base, ...pkceParams, state })}\`;`,
    },
    {
      code: `import * as oauth from 'oauth4webapi';
export const redeem = (as, c, params, verifier) => oauth.authorizationCodeGrantRequest(as, c, oauth.None(), params, CB, verifier);`,
    },
  ],
  invalid: [
    {
      code: `const url = \`\${AUTH}/authorize?response_type=code&client_id=\${CLIENT_ID}&redirect_uri=\${encodeURIComponent(CB)}&state=\${state}\`;`,
      errors: [{ messageId: 'missingChallenge', line: 1, column: 13, endLine: 1, endColumn: 128 }],
    },
    {
      code: `const { Issuer } = require('openid-client');
const issuer = await Issuer.discover(ISSUER_URL);
const client = new issuer.Client({ client_id: ID, client_secret: S });
export async function cb(req) {
  const params = client.callbackParams(req);
  return client.callback(CB, params, { state: req.session.state, nonce: req.session.nonce });
}`,
      errors: [{ messageId: 'missingVerifier', line: 6, column: 10, endLine: 6, endColumn: 93 }],
    },
    {
      code: `const url = \`\${AUTH}?response_type=code&client_id=\${ID}&code_challenge=\${challenge}\`;`,
      errors: [{ messageId: 'missingMethod', line: 1, column: 13, endLine: 1, endColumn: 85 }],
    },
  ],
});

// --- Short-form (GitHub-style) authorization requests and strategies built on passport-oauth2 ---

const githubShortForm = `app.get('/login', (req, res) => {
  res.redirect(\`https://github.com/login/oauth/authorize?client_id=\${CLIENT_ID}&state=\${req.session.state}\`);
});`;

const passportGithub = `const passportGithub = require('passport-github');
passport.use(new passportGithub.Strategy({ clientID: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET, scope: 'user:email', state: true }, verify));`;

// Every passport-oauth2 strategy the knowledge lists is gated and judged, not only the common ones.
const passportDiscord = `import { Strategy as DiscordStrategy } from 'passport-discord';
passport.use(new DiscordStrategy({ clientID: ID, clientSecret: S, callbackURL: CB, scope: ['identify'], state: true }, verify));`;
const passportGitlab = `const GitLabStrategy = require('passport-gitlab2').Strategy;
passport.use(new GitLabStrategy({ clientID: ID, clientSecret: S, callbackURL: CB, pkce: false }, verify));`;

ruleTester.run('require-pkce: short-form requests and passport strategies', rule, {
  valid: [
    `res.redirect(\`https://github.com/login/oauth/authorize?client_id=\${ID}&state=\${s}&code_challenge=\${c}&code_challenge_method=S256\`);`,
    // The token endpoint's URL carries client_id and code: not an authorization request.
    `export const tokenUrl = \`https://github.com/login/oauth/access_token?client_id=\${ID}&client_secret=\${SECRET}&code=\${code}&code_verifier=\${v}\`;`,
    `const passportGithub = require('passport-github'); passport.use(new passportGithub.Strategy({ clientID: ID, clientSecret: S, state: true, pkce: true }, verify));`,
    `import { Strategy as DiscordStrategy } from 'passport-discord';
passport.use(new DiscordStrategy({ clientID: ID, clientSecret: S, callbackURL: CB, state: true, pkce: true }, verify));`,
  ],
  invalid: [
    {
      code: githubShortForm,
      errors: [
        {
          messageId: 'missingChallenge',
          ...at(githubShortForm, '`https://github.com/login/oauth/authorize?client_id=${CLIENT_ID}&state=${req.session.state}`'),
        },
      ],
    },
    {
      code: passportGithub,
      errors: [
        {
          messageId: 'pkceOptionOff',
          data: { library: 'passport-github', enable: 'pkce: true, state: true' },
          ...at(
            passportGithub,
            "{ clientID: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET, scope: 'user:email', state: true }",
          ),
        },
      ],
    },
    {
      code: passportDiscord,
      errors: [
        {
          messageId: 'pkceOptionOff',
          data: { library: 'passport-discord', enable: 'pkce: true, state: true' },
          ...at(passportDiscord, "{ clientID: ID, clientSecret: S, callbackURL: CB, scope: ['identify'], state: true }"),
        },
      ],
    },
    {
      code: passportGitlab,
      errors: [
        {
          messageId: 'pkceOptionOff',
          data: { library: 'passport-gitlab2', enable: 'pkce: true, state: true' },
          ...at(passportGitlab, 'pkce: false'),
        },
      ],
    },
  ],
});

// expo-auth-session: useAuthRequest sends a challenge (usePKCE defaults on); the exchange must send its verifier.
const expoExchange = `import * as AuthSession from 'expo-auth-session';
export async function finish(code, request) {
  return AuthSession.exchangeCodeAsync({ clientId: CLIENT_ID, code, redirectUri: REDIRECT_URI }, discovery);
}`;
/** The exchange call's text in a case. */
const expoCall = (code: string) =>
  code.slice(code.indexOf('AuthSession.exchangeCodeAsync('), code.indexOf('discovery)') + 'discovery)'.length);
const expoExtraWithoutVerifier = expoExchange.replace(
  'redirectUri: REDIRECT_URI }',
  "redirectUri: REDIRECT_URI, extraParams: { access_type: 'offline' } }",
);
ruleTester.run('require-pkce (expo-auth-session)', rule, {
  valid: [
    expoExchange.replace(
      'redirectUri: REDIRECT_URI }',
      'redirectUri: REDIRECT_URI, extraParams: { code_verifier: request.codeVerifier } }',
    ),
    expoExchange.replace('redirectUri: REDIRECT_URI }', 'redirectUri: REDIRECT_URI, codeVerifier: request.codeVerifier }'),
    // Extra parameters built elsewhere may hold it.
    expoExchange.replace('redirectUri: REDIRECT_URI }', 'redirectUri: REDIRECT_URI, extraParams }'),
  ],
  invalid: [
    {
      code: expoExchange,
      errors: [
        {
          messageId: 'missingVerifier',
          ...at(expoExchange, 'AuthSession.exchangeCodeAsync({ clientId: CLIENT_ID, code, redirectUri: REDIRECT_URI }, discovery)'),
        },
      ],
    },
    {
      code: expoExtraWithoutVerifier,
      errors: [{ messageId: 'missingVerifier', ...at(expoExtraWithoutVerifier, expoCall(expoExtraWithoutVerifier)) }],
    },
  ],
});

// Node's legacy `url.parse(u, true)`: the parameters are written into `.query` and sent by `url.format`.
const legacyUrl = `var url = require('url');
app.get('/authorize', function (req, res) {
  var authorizeUrl = url.parse(authServer.authorizationEndpoint, true);
  delete authorizeUrl.search;
  authorizeUrl.query.response_type = 'code';
  authorizeUrl.query.client_id = client.client_id;
  authorizeUrl.query.state = state;
  authorizeUrl.query.code_challenge = code_challenge;
  res.redirect(url.format(authorizeUrl));
});`;
const legacyUrlNoChallenge = legacyUrl.replace('  authorizeUrl.query.code_challenge = code_challenge;\n', '');
function invalid(code: string, messageId: 'missingMethod' | 'missingChallenge', snippet: string) {
  return { code, errors: [{ messageId, ...at(code, snippet) }] };
}
espreeTester.run('require-pkce (url.parse)', rule, {
  valid: [
    legacyUrl.replace(
      'code_challenge = code_challenge;',
      "code_challenge = code_challenge;\n  authorizeUrl.query.code_challenge_method = 'S256';",
    ),
    // Without `true` the query is a string: nothing is read from it.
    legacyUrlNoChallenge.replace('authorizationEndpoint, true)', 'authorizationEndpoint)'),
  ],
  invalid: [
    // The method goes beside the challenge written after the construction.
    invalid(legacyUrl, 'missingMethod', 'authorizeUrl.query.code_challenge = code_challenge'),
    invalid(legacyUrlNoChallenge, 'missingChallenge', 'url.parse(authServer.authorizationEndpoint, true)'),
  ],
});

// --- camelCase token requests: discord-oauth2's tokenRequest, and camelCase bodies sent by a call ---
const discordTokenRequest = `const DiscordOauth2 = require('discord-oauth2');
const oauth = new DiscordOauth2();
export const exchange = (code) =>
  oauth.tokenRequest({ clientId: ID, clientSecret: SECRET, code, scope: 'identify', grantType: 'authorization_code', redirectUri: CALLBACK });`;
const camelCaseBody = `export const exchange = (code) => oauthApi.exchange({ code, clientId: ID, clientSecret: SECRET, redirectUri: CALLBACK });`;

ruleTester.run('require-pkce (camelCase token requests)', rule, {
  valid: [
    // The same requests sending the verifier.
    discordTokenRequest.replace("scope: 'identify'", 'codeVerifier: verifier'),
    camelCaseBody.replace('code, clientId', 'code, codeVerifier: verifier, clientId'),
    // A refresh through the same call, and settings objects that are no request.
    discordTokenRequest.replace("code, scope: 'identify', grantType: 'authorization_code'", "refreshToken, grantType: 'refresh_token'"),
    `export const oauthDefaults = { grantType: 'authorization_code', clientId: ID, clientSecret: SECRET, redirectUri: CALLBACK };`,
    `import DiscordProvider from 'next-auth/providers/discord';
     export const provider = DiscordProvider({ clientId: process.env.ID, clientSecret: process.env.SECRET });`,
  ],
  invalid: [
    {
      code: discordTokenRequest,
      errors: [
        {
          messageId: 'missingVerifier',
          ...at(discordTokenRequest, discordTokenRequest.slice(discordTokenRequest.indexOf('oauth.tokenRequest('), -1)),
        },
      ],
    },
    {
      code: camelCaseBody,
      errors: [
        {
          messageId: 'missingVerifier',
          ...at(camelCaseBody, 'oauthApi.exchange({ code, clientId: ID, clientSecret: SECRET, redirectUri: CALLBACK })'),
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-e): openid-client v5's passport strategy with PKCE switched off.
const openidClientStrategy = `import { Strategy } from 'openid-client';
export default ({ issuer, redirect_uri }) => {
  const client = new issuer.Client({ client_id: ID, client_secret: SECRET, redirect_uris: [redirect_uri], response_types: ['code'] });
  return new Strategy({ client, params: {}, passReqToCallback: true, usePKCE: false }, async (req, tokenSet, userInfo, cb) => cb(null, userInfo));
};`;

ruleTester.run('require-pkce (real code: openid-client passport strategy)', rule, {
  valid: [
    // Its default sends PKCE (S256), as does `usePKCE: true`; the strategy makes and checks state itself.
    openidClientStrategy.replace(', usePKCE: false', ''),
    openidClientStrategy.replace('usePKCE: false', 'usePKCE: true'),
  ],
  invalid: [{ code: openidClientStrategy, errors: [{ messageId: 'pkceDisabled', ...at(openidClientStrategy, 'usePKCE: false') }] }],
});

// With the code, the same camelCase body is a token request.
const settingsLookAlike = `export const exchange = (code) => api.post('/token', { clientId: ID, redirectUri: CB, grantType: 'authorization_code', code });`;

ruleTester.run('require-pkce (real code: settings objects that name a grant type)', rule, {
  valid: [
    // An authorization server validating a client for the code grant: no code, so no exchange (fresh-2026-12-d).
    `export class GenerateAuthCode {
  async execute(request) {
    return this.validateClient.execute({ clientId: request.clientId, redirectUri: request.redirectUri, grantType: 'authorization_code' });
  }
}`,
  ],
  invalid: [
    {
      code: settingsLookAlike,
      errors: [
        {
          messageId: 'missingVerifier',
          ...at(settingsLookAlike, "api.post('/token', { clientId: ID, redirectUri: CB, grantType: 'authorization_code', code })"),
        },
      ],
    },
  ],
});

// expo-auth-session sends PKCE unless `usePKCE: false`.
ruleTester.run('require-pkce (real code: expo-auth-session)', rule, {
  valid: [
    `import * as AuthSession from 'expo-auth-session';\nexport function useLogin() { return AuthSession.useAuthRequest({ redirectUri, clientId, scopes: ['openid'] }, discovery); }`,
  ],
  invalid: [
    {
      code: `import * as AuthSession from 'expo-auth-session';\nexport function useLogin() { return AuthSession.useAuthRequest({ redirectUri, clientId, usePKCE: false }, discovery); }`,
      errors: [{ messageId: 'pkceDisabled', line: 2, column: 89, endLine: 2, endColumn: 103 }],
    },
  ],
});
