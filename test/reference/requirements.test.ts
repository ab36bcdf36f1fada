/**
 * The reference entry point checks for jose and oauth4webapi when it is imported, since
 * they are not peer dependencies (a project on jose 5 must be able to install the linter).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReferenceRequirements, installedVersion, REFERENCE_REQUIREMENTS, unmetRequirements } from '../../src/reference/requirements';

const ROOT = join(__dirname, '..', '..');
const versions = (map: Record<string, string | undefined>) => (name: string) => map[name];

describe('reference requirements', () => {
  it('are met by the versions this project develops against', () => {
    expect(installedVersion('jose')).toBe(JSON.parse(readFileSync(join(ROOT, 'node_modules', 'jose', 'package.json'), 'utf8')).version);
    expect(unmetRequirements()).toEqual([]);
  });

  it('name each missing or wrong-major package and what to install', () => {
    expect(unmetRequirements(versions({ jose: '5.9.6', oauth4webapi: undefined }))).toEqual([
      'jose 5.9.6 is installed, ^6.1.0 is needed',
      'oauth4webapi is not installed',
    ]);
    expect(unmetRequirements(versions({ jose: '6.0.11', oauth4webapi: '3.8.0' }))).toEqual(['jose 6.0.11 is installed, ^6.1.0 is needed']);
    expect(unmetRequirements(versions({ jose: '6.2.0', oauth4webapi: '2.17.0' }))).toEqual([
      'oauth4webapi 2.17.0 is installed, ^3.8.0 is needed',
    ]);
    expect(() => assertReferenceRequirements(versions({ jose: '5.9.6', oauth4webapi: '3.8.8' }))).toThrow(
      /eslint-plugin-oauth\/reference needs jose and oauth4webapi: jose 5\.9\.6 is installed.*npm install jose@\^6\.1\.0 oauth4webapi@\^3\.8\.0/,
    );
    expect(() => assertReferenceRequirements(versions({ jose: '6.2.18', oauth4webapi: '3.8.8' }))).not.toThrow();
  });

  it('match the ranges the project develops against (package.json devDependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    for (const [name, { major, minor }] of Object.entries(REFERENCE_REQUIREMENTS)) {
      const [devMajor, devMinor] = pkg.devDependencies[name]
        .replace(/^[\^~]/, '')
        .split('.')
        .map(Number);
      expect(devMajor, name).toBe(major);
      expect(devMinor, name).toBeGreaterThanOrEqual(minor);
    }
  });
});
