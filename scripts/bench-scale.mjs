#!/usr/bin/env node
/**
 * bench:scale — the rules on whole real OAuth projects, for reading. Not part of CI.
 *
 *   node scripts/bench-scale.mjs [--mirrors DIR] [--rule ID] [--repo OWNER/NAME] [--json]
 *                                [--sample N] [--seed S] [manifest.jsonl]
 *
 * The manifest (default fixtures/scale/projects.jsonl) pins SDKs, authorization servers and
 * apps by repo and commit. Each is materialised from its local git mirror (see
 * scripts/lib/mirrors.mjs) into the git-ignored `.realworld/` folder and linted the way a user
 * would: ESLint with the plugin's `recommended` config (so test code is out of scope, as the
 * configs say), browser and Node globals, and the usual build output ignored.
 *
 * Prints every finding grouped by rule — repo path:line, the message's first sentence, the
 * source line — then totals per rule and files per second. `--sample N` prints instead a
 * seeded random sample of about N findings, stratified by rule (each rule gets its share, and
 * at least a few when it has them), for a reader to judge; verdicts go in
 * fixtures/scale/verdicts.jsonl. Missing mirrors are listed, never a crash.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
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
const onlyRepo = option('--repo', undefined);
const sampleSize = Number(option('--sample', 0));
const seed = Number(option('--seed', 13));
const asJson = flag('--json');
const manifest = resolve(args[0] ?? join(root, 'fixtures/scale/projects.jsonl'));
const workDir = join(root, '.realworld');

const projects = readFileSync(manifest, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line, index) => {
    const project = JSON.parse(line);
    if (!project.repo || !/^[0-9a-f]{40}$/.test(project.commit ?? ''))
      throw new Error(`${manifest}:${index + 1}: needs "repo" and a 40-hex "commit"`);
    return project;
  })
  .filter((project) => !onlyRepo || project.repo === onlyRepo);

// What a user's config would add around ours: globals for code that runs in both worlds, and
// the build output, bundles and vendored copies nobody lints.
const userConfig = [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/vendor/**', '**/*.min.js', '**/.next/**'] },
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  ...plugin.configs.recommended,
];
if (onlyRule)
  userConfig.push({
    rules: Object.fromEntries(
      Object.keys(plugin.rules)
        .filter((id) => id !== onlyRule)
        .map((id) => [`oauth/${id}`, 'off']),
    ),
  });

const missing = [];
const unreadable = [];
const findings = [];
let fileCount = 0;
let lintMs = 0;
for (const project of projects) {
  const tree = materialise({ mirrors, workDir, repo: project.repo, commit: project.commit });
  if (tree.missing) {
    missing.push(tree.missing);
    continue;
  }
  const eslint = new ESLint({ cwd: tree.folder, overrideConfigFile: true, overrideConfig: userConfig, errorOnUnmatchedPattern: false });
  const started = performance.now();
  const results = await eslint.lintFiles(['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}']);
  lintMs += performance.now() - started;
  for (const result of results) {
    const path = relative(tree.folder, result.filePath);
    // Test code: the user's other config objects still match it, but ours leaves it out.
    const config = await eslint.calculateConfigForFile(result.filePath);
    const active = Object.entries(config?.rules ?? {}).filter(([id, entry]) => {
      const level = Array.isArray(entry) ? entry[0] : entry;
      return id.startsWith('oauth/') && level !== 0 && level !== 'off';
    });
    if (active.length === 0) continue;
    fileCount += 1;
    const lines = result.source?.split('\n') ?? readFileSync(result.filePath, 'utf8').split('\n');
    for (const message of result.messages) {
      // ESLint 10 flags an old `/* eslint-env */` comment as fatal but still runs the rules.
      if (message.fatal && !/eslint-env/.test(message.message)) {
        unreadable.push(`${project.repo} ${path}: ${message.message} (line ${message.line})`);
        continue;
      }
      if (message.fatal || !message.ruleId?.startsWith('oauth/')) continue;
      findings.push({
        repo: project.repo,
        path,
        line: message.line,
        column: message.column,
        rule: message.ruleId.slice('oauth/'.length),
        message: message.message,
        source: (lines[message.line - 1] ?? '').trim().slice(0, 160),
      });
    }
  }
}

/** mulberry32: a small seeded generator, so a sample can be drawn again. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byRule = new Map();
for (const finding of findings) {
  if (!byRule.has(finding.rule)) byRule.set(finding.rule, []);
  byRule.get(finding.rule).push(finding);
}

/** A stratified sample: each rule's share of N (at least 5, or all it has), drawn with the seed. */
function sample(size) {
  const next = random(seed);
  const picked = new Map();
  for (const [rule, list] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const share = Math.min(list.length, Math.max(5, Math.ceil((size * list.length) / findings.length)));
    const shuffled = [...list];
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    picked.set(rule, shuffled.slice(0, share));
  }
  return picked;
}

const shown = sampleSize > 0 ? sample(sampleSize) : byRule;
const seconds = lintMs / 1000;
const summary = {
  projects: projects.length,
  linted: projects.length - missing.length,
  files: fileCount,
  seconds: Number(seconds.toFixed(1)),
  filesPerSecond: Number((fileCount / seconds || 0).toFixed(1)),
  perRule: Object.fromEntries([...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, list]) => [rule, list.length])),
  total: findings.length,
  missing,
  unreadable,
};

if (asJson) {
  console.log(JSON.stringify({ ...summary, findings: [...shown.values()].flat() }, null, 2));
} else {
  for (const [rule, list] of [...shown].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n== ${rule} (${list.length}${sampleSize > 0 ? ` of ${byRule.get(rule).length}` : ''})`);
    for (const finding of list) {
      console.log(`  ${finding.repo} ${finding.path}:${finding.line} — ${finding.message.split('. ')[0]}`);
      console.log(`      ${finding.source}`);
    }
  }
  console.log(
    `\n${summary.linted} of ${summary.projects} projects, ${summary.files} files linted in ${summary.seconds}s (${summary.filesPerSecond} files/s)\n`,
  );
  for (const [rule, count] of Object.entries(summary.perRule)) console.log(`${rule.padEnd(30)} ${String(count).padStart(5)}`);
  console.log(`${'total'.padEnd(30)} ${String(summary.total).padStart(5)}`);
  if (missing.length) console.log(`\nMissing (${missing.length}) — fetch these mirrors:\n  ${missing.join('\n  ')}`);
  if (unreadable.length) console.log(`\nUnreadable files (${unreadable.length}):\n  ${unreadable.join('\n  ')}`);
}
