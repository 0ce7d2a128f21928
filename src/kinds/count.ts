/** 计数 — count with base, increment and cap: "3 staff → 5 points, +1 per extra person, at most 15". */
import type { KindDef, RuleOf } from './types.js';
import { checkAttainable, cmp, nonNegativeInteger, num, steps, unitSuffix } from './common.js';
import { big, fmt, minBig } from '../score/decimal.js';
import { t } from '../util/lang.js';

export const count: KindDef<RuleOf<'count'>> = {
  kind: 'count',
  name: ['计数', 'count'],
  input: (item) => ({ type: 'count', unit: item.rule.unit }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'count') return undefined;
    const rule = item.rule;
    const n = nonNegativeInteger(item, value.count, 'count');
    const input = `${fmt(n)}${unitSuffix(rule.unit)}`;
    if (n.lt(rule.base.count)) return { kind: 'points', points: big(rule.below ?? 0), input, value: n };
    const raw = big(rule.base.points).plus(n.minus(rule.base.count).times(rule.increment));
    return { kind: 'points', points: minBig(raw, big(rule.cap ?? item.points)), input, value: n };
  },
  checkScore(item, p) {
    const r = item.rule;
    const reached = steps(big(r.base.points), big(r.increment), big(r.cap ?? item.points));
    checkAttainable(item, p, r.base.count > 0 ? [big(r.below ?? 0), ...reached] : reached);
  },
  describe(rule, points, lang) {
    const u = rule.unit ?? '';
    return t(
      lang,
      `${rule.base.count}${u} → ${rule.base.points}，每多 1${u} +${rule.increment}，最多 ${rule.cap ?? points}${rule.below !== undefined ? `；不足 ${rule.base.count}${u} 得 ${rule.below}` : ''}`,
      `${rule.base.count}${u ? ` ${u}` : ''} → ${rule.base.points}, +${rule.increment} each more, at most ${rule.cap ?? points}${rule.below !== undefined ? `; below ${rule.base.count}: ${rule.below}` : ''}`,
    );
  },
  inputHelp: (item) => {
    const r = item.rule;
    return `填写数量${r.unit ? `（${r.unit}）` : ''}：${r.base.count}${r.unit ?? ''}得${num(r.base.points)}分，每多1加${num(r.increment)}分，最高${num(r.cap ?? item.points)}分`;
  },
  formula(item, x) {
    const r = item.rule;
    const cap = num(r.cap ?? item.points);
    return `IF(ISNUMBER(${x}),IF(${x}<${r.base.count},${num(r.below ?? 0)},MIN(${cap},${num(r.base.points)}+(${x}-${r.base.count})*${num(r.increment)})),"")`;
  },
  pointFields: (r) => [
    [['base', 'points'], r.base.points],
    [['increment'], r.increment],
    [['cap'], r.cap],
    [['below'], r.below],
  ],
  checkRule(c, node, rule, at) {
    const p = node.points;
    if (cmp(rule.base.points, p) > 0) c.exceeds([...at, 'base', 'points'], rule.base.points, { part: 'base.points' });
    if (rule.cap !== undefined && cmp(rule.cap, p) > 0) c.exceeds([...at, 'cap'], rule.cap, { part: 'cap' });
    const cap = rule.cap ?? p;
    if (cmp(rule.base.points, cap) > 0 && cmp(cap, p) <= 0) {
      c.invalid([...at, 'cap'], 'RUBRIC_RULE_INVALID', { problem: 'cap-below-base', cap, base: rule.base.points });
    }
    const best = rule.increment > 0 ? Math.min(cap, p) : Math.min(rule.base.points, p);
    if (cmp(best, p) < 0) {
      c.unreachable(rule.increment > 0 ? [...at, 'cap'] : [...at, 'increment'], best, { part: rule.increment > 0 ? 'count-cap' : 'no-increment' });
    }
    const below = rule.below ?? 0;
    if (cmp(below, rule.base.points) > 0) {
      c.invalid([...at, 'below'], 'RUBRIC_RULE_NOT_MONOTONIC', { below, base: rule.base.points }, { severity: 'warning' });
    }
  },
};
