/**
 * Authorization callbacks: the handler that receives `code` and `state` from the redirect
 * (Express/Koa/Fastify/Hono/Next.js route handlers, a SPA callback page reading
 * `location.search`) and exchanges the code — and whether the returned `state` is compared
 * to the stored one before that.
 *
 * `callbackOf(sourceCode, exchange)` takes a token request (src/analysis/token-requests.ts)
 * with grant `authorization_code` and answers:
 *  - whether its code comes from the redirect (a request/location read, the request URL given
 *    to openid-client v6, `client.callbackParams(req)`), directly or through one helper
 *    function of the same file;
 *  - whether a state check is visible: a comparison (`===`, `!==`, `timingSafeEqual`) of a
 *    state value, a state helper (`verifyState(req)`), the returned state handed to a lookup
 *    or a verify call, or the library's own check (`checks.state`, `expectedState`);
 *  - whether the route has middleware before the handler (`app.get('/cb', checkState, h)`),
 *    which may check state where the analysis cannot see.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, enclosingFunction, isFunctionNode, type FunctionNode, soleValueDefinition } from './ast';
import { fileFacts } from './file-facts';
import { calledFunction, callSitesOf, parameterIndexOf } from './functions';
import { GLOBAL_MODULE, memberName, originOf, propertyKeyName, returnedExpressions, skipWrappers } from './modules';
import { readsSdkResult, redirectReads, scopesAround } from './redirect-reads';
import { requestInput } from './request-input';
import { tokenRequests, type TokenRequest } from './token-requests';
import { param } from './urls';
import { definitionOf, descendants, getProperty, objectLiteral, stringValue, tailName } from './values';
import { rethrowsAnalysisErrors } from './guard';
import { REQUEST_OBJECT_NAMES } from '../knowledge/requests';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export interface Callback {
  /** The code the exchange sends comes from the redirect (query, form post, location, request URL). */
  readonly fromRedirect: boolean;
  /** The functions that handle the callback: where the code is read and where it is exchanged. */
  readonly functions: readonly FunctionNode[];
  /** A visible state check in those functions (or the library's own check in the exchange call). */
  readonly stateChecked: boolean;
  /** The handler runs after middleware the analysis cannot see into. */
  readonly behindMiddleware: boolean;
  /**
   * Calls that hand the redirect's code to the helper that exchanges it: where a missing
   * check is reported (rules.md, "Across modules and helpers"). Empty when the code is read
   * where it is exchanged.
   */
  readonly handOffs: readonly TSESTree.CallExpression[];
}

const URL_MEMBERS = new Set(['url', 'originalUrl', 'href', 'search', 'query', 'nextUrl']);
const STATE_NAME = /state/i;
// The History API's and UI frameworks' state is not the OAuth state.
const NOT_STATE =
  /readystate|statecode|statusstate|setstate|usestate|getstate|statement|states$|stateless|statemachine|replacestate|pushstate|popstate|historystate|statechange/i;
/** Real estate, not the OAuth state: case-sensitive, so `sameState` and `expectedState` stay states. */
const REAL_ESTATE = /[Ee]state|ESTATE/;

function isNotState(name: string): boolean {
  return NOT_STATE.test(name) || REAL_ESTATE.test(name);
}
/** Calls that decode or reshape the returned state (to read a return path from it): no comparison. */
const STATE_DECODERS = /^(?:atob|btoa|parse|stringify|decodeURIComponent|decodeURI|unescape|from|toString|String)$/;
const CONSTANT_TIME = /timingsafeequal|safecompare|constanttime|securecompare|tsse|timingsafe/i;
const LOGGING_ROOTS = new Set(['console', 'logger', 'log', 'debug', 'Sentry']);

/** `new URL(req.url, base)`, `req.originalUrl`, `c.req.url`, `window.location.href`: the URL the redirect arrived at. */
function isRequestUrl(sourceCode: SourceCode, node: Node, depth = 0): boolean {
  if (depth > 6) return false;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, inner);
    return definition !== inner && isRequestUrl(sourceCode, definition, depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.NewExpression || inner.type === AST_NODE_TYPES.CallExpression) {
    const origin = originOf(sourceCode, inner.callee);
    const name = origin?.module === GLOBAL_MODULE ? origin.path.join('.') : undefined;
    if ((name === 'URL' || name === 'URLSearchParams') && inner.arguments[0])
      return isRequestUrl(sourceCode, inner.arguments[0], depth + 1);
    return false;
  }
  if (inner.type === AST_NODE_TYPES.TemplateLiteral)
    return inner.expressions.some((expression) => isRequestUrl(sourceCode, expression, depth + 1));
  if (inner.type === AST_NODE_TYPES.BinaryExpression)
    return isRequestUrl(sourceCode, inner.left as Node, depth + 1) || isRequestUrl(sourceCode, inner.right, depth + 1);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  const origin = originOf(sourceCode, inner);
  if (origin?.module === GLOBAL_MODULE && /^(?:document\.)?location(?:\.(?:href|search|hash))?$/.test(origin.path.join('.'))) return true;
  let current: Node = inner;
  let last: string | undefined;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    last ??= memberName(sourceCode, current);
    current = skipWrappers(current.object);
  }
  return (
    current.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(current.name) && last !== undefined && URL_MEMBERS.has(last)
  );
}

