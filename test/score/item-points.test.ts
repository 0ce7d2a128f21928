import { valueMessage } from '../../src/problems/messages/engine.js';
import { describe, expect, test } from 'vitest';
import { itemPoints, ValueProblem } from '../../src/score/item-points.js';
import type { ItemInfo } from '../../src/rubric/model.js';
import type { EntryValue } from '../../src/score/types.js';
import { rubric } from './helpers.js';

/** One item of the given rule and points, in a one-item rubric. */
function item(points: number, scoring: Record<string, unknown>, na?: string): ItemInfo {
  const r = rubric({
    total: points,
    modules: [{ id: '1', name: '基础建设', points, children: [{ id: '1.1', name: '服务场所面积', points, scoring, ...(na ? { na } : {}) }] }],
  });
  return r.index.items[0];
}

function value(it: ItemInfo, v: EntryValue, precision = 1): number | string {
  const r = itemPoints(it, v, precision);
  return r.kind === 'points' ? Number(r.points.toString()) : r.kind;
}

function problem(it: ItemInfo, v: EntryValue, precision = 1): string {
  try {
    itemPoints(it, v, precision);
  } catch (err) {
    if (err instanceof ValueProblem) return valueMessage(err.issue, 'zh');
    throw err;
  }
  throw new Error('expected a ValueProblem');
}

describe('range', () => {
  const it = item(20, { kind: 'range', min: 2, step: 0.5 });
  test('points within the range', () => {
    expect(value(it, { kind: 'points', points: 17.5 })).toBe(17.5);
    expect(value(it, { kind: 'points', points: 20 })).toBe(20);
    expect(value(it, { kind: 'points', points: 2 })).toBe(2);
  });
  test('above the maximum, below the minimum, off the step, too many decimals, negative', () => {
    expect(problem(it, { kind: 'points', points: 25 })).toBe('项目 1.1「服务场所面积」的得分 25 超过分值 20');
    expect(problem(it, { kind: 'points', points: 1.5 })).toBe('项目 1.1「服务场所面积」的得分 1.5 低于最低分 2');
    expect(problem(it, { kind: 'points', points: 3.3 })).toBe('项目 1.1「服务场所面积」的得分 3.3 不是 0.5 的整数倍');
    expect(problem(it, { kind: 'points', points: 3.25 })).toContain('小数位过多（本细则最多 1 位小数）');
    expect(problem(it, { kind: 'points', points: -1 })).toContain('不能为负数');
    expect(problem(it, { kind: 'points', points: Number.NaN })).toContain('不是有效数字');
  });
  test('a wrong entry kind names what the item expects', () => {
    expect(problem(it, { kind: 'option', label: '门外醒目' })).toBe('项目 1.1「服务场所面积」应填分数，却填了选项');
  });
  test('blank stays blank', () => {
    expect(value(it, { kind: 'blank' })).toBe('blank');
  });
});

describe('boolean', () => {
  const it = item(5, { kind: 'boolean', unmetPoints: 1.5 });
  test('met → points, unmet → unmetPoints', () => {
    expect(value(it, { kind: 'met', met: true })).toBe(5);
    expect(value(it, { kind: 'met', met: false })).toBe(1.5);
  });
  test('points must be one of the two allowed values', () => {
    expect(value(it, { kind: 'points', points: 1.5 })).toBe(1.5);
    expect(problem(it, { kind: 'points', points: 3 })).toBe('项目 1.1「服务场所面积」的得分 3 无效（只能是 5 或 1.5）');
  });
  test('unmetPoints defaults to 0', () => {
    expect(value(item(4, { kind: 'boolean' }), { kind: 'met', met: false })).toBe(0);
  });
});

describe('choice', () => {
  const it = item(3, {
    kind: 'choice',
    options: [
      { label: '门外醒目', points: 3 },
      { label: '室内', points: 1.5 },
      { label: '未悬挂', points: 0 },
    ],
  });
  test('option label → its points', () => {
    expect(value(it, { kind: 'option', label: '室内' })).toBe(1.5);
    expect(value(it, { kind: 'option', label: ' 门外醒目 ' })).toBe(3);
  });
  test('unknown label lists the valid options', () => {
    expect(problem(it, { kind: 'option', label: '门口' })).toBe('项目 1.1「服务场所面积」没有选项“门口”（可选：门外醒目、室内、未悬挂）');
  });
  test('points must equal an option value', () => {
    expect(value(it, { kind: 'points', points: 0 })).toBe(0);
    expect(problem(it, { kind: 'points', points: 2 })).toContain('不是任何选项的分值');
  });
});

