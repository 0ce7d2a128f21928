import type { RubricRule } from './types.js';

/** The certification section fits the star levels: the first-rating cap is a level that exists and actually limits something. */
export const certificationValid: RubricRule = {
  name: 'certificationValid',
  description: 'certification.firstRatingMaxStars is an existing star level below the highest one.',
  check(ctx) {
    const cert = ctx.data.certification;
    if (!cert || cert.firstRatingMaxStars === undefined) return;
    const levels = ctx.data.stars.levels.map((l) => l.level);
    const top = Math.max(...levels);
    const cap = cert.firstRatingMaxStars;
    const at = ['certification', 'firstRatingMaxStars'];
    if (!levels.includes(cap) && cap < top) {
      ctx.report({
        path: at,
        code: 'RUBRIC_CERT_CAP_UNKNOWN_LEVEL',
        params: { cap },
        received: cap,
        expected: levels.join(' | '),
      });
    } else if (cap >= top) {
      ctx.report({
        path: at,
        code: 'RUBRIC_CERT_CAP_NO_EFFECT',
        severity: 'warning',
        params: { cap, top },
        received: cap,
        expected: `< ${top}`,
      });
    }
  },
};
