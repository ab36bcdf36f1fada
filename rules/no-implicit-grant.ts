import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { authorizationRequests, lookupCall } from '../src/analysis/authorization';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, matchesPattern, memberName, propertyKeyName, skipWrappers } from '../src/analysis/modules';
import { isAssertionOrComparison, listValues, paramWrites, type ParamWrite } from '../src/analysis/urls';
import { arrayElements, getProperty, stringValue } from '../src/analysis/values';
import { createRule } from '../src/create-rule';
import { addProperty, removeArrayElement, replaceQueryValue, replaceStringLiteral } from '../src/fixes';
import {
  IMPLICIT_FLOW_CALLS,
  IMPLICIT_FLOW_METHODS,
  KEYCLOAK_IMPLICIT_FLOWS,
  KEYCLOAK_INIT_PATTERNS,
  RESPONSE_TYPE_VALUES,
} from '../src/knowledge/oauth-libraries';
import { IMPLICIT_FLOW_MODULES } from '../src/knowledge/oauth-libraries';
import { ANGULAR_OAUTH_MODULE } from '../src/knowledge/storage';
import { GRANT_TYPE_VALUES, GRANT_TYPES_ARRAY_KEYS } from '../src/knowledge/oauth-libraries';

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

const HINT = /response_?types?|implicit/i;

/** Keys whose value is one response_type list. */
const RESPONSE_TYPE_KEYS = new Set(['response_type']);
/** Keys that hold a response_type list too, in SDK options (also used for unrelated things: the value decides). */
const RESPONSE_TYPE_SDK_KEYS = new Set(['responseType']);
/** Keys whose value is an array of allowed response types / grant types (client registrations). */
const RESPONSE_TYPES_ARRAY_KEYS = new Set(['response_types', 'responseTypes']);

/** `RESPONSE_TYPE`, `responseTypeToken`, `ResponseType` (not `response_types_supported`, a list). */
function isResponseTypeName(name: string | undefined): boolean {
  if (!name) return false;
  const compact = name.toLowerCase().replace(/[_\-]/g, '');
  return compact.includes('responsetype') && !compact.includes('responsetypes');
}

function enumName(body: TSESTree.TSEnumBody): string | undefined {
  const declaration = body.parent;
  return declaration?.type === AST_NODE_TYPES.TSEnumDeclaration ? declaration.id.name : undefined;
}

