/**
 * Which URL parameters carry bearer credentials, as data (no-token-in-url).
 *
 * Parameters named for an OAuth token (`access_token`, `id_token`, `refresh_token`) carry one
 * by their spelling (see `tokenKindFromName`); the generic names below carry one when their
 * value is a token; OIDC puts some token-ish parameters in the query by design.
 */

/** Generic parameter names that carry a token when the value is one (`?token=${accessToken}`); compared lowercase. */
export const GENERIC_TOKEN_PARAMS: ReadonlySet<string> = new Set([
  'token',
  'jwt',
  'bearer',
  'auth',
  'authorization',
  'auth_token',
  'authtoken',
  'session_token',
  'sessiontoken',
  'session',
  'at',
]);

/**
 * Parameters OIDC puts in the query by design: logout `id_token_hint`, revocation and login
 * hints, and `request`, a signed OIDC request object (JAR). Compared lowercase.
 */
export const QUERY_TOKEN_PARAMS_ALLOWED: ReadonlySet<string> = new Set([
  'id_token_hint',
  'token_type_hint',
  'login_hint',
  'token_type',
  'response_type',
  'code',
  'request',
]);

/** Call names whose first argument is a token being verified or decoded: a generic `token` handed to one is a bearer token. */
export const TOKEN_VERIFY_CALL =
  /^(?:verify|jwtVerify|verifyIdToken|verifyAccessToken|verifyAsync|decode|jwtDecode|decodeJwt|decodeJWT|verifyJwt|verifyJWT|introspect|(?:login|logIn|signIn|auth|authenticate)(?:With|By)?(?:Session)?Token|(?:get)?(?:User|Session|Account)(?:By|From)(?:Session)?Token)$/;

/** Option keys whose function returns the request's bearer token (express-jwt `getToken: (req) => req.query.token`). */
export const TOKEN_GETTER_KEYS: ReadonlySet<string> = new Set(['getToken']);

/** Calls that turn a value into URL text without changing what it is (`encodeURIComponent(token)`). */
export const URL_ENCODING_CALLS: ReadonlySet<string> = new Set(['encodeURIComponent', 'encodeURI', 'String', 'escape']);

/** The request header whose value is a bearer credential (compared in lower case). */
export const AUTHORIZATION_HEADER = 'authorization';

/** A JWT written out (`eyJ…` header and payload, base64url): a bearer credential whatever the parameter is called. */
export const JWT_LITERAL = /^eyJ[\w-]{2,}\.eyJ[\w-]{2,}\.[\w-]*$/;

/** Parameters that carry the client's own credential (RFC 6749 §2.3.1 keeps them out of the request URI); compared lowercase. */
export const CLIENT_SECRET_PARAMS: ReadonlySet<string> = new Set(['client_secret']);

/**
 * Names of settings that let a resource server accept bearer tokens from the query, which
 * RFC 6750 §2.3 allows only as an exception: node-oauth2-server `allowBearerTokensInQueryString`,
 * oidc-provider `acceptQueryParamAccessTokens`. A server that rejects query tokens unless one
 * is set leaves that choice, documented, to its deployer.
 */
export const QUERY_TOKEN_OPT_IN_FLAG = /^(?:allow|accept|enable|permit)\w*Query/i;
