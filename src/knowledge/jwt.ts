/**
 * JWT libraries as data: which export verifies, decodes or signs a token, where its token,
 * key and options arguments are, and what its options are called.
 *
 * Patterns use `matchesPattern` syntax (`module#path`, `()` for a call or `new`, `*`/`**`).
 * `src/analysis/jwt.ts` reads these tables; rules never name a library export themselves.
 */
import { modulesOfPatterns } from './patterns';

export type JwtOperationKind =
  /** Checks the signature (and, for most libraries, the claims named in the options). */
  | 'verify'
  /** Reads the claims without checking anything. */
  | 'decode'
  /** Reads only the protected header (a `kid` lookup): never a trust decision. */
  | 'header'
  /** Creates a token. */
  | 'sign'
  /** Middleware or strategy configuration that verifies every incoming request's bearer token. */
  | 'config';

export interface JwtFunctionSpec {
  readonly kind: JwtOperationKind;
  /** Library name for messages. */
  readonly library: string;
  /** Argument index of the token (verify/decode). */
  readonly token?: number;
  /** Argument index of the key or secret. */
  readonly key?: number;
  /** Argument index of the options object. */
  readonly options?: number;
  /** When the options object holds the token (`verifyIdToken({ idToken })`). */
  readonly tokenProperty?: string;
  /** Options properties that hold the key (the first present one is used). */
  readonly keyProperties?: readonly string[];
  /** Options path of the algorithm allowlist (`['algorithms']`, `['verifyOptions', 'algorithms']`). */
  readonly algorithms?: readonly string[];
  /** Options path of the single signing algorithm (`algorithm` for jsonwebtoken `sign`). */
  readonly algorithm?: readonly string[];
  /** Options path of the expected audience, when the library can check it. */
  readonly audience?: readonly string[];
  /** Options path of the expected issuer, when the library can check it. */
  readonly issuer?: readonly string[];
  /** Options path of the expected nonce, when the library can check it. */
  readonly nonce?: readonly string[];
  /** The library checks the issuer itself (google-auth-library `verifyIdToken`). */
  readonly checksIssuer?: boolean;
  /** The token always is an ID token (`verifyIdToken`). */
  readonly idToken?: boolean;
  /** The token always comes from the incoming request (middleware, strategies). */
  readonly fromRequest?: boolean;
  /** Options that switch a check off when `true` (jsonwebtoken-based libraries). */
  readonly ignoreOptions?: readonly string[];
  /** Options object path holding `clockTolerance` (seconds or a jose duration string). */
  readonly clockTolerance?: readonly string[];
  /** jose `currentDate`: pinning it to a constant turns the `exp`/`nbf` checks off. */
  readonly currentDate?: readonly string[];
  /** Options path whose `header: true` / `complete`-only use makes a decode header-only. */
  readonly headerFlag?: string;
  /** The token argument is the library's own decoded artifacts (`@hapi/jwt` `token.verify(artifacts, …)`): the token is what was decoded. */
  readonly decodedToken?: boolean;
  /** Algorithm allowlist required: always, or only under the rule's `requireForJose` option ('strict', as the strict config sets it). */
  readonly requiresAlgorithms?: 'always' | 'strict' | 'never';
}

const JSONWEBTOKEN_IGNORE = ['ignoreExpiration', 'ignoreNotBefore'] as const;

const jsonwebtokenVerify: JwtFunctionSpec = {
  kind: 'verify',
  library: 'jsonwebtoken',
  token: 0,
  key: 1,
  options: 2,
  algorithms: ['algorithms'],
  audience: ['audience'],
  issuer: ['issuer'],
  nonce: ['nonce'],
  ignoreOptions: JSONWEBTOKEN_IGNORE,
  clockTolerance: ['clockTolerance'],
  requiresAlgorithms: 'always',
};

