/**
 * Query parameters: what a URL, a query string or a form body sends.
 *
 * `paramsOf(sourceCode, node)` reads the parameters of an expression however it was built:
 *
 *   `${AUTH}?response_type=code&client_id=${id}`          template / concatenation / const
 *   new URLSearchParams({ grant_type: 'password', … })    object, entries array, string
 *   const u = new URL(AUTH); u.searchParams.set('state', s) mutations traced through the variable
 *   Object.entries(p).forEach(([k, v]) => u.searchParams.set(k, v))   copies of a known object
 *   querystring.stringify(o) / qs.stringify(o) / query-string  and `${base}?${params}`
 *   { response_type: 'code', ...DEFAULTS }                 an object of parameters
 *
 * Every parameter keeps the node to report a wrong value at (the property, the literal, the
 * string or template holding `name=value`, the `.set()` call), and a list is `complete` only
 * when nothing could have added parameters the analysis does not see (an unknown spread, a
 * hole in a name position, the URL handed to an unknown helper). `param(list, name)` answers
 * present / absent / unknown accordingly.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getStaticValue, findVariable } from './ast';
import { fileFacts } from './file-facts';
import { GLOBAL_MODULE, calleeOrigin, matchesPattern, memberName, originOf, propertyKeyName, skipWrappers } from './modules';
import { FORM_DATA_CONSTRUCTORS, HTTP_CLIENT_MODULES, REQUEST_BUILDER_QUERY_METHOD } from '../knowledge/http';
import { arrayElements, definitionOf, objectLiteral, stringParts, stringValue, type StringPart } from './values';
import { guarded } from './guard';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export interface Param {
  /** Parameter name as sent (`response_type`). */
  readonly name: string;
  /** Decoded constant value; undefined when not known. Arrays of strings are joined by spaces. */
  readonly value: string | undefined;
  /** The expression that gives the value (a property value, a `.set()` argument, or the string holding it). */
  readonly valueNode: Node;
  /** Where a wrong value is reported: the property, the literal (even in a const elsewhere), the string/template, the `.set()` call. */
  readonly reportNode: Node;
  /** True for parameters after `#` in a URL. */
  readonly inFragment: boolean;
  /** True when the parameter was removed (`searchParams.delete`). */
  readonly deleted?: boolean;
  /** True for `?${key}=value`: a parameter whose name is not known (`name` is then ''). */
  readonly nameUnknown?: boolean;
}

export type ParamListKind = 'string' | 'search-params' | 'url' | 'object' | 'stringify';

export interface ParamList {
  readonly kind: ParamListKind;
  /** The construction the list was read from. */
  readonly node: Node;
  /** In order of writing; a later entry of the same name wins. */
  readonly params: readonly Param[];
  /** False when parameters may exist that the analysis cannot see. */
  readonly complete: boolean;
  /** Known text before `?` for URLs, holes left out (`${ISSUER}/authorize` → `/authorize`); undefined for bodies. */
  readonly base: string | undefined;
  /** Whether the string had a `?` (a URL query) rather than being a bare form body. */
  readonly hasQuery: boolean;
  /** Sub-constructions whose parameters this list includes (for callers that de-duplicate). */
  readonly includes: readonly Node[];
  /** Strings only: `name=value` pairs whose name is a hole (`?${KEY}=${value}`), kept apart from `params`. */
  readonly unnamed?: readonly Param[];
}

export type ParamState =
  | { readonly state: 'present'; readonly value: string | undefined; readonly valueNode: Node; readonly reportNode: Node }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown' };

export const ABSENT_PARAM: ParamState = { state: 'absent' };
export const UNKNOWN_PARAM: ParamState = { state: 'unknown' };

/** The query (not fragment) parameter `name` of a list: present (last write wins), absent or unknown. */
export function param(list: ParamList | undefined, name: string): ParamState {
  if (!list) return UNKNOWN_PARAM;
  for (let i = list.params.length - 1; i >= 0; i--) {
    const entry = list.params[i];
    if (entry.name !== name || entry.inFragment) continue;
    if (entry.deleted) return ABSENT_PARAM;
    return { state: 'present', value: entry.value, valueNode: entry.valueNode, reportNode: entry.reportNode };
  }
  return list.complete ? ABSENT_PARAM : UNKNOWN_PARAM;
}

/** Splits an OAuth list value (`response_type`, `scope`) on spaces, `+` and `%20`. */
export function listValues(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(/[\s+]+/).filter(Boolean);
}

