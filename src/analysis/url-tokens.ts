/**
 * Bearer credentials in URLs — the analysis of no-token-in-url.
 *
 *   fetch(`${api}/me?access_token=${accessToken}`)           token in a query string
 *   res.redirect(`https://app.example/done/${tokens.id_token}`) token as a path segment
 *   generateAuthUrl({ state: accessToken })                   token as the OAuth state
 *   const token = req.query.access_token                      token read from the query
 *   ExtractJwt.fromUrlQueryParameter('token')                 (so clients must send it there)
 *
 * `urlTokenFindings(sourceCode)` returns the findings of a file, each node once: the node,
 * where the token is (`query`, `path`, `read`) and what it is (`access`, `id`, `refresh`,
 * `unknown-jwt` for a session token used as state, `issued` for a token the app signs).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, findVariable, isFunctionNode } from './ast';
import { authorizationRequests, requestParam } from './authorization';
import { cookieWritesOf } from './cookies';
import { credentialBySource, credentialInValue } from './storage';
import { fileFacts } from './file-facts';
import { guarded } from './guard';
import { fileInfo } from './project/files';
import { requestInput } from './request-input';
import { calleeOrigin, GLOBAL_MODULE, matchesPattern, memberName, propertyKeyName, skipWrappers } from './modules';
import { urlDestinationOf } from './redirects';
import { classifyToken, issuedTokenOf, namesOneTimeLink, tokenKindFromName, type TokenKind } from './tokens';
import { isAssertionOrComparison, urlPathValues, urlQueryParams, type Param } from './urls';
import { definitionOf, stringParts, stringValue, tailName } from './values';
import { EXCHANGE_MODULES } from './token-requests';
import { TOKEN_FROM_QUERY_EXTRACTORS } from '../knowledge/jwt';
import { REQUEST_OBJECT_NAMES } from '../knowledge/requests';
import { modulesOfPatterns } from '../knowledge/patterns';
import {
  AUTHORIZATION_HEADER,
  CLIENT_SECRET_PARAMS,
  GENERIC_TOKEN_PARAMS,
  JWT_LITERAL,
  QUERY_TOKEN_OPT_IN_FLAG,
  QUERY_TOKEN_PARAMS_ALLOWED,
  TOKEN_GETTER_KEYS,
  TOKEN_VERIFY_CALL,
  URL_ENCODING_CALLS,
} from '../knowledge/url-tokens';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** Where the token is: put in a query string or a path, or read from the incoming query. */
export type UrlTokenPlace = 'query' | 'path' | 'read' | 'read-path';
/** What the token is: an OAuth token, a session token used as state, or a token the app issued. */
export type UrlToken = 'access' | 'id' | 'refresh' | 'unknown-jwt' | 'issued' | 'client-secret';

export interface UrlTokenFinding {
  readonly node: Node;
  readonly place: UrlTokenPlace;
  readonly token: UrlToken;
}

