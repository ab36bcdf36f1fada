/**
 * Values that arrive with an incoming request or navigation: query string, form body, route
 * params and cookies on a server; `location.search` and router search params in a browser.
 *
 *   req.query.returnTo / ctx.query.next / ctx.request.body.redirect_uri / request.query.x
 *   const { code, state } = req.query / const { query: { next } } = req
 *   req.nextUrl.searchParams.get('next') / new URL(req.url).searchParams.get('code')
 *   new URLSearchParams(window.location.search).get('returnTo') / useSearchParams().get('next')
 *   c.req.query('next') (Hono) / getQuery(event).next (h3) / useRoute().query.redirect
 *   export default function Page({ searchParams }) { searchParams.next }
 *
 * `requestInput(sourceCode, node)` says whether an expression is such a value, and under
 * which parameter name. Callback analysis reads `code` and `state` with it; redirect analysis
 * reads `returnTo`, `next`, `redirect_uri` with it.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, soleValueDefinition } from './ast';
import { CALL, GLOBAL_MODULE, calleeOrigin, matchesPattern, memberName, originOf, propertyKeyName, skipWrappers } from './modules';
import { definitionOf, stringValue } from './values';
import { guarded } from './guard';
import {
  PROPERTY_PATH_GETTERS,
  REQUEST_COOKIE_GETTERS,
  REQUEST_COOKIE_STORES,
  REQUEST_OBJECT_NAMES,
  REQUEST_PARAMETER_DECORATORS,
  REQUEST_VALUE_DECODERS,
  REQUEST_VALUE_PARSERS,
  ROUTE_CLASSES,
  ROUTE_OBJECT_NAMES,
  SVELTEKIT_PAGE_MODULES,
  VALIDATED_INPUT_TARGETS,
} from '../knowledge/requests';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type RequestPart = 'query' | 'body' | 'params' | 'cookies' | 'search-params' | 'url';

export interface RequestInput {
  readonly part: RequestPart;
  /** The parameter name (`returnTo`), when the expression reads one parameter. */
  readonly key: string | undefined;
  /** True when it comes from the browser's own location (a SPA callback page). */
  readonly browser: boolean;
}

/** Root names that plainly mean the incoming request in server frameworks. */
const PARTS: Readonly<Record<string, RequestPart>> = {
  query: 'query',
  body: 'body',
  params: 'params',
  cookies: 'cookies',
  signedCookies: 'cookies',
  searchParams: 'search-params',
  // Angular's ActivatedRoute (`snapshot.queryParams`, the `queryParamMap` observable).
  queryParams: 'query',
  queryParamMap: 'query',
  // AWS Lambda / API Gateway and Netlify Functions events.
  queryStringParameters: 'query',
  multiValueQueryStringParameters: 'query',
};
/** Calls whose result is the request's query or search params (h3, Nuxt, Vue Router, Next, React Router). */
const QUERY_FACTORIES = new Set([
  'getQuery',
  'useQuery',
  'useRoute',
  'useRouter',
  'useSearchParams',
  'getRouterParams',
  'readBody',
  'useSearchParam',
]);
/**
 * Parameter names that hold the query or search params themselves (Next.js pages get `searchParams`),
 * or the request's cookie jar (SvelteKit and Astro handlers get `{ cookies }`).
 */
const PART_PARAMETERS: Readonly<Record<string, RequestPart>> = { searchParams: 'search-params', query: 'query', cookies: 'cookies' };

const MAX_DEPTH = 8;

interface Chain {
  root: Node;
  segments: string[];
}

function chainOf(sourceCode: SourceCode, node: Node): Chain {
  const segments: string[] = [];
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    segments.unshift(memberName(sourceCode, current) ?? '?');
    current = skipWrappers(current.object);
  }
  // `(await readBody(event)).next`: the awaited part.
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipWrappers(current.argument);
  return { root: current, segments };
}

