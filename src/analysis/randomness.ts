/**
 * How random a value is.
 *
 * `assessRandomness(sourceCode, node)` follows an expression back to where its value was
 * made — through consts, `let` variables built in loops, string transformations
 * (`toString('hex')`, `slice`, templates), wrappers such as `base64url(bytes)` and helper
 * functions of the same file (with their parameters bound to the call's arguments) — and
 * collects the random sources it meets: CSPRNG calls with their byte counts
 * (`crypto.randomBytes(16)`, `crypto.getRandomValues(new Uint8Array(n))`, `randomUUID`,
 * library generators) and predictable ones (`Math.random()`, `Date.now()`, counters,
 * constants). `randomnessVerdict` turns that into a finding, or nothing when unsure.
 *
 * `secretKindFromName` tells which names hold an OAuth `state`, `nonce`, PKCE
 * `code_verifier` or a CSRF token.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, soleValueDefinition } from './ast';
import { libraryCallEntry, projectOrigin } from './functions';
import { namesNonce } from './tokens';
import {
  CHARSET_BITS,
  ENCODING_BITS_PER_CHAR,
  MIN_RANDOM_BITS,
  MIN_VERIFIER_CHARS,
  RANDOM_SOURCES,
  ISSUE_CALLBACKS,
  TYPED_ARRAY_BYTES,
  type MintedKind,
  type RandomSource,
  type WeakReason,
} from '../knowledge/randomness';
import { GLOBAL_MODULE, calleeOrigin, localFunction, lookup, memberName, originOf, propertyKeyName, skipWrappers } from './modules';
import { definitionOf, getProperty, numberValue, stringValue } from './values';
import { guarded } from './guard';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type SecretKind = 'state' | 'nonce' | 'verifier' | 'csrf' | MintedKind;

// Words that make a secret-ish name mean something else: `STATE_KEY`, `nonceLength`, `csrfHeaderName`.
const NOT_A_SECRET =
  /key|name|storage|store|param|field|header|cookie$|length|len$|size|bytes|url|uri|hash|challenge|method|expires|expiry|ttl|age|enabled|check|valid|error|middleware|protection|options|config|path|manager|machine|change|listener|handler|mismatch|prefix|suffix|separator|delimiter|regex|pattern|type/;
const STATE_PREFIXES =
  /^(?:oauth|oauth2|auth|login|signin|sso|expected|stored|saved|pending|random|new|generated|authorization|authz|authn|oidc|request|tx|link|connect|callback|redirect|csrf|the|my|local|session|cookie|initial)?state(?:param|value|token|string|str|id)?$/;

/**
 * `state`, `oauthState`, `OAUTH_STATE` → 'state'; `nonce`, `oneTapNonce` → 'nonce';
 * `code_verifier`, `pkceVerifier`, `verifier` → 'verifier'; `csrfToken`, `_csrf`,
 * `XSRF-TOKEN` → 'csrf'. Case, `_`, `-`, `.`, `:` and spaces are ignored.
 */
export function secretKindFromName(name: string | undefined): SecretKind | undefined {
  if (!name || name.length > 60) return undefined;
  // Asked of every name, key and parameter a file writes, most of them many times over.
  let kind = kindsByName.get(name);
  if (kind === undefined) {
    if (kindsByName.size >= MAX_REMEMBERED_NAMES) kindsByName.clear();
    kind = secretKindOfName(name) ?? null;
    kindsByName.set(name, kind);
  }
  return kind ?? undefined;
}

/** Answers of secretKindFromName (a pure function of the name), null for none; bounded. */
const kindsByName = new Map<string, SecretKind | null>();
const MAX_REMEMBERED_NAMES = 10_000;

function secretKindOfName(name: string): SecretKind | undefined {
  const compact = name.toLowerCase().replace(/[_\-.\s:]/g, '');
  if (compact.includes('csrf') || compact.includes('xsrf')) {
    return NOT_A_SECRET.test(compact.replace(/csrf|xsrf/, '')) ? undefined : 'csrf';
  }
  if (compact.includes('nonce') && namesNonce(name)) return NOT_A_SECRET.test(compact.replace('nonce', '')) ? undefined : 'nonce';
  if (compact === 'verifier' || compact.includes('codeverifier') || compact.includes('pkceverifier')) {
    return NOT_A_SECRET.test(compact.replace(/(?:code|pkce)?verifier/, '')) ? undefined : 'verifier';
  }
  if (STATE_PREFIXES.test(compact)) return 'state';
  return mintedKindFromCompactName(compact);
}

// What an authorization server mints, by name: `accessToken`, `refresh_token`, `authCode`, `deviceCode`.
const MINTED_NAME =
  /^(?:new|generated|issued|random)?(access|refresh)token(?:value|string|str)?$|^(?:new|generated|issued|random)?(?:authorization|authz|auth)code$|^(device|user)code$/;

function mintedKindFromCompactName(compact: string): MintedKind | undefined {
  const match = MINTED_NAME.exec(compact);
  if (!match) return undefined;
  if (match[1]) return match[1] === 'access' ? 'access-token' : 'refresh-token';
  if (match[2]) return match[2] === 'device' ? 'device-code' : 'user-code';
  return 'code';
}

/**
 * A parameter name in a URL or body that carries a secret: the names above, and `code`,
 * which as a parameter (`?code=`, `query.code = …`, `params.set('code', …)`) is the
 * authorization code being handed out.
 */
export function secretKindFromParamName(name: string | undefined): SecretKind | undefined {
  return name === 'code' ? 'code' : secretKindFromName(name);
}

