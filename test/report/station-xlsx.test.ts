import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DETAIL, renderStationXlsx } from '../../src/report/station-xlsx.js';
import { fujianRubric, selfOnly, spotChecked } from './fixtures.js';
import { must } from '../../src/util/must.js';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The text of every entry of the zip (xlsx) whose name matches. */
function zipEntries(bytes: Uint8Array, match: RegExp): Map<string, string> {
  const buf = Buffer.from(bytes);
  const out = new Map<string, string>();
  // Central directory: find the end record, then walk the entries.
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (match.test(name)) {
      const lNameLen = buf.readUInt16LE(local + 26);
      const lExtraLen = buf.readUInt16LE(local + 28);
      const start = local + 30 + lNameLen + lExtraLen;
      const data = buf.subarray(start, start + size);
      out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function formulaOf(v: ExcelJS.CellValue): { formula: string; result: unknown } | null {
  return v && typeof v === 'object' && 'formula' in v ? (v as { formula: string; result: unknown }) : null;
}

describe('renderStationXlsx', () => {
  it('writes 汇总, 评分明细 and 偏差 for a spot-checked station', async () => {
    const wb = await load(await renderStationXlsx(spotChecked, fujianRubric));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '评分明细', '偏差']);
  });

  it('has live subtotal and total formulas whose cached values are the engine numbers', async () => {
    const wb = await load(await renderStationXlsx(spotChecked, fujianRubric));
    const ws = must(wb.getWorksheet('评分明细'));
    // Module 1 (基础建设): 12 items in rows 2..13, subtotal in row 14.
    expect(ws.getCell(2, DETAIL.id).value).toBe('1.1.1');
    const sub1 = formulaOf(ws.getCell(14, DETAIL.final).value);
    expect(sub1).toEqual({ formula: 'SUM(K2:K13)', result: 136.5 });
    expect(ws.getRow(2).outlineLevel).toBe(1);
    expect(ws.getRow(14).outlineLevel ?? 0).toBe(0);
    // Module 3 has an N/A item: the subtotal rescales by applicable points (130 of 150).
    const finals: Record<string, unknown> = {};
    let totalRow = 0;
    ws.eachRow((row, r) => {
      const name = row.getCell(DETAIL.name).value;
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
      if (typeof name === 'string' && name.startsWith('小计：')) finals[String(row.getCell(DETAIL.id).value ?? 'bonus')] = formulaOf(row.getCell(DETAIL.final).value);
      if (name === '总分') totalRow = r;
    });
    expect(finals['3']).toMatchObject({ formula: expect.stringMatching(/^ROUND\(SUM\(K\d+:K\d+\)\*150\/130,1\)$/) as unknown, result: 144.2 });
    expect(Object.values(finals).map((f) => (f as { result: number }).result)).toEqual([136.5, 142.5, 144.2, 185.5, 230.5, 75, 10]);
    expect(finals['bonus']).toMatchObject({ formula: expect.stringMatching(/^MIN\(20,SUM\(K\d+:K\d+\)\)$/) as unknown, result: 10 });
    const total = formulaOf(ws.getCell(totalRow, DETAIL.final).value);
    expect(total?.result).toBe(924.2);
    expect(total?.formula).toMatch(/^MIN\(1000,K\d+\+K\d+\)-K\d+$/);
    const base = formulaOf(ws.getCell(totalRow - 3, DETAIL.final).value);
    expect(base?.result).toBe(914.2);
    expect(ws.getCell(totalRow, DETAIL.deviation).value).toMatchObject({ result: 40.3 });
    expect(ws.getCell(2, DETAIL.final).numFmt).toBe('0.0');
  });

  it('汇总 shows the verdict and links the module table to 评分明细', async () => {
    const wb = await load(await renderStationXlsx(spotChecked, fujianRubric));
    const ws = must(wb.getWorksheet('汇总'));
    const labels = new Map<string, ExcelJS.CellValue>();
    ws.eachRow((row) => {
      const k = row.getCell(1).value;
      if (typeof k === 'string') labels.set(k, row.getCell(2).value);
    });
    expect(labels.get('站点名称')).toBe('城关镇社会工作服务站');
    expect([labels.has('评估机构'), labels.has('评估日期')]).toEqual([false, false]);
    expect(formulaOf(must(labels.get('总分')))).toMatchObject({ formula: expect.stringMatching(/^'评分明细'!K\d+$/) as unknown, result: 924.2 });
    expect(labels.get('星级')).toBe('四星级 ★★★★☆');
    expect(labels.get('核实状态')).toBe('已经第三方抽查核实');
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
    expect(String(labels.get('升至五星级还需'))).toContain('总分还差 25.8 分');
    // The totals in the same words as every report: self and spot before any cap, their difference.
    expect([labels.get('自评总分（封顶前）'), labels.get('抽查总分（封顶前）'), labels.get('偏差(自评−抽查)')]).toEqual([964.5, 924.2, 40.3]);
    expect(labels.get('总分构成')).toBe('自评 964.5 / 抽查 924.2 · 偏差 +40.3');
    // Named CJK font, size and weight kept (LibreOffice / WPS would draw an unnamed font in a serif face).
    expect(ws.getCell(1, 1).font).toMatchObject({ name: '等线', charset: 134, bold: true, size: 16 });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types a cell's font as always set; a cell without one has none
    expect(ws.getCell(4, 2).font?.name).toBe('等线');
    // Module table: row after the header "编号".
    let header = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === '编号') header = r;
    });
    const m3 = ws.getRow(header + 3);
    expect(m3.getCell(2).value).toBe('运营投入');
    expect(formulaOf(m3.getCell(6).value)?.result).toBe(144.2);
    expect(formulaOf(m3.getCell(7).value)).toMatchObject({ formula: `ROUND(F${header + 3}/C${header + 3}*100,1)`, result: 96.1 });
    expect(m3.getCell(8).value).toBe(105); // 四星级: 70% of 150
    expect(m3.getCell(9).value).toBe(120); // 五星级: 80% of 150
    expect(ws.getRow(header + 7).getCell(6).value).toMatchObject({ result: 914.2 });
  });

  it('汇总 names the 评估机构 and 评估日期 the result carries', async () => {
    const result = { ...spotChecked, station: { ...spotChecked.station, evaluator: '某某社会工作评估中心', evaluationDate: '2024-12-05' } };
    const ws = must((await load(await renderStationXlsx(result, fujianRubric))).getWorksheet('汇总'));
    const labels = new Map<string, ExcelJS.CellValue>();
    ws.eachRow((row) => {
      const k = row.getCell(1).value;
      if (typeof k === 'string') labels.set(k, row.getCell(2).value);
    });
    expect([labels.get('评估机构'), labels.get('评估日期')]).toEqual(['某某社会工作评估中心', '2024-12-05']);
  });

  it('偏差 lists deviating items, largest first', async () => {
    const wb = await load(await renderStationXlsx(spotChecked, fujianRubric));
    const ws = must(wb.getWorksheet('偏差'));
    const rows: [unknown, unknown][] = [];
    ws.eachRow((row, r) => {
      if (r > 1 && row.getCell(1).value) rows.push([row.getCell(1).value, formulaOf(row.getCell(7).value)?.result]);
    });
    expect(rows.slice(0, 4)).toEqual([
      ['6.1.1', 10],
      ['1.1.1', 8],
      ['4.3.2', 7.5],
      ['5.5.1', 5.5],
    ]);
    // 14 module items and the bonus item B2 (self 5, spot 0); 6.2.2 deviates downwards (−2).
    expect(rows.length).toBe(15);
    expect(rows.find((r) => r[0] === '6.2.2')?.[1]).toBe(-2);
    const devs = rows.map((r) => Math.abs(r[1] as number));
    expect([...devs].sort((a, b) => b - a)).toEqual(devs);
  });

  it('self-only station: no 偏差 sheet, unverified, incomplete, veto', async () => {
    const wb = await load(await renderStationXlsx(selfOnly, fujianRubric));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '评分明细']);
    const ws = must(wb.getWorksheet('汇总'));
    const values: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
    ws.eachRow((row) => values.push(String(row.getCell(2).value)));
    expect(values).toContain('未经抽查核实');
    expect(values.some((v) => v.startsWith('评分不完整（1 个项目未评分：2.3.1'))).toBe(true);
    expect(values.some((v) => v.includes('弄虚作假'))).toBe(true);
  });

  it('print setup, frozen header and autofilter', async () => {
    const wb = await load(await renderStationXlsx(spotChecked, fujianRubric));
    const ws = must(wb.getWorksheet('评分明细'));
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
  });

  it('never writes text from inputs as a formula', async () => {
    const evil = structuredClone(spotChecked);
    evil.station.name = '=1+1';
    evil.station.code = '+SUM(A1)';
    evil.station.county = '-2';
    evil.items[0].note = '@cmd';
    evil.items[1].reason = '\t=HYPERLINK("x")';
    evil.items[2].note = '\r=1';
    const bytes = await renderStationXlsx(evil, fujianRubric);
    const sheets = zipEntries(bytes, /^xl\/worksheets\/sheet\d+\.xml$/);
    const shared = zipEntries(bytes, /sharedStrings\.xml$/);
    expect(sheets.size).toBe(3);
    const formulas = [...sheets.values()].flatMap((xml) => [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]));
    expect(formulas.length).toBeGreaterThan(20);
    for (const f of formulas) expect(f).toMatch(/^(SUM|ROUND|MIN|MAX|K\d|H\d|E\d|&apos;评分明细&apos;!)/);
    expect(formulas.some((f) => f.includes('HYPERLINK') || f === '1+1' || f.includes('SUM(A1)'))).toBe(false);
    const strings = [...shared.values()].join('');
    expect(strings).toContain('=1+1');
    expect(strings).toContain('+SUM(A1)');
    expect(strings).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
    const wb = await load(bytes);
    expect(must(wb.getWorksheet('汇总')).getCell(4, 2).value).toBe('=1+1');
  });
});
