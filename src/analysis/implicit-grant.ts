/**
 * Where code selects the OAuth implicit grant (no-implicit-grant), as plain findings:
 *
 *   `response_type=token` / `'id_token token'` in a URL, parameters or an SDK's `responseType`
 *   `const RESPONSE_TYPE = 'token'`, `enum ResponseType { Token = 'token' }`   named constants
 *   `responseType = 'token'` (a variable assigned in a branch)                 one of its values
 *   `response_types: ['token']`, `grant_types: ['implicit']`                    client registrations
 *   `flows: { implicit: {...} }`, `{ type: 'oauth2', flow: 'implicit' }`        OpenAPI / Swagger schemes
 *   `auth0.parseHash()`, keycloak `init({ flow: 'implicit' })`                 SDK calls that run it
 *   an angular-oauth2-oidc AuthConfig without responseType                     the library's default
 *
 * `implicitGrantFindings` lists them in report order (the first finding at a node wins); each
 * finding says which suggestion fits it, and the rule builds the fix.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { authorizationRequests, lookupCall } from './authorization';
import { fileFacts } from './file-facts';
import { calleeOrigin, matchesPattern, memberName, propertyKeyName, skipWrappers } from './modules';
import { isAssertionOrComparison, listValues, paramWrites, type ParamWrite } from './urls';
import { arrayElements, getProperty, stringValue } from './values';
import {
  ANGULAR_CODE_FLOW_METHOD,
  GRANT_TYPES_ARRAY_KEYS,
  GRANT_TYPE_VALUES,
  IMPLICIT_FLOW_CALLS,
  IMPLICIT_FLOW_METHODS,
  IMPLICIT_FLOW_MODULES,
  KEYCLOAK_IMPLICIT_FLOWS,
  KEYCLOAK_INIT_PATTERNS,
  RESPONSE_TYPES_ARRAY_KEYS,
  RESPONSE_TYPE_KEYS,
  RESPONSE_TYPE_SDK_KEYS,
  RESPONSE_TYPE_VALUES,
  RESPONSE_TYPE_WORD,
} from '../knowledge/oauth-libraries';
import { ANGULAR_OAUTH_MODULE } from '../knowledge/storage';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/**
 * The fix that fits a finding: the written response type becomes 'code' (`write`: where a
 * parameter write has it, or the whole literal), an implicit entry is dropped from a list
 * that keeps others, or `responseType: 'code'` is added to the config.
 */
export type ImplicitGrantFix =
  | { readonly kind: 'code-in-write'; readonly write: ParamWrite }
  | { readonly kind: 'code-literal'; readonly node: Node }
  | { readonly kind: 'remove-response-type'; readonly node: Node }
  | { readonly kind: 'remove-grant-type'; readonly node: Node }
  | { readonly kind: 'add-code-response-type'; readonly node: Node };

export type ImplicitGrantFinding =
  | { readonly kind: 'implicitResponseType'; readonly node: Node; readonly value: string; readonly fix?: ImplicitGrantFix }
  | { readonly kind: 'implicitFlowCall'; readonly node: Node; readonly what: string }
  | { readonly kind: 'implicitByDefault'; readonly node: Node; readonly fix: ImplicitGrantFix }
  | { readonly kind: 'implicitOpenApiFlow'; readonly node: Node }
  | { readonly kind: 'implicitGrantType'; readonly node: Node; readonly fix: ImplicitGrantFix };

const IMPLICIT_WORD = /implicit/i;
/**
 * An `implicit` that can be the grant: a grant-type list, OpenAPI's `flows`, Swagger's
 * `type: 'oauth2'`, a keycloak flow. Linters and compilers say "implicit" for other things.
 */
const IMPLICIT_GRANT_CONTEXT = /grant|\bflows\b|oauth|keycloak/i;
const TOKEN_RESPONSE_WORD = /token/;
const CODE_FLOW_CALL = new RegExp(`\\b${ANGULAR_CODE_FLOW_METHOD}\\b`);

