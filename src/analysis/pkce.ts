/**
 * PKCE on authorization code requests and code exchanges: the findings of require-pkce, as
 * plain data.
 *
 *   pkceFindings(sc)   authorization code requests without a code_challenge, with the method
 *                      `plain` or none; library clients whose PKCE option is off (passport
 *                      strategies: every module of the knowledge's AUTHORIZATION_LIBRARIES),
 *                      switched off, or left out of next-auth `checks`; code exchanges without
 *                      a code_verifier or with an explicit opt-out (oauth4webapi `nopkce`)
 *
 * The requests come from `authorization.ts` and `token-requests.ts`; which library does PKCE
 * how is in `src/knowledge/oauth-libraries.ts`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  AUTHORIZATION_CLIENT_MODULES,
  AUTHORIZATION_REQUEST_HINT,
  RESPONSE_TYPE_WORD,
  NEXTAUTH_LIBRARY,
  PKCE_SKIP_SYMBOLS,
} from '../knowledge/oauth-libraries';
import { authorizationRequests, isCodeFlow, requestParam, writtenChecks, type AuthorizationRequest } from './authorization';
import { fileFacts } from './file-facts';
import { matchesPattern, originOf } from './modules';
import { tokenRequests, type TokenRequest } from './token-requests';
import { booleanValue, getProperty, stringValue } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type PkceFinding =
  | { readonly kind: 'missingChallenge' | 'missingMethod' | 'checksWithoutPkce' | 'missingVerifier'; readonly node: Node }
  /** `node` is where the method is reported, `valueNode` the value that says 'plain' (for a fix). */
  | { readonly kind: 'plainMethod'; readonly node: Node; readonly valueNode: Node }
  /** `enable` is the setting that turns PKCE on, as users write it (`pkce: true`). */
  | { readonly kind: 'pkceOptionOff'; readonly node: Node; readonly library: string; readonly enable: string }
  /** `option` as written in the message: `disablePKCE: true`. */
  | { readonly kind: 'pkceDisabled'; readonly node: Node; readonly option: string; readonly library: string }
  | { readonly kind: 'verifierSkipped'; readonly node: Node; readonly what: string };

function computeFindings(sourceCode: SourceCode): PkceFinding[] {
  const findings: PkceFinding[] = [];
  // One finding per node: a construct is often reached along two paths.
  const reported = new Set<Node>();
  const add = (finding: PkceFinding): void => {
    if (reported.has(finding.node)) return;
    reported.add(finding.node);
    findings.push(finding);
  };

  /** Parameters the code sends itself (hand-built URLs, openid-client, simple-oauth2, google, msal-node). */
  function checkSentParams(request: AuthorizationRequest): void {
    if (isCodeFlow(request) !== true) return;
    const challenge = requestParam(request, 'code_challenge');
    if (challenge.state === 'absent') {
      add({ kind: 'missingChallenge', node: request.node });
      return;
    }
    if (challenge.state !== 'present') return;
    const method = requestParam(request, 'code_challenge_method');
    if (method.state === 'present' && method.value !== undefined && method.value.toLowerCase() === 'plain')
      add({ kind: 'plainMethod', node: method.reportNode, valueNode: method.valueNode });
    else if (method.state === 'absent') {
      // A challenge written into the URL after its construction (`u.query.code_challenge = c`): the method goes beside it.
      const [start, end] = request.node.range;
      const outside = challenge.reportNode.range[0] < start || challenge.reportNode.range[1] > end;
      add({ kind: 'missingMethod', node: outside ? challenge.reportNode : request.node });
    }
  }

  function checkAuthorizationRequest(request: AuthorizationRequest): void {
    const knowledge = request.knowledge;
    if (!knowledge) {
      checkSentParams(request);
      return;
    }
    if (request.library === NEXTAUTH_LIBRARY) {
      // Written checks without 'pkce' (the default includes it for OAuth providers in Auth.js v5).
      const values = writtenChecks(sourceCode, request);
      if (values && !values.includes('pkce') && request.checks?.status === 'present')
        add({ kind: 'checksWithoutPkce', node: request.checks.property });
      return;
    }
    const pkce = knowledge.pkce;
    const library = knowledge.library;
    if (pkce.mode === 'params') {
      // A PKCE parameter in the method plain is reported even when the response type is unknown.
      checkSentParams(request);
    } else if (pkce.mode === 'option') {
      const option = request.options ? getProperty(sourceCode, request.options, pkce.option) : undefined;
      const enable = pkce.enable;
      if (!option || option.status === 'absent') add({ kind: 'pkceOptionOff', node: request.node, library, enable });
      else if (option.status === 'present' && booleanValue(sourceCode, option.value) === false)
        add({ kind: 'pkceOptionOff', node: option.property, library, enable });
    } else if (pkce.mode === 'builtin' && pkce.off && request.options && isCodeFlow(request) !== false) {
      const option = getProperty(sourceCode, request.options, pkce.off.option);
      if (option.status !== 'present') return;
      const value = booleanValue(sourceCode, option.value) ?? stringValue(sourceCode, option.value);
      if (value === pkce.off.value)
        add({ kind: 'pkceDisabled', node: option.property, option: `${pkce.off.option}: ${String(pkce.off.value)}`, library });
    }
  }

  function checkTokenRequest(request: TokenRequest): void {
    if (request.grantType !== 'authorization_code') return;
    const verifier = request.codeVerifier;
    if (verifier.state === 'absent') {
      add({ kind: 'missingVerifier', node: request.node });
      return;
    }
    if (verifier.state !== 'present') return;
    // oauth4webapi's explicit opt-out symbol.
    const origin = originOf(sourceCode, verifier.valueNode);
    if (origin && PKCE_SKIP_SYMBOLS.some((pattern) => matchesPattern(origin, pattern)))
      add({ kind: 'verifierSkipped', node: verifier.valueNode, what: 'oauth4webapi nopkce' });
  }

  for (const request of authorizationRequests(sourceCode)) checkAuthorizationRequest(request);
  for (const request of tokenRequests(sourceCode)) checkTokenRequest(request);
  return findings;
}

/** What require-pkce reports in a file (shared per file). */
export function pkceFindings(sourceCode: SourceCode): readonly PkceFinding[] {
  if (!pkceChecksApply(sourceCode)) return [];
  return fileFacts(sourceCode).memo('pkce:findings', () => computeFindings(sourceCode));
}

/** The cheap gate: false when the file imports no authorization client and writes no authorization request. */
export function pkceChecksApply(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return (
    facts.importsAny(AUTHORIZATION_CLIENT_MODULES) ||
    facts.mentions(AUTHORIZATION_REQUEST_HINT) ||
    (facts.importsProjectModules && facts.mentions(RESPONSE_TYPE_WORD))
  );
}
