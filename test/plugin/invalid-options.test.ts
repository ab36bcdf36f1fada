/**
 * A misspelt or unknown option fails ESLint's schema validation with a readable message,
 * for every rule that takes options (strict schemas: additionalProperties false).
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index';

const withOptions = Object.keys(rules)
  .sort()
  .filter((id) => {
    const schema = rules[id].meta.schema;
    return Array.isArray(schema) ? schema.length > 0 : schema !== undefined;
  });

function lintWith(id: string, options: unknown[]) {
  const linter = new Linter({ configType: 'flat' });
  return () =>
    linter.verify(
      'const x = 1;',
      [{ plugins: { oauth: { rules } as never }, rules: { [`oauth/${id}`]: ['error', ...options] as never } }],
      'file.js',
    );
}

describe('invalid options', () => {
  for (const id of withOptions) {
    it(`${id}: an unknown option is a configuration error naming the rule and the option`, () => {
      expect(lintWith(id, [{ notAnOption: true }])).toThrow(new RegExp(`oauth/${id}[\\s\\S]*(notAnOption|additional properties)`));
    });

    it(`${id}: its default options are valid`, () => {
      const defaults = (rules[id].meta.defaultOptions ?? []) as unknown[];
      expect(lintWith(id, defaults)).not.toThrow();
    });

    const strictOptions = rules[id].meta.docs?.strictOptions;
    if (strictOptions && strictOptions.length > 0) {
      it(`${id}: its strict options are valid`, () => {
        expect(lintWith(id, [...strictOptions])).not.toThrow();
      });
    }
  }

  it('rules without options reject any option', () => {
    const without = Object.keys(rules).filter((id) => !withOptions.includes(id));
    for (const id of without) expect(lintWith(id, [{ notAnOption: true }]), id).toThrow(/oauth\//);
  });
});
