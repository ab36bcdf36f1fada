import type { TestCaseError } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../rules/require-secure-random';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

function invalid(
  code: string,
  messageId: 'weakSource' | 'tooFewBits' | 'shortVerifier' | 'constantValue',
  snippet: string,
  nth = 0,
  suggestions?: { messageId: 'useCsprng'; output: string }[],
) {
  return { code, errors: [{ messageId, ...at(code, snippet, nth), ...(suggestions ? { suggestions } : {}) }] };
}

/** The one suggestion: `expression` in `code` replaced by `replacement`. */
function useCsprng(code: string, expression: string, replacement: string) {
  if (!code.includes(expression)) throw new Error(`not in the code: ${expression}`);
  return [{ messageId: 'useCsprng' as const, output: code.replace(expression, replacement) }];
}

const mathRandomState = `import { AuthorizationCode } from 'simple-oauth2';
function login(req, res) {
  const state = Math.random().toString(36).substring(2);
  req.session.oauthState = state;
  res.redirect(client.authorizeURL({ redirect_uri: REDIRECT_URI, scope: 'openid', state }));
}`;

const appendedInLoop = `const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
function randomString(length) {
  let out = '';
  for (let i = 0; i < length; i += 1) out += CHARSET[Math.floor(Math.random() * CHARSET.length)];
  return out;
}
export const codeVerifier = randomString(64);`;

const helperState = `// PKCE helpers
function generateRandomString(length: number) {
  const possible = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
  let text = '';
  for (let i = 0; i < length; i++) {
    text += possible.charAt(Math.floor(Math.random() * possible.length));
  }
  return text;
}
export function startLogin() {
  const codeVerifier = generateRandomString(64);
  sessionStorage.setItem('pkce_code_verifier', codeVerifier);
}`;

const fewBytes = `import crypto from 'node:crypto';
export function newLoginTransaction(req) {
  const state = crypto.randomBytes(8).toString('hex');
  req.session.oauth = { state };
}`;

const shortVerifier = `import { randomBytes, createHash } from 'crypto';
const codeVerifier = randomBytes(16).toString('hex');
const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');`;

const timeNonce = `export function authorizeUrl() {
  const nonce = Date.now().toString(36);
  const params = new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', nonce });
  return 'https://idp.example.com/authorize?' + params;
}`;

const counterState = `let seq = 0;
export function buildAuthorizeUrl() {
  return \`https://idp.example.com/oauth/authorize?client_id=\${CLIENT_ID}&response_type=code&state=\${++seq}\`;
}`;

const constantState = `const params = new URLSearchParams({
  client_id: 'web',
  response_type: 'code',
  redirect_uri: 'https://app.example.com/cb',
  state: 'xyzABC123',
});`;

const constantInConst = `const OAUTH_STATE = 'static-state-value';
export const authParams = { client_id: 'web', redirect_uri: 'https://app.example.com/cb', state: OAUTH_STATE };`;

// Seen in real code (fresh-2026-12-k): a `const` interpolated after `state=` in a hand-built authorization URL.
const constantInUrlTemplate = `export default defineEventHandler(async () => {
  const state = 'some_state';
  return \`\${GOOGLE_OAUTH_URL}?client_id=\${ID}&redirect_uri=\${CALLBACK}&response_type=code&state=\${state}&scope=email\`;
});`;

const constantFallback = `export function getAuthorizationUrl(options = {}) {
  const url = new URL('https://appleid.apple.com/auth/authorize');
  url.searchParams.append('response_type', 'code');
  url.searchParams.append('state', options.state || 'state');
  return url.toString();
}`;

const helperFewBytes = `import crypto from 'node:crypto';
function randomHex(bytes) { return crypto.randomBytes(bytes).toString('hex'); }
export const csrfToken = randomHex(8);
export const sessionKey = randomHex(4);`;

const getRandomValuesSmall = `function base64url(bytes) { return btoa(String.fromCharCode(...bytes)).replace(/=+$/, ''); }
export function createNonce() {
  const buf = new Uint8Array(8);
  crypto.getRandomValues(buf);
  return base64url(buf);
}`;

const uuidV1 = `import { v1 as uuidv1 } from 'uuid';
export function startCsrf(res) {
  res.cookie('csrf_token', uuidv1(), { httpOnly: true, secure: true, sameSite: 'strict' });
}`;

