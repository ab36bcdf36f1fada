import { describe, expect, it, vi } from 'vitest';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { fileFacts } from '../../src/analysis/file-facts';
import { analyze } from '../helpers/analyze';
import * as espree from 'espree';
import { Linter } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import plugin from '../../src/index';
import { registerFile } from '../../src/analysis/project/files';

/**
 * A parser shaped like svelte-eslint-parser: the script's statements sit under a
 * `ComponentScript` node in Program.body, not in Program.body itself.
 */
const componentParser = {
  meta: { name: 'component-parser' },
  parseForESLint(code: string) {
    const program = espree.parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      range: true,
      loc: true,
      tokens: true,
      comment: true,
    });
    const script = { type: 'ComponentScript', body: program.body, range: program.range, loc: program.loc };
    return {
      ast: { ...program, body: [script] },
      visitorKeys: { ...espree.VisitorKeys, ComponentScript: ['body'] },
    };
  },
};

function lintComponent(code: string, probe?: (sourceCode: TSESLint.SourceCode) => void) {
  const linter = new Linter({ configType: 'flat' });
  const rule = { create: (context: { sourceCode: TSESLint.SourceCode }) => ({ Program: () => probe?.(context.sourceCode) }) };
  return linter.verify(
    code,
    [
      {
        files: ['**/*.component'],
        languageOptions: { parser: componentParser as Linter.Parser },
        plugins: { test: { rules: { probe: rule as never } }, oauth: plugin },
        rules: { 'test/probe': 'error', 'oauth/require-jwt-algorithms': 'error' },
      },
    ],
    'file.component',
  );
}

/** A SourceCode over the same tree (as the module loader makes one), registered as `filename` when given. */
function sameTree(sc: TSESLint.SourceCode, filename: string | undefined, hops: number): TSESLint.SourceCode {
  const SourceCodeClass = sc.constructor as new (config: object) => TSESLint.SourceCode;
  const copy = new SourceCodeClass({
    text: sc.text,
    ast: sc.ast,
    scopeManager: sc.scopeManager,
    visitorKeys: sc.visitorKeys,
    parserServices: {},
  });
  if (filename !== undefined)
    registerFile(copy, { filename, parser: undefined, parserOptions: {}, ecmaVersion: 'latest', sourceType: 'module', hops });
  return copy;
}

