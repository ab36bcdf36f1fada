/**
 * Cookie writes of every framework, with the flags each one sets.
 *
 *   cookieWritesOf(node)   the cookie writes at a call, `new`, assignment or `Set-Cookie`
 *                          header property: Express `res.cookie`, Fastify `reply.setCookie`,
 *                          Koa `ctx.cookies.set`, Next.js `cookies().set` and
 *                          `NextResponse.cookies.set`, SvelteKit/Astro `cookies.set`, h3/Nuxt
 *                          and Hono `setCookie`, `cookie`/`cookie-es` `serialize`, Remix
 *                          `createCookie`, raw `Set-Cookie` strings and arrays, session
 *                          middleware (express-session, cookie-session, koa-session),
 *                          `document.cookie =` and js-cookie
 *   cookieCarries(write)   what the cookie holds when it matters: a session, a token, or the
 *                          state / nonce / PKCE verifier of an OAuth flow
 *   cookieFindingsAt(node) what is wrong with the writes at a node that carry one of those:
 *                          a flag switched off, flags missing, a credential a script writes
 *
 * Each flag is `set` (a good value, a non-constant value, or the library's default),
 * `missing`, `wrong` (with the node where the wrong value was written) or `unknown`
 * (options that cannot be read): rules stay silent on unknown.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, soleValueDefinition } from './ast';
import {
  ASTRO_MODULES,
  AUTH_LIBRARY_COOKIE_CONFIGS,
  AUTH_LIBRARY_COOKIE_MODULES,
  COOKIE_CALLS,
  COOKIE_DEFAULTS,
  COOKIE_TEXT_HINT,
  FASTIFY_MODULES,
  FLAG_OPTION_NAMES,
  HEADER_SETTERS,
  INJECTED_COOKIE_JAR,
  KOA_MODULES,
  NEXT_COOKIE_SETTERS,
  NUXT_COMPOSABLE_MODULES,
  NUXT_USE_COOKIE,
  PLUGIN_REGISTER_METHOD,
  REGISTERED_SESSION_PLUGINS,
  OPTION_OBJECT_APIS,
  SET_COOKIE_HEADER,
  SVELTEKIT_MODULES,
  TOKEN_PRODUCERS,
  type AuthCookieConfig,
  type CookieApi,
  type CookieCall,
  type CookieFlag,
} from '../knowledge/cookies';
import { fileFacts } from './file-facts';
import { calledFunction, importedDefinition, parameterIndexOf } from './functions';
import {
  GLOBAL_MODULE,
  calleeOrigin,
  localFunction,
  lookup,
  matchesPattern,
  memberName,
  originOf,
  propertyKeyName,
  skipWrappers,
} from './modules';
import { credentialInValue, isEmptyValue } from './storage';
import { credentialKindFromName, nameWords } from './tokens';
import {
  arrayElements,
  booleanValue,
  definitionOf,
  getPath,
  getProperty,
  numberValue,
  objectLiteral,
  stringParts,
  stringValue,
  tailName,
  withoutEmptyFallback,
  type PropertyLookup,
  type StringPart,
} from './values';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type { CookieApi, CookieFlag };

export type FlagStatus =
  | { readonly status: 'set'; readonly none?: Node }
  | { readonly status: 'missing' }
  | { readonly status: 'wrong'; readonly node: Node; readonly text: string }
  | { readonly status: 'unknown'; readonly fromDefault?: boolean };

export interface CookieWrite {
  readonly api: CookieApi;
  /** Where a missing flag is reported: the call, the construct, or the header string. */
  readonly node: Node;
  readonly name?: Node;
  readonly nameText?: string;
  readonly value?: Node;
  /** The options argument as written at the call, when there is one. */
  readonly options?: Node;
  /** Text of the value when it is a constant (Set-Cookie strings). */
  readonly valueText?: string;
  readonly flags: Readonly<Record<CookieFlag, FlagStatus>>;
  /** A write that deletes the cookie: empty value, `maxAge: 0`, an expiry in the past. */
  readonly clearing: boolean;
  /** Written by page scripts (`document.cookie`, js-cookie): it can never be HttpOnly. */
  readonly scriptWritten: boolean;
  /** Session middleware: the cookie is the session cookie whatever it is named. */
  readonly isSessionCookie: boolean;
}

const FLAGS: readonly CookieFlag[] = ['secure', 'httpOnly', 'sameSite'];
const SET: FlagStatus = { status: 'set' };
const MISSING: FlagStatus = { status: 'missing' };
const UNKNOWN: FlagStatus = { status: 'unknown' };
// A default configured elsewhere (a Fastify plugin's options): not written at this call.
const UNKNOWN_DEFAULT: FlagStatus = { status: 'unknown', fromDefault: true };

function fromDefault(api: CookieApi, flag: CookieFlag): FlagStatus {
  const value = COOKIE_DEFAULTS[api][flag];
  return value === 'set' ? SET : value === 'missing' ? MISSING : UNKNOWN_DEFAULT;
}

function lookupOption(sourceCode: SourceCode, options: Node, flag: CookieFlag): PropertyLookup {
  let result: PropertyLookup = { status: 'absent' };
  for (const name of FLAG_OPTION_NAMES[flag]) {
    const found = getProperty(sourceCode, options, name);
    if (found.status === 'present') return found;
    if (found.status === 'unknown') result = found;
  }
  return result;
}

/** One flag from an option object's property: `secure: false` is wrong, anything not constant is set. */
function flagFromValue(sourceCode: SourceCode, flag: CookieFlag, value: Node): FlagStatus {
  const inner = skipWrappers(value);
  if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return MISSING;
  const bool = booleanValue(sourceCode, inner);
  if (flag === 'sameSite') {
    if (bool === false) return { status: 'wrong', node: value, text: 'sameSite: false' };
    const text = stringValue(sourceCode, inner);
    if (text !== undefined && text.toLowerCase() === 'none') return { status: 'set', none: value };
    return SET;
  }
  if (bool === false) return { status: 'wrong', node: value, text: `${flag}: false` };
  return SET;
}

const MAX_SPREAD_DEPTH = 3;

/**
 * A flag read through an options object's spreads, following spreads of objects that another
 * module of the project exports. A wrong value written there is that module's finding (reported
 * where it is written, rules.md), so here it only counts as unknown.
 */
function flagThroughSpreads(sourceCode: SourceCode, options: Node, flag: CookieFlag, depth: number): FlagStatus | 'absent' {
  const object = objectLiteral(sourceCode, options);
  if (!object || depth > MAX_SPREAD_DEPTH) return UNKNOWN;
  let result: FlagStatus | 'absent' = 'absent';
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      let found: FlagStatus | 'absent';
      if (objectLiteral(sourceCode, property.argument)) found = flagThroughSpreads(sourceCode, property.argument, flag, depth + 1);
      else {
        const imported = importedDefinition(sourceCode, property.argument);
        found = imported ? flagThroughSpreads(imported.sourceCode, imported.node, flag, depth + 1) : UNKNOWN;
        // Nodes of another file are never reported here: a wrong value, or SameSite=None to pair with Secure.
        if (found !== 'absent' && (found.status === 'wrong' || (found.status === 'set' && found.none))) found = UNKNOWN;
      }
      if (found !== 'absent') result = found;
      continue;
    }
    const key = propertyKeyName(sourceCode, property);
    if (key === undefined) {
      if (result === 'absent') result = UNKNOWN;
      continue;
    }
    if (FLAG_OPTION_NAMES[flag].includes(key)) result = flagFromValue(sourceCode, flag, property.value);
  }
  return result;
}

