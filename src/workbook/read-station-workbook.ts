/**
 * Read one station's workbook: the generated template or a workbook that
 * follows the usual layout (a header row with an id column and a score
 * column). Finds the item sheet and the header, maps the columns, matches rows
 * to items by id (falling back to the exact item name), reads each party's
 * entries, the vetoes and the station block. Every cell problem is collected
 * and thrown together as one WorkbookError naming each cell.
 *
 * `readStationGrid` works on a cell grid (any backend); `readStationWorkbook`
 * opens the file read-only first.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { Entry, PartyEntries, StationMeta } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { t } from '../util/lang.js';
import { cellAddress, type CellValue, type SheetGrid, type WorkbookGrid } from '../xlsx/cell-grid.js';
import { cellText, describeFound, readTextCell, readYesNoCell, normaliseText } from './cell-value.js';
import { headerAliases, STATION_LABELS, type ColumnRole } from './columns.js';
import { openWorkbook } from './open-workbook.js';
import { readEntry } from './read-entry.js';
import { findHeaderInSheet, looksLikeId, normaliseId, readStationBlock, toStationMeta, type HeaderMatch } from './sheet-layout.js';
import { META_SHEET } from './template.js';
import { ProblemList, WorkbookError } from './workbook-error.js';

export type Party = 'self' | 'spot';

export interface ReadOptions {
  /** How messages name the file (default: its base name). */
  display?: string;
  lang?: Lang;
  /** Which party a bare 得分 column belongs to (default self). */
  genericParty?: Party;
}

export interface RubricStamp {
  id?: string;
  version?: string;
  sha256?: string;
  layout?: string;
  sample?: boolean;
}

export interface StationWorkbook {
  display: string;
  sheet: string;
  station: StationMeta;
  /** True when the station name came from the file name (the block had none). */
  nameFromFile: boolean;
  self: PartyEntries;
  /** Present when any spot-check cell is filled. */
  spot?: PartyEntries;
  /** From the hidden _meta sheet of a generated template. */
  stamp?: RubricStamp;
  warnings: string[];
}

export function readStamp(grid: WorkbookGrid): RubricStamp | undefined {
  const meta = grid.sheets.find((s) => s.name === META_SHEET);
  if (!meta) return undefined;
  const kv = new Map<string, string>();
  for (let r = 1; r <= meta.rowCount; r++) kv.set(readTextCell(meta.get(r, 1)), readTextCell(meta.get(r, 2)));
  return {
    id: kv.get('rubricId') || undefined,
    version: kv.get('rubricVersion') || undefined,
    sha256: kv.get('rubricSha256') || undefined,
    layout: kv.get('layout') || undefined,
    sample: kv.get('sample') === '示例',
  };
}

/** The item sheet's header: visible sheets first, then hidden ones. */
export function findItemSheet(grid: WorkbookGrid, rubric: LoadedRubric): HeaderMatch | undefined {
  const aliases = headerAliases(rubric.data);
  const order = [...grid.sheets.filter((s) => s.state === 'visible'), ...grid.sheets.filter((s) => s.state !== 'visible' && !s.name.startsWith('_'))];
  for (const sheet of order) {
    const match = findHeaderInSheet(sheet, aliases);
    if (match) return match;
  }
  return undefined;
}

/** Item name → item, for the name fallback (names and aliases, normalised). */
const NAME_CACHE = new WeakMap<LoadedRubric, Map<string, ItemInfo | null>>();

export function itemsByName(rubric: LoadedRubric): Map<string, ItemInfo | null> {
  const cached = NAME_CACHE.get(rubric);
  if (cached) return cached;
  const map = new Map<string, ItemInfo | null>();
  NAME_CACHE.set(rubric, map);
  const add = (name: string, item: ItemInfo) => {
    const k = normaliseText(name).replace(/\s+/g, '');
    map.set(k, map.has(k) && map.get(k) !== item ? null : item); // null: ambiguous
  };
  for (const item of rubric.index.items) {
    add(item.name, item);
    for (const alias of item.node.aliases ?? []) add(alias, item);
  }
  return map;
}

