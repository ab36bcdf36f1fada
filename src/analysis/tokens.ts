/**
 * Which token an expression holds.
 *
 * `classifyToken(sourceCode, node)` decides whether a value is an ID token, access token,
 * refresh token or authorization code — from where it came from first (an incoming
 * request's `Authorization` header or cookie, an SDK call such as
 * `getAccessTokenSilently()`, a string transformation of one of those) and from its name
 * second (`id_token`, `accessToken`, `tokens.refresh_token`, `rt`, …). Source beats name.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, soleValueDefinition } from './ast';
import { TOKEN_PRODUCERS } from '../knowledge/jwt';
import { calledFunction } from './functions';
import { calleeOrigin, matchesPattern, memberName, propertyKeyName, returnedExpressions, skipWrappers, writtenValues } from './modules';
import { definitionOf, getProperty, numberValue, stringValue, tailName } from './values';
import { requestInput } from './request-input';
import { BELL_PROVIDER, CALLBACK_TOKEN_SOURCES, REQUEST_OBJECT_NAMES, TOKEN_COOKIE_NAME } from '../knowledge/requests';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type TokenKind = 'id' | 'access' | 'refresh' | 'code' | 'unknown-jwt';

export interface TokenInfo {
  readonly kind: TokenKind;
  /** The value arrived with an incoming HTTP request (header, cookie, body, query). */
  readonly fromRequest: boolean;
  /** How it was decided, for messages and debugging. */
  readonly basis: 'source' | 'name';
}

/** Name fragments that make a token-ish name mean something else (`accessTokenExpiresAt`). */
const NOT_A_TOKEN =
  /expir|type|url|uri|endpoint|key|name|hint|claims|payload|decoded|header|storage|lifetime|ttl|promise|(?<!ac)count|timer|cookie|ms$|^is|^has|^should|^set|^get|^on|handler|callback|mode|location|method|scope|verifier|challenge|length|error|refreshing|inflight|pending|lock|queue|id$/;

/**
 * Classifies an identifier, property key or storage key by its spelling. Case, `_`, `-`
 * and `.` are ignored: `id_token`, `idToken`, `ID-TOKEN` are the same name.
 */
export function tokenKindFromName(name: string | undefined): TokenKind | undefined {
  if (!name) return undefined;
  const compact = name.toLowerCase().replace(/[_\-.\s]/g, '');
  if (compact === 'rt') return 'refresh';
  if (compact === 'code' || compact === 'authorizationcode' || compact === 'authcode' || compact === 'oauthcode') return 'code';
  const kind: TokenKind | undefined = compact.includes('refreshtoken')
    ? 'refresh'
    : namesIdToken(name, compact)
      ? 'id'
      : compact.includes('accesstoken') || compact === 'bearertoken' || compact === 'bearer'
        ? 'access'
        : undefined;
  if (!kind) return undefined;
  // Strip the token word itself before looking for qualifiers that change the meaning.
  const rest = compact.replace(/refreshtoken|idtoken|identitytoken|accesstoken/g, '');
  return NOT_A_TOKEN.test(rest) ? undefined : kind;
}

/**
 * `id` must begin a word of the name: `userIdToken`, `ID_TOKEN`, `idtoken`, but not
 * `validToken` or `invalidToken`, whose letters hold `idtoken` too.
 */
function namesIdToken(name: string, compact: string): boolean {
  if (compact.includes('identitytoken')) return true;
  if (!compact.includes('idtoken')) return false;
  return /(?:^| )id ?token/.test(nameWords(name).join(' '));
}

/** Calls of auth SDKs whose result is the token itself. */
const SDK_TOKEN_CALLS: Readonly<Record<string, TokenKind>> = {
  getAccessTokenSilently: 'access',
  getAccessTokenWithPopup: 'access',
  getTokenSilently: 'access',
  getAccessToken: 'access',
  getIdToken: 'id',
  getRefreshToken: 'refresh',
};

/** Root names that plainly mean an incoming request in server frameworks. */
const REQUEST_PARTS = new Set(['headers', 'cookies', 'signedCookies', 'body', 'query', 'params']);

