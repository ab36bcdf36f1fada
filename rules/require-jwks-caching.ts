import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { addProperty, flipBooleanLiteral } from '../src/fixes';
import { createRule } from '../src/create-rule';
import { fileFacts } from '../src/analysis/file-facts';
import { enclosingFunctionOrProgram } from '../src/analysis/ast';
import { isCachedBeyondCall, runsPerRequest, uncachedKeyFetches, writesOuterState } from '../src/analysis/jwt';
import { calleeOrigin, isHttpClientOrigin, matchesPattern, originOf, type Origin } from '../src/analysis/modules';
import { booleanValue, definitionOf, getProperty, numberValue, stringParts } from '../src/analysis/values';
import { JOSE_JWKS_CACHE, JOSE_REMOTE_JWKS, JWKS_RSA_CLIENTS } from '../src/knowledge/jwt';
import { KEY_SET_MODULES } from '../src/knowledge/jwt';

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

type Node = TSESTree.Node;
type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** URL text that names a key set endpoint. */
const JWKS_URL = /jwks|\/certs(?:$|[/?])|\/discovery\/(?:v2\.0\/)?keys|\/oauth2\/(?:v\d\/)?keys|\.well-known\/keys/i;

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
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.importsAny(KEY_SET_MODULES) && !facts.mentions(/jwks|\/certs|\/keys/i)) return {};

    function checkJwksRsa(call: CallLike, perRequest: boolean): void {
      const options = call.arguments[0];
      if (!options || options.type === AST_NODE_TYPES.SpreadElement) return;
      const cache = getProperty(sourceCode, options, 'cache');
      if (cache.status === 'present' && booleanValue(sourceCode, cache.value) === false)
        context.report({ node: cache.value, messageId: 'cacheDisabled', suggest: turnOn(cache.value, 'cache') });
      const maxAge = getProperty(sourceCode, options, 'cacheMaxAge');
      if (maxAge.status === 'present') checkMaxAge(maxAge.value);
      const rateLimit = getProperty(sourceCode, options, 'rateLimit');
      if (rateLimit.status === 'present' && booleanValue(sourceCode, rateLimit.value) === false) {
        context.report({ node: rateLimit.value, messageId: 'rateLimitDisabled', suggest: turnOn(rateLimit.value, 'rateLimit') });
      } else if (rateLimit.status === 'absent' && !perRequest) {
        // jwks-rsa's default budget (10 requests a minute) applies once rateLimit is on.
        const fix = addProperty(sourceCode, options, 'rateLimit: true');
        context.report({
          node: call,
          messageId: 'missingRateLimit',
          suggest: fix ? [{ messageId: 'enableOption', data: { option: 'rateLimit' }, fix }] : [],
        });
      }
    }

    /** `cache: false` / `rateLimit: false` → true, where the literal is written. */
    function turnOn(value: Node, option: string): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const fix = flipBooleanLiteral(value, false);
      return fix ? [{ messageId: 'enableOption', data: { option }, fix }] : [];
    }

    function checkMaxAge(value: Node): void {
      const age = numberValue(sourceCode, value);
      if (age === 0 || age === Infinity) context.report({ node: value, messageId: 'badCacheMaxAge', data: { value: String(age) } });
    }

    function checkRemoteJwkSet(call: CallLike): void {
      const options = call.arguments[1];
      if (!options || options.type === AST_NODE_TYPES.SpreadElement) return;
      const cooldown = getProperty(sourceCode, options, 'cooldownDuration');
      if (cooldown.status === 'present' && numberValue(sourceCode, cooldown.value) === 0)
        context.report({ node: cooldown.value, messageId: 'noCooldown' });
      const maxAge = getProperty(sourceCode, options, 'cacheMaxAge');
      if (maxAge.status === 'present') checkMaxAge(maxAge.value);
    }

    /** `createRemoteJWKSet(url, { [jwksCache]: store })`: the keys live in a store kept elsewhere, so a new key set per request refetches nothing. */
    function keepsExternalCache(call: CallLike): boolean {
      const options = call.arguments[1] && definitionOf(sourceCode, call.arguments[1]);
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return options.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property || !property.computed) return false;
        const origin = originOf(sourceCode, property.key);
        return origin !== undefined && matchesPattern(origin, JOSE_JWKS_CACHE);
      });
    }

    /** Created in per-request code and not kept anywhere beyond the call. */
    function createdPerRequest(call: CallLike): boolean {
      return (
        enclosingFunctionOrProgram(call).type !== AST_NODE_TYPES.Program &&
        runsPerRequest(sourceCode, call) &&
        !isCachedBeyondCall(sourceCode, call)
      );
    }

    function isJwksFetch(call: CallLike, origin: Origin): boolean {
      if (!isHttpClientOrigin(origin)) return false;
      const url = call.arguments[0];
      if (!url || url.type === AST_NODE_TYPES.SpreadElement) return false;
      return stringParts(sourceCode, url).some((part) => part.text !== undefined && JWKS_URL.test(part.text));
    }

    function check(call: CallLike): void {
      const origin = calleeOrigin(sourceCode, call);
      if (!origin) return;
      if (JWKS_RSA_CLIENTS.some((pattern) => matchesPattern(origin, pattern))) {
        const perRequest = createdPerRequest(call);
        if (perRequest) context.report({ node: call, messageId: 'perRequest' });
        checkJwksRsa(call, perRequest);
        return;
      }
      if (matchesPattern(origin, JOSE_REMOTE_JWKS)) {
        if (createdPerRequest(call) && !keepsExternalCache(call)) context.report({ node: call, messageId: 'perRequest' });
        checkRemoteJwkSet(call);
        return;
      }
      if (isJwksFetch(call, origin)) {
        const fn = enclosingFunctionOrProgram(call);
        if (fn.type === AST_NODE_TYPES.Program || !runsPerRequest(sourceCode, call)) return;
        // A function that stores what it fetched (module variable, property, map) is a cache.
        if (isCachedBeyondCall(sourceCode, call) || writesOuterState(sourceCode, fn)) return;
        reportedFetches.add(call);
        context.report({ node: call, messageId: 'perRequestFetch' });
      }
    }

    const reportedFetches = new Set<Node>();
    return {
      CallExpression: check,
      NewExpression: check,
      'Program:exit'() {
        // A helper that fetches the key set for every verification, whatever its URL looks like.
        for (const call of uncachedKeyFetches(sourceCode)) {
          if (!reportedFetches.has(call)) context.report({ node: call, messageId: 'perRequestFetch' });
        }
      },
    };
  },
});
