import rule from '../../rules/no-token-in-web-storage';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('no-token-in-web-storage', rule, {
  valid: [
    // A boolean setting whose name mentions the token (whether to request one), stored as text.
    `class Settings {
  set requestAccessToken(value: boolean) {
    localStorage.setItem('requestAccessToken', '' + value);
  }
}`,
    // A PKCE verifier and state kept for the length of a redirect.
    `sessionStorage.setItem('pkce_verifier', verifier);
     sessionStorage.setItem('auth_tx', JSON.stringify({ state, nonce, verifier }));`,
    // `validToken` holds the letters of `idToken`: a verdict about a token, not an ID token.
    `export function remember(token) { const validToken = isWellFormed(token); localStorage.setItem('validToken', String(validToken)); }`,
    // Preferences and return paths.
    `localStorage.setItem('theme', 'dark'); localStorage.returnTo = location.pathname; localStorage['locale'] = navigator.language;`,
    // Non-credential tokens: CSRF, push, pagination.
    `localStorage.setItem('csrfToken', csrfToken); localStorage.setItem('fcm_token', pushToken); sessionStorage.nextPageToken = page.nextPageToken;`,
    // Metadata about a token is not the token.
    `localStorage.setItem('token_expires_at', String(tokens.expires_at)); localStorage.setItem('tokenType', tokens.token_type);`,
    // Reading and removing are fine.
    `const at = localStorage.getItem('access_token'); localStorage.removeItem('refresh_token'); sessionStorage.clear();`,
    // Clearing a token by writing an empty value.
    `localStorage.setItem('access_token', '');`,
    // A Map named like storage is not web storage.
    `const cache = new Map(); cache.set('access_token', token); const store = { setItem() {} }; store.setItem('id_token', idToken);`,
    // SDK defaults and in-memory choices.
    `import { createAuth0Client } from '@auth0/auth0-spa-js';
     const auth0 = await createAuth0Client({ domain: 'x.auth0.com', clientId: 'abc', cacheLocation: 'memory', useRefreshTokens: true });`,
    `import { PublicClientApplication } from '@azure/msal-browser';
     const pca = new PublicClientApplication({ auth: { clientId: 'abc' }, cache: { cacheLocation: 'sessionStorage' } });`,
    // oidc-client-ts: the state store may use localStorage; the user store in memory.
    `import { UserManager, WebStorageStateStore, InMemoryWebStorage } from 'oidc-client-ts';
     const mgr = new UserManager({ authority, client_id: 'spa', redirect_uri, userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }), stateStore: new WebStorageStateStore({ store: window.localStorage }) });`,
    // The option permits access tokens in sessionStorage.
    {
      code: `sessionStorage.setItem('access_token', tokens.access_token);`,
      options: [{ allowSessionStorageFor: ['access'] }],
    },
    // A wrapper called with a non-token.
    `function save(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
     save('preferences', prefs);`,
    // angular-oauth2-oidc with its sessionStorage default written explicitly.
    `import { OAuthStorage } from 'angular-oauth2-oidc';
     export const providers = [{ provide: OAuthStorage, useValue: sessionStorage }];`,
    // Hooks and stores holding no token, or persisting only non-token fields.
    `import { useLocalStorage } from '@vueuse/core'; const theme = useLocalStorage('theme', 'light');`,
    `import { create } from 'zustand';
     import { persist } from 'zustand/middleware';
     export const useAuth = create(persist((set) => ({ token: null, locale: 'en' }), { name: 'prefs', partialize: (s) => ({ locale: s.locale }) }));`,
    `import { defineStore } from 'pinia';
     export const useAuthStore = defineStore('auth', { state: () => ({ accessToken: '', theme: 'dark' }), persist: { pick: ['theme'] } });`,
    // Flags about a token are not the token.
    `localStorage.setItem('hasToken', 'true'); localStorage.setItem('token', 'true'); sessionStorage.setItem('isTokenValid', String(ok));`,
    // Okta with a tab-scoped or memory token manager.
    `import { OktaAuth } from '@okta/okta-auth-js'; export const okta = new OktaAuth({ issuer, clientId, tokenManager: { storage: 'sessionStorage' } });`,
    // Globals named like Object.prototype members are not storage.
    `constructor.setItem('access_token', t); toString.setItem('refresh_token', t);`,
    // A profile merged or filled in without a token, a token added only after the write, a property of the token response that is not a token.
    `export function keep(profile, tokens) {
       const user = Object.assign({}, profile, { theme: 'dark' });
       localStorage.setItem('user', JSON.stringify(user));
       const session = { name: profile.name };
       session.lastSeen = Date.now();
       localStorage.setItem('session', JSON.stringify(session));
       session.accessToken = tokens.access_token;
     }`,
    `export async function exchange(code) {
       const res = await fetch('/oauth/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) });
       const body = await res.json();
       localStorage.setItem('expires_at', String(Date.now() + body.expires_in * 1000));
       const me = await (await fetch('/api/me')).json();
       localStorage.setItem('me', JSON.stringify(me));
     }`,
    // cacheLocation of some unrelated cache library.
    `import { createCache } from 'lru-widget'; createCache({ cacheLocation: 'localStorage' });`,
  ],
  invalid: [
    {
      code: `import { useLocalStorage } from 'usehooks-ts';\nconst [token, setToken] = useLocalStorage('access_token', '');`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 62,
          data: { token: 'Access token', area: 'localStorage' },
        },
      ],
    },
    {
      code: `import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\nexport const useAuth = create(\n  persist(\n    (set) => ({ user: null, token: null, setToken: (token) => set({ token }) }),\n    { name: 'auth' },\n  ),\n);`,
      errors: [{ messageId: 'tokenInStorage', line: 4, column: 3, endLine: 7, endColumn: 4 }],
    },
    {
      code: `import { defineStore } from 'pinia';\nexport const useAuthStore = defineStore('auth', {\n  state: () => ({ refreshToken: '', profile: null }),\n  persist: true,\n});`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 16,
          data: { token: 'Refresh token', area: 'localStorage' },
        },
      ],
    },
    {
      code: `import { OktaAuth } from '@okta/okta-auth-js';\nexport const okta = new OktaAuth({ issuer, clientId, tokenManager: { storage: 'localStorage', autoRenew: true } });`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 2, column: 79, endLine: 2, endColumn: 93 }],
    },
    {
      // The legacy oidc-client script global.
      code: `var mgr = new Oidc.UserManager({ authority: a, client_id: 'spa', userStore: new Oidc.WebStorageStateStore({ store: window.localStorage }) });`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 1, column: 116, endLine: 1, endColumn: 135 }],
    },
    {
      code: `localStorage.setItem('refresh_token', tokens.refresh_token);`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 60,
          data: { token: 'Refresh token', area: 'localStorage' },
        },
      ],
    },
    {
      code: `window.localStorage.setItem(ACCESS_KEY, token);\nconst ACCESS_KEY = 'app.accessToken';`,
      errors: [{ messageId: 'tokenInStorage', line: 1, column: 1, endLine: 1, endColumn: 47 }],
    },
    {
      code: `const store = globalThis.sessionStorage;\nstore.setItem('jwt', data.token);`,
      errors: [
        { messageId: 'tokenInStorage', line: 2, column: 1, endLine: 2, endColumn: 33, data: { token: 'Token', area: 'sessionStorage' } },
      ],
    },
    {
      code: `self.localStorage.id_token = result.idToken;`,
      errors: [{ messageId: 'tokenInStorage', line: 1, column: 1, endLine: 1, endColumn: 44 }],
    },
    {
      code: `localStorage['auth'] = JSON.stringify({ accessToken: res.access_token, expiresAt });`,
      errors: [{ messageId: 'tokenInStorage', line: 1, column: 1, endLine: 1, endColumn: 84 }],
    },
    {
      code: `const storage = remember ? localStorage : sessionStorage;\nstorage.setItem('session', await auth0.getTokenSilently());`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 59,
          data: { token: 'Access token', area: 'localStorage' },
        },
      ],
    },
    {
      // allowSessionStorageFor never covers refresh tokens.
      code: `sessionStorage.setItem('rt', body.refresh_token);`,
      options: [{ allowSessionStorageFor: ['access', 'id'] }],
      errors: [{ messageId: 'tokenInStorage', line: 1, column: 1, endLine: 1, endColumn: 49 }],
    },
    {
      code: `import localforage from 'localforage';\nawait localforage.setItem('tokens', tokenSet);`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 46,
          data: { token: 'Token', area: 'persistent browser storage' },
        },
      ],
    },
    {
      code: `import { set } from 'idb-keyval';\nawait set('refreshToken', refreshToken);`,
      errors: [
        { messageId: 'tokenInStorage', line: 2, column: 7, endLine: 2, endColumn: 40, data: { token: 'Refresh token', area: 'IndexedDB' } },
      ],
    },
    {
      code: `function persist(db, tokens) {\n  const tx = db.transaction('auth', 'readwrite');\n  tx.objectStore('auth').put({ id: 'current', refresh_token: tokens.refresh_token });\n}`,
      errors: [{ messageId: 'tokenInStorage', line: 3, column: 3, endLine: 3, endColumn: 85 }],
    },
    {
      // A storage helper of the same file: reported where it is called with a token.
      code: `const storage = {\n  set(key, value) { localStorage.setItem(key, JSON.stringify(value)); },\n};\nstorage.set('user', profile);\nstorage.set('access_token', tokens.access_token);`,
      errors: [{ messageId: 'tokenInStorage', line: 5, column: 1, endLine: 5, endColumn: 49 }],
    },
    {
      code: `import { createAuth0Client } from '@auth0/auth0-spa-js';\nconst auth0 = await createAuth0Client({\n  domain: 'tenant.auth0.com',\n  clientId: 'abc',\n  cacheLocation: 'localstorage',\n});`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 5, column: 18, endLine: 5, endColumn: 32 }],
    },
    {
      // The wrong value is reported where it was written, even in a const elsewhere.
      code: `import { PublicClientApplication, BrowserCacheLocation } from '@azure/msal-browser';\nconst CACHE = 'localStorage';\nconst msal = new PublicClientApplication({ auth: { clientId: 'abc' }, cache: { cacheLocation: CACHE } });\nconst other = { cache: { cacheLocation: BrowserCacheLocation.LocalStorage } };`,
      errors: [
        { messageId: 'sdkTokenCacheInStorage', line: 2, column: 15, endLine: 2, endColumn: 29 },
        { messageId: 'sdkTokenCacheInStorage', line: 4, column: 41, endLine: 4, endColumn: 74 },
      ],
    },
    {
      code: `import { Auth0Provider } from '@auth0/auth0-react';\nexport const App = () => (\n  <Auth0Provider domain="t.auth0.com" clientId="abc" cacheLocation="localstorage" useRefreshTokens>\n    <Main />\n  </Auth0Provider>\n);`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 3, column: 68, endLine: 3, endColumn: 82 }],
    },
    {
      code: `import { UserManager, WebStorageStateStore } from 'oidc-client-ts';\nexport const mgr = new UserManager({\n  authority: 'https://id.example.com',\n  client_id: 'spa',\n  userStore: new WebStorageStateStore({ store: window.localStorage }),\n});`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 5, column: 48, endLine: 5, endColumn: 67 }],
    },
    {
      code: `import { OAuthStorage } from 'angular-oauth2-oidc';\nexport function storageFactory(): OAuthStorage { return localStorage; }\nexport const providers = [{ provide: OAuthStorage, useFactory: storageFactory }];`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 2, column: 57, endLine: 2, endColumn: 69 }],
    },
    {
      code: `import { OAuthService } from 'angular-oauth2-oidc';\nclass Auth {\n  constructor(private oauth: OAuthService) {\n    this.oauth.setStorage(localStorage);\n  }\n}`,
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 4, column: 27, endLine: 4, endColumn: 39 }],
    },
    {
      code: `export function onProfile(body, access_token, refresh_token) {\n  const user = Object.assign(body, { token: { access_token, refresh_token } });\n  localStorage.setItem('appUser', JSON.stringify(user));\n}`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 56,
          data: { token: 'Access token', area: 'localStorage' },
        },
      ],
    },
    {
      code: `export function remember(fragment) {\n  const session = { at: Date.now() };\n  session.refreshToken = fragment.get('refresh_token');\n  sessionStorage.setItem('session', JSON.stringify(session));\n}`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 61,
          data: { token: 'Refresh token', area: 'sessionStorage' },
        },
      ],
    },
    {
      code: `export function remember(profile, tokens) {\n  const user = { name: profile.name };\n  Object.assign(user, { tokens });\n  localStorage.setItem('u', JSON.stringify(user));\n}`,
      errors: [
        { messageId: 'tokenInStorage', line: 4, column: 3, endLine: 4, endColumn: 50, data: { token: 'Token', area: 'localStorage' } },
      ],
    },
    {
      code: `export function keep(claims) {\n  localStorage.setItem('auth', JSON.stringify({ user: { token: claims.id_token } }));\n}`,
      errors: [
        { messageId: 'tokenInStorage', line: 2, column: 3, endLine: 2, endColumn: 85, data: { token: 'ID token', area: 'localStorage' } },
      ],
    },
    {
      code: `export async function exchange(code, verifier) {\n  const res = await fetch('https://id.example.com/token', {\n    method: 'POST',\n    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier }),\n  });\n  const data = await res.json();\n  localStorage.setItem('oauth', JSON.stringify(data));\n}`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 54,
          data: { token: 'Access token', area: 'localStorage' },
        },
      ],
    },
    {
      code: `import axios from 'axios';\nexport async function renew(rt) {\n  const { data } = await axios.post('/oauth/token', { grant_type: 'refresh_token', refresh_token: rt });\n  localStorage.setItem('spotify', JSON.stringify(data));\n}`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 56,
          data: { token: 'Access token', area: 'localStorage' },
        },
      ],
    },
  ],
});

