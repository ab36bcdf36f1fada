/**
 * Browser callbacks that take what the authorization server sent back out of the URL the
 * browser was redirected to — the implicit and hybrid flows' `access_token` / `id_token` in the
 * fragment, the code flow's `code` in the query — however the URL is read and parsed:
 *
 *   new URLSearchParams(location.hash.slice(1)).get('access_token')
 *   location.hash.substring(1).split('&').find((p) => p.startsWith('access_token'))
 *   window.location.href.match(/access_token=([^&]*)/)
 *   queryString.parse(useLocation().hash).access_token       a router's fragment
 *   const { id_token } = parseFragment()                      a helper of this file that parses it
 *   redirectUrl.substring(redirectUrl.indexOf('id_token=') + 9)   identity.launchWebAuthFlow's URL
 *   getHashParam('access_token')                              a fragment/query getter, by its name
 *   const code = location.search.split('=')[1]                positional: the binding's name says what
 *
 * `redirectReads(sourceCode)` lists them once per file. `guardedBy(sourceCode, read, check)`
 * answers whether a check (a state or nonce comparison) is visible where the read happens: in
 * its function and the functions around it, in local helpers they call, and — when the read
 * sits in a local helper — in the callers of that helper.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, findVariable, soleValueDefinition } from './ast';
import { fileFacts } from './file-facts';
import { calledFunction, callSitesOf } from './functions';
import {
  calleeOrigin,
  GLOBAL_MODULE,
  localFunction,
  lookup,
  memberName,
  originOf,
  propertyKeyName,
  returnedExpressions,
  skipWrappers,
} from './modules';
import { requestInput } from './request-input';
import {
  AUTH_RESULT_SOURCES,
  ELECTRON_NAVIGATION_EVENTS,
  EXTENSION_API_ROOTS,
  EXTENSION_NAVIGATION_LISTENERS,
} from '../knowledge/requests';
import { namesNonce, pairFieldName, tokenKindFromName } from './tokens';
import { descendants, stringValue } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type Variable = TSESLint.Scope.Variable;

/** What the authorization server put in the redirect that a callback must not take without checks. */
export type RedirectParam = 'access_token' | 'id_token' | 'code';
/** The part of the URL a value comes from: the fragment, the query, or the whole URL. */
export type UrlPart = 'fragment' | 'query' | 'url';

export interface RedirectRead {
  /** Where the parameter is taken out of the URL (the report location). */
  readonly node: Node;
  readonly param: RedirectParam;
  readonly part: UrlPart;
  /** The read names no parameter (`split('=')[1]`); the binding's name says what it holds. */
  readonly byName: boolean;
  /** The function the read sits in (undefined at the top level). */
  readonly fn: FunctionNode | undefined;
}

const PARAMS: ReadonlySet<string> = new Set<RedirectParam>(['access_token', 'id_token', 'code']);
/** The parameter's name as a word in a string or regex (`access_token=`, `'#id_token'`, `/code=([^&]+)/`). */
const PARAM_WORD = /(?:^|\W)(access_token|id_token|code)\b/;
/** Methods of a string or array that answer a question about it rather than take a piece of it. */
const PREDICATES = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'test',
  'some',
  'every',
  'has',
  'search',
  'localeCompare',
  'forEach',
  'push',
  'set',
  'append',
  'delete',
  'assign',
  'replaceState',
  'pushState',
]);
/** Methods that take a piece of a string or list: a read when their arguments name the parameter. */
const EXTRACTORS = new Set([
  'match',
  'matchAll',
  'exec',
  'split',
  'substring',
  'substr',
  'slice',
  'replace',
  'replaceAll',
  'find',
  'filter',
]);
/** Array methods whose callback receives the elements of the list they are called on. */
const ELEMENT_CALLBACKS = new Set(['find', 'filter', 'map', 'forEach', 'some', 'every', 'reduce', 'flatMap', 'findLast']);
/** Global functions whose result is their (first) argument, transformed or parsed. */
const PASS_THROUGH_GLOBALS = new Set(['decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'String', 'JSON.parse', 'Object.fromEntries']);
/** Query-string parsers: `qs.parse(location.search)`, `queryString.parse(hash)`, `url.parse(href, true)`. */
const PARSER_MODULES = new Set(['qs', 'query-string', 'querystring', 'url', 'querystringify', 'query-string-for-all']);
/** Router objects: React Router's `useLocation()`, Vue's `useRoute()` / `this.$route`, Angular's `route.snapshot`. */
const ROUTER_FACTORIES = new Set(['useLocation', 'useRoute']);
const ROUTER_PARTS: Readonly<Record<string, UrlPart>> = {
  hash: 'fragment',
  fragment: 'fragment',
  search: 'query',
  query: 'query',
  queryParams: 'query',
  queryParamMap: 'query',
  href: 'url',
  fullPath: 'url',
  url: 'url',
};
/** Helpers that read one parameter of the current URL by name: `getHashParam('access_token')`, `getParameterByName('code')`. */
const GETTER_NAME = /hash|fragment|query|search|url|param/i;
const NOT_URL_GETTER = /storage|cookie|header|store|cache|env|config|setting|local|session/i;

const MAX_DEPTH = 10;

interface Context {
  readonly sourceCode: SourceCode;
  /** Functions whose result is being decided (cycles through helpers). */
  readonly visiting: Set<Node>;
}

function partOfLocationPath(path: string): UrlPart | undefined {
  const match = /^(?:document\.)?location(?:\.(hash|search|href|toString\.\(\)))?$/.exec(path);
  if (!match) return undefined;
  return match[1] === 'hash' ? 'fragment' : match[1] === 'search' ? 'query' : 'url';
}

/** `location`, `window.location.hash`, `document.location.search`: the browser's own URL. */
function globalLocationPart(sourceCode: SourceCode, node: Node): UrlPart | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const origin = originOf(sourceCode, node);
  if (origin?.module !== GLOBAL_MODULE) return undefined;
  return partOfLocationPath(origin.path.join('.'));
}

function calleeName(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(sourceCode, callee);
  return undefined;
}

/** `chrome.identity.launchWebAuthFlow(...)` / `browser.identity.launchWebAuthFlow(...)`: resolves with the redirect URL. */
function isWebAuthFlowCall(sourceCode: SourceCode, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'launchWebAuthFlow') return false;
  const object = skipWrappers(callee.object);
  return object.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, object) === 'identity';
}

