/**
 * The cell grid of a workbook in a legacy or other format — .xls (Excel
 * 97–2003), .et (WPS, the same compound-file format), .ods (LibreOffice),
 * CSV — read with SheetJS (`@e965/xlsx` 0.20.3, the current SheetJS
 * build published on npm; the `xlsx` 0.18 package on npm is stale). Loaded
 * only when such a file is met: the .xlsx path never pays for it.
 *
 * The grid has the same shape as the .xlsx readers' (values as exceljs gives
 * them, 1-based rows and columns, merges as A1 ranges, number formats), so
 * every reader of score sheets, rosters and mappings works on it unchanged.
 * Relies on SheetJS's documented cell object (t/v/f/w/z), dense mode
 * (`sheet['!data']`), `!merges`, `Workbook.Sheets[i].Hidden` and
 * `Workbook.WBProps.date1904`; guarded by test/xlsx/read-cells-sheetjs.test.ts
 * on files written by LibreOffice (test/fixtures/real-files/).
 *
 * CSV is decoded here, not by SheetJS: UTF-8 (with or without a BOM), else
 * GB18030 (what Excel and WPS write on a Chinese Windows); every CSV cell is
 * kept as the text it is (`raw`), so an id written "1.10" stays "1.10" and the
 * score-sheet readers parse numbers as they do for text cells.
 */
import { MapSheetGrid, type CellValue, type WorkbookGrid } from './cell-grid.js';
import { TooManyRows } from './input-limits.js';

export type SheetjsFormat = 'compound' | 'zip' | 'csv' | 'markup';

/** SheetJS refused the file: its message, for the located error the caller makes. */
export class SheetjsUnreadable extends Error {
  override readonly name = 'SheetjsUnreadable';
  constructor(
    message: string,
    readonly encrypted: boolean,
  ) {
    super(message);
  }
}

interface SheetjsCell {
  t: 'n' | 's' | 'b' | 'e' | 'd' | 'z';
  v?: unknown;
  w?: string;
  f?: string;
  z?: string | number;
}

interface SheetjsModule {
  read(
    data: unknown,
    opts: Record<string, unknown>,
  ): {
    SheetNames: string[];
    Sheets: Record<string, Record<string, unknown>>;
    Workbook?: { Sheets?: { Hidden?: number }[]; WBProps?: { date1904?: boolean } };
  };
  set_cptable(table: unknown): void;
  SSF: { is_date(fmt: string | number): boolean; get_table(): Record<number, string> };
  utils: { encode_range(r: { s: { r: number; c: number }; e: { r: number; c: number } }): string };
}

let loaded: Promise<SheetjsModule> | undefined;

/** SheetJS with its code-page tables (BIFF5 and older .xls files are not Unicode). */
function sheetjs(): Promise<SheetjsModule> {
  loaded ??= (async () => {
    const mod = (await import('@e965/xlsx')) as unknown as SheetjsModule;
    const cptable = await import('@e965/xlsx/dist/cpexcel.full.mjs');
    mod.set_cptable(cptable);
    return mod;
  })();
  return loaded;
}

/** CSV bytes as text: UTF-8 when they are valid UTF-8 (a BOM is dropped), else GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Excel serial date to a UTC Date, as the .xlsx readers give dates. */
function excelDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000));
}

export async function readCellsSheetjs(bytes: Uint8Array, format: SheetjsFormat, limits: { maxRows?: number } = {}): Promise<WorkbookGrid> {
  const X = await sheetjs();
  const formats = X.SSF.get_table();
  const opts: Record<string, unknown> = { dense: true, cellNF: true, cellFormula: true, cellHTML: false, cellText: true, cellDates: false, WTF: false };
  // One row more than allowed: enough to know a sheet is too long without reading all of it.
  if (limits.maxRows !== undefined) opts.sheetRows = limits.maxRows + 1;
  let data: unknown;
  if (format === 'csv') {
    data = decodeCsv(bytes);
    Object.assign(opts, { type: 'string', raw: true });
  } else {
    data = bytes;
    opts.type = 'array';
  }
  let wb: ReturnType<SheetjsModule['read']>;
  // SheetJS reports what it skips (e.g. an ODS conditional number format) on the console;
  // a user sees only this tool's messages. The read is synchronous: nothing else runs meanwhile.
  const { error, warn } = console;
  console.error = console.warn = () => {};
  try {
    wb = X.read(data, opts);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new SheetjsUnreadable(message, /password/i.test(message)); // "Unsupported ZIP encryption" is what a damaged compound file gets
  } finally {
    console.error = error;
    console.warn = warn;
  }
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const sheets: MapSheetGrid[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name] as (typeof wb.Sheets)[string] | undefined;
    if (!ws) return;
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden;
    const grid = new MapSheetGrid(name, hidden === 1 ? 'hidden' : hidden === 2 ? 'veryHidden' : 'visible');
    const rows = (ws['!data'] as ((SheetjsCell | undefined)[] | undefined)[] | undefined) ?? [];
    if (limits.maxRows !== undefined) {
      let used = 0;
      for (const row of rows) if (row && row.some((c) => c && c.t !== 'z')) used++;
      if (used > limits.maxRows) throw new TooManyRows(name, limits.maxRows);
    }
    rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell) return;
        const code = typeof cell.z === 'number' ? formats[cell.z] : cell.z;
        grid.set(r + 1, c + 1, cellValue(cell, code, date1904));
        grid.setFormat(r + 1, c + 1, code);
      });
    });
    for (const m of (ws['!merges'] as { s: { r: number; c: number }; e: { r: number; c: number } }[] | undefined) ?? []) grid.merges.push(X.utils.encode_range(m));
    sheets.push(grid);
  });
  return { sheets };

  function cellValue(cell: SheetjsCell, code: string | undefined, date1904: boolean): CellValue {
    const value = plain(cell, code, date1904);
    if (cell.f === undefined) return value;
    // A formula: its text (without "=") and the cached result (none when never calculated).
    const result = cell.t === 'z' || cell.v === undefined ? undefined : value;
    return { formula: cell.f, result: result as Exclude<CellValue, { formula: string } | { richText: unknown }> };
  }

  function plain(cell: SheetjsCell, code: string | undefined, date1904: boolean): CellValue {
    switch (cell.t) {
      case 'n': {
        const n = cell.v as number;
        if (typeof n !== 'number') return null;
        return code !== undefined && X.SSF.is_date(code) ? excelDate(n, date1904) : n;
      }
      case 's':
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value a cell or a file holds is shown as its string form, objects included
        return typeof cell.v === 'string' ? cell.v : cell.v === undefined ? null : String(cell.v);
      case 'b':
        return cell.v === true;
      case 'e':
        return { error: cell.w ?? '#VALUE!' };
      case 'd':
        return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v : (cell.w ?? null);
      default:
        return null;
    }
  }
}