/**
 * The values an authorization server's issue callback hands back as minted codes and
 * tokens: oauth2orize `server.grant(oauth2orize.grant.code((client, redirectUri, user, ares, done) =>
 * done(null, code)))`. Empty for any other call.
 */
export function issuedValues(sourceCode: SourceCode, call: TSESTree.CallExpression): { node: Node; kind: MintedKind }[] {
  const kinds = libraryCallEntry(sourceCode, call, ISSUE_CALLBACKS);
  if (!kinds) return [];
  const issue = [...call.arguments]
    .reverse()
    .find(
      (arg): arg is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression =>
        arg.type === AST_NODE_TYPES.ArrowFunctionExpression || arg.type === AST_NODE_TYPES.FunctionExpression,
    );
  const done = issue?.params[issue.params.length - 1];
  if (!issue || done?.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = sourceCode.scopeManager?.acquire(issue)?.set.get(done.name);
  const values: { node: Node; kind: MintedKind }[] = [];
  for (const reference of variable?.references ?? []) {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) continue;
    parent.arguments.forEach((argument, index) => {
      const kind = kinds[index];
      if (kind && argument.type !== AST_NODE_TYPES.SpreadElement) values.push({ node: argument, kind });
    });
  }
  return values;
}

/** Generator helpers named for what they make: `generateState`, `createNonce`, `makeCodeVerifier`. */
export function secretKindFromFunctionName(name: string | undefined): SecretKind | undefined {
  if (!name) return undefined;
  const match = /^(?:generate|create|make|new|random|gen|build|issue|mint|compute|get)_?(.{1,40})$/i.exec(name);
  if (!match) return undefined;
  // `generateStateFunction` (@fastify/oauth2's option) names a state maker as `generateState` does.
  const rest = match[1].replace(/^(?:random|secure|new)_?/i, '').replace(/_?(?:Function|Func|Fn)$/, '');
  return secretKindFromName(rest);
}

export interface WeakSource {
  readonly node: Node;
  readonly reason: WeakReason;
  readonly label: string;
}

export interface StrongSource {
  /** The call that made the random value, or the helper call that chose its size. */
  readonly node: Node;
  readonly label: string;
  /** Random bits it contributes; Infinity when the amount is not known. */
  readonly bits: number;
}

export interface Randomness {
  readonly weak: readonly WeakSource[];
  readonly strong: readonly StrongSource[];
  /** Some part could not be resolved (a parameter, an imported call, a request value). */
  readonly opaque: readonly Node[];
  /** The whole value is a constant written at this node. */
  readonly constant?: Node;
  /** Random bytes the value was made of, when one byte source made it. */
  readonly bytes?: number;
  /** Length in characters of the value, when known. */
  readonly chars?: number;
  /**
   * Most characters per random byte the value's text can have, when its length is unknown and
   * a step made it longer than hex (2, the default): a typed array joined in decimal (`join('')`
   * of 0–255 is up to 3), `btoa` over text (4 per 3 characters). Infinity when unbounded.
   */
  readonly charsPerByte?: number;
  /** Bits of entropy per character of the value's text, when the encoding is known. */
  readonly bitsPerChar?: number;
}

const EMPTY: Randomness = { weak: [], strong: [], opaque: [] };
const MAX_DEPTH = 14;

interface Context {
  depth: number;
  /** Parameters of the helper being followed, bound to the caller's arguments. */
  params: Map<TSESLint.Scope.Variable, { node: Node; context: Context } | undefined>;
  /** The outermost helper call on the way, where a size chosen by a caller is reported. */
  callSite?: Node;
  seen: Set<Node>;
}

function opaque(node: Node): Randomness {
  return { weak: [], strong: [], opaque: [node] };
}

function union(parts: readonly Randomness[]): Randomness {
  if (parts.length === 1) return parts[0];
  return {
    weak: parts.flatMap((part) => part.weak),
    strong: parts.flatMap((part) => part.strong),
    opaque: parts.flatMap((part) => part.opaque),
  };
}

/** `a + b` / template: the parts' lengths add up when all are known. */
function concatenation(parts: readonly Randomness[], constantChars: number): Randomness {
  const merged = union(parts);
  const chars = parts.every((part) => part.chars !== undefined)
    ? parts.reduce((sum, part) => sum + (part.chars ?? 0), constantChars)
    : undefined;
  return { ...merged, constant: undefined, chars };
}

function withChars(result: Randomness, chars: number | undefined, bitsPerChar: number | undefined): Randomness {
  return { ...result, constant: undefined, chars, bitsPerChar, bytes: result.bytes };
}

/** Bytes of `new Uint8Array(32)` (through consts); undefined when not a sized typed array. */
function typedArrayBytes(sourceCode: SourceCode, node: Node, context: Context): number | undefined {
  const definition = definitionOf(sourceCode, node);
  if (definition.type !== AST_NODE_TYPES.NewExpression || definition.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const size = TYPED_ARRAY_BYTES[definition.callee.name];
  if (!size || definition.arguments.length !== 1) return undefined;
  const count = numberOf(sourceCode, definition.arguments[0], context);
  return count === undefined ? undefined : count * size;
}

/** A number argument, following a helper's parameters to the caller's arguments. */
function numberOf(sourceCode: SourceCode, node: Node, context: Context): number | undefined {
  const direct = numberValue(sourceCode, node);
  if (direct !== undefined) return direct;
  const bound = boundParameter(sourceCode, node, context);
  if (bound)
    return bound.value
      ? numberOf(sourceCode, bound.value.node, bound.value.context)
      : bound.defaultValue !== undefined
        ? numberValue(sourceCode, bound.defaultValue)
        : undefined;
  return undefined;
}

interface BoundParameter {
  value: { node: Node; context: Context } | undefined;
  defaultValue?: Node;
}

function boundParameter(sourceCode: SourceCode, node: Node, context: Context): BoundParameter | undefined {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(inner), inner);
  if (!variable || !context.params.has(variable)) return undefined;
  const def = variable.defs[0];
  const defaultValue = def?.name.parent?.type === AST_NODE_TYPES.AssignmentPattern ? def.name.parent.right : undefined;
  return { value: context.params.get(variable), defaultValue };
}

