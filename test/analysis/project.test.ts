import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { calledFunction, importedDefinition, projectOrigin } from '../../src/analysis/functions';
import { formatOrigin } from '../../src/analysis/modules';
import { registerLintedFile } from '../../src/analysis/project/files';
import { clearModuleCache } from '../../src/analysis/project/load';
import { mayNameProjectFile, resolveModule, stripJsonComments } from '../../src/analysis/project/resolve';
import { clearImporterListings } from '../../src/analysis/project/importers';
import { autoImportName, clearAutoImports } from '../../src/analysis/project/auto-imports';
import { fileFacts } from '../../src/analysis/file-facts';
import { weakHelperFindings } from '../../src/analysis/secret-values';

const root = mkdtempSync(join(tmpdir(), 'oauth-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  clearModuleCache();
  clearImporterListings();
  clearAutoImports();
});

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

  it("knows the aliases frameworks define without a committed tsconfig: SvelteKit's $lib, Nuxt's ~/ and @/, @/ for src/", () => {
    write({
      'kit/package.json': '{}',
      'kit/svelte.config.js': 'export default {};',
      'kit/src/lib/random.ts': '',
      'nuxt/package.json': '{}',
      'nuxt/nuxt.config.ts': 'export default {};',
      'nuxt/utils/auth.ts': '',
      'vite/package.json': '{}',
      'vite/src/api/login.js': '',
    });
    expect(resolveModule(join(root, 'kit/src/routes/login/+server.ts'), '$lib/random')).toBe(join(root, 'kit/src/lib/random.ts'));
    expect(resolveModule(join(root, 'nuxt/pages/login.ts'), '~/utils/auth')).toBe(join(root, 'nuxt/utils/auth.ts'));
    expect(resolveModule(join(root, 'nuxt/pages/login.ts'), '@/utils/auth')).toBe(join(root, 'nuxt/utils/auth.ts'));
    expect(resolveModule(join(root, 'vite/src/pages/Login.js'), '@/api/login')).toBe(join(root, 'vite/src/api/login.js'));
    // Without the framework's config file, `$lib` means nothing.
    expect(resolveModule(join(root, 'vite/src/pages/Login.js'), '$lib/random')).toBeUndefined();
  });

  it("resolves Deno import maps' local entries (deno.json, or the map it points at), and leaves URLs alone", () => {
    write({
      'deno/deno.json': JSON.stringify({ tasks: {}, importMap: './import_map.json' }),
      'deno/import_map.json': JSON.stringify({
        imports: { '@/': './', '@db': './util/db.ts', '$std/': 'https://deno.land/std@0.152.0/', preact: 'https://esm.sh/preact@10.8.2' },
      }),
      'deno/communication/github.ts': '',
      'deno/util/db.ts': '',
      'deno2/deno.jsonc': '{\n  // comments are allowed\n  "imports": { "~/": "./src/", "jose": "jsr:@panva/jose@6" }\n}',
      'deno2/src/auth.ts': '',
    });
    const from = join(root, 'deno/routes/index.tsx');
    expect(resolveModule(from, '@/communication/github.ts')).toBe(join(root, 'deno/communication/github.ts'));
    expect(resolveModule(from, '@db')).toBe(join(root, 'deno/util/db.ts'));
    expect(resolveModule(from, '$std/http/cookie.ts')).toBeUndefined();
    expect(resolveModule(from, 'preact')).toBeUndefined();
    expect(mayNameProjectFile(from, ['preact', '@db'])).toBe(true);
    expect(mayNameProjectFile(from, ['preact', '$std/http/cookie.ts'])).toBe(false);
    expect(resolveModule(join(root, 'deno2/routes/login.ts'), '~/auth')).toBe(join(root, 'deno2/src/auth.ts'));
    expect(resolveModule(join(root, 'deno2/routes/login.ts'), 'jose')).toBeUndefined();
  });

  it("resolves Create React App's absolute imports from src/, and nothing that may be a package", () => {
    write({
      'cra/package.json': JSON.stringify({ dependencies: { 'react-scripts': '3.0.1', axios: '^0.19.0' } }),
      'cra/src/utils/localStorage/index.js': '',
      'cra/src/axios/index.js': '',
      'cra/src/path.js': '',
      'plain/package.json': JSON.stringify({ dependencies: { react: '^18.0.0' } }),
      'plain/src/utils/localStorage/index.js': '',
    });
    const from = join(root, 'cra/src/utils/auth/tokenGetSet.js');
    expect(resolveModule(from, 'utils/localStorage')).toBe(join(root, 'cra/src/utils/localStorage/index.js'));
    expect(mayNameProjectFile(from, ['react', 'utils/localStorage'])).toBe(true);
    // A dependency, a Node built-in and a folder src/ lacks stay packages.
    expect(resolveModule(from, 'axios')).toBeUndefined();
    expect(resolveModule(from, 'path')).toBeUndefined();
    expect(resolveModule(from, 'lodash/get')).toBeUndefined();
    expect(mayNameProjectFile(from, ['axios', 'path', 'lodash/get'])).toBe(false);
    // Not a react-scripts app: no such convention.
    expect(resolveModule(join(root, 'plain/src/a.js'), 'utils/localStorage')).toBeUndefined();
  });

  it('follows package.json imports as Node picks: the longest pattern prefix, then tsconfig paths for # names', () => {
    write({
      'imp/package.json': JSON.stringify({ imports: { '#lib/*': './src/lib/*', '#lib/auth/*': './src/auth/*', '#pkg': 'some-package' } }),
      'imp/src/lib/auth/login.ts': '',
      'imp/src/auth/login.ts': '',
      'imp/src/alias.ts': '',
      'imp/tsconfig.json': '{ "compilerOptions": { "paths": { "#alias": ["./src/alias.ts"] } } }',
    });
    const page = join(root, 'imp/src/pages/page.ts');
    expect(resolveModule(page, '#lib/auth/login.js')).toBe(join(root, 'imp/src/auth/login.ts'));
    expect(resolveModule(page, '#pkg')).toBeUndefined();
    expect(resolveModule(page, '#alias')).toBe(join(root, 'imp/src/alias.ts'));
  });

  it('lets the cheap gate through only bare specifiers the tsconfig may map to a project file', () => {
    expect(mayNameProjectFile(from, ['src/dir'])).toBe(true);
    expect(mayNameProjectFile(from, ['@/a'])).toBe(true);
    expect(mayNameProjectFile(from, ['pkg'])).toBe(false);
    expect(mayNameProjectFile(from, ['node_modules/pkg'])).toBe(false);
    write({ 'star/tsconfig.json': '{ "compilerOptions": { "paths": { "*": ["types/*"] } } }' });
    expect(mayNameProjectFile(join(root, 'star/src/page.ts'), ['react', 'lodash/fp'])).toBe(false);
    expect(mayNameProjectFile(join(root, 'vite/src/pages/Login.js'), ['src/api/login'])).toBe(false);
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

  it('reaches a function a module assigns to module.exports whole, required under any name', () => {
    write({ 'p2b/exchange.js': 'module.exports = async function exchange(code) {\n  return code;\n};\n' });
    expect(calls('p2b/route.cjs', "const swap = require('./exchange');\nswap(code);\n")).toEqual({
      swap: 'imported: async function exchange(code) {',
      require: undefined,
    });
  });

  it('follows two hops, stops at the hop limit, and ends import cycles', () => {
    write({
      'p3/a.js': "export { f } from './b.js';\nexport const a = 1;\n",
      'p3/b.js': "export { f } from './c.js';\nexport const b = 1;\n",
      'p3/c.js': "export { f } from './d.js';\nexport const c = 1;\n",
      'p3/d.js': 'export function f() {\n  return 1;\n}\n',
      'p3/cycle1.js': "export * from './cycle2.js';\n",
      'p3/cycle2.js': "export * from './cycle1.js';\n",
      'p3/near.js': "export { f } from './d.js';\n",
      'p3/barrel1.js': "export * from './barrel2.js';\n",
      'p3/barrel2.js': "export * from './barrel3.js';\n",
      'p3/barrel3.js': "export { f } from './d.js';\n",
    });
    expect(calls('p3/main.js', "import { f } from './near.js';\nf();\n")).toEqual({ f: 'imported: function f() {' });
    // main → a → b → c → d is four modules away: beyond the limit, unknown.
    expect(calls('p3/far.js', "import { f } from './a.js';\nf();\n")).toEqual({ f: undefined });
    // Modules that only re-export (barrels) are not counted: d is one module away.
    expect(calls('p3/barrels.js', "import { f } from './barrel1.js';\nf();\n")).toEqual({ f: 'imported: function f() {' });
    expect(calls('p3/loop.js', "import { g } from './cycle1.js';\ng();\n")).toEqual({ g: undefined });
  });

  it('reaches methods through CommonJS barrels, members of required modules and ES5 prototypes', () => {
    write({
      'p3b/common/qq.js':
        'function QQ(options) {\n  this.id = options.id;\n}\nQQ.prototype = {\n  getToken(code) {\n    return code;\n  },\n};\nQQ.prototype.getOpenId = function getOpenId(token) {\n  return token;\n};\nmodule.exports = QQ;\n',
      'p3b/common/index.js': "const qq = require('./qq');\nexports.QQ = qq;\n",
      'p3b/proxy/auth.js':
        "const { QQ } = require('../common');\nconst login = (code) => {\n  const client = new QQ({ id: 1 });\n  return client.getToken(code);\n};\nmodule.exports = { login };\n",
      'p3b/proxy/index.js': "const Auth = require('./auth');\nmodule.exports = { Auth };\n",
    });
    expect(
      calls(
        'p3b/controllers/auth.cjs',
        "const Auth = require('../proxy').Auth;\nconst { QQ } = require('../common');\nconst qq = new QQ({});\nAuth.login(1); qq.getToken(2); qq.getOpenId(3); qq.missing(4);\n",
      ),
    ).toEqual({
      require: undefined,
      'Auth.login': 'imported: (code) => {',
      'qq.getToken': 'imported: (code) {',
      'qq.getOpenId': 'imported: function getOpenId(token) {',
      'qq.missing': undefined,
    });
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

describe('calledFunction through Nuxt and Nitro auto-imports', () => {
  /** Whether the linted file counts as reaching project modules (the file gate of cross-module analyses). */
  function reachesProject(file: string, text: string): boolean {
    let reaches = false;
    lint(file, text, (sourceCode) => {
      reaches = fileFacts(sourceCode).importsProjectModules;
    });
    return reaches;
  }

  it("resolves a free call in a Nitro project to an export of <srcDir>/utils/**, a default export by its file's camelCase name", () => {
    write({
      'n1/package.json': '{}',
      'n1/nitro.config.ts': "export default defineNitroConfig({ srcDir: 'server' });\n",
      'n1/server/utils/discord.ts': 'export async function exchangeCode(code: string) {\n  return code;\n}\n',
      'n1/server/utils/nested/deep.ts': 'export const deepHelper = (v: string) => {\n  return v;\n};\n',
      'n1/server/utils/token-store.ts': 'export default function (v: string) {\n  return v;\n}\n',
    });
    expect(
      calls(
        'n1/server/routes/callback.get.ts',
        'export default eventHandler(async (event) => {\n  exchangeCode(1); deepHelper(2); tokenStore(3); getQuery(event); missing();\n});\n',
      ),
    ).toEqual({
      eventHandler: undefined,
      exchangeCode: 'imported: async function exchangeCode(code: string) {',
      deepHelper: 'imported: (v: string) => {',
      tokenStore: 'imported: function (v: string) {',
      getQuery: undefined,
      missing: undefined,
    });
    // A local binding of the name wins over the auto-import.
    expect(calls('n1/server/routes/local.get.ts', 'function exchangeCode(code: string) {}\nexchangeCode(1);\n')).toEqual({
      exchangeCode: 'local: function exchangeCode(code: string) {}',
    });
    expect(reachesProject('n1/server/routes/gate.get.ts', 'exchangeCode(1);\n')).toBe(true);
    expect(reachesProject('n1/server/routes/other.get.ts', 'somethingElse(1);\n')).toBe(false);
  });

  it("follows Nuxt's folders: top-level composables/ and utils/ in the app, server/utils/** in server/, imports.dirs of the config", () => {
    write({
      'x1/package.json': '{}',
      'x1/nuxt.config.ts': "export default defineNuxtConfig({ imports: { dirs: ['stores/**'] } });\n",
      'x1/composables/useLogin.ts': 'export function useLogin(code: string) {\n  return code;\n}\n',
      'x1/composables/index.ts': "export { useReexported } from './auth/useReexported';\n",
      'x1/composables/auth/useReexported.ts': 'export function useReexported() {\n  return 1;\n}\n',
      'x1/composables/auth/useNested.ts': 'export function useNested() {\n  return 1;\n}\n',
      'x1/utils/random-entry.ts': 'export default function (list: string[]) {\n  return list[0];\n}\n',
      'x1/stores/session/useSession.ts': 'export function useSession() {\n  return 1;\n}\n',
      'x1/server/utils/exchange.ts': 'export function serverExchange(code: string) {\n  return code;\n}\n',
    });
    expect(
      calls('x1/middleware/callback.ts', 'useLogin(1); useReexported(); useNested(); randomEntry([]); useSession(); serverExchange(1);\n'),
    ).toEqual({
      useLogin: 'imported: function useLogin(code: string) {',
      useReexported: 'imported: function useReexported() {',
      // Nested and not re-exported: Nuxt does not scan it.
      useNested: undefined,
      randomEntry: 'imported: function (list: string[]) {',
      useSession: 'imported: function useSession() {',
      // The server's utils are not the app's.
      serverExchange: undefined,
    });
    expect(calls('x1/server/api/login.post.ts', 'serverExchange(1); useLogin(1);\n')).toEqual({
      serverExchange: 'imported: function serverExchange(code: string) {',
      useLogin: undefined,
    });
  });

  it("reads Nuxt 4's app/ folder, and nothing in a project that is neither Nuxt nor Nitro", () => {
    write({
      'x2/package.json': '{}',
      'x2/nuxt.config.ts': 'export default defineNuxtConfig({});\n',
      'x2/app/composables/useAuth.ts': 'export const useAuth = () => {\n  return 1;\n};\n',
      'x3/package.json': '{}',
      'x3/utils/exchange.ts': 'export function exchangeCode(code: string) {\n  return code;\n}\n',
    });
    expect(calls('x2/app/pages/callback.ts', 'useAuth();\n')).toEqual({ useAuth: 'imported: () => {' });
    expect(calls('x3/server/routes/callback.ts', 'exchangeCode(1);\n')).toEqual({ exchangeCode: undefined });
    expect(reachesProject('x3/server/routes/gate.ts', 'exchangeCode(1);\n')).toBe(false);
  });

  it("names a default export as Nuxt does (scule's camelCase of the file name)", () => {
    expect(autoImportName('/p/composables/use-foo.ts')).toBe('useFoo');
    expect(autoImportName('/p/composables/useFoo.ts')).toBe('useFoo');
    expect(autoImportName('/p/utils/random_entry.js')).toBe('randomEntry');
    expect(autoImportName('/p/utils/format/index.ts')).toBe('format');
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

describe('projectOrigin', () => {
  it("names the package behind a client another module makes and exports, and nothing for the project's own values", () => {
    write({
      'p8/spotify.js': "import SpotifyWebApi from 'spotify-web-api-node';\nexport default new SpotifyWebApi({ clientId: ID });\n",
      'p8/google.js': "const { google } = require('googleapis');\nexports.oauth2 = new google.auth.OAuth2(ID, SECRET, CB);\n",
      'p8/own.js': "import { make } from './factory';\nexport const client = make();\nexport function helper() {}\n",
      'p8/factory.js': 'export function make() { return {}; }\n',
      'p8/random-bytes.js': "const { randomBytes } = require('crypto');\nmodule.exports = require('util').promisify(randomBytes);\n",
    });
    const found: Record<string, string | undefined> = {};
    lint(
      'p8/route.js',
      "import spotify from './spotify';\nimport { oauth2 } from './google';\nimport { client, helper } from './own';\nconst randomBytes = require('./random-bytes');\nconst local = {};\nspotify.authorizationCodeGrant(code); oauth2.getToken(code); client.exchange(code); helper.call(x); local.getToken(code); randomBytes(9);\n",
      (sourceCode, node) => {
        if (node.type !== 'CallExpression') return;
        const origin = projectOrigin(sourceCode, (node as TSESTree.CallExpression).callee);
        found[sourceCode.getText((node as TSESTree.CallExpression).callee)] = origin && formatOrigin(origin);
      },
    );
    expect(found).toEqual({
      'spotify.authorizationCodeGrant': 'spotify-web-api-node.().authorizationCodeGrant',
      'oauth2.getToken': 'googleapis.google.auth.OAuth2.().getToken',
      'client.exchange': undefined,
      'helper.call': undefined,
      'local.getToken': undefined,
      // util.promisify(randomBytes) is the same generator, promise-shaped.
      randomBytes: 'crypto.randomBytes',
      require: undefined,
    });
  });
});

describe('weakHelperFindings: helpers whose weak value another module uses as a secret', () => {
  function findings(file: string, text: string): string[] {
    let found: string[] | undefined;
    lint(file, text, (sourceCode) => {
      found ??= weakHelperFindings(sourceCode).map((f) => `${f.secret}@${f.finding.node.loc.start.line}`);
    });
    return found ?? [];
  }
  const helper =
    "exports.uid = function (len) {\n  var buf = [];\n  for (var i = 0; i < len; ++i) buf.push('abcdef'[Math.floor(Math.random() * 6)]);\n  return buf.join('');\n};\n";

  it('reports the helper when an importer makes a state or an issued code of it, through a variable', () => {
    write({
      'w1/package.json': '{}',
      'w1/routes/login.js':
        "const { randomString } = require('../lib/random');\nexports.login = (req, res) => { const state = randomString(16); res.redirect('https://idp/authorize?state=' + state); };\n",
      'w1/oauth2.js':
        "var oauth2orize = require('oauth2orize');\nvar server = oauth2orize.createServer();\nvar utils = require('./utils');\nserver.grant(oauth2orize.grant.code(function (client, uri, user, ares, done) {\n  var code = utils.uid(16);\n  db.save(code, function () { done(null, code); });\n}));\n",
    });
    expect(
      findings(
        'w1/lib/random.js',
        'exports.randomString = (n) => Array.from({ length: n }, () => Math.random().toString(36)[2]).join("");\n',
      ),
    ).toEqual(['state@1']);
    expect(findings('w1/utils.js', helper)).toEqual(['code@3']);
  });

  it("finds importers among a public folder's hand-written browser modules when the helper is one of them", () => {
    write({
      'w5/package.json': '{}',
      'w5/src/public/static/js/login.mjs':
        "import { generateRandomString } from '../modules/utils.mjs';\nconst randStr = generateRandomString();\nsessionStorage.setItem('state', randStr);\nlocation.href = `https://discord.com/oauth2/authorize?client_id=1&state=${randStr}&response_type=code`;\n",
    });
    const helper =
      "export function generateRandomString() {\n  let out = '';\n  for (let i = 0; i < 25; i++) out += 'abcdef'.charAt(Math.floor(Math.random() * 6));\n  return out;\n}\n";
    expect(findings('w5/src/public/static/modules/utils.mjs', helper)).toEqual(['state@3']);
    // A project module outside the asset folder is not listed from inside it, nor the other way round.
    expect(findings('w5/src/lib/utils.mjs', helper)).toEqual([]);
  });

  it('finds importers through a barrel that re-exports the helper, also one imported as `..`', () => {
    write({
      'w3/package.json': '{}',
      'w3/controllers/index.js': "export { default as uniqueId } from './uniqueIdUtil';\nexport { login } from './auth/login';\n",
      'w3/controllers/auth/login.js':
        "import { uniqueId } from '..';\nexport function login(req, res) { const state = uniqueId(16); res.redirect('https://idp/authorize?state=' + state); }\n",
      'w3/controllers/ui.js': "import { uniqueId } from './index';\nexport const elementId = uniqueId(8);\n",
    });
    const barrelled =
      "function getRandomInt(limit) {\n  return Math.floor(Math.random() * limit);\n}\nexport default function uniqueId(n) {\n  return Array.from({ length: n }, () => 'abcdef'[getRandomInt(6)]).join('');\n}\n";
    expect(findings('w3/controllers/uniqueIdUtil.js', barrelled)).toEqual(['state@2']);
  });

  it('stays silent when importers use the value for something else, and for packages', () => {
    write({
      'w2/package.json': '{}',
      'w2/ui.js': "var utils = require('./utils');\nvar elementId = utils.uid(8);\nmodule.exports = elementId;\n",
      'w2/node_modules/lib/package.json': '{}',
      'w2/node_modules/lib/user.js': "var utils = require('./utils');\nvar state = utils.uid(8);\n",
    });
    expect(findings('w2/utils.js', helper)).toEqual([]);
    expect(findings('w2/node_modules/lib/utils.js', helper)).toEqual([]);
  });
});
