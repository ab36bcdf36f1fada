/**
 * Tokens kept where any script on the page can read them: access, ID and refresh tokens
 * written to localStorage, sessionStorage or IndexedDB (directly, through a helper of this
 * or another module, a storage hook or a persisted store), and auth-SDK options that put
 * the SDK's own token cache in localStorage. The answers are plain data for
 * rules/no-token-in-web-storage.ts; `storage.ts` knows what a storage write is.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, findVariable, isFunctionNode, soleValueDefinition } from './ast';
import { fileFacts } from './file-facts';
import { calleeOrigin, childNodes, localFunction, matchesPattern, memberName, originOf, propertyKeyName, skipWrappers } from './modules';
import {
  persistedStateOf,
  storageAreaOf,
  storageHookOf,
  storageKeyKind,
  storageWriteOf,
  storedCredential,
  wrapperWritesOf,
  type StorageArea,
  type StorageWrite,
} from './storage';
import type { TokenKind } from './tokens';
import { definitionOf, getProperty, stringValue } from './values';
import {
  ANGULAR_OAUTH_MODULE,
  ANGULAR_SET_STORAGE,
  ANGULAR_STORAGE_TOKEN,
  ANGULAR_AUTH_OIDC_MODULE,
  ANGULAR_AUTH_OIDC_STORAGE_TOKEN,
  ANGULAR_AUTH_OIDC_LOCAL_STORAGE,
  AUTH_CONFIG_HINT,
  AUTH_SDK_MODULES,
  CACHE_LOCATION_ENUM,
  CACHE_LOCATION_LOCAL_STORAGE,
  CACHE_LOCATION_OPTION,
  OIDC_STATE_STORE_OPTION,
  OIDC_STORE_CLASS_PATTERNS,
  OIDC_USER_STORE_OPTION,
  OKTA_HINT,
  OKTA_STORAGE_OPTION,
  OKTA_TOKEN_MANAGER_OPTION,
  REDUX_STATE_READ,
  STORAGE_MODULES,
  SDK_STORAGE_HINT,
  TOKEN_MENTION,
  TOKEN_VALUE_HINT,
  USER_STORE_NAME,
  WEB_STORAGE_HINT,
} from '../knowledge/storage';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** The library's module as a list for `importsAny` (one array, so the per-file answer is cached). */
const ANGULAR_OAUTH_MODULES = [ANGULAR_OAUTH_MODULE];

export type TokenStorageFinding =
  /** A token of kind `token` written to `area`, reported at the write (or the call that hands it to a wrapper). */
  | { readonly kind: 'token-in-storage'; readonly node: Node; readonly token: TokenKind; readonly area: StorageArea }
  /** An SDK option that keeps the SDK's token cache in localStorage, reported at the value that picks it. */
  | { readonly kind: 'sdk-cache-in-storage'; readonly node: Node };

/** Token kinds the user allows in sessionStorage (`allowSessionStorageFor`). */
export type SessionAllowance = ReadonlySet<string>;

/** The cheap gate: false when the file can hold no such finding. */
export function mayStoreTokens(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  // A token may come from, or go to a storage wrapper of, another project module.
  const elsewhere =
    facts.importsProjectModules && (facts.mentions(TOKEN_MENTION) || facts.mentions(WEB_STORAGE_HINT) || facts.mentions(REDUX_STATE_READ));
  return (
    usesAuthSdk(sourceCode) ||
    facts.importsAny(STORAGE_MODULES) ||
    (facts.mentions(WEB_STORAGE_HINT) && facts.mentions(TOKEN_VALUE_HINT)) ||
    facts.mentions(SDK_STORAGE_HINT) ||
    elsewhere
  );
}

/**
 * The finding at a node the rule visits (a call, an assignment, a property, a JSX attribute,
 * a `new`), at most one per node; tokens of a kind allowed in sessionStorage are no finding there.
 */
export function tokenStorageFindingAt(
  sourceCode: SourceCode,
  node: Node,
  allowedInSession: SessionAllowance,
): TokenStorageFinding | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      return callFinding(sourceCode, node, allowedInSession);
    case AST_NODE_TYPES.AssignmentExpression: {
      const write = storageWriteOf(sourceCode, node);
      return write ? writeFinding(sourceCode, write, allowedInSession) : undefined;
    }
    case AST_NODE_TYPES.Property:
      return sdkCache(propertyChoice(sourceCode, node));
    case AST_NODE_TYPES.JSXAttribute: {
      if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || node.name.name !== CACHE_LOCATION_OPTION || !node.value) return undefined;
      const value = node.value.type === AST_NODE_TYPES.JSXExpressionContainer ? node.value.expression : node.value;
      return value.type === AST_NODE_TYPES.JSXEmptyExpression ? undefined : sdkCache(cacheLocationChoice(sourceCode, value));
    }
    case AST_NODE_TYPES.NewExpression:
      return sdkCache(oidcUserStoreChoice(sourceCode, node));
    case AST_NODE_TYPES.ReturnStatement:
      return sdkCache(storageFactoryReturn(sourceCode, node));
    default:
      return undefined;
  }
}

