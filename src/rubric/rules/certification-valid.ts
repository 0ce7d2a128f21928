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
        message: `首次评定最高 ${cap} 星，但 stars.levels 中没有 level: ${cap}`,
        messageEn: `First rating is capped at level ${cap}, but stars.levels has no level ${cap}`,
        received: cap,
        expected: levels.join(' | '),
      });
    } else if (cap >= top) {
      ctx.report({
        path: at,
        code: 'RUBRIC_CERT_CAP_NO_EFFECT',
        severity: 'warning',
        message: `首次评定最高 ${cap} 星，但细则最高星级就是 ${top}，限制不起作用`,
        messageEn: `First rating is capped at ${cap} stars but the highest level is ${top}; the cap changes nothing`,
        received: cap,
        expected: `< ${top}`,
      });
    }
  },
};
