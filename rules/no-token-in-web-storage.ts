import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '../src/analysis/ast';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, localFunction, matchesPattern, memberName, originOf, propertyKeyName, skipWrappers } from '../src/analysis/modules';
import {
  persistedStateOf,
  storageAreaOf,
  storageHookOf,
  storageKeyKind,
  storageWriteOf,
  storedCredential,
  wrapperWritesOf,
  type StorageWrite,
} from '../src/analysis/storage';
import { TOKEN_KIND_LABEL, type TokenKind } from '../src/analysis/tokens';
import { definitionOf, getProperty, stringValue } from '../src/analysis/values';
import {
  ANGULAR_OAUTH_MODULE,
  ANGULAR_SET_STORAGE,
  ANGULAR_STORAGE_TOKEN,
  AUTH_SDK_MODULES,
  CACHE_LOCATION_ENUM,
  CACHE_LOCATION_OPTION,
  OIDC_STATE_STORE_OPTION,
  OIDC_STORE_CLASS_PATTERNS,
  OIDC_USER_STORE_OPTION,
  OKTA_TOKEN_MANAGER_OPTION,
  STORAGE_MODULES,
} from '../src/knowledge/storage';

export type Options = [{ allowSessionStorageFor?: ('access' | 'id')[] }];
export type MessageIds = 'tokenInStorage' | 'sdkTokenCacheInStorage';

type Node = TSESTree.Node;

// Cheap text gate: files that name no storage API and no SDK option are skipped.
/** A file that mentions tokens may hand one to a storage wrapper of another module. */
const TOKEN_MENTION = /token/i;
const GATE = /localStorage|sessionStorage|objectStore|cacheLocation|WebStorageStateStore|OAuthStorage|setStorage|tokenManager/;
// Files that configure an auth SDK's cache without importing it (an `authConfig.ts` of plain objects).
const AUTH_CONFIG_HINT = /auth0|msal|clientId|client_id|authority/i;

