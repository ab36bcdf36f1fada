import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { flipBooleanLiteral } from '../src/fixes';
import { createRule } from '../src/create-rule';
import {
  isFromTokenResponse,
  isVerifiedElsewhere,
  jwtFacts,
  mayHaveJwtOperations,
  tokenOf,
  type JwtFacts,
  type JwtOperation,
} from '../src/analysis/jwt';
import { TOKEN_KIND_LABEL } from '../src/analysis/tokens';
import { booleanValue, definitionOf, getPath, numberValue, staticValue, stringValue } from '../src/analysis/values';
import { JWT_MODULES } from '../src/knowledge/jwt';

export type Options = [{ allowTokenEndpointIdTokens?: boolean }];
export type MessageIds = 'unverifiedDecode' | 'checkDisabled' | 'clockTolerance' | 'pinnedDate' | 'emptyKey' | 'turnCheckOn';

type Node = TSESTree.Node;

/** Longest clock skew a reviewer accepts (RFC 8725 leaves it to the app; 5 minutes is the common ceiling). */
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
  y: 31557600,
  year: 31557600,
  years: 31557600,
};

/** jose duration strings (`'10 minutes'`, `'2h'`) in seconds. */
function durationSeconds(text: string): number | undefined {
  const match = /^\s*(\d{1,12}(?:\.\d{1,6})?)\s*(?:([a-z]{1,8})\s*)?$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!match[2]) return value;
  const unit = DURATION_UNITS[match[2].toLowerCase()];
  return unit === undefined ? undefined : value * unit;
}

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
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!mayHaveJwtOperations(sourceCode, JWT_MODULES)) return {};

    function qualifies(op: JwtOperation): { label: string } | undefined {
      const info = tokenOf(sourceCode, op.token);
      if (!info) return undefined;
      if (info.kind === 'id') {
        if (options.allowTokenEndpointIdTokens && !info.fromRequest && isFromTokenResponse(sourceCode, op.token)) return undefined;
        return { label: TOKEN_KIND_LABEL.id };
      }
      if (info.fromRequest && info.kind !== 'code' && info.kind !== 'refresh')
        return { label: `${TOKEN_KIND_LABEL[info.kind]} from the incoming request` };
      return undefined;
    }

    function checkDecode(facts: JwtFacts, op: JwtOperation): void {
      if (op.inner && qualifies(op.inner)) return; // reported inside the helper
      const found = qualifies(op);
      if (!found) return;
      if (isVerifiedElsewhere(sourceCode, facts, op)) return;
      if (op.inner && isVerifiedElsewhere(sourceCode, facts, op.inner)) return;
      context.report({ node: op.node, messageId: 'unverifiedDecode', data: { token: found.label } });
    }

    function checkVerify(op: JwtOperation): void {
      if (op.keySource === 'empty' && op.key) context.report({ node: op.key, messageId: 'emptyKey' });
      for (const option of op.spec.ignoreOptions ?? []) {
        const lookup = getPath(sourceCode, op.options, option.split('.'));
        if (lookup.status === 'present' && booleanValue(sourceCode, lookup.value) === true) {
          const name = option.split('.').at(-1) ?? option;
          // `ignoreExpiration: true` → false: the library default, written where the literal is.
          const fix = flipBooleanLiteral(lookup.value, true);
          context.report({
            node: lookup.value,
            messageId: 'checkDisabled',
            data: { option: name },
            suggest: fix ? [{ messageId: 'turnCheckOn', data: { option: name }, fix }] : [],
          });
        }
      }
      if (op.spec.clockTolerance) {
        const lookup = getPath(sourceCode, op.options, op.spec.clockTolerance);
        if (lookup.status === 'present') {
          const number = numberValue(sourceCode, lookup.value);
          const text = number === undefined ? stringValue(sourceCode, lookup.value) : undefined;
          const seconds = number ?? (text === undefined ? undefined : durationSeconds(text));
          if (seconds !== undefined && seconds > MAX_CLOCK_TOLERANCE_SECONDS) {
            context.report({
              node: lookup.value,
              messageId: 'clockTolerance',
              data: { seconds: String(seconds), max: String(MAX_CLOCK_TOLERANCE_SECONDS) },
            });
          }
        }
      }
      if (op.spec.currentDate) {
        const lookup = getPath(sourceCode, op.options, op.spec.currentDate);
        if (lookup.status === 'present' && isConstantDate(lookup.value)) context.report({ node: lookup.value, messageId: 'pinnedDate' });
      }
    }

    /** `new Date('2024-01-01')`, `new Date(1700000000000)`: a fixed moment (not `new Date()` or `new Date(Date.now())`). */
    function isConstantDate(node: Node): boolean {
      const value = definitionOf(sourceCode, node);
      if (value.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier || value.callee.name !== 'Date')
        return false;
      if (value.arguments.length === 0) return false;
      return value.arguments.every((arg) => {
        const result = staticValue(sourceCode, arg);
        return result !== undefined && (typeof result.value === 'string' || typeof result.value === 'number');
      });
    }

    return {
      'Program:exit'() {
        const facts = jwtFacts(sourceCode);
        for (const op of facts.operations) {
          if (op.kind === 'decode') checkDecode(facts, op);
          else if ((op.kind === 'verify' || op.kind === 'config') && !op.inner) checkVerify(op);
        }
      },
    };
  },
});