/** A query-string value as sent: `+` is a space, percent escapes decoded (malformed escapes kept as written). */
export function decodeQueryText(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The literal or template literal that holds a string part, for reporting. */
export function containerOf(node: Node): Node {
  if (node.type === AST_NODE_TYPES.TemplateElement && node.parent) return node.parent;
  return node;
}

// --- strings -------------------------------------------------------------------------------

const FORM_BODY_START = /^[A-Z_][\w.\-[\]]{0,63}=/i;

interface Builder {
  params: Param[];
  complete: boolean;
  includes: Node[];
  unnamed: Param[];
}

/**
 * A hole that only chooses the query separator: `url.includes('?') ? '&' : '?'`, inline or
 * through a const. It reads as `?` before the query and `&` inside it.
 */
function isSeparatorChoice(sourceCode: SourceCode, node: Node): boolean {
  const definition = skipWrappers(definitionOf(sourceCode, node));
  if (definition.type !== AST_NODE_TYPES.ConditionalExpression) return false;
  const branches = [stringValue(sourceCode, definition.consequent), stringValue(sourceCode, definition.alternate)];
  return branches.every((text) => text === '?' || text === '&') && branches[0] !== branches[1];
}

/**
 * Reads `name=value&…` pairs out of a string expression's parts. URL mode starts reading after
 * the first `?`; a string that starts like `a=b` is read as a form body from the start.
 */
function queryOfString(sourceCode: SourceCode, node: Node, depth: number): ParamList | undefined {
  const parts = stringParts(sourceCode, node);
  const first = parts[0];
  let mode: 'path' | 'query' | 'fragment' = 'path';
  let hasQuery = false;
  const bodyMode = first?.text !== undefined && (FORM_BODY_START.test(first.text) || first.text.startsWith('?'));
  if (bodyMode) mode = 'query';
  const builder: Builder = { params: [], complete: true, includes: [], unnamed: [] };
  let base = '';
  let name: string | undefined = '';
  let value = '';
  let valueKnown = true;
  let inValue = false;
  let nameNode: Node | undefined;
  let valueNode: Node | undefined;
  /** The parts the value's text came from (a const's literal when it is interpolated: `response_type=${RESPONSE_TYPE}`). */
  let valueTextNodes: Node[] = [];
  let sawAny = false;

  const flush = (): void => {
    if (name === undefined) {
      builder.complete = false;
      // `?${KEY}=${value}`: the value is still known to be sent in the URL.
      if (inValue && valueNode && mode !== 'path')
        builder.unnamed.push({
          name: '',
          value: valueKnown ? decodeQueryText(value) : undefined,
          valueNode,
          reportNode: node,
          inFragment: mode === 'fragment',
          nameUnknown: true,
        });
    } else if (name !== '' && nameNode) {
      const decodedName = decodeQueryText(name);
      const container = containerOf(nameNode);
      builder.params.push({
        name: decodedName,
        value: inValue && valueKnown ? decodeQueryText(value) : inValue ? undefined : '',
        valueNode: valueNode ?? container,
        reportNode: inValue && valueKnown ? (constantValueLiteral(valueTextNodes, container) ?? container) : container,
        inFragment: mode === 'fragment',
      });
    }
    name = '';
    value = '';
    valueKnown = true;
    inValue = false;
    nameNode = undefined;
    valueNode = undefined;
    valueTextNodes = [];
  };

  const addText = (text: string, part: StringPart): void => {
    for (const char of text) {
      if (mode === 'path') {
        if (char === '?') {
          mode = 'query';
          hasQuery = true;
          sawAny = true;
        } else if (char === '#') {
          mode = 'fragment';
        } else {
          base += char;
        }
        continue;
      }
      if (char === '&') {
        flush();
        continue;
      }
      if (char === '#' && mode === 'query') {
        flush();
        mode = 'fragment';
        continue;
      }
      if (char === '?' && mode === 'query' && !inValue && name === '' && bodyMode && !sawAny) {
        // A body string that starts with '?' (`'?' + params`).
        sawAny = true;
        hasQuery = true;
        continue;
      }
      if (char === '=' && !inValue) {
        inValue = true;
        valueNode = part.node;
        continue;
      }
      if (inValue) {
        value += char;
        if (!valueTextNodes.includes(part.node)) valueTextNodes.push(part.node);
      } else if (name !== undefined) {
        if (name === '') nameNode = part.node;
        name += char;
      }
    }
  };

  for (const part of parts) {
    if (part.text !== undefined) {
      addText(part.text, part);
      continue;
    }
    // A hole.
    if (isSeparatorChoice(sourceCode, part.node)) {
      addText(mode === 'path' ? '?' : '&', part);
      continue;
    }
    if (mode === 'path') continue;
    if (inValue) {
      valueKnown = false;
      valueNode = part.node;
      continue;
    }
    if (name === '') {
      // `?${params}` / `&${qs.stringify(o)}`: parameters from a known construction.
      const nested = depth < MAX_DEPTH ? paramsOfNode(sourceCode, part.node, depth + 1) : undefined;
      if (nested && nested.kind !== 'string') {
        builder.params.push(...nested.params.map((entry) => ({ ...entry, inFragment: mode === 'fragment' })));
        builder.includes.push(nested.node, ...nested.includes);
        if (!nested.complete) builder.complete = false;
        continue;
      }
      if (nested && nested.kind === 'string' && !nested.hasQuery) {
        builder.params.push(...nested.params.map((entry) => ({ ...entry, inFragment: mode === 'fragment' })));
        if (!nested.complete) builder.complete = false;
        continue;
      }
    }
    // An unknown name, or a hole glued to a name: parameters we cannot see.
    name = undefined;
    builder.complete = false;
  }
  if (mode !== 'path') flush();
  // `?${clientId}&${responseType}` with `const responseType = \`response_type=${…}\``: a string
  // written elsewhere and read into this one is a piece of this construction, not one of its own.
  for (const part of parts) {
    const container = containerOf(part.node);
    if ((container.range[0] < node.range[0] || container.range[1] > node.range[1]) && !builder.includes.includes(container))
      builder.includes.push(container);
  }
  if (!hasQuery && !bodyMode) {
    // No `?`: not a URL with a query (unless a later `&name=` shows a query built on an unknown base).
    return undefined;
  }
  return {
    kind: 'string',
    node,
    params: builder.params,
    complete: builder.complete,
    base: bodyMode ? undefined : base,
    hasQuery,
    includes: builder.includes,
    unnamed: builder.unnamed,
  };
}

/**
 * The string literal a parameter's whole value was read from, when it is written outside the
 * URL (a `const` interpolated into it): a wrong value is reported where it is written.
 */
function constantValueLiteral(nodes: readonly Node[], container: Node): Node | undefined {
  if (nodes.length !== 1) return undefined;
  const [node] = nodes;
  if (node.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string') return undefined;
  const outside = node.range[1] <= container.range[0] || node.range[0] >= container.range[1];
  return outside ? node : undefined;
}

// --- objects -------------------------------------------------------------------------------

/** The report node for a property's value: the property, or the literal a const holds elsewhere. */
export function valueReportNode(sourceCode: SourceCode, property: TSESTree.Property): Node {
  const value = skipWrappers(property.value);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) {
    const definition = definitionOf(sourceCode, value);
    if (definition !== value && (definition.type === AST_NODE_TYPES.Literal || definition.type === AST_NODE_TYPES.TemplateLiteral))
      return definition;
  }
  return property;
}

/** A value as a parameter string: strings, numbers, booleans, arrays of strings joined by spaces. */
export function paramText(sourceCode: SourceCode, node: Node): string | undefined {
  const text = stringValue(sourceCode, node);
  if (text !== undefined) return text;
  const elements = arrayElements(sourceCode, node);
  if (elements) {
    const texts = elements.map((element) => stringValue(sourceCode, element));
    return texts.every((t) => t !== undefined) ? texts.join(' ') : undefined;
  }
  const result = getStaticValue(node, sourceCode.getScope(node));
  if (result && (typeof result.value === 'number' || typeof result.value === 'boolean')) return String(result.value);
  return undefined;
}

/**
 * A parameter written as an object property. Its value is worked out on first read: every
 * object literal of a file is a candidate request, and most (a table of 500 entries, a config)
 * are dropped on their keys alone.
 */
function objectParam(sourceCode: SourceCode, name: string, property: TSESTree.Property): Param {
  const valueNode = property.value;
  let value: string | undefined;
  let known = false;
  return {
    name,
    get value() {
      if (!known) {
        value = paramText(sourceCode, valueNode);
        known = true;
      }
      return value;
    },
    valueNode,
    reportNode: valueReportNode(sourceCode, property),
    inFragment: false,
  };
}

function paramsOfObject(sourceCode: SourceCode, node: Node, depth: number): ParamList | undefined {
  const object = objectLiteral(sourceCode, node);
  if (!object) return undefined;
  const builder: Builder = { params: [], complete: true, includes: [], unnamed: [] };
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = depth < MAX_DEPTH ? paramsOfNode(sourceCode, property.argument, depth + 1) : undefined;
      if (!spread) {
        builder.complete = false;
        continue;
      }
      builder.params.push(...spread.params);
      builder.includes.push(spread.node, ...spread.includes);
      if (!spread.complete) builder.complete = false;
      continue;
    }
    const key = propertyKeyName(sourceCode, property);
    if (key === undefined) {
      builder.complete = false;
      continue;
    }
    if (property.value.type === AST_NODE_TYPES.AssignmentPattern) continue;
    builder.params.push(objectParam(sourceCode, key, property));
  }
  return {
    kind: 'object',
    node: object,
    params: builder.params,
    complete: builder.complete,
    base: undefined,
    hasQuery: false,
    includes: builder.includes,
  };
}

