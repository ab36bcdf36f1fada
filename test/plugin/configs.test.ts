/**
 * The configs are exactly what the rules' metadata implies, name only this plugin's rules,
 * and `plugin.meta` comes from package.json.
 */
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { rules } from '../../rules/index';
import { CATALOG, catalogEntry } from '../../src/catalog';
import { configRules } from '../../src/configs';
import { read } from './support';

const ids = Object.keys(rules).sort();
const pkg = JSON.parse(read('package.json')) as { name: string; version: string };

describe('plugin.meta', () => {
  it('has the name and version of package.json, and the namespace oauth', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'oauth' });
  });

  it('exports every registered rule', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ids);
  });
});

describe('configs', () => {
  it('are recommended, strict and all, each a named flat config registering this plugin', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['all', 'recommended', 'strict']);
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`oauth/${name}`);
      expect(Object.keys(config.plugins ?? {})).toEqual(['oauth']);
      expect(config.plugins?.oauth).toBe(plugin.configs.all.plugins?.oauth);
      // Flat config only: no eslintrc keys.
      expect(config).not.toHaveProperty('extends');
      expect(config).not.toHaveProperty('env');
      expect(config).not.toHaveProperty('parserOptions');
    }
  });

  it('name only oauth/ rules that exist', () => {
    for (const config of Object.values(plugin.configs)) {
      for (const key of Object.keys(config.rules ?? {})) {
        expect(key).toMatch(/^oauth\//);
        expect(ids).toContain(key.slice('oauth/'.length));
      }
    }
  });

  it("recommended holds each rule at the catalog's level, and nothing else", () => {
    const expected = Object.fromEntries(
      ids.flatMap((id) => {
        const level = catalogEntry(id)?.recommended;
        return level ? [[`oauth/${id}`, level]] : [];
      }),
    );
    expect(plugin.configs.recommended.rules).toEqual(expected);
  });

  it('strict holds every rule at error, with its strictOptions', () => {
    const expected = Object.fromEntries(
      ids.map((id) => {
        const strictOptions = rules[id].meta.docs?.strictOptions;
        return [`oauth/${id}`, strictOptions && strictOptions.length > 0 ? ['error', ...strictOptions] : 'error'];
      }),
    );
    expect(plugin.configs.strict.rules).toEqual(expected);
  });

  it('all holds every rule at error with default options', () => {
    expect(plugin.configs.all.rules).toEqual(Object.fromEntries(ids.map((id) => [`oauth/${id}`, 'error'])));
  });

  it('strictOptions are only set by rules that have options', () => {
    for (const id of ids) {
      const { schema, docs } = rules[id].meta;
      if (docs?.strictOptions && docs.strictOptions.length > 0) {
        expect(Array.isArray(schema) ? schema.length : 1, id).toBeGreaterThan(0);
      }
    }
  });
});

describe('configRules (derivation from metadata)', () => {
  // A synthetic rule set covering every case, so the derivation is tested even before
  // real rules exist.
  const fake = (docs: Record<string, unknown>) =>
    ({ meta: { type: 'problem', docs, messages: {}, schema: [] }, create: () => ({}), defaultOptions: [] }) as never;
  const fakes = {
    'b-warn': fake({ description: 'Require b', recommended: 'warn' }),
    'a-error': fake({ description: 'Require a', recommended: 'error', strictOptions: [{ strictThing: true }] }),
    'c-strict-only': fake({ description: 'Require c' }),
  };

  it('recommended takes each rule at its level and leaves out strict-only rules', () => {
    expect(configRules(fakes, 'recommended')).toEqual({ 'oauth/a-error': 'error', 'oauth/b-warn': 'warn' });
  });

  it('strict sets every rule to error with its strict options', () => {
    expect(configRules(fakes, 'strict')).toEqual({
      'oauth/a-error': ['error', { strictThing: true }],
      'oauth/b-warn': 'error',
      'oauth/c-strict-only': 'error',
    });
  });

  it('all sets every rule to error', () => {
    expect(configRules(fakes, 'all')).toEqual({ 'oauth/a-error': 'error', 'oauth/b-warn': 'error', 'oauth/c-strict-only': 'error' });
  });

  it('the catalog keeps serialize-token-refresh out of recommended', () => {
    expect(CATALOG['serialize-token-refresh']).toEqual({});
  });
});
