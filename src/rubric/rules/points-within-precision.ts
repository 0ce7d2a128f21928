import type { DataPath } from '../diagnostics.js';
import type { RubricRule } from './types.js';
import { decimals, nodes } from './helpers.js';
import { kindOf } from '../../kinds/index.js';

/** No point value has more decimals than the rubric's `precision`. */
export const pointsWithinPrecision: RubricRule = {
  name: 'pointsWithinPrecision',
  description: 'Point values have no more decimals than `precision`.',
  check(ctx) {
    const precision = ctx.data.precision;
    const check = (path: DataPath, value: number | undefined, digits = precision, key = 'precision') => {
      if (value === undefined) return;
      const d = decimals(value);
      if (d <= digits) return;
      ctx.report({
        path,
        code: 'RUBRIC_PRECISION',
        params: { value, decimals: d, key, digits },
        received: value,
        expected: `<= ${digits} decimals`,
      });
    };
    // Star thresholds compare the scaled total when the rubric scales it.
    const starDigits = d0(ctx.data.scale?.digits, precision);
    const starKey = ctx.data.scale ? 'scale.digits' : 'precision';
    const d = ctx.data;
    check(['total'], d.total);
    for (const { node, path } of nodes(d)) {
      check([...path, 'points'], node.points);
      const r = node.scoring;
      const at = [...path, 'scoring'];
      if (!r) continue;
      for (const [field, value] of kindOf(r).pointFields(r)) check([...at, ...field], value);
    }
    check(['bonus', 'cap'], d.bonus?.cap);
    d.stars.levels.forEach((l, i) => {
      check(['stars', 'levels', i, 'minTotal'], l.minTotal, starDigits, starKey);
      check(['stars', 'levels', i, 'maxTotal'], l.maxTotal, starDigits, starKey);
      check(['stars', 'levels', i, 'moduleMinimum', 'points'], l.moduleMinimum?.points);
      for (const [id, m] of Object.entries(l.moduleMinimums ?? {})) check(['stars', 'levels', i, 'moduleMinimums', id, 'points'], m.points);
    });
    d.reconciliation.tolerance.forEach((t, i) => check(['reconciliation', 'tolerance', i, 'points'], t.points));
  },
};

function d0(value: number | undefined, fallback: number): number {
  return value ?? fallback;
}
