import type { RubricRule } from './types.js';
import Big from 'big.js';
import { cmp, plus } from './helpers.js';
import { scaleTotal } from '../../score/scale.js';

/** Star levels are unique, a higher level needs a strictly higher minimum total, and every level is reachable. */
export const starLevelsOrdered: RubricRule = {
  name: 'starLevelsOrdered',
  description: 'Star levels are unique; a higher level needs a higher minTotal; bands are not inverted; every level is reachable.',
  check(ctx) {
    const { stars, total, bonus, clampTotal, scale } = ctx.data;
    const levels = stars.levels.map((l, i) => ({ ...l, i }));
    const byLevel = new Map<number, number>();
    for (const l of levels) {
      if (byLevel.has(l.level)) {
        ctx.report({
          path: ['stars', 'levels', l.i, 'level'],
          code: 'RUBRIC_STAR_LEVEL_DUPLICATE',
          params: { level: l.level, name: l.name },
          received: l.level,
        });
      } else byLevel.set(l.level, l.i);
      if (l.maxTotal !== undefined && cmp(l.maxTotal, l.minTotal) < 0) {
        ctx.report({
          path: ['stars', 'levels', l.i, 'maxTotal'],
          code: 'RUBRIC_STAR_BAND_INVERTED',
          params: { name: l.name, minTotal: l.minTotal, maxTotal: l.maxTotal },
          received: l.maxTotal,
          expected: `>= ${l.minTotal}`,
        });
      }
      const unscaled = clampTotal || !bonus ? total : plus(total, bonus.cap);
      // With a scale factor, levels compare the scaled total.
      const max = scale ? Number(scaleTotal(new Big(unscaled), scale).toString()) : unscaled;
      const unreachable = stars.boundary === 'exclusive' ? cmp(l.minTotal, max) >= 0 : cmp(l.minTotal, max) > 0;
      if (unreachable) {
        ctx.report({
          path: ['stars', 'levels', l.i, 'minTotal'],
          code: 'RUBRIC_STAR_UNREACHABLE',
          params: { name: l.name, minTotal: l.minTotal, max, exclusive: stars.boundary === 'exclusive', ...(scale ? { scale: { name: scale.name, divideBy: scale.divideBy, unscaled } } : {}) },
          received: l.minTotal,
          expected: `${stars.boundary === 'exclusive' ? '<' : '<='} ${max}`,
        });
      }
    }
    const sorted = [...levels].sort((a, b) => a.level - b.level);
    for (let k = 1; k < sorted.length; k++) {
      const lo = sorted[k - 1];
      const hi = sorted[k];
      if (lo.level === hi.level) continue;
      if (cmp(hi.minTotal, lo.minTotal) <= 0) {
        ctx.report({
          path: ['stars', 'levels', hi.i, 'minTotal'],
          code: 'RUBRIC_STAR_NOT_ORDERED',
          params: { lo: { name: lo.name, level: lo.level, minTotal: lo.minTotal }, hi: { name: hi.name, level: hi.level, minTotal: hi.minTotal } },
          received: hi.minTotal,
          expected: `> ${lo.minTotal}`,
        });
      }
    }
  },
};
