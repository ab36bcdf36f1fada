/**
 * Facts about a file computed once and shared by every rule (a WeakMap keyed by the
 * SourceCode, so nothing outlives the file and ESLint's worker threads share nothing).
 *
 * The first thing every rule asks is "is there anything OAuth-ish here at all?". That
 * answer comes from the file's import specifiers and one scan of its text, so files that
 * import none of the libraries and mention none of the names cost next to nothing.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { childNodes, normaliseModule, tableGlobalNames, tableModules } from './modules';
import { fileInfo, lintedFile } from './project/files';
import { autoImportedNames } from './project/auto-imports';
import { mayNameProjectFile, withinPackages } from './project/resolve';
import { TextGates } from './text-scan';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface FileFacts {
  /** Module specifiers the file imports or requires (normalised: `node:crypto` → `crypto`). */
  readonly modules: ReadonlySet<string>;
  /**
   * True when the file imports modules of its own project (relative specifiers, the usual
   * path aliases: `./x`, `../x`, `@/x`, `~/x`, `#x`, `$lib/x`, and bare specifiers that the
   * nearest tsconfig's `paths` or `baseUrl` may map to a project file): the analysis may then
   * find a sink or a check in another module, so rules gated on a text mention look closer.
   * Also true for a Nuxt/Nitro file that calls a function its framework auto-imports from the
   * project (`exchangeCode(code)` of `server/utils/`). False for a package's file (under node_modules): its imports are never followed.
   */
  readonly importsProjectModules: boolean;
  /** True when the file imports any of these modules (or a subpath of one: `next-auth/providers/okta`). */
  importsAny(modules: Iterable<string>): boolean;
  /**
   * False when no origin in this file can match a pattern of the table (it names neither a
   * global nor a module the file imports): callers skip resolving call sites' origins.
   */
  mayMatch(table: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>> | readonly string[]): boolean;
  /** True when the file's text matches the pattern. Results are cached per pattern. */
  mentions(pattern: RegExp): boolean;
  /** A per-file cache for a named analysis, so rules share one computation. */
  memo<T>(key: string, compute: () => T): T;
  /**
   * The file's nodes of the given types, in source order (pre-order), from one walk of the
   * tree shared by every analysis that needs to scan the whole file.
   */
  nodesOfType<T extends AST_NODE_TYPES>(...types: T[]): readonly Extract<TSESTree.Node, { type: T }>[];
}

const cache = new WeakMap<object, FileFacts>();
const NO_NODES: readonly TSESTree.Node[] = Object.freeze([]);

// Linear scans: a fixed prefix and a quoted specifier without nested quantifiers.
const REQUIRE_OR_IMPORT = /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]{1,200})\1/g;

