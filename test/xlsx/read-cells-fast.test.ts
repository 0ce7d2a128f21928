import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellAddress, columnLetters, columnNumber, isPercentFormat, type WorkbookGrid } from '../../src/xlsx/cell-grid.js';
import { InflatedTooLarge, readCellsFast } from '../../src/xlsx/read-cells-fast.js';
import { readCellsExceljs } from '../../src/xlsx/read-cells-exceljs.js';
import { readCells } from '../../src/xlsx/read-cells.js';

async function sampleWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自评表');
  ws.getCell('A1').value = '站点名称';
  ws.getCell('B1').value = '城关镇 <社工站> & "示例"';
  ws.mergeCells('B1:D1');
  ws.getCell('A2').value = 10;
  ws.getCell('B2').value = 5.5;
  ws.getCell('C2').value = '１０分';
  ws.getCell('D2').value = { richText: [{ text: '7' }, { text: '.5', font: { bold: true } }] };
  ws.getCell('E2').value = { formula: 'A2+B2', result: 15.5 };
  ws.getCell('F2').value = { formula: 'SUM(A2:B2)' };
  ws.getCell('G2').value = true;
  ws.getCell('H2').value = new Date(Date.UTC(2024, 4, 6));
  ws.getCell('I2').value = { error: '#N/A' };
  ws.getCell('J2').value = '不适用';
  ws.getCell('K2').value = '  line1\nline2  ';
  ws.getCell('A3').value = { formula: 'IF(A2>5,"是","否")', result: '是' };
  ws.getCell('B3').value = -0.25;
  ws.getCell('AA30').value = 'far';
  const hidden = wb.addWorksheet('_meta', { state: 'hidden' });
  hidden.getCell('A1').value = 'fujian-style';
  wb.addWorksheet('空表');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function dump(grid: WorkbookGrid) {
  return grid.sheets.map((s) => {
    const cells: Record<string, unknown> = {};
    for (let r = 1; r <= s.rowCount; r++)
      for (let c = 1; c <= s.columnCount; c++) {
        const v = s.get(r, c);
        if (v !== null) cells[cellAddress(r, c)] = v;
      }
    return { name: s.name, state: s.state, cells, merges: s.merges };
  });
}

describe('column letters', () => {
  it('round-trips', () => {
    for (const [n, l] of [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [702, 'ZZ'],
      [703, 'AAA'],
      [16384, 'XFD'],
    ] as const) {
      expect(columnLetters(n)).toBe(l);
      expect(columnNumber(l)).toBe(n);
    }
  });
});

describe('readCellsFast', () => {
  it('reads every value shape exactly as exceljs does', async () => {
    const bytes = await sampleWorkbook();
    const fast = dump(readCellsFast(bytes));
    const slow = dump(await readCellsExceljs(bytes));
    expect(fast).toEqual(slow);
    const sheet = fast[0];
    expect(sheet.cells).toMatchObject({
      B1: '城关镇 <社工站> & "示例"',
      A2: 10,
      B2: 5.5,
      C2: '１０分',
      D2: { richText: [{ text: '7' }, { text: '.5' }] },
      E2: { formula: 'A2+B2', result: 15.5 },
      G2: true,
      I2: { error: '#N/A' },
      K2: '  line1\nline2  ',
      A3: { formula: 'IF(A2>5,"是","否")', result: '是' },
      B3: -0.25,
      AA30: 'far',
    });
    expect((sheet.cells.F2 as { result?: unknown }).result).toBeUndefined();
    expect((sheet.cells.H2 as Date).toISOString()).toBe('2024-05-06T00:00:00.000Z');
    expect(sheet.cells.C1).toBeUndefined();
    expect(sheet.merges).toEqual(['B1:D1']);
    expect(fast.map((s) => [s.name, s.state])).toEqual([
      ['自评表', 'visible'],
      ['_meta', 'hidden'],
      ['空表', 'visible'],
    ]);
  });

  it('gives each cell its number format, as exceljs does (percent, custom, built-in, General)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    const put = (ref: string, value: number, numFmt?: string) => {
      ws.getCell(ref).value = value;
      if (numFmt) ws.getCell(ref).numFmt = numFmt;
    };
    put('A1', 0.96, '0%');
    put('B1', 0.965, '0.0%');
    put('C1', 96, '0"%"');
    put('D1', 12.5, '0.00');
    put('E1', 7);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const fast = readCellsFast(bytes).sheets[0];
    const slow = (await readCellsExceljs(bytes)).sheets[0];
    const formats = (s: typeof fast) => ['A', 'B', 'C', 'D', 'E', 'F'].map((l) => s.numberFormat(1, columnNumber(l)));
    expect(formats(fast)).toEqual(['0%', '0.0%', '0"%"', '0.00', undefined, undefined]);
    expect(formats(slow)).toEqual(formats(fast));
    expect([isPercentFormat('0%'), isPercentFormat('0.0%'), isPercentFormat('0"%"'), isPercentFormat('0\\%'), isPercentFormat('[Red]0.00'), isPercentFormat(undefined)]).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses a workbook that inflates past the limit', async () => {
    const bytes = await sampleWorkbook();
    expect(() => readCellsFast(bytes, { maxInflatedBytes: 1000 })).toThrow(InflatedTooLarge);
  });

  it('readCells gives the fast result and throws on a non-zip', async () => {
    const bytes = await sampleWorkbook();
    expect(dump(await readCells(bytes))).toEqual(dump(readCellsFast(bytes)));
    await expect(readCells(new TextEncoder().encode('not a zip'))).rejects.toThrow();
  });
});

