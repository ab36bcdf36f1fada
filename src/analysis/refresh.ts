/**
 * Token refreshes started from retry paths, and the guards that serialise them.
 *
 *   retryHandlers(sc)          functions that run when a request fails or is about to be sent:
 *                              axios `interceptors.{request,response}.use(...)` callbacks, ky /
 *                              got / ofetch hooks (`afterResponse`, `beforeRetry`,
 *                              `onResponseError`, …), and any function that compares a status
 *                              with 401 (fetch wrappers, `catchError`, `.catch`), from that check on
 *   refreshCallKind(sc, call)  'token-endpoint' (a `grant_type=refresh_token` request or a
 *                              library refresh), 'app-endpoint' (an HTTP call to the app's own
 *                              `/auth/refresh`), 'helper' (a function of this file or of an
 *                              imported project module that does either),
 *                              or undefined. SDK calls (`signinSilent`, `getAccessTokenSilently`,
 *                              `acquireTokenSilent`) are none of these: the SDKs serialise them.
 *   unguardedRefreshes(sc)     refresh calls started from a retry handler with no shared
 *                              in-flight promise, flag + queue, lock or memoizer around them
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, enclosingFunction } from './ast';
import { GUARD_NAME, LOCK_METHODS, REFRESH_LIBRARY_CALLS, REFRESH_PATH_SEGMENT, SERIALISING_MODULES } from '../knowledge/refresh';
import { fileFacts } from './file-facts';
import { calledFunction } from './functions';
import {
  GLOBAL_MODULE,
  calleeOrigin,
  isHttpClientOrigin,
  childNodes,
  localFunction,
  lookup,
  memberName,
  originOf,
  propertyKeyName,
  skipWrappers,
} from './modules';
import { tokenRequests } from './token-requests';
import { tokenKindFromName } from './tokens';
import { getProperty, stringParts, tailName } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
type Call = TSESTree.CallExpression | TSESTree.NewExpression;

export interface RetryHandler {
  readonly fn: FunctionNode;
  readonly kind: 'interceptor' | 'hook' | 'status-check';
  /** For status checks: refreshes before this offset are not on the retry path. */
  readonly from: number;
}

export type RefreshCallKind = 'token-endpoint' | 'app-endpoint' | 'helper';

export interface UnguardedRefresh {
  readonly call: Call;
  readonly kind: RefreshCallKind;
  readonly handler: RetryHandler;
}

/** A hint that the file may hold a retry path with a refresh at all. */
export const REFRESH_HINT = /refresh|renew/i;
const RETRY_HINT =
  /interceptors|HttpInterceptor|401|afterResponse|beforeRetry|beforeRequest|onResponseError|onRequest|UNAUTHORIZED|Unauthorized/;

const HOOK_KEYS = new Set(['afterResponse', 'beforeRetry', 'beforeError', 'beforeRequest', 'onResponseError', 'onResponse', 'onRequest']);
const HTTP_METHODS = new Set(['post', 'get', 'put', 'patch', 'request', 'fetch', '$fetch', 'send']);
const UNAUTHORIZED_NAMES = /^(?:UNAUTHORIZED|Unauthorized|HTTP_UNAUTHORIZED|UNAUTHORISED)$/;

function isFunction(node: Node | undefined | null): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** A function given as a callback: inline, or a local function named by an identifier. */
function callbackFunction(sourceCode: SourceCode, node: Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const inner = skipWrappers(node);
  if (isFunction(inner)) return inner;
  const fn = localFunction(sourceCode, inner);
  return isFunction(fn as Node | undefined) ? (fn as FunctionNode) : undefined;
}

/** `x.status === 401`, `401 == res.statusCode`, `status !== 401`, `case 401:`, `[401, 403].includes(s)`, `=== HttpStatus.UNAUTHORIZED`. */
function isUnauthorizedValue(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value === 401 || inner.value === '401';
  if (inner.type === AST_NODE_TYPES.MemberExpression) return UNAUTHORIZED_NAMES.test(memberName(sourceCode, inner) ?? '');
  return false;
}