/** True for `location`, `window.location`, `document.location`, and SvelteKit's `$page.url`. */
function isBrowserLocation(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  if (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, inner) === 'url' &&
    isSvelteKitPage(sourceCode, inner.object)
  )
    return true;
  const origin = originOf(sourceCode, node);
  return origin?.module === GLOBAL_MODULE && (origin.path.join('.') === 'location' || origin.path.join('.') === 'document.location');
}

/** SvelteKit's page: `$page` (the store's value), `page` of `$app/state`, `get(page)` of the `$app/stores` store. */
function isSvelteKitPage(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    if (calleeName(inner) !== 'get') return false;
    const origin = calleeOrigin(sourceCode, inner);
    return (
      origin?.module === 'svelte/store' &&
      origin.path.join('.') === 'get' &&
      inner.arguments[0] !== undefined &&
      isSvelteKitPage(sourceCode, inner.arguments[0])
    );
  }
  // Under its own name (a renamed import is rare, and every `x.url` of the file asks).
  if (inner.type !== AST_NODE_TYPES.Identifier || (inner.name !== 'page' && inner.name !== '$page')) return false;
  // `$page` auto-subscribes to the `page` store imported into the component.
  const origin = originOf(sourceCode, inner.name === '$page' ? (pageImport(sourceCode) ?? inner) : inner);
  return origin !== undefined && SVELTEKIT_PAGE_MODULES.includes(origin.module) && origin.path.join('.') === 'page';
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

/** The `page` binding imported from a SvelteKit page module, if the file imports one. */
function pageImport(sourceCode: SourceCode): TSESTree.Identifier | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !SVELTEKIT_PAGE_MODULES.includes(statement.source.value)) continue;
    for (const specifier of statement.specifiers)
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && importedName(specifier) === 'page') return specifier.local;
  }
  return undefined;
}

/** Whether a value stands for the request's search params: `new URLSearchParams(location.search)`, `url.searchParams`, `useSearchParams()`. */
function searchParamsSource(sourceCode: SourceCode, node: Node, depth: number): RequestInput | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(inner), inner);
    const def = soleValueDefinition(variable);
    // `const [searchParams] = useSearchParams()` (React Router).
    if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ArrayPattern && def.node.init) {
      const init = skipWrappers(def.node.init);
      if (init.type === AST_NODE_TYPES.CallExpression && calleeName(init) === 'useSearchParams')
        return { part: 'search-params', key: undefined, browser: true };
    }
    if (def?.type === 'Parameter' && PART_PARAMETERS[inner.name])
      return { part: PART_PARAMETERS[inner.name], key: undefined, browser: false };
    const definition = definitionOf(sourceCode, inner);
    if (definition !== inner) return searchParamsSource(sourceCode, definition, depth + 1);
    const whole = requestInputAt(sourceCode, inner, depth + 1);
    return whole && whole.key === undefined ? whole : undefined;
  }
  if (inner.type === AST_NODE_TYPES.NewExpression) {
    const origin = originOf(sourceCode, inner.callee);
    if (origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'URLSearchParams' && inner.arguments[0]) {
      const arg = skipWrappers(inner.arguments[0]);
      // `new URLSearchParams(location.search)` / `(window.location.hash.slice(1))` / `(req.url.split('?')[1])`.
      const browser = containsBrowserLocation(sourceCode, arg);
      if (browser || containsRequest(sourceCode, arg)) return { part: 'search-params', key: undefined, browser };
    }
    return undefined;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === 'useSearchParams')
    return { part: 'search-params', key: undefined, browser: true };
  if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === 'searchParams') {
    // `new URL(req.url).searchParams`, `req.nextUrl.searchParams`, `url.searchParams` where url came from the request or location.
    const object = skipWrappers(inner.object);
    const browser = containsBrowserLocation(sourceCode, object);
    return { part: 'search-params', key: undefined, browser };
  }
  return requestInputAt(sourceCode, inner, depth + 1);
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier)
    return callee.property.name;
  return undefined;
}

