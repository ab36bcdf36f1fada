/**
 * Where a value becomes an OAuth `state`, `nonce`, PKCE `code_verifier`, CSRF token or a
 * code or token an authorization server mints — by the name of the variable, property,
 * parameter, storage key or URL parameter it goes into, or of the generator helper that
 * returns it — and what `randomness.ts` says of its source there. Plain data for
 * rules/require-secure-random.ts.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, functionName } from './ast';
import { fileFacts } from './file-facts';
import { calledFunction } from './functions';
import { propertyKeyName, skipWrappers } from './modules';
import {
  assessRandomness,
  issuedValues,
  randomnessVerdict,
  secretKindFromFunctionName,
  secretKindFromName,
  secretKindFromParamName,
  type RandomnessFinding,
  type SecretKind,
} from './randomness';
import { stringParts, stringValue, tailName } from './values';
import { AUTHORIZATION_CLIENT_MODULES } from '../knowledge/oauth-libraries';
import {
  AUTH_PARAM_KEYS,
  AUTH_QUERY_HINT,
  AUTH_RANDOM_MODULES,
  AUTH_WORDS,
  PARAM_SETTERS,
  QUERY_CONSTANT,
  QUERY_SECRET,
  SECRET_WORDS,
  URL_QUERY_MEMBERS,
} from '../knowledge/randomness';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export interface SecretValueFinding {
  /** What is wrong with the value, reported at its `node`. */
  readonly finding: RandomnessFinding;
  /** What the value becomes. */
  readonly secret: SecretKind;
  /** The whole expression that becomes the secret (a suggestion may replace it), when there is one. */
  readonly expression?: Node;
}

const GATE_MODULES = [...AUTHORIZATION_CLIENT_MODULES, ...AUTH_RANDOM_MODULES];

/** The cheap gate: false when the file can make no such secret. */
export function mayMakeSecrets(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return facts.mentions(SECRET_WORDS) && (facts.importsAny(GATE_MODULES) || facts.mentions(AUTH_WORDS));
}

/** Secrets the client makes for itself (`state`, `nonce`, CSRF, verifier): a CSPRNG call can stand in for the whole value. */
export function isClientMadeSecret(kind: SecretKind): boolean {
  return kind === 'state' || kind === 'nonce' || kind === 'csrf' || kind === 'verifier';
}

/**
 * The weak, short or constant values that become a secret at this node, in the order they
 * are met. The nodes asked about: declarators, assignments, properties, class fields, calls,
 * templates, `+` chains, string literals, returns and expression-bodied arrows.
 */
