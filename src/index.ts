import type { TSESLint } from '@typescript-eslint/utils';
import { rules as implementedRules } from '../rules/index';
import { configRules, type ConfigName } from './configs';
import { readPackageJson } from './package-info';
// The plugin is this module's own exports object, so `require('eslint-plugin-oauth')`,
// `import oauth from 'eslint-plugin-oauth'` and `configs.*.plugins.oauth` are one object:
// flat config refuses two different objects registered under the same plugin name.
import * as self from './index';

type FlatConfig = TSESLint.FlatConfig.Config;
type Plugin = TSESLint.FlatConfig.Plugin;

const { name, version } = readPackageJson();

/** Plugin metadata (`plugin.meta`), read from package.json. */
export const meta = { name, version, namespace: 'oauth' };

/** Every implemented rule, keyed by id without the `oauth/` prefix. */
export const rules = implementedRules;

/** Flat configs derived from the rules' metadata: `recommended`, `strict`, `all`. */
export const configs = {} as Record<ConfigName, FlatConfig>;

for (const configName of ['recommended', 'strict', 'all'] as const) {
  configs[configName] = {
    name: `oauth/${configName}`,
    plugins: { oauth: self as unknown as Plugin },
    rules: configRules(rules, configName),
  };
}

/** The plugin object, for `import oauth from 'eslint-plugin-oauth'` in CommonJS-interop TypeScript. */
const plugin: { meta: typeof meta; rules: typeof rules; configs: typeof configs } = self;
export default plugin;
