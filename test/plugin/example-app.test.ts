/**
 * fixtures/example-app: one annotated instance of every catalog problem, and the main job
 * (`npm run example`) that lints it with the recommended config and prints the findings.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, catalogEntry } from '../../src/catalog';
import { rules } from '../../rules/index';
import { ROOT } from './support';

const APP = join(ROOT, 'fixtures', 'example-app');
const MARKER = /\/\/\s*(ruleid|ok)(-next-line)?:\s*([\w@/,\s-]+?)\s*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name) && !entry.name.startsWith('eslint.config.') ? [path] : [];
  });
}

const annotations = sourceFiles(APP).flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      const match = MARKER.exec(line);
      if (!match) return [];
      return match[3].split(',').map((rule) => ({ kind: match[1], rule: rule.trim(), where: `${relative(APP, file)}:${index + 1}` }));
    }),
);

describe('fixtures/example-app', () => {
  it('has a browser SPA and an Express server', () => {
    const files = sourceFiles(APP).map((file) => relative(APP, file));
    expect(files.some((file) => file.startsWith('spa/'))).toBe(true);
    expect(files.some((file) => file.startsWith('server/'))).toBe(true);
    const server = files
      .filter((file) => file.startsWith('server/'))
      .map((file) => readFileSync(join(APP, file), 'utf8'))
      .join('\n');
    expect(server).toMatch(/from 'express'/);
    expect(server).toMatch(/\/callback/);
    expect(server).toMatch(/express-session/);
  });

  it('holds at least one instance of every problem in the catalog', () => {
    const found = new Set(annotations.filter((entry) => entry.kind === 'ruleid').map((entry) => entry.rule));
    expect(RULE_IDS.filter((id) => !found.has(`oauth/${id}`))).toEqual([]);
  });

  it('has a correct look-alike for every problem', () => {
    const found = new Set(annotations.filter((entry) => entry.kind === 'ok').map((entry) => entry.rule));
    expect(RULE_IDS.filter((id) => !found.has(`oauth/${id}`))).toEqual([]);
  });

  it('names only catalog rules in its annotations', () => {
    expect(annotations.filter((entry) => !entry.rule.startsWith('oauth/') || !catalogEntry(entry.rule.slice('oauth/'.length)))).toEqual([]);
  });
});

describe('npm run example (scripts/lint-example.mjs)', () => {
  const recommended = Object.keys(rules).filter((id) => catalogEntry(id)?.recommended);

  it('lints the app with the recommended config through the ESLint CLI and prints stylish findings', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'lint-example.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    expect(result.stderr).not.toMatch(/Oops! Something went wrong|Error while loading rule|Parsing error/);
    if (recommended.length === 0) {
      expect(result.status).toBe(0);
      return;
    }
    // Exit code 1: ESLint found problems, which is the point of the demo.
    expect(result.status).toBe(1);
    const findings = [...result.stdout.matchAll(/^\s+\d+:\d+\s+(error|warning)\s+.+?\s(oauth\/[a-z-]+)$/gm)].map((match) => match[2]);
    expect(findings.length).toBeGreaterThan(0);
    // Only recommended rules run, so strict-only rules never show here.
    for (const rule of new Set(findings)) expect(recommended).toContain(rule.slice('oauth/'.length));
    expect(result.stdout).toMatch(/✖ \d+ problems?/);
    expect(result.stdout).toMatch(/ESLint exited with code 1/);
  });
});
