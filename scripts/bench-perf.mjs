#!/usr/bin/env node
/**
 * Speed and memory benchmark. Prints figures; asserts nothing (timings belong here, not in tests).
 *
 *   node scripts/bench-perf.mjs [--rounds N] [--limit N] [--noop-rules]      (5 rounds by default)
 *
 * `--noop-rules` runs the same benchmark with every rule of the plugin replaced by one that does
 * nothing (same ids, meta and options, one empty `Program:exit` listener): the ratio it prints is
 * ESLint's own cost of enabling that many rules, the floor under the plugin's ratio.
 *
 * Corpora:
 *  - "real": every JS/TS source file of the project's installed dependencies (node_modules,
 *    declaration files and files over 400 KB left out) — several thousand files of real code,
 *    most of it OAuth-free, some of it OAuth-heavy (oidc-provider, jose, oauth4webapi);
 *  - "fixtures": the project's annotated corpora, where the rules do their real work.
 * Each corpus is linted in rounds that alternate a run without the plugin and a run with the
 * `all` config, in one process, chunk by chunk (250 files, ABBA order: a busy spell of the
 * machine hits both alike); the medians of each and their ratio are printed. Both runs
 * keep one cheap core rule on, so ESLint does the same per-file work (scope analysis,
 * traversal) and the difference is the plugin's. The timed runs have ESLint's `stats` off, as
 * users run it; two more runs with `stats` on, in opposite rule orders, give each file's parse
 * time and each rule's own time (per file and rule the smaller of the two: see combineRuns) and
 * the per-file work the rules share, which ESLint bills to whichever rule it creates first.
 *
 * Targets (issue "One analysis engine"): ratio ≤ 1.05 on "real"; no rule over 1% of the
 * total lint time (a rule's own time; the shared work is printed on its own line); no file
 * whose rule time (shared work included) exceeds 3× its parse time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const builtPlugin = require(join(root, 'dist/src/index.js'));
const noopRules = process.argv.includes('--noop-rules');
/** The plugin, or with `--noop-rules` the same plugin whose rules do nothing. */
const plugin = noopRules
  ? {
      ...builtPlugin,
      rules: Object.fromEntries(
        Object.entries(builtPlugin.rules).map(([id, rule]) => [
          id,
          { meta: rule.meta, defaultOptions: rule.defaultOptions, create: () => ({ 'Program:exit'() {} }) },
        ]),
      ),
    }
  : builtPlugin;

const flag = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const rounds = flag('--rounds', 5);
const limit = flag('--limit', Infinity);

const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts']);
const MAX_BYTES = 400_000;
/** Files per chunk of the timed runs' alternation (a chunk of the real corpus lints in a few seconds). */
const CHUNK_FILES = 250;

function listFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (
      entry.isFile() &&
      SOURCE_EXTENSIONS.has(extname(entry.name)) &&
      !/\.d\.[cm]?ts$/.test(entry.name) &&
      !entry.name.startsWith('eslint.config')
    )
      files.push(path);
  }
  return files.sort();
}

const corpora = {
  real: listFiles(join(root, 'node_modules'))
    .filter((file) => statSync(file).size <= MAX_BYTES)
    .slice(0, limit),
  fixtures: listFiles(join(root, 'fixtures')),
};

const ALL_FILES = ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'];

/** The `all` config's rules, in its order or reversed (ESLint creates a file's rules in the order the config lists them). */
function allRules(reversed) {
  const rules = Object.entries(plugin.configs.all.at(-1).rules);
  return Object.fromEntries(reversed ? rules.reverse() : rules);
}

function configFor(withPlugin, reversed = false) {
  return [
    {
      files: ['**/*.{js,mjs,jsx}'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        globals: { ...globals.browser, ...globals.node },
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } } },
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser, globals: { ...globals.browser, ...globals.node } } },
    { files: ALL_FILES, rules: { 'no-debugger': 'error' } },
    // The rules of the `all` config (its last entry) on every file, test-named ones included.
    ...(withPlugin
      ? [{ ...plugin.configs.all.at(-1), plugins: { oauth: plugin }, rules: allRules(reversed), files: ALL_FILES, ignores: [] }]
      : []),
  ];
}