const fallback = `export function createState() {
  return crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2);
}`;

const nanoidShort = `import { nanoid } from 'nanoid';
const state = nanoid(8);
sessionStorage.setItem('oauth_state', state);`;

const queryParamSet = `const url = new URL('https://login.example.com/oauth2/authorize');
url.searchParams.set('client_id', CLIENT_ID);
url.searchParams.set('state', String(performance.now()));`;

const helperParam = `function buildAuthorizeUrl(state) {
  return 'https://idp.example.com/authorize?response_type=code&client_id=web&state=' + encodeURIComponent(state);
}
export const loginUrl = buildAuthorizeUrl(Date.now());`;

// Pre-ES2015 code binds its helpers with `var`: a helper written once is followed like a const one.
const varHelperState = `var generateRandomString = function (length) {
  var text = '';
  var possible = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (var i = 0; i < length; i++) text += possible.charAt(Math.floor(Math.random() * possible.length));
  return text;
};
module.exports.login = function (req, res) {
  var state = generateRandomString(16);
  res.redirect('https://accounts.spotify.com/authorize?response_type=code&client_id=x&state=' + state);
};`;
// Reassigned later: which function runs is not known, so nothing is followed.
const varHelperReassigned = `var makeId = function (n) { return Math.random().toString(36).slice(2, n); };
if (window.crypto) makeId = function (n) { return crypto.randomUUID().slice(0, n); };
var state = makeId(16); // oauth`;

// expo-auth-session's PKCE generateRandom(size): size alphanumeric characters; a React state starts with it.
const expoShortState = `import { useState } from 'react';
import { useAuthRequest } from 'expo-auth-session';
import { generateRandom } from 'expo-auth-session/src/PKCE';
export function Login() {
  const [csrfState] = useState(generateRandom(8));
  return useAuthRequest({ clientId: 'x', state: csrfState }, discovery);
}`;
const expoLongState = `import { useState } from 'react';
import { useAuthRequest } from 'expo-auth-session';
import { generateRandom } from 'expo-auth-session/src/PKCE';
export function Login() {
  const [csrfState] = useState(() => generateRandom(32));
  const [attempts] = useState(Math.floor(Math.random() * 3));
  return useAuthRequest({ clientId: 'x', state: csrfState }, discovery);
}`;
const reactWeakState = `import React from 'react';
export function Login() {
  const [oauthState] = React.useState(() => Math.random().toString(36).slice(2));
  return <a href={'https://idp.example.com/authorize?response_type=code&state=' + oauthState}>Sign in</a>;
}`;

// The state a logout request received, passed on to the end-session URL (nextjs-auth0's logout handler).
const echoedLogoutState = `export async function logout(req) {
  const logoutState = req.nextUrl.searchParams.get('state');
  const url = new URL(metadata.end_session_endpoint);
  url.searchParams.set('client_id', clientId);
  if (logoutState) url.searchParams.set('state', logoutState);
  return Response.redirect(url);
}`;
// Keyed reads: the constant is the key, not the value.
const keyedReads = `export function resume(config, storage) {
  const state = sessionStorage.getItem('oauth_state');
  const nonce = config.get('oauth.nonce');
  return authorizeUrl({ response_type: 'code', client_id: 'app', state, nonce });
}`;
// A constant stays a constant through an encoding call.
const encodedConstantState = `export const authParams = {
  client_id: 'web',
  redirect_uri: 'https://app.example.com/cb',
  state: encodeURIComponent('static-state'),
};`;

