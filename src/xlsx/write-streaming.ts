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
import { cjkFont, lineHeightFor, wrappedRowHeight } from './layout.js';

export type StreamingWorkbook = stream.xlsx.WorkbookWriter;

export async function writeStreamingWorkbook(target: string, build: (workbook: StreamingWorkbook) => Promise<void> | void, opts: { date?: Date } = {}): Promise<void> {
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
  // The run's date (its context's clock), else a fixed one: identical input gives identical properties.
  workbook.created = opts.date ?? new Date(0);
  workbook.modified = opts.date ?? new Date(0);
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
  /** Long text: wrapped, top-aligned; the row gets the height its lines need. */
  wrap?: boolean;
}

export interface TableSheetOptions {
  /** Columns frozen at the left (the key columns stay in view when scrolling right). */
  freezeColumns?: number;
}

/** Body font size of table sheets, and the header's. */
const BODY_SIZE = 10;
const BODY_FONT = Object.freeze(cjkFont(BODY_SIZE));
const LINE = lineHeightFor(BODY_SIZE);

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

/**
 * A sheet holding one table: styled header row (committed) with the height its
 * wrapped labels need, frozen below it (and right of `freezeColumns`),
 * autofilter over it, every cell in the named CJK font, long-text columns
 * wrapped, printed A4 landscape fitted to width with the header repeated on
 * every page and page numbers in the footer.
 */
export function addTableSheet(workbook: StreamingWorkbook, name: string, columns: TableColumn[], opts: TableSheetOptions = {}) {
  const freeze = opts.freezeColumns ?? 0;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: freeze }],
    pageSetup: {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- exceljs's PaperSize is a const enum of its typings only (no value at run time); 9 is A4
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${name}&R第 &P 页 / 共 &N 页` },
  });
  const styleOf = (c: TableColumn) =>
    Object.freeze({
      font: BODY_FONT,
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      ...(c.wrap ? { alignment: Object.freeze({ wrapText: true, vertical: 'top' as const }) } : { alignment: Object.freeze({ vertical: 'top' as const }) }),
    });
  const styles = columns.map(styleOf);
  ws.columns = columns.map((c, i) => ({ header: c.header, width: c.width, style: styles[i] }));
  columnStyles.set(ws, styles);
  wrapColumns.set(
    ws,
    columns.map((c) => (c.wrap ? c.width : 0)),
  );
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup.printTitlesRow = '1:1';
  const header = ws.getRow(1);
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = cjkFont(BODY_SIZE, { bold: true });
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.height = Math.max(
    20,
    wrappedRowHeight(
      columns.map((c) => ({ text: c.header, width: c.width })),
      LINE,
    ) + 4,
  );
  header.commit();
  return ws;
}

type StreamingSheet = ReturnType<StreamingWorkbook['addWorksheet']>;

/** Per table sheet: one frozen style object per column (see addDataRow). */
const columnStyles = new WeakMap<StreamingSheet, readonly object[]>();
/** Per table sheet: the width of each wrapped column (0: not wrapped). */
const wrapColumns = new WeakMap<StreamingSheet, readonly number[]>();

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
  if (styles) {
    row.eachCell((cell, col) => {
      if (styles[col - 1] && !(cell.value instanceof Date)) cell.style = styles[col - 1];
    });
  }
  // Wrapped columns: the row is as tall as its longest text needs (programs keep the stored height).
  const wraps = wrapColumns.get(ws);
  if (wraps?.some((w) => w > 0)) {
    const texts: { text: string; width: number }[] = [];
    wraps.forEach((w, i) => {
      const v = values[i];
      if (w > 0 && typeof v === 'string' && v !== '') texts.push({ text: v, width: w });
    });
    if (texts.length > 0) row.height = wrappedRowHeight(texts, LINE);
  }
  row.commit();
}
