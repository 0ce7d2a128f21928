/** 分档 — tiers on a measured value: the highest tier whose `min` the value reaches. */
import type { KindDef, RuleOf } from './types.js';
import { checkAttainable, cmp, finite, num, unitSuffix } from './common.js';
import { big, fmt, type Big } from '../score/decimal.js';
import { t } from '../util/lang.js';

export const tiers: KindDef<RuleOf<'tiers'>> = {
  kind: 'tiers',
  name: ['分档', 'tiers'],
  input: (item) => ({ type: 'measure', unit: item.rule.unit }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'measure') return undefined;
    const rule = item.rule;
    const v = finite(item, value.value, 'measure');
    let points: Big | null = null;
    for (const tier of rule.tiers) {
      if (v.gte(tier.min) && (points === null || big(tier.points).gt(points))) points = big(tier.points);
    }
    return { kind: 'points', points: points ?? big(rule.otherwise ?? 0), input: `${fmt(v)}${unitSuffix(rule.unit)}`, value: v };
  },
  checkScore(item, p) {
    checkAttainable(item, p, [...item.rule.tiers.map((x) => big(x.points)), big(item.rule.otherwise ?? 0)]);
  },
  describe(rule, _points, lang) {
    const list = [...rule.tiers].sort((a, b) => b.min - a.min).map((x) => `≥${x.min}${rule.unit ?? ''} → ${x.points}`);
    return [...list, t(lang, `否则 ${rule.otherwise ?? 0}`, `else ${rule.otherwise ?? 0}`)].join(' / ');
  },
  inputHelp(item) {
    const r = item.rule;
    const sorted = [...r.tiers].sort((a, b) => b.min - a.min);
    const unit = r.unit ?? '';
    return `填写实测值${unit ? `（${unit}）` : ''}：${sorted.map((x) => `≥${num(x.min)}${unit}得${num(x.points)}分`).join('；')}；以下得${num(r.otherwise ?? 0)}分`;
  },
  formula(item, x) {
    const r = item.rule;
    const sorted = [...r.tiers].sort((a, b) => b.min - a.min);
    const chain = sorted.reduceRight<string>((acc, tier) => `IF(${x}>=${num(tier.min)},${num(tier.points)},${acc})`, num(r.otherwise ?? 0));
    return `IF(ISNUMBER(${x}),${chain},"")`;
  },
  pointFields: (r) => [...r.tiers.map((x, i): [(string | number)[], number] => [['tiers', i, 'points'], x.points]), [['otherwise'], r.otherwise]],
  checkRule(c, node, rule, at) {
    const p = node.points;
    rule.tiers.forEach((x, i) => {
      if (cmp(x.points, p) > 0) c.exceeds([...at, 'tiers', i, 'points'], x.points, { part: 'tier', min: x.min, ...(rule.unit !== undefined ? { unit: rule.unit } : {}) });
    });
    const otherwise = rule.otherwise ?? 0;
    if (cmp(otherwise, p) > 0) c.exceeds([...at, 'otherwise'], otherwise, { part: 'otherwise' });
    const best = Math.max(...rule.tiers.map((x) => x.points));
    if (cmp(best, p) < 0) c.unreachable([...at, 'tiers'], best, { part: 'top-tier' });
    const seen = new Map<number, number>();
    rule.tiers.forEach((x, i) => {
      if (seen.has(x.min)) c.invalid([...at, 'tiers', i, 'min'], 'RUBRIC_RULE_INVALID', { problem: 'tier-min-twice', min: x.min });
      seen.set(x.min, i);
    });
    const sorted = rule.tiers.map((x, i) => ({ ...x, i })).sort((a, b) => a.min - b.min);
    for (let k = 1; k < sorted.length; k++) {
      if (cmp(sorted[k].points, sorted[k - 1].points) < 0) {
        c.invalid(
          [...at, 'tiers', sorted[k].i, 'points'],
          'RUBRIC_TIERS_NOT_MONOTONIC',
          { problem: 'tier-below-lower', min: sorted[k].min, points: sorted[k].points, lowerMin: sorted[k - 1].min, lowerPoints: sorted[k - 1].points },
          { severity: 'warning' },
        );
      }
    }
    if (sorted.length > 0 && cmp(otherwise, sorted[0].points) > 0) {
      c.invalid([...at, 'otherwise'], 'RUBRIC_TIERS_NOT_MONOTONIC', { problem: 'otherwise-above-lowest', otherwise, lowest: sorted[0].points }, { severity: 'warning' });
    }
  },
};
