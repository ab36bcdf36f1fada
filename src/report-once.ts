import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * A `context.report` that reports each node at most once: the same construct is often
 * reached along two paths (a const and its use, a helper and its caller), and the catalog
 * asks for one finding per problem.
 */
export function reportOnce<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
): (node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>) => void {
  const reported = new WeakSet<TSESTree.Node>();
  return (node, messageId, data) => {
    if (reported.has(node)) return;
    reported.add(node);
    context.report({ node, messageId, data });
  };
}