/**
 * `{ url, query }`: a URL and its query as an object, the shape query-string's `stringifyUrl`
 * and hand-written URL builders take. Undefined for any other object.
 */
function urlWithQuery(sourceCode: SourceCode, object: TSESTree.ObjectExpression, depth: number): ParamList | undefined {
  if (object.properties.length !== 2 || depth >= MAX_DEPTH) return undefined;
  let url: Node | undefined;
  let query: Node | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return undefined;
    const key = propertyKeyName(sourceCode, property);
    if (key === 'url') url = property.value;
    else if (key === 'query') query = property.value;
  }
  if (!url || !query) return undefined;
  const parts = stringParts(sourceCode, url);
  if (parts.length === 0 || parts[0].text === undefined) return undefined;
  const inner = paramsOfNode(sourceCode, query, depth + 1);
  if (!inner || (inner.kind !== 'object' && inner.kind !== 'search-params')) return undefined;
  const base = parts.map((part) => part.text ?? '').join('');
  return {
    kind: 'url',
    node: object,
    params: inner.params,
    complete: inner.complete,
    base,
    hasQuery: true,
    includes: [inner.node, ...inner.includes],
  };
}

/** `[['grant_type', 'password'], ['scope', s]]` */
function paramsOfEntries(sourceCode: SourceCode, node: Node): Builder | undefined {
  const entries = arrayElements(sourceCode, node);
  if (!entries) return undefined;
  const builder: Builder = { params: [], complete: true, includes: [], unnamed: [] };
  for (const entry of entries) {
    const pair = arrayElements(sourceCode, entry);
    const name = pair?.[0] ? stringValue(sourceCode, pair[0]) : undefined;
    if (!pair || pair.length !== 2 || name === undefined) {
      builder.complete = false;
      continue;
    }
    builder.params.push({ name, value: paramText(sourceCode, pair[1]), valueNode: pair[1], reportNode: entry, inFragment: false });
  }
  return builder;
}

// --- URL and URLSearchParams objects -------------------------------------------------------

function isGlobalConstructor(sourceCode: SourceCode, node: Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const origin = originOf(sourceCode, node.callee);
  // Node's `require('url').URL` / `import { URLSearchParams } from 'node:url'` are the same classes as the globals.
  return (origin?.module === GLOBAL_MODULE || origin?.module === 'url') && origin.path.length === 1 && origin.path[0] === name;
}

const STRINGIFY_PATTERNS = ['querystring#stringify', 'querystring#encode', 'qs#stringify', 'query-string#stringify', 'url#format'];

/** `querystring.stringify(o)` and friends: the object argument. */
function stringifyArgument(sourceCode: SourceCode, call: TSESTree.CallExpression): Node | undefined {
  // Only a file that imports a query-string module can call one: no origin is resolved elsewhere.
  if (call.arguments.length === 0 || !fileFacts(sourceCode).mayMatch(STRINGIFY_PATTERNS)) return undefined;
  const origin = originOf(sourceCode, call.callee);
  if (!origin) return undefined;
  const name = `${origin.module}#${origin.path.join('.')}`;
  if (!STRINGIFY_PATTERNS.includes(name)) return undefined;
  if (name === 'url#format') return undefined;
  return call.arguments[0];
}

/** Method names of calls that read a URL or params without changing them. */
const NON_MUTATING_USES = new Set([
  'fetch',
  'redirect',
  'assign',
  'replace',
  'open',
  'toString',
  'get',
  'getAll',
  'has',
  'log',
  'info',
  'debug',
  'warn',
  'error',
  'String',
  'encodeURIComponent',
  'encodeURI',
  'push',
  'navigate',
  'json',
  'send',
  'location',
  'writeHead',
  'setHeader',
  'href',
  'get',
  'post',
  'request',
  'forEach',
  'entries',
  'keys',
  'values',
  'openExternal',
  'openUrl',
  'launchWebAuthFlow',
  'startAsync',
]);

const MUTATORS = new Set(['set', 'append', 'delete']);

interface Mutation {
  readonly params: Param[];
  readonly complete: boolean;
  readonly replaceAll?: boolean;
  readonly includes?: readonly Node[];
}

/** `Object.entries(o)` → o */
function objectEntriesArgument(sourceCode: SourceCode, node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression || inner.arguments.length !== 1) return undefined;
  const origin = originOf(sourceCode, inner.callee);
  return origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'Object.entries' ? inner.arguments[0] : undefined;
}

/**
 * `x.set(k, v)` where k and v are the loop variables of `Object.entries(o).forEach(([k, v]) => …)`
 * or `for (const [k, v] of Object.entries(o))`: the parameters of o.
 */
function entriesLoopSource(sourceCode: SourceCode, keyNode: Node): Node | undefined {
  if (keyNode.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(keyNode), keyNode);
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === 'Parameter') {
    const fn = def.node;
    const call = fn.parent;
    if (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === fn &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(sourceCode, call.callee) === 'forEach'
    ) {
      return objectEntriesArgument(sourceCode, call.callee.object);
    }
    return undefined;
  }
  if (def.type === 'Variable') {
    const declaration = def.node.parent;
    const loop = declaration?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration) return objectEntriesArgument(sourceCode, loop.right);
  }
  return undefined;
}

function mutationFromCall(sourceCode: SourceCode, call: TSESTree.CallExpression, method: string, depth: number): Mutation {
  const [keyArg, valueArg] = call.arguments;
  if (!keyArg) return { params: [], complete: true };
  const key = stringValue(sourceCode, keyArg);
  if (key === undefined) {
    const source = entriesLoopSource(sourceCode, skipWrappers(keyArg));
    const copied = source && depth < MAX_DEPTH ? paramsOfNode(sourceCode, source, depth + 1) : undefined;
    if (copied) return { params: [...copied.params], complete: copied.complete, includes: [copied.node, ...copied.includes] };
    return { params: [], complete: false };
  }
  if (method === 'delete') {
    return {
      params: [{ name: key, value: undefined, valueNode: call, reportNode: call, inFragment: false, deleted: true }],
      complete: true,
    };
  }
  if (!valueArg) return { params: [], complete: true };
  return {
    params: [{ name: key, value: paramText(sourceCode, valueArg), valueNode: valueArg, reportNode: call, inFragment: false }],
    complete: true,
  };
}

/**
 * Parameters written to a URL / URLSearchParams variable after its construction: `.set()`,
 * `.append()`, `.delete()`, `url.searchParams.*`, `url.search = …`. The variable handed to a
 * function that might add parameters makes the list incomplete.
 */
