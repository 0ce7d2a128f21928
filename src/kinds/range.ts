/** 区间打分 — free points within a range: the assessor gives min..points (optionally in steps). */
import Big from 'big.js';
import type { KindDef, RuleOf } from './types.js';
import { cmp, num } from './common.js';
import { big, toNumber } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import { t } from '../util/lang.js';

export const range: KindDef<RuleOf<'range'>> = {
  kind: 'range',
  name: ['区间打分', 'range'],
  input: (item) => ({ type: 'score', min: item.rule.min ?? 0 }),
  scoreCell: 'typed',
  fromEntry: () => undefined,
  checkScore(item, p) {
    const r = item.rule;
    const min = big(r.min ?? 0);
    if (p.lt(min)) throw new ValueProblem({ code: 'VALUE_BELOW_MIN', params: { item: itemRef(item), value: toNumber(p), min: toNumber(min) } });
    if (r.step !== undefined && !p.mod(r.step).eq(0)) {
      throw new ValueProblem({ code: 'VALUE_NOT_STEP', params: { item: itemRef(item), value: toNumber(p), step: toNumber(big(r.step)) } });
    }
  },
  describe: (rule, points, lang) => `${rule.min ?? 0}–${points}${rule.step !== undefined ? t(lang, `，步长 ${rule.step}`, `, step ${rule.step}`) : ''}`,
  inputHelp: (item) => `直接在“得分”栏填写 ${num(item.rule.min ?? 0)}–${num(item.points)} 分${item.rule.step ? `（以 ${num(item.rule.step)} 分为单位）` : ''}`,
  pointFields: (r) => [
    [['min'], r.min],
    [['step'], r.step],
  ],
  checkRule(c, node, rule, at) {
    const p = node.points;
    const min = rule.min ?? 0;
    if (cmp(min, p) > 0) c.exceeds([...at, 'min'], min, { part: 'min' });
    else if (rule.step !== undefined && !new Big(p).minus(min).mod(rule.step).eq(0)) {
      c.invalid([...at, 'step'], 'RUBRIC_RULE_UNREACHABLE', { step: rule.step, min, points: p });
    }
  },
};