function unauthorizedChecks(sourceCode: SourceCode): Node[] {
  const checks: Node[] = [];
  for (const node of fileFacts(sourceCode).nodesOfType(
    AST_NODE_TYPES.BinaryExpression,
    AST_NODE_TYPES.SwitchCase,
    AST_NODE_TYPES.CallExpression,
  )) {
    if (node.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(node.operator)) {
      if (isUnauthorizedValue(sourceCode, node.left as Node) || isUnauthorizedValue(sourceCode, node.right)) checks.push(node);
    } else if (node.type === AST_NODE_TYPES.SwitchCase && node.test && isUnauthorizedValue(sourceCode, node.test)) {
      checks.push(node);
    } else if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(sourceCode, node.callee) === 'includes' &&
      node.callee.object.type === AST_NODE_TYPES.ArrayExpression &&
      node.callee.object.elements.some(
        (element) => element && element.type !== AST_NODE_TYPES.SpreadElement && isUnauthorizedValue(sourceCode, element),
      )
    ) {
      checks.push(node);
    }
  }
  return checks;
}

function typeName(annotation: TSESTree.TypeNode | undefined): string | undefined {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = annotation.typeName;
  return name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : undefined;
}

/** Module-level: gates are cached per pattern object. */
const HTTP_INTERCEPTOR_WORD = /HttpInterceptor/;

/**
 * Angular interceptors, which run around every request: a function typed `HttpInterceptorFn`
 * (`export const auth: HttpInterceptorFn = (req, next) => …`) and the `intercept` method of a
 * class that `implements HttpInterceptor`. Their `catchError` callbacks are the retry path.
 */
function angularInterceptors(sourceCode: SourceCode): FunctionNode[] {
  if (!fileFacts(sourceCode).mentions(HTTP_INTERCEPTOR_WORD)) return [];
  const found: FunctionNode[] = [];
  for (const node of fileFacts(sourceCode).nodesOfType(
    AST_NODE_TYPES.VariableDeclarator,
    AST_NODE_TYPES.ClassDeclaration,
    AST_NODE_TYPES.ClassExpression,
  )) {
    if (
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      node.id.type === AST_NODE_TYPES.Identifier &&
      typeName(node.id.typeAnnotation?.typeAnnotation) === 'HttpInterceptorFn'
    ) {
      const init = node.init ? skipWrappers(node.init) : undefined;
      if (isFunction(init)) found.push(init);
    } else if (
      (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) &&
      (node.implements ?? []).some((clause) => {
        const expression = clause.expression;
        return (
          (expression.type === AST_NODE_TYPES.Identifier
            ? expression.name
            : expression.type === AST_NODE_TYPES.MemberExpression
              ? memberName(sourceCode, expression)
              : undefined) === 'HttpInterceptor'
        );
      })
    ) {
      for (const element of node.body.body) {
        if (
          element.type === AST_NODE_TYPES.MethodDefinition &&
          propertyKeyName(sourceCode, element) === 'intercept' &&
          isFunction(element.value)
        )
          found.push(element.value);
      }
    }
  }
  return found;
}

/** Every retry path of the file (memoized per file). */
export function retryHandlers(sourceCode: SourceCode): readonly RetryHandler[] {
  return fileFacts(sourceCode).memo('refresh:handlers', () => {
    const handlers: RetryHandler[] = [];
    const seen = new Set<Node>();
    const add = (fn: FunctionNode | undefined, kind: RetryHandler['kind'], from: number): void => {
      if (!fn || seen.has(fn)) return;
      seen.add(fn);
      handlers.push({ fn, kind, from });
    };
    for (const node of fileFacts(sourceCode).nodesOfType(AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.Property)) {
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(sourceCode, node.callee) === 'use'
      ) {
        // x.interceptors.response.use(onOk, onError) / x.interceptors.request.use(fn)
        const target = skipWrappers(node.callee.object);
        if (target.type === AST_NODE_TYPES.MemberExpression && /^(?:request|response)$/.test(memberName(sourceCode, target) ?? '')) {
          const holder = skipWrappers(target.object);
          if (holder.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, holder) === 'interceptors') {
            for (const argument of node.arguments) add(callbackFunction(sourceCode, argument), 'interceptor', -1);
          }
        }
      } else if (node.type === AST_NODE_TYPES.Property && HOOK_KEYS.has(propertyKeyName(sourceCode, node) ?? '')) {
        // ky / got `hooks: { afterResponse: [fn] }`, ofetch `onResponseError(ctx) {}`
        const value = skipWrappers(node.value);
        const functions = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
        for (const element of functions)
          if (element && element.type !== AST_NODE_TYPES.SpreadElement) add(callbackFunction(sourceCode, element), 'hook', -1);
      }
    }
    for (const fn of angularInterceptors(sourceCode)) add(fn, 'interceptor', -1);
    for (const check of unauthorizedChecks(sourceCode)) add(enclosingFunction(check), 'status-check', check.range[0]);
    return handlers;
  });
}

