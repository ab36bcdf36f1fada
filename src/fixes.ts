/**
 * Small builders for editor suggestions. Each returns a fix only when the edit is purely
 * mechanical — a literal written right there, an object or array literal to add to or take
 * from — and undefined otherwise, so a rule offers no suggestion rather than a wrong one
 * (a value that comes from a variable, a parameter or another file is changed by hand).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { skipWrappers } from './analysis/modules';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type Fix = TSESLint.ReportFixFunction;

/** The string a literal (`'x'`, `"x"`, or a template without holes) spells, with the node. */
function stringLiteral(node: Node): { node: TSESTree.Literal | TSESTree.TemplateLiteral; value: string } | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return { node: inner, value: inner.value };
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0)
    return { node: inner, value: inner.quasis[0].value.cooked ?? '' };
  return undefined;
}

/**
 * Replaces a string literal whose whole value satisfies `matches` with `value`, keeping its
 * quote character. `value` is plain text chosen by the rule (no quotes or backslashes).
 */
export function replaceStringLiteral(
  sourceCode: SourceCode,
  node: Node,
  matches: (text: string) => boolean,
  value: string,
): Fix | undefined {
  const literal = stringLiteral(node);
  if (!literal || !matches(literal.value)) return undefined;
  const quote = sourceCode.getText(literal.node).charAt(0);
  return (fixer) => fixer.replaceText(literal.node, `${quote}${value}${quote}`);
}

/** Replaces the boolean literal `from` written at `node` with `!from`. */
export function flipBooleanLiteral(node: Node, from: boolean): Fix | undefined {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Literal || inner.value !== from) return undefined;
  return (fixer) => fixer.replaceText(inner, String(!from));
}

/** The literal text pieces of a string expression: literals, template quasis, and `+` of those. */
function stringPieces(node: Node, pieces: Node[] = []): Node[] {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') pieces.push(inner);
  else if (inner.type === AST_NODE_TYPES.TemplateLiteral) pieces.push(...inner.quasis);
  else if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
    stringPieces(inner.left, pieces);
    stringPieces(inner.right, pieces);
  }
  return pieces;
}

function decodeQueryValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * In a URL or form body written as a string (`'…?response_type=token&client_id=…'`, a
 * template, a concatenation), replaces the value of parameter `name` with `value`. Only when
 * the parameter occurs exactly once, its value is written out in full inside one piece of
 * literal text (ending at `&`, `#` or the closing quote) and satisfies `matches`.
 */
export function replaceQueryValue(
  sourceCode: SourceCode,
  container: Node,
  name: string,
  matches: (text: string) => boolean,
  value: string,
): Fix | undefined {
  const param = new RegExp(`(?:^|[?&#'"\`}])${name}=([^&#'"\`$]*)([&#'"\`])`, 'g');
  const found: { start: number; end: number; raw: string }[] = [];
  for (const piece of stringPieces(container)) {
    const text = sourceCode.getText(piece);
    for (const match of text.matchAll(param)) {
      const start = piece.range[0] + match.index + match[0].length - match[1].length - match[2].length;
      found.push({ start, end: start + match[1].length, raw: match[1] });
    }
  }
  if (found.length !== 1) return undefined;
  const [only] = found;
  const decoded = decodeQueryValue(only.raw);
  if (decoded === undefined || !matches(decoded)) return undefined;
  return (fixer) => fixer.replaceTextRange([only.start, only.end], value);
}

/** Adds `text` (e.g. `rateLimit: true`) as the last property of an object literal. */
export function addProperty(sourceCode: SourceCode, object: Node, text: string): Fix | undefined {
  const inner = skipWrappers(object);
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const last = inner.properties.at(-1);
  if (!last) return (fixer) => fixer.replaceText(inner, `{ ${text} }`);
  const after = sourceCode.getTokenAfter(last);
  const trailingComma = after?.value === ',' ? after : undefined;
  // A multi-line object gets the property on a line of its own, indented like the last one.
  if (last.loc.start.line !== inner.loc.start.line) {
    const indent = /^\s*/.exec(sourceCode.lines[last.loc.start.line - 1])?.[0] ?? '';
    if (trailingComma) return (fixer) => fixer.insertTextAfter(trailingComma, `\n${indent}${text},`);
    return (fixer) => fixer.insertTextAfter(last, `,\n${indent}${text}`);
  }
  if (trailingComma) return (fixer) => fixer.insertTextAfter(trailingComma, ` ${text},`);
  return (fixer) => fixer.insertTextAfter(last, `, ${text}`);
}

/** Removes one element (and its comma) from the array literal that holds it. */
export function removeArrayElement(element: Node): Fix | undefined {
  const array = element.parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression || array.elements.length < 2) return undefined;
  const index = array.elements.indexOf(element as TSESTree.Expression);
  if (index === -1) return undefined;
  const next = array.elements[index + 1];
  const previous = array.elements[index - 1];
  // `['none', 'RS256']` → `['RS256']`; `['RS256', 'none']` → `['RS256']`.
  if (next) return (fixer) => fixer.removeRange([element.range[0], next.range[0]]);
  if (previous) return (fixer) => fixer.removeRange([previous.range[1], element.range[1]]);
  return undefined;
}
