import type { RubricRule } from './types.js';
import { label, labelEn, nodes } from './helpers.js';

/** A child's id extends its parent's: "1.2.3" under "1.2". */
export const idsNestedUnderParent: RubricRule = {
  name: 'idsNestedUnderParent',
  description: 'A child id starts with its parent id and a dot ("1.2.3" under "1.2").',
  check(ctx) {
    for (const { node, path, parent } of nodes(ctx.data)) {
      if (!parent) continue;
      const prefix = `${parent.id}.`;
      if (node.id.startsWith(prefix) && node.id.length > prefix.length) continue;
      ctx.report({
        path: [...path, 'id'],
        code: 'RUBRIC_ID_NOT_NESTED',
        message: `${label(node)}的编号应以上级编号 "${prefix}" 开头（上级 ${label(parent)}），例如 "${prefix}1"`,
        messageEn: `${labelEn(node)}: the id must start with its parent's id "${prefix}" (parent ${labelEn(parent)}), e.g. "${prefix}1"`,
        received: node.id,
        expected: `${prefix}…`,
      });
    }
  },
};
