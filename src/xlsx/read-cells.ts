/**
 * Read a workbook's cell grid: the fast reader first, exceljs when the fast
 * one declines the file. Both give the same values (see the equivalence test).
 */
import type { WorkbookGrid } from './cell-grid.js';
import { DEFAULT_READ_LIMITS, FastReadUnsupported, readCellsFast, type ReadLimits } from './read-cells-fast.js';
import { readCellsExceljs } from './read-cells-exceljs.js';

export async function readCells(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<WorkbookGrid> {
  try {
    return readCellsFast(bytes, limits);
  } catch (err) {
    if (err instanceof FastReadUnsupported) return readCellsExceljs(bytes);
    throw err;
  }
}
