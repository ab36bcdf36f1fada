/**
 * Redirect targets and the checks applied to them.
 *
 * `redirectSink(sourceCode, node)` recognises a redirect: `res.redirect(url)`,
 * `reply.redirect(url)`, `ctx.redirect(url)`, `c.redirect(url)`, `Response.redirect(url)`,
 * `NextResponse.redirect(url)`, `redirect(url)` from next/navigation or @sveltejs/kit,
 * `sendRedirect(event, url)`, `res.setHeader('Location', url)`, `res.writeHead(302, { Location })`,
 * `new Response(null, { headers: { Location } })`, a serverless handler's response object
 * (`{ statusCode: 302, headers: { Location: url } }`: AWS Lambda, Netlify, Azure Functions),
 * `location.assign/replace(url)`, `location.href = url`, and Next.js router `push`/`replace`.
 *
 * `redirectRoots(sourceCode, target)` follows the target back to where its value came from
 * (variables, `new URL(x)`, `.href`, `x || '/'`, a template starting with `x`), keeping the
 * variables on the way and the request values it started as (`req.query.returnTo`).
 *
 * `redirectChecks(sourceCode, roots, scope)` finds what the code does with those values:
 * exact comparisons (`===`, `Set.has`, `Array.includes`, `new URL(x, base).origin ===`),
 * loose ones (`startsWith`, `includes` on a string, `indexOf`, `endsWith`, regexes, host
 * comparisons), relative-path checks and whether they also refuse `//` and `/\`, and calls
 * to validators the analysis cannot see into — following helpers of the same file.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getStaticValue, findVariable, enclosingFunctionOrProgram, soleValueDefinition } from './ast';
import {
  GLOBAL_MODULE,
  calleeOrigin,
  matchesPattern,
  memberName,
  originOf,
  propertyKeyName,
  returnedExpressions,
  skipWrappers,
} from './modules';
import { REDIRECT_URI_VALIDATORS } from '../knowledge/oauth-libraries';
import { requestInput, type RequestInput } from './request-input';
import { definitionOf, descendants, getProperty, stringValue } from './values';
import { guarded, rethrowsAnalysisErrors } from './guard';
import { type CalledFunction, calledFunction, libraryCallEntry, parameterIndexOf } from './functions';
import { HTTP_CLIENT_MODULES } from '../knowledge/http';
import { REMIX_SERVER_MODULES } from '../knowledge/requests';
import { fileFacts } from './file-facts';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export interface RedirectSink {
  /** The redirect call, assignment or `new Response`. */
  readonly node: Node;
  /** The expression giving the URL redirected to. */
  readonly target: Node;
}

/** Functions that redirect, by origin: the argument index of the target. */
const REDIRECT_FUNCTIONS: ReadonlyMap<string, number | 'first-string'> = new Map<string, number | 'first-string'>([
  ['next/navigation#redirect', 0],
  ['next/navigation#permanentRedirect', 0],
  ['@sveltejs/kit#redirect', 'first-string'],
  ...REMIX_SERVER_MODULES.map((module): [string, number] => [`${module}#redirect`, 0]),
  ['react-router-dom#redirect', 0],
  ['h3#sendRedirect', 1],
  // Nuxt/Nitro server routes auto-import h3's sendRedirect: no import to trace.
  ['<global>#sendRedirect', 1],
  ['nuxt/app#navigateTo', 0],
  // Nuxt auto-imports navigateTo: no import to trace.
  ['<global>#navigateTo', 0],
  ['<global>#location.assign', 0],
  ['<global>#location.replace', 0],
  ['<global>#document.location.assign', 0],
  ['<global>#document.location.replace', 0],
  ['next/router#**.push', 0],
  ['next/router#**.replace', 0],
  ['next/navigation#useRouter.().push', 0],
  ['next/navigation#useRouter.().replace', 0],
]);
/** Globals whose assignment navigates: `location.href = url`. */
const LOCATION_TARGETS = new Set(['location', 'location.href', 'document.location', 'document.location.href']);
/** Methods that set a header (`res.setHeader('Location', url)`). */
const HEADER_SETTERS = new Set(['setHeader', 'set', 'header', 'append', 'appendHeader']);

function firstNonNumber(sourceCode: SourceCode, args: readonly TSESTree.CallExpressionArgument[]): Node | undefined {
  for (const arg of args) {
    if (arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const inner = skipWrappers(arg);
    if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') continue;
    const value = getStaticValue(inner, sourceCode.getScope(inner));
    if (value && typeof value.value === 'number') continue;
    return arg;
  }
  return undefined;
}

function locationHeader(sourceCode: SourceCode, headers: Node | undefined): Node | undefined {
  return locationHeaderProperty(sourceCode, headers)?.value;
}

function locationHeaderProperty(sourceCode: SourceCode, headers: Node | undefined): { value: Node; property?: Node } | undefined {
  if (!headers) return undefined;
  // `new Headers({ Location: url })`: the init object holds the header.
  const built = skipWrappers(definitionOf(sourceCode, headers));
  if (
    built.type === AST_NODE_TYPES.NewExpression &&
    built.callee.type === AST_NODE_TYPES.Identifier &&
    built.callee.name === 'Headers' &&
    built.arguments[0] &&
    built.arguments[0].type !== AST_NODE_TYPES.SpreadElement
  )
    return locationHeaderProperty(sourceCode, built.arguments[0]);
  for (const name of ['Location', 'location']) {
    const found = getProperty(sourceCode, headers, name);
    if (found.status === 'present') return { value: found.value, property: found.property };
  }
  return undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A serverless handler's response object: `{ statusCode: 302, headers: { Location: url } }` (AWS
 * Lambda, Netlify) or `{ status: 302, headers: { location } }` (Azure Functions). Only a constant
 * redirect status counts: a `Location` beside a 201 or an unknown status is no redirect.
 */
function responseObjectRedirect(sourceCode: SourceCode, object: TSESTree.ObjectExpression): RedirectSink | undefined {
  // `new Response(body, { status, headers })`: the constructor is the redirect (met as such).
  if (object.parent?.type === AST_NODE_TYPES.NewExpression) return undefined;
  let status: Node | undefined;
  let headers: Node | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(sourceCode, property);
    if (key === 'statusCode' || key === 'status') status = property.value;
    else if (key === 'headers') headers = property.value;
  }
  if (!status || !headers) return undefined;
  const code = getStaticValue(status, sourceCode.getScope(status))?.value;
  if (typeof code !== 'number' || !REDIRECT_STATUSES.has(code)) return undefined;
  const location = locationHeaderProperty(sourceCode, headers);
  if (!location || location.value.type === AST_NODE_TYPES.SpreadElement) return undefined;
  // Reported at the `Location` header, not across the whole response object.
  return { node: location.property ?? object, target: location.value };
}

// Names a redirect's callee (or assigned property) can have: a cheap filter before origins are resolved.
const SINK_NAMES = new Set([
  'redirect',
  'permanentRedirect',
  'sendRedirect',
  'navigateTo',
  'location',
  'setHeader',
  'set',
  'header',
  'append',
  'appendHeader',
  'writeHead',
  'assign',
  'replace',
  'push',
  'href',
  'Response',
  'login',
  'logout',
]);

function tailNameOf(node: Node): string | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    if (!inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) return inner.property.name;
    if (inner.property.type === AST_NODE_TYPES.Literal && typeof inner.property.value === 'string') return inner.property.value;
  }
  return undefined;
}

