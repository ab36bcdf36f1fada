import rule from '../../rules/serialize-token-refresh';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

const namedEndpoint = `import axios from 'axios';
import { endpoints } from './endpoints';
axios.interceptors.response.use((r) => r, async (error) => {
  if (error.response?.status === 401 && !error.config._retry) {
    error.config._retry = true;
    const res = await fetch(endpoints.refreshToken, { method: 'POST', body: JSON.stringify({ refresh: localStorage.getItem('rt') }) });
    return axios(error.config);
  }
  return Promise.reject(error);
});`;

const angularShared = `import { HttpClient, HttpInterceptorFn, HttpParams } from '@angular/common/http';
import { inject } from '@angular/core';
import { Observable, catchError, finalize, shareReplay, switchMap, throwError } from 'rxjs';
let renewal: Observable<Tokens> | null = null;
export const renewFn: HttpInterceptorFn = (req, next) => {
  const http = inject(HttpClient);
  return next(req).pipe(catchError((failure) => {
    if (failure.status !== 401) return throwError(() => failure);
    renewal ??= http.post<Tokens>(ISSUER_TOKEN, new HttpParams().set('grant_type', 'refresh_token').set('refresh_token', vault.rt)).pipe(shareReplay(1), finalize(() => (renewal = null)));
    return renewal.pipe(switchMap(() => next(req)));
  }));
};`;

const angularQueue = `import { HttpClient, HttpInterceptor, HttpParams } from '@angular/common/http';
import { BehaviorSubject, catchError, filter, switchMap, take, throwError } from 'rxjs';
export class RotatingInterceptor implements HttpInterceptor {
  private isRefreshing = false;
  private readonly fresh = new BehaviorSubject<string | null>(null);
  constructor(private readonly http: HttpClient) {}
  intercept(req, next) {
    return next.handle(req).pipe(catchError((e) => {
      if (e.status !== 401) return throwError(() => e);
      if (this.isRefreshing) return this.fresh.pipe(filter((t) => t !== null), take(1), switchMap(() => next.handle(req)));
      this.isRefreshing = true;
      this.fresh.next(null);
      const form = new HttpParams({ fromObject: { grant_type: 'refresh_token', refresh_token: vault.rt } });
      return this.http.post(ISSUER_TOKEN, form).pipe(switchMap((t) => { this.isRefreshing = false; this.fresh.next(t.access_token); return next.handle(req); }));
    }));
  }
}`;

const angularFnUnguarded = `import { HttpClient, HttpInterceptorFn, HttpParams } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
export const renewOn401: HttpInterceptorFn = (req, next) => {
  const http = inject(HttpClient);
  return next(req).pipe(catchError((failure) => {
    if (failure.status !== 401) return throwError(() => failure);
    const form = new HttpParams({ fromObject: { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: vault.rt } });
    return http.post<Tokens>(ISSUER_TOKEN, form.toString(), { headers }).pipe(switchMap(() => next(req)));
  }));
};`;

const angularClassNoStatus = `import { HttpClient, HttpInterceptor, HttpParams } from '@angular/common/http';
import { catchError, switchMap } from 'rxjs';
export class RenewingInterceptor implements HttpInterceptor {
  constructor(private http: HttpClient) {}
  intercept(req, next) {
    return next.handle(req).pipe(catchError(() => {
      const body = new HttpParams().append('refresh_token', vault.rt).append('grant_type', 'refresh_token');
      return this.http.post(ISSUER_TOKEN, body).pipe(switchMap(() => next.handle(req)));
    }));
  }
}`;