ruleTester.run('require-secure-random', rule, {
  valid: [
    // A state helper named genState drawing 32 bytes, re-encoded by a base64url module's encode.
    `const crypto = require('crypto'); const base64url = require('base64url');
     async function genState() { return base64url.encode(crypto.randomBytes(32)); }`,
    echoedLogoutState,
    keyedReads,
    // `spawnOnce` holds the letters of `nonce`: an id of a spawned task, no OAuth value.
    `import { generators } from 'openid-client';\nexport function setup() {\n  const state = generators.state();\n  const spawnOnce = Math.random().toString(36).slice(2);\n  return { state, spawnOnce };\n}`,
    // CSPRNG sources with enough bytes.
    `import crypto from 'node:crypto';\nconst state = crypto.randomBytes(32).toString('hex');\nconst nonce = crypto.randomBytes(16).toString('base64url');\nconst codeVerifier = crypto.randomBytes(32).toString('base64url');`,
    `const state = crypto.randomUUID();\nsessionStorage.setItem('oauth_state', state);`,
    `function base64url(b) { return btoa(String.fromCharCode(...b)).replace(/=+$/, ''); }\nconst codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));`,
    // Library generators.
    `import { generators } from 'openid-client';\nconst state = generators.state();\nconst nonce = generators.nonce();\nconst code_verifier = generators.codeVerifier();`,
    `import * as oidc from 'openid-client';\nconst verifier = oidc.randomPKCECodeVerifier();\nconst state = oidc.randomState();\nconst nonce = oidc.randomNonce();`,
    `import * as oauth from 'oauth4webapi';\nconst code_verifier = oauth.generateRandomCodeVerifier();\nconst state = oauth.generateRandomState();`,
    `import { OAuth2Client } from 'google-auth-library';\nconst client = new OAuth2Client();\nconst { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();`,
    // Math.random for things that are not secrets: ids, jitter, sampling, session ids.
    `const requestId = Math.random().toString(36).slice(2);\nconst delay = 1000 + Math.random() * 500;\nconst sessionId = Math.random().toString(36);\n// oauth client`,
    // A typed array filled by getRandomValues, hex-encoded.
    `export function createState() {\n  const bytes = new Uint8Array(32);\n  crypto.getRandomValues(bytes);\n  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');\n}`,
    // A timestamp next to a strong random part (a signed, expiring state).
    `import { randomBytes } from 'crypto';\nconst state = \`\${Date.now()}.\${randomBytes(16).toString('hex')}\`; // oauth`,
    // Time next to a value we cannot see: silent.
    `export function loginState(csrfToken: string) { const state = \`\${csrfToken}:\${Date.now()}\`; return state; } // oauth`,
    // Constants that are keys, not values.
    `const STATE_KEY = 'oauth_state';\nconst NONCE_LENGTH = 16;\nconst verifierStorageKey = 'pkce_verifier';\nsessionStorage.getItem(STATE_KEY);`,
    // A UI state object in a file that mentions OAuth.
    `// shows the oauth consent screen\nconst state = { loading: false, seed: Math.random() };\nexport default state;`,
    // Look-alikes of constantInUrlTemplate: a UI state beside the URL, and a random state in it.
    `// oauth
const state = 'idle';
export const url = () => \`\${GOOGLE_OAUTH_URL}?client_id=\${ID}&response_type=code&state=\${crypto.randomUUID()}\`;`,
    // A constant state outside an authorization request (an address, a job status).
    `const address = { city: 'Austin', state: 'TX' }; // oauth profile\nconst job = { id: 1 }; job.state = 'done';`,
    // A fallback that is not a constant, or an empty one (the parameter is left out).
    `import { randomBytes } from 'crypto';\nexport function authUrl(url, options) { url.searchParams.append('state', options.state || randomBytes(16).toString('hex')); url.searchParams.append('nonce', options.nonce ?? ''); } // oauth`,
    // The state read back from the callback.
    `export function callback(req) { const state = req.query.state; const nonce = req.session.nonce; return state === nonce; } // oauth`,
    varHelperReassigned,
    expoLongState,
    // A state hook of another library, and a hook whose first binding is not a secret.
    `import { useState } from 'my-store';\nconst [oauthState] = useState(Math.random()); // oauth`,
  ],
  invalid: [
    // `crypto` is a global here (the tester declares browser and Node globals): Web Crypto's randomUUID.
    invalid(
      mathRandomState,
      'weakSource',
      'Math.random()',
      0,
      useCsprng(mathRandomState, 'Math.random().toString(36).substring(2)', 'crypto.randomUUID()'),
    ),
    invalid(helperState, 'weakSource', 'Math.random()'),
    invalid(appendedInLoop, 'weakSource', 'Math.random()'),
    invalid(fewBytes, 'tooFewBits', 'crypto.randomBytes(8)'),
    // Named only by its helper (genState), and re-encoded by a base64url module's encode: 9 bytes are 72 bits.
    invalid(
      `const crypto = require('crypto'); const base64url = require('base64url');
     async function genState() { return base64url.encode(crypto.randomBytes(9)); }`,
      'tooFewBits',
      'crypto.randomBytes(9)',
    ),
    invalid(shortVerifier, 'shortVerifier', 'randomBytes(16)'),
    invalid(timeNonce, 'weakSource', 'Date.now()'),
    invalid(counterState, 'weakSource', '++seq'),
    invalid(constantState, 'constantValue', "'xyzABC123'"),
    invalid(constantInConst, 'constantValue', "'static-state-value'"),
    invalid(constantInUrlTemplate, 'constantValue', "'some_state'"),
    invalid(constantFallback, 'constantValue', "'state'", 1),
    invalid(encodedConstantState, 'constantValue', "'static-state'"),
    invalid(helperFewBytes, 'tooFewBits', 'randomHex(8)'),
    invalid(getRandomValuesSmall, 'tooFewBits', 'crypto.getRandomValues(buf)'),
    invalid(uuidV1, 'weakSource', 'uuidv1()'),
    invalid(fallback, 'weakSource', 'Math.random()'),
    invalid(nanoidShort, 'tooFewBits', 'nanoid(8)'),
    invalid(queryParamSet, 'weakSource', 'performance.now()'),
    invalid(helperParam, 'weakSource', 'Date.now()'),
    invalid(varHelperState, 'weakSource', 'Math.random()'),
    invalid(expoShortState, 'tooFewBits', 'generateRandom(8)'),
    invalid(
      reactWeakState,
      'weakSource',
      'Math.random()',
      0,
      useCsprng(reactWeakState, 'Math.random().toString(36).slice(2)', 'crypto.randomUUID()'),
    ),
  ],
});

