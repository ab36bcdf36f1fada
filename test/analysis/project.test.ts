import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { calledFunction, importedDefinition } from '../../src/analysis/functions';
import { registerLintedFile } from '../../src/analysis/project/files';
import { clearModuleCache } from '../../src/analysis/project/load';
import { resolveModule, stripJsonComments } from '../../src/analysis/project/resolve';

const root = mkdtempSync(join(tmpdir(), 'oauth-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => clearModuleCache());

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** For each call in `file`, the callee's text and the first line of the function it reaches (with its file). */
function calls(file: string, text: string): Record<string, string | undefined> {
  const results: Record<string, string | undefined> = {};
  lint(file, text, (sourceCode, node) => {
    if (node.type !== 'CallExpression') return;
    const found = calledFunction(sourceCode, node.callee);
    results[sourceCode.getText(node.callee)] = found
      ? `${found.imported ? 'imported' : 'local'}: ${found.sourceCode.getText(found.fn).split('\n')[0]}`
      : undefined;
  });
  return results;
}

function lint(file: string, text: string, visit: (sourceCode: TSESLint.SourceCode, node: TSESTree.Node) => void): void {
  const path = join(root, file);
  write({ [file]: text });
  const typescript = /\.[cm]?tsx?$/.test(file);
  const linter = new Linter({ cwd: '/' });
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
        languageOptions: typescript ? { parser: tsParser } : { sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module' },
        plugins: {
          probe: {
            rules: {
              visit: {
                create(context: TSESLint.RuleContext<string, []>) {
                  registerLintedFile(context);
                  return {
                    CallExpression: (node: TSESTree.Node) => visit(context.sourceCode, node),
                    Identifier: (node: TSESTree.Node) => visit(context.sourceCode, node),
                  };
                },
              } as never,
            },
          },
        },
        rules: { 'probe/visit': 'error' },
      },
    ],
    path,
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId === 'probe/visit');
  if (fatal) throw new Error(fatal.message);
}

describe('resolveModule', () => {
  write({
    'r/src/a.ts': '',
    'r/src/b.tsx': '',
    'r/src/dir/index.js': '',
    'r/src/legacy.cjs': '',
    'r/node_modules/pkg/index.js': '',
    'r/tsconfig.json': '{\n // aliases\n "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], }, /* c */ },\n}',
  });
  const from = join(root, 'r/src/page.ts');

  it('tries extensions, index files and the .ts file behind a .js specifier', () => {
    expect(resolveModule(from, './a')).toBe(join(root, 'r/src/a.ts'));
    expect(resolveModule(from, './a.js')).toBe(join(root, 'r/src/a.ts'));
    expect(resolveModule(from, './b.jsx')).toBe(join(root, 'r/src/b.tsx'));
    expect(resolveModule(from, './dir')).toBe(join(root, 'r/src/dir/index.js'));
    expect(resolveModule(from, './legacy.cjs')).toBe(join(root, 'r/src/legacy.cjs'));
  });

  it('follows tsconfig paths and baseUrl, never packages or missing files', () => {
    expect(resolveModule(from, '@/a')).toBe(join(root, 'r/src/a.ts'));
    expect(resolveModule(from, 'src/dir')).toBe(join(root, 'r/src/dir/index.js'));
    expect(resolveModule(from, 'pkg')).toBeUndefined();
    expect(resolveModule(from, '../node_modules/pkg')).toBeUndefined();
    expect(resolveModule(from, './missing')).toBeUndefined();
    expect(resolveModule(from, 'node:crypto')).toBeUndefined();
  });

  it('reads tsconfig comments and trailing commas without touching strings', () => {
    expect(JSON.parse(stripJsonComments('{"a": "//not a comment", /* x */ "b": [1,2,],}'))).toEqual({ a: '//not a comment', b: [1, 2] });
  });
});