/** A response_type list that asks for a token from the authorization endpoint. */
function isImplicitResponseType(value: string | undefined, strict: boolean): boolean {
  const values = listValues(value);
  if (!values.includes('token')) return false;
  // For generic keys (`responseType`) every member must be an OAuth response type: `token` alone is not `json`.
  return !strict || values.every((entry) => RESPONSE_TYPE_VALUES.has(entry));
}

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
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.importsAny(IMPLICIT_FLOW_MODULES) && !facts.mentions(HINT)) return {};
    const reported = new WeakSet<TSESTree.Node>();
    /** One finding per node (a construct is often reached along two paths), with the suggestions that fit it. */
    function report(
      node: TSESTree.Node,
      messageId: MessageIds,
      data?: Record<string, string>,
      suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [],
    ): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data, suggest });
    }

    type Suggestions = TSESLint.SuggestionReportDescriptor<MessageIds>[];
    const isCode = (value: string | undefined) => value === 'code';

    /** 'token' → 'code' where the literal is written: the value, the const it comes from, or the text of a URL. */
    function useCode(write: ParamWrite, strict: boolean): Suggestions {
      // An SDK's `responseType` (auth0-js, msal): whether it can run the code flow is the SDK's, not a value swap.
      if (strict) return [];
      const implicit = (text: string) => isImplicitResponseType(text, strict);
      const fix =
        replaceStringLiteral(sourceCode, write.valueNode, implicit, 'code') ??
        replaceStringLiteral(sourceCode, write.reportNode, implicit, 'code') ??
        replaceQueryValue(sourceCode, write.reportNode, write.name, implicit, 'code');
      return fix ? [{ messageId: 'useCodeResponseType', fix }] : [];
    }

    function checkWrite(write: ParamWrite): void {
      if (write.inFragment) return;
      if (RESPONSE_TYPE_KEYS.has(write.name) || (write.context !== 'string' && RESPONSE_TYPE_SDK_KEYS.has(write.name))) {
        // The SDK-style key is shared with HTTP clients (`responseType: 'json'`): only OAuth lists count.
        const strict = !RESPONSE_TYPE_KEYS.has(write.name);
        if (!isImplicitResponseType(write.value, strict) || isAssertionOrComparison(write.reportNode)) return;
        report(write.reportNode, 'implicitResponseType', { value: listValues(write.value).join(' ') }, useCode(write, strict));
      }
    }

    /**
     * A registration whose `response_types` are all written and none returns a token from the
     * authorization endpoint (`code`, `id_token`, `code id_token`): its `'implicit'` grant type
     * is what OIDC Dynamic Registration requires for an ID token from that endpoint, not the
     * implicit grant this rule is about.
     */
    function onlyHybridResponseTypes(property: TSESTree.Property): boolean {
      for (const key of RESPONSE_TYPES_ARRAY_KEYS) {
        const sibling = getProperty(sourceCode, property.parent, key);
        if (sibling.status !== 'present') continue;
        const types = arrayElements(sourceCode, sibling.value)?.map((element) => stringValue(sourceCode, element));
        return types !== undefined && types.length > 0 && types.every((type) => type !== undefined && !isImplicitResponseType(type, true));
      }
      return false;
    }

    /** `response_types: ['code', 'id_token token']`, `grant_types: ['implicit']`. */
    function checkArrayProperty(property: TSESTree.Property, key: string): void {
      const elements = arrayElements(sourceCode, property.value);
      if (!elements) return;
      const values = elements.map((element) => stringValue(sourceCode, element));
      if (RESPONSE_TYPES_ARRAY_KEYS.has(key)) {
        elements.forEach((element, i) => {
          if (!isImplicitResponseType(values[i], true)) return;
          const value = listValues(values[i]).join(' ');
          // A registration that already allows 'code' loses the implicit entry; otherwise the entry becomes 'code'.
          const remove = values.some(isCode) ? removeArrayElement(element) : undefined;
          const replace = values.some(isCode) ? undefined : replaceStringLiteral(sourceCode, element, () => true, 'code');
          const suggest: Suggestions = remove
            ? [{ messageId: 'removeResponseType', data: { value }, fix: remove }]
            : replace
              ? [{ messageId: 'useCodeResponseType', fix: replace }]
              : [];
          report(element, 'implicitResponseType', { value }, suggest);
        });
        return;
      }
      // Only arrays that are plainly grant-type lists (`grants` is a generic word).
      if (!values.every((value) => value !== undefined && GRANT_TYPE_VALUES.has(value))) return;
      if (onlyHybridResponseTypes(property)) return;
      elements.forEach((element, i) => {
        if (values[i] !== 'implicit') return;
        // Only when other grant types remain: an empty list is not a working registration.
        const fix = removeArrayElement(element);
        report(element, 'implicitGrantType', undefined, fix ? [{ messageId: 'removeImplicitGrant', fix }] : []);
      });
    }

    /** OpenAPI 3 `flows: { implicit: {...} }` and Swagger 2 `{ type: 'oauth2', flow: 'implicit' }`. */
    function checkOpenApi(property: TSESTree.Property, key: string): void {
      const object = property.parent as TSESTree.ObjectExpression;
      if (key === 'implicit') {
        const owner = object.parent;
        if (
          owner?.type === AST_NODE_TYPES.Property &&
          propertyKeyName(sourceCode, owner) === 'flows' &&
          skipWrappers(property.value).type === AST_NODE_TYPES.ObjectExpression
        ) {
          report(property, 'implicitOpenApiFlow');
        }
        return;
      }
      if (key === 'flow' && stringValue(sourceCode, property.value) === 'implicit') {
        const type = getProperty(sourceCode, object, 'type');
        if (type.status === 'present' && stringValue(sourceCode, type.value) === 'oauth2') report(property, 'implicitOpenApiFlow');
      }
    }

    function checkCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const origin = calleeOrigin(sourceCode, node);
      const known = lookupCall(origin, IMPLICIT_FLOW_CALLS);
      if (known) {
        report(node, 'implicitFlowCall', { what: known.what });
        return;
      }
      const callee = skipWrappers(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, callee) : undefined;
      const modules = method ? IMPLICIT_FLOW_METHODS.get(method) : undefined;
      if (modules && node.type === AST_NODE_TYPES.CallExpression && facts.importsAny(modules)) {
        report(node, 'implicitFlowCall', { what: `${modules[0]} ${method}` });
        return;
      }
      if (origin && KEYCLOAK_INIT_PATTERNS.some((pattern) => matchesPattern(origin, pattern)) && node.arguments[0]) {
        const flow = getProperty(sourceCode, node.arguments[0], 'flow');
        if (flow.status === 'present' && KEYCLOAK_IMPLICIT_FLOWS.has(stringValue(sourceCode, flow.value) ?? '')) {
          report(flow.property, 'implicitFlowCall', { what: `keycloak-js flow '${stringValue(sourceCode, flow.value)}'` });
        }
      }
    }

    /**
     * A response type kept under a name that says so — `const RESPONSE_TYPE = 'token'`, a class
     * field `RESPONSE_TYPE_IDTOKEN_TOKEN = 'id_token token'`, `enum ResponseType { Token = 'token' }` —
     * is the value an authorize URL or SDK call is built from: reported where it is written.
     */
    function checkNamedConstant(name: string | undefined, value: TSESTree.Node | null | undefined, owner?: string): void {
      if (!value || !(isResponseTypeName(name) || isResponseTypeName(owner))) return;
      const literal = skipWrappers(value);
      if (literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'string') return;
      if (!isImplicitResponseType(literal.value, true)) return;
      // `RESPONSE_TYPE = 'token'` becomes 'code'; a name that says more (`RESPONSE_TYPE_IMPLICIT`, `ResponseType.Token`) would then lie.
      const plainName = (name ?? '').toLowerCase().replace(/[_\-]/g, '').endsWith('responsetype');
      const fix = plainName ? replaceStringLiteral(sourceCode, literal, () => true, 'code') : undefined;
      report(
        literal,
        'implicitResponseType',
        { value: listValues(literal.value).join(' ') },
        fix ? [{ messageId: 'useCodeResponseType', fix }] : [],
      );
    }

    return {
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier) checkNamedConstant(node.id.name, node.init);
      },
      PropertyDefinition(node) {
        checkNamedConstant(propertyKeyName(sourceCode, node), node.value);
      },
      TSEnumMember(node) {
        const key = node.id.type === AST_NODE_TYPES.Identifier ? node.id.name : undefined;
        checkNamedConstant(key, node.initializer, node.parent.type === AST_NODE_TYPES.TSEnumBody ? enumName(node.parent) : undefined);
      },
      'Program:exit'() {
        for (const write of paramWrites(sourceCode)) checkWrite(write);
        for (const request of authorizationRequests(sourceCode)) {
          // angular-oauth2-oidc: no responseType means the implicit flow.
          // (`initCodeFlow()` forces the code flow whatever the config says.)
          if (
            request.library === ANGULAR_OAUTH_MODULE &&
            request.responseType.fromDefault &&
            request.responseType.state.state === 'absent' &&
            !facts.mentions(/\binitCodeFlow\b/)
          ) {
            const fix = addProperty(sourceCode, request.node, "responseType: 'code'");
            report(request.node, 'implicitByDefault', undefined, fix ? [{ messageId: 'addCodeResponseType', fix }] : []);
          }
        }
      },
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const key = propertyKeyName(sourceCode, node);
        if (key === undefined) return;
        if (RESPONSE_TYPES_ARRAY_KEYS.has(key) || GRANT_TYPES_ARRAY_KEYS.has(key)) checkArrayProperty(node, key);
        else if (key === 'implicit' || key === 'flow') checkOpenApi(node, key);
        // `response_type` / `responseType` are parameter writes (checkWrite); other response-type names are constants.
        else if (!RESPONSE_TYPE_KEYS.has(key) && !RESPONSE_TYPE_SDK_KEYS.has(key)) checkNamedConstant(key, node.value as TSESTree.Node);
      },
      CallExpression: checkCall,
      NewExpression: checkCall,
    };
  },
});