// Generic `token` names only count when their value is a classified token, whose source or name says so.
const HINT =
  /(?:access|id|refresh)_?token|token=|['"]token['"]|query\.token|params\.token|\bjwt\b|bearer|authorization|getAccessToken|acquireToken|fromUrlQueryParameter|SignJWT|\bsign(?:Async)?\(|session|[?&]state=|client_secret|(?:With|By|From)(?:Session)?Token\(/i;
/**
 * `{ state: token }` with nothing else of the hint: the token can only be one through another
 * module (a value of this file that is a token has a name or a source the hint has).
 */
const STATE_KEY = /\bstate\s*:/i;

/** Token kinds that a parameter carries by its spelling. */
const TOKEN_KINDS: ReadonlySet<TokenKind> = new Set(['access', 'id', 'refresh']);

/** Roots of request objects whose `.query` is the incoming query string. */
const QUERY_KEYS = new Set(['query', 'queryStringParameters', 'multiValueQueryStringParameters']);

const EXTRACTOR_MODULES = modulesOfPatterns(TOKEN_FROM_QUERY_EXTRACTORS);

/** The cheap gate: whether the file may put a token in a URL or read one from the query at all. */
export function mayHaveUrlTokens(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return (
    facts.mentions(HINT) ||
    facts.importsAny(EXTRACTOR_MODULES) ||
    // A token exchange library's response may land in a URL under any name (`?at=${JSON.stringify(tokens)}`).
    facts.importsAny(EXCHANGE_MODULES) ||
    (facts.importsProjectModules && facts.mentions(STATE_KEY))
  );
}

/** The file's tokens in URLs: reads from the query first (in source order), then query parameters, OAuth state and path segments. */
export function urlTokenFindings(sourceCode: SourceCode): readonly UrlTokenFinding[] {
  if (!mayHaveUrlTokens(sourceCode)) return [];
  return fileFacts(sourceCode).memo('url-tokens', () => guarded(() => scan(sourceCode), []));
}

function scan(sourceCode: SourceCode): UrlTokenFinding[] {
  const findings: UrlTokenFinding[] = [];
  const reported = new WeakSet<Node>();
  // One finding per node: a URL is often reached along two paths (a const and its use).
  const report = (node: Node, place: UrlTokenPlace, token: UrlToken): void => {
    if (reported.has(node)) return;
    reported.add(node);
    findings.push({ node, place, token });
  };
  const facts = fileFacts(sourceCode);
  const queryReadsOptIn = rejectsQueryTokensUnlessAllowed(sourceCode);
  // `if (req.query.access_token) token = req.query.access_token`: one read per function and spelling.
  const readsSeen = new Set<string>();
  for (const node of facts.nodesOfType(AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.VariableDeclarator)) {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      // The name first: it is cheap, and few member reads name a token.
      const name = memberName(sourceCode, node);
      if (queryReadsOptIn || !mayNameToken(name)) continue;
      const place = isQueryObject(sourceCode, node.object) ? 'read' : isPathParamsObject(node.object) ? 'read-path' : undefined;
      if (!place) continue;
      const kind = tokenReadKind(sourceCode, name, node);
      if (!kind || isAssertionOrComparison(node) || underOptInFlag(sourceCode, node)) continue;
      if (place === 'read-path' && oneTimeLinkRoute(sourceCode, node)) continue;
      const readKey = `${enclosingFunction(node)?.range[0] ?? -1}:${sourceCode.getText(node)}`;
      if (readsSeen.has(readKey)) continue;
      readsSeen.add(readKey);
      report(node, place, kind);
    } else if (queryReadsOptIn) {
      continue;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const kind = tokenReadByCall(sourceCode, node);
      if (kind) report(node, 'read', kind);
    } else if (node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) {
      const place = isQueryObject(sourceCode, node.init) ? 'read' : isPathParamsObject(node.init) ? 'read-path' : undefined;
      if (!place || (place === 'read-path' && oneTimeLinkRoute(sourceCode, node))) continue;
      for (const property of node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const binding = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        const kind = tokenReadKind(sourceCode, propertyKeyName(sourceCode, property), binding);
        if (kind) report(property, place, kind);
      }
    }
  }
  for (const { param, url } of urlQueryParams(sourceCode)) {
    const kind = tokenInParam(sourceCode, param, url);
    if (kind && !isAssertionOrComparison(param.reportNode)) report(param.reportNode, 'query', kind);
  }
  // Library-built authorization requests: `generateAuthUrl({ state: accessToken })`.
  for (const request of authorizationRequests(sourceCode)) {
    if (request.source === 'url') continue;
    const state = requestParam(request, 'state');
    if (state.state !== 'present') continue;
    const kind = tokenAsState(sourceCode, state.valueNode);
    if (kind && !isAssertionOrComparison(state.reportNode)) report(state.reportNode, 'query', kind);
  }
  // `(cookie || '/?jwt=') + token`: the URL's default ends in a query parameter the token fills.
  for (const node of facts.nodesOfType(AST_NODE_TYPES.BinaryExpression)) {
    const entry = fallbackQueryParam(sourceCode, node);
    if (!entry || !urlDestinationOf(sourceCode, node)) continue;
    const kind = tokenInParam(sourceCode, entry, node);
    if (kind) report(node, 'query', kind);
  }
  // A token as a whole path segment of a URL that is redirected to, requested, or absolute.
  for (const { valueNode, url, absolute } of urlPathValues(sourceCode)) {
    if (!absolute && !urlDestinationOf(sourceCode, url)) continue;
    const kind = credentialOf(sourceCode, valueNode, url);
    if (kind && !isAssertionOrComparison(url)) report(valueNode, 'path', kind);
  }
  return findings;
}

