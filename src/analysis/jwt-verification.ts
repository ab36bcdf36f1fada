/**
 * Whether the tokens a file trusts are verified, and whether its verify calls keep their
 * checks on: the findings of require-jwt-verification, as plain data.
 *
 *   jwtVerificationFindings(sc, opts)  decodes of ID tokens and request tokens that nothing
 *                                      verifies, and verify options that switch a check off
 *                                      (`ignoreExpiration: true`), stretch the clock
 *                                      tolerance, pin `currentDate`, or pass an empty key
 *   durationSeconds(text)              jose duration strings (`'10 minutes'`, `'2h'`) in seconds
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DURATION_UNITS, MAX_CLOCK_TOLERANCE_SECONDS } from '../knowledge/jwt';
import { isOnlyDisplayed } from './display-only';
import { fileFacts } from './file-facts';
import { parameterIndexOf } from './functions';
import { isFromTokenResponse, isVerifiedElsewhere, jwtFacts, tokenOf, type JwtFacts, type JwtOperation } from './jwt';
import { TOKEN_KIND_LABEL } from './tokens';
import { requestInput, type RequestPart } from './request-input';
import { booleanValue, definitionOf, getPath, numberValue, staticValue, stringValue, withoutEmptyFallback } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type JwtVerificationFinding =
  /** `token` labels what was decoded: "ID token", "access token from the incoming request". */
  | { readonly kind: 'unverifiedDecode'; readonly node: Node; readonly token: string }
  /** `option` is the switched-off check (`ignoreExpiration`), `node` the `true` value. */
  | { readonly kind: 'checkDisabled'; readonly node: Node; readonly option: string }
  | { readonly kind: 'clockTolerance'; readonly node: Node; readonly seconds: number; readonly max: number }
  | { readonly kind: 'pinnedDate'; readonly node: Node }
  | { readonly kind: 'emptyKey'; readonly node: Node };

export interface JwtVerificationOptions {
  /** A code-flow client may read an ID token from its own token response unverified (OIDC Core 3.1.3.7). */
  readonly allowTokenEndpointIdTokens?: boolean;
}

/** jose duration strings (`'10 minutes'`, `'2h'`) in seconds. */
export function durationSeconds(text: string): number | undefined {
  const match = /^\s*(\d{1,12}(?:\.\d{1,6})?)\s*(?:([a-z]{1,8})\s*)?$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!match[2]) return value;
  const unit = DURATION_UNITS[match[2].toLowerCase()];
  return unit === undefined ? undefined : value * unit;
}

/** `new Date('2024-01-01')`, `new Date(1700000000000)`: a fixed moment (not `new Date()` or `new Date(Date.now())`). */
function isConstantDate(sourceCode: SourceCode, node: Node): boolean {
  const value = definitionOf(sourceCode, node);
  if (value.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier || value.callee.name !== 'Date')
    return false;
  if (value.arguments.length === 0) return false;
  return value.arguments.every((arg) => {
    const result = staticValue(sourceCode, arg);
    return result !== undefined && (typeof result.value === 'string' || typeof result.value === 'number');
  });
}

/** Parts of a request a client puts a token in. */
const REQUEST_TOKEN_PARTS: ReadonlySet<RequestPart> = new Set(['cookies', 'body', 'query', 'search-params']);

/** The label of a decoded token that must be verified first, or undefined when it need not be. */
function mustBeVerified(sourceCode: SourceCode, op: JwtOperation, options: JwtVerificationOptions): string | undefined {
  const info = tokenOf(sourceCode, op.token);
  if (!info) {
    // The decoder says the value is a JWT: read from the incoming request (`cookies().get('hanko')`),
    // it is a token from there whatever its name.
    const input = op.token ? requestInput(sourceCode, withoutEmptyFallback(sourceCode, definitionOf(sourceCode, op.token))) : undefined;
    return input && !input.browser && input.key !== undefined && REQUEST_TOKEN_PARTS.has(input.part)
      ? `${TOKEN_KIND_LABEL['unknown-jwt']} from the incoming request`
      : undefined;
  }
  if (info.kind === 'id') {
    if (options.allowTokenEndpointIdTokens && !info.fromRequest && isFromTokenResponse(sourceCode, op.token)) return undefined;
    return TOKEN_KIND_LABEL.id;
  }
  if (info.fromRequest && info.kind !== 'code' && info.kind !== 'refresh')
    return `${TOKEN_KIND_LABEL[info.kind]} from the incoming request`;
  return undefined;
}

