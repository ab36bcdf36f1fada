/**
 * Adopting the plugin on an existing codebase with ESLint's bulk suppressions (ESLint ≥ 9.24):
 * `eslint --suppress-all` records today's findings in eslint-suppressions.json, then only new
 * findings fail. Run once end to end with the real ESLint 10 CLI, as docs/cli.md describes it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../plugin/support';
import { JS_ERROR, makeProject } from './support';

const ESLINT_BIN = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

function eslint(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [ESLINT_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('bulk suppressions with the ESLint CLI', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  beforeAll(() => {
    project = makeProject({
      'package.json': '{ "name": "legacy-app", "private": true, "type": "module" }\n',
      'eslint.config.mjs': "import oauth from 'eslint-plugin-oauth';\n\nexport default [...oauth.configs.recommended];\n",
      'src/a.js': JS_ERROR,
      'src/b.js': `${JS_ERROR}export function save(tokens) {\n  localStorage.setItem('refresh_token', tokens.refresh_token);\n}\n`,
    });
    // The plugin installed as a dependency (a link to this repository, like `npm link`).
    mkdirSync(join(project.dir, 'node_modules'));
    symlinkSync(ROOT, join(project.dir, 'node_modules', 'eslint-plugin-oauth'), 'dir');
  });
  afterAll(() => project.dispose());

  it('suppresses the existing findings, then fails on a new one only', () => {
    const before = eslint(project.dir, ['.']);
    expect(before.status).toBe(1);
    expect(before.output).toContain('3 problems (3 errors, 0 warnings)');

    const suppress = eslint(project.dir, ['.', '--suppress-all']);
    expect(suppress.status).toBe(0);
    const file = join(project.dir, 'eslint-suppressions.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      'src/a.js': { 'oauth/require-jwt-algorithms': { count: 1 } },
      'src/b.js': { 'oauth/no-token-in-web-storage': { count: 1 }, 'oauth/require-jwt-algorithms': { count: 1 } },
    });

    expect(eslint(project.dir, ['.']).status).toBe(0);

    // A new finding in a new file, and a second one of an already suppressed rule in an old file.
    writeFileSync(
      join(project.dir, 'src', 'c.js'),
      "export const state = Math.random().toString(36).slice(2);\nsessionStorage.setItem('oauth_state', state);\n",
    );
    appendFileSync(
      join(project.dir, 'src', 'a.js'),
      "export const verify2 = (token, key) => jwt.verify(token, key, { algorithms: ['none'] });\n",
    );
    const after = eslint(project.dir, ['.']);
    expect(after.status).toBe(1);
    expect(after.output).toContain('src/c.js');
    expect(after.output).toContain('oauth/require-secure-random');
    // ESLint counts per file and rule: once a.js has more than its suppressed count, all of them show.
    expect(after.output).toContain('src/a.js');
    expect(after.output).not.toContain('src/b.js');
  });
});
