/**
 * The reference SPA as a real page, bundled by spa-browser.test.ts with esbuild and run in
 * Chromium. It is what a developer copying `createSpaAuthClient` would write: the login
 * transaction in `sessionStorage`, tokens nowhere but the client's closure.
 *
 * The page reads its settings from a JSON block the test server writes into the HTML, and
 * reports what happened in the DOM (`#status[data-state]`, `#user`, `#error`), which is all
 * the test reads. `window.spaPage.callApi()` is the app's API call, exposed so the test can
 * fire two at once; it returns the API's answer, never a token.
 */
import { createOidcClient } from '../../src/reference/oidc-client.js';
import { APP_SCOPES } from '../../src/reference/scopes.js';
import { createSpaAuthClient } from '../../src/reference/spa.js';

import type { LoginTransactionStore } from '../../src/reference/spa.js';

export interface SpaPageConfig {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

export interface SpaPageHooks {
  /** GET the IdP's userinfo endpoint (the "API") with a valid access token. */
  callApi(): Promise<{ status: number; body: Record<string, unknown> }>;
}

const sessionStorageStore: LoginTransactionStore = {
  save: (key, value) => sessionStorage.setItem(key, value),
  load: (key) => sessionStorage.getItem(key),
  remove: (key) => sessionStorage.removeItem(key),
};

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found;
}

function show(state: 'signed-out' | 'signed-in' | 'error', text = ''): void {
  element('status').dataset['state'] = state;
  element(state === 'error' ? 'error' : 'user').textContent = text;
}

async function main(): Promise<void> {
  const config = JSON.parse(element('config').textContent ?? '') as SpaPageConfig;
  const oidc = await createOidcClient({
    issuer: config.issuer,
    clientId: config.clientId,
    // The test IdP is plain HTTP on loopback; the reference honours this only for loopback.
    http: { allowInsecureRequests: true },
  });
  const auth = createSpaAuthClient(oidc, {
    redirectUri: config.redirectUri,
    scopes: APP_SCOPES.spaLogin,
    transactionStore: sessionStorageStore,
  });

  const hooks: SpaPageHooks = {
    async callApi() {
      const endpoint = oidc.as.userinfo_endpoint;
      if (endpoint === undefined) throw new Error('the IdP has no userinfo endpoint');
      const response = await fetch(endpoint, { headers: { authorization: `Bearer ${await auth.getAccessToken()}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
  Object.assign(window, { spaPage: hooks });

  element('login').addEventListener('click', () => {
    auth.login().then(
      (url) => location.assign(url),
      (error: unknown) => show('error', describe(error)),
    );
  });

  const here = new URL(location.href);
  if (here.pathname !== new URL(config.redirectUri).pathname) {
    show('signed-out');
    return;
  }
  // The code and state leave the address bar and the history entry at once, so neither a
  // reload nor the back button presents them again.
  history.replaceState(null, '', '/');
  try {
    const claims = await auth.handleRedirectCallback(here);
    show('signed-in', claims.sub);
  } catch (error) {
    show('error', describe(error));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

main().catch((error: unknown) => show('error', describe(error)));
