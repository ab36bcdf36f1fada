/**
 * What a value is.
 *
 * Rules ask questions about values property by property, keeping the nodes so reports land
 * where the value was written (even in a `const` elsewhere in the file):
 *
 *   definitionOf(x)             the expression a const / single-assignment binding holds
 *   stringValue(x)              'code' | undefined (constants, templates, concatenation)
 *   stringParts(x)              known text with unknown holes, for URLs built from templates
 *   getProperty(obj, 'name')    present (with nodes) | absent | unknown (an unresolvable spread)
 *   arrayElements(x)            the element nodes of an array literal, through consts
 *
 * "Unknown" is always a possible answer and rules stay silent on it. `getStaticValue`
 * gives up on a whole object when one property is unknown, so objects are read here
 * key by key instead.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, getStaticValue } from './ast';
import { childNodes, classFieldValue, localFunction, memberName, propertyKeyName, skipWrappers, writtenValues } from './modules';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

const MAX_DEPTH = 10;

/**
 * The expression a name stands for: follows `const` bindings, `let`/`var` bindings written
 * once, and calls to local helpers with a single `return` of an object literal. Returns the
 * input when there is nothing to follow.
 */
export function definitionOf(sourceCode: SourceCode, node: Node, depth = 0): Node {
  const inner = skipWrappers(node);
  if (depth > MAX_DEPTH) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(inner), inner);
    if (!variable || variable.defs.length !== 1) return inner;
    const def = variable.defs[0];
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return inner;
    const values = writtenValues(variable);
    if (!values || values.length !== 1) return inner;
    // Written at its declaration, or declared bare and assigned once (`let state; try { state = JSON.parse(raw) } catch {…}`).
    if (
      values[0] !== def.node.init &&
      (def.node.init || values[0].parent?.type !== AST_NODE_TYPES.AssignmentExpression || values[0].parent.operator !== '=')
    )
      return inner;
    return definitionOf(sourceCode, values[0], depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.length === 0) {
    // Option objects built in a helper of the same file: `jwt.verify(t, key, verifyOptions())`.
    const fn = localFunction(sourceCode, inner.callee);
    const body = fn?.body;
    if (body && body.type !== AST_NODE_TYPES.BlockStatement) return definitionOf(sourceCode, body, depth + 1);
    if (body?.type === AST_NODE_TYPES.BlockStatement) {
      const returns = body.body.filter(
        (statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement,
      );
      if (returns.length === 1 && returns[0].argument && body.body.at(-1) === returns[0]) {
        return definitionOf(sourceCode, returns[0].argument, depth + 1);
      }
    }
  }
  return inner;
}

/** `x || ''`, `x ?? ''`, `x ?? null`: `x`, the value when there is one; anything else as it is. */
export function withoutEmptyFallback(sourceCode: SourceCode, node: Node): Node {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.LogicalExpression || inner.operator === '&&') return inner;
  const right = skipWrappers(inner.right);
  const empty =
    (right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined') ||
    (right.type === AST_NODE_TYPES.Literal && right.value === null && !('regex' in right)) ||
    stringValue(sourceCode, right) === '';
  return empty ? skipWrappers(inner.left) : inner;
}

/** The constant value of an expression (string, number, boolean, null), or undefined. */
export function staticValue(sourceCode: SourceCode, node: Node): { value: unknown } | undefined {
  const result = getStaticValue(node, sourceCode.getScope(node));
  return result ?? undefined;
}

export function stringValue(sourceCode: SourceCode, node: Node): string | undefined {
  const result = staticValue(sourceCode, node);
  if (result && typeof result.value === 'string') return result.value;
  const parts = stringParts(sourceCode, node);
  if (parts.every((part) => part.text !== undefined)) return parts.map((part) => part.text).join('');
  return undefined;
}

export interface StringPart {
  /** The constant text, or undefined for a hole whose value is not known. */
  readonly text: string | undefined;
  readonly node: Node;
}

/**
 * A string expression as constant text and unknown holes: template literals, `+`
 * concatenation, constant bindings, `encodeURIComponent(const)`. Holes are kept in order so
 * callers can read query strings such as `?response_type=token&client_id=${id}`.
 */
export function stringParts(sourceCode: SourceCode, node: Node, depth = 0): StringPart[] {
  const inner = skipWrappers(node);
  if (depth > MAX_DEPTH) return [{ text: undefined, node: inner }];
  if (inner.type === AST_NODE_TYPES.Literal) {
    return [
      {
        text:
          typeof inner.value === 'string' || typeof inner.value === 'number' || typeof inner.value === 'boolean'
            ? String(inner.value)
            : undefined,
        node: inner,
      },
    ];
  }
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts: StringPart[] = [];
    inner.quasis.forEach((quasi, i) => {
      if (quasi.value.cooked) parts.push({ text: quasi.value.cooked, node: quasi });
      const expression = inner.expressions[i];
      if (expression) parts.push(...stringParts(sourceCode, expression, depth + 1));
    });
    return parts;
  }
  if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
    const left = stringParts(sourceCode, inner.left as Node, depth + 1);
    return [...left, ...stringParts(sourceCode, inner.right, depth + 1)];
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, inner);
    if (definition !== inner) {
      const parts = stringParts(sourceCode, definition, depth + 1);
      // An unreadable value stays the named binding (`idToken`, not the call that made it):
      // callers classify holes by name.
      return parts.length === 1 && parts[0].text === undefined ? [{ text: undefined, node: inner }] : parts;
    }
  }
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    (inner.callee.name === 'encodeURIComponent' || inner.callee.name === 'String') &&
    inner.arguments.length === 1
  ) {
    const parts = stringParts(sourceCode, inner.arguments[0], depth + 1);
    if (parts.every((part) => part.text !== undefined)) {
      const text = parts.map((part) => part.text).join('');
      return [{ text: inner.callee.name === 'String' ? text : encodeURIComponent(text), node: inner }];
    }
    return [{ text: undefined, node: inner }];
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    // `this.SCOPE`, `Client.TOKEN_URL`: a class constant nothing else writes.
    const field = classFieldValue(sourceCode, inner);
    if (field) {
      const parts = stringParts(sourceCode, field, depth + 1);
      if (parts.every((part) => part.text !== undefined)) return parts;
    }
  }
  const result = staticValue(sourceCode, inner);
  if (result && (typeof result.value === 'string' || typeof result.value === 'number'))
    return [{ text: String(result.value), node: inner }];
  return [{ text: undefined, node: inner }];
}

