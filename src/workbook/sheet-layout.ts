/**
 * Finding the parts of a score sheet: the header row (anywhere in the first
 * 50 rows, merged or on two rows, with line breaks or full-width characters),
 * which column plays which role, and the station block above the header.
 */
import type { StationMeta } from '../score/types.js';
import { columnNumber, type CellValue, type SheetGrid } from '../xlsx/cell-grid.js';
import { cellText, classifyCell } from './cell-value.js';
import { isPartyRole, normaliseHeader, stationField, type ColumnRole, type StationField } from './columns.js';
import { parseIsoDate, parseWrittenDate } from '../util/calendar-date.js';
import { memoString } from '../util/memo.js';

export const HEADER_SCAN_ROWS = 50;

/** For each cell covered by a merge (not its top-left), the top-left [row, col]. */
export function mergeMasters(sheet: SheetGrid): ReadonlyMap<number, [number, number]> {
  const cached = MASTERS.get(sheet);
  if (cached && cached.merges === sheet.merges && cached.count === sheet.merges.length) return cached.map;
  const map = mergeMap(sheet);
  MASTERS.set(sheet, { merges: sheet.merges, count: sheet.merges.length, map });
  return map;
}

/** mergeMasters per sheet (and its list of merges): the header scan of every sheet and the station reader both ask. */
const MASTERS = new WeakMap<SheetGrid, { merges: string[]; count: number; map: Map<number, [number, number]> }>();

function mergeMap(sheet: SheetGrid): Map<number, [number, number]> {
  const map = new Map<number, [number, number]>();
  for (const ref of sheet.merges) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
    if (!m || !m[3]) continue;
    const r1 = Number(m[2]);
    const c1 = columnNumber(m[1]);
    const r2 = Number(m[4]);
    const c2 = columnNumber(m[3]);
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > 10_000) continue;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) map.set(r * 16_385 + c, [r1, c1]);
  }
  return map;
}

/** The value shown at (r, c): its own, or its merge's top-left value. */
export function shownValue(sheet: SheetGrid, masters: ReadonlyMap<number, [number, number]>, r: number, c: number): CellValue {
  const v = sheet.get(r, c);
  if (v !== null) return v;
  const master = masters.get(r * 16_385 + c);
  return master ? sheet.get(master[0], master[1]) : null;
}

export interface HeaderMatch {
  sheet: SheetGrid;
  /** The (last) header row; data starts below it. */
  row: number;
  /** Role → 1-based column (first column wins). */
  columns: Partial<Record<ColumnRole, number>>;
  /** Every column whose header names an item (指标, 二级指标, 评估项目 …), left to right. */
  nameColumns: number[];
  /** Column → the header text found there. */
  labels: Map<number, string>;
}

/** Longer cell texts are never header labels. */
const MAX_HEADER_LENGTH = 40;

/** The text shown in each cell of a row (index = column), '' when blank. */
function rowTexts(sheet: SheetGrid, masters: ReadonlyMap<number, [number, number]>, row: number, width: number): string[] {
  const texts = new Array<string>(width + 1).fill('');
  if (row < 1) return texts;
  for (let c = 1; c <= width; c++) texts[c] = cellText(shownValue(sheet, masters, row, c));
  return texts;
}

/**
 * The roles a header row gives (its texts `lower`, the row above `upper`),
 * trying "upper+lower" and "lower+upper" labels for two-row headers: 自评 / 得分
 * and a merged 得分 over 自评 | 评估 both read as 自评得分 and 评估得分.
 */
function rolesOfRow(
  lowerTexts: string[],
  upperTexts: string[],
  aliases: Map<string, ColumnRole>,
): { columns: Partial<Record<ColumnRole, number>>; nameColumns: number[]; labels: Map<number, string>; count: number } {
  const starts = headerPrefixes(aliases);
  const columns: Partial<Record<ColumnRole, number>> = {};
  const nameColumns: number[] = [];
  const labels = new Map<number, string>();
  let count = 0;
  for (let c = 1; c < lowerTexts.length; c++) {
    const lowerText = lowerTexts[c];
    // Header labels are short; rule texts and names are not (and normalising them is the cost of a scan).
    // A long text above (a notice merged across the sheet) is no upper label: the lower one stands alone.
    const upperText = upperTexts[c].length > MAX_HEADER_LENGTH ? '' : upperTexts[c];
    if (lowerText === '' && upperText === '') continue;
    if (lowerText.length > MAX_HEADER_LENGTH) continue;
    const lower = normaliseHeader(lowerText);
    const upper = normaliseHeader(upperText);
    // Under a merged or blank lower cell the upper label stands alone (scores 1);
    // otherwise "upper+lower" (自评 / 得分), "lower+upper" (得分 / 自评) or the lower label itself (scores 2).
    // A pair is joined only when its first part begins some header name (most rows are item rows).
    let text = '';
    let role: ColumnRole | undefined;
    if (lower === '') {
      if (upper) role = aliases.get((text = upper));
    } else if (upper && upper !== lower) {
      if (starts.has(upper)) role = aliases.get((text = upper + lower));
      if (!role && starts.has(lower)) role = aliases.get((text = lower + upper));
      if (!role) role = aliases.get((text = lower));
    } else role = aliases.get((text = lower));
    if (role) {
      if (columns[role] === undefined) {
        columns[role] = c;
        count += lower === '' ? 1 : 2;
      }
      if (role === 'name') nameColumns.push(c);
      labels.set(c, upper && lower && upper !== lower && text !== lower ? `${upperText}/${lowerText}` : lowerText || upperText);
    }
  }
  return { columns, nameColumns, labels, count };
}

