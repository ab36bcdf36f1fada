/**
 * Where browser code keeps data, and which auth SDK options put tokens there.
 * Data only; src/analysis/storage.ts and src/analysis/token-storage.ts read it.
 */

export type StorageArea = 'local' | 'session' | 'indexeddb' | 'library';

/** The Web Storage globals (`window.`, `globalThis.`, `self.` are stripped by originOf). */
export const WEB_STORAGE_GLOBALS: Readonly<Record<string, 'local' | 'session'>> = {
  localStorage: 'local',
  sessionStorage: 'session',
};

/** Methods and members of the Storage interface: assigning one of these is not a write of a key. */
export const STORAGE_MEMBERS = new Set(['setItem', 'getItem', 'removeItem', 'clear', 'key', 'length']);

/**
 * Persistent-storage libraries: which argument is the key, which the value, and which the
 * object-store name (a store called `tokens` says what is in it).
 */
export interface LibraryWrite {
  readonly key?: number;
  readonly value: number;
  readonly store?: number;
  readonly area: StorageArea;
}

export const LIBRARY_WRITES: ReadonlyMap<string, LibraryWrite> = new Map([
  ['localforage#setItem', { key: 0, value: 1, area: 'library' }],
  ['localforage#createInstance.().setItem', { key: 0, value: 1, area: 'library' }],
  ['idb-keyval#set', { key: 0, value: 1, area: 'indexeddb' }],
  ['idb#openDB.().put', { store: 0, value: 1, key: 2, area: 'indexeddb' }],
  ['idb#openDB.().add', { store: 0, value: 1, key: 2, area: 'indexeddb' }],
  ['dexie#**.put', { value: 0, key: 1, area: 'indexeddb' }],
  ['dexie#**.add', { value: 0, key: 1, area: 'indexeddb' }],
  // Thin wrappers of localStorage: `ls.set('token', t)`, `ls('token', t)`, `store.set(…)`.
  ['local-storage#set', { key: 0, value: 1, area: 'local' }],
  ['local-storage#', { key: 0, value: 1, area: 'local' }],
  ['store2#set', { key: 0, value: 1, area: 'local' }],
  ['store2#', { key: 0, value: 1, area: 'local' }],
  ['store2#local.set', { key: 0, value: 1, area: 'local' }],
  ['store2#session.set', { key: 0, value: 1, area: 'session' }],
  ['store#set', { key: 0, value: 1, area: 'local' }],
]);

/** Modules whose presence lets the rule look at storage at all (besides the globals). */
export const STORAGE_MODULES = [
  'localforage',
  'local-storage',
  'store2',
  'store',
  'idb-keyval',
  'idb',
  'dexie',
  '@vueuse/core',
  'usehooks-ts',
  'react-use',
  '@uidotdev/usehooks',
  '@mantine/hooks',
  'svelte-persisted-store',
  'zustand',
  'pinia',
];

/** IndexedDB object-store writes: `store.put(value, key)` / `store.add(value, key)`. */
export const OBJECT_STORE_WRITES = new Set(['put', 'add']);

/**
 * Auth SDKs whose token cache is configured by an option. Defaults are silent (memory for
 * auth0-spa-js, sessionStorage for msal-browser, oidc-client-ts, angular-oauth2-oidc and angular-auth-oidc-client);
 * only an explicit choice of localStorage reports.
 */
export const AUTH_SDK_MODULES = [
  '@auth0/auth0-spa-js',
  '@auth0/auth0-react',
  '@auth0/auth0-vue',
  '@auth0/auth0-angular',
  '@azure/msal-browser',
  '@azure/msal-react',
  '@azure/msal-angular',
  'oidc-client-ts',
  'oidc-client',
  'react-oidc-context',
  'oidc-react',
  'angular-oauth2-oidc',
  'angular-auth-oidc-client',
  '@okta/okta-auth-js',
  '@okta/okta-react',
  '@okta/okta-vue',
  '@okta/okta-angular',
];

/** The option (object property or JSX prop) that picks auth0-spa-js's and msal-browser's token cache. */
export const CACHE_LOCATION_OPTION = 'cacheLocation';

/** msal-browser's enum for it: `BrowserCacheLocation.LocalStorage`. */
export const CACHE_LOCATION_ENUM = 'BrowserCacheLocation';

/** oidc-client-ts: the store that keeps the User (with its tokens), and the class that wraps a Storage. */
export const OIDC_USER_STORE_OPTION = 'userStore';
export const OIDC_STATE_STORE_OPTION = 'stateStore';
export const OIDC_STORE_CLASS_PATTERNS = [
  'oidc-client-ts#WebStorageStateStore',
  'oidc-client#WebStorageStateStore',
  '<global>#Oidc.WebStorageStateStore',
];

/** @okta/okta-auth-js: `tokenManager: { storage: 'localStorage' }` (its default, written out, still reports: it is a choice). */
export const OKTA_MODULES = ['@okta/okta-auth-js', '@okta/okta-react', '@okta/okta-vue', '@okta/okta-angular', '@okta/okta-signin-widget'];
export const OKTA_TOKEN_MANAGER_OPTION = 'tokenManager';

