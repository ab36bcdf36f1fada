/**
 * The `state` check of OAuth client code (require-state-check), as plain findings:
 *
 * - an authorization request that sends no `state` (or a library configured to send none:
 *   passport-oauth2 without `state: true`, next-auth `checks` without 'state');
 * - a code exchange whose callback never compares the returned state — in this file, or when
 *   the redirect's code is handed to a helper of another module that exchanges it unchecked;
 * - switches that turn a library's check off (`skipStateCheck`, `expectNoState`,
 *   `disableOAuth2StateCheck: true`);
 * - a browser callback that takes a token or code out of the redirect URL without comparing
 *   the state there (implicit and hybrid flows).
 *
 * `stateChecksApply` is the cheap file gate; `stateCheckFindings` lists the findings in the
 * order they are to be reported (the first finding at a node wins).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { authorizationRequests, isCodeFlow, requestParam, writtenChecks, type AuthorizationRequest } from './authorization';
import { callbackOf, checksState, handsCodeToUncheckedExchange } from './callbacks';
import { calledFunction, importedDefinition, isProjectModule } from './functions';
import { envRead } from './environment';
import { fileFacts } from './file-facts';
import { fileInfo } from './project/files';
import { importersOf } from './project/importers';
import { enclosingFunctionOrProgram, type FunctionNode } from './ast';
import {
  calleeOrigin,
  GLOBAL_MODULE,
  isHttpClientOrigin,
  matchesPattern,
  memberName,
  originOf,
  propertyKeyName,
  skipWrappers,
} from './modules';
import { readOnlyToDisplay } from './display-only';
import { jwtFacts } from './jwt';
import { handsBackState, readsSdkResult, redirectReads, uncheckedAt, type RedirectParam, type RedirectRead } from './redirect-reads';
import { tokenRequests, type TokenRequest } from './token-requests';
import { booleanValue, definitionOf, descendants, getProperty, objectLiteral } from './values';
import { requestInput } from './request-input';
import { AUTH_QUERY_HINT, QUERY_CONSTANT } from '../knowledge/randomness';
import {
  AUTHORIZATION_CLIENT_MODULES,
  AUTH_RESPONSE_VALIDATORS,
  EXCHANGE_AFTER_VALIDATION_LIBRARIES,
  EXPECT_NO_STATE_SYMBOLS,
  NEXTAUTH_LIBRARY,
  OAUTH_CLIENT_LIBRARY_MENTIONS,
  PASSPORT_OAUTH2_LIBRARY,
  STATE_CHECK_SKIP_SYMBOLS,
} from '../knowledge/oauth-libraries';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type StateFindingKind =
  | 'missingState'
  | 'constantState'
  | 'stateNotCompared'
  | 'stateCheckSkipped'
  | 'stateOptionOff'
  | 'checksWithoutState'
  | 'expectsNoState'
  | 'redirectReadWithoutState';

export interface StateFinding {
  readonly node: Node;
  readonly kind: StateFindingKind;
  /** `stateCheckSkipped`: the switch (`what`); `stateOptionOff`: the library (`library`). */
  readonly data?: Readonly<Record<string, string>>;
  /** `redirectReadWithoutState`: what the callback takes out of the URL. */
  readonly param?: RedirectParam;
}

export interface StateCheckOptions {
  /** PKCE (code_challenge sent, code_verifier checked) stands in for the state. */
  readonly allowPkceInsteadOfState: boolean;
}

/** Words of OAuth client code; with the client libraries' names, what makes a file worth reading. */
const OAUTH_WORDS =
  /authoriz|oauth|openid|oidc|grant_?type|response_?type|client_?id|redirect_?uri|code_?verifier|generateAuthUrl|getAuthCodeUrl|validateAuthResponse|callbackParams|acquireTokenByCode|access_?token|id_?token|launchWebAuthFlow/i;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const HINT = new RegExp(`${OAUTH_WORDS.source}|${OAUTH_CLIENT_LIBRARY_MENTIONS.map(escapeRegExp).join('|')}`, 'i');