/** `webContents.on('will-navigate', listener)`: Electron hands the listener the URL the window navigates to. */
function isNavigationListener(sourceCode: SourceCode, call: TSESTree.CallExpression, listener: FunctionNode): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments[1] !== listener) return false;
  const method = memberName(sourceCode, callee);
  if (method !== 'on' && method !== 'once') return false;
  const target = skipWrappers(callee.object);
  const event = call.arguments[0] ? stringValue(sourceCode, call.arguments[0]) : undefined;
  return (
    event !== undefined &&
    ELECTRON_NAVIGATION_EVENTS.has(event) &&
    target.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, target) === 'webContents'
  );
}

/**
 * `details.url` in `chrome.webNavigation.onCompleted.addListener((details) => …)` or
 * `chrome.tabs.onUpdated.addListener((tabId, changeInfo, tab) => …)`: the URL the tab went to.
 */
function isExtensionNavigationUrl(sourceCode: SourceCode, member: TSESTree.MemberExpression): boolean {
  const name = memberName(sourceCode, member);
  const object = skipWrappers(member.object);
  if ((name !== 'url' && name !== 'pendingUrl') || object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(object), object);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter') return false;
  const fn = def.node as FunctionNode;
  const index = fn.params.indexOf(def.name as TSESTree.Parameter);
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'addListener') return false;
  // `chrome.webNavigation.onCompleted` → ['webNavigation', 'onCompleted'] under an extension root.
  const path: string[] = [];
  let current: Node = skipWrappers(callee.object);
  while (current.type === AST_NODE_TYPES.MemberExpression && path.length < 4) {
    const segment = memberName(sourceCode, current);
    if (segment === undefined) return false;
    path.unshift(segment);
    current = skipWrappers(current.object);
  }
  if (!isExtensionApi(sourceCode, current, 0) || path.length !== 2) return false;
  const params = EXTENSION_NAVIGATION_LISTENERS.get(path.join('.')) ?? EXTENSION_NAVIGATION_LISTENERS.get(`${path[0]}.*`);
  return params !== undefined && params.includes(index);
}

/**
 * `chrome`, `browser`, or the project's alias of them: `const browserApi = getBrowserApi()` whose
 * helper returns `browser`, or `{ ...chrome, storage: … }`, or `chrome || browser`.
 */
function isExtensionApi(sourceCode: SourceCode, node: Node, depth: number): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier && EXTENSION_API_ROOTS.has(inner.name)) return true;
  if (depth > 2) return false;
  if (inner.type === AST_NODE_TYPES.LogicalExpression)
    return isExtensionApi(sourceCode, inner.left, depth + 1) || isExtensionApi(sourceCode, inner.right, depth + 1);
  if (inner.type === AST_NODE_TYPES.ObjectExpression)
    return inner.properties.some(
      (property) => property.type === AST_NODE_TYPES.SpreadElement && isExtensionApi(sourceCode, property.argument, depth + 1),
    );
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const def = soleValueDefinition(findVariable(sourceCode.getScope(inner), inner));
    return def?.type === 'Variable' && def.node.init !== null && isExtensionApi(sourceCode, def.node.init, depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.length === 0) {
    const fn = localFunction(sourceCode, inner.callee);
    return (fn && returnedExpressions(fn)?.some((expression) => isExtensionApi(sourceCode, expression, depth + 1))) ?? false;
  }
  return false;
}

/**
 * The result of an SDK's authorization prompt (AUTH_RESULT_SOURCES): `result` of
 * `const [request, result] = useAuthRequest(…)`, or `await promptAsync()`. Its `.params` are
 * the redirect's parameters.
 */
function isAuthResult(sourceCode: SourceCode, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || !fileFacts(sourceCode).mayMatch(AUTH_RESULT_SOURCES)) return false;
  const def = soleValueDefinition(findVariable(sourceCode.getScope(node), node));
  if (def?.type !== 'Variable' || !def.node.init) return false;
  const declarator = def.node;
  const init = skipWrappers(declarator.init as Node);
  if (declarator.id.type === AST_NODE_TYPES.ArrayPattern && init.type === AST_NODE_TYPES.CallExpression) {
    const index = declarator.id.elements.indexOf(def.name as TSESTree.DestructuringPattern);
    return lookup(calleeOrigin(sourceCode, init), AUTH_RESULT_SOURCES) === index;
  }
  if (declarator.id === def.name && init.type === AST_NODE_TYPES.AwaitExpression) {
    const awaited = skipWrappers(init.argument);
    if (awaited.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipWrappers(awaited.callee);
    // `promptAsync` is the third element of the same useAuthRequest tuple.
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const promptDef = soleValueDefinition(findVariable(sourceCode.getScope(callee), callee));
      if (promptDef?.type === 'Variable' && promptDef.node.id.type === AST_NODE_TYPES.ArrayPattern && promptDef.node.init) {
        const tuple = skipWrappers(promptDef.node.init as Node);
        return tuple.type === AST_NODE_TYPES.CallExpression && lookup(calleeOrigin(sourceCode, tuple), AUTH_RESULT_SOURCES) === 1;
      }
    }
    return lookup(calleeOrigin(sourceCode, awaited), AUTH_RESULT_SOURCES) === 'awaited';
  }
  return false;
}

/**
 * The read takes its parameter from an SDK's authorization result (`result.params.id_token`):
 * the SDK made and compared the state itself (expo-auth-session), so no state check is owed here.
 */
export function readsSdkResult(sourceCode: SourceCode, read: RedirectRead): boolean {
  let node: Node = skipWrappers(read.node);
  for (let depth = 0; depth < 8; depth++) {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipWrappers(node.object);
      if (memberName(sourceCode, node) === 'params' && isAuthResult(sourceCode, object)) return true;
      node = object;
    } else if (node.type === AST_NODE_TYPES.CallExpression) node = skipWrappers(node.callee);
    else return false;
  }
  return false;
}

