/**
 * Per-level prerequisites (必备项) and the applied-for level (申报等级), from
 * 养老机构服务质量星级评定 (Inner Mongolia, serviceOrg_subsidy_star_add.jsp):
 * 护理员与全护理服务对象配备比例 不低于1:8 (1★) … 1:4 (top), 入住率 ≥ 30% … ≥ 50%,
 * "每200名老年人（不足200人按200人计算）至少配有1名专职社会工作者".
 */
import ExcelJS from 'exceljs';
import type { Problem } from '../../src/problems/problem.js';
import { messageOf } from '../../src/problems/render.js';
import { describe, expect, it } from 'vitest';
import { scoreStation } from '../../src/score/score-station.js';
import { buildTemplate, TEMPLATE_HEADER_ROW, TEMPLATE_SHEET } from '../../src/workbook/template.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import type { WorkbookError } from '../../src/workbook/workbook-error.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderStationXlsx } from '../../src/report/station-xlsx.js';
import { validate } from '../rubric/fixture.js';
import type { EntryValue, StationInput } from '../../src/score/types.js';
import { rubric } from './helpers.js';
import { checkResult } from '../../src/score/result-schema.js';
import { must } from '../../src/util/must.js';

const count = (n: number): EntryValue => ({ kind: 'count', count: n });
const measure = (v: number): EntryValue => ({ kind: 'measure', value: v });

function home(target: 'none' | 'optional' | 'required' = 'none') {
  return rubric({
    total: 100,
    modules: [
      { id: '1', name: '服务', points: 100, children: [{ id: '1.1', name: '服务质量', points: 100, scoring: { kind: 'range' } }] },
      {
        id: 'P',
        name: '必备项数据',
        points: 0,
        children: [
          { id: 'P.1', name: '护理员人数', points: 0, scoring: { kind: 'value', unit: '人', integer: true } },
          { id: 'P.2', name: '全护理服务对象人数', points: 0, scoring: { kind: 'value', unit: '人', integer: true } },
          { id: 'P.3', name: '入住率', points: 0, scoring: { kind: 'value', unit: '%' } },
          { id: 'P.4', name: '专职社会工作者人数', points: 0, scoring: { kind: 'value', unit: '人', integer: true } },
          { id: 'P.5', name: '入住老年人数', points: 0, scoring: { kind: 'value', unit: '人', integer: true } },
        ],
      },
    ],
    stars: {
      target,
      levels: [
        {
          level: 1,
          name: '一星级',
          minTotal: 60,
          prerequisites: [
            { name: '护理员与全护理服务对象配备比例不低于1:8', item: 'P.1', per: { item: 'P.2', count: 8 } },
            { name: '入住率不低于30%', item: 'P.3', atLeast: 30 },
          ],
        },
        {
          level: 2,
          name: '二星级',
          minTotal: 75,
          prerequisites: [
            { name: '护理员与全护理服务对象配备比例不低于1:6', item: 'P.1', per: { item: 'P.2', count: 6 } },
            { name: '入住率不低于40%', item: 'P.3', atLeast: 40 },
          ],
        },
        {
          level: 3,
          name: '三星级',
          minTotal: 90,
          prerequisites: [
            { name: '护理员与全护理服务对象配备比例不低于1:4', item: 'P.1', per: { item: 'P.2', count: 4 } },
            { name: '入住率不低于50%', item: 'P.3', atLeast: 50 },
            { name: '每200名老年人至少配有1名专职社会工作者', item: 'P.4', per: { item: 'P.5', count: 200, minimum: 200 } },
          ],
        },
      ],
    },
  });
}

function input(v: { score: number; carers: number; full: number; occupancy: number; sw: number; residents: number }, targetLevel?: number): StationInput {
  const items: Record<string, { value: EntryValue }> = {
    '1.1': { value: { kind: 'points', points: v.score } },
    'P.1': { value: count(v.carers) },
    'P.2': { value: count(v.full) },
    'P.3': { value: measure(v.occupancy) },
    'P.4': { value: count(v.sw) },
    'P.5': { value: count(v.residents) },
  };
  return { station: { name: '颐养院', ...(targetLevel !== undefined ? { targetLevel } : {}) }, self: { items } };
}

