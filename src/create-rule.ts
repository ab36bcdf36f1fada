import type { ESLintUtils, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { catalogEntry } from './catalog';
import { isInFile } from './analysis/functions';
import { registerLintedFile } from './analysis/project/files';
import { isMinifiedFile } from './analysis/minified';

/**
 * `settings: { oauth: { lintMinifiedFiles: true } }` (ESLint's shared settings): the rules
 * also read files that look minified, which they skip by default.
 */
export function lintsMinifiedFiles(settings: Readonly<Record<string, unknown>> | undefined): boolean {
  const oauth = settings?.oauth;
  return typeof oauth === 'object' && oauth !== null && (oauth as Record<string, unknown>).lintMinifiedFiles === true;
}

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

/** Plain objects (not arrays, not null): the option values merged key by key. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON-like values (rule options), without allocating: it runs per rule per file. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    keys++;
    if (!Object.hasOwn(right, key) || !sameValue(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key)) keys--;
  return keys === 0;
}

/** `second` over `first`, objects merged deeply; neither argument is changed. */
function deepMerge(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return merged;
}

/** The value, frozen all the way down: merged options are shared by every file, so no rule may change them. */
function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/** The user's options over the rule's defaults, position by position (ESLint <9.15 does not merge them). */
export function applyDefaultOptions<Options extends readonly unknown[]>(
  defaults: Options,
  userOptions: readonly unknown[] | undefined,
): Options {
  const options = structuredClone(defaults) as unknown as unknown[];
  options.forEach((defaultValue, index) => {
    const userValue = userOptions?.[index];
    if (userValue === undefined) return;
    options[index] = isPlainObject(defaultValue) && isPlainObject(userValue) ? deepMerge(defaultValue, userValue) : userValue;
  });
  return options as unknown as Options;
}

/**
 * The context with a `report` that drops reports on nodes of other modules. The analysis may
 * hand back a node from an imported module; a location there means nothing in this file
 * (the finding belongs to that module, reported when it is linted).
 *
 * A small class whose getters read ESLint's context, made per rule and file: ESLint's context
 * is frozen (so `report` cannot simply be assigned); an object used as a prototype
 * (`Object.create(context)`) is rebuilt by V8; a Proxy pays a trap on every read.
 */
class InFileContext {
  readonly sourceCode: TSESLint.SourceCode;
  /** The filtering `report`, made on first use (most files report nothing). */
  private filteredReport: ((descriptor: TSESLint.ReportDescriptor<string>) => void) | undefined;

  constructor(
    private readonly context: TSESLint.RuleContext<string, readonly unknown[]>,
    sourceCode: TSESLint.SourceCode,
  ) {
    this.sourceCode = sourceCode;
  }

  get report(): (descriptor: TSESLint.ReportDescriptor<string>) => void {
    const context = this.context;
    this.filteredReport ??= (descriptor) => {
      if ('node' in descriptor && descriptor.node && !isInFile(context.sourceCode, descriptor.node as TSESTree.Node)) return;
      context.report(descriptor);
    };
    return this.filteredReport;
  }

  get id(): string {
    return this.context.id;
  }
  get options(): readonly unknown[] {
    return this.context.options;
  }
  get settings(): TSESLint.SharedConfigurationSettings {
    return this.context.settings;
  }
  get languageOptions(): TSESLint.FlatConfig.LanguageOptions {
    return this.context.languageOptions;
  }
  get cwd(): string {
    return this.context.cwd;
  }
  get filename(): string {
    return this.context.filename;
  }
  get physicalFilename(): string {
    return this.context.physicalFilename;
  }
  /** ESLint 9 only (removed in 10). */
  get parserOptions(): TSESLint.ParserOptions {
    return this.context.parserOptions;
  }
  /** ESLint 9 only (removed in 10). */
  get parserPath(): string | undefined {
    return this.context.parserPath;
  }
}

/**
 * What every rule of a file would work out alike, worked out by the first: ESLint creates a
 * file's rules one after another, so the file of the last call is the one being linted.
 */
const currentFile: { sourceCode: unknown; ast: unknown; skipped: boolean } = { sourceCode: undefined, ast: undefined, skipped: false };

function startFile(context: TSESLint.RuleContext<string, readonly unknown[]>): void {
  currentFile.sourceCode = context.sourceCode;
  currentFile.ast = context.sourceCode.ast;
  // Minified build output is not the code under review (src/analysis/minified.ts).
  currentFile.skipped = !lintsMinifiedFiles(context.settings) && isMinifiedFile(context.sourceCode);
  // The analysis follows imports from the file ESLint lints: it needs the file's path and parser.
  if (!currentFile.skipped) registerLintedFile(context);
}

/** A rule as this plugin exports it: ESLint's rule shape with typed options and messages. */
export type OAuthRuleModule<Options extends readonly unknown[], MessageIds extends string> = TSESLint.RuleModule<
  MessageIds,
  Options,
  OAuthRuleDocs
> & { name: string };

/**
 * The one rule creator: `meta.docs.url` points at `docs/rules/<id>.md`, and `recommended` /
 * `check` come from the catalog's table unless the rule states them (a test holds the
 * stated values to the catalog). Options reach `create` merged over `defaultOptions`.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, OAuthRuleDocs>> & {
    /**
     * The rule's cheap file gate (text and imports, no options): false when the file can hold
     * no finding. Asked before the rule's context and options are made, so the many files
     * that concern a rule not at all cost it next to nothing.
     */
    readonly applies?: (sourceCode: Readonly<TSESLint.SourceCode>, filename: string) => boolean;
  },
): OAuthRuleModule<Options, MessageIds> {
  const entry = catalogEntry(rule.name);
  const docs: OAuthRuleDocs & { description: string; url?: string } = { ...rule.meta.docs, url: docsUrl(rule.name) };
  if (entry) {
    if (!('recommended' in docs) && entry.recommended) docs.recommended = entry.recommended;
    if (!('check' in docs) && entry.check !== undefined) docs.check = entry.check;
  }
  const meta = { ...rule.meta, docs };
  const defaults = (meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  // ESLint hands each file a fresh options array, so the merge is cached by content: configs
  // hold a handful of distinct option sets, most of them empty.
  const mergedOptions = new Map<string, Options>();
  // Consecutive files nearly always share one config: compared first, without serialising.
  let last: { readonly user: readonly unknown[] | undefined; readonly merged: Options } | undefined;
  const optionsFor = (userOptions: readonly unknown[] | undefined): Options => {
    if (last && sameValue(last.user, userOptions)) return last.merged;
    const merged = mergedFor(userOptions);
    last = { user: userOptions, merged };
    return merged;
  };
  const mergedFor = (userOptions: readonly unknown[] | undefined): Options => {
    const key = userOptions && userOptions.length > 0 ? JSON.stringify(userOptions) : '';
    let merged = mergedOptions.get(key);
    if (!merged) {
      merged = deepFreeze(applyDefaultOptions(defaults, userOptions));
      if (mergedOptions.size < 100) mergedOptions.set(key, merged);
    }
    return merged;
  };
  const applies = rule.applies;
  return {
    name: rule.name,
    meta,
    defaultOptions: rule.defaultOptions,
    create: (context) => {
      const sourceCode = context.sourceCode;
      // The tree too: oxlint hands every file the same `sourceCode` object.
      if (sourceCode !== currentFile.sourceCode || sourceCode.ast !== currentFile.ast) startFile(context);
      if (currentFile.skipped || (applies !== undefined && !applies(sourceCode, context.filename))) return {};
      return rule.create(new InFileContext(context, sourceCode) as unknown as typeof context, optionsFor(context.options));
    },
  };
}
