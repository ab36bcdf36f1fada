/**
 * Where a value becomes an OAuth `state`, `nonce`, PKCE `code_verifier`, CSRF token or a
 * code or token an authorization server mints — by the name of the variable, property,
 * parameter, storage key or URL parameter it goes into, or of the generator helper that
 * returns it — and what `randomness.ts` says of its source there. Plain data for
 * rules/require-secure-random.ts.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, findVariable, functionName } from './ast';
import { fileFacts } from './file-facts';
import { calledFunction, importedDefinition } from './functions';
import { guarded } from './guard';
import { fileInfo } from './project/files';
import { importersOf } from './project/importers';
import { calleeOrigin, matchesPattern, propertyKeyName, skipWrappers } from './modules';
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
  NONCE_WORD,
  PARAM_SETTERS,
  QUERY_CONSTANT,
  QUERY_SECRET,
  SECRET_WORDS,
  STATE_HOOKS,
  URL_QUERY_MEMBERS,
  WEAK_SOURCE_HINT,
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
  return facts.mentions(SECRET_WORDS) && (facts.importsAny(GATE_MODULES) || facts.mentions(AUTH_WORDS) || facts.mentions(NONCE_WORD));
}

/** Secrets the client makes for itself (`state`, `nonce`, CSRF, verifier): a CSPRNG call can stand in for the whole value. */
export function isClientMadeSecret(kind: SecretKind): boolean {
  return kind === 'state' || kind === 'nonce' || kind === 'csrf' || kind === 'verifier';
}

/**
 * The weak, short or constant values that become a secret at this node, in the order they
 * are met. The nodes asked about: declarators, assignments, properties, class fields, JSX
 * attributes, calls, templates, `+` chains, string literals, returns and expression-bodied arrows.
 */
export function secretValueFindingsAt(sourceCode: SourceCode, node: Node, judgeValue: Judge = judge): SecretValueFinding[] {
  const findings: SecretValueFinding[] = [];
  const check = (value: Node | null | undefined, kind: SecretKind | undefined, allowConstant = false): void => {
    const found = judgeValue(sourceCode, value, kind, allowConstant);
    if (found) findings.push(found);
  };
  switch (node.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      if (node.id.type === AST_NODE_TYPES.Identifier) check(node.init, secretKindFromName(node.id.name));
      else if (node.id.type === AST_NODE_TYPES.ArrayPattern && node.id.elements[0]?.type === AST_NODE_TYPES.Identifier)
        check(stateHookInitial(sourceCode, node.init), secretKindFromName(node.id.elements[0].name));
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
    case AST_NODE_TYPES.JSXAttribute:
      // `<LineLogin state={randomString} nonce={randomString} />`: a sign-in component's props.
      // Never a constant: `<Badge state="open" />` is a UI state.
      if (node.name.type === AST_NODE_TYPES.JSXIdentifier && node.value?.type === AST_NODE_TYPES.JSXExpressionContainer)
        check(
          node.value.expression.type === AST_NODE_TYPES.JSXEmptyExpression ? undefined : node.value.expression,
          secretKindFromName(node.name.name),
        );
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

/** `useState(initial)` / `useState(() => initial)`: the value the state starts with (`const [state] = …`). */
function stateHookInitial(sourceCode: SourceCode, init: Node | null): Node | undefined {
  const call = init && skipWrappers(init);
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments[0]) return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin || !STATE_HOOKS.some((pattern) => matchesPattern(origin, pattern))) return undefined;
  const initial = skipWrappers(call.arguments[0]);
  if (initial.type === AST_NODE_TYPES.ArrowFunctionExpression && initial.expression) return initial.body;
  return initial.type === AST_NODE_TYPES.SpreadElement ? undefined : initial;
}

