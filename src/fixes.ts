/**
 * Small builders for editor suggestions. Each returns a fix only when the edit is purely
 * mechanical — a literal written right there, an object or array literal to add to or take
 * from — and undefined otherwise, so a rule offers no suggestion rather than a wrong one
 * (a value that comes from a variable, a parameter or another file is changed by hand).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from './analysis/ast';
import { childNodes, normaliseModule, requiredModule, skipWrappers } from './analysis/modules';
import { getPath, objectLiteral } from './analysis/values';

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

/**
 * Adds `text` (e.g. `secure: true`) to a call's options: into its options object when that
 * is an object literal written in the call itself (a shared const is changed where it is
 * defined, by hand), or as a new options argument after `value` when the call has no
 * options and `value` is its last argument.
 */
export function addCallOptions(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  options: Node | undefined,
  value: Node | undefined,
  text: string,
): Fix | undefined {
  if (options) {
    if (options.type !== AST_NODE_TYPES.ObjectExpression || !call.arguments.includes(options as TSESTree.CallExpressionArgument))
      return undefined;
    const last = options.properties.at(-1);
    if (!last) return (fixer) => fixer.replaceText(options, `{ ${text} }`);
    const after = sourceCode.getTokenAfter(last);
    const hasTrailingComma = after?.value === ',';
    return (fixer) => fixer.insertTextAfter(hasTrailingComma && after ? after : last, hasTrailingComma ? ` ${text},` : `, ${text}`);
  }
  if (!value || call.arguments.at(-1) !== value) return undefined;
  return (fixer) => fixer.insertTextAfter(value, `, { ${text} }`);
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

/**
 * Adds `leaf` (e.g. `algorithms: ['RS256']`) at `path` (its last segment names the leaf) under
 * a call's options: into the options object literal, wrapping it in the nested objects the path
 * still lacks (`verifyOptions: { algorithms: [...] }`), or, when the call passes no options, as a
 * new options argument after the key (`verify(token, key)` → `verify(token, key, { … })`).
 */
export function addCallOption(
  sourceCode: SourceCode,
  call: Node,
  options: Node | undefined,
  path: readonly string[],
  leaf: string,
  positions: { readonly key?: number; readonly options?: number },
): Fix | undefined {
  let object = options ? objectLiteral(sourceCode, options) : undefined;
  // Nested options: descend while the parents exist.
  let depth = 0;
  while (object && depth < path.length - 1) {
    const parent = getPath(sourceCode, object, [path[depth]]);
    if (parent.status !== 'present') break;
    object = objectLiteral(sourceCode, parent.value);
    depth += 1;
  }
  let property = leaf;
  for (let i = path.length - 2; i >= depth; i--) property = `${path[i]}: { ${property} }`;
  if (object) {
    const target = object;
    if (target.properties.length === 0) return (fixer) => fixer.replaceText(target, `{ ${property} }`);
    const last = target.properties[target.properties.length - 1];
    return (fixer) => fixer.insertTextAfter(last, `, ${property}`);
  }
  if (
    options ||
    path.length > 1 ||
    positions.options === undefined ||
    positions.key === undefined ||
    call.type !== AST_NODE_TYPES.CallExpression
  )
    return undefined;
  const args = call.arguments;
  const keyArg = args[positions.key];
  if (!keyArg || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  if (args.length === positions.key + 1) return (fixer) => fixer.insertTextAfter(keyArg, `, { ${property} }`);
  const next = args[positions.options];
  if (args.length === positions.options + 1 && next) return (fixer) => fixer.insertTextBefore(next, `{ ${property} }, `);
  return undefined;
}

// --- a CSPRNG in place of Math.random() ---------------------------------------------------

/** Methods whose result is a string: `Math.random().toString(36).slice(2)` is one. */
const STRING_METHODS = new Set(['toString', 'substring', 'substr', 'slice', 'padStart', 'padEnd', 'toUpperCase', 'toLowerCase', 'replace']);
/** Globals a self-contained `Math.random()` expression may use. */
const PLAIN_GLOBALS = new Set(['Math', 'Date', 'String', 'Number', 'parseInt']);

/** The expression uses nothing but literals, Math/Date/String/Number and Math.random() itself. */
function selfContained(sourceCode: SourceCode, node: Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    // A global only: a local `Math` or `Date` would be something else.
    return PLAIN_GLOBALS.has(node.name) && !findVariable(sourceCode.getScope(node), node)?.defs.length;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression)
    return selfContained(sourceCode, node.object) && (!node.computed || selfContained(sourceCode, node.property));
  if (
    node.type !== AST_NODE_TYPES.Literal &&
    node.type !== AST_NODE_TYPES.CallExpression &&
    node.type !== AST_NODE_TYPES.NewExpression &&
    node.type !== AST_NODE_TYPES.BinaryExpression &&
    node.type !== AST_NODE_TYPES.UnaryExpression &&
    node.type !== AST_NODE_TYPES.TemplateLiteral &&
    node.type !== AST_NODE_TYPES.TemplateElement
  )
    return false;
  return childNodes(node).every((child) => selfContained(sourceCode, child));
}

/** True when the expression's value is a string (so a string-valued CSPRNG call can take its place). */
function isStringExpression(node: Node): boolean {
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
    return isStringExpression(node.left) || isStringExpression(node.right);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'String';
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    STRING_METHODS.has(callee.property.name)
  );
}

