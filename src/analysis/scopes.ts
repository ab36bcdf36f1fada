/**
 * Requested OAuth scopes: what they are, where they are written, and which IdP they go to.
 *
 *   scopeTokens(sc, expr)        the scopes an expression holds, each with the node that
 *                                wrote it: a string (space- or comma-separated list), an
 *                                array (through consts and spreads), `LIST.join(' ')`,
 *                                `encodeURIComponent(...)`, templates with constant parts
 *   scopeQuery(sc, expr)         the `scope=` parameter of a URL or form string, with the
 *                                IdP of the URL's host
 *   isScopeKey(name)             `scope`, `scopes`, `defaultScopes`, `GMAIL_SCOPES`, …
 *   idpsAround(sc, node)         the IdPs the code around a node talks to: provider
 *                                calls (`GitHub({...})`, `new GitHubStrategy`), provider
 *                                names (`provider: 'github'`, `authenticate('github')`,
 *                                grant-style `github: { scope }`), URLs in sibling options
 *   fileIdps(sc)                 the IdPs a file talks to (imports, URL hosts in strings)
 *   broadScopeFindings(sc, opts) the over-broad (catalog) or forbidden (`opts.forbid`) scopes
 *                                a file requests, one finding per line
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AUTHORIZATION_SERVER_MODULES } from '../knowledge/oauth-libraries';
import {
  DENYLIST_NAME,
  IDP_MODULES,
  IDP_NAMES,
  IDP_SCOPE_SPELLING,
  OAUTH_HOLDERS,
  OAUTH_SIBLINGS,
  OAUTH_WORDS,
  OIDC_SCOPES,
  globToRegExp,
  idpOfScopeSpelling,
  idpOfUrl,
  matchBroadScope,
  normaliseScope,
  type BroadScopeEntry,
  type Idp,
} from '../knowledge/scopes';
import { authorizationRequests } from './authorization';
import { fileFacts } from './file-facts';
import { calleeOrigin, localFunction, memberName, propertyKeyName, returnedExpressions, skipWrappers } from './modules';
import { tokenRequests } from './token-requests';
import { decodeQueryText, param } from './urls';
import { arrayElements, definitionOf, stringParts, stringValue, type StringPart } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export interface ScopeToken {
  readonly scope: string;
  /** Where the scope was written: the array element, or the literal holding the list. */
  readonly node: Node;
}

const MAX_DEPTH = 8;
const SEPARATORS = /[\s,]+/;

/** A report node for a string part: template quasis report at their template. */
function partNode(part: StringPart): Node {
  return part.node.type === AST_NODE_TYPES.TemplateElement ? part.node.parent : part.node;
}

function splitScopes(text: string): string[] {
  return text.split(SEPARATORS).filter((scope) => scope.length > 0);
}

/** Scopes held by a string expression, tokens cut at unknown holes are dropped. */
function stringScopes(sourceCode: SourceCode, node: Node): ScopeToken[] {
  const parts = stringParts(sourceCode, node);
  if (parts.every((part) => part.text !== undefined)) {
    const text = parts.map((part) => part.text).join('');
    const at = parts.length === 1 ? partNode(parts[0]) : definitionOf(sourceCode, node);
    return splitScopes(text).map((scope) => ({ scope, node: at }));
  }
  const tokens: ScopeToken[] = [];
  parts.forEach((part, index) => {
    if (part.text === undefined) return;
    const scopes = splitScopes(part.text);
    // A token touching an unknown hole may continue into it: not a whole scope.
    if (index > 0 && !/^[\s,]/.test(part.text)) scopes.shift();
    if (index < parts.length - 1 && !/[\s,]$/.test(part.text)) scopes.pop();
    for (const scope of scopes) tokens.push({ scope, node: partNode(part) });
  });
  return tokens;
}

