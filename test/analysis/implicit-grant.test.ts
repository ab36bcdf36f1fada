import { describe, expect, it } from 'vitest';
import { implicitGrantApplies, implicitGrantFindings, isImplicitResponseType } from '../../src/analysis/implicit-grant';
import { collect } from '../helpers/analyze';

/** Each finding as `kind: source text (fix kind)`, in report order. */
function findings(code: string): string[] {
  return collect(code, 'Program', (sc) =>
    implicitGrantFindings(sc).map((f) => `${f.kind}: ${sc.getText(f.node)}${'fix' in f && f.fix ? ` (${f.fix.kind})` : ''}`),
  ).flat();
}

describe('implicit-grant: response_type lists', () => {
  it('holds a token when the list names `token`; generic keys need every entry to be an OAuth response type', () => {
    expect(isImplicitResponseType('token', false)).toBe(true);
    expect(isImplicitResponseType('id_token token', true)).toBe(true);
    expect(isImplicitResponseType('code id_token', false)).toBe(false);
    expect(isImplicitResponseType('id_token', true)).toBe(false);
    expect(isImplicitResponseType('token blob', true)).toBe(false);
    expect(isImplicitResponseType(undefined, false)).toBe(false);
  });

  it('gates on the words or a library that runs the flow', () => {
    const applies = (code: string) => collect(code, 'Program', (sc) => implicitGrantApplies(sc));
    expect(applies(`const url = \`\${AUTH}?response_type=token\`;`)).toEqual([true]);
    expect(applies(`import Keycloak from 'keycloak-js';`)).toEqual([true]);
    expect(applies(`const total = 1 + 2;`)).toEqual([false]);
    // "implicit" alone is every linter's word; beside a grant list, OpenAPI flows or Swagger's oauth2 it may be the grant.
    expect(applies(`// disallow implicit returns and implicit globals\nexport const rule = {};`)).toEqual([false]);
    expect(applies(`export const scheme = { flows: { implicit: { authorizationUrl: '/authorize', scopes: {} } } };`)).toEqual([true]);
    expect(applies(`export const client = { grant_types: ['implicit'] };`)).toEqual([true]);
    expect(applies(`export const def = { type: 'oauth2', flow: 'implicit' };`)).toEqual([true]);
  });
});

describe('implicit-grant: findings', () => {
  it('finds response types written in URLs, parameters and named constants, with the fix that fits', () => {
    expect(findings(`export const url = \`\${AUTH}?response_type=token&client_id=web\`;`)).toEqual([
      expect.stringMatching(/^implicitResponseType: .*\(code-in-write\)$/),
    ]);
    expect(findings(`const RESPONSE_TYPE = 'id_token token';`)).toEqual(["implicitResponseType: 'id_token token' (code-literal)"]);
    // A name that says more than "response type" keeps its value: no fix.
    expect(findings(`const RESPONSE_TYPE_IMPLICIT = 'token';`)).toEqual(["implicitResponseType: 'token'"]);
  });

  it('is silent on the code flow, hybrid id_token and HTTP clients’ responseType', () => {
    expect(findings(`export const url = \`\${AUTH}?response_type=code&client_id=web\`;`)).toEqual([]);
    expect(findings(`const RESPONSE_TYPE = 'code id_token';`)).toEqual([]);
    expect(findings(`axios.get(url, { responseType: 'json' });`)).toEqual([]);
  });

  it('finds registrations: an implicit response type, and the implicit grant type', () => {
    expect(findings(`export const client = { response_types: ['code', 'token'] };`)).toEqual([
      "implicitResponseType: 'token' (remove-response-type)",
    ]);
    expect(findings(`export const client = { response_types: ['token'] };`)).toEqual(["implicitResponseType: 'token' (code-literal)"]);
    expect(findings(`export const client = { grant_types: ['authorization_code', 'implicit'] };`)).toEqual([
      "implicitGrantType: 'implicit' (remove-grant-type)",
    ]);
    // 'implicit' beside hybrid-only response types is what OIDC registration asks for an ID token.
    expect(
      findings(`export const client = { grant_types: ['authorization_code', 'implicit'], response_types: ['code id_token'] };`),
    ).toEqual([]);
  });

  it('finds OpenAPI implicit flows and SDK calls that run the implicit grant', () => {
    expect(findings(`export const scheme = { type: 'oauth2', flows: { implicit: { authorizationUrl: A, scopes: {} } } };`)).toEqual([
      expect.stringMatching(/^implicitOpenApiFlow: implicit:/),
    ]);
    expect(findings(`import Keycloak from 'keycloak-js'; const k = new Keycloak(); k.init({ flow: 'implicit' });`)).toEqual([
      "implicitFlowCall: flow: 'implicit'",
    ]);
    expect(findings(`import Keycloak from 'keycloak-js'; const k = new Keycloak(); k.init({ flow: 'standard' });`)).toEqual([]);
  });

  it('finds an angular-oauth2-oidc AuthConfig without responseType, unless the code flow is started', () => {
    const config = `import { AuthConfig } from 'angular-oauth2-oidc';
      export const authConfig: AuthConfig = { issuer: 'https://idsvr', clientId: 'spa' };`;
    expect(findings(config)).toEqual([expect.stringMatching(/^implicitByDefault: .*\(add-code-response-type\)$/)]);
    expect(findings(`${config} oauthService.initCodeFlow();`)).toEqual([]);
  });
});
