/**
 * Every rule's docs page has the required shape, and its examples are true: each block
 * under `### ❌` is linted with the rule and must report, each block under `### ✅` must not.
 * (An example that needs options states them in an inline config comment:
 * `/* eslint oauth/<id>: ["error", { … }] *\/`.)
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index';
import {
  docExamples,
  exists,
  FILE_NAME,
  githubSlug,
  headings,
  languageOptions,
  read,
  type DocExample,
  type SnippetLanguage,
} from './support';

const ids = Object.keys(rules).sort();

/** The reference implementation's flows that a rule page may link to. */
const REFERENCE_ANCHORS = [
  'authorization-code-with-pkce-server',
  'authorization-code-with-pkce-spa',
  'id-token-validation',
  'jwks-caching',
  'token-storage',
  'refresh-token-rotation',
  'client-credentials',
  'device-authorization-grant',
  'redirect-uri-and-returnto-checks',
  'minimal-scopes',
  'bearer-token-middleware',
];

/**
 * Anchors a rule page may link to: the headings (and explicit `<a id>` anchors) of
 * docs/reference.md, or, until that page exists, the flows it is to have.
 */
function referenceAnchors(): Set<string> {
  if (!exists('docs', 'reference.md')) return new Set(REFERENCE_ANCHORS);
  const reference = read('docs', 'reference.md');
  const explicit = [...reference.matchAll(/<a\s+(?:id|name)="([\w-]+)"/g)].map((match) => match[1]);
  return new Set([...[2, 3, 4].flatMap((level) => headings(reference, level).map(githubSlug)), ...explicit]);
}

const REQUIRED_SECTIONS = ['Examples', 'Options', 'When Not To Use It', 'Further Reading', 'The right pattern'];

/** The text of a `## name` section, up to the next `## ` heading. */
function section(markdown: string, name: string): string {
  const start = markdown.search(new RegExp(`^## ${name}\\s*$`, 'm'));
  if (start < 0) return '';
  const rest = markdown.slice(start).split(/\r?\n/).slice(1);
  const end = rest.findIndex((line) => /^## /.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

function topLevelOptionNames(id: string): string[] {
  const schema = rules[id].meta.schema;
  const items = Array.isArray(schema) ? schema : schema ? [schema] : [];
  return items.flatMap((item) => Object.keys((item as { properties?: object }).properties ?? {}));
}

function lintAs(id: string, code: string, language: SnippetLanguage) {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
        languageOptions: languageOptions(language),
        plugins: { oauth: { rules } as never },
        rules: { [`oauth/${id}`]: 'error' },
      },
    ],
    `src/${FILE_NAME[language]}`,
  );
}

function lintExample(id: string, example: DocExample) {
  const language = example.language ?? 'js';
  const messages = lintAs(id, example.code, language);
  // A js block may be a fragment of a handler (a top-level `return`): read it as CommonJS.
  if (language === 'js' && messages.some((message) => message.fatal)) {
    const asScript = lintAs(id, example.code, 'cjs');
    if (!asScript.some((message) => message.fatal)) return asScript;
  }
  return messages;
}