espreeTester.run('no-token-in-web-storage (espree)', rule, {
  valid: [`sessionStorage.setItem('code_verifier', codeVerifier);`, `localStorage.setItem('returnTo', window.location.href);`],
  invalid: [
    {
      code: `export function onLogin(response) {\n  localStorage.setItem('id_token', response.id_token);\n}`,
      errors: [{ messageId: 'tokenInStorage', line: 2, column: 3, endLine: 2, endColumn: 54 }],
    },
    {
      code: `class TokenStore {\n  save(token) { window.localStorage.setItem('auth', token); }\n}`,
      errors: [{ messageId: 'tokenInStorage', line: 2, column: 17, endLine: 2, endColumn: 59 }],
    },
  ],
});

// A helper that packs its parameters into one serialised object before storing it.
const packedWrapper = `const saveState = (account, settings) => {
  const serialised = JSON.stringify({ auth: account, settings });
  localStorage.setItem('app-storage', serialised);
};
export async function onCode(code) {
  const { data: { access_token } } = await getAccessToken(code);
  const account = { token: access_token, hostname: 'github.com' };
  saveState(account, defaults);
}`;

ruleTester.run('no-token-in-web-storage (parameters packed into a stored object)', rule, {
  valid: [
    // Settings only, and a token passed under a property that names OAuth transaction data.
    `const saveState = (account, settings) => localStorage.setItem('app', JSON.stringify({ auth: account, settings }));\nsaveState({ hostname: 'github.com', user }, { theme: 'dark' });`,
    `const saveTx = (state, verifier) => sessionStorage.setItem('tx', JSON.stringify({ state, pkce_verifier: verifier }));\nsaveTx(randomState(), codeVerifier);`,
    // The helper rewrites the object before storing: not what was passed.
    `const save = (account) => { const copy = { auth: { name: account.name } }; localStorage.setItem('app', JSON.stringify(copy)); };\nsave({ name: 'x', token: accessToken });`,
  ],
  invalid: [{ code: packedWrapper, errors: [{ messageId: 'tokenInStorage', ...at(packedWrapper, 'saveState(account, defaults)') }] }],
});

