import type { TSESLint } from '@typescript-eslint/utils';
import type { OAuthRuleDocs } from './create-rule';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], OAuthRuleDocs>;
type RuleEntry = TSESLint.SharedConfig.RuleEntry;

export type ConfigName = 'recommended' | 'strict' | 'all';

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
