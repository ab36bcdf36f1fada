/**
 * Authorization requests: every place a file builds a request to an authorization endpoint,
 * with the parameters it sends.
 *
 *   `${ISSUER}/authorize?response_type=code&client_id=…`     a URL string or template
 *   const u = new URL(AUTH); u.searchParams.set('response_type', 'code')
 *   `${AUTH}?${new URLSearchParams({ response_type: 'code', … })}`, qs.stringify({...})
 *   client.authorizationUrl({...}) / buildAuthorizationUrl(config, {...})   openid-client v5 / v6
 *   crm.authorizeURL({...}) / oauth2Client.generateAuthUrl({...})  simple-oauth2 / google
 *   new OAuth2Strategy({...}), Okta({ checks }), new UserManager({...}), AuthConfig objects …
 *
 * `authorizationRequests(sourceCode)` is computed once per file. Each request has the node to
 * report a missing parameter at, the library (or 'url'), the parameters under their OAuth
 * names (`requestParam(request, 'state')` → present / absent / unknown), the library's
 * knowledge (does it add PKCE, state, nonce itself?) and, for next-auth / Auth.js providers,
 * the `checks` option.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from './ast';
import {
  AUTHORIZATION_LIBRARIES,
  NEXTAUTH_MODULES,
  NEXTAUTH_PROVIDER_MODULES,
  PARAM_ALIASES,
  type AuthorizationLibrary,
  REGISTERED_AUTHORIZATION_PLUGINS,
} from '../knowledge/oauth-libraries';
import { PLUGIN_REGISTER_METHOD } from '../knowledge/requests';
import { fileFacts } from './file-facts';
import { CALL, calleeOrigin, lookup, memberName, originOf, skipWrappers, type Origin } from './modules';
import { projectOrigin } from './functions';
import { arrayElements, getPath, getProperty, objectLiteral, stringValue, type PropertyLookup } from './values';
import {
  fileNodes,
  isAssertionOrComparison,
  isLegacyUrlParse,
  isStringifyCall,
  isUrlConstruction,
  listValues,
  param,
  paramsOf,
  UNKNOWN_PARAM,
  type Param,
  type ParamList,
  type ParamState,
} from './urls';
import { guarded } from './guard';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export interface AuthorizationRequest {
  /** Where a missing parameter is reported: the URL/params construction, the library call, the config object. */
  readonly node: Node;
  /** 'url' for hand-built requests, else the library (`openid-client`, `passport-oauth2`, `next-auth` …). */
  readonly library: string;
  readonly source: 'url' | 'call' | 'config';
  /** The options object of a library call or config, when there is one. */
  readonly options: Node | undefined;
  /** Parameters sent, under their OAuth names (`codeChallenge` → `code_challenge`). */
  readonly params: ParamList | undefined;
  readonly knowledge: AuthorizationLibrary | undefined;
  /** The response_type sent (written, or the library default); value undefined when unknown. */
  readonly responseType: { readonly value: string | undefined; readonly state: ParamState; readonly fromDefault: boolean };
  /** next-auth / Auth.js providers: the `checks` option. */
  readonly checks: PropertyLookup | undefined;
}

export const NEXTAUTH_PROVIDER: AuthorizationLibrary = {
  library: 'next-auth',
  kind: 'config',
  optionsArg: 0,
  paramsPaths: [['authorization', 'params'], ['authorization']],
  defaultResponseType: 'code',
  pkce: { mode: 'builtin' },
  state: { mode: 'builtin' },
  nonce: { mode: 'builtin' },
};

const AUTHORIZE_PATH = /\/(?:authorize|authorization|auth|dialog\/oauth)\/?$/i;
/** Endpoints that take `client_id` and a return URL but are not the authorization endpoint. */
const NOT_AUTHORIZE_PATH = /token|logout|signout|sign-out|end_?session|revoke|introspect|userinfo|register|device/i;
/** Parameters of other requests (token, logout) that share `client_id` and `redirect_uri` with an authorization request. */
const NOT_AUTHORIZE_PARAMS = [
  'code',
  'grant_type',
  'client_secret',
  'refresh_token',
  'code_verifier',
  'assertion',
  'subject_token',
  'device_code',
  'token',
  'id_token_hint',
  'post_logout_redirect_uri',
  'logout_uri',
];

