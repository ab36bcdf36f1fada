import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { isTestFile } from '../src/analysis/environment';
import { mayRefreshOnRetry, unguardedRefreshes } from '../src/analysis/refresh';

export type Options = [];
export type MessageIds = 'unserializedRefresh';

export default createRule<Options, MessageIds>({
  name: 'serialize-token-refresh',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require token refreshes started from 401 handlers and interceptors to share one in-flight refresh',
    },
    messages: {
      unserializedRefresh:
        'Token refresh started from a retry path ({{where}}) with no shared in-flight promise or lock. Two concurrent 401s each present the same refresh token; with rotation the second is rejected as reuse and the session is revoked. Keep one module-level refresh promise (or a mutex/queue) and let every caller await it.',
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode, filename) => !isTestFile(filename) && mayRefreshOnRetry(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const refresh of unguardedRefreshes(sourceCode)) {
          const where =
            refresh.handler.kind === 'status-check'
              ? 'a 401 handler'
              : refresh.handler.kind === 'hook'
                ? 'an HTTP client hook'
                : 'an HTTP interceptor';
          context.report({ node: refresh.call, messageId: 'unserializedRefresh', data: { where } });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
