/**
 * The parsers the CLI needs beyond ESLint's own (espree): @typescript-eslint/parser for
 * TypeScript, vue-eslint-parser and svelte-eslint-parser for single-file components. None is
 * a dependency of the plugin (a plain-JS project must not pay for TypeScript); each is looked
 * up in the audited project first, then next to the plugin (`npx -p … oauth-lint`), and a
 * missing one leaves its files listed as not linted, with the package to install.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Linter } from 'eslint';

export type ParserName = '@typescript-eslint/parser' | 'vue-eslint-parser' | 'svelte-eslint-parser';

export interface LoadedParsers {
  parsers: Partial<Record<ParserName, Linter.Parser>>;
  /** Why each missing parser could not be loaded. */
  missing: Partial<Record<ParserName, string>>;
}

/**
 * Test hook: parsers to treat as not installed (comma-separated names). The test suite has
 * every parser installed; this is how it checks what a project without them gets.
 */
const HIDDEN_ENV = 'OAUTH_LINT_HIDE_PARSERS';

interface ParserLike {
  parse?: unknown;
  parseForESLint?: unknown;
}

function isParser(value: ParserLike | undefined): boolean {
  return typeof value?.parseForESLint === 'function' || typeof value?.parse === 'function';
}

async function loadParser(name: ParserName, cwd: string): Promise<Linter.Parser> {
  const hidden = (process.env[HIDDEN_ENV] ?? '').split(',').map((part) => part.trim());
  if (hidden.includes(name)) throw new Error(`Cannot find module '${name}'`);
  let resolved: string | undefined;
  for (const base of [join(cwd, 'package.json'), __filename]) {
    try {
      resolved = createRequire(base).resolve(name);
      break;
    } catch {
      // Not installed from this place; try the next.
    }
  }
  if (!resolved) throw new Error(`Cannot find module '${name}'`);
  // import() loads CommonJS and ES module parsers alike.
  const loaded = (await import(pathToFileURL(resolved).href)) as ParserLike & { default?: ParserLike };
  const parser = isParser(loaded.default) ? loaded.default : loaded;
  if (!isParser(parser)) throw new Error(`${name} does not export an ESLint parser`);
  return parser as Linter.Parser;
}

/** Loads the parsers that the given file kinds need. */
export async function loadParsers(names: readonly ParserName[], cwd: string): Promise<LoadedParsers> {
  const loaded: LoadedParsers = { parsers: {}, missing: {} };
  for (const name of names) {
    try {
      loaded.parsers[name] = await loadParser(name, cwd);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      loaded.missing[name] = message;
    }
  }
  return loaded;
}
