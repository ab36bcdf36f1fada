#!/usr/bin/env node
/**
 * Real code as the benchmark: scores the rules on labelled spots in public repositories.
 *
 *   node scripts/bench-realworld.mjs [--mirrors DIR] [--rule ID] [--json] [--unlabelled] [manifest.jsonl ...]
 *
 * The manifest (default: every fixtures/realworld/*.jsonl) holds pointers and labels only —
 * repo, commit, path, line, rule, verdict (VULN / SAFE / UNSURE), note — in the format of
 * shared/spec/realworld-labels.md. The labelled repositories are read from local git mirrors
 * (default: $OAUTH_MIRRORS or /work/.mirror, one `owner+name` folder each, as the search
 * tool's `fetch` lays them out) and each labelled commit's tree is materialised into the
 * git-ignored `.realworld/` folder, so that imports between a repository's own modules resolve
 * as in the real project. Missing mirrors or commits are listed, never guessed.
 *
 * Scoring: a VULN is found when the rule reports within ±3 lines of `line`; a SAFE is a false
 * positive when the rule reports within ±3 lines (a finding belongs to the nearest label of its
 * rule, so a VULN next to a SAFE look-alike does not make the SAFE a false positive). UNSURE rows are scored apart. Findings of a
 * rule near no label of that rule are listed with --unlabelled (they may be true).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import svelteParser from 'svelte-eslint-parser';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';
import { DEFAULT_MIRRORS, materialise } from './lib/mirrors.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const plugin = require(join(root, 'dist/src/index.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  if (index === -1) return fallback;
  const [value] = args.splice(index, 2).slice(1);
  return value;
};
const flag = (name) => {
  const index = args.indexOf(name);
  if (index !== -1) args.splice(index, 1);
  return index !== -1;
};
const mirrors = resolve(option('--mirrors', DEFAULT_MIRRORS));
const onlyRule = option('--rule', undefined);
const asJson = flag('--json');
const showUnlabelled = flag('--unlabelled');
const manifestDir = join(root, 'fixtures/realworld');
const manifests = args.length
  ? args.map((file) => resolve(file))
  : readdirSync(manifestDir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => join(manifestDir, name));
const workDir = join(root, '.realworld');
const WINDOW = 3;
const VERDICTS = new Set(['VULN', 'SAFE', 'UNSURE']);

// ---- labels ----------------------------------------------------------------------------
const labels = [];
for (const manifest of manifests) {
  readFileSync(manifest, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      const label = JSON.parse(line);
      const where = `${manifest}:${index + 1}`;
      for (const field of ['repo', 'commit', 'path', 'line', 'rule', 'verdict'])
        if (label[field] === undefined) throw new Error(`${where}: missing "${field}"`);
      if (!VERDICTS.has(label.verdict)) throw new Error(`${where}: verdict must be VULN, SAFE or UNSURE`);
      if (!plugin.rules[label.rule]) throw new Error(`${where}: unknown rule "${label.rule}"`);
      if (!/^[0-9a-f]{40}$/.test(label.commit)) throw new Error(`${where}: commit must be 40 hex digits`);
      if (!onlyRule || label.rule === onlyRule) labels.push({ ...label, where });
    });
}

// ---- materialise -----------------------------------------------------------------------
const missing = [];
const trees = new Map(); // repo@commit → folder
for (const { repo, commit } of labels) {
  const key = `${repo}@${commit}`;
  if (trees.has(key)) continue;
  const tree = materialise({ mirrors, workDir, repo, commit });
  if (tree.missing) missing.push(tree.missing);
  trees.set(key, tree.folder);
}

// ---- lint ------------------------------------------------------------------------------
const linter = new Linter({ configType: 'flat', cwd: '/' });
const ruleIds = onlyRule ? [onlyRule] : Object.keys(plugin.rules);
const rules = Object.fromEntries(ruleIds.map((id) => [`oauth/${id}`, 'error']));
const languageGlobals = { ...globals.browser, ...globals.node };

function configFor(file) {
  const extension = extname(file);
  let languageOptions;
  if (extension === '.vue' || extension === '.svelte') {
    // Single-file components: the framework parser reads the template, the TypeScript parser
    // the <script> block (it reads plain JS too), as a Vue or Svelte project configures them.
    languageOptions = {
      parser: extension === '.vue' ? vueParser : svelteParser,
      parserOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 'latest', extraFileExtensions: ['.vue', '.svelte'] },
      globals: languageGlobals,
    };
  } else if (['.ts', '.tsx', '.mts', '.cts'].includes(extension)) {
    languageOptions = { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: extension === '.tsx' } }, globals: languageGlobals };
  } else {
    const script = extension === '.cjs';
    languageOptions = {
      ecmaVersion: 'latest',
      sourceType: script ? 'commonjs' : 'module',
      parserOptions: { ecmaFeatures: { jsx: !script } },
      globals: languageGlobals,
    };
  }
  // ESLint's flat config matches `.ts`/`.tsx`/`.mts`/`.cts`/`.jsx` only when a pattern names the
  // extension (`**/*` alone leaves them unlinted with a line-0 "No matching configuration").
  return [{ files: ['**/*', '**/*.{ts,tsx,mts,cts,jsx,vue,svelte}'], languageOptions, plugins: { oauth: plugin }, rules }];
}

// TypeScript files and components are parsed one way only; plain JS gets script and TS-parser retries.
const NO_RETRY = new Set(['.ts', '.tsx', '.mts', '.cts', '.vue', '.svelte']);
const findingsByFile = new Map();
const unreadable = [];
function findingsOf(folder, path) {
  const file = join(folder, path);
  if (findingsByFile.has(file)) return findingsByFile.get(file);
  let findings;
  if (!existsSync(file)) {
    unreadable.push(`${path}: not in the materialised tree`);
  } else {
    const text = readFileSync(file, 'utf8');
    let messages = linter.verify(text, configFor(file), file);
    // A module that is not ESM: parse it again as a script.
    if (messages.some((message) => message.fatal) && !NO_RETRY.has(extname(file))) {
      const config = configFor(file);
      config[0].languageOptions.sourceType = 'script';
      const retry = linter.verify(text, config, file);
      if (!retry.some((message) => message.fatal)) messages = retry;
    }
    // Flow or TypeScript syntax in a .js file: the TypeScript parser reads both well enough.
    if (messages.some((message) => message.fatal) && !NO_RETRY.has(extname(file))) {
      const config = configFor(file);
      config[0].languageOptions = { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } }, globals: languageGlobals };
      const retry = linter.verify(text, config, file);
      if (!retry.some((message) => message.fatal)) messages = retry;
    }
    // A fatal parse error, or ESLint's own notice that no configuration applied to the file.
    const fatal = messages.find((message) => message.fatal || (message.ruleId === null && message.line === 0));
    if (fatal) unreadable.push(`${path}: ${fatal.message} (line ${fatal.line})`);
    findings = messages.filter((message) => !message.fatal && message.ruleId?.startsWith('oauth/'));
  }
  findingsByFile.set(file, findings);
  return findings;
}

const perRule = new Map(ruleIds.map((id) => [id, { tp: 0, fn: 0, fp: 0, tn: 0, unsureReported: 0, unsureSilent: 0 }]));
const misses = [];
const falsePositives = [];
const unscored = [];
for (const label of labels) {
  const folder = trees.get(`${label.repo}@${label.commit}`);
  if (!folder) {
    unscored.push(label);
    continue;
  }
  const findings = findingsOf(folder, label.path);
  if (!findings) {
    unscored.push(label);
    continue;
  }
  const distance = (finding, line) =>
    line < finding.line ? finding.line - line : line > (finding.endLine ?? finding.line) ? line - (finding.endLine ?? finding.line) : 0;
  const sameSpot = labels.filter(
    (other) =>
      other !== label &&
      other.repo === label.repo &&
      other.commit === label.commit &&
      other.path === label.path &&
      other.rule === label.rule,
  );
  // A finding belongs to the nearest label of its rule: a VULN two lines from a SAFE look-alike
  // is found by a finding on the VULN's line without that finding counting against the SAFE.
  const near = findings.filter(
    (finding) =>
      finding.ruleId === `oauth/${label.rule}` &&
      distance(finding, label.line) <= WINDOW &&
      !sameSpot.some((other) => distance(finding, other.line) < distance(finding, label.line)),
  );
  const score = perRule.get(label.rule);
  const reported = near.length > 0;
  if (label.verdict === 'VULN') {
    if (reported) score.tp += 1;
    else {
      score.fn += 1;
      misses.push(label);
    }
  } else if (label.verdict === 'SAFE') {
    if (reported) {
      score.fp += 1;
      falsePositives.push({ ...label, message: near[0].message });
    } else score.tn += 1;
  } else if (reported) score.unsureReported += 1;
  else score.unsureSilent += 1;
}

// Findings near no label of their rule, for reading.
const unlabelled = [];
for (const [key, folder] of trees) {
  if (!folder) continue;
  const [repo, commit] = key.split('@');
  const paths = new Set(labels.filter((label) => label.repo === repo && label.commit === commit).map((label) => label.path));
  for (const path of paths) {
    for (const finding of findingsOf(folder, path) ?? []) {
      const rule = finding.ruleId.slice('oauth/'.length);
      const labelled = labels.some(
        (label) => label.repo === repo && label.path === path && label.rule === rule && Math.abs(label.line - finding.line) <= WINDOW,
      );
      if (!labelled) unlabelled.push({ repo, commit, path, line: finding.line, rule, message: finding.message });
    }
  }
}

// ---- report ----------------------------------------------------------------------------
const ratio = (a, b) => (b === 0 ? null : a / b);
const totals = { tp: 0, fn: 0, fp: 0, tn: 0, unsureReported: 0, unsureSilent: 0 };
for (const score of perRule.values()) for (const key of Object.keys(totals)) totals[key] += score[key];
const summary = {
  labels: labels.length,
  repositories: new Set(labels.map((label) => label.repo)).size,
  scored: labels.length - unscored.length,
  perRule: Object.fromEntries(
    [...perRule].map(([id, s]) => [id, { ...s, precision: ratio(s.tp, s.tp + s.fp), recall: ratio(s.tp, s.tp + s.fn) }]),
  ),
  total: { ...totals, precision: ratio(totals.tp, totals.tp + totals.fp), recall: ratio(totals.tp, totals.tp + totals.fn) },
  missing,
  unreadable,
  misses: misses.map(({ where: _where, ...label }) => label),
  falsePositives: falsePositives.map(({ where: _where, ...label }) => label),
  unlabelled,
};

if (asJson) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const format = (value) => (value === null ? '    -' : value.toFixed(3));
  console.log(
    `${summary.labels} labels from ${summary.repositories} repositories (${manifests.length} manifest files); ${summary.scored} scored\n`,
  );
  console.log(
    `${'rule'.padEnd(30)} ${'TP'.padStart(4)} ${'FN'.padStart(4)} ${'FP'.padStart(4)} ${'TN'.padStart(4)}  precision  recall  unsure(rep/silent)`,
  );
  for (const [id, s] of Object.entries(summary.perRule)) {
    console.log(
      `${id.padEnd(30)} ${String(s.tp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.tn).padStart(4)}  ${format(s.precision).padStart(9)}  ${format(s.recall).padStart(6)}  ${s.unsureReported}/${s.unsureSilent}`,
    );
  }
  const t = summary.total;
  console.log(
    `${'total'.padEnd(30)} ${String(t.tp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.tn).padStart(4)}  ${format(t.precision).padStart(9)}  ${format(t.recall).padStart(6)}  ${t.unsureReported}/${t.unsureSilent}`,
  );
  const row = (label) => `  ${label.repo} ${label.path}:${label.line} ${label.rule} — ${label.note ?? ''}`;
  console.log(`\nMissed VULN (${misses.length}):`);
  for (const label of misses) console.log(row(label));
  console.log(`\nFalse positives on SAFE (${falsePositives.length}):`);
  for (const label of falsePositives) console.log(`${row(label)}\n      reported: ${label.message.split('. ')[0]}`);
  if (missing.length) console.log(`\nMissing (${missing.length}) — fetch these mirrors to score their labels:\n  ${missing.join('\n  ')}`);
  if (unreadable.length) console.log(`\nUnreadable files (${unreadable.length}):\n  ${unreadable.join('\n  ')}`);
  console.log(`\nFindings near no label: ${unlabelled.length}${showUnlabelled ? '' : ' (--unlabelled lists them)'}`);
  if (showUnlabelled)
    for (const finding of unlabelled)
      console.log(`  ${finding.repo} ${finding.path}:${finding.line} ${finding.rule} — ${finding.message.split('. ')[0]}`);
}