export type PropertyLookup =
  | { readonly status: 'present'; readonly value: Node; readonly property: TSESTree.Property }
  | { readonly status: 'absent' }
  | { readonly status: 'unknown' };

const ABSENT: PropertyLookup = { status: 'absent' };
const UNKNOWN: PropertyLookup = { status: 'unknown' };

/** The object literal an expression holds (through consts and helpers), if any. */
export function objectLiteral(sourceCode: SourceCode, node: Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const definition = definitionOf(sourceCode, node);
  return definition.type === AST_NODE_TYPES.ObjectExpression ? definition : undefined;
}

/**
 * Looks up `name` in an object expression: the last write wins, spreads of resolvable
 * objects are followed, and a spread of something unknown after which the key is not set
 * again makes the answer unknown.
 */
export function getProperty(sourceCode: SourceCode, node: Node | undefined, name: string, depth = 0): PropertyLookup {
  if (!node || depth > MAX_DEPTH) return UNKNOWN;
  const object = objectLiteral(sourceCode, node);
  if (!object) return UNKNOWN;
  let result: PropertyLookup = ABSENT;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = getProperty(sourceCode, property.argument, name, depth + 1);
      if (spread.status !== 'absent') result = spread;
      continue;
    }
    const key = propertyKeyName(sourceCode, property);
    if (key === undefined) {
      // A computed key we cannot read might be this one.
      if (result.status === 'absent') result = UNKNOWN;
      continue;
    }
    if (key === name) result = { status: 'present', value: property.value, property };
  }
  return result;
}

/** Follows a path of keys: `getPath(opts, ['cookie', 'secure'])`. */
export function getPath(sourceCode: SourceCode, node: Node | undefined, path: readonly string[]): PropertyLookup {
  let current: Node | undefined = node;
  let lookup: PropertyLookup = UNKNOWN;
  for (const key of path) {
    lookup = getProperty(sourceCode, current, key);
    if (lookup.status !== 'present') return lookup;
    current = lookup.value;
  }
  return lookup;
}

/** All statically known keys of an object expression (through spreads), or undefined if some are unknown. */
export function propertyNames(sourceCode: SourceCode, node: Node | undefined, depth = 0): Set<string> | undefined {
  const object = objectLiteral(sourceCode, node);
  if (!object || depth > MAX_DEPTH) return undefined;
  const names = new Set<string>();
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = propertyNames(sourceCode, property.argument, depth + 1);
      if (!spread) return undefined;
      for (const name of spread) names.add(name);
      continue;
    }
    const key = propertyKeyName(sourceCode, property);
    if (key === undefined) return undefined;
    names.add(key);
  }
  return names;
}

/** Element nodes of an array literal the expression holds; undefined when not a known array. */
export function arrayElements(sourceCode: SourceCode, node: Node | undefined, depth = 0): Node[] | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const definition = definitionOf(sourceCode, node);
  if (definition.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const elements: Node[] = [];
  for (const element of definition.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) {
      const spread = arrayElements(sourceCode, element.argument, depth + 1);
      if (!spread) return undefined;
      elements.push(...spread);
    } else {
      elements.push(element);
    }
  }
  return elements;
}

/** `true`/`false` when the expression is a boolean constant; undefined otherwise. */
export function booleanValue(sourceCode: SourceCode, node: Node): boolean | undefined {
  const result = staticValue(sourceCode, node);
  return result && typeof result.value === 'boolean' ? result.value : undefined;
}

/** A number constant (`300`, `5 * 60`, `Infinity`), or undefined. */
export function numberValue(sourceCode: SourceCode, node: Node): number | undefined {
  const result = staticValue(sourceCode, node);
  return result && typeof result.value === 'number' ? result.value : undefined;
}

/** Name of a member expression or identifier as written: `tokens.refresh_token` → 'refresh_token'. */
export function tailName(sourceCode: SourceCode, node: Node): string | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(sourceCode, inner);
  if (inner.type === AST_NODE_TYPES.CallExpression) return tailName(sourceCode, inner.callee);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return tailName(sourceCode, inner.argument);
  return undefined;
}

/** Every node below `root` (depth-first), skipping nothing; for small subtrees only. */
export function* descendants(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