/** Whether a typed array variable is filled by `crypto.getRandomValues(array)` somewhere. */
function filledByCsprng(sourceCode: SourceCode, identifier: TSESTree.Identifier): StrongSource | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable) return undefined;
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(reference.identifier as TSESTree.Expression)) continue;
    const source = lookup(calleeOrigin(sourceCode, parent), RANDOM_SOURCES);
    if (source?.kind === 'fill') return { node: parent, label: source.label, bits: Infinity };
  }
  return undefined;
}

/** Bits per character of a charset given by name (`'numeric'`) or as its characters (`'abc123'`). */
function charsetBits(sourceCode: SourceCode, node: Node | undefined, fallback: string): number | undefined {
  const text = node ? stringValue(sourceCode, node) : fallback;
  if (text === undefined) return undefined;
  const named = CHARSET_BITS[text];
  if (named !== undefined) return named;
  const distinct = new Set(text).size;
  return distinct > 1 ? Math.log2(distinct) : undefined;
}

/** `randomstring.generate(8)`, `generate({ length: 8, charset: 'numeric' })`, `uid2(24)`: length × bits per character. */
function charsetDraw(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  source: Extract<RandomSource, { kind: 'charset' }>,
  context: Context,
  reportAt: (sizeNode: Node | undefined) => Node,
): Randomness {
  const first = node.arguments[0] as Node | undefined;
  const options = first && definitionOf(sourceCode, first).type === AST_NODE_TYPES.ObjectExpression ? first : undefined;
  let lengthNode: Node | undefined;
  let charsetNode: Node | undefined;
  if (options) {
    const length = getProperty(sourceCode, options, 'length');
    if (length.status === 'unknown') return { weak: [], strong: [{ node, label: source.label, bits: Infinity }], opaque: [] };
    lengthNode = length.status === 'present' ? length.value : undefined;
    for (const key of source.charsetKeys) {
      const charset = getProperty(sourceCode, options, key);
      if (charset.status === 'unknown') return { weak: [], strong: [{ node, label: source.label, bits: Infinity }], opaque: [] };
      if (charset.status === 'present') charsetNode = charset.value;
    }
  } else {
    lengthNode = source.lengthArg >= 0 ? (node.arguments[source.lengthArg] as Node | undefined) : undefined;
    charsetNode = source.charsetArg === undefined ? undefined : (node.arguments[source.charsetArg] as Node | undefined);
  }
  const length = lengthNode ? numberOf(sourceCode, lengthNode, context) : source.defaultLength;
  const bitsPerChar = charsetBits(sourceCode, charsetNode, source.defaultCharset);
  if (length === undefined || bitsPerChar === undefined)
    return { weak: [], strong: [{ node, label: source.label, bits: Infinity }], opaque: [] };
  return {
    weak: [],
    strong: [{ node: reportAt(lengthNode), label: source.label, bits: Math.floor(length * bitsPerChar) }],
    opaque: [],
    chars: length,
    bitsPerChar,
  };
}