describe('calledFunction across modules', () => {
  it('reaches named, renamed, default and re-exported functions of project modules', () => {
    write({
      'p1/lib/util.ts':
        'export function randomString(n: number) {\n  return String(n);\n}\nexport default function main() {\n  return 1;\n}\n',
      'p1/lib/index.ts':
        "export * from './util';\nexport { randomString as rnd } from './util';\nexport { default as mainFn } from './util';\n",
      'p1/tsconfig.json': '{ "compilerOptions": { "paths": { "@lib": ["./lib/index.ts"] } } }',
    });
    expect(
      calls(
        'p1/app/page.ts',
        "import { randomString, rnd, mainFn } from '../lib';\nimport main from '../lib/util.js';\nimport * as lib from '@lib';\nfunction own() {}\nrandomString(1); rnd(2); mainFn(); main(); lib.randomString(3); own(); missing();\n",
      ),
    ).toEqual({
      randomString: 'imported: function randomString(n: number) {',
      rnd: 'imported: function randomString(n: number) {',
      mainFn: 'imported: function main() {',
      main: 'imported: function main() {',
      'lib.randomString': 'imported: function randomString(n: number) {',
      own: 'local: function own() {}',
      missing: undefined,
    });
  });

  it('reaches CommonJS exports from CommonJS and from ES modules', () => {
    write({
      'p2/utils.js': 'function uid(len) {\n  return len;\n}\nmodule.exports = { uid, other: () => 1 };\n',
      'p2/helpers.js': 'exports.sign = function sign(v) {\n  return v;\n};\nmodule.exports.check = (v) => v;\n',
    });
    expect(
      calls(
        'p2/oauth.cjs',
        "const { uid } = require('./utils');\nconst utils = require('./utils.js');\nconst helpers = require('./helpers');\nuid(1); utils.other(); helpers.sign(1); helpers.check(2);\n",
      ),
    ).toEqual({
      uid: 'imported: function uid(len) {',
      'utils.other': 'imported: () => 1',
      'helpers.sign': 'imported: function sign(v) {',
      'helpers.check': 'imported: (v) => v',
      require: undefined,
    });
    expect(calls('p2/esm.mjs', "import { uid } from './utils.js';\nuid(1);\n")).toEqual({ uid: 'imported: function uid(len) {' });
  });

  it('follows two hops, stops at the hop limit, and ends import cycles', () => {
    write({
      'p3/a.js': "export { f } from './b.js';\n",
      'p3/b.js': "export { f } from './c.js';\n",
      'p3/c.js': "export { f } from './d.js';\n",
      'p3/d.js': 'export function f() {\n  return 1;\n}\n',
      'p3/cycle1.js': "export * from './cycle2.js';\n",
      'p3/cycle2.js': "export * from './cycle1.js';\n",
      'p3/near.js': "export { f } from './d.js';\n",
    });
    expect(calls('p3/main.js', "import { f } from './near.js';\nf();\n")).toEqual({ f: 'imported: function f() {' });
    // main → a → b → c → d is four modules away: beyond the limit, unknown.
    expect(calls('p3/far.js', "import { f } from './a.js';\nf();\n")).toEqual({ f: undefined });
    expect(calls('p3/loop.js', "import { g } from './cycle1.js';\ng();\n")).toEqual({ g: undefined });
  });

  it('treats unparsable and missing modules as unknown', () => {
    write({ 'p4/broken.js': 'export function f( {\n' });
    expect(calls('p4/main.js', "import { f } from './broken.js';\nimport { g } from './nowhere.js';\nf(); g();\n")).toEqual({
      f: undefined,
      g: undefined,
    });
  });

  it('reads a TypeScript helper from a JavaScript file', () => {
    write({ 'p5/auth.ts': 'export const verify = (token: string): string => token;\n' });
    expect(calls('p5/main.js', "import { verify } from './auth.js';\nverify('t');\n")).toEqual({
      verify: 'imported: (token: string): string => token',
    });
  });

  it('sees an edited module again (cache keyed by mtime and size)', () => {
    write({ 'p6/h.js': 'export function h() {\n  return 1;\n}\n' });
    expect(calls('p6/main.js', "import { h } from './h.js';\nh();\n")).toEqual({ h: 'imported: function h() {' });
    write({ 'p6/h.js': 'export const h = function changed() {\n  return 2;\n};\n' });
    utimesSync(join(root, 'p6/h.js'), new Date(), new Date(Date.now() + 5000));
    expect(calls('p6/main.js', "import { h } from './h.js';\nh();\n")).toEqual({ h: 'imported: function changed() {' });
  });
});

describe('importedDefinition', () => {
  it('finds the value a config module exports, and nothing for local names', () => {
    write({
      'p7/config.js': 'export const clientSecret = process.env.NEXT_PUBLIC_SECRET;\nconst local = 1;\nexport { local as renamed };\n',
    });
    const found: Record<string, string | undefined> = {};
    lint(
      'p7/page.js',
      "import { clientSecret, renamed } from './config';\nconst mine = 2;\nclientSecret; renamed; mine;\n",
      (sourceCode, node) => {
        if (node.type !== 'Identifier' || node.parent?.type !== 'ExpressionStatement') return;
        const definition = importedDefinition(sourceCode, node);
        found[(node as TSESTree.Identifier).name] = definition && definition.sourceCode.getText(definition.node);
      },
    );
    expect(found).toEqual({ clientSecret: 'process.env.NEXT_PUBLIC_SECRET', renamed: '1', mine: undefined });
  });
});
