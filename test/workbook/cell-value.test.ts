import { describe, expect, it } from 'vitest';
import { cellText, classifyCell, describeFound, parseNumberText, parseYesNo, readQuantityCell, readScoreCell, readTextCell, readYesNoCell, type CellResult } from '../../src/workbook/cell-value.js';
import { cellProblem } from '../../src/workbook/workbook-error.js';
import { messageOf } from '../../src/problems/render.js';
import type { Lang } from '../../src/util/lang.js';

/** A cell result as the reader reports it: the code and the message rendered from the catalogue. */
function said<T>(r: CellResult<T>, lang: Lang = 'zh'): CellResult<T> | { ok: false; code: string; message: string } {
  return r.ok ? r : { ok: false, code: r.issue.code, message: messageOf(cellProblem({}, r.issue), lang) };
}

describe('classifyCell', () => {
  it.each([
    [10, { kind: 'number', value: 10 }],
    [5.5, { kind: 'number', value: 5.5 }],
    [0, { kind: 'number', value: 0 }],
    [0.1 + 0.2, { kind: 'number', value: 0.3 }],
    ['10分', { kind: 'number', value: 10 }],
    ['１０', { kind: 'number', value: 10 }],
    [' 5.5 分', { kind: 'number', value: 5.5 }],
    ['７．５', { kind: 'number', value: 7.5 }],
    ['65㎡', { kind: 'number', value: 65 }],
    ['3人', { kind: 'number', value: 3 }],
    [{ richText: [{ text: '7' }, { text: '.5' }] }, { kind: 'number', value: 7.5 }],
    [
      { formula: 'A1+B1', result: 15.5 },
      { kind: 'number', value: 15.5 },
    ],
    [{ formula: 'IF(A1="","",3)', result: '' }, { kind: 'blank' }],
    [{ formula: 'A1', result: null }, { kind: 'blank' }],
    [{ formula: 'SUM(A1:A3)' }, { kind: 'uncalculated', formula: 'SUM(A1:A3)' }],
    [null, { kind: 'blank' }],
    ['', { kind: 'blank' }],
    ['   ', { kind: 'blank' }],
    ['\u3000', { kind: 'blank' }],
    ['—', { kind: 'blank' }],
    ['-', { kind: 'blank' }],
    ['不适用', { kind: 'na' }],
    ['N/A', { kind: 'na' }],
    ['na', { kind: 'na' }],
    ['/', { kind: 'na' }],
    ['／', { kind: 'na' }],
    [true, { kind: 'bool', value: true }],
    ['十分', { kind: 'text', text: '十分' }],
    ['NaN', { kind: 'text', text: 'NaN' }],
    ['Infinity', { kind: 'text', text: 'Infinity' }],
    ['1e309', { kind: 'text', text: '1e309' }],
    ['1e3', { kind: 'text', text: '1e3' }],
    [{ error: '#VALUE!' }, { kind: 'error', error: '#VALUE!' }],
    [
      { formula: 'A1/0', result: { error: '#DIV/0!' } },
      { kind: 'error', error: '#DIV/0!' },
    ],
  ] as const)('%j → %j', (value, expected) => {
    expect(classifyCell(value as never)).toEqual(expected);
  });

  it('dates are dates', () => {
    const d = new Date(Date.UTC(2024, 4, 6));
    expect(classifyCell(d)).toEqual({ kind: 'date', date: d });
    expect(describeFound(d)).toBe('日期 2024-05-06');
  });
});

describe('parsers', () => {
  it('parseNumberText', () => {
    expect(parseNumberText('+3')).toBe(3);
    expect(parseNumberText('-0.5')).toBe(-0.5);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('1 0')).toBe(10);
    expect(parseNumberText('abc')).toBeUndefined();
    expect(parseNumberText('10分分')).toBeUndefined();
  });
  it('parseYesNo', () => {
    for (const yes of ['是', '√', '✓', '✔', 'Y', 'yes', '符合', '有']) expect(parseYesNo(yes)).toBe(true);
    for (const no of ['否', '×', '✗', 'x', 'N', '不符合', '无']) expect(parseYesNo(no)).toBe(false);
    expect(parseYesNo('也许')).toBeUndefined();
  });
  it('cellText and readTextCell keep notes as written', () => {
    expect(cellText({ richText: [{ text: '见' }, { text: '档案，第 3 盒' }] })).toBe('见档案，第 3 盒');
    expect(readTextCell('  见档案，第３盒 ')).toBe('见档案，第３盒');
    expect(readTextCell({ formula: 'A1' })).toBe('');
    expect(readTextCell(12)).toBe('12');
  });
});

