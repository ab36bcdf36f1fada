/**
 * How server code names the incoming request, and which of its cookies carry tokens.
 * One home for every analysis that asks "is this the request?" (tokens, callbacks,
 * request input, JWT sources).
 */

/**
 * Names frameworks give a handler's request object: Express/Fastify `req`/`request`,
 * Koa and Nest `ctx`/`context`, Lambda, H3 and SvelteKit `event`/`evt`, Hono `c`,
 * Go-style `r`, Azure Functions `httpRequest`.
 */
export const REQUEST_OBJECT_NAMES: ReadonlySet<string> = new Set([
  'req',
  'request',
  'ctx',
  'context',
  'event',
  'evt',
  'c',
  'r',
  'httpRequest',
]);

/**
 * Names a client router gives the current route, whose `query` and `params` are the URL's:
 * Vue Router's `this.$route`, Nuxt's context `route` (`asyncData({ route })`, `fetch({ route })`),
 * a route handed to a function as `route`.
 */
export const ROUTE_OBJECT_NAMES: ReadonlySet<string> = new Set(['route', '$route']);

/** Injected route objects whose `queryParams` / `queryParamMap` are the URL's: Angular's `ActivatedRoute`. */
export const ROUTE_CLASSES: readonly string[] = ['@angular/router#ActivatedRoute'];

/**
 * SvelteKit's page object, whose `url` is the browser's current URL: the `page` store of
 * `$app/stores` (`$page.url`, `get(page).url`) and the `page` state of `$app/state` (Svelte 5).
 */
export const SVELTEKIT_PAGE_MODULES: readonly string[] = ['$app/stores', '$app/state'];

/** A cookie whose name says it carries a session or a token (`app_session`, `id_token`, `sid`, `auth`). */
export const TOKEN_COOKIE_NAME = /token|jwt|session|sid|auth/i;

/**
 * Browser APIs that hand a token to a callback: the callback's first parameter is the token.
 * `chrome.identity.getAuthToken(details, (token) => …)` (also as `browser.identity` in Firefox).
 */
export const CALLBACK_TOKEN_SOURCES: ReadonlyMap<string, 'access' | 'id' | 'refresh'> = new Map([
  ['<global>#chrome.identity.getAuthToken', 'access'],
  ['<global>#browser.identity.getAuthToken', 'access'],
]);
/** Functions that read a property path of an object: `_.get(query, 'state.href', fallback)` (object at 0, dotted path at 1). */
export const PROPERTY_PATH_GETTERS: readonly string[] = ['lodash#get', 'lodash-es#get', 'lodash.get#', 'lodash/get#', 'underscore#get'];

/** Parameter decorators that bind a part of the request to a handler parameter (NestJS, routing-controllers). */
export const REQUEST_PARAMETER_DECORATORS: readonly (readonly [string, 'query' | 'body' | 'params'])[] = [
  ['@nestjs/common#Query', 'query'],
  ['@nestjs/common#Body', 'body'],
  ['@nestjs/common#Param', 'params'],
  ['routing-controllers#QueryParam', 'query'],
  ['routing-controllers#QueryParams', 'query'],
  ['routing-controllers#BodyParam', 'body'],
  ['routing-controllers#Param', 'params'],
];

/**
 * Functions that read one cookie of the incoming request, `(event, name)`: h3's (auto-imported in
 * Nuxt server routes, hence the global) and Hono's `getCookie(c, name)`.
 */
export const REQUEST_COOKIE_GETTERS: readonly string[] = ['h3#getCookie', 'hono/cookie#getCookie', '<global>#getCookie'];
/** Calls whose result is the request's cookie store, read with `.get(name)?.value`: Next.js `cookies()`. */
export const REQUEST_COOKIE_STORES: readonly string[] = ['next/headers#cookies'];
/**
 * Hono's validated input, `c.req.valid('query')` (@hono/zod-validator, hono/validator): the part of
 * the request the validator's target names. A schema checks the shape, not where a URL points.
 */
export const VALIDATED_INPUT_TARGETS: Readonly<Record<string, 'query' | 'body' | 'params' | 'cookies'>> = {
  query: 'query',
  json: 'body',
  form: 'body',
  param: 'params',
  cookie: 'cookies',
};

