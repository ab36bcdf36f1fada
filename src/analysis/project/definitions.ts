/**
 * Where a name is defined, across the project's own modules: the function or value an
 * identifier, a namespace member or a `require`d property stands for, in the file that
 * defines it. Local bindings answer in the same file; an import of a project module answers
 * in that module (its exports: ESM declarations, `export { a as b }`, re-exports and barrels,
 * default exports, CommonJS `module.exports` / `exports.x`). Packages are not followed.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, variableOf } from '../ast';
import { fileFacts } from '../file-facts';
import { requiredModule, skipWrappers } from '../modules';
import { fileInfo } from './files';
import { loadModule } from './load';
import { autoImportSources } from './auto-imports';
import { resolveModule, withinPackages } from './resolve';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

/** A node together with the SourceCode of the file it belongs to. */
export interface Located<T extends Node = Node> {
  readonly sourceCode: SourceCode;
  readonly node: T;
}

/** Re-export chains (barrels of barrels) followed at most this far. */
const MAX_REEXPORTS = 4;

/** The project module an import specifier names, parsed; undefined for packages and unknown modules. */
export function importedModule(sourceCode: SourceCode, specifier: string): SourceCode | undefined {
  const info = fileInfo(sourceCode);
  // A file inside node_modules is a package's: what it imports is the package's too, never followed.
  if (!info?.filename || specifier.length === 0 || withinPackages(info.filename)) return undefined;
  // Resolution per importing file, once per specifier.
  const resolved = fileFacts(sourceCode).memo('project-modules', () => new Map<string, string | null>());
  let path = resolved.get(specifier);
  if (path === undefined) {
    path = resolveModule(info.filename, specifier) ?? null;
    resolved.set(specifier, path);
  }
  return path ? loadModule(sourceCode, path) : undefined;
}

/**
 * What a free name stands for in a Nuxt/Nitro project (project/auto-imports.ts): the export of
 * the first conventional folder's module that defines it.
 */
function autoImportedDefinition(sourceCode: SourceCode, name: string, seen: Set<string>): Located | undefined {
  const filename = fileInfo(sourceCode)?.filename;
  if (!filename) return undefined;
  for (const source of autoImportSources(filename, name)) {
    const module = loadModule(sourceCode, source.path);
    const found = module && exportedDefinition(module, source.exported, seen);
    if (found) return found;
  }
  return undefined;
}

/** Every write to a module-level name is its one declaration (`let` reassigned later is unknown). */
function singleDefinition(sourceCode: SourceCode, variable: TSESLint.Scope.Variable, seen: Set<string>): Located | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  switch (def.type) {
    case 'FunctionName':
      return { sourceCode, node: def.node as Node };
    case 'ClassName':
      return { sourceCode, node: def.node as Node };
    case 'Variable': {
      const declarator = def.node;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) {
        // `const { a } = require('./x')`: the property of the required module.
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init) {
          const required = requiredModule(declarator.init);
          const property = declarator.id.properties.find(
            (p) => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && p.value.name === def.name.name,
          ) as TSESTree.Property | undefined;
          if (required !== undefined && property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier) {
            const module = importedModule(sourceCode, required);
            return module ? exportedDefinition(module, property.key.name, seen) : undefined;
          }
        }
        return undefined;
      }
      if (declarator.parent.kind !== 'const' && variable.references.some((r) => r.isWrite() && r.identifier !== declarator.id))
        return undefined;
      // `const exchange = require('./exchange')`: what that module assigns to `module.exports`.
      const required = requiredModule(declarator.init);
      if (required !== undefined) {
        const module = importedModule(sourceCode, required);
        const exported = module ? exportedDefinition(module, 'default', seen) : undefined;
        if (exported) return exported;
      }
      return { sourceCode, node: skipWrappers(declarator.init) };
    }
    case 'ImportBinding': {
      const node = def.node;
      if (node.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
        const source = node.parent.source?.value;
        const module = source === undefined ? undefined : importedModule(sourceCode, source);
        return module ? exportedDefinition(module, imported, seen) : undefined;
      }
      if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
        const module = importedModule(sourceCode, node.parent.source.value);
        return module ? exportedDefinition(module, 'default', seen) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The module a namespace-like binding stands for: `import * as m`, `const m = require('./m')`, a CJS default import. */
function namespaceModule(sourceCode: SourceCode, node: Node): SourceCode | undefined {
  const inner = skipWrappers(node);
  const required = requiredModule(inner);
  if (required !== undefined) return importedModule(sourceCode, required);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(inner), inner);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    if (def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier || def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      return importedModule(sourceCode, def.node.parent.source.value);
    }
    return undefined;
  }
  // `var models = require('./models')` written once is as good as a const.
  const writes = variable.references.filter((reference) => reference.isWrite()).length;
  if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init && writes <= 1) {
    const source = requiredModule(def.node.init);
    return source === undefined ? undefined : importedModule(sourceCode, source);
  }
  return undefined;
}