/** The cheap file gate: a library that can run the implicit flow, or the words of one. */
export function implicitGrantApplies(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  // `responseType` alone is every HTTP client's (`responseType: 'json'`): a hand-written implicit
  // request also writes the token it asks for.
  return (
    facts.importsAny(IMPLICIT_FLOW_MODULES) ||
    facts.mayMatch(IMPLICIT_FLOW_CALLS) ||
    (facts.mentions(IMPLICIT_WORD) && facts.mentions(IMPLICIT_GRANT_CONTEXT)) ||
    (facts.mentions(RESPONSE_TYPE_WORD) && facts.mentions(TOKEN_RESPONSE_WORD))
  );
}

/**
 * A response_type list that asks for a token from the authorization endpoint. `strict` for
 * generic keys (`responseType`): every member must then be an OAuth response type (`token` alone is not `json`).
 */
export function isImplicitResponseType(value: string | undefined, strict: boolean): boolean {
  const values = listValues(value);
  if (!values.includes('token')) return false;
  return !strict || values.every((entry) => RESPONSE_TYPE_VALUES.has(entry));
}

/** `RESPONSE_TYPE`, `responseTypeToken`, `ResponseType` (not `response_types_supported`, a list). */
function isResponseTypeName(name: string | undefined): boolean {
  // Asked of every named value in the file: names shorter than `responsetype` are out before any copy is made.
  if (!name || name.length < 12) return false;
  const compact = name.toLowerCase().replace(/[_\-]/g, '');
  return compact.includes('responsetype') && !compact.includes('responsetypes');
}

function enumName(body: TSESTree.TSEnumBody): string | undefined {
  const declaration = body.parent;
  return declaration?.type === AST_NODE_TYPES.TSEnumDeclaration ? declaration.id.name : undefined;
}

/** Every implicit-grant finding of the file (memoised per file). */
export function implicitGrantFindings(sourceCode: SourceCode): readonly ImplicitGrantFinding[] {
  return fileFacts(sourceCode).memo('implicit-grant', () => computeFindings(sourceCode));
}

function computeFindings(sourceCode: SourceCode): ImplicitGrantFinding[] {
  const facts = fileFacts(sourceCode);
  const findings: ImplicitGrantFinding[] = [];
  const reached = new Set<Node>();
  // A construct is often reached along two paths: the first finding at a node stands.
  const add = (finding: ImplicitGrantFinding): void => {
    if (reached.has(finding.node)) return;
    reached.add(finding.node);
    findings.push(finding);
  };
  const nodes = facts.nodesOfType(
    AST_NODE_TYPES.VariableDeclarator,
    AST_NODE_TYPES.PropertyDefinition,
    AST_NODE_TYPES.TSEnumMember,
    AST_NODE_TYPES.Property,
    AST_NODE_TYPES.CallExpression,
    AST_NODE_TYPES.NewExpression,
    AST_NODE_TYPES.AssignmentExpression,
  );
  for (const node of nodes) {
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.id.type === AST_NODE_TYPES.Identifier) namedConstant(node.id.name, node.init, undefined, add);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        // `let responseType; if (…) responseType = 'code'; else responseType = 'token';`: each write is a value it can hold.
        if (node.operator === '=' && node.left.type === AST_NODE_TYPES.Identifier)
          namedConstant(node.left.name, node.right, undefined, add);
        break;
      case AST_NODE_TYPES.PropertyDefinition:
        namedConstant(propertyKeyName(sourceCode, node), node.value, undefined, add);
        break;
      case AST_NODE_TYPES.TSEnumMember: {
        const key = node.id.type === AST_NODE_TYPES.Identifier ? node.id.name : undefined;
        const owner = node.parent.type === AST_NODE_TYPES.TSEnumBody ? enumName(node.parent) : undefined;
        namedConstant(key, node.initializer, owner, add);
        break;
      }
      case AST_NODE_TYPES.Property:
        property(sourceCode, node, add);
        break;
      default:
        call(sourceCode, node, add);
    }
  }
  for (const write of paramWrites(sourceCode)) paramWrite(write, add);
  for (const request of authorizationRequests(sourceCode)) {
    // angular-oauth2-oidc: no responseType means the implicit flow.
    // (`initCodeFlow()` forces the code flow whatever the config says.)
    if (
      request.library === ANGULAR_OAUTH_MODULE &&
      request.responseType.fromDefault &&
      request.responseType.state.state === 'absent' &&
      !facts.mentions(CODE_FLOW_CALL)
    ) {
      add({ kind: 'implicitByDefault', node: request.node, fix: { kind: 'add-code-response-type', node: request.node } });
    }
  }
  return findings;
}