const CODE_MENTION = /\bcode\b/;
const AUTH_RESPONSE_VALIDATOR_MENTION = /validateAuthResponse/;
/** A module that handles OAuth tokens: a `code` in its URL is an authorization code. */
const OAUTH_CONTEXT = /oauth|authori[sz]|access_?token|refresh_?token|id_?token|client_?id|redirect_?uri|openid|oidc/i;
/** Pages that take one-time codes from links (reset, confirmation, invitation, coupon): their `code` is not OAuth's. */
const ONE_TIME_CODE_CONTEXT =
  /password|reset|confirm|invit|coupon|promo|voucher|referral|magic.?link|verification.?code|verify.?email|\botp\b/i;
/** Calls that only log a value: the code is not sent on. */
const LOGGING_ROOTS = new Set(['console', 'logger', 'log', 'debug']);
/** Browser calls that keep a value (web storage, component state) rather than send it. */
const KEEPS_VALUE = /Storage|setState|useState/;

interface Scope {
  /** The file shows OAuth client code (a client library, or its words). */
  readonly oauthHere: boolean;
  /**
   * The file imports its own modules and reads a `code`, or is OAuth code (which may hand the
   * whole query, `googleCallback(query)`, to an exchange helper there).
   */
  readonly exchangeElsewhere: boolean;
}

/**
 * A page or route named for the OAuth redirect (`pages/callback.tsx`, `app/oauth/page.tsx`,
 * `OAuthCallback.vue`): a `code` it reads is an authorization code even when its text names
 * nothing of OAuth (it posts the code to `/api/token`).
 */
function namedForRedirect(sourceCode: SourceCode): boolean {
  const path = (fileInfo(sourceCode)?.filename ?? '').replace(/\\/g, '/');
  const parts = path.split('/');
  const base = (parts.at(-1) ?? '').replace(/\.[^.]*$/, '');
  // SvelteKit's `+page` and Next's `page`/`route` are named by their folder.
  const names = /^\+?(?:page|route|index|server)(?:\.server)?$/.test(base) ? [parts.at(-2) ?? ''] : [base];
  return names.some((name) => REDIRECT_PAGE_NAME.test(name));
}
const REDIRECT_PAGE_NAME = /callback|^oauth|^auth$|signin-?redirect|login-?redirect/i;

function scopeOf(sourceCode: SourceCode): Scope {
  const facts = fileFacts(sourceCode);
  const oauthHere =
    facts.importsAny(AUTHORIZATION_CLIENT_MODULES) ||
    facts.mentions(HINT) ||
    (facts.mentions(CODE_MENTION) && namedForRedirect(sourceCode));
  return {
    oauthHere,
    exchangeElsewhere: facts.importsProjectModules && (oauthHere || facts.mentions(CODE_MENTION)),
  };
}

/** The cheap file gate: OAuth client code here, or a code that may go to an exchange in another module. */
export function stateChecksApply(sourceCode: SourceCode): boolean {
  const scope = scopeOf(sourceCode);
  return scope.oauthHere || scope.exchangeElsewhere;
}

/** Every state-check finding of the file (memoised per file and option). */
export function stateCheckFindings(sourceCode: SourceCode, options: StateCheckOptions): readonly StateFinding[] {
  const allowPkce = options.allowPkceInsteadOfState;
  return fileFacts(sourceCode).memo(`state-checks:${allowPkce}`, () => computeFindings(sourceCode, allowPkce));
}

function computeFindings(sourceCode: SourceCode, allowPkce: boolean): StateFinding[] {
  const facts = fileFacts(sourceCode);
  const { oauthHere, exchangeElsewhere } = scopeOf(sourceCode);
  const findings: StateFinding[] = [];
  if (oauthHere && facts.mentions(AUTH_RESPONSE_VALIDATOR_MENTION)) {
    for (const call of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) validateAuthResponseFindings(sourceCode, call, findings);
  }
  if (exchangeElsewhere) {
    for (const call of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) {
      if (call.arguments.length > 0 && handsCodeToUncheckedExchange(sourceCode, call))
        findings.push({ node: call, kind: 'stateNotCompared' });
    }
  }
  if (!oauthHere) {
    // A page with no OAuth words of its own that hands the redirect's code to a login helper of the project.
    if (exchangeElsewhere) redirectReadFindings(sourceCode, findings, false);
    return findings;
  }
  for (const request of authorizationRequests(sourceCode)) authorizationRequestFindings(sourceCode, request, allowPkce, findings);
  for (const request of tokenRequests(sourceCode)) exchangeFindings(sourceCode, request, allowPkce, findings);
  redirectReadFindings(sourceCode, findings, true);
  return findings;
}