/**
 * Flags assigned later through the options' variable: `sess.cookie.secure = true` inside
 * `if (production)`. Such a flag depends on the environment, which counts as set.
 */
function reassignedFlags(sourceCode: SourceCode, options: Node | undefined): Set<string> {
  const names = new Set<string>();
  let root = options ? skipWrappers(options) : undefined;
  while (root?.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root?.type !== AST_NODE_TYPES.Identifier) return names;
  const variable = findVariable(sourceCode.getScope(root), root);
  for (const reference of variable?.references ?? []) {
    let current: Node = reference.identifier;
    while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) current = current.parent;
    if (
      current.type === AST_NODE_TYPES.MemberExpression &&
      current.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      current.parent.left === current
    ) {
      const name = memberName(sourceCode, current);
      if (name) names.add(name);
    }
  }
  return names;
}

/** Flags from an options object (absent → the API's defaults; unreadable → unknown). */
export function flagsFromOptions(
  sourceCode: SourceCode,
  api: CookieApi,
  options: Node | undefined,
  reassignedVia: Node | undefined = options,
): Record<CookieFlag, FlagStatus> {
  const flags = {} as Record<CookieFlag, FlagStatus>;
  const reassigned = reassignedFlags(sourceCode, reassignedVia);
  const readable = options === undefined || objectLiteral(sourceCode, options) !== undefined;
  for (const flag of FLAGS) {
    if (!options) {
      flags[flag] = fromDefault(api, flag);
      continue;
    }
    if (!readable) {
      flags[flag] = UNKNOWN;
      continue;
    }
    if (FLAG_OPTION_NAMES[flag].some((name) => reassigned.has(name))) {
      flags[flag] = SET;
      continue;
    }
    const found = lookupOption(sourceCode, options, flag);
    // `{ ...COOKIE_OPTIONS, maxAge }` with the spread object imported from a module of the project.
    const throughImports =
      found.status === 'unknown' && fileFacts(sourceCode).importsProjectModules
        ? flagThroughSpreads(sourceCode, options, flag, 0)
        : undefined;
    flags[flag] =
      found.status === 'present'
        ? flagFromValue(sourceCode, flag, found.value)
        : throughImports === 'absent'
          ? fromDefault(api, flag)
          : throughImports !== undefined
            ? throughImports
            : found.status === 'unknown'
              ? UNKNOWN
              : fromDefault(api, flag);
  }
  return withSameSiteNoneRule(flags);
}

/**
 * `SameSite=None` is allowed only with `Secure`: without it, the SameSite value is the wrong
 * one. A Secure default configured elsewhere does not count: the call must write it.
 */
function withSameSiteNoneRule(flags: Record<CookieFlag, FlagStatus>): Record<CookieFlag, FlagStatus> {
  const sameSite = flags.sameSite;
  const secure = flags.secure;
  if (
    sameSite.status === 'set' &&
    sameSite.none &&
    (secure.status === 'missing' || secure.status === 'wrong' || (secure.status === 'unknown' && secure.fromDefault))
  ) {
    flags.sameSite = { status: 'wrong', node: sameSite.none, text: 'sameSite: none' };
  }
  return flags;
}

/** `maxAge: 0`, `expires: new Date(0)`, an expiry string in 1970. */
function optionsClear(sourceCode: SourceCode, options: Node | undefined): boolean {
  if (!options) return false;
  for (const key of ['maxAge', 'max-age', 'maxage']) {
    const maxAge = getProperty(sourceCode, options, key);
    if (maxAge.status === 'present') {
      const seconds = numberValue(sourceCode, maxAge.value);
      if (seconds !== undefined && seconds <= 0) return true;
    }
  }
  const expires = getProperty(sourceCode, options, 'expires');
  if (expires.status === 'present') {
    const value = skipWrappers(definitionOf(sourceCode, expires.value));
    if (
      value.type === AST_NODE_TYPES.NewExpression &&
      value.callee.type === AST_NODE_TYPES.Identifier &&
      value.callee.name === 'Date' &&
      value.arguments.length === 1
    ) {
      const time = numberValue(sourceCode, value.arguments[0]);
      if (time !== undefined && time < 86_400_000) return true;
      const text = stringValue(sourceCode, value.arguments[0]);
      if (text !== undefined && /\b19\d{2}\b/.test(text)) return true;
    }
    const number = numberValue(sourceCode, value);
    if (number !== undefined && number <= 0) return true;
  }
  return false;
}

function isClearingValue(sourceCode: SourceCode, value: Node | undefined): boolean {
  return value !== undefined && isEmptyValue(sourceCode, value);
}

interface WriteParts {
  readonly api: CookieApi;
  readonly node: Node;
  readonly name?: Node;
  readonly value?: Node;
  readonly options?: Node;
  readonly scriptWritten?: boolean;
  readonly forceSecure?: boolean;
}

function makeWrite(sourceCode: SourceCode, parts: WriteParts): CookieWrite {
  const flags = flagsFromOptions(sourceCode, parts.api, parts.options);
  if (parts.forceSecure && flags.secure.status !== 'wrong') flags.secure = SET;
  const nameText = parts.name ? stringValue(sourceCode, parts.name) : undefined;
  return {
    api: parts.api,
    node: parts.node,
    name: parts.name,
    nameText,
    value: parts.value,
    options: parts.options,
    flags: withSameSiteNoneRule(flags),
    clearing: isClearingValue(sourceCode, parts.value) || optionsClear(sourceCode, parts.options),
    scriptWritten: parts.scriptWritten ?? false,
    isSessionCookie: false,
  };
}

/** Arguments that are plain expressions (no spread), or undefined when a spread hides the positions. */
function plainArguments(call: TSESTree.CallExpression | TSESTree.NewExpression): Node[] | undefined {
  return call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement) ? undefined : call.arguments;
}

function importsAnyOf(sourceCode: SourceCode, modules: readonly string[]): boolean {
  return fileFacts(sourceCode).importsAny(modules);
}

/** Root identifier of a member chain: `ctx` in `ctx.cookies.set`. */
function rootIdentifier(node: Node): TSESTree.Identifier | undefined {
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

const HTTP_METHOD_EXPORTS = /^(?:GET|POST|PUT|PATCH|DELETE|ALL|get|post|put|patch|del|all)$/;

/** An Astro endpoint: a file under `src/pages/` that exports a handler per HTTP method (`export const GET: APIRoute`). */
function isAstroEndpoint(sourceCode: SourceCode, filename: string): boolean {
  const path = filename.replace(/\\/g, '/');
  if (!(path.startsWith('src/pages/') || path.includes('/src/pages/')) || !/\.[cm]?[jt]s$/.test(path)) return false;
  return sourceCode.ast.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) return false;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration) return HTTP_METHOD_EXPORTS.test(declaration.id?.name ?? '');
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration)
      return declaration.declarations.some((d) => d.id.type === AST_NODE_TYPES.Identifier && HTTP_METHOD_EXPORTS.test(d.id.name));
    return statement.specifiers.some((s) => s.exported.type === AST_NODE_TYPES.Identifier && HTTP_METHOD_EXPORTS.test(s.exported.name));
  });
}

