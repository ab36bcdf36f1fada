/**
 * Random sources, as data: which exports produce unpredictable values (and how many
 * bits), and which produce values an attacker can predict.
 *
 * Patterns are origins (`module#path`, see `matchesPattern` in src/analysis/modules.ts);
 * `<global>` is the browser/Node global scope.
 */

export type WeakReason = 'math-random' | 'time' | 'counter' | 'non-crypto' | 'constant';

export type RandomSource =
  /** A CSPRNG that returns bytes; the byte count is the call's argument `sizeArg`. */
  | { readonly kind: 'bytes'; readonly sizeArg: number; readonly label: string }
  /** A CSPRNG that fills the typed array passed as argument `fillArg` (`getRandomValues`). */
  | { readonly kind: 'fill'; readonly fillArg: number; readonly label: string }
  /** A CSPRNG generator with a fixed strength (`randomUUID`, `generators.state()`). */
  | { readonly kind: 'fixed'; readonly bits: number; readonly chars?: number; readonly label: string }
  /** nanoid(size): 6 bits per character, 21 characters by default. */
  | { readonly kind: 'nanoid'; readonly label: string }
  /**
   * A CSPRNG string generator drawing characters from a charset: the length is argument
   * `lengthArg` or an options object's `length`, the charset a name (see `CHARSET_BITS`) or the
   * characters themselves, from argument `charsetArg` or an options key in `charsetKeys`.
   */
  | {
      readonly kind: 'charset';
      readonly label: string;
      readonly lengthArg: number;
      readonly defaultLength?: number;
      readonly defaultCharset: string;
      readonly charsetArg?: number;
      readonly charsetKeys: readonly string[];
    }
  /** A predictable source. */
  | { readonly kind: 'weak'; readonly reason: WeakReason; readonly label: string };

/** Strength the generators of the auth libraries give (all use 32 random bytes). */
const LIB_BITS = 256;

