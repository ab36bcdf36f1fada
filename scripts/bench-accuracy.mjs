#!/usr/bin/env node
/**
 * Accuracy benchmark: lints annotated corpora (default: fixtures/) with the plugin's `all`
 * config and scores every rule against the `// ruleid:` / `// ok:` annotations
 * (format: ../shared/spec/annotations.md).
 *
 *   node scripts/bench-accuracy.mjs [dir-or-file ...] [--json]
 *
 * Prints per rule TP/FP/FN, precision and recall, then every FP and FN as `file:line rule`.
 * Uses the built plugin (dist/), so run `npm run build` first (`npm run bench:accuracy` does).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const plugin = require(join(root, 'dist/src/index.js'));

const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const TS_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);
const CONFIG_FILE = /^eslint\.config\.[cm]?[jt]s$/;

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const targets = args.filter((arg) => !arg.startsWith('--'));
if (targets.length === 0) targets.push(join(root, 'fixtures'));

function listFiles(path) {
  const stat = statSync(path);
  if (stat.isFile()) return EXTENSIONS.has(extname(path)) ? [path] : [];
  const files = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    // A corpus may carry its own ESLint setup (fixtures/example-app does); it is not a corpus file.
    if (CONFIG_FILE.test(entry.name)) continue;
    files.push(...listFiles(join(path, entry.name)));
  }
  return files.sort();
}

// `// ruleid: a, b` or `// ok-next-line: a` at the end of a line (or alone on it).
const MARKER = /\/\/\s*(ruleid|ok)(-next-line)?:\s*([\w@/,-]+(?:\s+[\w@/,-]+)*)\s*$/;

/** Expected findings per line: Map<line, { kind, rules }>. */
export function parseAnnotations(text) {
  const expectations = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const [, kind, nextLine, list] = match;
    const rules = list
      .split(',')
      .map((rule) => rule.trim())
      .filter(Boolean);
    expectations.push({ kind, line: index + 1 + (nextLine ? 1 : 0), rules });
  });
  return expectations;
}

function languageOptionsFor(file) {
  const ext = extname(file);
  const common = { globals: { ...globals.browser, ...globals.node } };
  if (TS_EXTENSIONS.has(ext)) {
    return { ...common, parser: tsParser, parserOptions: { ecmaFeatures: { jsx: ext === '.tsx' } } };
  }
  if (ext === '.cjs') return { ...common, sourceType: 'commonjs', ecmaVersion: 'latest' };
  return { ...common, sourceType: 'module', ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } };
}

// One ESLint instance per parser setup (TS, TSX, CommonJS, module JS), reused across files.
const linters = new Map();
function linterFor(file) {
  const ext = extname(file);
  const kind = TS_EXTENSIONS.has(ext) ? (ext === '.tsx' ? 'tsx' : 'ts') : ext === '.cjs' ? 'cjs' : 'js';
  if (!linters.has(kind)) {
    linters.set(
      kind,
      new ESLint({
        // The filesystem root as base path, so corpora outside the project are linted too.
        cwd: resolve('/'),
        overrideConfigFile: true,
        overrideConfig: [
          // The rules of the `all` config (its last entry), on every corpus file: the
          // config's exclusion of test code is not applied, so corpora may hold test-named files.
          {
            ...plugin.configs.all.at(-1),
            files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
            ignores: [],
            languageOptions: languageOptionsFor(file),
          },
        ],
        // Corpora are linted wherever they are, node_modules included.
        ignorePatterns: ['!**/node_modules/'],
      }),
    );
  }
  return linters.get(kind);
}

async function lintFile(file) {
  try {
    const [result] = await linterFor(file).lintText(readFileSync(file, 'utf8'), { filePath: file });
    return result;
  } catch (error) {
    // A rule that throws is a bug; record it and keep scoring the rest.
    return { messages: [{ fatal: true, line: 0, message: String(error?.message ?? error).split('\n')[0] }] };
  }
}

const ruleIds = Object.keys(plugin.rules)
  .map((id) => `oauth/${id}`)
  .sort();
