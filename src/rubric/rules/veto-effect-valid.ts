import type { RubricRule } from './types.js';
import { ref } from './helpers.js';

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
          params: { veto: ref(v) },
          expected: 'maxStars',
        });
      } else if (v.effect !== 'cap-star' && v.maxStars !== undefined) {
        ctx.report({
          path: [...at, 'maxStars'],
          code: 'RUBRIC_VETO_MAX_STARS_IGNORED',
          severity: 'warning',
          params: { veto: ref(v), effect: v.effect },
          received: v.maxStars,
        });
      } else if (v.effect === 'cap-star' && v.maxStars !== undefined && v.maxStars >= top) {
        ctx.report({
          path: [...at, 'maxStars'],
          code: 'RUBRIC_VETO_NO_EFFECT',
          severity: 'warning',
          params: { veto: ref(v), maxStars: v.maxStars, top },
          received: v.maxStars,
          expected: `< ${top}`,
        });
      }
    });
  },
};