/** A router's location or route object: `useLocation()`, `useRoute()`, `this.$route`, `props.location`, `route.snapshot`. */
function isRouterObject(sourceCode: SourceCode, node: Node, context: Context, depth: number): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) return ROUTER_FACTORIES.has(calleeName(sourceCode, inner) ?? '');
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(sourceCode, inner);
    // `this.$route`, `props.location`, `this.props.location`, `this.route.snapshot`.
    return name === '$route' || name === 'location' || name === 'snapshot';
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(context.sourceCode.getScope(inner), inner);
    const def = soleValueDefinition(variable);
    if (def?.type === 'Variable' && def.node.id === def.name && def.node.init && depth < MAX_DEPTH)
      return isRouterObject(sourceCode, def.node.init, context, depth + 1);
    // A router location handed to a function (`initialize = (location) => …`, `({ location }) => …`).
    if (def?.type === 'Parameter') return inner.name === 'location' || inner.name === 'route';
  }
  return false;
}

/** The elements' source when `param` is the callback parameter of `list.find(p => …)` and friends. */
function elementSource(sourceCode: SourceCode, fn: FunctionNode, param: Node): Node | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(sourceCode, callee) ?? '';
  if (!ELEMENT_CALLBACKS.has(method)) return undefined;
  // `reduce((acc, item) => …)`: the second parameter is the element.
  const index = method === 'reduce' ? 1 : 0;
  return fn.params[index] === param ? callee.object : undefined;
}

/** The argument given for a parameter of a local function or class method, in any call of it in the file. */
function argumentsFor(sourceCode: SourceCode, fn: FunctionNode, index: number): Node[] {
  const found: Node[] = [];
  const name = functionName(fn)?.name;
  for (const call of callSitesOf(sourceCode, fn)) {
    // The function called — by its name, or a method on `this` — not handed on (`list.map(parse)`,
    // `this.run(parse)` pass it as an argument).
    const callee = skipWrappers(call.callee);
    const called =
      name === undefined
        ? callee.type === AST_NODE_TYPES.MemberExpression && skipWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression
        : callee.type === AST_NODE_TYPES.Identifier && callee.name === name;
    if (!called) continue;
    const argument = call.arguments[index];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) found.push(argument);
  }
  return found;
}

function functionName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return undefined;
}

function identifierPart(identifier: TSESTree.Identifier, context: Context, depth: number): UrlPart | undefined {
  const { sourceCode } = context;
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  // An undeclared global of sloppy code (`parameters = location.hash.split('&')`): its one assignment.
  if (!variable) return implicitGlobalPart(identifier, context, depth);
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === 'Variable') {
    const declarator = def.node;
    if (!declarator.init) {
      // `for (const pair of location.hash.split('&'))`.
      const loop = declarator.parent?.parent;
      if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) return partOf(loop.right, context, depth + 1);
      // `var m; while (m = re.exec(hash))`: its assignments.
      return writtenPart(variable, declarator, context, depth)?.part;
    }
    if (declarator.id === def.name) {
      // `let hash = location.hash; hash = hash.substring(1)`: it started as the URL, and reassignments derive from it.
      // `let params = {}` filled or replaced later by a parse of the URL: what is written into it.
      return partOf(declarator.init, context, depth + 1) ?? writtenPart(variable, declarator, context, depth)?.part;
    }
    // `const { hash } = useLocation()`, `const { search } = window.location`, `const [, fragment] = href.split('#')`.
    const pattern = declarator.id;
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      const property = pattern.properties.find(
        (entry): entry is TSESTree.Property =>
          entry.type === AST_NODE_TYPES.Property &&
          (entry.value === def.name || (entry.value.type === AST_NODE_TYPES.AssignmentPattern && entry.value.left === def.name)),
      );
      const key = property ? propertyKeyName(sourceCode, property) : undefined;
      if (key === undefined) return undefined;
      const init = skipWrappers(declarator.init);
      const global = globalLocationPart(sourceCode, init);
      if (global === 'url' && (key === 'hash' || key === 'search' || key === 'href')) return ROUTER_PARTS[key];
      if (isRouterObject(sourceCode, init, context, depth + 1) && ROUTER_PARTS[key]) return ROUTER_PARTS[key];
      return undefined;
    }
    if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
      // `const [searchParams] = useSearchParams()` (React Router).
      const init = skipWrappers(declarator.init);
      if (init.type === AST_NODE_TYPES.CallExpression && calleeName(sourceCode, init) === 'useSearchParams') return 'query';
      return partOf(init, context, depth + 1);
    }
    return undefined;
  }
  if (def.type === 'Parameter') {
    const fn = def.node as FunctionNode;
    const index = fn.params.indexOf(def.name as TSESTree.Parameter);
    // `list.find((p) => …)`: p is an element of a list cut from the URL.
    const elements = index >= 0 ? elementSource(sourceCode, fn, def.name) : undefined;
    if (elements) return partOf(elements, context, depth + 1);
    const call = fn.parent;
    // Electron: `win.webContents.on('will-navigate', (event, url) => …)`.
    if (index === 1 && call?.type === AST_NODE_TYPES.CallExpression && isNavigationListener(sourceCode, call, fn)) return 'url';
    // `chrome.identity.launchWebAuthFlow({ url }, (redirectUrl) => …)` / `.then((redirectUrl) => …)`.
    if (index === 0 && call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      if (isWebAuthFlowCall(sourceCode, call)) return 'url';
      const callee = skipWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'then')
        return isWebAuthFlowCall(sourceCode, skipWrappers(callee.object)) ? 'url' : undefined;
    }
    // A helper of this file given the URL: `function parseFragment(hash) { … }` called with `location.hash`.
    if (index >= 0 && !context.visiting.has(fn)) {
      context.visiting.add(fn);
      try {
        for (const argument of argumentsFor(sourceCode, fn, index)) {
          const part = partOf(argument, context, depth + 1);
          if (part) return part;
        }
      } finally {
        context.visiting.delete(fn);
      }
    }
  }
  return undefined;
}

interface Written {
  readonly part: UrlPart;
  /** The assignment that put the URL's piece into the variable. */
  readonly node: Node;
}

/**
 * A variable that gets its value from the URL after its declaration: reassigned
 * (`let r = {}; r = hash.split('&').reduce(…)`, `var m; while (m = re.exec(hash))`) or filled by a
 * generic key=value loop (`params[m[1]] = decodeURIComponent(m[2])`, `map.set(k, v)`) — a key that
 * is no constant, so every parameter of the URL lands in it.
 */