function containsBrowserLocation(sourceCode: SourceCode, node: Node): boolean {
  let current = skipWrappers(node);
  for (let i = 0; i < 10; i++) {
    if (isBrowserLocation(sourceCode, current)) return true;
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression)
      current = skipWrappers(current.callee.object);
    else if (current.type === AST_NODE_TYPES.Identifier) {
      const definition = definitionOf(sourceCode, current);
      if (definition === current) return false;
      current = skipWrappers(definition);
    } else if (current.type === AST_NODE_TYPES.NewExpression && current.arguments[0]) current = skipWrappers(current.arguments[0]);
    else return false;
  }
  return false;
}

/** `req.url`, `req.url.split('?')[1]`, and through variables: `url.search` where `const url = new URL(req.url)`. */
function containsRequest(sourceCode: SourceCode, node: Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const { root } = chainOf(sourceCode, node);
  const inner =
    root.type === AST_NODE_TYPES.CallExpression && root.callee.type === AST_NODE_TYPES.MemberExpression
      ? chainOf(sourceCode, root.callee.object).root
      : root;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    if (REQUEST_OBJECT_NAMES.has(inner.name)) return true;
    const definition = definitionOf(sourceCode, inner);
    return definition !== inner && containsRequest(sourceCode, definition, depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.NewExpression && inner.arguments[0]) {
    const origin = originOf(sourceCode, inner.callee);
    return (
      origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'URL' && containsRequest(sourceCode, inner.arguments[0], depth + 1)
    );
  }
  return false;
}

/** What a query factory's result is: h3 `getQuery(event)` the query, `readBody(event)` the body, `useRoute()` the route ('url'). */
function factoryInput(call: TSESTree.CallExpression): RequestInput | undefined {
  const name = calleeName(call) ?? '';
  if (!QUERY_FACTORIES.has(name)) return undefined;
  const part: RequestPart =
    name === 'getQuery' || name === 'useQuery' ? 'query' : name === 'readBody' ? 'body' : name === 'getRouterParams' ? 'params' : 'url';
  return { part, key: undefined, browser: name.startsWith('use') };
}

/**
 * One cookie of the request: `getCookie(event, 'next')` (h3, Hono) or `cookies().get('next')`
 * (Next.js). Reads through a cookie-jar parameter (`cookies.get('next')`) go the way of the other parts.
 */
function cookieInput(sourceCode: SourceCode, call: TSESTree.CallExpression): RequestInput | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && call.arguments.length >= 2) {
    const origin = calleeOrigin(sourceCode, call);
    if (!origin || !REQUEST_COOKIE_GETTERS.some((pattern) => matchesPattern(origin, pattern))) return undefined;
    const key = stringValue(sourceCode, call.arguments[1]);
    return key === undefined ? undefined : { part: 'cookies', key, browser: false };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'get' || !call.arguments[0]) return undefined;
  let store = skipWrappers(callee.object);
  if (store.type === AST_NODE_TYPES.AwaitExpression) store = skipWrappers(store.argument);
  if (store.type === AST_NODE_TYPES.Identifier) store = skipWrappers(definitionOf(sourceCode, store));
  if (store.type === AST_NODE_TYPES.AwaitExpression) store = skipWrappers(store.argument);
  if (store.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const origin = calleeOrigin(sourceCode, store);
  if (!origin || !REQUEST_COOKIE_STORES.some((pattern) => matchesPattern(origin, pattern))) return undefined;
  const key = stringValue(sourceCode, call.arguments[0]);
  return key === undefined ? undefined : { part: 'cookies', key, browser: false };
}

/**
 * The request, or a part of it, that a variable holds as a whole: `const query = getQuery(event)`,
 * `const route = useRoute()`, a route parameter (`fetch({ route })` of Nuxt). Only a prefix for
 * reads of its members (`query.code`, `route.query.code`).
 */
