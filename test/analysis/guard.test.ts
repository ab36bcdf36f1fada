import { afterEach, describe, expect, it } from 'vitest';
import { guarded, rethrowsAnalysisErrors } from '../../src/analysis/guard';

const saved = { VITEST: process.env.VITEST, DEBUG: process.env.ESLINT_PLUGIN_OAUTH_DEBUG };
afterEach(() => {
  process.env.VITEST = saved.VITEST;
  if (saved.DEBUG === undefined) delete process.env.ESLINT_PLUGIN_OAUTH_DEBUG;
  else process.env.ESLINT_PLUGIN_OAUTH_DEBUG = saved.DEBUG;
});

const boom = (): number => {
  throw new TypeError('analysis bug');
};

describe('guarded', () => {
  it('rethrows under test, so an analysis bug fails a test instead of dropping findings', () => {
    expect(rethrowsAnalysisErrors()).toBe(true);
    expect(() => guarded(boom, 0)).toThrow('analysis bug');
  });

  it('returns the fallback in normal use, so a rule never crashes ESLint', () => {
    delete process.env.VITEST;
    delete process.env.ESLINT_PLUGIN_OAUTH_DEBUG;
    expect(rethrowsAnalysisErrors()).toBe(false);
    expect(guarded(boom, 7)).toBe(7);
    expect(guarded(() => 3, 7)).toBe(3);
  });

  it('rethrows in debug mode (ESLINT_PLUGIN_OAUTH_DEBUG=1) outside tests', () => {
    delete process.env.VITEST;
    process.env.ESLINT_PLUGIN_OAUTH_DEBUG = '1';
    expect(() => guarded(boom, 0)).toThrow('analysis bug');
  });
});
