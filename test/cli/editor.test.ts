/**
 * The editor path: a real ESLint language server (vscode-langservers-extracted) driven over
 * stdio by scripts/editor-check.mjs, on a temporary project using the plugin's recommended
 * config. The plugin's findings must show as diagnostics, with code actions for them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../plugin/support';

it('diagnostics and code actions from oauth rules appear through the ESLint language server', { timeout: 120_000 }, () => {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'editor-check.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, EDITOR_CHECK_TIMEOUT_MS: '90000' },
    timeout: 110_000,
  });
  expect(result.stderr).toBe('');
  const summary = JSON.parse(result.stdout) as {
    diagnostics: { code: string; source: string; line: number; character: number; message: string }[];
    codeActions: string[];
  };
  expect(result.status).toBe(0);
  expect(summary.diagnostics).toEqual([
    expect.objectContaining({
      code: 'oauth/no-token-in-web-storage',
      source: 'eslint',
      line: 3,
      character: 3,
      message:
        'Refresh token is written to localStorage, where any script running on the page (an XSS payload, a compromised dependency) can read and replay it',
    }),
    expect.objectContaining({
      code: 'oauth/require-jwt-algorithms',
      line: 5,
      message: 'The JWT algorithm `none` is allowed here, so an unsigned token passes as valid and anyone can forge one',
    }),
  ]);
  // A rule's suggestion is offered as a quick fix, under its own title (vscode-eslint appends the rule).
  expect(summary.codeActions).toContain("Remove 'none' from the allowlist. (oauth/require-jwt-algorithms)");
  expect(summary.codeActions).toContain('Show documentation for oauth/no-token-in-web-storage');
  expect(summary.codeActions).toContain('Disable oauth/no-token-in-web-storage for this line');
});
