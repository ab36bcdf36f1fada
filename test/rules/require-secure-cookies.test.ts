import rule from '../../rules/require-secure-cookies';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('require-secure-cookies', rule, {
  valid: [
    // Express with all three flags, including through a const and a non-constant Secure.
    `const opts = { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' };
     app.get('/cb', (req, res) => { res.cookie('sid', sessionId, opts); });`,
    // Preferences need no flags.
    `res.cookie('theme', 'dark', { maxAge: 31536000000 }); res.cookie('locale', req.query.lang);`,
    // Clearing writes.
    `res.clearCookie('sid'); res.cookie('access_token', '', { maxAge: 0 }); res.cookie('sid', 'x', { expires: new Date(0) });`,
    // Options we cannot read are unknown: silent.
    `import { cookieOptions } from './config'; res.cookie('sid', id, cookieOptions); res.cookie('rt', rt, { ...base, path: '/refresh' });`,
    // Koa sets HttpOnly by default and Secure on HTTPS requests.
    `import Koa from 'koa'; const app = new Koa(); app.use(async (ctx) => { ctx.cookies.set('koa_sid', sid, { sameSite: 'lax', signed: true }); });`,
    // SvelteKit's cookies.set sets all three by default.
    `import type { RequestHandler } from '@sveltejs/kit';
     export const GET: RequestHandler = async ({ cookies }) => { cookies.set('session', sid, { path: '/' }); return new Response(null); };`,
    // Fastify: the plugin's defaults are registered elsewhere, so only wrong values report.
    `import type { FastifyReply } from 'fastify'; export function login(reply: FastifyReply, sid: string) { reply.setCookie('sid', sid, { path: '/' }); }`,
    // SameSite=None with Secure.
    `res.cookie('__Host-sid', sid, { httpOnly: true, secure: true, sameSite: 'none', path: '/' });`,
    // cookie-session: top-level flags, Secure follows the request.
    `import cookieSession from 'cookie-session'; app.use(cookieSession({ name: 'sess', keys: [key], sameSite: 'lax' }));`,
    // express-session with secure cookie options.
    `import session from 'express-session'; app.use(session({ secret, resave: false, saveUninitialized: false, cookie: { secure: 'auto', sameSite: 'lax' } }));`,
    // Raw Set-Cookie with every attribute, and one whose attributes come from elsewhere.
    `res.setHeader('Set-Cookie', \`sid=\${sid}; Path=/; HttpOnly; Secure; SameSite=Lax\`);
     res.setHeader('Set-Cookie', \`rt=\${rt}; \${COOKIE_ATTRIBUTES}\`);`,
    // A script writing a preference or OAuth state cookie.
    `document.cookie = 'theme=dark; path=/'; document.cookie = \`oauth_state=\${state}; Secure; SameSite=Lax\`;`,
    // An `oauth_…` cookie that names what it holds: a return path, no OAuth secret.
    `app.get('/login/github', (req, res) => { res.cookie('oauth_redirect', req.query.next, { httpOnly: true, sameSite: 'lax' }); res.redirect(authorizeUrl); });`,
    // UI state cookie.
    `import { cookies } from 'next/headers'; (await cookies()).set('sidebar_state', String(open), { path: '/' });`,
    // The express-session README pattern: Secure switched on in production by assignment.
    `import session from 'express-session';
     const sess = { secret, cookie: { secure: false, sameSite: 'lax' } };
     if (app.get('env') === 'production') { app.set('trust proxy', 1); sess.cookie.secure = true; }
     app.use(session(sess));`,
    // Logout overwrites with a short constant.
    `res.cookie('refreshToken', 'none', { expires: new Date(Date.now() + 10 * 1000), httpOnly: true });`,
    // A non-response \`cookie\` method.
    `import cookieLib from 'some-cookie-lib'; cookieLib.cookie('sid', id);`,
    // Remix session storage with both flags, from the adapter and from Remix 1.0's \`remix\` package.
    `import { createCookieSessionStorage } from '@remix-run/node';
     export const storage = createCookieSessionStorage({ cookie: { name: '__session', secrets: [s], httpOnly: true, secure: true, sameSite: 'lax' } });`,
    `import { createCookieSessionStorage } from 'remix';
     export const storage = createCookieSessionStorage({ cookie: { name: '__session', secrets: [s], httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' } });`,
  ],
  invalid: [
    {
      // Remix sets neither Secure nor HttpOnly by default (here from the \`remix\` package of Remix 1.0).
      code: `import { createCookieSessionStorage } from 'remix';
const storage = createCookieSessionStorage({
  cookie: { name: 'app_session', secrets: [SESSION_SECRET], sameSite: 'lax', path: '/' },
});`,
      // Reported at the cookie options written out: where the missing flags go.
      errors: [{ messageId: 'missingFlags', line: 3, column: 11, endLine: 3, endColumn: 89, suggestions: [] }],
    },
    {
      // The look-alike: a cookie named only for the protocol holds the login transaction.
      code: `app.get('/login/github', (req, res) => {\n  res.cookie('oauth', req.session.tx, { httpOnly: true, sameSite: 'lax' });\n  res.redirect(authorizeUrl);\n});`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'addFlags',
              output: `app.get('/login/github', (req, res) => {\n  res.cookie('oauth', req.session.tx, { httpOnly: true, sameSite: 'lax', secure: true });\n  res.redirect(authorizeUrl);\n});`,
            },
          ],
        },
      ],
    },
    {
      // Fastify's plugin defaults are unknown, but SameSite=None without Secure is wrong as written.
      code: `const sid = request.unsignCookie(request.cookies.kiosk_sid ?? '');\nreply.setCookie('kiosk_embed', sid.value, { path: '/embed', httpOnly: true, sameSite: 'none', signed: true });`,
      errors: [
        {
          messageId: 'sameSiteNoneWithoutSecure',
          line: 2,
          column: 87,
          endLine: 2,
          endColumn: 93,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `const sid = request.unsignCookie(request.cookies.kiosk_sid ?? '');\nreply.setCookie('kiosk_embed', sid.value, { path: '/embed', httpOnly: true, sameSite: 'lax', signed: true });`,
            },
          ],
        },
      ],
    },
    {
      // The token is named by the binding, though its value comes from a local helper.
      code: `function cookieValue(request, name) { return request.headers.get('Cookie')?.split(';')[1]; }\nexport function renew(request, response) {\n  const idToken = cookieValue(request, 'docs_idt');\n  response.headers.append('Set-Cookie', \`docs_idt=\${idToken}; Path=/; Secure; SameSite=Lax\`);\n}`,
      errors: [{ messageId: 'missingFlags', line: 4, column: 41, endLine: 4, endColumn: 92 }],
    },
    {
      code: `app.post('/login', (req, res) => {\n  res.cookie('sid', sessionId);\n});`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 31,
          data: {
            cookie: "Cookie 'sid'",
            content: 'a session',
            flags: 'Secure, HttpOnly and SameSite',
            fix: "`secure: true`, `httpOnly: true` and `sameSite: 'lax'`",
          },
          suggestions: [
            {
              messageId: 'addFlags',
              output: `app.post('/login', (req, res) => {\n  res.cookie('sid', sessionId, { secure: true, httpOnly: true, sameSite: 'lax' });\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `res.cookie('rt', tokens.refresh_token, { httpOnly: true, secure: true, path: '/refresh' });`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 91,
          data: { cookie: "Cookie 'rt'", content: 'a token', flags: 'SameSite', fix: "`sameSite: 'lax'`" },
          suggestions: [
            {
              messageId: 'addFlags',
              output: `res.cookie('rt', tokens.refresh_token, { httpOnly: true, secure: true, path: '/refresh', sameSite: 'lax' });`,
            },
          ],
        },
      ],
    },
    {
      // A wrong value is reported where it was written, even in a const elsewhere.
      code: `const COOKIE = {\n  httpOnly: false,\n  secure: true,\n  sameSite: 'strict',\n};\nres.cookie('access_token', at, COOKIE);`,
      errors: [
        {
          messageId: 'insecureFlag',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `const COOKIE = {\n  httpOnly: true,\n  secure: true,\n  sameSite: 'strict',\n};\nres.cookie('access_token', at, COOKIE);`,
            },
          ],
        },
      ],
    },
    {
      code: `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/cb', async (ctx) => {\n  ctx.cookies.set('an_state', state, { signed: true });\n});`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 55,
          data: {
            cookie: "Cookie 'an_state'",
            content: 'OAuth login state (state, nonce or PKCE verifier)',
            flags: 'SameSite',
            fix: "`sameSite: 'lax'`",
          },
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/cb', async (ctx) => {\n  ctx.cookies.set('an_state', state, { signed: true, sameSite: 'lax' });\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `import { serialize } from 'cookie';\nexport const header = serialize('pkce_verifier', verifier, { httpOnly: true, sameSite: 'none' });`,
      errors: [
        {
          messageId: 'sameSiteNoneWithoutSecure',
          line: 2,
          column: 88,
          endLine: 2,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `import { serialize } from 'cookie';\nexport const header = serialize('pkce_verifier', verifier, { httpOnly: true, sameSite: 'lax' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { cookies } from 'next/headers';\nexport async function POST() {\n  const jar = await cookies();\n  jar.set('session', sid, { secure: true, sameSite: 'lax' });\n}`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import { cookies } from 'next/headers';\nexport async function POST() {\n  const jar = await cookies();\n  jar.set('session', sid, { secure: true, sameSite: 'lax', httpOnly: true });\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { NextResponse } from 'next/server';\nexport function middleware() {\n  const res = NextResponse.next();\n  res.cookies.set({ name: 'app_session', value: token, path: '/' });\n  return res;\n}`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import { NextResponse } from 'next/server';\nexport function middleware() {\n  const res = NextResponse.next();\n  res.cookies.set({ name: 'app_session', value: token, path: '/', secure: true, httpOnly: true, sameSite: 'lax' });\n  return res;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { defineEventHandler, setCookie } from 'h3';\nexport default defineEventHandler((event) => {\n  setCookie(event, 'nuxt_session', sid, { httpOnly: true });\n});`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import { defineEventHandler, setCookie } from 'h3';\nexport default defineEventHandler((event) => {\n  setCookie(event, 'nuxt_session', sid, { httpOnly: true, secure: true, sameSite: 'lax' });\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `import { setCookie } from 'hono/cookie';\napp.get('/login', (c) => {\n  setCookie(c, 'oauth_state', state, { secure: true, httpOnly: true });\n  return c.redirect(url);\n});`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import { setCookie } from 'hono/cookie';\napp.get('/login', (c) => {\n  setCookie(c, 'oauth_state', state, { secure: true, httpOnly: true, sameSite: 'lax' });\n  return c.redirect(url);\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 97,
          data: {
            cookie: 'The session cookie',
            content: 'a session',
            flags: 'Secure and SameSite',
            fix: "`secure: true` and `sameSite: 'lax'`",
          },
        },
      ],
    },
    {
      code: `import session from 'express-session';\napp.use(session({ secret, cookie: { secure: false, sameSite: 'lax' } }));`,
      errors: [
        {
          messageId: 'insecureFlag',
          line: 2,
          column: 45,
          endLine: 2,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `import session from 'express-session';\napp.use(session({ secret, cookie: { secure: true, sameSite: 'lax' } }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.KEY], httpOnly: false, sameSite: 'lax' }));`,
      errors: [
        {
          messageId: 'insecureFlag',
          line: 2,
          column: 77,
          endLine: 2,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.KEY], httpOnly: true, sameSite: 'lax' }));`,
            },
          ],
        },
      ],
    },
    {
      // An array of Set-Cookie strings reports at each string that lacks a flag.
      code: `res.setHeader('Set-Cookie', [\n  \`sid=\${sid}; Path=/; HttpOnly; Secure; SameSite=Lax\`,\n  \`id_token=\${tokens.id_token}; Path=/; Secure\`,\n  'theme=dark; Path=/',\n]);`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 48,
          data: { cookie: "Cookie 'id_token'", content: 'a token', flags: 'HttpOnly and SameSite', fix: 'HttpOnly and SameSite=Lax' },
        },
      ],
    },
    {
      code: `export const handler = async () => ({\n  statusCode: 302,\n  headers: { Location: '/', 'Set-Cookie': 'session=' + sid + '; Path=/; HttpOnly' },\n});`,
      errors: [{ messageId: 'missingFlags', line: 3, column: 43, endLine: 3, endColumn: 82 }],
    },
    {
      code: `document.cookie = \`access_token=\${accessToken}; path=/; secure; samesite=strict\`;`,
      errors: [{ messageId: 'tokenInScriptCookie', line: 1, column: 1, endLine: 1, endColumn: 81 }],
    },
    {
      code: `import Cookies from 'js-cookie';\nCookies.set('jwt', response.data.token, { secure: true, sameSite: 'strict' });`,
      errors: [{ messageId: 'tokenInScriptCookie', line: 2, column: 1, endLine: 2, endColumn: 78 }],
    },
    {
      code: `import { CookieService } from 'ngx-cookie-service';\nexport class Auth {\n  constructor(private cookies: CookieService) {}\n  save(t: string) { this.cookies.set('access_token', t, { secure: true }); }\n}`,
      errors: [{ messageId: 'tokenInScriptCookie', line: 4, column: 21, endLine: 4, endColumn: 74 }],
    },
    {
      code: `import { setCookie } from 'nookies';\nexport async function getServerSideProps(ctx) {\n  setCookie(ctx, 'token', ctx.query.token, { path: '/', httpOnly: true });\n  return { props: {} };\n}`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import { setCookie } from 'nookies';\nexport async function getServerSideProps(ctx) {\n  setCookie(ctx, 'token', ctx.query.token, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });\n  return { props: {} };\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `export const handler = async () => ({ statusCode: 200, cookies: [\n  \`session=\${sid}; Secure; HttpOnly\`,\n], body: '' });`,
      errors: [{ messageId: 'missingFlags', line: 2, column: 3, endLine: 2, endColumn: 37 }],
    },
    {
      // A same-file document.cookie helper: reported where it is called with a token.
      code: `function setCookie(name, value, days) {\n  document.cookie = name + '=' + (value || '') + '; max-age=' + days * 86400 + '; path=/';\n}\nsetCookie('theme', 'dark', 365);\nsetCookie('access_token', data.access_token, 7);`,
      errors: [{ messageId: 'tokenInScriptCookie', line: 5, column: 1, endLine: 5, endColumn: 48 }],
    },
    {
      // Fastify: defaults unknown, but a wrong value written at the call still reports.
      code: `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/cb', async (req, reply) => {\n  reply.setCookie('sid', sid, { sameSite: 'none', path: '/' });\n});`,
      errors: [
        {
          messageId: 'sameSiteNoneWithoutSecure',
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/cb', async (req, reply) => {\n  reply.setCookie('sid', sid, { sameSite: 'lax', path: '/' });\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `import jwt from 'jsonwebtoken';\nres.cookie('auth', jwt.sign({ sub: user.id }, secret), { secure: true, sameSite: 'lax' });`,
      errors: [
        {
          messageId: 'missingFlags',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 90,
          data: { cookie: "Cookie 'auth'", content: 'a token', flags: 'HttpOnly', fix: '`httpOnly: true`' },
          suggestions: [
            {
              messageId: 'addFlags',
              output: `import jwt from 'jsonwebtoken';\nres.cookie('auth', jwt.sign({ sub: user.id }, secret), { secure: true, sameSite: 'lax', httpOnly: true });`,
            },
          ],
        },
      ],
    },
  ],
});

espreeTester.run('require-secure-cookies (espree)', rule, {
  valid: [
    `const express = require('express'); const app = express(); app.get('/', (req, res) => res.cookie('tz', 'UTC'));`,
    `module.exports = (req, res) => res.cookie('sid', id, { httpOnly: true, secure: true, sameSite: 'strict' });`,
  ],
  invalid: [
    {
      code: `const session = require('express-session');\napp.use(session({ secret: 's', cookie: { httpOnly: true, maxAge: 3600000 } }));`,
      errors: [{ messageId: 'missingFlags', line: 2, column: 40, endLine: 2, endColumn: 75 }],
    },
    {
      code: `function remember(res, token) {\n  res.cookie('remember_me', token, { httpOnly: true, secure: false, sameSite: 'lax' });\n}`,
      errors: [
        {
          messageId: 'insecureFlag',
          line: 2,
          column: 62,
          endLine: 2,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'useSafeValue',
              output: `function remember(res, token) {\n  res.cookie('remember_me', token, { httpOnly: true, secure: true, sameSite: 'lax' });\n}`,
            },
          ],
        },
      ],
    },
  ],
});

// express-session options kept in a config object, and Set-Cookie strings with a conditional flag.
const exportedSessionConfig = `module.exports = {
  session: { secret: process.env.SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: false } },
};`;
const passedOnConfig = `import session from 'express-session';
const sessionOptions = { secret: process.env.SECRET, resave: false, saveUninitialized: true, cookie: { secure: false, sameSite: 'lax' } };
app.use(session(sessionOptions));`;
const computedMaxAge = 'res.setHeader("Set-Cookie", `${tokenName}=${oauthres.access_token}; Max-Age=${oauthres.expires_in}; Path=/`);';
const conditionalSecure =
  "export default function handler(req, res) {\n  res.setHeader('Set-Cookie', `session=${jwt}; Path=/; HttpOnly;${process.env.NODE_ENV === 'production' ? ' Secure' : ''}`);\n}";

ruleTester.run('require-secure-cookies (config objects and conditional flags)', rule, {
  valid: [
    // An express-session-shaped config with sound flags, or flags left to the place it is used.
    `export const sessionConfig = { secret: process.env.SECRET, resave: false, saveUninitialized: false, cookie: { secure: true, sameSite: 'lax' } };`,
    `export const sessionConfig = { secret: process.env.SECRET, resave: false, saveUninitialized: false, cookie: { maxAge: 3600000 } };`,
    // A `cookie` object that is not session middleware configuration.
    `export const consent = { banner: true, cookie: { secure: false, name: 'consent' } };`,
    // All three flags, Secure under a condition.
    "res.setHeader('Set-Cookie', `session=${jwt}; Path=/; HttpOnly; SameSite=Lax${isProd ? '; Secure' : ''}`);",
    // An attribute hole we cannot read stays unknown.
    "res.setHeader('Set-Cookie', `session=${jwt}; Path=/; HttpOnly${cookieAttributes}`);",
    // A computed attribute value beside all three flags; holes that may hold flags stay unknown.
    "res.setHeader('Set-Cookie', `session=${jwt}; Max-Age=${expiresIn}; Path=/; HttpOnly; Secure; SameSite=Lax`);",
    "res.setHeader('Set-Cookie', `session=${jwt}; Max-Age=${expiresIn}; ${cookieFlags}`);",
    "res.setHeader('Set-Cookie', `session=${jwt}; Max-Age=${expiresIn}${cookieFlags}`);",
    "res.setHeader('Set-Cookie', `session=${jwt}; Expires=${expires}; ${flagName}=${flagValue}`);",
  ],
  invalid: [
    {
      code: exportedSessionConfig,
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(exportedSessionConfig, 'false', 2),
          suggestions: [{ messageId: 'useSafeValue', output: exportedSessionConfig.replace('secure: false', 'secure: true') }],
        },
      ],
    },
    {
      code: passedOnConfig,
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(passedOnConfig, 'false', 1),
          suggestions: [{ messageId: 'useSafeValue', output: passedOnConfig.replace('secure: false', 'secure: true') }],
        },
      ],
    },
    {
      code: computedMaxAge,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(computedMaxAge, '`${tokenName}=${oauthres.access_token}; Max-Age=${oauthres.expires_in}; Path=/`'),
        },
      ],
    },
    {
      code: conditionalSecure,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(conditionalSecure, "`session=${jwt}; Path=/; HttpOnly;${process.env.NODE_ENV === 'production' ? ' Secure' : ''}`"),
        },
      ],
    },
  ],
});

