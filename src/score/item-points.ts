/**
 * Points of one item from one party's raw entry, by the item's kind. Pure:
 * either the points (exact), N/A (only when the item's policy allows it) or
 * blank — or a ValueProblem naming the item, the value and what was expected.
 */
import type { ItemInfo } from '../rubric/model.js';
import type { EntryValue } from './types.js';
import { Big, ZERO, big, decimalsOf, fmt, maxBig, minBig } from './decimal.js';

export type ItemPoints =
  | {
      kind: 'points';
      points: Big;
      /** Control and boolean items: whether the condition was met. */
      met?: boolean;
      /** What was entered, for reports ("65 ㎡", "门外醒目", "a, c", "B 5.5"). */
      input: string;
    }
  | { kind: 'na'; input: string }
  | { kind: 'blank' };

/** An entry the item does not allow. Messages name the item. */
export class ValueProblem extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export function itemLabel(item: Pick<ItemInfo, 'id' | 'name'>): string {
  return `项目 ${item.id}「${item.name}」`;
}

export function itemLabelEn(item: Pick<ItemInfo, 'id' | 'name'>): string {
  return `item ${item.id} "${item.name}"`;
}

/** Default condition ids of a checklist: a, b, c … */
export function checklistIds(item: ItemInfo): string[] {
  if (item.rule.kind !== 'checklist') return [];
  return item.rule.conditions.map((c, i) => c.id ?? String.fromCharCode(97 + i));
}

const KIND_ZH: Record<EntryValue['kind'], string> = {
  blank: '空白',
  na: '不适用',
  points: '分数',
  met: '是/否',
  option: '选项',
  checklist: '勾选条件',
  measure: '测量值',
  count: '数量',
  grade: '等级',
};

const EXPECTED: Record<ItemInfo['rule']['kind'], [string, string]> = {
  range: ['分数', 'points'],
  boolean: ['是/否或分数', 'yes/no or points'],
  choice: ['选项或分数', 'an option or points'],
  checklist: ['勾选的条件或分数', 'ticked conditions or points'],
  tiers: ['测量值或分数', 'a measured value or points'],
  count: ['数量或分数', 'a count or points'],
  deduction: ['扣分次数或分数', 'a number of deductions or points'],
  graded: ['等级（及分数）或分数', 'a grade (with points) or points'],
  control: ['是/否', 'yes/no'],
};

function wrongKind(item: ItemInfo, value: EntryValue): ValueProblem {
  const [zh, en] = EXPECTED[item.rule.kind];
  return new ValueProblem(
    `${itemLabel(item)}应填${zh}，却填了${KIND_ZH[value.kind]}`,
    `${itemLabelEn(item)} expects ${en}, got ${value.kind}`,
  );
}

function finite(item: ItemInfo, n: number, what: [string, string]): Big {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new ValueProblem(`${itemLabel(item)}的${what[0]} ${String(n)} 不是有效数字`, `${itemLabelEn(item)}: ${what[1]} ${String(n)} is not a valid number`);
  }
  return big(n);
}

function nonNegativeInteger(item: ItemInfo, n: number, what: [string, string]): Big {
  const b = finite(item, n, what);
  if (b.lt(0) || !b.eq(b.round(0, Big.roundDown))) {
    throw new ValueProblem(
      `${itemLabel(item)}的${what[0]} ${fmt(b)} 无效（应为不小于 0 的整数）`,
      `${itemLabelEn(item)}: ${what[1]} ${fmt(b)} is invalid (expected a whole number ≥ 0)`,
    );
  }
  return b;
}

