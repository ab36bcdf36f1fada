/**
 * JWT operations and verification facts, computed once per file and shared by the
 * token-validation rules (and any rule that needs to know "was this token verified?").
 *
 *   jwtFacts(sourceCode).operations   every verify / decode / header-decode / sign / config
 *                                      call of a known library, hand-rolled decodes
 *                                      (`JSON.parse(atob(t.split('.')[1]))`) and calls of
 *                                      local wrappers of those (`parseJwt(idToken)`)
 *   isVerifiedElsewhere(facts, op)     a decode of a value the same function also verifies
 *   claimChecked(facts, op, 'aud')     the option names the claim, or the code compares it
 *                                      by hand (`claims.aud === CLIENT_ID`, `payload.iss !== ISSUER`)
 *   keySourceOf(sourceCode, node)      remote JWKS / getKey callback / fetched PEM vs local key
 *   tokenOf(sourceCode, node)          classifyToken, plus cookie-store reads (`cookies().get('session')?.value`)
 *
 * Library knowledge (which export does what, option names) lives in `src/knowledge/jwt.ts`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, enclosingFunctionOrProgram, functionName, isFunctionNode, soleValueDefinition } from './ast';
import {
  GLOBAL_JWT_DECODERS,
  HOLDER_KEY_CLAIM,
  HOLDER_KEY_SOURCES,
  JWT_FUNCTIONS,
  JWT_HELPER_ARGUMENT,
  JWT_HELPER_NAME,
  TOKEN_ARGUMENT_TEXT,
  REMOTE_KEY_SOURCES,
  TOKEN_INFO_ENDPOINTS,
  TOKEN_INFO_HINT,
  type JwtFunctionSpec,
  type JwtOperationKind,
} from '../knowledge/jwt';
import { fileFacts } from './file-facts';
import { guarded } from './guard';
import { calledFunction, callSitesOf, libraryCallEntry } from './functions';
import {
  CALL,
  callbackReceiver,
  calleeOrigin,
  isHttpClientOrigin,
  isHttpClientOrResponseOrigin,
  childNodes,
  localFunction,
  lookup,
  matchesPattern,
  memberName,
  originOf,
  propertyKeyName,
  requiredModule,
  skipWrappers,
  writtenValues,
} from './modules';
import { classifyToken, tokenKindFromName, type TokenInfo } from './tokens';
import { booleanValue, definitionOf, descendants, getPath, stringParts, stringValue, tailName, type PropertyLookup } from './values';
import { REQUEST_OBJECT_NAMES, TOKEN_COOKIE_NAME } from '../knowledge/requests';
import { requestInput } from './request-input';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionLike | TSESTree.Program;
type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

export type KeySource =
  /** A remote key set, a `getKey`/`secretOrKeyProvider` callback, a key fetched over HTTP: an external issuer. */
  | 'remote'
  /** A literal, environment variable, file or encoded secret: the app's own key. */
  | 'local'
  /** The empty string: no key at all. */
  | 'empty'
  | 'unknown';

export type Claim = 'aud' | 'iss' | 'nonce';

export interface JwtOperation {
  readonly kind: JwtOperationKind;
  readonly library: string;
  /** The call that performs the operation (the report node for "missing" findings). */
  readonly node: CallLike;
  readonly spec: JwtFunctionSpec;
  readonly token: Node | undefined;
  readonly key: Node | undefined;
  readonly keySource: KeySource;
  /** The options object expression as passed (may be an identifier bound to an object elsewhere). */
  readonly options: Node | undefined;
  /** The function the call sits in (Program at module level). */
  readonly scope: FunctionNode;
  /** Decoded by hand: `JSON.parse(atob(token.split('.')[1]))`. */
  readonly handRolled: boolean;
  /** A call of a helper (in this file or another module) that performs `inner` on one of its parameters. */
  readonly inner?: JwtOperation;
  /** The SourceCode `inner` belongs to, when the helper is written in another module. */
  readonly innerSourceCode?: SourceCode;
  /**
   * The helper hands its own options parameter to the library (`jwt.verify(token, key, options)`):
   * `options` is then the caller's argument, and the caller's options decide.
   */
  readonly forwarded?: boolean;
}

export interface JwtFacts {
  readonly operations: readonly JwtOperation[];
  /** Claims read in a comparison or check, per function (a nested function's reads count for its parents too). */
  readonly claimChecks: ReadonlyMap<FunctionNode, ReadonlySet<Claim>>;
  /** Calls of each local function, for checks written by the caller of a verify helper. */
  readonly callers: ReadonlyMap<TSESTree.FunctionLike, readonly TSESTree.CallExpression[]>;
}

const CLAIMS: ReadonlySet<string> = new Set<Claim>(['aud', 'iss', 'nonce']);
const MAX_DEPTH = 8;
/** A key's provenance runs longer than a value's: JWKS response → keys → one key's fields → JWK object → PEM → key map → key. */
const KEY_MAX_DEPTH = 14;

function isFunction(node: Node): node is TSESTree.FunctionLike {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

function isAncestorOrSelf(ancestor: Node, node: Node): boolean {
  for (let current: Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

// ---------------------------------------------------------------------------------------
// Tokens

function isCookieStore(sourceCode: SourceCode, node: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return isCookieStore(sourceCode, inner.argument, depth + 1);
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(sourceCode, inner) === 'cookies';
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    // next/headers `cookies()`
    const origin = calleeOrigin(sourceCode, inner);
    return origin !== undefined && origin.module === 'next/headers' && origin.path.join('.') === 'cookies';
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, inner);
    return definition !== inner && isCookieStore(sourceCode, definition, depth + 1);
  }
  return false;
}

/** `cookies().get('app_session')?.value`, `req.cookies.get('session')`, `getCookie(c, 'auth')`: a token from the request. */
function cookieStoreToken(sourceCode: SourceCode, node: Node, depth = 0): TokenInfo | undefined {
  if (depth > 4) return undefined;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === 'value')
    return cookieStoreToken(sourceCode, inner.object, depth + 1);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, inner);
    return definition === inner ? undefined : cookieStoreToken(sourceCode, definition, depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return cookieStoreToken(sourceCode, inner.argument, depth + 1);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipWrappers(inner.callee);
  let name: string | undefined;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, callee) === 'get' &&
    isCookieStore(sourceCode, callee.object)
  ) {
    name = inner.arguments[0] && stringValue(sourceCode, inner.arguments[0]);
  } else if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'getCookie' && inner.arguments.length === 2) {
    name = stringValue(sourceCode, inner.arguments[1]);
  }
  if (name === undefined || !TOKEN_COOKIE_NAME.test(name)) return undefined;
  return { kind: tokenKindFromName(name) ?? 'unknown-jwt', fromRequest: true, basis: 'source' };
}

/** Which token an expression holds: `classifyToken`, plus server cookie stores. */
export function tokenOf(sourceCode: SourceCode, node: Node | undefined): TokenInfo | undefined {
  if (!node) return undefined;
  const fromCookie = cookieStoreToken(sourceCode, node);
  if (fromCookie) return fromCookie;
  return classifyToken(sourceCode, node);
}

/** A key that identifies the same token value within a file: the variable, or the expression text. */
export function tokenIdentity(sourceCode: SourceCode, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  let inner = skipWrappers(node);
  while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipWrappers(inner.argument);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(inner), inner);
    const def = variable?.defs[0];
    return def ? `v:${def.name.range[0]}` : `g:${inner.name}`;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression || inner.type === AST_NODE_TYPES.CallExpression) {
    return `t:${sourceCode.getText(inner).replace(/\s+/g, '').replace(/\?\./g, '.')}`;
  }
  return undefined;
}

/**
 * `tokens.id_token` / `const { id_token } = await res.json()` where the object came from an
 * HTTP or library call (a token response or the code exchange), not from storage, a cookie,
 * a parameter or the incoming request.
 */
export function isFromTokenResponse(sourceCode: SourceCode, node: Node | undefined, depth = 0): boolean {
  if (!node || depth > 4) return false;
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, value);
    if (definition !== value) return isFromTokenResponse(sourceCode, definition, depth + 1);
    // `const { id_token } = await res.json()`
    const def = findVariable(sourceCode.getScope(value), value)?.defs[0];
    if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init)
      return isResponseObject(sourceCode, def.node.init);
    return false;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) return isResponseObject(sourceCode, value.object);
  return false;
}

function isResponseObject(sourceCode: SourceCode, node: Node): boolean {
  let object = definitionOf(sourceCode, node);
  if (object.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, object) === 'data')
    object = definitionOf(sourceCode, object.object);
  if (object.type === AST_NODE_TYPES.AwaitExpression) object = skipWrappers(object.argument);
  if (object.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(object.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, callee) : undefined;
  return method !== 'getItem' && method !== 'get' && method !== 'parse' && method !== 'getCookie';
}

