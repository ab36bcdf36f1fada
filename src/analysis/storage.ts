/**
 * Writes to browser storage, and whether what is written is a credential.
 *
 *   storageAreaOf(x)            'local' | 'session' for localStorage / sessionStorage however
 *                               reached (window., globalThis., self., a const alias, a class
 *                               field, `remember ? localStorage : sessionStorage`)
 *   storageWriteOf(node)        a write: `setItem`, property or index assignment, IndexedDB
 *                               `objectStore(...).put/add`, localforage, idb, idb-keyval, dexie
 *   wrapperWriteOf(call)        a call of a same-file helper that writes its arguments to storage
 *   storedCredential(write)     which token (if any) the write stores, from the key, the
 *                               object-store name and the value
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, soleValueDefinition } from './ast';
import {
  LIBRARY_WRITES,
  OBJECT_STORE_WRITES,
  PINIA_DEFINE_STORE,
  REDUX_COMBINE_REDUCERS,
  REDUX_CREATE_SLICE,
  REDUX_STORE_CREATORS,
  STORAGE_HOOKS,
  STORAGE_MEMBERS,
  STORAGE_MODULES,
  STORAGE_WRITE_HINT,
  WEB_STORAGE_GLOBALS,
  ZUSTAND_JSON_STORAGE,
  ZUSTAND_PERSIST,
  type StorageArea,
  type StorageHook,
} from '../knowledge/storage';
import { fileFacts } from './file-facts';
import { calledFunction, importedDefinition, libraryCallEntry, parameterIndexOf } from './functions';
import {
  GLOBAL_MODULE,
  calleeOrigin,
  localFunction,
  lookup,
  matchesPattern,
  memberName,
  originOf,
  propertyKeyName,
  returnedExpressions,
  skipWrappers,
} from './modules';
import { tokenResponseOf } from './token-requests';
import { classifyToken, credentialKindFromName, nameWords, tokenKindFromName, type TokenKind } from './tokens';
import { arrayElements, booleanValue, definitionOf, descendants, getProperty, propertyNames, stringValue, tailName } from './values';

/** The store factories whose persistence is judged: a file importing neither has no persisted store. */
const PERSISTING_STORES: readonly string[] = [ZUSTAND_PERSIST, PINIA_DEFINE_STORE];

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type { StorageArea };

export interface StorageWrite {
  /** The write itself: the call or the assignment (where a finding about it is reported). */
  readonly node: Node;
  readonly area: StorageArea;
  /** The key expression, when there is one (`setItem(key, …)`, `localStorage[key] = …`). */
  readonly key?: Node;
  /** The key's text when the key is a plain property name (`localStorage.token = …`). */
  readonly keyText?: string;
  /** The IndexedDB object store's name, when known (`objectStore('tokens')`). */
  readonly storeName?: string;
  readonly value?: Node;
  /** The storage wrapper called, when the write is a call of one (`setAccessToken(value)`): its name may say what it keeps. */
  readonly wrapperName?: string;
}

const MAX_DEPTH = 6;

/** localStorage / sessionStorage, however the expression reaches it; undefined otherwise. */
export function storageAreaOf(sourceCode: SourceCode, node: Node, depth = 0): 'local' | 'session' | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = skipWrappers(node);
  const origin = originOf(sourceCode, inner);
  if (origin?.module === GLOBAL_MODULE && origin.path.length === 1) {
    // Own keys only: `constructor` or `toString` must not find Object.prototype's.
    const area = Object.hasOwn(WEB_STORAGE_GLOBALS, origin.path[0]) ? WEB_STORAGE_GLOBALS[origin.path[0]] : undefined;
    if (area) return area;
  }
  const definition = definitionOf(sourceCode, inner);
  // `remember ? localStorage : sessionStorage`, `opts.storage ?? localStorage`: the most exposed branch.
  if (definition.type === AST_NODE_TYPES.ConditionalExpression) {
    const areas = [storageAreaOf(sourceCode, definition.consequent, depth + 1), storageAreaOf(sourceCode, definition.alternate, depth + 1)];
    return areas.includes('local') ? 'local' : areas.includes('session') ? 'session' : undefined;
  }
  if (definition.type === AST_NODE_TYPES.LogicalExpression) {
    const areas = [storageAreaOf(sourceCode, definition.left, depth + 1), storageAreaOf(sourceCode, definition.right, depth + 1)];
    return areas.includes('local') ? 'local' : areas.includes('session') ? 'session' : undefined;
  }
  return undefined;
}

