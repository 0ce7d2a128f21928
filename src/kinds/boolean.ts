/** 达标/不达标 — met / not met: full points when met, 0 (or `unmetPoints`) otherwise. */
import type { KindDef, RuleOf } from './types.js';
import { cmp, num } from './common.js';
import { big, toNumber } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import { t } from '../util/lang.js';

export const boolean: KindDef<RuleOf<'boolean'>> = {
  kind: 'boolean',
  name: ['达标/不达标', 'met/not met'],
  input: () => ({ type: 'yes-no' }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'met') return undefined;
    const points = value.met ? big(item.points) : big(item.rule.unmetPoints ?? 0);
    return { kind: 'points', points, met: value.met, input: value.met ? '是' : '否' };
  },
  checkScore(item, p) {
    const allowed = [big(item.points), big(item.rule.unmetPoints ?? 0)];
    if (!allowed.some((a) => a.eq(p))) {
      throw new ValueProblem({ code: 'VALUE_BOOLEAN_POINTS', params: { item: itemRef(item), value: toNumber(p), allowed: allowed.map(toNumber) } });
    }
  },
  metFromScore: (item, p) => p.eq(item.points) && !p.eq(item.rule.unmetPoints ?? 0),
  describe: (rule, points, lang) => t(lang, `达标 ${points} / 不达标 ${rule.unmetPoints ?? 0}`, `met ${points} / not met ${rule.unmetPoints ?? 0}`),
  inputHelp: (item) => `选择 是/否（是=${num(item.points)}分，否=${num(item.rule.unmetPoints ?? 0)}分）`,
  formula: (item, x) => `IF(${x}="是",${num(item.points)},IF(${x}="否",${num(item.rule.unmetPoints ?? 0)},""))`,
  pointFields: (r) => [[['unmetPoints'], r.unmetPoints]],
  checkRule(c, node, rule, at) {
    const p = node.points;
    const unmet = rule.unmetPoints ?? 0;
    if (cmp(unmet, p) > 0) c.exceeds([...at, 'unmetPoints'], unmet, { part: 'unmetPoints' });
    else if (p > 0 && cmp(unmet, p) === 0) c.invalid([...at, 'unmetPoints'], 'RUBRIC_RULE_POINTLESS', { problem: 'unmet-equals-met', points: p }, { severity: 'warning' });
  },
};