/** The scopes an expression holds; unknown pieces are skipped. */
export function scopeTokens(sourceCode: SourceCode, input: Node | undefined, depth = 0): ScopeToken[] {
  if (!input || depth > MAX_DEPTH) return [];
  const node = skipWrappers(input);
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return [...scopeTokens(sourceCode, node.consequent, depth + 1), ...scopeTokens(sourceCode, node.alternate, depth + 1)];
  }
  // `scope || 'repo'`: the fallback is requested whenever the caller names none.
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&') {
    return [...scopeTokens(sourceCode, node.left, depth + 1), ...scopeTokens(sourceCode, node.right, depth + 1)];
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(node.callee);
    // encodeURIComponent(SCOPES.join(' ')), String(x)
    if (
      callee.type === AST_NODE_TYPES.Identifier &&
      /^(?:encodeURIComponent|encodeURI|String)$/.test(callee.name) &&
      node.arguments.length === 1
    ) {
      return scopeTokens(sourceCode, node.arguments[0], depth + 1);
    }
    // SCOPES.join(' ') / [...].join(',')
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'join') {
      return scopeTokens(sourceCode, callee.object, depth + 1);
    }
    // A local helper that builds the list: `graphScopes(['Mail.ReadWrite'])` returning
    // `['User.Read', ...extra]` requests what it returns and what it is given.
    const helper = localFunction(sourceCode, callee);
    if (helper) {
      const returned = (returnedExpressions(helper) ?? []).flatMap((expression) => {
        const inner = skipWrappers(expression);
        if (inner.type !== AST_NODE_TYPES.ArrayExpression) return scopeTokens(sourceCode, inner, depth + 1);
        return inner.elements.flatMap((element) =>
          !element ? [] : scopeTokens(sourceCode, element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1),
        );
      });
      const given = node.arguments.flatMap((argument) =>
        argument.type === AST_NODE_TYPES.SpreadElement ? [] : scopeTokens(sourceCode, argument, depth + 1),
      );
      return [...returned, ...given];
    }
    return [];
  }
  const elements = arrayElements(sourceCode, node);
  if (elements) return elements.flatMap((element) => scopeTokens(sourceCode, element, depth + 1));
  const definition = definitionOf(sourceCode, node);
  if (
    definition !== node &&
    (definition.type === AST_NODE_TYPES.CallExpression || definition.type === AST_NODE_TYPES.ConditionalExpression)
  ) {
    return scopeTokens(sourceCode, definition, depth + 1);
  }
  if (
    definition.type === AST_NODE_TYPES.Literal ||
    definition.type === AST_NODE_TYPES.TemplateLiteral ||
    (definition.type === AST_NODE_TYPES.BinaryExpression && definition.operator === '+')
  ) {
    return stringScopes(sourceCode, node);
  }
  return [];
}

export interface ScopeQuery {
  readonly tokens: ScopeToken[];
  /** The IdP of the URL's host, when the string starts with one. */
  readonly idp: Idp | undefined;
}

