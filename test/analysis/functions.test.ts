import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { functionName, isFunctionNode } from '../../src/analysis/ast';
import { calledFunction, libraryCallEntry, parameterIndexOf, type ParameterTrace } from '../../src/analysis/functions';
import { collect } from '../helpers/analyze';

/** For each `use(x)` call: the index of the enclosing function's parameter `x` is, or '-'. */
function indexes(code: string, trace?: ParameterTrace): string[] {
  return collect(code, 'CallExpression[callee.name="use"]', (sourceCode, node) => {
    let fn: TSESTree.Node | undefined = node.parent;
    while (fn && !isFunctionNode(fn)) fn = fn.parent;
    if (!isFunctionNode(fn)) return undefined;
    return String(parameterIndexOf(sourceCode, fn, (node as TSESTree.CallExpression).arguments[0], trace) ?? '-');
  });
}

describe('parameterIndexOf', () => {
  it('finds plain, defaulted and typed parameters, and nothing else', () => {
    const code = `
      function f(a, b = 1, c: string) { use(a); use(b); use(c); use(d); use(a.x); use('a'); }
      function g(a) { const inner = (b) => use(a); inner(a); }`;
    expect(indexes(code)).toEqual(['0', '1', '2', '-', '-', '-', '-']);
  });

  it('knows a constructor parameter property', () => {
    expect(indexes('class C { constructor(private key: string) { use(key); } }')).toEqual(['0']);
  });

  it('with unchanged, refuses a parameter the function reassigns', () => {
    const code = 'function f(a, b) { b = String(b); use(a); use(b); }';
    expect(indexes(code)).toEqual(['0', '1']);
    expect(indexes(code, { unchanged: true })).toEqual(['0', '-']);
  });

  it('with throughReads, follows property reads, const aliases and destructured parameters', () => {
    const code = `
      function f(req, { code }) {
        const query = req.query;
        let later = req.body;
        use(req.query.code); use(query.code); use(code); use(later);
      }`;
    expect(indexes(code)).toEqual(['-', '-', '-', '-']);
    expect(indexes(code, { throughReads: true })).toEqual(['0', '0', '1', '-']);
  });

  it('ends a cycle of const aliases', () => {
    const code = 'function f(p) { const a = b.x; const b = a.y; use(a); }';
    expect(indexes(code, { throughReads: true })).toEqual(['-']);
  });
});

describe('functionName (ast.ts)', () => {
  it('names declarations, const-bound functions and methods, not computed keys', () => {
    const code = `
      function generateState() {}
      const createNonce = () => 1;
      const o = { makeVerifier() {}, [key]() {} };
      class C { mint() {} }
      run(() => 2);`;
    const names = collect(code, ':function', (_sourceCode, node) => (isFunctionNode(node) ? String(functionName(node) ?? '-') : undefined));
    expect(names).toEqual(['generateState', 'createNonce', 'makeVerifier', '-', 'mint', '-']);
  });
});

describe('libraryCallEntry', () => {
  const table = new Map([
    ['jsonwebtoken#verify', 'jwt-verify'],
    ['<global>#atob', 'atob'],
  ]);
  const entries = (code: string): string[] =>
    collect(code, 'CallExpression', (sourceCode, node) => libraryCallEntry(sourceCode, node as TSESTree.CallExpression, table) ?? '-');

  it("finds the table's entry for a call of an imported function or a global, through aliases", () => {
    expect(entries("import jwt from 'jsonwebtoken'; const v = jwt.verify; v(t, k); jwt.verify(t, k); other(t);")).toEqual([
      'jwt-verify',
      'jwt-verify',
      '-',
    ]);
    expect(entries('atob(x); btoa(x);')).toEqual(['atob', '-']);
  });

  it('is silent in a file that can reach none of the table (no import, no global named)', () => {
    expect(entries("import { verify } from 'other-lib'; verify(t, k);")).toEqual(['-']);
  });
});

describe('calledFunction on this.name(…)', () => {
  /** For each `this.x(…)` call: the name of the function it reaches, or '-'. */
  function reached(code: string): string[] {
    return collect(code, 'CallExpression[callee.object.type="ThisExpression"]', (sourceCode, node) => {
      const found = calledFunction(sourceCode, (node as TSESTree.CallExpression).callee);
      return found ? (functionName(found.fn) ?? '?') : '-';
    });
  }

  it("reaches a class's methods and arrow fields, a Vue component's methods and an object literal's siblings", () => {
    const code = [
      `class A { run() { this.go(); } go() {} handle = () => { this.go(); }; }`,
      `export default { created() { this.load(); }, methods: { load() { this.save(); }, save: function () {} } };`,
      `const api = { a() { this.b(); }, b() {} };`,
    ].join('\n');
    expect(reached(code)).toEqual(['go', 'go', 'load', 'save', 'b']);
  });

  it('reaches nothing from a nested regular function, a getter, or a name the holder does not define', () => {
    const code = [
      `class A { run() { [1].forEach(function () { this.go(); }); } get go() { return 1; } other() { this.go(); this.missing(); } }`,
    ].join('\n');
    expect(reached(code)).toEqual(['-', '-', '-']);
  });
});
