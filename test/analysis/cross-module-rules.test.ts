/**
 * Rules that decide through helpers of other project modules (rules.md, "Across modules and
 * helpers"): a missing protection is reported in the file that hands the request's input to
 * a helper lacking the check; a wrong check is reported where it is written, once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/project';

const project = tempProject();
afterAll(() => project.remove());

describe('redirect validators in other modules', () => {
  const lib = `const ALLOWED = new Set(['https://app.example.com/home']);
export function isSafeRedirect(url) { return ALLOWED.has(url); }
export function validateReturnTo(returnTo) { return returnTo.startsWith('https://app.example.com'); }
export function assertTarget(url) { if (!ALLOWED.has(url)) throw new Error('bad target'); }
export function logTarget(url) { console.log(url); }
export function validateTarget(url) { policy.enforce(url); }
export function withFallback(next) { return next || '/'; }
export function pickNext(next) { return ALLOWED.has(next) ? next : '/'; }
export function cleanNext(next) { const target = String(next).trim(); return target || '/'; }
export function checkedNext(next) { const target = String(next).trim(); return ALLOWED.has(target) ? target : '/'; }
`;
  const route = (
    body: string,
  ) => `import { isSafeRedirect, validateReturnTo, assertTarget, logTarget, validateTarget, withFallback, pickNext, cleanNext, checkedNext } from './lib/redirects';
export function handler(req, res) {
${body}
}
`;
  const lint = (body: string) =>
    project.lint({ 'lib/redirects.js': lib, 'route.js': route(body) }, 'route.js', ['require-exact-redirect-uri']);

  it('counts an imported exact check, and an imported loose one, as a check (the loose one is reported in its module)', () => {
    expect(lint(`  const to = req.query.returnTo;\n  if (!isSafeRedirect(to)) return res.redirect('/');\n  res.redirect(to);`)).toEqual([]);
    expect(lint(`  const to = req.query.returnTo;\n  if (!validateReturnTo(to)) return res.redirect('/');\n  res.redirect(to);`)).toEqual(
      [],
    );
    expect(project.lint({ 'lib/redirects.js': lib }, 'lib/redirects.js', ['require-exact-redirect-uri'])).toEqual([
      'require-exact-redirect-uri@3',
    ]);
  });

  it('looks into a helper whose name says nothing: a throwing check counts, logging does not', () => {
    expect(lint(`  const next = req.query.next;\n  assertTarget(next);\n  res.redirect(next);`)).toEqual([]);
    expect(lint(`  const next = req.query.next;\n  logTarget(next);\n  res.redirect(next);`)).toEqual(['require-exact-redirect-uri@5']);
    // A validator that delegates to something out of sight: its name stands.
    expect(lint(`  const next = req.query.next;\n  validateTarget(next);\n  res.redirect(next);`)).toEqual([]);
  });

  it('follows a helper that hands back its parameter: unchecked reports at the redirect, checked is silent', () => {
    expect(lint(`  res.redirect(withFallback(req.query.next));`)).toEqual(['require-exact-redirect-uri@3']);
    expect(lint(`  res.redirect(pickNext(req.query.next));`)).toEqual([]);
    expect(lint(`  res.redirect(withFallback(req.session.next));`)).toEqual([]);
    // Through a trimmed copy of the parameter.
    expect(lint(`  res.redirect(cleanNext(req.query.next));`)).toEqual(['require-exact-redirect-uri@3']);
    expect(lint(`  res.redirect(checkedNext(req.query.next));`)).toEqual([]);
  });

  it('reports a sanitiser whose check is loose in its own module, and not one that checks relative paths fully', () => {
    const sanitisers = `export function pickNext(next) { return next.indexOf('https://app.example.com') === 0 ? next : '/'; }
export function relativeNext(next) {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\') ? next : '/';
}
export function pad(value) { return value.startsWith('x') ? value : 'x' + value; }
export function withSlash(next) { return next.endsWith('/') ? next : next + '/'; }
`;
    expect(project.lint({ 'next.js': sanitisers }, 'next.js', ['require-exact-redirect-uri'])).toEqual(['require-exact-redirect-uri@1']);
  });
});

describe('verify and decode helpers in other modules', () => {
  const auth = `import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import { jwtDecode } from 'jwt-decode';
const keys = jwksClient({ jwksUri: 'https://idp.example.com/jwks', rateLimit: true });
const getKey = (header, cb) => keys.getSigningKey(header.kid, (e, k) => cb(e, k?.getPublicKey()));
export function verifyJwt(token, options) { return new Promise((ok, no) => jwt.verify(token, getKey, options, (e, c) => (e ? no(e) : ok(c)))); }
export function verifyWithDefaults(token, options = { audience: 'api', issuer: 'https://idp.example.com/', algorithms: ['RS256'] }) { return jwt.verify(token, getKey, options); }
export function decodeToken(token) { return jwtDecode(token); }
export function verifyOrDefault(token, options) { options = options || { audience: 'api', issuer: 'https://idp.example.com/', algorithms: ['RS256'] }; return jwt.verify(token, getKey, options); }
`;
  const rules = [
    'require-audience-check',
    'require-issuer-check',
    'require-jwt-algorithms',
    'require-jwt-verification',
    'no-access-token-decode',
  ];
  const lint = (body: string) =>
    project.lint(
      {
        'lib/auth.js': auth,
        'route.js': `import { verifyJwt, verifyWithDefaults, verifyOrDefault, decodeToken } from './lib/auth';\n${body}\n`,
      },
      'route.js',
      rules,
    );

  it("judges forwarded options at the caller: missing ones report there, the helper's own call is silent", () => {
    expect(lint(`export const a = (req) => verifyJwt(req.headers.authorization);`)).toEqual([
      'require-audience-check@2',
      'require-issuer-check@2',
      'require-jwt-algorithms@2',
    ]);
    expect(
      lint(
        `export const a = (req) => verifyJwt(req.headers.authorization, { audience: 'api', issuer: 'https://idp.example.com/', algorithms: ['RS256'] });`,
      ),
    ).toEqual([]);
    expect(
      lint(`export const a = (req) => verifyJwt(req.headers.authorization, { algorithms: ['RS256'], ignoreExpiration: true });`),
    ).toEqual(['require-audience-check@2', 'require-issuer-check@2', 'require-jwt-verification@2']);
    expect(lint(`export const a = (req) => verifyWithDefaults(req.headers.authorization);`)).toEqual([]);
    // The helper chooses its own options when none are given; a spread hides which argument is which.
    expect(lint(`export const a = (req) => verifyOrDefault(req.headers.authorization);`)).toEqual([]);
    expect(lint(`export const a = (req, args) => verifyJwt(...args);`)).toEqual([]);
    expect(project.lint({ 'lib/auth.js': auth }, 'lib/auth.js', rules)).toEqual([]);
  });

  it('reports a decode-only helper handed a request token or a client access token, not a token verified first', () => {
    expect(lint(`export const a = (req) => decodeToken(req.headers.authorization.slice(7)).sub;`)).toEqual(['require-jwt-verification@2']);
    expect(
      lint(
        `export async function b(req) {\n  const t = req.headers.authorization.slice(7);\n  await verifyJwt(t, { audience: 'api', issuer: 'https://idp.example.com/', algorithms: ['RS256'] });\n  return decodeToken(t).sub;\n}`,
      ),
    ).toEqual([]);
    expect(
      lint(`export async function c(res) {\n  const tokens = await res.json();\n  return decodeToken(tokens.access_token).scp;\n}`),
    ).toEqual(['no-access-token-decode@4']);
  });

  it('applies the same to a helper in the same file that forwards its options', () => {
    const local = `import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
const keys = jwksClient({ jwksUri: 'https://idp.example.com/jwks', rateLimit: true });
const getKey = (header, cb) => keys.getSigningKey(header.kid, (e, k) => cb(e, k?.getPublicKey()));
function verifyJwt(token, options) { return jwt.verify(token, getKey, options); }
export const a = (req) => verifyJwt(req.headers.authorization, { algorithms: ['RS256'] });
`;
    expect(project.lint({ 'local.js': local }, 'local.js', rules)).toEqual(['require-audience-check@6', 'require-issuer-check@6']);
  });
});

describe('nonce checks across modules', () => {
  const authorize = `export function login(req, res) {
  const nonce = crypto.randomUUID();
  req.session.nonce = nonce;
  const params = new URLSearchParams({ response_type: 'code', client_id: 'c', redirect_uri: 'https://app.example.com/cb', scope: 'openid', state: req.session.state, nonce, code_challenge: req.session.challenge, code_challenge_method: 'S256' });
  res.redirect('https://idp.example.com/authorize?' + params);
}
`;
  const idToken = `import jwt from 'jsonwebtoken';
const KEY = process.env.IDP_PUBLIC_KEY;
export function verifyIdToken(idToken) { return jwt.verify(idToken, KEY, { audience: 'c', issuer: 'https://idp.example.com/', algorithms: ['RS256'] }); }
export function verifyIdTokenWithNonce(idToken, nonce) { return jwt.verify(idToken, KEY, { audience: 'c', issuer: 'https://idp.example.com/', algorithms: ['RS256'], nonce }); }
export function checkedLogin(idToken, expected) { const claims = verifyIdToken(idToken); if (claims.nonce !== expected) throw new Error('nonce'); return claims; }
export function sessionLogin(idToken) { return verifyIdToken(idToken); }
export function assertNonce(claims, expected) { if (claims.nonce !== expected) throw new Error('nonce'); }
export function readIdToken(idToken) { const claims = jwt.decode(idToken); if (claims.iss !== 'https://idp.example.com/' || claims.aud !== 'c') throw new Error('claims'); return claims; }
export function readIdTokenWithNonce(idToken, nonce) { const claims = jwt.decode(idToken); if (claims.iss !== 'https://idp.example.com/' || claims.nonce !== nonce) throw new Error('claims'); return claims; }
`;
  const callback = (body: string) => `import { login } from './authorize';
import { verifyIdToken, verifyIdTokenWithNonce, checkedLogin, sessionLogin, assertNonce, readIdToken, readIdTokenWithNonce } from './id-token';
export { login };
export async function callback(req, res) {
  const tokens = await fetch('https://idp.example.com/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, code_verifier: req.session.verifier }) }).then((r) => r.json());
${body}
}
`;
  const lint = (body: string) =>
    project.lint({ 'authorize.js': authorize, 'id-token.js': idToken, 'callback.js': callback(body) }, 'callback.js', [
      'require-nonce-check',
    ]);

  it('reports an imported ID-token check that ignores the nonce the login route sends, at the call', () => {
    expect(lint(`  const claims = verifyIdToken(tokens.id_token);`)).toEqual(['require-nonce-check@6']);
    expect(lint(`  const claims = sessionLogin(tokens.id_token);`)).toEqual(['require-nonce-check@6']);
  });

  it('counts a nonce compared inside the helper, by its options, or by an imported assertion in the caller', () => {
    expect(lint(`  const claims = verifyIdTokenWithNonce(tokens.id_token, req.session.nonce);`)).toEqual([]);
    expect(lint(`  const claims = checkedLogin(tokens.id_token, req.session.nonce);`)).toEqual([]);
    expect(lint(`  const claims = verifyIdToken(tokens.id_token);\n  assertNonce(claims, req.session.nonce);`)).toEqual([]);
  });

  it('judges a hand-rolled validation helper (decode, then iss/aud compared) the same way', () => {
    expect(lint(`  const claims = readIdToken(tokens.id_token);`)).toEqual(['require-nonce-check@6']);
    expect(lint(`  const claims = readIdTokenWithNonce(tokens.id_token, req.session.nonce);`)).toEqual([]);
  });

  it('stays silent on the helper module itself, which shows no flow', () => {
    expect(project.lint({ 'id-token.js': idToken }, 'id-token.js', ['require-nonce-check'])).toEqual([]);
  });
});

describe('fragment parsers in other modules', () => {
  const utils = `export function parseHash(hash) { return Object.fromEntries(new URLSearchParams(hash.slice(1))); }
export const fragmentParams = () => parseHash(window.location.hash);
export function ignore(value) { return {}; }
export function checkState(returned) { return returned === sessionStorage.getItem('state'); }
export function checkNonce(idToken) { const claims = JSON.parse(atob(idToken.split('.')[1])); if (claims.nonce !== sessionStorage.getItem('nonce')) throw new Error('nonce'); }
`;
  const lint = (body: string) =>
    project.lint(
      {
        'utils.js': utils,
        'page.js': `import { parseHash, fragmentParams, ignore, checkState, checkNonce } from './utils';\nexport function callback(api) {\n${body}\n}\n`,
      },
      'page.js',
      ['require-state-check', 'require-nonce-check'],
    );

  it('treats a read of an imported parser’s result like an inline URLSearchParams read of the fragment', () => {
    expect(lint(`  const params = parseHash(window.location.hash);\n  api.use(params.access_token);`)).toEqual(['require-state-check@4']);
    expect(lint(`  const { access_token } = fragmentParams();\n  api.use(access_token);`)).toEqual(['require-state-check@3']);
    expect(
      lint(`  const params = parseHash(location.hash);\n  if (!checkState(params.state)) return;\n  api.use(params.access_token);`),
    ).toEqual([]);
  });

  it('needs the nonce compared for an ID token read that way, also by an imported helper', () => {
    expect(lint(`  const params = fragmentParams();\n  if (!checkState(params.state)) return;\n  api.use(params.id_token);`)).toEqual([
      'require-nonce-check@5',
    ]);
    expect(
      lint(
        `  const params = fragmentParams();\n  if (!checkState(params.state)) return;\n  checkNonce(params.id_token);\n  api.use(params.id_token);`,
      ),
    ).toEqual([]);
  });

  it('does not take a helper that ignores its argument, or one handed something else, for a parser of the URL', () => {
    expect(lint(`  const params = ignore(window.location.hash);\n  api.use(params.access_token);`)).toEqual([]);
    expect(lint(`  const params = parseHash(api.anchor);\n  api.use(params.access_token);`)).toEqual([]);
  });
});

describe('helpers of helpers across modules', () => {
  it('judges a local wrapper around an imported verify helper in this file, and forwards options through both', () => {
    const auth = `import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
const keys = jwksClient({ jwksUri: 'https://idp.example.com/jwks', rateLimit: true });
const getKey = (header, cb) => keys.getSigningKey(header.kid, (e, k) => cb(e, k?.getPublicKey()));
export function verifyJwt(token, options) { return jwt.verify(token, getKey, options); }
export function decodeUnsafe(token) { return jwt.decode(token); }
`;
    const route = `import { verifyJwt, decodeUnsafe } from './auth';
function check(token, options) { return verifyJwt(token, options); }
function peek(token) { return decodeUnsafe(token); }
export const a = (req) => check(req.headers.authorization, { algorithms: ['RS256'] });
export const b = (req) => peek(req.headers.authorization).sub;
`;
    expect(
      project.lint({ 'auth.js': auth, 'route.js': route }, 'route.js', [
        'require-audience-check',
        'require-jwt-algorithms',
        'require-jwt-verification',
      ]),
    ).toEqual(['require-audience-check@4', 'require-jwt-verification@5']);
  });
});

describe('a request token handed to a verify helper of another module', () => {
  const helper = `const jwt = require('jsonwebtoken');
module.exports = {
  verify(token) { return jwt.verify(token, process.env.SECRET); },
  verifyPinned(token) { return jwt.verify(token, process.env.SECRET, { algorithms: ['HS256'] }); },
};
`;
  const rules = ['require-jwt-algorithms'];
  const lint = (body: string) =>
    project.lint(
      {
        'helpers/jwt.js': helper,
        'auth.js': `const jwt = require('./helpers/jwt');\nmodule.exports = (req, res, next) => {\n${body}\n};\n`,
      },
      'auth.js',
      rules,
    );

  it('reports the call that hands the request token to a helper with no allowlist, and the helper in its own module', () => {
    expect(lint(`  const decoded = jwt.verify(req.headers.token);\n  next();`)).toEqual(['require-jwt-algorithms@3']);
    expect(project.lint({ 'helpers/jwt.js': helper }, 'helpers/jwt.js', rules)).toEqual(['require-jwt-algorithms@3']);
  });

  it("stays silent when the helper pins its algorithms, or the token is not the request's", () => {
    expect(lint(`  const decoded = jwt.verifyPinned(req.headers.token);\n  next();`)).toEqual([]);
    expect(lint(`  const decoded = jwt.verify(loadStoredToken());\n  next();`)).toEqual([]);
  });
});

describe('return targets kept in a cookie of the request', () => {
  const rules = ['require-exact-redirect-uri'];
  it('reads framework cookie getters as request input: SvelteKit, h3, Hono, Next.js', () => {
    const svelte = `import { redirect } from '@sveltejs/kit';
export async function GET({ cookies }) {
  const back = cookies.get('back') || '/';
  throw redirect(303, back);
}
`;
    const h3 = `import { getCookie, sendRedirect, defineEventHandler } from 'h3';
export default defineEventHandler((event) => sendRedirect(event, getCookie(event, 'redirect_uri') || '/', 302));
`;
    const nuxt = `export default defineEventHandler((event) => {
  const target = getCookie(event, 'returnTo') || '/?jwt=';
  return sendRedirect(event, target + 'x', 302);
});
`;
    const next = `import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
export async function GET() {
  const store = await cookies();
  redirect(store.get('returnTo')?.value ?? '/');
}
`;
    expect(project.lint({ 'svelte.ts': svelte }, 'svelte.ts', rules)).toEqual(['require-exact-redirect-uri@4']);
    expect(project.lint({ 'h3.js': h3 }, 'h3.js', rules)).toEqual(['require-exact-redirect-uri@2']);
    expect(project.lint({ 'nuxt.js': nuxt }, 'nuxt.js', rules)).toEqual(['require-exact-redirect-uri@3']);
    expect(project.lint({ 'next.ts': next }, 'next.ts', rules)).toEqual(['require-exact-redirect-uri@5']);
  });

  it('stays silent on a cookie target compared exactly, on a local getCookie helper, and on a browser cookie read', () => {
    const checked = `import { redirect } from '@sveltejs/kit';
const ALLOWED = new Set(['/home', '/settings']);
export async function GET({ cookies }) {
  const back = cookies.get('back');
  throw redirect(303, ALLOWED.has(back) ? back : '/');
}
`;
    const local = `import { sendRedirect, defineEventHandler } from 'h3';
function getCookie(event, name) { return event.context.defaults[name]; }
export default defineEventHandler((event) => sendRedirect(event, getCookie(event, 'redirect_uri'), 302));
`;
    const browser = `const back = getCookie('back');
window.location.href = back;
`;
    expect(project.lint({ 'checked.ts': checked }, 'checked.ts', rules)).toEqual([]);
    expect(project.lint({ 'local.js': local }, 'local.js', rules)).toEqual([]);
    expect(project.lint({ 'browser.js': browser }, 'browser.js', rules)).toEqual([]);
  });
});

describe("an authorization server's redirect_uri handed to a general sanitiser of another module", () => {
  const sanitiser = `export function safeRedirect(to, fallback = '/') {
  if (!to || (!to.startsWith('http') && !to.startsWith('/')) || to.startsWith('//')) return fallback;
  return to;
}
export function registeredRedirect(clientId, to) {
  const client = clients.find((c) => c.id === clientId);
  return client && client.redirectUris.includes(to) ? to : null;
}
`;
  const authorize = (target: string) => `import { Hono } from 'hono';
import { safeRedirect, registeredRedirect } from './safe-redirect';
const app = new Hono();
app.get('/authorize', async (c) => {
  const { client_id, state, redirect_uri } = c.req.valid('query');
  const search = new URLSearchParams({ state, code: await issueCode(client_id) });
  return c.redirect(${target});
});
`;
  const rules = ['require-exact-redirect-uri'];
  it('reports at the redirect: the sanitiser never compares the URI with the client’s registered ones', () => {
    expect(
      project.lint(
        { 'safe-redirect.js': sanitiser, 'authorize.js': authorize('safeRedirect(`${redirect_uri}?${search}`)') },
        'authorize.js',
        rules,
      ),
    ).toEqual(['require-exact-redirect-uri@7']);
  });

  it('stays silent on an exact comparison with the registered URIs, and on a client app’s own return target', () => {
    expect(
      project.lint(
        { 'safe-redirect.js': sanitiser, 'authorize.js': authorize('registeredRedirect(client_id, redirect_uri) ?? "/error"') },
        'authorize.js',
        rules,
      ),
    ).toEqual([]);
    const client = `import { Hono } from 'hono';
import { safeRedirect } from './safe-redirect';
const app = new Hono();
app.get('/done', (c) => c.redirect(safeRedirect(c.req.query('redirect_uri'))));
`;
    expect(project.lint({ 'safe-redirect.js': sanitiser, 'client.js': client }, 'client.js', rules)).toEqual([]);
  });
});

describe('a weak random value handed to a URL builder of another module', () => {
  const builders = `const endpoints = {
  login: (base, stateKey, nonceKey) => \`\${base}/auth?client_id=app&response_type=code&state=\${stateKey}&nonce=\${encodeURIComponent(nonceKey)}\`,
  search: (base, term) => \`\${base}/search?q=\${term}\`,
};
class Api {
  get endpoints() {
    return endpoints;
  }
}
export default new Api();
`;
  const random = `export const generateKey = () => {
  let key = '';
  for (let i = 0; i < 16; i++) key += 'ABCDEF0123456789'.charAt(Math.floor(Math.random() * 16));
  return key;
};
`;
  const rules = ['require-secure-random'];
  it('reports the weak source where the builder writes its parameter after nonce= (in the helper module, and inline)', () => {
    const login = `import API from './api';
import { generateKey } from './random';
export function login(base) {
  const nonceKey = generateKey();
  window.location.href = API.endpoints.login(base, crypto.randomUUID(), nonceKey);
}
export function inline(base) {
  window.location.href = API.endpoints.login(base, Math.random().toString(36), crypto.randomUUID());
}
`;
    const files = { 'api.js': builders, 'random.js': random, 'login.js': login };
    expect(project.lint(files, 'random.js', rules)).toEqual(['require-secure-random@3']);
    expect(project.lint(files, 'login.js', rules)).toEqual(['require-secure-random@8']);
  });

  it('stays silent on a weak value the builder does not put in a secret', () => {
    const search = `import API from './api';
export function find(base) {
  window.location.href = API.endpoints.search(base, Math.random().toString(36));
}
`;
    expect(project.lint({ 'api.js': builders, 'search.js': search }, 'search.js', rules)).toEqual([]);
  });
});

describe('state checks across modules', () => {
  const lintState = (files: Record<string, string>, file: string) => project.lint(files, file, ['require-state-check']);

  describe('a callback handing the whole query to an exchange helper', () => {
    const service = `import _ from 'lodash';
import { google } from 'googleapis';
const client = new google.auth.OAuth2(ID, SECRET, CB);
export async function finishLogin(query) {
  const code = _.get(query, 'code', null);
  const { tokens } = await client.getToken(code);
  return tokens;
}
export async function finishLoginChecked(query, expected) {
  if (_.get(query, 'state') !== expected) throw new Error('state');
  const { tokens } = await client.getToken(_.get(query, 'code'));
  return tokens;
}
`;
    const route = (body: string) => `import _ from 'lodash';
import { finishLogin, finishLoginChecked } from './service';
export async function googleOAuthCallback(req, res) {
${body}
  res.redirect('/');
}
`;
    const lint = (body: string) => lintState({ 'service.js': service, 'route.js': route(body) }, 'route.js');

    it('follows a lodash path read of the query to the exchange, in a route file that never names the code', () => {
      expect(lint(`  await finishLogin(req.query);`)).toEqual(['require-state-check@4']);
      // Whether a state came back (`== null`) is not whether it is the one sent.
      expect(
        lint(`  const returnTo = _.get(req.query, 'state.href', null);\n  if (returnTo == null) return;\n  await finishLogin(req.query);`),
      ).toEqual(['require-state-check@6']);
    });

    it('stays silent when the route or the helper compares the state, or the query is not the request’s', () => {
      expect(lint(`  if (req.query.state !== req.session.state) return;\n  await finishLogin(req.query);`)).toEqual([]);
      expect(
        lint(
          `  const state = _.get(req.query, 'state', null);\n  if (state == null || state !== req.session.state) return;\n  await finishLogin(req.query);`,
        ),
      ).toEqual([]);
      expect(lint(`  await finishLoginChecked(req.query, req.session.state);`)).toEqual([]);
      expect(lint(`  await finishLogin(req.session.pendingQuery);`)).toEqual([]);
    });
  });

  describe('a state only used to look up a verifier in module memory', () => {
    const service = `import axios from 'axios';
const VERIFIERS = {};
export async function exchange(code, state) {
  return axios.post(TOKEN_URL, null, { params: { code, client_id: ID, client_secret: SECRET, grant_type: 'authorization_code', code_verifier: VERIFIERS[state] } });
}
export async function exchangeFromSession(code, state, session) {
  return axios.post(TOKEN_URL, null, { params: { code, client_id: ID, grant_type: 'authorization_code', code_verifier: session.verifiers[state] } });
}
export async function exchangeKnown(code, state) {
  const verifier = VERIFIERS[state];
  if (!verifier) throw new Error('unknown state');
  return axios.post(TOKEN_URL, null, { params: { code, client_id: ID, grant_type: 'authorization_code', code_verifier: verifier } });
}
`;
    const lint = (call: string) =>
      lintState(
        {
          'service.js': service,
          'route.js': `import { exchange, exchangeFromSession, exchangeKnown } from './service';\nexport async function callback(req, res) {\n  await ${call};\n}\n`,
        },
        'route.js',
      );

    it('reports the hand-off: a map every visitor shares binds the state to no browser', () => {
      expect(lint(`exchange(req.query.code, req.query.state)`)).toEqual(['require-state-check@3']);
    });

    it('counts a lookup in the session, or a lookup whose result is tested, as a check', () => {
      expect(lint(`exchangeFromSession(req.query.code, req.query.state, req.session)`)).toEqual([]);
      expect(lint(`exchangeKnown(req.query.code, req.query.state)`)).toEqual([]);
    });
  });

  describe('a browser callback handing the code to a login helper of another module', () => {
    const api = `export const login = async (code) => {
  const res = await fetch(\`/api/oauth?code=\${code}\`);
  const { accessToken } = await res.json();
  sessionStorage.setItem('session', accessToken);
};
export const joinTeam = async (code) => {
  await fetch(\`/api/teams/join/\${code}\`, { method: 'POST' });
};
`;
    const page = (body: string) => `import { login, joinTeam } from './api';
export function SocialLoginPage() {
  const params = new URL(window.location.href).searchParams;
  const code = params.get('code');
${body}
}
`;
    const lint = (body: string) => lintState({ 'api.js': api, 'page.js': page(body) }, 'page.js');

    it('reports at the hand-off, though the page names nothing of OAuth', () => {
      expect(lint(`  if (code) login(code);`)).toEqual(['require-state-check@5']);
    });

    it('stays silent for a helper that is no login, and when the page compares the state', () => {
      expect(lint(`  if (code) joinTeam(code);`)).toEqual([]);
      expect(lint(`  if (params.get('state') !== sessionStorage.getItem('oauth_state')) return;\n  login(code);`)).toEqual([]);
    });
  });
});

describe('state checks through CommonJS barrels and ES5 prototypes', () => {
  const files = {
    'common/qq.js': `const superagent = require('superagent');
function QQ(options) { this.appID = options.appID; this.appKEY = options.appKEY; }
QQ.prototype = {
  getToken(code) {
    return superagent.get('https://graph.qq.com/oauth2.0/token').query({ grant_type: 'authorization_code', client_id: this.appID, client_secret: this.appKEY, code });
  },
  getTokenChecked(code, state, expected) {
    if (state !== expected) throw new Error('state');
    return superagent.get('https://graph.qq.com/oauth2.0/token').query({ grant_type: 'authorization_code', client_id: this.appID, client_secret: this.appKEY, code });
  },
};
module.exports = QQ;
`,
    'common/index.js': `const qqOAuth = require('./qq');\nexports.qqOAuth = qqOAuth;\n`,
    'proxy/user_auth.js': `const { qqOAuth } = require('../common');
const qqLogin = (code) => {
  const qqoa = new qqOAuth({ appID: ID, appKEY: KEY });
  return qqoa.getToken(code);
};
const qqLoginChecked = (code, state, expected) => {
  const qqoa = new qqOAuth({ appID: ID, appKEY: KEY });
  return qqoa.getTokenChecked(code, state, expected);
};
module.exports = { qqLogin, qqLoginChecked };
`,
    'proxy/index.js': `const UserAuth = require('./user_auth');\nmodule.exports = { UserAuth };\n`,
  };
  const lint = (body: string) =>
    project.lint(
      {
        ...files,
        'controllers/user_auth.js': `const UserAuth = require('../proxy').UserAuth;\nconst qqLogin = async (ctx) => {\n${body}\n};\nmodule.exports = { qqLogin };\n`,
      },
      'controllers/user_auth.js',
      ['require-state-check'],
    );

  it('reaches the exchange through two barrels and a prototype method, and reports the hand-off', () => {
    expect(lint(`  const code = ctx.query.code;\n  ctx.body = await UserAuth.qqLogin(code);`)).toEqual(['require-state-check@4']);
  });

  it('stays silent when the chain compares the state', () => {
    expect(lint(`  ctx.body = await UserAuth.qqLoginChecked(ctx.query.code, ctx.query.state, ctx.session.state);`)).toEqual([]);
    expect(lint(`  if (ctx.query.state !== ctx.session.state) return;\n  ctx.body = await UserAuth.qqLogin(ctx.query.code);`)).toEqual([]);
  });
});

describe('token refreshes in other modules', () => {
  const auth = `import axios from 'axios';
let pending = null;
export async function refreshTokens() {
  const rt = localStorage.getItem('refresh_token');
  const { data } = await axios.post('https://idp.example.com/token', new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt }));
  return data;
}
export function refreshSession(rt) { return axios.get(\`/auth/refresh_token?token=\${rt}\`); }
export function sharedRefresh() {
  pending ??= refreshTokens().finally(() => { pending = null; });
  return pending;
}
export function loadProfile() { return axios.get('/api/me'); }
`;
  const client = (body: string) => `import axios from 'axios';
import { refreshTokens, refreshSession, sharedRefresh, loadProfile } from './auth';
import * as session from './auth';
const api = axios.create();
${body}
`;
  const lint = (body: string) => project.lint({ 'auth.js': auth, 'client.js': client(body) }, 'client.js', ['serialize-token-refresh']);

  it('reports an imported refresh helper started from an interceptor or a 401 check, at the call', () => {
    expect(
      lint(`api.interceptors.request.use(async (config) => {\n  if (expired()) await refreshTokens();\n  return config;\n});`),
    ).toEqual(['serialize-token-refresh@6']);
    expect(
      lint(`export async function me() {\n  const res = await fetch('/api/me');\n  if (res.status === 401) refreshSession(rt);\n}`),
    ).toEqual(['serialize-token-refresh@7']);
    expect(lint(`api.interceptors.response.use(null, async (e) => {\n  await session.refreshTokens();\n  throw e;\n});`)).toEqual([
      'serialize-token-refresh@6',
    ]);
  });

  it('follows a helper whose name does not say it refreshes, from a file that never says so either', () => {
    const api = `import axios from 'axios';
export async function fetchAccessTokenLocal() { return axios.get('/api/v1/auth/refresh', { withCredentials: true }); }
export async function fetchProfile() { return axios.get('/api/v1/me'); }
`;
    const interceptor = (call: string) => `import axios from 'axios';
import { fetchAccessTokenLocal, fetchProfile } from './api';
const instance = axios.create();
instance.interceptors.response.use(null, async (error) => {
  if (error.response?.status === 401) { const response = await ${call}; error.config.headers.Authorization = 'Bearer ' + response.data; }
  throw error;
});
`;
    expect(
      project.lint({ 'api.js': api, 'interceptor.js': interceptor('fetchAccessTokenLocal()') }, 'interceptor.js', [
        'serialize-token-refresh',
      ]),
    ).toEqual(['serialize-token-refresh@5']);
    expect(
      project.lint({ 'api.js': api, 'interceptor.js': interceptor('fetchProfile()') }, 'interceptor.js', ['serialize-token-refresh']),
    ).toEqual([]);
  });

  it('stays silent when the imported helper shares one in-flight refresh, or does not refresh', () => {
    expect(
      lint(`api.interceptors.request.use(async (config) => {\n  if (expired()) await sharedRefresh();\n  return config;\n});`),
    ).toEqual([]);
    expect(
      lint(`export async function me() {\n  const res = await fetch('/api/me');\n  if (res.status === 401) return loadProfile();\n}`),
    ).toEqual([]);
    // The same refresh, but not on a retry path.
    expect(lint(`export const onLogin = () => refreshTokens();`)).toEqual([]);
  });
});

describe('a Redux store persisted by a helper of another module', () => {
  const files = (authState: string) => ({
    'actions/state.js': `export function saveState(state) {\n  const serialized = JSON.stringify(state);\n  localStorage.setItem('app_state', serialized);\n}\n`,
    'reducers/auth.js': `const initialState = ${authState};\nexport default function (state = initialState, action) {\n  return state;\n}\n`,
    'reducers/index.js': `import { combineReducers } from 'redux';\nimport auth from './auth';\nexport default combineReducers({ auth });\n`,
    'store.js': `import { createStore } from 'redux';\nimport rootReducer from './reducers';\nimport { saveState } from './actions/state';\nconst store = createStore(rootReducer);\nstore.subscribe(() => {\n  saveState(store.getState());\n});\nexport default store;\n`,
  });

  it('reports the call that hands the whole state over when a reducer starts from token keys', () => {
    expect(project.lint(files(`{ access_token: '', refresh_token: '', username: '' }`), 'store.js', ['no-token-in-web-storage'])).toEqual([
      'no-token-in-web-storage@6',
    ]);
  });

  it('stays silent when no reducer holds a token', () => {
    expect(project.lint(files(`{ username: '', theme: 'dark' }`), 'store.js', ['no-token-in-web-storage'])).toEqual([]);
  });
});

describe('specifiers the project maps itself: package.json imports, tsconfig paths and baseUrl', () => {
  const wrapper = `export function saveItem(key, value) {\n  localStorage.setItem(key, value);\n}\n`;
  const callback = (specifier: string) =>
    `import { saveItem } from '${specifier}';\nexport function onLogin(token) {\n  saveItem('access_token', token);\n}\n`;
  const lint = (files: Record<string, string>, file = 'src/app/login.js') => project.lint(files, file, ['no-token-in-web-storage']);

  it('follows a # subpath import through the nearest package.json: patterns, exact keys, conditions in order', () => {
    const pkg = (imports: unknown) => JSON.stringify({ name: 'app', type: 'module', imports });
    expect(
      lint({
        'package.json': pkg({ '#lib/*': './src/lib/*' }),
        'src/lib/storage.js': wrapper,
        'src/app/login.js': callback('#lib/storage.js'),
      }),
    ).toEqual(['no-token-in-web-storage@3']);
    expect(
      lint({
        'package.json': pkg({ '#storage': { types: './src/storage.d.ts', node: './src/node-storage.js', default: './src/noop.js' } }),
        'src/storage.d.ts': 'export declare function saveItem(key: string, value: string): void;\n',
        'src/node-storage.js': wrapper,
        'src/noop.js': 'export function saveItem() {}\n',
        'src/app/login.js': callback('#storage'),
      }),
    ).toEqual(['no-token-in-web-storage@3']);
    // The first condition's file is missing: the next one is used.
    expect(
      lint({
        'package.json': pkg({ '#storage': { node: './src/missing.js', default: ['./src/storage.js'] } }),
        'src/storage.js': wrapper,
        'src/app/login.js': callback('#storage'),
      }),
    ).toEqual(['no-token-in-web-storage@3']);
  });

  it('does not follow a # import that maps to a package, or one the package.json does not declare', () => {
    const pkg = JSON.stringify({ name: 'app', imports: { '#storage': 'storage-kit', '#lib/*': './src/lib/*' } });
    expect(
      lint({
        'package.json': pkg,
        'node_modules/storage-kit/index.js': wrapper,
        'src/lib/storage.js': wrapper,
        'src/app/login.js': callback('#storage'),
      }),
    ).toEqual([]);
    expect(lint({ 'package.json': pkg, 'src/lib/storage.js': wrapper, 'src/app/login.js': callback('#other/storage.js') })).toEqual([]);
  });

  it('follows bare specifiers that the tsconfig paths or baseUrl map to a project file', () => {
    expect(
      lint({
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": "./" } }',
        'src/app/storage.js': wrapper,
        'src/app/login.js': callback('src/app/storage'),
      }),
    ).toEqual(['no-token-in-web-storage@3']);
    expect(
      lint({
        'tsconfig.json': '{ "compilerOptions": { "paths": { "@app/*": ["./src/app/*"] } } }',
        'src/app/storage.js': wrapper,
        'src/app/login.js': callback('@app/storage'),
      }),
    ).toEqual(['no-token-in-web-storage@3']);
  });

  it('never follows a bare specifier to a package, with or without baseUrl', () => {
    const files = (config: string) => ({
      'tsconfig.json': config,
      'node_modules/src/app/storage.js': wrapper,
      'node_modules/storage-kit/index.js': wrapper,
      'src/app/login.js': `import { saveItem } from 'storage-kit';\nexport function onLogin(token) {\n  saveItem('access_token', token);\n}\n`,
    });
    expect(lint(files('{ "compilerOptions": { "baseUrl": "./" } }'))).toEqual([]);
    expect(lint(files('{ "compilerOptions": {} }'))).toEqual([]);
    // Without baseUrl, `src/app/storage` names a package (here one in node_modules).
    expect(lint({ ...files('{ "compilerOptions": {} }'), 'src/app/login.js': callback('src/app/storage') })).toEqual([]);
  });
});

describe('an exchange helper that takes its code as a property of one object parameter', () => {
  const api = `export async function getAccessToken({ clientId, code, hostname }) {
  const body = JSON.stringify({ client_id: clientId, client_secret: process.env.SECRET, code });
  return fetch(\`https://\${hostname}/login/oauth/access_token\`, { method: 'POST', body });
}
export async function exchange(options) {
  const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: options.clientId, code: options.code });
  return fetch(TOKEN_URL, { method: 'POST', body });
}
`;
  const route = (body: string) => `import { getAccessToken, exchange } from './api';
export async function callback(req, res) {
${body}
  res.redirect('/');
}
`;
  const lint = (body: string) => project.lint({ 'api.js': api, 'route.js': route(body) }, 'route.js', ['require-state-check']);

  it('reports the call that hands the redirect code under that key, destructured or read as a property', () => {
    expect(lint(`  await getAccessToken({ clientId: ID, code: req.query.code, hostname: 'github.com' });`)).toEqual([
      'require-state-check@3',
    ]);
    expect(lint(`  const options = { clientId: ID, code: req.query.code };\n  await exchange(options);`)).toEqual([
      'require-state-check@4',
    ]);
    // The whole query handed over is still the redirect's.
    expect(lint(`  await getAccessToken(req.query);`)).toEqual(['require-state-check@3']);
  });

  it('stays silent when the state is compared, or the redirect value sits under another key', () => {
    expect(
      lint(
        `  if (req.query.state !== req.session.state) return;\n  await getAccessToken({ clientId: ID, code: req.query.code, hostname: 'github.com' });`,
      ),
    ).toEqual([]);
    expect(lint(`  await getAccessToken({ clientId: req.query.client, code: req.session.code, hostname: 'github.com' });`)).toEqual([]);
    expect(lint(`  await exchange({ clientId: ID, code: req.session.pendingCode, hostname: req.query.host });`)).toEqual([]);
  });
});

describe('Nuxt and Nitro auto-imports', () => {
  const files = {
    'package.json': '{}',
    'nitro.config.ts': "export default defineNitroConfig({ srcDir: 'server' });\n",
    'server/utils/discord.ts': `export async function exchangeCode(code: string) {
  const response = await fetch('https://discord.com/api/oauth2/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: 'v', redirect_uri: 'https://app.example.com/cb' }),
  });
  return response.json();
}
`,
  };
  const route = (body: string) => `export default eventHandler(async (event) => {
  const query = getQuery(event);
${body}
});
`;
  const lint = (body: string, extra: Record<string, string> = {}) =>
    project.lint({ ...files, ...extra, 'server/routes/callback.get.ts': route(body) }, 'server/routes/callback.get.ts', [
      'require-state-check',
    ]);

  it('reports the redirect code handed to an auto-imported exchange helper of server/utils/', () => {
    expect(lint('  const { code } = query;\n  return exchangeCode(String(code));')).toEqual(['require-state-check@4']);
  });

  it('stays silent when the state is compared, when a local function shadows the name, and outside a Nitro/Nuxt project', () => {
    expect(
      lint(
        "  if (query.state !== getCookie(event, 'oauth_state')) throw createError({ statusCode: 400 });\n  return exchangeCode(String(query.code));",
      ),
    ).toEqual([]);
    expect(lint('  const exchangeCode = (code: unknown) => ({ code });\n  return exchangeCode(query.code);')).toEqual([]);
    expect(lint('  return exchangeCode(String(query.code));', { 'nitro.config.ts': '' }).length).toBe(1);
    const { 'nitro.config.ts': _config, ...withoutConfig } = files;
    expect(
      project.lint(
        { ...withoutConfig, 'server/routes/callback.get.ts': route('  return exchangeCode(String(query.code));') },
        'server/routes/callback.get.ts',
        ['require-state-check'],
      ),
    ).toEqual([]);
  });
});

describe('library clients made in another module', () => {
  // Seen in real code (fresh-2026-12-f): a simple-oauth2 client built by a factory of a utils module.
  const oauthModule = `import { AuthorizationCode } from 'simple-oauth2';
export const config = { redirect_uri: 'https://app.example.com/.netlify/functions/auth-callback' };
function authInstance(credentials) {
  return new AuthorizationCode(credentials);
}
export default authInstance({ client: { id: ID, secret: SECRET }, auth: { tokenHost: 'https://api.fitbit.com' } });
`;
  const handler = (params: string) => `import oauth2, { config } from './utils/oauth';
export const handler = async () => {
  const authorizationURI = oauth2.authorizeURL({ redirect_uri: config.redirect_uri, scope: 'profile'${params} });
  return { statusCode: 302, headers: { Location: authorizationURI } };
};
`;
  const lint = (params: string) =>
    project.lint({ 'utils/oauth.ts': oauthModule, 'auth.ts': handler(params) }, 'auth.ts', ['require-state-check', 'require-pkce']);

  it("judges the authorize URL of an imported client as the library's own call", () => {
    expect(lint('')).toEqual(['require-state-check@3', 'require-pkce@3']);
    expect(lint(", state, code_challenge: challenge, code_challenge_method: 'S256'")).toEqual([]);
  });

  it('leaves a method of the same name on a client of our own alone', () => {
    expect(
      project.lint(
        {
          'utils/oauth.ts':
            'export default { authorizeURL: (params) => `https://idp.example/authorize?${new URLSearchParams(params)}` };\n',
          'auth.ts': handler(''),
        },
        'auth.ts',
        ['require-state-check', 'require-pkce'],
      ),
    ).toEqual([]);
  });
});

describe('storage wrappers of storage wrappers', () => {
  // Seen in real code (fresh-2026-12-f): a token setter that hands its value to a generic storage module.
  const storage = `const setLocalStorageValue = (key, value) => {
  localStorage.setItem(key, value);
};
export default { set: setLocalStorageValue };
`;
  const tokens = `import LocalStorageValue from '../lib/storage';
const accessTokenKey = 'access-key';
export const setAccessToken = (value) => {
  LocalStorageValue.set(accessTokenKey, value);
};
export const setTheme = (value) => {
  LocalStorageValue.set('theme', value);
};
`;
  const login = (body: string) => `import { setAccessToken, setTheme } from './auth/tokens';
export async function login(username, password) {
  const data = await api.login(username, password);
${body}
}
`;
  const lint = (body: string) =>
    project.lint({ 'lib/storage.js': storage, 'auth/tokens.js': tokens, 'login.js': login(body) }, 'login.js', ['no-token-in-web-storage']);

  it('reports the token at the call that hands it to the outer wrapper, which its name says keeps an access token', () => {
    expect(lint('  setAccessToken(data.access);')).toEqual(['no-token-in-web-storage@4']);
    expect(lint('  setTheme(data.theme);')).toEqual([]);
    // The wrapper's name alone does not make a flag a token.
    expect(lint("  setAccessToken('');")).toEqual([]);
  });
});

describe('cookie options spread from another module', () => {
  // Seen in real code (fresh-2026-12-g): Next route handlers spread a constants module's options.
  const constants = `export const COOKIE_OPTIONS = { httpOnly: true, secure: process.env.NODE_ENV === 'production' };
export const STRICT_OPTIONS = { httpOnly: true, secure: true, sameSite: 'lax' };
export const LOOSE_OPTIONS = { httpOnly: true, secure: false, sameSite: 'lax' };
`;
  const route = (options: string) => `import { NextResponse } from 'next/server';
import { COOKIE_OPTIONS, STRICT_OPTIONS, LOOSE_OPTIONS } from '../../../lib/constants';
export async function GET(request) {
  const { access_token, expires_in } = await exchange(request);
  const response = NextResponse.redirect(new URL('/', request.url));
  response.cookies.set('access_token', access_token, { ${options} });
  return response;
}
`;
  const lint = (options: string) =>
    project.lint({ 'lib/constants.ts': constants, 'app/api/callback/route.ts': route(options) }, 'app/api/callback/route.ts', [
      'require-secure-cookies',
    ]);

  it('reads the flags of the imported object: the one it lacks is reported at the call', () => {
    expect(lint('...COOKIE_OPTIONS, maxAge: expires_in')).toEqual(['require-secure-cookies@6']);
    expect(lint('...STRICT_OPTIONS, maxAge: expires_in')).toEqual([]);
    // Written after the spread, the call's own flag wins.
    expect(lint("...COOKIE_OPTIONS, sameSite: 'lax'")).toEqual([]);
    // A wrong value in the other module is that module's finding, not one at every importer.
    expect(lint('...LOOSE_OPTIONS')).toEqual([]);
    // An object the analysis cannot read stays unknown.
    expect(lint('...globalThis.cookieDefaults')).toEqual([]);
  });
});

describe('an exchange helper that serves both grants', () => {
  // Seen in real code (fresh-2026-12-g): a SvelteKit endpoint hands the code to a helper whose
  // grant type depends on whether it got a code or a refresh token.
  const auth = `export async function getTokens(options) {
  const body = {
    grant_type: options.code ? 'authorization_code' : 'refresh_token',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
  };
  if (options.code) body.code = options.code;
  if (options.refreshToken) body.refresh_token = options.refreshToken;
  const response = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams(body) });
  return response.json();
}
`;
  const endpoint = (check: string) => `import { getTokens } from '$lib/auth';
export const GET = async ({ url, cookies }) => {
  const code = url.searchParams.get('code');
${check}
  const tokens = await getTokens({ code });
  return new Response(null, { status: 302, headers: { location: '/' } });
};
`;
  const lint = (check: string) =>
    project.lint(
      { 'src/lib/auth.ts': auth, 'src/routes/auth/+server.ts': endpoint(check), 'svelte.config.js': 'export default {};' },
      'src/routes/auth/+server.ts',
      ['require-state-check'],
    );

  it('reports the hand-off of the code when nothing compares the state, and is silent when the endpoint does', () => {
    expect(lint('')).toEqual(['require-state-check@5']);
    expect(lint("  if (url.searchParams.get('state') !== cookies.get('oauth_state')) return new Response(null, { status: 403 });")).toEqual(
      [],
    );
  });
});

describe('a redirect helper of another module', () => {
  // Seen in real code (fresh-2026-12-g): a Worker's lib/http `redirect(location)` builds the 302 itself.
  const http = `export function redirect(location, headers) {
  return new Response('', { status: 302, headers: { ...headers, Location: location } });
}
export function redirectHome(reason) {
  return new Response(reason, { status: 302, headers: { Location: '/' } });
}
`;
  const worker = (target: string) => `import { redirect, redirectHome } from './lib/http';
export default {
  async fetch(request) {
    const url = new URL(request.url);
    return ${target};
  },
};
`;
  const lint = (target: string) =>
    project.lint({ 'src/lib/http.ts': http, 'src/index.ts': worker(target) }, 'src/index.ts', ['require-exact-redirect-uri']);

  it('judges the target handed to it as a redirect in this file', () => {
    expect(lint("redirect('/' + decodeURIComponent(url.searchParams.get('state') || ''))")).toEqual(['require-exact-redirect-uri@5']);
    expect(lint("redirect(url.searchParams.get('next'))")).toEqual(['require-exact-redirect-uri@5']);
    // A fixed target, a path appended after a fixed one, and a helper that ignores its argument.
    expect(lint("redirect('/home')")).toEqual([]);
    expect(lint("redirect('/home/' + url.searchParams.get('tab'))")).toEqual([]);
    expect(lint("redirectHome(url.searchParams.get('next'))")).toEqual([]);
  });
});

describe('an exchanging handler that another module calls behind its state check', () => {
  // Seen in real code (fresh-2026-12-h): Hono middleware split over modules.
  const tokens = `import { createMiddleware } from 'hono/factory';
export const handleRefresh = createMiddleware(async (c, next) => {
  const { code } = c.req.query();
  const response = await fetch('https://github.com/login/oauth/access_token', {
    method: 'POST',
    body: new URLSearchParams({ client_id: c.env.ID, client_secret: c.env.SECRET, code, grant_type: 'authorization_code' }),
  });
  c.set('tokens', await response.json());
  await next();
});
`;
  const state = (guard: string) => `import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { handleRefresh } from './tokens';
export const handleState = createMiddleware(async (c, next) => {
  const secret = getCookie(c, 'state');
  const { state } = c.req.query();
  ${guard}
});
`;
  const lint = (guard: string | undefined) =>
    project.lint(
      guard === undefined ? { 'src/utils/tokens.ts': tokens } : { 'src/utils/tokens.ts': tokens, 'src/utils/state.ts': state(guard) },
      'src/utils/tokens.ts',
      ['require-state-check'],
    );

  it('is silent when every call is behind the comparison, and reports otherwise', () => {
    expect(lint("if (secret === state) { await handleRefresh(c, next); } else { return c.redirect('/'); }")).toEqual([]);
    expect(lint('await handleRefresh(c, next);')).toEqual(['require-state-check@4']);
    expect(lint(undefined)).toEqual(['require-state-check@4']);
  });
});
