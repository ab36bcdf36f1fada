/**
 * Running the built `oauth-lint` as users do: a child process on a temporary project.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../plugin/support';

export const BIN = join(ROOT, 'dist', 'src', 'cli', 'bin.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd`; `env` adds to (or, with undefined, removes from) the environment. */
export function runCli(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding the given files (paths relative to it); removed by `dispose`. */
export function makeProject(files: Record<string, string>): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-lint-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Code with one error-level finding of `require-jwt-algorithms` (recommended: error). */
export const JS_ERROR =
  "import jwt from 'jsonwebtoken';\nexport const verify = (token, key) => jwt.verify(token, key, { algorithms: ['none'] });\n";
export const TS_ERROR =
  "import jwt from 'jsonwebtoken';\nexport const verify = (token: string, key: string): unknown => jwt.verify(token, key, { algorithms: ['none'] });\n";
/** Code with one warning-level finding of `no-broad-scopes` (recommended: warn). */
export const JS_WARNING =
  "const url = new URL('https://github.com/login/oauth/authorize');\nurl.searchParams.set('scope', 'delete_repo');\nexport { url };\n";
export const CLEAN = 'export const answer = 42;\n';

/** The `oauth/…` rule ids reported per file in a JSON report, keyed by path relative to `dir`. */
export function findingsByFile(json: string, dir: string): Record<string, string[]> {
  const report = JSON.parse(json) as { results: { filePath: string; messages: { ruleId: string }[] }[] };
  const byFile: Record<string, string[]> = {};
  for (const result of report.results) {
    const rel = result.filePath.slice(dir.length + 1);
    byFile[rel] = result.messages.map((message) => message.ruleId);
  }
  return byFile;
}
