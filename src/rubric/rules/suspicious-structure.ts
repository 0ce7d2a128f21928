import { kindOf } from '../../kinds/index.js';
import type { RubricRule } from './types.js';
import { leaves, nodes, ref } from './helpers.js';

/** Legal but suspicious shapes (warnings): a group with a single child, a non-control item worth 0 points. */
export const suspiciousStructure: RubricRule = {
  name: 'suspiciousStructure',
  description: 'Warns about a module or indicator with a single child and about a non-control item worth 0 points.',
  check(ctx) {
    for (const { node, path } of nodes(ctx.data)) {
      if (node.children && node.children.length === 1) {
        ctx.report({
          path: [...path, 'children'],
          code: 'RUBRIC_SINGLE_CHILD',
          severity: 'warning',
          params: { node: ref(node) },
          key: true,
        });
      }
    }
    for (const { node, path } of leaves(ctx.data)) {
      if (!kindOf(node.scoring).worthZero && node.points === 0) {
        ctx.report({
          path: [...path, 'points'],
          code: 'RUBRIC_ZERO_POINTS',
          severity: 'warning',
          params: { node: ref(node) },
          received: 0,
        });
      }
    }
  },
};
