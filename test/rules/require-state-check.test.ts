import rule from '../../rules/require-state-check';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

type MessageId =
  | 'missingState'
  | 'constantState'
  | 'stateNotCompared'
  | 'stateCheckSkipped'
  | 'stateOptionOff'
  | 'checksWithoutState'
  | 'expectsNoState'
  | 'redirectReadWithoutState';
function invalid(code: string, messageId: MessageId, snippet: string, nth = 0) {
  return { code, errors: [{ messageId, ...at(code, snippet, nth) }] };
}

const handBuiltUrl = `const AUTHORIZE = 'https://login.example.com/oauth2/authorize';
export function loginUrl(challenge: string) {
  return \`\${AUTHORIZE}?response_type=code&client_id=web&redirect_uri=\${encodeURIComponent(CALLBACK)}&code_challenge=\${challenge}&code_challenge_method=S256\`;
}`;

// The parameters are read from the whole URL; the missing state is reported where they are written.
const paramsThenUrl = `export function loginUrl(challenge: string) {
  const query = new URLSearchParams({ client_id: 'web', response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' });
  return \`\${AUTHORIZE}?\${query}\`;
}`;

const stateAddedInUrl = `export function loginUrl(challenge: string, state: string) {
  const query = new URLSearchParams({ client_id: 'web', response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' });
  return \`\${AUTHORIZE}?\${query}&state=\${state}\`;
}`;

// NestJS passes the strategy options to passport-oauth2 through super().
const nestPassportOff = `import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-oauth2';
export class CrmStrategy extends PassportStrategy(Strategy, 'crm') {
  constructor() {
    super({ authorizationURL: AUTH, tokenURL: TOKEN, clientID: 'desk', callbackURL: CB, pkce: true, state: false });
  }
}`;

const googleNoState = `import { OAuth2Client } from 'google-auth-library';
const oauth2 = new OAuth2Client(process.env.GOOGLE_ID, process.env.GOOGLE_SECRET, CALLBACK);
export const url = oauth2.generateAuthUrl({ access_type: 'offline', scope: ['openid', 'email'] });`;

const openidV5NoState = `import { Issuer } from 'openid-client';
const issuer = await Issuer.discover('https://login.example.com');
const client = new issuer.Client({ client_id: 'web', client_secret: process.env.SECRET });
export const url = client.authorizationUrl({ scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });`;

const passportOff = `import { Strategy } from 'passport-oauth2';
passport.use(new Strategy({ authorizationURL: AUTH, tokenURL: TOKEN, clientID: 'id', clientSecret: SECRET, callbackURL: CALLBACK, state: false }, verify));`;

const passportMissing = `import { Strategy as GitHubStrategy } from 'passport-github2';
passport.use(new GitHubStrategy({ clientID: 'id', clientSecret: SECRET, callbackURL: CALLBACK }, verify));`;

const nextAuthChecks = `import NextAuth from 'next-auth';
import Keycloak from 'next-auth/providers/keycloak';
export const { handlers } = NextAuth({ providers: [Keycloak({ clientId: 'portal', issuer: ISSUER, checks: ['pkce'] })] });`;

const skipStateCheck = `import * as oauth from 'oauth4webapi';
export async function callback(req) {
  const params = oauth.validateAuthResponse(as, client, new URL(req.url, BASE), oauth.skipStateCheck);
  return oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, CALLBACK, req.session.verifier);
}`;

const expectNoState = `import { validateAuthResponse } from 'oauth4webapi';
export function check(currentUrl) {
  return validateAuthResponse(as, client, currentUrl);
}`;

const v6Skip = `import * as client from 'openid-client';
app.get('/cb', async (req, res) => {
  const tokens = await client.authorizationCodeGrant(config, new URL(req.originalUrl, BASE), { pkceCodeVerifier: req.session.verifier, expectedState: client.skipStateCheck });
});`;

const expressFetch = `app.get('/oauth/callback', async (req, res) => {
  const verifier = req.session.codeVerifier;
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, code_verifier: verifier, redirect_uri: CALLBACK }),
  });
  res.json(await response.json());
});`;

const googleGetToken = `import { OAuth2Client } from 'google-auth-library';
const oauth2 = new OAuth2Client(ID, SECRET, CALLBACK);
router.get('/google/callback', async (req, res) => {
  const { code, state } = req.query;
  const { tokens } = await oauth2.getToken(code);
  req.session.tokens = tokens;
  res.redirect('/');
});`;

const v5NoChecks = `import { Issuer } from 'openid-client';
const issuer = await Issuer.discover(ISSUER);
const client = new issuer.Client({ client_id: 'web' });
app.get('/cb', async (req, res) => {
  const params = client.callbackParams(req);
  const tokenSet = await client.callback(CALLBACK, params, { code_verifier: req.session.verifier });
});`;

const nextRoute = `export async function GET(request) {
  const { searchParams } = new URL(request.url);
  const code = searchParams.get('code');
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }) });
  return Response.json(await res.json());
}`;

const applyFormPost = `app.post('/auth/apple/callback', async (req, res) => {
  const { code, state } = req.body;
  const r = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'web' }) });
  res.json(await r.json());
});`;

ruleTester.run('require-state-check', rule, {
  valid: [
    // @fastify/oauth2 makes the state and checks it against its cookie itself.
    `import oauthPlugin from '@fastify/oauth2';
fastify.register(oauthPlugin, { name: 'google', credentials: { client: { id: ID, secret: SECRET } }, startRedirectPath: '/login', callbackUri: CB });`,
    // State added after the parameter object, under a condition (PKCE first, state when the server lacks it).
    `import * as client from 'openid-client';
export function loginUrl(config: client.Configuration, code_challenge: string) {
  const parameters: Record<string, string> = { redirect_uri: CALLBACK, scope: 'openid', code_challenge, code_challenge_method: 'S256' };
  if (!config.serverMetadata().supportsPKCE()) {
    parameters.state = client.randomState();
  }
  return client.buildAuthorizationUrl(config, parameters);
}`,
    // A conformance-suite variant record: response_type and no parameter of a request.
    `export const DEFAULTS = {
  'oidcc-client-test-plan': { response_mode: 'default', client_registration: 'static_client', response_type: 'code', client_auth_type: 'client_secret_basic' },
};`,
    { code: stateAddedInUrl },
    // Requests that send state.
    `const u = \`https://idp/authorize?response_type=code&client_id=web&state=\${state}&code_challenge=\${c}\`;`,
    `import { OAuth2Client } from 'google-auth-library'; const o = new OAuth2Client(); o.generateAuthUrl({ scope: ['email'], state });`,
    // Passport with state, a state store, or PKCE (which brings its store).
    `import { Strategy } from 'passport-google-oauth20'; new Strategy({ clientID: 'a', clientSecret: S, callbackURL: CB, state: true }, verify);`,
    `import { Strategy } from 'passport-oauth2'; new Strategy({ authorizationURL: A, tokenURL: T, clientID: 'a', clientSecret: S, callbackURL: CB, pkce: true }, verify);`,
    `import { Strategy } from 'passport-oauth2'; new Strategy({ authorizationURL: A, tokenURL: T, clientID: 'a', clientSecret: S, callbackURL: CB, store: new RedisStateStore() }, verify);`,
    // next-auth checks that include state (with nonce and pkce).
    `import Okta from 'next-auth/providers/okta'; export const p = Okta({ clientId: 'a', checks: ['pkce', 'state', 'nonce'] });`,
    // Callbacks that compare state: ===, timingSafeEqual, a library option, a store keyed by state, a helper.
    `app.get('/cb', async (req, res) => { const { code, state } = req.query; if (state !== req.session.oauthState) return res.sendStatus(403); const r = await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) }); });`,
    `import crypto from 'node:crypto'; app.get('/cb', async (req, res) => { if (!crypto.timingSafeEqual(Buffer.from(String(req.query.state)), Buffer.from(req.cookies.st))) return res.sendStatus(403); await oauth2.getToken(req.query.code); });`,
    `import * as client from 'openid-client'; app.get('/cb', async (req, res) => { await client.authorizationCodeGrant(config, new URL(req.url, BASE), { pkceCodeVerifier: v, expectedState: req.session.state }); });`,
    `app.get('/cb', async (req, res) => { const tx = await redis.getdel(\`oauth:tx:\${req.query.state}\`); if (!tx) return res.sendStatus(403); await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, code_verifier: tx.verifier }) }); });`,
    `function assertState(req) { if (req.query.state !== req.session.state) throw new Error('state'); }
     app.get('/cb', async (req, res) => { assertState(req); await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) }); });`,
    // Middleware before the handler may check state.
    `app.get('/cb', passport.authenticate('oidc'), verifyState, async (req, res) => { await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) }); });`,
    // oauth4webapi with the stored state; SDKs that check state themselves.
    `import * as oauth from 'oauth4webapi'; export async function cb(req) { const params = oauth.validateAuthResponse(as, client, new URL(req.url, B), req.session.state); return oauth.authorizationCodeGrantRequest(as, client, auth, params, CB, v); }`,
    `import { UserManager } from 'oidc-client-ts'; const mgr = new UserManager({ authority: A, client_id: 'x', redirect_uri: R }); export async function done() { await mgr.signinCallback(); }`,
    // A code that does not come from the redirect (a helper's parameter with no visible caller).
    `export async function exchangeCode(code, verifier) { return fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier }) }); }`,
    // A SPA handing its code to its backend in a JSON body (the SPA compared state).
    `app.post('/api/oauth/token', async (req, res) => { const r = await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.body.code, code_verifier: req.body.verifier }) }); res.json(await r.json()); });`,
    // PKCE accepted instead of state when the option says so.
    {
      code: `const u = \`https://idp/authorize?response_type=code&client_id=web&code_challenge=\${c}&code_challenge_method=S256\`;`,
      options: [{ allowPkceInsteadOfState: true }],
    },
  ],
  invalid: [
    invalid(handBuiltUrl, 'missingState', handBuiltUrl.slice(handBuiltUrl.indexOf('`${AUTHORIZE}'), handBuiltUrl.indexOf('S256`') + 5)),
    invalid(
      paramsThenUrl,
      'missingState',
      "{ client_id: 'web', response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' }",
    ),
    invalid(googleNoState, 'missingState', "oauth2.generateAuthUrl({ access_type: 'offline', scope: ['openid', 'email'] })"),
    invalid(
      openidV5NoState,
      'missingState',
      "client.authorizationUrl({ scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' })",
    ),
    invalid(passportOff, 'stateOptionOff', 'state: false'),
    invalid(nestPassportOff, 'stateOptionOff', 'state: false'),
    invalid(passportMissing, 'stateOptionOff', "{ clientID: 'id', clientSecret: SECRET, callbackURL: CALLBACK }"),
    invalid(nextAuthChecks, 'checksWithoutState', "checks: ['pkce']"),
    invalid(skipStateCheck, 'stateCheckSkipped', 'oauth.skipStateCheck'),
    invalid(expectNoState, 'expectsNoState', 'validateAuthResponse(as, client, currentUrl)'),
    invalid(v6Skip, 'stateCheckSkipped', 'expectedState: client.skipStateCheck'),
    invalid(
      expressFetch,
      'stateNotCompared',
      expressFetch.slice(expressFetch.indexOf('fetch(TOKEN_URL'), expressFetch.indexOf('  });') + 4),
    ),
    invalid(googleGetToken, 'stateNotCompared', 'oauth2.getToken(code)'),
    invalid(v5NoChecks, 'stateNotCompared', 'client.callback(CALLBACK, params, { code_verifier: req.session.verifier })'),
    invalid(
      applyFormPost,
      'stateNotCompared',
      "fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'web' }) })",
    ),
    invalid(
      nextRoute,
      'stateNotCompared',
      "fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }) })",
    ),
  ],
});

