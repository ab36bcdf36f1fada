/**
 * The functions a call reaches, wherever they are written: in the same file or in another
 * module of the project (through its imports). Analyses that follow helpers ask here, and
 * analyse the helper with the SourceCode it comes with, so a check (or a missing one) in
 * `../services/github` is judged like one written inline.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, findVariable, isFunctionNode, soleValueDefinition } from './ast';
import { fileFacts } from './file-facts';
import { guarded } from './guard';
import {
  calleeOrigin,
  localFunction,
  lookup,
  memberName,
  originOf,
  propertyKeyName,
  skipWrappers,
  thisHolderOf,
  thisMethodOf,
  type Origin,
  type ThisHolder,
} from './modules';
import { type Located, definitionOf } from './project/definitions';
import { fileInfo } from './project/files';
import { resolveModule } from './project/resolve';
import { propertyPathGet } from './request-input';
import { descendants } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type { Located };

export interface CalledFunction {
  /** The SourceCode of the file the function is written in (another module's, when imported). */
  readonly sourceCode: SourceCode;
  readonly fn: FunctionNode;
  /** True when the function is written in another module than the caller. */
  readonly imported: boolean;
}

/**
 * The function a callee names: a declaration or const-bound function of this file, an
 * imported export of a project module (`import { exchange } from '../services/github'`,
 * `const { uid } = require('./utils')`, `utils.uid` of `import * as utils`), or undefined.
 */
export function calledFunction(sourceCode: SourceCode, callee: Node): CalledFunction | undefined {
  // Several analyses ask about the same call sites; a node belongs to one parse of one file.
  const cached = calledCache.get(callee);
  if (cached !== undefined) return cached ?? undefined;
  const found = findCalledFunction(sourceCode, callee);
  calledCache.set(callee, found ?? null);
  return found;
}

const calledCache = new WeakMap<Node, CalledFunction | null>();

function findCalledFunction(sourceCode: SourceCode, callee: Node): CalledFunction | undefined {
  const inner = skipWrappers(callee);
  const local = localFunction(sourceCode, inner) ?? thisMethodOf(sourceCode, inner);
  if (local) return isFunctionNode(local) && local.body ? { sourceCode, fn: local, imported: false } : undefined;
  // Another module's function is reached only through an import of a project module.
  if (!fileFacts(sourceCode).importsProjectModules) return undefined;
  const found = guarded(() => definitionOf(sourceCode, inner), undefined);
  if (!found || found.sourceCode === sourceCode || !isFunctionNode(found.node) || !found.node.body) return undefined;
  return { sourceCode: found.sourceCode, fn: found.node, imported: true };
}

/**
 * The expression a name stands for when another module defines it (`import { clientSecret }
 * from '../config'` → the initializer in config), or undefined for local names and packages.
 */
export function importedDefinition(sourceCode: SourceCode, node: Node): Located | undefined {
  const found = guarded(() => definitionOf(sourceCode, node), undefined);
  return found && found.sourceCode !== sourceCode ? found : undefined;
}

/**
 * The origin of a member chain whose root is defined by another module of the project with a
 * package's value: `Spotify.authorizationCodeGrant` where `import Spotify from '../api/spotify'`
 * and that module exports `new SpotifyWebApi({...})` → `spotify-web-api-node#().authorizationCodeGrant`.
 * Undefined when the root is not such a name (ask `originOf` for everything else).
 */