/**
 * GitHub-, Facebook- and Slack-style authorization requests name no `response_type`: their
 * authorization endpoint only runs the code flow. A query (URL string, `URLSearchParams`,
 * `new URL`, a query-string library's `stringify`) that sends `client_id` to an authorize
 * path, or `client_id` with `redirect_uri` to an endpoint that is not another OAuth endpoint,
 * is such a code request. Parameter objects alone are not: configs hold both names too.
 */
function isShortFormCodeRequest(list: ParamList): boolean {
  if (list.kind === 'object' || param(list, 'client_id').state !== 'present') return false;
  if (NOT_AUTHORIZE_PARAMS.some((name) => param(list, name).state !== 'absent')) return false;
  const base = list.base;
  if (base !== undefined && AUTHORIZE_PATH.test(base)) return true;
  if (param(list, 'redirect_uri').state !== 'present') return false;
  // A known base must look like an OAuth authorize endpoint; an unknown one (a hole, a helper) may be.
  return base === undefined || base === '' || (!NOT_AUTHORIZE_PATH.test(base) && /oauth|authori[sz]/i.test(base));
}

/** A parameter under its OAuth name, of the request (present / absent / unknown). */
export function requestParam(request: AuthorizationRequest, name: string): ParamState {
  return request.params ? param(request.params, name) : UNKNOWN_PARAM;
}

/** True for response types that include `code` (code or hybrid flows); undefined when unknown. */
export function isCodeFlow(request: AuthorizationRequest): boolean | undefined {
  const value = request.responseType.value;
  if (value === undefined) return undefined;
  return listValues(value).includes('code');
}

function normalised(list: ParamList | undefined): ParamList | undefined {
  if (!list) return undefined;
  return {
    ...list,
    params: list.params.map((entry): Param => (PARAM_ALIASES[entry.name] ? { ...entry, name: PARAM_ALIASES[entry.name] } : entry)),
  };
}

/** Merges lists: later lists' parameters win; incomplete if any part is. */
function merge(node: Node, lists: (ParamList | undefined)[], unknownParts: boolean): ParamList {
  const params: Param[] = [];
  const includes: Node[] = [];
  let complete = !unknownParts;
  for (const list of lists) {
    if (!list) continue;
    params.push(...list.params);
    includes.push(list.node, ...list.includes);
    if (!list.complete) complete = false;
  }
  return { kind: 'object', node, params, complete, base: undefined, hasQuery: false, includes };
}

function libraryRequest(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  knowledge: AuthorizationLibrary,
): AuthorizationRequest {
  const optionsArg = call.arguments[knowledge.optionsArg];
  const options = optionsArg && optionsArg.type !== AST_NODE_TYPES.SpreadElement ? optionsArg : undefined;
  return buildLibraryRequest(
    sourceCode,
    call,
    options,
    knowledge,
    call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement),
  );
}