// The exchange helper takes one options object: the caller's `code` property is the code.
const optionsHelper = `async function exchange({ code, verifier }) {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: 'spa' }) });
  return res.json();
}
`;

const spaCallback = `async function exchange(code, verifier) {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: 'spa' }) });
  return res.json();
}
export async function onCallbackPage() {
  const params = new URLSearchParams(window.location.search);
  const tokens = await exchange(params.get('code'), sessionStorage.getItem('pkce_verifier'));
  sessionStorage.removeItem('oauth_state');
  return tokens;
}`;

const koaNoCompare = `router.get('/auth/callback', async (ctx) => {
  const expected = ctx.cookies.get('oauth_state');
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: ctx.query.code, redirect_uri: CALLBACK });
  const res = await fetch(TOKEN_URL, { method: 'POST', body });
  ctx.body = await res.json();
});`;

espreeTester.run('require-state-check (espree)', rule, {
  valid: [
    `export async function onCallbackPage() {
       const params = new URLSearchParams(window.location.search);
       if (params.get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state mismatch');
       const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), client_id: 'spa' }) });
     }`,
    `const { auth } = require('express-openid-connect'); app.use(auth({ issuerBaseURL: I, baseURL: B, clientID: C, secret: S, authorizationParams: { response_type: 'code' } }));`,
    // An options-object helper: the state compared first, or the redirect value under another key.
    `${optionsHelper}export async function onCallbackPage() {
       const params = new URLSearchParams(window.location.search);
       if (params.get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state mismatch');
       return exchange({ code: params.get('code'), verifier: sessionStorage.getItem('pkce_verifier') });
     }`,
    `${optionsHelper}export async function onCallbackPage() {
       const params = new URLSearchParams(window.location.search);
       return exchange({ code: sessionStorage.getItem('pending_code'), verifier: params.get('verifier') });
     }`,
  ],
  invalid: [
    // The code handed to the helper that exchanges it: reported at that call (rules.md, "Across modules and helpers").
    invalid(spaCallback, 'stateNotCompared', "exchange(params.get('code'), sessionStorage.getItem('pkce_verifier'))"),
    invalid(
      `${optionsHelper}export async function onCallbackPage() {
  const params = new URLSearchParams(window.location.search);
  return exchange({ code: params.get('code'), verifier: sessionStorage.getItem('pkce_verifier') });
}`,
      'stateNotCompared',
      "exchange({ code: params.get('code'), verifier: sessionStorage.getItem('pkce_verifier') })",
    ),
    invalid(koaNoCompare, 'stateNotCompared', "fetch(TOKEN_URL, { method: 'POST', body })"),
  ],
});

// --- Callbacks whose code comes from the request through a variable, a route object or a fallback ---

const bunUrlParams = `export const callback = async (req: Request) => {
  const url = new URL(req.url);
  const queryParams = new URLSearchParams(url.search);
  const code = queryParams.get('code') || '';
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: String(code), client_secret: SECRET }) });
  return res.json();
};`;

const h3QueryVariable = `export default defineEventHandler(async (event) => {
  const query = getQuery(event);
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: query.code, client_secret: SECRET, redirect_uri: CALLBACK });
  const tokens = await $fetch(TOKEN_URL, { method: 'POST', body });
  setCookie(event, 'session', tokens.access_token, { httpOnly: true, secure: true });
  return sendRedirect(event, '/');
});`;

// The query factory's member read directly: the same request's code.
const h3QueryMember = `export default defineEventHandler(async (event) => {
  const tokens = await $fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: getQuery(event).code, client_secret: SECRET }) });
  await setUserSession(event, { user: tokens.user });
  return sendRedirect(event, '/');
});`;

const nuxtRouteContext = `export default {
  async fetch({ $axios, route }) {
    const code = route.query.code;
    const res = await $axios.post('https://github.com/login/oauth/access_token', { client_id: ID, client_secret: SECRET, code });
    return res.data;
  },
};`;

const vueThisRoute = `export default {
  async mounted() {
    const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: this.$route.query.code, client_id: 'spa', code_verifier: sessionStorage.getItem('v') }) });
  },
};`;

const conditionalFallback = `export function Callback() {
  const [searchParams] = useSearchParams();
  const code = searchParams.get('code');
  return post(TOKEN_URL, { data: { grant_type: 'authorization_code', code: code ? code : '', client_id: 'spa', code_verifier: v } });
}`;

ruleTester.run('require-state-check (request values through variables)', rule, {
  valid: [
    // The same shapes, with the state compared.
    `export default defineEventHandler(async (event) => {
       const query = getQuery(event);
       if (query.state !== getCookie(event, 'oauth_state')) throw createError({ statusCode: 400 });
       const body = new URLSearchParams({ grant_type: 'authorization_code', code: query.code, client_secret: SECRET });
       return $fetch(TOKEN_URL, { method: 'POST', body });
     });`,
    `export default {
       async fetch({ $axios, route }) {
         if (route.query.state !== this.$cookies.get('state')) return;
         const res = await $axios.post('https://github.com/login/oauth/access_token', { client_id: ID, client_secret: SECRET, code: route.query.code });
       },
     };`,
    // A code proxy for a SPA: the handler's response is the token response itself, no session is
    // made; the SPA's callback page compares the state before it fetches this endpoint.
    `export default defineEventHandler(async (event) => {
       return await $fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: getQuery(event).code, client_secret: SECRET }) })
         .catch((error) => console.error(error));
     });`,
    `export default defineEventHandler(async (event) => {
       const { code } = getQuery(event);
       const tokens = await $fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_secret: SECRET }) });
       return tokens;
     });`,
    // A variable named like a query that is not the request's: a config object, a local route table.
    `const query = loadConfig();
     export const exchange = () => fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: query.code, client_secret: SECRET }) });`,
    `const route = routes.find((r) => r.name === 'cb');
     export const exchange = () => fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: route.query.code, client_secret: SECRET }) });`,
    // A URL that is not the request's.
    `export async function relay(target: string) {
       const url = new URL(target);
       const code = new URLSearchParams(url.search).get('code');
       return fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_secret: SECRET }) });
     }`,
    // A fallback that is not empty: the code may be another value.
    `export function Callback() {
       const [searchParams] = useSearchParams();
       return post(TOKEN_URL, { data: { grant_type: 'authorization_code', code: searchParams.has('x') ? STORED_CODE : fallback(), client_id: 'spa' } });
     }`,
  ],
  invalid: [
    invalid(
      bunUrlParams,
      'stateNotCompared',
      bunUrlParams.slice(bunUrlParams.indexOf('fetch(TOKEN_URL'), bunUrlParams.indexOf('}) });') + 5),
    ),
    invalid(h3QueryVariable, 'stateNotCompared', "$fetch(TOKEN_URL, { method: 'POST', body })"),
    invalid(
      h3QueryMember,
      'stateNotCompared',
      "$fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: getQuery(event).code, client_secret: SECRET }) })",
    ),
    invalid(
      nuxtRouteContext,
      'stateNotCompared',
      "$axios.post('https://github.com/login/oauth/access_token', { client_id: ID, client_secret: SECRET, code })",
    ),
    invalid(
      vueThisRoute,
      'stateNotCompared',
      vueThisRoute.slice(vueThisRoute.indexOf('fetch(TOKEN_URL'), vueThisRoute.indexOf("'v') }) })") + 10),
    ),
    invalid(
      conditionalFallback,
      'stateNotCompared',
      "post(TOKEN_URL, { data: { grant_type: 'authorization_code', code: code ? code : '', client_id: 'spa', code_verifier: v } })",
    ),
  ],
});

// --- camelCase token requests: discord-oauth2's tokenRequest, and camelCase bodies sent by a call ---
const discordTokenRequest = `const DiscordOauth2 = require('discord-oauth2');
export const loader = async ({ request }) => {
  const code = new URL(request.url).searchParams.get('code');
  const oauth = new DiscordOauth2();
  const tokens = await oauth.tokenRequest({
    clientId: process.env.ID, clientSecret: process.env.SECRET, code, scope: 'identify', grantType: 'authorization_code', redirectUri: CALLBACK,
  });
  return tokens.access_token;
};`;
const camelCaseBody = `export async function GET(req) {
  const code = new URL(req.url).searchParams.get('code');
  const tokens = await oauthApi.exchange({ code, clientId: ID, clientSecret: SECRET, redirectUri: CALLBACK });
  return setSession(tokens);
}`;