describe('checklist', () => {
  const it = item(2, {
    kind: 'checklist',
    conditions: [
      { label: '有制度', points: 0.5 },
      { label: '有记录', points: 0.5 },
      { id: 'x', label: '有公示', points: 1 },
    ],
  });
  test('ticked ids or labels → sum, each once', () => {
    expect(value(it, { kind: 'checklist', ticked: ['a', 'x'] })).toBe(1.5);
    expect(value(it, { kind: 'checklist', ticked: ['有记录', 'b', 'A'] })).toBe(1);
    expect(value(it, { kind: 'checklist', ticked: [] })).toBe(0);
    const r = itemPoints(it, { kind: 'checklist', ticked: ['x', '有制度'] });
    expect(r.kind === 'points' && r.input).toBe('a, x');
  });
  test('unknown condition is an error', () => {
    expect(problem(it, { kind: 'checklist', ticked: ['a', 'c'] })).toBe('项目 1.1「服务场所面积」没有条件“c”（可选：a 有制度、b 有记录、x 有公示）');
  });
});

describe('tiers', () => {
  const it = item(10, {
    kind: 'tiers',
    unit: '㎡',
    tiers: [
      { min: 30, points: 5 },
      { min: 60, points: 10 },
    ],
    otherwise: 1,
  });
  test('highest tier reached, boundary inclusive, otherwise below', () => {
    expect(value(it, { kind: 'measure', value: 65 })).toBe(10);
    expect(value(it, { kind: 'measure', value: 60 })).toBe(10);
    expect(value(it, { kind: 'measure', value: 59.9 })).toBe(5);
    expect(value(it, { kind: 'measure', value: 12 })).toBe(1);
    const r = itemPoints(it, { kind: 'measure', value: 65 });
    expect(r.kind === 'points' && r.input).toBe('65 ㎡');
  });
  test('otherwise defaults to 0', () => {
    expect(value(item(10, { kind: 'tiers', tiers: [{ min: 1, points: 10 }] }), { kind: 'measure', value: 0.5 })).toBe(0);
  });
  test('a count for a tiers item is the wrong kind', () => {
    expect(problem(it, { kind: 'count', count: 3 })).toBe('项目 1.1「服务场所面积」应填测量值或分数，却填了数量');
  });
});

describe('count', () => {
  const it = item(15, { kind: 'count', unit: '人', base: { count: 3, points: 5 }, increment: 1, cap: 12, below: 2 });
  test('base, increment, cap, below', () => {
    expect(value(it, { kind: 'count', count: 3 })).toBe(5);
    expect(value(it, { kind: 'count', count: 5 })).toBe(7);
    expect(value(it, { kind: 'count', count: 10 })).toBe(12);
    expect(value(it, { kind: 'count', count: 2 })).toBe(2);
  });
  test('cap defaults to the item points', () => {
    const it2 = item(15, { kind: 'count', base: { count: 2, points: 5 }, increment: 2.5 });
    expect(value(it2, { kind: 'count', count: 7 })).toBe(15);
    expect(value(it2, { kind: 'count', count: 5 })).toBe(12.5);
    expect(value(it2, { kind: 'count', count: 1 })).toBe(0);
  });
  test('negative or fractional counts are errors', () => {
    expect(problem(it, { kind: 'count', count: -1 })).toBe('项目 1.1「服务场所面积」的数量 -1 无效（应为不小于 0 的整数）');
    expect(problem(it, { kind: 'count', count: 2.5 })).toContain('的数量 2.5 无效');
  });
});

describe('deduction', () => {
  const it = item(5, { kind: 'deduction', per: 1.5, floor: 0.5 });
  test('points − n × per, never below the floor', () => {
    expect(value(it, { kind: 'count', count: 0 })).toBe(5);
    expect(value(it, { kind: 'count', count: 2 })).toBe(2);
    expect(value(it, { kind: 'count', count: 3 })).toBe(0.5);
    expect(value(it, { kind: 'count', count: 9 })).toBe(0.5);
  });
  test('floor defaults to 0; negative count is an error', () => {
    const it2 = item(2, { kind: 'deduction', per: 1 });
    expect(value(it2, { kind: 'count', count: 5 })).toBe(0);
    expect(problem(it2, { kind: 'count', count: -2 })).toContain('扣分次数 -2 无效');
  });
});