function writtenPart(variable: Variable, declarator: Node, context: Context, depth: number): Written | undefined {
  const { sourceCode } = context;
  if (context.visiting.has(declarator) || depth > MAX_DEPTH) return undefined;
  context.visiting.add(declarator);
  try {
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier;
      const parent = identifier.parent;
      let value: Node | undefined;
      let write: Node | undefined;
      if (reference.isWrite()) {
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === identifier) {
          value = parent.right;
          write = parent;
        }
      } else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && parent.computed) {
        const assignment = parent.parent;
        if (
          assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
          assignment.operator === '=' &&
          assignment.left === parent &&
          stringValue(sourceCode, parent.property) === undefined
        ) {
          value = assignment.right;
          write = assignment;
        }
      } else if (
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === identifier &&
        memberName(sourceCode, parent) === 'set'
      ) {
        const call = parent.parent;
        const [key, entry] = call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent ? call.arguments : [];
        if (key && entry && key.type !== AST_NODE_TYPES.SpreadElement && stringValue(sourceCode, key) === undefined) {
          value = entry;
          write = call;
        }
      }
      const part = value && write ? partOf(value, context, depth + 1) : undefined;
      if (part && write) return { part, node: write };
    }
  } finally {
    context.visiting.delete(declarator);
  }
  return undefined;
}

/**
 * Where a read of `params.access_token` takes the parameter out of the URL when `params` is
 * filled or replaced by a parse of it in the same function (`while (m = re.exec(hash)) params[m[1]] = m[2]`):
 * that parse, not each later read of the object.
 */
function filledAt(object: Node, context: Context): Written | undefined {
  const inner = skipWrappers(object);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(context.sourceCode.getScope(inner), inner);
  const def = soleValueDefinition(variable);
  if (!variable || def?.type !== 'Variable' || def.node.id !== def.name) return undefined;
  if (def.node.init && partOf(def.node.init, context, 1)) return undefined;
  const written = writtenPart(variable, def.node, context, 1);
  if (!written) return undefined;
  // In the read's function or in a callback inside it (`hash.split('&').forEach((kv) => { p[k] = v })`).
  const readIn = enclosingFunction(inner);
  let fn = enclosingFunction(written.node);
  while (fn !== readIn) {
    const call = fn?.parent;
    if (!fn || call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument))
      return undefined;
    fn = enclosingFunction(fn);
  }
  return written;
}

function implicitGlobalPart(identifier: TSESTree.Identifier, context: Context, depth: number): UrlPart | undefined {
  const writes = fileFacts(context.sourceCode)
    .nodesOfType(AST_NODE_TYPES.AssignmentExpression)
    .filter((write) => write.left.type === AST_NODE_TYPES.Identifier && write.left.name === identifier.name);
  return writes.length === 1 && writes[0].operator === '=' ? partOf(writes[0].right, context, depth + 1) : undefined;
}

/** A local helper (function or `this.method`) that reads the URL and returns something made from it. */
function helperOf(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = skipWrappers(call.callee);
  const local = localFunction(sourceCode, callee);
  if (
    local?.type === AST_NODE_TYPES.FunctionDeclaration ||
    local?.type === AST_NODE_TYPES.FunctionExpression ||
    local?.type === AST_NODE_TYPES.ArrowFunctionExpression
  )
    return local;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || skipWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression)
    return undefined;
  const name = memberName(sourceCode, callee);
  for (let current: Node | undefined = call.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    for (const element of current.body) {
      if (
        (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
        !element.computed &&
        propertyKeyName(sourceCode, element) === name
      ) {
        const value = element.value;
        if (value?.type === AST_NODE_TYPES.FunctionExpression || value?.type === AST_NODE_TYPES.ArrowFunctionExpression) return value;
      }
    }
    return undefined;
  }
  return undefined;
}

function helperPart(fn: FunctionNode, context: Context, depth: number): UrlPart | undefined {
  if (context.visiting.has(fn) || !fn.body) return undefined;
  const returned = returnedExpressions(fn);
  if (!returned) return undefined;
  context.visiting.add(fn);
  try {
    for (const expression of returned) {
      const part = partOf(expression, context, depth + 1);
      if (part) return part;
    }
    // `const map = new Map(); for (…of hash.split('&')) map.set(k, v); return map`: a parser of the URL.
    if (readsUrl(fn, context)) return 'url';
  } finally {
    context.visiting.delete(fn);
  }
  return undefined;
}

/**
 * A parser of another project module: `parseHash(window.location.hash)` from '../utils' returns
 * the fragment's parameters when it is handed the fragment and returns something made from it;
 * `getHashParams()` when it reads the URL itself (judged in its own module's SourceCode).
 */
function importedHelperPart(call: TSESTree.CallExpression, context: Context, depth: number): UrlPart | undefined {
  const { sourceCode } = context;
  if (!fileFacts(sourceCode).importsProjectModules) return undefined;
  const helper = calledFunction(sourceCode, call.callee);
  if (!helper?.imported || context.visiting.has(helper.fn) || !returnedExpressions(helper.fn)) return undefined;
  const own = helperPart(helper.fn, { sourceCode: helper.sourceCode, visiting: context.visiting }, depth);
  return own ?? givenPart(helper.sourceCode, helper.fn, call, context, depth);
}

/**
 * A helper handed a piece of the URL by this call (`extract(details.url)`, `parseHash(location.hash)`)
 * returns something made from it, when it uses what it is given (a parser, not a function that
 * ignores its argument).
 */
function givenPart(
  helperSource: SourceCode,
  fn: FunctionNode,
  call: TSESTree.CallExpression,
  context: Context,
  depth: number,
): UrlPart | undefined {
  const returned = returnedExpressions(fn);
  if (!returned) return undefined;
  for (const [index, argument] of call.arguments.entries()) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const param = fn.params[index];
    const binding = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (binding?.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = helperSource.scopeManager?.acquire(fn as Node)?.set.get(binding.name);
    if (!variable || variable.references.length === 0) continue;
    // What it returns must be cut from the parameter; a token request that sends the code returns the response.
    if (!returned.some((expression) => cutFrom(helperSource, expression, variable, 0))) continue;
    const part = partOf(argument, context, depth);
    if (part) return part;
  }
  return undefined;
}