describe('readCellsFast on hand-written sheet XML', () => {
  // The smallest package the fast reader accepts: workbook, its relationships, one sheet.
  function xlsxOf(sheetData: string): Uint8Array {
    return zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetData}</sheetData></worksheet>`),
    });
  }

  it('a character reference that is no code point reads as U+FFFD instead of throwing when the cell is read', () => {
    const grid = readCellsFast(xlsxOf('<row r="1"><c r="A1" t="inlineStr"><is><t>a&#xFFFFFF;b&#1114112;c&#x4E2D;</t></is></c><c r="B1" t="str"><v>&#99999999999;</v></c></row>'));
    expect(grid.sheets[0].get(1, 1)).toBe('a\uFFFDb\uFFFDc中');
    expect(grid.sheets[0].get(1, 2)).toBe('\uFFFD');
  });

  it('cells without a reference follow the previous one; single-quoted attributes; a repeated column: the last wins', () => {
    const grid = readCellsFast(xlsxOf("<row r='3'><c t='str'><v>x</v></c><c><v>2</v></c><c r='E3'><v>5</v></c><c r='E3'><v>6</v></c></row><row><c r=\"B4\"><v>7</v></c></row>"));
    const s = grid.sheets[0];
    expect([s.get(3, 1), s.get(3, 2), s.get(3, 5), s.get(4, 2)]).toEqual(['x', 2, 6, 7]);
    expect([s.rowCount, s.columnCount]).toEqual([4, 5]);
  });

  it('plain integers (read without making a string) and every other number form give the same values', () => {
    const values = ['0', '007', '42', '123456789012345', '1234567890123456', ' 7 ', '-3', '+4', '2.50', '1e2', '0.1'];
    const cells = values.map((v, i) => `<c r="${columnLetters(i + 1)}1"><v>${v}</v></c>`).join('');
    const s = readCellsFast(xlsxOf(`<row r="1">${cells}</row>`)).sheets[0];
    expect(values.map((_v, i) => s.get(1, i + 1))).toEqual([0, 7, 42, 123456789012345, 1234567890123456, 7, -3, 4, 2.5, 100, 0.1]);
  });

  it('what follows <mergeCells> (data validations) is not needed: cells and merges read the same with or without it, with or without <mergeCells>', () => {
    const sheet = (tail: string, data = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="str"><f>A1*2</f><v>2</v></c></row>') =>
      readCellsFast(
        zipSync({
          'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
          'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
          'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${data}</sheetData>${tail}</worksheet>`),
        }),
      ).sheets[0];
    const validations = `<dataValidations count="3000">${'<dataValidation type="whole" sqref="C1"><formula1>0</formula1></dataValidation>'.repeat(3000)}</dataValidations><!-- a comment -->`;
    for (const s of [
      sheet(`<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:C2"/></mergeCells>${validations}`),
      sheet(`<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:C2"/></mergeCells>`),
    ]) {
      expect([s.get(1, 1), s.get(1, 2)]).toEqual([1, { formula: 'A1*2', result: '2' }]);
      expect(s.merges).toEqual(['A1:B1', 'A2:C2']);
    }
    const noMerges = sheet(validations);
    expect([noMerges.get(1, 1), noMerges.merges]).toEqual([1, []]);
    const inline = sheet(validations, '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>');
    expect(inline.get(1, 1)).toBe('甲');
  });

  it('a shared string index is read as a plain integer, and one past the table is refused', () => {
    const xlsx = (index: string) =>
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/sharedStrings.xml': strToU8('<sst><si><t>甲</t></si><si><t>乙</t></si></sst>'),
        'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>${index}</v></c></row></sheetData></worksheet>`),
      });
    expect(readCellsFast(xlsx('1')).sheets[0].get(1, 1)).toBe('乙');
    expect(readCellsFast(xlsx('01')).sheets[0].get(1, 1)).toBe('乙');
    expect(readCellsFast(xlsx(' 0 ')).sheets[0].get(1, 1)).toBe('甲');
    expect(() => readCellsFast(xlsx('2'))).toThrow(/shared string 2 missing/);
    expect(() => readCellsFast(xlsx('1.5'))).toThrow(/shared string 1.5 missing/);
  });
});