// A helper that serialises its parameter into a const, then stores the const.
const serialisedWrapper = `function setStoredAuth(auth) {
  const authJSON = JSON.stringify(auth);
  localStorage.setItem('slack:auth', authJSON);
}
setStoredAuth({ theme: 'dark' });
setStoredAuth({ token: tokens.access_token, userId });`;

ruleTester.run('no-token-in-web-storage (parameter serialised into a const)', rule, {
  valid: [
    // Called with preferences only.
    `function remember(value) {\n  const json = JSON.stringify(value);\n  localStorage.setItem('prefs', json);\n}\nremember(preferences);`,
    // The const holds a rewritten object, not what was passed.
    `function remember(auth) {\n  const json = JSON.stringify({ name: auth.name });\n  localStorage.setItem('profile', json);\n}\nremember({ name: 'x', token: accessToken });`,
    // The variable is overwritten before it is stored: not the parameter.
    `function remember(auth) {\n  let json = JSON.stringify(auth);\n  json = '{}';\n  localStorage.setItem('profile', json);\n}\nremember({ token: accessToken });`,
  ],
  invalid: [
    {
      code: serialisedWrapper,
      errors: [{ messageId: 'tokenInStorage', ...at(serialisedWrapper, 'setStoredAuth({ token: tokens.access_token, userId })') }],
    },
  ],
});