const SCOPE_PARAM = /(?:^|[?&])scope=([^&#]{0,2000})/;

/** The `scope=` parameter of a URL or form-encoded string (`?…&scope=repo%20user`). */
export function scopeQuery(sourceCode: SourceCode, node: Node): ScopeQuery | undefined {
  const parts = stringParts(sourceCode, node);
  const allKnown = parts.every((part) => part.text !== undefined);
  // Consecutive known parts form one run of text; unknown holes separate runs.
  const runs: { text: string; parts: StringPart[]; hole: StringPart | undefined }[] = [];
  for (const part of parts) {
    const last = runs.at(-1);
    if (part.text === undefined) {
      if (last && !last.hole) last.hole = part;
      else runs.push({ text: '', parts: [], hole: part });
    } else if (last && !last.hole) {
      last.text += part.text;
      last.parts.push(part);
    } else {
      runs.push({ text: part.text, parts: [part], hole: undefined });
    }
  }
  const idp = runs[0]?.text ? idpOfUrl(runs[0].text) : undefined;
  for (const run of runs) {
    if (!run.text.includes('scope=')) continue;
    const match = SCOPE_PARAM.exec(run.text);
    if (!match) continue;
    const value = match[1];
    const at = allKnown ? definitionOf(sourceCode, node) : run.parts.length === 1 ? partNode(run.parts[0]) : node;
    const tokens: ScopeToken[] = splitScopes(decodeQueryText(value)).map((scope) => ({ scope, node: at }));
    // `scope=${SCOPES}` or `scope=openid%20${extra}`: the hole continues the value.
    if (match.index + match[0].length === run.text.length && run.hole) {
      if (value.length > 0 && !/(?:%20|\+|,)$/.test(value)) tokens.pop();
      tokens.push(...scopeTokens(sourceCode, run.hole.node));
    }
    return { tokens, idp };
  }
  return undefined;
}

/** Keys and names that hold requested scopes. */
export function isScopeKey(name: string | undefined): boolean {
  if (!name) return false;
  return /^(?:scopes?|[a-z][A-Za-z0-9]{0,40}Scopes?|[a-z][a-z0-9]{0,20}_scopes?|[A-Z][A-Z0-9_]{0,40}_SCOPES?|SCOPES?)$/.test(name);
}

/** Exactly `scope`/`scopes` (any case): the parameter itself, not a name that mentions it. */
export function isExactScopeKey(name: string | undefined): boolean {
  // Slack's OAuth v2 sends user scopes as `user_scope`.
  return name !== undefined && /^(?:user_)?scopes?$/i.test(name);
}

function idpOfModule(module: string): Idp | undefined {
  // next-auth/providers/github, @auth/core/providers/google, @auth/sveltekit/providers/okta
  const provider = /\/providers\/([a-z0-9-]+)/.exec(module);
  if (provider) return IDP_NAMES[provider[1]];
  for (const [prefix, idp] of IDP_MODULES) if (module === prefix || module.startsWith(`${prefix}/`)) return idp;
  return undefined;
}

function idpOfName(text: string | undefined): Idp | undefined {
  if (!text) return undefined;
  return Object.hasOwn(IDP_NAMES, text.toLowerCase()) ? IDP_NAMES[text.toLowerCase()] : undefined;
}

const PROVIDER_NAME_KEYS = new Set(['provider', 'id', 'strategy', 'type', 'name', 'idp', 'connection']);

/** IdPs named by an object's own options: provider names and URLs in string values. */
function idpsOfObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression, into: Set<Idp>): void {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = skipWrappers(property.value);
    if (value.type !== AST_NODE_TYPES.Literal && value.type !== AST_NODE_TYPES.TemplateLiteral && value.type !== AST_NODE_TYPES.Identifier)
      continue;
    const parts = stringParts(sourceCode, value);
    const first = parts[0]?.text;
    if (first === undefined) continue;
    const key = propertyKeyName(sourceCode, property);
    const named = key && PROVIDER_NAME_KEYS.has(key) && parts.length === 1 ? idpOfName(first) : undefined;
    const idp = named ?? idpOfUrl(first);
    if (idp) into.add(idp);
  }
}

/**
 * The IdPs the code around `node` talks to, nearest construct first: the first ancestor
 * that names one decides.
 */
export function idpsAround(sourceCode: SourceCode, node: Node): Set<Idp> {
  const found = new Set<Idp>();
  let current: Node | undefined = node.parent;
  for (let depth = 0; current && depth < 14 && found.size === 0; depth++, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ObjectExpression:
        idpsOfObject(sourceCode, current, found);
        break;
      case AST_NODE_TYPES.Property: {
        // grant / bell style: `{ github: { key, secret, scope: [...] } }`
        const idp = idpOfName(propertyKeyName(sourceCode, current));
        if (idp) found.add(idp);
        break;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        const origin = calleeOrigin(sourceCode, current);
        const idp = origin ? idpOfModule(origin.module) : undefined;
        if (idp) found.add(idp);
        // passport.authenticate('github', { scope }), signIn('google', …, { scope })
        for (const argument of current.arguments) {
          if (argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') {
            const named = idpOfName(argument.value) ?? idpOfUrl(argument.value);
            if (named) found.add(named);
          }
        }
        break;
      }
      case AST_NODE_TYPES.Program:
        return found;
      default:
        break;
    }
  }
  return found;
}

// Host names in URL strings, one linear scan of the text.
const URL_HOSTS = /https?:\/\/([a-z0-9.-]{1,253})(\/api\/v2)?/gi;
/**
 * Configuration names that say which IdP an OAuth client talks to: `GITHUB_CLIENT_ID`,
 * `process.env.GOOGLE_CLIENT_SECRET`, `GITHUB_OAUTH_URL`, `SLACK_APP_ID` (upper snake case,
 * as environment variables are written).
 */