/** `API` of `import API from './api'`. */
function isDefaultImport(sourceCode: SourceCode, node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(sourceCode.getScope(inner), inner)?.defs[0];
  return def?.type === 'ImportBinding' && def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier;
}

/**
 * The definition an expression names: an identifier's declaration (in this file or, through
 * an import, in a project module), or `ns.name` of an imported module.
 */
export function definitionOf(sourceCode: SourceCode, expression: Node, seen: Set<string> = new Set()): Located | undefined {
  const node = skipWrappers(expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    if (variable && variable.defs.length > 0) return singleDefinition(sourceCode, variable, seen);
    // No binding in the file (a global, or a name configured as one): a Nuxt/Nitro auto-import, if any.
    return autoImportedDefinition(sourceCode, node.name, seen);
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const module = namespaceModule(sourceCode, node.object);
    const exported = module && exportedDefinition(module, node.property.name, seen);
    if (exported) return exported;
    // A default import that is no namespace (`export default new API()`): its member, below.
    if (module && !isDefaultImport(sourceCode, node.object)) return undefined;
    // `this.authService.exchange(...)` of an injected service, `UserAuth.login(...)` of an imported class or object.
    const object = skipWrappers(node.object);
    const owner =
      object.type === AST_NODE_TYPES.MemberExpression && skipWrappers(object.object).type === AST_NODE_TYPES.ThisExpression
        ? injectedClass(sourceCode, object, seen)
        : object.type === AST_NODE_TYPES.Identifier
          ? definitionOf(sourceCode, object, seen)
          : object.type === AST_NODE_TYPES.MemberExpression && nestingOf(object) < MAX_NESTING
            ? // `API.endpoints.keycloakAuth(...)`: a helper in an object held by an imported object or instance.
              definitionOf(sourceCode, object, seen)
            : undefined;
    if (owner) return memberOf(owner, node.property.name, seen);
  }
  return undefined;
}

/** Member chains followed this long: `api.endpoints.auth`. */
const MAX_NESTING = 3;

