import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatLocation, messageOf } from '../../src/problems/render.js';
import type { Problem } from '../../src/problems/problem.js';
import { findSpotStation, spotFromGrid } from '../../src/workbook/read-spot-workbook.js';
import { WorkbookError } from '../../src/workbook/workbook-error.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { smallRubric } from './fixtures.js';
import { must } from '../../src/util/must.js';

const rubric = smallRubric();

async function grid(rows: ExcelJS.CellValue[][], start = 1) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('抽查汇总');
  rows.forEach((r, i) => (ws.getRow(start + i).values = r));
  return readCells(new Uint8Array(await wb.xlsx.writeBuffer()));
}

describe('consolidated spot-check workbooks', () => {
  it('long form: one row per station and item, inputs and reasons', async () => {
    const g = await grid(
      [
        ['站点名称', '所属县(市、区)', '编号', '抽查填报', '抽查得分', '扣分原因'],
        ['城关镇社会工作服务站', '示例县', '1.1.1', 45, 6, '面积不足'],
        ['城关镇社会工作服务站', '示例县', '1.1.4', null, '12.5', null],
        ['城关镇社会工作服务站', '示例县', 'V1', '否', null, null],
        ['东湖街道社工站', '示例县', '1.1.2', '室内', null, null],
        ['东湖街道社工站', '示例县', 'V2', null, '是', null],
      ],
      3,
    );
    const spot = spotFromGrid(g, rubric, { display: '抽查汇总.xlsx' });
    expect(spot.kind).toBe('consolidated');
    if (spot.kind !== 'consolidated') return;
    expect(spot.spot.form).toBe('long');
    expect([...spot.spot.stations.keys()]).toEqual(['示例县|城关镇', '示例县|东湖街道']);
    const cg = must(findSpotStation(spot.spot, '示例县城关镇社工站', '示例县'));
    expect(cg.entries.items).toEqual({
      '1.1.1': { value: { kind: 'measure', value: 45 }, note: '面积不足', source: '抽查汇总.xlsx › 抽查汇总!D4' },
      '1.1.4': { value: { kind: 'points', points: 12.5 }, source: '抽查汇总.xlsx › 抽查汇总!E5' },
    });
    expect(cg.entries.vetoes).toEqual({ V1: false });
    const dh = must(findSpotStation(spot.spot, '东湖街道', undefined));
    expect(dh.entries.items['1.1.2'].value).toEqual({ kind: 'option', label: '室内' });
    expect(dh.entries.vetoes).toEqual({ V2: true });
    expect(findSpotStation(spot.spot, '西溪乡', '示例县')).toBeUndefined();
  });

  it('wide form: one row per station, ids as headers', async () => {
    const g = await grid([
      ['站点名称', '县(市、区)', '1.1.1 服务场所面积', '1.1.4', '1.2.2', '弄虚作假'],
      ['城关镇', '示例县', 10, 13.5, '否', '是'],
      ['东湖街道', '示例县', '６分', null, '√', null],
    ]);
    const spot = spotFromGrid(g, rubric, { display: '宽表.xlsx' });
    if (spot.kind !== 'consolidated') throw new Error('not consolidated');
    expect(spot.spot.form).toBe('wide');
    const cg = must(spot.spot.stations.get('示例县|城关镇'));
    expect(cg.entries.items).toEqual({
      '1.1.1': { value: { kind: 'points', points: 10 }, source: '宽表.xlsx › 抽查汇总!C2' },
      '1.1.4': { value: { kind: 'points', points: 13.5 }, source: '宽表.xlsx › 抽查汇总!D2' },
      '1.2.2': { value: { kind: 'met', met: false }, source: '宽表.xlsx › 抽查汇总!E2' },
    });
    expect(cg.entries.vetoes).toEqual({ V1: true });
    expect(must(spot.spot.stations.get('示例县|东湖街道')).entries.items['1.1.1'].value).toEqual({ kind: 'points', points: 6 });
  });

  it('errors name the cell: unknown id, duplicate row, bad value', async () => {
    const g = await grid([
      ['站点名称', '编号', '抽查得分'],
      ['城关镇', '1.1.4', 20],
      ['城关镇', '9.9', 1],
      ['城关镇', '1.1.1', 5],
      ['城关镇', '1.1.1', 6],
    ]);
    let err: WorkbookError | undefined;
    try {
      spotFromGrid(g, rubric, { display: 's.xlsx' });
    } catch (e) {
      err = e as WorkbookError;
    }
    expect(err?.problems.map(legacy)).toEqual([
      { location: 's.xlsx › 抽查汇总!C2', code: 'CELL_ABOVE_MAX', message: '20 超出范围（应为 0–15 的数字）' },
      { location: 's.xlsx › 抽查汇总!B3', code: 'ROW_UNKNOWN_ITEM', message: '编号 "9.9" 在细则 test-small 中不存在，请核对编号' },
      { location: 's.xlsx › 抽查汇总!B5', code: 'ROW_DUPLICATE_ITEM', message: '站点“城关镇”的项目 1.1.1 重复出现（第 4 行已有）' },
    ]);
  });

  it('a single station workbook is read as that station’s spot check', async () => {
    const g = await grid([
      ['编号', '得分'],
      ['1.1.4', 9],
    ]);
    const spot = spotFromGrid(g, rubric, { display: '城关镇抽查.xlsx' });
    expect(spot.kind).toBe('station');
    if (spot.kind === 'station') expect(spot.workbook.spot?.items['1.1.4'].value).toEqual({ kind: 'points', points: 9 });
  });
});

/** A problem as the located line it prints. */
function legacy(p: Problem) {
  return { location: formatLocation(p.location), code: p.code, message: messageOf(p, 'zh') };
}