/** The URL text an HTTP call goes to, with unknown holes as '\u0000'. */
function urlText(sourceCode: SourceCode, call: Call): string | undefined {
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  let target: Node = first;
  // axios({ url, method }) / api.request({ url })
  const url = getProperty(sourceCode, first, 'url');
  if (url.status === 'present') target = url.value;
  const parts = stringParts(sourceCode, target);
  if (parts.every((part) => part.text === undefined)) return undefined;
  return parts.map((part) => part.text ?? '\u0000').join('');
}

/**
 * A URL whose text is unknown but whose name says where it goes: `endpoints.refreshToken`,
 * `REFRESH_URL`, `config.renewEndpoint` as the first argument of an HTTP call.
 */
function namesRefreshEndpoint(sourceCode: SourceCode, call: Call): boolean {
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return false;
  const url = getProperty(sourceCode, first, 'url');
  const name = tailName(sourceCode, lastPiece(url.status === 'present' ? url.value : first));
  return name !== undefined && REFRESH_HINT.test(name);
}

/** The piece a joined URL ends with: `BASE_URL + OAUTH_REFRESH`, `` `${base}${REFRESH_PATH}` ``. */
function lastPiece(node: Node): Node {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') return lastPiece(inner.right);
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length > 0 && inner.quasis.at(-1)?.value.cooked === '')
    return lastPiece(inner.expressions.at(-1)!);
  return inner;
}

function isRefreshUrl(text: string): boolean {
  const path = text.split(/[?#]/, 1)[0];
  return path.split('/').some((segment) => REFRESH_PATH_SEGMENT.test(segment));
}

function isHttpCall(sourceCode: SourceCode, call: Call): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const origin = calleeOrigin(sourceCode, call);
  if (origin) {
    if (isHttpClientOrigin(origin)) return true;
    if (origin.module === GLOBAL_MODULE && origin.path.length === 1) return false;
  }
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'fetch' || callee.name === '$fetch' || callee.name === 'ofetch';
  // api.post('/auth/refresh'), this.http.post(...), client.request({ url })
  return callee.type === AST_NODE_TYPES.MemberExpression && HTTP_METHODS.has(memberName(sourceCode, callee) ?? '');
}

function refreshRequestCalls(sourceCode: SourceCode): ReadonlySet<Node> {
  return fileFacts(sourceCode).memo('refresh:token-requests', () => {
    const calls = new Set<Node>();
    for (const request of tokenRequests(sourceCode)) if (request.grantType === 'refresh_token') calls.add(request.node);
    return calls;
  });
}

/** A method of the enclosing class called as `this.name(...)`. */
function classMethod(sourceCode: SourceCode, call: Call): FunctionNode | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || skipWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression)
    return undefined;
  const name = memberName(sourceCode, callee);
  for (let current: Node | undefined = call.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) {
      for (const element of current.body) {
        if (
          (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
          propertyKeyName(sourceCode, element) === name
        ) {
          const value = element.value;
          return isFunction(value) ? value : undefined;
        }
      }
      return undefined;
    }
  }
  return undefined;
}

/** A helper function together with the SourceCode of the file it is written in. */
export interface Helper {
  readonly sourceCode: SourceCode;
  readonly fn: FunctionNode;
}

/**
 * Helpers a call runs: `refreshTokens()` of this file or imported from a project module
 * (`import { refreshAccessToken } from './auth'`), `this.refresh()`, an injected service's
 * method (`this.auth.refresh()` with `auth: AuthService`).
 */
export function calledHelper(sourceCode: SourceCode, call: Call): Helper | undefined {
  const method = classMethod(sourceCode, call);
  if (method) return { sourceCode, fn: method };
  const called = calledFunction(sourceCode, call.callee);
  return called && isFunction(called.fn as Node) ? { sourceCode: called.sourceCode, fn: called.fn as FunctionNode } : undefined;
}

/** Calls in a function body, nested callbacks included. */
function callsIn(root: Node): Call[] {
  const calls: Call[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) calls.push(node);
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return calls;
}

interface RefreshInfo {
  readonly kind: RefreshCallKind;
  /** Helpers the refresh runs through (for the guard search), each with its own file. */
  readonly helpers: readonly Helper[];
}

