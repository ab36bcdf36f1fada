import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '../src/analysis/ast';
import { createRule } from '../src/create-rule';
import { fileFacts } from '../src/analysis/file-facts';
import { propertyKeyName } from '../src/analysis/modules';
import { arrayElements, stringValue } from '../src/analysis/values';
import { REGISTERED_REDIRECT_URI_KEYS } from '../src/knowledge/oauth-libraries';
import {
  isClientRedirectUri,
  isRedirectTargetName,
  looseRegisteredRedirectUri,
  parameterChecks,
  redirectChecks,
  redirectRoots,
  redirectSink,
  redirectUriValidation,
  storedRedirectTarget,
  type RedirectCheck,
  type RedirectChecks,
} from '../src/analysis/redirects';

export type Options = [];
export type MessageIds =
  | 'looseCheck'
  | 'hostOnly'
  | 'originOnly'
  | 'relativeIncomplete'
  | 'unvalidated'
  | 'unregisteredRedirectUri'
  | 'wildcardRegistration'
  | 'httpRegistration';

// Files with no redirect and no redirect-target names are skipped cheaply.
const REDIRECT_WORDS =
  /redirect|authorization\(|authorize\(|\blocation\s*(?:\.\s*(?:href|assign|replace)|=|\()|['"]location['"]|navigateTo|returnTo|return_to|callbackUrl|router\.(?:push|replace)/i;
const LOOSE_HOW: Readonly<Record<string, string>> = {
  prefix: 'prefix',
  substring: 'substring',
  suffix: 'suffix',
  regex: 'pattern',
};
// Names of functions that validate a redirect target: `isSafeRedirect`, `validateReturnTo`, `isAllowedRedirectUri`.
const VALIDATOR_FUNCTION = /valid|safe|allow|check|verify|trust|saniti|clean|permit|^is/i;
const TARGET_WORDS = /redirect|return|callback|next|continue|dest|goto|target/i;

export default createRule<Options, MessageIds>({
  name: 'require-exact-redirect-uri',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require redirect URIs and post-login return targets to be checked by exact comparison with registered values',
      recommended: 'error',
      check: 6,
    },
    messages: {
      looseCheck:
        'This {{how}} check ({{method}}) accepts look-alike URLs such as `https://app.example.com.evil.io` or `https://evil.io/?https://app.example.com`, so an attacker can send the code or the user elsewhere. Compare the full URI with === against registered values (a Set or array of exact URIs).',
      hostOnly:
        'Comparing only the host ({{method}}) accepts any path, port and scheme on that host (an open redirect or a mix-up on a shared host). Compare the full URI with === against the registered redirect URIs.',
      originOnly:
        "Comparing only the origin of a client's redirect_uri accepts any path on that origin, which lets an attacker capture the code through an open redirect there (RFC 9700 §4.1). Compare the full URI with === against the client's registered redirect URIs.",
      relativeIncomplete:
        "A `startsWith('/')`-style check also accepts `//evil.example` and `/\\evil.example`, which browsers open as another host. Also refuse a leading `//` and `/\\`, or parse with `new URL(target, base)` and compare its origin with ===.",
      unregisteredRedirectUri:
        "This accepts the client's requested `{{name}}` without comparing it to the redirect URIs registered for the client, so an attacker can have the authorization code sent to a site of theirs (RFC 6749 §10.6, RFC 9700 §4.1). Compare it with === against the client's registered redirect URIs and refuse anything else.",
      wildcardRegistration:
        'A wildcard in a registered redirect URI cannot be matched exactly: any URI it covers (another subdomain, another path with an open redirect) can receive the authorization code (RFC 9700 §4.1). Register each full redirect URI.',
      httpRegistration:
        'This registered redirect URI uses plain http: on a host other than the loopback, so the authorization code travels unencrypted and can be intercepted (RFC 9700 §4.1; RFC 8252 §7.3 allows http only for 127.0.0.1, [::1] or localhost). Register an https: URI.',
      unvalidated:
        'This redirects to `{{name}}` taken from the request without checking it: an open redirect that phishing and token theft rely on. Allow only relative paths (refusing `//` and `/\\`) or exact URIs from an allow-list.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    if (!fileFacts(sourceCode).mentions(REDIRECT_WORDS)) return {};
    const reported = new Set<TSESTree.Node>();

    function reportCheck(check: RedirectCheck, messageId: MessageIds): void {
      if (reported.has(check.node)) return;
      reported.add(check.node);
      context.report({ node: check.node, messageId, data: { how: LOOSE_HOW[check.kind] ?? check.kind, method: check.how } });
    }

    /** Reports the loose checks; true when some check (loose or not) was found. */
    function judge(result: RedirectChecks, clientRedirectUri: boolean): boolean {
      for (const check of result.checks) {
        if (check.kind === 'host') reportCheck(check, 'hostOnly');
        else if (check.kind === 'origin' && clientRedirectUri) reportCheck(check, 'originOnly');
        else if (LOOSE_HOW[check.kind]) reportCheck(check, 'looseCheck');
      }
      const relative = result.checks.filter((check) => check.kind === 'relative');
      // `startsWith('/')` alone reports even beside other checks: it is the branch an attacker takes.
      if (relative.length > 0 && !(result.refusesDoubleSlash && result.refusesBackslash)) {
        for (const check of relative) reportCheck(check, 'relativeIncomplete');
      }
      return result.checks.length > 0 || result.refusesDoubleSlash || result.refusesBackslash;
    }

    /** A target stored in the session or a cookie for a later redirect: its checks are judged here (no sink to report at). */
    function checkStored(node: TSESTree.Node): void {
      const stored = storedRedirectTarget(sourceCode, node);
      if (!stored) return;
      const roots = redirectRoots(sourceCode, stored);
      if (roots.inputs.length === 0) return;
      const names = [...roots.inputs.map((entry) => entry.input.key), ...[...roots.variables].map((variable) => variable.name)];
      judge(redirectChecks(sourceCode, roots, node), isClientRedirectUri(names));
    }

    function checkSink(node: TSESTree.Node): void {
      checkStored(node);
      const sink = redirectSink(sourceCode, node);
      if (!sink) return;
      const roots = redirectRoots(sourceCode, sink.target);
      if (roots.variables.size === 0 && roots.inputs.length === 0 && roots.others.length === 0) return;
      const names = [...roots.inputs.map((entry) => entry.input.key), ...[...roots.variables].map((variable) => variable.name)];
      const checked = judge(redirectChecks(sourceCode, roots, node), isClientRedirectUri(names));
      if (checked || roots.inputs.length === 0 || reported.has(node)) return;
      reported.add(node);
      context.report({
        node,
        messageId: 'unvalidated',
        data: { name: roots.inputs[0].input.key ?? sourceCode.getText(roots.inputs[0].node) },
      });
    }

    /** next-auth / Auth.js `callbacks: { redirect({ url, baseUrl }) {…} }`: `url` is the user-supplied callbackUrl. */
    function checkNextAuthRedirect(property: TSESTree.Property): void {
      const object = property.parent;
      const owner = object?.parent;
      if (
        object?.type !== AST_NODE_TYPES.ObjectExpression ||
        owner?.type !== AST_NODE_TYPES.Property ||
        propertyKeyName(sourceCode, owner) !== 'callbacks'
      )
        return;
      const fn = property.value;
      if (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return;
      const first = fn.params[0];
      if (first?.type !== AST_NODE_TYPES.ObjectPattern) return;
      const urlProperty = first.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(sourceCode, p) === 'url',
      );
      const id = urlProperty?.value.type === AST_NODE_TYPES.AssignmentPattern ? urlProperty.value.left : urlProperty?.value;
      if (id?.type !== AST_NODE_TYPES.Identifier) return;
      const variable = findVariable(sourceCode.getScope(id), id);
      if (!variable) return;
      const checked = judge(parameterChecks(sourceCode, variable), false);
      if (checked) return;
      // No check at all: report where `url` is handed back (next-auth redirects there).
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (
          parent?.type === AST_NODE_TYPES.ReturnStatement ||
          (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === reference.identifier)
        ) {
          if (reported.has(reference.identifier)) continue;
          reported.add(reference.identifier);
          context.report({ node: reference.identifier, messageId: 'unvalidated', data: { name: 'url' } });
        }
      }
    }

    /** `function isSafeRedirect(url) {…}`: its checks are judged even where its callers are out of sight. */
    function checkValidator(fn: TSESTree.FunctionLike, name: string | undefined): void {
      if (!name || !VALIDATOR_FUNCTION.test(name) || !TARGET_WORDS.test(name)) return;
      const scope = sourceCode.scopeManager?.acquire(fn as TSESTree.Node);
      if (!scope) return;
      const params = fn.params
        .map((param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param))
        .filter((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier);
      const targets = params.filter((param) => isRedirectTargetName(param.name) || /url|uri|path|href|to$/i.test(param.name));
      for (const param of targets.length > 0 ? targets : params.length === 1 ? params : []) {
        const variable = scope.set.get(param.name);
        if (variable) judge(parameterChecks(sourceCode, variable), isClientRedirectUri([param.name]));
      }
    }

    function functionName(fn: TSESTree.FunctionLike): string | undefined {
      if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      if (
        (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) &&
        parent.key.type === AST_NODE_TYPES.Identifier
      )
        return parent.key.name;
      return undefined;
    }

    /** oauth2orize-style `server.authorization((clientID, redirectURI, done) => …)`: the URI must be compared before `done` accepts it. */
    function checkValidationCallback(call: TSESTree.CallExpression): void {
      const validation = redirectUriValidation(sourceCode, call);
      if (!validation || validation.accepts.length === 0) return;
      if (judge(parameterChecks(sourceCode, validation.redirectUri), true)) return;
      for (const accept of validation.accepts) {
        if (reported.has(accept)) continue;
        reported.add(accept);
        context.report({ node: accept, messageId: 'unregisteredRedirectUri', data: { name: validation.redirectUri.name } });
      }
    }

    /** A client registration: `redirect_uris: ['https://*.example.com/cb', 'http://app.example.com/cb']`. */
    function checkRegistration(property: TSESTree.Property): void {
      for (const element of arrayElements(sourceCode, property.value) ?? []) {
        const uri = stringValue(sourceCode, element);
        const problem = uri === undefined ? undefined : looseRegisteredRedirectUri(uri);
        if (!problem || reported.has(element)) continue;
        reported.add(element);
        context.report({ node: element, messageId: problem === 'wildcard' ? 'wildcardRegistration' : 'httpRegistration' });
      }
    }

    return {
      CallExpression(node) {
        checkSink(node);
        checkValidationCallback(node);
      },
      NewExpression: checkSink,
      AssignmentExpression: checkSink,
      Property(node) {
        const key = propertyKeyName(sourceCode, node);
        if (key === 'redirect') checkNextAuthRedirect(node);
        else if (key !== undefined && REGISTERED_REDIRECT_URI_KEYS.has(key)) checkRegistration(node);
      },
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node: TSESTree.FunctionLike) {
        checkValidator(node, functionName(node));
      },
    };
  },
});