function callsMathRandom(node: Node): boolean {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Math' &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    node.callee.property.name === 'random'
  )
    return true;
  return childNodes(node).some(callsMathRandom);
}

/** What a name is bound to here: Node's crypto module, one of its exports, something else, or nothing (a global). */
function binding(sourceCode: SourceCode, at: Node, name: string): { module: string; imported: string | undefined } | 'other' | 'global' {
  const variable = findVariable(sourceCode.getScope(at), name);
  if (!variable || variable.defs.length === 0) return 'global';
  if (variable.defs.length !== 1) return 'other';
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    // `import crypto = require('crypto')` (TypeScript) has no import declaration: left alone.
    const declaration = def.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return 'other';
    const module = normaliseModule(String(declaration.source.value));
    const specifier = def.node;
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier)
      return {
        module,
        imported: specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value,
      };
    return { module, imported: undefined };
  }
  if (def.type === 'Variable' && def.node.init) {
    const module = requiredModule(def.node.init);
    if (module === undefined) return 'other';
    // `const crypto = require('crypto')` or `const { randomBytes } = require('crypto')`.
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return { module: normaliseModule(module), imported: undefined };
    const property =
      def.node.id.type === AST_NODE_TYPES.ObjectPattern
        ? def.node.id.properties.find((p) => p.type === AST_NODE_TYPES.Property && p.value === def.name)
        : undefined;
    const key =
      property?.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    return key ? { module: normaliseModule(module), imported: key } : 'other';
  }
  return 'other';
}

/**
 * A CSPRNG expression that can stand where `node` — a self-contained, string-valued
 * `Math.random()` expression — is, written the way this file can call it: Node's
 * `randomBytes` when the file imports it (or the crypto module), else the global Web Crypto
 * `crypto` (browsers; Node.js 19 and later). `randomUUID()` (122 random bits, 36 characters)
 * for a state, nonce or CSRF token; 32 random bytes for a PKCE code_verifier, which must be
 * 43 to 128 characters. Undefined when the expression or the file's bindings do not fit.
 */
export function secureRandomReplacement(
  sourceCode: SourceCode,
  node: Node,
  forVerifier: boolean,
): { text: string; label: string } | undefined {
  const inner = skipWrappers(node);
  if (!isStringExpression(inner) || !callsMathRandom(inner) || !selfContained(sourceCode, inner)) return undefined;
  const randomBytes = binding(sourceCode, inner, 'randomBytes');
  if (typeof randomBytes === 'object' && randomBytes.module === 'crypto' && randomBytes.imported === 'randomBytes')
    return written("randomBytes(32).toString('base64url')");
  const crypto = binding(sourceCode, inner, 'crypto');
  if (typeof crypto === 'object')
    return crypto.module === 'crypto' && crypto.imported === undefined
      ? written("crypto.randomBytes(32).toString('base64url')")
      : undefined;
  if (crypto === 'other') return undefined;
  // Hex of 32 bytes: 64 characters, within the verifier's 43–128, with no encoding helper needed.
  if (forVerifier)
    return {
      text: "Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('')",
      label: '32 bytes of `crypto.getRandomValues()` as hex',
    };
  return written('crypto.randomUUID()');
}

/** A replacement whose label is its own code. */
function written(text: string): { text: string; label: string } {
  return { text, label: `\`${text}\`` };
}