// Session plugins registered on Fastify, Nuxt's useCookie and injected `$cookies` jars, auth libraries' cookie configs.
const fastifySessionOff = `import fastifySession from '@fastify/session';
fastify.register(fastifySession, { secret, cookie: { secure: false, httpOnly: true } });`;
const nuxtUseCookie = `const tokenData = await $fetch('/api/auth/callback', { query: route.query });
const accessToken = useCookie('access-token', { maxAge: 86400 });
accessToken.value = tokenData.access_token;`;
const nuxtUseCookieNoHttpOnly = `const authCookie = useCookie('auth', { secure: true, sameSite: 'strict' });
authCookie.value = data.value.access_token;`;
const injectedJar = `export default { async fetch({ app, $axios }) {
  const res = await $axios.post('/oauth/token', body);
  app.$cookies.set('access_token', res.data.access_token);
} };`;
const nextAuthCookies = `import NextAuth from 'next-auth';
export const { handlers } = NextAuth({
  providers: [],
  cookies: { sessionToken: { name: 'next-auth.session-token', options: { httpOnly: false, sameSite: 'lax', secure: true } } },
});`;
const betterAuthSwitch = `import { betterAuth } from 'better-auth';
export const auth = betterAuth({ advanced: { useSecureCookies: false } });`;
const betterAuthDefaults = `import { betterAuth } from 'better-auth';
export const auth = betterAuth({ advanced: { defaultCookieAttributes: { secure: false, sameSite: 'lax' } } });`;

