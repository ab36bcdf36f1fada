import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index';
import { configRules, type ConfigName } from './configs';

import { readPackageJson } from './package-info';

const { name, version } = readPackageJson();

type FlatConfig = TSESLint.FlatConfig.Config;

const plugin = {
  meta: { name, version, namespace: 'oauth' },
  rules,
  configs: {} as Record<ConfigName, FlatConfig>,
};

for (const configName of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[configName] = {
    name: `oauth/${configName}`,
    plugins: { oauth: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: configRules(rules, configName),
  };
}

export = plugin;
