/**
 * Where code runs, and what it reads from the environment.
 *
 *   envRead(sc, node)        `process.env.X`, `process.env['X']`, `import.meta.env.X`,
 *                            `const { X } = process.env` → { name: 'X', source, publicPrefix }
 *   publicEnvPrefix(name)    'NEXT_PUBLIC_' | 'VITE_' | … when bundlers inline the variable
 *                            into browser bundles
 *   isBrowserModule(sc, f)   the module plainly runs in a browser: a 'use client' directive
 *                            ('use server' says the opposite),
 *                            a browser-only SDK or UI framework import, browser globals
 *                            (`window`, `document`, `localStorage`, …) used outside
 *                            `typeof` guards — and no sign that it is server code
 *   runsInBrowserAt(sc, n, f) the code at `n` runs in a browser: a browser module, or in an
 *                            isomorphic one (a `typeof window` guard) the browser branch of
 *                            such a guard, or a local function called only from there
 *   isTestFile(filename)     `*.test.*`, `*.spec.*`, `__tests__/`, `__mocks__/`
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, isAmbientVariable } from './ast';
import { fileFacts } from './file-facts';
import { memberName, propertyKeyName, skipWrappers } from './modules';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** Prefixes that bundlers and frameworks inline into client bundles. */
export const PUBLIC_ENV_PREFIXES: readonly string[] = [
  'NEXT_PUBLIC_',
  'NUXT_PUBLIC_',
  'EXPO_PUBLIC_',
  'REACT_APP_',
  'VITE_',
  'GATSBY_',
  'PUBLIC_',
  'VUE_APP_',
  'STORYBOOK_',
];

export function publicEnvPrefix(name: string): string | undefined {
  const upper = name.toUpperCase();
  return PUBLIC_ENV_PREFIXES.find((prefix) => upper.startsWith(prefix));
}

export interface EnvRead {
  readonly name: string;
  readonly source: 'process.env' | 'import.meta.env';
  /** The public prefix, when the bundler ships the value to browsers. */
  readonly publicPrefix: string | undefined;
  /** The node that reads it (the member expression, or the destructured identifier). */
  readonly node: Node;
}

/** `process.env` / `import.meta.env` (also `globalThis.process.env`). */
export function envObjectKind(sourceCode: SourceCode, node: Node): EnvRead['source'] | undefined {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.MemberExpression || memberName(sourceCode, inner) !== 'env') return undefined;
  const object = skipWrappers(inner.object);
  if (object.type === AST_NODE_TYPES.MetaProperty && object.meta.name === 'import' && object.property.name === 'meta')
    return 'import.meta.env';
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'process') {
    const variable = findVariable(sourceCode.getScope(object), object);
    // A local `process` (a parameter, an import of something else) is not Node's.
    if (variable && variable.defs.length > 0) return undefined;
    return 'process.env';
  }
  if (object.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, object) === 'process') {
    const root = skipWrappers(object.object);
    if (root.type === AST_NODE_TYPES.Identifier && (root.name === 'globalThis' || root.name === 'global' || root.name === 'window'))
      return 'process.env';
  }
  return undefined;
}

function makeRead(name: string, source: EnvRead['source'], node: Node): EnvRead {
  return { name, source, publicPrefix: publicEnvPrefix(name), node };
}

/**
 * The environment variable an expression reads, directly or through a `const` binding
 * (`const SECRET = process.env.X`) or a destructuring of the env object.
 */