function buildLibraryRequest(
  sourceCode: SourceCode,
  call: Node,
  options: Node | undefined,
  knowledge: AuthorizationLibrary,
  spread: boolean,
): AuthorizationRequest {
  const lists: (ParamList | undefined)[] = [];
  let unknown = spread;
  const object = options ? objectLiteral(sourceCode, options) : undefined;
  if (options) {
    const top = paramsOf(sourceCode, options);
    if (!top) unknown = true;
    lists.push(normalised(top));
    for (const path of knowledge.paramsPaths ?? []) {
      const found = getPath(sourceCode, options, path);
      if (found.status === 'unknown') unknown = true;
      if (found.status !== 'present') continue;
      const nested = paramsOf(sourceCode, found.value);
      if (!nested) {
        // `authorization: { url, params }` handled by the longer path; other unknown values hide parameters.
        if (objectLiteral(sourceCode, found.value) === undefined) unknown = true;
        continue;
      }
      lists.push(normalised(nested));
    }
  }
  const params = merge(object ?? call, lists, unknown);
  const written = param(params, 'response_type');
  const responseType =
    knowledge.fixedResponseType || written.state === 'absent'
      ? { value: knowledge.defaultResponseType, state: written, fromDefault: true }
      : written.state === 'present'
        ? { value: written.value, state: written, fromDefault: false }
        : { value: undefined, state: written, fromDefault: false };
  const node = knowledge.kind === 'config' && object ? object : call;
  const checks = knowledge === NEXTAUTH_PROVIDER && options ? getProperty(sourceCode, options, 'checks') : undefined;
  return { node, library: knowledge.library, source: knowledge.kind, options, params, knowledge, responseType, checks };
}

/** The origin of a call's result: the callee's origin plus the call segment. */
export function withCall(origin: Origin): Origin {
  return { module: origin.module, path: [...origin.path, CALL] };
}

/**
 * Looks a call up in a table whose patterns name either the function called
 * (`openid-client#buildAuthorizationUrl`) or, for constructors and factories, the value made
 * (`oidc-client-ts#UserManager.()`).
 */
export function lookupCall<T>(origin: Origin | undefined, table: ReadonlyMap<string, T>): T | undefined {
  if (!origin) return undefined;
  return lookup(origin, table) ?? lookup(withCall(origin), table);
}

function isNextAuthProviderOrigin(origin: Origin | undefined): boolean {
  if (!origin || origin.path.length !== 1 || origin.path[0] !== CALL) return false;
  return NEXTAUTH_PROVIDER_MODULES.some((prefix) => origin.module.startsWith(prefix));
}

/** An array that is a next-auth `providers` list: `providers: [...]` or `const providers = [...]`. */
function isProvidersArray(array: Node | undefined): boolean {
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const holder = array.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator)
    return holder.id.type === AST_NODE_TYPES.Identifier && /providers$/i.test(holder.id.name);
  return (
    holder?.type === AST_NODE_TYPES.Property &&
    !holder.computed &&
    holder.key.type === AST_NODE_TYPES.Identifier &&
    holder.key.name === 'providers'
  );
}

/**
 * `{ id, type: 'oauth' | 'oidc', … }` written inside a `providers: [...]` array, or kept in a
 * const that such an array lists or that is typed with a next-auth / Auth.js provider type
 * (`const idp: OIDCConfig<Profile> = {...}`).
 */
function isInlineProvider(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  const type = getProperty(sourceCode, object, 'type');
  if (type.status !== 'present') return false;
  const value = skipWrappers(type.value);
  if (value.type !== AST_NODE_TYPES.Literal || (value.value !== 'oauth' && value.value !== 'oidc')) return false;
  if (isProvidersArray(object.parent)) return true;
  // `const idp: OIDCConfig<Profile> = {...}`, `({...}) as OAuthConfig<any>`, `{...} satisfies OAuthConfig<P>`.
  const typeName = typeNameOf(object);
  if (typeName) {
    const origin = originOf(sourceCode, typeName);
    if (origin && NEXTAUTH_MODULES.some((module) => origin.module === module || origin.module.startsWith(`${module}/`))) return true;
  }
  const declarator = object.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(declarator.id), declarator.id);
  return variable?.references.some((reference) => !reference.init && isProvidersArray(reference.identifier.parent)) ?? false;
}

/** The named type an object literal is declared or asserted as: `const c: T = {...}`, `{...} satisfies T`, `{...} as T`, `<T>{...}`. */
function typeNameOf(object: TSESTree.ObjectExpression): TSESTree.Identifier | undefined {
  let annotation: TSESTree.TypeNode | undefined;
  const parent = object.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    annotation = parent.id.typeAnnotation?.typeAnnotation;
  else if (
    parent?.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    parent?.type === AST_NODE_TYPES.TSAsExpression ||
    parent?.type === AST_NODE_TYPES.TSTypeAssertion
  )
    annotation = parent.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  return annotation.typeName;
}

