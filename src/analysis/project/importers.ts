/**
 * The other direction of the project layer: the modules of the project that import the file
 * being linted. A wrong value written in a helper (a weak random string) is reported where it
 * is written, once — but whether it matters depends on what an importer does with it (uses it
 * as the OAuth `state`, or as a UI id). Only asked for files that hold such a suspect, never
 * for every file.
 *
 * Bounded on purpose: the project is the folder of the nearest package.json above the file;
 * at most MAX_LISTED source files are listed (per process, per root), and only files whose text
 * names the linted file's module are parsed, at most MAX_IMPORTERS of them. The listing keeps
 * the texts it has read (up to MAX_CACHED_BYTES), so each source file is read once per listing,
 * not once per linted file that asks. A new or changed file is seen in a long-running process
 * (an editor) when the listing is older than LISTING_TTL_MS.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { fileInfo } from './files';
import { loadModule } from './load';
import { MODULE_EXTENSIONS } from './resolve';

type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_LISTED = 4000;
const MAX_DEPTH = 12;
const MAX_IMPORTERS = 24;
const MAX_TEXT_BYTES = 512 * 1024;
const LISTING_TTL_MS = 30_000;
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

// Folders that hold no source of the project's own.
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor', 'public', 'static']);
const SOURCE_EXTENSIONS = new Set<string>(MODULE_EXTENSIONS);

interface Listing {
  readonly at: number;
  readonly files: readonly string[];
  /** Texts read so far (undefined: too large or unreadable). */
  readonly texts: Map<string, string | undefined>;
  cachedBytes: number;
  /** Per module word, the listed files whose text holds it (many linted files share a word: `utils`, `auth`). */
  readonly withWord: Map<string, readonly string[]>;
}

const listings = new Map<string, Listing>();

/** The folder of the nearest package.json at or above `directory` (the file's own folder when there is none). */
export function projectRoot(directory: string): string {
  for (let current = directory, depth = 0; depth < 30; depth++) {
    try {
      if (statSync(join(current, 'package.json')).isFile()) return current;
    } catch {
      // No package.json here: look one folder up.
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return directory;
}

/** Folders skipped as built assets that also hold hand-written browser modules (`public/js`, `static/modules`). */
const ASSET_FOLDERS = new Set(['public', 'static']);

/**
 * Where the importers of a file are looked for: its project, or — for a module that itself sits in
 * an asset folder (`src/public/static/js/login.mjs`) — the innermost such folder, which the
 * project's listing skips.
 */
function listingRoot(file: string): string {
  const root = projectRoot(dirname(file));
  const segments = relative(root, dirname(file)).split(sep);
  let assets: string | undefined;
  for (let index = 0; index < segments.length; index++)
    if (ASSET_FOLDERS.has(segments[index])) assets = join(root, ...segments.slice(0, index + 1));
  return assets ?? root;
}

function listSources(root: string): Listing {
  const cached = listings.get(root);
  if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached;
  const files: string[] = [];
  const walk = (folder: string, depth: number): void => {
    if (depth > MAX_DEPTH || files.length >= MAX_LISTED) return;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_LISTED) return;
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path, depth + 1);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  walk(root, 0);
  const listing: Listing = { at: Date.now(), files, texts: new Map(), cachedBytes: 0, withWord: new Map() };
  listings.set(root, listing);
  return listing;
}

/** A listed file's text, read once per listing while the cache has room. */
function sourceText(listing: Listing, file: string): string | undefined {
  if (listing.texts.has(file)) return listing.texts.get(file);
  let text: string | undefined;
  try {
    if (statSync(file).size <= MAX_TEXT_BYTES) text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (listing.cachedBytes + (text?.length ?? 0) <= MAX_CACHED_BYTES) {
    listing.texts.set(file, text);
    listing.cachedBytes += text?.length ?? 0;
  }
  return text;
}

/** The word an import of `path` must contain: its file name, or its folder's for an `index` module. */
function moduleWord(path: string): string {
  const stem = basename(path, extname(path));
  return stem === 'index' ? basename(dirname(path)) : stem;
}

/**
 * Parsed modules of the project that may import the linted file and mention one of `names`
 * (the helpers asked about), nearest first. Parsed with the linted file's parser family and
 * cached like every imported module.
 */
export function importersOf(sourceCode: SourceCode, names: readonly string[]): SourceCode[] {
  const info = fileInfo(sourceCode);
  if (!info || info.hops !== 0 || !info.filename || names.length === 0) return [];
  const own = info.filename;
  const word = moduleWord(own);
  const importers: SourceCode[] = [];
  const listing = listSources(listingRoot(own));
  let candidates = listing.withWord.get(word);
  if (!candidates) {
    candidates = listing.files.filter((file) => sourceText(listing, file)?.includes(word) === true);
    listing.withWord.set(word, candidates);
  }
  const seen = new Set<string>([own]);
  // `barrelHop`: the file was reached through a barrel; its own re-exports are not followed further.
  const consider = (file: string, barrelHop: boolean): void => {
    if (seen.has(file) || importers.length >= MAX_IMPORTERS) return;
    seen.add(file);
    const text = sourceText(listing, file);
    if (text === undefined || !names.some((name) => text.includes(name))) return;
    const module = loadModule(sourceCode, file);
    if (module) importers.push(module);
    // A barrel (`export { default as uniqueId } from './uniqueIdUtil'`) passes the names on: its
    // importers are the module's too (one hop). An `index` barrel is imported by its folder's name,
    // or as `..` / `../index` from the folders below it.
    if (!barrelHop && BARREL_EXPORT.test(text) && text.includes(word)) {
      const barrelWord = moduleWord(file);
      const below = dirname(file) + sep;
      for (const next of listing.files)
        if (next.startsWith(below) || sourceText(listing, next)?.includes(barrelWord) === true) consider(next, true);
    }
  };
  for (const file of candidates) {
    consider(file, false);
    if (importers.length >= MAX_IMPORTERS) break;
  }
  return importers;
}

/** A module that re-exports from another: `export … from '…'`. */
const BARREL_EXPORT = /\bexport\s[^;\n]{0,200}\bfrom\s/;

/** Forget the listings (tests). */
export function clearImporterListings(): void {
  listings.clear();
}
