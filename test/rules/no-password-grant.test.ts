import rule from '../../rules/no-password-grant';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('no-password-grant', rule, {
  valid: [
    {
      code: `await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }) });`,
    },
    {
      code: `await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'payouts:create' }) });`,
    },
    {
      code: `export function token(req, res) {
  if (req.body.grant_type === 'password') return res.status(400).json({ error: 'unsupported_grant_type' });
  switch (req.body.grant_type) { case 'password': return deny(res); }
}`,
    },
    {
      code: `import { ClientCredentials } from 'simple-oauth2';
const client = new ClientCredentials(config);
export const token = () => client.getToken({ scope: 'payouts' });`,
    },
    {
      code: `export async function signIn(email: string, password: string) {
  return fetch('/api/login', { method: 'POST', body: JSON.stringify({ email, password }) });
}`,
    },
    {
      code: `const form = new FormData();
form.append('password', password);
form.append('type', 'password');`,
    },
    {
      code: `const input = { type: 'password', name: 'password', autocomplete: 'current-password' };`,
    },
    {
      code: `import { test, expect } from 'vitest';
test('no ROPC', () => {
  expect(body.get('grant_type')).not.toBe('password');
  expect(sent).not.toContain('grant_type=password');
});`,
      filename: 'src/token.test.ts',
    },
    {
      code: `export const metadata = { grant_types_supported: ['authorization_code', 'refresh_token', 'password'] };`,
    },
    {
      code: `const body = new URLSearchParams({ grant_type: grantType, username, password });`,
    },
    {
      code: `import { PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'abc' } });
export const t = () => pca.acquireTokenByDeviceCode({ scopes: ['User.Read'], deviceCodeCallback: (r) => console.log(r.message) });`,
    },
    {
      code: `import * as client from 'openid-client';
export const exchange = (config: client.Configuration) => client.genericGrantRequest(config, 'urn:ietf:params:oauth:grant-type:token-exchange', { subject_token });`,
    },
  ],
  invalid: [
    {
      code: `export async function login(username: string, password: string) {
  const res = await fetch(\`\${ISSUER}/oauth/token\`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username, password, client_id: CLIENT_ID }),
  });
  return res.json();
}`,
      errors: [{ messageId: 'passwordGrantType', line: 4, column: 33, endLine: 4, endColumn: 55 }],
    },
    {
      code: `import axios from 'axios';
import qs from 'qs';
export const login = (username: string, password: string) =>
  axios.post(TOKEN_URL, qs.stringify({ grant_type: 'password', username, password, scope: 'api' }));`,
      errors: [{ messageId: 'passwordGrantType', line: 4, column: 40, endLine: 4, endColumn: 62 }],
    },
    {
      code: `const body = \`grant_type=password&username=\${encodeURIComponent(user)}&password=\${encodeURIComponent(pass)}\`;
await fetch(TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });`,
      errors: [{ messageId: 'passwordGrantType', line: 1, column: 14, endLine: 1, endColumn: 109 }],
    },
    {
      code: `const form = new URLSearchParams();
form.set('grant_type', 'password');
form.set('username', username);
form.set('password', password);`,
      errors: [{ messageId: 'passwordGrantType', line: 2, column: 1, endLine: 2, endColumn: 35 }],
    },
    {
      code: `const GRANT = 'password';

export function tokenRequest(username: string, password: string) {
  return { grant_type: GRANT, username, password };
}`,
      errors: [{ messageId: 'passwordGrantType', line: 1, column: 15, endLine: 1, endColumn: 25 }],
    },
    {
      code: `const { ResourceOwnerPassword } = require('simple-oauth2');
const client = new ResourceOwnerPassword({ client: { id: 'cli', secret: S }, auth: { tokenHost: 'https://idp' } });`,
      errors: [{ messageId: 'passwordGrantCall', line: 2, column: 16, endLine: 2, endColumn: 115 }],
    },
    {
      code: `import { PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'abc' } });
export const login = (username: string, password: string) =>
  pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username, password });`,
      errors: [{ messageId: 'passwordGrantCall', line: 4, column: 3, endLine: 4, endColumn: 84 }],
    },
    {
      code: `import { UserManager } from 'oidc-client-ts';
const mgr = new UserManager(settings);
export const login = (username: string, password: string) => mgr.signinResourceOwnerCredentials({ username, password });`,
      errors: [{ messageId: 'passwordGrantCall', line: 3, column: 62, endLine: 3, endColumn: 120 }],
    },
    {
      code: `import { OAuthService } from 'angular-oauth2-oidc';
export class LoginComponent {
  constructor(private oauth: OAuthService) {}
  login(u: string, p: string) {
    return this.oauth.fetchTokenUsingPasswordFlowAndLoadUserProfile(u, p);
  }
}`,
      errors: [{ messageId: 'passwordGrantCall', line: 5, column: 12, endLine: 5, endColumn: 74 }],
    },
    {
      code: `import * as client from 'openid-client';
export const login = (config: client.Configuration, username: string, password: string) =>
  client.genericGrantRequest(config, 'password', { username, password, scope: 'openid' });`,
      errors: [{ messageId: 'passwordGrantType', line: 3, column: 38, endLine: 3, endColumn: 48 }],
    },
    {
      code: `import auth0 from 'auth0-js';
const webAuth = new auth0.WebAuth({ domain: D, clientID: C });
webAuth.client.login({ realm: 'Username-Password-Authentication', username, password }, cb);`,
      errors: [{ messageId: 'passwordGrantCall', line: 3, column: 1, endLine: 3, endColumn: 92 }],
    },
    {
      code: `const params = { grant_type: 'http://auth0.com/oauth/grant-type/password-realm', realm: 'db', username, password };`,
      errors: [{ messageId: 'passwordGrantType', line: 1, column: 18, endLine: 1, endColumn: 80 }],
    },
    {
      code: `export const clients = [{ clientId: 'mobile', grants: ['password', 'refresh_token'] }];`,
      errors: [{ messageId: 'passwordGrantEnabled', line: 1, column: 56, endLine: 1, endColumn: 66 }],
    },
  ],
});

espreeTester.run('no-password-grant (espree)', rule, {
  valid: [
    {
      code: `const settings = { passwordGrant: false, grants: ['authorization_code', 'refresh_token'] };
const grants = { password: 'hunter2' };`,
    },
    {
      code: `export function resetLink(token) {
  return \`\${APP}/reset?grant=password&token=\${token}\`;
}`,
    },
  ],
  invalid: [
    {
      code: `const axios = require('axios');
async function token(user, pass) {
  const { data } = await axios({ method: 'post', url: TOKEN_URL, data: { grant_type: 'password', username: user, password: pass } });
  return data.access_token;
}`,
      errors: [{ messageId: 'passwordGrantType', line: 3, column: 74, endLine: 3, endColumn: 96 }],
    },
    {
      code: `import KcAdminClient from '@keycloak/keycloak-admin-client';
const kc = new KcAdminClient({ baseUrl: KC });
await kc.auth({ grantType: 'password', clientId: 'admin-cli', username: 'admin', password: process.env.KC_PASS });`,
      errors: [{ messageId: 'passwordGrantType', line: 3, column: 17, endLine: 3, endColumn: 38 }],
    },
  ],
});