/**
 * Whether a value is cut from `variable`: the variable itself, a member or method result of it
 * (`hash.split('&').reduce(…)`), or a parse of it (`new URLSearchParams(hash)`,
 * `Object.fromEntries(…)`), through local bindings. A call that merely sends it (`fetch(url, { body })`)
 * makes a new value.
 */
function cutFrom(sourceCode: SourceCode, node: Node, variable: Variable, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const inner = skipWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const found = findVariable(sourceCode.getScope(inner), inner);
      if (found === variable) return true;
      const def = soleValueDefinition(found);
      return def?.type === 'Variable' && def.node.init !== null && cutFrom(sourceCode, def.node.init, variable, depth + 1);
    }
    case AST_NODE_TYPES.AwaitExpression:
      return cutFrom(sourceCode, inner.argument, variable, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return cutFrom(sourceCode, inner.object, variable, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return cutFrom(sourceCode, inner.consequent, variable, depth + 1) || cutFrom(sourceCode, inner.alternate, variable, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return cutFrom(sourceCode, inner.left, variable, depth + 1) || cutFrom(sourceCode, inner.right, variable, depth + 1);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = skipWrappers(inner.callee);
      // `/access_token=([^&]*)/.exec(hash)`: a regular expression's match is cut from its argument.
      if (
        inner.type === AST_NODE_TYPES.CallExpression &&
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(sourceCode, callee) === 'exec'
      ) {
        const subject = inner.arguments[0];
        return subject !== undefined && subject.type !== AST_NODE_TYPES.SpreadElement && cutFrom(sourceCode, subject, variable, depth + 1);
      }
      if (
        inner.type === AST_NODE_TYPES.CallExpression &&
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !isGlobalCall(sourceCode, callee)
      )
        return cutFrom(sourceCode, callee.object, variable, depth + 1);
      const origin = originOf(sourceCode, callee);
      const name = origin?.module === GLOBAL_MODULE ? origin.path.join('.') : undefined;
      if (inner.type === AST_NODE_TYPES.CallExpression && name === undefined && helperCutsFrom(sourceCode, inner, variable, depth))
        return true;
      const parses = name !== undefined && (PASS_THROUGH_GLOBALS.has(name) || name === 'URLSearchParams' || name === 'URL');
      const first = inner.arguments[0];
      return (
        parses && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && cutFrom(sourceCode, first, variable, depth + 1)
      );
    }
    default:
      return false;
  }
}

/** A helper of the project handed a value cut from `variable` that returns what it cuts from that parameter (`getHashFromURL(windowHash)`). */
function helperCutsFrom(sourceCode: SourceCode, call: TSESTree.CallExpression, variable: Variable, depth: number): boolean {
  const helper = calledFunction(sourceCode, call.callee);
  const returned = helper ? returnedExpressions(helper.fn) : undefined;
  if (!helper || !returned) return false;
  return call.arguments.some((argument, index) => {
    if (argument.type === AST_NODE_TYPES.SpreadElement || !cutFrom(sourceCode, argument, variable, depth + 1)) return false;
    const param = helper.fn.params[index];
    const binding = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (binding?.type !== AST_NODE_TYPES.Identifier) return false;
    const own = helper.sourceCode.scopeManager?.acquire(helper.fn as Node)?.set.get(binding.name);
    return own !== undefined && returned.some((expression) => cutFrom(helper.sourceCode, expression, own, depth + 1));
  });
}

/** `JSON.parse(…)`, `Object.fromEntries(…)`: a global's method, judged by its argument rather than its receiver. */
function isGlobalCall(sourceCode: SourceCode, callee: TSESTree.MemberExpression): boolean {
  return originOf(sourceCode, callee)?.module === GLOBAL_MODULE;
}

/** A place the redirect URL itself is read from (no derivation): the global location, a router's parts, a web-auth-flow result. */
function sourcePart(input: Node, context: Context, depth: number): UrlPart | undefined {
  const { sourceCode } = context;
  const node = skipWrappers(input);
  const global = globalLocationPart(sourceCode, node);
  if (global) return global;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(sourceCode, node) ?? '';
    if (ROUTER_PARTS[name] && name !== 'url' && isRouterObject(sourceCode, node.object, context, depth + 1)) return ROUTER_PARTS[name];
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression && isWebAuthFlowCall(sourceCode, skipWrappers(node.argument))) return 'url';
  return undefined;
}

/** Whether an expression holds (a piece of, or a parse of) the URL the browser was redirected to. */
function partOf(input: Node, context: Context, depth: number): UrlPart | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { sourceCode } = context;
  const node = skipWrappers(input);
  const source = sourcePart(node, context, depth);
  if (source) return source;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return identifierPart(node, context, depth);
    case AST_NODE_TYPES.AwaitExpression:
      return partOf(node.argument, context, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return partOf(node.left, context, depth + 1);
    case AST_NODE_TYPES.MemberExpression: {
      // The other parts of a location (`location.origin`, `location.pathname`) are not the redirect's parameters.
      const object = skipWrappers(node.object);
      const origin =
        object.type === AST_NODE_TYPES.Identifier || object.type === AST_NODE_TYPES.MemberExpression
          ? originOf(sourceCode, object)
          : undefined;
      if (origin?.module === GLOBAL_MODULE && /^(?:document\.)?location$/.test(origin.path.join('.'))) return undefined;
      if (isExtensionNavigationUrl(sourceCode, node)) return 'url';
      if (memberName(sourceCode, node) === 'params' && isAuthResult(sourceCode, object)) return 'query';
      if (isRouterObject(sourceCode, object, context, depth + 1)) return undefined;
      // `parts[1]`, `match[2]`, `parsed.access_token`: still from the URL.
      return partOf(object, context, depth + 1);
    }
    case AST_NODE_TYPES.NewExpression: {
      const name = calleeName(sourceCode, node);
      if ((name === 'URLSearchParams' || name === 'URL') && node.arguments[0]) return partOf(node.arguments[0], context, depth + 1);
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(node.callee);
      const first = node.arguments[0];
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(sourceCode, callee) ?? '';
        // `/access_token=([^&]*)/.exec(location.hash)`.
        if (method === 'exec' && first && first.type !== AST_NODE_TYPES.SpreadElement) return partOf(first, context, depth + 1);
        if (!PREDICATES.has(method)) {
          const fromObject = partOf(callee.object, context, depth + 1);
          if (fromObject) return fromObject;
        }
      }
      if (first && first.type !== AST_NODE_TYPES.SpreadElement) {
        const origin = originOf(sourceCode, callee);
        const passThrough =
          (origin?.module === GLOBAL_MODULE && PASS_THROUGH_GLOBALS.has(origin.path.join('.'))) ||
          (origin !== undefined && PARSER_MODULES.has(origin.module.replace(/^node:/, '')) && origin.path.at(-1) === 'parse');
        if (passThrough) return partOf(first, context, depth + 1);
      }
      const helper = helperOf(sourceCode, node);
      if (helper) return helperPart(helper, context, depth + 1) ?? givenPart(sourceCode, helper, node, context, depth + 1);
      return importedHelperPart(node, context, depth + 1);
    }
    default:
      return undefined;
  }
}