function wholeRequestVariable(sourceCode: SourceCode, identifier: TSESTree.Identifier): RequestInput | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = soleValueDefinition(variable);
  if (def?.type === 'Parameter')
    return ROUTE_OBJECT_NAMES.has(identifier.name) ? { part: 'url', key: undefined, browser: true } : undefined;
  if (def?.type !== 'Variable' || def.node.id !== def.name || !def.node.init) return undefined;
  if (variable?.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const init = skipWrappers(def.node.init);
  const call = init.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(init.argument) : init;
  return call.type === AST_NODE_TYPES.CallExpression ? factoryInput(call) : undefined;
}

function requestInputAt(sourceCode: SourceCode, input: Node, depth: number): RequestInput | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipWrappers(input);
  if (node.type === AST_NODE_TYPES.AwaitExpression) return requestInputAt(sourceCode, node.argument, depth + 1);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const parsed = parsedRequestValue(sourceCode, node, depth);
    if (parsed) return parsed;
    const pathRead = propertyPathRead(sourceCode, node, depth);
    if (pathRead) return pathRead;
    const cookie = cookieInput(sourceCode, node);
    if (cookie) return cookie;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(sourceCode, callee);
    const key = node.arguments[0] ? stringValue(sourceCode, node.arguments[0]) : undefined;
    // Hono `c.req.valid('query')`: the validated query, body or params as a whole.
    if (
      method === 'valid' &&
      key !== undefined &&
      Object.hasOwn(VALIDATED_INPUT_TARGETS, key) &&
      containsRequest(sourceCode, callee.object)
    ) {
      return { part: VALIDATED_INPUT_TARGETS[key], key: undefined, browser: false };
    }
    if (method === 'get' || method === 'getAll') {
      const source = searchParamsSource(sourceCode, callee.object, depth + 1);
      return source ? { ...source, key } : undefined;
    }
    // Hono `c.req.query('next')` / `c.req.param('id')`; Express `req.param('next')`.
    if ((method === 'query' || method === 'param' || method === 'queries') && containsRequest(sourceCode, callee.object)) {
      return { part: method === 'param' ? 'params' : 'query', key, browser: false };
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.Identifier) return identifierInput(sourceCode, node, depth);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const { root, segments } = chainOf(sourceCode, node);
  // `location.search` itself, `window.location.href`: the browser's URL.
  if (
    isBrowserLocation(sourceCode, root) ||
    (segments[0] === 'location' && isBrowserLocation(sourceCode, (node as TSESTree.MemberExpression).object))
  ) {
    return undefined;
  }
  let prefix: RequestInput | undefined;
  let rest = segments;
  if (root.type === AST_NODE_TYPES.Identifier) {
    if (REQUEST_OBJECT_NAMES.has(root.name)) prefix = { part: 'url', key: undefined, browser: false };
    else prefix = identifierInput(sourceCode, root, depth) ?? wholeRequestVariable(sourceCode, root);
  } else if (root.type === AST_NODE_TYPES.CallExpression && QUERY_FACTORIES.has(calleeName(root) ?? '')) {
    // `getQuery(event).code`: a member of the query itself, as through `const q = getQuery(event)`.
    prefix = factoryInput(root);
  } else if (root.type === AST_NODE_TYPES.CallExpression) {
    const whole = requestInputAt(sourceCode, root, depth + 1);
    // `cookies().get('next')?.value` (Next.js), `cookies.get('next')?.value` (Astro): the cookie's value.
    if (whole?.part === 'cookies' && whole.key !== undefined) return segments.length === 1 && segments[0] === 'value' ? whole : undefined;
    // `c.req.valid('json').next`: a member of a part read as a whole.
    prefix = whole?.key === undefined ? whole : undefined;
  } else if (root.type === AST_NODE_TYPES.ThisExpression && ROUTE_OBJECT_NAMES.has(segments[0] ?? '')) {
    // Vue Router's `this.$route.query.code`.
    prefix = { part: 'url', key: undefined, browser: true };
    rest = segments.slice(1);
  } else if (root.type === AST_NODE_TYPES.ThisExpression && REQUEST_OBJECT_NAMES.has(segments[0] ?? '') && segments[0] !== 'c') {
    // A controller holding the request: Egg.js and ThinkJS `this.ctx.query.code`, `this.req.body`.
    prefix = { part: 'url', key: undefined, browser: false };
    rest = segments.slice(1);
  }
  // Angular's injected `ActivatedRoute` under any name (`this.activated.snapshot.queryParams.code`).
  if (
    !prefix &&
    root.type === AST_NODE_TYPES.ThisExpression &&
    (segments[1] === 'queryParams' || segments[1] === 'queryParamMap' || segments[1] === 'snapshot') &&
    isRouteInstance(sourceCode, node as TSESTree.MemberExpression, segments.length - 1)
  ) {
    prefix = { part: 'url', key: undefined, browser: true };
    rest = segments.slice(1);
  }
  if (!prefix) return undefined;
  return applySegments(prefix, rest);
}