/** `const config: AuthConfig = {...}` / `{...} satisfies AuthConfig` / `<AuthConfig>{...}` of angular-oauth2-oidc. */
function angularAuthConfigOrigin(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  const typeName = typeNameOf(object);
  if (!typeName) return false;
  const origin = originOf(sourceCode, typeName);
  return origin?.module === 'angular-oauth2-oidc' && origin.path.join('.') === 'AuthConfig';
}

/** Any mention that makes a file worth analysing for authorization requests. */
const REGISTERED_AUTHORIZATION_PLUGIN_MODULES = [...REGISTERED_AUTHORIZATION_PLUGINS.keys()];

export const AUTHORIZATION_HINT =
  /response_?type|authoriz|client_id|generateAuthUrl|getAuthCodeUrl|providers|Strategy|UserManager|WebAuth|AuthConfig|createAuth0Client|Auth0Client|PublicClientApplication|OktaAuth|AuthRequest/i;

/** The provider modules as import names (`next-auth/providers`, which `next-auth/providers/okta` imports). */
const PROVIDER_MODULE_NAMES = NEXTAUTH_PROVIDER_MODULES.map((prefix) => prefix.replace(/\/$/, ''));

/** Method names of the libraries' authorize-URL calls: only these calls are worth following into another module. */
const AUTHORIZATION_METHODS: ReadonlySet<string> = new Set(
  [...AUTHORIZATION_LIBRARIES.keys()].map((pattern) => pattern.slice(pattern.lastIndexOf('.') + 1)).filter((name) => name !== CALL),
);

/** `oauth2.authorizeURL(…)` on a client another module of the project made and exports (`export default new AuthorizationCode(…)`). */
function projectClientOrigin(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): Origin | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !AUTHORIZATION_METHODS.has(memberName(sourceCode, callee) ?? '')) return undefined;
  return projectOrigin(sourceCode, callee);
}

