/**
 * Lints one file of a small project written to a temporary folder, with one or more of the
 * plugin's rules, so analyses that follow the project's own imports are tested on real files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';
import plugin from '../../src/index';
import { clearModuleCache } from '../../src/analysis/project/load';
import { clearImporterListings } from '../../src/analysis/project/importers';
import { clearAutoImports } from '../../src/analysis/project/auto-imports';

export interface TempProject {
  /** Writes the files (paths relative to the project) and lints `file`: findings as `rule@line`. */
  lint(files: Record<string, string>, file: string, rules: readonly string[]): string[];
  remove(): void;
}

export function tempProject(prefix = 'oauth-xmod-'): TempProject {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let count = 0;
  return {
    lint(files, file, rules) {
      // A fresh folder per case: no module of another case is reachable.
      const dir = join(root, String(count++));
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      clearModuleCache();
      clearImporterListings();
      clearAutoImports();
      const typescript = /\.[cm]?tsx?$/.test(file);
      const linter = new Linter({ cwd: '/' });
      const messages = linter.verify(
        files[file],
        [
          {
            files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
            languageOptions: {
              ecmaVersion: 'latest',
              sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module',
              globals: { ...globals.browser, ...globals.node },
              ...(typescript ? { parser: tsParser } : {}),
            },
            plugins: { oauth: plugin as never },
            rules: Object.fromEntries(rules.map((rule) => [`oauth/${rule}`, 'error'])),
          },
        ],
        join(dir, file),
      );
      const fatal = messages.find((message) => message.fatal);
      if (fatal) throw new Error(fatal.message);
      return messages.map((message) => `${message.ruleId?.replace('oauth/', '')}@${message.line}`);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
