import { createRule } from '../src/create-rule';
import { audienceChosenByRequest, mayHaveJwtOperations, missingClaimCheckNode, missingClaimChecks } from '../src/analysis/jwt';
import { JWT_MODULES } from '../src/knowledge/jwt';

export type Options = [];
export type MessageIds = 'missingAudience' | 'audienceFromRequest';

export default createRule<Options, MessageIds>({
  name: 'require-audience-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `aud` claim of ID tokens and identity-provider tokens to be checked when they are verified',
      recommended: 'error',
      check: 4,
    },
    messages: {
      missingAudience:
        'This {{library}} verification of a token from an external issuer does not check its audience, so a token the issuer minted for another client or API is accepted here. Pass `audience` (your client ID for ID tokens, your API identifier for access tokens) or compare `aud` yourself.',
      audienceFromRequest:
        'This {{library}} verification takes the expected audience from the incoming request, so whoever sends the token also chooses the audience it is checked against, and a token minted for another client or API is accepted. Pass your own client ID or API identifier from configuration.',
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => mayHaveJwtOperations(sourceCode, JWT_MODULES),
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const op of missingClaimChecks(sourceCode, 'aud')) {
          const messageId = audienceChosenByRequest(sourceCode, op) ? 'audienceFromRequest' : 'missingAudience';
          context.report({ node: missingClaimCheckNode(sourceCode, op, 'aud'), messageId, data: { library: op.library } });
        }
      },
    };
  },
});
