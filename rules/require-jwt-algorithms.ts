import { createRule } from '../src/create-rule';
import { addCallOption, removeArrayElement } from '../src/fixes';
import { mayHaveJwtOperations } from '../src/analysis/jwt';
import { jwtAlgorithmFindings } from '../src/analysis/jwt-algorithms';
import { JWT_MODULES } from '../src/knowledge/jwt';

export type Options = [{ requireForJose?: boolean }];
export type MessageIds = 'untrustedAllowlist' | 'missingAlgorithms' | 'noneAlgorithm' | 'mixedAlgorithms' | 'addAlgorithms' | 'removeNone';

export default createRule<Options, MessageIds>({
  name: 'require-jwt-algorithms',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an explicit JWT algorithm allowlist without `none` and without mixing HMAC with asymmetric algorithms',
      recommended: 'error',
      check: 3,
      strictOptions: [{ requireForJose: true }],
    },
    hasSuggestions: true,
    messages: {
      missingAlgorithms:
        "This {{library}} verification has no `algorithms` allowlist, so the token's own `alg` header picks the algorithm it is checked with (RFC 8725 §3.1); older versions even accept an HMAC keyed with your public key. Pass the algorithms your issuer signs with, e.g. `algorithms: ['{{alg}}']`.",
      noneAlgorithm:
        'The JWT algorithm `none` is allowed here, so an unsigned token passes as valid and anyone can forge one. Remove `none` and allow only the algorithm your issuer signs with.',
      mixedAlgorithms:
        'This allowlist mixes HMAC (`HS*`) with asymmetric algorithms. A token HMAC-signed with the public key as the secret then verifies (algorithm confusion, RFC 8725 §2.1). Allow only the family your key belongs to.',
      untrustedAllowlist:
        "This algorithm allowlist comes from the request or the token's own header, so whoever sends the token picks how it is checked (`none`, or HMAC with the public key as the secret). Write the algorithms your issuer signs with as constants.",
      addAlgorithms: "Add `algorithms: ['{{alg}}']`.",
      removeNone: "Remove 'none' from the allowlist.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireForJose: {
            type: 'boolean',
            description:
              'Also report jose `jwtVerify`/`compactVerify` without `algorithms` (jose already refuses `none` and mismatched key types).',
          },
        },
      },
    ],
    defaultOptions: [{ requireForJose: false }],
  },
  applies: (sourceCode) => mayHaveJwtOperations(sourceCode, JWT_MODULES),
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of jwtAlgorithmFindings(sourceCode, options)) {
          if (finding.kind === 'missingAlgorithms') {
            const { op, alg } = finding;
            const path = op.spec.algorithms ?? ['algorithms'];
            // A helper of another module is fixed in its module, where it is reported too.
            const fix = op.inner ? undefined : addCallOption(sourceCode, op.node, op.options, path, `algorithms: ['${alg}']`, op.spec);
            context.report({
              node: finding.node,
              messageId: 'missingAlgorithms',
              data: { library: op.library, alg },
              suggest: fix ? [{ messageId: 'addAlgorithms', data: { alg }, fix }] : [],
            });
          } else if (finding.kind === 'noneAlgorithm') {
            // `['RS256', 'none']` → `['RS256']`: only when a signed algorithm stays in the list.
            const fix = finding.removable ? removeArrayElement(finding.node) : undefined;
            context.report({ node: finding.node, messageId: 'noneAlgorithm', suggest: fix ? [{ messageId: 'removeNone', fix }] : [] });
          } else {
            context.report({ node: finding.node, messageId: finding.kind });
          }
        }
      },
    };
  },
});