// A Redux store's whole state written to web storage: its reducers' initial state decides.
const reduxStore = `import { createStore, combineReducers } from 'redux';
const initialAuth = { access_token: '', refresh_token: '', user: null };
function auth(state = initialAuth, action) {
  return action.type === 'login' ? { ...state, ...action.payload } : state;
}
const ui = (state = { theme: 'dark' }) => state;
const store = createStore(combineReducers({ auth, ui }));
store.subscribe(() => localStorage.setItem('app_state', JSON.stringify(store.getState())));`;
const toolkitStore = `import { configureStore, createSlice } from '@reduxjs/toolkit';
const session = createSlice({ name: 'session', initialState: { refreshToken: null, expiresAt: 0 }, reducers: {} });
export const store = configureStore({ reducer: { session: session.reducer } });
function saveState(state) {
  const serialized = JSON.stringify(state);
  localStorage.setItem('state', serialized);
}
store.subscribe(() => saveState(store.getState()));`;

ruleTester.run('no-token-in-web-storage (a Redux store persisted whole)', rule, {
  valid: [
    // The reducers hold no token.
    `import { createStore, combineReducers } from 'redux';
const prefs = (state = { theme: 'dark', locale: 'en' }) => state;
const store = createStore(combineReducers({ prefs }));
store.subscribe(() => localStorage.setItem('app_state', JSON.stringify(store.getState())));`,
    // Only a token-free part of the state is written.
    `import { createStore, combineReducers } from 'redux';
const auth = (state = { accessToken: '' }) => state;
const ui = (state = { theme: 'dark' }) => state;
const store = createStore(combineReducers({ auth, ui }));
store.subscribe(() => localStorage.setItem('ui', JSON.stringify({ ui: store.getState().ui })));`,
    // Not a Redux store: its state is unknown.
    `const store = makeStore({ accessToken: '' });
store.subscribe(() => localStorage.setItem('app_state', JSON.stringify(store.getState())));`,
  ],
  invalid: [
    {
      code: reduxStore,
      errors: [{ messageId: 'tokenInStorage', ...at(reduxStore, "localStorage.setItem('app_state', JSON.stringify(store.getState()))") }],
    },
    {
      code: toolkitStore,
      errors: [
        {
          messageId: 'tokenInStorage',
          data: { token: 'Refresh token', area: 'localStorage' },
          ...at(toolkitStore, 'saveState(store.getState())'),
        },
      ],
    },
  ],
});

