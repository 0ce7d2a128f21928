/**
 * The rule shapes of real tables added to the kind modules: a capped
 * deduction (每少一项扣1分，最多扣5分), a deduction the assessor chooses within a
 * range (按照现场查勘情况扣1-3分), mutually exclusive checklist conditions
 * (上一条满足的不选), and a composite item with sub-caps written as an
 * indicator with two scored children (服务内容 ≤ 20 + 服务绩效 ≤ 40). Exact
 * numbers through the engine, located diagnostics from the validator, and a
 * template → fill → read → score round trip.
 */
import { valueMessage } from '../../src/problems/messages/engine.js';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { itemPoints, ValueProblem } from '../../src/score/item-points.js';
import type { ItemInfo } from '../../src/rubric/model.js';
import type { EntryValue } from '../../src/score/types.js';
import { scoreStation } from '../../src/score/score-station.js';
import { buildTemplate, inputHelp, scoreFormula, TEMPLATE_HEADER_ROW, TEMPLATE_SHEET } from '../../src/workbook/template.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { validate } from '../rubric/fixture.js';
import { party, rubric, station } from '../score/helpers.js';
import { must } from '../../src/util/must.js';
import { messageOf } from '../../src/problems/render.js';

function item(points: number, scoring: Record<string, unknown>): ItemInfo {
  return rubric({ total: points, modules: [{ id: '1', name: '管理', points, children: [{ id: '1.1', name: '档案管理', points, scoring }] }] }).index.items[0];
}
const value = (it: ItemInfo, v: EntryValue): number | string => {
  const r = itemPoints(it, v, 1);
  return r.kind === 'points' ? Number(r.points.toString()) : r.kind;
};
const problem = (it: ItemInfo, v: EntryValue): string => {
  try {
    itemPoints(it, v, 1);
  } catch (err) {
    if (err instanceof ValueProblem) return valueMessage(err.issue, 'zh');
    throw err;
  }
  throw new Error('expected a ValueProblem');
};

describe('capped deduction (每少一项应自查项目扣1分，最多扣5分)', () => {
  const it10 = item(10, { kind: 'deduction', per: 1, maxDeduction: 5 });
  test('deducts per occurrence up to the cap, then no more', () => {
    expect([0, 1, 4, 5, 6, 9].map((n) => value(it10, { kind: 'count', count: n }))).toEqual([10, 9, 6, 5, 5, 5]);
  });
  test('decimals stay exact: 0.3 per item, at most 1.5, from 2.5', () => {
    const it = item(2.5, { kind: 'deduction', per: 0.3, maxDeduction: 1.5 });
    expect([1, 3, 5, 7].map((n) => value(it, { kind: 'count', count: n }))).toEqual([2.2, 1.6, 1, 1]);
  });
  test('the floor still applies below the cap', () => {
    const it = item(4, { kind: 'deduction', per: 2, maxDeduction: 3, floor: 2 });
    expect(value(it, { kind: 'count', count: 2 })).toBe(2);
  });
  test('template formula and help carry the cap', () => {
    expect(scoreFormula(it10, 'H7')).toBe('IF(H7="","",IF(H7="不适用","不适用",IF(ISNUMBER(H7),MAX(0,10-MIN(5,H7*1)),"")))');
    expect(inputHelp(it10)).toBe('填写缺项/不符合的次数：每次扣1分，最多扣5分，最低0分');
  });
});

describe('assessor-chosen deduction (按照现场查勘情况扣1-3分)', () => {
  const it = item(5, { kind: 'assessed-deduction', min: 1, max: 3 });
  test('0 when nothing is found, else points − the chosen deduction', () => {
    expect([0, 1, 2.5, 3].map((d) => value(it, { kind: 'measure', value: d }))).toEqual([5, 4, 2.5, 2]);
  });
  test('a deduction outside 0 or 1–3 is refused, naming the range', () => {
    expect(problem(it, { kind: 'measure', value: 4 })).toBe('项目 1.1「档案管理」扣 4 分无效（应为 0 或 1–3 分）');
    expect(problem(it, { kind: 'measure', value: 0.5 })).toBe('项目 1.1「档案管理」扣 0.5 分无效（应为 0 或 1–3 分）');
  });
  test('never below the floor', () => {
    const low = item(2, { kind: 'assessed-deduction', min: 1, max: 3 });
    expect(value(low, { kind: 'measure', value: 3 })).toBe(0);
  });
  test('points typed directly must come from an allowed deduction', () => {
    expect(value(it, { kind: 'points', points: 3.5 })).toBe(3.5);
    expect(problem(it, { kind: 'points', points: 4.5 })).toBe('项目 1.1「档案管理」的得分 4.5 无效（满分 5 只能扣 0 或 1–3 分）');
  });
  test('template formula refuses other deductions', () => {
    expect(scoreFormula(it, 'H7')).toBe('IF(H7="","",IF(H7="不适用","不适用",IF(ISNUMBER(H7),IF(OR(H7=0,AND(H7>=1,H7<=3)),MAX(0,5-H7),""),"")))');
  });
});