const joseJwtVerify: JwtFunctionSpec = {
  kind: 'verify',
  library: 'jose',
  token: 0,
  key: 1,
  options: 2,
  algorithms: ['algorithms'],
  audience: ['audience'],
  issuer: ['issuer'],
  clockTolerance: ['clockTolerance'],
  currentDate: ['currentDate'],
  requiresAlgorithms: 'strict',
};

/** jose's signature-only verifiers: no claim options at all, claims must be compared by hand. */
const joseSignatureVerify: JwtFunctionSpec = {
  kind: 'verify',
  library: 'jose',
  token: 0,
  key: 1,
  options: 2,
  algorithms: ['algorithms'],
  requiresAlgorithms: 'strict',
};

const nestVerify: JwtFunctionSpec = {
  kind: 'verify',
  library: '@nestjs/jwt',
  token: 0,
  options: 1,
  keyProperties: ['secret', 'publicKey'],
  algorithms: ['algorithms'],
  audience: ['audience'],
  issuer: ['issuer'],
  nonce: ['nonce'],
  ignoreOptions: JSONWEBTOKEN_IGNORE,
  clockTolerance: ['clockTolerance'],
  // The module's `verifyOptions` (registered elsewhere) merge into every call.
  requiresAlgorithms: 'never',
};

const nestSign: JwtFunctionSpec = { kind: 'sign', library: '@nestjs/jwt', options: 1, algorithm: ['algorithm'] };

const googleVerifyIdToken: JwtFunctionSpec = {
  kind: 'verify',
  library: 'google-auth-library',
  options: 0,
  tokenProperty: 'idToken',
  audience: ['audience'],
  checksIssuer: true,
  idToken: true,
  requiresAlgorithms: 'never',
};

const expressJwtConfig: JwtFunctionSpec = {
  kind: 'config',
  library: 'express-jwt',
  options: 0,
  keyProperties: ['secret'],
  algorithms: ['algorithms'],
  audience: ['audience'],
  issuer: ['issuer'],
  ignoreOptions: JSONWEBTOKEN_IGNORE,
  clockTolerance: ['clockTolerance'],
  fromRequest: true,
  requiresAlgorithms: 'always',
};

const passportJwtConfig: JwtFunctionSpec = {
  kind: 'config',
  library: 'passport-jwt',
  options: 0,
  keyProperties: ['secretOrKeyProvider', 'secretOrKey'],
  algorithms: ['algorithms'],
  audience: ['audience'],
  issuer: ['issuer'],
  ignoreOptions: ['ignoreExpiration'],
  fromRequest: true,
  requiresAlgorithms: 'always',
};

const nestModuleConfig: JwtFunctionSpec = {
  kind: 'config',
  library: '@nestjs/jwt',
  options: 0,
  keyProperties: ['secretOrKeyProvider', 'publicKey', 'secret'],
  algorithms: ['verifyOptions', 'algorithms'],
  algorithm: ['signOptions', 'algorithm'],
  audience: ['verifyOptions', 'audience'],
  issuer: ['verifyOptions', 'issuer'],
  ignoreOptions: JSONWEBTOKEN_IGNORE.map((name) => `verifyOptions.${name}`),
  clockTolerance: ['verifyOptions', 'clockTolerance'],
  fromRequest: true,
  requiresAlgorithms: 'always',
};

const koaJwtConfig: JwtFunctionSpec = { ...expressJwtConfig, library: 'koa-jwt' };

/** jsrsasign `JWS.verify(token, key, acceptAlgs)`: the signature only, algorithms as a plain array. */
const jsrsasignVerify: JwtFunctionSpec = { kind: 'verify', library: 'jsrsasign', token: 0, key: 1, requiresAlgorithms: 'never' };

/** jsrsasign `JWS.verifyJWT(token, key, { alg: [...], iss: [...], aud: [...], verifyAt })`. */
const jsrsasignVerifyJwt: JwtFunctionSpec = {
  kind: 'verify',
  library: 'jsrsasign',
  token: 0,
  key: 1,
  options: 2,
  audience: ['aud'],
  issuer: ['iss'],
  requiresAlgorithms: 'never',
};

