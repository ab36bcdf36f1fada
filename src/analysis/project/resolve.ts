/**
 * Resolves the project's own import specifiers to files: relative paths, `index` files,
 * the extensions of JavaScript and TypeScript (a `.js` specifier written for a `.ts` file
 * included), tsconfig/jsconfig `paths` aliases and `baseUrl`, and package.json `imports`
 * (`#lib/*`), Deno import maps (`deno.json` / `import_map.json` `imports`), and Create React
 * App's absolute imports from `src/`. Packages are never followed: what a library does is library knowledge
 * (src/knowledge), and node_modules is large. Every answer is a plain function of the files
 * on disk; the configs read are cached per process by path, mtime and size.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
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

/** A value read from a file, valid while the file's mtime and size stay the same. */
interface Stamped<T> {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: T;
}

const MAX_CACHED = 256;

/**
 * `read(path)`, cached by the file's mtime and size (an edited config is read again); undefined
 * when the path is gone. Bounded: the oldest entry goes first.
 */
function stamped<T>(cache: Map<string, Stamped<T>>, path: string, read: (path: string) => T): { value: T } | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    cache.delete(path);
    return undefined;
  }
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  const value = read(path);
  cache.delete(path);
  cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return { value };
}

/**
 * The nearest file of one of `names` above `directory` (not past a node_modules folder), the
 * walk remembered per directory and re-checked by one stat of the file it found.
 */
function nearestFile(walks: Map<string, string | null>, directory: string, names: readonly string[]): string | undefined {
  const known = walks.get(directory);
  if (known === null) return undefined;
  if (known !== undefined && isFile(known)) return known;
  let found: string | undefined;
  for (let current = directory; found === undefined; current = dirname(current)) {
    found = names.map((name) => join(current, name)).find(existsSync);
    if (found === undefined && (dirname(current) === current || withinPackages(current))) break;
  }
  walks.set(directory, found ?? null);
  if (walks.size > MAX_CACHED * 4) walks.delete(walks.keys().next().value as string);
  return found;
}

const configWalks = new Map<string, string | null>();
const configs = new Map<string, Stamped<PathAliases | undefined>>();

function readPathAliases(file: string): PathAliases | undefined {
  const options = readCompilerOptions(file);
  if (!options) return undefined;
  const baseDirectory = options.baseUrl ?? options.from;
  const paths = Object.entries(options.paths ?? {})
    .filter(([, targets]) => Array.isArray(targets))
    .map(([pattern, targets]) => ({ pattern, targets: targets.filter((target) => typeof target === 'string') }));
  return { baseDirectory, hasBaseUrl: options.baseUrl !== undefined, paths };
}

/** The path aliases of the nearest tsconfig.json / jsconfig.json above `directory`. */
export function pathAliasesFor(directory: string): PathAliases | undefined {
  const file = nearestFile(configWalks, directory, CONFIG_NAMES);
  return file === undefined ? undefined : stamped(configs, file, readPathAliases)?.value;
}

const manifestWalks = new Map<string, string | null>();
const manifests = new Map<string, Stamped<Readonly<Record<string, unknown>> | undefined>>();

