import type { RubricRule } from './types.js';
import { cmp, sum } from './helpers.js';

/** The modules add up to the declared total (e.g. 1000). */
export const modulesSumToTotal: RubricRule = {
  name: 'modulesSumToTotal',
  description: 'Modules add up to the declared total.',
  check(ctx) {
    const total = sum(ctx.data.modules.map((m) => m.points));
    if (cmp(total, ctx.data.total) !== 0) {
      ctx.report({
        path: ['total'],
        code: 'RUBRIC_TOTAL_MISMATCH',
        params: { declared: ctx.data.total, total, modules: ctx.data.modules.map((m) => ({ name: m.name, points: m.points })) },
        received: total,
        expected: ctx.data.total,
      });
    }
  },
};
