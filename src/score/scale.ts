/**
 * A scale factor on the total (GB/T 50378-2019: Q = (Q0 + Q1 + … + Q5 + QA) / 10):
 * the total divided by `divideBy`, rounded half up to `digits` decimals,
 * exactly. Star levels compare the scaled total; modules keep their points, so
 * module subtotals still add up to the (unscaled) total.
 */
import type { Scale } from '../rubric/schema.js';
import { big, divRoundHalfUp, type Big } from './decimal.js';

export function scaleTotal(total: Big, scale: Pick<Scale, 'divideBy' | 'digits'>): Big {
  return divRoundHalfUp(total, big(scale.divideBy), scale.digits);
}