ruleTester.run('require-secure-cookies (plugins, composables and auth-library configs)', rule, {
  valid: [
    // @fastify/session sets Secure and HttpOnly by default; a non-constant Secure counts as set.
    `import fastifySession from '@fastify/session'; fastify.register(fastifySession, { secret, cookie: { maxAge: 3600 } });`,
    `import session from '@fastify/session'; app.register(session, { secret, cookie: { secure: process.env.NODE_ENV === 'production' } });`,
    // Another plugin's options are not session cookie options.
    `import cors from '@fastify/cors'; fastify.register(cors, { cookie: { secure: false } });`,
    // useCookie: read only, a preference, all flags written, or a reset.
    `const token = useCookie('access_token'); if (!token.value) navigateTo('/login');`,
    `const theme = useCookie('theme'); theme.value = 'dark';`,
    `const rt = useCookie('refresh_token', { httpOnly: true, secure: true, sameSite: 'lax' }); rt.value = tokens.refresh_token;`,
    `const rt = useCookie('refresh_token'); rt.value = null;`,
    // A local function named useCookie is not Nuxt's.
    `function useCookie(name) { return { value: '' }; } const c = useCookie('auth'); c.value = token;`,
    // Injected jar: a preference, or flags written.
    `app.$cookies.set('locale', 'en');`,
    `this.$cookies.set('access_token', token, { httpOnly: true, secure: true, sameSite: 'lax' });`,
    // Auth libraries: flags on, a non-constant flag, or a cookie that carries nothing secret.
    `import NextAuth from 'next-auth'; export default NextAuth({ cookies: { sessionToken: { name: 'st', options: { httpOnly: true, secure: true, sameSite: 'lax' } } } });`,
    `import NextAuth from 'next-auth'; export default NextAuth({ cookies: { sessionToken: { options: { secure: process.env.NODE_ENV === 'production' } } } });`,
    `import NextAuth from 'next-auth'; export default NextAuth({ cookies: { callbackUrl: { options: { secure: false } } } });`,
    `import { betterAuth } from 'better-auth'; export const auth = betterAuth({ advanced: { useSecureCookies: true, defaultCookieAttributes: { secure: true, httpOnly: true } } });`,
    // The same shapes without the library: not its configuration.
    `export const analytics = { advanced: { useSecureCookies: false }, cookies: { sessionToken: { options: { secure: false } } } };`,
  ],
  invalid: [
    {
      code: fastifySessionOff,
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(fastifySessionOff, 'false'),
          suggestions: [{ messageId: 'useSafeValue', output: fastifySessionOff.replace('secure: false', 'secure: true') }],
        },
      ],
    },
    {
      code: nuxtUseCookie,
      errors: [
        {
          messageId: 'missingFlags',
          data: {
            cookie: "Cookie 'access-token'",
            content: 'a token',
            flags: 'Secure, HttpOnly and SameSite',
            fix: "`secure: true`, `httpOnly: true` and `sameSite: 'lax'`",
          },
          ...at(nuxtUseCookie, "useCookie('access-token', { maxAge: 86400 })"),
        },
      ],
    },
    {
      code: nuxtUseCookieNoHttpOnly,
      errors: [{ messageId: 'missingFlags', ...at(nuxtUseCookieNoHttpOnly, "useCookie('auth', { secure: true, sameSite: 'strict' })") }],
    },
    {
      code: injectedJar,
      errors: [{ messageId: 'missingFlags', ...at(injectedJar, "app.$cookies.set('access_token', res.data.access_token)") }],
    },
    {
      code: nextAuthCookies,
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(nextAuthCookies, 'false'),
          suggestions: [{ messageId: 'useSafeValue', output: nextAuthCookies.replace('httpOnly: false', 'httpOnly: true') }],
        },
      ],
    },
    {
      code: betterAuthSwitch,
      errors: [
        {
          messageId: 'insecureFlag',
          data: { text: 'useSecureCookies: false', cookie: 'the session cookie', content: 'a session' },
          ...at(betterAuthSwitch, 'false'),
          suggestions: [{ messageId: 'useSafeValue', output: betterAuthSwitch.replace('false', 'true') }],
        },
      ],
    },
    {
      code: betterAuthDefaults,
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(betterAuthDefaults, 'false'),
          suggestions: [{ messageId: 'useSafeValue', output: betterAuthDefaults.replace('false', 'true') }],
        },
      ],
    },
  ],
});

