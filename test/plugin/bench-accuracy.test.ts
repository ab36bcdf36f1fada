/**
 * `npm run bench:accuracy`: scores annotated corpora with the `all` config, each file with
 * the parser its extension implies, and prints per-rule TP/FP/FN, precision, recall and
 * every FP/FN as `file:line rule`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_ENTRY, pickTrigger, ROOT } from './support';

const require = createRequire(__filename);
const plugin = require(DIST_ENTRY) as { rules: Record<string, unknown> };
const trigger = pickTrigger(Object.keys(plugin.rules));

interface Report {
  files: number;
  rows: { rule: string; tp: number; fp: number; fn: number; precision: number | null; recall: number | null }[];
  falsePositives: string[];
  falseNegatives: string[];
  crashes: string[];
  unimplemented: string[];
}

function bench(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-accuracy.mjs'), ...args], { cwd, encoding: 'utf8' });
}

describe('bench:accuracy', () => {
  let corpus = '';
  let reportedCount = 0;
  beforeAll(() => {
    corpus = mkdtempSync(join(tmpdir(), 'oauth-corpus-'));
    mkdirSync(join(corpus, 'nested'));
    // Syntax only one parser accepts: TS types, JSX, CommonJS top-level return, ESM import.
    writeFileSync(join(corpus, 'types.ts'), 'interface Tokens { access_token: string }\nexport const t = {} as Tokens;\n');
    writeFileSync(join(corpus, 'view.tsx'), 'export const View = (p: { name: string }) => <p>{p.name}</p>;\n');
    writeFileSync(join(corpus, 'nested', 'app.jsx'), 'export const App = () => <main />;\n');
    writeFileSync(join(corpus, 'legacy.cjs'), "const x = require('x');\nif (!x) return;\nmodule.exports = x;\n");
    writeFileSync(join(corpus, 'module.mjs'), "import x from 'x';\nexport default await x;\n");
    writeFileSync(join(corpus, 'eslint.config.mjs'), 'export default [];\n');
    writeFileSync(join(corpus, 'notes.md'), '# not code\n');
    writeFileSync(join(corpus, 'unimplemented.js'), 'doSomething(); // ruleid: oauth/not-a-real-rule\n');
    if (trigger) {
      const lines = trigger.code.trimEnd().split('\n');
      // Where the rule reports in the trigger snippet (its first line of each finding).
      const reported = new Set(
        new Linter({ configType: 'flat' })
          .verify(trigger.code, [{ plugins: { oauth: plugin as never }, rules: { [`oauth/${trigger.id}`]: 'error' } }], 'snippet.js')
          .filter((message) => message.ruleId === `oauth/${trigger.id}`)
          .map((message) => message.line),
      );
      const annotate = (marker: string) =>
        lines.map((line, index) => (reported.has(index + 1) ? `${line} // ${marker}: oauth/${trigger.id}` : line)).join('\n');
      // The same code three ways: expected (TP), marked ok (FP), and a ruleid on a clean line (FN).
      expect(reported.size).toBeGreaterThan(0);
      reportedCount = reported.size;
      writeFileSync(join(corpus, 'tp.js'), `${annotate('ruleid')}\n`);
      writeFileSync(join(corpus, 'fp.js'), `${annotate('ok')}\n`);
      writeFileSync(join(corpus, 'fn.js'), `// ruleid-next-line: oauth/${trigger.id}\nexport const nothing = 1;\n`);
    }
  });
  afterAll(() => rmSync(corpus, { recursive: true, force: true }));

  it('parses every file with the parser its extension implies, skipping config files and non-code', () => {
    const result = bench([corpus, '--json']);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.crashes).toEqual([]);
    expect(report.files).toBe(trigger ? 9 : 6);
    expect(report.unimplemented).toEqual(['oauth/not-a-real-rule']);
    expect(result.status).toBe(0);
  });

  it.runIf(trigger)('counts TP, FP and FN per rule and lists every FP and FN as file:line rule', () => {
    const report = JSON.parse(bench([corpus, '--json']).stdout) as Report;
    const row = report.rows.find((entry) => entry.rule === `oauth/${trigger!.id}`);
    expect(row).toMatchObject({ tp: reportedCount, fp: reportedCount, fn: 1 });
    expect(report.falseNegatives.some((line) => /fn\.js:2 oauth\//.test(line))).toBe(true);
    expect(report.falsePositives.every((line) => /fp\.js:\d+ oauth\//.test(line))).toBe(true);
  });

  it('prints the table with precision and recall, then the FP and FN lists', () => {
    const result = bench([corpus]);
    expect(result.stdout).toMatch(/^rule\s+TP\s+FP\s+FN\s+precision\s+recall$/m);
    expect(result.stdout).toMatch(/^total\s+\d+\s+\d+\s+\d+/m);
    expect(result.stdout).toMatch(/^False positives \(\d+\):$/m);
    expect(result.stdout).toMatch(/^False negatives \(\d+\):$/m);
    expect(result.stdout).toContain('not scored');
    for (const id of Object.keys(plugin.rules)) expect(result.stdout).toMatch(new RegExp(`^oauth/${id}\\s+\\d+\\s+\\d+\\s+\\d+`, 'm'));
    if (trigger) expect(result.stdout).toMatch(new RegExp(`^  FN \\S*fn\\.js:2 oauth/${trigger.id}$`, 'm'));
  });

  it('scores fixtures/ by default, where every rule is at 0 FP / 0 FN with findings to score', () => {
    const report = JSON.parse(bench(['--json']).stdout) as Report;
    expect(report.files).toBeGreaterThan(0);
    expect(report.crashes).toEqual([]);
    expect(report.unimplemented).toEqual([]);
    expect({ falsePositives: report.falsePositives, falseNegatives: report.falseNegatives }).toEqual({
      falsePositives: [],
      falseNegatives: [],
    });
    // Every rule has true positives in the fixtures, so the zeros above mean something.
    expect(report.rows.filter((row) => row.tp === 0).map((row) => row.rule)).toEqual([]);
  }, 120_000);
});