/**
 * `redirect` taken from a handler's context parameter: Astro's `({ url, redirect }) => redirect(next)`.
 * Only a destructured parameter counts; a local or imported `redirect` is judged by its origin.
 */
function isContextRedirect(sourceCode: SourceCode, callee: TSESTree.Identifier): boolean {
  if (callee.name !== 'redirect') return false;
  const definition = findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const property = definition.name.parent;
  return (
    property?.type === AST_NODE_TYPES.Property &&
    property.parent?.type === AST_NODE_TYPES.ObjectPattern &&
    propertyKeyName(sourceCode, property) === 'redirect'
  );
}

/** The redirect a node performs, if it is one. */
export function redirectSink(sourceCode: SourceCode, node: Node, followHelpers = true): RedirectSink | undefined {
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    try {
      return responseObjectRedirect(sourceCode, node);
    } catch (error) {
      if (rethrowsAnalysisErrors()) throw error;
      return undefined;
    }
  }
  const name =
    node.type === AST_NODE_TYPES.AssignmentExpression
      ? tailNameOf(node.left)
      : node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression
        ? tailNameOf(node.callee)
        : undefined;
  if (name === undefined || !SINK_NAMES.has(name)) return undefined;
  try {
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      if (node.operator !== '=') return undefined;
      const origin = originOf(sourceCode, node.left);
      if (origin?.module === GLOBAL_MODULE && LOCATION_TARGETS.has(origin.path.join('.'))) return { node, target: node.right };
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const origin = calleeOrigin(sourceCode, node);
      if (origin?.module !== GLOBAL_MODULE || origin.path.join('.') !== 'Response') return undefined;
      const location = locationHeaderProperty(
        sourceCode,
        node.arguments[1] ? getPropertyValue(sourceCode, node.arguments[1], 'headers') : undefined,
      );
      if (!location) return undefined;
      // Headers built beforehand (`new Headers({ Location })`): reported where the target is written.
      const outside = location.property && (location.property.range[0] < node.range[0] || location.property.range[1] > node.range[1]);
      return { node: outside && location.property ? location.property : node, target: location.value };
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipWrappers(node.callee);
    // `push`, `replace`, `set`… are common names: the origin is resolved only where a redirect function can be reached.
    const origin = fileFacts(sourceCode).mayMatch(REDIRECT_FUNCTIONS) ? calleeOrigin(sourceCode, node) : undefined;
    if (origin) {
      for (const [pattern, index] of REDIRECT_FUNCTIONS) {
        if (!matchesPattern(origin, pattern)) continue;
        const target = index === 'first-string' ? firstNonNumber(sourceCode, node.arguments) : node.arguments[index];
        return target && target.type !== AST_NODE_TYPES.SpreadElement ? { node, target } : undefined;
      }
    }
    if (callee.type === AST_NODE_TYPES.Identifier && !origin && isContextRedirect(sourceCode, callee)) {
      const target = firstNonNumber(sourceCode, node.arguments);
      return target ? { node, target } : undefined;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // A function of the project that redirects to its parameter: `redirect(location)` of a lib/http module.
      const index =
        followHelpers && !origin && REDIRECT_HELPER_NAME.test(callee.name) ? helperRedirectParameter(sourceCode, callee) : undefined;
      const target = index === undefined ? undefined : node.arguments[index];
      return target && target.type !== AST_NODE_TYPES.SpreadElement ? { node, target } : undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(sourceCode, callee);
    if (method === 'redirect') {
      // Express `res.redirect([status,] url)`, Fastify `reply.redirect([code,] url)` / v5 `(url, code)`,
      // Koa `ctx.redirect(url)`, Hono `c.redirect(url)`, `Response.redirect(url)`, `NextResponse.redirect(url)`.
      const target = firstNonNumber(sourceCode, node.arguments);
      return target ? { node, target } : undefined;
    }
    // express-openid-connect `res.oidc.login({ returnTo })` / `res.oidc.logout({ returnTo })`
    // redirect the browser to `returnTo` once the login or logout completes.
    if ((method === 'login' || method === 'logout') && skipWrappers(callee.object).type === AST_NODE_TYPES.MemberExpression) {
      if (memberName(sourceCode, skipWrappers(callee.object) as TSESTree.MemberExpression) !== 'oidc' || !node.arguments[0])
        return undefined;
      const target =
        node.arguments[0].type === AST_NODE_TYPES.SpreadElement ? undefined : getPropertyValue(sourceCode, node.arguments[0], 'returnTo');
      return target ? { node, target } : undefined;
    }
    if (method === 'location' && node.arguments.length === 1 && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement) {
      return { node, target: node.arguments[0] };
    }
    if (method && HEADER_SETTERS.has(method) && node.arguments.length >= 2) {
      const name = stringValue(sourceCode, node.arguments[0]);
      const value = node.arguments[1];
      if (name?.toLowerCase() === 'location' && value.type !== AST_NODE_TYPES.SpreadElement) return { node, target: value };
    }
    if (method === 'writeHead' && node.arguments.length >= 2) {
      const headers = node.arguments[node.arguments.length - 1];
      const target = headers.type === AST_NODE_TYPES.SpreadElement ? undefined : locationHeader(sourceCode, headers);
      return target ? { node, target } : undefined;
    }
    return undefined;
  } catch (error) {
    if (rethrowsAnalysisErrors()) throw error;
    return undefined;
  }
}

const helperRedirectParameters = new WeakMap<Node, number | null>();
/** Helpers looked into only when named for a redirect (`set`, `push`, `login` are everywhere). */
const REDIRECT_HELPER_NAME = /redirect|navigate/i;

/** The parameter a helper of the project redirects to (its own redirect sink takes it as is), if any. */
function helperRedirectParameter(sourceCode: SourceCode, callee: TSESTree.Identifier): number | undefined {
  const helper = calledFunction(sourceCode, callee);
  if (!helper) return undefined;
  let index = helperRedirectParameters.get(helper.fn);
  if (index === undefined) {
    index = null;
    for (const inner of descendants(helper.fn.body ?? helper.fn)) {
      const sink = redirectSink(helper.sourceCode, inner, false);
      const position = sink ? parameterIndexOf(helper.sourceCode, helper.fn, sink.target) : undefined;
      if (position !== undefined) {
        index = position;
        break;
      }
    }
    helperRedirectParameters.set(helper.fn, index);
  }
  return index ?? undefined;
}

function getPropertyValue(sourceCode: SourceCode, object: Node, name: string): Node | undefined {
  const found = getProperty(sourceCode, object, name);
  return found.status === 'present' ? found.value : undefined;
}

// --- where the target came from --------------------------------------------------------------

export interface RedirectRoots {
  /** Variables the value passed through (`next`, `target`, `redirectUri`). */
  readonly variables: ReadonlySet<Variable>;
  /** Request values it came from, with the node that reads them. */
  readonly inputs: readonly { readonly node: Node; readonly input: RequestInput }[];
  /** Other non-constant starting points (a session value, a parameter). */
  readonly others: readonly Node[];
  /** Parameters of helpers in other modules the value passed through (`withFallback(next)` returning `next`). */
  readonly foreign: readonly ForeignParameter[];
}

/** A parameter of a function written in another module, with that module's SourceCode. */
export interface ForeignParameter {
  readonly sourceCode: SourceCode;
  readonly variable: Variable;
}

