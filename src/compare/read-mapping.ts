/**
 * The mapping file for renamed and merged stations: an .xlsx with a header
 * row holding 原站点名称, 原所属县, 现站点名称, 现所属县 (the county columns
 * optional). One row per old station; several old rows to one new station
 * is a merger.
 */
import { UserError } from '../errors.js';
import { t, type Lang } from '../util/lang.js';
import { cellAddress } from '../xlsx/cell-grid.js';
import { normaliseText, readTextCell } from '../workbook/cell-value.js';
import { openWorkbook } from '../workbook/open-workbook.js';
import type { MappingRow } from './match-years.js';

const HEADERS: Record<'fromName' | 'fromCounty' | 'toName' | 'toCounty', string[]> = {
  fromName: ['原站点名称', '原名称', '原站点'],
  fromCounty: ['原所属县(市、区)', '原所属县', '原县区', '原县(市、区)'],
  toName: ['现站点名称', '现名称', '现站点', '新站点名称'],
  toCounty: ['现所属县(市、区)', '现所属县', '现县区', '现县(市、区)', '新所属县'],
};

const norm = (s: string) => normaliseText(s).replace(/[\s()（）、]/g, '');

export async function readMapping(file: string, lang: Lang = 'zh'): Promise<MappingRow[]> {
  const { grid, display } = await openWorkbook(file, { lang });
  for (const sheet of grid.sheets.filter((s) => s.state === 'visible')) {
    for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++) {
      const cols: Partial<Record<keyof typeof HEADERS, number>> = {};
      for (let c = 1; c <= Math.min(sheet.columnCount, 50); c++) {
        const text = norm(readTextCell(sheet.get(r, c)));
        if (!text) continue;
        for (const [field, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
          if (cols[field] === undefined && names.some((n) => norm(n) === text)) cols[field] = c;
        }
      }
      if (cols.fromName === undefined || cols.toName === undefined) continue;
      const rows: MappingRow[] = [];
      for (let row = r + 1; row <= sheet.rowCount; row++) {
        const fromName = readTextCell(sheet.get(row, cols.fromName));
        const toName = readTextCell(sheet.get(row, cols.toName));
        if (!fromName && !toName) continue;
        const location = { file: display, sheet: sheet.name, cell: cellAddress(row, cols.fromName) };
        const source = `${display} › ${sheet.name}!${location.cell}`;
        if (!fromName || !toName) {
          throw new UserError(t(lang, `对照表这一行缺少${fromName ? '现站点名称' : '原站点名称'}`, `this mapping row lacks the ${fromName ? 'new' : 'old'} station name`), {
            location: source,
            code: 'MAPPING_ROW_INCOMPLETE',
          });
        }
        const fromCounty = cols.fromCounty ? readTextCell(sheet.get(row, cols.fromCounty)) : '';
        const toCounty = cols.toCounty ? readTextCell(sheet.get(row, cols.toCounty)) : '';
        rows.push({ fromName, toName, ...(fromCounty ? { fromCounty } : {}), ...(toCounty ? { toCounty } : {}), location });
      }
      return rows;
    }
  }
  throw new UserError(
    t(lang, '找不到对照表的表头：需要一行含“原站点名称”和“现站点名称”（可加“原所属县”“现所属县”）', 'no mapping header: need a row with 原站点名称 and 现站点名称 (optionally 原所属县, 现所属县)'),
    {
      location: display,
      code: 'MAPPING_NO_HEADER',
    },
  );
}
