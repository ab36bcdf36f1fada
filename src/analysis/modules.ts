/**
 * Where a name comes from.
 *
 * `originOf(sourceCode, node)` answers "which export of which module does this expression
 * refer to", bottom-up from the expression, through the file's scopes:
 *
 *   import jwt from 'jsonwebtoken'; jwt.verify            → jsonwebtoken  ["verify"]
 *   const { verify: v } = require('jsonwebtoken'); v       → jsonwebtoken  ["verify"]
 *   import * as jose from 'jose'; jose.jwtVerify           → jose          ["jwtVerify"]
 *   const { jwtVerify } = await import('jose')             → jose          ["jwtVerify"]
 *   new Issuer(meta).Client(...) → client.callback         → openid-client ["Issuer", "()", "Client", "()", "callback"]
 *   this.jwt.verify (constructor(private jwt: JwtService)) → @nestjs/jwt   ["JwtService", "()", "verify"]
 *   localStorage.setItem / window.localStorage.setItem     → <global>      ["localStorage", "setItem"]
 *
 * A call or `new` adds the segment "()". `await` is transparent. A default import is the
 * module object (CommonJS interop), so a leading "default" is dropped. Shadowed names,
 * parameters and re-assigned bindings have no origin: callers stay silent on them.
 *
 * ReferenceTracker walks top-down from the module and misses `import x = require()`,
 * `require` when it is not a declared global, values kept in class fields and helper
 * functions that return a module; this bottom-up walk covers them, using eslint-utils'
 * `findVariable` and `getPropertyName` for the scope and key lookups.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, getStaticValue, findVariable, isFunctionNode, variableOf } from './ast';
import { HTTP_CLIENT_CLASS_METHODS, HTTP_CLIENT_CLASSES, HTTP_CLIENT_GLOBALS, HTTP_CLIENT_MODULES } from '../knowledge/http';
import { DENO_X_NPM_MIRRORS } from '../knowledge/registries';
import { fileFacts } from './file-facts';

export const GLOBAL_MODULE = '<global>';
export const CALL = '()';

export interface Origin {
  /** Module specifier as written (`node:crypto` is normalised to `crypto`), or `<global>`. */
  readonly module: string;
  readonly path: readonly string[];
}

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** Global objects whose properties are the same as the bare global (`window.fetch` = `fetch`). */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

// Lazily created clients chain deep: `await getClient()` → module `let` → `new issuer.Client()` → `await Issuer.discover()` → require.
const MAX_DEPTH = 20;

export function normaliseModule(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.slice(5);
  // Deno: `npm:jose@5`, `jsr:@std/http@1/cookie` name the package (and its version).
  if (specifier.startsWith('npm:') || specifier.startsWith('jsr:')) return withoutVersion(specifier.slice(4));
  // Deno's standard library by URL or by Fresh's import-map alias: `https://deno.land/std@0.200.0/http/cookie.ts`, `$std/http/cookie.ts`.
  if (specifier.startsWith('https://deno.land/std') || specifier.startsWith('$std/')) {
    const path = DENO_STD_PATH.exec(specifier)?.[1];
    return path ? `@std/${path}` : specifier;
  }
  // Deno's third-party registry: `https://deno.land/x/oauth2_client@v1.0.2/mod.ts` → `deno.land/x/oauth2_client`.
  const denoX = DENO_X_PATH.exec(specifier);
  // The entry file of a package mirrored from npm (`https://deno.land/x/jose@v4.14.4/index.ts`) is that package.
  const mirrored = denoX ? DENO_X_NPM_MIRRORS.get(denoX[1]) : undefined;
  if (mirrored && (!denoX![2] || /^\/(?:index|mod)\.[jt]s$/.test(denoX![2]))) return mirrored;
  if (denoX) return `deno.land/x/${denoX[1]}${denoX[2] && !/^\/mod\.[jt]s$/.test(denoX[2]) ? denoX[2].replace(/\.[jt]s$/, '') : ''}`;
  // esm.sh serves npm packages by name: `https://esm.sh/jose@5.2.0?target=deno` → `jose`.
  if (specifier.startsWith('https://esm.sh/')) return withoutVersion(specifier.slice('https://esm.sh/'.length).split('?')[0]);
  return specifier;
}

const DENO_X_PATH = /^https:\/\/deno\.land\/x\/([\w-]+)(?:@[^/]*)?(\/[\w./-]*)?$/;

const DENO_STD_PATH = /^(?:https:\/\/deno\.land\/std(?:@[^/]*)?|\$std)\/([\w/-]+?)(?:\/mod)?\.ts$/;

