/**
 * Nuxt and Nitro auto-imports: in those projects a file calls `exchangeCode(code)` or
 * `useLogin(code)` with no import, and the framework binds the name to an export of a
 * conventional folder. This module answers which file and which export a free name stands
 * for, from the files on disk:
 *
 * - Nitro (a `nitro.config.*` at the project root): exports of `<srcDir>/utils/**` in every
 *   file of the source folder (`srcDir` read from the config when written as a literal).
 * - Nuxt (a `nuxt.config.*`): in `server/**`, exports of `server/utils/**` (Nitro's rule); in
 *   the app, exports of the top-level files of `composables/` and `utils/` (of the project
 *   folder, or `app/` in Nuxt 4), plus the folders the config lists under `imports.dirs`.
 *   `shared/utils/` serves both sides (Nuxt 4).
 *
 * A named export is available under its name; a default export under the camelCase of its
 * file name (`use-foo.ts` → `useFoo`). The project kind is looked up once per folder and the
 * config read once per mtime; each conventional folder is listed once per mtime (and at most
 * every LISTING_TTL_MS for its files' exports), so a linted file costs a few map lookups.
 * Nothing here parses: the caller loads the file it is pointed to and reads the export there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { withinPackages } from './resolve';

/** Where a free name comes from: the module file and the name of its export ('default' for a default export). */
export interface AutoImportSource {
  readonly path: string;
  readonly exported: string;
}

interface SourceFolder {
  readonly path: string;
  /** Sub-folders scanned too (Nitro's `utils/**`); otherwise only the folder's own files (Nuxt's `composables/`). */
  readonly nested: boolean;
}

/** Files under `within` see the exports of `folders`. */
interface AutoImportScope {
  readonly within: string;
  readonly folders: readonly SourceFolder[];
}

interface AutoImportProject {
  readonly config: string;
  readonly mtimeMs: number;
  /** When the config's mtime was last compared (a file asks many times in a row). */
  checkedAt: number;
  /** Most specific first: a Nuxt project's `server/` before the app. */
  readonly scopes: readonly AutoImportScope[];
}

const NUXT_CONFIGS = ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs', 'nuxt.config.mts', 'nuxt.config.cjs'];
const NITRO_CONFIGS = ['nitro.config.ts', 'nitro.config.js', 'nitro.config.mjs', 'nitro.config.mts', 'nitro.config.cjs'];
/** unimport's default file patterns. */
const SCANNED_EXTENSIONS = new Set(['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts']);
const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_TEXT_BYTES = 256 * 1024;
const MAX_FOLDER_FILES = 400;
const MAX_FOLDER_DEPTH = 6;
const MAX_ROOT_DEPTH = 30;
const LISTING_TTL_MS = 30_000;
/** A config's or folder's mtime is compared again after this long (one lint run asks many times a second). */
const RECHECK_MS = 2_000;