/** How many member accesses `a.b.c` is made of (2 here), up to its root. */
function nestingOf(node: Node): number {
  let count = 0;
  for (let current = skipWrappers(node); current.type === AST_NODE_TYPES.MemberExpression; current = skipWrappers(current.object)) {
    if (skipWrappers(current.object).type === AST_NODE_TYPES.ThisExpression) return MAX_NESTING;
    count++;
  }
  return count;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

function isClass(node: Node): node is ClassNode {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
}

/** A method or function-valued property `name` of a class, an object literal or an instance (`new Service()`). */
function memberOf(owner: Located, name: string, seen: Set<string>, depth = 0): Located | undefined {
  let node = skipWrappers(owner.node);
  if (depth > MAX_REEXPORTS) return undefined;
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const cls = definitionOf(owner.sourceCode, node.callee, seen);
    if (!cls) return undefined;
    return memberOf(cls, name, seen, depth + 1);
  }
  // `require('./user_auth')` (a CommonJS barrel's entry): that module's export, or a member of its default export.
  const required = requiredModule(node);
  if (required !== undefined) {
    const module = importedModule(owner.sourceCode, required);
    if (!module) return undefined;
    const exported = exportedDefinition(module, name, seen);
    if (exported) return exported;
    const fallback = exportedDefinition(module, 'default', seen);
    return fallback ? memberOf(fallback, name, seen, depth + 1) : undefined;
  }
  // `require('../proxy').UserAuth`: what that names.
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const named = definitionOf(owner.sourceCode, node, seen);
    return named && named.node !== node ? memberOf(named, name, seen, depth + 1) : undefined;
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) return objectProperty(owner.sourceCode, node, name, seen);
  // `function QQ(options) {…}` with `QQ.prototype = { getToken(code) {…} }` or `QQ.prototype.getToken = function …`.
  if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) return prototypeMember(owner.sourceCode, node.id.name, name, seen);
  if (!isClass(node)) return undefined;
  for (const element of node.body.body) {
    if (
      element.type === AST_NODE_TYPES.MethodDefinition &&
      !element.computed &&
      element.key.type === AST_NODE_TYPES.Identifier &&
      element.key.name === name
    ) {
      if (element.kind === 'method') return { sourceCode: owner.sourceCode, node: element.value };
      if (element.kind !== 'get') continue;
      // `get endpoints() { return endpoints; }`: the value the getter hands out.
      const [statement] = element.value.body?.body ?? [];
      if (element.value.body?.body.length !== 1 || statement.type !== AST_NODE_TYPES.ReturnStatement || !statement.argument)
        return undefined;
      const value = skipWrappers(statement.argument);
      if (value.type === AST_NODE_TYPES.Identifier) return locatedName(owner.sourceCode, value, seen) ?? undefined;
      return value.type === AST_NODE_TYPES.ObjectExpression ? { sourceCode: owner.sourceCode, node: value } : undefined;
    }
    if (
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      !element.computed &&
      element.key.type === AST_NODE_TYPES.Identifier &&
      element.key.name === name &&
      element.value
    ) {
      node = skipWrappers(element.value);
      if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression)
        return { sourceCode: owner.sourceCode, node };
    }
  }
  return undefined;
}

/** `Ctor.prototype = { name() {…} }` or `Ctor.prototype.name = function …`, at the top level of the module. */
function prototypeMember(sourceCode: SourceCode, ctor: string, name: string, seen: Set<string>): Located | undefined {
  const isPrototypeOf = (node: Node): boolean =>
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === 'prototype' &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === ctor;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
    const left = expression.left;
    const right = skipWrappers(expression.right);
    if (isPrototypeOf(left) && right.type === AST_NODE_TYPES.ObjectExpression) {
      const found = objectProperty(sourceCode, right, name, seen);
      if (found) return found;
    }
    if (
      left.type === AST_NODE_TYPES.MemberExpression &&
      isPrototypeOf(left.object) &&
      !left.computed &&
      left.property.type === AST_NODE_TYPES.Identifier &&
      left.property.name === name
    ) {
      if (right.type === AST_NODE_TYPES.Identifier) return locatedName(sourceCode, right, seen);
      return { sourceCode, node: right };
    }
  }
  return undefined;
}

/**
 * The class of `this.name` in a class: a constructor parameter property or a field typed
 * with a class (dependency injection: `constructor(private readonly auth: AuthService)`), or
 * a field initialised with `new Service()`.
 */
function injectedClass(sourceCode: SourceCode, member: TSESTree.MemberExpression, seen: Set<string>): Located | undefined {
  if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = member.property.name;
  let cls: Node | undefined = member.parent;
  while (cls && !isClass(cls)) cls = cls.parent;
  if (!cls || !isClass(cls)) return undefined;
  const typed = (annotation: TSESTree.TSTypeAnnotation | undefined): Located | undefined => {
    const type = annotation?.typeAnnotation;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
    return definitionOf(sourceCode, type.typeName, seen);
  };
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const binding = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (binding.type === AST_NODE_TYPES.Identifier && binding.name === name) return typed(binding.typeAnnotation);
      }
    }
    if (
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      !element.computed &&
      element.key.type === AST_NODE_TYPES.Identifier &&
      element.key.name === name
    ) {
      if (element.value) return { sourceCode, node: skipWrappers(element.value) };
      return typed(element.typeAnnotation);
    }
  }
  return undefined;
}

function locatedName(sourceCode: SourceCode, identifier: TSESTree.Identifier, seen: Set<string>): Located | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  return variable ? singleDefinition(sourceCode, variable, seen) : undefined;
}

