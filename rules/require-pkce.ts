import { authorizationRequests, isCodeFlow, requestParam, writtenChecks, type AuthorizationRequest } from '../src/analysis/authorization';
import { fileFacts } from '../src/analysis/file-facts';
import { matchesPattern, originOf } from '../src/analysis/modules';
import { tokenRequests, type TokenRequest } from '../src/analysis/token-requests';
import { booleanValue, getProperty, stringValue } from '../src/analysis/values';
import { createRule } from '../src/create-rule';
import { replaceQueryValue, replaceStringLiteral } from '../src/fixes';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AUTHORIZATION_CLIENT_MODULES, NEXTAUTH_LIBRARY, PKCE_SKIP_SYMBOLS } from '../src/knowledge/oauth-libraries';

export type Options = [];
export type MessageIds =
  | 'missingChallenge'
  | 'plainMethod'
  | 'missingMethod'
  | 'pkceOptionOff'
  | 'pkceDisabled'
  | 'checksWithoutPkce'
  | 'missingVerifier'
  | 'verifierSkipped'
  | 'useS256';

// `client_id` / `redirect_uri`: GitHub-style authorization requests name no response_type.
const HINT =
  /response_?type|code_?challenge|grant_?type|authorizationUrl|generateAuthUrl|getAuthCodeUrl|\bchecks\s*:|pkce|client_?id|redirect_?uri|passport/i;

export default createRule<Options, MessageIds>({
  name: 'require-pkce',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require PKCE (S256) on authorization code requests and code exchanges',
      recommended: 'error',
    },
    messages: {
      missingChallenge:
        'This authorization code request sends no code_challenge. Without PKCE an intercepted or injected authorization code can be redeemed by someone else (RFC 9700 §2.1.1). Send code_challenge = BASE64URL(SHA-256(code_verifier)) with code_challenge_method=S256.',
      plainMethod:
        "code_challenge_method 'plain' sends the verifier itself, so anyone who sees the authorization request can redeem the code (RFC 7636 §4.2, RFC 9700 §2.1.1). Use S256.",
      missingMethod:
        'code_challenge is sent without code_challenge_method, which makes the server assume "plain" (RFC 7636 §4.3): the challenge is then the verifier. Add code_challenge_method=S256.',
      pkceOptionOff:
        'This {{library}} strategy does not enable PKCE (`pkce: true`), so its authorization codes are not bound to the client that asked for them (RFC 9700 §2.1.1). Set pkce: true (it needs state: true or a store).',
      pkceDisabled:
        '{{option}} switches off the PKCE that {{library}} would send, so authorization codes are not bound to this client (RFC 9700 §2.1.1). Remove it.',
      checksWithoutPkce:
        "`checks` does not include 'pkce', so this provider's authorization codes are not bound to the client (RFC 9700 §2.1.1). Add 'pkce' to checks (with 'state').",
      missingVerifier:
        'This authorization code exchange sends no code_verifier, so the code is redeemed without PKCE and a stolen or injected code works for anyone (RFC 9700 §2.1.1). Send the code_verifier kept from the authorization request.',
      verifierSkipped:
        'The code exchange opts out of PKCE ({{what}}), so a stolen or injected authorization code works for anyone (RFC 9700 §2.1.1). Pass the code_verifier kept from the authorization request.',
      useS256: "Use code_challenge_method 'S256' (code_challenge must then be BASE64URL(SHA-256(code_verifier)), not the verifier itself).",
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.importsAny(AUTHORIZATION_CLIENT_MODULES) && !facts.mentions(HINT)) return {};
    const reported = new WeakSet<TSESTree.Node>();
    /** One finding per node (a construct is often reached along two paths), with the suggestions that fit it. */
    function report(
      node: TSESTree.Node,
      messageId: MessageIds,
      data?: Record<string, string>,
      suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [],
    ): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data, suggest });
    }

    /** Parameters the code sends itself (hand-built URLs, openid-client, simple-oauth2, google, msal-node). */
    function checkSentParams(request: AuthorizationRequest): void {
      if (isCodeFlow(request) !== true) return;
      const challenge = requestParam(request, 'code_challenge');
      if (challenge.state === 'absent') {
        report(request.node, 'missingChallenge');
        return;
      }
      if (challenge.state !== 'present') return;
      const method = requestParam(request, 'code_challenge_method');
      if (method.state === 'present' && method.value !== undefined && method.value.toLowerCase() === 'plain')
        reportPlain(method.valueNode, method.reportNode);
      else if (method.state === 'absent') report(request.node, 'missingMethod');
    }

    /**
     * 'plain' → 'S256' where the literal is written: the parameter's own value, the const it
     * comes from, or the text of a URL. The message of the suggestion says the challenge must
     * then be hashed — a challenge that is the verifier itself stops working with S256.
     */
    function reportPlain(valueNode: TSESTree.Node, reportNode: TSESTree.Node): void {
      const isPlain = (text: string) => text.toLowerCase() === 'plain';
      const fix =
        replaceStringLiteral(sourceCode, valueNode, isPlain, 'S256') ??
        replaceStringLiteral(sourceCode, reportNode, isPlain, 'S256') ??
        replaceQueryValue(sourceCode, reportNode, 'code_challenge_method', isPlain, 'S256');
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = fix ? [{ messageId: 'useS256', fix }] : [];
      report(reportNode, 'plainMethod', undefined, suggest);
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
          report(request.checks.property, 'checksWithoutPkce');
        return;
      }
      const pkce = knowledge.pkce;
      switch (pkce.mode) {
        case 'params': {
          // A PKCE parameter in the method plain is reported even when the response type is unknown.
          checkSentParams(request);
          return;
        }
        case 'option': {
          if (!request.options) {
            report(request.node, 'pkceOptionOff', { library: knowledge.library });
            return;
          }
          const option = getProperty(sourceCode, request.options, pkce.option);
          if (option.status === 'absent') report(request.node, 'pkceOptionOff', { library: knowledge.library });
          else if (option.status === 'present' && booleanValue(sourceCode, option.value) === false)
            report(option.property, 'pkceOptionOff', { library: knowledge.library });
          return;
        }
        case 'builtin': {
          if (!pkce.off || !request.options) return;
          if (isCodeFlow(request) === false) return;
          const option = getProperty(sourceCode, request.options, pkce.off.option);
          if (option.status !== 'present') return;
          const value = booleanValue(sourceCode, option.value) ?? stringValue(sourceCode, option.value);
          if (value === pkce.off.value)
            report(option.property, 'pkceDisabled', {
              option: `${pkce.off.option}: ${String(pkce.off.value)}`,
              library: knowledge.library,
            });
          return;
        }
        default:
          return;
      }
    }

    function checkTokenRequest(request: TokenRequest): void {
      if (request.grantType !== 'authorization_code') return;
      const verifier = request.codeVerifier;
      if (verifier.state === 'absent') {
        report(request.node, 'missingVerifier');
        return;
      }
      if (verifier.state !== 'present') return;
      // oauth4webapi's explicit opt-out symbol.
      const origin = originOf(sourceCode, verifier.valueNode);
      if (origin && PKCE_SKIP_SYMBOLS.some((pattern) => matchesPattern(origin, pattern)))
        report(verifier.valueNode, 'verifierSkipped', { what: 'oauth4webapi nopkce' });
    }

    return {
      'Program:exit'() {
        for (const request of authorizationRequests(sourceCode)) checkAuthorizationRequest(request);
        for (const request of tokenRequests(sourceCode)) checkTokenRequest(request);
      },
    };
  },
});