type Check = (value: Node | null | undefined, kind: SecretKind | undefined, allowConstant?: boolean) => void;
type Judge = (
  sourceCode: SourceCode,
  value: Node | null | undefined,
  kind: SecretKind | undefined,
  allowConstant: boolean,
) => SecretValueFinding | undefined;

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
  // `options.state || 'state'`: whenever the caller passes none, every request carries the same constant.
  if (
    allowConstant &&
    inner.type === AST_NODE_TYPES.LogicalExpression &&
    (inner.operator === '||' || inner.operator === '??') &&
    (inner.right.type === AST_NODE_TYPES.Literal || inner.right.type === AST_NODE_TYPES.TemplateLiteral) &&
    stringValue(sourceCode, inner.right)
  ) {
    return { finding: { kind: 'constant', node: inner.right }, secret: kind, expression: inner };
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
  if (args.length === 0) return;
  let setsParam: boolean | undefined;
  for (let i = 0; i + 1 < args.length; i++) {
    const arg = args[i];
    if (arg.type !== AST_NODE_TYPES.Literal && arg.type !== AST_NODE_TYPES.TemplateLiteral && arg.type !== AST_NODE_TYPES.Identifier)
      continue;
    const key = stringValue(sourceCode, arg);
    if (key === undefined) continue;
    setsParam ??= PARAM_SETTERS.has(tailName(sourceCode, node.callee) ?? '');
    const kind = setsParam ? secretKindFromParamName(key) : secretKindFromName(key);
    if (!kind) continue;
    check(args[i + 1], kind, setsParam && (kind === 'state' || kind === 'nonce') && key === kind);
    break;
  }
  // Codes and tokens an authorization-server library's issue callback hands out; a constant is a finding there.
  for (const issued of issuedValues(sourceCode, node)) check(issued.node, issued.kind, true);
  // `buildAuthorizeUrl(Math.random())` where the helper's parameter (here or in an imported module) is `state`,
  // or is what the helper writes after `&nonce=` / under `state:` (`keycloakAuth(endpoint, stateKey, nonceKey)`).
  const called = calledFunction(sourceCode, node.callee);
  if (called) {
    called.fn.params.forEach((param, index) => {
      const id = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      const argument = args[index];
      if (id.type === AST_NODE_TYPES.Identifier && argument && argument.type !== AST_NODE_TYPES.SpreadElement)
        check(argument, secretKindFromName(id.name) ?? parameterSecretKind(called.sourceCode, called.fn, id));
    });
  }
}

/** Helpers whose parameters' uses are being read (a helper handing its parameter to itself, or to its caller). */
const readingParameters = new Set<TSESTree.FunctionLike>();
const parameterKinds = new WeakMap<TSESTree.Identifier, SecretKind | null>();

/**
 * What a helper's parameter becomes inside the helper when its name does not say it: the value
 * written after `state=` / `nonce=` in a URL the helper builds, under a `state` key of its
 * authorization parameters, or handed to a helper whose parameter is one. Only the parameter
 * itself (or its URL encoding) counts, never a value merely made from it.
 */
function parameterSecretKind(sourceCode: SourceCode, fn: TSESTree.FunctionLike, param: TSESTree.Identifier): SecretKind | undefined {
  const cached = parameterKinds.get(param);
  if (cached !== undefined) return cached ?? undefined;
  if (readingParameters.has(fn) || readingParameters.size >= MAX_PARAMETER_DEPTH) return undefined;
  readingParameters.add(fn);
  let kind: SecretKind | undefined;
  try {
    const variable = sourceCode.scopeManager?.acquire(fn)?.set.get(param.name);
    for (const reference of (variable?.references ?? []).slice(0, 20)) {
      if (!reference.isRead()) continue;
      const place = reference.identifier as Node;
      const holds: Judge = (_sourceCode, value, secret) =>
        value && secret && isParameterItself(value, place) ? { finding: { kind: 'constant', node: place }, secret } : undefined;
      let node: Node | undefined = place.parent;
      for (let depth = 0; node && depth < 4 && node !== fn; depth++, node = node.parent) {
        const [found] = secretValueFindingsAt(sourceCode, node, holds);
        if (found) {
          kind = found.secret;
          break;
        }
      }
      if (kind) break;
    }
  } finally {
    readingParameters.delete(fn);
  }
  parameterKinds.set(param, kind ?? null);
  return kind;
}

/** Helpers of helpers followed this deep. */
const MAX_PARAMETER_DEPTH = 3;

/** `nonce`, `encodeURIComponent(nonce)`, `String(nonce)`: the parameter's own value. */
function isParameterItself(value: Node, place: Node): boolean {
  const inner = skipWrappers(value);
  if (inner === place) return true;
  if (inner.type !== AST_NODE_TYPES.CallExpression || inner.arguments.length !== 1 || skipWrappers(inner.arguments[0]) !== place)
    return false;
  const callee = skipWrappers(inner.callee);
  return callee.type === AST_NODE_TYPES.Identifier && PARAMETER_ENCODERS.has(callee.name);
}

const PARAMETER_ENCODERS: ReadonlySet<string> = new Set(['encodeURIComponent', 'encodeURI', 'String', 'escape']);

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

/**
 * A helper of this module that returns a weak random string (`generateRandomString`, `uid`)
 * under a name that says nothing, reported here — where the wrong value is written, once —
 * when another module of the project uses its result as a state, nonce, verifier, CSRF token
 * or a minted code or token (rules.md, "Across modules and helpers"). The importers are found
 * by the bounded scan of project/importers.ts; only files outside node_modules with such a
 * helper pay for it.
 */
/** The cheap gate of weakHelperFindings: false when the file has no weak source a helper could return. */
export function mayHaveWeakHelpers(sourceCode: SourceCode): boolean {
  return fileFacts(sourceCode).mentions(WEAK_SOURCE_HINT);
}