export function envRead(sourceCode: SourceCode, node: Node, depth = 0): EnvRead | undefined {
  const inner = skipWrappers(node);
  if (depth > 4) return undefined;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const source = envObjectKind(sourceCode, inner.object);
    if (!source) return undefined;
    const name = memberName(sourceCode, inner);
    return name ? makeRead(name, source, inner) : undefined;
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(inner), inner);
    if (!variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (def.type !== 'Variable' || !def.node.init) return undefined;
    if (
      def.node.parent.kind !== 'const' &&
      variable.references.some((reference) => reference.isWrite() && reference.identifier !== def.name)
    )
      return undefined;
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return envRead(sourceCode, def.node.init, depth + 1);
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      const source = envObjectKind(sourceCode, def.node.init);
      if (!source) return undefined;
      for (const property of def.node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (value.type === AST_NODE_TYPES.Identifier && value.name === inner.name) {
          const key = propertyKeyName(sourceCode, property);
          return key ? makeRead(key, source, property.key) : undefined;
        }
      }
    }
  }
  return undefined;
}

const TEST_FILE = /\.(?:test|spec|e2e-spec|cy)\.[cm]?[jt]sx?$|(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__)[\\/]/;

/** Test and mock files: secrets and fake values there are test data. */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(filename);
}

/** Imports that only run in browsers (UI runtimes and browser-only auth SDKs). */
const BROWSER_MODULES = [
  'react-dom',
  '@azure/msal-browser',
  '@azure/msal-react',
  '@azure/msal-angular',
  '@auth0/auth0-spa-js',
  '@auth0/auth0-react',
  '@auth0/auth0-vue',
  '@auth0/auth0-angular',
  'auth0-js',
  'oidc-client-ts',
  'oidc-client',
  'react-oidc-context',
  'angular-oauth2-oidc',
  'angular-auth-oidc-client',
  '@react-oauth/google',
  '@angular/core',
  '@angular/common',
  'vue',
  'vue-router',
  'pinia',
  'svelte',
  'solid-js',
  'preact',
  // Native apps ship to devices: public clients as much as browser code (RFC 8252 §8.5).
  'react-native',
  'expo',
  'expo-auth-session',
  'react-native-app-auth',
  'react-native-config',
];

/** Imports or paths that say the module is server code, whatever else it touches. */
const SERVER_MODULES = [
  'server-only',
  'express',
  'koa',
  'fastify',
  '@nestjs/common',
  'hono',
  'h3',
  'http',
  'https',
  'fs',
  'child_process',
  'next/server',
  'next/headers',
  '@sveltejs/kit',
  // Astro's endpoints and middleware (`import type { APIRoute } from 'astro'`) run on the server;
  // its components' client scripts import nothing from it.
  'astro',
  'astro:middleware',
];
/**
 * Exports that make a module a server endpoint in the file-routing frameworks: HTTP-method
 * handlers (Next's route handlers, SvelteKit's `+server`, Astro's and Remix's endpoints) and
 * Remix's `loader`/`action`.
 */
const ENDPOINT_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL', 'loader', 'action']);
const SERVER_PATH =
  /(?:^|\/)(?:server|functions|lambda|backend)\/|(?:^|\/)(?:pages|app)\/api\/|(?:^|\/)route\.[cm]?[jt]sx?$|\.server\.[cm]?[jt]sx?$|(?:^|\/)(?:middleware|server)\.[cm]?[jt]sx?$/;
/** Next.js app-router files are server components unless they say 'use client'. */
/** One array, so the per-file `importsAny` answer is cached. */
const REACT_MODULE = ['react'];
const APP_ROUTER_PATH = /(?:^|\/)app\//;

/** Browser globals whose use outside a `typeof` guard means the module runs in a browser. */
const BROWSER_GLOBALS = new Set(['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'history']);

/** The module's `'use client'` / `'use server'` directive (React server actions, SolidStart's server functions). */
function environmentDirective(sourceCode: SourceCode): 'use client' | 'use server' | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.Literal) return undefined;
    const value = statement.expression.value;
    if (value === 'use client' || value === 'use server') return value;
  }
  return undefined;
}