/**
 * The parameters a helper hands back unchanged as its result, or else a default: `return next`,
 * `return next || '/'`, `return ok ? next : '/'` (index and variable in the helper's own scope).
 * A helper that also returns something made from the parameter (`next.endsWith('/') ? next :
 * next + '/'`) transforms it: its tests are not checks of a target.
 */
export function returnedParameters(helper: Pick<CalledFunction, 'sourceCode' | 'fn'>): { index: number; variable: Variable }[] {
  const scope = helper.sourceCode.scopeManager?.acquire(helper.fn as Node);
  if (!scope) return [];
  const leaves: Node[] = [];
  const visit = (expression: Node, depth: number): void => {
    const value = skipWrappers(expression);
    if (depth <= 3 && value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') {
      visit(value.left, depth + 1);
      visit(value.right, depth + 1);
    } else if (depth <= 3 && value.type === AST_NODE_TYPES.ConditionalExpression) {
      visit(value.consequent, depth + 1);
      visit(value.alternate, depth + 1);
    } else leaves.push(value);
  };
  for (const returned of returnedExpressions(helper.fn) ?? []) visit(returned, 0);
  const found: { index: number; variable: Variable }[] = [];
  const paramIndex = (name: string): number =>
    helper.fn.params.findIndex((param) => {
      const binding = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      return binding.type === AST_NODE_TYPES.Identifier && binding.name === name;
    });
  const within = (outer: Node, variable: Variable): boolean =>
    variable.references.some(
      (reference) => outer.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= outer.range[1],
    );
  for (const leaf of leaves) {
    if (leaf.type !== AST_NODE_TYPES.Identifier) continue;
    let index = paramIndex(leaf.name);
    let variable = index === -1 ? undefined : scope.set.get(leaf.name);
    // `const to = goto.trim(); … return to`: the parameter under another name.
    const alias = index === -1 ? aliasOfParameter(helper.sourceCode, leaf) : undefined;
    if (alias) {
      index = paramIndex(alias.name);
      variable = index === -1 ? undefined : scope.set.get(alias.name);
    }
    if (!variable || found.some((entry) => entry.variable === variable)) continue;
    const copy = alias ? findVariable(helper.sourceCode.getScope(leaf), leaf) : undefined;
    const names = copy ? [variable, copy] : [variable];
    const transformed = leaves.some((other) => other.type !== AST_NODE_TYPES.Identifier && names.some((name) => within(other, name)));
    if (!transformed) found.push({ index, variable });
  }
  return found;
}

/** Calls that hand back the same target: `x.trim()`, `String(x)`, `decodeURIComponent(x)`. */
const SAME_TARGET_METHODS = new Set(['trim', 'toString']);
const SAME_TARGET_FUNCTIONS = new Set(['String', 'decodeURIComponent', 'decodeURI']);

/** The identifier a `const` is a plain copy of (`const to = goto.trim()` → `goto`), if any. */
function aliasOfParameter(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Identifier | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Variable' || def.node.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init)
    return undefined;
  let value = skipWrappers(def.node.init);
  // `String(next).trim()`: a few such calls deep.
  for (let depth = 0; depth < 3 && value.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = skipWrappers(value.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && SAME_TARGET_METHODS.has(memberName(sourceCode, callee) ?? ''))
      value = skipWrappers(callee.object);
    else if (callee.type === AST_NODE_TYPES.Identifier && SAME_TARGET_FUNCTIONS.has(callee.name) && value.arguments[0])
      value = skipWrappers(value.arguments[0]);
    else return undefined;
  }
  return value.type === AST_NODE_TYPES.Identifier ? value : undefined;
}

const PASS_THROUGH_CALLS = new Set(['decodeURIComponent', 'decodeURI', 'String', 'toString', 'trim', 'format']);
const MAX_DEPTH = 10;

/** Where a redirect target's value comes from. */
export function redirectRoots(sourceCode: SourceCode, target: Node): RedirectRoots {
  const variables = new Set<Variable>();
  const inputs: { node: Node; input: RequestInput }[] = [];
  const others: Node[] = [];
  const foreign: ForeignParameter[] = [];
  const seen = new Set<Node>();
  // `whole`: the node is the whole target (through consts and pass-through calls), not one branch or piece of it.
  const visit = (input: Node, depth: number, whole = false): void => {
    const node = skipWrappers(input);
    if (depth > MAX_DEPTH || seen.has(node)) return;
    seen.add(node);
    const fromRequest = requestInput(sourceCode, node);
    if (fromRequest && fromRequest.key !== undefined && node.type !== AST_NODE_TYPES.Identifier) {
      inputs.push({ node, input: fromRequest });
      return;
    }
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(sourceCode.getScope(node), node);
        if (!variable || variable.defs.length !== 1) return;
        variables.add(variable);
        const def = variable.defs[0];
        if (fromRequest && fromRequest.key !== undefined) {
          inputs.push({ node, input: fromRequest });
          return;
        }
        if (def.type === 'Parameter') {
          others.push(node);
          return;
        }
        if (def.type !== 'Variable') return;
        if (def.node.id.type !== AST_NODE_TYPES.Identifier) {
          others.push(node);
          return;
        }
        for (const reference of variable.references) {
          if (!reference.isWrite()) continue;
          const parent = reference.identifier.parent;
          if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init) visit(parent.init, depth + 1, whole);
          else if (parent?.type === AST_NODE_TYPES.AssignmentExpression) visit(parent.right, depth + 1, whole);
        }
        return;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(sourceCode, node);
        // The origin of a URL the request chose is still the request's choice of site.
        if (name === 'href' || name === 'toString' || name === 'origin') {
          visit(node.object, depth + 1);
          return;
        }
        others.push(node);
        return;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipWrappers(node.callee);
        const name =
          callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : callee.type === AST_NODE_TYPES.MemberExpression
              ? memberName(sourceCode, callee)
              : undefined;
        if (name && PASS_THROUGH_CALLS.has(name)) {
          if (callee.type === AST_NODE_TYPES.MemberExpression && (name === 'toString' || name === 'trim'))
            visit(callee.object, depth + 1, whole);
          else if (node.arguments[0]) visit(node.arguments[0] as Node, depth + 1, whole);
        }
        // A sanitiser that returns its parameter (or a default), in this file or another module
        // of the project: the target is the argument, and the checks inside the helper are
        // checks of that parameter.
        const helper = calledFunction(sourceCode, callee);
        for (const { index, variable } of helper ? returnedParameters(helper) : []) {
          const argument = node.arguments[index];
          if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
          if (helper?.imported) foreign.push({ sourceCode: helper.sourceCode, variable });
          else variables.add(variable);
          visit(argument, depth + 1);
        }
        // Anything else (a lookup, a sanitiser we cannot see into) makes a new value.
        return;
      }
      case AST_NODE_TYPES.NewExpression: {
        const origin = calleeOrigin(sourceCode, node);
        if (origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'URL' && node.arguments[0])
          visit(node.arguments[0] as Node, depth + 1);
        return;
      }
      case AST_NODE_TYPES.ConditionalExpression:
        visit(node.consequent, depth + 1);
        visit(node.alternate, depth + 1);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        if (node.operator !== '&&') visit(node.left, depth + 1);
        visit(node.right, depth + 1);
        return;
      case AST_NODE_TYPES.AwaitExpression:
        visit(node.argument, depth + 1, whole);
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        // Only a target at the start can change where the browser goes — or, for the whole target,
        // one right after a lone `/`, where `/evil.com` makes `//evil.com`, another site.
        if ((node.quasis[0]?.value.cooked === '' || (whole && node.quasis[0]?.value.cooked === '/')) && node.expressions[0])
          visit(node.expressions[0], depth + 1);
        return;
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== '+') return;
        visit(node.left as Node, depth + 1);
        if (whole && node.left.type === AST_NODE_TYPES.Literal && node.left.value === '/') visit(node.right, depth + 1);
        return;
      default:
        return;
    }
  };
  visit(target, 0, true);
  return { variables, inputs, others, foreign };
}

