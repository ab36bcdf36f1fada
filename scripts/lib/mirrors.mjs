/**
 * Public repositories as benchmark input: reading a pinned commit out of a local git mirror
 * (the layout the search tool's `fetch` writes: `<mirrors>/owner+name/repo`, bare or with a
 * `.git`) and materialising its source files into a git-ignored folder, so that imports between
 * the repository's own modules resolve as in the real project. Shared by bench:realworld and
 * bench:scale. Nothing here guesses: a missing mirror or commit is reported to the caller.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where mirrors live unless told otherwise. */
export const DEFAULT_MIRRORS = process.env.OAUTH_MIRRORS ?? '/work/.mirror';

/** The git dir of a mirror: `owner+name/repo` (bare) or `owner+name/repo/.git`, or undefined. */
export function gitDirOf(mirrors, repo) {
  const base = join(resolve(mirrors), repo.replace('/', '+'));
  for (const candidate of [join(base, 'repo'), join(base, 'repo/.git'), base]) {
    if (existsSync(join(candidate, 'HEAD')) && existsSync(join(candidate, 'objects'))) return candidate;
  }
  return undefined;
}

/** Files a lint of the tree can need: sources, and the manifests and tsconfigs that say how imports resolve. */
const TREE_FILE = /(?:\.(?:[cm]?[jt]sx?|vue|svelte|astro)|(?:^|\/)(?:package|tsconfig[^/]*|jsconfig|deno|import_map)\.jsonc?)$/;

/**
 * The commit's source files as [path, content] (one `git cat-file --batch` for all of them;
 * snapshots may lack big or LFS blobs, so a missing blob is skipped), or undefined when the
 * commit is not in the mirror.
 */
export function sourceBlobs(gitDir, commit) {
  const listing = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 28 });
  if (listing.status !== 0) return undefined;
  const entries = listing.stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [info, path] = line.split('\t');
      const [, type, sha] = info.split(' ');
      return { type, sha, path };
    })
    .filter(({ type, path }) => type === 'blob' && TREE_FILE.test(path) && !/(?:^|\/)node_modules\//.test(path));
  const batch = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: entries.map(({ sha }) => sha).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const out = batch.stdout;
  const blobs = [];
  let offset = 0;
  for (const { path } of entries) {
    const headerEnd = out.indexOf(10, offset);
    if (headerEnd === -1) break;
    const header = out.subarray(offset, headerEnd).toString('utf8').split(' ');
    offset = headerEnd + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    blobs.push([path, out.subarray(offset, offset + size)]);
    offset += size + 1;
  }
  return blobs;
}

/**
 * Materialises `repo@commit` under `<workDir>/owner+name/<commit>` (once: a `.materialised`
 * marker makes later runs reuse it). Returns `{ folder }`, or `{ missing }` with the reason the
 * tree could not be had.
 */
export function materialise({ mirrors = DEFAULT_MIRRORS, workDir, repo, commit }) {
  const folder = join(workDir, repo.replace('/', '+'), commit);
  if (existsSync(join(folder, '.materialised'))) return { folder };
  const gitDir = gitDirOf(mirrors, repo);
  if (!gitDir) return { missing: `${repo}: no mirror under ${resolve(mirrors)}` };
  const blobs = sourceBlobs(gitDir, commit);
  if (!blobs) return { missing: `${repo}@${commit}: commit not in the mirror` };
  rmSync(folder, { recursive: true, force: true });
  for (const [path, content] of blobs) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  writeFileSync(join(folder, '.materialised'), `${repo}@${commit}\n`);
  return { folder };
}