function makeLinter(withPlugin, stats, reversed = false) {
  return new ESLint({
    cwd: resolve('/'),
    overrideConfigFile: true,
    overrideConfig: configFor(withPlugin, reversed),
    ignorePatterns: ['!**/node_modules/'],
    allowInlineConfig: false,
    stats,
  });
}

/** One run over the corpus: wall time, and per-file parse/rule times and per-rule totals from ESLint's stats. */
async function lintAll(eslint, texts) {
  const perFile = [];
  const ruleTimes = new Map();
  let crashes = 0;
  const started = performance.now();
  for (const [file, text] of texts) {
    let result;
    try {
      [result] = await eslint.lintText(text, { filePath: file });
    } catch (error) {
      // A rule that throws aborts the file's lint: that is a crash. A file the parser rejects is not.
      crashes += 1;
      console.error(`crash in ${file}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      continue;
    }
    let parse = 0;
    let rules = 0;
    const byRule = new Map();
    for (const pass of result.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, timing] of Object.entries(pass.rules ?? {})) {
        if (!rule.startsWith('oauth/')) continue;
        rules += timing.total;
        byRule.set(rule, (byRule.get(rule) ?? 0) + timing.total);
        ruleTimes.set(rule, (ruleTimes.get(rule) ?? 0) + timing.total);
      }
    }
    perFile.push({ file, parse, rules, byRule });
  }
  return { wall: performance.now() - started, perFile, ruleTimes, crashes };
}

/**
 * Two stats runs combined, one with the rules in the config's order and one with the order
 * reversed. ESLint creates a file's rules in config order, and the per-file work every rule
 * shares (the literal scan of the text, the file's imports, the minified check) is done by
 * whichever rule asks first, so ESLint bills it to the first rule it creates. Per file and rule
 * the smaller of the two times is that rule's own cost: in one of the two runs it was not
 * first. The same minimum filters garbage-collection pauses, which land in whatever code
 * allocates when the heap fills — often a rule on a tiny file — and rarely in the same place
 * twice. A file's rule time is the smaller of its two totals, shared work included; the shared
 * work is what that total holds beyond the rules' own costs. The wall time is the first run's.
 */
function combineRuns(first, second) {
  const secondByFile = new Map(second.perFile.map((entry) => [entry.file, entry]));
  const perFile = [];
  const ruleTimes = new Map();
  let shared = 0;
  for (const entry of first.perFile) {
    const other = secondByFile.get(entry.file);
    if (!other) continue;
    const byRule = new Map();
    let own = 0;
    for (const [rule, time] of entry.byRule) {
      const fastest = Math.min(time, other.byRule.get(rule) ?? time);
      byRule.set(rule, fastest);
      own += fastest;
      ruleTimes.set(rule, (ruleTimes.get(rule) ?? 0) + fastest);
    }
    const rules = Math.min(entry.rules, other.rules);
    shared += Math.max(0, rules - own);
    perFile.push({ file: entry.file, parse: Math.min(entry.parse, other.parse), rules, byRule });
  }
  return { wall: first.wall, perFile, ruleTimes, shared, crashes: Math.max(first.crashes, second.crashes) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(0)} ms`;
const verdict = (ok) => (ok ? 'ok  ' : 'MISS');

console.log(`Node ${process.version}; ${rounds} alternating rounds per corpus (median)\n`);
if (noopRules) console.log("--noop-rules: every rule replaced by one that does nothing (ESLint's own cost of the rules)\n");
let peakRss = process.memoryUsage().rss;
for (const [name, files] of Object.entries(corpora)) {
  if (files.length === 0) continue;
  const texts = files.map((file) => [file, readFileSync(file, 'utf8')]);
  const bytes = texts.reduce((sum, [, text]) => sum + text.length, 0);
  // Timed runs without ESLint's stats, as users run it: stats wrap every listener call in a
  // timer, which costs the side with more listeners more and would inflate the ratio.
  const without = makeLinter(false, false);
  const withPlugin = makeLinter(true, false);
  const withStats = makeLinter(true, true);
  const withStatsReversed = makeLinter(true, true, true);
  // Warm-up: one untimed pass each, so JIT and module loading do not count against either side.
  await lintAll(without, texts.slice(0, 200));
  await lintAll(withPlugin, texts.slice(0, 200));
  const baseWalls = [];
  const pluginWalls = [];
  const cpu = { base: [], plugin: [] };
  const roundRatios = [];
  // Each chunk's fastest run per side over the rounds: a slow spell of the machine that lands on
  // one round of a chunk drops out (printed beside the target's ratio of medians).
  const chunkBest = { base: [], plugin: [] };
  let crashes = 0;
  for (let round = 0; round < rounds; round++) {
    // Within a round the two runs alternate chunk by chunk, in ABBA order, so a slow spell of
    // a shared machine (seconds to minutes) lands on both sides alike instead of on one run.
    const sums = { baseWall: 0, pluginWall: 0, baseCpu: 0, pluginCpu: 0 };
    let chunkIndex = 0;
    const timedChunk = async (linter, chunk, side) => {
      const before = process.cpuUsage();
      const run = await lintAll(linter, chunk);
      const used = process.cpuUsage(before);
      sums[`${side}Wall`] += run.wall;
      sums[`${side}Cpu`] += (used.user + used.system) / 1000;
      chunkBest[side][chunkIndex] = Math.min(chunkBest[side][chunkIndex] ?? Infinity, run.wall);
      return run;
    };
    for (let start = 0; start < texts.length; start += CHUNK_FILES, chunkIndex++) {
      const chunk = texts.slice(start, start + CHUNK_FILES);
      const pluginFirst = (chunkIndex + round) % 2 === 1;
      if (pluginFirst) crashes = Math.max(crashes, (await timedChunk(withPlugin, chunk, 'plugin')).crashes);
      await timedChunk(without, chunk, 'base');
      if (!pluginFirst) crashes = Math.max(crashes, (await timedChunk(withPlugin, chunk, 'plugin')).crashes);
    }
    baseWalls.push(sums.baseWall);
    pluginWalls.push(sums.pluginWall);
    cpu.base.push(sums.baseCpu);
    cpu.plugin.push(sums.pluginCpu);
    roundRatios.push(sums.pluginWall / sums.baseWall);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const baseMedian = median(baseWalls);
  const pluginMedian = median(pluginWalls);
  const ratio = pluginMedian / baseMedian;
  // Per-rule and per-file figures: two more runs with ESLint's stats on, in opposite rule orders
  // (their wall time is only the denominator of the shares).
  const inConfigOrder = await lintAll(withStats, texts);
  const inReverseOrder = await lintAll(withStatsReversed, texts);
  const typical = combineRuns(inConfigOrder, inReverseOrder);
  typical.crashes = crashes;
  const ruleTotal = [...typical.ruleTimes.values()].reduce((a, b) => a + b, typical.shared);
  console.log(`${name}: ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
  console.log(`  lint without the plugin   ${ms(baseMedian).padStart(9)}  (${(baseMedian / files.length).toFixed(2)} ms/file)`);
  console.log(`  lint with config "all"    ${ms(pluginMedian).padStart(9)}  (${(pluginMedian / files.length).toFixed(2)} ms/file)`);
  console.log(`  ratio ${ratio.toFixed(3)}   ${name === 'real' ? `[${verdict(ratio <= 1.05)}target ≤ 1.05]` : ''}`);
  console.log(`    per round: ${roundRatios.map((value) => value.toFixed(3)).join(', ')}`);
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  console.log(`    each chunk's fastest run per side, summed: ratio ${(sum(chunkBest.plugin) / sum(chunkBest.base)).toFixed(3)}`);
  console.log(`  cpu time ratio ${(median(cpu.plugin) / median(cpu.base)).toFixed(3)} (user+system; less sensitive to a busy machine)`);
  console.log(
    `  time in oauth rules (stats run) ${ms(ruleTotal)} (${((100 * ruleTotal) / typical.wall).toFixed(1)}% of that run); crashes: ${typical.crashes}`,
  );
  // As ESLint bills it, the shared work lands on the first rule created that asks for it: the
  // rule billed most in each order shows where.
  const billedMost = (run) => {
    const [rule, time] = [...run.ruleTimes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
    return `${rule} ${ms(time)} (${((100 * time) / run.wall).toFixed(2)}%)`;
  };
  console.log(
    `  shared per-file work (text scan, imports, minified check) ${ms(typical.shared)} (${((100 * typical.shared) / typical.wall).toFixed(2)}%)`,
  );
  console.log(
    `    the rule ESLint bills most: in config order ${billedMost(inConfigOrder)}; in reverse order ${billedMost(inReverseOrder)}`,
  );
  console.log('  rules by own time (share of the whole lint):');
  const overBudget = [];
  for (const [rule, time] of [...typical.ruleTimes.entries()].sort((a, b) => b[1] - a[1])) {
    const share = (100 * time) / typical.wall;
    if (share > 1) overBudget.push(rule);
    console.log(`    ${rule.padEnd(36)} ${time.toFixed(1).padStart(8)} ms  ${share.toFixed(2).padStart(5)}%`);
  }
  if (name === 'real') console.log(`  [${verdict(overBudget.length === 0)}no rule's own time over 1%] ${overBudget.join(', ')}`);
  const slowest = [...typical.perFile].sort((a, b) => b.rules - a.rules).slice(0, 10);
  console.log('  ten slowest files by rule time (rule time / parse time):');
  for (const { file, parse, rules } of slowest) {
    console.log(
      `    ${rules.toFixed(1).padStart(7)} ms  ${(rules / Math.max(parse, 0.01)).toFixed(2).padStart(6)}×  ${relative(root, file)}`,
    );
  }
  // Files of 2 ms rule time or less are below timer noise and are not judged by the ratio.
  const isOverParse = ({ parse, rules }) => rules > 2 && rules > 3 * parse;
  const flagged = typical.perFile.filter(isOverParse);
  // A pause can hit the same file in both runs (they lint the same files in the same order, so
  // the heap fills at the same places): a flagged file is linted again on its own, five times,
  // and judged by its fastest lint. A rule that is slow on the file is slow every time.
  const textOf = new Map(texts);
  const overParse = [];
  for (const entry of flagged.slice(0, 50)) {
    const again = { ...entry };
    for (let i = 0; i < 5; i++) {
      const { perFile } = await lintAll(withStats, [[entry.file, textOf.get(entry.file)]]);
      again.parse = Math.min(again.parse, perFile[0]?.parse ?? Infinity);
      again.rules = Math.min(again.rules, perFile[0]?.rules ?? Infinity);
    }
    if (isOverParse(again)) overParse.push(again);
  }
  if (flagged.length > 50) overParse.push(...flagged.slice(50));
  if (name === 'real')
    console.log(
      `  [${verdict(overParse.length === 0)}no file's rule time over 3× its parse time] ${overParse.length} files` +
        ` (${flagged.length} flagged in the stats runs, linted again alone)`,
    );
  for (const { file, parse, rules } of overParse.slice(0, 10))
    console.log(`    ${rules.toFixed(1)} ms rules vs ${parse.toFixed(1)} ms parse  ${relative(root, file)}`);
  console.log('');
}
console.log(`peak rss: ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MiB`);
