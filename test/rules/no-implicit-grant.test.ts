import rule from '../../rules/no-implicit-grant';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('no-implicit-grant', rule, {
  valid: [
    // OIDC Registration: an ID token from the authorization endpoint (code id_token) needs the 'implicit' grant type; no token is returned there.
    `export const client = {
  client_id: 'rp',
  grant_types: ['implicit', 'authorization_code', 'refresh_token'],
  response_types: ['code', 'code id_token'],
  redirect_uris: ['https://rp.example.com/cb'],
};`,
    {
      code: `location.href = \`\${AUTH}/authorize?response_type=code&client_id=\${CLIENT_ID}&code_challenge=\${challenge}&code_challenge_method=S256&state=\${state}\`;`,
    },
    {
      code: `const params = new URLSearchParams({ response_type: 'code id_token', client_id: CLIENT_ID, nonce, state });`,
    },
    {
      code: `import { UserManager } from 'oidc-client';
export const mgr = new UserManager({ authority: 'https://sso', client_id: 'x', response_type: 'id_token' });`,
    },
    {
      code: `import axios from 'axios';
const res = await axios.get(url, { responseType: 'arraybuffer' });
const r2 = await axios({ url, responseType: 'json' });`,
    },
    {
      code: `import { test, expect } from '@playwright/test';
test('no implicit', async () => {
  expect(url.searchParams.get('response_type')).toBe('code');
  expect(loginUrl).not.toContain('response_type=token');
});`,
      filename: 'e2e/login.spec.ts',
    },
    {
      code: `export function authorize(req, res) {
  if (req.query.response_type === 'token') return res.status(400).json({ error: 'unsupported_response_type' });
  switch (req.query.response_type) { case 'id_token token': return deny(res); }
}`,
    },
    {
      code: `export const metadata = { issuer: ISSUER, response_types_supported: ['code', 'id_token', 'id_token token'] };`,
    },
    {
      code: `import { AuthConfig } from 'angular-oauth2-oidc';
export const authConfig: AuthConfig = { issuer: 'https://idsvr', clientId: 'spa', responseType: 'code', scope: 'openid' };`,
    },
    {
      code: `const doc = { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: A, tokenUrl: T, scopes: {} } } } } } };`,
    },
    {
      code: `const settings = { implicit: true, flow: 'implicit' };`,
    },
    {
      code: `const params = new URLSearchParams({ response_type: responseType, client_id: CLIENT_ID });`,
    },
    {
      code: `import { AuthConfig, OAuthService } from 'angular-oauth2-oidc';
export const authConfig: AuthConfig = { issuer: 'https://idsvr', clientId: 'spa' };
export function login(s: OAuthService) { s.configure(authConfig); s.initCodeFlow(); }`,
    },
    {
      code: `const logout = \`\${ISSUER}/logout?id_token_hint=\${idToken}&post_logout_redirect_uri=\${encodeURIComponent(APP)}\`;`,
    },
    {
      code: `export const grants = { token_type: 'Bearer', grant_types: ['authorization_code', 'refresh_token'] };`,
    },
  ],
  invalid: [
    {
      // The same registration with a response type that does return a token: the implicit grant is really on.
      code: `export const client = {
  client_id: 'rp',
  grant_types: ['implicit', 'authorization_code'],
  response_types: ['code', 'code id_token token'],
};`,
      errors: [
        {
          messageId: 'implicitGrantType',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'removeImplicitGrant',
              output: `export const client = {
  client_id: 'rp',
  grant_types: ['authorization_code'],
  response_types: ['code', 'code id_token token'],
};`,
            },
          ],
        },
        {
          messageId: 'implicitResponseType',
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'removeResponseType',
              output: `export const client = {
  client_id: 'rp',
  grant_types: ['implicit', 'authorization_code'],
  response_types: ['code'],
};`,
            },
          ],
        },
      ],
    },
    {
      code: `export const client = { client_id: 'spa', response_types: ['id_token token'], grant_types: ['implicit'] };`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 1,
          column: 60,
          endLine: 1,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `export const client = { client_id: 'spa', response_types: ['code'], grant_types: ['implicit'] };`,
            },
          ],
        },
        { messageId: 'implicitGrantType', line: 1, column: 93, endLine: 1, endColumn: 103, suggestions: [] },
      ],
    },
    {
      code: `window.location.href = "https://idp.example.com/authorize?client_id=spa&response_type=id_token+token&nonce=" + nonce;`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 1,
          column: 24,
          endLine: 1,
          endColumn: 109,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `window.location.href = "https://idp.example.com/authorize?client_id=spa&response_type=code&nonce=" + nonce;`,
            },
          ],
        },
      ],
    },
    {
      code: `import auth0 from 'auth0-js';
export const webAuth = new auth0.WebAuth({ domain: 'tenant.eu.auth0.com', clientID: 'abc', responseType: 'token id_token' });`,
      errors: [{ messageId: 'implicitResponseType', line: 2, column: 92, endLine: 2, endColumn: 122, suggestions: [] }],
    },
    {
      code: `enum ResponseType { Token = 'token', Code = 'code' }
`,
      errors: [{ messageId: 'implicitResponseType', line: 1, column: 29, endLine: 1, endColumn: 36, suggestions: [] }],
    },
    {
      code: `const AUTH = 'https://login.example.com/oauth2';
export function login(state: string) {
  location.href = \`\${AUTH}/authorize?response_type=token&client_id=\${CLIENT_ID}&state=\${state}\`;
}`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 96,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `const AUTH = 'https://login.example.com/oauth2';
export function login(state: string) {
  location.href = \`\${AUTH}/authorize?response_type=code&client_id=\${CLIENT_ID}&state=\${state}\`;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `const params = new URLSearchParams({
  response_type: 'id_token token',
  client_id: CLIENT_ID,
  nonce,
});
window.location.assign(\`\${ISSUER}/authorize?\${params}\`);`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `const params = new URLSearchParams({
  response_type: 'code',
  client_id: CLIENT_ID,
  nonce,
});
window.location.assign(\`\${ISSUER}/authorize?\${params}\`);`,
            },
          ],
        },
      ],
    },
    {
      code: `const url = new URL('/oauth/authorize', ISSUER);
url.searchParams.set('client_id', CLIENT_ID);
url.searchParams.set('response_type', 'token');
window.open(url.toString());`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `const url = new URL('/oauth/authorize', ISSUER);
url.searchParams.set('client_id', CLIENT_ID);
url.searchParams.set('response_type', 'code');
window.open(url.toString());`,
            },
          ],
        },
      ],
    },
    {
      code: `const RESPONSE_TYPE = 'code token';

export function buildAuthorizeUrl(state) {
  const query = { response_type: RESPONSE_TYPE, client_id: CLIENT_ID, state };
  return \`\${AUTHORIZE_URL}?\${new URLSearchParams(query)}\`;
}`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `const RESPONSE_TYPE = 'code';

export function buildAuthorizeUrl(state) {
  const query = { response_type: RESPONSE_TYPE, client_id: CLIENT_ID, state };
  return \`\${AUTHORIZE_URL}?\${new URLSearchParams(query)}\`;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { UserManager } from 'oidc-client-ts';
export const mgr = new UserManager({
  authority: 'https://sso.example.com',
  client_id: 'portal',
  redirect_uri: location.origin + '/cb',
  response_type: 'id_token token',
});`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `import { UserManager } from 'oidc-client-ts';
export const mgr = new UserManager({
  authority: 'https://sso.example.com',
  client_id: 'portal',
  redirect_uri: location.origin + '/cb',
  response_type: 'code',
});`,
            },
          ],
        },
      ],
    },
    {
      code: `import auth0 from 'auth0-js';
export const webAuth = new auth0.WebAuth({
  domain: 'tenant.eu.auth0.com',
  clientID: 'abc',
  responseType: 'token id_token',
});`,
      errors: [{ messageId: 'implicitResponseType', line: 5, column: 3, endLine: 5, endColumn: 33 }],
    },
    {
      code: `import { AuthConfig } from 'angular-oauth2-oidc';
export const authConfig: AuthConfig = {
  issuer: 'https://idsvr.example.com',
  clientId: 'spa',
  redirectUri: window.location.origin,
  scope: 'openid profile api',
};`,
      errors: [
        {
          messageId: 'implicitByDefault',
          line: 2,
          column: 39,
          endLine: 7,
          endColumn: 2,
          suggestions: [
            {
              messageId: 'addCodeResponseType',
              output: `import { AuthConfig } from 'angular-oauth2-oidc';
export const authConfig: AuthConfig = {
  issuer: 'https://idsvr.example.com',
  clientId: 'spa',
  redirectUri: window.location.origin,
  scope: 'openid profile api',
  responseType: 'code',
};`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Injectable } from '@angular/core';
import { OAuthService } from 'angular-oauth2-oidc';
@Injectable()
export class Login {
  constructor(private oauthService: OAuthService) {}
  start() {
    this.oauthService.initImplicitFlow();
  }
}`,
      errors: [{ messageId: 'implicitFlowCall', line: 7, column: 5, endLine: 7, endColumn: 41 }],
    },
    {
      code: `import { UserAgentApplication } from 'msal';
export const msalApp = new UserAgentApplication({ auth: { clientId: 'abc', authority: 'https://login.microsoftonline.com/common' } });`,
      errors: [{ messageId: 'implicitFlowCall', line: 2, column: 24, endLine: 2, endColumn: 134 }],
    },
    {
      code: `import { DocumentBuilder } from '@nestjs/swagger';
const config = new DocumentBuilder()
  .addOAuth2({
    type: 'oauth2',
    flows: {
      implicit: { authorizationUrl: 'https://idp/authorize', scopes: { 'orders.read': 'Read orders' } },
    },
  })
  .build();`,
      errors: [{ messageId: 'implicitOpenApiFlow', line: 6, column: 7, endLine: 6, endColumn: 104 }],
    },
    {
      code: `const url = AUTHORIZE + '?response_type=token&client_id=' + encodeURIComponent(CLIENT_ID);`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `const url = AUTHORIZE + '?response_type=code&client_id=' + encodeURIComponent(CLIENT_ID);`,
            },
          ],
        },
      ],
    },
    {
      code: `export const clients = [
  { client_id: 'legacy-spa', response_types: ['code', 'id_token token'], grant_types: ['authorization_code', 'implicit'] },
];`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 2,
          column: 55,
          endLine: 2,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'removeResponseType',
              output: `export const clients = [
  { client_id: 'legacy-spa', response_types: ['code'], grant_types: ['authorization_code', 'implicit'] },
];`,
            },
          ],
        },
        {
          messageId: 'implicitGrantType',
          line: 2,
          column: 110,
          endLine: 2,
          endColumn: 120,
          suggestions: [
            {
              messageId: 'removeImplicitGrant',
              output: `export const clients = [
  { client_id: 'legacy-spa', response_types: ['code', 'id_token token'], grant_types: ['authorization_code'] },
];`,
            },
          ],
        },
      ],
    },
    {
      code: `const href = \`\${AUTH}?client_id=\${id}&response_type=id_token%20token&nonce=\${n}\`;`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 81,
          suggestions: [
            { messageId: 'useCodeResponseType', output: `const href = \`\${AUTH}?client_id=\${id}&response_type=code&nonce=\${n}\`;` },
          ],
        },
      ],
    },
  ],
});

