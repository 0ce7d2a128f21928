/** 控制项 — control / prerequisite item: no points, must be met for any star. */
import type { KindDef, RuleOf } from './types.js';
import { ZERO } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import { t } from '../util/lang.js';

export const control: KindDef<RuleOf<'control'>> = {
  kind: 'control',
  name: ['控制项', 'control'],
  input: () => ({ type: 'yes-no' }),
  scoreCell: 'none',
  worthZero: true,
  fromEntry(_item, value) {
    if (value.kind !== 'met') return undefined;
    return { kind: 'points', points: ZERO, met: value.met, input: value.met ? '是' : '否' };
  },
  checkScore(item) {
    throw new ValueProblem({ code: 'VALUE_CONTROL_POINTS', params: { item: itemRef(item) } });
  },
  describe: (_rule, _points, lang) => t(lang, '不计分，星级前提', 'no points; required for a star'),
  inputHelp: () => '控制项，不计分：选择 是/否；未达到者不能评星',
  pointFields: () => [],
  checkRule() {
    // Worth zero: controlItemsWorthZero.
  },
};
