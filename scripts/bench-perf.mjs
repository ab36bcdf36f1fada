#!/usr/bin/env node
/**
 * Speed and memory benchmark. Prints figures; asserts nothing (timings belong here, not in tests).
 *
 *   node scripts/bench-perf.mjs [--rounds N]
 *
 * Two corpora:
 *  - "plain": JavaScript sources with nothing OAuth-ish in them (ESLint's own lib/ from
 *    node_modules), where every rule should cost next to nothing;
 *  - "oauth": the project's annotated fixtures, where the rules do their real work.
 * Each is linted with no rules (baseline: parsing and scope analysis) and with the `all`
 * config, and ESLint's per-rule `stats` give the time each rule spent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const plugin = require(join(root, 'dist/src/index.js'));

const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag === -1 ? 3 : Number(process.argv[roundsFlag + 1]);

function listFiles(dir, extensions) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path, extensions));
    else if (extensions.has(extname(entry.name)) && !entry.name.startsWith('eslint.config')) files.push(path);
  }
  return files.sort();
}

const eslintLib = join(root, 'node_modules/eslint/lib');
const corpora = {
  plain: listFiles(eslintLib, new Set(['.js'])).filter((file) => statSync(file).size < 200_000),
  oauth: listFiles(join(root, 'fixtures'), new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs'])),
};

function configFor(withRules) {
  return [
    {
      files: ['**/*.{js,mjs,cjs,jsx}'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        globals: { ...globals.browser, ...globals.node },
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser, globals: { ...globals.browser, ...globals.node } } },
    // The baseline runs one cheap core rule, so ESLint does the same per-file work (scope
    // analysis, traversal) in both runs and the difference is the plugin's.
    { files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'], rules: { 'no-debugger': 'error' } },
    // The rules of the `all` config (its last entry) on every file, test-named ones included.
    ...(withRules ? [{ ...plugin.configs.all.at(-1), files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'], ignores: [] }] : []),
  ];
}

async function run(files, withRules) {
  const eslint = new ESLint({
    cwd: resolve('/'),
    overrideConfigFile: true,
    overrideConfig: configFor(withRules),
    ignorePatterns: ['!**/node_modules/'],
    allowInlineConfig: false,
    stats: true,
  });
  const texts = files.map((file) => [file, readFileSync(file, 'utf8')]);
  let best = Infinity;
  const ruleTimes = new Map();
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const [file, text] of texts) {
      const [result] = await eslint.lintText(text, { filePath: file });
      if (round !== rounds - 1) continue;
      for (const pass of result.stats?.times?.passes ?? []) {
        for (const [rule, timing] of Object.entries(pass.rules ?? {}))
          if (rule.startsWith('oauth/')) ruleTimes.set(rule, (ruleTimes.get(rule) ?? 0) + timing.total);
      }
    }
    best = Math.min(best, performance.now() - started);
  }
  return { best, ruleTimes };
}

const heapBefore = process.memoryUsage().heapUsed;
console.log(`Node ${process.version}; best of ${rounds} rounds\n`);
for (const [name, files] of Object.entries(corpora)) {
  if (files.length === 0) continue;
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const baseline = await run(files, false);
  const withPlugin = await run(files, true);
  const pluginTotal = [...withPlugin.ruleTimes.values()].reduce((a, b) => a + b, 0);
  console.log(`${name}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`  lint, no oauth rules ${baseline.best.toFixed(0).padStart(6)} ms  (${(baseline.best / files.length).toFixed(2)} ms/file)`);
  console.log(
    `  lint with "all"     ${withPlugin.best.toFixed(0).padStart(6)} ms  (${(withPlugin.best / files.length).toFixed(2)} ms/file)`,
  );
  console.log(
    `  time in oauth rules ${pluginTotal.toFixed(1).padStart(6)} ms  (${((pluginTotal / files.length) * 1000).toFixed(0)} µs/file)`,
  );
  const slowest = [...withPlugin.ruleTimes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  for (const [rule, ms] of slowest) console.log(`    ${rule.padEnd(36)} ${ms.toFixed(2).padStart(8)} ms`);
  console.log('');
}
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  `heap used: ${(heapBefore / 2 ** 20).toFixed(0)} MiB before, ${(heapAfter / 2 ** 20).toFixed(0)} MiB after; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
