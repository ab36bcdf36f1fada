import { jwtVerify } from 'jose';

import type { JWTPayload } from 'jose';
import type { OidcClient } from './oidc-client.js';

/**
 * Signature algorithms accepted for ID tokens. Asymmetric only: an HMAC algorithm would
 * let anyone holding the (public) JWKS forge tokens, and `none` is never acceptable.
 */
export const ID_TOKEN_ALGORITHMS: readonly string[] = Object.freeze(['RS256', 'PS256', 'ES256', 'EdDSA']);

/** Clock skew tolerated on `exp`/`iat`, in seconds. Small on purpose. */
export const ID_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

export interface IdTokenClaims extends JWTPayload {
  sub: string;
  nonce: string;
}

export class IdTokenValidationError extends Error {
  override readonly name = 'IdTokenValidationError';
}

/**
 * Verifies an ID token (OIDC Core §3.1.3.7): signature with the issuer's JWKS and an
 * algorithm allowlist, `iss`, `aud`, `exp`, and `nonce` against the value this login sent.
 * Checking the nonce is what stops an ID token from an earlier login (or someone else's)
 * from being replayed into this one.
 */
export async function verifyIdToken(oidc: OidcClient, idToken: string, expected: { nonce: string }): Promise<IdTokenClaims> {
  const { payload } = await jwtVerify(idToken, oidc.jwks, {
    issuer: oidc.as.issuer,
    audience: oidc.client.client_id,
    algorithms: [...ID_TOKEN_ALGORITHMS],
    requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
    clockTolerance: ID_TOKEN_CLOCK_TOLERANCE_SECONDS,
  });
  if (payload.nonce !== expected.nonce) {
    throw new IdTokenValidationError('ID token nonce does not match this login');
  }
  // With several audiences, the token must name us as the party it was issued to.
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== oidc.client.client_id) {
    throw new IdTokenValidationError('ID token azp does not name this client');
  }
  return payload as IdTokenClaims;
}