const IDP_CONFIG_NAME = /\b([A-Z]{2,12}(?:_AD)?)_(?:OAUTH|CLIENT|APP)_[A-Z_]{0,20}/g;

/** The IdPs a file talks to: its imports, the hosts of URLs in its text, its IdP client settings. */
export function fileIdps(sourceCode: SourceCode): ReadonlySet<Idp> {
  return fileFacts(sourceCode).memo('scopes:fileIdps', () => {
    const idps = new Set<Idp>();
    for (const module of fileFacts(sourceCode).modules) {
      const idp = idpOfModule(module);
      if (idp) idps.add(idp);
    }
    for (const match of sourceCode.text.matchAll(URL_HOSTS)) {
      const idp = idpOfUrl(`https://${match[1]}${match[2] ?? ''}`);
      if (idp) idps.add(idp);
    }
    for (const match of sourceCode.text.matchAll(IDP_CONFIG_NAME)) {
      const idp = Object.hasOwn(IDP_NAMES, match[1].toLowerCase()) ? IDP_NAMES[match[1].toLowerCase()] : undefined;
      if (idp) idps.add(idp);
    }
    return idps;
  });
}

/** IdPs revealed by the spelling of the other scopes in the same request. */
export function idpsOfScopeList(tokens: readonly ScopeToken[]): Set<Idp> {
  const idps = new Set<Idp>();
  for (const token of tokens) {
    const idp = idpOfScopeSpelling(token.scope);
    if (idp) idps.add(idp);
  }
  return idps;
}

export interface BroadScopeOptions {
  /** Extra scopes to report wherever requested (`*` globs). */
  readonly forbid?: readonly string[];
  /** Catalog scopes the project accepts (`*` globs). */
  readonly allow?: readonly string[];
}

export interface BroadScopeFinding {
  readonly node: Node;
  /** The scopes found on that line, in source order. */
  readonly scopes: readonly string[];
  /** The catalog entry of the first one; undefined when it is forbidden by `forbid`. */
  readonly entry: BroadScopeEntry | undefined;
}

interface ScopeHit {
  readonly node: Node;
  readonly scope: string;
  readonly entry: BroadScopeEntry | undefined;
}

/** An object that is an OAuth request or client config: OAuth siblings, an OAuth holder key, or an IdP call around it. */
function isOAuthObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && OAUTH_SIBLINGS.has(propertyKeyName(sourceCode, property) ?? '')) return true;
  }
  const holder = object.parent;
  if (holder?.type === AST_NODE_TYPES.Property && OAUTH_HOLDERS.has(propertyKeyName(sourceCode, holder) ?? '')) return true;
  return idpsAround(sourceCode, object).size > 0;
}

const hasOidcScope = (tokens: readonly ScopeToken[]): boolean => tokens.some((token) => OIDC_SCOPES.test(token.scope));
const isConcatenation = (node: Node | undefined): boolean => node?.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+';

/** The scopes requested at one node, and whether the place is the scope parameter itself (`strong`) rather than a name. */
type ScopePlace = { readonly tokens: ScopeToken[]; readonly strong: boolean; readonly idp?: Idp } | undefined;

