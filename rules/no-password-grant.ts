import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { lookupCall } from '../src/analysis/authorization';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, memberName, propertyKeyName, skipWrappers } from '../src/analysis/modules';
import { isAssertionOrComparison, paramWrites } from '../src/analysis/urls';
import { arrayElements, stringValue } from '../src/analysis/values';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import {
  EXCHANGE_CALLS,
  GRANT_TYPE_KEYS,
  PASSWORD_GRANT_CALLS,
  PASSWORD_GRANT_METHODS,
  PASSWORD_GRANT_TYPES,
} from '../src/knowledge/oauth-libraries';
import { PASSWORD_GRANT_MODULES } from '../src/knowledge/oauth-libraries';
import { GRANT_TYPE_VALUES, GRANT_TYPES_ARRAY_KEYS } from '../src/knowledge/oauth-libraries';

export type Options = [];
export type MessageIds = 'passwordGrantType' | 'passwordGrantCall' | 'passwordGrantEnabled';

const HINT = /grant_?type|password/i;
/** A grant type written as a parameter (`grant_type`, `grantType`): the only writes `paramWrites` can report. */
const GRANT_TYPE_WORD = /grant_?type/i;

export default createRule<Options, MessageIds>({
  name: 'no-password-grant',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the OAuth resource owner password credentials grant',
      recommended: 'error',
    },
    messages: {
      passwordGrantType:
        "grant_type '{{value}}' sends the user's password to the client and on to the token endpoint (resource owner password grant). It trains users to type passwords into apps, cannot do MFA or federation, and is removed in OAuth 2.1 (RFC 9700 §2.4). Use the authorization code flow with PKCE, or client credentials for machine access.",
      passwordGrantCall:
        "{{what}} uses the resource owner password grant: the app handles the user's password. It cannot do MFA or federation and is removed in OAuth 2.1 (RFC 9700 §2.4). Use the authorization code flow with PKCE (or the device flow for CLIs).",
      passwordGrantEnabled:
        "The password grant is enabled here, which lets clients collect users' passwords. It is removed in OAuth 2.1 (RFC 9700 §2.4). Remove it from the allowed grant types.",
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => {
    const facts = fileFacts(sourceCode);
    return facts.importsAny(PASSWORD_GRANT_MODULES) || facts.mentions(HINT);
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    const report = reportOnce(context);
    // Origins are resolved only where a library's password-grant or token call can be.
    const mayCallLibrary = facts.mayMatch(PASSWORD_GRANT_CALLS) || facts.mayMatch(EXCHANGE_CALLS);

    function checkCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const origin = mayCallLibrary ? calleeOrigin(sourceCode, node) : undefined;
      const known = lookupCall(origin, PASSWORD_GRANT_CALLS);
      if (known) {
        report(node, 'passwordGrantCall', { what: known.what });
        return;
      }
      // `genericGrantRequest(config, 'password', params)` (openid-client v6, oauth4webapi).
      const exchange = lookupCall(origin, EXCHANGE_CALLS);
      if (exchange?.grantTypeArg !== undefined) {
        const arg = node.arguments[exchange.grantTypeArg];
        const value = arg ? stringValue(sourceCode, arg) : undefined;
        if (arg && value !== undefined && PASSWORD_GRANT_TYPES.has(value)) report(arg, 'passwordGrantType', { value });
        return;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = skipWrappers(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, callee) : undefined;
      const modules = method ? PASSWORD_GRANT_METHODS.get(method) : undefined;
      if (modules && facts.importsAny(modules)) report(node, 'passwordGrantCall', { what: `${modules[0]} ${method}` });
    }

    return {
      'Program:exit'() {
        if (!facts.mentions(GRANT_TYPE_WORD)) return;
        for (const write of paramWrites(sourceCode)) {
          if (!GRANT_TYPE_KEYS.has(write.name) || write.inFragment || write.value === undefined || !PASSWORD_GRANT_TYPES.has(write.value))
            continue;
          if (write.context === 'string' && write.name !== 'grant_type') continue;
          if (isAssertionOrComparison(write.reportNode)) continue;
          report(write.reportNode, 'passwordGrantType', { value: write.value });
        }
      },
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const key = propertyKeyName(sourceCode, node);
        if (key === undefined || !GRANT_TYPES_ARRAY_KEYS.has(key)) return;
        const elements = arrayElements(sourceCode, node.value);
        if (!elements) return;
        const values = elements.map((element) => stringValue(sourceCode, element));
        // Only arrays that are plainly grant-type lists (`grants` is a generic word).
        if (!values.every((value) => value !== undefined && GRANT_TYPE_VALUES.has(value))) return;
        elements.forEach((element, i) => {
          if (values[i] === 'password') report(element, 'passwordGrantEnabled');
        });
      },
      CallExpression: checkCall,
      NewExpression: checkCall,
    };
  },
});
