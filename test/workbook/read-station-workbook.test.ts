import ExcelJS from 'exceljs';
import { formatLocation, messageOf } from '../../src/problems/render.js';
import type { Problem } from '../../src/problems/problem.js';
import { describe, expect, it } from 'vitest';
import { WorkbookError } from '../../src/workbook/workbook-error.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { buildTemplate } from '../../src/workbook/template.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { smallRubric } from './fixtures.js';

const rubric = smallRubric();

async function grid(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  build(ws, wb);
  return readCells(new Uint8Array(await wb.xlsx.writeBuffer()));
}

async function read(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, opts: { genericParty?: 'self' | 'spot' } = {}) {
  return readStationGrid(await grid(build), rubric, { display: '城关镇.xlsx', ...opts });
}

async function problems(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  try {
    await read(build);
  } catch (err) {
    if (err instanceof WorkbookError) return err;
    throw err;
  }
  throw new Error('expected a WorkbookError');
}

/** A typical foreign table: title, station block, a two-row merged header in rows 4–5, data from row 6. */
function foreign(ws: ExcelJS.Worksheet) {
  ws.getCell('A1').value = '示例县社工站评估自评表';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = '站点名称：城关镇社会工作服务站';
  ws.getCell('D2').value = '所属县(市、区)';
  ws.getCell('E2').value = '示例县';
  ws.getCell('A4').value = '指标\n编号';
  ws.mergeCells('A4:A5');
  ws.getCell('B4').value = '评估 内容';
  ws.mergeCells('B4:B5');
  ws.getCell('C4').value = '分　值';
  ws.mergeCells('C4:C5');
  ws.getCell('D4').value = '自评';
  ws.mergeCells('D4:E4');
  ws.getCell('D5').value = '得分';
  ws.getCell('E5').value = '说明';
  ws.getCell('F4').value = '评估小组计分栏';
  ws.mergeCells('F4:F5');
}

