/**
 * `npm test` (scripts/test.mjs) ends with the plain line `N passed, N failed` that CI reads,
 * and fails when Vitest fails. (Run here with OAUTH_TEST_SKIP_CHECKS=1 and a Vitest filter,
 * so it does not run the whole suite inside itself.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support';

function runTestCommand(args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, OAUTH_TEST_SKIP_CHECKS: '1', OAUTH_PLUGIN_BUILT: '1', CI: 'true', FORCE_COLOR: '0' },
  });
  const lines = result.stdout.trimEnd().split('\n');
  return { status: result.status, last: lines[lines.length - 1], stdout: result.stdout };
}

// Each case runs a whole Vitest in a child process: tens of seconds on a loaded machine.
const SPAWNS_VITEST = { timeout: 120_000 };

describe('the test command', () => {
  it('ends with "N passed, 0 failed" counting the Vitest tests, and exits 0', SPAWNS_VITEST, () => {
    const { status, last, stdout } = runTestCommand(['test/plugin/structure.test.ts', '-t', 'catalog table']);
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last.split(' ')[0])).toBeGreaterThanOrEqual(3);
    expect(stdout).toMatch(/Test Files/);
    expect(status).toBe(0);
  });

  it('counts a Vitest run that fails as a failure, and exits 1', SPAWNS_VITEST, () => {
    const { status, last } = runTestCommand(['test/plugin/no-such-file.test.ts']);
    expect(last).toMatch(/^0 passed, [1-9]\d* failed$/);
    expect(status).toBe(1);
  });

  it('lists the static checks it runs before Vitest', async () => {
    const { readFileSync } = await import('node:fs');
    const script = readFileSync(join(ROOT, 'scripts', 'test.mjs'), 'utf8');
    for (const step of [
      "'tsconfig.json', '--noEmit'",
      "bin('eslint'), '.'",
      "'tsconfig.build.json'",
      "'--check'",
      "'--strict'",
      "bin('attw'), '--pack'",
      "bin('prettier'), '--check'",
      "'scripts/generate.mjs', '--check'",
    ])
      expect(script).toContain(step);
  });
});
