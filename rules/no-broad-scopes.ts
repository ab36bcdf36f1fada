import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { authorizationRequests } from '../src/analysis/authorization';
import { isTestFile } from '../src/analysis/environment';
import { tokenRequests } from '../src/analysis/token-requests';
import { param } from '../src/analysis/urls';
import { fileFacts } from '../src/analysis/file-facts';
import { memberName, propertyKeyName, skipWrappers } from '../src/analysis/modules';
import {
  fileIdps,
  idpsAround,
  idpsOfScopeList,
  isExactScopeKey,
  isScopeKey,
  scopeQuery,
  scopeTokens,
  type ScopeToken,
} from '../src/analysis/scopes';
import { stringValue } from '../src/analysis/values';
import { IDP_LABEL, globToRegExp, matchBroadScope, normaliseScope, type BroadScopeEntry, type Idp } from '../src/knowledge/scopes';
import { AUTHORIZATION_SERVER_MODULES } from '../src/knowledge/oauth-libraries';

export type Options = [{ forbid?: string[]; allow?: string[] }];
export type MessageIds = 'broadScope' | 'forbiddenScope';

type Node = TSESTree.Node;

/** Words that say a file is about OAuth at all; generic and contextual scopes need one. */
const OAUTH_WORDS =
  /oauth|openid|authoriz|client_?id|redirect_?ur[il]|callbackURL|passport|next-auth|@auth\/|msal|googleapis|google-auth|access_type|response_type|grant_type|okta|auth0|signInWithOAuth|getToken|accessToken/i;

const IDP_SCOPE_SPELLING =
  /https?:\/\/[\w.-]*(?:google|microsoft|salesforce|atlassian|dropbox|slack|gitlab|github|okta|auth0)|\b[A-Z][A-Za-z]{1,40}\.(?:Read|ReadWrite|Send|FullControl|Manage|AccessAsUser)\b|\b(?:Directory|RoleManagement)\./;

/** Request parameters and client options that sit next to `scope` in an OAuth request. */
const OAUTH_SIBLINGS = new Set([
  'client_id',
  'clientId',
  'clientID',
  'redirect_uri',
  'redirectUri',
  'redirectURI',
  'callbackURL',
  'callbackUrl',
  'response_type',
  'responseType',
  'grant_type',
  'grantType',
  'audience',
  'state',
  'prompt',
  'access_type',
  'accessType',
  'authority',
  'authorizationURL',
  'tokenURL',
  'code_challenge',
  'nonce',
  'login_hint',
  'loginHint',
  'include_granted_scopes',
  'resource',
  'account',
  'provider',
  'issuer',
  'domain',
]);
const OAUTH_HOLDERS = new Set(['params', 'authorizationParams', 'authorization', 'extraQueryParameters', 'customParameters', 'options']);
/** Scopes that say the list is an OAuth request. */
/** Names of lists that hold scopes to refuse, not to request. */
const DENYLIST_NAME = /broad|forbid|block|deny|disallow|danger|banned|restricted|sensitive|exclude|reject/i;
const OIDC_SCOPES = /^(?:openid|profile|email|offline_access|https?:\/\/\S+)$/;