/** Points given directly: checked against what the item allows. */
function directPoints(item: ItemInfo, points: number, precision: number): Big {
  const p = finite(item, points, ['得分', 'score']);
  const max = big(item.points);
  const L = itemLabel(item);
  const LE = itemLabelEn(item);
  if (p.lt(0)) throw new ValueProblem(`${L}的得分 ${fmt(p)} 不能为负数`, `${LE}: score ${fmt(p)} cannot be negative`);
  if (p.gt(max)) throw new ValueProblem(`${L}的得分 ${fmt(p)} 超过分值 ${fmt(max)}`, `${LE}: score ${fmt(p)} exceeds the maximum ${fmt(max)}`);
  if (decimalsOf(p) > precision) {
    throw new ValueProblem(
      `${L}的得分 ${fmt(p)} 小数位过多（本细则最多 ${precision} 位小数）`,
      `${LE}: score ${fmt(p)} has too many decimals (this rubric allows ${precision})`,
    );
  }
  const rule = item.rule;
  switch (rule.kind) {
    case 'range': {
      const min = big(rule.min ?? 0);
      if (p.lt(min)) throw new ValueProblem(`${L}的得分 ${fmt(p)} 低于最低分 ${fmt(min)}`, `${LE}: score ${fmt(p)} is below the minimum ${fmt(min)}`);
      if (rule.step !== undefined && !p.mod(rule.step).eq(0)) {
        throw new ValueProblem(
          `${L}的得分 ${fmt(p)} 不是 ${fmt(rule.step)} 的整数倍`,
          `${LE}: score ${fmt(p)} is not a multiple of ${fmt(rule.step)}`,
        );
      }
      return p;
    }
    case 'boolean': {
      const allowed = [max, big(rule.unmetPoints ?? 0)];
      if (!allowed.some((a) => a.eq(p))) {
        throw new ValueProblem(
          `${L}的得分 ${fmt(p)} 无效（只能是 ${allowed.map(fmt).join(' 或 ')}）`,
          `${LE}: score ${fmt(p)} is invalid (only ${allowed.map(fmt).join(' or ')})`,
        );
      }
      return p;
    }
    case 'choice': {
      if (!rule.options.some((o) => big(o.points).eq(p))) {
        const list = rule.options.map((o) => `${o.label} ${fmt(o.points)}`).join('、');
        const listEn = rule.options.map((o) => `${o.label} ${fmt(o.points)}`).join(', ');
        throw new ValueProblem(`${L}的得分 ${fmt(p)} 不是任何选项的分值（可选：${list}）`, `${LE}: score ${fmt(p)} matches no option (options: ${listEn})`);
      }
      return p;
    }
    case 'graded': {
      if (!rule.grades.some((g) => p.gte(g.min) && p.lte(g.max))) {
        const list = rule.grades.map((g) => `${g.grade} ${fmt(g.min)}–${fmt(g.max)}`).join('、');
        throw new ValueProblem(`${L}的得分 ${fmt(p)} 不在任何等级的分数段内（${list}）`, `${LE}: score ${fmt(p)} lies in no grade band (${list})`);
      }
      return p;
    }
    case 'control':
      throw new ValueProblem(`${L}是控制项，应填是/否，不能填分数`, `${LE} is a control item: enter yes/no, not points`);
    default:
      return p;
  }
}

function unitSuffix(unit: string | undefined): string {
  return unit ? ` ${unit}` : '';
}

/**
 * Points of `item` for one party's `value`. `precision` is the rubric's
 * number of decimals (points given directly may not have more).
 * Throws ValueProblem when the value is not allowed.
 */