const pkceUtils = `export function createLoginTransaction() {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(8)));
  return { codeVerifier, state };
}
function base64url(bytes) { return btoa(String.fromCharCode(...bytes)); }`;

const csrfJs = `const express = require('express');
app.use((req, res, next) => {
  if (!req.session.csrfToken) req.session.csrfToken = Math.random().toString(36).slice(2) + Date.now();
  next();
});`;

espreeTester.run('require-secure-random (espree)', rule, {
  valid: [
    `const crypto = require('node:crypto');\nreq.session.csrfToken = crypto.randomBytes(24).toString('base64url');`,
    `export function requestId() { return \`\${Date.now().toString(36)}-\${Math.floor(Math.random() * 1e6).toString(36)}\`; } // pkce helpers`,
  ],
  invalid: [
    {
      code: pkceUtils,
      errors: [
        { messageId: 'shortVerifier', ...at(pkceUtils, 'crypto.getRandomValues(new Uint8Array(16))') },
        { messageId: 'tooFewBits', ...at(pkceUtils, 'crypto.getRandomValues(new Uint8Array(8))') },
      ],
    },
    invalid(
      csrfJs,
      'weakSource',
      'Math.random()',
      0,
      useCsprng(csrfJs, 'Math.random().toString(36).slice(2) + Date.now()', 'crypto.randomUUID()'),
    ),
  ],
});

// Authorization-server code: codes and tokens it mints, and the generators real servers use.
const oauth2orizeConstants = `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
server.grant(oauth2orize.grant.code((client, redirectUri, user, ares, done) => {
  const code = 'abc';
  done(null, code);
}));
server.exchange(oauth2orize.exchange.code((client, code, redirectUri, done) => {
  done(null, 'static-access', 'static-refresh', { expires_in: 3600 });
}));`;

const oauth2orizeHelper = `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
function uid(len) {
  let out = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < len; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}
server.exchange(oauth2orize.exchange.password((client, username, password, scope, done) => {
  const token = uid(256);
  done(null, token);
}));`;

const shortCode = `const randomstring = require('randomstring');
app.post('/approve', (req, res) => {
  const code = randomstring.generate(8);
  const target = url.parse(req.body.redirect_uri, true);
  target.query.code = code;
  res.redirect(url.format(target));
});`;

const minted = `app.post('/token', (req, res) => {
  const accessToken = 'at_' + Math.random().toString(36).slice(2);
  res.json({ access_token: accessToken, token_type: 'Bearer' });
});
app.post('/device/code', (req, res) => {
  const deviceCode = String(Date.now());
  res.json({ device_code: deviceCode });
});`;