function mutationsOf(sourceCode: SourceCode, construction: Node, isUrl: boolean, depth: number): Mutation[] {
  const declarator = construction.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== construction ||
    declarator.id.type !== AST_NODE_TYPES.Identifier
  )
    return [];
  const variable = findVariable(sourceCode.getScope(declarator.id), declarator.id);
  if (!variable) return [];
  const mutations: Mutation[] = [];
  const references = [...variable.references].sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
  for (const reference of references) {
    if (reference.init) continue;
    const identifier = reference.identifier as Node;
    if (reference.isWrite()) {
      mutations.push({ params: [], complete: false });
      continue;
    }
    let target: Node = identifier;
    let parent = identifier.parent;
    // url.searchParams
    if (isUrl && parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const name = memberName(sourceCode, parent);
      if (name === 'search' && parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) {
        const assigned = depth < MAX_DEPTH ? paramsOfNode(sourceCode, parent.parent.right, depth + 1) : undefined;
        mutations.push({
          params: assigned ? [...assigned.params] : [],
          complete: assigned?.complete ?? false,
          replaceAll: true,
          includes: assigned ? [assigned.node, ...assigned.includes] : [],
        });
        continue;
      }
      if (name === 'searchParams') {
        target = parent;
        parent = parent.parent;
      } else {
        // url.href, url.toString(), url.origin: reads.
        continue;
      }
    }
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === target) {
      const method = memberName(sourceCode, parent);
      const call = parent.parent;
      if (method && MUTATORS.has(method) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
        mutations.push(mutationFromCall(sourceCode, call, method, depth));
      }
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(target as TSESTree.CallExpressionArgument)) {
      // Handed to a function: fine when it only reads (fetch, redirect), unknown otherwise.
      const callee = skipWrappers(parent.callee);
      const calleeName =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? memberName(sourceCode, callee)
            : undefined;
      if (!calleeName || !NON_MUTATING_USES.has(calleeName)) mutations.push({ params: [], complete: false });
    }
  }
  return mutations;
}

function applyMutations(
  params: Param[],
  complete: boolean,
  mutations: Mutation[],
  includes: Node[],
): { params: Param[]; complete: boolean } {
  let current = params;
  let isComplete = complete;
  for (const mutation of mutations) {
    if (mutation.includes) includes.push(...mutation.includes);
    if (mutation.replaceAll) {
      current = [...mutation.params];
      isComplete = mutation.complete;
      continue;
    }
    current = [...current, ...mutation.params];
    if (!mutation.complete) isComplete = false;
  }
  return { params: current, complete: isComplete };
}

function paramsOfSearchParams(sourceCode: SourceCode, node: TSESTree.NewExpression, depth: number): ParamList {
  const [init] = node.arguments;
  let params: Param[] = [];
  let complete = true;
  const includes: Node[] = [];
  if (init) {
    const source = definitionOf(sourceCode, init);
    const fromEntries = source.type === AST_NODE_TYPES.ArrayExpression ? paramsOfEntries(sourceCode, source) : undefined;
    const nested = fromEntries ? undefined : depth < MAX_DEPTH ? paramsOfNode(sourceCode, init, depth + 1) : undefined;
    if (fromEntries) {
      params = fromEntries.params;
      complete = fromEntries.complete;
    } else if (nested) {
      params = [...nested.params];
      complete = nested.complete;
      includes.push(nested.node, ...nested.includes);
    } else {
      complete = false;
    }
  }
  const mutated = applyMutations(params, complete, mutationsOf(sourceCode, node, false, depth), includes);
  return { kind: 'search-params', node, params: mutated.params, complete: mutated.complete, base: undefined, hasQuery: true, includes };
}

function paramsOfUrl(sourceCode: SourceCode, node: TSESTree.NewExpression, depth: number): ParamList | undefined {
  const [input] = node.arguments;
  if (!input) return undefined;
  const fromString = queryOfString(sourceCode, input, depth + 1);
  let params: Param[] = fromString ? [...fromString.params] : [];
  let complete = fromString ? fromString.complete : true;
  let base = fromString?.base;
  if (!fromString) {
    const parts = stringParts(sourceCode, input);
    // `new URL(endpoint)` where endpoint is unknown might carry a query: treat as no query
    // (endpoints come from discovery or config and do not).
    base = parts.map((part) => part.text ?? '').join('');
    complete = true;
  }
  const includes: Node[] = fromString ? [...fromString.includes] : [];
  const mutated = applyMutations(params, complete, mutationsOf(sourceCode, node, true, depth), includes);
  params = mutated.params;
  complete = mutated.complete;
  return { kind: 'url', node, params, complete, base, hasQuery: true, includes };
}

// --- Node's legacy `url.parse(u, true)`: `.query` is an object the code writes into ---------------

/** `url.parse(u, true)` of Node's url module: a URL object whose `query` is a plain object (given to `url.format`). */
export function isLegacyUrlParse(sourceCode: SourceCode, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length < 2) return false;
  const flag = node.arguments[1];
  if (flag.type !== AST_NODE_TYPES.Literal || flag.value !== true) return false;
  const origin = originOf(sourceCode, node.callee);
  return origin?.module === 'url' && origin.path.length === 1 && origin.path[0] === 'parse';
}

/** The parameters written into a parsed URL's query: `u.query.name = value`, or `u.query = { … }`. */
function paramsOfLegacyUrl(sourceCode: SourceCode, node: TSESTree.CallExpression, depth: number): ParamList {
  const base = stringParts(sourceCode, node.arguments[0] as Node)
    .map((part) => part.text ?? '')
    .join('');
  const params: Param[] = [];
  const includes: Node[] = [];
  let complete = true;
  const declarator = node.parent;
  const variable =
    declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === node && declarator.id.type === AST_NODE_TYPES.Identifier
      ? findVariable(sourceCode.getScope(declarator.id), declarator.id)
      : null;
  if (!variable) complete = false;
  for (const reference of variable?.references ?? []) {
    if (reference.init) continue;
    const query = reference.identifier.parent;
    if (query?.type !== AST_NODE_TYPES.MemberExpression || query.object !== reference.identifier) {
      // The object handed on (`url.format(u)`, a redirect): read, unless a function may write it.
      const call = query?.type === AST_NODE_TYPES.CallExpression ? query : undefined;
      const callee = call && skipWrappers(call.callee);
      const name = callee?.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, callee) : undefined;
      if (!call || (name !== 'format' && !NON_MUTATING_USES.has(name ?? ''))) complete = false;
      continue;
    }
    if (memberName(sourceCode, query) !== 'query') continue;
    const write = query.parent;
    if (write?.type === AST_NODE_TYPES.AssignmentExpression && write.left === query) {
      // `u.query = { … }` replaces the whole query.
      const assigned = depth < MAX_DEPTH ? paramsOfNode(sourceCode, write.right, depth + 1) : undefined;
      params.length = 0;
      if (assigned) {
        params.push(...assigned.params);
        includes.push(assigned.node, ...assigned.includes);
      }
      complete = assigned?.complete ?? false;
      continue;
    }
    if (write?.type !== AST_NODE_TYPES.MemberExpression || write.object !== query) continue;
    const assignment = write.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== write) continue;
    const name = memberName(sourceCode, write);
    if (name === undefined) {
      complete = false;
      continue;
    }
    params.push({
      name,
      value: paramText(sourceCode, assignment.right),
      valueNode: assignment.right,
      reportNode: assignment,
      inFragment: false,
    });
  }
  return { kind: 'url', node, params, complete, base, hasQuery: true, includes };
}