function usesAuthSdk(sourceCode: SourceCode): boolean {
  return fileFacts(sourceCode).importsAny(AUTH_SDK_MODULES);
}

function sdkCache(node: Node | undefined): TokenStorageFinding | undefined {
  return node ? { kind: 'sdk-cache-in-storage', node } : undefined;
}

function isAllowed(allowedInSession: SessionAllowance, area: StorageArea, kind: TokenKind): boolean {
  if (area !== 'session' || kind === 'refresh') return false;
  return allowedInSession.has(kind === 'unknown-jwt' ? 'access' : kind);
}

function writeFinding(sourceCode: SourceCode, write: StorageWrite, allowedInSession: SessionAllowance): TokenStorageFinding | undefined {
  const kind = storedCredential(sourceCode, write);
  if (!kind || isAllowed(allowedInSession, write.area, kind)) return undefined;
  return { kind: 'token-in-storage', node: write.node, token: kind, area: write.area };
}

function callFinding(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  allowedInSession: SessionAllowance,
): TokenStorageFinding | undefined {
  const write = storageWriteOf(sourceCode, node);
  if (write) return writeFinding(sourceCode, write, allowedInSession);
  // A helper (of this file or another module) that writes its arguments: one finding per call.
  for (const wrapped of wrapperWritesOf(sourceCode, node)) {
    const finding = writeFinding(sourceCode, wrapped, allowedInSession);
    if (finding) return finding;
  }
  // `const [, setSession] = useLocalStorage('userSession'); setSession({ token })`: the hook's setter writes its value.
  const set = hookSetterWrite(sourceCode, node);
  if (set) {
    const finding = writeFinding(sourceCode, set, allowedInSession);
    if (finding) return finding;
  }
  // `useLocalStorage('access_token')`: the hook binds the key to web storage.
  const hook = storageHookOf(sourceCode, node);
  if (hook) {
    const kind = storageKeyKind(hook.keyText);
    if (!kind || kind === 'code' || isAllowed(allowedInSession, hook.area, kind)) return undefined;
    return { kind: 'token-in-storage', node, token: kind, area: hook.area };
  }
  // zustand `persist(...)` / Pinia `persist: true` of a store whose state holds a token.
  const persisted = persistedStateOf(sourceCode, node);
  if (persisted) {
    if (isAllowed(allowedInSession, persisted.area, persisted.kind)) return undefined;
    return { kind: 'token-in-storage', node: persisted.node, token: persisted.kind, area: persisted.area };
  }
  return sdkCache(angularSetStorageChoice(sourceCode, node));
}

/**
 * A call of the setter a storage hook hands back (`const [value, setValue] = useLocalStorage(key)`):
 * a write of its argument under the hook's key, reported there when the key itself names no token.
 */
function hookSetterWrite(sourceCode: SourceCode, call: TSESTree.CallExpression): StorageWrite | undefined {
  const callee = skipWrappers(call.callee);
  const value = call.arguments[0];
  if (callee.type !== AST_NODE_TYPES.Identifier || !value || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const def = soleValueDefinition(findVariable(sourceCode.getScope(callee), callee));
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.ArrayPattern || !def.node.init) return undefined;
  if (def.node.id.elements[1] !== def.name) return undefined;
  const init = skipWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const hook = storageHookOf(sourceCode, init);
  // A key named for a token (`useLocalStorage('access_token')`) is reported once, at the hook.
  const keyKind = hook ? storageKeyKind(hook.keyText) : undefined;
  if (!hook || (keyKind !== undefined && keyKind !== 'code')) return undefined;
  return { node: call, area: hook.area, keyText: hook.keyText, value };
}

/** angular-oauth2-oidc: the `localStorage` of `this.oauthService.setStorage(localStorage)`. */
function angularSetStorageChoice(sourceCode: SourceCode, node: TSESTree.CallExpression): Node | undefined {
  const callee = skipWrappers(node.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    memberName(sourceCode, callee) !== ANGULAR_SET_STORAGE ||
    node.arguments.length !== 1 ||
    storageAreaOf(sourceCode, node.arguments[0]) !== 'local'
  )
    return undefined;
  const origin = calleeOrigin(sourceCode, node);
  const fromAngularOAuth = origin ? origin.module === ANGULAR_OAUTH_MODULE : fileFacts(sourceCode).importsAny(ANGULAR_OAUTH_MODULES);
  return fromAngularOAuth ? node.arguments[0] : undefined;
}