/** JavaScript typed through JSDoc: `@param {import("astro").AstroGlobal} astro`. */
function typesFromAstro(sourceCode: SourceCode): boolean {
  return sourceCode.getAllComments().some((comment) => /import\(\s*["']astro["']\s*\)/.test(comment.value));
}

/** Which framework's `x.cookies.set(...)` this is. */
function cookiesSetApi(sourceCode: SourceCode, call: TSESTree.CallExpression, jar: Node, filename: string): CookieApi {
  const origin = calleeOrigin(sourceCode, call);
  if (origin && NEXT_COOKIE_SETTERS.some((pattern) => matchesPattern(origin, pattern))) return 'next';
  if (importsAnyOf(sourceCode, SVELTEKIT_MODULES) || /\+(?:page|layout)\.server\.|\+server\.|hooks\.server\./.test(filename))
    return 'sveltekit';
  if (importsAnyOf(sourceCode, ASTRO_MODULES) || /\.astro$/.test(filename)) return 'astro';
  const root = rootIdentifier(jar);
  if (root?.name === 'Astro' || isAstroEndpoint(sourceCode, filename) || typesFromAstro(sourceCode)) return 'astro';
  // `res: NextResponse` parameters, and the `response` of Next middleware helpers.
  if (root && parameterTypeName(sourceCode, root) === 'NextResponse') return 'next';
  if (root && (root.name === 'ctx' || importsAnyOf(sourceCode, KOA_MODULES))) return 'koa';
  return 'unknown';
}

/** The type name a parameter is annotated with: `(res: NextResponse)` → 'NextResponse'. */
function parameterTypeName(sourceCode: SourceCode, identifier: TSESTree.Identifier): string | undefined {
  const scope = sourceCode.getScope(identifier);
  let variable: TSESLint.Scope.Variable | undefined;
  for (let current: TSESLint.Scope.Scope | null = scope; current && !variable; current = current.upper)
    variable = current.set.get(identifier.name);
  const def = soleValueDefinition(variable);
  if (def?.type !== 'Parameter' || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const type = def.name.typeAnnotation?.typeAnnotation;
  return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : undefined;
}

/** Cookie writes made by method calls on framework objects: `res.cookie`, `reply.setCookie`, `x.cookies.set`. */
function methodWrite(sourceCode: SourceCode, call: TSESTree.CallExpression, filename: string): CookieWrite | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(sourceCode, callee);
  const args = plainArguments(call);
  if (!method || !args) return undefined;
  const receiver = skipWrappers(callee.object);
  const receiverName =
    receiver.type === AST_NODE_TYPES.Identifier
      ? receiver.name
      : receiver.type === AST_NODE_TYPES.MemberExpression
        ? memberName(sourceCode, receiver)
        : undefined;
  if ((method === 'cookie' || method === 'setCookie') && args.length >= 2 && args.length <= 3) {
    // jQuery's cookie plugin writes from the page.
    if (receiverName === '$' || receiverName === 'jQuery')
      return makeWrite(sourceCode, { api: 'js-cookie', node: call, name: args[0], value: args[1], options: args[2], scriptWritten: true });
    if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'document') return undefined;
    const origin = originOf(sourceCode, receiver);
    // A module's own `cookie` export (e.g. a cookie library object) is not a response.
    if (origin && origin.module !== GLOBAL_MODULE && origin.module !== 'express' && !FASTIFY_MODULES.includes(origin.module))
      return undefined;
    const fastify = method === 'setCookie' || importsAnyOf(sourceCode, FASTIFY_MODULES);
    return makeWrite(sourceCode, { api: fastify ? 'fastify' : 'express', node: call, name: args[0], value: args[1], options: args[2] });
  }
  // The jar a Nuxt/Vue plugin injects (`app.$cookies.set(name, value, options)`): no flag by default.
  if (method === 'set' && receiverName === INJECTED_COOKIE_JAR && args.length >= 2)
    return makeWrite(sourceCode, { api: 'nuxt', node: call, name: args[0], value: args[1], options: args[2] });
  if (method === 'set' && receiver.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, receiver) === 'cookies') {
    return jarSet(sourceCode, call, receiver, args, cookiesSetApi(sourceCode, call, receiver, filename));
  }
  if (method === 'set' && args.length >= 1) {
    // `const jar = await cookies(); jar.set(...)` / `const res = NextResponse.next(); res.cookies.set(...)` through a const.
    const origin = calleeOrigin(sourceCode, call);
    if (origin && NEXT_COOKIE_SETTERS.some((pattern) => matchesPattern(origin, pattern)))
      return jarSet(sourceCode, call, receiver, args, 'next');
    // SvelteKit / Astro handlers destructure `{ cookies }` from the event.
    if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'cookies' && args.length >= 2) {
      return jarSet(sourceCode, call, receiver, args, cookiesSetApi(sourceCode, call, receiver, filename));
    }
  }
  return undefined;
}

/** `jar.set(name, value, options)` or Next.js's `jar.set({ name, value, ...options })`. */
function jarSet(sourceCode: SourceCode, call: TSESTree.CallExpression, _jar: Node, args: Node[], api: CookieApi): CookieWrite | undefined {
  if (args.length === 1) {
    const object = objectLiteral(sourceCode, args[0]);
    if (!object) return undefined;
    const name = getProperty(sourceCode, object, 'name');
    const value = getProperty(sourceCode, object, 'value');
    return makeWrite(sourceCode, {
      api,
      node: call,
      name: name.status === 'present' ? name.value : undefined,
      value: value.status === 'present' ? value.value : undefined,
      options: object,
    });
  }
  if (args.length < 2) return undefined;
  return makeWrite(sourceCode, { api, node: call, name: args[0], value: args[1], options: args[2] });
}

/** Nuxt's auto-imported `setCookie` / `useCookie`: only a file that writes the name can call them. */
const H3_SET_COOKIE_WORD = /\bsetCookie\b/;
const NUXT_USE_COOKIE_WORD = new RegExp(`\\b${NUXT_USE_COOKIE}\\b`);

/** Writes by functions found through the module graph (`serialize`, `setCookie`, session middleware). */
function functionWrite(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): CookieWrite | undefined {
  // Origins are resolved only where a library's cookie call can be (most calls of a file never are).
  const facts = fileFacts(sourceCode);
  if (!facts.mayMatch(COOKIE_CALLS) && !facts.mentions(H3_SET_COOKIE_WORD)) return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin) return undefined;
  let spec: CookieCall | undefined = lookup(origin, COOKIE_CALLS);
  // Nuxt auto-imports h3's `setCookie`: a global here, or `#imports`.
  if (
    !spec &&
    origin.path.length === 1 &&
    origin.path[0] === 'setCookie' &&
    (origin.module === GLOBAL_MODULE || origin.module === '#imports') &&
    call.arguments.length >= 3
  ) {
    spec = { api: 'h3', name: 1, value: 2, options: 3 };
  }
  if (!spec) return undefined;
  const args = plainArguments(call);
  if (!args) return undefined;
  if (spec.sessionOptions !== undefined) return sessionMiddlewareWrite(sourceCode, call, spec, args[spec.sessionOptions]);
  if (spec.cookieObject !== undefined) {
    const cookie = args[spec.cookieObject];
    return cookie && call.type === AST_NODE_TYPES.CallExpression ? jarSet(sourceCode, call, cookie, [cookie], spec.api) : undefined;
  }
  const options = spec.options === undefined ? undefined : args[spec.options];
  let forceSecure = false;
  if (spec.api === 'hono' && options) {
    // Hono's `prefix: 'secure' | 'host'` adds the prefix and forces Secure.
    const prefix = getProperty(sourceCode, options, 'prefix');
    const text = prefix.status === 'present' ? stringValue(sourceCode, prefix.value) : undefined;
    forceSecure = text === 'secure' || text === 'host';
  }
  let scriptWritten = spec.scriptWritten === true;
  if (spec.scriptWritten === 'unless-server') {
    // nookies passes the context first (`null` in the browser); cookies-next takes `{ req, res }` in its options.
    const first = args[0] ? skipWrappers(args[0]) : undefined;
    const serverSide =
      spec.name === 1
        ? first !== undefined &&
          !(first.type === AST_NODE_TYPES.Literal && first.value === null) &&
          !(first.type === AST_NODE_TYPES.Identifier && first.name === 'undefined')
        : options !== undefined && ['res', 'req', 'cookies'].some((key) => getProperty(sourceCode, options, key).status !== 'absent');
    scriptWritten = !serverSide;
  }
  return makeWrite(sourceCode, {
    api: spec.api,
    node: call,
    name: spec.name === undefined ? undefined : args[spec.name],
    value: spec.value === undefined ? undefined : args[spec.value],
    options,
    scriptWritten,
    forceSecure,
  });
}

