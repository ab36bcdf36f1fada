/**
 * One RuleTester for every rule test: Vitest hooks, TypeScript parser without type
 * information (rules must not need it), browser and Node globals declared, and every
 * invalid case required to state its full location.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import globals from 'globals';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

/** For cases that must also hold in plain JavaScript parsed by espree. */
export function createEspreeRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parser: espree,
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}