/** `db.transaction('auth', 'readwrite').objectStore('auth')` (also through a const): the store's name. */
function objectStoreName(sourceCode: SourceCode, node: Node): { name: string | undefined } | undefined {
  const definition = skipWrappers(definitionOf(sourceCode, node));
  if (definition.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipWrappers(definition.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'objectStore') return undefined;
  const arg = definition.arguments[0];
  return { name: arg ? stringValue(sourceCode, arg) : undefined };
}

/** False when the file can write to no storage: it names no web storage or object store and imports no storage library. */
function mayWriteStorage(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return facts.mentions(STORAGE_WRITE_HINT) || facts.importsAny(STORAGE_MODULES);
}

/** A write to browser storage at this node, or undefined. */
export function storageWriteOf(sourceCode: SourceCode, node: Node): StorageWrite | undefined {
  // Web storage and IndexedDB are reached by name (`localStorage`, `window.sessionStorage`,
  // `objectStore(…)`): a file that never writes those words writes to neither.
  if (!mayWriteStorage(sourceCode)) return undefined;
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const target = node.left;
    const area = storageAreaOf(sourceCode, target.object);
    if (!area) return undefined;
    if (target.computed) {
      const keyText = stringValue(sourceCode, target.property);
      if (keyText !== undefined && STORAGE_MEMBERS.has(keyText)) return undefined;
      return { node, area, key: target.property, keyText, value: node.right };
    }
    if (target.property.type !== AST_NODE_TYPES.Identifier || STORAGE_MEMBERS.has(target.property.name)) return undefined;
    return { node, area, keyText: target.property.name, value: node.right };
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipWrappers(node.callee);
  const args = node.arguments;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(sourceCode, callee);
    if (method === 'setItem' && args.length >= 2) {
      const area = storageAreaOf(sourceCode, callee.object);
      if (area) return { node, area, key: args[0], keyText: stringValue(sourceCode, args[0]), value: args[1] };
    }
    if (method && OBJECT_STORE_WRITES.has(method) && args.length >= 1) {
      const store = objectStoreName(sourceCode, callee.object);
      if (store) {
        const key = args[1];
        return {
          node,
          area: 'indexeddb',
          key,
          keyText: key ? stringValue(sourceCode, key) : undefined,
          storeName: store.name,
          value: args[0],
        };
      }
    }
  }
  const library = libraryCallEntry(sourceCode, node, LIBRARY_WRITES);
  if (library && args.length > library.value) {
    const key = library.key === undefined ? undefined : args[library.key];
    const store = library.store === undefined ? undefined : args[library.store];
    return {
      node,
      area: library.area,
      key,
      keyText: key ? stringValue(sourceCode, key) : undefined,
      storeName: store ? stringValue(sourceCode, store) : undefined,
      value: args[library.value],
    };
  }
  return undefined;
}

/** Unwraps `JSON.stringify(x)`, `String(x)`, `btoa(x)`, `encrypt`-less serialisations that keep the secret readable. */
function unwrapSerialisation(sourceCode: SourceCode, node: Node): Node {
  let current = skipWrappers(node);
  // `typeof v === 'string' ? v : JSON.stringify(v)`: both branches store the same value.
  if (current.type === AST_NODE_TYPES.ConditionalExpression) {
    const whenTrue = unwrapSerialisation(sourceCode, current.consequent);
    const whenFalse = unwrapSerialisation(sourceCode, current.alternate);
    if (whenTrue.type === AST_NODE_TYPES.Identifier && whenFalse.type === AST_NODE_TYPES.Identifier && whenTrue.name === whenFalse.name)
      return whenTrue;
  }
  for (let i = 0; i < 4 && current.type === AST_NODE_TYPES.CallExpression && current.arguments.length >= 1; i++) {
    const callee = skipWrappers(current.callee);
    const origin = calleeOrigin(sourceCode, current);
    const isGlobal = origin?.module === GLOBAL_MODULE;
    const name = origin?.path.join('.');
    const serialises = isGlobal && (name === 'JSON.stringify' || name === 'String' || name === 'btoa' || name === 'Buffer.from');
    if (!serialises && !(callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'toString')) break;
    current = skipWrappers(serialises ? current.arguments[0] : (callee as TSESTree.MemberExpression).object);
  }
  return current;
}

/**
 * The token a value is or carries by where it comes from, not by what it is called: a token
 * the analysis traces to a token response or request, serialised or not (`JSON.stringify(tokens)`
 * of `(await client.getToken(code)).tokens`), or the token response as a whole.
 */
export function credentialBySource(sourceCode: SourceCode, node: Node): TokenKind | undefined {
  const value = unwrapSerialisation(sourceCode, node);
  const classified = classifyToken(sourceCode, value);
  if (classified?.basis === 'source' && classified.kind !== 'code') return classified.kind;
  return tokenResponseOf(sourceCode, value) ? 'access' : undefined;
}

/** True for `''`, `null`, `undefined`: a write that clears rather than stores. */
export function isEmptyValue(sourceCode: SourceCode, node: Node | undefined): boolean {
  if (!node) return false;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return true;
  if (inner.type === AST_NODE_TYPES.Literal && inner.value === null && !('regex' in inner)) return true;
  return stringValue(sourceCode, inner) === '';
}

/** `true`, `1`, `'yes'`, `Date.now()`-free constants: a flag or counter, not a secret. */
function isFlagValue(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  const constant = inner.type === AST_NODE_TYPES.Literal ? { value: inner.value } : undefined;
  if (constant && (typeof constant.value === 'boolean' || typeof constant.value === 'number')) return true;
  const text = stringValue(sourceCode, inner);
  if (text !== undefined) return /^(?:true|false|yes|no|on|off|\d{1,3})$/i.test(text);
  return isBooleanExpression(sourceCode, stringifiedOperand(inner));
}

/** What `'' + x`, `` `${x}` ``, `String(x)` and `x.toString()` turn into text: `x`. */
function stringifiedOperand(node: Node): Node {
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const isEmpty = (side: Node) => side.type === AST_NODE_TYPES.Literal && side.value === '';
    if (isEmpty(node.left)) return skipWrappers(node.right);
    if (isEmpty(node.right)) return skipWrappers(node.left);
  }
  if (
    node.type === AST_NODE_TYPES.TemplateLiteral &&
    node.expressions.length === 1 &&
    node.quasis.every((quasi) => quasi.value.cooked === '')
  )
    return skipWrappers(node.expressions[0]);
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1) {
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement)
      return skipWrappers(node.arguments[0]);
  }
  return node;
}

