import type { RubricRule } from './types.js';

/**
 * A quota (名额) is a share in (0, 1] of the stations competing for its
 * level. Any level may have one: batch applies them top-down, and a station
 * that loses a level's quota falls to the next level it meets and competes
 * for that level's quota too (src/score/apply-quota.ts).
 */
export const quotaValid: RubricRule = {
  name: 'quotaValid',
  description: 'A level quota has a share in (0, 1].',
  check(ctx) {
    const levels = ctx.data.stars.levels;
    levels.forEach((l, i) => {
      if (!l.quota) return;
      const share = l.quota.share;
      if (!(share > 0 && share <= 1)) {
        ctx.report({
          path: ['stars', 'levels', i, 'quota', 'share'],
          code: 'RUBRIC_QUOTA_SHARE',
          params: { name: l.name, level: l.level, share },
          received: share,
          expected: 'a number greater than 0 and at most 1',
        });
      }
    });
  },
};
