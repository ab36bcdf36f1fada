import { describe, expect, it } from 'vitest';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { fileFacts } from '../../src/analysis/file-facts';
import { analyze } from '../helpers/analyze';

describe('fileFacts', () => {
  it('collects imported and required modules, normalised', () => {
    let modules: string[] = [];
    analyze(`import jwt from 'jsonwebtoken'; const c = require('node:crypto'); const j = await import('jose');`, 'Program', (sc) => {
      modules = [...fileFacts(sc).modules].sort();
    });
    expect(modules).toEqual(['crypto', 'jose', 'jsonwebtoken']);
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

  it('shares one computation per file through memo', () => {
    let computed = 0;
    analyze('x();', 'CallExpression', (sc) => {
      fileFacts(sc).memo('test:key', () => ++computed);
      fileFacts(sc).memo('test:key', () => ++computed);
    });
    expect(computed).toBe(1);
  });
});
