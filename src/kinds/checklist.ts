/** 组合分 — checklist: each ticked condition adds its points. */
import type { KindDef, RuleOf } from './types.js';
import { checkAttainable, cmp, conditionId, num, q, sum, tickedConditions } from './common.js';
import { ZERO, type Big } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';

export const checklist: KindDef<RuleOf<'checklist'>> = {
  kind: 'checklist',
  name: ['组合分', 'checklist'],
  input: (item) => ({ type: 'checklist', ids: item.rule.conditions.map((c, i) => conditionId(c, i)), labels: item.rule.conditions.map((c) => c.label) }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'checklist') return undefined;
    const rule = item.rule;
    const ids = rule.conditions.map((c, i) => conditionId(c, i));
    const picked = tickedConditions(item, value.ticked, rule.conditions);
    const order = [...picked].sort((a, b) => a - b);
    const byGroup = new Map<string, number[]>();
    for (const i of order) {
      const g = rule.conditions[i].group;
      if (g !== undefined) byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
    }
    for (const [g, members] of byGroup) {
      if (members.length < 2) continue;
      const list = members.map((i) => ids[i]);
      throw new ValueProblem({ code: 'VALUE_CONDITIONS_EXCLUSIVE', params: { item: itemRef(item), ids: list, group: g } });
    }
    let points = ZERO;
    for (const i of order) points = points.plus(rule.conditions[i].points);
    return { kind: 'points', points, input: order.map((i) => ids[i]).join(', ') };
  },
  checkScore(item, p) {
    const conditions = item.rule.conditions;
    const n = conditions.length;
    if (n > 12) return; // 4,096 sums and more: not worth listing
    const sums: Big[] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      const groups = new Set<string>();
      let s = ZERO;
      let clash = false;
      for (let i = 0; i < n; i++) {
        if (!(mask & (1 << i))) continue;
        const g = conditions[i].group;
        if (g !== undefined && groups.has(g)) clash = true;
        if (g !== undefined) groups.add(g);
        s = s.plus(conditions[i].points);
      }
      if (!clash) sums.push(s);
    }
    checkAttainable(item, p, sums);
  },
  describe: (rule) => rule.conditions.map((c, i) => `${conditionId(c, i)}. ${c.label} ${c.points}${c.group !== undefined ? ` [${c.group}]` : ''}`).join(' + '),
  inputHelp: (item) =>
    `填写满足条件的编号，用逗号分隔（如 a,c）：${item.rule.conditions.map((c, i) => `${conditionId(c, i)}=${c.label}(${num(c.points)}分)`).join('；')}${exclusiveHelp(item.rule.conditions)}；都不满足填“无”`,
  formula(item, x) {
    const list = `","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x}," ",""),"，",","),"、",","),";",",")&","`;
    const ticked = (c: { id?: string }, i: number) => `ISNUMBER(SEARCH(${q(`,${conditionId(c, i)},`)},${list}))`;
    const sumOf = item.rule.conditions.map((c, i) => `IF(${ticked(c, i)},${num(c.points)},0)`).join('+');
    const groups = groupsOf(item.rule.conditions).filter((g) => g.members.length > 1);
    if (groups.length === 0) return sumOf;
    // Two conditions of one group ticked: the cell shows 互斥 instead of a sum (the reader refuses it too).
    const clash = groups.map((g) => `(${g.members.map((i) => ticked(item.rule.conditions[i], i)).join('+')})>1`);
    return `IF(OR(${clash.join(',')}),"互斥",${sumOf})`;
  },
  pointFields: (r) => r.conditions.map((c, i) => [['conditions', i, 'points'], c.points]),
  checkRule(c, node, rule, at) {
    const p = node.points;
    rule.conditions.forEach((x, i) => {
      if (cmp(x.points, p) > 0) c.exceeds([...at, 'conditions', i, 'points'], x.points, { part: 'condition', label: x.label });
    });
    const groups = groupsOf(rule.conditions);
    const grouped = groups.some((g) => g.members.length > 1);
    // The best combination: every ungrouped condition plus the best of each group.
    const total = sum(groups.map((g) => Math.max(...g.members.map((i) => rule.conditions[i].points))));
    const part = { part: grouped ? 'conditions-best' : 'conditions-sum' } as const;
    if (cmp(total, p) > 0) c.exceeds([...at, 'conditions'], total, part);
    else if (cmp(total, p) < 0) c.unreachable([...at, 'conditions'], total, part);
    for (const g of groups) {
      if (g.name !== undefined && g.members.length === 1) {
        const i = g.members[0];
        c.invalid([...at, 'conditions', i, 'group'], 'RUBRIC_GROUP_SINGLE', { group: g.name }, { severity: 'warning', received: g.name, expected: 'a group of at least two conditions' });
      }
    }
  },
};

/** Conditions by exclusive group, in order; an ungrouped condition is a group of its own. */
function groupsOf(conditions: readonly { group?: string }[]): { name?: string; members: number[] }[] {
  const out: { name?: string; members: number[] }[] = [];
  const named = new Map<string, { name?: string; members: number[] }>();
  conditions.forEach((c, i) => {
    if (c.group === undefined) return void out.push({ members: [i] });
    let g = named.get(c.group);
    if (!g) {
      g = { name: c.group, members: [] };
      named.set(c.group, g);
      out.push(g);
    }
    g.members.push(i);
  });
  return out;
}

function exclusiveHelp(conditions: readonly { id?: string; group?: string }[]): string {
  const groups = groupsOf(conditions).filter((g) => g.members.length > 1);
  return groups.map((g) => `；${g.members.map((i) => conditionId(conditions[i], i)).join('、')} 只能选一个`).join('');
}
