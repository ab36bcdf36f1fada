/**
 * Resolves the project's own import specifiers to files: relative paths, `index` files,
 * the extensions of JavaScript and TypeScript (a `.js` specifier written for a `.ts` file
 * included), and tsconfig/jsconfig `paths` aliases and `baseUrl`. Packages are never
 * followed: what a library does is library knowledge (src/knowledge), and node_modules is
 * large. Every answer is a plain function of the files on disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Extensions tried, in TypeScript's order, for a specifier without one. */
export const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** A `.js` specifier may name a `.ts` file (TypeScript's ESM convention), and so on. */
const SOURCE_FOR_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot) : '';
}

/** A path under a node_modules folder: a package's file, never followed. */
export function withinPackages(path: string): boolean {
  return /[\\/]node_modules[\\/]/.test(path);
}

/** The file a path names, trying extensions and `index` files. */
export function resolveFile(base: string): string | undefined {
  const extension = extensionOf(base);
  if ((MODULE_EXTENSIONS as readonly string[]).includes(extension)) {
    if (isFile(base)) return base;
    const stem = base.slice(0, -extension.length);
    for (const source of SOURCE_FOR_OUTPUT[extension] ?? []) if (isFile(stem + source)) return stem + source;
    return undefined;
  }
  for (const candidate of MODULE_EXTENSIONS) if (isFile(base + candidate)) return base + candidate;
  for (const candidate of MODULE_EXTENSIONS) if (isFile(join(base, `index${candidate}`))) return join(base, `index${candidate}`);
  return undefined;
}

/**
 * JSON with comments and trailing commas (tsconfig's dialect) as plain JSON. One pass over
 * the characters, strings kept intact.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (char === ',') {
      // A comma followed only by blanks/comments and a closing bracket is dropped.
      let j = i + 1;
      for (;;) {
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text[j] === '/' && text[j + 1] === '/') {
          while (j < text.length && text[j] !== '\n') j++;
        } else if (text[j] === '/' && text[j + 1] === '*') {
          const end = text.indexOf('*/', j + 2);
          j = end === -1 ? text.length : end + 2;
        } else break;
      }
      if (text[j] !== '}' && text[j] !== ']') out += char;
      i++;
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

export interface PathAliases {
  /** Absolute directory that `paths` targets and bare `baseUrl` specifiers resolve from. */
  readonly baseDirectory: string;
  readonly hasBaseUrl: boolean;
  readonly paths: readonly { readonly pattern: string; readonly targets: readonly string[] }[];
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

function readCompilerOptions(file: string, depth = 0): { baseUrl?: string; paths?: Record<string, string[]>; from: string } | undefined {
  let json: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    json = JSON.parse(stripJsonComments(readFileSync(file, 'utf8'))) as typeof json;
  } catch {
    return undefined;
  }
  const directory = dirname(file);
  // `extends` of a relative file (shared base configs); package-named bases are not read.
  let inherited: ReturnType<typeof readCompilerOptions>;
  const parent = Array.isArray(json.extends) ? json.extends.at(-1) : json.extends;
  if (typeof parent === 'string' && parent.startsWith('.') && depth < 3) {
    const parentFile = resolve(directory, parent.endsWith('.json') ? parent : `${parent}.json`);
    inherited = readCompilerOptions(parentFile, depth + 1);
  }
  const options = json.compilerOptions ?? {};
  const own = {
    baseUrl: typeof options.baseUrl === 'string' ? resolve(directory, options.baseUrl) : undefined,
    paths: options.paths && typeof options.paths === 'object' ? (options.paths as Record<string, string[]>) : undefined,
  };
  return {
    baseUrl: own.baseUrl ?? inherited?.baseUrl,
    paths: own.paths ?? inherited?.paths,
    // `paths` resolve from the config that declares them when no baseUrl is set.
    from: own.paths ? directory : (inherited?.from ?? directory),
  };
}

