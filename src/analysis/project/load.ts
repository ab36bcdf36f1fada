/**
 * Parses a project module the way the linted file was parsed and wraps it in an ESLint
 * SourceCode, so every analysis of the engine runs on it unchanged. A module is read and
 * parsed at most once per process per (parser family, distance from the linted file): the
 * cache is keyed by its path and checked against the file's mtime and size, so an editor
 * session sees edits. A module that is missing, too big or unparsable is unknown (undefined):
 * never an error, never a report.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { loadTypeScriptParser } from '../../parsers';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { childNodes, requiredModule, skipWrappers } from '../modules';
import { type FileInfo, type ParserLike, fileInfo, registerFile } from './files';
import { clearResolverCache } from './resolve';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Imports followed from the linted file: its helpers, their helpers, and one more. */
export const MAX_HOPS = 3;

/** Bigger modules are bundles or generated code, not the project's helpers. */
const MAX_MODULE_BYTES = 512 * 1024;

/** Parsed modules kept per process (an LRU: long editor sessions stay bounded). */
const MAX_CACHED_MODULES = 400;

const TYPESCRIPT_EXTENSIONS = /\.(?:ts|tsx|mts|cts)$/;
const JSX_EXTENSIONS = /\.(?:js|jsx|tsx)$/;

interface CachedModule {
  readonly mtimeMs: number;
  readonly size: number;
  readonly sourceCode: SourceCode | null;
}

const cache = new Map<string, CachedModule>();

interface ParseResult {
  ast: unknown;
  scopeManager?: unknown;
  visitorKeys?: unknown;
  services?: unknown;
}

function isTypeScriptParser(parser: ParserLike | undefined): boolean {
  const name = parser?.meta?.name ?? '';
  return typeof parser?.parseForESLint === 'function' && /typescript/.test(name);
}

let espreeScope: { analyze: (ast: unknown, options: unknown) => unknown; espree?: ParserLike } | null | undefined;

/** eslint-scope, from ESLint's own dependencies (ESLint is always there when a rule runs). */
function loadEslintScope(): typeof espreeScope {
  if (espreeScope !== undefined) return espreeScope;
  try {
    const fromEslint = createRequire(require.resolve('eslint/package.json'));
    espreeScope = {
      ...(fromEslint('eslint-scope') as { analyze: (ast: unknown, options: unknown) => unknown }),
      espree: fromEslint('espree') as ParserLike,
    };
  } catch {
    espreeScope = null;
  }
  return espreeScope;
}

function parseOptions(path: string, via: FileInfo): Record<string, unknown> {
  const { project: _project, projectService: _service, programs: _programs, ...rest } = via.parserOptions as Record<string, unknown>;
  const commonjs = /\.c[jt]s$/.test(path);
  return {
    ...rest,
    ecmaVersion: 'latest',
    sourceType: commonjs ? 'commonjs' : 'module',
    ecmaFeatures: { ...(rest.ecmaFeatures as object | undefined), jsx: JSX_EXTENSIONS.test(path), globalReturn: commonjs },
    loc: true,
    range: true,
    raw: true,
    tokens: true,
    comment: true,
    eslintVisitorKeys: true,
    eslintScopeManager: true,
    filePath: path,
  };
}

function parseWith(parser: ParserLike, text: string, options: Record<string, unknown>): ParseResult | undefined {
  if (typeof parser.parseForESLint === 'function') {
    const result = parser.parseForESLint(text, options) as ParseResult;
    if (result.scopeManager) return result;
    return { ...result, scopeManager: analyzeScope(result.ast, options, result.visitorKeys) };
  }
  if (typeof parser.parse === 'function') {
    const ast = parser.parse(text, options);
    return { ast, scopeManager: analyzeScope(ast, options, undefined) };
  }
  return undefined;
}

function analyzeScope(ast: unknown, options: Record<string, unknown>, visitorKeys: unknown): unknown {
  const scope = loadEslintScope();
  if (!scope) return undefined;
  const features = options.ecmaFeatures as { jsx?: boolean; globalReturn?: boolean };
  return scope.analyze(ast, {
    ignoreEval: true,
    nodejsScope: features.globalReturn,
    // Scope analysis only distinguishes ES5 from later versions.
    ecmaVersion: 2022,
    sourceType: options.sourceType === 'commonjs' ? 'commonjs' : 'module',
    childVisitorKeys: visitorKeys ?? undefined,
    jsx: features.jsx,
  });
}

/** Parsers leave `parent` to ESLint's traversal; the analysis walks upwards, so set it here. */
function linkParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of childNodes(node)) {
      (child as { parent?: TSESTree.Node }).parent = node;
      stack.push(child);
    }
  }
}

