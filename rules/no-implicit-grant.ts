import type { TSESLint } from '@typescript-eslint/utils';
import { implicitGrantApplies, implicitGrantFindings, isImplicitResponseType, type ImplicitGrantFix } from '../src/analysis/implicit-grant';
import { createRule } from '../src/create-rule';
import { addProperty, removeArrayElement, replaceQueryValue, replaceStringLiteral } from '../src/fixes';

export type Options = [];
export type MessageIds =
  | 'implicitResponseType'
  | 'implicitFlowCall'
  | 'implicitByDefault'
  | 'implicitOpenApiFlow'
  | 'implicitGrantType'
  | 'useCodeResponseType'
  | 'removeResponseType'
  | 'addCodeResponseType'
  | 'removeImplicitGrant';

type Suggestions = TSESLint.SuggestionReportDescriptor<MessageIds>[];

export default createRule<Options, MessageIds>({
  name: 'no-implicit-grant',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the OAuth implicit grant (response_type containing `token`)',
      recommended: 'error',
    },
    messages: {
      implicitResponseType:
        "response_type '{{value}}' returns tokens from the authorization endpoint (implicit grant). Tokens in the redirect URL leak through history, referrers and logs and cannot be bound to the client (RFC 9700 §2.1.2). Use the authorization code flow with PKCE (response_type=code).",
      implicitFlowCall:
        '{{what}} runs the implicit grant. Tokens in the redirect URL leak through history, referrers and logs and cannot be bound to the client (RFC 9700 §2.1.2). Switch to the authorization code flow with PKCE.',
      implicitByDefault:
        "This angular-oauth2-oidc AuthConfig sets no responseType, so the library runs the implicit flow. Tokens in the redirect URL leak through history, referrers and logs (RFC 9700 §2.1.2). Set responseType: 'code' (PKCE is then on by default).",
      implicitOpenApiFlow:
        'This OAuth security scheme declares the implicit flow. API clients generated or configured from it will use a grant that RFC 9700 says not to use. Declare the authorizationCode flow (with PKCE) instead.',
      implicitGrantType:
        "'implicit' is enabled as a grant type. The implicit grant returns tokens in the redirect URL, where they leak (RFC 9700 §2.1.2). Remove it and use the authorization code flow with PKCE.",
      useCodeResponseType: "Use response_type 'code' (the callback then gets a code to exchange, with PKCE, instead of tokens in the URL).",
      removeResponseType: "Remove '{{value}}' and keep 'code'.",
      addCodeResponseType: "Add responseType: 'code' (angular-oauth2-oidc then runs the code flow with PKCE).",
      removeImplicitGrant: "Remove 'implicit' from the grant types.",
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => implicitGrantApplies(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;

    /** The suggestion a finding's fix stands for, when the source lets it be built. */
    function suggestions(fix: ImplicitGrantFix | undefined, value = ''): Suggestions {
      if (!fix) return [];
      switch (fix.kind) {
        case 'code-in-write': {
          // 'token' → 'code' where the literal is written: the value, the const it comes from, or the text of a URL.
          const { write } = fix;
          const implicit = (text: string) => isImplicitResponseType(text, false);
          const built =
            replaceStringLiteral(sourceCode, write.valueNode, implicit, 'code') ??
            replaceStringLiteral(sourceCode, write.reportNode, implicit, 'code') ??
            replaceQueryValue(sourceCode, write.reportNode, write.name, implicit, 'code');
          return built ? [{ messageId: 'useCodeResponseType', fix: built }] : [];
        }
        case 'code-literal': {
          const built = replaceStringLiteral(sourceCode, fix.node, () => true, 'code');
          return built ? [{ messageId: 'useCodeResponseType', fix: built }] : [];
        }
        case 'remove-response-type': {
          const built = removeArrayElement(fix.node);
          return built ? [{ messageId: 'removeResponseType', data: { value }, fix: built }] : [];
        }
        case 'remove-grant-type': {
          const built = removeArrayElement(fix.node);
          return built ? [{ messageId: 'removeImplicitGrant', fix: built }] : [];
        }
        case 'add-code-response-type': {
          const built = addProperty(sourceCode, fix.node, "responseType: 'code'");
          return built ? [{ messageId: 'addCodeResponseType', fix: built }] : [];
        }
      }
    }

    return {
      'Program:exit'() {
        for (const finding of implicitGrantFindings(sourceCode)) {
          const fix = 'fix' in finding ? finding.fix : undefined;
          const value = finding.kind === 'implicitResponseType' ? finding.value : undefined;
          const data = value !== undefined ? { value } : finding.kind === 'implicitFlowCall' ? { what: finding.what } : undefined;
          context.report({ node: finding.node, messageId: finding.kind, data, suggest: suggestions(fix, value) });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