// ---------------------------------------------------------------------------------------
// Keys

function isRemoteCall(sourceCode: SourceCode, call: CallLike): boolean {
  const origin = calleeOrigin(sourceCode, call);
  if (!origin) return false;
  if (REMOTE_KEY_SOURCES.some((pattern) => matchesPattern(origin, pattern))) return true;
  // Anything an HTTP client returns (the request, the response, its body) is remote data.
  return isHttpClientOrigin(origin);
}

/** The request itself: global `fetch(…)`, `axios.get(…)`, `request(…)` — not a method of its response (`res.json()`). */
function isHttpCall(sourceCode: SourceCode, call: CallLike): boolean {
  const origin = calleeOrigin(sourceCode, call);
  if (!origin || origin.path.includes(CALL)) return false;
  return isHttpClientOrigin(origin);
}

/**
 * Where a verification key comes from. Remote: a `createRemoteJWKSet`/jwks-rsa value, a
 * `getKey`-style callback, anything built from an HTTP response. Local: literals,
 * environment variables, files, encoded secrets. Otherwise unknown.
 */
/** A key resolver that returns the confirmation key of another token (`payload.cnf.jwk`). */
function readsHolderKey(sourceCode: SourceCode, fn: Node): boolean {
  for (const node of descendants(fn)) {
    if (node.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, node) === HOLDER_KEY_CLAIM) return true;
  }
  return false;
}

/** Calls of a local function looked at for what they hand its key parameter. */
const MAX_KEY_CALL_SITES = 5;

/** Methods whose callback is handed what they are called on (a promise's value, an array's elements). */
const KEY_CALLBACK_METHODS: ReadonlySet<string> = new Set(['then', 'forEach', 'map', 'find', 'filter']);

export function keySourceOf(sourceCode: SourceCode, node: Node | undefined): KeySource {
  if (!node) return 'unknown';
  const inner = skipWrappers(node);
  if (stringValue(sourceCode, inner) === '') return 'empty';
  const origin = originOf(sourceCode, inner);
  if (origin && (origin.module === 'jwks-rsa' || REMOTE_KEY_SOURCES.some((pattern) => matchesPattern(origin, pattern)))) return 'remote';
  // A proof of possession (DPoP, a client attestation's PoP): signed by the holder with the key
  // embedded in its header or confirmed (`cnf`) by a token already verified — no issuer to check.
  if (origin && HOLDER_KEY_SOURCES.some((pattern) => matchesPattern(origin, pattern))) return 'local';
  if (isFunction(inner) && readsHolderKey(sourceCode, inner)) return 'local';
  let local = false;
  const seen = new Set<Node>();
  const isRemoteOrigin = (candidate: Node): boolean => {
    const remote = originOf(sourceCode, candidate);
    return remote !== undefined && (remote.module === 'jwks-rsa' || REMOTE_KEY_SOURCES.some((pattern) => matchesPattern(remote, pattern)));
  };
  const visit = (current: Node, depth: number): boolean => {
    if (depth > KEY_MAX_DEPTH || seen.has(current)) return false;
    seen.add(current);
    const value = skipWrappers(current);
    // A function as the key is a `getKey(header, callback)` / `async (header) => key` resolver.
    if (isFunction(value)) return true;
    switch (value.type) {
      case AST_NODE_TYPES.Identifier: {
        if (calledFunction(sourceCode, value)) return true;
        const definition = definitionOf(sourceCode, value);
        if (definition !== value) return visit(definition, depth + 1);
        // `let jwks = null; … jwks ??= createRemoteJWKSet(url)`: a key set made lazily, once.
        const variable = findVariable(sourceCode.getScope(value), value);
        const written = variable ? writtenValues(variable) : undefined;
        if (written?.some((write) => !isNullish(write) && visit(write, depth + 1))) return true;
        // `for (const jwk of keys)`: an element of what the loop walks.
        const iterated = forOfSource(sourceCode, value);
        if (iterated) return visit(iterated, depth + 1);
        // `fetch(jwksUrl).then((res) => res.json()).then((data) => data.keys.forEach((key) => …))`: what the callback is handed.
        const def = variable?.defs[0];
        const received = def?.type === 'Parameter' ? callbackReceiver(sourceCode, def.node, def.name, KEY_CALLBACK_METHODS) : undefined;
        if (received) return visit(received, depth + 1);
        // A parameter of a local function: what its calls in this file hand it (`validate(keys.keys, token)` in a fetch chain).
        const fn =
          def?.type === 'Parameter' && isFunctionNode(def.node as Node) ? (def.node as Parameters<typeof callSitesOf>[1]) : undefined;
        const index = fn ? fn.params.indexOf(def!.name as TSESTree.Parameter) : -1;
        if (fn && index >= 0) {
          const calls = callSitesOf(sourceCode, fn).slice(0, MAX_KEY_CALL_SITES);
          return calls.some((call) => {
            const argument = call.arguments[index];
            return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && visit(argument, depth + 1);
          });
        }
        // `const { data } = await axios.get(jwksUrl)`, `const { keys } = await response.json()`: part of an HTTP response.
        const origin = originOf(sourceCode, value);
        return isRemoteOrigin(value) || (origin !== undefined && isHttpClientOrResponseOrigin(origin));
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (isRemoteCall(sourceCode, value)) return true;
        const fn = localFunction(sourceCode, value.callee);
        if (fn?.body && visit(fn.body, depth + 1)) return true;
        const callee = skipWrappers(value.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && visit(callee.object, depth + 1)) return true;
        return value.arguments.some((arg) => !isFunction(arg) && visit(arg, depth + 1));
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(sourceCode, value);
        const object = skipWrappers(value.object);
        if (name === 'env' || (object.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, object) === 'env')) {
          local = true;
          return false;
        }
        if (object.type === AST_NODE_TYPES.ThisExpression) return isRemoteOrigin(value);
        if (isRemoteOrigin(value)) return true;
        // `this.pems[kid]`, `keys[header.kid]`: a key map filled elsewhere — what is stored in it.
        if (value.computed && name === undefined && entriesStoredIn(sourceCode, value.object).some((entry) => visit(entry, depth + 1)))
          return true;
        return visit(value.object, depth + 1) || (value.computed && visit(value.property, depth + 1));
      }
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
        local = true;
        if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.some((expression) => visit(expression, depth + 1));
        return false;
      case AST_NODE_TYPES.AwaitExpression:
        return visit(value.argument, depth + 1);
      case AST_NODE_TYPES.ObjectExpression:
        // A JWK built field by field (`{ kty, n: key.n, e: key.e }`): its values, not its keys.
        return value.properties.some((property) =>
          property.type === AST_NODE_TYPES.SpreadElement
            ? visit(property.argument, depth + 1)
            : !isFunction(property.value) && visit(property.value, depth + 1),
        );
      case AST_NODE_TYPES.BlockStatement:
        for (const statement of value.body) {
          if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument && visit(statement.argument, depth + 1)) return true;
        }
        return false;
      default:
        for (const child of childNodes(value)) {
          if (isFunction(child)) continue;
          if (visit(child, depth + 1)) return true;
        }
        return false;
    }
  };
  if (isImportedKeyResolver(sourceCode, inner) || visit(inner, 0)) return 'remote';
  return local ? 'local' : 'unknown';
}

/** The iterated expression of the `for (const x of …)` that declares `identifier`. */
function forOfSource(sourceCode: SourceCode, identifier: TSESTree.Identifier): Node | undefined {
  const def = findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (def?.type !== 'Variable') return undefined;
  const declaration = def.node.parent;
  const loop = declaration?.parent;
  return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration ? loop.right : undefined;
}

/** `map[k] = v` anywhere in the file for a map written as `map` (same text): the values stored in a keyed collection. */
function entriesStoredIn(sourceCode: SourceCode, map: Node): Node[] {
  const text = sourceCode.getText(skipWrappers(map));
  const stored = fileFacts(sourceCode).memo('jwt:keyed-writes', () => {
    const byMap = new Map<string, Node[]>();
    for (const assignment of fileFacts(sourceCode).nodesOfType(AST_NODE_TYPES.AssignmentExpression)) {
      const left = assignment.left;
      if (assignment.operator !== '=' || left.type !== AST_NODE_TYPES.MemberExpression || !left.computed) continue;
      const key = sourceCode.getText(skipWrappers(left.object));
      const list = byMap.get(key) ?? [];
      list.push(assignment.right);
      byMap.set(key, list);
    }
    return byMap;
  });
  return stored.get(text) ?? [];
}

