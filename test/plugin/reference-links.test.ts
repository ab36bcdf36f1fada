/**
 * Every rule's "The right pattern" section names the exact reference functions that show
 * the correct code, and each link points at a file of src/reference that exports it.
 */
import { describe, expect, it } from 'vitest';
import { exists, read, ruleFileIds } from './support';

function rightPatternSection(markdown: string): string {
  const start = markdown.indexOf('## The right pattern');
  if (start === -1) return '';
  const next = markdown.indexOf('\n## ', start + 1);
  return next === -1 ? markdown.slice(start) : markdown.slice(start, next);
}

describe('docs link the reference functions', () => {
  for (const id of ruleFileIds()) {
    it(`${id} names reference functions that exist`, () => {
      const section = rightPatternSection(read('docs', 'rules', `${id}.md`));
      const links = [...section.matchAll(/\[`(\w+)`\]\(\.\.\/\.\.\/src\/reference\/([\w-]+\.ts)\)/g)];
      expect(links.length).toBeGreaterThan(0);
      for (const [, name, file] of links) {
        expect(exists('src', 'reference', file)).toBe(true);
        expect(read('src', 'reference', file)).toMatch(new RegExp(`export (?:async )?(?:function|const|class) ${name}\\b`));
      }
    });
  }
});
