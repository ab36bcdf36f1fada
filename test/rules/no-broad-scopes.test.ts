import rule from '../../rules/no-broad-scopes';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

ruleTester.run('no-broad-scopes', rule, {
  valid: [
    // Okta MyAccount scopes are the signed-in user's own self-service scopes.
    `import { OktaAuth } from '@okta/okta-auth-js';
export const okta = new OktaAuth({ issuer: ISSUER, clientId: CLIENT_ID, scopes: ['openid', 'profile', 'okta.myAccount.email.manage', 'okta.myAccount.phone.read'] });`,
    // Narrow Google scopes.
    `import { OAuth2Client } from 'google-auth-library';\nconst c = new OAuth2Client();\nc.generateAuthUrl({ access_type: 'offline', scope: ['https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/gmail.readonly'] });`,
    // Graph user-scoped permissions.
    `import { PublicClientApplication } from '@azure/msal-browser';\nconst graphScopes = ['User.Read', 'Calendars.ReadWrite', 'Files.ReadWrite'];\nawait pca.loginPopup({ scopes: graphScopes });`,
    // OIDC basics.
    `import NextAuth from 'next-auth';\nimport Okta from 'next-auth/providers/okta';\nNextAuth({ providers: [Okta({ authorization: { params: { scope: 'openid profile email offline_access' } } })] });`,
    // `repo` / `user` are generic names: not GitHub here.
    `import { OAuth2Client } from 'google-auth-library';\nconst c = new OAuth2Client();\nconst url = c.generateAuthUrl({ scope: ['openid', 'email'], state });\nconst db = { scope: 'user', table: 'users' };`,
    // GitHub's narrow scopes.
    `import passport from 'passport';\napp.get('/auth/github', passport.authenticate('github', { scope: ['read:user', 'user:email'] }));`,
    // `all` outside a scope parameter, and in a non-OAuth file.
    `const filters = { scope: 'all', sort: 'desc' };\nsearch(filters);`,
    `import { Scope } from '@nestjs/common';\n@Injectable({ scope: Scope.REQUEST })\nexport class RequestService {}`,
    // Custom API scopes that look like Graph's.
    `const request = { scopes: ['api://orders-api/Mail.Send', 'api://orders-api/access_as_user'], redirectUri: '/cb' };\nawait msal.acquireTokenSilent(request);`,
    // Options: allow a catalog scope.
    { code: `import passport from 'passport';\npassport.authenticate('github', { scope: ['repo'] });`, options: [{ allow: ['repo'] }] },
    // Auth0 custom API scopes (not the Management API).
    `import { Auth0Provider } from '@auth0/auth0-react';\nconst params = { audience: 'https://api.example.com', scope: 'openid read:orders delete:users' };`,
    // Test files.
    { code: `const SCOPES = ['https://mail.google.com/'];\nexpect(buildUrl(SCOPES)).toContain('mail');`, filename: 'src/oauth.test.ts' },
    // An API's route table in a file about access tokens: `admin` is a permission name, not a request.
    `import { auth } from 'express-oauth2-jwt-bearer';\nconst routes = [{ path: '/users', method: 'DELETE', scope: 'admin' }];\nexport const checkJwt = auth({ audience: 'https://api.example.com', issuerBaseURL: ISSUER });`,
    // An authorization server declares the scopes it supports.
    `import Provider from 'oidc-provider';\nconst provider = new Provider(ISSUER, { scopes: ['openid', 'offline_access', 'admin', 'repo'], clients });`,
    // A denylist of scopes the app refuses to request.
    `const BLOCKED_SCOPES = ['https://mail.google.com/', 'https://www.googleapis.com/auth/drive'];\nexport const isAllowed = (scope: string) => !BLOCKED_SCOPES.includes(scope);`,
    // Class fields: a narrow GitHub scope, and a `scope` that is no OAuth scope.
    `export class Config {\n  baseUrl = 'https://github.com/login/oauth/authorize';\n  scope = 'read:user user:email';\n}`,
    `export class Query {\n  scope = 'all';\n  sort = 'desc';\n}`,
    // Discord narrow scopes.
    `const url = \`https://discord.com/oauth2/authorize?client_id=\${id}&response_type=code&scope=identify%20guilds\`;`,
  ],
  invalid: [
    {
      // Okta org-wide user management.
      code: `import { OktaAuth } from '@okta/okta-auth-js';
export const okta = new OktaAuth({ issuer: ISSUER, clientId: CLIENT_ID, scopes: ['openid', 'profile', 'okta.users.manage'] });`,
      errors: [{ messageId: 'broadScope', line: 2, column: 103, endLine: 2, endColumn: 122 }],
    },
    {
      code: `import { AuthorizationCode } from 'simple-oauth2';\nconst GMAIL_SCOPES = [\n  'openid',\n  'https://mail.google.com/',\n];\nconst url = client.authorizeURL({ scope: GMAIL_SCOPES, state });`,
      errors: [{ messageId: 'broadScope', line: 4, column: 3, endLine: 4, endColumn: 29 }],
    },
    {
      code: `import { OAuth2Client } from 'google-auth-library';\nconst c = new OAuth2Client();\nc.generateAuthUrl({ scope: 'openid https://www.googleapis.com/auth/cloud-platform', state });`,
      errors: [{ messageId: 'broadScope', line: 3, column: 28, endLine: 3, endColumn: 83 }],
    },
    {
      code: `import { PublicClientApplication } from '@azure/msal-browser';\nconst graphScopes = ['User.Read', 'Directory.Read.All'];\nawait pca.loginRedirect({ scopes: graphScopes });`,
      errors: [{ messageId: 'broadScope', line: 2, column: 35, endLine: 2, endColumn: 55 }],
    },
    {
      code: `import GitHub from 'next-auth/providers/github';\nexport const providers = [GitHub({ authorization: { params: { scope: 'read:user user:email repo' } } })];`,
      errors: [{ messageId: 'broadScope', line: 2, column: 70, endLine: 2, endColumn: 97 }],
    },
    {
      code: `import passport from 'passport';\napp.get('/auth/github', passport.authenticate('github', { scope: ['user', 'admin:org'] }));`,
      errors: [{ messageId: 'broadScope', line: 2, column: 67, endLine: 2, endColumn: 73 }],
    },
    {
      code: `const authorizeUrl = \`https://github.com/login/oauth/authorize?client_id=\${CLIENT_ID}&scope=repo%20read:org&state=\${state}\`;`,
      errors: [{ messageId: 'broadScope', line: 1, column: 22, endLine: 1, endColumn: 124 }],
    },
    {
      code: `const params = new URLSearchParams({ client_id: id, response_type: 'code' });\nparams.set('scope', ['api', 'read_user'].join(' '));\nlocation.assign(\`https://gitlab.com/oauth/authorize?\${params}\`);`,
      errors: [{ messageId: 'broadScope', line: 2, column: 22, endLine: 2, endColumn: 27 }],
    },
    {
      code: `const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: id, scope: 'okta.users.manage okta.groups.read' });`,
      errors: [{ messageId: 'broadScope', line: 1, column: 92, endLine: 1, endColumn: 128 }],
    },
    {
      code: `import jsforce from 'jsforce';\nconst oauth2 = new jsforce.OAuth2({ clientId, redirectUri, scope: 'full refresh_token' });`,
      errors: [{ messageId: 'broadScope', line: 2, column: 67, endLine: 2, endColumn: 87 }],
    },
    {
      code: `import { ManagementClient } from 'auth0';\nconst token = await getToken({ audience: 'https://acme.eu.auth0.com/api/v2/', scope: 'read:users update:users' });`,
      errors: [{ messageId: 'broadScope', line: 2, column: 86, endLine: 2, endColumn: 111 }],
    },
    {
      // A class field of a GitHub client's config: the default scope it requests.
      code: `export class Config {
  baseUrl = new URL('https://github.com');
  scope = 'repo user';
  authorizeUrl() { return new URL('/login/oauth/authorize', this.baseUrl); }
}`,
      errors: [{ messageId: 'broadScope', line: 3, column: 11, endLine: 3, endColumn: 22 }],
    },
    {
      code: `const tokenRequest = { grant_type: 'client_credentials', client_id: id, scope: 'admin' };`,
      errors: [{ messageId: 'broadScope', line: 1, column: 80, endLine: 1, endColumn: 87 }],
    },
    {
      code: `import { OAuth2Client } from 'google-auth-library';\nconst c = new OAuth2Client();\nc.generateAuthUrl({ scope: ['openid', 'billing:write'] });`,
      options: [{ forbid: ['billing:*'] }],
      errors: [{ messageId: 'forbiddenScope', line: 3, column: 39, endLine: 3, endColumn: 54 }],
    },
  ],
});

