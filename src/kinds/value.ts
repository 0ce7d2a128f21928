/**
 * 记录值 — a measured value recorded for per-level prerequisites and
 * conditions, worth no points: 入住老人数, 护理员人数, 入住率 (%). The entry is
 * the number; the score is always 0.
 */
import type { KindDef, RuleOf } from './types.js';
import { finite, nonNegativeInteger, unitSuffix } from './common.js';
import { ZERO, fmt, toNumber } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import { t } from '../util/lang.js';

export const value: KindDef<RuleOf<'value'>> = {
  kind: 'value',
  name: ['记录值', 'value'],
  input: (item) => (item.rule.integer ? { type: 'count', unit: item.rule.unit } : { type: 'measure', unit: item.rule.unit }),
  scoreCell: 'none',
  worthZero: true,
  fromEntry(item, entry) {
    if (entry.kind !== 'measure' && entry.kind !== 'count') return undefined;
    const raw = entry.kind === 'measure' ? entry.value : entry.count;
    const v = item.rule.integer ? nonNegativeInteger(item, raw, 'value') : finite(item, raw, 'value');
    if (v.lt(0)) throw new ValueProblem({ code: 'VALUE_NEGATIVE', params: { item: itemRef(item), role: 'value', value: toNumber(v) } });
    return { kind: 'points', points: ZERO, input: `${fmt(v)}${unitSuffix(item.rule.unit)}`, value: v };
  },
  checkScore(item) {
    throw new ValueProblem({ code: 'VALUE_RECORD_POINTS', params: { item: itemRef(item) } });
  },
  describe: (rule, _points, lang) => t(lang, `记录数值${rule.unit ? `（${rule.unit}）` : ''}，不计分`, `records a value${rule.unit ? ` (${rule.unit})` : ''}; no points`),
  inputHelp: (item) => `记录值，不计分：填写${item.rule.integer ? '整数' : '数值'}${item.rule.unit ? `（${item.rule.unit}）` : ''}，用于必备项和适用条件`,
  pointFields: () => [],
  checkRule(c, node, _rule, at) {
    if (node.points !== 0) {
      c.invalid(at.slice(0, -1).concat('points'), 'RUBRIC_VALUE_POINTS', { points: node.points }, { received: node.points, expected: 0 });
    }
  },
};
