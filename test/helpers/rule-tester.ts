/**
 * One RuleTester for every rule test: Vitest hooks, TypeScript parser without type
 * information (rules must not need it), browser and Node globals declared, and every
 * invalid case required to state its full location.
 */
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import * as espree from 'espree';
import globals from 'globals';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A RuleTester whose invalid cases must state line, column, endLine and endColumn. */
class LocatingRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, { ...tests, assertionOptions: { requireLocation: true, ...tests.assertionOptions } });
  }
}

export function createRuleTester(): RuleTester {
  return new LocatingRuleTester({
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

/** For cases that must also hold in plain JavaScript parsed by espree. */
export function createEspreeRuleTester(): RuleTester {
  return new LocatingRuleTester({
    languageOptions: {
      parser: espree,
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}