// --- the checks applied ---------------------------------------------------------------------

export type CheckKind =
  /** `===`, `Set.has`, `Array.includes`, an anchored literal regex. */
  | 'exact'
  /** `new URL(x, base).origin === ORIGIN` (exact for a post-login target). */
  | 'origin'
  /** `startsWith`, `indexOf(...) === 0` with a URL or variable. */
  | 'prefix'
  | 'substring'
  | 'suffix'
  | 'regex'
  /** `new URL(x).host === …`, `hostname.endsWith(…)`, `ALLOWED_HOSTS.has(url.hostname)`. */
  | 'host'
  /** `startsWith('/')`, `x[0] === '/'`, `/^\//`. */
  | 'relative'
  /** A relative-path regex that refuses `//` and `/\`. */
  | 'relative-safe'
  /** A call the analysis cannot see into whose answer decides (`isSafeUrl(x)`). */
  | 'validator';

export interface RedirectCheck {
  readonly kind: CheckKind;
  /** Where a loose check is reported: the call or comparison. */
  readonly node: Node;
  /** For messages: `startsWith`, `host ===`, `RegExp.test`. */
  readonly how: string;
}

export interface RedirectChecks {
  readonly checks: readonly RedirectCheck[];
  /** A leading `//` is refused (`!x.startsWith('//')`, `x[1] !== '/'`). */
  readonly refusesDoubleSlash: boolean;
  /** A leading `/\` is refused. */
  readonly refusesBackslash: boolean;
}

const VALIDATOR_NAME =
  /valid|safe|allow|trust|check|verify|saniti|whitelist|permit|^is[A-Z_]|^has[A-Z_]|local|relative|same|clean|match|registered|known/;
const FLAG_NAME = /^(?:ok|is[A-Z_]|has[A-Z_]|can[A-Z_])|valid|allowed|safe|trusted|permitted|matches|known|registered/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** `^http:\/\/127\.0\.0\.1` / `^http://localhost` / `^http:\/\/\[::1\]` followed by a port, a path or the end. */
const LOOPBACK_REGEX_PREFIX = /^\^https?:(?:\\\/|\/){2}(?:127\\\.0\\\.0\\\.1|localhost|\\\[::1\\\])(?:[(:/$[]|\\\/)/;
const URL_PARTS = new Set(['host', 'hostname', 'origin', 'href', 'protocol', 'pathname', 'port', 'search', 'hash']);

interface Collector {
  checks: RedirectCheck[];
  refusesDoubleSlash: boolean;
  refusesBackslash: boolean;
  /** URL objects made from the target: their `.host` / `.origin` are looked at. */
  urlVariables: Set<Variable>;
  visitedFunctions: Set<Node>;
  depth: number;
}

/** Unwraps uses that keep the value: `x!`, `x as string`, `x.trim()`, `decodeURIComponent(x)`, `String(x)`. */
function valueUse(sourceCode: SourceCode, node: Node): Node {
  let current = node;
  for (let i = 0; i < 6; i++) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression
    ) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const name = memberName(sourceCode, parent);
      const call = parent.parent;
      if (
        (name === 'trim' || name === 'toLowerCase' || name === 'toString') &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee === parent
      ) {
        current = call;
        continue;
      }
      return current;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current) {
      const callee = skipWrappers(parent.callee);
      if (
        callee.type === AST_NODE_TYPES.Identifier &&
        (callee.name === 'decodeURIComponent' || callee.name === 'String' || callee.name === 'decodeURI')
      ) {
        current = parent;
        continue;
      }
    }
    return current;
  }
  return current;
}

function isComparison(node: Node | undefined): node is TSESTree.BinaryExpression {
  return (
    node?.type === AST_NODE_TYPES.BinaryExpression &&
    (node.operator === '===' || node.operator === '!==' || node.operator === '==' || node.operator === '!=')
  );
}

/** True when a call's answer decides something: an `if`/ternary test, `!x`, `&&`, a return. */
function inTestPosition(node: Node): boolean {
  let current = node;
  for (let i = 0; i < 6; i++) {
    const parent = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
        return parent.test === current;
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.AwaitExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.VariableDeclarator:
        // `const ok = isAllowed(x)`: the flag decides later.
        return parent.id.type === AST_NODE_TYPES.Identifier && FLAG_NAME.test(parent.id.name);
      default:
        return false;
    }
  }
  return false;
}

/** The text a regex literal (or `new RegExp('…')` / a const holding one) matches, if known. */
function regexSource(sourceCode: SourceCode, node: Node): string | undefined {
  const definition = definitionOf(sourceCode, node);
  if (definition.type === AST_NODE_TYPES.Literal && 'regex' in definition && definition.regex) return definition.regex.pattern;
  if (
    definition.type === AST_NODE_TYPES.NewExpression &&
    definition.callee.type === AST_NODE_TYPES.Identifier &&
    definition.callee.name === 'RegExp' &&
    definition.arguments[0]
  ) {
    return stringValue(sourceCode, definition.arguments[0]);
  }
  return undefined;
}

/**
 * Judges a regex applied to a redirect target: a relative-path pattern (`^\/` followed by a
 * refusal of `/` and `\`), a fully anchored literal (exact), or anything else (loose).
 */
export function classifyRedirectRegex(pattern: string): {
  kind: 'relative-safe' | 'relative' | 'exact' | 'regex';
  refusesSlash: boolean;
  refusesBackslash: boolean;
} {
  const relative = /^\^(?:\\\/|\/)/.exec(pattern);
  if (relative) {
    const rest = pattern.slice(relative[0].length, relative[0].length + 40);
    let guard = '';
    if (rest.startsWith('(?!')) guard = rest.slice(3, rest.indexOf(')') === -1 ? rest.length : rest.indexOf(')'));
    else if (rest.startsWith('[^')) guard = rest.slice(2, rest.indexOf(']') === -1 ? rest.length : rest.indexOf(']'));
    const refusesSlash = guard.includes('/');
    const refusesBackslash = guard.includes('\\\\');
    return { kind: refusesSlash && refusesBackslash ? 'relative-safe' : 'relative', refusesSlash, refusesBackslash };
  }
  // RFC 8252 §7.3: a native app's loopback redirect may use any port, so code that allows it
  // matches `^http://127.0.0.1(:port)` by pattern; no other host can pass such a regex.
  if (LOOPBACK_REGEX_PREFIX.test(pattern)) return { kind: 'exact', refusesSlash: false, refusesBackslash: false };
  // `^https:\/\/app\.example\.com\/callback$` with no wildcard is an exact match.
  if (pattern.startsWith('^') && pattern.endsWith('$') && !/(?:^|[^\\])[.*+?{[]/.test(pattern.slice(1, -1).replace(/\\\\/g, ''))) {
    return { kind: 'exact', refusesSlash: false, refusesBackslash: false };
  }
  return { kind: 'regex', refusesSlash: false, refusesBackslash: false };
}

function refusal(text: string | undefined): 'slash' | 'backslash' | undefined {
  if (text === '//') return 'slash';
  if (text === '/\\' || text === '\\' || text === '\\\\') return 'backslash';
  return undefined;
}

function recordRefusal(sourceCode: SourceCode, call: TSESTree.CallExpression, collector: Collector): void {
  const refused = refusal(call.arguments[0] ? stringValue(sourceCode, call.arguments[0]) : undefined);
  if (refused === 'slash') collector.refusesDoubleSlash = true;
  else if (refused === 'backslash') collector.refusesBackslash = true;
}

const DENY_CAPABLE = new Set(['startsWith', 'endsWith', 'includes', 'match', 'search']);

/** `done(err)`, `done(null, false)`, `next(new Error())`, `res.status(400).send()`, `reply.code(403)`: a refusal. */
function isRefusalCall(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const [first, second] = node.arguments;
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // `done(new Error(…))`, `next(err)`, `cb('invalid redirect_uri')`, `done(null, false)`.
    if (
      first?.type === AST_NODE_TYPES.NewExpression ||
      (first?.type === AST_NODE_TYPES.Identifier && /^(?:err|error|e)$/i.test(first.name)) ||
      (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string')
    )
      return true;
    return second?.type === AST_NODE_TYPES.Literal && second.value === false;
  }
  // `res.status(400).json(…)`: a 4xx anywhere along the chain.
  for (let current: Node = callee; ;) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const arg = current.arguments[0];
      if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'number' && arg.value >= 400 && arg.value < 500) return true;
      current = skipWrappers(current.callee);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
    else return false;
  }
}