function isSymbolOf(sourceCode: SourceCode, node: Node, symbols: readonly string[]): boolean {
  const origin = originOf(sourceCode, node);
  return origin !== undefined && symbols.some((pattern) => matchesPattern(origin, pattern));
}

function authorizationRequestFindings(
  sourceCode: SourceCode,
  request: AuthorizationRequest,
  allowPkce: boolean,
  findings: StateFinding[],
): void {
  const knowledge = request.knowledge;
  if (request.library === NEXTAUTH_LIBRARY) {
    const values = writtenChecks(sourceCode, request);
    if (!values || request.checks?.status !== 'present') return;
    if (values.includes('state') || (allowPkce && values.includes('pkce'))) return;
    findings.push({ node: request.checks.property, kind: 'checksWithoutState' });
    return;
  }
  const library = knowledge?.library ?? PASSPORT_OAUTH2_LIBRARY;
  switch (knowledge?.state.mode ?? 'params') {
    case 'params': {
      // A constant state protects nothing, whatever the flow (the implicit flow's tokens are injected alike).
      const constant = constantStateWritten(sourceCode, request, allowPkce);
      if (constant) {
        // A `const` written apart from the URL is require-secure-random's (constantStatesApart); the request is ours.
        findings.push({ node: within(constant, request.node) ? constant : request.node, kind: 'constantState' });
        return;
      }
      // The code flow's request (rules.md); the implicit flow's missing state is reported where its
      // callback reads the token. A response type read from configuration
      // (`response_type=${env.RESPONSE_TYPE}`) may be the code flow, and is when a PKCE challenge goes with it.
      if (isCodeFlow(request) === false) return;
      if (requestParam(request, 'state').state !== 'absent') return;
      if (allowPkce && requestParam(request, 'code_challenge').state === 'present') return;
      findings.push({ node: request.node, kind: 'missingState' });
      return;
    }
    case 'option': {
      // passport-oauth2: no state unless `state: true`, a `store`, or `pkce: true` (which brings its state store).
      if (!request.options || !objectLiteral(sourceCode, request.options)) return;
      const state = getProperty(sourceCode, request.options, 'state');
      if (state.status === 'present') {
        if (booleanValue(sourceCode, state.value) === false)
          findings.push({ node: state.property, kind: 'stateOptionOff', data: { library } });
        return;
      }
      if (state.status === 'unknown') return;
      if (getProperty(sourceCode, request.options, 'store').status !== 'absent') return;
      const pkce = getProperty(sourceCode, request.options, 'pkce');
      if (pkce.status === 'unknown' || (pkce.status === 'present' && booleanValue(sourceCode, pkce.value) !== false)) return;
      findings.push({ node: request.node, kind: 'stateOptionOff', data: { library } });
      return;
    }
    case 'builtin': {
      // angular-oauth2-oidc `disableOAuth2StateCheck: true`.
      if (!request.options) return;
      const off = getProperty(sourceCode, request.options, 'disableOAuth2StateCheck');
      if (off.status === 'present' && booleanValue(sourceCode, off.value) === true)
        findings.push({ node: off.property, kind: 'stateCheckSkipped', data: { what: '`disableOAuth2StateCheck: true`' } });
      return;
    }
    default:
      return;
  }
}

