/**
 * 勾选扣分 (checklist-deduction): the community elderly-care table's 管理 3.4,
 * 3.6 and 3.7 — tick boxes, then an assessor's deduction of 1–3 points floored
 * at 0, and "…不得分" when a named condition is not ticked. Exact numbers
 * through the engine, the reader's "a,b 扣2", located diagnostics, and a
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
import { parseInput } from '../../src/workbook/read-entry.js';
import { cellProblem } from '../../src/workbook/workbook-error.js';
import { messageOf } from '../../src/problems/render.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { validate } from '../rubric/fixture.js';
import { rubric } from '../score/helpers.js';
import { must } from '../../src/util/must.js';

/** 管理 3.6 投诉处理 (6): a 多渠道投诉途径 3, b 专人负责并有记录 3; 扣1-3分; 未设多渠道的投诉途径不得分. */
const COMPLAINTS = {
  kind: 'checklist-deduction',
  conditions: [
    { id: 'a', label: '多渠道投诉途径', points: 3 },
    { id: 'b', label: '专人负责并有记录', points: 3 },
  ],
  deduction: { min: 1, max: 3 },
  zeroIf: { missing: ['a'] },
};
/** 管理 3.4 档案管理 (10): a 管理档案 5, b 服务档案 5; 扣1-3分. */
const FILES = {
  kind: 'checklist-deduction',
  conditions: [
    { id: 'a', label: '管理档案', points: 5 },
    { id: 'b', label: '服务档案', points: 5 },
  ],
  deduction: { min: 1, max: 3 },
};

function item(points: number, scoring: Record<string, unknown>): ItemInfo {
  return rubric({ total: points, modules: [{ id: '1', name: '管理', points, children: [{ id: '1.1', name: '投诉处理', points, scoring }] }] }).index.items[0];
}
const value = (it: ItemInfo, v: EntryValue, precision = 0): number | string => {
  const r = itemPoints(it, v, precision);
  return r.kind === 'points' ? Number(r.points.toString()) : r.kind;
};
const problem = (it: ItemInfo, v: EntryValue, precision = 0): string => {
  try {
    itemPoints(it, v, precision);
  } catch (err) {
    if (err instanceof ValueProblem) return valueMessage(err.issue, 'zh');
    throw err;
  }
  throw new Error('expected a ValueProblem');
};

describe('points: ticks, less the assessor’s deduction, floored at 0; 0 when a required condition is missing', () => {
  const files = item(10, FILES);
  const complaints = item(6, COMPLAINTS);
  test('档案管理: both files 10, one file 5, each less 0–3', () => {
    expect(value(files, { kind: 'checklist', ticked: ['a', 'b'] })).toBe(10);
    expect(value(files, { kind: 'checklist', ticked: ['a', 'b'], deduction: 2 })).toBe(8);
    expect(value(files, { kind: 'checklist', ticked: ['b'], deduction: 3 })).toBe(2);
    expect(value(files, { kind: 'checklist', ticked: [], deduction: 1 })).toBe(0);
  });
  test('投诉处理: without a the item is 0 whatever b and the deduction; with a, 6 − d or 3 − d, never below 0', () => {
    expect(value(complaints, { kind: 'checklist', ticked: ['b'] })).toBe(0);
    expect(value(complaints, { kind: 'checklist', ticked: ['a', 'b'], deduction: 1 })).toBe(5);
    expect(value(complaints, { kind: 'checklist', ticked: ['a'] })).toBe(3);
    expect(value(complaints, { kind: 'checklist', ticked: ['a'], deduction: 3 })).toBe(0);
    expect(itemPoints(complaints, { kind: 'checklist', ticked: ['a', 'b'], deduction: 2 }, 0)).toMatchObject({ kind: 'points', input: 'a, b 扣 2 分' });
  });
  test('a deduction outside 0 or 1–3, one with too many decimals, an unknown condition: refused, naming what is allowed', () => {
    expect(problem(complaints, { kind: 'checklist', ticked: ['a'], deduction: 4 })).toBe('项目 1.1「投诉处理」扣 4 分无效（应为 0 或 1–3 分）');
    expect(problem(complaints, { kind: 'checklist', ticked: ['a'], deduction: 1.5 })).toBe('项目 1.1「投诉处理」扣 1.5 分小数位过多（本细则最多 0 位小数）');
    expect(value(complaints, { kind: 'checklist', ticked: ['a', 'b'], deduction: 1.5 }, 1)).toBe(4.5);
    expect(problem(complaints, { kind: 'checklist', ticked: ['c'] })).toBe('项目 1.1「投诉处理」没有条件“c”（可选：a 多渠道投诉途径、b 专人负责并有记录）');
  });
  test('a score typed directly must be one the ticks and a deduction can give', () => {
    expect([6, 5, 3, 2, 0].map((p) => value(complaints, { kind: 'points', points: p }))).toEqual([6, 5, 3, 2, 0]);
    expect([10, 9, 7, 5, 4, 2].map((p) => value(files, { kind: 'points', points: p }))).toEqual([10, 9, 7, 5, 4, 2]);
    expect(value(files, { kind: 'points', points: 8.5 }, 1)).toBe(8.5);
    // 10 − 0…3 and 5 − 0…3 and 0: never 6 (nor 1, nor 4.5).
    expect(problem(files, { kind: 'points', points: 6 })).toBe('项目 1.1「投诉处理」的得分 6 不可能出现（按评分标准只能得 0、2、3、4、5、7、8、9、10、… 分）');
    expect(problem(files, { kind: 'points', points: 4.5 }, 1)).toContain('的得分 4.5 不可能出现');
  });
});

