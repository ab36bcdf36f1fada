import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { addProperty, flipBooleanLiteral } from '../src/fixes';
import { createRule } from '../src/create-rule';
import { jwksCachingApplies, jwksCachingFindings } from '../src/analysis/jwt-keys';

export type Options = [];
export type MessageIds =
  | 'cacheDisabled'
  | 'missingRateLimit'
  | 'rateLimitDisabled'
  | 'badCacheMaxAge'
  | 'noCooldown'
  | 'perRequest'
  | 'perRequestFetch'
  | 'enableOption';

export default createRule<Options, MessageIds>({
  name: 'require-jwks-caching',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require JWKS key sets to be cached and rate-limited, and created once rather than per request',
      recommended: 'warn',
      check: 3,
    },
    messages: {
      cacheDisabled:
        '`cache: false` makes jwks-rsa fetch the key set for every token, which hammers the identity provider and fails when it rate-limits you. Leave the cache on.',
      missingRateLimit:
        'This jwks-rsa client has no `rateLimit`, so every token with an unknown `kid` triggers a fresh JWKS fetch and an attacker can make you hammer the identity provider. Set `rateLimit: true` with `jwksRequestsPerMinute`.',
      rateLimitDisabled:
        '`rateLimit: false` lets every token with an unknown `kid` trigger a JWKS fetch. Set `rateLimit: true` with `jwksRequestsPerMinute`.',
      badCacheMaxAge:
        'A `cacheMaxAge` of {{value}} either refetches the key set for every token or never picks up rotated keys. Use a bounded age such as 10 minutes.',
      noCooldown:
        '`cooldownDuration: 0` lets every token with an unknown `kid` refetch the key set. Keep the default cooldown (30 s) or set a few seconds.',
      perRequest:
        'The key set is created inside code that runs for every request, so its cache is thrown away each time and every token fetches the JWKS again. Create it once at module level and reuse it.',
      perRequestFetch:
        'The JWKS is fetched inside code that runs for every request, with no cache around it. Use `createRemoteJWKSet` or jwks-rsa created once at module level, which cache and rate-limit the fetch.',
      enableOption: 'Set `{{option}}: true`.',
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => jwksCachingApplies(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;

    /** `cache: false` / `rateLimit: false` → true, where the literal is written. */
    function turnOn(value: TSESTree.Node, option: string): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const fix = flipBooleanLiteral(value, false);
      return fix ? [{ messageId: 'enableOption', data: { option }, fix }] : [];
    }

    return {
      'Program:exit'() {
        for (const finding of jwksCachingFindings(sourceCode)) {
          switch (finding.kind) {
            case 'cacheDisabled':
            case 'rateLimitDisabled':
              context.report({ node: finding.node, messageId: finding.kind, suggest: turnOn(finding.node, finding.option) });
              break;
            case 'missingRateLimit': {
              const fix = addProperty(sourceCode, finding.options, 'rateLimit: true');
              context.report({
                node: finding.node,
                messageId: 'missingRateLimit',
                suggest: fix ? [{ messageId: 'enableOption', data: { option: 'rateLimit' }, fix }] : [],
              });
              break;
            }
            case 'badCacheMaxAge':
              context.report({ node: finding.node, messageId: 'badCacheMaxAge', data: { value: String(finding.value) } });
              break;
            default:
              context.report({ node: finding.node, messageId: finding.kind });
          }
        }
      },
    };
  },
});