/** A boolean: a comparison, a negation, or a variable or parameter declared `: boolean` (a setting, never a token). */
function isBooleanExpression(sourceCode: SourceCode, node: Node): boolean {
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!=', '<', '>', '<=', '>='].includes(node.operator))
    return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(sourceCode.getScope(node), node)?.defs[0];
  const annotation = def?.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
  return annotation?.type === AST_NODE_TYPES.TSBooleanKeyword;
}

/** A key or store name that plainly names something else: OAuth transaction data, CSRF tokens, preferences. */
function namesSomethingElse(text: string | undefined): boolean {
  if (text === undefined) return false;
  const words = nameWords(text);
  return words.some((word) => NOT_STORED_CREDENTIAL_WORDS.has(word));
}

/** Words of keys whose values are not tokens even when the value's name says "token". */
const NOT_STORED_CREDENTIAL_WORDS = new Set([
  'verifier',
  'pkce',
  'challenge',
  'state',
  'nonce',
  'csrf',
  'xsrf',
  'push',
  'fcm',
  'apns',
  'device',
  'theme',
  'locale',
  'lang',
  'language',
  'return',
  'returnto',
  'redirect',
  'expiry',
  'expires',
  'exp',
  'expiration',
]);

/** `Object.assign(target, ...sources)` (a global call): the objects it merges, else undefined. */
function objectAssignArguments(sourceCode: SourceCode, node: Node): Node[] | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const origin = calleeOrigin(sourceCode, node);
  if (origin?.module !== GLOBAL_MODULE || origin.path.join('.') !== 'Object.assign') return undefined;
  return node.arguments.filter((arg): arg is TSESTree.Expression => arg.type !== AST_NODE_TYPES.SpreadElement);
}

/** Which token an object literal's properties hold; a generic key (`token`) defers to a more specific value. */
function credentialInObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression, depth: number): TokenKind | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = credentialInValue(sourceCode, property.argument, depth + 1);
      if (spread) return spread;
      continue;
    }
    const keyKind = credentialKindFromName(propertyKeyName(sourceCode, property));
    const valueKind = credentialInValue(sourceCode, property.value, depth + 1);
    if (keyKind && keyKind !== 'code' && !isEmptyValue(sourceCode, property.value))
      return keyKind === 'unknown-jwt' && valueKind ? valueKind : keyKind;
    if (valueKind) return valueKind;
  }
  return undefined;
}

/**
 * Tokens put into an object held by a variable after it was made and before `at`:
 * `user.accessToken = t`, `Object.assign(user, { tokens })`. Same function only.
 */
function credentialAddedLater(sourceCode: SourceCode, identifier: TSESTree.Identifier, at: Node, depth: number): TokenKind | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return undefined;
  for (const reference of variable.references) {
    const read = reference.identifier as Node;
    if (reference.init || read.range[0] >= at.range[0]) continue;
    const parent = read.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === read &&
      parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.parent.left === parent &&
      parent.parent.operator === '='
    ) {
      const value = parent.parent.right;
      if (isEmptyValue(sourceCode, value)) continue;
      const keyKind = credentialKindFromName(memberName(sourceCode, parent));
      const valueKind = credentialInValue(sourceCode, value, depth + 1);
      if (keyKind && keyKind !== 'code') return keyKind === 'unknown-jwt' && valueKind ? valueKind : keyKind;
      if (valueKind) return valueKind;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === read) {
      const sources = objectAssignArguments(sourceCode, parent);
      for (const source of sources?.slice(1) ?? []) {
        const kind = credentialInValue(sourceCode, source, depth + 1);
        if (kind) return kind;
      }
    }
  }
  return undefined;
}

/**
 * Which token a value holds, looking into `JSON.stringify(...)`, object literals (also
 * merged with `Object.assign` or filled in after they were made), and the whole parsed
 * response of a token request (`JSON.stringify(await res.json())`).
 */
