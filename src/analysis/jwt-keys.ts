/**
 * How key sets (JWKS) are fetched and kept: the findings of require-jwks-caching, as plain data.
 *
 *   jwksCachingFindings(sc)  jwks-rsa clients with the cache or rate limit off, a max age of 0
 *                            or Infinity; jose `createRemoteJWKSet` with no cooldown; key sets
 *                            and key-set middleware (`hono/jwk`) created in per-request code
 *                            (their cache dies with the request);
 *                            JWKS fetched with an HTTP client (src/knowledge/http.ts) in
 *                            per-request code with no cache around it
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  JOSE_JWKS_CACHE,
  JOSE_REMOTE_JWKS,
  JWKS_HINT,
  JWKS_RSA_CLIENTS,
  JWKS_URL,
  KEY_SET_MIDDLEWARES,
  KEY_SET_MODULES,
} from '../knowledge/jwt';
import { enclosingFunctionOrProgram } from './ast';
import { fileFacts } from './file-facts';
import { importedDefinition } from './functions';
import { isCachedBeyondCall, runsPerRequest, uncachedKeyFetches, writesOuterState } from './jwt';
import { calleeOrigin, isHttpClientOrigin, matchesPattern, originOf, skipWrappers, type Origin } from './modules';
import { booleanValue, definitionOf, getProperty, numberValue, stringParts } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

export type JwksFinding =
  | { readonly kind: 'perRequest' | 'perRequestFetch' | 'noCooldown'; readonly node: Node }
  /** `node` is the `false` written for `option` (`cache`, `rateLimit`). */
  | { readonly kind: 'cacheDisabled' | 'rateLimitDisabled'; readonly node: Node; readonly option: string }
  /** `node` is the client call; `options` its options object (to add `rateLimit: true` to). */
  | { readonly kind: 'missingRateLimit'; readonly node: Node; readonly options: Node }
  | { readonly kind: 'badCacheMaxAge'; readonly node: Node; readonly value: number };

function computeFindings(sourceCode: SourceCode): JwksFinding[] {
  const findings: JwksFinding[] = [];

  function checkMaxAge(options: Node): void {
    const maxAge = getProperty(sourceCode, options, 'cacheMaxAge');
    if (maxAge.status !== 'present') return;
    const age = numberValue(sourceCode, maxAge.value);
    if (age === 0 || age === Infinity) findings.push({ kind: 'badCacheMaxAge', node: maxAge.value, value: age });
  }

  function checkJwksRsa(call: CallLike, perRequest: boolean): void {
    const options = call.arguments[0];
    if (!options || options.type === AST_NODE_TYPES.SpreadElement) return;
    const cache = getProperty(sourceCode, options, 'cache');
    if (cache.status === 'present' && booleanValue(sourceCode, cache.value) === false)
      findings.push({ kind: 'cacheDisabled', node: cache.value, option: 'cache' });
    checkMaxAge(options);
    const rateLimit = getProperty(sourceCode, options, 'rateLimit');
    if (rateLimit.status === 'present' && booleanValue(sourceCode, rateLimit.value) === false)
      findings.push({ kind: 'rateLimitDisabled', node: rateLimit.value, option: 'rateLimit' });
    // jwks-rsa's default budget (10 requests a minute) applies once rateLimit is on.
    else if (rateLimit.status === 'absent' && !perRequest) findings.push({ kind: 'missingRateLimit', node: call, options });
  }

  function checkRemoteJwkSet(call: CallLike): void {
    const options = call.arguments[1];
    if (!options || options.type === AST_NODE_TYPES.SpreadElement) return;
    const cooldown = getProperty(sourceCode, options, 'cooldownDuration');
    if (cooldown.status === 'present' && numberValue(sourceCode, cooldown.value) === 0)
      findings.push({ kind: 'noCooldown', node: cooldown.value });
    checkMaxAge(options);
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
    if (namesJwksUrl(sourceCode, url)) return true;
    // `fetch(jwks_uri)` with the URL imported from the project's constants module.
    const imported = importedDefinition(sourceCode, skipWrappers(url));
    return imported !== undefined && namesJwksUrl(imported.sourceCode, imported.node);
  }

  const reportedFetches = new Set<Node>();
  for (const call of fileFacts(sourceCode).nodesOfType(AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
    const origin = calleeOrigin(sourceCode, call);
    if (!origin) continue;
    if (JWKS_RSA_CLIENTS.some((pattern) => matchesPattern(origin, pattern))) {
      const perRequest = createdPerRequest(call);
      if (perRequest) findings.push({ kind: 'perRequest', node: call });
      checkJwksRsa(call, perRequest);
    } else if (KEY_SET_MIDDLEWARES.some((pattern) => matchesPattern(origin, pattern))) {
      if (createdPerRequest(call)) findings.push({ kind: 'perRequest', node: call });
    } else if (matchesPattern(origin, JOSE_REMOTE_JWKS)) {
      if (createdPerRequest(call) && !keepsExternalCache(call)) findings.push({ kind: 'perRequest', node: call });
      checkRemoteJwkSet(call);
    } else if (isJwksFetch(call, origin)) {
      const fn = enclosingFunctionOrProgram(call);
      if (fn.type === AST_NODE_TYPES.Program || !runsPerRequest(sourceCode, call)) continue;
      // A function that stores what it fetched (module variable, property, map) is a cache.
      if (isCachedBeyondCall(sourceCode, call) || writesOuterState(sourceCode, fn)) continue;
      reportedFetches.add(call);
      findings.push({ kind: 'perRequestFetch', node: call });
    }
  }
  // A helper that fetches the key set for every verification, whatever its URL looks like.
  for (const call of uncachedKeyFetches(sourceCode)) {
    if (!reportedFetches.has(call)) findings.push({ kind: 'perRequestFetch', node: call });
  }
  return findings;
}

function namesJwksUrl(sourceCode: SourceCode, url: Node): boolean {
  return stringParts(sourceCode, url).some((part) => part.text !== undefined && JWKS_URL.test(part.text));
}

/** What require-jwks-caching reports in a file (shared per file). */
export function jwksCachingFindings(sourceCode: SourceCode): readonly JwksFinding[] {
  if (!jwksCachingApplies(sourceCode)) return [];
  return fileFacts(sourceCode).memo('jwt-keys:findings', () => computeFindings(sourceCode));
}

/** The cheap gate: false when the file imports no key-set library and names no JWKS. */
export function jwksCachingApplies(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return facts.importsAny(KEY_SET_MODULES) || facts.mentions(JWKS_HINT);
}
