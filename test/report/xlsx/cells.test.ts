import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { colLetter, displayWidth, looksLikeFormula, safeText, setText, setVerifiedFormula, sheetRef, wrappedRowHeight } from '../../../src/report/xlsx/cells.js';

describe('xlsx cell helpers', () => {
  const cell = () => new ExcelJS.Workbook().addWorksheet('s').getCell('A1');

  it('text that looks like a formula stays a string', () => {
    for (const text of ['=1+1', '+1', '-2', '@x', '\t=A1', '\r=A1']) {
      const c = cell();
      setText(c, text);
      expect(c.value).toBe(text);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(looksLikeFormula(text)).toBe(true);
    }
    expect(looksLikeFormula('城关镇')).toBe(false);
  });

  it('drops XML-illegal control characters only', () => {
    expect(safeText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(safeText(null)).toBe('');
  });

  it('writes a formula only when it reproduces the engine number', () => {
    const a = cell();
    expect(setVerifiedFormula(a, 972.2, [{ formula: 'SUM(B1:B9)', value: 972.2 }], '0.0')).toBe(true);
    expect(a.value).toEqual({ formula: 'SUM(B1:B9)', result: 972.2 });
    const b = cell();
    expect(
      setVerifiedFormula(b, 972.2, [
        { formula: 'SUM(B1:B9)', value: 972.1 },
        { formula: 'B1', value: null },
      ]),
    ).toBe(false);
    expect(b.value).toBe(972.2);
    const c = cell();
    // 0.1 + 0.2 in binary floating point is not 0.3; the candidates are compared exactly.
    expect(setVerifiedFormula(c, 0.3, [{ formula: 'B1+B2', value: 0.1 + 0.2 }])).toBe(false);
  });

  it('column letters, sheet refs, widths, wrapped heights', () => {
    expect([colLetter(1), colLetter(26), colLetter(27), colLetter(703)]).toEqual(['A', 'Z', 'AA', 'AAA']);
    expect(sheetRef("评分'明细", 'K12')).toBe("'评分''明细'!K12");
    expect(displayWidth('城关镇 ab')).toBe(9);
    expect(wrappedRowHeight([{ text: '短', width: 10 }])).toBe(15);
    expect(wrappedRowHeight([{ text: '一二三四五六七八九十', width: 11.5 }])).toBe(33); // 2 lines + padding
    expect(wrappedRowHeight([{ text: 'a\nb\nc', width: 40 }])).toBe(48);
  });
});