function assessCall(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, context: Context): Randomness {
  let origin = calleeOrigin(sourceCode, node);
  // A project module exporting a library's generator (`module.exports = util.promisify(randomBytes)`).
  if (origin && (origin.module.startsWith('.') || origin.module.startsWith('/'))) origin = projectOrigin(sourceCode, node.callee) ?? origin;
  const source = lookup(origin, RANDOM_SOURCES);
  const reportAt = (sizeNode: Node | undefined): Node => {
    // A size chosen by the caller of a helper is reported where the caller chose it.
    if (sizeNode && context.callSite && boundParameter(sourceCode, sizeNode, context)) return context.callSite;
    return node;
  };
  if (source) {
    switch (source.kind) {
      case 'weak':
        return { weak: [{ node, reason: source.reason, label: source.label }], strong: [], opaque: [] };
      case 'fixed':
        return { weak: [], strong: [{ node, label: source.label, bits: source.bits }], opaque: [], chars: source.chars };
      case 'nanoid': {
        const sizeNode = node.arguments[0];
        const size = sizeNode ? numberOf(sourceCode, sizeNode, context) : 21;
        if (sizeNode && size === undefined) return { weak: [], strong: [{ node, label: source.label, bits: Infinity }], opaque: [] };
        // 21 characters (126 bits) is nanoid's default, sized to match UUIDv4: counted as randomUUID is.
        const chars = size ?? 21;
        return {
          weak: [],
          strong: [{ node: reportAt(sizeNode), label: source.label, bits: chars >= 21 ? Math.max(chars * 6, MIN_RANDOM_BITS) : chars * 6 }],
          opaque: [],
          chars: size,
          bitsPerChar: 6,
        };
      }
      case 'charset':
        return charsetDraw(sourceCode, node, source, context, reportAt);
      case 'bytes': {
        const sizeNode = node.arguments[source.sizeArg];
        const bytes = sizeNode ? numberOf(sourceCode, sizeNode, context) : undefined;
        return {
          weak: [],
          strong: [{ node: reportAt(sizeNode), label: source.label, bits: bytes === undefined ? Infinity : bytes * 8 }],
          opaque: [],
          bytes,
        };
      }
      case 'fill': {
        const target = node.arguments[source.fillArg];
        const bytes = target ? typedArrayBytes(sourceCode, target, context) : undefined;
        const sizeNode =
          target && definitionOf(sourceCode, target).type === AST_NODE_TYPES.NewExpression
            ? (definitionOf(sourceCode, target) as TSESTree.NewExpression).arguments[0]
            : undefined;
        return {
          weak: [],
          strong: [{ node: reportAt(sizeNode), label: source.label, bits: bytes === undefined ? Infinity : bytes * 8 }],
          opaque: [],
          bytes,
        };
      }
    }
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (origin?.module === GLOBAL_MODULE && origin.path.length === 1 && origin.path[0] === 'Date') {
      return node.arguments.length === 0 ? { weak: [{ node, reason: 'time', label: 'new Date()' }], strong: [], opaque: [] } : opaque(node);
    }
    // `new Uint8Array(32)` filled elsewhere by getRandomValues is handled at the identifier.
    if (node.callee.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_BYTES[node.callee.name]) return opaque(node);
    return union(node.arguments.map((argument) => assess(sourceCode, argument, context)));
  }
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(sourceCode, callee);
    const object = skipWrappers(callee.object);
    // `Buffer.from(bytes)`, `Array.from(bytes, fn)`: the value is the argument, shaped by the callback.
    if (method === 'from' && object.type === AST_NODE_TYPES.Identifier && STATIC_FROM.has(object.name) && node.arguments[0]) {
      const input = assess(sourceCode, node.arguments[0] as Node, context, true);
      return node.arguments.length > 1 ? transform(sourceCode, node, 'map', input, context) : input;
    }
    // `base64url.encode(bytes)`, `bs58.encode(bytes)`, `new TextEncoder().encode(text)`: the argument, re-encoded.
    const encoded = method === 'encode' ? node.arguments[0] : undefined;
    if (encoded && encoded.type !== AST_NODE_TYPES.SpreadElement) return assess(sourceCode, encoded, context, true);
    if (object.type !== AST_NODE_TYPES.Super && method !== undefined && STRING_METHODS.has(method)) {
      return transform(sourceCode, node, method, assess(sourceCode, object, context), context);
    }
    // `new Generator(30).create()`, `this.toText(buffer)`: a method of a class of this file is a helper too.
    const classMethod = localClassMethod(sourceCode, callee);
    if (classMethod) return assessHelper(sourceCode, classMethod, node, context);
  }
  // A helper of the same file: follow its returns with its parameters bound to the arguments.
  const fn = localFunction(sourceCode, callee);
  if (fn) return assessHelper(sourceCode, fn, node, context);
  // Known pass-through wrappers and unknown functions of the value: `String(x)`,
  // `base64url(bytes)`, `Math.floor(Math.random() * n)`, `btoa(...)`, `Buffer.from(x)`.
  // A number handed to an unknown function is a size or an option (`randomString(16)`), not the value.
  const valueArguments = node.arguments.filter(
    (argument) => !(argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'number'),
  );
  const args = valueArguments.map((argument) =>
    assess(sourceCode, argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, context, true),
  );
  if (args.length === 0) return opaque(node);
  const merged = union(args);
  const single = args.length === 1 ? args[0] : undefined;
  const label = origin ? origin.path.join('.') : '';
  // `String.fromCharCode(...bytes)`: one character per byte.
  if (single && (label === 'String.fromCharCode' || label === 'String.fromCharCode.apply') && single.chars === undefined)
    return { ...single, constant: undefined, chars: single.bytes, charsPerByte: undefined };
  // `btoa(text)` is 4 characters per 3 of its input: longer than the text it encodes.
  if (single && label === 'btoa')
    return {
      ...single,
      chars: single.chars === undefined ? undefined : 4 * Math.ceil(single.chars / 3),
      charsPerByte: ((single.charsPerByte ?? HEX_CHARS_PER_BYTE) * 4) / 3,
    };
  if (single && VALUE_PRESERVING_CALLS.has(label)) return single;
  // Constant arguments of an unknown function are keys or options (`searchParams.get("state")`,
  // `getItem("nonce")`, `config.get("oauth.state")`), not its value: what it returns is unknown.
  if (merged.weak.length === 0 && merged.strong.length === 0) return opaque(node);
  return { ...merged, constant: undefined, bytes: single?.bytes };
}

// Calls whose value is their argument re-encoded: a constant stays a constant through them.
const VALUE_PRESERVING_CALLS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'Buffer.from', 'btoa', 'JSON.stringify']);

// Globals that hold no secret, for configs that declare no globals.
const WELL_KNOWN_GLOBALS = new Set([
  'Buffer',
  'Array',
  'String',
  'Number',
  'JSON',
  'Math',
  'Object',
  'Date',
  'crypto',
  'window',
  'self',
  'globalThis',
  'location',
  'btoa',
  'atob',
  'encodeURIComponent',
  'TextEncoder',
  'Uint8Array',
  'performance',
  'process',
]);

const STATIC_FROM = new Set(['Buffer', 'Array', 'Uint8Array', 'String']);

const STRING_METHODS = new Set([
  'toString',
  'slice',
  'substring',
  'substr',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'toUpperCase',
  'toLowerCase',
  'trim',
  'join',
  'map',
  'reduce',
  'concat',
  'toFixed',
  'toISOString',
  'getTime',
  'valueOf',
  'split',
  'from',
  'encode',
  'digest',
  'toJSON',
]);