/** express-session / cookie-session / koa-session / Remix session storage: the session cookie's flags. */
function sessionMiddlewareWrite(sourceCode: SourceCode, call: Node, spec: CookieCall, options: Node | undefined): CookieWrite | undefined {
  let cookieOptions: Node | undefined = options;
  if (options && spec.cookiePath && spec.cookiePath.length > 0) {
    if (!objectLiteral(sourceCode, options)) return undefined;
    const found = getPath(sourceCode, options, spec.cookiePath);
    if (found.status === 'unknown') return undefined;
    cookieOptions = found.status === 'present' ? found.value : undefined;
    // Remix's `cookie:` may be a `createCookie(...)` result, reported where it is made.
    if (cookieOptions && !objectLiteral(sourceCode, cookieOptions)) return undefined;
  }
  if (options && !objectLiteral(sourceCode, options)) return undefined;
  const nameLookup = options ? getProperty(sourceCode, options, 'name') : undefined;
  const name = nameLookup?.status === 'present' ? nameLookup.value : undefined;
  // A cookie options object written out (`cookie: {}`, `cookie: { httpOnly: true }`) is where the missing flags go.
  const written = cookieOptions && cookieOptions !== options ? cookieOptions : undefined;
  return {
    api: spec.api,
    node: written ?? call,
    name,
    nameText: name ? stringValue(sourceCode, name) : undefined,
    flags: flagsFromOptions(sourceCode, spec.api, cookieOptions, options),
    clearing: false,
    scriptWritten: false,
    isSessionCookie: true,
  };
}

/** `fastify.register(fastifySession, { cookie: { … } })`: a session plugin installed with its options. */
function registeredPluginWrite(sourceCode: SourceCode, call: TSESTree.CallExpression): CookieWrite | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, callee) !== PLUGIN_REGISTER_METHOD) return undefined;
  const args = plainArguments(call);
  if (!args || args.length < 2) return undefined;
  const spec = lookup(originOf(sourceCode, args[0]), REGISTERED_SESSION_PLUGINS);
  return spec?.sessionOptions === undefined ? undefined : sessionMiddlewareWrite(sourceCode, call, spec, args[spec.sessionOptions]);
}

/** What is assigned to the `.value` of the ref a call returns (`const c = useCookie('t'); c.value = token`). */
function assignedRefValues(sourceCode: SourceCode, call: TSESTree.CallExpression): Node[] {
  const assignedTo = (member: Node): Node | undefined => {
    const parent = member.parent;
    return member.type === AST_NODE_TYPES.MemberExpression &&
      memberName(sourceCode, member) === 'value' &&
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.operator === '=' &&
      parent.left === member
      ? parent.right
      : undefined;
  };
  const direct = call.parent ? assignedTo(call.parent) : undefined;
  if (direct) return [direct];
  const declarator = call.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariable(sourceCode.getScope(declarator.id), declarator.id);
  const values: Node[] = [];
  for (const reference of variable?.references ?? []) {
    const value = reference.identifier.parent ? assignedTo(reference.identifier.parent) : undefined;
    if (value) values.push(value);
  }
  return values;
}

/** Nuxt `useCookie(name, options)` whose ref is assigned a value: the write is the `useCookie` call. */
function nuxtUseCookieWrite(sourceCode: SourceCode, call: TSESTree.CallExpression): CookieWrite | undefined {
  if (!fileFacts(sourceCode).mentions(NUXT_USE_COOKIE_WORD)) return undefined;
  const origin = calleeOrigin(sourceCode, call);
  if (!origin || origin.path.length !== 1 || origin.path[0] !== NUXT_USE_COOKIE) return undefined;
  if (origin.module !== GLOBAL_MODULE && !NUXT_COMPOSABLE_MODULES.includes(origin.module)) return undefined;
  const args = plainArguments(call);
  if (!args?.[0]) return undefined;
  const assigned = assignedRefValues(sourceCode, call);
  if (assigned.length === 0) return undefined;
  // Reset writes (`cookie.value = null`) do not decide what the cookie holds.
  const value = assigned.find((node) => !isClearingValue(sourceCode, node)) ?? assigned[0];
  return makeWrite(sourceCode, { api: 'nuxt', node: call, name: args[0], value, options: args[1] });
}

/** The object a property sits in and the property holding that object (through `as`/`satisfies`), if any. */
function enclosingProperty(object: Node): TSESTree.Property | undefined {
  let current = object;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  )
    current = current.parent;
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.Property && parent.value === current ? parent : undefined;
}

/** Does `object` sit at `path` (outermost first, `*` any key) of a configuration? Returns the key `*` matched, or '' when none. */
function objectAtPath(sourceCode: SourceCode, object: Node, path: readonly string[]): string | undefined {
  let current: Node = object;
  let wildcardKey = '';
  for (let index = path.length - 1; index >= 0; index--) {
    const property = enclosingProperty(current);
    const key = property ? propertyKeyName(sourceCode, property) : undefined;
    if (!property || !key || (path[index] !== '*' && path[index] !== key)) return undefined;
    if (path[index] === '*') wildcardKey = key;
    current = property.parent;
  }
  return wildcardKey;
}

/**
 * A flag switched off in an auth library's cookie configuration (next-auth `cookies.<name>.options`,
 * better-auth `advanced.defaultCookieAttributes` / `advanced.useSecureCookies`): reported where written.
 */
