/** 单选 — a single choice among labelled options. */
import type { KindDef, RuleOf } from './types.js';
import { cmp, num, q } from './common.js';
import { big, toNumber } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';

export const choice: KindDef<RuleOf<'choice'>> = {
  kind: 'choice',
  name: ['单选', 'choice'],
  input: (item) => ({ type: 'option', labels: item.rule.options.map((o) => o.label) }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'option') return undefined;
    const rule = item.rule;
    const label = value.label.trim();
    const option = rule.options.find((o) => o.label === label);
    if (!option) {
      throw new ValueProblem({ code: 'VALUE_NO_OPTION', params: { item: itemRef(item), label, options: rule.options.map((o) => o.label) } });
    }
    return { kind: 'points', points: big(option.points), input: option.label };
  },
  checkScore(item, p) {
    const rule = item.rule;
    if (!rule.options.some((o) => big(o.points).eq(p))) {
      throw new ValueProblem({
        code: 'VALUE_OPTION_POINTS',
        params: { item: itemRef(item), value: toNumber(p), options: rule.options.map((o) => ({ label: o.label, points: toNumber(big(o.points)) })) },
      });
    }
  },
  describe: (rule) => rule.options.map((o) => `${o.label} ${o.points}`).join(' / '),
  inputHelp: (item) => `选择：${item.rule.options.map((o) => `${o.label}=${num(o.points)}分`).join('；')}`,
  formula: (item, x) => item.rule.options.reduceRight<string>((acc, o) => `IF(${x}=${q(o.label)},${num(o.points)},${acc})`, '""'),
  pointFields: (r) => r.options.map((o, i) => [['options', i, 'points'], o.points]),
  checkRule(c, node, rule, at) {
    const p = node.points;
    rule.options.forEach((o, i) => {
      if (cmp(o.points, p) > 0) c.exceeds([...at, 'options', i, 'points'], o.points, { part: 'option', label: o.label });
    });
    const best = Math.max(...rule.options.map((o) => o.points));
    if (cmp(best, p) < 0) c.unreachable([...at, 'options'], best, { part: 'best-option' });
  },
};