/** The branch refuses: it throws, or returns nothing, `false`/`null`, a constant, or a refusal call. */
function refuses(statement: TSESTree.Statement | null | undefined): boolean {
  if (!statement) return false;
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  if (!last) return false;
  if (last.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (last.type !== AST_NODE_TYPES.ReturnStatement) return false;
  const value = last.argument ? skipWrappers(last.argument) : undefined;
  if (!value) {
    // `res.status(400).end(); return;`
    const before = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-2) : undefined;
    return !before || (before.type === AST_NODE_TYPES.ExpressionStatement && isRefusalCall(skipWrappers(before.expression)));
  }
  if (value.type === AST_NODE_TYPES.Literal) return value.value === false || value.value === null;
  return isRefusalCall(value);
}

/**
 * A check whose true branch refuses the value: `if (uri.includes('#')) return done(new Error(…))`
 * allows nothing, nor does a block list (`if (authPaths.some((p) => url.startsWith(p))) return false`)
 * or a check that refuses only with more (`if (loggedIn && url.startsWith('/login')) return …`).
 */
function isDenyCheck(call: TSESTree.CallExpression): boolean {
  let current: Node = call;
  for (let i = 0; i < 6; i++) {
    const parent: Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.LogicalExpression && (parent.operator === '||' || parent.operator === '&&')) {
      current = parent;
      continue;
    }
    // The body of `list.some((p) => …)`: the `some` is true when the check holds for one entry.
    if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) {
      const some: Node | undefined = parent.parent;
      if (some?.type !== AST_NODE_TYPES.CallExpression || some.arguments[0] !== parent || !isMethodNamed(some.callee, 'some')) return false;
      current = some;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.IfStatement && parent.test === current) return refuses(parent.consequent);
    return false;
  }
  return false;
}

function isMethodNamed(callee: Node, name: string): boolean {
  const member = skipWrappers(callee);
  return (
    member.type === AST_NODE_TYPES.MemberExpression &&
    !member.computed &&
    member.property.type === AST_NODE_TYPES.Identifier &&
    member.property.name === name
  );
}

/** `url.includes('?') ? '&' : '?'`: picks a query separator, checks nothing. */
function isSeparatorChoice(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  if (parent?.type !== AST_NODE_TYPES.ConditionalExpression || parent.test !== call) return false;
  const constant = (node: Node): boolean =>
    node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && node.value.length <= 1;
  return constant(skipWrappers(parent.consequent)) && constant(skipWrappers(parent.alternate));
}

/** What is done with one occurrence of the target's value (a variable read or the request read itself). */
function classifyUse(sourceCode: SourceCode, occurrence: Node, collector: Collector): void {
  const use = valueUse(sourceCode, occurrence);
  const parent = use.parent;
  if (!parent) return;
  // Method calls on the value: startsWith / includes / indexOf / endsWith / match / search / charAt.
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
    const name = memberName(sourceCode, parent);
    const call = parent.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
      // `if (x.includes('javascript:')) return reject()` and `x.includes('?') ? '&' : '?'` allow nothing.
      if (name !== undefined && DENY_CAPABLE.has(name) && (isDenyCheck(call) || isSeparatorChoice(call))) {
        // Refusing a leading `//` or `/\\` is what makes a relative-path check complete.
        if (name === 'startsWith' || name === 'includes') recordRefusal(sourceCode, call, collector);
        return;
      }
      classifyMethod(sourceCode, name, call, collector);
      return;
    }
    // `next[0] === '/'`, `next[1] !== '\\'`.
    if (parent.computed && isComparison(parent.parent)) {
      const index = getStaticValue(parent.property, sourceCode.getScope(parent));
      classifyCharComparison(sourceCode, index?.value, parent.parent, parent, collector);
    }
    if (name && URL_PARTS.has(name)) classifyUrlPart(sourceCode, name, parent, collector);
    return;
  }
  if (isComparison(parent)) {
    const other = parent.left === use ? parent.right : parent.left;
    const text = stringValue(sourceCode, other);
    const otherInner = skipWrappers(other);
    if (
      text === '' ||
      (otherInner.type === AST_NODE_TYPES.UnaryExpression && otherInner.operator === 'typeof') ||
      (otherInner.type === AST_NODE_TYPES.Identifier && otherInner.name === 'undefined')
    )
      return;
    if (otherInner.type === AST_NODE_TYPES.Literal && otherInner.value === null) return;
    collector.checks.push({ kind: 'exact', node: parent, how: parent.operator });
    return;
  }
  if (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(use as TSESTree.CallExpressionArgument)
  ) {
    classifyArgument(sourceCode, parent, parent.arguments.indexOf(use as TSESTree.CallExpressionArgument), collector);
    return;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === use && parent.id.type === AST_NODE_TYPES.Identifier) {
    // An alias: `const dest = next` — its uses count too.
    const variable = findVariable(sourceCode.getScope(parent.id), parent.id);
    if (variable) classifyVariable(sourceCode, variable, collector);
  }
}

/**
 * `if (url.startsWith('/')) return \`${baseUrl}${url}\``: every use of the checked value in the
 * accepted branch comes after another value (an origin), so `//evil.example` stays a path of
 * that origin (next-auth's default `redirect` callback).
 */
function joinedAfterOrigin(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const subject = skipWrappers(callee.object);
  if (subject.type !== AST_NODE_TYPES.Identifier) return false;
  const branch = call.parent;
  if ((branch?.type !== AST_NODE_TYPES.IfStatement && branch?.type !== AST_NODE_TYPES.ConditionalExpression) || branch.test !== call)
    return false;
  const uses = [...descendants(branch.consequent)].filter(
    (node): node is TSESTree.Identifier => node.type === AST_NODE_TYPES.Identifier && node.name === subject.name,
  );
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const parent = use.parent;
      if (parent?.type === AST_NODE_TYPES.BinaryExpression) return parent.operator === '+' && parent.right === use;
      if (parent?.type !== AST_NODE_TYPES.TemplateLiteral) return false;
      const index = parent.expressions.indexOf(use);
      return index > 0 || (index === 0 && parent.quasis[0]?.value.cooked !== '');
    })
  );
}