export const RANDOM_SOURCES: ReadonlyMap<string, RandomSource> = new Map<string, RandomSource>([
  // Node's crypto and WebCrypto.
  ['crypto#randomBytes', { kind: 'bytes', sizeArg: 0, label: 'crypto.randomBytes' }],
  ['crypto#webcrypto.getRandomValues', { kind: 'fill', fillArg: 0, label: 'crypto.getRandomValues' }],
  ['crypto#getRandomValues', { kind: 'fill', fillArg: 0, label: 'crypto.getRandomValues' }],
  ['crypto#randomFillSync', { kind: 'fill', fillArg: 0, label: 'crypto.randomFillSync' }],
  // UUIDv4 has 122 random bits: the catalog counts it as secure.
  ['crypto#randomUUID', { kind: 'fixed', bits: 128, chars: 36, label: 'crypto.randomUUID' }],
  ['crypto#webcrypto.randomUUID', { kind: 'fixed', bits: 128, chars: 36, label: 'crypto.randomUUID' }],
  // Node's pseudoRandomBytes is an alias of randomBytes (the same CSPRNG), despite its name.
  ['crypto#pseudoRandomBytes', { kind: 'bytes', sizeArg: 0, label: 'crypto.pseudoRandomBytes' }],
  ['crypto#prng', { kind: 'bytes', sizeArg: 0, label: 'crypto.prng' }],
  ['crypto#rng', { kind: 'bytes', sizeArg: 0, label: 'crypto.rng' }],
  ['<global>#crypto.getRandomValues', { kind: 'fill', fillArg: 0, label: 'crypto.getRandomValues' }],
  ['<global>#msCrypto.getRandomValues', { kind: 'fill', fillArg: 0, label: 'msCrypto.getRandomValues' }],
  ['<global>#crypto.randomUUID', { kind: 'fixed', bits: 128, chars: 36, label: 'crypto.randomUUID' }],
  ['<global>#crypto.webcrypto.getRandomValues', { kind: 'fill', fillArg: 0, label: 'crypto.getRandomValues' }],
  // Library generators.
  ['openid-client#generators.state', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generators.state' }],
  ['openid-client#generators.nonce', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generators.nonce' }],
  ['openid-client#generators.codeVerifier', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generators.codeVerifier' }],
  ['openid-client#generators.random', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generators.random' }],
  ['openid-client#randomState', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'randomState' }],
  ['openid-client#randomNonce', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'randomNonce' }],
  ['openid-client#randomPKCECodeVerifier', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'randomPKCECodeVerifier' }],
  ['oauth4webapi#generateRandomState', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generateRandomState' }],
  ['oauth4webapi#generateRandomNonce', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generateRandomNonce' }],
  ['oauth4webapi#generateRandomCodeVerifier', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generateRandomCodeVerifier' }],
  ['arctic#generateState', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generateState' }],
  ['arctic#generateCodeVerifier', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generateCodeVerifier' }],
  ['google-auth-library#**.generateCodeVerifierAsync', { kind: 'fixed', bits: LIB_BITS, chars: 128, label: 'generateCodeVerifierAsync' }],
  ['google-auth-library#**.generateCodeVerifier', { kind: 'fixed', bits: LIB_BITS, chars: 128, label: 'generateCodeVerifier' }],
  ['pkce-challenge', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'pkceChallenge' }],
  ['@auth/core#**.generateState', { kind: 'fixed', bits: LIB_BITS, chars: 43, label: 'generateState' }],
  ['uuid#v4', { kind: 'fixed', bits: 128, chars: 36, label: 'uuid.v4' }],
  ['uuid', { kind: 'fixed', bits: 128, chars: 36, label: 'uuid' }],
  ['uid-safe', { kind: 'bytes', sizeArg: 0, label: 'uid-safe' }],
  ['uid-safe#sync', { kind: 'bytes', sizeArg: 0, label: 'uid-safe' }],
  ['nanoid#nanoid', { kind: 'nanoid', label: 'nanoid' }],
  // String generators backed by crypto.randomBytes (randomstring since 1.1.5).
  [
    'randomstring#generate',
    {
      kind: 'charset',
      label: 'randomstring.generate',
      lengthArg: 0,
      defaultLength: 32,
      defaultCharset: 'alphanumeric',
      charsetKeys: ['charset'],
    },
  ],
  [
    'crypto-random-string',
    { kind: 'charset', label: 'cryptoRandomString', lengthArg: -1, defaultCharset: 'hex', charsetKeys: ['type', 'characters'] },
  ],
  ['uid2', { kind: 'charset', label: 'uid2', lengthArg: 0, defaultCharset: 'alphanumeric', charsetKeys: [] }],
  [
    'rand-token#generate',
    { kind: 'charset', label: 'rand-token', lengthArg: 0, defaultCharset: 'alphanumeric', charsetArg: 1, charsetKeys: [] },
  ],
  ['rand-token#uid', { kind: 'charset', label: 'rand-token', lengthArg: 0, defaultCharset: 'alphanumeric', charsetKeys: [] }],
  // expo-auth-session's PKCE helper: `size` random bytes, each mapped to one alphanumeric character.
  ...['expo-auth-session/src/PKCE', 'expo-auth-session/build/PKCE'].map((module): [string, RandomSource] => [
    `${module}#generateRandom`,
    { kind: 'charset', label: 'generateRandom', lengthArg: 0, defaultCharset: 'alphanumeric', charsetKeys: [] },
  ]),
  // Predictable sources.
  ['<global>#Math.random', { kind: 'weak', reason: 'math-random', label: 'Math.random()' }],
  ['<global>#Date.now', { kind: 'weak', reason: 'time', label: 'Date.now()' }],
  ['<global>#performance.now', { kind: 'weak', reason: 'time', label: 'performance.now()' }],
  ['perf_hooks#performance.now', { kind: 'weak', reason: 'time', label: 'performance.now()' }],
  ['<global>#process.hrtime', { kind: 'weak', reason: 'time', label: 'process.hrtime()' }],
  ['<global>#process.hrtime.bigint', { kind: 'weak', reason: 'time', label: 'process.hrtime.bigint()' }],
  // UUIDv1/v6 are a timestamp and a node id; v7 keeps 74 random bits after a timestamp.
  ['uuid#v1', { kind: 'weak', reason: 'time', label: 'uuid v1' }],
  ['uuid#v6', { kind: 'weak', reason: 'time', label: 'uuid v6' }],
  ['uuid#v7', { kind: 'fixed', bits: 74, chars: 36, label: 'uuid v7' }],
  ['nanoid/non-secure#nanoid', { kind: 'weak', reason: 'non-crypto', label: 'nanoid/non-secure' }],
  ['nanoid/non-secure#customAlphabet', { kind: 'weak', reason: 'non-crypto', label: 'nanoid/non-secure' }],
  ['nanoid/non-secure#**.()', { kind: 'weak', reason: 'non-crypto', label: 'nanoid/non-secure' }],
  // hat and shortid draw from Math.random.
  ['hat', { kind: 'weak', reason: 'math-random', label: 'hat()' }],
  ['shortid#generate', { kind: 'weak', reason: 'non-crypto', label: 'shortid' }],
  ['shortid', { kind: 'weak', reason: 'non-crypto', label: 'shortid' }],
  ['lodash#random', { kind: 'weak', reason: 'math-random', label: '_.random()' }],
  ['lodash/random', { kind: 'weak', reason: 'math-random', label: '_.random()' }],
  ['underscore#random', { kind: 'weak', reason: 'math-random', label: '_.random()' }],
]);

/** Typed arrays and the bytes each element holds, for `getRandomValues(new Uint32Array(n))`. */
export const TYPED_ARRAY_BYTES: Readonly<Record<string, number>> = {
  Uint8Array: 1,
  Int8Array: 1,
  Uint8ClampedArray: 1,
  Uint16Array: 2,
  Int16Array: 2,
  Uint32Array: 4,
  Int32Array: 4,
  BigUint64Array: 8,
  BigInt64Array: 8,
};

/** Bits of entropy each output character carries for `buffer.toString(encoding)`. */
export const ENCODING_BITS_PER_CHAR: Readonly<Record<string, number>> = {
  hex: 4,
  base64: 6,
  base64url: 6,
};

/** Bits each character carries for the named charsets of randomstring and crypto-random-string. */
export const CHARSET_BITS: Readonly<Record<string, number>> = {
  alphanumeric: Math.log2(62),
  alphabetic: Math.log2(52),
  numeric: Math.log2(10),
  hex: 4,
  binary: 1,
  octal: 3,
  base64: 6,
  'url-safe': 6,
  distinguishable: Math.log2(19),
  'ascii-printable': Math.log2(95),
};

/** React-style state hooks: `const [value] = useState(initial)` holds the initial value. */
export const STATE_HOOKS: readonly string[] = ['react#useState', 'preact/hooks#useState'];

/** Minimum strength the catalog asks for (RFC 9700 §4.7 / RFC 7636 §7.1: 128 bits, 16 bytes). */
export const MIN_RANDOM_BITS = 128;
/** RFC 7636 §4.1: a code_verifier has at least 43 characters. */
export const MIN_VERIFIER_CHARS = 43;

/** Libraries that make OAuth state, PKCE verifiers or CSRF tokens (with the authorization clients: the gate of require-secure-random). */
export const AUTH_RANDOM_MODULES: readonly string[] = ['arctic', 'pkce-challenge', 'csrf', 'csurf'];

/** Values an authorization server mints, which must be unguessable like a state. */
export type MintedKind = 'code' | 'access-token' | 'refresh-token' | 'device-code' | 'user-code';

/**
 * Authorization-server libraries whose issue callbacks hand minted values to a `done`
 * callback (its last parameter): which `done` argument is which. oauth2orize's
 * `grant.code(issue)` issues `done(err, code)`; exchanges issue
 * `done(err, accessToken, refreshToken, params)`.
 */
const EXCHANGE_DONE: readonly (MintedKind | undefined)[] = [undefined, 'access-token', 'refresh-token'];
export const ISSUE_CALLBACKS: ReadonlyMap<string, readonly (MintedKind | undefined)[]> = new Map([
  ['oauth2orize#grant.code', [undefined, 'code']],
  ['oauth2orize#grants.code', [undefined, 'code']],
  ['oauth2orize#grant.token', [undefined, 'access-token']],
  ['oauth2orize#grants.token', [undefined, 'access-token']],
  ['oauth2orize#exchange.*', EXCHANGE_DONE],
  ['oauth2orize#exchanges.*', EXCHANGE_DONE],
]);

/**
 * Words that show OAuth/OIDC or CSRF code (the text gate of require-secure-random, with
 * NONCE_WORD); anything else is skipped cheaply. Not `response_type` (XMLHttpRequest's
 * `responseType`; an authorization request names its `client_id`) nor `newState` (a
 * reducer's).
 */
export const AUTH_WORDS =
  /oauth|openid|oidc|pkce|authoriz|code_?verifier|csrf|xsrf|redirect_?uri|client_?id|access_?token|refresh_?token|device_?code|grant_?type|(?:gen|generate|create|make|random)_?state/i;
/** A nonce, not the end of `runOnce` / `mockImplementationOnce` (case matters: `nOnce` is two words). */
export const NONCE_WORD = /[Nn]once|NONCE/;
/** A file that never names one of these secrets makes none. */
export const SECRET_WORDS = /state|nonce|verifier|csrf|xsrf|token|code/i;

/** Keys that make an object an authorization request's parameters (where a constant state is a finding). */
export const AUTH_PARAM_KEYS: ReadonlySet<string> = new Set([
  'client_id',
  'clientId',
  'redirect_uri',
  'redirectUri',
  'response_type',
  'responseType',
  'code_challenge',
  'codeChallenge',
  'scope',
]);

/** `?state=${x}` / `&nonce=` / `?code=` (a code handed out) right before a hole in a URL built as a string. */
export const QUERY_SECRET = /[?&#](state|nonce|code_verifier|code|access_token|refresh_token)=$/;
/** A string that is an authorization URL's query, and the constant state or nonce written in it. */
export const AUTH_QUERY_HINT = /client_id=|response_type=/;
export const QUERY_CONSTANT = /[?&](state|nonce)=[^&#${}]{1,200}/;
/** Members that hold the query of a URL being built: `url.query`, `u.searchParams`. */
export const URL_QUERY_MEMBERS: ReadonlySet<string> = new Set(['query', 'searchParams']);
/** Methods that set a URL or form parameter by name: `params.set('state', v)`, `form.append('nonce', v)`. */
export const PARAM_SETTERS: ReadonlySet<string> = new Set(['set', 'append']);

/** Text of a predictable source a helper may build a string from (the cheap gate of the importer scan). */
export const WEAK_SOURCE_HINT = /\bMath\.random\b/;
