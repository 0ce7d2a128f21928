import type { RubricRule } from './types.js';
import { cmp, minus, plus, stepOf } from './helpers.js';

/**
 * Where a level gives an upper bound (published bands such as "901—950"), the
 * bands must neither overlap ("950以上" and "901—950": 950 is in both) nor
 * leave a gap a total can fall into ("800–899" and "900以上": 899.5).
 *
 * A band is [minTotal, maxTotal] with boundary inclusive, (minTotal, maxTotal]
 * with exclusive. Totals move in steps of 10^-precision, or of 10^-digits when
 * the total is rounded before the comparison (rounding.apply: before).
 */
export const starBandsNoOverlapNoGap: RubricRule = {
  name: 'starBandsNoOverlapNoGap',
  description: 'Star bands with an upper bound (maxTotal) neither overlap nor leave a gap at the rubric precision.',
  check(ctx) {
    const { stars, scale } = ctx.data;
    // The compared total moves in steps of its own decimals: the scaled total's when the rubric scales it.
    const precision = scale ? scale.digits : ctx.data.precision;
    const digits = stars.rounding.apply === 'before' ? Math.min(precision, stars.rounding.digits) : precision;
    const step = stepOf(digits);
    const exclusive = stars.boundary === 'exclusive';
    const levels = stars.levels.map((l, i) => ({ ...l, i })).sort((a, b) => a.minTotal - b.minTotal || a.level - b.level);
    const band = (l: (typeof levels)[number]) => `${exclusive ? '高于' : ''}${l.minTotal}${l.maxTotal !== undefined ? `—${l.maxTotal}` : '以上'}`;
    const bandEn = (l: (typeof levels)[number]) => `${exclusive ? '>' : ''}${l.minTotal}${l.maxTotal !== undefined ? `–${l.maxTotal}` : '+'}`;
    const rule = exclusive ? '（边界规则 exclusive：高于下限才算）' : '（边界规则 inclusive：“以上”含本数）';
    const ruleEn = exclusive ? ' (boundary exclusive: above the minimum)' : ' (boundary inclusive: the minimum itself counts)';
    for (let k = 1; k < levels.length; k++) {
      const lo = levels[k - 1];
      const hi = levels[k];
      if (lo.maxTotal === undefined || cmp(lo.minTotal, hi.minTotal) === 0) continue;
      const overlap = exclusive ? cmp(lo.maxTotal, hi.minTotal) > 0 : cmp(lo.maxTotal, hi.minTotal) >= 0;
      if (overlap) {
        const v = exclusive ? plus(hi.minTotal, step) : hi.minTotal;
        ctx.report({
          path: ['stars', 'levels', lo.i, 'maxTotal'],
          code: 'RUBRIC_STAR_BANDS_OVERLAP',
          message: `${lo.name}（${band(lo)}）与 ${hi.name}（${band(hi)}）重叠：总分 ${v} 同时落在两档${rule}`,
          messageEn: `${lo.name} (${bandEn(lo)}) overlaps ${hi.name} (${bandEn(hi)}): a total of ${v} is in both${ruleEn}`,
          received: lo.maxTotal,
          expected: exclusive ? `<= ${hi.minTotal}` : `< ${hi.minTotal}`,
        });
        continue;
      }
      // First total (at the step) above lo's band that hi does not cover.
      const v = plus(lo.maxTotal, step);
      const gap = exclusive ? cmp(v, hi.minTotal) <= 0 : cmp(v, hi.minTotal) < 0;
      if (gap) {
        const fix = exclusive ? hi.minTotal : minus(hi.minTotal, step);
        ctx.report({
          path: ['stars', 'levels', lo.i, 'maxTotal'],
          code: 'RUBRIC_STAR_BANDS_GAP',
          message: `${lo.name}（${band(lo)}）与 ${hi.name}（${band(hi)}）之间有空档：总分 ${v}（精度 ${digits} 位小数）不属于任何一档；可把上限改为 ${fix}${rule}`,
          messageEn: `Gap between ${lo.name} (${bandEn(lo)}) and ${hi.name} (${bandEn(hi)}): a total of ${v} (${digits} decimals) is in neither; set maxTotal to ${fix}${ruleEn}`,
          received: lo.maxTotal,
          expected: fix,
        });
      }
    }
  },
};