function refreshInfo(sourceCode: SourceCode, call: Call, visiting: Set<Node>, depth: number): RefreshInfo | undefined {
  if (refreshRequestCalls(sourceCode).has(call)) return { kind: 'token-endpoint', helpers: [] };
  const origin = calleeOrigin(sourceCode, call);
  if (origin && lookup(origin, REFRESH_LIBRARY_CALLS)) return { kind: 'token-endpoint', helpers: [] };
  if (isHttpCall(sourceCode, call)) {
    const url = urlText(sourceCode, call);
    if (url !== undefined ? isRefreshUrl(url) : namesRefreshEndpoint(sourceCode, call)) return { kind: 'app-endpoint', helpers: [] };
  }
  if (depth >= 4) return undefined;
  const helper = calledHelper(sourceCode, call);
  if (!helper || visiting.has(helper.fn)) return undefined;
  visiting.add(helper.fn);
  try {
    for (const inner of callsIn(helper.fn.body)) {
      // A helper of another module is analysed with that module's SourceCode.
      const found = refreshInfo(helper.sourceCode, inner, visiting, depth + 1);
      if (found) return { kind: 'helper', helpers: [helper, ...found.helpers] };
    }
  } finally {
    visiting.delete(helper.fn);
  }
  return undefined;
}

/** What kind of refresh a call starts, if any. */
export function refreshCallKind(sourceCode: SourceCode, call: Call): RefreshCallKind | undefined {
  return refreshInfo(sourceCode, call, new Set(), 0)?.kind;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** True when the identifier names a variable declared outside `fn` (module, closure or class state). */
function isOuterVariable(sourceCode: SourceCode, identifier: TSESTree.Identifier, fn: FunctionNode): boolean {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length === 0) return false;
  const def = variable.defs[0];
  if (def.type === 'FunctionName' || def.type === 'ClassName' || def.type === 'ImportBinding' || def.type === 'Parameter') return false;
  return !contains(fn, def.name);
}

/** `flag = true` of an outer variable that `fn` also tests in a condition (`if (!flag)`, `flag ? … : …`). */
function isFlagRaised(sourceCode: SourceCode, node: Node, fn: FunctionNode): boolean {
  if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return false;
  if (node.left.type !== AST_NODE_TYPES.Identifier || node.right.type !== AST_NODE_TYPES.Literal || node.right.value !== true) return false;
  if (!isOuterVariable(sourceCode, node.left, fn)) return false;
  const variable = findVariable(sourceCode.getScope(node.left), node.left);
  return (variable?.references ?? []).some((reference) => {
    if (!reference.isRead() || !contains(fn, reference.identifier)) return false;
    for (let current: Node | undefined = reference.identifier.parent; current && current !== fn; current = current.parent) {
      const parent: Node | undefined = current.parent;
      if ((parent?.type === AST_NODE_TYPES.IfStatement || parent?.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === current)
        return true;
    }
    return false;
  });
}

/** `obj.name` / `{ name: x }`: a property name, not a variable. */
function isPropertyName(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === identifier && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.key === identifier && !parent.computed && !parent.shorthand;
  return false;
}

/** An outer variable or an instance member: state that outlives one call of `fn`. */
function isSharedTarget(sourceCode: SourceCode, target: Node, fn: FunctionNode): boolean {
  const inner = skipWrappers(target);
  if (inner.type === AST_NODE_TYPES.Identifier) return isOuterVariable(sourceCode, inner, fn);
  return inner.type === AST_NODE_TYPES.MemberExpression && skipWrappers(inner.object).type === AST_NODE_TYPES.ThisExpression;
}

/** A value that is a pending promise (not awaited): a call, `new Promise`, a promise chain. */
function keepsPromise(sourceCode: SourceCode, value: Node): boolean {
  const inner = skipWrappers(value);
  if (inner.type === AST_NODE_TYPES.LogicalExpression) return keepsPromise(sourceCode, inner.right);
  if (inner.type === AST_NODE_TYPES.NewExpression)
    return inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'Promise';
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(inner.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && /^(?:then|catch|finally)$/.test(memberName(sourceCode, callee) ?? '')) return true;
  // rxjs `source.pipe(…, shareReplay(1))` / `share()`: one subscription shared by every subscriber.
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'pipe') {
    if (inner.arguments.some((argument) => isSharingOperator(argument))) return true;
    return keepsPromise(sourceCode, callee.object);
  }
  return refreshInfo(sourceCode, inner, new Set(), 0) !== undefined || isFunction(callee);
}