/** Hex, the longest common encoding of bytes: 2 characters per byte bounds a value of unknown length. */
const HEX_CHARS_PER_BYTE = 2;

/**
 * `bytes.join(separator)`: each element in decimal (at most 3 digits per byte: 0–255, and a
 * Uint32's 10 digits are 2.5 per byte) and a separator after it; unbounded when the separator is unknown.
 */
function joinedCharsPerByte(sourceCode: SourceCode, separator: TSESTree.CallExpressionArgument | undefined): number {
  if (separator === undefined) return 3 + 1;
  const text = stringValue(sourceCode, separator);
  return text === undefined ? Infinity : 3 + text.length;
}

/** `bytes.toString('hex')`, `.slice(0, 16)`, `.replace(/=/g, '')`, `.join('')`: what the value becomes. */
function transform(sourceCode: SourceCode, call: TSESTree.CallExpression, method: string, input: Randomness, context: Context): Randomness {
  const args = call.arguments;
  switch (method) {
    case 'toString': {
      const encoding = args[0] ? stringValue(sourceCode, args[0]) : undefined;
      const bitsPerChar = encoding ? ENCODING_BITS_PER_CHAR[encoding] : undefined;
      if (bitsPerChar && input.bytes !== undefined) {
        const chars = encoding === 'base64' ? 4 * Math.ceil(input.bytes / 3) : Math.ceil((input.bytes * 8) / bitsPerChar);
        return withChars(input, chars, bitsPerChar);
      }
      return withChars(input, input.chars, input.bitsPerChar);
    }
    case 'slice':
    case 'substring':
    case 'substr': {
      const start = args[0] ? numberOf(sourceCode, args[0], context) : 0;
      const endArg = args[1] ? numberOf(sourceCode, args[1], context) : undefined;
      if (start === undefined || start < 0 || (args[1] && endArg === undefined) || (endArg !== undefined && endArg < 0))
        return withChars(input, undefined, input.bitsPerChar);
      const length =
        endArg === undefined
          ? input.chars === undefined
            ? undefined
            : input.chars - start
          : method === 'substr'
            ? endArg
            : endArg - start;
      const chars =
        length === undefined
          ? undefined
          : input.chars === undefined
            ? endArg === undefined
              ? undefined
              : length
            : Math.max(0, Math.min(length, input.chars - start));
      if (chars === undefined || input.bitsPerChar === undefined) return withChars(input, chars, input.bitsPerChar);
      // Truncation keeps at most bitsPerChar bits per remaining character.
      const cap = chars * input.bitsPerChar;
      return {
        ...input,
        constant: undefined,
        chars,
        strong: input.strong.map((source) => ({ ...source, bits: Math.min(source.bits, cap) })),
      };
    }
    case 'padStart':
    case 'padEnd':
    case 'replace':
    case 'replaceAll':
    case 'trim':
    case 'toUpperCase':
    case 'toLowerCase':
      // `.replace(/=+$/, '')` drops padding only; lengths stay close enough to unknown.
      return withChars(input, method === 'toUpperCase' || method === 'toLowerCase' ? input.chars : undefined, input.bitsPerChar);
    default: {
      // `Array.from(bytes, fn)`, `.map(fn)`, `.join('')`, `.reduce(...)`: callbacks shape the value too.
      const extra = args
        .filter(
          (arg): arg is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression =>
            arg.type === AST_NODE_TYPES.ArrowFunctionExpression || arg.type === AST_NODE_TYPES.FunctionExpression,
        )
        .map((fn) => assessFunctionReturns(sourceCode, fn, context, true));
      const merged = union([input, ...extra]);
      if (method === 'join' && extra.length === 0 && input.chars === undefined && input.bytes !== undefined)
        return { ...merged, bytes: input.bytes, charsPerByte: joinedCharsPerByte(sourceCode, args[0]) };
      return { ...merged, bytes: method === 'digest' ? undefined : input.bytes };
    }
  }
}

function assessHelper(sourceCode: SourceCode, fn: TSESTree.FunctionLike, call: TSESTree.CallExpression, context: Context): Randomness {
  if (context.seen.has(fn)) return opaque(call);
  const params = new Map<TSESLint.Scope.Variable, { node: Node; context: Context } | undefined>();
  const scope = sourceCode.scopeManager?.acquire(fn as Node);
  fn.params.forEach((param, index) => {
    const id = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (id.type !== AST_NODE_TYPES.Identifier || !scope) return;
    const variable = scope.set.get(id.name);
    const argument = call.arguments[index];
    if (variable)
      params.set(variable, argument && argument.type !== AST_NODE_TYPES.SpreadElement ? { node: argument, context } : undefined);
  });
  context.seen.add(fn);
  try {
    return assessFunctionReturns(
      sourceCode,
      fn,
      { depth: context.depth, params, callSite: context.callSite ?? call, seen: context.seen },
      false,
    );
  } finally {
    context.seen.delete(fn);
  }
}

/** `buffer[i] = value` writes into an array variable: what they put there, or undefined when none. */
function elementWrites(sourceCode: SourceCode, variable: TSESLint.Scope.Variable, context: Context): Randomness | undefined {
  const parts: Randomness[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || !member.computed) continue;
    const assignment = member.parent;
    if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member)
      parts.push(assess(sourceCode, assignment.right, context, true));
  }
  return parts.length > 0 ? { ...union(parts), constant: undefined } : undefined;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The class whose method `this` belongs to (arrow functions see their outer `this`). */
