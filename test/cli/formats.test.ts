/**
 * The report formats on hand-made reports: escaping in HTML, and the CVSS scores behind
 * SARIF's `security-severity`.
 */
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/catalog';
import { baseScore } from '../../src/cli/cvss';
import { formatHtml } from '../../src/cli/formats/html';
import type { Report } from '../../src/cli/report';
import { RULE_SEVERITY } from '../../src/knowledge/severity';

const HOSTILE = `<script>alert("x")</script> & 'quoted'`;

function report(overrides: Partial<Report> = {}): Report {
  return {
    tool: { name: 'oauth-lint', version: '1.0.0', informationUri: 'https://example.com' },
    cwd: '/project',
    config: 'recommended',
    results: [
      {
        filePath: `/project/src/${HOSTILE}.js`,
        messages: [{ ruleId: 'oauth/require-pkce', severity: 2, message: HOSTILE, line: 3, column: 7 }],
        suppressedMessages: [],
        errorCount: 1,
        warningCount: 0,
        fatalErrorCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ],
    rulesMeta: {
      'oauth/require-pkce': { docs: { url: 'https://example.com/require-pkce.md' } },
      // A URL that must never become a link.
      'oauth/no-password-grant': { docs: { url: 'javascript:alert(1)' } },
    },
    ruleLevels: { 'oauth/require-pkce': 'error' },
    notLinted: [{ filePath: `/project/${HOSTILE}.ts`, reason: 'parse-error', message: HOSTILE, line: 1, column: 1 }],
    filesLinted: 1,
    excluded: { tests: 0, generated: 0, gitignored: 0 },
    includeTests: false,
    ...overrides,
  } as Report;
}

describe('HTML', () => {
  it('escapes messages, file names and not-linted entries', () => {
    const html = formatHtml(report());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"x"');
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;';
    expect(html).toContain(`<td>${escaped}</td>`);
    expect(html).toContain(`<h2>src/${escaped}.js</h2>`);
    expect(html).toContain(`<code>${escaped}.ts:1:1</code> ${escaped}`);
    expect(html).toContain('<a href="https://example.com/require-pkce.md">oauth/require-pkce</a>');
  });

  it('links only http(s) rule URLs', () => {
    const base = report();
    const html = formatHtml({
      ...base,
      results: [{ ...base.results[0], messages: [{ ...base.results[0].messages[0], ruleId: 'oauth/no-password-grant' }] }],
    });
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<td>oauth/no-password-grant</td>');
  });

  it('forbids scripts and remote loads by its own Content-Security-Policy', () => {
    expect(formatHtml(report())).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });
});

describe('CVSS 3.1 base scores', () => {
  it.each([
    // Reference scores from FIRST's CVSS 3.1 calculator.
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
    ['AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
    ['AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L', 3.7],
    ['AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s scores %s', (vector, score) => {
    expect(baseScore(vector)).toBe(score);
  });

  it('rejects malformed vectors', () => {
    expect(() => baseScore('AV:N/AC:L')).toThrow(/lacks PR/);
    expect(() => baseScore('AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toThrow(/AV has no value X/);
  });

  it('every rule has a valid vector, CWE ids and a reason', () => {
    for (const id of RULE_IDS) {
      const severity = RULE_SEVERITY[id];
      expect(baseScore(severity.vector), id).toBeGreaterThan(0);
      expect(severity.cwe.length, id).toBeGreaterThan(0);
      expect(severity.why.length, id).toBeGreaterThan(40);
    }
  });
});
