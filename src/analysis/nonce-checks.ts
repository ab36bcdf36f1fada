/**
 * The `nonce` check of OpenID Connect clients (require-nonce-check), as plain findings:
 *
 * - an ID token validated (a library exchange or validation, a verify call, a hand-rolled
 *   decode that checks `iss`/`aud`) without its `nonce` claim compared to the nonce sent,
 *   where the module sends a nonce or shows no PKCE (then the nonce is the only binding);
 * - a next-auth / Auth.js OIDC provider whose `checks` hold neither 'nonce' nor 'pkce';
 * - an ID token taken out of the redirect URL (implicit / hybrid flow) without a nonce comparison.
 *
 * Modules that show no OIDC flow (no authorization request, and an ID token that does not
 * come from a token response) are out of scope. `nonceChecksApply` is the cheap file gate.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunctionOrProgram, findVariable, isFunctionNode, type FunctionNode } from './ast';
import { readOnlyToDisplay } from './display-only';
import { authorizationRequests, requestParam, writtenChecks, type AuthorizationRequest } from './authorization';
import { fileFacts } from './file-facts';
import { guarded } from './guard';
import { importedModule } from './project/definitions';
import {
  claimComparedByHand,
  claimStatus,
  isFromTokenResponse,
  jwtFacts,
  tokenIdentity,
  tokenOf,
  type JwtFacts,
  type JwtOperation,
} from './jwt';
import { calleeOrigin, lookup, matchesPattern, memberName, skipWrappers } from './modules';
import { callSitesOf } from './functions';
import { comparesNonce, redirectReads, uncheckedAt } from './redirect-reads';
import { tokenRequests, tokenResponseOf, type TokenRequest } from './token-requests';
import { definitionOf, getProperty, stringValue } from './values';
import { ID_TOKEN_EXCHANGES, ID_TOKEN_MODULES, VALIDATE_ID_TOKEN, type IdTokenExchangeSpec } from '../knowledge/jwt';
import { AUTHORIZATION_CLIENT_MODULES, NEXTAUTH_OIDC_PROVIDERS } from '../knowledge/oauth-libraries';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

export type NonceFinding =
  /** `how`: what to pass or compare (`` `expectedNonce` ``, 'second argument', 'compare `payload.nonce`'). */
  | { readonly kind: 'missingNonceCheck'; readonly node: Node; readonly how: string }
  | { readonly kind: 'providerChecksWithoutNonce'; readonly node: Node }
  | { readonly kind: 'redirectIdTokenWithoutNonce'; readonly node: Node };

const GATE_MODULES = [...ID_TOKEN_MODULES, ...AUTHORIZATION_CLIENT_MODULES];
const HINT = /\bnonce\b|id_?token|\bchecks\s*:/i;
const ID_TOKEN_PARAM = /id_token/;
const PKCE_MENTION = /code_?verifier|pkceCodeVerifier|code_?challenge/i;

/** The cheap file gate: an ID-token or authorization library, or the words of a nonce check. */
export function nonceChecksApply(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return facts.importsAny(GATE_MODULES) || facts.mentions(HINT);
}

/** What the module's flow shows: authorization requests, a nonce sent, PKCE used. */
interface Flow {
  readonly requests: readonly AuthorizationRequest[];
  readonly sendsNonce: boolean;
  readonly showsPkce: boolean;
}

function flowOf(sourceCode: SourceCode): Flow {
  return fileFacts(sourceCode).memo('nonce-checks:flow', () => {
    const requests = authorizationRequests(sourceCode);
    const sendsNonce = requests.some(
      (request) => request.knowledge?.nonce.mode !== 'builtin' && requestParam(request, 'nonce').state === 'present',
    );
    const showsPkce =
      requests.some(
        (request) => requestParam(request, 'code_challenge').state === 'present' || request.knowledge?.pkce.mode === 'builtin',
      ) || fileFacts(sourceCode).mentions(PKCE_MENTION);
    return { requests, sendsNonce, showsPkce };
  });
}

/**
 * The module asks for an ID token in the authorization response (hybrid or implicit
 * `response_type`, e.g. Apple's `code id_token` with `response_mode=form_post`): an `id_token`
 * its callback reads from the request is that response's, not an API client's bearer token.
 */
function deliversIdTokenToCallback(flow: Flow): boolean {
  return flow.requests.some((request) => /\bid_token\b/.test(request.responseType.value ?? ''));
}

/**
 * The nonce is what binds the ID token to this login: sent by the module or by a project
 * module it imports (the login route in `../auth/authorize`), or the only defence (no PKCE).
 */
