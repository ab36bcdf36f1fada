/**
 * ESLint 10 asks a parser's scope manager to `addGlobals(names)` (eslint/eslint#20132);
 * parsers still built on eslint-scope 8 (svelte-eslint-parser 1.x at the time of writing)
 * lack it, and ESLint 10 then throws on every file they parse. This wraps such a parser
 * and adds the method, doing what eslint-scope 9's `GlobalScope#__addVariables` does:
 * define each name in the global scope, resolve the global scope's `through` references to
 * it, and drop it from the implicit globals. Parsers that have the method are left alone.
 */
import type { Linter } from 'eslint';

interface Reference {
  identifier: { name: string };
  resolved: unknown;
}
interface Variable {
  references: Reference[];
}
interface GlobalScope {
  set: Map<string, Variable>;
  variables: Variable[];
  through: Reference[];
  implicit: { set: Map<string, Variable>; variables: { name: string }[]; left: Reference[] };
  __defineGeneric(name: string, set: Map<string, Variable>, variables: Variable[], node: null, def: null): void;
}
interface ScopeManager {
  globalScope: GlobalScope | null;
  addGlobals?: (names: string[]) => void;
}

function addGlobals(this: ScopeManager, names: string[]): void {
  const scope = this.globalScope;
  if (!scope) return;
  for (const name of names) scope.__defineGeneric(name, scope.set, scope.variables, null, null);
  const wanted = new Set(names);
  scope.through = scope.through.filter((reference) => {
    const variable = wanted.has(reference.identifier.name) ? scope.set.get(reference.identifier.name) : undefined;
    if (!variable) return true;
    reference.resolved = variable;
    variable.references.push(reference);
    return false;
  });
  scope.implicit.variables = scope.implicit.variables.filter((variable) => {
    if (!wanted.has(variable.name)) return true;
    scope.implicit.set.delete(variable.name);
    return false;
  });
  scope.implicit.left = scope.implicit.left.filter((reference) => !wanted.has(reference.identifier.name));
}

type ParseForESLint = (code: string, options?: unknown) => { scopeManager?: ScopeManager | null };

/** The parser, with `addGlobals` added to the scope managers it returns when they lack it. */
export function withAddGlobals(parser: Linter.Parser): Linter.Parser {
  const parse = (parser as { parseForESLint?: ParseForESLint }).parseForESLint;
  if (typeof parse !== 'function') return parser;
  return {
    ...parser,
    parseForESLint(code: string, options?: unknown) {
      const result = parse.call(parser, code, options);
      const manager = result.scopeManager;
      if (manager && typeof manager.addGlobals !== 'function' && typeof manager.globalScope?.__defineGeneric === 'function') {
        manager.addGlobals = addGlobals;
      }
      return result;
    },
  } as Linter.Parser;
}
