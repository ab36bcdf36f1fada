/**
 * Token refresh, as data: library calls that refresh tokens (beyond the token-endpoint
 * exchanges of `oauth-libraries.ts`), the app-endpoint paths that mean "refresh my session",
 * and the libraries that serialise concurrent work (mutexes, limiters, memoizers).
 */

/** Library calls that send a refresh-token grant themselves. */
export const REFRESH_LIBRARY_CALLS: ReadonlyMap<string, string> = new Map([
  ['google-auth-library#**.refreshAccessToken', 'google-auth-library'],
  ['googleapis#**.refreshAccessToken', 'googleapis'],
  ['simple-oauth2#**.createToken.().refresh', 'simple-oauth2'],
  ['simple-oauth2#**.getToken.().refresh', 'simple-oauth2'],
  ['openid-client#**.Client.().refresh', 'openid-client'],
  ['openid-client#refreshTokenGrant', 'openid-client'],
  ['oauth4webapi#refreshTokenGrantRequest', 'oauth4webapi'],
  ['@azure/msal-node#**.acquireTokenByRefreshToken', '@azure/msal-node'],
]);

/** Path segments of an app's own refresh endpoint: `/auth/refresh`, `/api/token/refresh`, `/refresh-token`. */
export const REFRESH_PATH_SEGMENT =
  /^(?:refresh(?:[-_]?(?:tokens?|session|auth))?|token[-_]?refresh|renew(?:[-_]?(?:token|session))?|silent[-_]?refresh)$/i;

/** Modules whose helpers serialise or share concurrent calls. */
export const SERIALISING_MODULES: readonly string[] = [
  'async-mutex',
  'async-lock',
  'await-lock',
  'async-sema',
  'semaphore-async-await',
  '@esfx/async-mutex',
  'p-limit',
  'p-queue',
  'p-throttle',
  'p-debounce',
  'p-memoize',
  'p-lazy',
  'p-single',
  'mem',
  'memoizee',
  'promise-memoize',
  'lodash/once',
  'lodash.once',
  'once',
  'axios-auth-refresh',
  // This plugin's reference implementation: singleFlight, createRefreshingTokenSource.
  'eslint-plugin-oauth/reference',
];

/** Calls that take a lock or queue work (`mutex.runExclusive(fn)`, `navigator.locks.request(name, fn)`). */
export const LOCK_METHODS = /^(?:runExclusive|acquire|acquireLock|withLock|lock|request|enqueue|schedule)$/;

/** Names of module- or instance-level state that shares one refresh between callers. */
export const GUARD_NAME =
  /refresh(?:ing|Request|Call|Task|Subject|\$)|promise|in_?flight|pending|lock|mutex|semaphore|queue|subscribers|waiters|ongoing|single_?flight/i;
