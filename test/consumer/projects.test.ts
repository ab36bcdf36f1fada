/**
 * The package as users install it: the tarball `npm pack` makes from a clean copy of the
 * repository (no dist/: `prepack` builds it), installed into temporary projects for ESLint 9
 * and 10 — plain JavaScript with React, and TypeScript with React, Vue and Svelte — each
 * linting a few insecure files with the README's setup. What it proves:
 *
 * - the configs lint .js .jsx .mjs .cjs .ts .tsx .mts .cts .vue .svelte and leave test code
 *   alone, with the exact findings expected (coverage shown, not assumed);
 * - a TypeScript file without @typescript-eslint/parser fails loudly with what to install;
 * - installing next to jose 5 and oauth4webapi 2 works (no ERESOLVE), and the reference
 *   entry point then says what it needs;
 * - a plain-JS project gets under 3 MB and no TypeScript; a TypeScript project keeps one
 *   typescript-eslint stack;
 * - `defineConfig(oauth.configs.recommended)` and `plugins: { oauth }` type-check in
 *   eslint.config.mjs (`// @ts-check`) and eslint.config.ts;
 * - the README's oxlint recipe (JS plugins) reports findings in JS, JSX, CommonJS and the
 *   scripts of .vue/.svelte/.astro files;
 * - the packed docs link only to packed files.
 *
 * Installs share npm's cache and prefer it (`--prefer-offline`): a minute or two in all.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_TYPESCRIPT_PARSER } from '../../src/parsers';
import plugin from '../../src/index';
import { ROOT, read } from '../plugin/support';

const TIMEOUT = 15 * 60_000;
/** ESLint, tsc and oxlint runs: seconds, more on a loaded machine. */
const SLOW = 180_000;
const WORK = mkdtempSync(join(tmpdir(), 'oauth-consumers-'));
const devVersion = (name: string) => (JSON.parse(read('node_modules', name, 'package.json')) as { version: string }).version;

/** npm's environment without what `npm test` put there, plus a shared, preferred cache. */
const npmEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env: npmEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

// ---------------------------------------------------------------------------------------
// The files each project lints, and what each must report.

const STORAGE = "export function save(tokens) {\n  localStorage.setItem('refresh_token', tokens.refresh_token);\n}\n";
const STORAGE_TS =
  "export function save(tokens: { refresh_token: string }): void {\n  localStorage.setItem('refresh_token', tokens.refresh_token);\n}\n";
const LOGIN = [
  'export function Login() {',
  "  const url = 'https://idp.example.com/authorize?response_type=token&client_id=spa';",
  '  return <button onClick={() => location.assign(url)}>Log in</button>;',
  '}',
  '',
].join('\n');
const VERIFY_ESM =
  "import jwt from 'jsonwebtoken';\nexport const verify = (token, key) => jwt.verify(token, key, { algorithms: ['none'] });\n";
const VERIFY_CJS =
  "const jwt = require('jsonwebtoken');\nmodule.exports = (token, key) => jwt.verify(token, key, { algorithms: ['none'] });\n";

const JS_SOURCES: Record<string, string> = {
  'src/storage.js': STORAGE,
  'src/Login.jsx': LOGIN,
  'src/verify.mjs': VERIFY_ESM,
  'src/verify.cjs': VERIFY_CJS,
  // Test code is out of the configs' scope.
  'src/__tests__/storage.test.js': STORAGE,
  'tests/helpers.js': STORAGE,
  // TypeScript in a project without @typescript-eslint/parser: a loud failure.
  'src/typed.ts': 'export const n: number = 1;\n',
};
const JS_EXPECTED: Record<string, string[]> = {
  'src/storage.js': ['oauth/no-token-in-web-storage'],
  'src/Login.jsx': ['oauth/no-implicit-grant'],
  'src/verify.mjs': ['oauth/require-jwt-algorithms'],
  'src/verify.cjs': ['oauth/require-jwt-algorithms'],
  'src/__tests__/storage.test.js': [],
  'tests/helpers.js': [],
  'eslint.config.mjs': [],
  'src/typed.ts': [`fatal: Parsing error: ${MISSING_TYPESCRIPT_PARSER}`],
};