function authLibraryCookieConfigWrite(sourceCode: SourceCode, property: TSESTree.Property): CookieWrite | undefined {
  const key = propertyKeyName(sourceCode, property);
  if (!key || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (booleanValue(sourceCode, property.value) !== false || !importsAnyOf(sourceCode, AUTH_LIBRARY_COOKIE_MODULES)) return undefined;
  const flag = FLAGS.find((candidate) => candidate !== 'sameSite' && FLAG_OPTION_NAMES[candidate].includes(key));
  for (const config of AUTH_LIBRARY_COOKIE_CONFIGS) {
    if (!importsAnyOf(sourceCode, config.modules)) continue;
    const cookieKey = flag ? firstMatchingPath(sourceCode, property.parent, config) : undefined;
    if (cookieKey !== undefined)
      return authConfigWrite(property, flag as CookieFlag, `${key}: false`, cookieKey === '' ? undefined : cookieKey);
    const switched = Object.hasOwn(config.switches, key) ? config.switches[key] : undefined;
    if (switched && objectAtPath(sourceCode, property.parent, switched.path) !== undefined)
      return authConfigWrite(property, switched.flag, `${key}: false`, undefined);
  }
  return undefined;
}

function firstMatchingPath(sourceCode: SourceCode, object: Node, config: AuthCookieConfig): string | undefined {
  for (const path of config.flagObjects) {
    const found = objectAtPath(sourceCode, object, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A cookie write standing for the library's cookies: one flag wrong, the others as the library sets them. */
function authConfigWrite(property: TSESTree.Property, flag: CookieFlag, text: string, cookieKey: string | undefined): CookieWrite {
  const flags = { secure: UNKNOWN, httpOnly: UNKNOWN, sameSite: UNKNOWN } as Record<CookieFlag, FlagStatus>;
  flags[flag] = { status: 'wrong', node: property.value, text };
  return {
    api: 'unknown',
    node: property,
    nameText: cookieKey,
    flags,
    clearing: false,
    scriptWritten: false,
    // Defaults for every cookie of the library (the session cookie among them); a named cookie is judged by its name.
    isSessionCookie: cookieKey === undefined,
  };
}

const EXPRESS_SESSION_OPTIONS: CookieCall = { api: 'express-session', sessionOptions: 0, cookiePath: ['cookie'] };
// Options only express-session takes: an object with them and a `cookie` object is its configuration.
const EXPRESS_SESSION_KEYS = ['resave', 'saveUninitialized'];

function isSessionOptionsShape(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  return EXPRESS_SESSION_KEYS.some((key) => getProperty(sourceCode, object, key).status === 'present');
}

/** A parsed `Set-Cookie` / `document.cookie` string: name, value, and which attributes are known. */
interface ParsedCookieString {
  readonly nameText?: string;
  /** The first unknown part of the name (a helper's `name` parameter). */
  readonly nameNode?: Node;
  readonly valueText?: string;
  readonly valueNode?: Node;
  readonly attributes: ReadonlySet<string>;
  readonly sameSiteValue?: string;
  /** A hole after the first `;`: attributes may hide there. */
  readonly attributesUnknown: boolean;
  readonly clearing: boolean;
}

/** The constant texts a conditional hole can take: `c ? ' Secure' : ''`, `c && '; Secure'`. */
function constantBranches(sourceCode: SourceCode, node: Node): string[] | undefined {
  const inner = skipWrappers(definitionOf(sourceCode, node));
  const branches =
    inner.type === AST_NODE_TYPES.ConditionalExpression
      ? [inner.consequent, inner.alternate]
      : inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&'
        ? [inner.right]
        : undefined;
  if (!branches) return undefined;
  const texts = branches.map((branch) => stringValue(sourceCode, branch));
  return texts.every((text): text is string => text !== undefined) ? (texts as string[]) : undefined;
}

/** Attribute text that ends right after a named attribute's `=` (`' Max-Age='`): a hole here is its value. */
function isAttributeValueSlot(attribute: string): boolean {
  const equals = attribute.indexOf('=');
  return equals > 0 && attribute.slice(0, equals).trim() !== '' && attribute.slice(equals + 1).trim() === '';
}

function parseCookieString(sourceCode: SourceCode, node: Node): ParsedCookieString | undefined {
  return parseCookieParts(sourceCode, stringParts(sourceCode, node));
}

function parseCookieParts(sourceCode: SourceCode, parts: readonly StringPart[]): ParsedCookieString | undefined {
  // A single unknown expression is not a cookie string we can read.
  if (parts.length === 1 && parts[0].text === undefined) return undefined;
  let section: 'name' | 'value' | 'attributes' = 'name';
  let nameText = '';
  let nameKnown = true;
  let nameNode: Node | undefined;
  let valueText = '';
  let valueKnown = true;
  let valueNode: Node | undefined;
  let attributesText = '';
  let attributesUnknown = false;
  // The current attribute (text since its `;`), and whether it already holds a hole.
  let attribute = '';
  let attributeHole = false;
  for (const part of parts) {
    if (part.text === undefined) {
      if (section === 'name') {
        nameKnown = false;
        nameNode ??= part.node;
      } else if (section === 'value') {
        valueKnown = false;
        valueNode ??= part.node;
      } else {
        // `${production ? '; Secure' : ''}`: a flag added under a condition counts as set (as `secure: isProd` does).
        const branches = part.node ? constantBranches(sourceCode, part.node) : undefined;
        if (branches) {
          attributesText += `;${branches.join(';')};`;
          attribute = '';
        } else if (!attributeHole && isAttributeValueSlot(attribute)) {
          // `Max-Age=${expiresIn}`: a computed value of a named attribute; the flags written around it stay known.
          attributeHole = true;
        } else attributesUnknown = true; // `; ${flags}`: a whole attribute, or more, computed
      }
      continue;
    }
    for (const char of part.text) {
      if (section === 'name') {
        if (char === '=') section = 'value';
        else nameText += char;
      } else if (section === 'value') {
        if (char === ';') section = 'attributes';
        else valueText += char;
      } else {
        attributesText += char;
        if (char === ';') {
          attribute = '';
          attributeHole = false;
        } else attribute += char;
      }
    }
  }
  if (section === 'name') return undefined;
  const attributes = new Set<string>();
  let sameSiteValue: string | undefined;
  let clearing = false;
  for (const raw of attributesText.split(';')) {
    const [key, ...rest] = raw.split('=');
    const attribute = key.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (!attribute) continue;
    attributes.add(attribute);
    if (attribute === 'samesite') sameSiteValue = value.toLowerCase();
    if (attribute === 'max-age' && /^-?0+$|^-/.test(value)) clearing = true;
    if (attribute === 'expires' && /\b19\d{2}\b/.test(value)) clearing = true;
  }
  if (valueKnown && valueText.trim() === '') clearing = true;
  return {
    nameText: nameKnown ? nameText.trim() : undefined,
    nameNode,
    valueText: valueKnown ? valueText : undefined,
    valueNode,
    attributes,
    sameSiteValue,
    attributesUnknown,
    clearing,
  };
}

function stringWrite(
  sourceCode: SourceCode,
  node: Node,
  api: CookieApi,
  scriptWritten: boolean,
  reportNode: Node,
): CookieWrite | undefined {
  return partsWrite(parseCookieString(sourceCode, node), api, scriptWritten, reportNode);
}

function partsWrite(
  parsed: ParsedCookieString | undefined,
  api: CookieApi,
  scriptWritten: boolean,
  reportNode: Node,
): CookieWrite | undefined {
  if (!parsed) return undefined;
  const flag = (attribute: string): FlagStatus => (parsed.attributes.has(attribute) ? SET : parsed.attributesUnknown ? UNKNOWN : MISSING);
  const flags: Record<CookieFlag, FlagStatus> = { secure: flag('secure'), httpOnly: flag('httponly'), sameSite: flag('samesite') };
  if (parsed.sameSiteValue === 'none' && flags.secure.status === 'missing')
    flags.sameSite = { status: 'wrong', node: reportNode, text: 'SameSite=None' };
  return {
    api,
    node: reportNode,
    nameText: parsed.nameText,
    value: parsed.valueNode,
    valueText: parsed.valueText,
    flags,
    clearing: parsed.clearing,
    scriptWritten,
    isSessionCookie: false,
  };
}

/** A call that produces a cookie string another visitor already reads (`serialize(...)`). */
function isSerializeCall(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(definitionOf(sourceCode, node));
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const origin = calleeOrigin(sourceCode, inner);
  return origin !== undefined && lookup(origin, COOKIE_CALLS)?.api === 'cookie-serialize';
}

/** Each string of a `Set-Cookie` header value (one string or an array): one write per string. */
function headerValueWrites(sourceCode: SourceCode, value: Node): CookieWrite[] {
  const writes: CookieWrite[] = [];
  for (const element of headerStrings(sourceCode, value)) {
    if (isSerializeCall(sourceCode, element)) continue;
    // Report at the string as written, even in a const elsewhere.
    const definition = skipWrappers(definitionOf(sourceCode, element));
    const reportNode =
      definition.type === AST_NODE_TYPES.Literal ||
      definition.type === AST_NODE_TYPES.TemplateLiteral ||
      definition.type === AST_NODE_TYPES.BinaryExpression
        ? definition
        : element;
    const built = builtCookieString(sourceCode, element);
    const write = built
      ? partsWrite(parseCookieParts(sourceCode, built.parts), 'set-cookie-header', false, built.reportNode)
      : stringWrite(sourceCode, element, 'set-cookie-header', false, reportNode);
    if (write) writes.push(write);
  }
  return writes;
}

/**
 * The strings of a `Set-Cookie` value: one string, or an array's elements, seen through a
 * `.filter(Boolean)` that drops the empty ones and through `cond ? cookie : ''` elements.
 */
function headerStrings(sourceCode: SourceCode, value: Node): Node[] {
  const inner = skipWrappers(value);
  const filtered =
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, inner.callee) === 'filter'
      ? inner.callee.object
      : undefined;
  const elements = arrayElements(sourceCode, filtered ?? value) ?? [value];
  return elements.flatMap((element) => {
    const candidate = skipWrappers(element);
    return candidate.type === AST_NODE_TYPES.ConditionalExpression ? [candidate.consequent, candidate.alternate] : [element];
  });
}

/** A string assembled from parts, and where it is written. */
interface BuiltString {
  readonly parts: readonly StringPart[];
  readonly reportNode: Node;
}

/**
 * A cookie string assembled rather than written out: `[`sid=${v}`, 'HttpOnly', …].join('; ')`
 * (array spreads of constant parts included), or the call of a same-file helper that returns
 * such a string, a template or a concatenation built from its parameters
 * (`setCookie('sid', sid, ttl)`). The helper's parameters are filled in with this call's
 * arguments; the string is reported where the helper writes it, once for all its callers.
 */
function builtCookieString(sourceCode: SourceCode, node: Node): BuiltString | undefined {
  const joined = joinedParts(sourceCode, node);
  if (joined) return joined;
  const call = skipWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = localFunction(sourceCode, call.callee);
  const args = plainArguments(call);
  const returned = fn && args ? singleReturned(fn) : undefined;
  if (!fn || !args || !returned) return undefined;
  const definition = skipWrappers(definitionOf(sourceCode, returned));
  const built =
    joinedParts(sourceCode, definition) ??
    (definition.type === AST_NODE_TYPES.TemplateLiteral ||
    (definition.type === AST_NODE_TYPES.BinaryExpression && definition.operator === '+')
      ? { parts: stringParts(sourceCode, definition), reportNode: definition }
      : undefined);
  if (!built) return undefined;
  const parts = built.parts.flatMap((part): StringPart[] => {
    const index = part.text === undefined ? parameterHole(fn, part.node) : undefined;
    if (index === undefined) return [part];
    const argument = args[index];
    return argument ? stringParts(sourceCode, argument) : [{ text: undefined, node: part.node }];
  });
  return { parts, reportNode: built.reportNode };
}

/** `parts.join('; ')` of an array whose elements are known: the elements' parts with the separator between them. */
function joinedParts(sourceCode: SourceCode, node: Node): BuiltString | undefined {
  const call = skipWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (memberName(sourceCode, call.callee) !== 'join' || call.arguments.length !== 1) return undefined;
  const separator = stringValue(sourceCode, call.arguments[0]);
  const elements = separator === undefined ? undefined : arrayElements(sourceCode, call.callee.object);
  if (separator === undefined || !elements) return undefined;
  const parts: StringPart[] = [];
  elements.forEach((element, index) => {
    if (index > 0) parts.push({ text: separator, node: call.arguments[0] });
    parts.push(...stringParts(sourceCode, element));
  });
  const array = skipWrappers(definitionOf(sourceCode, call.callee.object));
  return { parts, reportNode: array.type === AST_NODE_TYPES.ArrayExpression ? array : call };
}

/** The one value a function returns: an arrow's body, or the last statement's `return` when it is the only one. */
function singleReturned(fn: TSESTree.FunctionLike): Node | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return body;
  const last = body.body.at(-1);
  const returns = body.body.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement);
  return returns.length === 1 && last?.type === AST_NODE_TYPES.ReturnStatement ? (last.argument ?? undefined) : undefined;
}

/** The parameter a hole of the helper's string is: `name`, or its encoding (`encodeURIComponent(value)`). */
function parameterHole(fn: TSESTree.FunctionLike, node: Node): number | undefined {
  let inner = skipWrappers(node);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    /^(?:encodeURIComponent|escape|String)$/.test(inner.callee.name) &&
    inner.arguments.length === 1
  )
    inner = skipWrappers(inner.arguments[0]);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = inner.name;
  const index = fn.params.findIndex(
    (param) =>
      (param.type === AST_NODE_TYPES.Identifier && param.name === name) ||
      (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier && param.left.name === name),
  );
  return index === -1 ? undefined : index;
}

