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

/** A cookie whose name says it carries a session or a token (`app_session`, `id_token`, `sid`, `auth`). */
export const TOKEN_COOKIE_NAME = /token|jwt|session|sid|auth/i;

/** Functions that read a property path of an object: `_.get(query, 'state.href', fallback)` (object at 0, dotted path at 1). */
export const PROPERTY_PATH_GETTERS: readonly string[] = ['lodash#get', 'lodash-es#get', 'lodash.get#', 'lodash/get#', 'underscore#get'];
