/**
 * Read a workbook's cell grid, whatever its format:
 * - a zip: .xlsx/.xlsm through the fast reader; what it cannot decide through
 *   the strict XML reader (read-cells-sax.ts); exceljs when both decline; .ods (a zip with content.xml, no xl/workbook.xml)
 *   through SheetJS;
 * - a compound file (.xls, .et): SheetJS;
 * - text: CSV, or the HTML/XML tables some systems save as ".xls": SheetJS.
 * The .xlsx path is unchanged and never loads SheetJS. The input limits
 * (input-limits.ts) hold on every path: before exceljs or SheetJS inflate a
 * zip, the whole archive is checked against the inflated-size limit.
 */
import type { WorkbookGrid } from './cell-grid.js';
import { DEFAULT_INPUT_LIMITS } from './input-limits.js';
import { FastReadUnsupported, InflatedTooLarge, readCellsFast, type ReadLimits } from './read-cells-fast.js';
import { readCellsExceljs } from './read-cells-exceljs.js';
import { readZipEntries, ZipDuplicateEntry, ZipTooLarge } from './read-zip.js';

/** What the bytes are, as far as choosing a reader goes. */
export type WorkbookContainer = 'zip' | 'compound' | 'csv' | 'markup';

export async function readCells(bytes: Uint8Array, limits: ReadLimits = DEFAULT_INPUT_LIMITS, container: WorkbookContainer = 'zip'): Promise<WorkbookGrid> {
  if (container !== 'zip') {
    const { readCellsSheetjs } = await import('./read-cells-sheetjs.js');
    return readCellsSheetjs(bytes, container, limits);
  }
  try {
    return readCellsFast(bytes, limits);
  } catch (err) {
    if (!(err instanceof FastReadUnsupported)) throw err;
  }
  const names: string[] = [];
  try {
    readZipEntries(
      bytes,
      (name) => {
        names.push(name);
        return true;
      },
      limits.maxInflatedBytes,
    );
  } catch (err) {
    if (err instanceof ZipTooLarge) throw new InflatedTooLarge(err.bytes, err.limit);
    if (err instanceof ZipDuplicateEntry) throw err;
    // Anything else (ZIP64, encryption …): let exceljs judge the file.
  }
  if (!names.includes('xl/workbook.xml') && names.includes('content.xml')) {
    const { readCellsSheetjs } = await import('./read-cells-sheetjs.js');
    return readCellsSheetjs(bytes, 'zip', limits);
  }
  // What the fast scan cannot decide (comments, CDATA, namespace prefixes, parts elsewhere):
  // the strict XML reader; exceljs only for what that one does not know either.
  const { readCellsSax, SaxReadUnsupported } = await import('./read-cells-sax.js');
  try {
    return readCellsSax(bytes, limits);
  } catch (err) {
    if (!(err instanceof SaxReadUnsupported)) throw err;
  }
  const grid = await readCellsExceljs(bytes);
  if (limits.maxRows !== undefined) {
    const { TooManyRows } = await import('./input-limits.js');
    for (const sheet of grid.sheets) if (sheet.rowCount > limits.maxRows) throw new TooManyRows(sheet.name, limits.maxRows);
  }
  return grid;
}