/** `''`, `null`, `undefined`: what a missing value falls back to. */
function isFallbackLiteral(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null || inner.value === '';
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined';
}

/** `String(x)`, `x.toString()`, `decodeURIComponent(x)`, `x ?? ''`, `${x}`: the same value. */
function unwrapValue(sourceCode: SourceCode, node: Node): Node {
  let current = skipWrappers(node);
  for (let i = 0; i < 8; i++) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(current.callee);
      if (
        callee.type === AST_NODE_TYPES.Identifier &&
        /^(?:String|decodeURIComponent|decodeURI)$/.test(callee.name) &&
        current.arguments[0]
      ) {
        current = skipWrappers(current.arguments[0] as Node);
        continue;
      }
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        /^(?:toString|trim)$/.test(memberName(sourceCode, callee) ?? '') &&
        current.arguments.length === 0
      ) {
        current = skipWrappers(callee.object);
        continue;
      }
    } else if (current.type === AST_NODE_TYPES.Identifier) {
      const definition = definitionOf(sourceCode, current);
      if (definition === current) return current;
      current = skipWrappers(definition);
      continue;
    } else if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator !== '&&') {
      current = skipWrappers(current.left);
      continue;
    } else if (current.type === AST_NODE_TYPES.ConditionalExpression && isFallbackLiteral(current.alternate)) {
      // `code ? code : ''`: the value, or an empty fallback.
      current = skipWrappers(current.consequent);
      continue;
    } else if (
      current.type === AST_NODE_TYPES.TemplateLiteral &&
      current.expressions.length === 1 &&
      current.quasis.every((q) => q.value.cooked === '')
    ) {
      current = skipWrappers(current.expressions[0]);
      continue;
    }
    return current;
  }
  return current;
}

/** Logging methods of any logger (`context.log` of Azure Functions, `fastify.log.info`, `req.log.warn`): they compare nothing. */
const LOGGING_METHODS = /^(?:log|info|warn|error|debug|trace|verbose)$/;

/** Spellings of the authorization code's parameter other than `code` (`auth_code`, `authorizationCode`). */
const AUTHORIZATION_CODE_KEY = /^(?:auth|authori[sz]ation)_?code$/i;

export function isFromRedirect(sourceCode: SourceCode, node: Node): boolean {
  const inner = unwrapValue(sourceCode, node);
  const input = requestInput(sourceCode, inner);
  // Google's popup code model posts the code with XHR (`redirect_uri: 'postmessage'`): no redirect, no state.
  if (input?.part === 'body' && sourceCode.text.includes("'postmessage'")) return false;
  if (input && (input.key === undefined || input.key === 'code' || AUTHORIZATION_CODE_KEY.test(input.key))) return true;
  if (input) return false;
  const definition = definitionOf(sourceCode, inner);
  if (definition.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(definition.callee);
    // openid-client v5 `client.callbackParams(req)`.
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'callbackParams') return true;
  }
  if (inner.type === AST_NODE_TYPES.Identifier && requestInput(sourceCode, inner)) return true;
  if (isRequestUrl(sourceCode, inner)) return true;
  // A browser callback's code taken out of its own URL by a getter (`Utils.parseUrlParam('code')`).
  // The code of an SDK's prompt result (expo-auth-session) comes with the SDK's own state check.
  return redirectReads(sourceCode).some(
    (read) => read.param === 'code' && (read.node === definition || read.node === inner) && !readsSdkResult(sourceCode, read),
  );
}