function classifyMethod(sourceCode: SourceCode, name: string | undefined, call: TSESTree.CallExpression, collector: Collector): void {
  const arg = call.arguments[0];
  const text = arg ? stringValue(sourceCode, arg) : undefined;
  switch (name) {
    case 'startsWith': {
      const refused = refusal(text);
      if (refused === 'slash') collector.refusesDoubleSlash = true;
      else if (refused === 'backslash') collector.refusesBackslash = true;
      else if (text === '/')
        collector.checks.push({ kind: joinedAfterOrigin(call) ? 'relative-safe' : 'relative', node: call, how: "startsWith('/')" });
      else collector.checks.push({ kind: 'prefix', node: call, how: 'startsWith' });
      return;
    }
    case 'endsWith':
      collector.checks.push({ kind: 'suffix', node: call, how: 'endsWith' });
      return;
    case 'includes':
    case 'indexOf':
    case 'lastIndexOf': {
      const refused = refusal(text);
      if (refused === 'slash') collector.refusesDoubleSlash = true;
      else if (refused === 'backslash') collector.refusesBackslash = true;
      else if (text === '/' && name === 'indexOf' && isComparison(call.parent))
        collector.checks.push({ kind: 'relative', node: call.parent, how: "indexOf('/') === 0" });
      else if (text === '://') collector.checks.push({ kind: 'relative', node: call, how: "includes('://')" });
      else collector.checks.push({ kind: name === 'includes' ? 'substring' : 'prefix', node: call, how: name });
      return;
    }
    case 'match':
    case 'search':
    case 'matchAll':
      classifyRegexCheck(sourceCode, arg, call, collector);
      return;
    case 'charAt':
    case 'at': {
      if (isComparison(call.parent))
        classifyCharComparison(
          sourceCode,
          arg ? getStaticValue(arg, sourceCode.getScope(arg))?.value : undefined,
          call.parent,
          call,
          collector,
        );
      return;
    }
    default:
      return;
  }
}

function classifyCharComparison(
  sourceCode: SourceCode,
  index: unknown,
  comparison: TSESTree.BinaryExpression,
  read: Node,
  collector: Collector,
): void {
  const other = comparison.left === read ? comparison.right : comparison.left;
  const text = stringValue(sourceCode, other);
  if (index === 0 && text === '/') collector.checks.push({ kind: 'relative', node: comparison, how: "x[0] === '/'" });
  else if (index === 1 && text === '/') collector.refusesDoubleSlash = true;
  else if (index === 1 && text === '\\') collector.refusesBackslash = true;
}

function classifyRegexCheck(sourceCode: SourceCode, regexNode: Node | undefined, reportAt: Node, collector: Collector): void {
  const pattern = regexNode ? regexSource(sourceCode, regexNode) : undefined;
  if (pattern === undefined) {
    collector.checks.push({ kind: 'validator', node: reportAt, how: 'a regex' });
    return;
  }
  const verdict = classifyRedirectRegex(pattern);
  if (verdict.refusesSlash) collector.refusesDoubleSlash = true;
  if (verdict.refusesBackslash) collector.refusesBackslash = true;
  collector.checks.push({ kind: verdict.kind, node: reportAt, how: 'a regular expression' });
}

/** The target passed to a call: `re.test(x)`, `ALLOWED.has(x)`, `list.includes(x)`, `new URL(x)`, a helper. */
function classifyArgument(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  collector: Collector,
): void {
  const callee = skipWrappers(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const origin = calleeOrigin(sourceCode, call);
    if (index === 0 && origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'URL') classifyUrlObject(sourceCode, call, collector);
    return;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(sourceCode, callee);
    const receiver = skipWrappers(callee.object);
    if (method === 'test' || method === 'exec') {
      classifyRegexCheck(sourceCode, receiver, call, collector);
      return;
    }
    if (method === 'has') {
      collector.checks.push({ kind: 'exact', node: call, how: 'Set.has' });
      return;
    }
    if (method === 'includes' || method === 'indexOf') {
      // `'https://a.example https://b.example'.includes(x)` is a substring test; a list lookup is exact.
      if (stringValue(sourceCode, receiver) !== undefined)
        collector.checks.push({ kind: 'substring', node: call, how: 'includes on a string' });
      else collector.checks.push({ kind: 'exact', node: call, how: 'Array.includes' });
      return;
    }
    if (method === 'parse' && index === 0) {
      // `url.parse(x).host`: a URL object like `new URL(x)`.
      classifyUrlObject(sourceCode, call, collector);
      return;
    }
  }
  // A helper of this file, or a method of the caller's class (`this.isInternalUrl(url)`).
  const called = calledFunction(sourceCode, callee);
  const fn = called && !called.imported ? called.fn : undefined;
  if (fn && !collector.visitedFunctions.has(fn) && collector.depth < 4) {
    const param = fn.params[index];
    const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    const scope = sourceCode.scopeManager?.acquire(fn as Node);
    const variable = id?.type === AST_NODE_TYPES.Identifier ? scope?.set.get(id.name) : undefined;
    if (variable) {
      collector.visitedFunctions.add(fn);
      collector.depth += 1;
      const before = collector.checks.length;
      classifyVariable(sourceCode, variable, collector);
      collector.depth -= 1;
      // A helper that does nothing we recognise but decides is still a validator we cannot judge.
      if (collector.checks.length === before && inTestPosition(call))
        collector.checks.push({ kind: 'validator', node: call, how: 'a helper' });
      return;
    }
  }
  // The redirect itself, logging and storage are not checks.
  if (redirectSink(sourceCode, call)) return;
  // A helper of another project module (`assertReturnTarget(next)` from '../lib/redirects'):
  // its checks are checks of the value; loose ones are reported there, where they are written.
  if (!fn && collector.depth < 4 && classifyImportedHelper(sourceCode, call, index, collector)) return;
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, callee)
        : undefined;
  if ((name !== undefined && VALIDATOR_NAME.test(name)) || inTestPosition(call))
    collector.checks.push({ kind: 'validator', node: call, how: name ?? 'a call' });
}

/** The checks an imported helper applies to its parameter `index`; true when its body was looked into. */
function classifyImportedHelper(sourceCode: SourceCode, call: TSESTree.CallExpression, index: number, collector: Collector): boolean {
  const helper = calledFunction(sourceCode, call.callee);
  if (!helper?.imported || collector.visitedFunctions.has(helper.fn)) return false;
  const param = helper.fn.params[index];
  const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const variable =
    id?.type === AST_NODE_TYPES.Identifier ? helper.sourceCode.scopeManager?.acquire(helper.fn as Node)?.set.get(id.name) : undefined;
  if (!variable) return false;
  collector.visitedFunctions.add(helper.fn);
  collector.depth += 1;
  const before = collector.checks.length;
  const slashes = [collector.refusesDoubleSlash, collector.refusesBackslash];
  classifyVariable(helper.sourceCode, variable, collector);
  collector.depth -= 1;
  const found =
    collector.checks.length > before || slashes[0] !== collector.refusesDoubleSlash || slashes[1] !== collector.refusesBackslash;
  if (found) return true;
  // As for a helper of this file: one that does nothing we recognise but decides is a validator
  // we cannot judge. One that hands the target back unchecked (`cleanNext(next)` returning
  // `next.trim()`) is no check whatever its name; any other may delegate: its name decides.
  const decides = inTestPosition(call);
  if (decides) collector.checks.push({ kind: 'validator', node: call, how: 'a helper' });
  return decides || returnedParameters(helper).some((entry) => entry.variable === variable);
}

