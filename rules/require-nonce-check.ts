import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { nonceCheckFindings, nonceChecksApply } from '../src/analysis/nonce-checks';

export type Options = [];
export type MessageIds = 'missingNonceCheck' | 'providerChecksWithoutNonce' | 'redirectIdTokenWithoutNonce';

export default createRule<Options, MessageIds>({
  name: 'require-nonce-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `nonce` claim of ID tokens to be compared with the nonce sent in the authorization request',
      recommended: 'error',
      check: 2,
    },
    messages: {
      missingNonceCheck:
        'This ID token is validated without comparing its `nonce` claim to the nonce sent with the authorization request, so a stolen or replayed ID token is accepted (OIDC Core 3.1.3.7). Pass the stored nonce ({{how}}) or compare `claims.nonce` with it.',
      redirectIdTokenWithoutNonce:
        'This ID token is taken out of the redirect URL (implicit or hybrid flow) without comparing its `nonce` claim to the nonce sent with the request, so an ID token replayed or injected into the redirect is accepted (OIDC Core 3.2.2.11). Send a fresh nonce, keep it, and compare it with the claim of the verified token.',
      providerChecksWithoutNonce:
        "These `checks` hold neither 'nonce' nor 'pkce', so nothing binds the ID token to this login and a replayed one is accepted. Add 'pkce' (and 'state'), or 'nonce'.",
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => nonceChecksApply(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of nonceCheckFindings(sourceCode)) {
          if (finding.kind === 'missingNonceCheck')
            context.report({ node: finding.node, messageId: finding.kind, data: { how: finding.how } });
          else context.report({ node: finding.node, messageId: finding.kind });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