/** `cacheLocation: 'localstorage'`, Okta `tokenManager: { storage }`, an angular-oauth2-oidc `OAuthStorage` provider. */
function propertyChoice(sourceCode: SourceCode, node: TSESTree.Property): Node | undefined {
  const key = propertyKeyName(sourceCode, node);
  if (key === CACHE_LOCATION_OPTION) return cacheLocationChoice(sourceCode, node.value);
  if (key === OKTA_STORAGE_OPTION && isOktaTokenManager(sourceCode, node.parent))
    return localStorageChoice(sourceCode, node.value) ?? (storageAreaOf(sourceCode, node.value) === 'local' ? node.value : undefined);
  if (key === 'provide' && node.parent.type === AST_NODE_TYPES.ObjectExpression)
    return angularProviderChoice(sourceCode, node.parent, node.value);
  return undefined;
}

function cacheLocationChoice(sourceCode: SourceCode, value: Node): Node | undefined {
  if (!usesAuthSdk(sourceCode) && !fileFacts(sourceCode).mentions(AUTH_CONFIG_HINT)) return undefined;
  return localStorageChoice(sourceCode, value);
}

/** `'localstorage'` / `'localStorage'` / `BrowserCacheLocation.LocalStorage`, also behind a const or one branch of a conditional. */
function localStorageChoice(sourceCode: SourceCode, value: Node, depth = 0): Node | undefined {
  if (depth > 3) return undefined;
  // Through a const: `const PERSISTENT = BrowserCacheLocation.LocalStorage`, reported where written.
  const inner = skipWrappers(definitionOf(sourceCode, value));
  if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === CACHE_LOCATION_LOCAL_STORAGE) {
    const object = skipWrappers(inner.object);
    const objectName =
      object.type === AST_NODE_TYPES.Identifier
        ? object.name
        : object.type === AST_NODE_TYPES.MemberExpression
          ? memberName(sourceCode, object)
          : undefined;
    return objectName === CACHE_LOCATION_ENUM ? inner : undefined;
  }
  const text = stringValue(sourceCode, inner);
  if (text !== undefined) {
    if (text.toLowerCase() !== 'localstorage') return undefined;
    // Report at the literal as written, even in a const elsewhere.
    const definition = definitionOf(sourceCode, inner);
    return definition.type === AST_NODE_TYPES.Literal || definition.type === AST_NODE_TYPES.TemplateLiteral ? definition : inner;
  }
  const definition = definitionOf(sourceCode, inner);
  if (definition.type === AST_NODE_TYPES.ConditionalExpression) {
    return (
      localStorageChoice(sourceCode, definition.consequent, depth + 1) ?? localStorageChoice(sourceCode, definition.alternate, depth + 1)
    );
  }
  return undefined;
}

/** `tokenManager: { storage }` of an Okta config (the object is the value of a `tokenManager` property). */
function isOktaTokenManager(sourceCode: SourceCode, object: Node): boolean {
  const parent = object.parent;
  return (
    object.type === AST_NODE_TYPES.ObjectExpression &&
    parent?.type === AST_NODE_TYPES.Property &&
    parent.value === object &&
    propertyKeyName(sourceCode, parent) === OKTA_TOKEN_MANAGER_OPTION &&
    (usesAuthSdk(sourceCode) || fileFacts(sourceCode).mentions(OKTA_HINT))
  );
}

/** The `store` of `new WebStorageStateStore({ store: localStorage })` used as oidc-client's `userStore`. */
function oidcUserStoreChoice(sourceCode: SourceCode, node: TSESTree.NewExpression): Node | undefined {
  const origin = calleeOrigin(sourceCode, node);
  if (!origin || !OIDC_STORE_CLASS_PATTERNS.some((pattern) => matchesPattern(origin, pattern))) return undefined;
  const store = getProperty(sourceCode, node.arguments[0], 'store');
  if (store.status !== 'present' || storageAreaOf(sourceCode, store.value) !== 'local') return undefined;
  return isUserStore(sourceCode, node) ? store.value : undefined;
}

function isUserStoreAttribute(node: Node | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.JSXAttribute &&
    node.name.type === AST_NODE_TYPES.JSXIdentifier &&
    node.name.name === OIDC_USER_STORE_OPTION
  );
}

/** Is this `new WebStorageStateStore(...)` the `userStore` (tokens) rather than the `stateStore`? */
function isUserStore(sourceCode: SourceCode, construct: Node): boolean {
  const parent = construct.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === construct)
    return propertyKeyName(sourceCode, parent) === OIDC_USER_STORE_OPTION;
  if (parent.type === AST_NODE_TYPES.JSXExpressionContainer) return isUserStoreAttribute(parent.parent);
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(parent.id), parent.id);
    for (const reference of variable?.references ?? []) {
      const use = reference.identifier.parent;
      if (use?.type === AST_NODE_TYPES.Property && use.value === reference.identifier) {
        const key = propertyKeyName(sourceCode, use);
        if (key === OIDC_USER_STORE_OPTION) return true;
        if (key === OIDC_STATE_STORE_OPTION) return false;
      }
      if (use?.type === AST_NODE_TYPES.JSXExpressionContainer && isUserStoreAttribute(use.parent)) return true;
    }
    return USER_STORE_NAME.test(parent.id.name);
  }
  return false;
}

