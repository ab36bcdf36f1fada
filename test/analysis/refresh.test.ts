import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { refreshCallKind, retryHandlers, unguardedRefreshes } from '../../src/analysis/refresh';
import { collect } from '../helpers/analyze';

describe('refresh: retry paths, refresh calls, guards', () => {
  it('finds interceptors, client hooks and 401 checks', () => {
    const code = `
      api.interceptors.response.use((r) => r, onError);
      function onError(err) { return Promise.reject(err); }
      const k = ky.create({ hooks: { afterResponse: [async (req, opts, res) => res] } });
      async function wrapper(url) { const res = await fetch(url); if (res.status === 401) { return null; } return res; }
      async function other(url) { switch (res.status) { case 401: return 1; } }
      const f = (e) => [401, 403].includes(e.status);
      const g = (e) => e.status === HttpStatus.UNAUTHORIZED;`;
    const kinds = collect(code, 'Program', (sc) =>
      retryHandlers(sc)
        .map((h) => h.kind)
        .join(','),
    );
    expect(kinds).toEqual(['interceptor,interceptor,hook,status-check,status-check,status-check,status-check']);
  });

  it('finds Angular interceptors: HttpInterceptorFn functions and HttpInterceptor.intercept', () => {
    const code = `
      export const authFn: HttpInterceptorFn = (req, next) => next(req);
      export const plain = (req, next) => next(req);
      class Auth implements HttpInterceptor { intercept(req, next) { return next.handle(req); } other() {} }
      class NotOne { intercept(req, next) { return next.handle(req); } }`;
    const found = collect(
      code,
      'Program',
      (sc) =>
        retryHandlers(sc)
          .map((h) => `${h.kind}:${h.fn.loc.start.line}`)
          .join(','),
      { typescript: true },
    );
    expect(found).toEqual(['interceptor:2,interceptor:4']);
    const unguarded = (text: string): number[] =>
      collect(text, 'Program', (sc) => unguardedRefreshes(sc).map((r) => r.call.loc.start.line), { typescript: true }).flat();
    // No 401 check: the interceptor is the retry path; a flag on the class guards it, also when read outside catchError.
    expect(
      unguarded(
        `class A implements HttpInterceptor {\n  intercept(req, next) { return next.handle(req).pipe(catchError(() => this.http.post('/api/token/refresh', {}))); }\n}`,
      ),
    ).toEqual([2]);
    expect(
      unguarded(
        `class A implements HttpInterceptor {\n  private refreshing$ = new BehaviorSubject(false);\n  intercept(req, next) { if (this.refreshing$.value) return wait(); return next.handle(req).pipe(catchError((e) => { if (e.status !== 401) throw e; return this.http.post('/api/token/refresh', {}); })); }\n}`,
      ),
    ).toEqual([]);
  });

  it('classifies refresh calls and leaves SDK calls alone', () => {
    const code = `
      import axios from 'axios';
      import * as oidc from 'openid-client';
      async function helper() { return fetch('/api/auth/refresh', { method: 'POST' }); }
      probe(fetch(TOKEN, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt }) }));
      probe(axios.post('/auth/refresh-token'));
      probe(api.post(\`\${BASE}/session/refresh\`));
      probe(oidc.refreshTokenGrant(config, rt));
      probe(helper());
      probe(auth0.getTokenSilently());
      probe(userManager.signinSilent());
      probe(fetch('/api/refreshments'));
      probe(axios.get('/api/orders'));`;
    const kinds = collect(
      code,
      'CallExpression[callee.name="probe"]',
      (sc, n) => refreshCallKind(sc, (n as TSESTree.CallExpression).arguments[0] as TSESTree.CallExpression) ?? '-',
    );
    expect(kinds).toEqual(['token-endpoint', 'app-endpoint', 'app-endpoint', 'token-endpoint', 'helper', '-', '-', '-', '-']);
  });

  it('sees shared in-flight promises, flags, queues and locks', () => {
    const unguarded = (code: string): number[] =>
      collect(code, 'Program', (sc) => unguardedRefreshes(sc).map((r) => r.call.loc.start.line)).flat();
    expect(
      unguarded(
        `api.interceptors.response.use(undefined, async (e) => {\n  if (e.response.status === 401) await api.post('/auth/refresh');\n});`,
      ),
    ).toEqual([2]);
    expect(
      unguarded(
        `let refreshing = null;\napi.interceptors.response.use(undefined, async (e) => {\n  refreshing ??= api.post('/auth/refresh');\n  await refreshing;\n});`,
      ),
    ).toEqual([]);
    expect(
      unguarded(
        `class A { intercept() { return this.isRefreshing ? wait() : api.post('/auth/refresh'); } }\napi.interceptors.request.use(function (c) { if (this.isRefreshing) return c; return api.post('/auth/refresh'); });`,
      ),
    ).toEqual([]);
    expect(
      unguarded(`api.interceptors.response.use(undefined, (e) => navigator.locks.request('refresh', () => api.post('/auth/refresh')));`),
    ).toEqual([]);
    // A per-request retry flag is not a guard.
    expect(
      unguarded(
        `api.interceptors.response.use(undefined, async (e) => {\n  if (!e.config._retry) { e.config._retry = true; await api.post('/auth/refresh'); }\n});`,
      ),
    ).toEqual([2]);
    // rxjs: an observable shared with shareReplay is the in-flight refresh.
    expect(
      unguarded(
        `let shared$ = null;\nfunction onUnauthorized() { if (status !== 401) return;\n  shared$ = shared$ ?? http.post('/auth/refresh', {}).pipe(shareReplay(1));\n  return shared$; }`,
      ),
    ).toEqual([]);
    expect(
      unguarded(
        `let last = null;\nfunction onUnauthorized() { if (status !== 401) return;\n  last = http.post('/auth/refresh', {}).pipe(map((r) => r.token));\n  return last; }`,
      ),
    ).toEqual([]);
    // A refresh before the 401 check is not on the retry path.
    expect(unguarded(`async function refresh() { const r = await fetch('/auth/refresh'); if (r.status === 401) logout(); }`)).toEqual([]);
  });
});