describe('fileFacts', () => {
  it('collects imported and required modules, normalised', () => {
    let modules: string[] = [];
    analyze(`import jwt from 'jsonwebtoken'; const c = require('node:crypto'); const j = await import('jose');`, 'Program', (sc) => {
      modules = [...fileFacts(sc).modules].sort();
    });
    expect(modules).toEqual(['crypto', 'jose', 'jsonwebtoken']);
  });

  it('answers importsAny for each list, whatever was asked before, subpaths included', () => {
    const answers: boolean[] = [];
    analyze(`import jwt from 'jsonwebtoken'; import { x } from 'next-auth/providers/okta';`, 'Program', (sc) => {
      const facts = fileFacts(sc);
      answers.push(facts.importsAny(['a-module-no-file-imports']), facts.importsAny(new Set(['left-pad'])));
      answers.push(facts.importsAny(['jsonwebtoken']), facts.importsAny(['next-auth']), facts.importsAny(new Set(['next-auth/providers'])));
      answers.push(facts.importsAny(['a-module-no-file-imports']));
    });
    expect(answers).toEqual([false, false, true, true, true, false]);
  });

  it('finds require() and import() calls in source order, as the regex over the whole text would', () => {
    const pattern = /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]{1,200})\1/g;
    const code = [
      `const a = require( "a" ), b = import(\`b\`);`,
      `myrequire('not-1'); $require('c'); x.import('d'); require('./import'); import ('e');`,
      `require('f'); require("g' + 'g2");`,
      `require(\n'h'); require('${'x'.repeat(201)}'); import_('not-2'); require('node:fs');`,
      `const s = "require('i')"; // import('j')`,
    ].join('\n');
    let modules: string[] = [];
    analyze(code, 'Program', (sc) => (modules = [...fileFacts(sc).modules]));
    const expected = [...new Set([...code.matchAll(pattern)].map((match) => match[2].replace(/^node:/, '')))];
    expect(modules).toEqual(expected);
    expect(modules).toEqual(['a', 'b', 'c', 'd', './import', 'e', 'f', 'h', 'fs', 'i', 'j']);
  });

  it("says a file imports project modules for relative specifiers, but never for a package's file", () => {
    const code = `import { exchange } from './oauth'; exchange(code);`;
    const asFile = (filename: string | undefined) => {
      let answer: boolean | undefined;
      analyze(code, 'Program', (sc) => {
        answer = fileFacts(sameTree(sc, filename, 0)).importsProjectModules;
      });
      return answer;
    };
    expect(asFile('/project/src/callback.js')).toBe(true);
    expect(asFile(undefined)).toBe(true);
    // Its imports are the package's own, which the analysis never follows.
    expect(asFile('/project/node_modules/some-lib/dist/index.js')).toBe(false);
    let noImports: boolean | undefined;
    analyze(`import jwt from 'jsonwebtoken';`, 'Program', (sc) => (noImports = fileFacts(sc).importsProjectModules));
    expect(noImports).toBe(false);
  });

  it('may match a table of globals only where the file writes one of their names', () => {
    const table = new Map([
      ['<global>#jwt_decode', 1],
      ['jose#decodeJwt', 2],
    ]);
    const answers: boolean[] = [];
    for (const code of [
      `const claims = window.jwt_decode(token);`,
      `import { decodeJwt } from 'jose'; decodeJwt(t);`,
      `const my_jwt_decoder = 1; decode(token);`,
      `import x from 'other'; x(token);`,
    ])
      analyze(code, 'Program', (sc) => {
        answers.push(fileFacts(sc).mayMatch(table));
      });
    expect(answers).toEqual([true, true, false, false]);
    // A table whose global starts with a wildcard may be reached from any file.
    let wildcard = false;
    analyze(`f();`, 'Program', (sc) => {
      wildcard = fileFacts(sc).mayMatch(['<global>#**.verify']);
    });
    expect(wildcard).toBe(true);
  });

  it('indexes nodes by type from one walk, in source order, without tokens or comments', () => {
    const code = `// verify(comment)\nconst a = new URL(f(g()), base);\nh();`;
    let calls: string[] = [];
    let mixed: string[] = [];
    let identifiers = 0;
    analyze(code, 'Program', (sc) => {
      const facts = fileFacts(sc);
      calls = facts.nodesOfType(AST_NODE_TYPES.CallExpression).map((node) => sc.getText(node));
      mixed = facts.nodesOfType(AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression).map((node: TSESTree.Node) => node.type);
      identifiers = facts.nodesOfType(AST_NODE_TYPES.Identifier).length;
    });
    expect(calls).toEqual(['f(g())', 'g()', 'h()']);
    expect(mixed).toEqual(['NewExpression', 'CallExpression', 'CallExpression', 'CallExpression']);
    // a, URL, f, g, base, h — no Identifier tokens, nothing from the comment.
    expect(identifiers).toBe(6);
  });

  it("reads the index from ESLint's own traversal of the linted file, and walks a project module itself in the same order", () => {
    const code = [
      'import { a } from "./a";',
      'export class C<T> extends B implements I { @dec() x: T = f(a?.b!, ...rest); static { g(); } m() { return h(`t${i}`, new.target); } }',
      'enum E { A = 1 } declare module "m" { export const y: number; }',
      'label: for (const [k, { v = 1 }] of new Map()) { if (k) continue label; else break; }',
    ].join('\n');
    let fromEslint: TSESTree.Node[][] = [];
    let ownWalk: TSESTree.Node[][] = [];
    let traversed = 0;
    analyze(code, 'Program', (sc) => {
      // SourceCode objects are frozen: the prototype's method is watched, by receiver.
      const traverse = vi.spyOn(sc.constructor.prototype as { traverse: () => unknown[] }, 'traverse');
      const types = Object.values(AST_NODE_TYPES);
      fromEslint = types.map((type) => [...fileFacts(sc).nodesOfType(type)]);
      fromEslint.push([
        ...fileFacts(sc).nodesOfType(AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.Identifier, AST_NODE_TYPES.NewExpression),
      ]);
      traversed = traverse.mock.contexts.filter((receiver) => receiver === sc).length;
      // The same tree as a project module the analysis parsed: no cached ESLint walk.
      const module = sameTree(sc, '/project/a.ts', 1);
      ownWalk = types.map((type) => [...fileFacts(module).nodesOfType(type)]);
      ownWalk.push([
        ...fileFacts(module).nodesOfType(AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.Identifier, AST_NODE_TYPES.NewExpression),
      ]);
      expect(traverse.mock.contexts.filter((receiver) => receiver === module)).toHaveLength(0);
      traverse.mockRestore();
    });
    expect(traversed).toBe(1);
    expect(fromEslint.flat().length).toBeGreaterThan(50);
    expect(ownWalk.length).toBe(fromEslint.length);
    // The same node objects in the same order, type by type.
    ownWalk.forEach((nodes, index) => {
      expect(nodes.length).toBe(fromEslint[index].length);
      expect(nodes.every((node, at) => node === fromEslint[index][at])).toBe(true);
    });
  });

  it('shares one computation per file through memo', () => {
    let computed = 0;
    analyze('x();', 'CallExpression', (sc) => {
      fileFacts(sc).memo('test:key', () => ++computed);
      fileFacts(sc).memo('test:key', () => ++computed);
    });
    expect(computed).toBe(1);
  });

  it('finds the imports of a component script nested under a parser-specific node (Svelte)', () => {
    let modules: string[] = [];
    const messages = lintComponent(
      "import jwt from 'jsonwebtoken';\nexport const verify = (token, key) => jwt.verify(token, key, { algorithms: ['none'] });\n",
      (sc) => {
        modules = [...fileFacts(sc).modules];
      },
    );
    expect(modules).toEqual(['jsonwebtoken']);
    // The rules that gate on imports see the file: the `none` algorithm is reported.
    expect(messages.map((message) => `${message.ruleId}@${message.line}`)).toEqual(['oauth/require-jwt-algorithms@2']);
  });
});
