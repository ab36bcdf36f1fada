/**
 * The configs are exactly what the rules' metadata implies, name only this plugin's rules,
 * cover every source file but test code, and `plugin.meta` comes from package.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { loadTypeScriptParser, MISSING_TYPESCRIPT_PARSER, typeScriptParser } from '../../src/parsers';
import { rules } from '../../rules/index';
import { CATALOG, catalogEntry } from '../../src/catalog';
import { configRules } from '../../src/configs';
import { read, ROOT } from './support';

const ids = Object.keys(rules).sort();
const pkg = JSON.parse(read('package.json')) as { name: string; version: string };

describe('plugin.meta', () => {
  it('has the name and version of package.json, and the namespace oauth', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'oauth' });
  });

  it('exports every registered rule', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ids);
  });
});

/** The config object of a config array that holds the rules (the last one). */
const rulesBlock = (name: 'recommended' | 'strict' | 'all') => plugin.configs[name].at(-1)!;

const SOURCE_FILES = [
  '**/*.js',
  '**/*.jsx',
  '**/*.mjs',
  '**/*.cjs',
  '**/*.ts',
  '**/*.tsx',
  '**/*.mts',
  '**/*.cts',
  '**/*.vue',
  '**/*.svelte',
  '**/*.astro',
];
const TEST_FILES = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.test-d.ts',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
];

describe('configs', () => {
  it('are recommended, strict and all, each a flat config array: TypeScript parser, JSX, then the rules', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['all', 'recommended', 'strict']);
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(Array.isArray(config)).toBe(true);
      expect(config.map((entry) => Object.keys(entry).sort())).toEqual([
        ['files', 'languageOptions', 'name'],
        ['files', 'languageOptions', 'name'],
        ['files', 'ignores', 'name', 'plugins', 'rules'],
      ]);
      const [typescript, jsx, rulesEntry] = config;
      expect(typescript.name).toBe('oauth/typescript-parser');
      expect(typescript.files).toEqual(['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']);
      expect(Object.keys(typescript.languageOptions ?? {})).toEqual(['parser']);
      expect((typescript.languageOptions?.parser as { meta?: unknown }).meta).toEqual({
        name: 'eslint-plugin-oauth/typescript-parser',
        version: pkg.version,
      });
      expect(jsx).toEqual({
        name: 'oauth/jsx',
        files: ['**/*.js', '**/*.jsx'],
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      });
      expect(rulesEntry.name).toBe(`oauth/${name}`);
      expect(rulesEntry.files).toEqual(SOURCE_FILES);
      expect(rulesEntry.ignores).toEqual(TEST_FILES);
      expect(Object.keys(rulesEntry.plugins ?? {})).toEqual(['oauth']);
      expect(rulesEntry.plugins?.oauth).toBe(plugin);
    }
  });

  it('name only oauth/ rules that exist', () => {
    for (const name of ['recommended', 'strict', 'all'] as const) {
      for (const key of Object.keys(rulesBlock(name).rules ?? {})) {
        expect(key).toMatch(/^oauth\//);
        expect(ids).toContain(key.slice('oauth/'.length));
      }
    }
  });

  it("recommended holds each rule at the catalog's level, and nothing else", () => {
    const expected = Object.fromEntries(
      ids.flatMap((id) => {
        const level = catalogEntry(id)?.recommended;
        return level ? [[`oauth/${id}`, level]] : [];
      }),
    );
    expect(rulesBlock('recommended').rules).toEqual(expected);
  });

  it('strict holds every rule at error, with its strictOptions', () => {
    const expected = Object.fromEntries(
      ids.map((id) => {
        const strictOptions = rules[id].meta.docs?.strictOptions;
        return [`oauth/${id}`, strictOptions && strictOptions.length > 0 ? ['error', ...strictOptions] : 'error'];
      }),
    );
    expect(rulesBlock('strict').rules).toEqual(expected);
  });

  it('all holds every rule at error with default options', () => {
    expect(rulesBlock('all').rules).toEqual(Object.fromEntries(ids.map((id) => [`oauth/${id}`, 'error'])));
  });

  it('strictOptions are only set by rules that have options', () => {
    for (const id of ids) {
      const { schema, docs } = rules[id].meta;
      if (docs?.strictOptions && docs.strictOptions.length > 0) {
        expect(Array.isArray(schema) ? schema.length : 1, id).toBeGreaterThan(0);
      }
    }
  });
});