type Add = (finding: ImplicitGrantFinding) => void;

function paramWrite(write: ParamWrite, add: Add): void {
  if (write.inFragment) return;
  if (!RESPONSE_TYPE_KEYS.has(write.name) && (write.context === 'string' || !RESPONSE_TYPE_SDK_KEYS.has(write.name))) return;
  // The SDK-style key is shared with HTTP clients (`responseType: 'json'`): only OAuth lists count.
  const strict = !RESPONSE_TYPE_KEYS.has(write.name);
  if (!isImplicitResponseType(write.value, strict) || isAssertionOrComparison(write.reportNode)) return;
  // An SDK's `responseType` (auth0-js, msal): whether it can run the code flow is the SDK's, not a value swap.
  const fix: ImplicitGrantFix | undefined = strict ? undefined : { kind: 'code-in-write', write };
  add({ kind: 'implicitResponseType', node: write.reportNode, value: listValues(write.value).join(' '), fix });
}

function property(sourceCode: SourceCode, node: TSESTree.Property, add: Add): void {
  if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
  const key = propertyKeyName(sourceCode, node);
  if (key === undefined) return;
  if (RESPONSE_TYPES_ARRAY_KEYS.has(key) || GRANT_TYPES_ARRAY_KEYS.has(key)) arrayProperty(sourceCode, node, key, add);
  else if (key === 'implicit' || key === 'flow') openApi(sourceCode, node, key, add);
  // `response_type` / `responseType` are parameter writes; other response-type names are constants.
  else if (!RESPONSE_TYPE_KEYS.has(key) && !RESPONSE_TYPE_SDK_KEYS.has(key)) namedConstant(key, node.value as Node, undefined, add);
}

/**
 * A registration whose `response_types` are all written and none returns a token from the
 * authorization endpoint (`code`, `id_token`, `code id_token`): its `'implicit'` grant type
 * is what OIDC Dynamic Registration requires for an ID token from that endpoint, not the
 * implicit grant.
 */
function onlyHybridResponseTypes(sourceCode: SourceCode, property: TSESTree.Property): boolean {
  for (const key of RESPONSE_TYPES_ARRAY_KEYS) {
    const sibling = getProperty(sourceCode, property.parent, key);
    if (sibling.status !== 'present') continue;
    const types = arrayElements(sourceCode, sibling.value)?.map((element) => stringValue(sourceCode, element));
    return types !== undefined && types.length > 0 && types.every((type) => type !== undefined && !isImplicitResponseType(type, true));
  }
  return false;
}

/** `response_types: ['code', 'id_token token']`, `grant_types: ['implicit']`. */
function arrayProperty(sourceCode: SourceCode, property: TSESTree.Property, key: string, add: Add): void {
  const elements = arrayElements(sourceCode, property.value);
  if (!elements) return;
  const values = elements.map((element) => stringValue(sourceCode, element));
  if (RESPONSE_TYPES_ARRAY_KEYS.has(key)) {
    // A registration that already allows 'code' loses the implicit entry; otherwise the entry becomes 'code'.
    const keepsCode = values.includes('code');
    elements.forEach((element, i) => {
      if (!isImplicitResponseType(values[i], true)) return;
      const fix: ImplicitGrantFix = keepsCode ? { kind: 'remove-response-type', node: element } : { kind: 'code-literal', node: element };
      add({ kind: 'implicitResponseType', node: element, value: listValues(values[i]).join(' '), fix });
    });
    return;
  }
  // Only arrays that are plainly grant-type lists (`grants` is a generic word).
  if (!values.every((value) => value !== undefined && GRANT_TYPE_VALUES.has(value))) return;
  if (onlyHybridResponseTypes(sourceCode, property)) return;
  elements.forEach((element, i) => {
    if (values[i] === 'implicit') add({ kind: 'implicitGrantType', node: element, fix: { kind: 'remove-grant-type', node: element } });
  });
}

