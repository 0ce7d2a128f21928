/**
 * A workbook as a grid of cell values, independent of the library that read
 * it. Values use the shapes exceljs gives `cell.value`, so one cell parser
 * serves both readers: the fast one (read-cells-fast.ts, for batches of
 * thousands of files) and exceljs (any workbook the fast one declines).
 */

export type CellValue =
  null | number | string | boolean | Date | { richText: { text: string }[] } | { formula: string; result?: number | string | boolean | Date | { error: string } | null } | { error: string };

export interface SheetGrid {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Highest row and column numbers holding a cell (1-based; 0 when empty). */
  rowCount: number;
  columnCount: number;
  /** Value at (row, col), 1-based. Cells covered by a merge (not its top-left) read null. */
  get(row: number, col: number): CellValue;
  /** Merged ranges as A1 references, e.g. "A1:C1". */
  merges: string[];
  /**
   * The number format code of the cell at (row, col) ("0%", "0.00", "General"),
   * undefined when the cell has none or the reader does not know. A value shown
   * as 96% is stored as 0.96: the readers of score sheets need to tell.
   */
  numberFormat(row: number, col: number): string | undefined;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 1-based column number for letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** A grid backed by a sparse map; used by both readers. */
export class MapSheetGrid implements SheetGrid {
  rowCount = 0;
  columnCount = 0;
  merges: string[] = [];
  private readonly cells = new Map<number, CellValue>();
  private readonly formats = new Map<number, string>();

  constructor(
    readonly name: string,
    readonly state: SheetGrid['state'] = 'visible',
  ) {}

  set(row: number, col: number, value: CellValue): void {
    if (value === null) return;
    this.cells.set(row * 16_385 + col, value);
    if (row > this.rowCount) this.rowCount = row;
    if (col > this.columnCount) this.columnCount = col;
  }

  get(row: number, col: number): CellValue {
    return this.cells.get(row * 16_385 + col) ?? null;
  }

  /** Record a cell's number format (only formats other than General are worth keeping). */
  setFormat(row: number, col: number, code: string | undefined): void {
    if (code && code !== 'General') this.formats.set(row * 16_385 + col, code);
  }

  numberFormat(row: number, col: number): string | undefined {
    return this.formats.get(row * 16_385 + col);
  }
}

/** Built-in number formats by id (ECMA-376 18.8.30), the ones a score sheet may meet. */
export const BUILTIN_NUMBER_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  49: '@',
};

/** Does a number format show its value as a percentage (a bare % outside quotes and brackets)? */
export function isPercentFormat(code: string | undefined): boolean {
  if (!code || code.indexOf('%') < 0) return false;
  return code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').includes('%');
}