/** `req.headers.authorization`, `ctx.request.body.token`, `req.cookies.at` … */
function requestPart(sourceCode: SourceCode, node: TSESTree.MemberExpression): { part: string; name: string | undefined } | undefined {
  const chain: string[] = [];
  let current: Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(sourceCode, current);
    chain.unshift(name ?? '?');
    current = skipWrappers(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier || !REQUEST_OBJECT_NAMES.has(current.name)) return undefined;
  // ctx.request.headers / event.node.req.headers / c.req.header(...)
  const index = chain.findIndex((segment) => REQUEST_PARTS.has(segment));
  if (index === -1) return undefined;
  return { part: chain[index], name: chain[index + 1] };
}

/**
 * The token a named field of an incoming request holds: a token name (`id_token`,
 * `identityToken`, `access_token`); `credential`, the field Google Identity Services / One
 * Tap posts its ID token in; a cookie named like a session or token; a bare `token`/`jwt`.
 */
function requestFieldKind(part: string, name: string | undefined): TokenKind | undefined {
  const byName = tokenKindFromName(name);
  if (byName) return byName;
  if (name === undefined) return undefined;
  if (part === 'cookies' || part === 'signedCookies') return TOKEN_COOKIE_NAME.test(name) ? 'unknown-jwt' : undefined;
  if (/^credential$/i.test(name)) return 'id';
  return /^(?:token|jwt)$/i.test(name) ? 'unknown-jwt' : undefined;
}

function isAuthorizationHeaderName(name: string | undefined): boolean {
  return name !== undefined && name.toLowerCase() === 'authorization';
}

/** `req.get('authorization')`, `req.header('Authorization')`, `headers.get('authorization')`, `c.req.header('authorization')`. */
function isAuthorizationHeaderRead(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length !== 1) return false;
  const method = memberName(sourceCode, callee);
  if (method !== 'get' && method !== 'header' && method !== 'getHeader') return false;
  return isAuthorizationHeaderName(stringValue(sourceCode, call.arguments[0]));
}

const MAX_DEPTH = 8;

