// Public types come from ESLint's own (`eslint`), never from @typescript-eslint/utils: the
// emitted index.d.ts is what users' `defineConfig` and `@ts-check` see, and they have only
// ESLint installed.
import type { ESLint, Linter, Rule } from 'eslint';
import { rules as implementedRules } from '../rules/index';
import { configRules, JSX_FILES, SOURCE_FILES, TEST_FILES, TYPESCRIPT_FILES } from './configs';
import { readPackageJson } from './package-info';
import { typeScriptParser } from './parsers';
// The plugin is this module's own exports object, so `require('eslint-plugin-oauth')`,
// `import oauth from 'eslint-plugin-oauth'` and `configs.*.plugins.oauth` are one object:
// flat config refuses two different objects registered under the same plugin name.
import * as self from './index';

/** The names of the plugin's configs. */
export type ConfigName = 'recommended' | 'strict' | 'all';

/** The plugin as ESLint sees it: `meta`, `rules` and `configs` (each a flat config array). */
export interface OAuthPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: Record<ConfigName, Linter.Config[]>;
}

const { name, version } = readPackageJson();

/** Plugin metadata (`plugin.meta`), read from package.json. */
export const meta: OAuthPlugin['meta'] = { name, version, namespace: 'oauth' };

/** Every implemented rule, keyed by id without the `oauth/` prefix. */
export const rules: OAuthPlugin['rules'] = implementedRules as unknown as OAuthPlugin['rules'];

/**
 * Flat configs derived from the rules' metadata: `recommended`, `strict`, `all`. Each is an
 * array: the parser setup for TypeScript and JSX files, then the rules for every source
 * file (`SOURCE_FILES`) except test code (`TEST_FILES`).
 */
export const configs = {} as OAuthPlugin['configs'];

const parserSetup: Linter.Config[] = [
  {
    name: 'oauth/typescript-parser',
    files: TYPESCRIPT_FILES,
    languageOptions: { parser: typeScriptParser(version) },
  },
  {
    name: 'oauth/jsx',
    files: JSX_FILES,
    // JSX cannot be mistaken for anything valid in plain JavaScript, so turning it on for
    // .js files changes nothing for files without it and lets React's .js files parse.
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
];

for (const configName of ['recommended', 'strict', 'all'] as const) {
  configs[configName] = [
    ...parserSetup,
    {
      name: `oauth/${configName}`,
      files: SOURCE_FILES,
      ignores: TEST_FILES,
      plugins: { oauth: self as unknown as ESLint.Plugin },
      rules: configRules(implementedRules, configName) as Linter.RulesRecord,
    },
  ];
}

/** The plugin object, for `import oauth from 'eslint-plugin-oauth'` in CommonJS-interop TypeScript. */
const plugin: OAuthPlugin = self;
export default plugin;