espreeTester.run('no-implicit-grant (espree)', rule, {
  valid: [
    {
      code: `export function readCallback() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  return fragment.get('access_token');
}`,
    },
    {
      code: `import Keycloak from 'keycloak-js';
const keycloak = new Keycloak();
await keycloak.init({ onLoad: 'check-sso', pkceMethod: 'S256' });`,
    },
    // client-oauth2's code flow (`client.code`) builds a code request.
    {
      code: `import ClientOAuth2 from 'client-oauth2';
class Auth {
  constructor() { this.client = new ClientOAuth2({ clientId: 'x', authorizationUri: AUTH, redirectUri: CB }); }
  login() { location.assign(this.client.code.getUri()); }
}`,
    },
  ],
  invalid: [
    {
      // client-oauth2's `client.token` is the implicit flow: getUri builds a response_type=token request.
      code: `import ClientOAuth2 from 'client-oauth2';
class Auth {
  constructor() { this.client = new ClientOAuth2({ clientId: 'x', authorizationUri: AUTH, redirectUri: CB }); }
  login() { chrome.runtime.sendMessage({ uri: this.client.token.getUri() }); }
}`,
      errors: [{ messageId: 'implicitFlowCall', line: 4, column: 47, endLine: 4, endColumn: 73 }],
    },
    {
      code: `module.exports = {
  securityDefinitions: {
    petstore_auth: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://petstore/oauth/dialog', scopes: {} },
  },
};`,
      errors: [{ messageId: 'implicitOpenApiFlow', line: 3, column: 38, endLine: 3, endColumn: 54 }],
    },
    {
      code: `import Keycloak from 'keycloak-js';
const keycloak = new Keycloak({ url: 'https://kc', realm: 'r', clientId: 'spa' });
await keycloak.init({ onLoad: 'login-required', flow: 'implicit' });`,
      errors: [{ messageId: 'implicitFlowCall', line: 3, column: 49, endLine: 3, endColumn: 65 }],
    },
    {
      code: `import qs from 'qs';
export const authorizeUrl = AUTH + '?' + qs.stringify({ response_type: 'token', client_id: CLIENT_ID });`,
      errors: [
        {
          messageId: 'implicitResponseType',
          line: 2,
          column: 57,
          endLine: 2,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `import qs from 'qs';
export const authorizeUrl = AUTH + '?' + qs.stringify({ response_type: 'code', client_id: CLIENT_ID });`,
            },
          ],
        },
      ],
    },
  ],
});