/** OpenAPI 3 `flows: { implicit: {...} }` and Swagger 2 `{ type: 'oauth2', flow: 'implicit' }`. */
function openApi(sourceCode: SourceCode, property: TSESTree.Property, key: string, add: Add): void {
  const object = property.parent as TSESTree.ObjectExpression;
  if (key === 'implicit') {
    const owner = object.parent;
    if (
      owner?.type === AST_NODE_TYPES.Property &&
      propertyKeyName(sourceCode, owner) === 'flows' &&
      skipWrappers(property.value).type === AST_NODE_TYPES.ObjectExpression
    ) {
      add({ kind: 'implicitOpenApiFlow', node: property });
    }
    return;
  }
  if (key === 'flow' && stringValue(sourceCode, property.value) === 'implicit') {
    const type = getProperty(sourceCode, object, 'type');
    if (type.status === 'present' && stringValue(sourceCode, type.value) === 'oauth2') add({ kind: 'implicitOpenApiFlow', node: property });
  }
}

function call(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, add: Add): void {
  const facts = fileFacts(sourceCode);
  const origin = facts.mayMatch(IMPLICIT_FLOW_CALLS) || facts.mayMatch(KEYCLOAK_INIT_PATTERNS) ? calleeOrigin(sourceCode, node) : undefined;
  const known = lookupCall(origin, IMPLICIT_FLOW_CALLS);
  if (known) {
    add({ kind: 'implicitFlowCall', node, what: known.what });
    return;
  }
  const callee = skipWrappers(node.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, callee) : undefined;
  const modules = method ? IMPLICIT_FLOW_METHODS.get(method) : undefined;
  if (modules && node.type === AST_NODE_TYPES.CallExpression && fileFacts(sourceCode).importsAny(modules)) {
    add({ kind: 'implicitFlowCall', node, what: `${modules[0]} ${method}` });
    return;
  }
  if (origin && KEYCLOAK_INIT_PATTERNS.some((pattern) => matchesPattern(origin, pattern)) && node.arguments[0]) {
    const flow = getProperty(sourceCode, node.arguments[0], 'flow');
    const value = flow.status === 'present' ? stringValue(sourceCode, flow.value) : undefined;
    if (flow.status === 'present' && KEYCLOAK_IMPLICIT_FLOWS.has(value ?? '')) {
      add({ kind: 'implicitFlowCall', node: flow.property, what: `keycloak-js flow '${value}'` });
    }
  }
}

/**
 * A response type kept under a name that says so — `const RESPONSE_TYPE = 'token'`, a class
 * field `RESPONSE_TYPE_IDTOKEN_TOKEN = 'id_token token'`, `enum ResponseType { Token = 'token' }` —
 * is the value an authorize URL or SDK call is built from: reported where it is written.
 */
function namedConstant(name: string | undefined, value: Node | null | undefined, owner: string | undefined, add: Add): void {
  if (!value || !(isResponseTypeName(name) || isResponseTypeName(owner))) return;
  const literal = skipWrappers(value);
  if (literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'string') return;
  if (!isImplicitResponseType(literal.value, true)) return;
  // `RESPONSE_TYPE = 'token'` becomes 'code'; a name that says more (`RESPONSE_TYPE_IMPLICIT`, `ResponseType.Token`) would then lie.
  const plainName = (name ?? '').toLowerCase().replace(/[_\-]/g, '').endsWith('responsetype');
  const fix: ImplicitGrantFix | undefined = plainName ? { kind: 'code-literal', node: literal } : undefined;
  add({ kind: 'implicitResponseType', node: literal, value: listValues(literal.value).join(' '), fix });
}
