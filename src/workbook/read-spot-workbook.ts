/**
 * The consolidated spot-check workbook of many stations, in either form:
 * - long: one row per station × item (站点名称, 所属县(市、区), 编号, 抽查得分
 *   [, 抽查填报, 扣分原因]);
 * - wide: one row per station, item ids as column headers ("1.1.1" or
 *   "1.1.1 服务场所面积"), veto ids or names as 是/否 columns.
 * Stations are keyed with stationKey(name, county). `readSpotFile` also takes
 * a single station's workbook (the template with 抽查 columns filled).
 */
import { kindOfItem } from '../kinds/index.js';
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { EntryValue, PartyEntries, StationMeta } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { cellAddress, isPercentFormat, type CellValue, type SheetGrid, type WorkbookGrid } from '../xlsx/cell-grid.js';
import { cellText, classifyCell, readTextCell, readYesNoCell } from './cell-value.js';
import { headerAliases, normaliseHeader, STATION_LABELS, stationField, type ColumnRole, type StationField } from './columns.js';
import { openWorkbook, type OpenOptions } from './open-workbook.js';
import { isPercentItem, parseInput, readEntry } from './read-entry.js';
import { findLabel, readStationGrid, type StationWorkbook } from './read-station-workbook.js';
import { HEADER_SCAN_ROWS, mergeMasters, normaliseId, readStationBlock, shownValue, toStationMeta } from './sheet-layout.js';
import { isoDateOfCell, parseWrittenDate } from '../util/calendar-date.js';
import { parseLocation, problem } from '../problems/render.js';
import { normaliseCounty, stationKey } from './station-key.js';
import { ProblemList } from './workbook-error.js';
import { must } from '../util/must.js';
import type { ProblemLocation } from '../problems/problem.js';
import type { CellIssue } from '../problems/messages/reader.js';
import { itemRef } from '../score/value-problem.js';

export interface SpotStation {
  key: string;
  station: StationMeta;
  entries: PartyEntries;
  /** First row of the station in the sheet (for messages). */
  row: number;
}

export interface ConsolidatedSpot {
  form: 'long' | 'wide';
  display: string;
  sheet: string;
  stations: Map<string, SpotStation>;
}

interface Layout {
  sheet: SheetGrid;
  row: number;
  station: Partial<Record<StationField, number>>;
  roles: Partial<Record<ColumnRole, number>>;
  /** Wide form: column → item or veto. */
  itemColumns: Map<number, { item?: ItemInfo; vetoId?: string }>;
}

const LEADING_ID = /^([A-Za-z]{0,3}\d+(?:\.\d+)*[A-Za-z]?)(?=$|[\s_:：、.)）(（-])/;

/** Find the header row of a consolidated sheet; undefined when the workbook is not one. */
export function findConsolidatedLayout(grid: WorkbookGrid, rubric: LoadedRubric): (Layout & { form: 'long' | 'wide' }) | undefined {
  const aliases = headerAliases(rubric.data);
  const vetoByKey = new Map<string, string>();
  for (const v of rubric.data.vetoes) {
    vetoByKey.set(normaliseHeader(v.id), v.id);
    vetoByKey.set(normaliseHeader(v.name), v.id);
  }
  for (const sheet of grid.sheets.filter((s) => s.state === 'visible')) {
    const masters = mergeMasters(sheet);
    for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SCAN_ROWS); r++) {
      const station: Partial<Record<StationField, number>> = {};
      const roles: Partial<Record<ColumnRole, number>> = {};
      const itemColumns = new Map<number, { item?: ItemInfo; vetoId?: string }>();
      for (let c = 1; c <= Math.min(sheet.columnCount, 2000); c++) {
        const raw = cellText(shownValue(sheet, masters, r, c));
        const text = normaliseHeader(raw);
        if (!text) continue;
        const field = stationField(raw);
        if (field && (field === 'name' || field === 'county' || field === 'township' || field === 'operator' || field === 'code' || field === 'evaluator' || field === 'evaluationDate')) {
          if (station[field] === undefined) station[field] = c;
          continue;
        }
        const role = aliases.get(text);
        if (role) {
          if (roles[role] === undefined) roles[role] = c;
          continue;
        }
        const id = LEADING_ID.exec(raw.normalize('NFKC').trim())?.[1];
        const item = id ? rubric.index.itemsById.get(id) : undefined;
        if (item) itemColumns.set(c, { item });
        else if (vetoByKey.has(text)) itemColumns.set(c, { vetoId: vetoByKey.get(text) });
        else if (id && vetoByKey.has(normaliseHeader(id))) itemColumns.set(c, { vetoId: vetoByKey.get(normaliseHeader(id)) });
      }
      if (station.name === undefined) continue;
      const itemCount = [...itemColumns.values()].filter((v) => v.item).length;
      if (roles.id !== undefined && (roles.spotScore !== undefined || roles.score !== undefined || roles.spotInput !== undefined)) return { form: 'long', sheet, row: r, station, roles, itemColumns };
      if (itemCount >= 1) return { form: 'wide', sheet, row: r, station, roles, itemColumns };
    }
  }
  return undefined;
}