export function itemPoints(item: ItemInfo, value: EntryValue, precision = 4): ItemPoints {
  const rule = item.rule;
  const L = itemLabel(item);
  const LE = itemLabelEn(item);
  const max = big(item.points);

  switch (value.kind) {
    case 'blank':
      return { kind: 'blank' };
    case 'na':
      if (item.na === 'forbid') {
        throw new ValueProblem(`${L}不允许填“不适用”`, `${LE} cannot be marked not applicable`);
      }
      return { kind: 'na', input: '不适用' };
    case 'points': {
      const p = directPoints(item, value.points, precision);
      const met = rule.kind === 'boolean' ? p.eq(max) && !p.eq(rule.unmetPoints ?? 0) : undefined;
      return { kind: 'points', points: p, ...(met === undefined ? {} : { met }), input: fmt(p) };
    }
    case 'met': {
      if (rule.kind === 'boolean') {
        const points = value.met ? max : big(rule.unmetPoints ?? 0);
        return { kind: 'points', points, met: value.met, input: value.met ? '是' : '否' };
      }
      if (rule.kind === 'control') return { kind: 'points', points: ZERO, met: value.met, input: value.met ? '是' : '否' };
      throw wrongKind(item, value);
    }
    case 'option': {
      if (rule.kind !== 'choice') throw wrongKind(item, value);
      const label = value.label.trim();
      const option = rule.options.find((o) => o.label === label);
      if (!option) {
        const list = rule.options.map((o) => o.label).join('、');
        const listEn = rule.options.map((o) => o.label).join(', ');
        throw new ValueProblem(`${L}没有选项“${label}”（可选：${list}）`, `${LE} has no option "${label}" (options: ${listEn})`);
      }
      return { kind: 'points', points: big(option.points), input: option.label };
    }
    case 'checklist': {
      if (rule.kind !== 'checklist') throw wrongKind(item, value);
      const ids = checklistIds(item);
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
          `${L}没有条件“${unknown.join('”“')}”（可选：${list}）`,
          `${LE} has no condition "${unknown.join('", "')}" (conditions: ${listEn})`,
        );
      }
      const order = [...picked].sort((a, b) => a - b);
      let points = ZERO;
      for (const i of order) points = points.plus(rule.conditions[i].points);
      return { kind: 'points', points, input: order.map((i) => ids[i]).join(', ') };
    }
    case 'measure': {
      if (rule.kind !== 'tiers') throw wrongKind(item, value);
      const v = finite(item, value.value, ['测量值', 'measured value']);
      let points: Big | null = null;
      for (const tier of rule.tiers) {
        if (v.gte(tier.min) && (points === null || big(tier.points).gt(points))) points = big(tier.points);
      }
      return { kind: 'points', points: points ?? big(rule.otherwise ?? 0), input: `${fmt(v)}${unitSuffix(rule.unit)}` };
    }
    case 'count': {
      if (rule.kind === 'count') {
        const n = nonNegativeInteger(item, value.count, ['数量', 'count']);
        const input = `${fmt(n)}${unitSuffix(rule.unit)}`;
        if (n.lt(rule.base.count)) return { kind: 'points', points: big(rule.below ?? 0), input };
        const raw = big(rule.base.points).plus(n.minus(rule.base.count).times(rule.increment));
        return { kind: 'points', points: minBig(raw, big(rule.cap ?? item.points)), input };
      }
      if (rule.kind === 'deduction') {
        const n = nonNegativeInteger(item, value.count, ['扣分次数', 'number of deductions']);
        const points = maxBig(big(rule.floor ?? 0), max.minus(n.times(rule.per)));
        return { kind: 'points', points, input: `扣 ${fmt(n)} 处` };
      }
      throw wrongKind(item, value);
    }
    case 'grade': {
      if (rule.kind !== 'graded') throw wrongKind(item, value);
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
      const p = directPoints(item, value.points, precision);
      if (p.lt(band.min) || p.gt(band.max)) {
        throw new ValueProblem(
          `${L}评为 ${band.grade} 级，得分 ${fmt(p)} 不在该级 ${fmt(band.min)}–${fmt(band.max)} 之内`,
          `${LE} is graded ${band.grade}: score ${fmt(p)} is outside its band ${fmt(band.min)}–${fmt(band.max)}`,
        );
      }
      return { kind: 'points', points: p, input: `${band.grade} ${fmt(p)}` };
    }
    default: {
      const never: never = value;
      throw new ValueProblem(`${L}的输入无法识别`, `${LE}: unrecognised entry ${JSON.stringify(never)}`);
    }
  }
}