describe('graded', () => {
  const it = item(8, {
    kind: 'graded',
    grades: [
      { grade: 'A', min: 7, max: 8 },
      { grade: 'B', min: 5, max: 6.5 },
      { grade: 'D', min: 0, max: 0 },
    ],
  });
  test('grade with points inside the band', () => {
    expect(value(it, { kind: 'grade', grade: 'B', points: 5.5 })).toBe(5.5);
    expect(value(it, { kind: 'grade', grade: 'a', points: 8 })).toBe(8);
  });
  test('a band of one value needs no points', () => {
    expect(value(it, { kind: 'grade', grade: 'D' })).toBe(0);
  });
  test('grade without points asks for them; points outside the band; unknown grade', () => {
    expect(problem(it, { kind: 'grade', grade: 'A' })).toBe('项目 1.1「服务场所面积」评为 A 级，请同时填写 7–8 之间的得分');
    expect(problem(it, { kind: 'grade', grade: 'A', points: 6 })).toBe('项目 1.1「服务场所面积」评为 A 级，得分 6 不在该级 7–8 之内');
    expect(problem(it, { kind: 'grade', grade: 'C', points: 4 })).toContain('没有等级“C”');
  });
  test('points alone: accepted inside some band', () => {
    expect(value(it, { kind: 'points', points: 6.5 })).toBe(6.5);
    expect(problem(it, { kind: 'points', points: 6.8 })).toBe('项目 1.1「服务场所面积」的得分 6.8 不在任何等级的分数段内（A 7–8、B 5–6.5、D 0–0）');
  });
});

describe('control', () => {
  const it = item(0, { kind: 'control' });
  test('met / not met, 0 points', () => {
    const r = itemPoints(it, { kind: 'met', met: false });
    expect(r).toMatchObject({ kind: 'points', met: false, input: '否' });
    expect(r.kind === 'points' && r.points.toString()).toBe('0');
  });
  test('points are not accepted', () => {
    expect(problem(it, { kind: 'points', points: 0 })).toBe('项目 1.1「服务场所面积」是控制项，应填是/否，不能填分数');
  });
});

describe('N/A by policy', () => {
  test('forbid → error; full and rescale → na', () => {
    expect(problem(item(5, { kind: 'range' }), { kind: 'na' })).toBe('项目 1.1「服务场所面积」不允许填“不适用”');
    expect(value(item(5, { kind: 'range' }, 'full'), { kind: 'na' })).toBe('na');
    expect(value(item(5, { kind: 'range' }, 'rescale'), { kind: 'na' })).toBe('na');
  });
});

describe('a score given directly must be one the rule can give (tiers, count, deduction, checklist)', () => {
  test('tiers: 0 / 12 / 20 allowed, 15 refused with the allowed values', () => {
    const it = item(20, {
      kind: 'tiers',
      unit: '㎡',
      tiers: [
        { min: 60, points: 20 },
        { min: 40, points: 12 },
      ],
      otherwise: 0,
    });
    expect([0, 12, 20].map((p) => value(it, { kind: 'points', points: p }))).toEqual([0, 12, 20]);
    expect(problem(it, { kind: 'points', points: 15 })).toBe('项目 1.1「服务场所面积」的得分 15 不可能出现（按评分标准只能得 0、12、20 分）');
  });
  test('count: below, base, increments and cap', () => {
    const it = item(10, { kind: 'count', unit: '人', base: { count: 2, points: 6 }, increment: 1.5, cap: 10 });
    expect([0, 6, 7.5, 9, 10].map((p) => value(it, { kind: 'points', points: p }))).toEqual([0, 6, 7.5, 9, 10]);
    expect(problem(it, { kind: 'points', points: 8 })).toBe('项目 1.1「服务场所面积」的得分 8 不可能出现（按评分标准只能得 0、6、7.5、9、10 分）');
  });
  test('deduction: the maximum minus whole deductions, never below the floor', () => {
    const it = item(5, { kind: 'deduction', per: 2, floor: 0 });
    expect([5, 3, 1, 0].map((p) => value(it, { kind: 'points', points: p }))).toEqual([5, 3, 1, 0]);
    expect(problem(it, { kind: 'points', points: 4 })).toBe('项目 1.1「服务场所面积」的得分 4 不可能出现（按评分标准只能得 0、1、3、5 分）');
  });
  test('checklist: any sum of conditions', () => {
    const it = item(2, {
      kind: 'checklist',
      conditions: [
        { label: '个案室', points: 0.5 },
        { label: '活动室', points: 0.5 },
        { label: '档案室', points: 1 },
      ],
    });
    expect([0, 0.5, 1, 1.5, 2].map((p) => value(it, { kind: 'points', points: p }))).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(problem(it, { kind: 'points', points: 0.3 }, 1)).toBe('项目 1.1「服务场所面积」的得分 0.3 不可能出现（按评分标准只能得 0、0.5、1、1.5、2 分）');
  });
});