/** A provider factory (inline or a function of this file) that returns localStorage. */
/** The `localStorage` a provider's factory returns (`() => localStorage`, `function storageFactory() { return localStorage; }`), where it is written. */
function factoryLocalStorageReturn(sourceCode: SourceCode, value: Node): Node | undefined {
  const inner = skipWrappers(value);
  const fn =
    inner.type === AST_NODE_TYPES.ArrowFunctionExpression || inner.type === AST_NODE_TYPES.FunctionExpression
      ? inner
      : localFunction(sourceCode, inner);
  if (!fn?.body) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return storageAreaOf(sourceCode, fn.body) === 'local' ? fn.body : undefined;
  // Any return of the factory's own body (`try { return localStorage } catch { … }`), not of functions inside it.
  const stack: Node[] = [...fn.body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node)) continue;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && storageAreaOf(sourceCode, node.argument) === 'local')
      return node.argument;
    stack.push(...childNodes(node));
  }
  return undefined;
}

/** `node` names the export `name` of `module` (`AbstractSecurityStorage` of angular-auth-oidc-client). */
function isExportOf(sourceCode: SourceCode, node: Node, module: string, name: string): boolean {
  const origin = originOf(sourceCode, node);
  return origin !== undefined && origin.module === module && origin.path.length === 1 && origin.path[0] === name;
}

function isAngularStorageToken(sourceCode: SourceCode, node: Node): boolean {
  return isExportOf(sourceCode, node, ANGULAR_OAUTH_MODULE, ANGULAR_STORAGE_TOKEN);
}

/**
 * A factory declared to return angular-oauth2-oidc's `OAuthStorage` (`function storageFactory(): OAuthStorage`)
 * that returns localStorage: wherever it is provided, the SDK keeps its tokens there. Reported at the value returned.
 */
function storageFactoryReturn(sourceCode: SourceCode, node: TSESTree.ReturnStatement): Node | undefined {
  if (!node.argument) return undefined;
  // The return type first: every return statement comes here, few are typed as a storage token.
  const fn = enclosingFunction(node);
  const returnType = fn?.returnType?.typeAnnotation;
  if (returnType?.type !== AST_NODE_TYPES.TSTypeReference || returnType.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (storageAreaOf(sourceCode, node.argument) !== 'local') return undefined;
  if (!isAngularStorageToken(sourceCode, returnType.typeName)) return undefined;
  // Provided in this file (`useFactory: storageFactory`): found from the provider, at this same value.
  return !fn || providedHere(sourceCode, fn) ? undefined : node.argument;
}

function providedHere(sourceCode: SourceCode, fn: Node): boolean {
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : undefined;
  const variable = name ? findVariable(sourceCode.getScope(fn), name) : undefined;
  return (variable?.references ?? []).some((reference) => {
    const use = reference.identifier.parent;
    return use?.type === AST_NODE_TYPES.Property && use.value === reference.identifier && propertyKeyName(sourceCode, use) === 'useFactory';
  });
}

/** `{ provide: OAuthStorage, useValue: localStorage }` or `useFactory: () => localStorage`: the value that picks it. */
function angularProviderChoice(sourceCode: SourceCode, object: TSESTree.ObjectExpression, provide: Node): Node | undefined {
  // angular-auth-oidc-client: its own localStorage service chosen as the security storage.
  if (isExportOf(sourceCode, provide, ANGULAR_AUTH_OIDC_MODULE, ANGULAR_AUTH_OIDC_STORAGE_TOKEN)) {
    const useClass = getProperty(sourceCode, object, 'useClass');
    return useClass.status === 'present' &&
      isExportOf(sourceCode, useClass.value, ANGULAR_AUTH_OIDC_MODULE, ANGULAR_AUTH_OIDC_LOCAL_STORAGE)
      ? useClass.value
      : undefined;
  }
  if (!isAngularStorageToken(sourceCode, provide)) return undefined;
  const useValue = getProperty(sourceCode, object, 'useValue');
  if (useValue.status === 'present' && storageAreaOf(sourceCode, useValue.value) === 'local') return useValue.value;
  const useFactory = getProperty(sourceCode, object, 'useFactory');
  // Reported at the `localStorage` the factory returns: the value as written.
  if (useFactory.status === 'present') return factoryLocalStorageReturn(sourceCode, useFactory.value);
  return undefined;
}
