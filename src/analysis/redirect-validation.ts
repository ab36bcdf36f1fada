/**
 * How redirect targets and redirect URIs are validated: the findings of
 * require-exact-redirect-uri, as plain data.
 *
 *   redirectValidationFindings(sc)  loose checks (prefix, substring, host or origin only, a
 *                                   `startsWith('/')` that lets `//evil` through), redirects
 *                                   to request input with no check at all, oauth2orize-style
 *                                   validation callbacks that accept the client's URI
 *                                   unchecked, and registered redirect URIs with a wildcard
 *                                   or plain http.
 *
 * The checks themselves are found by `redirects.ts`; this module judges them where they are
 * met: at a redirect sink, where a target is stored for later, in a next-auth `redirect`
 * callback, in a validator function (`isSafeRedirect(url)`), and in client registrations.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  CLIENT_REGISTRATION_KEYS,
  REGISTERED_REDIRECT_URI_KEYS,
  REQUEST_PARAMETER_KEYS,
  SINGLE_REDIRECT_URI_KEYS,
} from '../knowledge/oauth-libraries';
import { type FunctionNode, enclosingFunction, findVariable, functionName, soleValueDefinition } from './ast';
import { fileFacts } from './file-facts';
import { isInFile } from './functions';
import { memberName, propertyKeyName, returnedExpressions, skipWrappers } from './modules';
import { requestInput } from './request-input';
import {
  isClientRedirectUri,
  isRedirectTargetName,
  looseRegisteredRedirectUri,
  parameterChecks,
  redirectChecks,
  redirectRoots,
  redirectSink,
  redirectUriValidation,
  returnedParameters,
  sessionTargetKey,
  sessionTargetStores,
  storedRedirectTarget,
  type RedirectCheck,
  type RedirectChecks,
} from './redirects';
import { arrayElements, stringValue } from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type RedirectFindingKind =
  | 'looseCheck'
  | 'hostOnly'
  | 'originOnly'
  | 'relativeIncomplete'
  | 'unvalidated'
  | 'unregisteredRedirectUri'
  | 'wildcardRegistration'
  | 'httpRegistration';

export interface RedirectFinding {
  readonly node: Node;
  readonly kind: RedirectFindingKind;
  /** For the message: `how`/`method` of a loose check, `name` of an unchecked value. */
  readonly data?: Readonly<Record<string, string>>;
}

