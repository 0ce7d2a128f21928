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
          params: { name: l.name, level: l.level, first: stars.levels[first].level },
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
        params: { noLevelName: stars.noLevelName, level: stars.levels[clash].level },
        received: stars.noLevelName,
        expected: 'a name no level has',
      });
    }
  },
};
