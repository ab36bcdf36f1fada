#!/usr/bin/env node
/**
 * `npm test`: the project's full check, the one CI runs (`.ci/run`).
 *
 *   typecheck → self-lint → format (Prettier) → build → docs check → package check (publint, attw) → Vitest
 *
 * Every step runs even when an earlier one failed, so one run shows every problem. The last
 * line is `N passed, N failed`: the Vitest tests plus one test per static check. The exit
 * code is 1 when anything failed.
 *
 *   node scripts/test.mjs [vitest filters...]   # arguments go to `vitest run`
 *   OAUTH_TEST_SKIP_CHECKS=1 node scripts/test.mjs ...   # Vitest only, same summary
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Static checks, in order. Each is one "test" in the closing count. */
const CHECKS = [
  { name: 'typecheck', command: [bin('tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'self-lint', command: [bin('eslint'), '.'] },
  { name: 'format', command: [bin('prettier'), '--check', '.'] },
  { name: 'build', command: [bin('tsc'), '-p', 'tsconfig.build.json'] },
  // rules/index.ts and the no-broad-scopes scope table are generated (scripts/generate.mjs).
  { name: 'generated files', command: [process.execPath, 'scripts/generate.mjs', '--check'] },
  { name: 'docs check', command: [bin('eslint-doc-generator'), '--check'] },
  // publint and attw pack the package; `prepack` would rebuild what the build step just built.
  { name: 'publint', command: [bin('publint'), '--strict'], env: { npm_config_ignore_scripts: 'true' } },
  // `cjs-only-exports-default`: the CommonJS exports object *is* the plugin and
  // `exports.default` points back at it, so every way of importing it yields the plugin
  // (held by test/plugin/package.test.ts); attw cannot see that and warns.
  {
    name: 'attw',
    command: [bin('attw'), '--pack', '.', '--profile', 'node16', '--ignore-rules', 'cjs-only-exports-default'],
    env: { npm_config_ignore_scripts: 'true' },
  },
];

function run(command, env = {}) {
  const [file, ...args] = command;
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

const skipChecks = process.env.OAUTH_TEST_SKIP_CHECKS === '1';
const outcomes = [];
for (const check of skipChecks ? [] : CHECKS) {
  console.log(`\n▶ ${check.name}: ${check.command.map((part) => part.replace(`${root}/node_modules/.bin/`, '')).join(' ')}`);
  const ok = run(check.command, check.env);
  outcomes.push({ name: check.name, ok });
  console.log(ok ? `✔ ${check.name}` : `✘ ${check.name} failed`);
}

// Vitest with its usual output, plus a JSON report to count the tests.
const reportDir = mkdtempSync(join(tmpdir(), 'oauth-vitest-'));
const reportFile = join(reportDir, 'report.json');
console.log('\n▶ vitest run');
const vitestOk = run(
  [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  // The build step above already produced dist/; the integration tests' setup need not rebuild.
  skipChecks ? {} : { OAUTH_PLUGIN_BUILT: outcomes.find((outcome) => outcome.name === 'build')?.ok ? '1' : '' },
);
let vitestPassed = 0;
let vitestFailed = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  vitestPassed = report.numPassedTests ?? 0;
  vitestFailed = report.numFailedTests ?? 0;
  // A suite that fails to load has no tests to count; count it as one failure.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) vitestFailed += 1;
  }
}
if (!vitestOk && vitestFailed === 0) vitestFailed = 1;
rmSync(reportDir, { recursive: true, force: true });

const failedChecks = outcomes.filter((outcome) => !outcome.ok);
console.log('\nSummary');
for (const outcome of outcomes) console.log(`  ${outcome.ok ? '✔' : '✘'} ${outcome.name}`);
console.log(`  ${vitestOk ? '✔' : '✘'} vitest: ${vitestPassed} passed, ${vitestFailed} failed`);
const passed = outcomes.length - failedChecks.length + vitestPassed;
const failed = failedChecks.length + vitestFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || !vitestOk ? 1 : 0;