function classOfThis(node: Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const owner = current.parent;
      return owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.PropertyDefinition
        ? (owner.parent.parent as ClassNode)
        : undefined;
    }
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  }
  return undefined;
}

/** `this.method(...)` in a class, or `instance.method(...)` on `new LocalClass(...)`: the method's function. */
function localClassMethod(sourceCode: SourceCode, callee: TSESTree.MemberExpression): TSESTree.FunctionExpression | undefined {
  const name = memberName(sourceCode, callee);
  if (name === undefined) return undefined;
  const object = skipWrappers(callee.object);
  let cls: ClassNode | undefined;
  if (object.type === AST_NODE_TYPES.ThisExpression) cls = classOfThis(object);
  else {
    const made = definitionOf(sourceCode, object);
    if (made.type !== AST_NODE_TYPES.NewExpression || made.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(sourceCode.getScope(made.callee), made.callee);
    const def = soleValueDefinition(variable);
    if (def?.type === 'ClassName') cls = def.node as ClassNode;
  }
  for (const element of cls?.body.body ?? []) {
    if (
      element.type === AST_NODE_TYPES.MethodDefinition &&
      element.kind === 'method' &&
      !element.static &&
      propertyKeyName(sourceCode, element) === name
    )
      return element.value as TSESTree.FunctionExpression;
  }
  return undefined;
}

/** The union of what a function returns (expression bodies included). */
function assessFunctionReturns(sourceCode: SourceCode, fn: TSESTree.FunctionLike, context: Context, inCall: boolean): Randomness {
  if (!fn.body) return opaque(fn);
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return assess(sourceCode, fn.body, context, inCall);
  const returns: Node[] = [];
  const visit = (node: Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) returns.push(node.argument);
      return;
    }
    if (
      node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression
    )
      return;
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const item of value) if (item && typeof (item as Node).type === 'string') visit(item as Node);
      if (value && typeof (value as Node).type === 'string' && key !== 'loc' && key !== 'range') visit(value as Node);
    }
  };
  visit(fn.body);
  if (returns.length === 0) return opaque(fn);
  return union(returns.map((expression) => assess(sourceCode, expression, context, inCall)));
}

/** Every value a `let`/`var` receives, `+=` included (strings built in loops). */
function assessVariableWrites(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
  context: Context,
): Randomness | undefined {
  const def = variable.defs[0];
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const parts: Randomness[] = [];
  let built = false;
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init) {
      // `const out = []` filled by `push` below: the empty start adds nothing.
      const init = skipWrappers(parent.init);
      if (!(init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0))
        parts.push(assess(sourceCode, parent.init, context));
    }
    // `out += CHARSET[Math.floor(Math.random() * n)]`: each appended piece is picked by its index.
    else if (parent?.type === AST_NODE_TYPES.AssignmentExpression) {
      built ||= parent.operator === '+=';
      parts.push(assess(sourceCode, parent.right, context, parent.operator === '+='));
    } else if (parent?.type === AST_NODE_TYPES.UpdateExpression)
      parts.push({ weak: [{ node: parent, reason: 'counter', label: 'a counter' }], strong: [], opaque: [] });
    else return opaque(identifier);
  }
  // `arr.push(chars[Math.floor(Math.random() * n)])` in a loop builds the array too.
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && memberName(sourceCode, member) === 'push') {
      built = true;
      parts.push(...call.arguments.map((argument) => assess(sourceCode, argument as Node, context, true)));
    }
  }
  if (parts.length === 0) return opaque(identifier);
  const merged = union(parts);
  // Pieces appended in a loop: the length is unknown, whatever one piece's is.
  return { ...merged, constant: undefined, chars: parts.length === 1 && !built ? merged.chars : undefined };
}

function assessIdentifier(sourceCode: SourceCode, node: TSESTree.Identifier, context: Context): Randomness {
  const bound = boundParameter(sourceCode, node, context);
  if (bound) {
    if (bound.value) return assess(sourceCode, bound.value.node, bound.value.context);
    return bound.defaultValue ? assess(sourceCode, bound.defaultValue, context) : opaque(node);
  }
  const variable = findVariable(sourceCode.getScope(node), node);
  if (!variable) return WELL_KNOWN_GLOBALS.has(node.name) ? { weak: [], strong: [], opaque: [] } : opaque(node);
  // Declared globals (`Buffer`, `location`, `Math`) are not secret material.
  if (variable.defs.length === 0) return { weak: [], strong: [], opaque: [] };
  if (variable.defs.length !== 1) return opaque(node);
  const def = variable.defs[0];
  if (def.type !== 'Variable') return opaque(node);
  // `const bytes = new Uint8Array(32); crypto.getRandomValues(bytes)`.
  if (def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) {
    const bytes = typedArrayBytes(sourceCode, def.node.init, context);
    if (
      bytes !== undefined ||
      (skipWrappers(def.node.init).type === AST_NODE_TYPES.NewExpression &&
        TYPED_ARRAY_BYTES[((skipWrappers(def.node.init) as TSESTree.NewExpression).callee as TSESTree.Identifier).name ?? ''])
    ) {
      const filled = filledByCsprng(sourceCode, def.node.id);
      if (filled) {
        const size = (skipWrappers(def.node.init) as TSESTree.NewExpression).arguments[0];
        const reportNode = size && context.callSite && boundParameter(sourceCode, size, context) ? context.callSite : filled.node;
        return { weak: [], strong: [{ ...filled, node: reportNode, bits: bytes === undefined ? Infinity : bytes * 8 }], opaque: [], bytes };
      }
      // `buffer[i] = (Math.random() * n) | 0` in a loop fills the array by hand.
      return elementWrites(sourceCode, variable, context) ?? opaque(node);
    }
  }
  const definition = definitionOf(sourceCode, node);
  // `const out = []; … out.push(piece)`: the array is what is pushed into it.
  if (definition.type === AST_NODE_TYPES.ArrayExpression && definition.elements.length === 0)
    return assessVariableWrites(sourceCode, node, variable, context) ?? opaque(node);
  if (definition !== node) return assess(sourceCode, definition, context);
  // `const { codeVerifier } = await client.generateCodeVerifierAsync()`: the parts of a generated object.
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init) {
    const init = skipWrappers(def.node.init);
    const inner = init.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(init.argument) : init;
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const result = assessCall(sourceCode, inner, context);
      return result.strong.length > 0 || result.weak.length > 0 ? { ...result, chars: result.chars } : opaque(node);
    }
    return opaque(node);
  }
  return assessVariableWrites(sourceCode, node, variable, context) ?? opaque(node);
}

