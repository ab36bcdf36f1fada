import { REMIX_SERVER_MODULES } from './requests';

/**
 * Cookie-setting APIs and the flags each sets by default. Data only; src/analysis/cookies.ts
 * reads it.
 *
 * A default "counts as set" (catalog, Decisions): Koa's `cookies` and cookie-session set
 * `HttpOnly` by default and `Secure` on HTTPS requests; SvelteKit's `cookies.set` sets all
 * three; express-openid-connect and next-auth ship secure session-cookie defaults.
 * `'unknown'` means the defaults are configured elsewhere (a Fastify plugin's options):
 * only a wrong value written at the call reports.
 */
export type CookieFlag = 'secure' | 'httpOnly' | 'sameSite';
export type FlagDefault = 'set' | 'missing' | 'unknown';
export type CookieDefaults = Readonly<Record<CookieFlag, FlagDefault>>;

export type CookieApi =
  | 'express'
  | 'fastify'
  | 'koa'
  | 'cookie-serialize'
  | 'set-cookie-header'
  | 'next'
  | 'h3'
  | 'hono'
  | 'sveltekit'
  | 'astro'
  | 'express-session'
  | 'cookie-session'
  | 'koa-session'
  | 'remix'
  | 'document-cookie'
  | 'js-cookie'
  | 'script-cookie'
  | 'fastify-session'
  | 'nuxt'
  | 'deno'
  | 'unknown';

const NONE: CookieDefaults = { secure: 'missing', httpOnly: 'missing', sameSite: 'missing' };
const ALL: CookieDefaults = { secure: 'set', httpOnly: 'set', sameSite: 'set' };
const UNKNOWN: CookieDefaults = { secure: 'unknown', httpOnly: 'unknown', sameSite: 'unknown' };
// The `cookies` module behind Koa, cookie-session and koa-session: HttpOnly by default, Secure on HTTPS requests.
const COOKIES_MODULE: CookieDefaults = { secure: 'set', httpOnly: 'set', sameSite: 'missing' };

export const COOKIE_DEFAULTS: Readonly<Record<CookieApi, CookieDefaults>> = {
  express: NONE,
  fastify: UNKNOWN,
  koa: COOKIES_MODULE,
  'cookie-serialize': NONE,
  'set-cookie-header': NONE,
  next: NONE,
  h3: NONE,
  hono: NONE,
  sveltekit: ALL,
  // Astro's `cookies.set` hands its options to the `cookie` package's serialize unchanged: no flag by default.
  astro: NONE,
  // express-session: `cookie.httpOnly` defaults to true, `secure` to false, no SameSite.
  'express-session': { secure: 'missing', httpOnly: 'set', sameSite: 'missing' },
  'cookie-session': COOKIES_MODULE,
  'koa-session': COOKIES_MODULE,
  // Remix / React Router `createCookie`: SameSite=Lax and Path=/ by default.
  remix: { secure: 'missing', httpOnly: 'missing', sameSite: 'set' },
  'document-cookie': NONE,
  'js-cookie': NONE,
  'script-cookie': NONE,
  // @fastify/session: `cookie.secure` and `cookie.httpOnly` default to true; no SameSite unless written
  // (left unknown: whether that default matters is not decided for Fastify, so only a wrong value reports).
  'fastify-session': { secure: 'set', httpOnly: 'set', sameSite: 'unknown' },
  // Nuxt `useCookie` sets no flag by default (and in the browser it writes `document.cookie`).
  nuxt: NONE,
  // Deno's standard library `setCookie(headers, cookie)` writes only the attributes given.
  deno: NONE,
  unknown: UNKNOWN,
};

/** Option spellings of each flag in option objects. */
export const FLAG_OPTION_NAMES: Readonly<Record<CookieFlag, readonly string[]>> = {
  secure: ['secure'],
  httpOnly: ['httpOnly', 'httponly'],
  sameSite: ['sameSite', 'samesite'],
};