function classify(sourceCode: SourceCode, input: Node, depth: number): TokenInfo | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(input);
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return classify(sourceCode, node.argument, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return classify(sourceCode, node.left, depth + 1) ?? classify(sourceCode, node.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return classify(sourceCode, node.consequent, depth + 1) ?? classify(sourceCode, node.alternate, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const definition = definitionOf(sourceCode, node);
      if (definition !== node) {
        const fromSource = classify(sourceCode, definition, depth + 1);
        if (fromSource?.basis === 'source') return fromSource;
        const byName = tokenKindFromName(node.name);
        if (byName) return { kind: byName, fromRequest: fromSource?.fromRequest ?? false, basis: 'name' };
        return fromSource;
      }
      const written = writtenSource(sourceCode, node, depth);
      if (written) return written;
      const destructured = destructuredSource(sourceCode, node, depth);
      if (destructured) return destructured;
      const handedOver = callbackTokenKind(sourceCode, node);
      if (handedOver) return { kind: handedOver, fromRequest: false, basis: 'source' };
      const resolved = promiseCallbackSource(sourceCode, node);
      if (resolved) {
        const fromPromise = classify(sourceCode, resolved, depth + 1);
        if (fromPromise?.basis === 'source') return fromPromise;
      }
      const byName = tokenKindFromName(node.name);
      return byName ? { kind: byName, fromRequest: false, basis: 'name' } : undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      // `pair.split('=')[1]` under `if (pair.substr(0, 9) == 'id_token=')`: the field the guard names.
      const field = pairFieldName(sourceCode, node);
      if (field !== undefined) {
        const kind = tokenKindFromName(field);
        return kind ? { kind, fromRequest: false, basis: 'source' } : undefined;
      }
      const request = requestPart(sourceCode, node);
      if (request) {
        if (request.part === 'headers' && isAuthorizationHeaderName(request.name))
          return { kind: 'access', fromRequest: true, basis: 'source' };
        const kind = requestFieldKind(request.part, request.name);
        return kind ? { kind, fromRequest: true, basis: 'source' } : undefined;
      }
      // `authorization.split(' ')[1]`: an index into a transformed token is the token.
      if (node.computed && skipWrappers(node.object).type === AST_NODE_TYPES.CallExpression) {
        const fromCall = classify(sourceCode, node.object, depth + 1);
        if (fromCall) return fromCall;
      }
      const bell = bellCredentialKind(sourceCode, memberName(sourceCode, node), node.object);
      if (bell) return { kind: bell, fromRequest: false, basis: 'source' };
      const byName = tokenKindFromName(memberName(sourceCode, node));
      return byName ? { kind: byName, fromRequest: false, basis: 'name' } : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      if (isAuthorizationHeaderRead(sourceCode, node)) return { kind: 'access', fromRequest: true, basis: 'source' };
      const callee = skipWrappers(node.callee);
      const method =
        callee.type === AST_NODE_TYPES.MemberExpression
          ? memberName(sourceCode, callee)
          : callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : undefined;
      // Own keys only: `.toString()` must not find Object.prototype.toString.
      if (method && Object.hasOwn(SDK_TOKEN_CALLS, method)) return { kind: SDK_TOKEN_CALLS[method], fromRequest: false, basis: 'source' };
      // A token set's accessor: `tokens.accessToken()` (arctic's OAuth2Tokens, token-set classes).
      const accessor = tokenSetAccessor(sourceCode, node);
      if (accessor) return { kind: accessor, fromRequest: false, basis: 'name' };
      // A local helper (`const token = bearerFrom(req)`) holds what it returns.
      const helper = calledFunction(sourceCode, callee);
      if (helper) {
        for (const returned of returnedExpressions(helper.fn) ?? []) {
          const fromHelper = classify(helper.sourceCode, returned, depth + 1);
          if (fromHelper?.basis === 'source') return fromHelper;
        }
      }
      // String transformations keep the token: `.replace(/^Bearer /, '')`, `.split(' ')`, `.slice(7)`, `.trim()`.
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        method &&
        /^(?:replace|split|slice|substring|substr|trim|toString)$/.test(method)
      ) {
        return classify(sourceCode, callee.object, depth + 1);
      }
      // `cookies().get('id_token')?.value`, `jar.get('access_token')`, `getCookie(c, 'rt')`.
      if (method === 'get' || method === 'getCookie' || method === 'getItem') {
        for (const arg of node.arguments) {
          const byName = tokenKindFromName(stringValue(sourceCode, arg));
          if (byName) return { kind: byName, fromRequest: method !== 'getItem', basis: 'name' };
        }
        // A cookie of the incoming request named like a session token (`cookies.get('jwttoken')` of a SvelteKit load).
        const input = method === 'getItem' ? undefined : requestInput(sourceCode, node);
        const kind = input?.part === 'cookies' ? requestFieldKind('cookies', input.key) : undefined;
        if (kind) return { kind, fromRequest: true, basis: 'source' };
      }
      return undefined;
    }
    case AST_NODE_TYPES.Literal:
      return undefined;
    default:
      return undefined;
  }
}

/**
 * A variable written more than once (`let t = localStorage.getItem('AccessToken')`, later
 * `t = pair.split('=')[1]` for the `id_token=` pair): when the writes whose source is known
 * agree, that source says what it holds, whatever the name or a storage key says.
 */
function writtenSource(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): TokenInfo | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const values = variable ? writtenValues(variable) : undefined;
  if (!values || values.length < 2) return undefined;
  let found: TokenInfo | undefined;
  for (const value of values) {
    const info = classify(sourceCode, value, depth + 1);
    if (info?.basis !== 'source') continue;
    if (found && (found.kind !== info.kind || found.fromRequest !== info.fromRequest)) return undefined;
    found = info;
  }
  return found;
}

/** `pair.split('=')[1]`: the value half of a `name=value` pair, and the pair. */
function pairValueOf(sourceCode: SourceCode, node: TSESTree.MemberExpression): Node | undefined {
  if (!node.computed || numberValue(sourceCode, node.property) !== 1) return undefined;
  const split = skipWrappers(node.object);
  if (split.type !== AST_NODE_TYPES.CallExpression || split.arguments.length !== 1) return undefined;
  const callee = skipWrappers(split.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'split') return undefined;
  return stringValue(sourceCode, split.arguments[0]) === '=' ? callee.object : undefined;
}

const compactText = (sourceCode: SourceCode, node: Node): string => sourceCode.getText(skipWrappers(node)).replace(/\s+/g, '');

/**
 * The name a guard gives the pair: `pair.substr(0, 9) == 'id_token='`, `pair.startsWith('id_token=')`,
 * `pair.indexOf('id_token=') === 0`, `pair.split('=')[0] === 'id_token'`.
 */
