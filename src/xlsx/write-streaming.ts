/**
 * Write a large workbook with exceljs' streaming writer (rows go to disk as
 * they are committed: a 38,000-row sheet in ~100 MB instead of ~800 MB) to a
 * temporary sibling, renamed into place only when complete.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { stream } from 'exceljs';
import { discardStream, outputError, tempSibling } from '../util/atomic-write.js';
import { normalizeZipFile } from './normalize-zip.js';

export type StreamingWorkbook = stream.xlsx.WorkbookWriter;

export async function writeStreamingWorkbook(target: string, build: (workbook: StreamingWorkbook) => Promise<void> | void): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const tmp = tempSibling(target);
  // The stream is ours, so a failure can wait for it to close before its file is removed (discardStream).
  await mkdir(path.dirname(tmp), { recursive: true }).catch((err: unknown) => {
    throw outputError(err, target);
  });
  const stream = createWriteStream(tmp, { flags: 'wx' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (err) {
    await discardStream(stream, tmp);
    throw outputError(err, target);
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'station-eval';
  // Fixed document dates: identical input gives identical properties.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  try {
    await build(workbook);
    await workbook.commit();
    // archiver stamps zip entries with the current time: fixed dates give byte-identical files.
    await normalizeZipFile(tmp);
    await rename(tmp, target);
  } catch (err) {
    await discardStream(stream, tmp);
    throw outputError(err, target);
  }
}

export interface TableColumn {
  header: string;
  width: number;
  numFmt?: string;
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

/**
 * A sheet holding one table: styled header row (committed), frozen below it,
 * autofilter over it, printed A4 landscape fitted to width with the header
 * repeated on every page.
 */
export function addTableSheet(workbook: StreamingWorkbook, name: string, columns: TableColumn[]) {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  columnStyles.set(
    ws,
    columns.map((c) => Object.freeze(c.numFmt ? { numFmt: c.numFmt } : {})),
  );
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup.printTitlesRow = '1:1';
  const header = ws.getRow(1);
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = { bold: true };
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.commit();
  return ws;
}

type StreamingSheet = ReturnType<StreamingWorkbook['addWorksheet']>;

/** Per table sheet: one frozen style object per column (see addDataRow). */
const columnStyles = new WeakMap<StreamingSheet, readonly object[]>();

/**
 * Add and commit a data row of a table sheet. Each cell gets its column's
 * style object itself rather than a copy: exceljs recognises a style object
 * it has seen by identity and otherwise serialises every cell's style to find
 * its id, which was most of the time of writing a national summary (38,000
 * rows). The shared objects are frozen, so a later style change to one cell
 * could not leak to the others (it throws instead); rows that are styled
 * afterwards (headers, totals) use ws.addRow. The output is byte for byte
 * what per-cell copies give.
 */
export function addDataRow(ws: StreamingSheet, values: unknown[]): void {
  const row = ws.addRow(values);
  const styles = columnStyles.get(ws);
  // Not for dates: exceljs gives an unformatted date cell a date format by its type, and an id cached by object would not.
  if (styles) row.eachCell((cell, col) => void (styles[col - 1] && !(cell.value instanceof Date) && (cell.style = styles[col - 1] as typeof cell.style)));
  row.commit();
}
