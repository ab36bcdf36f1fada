/**
 * The built plugin, loaded as a package, works in ESLint 10 and ESLint 9 with each of its
 * flat configs, and in ESLint 10's CLI with --concurrency (rules keep no state across files).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEntry } from '../../src/catalog';
import { DIST_ENTRY, languageOptions, pickTrigger, ROOT, TRIGGERS } from './support';

const require = createRequire(__filename);
type ESLintClass = typeof import('eslint').ESLint;
type Plugin = typeof import('../../src/index');

const plugin = require(DIST_ENTRY) as Plugin;
const ESLINTS: Record<string, ESLintClass> = {
  'ESLint 10': (require('eslint') as typeof import('eslint')).ESLint,
  'ESLint 9': (require('eslint9') as typeof import('eslint')).ESLint,
};

const trigger = pickTrigger(Object.keys(plugin.rules));

describe.each(Object.entries(ESLINTS))('%s', (_version, ESLint) => {
  for (const name of ['recommended', 'strict', 'all'] as const) {
    it(`loads the ${name} config and lints TypeScript and JavaScript without errors`, async () => {
      const eslint = new ESLint({
        cwd: ROOT,
        overrideConfigFile: true,
        overrideConfig: [{ files: ['**/*.ts'], languageOptions: languageOptions('ts') }, ...plugin.configs[name]],
      });
      const [ts] = await eslint.lintText('export const n: number = 1;\n', { filePath: join(ROOT, 'example.ts') });
      const [js] = await eslint.lintText('export const n = 1;\n', { filePath: join(ROOT, 'example.js') });
      expect([...ts.messages, ...js.messages]).toEqual([]);
    });

    it.runIf(trigger)(`reports a real problem with the ${name} config`, async () => {
      const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: plugin.configs[name] });
      for (const filePath of [join(ROOT, 'example.js'), join(ROOT, 'example.mjs')]) {
        const [result] = await eslint.lintText(trigger!.code, { filePath });
        expect(result.messages.filter((message) => message.fatal)).toEqual([]);
        expect(result.messages.map((message) => message.ruleId)).toContain(`oauth/${trigger!.id}`);
      }
    });
  }

  it('accepts the plugin next to its config under the same name (one plugin object)', async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [{ plugins: { oauth: plugin } }, ...plugin.configs.recommended],
    });
    const [result] = await eslint.lintText('export {};\n', { filePath: join(ROOT, 'example.js') });
    expect(result.messages).toEqual([]);
  });
});

describe('a user project with eslint.config.mjs, ESLint 10 CLI', () => {
  let dir = '';
  const files = ['a.js', 'b.js', 'c.mjs', 'd.js', 'e.js', 'f.js'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'oauth-cli-'));
    // The package installed as a dependency (a link to this repository, like `npm link`).
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'eslint-plugin-oauth'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "name": "user-app", "private": true, "type": "module" }\n');
    writeFileSync(
      join(dir, 'eslint.config.mjs'),
      "import oauth from 'eslint-plugin-oauth';\n\nexport default [...oauth.configs.recommended];\n",
    );
    files.forEach((file, index) => {
      // Every other file holds the problem, so per-file state leaking between files would show.
      writeFileSync(join(dir, file), trigger && index % 2 === 0 ? trigger.code : `export const value${index} = ${index};\n`);
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runCli(concurrency: string) {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--concurrency', concurrency, '--format', 'json', ...files],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(result.stderr).not.toMatch(/Error/);
    const results = JSON.parse(result.stdout) as {
      filePath: string;
      messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[];
    }[];
    return {
      status: result.status,
      results: Object.fromEntries(
        results.map((entry) => [
          entry.filePath.slice(dir.length + 1),
          entry.messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`),
        ]),
      ),
    };
  }

  // Two CLI runs with worker threads: seconds on a loaded machine, beyond the 5 s default.
  it('lints several files with --concurrency 2 and the same findings as without', () => {
    const parallel = runCli('2');
    const serial = runCli('off');
    expect(Object.keys(parallel.results).sort()).toEqual([...files].sort());
    expect(parallel.results).toEqual(serial.results);
    if (trigger) {
      expect(parallel.status).toBe(1);
      files.forEach((file, index) => {
        if (index % 2 === 0)
          expect(
            parallel.results[file].some((finding) => finding.startsWith(`oauth/${trigger.id}@`)),
            file,
          ).toBe(true);
        else expect(parallel.results[file], file).toEqual([]);
      });
    } else {
      expect(parallel.status).toBe(0);
    }
  }, 60_000);
});

describe('the trigger table', () => {
  it('names only catalog rules', () => {
    for (const id of Object.keys(TRIGGERS)) expect(catalogEntry(id), id).toBeDefined();
  });
});