/** Verb-first names of a function that finds a (public) key: `getKey`, `getSigningKey`, `fetchJwks`, `resolvePublicKey`; not `getSecret`. */
const KEY_RESOLVER_NAME = /^(?:get|fetch|load|resolve|lookup|find|retrieve)(?:[A-Z_]\w{0,40})?(?:Key|Keys|Cert|Certs|Jwks?|JWKS?)$/;

/**
 * The key argument is a function imported from another module and named as one that finds
 * a key (`const getKey = require('./getKey')`, `import { getSigningKey } from './auth'`):
 * jsonwebtoken calls a function key as `(header, callback)` to resolve it per token — the
 * shape of a JWKS lookup. A call (`getSecret()`) hands over its result instead, and is not this.
 */
function isImportedKeyResolver(sourceCode: SourceCode, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || !KEY_RESOLVER_NAME.test(node.name)) return false;
  const def = findVariable(sourceCode.getScope(node), node)?.defs[0];
  if (def?.type === 'ImportBinding') return true;
  if (def?.type !== 'Variable' || !def.node.init) return false;
  let init = skipWrappers(def.node.init);
  // `require('./keys').getKey`
  while (init.type === AST_NODE_TYPES.MemberExpression) init = skipWrappers(init.object);
  return requiredModule(init) !== undefined;
}

// ---------------------------------------------------------------------------------------
// Operations

function argumentAt(call: CallLike, index: number | undefined): Node | undefined {
  if (index === undefined) return undefined;
  const arg = call.arguments[index];
  return arg && arg.type !== AST_NODE_TYPES.SpreadElement ? arg : undefined;
}

/** The options object of a `registerAsync({ useFactory: () => ({ ... }) })`. */
function factoryOptions(sourceCode: SourceCode, options: Node | undefined): Node | undefined {
  const factory = getPath(sourceCode, options, ['useFactory']);
  if (factory.status !== 'present') return options;
  const fn = skipWrappers(factory.value);
  if (!isFunction(fn) || !fn.body) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body.type === AST_NODE_TYPES.ObjectExpression ? fn.body : undefined;
  const last = fn.body.body.at(-1);
  return last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? last.argument : undefined;
}

function keyOf(sourceCode: SourceCode, spec: JwtFunctionSpec, call: CallLike, options: Node | undefined): Node | undefined {
  const positional = argumentAt(call, spec.key);
  if (positional) return positional;
  for (const name of spec.keyProperties ?? []) {
    const lookupResult = getPath(sourceCode, options, [name]);
    if (lookupResult.status === 'present') return lookupResult.value;
  }
  return undefined;
}

function operationFromSpec(sourceCode: SourceCode, call: CallLike, spec: JwtFunctionSpec): JwtOperation {
  let options = argumentAt(call, spec.options);
  // `jwt.verify(token, key, callback)`: the callback is not an options object.
  if (options && isFunction(skipWrappers(options))) options = undefined;
  if (spec.library === '@nestjs/jwt' && spec.kind === 'config') options = factoryOptions(sourceCode, options);
  let token = argumentAt(call, spec.token);
  if (spec.tokenProperty) {
    const property = getPath(sourceCode, options, [spec.tokenProperty]);
    token = property.status === 'present' ? property.value : undefined;
  }
  if (spec.decodedToken && token) token = decodedFrom(sourceCode, token, spec.library) ?? token;
  const key = keyOf(sourceCode, spec, call, options);
  let keySource = keySourceOf(sourceCode, key);
  // passport-jwt / @nestjs/jwt: a `secretOrKeyProvider` is a key resolver, i.e. an external key
  // set — unless all it hands back is a shared secret looked up per token (a client's HMAC secret).
  const provider = spec.keyProperties ? getPath(sourceCode, options, ['secretOrKeyProvider']) : undefined;
  if (key && provider?.status === 'present') keySource = providesSharedSecret(sourceCode, provider.value) ? 'local' : 'remote';
  return {
    kind: headerOnly(sourceCode, spec, call, options) ? 'header' : spec.kind,
    library: spec.library,
    node: call,
    spec,
    token,
    key,
    keySource,
    options,
    scope: enclosingFunctionOrProgram(call),
    handRolled: false,
  };
}

/** A key named as a secret (`client.clientSecret`, `process.env.JWT_SECRET`): an HMAC shared secret, not a public key. */
const SHARED_SECRET_NAME = /secret/i;

/**
 * A `secretOrKeyProvider(request, rawToken, done)` that hands `done` (or returns) only values
 * named as secrets: the key is a shared secret looked up per token, which makes the token this
 * server's own rather than an external issuer's.
 */
function providesSharedSecret(sourceCode: SourceCode, value: Node): boolean {
  const provider = skipWrappers(definitionOf(sourceCode, value));
  if (!isFunction(provider) || !provider.body || provider.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const done = provider.params[2];
  const doneName = done?.type === AST_NODE_TYPES.Identifier ? done.name : undefined;
  const handed: Node[] = [];
  for (const node of descendants(provider.body)) {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && node.argument.type !== AST_NODE_TYPES.CallExpression)
      handed.push(node.argument);
    if (
      doneName !== undefined &&
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === doneName &&
      node.arguments[1] !== undefined &&
      !(node.arguments[1].type === AST_NODE_TYPES.Literal && node.arguments[1].value === null)
    )
      handed.push(node.arguments[1]);
  }
  return handed.length > 0 && handed.every((key) => SHARED_SECRET_NAME.test(tailName(sourceCode, key) ?? ''));
}

/** `const artifacts = Jwt.token.decode(token)`: the token a library's own decode result was decoded from. */
function decodedFrom(sourceCode: SourceCode, node: Node, library: string): Node | undefined {
  const value = definitionOf(sourceCode, node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const origin = calleeOrigin(sourceCode, value);
  const spec = lookup(origin, JWT_FUNCTIONS);
  if (spec?.kind !== 'decode' || spec.library !== library) return undefined;
  return argumentAt(value, spec.token);
}

/** True when a decode call's result is only used for its header (a `kid` lookup). */
function headerOnly(sourceCode: SourceCode, spec: JwtFunctionSpec, call: CallLike, options: Node | undefined): boolean {
  if (spec.kind !== 'decode' || !spec.headerFlag) return false;
  const flag = getPath(sourceCode, options, [spec.headerFlag]);
  if (flag.status !== 'present' || booleanValue(sourceCode, flag.value) !== true) return false;
  // jwt-decode `{ header: true }` returns the header and nothing else.
  if (spec.headerFlag === 'header') return true;
  return usedOnlyForHeader(sourceCode, call);
}

function usedOnlyForHeader(sourceCode: SourceCode, expression: Node): boolean {
  let node: Node = expression;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.ChainExpression ||
      node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    node = node.parent;
  }
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return memberName(sourceCode, parent) === 'header';
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
    if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
      return parent.id.properties.every(
        (property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(sourceCode, property) === 'header',
      );
    }
    if (parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode.getScope(parent.id), parent.id);
      if (!variable) return false;
      const reads = variable.references.filter((reference) => reference.isRead());
      return reads.length > 0 && reads.every((reference) => usedOnlyForHeaderRead(sourceCode, reference.identifier));
    }
  }
  return false;
}

function usedOnlyForHeaderRead(sourceCode: SourceCode, identifier: Node): boolean {
  let node: Node = identifier;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.ChainExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression))
    node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  // `if (!decoded)` guards are fine.
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
  if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.LogicalExpression) return true;
  return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && memberName(sourceCode, parent) === 'header';
}

function isSplitOnDot(sourceCode: SourceCode, node: Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, callee) === 'split' &&
    node.arguments.length >= 1 &&
    stringValue(sourceCode, node.arguments[0]) === '.'
  );
}

/** Which segment of `t.split('.')` the expression reads: `[1]` → 1, `const [, p] = …` → 1. */
function segmentIndex(split: TSESTree.CallExpression, via: Node | undefined): number | undefined {
  let node: Node = split;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.ChainExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression))
    node = node.parent;
  const parent = node.parent;
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    parent.computed &&
    parent.property.type === AST_NODE_TYPES.Literal
  ) {
    return typeof parent.property.value === 'number' ? parent.property.value : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.ArrayPattern && via) {
    const index = parent.id.elements.findIndex((element) => element === via);
    return index === -1 ? undefined : index;
  }
  return undefined;
}

/**
 * Hand-rolled decode: `JSON.parse(...)` over a segment of `token.split('.')`, through
 * `atob`, `Buffer.from(…, 'base64url')`, helper calls and intermediate variables.
 * Returns the split receiver (the token) and whether only the header segment is read.
 */
