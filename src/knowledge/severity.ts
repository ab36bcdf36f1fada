import type { RuleId } from '../catalog';

/**
 * How bad a finding of each rule is, for code-scanning tools: a CVSS 3.1 base vector (the
 * `security-severity` GitHub ranks alerts by is computed from it, see `src/cli/cvss.ts`) and
 * the CWE ids the rule's problem is an instance of (SARIF `external/cwe/cwe-<n>` tags).
 *
 * The vector rates the typical finding, not the worst case, and says why in `why`. It is a
 * severity, not a confidence: how sure a rule is of a finding is its level in the configs.
 * `satisfies Record<RuleId, …>` makes a new rule without an entry a type error.
 */
export interface RuleSeverity {
  /** CVSS 3.1 base metrics, `AV:N/AC:L/…` (without the `CVSS:3.1/` prefix). */
  readonly vector: string;
  /** CWE ids, most specific first. */
  readonly cwe: readonly number[];
  /** Why these metrics: the attack a finding enables and what it takes. */
  readonly why: string;
}

export const RULE_SEVERITY = {
  'require-state-check': {
    vector: 'AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:H/A:N',
    cwe: [352],
    why: 'Login CSRF: a victim who follows a link completes the attacker’s authorization, so their session is bound to the attacker’s account (I:H) and what they enter there is visible to the attacker (C:L).',
  },
  'require-nonce-check': {
    vector: 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N',
    cwe: [294, 345],
    why: 'A stolen or injected ID token is replayed to sign in as its subject; it takes a leaked token and a victim flow to inject it into (AC:H, UI:R).',
  },
  'require-jwt-verification': {
    vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cwe: [347, 345],
    why: 'Claims of a token whose signature is never checked are trusted: anyone forges a token for any identity, no preconditions.',
  },
  'require-jwt-algorithms': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cwe: [347, 327],
    why: 'alg=none or an HMAC/RSA mix lets a forged token pass verification; it depends on the key setup letting the attacker’s algorithm through (AC:H).',
  },
  'require-jwks-caching': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L',
    cwe: [400],
    why: 'A JWKS fetch per request slows every request and trips the identity provider’s rate limits: an outage under load (A:L, AC:H), no token is accepted wrongly.',
  },
  'require-audience-check': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cwe: [287, 345],
    why: 'A token the same issuer minted for another client or API is accepted: impersonation, given a token obtained elsewhere (AC:H).',
  },
  'require-issuer-check': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cwe: [346, 287],
    why: 'A token from another issuer (another tenant of a multi-tenant provider, a mix-up) is accepted: impersonation, given such a token (AC:H).',
  },
  'require-exact-redirect-uri': {
    vector: 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    cwe: [601],
    why: 'The usual open-redirect vector (6.1): a crafted link sends the user, and with a loose redirect_uri their code or token, to the attacker. A leaked code can be worse; this rates the common return-to case.',
  },
  'no-token-in-web-storage': {
    vector: 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N',
    cwe: [922],
    why: 'Any script on the origin reads tokens from web storage: a token theft that needs an XSS first (AC:H) and a victim visit (UI:R).',
  },
  'require-secure-cookies': {
    vector: 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N',
    cwe: [614, 1004, 1275],
    why: 'A session cookie without Secure/HttpOnly/SameSite is readable by script, sent over plain HTTP or cross-site: theft needs XSS, a network position or a cross-site request (AC:H, UI:R).',
  },
  'no-token-in-url': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
    cwe: [598, 532],
    why: 'Tokens in URLs land in logs, browser history and Referer headers in normal use (UI:N); reading them takes access to one of those (AC:H).',
  },
  'no-broad-scopes': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N',
    cwe: [250],
    why: 'Over-broad scopes widen what a leaked token can do: harm only after another compromise (AC:H), bounded by the scope (C:L, I:L).',
  },
  'no-access-token-decode': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N',
    cwe: [345],
    why: 'A client acts on claims read from an access token it cannot verify and whose format is not its to read: tampered or changed claims mislead it (I:L), rarely exploitable (AC:H).',
  },
  'no-implicit-grant': {
    vector: 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:L/A:N',
    cwe: [522],
    why: 'Access tokens travel in the URL fragment (history, referrers, injection): leakage or token injection, given a leak path and a victim flow (AC:H, UI:R).',
  },
  'no-password-grant': {
    vector: 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N',
    cwe: [522, 1390],
    why: 'The app handles the user’s password and bypasses MFA and the provider’s defences; abuse needs the client or the password flow compromised (AC:H, UI:R).',
  },
  'require-pkce': {
    vector: 'AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N',
    cwe: [287],
    why: 'An intercepted or injected authorization code is redeemed by the attacker: account takeover, given a leaked code (AC:H) from a victim’s flow (UI:R).',
  },
  'require-secure-random': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cwe: [338, 330],
    why: 'A predictable state, verifier, code or token is guessed: CSRF or token forgery, given enough observed outputs (AC:H).',
  },
  'no-exposed-client-secret': {
    vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N',
    cwe: [798, 540],
    why: 'Anyone who reads the bundle or the repository has the secret and acts as the client (C:H, I:L); no preconditions.',
  },
  'serialize-token-refresh': {
    vector: 'AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L',
    cwe: [362],
    why: 'Concurrent refreshes with rotating refresh tokens trip reuse detection and sign users out: availability (A:L), under a timing race (AC:H).',
  },
} as const satisfies Record<RuleId, RuleSeverity>;