/** The property `name` of an object literal (shorthand, method or value). */
function objectProperty(sourceCode: SourceCode, object: TSESTree.ObjectExpression, name: string, seen: Set<string>): Located | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key =
      property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : property.key.type === AST_NODE_TYPES.Literal
          ? String(property.key.value)
          : undefined;
    if (key !== name) continue;
    const value = skipWrappers(property.value);
    if (value.type === AST_NODE_TYPES.Identifier) return locatedName(sourceCode, value, seen) ?? { sourceCode, node: value };
    return { sourceCode, node: value };
  }
  return undefined;
}

/** `module.exports` or `exports`. */
function isExportsObject(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'exports';
  return (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    inner.object.type === AST_NODE_TYPES.Identifier &&
    inner.object.name === 'module' &&
    !inner.computed &&
    inner.property.type === AST_NODE_TYPES.Identifier &&
    inner.property.name === 'exports'
  );
}

/** What a module exports under `name` ('default' for the default export). */
export function exportedDefinition(module: SourceCode, name: string, seen: Set<string> = new Set()): Located | undefined {
  const key = `${fileInfo(module)?.filename ?? ''}#${name}`;
  // Cycles between modules, and barrels of barrels, end here.
  if (seen.has(key) || seen.size > MAX_REEXPORTS * 4) return undefined;
  seen.add(key);
  const starSources: string[] = [];
  let commonJs: Located | undefined;
  for (const statement of module.ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const declaration = statement.declaration;
        if (declaration) {
          if (
            (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
            declaration.id?.name === name
          ) {
            return { sourceCode: module, node: declaration };
          }
          if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
            for (const declarator of declaration.declarations) {
              if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) {
                return locatedName(module, declarator.id, seen);
              }
            }
          }
          continue;
        }
        for (const specifier of statement.specifiers) {
          const exported =
            specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
          if (exported !== name) continue;
          const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : String(specifier.local.value);
          if (statement.source) {
            const next = importedModule(module, statement.source.value);
            return next ? exportedDefinition(next, local, seen) : undefined;
          }
          if (specifier.local.type === AST_NODE_TYPES.Identifier) return locatedName(module, specifier.local, seen);
          return undefined;
        }
        continue;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        if (name !== 'default') continue;
        const declaration = statement.declaration as Node;
        if (declaration.type === AST_NODE_TYPES.Identifier) return locatedName(module, declaration, seen);
        return { sourceCode: module, node: skipWrappers(declaration) };
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (!statement.exported && name !== 'default') starSources.push(statement.source.value);
        continue;
      case AST_NODE_TYPES.ExpressionStatement: {
        const expression = statement.expression;
        if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
        const left = expression.left;
        const right = skipWrappers(expression.right);
        // `module.exports = …`
        if (isExportsObject(left) && left.type === AST_NODE_TYPES.MemberExpression) {
          const required = requiredModule(right);
          if (required !== undefined) {
            const next = importedModule(module, required);
            commonJs = next ? exportedDefinition(next, name, seen) : undefined;
            continue;
          }
          if (name === 'default') {
            commonJs =
              right.type === AST_NODE_TYPES.Identifier
                ? (locatedName(module, right, seen) ?? commonJs)
                : { sourceCode: module, node: right };
            continue;
          }
          let object: Node | undefined = right;
          if (right.type === AST_NODE_TYPES.Identifier) object = locatedName(module, right, seen)?.node;
          if (object?.type === AST_NODE_TYPES.ObjectExpression) commonJs = objectProperty(module, object, name, seen) ?? commonJs;
          continue;
        }
        // `module.exports.name = …` / `exports.name = …`
        if (
          left.type === AST_NODE_TYPES.MemberExpression &&
          isExportsObject(left.object) &&
          !left.computed &&
          left.property.type === AST_NODE_TYPES.Identifier &&
          left.property.name === name
        ) {
          // `exports.callback = require('./callback')`: that module's default export.
          const required = requiredModule(right);
          const next = required === undefined ? undefined : importedModule(module, required);
          if (next) commonJs = exportedDefinition(next, 'default', seen);
          else if (right.type === AST_NODE_TYPES.Identifier)
            commonJs = locatedName(module, right, seen) ?? { sourceCode: module, node: right };
          else commonJs = { sourceCode: module, node: right };
        }
        continue;
      }
      default:
        continue;
    }
  }
  if (commonJs) return commonJs;
  for (const source of starSources) {
    const next = importedModule(module, source);
    const found = next ? exportedDefinition(next, name, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}