const redirectWithCode = `app.get('/authorize', (req, res) => {
  res.redirect(\`\${req.query.redirect_uri}?code=\${Math.random().toString(36).slice(2)}&state=\${req.query.state}\`);
});`;

const classGenerator = `class Rng {
  private size: number;
  private alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  constructor(size: number) { this.size = size; }
  create(): string {
    const buffer = new Uint8Array(this.size);
    for (let i = 0; i < this.size; i += 1) buffer[i] = (Math.random() * this.alphabet.length) | 0;
    return this.text(buffer);
  }
  private text(buffer: Uint8Array): string {
    const out = [];
    for (let i = 0; i < buffer.length; i += 1) out.push(this.alphabet[buffer[i] % this.alphabet.length]);
    return out.join('');
  }
}
export function authorizeUrl(clientId: string) {
  const nonce = new Rng(32).create();
  return \`https://idp.example.com/authorize?response_type=id_token&client_id=\${clientId}&nonce=\${nonce}\`;
}`;

ruleTester.run('require-secure-random (authorization servers and generators)', rule, {
  valid: [
    // Node's pseudoRandomBytes is randomBytes under another name.
    `import crypto from 'node:crypto';\nexport const state = crypto.pseudoRandomBytes(32).toString('hex'); // oauth`,
    // nanoid's default size is its UUID-equivalent.
    `import { nanoid } from 'nanoid';\nexport function login(res) { const state = nanoid(); res.redirect('/authorize?client_id=x&state=' + state); }`,
    // randomstring's default is 32 alphanumeric characters (190 bits) from crypto.randomBytes.
    `const randomstring = require('randomstring');\nconst accessToken = randomstring.generate(); // oauth server`,
    `const randomstring = require('randomstring');\nconst codeVerifier = randomstring.generate(80); // pkce`,
    `const uid2 = require('uid2');\nconst oauth2orize = require('oauth2orize');\nconst server = oauth2orize.createServer();\nserver.grant(oauth2orize.grant.code((c, r, u, a, done) => done(null, uid2(32))));`,
    // RFC 8628 user codes are short on purpose; only a predictable source is a finding.
    `const randomstring = require('randomstring');\nconst userCode = randomstring.generate({ length: 8, charset: 'ABCDEFGHJKLMNPQRSTVWXZ' }); // oauth device`,
    // A code read from the request, and a constant that is not minted (a client's mock value).
    `app.get('/cb', (req, res) => { const target = new URL(BASE); target.searchParams.set('code', req.query.code); res.redirect(target.href); }); // oauth`,
    `export const accessToken = 'test-token'; // oauth fixture value, not minted by a server`,
    // Other callbacks of oauth2orize: serializeClient's done hands back an id, not a token.
    `const oauth2orize = require('oauth2orize');\nconst server = oauth2orize.createServer();\nserver.serializeClient((client, done) => done(null, 'client-id'));`,
    // A random UI id beside OAuth code.
    `export const toastId = Math.random().toString(36); // oauth callback page`,
  ],
  invalid: [
    {
      code: oauth2orizeConstants,
      errors: [
        { messageId: 'constantValue', ...at(oauth2orizeConstants, "'abc'") },
        { messageId: 'constantValue', ...at(oauth2orizeConstants, "'static-access'") },
        { messageId: 'constantValue', ...at(oauth2orizeConstants, "'static-refresh'") },
      ],
    },
    invalid(oauth2orizeHelper, 'weakSource', 'Math.random()'),
    invalid(shortCode, 'tooFewBits', 'randomstring.generate(8)'),
    {
      code: minted,
      errors: [
        { messageId: 'weakSource', ...at(minted, 'Math.random()') },
        { messageId: 'weakSource', ...at(minted, 'Date.now()') },
      ],
    },
    invalid(redirectWithCode, 'weakSource', 'Math.random()'),
    invalid(classGenerator, 'weakSource', 'Math.random()'),
    invalid(
      `const randomstring = require('randomstring');\nconst refreshToken = randomstring.generate({ length: 12, charset: 'hex' }); // oauth`,
      'tooFewBits',
      "randomstring.generate({ length: 12, charset: 'hex' })",
    ),
    invalid(
      `const hat = require('hat');\nexport function mint() { const authCode = hat(); return authCode; } // oauth`,
      'weakSource',
      'hat()',
    ),
    invalid(
      `import { nanoid } from 'nanoid';\nexport function login(res) { const state = nanoid(10); res.redirect('/authorize?client_id=x&state=' + state); }`,
      'tooFewBits',
      'nanoid(10)',
    ),
    invalid(
      `const oauth2orize = require('oauth2orize');\nconst server = oauth2orize.createServer();\nserver.grant(oauth2orize.grant.token((client, user, ares, done) => { done(null, Date.now().toString(36)); }));`,
      'weakSource',
      'Date.now()',
    ),
  ],
});