/** Whether `node` holds (a piece of, or a parse of) the URL the browser was redirected to, and which part. */
export function redirectUrlPart(sourceCode: SourceCode, node: Node): UrlPart | undefined {
  try {
    return partOf(node, { sourceCode, visiting: new Set() }, 0);
  } catch {
    return undefined;
  }
}

function paramNamed(name: string | undefined): RedirectParam | undefined {
  return name !== undefined && PARAMS.has(name) ? (name as RedirectParam) : undefined;
}

/** The parameter named in a call's arguments: a string, a regex or a template's text holding `access_token=`. */
function paramMentioned(sourceCode: SourceCode, nodes: readonly Node[]): RedirectParam | undefined {
  for (const root of nodes) {
    for (const node of descendants(root)) {
      let text: string | undefined;
      if (node.type === AST_NODE_TYPES.Literal)
        text = 'regex' in node && node.regex ? node.regex.pattern : typeof node.value === 'string' ? node.value : undefined;
      else if (node.type === AST_NODE_TYPES.TemplateElement) text = node.value.cooked ?? undefined;
      else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
        // `this.ACCESS_TOKEN`, `KEYS.idToken`: a constant holding the name.
        text = stringValue(sourceCode, node);
      } else if (node.type === AST_NODE_TYPES.Identifier && node.parent?.type !== AST_NODE_TYPES.MemberExpression) {
        text = stringValue(sourceCode, node);
      }
      const match = text === undefined ? undefined : PARAM_WORD.exec(text);
      if (match) return match[1] as RedirectParam;
    }
  }
  return undefined;
}

/** Arguments that can spell a parameter's name (a string, a constant, a concatenation): no other is evaluated. */
const MAY_NAME_PARAM: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
]);

/** `getHashParam('access_token')`, `getParameterByName('code')`, `getQueryVariable('id_token')`. */
function namedGetterRead(sourceCode: SourceCode, call: TSESTree.CallExpression, context: Context): RedirectParam | undefined {
  const first = call.arguments[0];
  if (!first || !MAY_NAME_PARAM.has(first.type)) return undefined;
  const param = paramNamed(
    first.type === AST_NODE_TYPES.Literal ? (typeof first.value === 'string' ? first.value : undefined) : stringValue(sourceCode, first),
  );
  if (!param) return undefined;
  const helper = helperOf(sourceCode, call);
  // A helper of this file: it must read the URL; an imported one is known by its name.
  if (helper) return helperReadsUrl(helper, context) ? param : undefined;
  const name = calleeName(sourceCode, call);
  if (!name || !GETTER_NAME.test(name) || NOT_URL_GETTER.test(name)) return undefined;
  const callee = skipWrappers(call.callee);
  // `params.get('code')` on an unknown object is a getter of that object, not of the URL.
  if (callee.type === AST_NODE_TYPES.MemberExpression && (name === 'get' || name === 'getAll')) return undefined;
  return param;
}

function helperReadsUrl(fn: FunctionNode, context: Context): boolean {
  if (!fn.body || context.visiting.has(fn)) return false;
  context.visiting.add(fn);
  try {
    return readsUrl(fn, context);
  } finally {
    context.visiting.delete(fn);
  }
}

/**
 * The function reads the query, the fragment or the whole URL as a value — not one of its
 * other parts (`location.origin` to build a redirect_uri is not reading the redirect).
 */
function readsUrl(fn: FunctionNode, context: Context): boolean {
  if (!fn.body) return false;
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression && node.type !== AST_NODE_TYPES.Identifier) continue;
    // Only whole member chains: `location` in `location.origin` is not read as a value, nor a property name.
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && (parent.object === node || (parent.property === node && !parent.computed)))
      continue;
    if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand) continue;
    if (sourcePart(node, context, 1)) return true;
  }
  return false;
}

/**
 * A value only tested, not taken: `if (params.get('access_token'))`, `params.get('code') !== null`,
 * `!hash.match(/access_token=/)` — the callback that then takes it is the read.
 */
function isOnlyTested(node: Node): boolean {
  let child: Node = node;
  let parent = node.parent;
  while (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '!==', '==', '!='].includes(parent.operator);
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!';
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child;
    default:
      return false;
  }
}

/** The helper whose result a value is: `getAccessToken()`, `(await parseHash()).access_token`, `getParams()[1]`. */
function resultHelper(sourceCode: SourceCode, value: Node): { sourceCode: SourceCode; fn: FunctionNode } | undefined {
  let node = skipWrappers(value);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipWrappers(node.argument);
    else if (node.type === AST_NODE_TYPES.MemberExpression) node = skipWrappers(node.object);
    else break;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const local = helperOf(sourceCode, node);
  if (local) return { sourceCode, fn: local };
  const imported = calledFunction(sourceCode, node.callee);
  return imported?.imported ? { sourceCode: imported.sourceCode, fn: imported.fn as FunctionNode } : undefined;
}

function within(node: Node, fn: Node): boolean {
  return fn.range[0] <= node.range[0] && node.range[1] <= fn.range[1];
}

/**
 * The reads of a file. `acrossModules`: whether a read through an imported helper is dropped when
 * that helper reads the redirect itself (off when judging the imported file, so that no file's
 * reads depend on which other file is linted first).
 */
