import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '../src/analysis/ast';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, matchesPattern, memberName, propertyKeyName, skipWrappers } from '../src/analysis/modules';
import { authorizationRequests, requestParam } from '../src/analysis/authorization';
import { urlDestinationOf } from '../src/analysis/redirects';
import { classifyToken, issuedTokenOf, namesOneTimeLink, tokenKindFromName, type TokenKind } from '../src/analysis/tokens';
import { isAssertionOrComparison, urlPathValues, urlQueryParams, type Param } from '../src/analysis/urls';
import { definitionOf, stringParts, stringValue } from '../src/analysis/values';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import { TOKEN_FROM_QUERY_EXTRACTORS } from '../src/knowledge/jwt';
import { modulesOfPatterns } from '../src/knowledge/patterns';

export type Options = [];
export type MessageIds = 'tokenInQuery' | 'tokenInPath' | 'tokenFromQuery';

// Generic `token` names only count when their value is a classified token, whose source or name says so.
const HINT =
  /(?:access|id|refresh)_?token|token=|['"]token['"]|query\.token|\bjwt\b|bearer|authorization|getAccessToken|acquireToken|fromUrlQueryParameter|SignJWT|\bsign(?:Async)?\(|session|[?&]state=|\bstate\s*:/i;

/** Parameter names that carry a token by spelling. */
const TOKEN_KINDS: ReadonlySet<TokenKind> = new Set(['access', 'id', 'refresh']);
/** Generic names that carry a token when the value is one (`?token=${accessToken}`). */
const GENERIC_TOKEN_NAMES = new Set([
  'token',
  'jwt',
  'bearer',
  'auth',
  'authorization',
  'auth_token',
  'authtoken',
  'session_token',
  'sessiontoken',
  'session',
  'at',
]);
/** OIDC puts these in the query by design (logout `id_token_hint`, revocation hints). */
// `request` is a signed OIDC request object (JAR), meant for the query.
const ALLOWED_NAMES = new Set(['id_token_hint', 'token_type_hint', 'login_hint', 'token_type', 'response_type', 'code', 'request']);

const KIND_LABEL: Record<string, string> = {
  access: 'access token',
  id: 'ID token',
  refresh: 'refresh token',
  'unknown-jwt': 'token',
  issued: 'a token the app signed (a bearer credential)',
};

/** Roots of request objects whose `.query` is the incoming query string. */
const QUERY_KEYS = new Set(['query', 'queryStringParameters', 'multiValueQueryStringParameters']);

/** Call names whose first argument is a token being verified or decoded. */
const VERIFY_CALL = /^(?:verify|jwtVerify|verifyIdToken|verifyAccessToken|verifyAsync|decode|jwtDecode|decodeJwt|introspect)$/;

const EXTRACTOR_MODULES = modulesOfPatterns(TOKEN_FROM_QUERY_EXTRACTORS);

export default createRule<Options, MessageIds>({
  name: 'no-token-in-url',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow access, ID, refresh and session tokens in URL query strings and paths',
      recommended: 'error',
      check: 7,
    },
    messages: {
      tokenInQuery:
        'This puts {{kind}} in a URL query string, where server and proxy logs, browser history and Referer headers leak it (RFC 6750 §5.3, RFC 9700 §4.3.2). Send it in the Authorization header (or a POST body), never in the URL.',
      tokenInPath:
        'This puts {{kind}} in a URL path, where server and proxy logs, browser history and Referer headers leak it (RFC 6750 §5.3, RFC 9700 §4.3.2). Send it in the Authorization header (or a POST body), never in the URL.',
      tokenFromQuery:
        'This reads {{kind}} from the URL query string, so clients must put the token in URLs, where logs, history and Referer headers leak it (RFC 6750 §2.3, §5.3). Accept bearer tokens only from the Authorization header.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.mentions(HINT) && !facts.importsAny(EXTRACTOR_MODULES)) return {};
    const reportNode = reportOnce(context);
    const report = (node: TSESTree.Node, messageId: MessageIds, kind: string): void =>
      reportNode(node, messageId, { kind: KIND_LABEL[kind] ?? 'a token' });

    /** `encodeURIComponent(x)` / `String(x)` → x. */
    function unwrap(node: TSESTree.Node): TSESTree.Node {
      const inner = skipWrappers(node);
      if (
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.callee.type === AST_NODE_TYPES.Identifier &&
        ['encodeURIComponent', 'encodeURI', 'String', 'escape'].includes(inner.callee.name) &&
        inner.arguments[0]
      ) {
        return unwrap(inner.arguments[0]);
      }
      return inner;
    }

    /**
     * Names around a URL that say it is a one-time link (password reset, email verification,
     * magic link, invitation): its known text, the variable it is kept in, the enclosing functions.
     */
    function oneTimeLinkContext(url: TSESTree.Node): string[] {
      const texts = [
        stringParts(sourceCode, url)
          .map((part) => part.text ?? '/')
          .join(''),
      ];
      for (let current: TSESTree.Node | undefined = url.parent; current; current = current.parent) {
        if (current.type === AST_NODE_TYPES.VariableDeclarator && current.id.type === AST_NODE_TYPES.Identifier)
          texts.push(current.id.name);
        if ((current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) && current.id)
          texts.push(current.id.name);
        if (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.Property) {
          const key = propertyKeyName(sourceCode, current);
          if (key) texts.push(key);
        }
      }
      return texts;
    }

    /**
     * The credential a value is: an OAuth token (by source or name), or a token the app signs
     * itself (`jwt.sign(...)`) unless the names around it say it is a one-time link token.
     */
    function credentialOf(value: TSESTree.Node | undefined, url: TSESTree.Node, names: readonly string[] = []): string | undefined {
      if (!value) return undefined;
      const inner = unwrap(value);
      const info = classifyToken(sourceCode, inner);
      if (info && TOKEN_KINDS.has(info.kind)) return info.kind;
      const issued = issuedTokenOf(sourceCode, inner);
      if (!issued) return undefined;
      return [...names, ...issued.names, ...oneTimeLinkContext(url)].some(namesOneTimeLink) ? undefined : 'issued';
    }

    /** The kind of token a query parameter carries, by its name or (for generic names) its value. */
    function tokenInParam(entry: Param, url: TSESTree.Node): string | undefined {
      const { name, valueNode: value } = entry;
      // `?${KEY}=${value}`: the value decides; an ID token may be a logout hint.
      if (entry.nameUnknown) {
        const kind = credentialOf(value, url);
        return kind === 'id' ? undefined : kind;
      }
      const lower = name.toLowerCase();
      if (ALLOWED_NAMES.has(lower)) return undefined;
      if (lower === 'state') return tokenAsState(value);
      const byName = tokenKindFromName(name);
      if (byName && TOKEN_KINDS.has(byName)) return byName;
      if (!GENERIC_TOKEN_NAMES.has(lower.replace(/[-_]/g, '')) && !GENERIC_TOKEN_NAMES.has(lower)) return undefined;
      return credentialOf(value, url, [name]);
    }

    /**
     * A token used as the OAuth `state`: an OAuth token, or the user's own session token taken
     * from the request. A signed state (`jwt.sign({ nonce, returnTo })`) is a state, not a credential.
     */
    function tokenAsState(value: TSESTree.Node | undefined): string | undefined {
      if (!value) return undefined;
      const info = classifyToken(sourceCode, unwrap(value));
      if (!info) return undefined;
      if (TOKEN_KINDS.has(info.kind)) return info.kind;
      return info.kind === 'unknown-jwt' && info.fromRequest ? 'unknown-jwt' : undefined;
    }

    /** The token kind named by a query key read (`req.query.access_token`); generic names count when verified. */
    function tokenReadKind(name: string | undefined, read: TSESTree.Node): string | undefined {
      if (!name) return undefined;
      const lower = name.toLowerCase();
      if (ALLOWED_NAMES.has(lower)) return undefined;
      const byName = tokenKindFromName(name);
      if (byName && TOKEN_KINDS.has(byName)) return byName;
      if (GENERIC_TOKEN_NAMES.has(lower) && usedAsBearer(read)) return 'access';
      return undefined;
    }

    /** A generic `token` read is a bearer token when it is verified/decoded or sent as `Bearer …`. */
    function usedAsBearer(read: TSESTree.Node, depth = 0): boolean {
      if (depth > 3) return false;
      // A destructured binding (`const { token } = req.query`): follow its uses.
      const bindingParent = read.parent;
      if (
        read.type === AST_NODE_TYPES.Identifier &&
        (bindingParent?.type === AST_NODE_TYPES.AssignmentPattern ||
          (bindingParent?.type === AST_NODE_TYPES.Property && bindingParent.parent?.type === AST_NODE_TYPES.ObjectPattern))
      ) {
        const variable = findVariable(sourceCode.getScope(read), read);
        return (
          variable?.references.some(
            (reference) => !reference.init && reference.isRead() && usedAsBearer(reference.identifier as TSESTree.Node, depth + 1),
          ) ?? false
        );
      }
      let current: TSESTree.Node = read;
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
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current) {
        const callee = skipWrappers(parent.callee);
        const name =
          callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : callee.type === AST_NODE_TYPES.MemberExpression
              ? memberName(sourceCode, callee)
              : undefined;
        return name !== undefined && VERIFY_CALL.test(name);
      }
      if (parent.type === AST_NODE_TYPES.TemplateLiteral)
        return /bearer\s*$/i.test(parent.quasis[parent.expressions.indexOf(current as TSESTree.Expression)]?.value.cooked ?? '');
      // express-jwt `getToken: (req) => req.query.token`.
      if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) {
        const property = parent.parent;
        return property?.type === AST_NODE_TYPES.Property && propertyKeyName(sourceCode, property) === 'getToken';
      }
      if (parent.type === AST_NODE_TYPES.ReturnStatement) {
        const fn = ancestorFunction(parent);
        const property = fn?.parent;
        return property?.type === AST_NODE_TYPES.Property && propertyKeyName(sourceCode, property) === 'getToken';
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode.getScope(parent.id), parent.id);
        return (
          variable?.references.some(
            (reference) => !reference.init && reference.isRead() && usedAsBearer(reference.identifier as TSESTree.Node, depth + 1),
          ) ?? false
        );
      }
      return false;
    }

    function ancestorFunction(node: TSESTree.Node): TSESTree.Node | undefined {
      for (let current = node.parent; current; current = current.parent) {
        if (
          current.type === AST_NODE_TYPES.FunctionExpression ||
          current.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          current.type === AST_NODE_TYPES.FunctionDeclaration
        )
          return current;
      }
      return undefined;
    }

    /** `req.query`, `ctx.request.query`, `event.queryStringParameters`, `getQuery(event)` … */
    function isQueryObject(node: TSESTree.Node): boolean {
      const inner = skipWrappers(node);
      if (inner.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(sourceCode, inner);
        return name !== undefined && QUERY_KEYS.has(name);
      }
      if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier) {
        return inner.callee.name === 'getQuery' || inner.callee.name === 'useQuery';
      }
      if (inner.type === AST_NODE_TYPES.Identifier) {
        // `const query = req.query` / `const { query } = req` (Next.js pages).
        const definition = definitionOf(sourceCode, inner);
        if (definition !== inner) return isQueryObject(definition);
      }
      return false;
    }

    /** The expression a URLSearchParams / searchParams `.get()` reads from is a query (not a fragment). */
    function isQuerySearchParams(receiver: TSESTree.Node, depth = 0): boolean {
      if (depth > 4) return false;
      const inner = skipWrappers(receiver);
      if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, inner) === 'searchParams') return true;
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const definition = definitionOf(sourceCode, inner);
        if (definition !== inner) return isQuerySearchParams(definition, depth + 1);
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
        return mentionsSearch(inner.arguments[0]);
      }
      return false;
    }

    function isSearchParamsHook(node: TSESTree.Node): boolean {
      const inner = skipWrappers(node);
      return (
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.callee.type === AST_NODE_TYPES.Identifier &&
        inner.callee.name === 'useSearchParams'
      );
    }

    /** `location.search`, `window.location.search.slice(1)`, `req.url.split('?')[1]`: the query, not `location.hash`. */
    function mentionsSearch(node: TSESTree.Node): boolean {
      const text = sourceCode.getText(node);
      if (/\bhash\b/.test(text)) return false;
      return /\bsearch\b/.test(text) || /\?/.test(text);
    }

    function checkMember(node: TSESTree.MemberExpression): void {
      if (!isQueryObject(node.object)) return;
      const name = memberName(sourceCode, node);
      const kind = tokenReadKind(name, node);
      if (kind && !isAssertionOrComparison(node)) report(node, 'tokenFromQuery', kind);
    }

    function checkCall(node: TSESTree.CallExpression): void {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && node.arguments[0]) {
        const method = memberName(sourceCode, callee);
        const name = method === 'get' || method === 'query' || method === 'getAll' ? stringValue(sourceCode, node.arguments[0]) : undefined;
        if (name !== undefined && /^[\w.-]{1,64}$/.test(name)) {
          // Hono `c.req.query('access_token')`, `url.searchParams.get('access_token')`, `new URLSearchParams(location.search).get(…)`.
          const fromQuery =
            method === 'query'
              ? memberName(sourceCode, callee) === 'query' && skipWrappers(callee.object).type === AST_NODE_TYPES.MemberExpression
              : isQuerySearchParams(callee.object);
          const kind = fromQuery ? tokenReadKind(name, node) : undefined;
          if (kind && !isAssertionOrComparison(node)) report(node, 'tokenFromQuery', kind);
          return;
        }
      }
      // passport-jwt `ExtractJwt.fromUrlQueryParameter('token')`.
      const origin = calleeOrigin(sourceCode, node);
      if (origin && TOKEN_FROM_QUERY_EXTRACTORS.some((pattern) => matchesPattern(origin, pattern)))
        report(node, 'tokenFromQuery', 'access');
    }

    function checkDestructuring(node: TSESTree.VariableDeclarator): void {
      if (node.id.type !== AST_NODE_TYPES.ObjectPattern || !node.init || !isQueryObject(node.init)) return;
      for (const property of node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const name = propertyKeyName(sourceCode, property);
        const binding = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        const kind = tokenReadKind(name, binding);
        if (kind) report(property, 'tokenFromQuery', kind);
      }
    }

    return {
      MemberExpression: checkMember,
      CallExpression: checkCall,
      VariableDeclarator: checkDestructuring,
      'Program:exit'() {
        for (const { param, url } of urlQueryParams(sourceCode)) {
          const kind = tokenInParam(param, url);
          if (!kind || isAssertionOrComparison(param.reportNode)) continue;
          report(param.reportNode, 'tokenInQuery', kind);
        }
        // Library-built authorization requests: `generateAuthUrl({ state: accessToken })`.
        for (const request of authorizationRequests(sourceCode)) {
          if (request.source === 'url') continue;
          const state = requestParam(request, 'state');
          if (state.state !== 'present') continue;
          const kind = tokenAsState(state.valueNode);
          if (kind && !isAssertionOrComparison(state.reportNode)) report(state.reportNode, 'tokenInQuery', kind);
        }
        // A token as a whole path segment of a URL that is redirected to, requested, or absolute.
        for (const { valueNode, url, absolute } of urlPathValues(sourceCode)) {
          if (!absolute && !urlDestinationOf(sourceCode, url)) continue;
          const kind = credentialOf(valueNode, url);
          if (kind && !isAssertionOrComparison(url)) report(valueNode, 'tokenInPath', kind);
        }
      },
    };
  },
});
