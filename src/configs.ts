import type { TSESLint } from '@typescript-eslint/utils';
import type { OAuthRuleDocs } from './create-rule';
import type { ConfigName } from './index';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], OAuthRuleDocs>;
type RuleEntry = TSESLint.SharedConfig.RuleEntry;

/** Rule levels for each config, derived from the rules' own metadata. */
export function configRules(rules: Record<string, AnyRule>, name: ConfigName, prefix = 'oauth'): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const id of Object.keys(rules).sort()) {
    const docs = rules[id].meta.docs;
    const key = `${prefix}/${id}`;
    if (name === 'all') {
      entries[key] = 'error';
    } else if (name === 'strict') {
      const strictOptions = docs?.strictOptions;
      entries[key] = strictOptions && strictOptions.length > 0 ? ['error', ...strictOptions] : 'error';
    } else if (docs?.recommended) {
      entries[key] = docs.recommended;
    }
  }
  return entries;
}

/** TypeScript sources: linted with @typescript-eslint/parser, which the configs set for them. */
export const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** JavaScript files that may hold JSX (React): the configs turn JSX parsing on for them. */
export const JSX_FILES = ['**/*.js', '**/*.jsx'];

/**
 * Every file the configs apply the rules to: JavaScript and TypeScript of every module
 * kind, and the components of Vue, Svelte and Astro. Listing them makes `eslint .` lint
 * them; a component whose parser is not set up then fails with a parsing error rather than
 * being skipped in silence (see the README for each framework's parser).
 */
export const SOURCE_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', ...TYPESCRIPT_FILES, '**/*.vue', '**/*.svelte', '**/*.astro'];

/**
 * Test code is out of the configs' scope: test suites build bad tokens, weak states and
 * insecure cookies on purpose (rules.md, "Decisions, second round").
 */
export const TEST_FILES = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.test-d.ts',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
];
