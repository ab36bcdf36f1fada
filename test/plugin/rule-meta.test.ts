import { Linter } from 'eslint';
/**
 * Every rule's metadata follows the conventions the docs, configs and users rely on.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index';
import { createRule, docsUrl, DOCS_BASE_URL } from '../../src/create-rule';

const ids = Object.keys(rules).sort();

/** The parts of a JSON schema this test reads. */
interface Schema {
  type?: unknown;
  description?: unknown;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

/** Object schemas that allow unknown keys, or properties without a description, anywhere. */
function schemaProblems(schema: Schema, path: string): string[] {
  const problems: string[] = [];
  const isObject = schema.type === 'object' || schema.properties !== undefined;
  if (isObject) {
    if (schema.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (typeof property.description !== 'string' || property.description.trim() === '')
        problems.push(`${path}.${key}: missing description`);
      problems.push(...schemaProblems(property, `${path}.${key}`));
    }
  }
  if (schema.items && !Array.isArray(schema.items)) problems.push(...schemaProblems(schema.items, `${path}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [index, sub] of (schema[key] ?? []).entries()) problems.push(...schemaProblems(sub, `${path}.${key}[${index}]`));
  }
  return problems;
}

describe('rule metadata', () => {
  it('there is a rule creator giving every rule its docs URL', () => {
    const rule = createRule({
      name: 'no-implicit-grant',
      meta: { type: 'problem', docs: { description: 'Disallow x' }, messages: { x: 'x' }, schema: [] },
      create: () => ({}),
    });
    expect(rule.meta.docs?.url).toBe(`${DOCS_BASE_URL}/no-implicit-grant.md`);
    // The recommended level comes from the catalog's table when the rule does not state it.
    expect(rule.meta.docs?.recommended).toBe('error');
  });

  it("hands the rule every member of ESLint's context, with its values", () => {
    const eslintContext: Record<string, unknown> = {};
    const ruleContext: Record<string, unknown> = {};
    const plain = {
      create(context: Record<string, unknown>) {
        for (const key in context) eslintContext[key] = context[key];
        return {};
      },
    };
    const rule = createRule({
      name: 'no-implicit-grant',
      meta: { type: 'problem', docs: { description: 'Disallow x' }, messages: { x: 'x' }, schema: [] },
      create: (context) => {
        for (const key of Object.keys(eslintContext)) ruleContext[key] = (context as unknown as Record<string, unknown>)[key];
        return {};
      },
    });
    new Linter({ configType: 'flat' }).verify(
      'x();',
      [
        {
          plugins: { t: { rules: { plain, rule } } },
          settings: { oauth: { lintMinifiedFiles: false } },
          rules: { 't/plain': 'error', 't/rule': 'error' },
        },
      ] as unknown as Linter.Config[],
      'src/app.js',
    );
    expect(Object.keys(eslintContext)).toEqual(expect.arrayContaining(['sourceCode', 'filename', 'settings', 'report', 'options']));
    for (const [key, value] of Object.entries(eslintContext)) {
      if (key === 'id') expect(ruleContext.id).toBe('t/rule');
      else if (typeof value === 'function') expect(typeof ruleContext[key], key).toBe('function');
      else if (key !== 'options') expect(ruleContext[key], key).toBe(value);
    }
  });

  it("asks the rule's gate with the file's source and name before creating it, and creates it only where the gate holds", () => {
    const asked: string[] = [];
    const created: string[] = [];
    const rule = createRule({
      name: 'no-implicit-grant',
      meta: { type: 'problem', docs: { description: 'Disallow x' }, messages: { x: 'x' }, schema: [] },
      applies: (sourceCode, filename) => {
        asked.push(`${filename}:${sourceCode.text}`);
        return sourceCode.text.includes('oauth');
      },
      create: (context) => {
        created.push(context.filename);
        return { Program: (node) => context.report({ node, messageId: 'x' }) };
      },
    });
    const linter = new Linter({ configType: 'flat' });
    const config = [{ plugins: { t: { rules: { rule } } }, rules: { 't/rule': 'error' } }] as unknown as Linter.Config[];
    expect(linter.verify('lexer();', config, 'src/lexer.js')).toEqual([]);
    expect(linter.verify('oauth();', config, 'src/login.js').map((message) => message.messageId)).toEqual(['x']);
    expect(asked).toEqual(['src/lexer.js:lexer();', 'src/login.js:oauth();']);
    expect(created).toEqual(['src/login.js']);
  });

  it('hands each file the options of its own config, merged over the defaults', () => {
    const seen: unknown[] = [];
    const rule = createRule<[{ allow: string[]; strict: boolean }], 'x'>({
      name: 'no-implicit-grant',
      meta: {
        type: 'problem',
        docs: { description: 'Disallow x' },
        messages: { x: 'x' },
        schema: [{ type: 'object', properties: { allow: { type: 'array' }, strict: { type: 'boolean' } }, additionalProperties: false }],
        defaultOptions: [{ allow: [], strict: false }],
      },
      defaultOptions: [{ allow: [], strict: false }],
      create: (_context, [options]) => {
        seen.push(options);
        return {};
      },
    });
    const linter = new Linter({ configType: 'flat' });
    const lint = (options: unknown[]) =>
      linter.verify('x();', [
        { plugins: { t: { rules: { r: rule } } }, rules: { 't/r': ['error', ...options] } },
      ] as unknown as Linter.Config[]);
    lint([]);
    lint([{ allow: ['a'] }]);
    lint([{ allow: ['a'] }]);
    lint([{ allow: ['a', 'b'] }]);
    lint([{ allow: ['b'], strict: true }]);
    lint([]);
    expect(seen).toEqual([
      { allow: [], strict: false },
      { allow: ['a'], strict: false },
      { allow: ['a'], strict: false },
      { allow: ['a', 'b'], strict: false },
      { allow: ['b'], strict: true },
      { allow: [], strict: false },
    ]);
  });

  for (const id of ids) {
    describe(id, () => {
      const { meta } = rules[id];

      it('has a docs URL pointing at docs/rules/<id>.md', () => {
        expect(meta.docs?.url).toBe(docsUrl(id));
        expect(meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
      });

      it('has a description starting with Enforce/Require/Disallow, without a trailing period', () => {
        const description = meta.docs?.description ?? '';
        expect(description).toMatch(/^(Enforce|Require|Disallow) \S/);
        expect(description).not.toMatch(/\.\s*$/);
      });

      it('has a type and non-empty camelCase messages', () => {
        expect(['problem', 'suggestion', 'layout']).toContain(meta.type);
        const messages = Object.entries(meta.messages ?? {});
        expect(messages.length).toBeGreaterThan(0);
        for (const [messageId, text] of messages) {
          expect(messageId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
          expect(typeof text === 'string' && text.trim().length > 20, `${messageId}: say what is wrong, why, and what to do`).toBe(true);
        }
      });

      it('has a strict options schema with a description on every property', () => {
        const schema = meta.schema;
        expect(schema, 'meta.schema is required (use [] for no options)').toBeDefined();
        const items = (Array.isArray(schema) ? schema : [schema]) as Schema[];
        const problems = items.flatMap((item, index) => schemaProblems(item, `schema[${index}]`));
        expect(problems).toEqual([]);
      });

      it('states its defaults in meta.defaultOptions when it has options', () => {
        const schema = meta.schema;
        const hasOptions = Array.isArray(schema) ? schema.length > 0 : schema !== undefined;
        if (hasOptions) expect(meta.defaultOptions, 'meta.defaultOptions').toBeDefined();
      });

      it('declares fixable only as code or whitespace', () => {
        if (meta.fixable !== undefined) expect(['code', 'whitespace']).toContain(meta.fixable);
      });
    });
  }
});