describe('mutually exclusive conditions (上一条满足的不选)', () => {
  const it = item(5, {
    kind: 'checklist',
    conditions: [
      { label: '每月开展', points: 3, group: '频次' },
      { label: '每季度开展', points: 1.5, group: '频次' },
      { label: '有记录', points: 2 },
    ],
  });
  test('one of a group counts; the best combination reaches the points', () => {
    expect(value(it, { kind: 'checklist', ticked: ['a', 'c'] })).toBe(5);
    expect(value(it, { kind: 'checklist', ticked: ['b', 'c'] })).toBe(3.5);
    expect(value(it, { kind: 'checklist', ticked: ['b'] })).toBe(1.5);
  });
  test('two of one group are refused', () => {
    expect(problem(it, { kind: 'checklist', ticked: ['a', 'b'] })).toBe('项目 1.1「档案管理」的条件 a、b 互斥（同属“频次”，只能勾选其一）');
  });
  test('the template says so and shows 互斥 instead of a sum', () => {
    expect(inputHelp(it)).toBe('填写满足条件的编号，用逗号分隔（如 a,c）：a=每月开展(3分)；b=每季度开展(1.5分)；c=有记录(2分)；a、b 只能选一个；都不满足填“无”');
    expect(scoreFormula(it, 'H7')).toMatch(/^IF\(H7="","",IF\(H7="不适用","不适用",IF\(OR\(\(ISNUMBER\(SEARCH\(",a,",.*\)\+ISNUMBER\(SEARCH\(",b,",.*\)\)>1\),"互斥",/);
  });
});

describe('composite item with sub-caps (服务内容 ≤ 20 + 服务绩效 ≤ 40)', () => {
  // 区域性居家养老服务中心星级评定标准: "服务内容：最高得20分 … 服务绩效：最高得40分。其中，年服务达200人次，得10分；
  // 年服务达500人次，得20分；年服务达800人次，得30分；年服务达1000人次以上，得40分".
  const r = rubric({
    total: 60,
    modules: [
      {
        id: '3',
        name: '服务',
        points: 60,
        children: [
          { id: '3.1', name: '服务内容', points: 20, scoring: { kind: 'range' } },
          {
            id: '3.2',
            name: '服务绩效',
            points: 40,
            scoring: {
              kind: 'tiers',
              unit: '人次',
              tiers: [
                { min: 200, points: 10 },
                { min: 500, points: 20 },
                { min: 800, points: 30 },
                { min: 1000, points: 40 },
              ],
            },
          },
        ],
      },
    ],
  });
  test('each part is capped by its own points and the item is their sum', () => {
    const res = scoreStation(r, station(party({ '3.1': { kind: 'points', points: 17.5 }, '3.2': { value: { kind: 'measure', value: 812 } } })));
    expect(res.items.map((i) => [i.id, i.final])).toEqual([
      ['3.1', 17.5],
      ['3.2', 30],
    ]);
    expect(res.modules[0].final).toBe(47.5);
    expect(res.total).toBe(47.5);
    const top = scoreStation(r, station(party({ '3.1': { kind: 'points', points: 20 }, '3.2': { value: { kind: 'measure', value: 5000 } } })));
    expect(top.total).toBe(60);
  });
});

describe('validation, located', () => {
  const mine = (text: string) => validate(text).diagnostics.filter((d) => d.code !== 'RUBRIC_SINGLE_CHILD');
  const yaml = (scoring: string, points = 5) => `id: t
title: 测试
version: "1"
total: ${points}
modules:
  - id: "1"
    name: 管理
    points: ${points}
    children:
      - id: "1.1"
        name: 档案管理
        points: ${points}
        scoring: ${scoring}
stars:
  levels:
    - { level: 1, name: 一星级, minTotal: 1 }
`;
  test('maxDeduction below one deduction is an error at maxDeduction', () => {
    const d = mine(yaml('{ kind: deduction, per: 2, maxDeduction: 1 }'));
    expect(d.map((x) => [x.line, x.column, x.code, x.path, x.received, x.expected])).toEqual([[13, 59, 'RUBRIC_RULE_INVALID', 'modules[0].children[0].scoring.maxDeduction', 1, '>= 2']]);
  });
  test('maxDeduction more than can be lost is a warning', () => {
    const d = mine(yaml('{ kind: deduction, per: 1, maxDeduction: 8 }'));
    expect(d.map((x) => [x.line, x.column, x.severity, x.code, x.received, x.expected])).toEqual([[13, 59, 'warning', 'RUBRIC_RULE_POINTLESS', 8, '<= 5']]);
  });
  test('an assessed deduction with min above max is an error at min', () => {
    const d = mine(yaml('{ kind: assessed-deduction, min: 3, max: 1 }'));
    expect(d.map((x) => [x.line, x.column, x.code, x.path, x.received, x.expected])).toEqual([[13, 51, 'RUBRIC_RULE_INVALID', 'modules[0].children[0].scoring.min', 3, '<= 1']]);
  });
  test('exclusive conditions: the best combination must equal the points; a group of one warns', () => {
    const over = mine(yaml('{ kind: checklist, conditions: [{ label: 月, points: 3, group: g }, { label: 季, points: 1, group: g }, { label: 记录, points: 2 }] }', 6));
    expect(over.map((x) => [x.code, x.received, x.expected])).toEqual([['RUBRIC_RULE_UNREACHABLE', 5, 6]]);
    expect(messageOf(over[0], 'zh')).toBe('1.1「档案管理」（组合分）最高只能得 5 分（各条件合计（互斥组取最高）），达不到项目分值 6');
    const ok = mine(yaml('{ kind: checklist, conditions: [{ label: 月, points: 3, group: g }, { label: 季, points: 1, group: g }, { label: 记录, points: 2 }] }', 5));
    expect(ok).toEqual([]);
    const single = mine(yaml('{ kind: checklist, conditions: [{ label: 月, points: 3, group: g }, { label: 记录, points: 2 }] }', 5));
    expect(single.map((x) => [x.line, x.column, x.severity, x.code, x.received])).toEqual([[13, 80, 'warning', 'RUBRIC_GROUP_SINGLE', 'g']]);
  });
});

describe('template → fill → read → score', () => {
  test('the new shapes are filled in 填报, read back and scored exactly', async () => {
    const r = rubric({
      total: 15,
      modules: [
        {
          id: '1',
          name: '管理',
          points: 15,
          children: [
            { id: '1.1', name: '自查', points: 10, scoring: { kind: 'deduction', per: 1, maxDeduction: 5 } },
            { id: '1.2', name: '档案', points: 3, scoring: { kind: 'assessed-deduction', min: 1, max: 3 } },
            {
              id: '1.3',
              name: '活动',
              points: 2,
              scoring: {
                kind: 'checklist',
                conditions: [
                  { label: '每月', points: 2, group: '频次' },
                  { label: '每季', points: 1, group: '频次' },
                ],
              },
            },
          ],
        },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(r)) as never);
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const rowOf = (id: string) => {
      for (let n = TEMPLATE_HEADER_ROW + 1; n <= ws.rowCount; n++) if (ws.getCell(n, 1).value === id) return n;
      throw new Error(id);
    };
    ws.getCell('B3').value = '城关镇社工站';
    ws.getCell(rowOf('1.1'), 8).value = 7;
    ws.getCell(rowOf('1.2'), 8).value = '2分';
    ws.getCell(rowOf('1.3'), 8).value = 'b';
    expect(ws.getCell(rowOf('1.2'), 9).value).toMatchObject({ formula: 'IF(H9="","",IF(H9="不适用","不适用",IF(ISNUMBER(H9),IF(OR(H9=0,AND(H9>=1,H9<=3)),MAX(0,3-H9),""),"")))' });
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), r, { display: '城关镇.xlsx' });
    expect(read.self.items['1.2'].value).toEqual({ kind: 'measure', value: 2 });
    const res = scoreStation(r, { station: read.station, self: read.self });
    expect(res.items.map((i) => [i.id, i.final, i.selfInput])).toEqual([
      ['1.1', 5, '扣 7 处'],
      ['1.2', 1, '扣 2 分'],
      ['1.3', 1, 'b'],
    ]);
    expect(res.total).toBe(7);
  });
});
