import type { RubricRule } from './types.js';
import { leaves, ref } from './helpers.js';

/** Choice option labels are unique within their item (a workbook cell names one of them). */
export const labelsUnique: RubricRule = {
  name: 'labelsUnique',
  description: 'Choice option labels and checklist condition labels are unique within their item.',
  check(ctx) {
    for (const { node, path } of leaves(ctx.data)) {
      const rule = node.scoring;
      const list = rule.kind === 'choice' ? rule.options : rule.kind === 'checklist' || rule.kind === 'checklist-deduction' ? rule.conditions : undefined;
      if (!list) continue;
      const seen = new Set<string>();
      list.forEach((o, i) => {
        const key = o.label.trim();
        if (seen.has(key)) {
          ctx.report({
            path: [...path, 'scoring', rule.kind === 'choice' ? 'options' : 'conditions', i, 'label'],
            code: 'RUBRIC_DUPLICATE_LABEL',
            params: { node: ref(node), list: rule.kind === 'choice' ? 'option' : 'condition', label: key },
            received: key,
          });
        }
        seen.add(key);
      });
    }
  },
};
