/**
 * Shared helpers for the plugin-shape tests: where things live, which rules exist, and how
 * a snippet in a given language is parsed (the same way the accuracy benchmark does it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import globals from 'globals';
import { catalogEntry, type RuleId } from '../../src/catalog';

export const ROOT = resolve(__dirname, '..', '..');
export const DIST_ENTRY = join(ROOT, 'dist', 'src', 'index.js');

export const read = (...parts: string[]): string => readFileSync(join(ROOT, ...parts), 'utf8');
export const exists = (...parts: string[]): boolean => existsSync(join(ROOT, ...parts));

/** Rule ids from the files in rules/ (everything but index.ts). */
export function ruleFileIds(): string[] {
  return readdirSync(join(ROOT, 'rules'))
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

export function filesIn(dir: string, suffix: string): string[] {
  const full = join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

export type SnippetLanguage = 'ts' | 'tsx' | 'js' | 'cjs';

/** The fence language of a docs code block → how it is parsed. */
export function languageOfFence(fence: string): SnippetLanguage | undefined {
  const lang = fence.trim().toLowerCase();
  if (['ts', 'typescript', 'mts', 'cts'].includes(lang)) return 'ts';
  if (lang === 'tsx') return 'tsx';
  if (['js', 'javascript', 'jsx', 'mjs'].includes(lang)) return 'js';
  if (lang === 'cjs') return 'cjs';
  return undefined;
}

export const FILE_NAME: Record<SnippetLanguage, string> = { ts: 'example.ts', tsx: 'example.tsx', js: 'example.js', cjs: 'example.cjs' };

/** Language options per language, as the benchmark and a typical user config set them. */
export function languageOptions(language: SnippetLanguage): Linter.LanguageOptions {
  const common = { ecmaVersion: 'latest' as const, globals: { ...globals.browser, ...globals.node } };
  switch (language) {
    case 'ts':
      return { ...common, sourceType: 'module', parser: tsParser as Linter.Parser };
    case 'tsx':
      return { ...common, sourceType: 'module', parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } };
    case 'cjs':
      return { ...common, sourceType: 'commonjs' };
    default:
      return { ...common, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
  }
}

export interface DocExample {
  kind: 'incorrect' | 'correct';
  language: SnippetLanguage | undefined;
  fence: string;
  code: string;
  /** 1-based line of the opening fence in the markdown file. */
  line: number;
}

/**
 * Fenced code blocks under `### ❌ …` (incorrect) and `### ✅ …` (correct) headings, up to
 * the next heading of level 1–3.
 */
export function docExamples(markdown: string): DocExample[] {
  const lines = markdown.split(/\r?\n/);
  const examples: DocExample[] = [];
  let kind: DocExample['kind'] | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const fenceOpen = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fenceOpen) {
      const marker = fenceOpen[1];
      const body: string[] = [];
      let end = index + 1;
      while (end < lines.length && !lines[end].startsWith(marker)) {
        body.push(lines[end]);
        end += 1;
      }
      if (kind)
        examples.push({ kind, language: languageOfFence(fenceOpen[2]), fence: fenceOpen[2], code: body.join('\n'), line: index + 1 });
      index = end;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading && heading[1].length <= 3) {
      const text = heading[2];
      kind =
        heading[1].length === 3 && text.startsWith('❌')
          ? 'incorrect'
          : heading[1].length === 3 && text.startsWith('✅')
            ? 'correct'
            : undefined;
    }
  }
  return examples;
}

/** `## ` headings of a markdown page, outside code fences. */
export function headings(markdown: string, level: number): string[] {
  const found: string[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (match && match[1].length === level) found.push(match[2]);
  }
  return found;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * One snippet per catalog rule that is a plain, unambiguous instance of its problem. The
 * tests use those of the rules that exist; at least one recommended rule must have one.
 */
export const TRIGGERS: Partial<Record<RuleId, string>> = {
  'no-implicit-grant': "const url = 'https://idp.example.com/authorize?response_type=token&client_id=spa';\nlocation.assign(url);\n",
  'no-password-grant':
    "const body = new URLSearchParams({ grant_type: 'password', username: 'u', password: 'p' });\nfetch('https://idp.example.com/oauth/token', { method: 'POST', body });\n",
  'require-jwt-algorithms':
    "import jwt from 'jsonwebtoken';\nexport const verify = (token, key) => jwt.verify(token, key, { algorithms: ['none'] });\n",
  'no-token-in-web-storage': "export function save(tokens) {\n  localStorage.setItem('refresh_token', tokens.refresh_token);\n}\n",
  'require-secure-random': "export const state = Math.random().toString(36).slice(2);\nsessionStorage.setItem('oauth_state', state);\n",
  'no-broad-scopes': "const url = new URL('https://github.com/login/oauth/authorize');\nurl.searchParams.set('scope', 'delete_repo');\n",
};

/** The first implemented recommended rule that has a trigger snippet. */
export function pickTrigger(implemented: readonly string[]): { id: RuleId; code: string } | undefined {
  const id = (Object.keys(TRIGGERS) as RuleId[]).find(
    (candidate) => implemented.includes(candidate) && catalogEntry(candidate)?.recommended,
  );
  return id ? { id, code: TRIGGERS[id] as string } : undefined;
}
