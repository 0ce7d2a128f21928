/** 程度分 — graded judgement: a grade chosen, then points within its band. */
import type { KindDef, RuleOf } from './types.js';
import { basicScore, cmp, num } from './common.js';
import { big, fmt } from '../score/decimal.js';
import { ValueProblem, itemLabel, itemLabelEn } from '../score/value-problem.js';

export const graded: KindDef<RuleOf<'graded'>> = {
  kind: 'graded',
  name: ['程度分', 'graded'],
  expects: ['等级（及分数）或分数', 'a grade (with points) or points'],
  input: (item) => ({ type: 'grade', grades: item.rule.grades.map((g) => g.grade) }),
  scoreCell: 'typed',
  fromEntry(item, value, precision) {
    if (value.kind !== 'grade') return undefined;
    const rule = item.rule;
    const L = itemLabel(item);
    const LE = itemLabelEn(item);
    const key = value.grade.trim();
    const band = rule.grades.find((g) => g.grade === key) ?? rule.grades.find((g) => g.grade.toLowerCase() === key.toLowerCase());
    if (!band) {
      const list = rule.grades.map((g) => `${g.grade} ${fmt(g.min)}–${fmt(g.max)}`).join('、');
      throw new ValueProblem(`${L}没有等级“${key}”（可选：${list}）`, `${LE} has no grade "${key}" (grades: ${list})`);
    }
    if (value.points === undefined) {
      if (band.min === band.max) return { kind: 'points', points: big(band.min), input: `${band.grade} ${fmt(band.min)}` };
      throw new ValueProblem(
        `${L}评为 ${band.grade} 级，请同时填写 ${fmt(band.min)}–${fmt(band.max)} 之间的得分`,
        `${LE} is graded ${band.grade}: also enter the points (${fmt(band.min)}–${fmt(band.max)})`,
      );
    }
    const p = basicScore(item, value.points, precision);
    graded.checkScore(item, p);
    if (p.lt(band.min) || p.gt(band.max)) {
      throw new ValueProblem(
        `${L}评为 ${band.grade} 级，得分 ${fmt(p)} 不在该级 ${fmt(band.min)}–${fmt(band.max)} 之内`,
        `${LE} is graded ${band.grade}: score ${fmt(p)} is outside its band ${fmt(band.min)}–${fmt(band.max)}`,
      );
    }
    return { kind: 'points', points: p, input: `${band.grade} ${fmt(p)}` };
  },
  checkScore(item, p) {
    const rule = item.rule;
    if (!rule.grades.some((g) => p.gte(g.min) && p.lte(g.max))) {
      const list = rule.grades.map((g) => `${g.grade} ${fmt(g.min)}–${fmt(g.max)}`).join('、');
      throw new ValueProblem(`${itemLabel(item)}的得分 ${fmt(p)} 不在任何等级的分数段内（${list}）`, `${itemLabelEn(item)}: score ${fmt(p)} lies in no grade band (${list})`);
    }
  },
  describe: (rule) => rule.grades.map((g) => `${g.grade} ${g.min}–${g.max}`).join(' / '),
  inputHelp: (item) => `选择等级，再在“得分”栏填写该等级区间内的分数：${item.rule.grades.map((g) => `${g.grade} ${num(g.min)}–${num(g.max)}`).join('；')}`,
  pointFields: (r) =>
    r.grades.flatMap((g, i): [(string | number)[], number][] => [
      [['grades', i, 'min'], g.min],
      [['grades', i, 'max'], g.max],
    ]),
  checkRule(c, node, rule, at) {
    const p = node.points;
    rule.grades.forEach((g, i) => {
      if (cmp(g.min, g.max) > 0) c.invalid([...at, 'grades', i, 'min'], `等级 ${g.grade} 的下限 ${g.min} 大于上限 ${g.max}`, `grade ${g.grade}: min ${g.min} is above max ${g.max}`);
      if (cmp(g.max, p) > 0) c.exceeds([...at, 'grades', i, 'max'], g.max, `等级 ${g.grade} 的上限`, `grade ${g.grade} max`);
    });
    const best = Math.max(...rule.grades.map((g) => g.max));
    if (cmp(best, p) < 0) c.unreachable([...at, 'grades'], best, '最高等级上限', 'top grade');
    const names = new Set<string>();
    rule.grades.forEach((g, i) => {
      if (names.has(g.grade)) c.invalid([...at, 'grades', i, 'grade'], `等级 "${g.grade}" 重复`, `grade "${g.grade}" is listed twice`, 'error', 'RUBRIC_DUPLICATE_GRADE');
      names.add(g.grade);
    });
    const sorted = rule.grades.map((g, i) => ({ ...g, i })).sort((a, b) => a.min - b.min || a.max - b.max);
    for (let k = 1; k < sorted.length; k++) {
      const lo = sorted[k - 1];
      const hi = sorted[k];
      if (cmp(lo.max, hi.min) >= 0 && cmp(lo.min, lo.max) <= 0) {
        c.invalid(
          [...at, 'grades', hi.i],
          `等级 ${lo.grade}（${lo.min}–${lo.max}）与 ${hi.grade}（${hi.min}–${hi.max}）的分数段重叠，只给分数时无法判断等级`,
          `grades ${lo.grade} (${lo.min}–${lo.max}) and ${hi.grade} (${hi.min}–${hi.max}) overlap; a score alone cannot tell the grade`,
          'warning',
          'RUBRIC_GRADES_OVERLAP',
        );
      }
    }
  },
};
