/**
 * 勾选扣分 — tick boxes plus an assessor's deduction, as the community
 * elderly-care table's 管理 4, 6 and 7 score: "缺少一类档案，扣5分；一类档案
 * 记录不规范按照现场查勘情况扣1-3分", "未设多渠道的投诉途径不得分；…按照现场
 * 查勘情况扣1-3分".
 *
 *   score = 0                                  when a `zeroIf.missing` condition is not ticked (未设…不得分)
 *         = max(0, Σ ticked points − d)        otherwise, d = 0 or deduction.min ≤ d ≤ deduction.max
 *
 * The 填报 cell holds both: the ticked ids, then the deduction, "a,b 扣2"
 * ("a,b" alone deducts nothing; "无" ticks nothing). The original system's
 * assessor page had a 0–3 box beside the tick boxes and subtracted it, floored
 * at 0 (/work/shared/schemes/README.md).
 */
import type { KindDef, KindItem, RuleOf } from './types.js';
import { checkAttainable, cmp, conditionId, finite, num, q, sum, tickedConditions } from './common.js';
import { ZERO, decimalsOf, fmt, maxBig, toNumber, type Big } from '../score/decimal.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import { t } from '../util/lang.js';

type Rule = RuleOf<'checklist-deduction'>;

/** Between the ticked ids and the assessor's deduction in a recorded input ("a, b 扣 2 分"); report/format.ts splits on it. */
export const DEDUCTION_SEPARATOR = ' 扣 ';

const idsOf = (rule: Rule) => rule.conditions.map((c, i) => conditionId(c, i));

/** Which condition ids are missing from the ticked ones make the item 0. */
function zeroed(rule: Rule, ticked: ReadonlySet<string>): string[] {
  return (rule.zeroIf?.missing ?? []).filter((id) => !ticked.has(id));
}

function zeroHelp(rule: Rule): string {
  const missing = rule.zeroIf?.missing ?? [];
  return missing.length > 0 ? `；未勾选 ${missing.join('、')} 的本项不得分` : '';
}