function scopePlace(sourceCode: SourceCode, node: Node): ScopePlace {
  switch (node.type) {
    case AST_NODE_TYPES.Property: {
      const object = node.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const key = propertyKeyName(sourceCode, node);
      if (!isScopeKey(key) || DENYLIST_NAME.test(key ?? '')) return undefined;
      const tokens = scopeTokens(sourceCode, node.value);
      return { tokens, strong: isExactScopeKey(key) && (isOAuthObject(sourceCode, object) || hasOidcScope(tokens)) };
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init || !isScopeKey(node.id.name) || DENYLIST_NAME.test(node.id.name))
        return undefined;
      const tokens = scopeTokens(sourceCode, node.init);
      return { tokens, strong: /scopes?$/i.test(node.id.name) && hasOidcScope(tokens) };
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      // `url.searchParams.scope = …` is rare; `config.scope = 'admin'` is an option write.
      if (node.left.type !== AST_NODE_TYPES.MemberExpression || !isScopeKey(memberName(sourceCode, node.left))) return undefined;
      return { tokens: scopeTokens(sourceCode, node.right), strong: isExactScopeKey(memberName(sourceCode, node.left)) };
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      // A class field of a client's config (`scope = 'repo user'`), like `this.scope = …`.
      const key = propertyKeyName(sourceCode, node);
      if (!node.value || !isScopeKey(key) || DENYLIST_NAME.test(key ?? '')) return undefined;
      return { tokens: scopeTokens(sourceCode, node.value), strong: isExactScopeKey(key) };
    }
    case AST_NODE_TYPES.CallExpression: {
      // params.set('scope', …) / searchParams.append('scope', …)
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || node.arguments.length < 2) return undefined;
      const method = memberName(sourceCode, callee);
      if ((method !== 'set' && method !== 'append') || !isExactScopeKey(stringValue(sourceCode, node.arguments[0]))) return undefined;
      return { tokens: scopeTokens(sourceCode, node.arguments[1]), strong: true };
    }
    case AST_NODE_TYPES.JSXAttribute: {
      if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || !isScopeKey(node.name.name) || !node.value) return undefined;
      const value = node.value.type === AST_NODE_TYPES.JSXExpressionContainer ? node.value.expression : node.value;
      if (value.type === AST_NODE_TYPES.JSXEmptyExpression) return undefined;
      return { tokens: scopeTokens(sourceCode, value), strong: isExactScopeKey(node.name.name) };
    }
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression: {
      // A `scope=` query in URL text: the outermost piece of a concatenation is read once.
      if (isConcatenation(node.parent)) return undefined;
      const mentionsScope =
        node.type === AST_NODE_TYPES.Literal
          ? typeof node.value === 'string' && node.value.includes('scope=')
          : node.type === AST_NODE_TYPES.TemplateLiteral
            ? node.quasis.some((quasi) => (quasi.value.cooked ?? '').includes('scope='))
            : node.operator === '+' && sourceCode.getText(node).includes('scope=');
      const query = mentionsScope ? scopeQuery(sourceCode, node) : undefined;
      return query && { tokens: query.tokens, strong: true, idp: query.idp };
    }
    default:
      return undefined;
  }
}

const SCOPE_PLACES = [
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.JSXAttribute,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.BinaryExpression,
] as const;

/** Module-level: a regex literal is a new object at each evaluation, and gates are cached per pattern object. */
const SCOPE_WORD = /scope/i;

/** Whether a string of the file (not a comment: a repository URL in a header) has an IdP-specific scope spelling. */
function stringsSpellIdpScopes(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  const spells = (text: string | null | undefined): boolean => typeof text === 'string' && IDP_SCOPE_SPELLING.test(text);
  return (
    facts.nodesOfType(AST_NODE_TYPES.Literal).some((literal) => spells(typeof literal.value === 'string' ? literal.value : undefined)) ||
    facts.nodesOfType(AST_NODE_TYPES.TemplateElement).some((element) => spells(element.value.cooked))
  );
}