describe('per-level prerequisites', () => {
  it('a level is reached only when its own 必备项 hold; the reason names the one that failed, with numbers', () => {
    const r = scoreStation(home(), input({ score: 95, carers: 10, full: 50, occupancy: 55, sw: 1, residents: 150 }));
    expect(r.total).toBe(95);
    expect(r.stars).toBe(2);
    expect(r.starReason).toBe('总分 95 ≥ 90，但三星级必备项「护理员与全护理服务对象配备比例不低于1:4」：10 < 12.5，即 13（50 ÷ 4）；总分 95 ≥ 75 → 二星级');
    expect(r.nextStar?.needs.map((n) => [n.kind, n.itemId])).toEqual([['prerequisite', 'P.1']]);
    expect(r.prerequisites?.filter((p) => p.level === 3).map((p) => [p.code, p.met, p.found, p.params.need ?? p.params.atLeast])).toEqual([
      ['PREREQ_RATIO', false, 10, 13],
      ['PREREQ_AT_LEAST', true, 55, 50],
      ['PREREQ_RATIO', true, 1, 1],
    ]);
    // A saved result with these fields is read back (report, verify) without a complaint.
    expect(checkResult(JSON.parse(JSON.stringify(r)))).toEqual({ result: JSON.parse(JSON.stringify(r)) as unknown });
    // The module of recorded values adds nothing: modules still add up to the total.
    expect(r.modules.map((m) => m.final)).toEqual([95, 0]);
  });

  it('不足200人按200人计算: 150 residents count as 200, 450 need 2.25 → 3 social workers', () => {
    const ok = scoreStation(home(), input({ score: 95, carers: 13, full: 50, occupancy: 55, sw: 1, residents: 150 }));
    expect(ok.stars).toBe(3);
    const sw = must(must(ok.prerequisites).find((p) => p.level === 3 && p.itemId === 'P.4'));
    expect([sw.met, sw.params.base, sw.params.minimum, sw.params.need]).toEqual([true, 150, 200, 1]);
    const short = scoreStation(home(), input({ score: 95, carers: 13, full: 50, occupancy: 55, sw: 2, residents: 450 }));
    expect(short.stars).toBe(2);
    expect(short.nextStar?.needs.map((n) => n.message)).toEqual(['三星级必备项「每200名老年人至少配有1名专职社会工作者」：2 < 2.25，即 3（450 ÷ 200）']);
  });

  it('a blank value fails the prerequisite (and the station is incomplete): never read as 0', () => {
    const i = input({ score: 95, carers: 13, full: 50, occupancy: 55, sw: 1, residents: 150 });
    delete i.self.items['P.3'];
    const r = scoreStation(home(), i);
    expect([r.complete, r.stars, r.blankItems]).toEqual([false, null, ['P.3']]);
    expect(r.prerequisites?.find((p) => p.level === 1 && p.itemId === 'P.3')).toMatchObject({ met: false, found: null });
  });
});

describe('applied-for level (申报等级)', () => {
  const strong = { score: 95, carers: 13, full: 50, occupancy: 55, sw: 1, residents: 150 };
  it('caps the level at the one applied for, and says so', () => {
    const r = scoreStation(home('optional'), input(strong, 1));
    expect([r.stars, r.targetLevel]).toEqual([1, 1]);
    expect(r.starReason).toBe('总分 95 ≥ 90 → 三星级；但申报一星级，最高评一星级 → 一星级');
  });
  it('optional: without a target the level is not capped; required: no level without it', () => {
    expect(scoreStation(home('optional'), input(strong)).stars).toBe(3);
    const r = scoreStation(home('required'), input(strong));
    expect([r.stars, r.starReason]).toEqual([null, '未填写申报等级（本细则要求先申报等级）→ 不予评定']);
  });
  it('the terminal summary shows the failed 必备项 of the next level', () => {
    const r = scoreStation(home(), input({ score: 95, carers: 10, full: 50, occupancy: 55, sw: 1, residents: 150 }));
    expect(renderTerminal(r, home(), { color: false })).toContain('  · 三星级必备项「护理员与全护理服务对象配备比例不低于1:4」：10 < 12.5，即 13（50 ÷ 4）');
  });
  it('the Excel summary lists 申报等级 and every 必备项 checked', async () => {
    const rb = home('optional');
    const r = scoreStation(rb, input({ score: 95, carers: 10, full: 50, occupancy: 55, sw: 1, residents: 150 }, 3));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderStationXlsx(r, rb)) as never);
    const rows = new Map<string, unknown>();
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
    must(wb.getWorksheet('汇总')).eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('申报等级')).toBe('三星级');
    expect(String(rows.get('必备项')).split('\n')).toEqual([
      '✓ 一星级 护理员与全护理服务对象配备比例不低于1:8（10）',
      '✓ 一星级 入住率不低于30%（55）',
      '✓ 二星级 护理员与全护理服务对象配备比例不低于1:6（10）',
      '✓ 二星级 入住率不低于40%（55）',
      '✗ 三星级 护理员与全护理服务对象配备比例不低于1:4（10，须 13）',
      '✓ 三星级 入住率不低于50%（55）',
      '✓ 三星级 每200名老年人至少配有1名专职社会工作者（1）',
    ]);
  });
});