export function credentialInValue(sourceCode: SourceCode, node: Node, depth = 0): TokenKind | undefined {
  if (depth > 3) return undefined;
  const value = unwrapSerialisation(sourceCode, node);
  if (isEmptyValue(sourceCode, value)) return undefined;
  const classified = classifyToken(sourceCode, value);
  if (classified && classified.kind !== 'code') return classified.kind;
  const definition = skipWrappers(definitionOf(sourceCode, value));
  if (definition.type === AST_NODE_TYPES.ObjectExpression) {
    const inLiteral = credentialInObject(sourceCode, definition, depth);
    if (inLiteral) return inLiteral;
    return value.type === AST_NODE_TYPES.Identifier ? credentialAddedLater(sourceCode, value, node, depth) : undefined;
  }
  const merged = objectAssignArguments(sourceCode, definition);
  if (merged) {
    for (const source of merged) {
      const kind = credentialInValue(sourceCode, source, depth + 1);
      if (kind) return kind;
    }
    return undefined;
  }
  if (definition !== value && definition.type !== AST_NODE_TYPES.Identifier) {
    const viaDefinition = classifyToken(sourceCode, definition);
    if (viaDefinition && viaDefinition.kind !== 'code') return viaDefinition.kind;
    // `const blob = Buffer.from(JSON.stringify({ token })).toString('base64')`: what was serialised.
    const serialised = unwrapSerialisation(sourceCode, definition);
    if (serialised !== definition) return credentialInValue(sourceCode, serialised, depth + 1);
  }
  // The token endpoint's whole answer: it holds the access token (and the refresh token, if any).
  if (tokenResponseOf(sourceCode, value)) return 'access';
  // What a helper of the project returns (`const user = parseAuthResult(result)` building `{ accessToken, … }`).
  const made = definition.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(definition.argument) : definition;
  if (made.type === AST_NODE_TYPES.CallExpression) {
    const called = calledFunction(sourceCode, made.callee);
    for (const returned of (called && returnedExpressions(called.fn)) ?? []) {
      const kind = credentialInValue(called!.sourceCode, returned, depth + 1);
      if (kind) return kind;
    }
  }
  // A Redux store's whole state: every key its reducers start from.
  const state = reduxStateCredential(sourceCode, value) ?? piniaStateCredential(sourceCode, value);
  if (state) return state;
  // `token`, `data.jwt`, `auth.tokens`: the generic names classifyToken leaves alone.
  const name = tailName(sourceCode, value);
  const byName = credentialKindFromName(name);
  return byName && byName !== 'code' ? byName : undefined;
}

/**
 * The token a storage write stores, or undefined. The key (or the IndexedDB store's name)
 * decides first: `'access_token'`, `'auth.jwt'`, a store named `tokens`. Then the value:
 * `tokens.refresh_token`, `JSON.stringify({ accessToken })`, `await getAccessTokenSilently()`.
 * A key that names something else (`pkce_verifier`, `theme`, `csrf_token`) keeps it silent.
 */
export function storedCredential(
  sourceCode: SourceCode,
  write: Pick<StorageWrite, 'keyText' | 'storeName' | 'value' | 'wrapperName'>,
): TokenKind | undefined {
  if (!write.value || isEmptyValue(sourceCode, write.value) || isFlagValue(sourceCode, write.value)) return undefined;
  if (namesSomethingElse(write.keyText) || namesSomethingElse(write.storeName)) {
    // `authState` / `oauth_tx` may still hold a named token (`JSON.stringify({ accessToken })`); a bare `token` there is not trusted.
    const kind = credentialInValue(sourceCode, write.value);
    return kind === 'unknown-jwt' ? undefined : kind;
  }
  // A wrapper named for what it keeps (`setAccessToken(data.access)`, `saveRefreshToken(r)`), its verb aside.
  const kept = write.wrapperName === undefined ? undefined : write.wrapperName.replace(WRAPPER_VERB, '');
  for (const name of [write.keyText, write.storeName, kept === write.wrapperName || namesSomethingElse(kept) ? undefined : kept]) {
    const kind = credentialKindFromName(name);
    if (kind && kind !== 'code') return kind;
  }
  return credentialInValue(sourceCode, write.value);
}

/** The verb of a storage wrapper's name: `setAccessToken` keeps an access token. */
const WRAPPER_VERB = /^(?:set|save|store|persist|put|write|keep|cache|remember)(?=[A-Z_])/;

interface WrapperShape {
  readonly area: StorageArea;
  /** Parameter index that becomes the key, or the key written inside. */
  readonly keyParam?: number;
  readonly keyText?: string;
  readonly storeName?: string;
  /** Parameter index that becomes the value (possibly serialised), or the value written inside. */
  readonly valueParam?: number;
  readonly value?: Node;
}

// A helper that rewrites its parameter before storing it stores something else.
const UNCHANGED = { unchanged: true } as const;

/** Storage writes inside a helper whose key or value is one of its parameters. Cached per function. */
function wrapperShapes(sourceCode: SourceCode, fn: TSESTree.FunctionLike, depth = 0): WrapperShape[] {
  // One cache per depth: a helper read at the last depth follows no further wrapper, and that
  // shorter answer must not stand for it when it is asked first-hand (findings must not depend on order).
  const cache = fileFacts(sourceCode).memo(`storage:wrappers:${depth}`, () => new WeakMap<Node, WrapperShape[]>());
  const cached = cache.get(fn);
  if (cached) return cached;
  const shapes: WrapperShape[] = [];
  cache.set(fn, shapes);
  // A module that never names a storage writes to none: its functions are not read.
  if (!fn.body || fn.params.length === 0 || !mayWriteStorage(sourceCode)) return shapes;
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const write = storageWriteOf(sourceCode, node);
    if (!write && node.type === AST_NODE_TYPES.CallExpression && depth < MAX_WRAPPER_DEPTH) {
      shapes.push(...handedOnShapes(sourceCode, fn, node, depth));
      continue;
    }
    if (!write || !write.value) continue;
    const keyParam = parameterIndexOf(sourceCode, fn, write.key, UNCHANGED);
    const valueParam = parameterIndexOf(sourceCode, fn, storedExpression(sourceCode, write.value), UNCHANGED);
    // A write that already shows a token inside the helper is reported there, not at every caller.
    if ((keyParam !== undefined || valueParam !== undefined) && storedCredential(sourceCode, write)) continue;
    if (keyParam === undefined && valueParam === undefined) {
      // `localStorage.setItem(KEY, JSON.stringify({ auth: account, settings }))`: each parameter packed into the stored object.
      if (storedCredential(sourceCode, write)) continue;
      for (const packed of packedParameters(sourceCode, fn, write.value))
        shapes.push({ area: write.area, keyText: write.keyText, storeName: write.storeName, valueParam: packed });
      continue;
    }
    shapes.push({
      area: write.area,
      keyParam,
      keyText: keyParam === undefined ? write.keyText : undefined,
      storeName: write.storeName,
      valueParam,
      value: valueParam === undefined ? write.value : undefined,
    });
  }
  return shapes;
}

