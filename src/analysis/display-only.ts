/**
 * Whether a value is only shown — logged, alerted, written into the page as text, rendered —
 * and never used for a decision: the catalog's "a decoded token that is only logged or
 * displayed is not trusted" (rules.md, Decisions, second round).
 *
 *   isOnlyDisplayed(sc, node)   every use of the value (directly, or through the variable it
 *                               initialises, `JSON.stringify` or a template literal) is a logging
 *                               call, or a dump of the whole value into an element's text or a
 *                               JSX child; at least one such use, no other
 *
 * A claim read out of the value (`claims.name`) counts only when it is logged: a page greeting
 * the user by `claims.name` presents the claims as who signed in, which is trusting them.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from './ast';
import { memberName, skipWrappers } from './modules';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** Roots of calls that only print their arguments. */
const LOGGING_ROOTS = new Set(['console', 'logger', 'log', 'debug', 'alert']);
/** Element properties whose assignment shows a string. */
const TEXT_PROPERTIES = new Set(['innerText', 'textContent', 'innerHTML', 'outerHTML']);
/** Bounds the walk through variables, claims and string conversions. */
const MAX_DEPTH = 6;

function rootName(node: Node): string | undefined {
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}

/** `JSON.stringify(x, null, 2)`, `String(x)`: a string made of the value, for showing. */
function isStringConversion(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'String';
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'JSON' &&
    memberName(sourceCode, callee) === 'stringify'
  );
}

/** The expression a use stands for, past `await`, TS wrappers and parentheses. */
function outermost(node: Node): Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  )
    current = current.parent;
  return current;
}

/** A branch that only writes log lines (`console.warn(…)`), or nothing. */
function onlyLogs(statement: TSESTree.Statement): boolean {
  const statements = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body : [statement];
  return statements.every(
    (inner) =>
      inner.type === AST_NODE_TYPES.ExpressionStatement &&
      inner.expression.type === AST_NODE_TYPES.CallExpression &&
      LOGGING_ROOTS.has(rootName(inner.expression.callee) ?? '') &&
      rootName(inner.expression.callee) !== 'alert',
  );
}

function usesOnlyDisplay(sourceCode: SourceCode, node: Node, depth: number, claimRead = false): boolean {
  if (depth > MAX_DEPTH) return false;
  const use = outermost(node);
  const parent = use.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
      if (parent.callee === use) return false;
      if (LOGGING_ROOTS.has(rootName(parent.callee) ?? '')) return true;
      return isStringConversion(sourceCode, parent) && usesOnlyDisplay(sourceCode, parent, depth + 1, claimRead);
    case AST_NODE_TYPES.TemplateLiteral:
      return usesOnlyDisplay(sourceCode, parent, depth + 1, claimRead);
    case AST_NODE_TYPES.JSXExpressionContainer:
      return !claimRead && (parent.parent?.type === AST_NODE_TYPES.JSXElement || parent.parent?.type === AST_NODE_TYPES.JSXFragment);
    case AST_NODE_TYPES.MemberExpression:
      // A claim read to be logged: `console.log(claims.email)`, `claims['cnf']`.
      return (
        parent.object === use &&
        (!parent.computed || memberName(sourceCode, parent) !== undefined) &&
        usesOnlyDisplay(sourceCode, parent, depth + 1, true)
      );
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      // A condition made of the value: what decides is where the condition goes.
      return (
        (parent.type !== AST_NODE_TYPES.UnaryExpression || parent.operator === '!') && usesOnlyDisplay(sourceCode, parent, depth + 1, true)
      );
    case AST_NODE_TYPES.IfStatement:
      // `if (!claims.cnf) console.warn(…)`: a decision whose only effect is a log line.
      return parent.test === use && onlyLogs(parent.consequent) && (parent.alternate === null || onlyLogs(parent.alternate));
    case AST_NODE_TYPES.AssignmentExpression:
      return (
        !claimRead &&
        parent.right === use &&
        parent.operator === '=' &&
        parent.left.type === AST_NODE_TYPES.MemberExpression &&
        TEXT_PROPERTIES.has(memberName(sourceCode, parent.left) ?? '')
      );
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== use || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = findVariable(sourceCode.getScope(parent), parent.id);
      if (!variable) return false;
      const reads = variable.references.filter((reference) => reference.isRead());
      // Reassigned or never read: not a plain display value.
      if (reads.length === 0 || variable.references.some((reference) => reference.isWrite() && reference.identifier !== parent.id))
        return false;
      return reads.every((reference) => usesOnlyDisplay(sourceCode, reference.identifier, depth + 1, claimRead));
    }
    default:
      return false;
  }
}

/** Every use of the value at `node` only shows it (see the module comment). */
export function isOnlyDisplayed(sourceCode: SourceCode, node: Node): boolean {
  return usesOnlyDisplay(sourceCode, node, 0);
}

/**
 * A token read into a variable (`const jwt = params.get('id_token')`) whose every read is the
 * token of one of `decodes`, each decoded value only logged or shown
 * (`el.innerText = JSON.stringify(claims)`): nothing is decided on it.
 */
export function readOnlyToDisplay(
  sourceCode: SourceCode,
  read: Node,
  decodes: readonly { readonly kind: string; readonly token: Node | undefined; readonly node: Node }[],
): boolean {
  const declarator = read.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== read ||
    declarator.id.type !== AST_NODE_TYPES.Identifier
  )
    return false;
  const variable = findVariable(sourceCode.getScope(declarator), declarator.id);
  const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
  if (reads.length === 0) return false;
  return reads.every(({ identifier }) => {
    const decode = decodes.find(
      ({ kind, token }) =>
        kind === 'decode' && token !== undefined && token.range[0] <= identifier.range[0] && identifier.range[1] <= token.range[1],
    );
    return decode !== undefined && isOnlyDisplayed(sourceCode, decode.node);
  });
}