function computeReads(sourceCode: SourceCode, acrossModules: boolean): RedirectRead[] {
  const facts = fileFacts(sourceCode);
  const context: Context = { sourceCode, visiting: new Set() };
  const reads: RedirectRead[] = [];
  const claimed = new Set<Node>();
  /** Reads that take their value from a helper's result, and that helper. */
  const throughHelper = new Map<RedirectRead, { sourceCode: SourceCode; fn: FunctionNode }>();
  const add = (node: Node, param: RedirectParam, part: UrlPart, byName: boolean, value?: Node): void => {
    if (isOnlyTested(node)) return;
    // The outer link of a chain already read (`….find(…).split('=')[1]`) is the same read.
    for (let current: Node | undefined = node; current; current = current.parent) if (claimed.has(current)) return;
    for (const inner of descendants(node)) if (claimed.has(inner)) return;
    claimed.add(node);
    const read: RedirectRead = { node, param, part, byName, fn: enclosingFunction(node) };
    reads.push(read);
    const helper = value ? resultHelper(sourceCode, value) : undefined;
    if (helper && !within(node, helper.fn)) throughHelper.set(read, helper);
  };

  for (const call of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) {
    const callee = skipWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(sourceCode, callee) ?? '';
      // `params.get('access_token')` on search params of the URL.
      if (method === 'get' || method === 'getAll') {
        const param = call.arguments[0] ? paramNamed(stringValue(sourceCode, call.arguments[0])) : undefined;
        if (param) {
          const part = partOf(callee.object, context, 0) ?? (requestInput(sourceCode, call)?.browser ? 'query' : undefined);
          if (part) {
            if (!isOnlyTested(call)) add(filledAt(callee.object, context)?.node ?? call, param, part, false);
            continue;
          }
        }
      }
      // `hash.split('&').find((p) => p.startsWith('access_token'))`, `href.match(/access_token=([^&]*)/)`.
      if (EXTRACTORS.has(method)) {
        const args = call.arguments.filter((arg): arg is TSESTree.Expression => arg.type !== AST_NODE_TYPES.SpreadElement);
        const target = method === 'exec' ? args[0] : callee.object;
        const pattern = method === 'exec' ? [callee.object] : args;
        const param = target ? paramMentioned(sourceCode, pattern) : undefined;
        const part = param && target ? partOf(target, context, 0) : undefined;
        if (param && part) {
          add(call, param, part, false);
          continue;
        }
      }
    }
    const getter = namedGetterRead(sourceCode, call, context);
    if (getter) add(call, getter, 'url', false);
  }

  // `parsed.access_token`, `parsed['id_token']`, `const { access_token } = parseHash()`.
  for (const member of facts.nodesOfType(AST_NODE_TYPES.MemberExpression)) {
    const param = paramNamed(memberName(sourceCode, member));
    if (!param) continue;
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) continue;
    const part = partOf(member.object, context, 0) ?? routerQueryPart(sourceCode, member, param);
    if (!part || isOnlyTested(member)) continue;
    const filled = filledAt(member.object, context);
    add(filled?.node ?? member, param, part, false, filled ? undefined : member.object);
  }
  for (const declarator of facts.nodesOfType(AST_NODE_TYPES.VariableDeclarator)) {
    if (!declarator.init) continue;
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const param = paramNamed(propertyKeyName(sourceCode, property));
        if (!param) continue;
        const part = partOf(declarator.init, context, 0) ?? routerQueryPart(sourceCode, property.value, param);
        const filled = filledAt(declarator.init, context);
        if (part) add(filled?.node ?? property, param, part, false, filled ? undefined : declarator.init);
      }
      continue;
    }
    // Positional reads: `const code = location.search.split('=')[1]`, `const accessToken = hash.split('&')[0].split('=')[1]`.
    if (declarator.id.type === AST_NODE_TYPES.Identifier) positionalRead(declarator.id.name, declarator.init);
  }
  for (const assignment of facts.nodesOfType(AST_NODE_TYPES.AssignmentExpression)) {
    if (assignment.operator === '=' && assignment.left.type === AST_NODE_TYPES.Identifier)
      positionalRead(assignment.left.name, assignment.right);
  }

  function positionalRead(name: string, init: Node): void {
    const value = skipWrappers(init);
    // The guard around `pair.split('=')[1]` (`if (pair.substr(0, 9) == 'id_token=')`) names the pair; the binding's name only guesses.
    const field = value.type === AST_NODE_TYPES.MemberExpression ? pairFieldName(sourceCode, value) : undefined;
    const kind = tokenKindFromName(field ?? name);
    const param: RedirectParam | undefined =
      kind === 'access' ? 'access_token' : kind === 'id' ? 'id_token' : kind === 'code' ? 'code' : undefined;
    if (!param) return;
    // A piece cut out of the URL string, not the URL itself or a value passed through.
    if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.MemberExpression) return;
    if (sourcePart(value, context, 0)) return;
    const part = partOf(value, context, 0);
    if (part) add(value, param, part, true, value);
  }

  // One finding per problem: a helper that takes the same parameter out of the URL itself
  // (`getAccessToken()` reading the fragment) is the read; its callers are not read again.
  // A helper that only returns what it is handed reads nothing, and its caller stays the read.
  const helperReads = (helper: { sourceCode: SourceCode; fn: FunctionNode }): readonly RedirectRead[] =>
    helper.sourceCode === sourceCode ? reads : acrossModules ? ownReads(helper.sourceCode) : [];
  const kept = reads.filter((read) => {
    const helper = throughHelper.get(read);
    return !helper || !helperReads(helper).some((other) => other !== read && other.param === read.param && within(other.node, helper.fn));
  });
  return kept.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The parameter read from a client router's query (`router.query.code` of Next's pages router,
 * `const { code } = route.query`, Angular's `params['code']` of `queryParams.subscribe`), as the
 * request input analysis knows the routers.
 */
function routerQueryPart(sourceCode: SourceCode, node: Node, param: RedirectParam): UrlPart | undefined {
  const input = requestInput(sourceCode, node);
  return input?.browser && input.key === param && (input.part === 'query' || input.part === 'search-params') ? 'query' : undefined;
}

