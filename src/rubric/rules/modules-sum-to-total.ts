import type { RubricRule } from './types.js';
import { cmp, sum } from './helpers.js';

/** The modules add up to the declared total (e.g. 1000). */
export const modulesSumToTotal: RubricRule = {
  name: 'modulesSumToTotal',
  description: 'Modules add up to the declared total.',
  check(ctx) {
    const total = sum(ctx.data.modules.map((m) => m.points));
    if (cmp(total, ctx.data.total) !== 0) {
      const parts = ctx.data.modules.map((m) => `${m.name} ${m.points}`).join(' + ');
      ctx.report({
        path: ['total'],
        code: 'RUBRIC_TOTAL_MISMATCH',
        message: `总分 total 声明为 ${ctx.data.total}，但各模块合计 ${total}（${parts}）`,
        messageEn: `total declares ${ctx.data.total} but the modules add up to ${total} (${parts})`,
        received: total,
        expected: ctx.data.total,
      });
    }
  },
};
