import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import type { StorageArea } from '../src/analysis/storage';
import { mayStoreTokens, tokenStorageFindingAt } from '../src/analysis/token-storage';
import { TOKEN_KIND_LABEL } from '../src/analysis/tokens';

export type Options = [{ allowSessionStorageFor?: ('access' | 'id')[] }];
export type MessageIds = 'tokenInStorage' | 'sdkTokenCacheInStorage';

const AREA_LABEL: Readonly<Record<StorageArea, string>> = {
  local: 'localStorage',
  session: 'sessionStorage',
  indexeddb: 'IndexedDB',
  library: 'persistent browser storage',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default createRule<Options, MessageIds>({
  name: 'no-token-in-web-storage',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow storing access, ID and refresh tokens in localStorage, sessionStorage or IndexedDB',
      recommended: 'error',
      check: 7,
    },
    messages: {
      tokenInStorage:
        '{{token}} is written to {{area}}, where any script running on the page (an XSS payload, a compromised dependency) can read and replay it. Keep tokens in memory, or behind a backend-for-frontend in an HttpOnly cookie.',
      sdkTokenCacheInStorage:
        'This option makes the auth SDK keep its tokens in localStorage, where any script running on the page can read and replay them. Keep the SDK default (an in-memory cache) and use refresh-token rotation or silent renewal to survive reloads.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowSessionStorageFor: {
            type: 'array',
            items: { type: 'string', enum: ['access', 'id'] },
            uniqueItems: true,
            description:
              'Token kinds that may be kept in sessionStorage (tab-scoped, cleared when the tab closes). Refresh tokens are never allowed. A token whose kind cannot be told counts as an access token.',
          },
        },
      },
    ],
    defaultOptions: [{ allowSessionStorageFor: [] }],
  },
  applies: (sourceCode) => mayStoreTokens(sourceCode),
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const allowedInSession = new Set<string>(options.allowSessionStorageFor ?? []);
    const report = reportOnce(context);

    function visit(node: TSESTree.Node): void {
      const finding = tokenStorageFindingAt(sourceCode, node, allowedInSession);
      if (finding?.kind === 'token-in-storage')
        report(finding.node, 'tokenInStorage', { token: capitalise(TOKEN_KIND_LABEL[finding.token]), area: AREA_LABEL[finding.area] });
      else if (finding) report(finding.node, 'sdkTokenCacheInStorage');
    }

    return {
      CallExpression: visit,
      AssignmentExpression: visit,
      Property: visit,
      JSXAttribute: visit,
      NewExpression: visit,
      ReturnStatement: visit,
    };
  },
});