describe('readScoreCell', () => {
  const opts = { max: 10, allowNa: false };
  it('accepts points, blank and (when allowed) N/A', () => {
    expect(readScoreCell('10分', opts)).toEqual({ ok: true, value: { kind: 'points', points: 10 } });
    expect(readScoreCell(0, opts)).toEqual({ ok: true, value: { kind: 'points', points: 0 } });
    expect(readScoreCell(null, opts)).toEqual({ ok: true, value: { kind: 'blank' } });
    expect(readScoreCell('不适用', { ...opts, allowNa: true })).toEqual({ ok: true, value: { kind: 'na' } });
  });
  it('names the value found and what is expected', () => {
    expect(said(readScoreCell('十分', opts))).toEqual({ ok: false, code: 'CELL_NOT_A_NUMBER', message: '"十分" 不是有效分数（应为 0–10 的数字）' });
    expect(said(readScoreCell(12, opts))).toEqual({ ok: false, code: 'CELL_ABOVE_MAX', message: '12 超出范围（应为 0–10 的数字）' });
    expect(said(readScoreCell(-1, opts))).toEqual({ ok: false, code: 'CELL_BELOW_MIN', message: '-1 超出范围（应为 0–10 的数字）' });
    expect(said(readScoreCell('不适用', opts))).toMatchObject({ ok: false, code: 'CELL_NA_FORBIDDEN' });
    expect(said(readScoreCell(new Date(Date.UTC(2024, 0, 2)), opts))).toEqual({ ok: false, code: 'CELL_DATE', message: '日期 2024-01-02 是日期，不是分数（应为 0–10 的数字）' });
    expect(said(readScoreCell({ formula: 'SUM(B2:B4)' }, opts))).toEqual({
      ok: false,
      code: 'CELL_UNCALCULATED',
      message: '公式 =SUM(B2:B4): 公式没有计算结果，请用 Excel 或 WPS 打开并保存后重试',
    });
    expect(said(readScoreCell('NaN', opts))).toMatchObject({ ok: false, code: 'CELL_NOT_A_NUMBER' });
    expect(said(readScoreCell('1e309', opts))).toMatchObject({ ok: false, code: 'CELL_NOT_A_NUMBER' });
    expect(said(readScoreCell(true, opts))).toMatchObject({ ok: false, code: 'CELL_NOT_A_NUMBER' });
    expect(said(readScoreCell({ error: '#N/A' }, opts))).toEqual({ ok: false, code: 'CELL_NOT_A_NUMBER', message: '错误值 #N/A 不是有效分数（应为 0–10 的数字）' });
  });
  it('english', () => {
    expect(said(readScoreCell('十分', opts), 'en')).toMatchObject({ message: '"十分" is not a valid score (a number from 0–10)' });
  });
});

describe('readQuantityCell and readYesNoCell', () => {
  it('quantities', () => {
    expect(readQuantityCell('65 ㎡', { integer: false, allowNa: false })).toEqual({ ok: true, value: { kind: 'number', value: 65 } });
    expect(readQuantityCell('3人', { integer: true, allowNa: false })).toEqual({ ok: true, value: { kind: 'number', value: 3 } });
    expect(said(readQuantityCell(2.5, { integer: true, allowNa: false, unit: '人' }))).toEqual({ ok: false, code: 'CELL_BAD_QUANTITY', message: '2.5 无效（应为不小于 0 的整数（人））' });
    expect(said(readQuantityCell('很多', { integer: true, allowNa: false }))).toMatchObject({ ok: false, code: 'CELL_NOT_A_NUMBER' });
  });
  it('yes/no', () => {
    expect(readYesNoCell('√', { allowNa: false })).toEqual({ ok: true, value: { kind: 'met', met: true } });
    expect(readYesNoCell('×', { allowNa: false })).toEqual({ ok: true, value: { kind: 'met', met: false } });
    expect(readYesNoCell(true, { allowNa: false })).toEqual({ ok: true, value: { kind: 'met', met: true } });
    expect(readYesNoCell({ formula: 'IF(A1>5,"是","否")', result: '是' }, { allowNa: false })).toEqual({ ok: true, value: { kind: 'met', met: true } });
    expect(said(readYesNoCell('也许', { allowNa: false }))).toEqual({ ok: false, code: 'CELL_NOT_YES_NO', message: '"也许" 无法识别（应为“是”或“否”）' });
    expect(said(readYesNoCell(1, { allowNa: false }))).toMatchObject({ ok: false, code: 'CELL_NOT_YES_NO' });
  });
});