ruleTester.run('require-state-check (camelCase token requests)', rule, {
  valid: [
    // The same exchanges after the state comparison.
    discordTokenRequest.replace(
      'const oauth = new DiscordOauth2();',
      "if (new URL(request.url).searchParams.get('state') !== (await stateCookie.parse(request.headers.get('Cookie')))) throw new Response('bad', { status: 400 });\n  const oauth = new DiscordOauth2();",
    ),
    // Settings objects in camelCase, not requests: a provider config and an unsent defaults object.
    `import DiscordProvider from 'next-auth/providers/discord';
     export const authOptions = { providers: [DiscordProvider({ clientId: process.env.ID, clientSecret: process.env.SECRET })] };`,
    `export const oauthDefaults = { grantType: 'authorization_code', clientId: ID, clientSecret: SECRET, redirectUri: CALLBACK };
     export function GET(req) { return new URL(req.url).searchParams.get('code'); }`,
  ],
  invalid: [
    invalid(
      discordTokenRequest,
      'stateNotCompared',
      discordTokenRequest.slice(discordTokenRequest.indexOf('oauth.tokenRequest('), discordTokenRequest.indexOf('  });') + 4),
    ),
    invalid(camelCaseBody, 'stateNotCompared', 'oauthApi.exchange({ code, clientId: ID, clientSecret: SECRET, redirectUri: CALLBACK })'),
  ],
});

// --- A serverless handler returning a helper that is handed the response object ---
// The helper sets the cookie and redirects itself: the handler's return is no token response.
const helperGetsResponse = `import finish from '../oauth-finish';
export default async (req, res) => {
  const data = { client_id: ID, client_secret: SECRET, grant_type: 'authorization_code', code: req.query.code };
  return finish(res, data, TOKEN_URL, 'access_token');
};`;

ruleTester.run('require-state-check (helper handed the response object)', rule, {
  valid: [
    // The same handler comparing the state.
    `import finish from '../oauth-finish';
     export default async (req, res) => {
       if (req.query.state !== req.cookies.oauth_state) return res.status(400).end();
       const data = { client_id: ID, client_secret: SECRET, grant_type: 'authorization_code', code: req.query.code };
       return finish(res, data, TOKEN_URL, 'access_token');
     };`,
    // A proxy whose helper is handed only the body: what it returns is the token response.
    `import post from '../post-form';
     export default async (req, res) => {
       const data = { client_id: ID, client_secret: SECRET, grant_type: 'authorization_code', code: req.query.code };
       return post(data, TOKEN_URL);
     };`,
  ],
  invalid: [invalid(helperGetsResponse, 'stateNotCompared', "finish(res, data, TOKEN_URL, 'access_token')")],
});

// --- A form body built with FormData ---

const formDataExchange = `const FormData = require('form-data');
app.get('/login/callback', async (req, res) => {
  const data = new FormData();
  data.append('grant_type', 'authorization_code');
  data.append('code', req.query.code);
  const json = await (await fetch('https://discord.com/api/oauth2/token', { method: 'POST', body: data })).json();
  req.session.token = json.access_token;
});`;

espreeTester.run('require-state-check (FormData bodies)', rule, {
  valid: [
    `const FormData = require('form-data');
     app.get('/login/callback', async (req, res) => {
       if (req.query.state !== req.session.state) return res.sendStatus(403);
       const data = new FormData();
       data.append('grant_type', 'authorization_code');
       data.append('code', req.query.code);
       await fetch('https://discord.com/api/oauth2/token', { method: 'POST', body: data });
     });`,
    // An upload form that carries a field named code is no token request.
    `app.post('/upload', async (req, res) => {
       const data = new FormData();
       data.append('code', req.query.code);
       data.append('file', req.file);
       await fetch(UPLOAD_URL, { method: 'POST', body: data });
     });`,
  ],
  invalid: [invalid(formDataExchange, 'stateNotCompared', "fetch('https://discord.com/api/oauth2/token', { method: 'POST', body: data })")],
});

// --- The returned state handed to a helper that only files tokens under it ---

const stateAsStorageKey = `app.get('/auth/callback', (req, res) => {
  exchange(req.query.code, req.query.state, () => res.redirect('/?key=' + req.query.state));
});
function exchange(code, key, done) {
  request.post({ url: TOKEN_URL, form: { code, grant_type: 'authorization_code', redirect_uri: CB } }, (err, response, body) => {
    store[key] = { access_token: body.access_token };
    setTimeout(() => delete store[key], 10000);
    done();
  });
}`;

espreeTester.run('require-state-check (state used only as a storage key)', rule, {
  valid: [
    // The helper compares the state it is given.
    `app.get('/auth/callback', (req, res) => { exchange(req.query.code, req.query.state, res); });
     function exchange(code, returned, res) {
       if (returned !== res.locals.expectedState) throw new Error('state');
       request.post({ url: TOKEN_URL, form: { code, grant_type: 'authorization_code' } });
     }`,
    // The helper hands the state on to a lookup it cannot be judged without: counted as a check.
    `app.get('/auth/callback', (req, res) => { exchange(req.query.code, req.query.state); });
     function exchange(code, key) {
       const pending = sessions.take(key);
       request.post({ url: TOKEN_URL, form: { code, grant_type: 'authorization_code', code_verifier: pending.verifier } });
     }`,
    // An unknown helper (a package's) may check it.
    `const { exchange } = require('oauth-helper');
     app.get('/auth/callback', (req, res) => { exchange(req.query.code, req.query.state); request.post({ url: TOKEN_URL, form: { code: req.query.code, grant_type: 'authorization_code' } }); });`,
  ],
  invalid: [
    invalid(
      stateAsStorageKey,
      'stateNotCompared',
      "exchange(req.query.code, req.query.state, () => res.redirect('/?key=' + req.query.state))",
    ),
  ],
});

// --- WorkOS (AuthKit / SSO): the caller sends and checks the state ---

const workosCli = `import { WorkOS } from '@workos-inc/node';
const workos = new WorkOS(process.env.WORKOS_API_KEY, { clientId: CLIENT_ID });
export function authorizationUrl() {
  return workos.userManagement.getAuthorizationUrl({ provider: 'authkit', redirectUri: 'http://localhost:3000/callback', clientId: CLIENT_ID });
}
export async function handleCallback(req, res) {
  const url = new URL(req.url, 'http://localhost:3000');
  const code = url.searchParams.get('code');
  const auth = await workos.userManagement.authenticateWithCode({ code, clientId: CLIENT_ID });
  res.end(auth.accessToken);
}`;

ruleTester.run('require-state-check (WorkOS)', rule, {
  valid: [
    `import { WorkOS } from '@workos-inc/node';
     const workos = new WorkOS(KEY);
     export function start(res, state) {
       res.redirect(workos.userManagement.getAuthorizationUrl({ provider: 'authkit', redirectUri: CB, clientId: ID, state }));
     }
     export async function callback(req, res) {
       if (req.query.state !== req.cookies.state) return res.status(403).end();
       const auth = await workos.userManagement.authenticateWithCode({ code: req.query.code, clientId: ID });
     }`,
    // Another package's methods of the same name are not WorkOS's.
    `import { Client } from './client';
     const client = new Client();
     export const url = client.userManagement.getAuthorizationUrl({ provider: 'authkit', redirectUri: CB, clientId: ID });
     export const cb = (req) => client.userManagement.authenticateWithCode({ code: req.query.code });`,
    // A code that does not come from the redirect (a test helper, a stored value).
    `import { WorkOS } from '@workos-inc/node';
     const workos = new WorkOS(KEY);
     export const redeem = (stored) => workos.userManagement.authenticateWithCode({ code: stored.code, clientId: ID });`,
  ],
  invalid: [
    {
      code: workosCli,
      errors: [
        {
          messageId: 'missingState' as const,
          ...at(
            workosCli,
            "workos.userManagement.getAuthorizationUrl({ provider: 'authkit', redirectUri: 'http://localhost:3000/callback', clientId: CLIENT_ID })",
          ),
        },
        {
          messageId: 'stateNotCompared' as const,
          ...at(workosCli, 'workos.userManagement.authenticateWithCode({ code, clientId: CLIENT_ID })'),
        },
      ],
    },
  ],
});

// --- Browser callbacks that take tokens or the code out of the redirect URL (rules.md, second round) ---

function readWithoutState(code: string, snippet: string, what: string, nth = 0) {
  return { code, errors: [{ messageId: 'redirectReadWithoutState' as const, data: { what }, ...at(code, snippet, nth) }] };
}

const fragmentParams = `export function completeLogin() {
  const fragment = new URLSearchParams(window.location.hash.substring(1));
  const token = fragment.get('access_token');
  sessionStorage.setItem('api', token ?? '');
}`;

const splitFindLoop = `export function useFragmentToken() {
  const raw = window.location.hash;
  const found = raw.slice(1).split('&').find((pair) => pair.startsWith('access_token='))?.split('=')[1];
  return found;
}`;

const regexOnHref = `export function tokenFromAddressBar() {
  const hit = window.location.href.match(/access_token=([^&]*)/);
  return hit ? hit[1] : undefined;
}`;

const routerFragment = `import { useLocation } from 'react-router-dom';
import queryString from 'query-string';
export function useImplicitToken() {
  const { hash } = useLocation();
  const fromUrl = queryString.parse(hash).access_token;
  return fromUrl;
}`;

const vueRouteFragment = `export default {
  mounted() {
    const idToken = new URLSearchParams(this.$route.hash.slice(1)).get('id_token');
    this.$store.commit('signedIn', idToken);
  },
};`;

const extensionFlow = `export function signIn(url: string) {
  chrome.identity.launchWebAuthFlow({ url, interactive: true }, (redirected) => {
    const token = redirected?.substring(redirected.indexOf('id_token=') + 9);
    chrome.storage.session.set({ token });
  });
}`;

const localParser = `function readFragment() {
  return Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
}
export function boot() {
  const { access_token } = readFragment();
  api.defaults.headers.Authorization = 'Bearer ' + access_token;
}`;

const importedGetter = `import { getHashParam } from './url-helpers';
export function boot() {
  const accessToken = getHashParam('access_token');
  const returned = getHashParam('state');
  const { returnTo } = JSON.parse(atob(decodeURIComponent(returned)));
  store.dispatch(login(accessToken, returnTo));
}`;

const codeSentToBackend = `export async function finishSpotifyConnect() {
  const code = window.location.search.split('=')[1];
  await fetch('/api/spotify/connect', { method: 'POST', body: JSON.stringify({ code, accessToken: session.access_token }) });
}`;