/** A wide-form cell, or a long-form row without 抽查填报: points, 是/否, or the item's input as text. */
function readLooseCell(item: ItemInfo, value: CellValue, format?: string): { ok: true; value: EntryValue } | { ok: false; issue: CellIssue } {
  const m = classifyCell(value);
  // A percent item's cell shown as a percentage (96%, or "96%" typed as text) is the measured value, not points.
  if (isPercentItem(item) && m.kind === 'number' && (isPercentFormat(format) || /[%％]\s*$/.test(cellText(value)))) return readEntry(item, value, undefined, format);
  if (m.kind === 'text' && kindOfItem(item).input(item).type !== 'score') {
    const parsed = parseInput(item, value);
    if (parsed.ok) return parsed;
  }
  return readEntry(item, undefined, value);
}

/** Read a consolidated spot-check grid. Throws WorkbookError with every problem. */
export function readConsolidatedGrid(grid: WorkbookGrid, rubric: LoadedRubric, opts: { display: string; lang?: Lang }): ConsolidatedSpot | undefined {
  const lang = opts.lang ?? 'zh';
  const layout = findConsolidatedLayout(grid, rubric);
  if (!layout) return undefined;
  const { sheet, row: headerRow, station: sc, roles } = layout;
  const display = opts.display;
  /** A cell as an entry's source (`file › sheet!A1`) and as a problem's location. */
  const where = (r: number, c: number) => `${display} › ${sheet.name}!${cellAddress(r, c)}`;
  const loc = (r: number, c: number): ProblemLocation => ({ file: display, sheet: sheet.name, cell: cellAddress(r, c) });
  const problems = new ProblemList(lang);
  const stations = new Map<string, SpotStation>();
  const seen = new Map<string, number>();
  // 评估机构 / 评估日期: a column (per station; its rows must agree), else the block above the header (every station).
  const evaluationAt = new Map<string, string>();
  const block = readStationBlock(sheet, headerRow - 1);
  const blockMeta = toStationMeta(block);
  if (block.evaluationDate !== undefined && blockMeta.evaluationDate === undefined) {
    const labelAt = findLabel(sheet, headerRow - 1, STATION_LABELS.evaluationDate);
    problems.push(problem('EVALUATION_DATE_INVALID', 'error', parseLocation(labelAt ? where(labelAt.row, labelAt.col + 1) : `${display} › ${sheet.name}`), { text: String(block.evaluationDate) }));
  }
  const evaluationOf = (r: number, s: SpotStation) => {
    for (const field of ['evaluator', 'evaluationDate'] as const) {
      const c = sc[field];
      if (c === undefined) continue;
      const v = sheet.get(r, c);
      const text = readTextCell(v);
      if (!text) continue;
      const value = field === 'evaluator' ? text : v instanceof Date ? isoDateOfCell(v) : parseWrittenDate(text);
      if (value === undefined) {
        problems.push(problem('EVALUATION_DATE_INVALID', 'error', parseLocation(where(r, c)), { text }));
        continue;
      }
      const first = s.station[field];
      if (first === undefined) {
        s.station[field] = value;
        evaluationAt.set(`${s.key}#${field}`, where(r, c));
      } else if (first !== value)
        problems.push(problem('EVALUATION_CONFLICT', 'error', parseLocation(where(r, c)), { field, station: s.station.name, value, first, firstAt: evaluationAt.get(`${s.key}#${field}`) ?? '' }));
    }
  };

  const stationOf = (r: number): SpotStation | undefined => {
    const name = readTextCell(sheet.get(r, must(sc.name)));
    if (!name) return undefined;
    const county = sc.county !== undefined ? readTextCell(sheet.get(r, sc.county)) : '';
    const key = stationKey(name, county);
    let s = stations.get(key);
    if (!s) {
      const meta: StationMeta = { name };
      if (county) meta.county = county;
      for (const f of ['township', 'operator', 'code'] as const)
        if (sc[f] !== undefined) {
          const v = readTextCell(sheet.get(r, must(sc[f])));
          if (v) meta[f] = v;
        }
      s = { key, station: meta, entries: { items: {}, source: display }, row: r };
      stations.set(key, s);
    }
    evaluationOf(r, s);
    return s;
  };

  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    if (layout.form === 'long') {
      const id = normaliseId(sheet.get(r, must(roles.id)));
      if (!id) continue;
      const s = stationOf(r);
      if (!s) {
        problems.add(loc(r, must(sc.name)), 'ROW_NO_STATION', { id });
        continue;
      }
      const vetoId = rubric.data.vetoes.find((v) => v.id === id)?.id;
      const scoreCol = roles.spotScore ?? roles.score;
      const inputCol = roles.spotInput;
      if (vetoId) {
        const col = inputCol !== undefined && sheet.get(r, inputCol) !== null ? inputCol : must(scoreCol);
        const v = readYesNoCell(sheet.get(r, col), { allowNa: false });
        if (!v.ok) problems.cell(loc(r, col), v.issue);
        else if (v.value.kind === 'met') (s.entries.vetoes ??= {})[vetoId] = v.value.met;
        continue;
      }
      const item = rubric.index.itemsById.get(id);
      if (!item) {
        if (!rubric.index.nodesById.has(id)) problems.add(loc(r, must(roles.id)), 'ROW_UNKNOWN_ITEM', { id: { kind: 'text', text: id }, rubricId: rubric.data.id }, { received: id });
        continue;
      }
      const dupKey = `${s.key}#${item.id}`;
      if (seen.has(dupKey)) {
        problems.add(loc(r, must(roles.id)), 'ROW_DUPLICATE_ITEM', { item: itemRef(item), row: must(seen.get(dupKey)), station: s.station.name });
        continue;
      }
      seen.set(dupKey, r);
      const res =
        inputCol !== undefined
          ? readEntry(item, sheet.get(r, inputCol), scoreCol !== undefined ? sheet.get(r, scoreCol) : null, sheet.numberFormat(r, inputCol))
          : readLooseCell(item, sheet.get(r, must(scoreCol)), sheet.numberFormat(r, must(scoreCol)));
      const at = 'at' in res && res.at === 'input' ? must(inputCol) : (scoreCol ?? must(inputCol));
      if (!res.ok) {
        problems.cell(loc(r, at), res.issue);
        continue;
      }
      const note = roles.reason !== undefined ? readTextCell(sheet.get(r, roles.reason)) : '';
      if (res.value.kind === 'blank' && !note) continue;
      s.entries.items[item.id] = {
        value: res.value,
        source: where(r, inputCol !== undefined && readTextCell(sheet.get(r, inputCol)) ? inputCol : (scoreCol ?? must(inputCol))),
        ...(note ? { note } : {}),
      };
    } else {
      const s = stationOf(r);
      if (!s) continue;
      if (s.row !== r) {
        problems.add(loc(r, must(sc.name)), 'ROW_DUPLICATE_STATION', { station: s.station.name, row: s.row });
        continue;
      }
      for (const [c, target] of layout.itemColumns) {
        const v = sheet.get(r, c);
        if (target.vetoId) {
          const yn = readYesNoCell(v, { allowNa: false });
          if (!yn.ok) problems.cell(loc(r, c), yn.issue);
          else if (yn.value.kind === 'met') (s.entries.vetoes ??= {})[target.vetoId] = yn.value.met;
          continue;
        }
        const res = readLooseCell(must(target.item), v, sheet.numberFormat(r, c));
        if (!res.ok) problems.cell(loc(r, c), res.issue);
        else if (res.value.kind !== 'blank') s.entries.items[must(target.item).id] = { value: res.value, source: where(r, c) };
      }
    }
  }
  problems.throwIfAny();
  for (const st of stations.values()) {
    if (st.station.evaluator === undefined && blockMeta.evaluator !== undefined) st.station.evaluator = blockMeta.evaluator;
    if (st.station.evaluationDate === undefined && blockMeta.evaluationDate !== undefined) st.station.evaluationDate = blockMeta.evaluationDate;
  }
  return { form: layout.form, display, sheet: sheet.name, stations };
}