describe('the reader: "a,b 扣2" in 填报', () => {
  const complaints = item(6, COMPLAINTS);
  const read = (text: string) => parseInput(complaints, text);
  test('ticks, then 扣 and a number (分 and spaces allowed); 无 扣1; a plain checklist does not take 扣', () => {
    expect(read('a,b 扣2')).toEqual({ ok: true, value: { kind: 'checklist', ticked: ['a', 'b'], deduction: 2 } });
    expect(read('a、b，扣 3 分')).toEqual({ ok: true, value: { kind: 'checklist', ticked: ['a', 'b'], deduction: 3 } });
    expect(read('a')).toEqual({ ok: true, value: { kind: 'checklist', ticked: ['a'] } });
    expect(read('无')).toEqual({ ok: true, value: { kind: 'checklist', ticked: [] } });
    expect(read('扣1')).toEqual({ ok: true, value: { kind: 'checklist', ticked: [], deduction: 1 } });
    const bad = read('a 扣两分');
    expect(bad).toMatchObject({ ok: false, issue: { code: 'CELL_BAD_DEDUCTION', params: { text: 'a 扣两分' } } });
    expect(bad.ok ? [] : [messageOf(cellProblem({}, bad.issue), 'zh'), messageOf(cellProblem({}, bad.issue), 'en')]).toEqual([
      '“a 扣两分” 中“扣”后面应是扣分数（如 a,b 扣2）',
      '"a 扣两分": the deduction after 扣 is not a number (e.g. a,b 扣2)',
    ]);
    const plain = item(6, { kind: 'checklist', conditions: COMPLAINTS.conditions });
    expect(parseInput(plain, 'a 扣2')).toMatchObject({ ok: false, issue: { code: 'CELL_UNKNOWN_CONDITION' } });
  });
});