function isSetCookieName(text: string | undefined): boolean {
  return text !== undefined && text.toLowerCase() === SET_COOKIE_HEADER;
}

/**
 * The cookie writes at a node: a call or `new` (framework APIs, `setHeader('Set-Cookie', …)`),
 * an assignment (`document.cookie = …`), or an object property `'Set-Cookie': …` of a
 * headers object.
 */
export function cookieWritesOf(sourceCode: SourceCode, node: Node, filename = ''): CookieWrite[] {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const fromFunction =
        functionWrite(sourceCode, node) ?? registeredPluginWrite(sourceCode, node) ?? nuxtUseCookieWrite(sourceCode, node);
      if (fromFunction) return [fromFunction];
      const fromMethod = methodWrite(sourceCode, node, filename);
      if (fromMethod) return [fromMethod];
      const fromHelper = scriptCookieHelperWriteOf(sourceCode, node);
      if (fromHelper) return [fromHelper];
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && node.arguments.length === 2) {
        const method = memberName(sourceCode, callee);
        const [name, value] = node.arguments;
        if (
          method &&
          HEADER_SETTERS.has(method) &&
          name.type !== AST_NODE_TYPES.SpreadElement &&
          value.type !== AST_NODE_TYPES.SpreadElement &&
          isSetCookieName(stringValue(sourceCode, name))
        ) {
          return headerValueWrites(sourceCode, value);
        }
      }
      return [];
    }
    case AST_NODE_TYPES.NewExpression: {
      const write = functionWrite(sourceCode, node);
      return write ? [write] : [];
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (!isCookieAssignment(sourceCode, node)) return [];
      const origin = originOf(sourceCode, node.left);
      if (origin?.module !== GLOBAL_MODULE || origin.path.join('.') !== 'document.cookie') return [];
      const write = stringWrite(sourceCode, node.right, 'document-cookie', true, node);
      return write ? [write] : [];
    }
    case AST_NODE_TYPES.Property: {
      if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return [];
      const key = propertyKeyName(sourceCode, node);
      if (isSetCookieName(key)) return headerValueWrites(sourceCode, node.value);
      const fromAuthConfig = authLibraryCookieConfigWrite(sourceCode, node);
      if (fromAuthConfig) return [fromAuthConfig];
      // express-session options kept in a config object (exported, or passed on later): a wrong flag is wrong where written.
      if (key === 'cookie' && isSessionOptionsShape(sourceCode, node.parent)) {
        const write = sessionMiddlewareWrite(sourceCode, node.parent, EXPRESS_SESSION_OPTIONS, node.parent);
        if (!write) return [];
        const flags = Object.fromEntries(
          FLAGS.map((flag) => [flag, write.flags[flag].status === 'wrong' ? write.flags[flag] : UNKNOWN]),
        ) as Record<CookieFlag, FlagStatus>;
        return [{ ...write, flags }];
      }
      // API Gateway HTTP API responses: `{ statusCode, cookies: ['sid=…; HttpOnly'] }`.
      if (
        key === 'cookies' &&
        getProperty(sourceCode, node.parent, 'statusCode').status === 'present' &&
        arrayElements(sourceCode, node.value)
      ) {
        return headerValueWrites(sourceCode, node.value);
      }
      return [];
    }
    default:
      return [];
  }
}