// The code posted to the backend in a header, with a fallback for when there is none.
const codeInHeaderWithFallback = `export function OAuthCallback() {
  const param = new URLSearchParams(location.search);
  fetch(new URL('/oauth', SERVER), { method: 'POST', headers: { Authorization: param.get('code') ?? '' } });
}`;

const codeToOpener = `export function relayCode() {
  const code = new URLSearchParams(window.location.search).get('code');
  window.opener.postMessage({ code }, OAUTH_ORIGIN);
}`;

const githubShortForm = `app.get('/login', (req, res) => {
  res.redirect(\`https://github.com/login/oauth/authorize?client_id=\${CLIENT_ID}\`);
});`;

const stringifyShortForm = `import querystring from 'querystring';
export const loginUrl = AUTH_BASE + '?' + querystring.stringify({ client_id: CLIENT_ID, redirect_uri: CALLBACK, scope: 'identify' });`;

const nextAuthAsConfig = `import type { OAuthConfig } from 'next-auth/providers/oauth';
export const Corp = (url: string) => ({
  id: 'corp',
  type: 'oauth',
  wellKnown: url + '/.well-known/openid-configuration',
  authorization: { params: { response_type: 'code', scope: 'openid email' } },
  checks: 'none',
} as OAuthConfig<any>);`;

// An extension's implicit OIDC flow whose ID token is decoded only to show its claims, and the
// look-alike that signs the user in with them.
const displayedIdToken = (use: string) => `export function showIdentity(authUrl) {
  chrome.identity.launchWebAuthFlow({ url: authUrl, interactive: true }, (redirectUrl) => {
    const params = new URLSearchParams(redirectUrl.split('#')[1]);
    const jwt = params.get('id_token');
    const claims = JSON.parse(atob(jwt.split('.')[1]));
    ${use};
  });
}`;

ruleTester.run('require-state-check: browser callbacks and short-form requests', rule, {
  valid: [
    // The state compared before the code is posted on.
    codeInHeaderWithFallback.replace('fetch(', "if (param.get('state') !== sessionStorage.getItem('oauth_state')) return;\n  fetch("),
    // Claims only shown are not trusted (rules.md, second round): no one is signed in.
    displayedIdToken("document.querySelector('#claims').innerText = JSON.stringify(claims, null, 2)"),
    // The returned state is compared before the token is used.
    `export function completeLogin() {
       const fragment = new URLSearchParams(window.location.hash.substring(1));
       if (fragment.get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state mismatch');
       return fragment.get('access_token');
     }`,
    // A presence test is not a read: the callback route takes it from there.
    `if (window.location.hash.includes('access_token')) router.push('/callback');`,
    // The fragment shown for debugging: no parameter is taken.
    `console.table(location.hash.substr(1).split('&').map((kv) => kv.split('=')));`,
    // A parser that hands the returned state back to its caller, which compares it.
    `export function parseCallback() {
       const fragment = new URLSearchParams(window.location.hash.substring(1));
       return { accessToken: fragment.get('access_token'), state: fragment.get('state') };
     }`,
    // A password-reset page: its code is a one-time link code, not an authorization code.
    `export async function submitNewPassword(password: string) {
       const code = new URLSearchParams(window.location.search).get('code');
       await fetch('/api/reset-password', { method: 'POST', body: JSON.stringify({ code, password }) });
     }`,
    // The code handed to an SDK that completes the login itself.
    `import { supabase } from '@supabase/supabase-js';
     export async function onOAuthReturn() {
       const code = new URLSearchParams(window.location.search).get('code');
       if (code) await supabase.auth.exchangeCodeForSession(code);
       const accessToken = localStorage.getItem('oauth_hint');
     }`,
    // location.origin builds the redirect_uri of a token request: its response is not read from the URL.
    `async function redeem(code: string) {
       const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: \`\${window.location.origin}/cb\`, code_verifier: verifier() }) });
       return res.json();
     }
     export async function done(code: string) { const tokens = await redeem(code); return tokens.access_token; }`,
    // GitHub's token endpoint with client_id and redirect_uri: not an authorization request.
    `export const tokenUrl = \`https://github.com/login/oauth/access_token?client_id=\${ID}&client_secret=\${SECRET}&code=\${code}&redirect_uri=\${CB}\`;`,
    // A logout URL names client_id and a return URL too.
    `export const logoutUrl = \`\${ISSUER}/v2/logout?client_id=\${ID}&redirect_uri=\${encodeURIComponent(HOME)}\`;`,
    // A short-form request that sends state.
    `res.redirect(\`https://github.com/login/oauth/authorize?client_id=\${CLIENT_ID}&redirect_uri=\${CB}&state=\${state}\`);`,
    // A config object holding client_id and redirect_uri is not a request.
    `export const spotify = { client_id: ID, redirect_uri: CALLBACK, scopes: ['user-read-email'] };`,
    // The exchange runs in a helper that the route calls only after comparing the state.
    `app.get('/cb', (req, res) => {
       if (!req.query.state || req.query.state !== req.cookies.oauth_state) return res.status(403).end();
       exchangeCode(req, res);
     });
     function exchangeCode(req, res) {
       const { code } = req.query;
       return fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: req.cookies.v }) });
     }`,
    // A server reading its own request's query: not a browser redirect read (no-token-in-url's case).
    `app.get('/me', (req, res) => res.json(lookup(req.query.access_token)));`,
  ],
  invalid: [
    readWithoutState(fragmentParams, "fragment.get('access_token')", 'the access token'),
    readWithoutState(displayedIdToken('signIn(claims.sub, claims.email)'), "params.get('id_token')", 'the ID token'),
    readWithoutState(splitFindLoop, "raw.slice(1).split('&').find((pair) => pair.startsWith('access_token='))", 'the access token'),
    readWithoutState(regexOnHref, 'window.location.href.match(/access_token=([^&]*)/)', 'the access token'),
    readWithoutState(routerFragment, 'queryString.parse(hash).access_token', 'the access token'),
    readWithoutState(vueRouteFragment, "new URLSearchParams(this.$route.hash.slice(1)).get('id_token')", 'the ID token'),
    readWithoutState(extensionFlow, "redirected?.substring(redirected.indexOf('id_token=') + 9)", 'the ID token'),
    readWithoutState(localParser, 'access_token', 'the access token'),
    // The returned state is only decoded for a return path: no comparison.
    readWithoutState(importedGetter, "getHashParam('access_token')", 'the access token'),
    readWithoutState(codeSentToBackend, "window.location.search.split('=')[1]", 'the authorization code'),
    readWithoutState(codeToOpener, "new URLSearchParams(window.location.search).get('code')", 'the authorization code'),
    readWithoutState(codeInHeaderWithFallback, "param.get('code')", 'the authorization code'),
    invalid(githubShortForm, 'missingState', '`https://github.com/login/oauth/authorize?client_id=${CLIENT_ID}`'),
    invalid(
      stringifyShortForm,
      'missingState',
      "querystring.stringify({ client_id: CLIENT_ID, redirect_uri: CALLBACK, scope: 'identify' })",
    ),
    invalid(nextAuthAsConfig, 'checksWithoutState', "checks: 'none'"),
  ],
});

const nestExchange = `import { Controller, Get, Query } from '@nestjs/common';
import axios from 'axios';

@Controller('auth')
export class AuthController {
  @Get('callback')
  async callback(@Query('code') code: string) {
    const { data } = await axios.post('https://github.com/login/oauth/access_token', {
      client_id: process.env.GITHUB_ID,
      client_secret: process.env.GITHUB_SECRET,
      code,
    });
    return data;
  }
}
`;

const nestExchangeChecked = `import { Controller, Get, Query, Session } from '@nestjs/common';
import axios from 'axios';

@Controller('auth')
export class AuthController {
  @Get('callback')
  async callback(@Query("code") code: string, @Query("state") state: string, @Session() session: any) {
    if (state !== session.oauthState) throw new Error("state");
    const { data } = await axios.post('https://github.com/login/oauth/access_token', {
      client_id: process.env.GITHUB_ID,
      client_secret: process.env.GITHUB_SECRET,
      code,
    });
    return data;
  }
}
`;

// NestJS binds request parts to handler parameters by decorator: `@Query('code') code` is the callback's code.
// The fragment parsed by a generic key=value loop (the widely copied Spotify/Imgur `getHashParams`
// snippet, a split/reduce into a variable declared earlier): reported at the parse.
const regexLoopFragment = `function finishLogin() {
  var params = {}, query = location.hash.substring(1), re = /([^&=]+)=([^&]*)/g, m;
  while (m = re.exec(query)) {
    params[decodeURIComponent(m[1])] = decodeURIComponent(m[2]);
  }
  if (params['access_token']) localStorage.setItem('api', params['access_token']);
}`;

const reducedLater = (check: string) => `(function () {
  let state;
  const hash = document.location.hash;
  function start(id) {
    state = crypto.randomUUID();
    link.setAttribute('href', \`https://example.com/authorize?client_id=\${id}&response_type=token&state=\${state}\`);
  }
  function finish() {
    let response = {};
    if (hash) {
      response = hash.replace(/^#/, '').split('&').reduce((result, pair) => {
        const kv = pair.split('=');
        result[kv[0]] = kv[1];
        return result;
      }, {});
    }
    ${check}
    use(response.access_token);
  }
  if (hash) finish(); else start(input.value);
})();`;

espreeTester.run('require-state-check (fragments parsed by generic key=value loops)', rule, {
  valid: [
    `function finishLogin() {
  var params = {}, query = location.hash.substring(1), re = /([^&=]+)=([^&]*)/g, m;
  while (m = re.exec(query)) params[decodeURIComponent(m[1])] = decodeURIComponent(m[2]);
  if (params.state !== localStorage.getItem('oauth_state')) throw new Error('state');
  localStorage.setItem('api', params.access_token);
}`,
    reducedLater('if (response.state !== state) return;'),
    // An object filled from something else than the URL, and a key written by name.
    `function collect(cfg) { const out = {}; for (const k of Object.keys(cfg)) out[k] = cfg[k]; return out.access_token; }`,
    `function remember() { const seen = {}; seen['href'] = location.href; send(seen.access_token); }`,
  ],
  invalid: [
    readWithoutState(regexLoopFragment, 'params[decodeURIComponent(m[1])] = decodeURIComponent(m[2])', 'the access token'),
    readWithoutState(
      reducedLater(''),
      reducedLater('').slice(reducedLater('').indexOf('response = hash'), reducedLater('').indexOf('}, {})') + '}, {})'.length),
      'the access token',
    ),
  ],
});