/** `jose@5` → `jose`, `@std/http@1.0.0/cookie` → `@std/http/cookie`. */
function withoutVersion(specifier: string): string {
  const scoped = specifier.startsWith('@');
  const nameEnd = specifier.indexOf('/', scoped ? specifier.indexOf('/') + 1 : 0);
  const name = nameEnd === -1 ? specifier : specifier.slice(0, nameEnd);
  const rest = nameEnd === -1 ? '' : specifier.slice(nameEnd);
  const at = name.indexOf('@', scoped ? 1 : 0);
  return (at === -1 ? name : name.slice(0, at)) + rest;
}

function withSegments(origin: Origin | undefined, ...segments: string[]): Origin | undefined {
  if (!origin) return undefined;
  let path = [...origin.path, ...segments];
  if (origin.module === GLOBAL_MODULE) {
    // window.window.localStorage → localStorage
    while (path.length > 1 && GLOBAL_OBJECTS.has(path[0])) path = path.slice(1);
  }
  return { module: origin.module, path };
}

function moduleOrigin(specifier: string, path: string[] = []): Origin {
  const cleaned = path[0] === 'default' ? path.slice(1) : path;
  return { module: normaliseModule(specifier), path: cleaned };
}

/** Strips wrappers that do not change the value: parentheses are already gone in ESTree. */
export function skipWrappers(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** `require('x')` / `await import('x')` / `import('x')` → 'x'. */
export function requiredModule(node: Node): string | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return requiredModule(inner.argument);
  if (inner.type === AST_NODE_TYPES.ImportExpression) {
    return inner.source.type === AST_NODE_TYPES.Literal && typeof inner.source.value === 'string' ? inner.source.value : undefined;
  }
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === 'require' &&
    inner.arguments.length === 1
  ) {
    const arg = inner.arguments[0];
    if (arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') return arg.value;
    if (arg.type === AST_NODE_TYPES.TemplateLiteral && arg.expressions.length === 0) return arg.quasis[0].value.cooked ?? undefined;
  }
  return undefined;
}

/** The property name of `obj.name`, `obj['name']` or `obj[CONST]`, when static. */
export function memberName(sourceCode: SourceCode, node: TSESTree.MemberExpression): string | undefined {
  // `obj.name` needs no scope (finding a node's scope walks its ancestors): only a computed key may be a constant.
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  const name = getPropertyName(node, sourceCode.getScope(node));
  return name ?? undefined;
}

/** Path of property keys from a destructuring pattern's root down to `target`. */
function patternPath(sourceCode: SourceCode, pattern: Node, target: TSESTree.Identifier): string[] | undefined {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return pattern === target ? [] : undefined;
    case AST_NODE_TYPES.AssignmentPattern:
      return patternPath(sourceCode, pattern.left, target);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.RestElement) continue;
        const key = propertyKeyName(sourceCode, property);
        const rest = patternPath(sourceCode, property.value, target);
        if (rest) return key === undefined ? undefined : [key, ...rest];
      }
      return undefined;
    default:
      // Array patterns and rest elements do not keep a module path.
      return undefined;
  }
}