/**
 * Whether the file's server rejects query-string tokens unless its deployer opts in:
 * `if (!this.allowBearerTokensInQueryString) throw …` (node-oauth2-server),
 * `if (!acceptQueryParam && mechanism === 'query') throw …` (oidc-provider). Its query reads
 * then serve that documented opt-in (RFC 6750 §2.3 allows it as an exception) and are not reported.
 */
function rejectsQueryTokensUnlessAllowed(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  if (!facts.mentions(QUERY_TOKEN_OPT_IN_HINT)) return false;
  return facts
    .nodesOfType(AST_NODE_TYPES.IfStatement)
    .some((statement) => negatesOptInFlag(sourceCode, statement.test) && throwsAtOnce(statement.consequent));
}

// The file gate for the flag names (the scanner reads plain text).
const QUERY_TOKEN_OPT_IN_HINT = /(?:allow|accept|enable|permit)\w*Query/i;

function negatesOptInFlag(sourceCode: SourceCode, test: Node): boolean {
  const inner = skipWrappers(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&')
    return negatesOptInFlag(sourceCode, inner.left) || negatesOptInFlag(sourceCode, inner.right);
  return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && isOptInFlag(sourceCode, inner.argument);
}

/** `if (options.allowQueryTokens) token = req.query.access_token`: a read only the opt-in reaches. */
function underOptInFlag(sourceCode: SourceCode, node: Node): boolean {
  if (!fileFacts(sourceCode).mentions(QUERY_TOKEN_OPT_IN_HINT)) return false;
  for (let child = node, parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    const test =
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.consequent === child
        ? parent.test
        : parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === child
          ? parent.left
          : undefined;
    if (test && namesOptInFlag(sourceCode, test)) return true;
  }
  return false;
}

function namesOptInFlag(sourceCode: SourceCode, test: Node): boolean {
  const inner = skipWrappers(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&')
    return namesOptInFlag(sourceCode, inner.left) || namesOptInFlag(sourceCode, inner.right);
  return isOptInFlag(sourceCode, inner);
}

function isOptInFlag(sourceCode: SourceCode, node: Node): boolean {
  const name = tailName(sourceCode, node);
  return name !== undefined && QUERY_TOKEN_OPT_IN_FLAG.test(name);
}

function throwsAtOnce(statement: Node): boolean {
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.some((inner) => inner.type === AST_NODE_TYPES.ThrowStatement);
}

/** `encodeURIComponent(x)` / `String(x)` → x. */
function unwrap(node: Node): Node {
  const inner = skipWrappers(node);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    URL_ENCODING_CALLS.has(inner.callee.name) &&
    inner.arguments[0]
  ) {
    return unwrap(inner.arguments[0]);
  }
  return inner;
}

/**
 * Names around a URL that say it is a one-time link (password reset, email verification,
 * magic link, invitation): its known text, the variable it is kept in, the enclosing functions
 * and class (`class EmailAuthProvider { send() { … } }`).
 */
function oneTimeLinkContext(sourceCode: SourceCode, url: Node): string[] {
  return [urlText(sourceCode, url), ...namesAround(sourceCode, url, false)];
}

/**
 * The credential a value is: an OAuth token (by source or name), or a token the app signs
 * itself (`jwt.sign(...)`) unless the names around it say it is a one-time link token.
 */
function credentialOf(sourceCode: SourceCode, value: Node | undefined, url: Node, names: readonly string[] = []): UrlToken | undefined {
  if (!value) return undefined;
  const inner = unwrap(value);
  const info = classifyToken(sourceCode, inner);
  if (info && TOKEN_KINDS.has(info.kind)) return info.kind as UrlToken;
  const issued = issuedTokenOf(sourceCode, inner);
  if (!issued) {
    // A parameter named for a credential (`session`, `token`) whose value holds a token, serialised
    // or not (`?session=${base64(JSON.stringify({ token: access_token }))}`). Not for a name this
    // file does not spell out: there a bare `refreshToken()` action is no token.
    if (names.length === 0) return undefined;
    const held = credentialInValue(sourceCode, inner);
    if (held && TOKEN_KINDS.has(held)) return held as UrlToken;
    // The `token` of a revocation or introspection endpoint (RFC 7009, RFC 7662) is an OAuth token.
    if (names.includes('token') && TOKEN_ENDPOINT_OF_TOKENS.test(urlText(sourceCode, url))) return 'access';
    // The same variable is also sent as `Authorization: Bearer …`: a bearer credential, whatever its source.
    return inner.type === AST_NODE_TYPES.Identifier && variableSentAsBearer(sourceCode, inner) ? 'access' : undefined;
  }
  // The token the function also sets as a cookie is the login session, whatever page the URL names.
  if (alsoSetAsCookie(sourceCode, inner)) return 'issued';
  return [...names, ...issued.names, ...oneTimeLinkContext(sourceCode, url)].some(namesOneTimeLink) ? undefined : 'issued';
}

/** Paths of the endpoints that take an OAuth token as `token`: revocation and introspection. */
const TOKEN_ENDPOINT_OF_TOKENS = /\/(?:revoke|introspect)(?:ion)?(?:[?/#]|$)/i;

/** The known text of a URL, holes as `/`. */
function urlText(sourceCode: SourceCode, url: Node): string {
  return stringParts(sourceCode, url)
    .map((part) => part.text ?? '/')
    .join('');
}

/** A variable that is also written to a cookie (`res.cookie('jwt', token)`): a session token, not a one-time link's. */
function alsoSetAsCookie(sourceCode: SourceCode, value: Node): boolean {
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(value), value);
  if (!variable) return false;
  return variable.references.some((reference) => {
    const read = reference.identifier;
    const call = read.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === read)) return false;
    return cookieWritesOf(sourceCode, call).some((write) => write.value === read && !write.clearing);
  });
}