// A Pinia store persisted by hand: its whole state written on every change.
const piniaSubscribe = `import { defineStore } from 'pinia';
const defaults = () => {
  return { token: undefined, refreshToken: undefined, authenticated: false };
};
export const useAuthStore = defineStore('auth', {
  state: () => defaults(),
  actions: { setRefreshToken(refreshToken) { this.refreshToken = refreshToken; } },
});
export function persistAuthStore() {
  const store = useAuthStore();
  store.$subscribe((_mutation, state) => {
    localStorage.setItem('authStore', JSON.stringify(state));
  });
}`;
const piniaSetupState = `import { defineStore } from 'pinia';
import { ref } from 'vue';
export const useSession = defineStore('session', () => {
  const accessToken = ref('');
  return { accessToken };
});
const session = useSession();
window.addEventListener('beforeunload', () => sessionStorage.setItem('session', JSON.stringify(session.$state)));`;

ruleTester.run('no-token-in-web-storage (a Pinia store persisted by hand)', rule, {
  valid: [
    // The store's state holds no token.
    `import { defineStore } from 'pinia';
export const usePrefs = defineStore('prefs', { state: () => ({ theme: 'dark', locale: 'en' }) });
const prefs = usePrefs();
prefs.$subscribe((_mutation, state) => localStorage.setItem('prefs', JSON.stringify(state)));`,
    // Only a token-free part of the state is written.
    `import { defineStore } from 'pinia';
export const useAuth = defineStore('auth', { state: () => ({ accessToken: '', theme: 'dark' }) });
const auth = useAuth();
auth.$subscribe((_mutation, state) => localStorage.setItem('theme', state.theme));`,
    // Not a Pinia store: its state is unknown.
    `const store = makeStore({ accessToken: '' });
store.$subscribe((_mutation, state) => localStorage.setItem('app_state', JSON.stringify(state)));`,
  ],
  invalid: [
    {
      code: piniaSubscribe,
      errors: [
        {
          messageId: 'tokenInStorage',
          data: { token: 'Token', area: 'localStorage' },
          ...at(piniaSubscribe, "localStorage.setItem('authStore', JSON.stringify(state))"),
        },
      ],
    },
    {
      code: piniaSetupState,
      errors: [
        { messageId: 'tokenInStorage', ...at(piniaSetupState, "sessionStorage.setItem('session', JSON.stringify(session.$state))") },
      ],
    },
  ],
});

