import { formatDataPath, type DataPath } from '../diagnostics.js';
import type { RubricRule } from './types.js';
import { nodes, ref } from './helpers.js';

/** Ids of nodes (modules, indicators, items, bonus items) and vetoes are unique in the whole rubric. */
export const idsUnique: RubricRule = {
  name: 'idsUnique',
  description: 'Node and veto ids are unique in the rubric; checklist condition ids are unique within their item.',
  check(ctx) {
    const seen = new Map<string, DataPath>();
    const entries: { id: string; name: string; path: DataPath }[] = [
      ...nodes(ctx.data).map(({ node, path }) => ({ id: node.id, name: node.name, path })),
      ...ctx.data.vetoes.map((v, i) => ({ id: v.id, name: v.name, path: ['vetoes', i] as DataPath })),
    ];
    for (const e of entries) {
      const first = seen.get(e.id);
      if (first === undefined) {
        seen.set(e.id, e.path);
        continue;
      }
      const line = ctx.locate([...first, 'id']).line;
      ctx.report({
        path: [...e.path, 'id'],
        code: 'RUBRIC_DUPLICATE_ID',
        params: { node: ref(e), firstLine: line, firstPath: formatDataPath(first) },
        received: e.id,
      });
    }
    for (const { node, path } of nodes(ctx.data)) {
      if (node.scoring?.kind !== 'checklist' && node.scoring?.kind !== 'checklist-deduction') continue;
      const ids = new Map<string, number>();
      node.scoring.conditions.forEach((c, i) => {
        const id = c.id ?? String.fromCharCode(97 + i);
        if (ids.has(id)) {
          ctx.report({
            path: [...path, 'scoring', 'conditions', i, c.id !== undefined ? 'id' : 'label'],
            code: 'RUBRIC_DUPLICATE_CONDITION_ID',
            params: { node: ref(node), id },
            received: id,
          });
        } else ids.set(id, i);
      });
    }
  },
};