function guardedPairName(sourceCode: SourceCode, test: Node, pair: string): string | undefined {
  const inner = skipWrappers(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&')
    return guardedPairName(sourceCode, inner.left, pair) ?? guardedPairName(sourceCode, inner.right, pair);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(inner.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'startsWith' || !inner.arguments[0])
      return undefined;
    if (compactText(sourceCode, callee.object) !== pair) return undefined;
    const text = stringValue(sourceCode, inner.arguments[0]);
    return text?.endsWith('=') ? text.slice(0, -1) : undefined;
  }
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || (inner.operator !== '==' && inner.operator !== '===')) return undefined;
  for (const [side, other] of [
    [inner.left, inner.right],
    [inner.right, inner.left],
  ] as const) {
    const read = skipWrappers(side);
    const text = stringValue(sourceCode, other);
    if (read.type === AST_NODE_TYPES.MemberExpression) {
      // `pair.split('=')[0] === 'id_token'`
      const key = read.computed && numberValue(sourceCode, read.property) === 0 ? skipWrappers(read.object) : undefined;
      if (text !== undefined && key?.type === AST_NODE_TYPES.CallExpression && isSplitOnEquals(sourceCode, key, pair)) return text;
      continue;
    }
    if (read.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipWrappers(read.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || compactText(sourceCode, callee.object) !== pair) continue;
    const method = memberName(sourceCode, callee);
    const [first, second] = read.arguments;
    if (method === 'indexOf' && first && numberValue(sourceCode, other) === 0) {
      // `pair.indexOf('id_token=') === 0`
      const prefix = stringValue(sourceCode, first);
      if (prefix?.endsWith('=')) return prefix.slice(0, -1);
      continue;
    }
    // `pair.substr(0, 9) == 'id_token='`
    if (text?.endsWith('=') && (method === 'substr' || method === 'substring' || method === 'slice') && first && second)
      if (numberValue(sourceCode, first) === 0 && numberValue(sourceCode, second) === text.length) return text.slice(0, -1);
  }
  return undefined;
}

/** `pair.split('=')`, of the pair with this text. */
function isSplitOnEquals(sourceCode: SourceCode, call: TSESTree.CallExpression, pair: string): boolean {
  const callee = skipWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, callee) === 'split' &&
    call.arguments.length === 1 &&
    stringValue(sourceCode, call.arguments[0]) === '=' &&
    compactText(sourceCode, callee.object) === pair
  );
}

/** The name of the pair whose value `node` reads, when a guard around it names the pair. */
export function pairFieldName(sourceCode: SourceCode, node: TSESTree.MemberExpression): string | undefined {
  const pairNode = pairValueOf(sourceCode, node);
  if (!pairNode) return undefined;
  const pair = compactText(sourceCode, pairNode);
  let child: Node = node;
  for (let current = node.parent; current && current.type !== AST_NODE_TYPES.Program; current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) return guardedPairName(sourceCode, current.test, pair);
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child)
      return guardedPairName(sourceCode, current.test, pair);
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && current.right === child)
      return guardedPairName(sourceCode, current.left, pair);
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    )
      return undefined;
    child = current;
  }
  return undefined;
}

/** Accessor methods of a token set that return the token itself. */
const TOKEN_SET_ACCESSORS: Readonly<Record<string, TokenKind>> = { accessToken: 'access', idToken: 'id', refreshToken: 'refresh' };

/**
 * `tokens.accessToken()`: a zero-argument accessor named exactly after a token, called on an
 * object whose name says it holds tokens. A bare `refreshToken()` (an app's refresh action)
 * or `auth.refreshToken()` is not one.
 */
