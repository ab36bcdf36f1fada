/**
 * Which files an audit lints: every JavaScript, TypeScript, Vue and Svelte file under the
 * given paths, minus dependencies, build output, .gitignore'd files and (by default) tests.
 *
 * The CLI walks the tree itself rather than letting ESLint glob it, so that every file it
 * leaves out has a stated reason: a security audit must never cover less than the user
 * believes without saying so.
 */
import { readdirSync, readFileSync, statSync, existsSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { TEST_FILES } from '../configs';
import { looksMinified } from '../analysis/minified';

/** The kinds of source file the CLI lints, by extension. */
export type FileKind = 'js' | 'cjs' | 'ts' | 'tsx' | 'vue' | 'svelte';

export const EXTENSIONS: Readonly<Record<string, FileKind>> = {
  '.js': 'js',
  '.jsx': 'js',
  '.mjs': 'js',
  '.cjs': 'cjs',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.vue': 'vue',
  '.svelte': 'svelte',
};

/**
 * Directories never walked: dependencies, version control, and the usual build, cache and
 * coverage output of JavaScript tool chains (generated code, often minified, is not the code
 * under review).
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.astro',
  '.vercel',
  '.netlify',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.angular',
  '.expo',
  '.docusaurus',
  '.yarn',
  '.pnpm-store',
  'storybook-static',
  'coverage',
  '.nyc_output',
]);

/**
 * Test code, as the configs scope it (`TEST_FILES` in src/configs.ts, one list): the
 * folders its directory globs name (`__tests__`, `test`, …); `isTestFileName` reads the file-name globs.
 */
export const TEST_DIRECTORIES: ReadonlySet<string> = new Set(
  TEST_FILES.filter((glob) => glob.startsWith('**/') && glob.endsWith('/**')).map((glob) => glob.slice(3, -3)),
);

export function isTestFileName(name: string): boolean {
  return /\.(?:test|spec)\./.test(name) || name.endsWith('.test-d.ts');
}

/** Declaration files hold types only; minified files are build output that escaped a build folder. */
function isGeneratedFileName(name: string): boolean {
  return /\.d\.[mc]?ts$/.test(name) || /\.min\.[mc]?js$/.test(name);
}

/** Smaller files are never taken for minified ones (`looksMinified` reads them all). */
const MIN_MINIFIED_BYTES = 4096;

function hasMinifiedContent(path: string): boolean {
  try {
    return looksMinified(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** Files larger than this are bundles or generated data, not hand-written auth code. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SkippedFile {
  filePath: string;
  reason: 'too-large';
  message: string;
}

export interface FileSelection {
  /** Absolute paths of the files to lint, sorted. */
  files: string[];
  /** Files left out one by one, with why (listed in every report). */
  skipped: SkippedFile[];
  /** How many files were left out by category (counted, not listed). */
  excluded: { tests: number; generated: number; gitignored: number };
}

export interface SelectOptions {
  includeTests: boolean;
}

/** A .gitignore's rules, anchored at the folder that holds it. */
interface IgnoreFile {
  base: string;
  rules: Ignore;
}

function readIgnoreFile(dir: string): IgnoreFile | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    // An unreadable .gitignore ignores nothing, as git would treat a file it cannot read.
    return undefined;
  }
}

/**
 * Whether the .gitignore files in force ignore a path. Later (deeper) files win, and a `!`
 * rule re-includes, as in git.
 */
function isGitIgnored(ignoreFiles: readonly IgnoreFile[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of ignoreFiles) {
    const rel = relative(base, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    const result = rules.test(isDirectory ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** The .gitignore files above `dir` up to the repository root (the folder holding `.git`). */
function ancestorIgnoreFiles(dir: string): IgnoreFile[] {
  const chain: string[] = [];
  let current = dir;
  for (;;) {
    const parent = dirname(current);
    if (existsSync(join(current, '.git')) || parent === current) break;
    chain.unshift(parent);
    current = parent;
  }
  // Without a repository above, only the audited folder's own .gitignore files count.
  if (!existsSync(join(current, '.git'))) return [];
  return chain.map(readIgnoreFile).filter((file): file is IgnoreFile => file !== undefined);
}

/** The kind of a file by its extension, or undefined when the CLI does not lint it. */
export function fileKind(path: string): FileKind | undefined {
  return Object.hasOwn(EXTENSIONS, extname(path)) ? EXTENSIONS[extname(path)] : undefined;
}

/**
 * The files to lint under `paths` (files or folders, relative to `cwd`). Files named
 * explicitly are linted whatever their name or location, as long as they are of a known kind.
 */
export function selectFiles(cwd: string, paths: readonly string[], options: SelectOptions): FileSelection {
  const selection: FileSelection = { files: [], skipped: [], excluded: { tests: 0, generated: 0, gitignored: 0 } };
  const seen = new Set<string>();

  const add = (file: string, size: number): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (size > MAX_FILE_BYTES) {
      selection.skipped.push({
        filePath: file,
        reason: 'too-large',
        message: `Not linted: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (likely generated or bundled code).`,
      });
      return;
    }
    selection.files.push(file);
  };

  const walk = (dir: string, ignoreFiles: IgnoreFile[]): void => {
    const own = readIgnoreFile(dir);
    const inForce = own ? [...ignoreFiles, own] : ignoreFiles;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // A folder the user cannot read is not theirs to audit; nothing in it can be linted anyway.
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Symbolic links are not followed: a link to a folder can loop or leave the project.
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (isGitIgnored(inForce, path, true)) {
          selection.excluded.gitignored += 1;
          continue;
        }
        if (!options.includeTests && TEST_DIRECTORIES.has(entry.name)) {
          selection.excluded.tests += countSourceFiles(path);
          continue;
        }
        walk(path, inForce);
        continue;
      }
      if (!entry.isFile() || fileKind(entry.name) === undefined) continue;
      if (isGeneratedFileName(entry.name)) {
        selection.excluded.generated += 1;
        continue;
      }
      if (isGitIgnored(inForce, path, false)) {
        selection.excluded.gitignored += 1;
        continue;
      }
      if (!options.includeTests && isTestFileName(entry.name)) {
        selection.excluded.tests += 1;
        continue;
      }
      const size = statSync(path).size;
      // Build output under another name (`vendor.js`, a bundle in `public/`): the rules skip it
      // anyway (src/analysis/minified.ts), so it is counted with the generated files, not linted.
      if (size >= MIN_MINIFIED_BYTES && size <= MAX_FILE_BYTES && hasMinifiedContent(path)) {
        selection.excluded.generated += 1;
        continue;
      }
      add(path, size);
    }
  };

  for (const given of paths) {
    const path = resolve(cwd, given);
    const stats = statSync(path);
    if (stats.isDirectory()) walk(path, ancestorIgnoreFiles(path));
    else if (fileKind(path) !== undefined) add(path, stats.size);
  }
  selection.files.sort();
  return selection;
}

/** Source files under a folder left out as tests, for the count in the summary. */
function countSourceFiles(dir: string): number {
  let count = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) count += countSourceFiles(join(dir, entry.name));
    else if (entry.isFile() && fileKind(entry.name) !== undefined && !isGeneratedFileName(basename(entry.name))) count += 1;
  }
  return count;
}