// angular-oauth2-oidc: a storage factory typed as OAuthStorage, provided elsewhere.
const typedFactory = `import { OAuthStorage } from 'angular-oauth2-oidc';
export function storageFactory(): OAuthStorage {
  try {
    return localStorage;
  } catch {
    return sessionStorage;
  }
}`;
const typedFactoryProvided = `import { OAuthStorage } from 'angular-oauth2-oidc';
function storageFactory(): OAuthStorage { return localStorage; }
export const providers = [{ provide: OAuthStorage, useFactory: storageFactory }];`;

ruleTester.run('no-token-in-web-storage (OAuthStorage factories)', rule, {
  valid: [
    `import { OAuthStorage } from 'angular-oauth2-oidc';\nexport function storageFactory(): OAuthStorage { return sessionStorage; }`,
    // Not the SDK's storage type, or not typed at all.
    `import { Storage } from './my-storage';\nexport function storageFactory(): Storage { return localStorage; }`,
    `export function preferences() { return localStorage; }`,
  ],
  invalid: [
    { code: typedFactory, errors: [{ messageId: 'sdkTokenCacheInStorage', ...at(typedFactory, 'localStorage') }] },
    // Provided in the same file: one finding, at the `localStorage` the factory returns (the value as written).
    { code: typedFactoryProvided, errors: [{ messageId: 'sdkTokenCacheInStorage', ...at(typedFactoryProvided, 'localStorage') }] },
    {
      code: typedFactoryProvided.replace(
        '{ return localStorage; }',
        '{\n  try {\n    return localStorage;\n  } catch {\n    return sessionStorage;\n  }\n}',
      ),
      errors: [{ messageId: 'sdkTokenCacheInStorage', line: 4, column: 12, endLine: 4, endColumn: 24 }],
    },
  ],
});