/** The value the exchange takes the code from (or the params/URL that carry it). */
function codeCarrier(sourceCode: SourceCode, request: TokenRequest): Node | undefined {
  const call = request.node;
  if (!request.exchange) {
    const code = param(request.params, 'code');
    return code.state === 'present' ? code.valueNode : undefined;
  }
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const args = call.arguments;
  switch (request.library) {
    case 'openid-client': {
      // v5 callback(redirectUri, params, checks) / v6 authorizationCodeGrant(config, currentUrl, checks).
      const carrier = args[1];
      if (!carrier || carrier.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const object = objectLiteral(sourceCode, carrier);
      if (object) {
        const code = getProperty(sourceCode, object, 'code');
        return code.status === 'present' ? code.value : undefined;
      }
      return carrier;
    }
    default: {
      // getToken(code) / getToken({ code }) / acquireTokenByCode({ code }).
      const first = args[0];
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const object = objectLiteral(sourceCode, first);
      if (!object) return first;
      const code = getProperty(sourceCode, object, 'code');
      return code.status === 'present' ? code.value : undefined;
    }
  }
}

/**
 * A parameter of a local helper (a function, or a class method called as `this.method(...)`):
 * the calls to it in the file, and the argument given for it.
 */
function callersFor(sourceCode: SourceCode, identifier: TSESTree.Identifier): { call: TSESTree.CallExpression; argument: Node }[] {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Parameter') return [];
  const fn = def.node as FunctionNode;
  let index = fn.params.findIndex((p) => p === def.name || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === def.name));
  // `function exchange({ code, verifier })`: the caller's object gives the value under that key.
  let key: string | undefined;
  if (index < 0) {
    index = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.ObjectPattern && within(p, def.name));
    key = index < 0 ? undefined : patternKey(sourceCode, fn.params[index] as TSESTree.ObjectPattern, def.name);
    if (key === undefined) return [];
  }
  const callers: { call: TSESTree.CallExpression; argument: Node }[] = [];
  // A method's call sites are its `this.method(...)` calls; a function's are the references to
  // its name, kept only where it is called, not handed on (`items.map(exchange)`).
  const method = fn.parent?.type === AST_NODE_TYPES.MethodDefinition || fn.parent?.type === AST_NODE_TYPES.PropertyDefinition;
  for (const call of callSitesOf(sourceCode, fn)) {
    if (!method && calledFunction(sourceCode, call.callee)?.fn !== fn) continue;
    const given = call.arguments[index];
    const argument = given && given.type !== AST_NODE_TYPES.SpreadElement ? keyedArgument(sourceCode, given, key) : undefined;
    if (argument) callers.push({ call, argument });
  }
  return callers;
}

/** The key under which a destructuring pattern binds `binding` (`{ code }`, `{ code: authCode = '' }`), one level deep. */
function patternKey(sourceCode: SourceCode, pattern: TSESTree.ObjectPattern, binding: Node): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === binding) return propertyKeyName(sourceCode, property);
  }
  return undefined;
}

/**
 * What a call hands a parameter whose property `key` the helper reads: the object literal's
 * value under that key (`exchange({ code: req.query.code })`), or the argument itself (no key,
 * or an object that is not a literal, such as `req.query`). Undefined when the literal lacks
 * that key's value.
 */
function keyedArgument(sourceCode: SourceCode, argument: Node, key: string | undefined): Node | undefined {
  if (key === undefined) return argument;
  const object = objectLiteral(sourceCode, argument);
  if (!object) return argument;
  const value = getProperty(sourceCode, object, key);
  return value.status === 'present' ? value.value : undefined;
}

/**
 * The key of the parameter `value` is read under, when it is one property of an object
 * parameter of `fn`: a destructured `{ code }` or `params.code`. Undefined for the parameter
 * itself and for anything else.
 */
function parameterKey(sourceCode: SourceCode, fn: FunctionNode, value: Node | undefined): string | undefined {
  const inner = value ? skipWrappers(value) : undefined;
  if (inner?.type === AST_NODE_TYPES.MemberExpression && skipWrappers(inner.object).type === AST_NODE_TYPES.Identifier) {
    const object = skipWrappers(inner.object) as TSESTree.Identifier;
    const def = findVariable(sourceCode.getScope(object), object)?.defs[0];
    return def?.type === 'Parameter' && def.node === fn && fn.params.includes(def.name as TSESTree.Parameter)
      ? memberName(sourceCode, inner)
      : undefined;
  }
  if (inner?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = findVariable(sourceCode.getScope(inner), inner)?.defs[0];
  if (def?.type !== 'Parameter' || def.node !== fn) return undefined;
  const pattern = fn.params.find((p): p is TSESTree.ObjectPattern => p.type === AST_NODE_TYPES.ObjectPattern && within(p, def.name));
  return pattern ? patternKey(sourceCode, pattern, def.name) : undefined;
}

/**
 * The functions that write the redirect's code into the module-level slot `slot` names — a
 * top-level `let code`, or a property of a top-level object (`CONFIG.code = req.query.code`) —
 * directly or through a setter helper of this file (`setCode(req.query.code)`).
 */
function moduleSlotWriters(sourceCode: SourceCode, slot: Node): FunctionNode[] {
  let holder: Node = slot;
  let property: string | undefined;
  if (slot.type === AST_NODE_TYPES.MemberExpression) {
    property = memberName(sourceCode, slot);
    holder = skipWrappers(slot.object);
    if (property === undefined) return [];
  }
  if (holder.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariable(sourceCode.getScope(holder), holder);
  if (!variable || variable.scope.block.type !== AST_NODE_TYPES.Program) return [];
  const writers: FunctionNode[] = [];
  for (const reference of variable.references) {
    let target: Node = reference.identifier;
    if (property !== undefined) {
      const member = target.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== target || memberName(sourceCode, member) !== property)
        continue;
      target = member;
    } else if (!reference.isWrite() || reference.init) continue;
    const assignment = target.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== target || assignment.operator !== '=') continue;
    const value = skipWrappers(assignment.right);
    const writer = enclosingFunction(assignment);
    if (isFromRedirect(sourceCode, value)) {
      if (writer) writers.push(writer);
    } else if (value.type === AST_NODE_TYPES.Identifier) {
      for (const { call, argument } of callersFor(sourceCode, value)) {
        const caller = enclosingFunction(call);
        if (caller && isFromRedirect(sourceCode, argument)) writers.push(caller);
      }
    }
  }
  return writers;
}