/** rxjs operators that multicast one in-flight source: `shareReplay(1)`, `share()`, `publishReplay(1)`. */
function isSharingOperator(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(inner.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : undefined;
  return name === 'shareReplay' || name === 'share' || name === 'publishReplay' || name === 'publishLast';
}

function isGuardName(name: string | undefined): boolean {
  return name !== undefined && GUARD_NAME.test(name) && tokenKindFromName(name) === undefined;
}

function isSerialisingCall(sourceCode: SourceCode, call: Call): boolean {
  const origin = calleeOrigin(sourceCode, call);
  if (origin && SERIALISING_MODULES.some((module) => origin.module === module || origin.module.startsWith(`${module}/`))) return true;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(sourceCode, callee);
  if (!method || !(LOCK_METHODS.test(method) || method === 'add')) return false;
  // navigator.locks.request(…), mutex.runExclusive(…), refreshQueue.add(…)
  const object = skipWrappers(callee.object);
  const objectName =
    object.type === AST_NODE_TYPES.Identifier
      ? object.name
      : object.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, object)
        : undefined;
  if (objectName && /locks?|mutex|sema|queue|limit/i.test(objectName)) return true;
  const objectOrigin = originOf(sourceCode, object);
  return objectOrigin !== undefined && SERIALISING_MODULES.some((module) => objectOrigin.module === module);
}

/**
 * A shared in-flight promise, flag + queue, lock or memoizer in the handler or the helpers
 * the refresh runs through: an outer variable or instance member named like one
 * (`refreshPromise`, `isRefreshing`, `failedQueue`, `this.refreshing$`), a lock call, or a
 * serialising library.
 */
function hasGuard(handlerSourceCode: SourceCode, handler: FunctionNode, helpers: readonly Helper[]): boolean {
  for (const { sourceCode, fn } of [{ sourceCode: handlerSourceCode, fn: handler }, ...helpers]) {
    const stack: Node[] = [fn.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (
        node.type === AST_NODE_TYPES.Identifier &&
        isGuardName(node.name) &&
        !isPropertyName(node) &&
        isOuterVariable(sourceCode, node, fn)
      )
        return true;
      if (node.type === AST_NODE_TYPES.MemberExpression && isGuardName(memberName(sourceCode, node))) return true;
      // `if (status === 401 && !refresh) { refresh = true; … }`: a flag of the module, whatever its
      // name, that the handler tests and sets before refreshing.
      if (isFlagRaised(sourceCode, node, fn)) return true;
      // `current = refresh()` / `inflight ??= (async () => …)()`: the promise itself is kept for other callers.
      if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.operator !== '+=' &&
        isSharedTarget(sourceCode, node.left, fn) &&
        keepsPromise(sourceCode, node.right)
      )
        return true;
      if (
        (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) &&
        isSerialisingCall(sourceCode, node)
      )
        return true;
      const children = childNodes(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return false;
}

/** The cheap gate: false when the file does not name both a token refresh and a retry (a 401, an interceptor). */
export function mayRefreshOnRetry(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  if (!facts.mentions(RETRY_HINT)) return false;
  // The refresh may sit in a helper of another module (`await fetchAccessTokenLocal()` in an interceptor).
  return facts.mentions(REFRESH_HINT) || (facts.importsProjectModules && facts.mentions(TOKEN_HINT));
}

const TOKEN_HINT = /token/i;

/** Refresh calls started from retry paths without a guard (memoized per file). */
export function unguardedRefreshes(sourceCode: SourceCode): readonly UnguardedRefresh[] {
  if (!mayRefreshOnRetry(sourceCode)) return [];
  return fileFacts(sourceCode).memo('refresh:unguarded', () => {
    const found = new Map<Node, UnguardedRefresh>();
    // A refresh inside several retry paths (an Angular interceptor and the 401 check in its
    // `catchError`) is guarded when any of them holds the guard.
    const guarded = new Set<Node>();
    for (const handler of retryHandlers(sourceCode)) {
      for (const call of callsIn(handler.fn.body)) {
        if (guarded.has(call) || call.range[0] < handler.from) continue;
        const info = refreshInfo(sourceCode, call, new Set([handler.fn]), 0);
        if (!info) continue;
        if (hasGuard(sourceCode, handler.fn, info.helpers)) {
          guarded.add(call);
          found.delete(call);
          continue;
        }
        if (!found.has(call)) found.set(call, { call, kind: info.kind, handler });
      }
    }
    const results = [...found.values()].sort((a, b) => a.call.range[0] - b.call.range[0]);
    // A helper call and the HTTP call inside the same handler: keep the outermost.
    return results.filter((result) => !results.some((other) => other !== result && contains(other.call, result.call)));
  });
}