// A storage key kept as a class constant (`private readonly KEY = 'refresh_token'`, `static readonly KEY`).
const classKey = `export class SessionStore {
  private readonly REFRESH_KEY = 'refresh_token';
  static readonly ACCESS_KEY = 'access_token';
  keep(value: string, access: string) {
    localStorage.setItem(this.REFRESH_KEY, value);
    localStorage.setItem(SessionStore.ACCESS_KEY, access);
  }
}`;
ruleTester.run('no-token-in-web-storage (keys in class constants)', rule, {
  valid: [
    // Constants that name something else.
    classKey.replace("'refresh_token'", "'theme'").replace("'access_token'", "'locale'"),
    // A field the class reassigns may hold any key.
    classKey
      .replace(
        "private readonly REFRESH_KEY = 'refresh_token';",
        "private REFRESH_KEY = 'refresh_token';\n  rotate() { this.REFRESH_KEY = 'ui_prefs'; }",
      )
      .replace('static readonly ACCESS_KEY', 'static ACCESS_KEY')
      .replace('\n}', "\n}\nSessionStore.ACCESS_KEY = 'ui_locale';"),
  ],
  invalid: [
    {
      code: classKey,
      errors: [
        { messageId: 'tokenInStorage', ...at(classKey, 'localStorage.setItem(this.REFRESH_KEY, value)') },
        { messageId: 'tokenInStorage', ...at(classKey, 'localStorage.setItem(SessionStore.ACCESS_KEY, access)') },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-d): angular-auth-oidc-client given its own localStorage service.
const angularAuthOidcLocal = `import { AbstractSecurityStorage, AuthModule, DefaultLocalStorageService } from 'angular-auth-oidc-client';
@NgModule({
  imports: [AuthModule.forRoot({ config: { authority: ISSUER, clientId: 'web_app', responseType: 'code', useRefreshToken: true } })],
  providers: [{ provide: AbstractSecurityStorage, useClass: DefaultLocalStorageService }],
})
export class AuthConfigModule {}`;

ruleTester.run('no-token-in-web-storage (real code: angular-auth-oidc-client storage)', rule, {
  valid: [
    // Its default (sessionStorage), or the library's session storage service written out.
    angularAuthOidcLocal
      .replace(', DefaultLocalStorageService', ', DefaultSessionStorageService')
      .replace('useClass: DefaultLocalStorageService', 'useClass: DefaultSessionStorageService'),
    // A class of the app's own under the same name is not the library's.
    `import { AbstractSecurityStorage } from 'angular-auth-oidc-client';\nclass DefaultLocalStorageService {}\nexport const providers = [{ provide: AbstractSecurityStorage, useClass: DefaultLocalStorageService }];`,
  ],
  invalid: [
    {
      code: angularAuthOidcLocal,
      errors: [{ messageId: 'sdkTokenCacheInStorage', ...at(angularAuthOidcLocal, 'DefaultLocalStorageService', 1) }],
    },
  ],
});

// Seen in real code (fresh-2026-12-f): a project's own useLocalStorage hook, written like the
// libraries', whose setter is handed the session with its token.
const ownStorageHook = `import { useState } from 'react';
export const useLocalStorage = (key, initialValue) => {
  const [stored, setStored] = useState(initialValue);
  const setValue = (value) => {
    setStored(value);
    window.localStorage.setItem(key, JSON.stringify(value));
  };
  return [stored, setValue];
};
export function Login({ userId, token }) {
  const [, setUserSession] = useLocalStorage('userSession');
  setUserSession({ userId, token, expiry: Date.now() + 3.6e6 });
}`;

ruleTester.run('no-token-in-web-storage (real code: a storage hook of the project)', rule, {
  valid: [
    // The session without a token in it.
    ownStorageHook.replace('{ userId, token, expiry', '{ userId, expiry'),
    // A hook of that name that keeps the value in memory only.
    ownStorageHook.replace('window.localStorage.setItem(key, JSON.stringify(value));', 'cache.set(key, value);'),
  ],
  invalid: [
    {
      code: ownStorageHook,
      errors: [{ messageId: 'tokenInStorage', ...at(ownStorageHook, 'setUserSession({ userId, token, expiry: Date.now() + 3.6e6 })') }],
    },
  ],
});

// Real code (fresh-2026-12-i): a Nuxt store keeping its tokens through the `local-storage` package.
const localStoragePackage = `import ls from 'local-storage';
export const actions = {
  setTokens({ commit }, { data }) {
    commit('SET_ACCESS_TOKEN', data.accessToken);
    ls.set('accountAccessToken', data.accessToken);
    ls.set('accountExpiresIn', data.expiresIn);
  },
};`;

ruleTester.run('no-token-in-web-storage (real code: localStorage wrapper packages)', rule, {
  valid: [
    // Only the expiry is stored.
    localStoragePackage.replace("ls.set('accountAccessToken', data.accessToken);", ''),
    // A preference through store2.
    `import store from 'store2';\nstore.set('theme', 'dark');`,
    // A package of the same method name that is no storage.
    localStoragePackage.replace("from 'local-storage'", "from 'lru-widget'"),
  ],
  invalid: [
    {
      code: localStoragePackage,
      errors: [
        {
          messageId: 'tokenInStorage',
          ...at(localStoragePackage, "ls.set('accountAccessToken', data.accessToken)"),
          data: { token: 'Access token', area: 'localStorage' },
        },
      ],
    },
    {
      code: `import store from 'store2';\nexport function keep(tokens) {\n  store('refresh_token', tokens.refresh_token);\n  store.session.set('access_token', tokens.access_token);\n}`,
      errors: [
        {
          messageId: 'tokenInStorage',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 47,
          data: { token: 'Refresh token', area: 'localStorage' },
        },
        {
          messageId: 'tokenInStorage',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 57,
          data: { token: 'Access token', area: 'sessionStorage' },
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): the token response stored whole from a callback chained on
// the token request (Angular's Http `.map`, rxjs `.pipe(map(…))`, promise `.then`).
const tokenUrl = '`${ISSUER}/oauth/token?grant_type=authorization_code&client_id=${ID}&redirect_uri=${CB}&code=${code}`';
const chainedMap = `export function exchange(http, code) {
  return http.post(${tokenUrl}, {}).map((response) => {
    const body = response.json();
    localStorage.setItem('oauthSession', JSON.stringify(body));
    return body;
  });
}`;
const chainedPipe = `import { map } from 'rxjs';
export function exchange(http, code) {
  return http.post(${tokenUrl}, {}).pipe(map((tokens) => localStorage.setItem('session', JSON.stringify(tokens))));
}`;
const chainedThen = `export function exchange(code) {
  return fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v }) })
    .then((res) => res.json())
    .then((data) => sessionStorage.setItem('auth', JSON.stringify(data)));
}`;
ruleTester.run('no-token-in-web-storage (a token response handed to a chained callback)', rule, {
  valid: [
    // The same chains on requests that are no token requests.
    chainedMap.replace(tokenUrl, '`${API}/profile`'),
    chainedThen.replace("grant_type: 'authorization_code', code, code_verifier: v", 'q: code').replace('TOKEN_URL', 'SEARCH_URL'),
  ],
  invalid: [
    {
      code: chainedMap,
      errors: [{ messageId: 'tokenInStorage', ...at(chainedMap, "localStorage.setItem('oauthSession', JSON.stringify(body))") }],
    },
    {
      code: chainedPipe,
      errors: [{ messageId: 'tokenInStorage', ...at(chainedPipe, "localStorage.setItem('session', JSON.stringify(tokens))") }],
    },
    {
      code: chainedThen,
      errors: [{ messageId: 'tokenInStorage', ...at(chainedThen, "sessionStorage.setItem('auth', JSON.stringify(data))") }],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): a helper builds the stored object around the access token.
const helperBuiltUser = (fields: string) => `function parseAuthResult(result) {
  return { ${fields}, name: result.idTokenPayload.given_name };
}
export function refreshed(result) {
  const userObject = parseAuthResult(result);
  window.localStorage.setItem('auth0', JSON.stringify(userObject));
}`;
const helperWithToken = helperBuiltUser('accessToken: result.accessToken, expireDate: expiry(result.expiresIn)');
ruleTester.run('no-token-in-web-storage (an object a helper builds)', rule, {
  valid: [helperBuiltUser('expireDate: expiry(result.expiresIn)')],
  invalid: [
    {
      code: helperWithToken,
      errors: [{ messageId: 'tokenInStorage', ...at(helperWithToken, "window.localStorage.setItem('auth0', JSON.stringify(userObject))") }],
    },
  ],
});
