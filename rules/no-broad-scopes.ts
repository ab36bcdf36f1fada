import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { isTestFile } from '../src/analysis/environment';
import { broadScopeFindings, scopeChecksApply } from '../src/analysis/scopes';
import { IDP_LABEL } from '../src/knowledge/scopes';

export type Options = [{ forbid?: string[]; allow?: string[] }];
export type MessageIds = 'broadScope' | 'forbiddenScope';

export default createRule<Options, MessageIds>({
  name: 'no-broad-scopes',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow requesting OAuth scopes known to grant full-account, admin or tenant-wide access',
      recommended: 'warn',
      check: 8,
    },
    messages: {
      broadScope:
        "Scope '{{scope}}' ({{idp}}) is over-broad: {{why}}. A leaked or misused token could do all of that. Request only what the feature needs: {{narrower}}.",
      forbiddenScope: "Scope '{{scope}}' is forbidden by this project's configuration (`forbid`). Request a narrower scope.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          forbid: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: "Extra scopes to report wherever they are requested; `*` matches any run of characters (e.g. `'write:*'`).",
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: "Catalog scopes this project accepts (e.g. `'repo'` for a code-review tool); `*` matches any run of characters.",
          },
        },
      },
    ],
    defaultOptions: [{ forbid: [], allow: [] }],
  },
  applies: (sourceCode, filename) => !isTestFile(filename) && scopeChecksApply(sourceCode),
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of broadScopeFindings(sourceCode, options)) {
          const scope = finding.scopes.join("', '");
          if (finding.entry) {
            const { idp, why, narrower } = finding.entry;
            context.report({
              node: finding.node,
              messageId: 'broadScope',
              data: { scope, idp: IDP_LABEL[idp], why, narrower: narrower.replace(/`/g, "'") },
            });
          } else {
            context.report({ node: finding.node, messageId: 'forbiddenScope', data: { scope } });
          }
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
