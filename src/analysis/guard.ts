/**
 * The one place where analysis errors are swallowed. In normal use a rule must never crash
 * ESLint on code the analysis does not understand, so an exception yields the fallback
 * (no finding). Under test (Vitest sets `VITEST`) and in debug mode
 * (`ESLINT_PLUGIN_OAUTH_DEBUG=1`) the error is rethrown, so a bug fails a test instead of
 * silently dropping findings.
 */
export function rethrowsAnalysisErrors(): boolean {
  // `process` is absent where ESLint runs in a browser (playgrounds).
  const env = typeof process === 'undefined' ? {} : process.env;
  return env.ESLINT_PLUGIN_OAUTH_DEBUG === '1' || Boolean(env.VITEST);
}

/** `compute()`, or `fallback` when it throws (outside test and debug mode). */
export function guarded<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    if (rethrowsAnalysisErrors()) throw error;
    return fallback;
  }
}
