/**
 * Runs a callback over a parsed snippet with a real ESLint SourceCode (scopes included),
 * the way rules see it, so analysis helpers are tested on the same inputs.
 */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type Visit = (sourceCode: TSESLint.SourceCode, node: TSESTree.Node) => void;

export interface AnalyzeOptions {
  /** Parse as TypeScript (default) or plain JavaScript with espree. */
  typescript?: boolean;
  sourceType?: 'module' | 'commonjs';
}

/** Calls `visit` for every node of the given selector (e.g. 'CallExpression'). */
export function analyze(code: string, selector: string, visit: Visit, options: AnalyzeOptions = {}): void {
  const linter = new Linter({ configType: 'flat' });
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: { sourceCode: TSESLint.SourceCode }) {
      return { [selector]: (node: TSESTree.Node) => visit(context.sourceCode, node) };
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js', '**/*.cjs'],
        languageOptions: {
          ecmaVersion: 'latest',
          sourceType: options.sourceType ?? 'module',
          globals: { ...globals.browser, ...globals.node },
          ...(options.typescript === false ? { parserOptions: { ecmaFeatures: { jsx: true } } } : { parser: tsParser }),
        },
        plugins: { test: { rules: { probe: rule as never } } },
        rules: { 'test/probe': 'error' },
      },
    ],
    options.sourceType === 'commonjs' ? 'file.cjs' : options.typescript === false ? 'file.js' : 'file.ts',
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId === 'test/probe');
  if (fatal) throw new Error(`analyze: ${fatal.message}`);
}

/** Collects the callback's results for every matching node, skipping undefined. */
export function collect<T>(
  code: string,
  selector: string,
  pick: (sourceCode: TSESLint.SourceCode, node: TSESTree.Node) => T | undefined,
  options?: AnalyzeOptions,
): T[] {
  const results: T[] = [];
  analyze(
    code,
    selector,
    (sourceCode, node) => {
      const value = pick(sourceCode, node);
      if (value !== undefined) results.push(value);
    },
    options,
  );
  return results;
}