/** Wrappers of wrappers followed this deep (`setAccessToken(v)` → `LocalStorageValue.set(KEY, v)` → `localStorage.setItem`). */
const MAX_WRAPPER_DEPTH = 2;

/**
 * The writes a helper makes by handing its parameters on to another wrapper
 * (`const setAccessToken = (value) => LocalStorageValue.set(ACCESS_KEY, value)`): the inner
 * wrapper's shape, its parameters mapped to this helper's. A key that names a token here is
 * reported at that inner call, not at this helper's callers.
 */
function handedOnShapes(sourceCode: SourceCode, fn: TSESTree.FunctionLike, call: TSESTree.CallExpression, depth: number): WrapperShape[] {
  if (call.arguments.length === 0) return [];
  const inner = calledFunction(sourceCode, call.callee);
  if (!inner || inner.fn === fn) return [];
  const shapes: WrapperShape[] = [];
  for (const shape of wrapperShapes(inner.sourceCode, inner.fn, depth + 1)) {
    if (shape.valueParam === undefined) continue;
    const value = call.arguments[shape.valueParam];
    if (!value || value.type === AST_NODE_TYPES.SpreadElement) continue;
    const valueParam = parameterIndexOf(sourceCode, fn, storedExpression(sourceCode, value), UNCHANGED);
    if (valueParam === undefined) continue;
    let keyParam: number | undefined;
    let keyText = shape.keyText;
    if (shape.keyParam !== undefined) {
      const key = call.arguments[shape.keyParam];
      if (!key || key.type === AST_NODE_TYPES.SpreadElement) continue;
      keyParam = parameterIndexOf(sourceCode, fn, key, UNCHANGED);
      keyText = keyParam === undefined ? stringValue(sourceCode, key) : undefined;
    }
    const keyKind = keyParam === undefined ? storageKeyKind(keyText) : undefined;
    if (keyKind !== undefined && keyKind !== 'code') continue;
    shapes.push({ area: shape.area, keyParam, keyText, storeName: shape.storeName, valueParam });
  }
  return shapes;
}

/**
 * What a write stores, serialisation unwrapped, also through a const of the helper that holds
 * the serialised value (`const json = JSON.stringify(auth); localStorage.setItem(KEY, json)`).
 */
function storedExpression(sourceCode: SourceCode, value: Node): Node {
  const unwrapped = unwrapSerialisation(sourceCode, value);
  if (unwrapped.type !== AST_NODE_TYPES.Identifier) return unwrapped;
  const definition = definitionOf(sourceCode, unwrapped);
  return definition === unwrapped ? unwrapped : unwrapSerialisation(sourceCode, definition);
}

/** Parameters a helper stores as property values of one serialised object (`JSON.stringify({ auth: account })`, also through a const). */
function packedParameters(sourceCode: SourceCode, fn: TSESTree.FunctionLike, value: Node): number[] {
  const object = skipWrappers(unwrapSerialisation(sourceCode, definitionOf(sourceCode, unwrapSerialisation(sourceCode, value))));
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const indexes: number[] = [];
  for (const property of object.properties) {
    // A property named for OAuth transaction data or a preference holds no token, whatever is passed.
    if (property.type !== AST_NODE_TYPES.Property || namesSomethingElse(propertyKeyName(sourceCode, property))) continue;
    const index = parameterIndexOf(sourceCode, fn, property.value, UNCHANGED);
    if (index !== undefined && !indexes.includes(index)) indexes.push(index);
  }
  return indexes;
}

/** The function a call's callee names in this file: a local function, an object-literal method, a class method via `this`. */
function calledFunctionHere(sourceCode: SourceCode, callee: Node): TSESTree.FunctionLike | undefined {
  const inner = skipWrappers(callee);
  const local = localFunction(sourceCode, inner);
  if (local) return local;
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(sourceCode, inner);
  if (!name) return undefined;
  const object = skipWrappers(inner.object);
  let members: readonly (TSESTree.ObjectLiteralElement | TSESTree.ClassElement)[] | undefined;
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    for (let current: Node | undefined = inner.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ClassBody) {
        members = current.body;
        break;
      }
      if (current.type === AST_NODE_TYPES.ObjectExpression) {
        members = current.properties;
        break;
      }
    }
  } else {
    const definition = skipWrappers(definitionOf(sourceCode, object));
    if (definition.type === AST_NODE_TYPES.ObjectExpression) members = definition.properties;
    else if (definition.type === AST_NODE_TYPES.NewExpression) {
      const cls = localClass(sourceCode, definition.callee);
      members = cls?.body.body;
    }
  }
  if (!members) return undefined;
  for (const member of members) {
    if (
      member.type !== AST_NODE_TYPES.Property &&
      member.type !== AST_NODE_TYPES.MethodDefinition &&
      member.type !== AST_NODE_TYPES.PropertyDefinition
    )
      continue;
    if (propertyKeyName(sourceCode, member) !== name) continue;
    const value = member.value && skipWrappers(member.value);
    if (value && (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression)) return value;
  }
  return undefined;
}

