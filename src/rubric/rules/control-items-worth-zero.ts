import type { RubricRule } from './types.js';
import { leaves, ref } from './helpers.js';

/** Control (prerequisite) items carry no points; they gate the star level. */
export const controlItemsWorthZero: RubricRule = {
  name: 'controlItemsWorthZero',
  description: 'Control (prerequisite) items are worth 0 points and belong to modules, not the bonus pool.',
  check(ctx) {
    for (const { node, path } of leaves(ctx.data)) {
      if (node.scoring.kind !== 'control') continue;
      if (node.points !== 0) {
        ctx.report({
          path: [...path, 'points'],
          code: 'RUBRIC_CONTROL_POINTS',
          params: { node: ref(node), points: node.points },
          received: node.points,
          expected: 0,
        });
      }
      if (path[0] === 'bonus') {
        ctx.report({
          path: [...path, 'scoring', 'kind'],
          code: 'RUBRIC_CONTROL_IN_BONUS',
          severity: 'warning',
          params: { node: ref(node) },
        });
      }
    }
  },
};