/** `export async function GET(…)`, `export const POST = …`, `export { handler as GET }`, `export const loader = …`. */
function exportsEndpoint(sourceCode: SourceCode): boolean {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && ENDPOINT_EXPORTS.has(declaration.id.name))
      return true;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations)
        if (declarator.id.type === AST_NODE_TYPES.Identifier && ENDPOINT_EXPORTS.has(declarator.id.name)) return true;
    }
    if (!statement.source) {
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported;
        if (exported.type === AST_NODE_TYPES.Identifier && ENDPOINT_EXPORTS.has(exported.name)) return true;
      }
    }
  }
  return false;
}

/** Unguarded references to browser globals (not `typeof window === 'undefined'` checks). */
function usesBrowserGlobals(sourceCode: SourceCode): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  // Declared globals resolve to a global variable; undeclared ones stay in `through`.
  const references = [...globalScope.through];
  for (const name of BROWSER_GLOBALS) {
    const variable = globalScope.set.get(name);
    if (variable && variable.defs.length === 0) references.push(...variable.references);
  }
  // `declare const window: …` at a module's top level describes the global, it does not shadow it.
  for (const scope of globalScope.childScopes) {
    if (scope.type !== 'module') continue;
    for (const variable of scope.variables) {
      if (BROWSER_GLOBALS.has(variable.name) && isAmbientVariable(variable)) references.push(...variable.references);
    }
  }
  let used = false;
  for (const reference of references) {
    const identifier = reference.identifier;
    if (identifier.type !== AST_NODE_TYPES.Identifier || !BROWSER_GLOBALS.has(identifier.name)) continue;
    const parent = identifier.parent;
    // A `typeof window` guard means the module also runs on a server (isomorphic code).
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') return false;
    used = true;
  }
  if (used) return true;
  return false;
}

export type ModuleEnvironment = 'browser' | 'server' | 'unknown';

/**
 * Where the module runs: 'browser' only when it plainly does (see the file comment);
 * 'server' on server-only imports or paths; 'unknown' otherwise (isomorphic or unclear).
 */
export function moduleEnvironment(sourceCode: SourceCode, filename: string): ModuleEnvironment {
  // `filename` should be relative to the project (context.filename minus context.cwd), so
  // directories above the project do not count.
  return fileFacts(sourceCode).memo(`environment:${filename}`, () => {
    const directive = environmentDirective(sourceCode);
    if (directive) return directive === 'use client' ? 'browser' : 'server';
    const facts = fileFacts(sourceCode);
    const path = filename.replace(/\\/g, '/');
    if (facts.importsAny(SERVER_MODULES) || SERVER_PATH.test(path)) return 'server';
    if (facts.importsAny(BROWSER_MODULES)) return 'browser';
    if (exportsEndpoint(sourceCode)) return 'server';
    if (/\.(?:jsx|tsx)$/.test(path) && facts.importsAny(REACT_MODULE) && !APP_ROUTER_PATH.test(path)) return 'browser';
    if (usesBrowserGlobals(sourceCode)) return 'browser';
    // The front end of a full-stack repository (its server parts were ruled out above).
    if (/(?:^|\/)frontend\/(?:.{0,200}\/)?src\//.test(path)) return 'browser';
    return 'unknown';
  });
}

export function isBrowserModule(sourceCode: SourceCode, filename: string): boolean {
  return moduleEnvironment(sourceCode, filename) === 'browser';
}

/** `context.filename` relative to `context.cwd`, with forward slashes. */
export function projectPath(filename: string, cwd: string | undefined): string {
  const path = filename.replace(/\\/g, '/');
  const base = (cwd ?? '').replace(/\\/g, '/').replace(/\/$/, '');
  return base && path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path;
}

/** Names whose `typeof` tells the browser from the server. */
const GUARD_GLOBALS = new Set(['window', 'document']);
/** Local functions followed to their call sites at most this deep. */
const MAX_CALLER_DEPTH = 3;

/** `typeof window !== 'undefined'` → true (browser when it holds), `typeof window === 'undefined'` → false, else undefined. */
function browserTest(node: Node): boolean | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!') {
    const negated = browserTest(inner.argument);
    return negated === undefined ? undefined : !negated;
  }
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || !/^[!=]==?$/.test(inner.operator)) return undefined;
  const isTypeofGlobal = (side: Node): boolean =>
    side.type === AST_NODE_TYPES.UnaryExpression &&
    side.operator === 'typeof' &&
    side.argument.type === AST_NODE_TYPES.Identifier &&
    GUARD_GLOBALS.has(side.argument.name);
  const isUndefinedText = (side: Node): boolean => side.type === AST_NODE_TYPES.Literal && side.value === 'undefined';
  const left = inner.left as Node;
  const matches = (isTypeofGlobal(left) && isUndefinedText(inner.right)) || (isTypeofGlobal(inner.right) && isUndefinedText(left));
  if (!matches) return undefined;
  return inner.operator.startsWith('!');
}