// --- Response types kept in named constants (rules.md: a wrong value is reported where it is written) ---

const constInHref = `const AUTH_ENDPOINT = 'https://accounts.example.com/authorize';
const RESPONSE_TYPE = 'token';
export const Login = () => <a href={\`\${AUTH_ENDPOINT}?client_id=\${CLIENT_ID}&redirect_uri=\${REDIRECT}&response_type=\${RESPONSE_TYPE}\`}>Log in</a>;`;

const classField = `export class LegacyClient {
  private readonly RESPONSE_TYPE_IDTOKEN_TOKEN: string = 'id_token token';
  private readonly RESPONSE_TYPE_CODE: string = 'code';
}`;

const enumMembers = `export enum ResponseType {
  Code = 'code',
  Token = 'token',
}`;

const constantsObject = `export const OAUTH = { RESPONSE_TYPE_IMPLICIT: 'id_token token', RESPONSE_TYPE_CODE: 'code' };`;

// A variable assigned in branches: each written value is one it can hold.
const branchAssigned = `export function authorizeUrl(clientId: string, legacy: boolean) {
  let responseType;
  if (legacy) responseType = 'token';
  else responseType = 'code';
  return \`\${AUTH}?client_id=\${clientId}&response_type=\${responseType}\`;
}`;

