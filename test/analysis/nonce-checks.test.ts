import { describe, expect, it } from 'vitest';
import { nonceCheckFindings, nonceChecksApply } from '../../src/analysis/nonce-checks';
import { collect } from '../helpers/analyze';

/** Each finding as `kind: source text [how]`, in report order. */
function findings(code: string): string[] {
  return collect(code, 'Program', (sc) =>
    nonceCheckFindings(sc).map((f) => `${f.kind}: ${sc.getText(f.node)}${f.kind === 'missingNonceCheck' ? ` [${f.how}]` : ''}`),
  ).flat();
}

const v5Client = `import { Issuer } from 'openid-client';
const client = new (await Issuer.discover(ISSUER)).Client({ client_id: ID });`;

describe('nonce-checks: the file gate', () => {
  it('applies to ID-token and authorization libraries and to nonce words', () => {
    const applies = (code: string) => collect(code, 'Program', (sc) => nonceChecksApply(sc));
    expect(applies(`import * as jose from 'jose';`)).toEqual([true]);
    expect(applies(`const claims = decode(tokens.id_token);`)).toEqual([true]);
    expect(applies(`const total = 1 + 2;`)).toEqual([false]);
  });
});

describe('nonce-checks: validations', () => {
  it('finds validateIdToken without the nonce when the module sends one, and not with it', () => {
    const url = `export const url = client.authorizationUrl({ scope: 'openid', nonce: n });`;
    expect(findings(`${v5Client} ${url} export const check = (t) => client.validateIdToken(t);`)).toEqual([
      'missingNonceCheck: client.validateIdToken(t) [second argument]',
    ]);
    expect(findings(`${v5Client} ${url} export const check = (t, n) => client.validateIdToken(t, n);`)).toEqual([]);
  });

  it('finds a library exchange without the expected nonce, unless PKCE binds a flow that sends no nonce', () => {
    const start = `export const start = (verifier, state, nonce) => oidc.buildAuthorizationUrl(config, { scope: 'openid', state, nonce });`;
    expect(
      findings(`import * as oidc from 'openid-client'; ${start}
        export const finish = (url, tx) => oidc.authorizationCodeGrant(config, url, { expectedState: tx.state });`),
    ).toEqual([expect.stringMatching(/^missingNonceCheck: oidc\.authorizationCodeGrant\(.*\[`expectedNonce`\]$/)]);
    expect(
      findings(`import * as oidc from 'openid-client'; ${start}
        export const finish = (url, tx) => oidc.authorizationCodeGrant(config, url, { expectedState: tx.state, expectedNonce: tx.nonce });`),
    ).toEqual([]);
    expect(
      findings(`import * as oidc from 'openid-client';
        export const finish = (url, tx) => oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: tx.verifier, expectedState: tx.state });`),
    ).toEqual([]);
  });
});

describe('nonce-checks: providers and redirect reads', () => {
  it('finds an OIDC provider whose checks hold neither nonce nor pkce', () => {
    expect(
      findings(`import Okta from 'next-auth/providers/okta';
        export const providers = [Okta({ clientId: ID, clientSecret: S, issuer: ISSUER, checks: ['state'] })];`),
    ).toEqual(["providerChecksWithoutNonce: ['state']"]);
    expect(
      findings(`import Okta from 'next-auth/providers/okta';
        export const providers = [Okta({ clientId: ID, clientSecret: S, issuer: ISSUER, checks: ['pkce', 'state'] })];`),
    ).toEqual([]);
    // GitHub is an OAuth 2.0 provider: no ID token, no nonce.
    expect(
      findings(`import GitHub from 'next-auth/providers/github';
        export const providers = [GitHub({ clientId: ID, clientSecret: S, checks: ['state'] })];`),
    ).toEqual([]);
  });

  it('finds an ID token read from the fragment without a nonce comparison', () => {
    const read = `const fragment = new URLSearchParams(window.location.hash.slice(1));
      if (fragment.get('state') !== sessionStorage.getItem('state')) throw new Error('state');
      const idToken = fragment.get('id_token');`;
    expect(findings(`export function finish() { ${read} return jwtDecode(idToken).email; }`)).toEqual([
      "redirectIdTokenWithoutNonce: fragment.get('id_token')",
    ]);
    expect(
      findings(`export function finish() { ${read}
        const claims = jwtDecode(idToken);
        if (claims.nonce !== sessionStorage.getItem('nonce')) throw new Error('nonce');
        return claims.email; }`),
    ).toEqual([]);
  });
});