/** True for names and reads that hold an OAuth state (`state`, `expectedState`, `tx.state`, `params.get('state')`). */
function isStateValue(sourceCode: SourceCode, node: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const inner = skipWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      const name = tailName(sourceCode, inner);
      if (name !== undefined && STATE_NAME.test(name) && !isNotState(name)) return true;
      if (inner.type === AST_NODE_TYPES.MemberExpression && inner.computed) return isStateValue(sourceCode, inner.object, depth + 1);
      return false;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(inner.callee);
      const key = inner.arguments[0] ? stringValue(sourceCode, inner.arguments[0]) : undefined;
      if (key !== undefined && STATE_NAME.test(key) && !isNotState(key)) return true;
      // `Buffer.from(state)`, `state.toString()`, `String(state)`.
      if (callee.type === AST_NODE_TYPES.MemberExpression && !inner.arguments.length)
        return isStateValue(sourceCode, callee.object, depth + 1);
      return inner.arguments.some((arg) => arg.type !== AST_NODE_TYPES.SpreadElement && isStateValue(sourceCode, arg, depth + 1));
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.expressions.some((expression) => isStateValue(sourceCode, expression, depth + 1));
    case AST_NODE_TYPES.LogicalExpression:
      return isStateValue(sourceCode, inner.left, depth + 1) || isStateValue(sourceCode, inner.right, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return isStateValue(sourceCode, inner.argument, depth + 1);
    default:
      return false;
  }
}

/** A state the code makes to send (`const state = generateKey()`, `btoa(JSON.stringify({...}))`): handing it on is sending, not checking. */
function isFreshState(sourceCode: SourceCode, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = skipWrappers(definitionOf(sourceCode, node));
  if (definition.type !== AST_NODE_TYPES.CallExpression && definition.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = definition.type === AST_NODE_TYPES.CallExpression ? calleeName(sourceCode, definition) : undefined;
  return /random|generate|uuid|nanoid|btoa|stringify|create|make|cuid/i.test(name ?? '');
}

/** A URL or query string that carries the state as its `state=` parameter (`\`…&state=${state}\``): sent on, not compared. */
const STATE_PARAMETER_BEFORE = /[?&#]state=$/i;
function sendsStateInUrl(sourceCode: SourceCode, node: Node): boolean {
  const pieces: Node[] = [];
  const flatten = (piece: Node): void => {
    const inner = skipWrappers(piece);
    if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
      flatten(inner.left as Node);
      flatten(inner.right);
    } else pieces.push(inner);
  };
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const states = node.expressions.filter((expression) => isStateValue(sourceCode, expression));
    return (
      states.length > 0 &&
      states.every((expression) => STATE_PARAMETER_BEFORE.test(node.quasis[node.expressions.indexOf(expression)].value.cooked ?? ''))
    );
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== '+') return false;
  flatten(node);
  const states = pieces.filter((piece, index) => index > 0 && isStateValue(sourceCode, piece));
  return (
    states.length > 0 &&
    states.every((piece) => STATE_PARAMETER_BEFORE.test(stringValue(sourceCode, pieces[pieces.indexOf(piece) - 1]) ?? '')) &&
    !isStateValue(sourceCode, pieces[0])
  );
}

function calleeName(sourceCode: SourceCode, call: TSESTree.CallExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(sourceCode, callee);
  return undefined;
}

function rootName(node: Node): string | undefined {
  let current = skipWrappers(node);
  for (let i = 0; i < 10 && current.type === AST_NODE_TYPES.MemberExpression; i++) current = skipWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}