/**
 * @hapi/bell custom providers, `{ protocol: 'oauth2', auth, token, profile(credentials, params, get) }`:
 * bell calls `profile` after its code exchange with the credentials it built from the token
 * response, so `credentials.token` is the access token and `credentials.refreshToken` the
 * refresh token (`params` is the raw token response, whose `id_token` its name tells).
 */
export const BELL_PROVIDER = {
  /** The `protocol` values of a provider that runs the code exchange (OAuth 1.0a tokens are no JWTs). */
  protocols: new Set(['oauth2']),
  /** Keys every such provider has besides `protocol`: the authorization and token endpoints. */
  endpointKeys: ['auth', 'token'],
  profileKey: 'profile',
  credentialFields: new Map<string, 'access' | 'refresh'>([
    ['token', 'access'],
    ['refreshToken', 'refresh'],
  ]),
} as const;

/**
 * The modules a Remix (or React Router 7 framework-mode) server imports its runtime helpers
 * from — `redirect`, `createCookie`, `createCookieSessionStorage`: the adapters, the shared
 * runtime, and `remix`, the package Remix 1.0 apps imported everything from.
 */
export const REMIX_SERVER_MODULES: readonly string[] = [
  '@remix-run/node',
  '@remix-run/cloudflare',
  '@remix-run/deno',
  '@remix-run/server-runtime',
  'remix',
  'react-router',
];

/**
 * Parsers that turn a request value into an object (`qs.parse(req.query.state)`,
 * `JSON.parse(atob(state))`): what they give back is as much the request's as their input.
 */
export const REQUEST_VALUE_PARSERS: readonly string[] = [
  '<global>#JSON.parse',
  'qs#parse',
  'querystring#parse',
  'query-string#parse',
  'querystringify#parse',
];

/** Decoders a request value passes through before it is parsed: `atob(state)`, `decodeURIComponent(state)`. */
export const REQUEST_VALUE_DECODERS: readonly string[] = ['<global>#atob', '<global>#decodeURIComponent', '<global>#unescape'];

/**
 * Electron's navigation events, whose listener gets the URL the window is sent to as its second
 * argument, the OAuth redirect in desktop apps: `win.webContents.on('will-navigate', (event, url) => …)`.
 */
export const ELECTRON_NAVIGATION_EVENTS: ReadonlySet<string> = new Set([
  'will-navigate',
  'will-redirect',
  'did-navigate',
  'did-redirect-navigation',
]);

/**
 * Browser-extension events whose listener gets the URL a tab navigates to, the OAuth redirect of
 * extensions that watch the login tab: the event's namespace (`chrome.webNavigation.onCompleted`,
 * any event of the namespace, or `chrome.tabs.onUpdated`) and which listener parameters carry a
 * `url` (the details object; the change info and the tab).
 */
export const EXTENSION_NAVIGATION_LISTENERS: ReadonlyMap<string, readonly number[]> = new Map([
  ['webNavigation.*', [0]],
  ['webRequest.*', [0]],
  ['tabs.onUpdated', [1, 2]],
]);
/**
 * SDK calls whose result holds the authorization response's parameters under `.params`, and
 * where that result is: expo-auth-session's `const [request, result] = useAuthRequest(…)`
 * (element 1) and `await promptAsync()` / `await request.promptAsync(…)` (the awaited value).
 */
export const AUTH_RESULT_SOURCES: ReadonlyMap<string, number | 'awaited'> = new Map<string, number | 'awaited'>([
  ['expo-auth-session#useAuthRequest', 1],
  ['expo-auth-session#AuthRequest.().promptAsync', 'awaited'],
  ['expo-auth-session#startAsync', 'awaited'],
]);

/** The global objects of the extension APIs (Chrome's, and the WebExtensions `browser`). */
export const EXTENSION_API_ROOTS: ReadonlySet<string> = new Set(['chrome', 'browser']);

/** The method that installs a server plugin with its options: Fastify's `fastify.register(plugin, options)`. */
export const PLUGIN_REGISTER_METHOD = 'register';