// --- Angular HttpParams (immutable: every `.set()` returns a new object) ---------------------

const HTTP_PARAMS_MUTATORS = new Set(['set', 'append', 'delete']);

/** `new HttpParams(…)` from `@angular/common/http`. */
function isHttpParamsConstruction(sourceCode: SourceCode, node: Node): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const origin = originOf(sourceCode, node.callee);
  return origin?.module === '@angular/common/http' && origin.path.length === 1 && origin.path[0] === 'HttpParams';
}

/** `new HttpParams(…).set(…).append(…)`: the construction at the root of a builder chain, if the call is one link of it. */
function httpParamsChainRoot(sourceCode: SourceCode, call: Node): TSESTree.NewExpression | undefined {
  let current = skipWrappers(call);
  for (let i = 0; i < 64; i++) {
    if (isHttpParamsConstruction(sourceCode, current)) return current;
    if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !HTTP_PARAMS_MUTATORS.has(memberName(sourceCode, callee) ?? ''))
      return undefined;
    current = skipWrappers(callee.object);
  }
  return undefined;
}

/** True for the outermost link of an HttpParams builder chain (the value that is sent). */
function isHttpParamsChainEnd(sourceCode: SourceCode, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || !httpParamsChainRoot(sourceCode, node)) return false;
  const parent = node.parent;
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    HTTP_PARAMS_MUTATORS.has(memberName(sourceCode, parent) ?? '')
  )
    return false;
  return true;
}

/** `new HttpParams()`, `new HttpParams({ fromObject: {...} })`, `new HttpParams({ fromString: 'a=b' })`. */
function paramsOfHttpParams(sourceCode: SourceCode, node: TSESTree.NewExpression, depth: number): ParamList {
  const [options] = node.arguments;
  let params: Param[] = [];
  let complete = true;
  const includes: Node[] = [];
  if (options) {
    complete = false;
    for (const key of ['fromObject', 'fromString']) {
      const found = getPropertyNode(sourceCode, options, key);
      if (!found) continue;
      const nested = depth < MAX_DEPTH ? paramsOfNode(sourceCode, found, depth + 1) : undefined;
      if (nested) {
        params = [...nested.params];
        complete = nested.complete;
        includes.push(nested.node, ...nested.includes);
      }
    }
  }
  // The variable reassigned (`params = params.set(…)`) may gain parameters the analysis does not follow.
  const declarator = node.parent;
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init === node &&
    declarator.id.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = findVariable(sourceCode.getScope(declarator.id), declarator.id);
    if (variable?.references.some((reference) => !reference.init && reference.isWrite())) complete = false;
  }
  return { kind: 'search-params', node, params, complete, base: undefined, hasQuery: true, includes };
}

function getPropertyNode(sourceCode: SourceCode, object: Node, name: string): Node | undefined {
  const literal = objectLiteral(sourceCode, object);
  if (!literal) return undefined;
  for (const property of literal.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(sourceCode, property) === name) return property.value;
  }
  return undefined;
}

/** One `.set()`/`.append()`/`.delete()` link of an HttpParams chain: the params before it plus its own. */
function paramsOfHttpParamsLink(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): ParamList | undefined {
  const callee = skipWrappers(call.callee) as TSESTree.MemberExpression;
  // The chain only walks inwards: its length does not count against the nesting depth.
  const before = paramsOfNode(sourceCode, callee.object, depth);
  if (!before) return undefined;
  const mutation = mutationFromCall(sourceCode, call, memberName(sourceCode, callee) ?? 'set', depth);
  return {
    kind: 'search-params',
    node: call,
    params: [...before.params, ...mutation.params],
    complete: before.complete && mutation.complete,
    base: undefined,
    hasQuery: true,
    includes: [before.node, ...before.includes, ...(mutation.includes ?? [])],
  };
}

// --- dispatch --------------------------------------------------------------------------------

const MAX_DEPTH = 6;

function paramsOfNode(sourceCode: SourceCode, input: Node, depth: number): ParamList | undefined {
  const node = skipWrappers(input);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? queryOfString(sourceCode, node, depth) : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
      return queryOfString(sourceCode, node, depth);
    case AST_NODE_TYPES.Identifier: {
      const definition = definitionOf(sourceCode, node);
      if (definition === node) return undefined;
      const list = paramsOfNode(sourceCode, definition, depth + 1);
      return list?.kind === 'object' ? withMemberWrites(sourceCode, node, list) : list;
    }
    case AST_NODE_TYPES.ObjectExpression: {
      const withQuery = urlWithQuery(sourceCode, node, depth);
      if (withQuery) return withQuery;
      const list = paramsOfObject(sourceCode, node, depth);
      const holder = list && holderOf(sourceCode, node);
      return holder ? withMemberWrites(sourceCode, holder.identifier, list, holder.path) : list;
    }
    case AST_NODE_TYPES.NewExpression:
      if (isGlobalConstructor(sourceCode, node, 'URLSearchParams'))
        return cachedConstruction(sourceCode, node, () => paramsOfSearchParams(sourceCode, node, depth));
      if (isGlobalConstructor(sourceCode, node, 'URL'))
        return cachedConstruction(sourceCode, node, () => paramsOfUrl(sourceCode, node, depth));
      if (isHttpParamsConstruction(sourceCode, node))
        return cachedConstruction(sourceCode, node, () => paramsOfHttpParams(sourceCode, node, depth));
      if (isFormDataConstruction(sourceCode, node))
        return cachedConstruction(sourceCode, node, () => paramsOfFormData(sourceCode, node, depth));
      return undefined;
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(sourceCode, node);
      if (name === 'href' || name === 'search' || name === 'searchParams') {
        const inner = paramsOfNode(sourceCode, node.object, depth + 1);
        return inner && (inner.kind === 'url' || inner.kind === 'search-params') ? inner : undefined;
      }
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'toString' && node.arguments.length === 0) {
        const inner = paramsOfNode(sourceCode, callee.object, depth + 1);
        return inner && (inner.kind === 'url' || inner.kind === 'search-params') ? inner : undefined;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && httpParamsChainRoot(sourceCode, node)) {
        return cachedConstruction(sourceCode, node, () => paramsOfHttpParamsLink(sourceCode, node, depth));
      }
      if (isLegacyUrlParse(sourceCode, node)) return cachedConstruction(sourceCode, node, () => paramsOfLegacyUrl(sourceCode, node, depth));
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && node.arguments.length === 1) {
        return paramsOfNode(sourceCode, node.arguments[0], depth + 1);
      }
      const argument = stringifyArgument(sourceCode, node);
      if (argument) {
        const object = paramsOfNode(sourceCode, argument, depth + 1);
        if (!object) return { kind: 'stringify', node, params: [], complete: false, base: undefined, hasQuery: true, includes: [] };
        return { ...object, kind: 'stringify', node, includes: [object.node, ...object.includes] };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The variable an object literal is written into, and the path to it inside that variable's
 * value: `var options = { form: { … } }` gives `options` and `['form']` for the inner object.
 */
function holderOf(
  sourceCode: SourceCode,
  object: TSESTree.ObjectExpression,
): { identifier: TSESTree.Identifier; path: string[] } | undefined {
  const path: string[] = [];
  let node: Node = object;
  for (let depth = 0; depth < 4; depth++) {
    const parent: Node | undefined = node.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const key = propertyKeyName(sourceCode, parent);
      if (key === undefined) return undefined;
      path.unshift(key);
      node = parent.parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier)
      return { identifier: parent.id, path };
    return undefined;
  }
  return undefined;
}

