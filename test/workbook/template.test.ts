import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { scoreStation } from '../../src/score/score-station.js';
import { buildTemplate, GUIDE_SHEET, META_SHEET, TEMPLATE_HEADER_ROW, TEMPLATE_SHEET } from '../../src/workbook/template.js';
import { readStationGrid } from '../../src/workbook/read-station-workbook.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { smallRubric } from './fixtures.js';
import { rubricFromData } from '../../src/rubric/model.js';
import { Rubric } from '../../src/rubric/schema.js';
import { must } from '../../src/util/must.js';
import { fileURLToPath } from 'node:url';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  for (let r = TEMPLATE_HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === id) return r;
  throw new Error(`no row for ${id}`);
}

describe('buildTemplate', () => {
  it('has the stable header, station block, validations, protection, formulas and metadata', async () => {
    const rubric = smallRubric();
    const wb = await load(await buildTemplate(rubric, { station: { name: '城关镇社工站', county: '示例县' } }));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [TEMPLATE_SHEET, 'visible'],
      [GUIDE_SHEET, 'visible'],
      [META_SHEET, 'hidden'],
    ]);
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const header = (ws.getRow(TEMPLATE_HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual(['编号', '指标', '评估内容', '评分标准', '评估方法', '分值', '填报说明', '自评填报', '自评得分', '自评说明/佐证材料', '抽查填报', '抽查得分', '扣分原因', '备注']);
    expect(ws.getCell('A3').value).toBe('站点名称');
    expect(ws.getCell('B3').value).toBe('城关镇社工站');
    expect(ws.getCell('E3').value).toBe('所属县(市、区)');
    expect(ws.getCell('F3').value).toBe('示例县');

    // Range item: 得分 is the input, 0–max, unlocked; 填报 locked.
    const r114 = rowOf(ws, '1.1.4');
    expect(ws.getCell(r114, 6).value).toBe(15);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(r114, 9).protection?.locked).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(r114, 8).protection?.locked).not.toBe(false);
    expect(ws.getCell(r114, 9).dataValidation).toMatchObject({ type: 'custom', formulae: [`OR(AND(ISNUMBER(I${r114}),I${r114}>=0,I${r114}<=15),I${r114}="不适用")`] });
    // Choice: dropdown in 填报, locked formula in 得分.
    const r112 = rowOf(ws, '1.1.2');
    expect(ws.getCell(r112, 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"门外醒目,室内,未悬挂"'] });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(r112, 8).protection?.locked).toBe(false);
    expect((ws.getCell(r112, 9).value as ExcelJS.CellFormulaValue).formula).toBe(
      `IF(H${r112}="","",IF(H${r112}="不适用","不适用",IF(H${r112}="门外醒目",3,IF(H${r112}="室内",1.5,IF(H${r112}="未悬挂",0,"")))))`,
    );
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(r112, 9).protection?.locked).not.toBe(false);
    // Tiers: measured value, formula from the highest tier down.
    const r111 = rowOf(ws, '1.1.1');
    expect((ws.getCell(r111, 9).value as ExcelJS.CellFormulaValue).formula).toBe(
      `IF(H${r111}="","",IF(H${r111}="不适用","不适用",IF(ISNUMBER(H${r111}),IF(H${r111}>=60,10,IF(H${r111}>=40,6,0)),"")))`,
    );
    expect(ws.getCell(r111, 8).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    // Boolean and count and graded.
    expect(ws.getCell(rowOf(ws, '1.2.2'), 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell(rowOf(ws, '1.2.1'), 8).dataValidation).toMatchObject({ type: 'whole' });
    expect(ws.getCell(rowOf(ws, '2.2'), 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"A,B,C"'] });
    expect(ws.getCell(rowOf(ws, '2.2'), 9).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 30] });
    expect(ws.getCell(rowOf(ws, '2.1'), 9).dataValidation).toMatchObject({ type: 'custom' }); // na: full allows 不适用
    // Subtotals are live SUMs; the total is clamped; vetoes are 是/否.
    const formulas: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v && typeof v === 'object' && 'formula' in v && /^(SUM|MIN\(5)/.test(v.formula ?? '')) formulas.push(`${cell.address}=${v.formula}`);
      }),
    );
    expect(formulas).toContain(`I${r114 + 5}=SUM(I${r111}:I${r114 + 4})`);
    expect(formulas.some((f) => f.startsWith('I') && f.includes('=MIN(5,SUM('))).toBe(true);
    const rv1 = rowOf(ws, 'V1');
    expect(ws.getCell(rv1, 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(rv1, 11).protection?.locked).toBe(false);
    // Protection without a password, frozen header, print setup.
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(protection.hashValue).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW}` });
    const meta = must(wb.getWorksheet(META_SHEET));
    expect(meta.getCell('B2').value).toBe('test-small');
    expect(meta.getCell('B5').value).toBe(rubric.sha256);
  });

  it('filled by hand, read back and scored', async () => {
    const rubric = smallRubric();
    const wb = await load(await buildTemplate(rubric));
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    ws.getCell('B3').value = '示例县城关镇社工站';
    ws.getCell('F3').value = '示例县';
    const fill: [string, number, ExcelJS.CellValue][] = [
      ['1.1.1', 8, 65],
      ['1.1.2', 8, '室内'],
      ['1.1.3', 8, 'a，c'],
      ['1.1.4', 9, '12.5分'],
      ['1.2.1', 8, 3],
      ['1.2.2', 8, '是'],
      ['1.2.3', 8, 2],
      ['1.2.4', 8, '是'],
      ['2.1', 9, '不适用'],
      ['2.2', 8, 'B'],
      ['2.2', 9, 20],
      ['B1', 9, 3],
      ['V1', 8, '否'],
    ];
    for (const [id, col, value] of fill) ws.getCell(rowOf(ws, id), col).value = value;
    ws.getCell(rowOf(ws, '1.1.4'), 10).value = '见设备清单';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = readStationGrid(await readCells(bytes), rubric, { display: '城关镇.xlsx' });
    expect(read.station).toMatchObject({ name: '示例县城关镇社工站', county: '示例县' });
    expect(read.spot).toBeUndefined();
    expect(read.self.items['1.1.3'].value).toEqual({ kind: 'checklist', ticked: ['a', 'c'] });
    expect(read.self.items['1.1.4']).toEqual({ value: { kind: 'points', points: 12.5 }, note: '见设备清单', source: `城关镇.xlsx › 评分表!I${rowOf(ws, '1.1.4')}` });
    expect(read.self.items['2.2'].value).toEqual({ kind: 'grade', grade: 'B', points: 20 });
    expect(read.self.vetoes).toEqual({ V1: false });
    const result = scoreStation(rubric, { station: read.station, self: read.self });
    // 10 + 1.5 + 1.5 + 12.5 + 8 + 5 + 3 = 41.5; 20 (N/A full) + 20 = 40; bonus 3.
    expect(result.modules.map((m) => m.final)).toEqual([41.5, 40]);
    expect(result.bonus).toBe(3);
    expect(result.total).toBe(84.5);
    expect(result.stars).toBe(2);
    expect(result.complete).toBe(true);
  });

  it('a module scored as one item (no children) gets one row, read back and scored', async () => {
    // Before: a heading row "1" above the item row "1", which the reader then refused as a duplicate.
    const rubric = rubricFromData(
      Rubric.parse({
        id: 'leaf-module',
        title: '单项模块',
        version: '1',
        total: 30,
        modules: [
          { id: '1', name: '满意度', points: 10, scoring: { kind: 'range' } },
          { id: '2', name: '服务', points: 20, children: [{ id: '2.1', name: '个案', points: 20, scoring: { kind: 'range' } }] },
        ],
        stars: { levels: [{ level: 1, name: '一星', minTotal: 15 }] },
      }),
    );
    const wb = await load(await buildTemplate(rubric));
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const rows: [unknown, unknown, unknown][] = [];
    for (let r = TEMPLATE_HEADER_ROW + 1; r <= TEMPLATE_HEADER_ROW + 5; r++) rows.push([ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 6).value]);
    expect(rows).toEqual([
      ['1', '满意度', 10],
      [null, '小计：满意度', 10],
      ['2', '服务', 20],
      ['2.1', '个案', 20],
      [null, '小计：服务', 20],
    ]);
    const r1 = TEMPLATE_HEADER_ROW + 1;
    expect((ws.getCell(r1 + 1, 9).value as ExcelJS.CellFormulaValue).formula).toBe(`SUM(I${r1}:I${r1})`);
    ws.getCell(r1, 9).value = 8;
    ws.getCell(r1, 12).value = 6.5;
    ws.getCell(TEMPLATE_HEADER_ROW + 4, 9).value = 17;
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), rubric, { display: 'x.xlsx' });
    expect(read.self.items['1'].value).toEqual({ kind: 'points', points: 8 });
    expect(must(read.spot).items['1'].value).toEqual({ kind: 'points', points: 6.5 });
    const result = scoreStation(rubric, { station: read.station, self: read.self, spot: read.spot });
    expect(result.modules.map((m) => [m.id, m.final])).toEqual([
      ['1', 6.5],
      ['2', 17],
    ]);
    expect(result.total).toBe(23.5);
    expect(result.stars).toBe(1);
  });

  it('a pre-filled template caches formula results computed by itemPoints', async () => {
    const rubric = smallRubric();
    const bytes = await buildTemplate(rubric, {
      fill: { self: { items: { '1.1.2': { value: { kind: 'option', label: '门外醒目' } }, '1.1.4': { value: { kind: 'points', points: 15 } } } } },
      itemPoints: (item, value) => (value.kind === 'option' ? 3 : value.kind === 'points' ? value.points : value.kind === 'blank' ? 'blank' : null),
    });
    const ws = must((await load(bytes)).getWorksheet(TEMPLATE_SHEET));
    expect((ws.getCell(rowOf(ws, '1.1.2'), 9).value as ExcelJS.CellFormulaValue).result).toBe(3);
    const sub = rowOf(ws, '1.2.4') + 1;
    expect(ws.getCell(sub, 2).value).toBe('小计：基础建设');
    expect((ws.getCell(sub, 9).value as ExcelJS.CellFormulaValue).result).toBe(18);
  });
});

describe('template layout (printing and LibreOffice/WPS, which keep stored row heights)', () => {
  it('rows fit their wrapped text, every cell names the CJK font, A4 landscape with the header repeated', async () => {
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const rubric = await loadRubric('rubrics/fujian-style.yaml');
    const wb = await load(await buildTemplate(rubric));
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    // An item whose 评分标准 needs several lines in its 36-character column gets the height for them.
    let checked = 0;
    for (let r = TEMPLATE_HEADER_ROW + 1; r <= ws.rowCount; r++) {
      const standard = ws.getCell(r, 4).value;
      if (typeof standard !== 'string' || standard.length < 60) continue;
      const lines = Math.ceil(stringWidth(standard) / (36 - 1.5));
      expect(ws.getRow(r).height, `row ${r}`).toBeGreaterThanOrEqual(lines * 14.5);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    for (const [r, c] of [
      [1, 1],
      [TEMPLATE_HEADER_ROW, 1],
      [TEMPLATE_HEADER_ROW + 2, 4],
      [TEMPLATE_HEADER_ROW + 2, 9],
    ]) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
      expect(ws.getCell(r, c).font?.name, `${r},${c}`).toBe('等线');
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
      expect(ws.getCell(r, c).font?.charset).toBe(134);
    }
    expect(ws.getRow(TEMPLATE_HEADER_ROW).height).toBeGreaterThanOrEqual(28);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW}` });
    const guide = must(wb.getWorksheet(GUIDE_SHEET));
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(guide.getCell(1, 1).font?.name).toBe('等线');
    expect(guide.getRow(5).height).toBeGreaterThan(16);
  });
});

