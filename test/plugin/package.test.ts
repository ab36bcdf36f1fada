/**
 * The package as users get it: package.json fields, one plugin object whichever way it is
 * imported (require, ESM default, ESM named, CJS-interop default), the README's commands,
 * and the CI entry point.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_BASE_URL } from '../../src/create-rule';
import { DIST_ENTRY, headings, read, ROOT } from './support';

const require = createRequire(__filename);
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  version: string;
  main: string;
  types: string;
  exports: Record<string, unknown>;
  files: string[];
  engines: Record<string, string>;
  peerDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('package.json', () => {
  it('is eslint-plugin-oauth for Node >= 20.19 and ESLint 9 or 10', () => {
    expect(pkg.name).toBe('eslint-plugin-oauth');
    expect(pkg.engines.node).toBe('>=20.19');
    expect(pkg.peerDependencies.eslint).toBe('^9 || ^10');
  });

  it('exports types and code for import and require users from dist/', () => {
    const main = pkg.exports['.'] as Record<string, string>;
    expect(main.types).toBe('./dist/src/index.d.ts');
    expect(main.default).toBe('./dist/src/index.js');
    expect(pkg.main).toBe('./dist/src/index.js');
    expect(pkg.types).toBe('./dist/src/index.d.ts');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/src', 'dist/rules', 'docs', 'README.md']));
  });

  it('pins TypeScript 6.0.x and one exact typescript-eslint version for development', () => {
    expect(pkg.devDependencies.typescript).toMatch(/^~6\.0\./);
    const versions = new Set(
      Object.entries(pkg.devDependencies as Record<string, string>)
        .filter(([name]) => name.startsWith('@typescript-eslint/') || name === 'typescript-eslint')
        .map(([, version]) => version),
    );
    expect(versions.size).toBe(1);
    expect([...versions][0]).toMatch(/^8\.\d+\.\d+$/);
    expect(pkg.devDependencies.eslint).toMatch(/^\^10\./);
    expect(pkg.devDependencies.eslint9).toMatch(/^npm:eslint@\^9\./);
    expect(pkg.devDependencies.vitest).toMatch(/^[~^]?4\./);
  });

  it('brings no TypeScript and no typescript-eslint stack at run time: AST types only, with a range that dedupes', () => {
    // `ignore` (no dependencies of its own) reads .gitignore files for the oauth-lint CLI; its
    // range is ESLint's own (^5), so npm dedupes it with the copy ESLint already installs.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@eslint-community/eslint-utils', '@typescript-eslint/types', 'ignore']);
    expect(pkg.dependencies['@typescript-eslint/types']).toMatch(/^\^8\./);
    expect(pkg.dependencies.ignore).toMatch(/^\^5\./);
  });

  it('installs next to any version of jose and oauth4webapi: neither is a dependency or a peer', () => {
    const declared = { ...pkg.dependencies, ...pkg.peerDependencies, ...(pkg as { optionalDependencies?: object }).optionalDependencies };
    expect(Object.keys(declared)).not.toContain('jose');
    expect(Object.keys(declared)).not.toContain('oauth4webapi');
    expect(Object.keys(pkg.peerDependencies)).toEqual(['eslint']);
  });

  it('states one home: repository, homepage, bugs and the docs URLs all point at the same GitHub repository', () => {
    const home = 'https://github.com/eslint-plugin-oauth/eslint-plugin-oauth';
    const fields = pkg as unknown as { repository: { url: string }; homepage: string; bugs: { url: string }; license: string };
    expect(fields.repository.url).toBe(`git+${home}.git`);
    expect(fields.homepage).toBe(`${home}#readme`);
    expect(fields.bugs.url).toBe(`${home}/issues`);
    expect(DOCS_BASE_URL).toBe(`${home}/blob/main/docs/rules`);
    expect(fields.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(read('CHANGELOG.md')).toMatch(/^# Changelog\n/);
  });

  it('builds dist/ before packing, from a clean clone too (prepack)', () => {
    expect(pkg.scripts.prepack).toMatch(/npm run build$/);
  });

  it('has the scripts the README and CI use', () => {
    for (const script of [
      'build',
      'typecheck',
      'lint',
      'docs',
      'docs:check',
      'check:package',
      'test',
      'test:unit',
      'bench:accuracy',
      'example',
    ]) {
      expect(pkg.scripts, script).toHaveProperty([script]);
    }
    expect(pkg.scripts.test).toBe('node scripts/test.mjs');
  });
});

describe('the built plugin is one object, whichever way it is loaded', () => {
  it('require() gives the plugin; .default and every config point back at it', () => {
    const plugin = require(DIST_ENTRY);
    expect(plugin.default).toBe(plugin);
    for (const config of Object.values(plugin.configs) as { plugins?: { oauth: unknown } }[][])
      expect(config.at(-1)!.plugins!.oauth).toBe(plugin);
    expect(Object.keys(plugin).sort()).toEqual(['configs', 'default', 'meta', 'rules']);
  });

  it('resolves by package name for ESM default and named imports and for require (package exports)', () => {
    const script = [
      "import oauth, { configs, rules, meta } from 'eslint-plugin-oauth';",
      "import { createRequire } from 'node:module';",
      'const required = createRequire(import.meta.url)("eslint-plugin-oauth");',
      'const same = oauth === required && configs === oauth.configs && rules === oauth.rules && meta === oauth.meta && configs.recommended.at(-1).plugins.oauth === oauth && oauth.default === oauth;',
      'console.log(JSON.stringify({ same, name: meta.name }));',
    ].join('\n');
    // Run from the package root: Node resolves the package's own name through its exports.
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ same: true, name: 'eslint-plugin-oauth' });
  });
});

describe('README', () => {
  const readme = read('README.md');
  const commands = [...readme.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((match) => match[1].trim());

  it('starts with what a user needs: install, set up, configs and files, editor, CI; contributor commands after', () => {
    expect(commands[0]).toBe('npm install --save-dev eslint-plugin-oauth');
    const sections = headings(readme, 2);
    const order = ['Install', 'Set up', 'Configs', 'Vue, Svelte and Astro', 'In the editor', 'CI', 'Rules', 'Contributing'];
    expect(sections.filter((section) => order.includes(section))).toEqual(order);
    expect(headings(readme, 3)).toContain('CI with code scanning');
    expect(readme).toContain('oauth-lint --format sarif');
  });

  it('gives the one-line command that installs and runs the main job (the example), under Contributing', () => {
    expect(commands).toContain('npm ci && npm run example');
    expect(readme.indexOf('npm ci && npm run example')).toBeGreaterThan(readme.indexOf('## Contributing'));
    expect(readme).toMatch(/exits with code 1/i);
  });

  it('gives the one-line test command that CI runs', () => {
    expect(commands).toContain('npm ci && npm test');
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(pkg.scripts, `npm run ${script}`).toHaveProperty([script]);
  });

  it('shows flat-config usage and has the generated rules list markers', () => {
    expect(readme).toContain("import oauth from 'eslint-plugin-oauth';");
    expect(readme).toContain('export default defineConfig(oauth.configs.recommended);');
    expect(readme).toContain('<!-- begin auto-generated rules list -->');
    expect(readme).toContain('<!-- end auto-generated rules list -->');
  });
});

describe('.ci/run', () => {
  it('is an executable bash script that installs cleanly and runs the README test command', () => {
    const path = join(ROOT, '.ci', 'run');
    expect(statSync(path).mode & 0o111).not.toBe(0);
    const script = read('.ci', 'run');
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(script).toMatch(/^npm ci$/m);
    expect(script).toMatch(/^npm test$/m);
  });
});
