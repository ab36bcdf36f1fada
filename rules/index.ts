// Alphabetical. A rule is listed here once it is implemented end to end (tests, docs, fixtures).
import type { TSESLint } from '@typescript-eslint/utils';
import type { OAuthRuleDocs } from '../src/create-rule';

export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[], OAuthRuleDocs>> = {};