describe('reading foreign workbooks', () => {
  it('finds a merged two-row header in a later row, the station block, and every value shape', async () => {
    const wb = await read((ws) => {
      foreign(ws);
      const rows: ExcelJS.CellValue[][] = [
        ['1', '基础建设', 50],
        ['1.1.1', '服务场所面积', 10, '１０分', '场地 65㎡', { formula: 'C6-2', result: 8 } as never],
        ['1.1.2．', '牌匾悬挂', 3, { richText: [{ text: '1' }, { text: '.5' }] }, null, '1.5'],
        ['1.1.4', '设施设备', 15, ' 12.5 分', null, null],
        ['1.2.2', '无失信记录', 5, '√', null, '×'],
        ['1.2.4', '党组织', 0, '是', null, null],
        ['2.1', '个案服务', 20, 'N/A', null, '/'],
        ['', '服务质量', 30, 25, null, 22],
        ['B1', '创新项目', 5, 0, null, null],
      ];
      rows.forEach((r, i) => (ws.getRow(6 + i).values = r));
    });
    expect(wb.sheet).toBe('自评表');
    expect(wb.station).toEqual({ name: '城关镇社会工作服务站', county: '示例县' });
    expect(wb.self.items).toEqual({
      '1.1.1': { value: { kind: 'points', points: 10 }, note: '场地 65㎡', source: '城关镇.xlsx › 自评表!D7' },
      '1.1.2': { value: { kind: 'points', points: 1.5 }, source: '城关镇.xlsx › 自评表!D8' },
      '1.1.4': { value: { kind: 'points', points: 12.5 }, source: '城关镇.xlsx › 自评表!D9' },
      '1.2.2': { value: { kind: 'met', met: true }, source: '城关镇.xlsx › 自评表!D10' },
      '1.2.4': { value: { kind: 'met', met: true }, source: '城关镇.xlsx › 自评表!D11' },
      '2.1': { value: { kind: 'na' }, source: '城关镇.xlsx › 自评表!D12' },
      '2.2': { value: { kind: 'points', points: 25 }, source: '城关镇.xlsx › 自评表!D13' },
      B1: { value: { kind: 'points', points: 0 }, source: '城关镇.xlsx › 自评表!D14' },
    });
    expect(wb.spot?.items['1.1.1'].value).toEqual({ kind: 'points', points: 8 });
    expect(wb.spot?.items['1.2.2'].value).toEqual({ kind: 'met', met: false });
    expect(wb.spot?.items['2.1'].value).toEqual({ kind: 'na' });
    expect(wb.warnings).toEqual(['城关镇.xlsx：表中没有 3 个评分项的行（如 1.1.3、1.2.1、1.2.3），按未评分处理']);
  });

  it('a bare 得分 column belongs to the party the file was given for; aliases from the rubric count', async () => {
    const build = (ws: ExcelJS.Worksheet) => {
      ws.getRow(1).values = ['序号', '项目', '得分'];
      ws.getRow(2).values = ['1.1.4', '设施设备', 9];
    };
    expect((await read(build)).self.items['1.1.4'].value).toEqual({ kind: 'points', points: 9 });
    const spot = await read(build, { genericParty: 'spot' });
    expect(spot.spot?.items['1.1.4'].value).toEqual({ kind: 'points', points: 9 });
    expect(spot.self.items).toEqual({});
    const custom = smallRubric({ columns: { self: ['站点打分'] } });
    const g = await grid((ws) => {
      ws.getRow(1).values = ['编号', '站点打分'];
      ws.getRow(2).values = ['1.1.4', 7];
    });
    expect(readStationGrid(g, custom, { display: 'x.xlsx' }).self.items['1.1.4'].value).toEqual({ kind: 'points', points: 7 });
  });

  it('formula scores: cached result used, blank input means blank, uncached is an error naming the cell', async () => {
    const ok = await read((ws) => {
      ws.getRow(1).values = ['编号', '自评得分'];
      ws.getCell('A2').value = '1.1.4';
      ws.getCell('B2').value = { formula: '5+5', result: 10 };
    });
    expect(ok.self.items['1.1.4'].value).toEqual({ kind: 'points', points: 10 });
    const err = await problems((ws) => {
      ws.getRow(1).values = ['编号', '自评得分'];
      ws.getCell('A2').value = '1.1.4';
      ws.getCell('B2').value = { formula: '5+5' } as never;
    });
    expect(err.message).toBe('公式 =5+5: 公式没有计算结果，请用 Excel 或 WPS 打开并保存后重试');
    expect(err.location).toBe('城关镇.xlsx › 自评表!B2');
    // With a 填报 column: an empty input makes the formula score blank, even if it cached 0.
    const blank = await read((ws) => {
      ws.getRow(1).values = ['编号', '自评填报', '自评得分'];
      ws.getCell('A2').value = '1.1.2';
      ws.getCell('C2').value = { formula: 'IF(B2="","",3)', result: 0 };
      ws.getCell('A3').value = '1.1.1';
      ws.getCell('C3').value = { formula: 'IF(B3="","",10)' } as never;
    });
    expect(blank.self.items).toEqual({});
  });

  it('falls back to the exact item name (or alias) when there is no id', async () => {
    const wb = await read((ws) => {
      ws.getRow(1).values = ['编号', '评估指标', '自评分'];
      ws.getRow(2).values = ['一', '基础建设', null];
      ws.getRow(3).values = [null, '设施设备', 11];
      ws.getRow(4).values = [null, '个案工作', 18];
      ws.getRow(5).values = ['小计', null, 29];
    });
    expect(wb.self.items['1.1.4'].value).toEqual({ kind: 'points', points: 11 });
    expect(wb.self.items['2.1'].value).toEqual({ kind: 'points', points: 18 });
  });
});

