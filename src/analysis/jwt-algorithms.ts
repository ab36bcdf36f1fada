/**
 * JWT algorithm allowlists: the findings of require-jwt-algorithms, as plain data.
 *
 *   jwtAlgorithmFindings(sc, opts)  verify calls with no `algorithms` allowlist (jose only
 *                                   with `requireForJose`), `none` allowed or used to sign,
 *                                   allowlists that mix HMAC with asymmetric algorithms, and
 *                                   allowlists the caller chooses (request input, the token's
 *                                   own `alg` header)
 *   suggestedAlgorithm(sc, op)      the algorithm a fix should add: HS256 for a local secret,
 *                                   RS256 otherwise
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ASYMMETRIC_ALGORITHM, HMAC_ALGORITHM } from '../knowledge/jwt';
import { fileFacts } from './file-facts';
import { jwtFacts, type JwtOperation } from './jwt';
import { memberName, skipWrappers } from './modules';
import { requestInput } from './request-input';
import { classifyToken } from './tokens';
import { REQUEST_OBJECT_NAMES } from '../knowledge/requests';
import { arrayElements, definitionOf, getPath, stringValue } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type JwtAlgorithmFinding =
  /** `op` has no allowlist; `alg` is the algorithm to suggest. */
  | { readonly kind: 'missingAlgorithms'; readonly node: Node; readonly op: JwtOperation; readonly alg: string }
  /** `removable`: the element can go and a signed algorithm stays in the list. */
  | { readonly kind: 'noneAlgorithm'; readonly node: Node; readonly removable: boolean }
  | { readonly kind: 'mixedAlgorithms'; readonly node: Node }
  /** The allowlist, or an algorithm in it, comes from whoever sends the token: no allowlist at all. */
  | { readonly kind: 'untrustedAllowlist'; readonly node: Node };

export interface JwtAlgorithmOptions {
  /** jose verifications without `algorithms` count too (jose refuses `none` and mismatched key types itself). */
  readonly requireForJose?: boolean;
}

const isNone = (sourceCode: SourceCode, node: Node): boolean => stringValue(sourceCode, node)?.toLowerCase() === 'none';

/** HS256 for a local secret, RS256 otherwise: a suggestion must not break a working HMAC setup. */
export function suggestedAlgorithm(sourceCode: SourceCode, op: JwtOperation): string {
  if (op.keySource === 'local' && op.key && /secret|TextEncoder|hmac/i.test(sourceCode.getText(op.key))) return 'HS256';
  if (op.keySource === 'local' && op.key && stringValue(sourceCode, op.key) !== undefined) return 'HS256';
  return 'RS256';
}

/** `req.headers['x-alg']`, `req.body.algorithms`: a member chain read off the incoming request. */
function readsRequest(sourceCode: SourceCode, node: Node): boolean {
  if (requestInput(sourceCode, node)) return true;
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
  return current !== skipWrappers(node) && current.type === AST_NODE_TYPES.Identifier && REQUEST_OBJECT_NAMES.has(current.name);
}

/** An algorithm or allowlist the sender of the token picks: request input, or `header.alg` of the token itself. */
function chosenBySender(sourceCode: SourceCode, node: Node): boolean {
  const value = skipWrappers(definitionOf(sourceCode, node));
  if (value.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (memberName(sourceCode, value) === 'alg') {
    // `header.alg`, `decoded.header.alg`: the token's protected header (not `config.jwt.alg`).
    const object = skipWrappers(value.object);
    if (object.type === AST_NODE_TYPES.Identifier) return /header/i.test(object.name);
    return object.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, object) === 'header';
  }
  return readsRequest(sourceCode, value);
}