function tokenSetAccessor(sourceCode: SourceCode, call: TSESTree.CallExpression): TokenKind | undefined {
  const callee = skipWrappers(call.callee);
  if (call.arguments.length !== 0 || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(sourceCode, callee);
  if (!method || !Object.hasOwn(TOKEN_SET_ACCESSORS, method)) return undefined;
  const receiver = tailName(sourceCode, callee.object);
  const words = nameWords(receiver);
  return words.length > 0 &&
    (words.at(-1) === 'tokens' || words.includes('token')) &&
    !words.some((word) => NOT_A_CREDENTIAL_WORDS.has(word))
    ? TOKEN_SET_ACCESSORS[method]
    : undefined;
}

/** `const { id_token } = tokens` / `const { authorization } = req.headers` / `const [, token] = header.split(' ')`. */
function destructuredSource(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): TokenInfo | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type !== 'Variable' || !def.node.init) return undefined;
  const pattern = def.node.id;
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type !== AST_NODE_TYPES.Identifier || value.name !== identifier.name) continue;
      const key = propertyKeyName(sourceCode, property);
      const init = skipWrappers(def.node.init);
      if (init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.Identifier) {
        const root = init.type === AST_NODE_TYPES.MemberExpression ? requestPart(sourceCode, init) : undefined;
        const isRequest = root !== undefined || (init.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(init.name));
        const tail = init.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, init) : undefined;
        if (isRequest && tail === 'headers' && isAuthorizationHeaderName(key))
          return { kind: 'access', fromRequest: true, basis: 'source' };
        // `const { credential } = req.body`: the request's field, named by its key.
        const part = root?.name === undefined ? root?.part : undefined;
        const fromRequest = part !== undefined ? requestFieldKind(part, key) : undefined;
        if (fromRequest) return { kind: fromRequest, fromRequest: true, basis: 'source' };
        // `const { token } = credentials` in a bell provider's profile.
        const bell = bellCredentialKind(sourceCode, key, init);
        if (bell) return { kind: bell, fromRequest: false, basis: 'source' };
        const byName = tokenKindFromName(key) ?? tokenKindFromName(identifier.name);
        if (byName) return { kind: byName, fromRequest: isRequest, basis: isRequest ? 'source' : 'name' };
      }
      const byName = tokenKindFromName(key) ?? tokenKindFromName(identifier.name);
      return byName ? { kind: byName, fromRequest: false, basis: 'name' } : undefined;
    }
  }
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    // `const [scheme, token] = header.split(' ')`
    const fromInit = classify(sourceCode, def.node.init, depth + 1);
    if (fromInit) return fromInit;
  }
  return undefined;
}

/**
 * `sdk.getAccessTokenSilently().then((token) => …)`: the callback's first parameter is what
 * the promise resolves to, so it is classified by the call the promise came from.
 */
function promiseCallbackSource(sourceCode: SourceCode, identifier: TSESTree.Identifier): Node | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Parameter') return undefined;
  const fn = def.node;
  if (fn.params[0] !== def.name) return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'then') return undefined;
  return callee.object;
}

/** `chrome.identity.getAuthToken(opts, (token) => …)`: the first parameter of a callback a token API calls with its token. */
function callbackTokenKind(sourceCode: SourceCode, identifier: TSESTree.Identifier): TokenKind | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Parameter' || def.node.params[0] !== def.name) return undefined;
  const call = def.node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.at(-1) !== def.node) return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin) return undefined;
  for (const [pattern, kind] of CALLBACK_TOKEN_SOURCES) if (matchesPattern(origin, pattern)) return kind;
  return undefined;
}

/**
 * `credentials.token` / `credentials.refreshToken`, where `credentials` is what @hapi/bell hands
 * a custom provider's `profile` after the code exchange: the field names the token only there.
 */
function bellCredentialKind(sourceCode: SourceCode, field: string | undefined, object: Node): TokenKind | undefined {
  const kind = field !== undefined ? BELL_PROVIDER.credentialFields.get(field) : undefined;
  const holder = skipWrappers(object);
  return kind && holder.type === AST_NODE_TYPES.Identifier && isBellCredentials(sourceCode, holder, 0) ? kind : undefined;
}

/** The first parameter of a bell `profile`, or of a local helper every call of which hands it one. */
function isBellCredentials(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): boolean {
  if (depth > 2) return false;
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Parameter') return false;
  const fn = def.node as TSESTree.FunctionLike;
  if (fn.params[0] !== def.name) return false;
  if (isBellProfile(sourceCode, fn)) return true;
  // `profile: (credentials, params) => getProfile(credentials, params)`.
  const calls = localCallsOf(sourceCode, fn);
  return (
    calls.length > 0 &&
    calls.every((call) => {
      const argument = call.arguments[0];
      return argument?.type === AST_NODE_TYPES.Identifier && isBellCredentials(sourceCode, argument, depth + 1);
    })
  );
}

