import type { RubricRule } from './types.js';
import { cmp, nodes, ref, sum } from './helpers.js';

/** Every node with children declares exactly the sum of its children's points. */
export const childrenSumToParent: RubricRule = {
  name: 'childrenSumToParent',
  description: "Children add up to their parent's points.",
  check(ctx) {
    for (const { node, path } of nodes(ctx.data)) {
      if (!node.children || node.children.length === 0) continue;
      const total = sum(node.children.map((c) => c.points));
      if (cmp(total, node.points) !== 0) {
        ctx.report({
          path: [...path, 'points'],
          code: 'RUBRIC_SUM_MISMATCH',
          params: { node: ref(node), points: node.points, children: node.children.length, total },
          received: total,
          expected: node.points,
        });
      }
    }
  },
};