/**
 * `@hapi/jwt` `token.verify(artifacts, key | { key, algorithm }, { aud, iss, … })`: the artifacts
 * come from its `token.decode(token)`; the algorithm defaults to the key's type (no confusion);
 * `verifySignature(artifacts, key)` checks the signature only.
 */
const hapiVerify: JwtFunctionSpec = {
  kind: 'verify',
  library: '@hapi/jwt',
  token: 0,
  key: 1,
  options: 2,
  audience: ['aud'],
  issuer: ['iss'],
  nonce: ['nonce'],
  decodedToken: true,
  requiresAlgorithms: 'never',
};

/** Every JWT operation, keyed by origin pattern. First match wins. */
export const JWT_FUNCTIONS: ReadonlyMap<string, JwtFunctionSpec> = new Map<string, JwtFunctionSpec>([
  ['jsonwebtoken#verify', jsonwebtokenVerify],
  ['jsonwebtoken#decode', { kind: 'decode', library: 'jsonwebtoken', token: 0, options: 1, headerFlag: 'complete' }],
  ['jsonwebtoken#sign', { kind: 'sign', library: 'jsonwebtoken', key: 1, options: 2, algorithm: ['algorithm'] }],
  ['jose#jwtVerify', joseJwtVerify],
  ['jose#compactVerify', joseSignatureVerify],
  ['jose#flattenedVerify', joseSignatureVerify],
  ['jose#generalVerify', joseSignatureVerify],
  ['jose#decodeJwt', { kind: 'decode', library: 'jose', token: 0 }],
  ['jose#UnsecuredJWT.decode', { kind: 'decode', library: 'jose', token: 0 }],
  ['jose#decodeProtectedHeader', { kind: 'header', library: 'jose', token: 0 }],
  // jwt-decode v3 default export (`jwt_decode(token, { header: true })`) and v4 named export.
  ['jwt-decode#', { kind: 'decode', library: 'jwt-decode', token: 0, options: 1, headerFlag: 'header' }],
  ['jwt-decode#jwtDecode', { kind: 'decode', library: 'jwt-decode', token: 0, options: 1, headerFlag: 'header' }],
  ['jwt-decode#default', { kind: 'decode', library: 'jwt-decode', token: 0, options: 1, headerFlag: 'header' }],
  // jwt-js-decode: `decode`/`jwtDecode` return `{ header, payload, signature }` unchecked;
  // `verify`/`jwtVerify(token, key)` resolve to a boolean (signature only, no claim options).
  ['jwt-js-decode#decode', { kind: 'decode', library: 'jwt-js-decode', token: 0 }],
  ['jwt-js-decode#jwtDecode', { kind: 'decode', library: 'jwt-js-decode', token: 0 }],
  ['jwt-js-decode#verify', { kind: 'verify', library: 'jwt-js-decode', token: 0, key: 1, requiresAlgorithms: 'never' }],
  ['jwt-js-decode#jwtVerify', { kind: 'verify', library: 'jwt-js-decode', token: 0, key: 1, requiresAlgorithms: 'never' }],
  // jws (under jsonwebtoken): `decode(signature)` reads without checking; `verify(signature, alg, key)`.
  ['jws#decode', { kind: 'decode', library: 'jws', token: 0 }],
  ['jws#verify', { kind: 'verify', library: 'jws', token: 0, key: 2, requiresAlgorithms: 'never' }],
  // jsrsasign (`require('jsrsasign')` exports `KJUR` and its `jws` namespace): `JWS.verify(token,
  // key, acceptAlgs)` checks the signature only (a boolean); `JWS.verifyJWT(token, key, { alg,
  // iss, aud, … })` checks signature and claims; `JWS.parse` and `readSafeJSONString` read unchecked.
  ['jsrsasign#KJUR.jws.JWS.verify', jsrsasignVerify],
  ['jsrsasign#jws.JWS.verify', jsrsasignVerify],
  ['jsrsasign#KJUR.jws.JWS.verifyJWT', jsrsasignVerifyJwt],
  ['jsrsasign#jws.JWS.verifyJWT', jsrsasignVerifyJwt],
  ['jsrsasign#KJUR.jws.JWS.parse', { kind: 'decode', library: 'jsrsasign', token: 0 }],
  ['jsrsasign#jws.JWS.parse', { kind: 'decode', library: 'jsrsasign', token: 0 }],
  // jwt-decode's standalone build, loaded by a script tag, defines the global `jwt_decode`.
  ['<global>#jwt_decode', { kind: 'decode', library: 'jwt-decode', token: 0, options: 1, headerFlag: 'header' }],
  ['@nestjs/jwt#JwtService.().verify', nestVerify],
  ['@nestjs/jwt#JwtService.().verifyAsync', nestVerify],
  ['@nestjs/jwt#JwtService.().decode', { kind: 'decode', library: '@nestjs/jwt', token: 0, options: 1, headerFlag: 'complete' }],
  ['@nestjs/jwt#JwtService.().sign', nestSign],
  ['@nestjs/jwt#JwtService.().signAsync', nestSign],
  ['@nestjs/jwt#JwtModule.register', nestModuleConfig],
  ['@nestjs/jwt#JwtModule.registerAsync', nestModuleConfig],
  ['google-auth-library#OAuth2Client.().verifyIdToken', googleVerifyIdToken],
  ['google-auth-library#**.OAuth2Client.().verifyIdToken', googleVerifyIdToken],
  ['googleapis#google.auth.OAuth2.().verifyIdToken', googleVerifyIdToken],
  ['express-jwt#expressjwt', expressJwtConfig],
  ['express-jwt#', expressJwtConfig],
  ['koa-jwt#', koaJwtConfig],
  ['passport-jwt#Strategy', passportJwtConfig],
  ['@hapi/jwt#token.verify', hapiVerify],
  ['@hapi/jwt#token.verifySignature', { ...hapiVerify, options: undefined }],
  ['@hapi/jwt#token.decode', { kind: 'decode', library: '@hapi/jwt', token: 0 }],
]);