export function projectOrigin(sourceCode: SourceCode, node: Node): Origin | undefined {
  const members: string[] = [];
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(sourceCode, current);
    if (name === undefined) return undefined;
    members.unshift(name);
    current = skipWrappers(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const found = importedDefinition(sourceCode, current);
  const base = found ? guarded(() => originOf(found.sourceCode, found.node), undefined) : undefined;
  // A value the other module imports from yet another project module is not followed further.
  if (!base || base.module.startsWith('.') || base.module.startsWith('/')) return undefined;
  return { module: base.module, path: [...base.path, ...members] };
}

/**
 * Whether an import specifier names a module of the project: relative and absolute paths, and
 * aliases that resolve to a project file (`$lib/github.svelte`, `@/api/auth`, tsconfig `paths`).
 */
export function isProjectModule(sourceCode: SourceCode, specifier: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return true;
  const filename = fileInfo(sourceCode)?.filename;
  return filename !== undefined && guarded(() => resolveModule(filename, specifier), undefined) !== undefined;
}

/** True when `node` belongs to the file `sourceCode` was parsed from (not to an imported module). */
export function isInFile(sourceCode: SourceCode, node: Node): boolean {
  let current: Node = node;
  while (current.parent) current = current.parent;
  return current === (sourceCode.ast as Node);
}

export interface ParameterTrace {
  /**
   * Also a property read of a parameter (`params.code`), a const holding one (`const code =
   * params.code`) and a name a destructured parameter binds (`function f({ code })`).
   */
  readonly throughReads?: boolean;
  /** Only a parameter the function never reassigns (the value written is the one passed). */
  readonly unchanged?: boolean;
}

/** How many const aliases a parameter's value is followed through (`const a = p.x; const b = a.y`). */
const ALIAS_HOPS = 6;

/**
 * Which parameter of `fn` an expression is (its index), or undefined: the one place an
 * analysis asks which argument of a call becomes a value inside the function it calls.
 */
export function parameterIndexOf(
  sourceCode: SourceCode,
  fn: TSESTree.FunctionLike,
  node: Node | undefined,
  trace: ParameterTrace = {},
  hops = 0,
): number | undefined {
  if (!node) return undefined;
  let inner = skipWrappers(node);
  if (trace.throughReads) {
    for (let i = 0; i < 6; i++) {
      if (inner.type === AST_NODE_TYPES.MemberExpression) inner = skipWrappers(inner.object);
      else if (inner.type === AST_NODE_TYPES.CallExpression) {
        // `_.get(query, 'code')`: a property read written as a call.
        const read = propertyPathGet(sourceCode, inner);
        if (!read) break;
        inner = skipWrappers(read.object);
      } else break;
    }
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(inner), inner);
  const def = soleValueDefinition(variable);
  if (!variable || !def) return undefined;
  if (trace.throughReads && def.type === 'Variable' && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
    // `const code = params.code` is still the parameter's value.
    return def.node.parent.kind === 'const' && hops < ALIAS_HOPS
      ? parameterIndexOf(sourceCode, fn, def.node.init, trace, hops + 1)
      : undefined;
  }
  if (def.type !== 'Parameter' || def.node !== fn) return undefined;
  if (trace.unchanged && variable.references.some((reference) => reference.isWrite())) return undefined;
  const index = fn.params.findIndex((param) => {
    const binding =
      param.type === AST_NODE_TYPES.AssignmentPattern
        ? param.left
        : param.type === AST_NODE_TYPES.TSParameterProperty
          ? param.parameter
          : param;
    if (binding === def.name) return true;
    return trace.throughReads === true && binding.type === AST_NODE_TYPES.ObjectPattern && within(binding, def.name);
  });
  return index === -1 ? undefined : index;
}

function within(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The table's entry for the library function or constructor a call reaches. The callee's
 * origin is resolved only in a file that can reach one of the table's modules or globals:
 * most calls of most files never can.
 */
export function libraryCallEntry<T>(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  table: ReadonlyMap<string, T>,
): T | undefined {
  return fileFacts(sourceCode).mayMatch(table) ? lookup(calleeOrigin(sourceCode, call), table) : undefined;
}

/** The identifier a function is bound to: its declaration's name, or the const it initialises. */
function bindingOf(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return undefined;
}

/**
 * The calls of a local function (by its binding) or of a method called on `this` (`this.name(…)`):
 * a class's method, or a function of an object literal — a Vue options component's `methods`
 * and hooks share one `this`.
 */
export function callSitesOf(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  const name = bindingOf(fn);
  if (name) {
    const variable = findVariable(sourceCode.getScope(name), name);
    return (variable?.references ?? [])
      .map((reference) => reference.identifier.parent)
      .filter((call): call is TSESTree.CallExpression => call?.type === AST_NODE_TYPES.CallExpression && call.callee !== undefined);
  }
  const member = fn.parent;
  if (
    (member?.type !== AST_NODE_TYPES.MethodDefinition &&
      member?.type !== AST_NODE_TYPES.PropertyDefinition &&
      member?.type !== AST_NODE_TYPES.Property) ||
    member.computed
  )
    return [];
  const key = propertyKeyName(sourceCode, member);
  const holder = thisHolderOf(fn);
  if (!key || !holder) return [];
  return thisCallsOf(sourceCode, holder).get(key) ?? [];
}

/** A class's or object literal's `this.name(…)` calls by method name, collected in one walk. */
const thisCallsByHolder = new WeakMap<ThisHolder, Map<string, TSESTree.CallExpression[]>>();
function thisCallsOf(sourceCode: SourceCode, holder: ThisHolder): Map<string, TSESTree.CallExpression[]> {
  let calls = thisCallsByHolder.get(holder);
  if (calls) return calls;
  calls = new Map();
  for (const node of descendants(holder)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || skipWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression) continue;
    const name = memberName(sourceCode, callee);
    if (name === undefined) continue;
    const list = calls.get(name);
    if (list) list.push(node);
    else calls.set(name, [node]);
  }
  thisCallsByHolder.set(holder, calls);
  return calls;
}