/** `new URL(x)` / `url.parse(x)`: its parts read inline or through a variable. */
function classifyUrlObject(sourceCode: SourceCode, construction: Node, collector: Collector): void {
  const parent = construction.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === construction) {
    const name = memberName(sourceCode, parent);
    if (name && URL_PARTS.has(name)) classifyUrlPart(sourceCode, name, parent, collector);
    return;
  }
  // `const url = new URL(x)`, or `let url; try { url = new URL(x) } catch { … }`.
  const holder =
    parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === construction
      ? parent.id
      : parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === construction
        ? parent.left
        : undefined;
  if (holder?.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(holder), holder);
    if (variable && !collector.urlVariables.has(variable)) {
      collector.urlVariables.add(variable);
      for (const reference of variable.references) {
        if (reference.isWrite()) continue;
        const member = reference.identifier.parent;
        if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier) {
          const name = memberName(sourceCode, member);
          if (name && URL_PARTS.has(name)) classifyUrlPart(sourceCode, name, member, collector);
        }
      }
    }
  }
}

/** A part of a URL made from the target: `.host ===` is host-only, `.origin ===` exact for returnTo. */
function classifyUrlPart(sourceCode: SourceCode, part: string, read: TSESTree.MemberExpression, collector: Collector): void {
  if (part !== 'host' && part !== 'hostname' && part !== 'origin' && part !== 'href') return;
  const use = valueUse(sourceCode, read);
  const parent = use.parent;
  const kind: CheckKind = part === 'origin' ? 'origin' : part === 'href' ? 'exact' : 'host';
  if (isComparison(parent)) {
    const other = parent.left === use ? parent.right : parent.left;
    // RFC 8252 §7.3: loopback redirect URIs may use any port.
    if (kind === 'host' && LOOPBACK_HOSTS.has(stringValue(sourceCode, other) ?? '')) return;
    // Host and path compared together is the full URI but the port: RFC 8252's loopback comparison.
    const alsoCompared = kind === 'host' ? partsComparedAlongside(sourceCode, parent) : undefined;
    if (alsoCompared?.has('pathname')) {
      collector.checks.push({ kind: 'exact', node: parent, how: 'host and path' });
      return;
    }
    // Scheme, host and port compared together are the origin (`a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port`).
    if (alsoCompared?.has('protocol') && (part === 'host' || alsoCompared.has('port'))) {
      collector.checks.push({ kind: 'origin', node: parent, how: 'protocol, host and port' });
      return;
    }
    collector.checks.push({ kind, node: parent, how: `${part} ${parent.operator}` });
    return;
  }
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    const method = memberName(sourceCode, parent);
    if (method === 'endsWith' || method === 'includes' || method === 'startsWith' || method === 'indexOf' || method === 'match') {
      collector.checks.push({ kind: kind === 'origin' ? 'prefix' : 'host', node: parent.parent, how: `${part}.${method}` });
    }
    return;
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(use as TSESTree.CallExpressionArgument)) {
    const callee = skipWrappers(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, callee) : undefined;
    if (method === 'has' || method === 'includes' || method === 'indexOf' || method === 'some' || method === 'test') {
      collector.checks.push({
        kind: method === 'test' ? (kind === 'origin' ? 'regex' : 'host') : kind,
        node: parent,
        how: `${part} in a list`,
      });
    }
  }
}

/** The URL parts (`pathname`, `protocol`, `port`…) compared elsewhere in the `&&` chain a comparison sits in. */
function partsComparedAlongside(sourceCode: SourceCode, comparison: Node): ReadonlySet<string> {
  const parts = new Set<string>();
  let chain: Node = comparison;
  while (chain.parent?.type === AST_NODE_TYPES.LogicalExpression && chain.parent.operator === '&&') chain = chain.parent;
  if (chain === comparison) return parts;
  for (const node of descendants(chain)) {
    if (node === comparison || !isComparison(node)) continue;
    for (const side of [node.left, node.right]) {
      const name = side.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, side) : undefined;
      if (name !== undefined) parts.add(name);
    }
  }
  return parts;
}

function classifyVariable(sourceCode: SourceCode, variable: Variable, collector: Collector): void {
  for (const reference of variable.references) {
    if (reference.isWrite()) continue;
    classifyUse(sourceCode, reference.identifier, collector);
  }
}

/**
 * The checks applied to a redirect target's value: through its variables, and through
 * every read of the same request value in the function around `at`.
 */
export function redirectChecks(sourceCode: SourceCode, roots: RedirectRoots, at: Node): RedirectChecks {
  const collector: Collector = {
    checks: [],
    refusesDoubleSlash: false,
    refusesBackslash: false,
    urlVariables: new Set(),
    visitedFunctions: new Set(),
    depth: 0,
  };
  try {
    for (const variable of roots.variables) classifyVariable(sourceCode, variable, collector);
    for (const parameter of roots.foreign) classifyVariable(parameter.sourceCode, parameter.variable, collector);
    const texts = new Set([
      ...roots.inputs.filter((entry) => entry.node.type !== AST_NODE_TYPES.Identifier).map((entry) => sourceCode.getText(entry.node)),
      ...roots.others.filter((node) => node.type === AST_NODE_TYPES.MemberExpression).map((node) => sourceCode.getText(node)),
    ]);
    if (texts.size > 0) {
      for (const node of descendants(enclosingFunctionOrProgram(at))) {
        if (
          (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression) &&
          texts.has(sourceCode.getText(node))
        )
          classifyUse(sourceCode, node, collector);
      }
    }
  } catch (error) {
    if (rethrowsAnalysisErrors()) throw error;
    // Odd code: what was found so far stands.
  }
  return { checks: collector.checks, refusesDoubleSlash: collector.refusesDoubleSlash, refusesBackslash: collector.refusesBackslash };
}

/** Checks applied to a function's parameter (validator helpers, next-auth's `redirect` callback). */
export function parameterChecks(sourceCode: SourceCode, variable: Variable): RedirectChecks {
  const collector: Collector = {
    checks: [],
    refusesDoubleSlash: false,
    refusesBackslash: false,
    urlVariables: new Set(),
    visitedFunctions: new Set(),
    depth: 0,
  };
  // Odd code: what was found so far stands.
  guarded(() => classifyVariable(sourceCode, variable, collector), undefined);
  return { checks: collector.checks, refusesDoubleSlash: collector.refusesDoubleSlash, refusesBackslash: collector.refusesBackslash };
}

/**
 * A redirect target kept for later: `req.session.returnTo = x`, `ctx.session.next = x`,
 * `res.cookie('returnTo', x)`. The value stored is redirected to in another handler, so the
 * checks applied to it here are the checks of that redirect. Returns the stored value.
 */
export function storedRedirectTarget(sourceCode: SourceCode, node: Node): Node | undefined {
  const stored = sessionStore(sourceCode, node);
  if (stored) return stored.value;
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, node.callee) === 'cookie'
  ) {
    const [name, value] = node.arguments;
    if (name && value && value.type !== AST_NODE_TYPES.SpreadElement && isRedirectTargetName(stringValue(sourceCode, name))) return value;
  }
  return undefined;
}

