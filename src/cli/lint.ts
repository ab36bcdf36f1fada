/**
 * Runs the plugin over the selected files with ESLint's Node API and an in-memory config:
 * no eslint.config.* of the audited project is read (`overrideConfigFile: true`), so the
 * audit is the same in a repository with any ESLint setup or none.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import type { ConfigName } from '../index';
import * as plugin from '../index';
import { fileKind, type FileKind } from './files';
import { loadParsers, type ParserName } from './parsers';
import { withAddGlobals } from './scope-shim';

/** A file that was selected but not linted: its parser is missing, or it does not parse. */
export interface NotLinted {
  filePath: string;
  reason: 'parse-error' | 'missing-parser' | 'too-large' | 'lint-error';
  message: string;
  line?: number;
  column?: number;
}

export interface AuditResult {
  /** ESLint's results for the files that were linted, messages limited to this plugin's rules. */
  results: ESLintClass.LintResult[];
  notLinted: NotLinted[];
  /** Rule metadata, for formats that describe the rules (SARIF, HTML). */
  rulesMeta: Record<string, import('eslint').Rule.RuleMetaData>;
  /** `oauth/<id>` → its level in the config used. */
  ruleLevels: Record<string, 'error' | 'warn'>;
}

export interface LintOptions {
  cwd: string;
  files: readonly string[];
  config: ConfigName;
  /** Called after each batch with the number of files done. */
  onProgress?: (done: number, total: number) => void;
}

/** The parser each file kind needs, if not espree. */
const PARSER_OF: Partial<Record<FileKind, ParserName>> = {
  ts: '@typescript-eslint/parser',
  tsx: '@typescript-eslint/parser',
  vue: 'vue-eslint-parser',
  svelte: 'svelte-eslint-parser',
};

/** What to install for a missing parser, in the message listed with each skipped file. */
const INSTALL_HINT: Record<ParserName, string> = {
  '@typescript-eslint/parser': 'TypeScript files need @typescript-eslint/parser (npm i -D @typescript-eslint/parser)',
  'vue-eslint-parser': 'Vue files need vue-eslint-parser (npm i -D vue-eslint-parser)',
  'svelte-eslint-parser': 'Svelte files need svelte-eslint-parser (npm i -D svelte-eslint-parser)',
};

/** Why a file needing a missing parser is not linted; the load error too when the parser is there but broken. */
export function missingParserMessage(name: ParserName, loadError = ''): string {
  const notFound = loadError === '' || loadError.includes(`'${name}'`);
  return `Not linted: ${INSTALL_HINT[name]}${notFound ? '' : `; it is installed but failed to load: ${loadError}`}.`;
}

/** Files linted per ESLint call: small enough for steady progress, large enough to be cheap. */
const BATCH_SIZE = 40;

/**
 * ESLint is the plugin's peer dependency, loaded when a lint runs (so `--help`, `list` and
 * `explain` work without it, and its absence gets a clear message).
 */
export function loadESLint(): typeof import('eslint') {
  return createRequire(__filename)('eslint') as typeof import('eslint');
}

/** The rules of a config of the plugin, whatever shape the config has (one object or a list). */
export function configRules(name: ConfigName): Record<string, Linter.RuleEntry> {
  const config = plugin.configs[name] as unknown as Linter.Config | Linter.Config[];
  const rules: Record<string, Linter.RuleEntry> = {};
  for (const part of Array.isArray(config) ? config : [config]) Object.assign(rules, part.rules ?? {});
  return rules;
}

function levelOf(entry: Linter.RuleEntry): 'error' | 'warn' | 'off' {
  const level = Array.isArray(entry) ? entry[0] : entry;
  if (level === 2 || level === 'error') return 'error';
  if (level === 1 || level === 'warn') return 'warn';
  return 'off';
}

/**
 * The flat config the audit runs with. The plugin's config contributes only its rules: its
 * own `files`/`ignores` (if any) would fight the CLI's file selection, which is the one place
 * deciding what is linted (tests included with --include-tests, say).
 */
