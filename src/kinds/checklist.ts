/** 组合分 — checklist: each ticked condition adds its points. */
import type { KindDef, RuleOf } from './types.js';
import { cmp, conditionId, num, q, sum } from './common.js';
import { ZERO } from '../score/decimal.js';
import { ValueProblem, itemLabel, itemLabelEn } from '../score/value-problem.js';

export const checklist: KindDef<RuleOf<'checklist'>> = {
  kind: 'checklist',
  name: ['组合分', 'checklist'],
  expects: ['勾选的条件或分数', 'ticked conditions or points'],
  input: (item) => ({ type: 'checklist', ids: item.rule.conditions.map((c, i) => conditionId(c, i)), labels: item.rule.conditions.map((c) => c.label) }),
  scoreCell: 'formula',
  fromEntry(item, value) {
    if (value.kind !== 'checklist') return undefined;
    const rule = item.rule;
    const ids = rule.conditions.map((c, i) => conditionId(c, i));
    const picked = new Set<number>();
    const unknown: string[] = [];
    for (const raw of value.ticked) {
      const key = raw.trim();
      if (key === '') continue;
      let i = ids.indexOf(key);
      if (i < 0) i = ids.findIndex((id) => id.toLowerCase() === key.toLowerCase());
      if (i < 0) i = rule.conditions.findIndex((c) => c.label === key);
      if (i < 0) unknown.push(key);
      else picked.add(i);
    }
    if (unknown.length > 0) {
      const list = rule.conditions.map((c, i) => `${ids[i]} ${c.label}`).join('、');
      const listEn = rule.conditions.map((c, i) => `${ids[i]} ${c.label}`).join(', ');
      throw new ValueProblem(
        `${itemLabel(item)}没有条件“${unknown.join('”“')}”（可选：${list}）`,
        `${itemLabelEn(item)} has no condition "${unknown.join('", "')}" (conditions: ${listEn})`,
      );
    }
    const order = [...picked].sort((a, b) => a - b);
    let points = ZERO;
    for (const i of order) points = points.plus(rule.conditions[i].points);
    return { kind: 'points', points, input: order.map((i) => ids[i]).join(', ') };
  },
  checkScore() {},
  describe: (rule) => rule.conditions.map((c, i) => `${conditionId(c, i)}. ${c.label} ${c.points}`).join(' + '),
  inputHelp: (item) =>
    `填写满足条件的编号，用逗号分隔（如 a,c）：${item.rule.conditions.map((c, i) => `${conditionId(c, i)}=${c.label}(${num(c.points)}分)`).join('；')}；都不满足填“无”`,
  formula(item, x) {
    const list = `","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x}," ",""),"，",","),"、",","),";",",")&","`;
    return item.rule.conditions.map((c, i) => `IF(ISNUMBER(SEARCH(${q(`,${conditionId(c, i)},`)},${list})),${num(c.points)},0)`).join('+');
  },
  pointFields: (r) => r.conditions.map((c, i) => [['conditions', i, 'points'], c.points]),
  checkRule(c, node, rule, at) {
    const p = node.points;
    rule.conditions.forEach((x, i) => {
      if (cmp(x.points, p) > 0) c.exceeds([...at, 'conditions', i, 'points'], x.points, `条件「${x.label}」的分值`, `condition "${x.label}"`);
    });
    const total = sum(rule.conditions.map((x) => x.points));
    if (cmp(total, p) > 0) c.exceeds([...at, 'conditions'], total, '各条件合计', 'the sum of the conditions');
    else if (cmp(total, p) < 0) c.unreachable([...at, 'conditions'], total, '各条件合计', 'the sum of the conditions');
  },
};