// Route middleware before the callback: only one that may compare the state stands in for the check.
const routeWith = (middleware: string, before = '') => `import { createHmac } from 'node:crypto';
${before}
app.get('/auth/callback', ${middleware}, async (req, res) => {
  const r = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) });
  res.json(await r.json());
});`;
const exchangeIn =
  "fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) })";
const hmacMiddleware = `function validateHmac(req, res, next) {
  const { hmac, ...rest } = req.query;
  const digest = createHmac('sha256', SECRET).update(new URLSearchParams(rest).toString()).digest('hex');
  if (hmac !== digest) return res.status(401).send('bad hmac');
  next();
}`;

ruleTester.run('require-state-check (route middleware)', rule, {
  valid: [
    // A package's middleware, or one the analysis cannot read, may check the state.
    routeWith("passport.authenticate('github', { failureRedirect: '/login' })", "import passport from 'passport';"),
    routeWith('verifyOAuthState', "import { verifyOAuthState } from '@acme/oauth-kit';"),
    // A middleware of this file that compares the state.
    routeWith(
      'checkState',
      `function checkState(req, res, next) { if (req.query.state !== req.session.oauthState) return res.sendStatus(403); next(); }`,
    ),
    // A factory of this file whose middleware compares the state.
    routeWith(
      "stateGuard('oauth_state')",
      `function stateGuard(name) { return (req, res, next) => (req.query.state === req.cookies[name] ? next() : res.sendStatus(403)); }`,
    ),
    // A middleware of this file handing the request to a package (passport checks the state).
    routeWith(
      'authenticate',
      `import passport from 'passport';\nfunction authenticate(req, res, next) { passport.authenticate('github')(req, res, next); }`,
    ),
  ],
  invalid: [
    // An HMAC check (a Shopify-style callback) compares no state.
    invalid(routeWith('validateHmac', hmacMiddleware), 'stateNotCompared', exchangeIn),
    // A body parser and CORS, by name.
    invalid(
      routeWith('cors(), express.json()', "import express from 'express';\nimport cors from 'cors';"),
      'stateNotCompared',
      exchangeIn,
    ),
    // A middleware of this file that checks the login only.
    invalid(
      routeWith('requireUser', `function requireUser(req, res, next) { if (!req.session.user) return res.redirect('/login'); next(); }`),
      'stateNotCompared',
      exchangeIn,
    ),
  ],
});

ruleTester.run('require-state-check (NestJS parameter decorators)', rule, {
  valid: [nestExchangeChecked],
  invalid: [
    invalid(nestExchange, 'stateNotCompared', nestExchange.slice(nestExchange.indexOf('axios.post('), nestExchange.indexOf('});') + 2)),
  ],
});

// The callback keeps the code in a module-level slot, then calls the function that exchanges it.
const slotThroughSetter = `import qs from 'qs';
import fetch from 'node-fetch';
const CONFIG = { url: 'https://account.example.com/oauth/access_token', code: null };
export const oAuthCallback = async (req, res) => {
  updateConfigCode(req.query.code);
  const token = await getAccessToken();
  res.redirect('/');
};
const getAccessToken = async () => {
  const body = qs.stringify({ grant_type: 'authorization_code', code: CONFIG.code, redirect_uri: CALLBACK });
  return (await fetch(CONFIG.url, { method: 'POST', body })).json();
};
function updateConfigCode(code) {
  CONFIG.code = code;
}`;
const slotDirect = `import qs from 'qs';
let authCode = null;
export const callback = (req, res) => {
  authCode = req.query.code;
  exchange();
  res.redirect('/');
};
async function exchange() {
  return fetch(TOKEN_URL, { method: 'POST', body: qs.stringify({ grant_type: 'authorization_code', code: authCode }) });
}`;
// The same callback comparing the state first.
const slotChecked = slotDirect.replace(
  'authCode = req.query.code;',
  'if (req.query.state !== req.session.state) return res.status(403).end();\n  authCode = req.query.code;',
);
// The slot filled from somewhere else than the redirect, or the exchange not started by the callback.
const slotFromConfig = slotDirect.replace('authCode = req.query.code;', 'authCode = config.code;');
const slotNotStarted = slotDirect.replace('  exchange();\n', '');

espreeTester.run('require-state-check (code kept in a module-level slot)', rule, {
  valid: [slotChecked, slotFromConfig, slotNotStarted],
  invalid: [invalid(slotThroughSetter, 'stateNotCompared', 'getAccessToken()'), invalid(slotDirect, 'stateNotCompared', 'exchange()')],
});

// Node's legacy `url.parse(u, true)` with parameters written into `.query`.
const legacyAuthorize = `var url = require('url');
app.get('/authorize', function (req, res) {
  var authorizeUrl = url.parse(authServer.authorizationEndpoint, true);
  authorizeUrl.query.response_type = 'code';
  authorizeUrl.query.client_id = client.client_id;
  res.redirect(url.format(authorizeUrl));
});`;
espreeTester.run('require-state-check (url.parse)', rule, {
  valid: [legacyAuthorize.replace("= 'code';", "= 'code';\n  authorizeUrl.query.state = state;")],
  invalid: [invalid(legacyAuthorize, 'missingState', 'url.parse(authServer.authorizationEndpoint, true)')],
});

// `{ url, query }`: a URL and its query object, as query-string's stringifyUrl and URL builders take them.
const urlAndQuery = `import { createURL } from './url';
const GITHUB_AUTHORIZE_ENDPOINT = 'https://github.com/login/oauth/authorize';
export function createAuthURL(port: number) {
  const GITHUB_AUTH_QUERIES = {
    client_id: import.meta.env.VITE_CLIENT_ID,
    scope: 'read:user',
    redirect_uri: \`http://localhost:\${port}/callback\`,
  };
  return createURL({ url: GITHUB_AUTHORIZE_ENDPOINT, query: GITHUB_AUTH_QUERIES });
}`;
ruleTester.run('require-state-check ({ url, query })', rule, {
  valid: [
    urlAndQuery.replace("scope: 'read:user',", "scope: 'read:user',\n    state,"),
    // The same shape for an API call: no authorization request.
    `import { createURL } from './url';\nexport const search = createURL({ url: 'https://api.example.com/search', query: { q: term, client_id: ID } }); // oauth`,
  ],
  invalid: [
    invalid(urlAndQuery, 'missingState', urlAndQuery.slice(urlAndQuery.indexOf('{\n    client_id'), urlAndQuery.indexOf('};') + 1)),
  ],
});

// A test of whether a state came back (`== null`, `=== ''`) is not a comparison with the one sent.
const stateNullCheck = `app.get('/cb', async (req, res) => {
  const state = req.query.state;
  if (state == null) return res.sendStatus(400);
  await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) });
});`;
espreeTester.run('require-state-check (presence tests of the state)', rule, {
  valid: [
    stateNullCheck.replace('state == null', 'state == null || state !== req.session.state'),
    stateNullCheck.replace('state == null', "req.session.state === '' || state !== req.session.state"),
  ],
  invalid: [
    invalid(
      stateNullCheck,
      'stateNotCompared',
      "fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) })",
    ),
    invalid(
      stateNullCheck.replace('state == null', "state === undefined || state === ''"),
      'stateNotCompared',
      "fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) })",
    ),
  ],
});

// A class whose callback method reads the code and hands it to `this.exchange(code)`: the
// missing check is reported at that hand-off, as for a helper function.
const classCallback = `export class AuthClient {
  async handleCallback() {
    const params = new URLSearchParams(window.location.search);
    const code = params.get('code');
    return this.exchange(code);
  }
  private async exchange(code: string) {
    const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'spa', code_verifier: sessionStorage.getItem('v') }) });
    return res.json();
  }
}`;
ruleTester.run('require-state-check (this.method hand-offs in a class)', rule, {
  valid: [
    // The calling method compares the state before the hand-off.
    classCallback.replace(
      "const code = params.get('code');",
      "if (params.get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state');\n    const code = params.get('code');",
    ),
    // The exchanging method compares it itself.
    classCallback.replace(
      'const res = await fetch(',
      "if (new URLSearchParams(location.search).get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state');\n    const res = await fetch(",
    ),
    // The method is handed the code of something that is not the redirect.
    classCallback.replace("params.get('code')", 'this.pendingCode'),
    // A method handed on as a callback is not called with the redirect's code.
    classCallback.replace('return this.exchange(code);', 'return [code].map(this.exchange);'),
  ],
  invalid: [invalid(classCallback, 'stateNotCompared', 'this.exchange(code)')],
});

// A Vue options component: a hook reads the code and calls \`this.exchange(code)\` of its \`methods\`.
const vueOptionsCallback = `export default {
  name: 'OAuthCallback',
  created() {
    const code = new URLSearchParams(window.location.search).get('code');
    if (code) this.exchange(code);
  },
  methods: {
    exchange(code) {
      return fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'spa', code_verifier: sessionStorage.getItem('v') }) });
    },
  },
};`;
ruleTester.run('require-state-check (this.method hand-offs in a Vue options component)', rule, {
  valid: [
    // A code kept by the app itself, not taken out of the redirect URL.
    vueOptionsCallback.replace("new URLSearchParams(window.location.search).get('code')", "sessionStorage.getItem('pending_code')"),
    // The hook compares the state before the hand-off.
    vueOptionsCallback.replace(
      'if (code) this.exchange(code);',
      "if (new URLSearchParams(window.location.search).get('state') !== sessionStorage.getItem('oauth_state')) return;\n    if (code) this.exchange(code);",
    ),
    // \`this\` in a nested regular function is not the component: the call reaches no method.
    vueOptionsCallback.replace('if (code) this.exchange(code);', 'if (code) [code].forEach(function (c) { this.exchange(c); });'),
  ],
  invalid: [
    invalid(vueOptionsCallback, 'stateNotCompared', 'this.exchange(code)'),
    // The code taken out of the page's URL by a getter of another module (\`parseUrlParam('code')\`).
    invalid(
      `import Utils from 'scripts/utils';\n${vueOptionsCallback.replace("new URLSearchParams(window.location.search).get('code')", "Utils.parseUrlParam('code')")}`,
      'stateNotCompared',
      'this.exchange(code)',
    ),
  ],
});