/**
 * An object of parameters held in a variable also sends what is written into it afterwards
 * (`params.state = state`, also under an `if`), and so does an object nested in the variable's
 * value, through its path (`options.form.code_verifier = verifier`): a parameter added
 * conditionally may be sent, so it counts as present. A write whose name cannot be read makes
 * the list incomplete.
 */
function withMemberWrites(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  list: ParamList,
  path: readonly string[] = [],
): ParamList {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable) return list;
  const writes = memberWritesOf(sourceCode, variable).get(path.join('.'));
  if (!writes) return list;
  const known = new Set(list.params.map((param) => param.valueNode));
  const added: Param[] = [];
  let complete = list.complete;
  for (const { name, value } of writes) {
    if (known.has(value)) continue;
    if (name === undefined) {
      complete = false;
      continue;
    }
    added.push({ name, value: paramText(sourceCode, value), valueNode: value, reportNode: value, inFragment: false });
  }
  return added.length === 0 && complete === list.complete ? list : { ...list, params: [...list.params, ...added], complete };
}

/** Member chains followed below a variable when collecting its writes (`options.form.x = …` is two). */
const MAX_WRITE_PATH = 4;

/**
 * The `=` writes through a variable's member chains, by the path to the written object:
 * `params.state = s` under `''`, `options.form.code_verifier = v` under `'form'`. Read once per
 * variable, so that each object of its value looks its writes up instead of walking the
 * references again (linear in the references, however many objects the value nests).
 */
function memberWritesOf(
  sourceCode: SourceCode,
  variable: TSESLint.Scope.Variable,
): ReadonlyMap<string, readonly { name: string | undefined; value: Node }[]> {
  const cache = fileFacts(sourceCode).memo(
    'urls:member-writes',
    () => new WeakMap<object, Map<string, { name: string | undefined; value: Node }[]>>(),
  );
  let byPath = cache.get(variable);
  if (byPath) return byPath;
  byPath = new Map();
  cache.set(variable, byPath);
  for (const reference of variable.references) {
    const steps: string[] = [];
    let target = reference.identifier as Node;
    for (let depth = 0; depth <= MAX_WRITE_PATH; depth++) {
      const member = target.parent as Node | undefined;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== target) break;
      const name = memberName(sourceCode, member);
      const assignment = member.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member && assignment.operator === '=') {
        const key = steps.join('.');
        const list = byPath.get(key) ?? [];
        list.push({ name, value: assignment.right });
        byPath.set(key, list);
        break;
      }
      if (name === undefined) break;
      steps.push(name);
      target = member;
    }
  }
  return byPath;
}

/** Constructions are read once per file (their mutations walk the variable's references). */
function cachedConstruction(sourceCode: SourceCode, node: Node, compute: () => ParamList | undefined): ParamList | undefined {
  const cache = fileFacts(sourceCode).memo('urls:constructions', () => new Map<Node, ParamList | undefined>());
  if (cache.has(node)) return cache.get(node);
  // Guard against cycles while computing.
  cache.set(node, undefined);
  const result = compute();
  cache.set(node, result);
  return result;
}

/**
 * The parameters an expression sends: a URL string with a query, a form-body string, a
 * `URLSearchParams`, a `new URL()` with its `searchParams` writes, a query-string library's
 * `stringify`, or an object of parameters. Undefined when the expression is none of those.
 */
export function paramsOf(sourceCode: SourceCode, node: Node): ParamList | undefined {
  return paramsOfNode(sourceCode, node, 0);
}

/** `new FormData()` (global or the form-data package): a form body filled by `.append()`. */
function isFormDataConstruction(sourceCode: SourceCode, node: Node): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const origin = originOf(sourceCode, node.callee);
  return origin !== undefined && FORM_DATA_CONSTRUCTORS.some((pattern) => matchesPattern(origin, pattern));
}

/** A form body's fields: those appended to the variable; a form element given to it (`new FormData(form)`) is unknown. */
function paramsOfFormData(sourceCode: SourceCode, node: TSESTree.NewExpression, depth: number): ParamList {
  const includes: Node[] = [];
  const mutated = applyMutations([], node.arguments.length === 0, mutationsOf(sourceCode, node, false, depth), includes);
  return { kind: 'object', node, params: mutated.params, complete: mutated.complete, base: undefined, hasQuery: false, includes };
}

/** True when the node is `new URL(…)` / `new URLSearchParams(…)` (the globals, not shadowed). */
export function isUrlConstruction(sourceCode: SourceCode, node: Node): boolean {
  return isGlobalConstructor(sourceCode, node, 'URL') || isGlobalConstructor(sourceCode, node, 'URLSearchParams');
}

/**
 * True for a construction that holds parameters as an object: `new URL(…)`, `new URLSearchParams(…)`,
 * Angular `new HttpParams(…)`, and the last link of an HttpParams `.set()`/`.append()` chain.
 */
export function isParamsConstruction(sourceCode: SourceCode, node: Node): boolean {
  return (
    isUrlConstruction(sourceCode, node) ||
    isHttpParamsConstruction(sourceCode, node) ||
    isHttpParamsChainEnd(sourceCode, node) ||
    isFormDataConstruction(sourceCode, node)
  );
}

/** A link of an HttpParams builder chain (`new HttpParams().set(…)`): the value passes on to the next link. */
export function isHttpParamsLink(sourceCode: SourceCode, node: Node): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && httpParamsChainRoot(sourceCode, node) !== undefined;
}

export function isStringifyCall(sourceCode: SourceCode, node: Node): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && stringifyArgument(sourceCode, node) !== undefined;
}

// --- every parameter written in a file -------------------------------------------------------