/** `state=` written in a string's own text (a literal or a template's static part). */
const STATE_IN_TEXT = /(?:^|[?&#])state=/;
/** Values that stand for a state filled in later (`state={state}`, `state=STATE`, `state=%s`), not a state. */
const PLACEHOLDER = /[{}<>[\]%$:]|^STATE$/;

/**
 * Where a constant state is written in a hand-built authorization URL: the string that holds
 * `&state=login` as static text (template, concatenation) or the literal of a `const`
 * interpolated after `state=`. A single literal that names the request (`client_id=`,
 * `response_type=`) and the state is require-secure-random's (one finding per place), and so
 * are object properties and `.set('state', …)` calls.
 */
function constantStateWritten(sourceCode: SourceCode, request: AuthorizationRequest, allowPkce: boolean): Node | undefined {
  if (request.library !== 'url') return undefined;
  const state = requestParam(request, 'state');
  if (state.state === 'present' && !(allowPkce && requestParam(request, 'code_challenge').state === 'present')) {
    // `state=${process.env.NEXT_PUBLIC_OAUTH_STATE}`: one value for every login of the deployment,
    // which anyone reads in their own authorization URL (and a public one in the bundle).
    if (envRead(sourceCode, state.valueNode)) return state.valueNode;
  }
  if (state.state !== 'present' || !state.value || PLACEHOLDER.test(state.value)) return undefined;
  if (!stringText(state.valueNode).some((text) => STATE_IN_TEXT.test(text))) return undefined;
  if (allowPkce && requestParam(request, 'code_challenge').state === 'present') return undefined;
  const report = state.reportNode;
  if (report.type === AST_NODE_TYPES.Literal && typeof report.value === 'string') {
    const match = QUERY_CONSTANT.exec(report.value);
    if (match?.[1] === 'state' && AUTH_QUERY_HINT.test(report.value)) return undefined;
  }
  // A URL template whose state is filled in by `.replace('login', …)` later.
  if (sourceCode.text.includes(`replace('${state.value}'`) || sourceCode.text.includes(`replace("${state.value}"`)) return undefined;
  return report;
}

function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/**
 * Constant states written apart from the hand-built authorization URL they go into
 * (`const state = 'some_state'` … `&state=${state}`): require-secure-random reports the
 * constant there, require-state-check the request (one finding per place).
 */
export function constantStatesApart(sourceCode: SourceCode): readonly Node[] {
  return fileFacts(sourceCode).memo('constant-states-apart', () => {
    if (!scopeOf(sourceCode).oauthHere) return [];
    const found: Node[] = [];
    for (const request of authorizationRequests(sourceCode)) {
      const constant = constantStateWritten(sourceCode, request, false);
      if (constant && !within(constant, request.node) && !envRead(sourceCode, constant)) found.push(constant);
    }
    return found;
  });
}

function stringText(node: Node): string[] {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return [node.value];
  if (node.type === AST_NODE_TYPES.TemplateElement) return [node.value.cooked ?? ''];
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? '');
  return [];
}

/** The library's own state check in the exchange call: v5 `checks.state`, v6 `expectedState`. Undefined when not applicable. */
function libraryCheck(
  sourceCode: SourceCode,
  request: TokenRequest,
  findings: StateFinding[],
): 'checked' | 'missing' | 'skipped' | 'unknown' | undefined {
  if (!request.exchange || request.exchange.checksArg === undefined) return undefined;
  const call = request.node as TSESTree.CallExpression;
  const checks = call.arguments[request.exchange.checksArg];
  if (!checks) return 'missing';
  if (!objectLiteral(sourceCode, checks)) return 'unknown';
  for (const key of ['expectedState', 'state']) {
    const found = getProperty(sourceCode, checks, key);
    if (found.status === 'unknown') return 'unknown';
    if (found.status !== 'present') continue;
    if (isSymbolOf(sourceCode, found.value, STATE_CHECK_SKIP_SYMBOLS)) {
      findings.push({ node: found.property, kind: 'stateCheckSkipped', data: { what: 'skipStateCheck' } });
      return 'skipped';
    }
    // `{ state: params.state ?? cookie }`: the callback's own state expected of itself checks nothing.
    if (expectsOwnState(sourceCode, call, found.value)) return 'missing';
    return 'checked';
  }
  return 'missing';
}

/**
 * The expected state is the callback's own (first operand of `??`/`||`): the `state` of the
 * parameters handed to the same call (`client.callback(uri, params, { state: params.state })`)
 * or of the request (`req.query.state`).
 */
function expectsOwnState(sourceCode: SourceCode, call: TSESTree.CallExpression, value: Node): boolean {
  let expected = skipWrappers(definitionOf(sourceCode, value));
  while (expected.type === AST_NODE_TYPES.LogicalExpression && expected.operator !== '&&') expected = skipWrappers(expected.left);
  if (expected.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, expected) !== 'state') return false;
  const object = skipWrappers(expected.object);
  const handed = call.arguments.some((argument) => {
    const inner = skipWrappers(argument);
    return inner.type === AST_NODE_TYPES.Identifier && object.type === AST_NODE_TYPES.Identifier && inner.name === object.name;
  });
  return handed || requestInput(sourceCode, expected) !== undefined;
}

