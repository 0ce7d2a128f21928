import type { RubricRule } from './types.js';
import { label, labelEn, leaves } from './helpers.js';

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
          message: `${label(node)}是控制项（kind: control），分值应为 0，实际 ${node.points}`,
          messageEn: `${labelEn(node)} is a control item (kind: control); its points must be 0, found ${node.points}`,
          received: node.points,
          expected: 0,
        });
      }
      if (path[0] === 'bonus') {
        ctx.report({
          path: [...path, 'scoring', 'kind'],
          code: 'RUBRIC_CONTROL_IN_BONUS',
          severity: 'warning',
          message: `${label(node)}是控制项却放在加分项中；控制项应放在模块里`,
          messageEn: `${labelEn(node)} is a control item inside the bonus pool; put control items in a module`,
        });
      }
    }
  },
};