function buildConfig(
  name: ConfigName,
  parsers: Partial<Record<ParserName, Linter.Parser>>,
  jsSourceType: 'module' | 'commonjs',
): Linter.Config[] {
  const ts = parsers['@typescript-eslint/parser'];
  const config: Linter.Config[] = [
    {
      // The user's `eslint-disable` comments for rules of other plugins must neither warn nor
      // fail here; comments that disable oauth rules still apply (and are counted).
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    {
      files: ['**/*.js', '**/*.jsx', '**/*.mjs'],
      languageOptions: { ecmaVersion: 'latest', sourceType: jsSourceType, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
  ];
  if (ts) {
    config.push(
      { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: ts, sourceType: 'module' } },
      { files: ['**/*.tsx'], languageOptions: { parser: ts, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    );
  }
  // Single-file components: the parser hands the <script> to espree, or to the TypeScript
  // parser for `lang="ts"` when that is installed.
  const scriptParser = ts ? { ts, tsx: ts, typescript: ts } : undefined;
  const vue = parsers['vue-eslint-parser'];
  if (vue) {
    config.push({
      files: ['**/*.vue'],
      languageOptions: { parser: vue, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { parser: scriptParser } },
    });
  }
  const svelte = parsers['svelte-eslint-parser'];
  if (svelte) {
    // svelte-eslint-parser 1.x has no `addGlobals`, which ESLint 10 requires (see scope-shim.ts).
    config.push({
      files: ['**/*.svelte'],
      languageOptions: {
        parser: withAddGlobals(svelte),
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: { parser: scriptParser },
      },
    });
  }
  config.push({ plugins: { oauth: plugin as unknown as ESLintClass.Plugin }, rules: configRules(name) });
  return config;
}

/** The first fatal (parsing) message of a result, if any. */
function fatalMessage(result: ESLintClass.LintResult): Linter.LintMessage | undefined {
  return result.messages.find((message) => message.fatal);
}

/** Keeps the plugin's findings only (inline configs for unknown rules and the like are not ours to report). */
function ownMessages(result: ESLintClass.LintResult): ESLintClass.LintResult {
  const messages = result.messages.filter((message) => message.ruleId?.startsWith('oauth/'));
  const suppressedMessages = result.suppressedMessages.filter((message) => message.ruleId?.startsWith('oauth/'));
  const count = (severity: number, fixable?: boolean): number =>
    messages.filter((message) => message.severity === severity && (fixable === undefined || Boolean(message.fix) === fixable)).length;
  return {
    ...result,
    messages,
    suppressedMessages,
    errorCount: count(2),
    warningCount: count(1),
    fatalErrorCount: 0,
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    source: undefined,
  };
}

/**
 * Lints a batch; when ESLint throws (a parser or rule crash), lints the batch's files one by
 * one so that one bad file is listed as not linted instead of stopping the audit.
 */
async function lintBatch(eslint: ESLintClass, batch: string[], notLinted: NotLinted[]): Promise<ESLintClass.LintResult[]> {
  try {
    return await eslint.lintFiles(batch);
  } catch {
    const results: ESLintClass.LintResult[] = [];
    for (const file of batch) {
      try {
        results.push(...(await eslint.lintFiles([file])));
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        notLinted.push({ filePath: file, reason: 'lint-error', message: `Not linted: ESLint failed on this file: ${message}` });
      }
    }
    return results;
  }
}

export async function runAudit(options: LintOptions): Promise<AuditResult> {
  const { ESLint } = loadESLint();
  const kinds = new Set(options.files.map((file) => fileKind(file)));
  const needed = [...new Set([...kinds].map((kind) => (kind ? PARSER_OF[kind] : undefined)))].filter(
    (name): name is ParserName => name !== undefined,
  );
  // Vue and Svelte files hand `lang="ts"` scripts to the TypeScript parser when it is there.
  if ((kinds.has('vue') || kinds.has('svelte')) && !needed.includes('@typescript-eslint/parser')) {
    needed.push('@typescript-eslint/parser');
  }
  const { parsers, missing } = await loadParsers(needed, options.cwd);

  const notLinted: NotLinted[] = [];
  const toLint: string[] = [];
  for (const file of options.files) {
    const kind = fileKind(file);
    const parser = kind ? PARSER_OF[kind] : undefined;
    if (parser && missing[parser]) {
      notLinted.push({ filePath: file, reason: 'missing-parser', message: missingParserMessage(parser, missing[parser]) });
    } else {
      toLint.push(file);
    }
  }

  const eslintOptions = (jsSourceType: 'module' | 'commonjs'): ESLintClass.Options => ({
    cwd: options.cwd,
    overrideConfigFile: true,
    overrideConfig: buildConfig(options.config, parsers, jsSourceType),
    // The file list is final: no globbing of names with special characters, no second
    // round of ignore patterns (the selection already applied them, with reasons).
    globInputPaths: false,
    ignore: false,
    errorOnUnmatchedPattern: false,
  });
  const eslint = new ESLint(eslintOptions('module'));
  // Plain .js files are ES modules or CommonJS with nothing in the name to tell; one that
  // does not parse as a module (`with`, legacy octal, top-level `return`) is tried as a script.
  let scriptESLint: ESLintClass | undefined;

  const results: ESLintClass.LintResult[] = [];
  for (let start = 0; start < toLint.length; start += BATCH_SIZE) {
    const batch = toLint.slice(start, start + BATCH_SIZE);
    for (let result of await lintBatch(eslint, batch, notLinted)) {
      let fatal = fatalMessage(result);
      if (fatal && ['.js', '.jsx'].includes(extname(result.filePath))) {
        scriptESLint ??= new ESLint(eslintOptions('commonjs'));
        const [retry] = await scriptESLint.lintFiles([result.filePath]).catch((): ESLintClass.LintResult[] => []);
        if (retry && !fatalMessage(retry)) {
          result = retry;
          fatal = undefined;
        }
      }
      if (fatal) {
        notLinted.push({
          filePath: result.filePath,
          reason: 'parse-error',
          message: fatal.message,
          line: fatal.line,
          column: fatal.column,
        });
        continue;
      }
      results.push(ownMessages(result));
    }
    options.onProgress?.(Math.min(start + BATCH_SIZE, toLint.length), toLint.length);
  }
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  notLinted.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));

  const rulesMeta: AuditResult['rulesMeta'] = {};
  const ruleLevels: AuditResult['ruleLevels'] = {};
  for (const [key, entry] of Object.entries(configRules(options.config))) {
    const level = levelOf(entry);
    if (level === 'off') continue;
    ruleLevels[key] = level;
    const rule = plugin.rules[key.slice('oauth/'.length) as keyof typeof plugin.rules];
    if (rule) rulesMeta[key] = rule.meta as unknown as import('eslint').Rule.RuleMetaData;
  }
  return { results, notLinted, rulesMeta, ruleLevels };
}