const TS_SOURCES: Record<string, string> = {
  'src/storage.ts': STORAGE_TS,
  'src/Login.tsx': LOGIN.replace('export function Login() {', 'export function Login(): JSX.Element {'),
  'src/verify.mts': VERIFY_ESM.replace('(token, key)', '(token: string, key: string)'),
  'src/verify.cts':
    "import jwt = require('jsonwebtoken');\nexport = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['none'] });\n",
  'src/Profile.vue': [
    '<script setup lang="ts">',
    'const props = defineProps<{ tokens: { refresh_token: string } }>();',
    "localStorage.setItem('refresh_token', props.tokens.refresh_token);",
    '</script>',
    '<template><p>Signed in</p></template>',
    '',
  ].join('\n'),
  // An import-dependent rule: it sees the file only if the script's imports are found.
  'src/Claims.svelte': [
    '<script lang="ts">',
    "  import jwt from 'jsonwebtoken';",
    '  export let token: string;',
    "  const claims = jwt.verify(token, 'key', { algorithms: ['none'] });",
    '</script>',
    '<p>{JSON.stringify(claims)}</p>',
    '',
  ].join('\n'),
  'src/__tests__/storage.test.ts': STORAGE_TS,
  'e2e/login.spec.ts': STORAGE_TS,
};
const TS_EXPECTED: Record<string, string[]> = {
  'src/storage.ts': ['oauth/no-token-in-web-storage'],
  'src/Login.tsx': ['oauth/no-implicit-grant'],
  'src/verify.mts': ['oauth/require-jwt-algorithms'],
  'src/verify.cts': ['oauth/require-jwt-algorithms'],
  'src/Profile.vue': ['oauth/no-token-in-web-storage'],
  'src/Claims.svelte': ['oauth/require-jwt-algorithms'],
  'src/__tests__/storage.test.ts': [],
  'e2e/login.spec.ts': [],
  'eslint.config.mjs': [],
  'eslint.config.ts': [],
  'wrong/config.mjs': [],
};

const TS_ESLINT_CONFIG = `// @ts-check
import { defineConfig } from 'eslint/config';
import oauth from 'eslint-plugin-oauth';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

export default defineConfig(
  tseslint.configs.recommended,
  oauth.configs.recommended,
  { files: ['**/*.vue'], languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser } } },
  { files: ['**/*.svelte'], languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser } } },
  { plugins: { oauth }, rules: { 'oauth/no-broad-scopes': 'error' } },
);
`;
/** The same setup in TypeScript: type-checked only (Node 20 cannot load it without a loader). */
const TS_ESLINT_CONFIG_TS = `import { defineConfig } from 'eslint/config';
import oauth from 'eslint-plugin-oauth';

export default defineConfig(oauth.configs.strict, {
  files: ['src/**/*.ts'],
  plugins: { oauth },
  rules: { 'oauth/no-broad-scopes': ['error'], 'oauth/require-jwks-caching': 'warn' },
});
`;
const TSCONFIG = JSON.stringify({
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    strict: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ['eslint.config.mjs', 'eslint.config.ts'],
});
/** A config that must not type-check: proves the check is real. */
const WRONG_CONFIG = `// @ts-check
import { defineConfig } from 'eslint/config';
import oauth from 'eslint-plugin-oauth';

export default defineConfig(oauth.configs.nonexistent, { plugins: { oauth: 'oauth' } });
`;

// ---------------------------------------------------------------------------------------

interface Project {
  name: string;
  eslint: string;
  dependencies: Record<string, string>;
  files: Record<string, string>;
  expected: Record<string, string[]>;
}

const ESLINT = { 10: devVersion('eslint'), 9: devVersion('eslint9') };
const TS_DEPS = {
  typescript: devVersion('typescript'),
  'typescript-eslint': devVersion('typescript-eslint'),
  'vue-eslint-parser': '^10.4.0',
  'svelte-eslint-parser': '^1.10.0',
  svelte: '^5.0.0',
};
// jose 5 and oauth4webapi 2: the versions that made npm stop with ERESOLVE before.
const JS_DEPS = { jose: '^5.9.0', oauth4webapi: '^2.17.0' };
const OXLINT_VERSION = '1.96.0';

