// Self-lint: typescript-eslint's recommended rules for all project code, and
// eslint-plugin-eslint-plugin's rules for the rule modules and their RuleTester suites.
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // fixtures/ are annotated corpora of (deliberately) insecure code, linted by the benchmark; .realworld/ holds the
    // public repositories bench:realworld materialises (with their own eslint configs).
    ignores: ['dist/**', 'fixtures/**', 'node_modules/**', 'coverage/**', '.realworld/**', '.scratch/**'],
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters and bindings.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      // The catalog's wording: every description starts with Enforce, Require or Disallow.
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) ' }],
      // Off for one half only in effect: it also forbids a redundant `defaultOptions: []` on
      // option-less rules (the team's convention, harmless), and its autofix leaves a stray
      // comma behind. The half that matters — rules with options state meta.defaultOptions —
      // is held by test/plugin/rule-meta.test.ts.
      'eslint-plugin/require-meta-default-options': 'off',
    },
  },
  {
    files: ['test/rules/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
  },
);