/** Text of a value that may hold a token set (`tokens`, `tokenSet`, `credentials`, `session`, `jwt`). */
const TOKEN_SET_NAME = /token|credential|session|jwt|auth/i;

/** A query parameter name closing a URL's text: `/?jwt=`, `…&access_token=`. */
const TRAILING_QUERY_PARAM = /[?&]([a-z_][\w.-]{0,40})=$/i;

/**
 * `base + value` where `base` is a variable whose fallback (`x || '/?jwt='`, `x ?? …`) ends in
 * `name=`: the value fills that query parameter whenever the fallback is used.
 */
function fallbackQueryParam(sourceCode: SourceCode, node: TSESTree.BinaryExpression): Param | undefined {
  if (node.operator !== '+' || node.left.type !== AST_NODE_TYPES.Identifier) return undefined;
  const base = skipWrappers(definitionOf(sourceCode, node.left));
  if (base.type !== AST_NODE_TYPES.LogicalExpression || base.operator === '&&') return undefined;
  const fallback = stringValue(sourceCode, base.right);
  const name = fallback === undefined ? undefined : TRAILING_QUERY_PARAM.exec(fallback)?.[1];
  return name ? { name, value: undefined, valueNode: node.right, reportNode: node, inFragment: false } : undefined;
}

/** The kind of token a query parameter carries, by its name or (for generic names) its value. */
function tokenInParam(sourceCode: SourceCode, entry: Param, url: Node): UrlToken | undefined {
  const { name, valueNode: value } = entry;
  // `?${KEY}=${value}`: the value decides; an ID token may be a logout hint.
  if (entry.nameUnknown) {
    const kind = credentialOf(sourceCode, value, url);
    return kind === 'id' ? undefined : kind;
  }
  const lower = name.toLowerCase();
  if (QUERY_TOKEN_PARAMS_ALLOWED.has(lower)) return undefined;
  if (lower === 'state') return tokenAsState(sourceCode, value);
  // Client credentials never go in the request URI (RFC 6749 §2.3.1), whatever the endpoint.
  if (CLIENT_SECRET_PARAMS.has(lower)) return entry.value === '' ? undefined : 'client-secret';
  const byName = tokenKindFromName(name);
  if (byName && TOKEN_KINDS.has(byName)) return byName as UrlToken;
  if (!GENERIC_TOKEN_PARAMS.has(lower.replace(/[-_]/g, '')) && !GENERIC_TOKEN_PARAMS.has(lower)) {
    // Whatever the parameter is called (`?at=${JSON.stringify(tokens)}`), a value traced to a token response is a token.
    // Traced only for a value whose name hints at one: tracing every query value of every file costs too much.
    const bySource = value && TOKEN_SET_NAME.test(sourceCode.getText(value)) ? credentialBySource(sourceCode, unwrap(value)) : undefined;
    return bySource && TOKEN_KINDS.has(bySource) ? (bySource as UrlToken) : undefined;
  }
  // A JWT written into the URL (`?token=eyJ…`), unless the link is a one-time link.
  if (entry.value !== undefined && JWT_LITERAL.test(entry.value))
    return [name, ...oneTimeLinkContext(sourceCode, url)].some(namesOneTimeLink) ? undefined : 'unknown-jwt';
  return credentialOf(sourceCode, value, url, [name]);
}