function exchangeFindings(sourceCode: SourceCode, request: TokenRequest, allowPkce: boolean, findings: StateFinding[]): void {
  if (request.grantType !== 'authorization_code') return;
  // oauth4webapi: the exchange takes the params validateAuthResponse returned; the check is judged there.
  if (EXCHANGE_AFTER_VALIDATION_LIBRARIES.has(request.library)) return;
  const library = libraryCheck(sourceCode, request, findings);
  if (library === 'checked' || library === 'skipped' || library === 'unknown') return;
  if (allowPkce && request.codeVerifier.state === 'present') return;
  const callback = callbackOf(sourceCode, request);
  if (!callback.fromRedirect || callback.stateChecked || callback.behindMiddleware) return;
  if (callback.functions.some((fn) => calledOnlyAfterStateCheck(sourceCode, fn))) return;
  // The code handed to the exchanging helper: reported at that call, as for a helper in another module.
  for (const node of callback.handOffs.length > 0 ? callback.handOffs : [request.node]) findings.push({ node, kind: 'stateNotCompared' });
}

/**
 * The name a function is exported under (`export const handleRefresh = createMiddleware(async (c) => …)`,
 * `export async function exchange(…)`), or undefined.
 */
function exportedName(fn: FunctionNode): string | undefined {
  let node: TSESTree.Node = fn;
  // Through one wrapping call: `createMiddleware(fn)`, `defineEventHandler(fn)`.
  if (node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.arguments.includes(node as TSESTree.CallExpressionArgument))
    node = node.parent;
  const declarator = node.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration)
    return fn.id && fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? fn.id.name : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declarator.id.name : undefined;
}

/**
 * An exported handler that other modules of the project call, each time behind their own state
 * comparison (`if (secret === state) await handleRefresh(c, next)`): the check is theirs.
 */
function calledOnlyAfterStateCheck(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const name = exportedName(fn);
  const own = fileInfo(sourceCode)?.filename;
  if (name === undefined || !own) return false;
  let calls = 0;
  for (const importer of importersOf(sourceCode, [name])) {
    for (const call of fileFacts(importer).nodesOfType(AST_NODE_TYPES.CallExpression)) {
      const callee = skipWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== name) continue;
      // The importer's view of this module is its own parse: compared by file and position.
      const located = importedDefinition(importer, callee);
      if (!located || fileInfo(located.sourceCode)?.filename !== own) continue;
      if (located.node.range[0] > fn.range[0] || located.node.range[1] < fn.range[1]) continue;
      calls++;
      if (!checksState(importer, enclosingFunctionOrProgram(call))) return false;
    }
  }
  return calls > 0;
}

/** oauth4webapi `validateAuthResponse(as, client, params, expectedState)`. */
function validateAuthResponseFindings(sourceCode: SourceCode, call: TSESTree.CallExpression, findings: StateFinding[]): void {
  const origin = calleeOrigin(sourceCode, call);
  if (!origin || !AUTH_RESPONSE_VALIDATORS.some((pattern) => matchesPattern(origin, pattern))) return;
  if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
  const expected = call.arguments[3];
  if (!expected) {
    if (call.arguments.length === 3) findings.push({ node: call, kind: 'expectsNoState' });
    return;
  }
  if (isSymbolOf(sourceCode, expected, STATE_CHECK_SKIP_SYMBOLS))
    findings.push({ node: expected, kind: 'stateCheckSkipped', data: { what: 'oauth.skipStateCheck' } });
  else if (isSymbolOf(sourceCode, expected, EXPECT_NO_STATE_SYMBOLS)) findings.push({ node: expected, kind: 'expectsNoState' });
}