export function handRolledDecode(sourceCode: SourceCode, call: TSESTree.CallExpression): { token: Node; header: boolean } | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'parse' || !call.arguments[0]) return undefined;
  if (
    skipWrappers(callee.object).type !== AST_NODE_TYPES.Identifier ||
    (skipWrappers(callee.object) as TSESTree.Identifier).name !== 'JSON'
  )
    return undefined;
  return splitTokenOf(sourceCode, call.arguments[0]);
}

/**
 * The token whose `split('.')` segments an expression is made of (`JSON.parse(atob(parts[1]))`,
 * `toBuffer(jwt[0] + '.' + jwt[1])`), through helper calls and intermediate variables, and
 * whether only the header segment is read.
 */
function splitTokenOf(sourceCode: SourceCode, expression: Node): { token: Node; header: boolean } | undefined {
  const seen = new Set<Node>();
  let found: { token: Node; header: boolean } | undefined;
  // `segment`: the index read from a variable that holds the split parts (`parts[0]` of
  // `const parts = t.split('.')`), carried back to the split, which then reads as unindexed.
  const visit = (node: Node, depth: number, via: Node | undefined, segment?: number): void => {
    if (found || depth > MAX_DEPTH || seen.has(node)) return;
    seen.add(node);
    const inner = skipWrappers(node);
    if (isSplitOnDot(sourceCode, inner)) {
      const index = segmentIndex(inner, via) ?? segment;
      found = { token: (skipWrappers(inner.callee) as TSESTree.MemberExpression).object, header: index === 0 };
      return;
    }
    if (isFunction(inner)) return;
    if (
      inner.type === AST_NODE_TYPES.MemberExpression &&
      inner.computed &&
      inner.property.type === AST_NODE_TYPES.Literal &&
      typeof inner.property.value === 'number' &&
      skipWrappers(inner.object).type === AST_NODE_TYPES.Identifier
    ) {
      visit(inner.object, depth + 1, undefined, inner.property.value);
      return;
    }
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode.getScope(inner), inner);
      const def = soleValueDefinition(variable);
      if (
        def?.type === 'Variable' &&
        def.node.init &&
        (def.node.parent.kind === 'const' || (variable?.references.filter((r) => r.isWrite()).length ?? 2) <= 1)
      ) {
        visit(def.node.init, depth + 1, def.node.id.type === AST_NODE_TYPES.ArrayPattern ? def.name : undefined, segment);
      }
      return;
    }
    for (const child of childNodes(inner)) visit(child, depth + 1, undefined);
  };
  visit(expression, 0, undefined);
  return found;
}

/** The JWT operation a call performs, if any (library call, `super()` of a strategy, hand-rolled decode). */
export function jwtOperationOf(sourceCode: SourceCode, call: CallLike): JwtOperation | undefined {
  // `super(options)` of a strategy class resolves to the base class's constructor (modules.ts).
  const spec = libraryCallEntry(sourceCode, call, JWT_FUNCTIONS);
  if (spec) return operationFromSpec(sourceCode, call, spec);
  if (call.type === AST_NODE_TYPES.CallExpression) {
    const decoded = handRolledDecode(sourceCode, call);
    if (decoded) {
      const handSpec: JwtFunctionSpec = { kind: decoded.header ? 'header' : 'decode', library: 'hand-rolled' };
      return {
        kind: handSpec.kind,
        library: handSpec.library,
        node: call,
        spec: handSpec,
        token: decoded.token,
        key: undefined,
        keySource: 'unknown',
        options: undefined,
        scope: enclosingFunctionOrProgram(call),
        handRolled: true,
      };
    }
  }
  return undefined;
}

/**
 * An HTTP request to a token-information endpoint (`fetch(\`https://oauth2.googleapis.com/tokeninfo?id_token=${t}\`)`,
 * `axios.get(TOKENINFO, { params: { id_token } })`): the issuer verifies the token, the response
 * carries its claims, and the audience is the caller's to compare.
 */
function tokenInfoOperation(sourceCode: SourceCode, call: TSESTree.CallExpression): JwtOperation | undefined {
  const urlArgument = call.arguments[0];
  if (!urlArgument || urlArgument.type === AST_NODE_TYPES.SpreadElement || !isHttpCall(sourceCode, call)) return undefined;
  const parts = stringParts(sourceCode, urlArgument);
  let prefix = '';
  for (const part of parts) {
    if (part.text === undefined) break;
    prefix += part.text;
  }
  const endpoint = TOKEN_INFO_ENDPOINTS.find((candidate) => candidate.url.test(prefix));
  if (!endpoint) return undefined;
  let token: Node | undefined;
  // In the query: the hole right after `id_token=`.
  for (let i = 0; i + 1 < parts.length && !token; i++) {
    const text = parts[i].text;
    if (text !== undefined && parts[i + 1].text === undefined && endpoint.tokenParams.some((name) => text.endsWith(`${name}=`)))
      token = parts[i + 1].node;
  }
  // In the request options: `{ params: { id_token } }`.
  const options = call.arguments[1];
  if (!token && options && options.type !== AST_NODE_TYPES.SpreadElement) {
    for (const name of endpoint.tokenParams) {
      const found = getPath(sourceCode, options, ['params', name]);
      if (found.status === 'present') token = found.value;
    }
  }
  const written = parts.some((part) => part.text !== undefined && endpoint.tokenParams.some((name) => part.text!.includes(`${name}=`)));
  if (!token && !written) return undefined;
  const spec: JwtFunctionSpec = {
    kind: 'verify',
    library: endpoint.library,
    checksIssuer: endpoint.checksIssuer,
    requiresAlgorithms: 'never',
  };
  return {
    kind: 'verify',
    library: endpoint.library,
    node: call,
    spec,
    token,
    key: undefined,
    // The issuer's own keys, checked at the issuer.
    keySource: 'remote',
    options: undefined,
    scope: enclosingFunctionOrProgram(call),
    handRolled: false,
  };
}

// ---------------------------------------------------------------------------------------
// Claim checks written by hand

const CHECK_CALLEE = /equal|includes|has$|indexOf|some|every|compare|check|assert|verify|validate|match|expect/i;
const COMPARISON = new Set(['===', '!==', '==', '!=']);
const TRANSPARENT_CALLS = new Set(['concat', 'flat', 'from', 'of', 'String', 'toLowerCase', 'trim', 'normalize', 'replace']);

/** Is this read of a claim (`payload.aud`, destructured `aud`) used in a comparison or a check call? */
function isCheckingUse(sourceCode: SourceCode, read: Node, allowCalls: boolean): boolean {
  let node = read;
  for (let depth = 0; depth < 5 && node.parent; depth++) {
    const parent: Node = node.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.BinaryExpression:
        return COMPARISON.has(parent.operator);
      case AST_NODE_TYPES.SwitchStatement:
        return parent.discriminant === node;
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === node) return false;
        if (!allowCalls) return false;
        const callee = skipWrappers(parent.callee);
        const name =
          callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : callee.type === AST_NODE_TYPES.MemberExpression
              ? memberName(sourceCode, callee)
              : undefined;
        if (name !== undefined && CHECK_CALLEE.test(name)) return true;
        // `[].concat(payload.aud)`, `Array.from(...)`, `String(payload.iss)`: the check may follow.
        if (name === undefined || !TRANSPARENT_CALLS.has(name)) return false;
        node = parent;
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) return false;
        // `payload.aud.includes(CLIENT_ID)`, `[].concat(payload.aud).includes(x)`
        const method = memberName(sourceCode, parent);
        if (method && CHECK_CALLEE.test(method) && parent.parent?.type === AST_NODE_TYPES.CallExpression) return true;
        node = parent;
        break;
      }
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ConditionalExpression:
        node = parent;
        break;
      default:
        return false;
    }
  }
  return false;
}

function claimReadAt(sourceCode: SourceCode, node: Node): Claim | undefined {
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(sourceCode, node);
    if (name && CLAIMS.has(name) && isCheckingUse(sourceCode, node, true)) return name as Claim;
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.Identifier && CLAIMS.has(node.name) && node.parent?.type === AST_NODE_TYPES.BinaryExpression) {
    // A destructured claim compared by hand: `const { aud } = payload; if (aud !== CLIENT_ID)`.
    return isCheckingUse(sourceCode, node, false) ? (node.name as Claim) : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Per-file facts

/** The function whose parameter an identifier names (the operation may sit in a callback inside it), and its index. */
function parameterOf(
  sourceCode: SourceCode,
  node: Node | undefined,
): { fn: TSESTree.FunctionLike; index: number; reassigned: boolean } | undefined {
  const inner = node ? skipWrappers(node) : undefined;
  if (inner?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(inner), inner);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Parameter' || !isFunction(def.node as Node)) return undefined;
  const fn = def.node as TSESTree.FunctionLike;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === inner.name);
  const reassigned = variable?.references.some((reference) => reference.isWrite()) ?? false;
  return index === -1 ? undefined : { fn, index, reassigned };
}