describe('buildTemplate with scoring parties', () => {
  const GZ = new URL('../fixtures/rubrics/guangzhou-parties.yaml', import.meta.url);
  const colOf = (ws: ExcelJS.Worksheet, header: string) => {
    const values = ws.getRow(TEMPLATE_HEADER_ROW).values as unknown[];
    const c = values.indexOf(header);
    if (c < 1) throw new Error(`no column ${header}`);
    return c;
  };

  it('one score column per party, cells of other parties greyed, locked and validated empty, per-party subtotals and totals', async () => {
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const rubric = await loadRubric(fileURLToPath(GZ));
    const wb = await load(await buildTemplate(rubric, { station: { name: '越秀区某街社工站', county: '越秀区' } }));
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const header = (ws.getRow(TEMPLATE_HEADER_ROW).values as unknown[]).slice(1);
    // Range items only: no 填报 columns; no 自评 / 抽查 columns.
    expect(header).toEqual(['编号', '指标', '评估内容', '评分标准', '评估方法', '分值', '填报说明', '第三方评估机构得分', '采购方得分', '督导得分', '扣分原因', '备注']);
    expect(ws.getCell(1, 1).value).toBe('社工服务站评估（按评分方分值）\u3000评分表（第三方评估机构／采购方／督导）');
    // The narrower sheet shares its width out among the station block's four fields.
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('D3').value, ws.getCell('E3').value]).toEqual(['站点名称', '越秀区某街社工站', '所属县(市、区)', '越秀区']);
    expect(ws.getCell('A5').text).toContain('第三方评估机构（评 1，满分 700）；采购方（评 2，满分 200）；督导（评 3，满分 100）');
    const [E, B, S] = ['第三方评估机构得分', '采购方得分', '督导得分'].map((h) => colOf(ws, h));
    expect([E, B, S]).toEqual([8, 9, 10]);
    const r11 = rowOf(ws, '1.1');
    // The evaluator's cell: yellow, unlocked, 0–400.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(r11, E).protection?.locked).toBe(false);
    expect(ws.getCell(r11, E).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 400] });
    // The buyer's cell of 1.1: grey, locked, any entry refused.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types these as always set; a cell without them has none
    expect(ws.getCell(r11, B).protection?.locked).not.toBe(false);
    expect((ws.getCell(r11, B).fill as ExcelJS.FillPattern).fgColor).toEqual({ argb: 'FFEDEDED' });
    expect(ws.getCell(r11, B).dataValidation).toMatchObject({ type: 'custom', formulae: [`LEN(I${r11})=0`], error: '本项不由「采购方」评分，由「第三方评估机构」评分，请留空' });
    expect(ws.getCell(r11, 7).value).toBe('直接在“得分”栏填写 0–400 分；评分方：第三方评估机构');
    // Subtotals: only in the column of the party scoring the module; totals per party.
    const sub1 = r11 + 2;
    expect(ws.getCell(sub1, 2).value).toBe('小计：服务成效');
    expect((ws.getCell(sub1, E).value as ExcelJS.CellFormulaValue).formula).toBe(`SUM(H${r11}:H${r11 + 1})`);
    expect(ws.getCell(sub1, B).value).toBeNull();
    let base = 0;
    for (let r = sub1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === '基础分合计') base = r;
    const subs = [sub1, sub1 + 4, sub1 + 8];
    expect([E, B, S].map((c) => (ws.getCell(base, c).value as ExcelJS.CellFormulaValue).formula)).toEqual(subs.map((r, k) => `${['H', 'I', 'J'][k]}${r}`));
    expect((ws.getCell(base + 1, S).value as ExcelJS.CellFormulaValue).formula).toBe(`MIN(1000,J${base})`);
  });

  it('fill by code: each party in its own column, read back and scored: 867 = 593.5 + 182 + 91.5', async () => {
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const rubric = await loadRubric(fileURLToPath(GZ));
    const wb = await load(await buildTemplate(rubric));
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    ws.getCell('B3').value = '越秀区某街社工站';
    const fill: [string, string, number][] = [
      ['1.1', '第三方评估机构得分', 352.5],
      ['1.2', '第三方评估机构得分', 241],
      ['2.1', '采购方得分', 110],
      ['2.2', '采购方得分', 72],
      ['3.1', '督导得分', 55],
      ['3.2', '督导得分', 36.5],
    ];
    for (const [id, header, value] of fill) ws.getCell(rowOf(ws, id), colOf(ws, header)).value = value;
    ws.getCell(rowOf(ws, '2.2'), colOf(ws, '扣分原因')).value = '例会缺席两次';
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), rubric, { display: '越秀.xlsx' });
    expect(read.self.items).toEqual({});
    expect(read.spot).toBeUndefined();
    expect(Object.keys(must(read.parties))).toEqual(['evaluator', 'buyer', 'supervisor']);
    expect(must(read.parties).buyer.items).toEqual({
      '2.1': { value: { kind: 'points', points: 110 }, source: `越秀.xlsx › 评分表!I${rowOf(ws, '2.1')}` },
      '2.2': { value: { kind: 'points', points: 72 }, note: '例会缺席两次', source: `越秀.xlsx › 评分表!I${rowOf(ws, '2.2')}` },
    });
    const result = scoreStation(rubric, { station: read.station, self: read.self, parties: read.parties });
    expect(result.total).toBe(867);
    expect(must(result.parties).map((p) => [p.name, p.counted, p.total, p.max])).toEqual([
      ['第三方评估机构', 2, 593.5, 700],
      ['采购方', 2, 182, 200],
      ['督导', 2, 91.5, 100],
    ]);
    expect(result.complete).toBe(true);
  });

  it('a party with rule items gets a 填报 column; several parties over the same items, the right-most counts', async () => {
    const rubric = rubricFromData(
      Rubric.parse({
        id: 'three-parties',
        title: '社会组织评估',
        version: '1',
        total: 20,
        modules: [
          {
            id: '1',
            name: '基础',
            points: 20,
            children: [
              {
                id: '1.1',
                name: '牌匾',
                points: 10,
                scoring: {
                  kind: 'choice',
                  options: [
                    { label: '门外醒目', points: 10 },
                    { label: '室内', points: 5 },
                    { label: '未悬挂', points: 0 },
                  ],
                },
              },
              { id: '1.2', name: '档案', points: 10, scoring: { kind: 'range' } },
            ],
          },
        ],
        stars: { levels: [{ level: 1, name: '合格', minTotal: 12 }] },
        parties: [
          { id: 'self', name: '自评' },
          { id: 'experts', name: '评估小组' },
          { id: 'committee', name: '评估委员会', items: ['1.2'] },
        ],
      }),
    );
    const wb = await load(await buildTemplate(rubric));
    const ws = must(wb.getWorksheet(TEMPLATE_SHEET));
    const header = (ws.getRow(TEMPLATE_HEADER_ROW).values as unknown[]).slice(8);
    expect(header).toEqual(['自评填报', '自评得分', '评估小组填报', '评估小组得分', '评估委员会得分', '扣分原因', '备注']);
    const r11 = rowOf(ws, '1.1');
    const r12 = rowOf(ws, '1.2');
    expect((ws.getCell(r11, 9).value as ExcelJS.CellFormulaValue).formula).toBe(
      `IF(H${r11}="","",IF(H${r11}="不适用","不适用",IF(H${r11}="门外醒目",10,IF(H${r11}="室内",5,IF(H${r11}="未悬挂",0,"")))))`,
    );
    expect(ws.getCell(r11, 7).value).toBe('选择：门外醒目=10分；室内=5分；未悬挂=0分；评分方：自评、评估小组（以最右边已评分的一方为准）');
    ws.getCell(r11, 8).value = '门外醒目';
    ws.getCell(r11, 10).value = '室内';
    ws.getCell(r12, 9).value = 9;
    ws.getCell(r12, 11).value = 10;
    ws.getCell(r12, 12).value = 7;
    const read = readStationGrid(await readCells(new Uint8Array(await wb.xlsx.writeBuffer())), rubric, { display: '社会组织.xlsx' });
    const result = scoreStation(rubric, { station: { name: '某社会组织' }, self: read.self, parties: read.parties });
    expect(result.items.map((i) => [i.id, i.final, i.party])).toEqual([
      ['1.1', 5, 'experts'],
      ['1.2', 7, 'committee'],
    ]);
    expect(result.total).toBe(12);
  });
});

describe('buildTemplate: the workbook date', () => {
  const dates = async (bytes: Uint8Array) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    return [wb.created.toISOString(), wb.modified.toISOString()];
  };
  it('is the run context’s clock when given, else 2000-01-01 (byte-identical templates)', async () => {
    const rubric = smallRubric();
    expect(await dates(await buildTemplate(rubric, { date: new Date(Date.UTC(2026, 10, 30, 8, 15)) }))).toEqual(['2026-11-30T08:15:00.000Z', '2026-11-30T08:15:00.000Z']);
    expect(await dates(await buildTemplate(rubric))).toEqual(['2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z']);
  });
});