interface Finding {
  readonly node: Node;
  readonly scope: string;
  readonly entry: BroadScopeEntry | undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-broad-scopes',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow requesting OAuth scopes known to grant full-account, admin or tenant-wide access',
      recommended: 'warn',
      check: 8,
    },
    messages: {
      broadScope:
        "Scope '{{scope}}' ({{idp}}) is over-broad: {{why}}. A leaked or misused token could do all of that. Request only what the feature needs: {{narrower}}.",
      forbiddenScope: "Scope '{{scope}}' is forbidden by this project's configuration (`forbid`). Request a narrower scope.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          forbid: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: "Extra scopes to report wherever they are requested; `*` matches any run of characters (e.g. `'write:*'`).",
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: "Catalog scopes this project accepts (e.g. `'repo'` for a code-review tool); `*` matches any run of characters.",
          },
        },
      },
    ],
    defaultOptions: [{ forbid: [], allow: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (isTestFile(context.filename)) return {};
    const facts = fileFacts(sourceCode);
    if (!facts.mentions(/scope/i)) return {};
    // Authorization servers declare the scopes they support; they do not request them.
    if (facts.importsAny(AUTHORIZATION_SERVER_MODULES)) return {};

    const forbid = (options.forbid ?? []).map((pattern) => globToRegExp(normaliseScope(pattern)));
    const allow = (options.allow ?? []).map((pattern) => globToRegExp(normaliseScope(pattern)));
    const oauthFile = facts.mentions(OAUTH_WORDS);
    // Outside OAuth code only IdP-specific scope spellings count (URLs, Graph-style names).
    if (!oauthFile && !facts.mentions(IDP_SCOPE_SPELLING)) return {};
    const findings = new Map<Node, Finding[]>();

    /** Weighs the scopes found at one place; `strong` says the place is a scope parameter, not a name. */
    function consider(tokens: readonly ScopeToken[], location: Node, strong: boolean, extraIdps?: Idp): void {
      if (tokens.length === 0) return;
      let context_: Set<Idp> | undefined;
      const contextIdps = (): Set<Idp> => {
        if (context_) return context_;
        context_ = idpsOfScopeList(tokens);
        for (const idp of idpsAround(sourceCode, location)) context_.add(idp);
        if (extraIdps) context_.add(extraIdps);
        if (context_.size === 0) for (const idp of fileIdps(sourceCode)) context_.add(idp);
        return context_;
      };
      for (const token of tokens) {
        const normalised = normaliseScope(token.scope);
        if (forbid.some((pattern) => pattern.test(normalised))) {
          add({ node: token.node, scope: token.scope, entry: undefined });
          continue;
        }
        if (!oauthFile && !/^https?:\/\//.test(token.scope) && !/^[A-Z]/.test(token.scope)) continue;
        const entry = matchBroadScope(token.scope, contextIdps());
        if (!entry || allow.some((pattern) => pattern.test(normalised))) continue;
        // `all`, `admin`, `*` are broad only as the value of a scope parameter.
        if (entry.idp === 'generic' && (!strong || !oauthFile)) continue;
        add({ node: token.node, scope: token.scope, entry });
      }
    }

    function add(finding: Finding): void {
      const list = findings.get(finding.node) ?? [];
      if (!list.some((existing) => existing.scope === finding.scope)) list.push(finding);
      findings.set(finding.node, list);
    }

    function considerQuery(node: Node): void {
      const query = scopeQuery(sourceCode, node);
      if (query) consider(query.tokens, node, true, query.idp);
    }

    const hasOidcScope = (tokens: readonly ScopeToken[]): boolean => tokens.some((token) => OIDC_SCOPES.test(token.scope));

    /** An object that is an OAuth request or client config: OAuth siblings, an OAuth holder key, or an IdP call around it. */
    function isOAuthObject(object: TSESTree.ObjectExpression): boolean {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && OAUTH_SIBLINGS.has(propertyKeyName(sourceCode, property) ?? '')) return true;
      }
      const holder = object.parent;
      if (holder?.type === AST_NODE_TYPES.Property && OAUTH_HOLDERS.has(propertyKeyName(sourceCode, holder) ?? '')) return true;
      return idpsAround(sourceCode, object).size > 0;
    }

    const isConcatenation = (node: Node | undefined): boolean => node?.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+';

    return {
      Property(node) {
        const object = node.parent;
        if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
        const key = propertyKeyName(sourceCode, node);
        if (!isScopeKey(key) || DENYLIST_NAME.test(key ?? '')) return;
        const tokens = scopeTokens(sourceCode, node.value);
        consider(tokens, node, isExactScopeKey(key) && (isOAuthObject(object) || hasOidcScope(tokens)));
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier && node.init && isScopeKey(node.id.name) && !DENYLIST_NAME.test(node.id.name)) {
          const tokens = scopeTokens(sourceCode, node.init);
          consider(tokens, node, /scopes?$/i.test(node.id.name) && hasOidcScope(tokens));
        }
      },
      AssignmentExpression(node) {
        // `url.searchParams.scope = …` is rare; `config.scope = 'admin'` is an option write.
        if (node.left.type === AST_NODE_TYPES.MemberExpression && isScopeKey(memberName(sourceCode, node.left))) {
          consider(scopeTokens(sourceCode, node.right), node, isExactScopeKey(memberName(sourceCode, node.left)));
        }
      },
      CallExpression(node) {
        // params.set('scope', …) / searchParams.append('scope', …)
        const callee = skipWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || node.arguments.length < 2) return;
        const method = memberName(sourceCode, callee);
        if ((method === 'set' || method === 'append') && isExactScopeKey(stringValue(sourceCode, node.arguments[0]))) {
          consider(scopeTokens(sourceCode, node.arguments[1]), node, true);
        }
      },
      JSXAttribute(node) {
        if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || !isScopeKey(node.name.name) || !node.value) return;
        const value = node.value.type === AST_NODE_TYPES.JSXExpressionContainer ? node.value.expression : node.value;
        if (value.type === AST_NODE_TYPES.JSXEmptyExpression) return;
        consider(scopeTokens(sourceCode, value), node, isExactScopeKey(node.name.name));
      },
      Literal(node) {
        if (typeof node.value === 'string' && node.value.includes('scope=') && !isConcatenation(node.parent)) considerQuery(node);
      },
      TemplateLiteral(node) {
        if (!isConcatenation(node.parent) && node.quasis.some((quasi) => (quasi.value.cooked ?? '').includes('scope=')))
          considerQuery(node);
      },
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        if (!isConcatenation(node.parent) && sourceCode.getText(node).includes('scope=')) considerQuery(node);
      },
      'Program:exit'() {
        // Requests the shared request analyses found (library calls, URL/params constructions)
        // whose scope parameter is a value of its own; strings were read above.
        for (const request of [...authorizationRequests(sourceCode), ...tokenRequests(sourceCode)]) {
          const scope = param(request.params, 'scope');
          if (scope.state !== 'present' || request.params?.kind === 'string' || scope.valueNode === request.params?.node) continue;
          consider(scopeTokens(sourceCode, scope.valueNode), request.node, true);
        }
        // One report per line: a corpus line with two broad scopes is one place to fix.
        const byLine = new Map<number, Finding[]>();
        for (const list of findings.values()) {
          for (const finding of list) {
            const line = finding.node.loc.start.line;
            byLine.set(line, [...(byLine.get(line) ?? []), finding]);
          }
        }
        for (const list of byLine.values()) {
          list.sort((a, b) => a.node.range[0] - b.node.range[0]);
          const [first] = list;
          const scope = [...new Set(list.map((finding) => finding.scope))].join("', '");
          if (first.entry) {
            context.report({
              node: first.node,
              messageId: 'broadScope',
              data: { scope, idp: IDP_LABEL[first.entry.idp], why: first.entry.why, narrower: first.entry.narrower.replace(/`/g, "'") },
            });
          } else {
            context.report({ node: first.node, messageId: 'forbiddenScope', data: { scope } });
          }
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
