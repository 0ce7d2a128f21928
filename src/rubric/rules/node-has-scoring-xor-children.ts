import type { RubricRule } from './types.js';
import { nodes, ref } from './helpers.js';

/** A node is either a group (children) or a scorable item (scoring), never both, never neither. */
export const nodeHasScoringXorChildren: RubricRule = {
  name: 'nodeHasScoringXorChildren',
  description: 'Each node has either children or a scoring rule, not both and not neither.',
  check(ctx) {
    for (const { node, path } of nodes(ctx.data)) {
      const hasChildren = !!node.children && node.children.length > 0;
      if (hasChildren && node.scoring) {
        ctx.report({
          path: [...path, 'scoring'],
          code: 'RUBRIC_NODE_BOTH',
          params: { node: ref(node) },
          key: true,
        });
      } else if (!hasChildren && !node.scoring) {
        ctx.report({
          path,
          code: 'RUBRIC_LEAF_WITHOUT_SCORING',
          params: { node: ref(node) },
          expected: 'scoring',
        });
      }
    }
  },
};
