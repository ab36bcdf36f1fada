import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The plugin's own folder (holding its package.json), found by walking up from this file:
 * the same code runs from `src/` (tests) and from `dist/src/` (published), which sit at
 * different depths.
 */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'eslint-plugin-oauth') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('eslint-plugin-oauth: package.json not found');
    dir = parent;
  }
}

/** The plugin's own package.json. */
export function readPackageJson(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version?: string };
  return { name: pkg.name, version: pkg.version ?? '0.0.0' };
}
