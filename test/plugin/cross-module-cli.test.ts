/**
 * The cross-module analysis through ESLint's CLI, as a user runs it: the multi-file corpora
 * of fixtures/cross-module copied into a project with the `all` config, linted serially and
 * with worker threads. A file's findings depend on the modules it imports, never on which
 * files were linted before it, so both runs must agree.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support';

describe('cross-module findings through the ESLint 10 CLI', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'oauth-cross-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'eslint-plugin-oauth'), 'dir');
    cpSync(join(ROOT, 'fixtures', 'cross-module'), join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "user-app", "private": true, "type": "module" }\n');
    writeFileSync(join(dir, 'eslint.config.mjs'), "import oauth from 'eslint-plugin-oauth';\n\nexport default [...oauth.configs.all];\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runCli(concurrency: string): Record<string, string[]> {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--concurrency', concurrency, '--format', 'json', 'app'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).not.toMatch(/Error/);
    const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
    return Object.fromEntries(
      results.map((entry) => [
        entry.filePath.slice(dir.length + 1),
        entry.messages.map((message) => `${message.ruleId}@${message.line}`).sort(),
      ]),
    );
  }

  it('reports a missing state check at the call into another module, the same with --concurrency 2 as serially', () => {
    const parallel = runCli('2');
    const serial = runCli('off');
    expect(parallel).toEqual(serial);
    expect(serial['app/express-ts/src/routes/github.ts']).toEqual(['oauth/require-state-check@10', 'oauth/require-state-check@17']);
    expect(serial['app/nest/src/auth/auth.controller.ts']).toEqual(['oauth/require-state-check@11']);
    expect(serial['app/cycle/route.js']).toEqual([]);
  }, 120_000);
});
