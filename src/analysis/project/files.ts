/**
 * What the analysis knows about the file a SourceCode belongs to: its path and how it was
 * parsed. Rules register the file they lint (src/create-rule.ts); the module loader
 * registers the project modules it parses on their behalf, so an analysis that follows an
 * import can parse the next module the same way. A WeakMap keyed by the SourceCode, and a
 * slot for the file being linted: nothing outlives the file, and no file's findings depend on
 * which file was linted before it.
 */
import type { TSESLint } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A parser as ESLint's `languageOptions.parser` holds it. */
export interface ParserLike {
  parse?: (code: string, options?: unknown) => unknown;
  parseForESLint?: (code: string, options?: unknown) => unknown;
  meta?: { name?: string };
}

export interface FileInfo {
  /** Absolute path of the file; modules are followed only from files on disk. */
  readonly filename: string;
  readonly parser: ParserLike | undefined;
  readonly parserOptions: Readonly<Record<string, unknown>>;
  readonly ecmaVersion: unknown;
  readonly sourceType: unknown;
  /** How many imports away from the linted file this module is (0 for the linted file). */
  readonly hops: number;
}

/** Project modules the loader parsed (the linted file has its own slot, below). */
const files = new WeakMap<object, FileInfo>();

/**
 * The file being linted, from its first rule's `create` until the next file's, with room for
 * other per-file caches (fileFacts): one object per file, where a WeakMap entry per cache
 * cost each file a hash-table insert and the garbage collector an ephemeron to trace.
 */
interface LintedFile {
  readonly sourceCode: object;
  readonly ast: object;
  readonly info: FileInfo;
  /** The file's facts (src/analysis/file-facts.ts), made on first use. */
  facts: unknown;
}
let linted: LintedFile | undefined;

/**
 * The file asked about last and its answer: most calls ask about the file being linted, again
 * and again. Compared with its tree too: oxlint hands every file the same `sourceCode` object
 * (src/analysis/file-facts.ts).
 */
let lastSourceCode: object | undefined;
let lastAst: object | undefined;
let lastInfo: FileInfo | undefined;

export function registerFile(sourceCode: SourceCode, info: FileInfo): void {
  files.set(sourceCode, info);
  lastSourceCode = undefined;
}

export function fileInfo(sourceCode: SourceCode): FileInfo | undefined {
  if (sourceCode !== lastSourceCode || sourceCode.ast !== lastAst) {
    lastSourceCode = sourceCode;
    lastAst = sourceCode.ast;
    lastInfo = lintedFile(sourceCode)?.info ?? files.get(sourceCode);
  }
  return lastInfo;
}

/** The slot of the file being linted when `sourceCode` is that file's (compared with its tree: oxlint reuses the object). */
export function lintedFile(sourceCode: SourceCode): LintedFile | undefined {
  return linted !== undefined && linted.sourceCode === sourceCode && linted.ast === sourceCode.ast ? linted : undefined;
}

interface RuleContextLike {
  readonly sourceCode?: SourceCode;
  readonly filename?: string;
  readonly physicalFilename?: string;
  readonly languageOptions?: {
    parser?: unknown;
    parserOptions?: Record<string, unknown>;
    ecmaVersion?: unknown;
    sourceType?: unknown;
  };
}

/** Records the file a rule is linting (once per SourceCode; every rule calls it). */
export function registerLintedFile(context: RuleContextLike): void {
  const sourceCode = context.sourceCode;
  if (!sourceCode || fileInfo(sourceCode) !== undefined) return;
  const options = context.languageOptions ?? {};
  const info: FileInfo = {
    // Code blocks of Markdown and the like have a virtual `filename`; imports resolve from the real file.
    filename: context.physicalFilename ?? context.filename ?? '',
    parser: options.parser as ParserLike | undefined,
    parserOptions: options.parserOptions ?? {},
    ecmaVersion: options.ecmaVersion,
    sourceType: options.sourceType,
    hops: 0,
  };
  linted = { sourceCode, ast: sourceCode.ast, info, facts: undefined };
  lastSourceCode = undefined;
}
