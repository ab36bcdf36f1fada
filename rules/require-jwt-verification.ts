import { flipBooleanLiteral } from '../src/fixes';
import { createRule } from '../src/create-rule';
import { mayHaveJwtOperations } from '../src/analysis/jwt';
import { jwtVerificationFindings } from '../src/analysis/jwt-verification';
import { JWT_MODULES } from '../src/knowledge/jwt';

export type Options = [{ allowTokenEndpointIdTokens?: boolean }];
export type MessageIds = 'unverifiedDecode' | 'checkDisabled' | 'clockTolerance' | 'pinnedDate' | 'emptyKey' | 'turnCheckOn';

export default createRule<Options, MessageIds>({
  name: 'require-jwt-verification',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require ID tokens and incoming bearer tokens to be verified, not just decoded, and forbid switching verification checks off',
      recommended: 'error',
      check: 3,
    },
    messages: {
      unverifiedDecode:
        "This {{token}} is decoded without verifying its signature, so anyone can forge the claims read from it. Verify it first (e.g. jose `jwtVerify` with the issuer's JWKS, `algorithms`, `issuer` and `audience`) and read the claims from the result.",
      checkDisabled:
        '`{{option}}: true` turns off a JWT validity check, so expired or not-yet-valid tokens are accepted. Remove it and let the library check `exp`/`nbf`.',
      clockTolerance:
        'A clock tolerance of {{seconds}} seconds keeps expired tokens valid for far too long. Keep it at a few seconds (at most {{max}}).',
      pinnedDate:
        '`currentDate` is pinned to a constant, so `exp` and `nbf` are checked against a fixed moment and expired tokens stay valid. Remove it in production code.',
      emptyKey:
        "The verification key is an empty string, so the signature check cannot protect anything. Pass the issuer's public key, a JWKS or a real secret.",
      turnCheckOn: 'Set `{{option}}: false` (the library default).',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowTokenEndpointIdTokens: {
            type: 'boolean',
            description:
              'Allow a code-flow client to read an ID token straight from its own token-endpoint response without verifying its signature, as OIDC Core 3.1.3.7 permits over TLS.',
          },
        },
      },
    ],
    defaultOptions: [{ allowTokenEndpointIdTokens: false }],
  },
  applies: (sourceCode) => mayHaveJwtOperations(sourceCode, JWT_MODULES),
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of jwtVerificationFindings(sourceCode, options)) {
          switch (finding.kind) {
            case 'unverifiedDecode':
              context.report({ node: finding.node, messageId: 'unverifiedDecode', data: { token: finding.token } });
              break;
            case 'checkDisabled': {
              // `ignoreExpiration: true` → false: the library default, written where the literal is.
              const fix = flipBooleanLiteral(finding.node, true);
              const data = { option: finding.option };
              context.report({
                node: finding.node,
                messageId: 'checkDisabled',
                data,
                suggest: fix ? [{ messageId: 'turnCheckOn', data, fix }] : [],
              });
              break;
            }
            case 'clockTolerance':
              context.report({
                node: finding.node,
                messageId: 'clockTolerance',
                data: { seconds: String(finding.seconds), max: String(finding.max) },
              });
              break;
            default:
              context.report({ node: finding.node, messageId: finding.kind });
          }
        }
      },
    };
  },
});