const PROJECT_SPECIFIER = /^(?:\.{1,2}\/|\/|@\/|~\/|#|\$lib\/)/;

const ESTREE_TYPES = new Set<string>(Object.values(AST_NODE_TYPES));

/** The specifier a module-level statement imports or re-exports, if any. */
function statementSpecifier(statement: TSESTree.Node): string | undefined {
  switch (statement.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
      return statement.source.value;
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return statement.source?.value;
    case AST_NODE_TYPES.TSImportEqualsDeclaration: {
      if (statement.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      const expression = statement.moduleReference.expression;
      return expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string' ? expression.value : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Adds the specifiers of module-level statements. Parsers for component formats put the
 * script's statements under a node of their own in `Program.body` (svelte-eslint-parser: a
 * `SvelteScriptElement` whose `body` holds the imports), so non-ESTree nodes with a
 * statement list are looked into.
 */
function addStatementModules(body: readonly TSESTree.Node[], modules: Set<string>): void {
  for (const statement of body) {
    const specifier = statementSpecifier(statement);
    if (specifier !== undefined) {
      modules.add(normaliseModule(specifier));
      continue;
    }
    const inner = (statement as { body?: unknown }).body;
    if (Array.isArray(inner) && !ESTREE_TYPES.has(statement.type)) addStatementModules(inner as TSESTree.Node[], modules);
  }
}

function collectModules(sourceCode: SourceCode): Set<string> {
  const modules = new Set<string>();
  addStatementModules(sourceCode.ast.body, modules);
  // An exec loop, not matchAll (which clones the pattern and allocates an iterator per file).
  const text = sourceCode.text;
  REQUIRE_OR_IMPORT.lastIndex = 0;
  for (let match = REQUIRE_OR_IMPORT.exec(text); match !== null; match = REQUIRE_OR_IMPORT.exec(text))
    modules.add(normaliseModule(match[2]));
  return modules;
}

/**
 * The file's nodes in pre-order, with each node's type as a small number: a list of one or
 * several types is one pass over the numbers, with no node read again.
 */
interface NodeIndex {
  /** Per type (a dictionary object: cheaper per node than a Map), its number and its nodes in pre-order. */
  readonly byType: Record<string, TypeEntry | undefined>;
  readonly preOrder: TSESTree.Node[];
  /** The type number of each node of `preOrder`. */
  readonly typeIds: number[];
  types: number;
}

/** Every type's own list, in one pass over the numbers (on the first request for a single type). */
function listEveryType(index: NodeIndex): void {
  const lists: TSESTree.Node[][] = [];
  for (const type in index.byType) {
    const entry = index.byType[type]!;
    entry.nodes = lists[entry.id] = [];
  }
  const { preOrder, typeIds } = index;
  for (let i = 0; i < typeIds.length; i++) lists[typeIds[i]].push(preOrder[i]);
}

interface TypeEntry {
  readonly id: number;
  /** The type's nodes, listed (with every other type's) on the first request for a single type. */
  nodes: TSESTree.Node[] | undefined;
}

/** A step of ESLint's traversal (`SourceCode#traverse()`, ESLint 9+): kind 1 visits a node, phase 1 on entry. */
interface TraversalStep {
  readonly kind: number;
  readonly phase?: number;
  readonly target: unknown;
}

/**
 * The steps ESLint took to walk the file being linted, or undefined when the walk is ours to
 * do. ESLint computes them before any rule runs and caches them on the SourceCode, so reading
 * them costs no second walk. A project module parsed by the analysis (src/analysis/project/load.ts)
 * has no cached walk: `traverse()` would run code-path analysis for nothing, so it is walked here.
 */
function eslintTraversal(sourceCode: SourceCode): readonly TraversalStep[] | undefined {
  const traverse = (sourceCode as { traverse?: () => readonly TraversalStep[] }).traverse;
  if (typeof traverse !== 'function' || (fileInfo(sourceCode)?.hops ?? 0) > 0) return undefined;
  const steps = traverse.call(sourceCode);
  // Only a walk whose first node is the Program is the one this index expects (code-path events come first).
  const first = steps.find((step) => step.kind === 1);
  return first?.phase === 1 && first.target === sourceCode.ast ? steps : undefined;
}

const wantedSets = new WeakMap<object, ReadonlySet<string>>();

/** The names as a set: a Set itself, or one built once per list (lists of modules are module-level constants). */
function setOf(names: Iterable<string>): ReadonlySet<string> {
  if (names instanceof Set) return names as ReadonlySet<string>;
  let set = wantedSets.get(names);
  if (!set) {
    set = new Set(names);
    wantedSets.set(names, set);
  }
  return set;
}

/** Whether the file imports a project module the analysis may follow (never from a package's file). */
function followsProjectImports(sourceCode: SourceCode, modules: ReadonlySet<string>): boolean {
  const filename = fileInfo(sourceCode)?.filename;
  if (filename !== undefined && withinPackages(filename)) return false;
  for (const specifier of modules) if (PROJECT_SPECIFIER.test(specifier)) return true;
  // Bare specifiers may be tsconfig `paths` aliases or `baseUrl` paths (`src/app/auth`):
  // asked of the nearest tsconfig (cached) and its baseUrl folder's listing, never resolved here.
  return filename !== undefined && mayNameProjectFile(filename, modules);
}

/**
 * A file's facts, each worked out on first use: most files are asked only whether they
 * mention a word or import a module, so the maps of the node index and the memos are made
 * only for files that get that far.
 */
class SourceFileFacts implements FileFacts {
  private moduleSet: Set<string> | undefined;
  /** Every specifier and each of its prefixes at a `/` (`next-auth/providers/okta` answers for `next-auth`). */
  private importedNames: string[] | undefined;
  private textGates: TextGates | undefined;
  private importsProject: boolean | undefined;
  private tableCache: Map<object, boolean> | undefined;
  private importsCache: Map<Iterable<string>, boolean> | undefined;
  private memos: Map<string, unknown> | undefined;
  private index: NodeIndex | undefined;
  // Lists handed out are shared by every caller: readonly by type.
  private mixedLists: Map<string, TSESTree.Node[]> | undefined;

  constructor(private readonly sourceCode: SourceCode) {}

  get modules(): ReadonlySet<string> {
    this.moduleSet ??= collectModules(this.sourceCode);
    return this.moduleSet;
  }

  get importsProjectModules(): boolean {
    this.importsProject ??= followsProjectImports(this.sourceCode, this.modules) || this.callsAutoImports();
    return this.importsProject;
  }

  /** A Nuxt/Nitro file that calls, with no import, a name its framework auto-imports from the project. */
  private callsAutoImports(): boolean {
    const filename = fileInfo(this.sourceCode)?.filename;
    const names = filename ? autoImportedNames(filename) : undefined;
    if (!names) return false;
    for (const call of this.nodesOfType(AST_NODE_TYPES.CallExpression))
      if (call.callee.type === AST_NODE_TYPES.Identifier && names.has(call.callee.name)) return true;
    return false;
  }

  importsAny(wanted: Iterable<string>): boolean {
    if (!this.importedNames) {
      const names: string[] = [];
      for (const specifier of this.modules) {
        for (let slash = specifier.indexOf('/'); slash > 0; slash = specifier.indexOf('/', slash + 1))
          names.push(specifier.slice(0, slash));
        names.push(specifier);
      }
      this.importedNames = names;
    }
    if (this.importedNames.length === 0) return false;
    // Rules ask about the same module lists (module-level constants): each answered once per file.
    this.importsCache ??= new Map();
    let answer = this.importsCache.get(wanted);
    if (answer === undefined) {
      // The file's few imports against the wanted names' set: lists of library modules are long.
      const wantedSet = setOf(wanted);
      answer = false;
      for (const name of this.importedNames) {
        if (wantedSet.has(name)) {
          answer = true;
          break;
        }
      }
      this.importsCache.set(wanted, answer);
    }
    return answer;
  }

  mayMatch(table: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>> | readonly string[]): boolean {
    this.tableCache ??= new Map();
    let result = this.tableCache.get(table);
    if (result === undefined) {
      const modules = tableModules(table);
      const globals = tableGlobalNames(table);
      // A global is reached only through its name, written somewhere in the file.
      const reachesGlobal = globals === undefined || (globals !== null && this.mentions(globals));
      result = reachesGlobal || this.importsAny(modules);
      this.tableCache.set(table, result);
    }
    return result;
  }

  mentions(pattern: RegExp): boolean {
    this.textGates ??= new TextGates(this.sourceCode.text);
    return this.textGates.mentions(pattern);
  }

  memo<T>(key: string, compute: () => T): T {
    this.memos ??= new Map();
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  nodesOfType<T extends AST_NODE_TYPES>(...types: T[]): readonly Extract<TSESTree.Node, { type: T }>[] {
    const index = (this.index ??= this.buildIndex());
    if (types.length === 1) {
      const entry = index.byType[types[0]];
      if (!entry) return NO_NODES as Extract<TSESTree.Node, { type: T }>[];
      if (!entry.nodes) listEveryType(index);
      return entry.nodes as unknown as Extract<TSESTree.Node, { type: T }>[];
    }
    const key = types.join();
    this.mixedLists ??= new Map();
    let nodes = this.mixedLists.get(key);
    if (!nodes) {
      const wanted = new Uint8Array(index.types);
      for (const type of types) {
        const entry = index.byType[type];
        if (entry) wanted[entry.id] = 1;
      }
      const { preOrder, typeIds } = index;
      nodes = [];
      for (let i = 0; i < typeIds.length; i++) if (wanted[typeIds[i]] === 1) nodes.push(preOrder[i]);
      this.mixedLists.set(key, nodes);
    }
    return nodes as Extract<TSESTree.Node, { type: T }>[];
  }

  private buildIndex(): NodeIndex {
    const index: NodeIndex = { byType: Object.create(null) as NodeIndex['byType'], preOrder: [], typeIds: [], types: 0 };
    const add = (node: TSESTree.Node): void => {
      let entry = index.byType[node.type];
      if (!entry) index.byType[node.type] = entry = { id: index.types++, nodes: undefined };
      index.preOrder.push(node);
      index.typeIds.push(entry.id);
    };
    const steps = eslintTraversal(this.sourceCode);
    if (steps) {
      // ESLint walked the tree already (with the parser's visitor keys): its steps, read once.
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (step.kind === 1 && step.phase === 1) add(step.target as TSESTree.Node);
      }
      return index;
    }
    const visitorKeys = (this.sourceCode as { visitorKeys?: Record<string, readonly string[] | undefined> }).visitorKeys;
    const stack: TSESTree.Node[] = [this.sourceCode.ast as TSESTree.Node];
    while (stack.length > 0) {
      const node = stack.pop()!;
      add(node);
      const keys = visitorKeys?.[node.type];
      if (keys) {
        // The parser's own visitor keys: what ESLint's listeners see (a Vue template is not walked).
        for (let k = keys.length - 1; k >= 0; k--) {
          const value = (node as unknown as Record<string, unknown>)[keys[k]];
          if (Array.isArray(value)) {
            for (let i = value.length - 1; i >= 0; i--) {
              const item = value[i] as TSESTree.Node | null;
              if (item && typeof item.type === 'string') stack.push(item);
            }
          } else if (value && typeof (value as TSESTree.Node).type === 'string') {
            stack.push(value as TSESTree.Node);
          }
        }
      } else {
        const children = childNodes(node);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
    return index;
  }
}

export function fileFacts(sourceCode: SourceCode): FileFacts {
  // Every rule asks many times per file, nearly always about the file being linted. The last file is
  // compared with its tree too: oxlint hands every file the same `sourceCode` object (and clears
  // WeakMap entries keyed by it between files), so identity alone would keep a former file's answer.
  if (sourceCode === last.sourceCode && sourceCode.ast === last.ast) return last.facts!;
  // The linted file's facts live in its slot; a project module's in the WeakMap.
  const linted = lintedFile(sourceCode);
  let facts = linted ? (linted.facts as FileFacts | undefined) : cache.get(sourceCode);
  if (!facts) {
    facts = new SourceFileFacts(sourceCode);
    if (linted) linted.facts = facts;
    else cache.set(sourceCode, facts);
  }
  last.sourceCode = sourceCode;
  last.ast = sourceCode.ast;
  last.facts = facts;
  return facts;
}

/** The file asked about last and its facts: a WeakMap lookup saved on nearly every call. */
const last: { sourceCode: object | undefined; ast: object | undefined; facts: FileFacts | undefined } = {
  sourceCode: undefined,
  ast: undefined,
  facts: undefined,
};
