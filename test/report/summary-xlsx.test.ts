import ExcelJS from 'exceljs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problem } from '../../src/problems/render.js';
import { writeSummaryXlsx } from '../../src/report/summary-xlsx.js';
import { rankRows, summarise } from '../../src/report/statistics.js';
import type { StationRow } from '../../src/report/station-row.js';
import { rubricFromData } from '../../src/rubric/model.js';
import { Rubric } from '../../src/rubric/schema.js';
import { must } from '../../src/util/must.js';

const rubric = rubricFromData(
  Rubric.parse({
    id: 'mini',
    title: '小型细则',
    version: '1',
    total: 100,
    modules: [
      { id: '1', name: '基础建设', points: 40, scoring: { kind: 'range' } },
      { id: '2', name: '服务提供', points: 60, scoring: { kind: 'range' } },
    ],
    stars: {
      levels: [
        { level: 2, name: '二星级', minTotal: 90 },
        { level: 1, name: '一星级', minTotal: 60 },
      ],
    },
  }),
);

function row(over: Partial<StationRow>): StationRow {
  return {
    key: `${over.county}|${over.name}`,
    county: '甲县',
    name: '站',
    file: `${over.name}.xlsx`,
    total: 0,
    baseTotal: 0,
    bonus: 0,
    penalty: 0,
    stars: null,
    starName: null,
    starReason: '',
    verified: false,
    complete: true,
    modules: [0, 0],
    selfTotal: null,
    spotTotal: null,
    deviation: null,
    totalNote: '',
    inflated: false,
    flags: [],
    vetoes: [],
    deviations: [],
    ...over,
  };
}

const rows = [
  row({ county: '甲县', name: '城关镇社工站', total: 92.5, baseTotal: 92.5, modules: [38, 54.5], stars: 2, starName: '二星级' }),
  row({
    county: '甲县',
    name: '东山镇社工站',
    total: 70.1,
    baseTotal: 70.1,
    modules: [30.1, 40],
    stars: 1,
    starName: '一星级',
    verified: true,
    selfTotal: 80.1,
    spotTotal: 70.1,
    deviation: 10,
    inflated: true,
    deviations: [{ id: '2', name: '服务提供', self: 50, spot: 40, deviation: 10, inflated: true }],
  }),
  row({ county: '乙县', name: '=HYPERLINK("http://x")', total: 70.1, baseTotal: 70.1, modules: [30, 40.1], stars: 1, starName: '一星级' }),
  row({ county: '乙县', name: '西山镇社工站', total: 40, baseTotal: 40, modules: [20, 20], flags: ['评分不完整'] }),
];

describe('statistics', () => {
  it('ranks with ties sharing a rank', () => {
    expect(rankRows(rows).map((r) => [r.rank, r.total])).toEqual([
      [1, 92.5],
      [2, 70.1],
      [2, 70.1],
      [4, 40],
    ]);
  });

  it('ranks by the level first: a vetoed or unverified station with a higher total stays below higher levels', () => {
    const vetoed = row({ county: '丙县', name: '否决站', total: 95, stars: null, vetoes: ['弄虚作假'] });
    const unverified = row({ county: '丙县', name: '未核实站', total: 93, stars: 1, starName: '一星级' });
    expect(rankRows([...rows, vetoed, unverified]).map((r) => [r.rank, r.name])).toEqual([
      [1, '城关镇社工站'],
      [2, '未核实站'],
      [3, '东山镇社工站'],
      [3, '=HYPERLINK("http://x")'],
      [5, '否决站'],
      [6, '西山镇社工站'],
    ]);
  });

  it('summarises exactly', () => {
    expect(summarise([0.1, 0.2, 70.1], 1)).toEqual({ count: 3, mean: 23.5, median: 0.2, min: 0.1, max: 70.1 });
    expect(summarise([1, 2], 1).median).toBe(1.5);
    expect(summarise([], 1).mean).toBeNull();
  });
});

