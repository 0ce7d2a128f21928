/**
 * Small exceljs helpers shared by the station workbook and the batch summary:
 * safe text cells (no formula injection, no XML-illegal characters), number
 * formats at the rubric's precision, header rows, print setup, and formulas
 * that are only written when they reproduce the engine's number.
 *
 * Type-only exceljs imports: callers load exceljs lazily.
 */
import Big from 'big.js';
import type { Cell, Row, Worksheet } from 'exceljs';

/** Characters XML 1.0 forbids (exceljs would write them and break the file). */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text from inputs (station names, notes, reasons), made safe for a cell. The
 * value stays a string: exceljs writes a formula only for `{ formula }`
 * objects, so "=HYPERLINK(…)", "+1", "-2", "@x" land in the file as plain
 * text (a shared string), never as `<f>`. Only XML-illegal control characters
 * are dropped.
 */
export function safeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value a cell or a file holds is shown as its string form, objects included
  return String(value).replace(XML_ILLEGAL, '');
}

/** Does this text look like a formula to a spreadsheet (CSV-style injection)? */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Write text; never a formula, whatever the text starts with. */
export function setText(cell: Cell, value: unknown): void {
  const text = safeText(value);
  cell.value = text === '' ? null : text;
  // quotePrefix: Excel also shows such text with a leading apostrophe when edited.
  if (looksLikeFormula(text)) cell.style = { ...cell.style, quotePrefix: true } as typeof cell.style;
}

/** Write a number (null → empty) with the given number format. */
export function setNumber(cell: Cell, value: number | null | undefined, numFmt?: string): void {
  cell.value = value === null || value === undefined || !Number.isFinite(value) ? null : value;
  if (numFmt) cell.numFmt = numFmt;
}

/** A formula with its computed value in JS, offered as a candidate for an engine number. */
export interface FormulaCandidate {
  formula: string;
  /** What the formula evaluates to (null when it cannot be evaluated here). */
  value: Big | number | null;
}

/**
 * Write the first candidate formula whose value equals the engine's number,
 * with that number as the cached result (so tools that never recalculate read
 * the engine's number, and Excel recalculates to the same). When no candidate
 * reproduces it (an engine rule this workbook cannot express), the plain
 * number is written instead: a live formula must never disagree with the
 * result. Returns true when a formula was written.
 */
export function setVerifiedFormula(cell: Cell, engineValue: number | null | undefined, candidates: FormulaCandidate[], numFmt?: string): boolean {
  if (numFmt) cell.numFmt = numFmt;
  if (engineValue === null || engineValue === undefined || !Number.isFinite(engineValue)) {
    cell.value = null;
    return false;
  }
  for (const c of candidates) {
    if (c.value === null) continue;
    if (new Big(c.value).eq(engineValue)) {
      cell.value = { formula: c.formula, result: engineValue };
      return true;
    }
  }
  cell.value = engineValue;
  return false;
}

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
export const SUBTOTAL_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
export const TOTAL_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

/** Bold, filled, bordered, wrapped header cells. */
export function styleHeaderRow(row: Row, columns: number): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  }
}

/** Borders (and optionally a fill and bold) over columns 1..n of a row. */
export function styleBodyRow(row: Row, columns: number, opts: { fill?: typeof SUBTOTAL_FILL | typeof TOTAL_FILL; bold?: boolean } = {}): void {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.border = BORDER;
    if (opts.fill) cell.fill = opts.fill;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types a cell's font as always set; a cell with no style has none
    if (opts.bold) cell.font = { ...(cell.font ?? {}), bold: true };
  }
}

/**
 * Printing: A4, orientation, fit to one page wide (any number of pages
 * tall), header rows repeated on every page, centred horizontally.
 */
export function applyPrintSetup(ws: Worksheet, opts: { landscape?: boolean; titleRows?: string; fitToHeight?: number } = {}): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- exceljs's PaperSize is a const enum of its typings only (no value at run time); 9 is A4
    paperSize: 9, // A4
    orientation: opts.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: opts.fitToHeight ?? 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(opts.titleRows ? { printTitlesRow: opts.titleRows } : {}),
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: '&C第 &P 页 / 共 &N 页' };
}

/** "A1:O64" for columns 1..n and rows r1..r2. */
export function rangeRef(r1: number, c1: number, r2: number, c2: number): string {
  return `${colLetter(c1)}${r1}:${colLetter(c2)}${r2}`;
}

export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Sheet name quoted for a formula: '评分明细'!K12. */
export function sheetRef(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

export { displayWidth, wrappedRowHeight } from '../../xlsx/layout.js';
