import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { removeArrayElement } from '../src/fixes';
import { jwtFacts, mayHaveJwtOperations, type JwtOperation } from '../src/analysis/jwt';
import { arrayElements, definitionOf, getPath, objectLiteral, stringValue } from '../src/analysis/values';
import { ASYMMETRIC_ALGORITHM, HMAC_ALGORITHM, JWT_MODULES } from '../src/knowledge/jwt';

export type Options = [{ requireForJose?: boolean }];
export type MessageIds = 'missingAlgorithms' | 'noneAlgorithm' | 'mixedAlgorithms' | 'addAlgorithms' | 'removeNone';

type Node = TSESTree.Node;

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
        "This {{library}} verification has no `algorithms` allowlist, so the token's own `alg` header chooses how it is checked (algorithm confusion, RFC 8725 §3.1). Pass the algorithms your issuer signs with, e.g. `algorithms: ['{{alg}}']`.",
      noneAlgorithm:
        'The JWT algorithm `none` is allowed here, so an unsigned token passes as valid and anyone can forge one. Remove `none` and allow only the algorithm your issuer signs with.',
      mixedAlgorithms:
        'This allowlist mixes HMAC (`HS*`) with asymmetric algorithms. A token HMAC-signed with the public key as the secret then verifies (algorithm confusion, RFC 8725 §2.1). Allow only the family your key belongs to.',
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
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!mayHaveJwtOperations(sourceCode, JWT_MODULES)) return {};
    // One allowlist const shared by several calls is one finding.
    const reported = new Set<Node>();
    const report = (node: Node, messageId: 'noneAlgorithm' | 'mixedAlgorithms'): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId });
    };

    /** HS256 for a local secret, RS256 otherwise: the suggestion must not break a working HMAC setup. */
    function suggestedAlgorithm(op: JwtOperation): string {
      if (op.keySource === 'local' && op.key && /secret|TextEncoder|hmac/i.test(sourceCode.getText(op.key))) return 'HS256';
      if (op.keySource === 'local' && op.key && stringValue(sourceCode, op.key) !== undefined) return 'HS256';
      return 'RS256';
    }

    function fixFor(op: JwtOperation, alg: string): TSESLint.ReportFixFunction | undefined {
      const path = op.spec.algorithms ?? ['algorithms'];
      let object = op.options ? objectLiteral(sourceCode, op.options) : undefined;
      // Nested allowlists (`verifyOptions.algorithms`): descend while the parents exist.
      let depth = 0;
      while (object && depth < path.length - 1) {
        const parent = getPath(sourceCode, object, [path[depth]]);
        if (parent.status !== 'present') break;
        object = objectLiteral(sourceCode, parent.value);
        depth += 1;
      }
      let property = `algorithms: ['${alg}']`;
      for (let i = path.length - 2; i >= depth; i--) property = `${path[i]}: { ${property} }`;
      if (object) {
        const target = object;
        if (target.properties.length === 0) return (fixer) => fixer.replaceText(target, `{ ${property} }`);
        const last = target.properties[target.properties.length - 1];
        return (fixer) => fixer.insertTextAfter(last, `, ${property}`);
      }
      if (
        op.options ||
        path.length > 1 ||
        op.spec.options === undefined ||
        op.spec.key === undefined ||
        op.node.type !== AST_NODE_TYPES.CallExpression
      )
        return undefined;
      // jsonwebtoken `verify(token, key)` / `verify(token, key, callback)`: add the options argument.
      const args = op.node.arguments;
      const keyArg = args[op.spec.key];
      if (!keyArg || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      if (args.length === op.spec.key + 1) return (fixer) => fixer.insertTextAfter(keyArg, `, { ${property} }`);
      const next = args[op.spec.options];
      if (args.length === op.spec.options + 1 && next) return (fixer) => fixer.insertTextBefore(next, `{ ${property} }, `);
      return undefined;
    }

    /** `['RS256', 'none']` → `['RS256']`: only when a signed algorithm stays in the list. */
    function reportNone(element: Node, elements: readonly Node[]): void {
      if (reported.has(element)) return;
      reported.add(element);
      const others = elements.filter((other) => other !== element && stringValue(sourceCode, other)?.toLowerCase() !== 'none');
      const fix = others.length > 0 ? removeArrayElement(element) : undefined;
      context.report({ node: element, messageId: 'noneAlgorithm', suggest: fix ? [{ messageId: 'removeNone', fix }] : [] });
    }

    function checkAllowlist(value: Node): void {
      const elements = arrayElements(sourceCode, value);
      if (!elements) {
        if (stringValue(sourceCode, value)?.toLowerCase() === 'none') report(value, 'noneAlgorithm');
        return;
      }
      let hmac = false;
      let asymmetric = false;
      for (const element of elements) {
        const alg = stringValue(sourceCode, element);
        if (alg === undefined) continue;
        if (alg.toLowerCase() === 'none') reportNone(element, elements);
        if (HMAC_ALGORITHM.test(alg)) hmac = true;
        if (ASYMMETRIC_ALGORITHM.test(alg)) asymmetric = true;
      }
      if (hmac && asymmetric) report(definitionOf(sourceCode, value), 'mixedAlgorithms');
    }

    function checkVerify(op: JwtOperation): void {
      const path = op.spec.algorithms;
      if (!path) return;
      const allowlist = getPath(sourceCode, op.options, path);
      if (allowlist.status === 'present') {
        checkAllowlist(allowlist.value);
        return;
      }
      // Options we cannot read (a parameter, an unknown spread) may hold the allowlist.
      if (op.options && allowlist.status === 'unknown') return;
      const required =
        op.spec.requiresAlgorithms === 'always' || (op.spec.requiresAlgorithms === 'strict' && options.requireForJose === true);
      if (!required) return;
      const alg = suggestedAlgorithm(op);
      const fix = fixFor(op, alg);
      context.report({
        node: op.node,
        messageId: 'missingAlgorithms',
        data: { library: op.library, alg },
        suggest: fix ? [{ messageId: 'addAlgorithms', data: { alg }, fix }] : [],
      });
    }

    function checkSign(op: JwtOperation): void {
      const path = op.spec.algorithm;
      if (!path) return;
      const algorithm = getPath(sourceCode, op.options, path);
      if (algorithm.status === 'present' && stringValue(sourceCode, algorithm.value)?.toLowerCase() === 'none') {
        report(algorithm.value, 'noneAlgorithm');
      }
    }

    return {
      'Program:exit'() {
        for (const op of jwtFacts(sourceCode).operations) {
          // Calls of local helpers are reported where the library call is.
          if (op.inner) continue;
          if (op.kind === 'verify' || op.kind === 'config') checkVerify(op);
          if (op.kind === 'sign' || op.kind === 'config') checkSign(op);
        }
      },
    };
  },
});