describe('rubric validate', () => {
  const yaml = (scoring: string, points = 6) => `id: t
title: 测试
version: "1"
total: ${points}
modules:
  - id: "1"
    name: 管理
    points: ${points}
    children:
      - id: "1.1"
        name: 投诉处理
        points: ${points}
        scoring: ${scoring}
stars:
  levels:
    - { level: 1, name: 一星级, minTotal: 1 }
`;
  const mine = (text: string) => validate(text).diagnostics.filter((d) => d.code !== 'RUBRIC_SINGLE_CHILD');
  const conds = 'conditions: [{ id: a, label: 途径, points: 3 }, { id: b, label: 记录, points: 3 }]';
  test('the real item validates', () => {
    expect(mine(yaml(`{ kind: checklist-deduction, ${conds}, deduction: { min: 1, max: 3 }, zeroIf: { missing: [a] } }`))).toEqual([]);
  });
  test('zeroIf naming no condition, min above max, conditions short of the points: each located', () => {
    const d = mine(yaml(`{ kind: checklist-deduction, ${conds}, deduction: { min: 3, max: 1 }, zeroIf: { missing: [c] } }`, 7));
    expect(d.map((x) => [x.code, x.path, x.received, x.expected])).toEqual([
      ['RUBRIC_RULE_UNREACHABLE', 'modules[0].children[0].scoring.conditions', 6, 7],
      ['RUBRIC_RULE_INVALID', 'modules[0].children[0].scoring.deduction.min', 3, '<= 1'],
      ['RUBRIC_RULE_INVALID', 'modules[0].children[0].scoring.zeroIf.missing[0]', 'c', 'one of a, b'],
    ]);
    expect(messageOf(d[2], 'zh')).toBe('1.1「投诉处理」（勾选扣分）的 zeroIf 写了“c”，不是本项的条件（本项条件：a、b）');
  });
  test('a deduction larger than the item is a warning; a repeated condition id an error', () => {
    expect(mine(yaml(`{ kind: checklist-deduction, ${conds}, deduction: { min: 1, max: 8 } }`)).map((x) => [x.severity, x.code, x.received])).toEqual([['warning', 'RUBRIC_RULE_POINTLESS', 8]]);
    const dup = 'conditions: [{ id: a, label: 途径, points: 3 }, { id: a, label: 记录, points: 3 }]';
    expect(mine(yaml(`{ kind: checklist-deduction, ${dup}, deduction: { min: 1, max: 3 } }`)).map((x) => x.code)).toEqual(['RUBRIC_DUPLICATE_CONDITION_ID']);
  });
});

describe('template → fill → read → score', () => {
  test('help, formula, and the entries read back and scored exactly', async () => {
    const r = rubric({
      total: 16,
      modules: [
        {
          id: '1',
          name: '管理',
          points: 16,
          children: [
            { id: '1.1', name: '档案管理', points: 10, scoring: FILES },
            { id: '1.2', name: '投诉处理', points: 6, scoring: COMPLAINTS },
          ],
        },
      ],
    });
    const complaints = r.index.items[1];
    expect(inputHelp(complaints)).toBe(
      '填写满足条件的编号，用逗号分隔：a=多渠道投诉途径(3分)；b=专人负责并有记录(3分)；评估人员按现场情况扣分时在后面写“扣N”（N 为 1–3，如 a,b 扣1），最低 0 分；未勾选 a 的本项不得分；都不满足填“无”',
    );
    const f = scoreFormula(complaints, 'H9');
    expect(f).toContain('IF(OR(NOT(ISNUMBER(SEARCH(",a,",');
    expect(f).toMatch(/^IF\(H9="","",IF\(H9="不适用","不适用",IFERROR\(IF\(OR\(/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(r)) as never);
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const rowOf = (id: string) => {
      for (let n = TEMPLATE_HEADER_ROW + 1; n <= ws.rowCount; n++) if (ws.getCell(n, 1).value === id) return n;
      throw new Error(id);
    };
    ws.getCell('B3').value = '幸福社区养老服务站';
    ws.getCell(rowOf('1.1'), 8).value = 'a,b 扣2';
    ws.getCell(rowOf('1.2'), 8).value = 'b';
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), r, { display: '幸福.xlsx' });
    expect(read.self.items['1.1'].value).toEqual({ kind: 'checklist', ticked: ['a', 'b'], deduction: 2 });
    const res = scoreStation(r, { station: read.station, self: read.self });
    expect(res.items.map((i) => [i.id, i.final, i.selfInput])).toEqual([
      ['1.1', 8, 'a, b 扣 2 分'],
      ['1.2', 0, 'b'],
    ]);
    expect(res.total).toBe(8);
  });
});
