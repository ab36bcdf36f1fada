#!/usr/bin/env node
/**
 * `npm run example`: lints fixtures/example-app with the plugin's `recommended` config, the
 * way a user project does — ESLint's CLI, stylish output, the app's own eslint.config.mjs
 * importing `eslint-plugin-oauth` (resolved to this package's build). Run `npm run build`
 * first (`npm run example` does).
 *
 * Exit code: ESLint's own — 1 when it found problems (expected: the example app contains one
 * instance of every problem in the catalog), 2 on a configuration or crash error.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const appDir = join(root, 'fixtures', 'example-app');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

console.log(`Linting fixtures/example-app with eslint-plugin-oauth's recommended config\n`);
const result = spawnSync(process.execPath, [eslintBin, '--format', 'stylish', '.', ...process.argv.slice(2)], {
  cwd: appDir,
  stdio: 'inherit',
});
if (result.error) {
  console.error(result.error.message);
  process.exit(2);
}
const status = result.status ?? 2;
if (status === 1) {
  console.log('ESLint exited with code 1 because it found the problems above: that is what this demo shows.');
} else if (status === 0) {
  console.log('No problems found.');
}
process.exit(status);
