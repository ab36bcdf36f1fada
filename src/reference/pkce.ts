import * as oauth from 'oauth4webapi';

/**
 * The secrets one login attempt needs to carry from the authorization request to the
 * callback. All three come from a CSPRNG (oauth4webapi uses `crypto.getRandomValues`,
 * 32 bytes each); none is ever derived from time, a counter or `Math.random`.
 */
export interface LoginTransaction {
  /** Binds the callback to this browser (CSRF / login-injection defence). */
  readonly state: string;
  /** Binds the ID token to this login (replay defence). */
  readonly nonce: string;
  /** PKCE secret: only the party that started the login can redeem the code. */
  readonly codeVerifier: string;
}

export interface PkcePair {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  /** Always S256: `plain` would send the verifier itself through the browser. */
  readonly codeChallengeMethod: 'S256';
}

/** A fresh PKCE verifier and its S256 challenge (RFC 7636 §4.1–4.2). */
export async function createPkcePair(): Promise<PkcePair> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  return { codeVerifier, codeChallenge, codeChallengeMethod: 'S256' };
}

/** A fresh `state`, `nonce` and PKCE verifier for one login attempt. */
export function createLoginTransaction(): LoginTransaction {
  return {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
  };
}
