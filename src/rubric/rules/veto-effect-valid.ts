import type { RubricRule } from './types.js';

/** A cap-star veto says its cap; a cap that changes nothing is a warning. */
export const vetoEffectValid: RubricRule = {
  name: 'vetoEffectValid',
  description: 'A cap-star veto gives maxStars below the highest level; other effects do not use maxStars.',
  check(ctx) {
    const top = Math.max(...ctx.data.stars.levels.map((l) => l.level));
    ctx.data.vetoes.forEach((v, i) => {
      const at = ['vetoes', i];
      if (v.effect === 'cap-star' && v.maxStars === undefined) {
        ctx.report({
          path: [...at, 'effect'],
          code: 'RUBRIC_VETO_MAX_STARS_MISSING',
          message: `否决项 ${v.id}「${v.name}」的效果是 cap-star（限制星级），需要给出 maxStars（最高星级）`,
          messageEn: `Veto ${v.id} "${v.name}" has effect cap-star and needs maxStars`,
          expected: 'maxStars',
        });
      } else if (v.effect !== 'cap-star' && v.maxStars !== undefined) {
        ctx.report({
          path: [...at, 'maxStars'],
          code: 'RUBRIC_VETO_MAX_STARS_IGNORED',
          severity: 'warning',
          message: `否决项 ${v.id}「${v.name}」的效果是 ${v.effect}，maxStars 不起作用（只用于 cap-star）`,
          messageEn: `Veto ${v.id} "${v.name}" has effect ${v.effect}; maxStars is ignored (only cap-star uses it)`,
          received: v.maxStars,
        });
      } else if (v.effect === 'cap-star' && v.maxStars !== undefined && v.maxStars >= top) {
        ctx.report({
          path: [...at, 'maxStars'],
          code: 'RUBRIC_VETO_NO_EFFECT',
          severity: 'warning',
          message: `否决项 ${v.id}「${v.name}」限制最高 ${v.maxStars} 星，但细则最高星级就是 ${top}，限制不起作用`,
          messageEn: `Veto ${v.id} "${v.name}" caps at ${v.maxStars} stars but the highest level is ${top}; the cap changes nothing`,
          received: v.maxStars,
          expected: `< ${top}`,
        });
      }
    });
  },
};