/** The function a token-taking helper is: the one whose parameter the operation's token is. */
function helperOf(sourceCode: SourceCode, op: JwtOperation): TSESTree.FunctionLike | undefined {
  return op.kind === 'verify' || op.kind === 'decode' ? parameterOf(sourceCode, op.token)?.fn : undefined;
}

/**
 * The calls of a helper that performs `op` on its parameter, as operations at those calls:
 * the token is the caller's argument. `helperSourceCode` is the helper's file (the caller's
 * own for a local helper); `calls` are in `sourceCode`.
 */
function wrapperOperations(
  sourceCode: SourceCode,
  helperSourceCode: SourceCode,
  op: JwtOperation,
  calls: readonly TSESTree.CallExpression[],
): JwtOperation[] {
  const token = parameterOf(helperSourceCode, op.token);
  if (!token) return [];
  const index = token.index;
  const imported = helperSourceCode !== sourceCode;
  // `jwt.verify(token, key, options)` with `options` the same helper's parameter, with no default
  // and never reassigned (`options = options || DEFAULTS` is the helper's own choice).
  const options = op.kind === 'verify' ? parameterOf(helperSourceCode, op.options) : undefined;
  const optionsIndex = options?.fn === token.fn && !options.reassigned ? options.index : -1;
  return calls.map((call) => {
    const forwarded = optionsIndex !== -1 ? argumentAt(call, optionsIndex) : undefined;
    // `verifyJwt(...args)`: which argument lands where is unknown.
    const spread = call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement);
    const wrapper: JwtOperation = {
      ...op,
      node: call,
      token: argumentAt(call, index),
      scope: enclosingFunctionOrProgram(call),
      inner: op,
      // Set anew at each level: a local helper around an imported one has its inner in this file.
      innerSourceCode: imported ? helperSourceCode : undefined,
      forwarded: false,
      // Nodes of another module never stand in this file's operation.
      ...(imported ? { key: undefined, options: undefined } : {}),
      ...(optionsIndex !== -1 && !spread && (forwarded || call.arguments.length <= optionsIndex)
        ? { options: forwarded, forwarded: true }
        : {}),
    };
    return wrapper;
  });
}

/** Operations of the functions of another module this call reaches: `verifyIdToken(token)` from '../lib/auth'. */
function importedWrapperOperations(sourceCode: SourceCode, call: TSESTree.CallExpression): JwtOperation[] {
  const callee = skipWrappers(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, callee)
        : undefined;
  const named = name !== undefined && JWT_HELPER_NAME.test(name);
  const tokenArgument = (arg: TSESTree.CallExpressionArgument): boolean =>
    arg.range[1] - arg.range[0] < 200 && !isFunction(arg) && TOKEN_ARGUMENT_TEXT.test(sourceCode.getText(arg));
  if (!named && !call.arguments.some(tokenArgument)) return [];
  const helper = calledFunction(sourceCode, callee);
  if (!helper?.imported) return [];
  const operations: JwtOperation[] = [];
  for (const op of jwtFacts(helper.sourceCode).operations) {
    if (helperOf(helper.sourceCode, op) !== helper.fn) continue;
    operations.push(...wrapperOperations(sourceCode, helper.sourceCode, op, [call]));
  }
  return operations;
}

/** Helpers of helpers followed this deep (`verifyIdTokenWithNonce` → `verifyIdToken` → `jwt.verify`). */
const MAX_WRAPPER_LEVELS = 3;

function localWrappers(
  sourceCode: SourceCode,
  operations: readonly JwtOperation[],
  callers: ReadonlyMap<TSESTree.FunctionLike, readonly TSESTree.CallExpression[]>,
): JwtOperation[] {
  const wrappers: JwtOperation[] = [];
  for (const op of operations) {
    // The operation's own file: an imported wrapper's helper is judged through its call here.
    const helper = helperOf(sourceCode, op);
    if (helper) wrappers.push(...wrapperOperations(sourceCode, sourceCode, op, callers.get(helper) ?? []));
  }
  return wrappers;
}

function computeFacts(sourceCode: SourceCode): JwtFacts {
  const operations: JwtOperation[] = [];
  const facts = fileFacts(sourceCode);
  // Without a JWT library only calls can be operations (hand-rolled decodes): no constructors to merge in.
  const calls = facts.mayMatch(JWT_FUNCTIONS)
    ? facts.nodesOfType(AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)
    : facts.nodesOfType(AST_NODE_TYPES.CallExpression);
  for (const node of calls) {
    const op = jwtOperationOf(sourceCode, node);
    if (op) operations.push(op);
  }
  if (facts.mentions(TOKEN_INFO_HINT)) {
    for (const node of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) {
      const op = tokenInfoOperation(sourceCode, node);
      if (op) operations.push(op);
    }
  }
  // Claim reads are looked for when a question about them comes: most files never ask.
  let claimChecks: Map<FunctionNode, Set<Claim>> | undefined;
  const computeClaimChecks = (): Map<FunctionNode, Set<Claim>> => {
    const checks = new Map<FunctionNode, Set<Claim>>();
    for (const node of [...facts.nodesOfType(AST_NODE_TYPES.MemberExpression), ...facts.nodesOfType(AST_NODE_TYPES.Identifier)]) {
      const claim = claimReadAt(sourceCode, node);
      if (!claim) continue;
      for (let current: Node | undefined = node.parent; current; current = current.parent) {
        if (isFunction(current) || current.type === AST_NODE_TYPES.Program) {
          const set = checks.get(current as FunctionNode) ?? new Set<Claim>();
          set.add(claim);
          checks.set(current as FunctionNode, set);
        }
      }
    }
    return checks;
  };
  // Calls of local functions, found when asked: resolving every call's callee is the costly
  // part, and files without operations rarely ask.
  let callers: Map<TSESTree.FunctionLike, TSESTree.CallExpression[]> | undefined;
  const computeCallers = (): Map<TSESTree.FunctionLike, TSESTree.CallExpression[]> => {
    const found = new Map<TSESTree.FunctionLike, TSESTree.CallExpression[]>();
    for (const node of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) {
      if (node.callee.type !== AST_NODE_TYPES.Identifier) continue;
      const fn = localFunction(sourceCode, node.callee);
      if (!fn) continue;
      const list = found.get(fn) ?? [];
      list.push(node);
      found.set(fn, list);
    }
    return found;
  };
  // Helpers of other project modules, asked only at calls named like one or handed a token (module loading is not free).
  let level: JwtOperation[] = [];
  if (facts.importsProjectModules) {
    for (const node of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) {
      if (node.callee.type === AST_NODE_TYPES.Identifier && localFunction(sourceCode, node.callee)) continue;
      level.push(...guarded(() => importedWrapperOperations(sourceCode, node), []));
    }
  }
  // Local helpers that verify or decode their parameter: their call sites are operations too,
  // and so are the calls of a helper that hands its parameter to such a helper.
  if (operations.length > 0 || level.length > 0) {
    const known = (callers ??= computeCallers());
    level.push(...localWrappers(sourceCode, operations, known));
    for (let depth = 0; depth < MAX_WRAPPER_LEVELS && level.length > 0; depth++) {
      operations.push(...level);
      level = localWrappers(sourceCode, level, known);
    }
  }
  return {
    operations,
    get claimChecks() {
      claimChecks ??= computeClaimChecks();
      return claimChecks;
    },
    get callers() {
      callers ??= computeCallers();
      return callers;
    },
  };
}

/** Every JWT operation in the file and the claim checks written by hand, computed once per file. */
export function jwtFacts(sourceCode: SourceCode): JwtFacts {
  return fileFacts(sourceCode).memo('jwt:facts', () => computeFacts(sourceCode));
}

