/** 程度分 — graded judgement: a grade chosen, then points within its band. */
import type { KindDef, RuleOf } from './types.js';
import { basicScore, cmp, num } from './common.js';
import { big, fmt, toNumber } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';

export const graded: KindDef<RuleOf<'graded'>> = {
  kind: 'graded',
  name: ['程度分', 'graded'],
  input: (item) => ({ type: 'grade', grades: item.rule.grades.map((g) => g.grade) }),
  scoreCell: 'typed',
  fromEntry(item, value, precision) {
    if (value.kind !== 'grade') return undefined;
    const rule = item.rule;
    const key = value.grade.trim();
    const band = rule.grades.find((g) => g.grade === key) ?? rule.grades.find((g) => g.grade.toLowerCase() === key.toLowerCase());
    if (!band) {
      throw new ValueProblem({ code: 'VALUE_NO_GRADE', params: { item: itemRef(item), grade: key, grades: bands(rule.grades) } });
    }
    if (value.points === undefined) {
      if (band.min === band.max) return { kind: 'points', points: big(band.min), input: `${band.grade} ${fmt(band.min)}` };
      throw new ValueProblem({ code: 'VALUE_GRADE_NEEDS_POINTS', params: { item: itemRef(item), grade: band.grade, min: toNumber(big(band.min)), max: toNumber(big(band.max)) } });
    }
    const p = basicScore(item, value.points, precision);
    graded.checkScore(item, p);
    if (p.lt(band.min) || p.gt(band.max)) {
      throw new ValueProblem({
        code: 'VALUE_GRADE_OUTSIDE_BAND',
        params: { item: itemRef(item), grade: band.grade, value: toNumber(p), min: toNumber(big(band.min)), max: toNumber(big(band.max)) },
      });
    }
    return { kind: 'points', points: p, input: `${band.grade} ${fmt(p)}` };
  },
  checkScore(item, p) {
    const rule = item.rule;
    if (!rule.grades.some((g) => p.gte(g.min) && p.lte(g.max))) {
      throw new ValueProblem({ code: 'VALUE_NO_BAND', params: { item: itemRef(item), value: toNumber(p), grades: bands(rule.grades) } });
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
      if (cmp(g.min, g.max) > 0) c.invalid([...at, 'grades', i, 'min'], 'RUBRIC_RULE_INVALID', { problem: 'grade-min-above-max', grade: g.grade, min: g.min, max: g.max });
      if (cmp(g.max, p) > 0) c.exceeds([...at, 'grades', i, 'max'], g.max, { part: 'grade-max', grade: g.grade });
    });
    const best = Math.max(...rule.grades.map((g) => g.max));
    if (cmp(best, p) < 0) c.unreachable([...at, 'grades'], best, { part: 'top-grade' });
    const names = new Set<string>();
    rule.grades.forEach((g, i) => {
      if (names.has(g.grade)) c.invalid([...at, 'grades', i, 'grade'], 'RUBRIC_DUPLICATE_GRADE', { grade: g.grade });
      names.add(g.grade);
    });
    const sorted = rule.grades.map((g, i) => ({ ...g, i })).sort((a, b) => a.min - b.min || a.max - b.max);
    for (let k = 1; k < sorted.length; k++) {
      const lo = sorted[k - 1];
      const hi = sorted[k];
      if (cmp(lo.max, hi.min) >= 0 && cmp(lo.min, lo.max) <= 0) {
        c.invalid([...at, 'grades', hi.i], 'RUBRIC_GRADES_OVERLAP', { lo: { grade: lo.grade, min: lo.min, max: lo.max }, hi: { grade: hi.grade, min: hi.min, max: hi.max } }, { severity: 'warning' });
      }
    }
  },
};

/** The grade bands as value problems list them. */
function bands(grades: readonly { grade: string; min: number; max: number }[]): { grade: string; min: number; max: number }[] {
  return grades.map((g) => ({ grade: g.grade, min: toNumber(big(g.min)), max: toNumber(big(g.max)) }));
}
