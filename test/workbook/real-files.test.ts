/**
 * Files as real spreadsheet programs write them (issue 14): the fixtures under
 * test/fixtures/real-files/ were made by scripts/make-real-fixtures.js — the
 * .xlsx by code, the .xls, .ods and .csv by LibreOffice itself from them.
 * Every format gives the same entries and the same total; a bureau's own
 * table (its numbering, names with 分值, 得分 over 自评 | 评估, a 合计 row) is
 * read by name, and percent items are read as typed.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageOf, formatLocation } from '../../src/problems/render.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { scoreStation } from '../../src/score/score-station.js';
import { isPercentFormat } from '../../src/xlsx/cell-grid.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { openWorkbook } from '../../src/workbook/open-workbook.js';
import { readStationGrid, readStationWorkbook } from '../../src/workbook/read-station-workbook.js';
import { WorkbookError } from '../../src/workbook/workbook-error.js';
import { must } from '../../src/util/must.js';

const dir = path.join('test', 'fixtures', 'real-files');
const rubric = await loadRubric(path.join(dir, 'rubric.yaml'));
const values = (entries: { items: Record<string, { value: unknown }> }) => Object.fromEntries(Object.entries(entries.items).map(([id, e]) => [id, e.value]));

describe('the filled template in every format (xlsx by code; xls, ods, csv by LibreOffice; et = the xls with WPS’s header CLSID)', () => {
  it.each(['station.xlsx', 'station.xls', 'station.et', 'station.ods', 'station.csv'])('%s: the same entries and the total 89.5', async (file) => {
    const wb = await readStationWorkbook(path.join(dir, file), rubric);
    expect(wb.station).toMatchObject({ name: '城关镇社工站', county: '示例县' });
    expect(values(wb.self)).toEqual({
      '1.1': { kind: 'measure', value: 65 },
      '1.2': { kind: 'option', label: '室内' },
      '1.3': { kind: 'points', points: 8 },
      '2.1': { kind: 'measure', value: 96 }, // typed as 96%, stored as 0.96 in a percent cell
      '2.2': { kind: 'count', count: 3 },
      '2.3': { kind: 'points', points: 17.5 },
      B1: { kind: 'points', points: 3 },
    });
    const result = scoreStation(rubric, { station: wb.station, self: wb.self });
    expect([result.total, result.modules.map((m) => m.final)]).toEqual([89.5, [33, 53.5]]);
    expect(wb.notes).toEqual([]);
  });

  it('the percent item’s cell carries a percent format in the xlsx, xls and ods (SheetJS gives number formats too)', async () => {
    for (const file of ['station.xlsx', 'station.xls', 'station.ods']) {
      const sheet = must((await openWorkbook(path.join(dir, file))).grid.sheets.find((s) => s.name === '评分表'));
      let row = 0;
      for (let r = 1; r <= sheet.rowCount && !row; r++) if (sheet.get(r, 1) === '2.1') row = r;
      expect([file, sheet.get(row, 8), isPercentFormat(sheet.numberFormat(row, 8))]).toEqual([file, 0.96, true]);
    }
  });
});

describe('a bureau’s own table: numbered 1…7, names with 分值, merged 一级指标, 得分 merged over 自评 | 评估, a 合计 off by 1', () => {
  it.each(['bureau.xlsx', 'bureau.xls', 'bureau.ods'])('%s: rows matched by name (the module block tells the two 服务记录 apart), both parties, the 合计 checked', async (file) => {
    const wb = await readStationWorkbook(path.join(dir, file), rubric);
    const points = (e: { items: Record<string, { value: unknown }> }) => Object.fromEntries(Object.entries(values(e)).map(([id, v]) => [id, (v as { points: number }).points]));
    expect(points(wb.self)).toEqual({ '1.1': 20, '1.2': 5, '1.3': 8, '2.1': 20, '2.2': 16, '2.3': 17.5, B1: 3 });
    expect(points(must(wb.spot))).toEqual({ '1.1': 12, '1.2': 5, '1.3': 7, '2.1': 14, '2.2': 16, '2.3': 15 });
    expect(wb.self.items['2.3'].source).toBe(`${file} › 评估表!E10`);
    expect(wb.notes.map((n) => [n.code, n.severity, formatLocation(n.location), messageOf(n, 'zh')])).toEqual([
      ['TOTAL_MISMATCH', 'warning', `${file} › 评估表!F12`, '表中合计 70 与上方各项逐项相加的 69 不符（相差 1），请核对'],
      [
        'ROWS_MATCHED_BY_NAME',
        'warning',
        `${file} › 评估表`,
        '7 行按名称对应评分项（名称 6 行、别名 1 行；按编号 0 行），如第 5 行“服务场所面积（20分）” → 1.1「服务场所面积」（按名称）；--verbose 可逐行查看',
      ],
    ]);
    expect(wb.details).toContain('  第 9 行“驻站社工人数” → 2.2「驻站社工」（按别名）');
    expect(wb.details).toContain('  抽查得分 = F“得分/评估”');
    const result = scoreStation(rubric, { station: wb.station, self: wb.self, spot: wb.spot });
    expect([result.selfTotal, result.total]).toEqual([89.5, 72]); // spot 69 + B1 left blank by the spot check at its self score 3
  });
});

describe('percent items: as typed, or refused', () => {
  async function station(cell: (c: ExcelJS.Cell) => void) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分表');
    ws.getRow(1).values = ['站点名称', '城关镇社工站'];
    ws.getRow(2).values = ['编号', '指标', '自评填报', '自评得分'];
    ws.getRow(3).values = ['2.1', '走访覆盖率'];
    cell(ws.getCell('C3'));
    return readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), rubric, { display: '城关镇.xlsx' });
  }
  it('0.96 in a percent cell is 96; "96%" typed as text is 96; 96 is 96', async () => {
    expect((await station((c) => ((c.value = 0.96), (c.numFmt = '0%')))).self.items['2.1'].value).toEqual({ kind: 'measure', value: 96 });
    expect((await station((c) => ((c.value = 0.9625), (c.numFmt = '0.00%')))).self.items['2.1'].value).toEqual({ kind: 'measure', value: 96.25 });
    expect((await station((c) => (c.value = '96%'))).self.items['2.1'].value).toEqual({ kind: 'measure', value: 96 });
    expect((await station((c) => (c.value = 96))).self.items['2.1'].value).toEqual({ kind: 'measure', value: 96 });
    expect((await station((c) => (c.value = 0))).self.items['2.1'].value).toEqual({ kind: 'measure', value: 0 });
  });
  it('a bare 0.96 (number or text) is refused naming the cell: never 0.96 %', async () => {
    for (const value of [0.96, '0.96', 1]) {
      const err = await station((c) => (c.value = value)).then(
        () => undefined,
        (e: unknown) => e as WorkbookError,
      );
      expect(err).toBeInstanceOf(WorkbookError);
      const p = must(err).problems[0];
      expect([p.code, formatLocation(p.location)]).toEqual(['CELL_PERCENT_FRACTION', '城关镇.xlsx › 评分表!C3']);
      expect(messageOf(p, 'zh')).toBe(value === 1 ? '1：是 100% 吗？本项以百分数计，请填 100（或 100%）' : '0.96：是 96% 吗？本项以百分数计，请填 96（或 96%）');
    }
  });
});

describe('the template makes the percent mistake impossible', () => {
  it('a percent item’s 填报 cell is formatted 0.0#% with a 0%–100% validation, and its 得分 formula compares the percentage', async () => {
    const { buildTemplate } = await import('../../src/workbook/template.js');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(rubric)) as never);
    const ws = must(wb.getWorksheet('评分表'));
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === '2.1') row = n;
    });
    const input = ws.getCell(row, 8);
    expect([input.numFmt, input.dataValidation.type, input.dataValidation.formulae]).toEqual(['0.0#%', 'decimal', [0, 1]]);
    expect((ws.getCell(row, 9).value as { formula: string }).formula).toBe(
      `IF(H${row}="","",IF(H${row}="不适用","不适用",IF(ISNUMBER((H${row}*100)),IF((H${row}*100)>=95,20,IF((H${row}*100)>=80,14,IF((H${row}*100)>=60,8,0))),"")))`,
    );
    const area = ws.getCell(row - 3, 8); // 1.1, the ㎡ item: no percent format
    expect(area.numFmt).toBeUndefined();
  });
});

describe('a party template filled in LibreOffice (test/fixtures/parties, scripts/fill-with-libreoffice.py)', () => {
  it('the party columns typed in Calc and saved as .xlsx: read, scored 867 = 593.5 + 182 + 91.5; Calc’s cached subtotals agree', async () => {
    const gz = await loadRubric(path.join('test', 'fixtures', 'rubrics', 'guangzhou-parties.yaml'));
    const file = path.join('test', 'fixtures', 'parties', '越秀区某街社工站-libreoffice.xlsx');
    const wb = await readStationWorkbook(file, gz);
    expect(wb.station).toMatchObject({ name: '越秀区某街社工站', county: '越秀区' });
    expect(wb.notes).toEqual([]);
    expect(Object.fromEntries(Object.entries(must(wb.parties)).map(([id, e]) => [id, values(e)]))).toEqual({
      evaluator: { '1.1': { kind: 'points', points: 352.5 }, '1.2': { kind: 'points', points: 241 } },
      buyer: { '2.1': { kind: 'points', points: 110 }, '2.2': { kind: 'points', points: 72 } },
      supervisor: { '3.1': { kind: 'points', points: 55 }, '3.2': { kind: 'points', points: 36.5 } },
    });
    expect(must(wb.parties).buyer.items['2.2'].note).toBe('例会缺席两次');
    const result = scoreStation(gz, { station: wb.station, self: wb.self, parties: wb.parties });
    expect([result.total, must(result.parties).map((p) => p.total)]).toEqual([867, [593.5, 182, 91.5]]);
    // What Calc computed and stored: each party's 基础分合计 (H, I, J) and the reference 总分 row below it.
    const { grid } = await openWorkbook(file);
    const sheet = must(grid.sheets.find((s) => s.name === '评分表'));
    let base = 0;
    for (let r = 7; r <= sheet.rowCount; r++) if (sheet.get(r, 2) === '基础分合计') base = r;
    expect([8, 9, 10].map((c) => sheet.get(base, c))).toEqual([
      { formula: 'H10', result: 593.5 },
      { formula: 'I14', result: 182 },
      { formula: 'J18', result: 91.5 },
    ]);
    expect([8, 9, 10].map((c) => (sheet.get(base + 1, c) as { result: unknown }).result)).toEqual([593.5, 182, 91.5]);
  });
});
