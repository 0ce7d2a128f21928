import type { RubricRule } from './types.js';
import { label, labelEn, nodes } from './helpers.js';

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
          message: `${label(node)}同时有下级 children 和评分方式 scoring；有下级的指标不能直接评分，请去掉其一`,
          messageEn: `${labelEn(node)} has both children and a scoring rule; a node with children is not scored itself; remove one`,
          key: true,
        });
      } else if (!hasChildren && !node.scoring) {
        ctx.report({
          path,
          code: 'RUBRIC_LEAF_WITHOUT_SCORING',
          message: `${label(node)}既没有下级 children 也没有评分方式 scoring；末级项目必须写 scoring`,
          messageEn: `${labelEn(node)} has neither children nor a scoring rule; a leaf item needs scoring`,
          expected: 'scoring',
        });
      }
    }
  },
};