function nonceNeeded(sourceCode: SourceCode): boolean {
  const { sendsNonce, showsPkce } = flowOf(sourceCode);
  return sendsNonce || !showsPkce || importedModuleSendsNonce(sourceCode);
}

function importedModuleSendsNonce(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  if (!facts.importsProjectModules) return false;
  return facts.memo('nonce-checks:imported-nonce', () =>
    [...facts.modules].some((specifier) => {
      const module = guarded(() => importedModule(sourceCode, specifier), undefined);
      return module !== undefined && guarded(() => flowOf(module).sendsNonce, false);
    }),
  );
}

/** Every nonce-check finding of the file, in report order (memoised per file). */
export function nonceCheckFindings(sourceCode: SourceCode): readonly NonceFinding[] {
  return fileFacts(sourceCode).memo('nonce-checks', () => {
    const findings: NonceFinding[] = [];
    const facts = fileFacts(sourceCode);
    // Only calls of the ID-token libraries the file imports can be exchanges: skip resolving the others.
    if (facts.mayMatch(ID_TOKEN_EXCHANGES) || facts.mayMatch(VALIDATE_ID_TOKEN))
      for (const call of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) callFindings(sourceCode, call, findings);
    const jwt = jwtFacts(sourceCode);
    // Verifications first: a hand decode of the token a verify call already reports is the same problem.
    const reported = new Set<string>();
    for (const op of jwt.operations) if (op.kind === 'verify') operationFindings(sourceCode, op, jwt, findings, reported);
    for (const op of jwt.operations) if (op.kind !== 'verify') operationFindings(sourceCode, op, jwt, findings, reported);
    for (const request of flowOf(sourceCode).requests) providerFindings(sourceCode, request, findings);
    // The implicit and hybrid flows: an ID token read from the redirect URL needs its nonce compared there.
    const done = new Set<Node | undefined>();
    // The parameter's name is written in the file, or in a project module it imports (a constant).
    const readsIdToken = facts.importsProjectModules || facts.mentions(ID_TOKEN_PARAM);
    for (const read of readsIdToken ? redirectReads(sourceCode) : []) {
      if (read.param !== 'id_token' || done.has(read.fn)) continue;
      done.add(read.fn);
      // Claims only logged or shown are not trusted (rules.md, second round): no login to bind.
      if (readOnlyToDisplay(sourceCode, read.node, jwt.operations)) continue;
      for (const node of uncheckedAt(sourceCode, read, (scope) => comparesNonce(sourceCode, scope)))
        findings.push({ kind: 'redirectIdTokenWithoutNonce', node });
    }
    return findings;
  });
}

/** Library exchanges that validate the ID token, and openid-client v5 `client.validateIdToken(tokenSet, nonce)`. */
function callFindings(sourceCode: SourceCode, call: TSESTree.CallExpression, findings: NonceFinding[]): void {
  const origin = calleeOrigin(sourceCode, call);
  if (!origin) return;
  const spec = lookup(origin, ID_TOKEN_EXCHANGES);
  if (spec) {
    exchangeFindings(sourceCode, call, spec, jwtFacts(sourceCode), findings);
    return;
  }
  if (VALIDATE_ID_TOKEN.some((pattern) => matchesPattern(origin, pattern))) {
    const nonce = call.arguments[1];
    if (nonce && !(nonce.type === AST_NODE_TYPES.Identifier && nonce.name === 'undefined')) return;
    if (!nonceNeeded(sourceCode)) return;
    findings.push({ kind: 'missingNonceCheck', node: call, how: 'second argument' });
  }
}

function exchangeFindings(
  sourceCode: SourceCode,
  call: CallLike,
  spec: IdTokenExchangeSpec,
  jwt: JwtFacts,
  findings: NonceFinding[],
): void {
  const arg = call.arguments[spec.checksArg];
  if (arg?.type === AST_NODE_TYPES.SpreadElement) return;
  if (spec.nonceProperty) {
    if (arg && getProperty(sourceCode, arg, spec.nonceProperty).status !== 'absent') return;
  } else if (arg) {
    return;
  }
  // A hand comparison after the exchange (`tokens.claims().nonce !== expected`) counts too.
  if (claimComparedByHand(sourceCode, jwt, { scope: enclosingFunctionOrProgram(call) }, 'nonce')) return;
  // oauth4webapi is also used for plain OAuth 2.0: only a nonce the module sends makes it OIDC.
  if (!spec.oidc && !flowOf(sourceCode).sendsNonce) return;
  if (!nonceNeeded(sourceCode)) return;
  findings.push({ kind: 'missingNonceCheck', node: call, how: `\`${spec.nonceProperty ?? 'expectedNonce'}\`` });
}

