/**
 * HTTP clients: the packages whose calls send a request. One list for every analysis that
 * asks "does this call go over the network" (a key-set fetch, a refresh request, a token request).
 */

/** Packages whose exports send HTTP requests (any export: `axios.get`, `got.post`, `ky(url)`). */
export const HTTP_CLIENT_MODULES: ReadonlySet<string> = new Set([
  'axios',
  'got',
  'ky',
  'superagent',
  'node-fetch',
  'ofetch',
  'undici',
  'cross-fetch',
  'isomorphic-fetch',
  'wretch',
  'request',
  'request-promise',
  'request-promise-native',
  'needle',
  'redaxios',
]);

/**
 * HTTP client classes whose instances send requests with their methods (`this.http.post(url, body)`,
 * injected by type). Only their methods are requests: the same module's other exports
 * (`HttpRequest`, `HttpHandlerFn`, `HttpParams`) and what the methods return are not.
 */
export const HTTP_CLIENT_CLASSES: readonly (readonly [module: string, className: string])[] = [['@angular/common/http', 'HttpClient']];

/** The request methods of an HTTP client class. */
export const HTTP_CLIENT_CLASS_METHODS: ReadonlySet<string> = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'request',
  'jsonp',
]);

/** The method of a request builder (superagent, supertest) that adds query parameters: `.query({ … })`. */
export const REQUEST_BUILDER_QUERY_METHOD = 'query';

/** Globals that send a request: WHATWG `fetch`, and Nuxt's auto-imported `$fetch`. */
export const HTTP_CLIENT_GLOBALS: ReadonlySet<string> = new Set(['fetch', '$fetch']);

/**
 * Constructors of a form body whose fields are added with `.append(name, value)` / `.set(…)`:
 * the global `FormData` and the `form-data` package's default export (origin patterns).
 */
export const FORM_DATA_CONSTRUCTORS: readonly string[] = ['<global>#FormData', 'form-data'];
