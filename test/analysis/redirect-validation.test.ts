import { describe, expect, it } from 'vitest';
import { redirectValidationFindings } from '../../src/analysis/redirect-validation';
import { collect } from '../helpers/analyze';

/** The findings of a snippet as `kind@line` plus the message data. */
function findings(code: string): { kind: string; line: number; data?: Readonly<Record<string, string>> }[] {
  return collect(code, 'Program', (sourceCode) => redirectValidationFindings(sourceCode))
    .flat()
    .map((finding) => ({ kind: finding.kind, line: finding.node.loc.start.line, ...(finding.data ? { data: finding.data } : {}) }));
}

describe('redirectValidationFindings', () => {
  it('reports a redirect to request input with no check', () => {
    expect(findings(`app.get('/done', (req, res) => {\n  res.redirect(req.query.returnTo || '/');\n});`)).toEqual([
      { kind: 'unvalidated', line: 2, data: { name: 'returnTo' } },
    ]);
  });

  it('reports a relative-path check that lets `//evil` through, and accepts one that refuses it', () => {
    const loose = `app.get('/finish', (req, res) => {
  const { next } = req.query;
  if (typeof next === 'string' && next.startsWith('/')) return res.redirect(next);
  return res.redirect('/');
});`;
    expect(findings(loose).map((finding) => finding.kind)).toEqual(['relativeIncomplete']);
    const strict = loose.replace("next.startsWith('/')", "next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\')");
    expect(findings(strict)).toEqual([]);
  });

  it('accepts a relative path that is only appended to an origin in the accepted branch', () => {
    const joined = `app.get('/finish', (req, res) => {
  const next = req.query.next;
  if (next.startsWith('/')) return res.redirect(\`\${APP_ORIGIN}\${next}\`);
  return res.redirect('/');
});`;
    expect(findings(joined)).toEqual([]);
    expect(findings(joined.replace('`${APP_ORIGIN}${next}`', '`${next}`')).map((finding) => finding.kind)).toEqual(['relativeIncomplete']);
  });

  it('judges a validator function whose callers are out of sight', () => {
    const found = findings(`export function isSafeRedirect(url) {\n  return url.startsWith('https://app.example.com');\n}`);
    expect(found).toEqual([{ kind: 'looseCheck', line: 2, data: { how: 'prefix', method: expect.any(String) } }]);
  });

  it('reports loose registered redirect URIs, not exact https ones or the loopback', () => {
    const found = findings(
      `const client = { client_id: 'a', redirect_uris: ['https://*.example.com/cb', 'http://app.example.com/cb', 'https://app.example.com/cb', 'http://127.0.0.1/cb'] };`,
    );
    expect(found.map((finding) => finding.kind)).toEqual(['wildcardRegistration', 'httpRegistration']);
  });

  it('reports a next-auth redirect callback that hands `url` back unchecked', () => {
    expect(findings(`export const authOptions = { callbacks: { redirect({ url, baseUrl }) { return url; } } };`)).toEqual([
      { kind: 'unvalidated', line: 1, data: { name: 'url' } },
    ]);
    expect(
      findings(
        `export const authOptions = { callbacks: { redirect({ url, baseUrl }) { return url.startsWith(baseUrl + '/') ? url : baseUrl; } } };`,
      ).map((finding) => finding.kind),
    ).not.toContain('unvalidated');
  });

  it('is silent on files without redirects', () => {
    expect(findings(`const x = req.query.next; console.log(x);`)).toEqual([]);
  });
});