function computeBroadScopes(sourceCode: SourceCode, options: BroadScopeOptions): BroadScopeFinding[] {
  // Reached through broadScopeFindings, past scopeChecksApply.
  const facts = fileFacts(sourceCode);
  const oauthFile = facts.mentions(OAUTH_WORDS);
  // Outside OAuth code only IdP-specific scope spellings count (URLs, Graph-style names).
  if (!oauthFile && !stringsSpellIdpScopes(sourceCode)) return [];
  const forbid = (options.forbid ?? []).map((pattern) => globToRegExp(normaliseScope(pattern)));
  const allow = (options.allow ?? []).map((pattern) => globToRegExp(normaliseScope(pattern)));
  const hits = new Map<Node, ScopeHit[]>();

  const add = (hit: ScopeHit): void => {
    const list = hits.get(hit.node) ?? [];
    if (!list.some((existing) => existing.scope === hit.scope)) list.push(hit);
    hits.set(hit.node, list);
  };

  /** Weighs the scopes found at one place; `strong` says the place is a scope parameter, not a name. */
  function consider(tokens: readonly ScopeToken[], location: Node, strong: boolean, extraIdp?: Idp): void {
    if (tokens.length === 0) return;
    let contextIdps: Set<Idp> | undefined;
    const idpsInContext = (): Set<Idp> => {
      if (contextIdps) return contextIdps;
      contextIdps = idpsOfScopeList(tokens);
      for (const idp of idpsAround(sourceCode, location)) contextIdps.add(idp);
      if (extraIdp) contextIdps.add(extraIdp);
      if (contextIdps.size === 0) for (const idp of fileIdps(sourceCode)) contextIdps.add(idp);
      return contextIdps;
    };
    for (const token of tokens) {
      const normalised = normaliseScope(token.scope);
      if (forbid.some((pattern) => pattern.test(normalised))) {
        add({ node: token.node, scope: token.scope, entry: undefined });
        continue;
      }
      if (!oauthFile && !/^https?:\/\//.test(token.scope) && !/^[A-Z]/.test(token.scope)) continue;
      const entry = matchBroadScope(token.scope, idpsInContext());
      if (!entry || allow.some((pattern) => pattern.test(normalised))) continue;
      // `all`, `admin`, `*` are broad only as the value of a scope parameter.
      if (entry.idp === 'generic' && (!strong || !oauthFile)) continue;
      add({ node: token.node, scope: token.scope, entry });
    }
  }

  for (const node of facts.nodesOfType(...SCOPE_PLACES)) {
    const place = scopePlace(sourceCode, node);
    if (place) consider(place.tokens, node, place.strong, place.idp);
  }
  // Requests the shared request analyses found (library calls, URL/params constructions)
  // whose scope parameter is a value of its own; strings were read above.
  for (const request of [...authorizationRequests(sourceCode), ...tokenRequests(sourceCode)]) {
    const scope = param(request.params, 'scope');
    if (scope.state !== 'present' || request.params?.kind === 'string' || scope.valueNode === request.params?.node) continue;
    consider(scopeTokens(sourceCode, scope.valueNode), request.node, true);
  }
  // One finding per line: a line with two broad scopes is one place to fix.
  const byLine = new Map<number, ScopeHit[]>();
  for (const list of hits.values()) {
    for (const hit of list) byLine.set(hit.node.loc.start.line, [...(byLine.get(hit.node.loc.start.line) ?? []), hit]);
  }
  return [...byLine.values()].map((list) => {
    list.sort((a, b) => a.node.range[0] - b.node.range[0]);
    return { node: list[0].node, scopes: [...new Set(list.map((hit) => hit.scope))], entry: list[0].entry };
  });
}

/** The over-broad or forbidden scopes a file requests, one finding per line (shared per file and options). */
export function broadScopeFindings(sourceCode: SourceCode, options: BroadScopeOptions = {}): readonly BroadScopeFinding[] {
  if (!scopeChecksApply(sourceCode)) return [];
  return fileFacts(sourceCode).memo(memoKey(options), () => computeBroadScopes(sourceCode, options));
}

/**
 * The cheap gate, from the text and imports alone: the file writes the word every scope
 * request carries, is no authorization server (they declare scopes, they do not request
 * them), and is OAuth code or spells an IdP-specific scope somewhere.
 */
export function scopeChecksApply(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return (
    facts.mentions(SCOPE_WORD) &&
    !facts.importsAny(AUTHORIZATION_SERVER_MODULES) &&
    (facts.mentions(OAUTH_WORDS) || facts.mentions(IDP_SCOPE_SPELLING))
  );
}

/** The options object a rule gets is the same for every file: its memo key is spelled once. */
const memoKeys = new WeakMap<BroadScopeOptions, string>();

function memoKey(options: BroadScopeOptions): string {
  let key = memoKeys.get(options);
  if (key === undefined) {
    key = `scopes:broad:${JSON.stringify([options.forbid ?? [], options.allow ?? []])}`;
    memoKeys.set(options, key);
  }
  return key;
}
