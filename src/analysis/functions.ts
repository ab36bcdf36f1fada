/**
 * The functions a call reaches, wherever they are written: in the same file or in another
 * module of the project (through its imports). Analyses that follow helpers ask here, and
 * analyse the helper with the SourceCode it comes with, so a check (or a missing one) in
 * `../services/github` is judged like one written inline.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, isFunctionNode } from './ast';
import { guarded } from './guard';
import { localFunction, skipWrappers } from './modules';
import { type Located, definitionOf } from './project/definitions';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type { Located };

export interface CalledFunction {
  /** The SourceCode of the file the function is written in (another module's, when imported). */
  readonly sourceCode: SourceCode;
  readonly fn: FunctionNode;
  /** True when the function is written in another module than the caller. */
  readonly imported: boolean;
}

/**
 * The function a callee names: a declaration or const-bound function of this file, an
 * imported export of a project module (`import { exchange } from '../services/github'`,
 * `const { uid } = require('./utils')`, `utils.uid` of `import * as utils`), or undefined.
 */
export function calledFunction(sourceCode: SourceCode, callee: Node): CalledFunction | undefined {
  const inner = skipWrappers(callee);
  const local = localFunction(sourceCode, inner);
  if (local) return isFunctionNode(local) && local.body ? { sourceCode, fn: local, imported: false } : undefined;
  const found = guarded(() => definitionOf(sourceCode, inner), undefined);
  if (!found || found.sourceCode === sourceCode || !isFunctionNode(found.node) || !found.node.body) return undefined;
  return { sourceCode: found.sourceCode, fn: found.node, imported: true };
}

/**
 * The expression a name stands for when another module defines it (`import { clientSecret }
 * from '../config'` → the initializer in config), or undefined for local names and packages.
 */
export function importedDefinition(sourceCode: SourceCode, node: Node): Located | undefined {
  const found = guarded(() => definitionOf(sourceCode, node), undefined);
  return found && found.sourceCode !== sourceCode ? found : undefined;
}

/** True when `node` belongs to the file `sourceCode` was parsed from (not to an imported module). */
export function isInFile(sourceCode: SourceCode, node: Node): boolean {
  let current: Node = node;
  while (current.parent) current = current.parent;
  return current === (sourceCode.ast as Node);
}