/**
 * A token used as the OAuth `state`: an OAuth token, or the user's own session token taken
 * from the request. A signed state (`jwt.sign({ nonce, returnTo })`) is a state, not a credential.
 */
function tokenAsState(sourceCode: SourceCode, value: Node | undefined): UrlToken | undefined {
  if (!value) return undefined;
  const info = classifyToken(sourceCode, unwrap(value));
  if (!info) return undefined;
  if (TOKEN_KINDS.has(info.kind)) return info.kind as UrlToken;
  return info.kind === 'unknown-jwt' && info.fromRequest ? 'unknown-jwt' : undefined;
}

/** The token kind named by a query key read (`req.query.access_token`); generic names count when verified. */
/** Could a parameter of this name hold a token (before asking where it is read)? */
function mayNameToken(name: string | undefined): boolean {
  if (!name) return false;
  const byName = tokenKindFromName(name);
  return (byName !== undefined && TOKEN_KINDS.has(byName)) || GENERIC_TOKEN_PARAMS.has(name.toLowerCase());
}

function tokenReadKind(sourceCode: SourceCode, name: string | undefined, read: Node): UrlToken | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  if (QUERY_TOKEN_PARAMS_ALLOWED.has(lower)) return undefined;
  const byName = tokenKindFromName(name);
  if (byName && TOKEN_KINDS.has(byName)) return byName as UrlToken;
  if (GENERIC_TOKEN_PARAMS.has(lower) && usedAsBearer(sourceCode, read)) return 'access';
  return undefined;
}

/**
 * The text before a hole that starts a cookie under a credential's name (`token=`, `; jwt=`) —
 * not a URL's query pair, where a one-time link (`/verify-email?token=`) passes its token on.
 */
const CREDENTIAL_PAIR_BEFORE = /(?:^|[\s;])(?:access_?token|token|jwt|auth_?token|session_?token)=$/i;

/** A scheme word and a space (`token `, `JWT `), or nothing, before the credential of an Authorization header. */
const AUTH_SCHEME_PREFIX = /^(?:[a-z][\w-]{0,19} )?$/i;

/** Whether `value` is written as the `Authorization` header of a request (`headers: { Authorization: value }`). */
function isAuthorizationHeaderValue(sourceCode: SourceCode, value: Node): boolean {
  const property = value.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== value) return false;
  return propertyKeyName(sourceCode, property)?.toLowerCase() === AUTHORIZATION_HEADER;
}

/** Whether a later read of the variable `binding` declares is used as a bearer token. */
function someReadUsedAsBearer(sourceCode: SourceCode, binding: TSESTree.Identifier, depth: number): boolean {
  const variable = findVariable(sourceCode.getScope(binding), binding);
  return (
    variable?.references.some(
      (reference) => !reference.init && reference.isRead() && usedAsBearer(sourceCode, reference.identifier as Node, depth + 1),
    ) ?? false
  );
}

/** Whether some read of the variable `identifier` names is sent as a bearer credential (`Bearer ${token}`). */
function variableSentAsBearer(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  return (
    variable?.references.some(
      (reference) => reference.identifier !== identifier && reference.isRead() && usedAsBearer(sourceCode, reference.identifier as Node, 1),
    ) ?? false
  );
}

/** Whether a function is the value of a token getter option (`getToken: (req) => …`). */
function isTokenGetter(sourceCode: SourceCode, fn: Node | undefined): boolean {
  const property = fn?.parent;
  return property?.type === AST_NODE_TYPES.Property && TOKEN_GETTER_KEYS.has(propertyKeyName(sourceCode, property) ?? '');
}

