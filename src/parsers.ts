/**
 * The parser the configs set for TypeScript files. ESLint's default parser cannot read
 * TypeScript, and a config that listed `.ts` files without a parser would report parsing
 * errors on every one of them; one that left them out would skip them in silence. So the
 * configs name this parser for `.ts .tsx .mts .cts`: it hands each file to
 * @typescript-eslint/parser, loaded on first use from the user's project, and when that
 * package is not installed it fails every TypeScript file with a message that says what to
 * install.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Linter } from 'eslint';

interface ParserModule {
  parse?: (code: string, options?: unknown) => unknown;
  parseForESLint?: (code: string, options?: unknown) => unknown;
}

/** Packages that provide the parser, with where the parser sits in each. */
const TYPESCRIPT_PARSER_PACKAGES: readonly { name: string; pick: (module: Record<string, unknown>) => unknown }[] = [
  { name: '@typescript-eslint/parser', pick: (module) => module },
  // Projects that depend on `typescript-eslint` alone (strict pnpm layouts hide its parser).
  { name: 'typescript-eslint', pick: (module) => module.parser ?? (module.default as Record<string, unknown> | undefined)?.parser },
];

export const MISSING_TYPESCRIPT_PARSER =
  'eslint-plugin-oauth: TypeScript files (.ts, .tsx, .mts, .cts) need @typescript-eslint/parser, which is not installed. ' +
  'Install it (`npm install --save-dev @typescript-eslint/parser`, or `typescript-eslint`), ' +
  'or set `languageOptions.parser` for these files in a config object after the oauth config.';

function isParser(value: unknown): value is ParserModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as ParserModule).parseForESLint === 'function' || typeof (value as ParserModule).parse === 'function')
  );
}

/**
 * The first provider package found, looked up from the project ESLint runs in (the
 * working directory) and then from this package. A package that is found but fails to load
 * (its `typescript` peer missing, say) throws its own error, which says more than ours.
 */
export function loadTypeScriptParser(searchFrom: readonly string[] = [join(process.cwd(), 'package.json'), __filename]): ParserModule {
  for (const from of searchFrom) {
    const requireFrom = createRequire(from);
    for (const candidate of TYPESCRIPT_PARSER_PACKAGES) {
      let path: string;
      try {
        path = requireFrom.resolve(candidate.name);
      } catch {
        continue;
      }
      const parser = candidate.pick(requireFrom(path) as Record<string, unknown>);
      if (isParser(parser)) return parser;
    }
  }
  throw new Error(MISSING_TYPESCRIPT_PARSER);
}

/** A parser object that defers to @typescript-eslint/parser on first use. */
export function typeScriptParser(version: string, load: () => ParserModule = loadTypeScriptParser): Linter.Parser {
  let loaded: { parser: ParserModule } | { error: unknown } | undefined;
  const get = (): ParserModule => {
    if (!loaded) {
      try {
        loaded = { parser: load() };
      } catch (error) {
        loaded = { error };
      }
    }
    if ('error' in loaded) throw loaded.error;
    return loaded.parser;
  };
  return {
    // ESLint's --cache and --print-config identify a parser by its meta.
    meta: { name: 'eslint-plugin-oauth/typescript-parser', version },
    parseForESLint(code: string, options?: Linter.ParserOptions) {
      const parser = get();
      if (parser.parseForESLint) return parser.parseForESLint(code, options) as Linter.ESLintParseResult;
      return { ast: parser.parse!(code, options) as Linter.ESLintParseResult['ast'] };
    },
  };
}