function isJsonStringify(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const origin = calleeOrigin(sourceCode, call);
  return origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'JSON.stringify';
}

const MAX_BUILT_VALUES = 4;

/** Where a value (a variable's, or the expression itself) goes: the calls it is an argument of. */
function callsTaking(sourceCode: SourceCode, value: Node, built = new Set<Node>()): TSESTree.CallExpression[] {
  const uses: Node[] = [value];
  const declarator = value.parent;
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init === value &&
    declarator.id.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = sourceCode.getDeclaredVariables(declarator)[0];
    for (const reference of variable?.references ?? []) if (!reference.init) uses.push(reference.identifier);
  }
  // `const { code } = router.query`: the binding's uses.
  const pattern = value.parent;
  if (
    value.type === AST_NODE_TYPES.Property &&
    value.value.type === AST_NODE_TYPES.Identifier &&
    pattern?.type === AST_NODE_TYPES.ObjectPattern
  ) {
    const binding = value.value;
    const owner = pattern.parent;
    const variable =
      owner?.type === AST_NODE_TYPES.VariableDeclarator
        ? sourceCode.getDeclaredVariables(owner).find((each) => each.name === binding.name)
        : undefined;
    for (const reference of variable?.references ?? []) if (!reference.init) uses.push(reference.identifier);
  }
  const calls: TSESTree.CallExpression[] = [];
  // Values built from it and kept in a const (`const headers = { Authorization: 'Bearer ' + code }`)
  // are followed to their uses, a few consts deep; `built` collects those consts.
  for (let index = 0; index < uses.length; index++) {
    const use = uses[index];
    // Up through objects, templates and JSON.stringify to the call that receives it.
    let child: Node = use;
    for (let current = use.parent; current; child = current, current = current.parent) {
      if (
        current.type === AST_NODE_TYPES.VariableDeclarator &&
        current.init === child &&
        child !== use &&
        current.id.type === AST_NODE_TYPES.Identifier &&
        built.size < MAX_BUILT_VALUES &&
        !built.has(current)
      ) {
        built.add(current);
        const variable = sourceCode.getDeclaredVariables(current)[0];
        for (const reference of variable?.references ?? []) if (!reference.init) uses.push(reference.identifier);
        break;
      }
      if (current.type === AST_NODE_TYPES.CallExpression) {
        if (current.callee !== child) calls.push(current);
        if (!isJsonStringify(sourceCode, current)) break;
        continue;
      }
      if (
        current.type !== AST_NODE_TYPES.Property &&
        current.type !== AST_NODE_TYPES.ObjectExpression &&
        current.type !== AST_NODE_TYPES.TemplateLiteral &&
        current.type !== AST_NODE_TYPES.ArrayExpression &&
        current.type !== AST_NODE_TYPES.BinaryExpression &&
        // `code ?? ''`, `code || undefined`: the code, or a fallback when there is none.
        current.type !== AST_NODE_TYPES.LogicalExpression &&
        current.type !== AST_NODE_TYPES.TSAsExpression &&
        current.type !== AST_NODE_TYPES.TSNonNullExpression
      )
        break;
    }
  }
  return calls;
}

/**
 * The code is sent on for an exchange: to the backend (fetch, an HTTP client), to the opener
 * (`postMessage`), or to a function of the app. A package's own call (an SDK that completes
 * the login itself) is that package's business.
 */
export function sendsCodeOn(sourceCode: SourceCode, read: RedirectRead): boolean {
  return callsTaking(sourceCode, read.node).some((call) => {
    if (isLoggingCall(call)) return false;
    const callee = skipWrappers(call.callee);
    const origin = calleeOrigin(sourceCode, call);
    if (!origin || origin.module === GLOBAL_MODULE) return !KEEPS_VALUE.test(sourceCode.getText(callee));
    return isProjectModule(sourceCode, origin.module) || isHttpClientOrigin(origin);
  });
}

