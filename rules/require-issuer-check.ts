import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { fileFacts } from '../src/analysis/file-facts';
import { mayHaveJwtOperations, missingClaimCheckNode, missingClaimChecks } from '../src/analysis/jwt';
import { propertyKeyName } from '../src/analysis/modules';
import { booleanValue } from '../src/analysis/values';
import { JWT_MODULES } from '../src/knowledge/jwt';
import { VALIDATE_ISSUER_MODULES } from '../src/knowledge/jwt';

export type Options = [];
export type MessageIds = 'missingIssuer' | 'issuerValidationOff';

/** Libraries whose configs take `validateIssuer` (passport-azure-ad and its look-alikes). */

export default createRule<Options, MessageIds>({
  name: 'require-issuer-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `iss` claim of ID tokens and identity-provider tokens to be checked when they are verified',
      recommended: 'error',
      check: 5,
    },
    messages: {
      missingIssuer:
        'This {{library}} verification of a token from an external issuer does not check its issuer, so a token from another tenant or identity provider that shares the key set is accepted. Pass `issuer` (the exact issuer URL from discovery) or compare `iss` yourself.',
      issuerValidationOff:
        '`validateIssuer: false` accepts tokens from any tenant of the identity provider. Keep issuer validation on and list the issuers you trust.',
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => fileFacts(sourceCode).importsAny(VALIDATE_ISSUER_MODULES) || mayHaveJwtOperations(sourceCode, JWT_MODULES),
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    const azure = facts.importsAny(VALIDATE_ISSUER_MODULES);
    return {
      ...(azure
        ? {
            Property(node: TSESTree.Property) {
              if (node.parent.type !== AST_NODE_TYPES.ObjectExpression || propertyKeyName(sourceCode, node) !== 'validateIssuer') return;
              if (booleanValue(sourceCode, node.value) === false) context.report({ node: node.value, messageId: 'issuerValidationOff' });
            },
          }
        : {}),
      'Program:exit'() {
        for (const op of missingClaimChecks(sourceCode, 'iss')) {
          context.report({ node: missingClaimCheckNode(sourceCode, op, 'iss'), messageId: 'missingIssuer', data: { library: op.library } });
        }
      },
    };
  },
});