/** The token of an operation in its function: one nonce finding per token and function. */
function opKey(sourceCode: SourceCode, op: JwtOperation): string | undefined {
  const identity = tokenIdentity(sourceCode, op.token);
  return identity === undefined ? undefined : `${op.scope.range[0]}|${identity}`;
}

function operationFindings(sourceCode: SourceCode, op: JwtOperation, jwt: JwtFacts, findings: NonceFinding[], reported: Set<string>): void {
  // A local helper is judged where its library call is; one of another module at the call that
  // hands it this module's ID token (that module shows no flow of its own to judge it by).
  if (op.inner && !op.innerSourceCode) return;
  const flow = flowOf(sourceCode);
  if (op.kind === 'verify') {
    const info = tokenOf(sourceCode, op.token);
    const isIdToken = op.spec.idToken === true || info?.kind === 'id';
    if (!isIdToken || (info?.fromRequest && !deliversIdTokenToCallback(flow))) return;
    // Out of scope: an ID token received from elsewhere, in a module that shows no OIDC flow.
    if (flow.requests.length === 0 && !isFromTokenResponse(sourceCode, op.token)) return;
    // An exported verify helper that nothing here calls, beside a library's flow (a passport
    // strategy) that sends no nonce: its ID token comes from the importers (a posted One Tap
    // credential, a token response), judged at their calls — not from the library's redirect flow.
    // A flow the app builds by hand (`source: 'url'`) is validated by the app's own helpers: those stay.
    if (
      !flow.sendsNonce &&
      flow.requests.every((request) => request.source !== 'url' && request.knowledge !== undefined) &&
      isExportedHelperParameter(sourceCode, op.token)
    )
      return;
    if (claimStatus(sourceCode, jwt, op, 'nonce') !== 'missing') return;
    if (!nonceNeeded(sourceCode)) return;
    findings.push({ kind: 'missingNonceCheck', node: op.node, how: op.spec.nonce ? '`nonce` option' : 'compare `payload.nonce`' });
    const key = opKey(sourceCode, op);
    if (key !== undefined) reported.add(key);
    return;
  }
  if (op.kind === 'decode') {
    // A hand-rolled validation: the ID token is decoded and some claims are compared, but not the nonce.
    const info = tokenOf(sourceCode, op.token);
    if (info?.kind !== 'id' || (info.fromRequest && !deliversIdTokenToCallback(flow))) return;
    const fromResponse = isFromTokenResponse(sourceCode, op.token);
    if (flow.requests.length === 0 && !fromResponse) return;
    // Claims read from a decode are trusted; when the module sent a nonce, it must be compared.
    // `claimStatus` also sees the comparisons inside an imported decode-and-check helper.
    const validated = claimStatus(sourceCode, jwt, op, 'iss') === 'checked' || claimStatus(sourceCode, jwt, op, 'aud') === 'checked';
    // A decode that validates nothing and reads a token not just received from a response — a
    // stored session's ID token, one handed in from a grant that sends no nonce (token
    // exchange, passwordless, passkey) — only reads claims: there is no login to bind it to.
    if (!validated && !fromResponse) return;
    // Claims only read (nothing validated) are judged on the code exchange's own response: a
    // response of another grant, or of a call we cannot trace to a grant (`await withRetry(exchange)`), carries no nonce we know of.
    if (!validated && responseGrant(sourceCode, op.token) !== 'authorization_code') return;
    // Trusted claims of the code exchange's ID token need the nonce the module sent, or, with
    // no PKCE, a nonce at all (the only binding of the token to this login). Another grant's
    // response (refresh, token exchange) carries no nonce to compare.
    const sendsNonce = flow.sendsNonce || importedModuleSendsNonce(sourceCode);
    if (!validated && !sendsNonce && !exchangesCode(sourceCode)) return;
    if (claimStatus(sourceCode, jwt, op, 'nonce') === 'checked') return;
    // The exchange this token came from sends no code_verifier: nothing else binds it to the login,
    // whatever PKCE another flow of the module (a mobile app's token proxy) uses.
    if (!nonceNeeded(sourceCode) && responseRequest(sourceCode, op.token)?.codeVerifier.state !== 'absent') return;
    const key = opKey(sourceCode, op);
    if (key !== undefined && reported.has(key)) return;
    findings.push({ kind: 'missingNonceCheck', node: op.node, how: 'compare `payload.nonce`' });
  }
}

