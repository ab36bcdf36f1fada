/**
 * Token requests: every place a file asks a token endpoint for tokens, with the grant type
 * and the parameters it sends.
 *
 *   fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, … }) })
 *   axios.post(url, qs.stringify({ grant_type: 'refresh_token', refresh_token })), got.post(url, { form: {...} }),
 *   ky.post(url, { body }), superagent.post(url).type('form').send({...}), a body string `grant_type=…&…`
 *   client.callback(...) / authorizationCodeGrant(...) / authorizationCodeGrantRequest(...)   openid-client, oauth4webapi
 *   new AuthorizationCode(cfg).getToken({...}) / oauth2Client.getToken(code) / cca.acquireTokenByCode({...})
 *
 * HTTP requests are found from the body: any construction whose parameters include
 * `grant_type` is a token request, sent by the call it flows into (whatever the HTTP client,
 * which keeps this independent of how the client was wrapped). `tokenRequests(sourceCode)`
 * is computed once per file.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, enclosingFunction } from './ast';
import { EXCHANGE_CALLS, TOKEN_PARAM_ALIASES, type ExchangeCall } from '../knowledge/oauth-libraries';
import { modulesOfPatterns } from '../knowledge/patterns';
import { lookupCall } from './authorization';
import { fileFacts } from './file-facts';
import { calleeOrigin, callbackReceiver, localFunction, memberName, originOf, propertyKeyName, skipWrappers } from './modules';
import { classifyToken } from './tokens';
import { projectOrigin } from './functions';
import {
  ABSENT_PARAM,
  fileNodes,
  isAssertionOrComparison,
  isHttpParamsLink,
  isParamsConstruction,
  isStringifyCall,
  param,
  paramsOf,
  UNKNOWN_PARAM,
  type Param,
  type ParamList,
  type ParamState,
} from './urls';
import { definitionOf, getProperty, objectLiteral, stringValue, tailName } from './values';
import { guarded } from './guard';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export interface TokenRequest {
  /** Where a missing parameter is reported: the HTTP call or the library call (the body construction when no call is seen). */
  readonly node: Node;
  /** 'http' for hand-built requests, else the library. */
  readonly library: string;
  /** The grant type sent; undefined when unknown. */
  readonly grantType: string | undefined;
  /** Where the grant type was written, when it was. */
  readonly grantTypeNode: Node | undefined;
  /** Parameters sent, under their OAuth names (`codeVerifier` → `code_verifier`). */
  readonly params: ParamList | undefined;
  /** The body / params construction, for HTTP requests. */
  readonly body: Node | undefined;
  /** The PKCE code verifier sent with an authorization_code exchange. */
  readonly codeVerifier: ParamState;
  /** Library call knowledge, for library exchange calls. */
  readonly exchange: ExchangeCall | undefined;
  /** The library call's checks argument (expected state, nonce …), when it has one. */
  readonly checks: Node | undefined;
}

export const TOKEN_REQUEST_HINT = /grant_?type|getToken|callback|Grant|acquireTokenBy|client_?secret|client_?id/i;

/** What a hand-built token request must write: a grant type, or the client's id or secret next to the code. */
const HAND_BUILT_TOKEN_REQUEST_HINT = /grant_?type|client_?id|client_?secret/i;

/** The libraries of the exchange table: only files importing one can call it. */
export const EXCHANGE_MODULES = modulesOfPatterns(EXCHANGE_CALLS.keys());

function normalised(list: ParamList | undefined): ParamList | undefined {
  if (!list) return undefined;
  return {
    ...list,
    params: list.params.map((entry): Param =>
      TOKEN_PARAM_ALIASES[entry.name] ? { ...entry, name: TOKEN_PARAM_ALIASES[entry.name] } : entry,
    ),
  };
}

/** Wrappers a body passes through on its way into the HTTP call. */
function isPassThroughCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (isStringifyCall(sourceCode, call)) return true;
  const origin = originOf(sourceCode, call.callee);
  const name = origin?.module === '<global>' ? origin.path.join('.') : undefined;
  return name === 'JSON.stringify' || name === 'String' || name === 'encodeURIComponent';
}