ruleTester.run('serialize-token-refresh', rule, {
  valid: [
    // A 401 handler that reloads the user's profile from a URL named after something else.
    `import axios from 'axios';
     axios.interceptors.response.use((r) => r, async (error) => {
       if (error.response?.status === 401) { await fetch(endpoints.profile); return Promise.reject(error); }
       return Promise.reject(error);
     });`,
    // Angular: one shared in-flight observable (shareReplay), and the isRefreshing + BehaviorSubject queue.
    angularShared,
    angularQueue,
    // An HttpParams query (not a refresh grant) sent from an interceptor.
    `import { HttpInterceptorFn, HttpParams } from '@angular/common/http';
export const tagFn: HttpInterceptorFn = (req, next) => next(req.clone({ params: new HttpParams().set('refresh', 'false') }));`,
    // The refresh grant in a plain service method, not on a retry path.
    `import { HttpClient, HttpParams } from '@angular/common/http';
export class TokenStore { constructor(private http: HttpClient) {} renew() { return this.http.post(ISSUER_TOKEN, new HttpParams().set('grant_type', 'refresh_token').set('refresh_token', vault.rt)); } }`,
    // Module-level in-flight promise shared by every 401.
    `import axios from 'axios';
const api = axios.create();
let refreshPromise: Promise<string> | null = null;
function refreshAccessToken() {
  refreshPromise ??= axios.post('/auth/refresh').then((r) => r.data.accessToken).finally(() => { refreshPromise = null; });
  return refreshPromise;
}
api.interceptors.response.use((r) => r, async (error) => {
  if (error.response?.status === 401 && !error.config._retry) {
    error.config._retry = true;
    await refreshAccessToken();
    return api(error.config);
  }
  throw error;
});`,
    // isRefreshing flag + queue of waiters.
    `let isRefreshing = false;
let failedQueue = [];
api.interceptors.response.use(undefined, async (error) => {
  if (error.response?.status !== 401) throw error;
  if (isRefreshing) return new Promise((resolve, reject) => failedQueue.push({ resolve, reject }));
  isRefreshing = true;
  try {
    const { data } = await api.post('/auth/refresh-token');
    failedQueue.forEach((p) => p.resolve(data.token));
    return api(error.config);
  } finally { isRefreshing = false; failedQueue = []; }
});`,
    // async-mutex.
    `import ky from 'ky';
import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export const http = ky.create({ hooks: { afterResponse: [async (request, options, response) => {
  if (response.status === 401) {
    await mutex.runExclusive(() => ky.post('/api/auth/refresh'));
    return ky(request);
  }
}] } });`,
    // Web Locks API.
    `api.interceptors.response.use(undefined, (e) => navigator.locks.request('token-refresh', () => api.post('/auth/refresh')));`,
    // SDK calls serialise themselves.
    `api.interceptors.request.use(async (config) => {
  config.headers.Authorization = \`Bearer \${await auth0.getTokenSilently()}\`;
  return config;
});`,
    `api.interceptors.response.use(undefined, async (error) => {
  if (error.response?.status === 401) { await userManager.signinSilent(); return api(error.config); }
  throw error;
});`,
    `api.interceptors.response.use(undefined, async (error) => {
  if (error.response?.status === 401) { await msal.acquireTokenSilent({ scopes, account }); return api(error.config); }
  throw error;
});`,
    // A 401 handler that logs out instead of refreshing.
    `export async function authFetch(url) {
  const res = await fetch(url);
  if (res.status === 401) { window.location.assign('/login'); }
  return res;
}`,
    // The refresh function itself checks for 401 after refreshing: not a retry path.
    `export async function refresh() {
  const res = await fetch('/auth/refresh', { method: 'POST' });
  if (res.status === 401) logout();
  return res.json();
}`,
    // Refresh outside any retry path (an explicit button).
    `export async function onRefreshClick() { await fetch('/api/auth/refresh', { method: 'POST' }); }`,
    // A helper memoized with p-memoize is not a local function with a body.
    `import pMemoize from 'p-memoize';
const refreshOnce = pMemoize(() => fetch('/auth/refresh', { method: 'POST' }), { maxAge: 1000 });
api.interceptors.response.use(undefined, async (e) => { if (e.response.status === 401) await refreshOnce(); });`,
    // An outer promise variable named by what it holds.
    `let tokenRenewal = null;
async function renew() { const r = await fetch('/auth/refresh', { method: 'POST' }); return r.json(); }
export async function call(url) {
  const res = await fetch(url);
  if (res.status === 401) {
    if (!tokenRenewal) tokenRenewal = renew().finally(() => { tokenRenewal = null; });
    await tokenRenewal;
    return fetch(url);
  }
  return res;
}`,
    // An instance field holding the in-flight refresh.
    `class Session {
  private refreshTokenPromise?: Promise<void>;
  async onUnauthorized() {
    this.refreshTokenPromise ??= this.http.post('/auth/refresh').then(() => undefined);
    return this.refreshTokenPromise;
  }
  attach() { this.http.interceptors.response.use(undefined, () => this.onUnauthorized()); }
}`,
    // Test files.
    {
      code: `api.interceptors.response.use(undefined, async (e) => { await api.post('/auth/refresh'); });`,
      filename: 'src/__tests__/api.ts',
    },
  ],
  invalid: [
    {
      // The endpoint's URL comes from config; its name says it is the refresh endpoint.
      code: namedEndpoint,
      errors: [
        {
          messageId: 'unserializedRefresh',
          ...at(
            namedEndpoint,
            "fetch(endpoints.refreshToken, { method: 'POST', body: JSON.stringify({ refresh: localStorage.getItem('rt') }) })",
          ),
        },
      ],
    },
    {
      code: `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
api.interceptors.response.use((r) => r, async (error) => {
  const original = error.config;
  if (error.response?.status === 401 && !original._retry) {
    original._retry = true;
    const { data } = await axios.post('/auth/refresh', { refreshToken: localStorage.getItem('rt') });
    return api(original);
  }
  return Promise.reject(error);
});`,
      errors: [{ messageId: 'unserializedRefresh', line: 7, column: 28, endLine: 7, endColumn: 101 }],
    },
    {
      code: `const TOKEN_URL = 'https://idp.example.com/oauth/token';
async function refreshTokens(rt: string) {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt, client_id: 'spa' }) });
  return res.json();
}
export async function authFetch(input: string, init: RequestInit = {}) {
  let res = await fetch(input, init);
  if (res.status === 401) {
    const tokens = await refreshTokens(store.refreshToken);
    res = await fetch(input, { ...init, headers: { Authorization: \`Bearer \${tokens.access_token}\` } });
  }
  return res;
}`,
      errors: [{ messageId: 'unserializedRefresh', line: 9, column: 26, endLine: 9, endColumn: 59 }],
    },
    {
      code: `import ky from 'ky';
export const http = ky.create({ hooks: { afterResponse: [async (request, options, response) => {
  if (response.status === 401) {
    await ky.post('/api/auth/refresh');
    return ky(request);
  }
}] } });`,
      errors: [{ messageId: 'unserializedRefresh', line: 4, column: 11, endLine: 4, endColumn: 39 }],
    },
    {
      code: `import * as client from 'openid-client';
api.interceptors.response.use(undefined, async (error) => {
  if (error.response?.status !== 401) throw error;
  const tokens = await client.refreshTokenGrant(config, session.refresh_token);
  session.save(tokens);
  return api(error.config);
});`,
      errors: [{ messageId: 'unserializedRefresh', line: 4, column: 24, endLine: 4, endColumn: 79 }],
    },
    {
      code: `api.interceptors.request.use(async (config) => {
  if (Date.now() > expiresAt) {
    const res = await axios.post(\`\${API}/auth/token/refresh\`, { refresh: getRefreshToken() });
    setTokens(res.data);
  }
  return config;
});`,
      errors: [{ messageId: 'unserializedRefresh', line: 3, column: 23, endLine: 3, endColumn: 94 }],
    },
    {
      code: `export async function apiFetch(path, init) {
  const res = await fetch(path, init);
  switch (res.status) {
    case 401:
      await fetch('/api/session/refresh', { method: 'POST', credentials: 'include' });
      return fetch(path, init);
    default:
      return res;
  }
}`,
      errors: [{ messageId: 'unserializedRefresh', line: 5, column: 13, endLine: 5, endColumn: 86 }],
    },
    {
      code: `@Injectable()
export class AuthInterceptor implements HttpInterceptor {
  constructor(private http: HttpClient) {}
  intercept(req: HttpRequest<unknown>, next: HttpHandler) {
    return next.handle(req).pipe(catchError((err) => {
      if (err.status === 401) return this.http.post('/api/auth/refresh', {}).pipe(switchMap(() => next.handle(req)));
      return throwError(() => err);
    }));
  }
}`,
      errors: [{ messageId: 'unserializedRefresh', line: 6, column: 38, endLine: 6, endColumn: 77 }],
    },
    {
      code: `const http = $fetch.create({
  async onResponseError({ response }) {
    if (response.status === 401) await $fetch('/api/auth/refresh', { method: 'POST' });
  },
});`,
      errors: [{ messageId: 'unserializedRefresh', line: 3, column: 40, endLine: 3, endColumn: 87 }],
    },
    {
      code: `import got from 'got';
export const client = got.extend({ hooks: { afterResponse: [async (response, retryWithMergedOptions) => {
  if (response.statusCode === 401) {
    const { body } = await got.post('https://idp/oauth/token', { form: { grant_type: 'refresh_token', refresh_token: store.rt } }).json();
    return retryWithMergedOptions({ headers: { authorization: \`Bearer \${body.access_token}\` } });
  }
  return response;
}] } });`,
      errors: [{ messageId: 'unserializedRefresh', line: 4, column: 28, endLine: 4, endColumn: 131 }],
    },
    {
      code: `class ApiClient {
  async refresh() { return this.http.post('/auth/refresh'); }
  async request(url) {
    try { return await this.http.get(url); }
    catch (e) { if (e.response?.status === 401) { await this.refresh(); return this.http.get(url); } throw e; }
  }
}`,
      errors: [{ messageId: 'unserializedRefresh', line: 5, column: 57, endLine: 5, endColumn: 71 }],
    },
    {
      code: angularFnUnguarded,
      errors: [
        { messageId: 'unserializedRefresh', ...at(angularFnUnguarded, 'http.post<Tokens>(ISSUER_TOKEN, form.toString(), { headers })') },
      ],
    },
    {
      code: angularClassNoStatus,
      errors: [{ messageId: 'unserializedRefresh', ...at(angularClassNoStatus, 'this.http.post(ISSUER_TOKEN, body)') }],
    },
  ],
});

