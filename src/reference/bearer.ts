import { errors, jwtVerify } from 'jose';

import type { JWTPayload, JWTVerifyGetKey } from 'jose';

/** Asymmetric algorithms only (see ID_TOKEN_ALGORITHMS for why). */
export const ACCESS_TOKEN_ALGORITHMS: readonly string[] = Object.freeze(['RS256', 'PS256', 'ES256', 'EdDSA']);

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  scope?: string;
  client_id?: string;
}

export interface BearerVerifierOptions {
  /** The IdP's issuer identifier (exact string). */
  issuer: string;
  /** This API's identifier: a token minted for another API must not work here. */
  audience: string;
  /** From createIssuerJwks, created once at startup. */
  jwks: JWTVerifyGetKey;
  /** Scopes every request must carry, e.g. ['api:read']. */
  requiredScopes?: readonly string[];
}

/** A failed bearer check, with the HTTP status and `WWW-Authenticate` value to send. */
export class BearerTokenError extends Error {
  override readonly name = 'BearerTokenError';
  constructor(
    readonly status: 400 | 401 | 403,
    /** Undefined when the request carried no credentials at all (RFC 6750 §3.1). */
    readonly code: 'invalid_request' | 'invalid_token' | 'insufficient_scope' | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** RFC 6750 §3. No description: details go to logs, not to the caller. */
  get wwwAuthenticate(): string {
    return this.code === undefined ? 'Bearer' : `Bearer error="${this.code}"`;
  }
}

/** Request headers as Fetch `Headers` or Node's `IncomingHttpHeaders`. */
export type RequestHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * Creates the function an API runs on every request: it takes the request's headers
 * (only the `Authorization` header: never the query string, which ends up in logs,
 * proxies and browser history) and verifies the JWT access token (RFC 9068): signature
 * by the issuer's keys with an algorithm allowlist, `iss`, `aud`, `exp`, `typ: at+jwt`
 * (so an ID token cannot be used as an access token), and required scopes.
 */
export function createBearerTokenVerifier(options: BearerVerifierOptions): (headers: RequestHeaders) => Promise<AccessTokenClaims> {
  return async (headers) => {
    const token = readBearerToken(headers);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.jwks, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        throw new BearerTokenError(401, 'invalid_token', 'access token rejected', { cause: error });
      }
      throw error;
    }
    const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    for (const scope of options.requiredScopes ?? []) {
      if (!granted.includes(scope)) {
        throw new BearerTokenError(403, 'insufficient_scope', `scope ${scope} required`);
      }
    }
    return payload as AccessTokenClaims;
  };
}

/** Extracts the token from `Authorization: Bearer <token>` (RFC 6750 §2.1) only. */
export function readBearerToken(headers: RequestHeaders): string {
  const value = headers instanceof Headers ? headers.get('authorization') : headers['authorization'];
  if (typeof value !== 'string' || value === '') {
    throw new BearerTokenError(401, undefined, 'missing bearer token');
  }
  const match = /^Bearer ([\w\-.~+/]+=*)$/i.exec(value);
  if (match === null) {
    throw new BearerTokenError(400, 'invalid_request', 'malformed Authorization header');
  }
  return match[1] as string;
}

/** The slice of Express's / Node's request and response this middleware uses. */
export interface MiddlewareRequest {
  headers: Record<string, string | string[] | undefined>;
  auth?: AccessTokenClaims;
}
export interface MiddlewareResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(): unknown;
}

/**
 * Express-style (also plain `node:http`) middleware around createBearerTokenVerifier:
 * on success the claims are on `req.auth`; on failure it answers 401/403 with a
 * `WWW-Authenticate` challenge and does not call `next`.
 */
export function bearerAuthMiddleware(
  verify: (headers: RequestHeaders) => Promise<AccessTokenClaims>,
): (req: MiddlewareRequest, res: MiddlewareResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    verify(req.headers).then(
      (claims) => {
        req.auth = claims;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof BearerTokenError)) {
          next(error);
          return;
        }
        res.statusCode = error.status;
        res.setHeader('WWW-Authenticate', error.wwwAuthenticate);
        res.end();
      },
    );
  };
}
