/**
 * The same cell grid read through exceljs: slower, but it understands every
 * workbook exceljs does. Used when the fast reader declines a file.
 */
import { MapSheetGrid, type CellValue, type WorkbookGrid } from './cell-grid.js';

type ExcelCellValue = unknown;

function toCellValue(value: ExcelCellValue, formula: string | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return { richText: (v.richText as { text?: string }[]).map((r) => ({ text: r.text ?? '' })) };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result as CellValue | undefined;
    return {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- exceljs's formula is a string; anything else is kept as its string form
      formula: String(v.formula ?? formula ?? ''),
      result: (result === undefined ? undefined : toCellValue(result, undefined)) as Exclude<CellValue, { formula: string } | { richText: unknown }>,
    };
  }
  if ('error' in v) return { error: String(v.error) };
  if ('text' in v) return typeof v.text === 'string' ? v.text : toCellValue(v.text, undefined); // hyperlink
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value a cell or a file holds is shown as its string form, objects included
  return String(value);
}

export async function readCellsExceljs(bytes: Uint8Array): Promise<WorkbookGrid> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const sheets: MapSheetGrid[] = [];
  workbook.eachSheet((ws) => {
    const grid = new MapSheetGrid(ws.name, ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible');
    ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
      row.eachCell({ includeEmpty: false }, (cell, colNo) => {
        if (cell.isMerged && cell.master !== cell) return;
        grid.set(rowNo, colNo, toCellValue(cell.value, cell.formula));
        grid.setFormat(rowNo, colNo, cell.numFmt);
      });
    });
    const merges = (ws as unknown as { model: { merges?: string[] } }).model.merges ?? [];
    grid.merges.push(...merges);
    sheets.push(grid);
  });
  return { sheets };
}