export type ParamWriteContext =
  /** `{ name: value }` in an object literal. */
  | 'object'
  /** `x.set(name, value)` / `x.append(name, value)` (URLSearchParams, FormData, searchParams). */
  | 'set'
  /** `name=value` inside a string (URL query, fragment or form body). */
  | 'string'
  /** `[name, value]` entries given to `new URLSearchParams([...])`. */
  | 'entries';

export interface ParamWrite {
  readonly name: string;
  readonly value: string | undefined;
  readonly valueNode: Node;
  readonly reportNode: Node;
  readonly context: ParamWriteContext;
  /** For strings: true after `#`. */
  readonly inFragment: boolean;
  /** For strings: true when the string has a `?` (a URL query) rather than being a form body. */
  readonly inQuery: boolean;
}

function isStringConstruct(node: Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
  );
}

/** True when a string node is part of a larger string expression (read with the outer one). */
function isInnerString(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') return true;
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) return true;
  return false;
}

export interface FileNodes {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly news: readonly TSESTree.NewExpression[];
  readonly objects: readonly TSESTree.ObjectExpression[];
  /** Outermost string expressions (literals, templates, `+` chains) that look like they hold `name=value`. */
  readonly strings: readonly Node[];
}

/** One walk of the file collecting the node kinds the request analyses read (memoized per file). */
export function fileNodes(sourceCode: SourceCode): FileNodes {
  return fileFacts(sourceCode).memo('urls:nodes', () => {
    const facts = fileFacts(sourceCode);
    const strings = facts
      .nodesOfType(AST_NODE_TYPES.Literal, AST_NODE_TYPES.TemplateLiteral, AST_NODE_TYPES.BinaryExpression)
      .filter((node) => isStringConstruct(node) && !isInnerString(node) && looksLikeParams(node));
    return {
      calls: facts.nodesOfType(AST_NODE_TYPES.CallExpression),
      news: facts.nodesOfType(AST_NODE_TYPES.NewExpression),
      objects: facts.nodesOfType(AST_NODE_TYPES.ObjectExpression),
      strings,
    };
  });
}

function looksLikeParams(node: Node): boolean {
  // Holes may hold the `?` (`${base}${query}`): every template and `+` chain is worth a look (its text is not read here).
  if (node.type !== AST_NODE_TYPES.Literal) return node.range[1] - node.range[0] <= 20_000;
  const text = String(node.value);
  return text.length <= 20_000 && (text.includes('=') || text.includes('?'));
}

/**
 * Every parameter written anywhere in the file, once, with where it was written: object
 * properties, `.set()`/`.append()` calls, `name=value` in strings (including consts), and
 * entry arrays. Rules that judge a parameter's value (response_type, grant_type,
 * access_token in a query) read this list instead of walking the tree themselves.
 */
export function paramWrites(sourceCode: SourceCode): readonly ParamWrite[] {
  return fileFacts(sourceCode).memo('urls:paramWrites', () => {
    const writes: ParamWrite[] = [];
    const seen = new Set<string>();
    const add = (write: ParamWrite): void => {
      const key = `${write.name}@${write.reportNode.range[0]}:${write.reportNode.range[1]}:${write.inFragment}`;
      if (seen.has(key)) return;
      seen.add(key);
      writes.push(write);
    };
    const nodes = fileNodes(sourceCode);
    for (const node of [
      ...nodes.objects.flatMap((object) => object.properties as Node[]),
      ...nodes.calls,
      ...nodes.news,
      ...nodes.strings,
    ]) {
      // Odd ASTs: skip the node, keep going.
      guarded(() => visitForWrites(sourceCode, node, add), undefined);
    }
    return writes;
  });
}

/**
 * A write whose value text is worked out when first read: every object property of a file is
 * a candidate write, and the readers ask for the value only of the few names they look for.
 */
function withLazyValue(write: Omit<ParamWrite, 'value'>, compute: () => string | undefined): ParamWrite {
  let computed = false;
  let value: string | undefined;
  return {
    ...write,
    get value() {
      if (!computed) {
        value = compute();
        computed = true;
      }
      return value;
    },
  };
}

function visitForWrites(sourceCode: SourceCode, node: Node, add: (write: ParamWrite) => void): void {
  switch (node.type) {
    case AST_NODE_TYPES.Property: {
      if (node.parent?.type !== AST_NODE_TYPES.ObjectExpression || node.kind !== 'init' || node.method) return;
      const name = propertyKeyName(sourceCode, node);
      if (name === undefined) return;
      const valueNode = node.value;
      add(
        withLazyValue(
          { name, valueNode, reportNode: valueReportNode(sourceCode, node), context: 'object', inFragment: false, inQuery: false },
          () => paramText(sourceCode, valueNode),
        ),
      );
      return;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || node.arguments.length < 2) return;
      const method = memberName(sourceCode, callee);
      if (method !== 'set' && method !== 'append') return;
      const name = stringValue(sourceCode, node.arguments[0]);
      if (name === undefined) return;
      // `headers.set('authorization', …)` and Map.set are not parameters; the name decides for the rules.
      const receiver = skipWrappers(callee.object);
      const viaSearchParams = receiver.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, receiver) === 'searchParams';
      const valueNode = node.arguments[1];
      add(
        withLazyValue({ name, valueNode, reportNode: node, context: 'set', inFragment: false, inQuery: viaSearchParams }, () =>
          paramText(sourceCode, valueNode),
        ),
      );
      return;
    }
    case AST_NODE_TYPES.NewExpression: {
      if (!isGlobalConstructor(sourceCode, node, 'URLSearchParams') || node.arguments.length === 0) return;
      const source = definitionOf(sourceCode, node.arguments[0]);
      if (source.type !== AST_NODE_TYPES.ArrayExpression) return;
      const entries = paramsOfEntries(sourceCode, source);
      for (const entry of entries?.params ?? []) add({ ...entry, context: 'entries', inQuery: false });
      return;
    }
    default:
      break;
  }
  if (!isStringConstruct(node) || isInnerString(node)) return;
  const list = queryOfString(sourceCode, node, 0);
  if (!list) return;
  for (const entry of list.params) {
    add({
      name: entry.name,
      value: entry.value,
      valueNode: entry.valueNode,
      reportNode: entry.reportNode,
      context: 'string',
      inFragment: entry.inFragment,
      inQuery: list.hasQuery,
    });
  }
}

/** Matcher names specific to test frameworks (the receiver need not be traced). */
const MATCHERS = new Set([
  'toBe',
  'toEqual',
  'toStrictEqual',
  'toContain',
  'toMatch',
  'toMatchObject',
  'toHaveBeenCalledWith',
  'toHaveBeenLastCalledWith',
  'toHaveBeenNthCalledWith',
  'toHaveProperty',
  'toHaveURL',
  'toContainEqual',
  'deepEqual',
  'strictEqual',
  'deepStrictEqual',
  'calledWith',
  'calledWithMatch',
  'toHaveBeenCalledOnceWith',
  'objectContaining',
  'stringContaining',
]);
/** String methods whose first argument is text searched for in another string. */
const STRING_SEARCHES = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf']);
/** Roots of assertion and mocking chains: anything below them is a test's expectation. */
const ASSERTION_ROOTS = new Set(['expect', 'assert', 'expectTypeOf', 'nock', 'should', 'sinon']);

