/**
 * Scope and static-value helpers from `@eslint-community/eslint-utils`, typed for
 * typescript-eslint's AST. The plugin depends on that small package at run time instead of
 * `@typescript-eslint/utils`, which would bring TypeScript into plain-JS projects.
 */
import * as eslintUtils from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The variable a name or identifier refers to from `initialScope`, or null. A TypeScript
 * ambient declaration (`declare const process: …`, `declare function jwt_decode(…)`) only
 * describes a global that exists elsewhere, so it does not shadow it: the lookup goes on
 * in the enclosing scopes, and a name that only such a declaration binds is a global.
 */
export function findVariable(initialScope: TSESLint.Scope.Scope, nameOrNode: string | TSESTree.Identifier): TSESLint.Scope.Variable | null {
  const found = eslintUtils.findVariable(initialScope as never, nameOrNode as never) as TSESLint.Scope.Variable | null;
  if (!found || !isAmbientVariable(found)) return found;
  const upper = found.scope.upper;
  if (!upper) return null;
  return findVariable(upper, typeof nameOrNode === 'string' ? nameOrNode : nameOrNode.name);
}

/**
 * The one declaration of a variable's value, or undefined when it has several. A TypeScript
 * type of the same name (`function f(token) { interface token {…} }`) shares the variable but
 * declares no value: it does not count.
 */
export function soleValueDefinition(variable: TSESLint.Scope.Variable | null | undefined): TSESLint.Scope.Definition | undefined {
  if (!variable) return undefined;
  const defs = variable.defs;
  if (defs.length === 1) return defs[0];
  let value: TSESLint.Scope.Definition | undefined;
  for (const def of defs) {
    if (def.type === 'Type') continue;
    if (value) return undefined;
    value = def;
  }
  return value;
}

const variables = new WeakMap<TSESTree.Identifier, TSESLint.Scope.Variable | null>();

/** The variable an identifier refers to in its own scope (memoised per node: helpers often ask twice). */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  let variable = variables.get(identifier);
  if (variable === undefined) {
    variable = findVariable(sourceCode.getScope(identifier), identifier);
    variables.set(identifier, variable);
  }
  return variable;
}

/** A variable that only TypeScript ambient declarations bind: the global it describes. */
export function isAmbientVariable(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.length > 0 && variable.defs.every(isAmbientDefinition);
}

/** `declare const x`, `declare let x`, `declare var x`, `declare function f()`, `declare class C`. */
function isAmbientDefinition(def: TSESLint.Scope.Definition): boolean {
  if (def.type === 'Variable') return def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.declare === true;
  if (def.type === 'FunctionName') return def.node.type === AST_NODE_TYPES.TSDeclareFunction && def.node.declare === true;
  if (def.type === 'ClassName') return 'declare' in def.node && def.node.declare === true;
  return false;
}

/** The static value of an expression (`{ value }`), or null when it is not known. */
export function getStaticValue(node: TSESTree.Node, initialScope?: TSESLint.Scope.Scope): { value: unknown } | null {
  return eslintUtils.getStaticValue(node as never, initialScope as never);
}

/** The name of a member or property key when it is static, or null. */
export function getPropertyName(
  node: TSESTree.MemberExpression | TSESTree.MethodDefinition | TSESTree.Property | TSESTree.PropertyDefinition,
  initialScope?: TSESLint.Scope.Scope,
): string | null {
  return eslintUtils.getPropertyName(node as never, initialScope as never) ?? null;
}

type Node = TSESTree.Node;

/** A function with a body: declaration, expression or arrow. */
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The nearest function around `node` (not `node` itself), or undefined at the top level. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

/** The nearest function around `node`, or the Program at the top level: the scope a check must sit in. */
export function enclosingFunctionOrProgram(node: Node): FunctionNode | TSESTree.Program {
  let current: Node = node;
  while (current.parent) {
    current = current.parent;
    if (isFunctionNode(current)) return current;
  }
  return current as TSESTree.Program;
}

/** The name a function goes by: `function generateState()`, `const createNonce = () => …`, `{ makeVerifier() {} }`. */
export function functionName(fn: TSESTree.FunctionLike): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (
    (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  )
    return parent.key.name;
  return undefined;
}