export function weakHelperFindings(sourceCode: SourceCode): SecretValueFinding[] {
  if (!mayHaveWeakHelpers(sourceCode)) return [];
  return fileFacts(sourceCode).memo('secret-values:weak-helpers', () => guarded(() => computeWeakHelperFindings(sourceCode), []));
}

interface WeakHelper {
  readonly name: string;
  readonly fn: TSESTree.FunctionLike;
  readonly weak: RandomnessFinding;
}

function computeWeakHelperFindings(sourceCode: SourceCode): SecretValueFinding[] {
  const own = fileInfo(sourceCode)?.filename;
  if (!own || own.includes('/node_modules/')) return [];
  const helpers = weakHelpers(sourceCode);
  if (helpers.length === 0) return [];
  const findings: SecretValueFinding[] = [];
  const reported = new Set<Node>();
  for (const importer of importersOf(sourceCode, [...new Set(helpers.map((helper) => helper.name))])) {
    for (const call of fileFacts(importer).nodesOfType(AST_NODE_TYPES.CallExpression)) {
      const calleeName = tailName(importer, call.callee);
      if (!calleeName || !helpers.some((helper) => helper.name === calleeName)) continue;
      const located = importedDefinition(importer, call.callee);
      if (!located || fileInfo(located.sourceCode)?.filename !== own) continue;
      const [start, end] = located.node.range;
      const helper = helpers.find((candidate) => candidate.fn.range[0] >= start && candidate.fn.range[1] <= end);
      if (!helper || reported.has(helper.weak.node)) continue;
      const secret = secretKindOfCall(importer, call);
      if (!secret) continue;
      reported.add(helper.weak.node);
      // No suggestion: the helper's length and alphabet are the caller's; the fix is the helper's body.
      findings.push({ finding: helper.weak, secret });
    }
  }
  return findings;
}

/** Named functions of the module whose returned value is weak whatever the caller passes. */
function weakHelpers(sourceCode: SourceCode): WeakHelper[] {
  const helpers: WeakHelper[] = [];
  const functions = fileFacts(sourceCode).nodesOfType(
    AST_NODE_TYPES.FunctionDeclaration,
    AST_NODE_TYPES.FunctionExpression,
    AST_NODE_TYPES.ArrowFunctionExpression,
  );
  for (const fn of functions) {
    const name = functionName(fn) ?? exportedAsName(sourceCode, fn);
    if (!name) continue;
    const returned =
      fn.body.type === AST_NODE_TYPES.BlockStatement
        ? fileFacts(sourceCode)
            .nodesOfType(AST_NODE_TYPES.ReturnStatement)
            .filter((statement) => statement.argument && enclosingFunction(statement) === fn)
            .map((statement) => statement.argument!)
        : [fn.body];
    for (const value of returned) {
      const found = judge(sourceCode, value, 'state', false);
      if (found?.finding.kind === 'weak') {
        helpers.push({ name, fn, weak: found.finding });
        break;
      }
    }
  }
  return helpers;
}

/** `exports.uid = function (len) { … }`, `module.exports.uid = …`: the name importers use. */
function exportedAsName(sourceCode: SourceCode, fn: TSESTree.FunctionLike): string | undefined {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== fn) return undefined;
  return parent.left.type === AST_NODE_TYPES.MemberExpression ? tailName(sourceCode, parent.left) : undefined;
}

/**
 * What the value of `call` becomes in `sourceCode`: looked for in the few nodes around it and,
 * when it initialises a variable (`var code = utils.uid(16)`), around that variable's reads
 * (`done(null, code)` in an authorization server's issue callback).
 */
function secretKindOfCall(sourceCode: SourceCode, call: TSESTree.CallExpression): SecretKind | undefined {
  const places: Node[] = [call];
  const declarator = skipWrappersUp(call);
  if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(declarator), declarator.id.name);
    for (const reference of variable?.references ?? []) if (reference.isRead()) places.push(reference.identifier as Node);
  }
  for (const place of places.slice(0, 20)) {
    const [start, end] = place.range;
    const holds: Judge = (_sourceCode, value, kind) =>
      value && kind && value.range[0] <= start && value.range[1] >= end
        ? { finding: { kind: 'constant', node: call }, secret: kind }
        : undefined;
    let node: Node | undefined = place;
    // Deep enough to reach an issue callback around `done(null, code)` (oauth2orize nests the save in it).
    for (let depth = 0; node && depth < 14; depth++, node = node.parent) {
      const [found] = secretValueFindingsAt(sourceCode, node, holds);
      if (found) return found.secret;
    }
  }
  return undefined;
}

/** The node that holds the call's value: through `await` and type assertions up to its parent. */
function skipWrappersUp(node: Node): Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  )
    current = current.parent;
  return current.parent ?? current;
}