/** `console.debug({ code, state })`, `logger.info(…)`: the value is only logged. */
function isLoggingCall(call: TSESTree.CallExpression): boolean {
  let root: Node = skipWrappers(call.callee);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  return root.type === AST_NODE_TYPES.Identifier && LOGGING_ROOTS.has(root.name);
}

/**
 * The callback sends the returned state on with what it read (`post('/api/oauth/callback', { code, state })`):
 * the receiver, often the backend that kept the state, compares it.
 */
function sendsStateAlong(sourceCode: SourceCode, read: RedirectRead): boolean {
  const built = new Set<Node>();
  const mentionsState = (value: Node): boolean => {
    for (const node of descendants(value)) {
      if (node.type === AST_NODE_TYPES.Property && STATE_KEY.test(propertyKeyName(sourceCode, node) ?? '')) return true;
      if (node.type === AST_NODE_TYPES.Identifier && STATE_KEY.test(node.name)) return true;
    }
    return false;
  };
  for (const call of callsTaking(sourceCode, read.node, built)) {
    if (isLoggingCall(call)) continue;
    if (call.arguments.some(mentionsState)) return true;
  }
  // `const body = { code, state }; fetch(url, { body: JSON.stringify(body) })`.
  for (const declarator of built)
    if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init && mentionsState(declarator.init)) return true;
  return false;
}
const STATE_KEY = /^state$|State$/;

/**
 * The calls that hand a redirect's code to a helper of another module of the project that
 * handles OAuth (its code names tokens, OAuth or the authorization; it is not a one-time-code
 * helper): `await login(code)` where `login` posts the code to the backend and keeps the access
 * token it gets back. The missing state check is reported at these calls (rules.md, "Across
 * modules and helpers").
 */
function oauthHandOffs(sourceCode: SourceCode, read: RedirectRead): TSESTree.CallExpression[] {
  return callsTaking(sourceCode, read.node).filter((call) => {
    const helper = calledFunction(sourceCode, call.callee);
    if (!helper?.imported) return false;
    const text = helper.sourceCode.getText(helper.fn);
    return OAUTH_CONTEXT.test(text) && !ONE_TIME_CODE_CONTEXT.test(text);
  });
}

function redirectReadFindings(sourceCode: SourceCode, findings: StateFinding[], oauthHere: boolean): void {
  const reads = redirectReads(sourceCode);
  if (reads.length === 0) return;
  const facts = fileFacts(sourceCode);
  let codeReads: boolean | undefined;
  const codeReadsCount = (): boolean =>
    (codeReads ??=
      (facts.mentions(OAUTH_CONTEXT) || namedForRedirect(sourceCode)) &&
      !facts.mentions(ONE_TIME_CODE_CONTEXT) &&
      // An exchange in this module is judged at the exchange (stateNotCompared).
      !tokenRequests(sourceCode).some((request) => request.grantType === 'authorization_code'));
  // One finding per callback: the first read in a function stands for the others.
  const done = new Set<Node | undefined>();
  for (const read of reads) {
    if (done.has(read.fn)) continue;
    const handOffs = read.param === 'code' ? oauthHandOffs(sourceCode, read) : [];
    if (oauthHere) {
      if (read.param === 'code' && (!codeReadsCount() || !sendsCodeOn(sourceCode, read))) continue;
    } else if (handOffs.length === 0 || facts.mentions(ONE_TIME_CODE_CONTEXT)) continue;
    if (handsBackState(sourceCode, read.fn) || sendsStateAlong(sourceCode, read) || readsSdkResult(sourceCode, read)) continue;
    // An ID token whose claims are only logged or shown signs no one in (rules.md, second round).
    if (read.param === 'id_token' && readOnlyToDisplay(sourceCode, read.node, jwtFacts(sourceCode).operations)) continue;
    const unchecked = uncheckedAt(sourceCode, read, (scope) => checksState(sourceCode, scope, read.node));
    done.add(read.fn);
    // The code read where it is handed to another module's login helper: reported at that hand-off.
    const at = handOffs.length > 0 && unchecked.length === 1 && unchecked[0] === read.node ? handOffs : unchecked;
    for (const node of at) findings.push({ node, kind: 'redirectReadWithoutState', param: read.param });
  }
}
