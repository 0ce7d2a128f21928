import type { RubricRule } from './types.js';

/** A rubric whose id or title says it is an example must say so to readers of every report. */
export const illustrativeNote: RubricRule = {
  name: 'illustrativeNote',
  description: 'Warns when a rubric whose id or title marks it as an example (-style, 示例, 参考…) has no `illustrative` note.',
  check(ctx) {
    const { id, title, illustrative } = ctx.data;
    if (illustrative && illustrative.trim() !== '') return;
    const looksIllustrative = /(-style|example|sample|demo)\b/i.test(id) || /示例|样例|参考|仿|模拟|演示/.test(title);
    if (!looksIllustrative) return;
    ctx.report({
      path: ['id'],
      code: 'RUBRIC_ILLUSTRATIVE_MISSING',
      severity: 'warning',
      params: { id },
      expected: 'illustrative',
    });
  },
};