ruleTester.run('no-implicit-grant: named response-type constants', rule, {
  valid: [
    `let responseType; if (native) responseType = 'code'; else responseType = 'code id_token'; location.href = \`\${AUTH}?response_type=\${responseType}\`;`,
    // An HTTP client's response type, assigned later.
    `let responseType; responseType = binary ? 'arraybuffer' : 'json'; xhr.responseType = 'json'; export const get = (url: string) => axios.get(url, { responseType });`,
    `const RESPONSE_TYPE = 'code'; location.href = \`\${AUTH}?response_type=\${RESPONSE_TYPE}&client_id=\${ID}\`;`,
    `const RESPONSE_TYPE_ID_TOKEN = 'id_token';`,
    // An HTTP client's response type.
    `const responseType = 'json'; export const get = (url: string) => axios.get(url, { responseType });`,
    `export enum ResponseType { Code = 'code', CodeIdToken = 'code id_token' }`,
    // A token type is not a response type.
    `const TOKEN_TYPE = 'token';`,
  ],
  invalid: [
    {
      code: constInHref,
      filename: 'login.tsx',
      errors: [
        {
          messageId: 'implicitResponseType',
          data: { value: 'token' },
          ...at(constInHref, "'token'"),
          suggestions: [
            {
              messageId: 'useCodeResponseType',
              output: `const AUTH_ENDPOINT = 'https://accounts.example.com/authorize';
const RESPONSE_TYPE = 'code';
export const Login = () => <a href={\`\${AUTH_ENDPOINT}?client_id=\${CLIENT_ID}&redirect_uri=\${REDIRECT}&response_type=\${RESPONSE_TYPE}\`}>Log in</a>;`,
            },
          ],
        },
      ],
    },
    {
      code: classField,
      errors: [{ messageId: 'implicitResponseType', data: { value: 'id_token token' }, ...at(classField, "'id_token token'") }],
    },
    {
      code: enumMembers,
      errors: [{ messageId: 'implicitResponseType', data: { value: 'token' }, ...at(enumMembers, "'token'") }],
    },
    {
      code: constantsObject,
      errors: [{ messageId: 'implicitResponseType', data: { value: 'id_token token' }, ...at(constantsObject, "'id_token token'") }],
    },
    {
      code: branchAssigned,
      errors: [
        {
          messageId: 'implicitResponseType',
          data: { value: 'token' },
          ...at(branchAssigned, "'token'"),
          suggestions: [{ messageId: 'useCodeResponseType', output: branchAssigned.replace("'token'", "'code'") }],
        },
      ],
    },
  ],
});
