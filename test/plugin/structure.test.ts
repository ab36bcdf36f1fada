/**
 * The plugin's shape, generic over whatever rules exist: rules/ files, the registry, the
 * test suites and the docs pages match one to one, and every rule is one of the catalog's,
 * at the catalog's level.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index';
import { CATALOG, RULE_IDS, catalogEntry } from '../../src/catalog';
import { filesIn, read, ruleFileIds } from './support';

const implemented = Object.keys(rules).sort();

describe('rule files, registry, tests and docs', () => {
  it('rules/index.ts lists exactly the rule files in rules/', () => {
    expect(implemented).toEqual(ruleFileIds());
  });

  it('rules/index.ts lists the rules alphabetically', () => {
    const source = read('rules', 'index.ts');
    const listed = [...source.matchAll(/^\s*'([a-z0-9-]+)':/gm)].map((match) => match[1]);
    expect(listed).toEqual([...listed].sort());
  });

  // Rules are thin: what a rule looks for lives in src/analysis and src/knowledge, with its own tests.
  it.each(implemented)('rules/%s.ts stays thin (at most 150 lines)', (id) => {
    expect(read('rules', `${id}.ts`).split('\n').length).toBeLessThanOrEqual(150);
  });

  it('every rule has a test file test/rules/<id>.test.ts, and every test file a rule', () => {
    expect(filesIn('test/rules', '.test.ts')).toEqual(implemented);
  });

  it('every rule has a docs page docs/rules/<id>.md, and every page a rule', () => {
    expect(filesIn('docs/rules', '.md')).toEqual(implemented);
  });

  it('every rule is registered under its own file name', () => {
    for (const id of implemented) {
      const rule = rules[id] as (typeof rules)[string] & { name?: string };
      expect(rule.name, id).toBe(id);
    }
  });
});

describe('the catalog table (src/catalog.ts)', () => {
  it('holds exactly the implemented rules, each with a valid level and check', () => {
    expect([...RULE_IDS].sort()).toEqual(implemented);
    for (const entry of Object.values(CATALOG) as { recommended?: string; check?: number }[]) {
      if ('recommended' in entry) expect(['error', 'warn']).toContain(entry.recommended);
      if ('check' in entry) expect(entry.check).toBeGreaterThanOrEqual(1);
      if ('check' in entry) expect(entry.check).toBeLessThanOrEqual(8);
    }
  });

  it('every implemented rule is a catalog rule', () => {
    expect(implemented.filter((id) => !catalogEntry(id))).toEqual([]);
  });

  it("every implemented rule's recommended level and check are the catalog's", () => {
    for (const id of implemented) {
      const entry = catalogEntry(id);
      const docs = rules[id].meta.docs;
      expect({ id, recommended: docs?.recommended, check: docs?.check }).toEqual({
        id,
        recommended: entry?.recommended,
        check: entry?.check,
      });
    }
  });
});
