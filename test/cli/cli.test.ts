/**
 * `oauth-lint` end to end: the built CLI spawned on temporary projects, as a user runs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, findingsByFile, JS_ERROR, JS_WARNING, makeProject, runCli, TS_ERROR } from './support';

describe('exit codes and usage errors', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  beforeAll(() => {
    project = makeProject({ 'src/app.js': CLEAN });
  });
  afterAll(() => project.dispose());

  it('exits 0 on a clean project, prints nothing on stdout and a summary on stderr', () => {
    const run = runCli(project.dir, []);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('1 file linted with the recommended config: 0 errors, 0 warnings.');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--format', 'xml'], "Invalid value for --format: 'xml'. Expected one of: stylish, json, sarif, html."],
    [['--config', 'lenient'], "Invalid value for --config: 'lenient'"],
    [['no/such/dir'], 'No such file or folder: no/such/dir'],
    [['explain'], "'explain' takes one rule name"],
    [['explain', 'require-pcke'], "Unknown rule 'require-pcke'"],
    [['list', 'extra'], "'list' takes no arguments"],
  ])('exits 2 with a clear message on %j', (args, message) => {
    const run = runCli(project.dir, args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at '); // a message, not a stack trace
  });

  it('prints help and version', () => {
    const help = runCli(project.dir, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: oauth-lint');
    expect(help.stdout).toContain('--include-tests');
    const version = runCli(project.dir, ['--version']);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version,
    );
  });
});

describe('findings and formats', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  beforeAll(() => {
    project = makeProject({
      'src/verify.js': JS_ERROR,
      'src/scopes.mjs': JS_WARNING,
      'src/clean.js': CLEAN,
      // A file name and a code string that would be markup if not escaped.
      'src/<img src=x onerror=alert(1)>.js':
        "const url = new URL('https://github.com/login/oauth/authorize');\nurl.searchParams.set('scope', 'delete_repo');\nexport { url };\n",
    });
  });
  afterAll(() => project.dispose());

  it('stylish: exits 1 on an error-level finding and names the file, rule and position', () => {
    const run = runCli(project.dir, []);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(join(project.dir, 'src', 'verify.js'));
    expect(run.stdout).toMatch(/2:\d+\s+error\s+.*oauth\/require-jwt-algorithms/);
    expect(run.stdout).toMatch(/warning\s+.*oauth\/no-broad-scopes/);
    expect(run.stderr).toContain('4 files linted with the recommended config: 1 error, 2 warnings.');
  });

  it('exits 0 when the findings are warnings only', () => {
    const run = runCli(project.dir, ['src/scopes.mjs']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/warning\s+.*oauth\/no-broad-scopes/);
  });

  it('json: ESLint result objects with the plugin findings, and a summary', () => {
    const run = runCli(project.dir, ['--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: Record<string, unknown>; config: string; notifications: unknown[] };
    expect(report.config).toBe('recommended');
    expect(report.summary).toMatchObject({ filesLinted: 4, filesWithFindings: 3, errorCount: 1, warningCount: 2, notLintedCount: 0 });
    expect(report.notifications).toEqual([]);
    expect(findingsByFile(run.stdout, project.dir)).toEqual({
      'src/<img src=x onerror=alert(1)>.js': ['oauth/no-broad-scopes'],
      'src/scopes.mjs': ['oauth/no-broad-scopes'],
      'src/verify.js': ['oauth/require-jwt-algorithms'],
    });
  });

  it('--config all turns on the rules recommended leaves off, at error', () => {
    const run = runCli(project.dir, ['--format', 'json', '--config', 'all']);
    const report = JSON.parse(run.stdout) as { summary: { errorCount: number; warningCount: number } };
    expect(report.summary).toMatchObject({ errorCount: 3, warningCount: 0 });
  });

  it('html: one self-contained page, findings grouped by file, rule links, everything escaped', () => {
    const run = runCli(project.dir, ['--format', 'html']);
    expect(run.status).toBe(1);
    const html = run.stdout;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // Self-contained: no script, no external resource.
    expect(html).not.toMatch(/<script|<link|src="http/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('<h2>src/&lt;img src=x onerror=alert(1)&gt;.js</h2>');
    expect(html).toContain('Scope &#39;delete_repo&#39;');
    expect(html).toContain('<h2>src/verify.js</h2>');
    expect(html).toMatch(
      /<a href="https:\/\/github\.com\/eslint-plugin-oauth\/eslint-plugin-oauth\/blob\/main\/docs\/rules\/require-jwt-algorithms\.md">oauth\/require-jwt-algorithms<\/a>/,
    );
    // Grouped: one section per file with findings, none for the clean file.
    expect(html.match(/<section>/g)).toHaveLength(3);
    expect(html).not.toContain('clean.js');
  });

  it('--output-file writes the report there, without colours, and keeps the exit code', () => {
    const run = runCli(project.dir, ['--output-file', 'reports/oauth.txt'], { FORCE_COLOR: '1', NO_COLOR: undefined });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const text = readFileSync(join(project.dir, 'reports', 'oauth.txt'), 'utf8');
    expect(text).toContain('oauth/require-jwt-algorithms');
    expect(text).not.toContain('\u001b[');
    expect(run.stderr).toContain('Report written to reports/oauth.txt');
  });

  it('--progress reports progress on stderr even when it is not a terminal', () => {
    const quiet = runCli(project.dir, []);
    expect(quiet.stderr).not.toContain('linted 4/4 files');
    const run = runCli(project.dir, ['--progress']);
    expect(run.stderr).toContain('oauth-lint: linted 4/4 files');
  });
});

describe('file selection', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  beforeAll(() => {
    project = makeProject({
      'src/app.js': JS_ERROR,
      'src/view.jsx': `${JS_ERROR}export const View = () => <div>hi</div>;\n`,
      'src/legacy.cjs': "const jwt = require('jsonwebtoken');\nmodule.exports = (t, k) => jwt.verify(t, k, { algorithms: ['none'] });\n",
      // Parses only as a script (`with` is a syntax error in modules): retried as CommonJS.
      'src/sloppy.js':
        "const jwt = require('jsonwebtoken');\nwith (Math) { max(1, 2); }\nmodule.exports = (t, k) => jwt.verify(t, k, { algorithms: ['none'] });\n",
      'src/broken.js': 'export const = ;\n',
      'src/huge.js': `// ${'x'.repeat(1_100_000)}\n${JS_ERROR}`,
      'src/api.ts': TS_ERROR,
      'src/page.tsx': `${TS_ERROR}export const Page = (): unknown => <main />;\n`,
      'src/esm.mts': TS_ERROR,
      'src/cjs.cts': TS_ERROR,
      'src/types.d.ts': 'export declare const x: number;\n',
      'src/vendor.min.js': JS_ERROR,
      // Minified build output under a plain name: counted as generated, not linted.
      'src/vendor-bundle.js': `${JS_ERROR.replace(/\n/g, '')}${';function f(e,t){if(!e)return t;var n=e.split(".");for(var r=0;r<n.length;r++){t=t[n[r]]}return t}'.repeat(80)}\n`,
      'src/app.test.js': JS_ERROR,
      'src/app.spec.ts': TS_ERROR,
      'src/types.test-d.ts': TS_ERROR,
      'src/__tests__/a.js': JS_ERROR,
      'src/__mocks__/b.js': JS_ERROR,
      'test/c.js': JS_ERROR,
      'tests/d.ts': TS_ERROR,
      'e2e/e.js': JS_ERROR,
      'node_modules/dep/index.js': JS_ERROR,
      'dist/bundle.js': JS_ERROR,
      'build/out.js': JS_ERROR,
      '.next/server.js': JS_ERROR,
      'coverage/lcov.js': JS_ERROR,
      '.gitignore': 'generated/\n*.local.js\n!keep.local.js\n',
      'generated/client.js': JS_ERROR,
      'src/secrets.local.js': JS_ERROR,
      'src/keep.local.js': JS_ERROR,
      'packages/web/.gitignore': 'tmp.js\n',
      'packages/web/tmp.js': JS_ERROR,
      'packages/web/main.js': JS_ERROR,
      'README.md': '# not code\n',
    });
  });
  afterAll(() => project.dispose());

  const LINTED = [
    'packages/web/main.js',
    'src/api.ts',
    'src/app.js',
    'src/cjs.cts',
    'src/esm.mts',
    'src/keep.local.js',
    'src/legacy.cjs',
    'src/page.tsx',
    'src/sloppy.js',
    'src/view.jsx',
  ];
  const TESTS = [
    'e2e/e.js',
    'src/__mocks__/b.js',
    'src/__tests__/a.js',
    'src/app.spec.ts',
    'src/app.test.js',
    'src/types.test-d.ts',
    'test/c.js',
    'tests/d.ts',
  ];

  it('lints every JS/TS extension, skips node_modules, build output and .gitignore’d files, and lists the unparsable file', () => {
    const run = runCli(project.dir, ['--format', 'json']);
    expect(run.status).toBe(1);
    const byFile = findingsByFile(run.stdout, project.dir);
    expect(Object.keys(byFile).sort()).toEqual(LINTED);
    for (const rules of Object.values(byFile)) expect(rules).toEqual(['oauth/require-jwt-algorithms']);
    const report = JSON.parse(run.stdout) as {
      summary: { filesLinted: number; excluded: { tests: number; generated: number } };
      notifications: { kind: string; filePath: string; line: number; message: string }[];
    };
    expect(report.summary.filesLinted).toBe(LINTED.length);
    expect(report.summary.excluded.tests).toBe(TESTS.length);
    // src/types.d.ts and src/vendor.min.js by name, src/vendor-bundle.js by content.
    expect(report.summary.excluded.generated).toBe(3);
    expect(report.notifications).toEqual([
      expect.objectContaining({ kind: 'parse-error', filePath: join(project.dir, 'src', 'broken.js'), line: 1, level: 'error' }),
      expect.objectContaining({ kind: 'too-large', filePath: join(project.dir, 'src', 'huge.js'), level: 'warning' }),
    ]);
    // On stderr too, with what to do about the tests.
    expect(run.stderr).toMatch(/NOT LINTED: 2 files[\s\S]*src\/broken\.js:1:\d+\s+Parsing error/);
    expect(run.stderr).toContain('src/huge.js  Not linted: larger than 1 MB');
    expect(run.stderr).toContain(`${TESTS.length} test files (--include-tests to lint them)`);
  });

  it('lints test files with --include-tests', () => {
    const run = runCli(project.dir, ['--format', 'json', '--include-tests']);
    expect(Object.keys(findingsByFile(run.stdout, project.dir)).sort()).toEqual([...LINTED, ...TESTS].sort());
  });

  it('lints a file named on the command line even when it is a test file', () => {
    const run = runCli(project.dir, ['--format', 'json', 'src/app.test.js']);
    expect(Object.keys(findingsByFile(run.stdout, project.dir))).toEqual(['src/app.test.js']);
  });

  it('without @typescript-eslint/parser: says so, lists the TypeScript files, lints the JavaScript', () => {
    const run = runCli(project.dir, ['--format', 'json'], { OAUTH_LINT_HIDE_PARSERS: '@typescript-eslint/parser' });
    expect(run.status).toBe(1);
    expect(Object.keys(findingsByFile(run.stdout, project.dir)).sort()).toEqual(LINTED.filter((file) => /\.[mc]?jsx?$/.test(file)));
    const report = JSON.parse(run.stdout) as { notifications: { kind: string; filePath: string; message: string }[] };
    const missing = report.notifications
      .filter((entry) => entry.kind === 'missing-parser')
      .map((entry) => entry.filePath.slice(project.dir.length + 1));
    expect(missing).toEqual(['src/api.ts', 'src/cjs.cts', 'src/esm.mts', 'src/page.tsx']);
    expect(run.stderr).toContain('TypeScript files need @typescript-eslint/parser (npm i -D @typescript-eslint/parser)');
  });
});

describe('Vue and Svelte', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  beforeAll(() => {
    project = makeProject({
      'src/Login.vue':
        '<script setup lang="ts">\nconst state: string = Math.random().toString(36).slice(2);\nsessionStorage.setItem(\'oauth_state\', state);\n</script>\n<template><a :href="state">go</a></template>\n',
      'src/Plain.vue': "<script>\nexport default { mounted() { localStorage.setItem('access_token', this.token); } };\n</script>\n",
      'src/Save.svelte':
        "<script>\n  export function save(tokens) {\n    localStorage.setItem('refresh_token', tokens.refresh_token);\n  }\n</script>\n<button on:click={save}>x</button>\n",
      'src/Runes.svelte':
        '<script lang="ts">\n  let { tokens } = $props();\n  localStorage.setItem(\'refresh_token\', tokens.refresh_token);\n</script>\n',
    });
  });
  afterAll(() => project.dispose());

  it('lints the <script> of .vue and .svelte files (JS and lang="ts")', () => {
    const run = runCli(project.dir, ['--format', 'json']);
    expect(findingsByFile(run.stdout, project.dir)).toEqual({
      'src/Login.vue': ['oauth/require-secure-random'],
      'src/Plain.vue': ['oauth/no-token-in-web-storage'],
      'src/Runes.svelte': ['oauth/no-token-in-web-storage'],
      'src/Save.svelte': ['oauth/no-token-in-web-storage'],
    });
  });

  it('lists them as not linted, with the package to install, when their parsers are missing', () => {
    const run = runCli(project.dir, ['--format', 'json'], { OAUTH_LINT_HIDE_PARSERS: 'vue-eslint-parser,svelte-eslint-parser' });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { filesLinted: number }; notifications: { kind: string; message: string }[] };
    expect(report.summary.filesLinted).toBe(0);
    expect(report.notifications.map((entry) => entry.message).sort()).toEqual([
      'Not linted: Svelte files need svelte-eslint-parser (npm i -D svelte-eslint-parser).',
      'Not linted: Svelte files need svelte-eslint-parser (npm i -D svelte-eslint-parser).',
      'Not linted: Vue files need vue-eslint-parser (npm i -D vue-eslint-parser).',
      'Not linted: Vue files need vue-eslint-parser (npm i -D vue-eslint-parser).',
    ]);
    expect(run.stderr).toContain('NOT LINTED: 4 files');
  });
});

describe('list and explain', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  beforeAll(() => {
    project = makeProject({});
  });
  afterAll(() => project.dispose());

  it('list: every rule with its level in the config and its review check', () => {
    const run = runCli(project.dir, ['list']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^rule\s+recommended\s+check\s+severity\s+description$/);
    expect(lines).toHaveLength(2 + 19);
    expect(run.stdout).toMatch(/^require-state-check\s+error\s+1 state\s+\d\.\d\s+Require OAuth authorization requests/m);
    expect(run.stdout).toMatch(/^no-broad-scopes\s+warn\s+8 minimal scopes/m);
    expect(run.stdout).toMatch(/^serialize-token-refresh\s+off\s+-/m);
    const strict = runCli(project.dir, ['list', '--config', 'strict']);
    expect(strict.stdout).toMatch(/^serialize-token-refresh\s+error/m);
  });

  it('explain: prints the rule page from the package, without generator comments', () => {
    const run = runCli(project.dir, ['explain', 'oauth/require-pkce']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('# oauth/require-pkce')).toBe(true);
    expect(run.stdout).toContain('## Examples');
    expect(run.stdout).toContain('### ❌ Incorrect');
    expect(run.stdout).not.toContain('<!--');
    expect(run.stdout).toContain('Online: https://github.com/eslint-plugin-oauth/eslint-plugin-oauth/blob/main/docs/rules/require-pkce.md');
    expect(run.stdout).toMatch(/Severity: \d\.\d \(CVSS:3\.1\/AV:/);
  });

  it('explain suggests close rule names for a typo', () => {
    const run = runCli(project.dir, ['explain', 'pkce']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Did you mean: require-pkce?');
  });
});

it('the bin entry of package.json is the built CLI', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(pkg.bin).toEqual({ 'oauth-lint': './dist/src/cli/bin.js' });
  expect(existsSync(join(__dirname, '..', '..', pkg.bin['oauth-lint']))).toBe(true);
  expect(readFileSync(join(__dirname, '..', '..', pkg.bin['oauth-lint']), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});
