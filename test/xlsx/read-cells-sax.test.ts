/**
 * Strict reading (issue 15 class 4): the fast scan accepts exactly what Excel
 * accepts, or hands the file to the strict XML reader (read-cells-sax.ts);
 * neither guesses. Each case is checked through readCells, the entry point.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCells } from '../../src/xlsx/read-cells.js';
import { InvalidWorkbook, isoDateValue, readCellsFast, strictNumber, FastReadUnsupported } from '../../src/xlsx/read-cells-fast.js';
import { readCellsSax } from '../../src/xlsx/read-cells-sax.js';
import { ZipDuplicateEntry } from '../../src/xlsx/read-zip.js';
import { rawXlsx, sheetXml } from '../hostile/raw-xlsx.js';

const LIMITS = { maxInflatedBytes: 10 * 1024 * 1024 };
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheet(data: string): Uint8Array {
  return rawXlsx([{ name: '自评表', sheetData: data }]);
}

async function cell(bytes: Uint8Array, ref = [1, 1] as [number, number]) {
  const grid = await readCells(bytes, LIMITS);
  return grid.sheets[0].get(...ref);
}

describe('numbers: exactly what Excel accepts', () => {
  it('strictNumber', () => {
    expect([' 8 ', '8', '-0.5', '.5', '5.', '1e3', '+2', '1E-2'].map(strictNumber)).toEqual([8, 8, -0.5, 0.5, 5, 1000, 2, 0.01]);
    for (const bad of ['1,5', '1_0', '8abc', '0x8', '8 0', '8.0.0', '', ' ', 'NaN', 'Infinity', 'INF', '1e309', '٣', '８']) expect(strictNumber(bad)).toBeNaN();
  });

  it.each(['1,5', '1_0', '8abc', '0x8', '8 0', '8.0.0'])('<v>%s</v> is refused with the cell, never read as a number', async (v) => {
    const err = await readCells(sheet(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>${v}</v></c></row>`), LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidWorkbook);
    expect((err as InvalidWorkbook).code).toBe('XLSX_NUMBER_INVALID');
    expect((err as InvalidWorkbook).params).toEqual({ where: '自评表!B1', value: v });
    expect((err as InvalidWorkbook).message).toBe(`文件内容无效：自评表!B1: "${v}" 不是有效的数值（Excel 也无法读取）；请在 Excel 或 WPS 中重新输入并保存`);
  });

  it('the same through the strict reader (a comment sends the file there)', async () => {
    const err = await readCells(sheet(`<!-- x --><row r="1"><c r="A1"><v>8abc</v></c></row>`), LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidWorkbook);
    expect((err as InvalidWorkbook).params).toEqual({ where: '自评表!A1', value: '8abc' });
    expect((err as InvalidWorkbook).message).toContain('自评表!A1: "8abc" 不是有效的数值');
  });
});

describe('XML rules the scan cannot decide go to the strict reader', () => {
  it('a <c> inside an XML comment does not beat the real cell', async () => {
    const bytes = sheet(`<row r="1"><!--<c r="A1"><v>99</v></c>--><c r="A1"><v>8</v></c></row>`);
    expect(() => readCellsFast(bytes, LIMITS)).toThrow(FastReadUnsupported);
    expect(await cell(bytes)).toBe(8);
  });

  it('<v xml:space="preserve">8</v> reads 8, not blank', async () => {
    expect(await cell(sheet(`<row r="1"><c r="A1"><v xml:space="preserve">8</v></c></row>`))).toBe(8);
  });

  it('CDATA text is unwrapped (inline string, formula string result, shared string)', async () => {
    expect(await cell(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[城关镇<社工站>]]></t></is></c></row>`))).toBe('城关镇<社工站>');
    expect(await cell(sheet(`<row r="1"><c r="A1" t="str"><f>"a"</f><v><![CDATA[a&b]]></v></c></row>`))).toEqual({ formula: '"a"', result: 'a&b' });
    const files = unzipSync(sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`));
    files['xl/sharedStrings.xml'] = strToU8(`<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t><![CDATA[自评<得分>]]></t></si></sst>`);
    files['xl/_rels/workbook.xml.rels'] = strToU8(
      new TextDecoder()
        .decode(files['xl/_rels/workbook.xml.rels'])
        .replace('</Relationships>', '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    );
    expect(await cell(zipSync(files))).toBe('自评<得分>');
  });

  it('SpreadsheetML with an x: namespace prefix is read, not "no score sheet"', async () => {
    const files = unzipSync(sheet(''));
    files['xl/workbook.xml'] = strToU8(
      `<x:workbook xmlns:x="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="自评表" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    );
    files['xl/worksheets/sheet1.xml'] = strToU8(
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="2"><x:c r="B2"><x:v>3.5</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>是</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    const grid = await readCells(zipSync(files), LIMITS);
    expect(grid.sheets.map((s) => s.name)).toEqual(['自评表']);
    expect([grid.sheets[0].get(2, 2), grid.sheets[0].get(2, 3)]).toEqual([3.5, '是']);
  });

  it('sheet parts at non-standard paths and targets like ../xl/worksheets/sheet1.xml are found through the relationships', async () => {
    const base = unzipSync(sheet(`<row r="1"><c r="A1"><v>7</v></c></row>`));
    const rels = new TextDecoder().decode(base['xl/_rels/workbook.xml.rels']);
    const dotted = { ...base, 'xl/_rels/workbook.xml.rels': strToU8(rels.replace('Target="worksheets/sheet1.xml"', 'Target="../xl/worksheets/sheet1.xml"')) };
    expect(await cell(zipSync(dotted))).toBe(7);
    const moved: Record<string, Uint8Array> = {
      ...base,
      'xl/data/评分.xml': base['xl/worksheets/sheet1.xml'],
      'xl/_rels/workbook.xml.rels': strToU8(rels.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/data/%E8%AF%84%E5%88%86.xml"')),
    };
    delete moved['xl/worksheets/sheet1.xml'];
    expect(await cell(zipSync(moved))).toBe(7);
  });

  it('a custom entity (billion laughs) is refused as not well-formed by the strict reader, never expanded', () => {
    const bytes = rawXlsx([
      {
        name: 's',
        xml: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet xmlns="${MAIN}"><sheetData><!-- --><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    expect(() => readCellsSax(bytes, LIMITS)).toThrow(InvalidWorkbook);
  });

  it('two zip entries with the same name are refused, whichever reader', async () => {
    const bytes = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    // fflate will not write a duplicate: rename a later entry in place to the name of an earlier one.
    const a = Buffer.from('xl/worksheets/sheet1.xml');
    const b = Buffer.from('xl/worksheets/sheet2.xml');
    const extra = zipSync({ ...unzipSync(bytes), 'xl/worksheets/sheet2.xml': strToU8(sheetXml({ name: 'x', sheetData: '<row r="1"><c r="A1"><v>99</v></c></row>' })) });
    const dup = Buffer.from(extra);
    for (let i = dup.indexOf(b); i >= 0; i = dup.indexOf(b, i + 1)) a.copy(dup, i);
    await expect(readCells(new Uint8Array(dup), LIMITS)).rejects.toBeInstanceOf(ZipDuplicateEntry);
  });
});

describe('dates without a zone are calendar dates, whatever TZ', () => {
  it('isoDateValue', () => {
    expect((isoDateValue('2024-11-30T00:00:00') as Date).toISOString()).toBe('2024-11-30T00:00:00.000Z');
    expect((isoDateValue('2024-11-30') as Date).toISOString()).toBe('2024-11-30T00:00:00.000Z');
    expect((isoDateValue('2024-11-30T23:30:00.5') as Date).toISOString()).toBe('2024-11-30T23:30:00.500Z');
    expect((isoDateValue('2024-11-30T00:00:00+08:00') as Date).toISOString()).toBe('2024-11-29T16:00:00.000Z');
    expect(isoDateValue('2024-02-30')).toBe('2024-02-30');
    expect(isoDateValue('not a date')).toBe('not a date');
  });

  it('t="d" reads the same in both readers', async () => {
    const data = `<row r="1"><c r="A1" t="d"><v>2024-11-30T00:00:00</v></c></row>`;
    expect(((await cell(sheet(data))) as Date).toISOString()).toBe('2024-11-30T00:00:00.000Z');
    expect(((await cell(sheet(`<!-- -->${data}`))) as Date).toISOString()).toBe('2024-11-30T00:00:00.000Z');
  });
});

describe('CDATA in a numeric value', () => {
  it('<v><![CDATA[8]]></v> is the number 8 (XML allows it), not an invalid number', async () => {
    expect(await cell(sheet(`<row r="1"><c r="A1"><v><![CDATA[8]]></v></c></row>`))).toBe(8);
  });
});