const PROJECTS: Project[] = [
  {
    name: 'eslint10-js',
    eslint: ESLINT[10],
    dependencies: { ...JS_DEPS, oxlint: OXLINT_VERSION },
    files: {
      ...JS_SOURCES,
      'eslint.config.mjs':
        "import { defineConfig } from 'eslint/config';\nimport oauth from 'eslint-plugin-oauth';\n\nexport default defineConfig(oauth.configs.recommended);\n",
    },
    expected: JS_EXPECTED,
  },
  {
    name: 'eslint9-js',
    eslint: ESLINT[9],
    dependencies: JS_DEPS,
    files: {
      ...JS_SOURCES,
      'eslint.config.mjs': "import oauth from 'eslint-plugin-oauth';\n\nexport default [...oauth.configs.recommended];\n",
    },
    expected: JS_EXPECTED,
  },
  ...([10, 9] as const).map((version) => ({
    name: `eslint${version}-ts`,
    eslint: ESLINT[version],
    dependencies: TS_DEPS,
    files: {
      ...TS_SOURCES,
      'eslint.config.mjs': TS_ESLINT_CONFIG,
      'eslint.config.ts': TS_ESLINT_CONFIG_TS,
      'tsconfig.json': TSCONFIG,
      // Not named eslint.config.*: ESLint 10 would load it as the config of wrong/.
      'wrong/config.mjs': WRONG_CONFIG,
      'wrong/tsconfig.json': JSON.stringify({ ...JSON.parse(TSCONFIG), files: ['config.mjs'] }),
    },
    expected: TS_EXPECTED,
  })),
];

let tarball = '';
let packedFiles: string[] = [];
const installs = new Map<string, Promise<Run>>();

/** A copy of the repository as a clean clone has it: tracked files (as in the work tree), no dist/. */
function cleanCopy(): string {
  const copy = join(WORK, 'clone');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(ROOT, file)) || file.startsWith('dist/')) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

beforeAll(async () => {
  const copy = cleanCopy();
  expect(existsSync(join(copy, 'dist'))).toBe(false);
  const packed = await run('npm', ['pack', '--json', '--pack-destination', WORK], copy);
  expect(packed.status, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(WORK, info.filename);
  packedFiles = info.files.map((file) => file.path).sort();
  // Two installs at a time: the machine's cores are shared.
  const queue = [...PROJECTS];
  const worker = async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const dir = join(WORK, project.name);
      writeFiles(dir, { ...project.files, 'package.json': JSON.stringify({ name: project.name, private: true, type: 'module' }) });
      const deps = Object.entries({ eslint: project.eslint, ...project.dependencies }).map(([name, range]) => `${name}@${range}`);
      // As a user adds the plugin to an existing project: its own packages first, then the
      // plugin, which must fit in beside them (npm keeps an installed version that satisfies
      // a new range, so a shared @typescript-eslint/types shows here).
      const install = (async () => {
        const own = await run('npm', ['install', '--prefer-offline', '--ignore-scripts', ...deps], dir);
        if (own.status !== 0) return { ...own, stderr: `installing the project's own packages failed:\n${own.stderr}` };
        return run('npm', ['install', '--prefer-offline', '--ignore-scripts', tarball], dir);
      })();
      installs.set(project.name, install);
      await install;
    }
  };
  await Promise.all([worker(), worker()]);
}, TIMEOUT);

afterAll(() => rmSync(WORK, { recursive: true, force: true }), TIMEOUT);

