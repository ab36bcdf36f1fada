import { describe, expect, it } from 'vitest';
import { mayStoreTokens, tokenStorageFindingAt, type TokenStorageFinding } from '../../src/analysis/token-storage';
import { analyze, collect } from '../helpers/analyze';

const VISITED = ':matches(CallExpression, AssignmentExpression, Property, JSXAttribute, NewExpression)';

/** Each finding as `kind@text` (plus `:token:area` for a stored token). */
function findings(code: string, allowedInSession: string[] = [], typescript = true): string[] {
  return collect(
    code,
    VISITED,
    (sourceCode, node) => {
      const finding: TokenStorageFinding | undefined = tokenStorageFindingAt(sourceCode, node, new Set(allowedInSession));
      if (!finding) return undefined;
      const text = sourceCode.getText(finding.node);
      return finding.kind === 'token-in-storage' ? `token@${text}:${finding.token}:${finding.area}` : `sdk@${text}`;
    },
    { typescript },
  );
}

function gate(code: string): boolean {
  let answer = false;
  analyze(code, 'Program', (sourceCode) => {
    answer = mayStoreTokens(sourceCode);
  });
  return answer;
}

describe('token-storage: the gate', () => {
  it('opens on storage names, storage libraries, auth SDKs and tokens handed to project modules', () => {
    expect(gate('localStorage.setItem("jwt", b);')).toBe(true);
    expect(gate('localStorage.setItem("a", auth.current);')).toBe(true);
    // The value may be a token of another project module.
    expect(gate('import { b } from "./b"; localStorage.setItem("a", b);')).toBe(true);
    expect(gate('export const msal = { cache: { cacheLocation: "localStorage" } };')).toBe(true);
    expect(gate('import localforage from "localforage";')).toBe(true);
    expect(gate('import { Auth0Client } from "@auth0/auth0-spa-js";')).toBe(true);
    expect(gate('import { save } from "./save"; save(accessToken);')).toBe(true);
  });

  it('stays shut on files with none of them', () => {
    expect(gate('const x = 1; fetch("/api");')).toBe(false);
    // Storage that names no token and no project module it could come from; an `OffsetStorage` class.
    expect(gate('localStorage.setItem("theme", b);')).toBe(false);
    expect(gate('class OffsetStorage { setDesiredOffset() {} }')).toBe(false);
    expect(gate('import { save } from "./save"; save(user);')).toBe(false);
  });
});

describe('token-storage: tokens written to storage', () => {
  it('reports tokens written by setItem, by assignment and through a helper', () => {
    const code = `
      localStorage.setItem('refresh_token', tokens.refresh_token);
      sessionStorage.accessToken = tokens.access_token;
      function save(key, value) { localStorage.setItem(key, value); }
      save('id_token', tokens.id_token);
      localStorage.setItem('theme', 'dark');`;
    expect(findings(code)).toEqual([
      "token@localStorage.setItem('refresh_token', tokens.refresh_token):refresh:local",
      'token@sessionStorage.accessToken = tokens.access_token:access:session',
      "token@save('id_token', tokens.id_token):id:local",
    ]);
  });

  it('lets the allowed kinds stay in sessionStorage, never refresh tokens', () => {
    const code = `
      sessionStorage.setItem('access_token', tokens.access_token);
      sessionStorage.setItem('refresh_token', tokens.refresh_token);
      localStorage.setItem('access_token', tokens.access_token);`;
    expect(findings(code, ['access'])).toEqual([
      "token@sessionStorage.setItem('refresh_token', tokens.refresh_token):refresh:session",
      "token@localStorage.setItem('access_token', tokens.access_token):access:local",
    ]);
  });

  it('reports a storage hook keyed by a token name', () => {
    const code = `
      import { useLocalStorage } from 'usehooks-ts';
      const [token, setToken] = useLocalStorage('access_token', '');
      const [theme] = useLocalStorage('theme', 'dark');`;
    expect(findings(code)).toEqual(["token@useLocalStorage('access_token', ''):access:local"]);
  });
});

describe('token-storage: SDK token caches in localStorage', () => {
  it('reports cacheLocation set to localStorage, not its defaults or sessionStorage', () => {
    const code = `
      import { createAuth0Client } from '@auth0/auth0-spa-js';
      createAuth0Client({ domain, clientId, cacheLocation: 'localstorage' });
      createAuth0Client({ domain, clientId, cacheLocation: 'memory' });
      createAuth0Client({ domain, clientId });`;
    expect(findings(code)).toEqual(["sdk@'localstorage'"]);
  });

  it('follows msal enum members through a const and a conditional', () => {
    const code = `
      import { PublicClientApplication, BrowserCacheLocation } from '@azure/msal-browser';
      const PERSIST = BrowserCacheLocation.LocalStorage;
      new PublicClientApplication({ cache: { cacheLocation: remember ? PERSIST : BrowserCacheLocation.SessionStorage } });`;
    expect(findings(code)).toEqual(['sdk@BrowserCacheLocation.LocalStorage']);
  });

  it('reports an oidc-client-ts userStore on localStorage, not a stateStore', () => {
    const code = `
      import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
      new UserManager({
        userStore: new WebStorageStateStore({ store: window.localStorage }),
        stateStore: new WebStorageStateStore({ store: localStorage }),
      });`;
    expect(findings(code)).toEqual(['sdk@window.localStorage']);
  });

  it('reports an Okta tokenManager and an angular-oauth2-oidc storage on localStorage', () => {
    const okta = `
      import { OktaAuth } from '@okta/okta-auth-js';
      new OktaAuth({ issuer, tokenManager: { storage: 'localStorage' } });
      new OktaAuth({ issuer, tokenManager: { storage: 'sessionStorage' } });`;
    expect(findings(okta)).toEqual(["sdk@'localStorage'"]);
    const angular = `
      import { OAuthStorage, OAuthService } from 'angular-oauth2-oidc';
      const providers = [{ provide: OAuthStorage, useFactory: () => localStorage }];
      class C { constructor(private oauthService: OAuthService) { this.oauthService.setStorage(localStorage); } }`;
    expect(findings(angular)).toEqual(['sdk@localStorage', 'sdk@localStorage']);
  });
});
