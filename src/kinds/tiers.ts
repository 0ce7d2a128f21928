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
      if (cmp(x.points, p) > 0) c.exceeds([...at, 'tiers', i, 'points'], x.points, `档位（≥ ${x.min}${rule.unit ?? ''}）的分值`, `tier (>= ${x.min}${rule.unit ?? ''})`);
    });
    const otherwise = rule.otherwise ?? 0;
    if (cmp(otherwise, p) > 0) c.exceeds([...at, 'otherwise'], otherwise, '未达最低档得分 otherwise', 'otherwise');
    const best = Math.max(...rule.tiers.map((x) => x.points));
    if (cmp(best, p) < 0) c.unreachable([...at, 'tiers'], best, '最高档', 'top tier');
    const seen = new Map<number, number>();
    rule.tiers.forEach((x, i) => {
      if (seen.has(x.min)) c.invalid([...at, 'tiers', i, 'min'], `有两个档位的下限都是 ${x.min}`, `two tiers share the minimum ${x.min}`);
      seen.set(x.min, i);
    });
    const sorted = rule.tiers.map((x, i) => ({ ...x, i })).sort((a, b) => a.min - b.min);
    for (let k = 1; k < sorted.length; k++) {
      if (cmp(sorted[k].points, sorted[k - 1].points) < 0) {
        c.invalid(
          [...at, 'tiers', sorted[k].i, 'points'],
          `档位 ≥ ${sorted[k].min} 得 ${sorted[k].points} 分，反而少于较低档位 ≥ ${sorted[k - 1].min} 的 ${sorted[k - 1].points} 分`,
          `tier >= ${sorted[k].min} scores ${sorted[k].points}, less than the lower tier >= ${sorted[k - 1].min} (${sorted[k - 1].points})`,
          'warning',
          'RUBRIC_TIERS_NOT_MONOTONIC',
        );
      }
    }
    if (sorted.length > 0 && cmp(otherwise, sorted[0].points) > 0) {
      c.invalid(
        [...at, 'otherwise'],
        `未达最低档得 ${otherwise} 分，多于最低档的 ${sorted[0].points} 分`,
        `otherwise (${otherwise}) is more than the lowest tier (${sorted[0].points})`,
        'warning',
        'RUBRIC_TIERS_NOT_MONOTONIC',
      );
    }
  },
};