export type CookieContent = 'session' | 'token' | 'oauth';

const SESSION_WORDS = new Set(['session', 'sess', 'sid', 'sessid', 'sessionid', 'jsessionid', 'phpsessid', 'remember']);
const OAUTH_TRANSACTION_WORDS = new Set(['nonce', 'verifier', 'pkce', 'codeverifier', 'tx', 'transaction']);
/** Words that say only which protocol: `oauth_tx` is the transaction, `oauth_redirect` a return path (NOT_A_SECRET_WORDS). */
const OAUTH_PROTOCOL_WORDS = new Set(['oauth', 'oauth2', 'oidc']);
/** What an `oauth_…` cookie holds when it is no secret: where to go back to, which provider, a UI hint. */
const NOT_A_SECRET_WORDS = new Set([
  'redirect',
  'return',
  'returnto',
  'returnurl',
  'next',
  'url',
  'uri',
  'path',
  'origin',
  'referer',
  'referrer',
  'provider',
  'popup',
  'error',
  'lang',
  'locale',
]);
/** `state` in a cookie name is OAuth state unless the name says it is UI state (`sidebar_state`). */
const UI_STATE_WORDS = new Set([
  'sidebar',
  'ui',
  'panel',
  'menu',
  'view',
  'layout',
  'theme',
  'filter',
  'filters',
  'tab',
  'tabs',
  'table',
  'grid',
  'collapse',
  'collapsed',
  'drawer',
  'nav',
  'navigation',
  'editor',
  'form',
  'cart',
  'checkout',
  'consent',
  'banner',
  'modal',
  'dialog',
  'tour',
  'onboarding',
  'wizard',
  'player',
  'scroll',
  'sort',
  'column',
  'columns',
  'app',
  'page',
]);
const STATE_VALUE_NAMES =
  /^(?:state|oauthState|authState|loginState|expectedState|nonce|codeVerifier|code_verifier|verifier|pkceVerifier|pkce)$/;

function contentFromName(text: string | undefined): CookieContent | undefined {
  if (!text) return undefined;
  const bare = text.replace(/^__(?:Host|Secure)-/i, '');
  const token = credentialKindFromName(bare);
  if (token && token !== 'code') return 'token';
  const words = nameWords(bare);
  if (words.some((word) => SESSION_WORDS.has(word))) return 'session';
  // `user_id`, `userId`, `uid`: the signed-in user's id, by which the app knows who is logged in.
  if (
    (words.length === 2 && words[0] === 'user' && words[1] === 'id') ||
    (words.length === 1 && (words[0] === 'uid' || words[0] === 'userid'))
  )
    return 'session';
  if (words.length > 0 && words[words.length - 1] === 'auth') return 'token';
  // An app prefix glued to the token's kind (`SQJWT`, `myappjwt`): one word that ends in jwt.
  if (words.length === 1 && words[0].length > 3 && words[0].endsWith('jwt') && !/[cx]srf/.test(words[0])) return 'token';
  if (words.some((word) => OAUTH_TRANSACTION_WORDS.has(word))) return 'oauth';
  if (words.some((word) => OAUTH_PROTOCOL_WORDS.has(word)) && !words.some((word) => NOT_A_SECRET_WORDS.has(word))) return 'oauth';
  if (words.includes('state') && !words.some((word) => UI_STATE_WORDS.has(word))) return 'oauth';
  return undefined;
}

const GENERIC_MEMBERS = new Set(['value', 'id', 'raw', 'data']);

/** The value a cookie is made of when it is only interpolated: `` `${tokens?.access_token || ''}` `` is `tokens?.access_token`. */
function interpolatedValue(sourceCode: SourceCode, node: Node): Node {
  const inner = skipWrappers(node);
  const only =
    inner.type === AST_NODE_TYPES.TemplateLiteral &&
    inner.expressions.length === 1 &&
    inner.quasis.every((quasi) => quasi.value.cooked === '')
      ? inner.expressions[0]
      : inner;
  return withoutEmptyFallback(sourceCode, only);
}

function contentFromValue(sourceCode: SourceCode, value: Node | undefined): CookieContent | undefined {
  if (!value) return undefined;
  const inner = interpolatedValue(sourceCode, skipWrappers(value));
  const definition = skipWrappers(definitionOf(sourceCode, inner));
  for (const candidate of [inner, definition]) {
    if (candidate.type === AST_NODE_TYPES.CallExpression || candidate.type === AST_NODE_TYPES.AwaitExpression) {
      const call = candidate.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(candidate.argument) : candidate;
      if (call.type === AST_NODE_TYPES.CallExpression) {
        const origin = calleeOrigin(sourceCode, call);
        if (origin && TOKEN_PRODUCERS.some((pattern) => matchesPattern(origin, pattern))) return 'token';
      }
    }
  }
  if (credentialInValue(sourceCode, inner)) return 'token';
  let name = tailName(sourceCode, inner);
  // `sid.value`, `session.id`: a generic member names nothing, its object does.
  if (name && GENERIC_MEMBERS.has(name) && inner.type === AST_NODE_TYPES.MemberExpression) name = tailName(sourceCode, inner.object);
  if (name && nameWords(name).some((word) => SESSION_WORDS.has(word)) && !/expir|ttl|age|timeout/i.test(name)) return 'session';
  if (name && STATE_VALUE_NAMES.test(name)) return 'oauth';
  // `JSON.stringify({ verifier, state, nonce })`: a transaction record.
  const serialised = inner.type === AST_NODE_TYPES.CallExpression && inner.arguments[0] ? skipWrappers(inner.arguments[0]) : undefined;
  const object = objectLiteral(sourceCode, serialised ?? inner);
  if (object) {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(sourceCode, property);
      if (key && STATE_VALUE_NAMES.test(key)) return 'oauth';
    }
  }
  return undefined;
}

/**
 * What a cookie holds, when it is one that needs all three flags: a session (`sid`,
 * `app_session`, `__Host-sid`, a session middleware's cookie), a token (`access_token`,
 * `jwt`, a value from `jwt.sign`), or an OAuth transaction (`oauth_state`, `pkce_verifier`,
 * `tx`, `JSON.stringify({ state, nonce, verifier })`). Undefined for preferences (`theme`,
 * `tz`, `locale`).
 */
export function cookieCarries(sourceCode: SourceCode, write: CookieWrite): CookieContent | undefined {
  if (write.isSessionCookie) return 'session';
  // A short constant (`'none'`, `'deleted'`, `'1'`) is a marker or a logout overwrite, never a secret.
  const constant = write.valueText ?? (write.value ? stringValue(sourceCode, write.value) : undefined);
  if (constant !== undefined && constant.length < 20) return undefined;
  const byName = contentFromName(write.nameText);
  if (byName) return byName;
  if (write.valueText !== undefined) return contentFromName(write.valueText) === 'token' ? 'token' : undefined;
  return contentFromValue(sourceCode, write.value);
}