/** Module-level: a regex literal is a new object at each evaluation, and gates are cached per pattern object. */
const SPLIT_AT_DOTS = /\bsplit\s*\(\s*['"`]\.['"`]\s*\)/;
const JSON_PARSE = /\bJSON\.parse\b/;
/** The segment must be base64-decoded before `JSON.parse`: `atob`, `Buffer.from(…, 'base64url')`, a `b64decode` helper. */
const BASE64_DECODING = /atob|base64|b64/i;

/** Cheap gate: could the file contain a JWT operation at all? */
export function mayHaveJwtOperations(sourceCode: SourceCode, modules: readonly string[]): boolean {
  const facts = fileFacts(sourceCode);
  // A hand-rolled decode is a `JSON.parse` over a base64-decoded segment of `split('.')`, the three written
  // here (the decoding may be a helper of another project module).
  const handRolled =
    facts.mentions(SPLIT_AT_DOTS) && facts.mentions(JSON_PARSE) && (facts.mentions(BASE64_DECODING) || facts.importsProjectModules);
  // A verify or decode helper of another project module (`verifyIdToken` from '../lib/auth').
  const helper = facts.importsProjectModules && (facts.mentions(JWT_HELPER_NAME) || facts.mentions(JWT_HELPER_ARGUMENT));
  return facts.importsAny(modules) || handRolled || facts.mentions(GLOBAL_JWT_DECODERS) || helper || facts.mentions(TOKEN_INFO_HINT);
}

/** A decode of a token that the same function (or its caller/callee scope) also verifies, before or after. */
export function isVerifiedElsewhere(sourceCode: SourceCode, facts: JwtFacts, op: JwtOperation): boolean {
  const identity = tokenIdentity(sourceCode, op.token);
  if (!identity) return false;
  return (
    facts.operations.some((other) => {
      if (other.kind !== 'verify' || !other.token) return false;
      if (tokenIdentity(sourceCode, other.token) !== identity) return false;
      // Variables are the same value wherever they are read; expression text only within one function tree.
      return identity.startsWith('v:') || isAncestorOrSelf(other.scope, op.node) || isAncestorOrSelf(op.scope, other.node);
    }) || verifiedByHandElsewhere(sourceCode, op, identity)
  );
}

/**
 * A signature checked by hand in the same function: the token is handed to a function (of this
 * file or another module) that runs WebCrypto's `subtle.verify` over the segments of that
 * parameter (okta-auth-js `verifyToken(idToken, key)`: `crypto.subtle.verify(algo, key,
 * signature, toBuffer(jwt[0] + '.' + jwt[1]))`).
 */
function verifiedByHandElsewhere(sourceCode: SourceCode, op: JwtOperation, identity: string): boolean {
  if (op.scope.type === AST_NODE_TYPES.Program) return false;
  for (const { call, index } of callsByArgument(sourceCode, op.scope).get(identity) ?? []) {
    if (call === op.node) continue;
    const target = guarded(() => calledFunction(sourceCode, call.callee), undefined);
    if (
      target &&
      (signatureCheckedParams(target.sourceCode, target.fn).has(index) || libraryVerifiedParams(target.sourceCode, target.fn).has(index))
    )
      return true;
  }
  return false;
}

const argumentCalls = new WeakMap<Node, Map<string, { call: TSESTree.CallExpression; index: number }[]>>();

/** The calls inside a function by the token identity of each argument (one walk per function). */
function callsByArgument(
  sourceCode: SourceCode,
  fn: TSESTree.FunctionLike,
): ReadonlyMap<string, readonly { call: TSESTree.CallExpression; index: number }[]> {
  let byIdentity = argumentCalls.get(fn);
  if (byIdentity) return byIdentity;
  byIdentity = new Map();
  argumentCalls.set(fn, byIdentity);
  for (const node of descendants(fn)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    node.arguments.forEach((argument, index) => {
      const identity = argument.type === AST_NODE_TYPES.SpreadElement ? undefined : tokenIdentity(sourceCode, argument);
      if (identity === undefined) return;
      const list = byIdentity!.get(identity) ?? [];
      list.push({ call: node, index });
      byIdentity!.set(identity, list);
    });
  }
  return byIdentity;
}

const signatureChecks = new WeakMap<Node, ReadonlySet<number>>();

/** Parameters of a function whose `split('.')` segments it checks with WebCrypto's `subtle.verify`. */
function signatureCheckedParams(sourceCode: SourceCode, fn: TSESTree.FunctionLike): ReadonlySet<number> {
  let params = signatureChecks.get(fn);
  if (params) return params;
  const found = new Set<number>();
  signatureChecks.set(fn, found);
  for (const node of fn.body ? descendants(fn.body) : []) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'verify') continue;
    if (tailName(sourceCode, callee.object) !== 'subtle') continue;
    for (const argument of node.arguments) {
      const split = argument.type === AST_NODE_TYPES.SpreadElement ? undefined : splitTokenOf(sourceCode, argument);
      const param = split ? parameterOf(sourceCode, split.token) : undefined;
      if (param && param.fn === fn && !param.reassigned) found.add(param.index);
    }
  }
  params = found;
  return params;
}

const libraryVerifications = new WeakMap<Node, ReadonlySet<number>>();

/** Parameters of a function that it hands to a library's verify (`this.verifyLogoutToken(token)` running `jwtVerify(token, jwks, …)`). */
function libraryVerifiedParams(sourceCode: SourceCode, fn: TSESTree.FunctionLike): ReadonlySet<number> {
  let params = libraryVerifications.get(fn);
  if (params) return params;
  const found = new Set<number>();
  libraryVerifications.set(fn, found);
  for (const op of jwtFacts(sourceCode).operations) {
    if (op.kind !== 'verify' || op.inner) continue;
    const param = parameterOf(sourceCode, op.token);
    if (param && param.fn === fn && !param.reassigned) found.add(param.index);
  }
  params = found;
  return params;
}

/** The option that names a claim, if the library has one. */
export function claimOption(sourceCode: SourceCode, op: JwtOperation, claim: Claim): PropertyLookup | undefined {
  const path = claim === 'aud' ? op.spec.audience : claim === 'iss' ? op.spec.issuer : op.spec.nonce;
  if (!path) return undefined;
  return getPath(sourceCode, op.options, path);
}

/**
 * Claims compared by hand in the function of the operation, its callers (for verify helpers)
 * or the file (module level) — or by a helper of another project module called in that
 * function (`assertNonce(claims, expected)` from '../auth/id-token').
 */
export function claimComparedByHand(sourceCode: SourceCode, facts: JwtFacts, op: Pick<JwtOperation, 'scope'>, claim: Claim): boolean {
  const scopes: FunctionNode[] = [op.scope];
  if (op.scope.type !== AST_NODE_TYPES.Program) {
    for (const call of facts.callers.get(op.scope) ?? []) scopes.push(enclosingFunctionOrProgram(call));
  }
  if (scopes.some((scope) => facts.claimChecks.get(scope)?.has(claim) ?? false)) return true;
  return op.scope.type !== AST_NODE_TYPES.Program && claimComparedByImportedHelper(sourceCode, op.scope, claim);
}

// Names of helpers that may compare a claim: only these calls are followed into other modules.
const CLAIM_HELPER_NAME = /nonce|claim|assert|check|verif|valid|equal|compare|ensure|expect/i;

function claimComparedByImportedHelper(sourceCode: SourceCode, scope: TSESTree.FunctionLike, claim: Claim): boolean {
  if (!fileFacts(sourceCode).importsProjectModules) return false;
  for (const node of descendants(scope)) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) continue;
    const callee = skipWrappers(node.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? memberName(sourceCode, callee)
          : undefined;
    if (name === undefined || !CLAIM_HELPER_NAME.test(name)) continue;
    const helper = guarded(() => calledFunction(sourceCode, callee), undefined);
    if (helper?.imported && jwtFacts(helper.sourceCode).claimChecks.get(helper.fn)?.has(claim)) return true;
  }
  return false;
}

/**
 * Whether the claim is checked: the option is set (or unknown — silent), or the code
 * compares it by hand. `unknown` means the options could not be read.
 */
export function claimStatus(sourceCode: SourceCode, facts: JwtFacts, op: JwtOperation, claim: Claim): 'checked' | 'missing' | 'unknown' {
  const option = claimOption(sourceCode, op, claim);
  // An audience the request names (`audience: new URL(req.headers.origin).origin`) is whatever the sender wants.
  if (claim === 'aud' && audienceFromRequest(sourceCode, op, option)) return 'missing';
  // `audience: ''` / `issuer: []` (a placeholder): jsonwebtoken and express-jwt skip a falsy expectation.
  if (option?.status === 'present' && !isEmptyExpectation(sourceCode, option.value)) return 'checked';
  if (claimComparedByHand(sourceCode, facts, op, claim)) return 'checked';
  if (op.inner && op.innerSourceCode) {
    if (checkedInHelper(op.innerSourceCode, op.inner, claim)) return 'checked';
  } else if (op.inner && claimStatus(sourceCode, facts, op.inner, claim) === 'checked') return 'checked';
  // Options passed but not readable (a parameter, an unknown spread): silent.
  if (option?.status === 'unknown' && op.options !== undefined) return 'unknown';
  return 'missing';
}

/**
 * Where a missing claim check is reported: at an option written empty (`audience: ''`, the
 * placeholder to fill in), otherwise at the verification.
 */
export function missingClaimCheckNode(sourceCode: SourceCode, op: JwtOperation, claim: 'aud' | 'iss'): Node {
  const option = claimOption(sourceCode, op, claim);
  return option?.status === 'present' && isEmptyExpectation(sourceCode, option.value) ? option.value : op.node;
}