function readImportsField(file: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const imports = (JSON.parse(readFileSync(file, 'utf8')) as { imports?: unknown }).imports;
    return imports && typeof imports === 'object' && !Array.isArray(imports) ? (imports as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Conditions whose targets are declarations, not code. */
const TYPE_CONDITIONS = new Set(['types', 'typings']);

/**
 * The project file a package.json `imports` target names: a `./` path (a target naming a
 * package is not followed), the first usable entry of a fallback array or of a conditions
 * object (`{ "node": ..., "default": ... }`, in the order written; type declarations skipped).
 */
function importsTarget(target: unknown, directory: string, matched: string, depth = 0): string | undefined {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    return resolveFile(resolve(directory, target.split('*').join(matched)));
  }
  if (!target || typeof target !== 'object' || depth > 4) return undefined;
  const entries = Array.isArray(target) ? target.map((value) => ['', value] as const) : Object.entries(target);
  for (const [condition, value] of entries) {
    if (TYPE_CONDITIONS.has(condition)) continue;
    const found = importsTarget(value, directory, matched, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * A `#` specifier through the `imports` field of the nearest package.json (Node's subpath
 * imports): an exact key first, else the `*` pattern with the longest prefix, as Node picks.
 */
function packageImport(fromFile: string, specifier: string): string | undefined {
  const manifest = nearestFile(manifestWalks, dirname(fromFile), ['package.json']);
  const imports = manifest === undefined ? undefined : stamped(manifests, manifest, readImportsField)?.value;
  if (!manifest || !imports) return undefined;
  const directory = dirname(manifest);
  if (Object.hasOwn(imports, specifier) && !specifier.includes('*')) return importsTarget(imports[specifier], directory, '');
  let best: { key: string; matched: string } | undefined;
  for (const key of Object.keys(imports)) {
    const star = key.indexOf('*');
    if (star === -1 || key.indexOf('*', star + 1) !== -1) continue;
    const matched = matchAlias(key, specifier);
    if (matched !== undefined && (!best || star > best.key.indexOf('*'))) best = { key, matched };
  }
  return best ? importsTarget(imports[best.key], directory, best.matched) : undefined;
}

/** Create React App projects: their `src/` folder and the packages they depend on. */
interface ReactScriptsApp {
  readonly sourceDirectory: string;
  readonly dependencies: ReadonlySet<string>;
}

const appManifests = new Map<string, Stamped<ReactScriptsApp | undefined>>();

function readReactScriptsApp(file: string): ReactScriptsApp | undefined {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const dependencies = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const value = json[field];
      if (value && typeof value === 'object') for (const name of Object.keys(value)) dependencies.add(name);
    }
    return dependencies.has('react-scripts') ? { sourceDirectory: join(dirname(file), 'src'), dependencies } : undefined;
  } catch {
    return undefined;
  }
}

const BUILTIN_MODULES: ReadonlySet<string> = new Set(builtinModules);

/** The react-scripts app a file of the project belongs to (none for files under node_modules). */
function reactScriptsAppOf(fromFile: string): ReactScriptsApp | undefined {
  if (withinPackages(fromFile)) return undefined;
  const manifest = nearestFile(manifestWalks, dirname(fromFile), ['package.json']);
  return manifest === undefined ? undefined : stamped(appManifests, manifest, readReactScriptsApp)?.value;
}

/**
 * Create React App resolves bare specifiers from `src/` when `NODE_PATH=src` is set (its
 * `.env` is seldom committed): `import LocalStorageValue from 'utils/localStorage'`. Only in a
 * react-scripts app, only for a first segment that is no dependency and no Node built-in, and
 * only when `src/` has that entry.
 */
function mayBeAbsoluteImport(app: ReactScriptsApp, specifier: string): boolean {
  const slash = specifier.indexOf('/');
  const first = slash === -1 ? specifier : specifier.slice(0, slash);
  if (first.startsWith('@') || app.dependencies.has(first) || BUILTIN_MODULES.has(first)) return false;
  return stamped(listings, app.sourceDirectory, readEntries)?.value.has(first) === true;
}

/** A Deno import map's entries that name files of the project (`"@/": "./"`, `"@db": "./util/db.ts"`). */
interface ImportMap {
  readonly directory: string;
  readonly exact: ReadonlyMap<string, string>;
  /** `"@/": "./"` entries, longest prefix first. */
  readonly prefixes: readonly (readonly [prefix: string, target: string])[];
}

const DENO_CONFIG_NAMES = ['deno.json', 'deno.jsonc', 'import_map.json'];
const denoWalks = new Map<string, string | null>();
const importMaps = new Map<string, Stamped<ImportMap | undefined>>();

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(stripJsonComments(readFileSync(file, 'utf8'))) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readImportMap(file: string): ImportMap | undefined {
  let json = readJson(file);
  let directory = dirname(file);
  // `deno.json` may point at a separate map: `"importMap": "./import_map.json"`.
  if (json && !json.imports && typeof json.importMap === 'string') {
    const mapFile = resolve(directory, json.importMap);
    json = readJson(mapFile);
    directory = dirname(mapFile);
  }
  const imports = json?.imports;
  if (!imports || typeof imports !== 'object' || Array.isArray(imports)) return undefined;
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  for (const [key, target] of Object.entries(imports)) {
    // Only the project's own files: URLs, `npm:` and `jsr:` targets are packages.
    if (typeof target !== 'string' || !(target.startsWith('./') || target.startsWith('../') || target.startsWith('/'))) continue;
    if (key.endsWith('/')) prefixes.push([key, target]);
    else exact.set(key, target);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return { directory, exact, prefixes };
}

function importMapFor(fromFile: string): ImportMap | undefined {
  if (withinPackages(fromFile)) return undefined;
  const file = nearestFile(denoWalks, dirname(fromFile), DENO_CONFIG_NAMES);
  return file === undefined ? undefined : stamped(importMaps, file, readImportMap)?.value;
}

/** The path a Deno import map gives a specifier, when one of its local entries matches. */
function importMapPath(map: ImportMap, specifier: string): string | undefined {
  const exact = map.exact.get(specifier);
  if (exact !== undefined) return resolve(map.directory, exact);
  const entry = map.prefixes.find(([prefix]) => specifier.startsWith(prefix));
  return entry ? resolve(map.directory, entry[1] + specifier.slice(entry[0].length)) : undefined;
}

const listings = new Map<string, Stamped<ReadonlySet<string>>>();

/** A folder's entry names, each also without its extension (`auth.ts` answers for `auth`). */
function readEntries(directory: string): ReadonlySet<string> {
  const names = new Set<string>();
  try {
    for (const name of readdirSync(directory)) {
      names.add(name);
      const dot = name.lastIndexOf('.');
      if (dot > 0) names.add(name.slice(0, dot));
    }
  } catch {
    // An unreadable folder lists nothing.
  }
  return names;
}

/**
 * Whether one of the bare specifiers (no `./`, `/`, `#` or framework alias) may name a file
 * of the project rather than a package, for the cheap gate of file-facts: it matches a
 * tsconfig `paths` pattern, or its first segment is an entry of the `baseUrl` folder
 * (`src/app/auth` with `baseUrl: "."` and a `src` folder). The nearest tsconfig and one
 * folder listing, both cached, once per file; no file is resolved here.
 */
export function mayNameProjectFile(fromFile: string, specifiers: Iterable<string>): boolean {
  if (!isAbsolute(fromFile)) return false;
  let config: PathAliases | undefined | null = null;
  let entries: ReadonlySet<string> | undefined | null = null;
  let app: ReactScriptsApp | undefined | null = null;
  let importMap: ImportMap | undefined | null = null;
  for (const specifier of specifiers) {
    if (specifier.startsWith('node:')) continue;
    if (importMap === null) importMap = importMapFor(fromFile);
    if (importMap && importMapPath(importMap, specifier) !== undefined) return true;
    if (config === null) config = pathAliasesFor(dirname(fromFile));
    // A catch-all `"*"` pattern (type-declaration fallbacks, mostly) would let every package through.
    if (config?.paths.some(({ pattern }) => pattern !== '*' && matchAlias(pattern, specifier) !== undefined)) return true;
    if (!config?.hasBaseUrl) {
      if (app === null) app = reactScriptsAppOf(fromFile);
      if (app && mayBeAbsoluteImport(app, specifier)) return true;
      continue;
    }
    if (withinPackages(config.baseDirectory)) continue;
    const slash = specifier.indexOf('/');
    const first = slash === -1 ? specifier : specifier.slice(0, slash);
    if (first === 'node_modules' || first === '' || first === '.' || first === '..') continue;
    if (entries === null) entries = stamped(listings, config.baseDirectory, readEntries)?.value;
    if (entries?.has(first)) return true;
  }
  return false;
}

/** Forget the configs and listings read (tests). */
export function clearResolverCache(): void {
  configWalks.clear();
  configs.clear();
  manifestWalks.clear();
  manifests.clear();
  appManifests.clear();
  denoWalks.clear();
  importMaps.clear();
  listings.clear();
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
    // Node's subpath imports first; a tsconfig may map `#` names too.
    if (specifier.startsWith('#')) found = packageImport(fromFile, specifier);
    const map = found ? undefined : importMapFor(fromFile);
    const mapped = map ? importMapPath(map, specifier) : undefined;
    if (mapped !== undefined) found = resolveFile(mapped);
    const config = aliases() ?? NO_ALIASES;
    for (const { pattern, targets } of found ? [] : config.paths) {
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
    if (!found && !config.hasBaseUrl) {
      const app = reactScriptsAppOf(fromFile);
      if (app && mayBeAbsoluteImport(app, specifier)) found = resolveFile(join(app.sourceDirectory, specifier));
    }
  }
  return found && !withinPackages(found) ? found : undefined;
}