/** The token request whose response a value is read from (`tokens.id_token` of `await res.json()`), when it can be traced. */
function responseRequest(sourceCode: SourceCode, token: Node | undefined): TokenRequest | undefined {
  const value = responseValue(sourceCode, token);
  return value ? tokenResponseOf(sourceCode, value) : undefined;
}

/** The response object a token is read from: `tokens` of `tokens.id_token`, `await res.json()` of `const { id_token } = …`. */
function responseValue(sourceCode: SourceCode, token: Node | undefined): Node | undefined {
  let value = token ? skipWrappers(definitionOf(sourceCode, token)) : undefined;
  if (value?.type === AST_NODE_TYPES.MemberExpression) value = value.object;
  else if (value?.type === AST_NODE_TYPES.Identifier) {
    // `const { id_token } = await res.json()`.
    const def = findVariable(sourceCode.getScope(value), value)?.defs[0];
    value = def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init ? def.node.init : undefined;
  }
  return value;
}

/** The grant of the token response a value is read from, when it can be traced. */
function responseGrant(sourceCode: SourceCode, token: Node | undefined): string | undefined {
  const value = responseValue(sourceCode, token);
  if (!value) return undefined;
  const request = tokenResponseOf(sourceCode, value);
  if (request) return request.grantType ?? 'authorization_code';
  // The body of an HTTP response we cannot trace (`await res.json()` of a response handed in): in a
  // module of the code flow, the code exchange's. A helper's result (`await withRetry(exchange)`) is unknown.
  let body = skipWrappers(definitionOf(sourceCode, value));
  if (body.type === AST_NODE_TYPES.AwaitExpression) body = skipWrappers(body.argument);
  const callee = body.type === AST_NODE_TYPES.CallExpression ? skipWrappers(body.callee) : undefined;
  return callee?.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'json' ? 'authorization_code' : undefined;
}

/** `export async function verifyToken(idToken) { … }`: the token is a parameter of an exported function that this module never calls. */
function isExportedHelperParameter(sourceCode: SourceCode, token: Node | undefined): boolean {
  const inner = token ? skipWrappers(token) : undefined;
  if (inner?.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(sourceCode.getScope(inner), inner)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node as Node)) return false;
  const fn = def.node as FunctionNode;
  const declaration =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn
      : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator
        ? fn.parent.parent
        : undefined;
  const exported =
    declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  return exported && callSitesOf(sourceCode, fn).length === 0;
}

/** The module exchanges an authorization code itself (by hand or through a library). */
function exchangesCode(sourceCode: SourceCode): boolean {
  return fileFacts(sourceCode).memo('nonce-checks:exchanges-code', () =>
    tokenRequests(sourceCode).some((request) => request.grantType === 'authorization_code'),
  );
}

function providerFindings(sourceCode: SourceCode, request: AuthorizationRequest, findings: NonceFinding[]): void {
  const values = writtenChecks(sourceCode, request);
  if (!values || request.checks?.status !== 'present' || !isOidcProvider(sourceCode, request)) return;
  if (values.includes('nonce') || values.includes('pkce')) return;
  findings.push({ kind: 'providerChecksWithoutNonce', node: definitionOf(sourceCode, request.checks.value) });
}

/** A next-auth / Auth.js provider that runs OIDC: `type: 'oidc'`, an OAuth one asking for `openid`, or a built-in OIDC provider. */
export function isOidcProvider(sourceCode: SourceCode, request: AuthorizationRequest): boolean {
  const options = request.options;
  const type = getProperty(sourceCode, options, 'type');
  if (type.status === 'present') {
    const value = stringValue(sourceCode, type.value);
    if (value === 'oidc') return true;
    if (value === 'oauth') {
      // An OAuth provider that asks for `openid` (or reads an ID token) runs OIDC.
      const scope = requestParam(request, 'scope');
      if (scope.state === 'present' && scope.value !== undefined && scope.value.split(/\s+/).includes('openid')) return true;
      return (
        getProperty(sourceCode, options, 'idToken').status === 'present' ||
        getProperty(sourceCode, options, 'wellKnown').status === 'present'
      );
    }
  }
  // The provider factory call: `Okta({ … })` (the request node is its options object).
  const call = request.node.type === AST_NODE_TYPES.ObjectExpression ? request.node.parent : request.node;
  if (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) {
    const module = calleeOrigin(sourceCode, call)?.module;
    const slash = module?.lastIndexOf('/') ?? -1;
    return module !== undefined && slash !== -1 && NEXTAUTH_OIDC_PROVIDERS.has(module.slice(slash + 1));
  }
  return false;
}
