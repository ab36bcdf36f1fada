/**
 * Checks a client's `redirect_uri` against its registered values the way an authorization
 * server must (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3): exact string comparison. Prefix,
 * substring, host-only or regex matching is how open redirects and code theft happen
 * (`https://app.example.com.evil.test`, `https://app.example.com/callback/../evil`).
 *
 * The one exception is RFC 8252 §7.3: a native app listening on a loopback IP literal
 * (`http://127.0.0.1/…` or `http://[::1]/…`) picks its port at run time, so for those
 * registrations the port may differ while everything else must still match exactly.
 */
export function isRegisteredRedirectUri(candidate: string, registered: readonly string[]): boolean {
  if (registered.includes(candidate)) return true;
  const actual = parseUrl(candidate);
  if (actual === undefined || actual.protocol !== 'http:' || !isLoopbackIpLiteral(actual)) {
    return false;
  }
  return registered.some((value) => {
    const expected = parseUrl(value);
    return (
      expected !== undefined &&
      expected.protocol === 'http:' &&
      isLoopbackIpLiteral(expected) &&
      expected.hostname === actual.hostname &&
      expected.pathname === actual.pathname &&
      expected.search === actual.search &&
      actual.username === '' &&
      actual.password === '' &&
      actual.hash === ''
    );
  });
}

/** RFC 8252 §8.3: `localhost` is not covered (it can resolve elsewhere); IP literals are. */
function isLoopbackIpLiteral(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Makes a post-login `returnTo` (from a query parameter, a form, the login transaction)
 * safe to redirect to: only a path on this app's own origin is accepted, anything else
 * becomes `fallback`. Two independent checks, because each alone has known bypasses:
 * - the string must be a path (`/…`) and not protocol-relative (`//evil.test`) or a
 *   backslash variant (`/\evil.test`) that browsers treat as one;
 * - resolved against the app's origin, it must still have exactly that origin (catches
 *   what the URL parser normalises, e.g. tabs/newlines stripped from `/\t/evil.test`).
 */
export function safeReturnTo(candidate: unknown, appOrigin: string, fallback = '/'): string {
  if (typeof candidate !== 'string') return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return fallback;
  }
  const expectedOrigin = new URL(appOrigin).origin;
  const resolved = new URL(candidate, expectedOrigin);
  if (resolved.origin !== expectedOrigin) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
