import { createAuthorizationRequest, handleAuthorizationCallback } from './authorization-code.js';
import { createRefreshingTokenSource } from './refresh.js';

import type { IdTokenClaims } from './id-token.js';
import type { OidcClient } from './oidc-client.js';
import type { LoginTransaction } from './pkce.js';
import type { RefreshingTokenSource } from './refresh.js';

/**
 * Where the SPA parks its login transaction (state, nonce, PKCE verifier) across the
 * redirect to the IdP, when the page itself is unloaded. In a browser, back it with
 * `sessionStorage` (per tab, cleared with the tab): the transaction is single-use and
 * useless without the code. Tokens never go here.
 */
export interface LoginTransactionStore {
  save(key: string, transaction: string): void;
  load(key: string): string | null;
  remove(key: string): void;
}

export interface SpaAuthClientOptions {
  /** The SPA's registered redirect URI, exactly as registered. */
  redirectUri: string;
  /** From APP_SCOPES.spaLogin. */
  scopes: readonly string[];
  transactionStore: LoginTransactionStore;
}

export interface SpaAuthClient {
  /** Starts a login: returns the URL to navigate to (`location.assign(url)`). */
  login(): Promise<URL>;
  /** Completes the login on the redirect page; call with `new URL(location.href)`. */
  handleRedirectCallback(callbackUrl: URL): Promise<IdTokenClaims>;
  /** A valid access token for API calls; refreshes (serialised) when needed. */
  getAccessToken(): Promise<string>;
  /** Forces a refresh, e.g. from a 401 handler; concurrent callers share one request. */
  refreshAfterUnauthorized(): Promise<string>;
  isAuthenticated(): boolean;
  /** Forgets all tokens (they only ever lived in this closure). */
  logout(): void;
}

const TRANSACTION_KEY = 'oauth.login-transaction';

/**
 * Authorization Code + PKCE for a browser SPA (a public client: no secret). Access and
 * refresh tokens live only in this closure, so an XSS payload cannot lift them from
 * web storage, and a reload simply means a new (usually silent) login.
 */
export function createSpaAuthClient(oidc: OidcClient, options: SpaAuthClientOptions): SpaAuthClient {
  // Memory only: never localStorage, sessionStorage, IndexedDB or a JS-readable cookie.
  let tokenSource: RefreshingTokenSource | undefined;

  function requireSession(): RefreshingTokenSource {
    if (tokenSource === undefined) throw new Error('not signed in');
    return tokenSource;
  }

  return {
    async login() {
      const { url, transaction } = await createAuthorizationRequest(oidc, {
        redirectUri: options.redirectUri,
        scopes: options.scopes,
      });
      options.transactionStore.save(TRANSACTION_KEY, JSON.stringify(transaction));
      return url;
    },

    async handleRedirectCallback(callbackUrl) {
      const saved = options.transactionStore.load(TRANSACTION_KEY);
      // Single use: a replayed or second callback finds nothing to compare against.
      options.transactionStore.remove(TRANSACTION_KEY);
      if (saved === null) throw new Error('no login in progress in this tab');
      const transaction = JSON.parse(saved) as LoginTransaction;
      const result = await handleAuthorizationCallback(oidc, callbackUrl, transaction, {
        redirectUri: options.redirectUri,
      });
      tokenSource = createRefreshingTokenSource(oidc, result.tokens);
      return result.claims;
    },

    async getAccessToken() {
      return requireSession().getAccessToken();
    },

    async refreshAfterUnauthorized() {
      const tokens = await requireSession().refresh();
      return tokens.accessToken;
    },

    isAuthenticated: () => tokenSource !== undefined,

    logout() {
      tokenSource = undefined;
    },
  };
}
