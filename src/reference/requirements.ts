/**
 * The reference implementation runs on jose and oauth4webapi. They are not dependencies of
 * the plugin (the linter needs neither) nor peer dependencies: a project that uses another
 * major version of either must be able to install the linter without ERESOLVE. So this
 * entry point checks, when it is imported, that both are installed in a major version it
 * was written for, and says what to install when not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the reference needs: the same major version, at least this minor. */
export const REFERENCE_REQUIREMENTS: Readonly<Record<string, { major: number; minor: number }>> = {
  jose: { major: 6, minor: 1 },
  oauth4webapi: { major: 3, minor: 8 },
};

/** The installed version of a package as this module would load it, or undefined. */
export function installedVersion(name: string, from: string = __filename): string | undefined {
  let entry: string;
  try {
    entry = createRequire(from).resolve(name);
  } catch {
    return undefined;
  }
  // Walk up from the entry file to the package's own package.json (its exports may hide it).
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (!existsSync(candidate)) continue;
    const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version;
  }
  return undefined;
}

/** One line per requirement that is not met; empty when the reference can load. */
export function unmetRequirements(versionOf: (name: string) => string | undefined = installedVersion): string[] {
  const problems: string[] = [];
  for (const [name, { major, minor }] of Object.entries(REFERENCE_REQUIREMENTS)) {
    const found = versionOf(name);
    const [foundMajor, foundMinor] = (found ?? '').split('.').map(Number);
    if (found === undefined) problems.push(`${name} is not installed`);
    else if (foundMajor !== major || foundMinor < minor) problems.push(`${name} ${found} is installed, ^${major}.${minor}.0 is needed`);
  }
  return problems;
}

export function assertReferenceRequirements(versionOf?: (name: string) => string | undefined): void {
  const problems = unmetRequirements(versionOf);
  if (problems.length === 0) return;
  const install = Object.entries(REFERENCE_REQUIREMENTS)
    .map(([name, { major, minor }]) => `${name}@^${major}.${minor}.0`)
    .join(' ');
  throw new Error(
    `eslint-plugin-oauth/reference needs jose and oauth4webapi: ${problems.join('; ')}. ` +
      `Install them with \`npm install ${install}\`. (The lint rules need neither.)`,
  );
}

assertReferenceRequirements();
