import { ESLintUtils } from '@typescript-eslint/utils';

/** Where every rule's documentation lives; `meta.docs.url` points here. */
export const DOCS_BASE_URL = 'https://github.com/eslint-plugin-oauth/eslint-plugin-oauth/blob/main/docs/rules';

/**
 * Extra `meta.docs` fields of this plugin's rules. The configs are derived from them,
 * so no list of rules is kept by hand anywhere.
 */
export interface OAuthRuleDocs {
  description: string;
  /** Level in the `recommended` config; absent means the rule is in `strict`/`all` only. */
  recommended?: 'error' | 'warn';
  /** The review check (1–8) from the rule catalog, when the rule belongs to one. */
  check?: number;
  /** Options the `strict` config sets for this rule (the `all` config uses the defaults). */
  strictOptions?: readonly unknown[];
  requiresTypeChecking?: false;
}

export const createRule = ESLintUtils.RuleCreator<OAuthRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);