/**
 * The object and the constant dotted path of a property-path read (`_.get(query, 'state.href',
 * fallback)`), or undefined when the call is no such read.
 */
export function propertyPathGet(sourceCode: SourceCode, call: TSESTree.CallExpression): { object: Node; path: string } | undefined {
  const [object, path] = call.arguments;
  if (!object || !path || object.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin || !PROPERTY_PATH_GETTERS.some((pattern) => matchesPattern(origin, pattern))) return undefined;
  const text = stringValue(sourceCode, path);
  return text ? { object, path: text } : undefined;
}

/** `_.get(req.query, 'state.href')`: the same read as `req.query.state.href`. */
function propertyPathRead(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): RequestInput | undefined {
  const read = propertyPathGet(sourceCode, call);
  if (!read) return undefined;
  const { object, path: text } = read;
  const target = skipWrappers(object);
  const prefix =
    target.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(target.name)
      ? { part: 'url' as const, key: undefined, browser: false }
      : requestInputAt(sourceCode, object, depth + 1);
  if (!prefix) return undefined;
  // A nested parameter (`state[href]` parsed into an object) is still the parameter `state`.
  const segments = text.split('.');
  for (let length = 1; length <= segments.length; length++) {
    const read = applySegments(prefix, segments.slice(0, length));
    if (read?.key !== undefined) return read;
  }
  return undefined;
}

/** Walks `.query.next` from a request (or a part of it) to the parameter read. */
function applySegments(prefix: RequestInput, segments: readonly string[]): RequestInput | undefined {
  let part: RequestPart | undefined = prefix.part === 'url' ? undefined : prefix.part;
  let key = prefix.key;
  for (const segment of segments) {
    if (!part) {
      if (PARTS[segment]) part = PARTS[segment];
      // `ctx.request.query`, `event.node.req`: intermediate objects of the request.
      continue;
    }
    // `req.query.next.length` is not a parameter any more.
    if (key !== undefined) return undefined;
    key = segment;
  }
  if (!part) return undefined;
  return { part, key, browser: prefix.browser };
}

/** Path of keys from a destructuring pattern's root to `target` (`{ query: { next } }` → ['query', 'next']). */
function patternKeys(sourceCode: SourceCode, pattern: Node, target: TSESTree.Identifier): string[] | undefined {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return pattern === target ? [] : undefined;
    case AST_NODE_TYPES.AssignmentPattern:
      return patternKeys(sourceCode, pattern.left, target);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.RestElement) continue;
        const rest = patternKeys(sourceCode, property.value, target);
        if (!rest) continue;
        const key = propertyKeyName(sourceCode, property);
        return key === undefined ? undefined : [key, ...rest];
      }
      return undefined;
    default:
      return undefined;
  }
}