// A state read from the environment: the same value on every login of the deployment.
const envState = `const state = process.env.NEXT_PUBLIC_GITHUB_STATE;
export function goToGitHubLogin(router) {
  router.push(\`https://github.com/login/oauth/authorize?client_id=\${CLIENT_ID}&state=\${state}\`);
}`;
ruleTester.run('require-state-check (a state from the environment)', rule, {
  valid: [
    // A fresh random state per login, prefixed with the deployment's name.
    envState.replace(
      'const state = process.env.NEXT_PUBLIC_GITHUB_STATE;',
      'const state = `${process.env.NEXT_PUBLIC_APP}.${crypto.randomUUID()}`;',
    ),
  ],
  invalid: [invalid(envState, 'constantState', 'state', 2)],
});

// A constant state in a hand-built URL: the static text of a concatenation or template, or a const interpolated.
const constantStateConcat = `function login() {
  window.open("https://api.imgur.com/oauth2/authorize?client_id=" + clientId + "&response_type=" + type + "&state=login");
}`;
const constantStateTemplate = `export const loginUrl = () => \`\${AUTHORIZE}?response_type=code&client_id=\${CLIENT_ID}&state=fixed\`;`;
const constantStateConst = `const STATE = 'my-app';
export const loginUrl = () => \`\${AUTHORIZE}?response_type=code&client_id=\${CLIENT_ID}&state=\${STATE}\`;`;
espreeTester.run('require-state-check (constant state in a URL)', rule, {
  valid: [
    constantStateConcat.replace('"&state=login"', '"&state=" + crypto.randomUUID()'),
    constantStateTemplate.replace('state=fixed', 'state=${state}'),
    constantStateConst.replace("'my-app'", 'crypto.randomUUID()'),
    // Placeholders filled in later are no state.
    constantStateTemplate.replace('state=fixed', 'state={state}'),
    `const URL_TEMPLATE = 'https://x.example/oauth/authorize?response_type=code&client_id=' + ID + '&state=XYZ';
export const loginUrl = () => URL_TEMPLATE.replace('XYZ', crypto.randomUUID());`,
    // A single literal naming the request and its constant state is require-secure-random's.
    `export const loginUrl = 'https://x.example/oauth/authorize?response_type=code&client_id=web&state=abc';`,
    // PKCE standing in for the state, when allowed.
    {
      code: constantStateTemplate.replace('&state=fixed', '&state=fixed&code_challenge=${challenge}'),
      options: [{ allowPkceInsteadOfState: true }],
    },
  ],
  invalid: [
    invalid(constantStateConcat, 'constantState', '"&state=login"'),
    invalid(constantStateTemplate, 'constantState', constantStateTemplate.slice(constantStateTemplate.indexOf('`'), -1)),
    // The constant written apart is require-secure-random's; this rule reports the request (one finding per place).
    invalid(constantStateConst, 'constantState', constantStateConst.slice(constantStateConst.indexOf('`'), -1)),
  ],
});

// A token getter that reads the fragment itself, called by every API function (the widely copied
// Spotify "Jammming" module): one finding, at the read in the getter — its callers are no new read.
const tokenGetter = (check: string) => `let accessToken;
function getAccessToken() {
  if (accessToken) return accessToken;
  const tokenMatch = window.location.href.match(/access_token=([^&]*)/);
  ${check}
  if (tokenMatch) {
    accessToken = tokenMatch[1];
    return accessToken;
  }
  window.location = AUTHORIZE_URL;
}
export async function search(term) {
  const accessToken = getAccessToken();
  return fetch(API + '/search?q=' + term, { headers: { Authorization: 'Bearer ' + accessToken } });
}
export async function savePlaylist(name) {
  const accessToken = getAccessToken();
  return fetch(API + '/me/playlists', { method: 'POST', headers: { Authorization: 'Bearer ' + accessToken }, body: name });
}`;
const tokenGetterObject = `const Spotify = {
  getAccessToken() {
    const params = new URLSearchParams(window.location.hash.slice(1));
    return params.get('access_token');
  },
  search(term) {
    const accessToken = Spotify.getAccessToken();
    return fetch(API + '/search?q=' + term, { headers: { Authorization: 'Bearer ' + accessToken } });
  },
};`;
ruleTester.run('require-state-check (token getters and their callers)', rule, {
  valid: [
    // The getter compares the returned state: neither it nor its callers are reported.
    tokenGetter(
      "if (new URLSearchParams(window.location.hash.slice(1)).get('state') !== sessionStorage.getItem('oauth_state')) return undefined;",
    ),
  ],
  invalid: [
    readWithoutState(tokenGetter(''), 'window.location.href.match(/access_token=([^&]*)/)', 'the access token'),
    readWithoutState(tokenGetterObject, "params.get('access_token')", 'the access token'),
  ],
});

// Seen in real code (fresh-2026-12-d).
const appleAuthExchange = `const AppleAuth = require('apple-auth');
const auth = new AppleAuth(config, privateKey, 'text');
app.post('/auth', async (req, res) => {
  const response = await auth.accessToken(req.body.code);
  res.json(response);
});`;
const mismatchFallsThrough = `import { goto } from '$app/navigation';
export async function callback(data) {
  const state = localStorage.getItem('state');
  if (state !== data.state) {
    goto('/login', { replaceState: true });
  }
  const res = await fetch('https://idp.example/oauth/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: new URLSearchParams(location.search).get('code'), client_id: 'app' }),
  });
  return res.json();
}`;

const authCodeParameter = `export const handler = async (event) => {
  const { auth_code, poe_verifier, poe_state } = event.queryStringParameters;
  const data = { client_id: 'app', grant_type: 'authorization_code', code: auth_code, code_verifier: poe_verifier };
  const response = await fetch('https://idp.example/oauth/token', { method: 'POST', body: new URLSearchParams(data) });
  return { statusCode: 200, body: JSON.stringify(await response.json()) };
};`;

ruleTester.run('require-state-check (real code: form_post libraries, a check that does not stop)', rule, {
  valid: [
    authCodeParameter.replace('const data =', "if (poe_state !== event.headers['x-state']) return { statusCode: 403 };\n  const data ="),
    `const AppleAuth = require('apple-auth');
const auth = new AppleAuth(config, privateKey, 'text');
app.post('/auth', async (req, res) => {
  if (req.body.state !== req.session.appleState) return res.status(403).end();
  res.json(await auth.accessToken(req.body.code));
});`,
    mismatchFallsThrough.replace("goto('/login', { replaceState: true });", "goto('/login', { replaceState: true });\n    return;"),
    mismatchFallsThrough.replace("goto('/login', { replaceState: true });", "throw new Error('state mismatch');"),
  ],
  invalid: [
    // apple-auth's flow posts the response (response_mode=form_post): a body code is the redirect's.
    invalid(appleAuthExchange, 'stateNotCompared', 'auth.accessToken(req.body.code)'),
    // The code under another name of the authorization code (`auth_code`); its state is read, never compared.
    invalid(
      authCodeParameter,
      'stateNotCompared',
      "fetch('https://idp.example/oauth/token', { method: 'POST', body: new URLSearchParams(data) })",
    ),
    // The mismatch branch navigates away but does not return: the code is exchanged anyway.
    invalid(
      mismatchFallsThrough,
      'stateNotCompared',
      mismatchFallsThrough.slice(mismatchFallsThrough.indexOf("fetch('https"), mismatchFallsThrough.indexOf(';\n  return res')),
    ),
  ],
});

// Seen in real code (fresh-2026-12-e): a code destructured from the query with an empty fallback, and a
// state that is only logged (Azure Functions' `context.log`).
const netlifyFallback = `import axios from 'axios';
async function requestAccessToken(code) {
  const { data } = await axios.post('https://osu.ppy.sh/oauth/token', { client_id: ID, client_secret: SECRET, code, grant_type: 'authorization_code' });
  return data;
}
export const handler = async (event) => {
  const { code } = event.queryStringParameters ?? {};
  const { access_token } = await requestAccessToken(code);
  return { statusCode: 200, body: access_token };
};`;
const stateOnlyLogged = `module.exports = async function (context, req) {
  const { code, state } = req.query;
  context.log(\`code: \${code ? 'present' : 'missing'}, state: \${state}\`);
  const res = await fetch('https://github.com/login/oauth/access_token', { method: 'POST', body: JSON.stringify({ client_id: ID, client_secret: SECRET, code }) });
  context.res = { status: 200, body: await res.json() };
};`;

ruleTester.run('require-state-check (real code: fallbacks and logging)', rule, {
  valid: [stateOnlyLogged.replace('context.log(', "if (state !== req.cookies.oauth_state) throw new Error('state');\n  context.log(")],
  invalid: [
    invalid(netlifyFallback, 'stateNotCompared', 'requestAccessToken(code)', 1),
    invalid(
      stateOnlyLogged,
      'stateNotCompared',
      "fetch('https://github.com/login/oauth/access_token', { method: 'POST', body: JSON.stringify({ client_id: ID, client_secret: SECRET, code }) })",
    ),
  ],
});

