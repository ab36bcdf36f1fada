import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  APP_SCOPES,
  createAuthorizationRequest,
  createLoginTransaction,
  createLogoutUrl,
  createRefreshingTokenSource,
  handleAuthorizationCallback,
  revokeRefreshToken,
} from '../../src/reference/index.js';
import { TestBrowser, formField } from './browser.js';
import { clientFor } from './helpers.js';
import { WEB_APP, startTestIdp } from './idp.js';

import type { OidcClient } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

let idp: TestIdp;
let webApp: OidcClient;

beforeAll(async () => {
  idp = await startTestIdp();
  webApp = await clientFor(idp, WEB_APP.clientId, WEB_APP.clientSecret);
});
afterAll(() => idp.close());

describe('sign-out', () => {
  it('revokes the refresh token at the IdP and ends the IdP session via RP-initiated logout', async () => {
    const browser = new TestBrowser();
    const { url, transaction } = await createAuthorizationRequest(webApp, {
      redirectUri: WEB_APP.redirectUri,
      scopes: APP_SCOPES.webLogin,
    });
    const callbackUrl = await browser.followRedirects(url, WEB_APP.redirectUri);
    const { tokens, idToken } = await handleAuthorizationCallback(webApp, callbackUrl, transaction, {
      redirectUri: WEB_APP.redirectUri,
    });

    await revokeRefreshToken(webApp, tokens.refreshToken!);
    await expect(createRefreshingTokenSource(webApp, tokens).refresh()).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    const logoutState = createLoginTransaction().state;
    const logoutUrl = createLogoutUrl(webApp, {
      idTokenHint: idToken,
      postLogoutRedirectUri: WEB_APP.postLogoutRedirectUri,
      state: logoutState,
    });
    const confirm = await browser.followToPage(logoutUrl);
    const action = /action="([^"]+)"/.exec(confirm.html)?.[1];
    expect(action).toBeDefined();
    const back = await browser.followRedirects(
      new URL(action!, confirm.url),
      WEB_APP.postLogoutRedirectUri,
      await browser.request(new URL(action!, confirm.url), {
        method: 'POST',
        form: { xsrf: formField(confirm.html, 'xsrf'), logout: 'yes' },
      }),
    );
    expect(back.searchParams.get('state')).toBe(logoutState);
  });
});