function rootIdentifier(node: Node): string | undefined {
  let current = skipWrappers(node);
  for (let i = 0; i < 20; i++) {
    if (current.type === AST_NODE_TYPES.Identifier) return current.name;
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = skipWrappers(current.callee);
    else return undefined;
  }
  return undefined;
}

/**
 * True when the node sits in a test assertion or a mock (`expect(url).toContain('response_type=token')`,
 * `assert.equal(...)`, `nock(...).query({...})`) or is compared rather than sent (`x === '…'`,
 * `url.includes('…')`).
 */
export function isAssertionOrComparison(node: Node): boolean {
  let child: Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.CallExpression: {
        if (current.callee === child) break;
        const callee = skipWrappers(current.callee);
        const method =
          callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
        const root = rootIdentifier(callee);
        if (method !== undefined && MATCHERS.has(method)) return true;
        // `url.includes('…?client_secret=…')`: a string the code looks for, not one it sends.
        if (method !== undefined && STRING_SEARCHES.has(method) && current.arguments[0] === child) return true;
        if (root !== undefined && ASSERTION_ROOTS.has(root)) return true;
        break;
      }
      case AST_NODE_TYPES.BinaryExpression:
        if (['===', '!==', '==', '!='].includes(current.operator)) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        return current.test === child;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.Program:
        return false;
      default:
        break;
    }
  }
  return false;
}

// --- URLs built in a file, with their query parameters -----------------------------------------

export interface UrlParam {
  readonly param: Param;
  /** The URL / query construction the parameter belongs to. */
  readonly url: Node;
}

/** Option keys of HTTP clients whose object becomes the URL query (axios `params`, got/ky `searchParams`, request `qs`). */
const QUERY_OPTION_KEYS = new Set(['params', 'searchParams', 'qs']);

function isQueryOptionObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  const property = object.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== object) return false;
  const key = propertyKeyName(sourceCode, property);
  if (key === undefined || !QUERY_OPTION_KEYS.has(key)) return false;
  // The options object must be handed to a call (`axios.get(url, { params })`, `got(url, { searchParams })`).
  const options = property.parent;
  const call = options.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(options as TSESTree.CallExpressionArgument);
}

/** A request builder's query: `superagent.get(url).query({ access_token })` (chained on a client call). */
function isRequestBuilderQuery(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  const call = object.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== object) return false;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== REQUEST_BUILDER_QUERY_METHOD) return false;
  // Walk down the chain (`.get(url).set(h).query(q)`) to the client call that starts it.
  let receiver = skipWrappers(callee.object);
  for (let hops = 0; hops < 8 && receiver.type === AST_NODE_TYPES.CallExpression; hops++) {
    const origin = calleeOrigin(sourceCode, receiver);
    if (origin) return HTTP_CLIENT_MODULES.has(origin.module);
    const inner = skipWrappers(receiver.callee);
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
    receiver = skipWrappers(inner.object);
  }
  return false;
}

/**
 * Every query parameter (not fragment) of every URL the file builds: strings with a `?`,
 * `new URL()` with its `searchParams` writes, `URLSearchParams`/query strings placed after a
 * `?`, and HTTP clients' query options (`axios.get(url, { params })`). Form bodies are not URLs.
 */
export function urlQueryParams(sourceCode: SourceCode): readonly UrlParam[] {
  return fileFacts(sourceCode).memo('urls:queryParams', () => {
    const result: UrlParam[] = [];
    const seen = new Set<string>();
    const nodes = fileNodes(sourceCode);
    const add = (entry: Param, url: Node): void => {
      if (entry.inFragment || entry.deleted) return;
      const at = entry.nameUnknown ? entry.valueNode : entry.reportNode;
      const key = `${entry.name}@${at.range[0]}:${at.range[1]}`;
      if (seen.has(key)) return;
      seen.add(key);
      result.push({ param: entry, url });
    };
    for (const node of nodes.strings) {
      const list = paramsOf(sourceCode, node);
      if (list?.kind === 'string' && list.hasQuery && list.base !== undefined)
        for (const entry of [...list.params, ...(list.unnamed ?? [])]) add(entry, node);
    }
    for (const node of nodes.news) {
      if (!isGlobalConstructor(sourceCode, node, 'URL')) continue;
      const list = paramsOf(sourceCode, node);
      for (const entry of list?.params ?? []) add(entry, node);
    }
    for (const object of nodes.objects) {
      if (!isQueryOptionObject(sourceCode, object) && !isRequestBuilderQuery(sourceCode, object)) continue;
      const list = paramsOf(sourceCode, object);
      for (const entry of list?.params ?? []) add(entry, object);
    }
    return result;
  });
}

// --- values that fill a whole path segment ----------------------------------------------------

export interface UrlPathValue {
  /** The hole that is a whole path segment: `/done/${token}`, `base + '/' + token + '?x=1'`. */
  readonly valueNode: Node;
  /** The string construction (template or concatenation) it sits in. */
  readonly url: Node;
  /** The known text before the hole starts with a scheme and host (`https://api.example.com/…`). */
  readonly absolute: boolean;
  /** Known path text before the hole, holes left out (`/auth/success/`). */
  readonly pathText: string;
}

const SCHEME = /^[a-z][a-z\d+.-]{1,20}:\/\//i;

/**
 * Every hole of a string construction that fills a whole URL path segment: after a `/` and
 * before the next `/`, `?`, `#` or the end, before any query starts. Whether the string is a
 * URL at all is the caller's question (see `absolute`, and where the string is sent).
 */
export function urlPathValues(sourceCode: SourceCode): readonly UrlPathValue[] {
  return fileFacts(sourceCode).memo('urls:pathValues', () => {
    const result: UrlPathValue[] = [];
    for (const node of fileNodes(sourceCode).strings) {
      if (node.type === AST_NODE_TYPES.Literal) continue;
      const parts = stringParts(sourceCode, node);
      let pathText = '';
      let before: string | undefined;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part.text !== undefined) {
          const end = part.text.search(/[?#]/);
          pathText += end === -1 ? part.text : part.text.slice(0, end);
          if (end !== -1) break;
          before = part.text;
          continue;
        }
        if (isSeparatorChoice(sourceCode, part.node)) break;
        const next = parts[i + 1];
        const wholeSegment =
          next === undefined || (next.text !== undefined ? /^[/?#]/.test(next.text) : isSeparatorChoice(sourceCode, next.node));
        if (before?.endsWith('/') && wholeSegment)
          result.push({ valueNode: part.node, url: node, absolute: SCHEME.test(parts[0].text ?? ''), pathText });
        before = undefined;
      }
    }
    return result;
  });
}
