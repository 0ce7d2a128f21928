import type { RubricRule } from './types.js';
import { label, labelEn, nodes } from './helpers.js';

/** N/A policies where they mean something (warnings): not on groups, not rescale on bonus or control items. */
export const naPolicyFits: RubricRule = {
  name: 'naPolicyFits',
  description: 'Warns about an N/A policy on a node with children, and rescale on bonus or control items.',
  check(ctx) {
    for (const { node, path } of nodes(ctx.data)) {
      if (node.na === undefined) continue;
      const at = [...path, 'na'];
      if (node.children && node.children.length > 0) {
        ctx.report({
          path: at,
          code: 'RUBRIC_NA_IGNORED',
          severity: 'warning',
          message: `${label(node)}有下级，na 只对末级项目起作用；请写在各项目上`,
          messageEn: `${labelEn(node)} has children; na only applies to leaf items; put it on the items`,
          received: node.na,
        });
      } else if (node.na === 'rescale' && path[0] === 'bonus') {
        ctx.report({
          path: at,
          code: 'RUBRIC_NA_IGNORED',
          severity: 'warning',
          message: `${label(node)}是加分项，na: rescale 没有模块可按比例折算`,
          messageEn: `${labelEn(node)} is a bonus item; na: rescale has no module to rescale`,
          received: node.na,
        });
      } else if (node.na === 'rescale' && node.scoring?.kind === 'control') {
        ctx.report({
          path: at,
          code: 'RUBRIC_NA_IGNORED',
          severity: 'warning',
          message: `${label(node)}是控制项（0 分），na: rescale 不影响分数`,
          messageEn: `${labelEn(node)} is a control item (0 points); na: rescale changes no score`,
          received: node.na,
        });
      }
    }
  },
};
