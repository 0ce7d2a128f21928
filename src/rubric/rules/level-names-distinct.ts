import type { RubricRule } from './types.js';

/**
 * Level names are distinct, and the name of "no level reached" (stars.noLevelName,
 * e.g. 不合格) is none of them: a report saying 合格 must mean one thing.
 */
export const levelNamesDistinct: RubricRule = {
  name: 'levelNamesDistinct',
  description: 'Star / level names are distinct, and stars.noLevelName is not the name of a level.',
  check(ctx) {
    const { stars } = ctx.data;
    const seen = new Map<string, number>();
    stars.levels.forEach((l, i) => {
      const first = seen.get(l.name);
      if (first !== undefined) {
        ctx.report({
          path: ['stars', 'levels', i, 'name'],
          code: 'RUBRIC_LEVEL_NAME_DUPLICATE',
          message: `等级名称「${l.name}」重复（level ${stars.levels[first].level} 与 level ${l.level}）`,
          messageEn: `level name "${l.name}" is used twice (level ${stars.levels[first].level} and level ${l.level})`,
          received: l.name,
          expected: 'a name no other level has',
        });
      } else seen.set(l.name, i);
    });
    const clash = stars.noLevelName === undefined ? undefined : seen.get(stars.noLevelName);
    if (stars.noLevelName !== undefined && clash !== undefined) {
      ctx.report({
        path: ['stars', 'noLevelName'],
        code: 'RUBRIC_LEVEL_NAME_DUPLICATE',
        message: `未达到任何等级时的名称「${stars.noLevelName}」与 level ${stars.levels[clash].level} 的名称相同`,
        messageEn: `noLevelName "${stars.noLevelName}" is also the name of level ${stars.levels[clash].level}`,
        received: stars.noLevelName,
        expected: 'a name no level has',
      });
    }
  },
};