/** The path aliases of the nearest tsconfig.json / jsconfig.json above `directory`. */
export function pathAliasesFor(directory: string): PathAliases | undefined {
  for (let current = directory; ; current = dirname(current)) {
    for (const name of CONFIG_NAMES) {
      const file = join(current, name);
      if (!existsSync(file)) continue;
      const options = readCompilerOptions(file);
      if (!options) return undefined;
      const baseDirectory = options.baseUrl ?? options.from;
      const paths = Object.entries(options.paths ?? {})
        .filter(([, targets]) => Array.isArray(targets))
        .map(([pattern, targets]) => ({ pattern, targets: targets.filter((target) => typeof target === 'string') }));
      return { baseDirectory, hasBaseUrl: options.baseUrl !== undefined, paths };
    }
    if (dirname(current) === current || withinPackages(current)) return undefined;
  }
}

const NO_ALIASES: PathAliases = { baseDirectory: '/', hasBaseUrl: false, paths: [] };

/**
 * The aliases frameworks define without writing them into a committed tsconfig: SvelteKit's
 * `$lib` (`src/lib`, its paths live in the generated .svelte-kit/tsconfig.json), Nuxt's `~/`
 * and `@/` (the project folder, or `app/` in Nuxt 4), and `@/` for `src/` in Vue CLI and Vite
 * apps. Asked only when the tsconfig/jsconfig paths did not resolve the specifier.
 */
function frameworkAlias(fromFile: string, specifier: string): string | undefined {
  const tilde = specifier.startsWith('~/') || specifier.startsWith('@/');
  if (!tilde && !specifier.startsWith('$lib/') && specifier !== '$lib') return undefined;
  for (let current = dirname(fromFile), depth = 0; depth < 12; depth++) {
    const has = (names: readonly string[]): boolean => names.some((name) => existsSync(join(current, name)));
    if (specifier.startsWith('$lib')) {
      if (has(['svelte.config.js', 'svelte.config.ts', 'svelte.config.mjs']))
        return resolveFile(join(current, 'src/lib', specifier.slice('$lib'.length)));
    } else if (has(['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs'])) {
      const rest = specifier.slice(2);
      return resolveFile(join(current, 'app', rest)) ?? resolveFile(join(current, rest));
    } else if (specifier.startsWith('@/') && has(['package.json'])) {
      return resolveFile(join(current, 'src', specifier.slice(2)));
    }
    if (has(['package.json']) || dirname(current) === current) return undefined;
    current = dirname(current);
  }
  return undefined;
}

function matchAlias(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (specifier.length < prefix.length + suffix.length) return undefined;
  return specifier.startsWith(prefix) && specifier.endsWith(suffix)
    ? specifier.slice(prefix.length, specifier.length - suffix.length)
    : undefined;
}

/**
 * The project file an import specifier names, seen from `fromFile`, or undefined (a
 * package, a missing file, anything under node_modules).
 */
export function resolveModule(
  fromFile: string,
  specifier: string,
  aliases = (): PathAliases | undefined => pathAliasesFor(dirname(fromFile)),
): string | undefined {
  if (!isAbsolute(fromFile) || specifier.length === 0) return undefined;
  let found: string | undefined;
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    found = resolveFile(resolve(dirname(fromFile), specifier));
  } else if (specifier.startsWith('/')) {
    found = resolveFile(specifier);
  } else {
    if (specifier.startsWith('node:')) return undefined;
    const config = aliases() ?? NO_ALIASES;
    for (const { pattern, targets } of config.paths) {
      const matched = matchAlias(pattern, specifier);
      if (matched === undefined) continue;
      for (const target of targets) {
        found = resolveFile(resolve(config.baseDirectory, target.replace('*', matched)));
        if (found) break;
      }
      if (found) break;
    }
    if (!found && config.hasBaseUrl) found = resolveFile(resolve(config.baseDirectory, specifier));
    found ??= frameworkAlias(fromFile, specifier);
  }
  return found && !withinPackages(found) ? found : undefined;
}