// Suggestions: a CSPRNG call in place of a whole Math.random() expression, written the way the
// file can call it; none where the expression uses other values or `crypto` is something else.
const suggestionCases: {
  code: string;
  errors: (TestCaseError<MessageIds> & { suggestions: { messageId: MessageIds; output: string }[] })[];
}[] = [
  {
    code: `import crypto from 'node:crypto';
export function login(req, res) {
  const state = Math.random().toString(36).slice(2);
  req.session.oauthState = state;
  res.redirect(\`\${AUTHORIZE}?response_type=code&client_id=\${ID}&state=\${state}\`);
}`,
    errors: [
      {
        messageId: 'weakSource',
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'useCsprng',
            output: `import crypto from 'node:crypto';
export function login(req, res) {
  const state = crypto.randomBytes(32).toString('base64url');
  req.session.oauthState = state;
  res.redirect(\`\${AUTHORIZE}?response_type=code&client_id=\${ID}&state=\${state}\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { randomBytes } = require('crypto');
app.use((req, res, next) => {
  req.session.csrfToken ??= Math.random().toString(36).substring(2, 15) + Math.random().toString(36).substring(2, 15);
  next();
});`,
    errors: [
      {
        messageId: 'weakSource',
        line: 3,
        column: 29,
        endLine: 3,
        endColumn: 42,
        suggestions: [
          {
            messageId: 'useCsprng',
            output: `const { randomBytes } = require('crypto');
app.use((req, res, next) => {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  next();
});`,
          },
        ],
      },
    ],
  },
  {
    code: `// PKCE in the browser
const codeVerifier = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
sessionStorage.setItem('pkce_verifier', codeVerifier);`,
    errors: [
      {
        messageId: 'weakSource',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'useCsprng',
            output: `// PKCE in the browser
const codeVerifier = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
sessionStorage.setItem('pkce_verifier', codeVerifier);`,
          },
        ],
      },
    ],
  },
  {
    code: `export function generateNonce() {
  return \`\${Date.now()}\${Math.random()}\`;
}`,
    errors: [
      {
        messageId: 'weakSource',
        line: 2,
        column: 26,
        endLine: 2,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'useCsprng',
            output: `export function generateNonce() {
  return crypto.randomUUID();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import crypto from 'crypto-js';
const state = Math.random().toString(36).slice(2); // oauth`,
    errors: [{ messageId: 'weakSource', line: 2, column: 15, endLine: 2, endColumn: 28, suggestions: [] }],
  },
  {
    code: `const PREFIX = 'st_';
const state = PREFIX + Math.random().toString(36).slice(2); // oauth`,
    errors: [{ messageId: 'weakSource', line: 2, column: 24, endLine: 2, endColumn: 37, suggestions: [] }],
  },
  {
    code: `const params = new URLSearchParams({ response_type: 'code', client_id: ID, state: Math.floor(Math.random() * 1e9) });
`,
    errors: [{ messageId: 'weakSource', line: 1, column: 94, endLine: 1, endColumn: 107, suggestions: [] }],
  },
  // TypeScript's `import x = require()`: no suggestion (and no crash).
  {
    code: `import crypto = require('crypto');
export const nonce = Math.random().toString(36).slice(2); // oidc
`,
    errors: [{ messageId: 'weakSource', line: 2, column: 22, endLine: 2, endColumn: 35, suggestions: [] }],
  },
];

ruleTester.run('require-secure-random: suggestions', rule, {
  // What the suggestions write is itself secure enough for the rule.
  valid: suggestionCases.flatMap((test) => test.errors.flatMap((error) => error.suggestions.map((suggestion) => suggestion.output))),
  invalid: suggestionCases,
});

// Seen in real code (fresh-2026-12-d): lengths the hex bound does not cover, and a loop over random bytes.
const decimalJoinedVerifier = `const randomString = (length) => {
  const array = new Uint32Array(length);
  window.crypto.getRandomValues(array);
  return btoa(array.join('')).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
};
export function pkce() {
  const code_verifier = randomString(4);
  return { code_verifier, state: randomString(8) };
}`;
const loopEncodedState = `function base64UrlEncode(array) {
  let str = '';
  for (let i = 0; i < array.length; i++) str += String.fromCharCode(array[i]);
  return btoa(str).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
}
export function generateState() {
  const array = new Uint8Array(8);
  crypto.getRandomValues(array);
  return base64UrlEncode(array);
}`;
const charCodeVerifier = `export function pkce() {
  const code_verifier = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))));
  return code_verifier;
}`;
const decimalShortVerifier = `export function pkce() {
  const code_verifier = crypto.getRandomValues(new Uint8Array(8)).join('');
  return code_verifier;
}`;

ruleTester.run('require-secure-random (real code: encodings and loops)', rule, {
  valid: [
    // 16 bytes as decimal digits, then base64: about 50 characters, not the 32 a hex bound says.
    decimalJoinedVerifier,
  ],
  invalid: [
    // The counter indexes the random bytes; the 8 bytes are the finding, not the counter.
    invalid(loopEncodedState, 'tooFewBits', 'crypto.getRandomValues(array)'),
    // One character per byte, then 4 per 3: 32 characters.
    invalid(charCodeVerifier, 'shortVerifier', 'crypto.getRandomValues(new Uint8Array(24))'),
    // At most 3 decimal digits per byte: 24 characters.
    invalid(decimalShortVerifier, 'shortVerifier', 'crypto.getRandomValues(new Uint8Array(8))'),
  ],
});

ruleTester.run('require-secure-random (real code: names that configure a nonce)', rule, {
  valid: [
    // angular-oauth2-oidc's separator between nonce and state is no nonce (fresh-2026-12-e).
    `import { AuthConfig } from 'angular-oauth2-oidc';\nexport const authConfig: AuthConfig = { issuer: ISSUER, clientId: 'app', responseType: 'code', nonceStateSeparator: 'semicolon' };`,
  ],
  invalid: [
    // A nonce that is a constant still is.
    invalid(
      `const OIDC_NONCE = 'semicolon';\nexport const authParams = { client_id: 'web', redirect_uri: 'https://app.example.com/cb', nonce: OIDC_NONCE };`,
      'constantValue',
      "'semicolon'",
    ),
  ],
});

// Seen in real code (fresh-2026-12-k): a sign-in component's props become the request's state
// and nonce; @fastify/oauth2's `generateStateFunction` is a state maker.
const jsxWeakState = `// oauth client_id\nexport const LoginButton = () => <LineLogin state={Math.random().toString(36)} nonce={nonce} />;`;
const fastifyStateFunction = `const crypto = require('crypto');
const defaultState = crypto.randomBytes(10).toString('hex');
module.exports = { name: 'linkedin', generateStateFunction: () => { return defaultState; } };`;
ruleTester.run('require-secure-random (real code: JSX props and state functions)', rule, {
  valid: [
    // A UI state prop: constants and random keys beside it are no secret.
    { code: `// oauth client_id\nexport const Badge = () => <Chip state="open" key={Math.random()} />;`, filename: 'badge.tsx' },
    { code: `// oauth client_id\nexport const Anim = () => <Fade state={Math.random() > 0.5 ? 'in' : 'out'} />;`, filename: 'fade.tsx' },
    fastifyStateFunction.replace('randomBytes(10)', 'randomBytes(32)'),
  ],
  invalid: [
    {
      ...invalid(
        jsxWeakState,
        'weakSource',
        'Math.random()',
        0,
        useCsprng(jsxWeakState, 'Math.random().toString(36)', 'crypto.randomUUID()'),
      ),
      filename: 'login.tsx',
    },
    invalid(fastifyStateFunction, 'tooFewBits', 'crypto.randomBytes(10)'),
  ],
});