function localClass(sourceCode: SourceCode, callee: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(callee), callee);
  const def = soleValueDefinition(variable);
  if (def?.type === 'ClassName') return def.node as TSESTree.ClassDeclaration;
  if (def?.type === 'Variable' && def.node.init?.type === AST_NODE_TYPES.ClassExpression) return def.node.init;
  return undefined;
}

/**
 * A call of a same-file helper that writes its arguments to storage: `save('access_token', t)`
 * with `function save(k, v) { localStorage.setItem(k, JSON.stringify(v)) }`, `storage.set(…)`
 * on an object literal, `this.persist(…)` in a class. The write's key and value are the
 * call's arguments where the helper passes parameters through.
 */
export function wrapperWritesOf(sourceCode: SourceCode, call: TSESTree.CallExpression): StorageWrite[] {
  // A wrapper writes what the call hands it: a call without arguments writes nothing of the caller's.
  if (call.arguments.length === 0) return [];
  const local = mayWriteStorage(sourceCode) ? calledFunctionHere(sourceCode, call.callee) : undefined;
  const target = local ? { sourceCode, fn: local, imported: false } : calledFunction(sourceCode, call.callee);
  if (!target) return [];
  const writes: StorageWrite[] = [];
  for (const shape of wrapperShapes(target.sourceCode, target.fn)) {
    // A wrapper in another module: what the call hands over is judged here; what the wrapper writes on its own is judged there.
    if (target.imported && shape.valueParam === undefined) continue;
    const key = shape.keyParam === undefined ? undefined : call.arguments[shape.keyParam];
    const value = shape.valueParam === undefined ? shape.value : call.arguments[shape.valueParam];
    if (key?.type === AST_NODE_TYPES.SpreadElement || value?.type === AST_NODE_TYPES.SpreadElement) continue;
    if (shape.valueParam !== undefined && !value) continue;
    writes.push({
      node: call,
      area: shape.area,
      key,
      keyText: shape.keyParam === undefined ? shape.keyText : key ? stringValue(sourceCode, key) : undefined,
      storeName: shape.storeName,
      value,
      wrapperName: shape.valueParam === undefined ? undefined : tailName(sourceCode, call.callee),
    });
  }
  return writes;
}

/** Token kind of a name, for tests and messages: specific kinds first, then generic "token" names. */
export function storageKeyKind(text: string | undefined): TokenKind | undefined {
  if (namesSomethingElse(text)) return undefined;
  return tokenKindFromName(text) ?? credentialKindFromName(text);
}

/** `useLocalStorage('access_token', '')` and friends: a key bound to web storage. */
export function storageHookOf(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
): { area: 'local' | 'session'; keyText: string | undefined } | undefined {
  const hook = fileFacts(sourceCode).mayMatch(STORAGE_HOOKS)
    ? lookup(calleeOrigin(sourceCode, call), STORAGE_HOOKS)
    : projectStorageHook(sourceCode, call);
  if (!hook) return undefined;
  let keyText: string | undefined;
  if (hook.key === 'key-property') {
    const key = getProperty(sourceCode, call.arguments[0], 'key');
    keyText = key.status === 'present' ? stringValue(sourceCode, key.value) : undefined;
  } else {
    const arg = call.arguments[hook.key];
    keyText = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? stringValue(sourceCode, arg) : undefined;
  }
  let area = hook.area;
  const storageArg = hook.storageArg === undefined ? undefined : call.arguments[hook.storageArg];
  if (storageArg && storageArg.type !== AST_NODE_TYPES.SpreadElement) {
    const chosen = storageAreaOf(sourceCode, storageArg);
    if (!chosen) return undefined;
    area = chosen;
  }
  return { area, keyText };
}

/** Names the storage hooks of the hook libraries go by; a project's own hook of that name is read to confirm it. */
const STORAGE_HOOK_NAME = /^use(?:Local|Session)?Storage(?:State)?$/;
const WRITES_STORAGE = /\b(local|session)Storage\s*\.\s*setItem\s*\(/;

/**
 * A project's own `useLocalStorage(key)` hook, written like the libraries' (its setter writes the
 * value under the key it is given): `const [, setSession] = useLocalStorage('userSession')`.
 */
function projectStorageHook(sourceCode: SourceCode, call: TSESTree.CallExpression): StorageHook | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || !STORAGE_HOOK_NAME.test(callee.name)) return undefined;
  const hook = calledFunction(sourceCode, callee);
  if (!hook) return undefined;
  const first = hook.fn.params[0];
  const key = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  if (key?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const written = WRITES_STORAGE.exec(hook.sourceCode.getText(hook.fn));
  return written ? { key: 0, area: written[1] === 'session' ? 'session' : 'local' } : undefined;
}

/** Names of the keys of an object an arrow or function returns (`(set) => ({ token: null })`, a setup store's `return { token }`). */
function returnedKeys(sourceCode: SourceCode, node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const fn = skipWrappers(definitionOf(sourceCode, node));
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  let returned: Node | undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = fn.body;
  else {
    const last = fn.body.body.at(-1);
    if (last?.type === AST_NODE_TYPES.ReturnStatement && last.argument) returned = last.argument;
  }
  const object = returned ? skipWrappers(definitionOf(sourceCode, returned)) : undefined;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const keys: string[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(sourceCode, property);
    // Methods and actions are not persisted state.
    const value = skipWrappers(property.value);
    if (key && value.type !== AST_NODE_TYPES.ArrowFunctionExpression && value.type !== AST_NODE_TYPES.FunctionExpression) keys.push(key);
  }
  return keys;
}