function computeFindings(sourceCode: SourceCode, options: JwtAlgorithmOptions): JwtAlgorithmFinding[] {
  const findings: JwtAlgorithmFinding[] = [];
  // One allowlist const shared by several calls is one finding.
  const reported = new Set<Node>();
  const add = (finding: JwtAlgorithmFinding): void => {
    if (reported.has(finding.node)) return;
    reported.add(finding.node);
    findings.push(finding);
  };

  function checkAllowlist(value: Node): void {
    if (chosenBySender(sourceCode, value)) {
      add({ kind: 'untrustedAllowlist', node: value });
      return;
    }
    const elements = arrayElements(sourceCode, value);
    const chosen = elements?.find((element) => chosenBySender(sourceCode, element));
    if (chosen) {
      add({ kind: 'untrustedAllowlist', node: chosen });
      return;
    }
    if (!elements) {
      if (isNone(sourceCode, value)) add({ kind: 'noneAlgorithm', node: value, removable: false });
      return;
    }
    let hmac = false;
    let asymmetric = false;
    for (const element of elements) {
      const alg = stringValue(sourceCode, element);
      if (alg === undefined) continue;
      if (alg.toLowerCase() === 'none') {
        const removable = elements.some((other) => other !== element && !isNone(sourceCode, other));
        add({ kind: 'noneAlgorithm', node: element, removable });
      }
      if (HMAC_ALGORITHM.test(alg)) hmac = true;
      if (ASYMMETRIC_ALGORITHM.test(alg)) asymmetric = true;
    }
    if (hmac && asymmetric) add({ kind: 'mixedAlgorithms', node: definitionOf(sourceCode, value) });
  }

  function checkVerify(op: JwtOperation): void {
    const path = op.spec.algorithms;
    if (!path) return;
    const allowlist = getPath(sourceCode, op.options, path);
    if (allowlist.status === 'present') {
      checkAllowlist(allowlist.value);
      return;
    }
    // Options we cannot read (a parameter, an unknown spread) may hold the allowlist.
    if (op.options && allowlist.status === 'unknown') return;
    const required =
      op.spec.requiresAlgorithms === 'always' || (op.spec.requiresAlgorithms === 'strict' && options.requireForJose === true);
    if (required) findings.push({ kind: 'missingAlgorithms', node: op.node, op, alg: suggestedAlgorithm(sourceCode, op) });
  }

  function checkSign(op: JwtOperation): void {
    const algorithm = op.spec.algorithm ? getPath(sourceCode, op.options, op.spec.algorithm) : undefined;
    if (algorithm?.status === 'present' && isNone(sourceCode, algorithm.value))
      add({ kind: 'noneAlgorithm', node: algorithm.value, removable: false });
  }

  for (const op of jwtFacts(sourceCode).operations) {
    // Calls of helpers are judged where the library call is, unless they forward the caller's options.
    if (op.inner && !op.forwarded) {
      // Another module's helper that lacks the allowlist is reported there, and here at the call
      // that hands it the request's token: where the protection is missing for this input
      // (rules.md, across modules).
      const helper = op.innerSourceCode;
      if (helper && op.kind === 'verify' && handsRequestToken(sourceCode, op) && lacksAllowlist(helper, op.inner, options))
        findings.push({ kind: 'missingAlgorithms', node: op.node, op, alg: suggestedAlgorithm(helper, op.inner) });
      continue;
    }
    if (op.kind === 'verify' || op.kind === 'config') checkVerify(op);
    if (op.kind === 'sign' || op.kind === 'config') checkSign(op);
  }
  return findings;
}

/** The token handed to the operation comes with the incoming request (a header, cookie, body or query field). */
function handsRequestToken(sourceCode: SourceCode, op: JwtOperation): boolean {
  return op.token !== undefined && (readsRequest(sourceCode, op.token) || classifyToken(sourceCode, op.token)?.fromRequest === true);
}

/** A library verification (not itself a helper call) with no allowlist where the rule requires one. */
function lacksAllowlist(sourceCode: SourceCode, op: JwtOperation, options: JwtAlgorithmOptions): boolean {
  const path = op.spec.algorithms;
  if (op.inner || op.kind !== 'verify' || !path) return false;
  const allowlist = getPath(sourceCode, op.options, path);
  if (allowlist.status === 'present' || (op.options && allowlist.status === 'unknown')) return false;
  return op.spec.requiresAlgorithms === 'always' || (op.spec.requiresAlgorithms === 'strict' && options.requireForJose === true);
}

/** What require-jwt-algorithms reports in a file (shared per file and option). */
export function jwtAlgorithmFindings(sourceCode: SourceCode, options: JwtAlgorithmOptions = {}): readonly JwtAlgorithmFinding[] {
  return fileFacts(sourceCode).memo(`jwt-algorithms:${options.requireForJose === true}`, () => computeFindings(sourceCode, options));
}