/** An expected claim value that expects nothing: `''`, `[]`. */
function isEmptyExpectation(sourceCode: SourceCode, value: Node): boolean {
  const definition = skipWrappers(definitionOf(sourceCode, value));
  if (definition.type === AST_NODE_TYPES.ArrayExpression) return definition.elements.length === 0;
  return stringValue(sourceCode, definition) === '';
}

/**
 * The expected audience comes from the incoming request: written so in the options, or handed
 * by this call to the parameter a helper puts in its options (`verifyJwt(token, audience)` with
 * `audience = new URL(req.headers.origin).origin`).
 */
export function audienceChosenByRequest(sourceCode: SourceCode, op: JwtOperation): boolean {
  return audienceFromRequest(sourceCode, op, claimOption(sourceCode, op, 'aud')) || optionsFromRequest(sourceCode, op.options);
}

function audienceFromRequest(sourceCode: SourceCode, op: JwtOperation, option: PropertyLookup | undefined): boolean {
  const inner = op.inner;
  if (!inner) return option?.status === 'present' && chosenByRequest(sourceCode, option.value, 0);
  if (op.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const helperSource = op.innerSourceCode ?? sourceCode;
  const innerOption = claimOption(helperSource, inner, 'aud');
  if (innerOption?.status !== 'present') return false;
  const param = parameterOf(helperSource, innerOption.value);
  const argument = param && !param.reassigned ? op.node.arguments[param.index] : undefined;
  return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && chosenByRequest(sourceCode, argument, 0);
}

/** How many steps (bindings, members, URL constructions) a value is followed back to the request. */
const CHOSEN_BY_REQUEST_DEPTH = 8;

/** `null`, `undefined`: the empty start of a value made later. */
function isNullish(node: Node): boolean {
  const inner = skipWrappers(node);
  return (
    (inner.type === AST_NODE_TYPES.Literal && inner.value === null) ||
    (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined')
  );
}

/** Request headers a client sets at will. */
const CLIENT_SET_HEADERS = new Set(['origin', 'referer', 'referrer', 'host', 'x-forwarded-host']);

/**
 * A value the sender of the request chooses: request input (query, body, params, cookies), a
 * client-set header (`req.headers.origin`, `req.get('referer')`), or a URL, a fallback or a
 * const made of one.
 */
function chosenByRequest(sourceCode: SourceCode, node: Node, depth: number): boolean {
  if (depth > CHOSEN_BY_REQUEST_DEPTH) return false;
  const inner = skipWrappers(node);
  if (requestInput(sourceCode, inner)) return true;
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const value = skipWrappers(definitionOf(sourceCode, inner));
      return value !== inner && chosenByRequest(sourceCode, value, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(sourceCode, inner)?.toLowerCase();
      const object = skipWrappers(inner.object);
      // `req.headers.origin`, `req.headers['referer']`.
      if (name !== undefined && CLIENT_SET_HEADERS.has(name) && object.type === AST_NODE_TYPES.MemberExpression) {
        const root = skipWrappers(object.object);
        if (memberName(sourceCode, object) === 'headers' && root.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(root.name))
          return true;
      }
      // `new URL(…).origin`, `url.host`: a part of a URL the request names.
      return (
        (name === 'origin' || name === 'host' || name === 'hostname' || name === 'href') && chosenByRequest(sourceCode, object, depth + 1)
      );
    }
    case AST_NODE_TYPES.LogicalExpression:
      return chosenByRequest(sourceCode, inner.left, depth + 1) || chosenByRequest(sourceCode, inner.right, depth + 1);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = skipWrappers(inner.callee);
      const first = inner.arguments[0];
      // `req.get('origin')`, `req.header('Referer')`, `request.headers.get('origin')`.
      if (callee.type === AST_NODE_TYPES.MemberExpression && first && first.type !== AST_NODE_TYPES.SpreadElement) {
        const method = memberName(sourceCode, callee);
        const header = stringValue(sourceCode, first)?.toLowerCase();
        if ((method === 'get' || method === 'header') && header !== undefined && CLIENT_SET_HEADERS.has(header)) {
          let root = skipWrappers(callee.object);
          while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
          return root.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(root.name);
        }
      }
      // `new URL(req.headers.origin)`.
      return (
        inner.type === AST_NODE_TYPES.NewExpression &&
        callee.type === AST_NODE_TYPES.Identifier &&
        callee.name === 'URL' &&
        first !== undefined &&
        first.type !== AST_NODE_TYPES.SpreadElement &&
        chosenByRequest(sourceCode, first, depth + 1)
      );
    }
    default:
      return false;
  }
}

/**
 * The claim is checked inside a helper of another module: by its options or by hand in the
 * helper's own body (not by its other callers there, which are not this call).
 */
function checkedInHelper(sourceCode: SourceCode, op: JwtOperation, claim: Claim): boolean {
  if (claimOption(sourceCode, op, claim)?.status === 'present') return true;
  const fn = helperOf(sourceCode, op) ?? op.scope;
  if (jwtFacts(sourceCode).claimChecks.get(fn)?.has(claim)) return true;
  return op.inner !== undefined && checkedInHelper(op.innerSourceCode ?? sourceCode, op.inner, claim);
}

/** Is the verified token an external issuer's (remote key, or an ID token)? */
export function isExternalIssuerToken(sourceCode: SourceCode, op: JwtOperation): boolean {
  if (op.spec.idToken || op.keySource === 'remote') return true;
  if (tokenOf(sourceCode, op.token)?.kind === 'id') return true;
  // A nonce option only exists for ID tokens.
  const nonce = op.spec.nonce ? getPath(sourceCode, op.options, op.spec.nonce) : undefined;
  return nonce?.status === 'present';
}

/**
 * Verifications of an external issuer's token that neither name the claim in their options
 * nor compare it by hand: the shared core of require-audience-check / require-issuer-check.
 * google-auth-library `verifyIdToken` needs `audience` whatever the code compares, and
 * checks the issuer itself.
 */
export function missingClaimChecks(sourceCode: SourceCode, claim: 'aud' | 'iss'): JwtOperation[] {
  const facts = jwtFacts(sourceCode);
  const missing: JwtOperation[] = [];
  for (const op of facts.operations) {
    if (op.kind !== 'verify' && op.kind !== 'config') continue;
    // A helper's call is judged inside the helper, unless the caller's options are the ones used
    // or the caller hands it an audience the request chose.
    if (op.inner && !op.forwarded && !(claim === 'aud' && audienceFromRequest(sourceCode, op, undefined))) continue;
    if (claim === 'iss' && op.spec.checksIssuer) continue;
    if (op.spec.idToken && claim === 'aud') {
      const audience = claimOption(sourceCode, op, 'aud');
      if (audience?.status === 'absent' || optionsFromRequest(sourceCode, op.options) || audienceFromRequest(sourceCode, op, audience))
        missing.push(op);
      continue;
    }
    if (!isExternalIssuerToken(sourceCode, op)) continue;
    if (claimStatus(sourceCode, facts, op, claim) === 'missing') missing.push(op);
  }
  return missing;
}

/**
 * Verify options taken whole from the incoming request (`client.verifyIdToken(req.body)`, a
 * route handler's `body` parameter): whoever sends the token also chooses the audience, or
 * leaves it out.
 */
function optionsFromRequest(sourceCode: SourceCode, options: Node | undefined): boolean {
  if (!options) return false;
  const inner = skipWrappers(options);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return false;
  if (requestInput(sourceCode, inner)) return true;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const root = skipWrappers(inner.object);
    return memberName(sourceCode, inner) === 'body' && root.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(root.name);
  }
  return inner.type === AST_NODE_TYPES.Identifier && isRouteBodyParameter(sourceCode, inner);
}

/** `service.post('login', (body) => …)`: the `body` parameter of a route handler is the request's body. */
function isRouteBodyParameter(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  if (identifier.name !== 'body') return false;
  const param = parameterOf(sourceCode, identifier);
  if (!param || param.reassigned) return false;
  const call = param.fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.at(-1) !== param.fn) return false;
  const callee = skipWrappers(call.callee);
  const route = call.arguments[0];
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    ROUTE_METHODS.has(memberName(sourceCode, callee) ?? '') &&
    route !== undefined &&
    route !== param.fn &&
    stringValue(sourceCode, route) !== undefined
  );
}

// ---------------------------------------------------------------------------------------
// Per-request code

const HANDLER_NAME = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|middleware|handler|handle|authorizer|getKey|getSigningKey)$/;
const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'route',
  'handle',
  'on',
  'addHook',
  'createServer',
]);