/**
 * A token of no known kind whose audience or issuer the decoding function compares by hand
 * (`if (payload.aud !== clientId) throw …`): the code accepts it as someone's identity, so it
 * must be verified (`jwt.decode` of an Apple or Google identity token posted by an app).
 */
function validatedByHand(sourceCode: SourceCode, facts: JwtFacts, op: JwtOperation): string | undefined {
  const info = tokenOf(sourceCode, op.token);
  if (info && info.kind !== 'unknown-jwt') return undefined;
  // Handed in by a caller, as a verify helper's token is: a token the function fetched itself
  // (its own access token, decoded to log its audience) accepts no one's identity.
  if (op.scope.type === AST_NODE_TYPES.Program || parameterIndexOf(sourceCode, op.scope, op.token) === undefined) return undefined;
  const claims = facts.claimChecks.get(op.scope);
  return claims?.has('aud') || claims?.has('iss') ? TOKEN_KIND_LABEL['unknown-jwt'] : undefined;
}

function unverifiedDecode(
  sourceCode: SourceCode,
  facts: JwtFacts,
  op: JwtOperation,
  options: JwtVerificationOptions,
): JwtVerificationFinding[] {
  const helper = op.innerSourceCode ?? sourceCode;
  if (op.inner && mustBeVerified(helper, op.inner, options)) return []; // found inside the helper
  const token = mustBeVerified(sourceCode, op, options) ?? validatedByHand(sourceCode, facts, op);
  if (!token || isVerifiedElsewhere(sourceCode, facts, op)) return [];
  if (op.inner && isVerifiedElsewhere(helper, helper === sourceCode ? facts : jwtFacts(helper), op.inner)) return [];
  // Claims only logged or shown to the user are not trusted (rules.md, second round).
  if (isOnlyDisplayed(sourceCode, op.node)) return [];
  return [{ kind: 'unverifiedDecode', node: op.node, token }];
}

function weakenedChecks(sourceCode: SourceCode, op: JwtOperation): JwtVerificationFinding[] {
  const found: JwtVerificationFinding[] = [];
  // A helper's key is judged in the helper; the options its caller forwards, here.
  if (op.keySource === 'empty' && op.key && !op.forwarded) found.push({ kind: 'emptyKey', node: op.key });
  for (const option of op.spec.ignoreOptions ?? []) {
    const lookup = getPath(sourceCode, op.options, option.split('.'));
    if (lookup.status === 'present' && booleanValue(sourceCode, lookup.value) === true)
      found.push({ kind: 'checkDisabled', node: lookup.value, option: option.split('.').at(-1) ?? option });
  }
  const tolerance = op.spec.clockTolerance ? getPath(sourceCode, op.options, op.spec.clockTolerance) : undefined;
  if (tolerance?.status === 'present') {
    const number = numberValue(sourceCode, tolerance.value);
    const text = number === undefined ? stringValue(sourceCode, tolerance.value) : undefined;
    const seconds = number ?? (text === undefined ? undefined : durationSeconds(text));
    if (seconds !== undefined && seconds > MAX_CLOCK_TOLERANCE_SECONDS)
      found.push({ kind: 'clockTolerance', node: tolerance.value, seconds, max: MAX_CLOCK_TOLERANCE_SECONDS });
  }
  const date = op.spec.currentDate ? getPath(sourceCode, op.options, op.spec.currentDate) : undefined;
  if (date?.status === 'present' && isConstantDate(sourceCode, date.value)) found.push({ kind: 'pinnedDate', node: date.value });
  return found;
}

/** What require-jwt-verification reports in a file, in the order of the operations (shared per file and option). */
export function jwtVerificationFindings(sourceCode: SourceCode, options: JwtVerificationOptions = {}): readonly JwtVerificationFinding[] {
  return fileFacts(sourceCode).memo(`jwt-verification:${options.allowTokenEndpointIdTokens === true}`, () => {
    const facts = jwtFacts(sourceCode);
    return facts.operations.flatMap((op) => {
      if (op.kind === 'decode') return unverifiedDecode(sourceCode, facts, op, options);
      // Calls of helpers are judged where the library call is, unless they forward the caller's options.
      if ((op.kind === 'verify' || op.kind === 'config') && (!op.inner || op.forwarded)) return weakenedChecks(sourceCode, op);
      return [];
    });
  });
}
