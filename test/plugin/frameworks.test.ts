/**
 * Component files with their framework's parser, as the README sets them up, in ESLint 10
 * and ESLint 9 (the built plugin, loaded as a package):
 *
 * - Astro with astro-eslint-parser: the frontmatter (JavaScript or TypeScript) is linted; the
 *   client `<script>` tags are not part of the parser's AST — eslint-plugin-astro's configs
 *   hand them to ESLint as virtual files through its processor, and then they are linted too.
 * - Svelte with svelte-eslint-parser 1.x and `parserOptions.parser` set to
 *   @typescript-eslint/parser (the README's setup): plain and `lang="ts"` scripts are linted.
 *   (Without it, a plain `<script>` is analysed with the newest eslint-scope the parser can
 *   reach; when that is its own 8.x, ESLint 10 throws `scopeManager.addGlobals is not a
 *   function` — which copy it reaches depends on the install and the working directory, so
 *   the README documents it rather than a test pinning one machine's layout.)
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_ENTRY, ROOT } from './support';

const require = createRequire(__filename);
type ESLintClass = typeof import('eslint').ESLint;
type Config = import('eslint').Linter.Config;

const plugin = require(DIST_ENTRY) as typeof import('../../src/index');
const tsParser = require('@typescript-eslint/parser') as import('eslint').Linter.Parser;
const astroParser = require('astro-eslint-parser') as import('eslint').Linter.Parser;
const svelteParser = require('svelte-eslint-parser') as import('eslint').Linter.Parser;
const astroPlugin = require('eslint-plugin-astro') as { configs: Record<string, Config[]> };

const ESLINTS: Record<string, ESLintClass> = {
  'ESLint 10': (require('eslint') as typeof import('eslint')).ESLint,
  'ESLint 9': (require('eslint9') as typeof import('eslint')).ESLint,
};

const VERIFY_NONE = "jwt.verify(token, 'key', { algorithms: ['none'] })";
const FILES = {
  'Login.astro': [
    '---',
    "import jwt from 'jsonwebtoken';",
    "const token = Astro.cookies.get('t')?.value ?? '';",
    `const claims = ${VERIFY_NONE};`,
    '---',
    '<p>{claims.sub}</p>',
    '<script>',
    "  localStorage.setItem('access_token', window.__TOKENS__.access_token);",
    '</script>',
    '',
  ].join('\n'),
  'Typed.astro': [
    '---',
    "import jwt from 'jsonwebtoken';",
    "const token: string = Astro.url.searchParams.get('t') ?? '';",
    `const claims = ${VERIFY_NONE};`,
    '---',
    '<p>{claims.sub}</p>',
    '',
  ].join('\n'),
  'Plain.svelte': [
    '<script>',
    "  import jwt from 'jsonwebtoken';",
    '  export let token;',
    `  const claims = ${VERIFY_NONE};`,
    '</script>',
    '<p>{claims.sub}</p>',
    '',
  ].join('\n'),
  'Typed.svelte': [
    '<script lang="ts">',
    "  import jwt from 'jsonwebtoken';",
    '  export let token: string;',
    `  const claims = ${VERIFY_NONE};`,
    '</script>',
    '<p>{claims.sub}</p>',
    '',
  ].join('\n'),
};
type FileName = keyof typeof FILES;

/** `line:column ruleId` of each message (`fatal: …` for a parsing error), or `throws: …`. */
async function lint(ESLint: ESLintClass, config: Config[], name: FileName): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
  try {
    const [result] = await eslint.lintText(FILES[name], { filePath: join(ROOT, 'components', name) });
    return result.messages.map((message) =>
      message.ruleId ? `${message.line}:${message.column} ${message.ruleId}` : `fatal: ${message.message}`,
    );
  } catch (error) {
    return [`throws: ${(error as Error).message.split('\n')[0]}`];
  }
}

/** The README's setup for Astro and Svelte. */
const README_SETUP: Config[] = [
  ...(plugin.configs.recommended as Config[]),
  { files: ['**/*.astro'], languageOptions: { parser: astroParser, parserOptions: { parser: tsParser } } },
  { files: ['**/*.svelte'], languageOptions: { parser: svelteParser, parserOptions: { parser: tsParser } } },
];

describe.each(Object.entries(ESLINTS))('%s', (_version, ESLint) => {
  it('lints the frontmatter of .astro files, JavaScript and TypeScript, with astro-eslint-parser', async () => {
    expect(await lint(ESLint, README_SETUP, 'Login.astro')).toEqual(['4:56 oauth/require-jwt-algorithms']);
    expect(await lint(ESLint, README_SETUP, 'Typed.astro')).toEqual(['4:56 oauth/require-jwt-algorithms']);
  });

  it('lints the client <script> of .astro files too with eslint-plugin-astro’s config (its processor)', async () => {
    const config = [...astroPlugin.configs['flat/recommended'], ...(plugin.configs.recommended as Config[])];
    expect(await lint(ESLint, config, 'Login.astro')).toEqual(['4:56 oauth/require-jwt-algorithms', '8:3 oauth/no-token-in-web-storage']);
  });

  it('lints plain and lang="ts" .svelte scripts with the README setup', async () => {
    expect(await lint(ESLint, README_SETUP, 'Plain.svelte')).toEqual(['4:58 oauth/require-jwt-algorithms']);
    expect(await lint(ESLint, README_SETUP, 'Typed.svelte')).toEqual(['4:58 oauth/require-jwt-algorithms']);
  });
});