/** A state check somewhere in the function: a comparison, constant-time compare, a state helper, a lookup of the returned state. */
function hasStateCheck(sourceCode: SourceCode, fn: FunctionNode | TSESTree.Program, exchange: Node | undefined, depth = 0): boolean {
  for (const node of descendants(fn.type === AST_NODE_TYPES.Program ? fn : fn.body)) {
    if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
      // `state == null`, `state !== ''`: whether a state came back, not whether it is the one sent.
      if (isFallbackLiteral(node.left as Node) || isFallbackLiteral(node.right)) continue;
      if (isStateValue(sourceCode, node.left as Node) || isStateValue(sourceCode, node.right)) {
        if (exchange && mismatchFallsThrough(node, exchange)) continue;
        return true;
      }
      continue;
    }
    if (node.type === AST_NODE_TYPES.SwitchStatement && isStateValue(sourceCode, node.discriminant)) return true;
    if (node.type !== AST_NODE_TYPES.CallExpression || node === exchange) continue;
    const name = calleeName(sourceCode, node);
    if (name && CONSTANT_TIME.test(name)) return true;
    // `verifyState(req)`, `consumeOAuthState(...)`, `stateStore.verify(...)`.
    if (name && STATE_NAME.test(name) && !isNotState(name) && !/^(?:set|save|store|create|generate|new|make)/i.test(name)) return true;
    const callee = skipWrappers(node.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      STATE_NAME.test(rootName(callee) ?? '') &&
      !isNotState(rootName(callee) ?? '') &&
      /verify|validate|check|consume|get|take|pop|has|delete|compare|find/i.test(name ?? '')
    )
      return true;
    // The returned state handed to a lookup or a verification: `await redis.get(\`state:${state}\`)`, `jwt.verify(state, key)`.
    if (
      LOGGING_ROOTS.has(rootName(callee) ?? '') ||
      LOGGING_METHODS.test(name ?? '') ||
      STATE_DECODERS.test(name ?? '') ||
      isNotState(name ?? '')
    )
      continue;
    const lookup = name === 'get' || name === 'getItem' || name === 'getdel' || name === 'getDel';
    const handsOverState = node.arguments.some((arg, index) => {
      if (arg.type === AST_NODE_TYPES.SpreadElement) return false;
      const argument = skipWrappers(arg);
      if (argument.type === AST_NODE_TYPES.Literal || isFreshState(sourceCode, argument) || sendsStateInUrl(sourceCode, argument))
        return false;
      // A store keyed by the returned state: `redis.get(\`oauth:state:${state}\`)`.
      if (lookup)
        return (
          (argument.type === AST_NODE_TYPES.TemplateLiteral || argument.type === AST_NODE_TYPES.BinaryExpression) &&
          isStateValue(sourceCode, argument)
        );
      // A helper we can read that only files something under the state (`global[state] = tokens`) compares nothing.
      return isStateValue(sourceCode, argument) && !onlyKeysWrites(sourceCode, callee, index);
    });
    if (
      handsOverState &&
      !/^(?:set|cookie|setItem|removeItem|delete|deleteCookie|clearCookie|json|send|redirect|render|append|push|getCookie)$/.test(
        name ?? '',
      )
    ) {
      return true;
    }
    // A helper that checks, in this file or in a module it imports.
    if (depth < 2) {
      const helper = calledFunction(sourceCode, callee);
      if (helper && helper.fn !== fn && hasStateCheck(helper.sourceCode, helper.fn, helper.imported ? undefined : exchange, depth + 1))
        return true;
    }
  }
  return false;
}

/**
 * `if (state !== saved) { goto('/login') }` with the exchange after the `if`: the mismatch
 * branch navigates or responds but does not stop, so the code is exchanged anyway.
 */
function mismatchFallsThrough(comparison: TSESTree.BinaryExpression, exchange: Node): boolean {
  if (comparison.operator !== '!==' && comparison.operator !== '!=') return false;
  let test: Node = comparison;
  while (test.parent?.type === AST_NODE_TYPES.LogicalExpression && test.parent.operator === '||') test = test.parent;
  const statement = test.parent;
  if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.test !== test || statement.alternate) return false;
  // The exchange comes after the `if`, in the same function.
  if (exchange.range[0] < statement.range[1] || enclosingFunction(exchange) !== enclosingFunction(statement)) return false;
  for (const node of descendants(statement.consequent)) {
    if (isFunctionNode(node)) continue;
    if (
      node.type === AST_NODE_TYPES.ReturnStatement ||
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.BreakStatement ||
      node.type === AST_NODE_TYPES.ContinueStatement
    )
      return false;
  }
  // Only calls that go on (navigation, a response, logging): anything else may stop the flow in ways not read here.
  const body = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [statement.consequent];
  return (
    body.length > 0 &&
    body.every(
      (entry) => entry.type === AST_NODE_TYPES.ExpressionStatement && skipWrappers(entry.expression).type === AST_NODE_TYPES.CallExpression,
    )
  );
}

/**
 * The parameter at `index` of the helper a callee names is never compared: it is unused, or only
 * the key of a write (`store[state] = tokens`), or the key of a read of a module-level object
 * whose value is sent on untested (`{ code_verifier: VERIFIERS[state] }`: memory every visitor
 * shares, so any state the server ever issued passes). Unknown helpers answer false (they may
 * compare it).
 */