export const checklistDeduction: KindDef<Rule> = {
  kind: 'checklist-deduction',
  name: ['勾选扣分', 'checklist with deduction'],
  input: (item) => ({ type: 'checklist', ids: idsOf(item.rule), labels: item.rule.conditions.map((c) => c.label), deduction: true }),
  scoreCell: 'formula',
  fromEntry(item, value, precision) {
    if (value.kind !== 'checklist') return undefined;
    const rule = item.rule;
    const ids = idsOf(rule);
    const picked = tickedConditions(item, value.ticked, rule.conditions);
    const d = finite(item, value.deduction ?? 0, 'deduction');
    if (!d.eq(0) && (d.lt(rule.deduction.min) || d.gt(rule.deduction.max))) {
      throw new ValueProblem({ code: 'VALUE_DEDUCTION_RANGE', params: { item: itemRef(item), value: toNumber(d), min: rule.deduction.min, max: rule.deduction.max } });
    }
    if (decimalsOf(d) > precision) {
      throw new ValueProblem({ code: 'VALUE_TOO_PRECISE', params: { item: itemRef(item), role: 'deduction', value: toNumber(d), precision } });
    }
    const order = [...picked].sort((a, b) => a - b);
    const tickedIds = new Set(order.map((i) => ids[i]));
    let ticks = ZERO;
    for (const i of order) ticks = ticks.plus(rule.conditions[i].points);
    const points = zeroed(rule, tickedIds).length > 0 ? ZERO : maxBig(ZERO, ticks.minus(d));
    const shown = order.length > 0 ? order.map((i) => ids[i]).join(', ') : '无';
    return { kind: 'points', points, input: d.eq(0) ? shown : `${shown}${DEDUCTION_SEPARATOR}${fmt(d)} 分` };
  },
  checkScore(item, p) {
    // A score typed directly: one the ticks can give, or one of them less an allowed deduction (never below 0).
    const rule = item.rule;
    const n = rule.conditions.length;
    if (n > 12) return; // 4,096 combinations and more: not worth listing
    const ids = idsOf(rule);
    const sums: Big[] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      const ticked = new Set(ids.filter((_, i) => mask & (1 << i)));
      if (zeroed(rule, ticked).length > 0) {
        sums.push(ZERO);
        continue;
      }
      const s = rule.conditions.reduce((acc, c, i) => (mask & (1 << i) ? acc.plus(c.points) : acc), ZERO);
      sums.push(s);
      // Less a deduction d in [min, max]: any score in [max(0, s − max), max(0, s − min)].
      const low = maxBig(ZERO, s.minus(rule.deduction.max));
      const high = maxBig(ZERO, s.minus(rule.deduction.min));
      if (p.gte(low) && p.lte(high)) return;
    }
    // The scores a whole-number deduction gives, for the message ("…" when the range allows more between them).
    const shown = sums.flatMap((s) => {
      const out = [s];
      for (let d = Math.ceil(rule.deduction.min); d <= rule.deduction.max; d++) out.push(maxBig(ZERO, s.minus(d)));
      return out;
    });
    checkAttainable(item, p, shown, cmp(rule.deduction.min, rule.deduction.max) < 0);
  },
  describe: (rule, _points, lang) => {
    const ticks = rule.conditions.map((c, i) => `${conditionId(c, i)}. ${c.label} ${c.points}`).join(' + ');
    const zero = rule.zeroIf ? t(lang, `；缺 ${rule.zeroIf.missing.join('、')} 不得分`, `; 0 without ${rule.zeroIf.missing.join(', ')}`) : '';
    return `${ticks}${t(lang, `；视情再扣 ${rule.deduction.min}–${rule.deduction.max} 分，最低 0`, `; the assessor deducts ${rule.deduction.min}–${rule.deduction.max} more, floor 0`)}${zero}`;
  },
  inputHelp: (item: KindItem<Rule>) => {
    const r = item.rule;
    const conds = r.conditions.map((c, i) => `${conditionId(c, i)}=${c.label}(${num(c.points)}分)`).join('；');
    const example = idsOf(r).join(',');
    return `填写满足条件的编号，用逗号分隔：${conds}；评估人员按现场情况扣分时在后面写“扣N”（N 为 ${num(r.deduction.min)}–${num(r.deduction.max)}，如 ${example} 扣${num(r.deduction.min)}），最低 0 分${zeroHelp(r)}；都不满足填“无”`;
  },
  formula(item, x) {
    const r = item.rule;
    const hasK = `ISNUMBER(FIND("扣",${x}))`;
    const ticksText = `IF(${hasK},LEFT(${x},FIND("扣",${x})-1),${x})`;
    const d = `IF(${hasK},VALUE(SUBSTITUTE(SUBSTITUTE(MID(${x},FIND("扣",${x})+1,50),"分","")," ","")),0)`;
    const list = `","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ticksText}," ",""),"，",","),"、",","),";",",")&","`;
    const ticked = (id: string) => `ISNUMBER(SEARCH(${q(`,${id},`)},${list}))`;
    const ids = idsOf(r);
    const ticks = r.conditions.map((c, i) => `IF(${ticked(ids[i])},${num(c.points)},0)`).join('+');
    const valid = `OR(${d}=0,AND(${d}>=${num(r.deduction.min)},${d}<=${num(r.deduction.max)}))`;
    const scored = `MAX(0,${ticks}-${d})`;
    const missing = r.zeroIf?.missing ?? [];
    const core = missing.length > 0 ? `IF(OR(${missing.map((id) => `NOT(${ticked(id)})`).join(',')}),0,${scored})` : scored;
    return `IFERROR(IF(${valid},${core},""),"")`;
  },
  pointFields: (r) => [
    ...r.conditions.map((c, i): [(string | number)[], number] => [['conditions', i, 'points'], c.points]),
    [['deduction', 'min'], r.deduction.min],
    [['deduction', 'max'], r.deduction.max],
  ],
  checkRule(c, node, rule, at) {
    const p = node.points;
    rule.conditions.forEach((x, i) => {
      if (cmp(x.points, p) > 0) c.exceeds([...at, 'conditions', i, 'points'], x.points, { part: 'condition', label: x.label });
    });
    const total = sum(rule.conditions.map((x) => x.points));
    if (cmp(total, p) > 0) c.exceeds([...at, 'conditions'], total, { part: 'conditions-sum' });
    else if (cmp(total, p) < 0) c.unreachable([...at, 'conditions'], total, { part: 'conditions-sum' });
    const { min, max } = rule.deduction;
    if (cmp(min, max) > 0) {
      c.invalid([...at, 'deduction', 'min'], 'RUBRIC_RULE_INVALID', { problem: 'min-above-max', min, max }, { received: min, expected: `<= ${max}` });
    } else if (cmp(max, p) > 0) {
      c.invalid([...at, 'deduction', 'max'], 'RUBRIC_RULE_POINTLESS', { problem: 'assessed-max-above-loss', max, loss: p }, { severity: 'warning', received: max, expected: `<= ${p}` });
    }
    const ids = idsOf(rule);
    (rule.zeroIf?.missing ?? []).forEach((id, i) => {
      if (!ids.includes(id)) c.invalid([...at, 'zeroIf', 'missing', i], 'RUBRIC_RULE_INVALID', { problem: 'zero-if-unknown', id, ids }, { received: id, expected: `one of ${ids.join(', ')}` });
    });
  },
};
