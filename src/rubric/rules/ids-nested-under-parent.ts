import type { RubricRule } from './types.js';
import { leaves, nodes, ref } from './helpers.js';

/**
 * A child's id extends its parent's: "1.2.3" under "1.2". One exception: a
 * rubric whose scored items under the modules all have ids without a dot is
 * numbered down the whole table (1 … 42 across modules, as many published
 * tables print them); those ids claim no parent, and idsUnique keeps them
 * unique. A single "12" among dotted ids is still a typo for "1.2".
 */
export const idsNestedUnderParent: RubricRule = {
  name: 'idsNestedUnderParent',
  description: 'A child id starts with its parent id and a dot ("1.2.3" under "1.2"), unless every scored item is numbered down the whole table without dots (1 … 42).',
  check(ctx) {
    const items = leaves(ctx.data).filter((l) => l.path[0] === 'modules');
    const flat = items.length > 0 && items.every((l) => !l.node.id.includes('.'));
    for (const { node, path, parent } of nodes(ctx.data)) {
      if (!parent) continue;
      const prefix = `${parent.id}.`;
      if (node.id.startsWith(prefix) && node.id.length > prefix.length) continue;
      if (flat && !node.id.includes('.') && node.scoring !== undefined) continue;
      ctx.report({
        path: [...path, 'id'],
        code: 'RUBRIC_ID_NOT_NESTED',
        params: { node: ref(node), parent: ref(parent) },
        received: node.id,
        expected: `${prefix}…`,
      });
    }
  },
};
