import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { envRead, isTestFile, moduleEnvironment, projectPath, publicEnvPrefix, runsInBrowserAt } from '../../src/analysis/environment';
import { collect } from '../helpers/analyze';

function probe<T>(code: string, pick: Parameters<typeof collect<T>>[2]): T[] {
  return collect(code, 'CallExpression[callee.name="probe"]', (sourceCode, node) =>
    pick(sourceCode, (node as TSESTree.CallExpression).arguments[0]),
  );
}

describe('environment: env reads and where a module runs', () => {
  it('reads process.env and import.meta.env, through consts and destructuring', () => {
    const code = `
      const S = process.env.NEXT_PUBLIC_X; const { VITE_Y } = import.meta.env;
      probe(process.env.CLIENT_SECRET); probe(process.env['REACT_APP_Z']); probe(import.meta.env.VITE_A);
      probe(S); probe(VITE_Y); probe(config.env.X); probe(globalThis.process.env.EXPO_PUBLIC_Q);
      function f(process) { probe(process.env.X); }`;
    expect(
      probe(code, (sc, n) => {
        const r = envRead(sc, n);
        return r ? `${r.source}:${r.name}:${r.publicPrefix ?? '-'}` : null;
      }),
    ).toEqual([
      'process.env:CLIENT_SECRET:-',
      'process.env:REACT_APP_Z:REACT_APP_',
      'import.meta.env:VITE_A:VITE_',
      'process.env:NEXT_PUBLIC_X:NEXT_PUBLIC_',
      'import.meta.env:VITE_Y:VITE_',
      null,
      'process.env:EXPO_PUBLIC_Q:EXPO_PUBLIC_',
      null,
    ]);
  });

  it('reads process.env under a TypeScript ambient `declare const process`', () => {
    const code = `declare const process: { env: Record<string, string> }; probe(process.env.VITE_CLIENT_SECRET);`;
    expect(probe(code, (sc, n) => envRead(sc, n)?.name ?? null)).toEqual(['VITE_CLIENT_SECRET']);
  });

  it('knows the public prefixes', () => {
    expect(
      ['NEXT_PUBLIC_A', 'VITE_B', 'REACT_APP_C', 'PUBLIC_D', 'NUXT_PUBLIC_E', 'EXPO_PUBLIC_F', 'GATSBY_G', 'SECRET'].map(publicEnvPrefix),
    ).toEqual(['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'PUBLIC_', 'NUXT_PUBLIC_', 'EXPO_PUBLIC_', 'GATSBY_', undefined]);
  });

  it('recognises test files', () => {
    expect(
      ['a.test.ts', 'src/a.spec.js', 'src/__tests__/a.ts', 'e2e/flow.e2e-spec.ts', 'src/test-utils.ts', 'src/contest.ts'].map(isTestFile),
    ).toEqual([true, true, true, true, false, false]);
  });

  it('makes paths project-relative', () => {
    expect(projectPath('/home/me/server/app/src/a.ts', '/home/me/server/app')).toBe('src/a.ts');
    expect(projectPath('C:\\p\\src\\a.ts', 'C:\\p')).toBe('src/a.ts');
  });

  it('tells browser modules from server and unknown ones', () => {
    const env = (code: string, file: string, typescript = true): string[] =>
      collect(code, 'Program', (sc) => moduleEnvironment(sc, file), { typescript });
    expect(env(`'use client'; import x from 'y';`, 'app/login/page.tsx')).toEqual(['browser']);
    // Server actions / SolidStart server functions run on the server whatever they import.
    expect(env(`'use server'; import { getRequestEvent } from 'solid-js/web'; window;`, 'apps/web/src/auth/actions.ts')).toEqual([
      'server',
    ]);
    expect(env(`import { getRequestEvent } from 'solid-js/web'; export const s = 'use server';`, 'apps/web/src/auth/x.ts')).not.toEqual([
      'server',
    ]);
    expect(env(`import { PublicClientApplication } from '@azure/msal-browser';`, 'src/auth.ts')).toEqual(['browser']);
    expect(env(`localStorage.setItem('a', 'b');`, 'src/auth.js', false)).toEqual(['browser']);
    expect(env(`if (typeof window === 'undefined') { run(); }`, 'src/iso.ts')).toEqual(['unknown']);
    expect(env(`import express from 'express'; window.x = 1;`, 'src/app.ts')).toEqual(['server']);
    expect(env(`document.title = 'x';`, 'src/server/render.ts')).toEqual(['server']);
    expect(env(`import React from 'react';`, 'app/page.tsx')).toEqual(['unknown']);
    expect(env(`import React from 'react';`, 'src/components/Login.tsx')).toEqual(['browser']);
    expect(env(`const x = 1;`, 'src/lib/x.ts')).toEqual(['unknown']);
    // An ambient declaration describes the browser global; a real local does shadow it.
    expect(env(`declare const localStorage: Storage; localStorage.setItem('a', 'b');`, 'src/auth.ts')).toEqual(['browser']);
    expect(env(`const localStorage = new Map(); localStorage.set('a', 'b');`, 'src/auth.ts')).toEqual(['unknown']);
    // Endpoints of the file-routing frameworks run on the server, even under a front end's src/.
    expect(env(`import type { APIContext } from 'astro'; export async function get(c: APIContext) {}`, 'frontend/src/pages/cb.ts')).toEqual(
      ['server'],
    );
    expect(env(`export async function GET(request) { return fetch(x); }`, 'frontend/src/routes/cb.js', false)).toEqual(['server']);
    expect(env(`export const loader = async () => null; window.x = 1;`, 'app/routes/login.tsx')).toEqual(['server']);
    expect(env(`const get = () => 1; export { get as GET };`, 'frontend/src/x.ts')).toEqual(['server']);
    // Look-alikes: a lower-case `get` without Astro, a browser module that happens to export `getToken`.
    expect(env(`export function get() {} window.x = 1;`, 'src/api.ts')).toEqual(['browser']);
    expect(env(`export function getToken() {}`, 'frontend/src/auth.ts')).toEqual(['browser']);
  });

  it('tells the browser side of a typeof window guard in an isomorphic module', () => {
    const sides = (code: string, file = 'lib/oauth.ts'): boolean[] => probe(code, (sc, n) => runsInBrowserAt(sc, n, file));
    expect(
      sides(`if (typeof window !== 'undefined') probe(a); else probe(b);
if ('undefined' === typeof document) { probe(c); } else { probe(d); }
const x = typeof window !== 'undefined' && probe(e);
const y = !(typeof window === 'undefined') ? probe(f) : probe(g);
probe(h);`),
    ).toEqual([true, false, false, true, true, true, false, false]);
    // An early exit on the server side; a guard in another function does not count.
    expect(
      sides(`export function a() { if (typeof window === 'undefined') return; probe(1); }
export function b() { if (typeof window === 'undefined') { log(); } probe(2); }
export function c() { if (typeof window !== 'undefined') { const f = () => probe(3); } }`),
    ).toEqual([true, false, false]);
    // A local helper called only from the browser side; exported, passed on or called from both sides it is not.
    expect(
      sides(`function only() { probe(1); }
function both() { probe(2); }
export function exported() { probe(3); }
const passed = () => probe(4);
export function main() {
  if (typeof window !== 'undefined') { only(); both(); exported(); passed(); setTimeout(passed); }
  both();
}`),
    ).toEqual([true, false, false, false]);
    // Browser and server modules answer for every node.
    expect(sides(`window.x = 1; probe(1);`, 'src/app.js')).toEqual([true]);
    expect(sides(`if (typeof window !== 'undefined') probe(1);`, 'src/server/app.js')).toEqual([false]);
  });
});
