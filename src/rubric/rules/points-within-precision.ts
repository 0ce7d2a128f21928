import type { DataPath } from '../diagnostics.js';
import type { RubricRule } from './types.js';
import { decimals, nodes } from './helpers.js';

/** No point value has more decimals than the rubric's `precision`. */
export const pointsWithinPrecision: RubricRule = {
  name: 'pointsWithinPrecision',
  description: 'Point values have no more decimals than `precision`.',
  check(ctx) {
    const precision = ctx.data.precision;
    const check = (path: DataPath, value: number | undefined) => {
      if (value === undefined) return;
      const d = decimals(value);
      if (d <= precision) return;
      ctx.report({
        path,
        code: 'RUBRIC_PRECISION',
        message: `分值 ${value} 有 ${d} 位小数，超过细则精度 precision: ${precision}`,
        messageEn: `${value} has ${d} decimals, more than the rubric's precision ${precision}`,
        received: value,
        expected: `<= ${precision} decimals`,
      });
    };
    const d = ctx.data;
    check(['total'], d.total);
    for (const { node, path } of nodes(d)) {
      check([...path, 'points'], node.points);
      const r = node.scoring;
      const at = [...path, 'scoring'];
      if (!r) continue;
      switch (r.kind) {
        case 'range':
          check([...at, 'min'], r.min);
          check([...at, 'step'], r.step);
          break;
        case 'boolean':
          check([...at, 'unmetPoints'], r.unmetPoints);
          break;
        case 'choice':
          r.options.forEach((o, i) => check([...at, 'options', i, 'points'], o.points));
          break;
        case 'checklist':
          r.conditions.forEach((c, i) => check([...at, 'conditions', i, 'points'], c.points));
          break;
        case 'tiers':
          r.tiers.forEach((t, i) => check([...at, 'tiers', i, 'points'], t.points));
          check([...at, 'otherwise'], r.otherwise);
          break;
        case 'count':
          check([...at, 'base', 'points'], r.base.points);
          check([...at, 'increment'], r.increment);
          check([...at, 'cap'], r.cap);
          check([...at, 'below'], r.below);
          break;
        case 'deduction':
          check([...at, 'per'], r.per);
          check([...at, 'floor'], r.floor);
          break;
        case 'graded':
          r.grades.forEach((g, i) => {
            check([...at, 'grades', i, 'min'], g.min);
            check([...at, 'grades', i, 'max'], g.max);
          });
          break;
        case 'control':
          break;
      }
    }
    check(['bonus', 'cap'], d.bonus?.cap);
    d.stars.levels.forEach((l, i) => {
      check(['stars', 'levels', i, 'minTotal'], l.minTotal);
      check(['stars', 'levels', i, 'maxTotal'], l.maxTotal);
      check(['stars', 'levels', i, 'moduleMinimum', 'points'], l.moduleMinimum?.points);
      for (const [id, m] of Object.entries(l.moduleMinimums ?? {})) check(['stars', 'levels', i, 'moduleMinimums', id, 'points'], m.points);
    });
    d.reconciliation.tolerance.forEach((t, i) => check(['reconciliation', 'tolerance', i, 'points'], t.points));
  },
};
