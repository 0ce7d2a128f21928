import Big from 'big.js';
import type { DataPath } from '../diagnostics.js';
import type { RubricRule, RuleContext } from './types.js';
import { cmp, KIND_ZH, label, labelEn, leaves, minus, sum } from './helpers.js';
import type { RubricNode, ScoringRule } from '../schema.js';

/**
 * A scoring rule stays within its item's points AND can reach them: the best
 * option, the checklist sum, the top tier, the count cap, the top grade all
 * equal the item's points.
 */
export const ruleFitsPoints: RubricRule = {
  name: 'ruleFitsPoints',
  description: 'Options, tiers, checklist, count, deduction, graded and range rules stay within the item points and can reach them.',
  check(ctx) {
    for (const { node, path } of leaves(ctx.data)) checkItem(ctx, node, node.scoring, [...path, 'scoring']);
  },
};

function checkItem(ctx: RuleContext, node: RubricNode, rule: ScoringRule, at: DataPath) {
  const p = node.points;
  const kindZh = KIND_ZH[rule.kind];
  const exceeds = (path: DataPath, value: number, what: string, whatEn: string) =>
    ctx.report({
      path,
      code: 'RUBRIC_RULE_EXCEEDS_POINTS',
      message: `${label(node)}（${kindZh}）的${what} ${value} 超过项目分值 ${p}`,
      messageEn: `${labelEn(node)} (${rule.kind}): ${whatEn} ${value} exceeds the item's points ${p}`,
      received: value,
      expected: `<= ${p}`,
    });
  const unreachable = (path: DataPath, best: number, what: string, whatEn: string) =>
    ctx.report({
      path,
      code: 'RUBRIC_RULE_UNREACHABLE',
      message: `${label(node)}（${kindZh}）最高只能得 ${best} 分（${what}），达不到项目分值 ${p}`,
      messageEn: `${labelEn(node)} (${rule.kind}) can score at most ${best} (${whatEn}), never the item's points ${p}`,
      received: best,
      expected: p,
    });
  const invalid = (path: DataPath, message: string, messageEn: string, severity: 'error' | 'warning' = 'error', code = 'RUBRIC_RULE_INVALID') =>
    ctx.report({ path, code, severity, message: `${label(node)}（${kindZh}）${message}`, messageEn: `${labelEn(node)} (${rule.kind}): ${messageEn}` });

  switch (rule.kind) {
    case 'control':
      return; // controlItemsWorthZero
    case 'range': {
      const min = rule.min ?? 0;
      if (cmp(min, p) > 0) exceeds([...at, 'min'], min, '最低分 min', 'min');
      else if (rule.step !== undefined && !new Big(p).minus(min).mod(rule.step).eq(0)) {
        invalid([...at, 'step'], `从最低分 ${min} 按步长 ${rule.step} 递增到不了满分 ${p}`, `steps of ${rule.step} from ${min} never reach the item's points ${p}`, 'error', 'RUBRIC_RULE_UNREACHABLE');
      }
      return;
    }
    case 'boolean': {
      const unmet = rule.unmetPoints ?? 0;
      if (cmp(unmet, p) > 0) exceeds([...at, 'unmetPoints'], unmet, '未达标得分 unmetPoints', 'unmetPoints');
      else if (p > 0 && cmp(unmet, p) === 0)
        invalid([...at, 'unmetPoints'], `未达标得分与达标得分都是 ${p}，该项不起作用`, `met and unmet both score ${p}; the item decides nothing`, 'warning', 'RUBRIC_RULE_POINTLESS');
      return;
    }
    case 'choice': {
      rule.options.forEach((o, i) => {
        if (cmp(o.points, p) > 0) exceeds([...at, 'options', i, 'points'], o.points, `选项「${o.label}」的分值`, `option "${o.label}"`);
      });
      const best = Math.max(...rule.options.map((o) => o.points));
      if (cmp(best, p) < 0) unreachable([...at, 'options'], best, '最高选项', 'best option');
      return;
    }
    case 'checklist': {
      rule.conditions.forEach((c, i) => {
        if (cmp(c.points, p) > 0) exceeds([...at, 'conditions', i, 'points'], c.points, `条件「${c.label}」的分值`, `condition "${c.label}"`);
      });
      const total = sum(rule.conditions.map((c) => c.points));
      if (cmp(total, p) > 0) exceeds([...at, 'conditions'], total, '各条件合计', 'the sum of the conditions');
      else if (cmp(total, p) < 0) unreachable([...at, 'conditions'], total, '各条件合计', 'the sum of the conditions');
      return;
    }
    case 'tiers': {
      rule.tiers.forEach((t, i) => {
        if (cmp(t.points, p) > 0) exceeds([...at, 'tiers', i, 'points'], t.points, `档位（≥ ${t.min}${rule.unit ?? ''}）的分值`, `tier (>= ${t.min}${rule.unit ?? ''})`);
      });
      const otherwise = rule.otherwise ?? 0;
      if (cmp(otherwise, p) > 0) exceeds([...at, 'otherwise'], otherwise, '未达最低档得分 otherwise', 'otherwise');
      const best = Math.max(...rule.tiers.map((t) => t.points));
      if (cmp(best, p) < 0) unreachable([...at, 'tiers'], best, '最高档', 'top tier');
      const seen = new Map<number, number>();
      rule.tiers.forEach((t, i) => {
        if (seen.has(t.min)) invalid([...at, 'tiers', i, 'min'], `有两个档位的下限都是 ${t.min}`, `two tiers share the minimum ${t.min}`);
        seen.set(t.min, i);
      });
      const sorted = rule.tiers.map((t, i) => ({ ...t, i })).sort((a, b) => a.min - b.min);
      for (let k = 1; k < sorted.length; k++) {
        if (cmp(sorted[k].points, sorted[k - 1].points) < 0) {
          invalid(
            [...at, 'tiers', sorted[k].i, 'points'],
            `档位 ≥ ${sorted[k].min} 得 ${sorted[k].points} 分，反而少于较低档位 ≥ ${sorted[k - 1].min} 的 ${sorted[k - 1].points} 分`,
            `tier >= ${sorted[k].min} scores ${sorted[k].points}, less than the lower tier >= ${sorted[k - 1].min} (${sorted[k - 1].points})`,
            'warning',
            'RUBRIC_TIERS_NOT_MONOTONIC',
          );
        }
      }
      if (sorted.length > 0 && cmp(otherwise, sorted[0].points) > 0) {
        invalid([...at, 'otherwise'], `未达最低档得 ${otherwise} 分，多于最低档的 ${sorted[0].points} 分`, `otherwise (${otherwise}) is more than the lowest tier (${sorted[0].points})`, 'warning', 'RUBRIC_TIERS_NOT_MONOTONIC');
      }
      return;
    }
    case 'count': {
      if (cmp(rule.base.points, p) > 0) exceeds([...at, 'base', 'points'], rule.base.points, '基础分 base.points', 'base.points');
      if (rule.cap !== undefined && cmp(rule.cap, p) > 0) exceeds([...at, 'cap'], rule.cap, '上限 cap', 'cap');
      const cap = rule.cap ?? p;
      if (cmp(rule.base.points, cap) > 0 && cmp(cap, p) <= 0) {
        invalid([...at, 'cap'], `上限 ${cap} 低于基础分 ${rule.base.points}`, `the cap ${cap} is below base.points ${rule.base.points}`);
      }
      const best = rule.increment > 0 ? Math.min(cap, p) : Math.min(rule.base.points, p);
      if (cmp(best, p) < 0) {
        unreachable(rule.increment > 0 ? [...at, 'cap'] : [...at, 'increment'], best, rule.increment > 0 ? '上限 cap' : '每增加一个不加分', rule.increment > 0 ? 'the cap' : 'increment 0');
      }
      const below = rule.below ?? 0;
      if (cmp(below, rule.base.points) > 0) {
        invalid([...at, 'below'], `不足基础数量时得 ${below} 分，多于基础分 ${rule.base.points}`, `below (${below}) is more than base.points (${rule.base.points})`, 'warning', 'RUBRIC_RULE_NOT_MONOTONIC');
      }
      return;
    }
    case 'deduction': {
      const floor = rule.floor ?? 0;
      if (cmp(floor, p) > 0) exceeds([...at, 'floor'], floor, '最低分 floor', 'floor');
      else if (p > 0 && cmp(floor, p) === 0)
        invalid([...at, 'floor'], `最低分等于满分 ${p}，扣分不起作用`, `the floor equals the item's points ${p}; deductions never apply`, 'warning', 'RUBRIC_RULE_POINTLESS');
      else if (cmp(rule.per, minus(p, floor)) > 0)
        invalid([...at, 'per'], `每次扣 ${rule.per} 分，超过可扣的 ${minus(p, floor)} 分`, `each deduction (${rule.per}) is more than the ${minus(p, floor)} points that can be lost`, 'warning', 'RUBRIC_RULE_POINTLESS');
      return;
    }
    case 'graded': {
      rule.grades.forEach((g, i) => {
        if (cmp(g.min, g.max) > 0) invalid([...at, 'grades', i, 'min'], `等级 ${g.grade} 的下限 ${g.min} 大于上限 ${g.max}`, `grade ${g.grade}: min ${g.min} is above max ${g.max}`);
        if (cmp(g.max, p) > 0) exceeds([...at, 'grades', i, 'max'], g.max, `等级 ${g.grade} 的上限`, `grade ${g.grade} max`);
      });
      const best = Math.max(...rule.grades.map((g) => g.max));
      if (cmp(best, p) < 0) unreachable([...at, 'grades'], best, '最高等级上限', 'top grade');
      const names = new Set<string>();
      rule.grades.forEach((g, i) => {
        if (names.has(g.grade)) invalid([...at, 'grades', i, 'grade'], `等级 "${g.grade}" 重复`, `grade "${g.grade}" is listed twice`, 'error', 'RUBRIC_DUPLICATE_GRADE');
        names.add(g.grade);
      });
      const sorted = rule.grades.map((g, i) => ({ ...g, i })).sort((a, b) => a.min - b.min || a.max - b.max);
      for (let k = 1; k < sorted.length; k++) {
        const lo = sorted[k - 1];
        const hi = sorted[k];
        if (cmp(lo.max, hi.min) >= 0 && cmp(lo.min, lo.max) <= 0) {
          invalid(
            [...at, 'grades', hi.i],
            `等级 ${lo.grade}（${lo.min}–${lo.max}）与 ${hi.grade}（${hi.min}–${hi.max}）的分数段重叠，只给分数时无法判断等级`,
            `grades ${lo.grade} (${lo.min}–${lo.max}) and ${hi.grade} (${hi.min}–${hi.max}) overlap; a score alone cannot tell the grade`,
            'warning',
            'RUBRIC_GRADES_OVERLAP',
          );
        }
      }
      return;
    }
  }
}