/** Cookie-writing functions found by origin: which argument is the name, the value, the options. */
export interface CookieCall {
  readonly api: CookieApi;
  readonly name?: number;
  readonly value?: number;
  readonly options?: number;
  /** Options hold the flags at the top level of this argument (session middleware). */
  readonly sessionOptions?: number;
  /** Path of the cookie options inside the session middleware's options (`['cookie']`). */
  readonly cookiePath?: readonly string[];
  /** Runs in the page: the cookie can never be HttpOnly. `'unless-server'`: only when no request/response is passed. */
  readonly scriptWritten?: boolean | 'unless-server';
  /** The cookie as one object at this argument, name, value and flags together (Deno's `setCookie(headers, { name, value, … })`). */
  readonly cookieObject?: number;
}

export const COOKIE_CALLS: ReadonlyMap<string, CookieCall> = new Map<string, CookieCall>([
  ['cookie#serialize', { api: 'cookie-serialize', name: 0, value: 1, options: 2 }],
  ['cookie-es#serialize', { api: 'cookie-serialize', name: 0, value: 1, options: 2 }],
  ['h3#setCookie', { api: 'h3', name: 1, value: 2, options: 3 }],
  ['nuxt/app#setCookie', { api: 'h3', name: 1, value: 2, options: 3 }],
  ['hono/cookie#setCookie', { api: 'hono', name: 1, value: 2, options: 3 }],
  ['@std/http/cookie#setCookie', { api: 'deno', cookieObject: 1 }],
  ['@std/http#setCookie', { api: 'deno', cookieObject: 1 }],
  ['hono/cookie#setSignedCookie', { api: 'hono', name: 1, value: 2, options: 4 }],
  ['js-cookie#set', { api: 'js-cookie', name: 0, value: 1, options: 2, scriptWritten: true }],
  ['typescript-cookie#setCookie', { api: 'script-cookie', name: 0, value: 1, options: 2, scriptWritten: true }],
  ['universal-cookie#().set', { api: 'script-cookie', name: 0, value: 1, options: 2, scriptWritten: true }],
  ['ngx-cookie-service#CookieService.().set', { api: 'script-cookie', name: 0, value: 1, options: 2, scriptWritten: true }],
  ['ngx-cookie#CookieService.().put', { api: 'script-cookie', name: 0, value: 1, options: 2, scriptWritten: true }],
  // nookies: `setCookie(ctx, …)` on the server, `setCookie(null, …)` in the browser.
  ['nookies#setCookie', { api: 'express', name: 1, value: 2, options: 3, scriptWritten: 'unless-server' }],
  // cookies-next: server-side when `{ req, res }` (or `{ cookies }`) is passed.
  ['cookies-next#setCookie', { api: 'express', name: 0, value: 1, options: 2, scriptWritten: 'unless-server' }],
  ['express-session', { api: 'express-session', sessionOptions: 0, cookiePath: ['cookie'] }],
  ['cookie-session', { api: 'cookie-session', sessionOptions: 0, cookiePath: [] }],
  ['koa-session', { api: 'koa-session', sessionOptions: 0, cookiePath: [] }],
  ...REMIX_SERVER_MODULES.flatMap((module): [string, CookieCall][] => [
    [`${module}#createCookie`, { api: 'remix', name: 0, options: 1 }],
    [`${module}#createCookieSessionStorage`, { api: 'remix', sessionOptions: 0, cookiePath: ['cookie'] }],
  ]),
]);

/**
 * Session plugins registered on a Fastify instance: `fastify.register(plugin, options)`, the
 * session cookie's options under `cookie`. @fastify/secure-session documents no flag defaults.
 */
export const REGISTERED_SESSION_PLUGINS: ReadonlyMap<string, CookieCall> = new Map<string, CookieCall>([
  ['@fastify/session', { api: 'fastify-session', sessionOptions: 1, cookiePath: ['cookie'] }],
  ['fastify-session', { api: 'fastify-session', sessionOptions: 1, cookiePath: ['cookie'] }],
  ['@fastify/secure-session', { api: 'fastify', sessionOptions: 1, cookiePath: ['cookie'] }],
  ['fastify-secure-session', { api: 'fastify', sessionOptions: 1, cookiePath: ['cookie'] }],
]);
export { PLUGIN_REGISTER_METHOD } from './requests';