function onlyKeysWrites(sourceCode: SourceCode, callee: Node, index: number): boolean {
  const helper = calledFunction(sourceCode, callee);
  const param = helper?.fn.params[index];
  if (!helper || param?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(helper.sourceCode.getScope(param), param);
  if (!variable) return false;
  return variable.references.every((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || !member.computed || member.property !== reference.identifier) return false;
    const use = member.parent;
    return (
      (use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === member) ||
      (use?.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete') ||
      (use?.type === AST_NODE_TYPES.Property &&
        use.value === member &&
        use.parent.type === AST_NODE_TYPES.ObjectExpression &&
        isModuleLevel(helper.sourceCode, member.object))
    );
  });
}

/** A name bound at the top level of its module (not a request's, a session's or a parameter's). */
function isModuleLevel(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(inner), inner);
  return !!variable && variable.defs.length > 0 && variable.scope.block.type === AST_NODE_TYPES.Program;
}

/**
 * Whether a function (or the top level of a module) visibly checks the returned `state`: a
 * comparison, a constant-time compare, a state helper, a lookup keyed by the returned state,
 * also inside the local helpers it calls.
 */
export function checksState(sourceCode: SourceCode, scope: FunctionNode | TSESTree.Program, use?: Node): boolean {
  try {
    // `use`: the read of the redirect's token or code that the check must stop (a mismatch branch that goes on does not).
    return hasStateCheck(sourceCode, scope, use);
  } catch {
    // Unknown: count as checked, so nothing is reported on code the analysis cannot read.
    return true;
  }
}

/**
 * Middleware of a package or of code we cannot read that cannot be about the OAuth state, by its
 * name: body parsers, CORS, HMAC/webhook signatures, rate limits, logging, uploads, caching.
 */
const NOT_STATE_MIDDLEWARE =
  /^(?:cors|helmet|compression|morgan|multer|upload|json|urlencoded|raw|text|static|bodyParser|cookieParser|logger)$|hmac|webhook|signature|rate_?limit|limiter|throttle|cache|log(?:ger|ging)?$/i;

/**
 * `app.get('/callback', checkState, handler)` / `router.get('/cb', passport.authenticate(...), handler)`:
 * a middleware before the handler that may compare the state. One the analysis can read (a
 * function of this file or of a project module, or a factory of one) counts only when it checks
 * the state; a package's or an unresolved one counts unless its name says what else it is.
 */
function behindMiddleware(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  return call.arguments.slice(0, index).some((arg) => {
    try {
      return mayCheckState(sourceCode, arg as Node, 0);
    } catch (error) {
      if (rethrowsAnalysisErrors()) throw error;
      return true;
    }
  });
}

/** A middleware we can read: it compares the state, or hands the whole request to code we cannot read (`passport.authenticate('x')(req, res, next)`). */
function readableMiddlewareChecks(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (hasStateCheck(sourceCode, fn, undefined, 1)) return true;
  const request = fn.params[0];
  if (request?.type !== AST_NODE_TYPES.Identifier || !fn.body) return false;
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const handsRequest = node.arguments.some((arg) => arg.type === AST_NODE_TYPES.Identifier && arg.name === request.name);
    if (handsRequest && !calledFunction(sourceCode, node.callee)) return true;
  }
  return false;
}

function mayCheckState(sourceCode: SourceCode, node: Node, depth: number): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.ArrayExpression)
    return depth < 2 && inner.elements.some((element) => element !== null && mayCheckState(sourceCode, element as Node, depth + 1));
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    // A factory of this project: `verifyOAuthState({ cookie: 'st' })` judged by the middleware it returns.
    const factory = calledFunction(sourceCode, inner.callee);
    if (!factory) return !namesOtherMiddleware(sourceCode, inner.callee);
    if (hasStateCheck(factory.sourceCode, factory.fn, undefined, 1)) return true;
    const returned = returnedExpressions(factory.fn);
    return (
      !returned ||
      returned.length === 0 ||
      returned.some((expression) => {
        const value = skipWrappers(expression);
        return !isFunctionNode(value) || readableMiddlewareChecks(factory.sourceCode, value);
      })
    );
  }
  if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  // A route path or protocol scheme held in a const (`protocol.registerFileProtocol(scheme, handler)`) is no middleware.
  if (stringValue(sourceCode, inner) !== undefined) return false;
  const middleware = calledFunction(sourceCode, inner);
  if (middleware) return readableMiddlewareChecks(middleware.sourceCode, middleware.fn);
  return !namesOtherMiddleware(sourceCode, inner);
}

function namesOtherMiddleware(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  const name =
    inner.type === AST_NODE_TYPES.Identifier
      ? inner.name
      : inner.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, inner)
        : undefined;
  return name !== undefined && NOT_STATE_MIDDLEWARE.test(name) && !STATE_NAME.test(name);
}

const FORM_POST = /\bform_post\b/;

