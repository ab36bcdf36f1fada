#!/usr/bin/env node
/**
 * Scaffolds a rule: rules/<id>.ts, test/rules/<id>.test.ts, docs/rules/<id>.md, and the
 * registry (rules/index.ts, regenerated). The id must already be in the catalog
 * (src/catalog.ts): the catalog is the contract, a rule does not invent its own level.
 *
 *   npm run new-rule -- <id> [--root DIR]
 *
 * The scaffold's test has one failing `invalid` case on purpose: the rule is not done until
 * it reports it (and its look-alikes stay `valid`). Then `npm run docs` fills the doc header.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { rulesIndex } from './generate.mjs';

const args = process.argv.slice(2);
const rootFlag = args.indexOf('--root');
const root = resolve(rootFlag === -1 ? join(import.meta.dirname, '..') : args.splice(rootFlag, 2)[1]);
const [id] = args;

function fail(message) {
  console.error(`new-rule: ${message}`);
  process.exit(2);
}

if (!id) fail('usage: npm run new-rule -- <rule-id>');
if (!/^(?:no|require|serialize)-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
  fail(`"${id}" is not a rule id (kebab-case, starting no-, require- or serialize-)`);
const catalog = readFileSync(join(root, 'src/catalog.ts'), 'utf8');
if (!catalog.includes(`'${id}':`)) fail(`"${id}" is not in the catalog: add it to src/catalog.ts (and the spec) first`);

const camel = id.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
const description = id.startsWith('no-') ? 'Disallow …' : 'Require …';
const files = {
  [`rules/${id}.ts`]: `import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { fileFacts } from '../src/analysis/file-facts';

export type Options = [];
export type MessageIds = 'problem';

export default createRule<Options, MessageIds>({
  name: '${id}',
  meta: {
    type: 'problem',
    docs: { description: '${description}' },
    schema: [],
    messages: {
      // What is wrong. Why it matters, in one sentence. What to do.
      problem: '…',
    },
  },
  defaultOptions: [],
  // The cheap gate, asked before \`create\`: derive it from the knowledge the rule uses (src/knowledge), never a list of its own.
  applies: (sourceCode) => fileFacts(sourceCode).mentions(/TODO/),
  create(context) {
    // Listeners here read context.sourceCode; the file has passed \`applies\`.
    return {} satisfies TSESLint.RuleListener;
  },
});
`,
  [`test/rules/${id}.test.ts`]: `import rule from '../../rules/${id}';
import { createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('${id}', rule, {
  valid: [
    // Look-alikes the rule must stay silent on: every invalid case has some next to it.
  ],
  invalid: [
    {
      // The scaffold fails here until the rule reports the problem it exists for.
      code: '/* the insecure pattern */',
      errors: [{ messageId: 'problem', line: 1, column: 1 }],
    },
  ],
});
`,
  [`docs/rules/${id}.md`]: `# oauth/${id}

<!-- end auto-generated rule header -->

What the rule catches and why it matters.

## Examples

### ❌ Incorrect

\`\`\`js
\`\`\`

### ✅ Correct

\`\`\`js
\`\`\`

## When Not To Use It

## Further Reading

## The right pattern
`,
};

for (const [file, content] of Object.entries(files)) {
  const path = join(root, file);
  if (existsSync(path)) fail(`${file} exists already`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`created ${file}`);
}
const ids = readdirSync(join(root, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -3))
  .sort();
writeFileSync(join(root, 'rules/index.ts'), rulesIndex(ids));
console.log(`updated rules/index.ts (${camel} registered)\nnext: write the rule and its tests, then \`npm run docs\``);
