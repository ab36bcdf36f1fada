/**
 * Scope and static-value helpers from `@eslint-community/eslint-utils`, typed for
 * typescript-eslint's AST. The plugin depends on that small package at run time instead of
 * `@typescript-eslint/utils`, which would bring TypeScript into plain-JS projects.
 */
import * as eslintUtils from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** The variable a name or identifier refers to from `initialScope`, or null. */
export function findVariable(initialScope: TSESLint.Scope.Scope, nameOrNode: string | TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return eslintUtils.findVariable(initialScope as never, nameOrNode as never) as TSESLint.Scope.Variable | null;
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