// Set-Cookie strings a helper builds from its parameters, or joins from parts.
const cookieBuilder = `function setCookie(name, value, maxAge) {
  const attrs = [\`\${name}=\${encodeURIComponent(value)}\`, 'Path=/', 'HttpOnly', 'SameSite=Lax', \`Max-Age=\${maxAge}\`];
  return attrs.join('; ');
}
export function login(sid) {
  return new Response('{}', { headers: { 'set-cookie': setCookie('sid', sid, 3600) } });
}
export function logout() {
  return new Response('{}', { headers: { 'set-cookie': setCookie('sid', '', 0) } });
}
export function refresh(sid) {
  return new Response('{}', { headers: { 'set-cookie': setCookie('sid', sid, 60) } });
}`;
const cookieTemplateHelper = `const sessionCookie = (value) => \`session=\${value}; Path=/; Secure; SameSite=Lax\`;
export function login(res, jwt) {
  res.setHeader('Set-Cookie', sessionCookie(jwt));
}`;
const joinedCookie = `export function login(res, sid) {
  res.setHeader('Set-Cookie', [\`sid=\${sid}\`, ...BASE_ATTRIBUTES, 'HttpOnly'].join('; '));
}
const BASE_ATTRIBUTES = ['Path=/', 'SameSite=Lax'];`;
espreeTester.run('require-secure-cookies (built cookie strings)', rule, {
  valid: [
    cookieBuilder.replace("'HttpOnly',", "'HttpOnly', 'Secure',"),
    // Only the logout clears: nothing to protect.
    cookieBuilder.slice(0, cookieBuilder.indexOf('export function login')) +
      "export const logout = () => new Response('{}', { headers: { 'set-cookie': setCookie('sid', '', 0) } });",
    // A preference through the same helper.
    cookieBuilder.replace(/setCookie\('sid', sid/g, "setCookie('theme', 'dark'"),
    cookieTemplateHelper.replace('Secure; SameSite=Lax', 'Secure; HttpOnly; SameSite=Lax'),
    // Attributes the reader cannot see.
    joinedCookie.replace('...BASE_ATTRIBUTES', '...attributes()'),
    joinedCookie.replace("'HttpOnly'", "'HttpOnly', 'Secure'"),
  ],
  invalid: [
    // Once, where the helper writes the string, for all its callers.
    {
      code: cookieBuilder,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(cookieBuilder, cookieBuilder.slice(cookieBuilder.indexOf('[`'), cookieBuilder.indexOf('];') + 1)),
        },
      ],
    },
    {
      code: cookieTemplateHelper,
      errors: [{ messageId: 'missingFlags', ...at(cookieTemplateHelper, '`session=${value}; Path=/; Secure; SameSite=Lax`') }],
    },
    {
      code: joinedCookie,
      errors: [{ messageId: 'missingFlags', ...at(joinedCookie, "[`sid=${sid}`, ...BASE_ATTRIBUTES, 'HttpOnly']") }],
    },
  ],
});