espreeTester.run('serialize-token-refresh (espree)', rule, {
  valid: [
    `let refreshing = null;\nhttp.interceptors.response.use(undefined, async (e) => {\n  if (e.response.status === 401) { refreshing = refreshing || http.post('/auth/refresh'); await refreshing; refreshing = null; }\n});`,
  ],
  invalid: [
    {
      code: `http.interceptors.response.use(undefined, async (e) => {\n  if (e.response.status === 401) { await http.post('/auth/refresh'); }\n});`,
      errors: [{ messageId: 'unserializedRefresh', line: 2, column: 42, endLine: 2, endColumn: 68 }],
    },
  ],
});

// Seen in real code (fresh-2026-12-e): a module flag, whatever its name, tested and raised before refreshing.
const flagGuard = `import axios from 'axios';
let refresh = false;
axios.interceptors.response.use((resp) => resp, async (error) => {
  if (error.response.status === 401 && !refresh) {
    refresh = true;
    const response = await axios.post('/auth/refresh-token', { refreshToken: store.refreshToken });
    if (response.status === 200) return axios(error.config);
  }
  refresh = false;
  return error;
});`;

ruleTester.run('serialize-token-refresh (real code: a flag by any name)', rule, {
  valid: [flagGuard],
  invalid: [
    // Raised but never tested: every 401 still refreshes.
    {
      code: flagGuard.replace(' && !refresh', ''),
      errors: [
        {
          messageId: 'unserializedRefresh',
          ...at(flagGuard.replace(' && !refresh', ''), "axios.post('/auth/refresh-token', { refreshToken: store.refreshToken })"),
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-k): the refresh endpoint's URL is joined from two settings;
// the last one names it.
const joinedRefreshUrl = (url: string) => `import axios from 'axios';
axios.interceptors.response.use((r) => r, (error) => {
  const original = error.config;
  if (error.response.status === 401 && !original._retry) {
    original._retry = true;
    return axios.post(${url}, { refreshToken: Cookies.get('refresh_token') }).then(() => axios(original));
  }
  return Promise.reject(error);
});`;
const envJoined = joinedRefreshUrl('process.env.REACT_APP_BASE_URL + process.env.REACT_APP_OAUTH_REFRESH');
ruleTester.run('serialize-token-refresh (real code: a URL joined from settings)', rule, {
  valid: [
    // The joined URL ends with something else: a retry of a login, not a refresh.
    joinedRefreshUrl('process.env.REACT_APP_BASE_URL + process.env.REACT_APP_LOGIN_PATH').replace(
      "{ refreshToken: Cookies.get('refresh_token') }",
      '{ user }',
    ),
  ],
  invalid: [
    {
      code: envJoined,
      errors: [
        {
          messageId: 'unserializedRefresh',
          ...at(
            envJoined,
            "axios.post(process.env.REACT_APP_BASE_URL + process.env.REACT_APP_OAUTH_REFRESH, { refreshToken: Cookies.get('refresh_token') })",
          ),
        },
      ],
    },
  ],
});
