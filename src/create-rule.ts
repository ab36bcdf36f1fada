import { ESLintUtils } from '@typescript-eslint/utils';
import { catalogEntry } from './catalog';

/** Where every rule's documentation lives; `meta.docs.url` points here. */
export const DOCS_BASE_URL = 'https://github.com/eslint-plugin-oauth/eslint-plugin-oauth/blob/main/docs/rules';

/** The documentation URL of a rule (`docs/rules/<id>.md`). */
export function docsUrl(name: string): string {
  return `${DOCS_BASE_URL}/${name}.md`;
}

/**
 * Extra `meta.docs` fields of this plugin's rules. The configs are derived from them,
 * so no list of rules is kept by hand anywhere.
 */
export interface OAuthRuleDocs {
  description: string;
  /**
   * Level in the `recommended` config; absent means the rule is in `strict`/`all` only.
   * Filled from the catalog's table (`src/catalog.ts`) when the rule does not state it.
   */
  recommended?: 'error' | 'warn';
  /** The review check (1–8) from the rule catalog, when the rule belongs to one. */
  check?: number;
  /** Options the `strict` config sets for this rule (the `all` config uses the defaults). */
  strictOptions?: readonly unknown[];
  requiresTypeChecking?: false;
}

const creator = ESLintUtils.RuleCreator<OAuthRuleDocs>(docsUrl);

/**
 * The one rule creator: `meta.docs.url` points at `docs/rules/<id>.md`, and `recommended` /
 * `check` come from the catalog's table unless the rule states them (a test holds the
 * stated values to the catalog).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, OAuthRuleDocs>>,
): ReturnType<typeof creator<Options, MessageIds>> {
  const entry = catalogEntry(rule.name);
  const docs: OAuthRuleDocs & { description: string } = { ...rule.meta.docs };
  if (entry) {
    if (!('recommended' in docs) && entry.recommended) docs.recommended = entry.recommended;
    if (!('check' in docs) && entry.check !== undefined) docs.check = entry.check;
  }
  return creator<Options, MessageIds>({ ...rule, meta: { ...rule.meta, docs } });
}