function identifierInput(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): RequestInput | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === 'Parameter') {
    // Angular: `this.route.queryParams.subscribe((params) => …)`: the observable's value is that part.
    const subscribed = subscribedPart(sourceCode, def.node as TSESTree.FunctionLike, def.name, depth);
    if (subscribed) return subscribed;
    // NestJS: `@Query('code') code`, `@Query() query`, `@Body('code')`, `@Param('id')`.
    const decorated = def.name.type === AST_NODE_TYPES.Identifier ? decoratorInput(sourceCode, def.name) : undefined;
    if (decorated) return decorated;
    if (
      def.name.type === AST_NODE_TYPES.Identifier &&
      def.name.name === identifier.name &&
      PART_PARAMETERS[identifier.name] &&
      def.name.parent?.type !== AST_NODE_TYPES.Property
    ) {
      return { part: PART_PARAMETERS[identifier.name], key: undefined, browser: false };
    }
    // `function Page({ searchParams })`, `({ query: { next } })`.
    const fn = def.node as TSESTree.FunctionLike;
    for (const param of fn.params ?? []) {
      if (param.type !== AST_NODE_TYPES.ObjectPattern && param.type !== AST_NODE_TYPES.AssignmentPattern) continue;
      const keys = patternKeys(sourceCode, param, def.name as TSESTree.Identifier);
      if (!keys || keys.length === 0) continue;
      if (PART_PARAMETERS[keys[0]]) return applySegments({ part: PART_PARAMETERS[keys[0]], key: undefined, browser: false }, keys.slice(1));
      return undefined;
    }
    return undefined;
  }
  if (def.type !== 'Variable') return undefined;
  if (!def.node.init) {
    // `let state; try { state = JSON.parse(raw) } catch {…}`: declared bare, assigned once.
    const definition = definitionOf(sourceCode, identifier);
    return definition === identifier ? undefined : requestInputAt(sourceCode, definition, depth + 1);
  }
  if (def.node.id.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, identifier);
    if (definition !== identifier) return requestInputAt(sourceCode, definition, depth + 1);
    // `let next = req.query.next` reassigned later: the first value still came from the request.
    return requestInputAt(sourceCode, def.node.init, depth + 1);
  }
  const keys = patternKeys(sourceCode, def.node.id, def.name as TSESTree.Identifier);
  if (!keys) return undefined;
  let init = skipWrappers(def.node.init);
  // `const { code } = event.queryStringParameters ?? {}`: the empty fallback adds no keys.
  if (
    init.type === AST_NODE_TYPES.LogicalExpression &&
    init.operator !== '&&' &&
    init.right.type === AST_NODE_TYPES.ObjectExpression &&
    init.right.properties.length === 0
  )
    init = skipWrappers(init.left);
  if (init.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(init.name))
    return applySegments({ part: 'url', key: undefined, browser: false }, keys);
  const factory = init.type === AST_NODE_TYPES.CallExpression ? factoryInput(init) : undefined;
  if (factory) return applySegments(factory, keys);
  // `const { next } = Object.fromEntries(url.searchParams)` / `= req.query`.
  if (init.type === AST_NODE_TYPES.CallExpression && calleeName(init) === 'fromEntries' && init.arguments[0]) {
    const source = searchParamsSource(sourceCode, init.arguments[0], depth + 1);
    return source ? applySegments({ ...source, key: undefined }, keys) : undefined;
  }
  // `const { searchParams } = new URL(request.url)` (Next.js route handlers) / `= new URL(location.href)`.
  if (keys[0] === 'searchParams' && init.type === AST_NODE_TYPES.NewExpression && init.arguments[0]) {
    const browser = containsBrowserLocation(sourceCode, init.arguments[0]);
    if (browser || containsRequest(sourceCode, init.arguments[0]))
      return applySegments({ part: 'search-params', key: undefined, browser }, keys.slice(1));
  }
  // `const { code } = query` where `const query = getQuery(event)` (h3): the variable holds the query as a whole.
  const base =
    requestInputAt(sourceCode, init, depth + 1) ??
    (init.type === AST_NODE_TYPES.Identifier ? wholeRequestVariable(sourceCode, init) : undefined);
  if (!base || base.key !== undefined) return undefined;
  return applySegments(base, keys);
}