const stats = new Map(ruleIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
const falsePositives = [];
const falseNegatives = [];
const crashes = [];
const unknownRules = new Set();

const files = targets.flatMap((target) => listFiles(resolve(target)));
const started = performance.now();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const expectations = parseAnnotations(text);
  const result = await lintFile(file);
  const shown = relative(process.cwd(), file);
  const reports = [];
  for (const message of result.messages) {
    if (message.fatal) {
      crashes.push(`${shown}:${message.line} ${message.message}`);
      continue;
    }
    // Notes about inline directives (unused eslint-disable …) have no rule and are not scored.
    if (!message.ruleId) continue;
    if (!message.ruleId.startsWith('oauth/')) continue;
    reports.push({ rule: message.ruleId, start: message.line, end: message.endLine ?? message.line, used: false });
  }
  for (const expectation of expectations) {
    if (expectation.kind !== 'ruleid') continue;
    for (const rule of expectation.rules) {
      if (!stats.has(rule)) {
        // Rules not implemented yet are reported as such rather than scored.
        unknownRules.add(rule);
        continue;
      }
      // Every report of this rule whose range covers the line is accounted for by it (a report
      // that a ruleid line covers is never a false positive); the line counts once as a TP.
      const hits = reports.filter((report) => report.rule === rule && report.start <= expectation.line && expectation.line <= report.end);
      for (const hit of hits) hit.used = true;
      if (hits.length > 0) {
        stats.get(rule).tp += 1;
      } else {
        stats.get(rule).fn += 1;
        falseNegatives.push(`${shown}:${expectation.line} ${rule}`);
      }
    }
  }
  for (const report of reports) {
    if (report.used) continue;
    stats.get(report.rule).fp += 1;
    falsePositives.push(`${shown}:${report.start} ${report.rule}`);
  }
}
const elapsed = performance.now() - started;

const ratio = (a, b) => (b === 0 ? null : a / b);
const rows = ruleIds.map((rule) => {
  const { tp, fp, fn } = stats.get(rule);
  return { rule, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
});
const totals = rows.reduce((sum, row) => ({ tp: sum.tp + row.tp, fp: sum.fp + row.fp, fn: sum.fn + row.fn }), { tp: 0, fp: 0, fn: 0 });

if (asJson) {
  process.stdout.write(
    `${JSON.stringify({ files: files.length, rows, totals, falsePositives, falseNegatives, crashes, unimplemented: [...unknownRules].sort() }, null, 2)}\n`,
  );
} else {
  const format = (value) => (value === null ? '   -  ' : value.toFixed(3).padStart(6));
  const width = Math.max(...ruleIds.map((rule) => rule.length), 10);
  console.log(`Scored ${files.length} files in ${(elapsed / 1000).toFixed(1)} s (config: all)\n`);
  console.log(`${'rule'.padEnd(width)}    TP    FP    FN  precision  recall`);
  for (const row of rows) {
    console.log(
      `${row.rule.padEnd(width)} ${String(row.tp).padStart(5)} ${String(row.fp).padStart(5)} ${String(row.fn).padStart(5)}     ${format(row.precision)}  ${format(row.recall)}`,
    );
  }
  console.log(
    `${'total'.padEnd(width)} ${String(totals.tp).padStart(5)} ${String(totals.fp).padStart(5)} ${String(totals.fn).padStart(5)}     ${format(ratio(totals.tp, totals.tp + totals.fp))}  ${format(ratio(totals.tp, totals.tp + totals.fn))}`,
  );
  console.log(`\nFalse positives (${falsePositives.length}):`);
  for (const line of falsePositives) console.log(`  FP ${line}`);
  console.log(`\nFalse negatives (${falseNegatives.length}):`);
  for (const line of falseNegatives) console.log(`  FN ${line}`);
  if (unknownRules.size > 0) console.log(`\nAnnotated rules not implemented (not scored): ${[...unknownRules].sort().join(', ')}`);
  if (crashes.length > 0) {
    console.log(`\nParse errors or crashes (${crashes.length}):`);
    for (const line of crashes) console.log(`  ${line}`);
  }
}
process.exitCode = crashes.length > 0 ? 1 : 0;