const AREA_LABEL: Readonly<Record<StorageWrite['area'], string>> = {
  local: 'localStorage',
  session: 'sessionStorage',
  indexeddb: 'IndexedDB',
  library: 'persistent browser storage',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default createRule<Options, MessageIds>({
  name: 'no-token-in-web-storage',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow storing access, ID and refresh tokens in localStorage, sessionStorage or IndexedDB',
      recommended: 'error',
      check: 7,
    },
    messages: {
      tokenInStorage:
        '{{token}} is written to {{area}}, where any script running on the page (an XSS payload, a compromised dependency) can read and replay it. Keep tokens in memory, or behind a backend-for-frontend in an HttpOnly cookie.',
      sdkTokenCacheInStorage:
        'This option makes the auth SDK keep its tokens in localStorage, where any script running on the page can read and replay them. Keep the SDK default (an in-memory cache) and use refresh-token rotation or silent renewal to survive reloads.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowSessionStorageFor: {
            type: 'array',
            items: { type: 'string', enum: ['access', 'id'] },
            uniqueItems: true,
            description:
              'Token kinds that may be kept in sessionStorage (tab-scoped, cleared when the tab closes). Refresh tokens are never allowed. A token whose kind cannot be told counts as an access token.',
          },
        },
      },
    ],
    defaultOptions: [{ allowSessionStorageFor: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    const usesSdk = facts.importsAny(AUTH_SDK_MODULES);
    const storageWrappersElsewhere = facts.importsProjectModules && facts.mentions(TOKEN_MENTION);
    if (!usesSdk && !facts.importsAny(STORAGE_MODULES) && !facts.mentions(GATE) && !storageWrappersElsewhere) return {};
    const allowedInSession = new Set<string>(options.allowSessionStorageFor ?? []);
    const report = reportOnce(context);

    function isAllowed(area: StorageWrite['area'], kind: TokenKind): boolean {
      if (area !== 'session' || kind === 'refresh') return false;
      return allowedInSession.has(kind === 'unknown-jwt' ? 'access' : kind);
    }

    function checkWrite(write: StorageWrite): boolean {
      const kind = storedCredential(sourceCode, write);
      if (!kind || isAllowed(write.area, kind)) return false;
      report(write.node, 'tokenInStorage', { token: capitalise(TOKEN_KIND_LABEL[kind]), area: AREA_LABEL[write.area] });
      return true;
    }

    /** `'localstorage'` / `'localStorage'` / `BrowserCacheLocation.LocalStorage`, also behind a const or one branch of a conditional. */
    function localStorageChoice(value: Node, depth = 0): Node | undefined {
      if (depth > 3) return undefined;
      // Through a const: `const PERSISTENT = BrowserCacheLocation.LocalStorage`, reported where written.
      const inner = skipWrappers(definitionOf(sourceCode, value));
      if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === 'LocalStorage') {
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
        return localStorageChoice(definition.consequent, depth + 1) ?? localStorageChoice(definition.alternate, depth + 1);
      }
      return undefined;
    }

    function checkCacheLocation(value: Node): void {
      if (!usesSdk && !facts.mentions(AUTH_CONFIG_HINT)) return;
      const choice = localStorageChoice(value);
      if (choice) report(choice, 'sdkTokenCacheInStorage');
    }

    /** `tokenManager: { storage }` of an Okta config (the object is the value of a `tokenManager` property). */
    function isOktaTokenManager(object: Node): boolean {
      const parent = object.parent;
      return (
        object.type === AST_NODE_TYPES.ObjectExpression &&
        parent?.type === AST_NODE_TYPES.Property &&
        parent.value === object &&
        propertyKeyName(sourceCode, parent) === OKTA_TOKEN_MANAGER_OPTION &&
        (usesSdk || facts.mentions(/okta/i))
      );
    }

    /** Is this `new WebStorageStateStore(...)` the `userStore` (tokens) rather than the `stateStore`? */
    function isUserStore(construct: Node): boolean {
      const parent = construct.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.Property && parent.value === construct)
        return propertyKeyName(sourceCode, parent) === OIDC_USER_STORE_OPTION;
      if (parent.type === AST_NODE_TYPES.JSXExpressionContainer) {
        const attribute = parent.parent;
        return (
          attribute?.type === AST_NODE_TYPES.JSXAttribute &&
          attribute.name.type === AST_NODE_TYPES.JSXIdentifier &&
          attribute.name.name === OIDC_USER_STORE_OPTION
        );
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode.getScope(parent.id), parent.id);
        for (const reference of variable?.references ?? []) {
          const use = reference.identifier.parent;
          if (use?.type === AST_NODE_TYPES.Property && use.value === reference.identifier) {
            const key = propertyKeyName(sourceCode, use);
            if (key === OIDC_USER_STORE_OPTION) return true;
            if (key === OIDC_STATE_STORE_OPTION) return false;
          }
          if (use?.type === AST_NODE_TYPES.JSXExpressionContainer) {
            const attribute = use.parent;
            if (
              attribute?.type === AST_NODE_TYPES.JSXAttribute &&
              attribute.name.type === AST_NODE_TYPES.JSXIdentifier &&
              attribute.name.name === OIDC_USER_STORE_OPTION
            )
              return true;
          }
        }
        return /user/i.test(parent.id.name);
      }
      return false;
    }

    /** A provider factory (inline or a function of this file) that returns localStorage. */
    function factoryReturnsLocalStorage(value: Node): boolean {
      const inner = skipWrappers(value);
      const fn =
        inner.type === AST_NODE_TYPES.ArrowFunctionExpression || inner.type === AST_NODE_TYPES.FunctionExpression
          ? inner
          : localFunction(sourceCode, inner);
      if (!fn?.body) return false;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return storageAreaOf(sourceCode, fn.body) === 'local';
      return fn.body.body.some(
        (statement) =>
          statement.type === AST_NODE_TYPES.ReturnStatement &&
          statement.argument !== null &&
          storageAreaOf(sourceCode, statement.argument) === 'local',
      );
    }

    function isAngularStorageToken(node: Node): boolean {
      const origin = originOf(sourceCode, node);
      if (origin) return origin.module === ANGULAR_OAUTH_MODULE && origin.path.length === 1 && origin.path[0] === ANGULAR_STORAGE_TOKEN;
      return false;
    }

    function checkAngularProvider(object: TSESTree.ObjectExpression, provide: Node): void {
      if (!isAngularStorageToken(provide)) return;
      const useValue = getProperty(sourceCode, object, 'useValue');
      if (useValue.status === 'present' && storageAreaOf(sourceCode, useValue.value) === 'local') {
        report(useValue.value, 'sdkTokenCacheInStorage');
        return;
      }
      const useFactory = getProperty(sourceCode, object, 'useFactory');
      if (useFactory.status === 'present' && factoryReturnsLocalStorage(useFactory.value))
        report(useFactory.value, 'sdkTokenCacheInStorage');
    }

    return {
      CallExpression(node) {
        const write = storageWriteOf(sourceCode, node);
        if (write) {
          checkWrite(write);
          return;
        }
        // A same-file helper that writes its arguments: one finding per call.
        for (const wrapped of wrapperWritesOf(sourceCode, node)) if (checkWrite(wrapped)) return;
        // `useLocalStorage('access_token')`: the hook binds the key to web storage.
        const hook = storageHookOf(sourceCode, node);
        if (hook) {
          const kind = storageKeyKind(hook.keyText);
          if (kind && kind !== 'code' && !isAllowed(hook.area, kind)) {
            report(node, 'tokenInStorage', { token: capitalise(TOKEN_KIND_LABEL[kind]), area: AREA_LABEL[hook.area] });
          }
          return;
        }
        // zustand `persist(...)` / Pinia `persist: true` of a store whose state holds a token.
        const persisted = persistedStateOf(sourceCode, node);
        if (persisted) {
          if (!isAllowed(persisted.area, persisted.kind))
            report(persisted.node, 'tokenInStorage', {
              token: capitalise(TOKEN_KIND_LABEL[persisted.kind]),
              area: AREA_LABEL[persisted.area],
            });
          return;
        }
        // angular-oauth2-oidc: `this.oauthService.setStorage(localStorage)`.
        const callee = skipWrappers(node.callee);
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(sourceCode, callee) === ANGULAR_SET_STORAGE &&
          node.arguments.length === 1 &&
          storageAreaOf(sourceCode, node.arguments[0]) === 'local'
        ) {
          const origin = calleeOrigin(sourceCode, node);
          if (origin ? origin.module === ANGULAR_OAUTH_MODULE : facts.importsAny([ANGULAR_OAUTH_MODULE]))
            report(node.arguments[0], 'sdkTokenCacheInStorage');
        }
      },
      AssignmentExpression(node) {
        const write = storageWriteOf(sourceCode, node);
        if (write) checkWrite(write);
      },
      Property(node) {
        const key = propertyKeyName(sourceCode, node);
        if (key === CACHE_LOCATION_OPTION) checkCacheLocation(node.value);
        else if (key === 'storage' && isOktaTokenManager(node.parent)) {
          const choice = localStorageChoice(node.value) ?? (storageAreaOf(sourceCode, node.value) === 'local' ? node.value : undefined);
          if (choice) report(choice, 'sdkTokenCacheInStorage');
        } else if (key === 'provide' && node.parent.type === AST_NODE_TYPES.ObjectExpression) checkAngularProvider(node.parent, node.value);
      },
      JSXAttribute(node) {
        if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || node.name.name !== CACHE_LOCATION_OPTION || !node.value) return;
        const value = node.value.type === AST_NODE_TYPES.JSXExpressionContainer ? node.value.expression : node.value;
        if (value.type !== AST_NODE_TYPES.JSXEmptyExpression) checkCacheLocation(value);
      },
      NewExpression(node) {
        const origin = calleeOrigin(sourceCode, node);
        if (!origin || !OIDC_STORE_CLASS_PATTERNS.some((pattern) => matchesPattern(origin, pattern))) return;
        const store = getProperty(sourceCode, node.arguments[0], 'store');
        if (store.status !== 'present' || storageAreaOf(sourceCode, store.value) !== 'local') return;
        if (isUserStore(node)) report(store.value, 'sdkTokenCacheInStorage');
      },
    };
  },
});
