import type { RubricRule } from './types.js';
import { cmp, label, labelEn, nodes, sum } from './helpers.js';

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
          message: `${label(node)}的分值为 ${node.points}，但 ${node.children.length} 个下级合计 ${total}`,
          messageEn: `${labelEn(node)} declares ${node.points} points but its ${node.children.length} children add up to ${total}`,
          received: total,
          expected: node.points,
        });
      }
    }
  },
};