function assessNode(sourceCode: SourceCode, input: Node, context: Context, inCall: boolean): Randomness {
  const node = skipWrappers(input);
  switch (node.type) {
    case AST_NODE_TYPES.Literal: {
      if (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'bigint') {
        return { weak: [], strong: [], opaque: [], constant: node, chars: String(node.value).length };
      }
      return opaque(node);
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      const constantChars = node.quasis.reduce((sum, quasi) => sum + (quasi.value.cooked?.length ?? 0), 0);
      if (node.expressions.length === 0) return { weak: [], strong: [], opaque: [], constant: node, chars: constantChars };
      const parts = node.expressions.map((expression) => assess(sourceCode, expression, context, true));
      const result = concatenation(parts, constantChars);
      return parts.every((part) => part.constant) ? { ...result, constant: node } : result;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const left = assess(sourceCode, node.left as Node, context, true);
      const right = assess(sourceCode, node.right, context, true);
      const result = node.operator === '+' ? concatenation([left, right], 0) : { ...union([left, right]), chars: undefined };
      return left.constant && right.constant ? { ...result, constant: node } : result;
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return choice(sourceCode, [node.consequent, node.alternate], context, inCall);
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === '&&'
        ? assess(sourceCode, node.right, context, inCall)
        : choice(sourceCode, [node.left, node.right], context, inCall);
    case AST_NODE_TYPES.AwaitExpression:
      return assess(sourceCode, node.argument, context, inCall);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '+' || node.operator === '-' || node.operator === '~'
        ? assess(sourceCode, node.argument, context, inCall)
        : opaque(node);
    case AST_NODE_TYPES.UpdateExpression:
      return { weak: [{ node, reason: 'counter', label: 'a counter' }], strong: [], opaque: [] };
    case AST_NODE_TYPES.AssignmentExpression:
      return node.operator === '+=' && numberValue(sourceCode, node.right) !== undefined
        ? { weak: [{ node, reason: 'counter', label: 'a counter' }], strong: [], opaque: [] }
        : assess(sourceCode, node.right, context, inCall);
    case AST_NODE_TYPES.Identifier:
      return assessIdentifier(sourceCode, node, context);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return assessCall(sourceCode, node, context);
    case AST_NODE_TYPES.MemberExpression: {
      // `crypto.getRandomValues(new Uint32Array(1))[0]`: one element of the filled array.
      const object = skipWrappers(node.object);
      if (node.computed && object.type === AST_NODE_TYPES.CallExpression) {
        const source = lookup(calleeOrigin(sourceCode, object), RANDOM_SOURCES);
        const target = source?.kind === 'fill' ? object.arguments[source.fillArg] : undefined;
        const array = target ? definitionOf(sourceCode, target) : undefined;
        if (
          array?.type === AST_NODE_TYPES.NewExpression &&
          array.callee.type === AST_NODE_TYPES.Identifier &&
          TYPED_ARRAY_BYTES[array.callee.name] &&
          source
        ) {
          return { weak: [], strong: [{ node: object, label: source.label, bits: TYPED_ARRAY_BYTES[array.callee.name] * 8 }], opaque: [] };
        }
      }
      if (node.computed && inCall) {
        // `bytes[i]`: an element of a random array is as random as the array, whatever index
        // reads it (a loop counter there picks a position, not the value).
        const array = assess(sourceCode, object, context, true);
        if (array.weak.length > 0 || array.strong.length > 0) return { ...array, chars: undefined, bytes: undefined, constant: undefined };
        // `chars[Math.floor(Math.random() * chars.length)]`: the index picks the value.
        const index = assess(sourceCode, node.property, context, true);
        if (index.weak.length > 0 || index.strong.length > 0) return { ...index, chars: 1, constant: undefined };
      }
      const origin = originOf(sourceCode, node);
      if (origin?.module === GLOBAL_MODULE && origin.path[0] === 'Math') return { weak: [], strong: [], opaque: [] };
      const constant = stringValue(sourceCode, node);
      if (constant !== undefined) return { weak: [], strong: [], opaque: [], constant: node, chars: constant.length };
      return opaque(node);
    }
    case AST_NODE_TYPES.ArrayExpression:
      return inCall
        ? {
            ...union(
              node.elements
                .filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null)
                .map((e) => assess(sourceCode, e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e, context, true)),
            ),
            constant: undefined,
          }
        : opaque(node);
    case AST_NODE_TYPES.ObjectExpression:
      // A structured value (`{ returnTo, nonce }`) is a secret only when serialised; follow it inside calls.
      if (!inCall) return opaque(node);
      return union(
        node.properties.map((property) =>
          property.type === AST_NODE_TYPES.Property ? assess(sourceCode, property.value as Node, context, true) : opaque(property),
        ),
      );
    default:
      return opaque(node);
  }
}