describe('docs pages', () => {
  for (const id of ids) {
    describe(`docs/rules/${id}.md`, () => {
      const markdown = exists('docs', 'rules', `${id}.md`) ? read('docs', 'rules', `${id}.md`) : '';

      it('starts with the title and the generated header marker', () => {
        expect(markdown.split(/\r?\n/)[0]).toBe(`# oauth/${id}`);
        const marker = markdown.indexOf('<!-- end auto-generated rule header -->');
        expect(marker, 'the line `<!-- end auto-generated rule header -->` after the title').toBeGreaterThan(0);
        // A rationale paragraph between the header and the first section.
        const rationale = markdown.slice(marker).split(/^## /m)[0].replace('<!-- end auto-generated rule header -->', '').trim();
        expect(rationale.length, 'a one-paragraph rationale before ## Examples').toBeGreaterThan(40);
      });

      it('has the required sections, in order', () => {
        const found = headings(markdown, 2).filter((heading) => REQUIRED_SECTIONS.includes(heading));
        expect(found).toEqual(REQUIRED_SECTIONS);
      });

      it('has ❌ Incorrect and ✅ Correct examples in fenced js/ts blocks', () => {
        const examples = section(markdown, 'Examples');
        expect(headings(examples, 3).some((heading) => heading.startsWith('❌'))).toBe(true);
        expect(headings(examples, 3).some((heading) => heading.startsWith('✅'))).toBe(true);
        const blocks = docExamples(markdown);
        expect(blocks.some((block) => block.kind === 'incorrect')).toBe(true);
        expect(blocks.some((block) => block.kind === 'correct')).toBe(true);
        for (const block of blocks) expect(block.language, `line ${block.line}: fence language \`${block.fence}\``).toBeDefined();
      });

      it('documents every option under its own heading, or says it has none', () => {
        const options = section(markdown, 'Options');
        const names = topLevelOptionNames(id);
        if (names.length === 0) {
          expect(options).toMatch(/This rule has no options\./);
        } else {
          expect(options).toContain('<!-- begin auto-generated rule options list -->');
          expect(options).toContain('<!-- end auto-generated rule options list -->');
          const optionHeadings = headings(options, 3);
          for (const name of names) expect(optionHeadings, `### ${name}`).toContain(name);
        }
      });

      it('cites the specs and links the reference implementation', () => {
        expect(section(markdown, 'Further Reading')).toMatch(/\]\(https?:\/\//);
        const anchors = [...section(markdown, 'The right pattern').matchAll(/\.\.\/reference\.md#([\w-]+)/g)].map((match) => match[1]);
        expect(anchors.length, 'a link to ../reference.md#<flow>').toBeGreaterThan(0);
        const valid = referenceAnchors();
        expect(
          anchors.filter((anchor) => !valid.has(anchor)),
          'anchors that docs/reference.md does not have',
        ).toEqual([]);
      });

      for (const example of docExamples(markdown)) {
        it(`${example.kind === 'incorrect' ? '❌' : '✅'} example at line ${example.line} ${example.kind === 'incorrect' ? 'reports' : 'does not report'}`, () => {
          const messages = lintExample(id, example);
          const fatal = messages.filter((message) => message.fatal || message.ruleId === null);
          expect(fatal.map((message) => `${message.line}: ${message.message}`)).toEqual([]);
          const findings = messages.filter((message) => message.ruleId === `oauth/${id}`);
          if (example.kind === 'incorrect') {
            expect(findings.length, 'the rule must report on a ❌ example').toBeGreaterThan(0);
          } else {
            expect(findings.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([]);
          }
        });
      }
    });
  }
});

describe('docs example extraction', () => {
  it('finds blocks under ❌/✅ headings with their language, and ignores others', () => {
    const markdown = [
      '# oauth/x',
      '## Examples',
      '### ❌ Incorrect',
      '```ts',
      'bad();',
      '```',
      '### ✅ Correct',
      '```js',
      'good();',
      '```',
      '```cjs',
      'alsoGood();',
      '```',
      '## Options',
      '```js',
      'notAnExample();',
      '```',
    ].join('\n');
    expect(docExamples(markdown).map(({ kind, language, code }) => ({ kind, language, code }))).toEqual([
      { kind: 'incorrect', language: 'ts', code: 'bad();' },
      { kind: 'correct', language: 'js', code: 'good();' },
      { kind: 'correct', language: 'cjs', code: 'alsoGood();' },
    ]);
  });

  it('slugs headings the way GitHub does', () => {
    expect(githubSlug('Authorization code with PKCE (server)')).toBe('authorization-code-with-pkce-server');
    expect(githubSlug('Redirect URI and returnTo checks')).toBe('redirect-uri-and-returnto-checks');
  });
});