function isFile(path: string): { mtimeMs: number; size: number } | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? { mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isWithin(folder: string, file: string): boolean {
  return file.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

// Linear scans of a config's text: a key, then one quoted string or one bracketed list without nested quantifiers.
const SRC_DIR = /\bsrcDir\s*:\s*(['"`])([^'"`\n]{1,200})\1/;
const IMPORT_DIRS = /\bdirs\s*:\s*\[([^\]]{0,2000})\]/;
const QUOTED = /(['"`])([^'"`\n]{1,200})\1/g;

function readText(path: string, limit: number): string | undefined {
  try {
    return statSync(path).size <= limit ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** A folder of `imports.dirs` (`'composables/**'`, `'stores'`), relative to the source folder; globs other than a trailing `*`/`**` are not read. */
function importDirFolder(base: string, pattern: string): SourceFolder | undefined {
  const trimmed = pattern.replace(/^\.\//, '');
  // Trailing `/*`, `/**`, `/*/*`, `/*/index.{ts,js}`: the folder, scanned below its top level.
  let stripped = trimmed.replace(/\/\*\/index\.\{[\w,]+\}$/, '');
  while (stripped.endsWith('/*') || stripped.endsWith('/**')) stripped = stripped.slice(0, stripped.lastIndexOf('/'));
  if (stripped.length === 0 || /[*{}?[\]!]/.test(stripped) || isAbsolute(stripped) || stripped.startsWith('~')) return undefined;
  return { path: resolve(base, stripped), nested: stripped !== trimmed };
}

function nuxtScopes(root: string, text: string): AutoImportScope[] {
  const declared = SRC_DIR.exec(text)?.[2];
  // Nuxt 4 keeps the app in `app/`; Nuxt 3 in the project folder.
  const sourceFolders = declared ? [resolve(root, declared)] : isDirectory(join(root, 'app')) ? [join(root, 'app'), root] : [root];
  const shared: SourceFolder = { path: join(root, 'shared', 'utils'), nested: false };
  const app: SourceFolder[] = [];
  for (const folder of sourceFolders) {
    app.push({ path: join(folder, 'composables'), nested: false }, { path: join(folder, 'utils'), nested: false });
  }
  const listed = IMPORT_DIRS.exec(text)?.[1];
  if (listed) {
    QUOTED.lastIndex = 0;
    for (let match = QUOTED.exec(listed); match !== null; match = QUOTED.exec(listed)) {
      const folder = importDirFolder(sourceFolders[0], match[2]);
      if (folder) app.push(folder);
    }
  }
  const server = join(root, 'server');
  return [
    { within: server, folders: [{ path: join(server, 'utils'), nested: true }, shared] },
    { within: root, folders: [...app, shared] },
  ];
}

function nitroScopes(root: string, text: string): AutoImportScope[] {
  const declared = SRC_DIR.exec(text)?.[2];
  if (declared) {
    const source = resolve(root, declared);
    return [{ within: source, folders: [{ path: join(source, 'utils'), nested: true }] }];
  }
  // No srcDir written: the project folder (Nitro 2's default), or `server/` (Nitro 3's).
  return [
    {
      within: root,
      folders: [
        { path: join(root, 'server', 'utils'), nested: true },
        { path: join(root, 'utils'), nested: true },
      ],
    },
  ];
}

/** Per folder, the config file of the Nuxt/Nitro project it belongs to (null: none). */
const configOfFolder = new Map<string, string | null>();
const projects = new Map<string, AutoImportProject>();

/** The nearest `nuxt.config.*` / `nitro.config.*` at or above `folder`, up to the folder of the nearest package.json. */
function configFor(folder: string): string | null {
  const cached = configOfFolder.get(folder);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  let current = folder;
  for (let depth = 0; depth < MAX_ROOT_DEPTH; depth++) {
    const known = configOfFolder.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    const config = [...NUXT_CONFIGS, ...NITRO_CONFIGS].map((name) => join(current, name)).find((path) => isFile(path));
    if (config) {
      found = config;
      break;
    }
    const parent = dirname(current);
    if (isFile(join(current, 'package.json')) || parent === current) break;
    current = parent;
  }
  configOfFolder.set(folder, found);
  return found;
}

function projectOf(folder: string): AutoImportProject | undefined {
  const config = configFor(folder);
  if (!config) return undefined;
  const known = projects.get(config);
  if (known && Date.now() - known.checkedAt < RECHECK_MS) return known;
  const stat = isFile(config);
  if (!stat) return undefined;
  if (known && known.mtimeMs === stat.mtimeMs) {
    known.checkedAt = Date.now();
    return known;
  }
  const text = stat.size <= MAX_CONFIG_BYTES ? (readText(config, MAX_CONFIG_BYTES) ?? '') : '';
  const root = dirname(config);
  const scopes = basename(config).startsWith('nuxt.') ? nuxtScopes(root, text) : nitroScopes(root, text);
  const project: AutoImportProject = { config, mtimeMs: stat.mtimeMs, checkedAt: Date.now(), scopes };
  projects.set(config, project);
  return project;
}

/** Per exported name, the files of a folder that may export it (a superset, read from the text). */
interface FolderExports {
  readonly at: number;
  /** When the folder's mtime was last compared. */
  checkedAt: number;
  readonly mtimeMs: number;
  readonly names: ReadonlyMap<string, readonly AutoImportSource[]>;
  /** Files with `export * from`: any name may come through them. */
  readonly starFiles: readonly string[];
}

const folders = new Map<string, FolderExports>();
/** Conventional folders a project does not have, and when that was seen. */
const missingFolders = new Map<string, number>();

// Linear scans: a keyword list, then one identifier; a braced list without nested quantifiers.
const DECLARED_EXPORT = /\bexport\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([a-z_$][\w$]*)/gi;
const LISTED_EXPORT = /\bexport\s*(?:type\s*)?\{([^}]{0,4000})\}/g;
const DEFAULT_EXPORT = /\bexport\s+default\b/;
const STAR_EXPORT = /\bexport\s*\*\s*from\b/;

/** scule's camelCase of a file name, as Nuxt names a default export: `use-foo` → `useFoo`. */
export function autoImportName(file: string): string {
  const stem = basename(file, extname(file));
  const name = stem === 'index' ? basename(dirname(file)) : stem;
  const words = name.split(/[-_.\s]/).filter((word) => word.length > 0);
  const camel = words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
  return camel.length > 0 ? camel[0].toLowerCase() + camel.slice(1) : camel;
}

function listFolder(folder: SourceFolder): string[] {
  const files: string[] = [];
  const walk = (path: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (files.length >= MAX_FOLDER_FILES || entry.name.startsWith('.')) continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (folder.nested && depth < MAX_FOLDER_DEPTH && entry.name !== 'node_modules') walk(child, depth + 1);
      } else if (entry.isFile() && SCANNED_EXTENSIONS.has(extname(entry.name)) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        files.push(child);
      }
    }
  };
  walk(folder.path, 0);
  return files;
}

function folderExports(folder: SourceFolder): FolderExports | undefined {
  const key = `${folder.nested ? '**' : '*'}\0${folder.path}`;
  const cached = folders.get(key);
  const now = Date.now();
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached;
  const missing = missingFolders.get(key);
  if (cached === undefined && missing !== undefined && now - missing < RECHECK_MS) return undefined;
  let mtimeMs: number;
  try {
    const stat = statSync(folder.path);
    if (!stat.isDirectory()) throw new Error('not a folder');
    mtimeMs = stat.mtimeMs;
  } catch {
    folders.delete(key);
    missingFolders.set(key, now);
    return undefined;
  }
  if (cached && cached.mtimeMs === mtimeMs && now - cached.at < LISTING_TTL_MS) {
    cached.checkedAt = now;
    return cached;
  }
  const names = new Map<string, AutoImportSource[]>();
  const starFiles: string[] = [];
  const add = (name: string, source: AutoImportSource): void => {
    const list = names.get(name);
    if (!list) names.set(name, [source]);
    else if (!list.some((known) => known.path === source.path && known.exported === source.exported)) list.push(source);
  };
  for (const file of listFolder(folder)) {
    const text = readText(file, MAX_TEXT_BYTES);
    if (text === undefined || !text.includes('export')) continue;
    DECLARED_EXPORT.lastIndex = 0;
    for (let match = DECLARED_EXPORT.exec(text); match !== null; match = DECLARED_EXPORT.exec(text))
      add(match[1], { path: file, exported: match[1] });
    LISTED_EXPORT.lastIndex = 0;
    for (let match = LISTED_EXPORT.exec(text); match !== null; match = LISTED_EXPORT.exec(text)) {
      for (const part of match[1].split(',')) {
        const words = part.trim().split(/\s+/);
        const exported = words[words.length - 1];
        if (/^[a-z_$][\w$]*$/i.test(exported) && exported !== 'default') add(exported, { path: file, exported });
      }
    }
    if (DEFAULT_EXPORT.test(text)) add(autoImportName(file), { path: file, exported: 'default' });
    if (STAR_EXPORT.test(text)) starFiles.push(file);
  }
  const listing: FolderExports = { at: now, checkedAt: now, mtimeMs, names, starFiles };
  folders.set(key, listing);
  return listing;
}

/** The auto-import folders the file at `filename` sees, or undefined outside a Nuxt/Nitro project. */
function scopeOf(filename: string): AutoImportScope | undefined {
  if (!isAbsolute(filename) || withinPackages(filename)) return undefined;
  const project = projectOf(dirname(filename));
  return project?.scopes.find((scope) => isWithin(scope.within, filename));
}

/**
 * The candidate sources of a free name `name` called in `filename`: the files of the
 * auto-import folders that (by their text) export it, then files that re-export with
 * `export *`. Empty outside a Nuxt/Nitro project. The caller reads the export in each
 * candidate's module and takes the first that defines it.
 */
export function autoImportSources(filename: string, name: string): readonly AutoImportSource[] {
  const scope = scopeOf(filename);
  if (!scope) return [];
  const found: AutoImportSource[] = [];
  const stars: AutoImportSource[] = [];
  for (const folder of scope.folders) {
    const listing = folderExports(folder);
    if (!listing) continue;
    for (const source of listing.names.get(name) ?? []) if (source.path !== filename) found.push(source);
    for (const file of listing.starFiles) if (file !== filename) stars.push({ path: file, exported: name });
  }
  return [...found, ...stars];
}

/**
 * The names the file at `filename` may take from auto-import folders (undefined outside a
 * Nuxt/Nitro project): the file gate asks whether any free call names one.
 */
export function autoImportedNames(filename: string): { has(name: string): boolean } | undefined {
  const scope = scopeOf(filename);
  if (!scope) return undefined;
  const listings = scope.folders.map(folderExports).filter((listing) => listing !== undefined);
  if (listings.length === 0) return undefined;
  // A folder with `export *` re-exports names the text does not show: any name may be one.
  if (listings.some((listing) => listing.starFiles.length > 0)) return { has: () => true };
  return { has: (name) => listings.some((listing) => listing.names.has(name)) };
}

/** Forget the projects and listings (tests). */
export function clearAutoImports(): void {
  configOfFolder.clear();
  projects.clear();
  folders.clear();
  missingFolders.clear();
}
