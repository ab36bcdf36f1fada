import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { secureRandomReplacement } from '../src/fixes';
import { skipWrappers } from '../src/analysis/modules';
import type { SecretKind } from '../src/analysis/randomness';
import {
  isClientMadeSecret,
  mayHaveWeakHelpers,
  mayMakeSecrets,
  secretValueFindingsAt,
  weakHelperFindings,
  type SecretValueFinding,
} from '../src/analysis/secret-values';
import { constantStatesApart } from '../src/analysis/state-checks';

export type Options = [];
export type MessageIds = 'weakSource' | 'tooFewBits' | 'shortVerifier' | 'constantValue' | 'useCsprng';

const WHAT: Readonly<Record<SecretKind, string>> = {
  state: 'OAuth `state`',
  nonce: 'OIDC `nonce`',
  verifier: 'PKCE `code_verifier`',
  csrf: 'CSRF token',
  code: 'authorization code',
  'access-token': 'access token',
  'refresh-token': 'refresh token',
  'device-code': 'device code',
  'user-code': 'device-flow user code',
};

export default createRule<Options, MessageIds>({
  name: 'require-secure-random',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OAuth state, nonce, PKCE code_verifier and CSRF tokens to come from a cryptographically secure random source',
      recommended: 'error',
    },
    messages: {
      weakSource:
        '{{source}} is predictable, and its value becomes the {{what}}. An attacker who can guess it can forge the login callback or replay the response. Use crypto.getRandomValues / crypto.randomBytes(32) or the library generator (generators.state(), randomState(), randomPKCECodeVerifier()).',
      tooFewBits:
        'The {{what}} carries only {{bits}} random bits from {{source}}, few enough to brute-force (under 128). Use at least 16 random bytes (32 recommended).',
      shortVerifier:
        'This PKCE `code_verifier` is {{chars}} characters long, outside the 43 to 128 that RFC 7636 requires. Use 32 random bytes, base64url-encoded (43 characters; 256 bits of entropy is recommended).',
      constantValue:
        'The {{what}} is a constant, which protects nothing: anyone can send it. Generate a fresh value per request with crypto.getRandomValues / crypto.randomBytes(32).',
      useCsprng: 'Use {{replacement}} instead.',
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => mayMakeSecrets(sourceCode) || mayHaveWeakHelpers(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();

    /** `Math.random().toString(36).slice(2)` and the like, as a whole → a CSPRNG call the file can make. */
    function suggestions({ finding, secret, expression }: SecretValueFinding): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (!expression || finding.kind !== 'weak' || finding.reason !== 'math-random' || !isClientMadeSecret(secret)) return [];
      const replacement = secureRandomReplacement(sourceCode, expression, secret === 'verifier');
      if (!replacement) return [];
      const target = skipWrappers(expression);
      return [
        { messageId: 'useCsprng', data: { replacement: replacement.label }, fix: (fixer) => fixer.replaceText(target, replacement.text) },
      ];
    }

    function report(found: SecretValueFinding): void {
      const { finding } = found;
      if (reported.has(finding.node)) return;
      reported.add(finding.node);
      const what = WHAT[found.secret];
      switch (finding.kind) {
        case 'weak':
          context.report({
            node: finding.node,
            messageId: 'weakSource',
            data: { source: finding.label, what },
            suggest: suggestions(found),
          });
          return;
        case 'few-bits':
          context.report({
            node: finding.node,
            messageId: 'tooFewBits',
            data: { what, bits: String(finding.bits), source: finding.label },
          });
          return;
        case 'short-verifier':
          context.report({ node: finding.node, messageId: 'shortVerifier', data: { chars: String(finding.chars) } });
          return;
        case 'constant':
          context.report({ node: finding.node, messageId: 'constantValue', data: { what } });
      }
    }

    function visit(node: TSESTree.Node): void {
      for (const found of secretValueFindingsAt(sourceCode, node)) report(found);
    }

    // A helper here whose weak value another module uses as a secret: reported here, once.
    const helpersUsedElsewhere = {
      'Program:exit': () => {
        weakHelperFindings(sourceCode).forEach(report);
        // A `const` interpolated after `state=` in an authorization URL (require-state-check reports the request).
        for (const node of constantStatesApart(sourceCode)) report({ finding: { kind: 'constant', node }, secret: 'state' });
      },
    };
    if (!mayMakeSecrets(sourceCode)) return mayHaveWeakHelpers(sourceCode) ? helpersUsedElsewhere : {};
    return {
      ...helpersUsedElsewhere,
      VariableDeclarator: visit,
      AssignmentExpression: visit,
      Property: visit,
      PropertyDefinition: visit,
      JSXAttribute: visit,
      CallExpression: visit,
      TemplateLiteral: visit,
      BinaryExpression: visit,
      Literal: visit,
      ReturnStatement: visit,
      ArrowFunctionExpression: visit,
    };
  },
});