/** A function that runs for every request or every verification: a route handler, middleware, a `getKey` resolver, a function that verifies a token. */
export function isPerRequestFunction(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  const first = fn.params[0];
  if (first?.type === AST_NODE_TYPES.Identifier && (REQUEST_OBJECT_NAMES.has(first.name) || first.name === 'header')) return true;
  if (
    first?.type === AST_NODE_TYPES.ObjectPattern &&
    first.properties.some((p) => p.type === AST_NODE_TYPES.Property && /^(?:req|request|event)$/.test(propertyKeyName(sourceCode, p) ?? ''))
  )
    return true;
  const name = functionName(fn);
  if (name && HANDLER_NAME.test(name)) return true;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = skipWrappers(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && ROUTE_METHODS.has(memberName(sourceCode, callee) ?? '')) return true;
  }
  return jwtFacts(sourceCode).operations.some((op) => op.kind === 'verify' && !op.inner && op.scope === fn);
}

/** How many helper levels a per-request caller is looked for above a call (`getJWKS()` called by a middleware). */
const PER_REQUEST_CALLER_DEPTH = 2;

/**
 * `node` runs per request: some enclosing function is per-request, or is a helper of this file
 * that a per-request function calls (`const keys = await getJWKS()` in a middleware).
 */
export function runsPerRequest(sourceCode: SourceCode, node: Node, depth = 0): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    if (isPerRequestFunction(sourceCode, current)) return true;
    if (depth < PER_REQUEST_CALLER_DEPTH && isFunctionNode(current)) {
      for (const call of callSitesOf(sourceCode, current)) if (runsPerRequest(sourceCode, call, depth + 1)) return true;
    }
  }
  return false;
}

/**
 * The value of `expression` is kept beyond the call: assigned to a variable declared
 * outside the function, to a property (`this.jwks = …`, `cache.keys = …`), put in a map
 * (`cache.set(k, …)`), or the function memoises in some other way we can see.
 */
export function isCachedBeyondCall(sourceCode: SourceCode, expression: Node): boolean {
  const fn = enclosingFunctionOrProgram(expression);
  let node: Node = expression;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.ChainExpression)
  )
    node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
    return isFunction(fn) ? declaredOutside(sourceCode, fn, parent.left) : true;
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = skipWrappers(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'set')
      return !isFunction(fn) || declaredOutside(sourceCode, fn, callee.object);
  }
  if (parent?.type === AST_NODE_TYPES.ReturnStatement || parent?.type === AST_NODE_TYPES.ArrowFunctionExpression) {
    // A factory returning the key set: whoever calls it decides how long it lives.
    return !isFunction(fn) || !isPerRequestFunction(sourceCode, fn);
  }
  return false;
}

/** The root of `a.b.c` is `this` or a variable declared outside `fn` (a module-level cache). */
function declaredOutside(sourceCode: SourceCode, fn: TSESTree.FunctionLike, expression: Node): boolean {
  let root: Node = skipWrappers(expression);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(sourceCode.getScope(root), root)?.defs[0];
  return def !== undefined && !isAncestorOrSelf(fn, def.name);
}

/** The function writes a variable declared outside it or a property: it keeps a cache. */
export function writesOuterState(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  if (!fn.body) return false;
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      // `cache.keys = …`, `this.jwks = …`, `cachedKeys = …`: the root lives outside the function.
      if (declaredOutside(sourceCode, fn, node.left)) return true;
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(sourceCode, callee) === 'set' &&
        node.arguments.length === 2 &&
        declaredOutside(sourceCode, fn, callee.object)
      )
        return true;
    }
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

/** A URL path of a key set: `/jwks`, `/certs`, `/keys` (Apple's `/auth/keys`, Google's `/oauth2/v3/certs`). */
const KEY_SET_PATH = /jwks|\/certs?(?:$|[/?.])|\/keys(?:$|[/?.])/i;

/**
 * The helper reads a key set: it names a key-set URL, or reads the JWKS document's `keys`
 * member (`JSON.parse(body).keys[0]`, `const { keys } = await res.json()`).
 */
function readsKeySet(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  if (!fn.body) return false;
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && KEY_SET_PATH.test(node.value)) return true;
    if (node.type === AST_NODE_TYPES.TemplateElement && KEY_SET_PATH.test(node.value.raw)) return true;
    if (node.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, node) === 'keys') {
      const object = skipWrappers(node.object);
      // `Object.keys(x)` is not a JWKS read.
      if (!(object.type === AST_NODE_TYPES.Identifier && object.name === 'Object')) return true;
    }
    if (
      node.type === AST_NODE_TYPES.Property &&
      node.parent.type === AST_NODE_TYPES.ObjectPattern &&
      propertyKeyName(sourceCode, node) === 'keys'
    )
      return true;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

function httpCallsIn(sourceCode: SourceCode, fn: TSESTree.FunctionLike): CallLike[] {
  const calls: CallLike[] = [];
  if (!fn.body) return calls;
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && isHttpCall(sourceCode, node))
      calls.push(node);
    if (isFunction(node)) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
  return calls;
}

/** Steps from a key back to the request it was read from (response, body, key list, key, PEM: about ten). */
const KEY_FETCH_MAX_DEPTH = 16;

/**
 * HTTP requests of the verifying function itself whose response the key is built from
 * (`const { keys } = await (await fetch(jwksUri)).json(); … verify(token, keyOf(keys))`),
 * following local variables, calls on and of the value, and object literals. Helpers are
 * left to `uncachedKeyFetches`.
 */
function keyFetchesIn(sourceCode: SourceCode, key: Node, scope: TSESTree.FunctionLike): CallLike[] {
  const found: CallLike[] = [];
  const seen = new Set<Node>();
  const visit = (node: Node, depth: number): void => {
    if (depth > KEY_FETCH_MAX_DEPTH || seen.has(node)) return;
    seen.add(node);
    const value = skipWrappers(node);
    switch (value.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return visit(value.argument, depth + 1);
      case AST_NODE_TYPES.Identifier: {
        // `const response = await fetch(uri)`, `const { keys } = await response.json()`: declared in the function.
        const def = findVariable(sourceCode.getScope(value), value)?.defs[0];
        if (def?.type === 'Variable' && def.node.init && isAncestorOrSelf(scope, def.node)) visit(def.node.init, depth + 1);
        return;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (isHttpCall(sourceCode, value)) {
          found.push(value);
          return;
        }
        if (localFunction(sourceCode, value.callee)) return;
        const callee = skipWrappers(value.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) visit(callee.object, depth + 1);
        for (const arg of value.arguments) if (!isFunction(arg)) visit(arg, depth + 1);
        return;
      }
      case AST_NODE_TYPES.MemberExpression:
        return visit(value.object, depth + 1);
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of value.properties)
          visit(property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value, depth + 1);
        return;
      default:
        return;
    }
  };
  visit(key, 0);
  return found;
}

/**
 * HTTP requests that fetch the verification key anew for every token: the key of a verify
 * is fetched by the verifying function itself, or comes from a helper of the file (`const key = await getApplePublicKey()`) that requests the
 * issuer's key set with a plain HTTP client and keeps nothing between calls, and the function
 * that verifies keeps nothing either. The shape of hand-written Sign in with Apple / Google
 * verifiers; `createRemoteJWKSet` and jwks-rsa cache for you.
 */
export function uncachedKeyFetches(sourceCode: SourceCode): CallLike[] {
  return fileFacts(sourceCode).memo('jwt:uncached-key-fetches', () => {
    const found = new Set<CallLike>();
    for (const op of jwtFacts(sourceCode).operations) {
      if (op.inner || op.kind !== 'verify' || !op.key || op.scope.type === AST_NODE_TYPES.Program) continue;
      if (writesOuterState(sourceCode, op.scope)) continue;
      const seen = new Set<Node>();
      const visit = (node: Node, depth: number): void => {
        if (depth > MAX_DEPTH || seen.has(node)) return;
        seen.add(node);
        const value = skipWrappers(node);
        if (value.type === AST_NODE_TYPES.AwaitExpression) return visit(value.argument, depth + 1);
        if (value.type === AST_NODE_TYPES.Identifier) {
          const definition = definitionOf(sourceCode, value);
          if (definition !== value) visit(definition, depth + 1);
          return;
        }
        if (value.type !== AST_NODE_TYPES.CallExpression) return;
        const helper = localFunction(sourceCode, value.callee);
        if (!helper || writesOuterState(sourceCode, helper) || !readsKeySet(sourceCode, helper)) return;
        for (const call of httpCallsIn(sourceCode, helper)) if (!isCachedBeyondCall(sourceCode, call)) found.add(call);
      };
      visit(op.key, 0);
      for (const call of keyFetchesIn(sourceCode, op.key, op.scope)) if (!isCachedBeyondCall(sourceCode, call)) found.add(call);
    }
    return [...found];
  });
}
