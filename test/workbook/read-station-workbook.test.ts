import ExcelJS from 'exceljs';
import { formatLocation, messageOf } from '../../src/problems/render.js';
import type { Problem } from '../../src/problems/problem.js';
import { describe, expect, it } from 'vitest';
import { WorkbookError } from '../../src/workbook/workbook-error.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { buildTemplate } from '../../src/workbook/template.js';
import { itemNameKey } from '../../src/workbook/item-names.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { smallRubric } from './fixtures.js';
import { must } from '../../src/util/must.js';
import { fileURLToPath } from 'node:url';

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
        ['1.1.1', '服务场所面积', 10, '１０分', '场地 65㎡', { formula: 'C6-2', result: 8 }],
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
    expect(wb.warnings.map((w) => `${formatLocation(w.location)}：${messageOf(w, 'zh')}`)).toEqual(['城关镇.xlsx：表中没有 3 个评分项的行（如 1.1.3、1.2.1、1.2.3），按未评分处理']);
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
      ws.getCell('B2').value = { formula: '5+5' };
    });
    expect(err.message).toBe('公式 =5+5: 公式没有计算结果，请用 Excel 或 WPS 打开并保存后重试');
    expect(err.location).toBe('城关镇.xlsx › 自评表!B2');
    // With a 填报 column: an empty input makes the formula score blank, even if it cached 0.
    const blank = await read((ws) => {
      ws.getRow(1).values = ['编号', '自评填报', '自评得分'];
      ws.getCell('A2').value = '1.1.2';
      ws.getCell('C2').value = { formula: 'IF(B2="","",3)', result: 0 };
      ws.getCell('A3').value = '1.1.1';
      ws.getCell('C3').value = { formula: 'IF(B3="","",10)' };
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

    const other = await buildTemplate(
      smallRubric({
        id: 'other-rubric',
        modules: [
          {
            id: '7',
            name: '别的',
            points: 100,
            children: [
              { id: '7.1', name: 'x', points: 25, scoring: { kind: 'range' } },
              { id: '7.2', name: 'y', points: 25, scoring: { kind: 'range' } },
              { id: '7.3', name: 'z', points: 25, scoring: { kind: 'range' } },
              { id: '7.4', name: 'w', points: 25, scoring: { kind: 'range' } },
            ],
          },
        ],
        bonus: undefined,
      }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(other) as never);
    const ws = must(wb.getWorksheet('评分表'));
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
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

describe('real tables (issue 14): headers, --columns, several sheets, rows without ids, what was typed', () => {
  type Rows = (string | number | null)[][];
  async function gridOf(sheets: Record<string, Rows>) {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name);
      rows.forEach((r, i) => (ws.getRow(i + 1).values = r));
    }
    return readCells(new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  const readRows = async (sheets: Record<string, Rows>, opts: Parameters<typeof readStationGrid>[2] extends infer O ? Partial<O> : never = {}) =>
    readStationGrid(await gridOf(sheets), rubric, { display: '城关镇.xlsx', ...opts });
  const failure = async (sheets: Record<string, Rows>, opts = {}) => {
    try {
      await readRows(sheets, opts);
    } catch (err) {
      if (err instanceof WorkbookError) return err.problems.map((p) => [p.code, formatLocation(p.location), messageOf(p, 'zh')]);
      throw err;
    }
    throw new Error('expected a WorkbookError');
  };
  const block: Rows = [['站点名称', '城关镇社工站']];
  const pts = (e: { items: Record<string, { value: unknown }> } | undefined, id: string) => (e?.items[id]?.value as { points?: number } | undefined)?.points;

  it.each(['自评得分', '自评分', '自评计分'])('%s is the self column', async (header) => {
    const wb = await readRows({ 自评表: [...block, ['编号', '指标', header], ['1.1.4', '设施设备', 12]] });
    expect([pts(wb.self, '1.1.4'), wb.spot]).toEqual([12, undefined]);
  });
  it.each(['评估得分', '评估分', '抽查得分', '复评得分', '核定得分', '审核得分', '第三方评估得分', '考核组评分', '专家评分', '评估小组计分'])('%s is the evaluator’s column', async (header) => {
    const wb = await readRows({ 自评表: [...block, ['编号', '指标', '自评分', header], ['1.1.4', '设施设备', 12, 10.5]] });
    expect([pts(wb.self, '1.1.4'), pts(wb.spot, '1.1.4')]).toEqual([12, 10.5]);
  });

  it('--columns names unusual columns by letter or header text; a header not found is refused listing the headers', async () => {
    const sheets = { 自评表: [...block, ['编号', '指标', '站点打分', '专家组意见分'], ['1.1.4', '设施设备', 12, 9]] };
    expect((await failure(sheets))[0][0]).toBe('SHEET_NO_HEADER');
    const wb = await readRows(sheets, { columns: { self: 'C', spot: '专家组意见分' } });
    expect([pts(wb.self, '1.1.4'), pts(wb.spot, '1.1.4'), wb.self.items['1.1.4'].source, wb.spot?.items['1.1.4'].source]).toEqual([12, 9, '城关镇.xlsx › 自评表!C3', '城关镇.xlsx › 自评表!D3']);
    expect(wb.details.slice(0, 4)).toEqual(['城关镇.xlsx：读取工作表“自评表”，第 2 行为表头', '  编号 = A“编号”', '  名称 = B“指标”', '  自评得分 = C“站点打分”']);
    expect(await failure({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', 12]] }, { columns: { spot: '复核分' } })).toEqual([
      ['COLUMNS_NOT_FOUND', '城关镇.xlsx › 自评表', '--columns spot=复核分：第 2 行表头中没有“复核分”（表头有：“编号”、“指标”、“自评得分”）；也可写列字母，如 spot=H'],
    ]);
  });

  it('problems are codes with parameters, the value found and what is expected: English as well as Chinese, whatever language read them', async () => {
    let err: unknown;
    try {
      await readRows({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', '十分'], ['1.1.4', '设施设备', 3], ['9.9', '其他', 1]] });
    } catch (e) {
      err = e;
    }
    const problems = (err as WorkbookError).problems;
    expect(problems.map((p) => [p.code, p.location, p.received, p.expected, 'text' in p])).toEqual([
      ['CELL_NOT_A_NUMBER', { file: '城关镇.xlsx', sheet: '自评表', cell: 'C3' }, { kind: 'text', text: '十分' }, { type: 'score', min: 0, max: 15 }, false],
      ['ROW_DUPLICATE_ITEM', { file: '城关镇.xlsx', sheet: '自评表', cell: 'A4' }, undefined, undefined, false],
      ['ROW_UNKNOWN_ITEM', { file: '城关镇.xlsx', sheet: '自评表', cell: 'A5' }, '9.9', undefined, false],
    ]);
    expect(problems.map((p) => messageOf(p, 'en'))).toEqual([
      '"十分" is not a valid score (a number from 0–15)',
      'item 1.1.4 appears twice (already in row 3); delete one of the rows',
      'id "9.9" is not in rubric test-small',
    ]);
    expect(problems.map((p) => messageOf(p, 'zh'))).toEqual([
      '"十分" 不是有效分数（应为 0–15 的数字）',
      '项目 1.1.4「设施设备」重复出现（第 3 行已有），请删除重复的一行',
      '编号 "9.9" 在细则 test-small 中不存在，请核对编号',
    ]);
  });

  it('a column holding numbers in item rows that no role took is reported, with the --columns hint', async () => {
    const wb = await readRows({ 自评表: [...block, ['编号', '指标', '自评得分', '复核分数'], ['1.1.4', '设施设备', 12, 10], ['2.1', '个案服务', 18, 15]] });
    expect(wb.notes.map((n) => [n.code, formatLocation(n.location), messageOf(n, 'zh')])).toEqual([
      ['COLUMN_UNPLACED', '城关镇.xlsx › 自评表!D2', 'D 列（表头“复核分数”）在 2 个评分项行中有数字，但不是可识别的得分列，未计入；如是某一方的得分，请用 --columns spot=D（或 self=D）指定'],
    ]);
  });

  it('several filled score sheets: refused listing them; --sheet or the station block decides; an empty copy is passed over with a note', async () => {
    const sheet = (score: number): Rows => [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', score]];
    expect(await failure({ '2023年': sheet(10), '2024年': sheet(13) })).toEqual([
      ['SHEET_AMBIGUOUS', '城关镇.xlsx', '工作簿中有 2 个评分表（“2023年”、“2024年”），无法判断以哪个为准：请删除多余的工作表，或用 --sheet 指定，如 --sheet 2024年'],
    ]);
    expect(pts((await readRows({ '2023年': sheet(10), '2024年': sheet(13) }, { sheet: '2024年' })).self, '1.1.4')).toBe(13);
    expect(await failure({ '2024年': sheet(13) }, { sheet: '2025年' })).toEqual([['SHEET_NOT_FOUND', '城关镇.xlsx', '没有名为“2025年”的工作表（本文件有：“2024年”）']]);
    const other: Rows = [
      ['站点名称', '东山镇社工站'],
      ['编号', '指标', '自评得分'],
      ['1.1.4', '设施设备', 7],
    ];
    const byBlock = await readRows({ 东山镇: other, 城关镇: sheet(13) }, { expect: { name: '城关镇社工站' } });
    expect([byBlock.sheet, pts(byBlock.self, '1.1.4'), byBlock.notes[0].code]).toEqual(['城关镇', 13, 'SHEET_CHOSEN']);
    const empty = await readRows({ 模板: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', null]], 填好的: sheet(13) });
    expect([empty.sheet, messageOf(empty.notes[0], 'zh')]).toEqual(['填好的', '工作簿有 2 个评分表（“模板”、“填好的”），只有“填好的”填了分数，按它评分']);
  });

  it('rows by name when the ids do not fit; a score with neither id nor name, or an unknown name, is refused with its cells', async () => {
    const byName = await readRows({ 自评表: [...block, ['序号', '评估项目', '得分'], [1, '设施设备（15分）', 12], [2, '个案\n工作', 18], [3, '服务场所面积', null]] });
    expect([pts(byName.self, '1.1.4'), pts(byName.self, '2.1'), byName.notes.map((n) => n.code)]).toEqual([12, 18, ['ROWS_MATCHED_BY_NAME']]);
    expect(await failure({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', 12], [null, null, 3], [null, '宣传报道', 2]] })).toEqual([
      ['ROW_NO_KEY', '城关镇.xlsx › 自评表!C4', '这一行有分数（C4 = 3）但没有编号也没有名称，无法对应评分项'],
      ['ROW_UNMATCHED', '城关镇.xlsx › 自评表!B5', '“宣传报道”不是细则 test-small 的评分项，这一行的分数无处可记（C5 = 2）；请核对名称或填写编号'],
    ]);
  });

  it('the sheet’s own 合计 is compared with the sum of its item rows', async () => {
    const wb = await readRows({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', 12.5], ['2.1', '个案服务', 18], [null, '合计', 31]] });
    expect(wb.notes.map((n) => [n.code, formatLocation(n.location), messageOf(n, 'zh')])).toEqual([
      ['TOTAL_MISMATCH', '城关镇.xlsx › 自评表!C5', '表中合计 31 与上方各项逐项相加的 30.5 不符（相差 0.5）'].map((x, i) => (i === 2 ? `${x}，请核对` : x)),
    ]);
    const ok = await readRows({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', 12.5], ['2.1', '个案服务', 18], [null, '合计', 30.5]] });
    expect(ok.notes).toEqual([]);
  });

  it('a typed —, / or 无: the message shows what was typed', async () => {
    const wb = await readRows({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', '—'], ['2.1', '个案服务', '/']] });
    expect([wb.self.items['1.1.4'], wb.self.items['2.1'].value]).toEqual([undefined, { kind: 'na' }]);
    expect(wb.notes.map((n) => [n.code, messageOf(n, 'zh')])).toEqual([
      ['CELL_TYPED_DASH', 'C3 填的是“—”，按未评分（空白）处理；如为 0 分请填 0，不适用请填“不适用”'],
      ['CELL_TYPED_SLASH', 'C4 填的是“/”，按“不适用”处理'],
    ]);
    expect(await failure({ 自评表: [...block, ['编号', '指标', '自评得分'], ['1.1.4', '设施设备', '无']] })).toEqual([
      ['CELL_NOT_A_NUMBER', '城关镇.xlsx › 自评表!C3', '"无" 不是有效分数（应为 0–15 的数字）'],
    ]);
  });

  it('a score in a heading row (by id or by name) is refused at its cell, never dropped', async () => {
    expect(await failure({ 自评表: [...block, ['编号', '指标', '自评得分', '抽查得分'], ['1', '基础建设', 15, null], ['1.1.4', '设施设备', 8, null], [null, '服务提供', null, 9]] })).toEqual([
      ['HEADING_ROW_SCORED', '城关镇.xlsx › 自评表!C3', '1「基础建设」是模块或指标的标题行，不计分，但自评得分填了 C3 = 15；请把分数填到其下的评分项行'],
      ['HEADING_ROW_SCORED', '城关镇.xlsx › 自评表!D5', '“服务提供”是模块或指标的标题行，不计分，但抽查得分填了 D5 = 9；请把分数填到其下的评分项行'],
    ]);
  });

  it('the template’s 评估机构 and 评估日期 cells (row 5, above the 抽查 columns) are read into the station; a 评估日期 that is no date is refused at its cell', async () => {
    const load = async (evaluationDate: ExcelJS.CellValue) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await buildTemplate(rubric, { station: { name: '城关镇社工站', evaluator: '某某社会工作评估中心' } })) as never);
      const ws = must(wb.getWorksheet('评分表'));
      expect([ws.getCell('H5').value, ws.getCell('I5').value, ws.getCell('K5').value, ws.getCell('L5').numFmt]).toEqual(['评估机构', '某某社会工作评估中心', '评估日期', 'yyyy-mm-dd']);
      ws.getCell('L5').value = evaluationDate;
      return readCells(new Uint8Array(await wb.xlsx.writeBuffer()));
    };
    const asDate = readStationGrid(await load(new Date(Date.UTC(2024, 10, 20))), rubric, { display: '城关镇.xlsx' });
    expect([asDate.station.evaluator, asDate.station.evaluationDate]).toEqual(['某某社会工作评估中心', '2024-11-20']);
    const asText = readStationGrid(await load('２０２４年１１月２０日'), rubric, { display: '城关镇.xlsx' });
    expect(asText.station.evaluationDate).toBe('2024-11-20');
    let err: WorkbookError | undefined;
    try {
      readStationGrid(await load('2024-11-31'), rubric, { display: '城关镇.xlsx' });
    } catch (e) {
      err = e as WorkbookError;
    }
    expect(err?.problems.map((p) => [p.code, formatLocation(p.location), messageOf(p, 'zh')])).toEqual([
      ['EVALUATION_DATE_INVALID', '城关镇.xlsx › 评分表!L5', '评估日期“2024-11-31”不是有效日期（应为 YYYY-MM-DD，如 2024-11-20，或 2024年11月20日、日期格式的单元格）'],
    ]);
  });

  it('the template’s bonus heading 加分项（上限 5 分）is a heading: a score typed there is HEADING_ROW_SCORED, not ROW_UNMATCHED', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate(rubric)) as never);
    const ws = must(wb.getWorksheet('评分表'));
    let heading = 0;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
    for (let r = 7; r <= ws.rowCount; r++) if (String(ws.getCell(r, 2).value) === '加分项（上限 5 分）') heading = r;
    expect(heading).toBeGreaterThan(7);
    ws.getCell(heading, 9).value = 3;
    let err: WorkbookError | undefined;
    try {
      readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), rubric, { display: '城关镇.xlsx' });
    } catch (e) {
      err = e as WorkbookError;
    }
    expect(err?.problems.map((p) => [p.code, formatLocation(p.location), messageOf(p, 'zh')])).toEqual([
      ['HEADING_ROW_SCORED', `城关镇.xlsx › 评分表!I${heading}`, `“加分项（上限 5 分）”是模块或指标的标题行，不计分，但自评得分填了 I${heading} = 3；请把分数填到其下的评分项行`],
    ]);
    // Other spellings of a cap or a points value reduce to the name as well.
    const cases = ['加分项（上限5分）', '加分项(最高 5 分)', '加分项（最多5分）', '加分项 (5分)', '加分项（上限：5分）'];
    expect(cases.map((c) => itemNameKey(c))).toEqual(cases.map(() => '加分项'));
  });

  it('a module named like one of its items: the row’s module id decides, by id column or leading number', async () => {
    const same = smallRubric({ modules: rubric.data.modules.map((m) => (m.id === '2' ? { ...m, name: '服务质量' } : m)) });
    const readSame = async (rows: Rows) => readStationGrid(await gridOf({ 自评表: [...block, ...rows] }), same, { display: '城关镇.xlsx' });
    const byId = await readSame([
      ['编号', '指标', '自评得分'],
      ['2', '服务质量', null],
      ['2.1', '个案服务', 18],
      ['2.2', '服务质量', 26],
    ]);
    expect([pts(byId.self, '2.1'), pts(byId.self, '2.2'), byId.notes]).toEqual([18, 26, []]);
    const inName = await readSame([
      ['评估项目', '得分'],
      ['2 服务质量', null],
      ['2.1 个案服务', 18],
      ['2.2 服务质量', 26],
    ]);
    expect([pts(inName.self, '2.1'), pts(inName.self, '2.2'), inName.notes.map((n) => messageOf(n, 'zh'))]).toEqual([
      18,
      26,
      ['2 行按名称对应评分项（名称 2 行、别名 0 行；按编号 0 行），如第 4 行“2.1 个案服务” → 2.1「个案服务」（按名称）；--verbose 可逐行查看'],
    ]);
  });
});

describe('scoring parties (rubric parties): columns by the party', () => {
  const GZ = fileURLToPath(new URL('../fixtures/rubrics/guangzhou-parties.yaml', import.meta.url));
  const rows: [string, string, number, number | null, number | null, number | null][] = [
    ['1.1', '服务计划完成情况', 400, 352.5, null, null],
    ['1.2', '服务对象满意度', 300, 241, null, null],
    ['2.1', '服务投入', 120, null, 110, null],
    ['2.2', '沟通配合', 80, null, 72, null],
    ['3.1', '专业服务质量', 60, null, null, 55],
    ['3.2', '督导意见落实', 40, null, null, 36.5],
  ];
  /** A bureau's own table: the given header cells (row 2, and row 1 above when given), data from row 3. */
  async function table(headers: string[], upper: string[] = [], merges: string[] = [], extra?: (ws: ExcelJS.Worksheet) => void) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评估表');
    upper.forEach((h, i) => h && (ws.getCell(1, i + 1).value = h));
    headers.forEach((h, i) => h && (ws.getCell(2, i + 1).value = h));
    for (const m of merges) ws.mergeCells(m);
    rows.forEach((r, k) => r.forEach((v, i) => v !== null && (ws.getCell(3 + k, i + 1).value = v)));
    extra?.(ws);
    return readCells(new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  async function scored(g: Awaited<ReturnType<typeof table>>, columns?: Parameters<typeof readStationGrid>[2]['columns']) {
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const { scoreStation } = await import('../../src/score/score-station.js');
    const gz = await loadRubric(GZ);
    const wb = readStationGrid(g, gz, { display: '越秀.xlsx', ...(columns ? { columns } : {}) });
    const r = scoreStation(gz, { station: { name: '越秀区某街社工站' }, self: wb.self, parties: wb.parties });
    return { wb, total: r.total, parties: must(r.parties).map((p) => p.total) };
  }

  it('by name with 得分 / 评分 / 计分 or none, and by id', async () => {
    for (const heads of [
      ['第三方评估机构得分', '采购方评分', '督导计分'],
      ['第三方评估机构', '采购方', '督导'],
      ['evaluator', 'buyer 得分', 'Supervisor'],
    ]) {
      const r = await scored(await table(['编号', '指标', '分值', ...heads]));
      expect([heads, r.total, r.parties]).toEqual([heads, 867, [593.5, 182, 91.5]]);
    }
  });

  it('two-row headers: 得分 merged over the parties, and each party over its 得分', async () => {
    const a = await scored(await table(['', '', '', '第三方评估机构', '采购方', '督导'], ['编号', '指标', '分值', '得分', '', ''], ['A1:A2', 'B1:B2', 'C1:C2', 'D1:F1']));
    expect([a.total, a.parties]).toEqual([867, [593.5, 182, 91.5]]);
    const b = await scored(await table(['', '', '', '得分', '得分', '得分'], ['编号', '指标', '分值', '第三方评估机构', '采购方', '督导'], ['A1:A2', 'B1:B2', 'C1:C2']));
    expect([b.total, b.parties]).toEqual([867, [593.5, 182, 91.5]]);
  });

  it('--columns names a party by id or name (letters or header text); unknown keys and unplaced numbers are reported', async () => {
    const g = await table(['编号', '指标', '分值', '甲', '乙', '丙']);
    const r = await scored(g, { parties: { evaluator: 'D', 采购方得分: 'E', supervisor: '丙' } });
    expect([r.total, r.parties]).toEqual([867, [593.5, 182, 91.5]]);
    // Without them: the header is no score header at all.
    await expect(scored(g)).rejects.toThrow('找不到评分表');
    // One party not named: its numbers are reported as an unplaced column, with the hint in party terms.
    const partial = await scored(g, { parties: { evaluator: 'D', buyer: 'E' } });
    expect(partial.wb.notes.map((n) => [n.code, formatLocation(n.location), messageOf(n, 'zh')])).toEqual([
      [
        'COLUMN_UNPLACED',
        '越秀.xlsx › 评估表!F2',
        'F 列（表头“丙”）在 2 个评分项行中有数字，但不是可识别的得分列，未计入；如是某一方的得分，请用 --columns evaluator=F 或 buyer=F 或 supervisor=F指定',
      ],
    ]);
    expect(partial.parties).toEqual([593.5, 182, 0]);
    const err = await scored(g, { parties: { evaluator: 'D', 采购: 'E' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect((err as WorkbookError).problems.map((p) => [p.code, formatLocation(p.location), p.received])).toEqual([['COLUMNS_UNKNOWN_KEY', '', '采购']]);
    expect(messageOf((err as WorkbookError).problems[0], 'zh')).toContain(
      '--columns 的“采购”既不是列的用途（id、name、self、spot、selfInput、spotInput），也不是本细则的评分方（评分方：evaluator（第三方评估机构）、buyer（采购方）、supervisor（督导）',
    );
  });

  it("a score in another party's column is refused at its cell by the engine", async () => {
    const g = await table(['编号', '指标', '分值', '第三方评估机构得分', '采购方得分', '督导得分'], [], [], (ws) => (ws.getCell('E3').value = 10));
    const e = await scored(g).catch((x: unknown) => x);
    const { EntryError } = await import('../../src/score/entry-error.js');
    expect(e).toBeInstanceOf(EntryError);
    expect((e as InstanceType<typeof EntryError>).problems.map((p) => [p.code, formatLocation(p.location)])).toEqual([['ENTRY_NOT_PARTY_ITEM', '越秀.xlsx › 评估表!E3']]);
  });
});