describe('writeSummaryXlsx', () => {
  it('认定理由与标记: one flag a row, so a station with many flags prints as rows of one line, not one row taller than a page', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'summary-flags-'));
    const target = path.join(dir, '汇总.xlsx');
    const flags = Array.from({ length: 16 }, (_, i) => `项目 1.${i + 1}「服务场所」自评 10 分，抽查 6 分，偏差 4 超过容差 3`);
    await writeSummaryXlsx(target, {
      rubric,
      rows: [row({ name: '凤凰街道社工站', total: 80, baseTotal: 80, modules: [40, 40], stars: 1, starName: '一星级', flags }), rows[3]],
      problems: [],
      missing: [],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const ws = must(wb.getWorksheet('认定理由与标记'));
    expect(ws.rowCount).toBe(1 + 16 + 1);
    expect([ws.getCell('C2').value, ws.getCell('G2').value, ws.getCell('H2').value]).toEqual(['凤凰街道社工站', flags[0], '凤凰街道社工站.xlsx']);
    // Continuation rows: rank, county and name repeated (a filter keeps them together), the flag, nothing else.
    expect(ws.getRow(17).values).toEqual([undefined, 1, '甲县', '凤凰街道社工站', undefined, undefined, undefined, flags[15]]);
    expect([ws.getCell('C18').value, ws.getCell('G18').value]).toEqual(['西山镇社工站', '评分不完整']);
    // No continuation row is taller than three lines (one flag at the column's width).
    for (let r = 3; r <= 17; r++) expect(ws.getRow(r).height).toBeLessThanOrEqual(50);
  });

  it('writes every sheet with the right figures and no formulas from input text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'summary-'));
    const target = path.join(dir, '汇总.xlsx');
    await writeSummaryXlsx(target, {
      rubric,
      rows,
      problems: [problem('CELL_NOT_A_NUMBER', 'error', { file: '坏文件.xlsx', sheet: '自评表', cell: 'H23' }, { found: { kind: 'text', text: '十分' }, expected: { type: 'score', min: 0, max: 10 } })],
      missing: [{ key: '乙县|南山镇', county: '乙县', name: '南山镇社工站' }],
      roster: [...rows.map((r) => ({ key: r.key, county: r.county, name: r.name })), { key: '乙县|南山镇', county: '乙县', name: '南山镇社工站' }],
    });
    expect(await readdir(dir)).toEqual(['汇总.xlsx']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['站点总表', '认定理由与标记', '星级分布', '县区统计', '偏差核查', '未提交', '问题清单']);

    const main = must(wb.getWorksheet('站点总表'));
    expect(main.getRow(1).values).toContain('总分');
    expect(main.getCell('C2').value).toBe('城关镇社工站');
    expect(main.getCell('A3').value).toBe(2);
    expect(main.getCell('A4').value).toBe(2);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
    const injected = [2, 3, 4, 5].map((r) => main.getCell(`C${r}`).value).find((v) => String(v).startsWith('='));
    expect(injected).toBe('=HYPERLINK("http://x")');
    main.eachRow((r) => r.eachCell((c) => expect(c.formula).toBeUndefined()));
    // Prints on A4 landscape at a readable size: bounded widths, the key columns frozen,
    // a header row tall enough for its wrapped labels, the CJK font, header repeated.
    const widths = main.columns.map((c) => c.width ?? 0);
    expect(widths.reduce((a, w) => a + w, 0)).toBeLessThanOrEqual(160);
    expect(Math.max(...widths)).toBeLessThanOrEqual(20);
    expect(main.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 1 });
    expect(main.getRow(1).height).toBeGreaterThanOrEqual(40);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types a cell's font as always set; a cell without one has none
    expect(main.getCell('C2').font?.name).toBe('等线');
    expect(main.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
    expect(main.getRow(1).values).not.toContain('认定理由');
    const reasons = must(wb.getWorksheet('认定理由与标记'));
    expect(reasons.getCell('G5').value).toBe('评分不完整');
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types alignment as always set; a cell without one has none
    expect(reasons.getCell('F2').alignment?.wrapText).toBe(true);

    const dist = must(wb.getWorksheet('星级分布'));
    expect([dist.getCell('A2').value, dist.getCell('B2').value]).toEqual(['二星级', 1]);
    expect([dist.getCell('A3').value, dist.getCell('B3').value]).toEqual(['一星级', 2]);
    expect([dist.getCell('A4').value, dist.getCell('B4').value, dist.getCell('C4').value]).toEqual(['无星级', 1, 25]);

    // Counts are integers wherever they stand (the county table sits under 占比's column).
    expect(dist.getCell('C4').numFmt).toBe('0.0');
    expect(dist.getCell('A8').value).toBe('甲县');
    expect([dist.getCell('C8').value, dist.getCell('C8').numFmt]).toEqual([1, '0']);

    const counties = must(wb.getWorksheet('县区统计'));
    // 甲县: rostered 2, submitted 2, missing 0, checked 1, mean (92.5+70.1)/2 = 81.3
    expect(counties.getRow(2).values).toEqual([undefined, '甲县', 2, 2, 0, 1, 81.3, 81.3, 70.1, 92.5, 1, 1, 0]);
    // 乙县: rostered 3, submitted 2, missing 1, mean (70.1+40)/2 = 55.05 → 55.1
    expect(counties.getRow(3).values).toEqual([undefined, '乙县', 3, 2, 1, 0, 55.1, 55.1, 40, 70.1, 0, 1, 1]);
    expect(counties.getCell('A4').value).toBe('合计');
    expect(counties.getCell('F4').value).toBe(68.2); // (92.5+70.1+70.1+40)/4 = 68.175

    const dev = must(wb.getWorksheet('偏差核查'));
    expect(dev.getCell('B2').value).toBe('东山镇社工站');
    expect(dev.getCell('E2').value).toBe(10);
    expect(dev.getCell('I2').value).toBe('2 服务提供：50 → 40（+10）');

    expect(must(wb.getWorksheet('未提交')).getCell('B2').value).toBe('南山镇社工站');
    expect(must(wb.getWorksheet('问题清单')).getCell('B2').value).toBe('自评表!H23');
    expect(must(wb.getWorksheet('问题清单')).getCell('E2').value).toBe('"十分" 不是有效分数（应为 0–10 的数字）');
  });
});