/**
 * Nuxt's `useCookie(name, options)`: auto-imported (a global in the file) or imported from these
 * modules; assigning the returned ref's `.value` writes the cookie.
 */
export const NUXT_USE_COOKIE = 'useCookie';
export const NUXT_COMPOSABLE_MODULES = ['#imports', '#app', 'nuxt/app'];
/** The cookie jar Nuxt/Vue plugins inject (cookie-universal-nuxt, vue-cookies): `app.$cookies.set(name, value, options)`. */
export const INJECTED_COOKIE_JAR = '$cookies';

/**
 * Auth libraries whose configuration holds cookie flags: where the flags sit (object paths from
 * the config, `*` for a cookie's own key) and switches that turn a flag off for every cookie.
 * Their defaults are secure; only a flag written as `false` reports.
 */
export interface AuthCookieConfig {
  readonly modules: readonly string[];
  readonly flagObjects: readonly (readonly string[])[];
  readonly switches: Readonly<Record<string, { readonly path: readonly string[]; readonly flag: CookieFlag }>>;
}
export const AUTH_LIBRARY_COOKIE_CONFIGS: readonly AuthCookieConfig[] = [
  // next-auth / Auth.js: `cookies: { sessionToken: { name, options: { secure, httpOnly, sameSite } } }`.
  { modules: ['next-auth', '@auth'], flagObjects: [['cookies', '*', 'options']], switches: {} },
  // better-auth: `advanced: { useSecureCookies, defaultCookieAttributes, cookies: { session_token: { attributes } } }`.
  {
    modules: ['better-auth'],
    flagObjects: [
      ['advanced', 'defaultCookieAttributes'],
      ['advanced', 'cookies', '*', 'attributes'],
    ],
    switches: { useSecureCookies: { path: ['advanced'], flag: 'secure' } },
  },
];
export const AUTH_LIBRARY_COOKIE_MODULES = AUTH_LIBRARY_COOKIE_CONFIGS.flatMap((config) => config.modules);

/** Next.js cookie jars: `cookies().set` (next/headers) and `NextResponse.*().cookies.set` (next/server). */
export const NEXT_COOKIE_SETTERS = ['next/headers#cookies.().set', 'next/server#NextResponse.**.cookies.set'];

/** Modules whose import makes `reply.cookie` / `reply.setCookie` Fastify's. */
export const FASTIFY_MODULES = ['fastify', '@fastify/cookie', 'fastify-cookie', 'fastify-plugin', '@nestjs/platform-fastify'];
export const KOA_MODULES = ['koa', '@koa/router', 'koa-router', 'koa-session'];
export const SVELTEKIT_MODULES = ['@sveltejs/kit', '$app/server'];
export const ASTRO_MODULES = ['astro', 'astro:middleware'];

/** JWT-producing calls: a cookie holding their result holds a token (the list lives with the JWT knowledge). */
export { TOKEN_PRODUCERS } from './jwt';

/** Text without which a file sets no cookie (Set-Cookie, res.cookie, setCookie, cookies.set, session middleware). */
export const COOKIE_TEXT_HINT = /cookie|session/i;

/** Header name that carries cookies in raw responses. */
export const SET_COOKIE_HEADER = 'set-cookie';
/** Methods that set a response header: `res.setHeader`, `reply.header`, `ctx.set`, `headers.append` … */
export const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

/** APIs whose options object takes `secure`/`httpOnly`/`sameSite`, so a suggestion can add them. */
export const OPTION_OBJECT_APIS: ReadonlySet<CookieApi | 'unknown'> = new Set<CookieApi | 'unknown'>([
  'express',
  'fastify',
  'koa',
  'cookie-serialize',
  'next',
  'h3',
  'hono',
  'sveltekit',
  'astro',
  'remix',
  'unknown',
]);