export function secretValueFindingsAt(sourceCode: SourceCode, node: Node): SecretValueFinding[] {
  const findings: SecretValueFinding[] = [];
  const check = (value: Node | null | undefined, kind: SecretKind | undefined, allowConstant = false): void => {
    const found = judge(sourceCode, value, kind, allowConstant);
    if (found) findings.push(found);
  };
  switch (node.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      if (node.id.type === AST_NODE_TYPES.Identifier) check(node.init, secretKindFromName(node.id.name));
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      assignment(sourceCode, node, check);
      break;
    case AST_NODE_TYPES.Property: {
      if (node.parent.type !== AST_NODE_TYPES.ObjectExpression || node.kind !== 'init') break;
      const kind = secretKindFromName(propertyKeyName(sourceCode, node));
      if (kind) check(node.value, kind, (kind === 'state' || kind === 'nonce') && isAuthorizationParams(sourceCode, node.parent));
      break;
    }
    case AST_NODE_TYPES.PropertyDefinition:
      check(node.value, secretKindFromName(propertyKeyName(sourceCode, node)));
      break;
    case AST_NODE_TYPES.CallExpression:
      call(sourceCode, node, check);
      break;
    case AST_NODE_TYPES.TemplateLiteral:
      if (node.expressions.length > 0) queryString(sourceCode, node, check);
      break;
    case AST_NODE_TYPES.BinaryExpression:
      // Only the outermost `+` of a chain, so each hole is looked at once.
      if (node.operator !== '+' || (node.parent.type === AST_NODE_TYPES.BinaryExpression && node.parent.operator === '+')) break;
      queryString(sourceCode, node, check);
      break;
    case AST_NODE_TYPES.Literal: {
      // A constant state written into an authorization URL: `...&client_id=x&state=abc`.
      if (typeof node.value !== 'string' || !AUTH_QUERY_HINT.test(node.value)) break;
      const match = QUERY_CONSTANT.exec(node.value);
      if (match) findings.push({ finding: { kind: 'constant', node }, secret: match[1] as SecretKind });
      break;
    }
    case AST_NODE_TYPES.ReturnStatement: {
      // Generator helpers named for what they make: `function generateState() { return … }`.
      const fn = enclosingFunction(node);
      if (fn) check(node.argument, secretKindFromFunctionName(functionName(fn)));
      break;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      if (node.expression) check(node.body, secretKindFromFunctionName(functionName(node)));
      break;
    default:
      break;
  }
  return findings;
}

type Check = (value: Node | null | undefined, kind: SecretKind | undefined, allowConstant?: boolean) => void;

function judge(
  sourceCode: SourceCode,
  value: Node | null | undefined,
  kind: SecretKind | undefined,
  allowConstant: boolean,
): SecretValueFinding | undefined {
  if (!value || !kind) return undefined;
  const inner = skipWrappers(value);
  // Functions, classes and structured objects are not the secret itself.
  if (
    inner.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    inner.type === AST_NODE_TYPES.FunctionExpression ||
    inner.type === AST_NODE_TYPES.ClassExpression ||
    inner.type === AST_NODE_TYPES.ObjectExpression
  ) {
    return undefined;
  }
  const finding = randomnessVerdict(sourceCode, assessRandomness(sourceCode, inner), kind, allowConstant);
  return finding ? { finding, secret: kind, expression: inner } : undefined;
}

function assignment(sourceCode: SourceCode, node: TSESTree.AssignmentExpression, check: Check): void {
  if (node.operator !== '=' && node.operator !== '??=' && node.operator !== '||=') return;
  const left = skipWrappers(node.left);
  if (left.type === AST_NODE_TYPES.Identifier) check(node.right, secretKindFromName(left.name));
  else if (left.type === AST_NODE_TYPES.MemberExpression)
    // `url.query.code = code`: a parameter of a URL being built.
    check(
      node.right,
      isQueryObject(sourceCode, left.object)
        ? secretKindFromParamName(tailName(sourceCode, left))
        : secretKindFromName(tailName(sourceCode, left)),
    );
}

function call(sourceCode: SourceCode, node: TSESTree.CallExpression, check: Check): void {
  // `params.set('state', v)`, `sessionStorage.setItem('pkce_verifier', v)`, `res.cookie('csrf', v)`, `setCookie(c, 'state', v)`.
  const args = node.arguments;
  for (let i = 0; i + 1 < args.length; i++) {
    const arg = args[i];
    if (arg.type !== AST_NODE_TYPES.Literal && arg.type !== AST_NODE_TYPES.TemplateLiteral && arg.type !== AST_NODE_TYPES.Identifier)
      continue;
    const key = stringValue(sourceCode, arg);
    const setsParam = PARAM_SETTERS.has(tailName(sourceCode, node.callee) ?? '');
    const kind = setsParam ? secretKindFromParamName(key) : secretKindFromName(key);
    if (!kind) continue;
    check(args[i + 1], kind, setsParam && (kind === 'state' || kind === 'nonce') && key === kind);
    break;
  }
  // Codes and tokens an authorization-server library's issue callback hands out; a constant is a finding there.
  for (const issued of issuedValues(sourceCode, node)) check(issued.node, issued.kind, true);
  // `buildAuthorizeUrl(Math.random())` where the helper's parameter (here or in an imported module) is `state`.
  const fn = calledFunction(sourceCode, node.callee)?.fn;
  if (fn) {
    fn.params.forEach((param, index) => {
      const id = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      const argument = args[index];
      if (id.type === AST_NODE_TYPES.Identifier && argument && argument.type !== AST_NODE_TYPES.SpreadElement)
        check(argument, secretKindFromName(id.name));
    });
  }
}

/** `url.query`, `u.searchParams`: the query object of a URL being built. */
function isQueryObject(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && URL_QUERY_MEMBERS.has(tailName(sourceCode, inner) ?? '');
}

function isAuthorizationParams(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  return object.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && AUTH_PARAM_KEYS.has(propertyKeyName(sourceCode, property) ?? ''),
  );
}

/** Holes right after `state=` in a URL written as a template or concatenation. */
function queryString(sourceCode: SourceCode, node: Node, check: Check): void {
  const parts = stringParts(sourceCode, node);
  for (let i = 0; i + 1 < parts.length; i++) {
    const text = parts[i].text;
    const match = text === undefined ? null : QUERY_SECRET.exec(text);
    if (match && parts[i + 1].text === undefined) check(parts[i + 1].node, secretKindFromParamName(match[1]));
  }
}
