import type { RubricRule } from './types.js';
import { nodes, ref } from './helpers.js';

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
          params: { node: ref(node), where: 'group' },
          received: node.na,
        });
      } else if (node.na === 'rescale' && path[0] === 'bonus') {
        ctx.report({
          path: at,
          code: 'RUBRIC_NA_IGNORED',
          severity: 'warning',
          params: { node: ref(node), where: 'bonus' },
          received: node.na,
        });
      } else if (node.na === 'rescale' && node.scoring?.kind === 'control') {
        ctx.report({
          path: at,
          code: 'RUBRIC_NA_IGNORED',
          severity: 'warning',
          params: { node: ref(node), where: 'control' },
          received: node.na,
        });
      }
    }
  },
};
