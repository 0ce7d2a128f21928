import type { RubricRule } from './types.js';

/**
 * A quota (名额) is a share in (0, 1] of the qualifying stations, and sits on
 * the highest level only: a station that loses it drops to the next level
 * whose rules it meets, so a quota below the top would make the level above
 * it reachable while the quota level itself is not.
 */
export const quotaValid: RubricRule = {
  name: 'quotaValid',
  description: 'A level quota has a share in (0, 1] and sits on the highest level only.',
  check(ctx) {
    const levels = ctx.data.stars.levels;
    const top = Math.max(...levels.map((l) => l.level));
    levels.forEach((l, i) => {
      if (!l.quota) return;
      const share = l.quota.share;
      if (!(share > 0 && share <= 1)) {
        ctx.report({
          path: ['stars', 'levels', i, 'quota', 'share'],
          code: 'RUBRIC_QUOTA_SHARE',
          message: `${l.name}的名额比例 ${share} 不在 (0, 1] 之内（前10% 写作 0.1）`,
          messageEn: `the quota share ${share} of level ${l.level} is not in (0, 1] (top 10 % is 0.1)`,
          received: share,
          expected: 'a number greater than 0 and at most 1',
        });
      }
      if (l.level !== top) {
        ctx.report({
          path: ['stars', 'levels', i, 'quota'],
          code: 'RUBRIC_QUOTA_NOT_TOP',
          message: `名额限制只能设在最高等级上；${l.name}（level ${l.level}）不是最高等级（最高为 level ${top}）`,
          messageEn: `a quota may only be set on the highest level; level ${l.level} is not the highest (${top})`,
          key: true,
          received: l.level,
          expected: `level ${top}`,
        });
      }
    });
  },
};