// Seen in real code (fresh-2026-12-f): client routers' query reads (Next's pages router, SvelteKit's
// page, Angular's ActivatedRoute), a code posted on to the app's backend, and an authorize URL whose
// response type comes from configuration.
const nextRouterCallback = `import { useRouter } from 'next/router';
import { useEffect } from 'react';
export default function Callback() {
  const router = useRouter();
  useEffect(() => {
    const code = router.query.code;
    if (!code) return;
    fetch('/api/oauth/token', { method: 'POST', body: JSON.stringify({ code }) });
  }, [router.query]);
  return null;
}`;
const destructuredRouterQuery = `import { useRouter } from 'next/router';
export function useOAuthCallback() {
  const { query } = useRouter();
  const { code } = query;
  return fetch('/api/oauth/token', { method: 'POST', body: JSON.stringify({ code }) });
}`;
const svelteKitPage = `import { page } from '$app/stores';
import { get } from 'svelte/store';
export async function finishOAuth() {
  const code = get(page).url.searchParams.get('code');
  await fetch('/api/oauth/token', { method: 'POST', body: JSON.stringify({ code }) });
}`;
const angularQueryParams = `import { ActivatedRoute } from '@angular/router';
import { HttpClient } from '@angular/common/http';
export class OAuthCallbackComponent {
  constructor(private activated: ActivatedRoute, private http: HttpClient) {}
  ngOnInit() {
    this.activated.queryParams.subscribe((params) => {
      const code = params['code'];
      this.http.post('/api/oauth/token', { code }).subscribe();
    });
  }
}`;
const angularSnapshot = `import { ActivatedRoute } from '@angular/router';
import { HttpClient } from '@angular/common/http';
export class OAuthCallbackComponent {
  constructor(private route: ActivatedRoute, private http: HttpClient) {}
  ngOnInit() {
    const code = this.route.snapshot.queryParamMap.get('code');
    this.http.post('/api/oauth/token', { code }).subscribe();
  }
}`;
const configuredResponseType = `export const authLink = (challenge: string) =>
  \`\${import.meta.env.VITE_AUTH_URL}/oauth2/authorize?response_type=\${import.meta.env.VITE_RESPONSE_TYPE}&client_id=\${import.meta.env.VITE_CLIENT_ID}&code_challenge=\${challenge}&code_challenge_method=S256\`;`;
const piecesOfOneUrl = `export function azureLoginUrl() {
  const clientId = \`client_id=\${process.env.REACT_APP_CLIENT_ID}\`;
  const responseType = \`response_type=\${process.env.REACT_APP_RESPONSE_TYPE}\`;
  return \`https://login.microsoftonline.com/common/oauth2/v2.0/authorize?\${clientId}&\${responseType}&scope=openid\`;
}`;

ruleTester.run('require-state-check (real code: client routers, configured response types)', rule, {
  valid: [
    // The state compared before the code goes on.
    nextRouterCallback.replace('if (!code) return;', "if (!code || router.query.state !== sessionStorage.getItem('oauth_state')) return;"),
    // The state sent on with the code: the backend that kept it compares it.
    nextRouterCallback.replace('JSON.stringify({ code })', 'JSON.stringify({ code, state: router.query.state })'),
    angularQueryParams.replace(
      "const code = params['code'];",
      "if (params['state'] !== sessionStorage.getItem('oauth_state')) throw new Error('state');\n      const code = params['code'];",
    ),
    // A code that is no OAuth code: a coupon page.
    `import { useRouter } from 'next/router';
export default function Redeem() {
  const router = useRouter();
  return fetch('/api/coupons/redeem', { method: 'POST', body: JSON.stringify({ code: router.query.code }) });
}`,
    configuredResponseType.replace('&code_challenge=', '&state=${crypto.randomUUID()}&code_challenge='),
    // An implicit-flow request: its missing state is reported where the callback reads the token (rules.md).
    'export const link = `https://id.twitch.tv/oauth2/authorize?client_id=${id}&redirect_uri=${uri}&response_type=token`;',
  ],
  invalid: [
    invalid(nextRouterCallback, 'redirectReadWithoutState', 'router.query.code'),
    invalid(destructuredRouterQuery, 'redirectReadWithoutState', 'code'),
    invalid(svelteKitPage, 'redirectReadWithoutState', "get(page).url.searchParams.get('code')"),
    invalid(angularQueryParams, 'redirectReadWithoutState', "params['code']"),
    invalid(angularSnapshot, 'redirectReadWithoutState', "this.route.snapshot.queryParamMap.get('code')"),
    invalid(
      configuredResponseType,
      'missingState',
      configuredResponseType.slice(configuredResponseType.indexOf('`'), configuredResponseType.lastIndexOf('`') + 1),
    ),
    // Pieces of one URL written apart: one finding, where response_type is written.
    invalid(piecesOfOneUrl, 'missingState', '`response_type=${process.env.REACT_APP_RESPONSE_TYPE}`'),
  ],
});

// Seen in real code (fresh-2026-12-f): an Electron window that catches the redirect in a navigation
// event, and Sign in with Apple through apple-signin-auth (its flow posts the response).
const electronRedirect = `const { BrowserWindow } = require('electron');
function createWindow() {
  const win = new BrowserWindow({ width: 800, height: 600 });
  win.webContents.on('will-navigate', (event, newUrl) => {
    if (newUrl.includes('access_token')) {
      event.preventDefault();
      const token = new URLSearchParams(new URL(newUrl).hash.substring(1)).get('access_token');
      if (token) store.set('twitch', token);
    }
  });
}`;
const appleSigninAuth = `import appleSignin from 'apple-signin-auth';
export default defineEventHandler(async (event) => {
  const body = await readBody(event);
  const token = await appleSignin.getAuthorizationToken(body.code, { clientID, clientSecret, redirectUri: '' });
  return token;
});`;

ruleTester.run('require-state-check (real code: Electron navigation events, apple-signin-auth)', rule, {
  valid: [
    electronRedirect.replace(
      "if (token) store.set('twitch', token);",
      "const params = new URLSearchParams(new URL(newUrl).hash.substring(1));\n      if (params.get('state') !== pendingState) return;\n      if (token) store.set('twitch', token);",
    ),
    // Another event's second argument is no URL.
    electronRedirect.replace("'will-navigate'", "'console-message'"),
    appleSigninAuth.replace(
      'const token =',
      'if (body.state !== (await useSession(event)).data.appleState) throw createError({ statusCode: 403 });\n  const token =',
    ),
  ],
  invalid: [
    invalid(electronRedirect, 'redirectReadWithoutState', "new URLSearchParams(new URL(newUrl).hash.substring(1)).get('access_token')"),
    invalid(
      appleSigninAuth,
      'stateNotCompared',
      "appleSignin.getAuthorizationToken(body.code, { clientID, clientSecret, redirectUri: '' })",
    ),
  ],
});

// Seen in real code (fresh-2026-12-g): the code sent on inside a value kept in a const (request
// headers), and a state that is only logged beside it.
const codeInHeadersConst = `import axios from 'axios';
export function setup() {
  onMounted(async () => {
    const url = new URL(window.location.href);
    const code = url.searchParams.get('code');
    const state = JSON.parse(window.atob(url.searchParams.get('state') ?? ''));
    console.debug({ url, code, state });
    const headers = { Authorization: 'Bearer ' + code };
    const validation = await axios.get('https://id.example.com/oauth2/validate', { headers });
    localStorage.setItem('userId', validation.data.user_id);
  });
}`;

ruleTester.run('require-state-check (real code: values kept in consts, logged state)', rule, {
  valid: [
    // The state goes along with the code in the const body: the backend compares it.
    codeInHeadersConst.replace(
      "const headers = { Authorization: 'Bearer ' + code };\n    const validation = await axios.get('https://id.example.com/oauth2/validate', { headers });",
      "const body = { code, state };\n    const validation = await axios.post('/api/oauth/callback', body);",
    ),
    // Kept in a const that only goes to the log: nothing is sent.
    codeInHeadersConst.replace(
      "const validation = await axios.get('https://id.example.com/oauth2/validate', { headers });",
      'console.log(headers); const validation = { data: {} };',
    ),
  ],
  invalid: [invalid(codeInHeadersConst, 'redirectReadWithoutState', "url.searchParams.get('code')")],
});

// Seen in real code (fresh-2026-12-g): a browser extension that watches the login tab's navigation
// and sends the code in its address on to the token endpoint.
const extensionNavigation = `chrome.webNavigation.onCompleted.addListener((data) => {
  if (data.url && data.url.includes('https://embed.example.com/on_login_success')) {
    const urlParameters = new URLSearchParams(data.url.split('?')[1]);
    chrome.windows.create({
      url: \`https://auth.example.com/token?\${new URLSearchParams({ client_id: ID, grant_type: 'authorization_code', code: urlParameters.get('code'), redirect_uri: CB })}\`,
    });
  }
});`;

ruleTester.run('require-state-check (real code: extension navigation listeners)', rule, {
  valid: [
    extensionNavigation.replace(
      "const urlParameters = new URLSearchParams(data.url.split('?')[1]);",
      "const urlParameters = new URLSearchParams(data.url.split('?')[1]);\n    if (urlParameters.get('state') !== pendingState) return;",
    ),
    // Another namespace's events carry no navigation.
    extensionNavigation.replace('webNavigation.onCompleted', 'runtime.onMessage'),
    // An object of the project that is no extension API.
    `const browserApi = { ...eventBus };\n${extensionNavigation.replace('chrome.webNavigation', 'browserApi.webNavigation')}`,
  ],
  invalid: [
    invalid(
      extensionNavigation,
      'stateNotCompared',
      "chrome.windows.create({\n      url: `https://auth.example.com/token?${new URLSearchParams({ client_id: ID, grant_type: 'authorization_code', code: urlParameters.get('code'), redirect_uri: CB })}`,\n    })",
    ),
    // The project's alias of the extension API (fresh-2026-12-j): `browser`, or a copy of `chrome`.
    invalid(
      `function getBrowserApi() {\n  if (window.browser) return browser;\n  return { ...chrome, tabs: { ...chrome.tabs } };\n}\nconst browserApi = getBrowserApi();\n${extensionNavigation.replace('chrome.webNavigation', 'browserApi.webNavigation')}`,
      'stateNotCompared',
      "chrome.windows.create({\n      url: `https://auth.example.com/token?${new URLSearchParams({ client_id: ID, grant_type: 'authorization_code', code: urlParameters.get('code'), redirect_uri: CB })}`,\n    })",
    ),
    invalid(
      extensionNavigation.replace(
        'chrome.webNavigation.onCompleted.addListener((data) =>',
        'chrome.tabs.onUpdated.addListener((tabId, data) =>',
      ),
      'stateNotCompared',
      "chrome.windows.create({\n      url: `https://auth.example.com/token?${new URLSearchParams({ client_id: ID, grant_type: 'authorization_code', code: urlParameters.get('code'), redirect_uri: CB })}`,\n    })",
    ),
  ],
});

// Seen in real code (earlier manifests, k-narusawa): a page named for the redirect that posts the
// code to the app's backend, with no OAuth word in its text.
const namedCallbackPage = `import { useRouter } from 'next/router';
import { useEffect } from 'react';
const CallbackPage = () => {
  const router = useRouter();
  useEffect(() => {
    const code = router.query.code;
    if (!code) return;
    fetch('/api/token', { method: 'POST', body: JSON.stringify({ code }) });
  }, [router.query]);
  return null;
};
export default CallbackPage;`;