/** True when `node` sits in the branch of a `typeof window` guard that runs in the browser (or after an early exit on the server branch). */
function inBrowserBranch(node: Node, stop: Node | undefined): boolean {
  for (let child: Node = node, parent = node.parent; parent && parent !== stop; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      const browser = browserTest(parent.test);
      if (browser !== undefined && child !== parent.test && (child === parent.consequent) === browser) return true;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && child === parent.right) {
      if (browserTest(parent.left) === true) return true;
    } else if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      // `if (typeof window === 'undefined') return;` earlier in the same block.
      for (const statement of parent.body as Node[]) {
        if (statement === child) break;
        if (
          statement.type === AST_NODE_TYPES.IfStatement &&
          !statement.alternate &&
          browserTest(statement.test) === false &&
          exits(statement.consequent)
        )
          return true;
      }
    }
    if (isFunctionLike(parent)) return false;
  }
  return false;
}

function exits(statement: Node): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length > 0 && exits(statement.body[statement.body.length - 1]);
}

type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function isFunctionLike(node: Node): node is FunctionLike {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The call sites of a module-local function, or undefined when it is also used otherwise (exported, passed on, reassigned). */
function onlyCallSites(sourceCode: SourceCode, fn: FunctionLike): TSESTree.CallExpression[] | undefined {
  let name: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id ?? undefined;
  else if (
    fn.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    fn.parent.init === fn &&
    fn.parent.id.type === AST_NODE_TYPES.Identifier
  )
    name = fn.parent.id;
  if (
    !name ||
    fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    fn.parent?.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  )
    return undefined;
  const variable = findVariable(sourceCode.getScope(name), name);
  if (!variable || variable.defs.length !== 1) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = reference.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== reference.identifier) return undefined;
    calls.push(use);
  }
  return calls.length > 0 ? calls : undefined;
}

function runsInBrowserBranch(sourceCode: SourceCode, node: Node, depth: number): boolean {
  let fn: Node | undefined = node.parent;
  while (fn && !isFunctionLike(fn)) fn = fn.parent;
  if (inBrowserBranch(node, fn)) return true;
  if (!fn || !isFunctionLike(fn) || depth >= MAX_CALLER_DEPTH) return false;
  // A helper of this module that only browser code calls runs in the browser.
  const calls = onlyCallSites(sourceCode, fn);
  return calls !== undefined && calls.every((call) => runsInBrowserBranch(sourceCode, call, depth + 1));
}

/**
 * Whether the code at `node` runs in a browser: the module does (isBrowserModule), or the
 * module is isomorphic and `node` is on the browser side of a `typeof window` guard — in its
 * branch, or in a local helper that is only called from there. Server modules never do.
 */
export function runsInBrowserAt(sourceCode: SourceCode, node: Node, filename: string): boolean {
  const environment = moduleEnvironment(sourceCode, filename);
  if (environment !== 'unknown') return environment === 'browser';
  return runsInBrowserBranch(sourceCode, node, 0);
}
