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
    const band = (l: (typeof levels)[number]) => ({ name: l.name, minTotal: l.minTotal, ...(l.maxTotal !== undefined ? { maxTotal: l.maxTotal } : {}) });
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
          params: { lo: band(lo), hi: band(hi), total: v, exclusive },
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
          params: { lo: band(lo), hi: band(hi), total: v, digits, fix, exclusive },
          received: lo.maxTotal,
          expected: fix,
        });
      }
    }
  },
};
