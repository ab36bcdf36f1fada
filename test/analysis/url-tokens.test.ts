import { describe, expect, it } from 'vitest';
import { urlTokenFindings } from '../../src/analysis/url-tokens';
import { collect } from '../helpers/analyze';

/** `place:token@line:column` of every finding in the snippet. */
function findings(code: string): string[] {
  return collect(code, 'Program', (sourceCode) =>
    urlTokenFindings(sourceCode).map(
      (finding) => `${finding.place}:${finding.token}@${finding.node.loc.start.line}:${finding.node.loc.start.column}`,
    ),
  ).flat();
}

describe('url-tokens: bearer credentials in URLs', () => {
  it('finds OAuth tokens put in query strings, by parameter name or by value', () => {
    const code = [
      'await fetch(`${API}/me?access_token=${accessToken}`);',
      'const url = new URL(API); url.searchParams.set("token", tokens.refresh_token);',
      'await fetch(`${API}/me?token=${encodeURIComponent(session)}`);',
    ].join('\n');
    expect(findings(code)).toEqual(['query:access@1:12', 'query:refresh@2:26']);
  });

  it('finds a token the app signs itself, unless the link is a one-time link', () => {
    const code = [
      `import jwt from 'jsonwebtoken';`,
      'const session = jwt.sign({ sub: user.id }, KEY);',
      'res.redirect(`${APP}/home?token=${session}`);',
      'const resetLink = `${APP}/reset-password?token=${jwt.sign({ sub: user.id }, KEY)}`;',
    ].join('\n');
    expect(findings(code)).toEqual(['query:issued@3:13']);
  });

  it('finds a token as a path segment of a redirect and as the OAuth state', () => {
    const code = [
      'res.redirect(`https://app.example.com/done/${tokens.access_token}`);',
      `import { google } from 'googleapis';`,
      'const client = new google.auth.OAuth2(ID, SECRET, CALLBACK);',
      'client.generateAuthUrl({ scope: ["openid"], state: tokens.access_token });',
    ].join('\n');
    expect(findings(code)).toEqual(['query:access@4:44', 'path:access@1:45']);
  });

  it('finds tokens read from the query: members, destructuring, search params, bearer uses of a generic name', () => {
    const code = [
      `app.get('/a', (req, res) => {`,
      '  const a = req.query.access_token;',
      '  const { id_token } = req.query;',
      `  const b = new URL(req.url).searchParams.get('refresh_token');`,
      '  jwt.verify(req.query.token, KEY);',
      '});',
    ].join('\n');
    expect(findings(code)).toEqual(['read:access@2:12', 'read:id@3:10', 'read:refresh@4:12', 'read:access@5:13']);
  });

  it('stays silent on allowed OIDC parameters, fragments, headers, one-time tokens and comparisons', () => {
    const code = [
      'const logout = `${ISSUER}/logout?id_token_hint=${idToken}`;',
      'const fragment = new URLSearchParams(location.hash.slice(1)); fragment.get("access_token");',
      'await fetch(API, { headers: { Authorization: `Bearer ${accessToken}` } });',
      `app.get('/verify-email', (req) => users.confirmEmail(req.query.token));`,
      'if (url === `${API}?access_token=${accessToken}`) done();',
    ].join('\n');
    expect(findings(code)).toEqual([]);
    expect(findings('const x = 1;')).toEqual([]);
  });
});