describe('validation, located', () => {
  const yaml = (prereq: string) => `id: t
title: 测试
version: "1"
total: 10
modules:
  - id: "1"
    name: 服务
    points: 10
    children:
      - { id: "1.1", name: 服务质量, points: 10, scoring: { kind: range } }
      - { id: "1.2", name: 护理员人数, points: 0, scoring: { kind: value, integer: true } }
stars:
  levels:
    - level: 1
      name: 一星级
      minTotal: 6
      prerequisites:
        - ${prereq}
`;
  const diags = (p: string) => validate(yaml(p)).diagnostics.map((d) => [d.line, d.column, d.code, d.path, d.received, d.expected]);
  it('a valid ratio passes', () => expect(diags('{ name: 配比, item: "1.2", atLeast: 3 }')).toEqual([]));
  it('two tests at once', () =>
    expect(diags('{ name: 配比, item: "1.2", atLeast: 3, minPoints: 1 }')).toEqual([
      [18, 11, 'RUBRIC_PREREQ_SHAPE', 'stars.levels[0].prerequisites[0]', 'minPoints, atLeast', 'exactly one of met, minPoints, atLeast, per'],
    ]));
  it('an unknown item, at its id', () =>
    expect(diags('{ name: 配比, item: "9.9", atLeast: 3 }')).toEqual([[18, 29, 'RUBRIC_UNKNOWN_ITEM', 'stars.levels[0].prerequisites[0].item', '9.9', 'the id of a scorable item']]));
  it('a value compared on an item with no value', () =>
    expect(diags('{ name: 配比, item: "1.1", atLeast: 3 }')).toEqual([[18, 29, 'RUBRIC_PREREQ_KIND', 'stars.levels[0].prerequisites[0].item', 'range', 'tiers, count or value']]));
  it('met on an item with no yes/no', () =>
    expect(diags('{ name: 配比, item: "1.2", met: true }')).toEqual([[18, 41, 'RUBRIC_PREREQ_KIND', 'stars.levels[0].prerequisites[0].met', 'value', 'boolean or control']]));
  it('a value item worth points', () => {
    const d = validate(yaml('{ name: 配比, item: "1.2", atLeast: 3 }').replace('points: 0, scoring: { kind: value', 'points: 2, scoring: { kind: value')).diagnostics;
    expect(d.map((x) => [x.line, x.code, x.path, x.received, x.expected])).toContainEqual([11, 'RUBRIC_VALUE_POINTS', 'modules[0].children[1].points', 2, 0]);
  });
});

describe('template → fill → read → score', () => {
  it('申报等级 and the recorded values are filled, read back and decide the level', async () => {
    const r = home('optional');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(r)) as never);
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    expect([ws.getCell('A5').value, ws.getCell('B5').dataValidation.formulae]).toEqual(['申报等级', ['"一星级,二星级,三星级"']]);
    const rowOf = (id: string) => {
      for (let n = TEMPLATE_HEADER_ROW + 1; n <= ws.rowCount; n++) if (ws.getCell(n, 1).value === id) return n;
      throw new Error(id);
    };
    ws.getCell('B3').value = '颐养院';
    ws.getCell('B5').value = '二星级';
    ws.getCell(rowOf('1.1'), 9).value = 95;
    for (const [id, v] of [
      ['P.1', 13],
      ['P.2', 50],
      ['P.3', '55%'],
      ['P.4', 1],
      ['P.5', 150],
    ] as const)
      ws.getCell(rowOf(id), 8).value = v;
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), r, { display: '颐养院.xlsx' });
    expect(read.station.targetLevel).toBe(2);
    expect(read.self.items['P.3'].value).toEqual({ kind: 'measure', value: 55 });
    const res = scoreStation(r, { station: read.station, self: read.self });
    expect([res.total, res.stars, res.targetLevel]).toEqual([95, 2, 2]);
  });
  it('an unknown 申报等级 is refused at its cell', async () => {
    const r = home('optional');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(r)) as never);
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    ws.getCell('B3').value = '颐养院';
    ws.getCell('B5').value = '六星级';
    let problems: unknown;
    try {
      readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), r, { display: '颐养院.xlsx' });
    } catch (err) {
      problems = (err as WorkbookError).problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({
        location: { file: '颐养院.xlsx', sheet: '评分表', cell: 'B5' },
        code: 'CELL_UNKNOWN_LEVEL',
        received: '六星级',
        expected: ['一星级', '二星级', '三星级'],
      }),
    ]);
    expect((problems as Problem[]).map((p) => [messageOf(p, 'zh'), messageOf(p, 'en')])).toEqual([
      ['申报等级“六星级”不是本细则的等级（应为 一星级、二星级、三星级）', '"六星级" is not a level of this rubric (expected 一星级、二星级、三星级)'],
    ]);
  });
});