/** Parsers to try for a module, best first: the linted file's own, then one that reads the module's language. */
function parserCandidates(path: string, via: FileInfo): { parser: ParserLike }[] {
  const candidates: { parser: ParserLike }[] = [];
  const typescriptModule = TYPESCRIPT_EXTENSIONS.test(path);
  if (via.parser && (!typescriptModule || isTypeScriptParser(via.parser))) candidates.push({ parser: via.parser });
  if (typescriptModule) {
    try {
      candidates.push({ parser: loadTypeScriptParser() });
    } catch {
      // No TypeScript parser in the project: TypeScript modules stay unknown.
    }
  } else {
    const espree = loadEslintScope()?.espree;
    if (espree && espree !== via.parser) candidates.push({ parser: espree });
  }
  return candidates;
}

function parseModule(
  path: string,
  text: string,
  via: FileInfo,
  SourceCodeClass: new (config: object) => SourceCode,
): { sourceCode: SourceCode; parser: ParserLike } | null {
  for (const { parser } of parserCandidates(path, via)) {
    const options = parseOptions(path, via);
    let result: ParseResult | undefined;
    try {
      result = parseWith(parser, text, options);
    } catch {
      continue;
    }
    if (!result?.scopeManager) continue;
    linkParents(result.ast as TSESTree.Node);
    const sourceCode = new SourceCodeClass({
      text,
      ast: result.ast,
      parserServices: result.services ?? {},
      scopeManager: result.scopeManager,
      visitorKeys: result.visitorKeys,
    });
    return { sourceCode, parser };
  }
  return null;
}

/**
 * The SourceCode of the project module at `path`, parsed for an import in `importer`, or
 * undefined when the module is too far, unreadable or unparsable.
 */
export function loadModule(importer: SourceCode, path: string): SourceCode | undefined {
  const via = fileInfo(importer);
  if (!via || via.hops >= MAX_HOPS) return undefined;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (!stat.isFile() || stat.size > MAX_MODULE_BYTES) return undefined;
  const hops = via.hops + 1;
  const family = isTypeScriptParser(via.parser) ? 'ts' : (via.parser?.meta?.name ?? 'default');
  const key = `${family}\0${hops}\0${path}`;
  const cached = cache.get(key);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, cached);
    return cached.sourceCode ?? undefined;
  }
  let sourceCode: SourceCode | null = null;
  try {
    const text = readFileSync(path, 'utf8');
    const parsed = parseModule(path, text, via, importer.constructor as new (config: object) => SourceCode);
    if (parsed) {
      sourceCode = parsed.sourceCode;
      // The module's own parser: a `.ts` helper of a `.js` file was read with the TypeScript parser.
      // A barrel only names other modules: the hop to it is not counted, the hop through it is.
      registerFile(sourceCode, { ...via, parser: parsed.parser, filename: path, hops: isBarrel(sourceCode) ? via.hops : hops });
    }
  } catch {
    sourceCode = null;
  }
  cache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, sourceCode });
  if (cache.size > MAX_CACHED_MODULES) cache.delete(cache.keys().next().value as string);
  return sourceCode ?? undefined;
}

/** A re-exported value: a name, a `require('./x')`, or a member of one (`require('./x').y`). */
function isReexportedValue(node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier || requiredModule(inner) !== undefined) return true;
  return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && requiredModule(inner.object) !== undefined;
}

/** `module.exports`, `exports`, or a property of either. */
function isExportsTarget(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'exports';
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return false;
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module')
    return node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'exports';
  return isExportsTarget(object);
}

/**
 * A module that only gathers other modules' exports (an `index.js` of `const a = require('./a')`
 * and `module.exports = { a }`, or of `export … from`): nothing in it is analysed.
 */
export function isBarrel(sourceCode: SourceCode): boolean {
  let reexports = 0;
  for (const statement of sourceCode.ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        continue;
      case AST_NODE_TYPES.ExportAllDeclaration:
        reexports++;
        continue;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.declaration) return false;
        reexports++;
        continue;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        if (statement.declaration.type !== AST_NODE_TYPES.Identifier) return false;
        reexports++;
        continue;
      case AST_NODE_TYPES.VariableDeclaration:
        if (!statement.declarations.every((declarator) => declarator.init && isReexportedValue(declarator.init))) return false;
        continue;
      case AST_NODE_TYPES.ExpressionStatement: {
        const expression = statement.expression;
        if (expression.type === AST_NODE_TYPES.Literal) continue; // 'use strict'
        if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=' || !isExportsTarget(expression.left))
          return false;
        const right = skipWrappers(expression.right);
        const values =
          right.type === AST_NODE_TYPES.ObjectExpression
            ? right.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? property.value : property))
            : [right];
        if (!values.every((value) => isReexportedValue(value as TSESTree.Node))) return false;
        reexports++;
        continue;
      }
      default:
        return false;
    }
  }
  return reexports > 0;
}

/** Forget every parsed module (tests). */
export function clearModuleCache(): void {
  cache.clear();
  clearResolverCache();
}
