/**
 * Builds the plugin to dist/ once before the suites that load it as a package (ESLint 9/10
 * integration, the CLI with --concurrency, package exports). `npm test` builds first and
 * sets OAUTH_PLUGIN_BUILT=1, so the build is not repeated there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default function setup(): void {
  if (process.env.OAUTH_PLUGIN_BUILT === '1') return;
  const root = resolve(__dirname, '..');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  // tsc emits despite type errors in files being written; the typecheck step reports those.
  if (!existsSync(join(root, 'dist', 'src', 'index.js'))) {
    throw new Error(`Building the plugin failed:\n${result.stdout}${result.stderr}`);
  }
}