/** A file's reads judged on that file alone (for the callers of its helpers in other modules). */
function ownReads(sourceCode: SourceCode): readonly RedirectRead[] {
  return fileFacts(sourceCode).memo('redirect-reads-own', () => {
    const facts = fileFacts(sourceCode);
    if (!facts.mentions(REDIRECT_READ_HINT) || !facts.mentions(LOCATION_HINT)) return [];
    try {
      return computeReads(sourceCode, false);
    } catch {
      return [];
    }
  });
}

/** Words that make a file worth reading for redirect reads. */
// `code` as a word: as a parameter name it stands alone (`get('code')`, `code=`, `query.code`), unlike in `decode` or `charCodeAt`.
// A token named only by its binding (`const accessToken = auth.extractAccessToken(window.location.hash)`) shares its line with the fragment.
export const REDIRECT_READ_HINT =
  /access_token|id_token|\bcode\b|launchWebAuthFlow|[Aa]ccessToken[^\n]{0,80}location\.hash|location\.hash[^\n]{0,80}[Aa]ccessToken/;
const LOCATION_HINT =
  /location|launchWebAuthFlow|webContents|webNavigation|webRequest|onUpdated|useAuthRequest|promptAsync|\$route|useRoute|useSearchParams|snapshot|getParameter|Param|Hash|hash|\$app\/|\bquery\b/;

/** Every place the file takes `access_token`, `id_token` or `code` out of the redirect URL (memoized per file). */
export function redirectReads(sourceCode: SourceCode): readonly RedirectRead[] {
  return fileFacts(sourceCode).memo('redirect-reads', () => {
    const facts = fileFacts(sourceCode);
    if (!facts.mentions(REDIRECT_READ_HINT) || !facts.mentions(LOCATION_HINT)) return [];
    try {
      return computeReads(sourceCode, true);
    } catch {
      // Never crash a lint run on code the analysis does not understand.
      return [];
    }
  });
}

/** A node's function and the functions around it, or the Program at the top level. */
export function scopesAround(node: Node): (FunctionNode | TSESTree.Program)[] {
  const scopes: (FunctionNode | TSESTree.Program)[] = [];
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) scopes.push(fn);
  if (scopes.length === 0) {
    let root: Node = node;
    while (root.parent) root = root.parent;
    if (root.type === AST_NODE_TYPES.Program) scopes.push(root);
  }
  return scopes;
}

/**
 * Where a read lacks a check: `[]` when the check is visible around it (or in every caller of the
 * helper it sits in); the read itself when nothing checks; the calls of the helper that lack
 * the check when only some callers check.
 */
export function uncheckedAt(
  sourceCode: SourceCode,
  read: RedirectRead,
  checks: (scope: FunctionNode | TSESTree.Program) => boolean,
): Node[] {
  const scopes = scopesAround(read.node);
  if (scopes.some(checks)) return [];
  const helper = read.fn;
  const calls = helper ? callSitesOf(sourceCode, helper).filter((call) => !scopesAround(call).includes(helper)) : [];
  if (calls.length === 0) return [read.node];
  const unchecked = calls.filter((call) => !scopesAround(call).some(checks));
  if (unchecked.length === 0) return [];
  return unchecked.length === calls.length ? [read.node] : unchecked;
}

const NOT_A_NONCE_CHECK = /^(?:set|save|store|create|generate|new|make|random|get|build|add|put|remove|clear|delete)/i;

function nameOf(sourceCode: SourceCode, node: Node): string | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(sourceCode, inner);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    // `storage.getItem('nonce')`, `sessionStorage.getItem(NONCE_KEY)`.
    const key = inner.arguments[0] ? stringValue(sourceCode, inner.arguments[0]) : undefined;
    if (key !== undefined) return key;
    const callee = skipWrappers(inner.callee);
    return callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, callee)
        : undefined;
  }
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return nameOf(sourceCode, inner.argument);
  return undefined;
}

/**
 * Whether a function (or a module's top level) visibly compares an ID token's nonce: a
 * comparison of a nonce value, a nonce-checking helper (`validateNonce(claims.nonce)`), a
 * verification given the expected nonce (`verifyIdToken(t, { nonce })`), also in the local
 * helpers it calls.
 */
export function comparesNonce(sourceCode: SourceCode, scope: FunctionNode | TSESTree.Program, depth = 0): boolean {
  try {
    for (const node of descendants(scope.type === AST_NODE_TYPES.Program ? scope : scope.body)) {
      if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
        if (namesNonce(nameOf(sourceCode, node.left as Node) ?? '') || namesNonce(nameOf(sourceCode, node.right) ?? '')) return true;
        continue;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = skipWrappers(node.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? memberName(sourceCode, callee)
            : undefined;
      if (name && namesNonce(name) && !NOT_A_NONCE_CHECK.test(name)) return true;
      // `verify(idToken, { nonce })`: the expected nonce handed to a verification.
      if (
        name &&
        /verify|validate|check/i.test(name) &&
        node.arguments.some(
          (arg) =>
            arg.type === AST_NODE_TYPES.ObjectExpression &&
            arg.properties.some((p) => p.type === AST_NODE_TYPES.Property && namesNonce(propertyKeyName(sourceCode, p) ?? '')),
        )
      )
        return true;
      if (depth < 2) {
        const helper = helperOf(sourceCode, node);
        if (helper && helper !== scope && comparesNonce(sourceCode, helper, depth + 1)) return true;
        // A helper of another project module (`checkIdToken(idToken)` from '../auth/oidc').
        const imported = helper ? undefined : calledFunction(sourceCode, callee);
        if (imported?.imported && comparesNonce(imported.sourceCode, imported.fn as FunctionNode, depth + 1)) return true;
      }
    }
    return false;
  } catch {
    return true;
  }
}

/**
 * A parser of the callback that hands the returned `state` back to its caller
 * (`return { accessToken, state: params.get('state') }`): the caller compares it.
 */
export function handsBackState(sourceCode: SourceCode, fn: FunctionNode | undefined): boolean {
  if (!fn) return false;
  for (const expression of returnedExpressions(fn) ?? []) {
    for (const node of descendants(expression)) {
      if (node.type === AST_NODE_TYPES.Property && /state/i.test(propertyKeyName(sourceCode, node) ?? '')) return true;
      if (node.type === AST_NODE_TYPES.Identifier && /^state$|State$/.test(node.name)) return true;
    }
  }
  return false;
}