/** `a ? x : y`, `x ?? y`: a predictable branch is a predictable value, whatever the other branch is. */
function choice(sourceCode: SourceCode, branches: Node[], context: Context, inCall: boolean): Randomness {
  const results = branches.map((branch) => assess(sourceCode, branch, context, inCall));
  const weakBranch = results.find((result) => result.weak.length > 0 && result.strong.length === 0);
  if (weakBranch) return { ...weakBranch, opaque: [] };
  return { ...union(results), constant: undefined, chars: undefined };
}

function assess(sourceCode: SourceCode, node: Node, context: Context, inCall = false): Randomness {
  if (context.depth > MAX_DEPTH || context.seen.has(node)) return opaque(node);
  context.depth += 1;
  context.seen.add(node);
  try {
    return assessNode(sourceCode, node, context, inCall);
  } finally {
    context.depth -= 1;
    context.seen.delete(node);
  }
}

/** What random sources make the value of `node`. Never throws: odd code is opaque. */
export function assessRandomness(sourceCode: SourceCode, node: Node): Randomness {
  return guarded(() => assess(sourceCode, node, { depth: 0, params: new Map(), seen: new Set() }), EMPTY);
}

export type RandomnessFinding =
  | { readonly kind: 'weak'; readonly node: Node; readonly reason: WeakReason; readonly label: string }
  | { readonly kind: 'few-bits'; readonly node: Node; readonly bits: number; readonly label: string }
  | { readonly kind: 'short-verifier'; readonly node: Node; readonly chars: number }
  | { readonly kind: 'constant'; readonly node: Node };

// Opaque parts that may well be secret material mixed in: then the value is not judged.
const SECRET_LOOKING = /rand|uuid|secret|token|nonce|salt|entropy|crypt|hash|sign|hmac|key|csrf|state|verifier|bytes|id$/i;

function secretLookingPart(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  const name =
    inner.type === AST_NODE_TYPES.Identifier
      ? inner.name
      : inner.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, inner)
        : inner.type === AST_NODE_TYPES.CallExpression
          ? inner.callee.type === AST_NODE_TYPES.Identifier
            ? inner.callee.name
            : inner.callee.type === AST_NODE_TYPES.MemberExpression
              ? memberName(sourceCode, inner.callee)
              : undefined
          : undefined;
  return name === undefined || SECRET_LOOKING.test(name);
}

/** The value's length, or the most it can be from its random bytes (hex unless a step made it longer). */
function lengthBound(result: Randomness): number | undefined {
  if (result.chars !== undefined) return result.chars;
  if (result.bytes === undefined) return undefined;
  return Math.ceil(result.bytes * (result.charsPerByte ?? HEX_CHARS_PER_BYTE));
}

/**
 * The finding for a value that becomes a secret of `kind`, or undefined when it is strong
 * or cannot be told. `allowConstant` says whether a constant is a finding here (it is only
 * where the context plainly is an OAuth parameter).
 */
export function randomnessVerdict(
  sourceCode: SourceCode,
  result: Randomness,
  kind: SecretKind,
  allowConstant: boolean,
): RandomnessFinding | undefined {
  const strongBits = result.strong.reduce((sum, source) => sum + source.bits, 0);
  if (result.strong.length > 0 && strongBits >= MIN_RANDOM_BITS) {
    if (kind === 'verifier') {
      const chars = lengthBound(result);
      if (chars !== undefined && chars < MIN_VERIFIER_CHARS && result.opaque.length === 0)
        return { kind: 'short-verifier', node: result.strong[0].node, chars };
    }
    return undefined;
  }
  const mixedWithSecret = result.opaque.some((part) => secretLookingPart(sourceCode, part));
  if (result.strong.length > 0) {
    if (strongBits === Infinity || mixedWithSecret) return undefined;
    const source = result.strong.find((s) => s.bits < MIN_RANDOM_BITS) ?? result.strong[0];
    if (kind === 'verifier') {
      const chars = lengthBound(result);
      if (chars !== undefined && chars < MIN_VERIFIER_CHARS && result.opaque.length === 0)
        return { kind: 'short-verifier', node: source.node, chars };
    }
    // RFC 8628 §6.1: user codes are short on purpose (typed by hand, rate-limited); only a predictable source is a finding.
    if (kind === 'user-code') return undefined;
    return { kind: 'few-bits', node: source.node, bits: strongBits, label: source.label };
  }
  if (result.weak.length > 0) {
    const strongest =
      result.weak.find((w) => w.reason === 'math-random' || w.reason === 'non-crypto') ??
      result.weak.find((w) => w.reason === 'counter') ??
      result.weak[0];
    if (strongest.reason === 'time' || strongest.reason === 'counter') {
      // A timestamp next to something we cannot see may be only a prefix: stay silent.
      if (result.opaque.length > 0) return undefined;
    } else if (mixedWithSecret) {
      return undefined;
    }
    return { kind: 'weak', node: strongest.node, reason: strongest.reason, label: strongest.label };
  }
  if (allowConstant && result.constant && result.opaque.length === 0) {
    const text = stringValue(sourceCode, result.constant);
    if (text !== undefined && text.length > 0) return { kind: 'constant', node: result.constant };
  }
  return undefined;
}