// Astro's `cookies.set` adds no flag: an endpoint's context jar, typed by import, by JSDoc, or by its place in `src/pages/`.
const astroTyped = `import type { APIRoute } from 'astro';
export const get: APIRoute = async (ctx) => {
  const tokens = await exchange(ctx.url.searchParams.get('code'));
  ctx.cookies.set('access_token', tokens.access_token);
  return ctx.redirect('/');
};`;
const astroEndpoint = `export async function GET({ cookies, redirect, url }) {
  const tokens = await exchange(url.searchParams.get('code'));
  cookies.set('access_token', tokens.access_token);
  return redirect('/');
}`;
const astroJsDoc = `/** @param {import("astro").AstroGlobal} astroGlobal */
export default async function doAuth(astroGlobal) {
  const { cookies } = astroGlobal;
  const auth = await exchange(astroGlobal);
  cookies.set('access_token', auth.accessToken);
}`;

const withAllFlags = (code: string, value: string): string =>
  code.replace(`${value})`, `${value}, { secure: true, httpOnly: true, sameSite: 'lax' })`);
const addAllFlags = (code: string, value: string) => [{ messageId: 'addFlags' as const, output: withAllFlags(code, value) }];

ruleTester.run('require-secure-cookies (Astro)', rule, {
  valid: [
    `import type { APIRoute } from 'astro';
export const GET: APIRoute = async ({ cookies }) => {
  cookies.set('access_token', token, { httpOnly: true, secure: true, sameSite: 'lax' });
  return new Response(null);
};`,
    // Under src/pages/ without an HTTP-method export (a Next.js pages API route), or a method export elsewhere: an unknown jar.
    {
      code: `export default function handler(req, res) {\n  const cookies = makeJar(req, res);\n  cookies.set('access_token', token);\n}`,
      filename: 'src/pages/api/login.js',
    },
    { code: astroEndpoint, filename: 'src/routes/auth/callback.js' },
  ],
  invalid: [
    {
      code: astroTyped,
      filename: 'src/pages/auth/callback.ts',
      errors: [
        {
          messageId: 'missingFlags',
          ...at(astroTyped, "ctx.cookies.set('access_token', tokens.access_token)"),
          suggestions: addAllFlags(astroTyped, 'tokens.access_token'),
        },
      ],
    },
    {
      code: astroEndpoint,
      filename: 'src/pages/auth/callback.js',
      errors: [
        {
          messageId: 'missingFlags',
          ...at(astroEndpoint, "cookies.set('access_token', tokens.access_token)"),
          suggestions: addAllFlags(astroEndpoint, 'tokens.access_token'),
        },
      ],
    },
    {
      code: astroJsDoc,
      filename: 'src/lib/actions/do-auth.js',
      errors: [
        {
          messageId: 'missingFlags',
          ...at(astroJsDoc, "cookies.set('access_token', auth.accessToken)"),
          suggestions: addAllFlags(astroJsDoc, 'auth.accessToken'),
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-d): a SvelteKit action storing its session JWT under a run-together name.
const svelteKitJwtCookie = `export const actions = {
  login: async ({ request, cookies }) => {
    const res = await fetch(BACKEND + '/login', { method: 'POST', body: await request.formData() });
    if (res.status == 200) cookies.set('jwttoken', await res.json(), { maxAge: 86400, sameSite: 'strict', httpOnly: false });
    return res.status;
  },
};`;

ruleTester.run('require-secure-cookies (real code: run-together token names)', rule, {
  valid: [
    // SvelteKit's own defaults (HttpOnly, Secure, SameSite=Lax) hold.
    { code: svelteKitJwtCookie.replace(', httpOnly: false', ''), filename: 'src/routes/login/+page.server.ts' },
  ],
  invalid: [
    {
      code: svelteKitJwtCookie,
      filename: 'src/routes/login/+page.server.ts',
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(svelteKitJwtCookie, 'false'),
          suggestions: [{ messageId: 'useSafeValue', output: svelteKitJwtCookie.replace('httpOnly: false', 'httpOnly: true') }],
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-e): every flag switched off is its own finding, at its value.
const twoFlagsOff = `import session from 'express-session';
app.use(session({ secret, store, cookie: { httpOnly: false, sameSite: 'none', secure: false } }));`;

ruleTester.run('require-secure-cookies (real code: several flags off)', rule, {
  valid: [twoFlagsOff.replace('httpOnly: false', 'httpOnly: true').replace('secure: false', 'secure: true')],
  invalid: [
    {
      code: twoFlagsOff,
      errors: [
        {
          messageId: 'insecureFlag',
          ...at(twoFlagsOff, 'false'),
          suggestions: [{ messageId: 'useSafeValue', output: twoFlagsOff.replace('httpOnly: false', 'httpOnly: true') }],
        },
        {
          messageId: 'insecureFlag',
          ...at(twoFlagsOff, 'false', 1),
          suggestions: [{ messageId: 'useSafeValue', output: twoFlagsOff.replace('secure: false', 'secure: true') }],
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-e): the signed-in user's id is the session the app trusts.
const userIdCookie = `exports.handler = async (event) => ({
  statusCode: 302,
  headers: { 'Set-Cookie': \`user_id=\${profile.sub}; Path=/; Secure; HttpOnly\`, Location: '/' },
});`;

ruleTester.run('require-secure-cookies (real code: a user id cookie)', rule, {
  valid: [
    userIdCookie.replace('HttpOnly', 'HttpOnly; SameSite=Lax'),
    // Not an identity: a UI preference of the user.
    userIdCookie.replace('user_id=', 'user_theme='),
  ],
  invalid: [
    {
      code: userIdCookie,
      errors: [{ messageId: 'missingFlags', ...at(userIdCookie, '`user_id=${profile.sub}; Path=/; Secure; HttpOnly`') }],
    },
  ],
});

// Seen in real code (fresh-2026-12-f): Deno's standard-library setCookie (Fresh), and a cookie named
// by an app prefix glued to "JWT".
const denoSetCookie = `import { setCookie } from '$std/http/cookie.ts';
export async function handler(req: Request, ctx: HandlerContext): Promise<Response> {
  const accessToken = await exchange(new URL(req.url).searchParams.get('code'));
  const response = await ctx.render();
  setCookie(response.headers, { name: 'deploy_chat_token', value: accessToken, maxAge: 604800, httpOnly: true });
  return response;
}`;
const prefixedJwtCookie = `@Controller('/auth')
export class AuthController {
  @Get('/callback')
  callback(@Req() request, @Res() response) {
    return request.user.subscribe(async (user) => {
      response.cookie('SQJWT', await this.jwtService.sign(user));
      response.redirect('/app/');
    });
  }
}`;

const denoUrlImport = denoSetCookie.replace("from '$std/http/cookie.ts'", "from 'https://deno.land/std@0.150.0/http/cookie.ts'");

ruleTester.run('require-secure-cookies (real code: Deno std setCookie, prefixed JWT names)', rule, {
  valid: [
    denoSetCookie.replace('httpOnly: true', "httpOnly: true, secure: true, sameSite: 'Lax'"),
    denoSetCookie
      .replace("from '$std/http/cookie.ts'", "from 'jsr:@std/http@1/cookie'")
      .replace('httpOnly: true', "httpOnly: true, secure: true, sameSite: 'Strict'"),
    // A preference, not a token.
    denoSetCookie.replace("name: 'deploy_chat_token', value: accessToken", "name: 'theme', value: 'dark'"),
    // Django-style CSRF token cookies must stay readable by scripts.
    prefixedJwtCookie.replace("'SQJWT'", "'csrfjwt'"),
  ],
  invalid: [
    {
      code: denoSetCookie,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(
            denoSetCookie,
            "setCookie(response.headers, { name: 'deploy_chat_token', value: accessToken, maxAge: 604800, httpOnly: true })",
          ),
        },
      ],
    },
    {
      code: denoUrlImport,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(
            denoUrlImport,
            "setCookie(response.headers, { name: 'deploy_chat_token', value: accessToken, maxAge: 604800, httpOnly: true })",
          ),
        },
      ],
    },
    {
      code: prefixedJwtCookie,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(prefixedJwtCookie, "response.cookie('SQJWT', await this.jwtService.sign(user))"),
          suggestions: [
            {
              messageId: 'addFlags',
              output: prefixedJwtCookie.replace(
                'this.jwtService.sign(user))',
                "this.jwtService.sign(user), { secure: true, httpOnly: true, sameSite: 'lax' })",
              ),
            },
          ],
        },
      ],
    },
  ],
});

// Real code (fresh-2026-12-i): SvelteKit hooks serializing each platform's tokens into a cookie
// named by a template, and a Next.js API route setting a Set-Cookie array with `.filter(Boolean)`.
const platformCookies = `import cookie from 'cookie';
export const handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  for (const platform of ['discord', 'twitch']) {
    response.headers.append('set-cookie', cookie.serialize(\`\${platform}token\`, \`\${event.locals[platform]?.access_token || ''}\`, { path: '/', httpOnly: true }));
  }
  return response;
};`;

const filteredSetCookie = `export default async function handler(req, res) {
  const tokens = await exchangeCodeForTokens(req.query.code);
  res.setHeader('Set-Cookie', [
    \`yoto_access=\${tokens.access_token}; Path=/; HttpOnly; SameSite=Lax\`,
    tokens.refresh_token ? \`yoto_refresh=\${tokens.refresh_token}; Path=/; HttpOnly; SameSite=Lax\` : '',
  ].filter(Boolean));
  res.redirect('/');
}`;

ruleTester.run('require-secure-cookies (real code: interpolated token values, filtered Set-Cookie arrays)', rule, {
  valid: [
    platformCookies.replace("{ path: '/', httpOnly: true }", "{ path: '/', httpOnly: true, secure: true, sameSite: 'lax' }"),
    // An interpolated preference is no token.
    platformCookies.replace('?.access_token', '?.theme').replace('}token', '}theme'),
    filteredSetCookie.replaceAll('HttpOnly; SameSite=Lax', 'HttpOnly; Secure; SameSite=Lax'),
  ],
  invalid: [
    {
      code: platformCookies,
      errors: [
        {
          messageId: 'missingFlags',
          ...at(
            platformCookies,
            "cookie.serialize(`${platform}token`, `${event.locals[platform]?.access_token || ''}`, { path: '/', httpOnly: true })",
          ),
          suggestions: [
            {
              messageId: 'addFlags',
              output: platformCookies.replace(
                "{ path: '/', httpOnly: true }",
                "{ path: '/', httpOnly: true, secure: true, sameSite: 'lax' }",
              ),
            },
          ],
        },
      ],
    },
    {
      code: filteredSetCookie,
      errors: [
        { messageId: 'missingFlags', ...at(filteredSetCookie, '`yoto_access=${tokens.access_token}; Path=/; HttpOnly; SameSite=Lax`') },
        { messageId: 'missingFlags', ...at(filteredSetCookie, '`yoto_refresh=${tokens.refresh_token}; Path=/; HttpOnly; SameSite=Lax`') },
      ],
    },
  ],
});
