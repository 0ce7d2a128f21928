import type { RubricRule } from './types.js';
import { cmp, sum } from './helpers.js';

/** The bonus pool's cap is positive and reachable by its items (warnings). */
export const bonusCapSane: RubricRule = {
  name: 'bonusCapSane',
  description: 'The bonus cap is above 0 and not above the sum of the bonus items.',
  check(ctx) {
    const bonus = ctx.data.bonus;
    if (!bonus) return;
    const itemsTotal = sum(bonus.items.map((i) => i.points));
    if (bonus.cap <= 0) {
      ctx.report({
        path: ['bonus', 'cap'],
        code: 'RUBRIC_BONUS_CAP_ZERO',
        severity: 'warning',
        params: { cap: bonus.cap },
        received: bonus.cap,
        expected: '> 0',
      });
    } else if (cmp(bonus.cap, itemsTotal) > 0) {
      ctx.report({
        path: ['bonus', 'cap'],
        code: 'RUBRIC_BONUS_CAP_UNREACHABLE',
        severity: 'warning',
        params: { cap: bonus.cap, itemsTotal },
        received: bonus.cap,
        expected: `<= ${itemsTotal}`,
      });
    }
  },
};
