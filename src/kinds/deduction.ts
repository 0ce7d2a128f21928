/** 扣分制 — a deduction per occurrence from the maximum, never below the floor (扣完为止). */
import type { KindDef, RuleOf } from './types.js';
import { checkAttainable, cmp, minus, nonNegativeInteger, num, steps } from './common.js';
import { big, fmt, maxBig, minBig } from '../score/decimal.js';
import { t } from '../util/lang.js';

export const deduction: KindDef<RuleOf<'deduction'>> = {
  kind: 'deduction',
  name: ['扣分制', 'deduction'],
  input: () => ({ type: 'count', unit: '次' }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'count') return undefined;
    const rule = item.rule;
    const n = nonNegativeInteger(item, value.count, 'deductions');
    const deducted = rule.maxDeduction === undefined ? n.times(rule.per) : minBig(n.times(rule.per), big(rule.maxDeduction));
    const points = maxBig(big(rule.floor ?? 0), big(item.points).minus(deducted));
    return { kind: 'points', points, input: `扣 ${fmt(n)} 处` };
  },
  checkScore(item, p) {
    const r = item.rule;
    const lowest = maxBig(big(r.floor ?? 0), big(item.points).minus(r.maxDeduction ?? item.points));
    checkAttainable(item, p, steps(big(item.points), big(r.per).times(-1), lowest));
  },
  describe: (rule, _points, lang) =>
    rule.maxDeduction === undefined
      ? t(lang, `每处扣 ${rule.per}，最低 ${rule.floor ?? 0}`, `-${rule.per} per occurrence, floor ${rule.floor ?? 0}`)
      : t(lang, `每处扣 ${rule.per}，最多扣 ${rule.maxDeduction}，最低 ${rule.floor ?? 0}`, `-${rule.per} per occurrence, at most -${rule.maxDeduction}, floor ${rule.floor ?? 0}`),
  inputHelp: (item) =>
    `填写缺项/不符合的次数：每次扣${num(item.rule.per)}分，${item.rule.maxDeduction === undefined ? '' : `最多扣${num(item.rule.maxDeduction)}分，`}最低${num(item.rule.floor ?? 0)}分`,
  formula: (item, x) => {
    const r = item.rule;
    const deducted = r.maxDeduction === undefined ? `${x}*${num(r.per)}` : `MIN(${num(r.maxDeduction)},${x}*${num(r.per)})`;
    return `IF(ISNUMBER(${x}),MAX(${num(r.floor ?? 0)},${num(item.points)}-${deducted}),"")`;
  },
  pointFields: (r) => [
    [['per'], r.per],
    [['floor'], r.floor],
    [['maxDeduction'], r.maxDeduction],
  ],
  checkRule(c, node, rule, at) {
    const p = node.points;
    const floor = rule.floor ?? 0;
    if (cmp(floor, p) > 0) c.exceeds([...at, 'floor'], floor, { part: 'floor' });
    else if (p > 0 && cmp(floor, p) === 0) c.invalid([...at, 'floor'], 'RUBRIC_RULE_POINTLESS', { problem: 'floor-equals-points', points: p }, { severity: 'warning' });
    else if (cmp(rule.per, minus(p, floor)) > 0) c.invalid([...at, 'per'], 'RUBRIC_RULE_POINTLESS', { problem: 'per-above-loss', per: rule.per, loss: minus(p, floor) }, { severity: 'warning' });
    if (rule.maxDeduction !== undefined) {
      if (cmp(rule.maxDeduction, rule.per) < 0)
        c.invalid(
          [...at, 'maxDeduction'],
          'RUBRIC_RULE_INVALID',
          { problem: 'max-deduction-below-per', maxDeduction: rule.maxDeduction, per: rule.per },
          { received: rule.maxDeduction, expected: `>= ${rule.per}` },
        );
      else if (cmp(rule.maxDeduction, minus(p, floor)) > 0)
        c.invalid(
          [...at, 'maxDeduction'],
          'RUBRIC_RULE_POINTLESS',
          { problem: 'max-deduction-above-loss', maxDeduction: rule.maxDeduction, loss: minus(p, floor), floor },
          { severity: 'warning', received: rule.maxDeduction, expected: `<= ${minus(p, floor)}` },
        );
    }
  },
};