/** `fastify.register(oauthPlugin, options)`: an OAuth client plugin installed with its options. */
function registeredPlugin(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): AuthorizationLibrary | undefined {
  const callee = skipWrappers(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (memberName(sourceCode, callee) !== PLUGIN_REGISTER_METHOD || !call.arguments[0]) return undefined;
  return lookup(originOf(sourceCode, call.arguments[0]), REGISTERED_AUTHORIZATION_PLUGINS);
}

function computeRequests(sourceCode: SourceCode): AuthorizationRequest[] {
  const requests: AuthorizationRequest[] = [];
  const nodes = fileNodes(sourceCode);
  const covered = new Set<Node>();

  // Library calls and configs first: their options objects are not separate requests. Origins
  // are resolved only in a file that can reach such a library.
  const facts = fileFacts(sourceCode);
  const mayCallLibrary = facts.mayMatch(AUTHORIZATION_LIBRARIES) || facts.importsAny(PROVIDER_MODULE_NAMES);
  // A client made in another module of the project is followed for the libraries' method names only.
  const projectClientsPossible = facts.importsProjectModules;
  const mayRegisterPlugin = facts.importsAny(REGISTERED_AUTHORIZATION_PLUGIN_MODULES);
  for (const call of mayCallLibrary || projectClientsPossible || mayRegisterPlugin ? [...nodes.calls, ...nodes.news] : []) {
    const plugin = mayRegisterPlugin ? registeredPlugin(sourceCode, call) : undefined;
    const origin =
      plugin || !(mayCallLibrary || projectClientsPossible)
        ? undefined
        : mayCallLibrary
          ? calleeOrigin(sourceCode, call)
          : projectClientOrigin(sourceCode, call);
    let request: AuthorizationRequest | undefined;
    if (plugin) request = libraryRequest(sourceCode, call, plugin);
    else if (origin) {
      const knowledge = lookupCall(origin, AUTHORIZATION_LIBRARIES);
      if (knowledge) request = libraryRequest(sourceCode, call, knowledge);
      else if (isNextAuthProviderOrigin(withCall(origin))) request = libraryRequest(sourceCode, call, NEXTAUTH_PROVIDER);
    }
    if (!request || isAssertionOrComparison(call)) continue;
    requests.push(request);
    if (request.options) {
      const object = objectLiteral(sourceCode, request.options);
      if (object) covered.add(object);
    }
    for (const node of request.params?.includes ?? []) covered.add(node);
  }
  for (const object of nodes.objects) {
    if (covered.has(object)) continue;
    if (isInlineProvider(sourceCode, object)) {
      const request = buildLibraryRequest(sourceCode, object, object, NEXTAUTH_PROVIDER, false);
      requests.push(request);
      covered.add(object);
      for (const node of request.params?.includes ?? []) covered.add(node);
      continue;
    }
    if (angularAuthConfigOrigin(sourceCode, object)) {
      const knowledge = lookup({ module: 'angular-oauth2-oidc', path: ['AuthConfig', CALL] }, AUTHORIZATION_LIBRARIES);
      if (knowledge) {
        const request = buildLibraryRequest(sourceCode, object, object, knowledge, false);
        requests.push(request);
        covered.add(object);
        for (const node of request.params?.includes ?? []) covered.add(node);
      }
    }
  }
  // Hand-built requests: URLs, URLSearchParams, query strings, parameter objects.
  const candidates: Node[] = [
    ...nodes.strings,
    ...nodes.news.filter((node) => isUrlConstruction(sourceCode, node)),
    ...nodes.calls.filter((node) => isStringifyCall(sourceCode, node) || isLegacyUrlParse(sourceCode, node)),
    ...nodes.objects,
  ];
  const found: { request: AuthorizationRequest; list: ParamList }[] = [];
  for (const candidate of candidates) {
    if (covered.has(candidate) || isAssertionOrComparison(candidate)) continue;
    const list = paramsOf(sourceCode, candidate);
    if (!list) continue;
    const responseType = param(list, 'response_type');
    const shortForm = responseType.state === 'absent' && isShortFormCodeRequest(list);
    const isRequest =
      responseType.state === 'present' ||
      shortForm ||
      (list.kind !== 'object' && list.base !== undefined && AUTHORIZE_PATH.test(list.base) && param(list, 'client_id').state === 'present');
    if (!isRequest || isSdkSettingsObject(list)) continue;
    found.push({
      list,
      request: {
        node: candidate,
        library: 'url',
        source: 'url',
        options: undefined,
        params: list,
        knowledge: undefined,
        responseType: shortForm
          ? { value: 'code', state: responseType, fromDefault: true }
          : { value: responseType.state === 'present' ? responseType.value : undefined, state: responseType, fromDefault: false },
        checks: undefined,
      },
    });
  }
  // Keep the outermost construction: one built from another includes it.
  const included = new Set<Node>();
  for (const { list } of found) for (const node of list.includes) included.add(node);
  for (const { request, list } of found) {
    if (included.has(request.node) || covered.has(request.node)) continue;
    // Short-form requests name no response_type: where client_id is written stands in for it.
    const key = param(list, 'response_type').state === 'present' ? 'response_type' : 'client_id';
    requests.push({ ...request, node: innermostWriting(found, list, key) ?? request.node });
  }
  // In source order, so reports and callers see them as written.
  return requests.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * `${endpoint}?${new URLSearchParams({ response_type: 'code', … })}`: the parameters are read
 * from the whole URL, but a missing one is reported where they are written (the innermost
 * construction that sets response_type, or client_id for a short-form request), which is where the fix goes.
 */
function innermostWriting(
  found: readonly { request: AuthorizationRequest; list: ParamList }[],
  outer: ParamList,
  key: 'response_type' | 'client_id',
): Node | undefined {
  // Where the parameters are written: an object literal (its spreads included), or a construction
  // that writes response_type itself. `new URLSearchParams(params)` only reads the `params` object
  // written elsewhere, and a base object spread into another is not where this request's
  // parameters are written.
  const writers = found.filter(({ request, list }) => {
    const responseType = param(list, key);
    if (!outer.includes.includes(request.node) || responseType.state !== 'present') return false;
    const node = request.node;
    if (node.type === AST_NODE_TYPES.ObjectExpression) return true;
    const inside = (written: Node): boolean => written.range[0] >= node.range[0] && written.range[1] <= node.range[1];
    return inside(responseType.valueNode) || inside(responseType.reportNode);
  });
  const spreadInto = new Set<Node>();
  for (const { request, list } of writers)
    if (request.node.type === AST_NODE_TYPES.ObjectExpression) for (const node of list.includes) spreadInto.add(node);
  let best: Node | undefined;
  for (const { request } of writers) {
    const node = request.node;
    if (spreadInto.has(node)) continue;
    if (!best || node.range[1] - node.range[0] < best.range[1] - best.range[0]) best = node;
  }
  if (best || outer.node.type !== AST_NODE_TYPES.ObjectExpression) return best;
  // `{ url, query }`: the parameters are written in the query object, no request by itself.
  const written = param(outer, key);
  if (written.state !== 'present') return undefined;
  const at = written.reportNode.range;
  return outer.includes.find((node) => node.type === AST_NODE_TYPES.ObjectExpression && node.range[0] <= at[0] && at[1] <= node.range[1]);
}

/**
 * OIDC SDK settings passed on to a wrapper we do not track (react-oidc-context's
 * `<AuthProvider {...settings}>`, a UserManager made in another file): `authority` and the
 * silent-renew/user-store keys belong to oidc-client(-ts) and msal, which add state, nonce
 * and PKCE themselves, so the object is not a hand-built request.
 */
const SDK_SETTINGS_KEYS = [
  'authority',
  'automaticSilentRenew',
  'silent_redirect_uri',
  'userStore',
  'stateStore',
  'post_logout_redirect_uri',
];
function isSdkSettingsObject(list: ParamList): boolean {
  return (
    list.kind === 'object' &&
    (SDK_SETTINGS_KEYS.some((key) => param(list, key).state === 'present') ||
      // A complete object that names response_type and no other parameter of the request (a
      // conformance-suite variant, a metadata or settings record) is not one: a request names
      // its client, its return address or what it asks for.
      (list.complete && !REQUEST_COMPANION_PARAMS.some((key) => param(list, key).state !== 'absent')))
  );
}

/** Parameters an authorization request sends beside response_type. */
const REQUEST_COMPANION_PARAMS = ['client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'audience', 'prompt'];

/**
 * The values a next-auth / Auth.js provider's `checks` option lists (`'state'`,
 * `['pkce', 'nonce']`, through consts); undefined when it is not written or not constant.
 */
export function writtenChecks(sourceCode: SourceCode, request: AuthorizationRequest): string[] | undefined {
  const checks = request.checks;
  if (request.library !== 'next-auth' || checks?.status !== 'present') return undefined;
  const single = stringValue(sourceCode, checks.value);
  const values =
    single !== undefined ? [single] : arrayElements(sourceCode, checks.value)?.map((element) => stringValue(sourceCode, element));
  return values && values.every((value): value is string => value !== undefined) ? values : undefined;
}

/** Every authorization request the file builds (memoized per file). */
export function authorizationRequests(sourceCode: SourceCode): readonly AuthorizationRequest[] {
  return fileFacts(sourceCode).memo('authorization:requests', () => {
    const facts = fileFacts(sourceCode);
    if (
      !facts.mentions(AUTHORIZATION_HINT) &&
      !facts.importsAny(NEXTAUTH_MODULES) &&
      !facts.importsAny(REGISTERED_AUTHORIZATION_PLUGIN_MODULES)
    )
      return [];
    return guarded(() => computeRequests(sourceCode), []);
  });
}