function matchByName(names: Map<string, ItemInfo | null>, text: string): ItemInfo | undefined {
  const full = normaliseText(text).replace(/\s+/g, '');
  if (!full) return undefined;
  const direct = names.get(full);
  if (direct) return direct;
  const last = full.split(/›|>|\/|／/).pop() ?? '';
  return names.get(last) ?? undefined;
}

const PARTY_COLUMNS: Record<Party, { input: ColumnRole; score: ColumnRole; note: ColumnRole }> = {
  self: { input: 'selfInput', score: 'selfScore', note: 'selfNote' },
  spot: { input: 'spotInput', score: 'spotScore', note: 'reason' },
};

/** Read a station workbook from its grid. Throws WorkbookError with every problem found. */
export function readStationGrid(grid: WorkbookGrid, rubric: LoadedRubric, opts: ReadOptions & { display: string }): StationWorkbook {
  const lang = opts.lang ?? 'zh';
  const display = opts.display;
  const problems = new ProblemList(lang);
  const stamp = readStamp(grid);
  const header = findItemSheet(grid, rubric);
  if (!header) {
    problems.add(
      display,
      'SHEET_NO_HEADER',
      t(
        lang,
        `找不到评分表：没有一个工作表在前 50 行里有同时含“编号”列和得分列（自评得分、抽查得分、得分…）的表头${stamp?.id && stamp.id !== rubric.data.id ? `；该文件由细则“${stamp.id}”生成，不是本细则（${rubric.data.id}）的评分表` : ''}`,
        `no score sheet found: no sheet has a header row (within 50 rows) with an id column (编号) and a score column (自评得分, 抽查得分, 得分 …)`,
      ),
    );
    problems.throwIfAny();
  }
  const { sheet, row: headerRow } = header!;
  const columns = { ...header!.columns };
  if (columns.score !== undefined) {
    const party = opts.genericParty ?? 'self';
    const role = PARTY_COLUMNS[party].score;
    if (columns[role] === undefined) columns[role] = columns.score;
  }
  const where = (r: number, c: number) => `${display} › ${sheet.name}!${cellAddress(r, c)}`;
  const get = (r: number, c: number | undefined): CellValue | undefined => (c === undefined ? undefined : sheet.get(r, c));

  const warnings: string[] = [];
  const block = readStationBlock(sheet, headerRow - 1);
  const station = toStationMeta(block);
  if (rubric.data.stars.target !== 'none' && block.targetLevel !== undefined) {
    const level = resolveLevel(rubric, block.targetLevel);
    if (level !== undefined) station.targetLevel = level;
    else {
      const at = findLabel(sheet, headerRow - 1, STATION_LABELS.targetLevel);
      const names = rubric.data.stars.levels.map((l) => l.name).join('、');
      problems.add(
        at ? where(at.row, at.col + 1) : `${display} › ${sheet.name}`,
        'CELL_UNKNOWN_LEVEL',
        lang === 'en' ? `"${block.targetLevel}" is not a level of this rubric (expected ${names})` : `申报等级“${block.targetLevel}”不是本细则的等级（应为 ${names}）`,
      );
    }
  }

  const names = itemsByName(rubric);
  const vetoIds = new Set(rubric.data.vetoes.map((v) => v.id));
  const seen = new Map<string, number>();
  const unknown: { id: string; row: number }[] = [];
  let matched = 0;
  const parties: Record<Party, PartyEntries> = { self: { items: {}, source: display }, spot: { items: {}, source: display } };
  const filled: Record<Party, boolean> = { self: false, spot: false };

  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const idCell = get(r, columns.id) ?? null;
    const id = normaliseId(idCell);
    let item: ItemInfo | undefined = id ? rubric.index.itemsById.get(id) : undefined;
    const idCol = columns.id ?? columns.name!;
    if (!item && id && vetoIds.has(id)) {
      for (const party of ['self', 'spot'] as const) {
        const pc = PARTY_COLUMNS[party];
        const col = columns[pc.input] ?? columns[pc.score];
        if (col === undefined) continue;
        const v = readYesNoCell(sheet.get(r, col), { allowNa: false, lang });
        if (!v.ok) problems.add(where(r, col), v.code, v.message);
        else if (v.value.kind === 'met') {
          (parties[party].vetoes ??= {})[id] = v.value.met;
          filled[party] = true;
        }
      }
      continue;
    }
    if (!item && id && rubric.index.nodesById.has(id)) continue; // a module or indicator heading
    if (!item && (!id || !looksLikeId(id)) && columns.name !== undefined) item = matchByName(names, readTextCell(sheet.get(r, columns.name)));
    if (!item) {
      if (id && looksLikeId(id)) unknown.push({ id, row: r });
      continue;
    }
    matched++;
    const previous = seen.get(item.id);
    if (previous !== undefined) {
      problems.add(
        where(r, idCol),
        'ROW_DUPLICATE_ITEM',
        t(lang, `项目 ${item.id}「${item.name}」重复出现（第 ${previous} 行已有），请删除重复的一行`, `item ${item.id} appears twice (already in row ${previous}); delete one of the rows`),
      );
      continue;
    }
    seen.set(item.id, r);
    for (const party of ['self', 'spot'] as const) {
      const pc = PARTY_COLUMNS[party];
      if (columns[pc.input] === undefined && columns[pc.score] === undefined) continue;
      const res = readEntry(item, get(r, columns[pc.input]), get(r, columns[pc.score]) ?? null, lang);
      const at = (which: 'input' | 'score') => (which === 'input' ? columns[pc.input] : columns[pc.score]) ?? columns[pc.score] ?? columns[pc.input]!;
      if (!res.ok) {
        problems.add(where(r, at(res.at)), res.code, res.message);
        continue;
      }
      const note = columns[pc.note] !== undefined ? readTextCell(sheet.get(r, columns[pc.note]!)) : '';
      if (res.value.kind === 'blank' && !note) continue;
      const sourceCol = res.value.kind !== 'blank' && columns[pc.input] !== undefined && readTextCell(sheet.get(r, columns[pc.input]!)) !== '' ? columns[pc.input]! : at('score');
      const entry: Entry = { value: res.value, source: where(r, sourceCol) };
      if (note) entry.note = note;
      parties[party].items[item.id] = entry;
      if (res.value.kind !== 'blank') filled[party] = true;
    }
  }

  // A workbook of another rubric: most ids unknown.
  if (unknown.length >= 3 && unknown.length > matched) {
    const from = stamp?.id && stamp.id !== rubric.data.id ? t(lang, `（该表由细则“${stamp.id}”${stamp.version ? ` ${stamp.version}` : ''}生成）`, ` (made from rubric "${stamp.id}")`) : '';
    throw new WorkbookError(
      [
        {
          location: { file: display, sheet: sheet.name },
          code: 'WORKBOOK_OTHER_RUBRIC',
          severity: 'error',
          text: { [lang]: t(
            lang,
            `不是本细则（${rubric.data.id} ${rubric.data.version}）的评分表${from}：${unknown.length} 个编号本细则中没有（如 ${unknown.slice(0, 5).map((u) => u.id).join('、')}），只有 ${matched} 个能对上`,
            `not a score sheet of this rubric (${rubric.data.id} ${rubric.data.version})${from}: ${unknown.length} ids are unknown (e.g. ${unknown.slice(0, 5).map((u) => u.id).join(', ')}), only ${matched} match`,
          ) },
        },
      ],
      lang,
    );
  }
  for (const u of unknown) {
    const hasValue = (['selfInput', 'selfScore', 'spotInput', 'spotScore'] as const).some((role) => {
      const v = get(u.row, columns[role]);
      return v !== undefined && v !== null && readTextCell(v) !== '';
    });
    if (hasValue)
      problems.add(
        where(u.row, columns.id!),
        'ROW_UNKNOWN_ITEM',
        t(lang, `编号 ${describeFound(sheet.get(u.row, columns.id!))} 在细则 ${rubric.data.id} 中不存在，请核对编号`, `id ${describeFound(sheet.get(u.row, columns.id!), 'en')} is not in rubric ${rubric.data.id}`),
      );
  }
  if (matched === 0 && problems.size === 0)
    problems.add(`${display} › ${sheet.name}`, 'WORKBOOK_NO_ITEMS', t(lang, `第 ${headerRow} 行是表头，但下面没有一行的编号或名称能对上细则 ${rubric.data.id} 的评分项`, `row ${headerRow} is a header but no row below matches an item of rubric ${rubric.data.id}`));
  problems.throwIfAny();

  if (stamp?.id && stamp.id !== rubric.data.id)
    warnings.push(t(lang, `${display}：该表由细则“${stamp.id}”生成，正按“${rubric.data.id}”读取`, `${display}: made from rubric "${stamp.id}", read with "${rubric.data.id}"`));
  else if (stamp?.sha256 && stamp.sha256 !== rubric.sha256)
    warnings.push(t(lang, `${display}：该表由细则 ${stamp.id ?? ''} ${stamp.version ?? ''} 的另一份文件生成（内容不同），请核对版本`, `${display}: made from a different file of rubric ${stamp.id ?? ''} ${stamp.version ?? ''}; check the version`));
  const missing = rubric.index.items.filter((i) => !seen.has(i.id) && !i.bonus);
  if (missing.length > 0 && missing.length < rubric.index.items.length)
    warnings.push(t(lang, `${display}：表中没有 ${missing.length} 个评分项的行（如 ${missing.slice(0, 5).map((i) => i.id).join('、')}），按未评分处理`, `${display}: ${missing.length} items have no row (e.g. ${missing.slice(0, 5).map((i) => i.id).join(', ')}); treated as blank`));

  let nameFromFile = false;
  if (!station.name) {
    station.name = display.replace(/\.[^.]+$/, '');
    nameFromFile = true;
    warnings.push(t(lang, `${display}：未填写站点名称，暂用文件名“${station.name}”`, `${display}: no station name filled in; using the file name "${station.name}"`));
  }
  return {
    display,
    sheet: sheet.name,
    station,
    nameFromFile,
    self: parties.self,
    spot: filled.spot ? parties.spot : undefined,
    stamp,
    warnings,
  };
}

/** Open (read-only) and read a station workbook. */
export async function readStationWorkbook(file: string, rubric: LoadedRubric, opts: ReadOptions = {}): Promise<StationWorkbook> {
  const { grid, display } = await openWorkbook(file, { display: opts.display, lang: opts.lang });
  return readStationGrid(grid, rubric, { ...opts, display });
}

export type { SheetGrid };

/** The level number of an applied-for level written as its name (三星级) or number (3). */
function resolveLevel(rubric: LoadedRubric, written: string | number): number | undefined {
  const levels = rubric.data.stars.levels;
  const text = String(written).trim();
  const byName = levels.find((l) => l.name === text);
  if (byName) return byName.level;
  const n = Number(text);
  return Number.isInteger(n) && levels.some((l) => l.level === n) ? n : undefined;
}

/** Where a station-block label is (row, column), for locating a problem with its value. */
function findLabel(sheet: SheetGrid, lastRow: number, labels: readonly string[]): { row: number; col: number } | undefined {
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= Math.min(sheet.columnCount, 60); c++) {
      const v = sheet.get(r, c);
      if (v !== null && labels.includes(cellText(v).trim())) return { row: r, col: c };
    }
  }
  return undefined;
}