/** `profile` of an object shaped like a bell OAuth 2.0 provider: `protocol: 'oauth2'` with its endpoints. */
function isBellProfile(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  const property = fn.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== fn) return false;
  if (propertyKeyName(sourceCode, property) !== BELL_PROVIDER.profileKey) return false;
  const provider = property.parent;
  if (provider.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const protocol = getProperty(sourceCode, provider, 'protocol');
  const value = protocol.status === 'present' ? stringValue(sourceCode, protocol.value) : undefined;
  return (
    value !== undefined &&
    BELL_PROVIDER.protocols.has(value) &&
    BELL_PROVIDER.endpointKeys.every((key) => getProperty(sourceCode, provider, key).status === 'present')
  );
}

/** The calls of a function declared by name in this file (`function f() {}`, `const f = () => …`). */
function localCallsOf(sourceCode: SourceCode, fn: TSESTree.FunctionLike): TSESTree.CallExpression[] {
  const name =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id
      : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
        ? fn.parent.id
        : undefined;
  if (!name) return [];
  const variable = findVariable(sourceCode.getScope(name), name);
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier) calls.push(call);
  }
  return calls;
}

export function classifyToken(sourceCode: SourceCode, node: Node): TokenInfo | undefined {
  return classify(sourceCode, node, 0);
}

/** Names of token kinds for messages. */
export const TOKEN_KIND_LABEL: Readonly<Record<TokenKind, string>> = {
  id: 'ID token',
  access: 'access token',
  refresh: 'refresh token',
  code: 'authorization code',
  'unknown-jwt': 'token',
};

/**
 * A name split into lower-case words at camelCase humps, digits-letter boundaries kept,
 * and any non-alphanumeric separator: `__Host-appSession` → ['host', 'app', 'session'],
 * `XSRF-TOKEN` → ['xsrf', 'token'], `authJWT` → ['auth', 'jwt'].
 */
export function nameWords(name: string | undefined): string[] {
  if (!name) return [];
  // Bounded input: names longer than this are not names (a whole JSON blob as a key).
  const text = name.length > 200 ? name.slice(0, 200) : name;
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .flatMap(splitRunTogetherToken);
}

/** `jwttoken`, `accesstoken`, `refreshtoken`: a credential's name written as one lower-case word. */
const RUN_TOGETHER_TOKEN = /^(access|refresh|id|jwt|auth|bearer|session)(token)$/;

function splitRunTogetherToken(word: string): string[] {
  const match = RUN_TOGETHER_TOKEN.exec(word);
  return match ? [match[1], match[2]] : [word];
}

/** `nonce` as a word of its own or a word's start or end: `oidcNonce`, `nonceValue`, `authnonce`, but not `runOnce`. */
export function namesNonce(name: string): boolean {
  return nameWords(name).some((word) => word.startsWith('nonce') || word.endsWith('nonce'));
}

/** Last words that make a name mean "a credential token" without saying which (`token`, `authJwt`, `tokenSet`). */
const GENERIC_TOKEN_TAILS = new Set(['token', 'tokens', 'jwt', 'jwts']);
const GENERIC_TOKEN_PAIRS = new Set(['token set', 'token response', 'token data', 'tokens data', 'auth tokens', 'oauth tokens']);

/**
 * Words that make a `…token` name something other than an OAuth credential: CSRF and
 * anti-forgery tokens, push/device tokens, one-time links (reset, invite, verification),
 * CAPTCHA answers, pagination cursors, cancellation tokens.
 */
const NOT_A_CREDENTIAL_WORDS = new Set([
  'csrf',
  'xsrf',
  'anti',
  'antiforgery',
  'forgery',
  'push',
  'fcm',
  'apns',
  'device',
  'expo',
  'notification',
  'reset',
  'password',
  'verification',
  'verify',
  'email',
  'invite',
  'invitation',
  'confirm',
  'confirmation',
  'activation',
  'registration',
  'unsubscribe',
  'captcha',
  'recaptcha',
  'hcaptcha',
  'turnstile',
  'page',
  'next',
  'prev',
  'cursor',
  'continuation',
  'sync',
  'cancel',
  'cancellation',
  'abort',
  'upload',
  'download',
  'share',
  'card',
  'payment',
  'stripe',
  'idempotency',
  'request',
  'form',
  'state',
  'nonce',
  'verifier',
  'challenge',
  'expiry',
  'expires',
  'exp',
  'type',
  'key',
  'name',
  'url',
  'uri',
  'endpoint',
  'count',
  'length',
  'mock',
  'fake',
  'dummy',
  'example',
  'sample',
  'placeholder',
  'test',
  'lexer',
  'parser',
  'syntax',
  'design',
  'color',
  'css',
  // Flags about a token rather than the token: `hasToken`, `isTokenValid`, `showTokenBanner`.
  'has',
  'is',
  'should',
  'show',
  'hide',
  'needs',
  'valid',
  'invalid',
  'enabled',
]);