/** Whether the object `levels` members up the chain from `member` is an instance of a router's route class (`ActivatedRoute`). */
function isRouteInstance(sourceCode: SourceCode, member: TSESTree.MemberExpression, levels: number): boolean {
  let object: Node = member;
  for (let i = 0; i < levels && object.type === AST_NODE_TYPES.MemberExpression; i++) object = skipWrappers(object.object);
  const origin = originOf(sourceCode, object);
  return (
    origin !== undefined &&
    origin.path.length === 2 &&
    origin.path[1] === CALL &&
    ROUTE_CLASSES.some((pattern) => matchesPattern({ module: origin.module, path: [origin.path[0]] }, pattern))
  );
}

/**
 * `qs.parse(state)`, `JSON.parse(atob(req.query.state))`: an object parsed out of one request
 * parameter, whose keys (`redirect`, `returnTo`) are the request's as a whole part is.
 */
function parsedRequestValue(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): RequestInput | undefined {
  const argument = call.arguments[0];
  // The name first: every call asked about would otherwise be resolved.
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || calleeName(call) !== 'parse') return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin || !REQUEST_VALUE_PARSERS.some((pattern) => matchesPattern(origin, pattern))) return undefined;
  let value: Node = skipWrappers(argument);
  for (let i = 0; i < 3 && value.type === AST_NODE_TYPES.CallExpression; i++) {
    const decoder = calleeOrigin(sourceCode, value);
    const inner = value.arguments[0];
    if (!decoder || !inner || inner.type === AST_NODE_TYPES.SpreadElement) break;
    if (!REQUEST_VALUE_DECODERS.some((pattern) => matchesPattern(decoder, pattern))) break;
    value = skipWrappers(inner);
  }
  const source = requestInputAt(sourceCode, value, depth + 1);
  return source?.key !== undefined && source.part !== 'cookies'
    ? { part: source.part, key: undefined, browser: source.browser }
    : undefined;
}

/** The part of the browser's URL an observable of it hands to `subscribe`'s callback (`route.queryParams.subscribe((p) => …)`). */
function subscribedPart(sourceCode: SourceCode, fn: TSESTree.FunctionLike, param: Node, depth: number): RequestInput | undefined {
  if (fn.params[0] !== param) return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'subscribe') return undefined;
  const source = requestInputAt(sourceCode, callee.object, depth + 1);
  return source?.browser && source.key === undefined ? source : undefined;
}

/** The request part a parameter decorator binds (`@Query('code') code` → the query's `code`). */
function decoratorInput(sourceCode: SourceCode, parameter: TSESTree.Identifier): RequestInput | undefined {
  for (const decorator of parameter.decorators ?? []) {
    const call = decorator.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const origin = calleeOrigin(sourceCode, call);
    const part = origin ? REQUEST_PARAMETER_DECORATORS.find(([pattern]) => matchesPattern(origin, pattern))?.[1] : undefined;
    if (!part) continue;
    const name = call.arguments[0];
    const key = name && name.type !== AST_NODE_TYPES.SpreadElement ? stringValue(sourceCode, name) : undefined;
    if (name && key === undefined) return undefined;
    return { part, key, browser: false };
  }
  return undefined;
}

/** Whether `node` is a value of the incoming request or the browser's location query. */
export function requestInput(sourceCode: SourceCode, node: Node): RequestInput | undefined {
  return guarded(() => requestInputAt(sourceCode, node, 0), undefined);
}