/** The callback around an authorization-code exchange, and whether it checks state. */
export function callbackOf(sourceCode: SourceCode, request: TokenRequest): Callback {
  const exchange = request.node;
  const own = enclosingFunction(exchange);
  const functions: FunctionNode[] = [];
  const addWithEnclosing = (fn: FunctionNode | undefined): void => {
    for (let current = fn; current; current = enclosingFunction(current)) if (!functions.includes(current)) functions.push(current);
  };
  addWithEnclosing(own);
  let fromRedirect = false;
  const handOffs: TSESTree.CallExpression[] = [];
  try {
    const carrier = codeCarrier(sourceCode, request);
    if (carrier) {
      if (isFromRedirect(sourceCode, carrier)) {
        // A code in a JSON/form body may be a SPA handing its code to its backend (the SPA checked
        // state); it is a form_post callback only when the handler also reads a state.
        const part = requestInput(sourceCode, unwrapValue(sourceCode, carrier))?.part;
        // Likewise a handler whose response is the token response itself (`return $fetch(tokenUrl, …)`):
        // the SPA's fetch gets the tokens back, no session is made — the SPA's callback checks state.
        // A library whose flow always posts the response (`formPost`, Sign in with Apple) or a
        // module that asks for `response_mode=form_post` is the callback itself.
        const formPost = request.exchange?.formPost === true || fileFacts(sourceCode).mentions(FORM_POST);
        const proxy =
          (part === 'body' && !formPost) ||
          (part === 'query' &&
            own !== undefined &&
            !handsOnHandlerResponse(sourceCode, exchange, own) &&
            returnsToCaller(sourceCode, exchange, own));
        fromRedirect = !proxy || functions.some((fn) => /state/i.test(sourceCode.getText(fn)));
      } else {
        // The code handed to a helper: `async function exchange(code) { … }` called with `params.get('code')`.
        const inner = skipWrappers(carrier);
        const root =
          inner.type === AST_NODE_TYPES.Identifier
            ? inner
            : inner.type === AST_NODE_TYPES.MemberExpression
              ? (skipWrappers(inner.object) as Node)
              : undefined;
        // The code kept in a module-level slot by the callback that then starts the exchange.
        for (const writer of moduleSlotWriters(sourceCode, inner)) {
          const starts = own && !within(writer, exchange) ? callSitesOf(sourceCode, own).filter((call) => within(writer, call)) : [];
          if (!within(writer, exchange) && starts.length === 0) continue;
          fromRedirect = true;
          handOffs.push(...starts);
          addWithEnclosing(writer);
        }
        if (root?.type === AST_NODE_TYPES.Identifier) {
          const parameter = findVariable(sourceCode.getScope(root), root)?.defs[0];
          // Only a helper that makes the exchange itself lacks the check; one that builds the params does not.
          const exchangesInHelper = parameter?.type === 'Parameter' && within(parameter.node as Node, exchange);
          for (const { call, argument } of callersFor(sourceCode, root)) {
            if (isFromRedirect(sourceCode, argument)) {
              fromRedirect = true;
              if (exchangesInHelper) handOffs.push(call);
              addWithEnclosing(enclosingFunction(call));
            }
          }
        }
      }
    }
    // An authorization server's token endpoint hands on a client's code, not a redirect's.
    if (fromRedirect && functions.some((fn) => readsRequestGrantType(sourceCode, fn))) fromRedirect = false;
    let stateChecked = fromRedirect && functions.some((fn) => hasStateCheck(sourceCode, fn, exchange));
    // The exchange in a helper of this file (`exchange(req, res)`) called only after the route compared the state.
    if (fromRedirect && !stateChecked && own) {
      const calls = callSitesOf(sourceCode, own).filter((call) => !scopesAround(call).includes(own));
      stateChecked =
        calls.length > 0 && calls.every((call) => scopesAround(call).some((scope) => hasStateCheck(sourceCode, scope, exchange)));
    }
    return { fromRedirect, functions, stateChecked, behindMiddleware: functions.some((fn) => behindMiddleware(sourceCode, fn)), handOffs };
  } catch (error) {
    if (rethrowsAnalysisErrors()) throw error;
    return { fromRedirect: false, functions, stateChecked: false, behindMiddleware: false, handOffs: [] };
  }
}

/**
 * Whether the exchange is a helper handed the handler's response object (`return finish(res, body)`
 * in a `(req, res)` handler): that helper answers the browser itself (cookie, redirect), so what
 * the handler returns is not the token response.
 */
function handsOnHandlerResponse(sourceCode: SourceCode, exchange: Node, fn: FunctionNode): boolean {
  if (exchange.type !== AST_NODE_TYPES.CallExpression || fn.params.length < 2) return false;
  const responseParams = new Set<Node>(fn.params.slice(1));
  return exchange.arguments.some((argument) => {
    if (argument.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(sourceCode.getScope(argument), argument)?.defs[0];
    return def?.type === 'Parameter' && def.node === fn && responseParams.has(def.name as Node);
  });
}

/**
 * Whether the value of `node` is what `fn` returns, as it is or past `await`, `.then(…)` /
 * `.catch(…)` / `.finally(…)` and a variable read once by the `return`.
 */
function returnsToCaller(sourceCode: SourceCode, node: Node, fn: FunctionNode, depth = 0): boolean {
  if (depth > 3) return false;
  let current: Node = node;
  for (let i = 0; i < 12; i++) {
    const parent = current.parent;
    if (!parent) return false;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression
    ) {
      current = parent;
      continue;
    }
    if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      parent.parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent &&
      /^(?:then|catch|finally)$/.test(memberName(sourceCode, parent) ?? '')
    ) {
      current = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent) === fn;
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression) return parent === fn && parent.body === current;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode.getScope(parent), parent.id);
      const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
      return reads.length === 1 && returnsToCaller(sourceCode, reads[0].identifier, fn, depth + 1);
    }
    return false;
  }
  return false;
}