/** Static key of an object property (`a`, `'a'`, `[A]` where A is a constant). */
export function propertyKeyName(
  sourceCode: SourceCode,
  property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition,
): string | undefined {
  if (!property.computed) {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
    if (property.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${property.key.name}`;
    return undefined;
  }
  const value = getStaticValue(property.key, sourceCode.getScope(property.key));
  return value && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value) : undefined;
}

/** The function a `return` belongs to's return expressions; undefined if any is missing. */
export function returnedExpressions(fn: TSESTree.FunctionLike): Node[] | undefined {
  if (!fn.body) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const results: Node[] = [];
  const visit = (node: Node): void => {
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument) results.push(node.argument);
        return;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return;
      default:
        for (const child of childNodes(node)) visit(child);
    }
  };
  visit(fn.body);
  return results.length > 0 ? results : undefined;
}

/** Direct child nodes, without the `parent` back-link. */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const key of Object.keys(node)) {
    // `tokens` and `comments` on Program are not AST nodes, though they carry a `type`.
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof (item as Node).type === 'string') children.push(item as Node);
    } else if (value && typeof (value as Node).type === 'string') {
      children.push(value as Node);
    }
  }
  return children;
}

/** All expressions ever stored in a variable: its initializer and every assignment. */
export function writtenValues(variable: TSESLint.Scope.Variable): Node[] | undefined {
  const values: Node[] = [];
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === reference.identifier) {
      if (parent.init) values.push(parent.init);
    } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
      // `x ??= value` and `x ||= value` store `value`; arithmetic compound assignments store something else.
      if (parent.operator === '=' || parent.operator === '??=' || parent.operator === '||=') values.push(parent.right);
      else return undefined;
    } else {
      return undefined;
    }
  }
  return values;
}

interface ResolveState {
  depth: number;
  /** Nodes being resolved on the current path, with their depth (a cycle back to one of them is unknown). */
  seen: Map<Node, number>;
  /** The shallowest depth that a cycle below reached back to; a result that reaches above itself is not cached. */
  lowestCycle: number;
  /** Set when a result below was cut short by the depth limit, a cycle or the budget: such results are not cached. */
  truncated: boolean;
  /** Resolution steps left for this query: bounds the cost of one question on tangled (minified) code. */
  budget: number;
}

/** Steps one `originOf` question may take; real resolutions take a handful. */
const RESOLVE_BUDGET = 300;

/**
 * Origins already resolved, per node (nodes belong to one file, so nothing crosses files).
 * Without it every call site re-resolves the same `this.client` chains, which costs
 * quadratic time on classes and bundles.
 */
const originCache = new WeakMap<Node, Origin | null>();

function originOfIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, state: ResolveState): Origin | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable) return { module: GLOBAL_MODULE, path: GLOBAL_OBJECTS.has(identifier.name) ? [] : [identifier.name] };
  if (variable.defs.length === 0) {
    // Declared globals (languageOptions.globals) have a variable but no definition.
    return { module: GLOBAL_MODULE, path: GLOBAL_OBJECTS.has(identifier.name) ? [] : [identifier.name] };
  }
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  switch (def.type) {
    case 'ImportBinding': {
      const node = def.node;
      if (node.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
        const source = node.parent.source;
        return source ? moduleOrigin(source.value, [imported]) : undefined;
      }
      if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return moduleOrigin(node.parent.source.value, ['default']);
      if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return moduleOrigin(node.parent.source.value);
      if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const ref = node.moduleReference;
        if (ref.type === AST_NODE_TYPES.TSExternalModuleReference && ref.expression.type === AST_NODE_TYPES.Literal) {
          return moduleOrigin(String(ref.expression.value));
        }
      }
      return undefined;
    }
    case 'Variable': {
      const declarator = def.node;
      const path = patternPath(sourceCode, declarator.id, def.name);
      if (!path) return undefined;
      if (declarator.parent.kind === 'const' || path.length > 0) {
        if (!declarator.init) return undefined;
        if (declarator.parent.kind !== 'const' && !isSingleWrite(variable)) return undefined;
        return withSegments(originOfNode(sourceCode, declarator.init, state), ...path);
      }
      // `let x; x ??= import('jose')`: every write must agree.
      const values = writtenValues(variable);
      if (!values || values.length === 0) return undefined;
      let agreed: Origin | undefined;
      for (const value of values) {
        const origin = originOfNode(sourceCode, value, state);
        if (!origin) return undefined;
        if (agreed && !sameOrigin(agreed, origin)) return undefined;
        agreed = origin;
      }
      return agreed;
    }
    default:
      return undefined;
  }
}

function isSingleWrite(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.filter((reference) => reference.isWrite()).length <= 1;
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  return a.module === b.module && a.path.length === b.path.length && a.path.every((segment, i) => segment === b.path[i]);
}

/** The class that encloses `node`, if any. */
function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return undefined;
}

/** What a class writes to `this.name`, per name: field initializers, typed parameter properties, `this.name = value`. */
interface ClassMemberWrites {
  readonly fields: ReadonlyMap<string, Node[]>;
  readonly parameterTypes: ReadonlyMap<string, (TSESTree.TSTypeAnnotation | undefined)[]>;
  readonly assigned: ReadonlyMap<string, Node[]>;
}

const classMemberWritesCache = new WeakMap<Node, ClassMemberWrites>();

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The file's assignments `this.x = value`, in source order (from the node index every analysis shares). */
function thisAssignments(sourceCode: SourceCode): readonly TSESTree.AssignmentExpression[] {
  const facts = fileFacts(sourceCode);
  return facts.memo('modules:this-assignments', () =>
    facts
      .nodesOfType(AST_NODE_TYPES.AssignmentExpression)
      .filter((node) => node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression),
  );
}

/**
 * A class's assignments `this.name = value` by name (a nested class's are its own): the
 * file's `this.x =` assignments inside the class body's range, found by binary search, so a
 * class costs what it holds (walking a bundle's big class for one `this.set(…)` did not).
 */
function classThisAssignments(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
  const assignments = thisAssignments(sourceCode);
  const [start, end] = cls.body.range;
  let low = 0;
  let high = assignments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (assignments[middle].range[0] < start) low = middle + 1;
    else high = middle;
  }
  const assigned = new Map<string, Node[]>();
  for (let i = low; i < assignments.length && assignments[i].range[0] < end; i++) {
    const node = assignments[i];
    let owner: Node | undefined = node.parent;
    while (owner && owner !== cls && owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression)
      owner = owner.parent;
    if (owner !== cls) continue;
    const name = memberName(sourceCode, node.left as TSESTree.MemberExpression);
    if (name !== undefined) pushTo(assigned, name, node.right);
  }
  return assigned;
}

function isInTree(sourceCode: SourceCode, node: Node): boolean {
  let root: Node = node;
  while (root.parent) root = root.parent;
  return root === (sourceCode.ast as Node);
}

/** A class handed in with another module's SourceCode: its body walked (nested classes excluded). */
function walkThisAssignments(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
  const assigned = new Map<string, Node[]>();
  const stack: Node[] = [...cls.body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      node.left.object.type === AST_NODE_TYPES.ThisExpression
    ) {
      const name = memberName(sourceCode, node.left);
      if (name !== undefined) pushTo(assigned, name, node.right);
    }
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
  return assigned;
}

/** What a class writes to `this.name`, once per class, shared by every `this.x` lookup in it (a lookup per member would make a class cost N²). */
function classMemberWrites(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): ClassMemberWrites {
  const cached = classMemberWritesCache.get(cls);
  if (cached) return cached;
  const fields = new Map<string, Node[]>();
  const parameterTypes = new Map<string, (TSESTree.TSTypeAnnotation | undefined)[]>();
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
      const name = propertyKeyName(sourceCode, element);
      if (name !== undefined) pushTo(fields, name, element.value);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const binding = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (binding.type === AST_NODE_TYPES.Identifier) pushTo(parameterTypes, binding.name, binding.typeAnnotation);
      }
    }
  }
  const assigned = isInTree(sourceCode, cls) ? classThisAssignments(sourceCode, cls) : walkThisAssignments(sourceCode, cls);
  const writes = { fields, parameterTypes, assigned };
  classMemberWritesCache.set(cls, writes);
  return writes;
}

/**
 * The class whose instance (or, in a static member, whose constructor) `this` is at `node`:
 * arrow functions pass `this` through; another function has its own.
 */
function thisClassAt(node: Node): { cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression; isStatic: boolean } | undefined {
  let child: Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration: {
        const method = current.parent;
        if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== current) return undefined;
        const cls = method.parent.parent;
        return cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression
          ? { cls, isStatic: method.static }
          : undefined;
      }
      case AST_NODE_TYPES.PropertyDefinition: {
        if (current.value !== child) return undefined;
        const cls = current.parent.parent;
        return cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression
          ? { cls, isStatic: current.static }
          : undefined;
      }
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.ClassBody:
      case AST_NODE_TYPES.Program:
        return undefined;
      default:
    }
  }
  return undefined;
}

/** The class fields declared with a value under `name` (a static and an instance field may share it). */
function declaredFields(
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
  isStatic: boolean,
): TSESTree.PropertyDefinition[] {
  return cls.body.body.filter(
    (element): element is TSESTree.PropertyDefinition =>
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      element.static === isStatic &&
      !element.computed &&
      element.key.type === AST_NODE_TYPES.Identifier &&
      element.key.name === name,
  );
}

const CLASS_KEYWORD = /\bclass\b/;

/** A field no one but its class may write (`readonly`, TypeScript `private`). */
function closedField(field: TSESTree.PropertyDefinition): boolean {
  return field.readonly || field.accessibility === 'private';
}

/** Whether `Cls.name` is written anywhere in the file (`Cls.SCOPE = 'admin'`), through the class's binding. */
function staticFieldWritten(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): boolean {
  if (!cls.id) return true;
  // The class's name outside it and inside its body are two bindings.
  const variables = sourceCode.getDeclaredVariables(cls);
  if (variables.length === 0) return true;
  return variables.some((variable) =>
    variable.references.some((reference) => {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      if (memberName(sourceCode, member) !== name) return false;
      const use = member.parent;
      return (
        (use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === member) ||
        (use?.type === AST_NODE_TYPES.UpdateExpression && use.argument === member) ||
        use?.type === AST_NODE_TYPES.UnaryExpression
      );
    }),
  );
}

/**
 * The initializer of a class constant read as `this.NAME` (an instance field, or a static one
 * in a static member) or `ClassName.NAME` (a static field of a class of this file):
 * `static readonly SCOPE = 'openid email'`, `private readonly tokenUrl = '…'`. Only a field
 * that nothing else writes: a `readonly` or TypeScript-`private` field the class never assigns
 * (`this.x = …`), or a static one the file never assigns through the class. Undefined otherwise.
 */
export function classFieldValue(sourceCode: SourceCode, member: TSESTree.MemberExpression): Node | undefined {
  if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = member.property.name;
  const object = skipWrappers(member.object);
  let cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined;
  let isStatic: boolean;
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClassAt(member);
    if (!owner) return undefined;
    ({ cls, isStatic } = owner);
  } else if (object.type === AST_NODE_TYPES.Identifier) {
    // Most member reads name no class: a file without one answers from one cached text scan.
    if (!fileFacts(sourceCode).mentions(CLASS_KEYWORD)) return undefined;
    const def = findVariable(sourceCode.getScope(object), object)?.defs;
    if (def?.length !== 1 || def[0].type !== 'ClassName') return undefined;
    const node = def[0].node as Node;
    if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return undefined;
    cls = node;
    isStatic = true;
  } else return undefined;
  const fields = declaredFields(cls, name, isStatic);
  if (fields.length !== 1 || !fields[0].value) return undefined;
  const [field] = fields;
  const writes = classMemberWrites(sourceCode, cls);
  if (isStatic) {
    // `this.KEY = …` in a static method writes the static field.
    if (!closedField(field) && (staticFieldWritten(sourceCode, cls, name) || writes.assigned.has(name))) return undefined;
    return field.value ?? undefined;
  }
  if (!closedField(field) || writes.assigned.has(name) || writes.parameterTypes.has(name)) return undefined;
  return field.value ?? undefined;
}

/** `this.name` inside a class: the field initializer, the constructor assignment, or a typed parameter property. */
function originOfThisMember(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  name: string,
  state: ResolveState,
): Origin | undefined {
  const cls = enclosingClass(member);
  if (!cls) return undefined;
  const writes = classMemberWrites(sourceCode, cls);
  const candidates: Origin[] = [];
  for (const value of writes.fields.get(name) ?? []) {
    const origin = originOfNode(sourceCode, value, state);
    if (!origin) return undefined;
    candidates.push(origin);
  }
  for (const annotation of writes.parameterTypes.get(name) ?? []) {
    const origin = originOfTypeAnnotation(sourceCode, annotation, state);
    if (origin) candidates.push(origin);
  }
  for (const value of writes.assigned.get(name) ?? []) {
    candidates.push(originOfNode(sourceCode, value, state) ?? { module: '', path: [] });
  }
  if (candidates.length === 0) return undefined;
  const [first] = candidates;
  return candidates.every((candidate) => sameOrigin(candidate, first)) && first.module !== '' ? first : undefined;
}

/**
 * Class mixins whose first argument is the real base class: NestJS's
 * `class JwtStrategy extends PassportStrategy(Strategy, 'jwt')` calls passport-jwt's
 * `Strategy` constructor through `super(options)`.
 */
const BASE_CLASS_MIXINS = ['@nestjs/passport#PassportStrategy'];

/** `super` inside `class X extends Base` is `Base` (through a known mixin). */
function originOfSuperClass(sourceCode: SourceCode, node: TSESTree.Super, state: ResolveState): Origin | undefined {
  const cls = enclosingClass(node);
  if (!cls?.superClass) return undefined;
  const base = skipWrappers(cls.superClass);
  if (base.type === AST_NODE_TYPES.CallExpression && base.arguments[0] && base.arguments[0].type !== AST_NODE_TYPES.SpreadElement) {
    const mixin = originOfNode(sourceCode, base.callee, state);
    if (mixin && BASE_CLASS_MIXINS.some((pattern) => matchesPattern(mixin, pattern)))
      return originOfNode(sourceCode, base.arguments[0], state);
  }
  return originOfNode(sourceCode, base, state);
}

/** `x: JwtService` → the import behind `JwtService`, as an instance (path + "()"). */
function originOfTypeAnnotation(
  sourceCode: SourceCode,
  annotation: TSESTree.TSTypeAnnotation | undefined,
  state: ResolveState,
): Origin | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return withSegments(originOfIdentifier(sourceCode, name, state), CALL);
  if (name.type === AST_NODE_TYPES.TSQualifiedName && name.left.type === AST_NODE_TYPES.Identifier) {
    return withSegments(originOfIdentifier(sourceCode, name.left, state), name.right.name, CALL);
  }
  return undefined;
}

function originOfNode(sourceCode: SourceCode, input: Node, state: ResolveState): Origin | undefined {
  const cached = originCache.get(input);
  if (cached !== undefined) return cached ?? undefined;
  const cycleDepth = state.seen.get(input);
  if (cycleDepth !== undefined) {
    state.lowestCycle = Math.min(state.lowestCycle, cycleDepth);
    return undefined;
  }
  if (state.depth > MAX_DEPTH || state.budget <= 0) {
    state.truncated = true;
    return undefined;
  }
  state.budget -= 1;
  const truncatedBefore = state.truncated;
  const lowestCycleBefore = state.lowestCycle;
  const depth = state.depth;
  state.truncated = false;
  state.lowestCycle = Infinity;
  state.seen.set(input, depth);
  state.depth += 1;
  try {
    const origin = computeOriginOfNode(sourceCode, input, state);
    // Cycles back to this node or below resolve the same whoever asks; cycles above do not.
    if (!state.truncated && state.lowestCycle >= depth) originCache.set(input, origin ?? null);
    return origin;
  } finally {
    state.depth -= 1;
    // `seen` guards the current resolution path against cycles; siblings (two `return client`) may share nodes.
    state.seen.delete(input);
    state.truncated ||= truncatedBefore;
    state.lowestCycle = Math.min(state.lowestCycle, lowestCycleBefore);
  }
}

function computeOriginOfNode(sourceCode: SourceCode, input: Node, state: ResolveState): Origin | undefined {
  {
    const node = skipWrappers(input);
    const required = requiredModule(node);
    if (required !== undefined) return moduleOrigin(required);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return originOfIdentifier(sourceCode, node, state);
      case AST_NODE_TYPES.Super:
        return originOfSuperClass(sourceCode, node, state);
      case AST_NODE_TYPES.AwaitExpression:
        return originOfNode(sourceCode, node.argument, state);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(sourceCode, node);
        if (name === undefined) return undefined;
        if (node.object.type === AST_NODE_TYPES.ThisExpression) return originOfThisMember(sourceCode, node, name, state);
        return withSegments(originOfNode(sourceCode, node.object, state), name);
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        const callee = skipWrappers(node.callee);
        // util.promisify(jwt.verify) is the same function, promise-shaped.
        const calleeOrigin = originOfNode(sourceCode, callee, state);
        if (calleeOrigin && calleeOrigin.module === 'util' && calleeOrigin.path.join('.') === 'promisify' && node.arguments[0]) {
          return originOfNode(sourceCode, node.arguments[0], state);
        }
        // `jwt.verify.bind(jwt)` is the same function with `this` fixed.
        if (
          node.type === AST_NODE_TYPES.CallExpression &&
          callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(sourceCode, callee) === 'bind'
        ) {
          const bound = originOfNode(sourceCode, callee.object, state);
          if (bound) return bound;
        }
        if (calleeOrigin) return withSegments(calleeOrigin, CALL);
        // A local helper that returns a module value: `async function getJose() { return import('jose') }`,
        // or a method of the class (`const client = await this.getClient()`).
        const fn = localFunction(sourceCode, callee) ?? thisMethodOf(sourceCode, callee);
        if (fn) {
          const returned = returnedExpressions(fn);
          if (!returned) return undefined;
          let agreed: Origin | undefined;
          for (const expression of returned) {
            const origin = originOfNode(sourceCode, expression, state);
            if (!origin || (agreed && !sameOrigin(agreed, origin))) return undefined;
            agreed = origin;
          }
          return agreed;
        }
        return undefined;
      }
      case AST_NODE_TYPES.LogicalExpression:
        // `cached ?? createRemoteJWKSet(...)`: both sides must agree.
        if (node.operator === '??' || node.operator === '||') {
          const right = originOfNode(sourceCode, node.right, state);
          const left = originOfNode(sourceCode, node.left, state);
          if (right && left && sameOrigin(left, right)) return right;
        }
        return undefined;
      default:
        return undefined;
    }
  }
}

/** The function declaration, or function expression bound once (const, or a var/let never reassigned), a callee names. */
export function localFunction(sourceCode: SourceCode, callee: Node): TSESTree.FunctionLike | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(sourceCode, callee);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === 'FunctionName') return def.node as TSESTree.FunctionDeclaration;
  // `var helper = function () {…}` written once (pre-ES2015 code) is as fixed as a const.
  const fixed = def.type === 'Variable' && (def.node.parent.kind === 'const' || variable.references.every((r) => !r.isWrite() || r.init));
  if (def.type === 'Variable' && fixed && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) {
    const init = skipWrappers(def.node.init);
    if (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) return init;
  }
  return undefined;
}

/**
 * What the first parameter of a callback receives: the value it is chained on
 * (`post(…).then((res) => …)`, `keys.forEach((key) => …)`, rxjs `.pipe(map((res) => …))`), for
 * callbacks handed to one of `methods`. Undefined for any other parameter or call.
 */
export function callbackReceiver(
  sourceCode: SourceCode,
  fn: Node,
  name: TSESTree.BindingName,
  methods: ReadonlySet<string>,
): Node | undefined {
  if (!('params' in fn) || fn.params[0] !== name) return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
  const operator = skipWrappers(call.callee);
  // rxjs: `source.pipe(map((res) => …))`.
  if (operator.type === AST_NODE_TYPES.Identifier && methods.has(operator.name)) {
    const pipe = call.parent;
    if (pipe?.type !== AST_NODE_TYPES.CallExpression || pipe.arguments[0] !== call) return undefined;
    const callee = skipWrappers(pipe.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(sourceCode, callee) === 'pipe' ? callee.object : undefined;
  }
  if (operator.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return methods.has(memberName(sourceCode, operator) ?? '') ? operator.object : undefined;
}

/** Where the methods a `this.name` call can reach are written: a class body, or an object literal. */
export type ThisHolder = TSESTree.ClassBody | TSESTree.ObjectExpression;

/** Keys of a Vue options component whose object's functions share the component's `this`. */
const COMPONENT_MEMBER_GROUPS = new Set(['methods', 'computed', 'watch']);

/**
 * What `this` is inside `fn` when it is called as a method: its class, or the object literal it
 * is a property of (for a Vue component's `methods: {…}`, the component object).
 */
export function thisHolderOf(fn: FunctionNode): ThisHolder | undefined {
  const member = fn.parent;
  if (member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition)
    return member.parent.type === AST_NODE_TYPES.ClassBody ? member.parent : undefined;
  if (member?.type !== AST_NODE_TYPES.Property || member.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const object = member.parent;
  const group = object.parent;
  if (
    group?.type === AST_NODE_TYPES.Property &&
    !group.computed &&
    group.key.type === AST_NODE_TYPES.Identifier &&
    COMPONENT_MEMBER_GROUPS.has(group.key.name) &&
    group.parent.type === AST_NODE_TYPES.ObjectExpression
  )
    return group.parent;
  return object;
}

/**
 * The function a `this.name` callee reaches: the method `name` of the class or object literal
 * that the innermost non-arrow function around the call belongs to (arrows keep the `this` of
 * where they are written; an arrow class field's is the class's).
 */
export function thisMethodOf(sourceCode: SourceCode, callee: Node): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || skipWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression)
    return undefined;
  const name = memberName(sourceCode, callee);
  if (name === undefined) return undefined;
  let holder: ThisHolder | undefined;
  for (let current: Node | undefined = callee.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression && current.parent?.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    holder = thisHolderOf(current);
    break;
  }
  return holder ? (methodsOf(sourceCode, holder).get(name) ?? undefined) : undefined;
}

/** A holder's methods by name (null: the name is a getter, setter or no function), indexed once per holder. */
const methodsByHolder = new WeakMap<ThisHolder, Map<string, FunctionNode | null>>();
function methodsOf(sourceCode: SourceCode, holder: ThisHolder): Map<string, FunctionNode | null> {
  let methods = methodsByHolder.get(holder);
  if (methods) return methods;
  methods = new Map();
  const members: readonly Node[] = holder.type === AST_NODE_TYPES.ClassBody ? holder.body : componentMembers(sourceCode, holder);
  for (const member of members) {
    if (
      (member.type !== AST_NODE_TYPES.MethodDefinition &&
        member.type !== AST_NODE_TYPES.PropertyDefinition &&
        member.type !== AST_NODE_TYPES.Property) ||
      member.computed
    )
      continue;
    const name = propertyKeyName(sourceCode, member);
    if (name === undefined || methods.has(name)) continue;
    const value = member.value && skipWrappers(member.value);
    const isMethod =
      member.type === AST_NODE_TYPES.MethodDefinition
        ? member.kind === 'method'
        : member.type === AST_NODE_TYPES.PropertyDefinition || member.kind === 'init';
    methods.set(name, isMethod && value && isFunctionNode(value) ? value : null);
  }
  methodsByHolder.set(holder, methods);
  return methods;
}

/** An object literal's properties, with those of a Vue component's `methods`/`computed`/`watch` objects. */
function componentMembers(sourceCode: SourceCode, object: TSESTree.ObjectExpression): Node[] {
  const members: Node[] = [];
  for (const property of object.properties) {
    members.push(property);
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = propertyKeyName(sourceCode, property);
    if (key !== undefined && COMPONENT_MEMBER_GROUPS.has(key) && property.value.type === AST_NODE_TYPES.ObjectExpression)
      members.push(...property.value.properties);
  }
  return members;
}

/** Which module export `node` refers to, or undefined when it cannot be told. */
export function originOf(sourceCode: SourceCode, node: Node): Origin | undefined {
  return originOfNode(sourceCode, node, { depth: 0, seen: new Map(), lowestCycle: Infinity, truncated: false, budget: RESOLVE_BUDGET });
}

/** The origin of a call's callee (what function is being called). */
export function calleeOrigin(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): Origin | undefined {
  return originOf(sourceCode, call.callee);
}

/** A call of an HTTP client: global `fetch` / `$fetch`, any export of a known HTTP client package, or a request method of a known client class. */
export function isHttpClientOrigin(origin: Origin): boolean {
  if (origin.module === GLOBAL_MODULE) return origin.path.length === 1 && HTTP_CLIENT_GLOBALS.has(origin.path[0]);
  if (HTTP_CLIENT_MODULES.has(origin.module)) return true;
  // `this.http.post(…)` on an injected Angular HttpClient: `HttpClient` → instance → method.
  return (
    origin.path.length === 3 &&
    origin.path[1] === CALL &&
    HTTP_CLIENT_CLASS_METHODS.has(origin.path[2]) &&
    HTTP_CLIENT_CLASSES.some(([module, className]) => module === origin.module && className === origin.path[0])
  );
}

/** An HTTP client, or a value read out of what a global client returned (`(await (await fetch(url)).json()).keys`). */
export function isHttpClientOrResponseOrigin(origin: Origin): boolean {
  if (isHttpClientOrigin(origin)) return true;
  return origin.module === GLOBAL_MODULE && HTTP_CLIENT_GLOBALS.has(origin.path[0] ?? '') && origin.path[1] === CALL;
}

/**
 * Matches an origin against a pattern written as `module#a.b.c`, where a segment `*`
 * matches any one segment and `**` any run of segments (including none). Example:
 * `openid-client#**.Client.().callback` is v5's `client.callback` however the client was made.
 */
export function matchesPattern(origin: Origin, pattern: string): boolean {
  const compiled = compilePattern(pattern);
  return compiled.module === origin.module && matchSegments(origin.path, 0, compiled.wanted, 0);
}

interface CompiledPattern {
  readonly module: string;
  readonly wanted: readonly string[];
}

// Patterns are constants of the knowledge tables: parsed once, not on every call site of every file.
const compiledPatterns = new Map<string, CompiledPattern>();

function compilePattern(pattern: string): CompiledPattern {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    const hash = pattern.indexOf('#');
    const module = normaliseModule(hash === -1 ? pattern : pattern.slice(0, hash));
    const wanted =
      hash === -1 || hash === pattern.length - 1
        ? []
        : pattern
            .slice(hash + 1)
            .split('.')
            .map((s) => (s === '()' ? CALL : s));
    compiled = { module, wanted };
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

function matchSegments(path: readonly string[], i: number, wanted: readonly string[], j: number): boolean {
  if (j === wanted.length) return i === path.length;
  if (wanted[j] === '**') {
    // Patterns are short and `**` rare, so the recursion stays small.
    for (let k = i; k <= path.length; k++) if (matchSegments(path, k, wanted, j + 1)) return true;
    return false;
  }
  if (i === path.length) return false;
  return (wanted[j] === '*' || wanted[j] === path[i]) && matchSegments(path, i + 1, wanted, j + 1);
}

/** A knowledge table of patterns and values, or a plain list of patterns (each worth `true`). */
type Table<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>> | readonly string[];

/** A table's entries grouped by module, in the table's order: a lookup tries only its origin's module. */
interface CompiledTable<T> {
  readonly byModule: ReadonlyMap<string, readonly (readonly [CompiledPattern, T])[]>;
  /** The modules of `byModule`, one Set per table: files ask about it by identity (fileFacts' importsAny caches). */
  readonly modules: ReadonlySet<string>;
}

const compiledTables = new WeakMap<object, CompiledTable<unknown>>();

function compileTable<T>(table: Table<T>): CompiledTable<T> {
  let compiled = compiledTables.get(table) as CompiledTable<T> | undefined;
  if (!compiled) {
    const byModule = new Map<string, [CompiledPattern, T][]>();
    const entries: [string, unknown][] = Array.isArray(table)
      ? table.map((pattern: string) => [pattern, true])
      : table instanceof Map
        ? [...table.entries()]
        : Object.entries(table);
    for (const [pattern, value] of entries as [string, T][]) {
      const one = compilePattern(pattern);
      const list = byModule.get(one.module);
      if (list) list.push([one, value]);
      else byModule.set(one.module, [[one, value]]);
    }
    compiled = { byModule, modules: new Set(byModule.keys()) };
    compiledTables.set(table, compiled);
  }
  return compiled;
}

/** First pattern of a table that the origin matches, with its value. */
export function lookup<T>(origin: Origin | undefined, table: Table<T>): T | undefined {
  if (!origin) return undefined;
  for (const [pattern, value] of compileTable(table).byModule.get(origin.module) ?? []) {
    if (matchSegments(origin.path, 0, pattern.wanted, 0)) return value;
  }
  return undefined;
}

/** The modules a table's patterns name (`<global>` among them when it has globals). */
export function tableModules(table: Table<unknown>): ReadonlySet<string> {
  return compileTable(table).modules;
}

const globalNamePatterns = new WeakMap<object, { readonly pattern: RegExp | null | undefined }>();

/**
 * A pattern for the names of the globals a table's patterns start at (`<global>#jwt_decode`,
 * `<global>#crypto.getRandomValues` → `/\b(?:jwt_decode|crypto)\b/`): a file that never
 * writes one of them reaches none of them. Null when the table names no global, undefined
 * when a global pattern does not start with a plain name (then any file may reach one).
 */
export function tableGlobalNames(table: Table<unknown>): RegExp | null | undefined {
  let cached = globalNamePatterns.get(table);
  if (!cached) {
    const globals = compileTable(table).byModule.get(GLOBAL_MODULE);
    const names = new Set(globals?.map(([compiled]) => compiled.wanted[0]));
    const plain = [...names].every((name) => typeof name === 'string' && /^[a-z_]\w*$/i.test(name));
    cached = { pattern: !globals ? null : plain ? new RegExp(`\\b(?:${[...names].join('|')})\\b`) : undefined };
    globalNamePatterns.set(table, cached);
  }
  return cached.pattern;
}

/** Human-readable form for messages and debugging: `jsonwebtoken.verify`. */
export function formatOrigin(origin: Origin): string {
  return [origin.module, ...origin.path].join('.');
}