function eslintFindings(dir: string): { status: number | null; findings: Record<string, string[]>; stderr: string } {
  const result = spawnSync(process.execPath, [join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const results = JSON.parse(result.stdout || '[]') as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  return {
    status: result.status,
    stderr: result.stderr,
    findings: Object.fromEntries(
      results.map((entry) => [
        entry.filePath.slice(dir.length + 1),
        entry.messages
          .filter((message) => message.ruleId === null || message.ruleId.startsWith('oauth/'))
          .map((message) => message.ruleId ?? `fatal: ${message.message}`)
          .sort(),
      ]),
    ),
  };
}

/** Packages installed under a node_modules tree: name → directories. */
function installedPackages(nodeModules: string, found = new Map<string, string[]>()): Map<string, string[]> {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((sub) => `${entry}/${sub}`) : [entry];
    for (const name of names) {
      const dir = join(nodeModules, name);
      if (!existsSync(join(dir, 'package.json'))) continue;
      found.set(name, [...(found.get(name) ?? []), dir]);
      installedPackages(join(dir, 'node_modules'), found);
    }
  }
  return found;
}

/** The directory Node would load `name` from, seen from `fromDir`. */
function resolvePackage(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A package and everything it depends on (not its peers), as installed. */
function dependencyClosure(dir: string, seen = new Set<string>()): Set<string> {
  if (seen.has(dir)) return seen;
  seen.add(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
    const resolved = resolvePackage(dir, name);
    if (resolved) dependencyClosure(resolved, seen);
  }
  return seen;
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue; // counted as packages of their own
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(path) : statSync(path).size;
  }
  return total;
}

describe.each(PROJECTS)('a consumer project: $name', (project) => {
  const dir = join(WORK, project.name);

  it('installs the tarball without flags', async () => {
    const install = await installs.get(project.name)!;
    expect(install.stderr).not.toMatch(/ERESOLVE/);
    expect(install.status, install.stderr).toBe(0);
  });

  it('lints every source file with the README setup and reports exactly the expected findings', { timeout: SLOW }, () => {
    const { findings, stderr } = eslintFindings(dir);
    expect(stderr).toBe('');
    expect(findings).toEqual(project.expected);
  });

  if (project.name.endsWith('-js')) {
    it('gets under 3 MB and no TypeScript from the plugin', () => {
      const packages = installedPackages(join(dir, 'node_modules'));
      expect(packages.has('typescript')).toBe(false);
      const added = [...dependencyClosure(join(dir, 'node_modules', 'eslint-plugin-oauth'))].filter(
        (pkgDir) => !dependencyClosure(join(dir, 'node_modules', 'eslint')).has(pkgDir),
      );
      const bytes = added.reduce((sum, pkgDir) => sum + sizeOf(pkgDir), 0);
      console.log(`${project.name}: the plugin adds ${added.length} packages, ${(bytes / 1e6).toFixed(2)} MB`);
      expect(bytes).toBeLessThan(3e6);
    });

    it('installs beside jose 5 and oauth4webapi 2; the reference entry point then says what it needs', { timeout: SLOW }, () => {
      const result = spawnSync(process.execPath, ['-e', "require('eslint-plugin-oauth/reference')"], { cwd: dir, encoding: 'utf8' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(
        /eslint-plugin-oauth\/reference needs jose and oauth4webapi: jose 5\.\d+\.\d+ is installed, \^6\.1\.0 is needed; oauth4webapi 2\.\d+\.\d+ is installed, \^3\.8\.0 is needed\. Install them with `npm install jose@\^6\.1\.0 oauth4webapi@\^3\.8\.0`/,
      );
    });
  } else {
    it('keeps one typescript-eslint stack: the plugin shares the project’s @typescript-eslint/types', () => {
      const packages = installedPackages(join(dir, 'node_modules'));
      expect(packages.get('@typescript-eslint/types')).toHaveLength(1);
      expect(packages.get('typescript')).toHaveLength(1);
      expect(packages.get('@typescript-eslint/utils')).toHaveLength(1);
      expect(existsSync(join(dir, 'node_modules', 'eslint-plugin-oauth', 'node_modules'))).toBe(false);
    });

    it(
      'type-checks defineConfig(oauth.configs.recommended) and plugins: { oauth } in eslint.config.mjs and eslint.config.ts',
      { timeout: SLOW },
      () => {
        const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
        const good = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
        expect(good.stdout + good.stderr).toBe('');
        expect(good.status).toBe(0);
        const wrong = spawnSync(process.execPath, [tsc, '-p', join('wrong', 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
        expect(wrong.status).not.toBe(0);
        expect(wrong.stdout).toMatch(/Property 'nonexistent' does not exist/);
      },
    );
  }
});

/** Components oxlint reads without any parser setup: the scripts of Vue, Svelte and Astro files. */
const OXLINT_COMPONENTS: Record<string, string> = {
  'components/Profile.vue':
    "<script setup>\nlocalStorage.setItem('refresh_token', props.tokens.refresh_token);\n</script>\n<template><p>Signed in</p></template>\n",
  'components/Claims.svelte':
    "<script>\n  import jwt from 'jsonwebtoken';\n  export let token;\n  const claims = jwt.verify(token, 'key', { algorithms: ['none'] });\n</script>\n<p>{claims.sub}</p>\n",
  'components/Login.astro': [
    '---',
    "import jwt from 'jsonwebtoken';",
    "const token = Astro.url.searchParams.get('t') ?? '';",
    "const claims = jwt.verify(token, 'key', { algorithms: ['none'] });",
    '---',
    '<p>{claims.sub}</p>',
    '<script>',
    "  localStorage.setItem('access_token', window.__TOKENS__.access_token);",
    '</script>',
    '',
  ].join('\n'),
};

describe('oxlint with the plugin as a JS plugin (the README recipe)', () => {
  const readme = read('README.md');
  const recipe = /<!-- oxlint recipe -->\s*```json\n([\s\S]*?)```/.exec(readme)?.[1];

  it('is in the README, with the rules of the recommended config', () => {
    expect(recipe).toBeDefined();
    const config = JSON.parse(recipe!) as { jsPlugins: string[]; rules: Record<string, unknown> };
    expect(config.jsPlugins).toEqual(['eslint-plugin-oauth']);
    expect(config.rules).toEqual(plugin.configs.recommended.at(-1)!.rules);
  });

  it(
    'reports the findings in JavaScript, JSX, CommonJS and the scripts of .vue/.svelte/.astro files, and skips test code',
    { timeout: SLOW },
    () => {
      const dir = join(WORK, 'eslint10-js');
      writeFileSync(join(dir, '.oxlintrc.json'), recipe!);
      // Components in a folder of their own: the ESLint run of this project has no parser for them.
      writeFiles(dir, OXLINT_COMPONENTS);
      const result = spawnSync(
        process.execPath,
        [
          join(dir, 'node_modules', 'oxlint', 'bin', 'oxlint'),
          '--format',
          'unix',
          'src/storage.js',
          'src/verify.mjs',
          'src/verify.cjs',
          'src/Login.jsx',
          'src/__tests__/storage.test.js',
          ...Object.keys(OXLINT_COMPONENTS),
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      const findings = [...result.stdout.matchAll(/^(\S+?):(\d+):\d+: .*\[\w+\/(oauth\([\w-]+\))\]$/gm)].map(
        (match) => `${match[1]}:${match[2]} ${match[3]}`,
      );
      expect(findings.sort()).toEqual([
        'components/Claims.svelte:4 oauth(require-jwt-algorithms)',
        'components/Login.astro:4 oauth(require-jwt-algorithms)',
        'components/Login.astro:8 oauth(no-token-in-web-storage)',
        'components/Profile.vue:2 oauth(no-token-in-web-storage)',
        'src/Login.jsx:2 oauth(no-implicit-grant)',
        'src/storage.js:2 oauth(no-token-in-web-storage)',
        'src/verify.cjs:2 oauth(require-jwt-algorithms)',
        'src/verify.mjs:2 oauth(require-jwt-algorithms)',
      ]);
      expect(result.status).toBe(1);
    },
  );

  it("applies the rules' suggestions with --fix-suggestions", { timeout: SLOW }, () => {
    const dir = join(WORK, 'eslint10-js');
    writeFiles(dir, {
      'fix/verify.mjs':
        "import jwt from 'jsonwebtoken';\nexport const v = (t, k) => jwt.verify(t, k, { algorithms: ['RS256', 'none'] });\n",
    });
    const oxlint = join(dir, 'node_modules', 'oxlint', 'bin', 'oxlint');
    const result = spawnSync(process.execPath, [oxlint, '--fix-suggestions', 'fix/verify.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'fix', 'verify.mjs'), 'utf8')).toBe(
      "import jwt from 'jsonwebtoken';\nexport const v = (t, k) => jwt.verify(t, k, { algorithms: ['RS256'] });\n",
    );
  });
});

describe('the packed tarball', () => {
  it('holds the build, the reference sources, the docs, LICENSE and CHANGELOG, and nothing of the tests', () => {
    for (const file of [
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/reference/index.js',
      'src/reference/pkce.ts',
      'docs/reference.md',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
    ]) {
      expect(packedFiles, file).toContain(file);
    }
    expect(packedFiles.filter((file) => /^(test|fixtures|scripts|\.ci)\//.test(file) || file.startsWith('src/analysis/'))).toEqual([]);
  });

  it('matches package.json "files": every entry packs something', () => {
    const pkg = JSON.parse(read('package.json')) as { files: string[] };
    for (const entry of pkg.files)
      expect(
        packedFiles.some((file) => file === entry || file.startsWith(`${entry}/`)),
        entry,
      ).toBe(true);
  });

  it('has no emitted type that needs @typescript-eslint/utils in the entry point users load', () => {
    expect(packedFiles).toContain('dist/src/index.d.ts');
    const index = readFileSync(join(WORK, 'clone', 'dist', 'src', 'index.d.ts'), 'utf8');
    expect(index).not.toMatch(/@typescript-eslint\/utils/);
  });

  it('links, in every packed Markdown file, only to packed files or absolute URLs', () => {
    const packed = new Set(packedFiles);
    const broken: string[] = [];
    const markdown = packedFiles.filter((file) => file.endsWith('.md'));
    expect(markdown.length).toBeGreaterThan(20);
    for (const file of markdown) {
      const text = readFileSync(join(WORK, 'clone', file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        const path = posix.normalize(posix.join(posix.dirname(file), decodeURI(target.split('#')[0])));
        const resolved = packed.has(path) || packedFiles.some((candidate) => candidate.startsWith(`${path.replace(/\/$/, '')}/`));
        if (!resolved) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
