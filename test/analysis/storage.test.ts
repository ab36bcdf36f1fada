import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  persistedStateOf,
  storageAreaOf,
  storageHookOf,
  storageKeyKind,
  storageWriteOf,
  storedCredential,
  wrapperWritesOf,
} from '../../src/analysis/storage';
import { credentialKindFromName, nameWords } from '../../src/analysis/tokens';
import { collect } from '../helpers/analyze';

function writes(code: string): string[] {
  return collect(code, ':matches(CallExpression, AssignmentExpression)', (sc, node) => {
    const write = storageWriteOf(sc, node);
    if (!write) return undefined;
    return `${write.area}:${write.keyText ?? '?'}${write.storeName ? `@${write.storeName}` : ''}:${storedCredential(sc, write) ?? '-'}`;
  });
}

describe('storage: writes to browser storage', () => {
  it('finds localStorage and sessionStorage however they are reached', () => {
    const code = `
      localStorage.setItem('a', x);
      window.sessionStorage.setItem('b', x);
      globalThis.localStorage['c'] = x;
      self.sessionStorage.d = x;
      const s = window.localStorage; s.setItem('e', x);
      const t = remember ? localStorage : sessionStorage; t.setItem('f', x);
      localStorage.length = 3;
      const m = new Map(); m.set('g', x);`;
    expect(writes(code)).toEqual(['local:a:-', 'session:b:-', 'local:c:-', 'session:d:-', 'local:e:-', 'local:f:-']);
  });

  it('finds IndexedDB and library writes', () => {
    const code = `
      import localforage from 'localforage';
      import { set } from 'idb-keyval';
      import { openDB } from 'idb';
      localforage.setItem('tokens', t);
      set('k', v);
      const db = await openDB('app', 1);
      await db.put('auth', value, 'current');
      const store = idb.transaction('auth', 'readwrite').objectStore('auth');
      store.put({ id: 1 });`;
    expect(writes(code)).toEqual(['library:tokens:unknown-jwt', 'indexeddb:k:-', 'indexeddb:current@auth:-', 'indexeddb:?@auth:-']);
  });

  it('classifies what is stored: key first, then the value', () => {
    const code = `
      localStorage.setItem('refresh_token', x);
      localStorage.setItem('x', tokens.id_token);
      localStorage.setItem('x', JSON.stringify({ accessToken: a }));
      localStorage.setItem('pkce_verifier', token);
      localStorage.setItem('access_token', '');
      localStorage.setItem('user', JSON.stringify(profile));
      localStorage.setItem('csrf_token', csrf);`;
    expect(writes(code)).toEqual([
      'local:refresh_token:refresh',
      'local:x:id',
      'local:x:access',
      'local:pkce_verifier:-',
      'local:access_token:-',
      'local:user:-',
      'local:csrf_token:-',
    ]);
  });

  it('resolves same-file wrappers to their callers', () => {
    const code = `
      function save(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
      const api = { put(k, v) { sessionStorage.setItem(k, v); } };
      save('access_token', t);
      api.put('theme', 'dark');`;
    const found = collect(code, 'CallExpression', (sc, node) => {
      const list = wrapperWritesOf(sc, node as TSESTree.CallExpression);
      return list.length ? list.map((w) => `${w.area}:${w.keyText}:${storedCredential(sc, w) ?? '-'}`).join(',') : undefined;
    });
    expect(found).toEqual(['local:access_token:access', 'session:theme:-']);
  });

  it('tells storage objects from look-alikes', () => {
    const code = `probe(localStorage); probe(window.sessionStorage); const localStorage2 = new Map(); probe(localStorage2); function f(localStorage) { probe(localStorage); }`;
    const areas = collect(
      code,
      'CallExpression[callee.name="probe"]',
      (sc, node) => storageAreaOf(sc, (node as TSESTree.CallExpression).arguments[0]) ?? 'none',
    );
    expect(areas).toEqual(['local', 'session', 'none', 'none']);
  });
});

describe('tokens: generic credential names', () => {
  it('splits names into words', () => {
    expect(nameWords('__Host-appSession')).toEqual(['host', 'app', 'session']);
    expect(nameWords('XSRF-TOKEN')).toEqual(['xsrf', 'token']);
    expect(nameWords('authJWT')).toEqual(['auth', 'jwt']);
    // A credential's name run together in lower case; other run-together words stay whole.
    expect(nameWords('jwttoken')).toEqual(['jwt', 'token']);
    expect(nameWords('accesstoken')).toEqual(['access', 'token']);
    expect(nameWords('csrftoken')).toEqual(['csrftoken']);
    expect(nameWords('tokens')).toEqual(['tokens']);
  });

  it('recognises bare token names and refuses non-credential tokens', () => {
    expect(['token', 'authToken', 'jwt', 'app.tokens', 'tokenSet', 'access_token'].map(credentialKindFromName)).toEqual([
      'unknown-jwt',
      'unknown-jwt',
      'unknown-jwt',
      'unknown-jwt',
      'unknown-jwt',
      'access',
    ]);
    expect(
      ['csrfToken', 'pushToken', 'nextPageToken', 'resetToken', 'tokenExpiry', 'theme', 'XSRF-TOKEN'].map(credentialKindFromName),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(['pkce_token', 'state', 'refresh_token'].map(storageKeyKind)).toEqual([undefined, undefined, 'refresh']);
  });
});

describe('storage: hooks and persisted stores', () => {
  it('reads the key of storage hooks and the storage they use', () => {
    const code = `
      import { useStorage, useLocalStorage } from '@vueuse/core';
      import { useSessionStorage } from 'usehooks-ts';
      useLocalStorage('access_token', '');
      useStorage('jwt', '', sessionStorage);
      useSessionStorage('theme', 'dark');
      useStorage('x', '', customStore);`;
    const found = collect(code, 'CallExpression', (sc, node) => {
      const hook = storageHookOf(sc, node as TSESTree.CallExpression);
      return hook ? `${hook.area}:${hook.keyText}` : undefined;
    });
    expect(found).toEqual(['local:access_token', 'session:jwt', 'session:theme']);
  });

  it('finds tokens in persisted zustand and Pinia state', () => {
    const code = `
      import { persist, createJSONStorage } from 'zustand/middleware';
      import { defineStore } from 'pinia';
      persist((set) => ({ refreshToken: null, open: false }), { name: 'a', storage: createJSONStorage(() => sessionStorage) });
      persist((set) => ({ theme: 'dark' }), { name: 'b' });
      defineStore('auth', { state: () => ({ idToken: '' }), persist: true });
      defineStore('auth2', () => { const token = ref(''); return { token }; }, { persist: { storage: localStorage } });
      defineStore('ui', { state: () => ({ accessToken: '' }), persist: false });`;
    const found = collect(code, 'CallExpression', (sc, node) => {
      const state = persistedStateOf(sc, node as TSESTree.CallExpression);
      return state ? `${state.area}:${state.kind}` : undefined;
    });
    expect(found).toEqual(['session:refresh', 'local:id', 'local:unknown-jwt']);
  });
});
