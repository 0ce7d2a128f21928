import { kindOf } from '../../kinds/index.js';
import type { RubricRule } from './types.js';
import { label, labelEn, leaves, nodes } from './helpers.js';

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
          message: `${label(node)}只有一个下级；可考虑合并这一层`,
          messageEn: `${labelEn(node)} has a single child; consider merging the level`,
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
          message: `${label(node)}分值为 0 但不是控制项（kind: control）；是否漏写了分值？`,
          messageEn: `${labelEn(node)} is worth 0 points but is not a control item (kind: control); points missing?`,
          received: 0,
        });
      }
    }
  },
};