/**
 * Like `tokenKindFromName`, and also recognises names that say "token" without saying
 * which one — `token`, `authToken`, `jwt`, `app.tokens`, `tokenSet` — as `'unknown-jwt'`,
 * while refusing the many non-credential tokens (`csrfToken`, `pushToken`, `nextPageToken`,
 * `resetToken`, `tokenExpiry`). For storage keys, cookie names and stored values, where a
 * bare "token" nearly always is the bearer credential.
 */
export function credentialKindFromName(name: string | undefined): TokenKind | undefined {
  const specific = tokenKindFromName(name);
  if (specific) return specific;
  const words = nameWords(name);
  if (words.length === 0 || words.length > 8) return undefined;
  const last = words[words.length - 1];
  const pair = words.length > 1 ? `${words[words.length - 2]} ${last}` : '';
  if (!GENERIC_TOKEN_TAILS.has(last) && !GENERIC_TOKEN_PAIRS.has(pair)) return undefined;
  return words.some((word) => NOT_A_CREDENTIAL_WORDS.has(word)) ? undefined : 'unknown-jwt';
}

/**
 * Words of one-time link tokens: email verification, password reset, magic links,
 * invitations. Such a token is meant to travel in a URL; a session or API token is not.
 */
const ONE_TIME_LINK_WORDS = new Set([
  'reset',
  'password',
  'forgot',
  'recover',
  'recovery',
  'verify',
  'verification',
  'confirm',
  'confirmation',
  'email',
  'mail',
  'invite',
  'invitation',
  'magic',
  'activate',
  'activation',
  'unsubscribe',
  'otp',
  'passwordless',
]);

/** True when a name or a URL's text names a one-time link (`resetToken`, `/verify-email`, `magicLink`). */
export function namesOneTimeLink(text: string | undefined): boolean {
  return nameWords(text).some((word) => ONE_TIME_LINK_WORDS.has(word));
}

/** Names of functions that make a new token: `generateToken`, `createSessionToken`, `signAccessToken`, `newTokenGen`. */
const TOKEN_MAKER = /^(?:new|gen(?:erate)?|create|issue|make|mint|sign)(?:Session|Auth|Access|Login|User|Jwt)?Token(?:Gen)?$/i;

/**
 * A JWT or session token the app itself mints (`jwt.sign(...)`, jose `new SignJWT(…).sign(key)`,
 * `jwtService.sign(...)`, next-auth `encode`), held directly, through variables, or returned by a
 * helper of this file. Returns the names met on the way (the variables and helpers), so callers
 * can tell a one-time link token (`resetToken`, `makeInviteToken()`) from a session token.
 */
export function issuedTokenOf(sourceCode: SourceCode, node: Node, depth = 0): { names: string[] } | undefined {
  if (depth > 6) return undefined;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return issuedTokenOf(sourceCode, inner.argument, depth + 1);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, inner);
    if (definition === inner) return undefined;
    const found = issuedTokenOf(sourceCode, definition, depth + 1);
    return found && { names: [inner.name, ...found.names] };
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const origin = calleeOrigin(sourceCode, inner);
  if (origin && TOKEN_PRODUCERS.some((pattern) => matchesPattern(origin, pattern))) return { names: [] };
  const helper = calledFunction(sourceCode, inner.callee);
  const helperName = tailName(sourceCode, inner.callee);
  // A token maker out of sight (a package's or an injected service's: `utils.UserManager.newTokenGen(user)`), by its name.
  if (!helper) return helperName !== undefined && TOKEN_MAKER.test(helperName) ? { names: [helperName] } : undefined;
  for (const returned of returnedExpressions(helper.fn) ?? []) {
    const found = issuedTokenOf(helper.sourceCode, returned, depth + 1);
    if (found) return { names: helperName ? [helperName, ...found.names] : found.names };
  }
  return undefined;
}