export type SpotFile = { kind: 'consolidated'; spot: ConsolidatedSpot } | { kind: 'station'; workbook: StationWorkbook };

/** Read a spot-check file: consolidated (long or wide) or one station's workbook. */
export async function readSpotFile(file: string, rubric: LoadedRubric, opts: OpenOptions = {}): Promise<SpotFile> {
  const { grid, display } = await openWorkbook(file, opts);
  return spotFromGrid(grid, rubric, { display, lang: opts.lang });
}

export function spotFromGrid(grid: WorkbookGrid, rubric: LoadedRubric, opts: { display: string; lang?: Lang }): SpotFile {
  const consolidated = readConsolidatedGrid(grid, rubric, opts);
  if (consolidated) return { kind: 'consolidated', spot: consolidated };
  return { kind: 'station', workbook: readStationGrid(grid, rubric, { ...opts, genericParty: 'spot' }) };
}

/** The spot entries of one station in a consolidated workbook: by key, else by unique name. */
export function findSpotStation(spot: ConsolidatedSpot, name: string, county?: string): SpotStation | undefined {
  const exact = spot.stations.get(stationKey(name, county));
  if (exact) return exact;
  const nameOnly = stationKey(name, '').split('|')[1];
  const byName = [...spot.stations.values()].filter((s) => {
    const part = s.key.split('|')[1];
    return part === nameOnly || normaliseCounty(s.station.county) + part === nameOnly || stationKey(s.station.name, '').split('|')[1] === nameOnly;
  });
  return byName.length === 1 ? byName[0] : undefined;
}