/** `session`, `req.session`, `ctx.session`: the object a session's values are kept on. */
function isSessionHolder(sourceCode: SourceCode, node: Node): boolean {
  const holder = skipWrappers(node);
  const name =
    holder.type === AST_NODE_TYPES.Identifier
      ? holder.name
      : holder.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, holder)
        : undefined;
  return name !== undefined && /^session$/i.test(name);
}

/**
 * A redirect target written into the session, with its key: `req.session.returnTo = x`, and
 * h3's `session.update({ redirect: x })`.
 */
function sessionStore(sourceCode: SourceCode, node: Node): { key: string; value: Node } | undefined {
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
    const key = memberName(sourceCode, node.left);
    return key !== undefined && isRedirectTargetName(key) && isSessionHolder(sourceCode, node.left.object)
      ? { key, value: node.right }
      : undefined;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (memberName(sourceCode, node.callee) !== 'update' || !isSessionHolder(sourceCode, node.callee.object)) return undefined;
  const values = node.arguments[0] ? skipWrappers(node.arguments[0] as Node) : undefined;
  if (values?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of values.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : stringValue(sourceCode, property.key);
    if (key !== undefined && isRedirectTargetName(key)) return { key, value: property.value as Node };
  }
  return undefined;
}

/** The key of a redirect target read back from the session: `req.session.returnTo`, h3's `session.data.redirect`. */
export function sessionTargetKey(sourceCode: SourceCode, node: Node): string | undefined {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const key = memberName(sourceCode, inner);
  if (key === undefined || !isRedirectTargetName(key)) return undefined;
  let holder = skipWrappers(inner.object);
  if (holder.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, holder) === 'data') holder = skipWrappers(holder.object);
  return isSessionHolder(sourceCode, holder) ? key : undefined;
}

/** The stores of this file that put a redirect target under `key` in the session: the store and the value. */
export function sessionTargetStores(sourceCode: SourceCode, key: string): { node: Node; value: Node }[] {
  const stores: { node: Node; value: Node }[] = [];
  for (const node of fileFacts(sourceCode).nodesOfType(AST_NODE_TYPES.AssignmentExpression, AST_NODE_TYPES.CallExpression)) {
    const stored = sessionStore(sourceCode, node);
    if (stored?.key === key) stores.push({ node, value: stored.value });
  }
  return stores;
}

/** Names of values that are redirect targets: `returnTo`, `next`, `redirect_uri`, `callbackUrl`, … */
export function isRedirectTargetName(name: string | undefined): boolean {
  if (!name) return false;
  const compact = name.toLowerCase().replace(/[_\-]/g, '');
  return /^(?:redirect(?:uri|url|to|path)?|returnto|returnurl|returnpath|return|next|nexturl|nextpath|continue|continueurl|callback(?:url|uri)?|goto|dest|destination|target(?:url)?|successurl|backurl|back|from|redirectafterlogin|postloginredirect|rurl|ru)$/.test(
    compact,
  );
}

/** True for authorization-server code checking a client's `redirect_uri` (exactness rules are stricter). */
export function isClientRedirectUri(names: Iterable<string | undefined>): boolean {
  for (const name of names) if (name && name.toLowerCase().replace(/[_\-]/g, '') === 'redirecturi') return true;
  return false;
}

// --- authorization-server code --------------------------------------------------------------

export interface RedirectUriValidation {
  /** The app's validation callback. */
  readonly fn: TSESTree.FunctionLike;
  /** Its parameter holding the client's requested redirect URI. */
  readonly redirectUri: Variable;
  /** Calls of its `done` callback that hand the requested URI back as accepted. */
  readonly accepts: readonly TSESTree.CallExpression[];
}

/**
 * oauth2orize-style validation callbacks: `server.authorization((clientID, redirectURI, done) => …)`.
 * The requested URI must be compared with the client's registered ones before `done` accepts it.
 */
export function redirectUriValidation(sourceCode: SourceCode, call: TSESTree.CallExpression): RedirectUriValidation | undefined {
  const library = libraryCallEntry(sourceCode, call, REDIRECT_URI_VALIDATORS);
  if (!library) return undefined;
  const fn = call.arguments.find(
    (arg): arg is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression =>
      arg.type === AST_NODE_TYPES.ArrowFunctionExpression || arg.type === AST_NODE_TYPES.FunctionExpression,
  );
  const uriParam = fn?.params[library.redirectUriParam];
  const doneParam = fn?.params[fn.params.length - 1];
  if (!fn || uriParam?.type !== AST_NODE_TYPES.Identifier || doneParam?.type !== AST_NODE_TYPES.Identifier || uriParam === doneParam)
    return undefined;
  const scope = sourceCode.scopeManager?.acquire(fn);
  const redirectUri = scope?.set.get(uriParam.name);
  const done = scope?.set.get(doneParam.name);
  if (!redirectUri || !done) return undefined;
  const accepts: TSESTree.CallExpression[] = [];
  for (const reference of done.references) {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) continue;
    const accepted = parent.arguments[2];
    if (accepted?.type === AST_NODE_TYPES.Identifier && findVariable(sourceCode.getScope(accepted), accepted) === redirectUri)
      accepts.push(parent);
  }
  return { fn, redirectUri, accepts };
}

/**
 * Why a registered redirect URI cannot be matched exactly or safely: a wildcard, or plain
 * `http:` on a host other than the loopback (RFC 8252 §7.3 allows only that).
 */
export function looseRegisteredRedirectUri(uri: string): 'wildcard' | 'http' | undefined {
  if (uri.includes('*')) return 'wildcard';
  const match = /^http:\/\/(\[[^\]]{1,60}\]|[^/:?#]{1,255})/i.exec(uri);
  if (!match) return undefined;
  return LOOPBACK_HOSTS.has(match[1].toLowerCase()) ? undefined : 'http';
}

const GLOBAL_URL_CALLS = new Set(['fetch', '$fetch', 'open', 'window.open']);

function isHttpRequestCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const origin = calleeOrigin(sourceCode, call);
  if (!origin) return false;
  if (origin.module === GLOBAL_MODULE) return GLOBAL_URL_CALLS.has(origin.path.join('.'));
  return HTTP_CLIENT_MODULES.has(origin.module);
}

/**
 * Where a URL-valued expression goes: 'redirect' when a redirect or navigation targets it,
 * 'request' when an HTTP request (`fetch`, axios, got, ky, …) or `window.open` is made to it —
 * directly, through a `const`, or through one URL-building call (`res.redirect(clientUrl(path))`).
 * Undefined when it goes nowhere the analysis can see.
 */
export function urlDestinationOf(sourceCode: SourceCode, node: Node, depth = 0): 'redirect' | 'request' | undefined {
  if (depth > 2) return undefined;
  let current: Node = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  )
    current = current.parent;
  const parent = current.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current)
    return redirectSink(sourceCode, parent) ? 'redirect' : undefined;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
    const sink = redirectSink(sourceCode, parent);
    if (sink && skipWrappers(sink.target) === skipWrappers(current)) return 'redirect';
    if (parent.arguments[0] === current && isHttpRequestCall(sourceCode, parent)) return 'request';
    // A URL-building helper: what it returns goes where its call goes.
    if (parent.arguments[0] === current && !sink) return urlDestinationOf(sourceCode, parent, depth + 1);
    return undefined;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(parent.id), parent.id);
    if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    for (const reference of variable.references) {
      if (reference.init) continue;
      const destination = urlDestinationOf(sourceCode, reference.identifier as Node, depth + 1);
      if (destination) return destination;
    }
  }
  return undefined;
}