espreeTester.run('no-broad-scopes (espree)', rule, {
  valid: [
    // No IdP named anywhere: `user` is not a catalogued scope of an unknown server.
    `export default (req, res) => {
  const query = 'scope=user&scope=read:org';
  const params = new URLSearchParams({ client_id: process.env.AUTH_CLIENT_ID ?? '', state: req.session.state });
  res.redirect(\`\${process.env.AUTH_SERVER_URL}/authorize?\${query}&\${params}\`);
};`,
    // GitHub's read-only profile scope.
    `export default (req, res) => {
  const query = 'scope=read:user&scope=read:org';
  const params = new URLSearchParams({ client_id: process.env.GITHUB_CLIENT_ID ?? '', state: req.session.state });
  res.redirect(\`\${process.env.GITHUB_OAUTH_URL}/authorize?\${query}&\${params}\`);
};`,
    `const { Strategy } = require('passport-github2');\npassport.use(new Strategy({ clientID, clientSecret, callbackURL, scope: ['read:user'] }, verify));`,
  ],
  invalid: [
    {
      // A query-string piece held in a const; GITHUB_* client settings say the IdP is GitHub.
      code: `export default (req, res) => {
  const query = 'scope=user&scope=read:org';
  const params = new URLSearchParams({ client_id: process.env.GITHUB_CLIENT_ID ?? '', state: req.session.state });
  res.redirect(\`\${process.env.GITHUB_OAUTH_URL}/authorize?\${query}&\${params}\`);
};`,
      errors: [{ messageId: 'broadScope', line: 2, column: 17, endLine: 2, endColumn: 44 }],
    },
    {
      code: `const { Strategy } = require('passport-github2');\npassport.use(new Strategy({ clientID, clientSecret, callbackURL, scope: ['repo', 'delete_repo'] }, verify));`,
      errors: [{ messageId: 'broadScope', line: 2, column: 74, endLine: 2, endColumn: 80 }],
    },
    {
      code: `const scopes = ['https://graph.microsoft.com/Mail.ReadWrite', 'offline_access'];\nmsalClient.getAuthCodeUrl({ scopes, redirectUri });`,
      errors: [{ messageId: 'broadScope', line: 1, column: 17, endLine: 1, endColumn: 61 }],
    },
  ],
});

// Real code (fresh-2026-12-i): a Netlify login function whose GitHub scope falls back to `repo`.
const scopeFallback = `exports.handler = async (event) => {
  const scope = event.queryStringParameters?.scope;
  const url = \`https://github.com/login/oauth/authorize?client_id=\${process.env.GITHUB_CLIENT_ID}&scope=\${scope || 'repo'}\`;
  return { statusCode: 302, headers: { Location: url } };
};`;

ruleTester.run('no-broad-scopes (real code: a fallback scope)', rule, {
  valid: [scopeFallback.replace("scope || 'repo'", "scope || 'read:user'"), scopeFallback.replace("scope || 'repo'", 'scope')],
  invalid: [
    {
      code: scopeFallback,
      errors: [{ messageId: 'broadScope', ...at(scopeFallback, "'repo'") }],
    },
  ],
});
