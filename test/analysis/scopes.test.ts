import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  broadScopeFindings,
  fileIdps,
  idpsAround,
  isScopeKey,
  scopeQuery,
  scopeTokens,
  type BroadScopeOptions,
} from '../../src/analysis/scopes';
import {
  BROAD_SCOPES,
  globToRegExp,
  IDP_SCOPE_SPELLING,
  idpOfScopeSpelling,
  idpOfUrl,
  matchBroadScope,
  OAUTH_WORDS,
  type Idp,
} from '../../src/knowledge/scopes';
import { collect } from '../helpers/analyze';

function probe<T>(code: string, pick: Parameters<typeof collect<T>>[2]): T[] {
  return collect(code, 'CallExpression[callee.name="probe"]', (sourceCode, node) =>
    pick(sourceCode, (node as TSESTree.CallExpression).arguments[0]),
  );
}

const none = new Set<Idp>();
const broad = (scope: string, idps: Idp[] = []): string | undefined => matchBroadScope(scope, new Set(idps))?.pattern;

describe('scope catalog (knowledge)', () => {
  it('spots IdP scope spellings outside OAuth code by the catalog URL scopes, not by any link to an IdP', () => {
    // Every URL scope of the catalog is spelled so.
    for (const entry of BROAD_SCOPES) if (entry.pattern.includes('://')) expect(entry.pattern).toMatch(IDP_SCOPE_SPELLING);
    expect('https://www.googleapis.com/auth/drive').toMatch(IDP_SCOPE_SPELLING);
    expect('https://graph.microsoft.com/Mail.Send').toMatch(IDP_SCOPE_SPELLING);
    expect('see https://github.com/ajv-validator/ajv/issues/1').not.toMatch(IDP_SCOPE_SPELLING);
    // `getToken` is a word of its own: ESLint's `getTokenBefore` is no OAuth code.
    expect('sourceCode.getTokenBefore(node)').not.toMatch(OAUTH_WORDS);
    expect('const token = await getToken({ req })').toMatch(OAUTH_WORDS);
  });

  it('matches distinctive scopes anywhere', () => {
    expect(broad('https://mail.google.com/')).toBe('https://mail.google.com/');
    expect(broad('https://www.googleapis.com/auth/drive')).toBeDefined();
    expect(broad('https://www.googleapis.com/auth/admin.directory.user')).toBeDefined();
    expect(broad('Directory.Read.All')).toBe('Directory.*');
    expect(broad('directory.readwrite.all')).toBeDefined();
    expect(broad('https://graph.microsoft.com/Mail.Send')).toBe('Mail.Send*');
    expect(broad('User.ReadWrite.All')).toBe('*.ReadWrite.All');
    expect(broad('admin:org')).toBe('admin:org');
    expect(broad('okta.users.manage')).toBe('okta.*.manage');
    expect(broad('admin.users:write')).toBe('admin.*');
    expect(broad('*')).toBe('*');
  });

  it('leaves narrow look-alikes alone', () => {
    for (const scope of [
      'https://www.googleapis.com/auth/drive.file',
      'https://www.googleapis.com/auth/drive.readonly',
      'https://www.googleapis.com/auth/gmail.readonly',
      'Calendars.ReadWrite',
      'User.Read',
      'User.ReadBasic.All',
      'Files.ReadWrite',
      'okta.users.manage.self',
      'read:org',
      'api://my-api/Mail.Send',
      'openid',
      'offline_access',
    ]) {
      expect(broad(scope), scope).toBeUndefined();
    }
  });

  it('matches generic names only with their IdP', () => {
    expect(broad('repo')).toBeUndefined();
    expect(broad('repo', ['github'])).toBe('repo');
    expect(broad('user', ['google'])).toBeUndefined();
    expect(broad('api', ['gitlab'])).toBe('api');
    expect(broad('api', ['salesforce'])).toBeUndefined();
    expect(broad('full', ['salesforce'])).toBe('full');
    expect(broad('delete:users')).toBeUndefined();
    expect(broad('delete:users', ['auth0-management'])).toBe('delete:users');
    expect(matchBroadScope('', none)).toBeUndefined();
  });

  it('documents every entry', () => {
    for (const entry of BROAD_SCOPES) {
      expect(entry.why.length, entry.pattern).toBeGreaterThan(10);
      expect(entry.narrower.length, entry.pattern).toBeGreaterThan(5);
    }
  });

  it('tells IdPs from scope spellings and URL hosts', () => {
    expect(
      [
        'read:org',
        'read_user',
        'refresh_token',
        'User.Read',
        'channels:read',
        'identify',
        'files.content.read',
        'read:jira-work',
        'openid',
      ].map(idpOfScopeSpelling),
    ).toEqual(['github', 'gitlab', 'salesforce', 'microsoft', 'slack', 'discord', 'dropbox', 'atlassian', undefined]);
    expect(idpOfUrl('https://github.com/login/oauth/authorize')).toBe('github');
    expect(idpOfUrl('https://acme.my.salesforce.com/services/oauth2/authorize')).toBe('salesforce');
    expect(idpOfUrl('https://acme.eu.auth0.com/api/v2/')).toBe('auth0-management');
    expect(idpOfUrl('https://acme.eu.auth0.com/authorize')).toBeUndefined();
    expect(idpOfUrl('https://notgithub.com.evil.example/x')).toBeUndefined();
  });

  it('compiles globs without regex surprises', () => {
    expect(globToRegExp('write:*').test('write:org')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('scopes (analysis)', () => {
  it('reads scopes through a local helper: what it returns and what it is given', () => {
    const code = `
      const graphScopes = (extra = []) => ['User.Read', ...extra];
      probe(graphScopes(['Mail.ReadWrite']));
      probe(other(['Mail.ReadWrite']));`;
    const results = probe(code, (sc, n) =>
      scopeTokens(sc, n)
        .map((t) => t.scope)
        .join(' '),
    );
    expect(results).toEqual(['User.Read Mail.ReadWrite', '']);
  });

  it('reads scopes from strings, arrays, joins and consts, keeping the node that wrote each', () => {
    const code = `
      const BASE = ['openid', 'email'];
      const LIST = [...BASE, 'repo'];
      probe('openid profile,email'); probe(LIST); probe(LIST.join(' ')); probe(encodeURIComponent(['a', 'b'].join(' ')));
      probe(cond ? 'admin' : 'read'); probe('openid ' + extra); probe(unknown);`;
    const results = probe(code, (sc, n) =>
      scopeTokens(sc, n)
        .map((t) => `${t.scope}@${t.node.loc.start.line}`)
        .join(' '),
    );
    expect(results).toEqual([
      'openid@4 profile@4 email@4',
      'openid@2 email@2 repo@3',
      'openid@2 email@2 repo@3',
      'a@4 b@4',
      'admin@5 read@5',
      'openid@5',
      '',
    ]);
  });

  it('reads the scope parameter of URLs and form strings', () => {
    const code = `
      probe(\`https://github.com/login/oauth/authorize?client_id=\${id}&scope=repo%20read:org&state=\${s}\`);
      probe('grant_type=client_credentials&scope=all');
      probe(\`https://gitlab.com/oauth/authorize?scope=\${SCOPES.join('+')}\`);
      probe('https://example.com/?q=1');`;
    const SCOPES = `const SCOPES = ['api', 'read_user'];`;
    const results = probe(SCOPES + code, (sc, n) => {
      const query = scopeQuery(sc, n);
      return query ? `${query.idp ?? '-'}:${query.tokens.map((t) => t.scope).join(' ')}` : null;
    });
    expect(results).toEqual(['github:repo read:org', '-:all', 'gitlab:api read_user', null]);
  });

  it('knows scope keys', () => {
    expect(['scope', 'scopes', 'defaultScopes', 'GMAIL_SCOPES', 'SCOPES', 'scopeRef', 'telescope', 'cssScope'].map(isScopeKey)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('finds the IdP around a scope and in the file', () => {
    const code = `
      import GitHub from 'next-auth/providers/github';
      import { google } from 'googleapis';
      GitHub({ authorization: { params: { scope: probe('a') } } });
      passport.authenticate('gitlab', { scope: probe('b') });
      const grant = { slack: { scope: probe('c') } };
      const cfg = { authorizationURL: 'https://login.salesforce.com/services/oauth2/authorize', scope: probe('d') };
      const none = { scope: probe('e') };`;
    const around = collect(code, 'CallExpression[callee.name="probe"]', (sc, n) => [...idpsAround(sc, n)].join(',') || '-');
    expect(around).toEqual(['github', 'gitlab', 'slack', 'salesforce', '-']);
    const file = collect(code, 'Program', (sc) => [...fileIdps(sc)].sort().join(','));
    expect(file).toEqual(['github,google,salesforce']);
  });
});

describe('broadScopeFindings (analysis)', () => {
  const findings = (code: string, options?: BroadScopeOptions) =>
    collect(code, 'Program', (sourceCode) => broadScopeFindings(sourceCode, options))
      .flat()
      .map((finding) => ({
        line: finding.node.loc.start.line,
        scopes: finding.scopes,
        idp: finding.entry?.idp,
      }));

  it('finds catalog scopes in requests, one finding per line', () => {
    expect(
      findings(`const client = new OAuth2Client({ clientId: ID });
const url = client.generateAuthUrl({ access_type: 'offline', scope: ['https://mail.google.com/', 'https://www.googleapis.com/auth/drive'] });`),
    ).toEqual([{ line: 2, scopes: ['https://mail.google.com/', 'https://www.googleapis.com/auth/drive'], idp: 'google' }]);
  });

  it('reads a scope= parameter in URL text, with the IdP of its host', () => {
    expect(findings('location.href = `https://github.com/login/oauth/authorize?client_id=${ID}&scope=repo`;')).toEqual([
      { line: 1, scopes: ['repo'], idp: 'github' },
    ]);
  });

  it('reports `forbid` scopes without a catalog entry and leaves `allow` scopes alone', () => {
    const code = `authorize({ client_id: ID, redirect_uri: CB, scope: 'write:billing repo', provider: 'github' });`;
    expect(findings(code, { forbid: ['write:*'] })).toEqual([{ line: 1, scopes: ['write:billing', 'repo'], idp: undefined }]);
    expect(findings(code, { allow: ['repo'] })).toEqual([]);
  });

  it('stays silent on denylists, generic names outside a scope parameter, and authorization servers', () => {
    expect(findings(`const BROAD_SCOPES = ['https://mail.google.com/']; const oauth = true;`)).toEqual([]);
    expect(findings(`const adminScopes = ['admin']; const client_id = ID;`)).toEqual([]);
    expect(findings(`import Provider from 'oidc-provider'; new Provider(ISSUER, { scopes: ['https://mail.google.com/'] });`)).toEqual([]);
    expect(findings(`const permissions = { scope: 'all' };`)).toEqual([]);
  });
});
