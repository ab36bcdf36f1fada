/**
 * The plugin dogfoods its reference implementation: `src/reference/` is linted with the
 * `strict` config (every rule at error, strict options on) and must have zero findings, and
 * the example app's annotated files must get exactly their expected findings under `strict`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import globals from 'globals';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { ROOT } from './support';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|js|mjs|cjs)$/.test(entry.name) && !entry.name.startsWith('eslint.config') ? [path] : [];
  });
}

function strictLinter(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{js,mjs,jsx}'],
        languageOptions: {
          sourceType: 'module',
          globals: { ...globals.browser, ...globals.node },
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
      },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } } },
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser, globals: { ...globals.browser, ...globals.node } } },
      { ...plugin.configs.strict.at(-1), files: ['**/*.{js,mjs,cjs,jsx,ts,tsx}'], ignores: [] },
    ],
    ignore: false,
  });
}

// Same marker grammar as scripts/bench-accuracy.mjs (../shared/spec/annotations.md).
const MARKER = /\/\/\s*(ruleid|ok)(-next-line)?:\s*([\w@/,\s-]+?)\s*$/;

describe('dogfood', () => {
  it('finds nothing in the reference implementation under the strict config', async () => {
    const files = sourceFiles(join(ROOT, 'src', 'reference'));
    expect(files.length).toBeGreaterThan(10);
    const results = await strictLinter().lintFiles(files);
    const findings = results.flatMap((result) =>
      result.messages.map(
        (message) => `${relative(ROOT, result.filePath)}:${message.line} ${message.ruleId ?? 'fatal'}: ${message.message}`,
      ),
    );
    expect(findings).toEqual([]);
  }, 60_000);

  it('reports exactly the annotated problems of the example app under the strict config', async () => {
    const files = sourceFiles(join(ROOT, 'fixtures', 'example-app'));
    const results = await strictLinter().lintFiles(files);
    const missing: string[] = [];
    const unexpected: string[] = [];
    let expectedCount = 0;
    for (const result of results) {
      const where = relative(ROOT, result.filePath);
      const expected = new Map<number, Set<string>>();
      readFileSync(result.filePath, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const match = MARKER.exec(line);
          if (!match || match[1] !== 'ruleid') return;
          const target = index + 1 + (match[2] ? 1 : 0);
          expected.set(target, new Set(match[3].split(',').map((rule) => rule.trim())));
          expectedCount += expected.get(target)!.size;
        });
      const covered = new Set<string>();
      for (const message of result.messages) {
        const end = message.endLine ?? message.line;
        const lines = [...expected.keys()].filter(
          (line) => message.line <= line && line <= end && expected.get(line)!.has(message.ruleId ?? ''),
        );
        if (lines.length === 0) unexpected.push(`${where}:${message.line} ${message.ruleId ?? 'fatal'}`);
        for (const line of lines) covered.add(`${line} ${message.ruleId}`);
      }
      for (const [line, rules] of expected)
        for (const rule of rules) if (!covered.has(`${line} ${rule}`)) missing.push(`${where}:${line} ${rule}`);
    }
    expect(expectedCount).toBeGreaterThanOrEqual(Object.keys(plugin.rules).length);
    expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
  }, 60_000);
});