/** A generic `token` read is a bearer token when it is verified/decoded or sent as `Bearer …`. */
function usedAsBearer(sourceCode: SourceCode, read: Node, depth = 0): boolean {
  if (depth > 3) return false;
  // A destructured binding (`const { token } = req.query`): follow its uses.
  const bindingParent = read.parent;
  if (
    read.type === AST_NODE_TYPES.Identifier &&
    (bindingParent?.type === AST_NODE_TYPES.AssignmentPattern ||
      (bindingParent?.type === AST_NODE_TYPES.Property && bindingParent.parent?.type === AST_NODE_TYPES.ObjectPattern))
  ) {
    return someReadUsedAsBearer(sourceCode, read, depth);
  }
  let current: Node = read;
  let parent = current.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.LogicalExpression ||
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return false;
  // `String(req.query.token)`: the same value, converted.
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && isConversion(sourceCode, parent))
    return usedAsBearer(sourceCode, parent, depth + 1);
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current) {
    const callee = skipWrappers(parent.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? memberName(sourceCode, callee)
          : undefined;
    return name !== undefined && TOKEN_VERIFY_CALL.test(name);
  }
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) {
    const index = parent.expressions.indexOf(current as TSESTree.Expression);
    const before = parent.quasis[index]?.value.cooked ?? '';
    if (/bearer\s*$/i.test(before)) return true;
    // Set again as a cookie under a credential's name: `Set-Cookie: token=${token}; HttpOnly`.
    if (CREDENTIAL_PAIR_BEFORE.test(before)) return true;
    // The whole credential of an `Authorization` header under any scheme (GitHub's `token …`, `JWT …`), Basic aside.
    return index === 0 && AUTH_SCHEME_PREFIX.test(before) && !/^basic\b/i.test(before) && isAuthorizationHeaderValue(sourceCode, parent);
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === current) return isAuthorizationHeaderValue(sourceCode, current);
  // express-jwt `getToken: (req) => req.query.token`.
  if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) return isTokenGetter(sourceCode, parent);
  if (parent.type === AST_NODE_TYPES.ReturnStatement) return isTokenGetter(sourceCode, enclosingFunction(parent));
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier)
    return someReadUsedAsBearer(sourceCode, parent.id, depth);
  return false;
}

/** `String(x)`, `decodeURIComponent(x)`: the value itself, as a string. */
function isConversion(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const origin = calleeOrigin(sourceCode, call);
  return (
    origin?.module === GLOBAL_MODULE && origin.path.length === 1 && (origin.path[0] === 'String' || URL_ENCODING_CALLS.has(origin.path[0]))
  );
}

/**
 * `req.query`, `ctx.request.query`, `event.queryStringParameters`, `getQuery(event)`, and the
 * router's query (`route.query`, `this.$route.query`) … Not `requestInput`: that one knows only
 * request-named roots and would drop the router reads (and add `Page({ query })` props).
 */
function isQueryObject(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(sourceCode, inner);
    return name !== undefined && QUERY_KEYS.has(name);
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier) {
    return inner.callee.name === 'getQuery' || inner.callee.name === 'useQuery';
  }
  // Hono's `c.req.query()`: the whole query of the request.
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.length === 0) {
    const input = requestInput(sourceCode, inner);
    return input?.part === 'query' && input.key === undefined && !input.browser;
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    // `const query = req.query` / `const { query } = req` (Next.js pages).
    const definition = definitionOf(sourceCode, inner);
    if (definition !== inner) return isQueryObject(sourceCode, definition);
  }
  return false;
}

/** `req.params`, `ctx.params`, `event.pathParameters`: the incoming request's path parameters (`/user/:token`). */
function isPathParamsObject(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) return false;
  if (!PATH_PARAMS_KEYS.has(inner.property.name)) return false;
  const object = skipWrappers(inner.object);
  return object.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(object.name);
}

const PATH_PARAMS_KEYS: ReadonlySet<string> = new Set(['params', 'pathParameters']);

/**
 * The names around a node that may say what it is for: the variables, functions, classes and
 * properties it sits in, and with `routes` the path of a route registration
 * (`router.get('/verify/:token', handler)`).
 */
