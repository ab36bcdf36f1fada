import { describe, expect, it } from 'vitest';
import { authorizationRequests, isCodeFlow, requestParam } from '../../src/analysis/authorization';
import { collect } from '../helpers/analyze';

interface Summary {
  line: number;
  library: string;
  responseType: string | null;
  code: boolean | null;
  state: string;
  challenge: string;
}

function requests(code: string, typescript = true): Summary[] {
  const out: Summary[] = [];
  collect(
    code,
    'Program',
    (sc) => {
      for (const r of authorizationRequests(sc)) {
        out.push({
          line: r.node.loc.start.line,
          library: r.library,
          responseType: r.responseType.value ?? null,
          code: isCodeFlow(r) ?? null,
          state: requestParam(r, 'state').state,
          challenge: requestParam(r, 'code_challenge').state,
        });
      }
      return undefined;
    },
    { typescript },
  );
  return out;
}

describe('authorization: requests however they are built', () => {
  it('finds hand-built URLs once, at the outermost construction', () => {
    const code = [
      `const base = { response_type: 'code', client_id: ID };`,
      `const url = \`\${AUTH}?\${new URLSearchParams({ ...base, state })}\`;`,
      `const u = new URL(\`\${ISSUER}/authorize\`);`,
      `u.searchParams.set('client_id', ID);`,
      `const plain = \`\${ISSUER}/oauth2/v2/auth?client_id=\${ID}&redirect_uri=\${CB}\`;`,
    ].join('\n');
    expect(requests(code)).toEqual([
      { line: 2, library: 'url', responseType: 'code', code: true, state: 'present', challenge: 'absent' },
      // An authorize path with client_id and no response_type: a GitHub-style code request (rules.md, second round).
      { line: 3, library: 'url', responseType: 'code', code: true, state: 'absent', challenge: 'absent' },
      // No response_type: a GitHub-style code request (rules.md, second round).
      { line: 5, library: 'url', responseType: 'code', code: true, state: 'absent', challenge: 'absent' },
    ]);
  });

  it('knows library calls and their defaults (openid-client v5/v6, simple-oauth2, google, msal-node)', () => {
    const code = [
      `import * as oidc from 'openid-client';`,
      `import { AuthorizationCode } from 'simple-oauth2';`,
      `import { OAuth2Client } from 'google-auth-library';`,
      `oidc.buildAuthorizationUrl(config, { redirect_uri: CB, state, code_challenge: c, code_challenge_method: 'S256' });`,
      `new AuthorizationCode(cfg).authorizeURL({ redirect_uri: CB, state });`,
      `new OAuth2Client(ID, S, CB).generateAuthUrl({ scope: ['openid'], ...extra });`,
    ].join('\n');
    expect(requests(code)).toEqual([
      { line: 4, library: 'openid-client', responseType: 'code', code: true, state: 'present', challenge: 'present' },
      { line: 5, library: 'simple-oauth2', responseType: 'code', code: true, state: 'present', challenge: 'absent' },
      { line: 6, library: 'google-auth-library', responseType: null, code: null, state: 'unknown', challenge: 'unknown' },
    ]);
  });

  it('knows configs: passport strategies, next-auth providers (called and inline), AuthConfig objects, SDK clients', () => {
    const code = [
      `import OAuth2Strategy from 'passport-oauth2';`,
      `import Okta from 'next-auth/providers/okta';`,
      `import { AuthConfig } from 'angular-oauth2-oidc';`,
      `import { UserManager } from 'oidc-client-ts';`,
      `new OAuth2Strategy({ authorizationURL: A, tokenURL: T, clientID: I, callbackURL: CB, state: true }, verify);`,
      `export const providers = [Okta({ clientId: I, checks: ['state'] }), { id: 'acme', type: 'oauth', authorization: { params: { scope: 'openid' } }, checks: ['pkce'] }];`,
      `export const cfg: AuthConfig = { issuer: I, clientId: C };`,
      `export const mgr = new UserManager({ authority: I, client_id: C, redirect_uri: CB });`,
    ].join('\n');
    const found = requests(code).map((r) => `${r.line}:${r.library}:${r.responseType}`);
    expect(found).toEqual([
      '5:passport-oauth2:code',
      '6:next-auth:code',
      '6:next-auth:code',
      '7:angular-oauth2-oidc:',
      '8:oidc-client-ts:code',
    ]);
  });

  it('ignores test assertions, comparisons, callbacks and files without authorization requests', () => {
    const code = [
      `expect(url.searchParams.get('response_type')).toBe('code');`,
      `expect(href).toContain('?response_type=code&client_id=x');`,
      `if (req.query.response_type === 'token') deny();`,
      `res.redirect(\`\${redirectUri}?code=\${code}&state=\${state}\`);`,
    ].join('\n');
    expect(requests(code)).toEqual([]);
    expect(requests(`const x = 1;`, false)).toEqual([]);
  });
});
