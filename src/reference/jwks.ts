import { createRemoteJWKSet } from 'jose';

import type { JWTVerifyGetKey } from 'jose';

/**
 * How long a fetched JWKS is trusted, and how often it may be refetched.
 *
 * - `cacheMaxAge`: keys are reused for 10 minutes, then refetched on the next verification,
 *   so a key the IdP revoked stops being accepted within that window.
 * - `cooldownDuration`: a token with an unknown `kid` (the IdP rotated its keys) triggers
 *   one refetch, but never more than one per 30 seconds, so a flood of forged `kid`s
 *   cannot turn this service into a JWKS-fetching amplifier against the IdP.
 * - `timeoutDuration`: a slow IdP fails the verification instead of hanging the request.
 *
 * These are jose's defaults too; they are spelled out so a reviewer (and the
 * require-jwks-caching rule) can see the policy without reading jose's source.
 */
export const JWKS_CACHE_POLICY = {
  cacheMaxAge: 10 * 60 * 1000,
  cooldownDuration: 30 * 1000,
  timeoutDuration: 5 * 1000,
} as const;

/**
 * Creates the key resolver for an issuer's JWKS. Call it once per issuer at startup and
 * share the result: the cache lives inside it, so creating one per request would fetch
 * the JWKS on every request.
 */
export function createIssuerJwks(jwksUri: URL | string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), {
    cacheMaxAge: JWKS_CACHE_POLICY.cacheMaxAge,
    cooldownDuration: JWKS_CACHE_POLICY.cooldownDuration,
    timeoutDuration: JWKS_CACHE_POLICY.timeoutDuration,
  });
}
