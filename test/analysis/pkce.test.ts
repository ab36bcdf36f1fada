import { describe, expect, it } from 'vitest';
import { pkceFindings } from '../../src/analysis/pkce';
import { collect } from '../helpers/analyze';

/** The findings of a snippet as kind, line and message data. */
function findings(code: string): Record<string, unknown>[] {
  return collect(code, 'Program', (sourceCode) => pkceFindings(sourceCode))
    .flat()
    .map(({ node, ...rest }) => ({ ...rest, line: node.loc.start.line }));
}

describe('pkceFindings', () => {
  it('finds a hand-built code request without code_challenge', () => {
    expect(findings('location.href = `${AUTH}/authorize?response_type=code&client_id=${ID}&redirect_uri=${CB}&state=${s}`;')).toEqual([
      { kind: 'missingChallenge', line: 1 },
    ]);
  });

  it('finds the plain method and a missing method', () => {
    const plain = findings(
      'const url = `${AUTH}/authorize?response_type=code&client_id=${ID}&code_challenge=${c}&code_challenge_method=plain`;',
    );
    expect(plain).toEqual([{ kind: 'plainMethod', valueNode: expect.anything(), line: 1 }]);
    expect(findings('const url = `${AUTH}/authorize?response_type=code&client_id=${ID}&code_challenge=${c}`;')).toEqual([
      { kind: 'missingMethod', line: 1 },
    ]);
  });

  it('judges an OAuth plugin registered on a Fastify instance by its pkce option', () => {
    const register = (options: string): unknown[] =>
      findings(`import oauthPlugin from '@fastify/oauth2';\nfastify.register(oauthPlugin, ${options});`);
    expect(register(`{ name: 'google', credentials: { client: { id, secret } }, callbackUri: CB }`)).toEqual([
      { kind: 'pkceOptionOff', library: '@fastify/oauth2', enable: "pkce: 'S256'", line: 2 },
    ]);
    expect(register(`{ name: 'google', pkce: 'S256', callbackUri: CB }`)).toEqual([]);
    expect(register(`{ name: 'google', pkce: false, callbackUri: CB }`)).toEqual([
      { kind: 'pkceOptionOff', library: '@fastify/oauth2', enable: "pkce: 'S256'", line: 2 },
    ]);
    // Another plugin registered the same way, and options the code cannot read.
    expect(
      findings(`import cors from '@fastify/cors';\nimport o from '@fastify/oauth2';\nfastify.register(cors, { origin: true });`),
    ).toEqual([]);
    expect(register('options')).toEqual([]);
  });

  it('judges every passport-oauth2 strategy of the knowledge by its pkce option', () => {
    for (const module of ['passport-discord', 'passport-gitlab2', 'passport-github2']) {
      expect(
        findings(`const { Strategy } = require('${module}');\npassport.use(new Strategy({ clientID: ID, state: true }, verify));`),
      ).toEqual([{ kind: 'pkceOptionOff', library: module, enable: 'pkce: true, state: true', line: 2 }]);
      expect(
        findings(
          `const { Strategy } = require('${module}');\npassport.use(new Strategy({ clientID: ID, state: true, pkce: true }, verify));`,
        ),
      ).toEqual([]);
    }
  });

  it('finds a library switch that turns PKCE off', () => {
    const code = `import { AuthConfig } from 'angular-oauth2-oidc';
export const authConfig: AuthConfig = { issuer: ISS, clientId: 'spa', responseType: 'code', disablePKCE: true };`;
    expect(findings(code)).toEqual([{ kind: 'pkceDisabled', option: 'disablePKCE: true', library: 'angular-oauth2-oidc', line: 2 }]);
  });

  it('finds a code exchange without code_verifier, and accepts one with it', () => {
    const exchange = (extra: string) =>
      `await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CB${extra} }) });`;
    expect(findings(exchange(''))).toEqual([{ kind: 'missingVerifier', line: 1 }]);
    expect(findings(exchange(', code_verifier: verifier'))).toEqual([]);
  });
});
