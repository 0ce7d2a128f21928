/**
 * Read a workbook's cell grid: the fast reader first, exceljs when the fast
 * one declines the file. Both give the same values (see the equivalence test).
 * The input limits (input-limits.ts) hold on both paths: before exceljs, which
 * inflates every part of the zip, the whole archive is checked against the
 * inflated-size limit.
 */
import type { WorkbookGrid } from './cell-grid.js';
import { inputLimits } from './input-limits.js';
import { FastReadUnsupported, InflatedTooLarge, readCellsFast, type ReadLimits } from './read-cells-fast.js';
import { readCellsExceljs } from './read-cells-exceljs.js';
import { readZipEntries, ZipTooLarge } from './read-zip.js';

export async function readCells(bytes: Uint8Array, limits: ReadLimits = inputLimits()): Promise<WorkbookGrid> {
  try {
    return readCellsFast(bytes, limits);
  } catch (err) {
    if (!(err instanceof FastReadUnsupported)) throw err;
  }
  try {
    readZipEntries(bytes, () => true, limits.maxInflatedBytes);
  } catch (err) {
    if (err instanceof ZipTooLarge) throw new InflatedTooLarge(err.bytes, err.limit);
    // Anything else (ZIP64, encryption …): let exceljs judge the file.
  }
  const grid = await readCellsExceljs(bytes);
  if (limits.maxRows !== undefined) {
    const { TooManyRows } = await import('./input-limits.js');
    for (const sheet of grid.sheets) if (sheet.rowCount > limits.maxRows) throw new TooManyRows(sheet.name, limits.maxRows);
  }
  return grid;
}