/** Redux store, reducer and slice nesting followed at most this deep (a root reducer of combined reducers of slices). */
const MAX_REDUCER_DEPTH = 4;

interface Resolved {
  readonly sourceCode: SourceCode;
  readonly node: Node;
}

/** What a name stands for: a const of its file, or an export of the project module it is imported from. */
function resolvedValue(sourceCode: SourceCode, node: Node): Resolved {
  const local = skipWrappers(definitionOf(sourceCode, node));
  if (local.type !== AST_NODE_TYPES.Identifier) return { sourceCode, node: local };
  const fn = localFunction(sourceCode, local);
  if (fn) return { sourceCode, node: fn };
  const imported = importedDefinition(sourceCode, local);
  return imported
    ? { sourceCode: imported.sourceCode, node: skipWrappers(definitionOf(imported.sourceCode, imported.node)) }
    : { sourceCode, node: local };
}

function callMatches(sourceCode: SourceCode, node: Node, patterns: readonly string[]): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression || !fileFacts(sourceCode).mayMatch(patterns)) return false;
  const origin = calleeOrigin(sourceCode, node);
  return origin !== undefined && patterns.some((pattern) => matchesPattern(origin, pattern));
}

/**
 * The keys of the state a reducer starts from: the default of its `state` parameter
 * (`function auth(state = initialState, action)`), a slice's `initialState`, and for
 * `combineReducers({ auth, ui })` (or `configureStore`'s reducer map) the keys of each part.
 */
function reducerStateKeys(reducer: Resolved, depth: number): string[] {
  if (depth > MAX_REDUCER_DEPTH) return [];
  const { sourceCode, node } = resolvedValue(reducer.sourceCode, reducer.node);
  let map: Node | undefined;
  if (node.type === AST_NODE_TYPES.ObjectExpression) map = node;
  else if (callMatches(sourceCode, node, REDUX_COMBINE_REDUCERS)) map = node.arguments[0];
  if (map) {
    const object = skipWrappers(definitionOf(sourceCode, map));
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
    return object.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property ? reducerStateKeys({ sourceCode, node: property.value }, depth + 1) : [],
    );
  }
  let initial: Node | undefined;
  if (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  ) {
    const first = node.params[0];
    if (first?.type === AST_NODE_TYPES.AssignmentPattern) initial = first.right;
  } else if (node.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, node) === 'reducer') {
    // `authSlice.reducer` of `createSlice({ name, initialState, reducers })`.
    const slice = resolvedValue(sourceCode, node.object);
    if (callMatches(slice.sourceCode, slice.node, REDUX_CREATE_SLICE)) {
      const option = getProperty(slice.sourceCode, slice.node.arguments[0], 'initialState');
      if (option.status === 'present') return objectKeys(slice.sourceCode, option.value);
    }
  }
  return initial ? objectKeys(sourceCode, initial) : [];
}

function objectKeys(sourceCode: SourceCode, node: Node): string[] {
  const object = skipWrappers(definitionOf(sourceCode, node));
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return [...(propertyNames(sourceCode, object) ?? [])];
}

/** `store.getState()` of a Redux store (made in this file or imported): the credential its state's keys name. */
function reduxStateCredential(sourceCode: SourceCode, value: Node): TokenKind | undefined {
  const call = skipWrappers(value);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 0) return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== 'getState') return undefined;
  const store = resolvedValue(sourceCode, callee.object);
  if (!callMatches(store.sourceCode, store.node, REDUX_STORE_CREATORS)) return undefined;
  const first = store.node.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  // createStore(reducer, …) / configureStore({ reducer })
  let reducer: Node | undefined = first;
  const option = getProperty(store.sourceCode, first, 'reducer');
  if (option.status === 'present') reducer = option.value;
  else if (skipWrappers(definitionOf(store.sourceCode, first)).type === AST_NODE_TYPES.ObjectExpression) reducer = undefined;
  return reducer ? firstCredential(reducerStateKeys({ sourceCode: store.sourceCode, node: reducer }, 0)) : undefined;
}

/**
 * A Pinia store's whole state — the `state` a `store.$subscribe((mutation, state) => …)`
 * callback receives, or `store.$state` — of a store made by `defineStore` in this file or an
 * imported one: the credential its state's keys name (hand-rolled persistence of the store).
 */
function piniaStateCredential(sourceCode: SourceCode, value: Node): TokenKind | undefined {
  const inner = skipWrappers(value);
  let store: Node | undefined;
  if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === '$state') store = inner.object;
  else if (inner.type === AST_NODE_TYPES.Identifier) {
    const def = findVariable(sourceCode.getScope(inner), inner)?.defs[0];
    const fn = def?.type === 'Parameter' ? (def.node as TSESTree.FunctionLike) : undefined;
    const call = fn?.parent;
    if (fn && fn.params[1] === def?.name && call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn) {
      const callee = skipWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === '$subscribe') store = callee.object;
    }
  }
  if (!store) return undefined;
  // `const store = useAuthStore()`, where `useAuthStore = defineStore(…)`.
  const made = resolvedValue(sourceCode, store);
  if (made.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const factory = resolvedValue(made.sourceCode, made.node.callee);
  if (!callMatches(factory.sourceCode, factory.node, [PINIA_DEFINE_STORE])) return undefined;
  const args = factory.node.arguments.filter((arg): arg is TSESTree.Expression => arg.type !== AST_NODE_TYPES.SpreadElement);
  const options = args.find((arg) => getProperty(factory.sourceCode, arg, 'state').status === 'present');
  const initial = options ? getProperty(factory.sourceCode, options, 'state') : undefined;
  const keys =
    initial?.status === 'present' ? stateFactoryKeys(factory.sourceCode, initial.value) : returnedKeys(factory.sourceCode, args[1]);
  return firstCredential(keys);
}