function namesAround(sourceCode: SourceCode, node: Node, routes: boolean): string[] {
  const names: string[] = [];
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.id.type === AST_NODE_TYPES.Identifier) names.push(current.id.name);
    if (
      (current.type === AST_NODE_TYPES.FunctionDeclaration ||
        current.type === AST_NODE_TYPES.FunctionExpression ||
        current.type === AST_NODE_TYPES.ClassDeclaration ||
        current.type === AST_NODE_TYPES.ClassExpression) &&
      current.id
    )
      names.push(current.id.name);
    if (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.Property) {
      const key = propertyKeyName(sourceCode, current);
      if (key) names.push(key);
    }
    if (routes && current.type === AST_NODE_TYPES.CallExpression) {
      const path = current.arguments[0] ? stringValue(sourceCode, current.arguments[0]) : undefined;
      if (path !== undefined) names.push(path);
    }
  }
  return names;
}

/**
 * A path token of a one-time link (`/reset-password/:token`, `verifyEmail`, `invite.js`): the
 * route written around the handler, the names of the functions and variables holding it, or
 * the module's file name say so. Such tokens are silent (rules.md, no-token-in-url).
 */
function oneTimeLinkRoute(sourceCode: SourceCode, read: Node): boolean {
  const texts = namesAround(sourceCode, read, true);
  const file = fileInfo(sourceCode)?.filename;
  if (file) texts.push(...file.split('/').slice(-2));
  return texts.some(namesOneTimeLink);
}

/**
 * The expression a URLSearchParams / searchParams `.get()` reads from is a query, not a
 * fragment (`requestInput` counts `new URLSearchParams(location.hash.slice(1))` as search params).
 */
function isQuerySearchParams(sourceCode: SourceCode, receiver: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const inner = skipWrappers(receiver);
  if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === 'searchParams') return true;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = definitionOf(sourceCode, inner);
    if (definition !== inner) return isQuerySearchParams(sourceCode, definition, depth + 1);
    // `const [searchParams] = useSearchParams()`.
    const variable = findVariable(sourceCode.getScope(inner), inner);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ArrayPattern && def.node.init)
      return isSearchParamsHook(def.node.init);
    return false;
  }
  if (isSearchParamsHook(inner)) return true;
  if (
    inner.type === AST_NODE_TYPES.NewExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === 'URLSearchParams' &&
    inner.arguments[0]
  ) {
    return mentionsSearch(sourceCode, inner.arguments[0]);
  }
  return false;
}

function isSearchParamsHook(node: Node): boolean {
  const inner = skipWrappers(node);
  return (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === 'useSearchParams'
  );
}

/** `location.search`, `window.location.search.slice(1)`, `req.url.split('?')[1]`: the query, not `location.hash`. */
function mentionsSearch(sourceCode: SourceCode, node: Node): boolean {
  const text = sourceCode.getText(node);
  if (/\bhash\b/.test(text)) return false;
  return /\bsearch\b/.test(text) || /\?/.test(text);
}

/**
 * A token read by a call: Hono `c.req.query('access_token')`, `url.searchParams.get('access_token')`,
 * `new URLSearchParams(location.search).get(…)`; passport-jwt `ExtractJwt.fromUrlQueryParameter('token')`.
 */
function tokenReadByCall(sourceCode: SourceCode, node: TSESTree.CallExpression): UrlToken | undefined {
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && node.arguments[0]) {
    const method = memberName(sourceCode, callee);
    const name = method === 'get' || method === 'query' || method === 'getAll' ? stringValue(sourceCode, node.arguments[0]) : undefined;
    if (name !== undefined && /^[\w.-]{1,64}$/.test(name)) {
      const fromQuery =
        mayNameToken(name) &&
        (method === 'query'
          ? skipWrappers(callee.object).type === AST_NODE_TYPES.MemberExpression
          : isQuerySearchParams(sourceCode, callee.object));
      const kind = fromQuery ? tokenReadKind(sourceCode, name, node) : undefined;
      return kind && !isAssertionOrComparison(node) ? kind : undefined;
    }
  }
  if (!fileFacts(sourceCode).mayMatch(TOKEN_FROM_QUERY_EXTRACTORS)) return undefined;
  const origin = calleeOrigin(sourceCode, node);
  return origin && TOKEN_FROM_QUERY_EXTRACTORS.some((pattern) => matchesPattern(origin, pattern)) ? 'access' : undefined;
}
