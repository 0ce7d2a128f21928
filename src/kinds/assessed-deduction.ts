/**
 * 视情扣分 — a deduction the assessor chooses within a fixed range
 * ("按照现场查勘情况扣1-3分"): the entry is the number of points deducted,
 * 0 when nothing is found, else between `min` and `max`; the score is the
 * item's points minus it, never below the floor.
 */
import type { KindDef, RuleOf } from './types.js';
import { cmp, finite, minus, num } from './common.js';
import { big, decimalsOf, fmt, maxBig, toNumber } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import { t } from '../util/lang.js';

export const assessedDeduction: KindDef<RuleOf<'assessed-deduction'>> = {
  kind: 'assessed-deduction',
  name: ['视情扣分', 'assessed deduction'],
  input: () => ({ type: 'measure', unit: '分' }),
  scoreCell: 'formula',
  fromEntry(item, value, precision) {
    if (value.kind !== 'measure') return undefined;
    const r = item.rule;
    const d = finite(item, value.value, 'deduction');
    if (!d.eq(0) && (d.lt(r.min) || d.gt(r.max))) {
      throw new ValueProblem({ code: 'VALUE_DEDUCTION_RANGE', params: { item: itemRef(item), value: toNumber(d), min: r.min, max: r.max } });
    }
    if (decimalsOf(d) > precision) {
      throw new ValueProblem({ code: 'VALUE_TOO_PRECISE', params: { item: itemRef(item), role: 'deduction', value: toNumber(d), precision } });
    }
    return { kind: 'points', points: maxBig(big(r.floor ?? 0), big(item.points).minus(d)), input: `扣 ${fmt(d)} 分` };
  },
  checkScore(item, p) {
    // A score typed directly must come from an allowed deduction: points − d with d = 0 or min ≤ d ≤ max (or the floor).
    const r = item.rule;
    const d = big(item.points).minus(p);
    if (d.eq(0) || p.eq(r.floor ?? 0) || (d.gte(r.min) && d.lte(r.max))) return;
    throw new ValueProblem({ code: 'VALUE_DEDUCTION_SCORE', params: { item: itemRef(item), value: toNumber(p), points: item.points, min: r.min, max: r.max } });
  },
  describe: (r, _points, lang) => t(lang, `视情扣 ${r.min}–${r.max} 分，最低 ${r.floor ?? 0}`, `assessor deducts ${r.min}–${r.max}, floor ${r.floor ?? 0}`),
  inputHelp: (item) => `填写扣分：未发现问题填 0，否则按现场情况填 ${num(item.rule.min)}–${num(item.rule.max)} 分；最低${num(item.rule.floor ?? 0)}分`,
  formula(item, x) {
    const r = item.rule;
    return `IF(ISNUMBER(${x}),IF(OR(${x}=0,AND(${x}>=${num(r.min)},${x}<=${num(r.max)})),MAX(${num(r.floor ?? 0)},${num(item.points)}-${x}),""),"")`;
  },
  pointFields: (r) => [
    [['min'], r.min],
    [['max'], r.max],
    [['floor'], r.floor],
  ],
  checkRule(c, node, rule, at) {
    const p = node.points;
    const floor = rule.floor ?? 0;
    if (cmp(rule.min, rule.max) > 0) {
      c.invalid([...at, 'min'], 'RUBRIC_RULE_INVALID', { problem: 'min-above-max', min: rule.min, max: rule.max }, { received: rule.min, expected: `<= ${rule.max}` });
    }
    if (cmp(floor, p) > 0) c.exceeds([...at, 'floor'], floor, { part: 'floor' });
    else if (cmp(rule.max, minus(p, floor)) > 0) {
      c.invalid(
        [...at, 'max'],
        'RUBRIC_RULE_POINTLESS',
        { problem: 'assessed-max-above-loss', max: rule.max, loss: minus(p, floor) },
        { severity: 'warning', received: rule.max, expected: `<= ${minus(p, floor)}` },
      );
    }
  },
};
