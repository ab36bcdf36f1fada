/**
 * The path where ESLint itself fails on one file (a parser or rule crash, not a syntax
 * error): `oauth-lint` must list that file as not linted, with ESLint's error, and go on
 * linting the others. The crash comes from a stand-in vue-eslint-parser installed in the
 * audited project (parsers are looked up there first): it delegates to the real parser but
 * gives ESLint a scope manager that throws for one file.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../plugin/support';
import { JS_ERROR, findingsByFile, makeProject, runCli } from './support';

const STAND_IN = `// The real parser for every file but Broken.vue, where ESLint gets a scope manager that throws.
const real = require(${JSON.stringify(join(ROOT, 'node_modules', 'vue-eslint-parser'))});
exports.parseForESLint = (code, options) => {
  const result = real.parseForESLint(code, options);
  if (!String(options.filePath).endsWith('Broken.vue')) return result;
  const scopeManager = new Proxy({}, { get() { throw new Error('scope manager exploded'); } });
  return { ...result, scopeManager };
};
`;

const project = makeProject({
  'node_modules/vue-eslint-parser/package.json': '{ "name": "vue-eslint-parser", "version": "0.0.0-test", "main": "index.js" }\n',
  'node_modules/vue-eslint-parser/index.js': STAND_IN,
  'src/Broken.vue': '<script>\nexport default { data: () => ({ n: 1 }) };\n</script>\n',
  'src/Good.vue': "<script setup>\nlocalStorage.setItem('refresh_token', props.tokens.refresh_token);\n</script>\n",
  'src/verify.js': JS_ERROR,
});
afterAll(project.dispose);

describe('a file ESLint fails on', () => {
  it('is listed as not linted with the error, and the other files are still linted (json)', () => {
    const run = runCli(project.dir, ['--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      summary: { filesLinted: number; notLintedCount: number };
      notifications: { kind: string; filePath: string; message: string }[];
    };
    expect(report.notifications).toEqual([
      expect.objectContaining({
        kind: 'lint-error',
        filePath: join(project.dir, 'src', 'Broken.vue'),
        message: 'Not linted: ESLint failed on this file: scope manager exploded',
      }),
    ]);
    expect(findingsByFile(run.stdout, project.dir)).toEqual({
      'src/Good.vue': ['oauth/no-token-in-web-storage'],
      'src/verify.js': ['oauth/require-jwt-algorithms'],
    });
    expect(report.summary).toMatchObject({ filesLinted: 2, notLintedCount: 1 });
  });

  it('is named under NOT LINTED on stderr, after the findings of the others (stylish)', () => {
    const run = runCli(project.dir, []);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Good.vue');
    expect(run.stdout).toContain('verify.js');
    expect(run.stdout).not.toContain('Broken.vue');
    expect(run.stderr).toMatch(
      /NOT LINTED: 1 file[^\n]*\n\s+src\/Broken\.vue\s+Not linted: ESLint failed on this file: scope manager exploded/,
    );
  });
});