/** The expression a cookie value is encoded from: `x` of `encodeURIComponent(x)`, `escape(x)`, `String(x)`, `(x || '')`. */
function encodedFrom(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  let inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.LogicalExpression) inner = skipWrappers(inner.left);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    /^(?:encodeURIComponent|escape|String)$/.test(inner.callee.name) &&
    inner.arguments.length === 1
  ) {
    inner = skipWrappers(inner.arguments[0]);
  }
  return inner;
}

interface ScriptCookieHelper {
  readonly nameParam?: number;
  readonly nameText?: string;
  readonly valueParam: number;
}

/** `….cookie = value`: the only assignment that can write `document.cookie` (checked before its origin is resolved). */
function isCookieAssignment(
  sourceCode: SourceCode,
  node: TSESTree.AssignmentExpression,
): node is TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression } {
  return node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, node.left) === 'cookie';
}

/** The file's `….cookie = value` assignments in source order, from the node index every analysis shares. */
function cookieAssignments(sourceCode: SourceCode): readonly (TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression })[] {
  const facts = fileFacts(sourceCode);
  return facts.memo('cookies:cookie-assignments', () =>
    facts.nodesOfType(AST_NODE_TYPES.AssignmentExpression).filter((node) => isCookieAssignment(sourceCode, node)),
  );
}

/** A same-file helper that writes `document.cookie` from its parameters: `function setCookie(name, value, days) {…}`. */
function scriptCookieHelper(sourceCode: SourceCode, fn: TSESTree.FunctionLike): ScriptCookieHelper | undefined {
  const cache = fileFacts(sourceCode).memo('cookies:script-helpers', () => new WeakMap<Node, ScriptCookieHelper | null>());
  const cached = cache.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  let helper: ScriptCookieHelper | undefined;
  if (fn.body && fn.params.length > 0) {
    const [start, end] = fn.body.range;
    for (const node of cookieAssignments(sourceCode)) {
      if (node.range[0] < start || node.range[1] > end) continue;
      const origin = originOf(sourceCode, node.left);
      if (origin?.module !== GLOBAL_MODULE || origin.path.join('.') !== 'document.cookie') continue;
      const parsed = parseCookieString(sourceCode, node.right);
      if (!parsed) continue;
      const valueParam = parameterIndexOf(sourceCode, fn, encodedFrom(parsed.valueNode));
      if (valueParam === undefined) continue;
      const nameParam = parameterIndexOf(sourceCode, fn, encodedFrom(parsed.nameNode));
      if (nameParam === undefined && parsed.nameText === undefined) continue;
      // A helper that names its credential cookie itself is reported inside, not at every caller.
      if (nameParam === undefined && contentFromName(parsed.nameText)) continue;
      helper = { nameParam, nameText: nameParam === undefined ? parsed.nameText : undefined, valueParam };
      break;
    }
  }
  cache.set(fn, helper ?? null);
  return helper;
}

/**
 * A call of a same-file helper that writes `document.cookie`: `setCookie('token', data.token, 7)`.
 * The write is the call, with the helper's name and value parameters taken from its arguments.
 */
export function scriptCookieHelperWriteOf(sourceCode: SourceCode, call: TSESTree.CallExpression): CookieWrite | undefined {
  // The helper may sit in another module (`import { setCookie } from './cookies'`); in this file only
  // when the file assigns a cookie somewhere.
  if (!fileFacts(sourceCode).importsProjectModules && cookieAssignments(sourceCode).length === 0) return undefined;
  const target = calledFunction(sourceCode, call.callee);
  if (!target) return undefined;
  const helper = scriptCookieHelper(target.sourceCode, target.fn);
  if (!helper) return undefined;
  const args = plainArguments(call);
  const value = args?.[helper.valueParam];
  if (!args || !value) return undefined;
  const name = helper.nameParam === undefined ? undefined : args[helper.nameParam];
  return {
    api: 'document-cookie',
    node: call,
    name,
    nameText: name ? stringValue(sourceCode, name) : helper.nameText,
    value,
    flags: { secure: UNKNOWN, httpOnly: MISSING, sameSite: UNKNOWN },
    clearing: isClearingValue(sourceCode, value),
    scriptWritten: true,
    isSessionCookie: false,
  };
}

// --- what require-secure-cookies reports ---------------------------------------------------

const COOKIE_MODULES = [...new Set([...COOKIE_CALLS.keys()].map((pattern) => pattern.split('#')[0]))];

/** The cheap gate: false when the file can set no cookie. */
export function mayWriteCookies(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  return facts.importsAny(COOKIE_MODULES) || facts.mentions(COOKIE_TEXT_HINT);
}

export type CookieFinding =
  /** A page script writes a session or token into a cookie, which can never be HttpOnly: at the write. */
  | { readonly kind: 'script-written'; readonly write: CookieWrite; readonly content: CookieContent }
  /** A flag switched off (`secure: false`, `SameSite=None` without Secure), at the value as written. */
  | {
      readonly kind: 'wrong-flag';
      readonly write: CookieWrite;
      readonly content: CookieContent;
      readonly flag: CookieFlag;
      readonly node: Node;
      readonly text: string;
      /** `SameSite=None` (reported as such) rather than a flag turned off. */
      readonly sameSiteNone: boolean;
    }
  /** Flags neither written nor set by the library's default, at the write. */
  | { readonly kind: 'missing-flags'; readonly write: CookieWrite; readonly content: CookieContent; readonly missing: CookieFlag[] };

/** The findings of the writes at `node` that carry a session, a token or OAuth state: each wrong value, else the missing flags. */
export function cookieFindingsAt(sourceCode: SourceCode, node: Node, filename = ''): CookieFinding[] {
  const findings: CookieFinding[] = [];
  for (const write of cookieWritesOf(sourceCode, node, filename)) findings.push(...writeFindings(sourceCode, write));
  return findings;
}

function writeFindings(sourceCode: SourceCode, write: CookieWrite): CookieFinding[] {
  if (write.clearing) return [];
  const content = cookieCarries(sourceCode, write);
  if (!content) return [];
  // Only credentials matter here: a script may keep its own OAuth state in a cookie.
  if (write.scriptWritten) return content === 'oauth' ? [] : [{ kind: 'script-written', write, content }];
  // Every flag switched off is a wrong value of its own, reported where it is written.
  const wrong: CookieFinding[] = [];
  for (const flag of FLAGS) {
    const status = write.flags[flag];
    if (status.status === 'wrong')
      wrong.push({
        kind: 'wrong-flag',
        write,
        content,
        flag,
        node: status.node,
        text: status.text,
        sameSiteNone: flag === 'sameSite' && /none/i.test(status.text),
      });
  }
  // `SameSite=None` is wrong only for want of Secure: with `secure: false` reported, that is the one fix.
  const secureOff = wrong.some((finding) => finding.kind === 'wrong-flag' && finding.flag === 'secure');
  if (wrong.length > 0) return secureOff ? wrong.filter((finding) => !(finding.kind === 'wrong-flag' && finding.sameSiteNone)) : wrong;
  const missing = FLAGS.filter((flag) => write.flags[flag].status === 'missing');
  return missing.length === 0 ? [] : [{ kind: 'missing-flags', write, content, missing }];
}

/** The call whose options a suggestion may extend with flags: a write of an API that takes an options object. */
export function optionsCallOf(write: CookieWrite): TSESTree.CallExpression | undefined {
  return OPTION_OBJECT_APIS.has(write.api) && write.node.type === AST_NODE_TYPES.CallExpression ? write.node : undefined;
}