describe('which files the configs lint (ESLint 10, the recommended config alone)', () => {
  const code = "function save(tokens) {\n  localStorage.setItem('refresh_token', tokens.refresh_token);\n}\n";
  const lint = async (filePath: string, config: Linter.Config[] = plugin.configs.recommended) => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
    return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
  };

  it.each(['a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'src/deep/a.d.ts'])('lints %s', async (file) => {
    expect(await lint(file)).toEqual(['oauth/no-token-in-web-storage']);
  });

  it('parses JSX in .js and .jsx files, and TSX in .tsx files', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const jsx = `${code}export const App = () => <button onClick={() => save({})}>Log in</button>;\n`;
    for (const file of ['a.js', 'a.jsx', 'a.tsx']) {
      const [result] = await eslint.lintText(jsx, { filePath: join(ROOT, file) });
      expect(
        result.messages.map((message) => message.ruleId ?? message.message),
        file,
      ).toEqual(['oauth/no-token-in-web-storage']);
    }
  });

  it.each([
    'a.test.ts',
    'a.spec.js',
    'types.test-d.ts',
    'src/__tests__/a.ts',
    'src/__mocks__/a.js',
    'test/a.js',
    'packages/x/tests/a.mjs',
    'e2e/login.ts',
  ])('leaves test code alone: %s', async (file) => {
    expect(await lint(file)).toEqual([]);
  });

  it('lints test code too with the README recipe (the configs without their ignores)', async () => {
    const withTests = plugin.configs.recommended.map((config) => ({ ...config, ignores: [] }));
    expect(await lint('src/__tests__/a.test.ts', withTests)).toEqual(['oauth/no-token-in-web-storage']);
  });

  it('lints .vue, .svelte and .astro files, so a component without its parser fails loudly', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    for (const file of ['a.vue', 'a.svelte', 'a.astro']) {
      const [result] = await eslint.lintText(`<script>\n${code}</script>\n`, { filePath: join(ROOT, file) });
      const message = result.messages.map((entry) => entry.ruleId ?? `fatal: ${entry.message}`)[0];
      expect(message, file).toMatch(/^fatal: Parsing error/);
    }
  });
});

describe('the TypeScript parser the configs set', () => {
  const parse = (parser: Linter.Parser) => () =>
    (parser as { parseForESLint(code: string, options: unknown): unknown }).parseForESLint('const a: number = 1;', { filePath: 'a.ts' });

  it('hands TypeScript to @typescript-eslint/parser, found from the working directory', () => {
    const result = parse(typeScriptParser('1.0.0'))() as { ast: { body: { type: string }[] } };
    expect(result.ast.body[0].type).toBe('VariableDeclaration');
  });

  it('fails with a message naming the package to install when none is found', () => {
    const parser = typeScriptParser('1.0.0', () => loadTypeScriptParser([join(tmpdir(), 'nowhere', 'package.json')]));
    expect(parse(parser)).toThrow(MISSING_TYPESCRIPT_PARSER);
    expect(MISSING_TYPESCRIPT_PARSER).toContain('npm install --save-dev @typescript-eslint/parser');
    // Every file gets the same error, not only the first.
    expect(parse(parser)).toThrow(MISSING_TYPESCRIPT_PARSER);
  });

  it('uses the parser of typescript-eslint when only that package is installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth-tseslint-'));
    try {
      mkdirSync(join(dir, 'node_modules', 'typescript-eslint'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'typescript-eslint', 'package.json'), '{ "name": "typescript-eslint", "main": "index.js" }');
      writeFileSync(
        join(dir, 'node_modules', 'typescript-eslint', 'index.js'),
        'exports.parser = { parseForESLint: () => ({ ast: "from typescript-eslint" }) };',
      );
      const parser = typeScriptParser('1.0.0', () => loadTypeScriptParser([join(dir, 'package.json')]));
      expect(parse(parser)()).toEqual({ ast: 'from typescript-eslint' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configRules (derivation from metadata)', () => {
  // A synthetic rule set covering every case, so the derivation is tested even before
  // real rules exist.
  const fake = (docs: Record<string, unknown>) =>
    ({ meta: { type: 'problem', docs, messages: {}, schema: [] }, create: () => ({}), defaultOptions: [] }) as never;
  const fakes = {
    'b-warn': fake({ description: 'Require b', recommended: 'warn' }),
    'a-error': fake({ description: 'Require a', recommended: 'error', strictOptions: [{ strictThing: true }] }),
    'c-strict-only': fake({ description: 'Require c' }),
  };

  it('recommended takes each rule at its level and leaves out strict-only rules', () => {
    expect(configRules(fakes, 'recommended')).toEqual({ 'oauth/a-error': 'error', 'oauth/b-warn': 'warn' });
  });

  it('strict sets every rule to error with its strict options', () => {
    expect(configRules(fakes, 'strict')).toEqual({
      'oauth/a-error': ['error', { strictThing: true }],
      'oauth/b-warn': 'error',
      'oauth/c-strict-only': 'error',
    });
  });

  it('all sets every rule to error', () => {
    expect(configRules(fakes, 'all')).toEqual({ 'oauth/a-error': 'error', 'oauth/b-warn': 'error', 'oauth/c-strict-only': 'error' });
  });

  it('the catalog keeps serialize-token-refresh out of recommended', () => {
    expect(CATALOG['serialize-token-refresh']).toEqual({});
  });
});
