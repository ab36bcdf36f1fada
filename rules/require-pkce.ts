import type { TSESLint } from '@typescript-eslint/utils';
import { pkceChecksApply, pkceFindings } from '../src/analysis/pkce';
import { createRule } from '../src/create-rule';
import { replaceQueryValue, replaceStringLiteral } from '../src/fixes';

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
        'This {{library}} configuration does not enable PKCE, so its authorization codes are not bound to the client that asked for them (RFC 9700 §2.1.1). Set `{{enable}}`.',
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
  applies: (sourceCode) => pkceChecksApply(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    const isPlain = (text: string) => text.toLowerCase() === 'plain';
    return {
      'Program:exit'() {
        for (const finding of pkceFindings(sourceCode)) {
          switch (finding.kind) {
            case 'plainMethod': {
              // 'plain' → 'S256' where the literal is written: the parameter's own value, the const
              // it comes from, or the text of a URL. The suggestion's message says the challenge
              // must then be hashed — a challenge that is the verifier itself stops working with S256.
              const fix =
                replaceStringLiteral(sourceCode, finding.valueNode, isPlain, 'S256') ??
                replaceStringLiteral(sourceCode, finding.node, isPlain, 'S256') ??
                replaceQueryValue(sourceCode, finding.node, 'code_challenge_method', isPlain, 'S256');
              const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = fix ? [{ messageId: 'useS256', fix }] : [];
              context.report({ node: finding.node, messageId: 'plainMethod', suggest });
              break;
            }
            case 'pkceOptionOff':
              context.report({
                node: finding.node,
                messageId: 'pkceOptionOff',
                data: { library: finding.library, enable: finding.enable },
              });
              break;
            case 'pkceDisabled':
              context.report({ node: finding.node, messageId: 'pkceDisabled', data: { option: finding.option, library: finding.library } });
              break;
            case 'verifierSkipped':
              context.report({ node: finding.node, messageId: 'verifierSkipped', data: { what: finding.what } });
              break;
            default:
              context.report({ node: finding.node, messageId: finding.kind });
          }
        }
      },
    };
  },
});