/**
 * Token-information endpoints: the issuer checks the token's signature and expiry over HTTP and
 * returns its claims, but not whom the token was issued to. Google: "verify that the value of
 * aud in the response is equal to your app's client ID" — unchecked, an ID token minted for any
 * other app signs its user in here. Only the ID-token form: an access token's tokeninfo is often
 * read for its scopes by the app that obtained it.
 */
export interface TokenInfoEndpoint {
  /** Name for messages. */
  readonly library: string;
  /** The endpoint, matched against the known start of the URL (scheme optional). */
  readonly url: RegExp;
  /** Query (or `params`) names that carry the token verified. */
  readonly tokenParams: readonly string[];
  /** The endpoint only answers for its own issuer's tokens. */
  readonly checksIssuer: boolean;
}
export const TOKEN_INFO_ENDPOINTS: readonly TokenInfoEndpoint[] = [
  {
    library: 'Google tokeninfo',
    url: /^(?:https?:\/\/)?(?:oauth2\.googleapis\.com\/tokeninfo|www\.googleapis\.com\/oauth2\/v[1-3]\/tokeninfo)(?:[?#]|$)/,
    tokenParams: ['id_token'],
    checksIssuer: true,
  },
];
/** Text of a file that may call a token-information endpoint. */
export const TOKEN_INFO_HINT = /tokeninfo/;

/** Modules whose presence makes a file worth analysing for JWT operations. */
export const JWT_MODULES: readonly string[] = [
  'jsonwebtoken',
  'jose',
  'jwt-decode',
  'jwt-js-decode',
  'jws',
  'jsrsasign',
  '@nestjs/jwt',
  'google-auth-library',
  'googleapis',
  'express-jwt',
  'koa-jwt',
  'passport-jwt',
  'jwks-rsa',
  'openid-client',
  'oauth4webapi',
  'passport-azure-ad',
  '@hapi/jwt',
];

/**
 * Names of the project's own helpers that may verify or decode a token handed to them
 * (`verifyIdToken(token)`, `decodeJwt(t)`, `parseToken(...)`): only calls so named are
 * followed into another module. Bounded repetitions: no backtracking.
 */
export const JWT_HELPER_NAME = /(?:verif|decod|pars|validat|check)[a-z]{0,20}(?:jwt|token|claims)|jwt/i;

/**
 * A call handed a token-named value (`sessionLogin(tokens.id_token)`): such files are worth
 * following into their helpers whatever the helpers' names. OAuth token words only: `(token`
 * alone is every lexer's.
 */
export const JWT_HELPER_ARGUMENT = /\(\s{0,20}[\w.$]{0,60}(?:id_?token|access_?token|bearer|jwt|credential)/i;
/** The same test on one argument's text. */
export const TOKEN_ARGUMENT_TEXT = /token|jwt|credential/i;

/** Globals that decode a JWT (script-tag builds): a file that calls one is worth analysing without an import. */
export const GLOBAL_JWT_DECODERS = /\bjwt_decode\s*\(/;

/** Keys a proof of possession is checked with: the one embedded in its own header (jose `EmbeddedJWK`). */
export const HOLDER_KEY_SOURCES: readonly string[] = ['jose#EmbeddedJWK'];

/** The confirmation claim (RFC 7800) that carries the holder's key inside a verified token. */
export const HOLDER_KEY_CLAIM = 'cnf';

/** Calls whose result is a remote key set or a key fetched from the IdP. */
export const REMOTE_KEY_SOURCES: readonly string[] = ['jose#createRemoteJWKSet', 'jose#createRemoteJWKSet.()', 'jwks-rsa#**'];

/** jwks-rsa client-creating calls: options at argument 0. */
export const JWKS_RSA_CLIENTS: readonly string[] = [
  'jwks-rsa#',
  'jwks-rsa#JwksClient',
  'jwks-rsa#jwksClient',
  'jwks-rsa#expressJwtSecret',
  'jwks-rsa#passportJwtSecret',
  'jwks-rsa#koaJwtSecret',
  'jwks-rsa#hapiJwt2Key',
  'jwks-rsa#hapiJwt2KeyAsync',
];

export const JOSE_REMOTE_JWKS = 'jose#createRemoteJWKSet';

/** jose's `jwksCache` symbol: an options key (`[jwksCache]: store`) that keeps the key set's cache outside the call. */
export const JOSE_JWKS_CACHE = 'jose#jwksCache';

/** HMAC algorithms (shared secret). */
export const HMAC_ALGORITHM = /^HS(?:256|384|512)$/;
/** Asymmetric JWS algorithms. */
export const ASYMMETRIC_ALGORITHM = /^(?:RS|PS|ES)(?:256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$|^Ed448$/;

/**
 * Code-flow exchanges of OIDC libraries that validate the ID token they receive, and where
 * they take the expected nonce from.
 */
export interface IdTokenExchangeSpec {
  readonly library: string;
  /** Argument index of the object that carries the nonce. */
  readonly checksArg: number;
  /** Property of that object holding the expected nonce; undefined when the argument itself is the nonce. */
  readonly nonceProperty?: string;
  /** Property of that object holding the PKCE verifier. */
  readonly verifierProperty?: string;
  /** Only an ID token flow when `openid` scope was asked for; the exchange always validates one if present. */
  readonly oidc: boolean;
}

export const ID_TOKEN_EXCHANGES: ReadonlyMap<string, IdTokenExchangeSpec> = new Map<string, IdTokenExchangeSpec>([
  // openid-client v5: client.callback(redirectUri, params, { state, nonce, code_verifier })
  [
    'openid-client#**.Client.().callback',
    { library: 'openid-client', checksArg: 2, nonceProperty: 'nonce', verifierProperty: 'code_verifier', oidc: true },
  ],
  [
    'openid-client#**.FAPI1Client.().callback',
    { library: 'openid-client', checksArg: 2, nonceProperty: 'nonce', verifierProperty: 'code_verifier', oidc: true },
  ],
  // openid-client v6: authorizationCodeGrant(config, url, { pkceCodeVerifier, expectedState, expectedNonce })
  [
    'openid-client#authorizationCodeGrant',
    { library: 'openid-client', checksArg: 2, nonceProperty: 'expectedNonce', verifierProperty: 'pkceCodeVerifier', oidc: true },
  ],
  // oauth4webapi v3: processAuthorizationCodeResponse(as, client, response, { expectedNonce })
  ['oauth4webapi#processAuthorizationCodeResponse', { library: 'oauth4webapi', checksArg: 3, nonceProperty: 'expectedNonce', oidc: false }],
  // oauth4webapi v2: processAuthorizationCodeOpenIDResponse(as, client, response, expectedNonce)
  ['oauth4webapi#processAuthorizationCodeOpenIDResponse', { library: 'oauth4webapi', checksArg: 3, oidc: true }],
]);

/** openid-client v5 `client.validateIdToken(tokenSet, nonce, ...)`: the nonce is argument 1. */
export const VALIDATE_ID_TOKEN = ['openid-client#**.Client.().validateIdToken'] as const;

/** passport-azure-ad: its `validateIssuer` option decides the issuer check. */
export const VALIDATE_ISSUER_MODULES: readonly string[] = ['passport-azure-ad', '@azure/passport-azure-ad'];

/** Modules that fetch key sets (the gate of require-jwks-caching). */
/**
 * Middleware factories that fetch a key set and keep it in the instance they return: made once
 * they cache it; made inside a request handler, every request downloads it again.
 */
export const KEY_SET_MIDDLEWARES: readonly string[] = ['hono/jwk#jwk', 'express-oauth2-jwt-bearer#auth'];

export const KEY_SET_MODULES: readonly string[] = modulesOfPatterns(REMOTE_KEY_SOURCES, JWKS_RSA_CLIENTS, KEY_SET_MIDDLEWARES);

/** Extractors that read a bearer token out of the URL query. */
export const TOKEN_FROM_QUERY_EXTRACTORS: readonly string[] = ['passport-jwt#ExtractJwt.fromUrlQueryParameter'];

/** Modules that verify, decode or exchange ID tokens (with the authorization clients: the gate of require-nonce-check). */
export const ID_TOKEN_MODULES: readonly string[] = modulesOfPatterns(JWT_MODULES, ID_TOKEN_EXCHANGES.keys(), VALIDATE_ID_TOKEN);

/**
 * Calls that mint a JWT (or an encrypted session token): their result is a bearer credential
 * the app issued, whatever the variable holding it is called.
 */
export const TOKEN_PRODUCERS = [
  'jsonwebtoken#sign',
  'jose#SignJWT.**.sign',
  'jose#EncryptJWT.**.encrypt',
  'next-auth/jwt#encode',
  '@auth/core/jwt#encode',
  '@nestjs/jwt#JwtService.().sign',
  '@nestjs/jwt#JwtService.().signAsync',
];

/** Longest clock skew a reviewer accepts (RFC 8725 leaves it to the app; 5 minutes is the common ceiling). */
export const MAX_CLOCK_TOLERANCE_SECONDS = 300;

/** Units of jose duration strings (`'10 minutes'`, `'2h'`), in seconds. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
  y: 31557600,
  year: 31557600,
  years: 31557600,
};

/** URL text that names a key set endpoint. */
export const JWKS_URL = /jwks|\/certs(?:$|[/?])|\/discovery\/(?:v2\.0\/)?keys|\/oauth2\/(?:v\d\/)?keys|\.well-known\/keys/i;

/** Words of a file that may fetch a key set without a key-set library. */
export const JWKS_HINT = /jwks|\/certs|\/keys/i;