/** Reads of a variable that pass its value on (not `.set()` mutations or property reads). */
function valueReads(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): Node[] {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariable(sourceCode.getScope(declarator.id), declarator.id);
  if (!variable) return [];
  const reads: Node[] = [];
  for (const reference of variable.references) {
    if (reference.init || !reference.isRead()) continue;
    const identifier = reference.identifier as Node;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      // `body.toString()` passes the value on; `body.set(…)` / `body.code` do not.
      const name = memberName(sourceCode, parent);
      if (name === 'toString' && parent.parent?.type === AST_NODE_TYPES.CallExpression) reads.push(parent.parent);
      continue;
    }
    reads.push(identifier);
  }
  return reads;
}

/** The call that sends what a local helper returns, at any of the helper's call sites. */
function helperResultConsumer(
  sourceCode: SourceCode,
  fn: TSESTree.FunctionLike,
  depth: number,
): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  for (const call of fileFacts(sourceCode).nodesOfType(AST_NODE_TYPES.CallExpression)) {
    if (localFunction(sourceCode, skipWrappers(call.callee)) !== fn) continue;
    const consumer = consumingCall(sourceCode, call, depth + 1);
    if (consumer) return consumer;
  }
  return undefined;
}

/** The call a body construction is sent with: `fetch(url, { body })`, `axios.post(url, data)` … */
function consumingCall(sourceCode: SourceCode, start: Node, depth = 0): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let current: Node = start;
  for (let steps = 0; steps < 12; steps++) {
    const parent = current.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.Property:
        if (parent.value !== current || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        current = parent.parent;
        continue;
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === current) {
          // `params.toString()`.
          return undefined;
        }
        if (isPassThroughCall(sourceCode, parent)) {
          current = parent;
          continue;
        }
        return isAssertionOrComparison(parent) ? undefined : parent;
      case AST_NODE_TYPES.NewExpression:
        if (isParamsConstruction(sourceCode, parent)) {
          current = parent;
          continue;
        }
        return parent.callee === current ? undefined : parent;
      case AST_NODE_TYPES.MemberExpression:
        if (
          parent.object === current &&
          memberName(sourceCode, parent) === 'toString' &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression
        ) {
          current = parent.parent;
          continue;
        }
        // `new HttpParams().set(…).set(…)`: each link returns the parameters with one more.
        if (
          parent.object === current &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent &&
          isHttpParamsLink(sourceCode, parent.parent)
        ) {
          current = parent.parent;
          continue;
        }
        return undefined;
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return undefined;
        current = parent;
        continue;
      // A body built in a helper (`function tokenParams(code) { …; return params; }`) is sent
      // wherever the helper's result is.
      case AST_NODE_TYPES.ReturnStatement: {
        const fn = enclosingFunction(parent);
        return fn && depth <= 3 ? helperResultConsumer(sourceCode, fn, depth) : undefined;
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === current && depth <= 3 ? helperResultConsumer(sourceCode, parent, depth) : undefined;
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== current || depth > 3) return undefined;
        for (const read of valueReads(sourceCode, parent)) {
          const call = consumingCall(sourceCode, read, depth + 1);
          if (call) return call;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

function grantTypeOf(list: ParamList | undefined): { value: string | undefined; node: Node | undefined } {
  const found = param(list, 'grant_type');
  if (found.state !== 'present') return { value: undefined, node: undefined };
  // A grant type read from configuration, sent with the code and its redirect_uri: only the code grant sends them.
  const inferred = sendsCodeWithRedirect(list) ? 'authorization_code' : undefined;
  return { value: found.value ?? codeGrantBranch(found.valueNode) ?? inferred, node: found.reportNode };
}

function sendsCodeWithRedirect(list: ParamList | undefined): boolean {
  return param(list, 'code').state === 'present' && param(list, 'redirect_uri').state === 'present';
}

/**
 * `grant_type: options.code ? 'authorization_code' : 'refresh_token'`: one function for both
 * grants, which exchanges a code whenever it is given one.
 */
function codeGrantBranch(value: Node): string | undefined {
  const inner = skipWrappers(value);
  if (inner.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
  const branches = [skipWrappers(inner.consequent), skipWrappers(inner.alternate)];
  return branches.some((branch) => branch.type === AST_NODE_TYPES.Literal && branch.value === 'authorization_code')
    ? 'authorization_code'
    : undefined;
}

/** The code verifier a library exchange call passes, per the table. */
function libraryVerifier(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  exchange: ExchangeCall,
): ParamState {
  const spec = exchange.verifier;
  if (!spec) return UNKNOWN_PARAM;
  if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return UNKNOWN_PARAM;
  if (spec.positional) {
    // oauth4webapi v3 takes it 6th, v2 5th: the last argument of a full call.
    if (call.arguments.length < spec.arg) return call.arguments.length < spec.arg - 1 ? ABSENT_PARAM : UNKNOWN_PARAM;
    const arg = call.arguments[call.arguments.length - 1];
    return { state: 'present', value: stringValue(sourceCode, arg), valueNode: arg, reportNode: arg };
  }
  const arg = call.arguments[spec.arg];
  if (!arg) return ABSENT_PARAM;
  const object = objectLiteral(sourceCode, arg);
  if (!object) {
    // google-auth-library `getToken(code)`: a plain code, no verifier.
    if (exchange.codeStringArg === spec.arg && isCodeValue(sourceCode, arg)) return ABSENT_PARAM;
    return UNKNOWN_PARAM;
  }
  const found = getProperty(sourceCode, object, spec.key ?? 'code_verifier');
  if (found.status === 'present')
    return { state: 'present', value: stringValue(sourceCode, found.value), valueNode: found.value, reportNode: found.property };
  if (found.status === 'absent') {
    // Either spelling counts.
    const other = getProperty(sourceCode, object, spec.key === 'codeVerifier' ? 'code_verifier' : 'codeVerifier');
    if (other.status === 'present')
      return { state: 'present', value: stringValue(sourceCode, other.value), valueNode: other.value, reportNode: other.property };
    if (other.status === 'unknown' || !spec.extraParamsKey) return other.status === 'unknown' ? UNKNOWN_PARAM : ABSENT_PARAM;
    // Extra parameters sent as they are (expo-auth-session `extraParams: { code_verifier }`).
    const extra = getProperty(sourceCode, object, spec.extraParamsKey);
    if (extra.status === 'absent') return ABSENT_PARAM;
    const nested = extra.status === 'present' ? objectLiteral(sourceCode, extra.value) : undefined;
    const inExtra = nested ? getProperty(sourceCode, nested, 'code_verifier') : undefined;
    if (inExtra?.status === 'present')
      return { state: 'present', value: stringValue(sourceCode, inExtra.value), valueNode: inExtra.value, reportNode: inExtra.property };
    return inExtra?.status === 'absent' ? ABSENT_PARAM : UNKNOWN_PARAM;
  }
  return UNKNOWN_PARAM;
}

function isCodeValue(sourceCode: SourceCode, node: Node): boolean {
  const definition = definitionOf(sourceCode, node);
  if (definition.type === AST_NODE_TYPES.Literal || definition.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (classifyToken(sourceCode, node)?.kind === 'code') return true;
  const name = tailName(sourceCode, node);
  return name !== undefined && /^(?:code|authCode|authorizationCode|auth_code)$/i.test(name);
}

/** Keys under which a library's exchange result holds the token response (`{ tokens }`, `.token`). */
const TOKENS_KEYS: ReadonlySet<string> = new Set(
  [...EXCHANGE_CALLS.values()].map((call) => call.tokensKey).filter((key): key is string => key !== undefined),
);

/** Method names of the exchange calls: only these calls are worth following into another module. */
const EXCHANGE_METHODS: ReadonlySet<string> = new Set(
  [...EXCHANGE_CALLS.keys()].map((pattern) => pattern.slice(pattern.lastIndexOf('.') + 1)),
);

/** A library exchange called on a client another module of the project made and exports (`spotify.authorizationCodeGrant(code)`). */
function projectExchange(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): ExchangeCall | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !EXCHANGE_METHODS.has(memberName(sourceCode, callee) ?? '')) return undefined;
  return lookupCall(projectOrigin(sourceCode, callee), EXCHANGE_CALLS);
}

function computeTokenRequests(sourceCode: SourceCode): TokenRequest[] {
  const requests: TokenRequest[] = [];
  const nodes = fileNodes(sourceCode);
  const libraryCalls = new Set<Node>();
  const covered = new Set<Node>();

  const facts = fileFacts(sourceCode);
  // A library exchange needs the library imported here (origins are resolved in the file);
  // a hand-built request needs its parameter names written here.
  // A client made in another module of the project is followed for exchange method names only.
  const libraryCallsPossible = facts.importsAny(EXCHANGE_MODULES);
  const projectClientsPossible = facts.importsProjectModules;
  const handBuiltPossible = facts.mentions(HAND_BUILT_TOKEN_REQUEST_HINT);
  for (const call of libraryCallsPossible || projectClientsPossible ? [...nodes.calls, ...nodes.news] : []) {
    const origin = libraryCallsPossible ? calleeOrigin(sourceCode, call) : undefined;
    const exchange =
      (origin && lookupCall(origin, EXCHANGE_CALLS)) ?? (projectClientsPossible ? projectExchange(sourceCode, call) : undefined);
    if (!exchange || isAssertionOrComparison(call)) continue;
    libraryCalls.add(call);
    const paramsArg = exchange.paramsArg !== undefined ? call.arguments[exchange.paramsArg] : undefined;
    const params = paramsArg ? normalised(paramsOf(sourceCode, paramsArg)) : undefined;
    if (params) for (const node of [params.node, ...params.includes]) covered.add(node);
    let grantType: { value: string | undefined; node: Node | undefined } = { value: exchange.grantType, node: undefined };
    if (exchange.grantTypeArg !== undefined) {
      const arg = call.arguments[exchange.grantTypeArg];
      grantType = { value: arg ? stringValue(sourceCode, arg) : undefined, node: arg };
    } else if (!exchange.grantType) {
      grantType = grantTypeOf(params);
    }
    const checks = exchange.checksArg !== undefined ? call.arguments[exchange.checksArg] : undefined;
    requests.push({
      node: call,
      library: exchange.library,
      grantType: grantType.value,
      grantTypeNode: grantType.node,
      params,
      body: paramsArg,
      codeVerifier: exchange.verifier
        ? libraryVerifier(sourceCode, call, exchange)
        : params
          ? param(params, 'code_verifier')
          : UNKNOWN_PARAM,
      exchange,
      checks: checks && checks.type !== AST_NODE_TYPES.SpreadElement ? checks : undefined,
    });
  }

  // Hand-built requests: constructions that send a grant_type.
  const candidates: Node[] = !handBuiltPossible
    ? []
    : [
        ...nodes.news.filter((node) => isParamsConstruction(sourceCode, node)),
        ...nodes.calls.filter((node) => isStringifyCall(sourceCode, node) || isParamsConstruction(sourceCode, node)),
        ...nodes.objects,
        ...nodes.strings,
      ];
  const found: { list: ParamList; node: Node; inferred: boolean; needsCall: boolean }[] = [];
  for (const candidate of candidates) {
    if (covered.has(candidate) || isAssertionOrComparison(candidate)) continue;
    const raw = paramsOf(sourceCode, candidate);
    // Detection reads the standard names, so camelCase bodies (`{ grantType, clientSecret, redirectUri }`) count too.
    const list = normalised(raw);
    if (!raw || !list) continue;
    if (param(list, 'grant_type').state === 'present') {
      // Only the wire name marks a request by itself; a camelCase `grantType` may be a settings
      // object, so it counts when a call consumes it — and, for a code grant, when it carries
      // the code (`validateClient({ clientId, redirectUri, grantType: 'authorization_code' })` does not).
      const camelCaseOnly = param(raw, 'grant_type').state !== 'present';
      if (camelCaseOnly && grantTypeOf(list).value === 'authorization_code' && param(list, 'code').state === 'absent') continue;
      // A grant type known only from the code sent with it (read from configuration) counts when the construction is sent.
      const written = param(list, 'grant_type');
      const grantTypeRead =
        written.state === 'present' && written.value === undefined && !codeGrantBranch(written.valueNode) && sendsCodeWithRedirect(list);
      found.push({ list, node: candidate, inferred: false, needsCall: camelCaseOnly || grantTypeRead });
    } else if (looksLikeCodeExchange(sourceCode, list, candidate)) found.push({ list, node: candidate, inferred: true, needsCall: true });
  }
  const included = new Set<Node>();
  for (const { list } of found) for (const node of list.includes) included.add(node);
  const seenCalls = new Set<Node>();
  for (const { list, node, inferred, needsCall } of found) {
    if (included.has(node)) continue;
    const call = consumingCall(sourceCode, node);
    if (needsCall && !call) continue;
    if (call && libraryCalls.has(call)) continue;
    if (call && seenCalls.has(call)) continue;
    if (call) seenCalls.add(call);
    const params = normalised(list);
    const grantType = inferred ? { value: 'authorization_code', node: undefined } : grantTypeOf(params);
    requests.push({
      node: call ?? node,
      library: 'http',
      grantType: grantType.value,
      grantTypeNode: grantType.node,
      params,
      body: node,
      codeVerifier: param(params, 'code_verifier'),
      exchange: undefined,
      checks: undefined,
    });
  }
  // In source order, so reports and callers see them as written.
  return requests.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * A body without `grant_type` that still redeems a code: GitHub's and Facebook's token
 * endpoints take `{ client_id, client_secret, code }`. Needs `code` and `client_id` plus a
 * client secret or code verifier, or a redirect_uri when the call's URL names a token endpoint
 * (an authorization server storing `{ code, client_id, redirect_uri }` is not a request).
 */
function looksLikeCodeExchange(sourceCode: SourceCode, list: ParamList, node: Node): boolean {
  if (list.kind === 'string' && list.hasQuery === false && list.params.length === 0) return false;
  const has = (name: string): boolean => param(list, name).state === 'present';
  if (!has('code') || !has('client_id')) return false;
  if (has('client_secret') || has('code_verifier')) return true;
  if (!has('redirect_uri')) return false;
  const call = consumingCall(sourceCode, node);
  const url = call?.arguments[0];
  const text = url && url.type !== AST_NODE_TYPES.SpreadElement ? (stringValue(sourceCode, url) ?? sourceCode.getText(url)) : '';
  return /token/i.test(text);
}

/** Every token request the file sends (memoized per file). */
export function tokenRequests(sourceCode: SourceCode): readonly TokenRequest[] {
  return fileFacts(sourceCode).memo('token-requests:requests', () => {
    const facts = fileFacts(sourceCode);
    // A library's exchange method may be named nothing like a token request (apple-auth `accessToken(code)`).
    if (!facts.mentions(TOKEN_REQUEST_HINT) && !facts.importsAny(EXCHANGE_MODULES)) return [];
    return guarded(() => computeTokenRequests(sourceCode), []);
  });
}

/** Methods whose callback receives what the promise or observable they are called on delivers. */
const DELIVERING_METHODS: ReadonlySet<string> = new Set(['then', 'map', 'subscribe', 'tap']);

/**
 * The token request whose whole response an expression holds: `await res.json()` of a
 * `fetch` that sent a `grant_type`, axios's `res.data` / `const { data } = await axios.post(…)`,
 * `fetch(…).then((r) => r.json())`, through variables. A property read of the response
 * (`data.expires_in`) is not the response. Undefined when the value is anything else.
 */
export function tokenResponseOf(sourceCode: SourceCode, node: Node | undefined, depth = 0): TokenRequest | undefined {
  if (!node || depth > 8) return undefined;
  const value = skipWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return tokenResponseOf(sourceCode, value.argument, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const definition = definitionOf(sourceCode, value);
      if (definition !== value) return tokenResponseOf(sourceCode, definition, depth + 1);
      // `const { data } = await axios.post(TOKEN_URL, body)`.
      const def = findVariable(sourceCode.getScope(value), value)?.defs[0];
      if (def?.type === 'Parameter')
        return tokenResponseOf(sourceCode, callbackReceiver(sourceCode, def.node, def.name, DELIVERING_METHODS), depth + 1);
      if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !def.node.init) return undefined;
      const property = def.node.id.properties.find(
        (entry): entry is TSESTree.Property => entry.type === AST_NODE_TYPES.Property && entry.value === def.name,
      );
      const key = property ? propertyKeyName(sourceCode, property) : undefined;
      if (key === 'data') return tokenResponseOf(sourceCode, def.node.init, depth + 1);
      // `const { tokens } = await oauth2Client.getToken(code)`: the library's result holds the response under a key.
      const result = key !== undefined && TOKENS_KEYS.has(key) ? tokenResponseOf(sourceCode, def.node.init, depth + 1) : undefined;
      return result?.exchange?.tokensKey === key ? result : undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(sourceCode, value);
      if (name === 'data') return tokenResponseOf(sourceCode, value.object, depth + 1);
      const result = name !== undefined && TOKENS_KEYS.has(name) ? tokenResponseOf(sourceCode, value.object, depth + 1) : undefined;
      return result?.exchange?.tokensKey === name ? result : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const request = tokenRequests(sourceCode).find((entry) => entry.node === value);
      if (request) return request;
      const callee = skipWrappers(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(sourceCode, callee);
      // `res.json()`, and `.then(…)` of a request whose callback parses the body.
      if ((method === 'json' && value.arguments.length === 0) || method === 'then')
        return tokenResponseOf(sourceCode, callee.object, depth + 1);
      // A schema's `parse` (zod, valibot) or `JSON.parse` of the body: the same response, checked.
      if (method === 'parse' && value.arguments.length === 1) return tokenResponseOf(sourceCode, value.arguments[0], depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}
