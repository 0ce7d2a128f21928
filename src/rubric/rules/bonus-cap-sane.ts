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
        message: `加分项上限 cap 为 ${bonus.cap}，加分项永远不加分`,
        messageEn: `The bonus cap is ${bonus.cap}; bonus items never add anything`,
        received: bonus.cap,
        expected: '> 0',
      });
    } else if (cmp(bonus.cap, itemsTotal) > 0) {
      ctx.report({
        path: ['bonus', 'cap'],
        code: 'RUBRIC_BONUS_CAP_UNREACHABLE',
        severity: 'warning',
        message: `加分项上限 cap ${bonus.cap} 高于全部加分项合计 ${itemsTotal}，上限达不到`,
        messageEn: `The bonus cap ${bonus.cap} is above the sum of all bonus items (${itemsTotal}); it can never be reached`,
        received: bonus.cap,
        expected: `<= ${itemsTotal}`,
      });
    }
  },
};
