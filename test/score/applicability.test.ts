/**
 * Conditional applicability, from 社区养老服务站星级评定标准 设施 8/9
 * ("采取配餐方式的，此项不扣分；未开展助餐服务的，此项不得分") and a
 * station attribute (街道 / 乡镇): exact numbers, located diagnostics, and a
 * template → fill → read → score round trip.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreStation } from '../../src/score/score-station.js';
import { buildTemplate, inputHelp, TEMPLATE_HEADER_ROW, TEMPLATE_SHEET } from '../../src/workbook/template.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { validate } from '../rubric/fixture.js';
import { DETAIL, renderStationXlsx } from '../../src/report/station-xlsx.js';
import type { EntryValue, StationInput } from '../../src/score/types.js';
import { rubric } from './helpers.js';
import { checkResult } from '../../src/score/result-schema.js';
import { must } from '../../src/util/must.js';

const meals = rubric({
  total: 20,
  modules: [
    {
      id: 'S',
      name: '设施部分',
      points: 20,
      children: [
        {
          id: 'S7',
          name: '助餐方式',
          points: 5,
          scoring: {
            kind: 'choice',
            options: [
              { label: '自办食堂', points: 5 },
              { label: '配餐', points: 5 },
              { label: '未开展', points: 0 },
            ],
          },
        },
        {
          id: 'S8',
          name: '厨房设施',
          points: 5,
          scoring: {
            kind: 'checklist',
            conditions: [
              { label: '有独立厨房', points: 3 },
              { label: '有消毒设备', points: 2 },
            ],
          },
          applicability: [
            { when: { item: 'S7', is: ['配餐'] }, then: 'full' },
            { when: { item: 'S7', is: ['未开展'] }, then: 'zero' },
          ],
        },
        {
          id: 'S10',
          name: '社区议事场所',
          points: 10,
          scoring: { kind: 'range' },
          applicability: [{ unless: { station: 'township', endsWith: ['街道'] }, then: 'not-applicable' }],
        },
      ],
    },
  ],
});

const opt = (label: string): EntryValue => ({ kind: 'option', label });
function station(township: string | undefined, items: Record<string, EntryValue>, spot?: Record<string, EntryValue>): StationInput {
  const wrap = (m: Record<string, EntryValue>) => ({ items: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { value: v }])) });
  return { station: { name: '站', ...(township ? { township } : {}) }, self: wrap(items), ...(spot ? { spot: wrap(spot) } : {}) };
}

describe('conditional applicability', () => {
  it('采取配餐方式的，此项不扣分: full points whatever was ticked, and the item says why', () => {
    const r = scoreStation(meals, station('东湖街道', { S7: opt('配餐'), S8: { kind: 'checklist', ticked: ['a'] }, S10: { kind: 'points', points: 8 } }));
    const i8 = must(r.items.find((i) => i.id === 'S8'));
    expect([i8.final, i8.status, i8.selfInput]).toEqual([5, 'scored', '满分（S7「配餐」）']);
    expect(i8.condition).toEqual({ code: 'APPLIES_WHEN', rule: 0, then: 'full', on: 'S7', found: '配餐' });
    expect(r.total).toBe(18);
    expect(checkResult(JSON.parse(JSON.stringify(r)))).toEqual({ result: JSON.parse(JSON.stringify(r)) as unknown });
  });
  it('the Excel report shows why, in the 自评填报 cell of the item', async () => {
    const r = scoreStation(meals, station('东湖街道', { S7: opt('配餐'), S8: { kind: 'checklist', ticked: ['a'] }, S10: { kind: 'points', points: 8 } }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderStationXlsx(r, meals)) as never);
    const ws = must(wb.getWorksheet('评分明细'));
    let found: unknown;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'S8') found = [row.getCell(DETAIL.selfInput).value, row.getCell(DETAIL.final).value];
    });
    expect(found).toEqual(['满分（S7「配餐」）', 5]);
  });
  it('未开展助餐服务的，此项不得分: zero, even when nothing was entered for it', () => {
    const r = scoreStation(meals, station('东湖街道', { S7: opt('未开展'), S10: { kind: 'points', points: 10 } }));
    expect(r.items.find((i) => i.id === 'S8')).toMatchObject({ final: 0, status: 'scored', condition: { rule: 1, then: 'zero' } });
    expect([r.total, r.complete]).toEqual([10, true]);
  });
  it('no rule fires: scored as entered', () => {
    const r = scoreStation(meals, station('东湖街道', { S7: opt('自办食堂'), S8: { kind: 'checklist', ticked: ['b'] }, S10: { kind: 'points', points: 10 } }));
    expect(r.items.find((i) => i.id === 'S8')).toMatchObject({ final: 2, status: 'scored' });
    expect(must(r.items.find((i) => i.id === 'S8')).condition).toBeUndefined();
    expect(r.total).toBe(17);
  });
  it('a station attribute: 乡镇 stations skip the 街道-only item and the module is rescaled', () => {
    const r = scoreStation(meals, station('城关镇', { S7: opt('自办食堂'), S8: { kind: 'checklist', ticked: ['a'] } }));
    expect(r.items.find((i) => i.id === 'S10')).toMatchObject({
      status: 'na-excluded',
      final: null,
      condition: { code: 'APPLIES_UNLESS', then: 'not-applicable', on: 'station.township', found: '城关镇' },
    });
    // (5 + 3) of 10 applicable, × 20 / 10 = 16.
    expect(r.modules[0]).toMatchObject({ final: 16, applicableMax: 10, rescaled: true });
    expect(r.total).toBe(16);
  });
  it('undecidable (the answer it reads is blank): scored as entered, with a warning', () => {
    const r = scoreStation(meals, station('东湖街道', { S8: { kind: 'checklist', ticked: ['a', 'b'] }, S10: { kind: 'points', points: 10 } }));
    expect(must(r.items.find((i) => i.id === 'S8')).final).toBe(5);
    expect(r.warnings).toContain('项目 S8「厨房设施」的适用条件无法判断（项目 S7 未填写），按填报计分');
  });
  it('the spot check decides with its own answer; self and spot totals follow their own answers', () => {
    const r = scoreStation(
      meals,
      station('东湖街道', { S7: opt('配餐'), S8: { kind: 'checklist', ticked: [] }, S10: { kind: 'points', points: 10 } }, { S7: opt('自办食堂'), S8: { kind: 'checklist', ticked: ['a'] } }),
    );
    expect(r.items.find((i) => i.id === 'S8')).toMatchObject({ self: 5, spot: 3, final: 3 });
    expect([r.selfTotal, r.spotTotal, r.total]).toEqual([20, 18, 18]);
  });
});

describe('validation, located', () => {
  const yaml = (applicability: string) => `id: t
title: 测试
version: "1"
total: 10
modules:
  - id: "1"
    name: 设施
    points: 10
    children:
      - { id: "1.1", name: 助餐方式, points: 5, scoring: { kind: choice, options: [{ label: 配餐, points: 5 }, { label: 未开展, points: 0 }] } }
      - id: "1.2"
        name: 厨房
        points: 5
        scoring: { kind: range }
        applicability:
          - ${applicability}
stars:
  levels:
    - { level: 1, name: 一星级, minTotal: 6 }
`;
  const diags = (a: string) => validate(yaml(a)).diagnostics.map((d) => [d.line, d.column, d.code, d.path, d.received, d.expected]);
  it('a valid rule passes', () => expect(diags('{ when: { item: "1.1", is: [配餐] }, then: full }')).toEqual([]));
  it('an answer the item cannot give, at that answer', () =>
    expect(diags('{ when: { item: "1.1", is: [配送] }, then: full }')).toEqual([
      [16, 41, 'RUBRIC_APPLICABILITY_ANSWER', 'modules[0].children[1].applicability[0].when.is[0]', '配送', '配餐 | 未开展 | 不适用'],
    ]));
  it('an unknown item', () =>
    expect(diags('{ when: { item: "9", is: [配餐] }, then: full }')).toEqual([[16, 29, 'RUBRIC_UNKNOWN_ITEM', 'modules[0].children[1].applicability[0].when.item', '9', 'the id of a scorable item']]));
  it('both when and unless', () =>
    expect(diags('{ when: { item: "1.1", is: [配餐] }, unless: { station: township, endsWith: [街道] }, then: full }')).toEqual([
      [16, 13, 'RUBRIC_APPLICABILITY_SHAPE', 'modules[0].children[1].applicability[0]', 'when, unless', 'exactly one of when, unless'],
    ]));
  it('atLeast on an item with no value', () =>
    expect(diags('{ when: { item: "1.1", atLeast: 3 }, then: zero }')).toEqual([
      [16, 45, 'RUBRIC_APPLICABILITY_KIND', 'modules[0].children[1].applicability[0].when.atLeast', 'choice', 'tiers, count or value'],
    ]));
});

describe('template → fill → read → score', () => {
  it('the help states the rule; the answers filled in decide the item', async () => {
    const item = must(meals.index.itemsById.get('S8'));
    expect(inputHelp(item)).toBe('填写满足条件的编号，用逗号分隔（如 a,c）：a=有独立厨房(3分)；b=有消毒设备(2分)；都不满足填“无”；适用条件：项目 S7 为“配餐”时得满分；项目 S7 为“未开展”时得 0 分');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(meals)) as never);
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const rowOf = (id: string) => {
      for (let n = TEMPLATE_HEADER_ROW + 1; n <= ws.rowCount; n++) if (ws.getCell(n, 1).value === id) return n;
      throw new Error(id);
    };
    ws.getCell('B3').value = '东湖街道社工站';
    ws.getCell('I3').value = '城关镇';
    ws.getCell(rowOf('S7'), 8).value = '配餐';
    ws.getCell(rowOf('S8'), 8).value = 'b';
    ws.getCell(rowOf('S10'), 9).value = 7;
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), meals, { display: '站.xlsx' });
    expect(read.station.township).toBe('城关镇');
    const r = scoreStation(meals, { station: read.station, self: read.self });
    // S8 full (配餐), S10 not applicable in a 镇: (5 + 5) of 10 × 20 / 10 = 20.
    expect(r.items.map((i) => [i.id, i.final, i.status])).toEqual([
      ['S7', 5, 'scored'],
      ['S8', 5, 'scored'],
      ['S10', null, 'na-excluded'],
    ]);
    expect(r.total).toBe(20);
  });
});
