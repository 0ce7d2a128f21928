/**
 * The roster of stations (站点名册): one row per station with 站点名称,
 * 所属县(市、区) and optionally 乡镇(街道), 运营机构, 站点编码. Header in any of
 * the first 50 rows.
 */
import { UserError } from '../errors.js';
import type { StationMeta } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { cellAddress, type WorkbookGrid } from '../xlsx/cell-grid.js';
import { cellText, readTextCell } from './cell-value.js';
import { stationField, type StationField } from './columns.js';
import { openWorkbook, type OpenOptions } from './open-workbook.js';
import { HEADER_SCAN_ROWS, mergeMasters, shownValue } from './sheet-layout.js';
import { stationKey } from './station-key.js';
import { ProblemList } from './workbook-error.js';
import { must } from '../util/must.js';
import { messageOf, problem } from '../problems/render.js';

export interface RosterEntry extends StationMeta {
  key: string;
}

export function rosterFromGrid(grid: WorkbookGrid, display: string, lang: Lang = 'zh'): RosterEntry[] {
  for (const sheet of grid.sheets.filter((s) => s.state === 'visible')) {
    const masters = mergeMasters(sheet);
    for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SCAN_ROWS); r++) {
      const cols: Partial<Record<StationField, number>> = {};
      for (let c = 1; c <= Math.min(sheet.columnCount, 100); c++) {
        const f = stationField(cellText(shownValue(sheet, masters, r, c)));
        if (f && cols[f] === undefined) cols[f] = c;
      }
      if (cols.name === undefined) continue;
      const out: RosterEntry[] = [];
      const seen = new Map<string, number>();
      const problems = new ProblemList(lang);
      for (let row = r + 1; row <= sheet.rowCount; row++) {
        const name = readTextCell(sheet.get(row, cols.name));
        if (!name) continue;
        const entry: RosterEntry = { key: '', name };
        for (const f of ['county', 'township', 'operator', 'code'] as const) {
          if (cols[f] === undefined) continue;
          const v = readTextCell(sheet.get(row, must(cols[f])));
          if (v) entry[f] = v;
        }
        entry.key = stationKey(name, entry.county);
        if (seen.has(entry.key)) {
          problems.add({ file: display, sheet: sheet.name, cell: cellAddress(row, cols.name) }, 'ROSTER_DUPLICATE', { station: name, row: must(seen.get(entry.key)) });
          continue;
        }
        seen.set(entry.key, row);
        out.push(entry);
      }
      problems.throwIfAny();
      return out;
    }
  }
  const p = problem('ROSTER_NO_HEADER', 'error', { file: display }, {});
  throw new UserError(messageOf(p, lang), { location: display, code: 'ROSTER_NO_HEADER', problem: p });
}

export async function readRoster(file: string, opts: OpenOptions = {}): Promise<RosterEntry[]> {
  const { grid, display } = await openWorkbook(file, opts);
  return rosterFromGrid(grid, display, opts.lang);
}

/** A roster row as stations are matched against it. */
export interface RosterStation {
  key: string;
  name: string;
  county: string;
  township?: string;
  operator?: string;
  code?: string;
}

export function rosterStations(entries: readonly RosterEntry[]): RosterStation[] {
  return entries.map((e) => ({
    key: stationKey(e.name, e.county),
    name: e.name,
    county: e.county ?? '',
    township: e.township,
    operator: e.operator,
    code: e.code,
  }));
}