/** Every proper prefix of the header names (normalised): a joined two-row label can only be a name when its first part is one. */
const PREFIXES = new WeakMap<Map<string, ColumnRole>, Set<string>>();
function headerPrefixes(aliases: Map<string, ColumnRole>): Set<string> {
  let set = PREFIXES.get(aliases);
  if (set === undefined) {
    set = new Set();
    for (const name of aliases.keys()) for (let i = 1; i < name.length; i++) set.add(name.slice(0, i));
    PREFIXES.set(aliases, set);
  }
  return set;
}

const SCORE_ROLES: ColumnRole[] = ['selfScore', 'spotScore', 'score', 'selfInput', 'spotInput'];

/**
 * The best header row of a sheet: one with an id (or name) column and a score
 * column. `scoreGiven`: the score columns are named by letter (--columns), so
 * a row with an id or name column is enough.
 */
export function findHeaderInSheet(sheet: SheetGrid, aliases: Map<string, ColumnRole>, opts: { scoreGiven?: boolean } = {}): HeaderMatch | undefined {
  const masters = mergeMasters(sheet);
  const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
  const width = Math.min(sheet.columnCount, 200);
  let best: (HeaderMatch & { rank: number }) | undefined;
  // Each row's texts are read once: as the lower row of a header, then as the upper one.
  let upper = rowTexts(sheet, masters, 0, width);
  for (let r = 1; r <= last; r++) {
    const lower = rowTexts(sheet, masters, r, width);
    const { columns, nameColumns, labels, count } = rolesOfRow(lower, upper, aliases);
    upper = lower;
    const hasKey = columns.id !== undefined || columns.name !== undefined;
    const hasScore = opts.scoreGiven === true || SCORE_ROLES.some((role) => columns[role] !== undefined) || Object.keys(columns).some(isPartyRole);
    if (!hasKey || !hasScore) continue;
    const rank = (columns.id !== undefined ? 100 : 0) + count;
    // A two-row header matches on both rows; the lower one scores higher when its labels are its own,
    // and wins a tie (采购方 over 得分: the upper row alone reads as a header of bare party names too).
    if (!best || rank > best.rank || (rank === best.rank && r === best.row + 1)) best = { sheet, row: r, columns, nameColumns, labels, rank };
  }
  return best;
}

/**
 * Station metadata from label/value pairs above the header: "站点名称" with the
 * value in a cell to its right, or "站点名称：城关镇社工站" in one cell.
 */
export function readStationBlock(sheet: SheetGrid, lastRow: number): Partial<Record<StationField, string | number>> {
  const out: Partial<Record<StationField, string | number>> = {};
  const width = Math.min(sheet.columnCount, 60);
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= width; c++) {
      const v = sheet.get(r, c);
      if (v === null) continue;
      const text = cellText(v).trim();
      if (!text) continue;
      const inline = /^([^:：]{1,12})[:：]\s*(.+)$/.exec(text);
      if (inline) {
        const field = stationField(inline[1]);
        if (field && out[field] === undefined) out[field] = field === 'evaluationDate' ? (parseWrittenDate(inline[2]) ?? inline[2].trim()) : inline[2].trim();
        continue;
      }
      const field = stationField(text);
      if (!field || out[field] !== undefined) continue;
      for (let k = c + 1; k <= Math.min(c + 8, width); k++) {
        const next = sheet.get(r, k);
        if (next === null) continue;
        const nextText = cellText(next).trim();
        if (nextText === '' || stationField(nextText)) break;
        const meaning = classifyCell(next);
        if (next instanceof Date && !Number.isNaN(next.getTime())) out[field] = next.toISOString().slice(0, 10);
        else if (field === 'evaluationDate') out[field] = parseWrittenDate(nextText) ?? nextText;
        else if (meaning.kind === 'number' && (field === 'year' || typeof next === 'number')) out[field] = meaning.value;
        else out[field] = nextText;
        break;
      }
    }
  }
  return out;
}

export function toStationMeta(block: Partial<Record<StationField, string | number>>): StationMeta {
  const s = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
  const meta: StationMeta = { name: s(block.name) ?? '' };
  if (block.code !== undefined) meta.code = s(block.code);
  if (block.county !== undefined) meta.county = s(block.county);
  if (block.township !== undefined) meta.township = s(block.township);
  if (block.operator !== undefined) meta.operator = s(block.operator);
  if (block.year !== undefined) meta.year = typeof block.year === 'number' ? block.year : block.year;
  if (block.filledBy !== undefined) meta.filledBy = s(block.filledBy);
  if (block.date !== undefined) meta.date = s(block.date);
  if (block.evaluator !== undefined && String(block.evaluator).trim() !== '') meta.evaluator = String(block.evaluator).trim();
  // A 评估日期 that is no date stays out of the meta: the station reader refuses it at its cell.
  if (block.evaluationDate !== undefined && parseIsoDate(String(block.evaluationDate))) meta.evaluationDate = String(block.evaluationDate);
  return meta;
}

/** Item ids as written: full-width digits, spaces, trailing dots or 、 removed. */
export function normaliseId(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  return normaliseIdText(cellText(value));
}

/** normaliseId of a text; memoised: every workbook of a rubric repeats its ids. */
const normaliseIdText: (text: string) => string = memoString((text) =>
  text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[。．]/g, '.')
    .replace(/[.、,，]+$/, '')
    .replace(/^[.]+/, ''),
);

/** Looks like an item id ("1.2.3", "B1", "V2"), not a heading like "一" or "小计". */
export function looksLikeId(id: string): boolean {
  return /^[A-Za-z]{0,3}\d+(?:[.-]\d+)*[A-Za-z]?$/.test(id);
}
