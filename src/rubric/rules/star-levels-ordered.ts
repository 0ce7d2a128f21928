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
          message: `星级 level ${l.level}（${l.name}）重复`,
          messageEn: `Star level ${l.level} (${l.name}) is listed twice`,
          received: l.level,
        });
      } else byLevel.set(l.level, l.i);
      if (l.maxTotal !== undefined && cmp(l.maxTotal, l.minTotal) < 0) {
        ctx.report({
          path: ['stars', 'levels', l.i, 'maxTotal'],
          code: 'RUBRIC_STAR_BAND_INVERTED',
          message: `${l.name} 的上限 maxTotal ${l.maxTotal} 小于下限 minTotal ${l.minTotal}`,
          messageEn: `${l.name}: maxTotal ${l.maxTotal} is below minTotal ${l.minTotal}`,
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
          message: `${l.name} 要求${scale ? scale.name : '总分'}${stars.boundary === 'exclusive' ? '高于' : '达到'} ${l.minTotal}，但最高可得 ${max} 分${scale ? `（满分 ${unscaled} ÷ ${scale.divideBy}）` : ''}`,
          messageEn: `${l.name} needs a total ${stars.boundary === 'exclusive' ? 'above' : 'of at least'} ${l.minTotal} but the maximum is ${max}`,
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
          message: `${hi.name}（level ${hi.level}）的最低总分 ${hi.minTotal} 应高于 ${lo.name}（level ${lo.level}）的 ${lo.minTotal}`,
          messageEn: `${hi.name} (level ${hi.level}) needs minTotal above ${lo.name} (level ${lo.level}, ${lo.minTotal}), found ${hi.minTotal}`,
          received: hi.minTotal,
          expected: `> ${lo.minTotal}`,
        });
      }
    }
  },
};