/** The keys of the object a state factory returns, also through a local factory it calls (`state: () => defaults()`). */
function stateFactoryKeys(sourceCode: SourceCode, node: Node): string[] | undefined {
  const direct = returnedKeys(sourceCode, node);
  if (direct) return direct;
  const returned = returnedExpression(skipWrappers(definitionOf(sourceCode, node)));
  const call = returned ? skipWrappers(returned) : undefined;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length > 0) return undefined;
  const helper = localFunction(sourceCode, skipWrappers(call.callee));
  return helper ? returnedKeys(sourceCode, helper) : undefined;
}

function firstCredential(names: readonly string[] | undefined): TokenKind | undefined {
  for (const name of names ?? []) {
    const kind = storageKeyKind(name);
    if (kind && kind !== 'code') return kind;
  }
  return undefined;
}

export interface PersistedState {
  /** Where to report: the `persist(...)` call or the store's `persist` option. */
  readonly node: Node;
  readonly area: 'local' | 'session';
  readonly kind: TokenKind;
}

/**
 * State stores persisted to web storage with a token in their state: zustand's
 * `persist(creator, { name, storage, partialize })` and a Pinia store with
 * `persist: true | { storage, pick }` (pinia-plugin-persistedstate). Defaults: localStorage.
 */
export function persistedStateOf(sourceCode: SourceCode, call: TSESTree.CallExpression): PersistedState | undefined {
  if (!fileFacts(sourceCode).mayMatch(PERSISTING_STORES)) return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin) return undefined;
  if (matchesPattern(origin, ZUSTAND_PERSIST)) {
    const [creator, options] = call.arguments;
    if (!creator || creator.type === AST_NODE_TYPES.SpreadElement) return undefined;
    let area: 'local' | 'session' = 'local';
    const storage = getProperty(sourceCode, options, 'storage');
    if (storage.status === 'unknown') return undefined;
    if (storage.status === 'present') {
      const made = skipWrappers(definitionOf(sourceCode, storage.value));
      if (
        made.type !== AST_NODE_TYPES.CallExpression ||
        !matchesPattern(calleeOrigin(sourceCode, made) ?? { module: '', path: [] }, ZUSTAND_JSON_STORAGE)
      )
        return undefined;
      const getter = made.arguments[0];
      const chosen =
        getter && getter.type !== AST_NODE_TYPES.SpreadElement
          ? storageAreaOf(sourceCode, returnedExpression(getter) ?? getter)
          : undefined;
      if (!chosen) return undefined;
      area = chosen;
    }
    const partialize = getProperty(sourceCode, options, 'partialize');
    const keys = partialize.status === 'present' ? returnedKeys(sourceCode, partialize.value) : returnedKeys(sourceCode, creator);
    const kind = firstCredential(keys);
    return kind ? { node: call, area, kind } : undefined;
  }
  if (matchesPattern(origin, PINIA_DEFINE_STORE)) {
    // defineStore(id, { state, persist }) or defineStore(id, setup, { persist }).
    const args = call.arguments.filter((arg): arg is TSESTree.Expression => arg.type !== AST_NODE_TYPES.SpreadElement);
    const optionsStore = args.find((arg) => getProperty(sourceCode, arg, 'state').status === 'present');
    const options = optionsStore ?? args.at(-1);
    const persist = getProperty(sourceCode, options, 'persist');
    if (persist.status !== 'present') return undefined;
    let area: 'local' | 'session' = 'local';
    let names: string[] | undefined;
    const flag = booleanValue(sourceCode, persist.value);
    if (flag === false) return undefined;
    if (flag === undefined) {
      const storage = getProperty(sourceCode, persist.value, 'storage');
      if (storage.status === 'unknown') return undefined;
      if (storage.status === 'present') {
        const chosen = storageAreaOf(sourceCode, storage.value);
        if (!chosen) return undefined;
        area = chosen;
      }
      for (const key of ['pick', 'paths']) {
        const list = getProperty(sourceCode, persist.value, key);
        if (list.status === 'present')
          names = (arrayElements(sourceCode, list.value) ?? []).map((element) => stringValue(sourceCode, element) ?? '');
      }
    }
    if (!names) {
      const state = optionsStore ? getProperty(sourceCode, optionsStore, 'state') : undefined;
      names = state?.status === 'present' ? returnedKeys(sourceCode, state.value) : returnedKeys(sourceCode, args[1]);
    }
    const kind = firstCredential(names);
    return kind ? { node: persist.property, area, kind } : undefined;
  }
  return undefined;
}

function returnedExpression(node: Node): Node | undefined {
  const fn = skipWrappers(node);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const last = fn.body.body.at(-1);
  return last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? last.argument : undefined;
}