/** angular-oauth2-oidc: the injection token whose provider picks the token storage, and the service method that sets it. */
export const ANGULAR_OAUTH_MODULE = 'angular-oauth2-oidc';
export const ANGULAR_STORAGE_TOKEN = 'OAuthStorage';
export const ANGULAR_SET_STORAGE = 'setStorage';

/**
 * angular-auth-oidc-client: the injection token of its security storage and the library's own
 * localStorage implementation (`{ provide: AbstractSecurityStorage, useClass: DefaultLocalStorageService }`).
 */
export const ANGULAR_AUTH_OIDC_MODULE = 'angular-auth-oidc-client';
export const ANGULAR_AUTH_OIDC_STORAGE_TOKEN = 'AbstractSecurityStorage';
export const ANGULAR_AUTH_OIDC_LOCAL_STORAGE = 'DefaultLocalStorageService';

/**
 * Hooks and stores that keep a value under a key in web storage: `useLocalStorage('token')`.
 * `key` is the argument index of the key, or `'key-property'` for an options object `{ key }`;
 * `storageArg` an argument that may pick another Storage (VueUse's `useStorage(key, v, sessionStorage)`).
 */
export interface StorageHook {
  readonly key: number | 'key-property';
  readonly area: 'local' | 'session';
  readonly storageArg?: number;
}

export const STORAGE_HOOKS: ReadonlyMap<string, StorageHook> = new Map<string, StorageHook>([
  ['@vueuse/core#useLocalStorage', { key: 0, area: 'local' }],
  ['@vueuse/core#useSessionStorage', { key: 0, area: 'session' }],
  ['@vueuse/core#useStorage', { key: 0, area: 'local', storageArg: 2 }],
  ['usehooks-ts#useLocalStorage', { key: 0, area: 'local' }],
  ['usehooks-ts#useSessionStorage', { key: 0, area: 'session' }],
  ['react-use#useLocalStorage', { key: 0, area: 'local' }],
  ['react-use#useSessionStorage', { key: 0, area: 'session' }],
  ['@uidotdev/usehooks#useLocalStorage', { key: 0, area: 'local' }],
  ['@uidotdev/usehooks#useSessionStorage', { key: 0, area: 'session' }],
  ['@mantine/hooks#useLocalStorage', { key: 'key-property', area: 'local' }],
  ['@mantine/hooks#useSessionStorage', { key: 'key-property', area: 'session' }],
  ['svelte-persisted-store#persisted', { key: 0, area: 'local' }],
]);

/** State-management persistence whose default storage is localStorage. */
export const ZUSTAND_PERSIST = 'zustand/middleware#persist';
export const ZUSTAND_JSON_STORAGE = 'zustand/middleware#createJSONStorage';
export const PINIA_DEFINE_STORE = 'pinia#defineStore';

/**
 * Redux: the calls that make a store from a reducer, combine reducers and make a slice. A
 * store's `getState()` is the whole state its reducers start from, so writing it to web
 * storage (`saveState(store.getState())` in a `store.subscribe`) stores every key of it.
 */
export const REDUX_STORE_CREATORS: readonly string[] = [
  'redux#createStore',
  'redux#legacy_createStore',
  '@reduxjs/toolkit#createStore',
  '@reduxjs/toolkit#legacy_createStore',
  '@reduxjs/toolkit#configureStore',
];
export const REDUX_COMBINE_REDUCERS: readonly string[] = ['redux#combineReducers', '@reduxjs/toolkit#combineReducers'];
export const REDUX_CREATE_SLICE: readonly string[] = ['@reduxjs/toolkit#createSlice'];
/** A file that reads a store's whole state may hand it to a storage wrapper of another module. */
export const REDUX_STATE_READ = /\.getState\(\)/;

/**
 * Text that shows a file may touch web storage (the cheap gate before any analysis, with
 * TOKEN_VALUE_HINT: most code that stores something stores no token).
 */
export const WEB_STORAGE_HINT = /localStorage|sessionStorage|objectStore/;
/** What a token written to storage is called or comes from, in the file that writes it. */
export const TOKEN_VALUE_HINT = /token|jwt|bearer|auth|credential/i;
/** An SDK's token cache configured to live in web storage (no token named where it is configured). */
export const SDK_STORAGE_HINT = /cacheLocation|WebStorageStateStore|OAuthStorage|\bsetStorage|tokenManager|DefaultLocalStorageService/;
/** A file that mentions tokens may hand one to a storage wrapper of another module. */
export const TOKEN_MENTION = /token/i;
/** Files that configure an auth SDK's cache without importing it (an `authConfig.ts` of plain objects). */
export const AUTH_CONFIG_HINT = /auth0|msal|clientId|client_id|authority/i;
/** An Okta config written without importing the SDK. */
export const OKTA_HINT = /okta/i;
/** msal-browser's enum member for localStorage (`BrowserCacheLocation.LocalStorage`). */
export const CACHE_LOCATION_LOCAL_STORAGE = 'LocalStorage';
/** The option of an Okta `tokenManager` that picks its storage. */
export const OKTA_STORAGE_OPTION = 'storage';
/** A store variable named for the user (`userStore`, `persistentUserStore`) keeps tokens. */
export const USER_STORE_NAME = /user/i;
/** Every write to web storage or IndexedDB names one of these (`localStorage`, `window.sessionStorage`, `objectStore(…)`). */
export const STORAGE_WRITE_HINT = /Storage|objectStore/;