describe('reading errors', () => {
  it('collects every bad cell with its address', async () => {
    const err = await problems((ws) => {
      ws.getRow(1).values = ['编号', '名称', '自评得分', '抽查得分'];
      ws.getRow(2).values = ['1.1.4', '设施设备', '十分', 16];
      ws.getRow(3).values = ['1.1.1', '服务场所面积', new Date(Date.UTC(2024, 0, 2)), null];
      ws.getRow(4).values = ['9.9.9', '不存在', 3, null];
      ws.getRow(5).values = ['1.1.4', '设施设备', 3, null];
      ws.getRow(6).values = ['1.2.2', '无失信记录', '也许', null];
      ws.getRow(7).values = ['1.2.3', '制度缺项', '不适用', null];
    });
    expect(err.problems.map(legacy)).toEqual([
      { location: '城关镇.xlsx › 自评表!C2', code: 'CELL_NOT_A_NUMBER', message: '"十分" 不是有效分数（应为 0–15 的数字）' },
      { location: '城关镇.xlsx › 自评表!D2', code: 'CELL_ABOVE_MAX', message: '16 超出范围（应为 0–15 的数字）' },
      { location: '城关镇.xlsx › 自评表!C3', code: 'CELL_DATE', message: '日期 2024-01-02 是日期，不是分数（应为 0–10 的数字）' },
      { location: '城关镇.xlsx › 自评表!A5', code: 'ROW_DUPLICATE_ITEM', message: '项目 1.1.4「设施设备」重复出现（第 2 行已有），请删除重复的一行' },
      { location: '城关镇.xlsx › 自评表!C6', code: 'CELL_NOT_YES_NO', message: '"也许" 无法识别（应为“是”或“否”）' },
      { location: '城关镇.xlsx › 自评表!C7', code: 'CELL_NA_FORBIDDEN', message: '"不适用"：本项不允许填“不适用”（应为 0–5 的数字）' },
      { location: '城关镇.xlsx › 自评表!A4', code: 'ROW_UNKNOWN_ITEM', message: '编号 "9.9.9" 在细则 test-small 中不存在，请核对编号' },
    ]);
    expect(err.message.split('\n')[0]).toBe('共 7 处需要修改：');
    expect(err.exitCode).toBe(2);
  });

  it('caps the list at 50', async () => {
    const err = await problems((ws) => {
      ws.getRow(1).values = ['编号', '自评得分'];
      ws.getRow(2).values = ['1.1.4', 1];
      for (let r = 3; r < 63; r++) ws.getRow(r).values = ['1.1.4', 2];
    });
    expect(err.problems.length).toBe(60);
    expect(err.message.split('\n').at(-1)).toBe('… 另有 10 处');
  });

  it('missing columns, a workbook of another rubric, and no matching items', async () => {
    const noHeader = await problems((ws) => {
      ws.getRow(1).values = ['编号', '名称', '分值'];
      ws.getRow(2).values = ['1.1.4', '设施设备', 15];
    });
    expect(noHeader.location).toBe('城关镇.xlsx');
    expect(noHeader.code).toBe('SHEET_NO_HEADER');
    expect(noHeader.message).toMatch(/找不到评分表/);

    const other = await buildTemplate(smallRubric({ id: 'other-rubric', modules: [{ id: '7', name: '别的', points: 100, children: [
      { id: '7.1', name: 'x', points: 25, scoring: { kind: 'range' } },
      { id: '7.2', name: 'y', points: 25, scoring: { kind: 'range' } },
      { id: '7.3', name: 'z', points: 25, scoring: { kind: 'range' } },
      { id: '7.4', name: 'w', points: 25, scoring: { kind: 'range' } },
    ] }], bonus: undefined }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(other) as never);
    const ws = wb.getWorksheet('评分表')!;
    for (let r = 7; r <= ws.rowCount; r++) if (/^7\.\d$/.test(String(ws.getCell(r, 1).value))) ws.getCell(r, 9).value = 10;
    const g = await readCells(new Uint8Array(await wb.xlsx.writeBuffer()));
    let err: WorkbookError | undefined;
    try {
      readStationGrid(g, rubric, { display: '别的.xlsx' });
    } catch (e) {
      err = e as WorkbookError;
    }
    expect(err?.code).toBe('WORKBOOK_OTHER_RUBRIC');
    expect(err?.message).toBe('不是本细则（test-small 1.0）的评分表（该表由细则“other-rubric” 1.0生成）：5 个编号本细则中没有（如 7、7.1、7.2、7.3、7.4），只有 0 个能对上');
  });

  it('a station name missing falls back to the file name with a warning', async () => {
    const wb = await read((ws) => {
      ws.getRow(1).values = ['编号', '自评得分'];
      ws.getRow(2).values = ['1.1.4', 1];
    });
    expect(wb.station.name).toBe('城关镇');
    expect(wb.nameFromFile).toBe(true);
  });
});

/** A problem as the located line it prints. */
function legacy(p: Problem) {
  return { location: formatLocation(p.location), code: p.code, message: messageOf(p, 'zh') };
}