ruleTester.run('require-state-check (real code: pages named for the redirect)', rule, {
  valid: [
    // The same page under another name: a gift or invitation code.
    { code: namedCallbackPage, filename: 'pages/redeem.tsx' },
    { code: namedCallbackPage, filename: 'app/gift/page.tsx' },
    // The state compared first.
    {
      code: namedCallbackPage.replace(
        '    if (!code) return;',
        "    if (!code || router.query.state !== sessionStorage.getItem('state')) return;",
      ),
      filename: 'pages/callback.tsx',
    },
  ],
  invalid: [
    { ...invalid(namedCallbackPage, 'redirectReadWithoutState', 'router.query.code'), filename: 'pages/callback.tsx' },
    { ...invalid(namedCallbackPage, 'redirectReadWithoutState', 'router.query.code'), filename: 'app/oauth/page.tsx' },
  ],
});

// expo-auth-session makes and compares the state of the prompt itself.
ruleTester.run('require-state-check (real code: expo-auth-session results)', rule, {
  valid: [
    `import * as AuthSession from 'expo-auth-session';
export function useLogin() {
  const [request, response] = AuthSession.useAuthRequest({ clientId, redirectUri, scopes: ['openid'] }, discovery);
  useEffect(() => {
    if (response?.type !== 'success') return;
    AuthSession.exchangeCodeAsync({ clientId, code: response.params.code, redirectUri, extraParams: { code_verifier: request.codeVerifier } }, discovery);
  }, [response]);
}`,
    `import * as AuthSession from 'expo-auth-session';
export function useLogin() {
  const [request, result, promptAsync] = AuthSession.useAuthRequest({ redirectUri, clientId, responseType: 'code', scopes: ['openid'] }, discovery);
  React.useEffect(() => {
    if (result?.type === 'success') fetch('/api/oauth/token', { method: 'POST', body: JSON.stringify({ code: result.params.code, verifier: request.codeVerifier }) });
  }, [result]);
}`,
    `import { AuthRequest } from 'expo-auth-session';
export async function login() {
  const request = new AuthRequest({ redirectUri, clientId, scopes: ['openid'] });
  const result = await request.promptAsync(discovery);
  if (result.type === 'success') await fetch('/api/oauth/token', { method: 'POST', body: JSON.stringify({ code: result.params.code }) });
}`,
  ],
  invalid: [],
});

// Real code (fresh-2026-12-i): Deno's oauth2_client, by registry URL and by JSR name.
const denoOauth2Client = `import { OAuth2Client } from 'https://deno.land/x/oauth2_client/mod.ts';
const oauth2Client = new OAuth2Client({ clientId: Deno.env.get('ID'), authorizationEndpointUri: AUTH, tokenUri: TOKEN, redirectUri: CALLBACK });
export async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/login') return Response.redirect(oauth2Client.code.getAuthorizationUri().toString(), 302);
  const tokens = await oauth2Client.code.getToken(request.url);
  return new Response(tokens.accessToken);
}`;
const denoWithState = denoOauth2Client
  .replace('getAuthorizationUri()', 'getAuthorizationUri({ state: getCookie(request, "st") })')
  .replace('getToken(request.url)', 'getToken(request.url, { state: getCookie(request, "st") })');

// An Electron protocol handler registered for a scheme held in a const: the const is no middleware.
const electronProtocol = `const { protocol } = require('electron');
const request = require('request');
const scheme = 'custom-scheme';
protocol.registerFileProtocol(scheme, (req, callback) => {
  const code = new URL(req.url).searchParams.get('code');
  request({ method: 'POST', url: TOKEN_URL, body: { grant_type: 'authorization_code', client_id: ID, code }, json: true }, () => {});
  callback('home.html');
});`;

ruleTester.run('require-state-check (real code: Deno oauth2_client, handlers after a const)', rule, {
  valid: [
    denoWithState,
    denoWithState.replace("'https://deno.land/x/oauth2_client/mod.ts'", "'jsr:@cmd-johnson/oauth2-client@2'"),
    // A middleware named by an identifier still may check the state.
    electronProtocol.replace('registerFileProtocol(scheme,', 'registerFileProtocol(scheme, checkState,'),
  ],
  invalid: [
    {
      code: denoOauth2Client,
      errors: [
        { messageId: 'missingState', ...at(denoOauth2Client, 'oauth2Client.code.getAuthorizationUri()') },
        { messageId: 'stateNotCompared', ...at(denoOauth2Client, 'oauth2Client.code.getToken(request.url)') },
      ],
    },
    {
      code: electronProtocol,
      errors: [
        {
          messageId: 'stateNotCompared',
          ...at(
            electronProtocol,
            "request({ method: 'POST', url: TOKEN_URL, body: { grant_type: 'authorization_code', client_id: ID, code }, json: true }, () => {})",
          ),
        },
      ],
    },
  ],
});

// Real code (fresh-2026-12-j): a navigation listener hands the URL to a local fragment parser.
const parsedNavigationUrl = `function extractHashParameters(url) {
  const hash = url.split('#')[1];
  return hash.split('&').reduce((result, item) => { const parts = item.split('='); result[parts[0]] = parts[1]; return result; }, {});
}
chrome.webNavigation.onErrorOccurred.addListener(function (details) {
  const result = extractHashParameters(details.url);
  chrome.storage.local.set({ token: result['access_token'] });
});`;

ruleTester.run('require-state-check (real code: a local parser handed the navigation URL)', rule, {
  valid: [
    // The same parser handed something that is no redirect URL.
    parsedNavigationUrl.replace('extractHashParameters(details.url)', 'extractHashParameters(settings.link)'),
    parsedNavigationUrl.replace(
      "chrome.storage.local.set({ token: result['access_token'] });",
      "if (result.state !== pending) return;\n  chrome.storage.local.set({ token: result['access_token'] });",
    ),
  ],
  invalid: [
    {
      code: parsedNavigationUrl,
      errors: [
        { messageId: 'redirectReadWithoutState', data: { what: 'the access token' }, ...at(parsedNavigationUrl, "result['access_token']") },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): the grant type is read from a provider's configuration;
// the code and redirect_uri sent with it make the request the code exchange. The token proxy of a
// mobile app (the handler reads the grant type from the request) is no callback.
const configuredGrant = (sent: string) => `const app = require('express')();
function postForm(url, data) {
  return fetch(url, { method: 'POST', body: qs.stringify(data) });
}
app.get('/cb', async (req, res) => {
  const { code } = req.query;
  const { client_id, redirect_uri, grant_type, token_endpoint, client_secret } = providers[req.params.p];
  const response = await postForm(token_endpoint, { ${sent} });
  res.json(await response.json());
});
app.post('/token', async (req, res) => {
  const { client_id, code, code_verifier, redirect_uri, grant_type } = req.body;
  const response = await postForm(providers[req.params.p].token_endpoint, { client_id, code, redirect_uri, code_verifier, grant_type });
  res.send(await response.json());
});`;
const configuredCodeGrant = configuredGrant('client_id, client_secret, code, redirect_uri, grant_type');
ruleTester.run('require-state-check (real code: a grant type from configuration)', rule, {
  valid: [
    // Without the redirect_uri the grant is unknown (a device or custom grant may send a `code`).
    configuredGrant('client_id, client_secret, code, grant_type'),
  ],
  invalid: [
    {
      code: configuredCodeGrant,
      errors: [
        {
          messageId: 'stateNotCompared',
          ...at(configuredCodeGrant, 'postForm(token_endpoint, { client_id, client_secret, code, redirect_uri, grant_type })'),
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): openid-client v5 through a class's own getter of the client;
// the "expected" state is the callback's own (the cookie only a fallback), which checks nothing.
const ownStateExpected = (expected: string) => `import { Issuer, BaseClient } from 'openid-client';
export default class OpenIDAuthProvider {
  private client!: BaseClient;
  async validate(ctx) {
    const client = await this.getClient();
    const params = client.callbackParams(ctx.request);
    const state = ${expected};
    const tokenSet = await client.callback(this.config.redirectUri, params, { nonce: ctx.cookies.get('nonce'), state });
    return tokenSet.claims();
  }
  private async getClient(): Promise<BaseClient> {
    if (this.client) return this.client;
    const issuer = await Issuer.discover(this.config.issuerUrl);
    this.client = new issuer.Client({ client_id: this.config.clientId });
    return this.client;
  }
}`;
const selfExpected = ownStateExpected("params.state ?? ctx.cookies.get('relaystate', { signed: true })");
ruleTester.run('require-state-check (real code: the callback expected to match itself)', rule, {
  valid: [ownStateExpected("ctx.cookies.get('relaystate', { signed: true })")],
  invalid: [
    {
      code: selfExpected,
      errors: [
        {
          messageId: 'stateNotCompared',
          ...at(selfExpected, "client.callback(this.config.redirectUri, params, { nonce: ctx.cookies.get('nonce'), state })"),
        },
      ],
    },
    {
      code: ownStateExpected('ctx.query.state'),
      errors: [
        {
          messageId: 'stateNotCompared',
          ...at(
            ownStateExpected('ctx.query.state'),
            "client.callback(this.config.redirectUri, params, { nonce: ctx.cookies.get('nonce'), state })",
          ),
        },
      ],
    },
  ],
});

// Seen in real code (browser-frameworks): the mismatch is only logged, so the token is read anyway.
const loggedMismatch = (onMismatch: string) => `export function tokenFromCallback() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  if (localStorage.getItem('oauth_state') !== params.get('state')) {
    ${onMismatch}
  }
  return params.get('access_token');
}`;
const onlyLogged = loggedMismatch("console.error('state mismatch, possible CSRF');");
ruleTester.run('require-state-check (real code: a mismatch that does not stop the read)', rule, {
  valid: [loggedMismatch("console.error('state mismatch');\n    return null;"), loggedMismatch("throw new Error('state mismatch');")],
  invalid: [{ code: onlyLogged, errors: [{ messageId: 'redirectReadWithoutState', ...at(onlyLogged, "params.get('access_token')") }] }],
});