// Which parameter a code comes from: the parameter itself or a property read of it (`params.code`).
const THROUGH_READS = { throughReads: true } as const;

function within(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

const exchangeSummaries = new WeakMap<Node, ReadonlyMap<number, string | undefined>>();

/**
 * The parameters of `fn` whose value becomes the code of an authorization-code exchange, in
 * `fn` or in the helpers it calls (of this file or imported), and whose state nobody in that
 * chain compares or hands to the library's check. An empty set when the function exchanges
 * nothing, checks the state itself, or cannot be read. Computed once per function.
 */
export function uncheckedCodeExchangeParams(sourceCode: SourceCode, fn: FunctionNode, depth = 0): ReadonlyMap<number, string | undefined> {
  const cached = exchangeSummaries.get(fn);
  if (cached) return cached;
  // Parameter index → the key the code is read under when the parameter is an object (`{ code }`).
  const params = new Map<number, string | undefined>();
  exchangeSummaries.set(fn, params);
  if (depth > 3 || !fn.body) return params;
  try {
    if (hasStateCheck(sourceCode, fn, undefined)) return params;
    for (const request of tokenRequests(sourceCode)) {
      if (request.grantType !== 'authorization_code' || !within(fn, request.node)) continue;
      // The library compares the state it is given (`checks.state`, `expectedState`).
      if (request.checks) continue;
      const carrier = codeCarrier(sourceCode, request);
      const index = parameterIndexOf(sourceCode, fn, carrier, THROUGH_READS);
      if (index !== undefined) params.set(index, parameterKey(sourceCode, fn, carrier));
    }
    for (const node of descendants(fn.body)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const helper = calledFunction(sourceCode, node.callee);
      if (!helper || helper.fn === fn) continue;
      const inner = uncheckedCodeExchangeParams(helper.sourceCode, helper.fn, depth + 1);
      for (const [index, key] of inner) {
        const given = node.arguments[index];
        if (!given || given.type === AST_NODE_TYPES.SpreadElement) continue;
        const argument = keyedArgument(sourceCode, given, key);
        const outer = parameterIndexOf(sourceCode, fn, argument, THROUGH_READS);
        if (outer !== undefined) params.set(outer, parameterKey(sourceCode, fn, argument));
      }
    }
  } catch (error) {
    if (rethrowsAnalysisErrors()) throw error;
    params.clear();
  }
  return params;
}

/**
 * A handler that reads the request's `grant_type` (`body.grant_type === 'authorization_code'`)
 * is an authorization server's token endpoint: its code comes from a client's token request,
 * not from a redirect, and the state is the client's to check.
 */
function readsRequestGrantType(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (!fn.body) return false;
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression) continue;
    const name = memberName(sourceCode, node);
    if ((name === 'grant_type' || name === 'grantType') && requestInput(sourceCode, node)?.key === name) return true;
  }
  return false;
}

/**
 * A call that hands the redirect's code to a helper of another module which exchanges it
 * without comparing the state, made where no state is compared either: the missing check is
 * reported at this call (rules.md, "Across modules and helpers").
 */
export function handsCodeToUncheckedExchange(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const helper = calledFunction(sourceCode, call.callee);
  if (!helper?.imported) return false;
  const params = uncheckedCodeExchangeParams(helper.sourceCode, helper.fn);
  if (params.size === 0) return false;
  const fromRedirect = [...params].some(([index, key]) => {
    const given = call.arguments[index];
    const argument = given && given.type !== AST_NODE_TYPES.SpreadElement ? keyedArgument(sourceCode, given, key) : undefined;
    return argument !== undefined && isFromRedirect(sourceCode, argument);
  });
  if (!fromRedirect) return false;
  const around: FunctionNode[] = [];
  for (let current = enclosingFunction(call); current; current = enclosingFunction(current)) around.push(current);
  if (around.some((fn) => behindMiddleware(sourceCode, fn) || readsRequestGrantType(sourceCode, fn))) return false;
  const scopes: (FunctionNode | TSESTree.Program)[] = around.length > 0 ? around : [sourceCode.ast as TSESTree.Program];
  return !scopes.some((scope) => hasStateCheck(sourceCode, scope, undefined));
}