// Files with no redirect and no redirect-target names are skipped cheaply.
const REDIRECT_WORDS =
  /redirect|authorization\(|authorize\(|['"]location['"]|navigateTo|returnTo|return_to|callbackUrl|router\.(?:push|replace)|writeHead\(/i;
/**
 * A `Location` header written as an unquoted key (`new Response(null, { headers: { Location } })`)
 * and a serverless response object with a redirect status (`{ statusCode: 302, headers }`).
 */
const LOCATION_HEADER_WORDS = /\bLocation\s*[:,}]|\bstatus(?:Code)?\s*:\s*30[1-8]\b/;
/**
 * The browser's `location` (lower case) navigated, and Express's `res.location(url)`; not a
 * `const location =` of the file's own, `this.location = …`, a comparison or an arrow's parameter.
 */
const LOCATION_SINK_WORDS = /\blocation\s*(?:\.\s*(?:href|assign|replace)|\()|(?<!\b(?:const|let|var) |\bthis\.)\blocation\s*=(?![=>])/;
// A sanitiser in a helper module names no redirect: `next.indexOf('https://app…') === 0`.
const TARGET_CHECK_WORDS =
  /\b(?:next|returnTo|returnUrl|continue|dest|destination|goto|callbackUrl|target)\s*\.\s*(?:startsWith|indexOf|includes|endsWith|match)\s*\(/;
const LOOSE_HOW: Readonly<Record<string, string>> = { prefix: 'prefix', substring: 'substring', suffix: 'suffix', regex: 'pattern' };
// Names of functions that validate a redirect target: `isSafeRedirect`, `validateReturnTo`, `isAllowedRedirectUri`.
const VALIDATOR_FUNCTION = /valid|safe|allow|check|verify|trust|saniti|clean|permit|^is/i;
const TARGET_WORDS = /redirect|return|callback|next|continue|dest|goto|target/i;
/** The parts of a URL object that decide where it points. */
const HOST_PARTS: ReadonlySet<string> = new Set(['host', 'hostname', 'origin', 'href']);
/** Authorization-server code reads the requesting client's id. */
const CLIENT_ID_WORD = /\bclient_?id\b/i;

function computeFindings(sourceCode: SourceCode): RedirectFinding[] {
  const findings: RedirectFinding[] = [];
  // One finding per node: a construct is often met along two paths.
  const reported = new Set<Node>();
  const add = (node: Node, kind: RedirectFindingKind, data?: Record<string, string>): void => {
    if (reported.has(node)) return;
    reported.add(node);
    findings.push({ node, kind, data });
  };

  /** Records the loose checks; true when some check (loose or not) was found. */
  function judge(result: RedirectChecks, clientRedirectUri: boolean): boolean {
    const dataOf = (check: RedirectCheck) => ({ how: LOOSE_HOW[check.kind] ?? check.kind, method: check.how });
    // A check written in another module (an imported helper) counts here; it is reported there.
    const own = result.checks.filter((check) => isInFile(sourceCode, check.node));
    for (const check of own) {
      const data = dataOf(check);
      if (check.kind === 'host') add(check.node, 'hostOnly', data);
      else if (check.kind === 'origin' && clientRedirectUri) add(check.node, 'originOnly', data);
      else if (LOOSE_HOW[check.kind]) add(check.node, 'looseCheck', data);
    }
    const relative = own.filter((check) => check.kind === 'relative');
    // `startsWith('/')` alone reports even beside other checks: it is the branch an attacker takes.
    if (relative.length > 0 && !(result.refusesDoubleSlash && result.refusesBackslash)) {
      for (const check of relative) add(check.node, 'relativeIncomplete', dataOf(check));
    }
    return result.checks.length > 0 || result.refusesDoubleSlash || result.refusesBackslash;
  }

  const rootNames = (roots: ReturnType<typeof redirectRoots>): (string | undefined)[] => [
    ...roots.inputs.map((entry) => entry.input.key),
    ...[...roots.variables].map((variable) => variable.name),
  ];

  /** A target stored in the session or a cookie for a later redirect: its checks are judged here (no sink to report at). */
  function checkStored(node: Node): void {
    const stored = storedRedirectTarget(sourceCode, node);
    if (!stored) return;
    const roots = redirectRoots(sourceCode, stored);
    if (roots.inputs.length > 0) judge(redirectChecks(sourceCode, roots, node), isClientRedirectUri(rootNames(roots)));
  }

  function checkSink(node: Node): void {
    checkStored(node);
    const sink = redirectSink(sourceCode, node);
    if (!sink) return;
    const roots = redirectRoots(sourceCode, sink.target);
    if (roots.variables.size === 0 && roots.inputs.length === 0 && roots.others.length === 0) return;
    const clientRedirectUri = isClientRedirectUri(rootNames(roots));
    // The sink's own node: a response object's redirect is reported at its `Location` header.
    const at = sink.node;
    const result = redirectChecks(sourceCode, roots, at);
    const checked = judge(result, clientRedirectUri);
    if (checked && clientRedirectUri && roots.inputs.length > 0 && sendsToClient(at, result)) {
      // An authorization server handing the client's `redirect_uri` to a general-purpose sanitiser of
      // another module (reported there for its own looseness) still never compares it with the
      // client's registered URIs: a distinct problem, reported at this redirect.
      add(at, 'unregisteredRedirectUri', { name: roots.inputs[0].input.key ?? 'redirect_uri' });
      return;
    }
    if (checked) return;
    if (roots.inputs.length === 0) {
      const key = uncheckedSessionTarget(roots.others);
      if (key !== undefined) add(at, 'unvalidated', { name: key });
      return;
    }
    add(at, 'unvalidated', { name: roots.inputs[0].input.key ?? sourceCode.getText(roots.inputs[0].node) });
  }

  /**
   * A target read back from the session (`req.session.returnTo`) that this file stored there
   * from the request with no check at all: the redirect that follows is the unchecked one.
   * A store checked before it is written, or another file's store, leaves the redirect silent.
   */
  function uncheckedSessionTarget(others: readonly Node[]): string | undefined {
    for (const other of others) {
      const key = sessionTargetKey(sourceCode, other);
      if (key === undefined) continue;
      for (const store of sessionTargetStores(sourceCode, key)) {
        const roots = redirectRoots(sourceCode, store.value);
        if (roots.inputs.length === 0) continue;
        const result = redirectChecks(sourceCode, roots, store.node);
        if (result.checks.length === 0 && !result.refusesDoubleSlash && !result.refusesBackslash) return key;
      }
    }
    return undefined;
  }

  /**
   * The redirect sits in authorization-server code (its function reads the client's `client_id`) and
   * every check of the target is another module's, none an exact comparison or a yes/no validator.
   */
  function sendsToClient(sink: Node, result: RedirectChecks): boolean {
    if (result.checks.length === 0 || result.checks.some((check) => isInFile(sourceCode, check.node))) return false;
    if (result.checks.some((check) => check.kind === 'exact' || check.kind === 'validator')) return false;
    const fn = enclosingFunction(sink);
    return fn !== undefined && CLIENT_ID_WORD.test(sourceCode.getText(fn));
  }

  /** next-auth / Auth.js `callbacks: { redirect({ url, baseUrl }) {…} }`: `url` is the user-supplied callbackUrl. */
  function checkNextAuthRedirect(property: TSESTree.Property): void {
    const object = property.parent;
    const owner = object?.parent;
    if (
      object?.type !== AST_NODE_TYPES.ObjectExpression ||
      owner?.type !== AST_NODE_TYPES.Property ||
      propertyKeyName(sourceCode, owner) !== 'callbacks'
    )
      return;
    const fn = property.value;
    if (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return;
    const first = fn.params[0];
    let id: Node | undefined;
    if (first?.type === AST_NODE_TYPES.ObjectPattern) {
      const urlProperty = first.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(sourceCode, p) === 'url',
      );
      id = urlProperty?.value.type === AST_NODE_TYPES.AssignmentPattern ? urlProperty.value.left : urlProperty?.value;
    } else if (first?.type === AST_NODE_TYPES.Identifier && fn.params[1]?.type === AST_NODE_TYPES.Identifier) {
      // next-auth v3: `redirect(url, baseUrl)`.
      id = first;
    }
    if (id?.type !== AST_NODE_TYPES.Identifier) return;
    const variable = findVariable(sourceCode.getScope(id), id);
    if (!variable || judge(parameterChecks(sourceCode, variable), false)) return;
    // No check at all: report where `url` is handed back (next-auth redirects there).
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (
        parent?.type === AST_NODE_TYPES.ReturnStatement ||
        (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === reference.identifier)
      )
        add(reference.identifier, 'unvalidated', { name: 'url' });
    }
  }

  /**
   * `function isSafeRedirect(url) {…}`, and a sanitiser handing back its target-named parameter
   * (`pickNext(next)`): its checks are judged here, where they are written, even where its
   * callers are out of sight (in other modules, which count it as a check and stay silent).
   */
  function checkValidator(fn: TSESTree.FunctionLike): void {
    // `getRedirectURL()` reading `return_url` from the URL itself and returning it under checks.
    for (const variable of returnedRequestTargets(fn)) judge(parameterChecks(sourceCode, variable), isClientRedirectUri([variable.name]));
    const name = functionName(fn);
    if (!name) return;
    if (!VALIDATOR_FUNCTION.test(name) || !TARGET_WORDS.test(name)) {
      // Cheap gate first: a parameter named like a redirect target.
      if (!fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && isRedirectTargetName(param.name))) return;
      for (const { variable } of returnedParameters({ sourceCode, fn: fn as FunctionNode }))
        if (isRedirectTargetName(variable.name)) judge(parameterChecks(sourceCode, variable), isClientRedirectUri([variable.name]));
      return;
    }
    const scope = sourceCode.scopeManager?.acquire(fn);
    if (!scope) return;
    const params = fn.params
      .map((param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param))
      .filter((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier);
    const targets = params.filter((param) => isRedirectTargetName(param.name) || /url|uri|path|href|to$/i.test(param.name));
    for (const param of targets.length > 0 ? targets : params.length === 1 ? params : []) {
      const variable = scope.set.get(param.name);
      if (variable && !setsHost(variable)) judge(parameterChecks(sourceCode, variable), isClientRedirectUri([param.name]));
    }
  }

  /**
   * Variables a function returns that it read from the request or the browser's URL under a
   * redirect target's name (`const return_url = params.get('return_url'); … return return_url`):
   * the function is that target's sanitiser, and its checks are judged where written.
   */
  function returnedRequestTargets(fn: TSESTree.FunctionLike): TSESLint.Scope.Variable[] {
    // Named for the target it gets (`getRedirectURL`, `returnToFromQuery`): reading every function's returns costs too much.
    const name = functionName(fn);
    if (!fn.body || fn.body.type !== AST_NODE_TYPES.BlockStatement || !name || !TARGET_WORDS.test(name)) return [];
    const found: TSESLint.Scope.Variable[] = [];
    for (const returned of returnedExpressions(fn) ?? []) {
      const value = skipWrappers(returned);
      if (value.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = findVariable(sourceCode.getScope(value), value);
      const def = soleValueDefinition(variable);
      if (!variable || found.includes(variable) || def?.type !== 'Variable' || def.node.id !== def.name || !def.node.init) continue;
      const key = requestInput(sourceCode, def.node.init)?.key;
      if (key !== undefined && (isRedirectTargetName(key) || isRedirectTargetName(variable.name))) found.push(variable);
    }
    return found;
  }

  /**
   * `url.host = CONFIGURED_HOST`: the function puts its own host into the URL object it is given,
   * so a host comparison there picks when to rewrite, not which host to trust.
   */
  function setsHost(variable: TSESLint.Scope.Variable): boolean {
    return variable.references.some((reference) => {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const assignment = member.parent;
      return (
        assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
        assignment.left === member &&
        HOST_PARTS.has(memberName(sourceCode, member) ?? '')
      );
    });
  }

  /** oauth2orize-style `server.authorization((clientID, redirectURI, done) => …)`: the URI must be compared before `done` accepts it. */
  function checkValidationCallback(call: TSESTree.CallExpression): void {
    const validation = redirectUriValidation(sourceCode, call);
    if (!validation || validation.accepts.length === 0) return;
    if (judge(parameterChecks(sourceCode, validation.redirectUri), true)) return;
    for (const accept of validation.accepts) add(accept, 'unregisteredRedirectUri', { name: validation.redirectUri.name });
  }

  /** A client registration: `redirect_uris: ['https://*.example.com/cb', 'http://app.example.com/cb']`. */
  function checkRegistration(property: TSESTree.Property): void {
    for (const element of arrayElements(sourceCode, property.value) ?? []) {
      const uri = stringValue(sourceCode, element);
      const problem = uri === undefined ? undefined : looseRegisteredRedirectUri(uri);
      if (problem) add(element, problem === 'wildcard' ? 'wildcardRegistration' : 'httpRegistration');
    }
  }

  /** `{ client_id, client_secret, grant_types, redirect_uri: 'https://*.example.com/cb' }`: one registered URI. */
  function checkSingleRegistration(property: TSESTree.Property): void {
    const object = property.parent;
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return;
    const keys = object.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(sourceCode, p) : undefined));
    if (!keys.some((key) => key !== undefined && CLIENT_REGISTRATION_KEYS.has(key))) return;
    if (keys.some((key) => key !== undefined && REQUEST_PARAMETER_KEYS.has(key))) return;
    const uri = stringValue(sourceCode, property.value);
    const problem = uri === undefined ? undefined : looseRegisteredRedirectUri(uri);
    if (problem) add(property.value, problem === 'wildcard' ? 'wildcardRegistration' : 'httpRegistration');
  }

  const places = fileFacts(sourceCode).nodesOfType(
    AST_NODE_TYPES.CallExpression,
    AST_NODE_TYPES.NewExpression,
    AST_NODE_TYPES.AssignmentExpression,
    AST_NODE_TYPES.ObjectExpression,
    AST_NODE_TYPES.Property,
    AST_NODE_TYPES.FunctionDeclaration,
    AST_NODE_TYPES.FunctionExpression,
    AST_NODE_TYPES.ArrowFunctionExpression,
  );
  for (const node of places) {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        checkSink(node);
        checkValidationCallback(node);
        break;
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.ObjectExpression:
        checkSink(node);
        break;
      case AST_NODE_TYPES.Property: {
        const key = propertyKeyName(sourceCode, node);
        if (key === 'redirect') checkNextAuthRedirect(node);
        else if (key !== undefined && REGISTERED_REDIRECT_URI_KEYS.has(key)) checkRegistration(node);
        else if (key !== undefined && SINGLE_REDIRECT_URI_KEYS.has(key)) checkSingleRegistration(node);
        break;
      }
      default:
        checkValidator(node);
    }
  }
  return findings;
}

/** What require-exact-redirect-uri reports in a file, in source order of discovery (shared per file). */
export function redirectValidationFindings(sourceCode: SourceCode): readonly RedirectFinding[] {
  if (!redirectValidationApplies(sourceCode)) return [];
  return fileFacts(sourceCode).memo('redirect-validation:findings', () => computeFindings(sourceCode));
}

/** The cheap gate: false when the file names no redirect and no redirect target (it can have no finding). */
export function redirectValidationApplies(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return (
    facts.mentions(REDIRECT_WORDS) ||
    facts.mentions(LOCATION_SINK_WORDS) ||
    facts.mentions(TARGET_CHECK_WORDS) ||
    facts.mentions(LOCATION_HEADER_WORDS)
  );
}
