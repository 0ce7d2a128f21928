/**
 * Read one station's workbook: the generated template or a table a station or
 * bureau made itself (a header row with an id or name column and a score
 * column per party). Finds the score sheet (refusing to choose between several
 * unless one is the station's), the header (one or two rows), maps the
 * columns (or takes them from --columns), matches rows to items by id when
 * the ids fit the rubric, else by normalised name (item-names.ts), reads each
 * party's entries, the vetoes and the station block, and checks the sheet's
 * own 合计 against the sum of its item rows. Every cell problem is collected
 * and thrown together as one WorkbookError naming each cell.
 *
 * `readStationGrid` works on a cell grid (any backend); `readStationWorkbook`
 * opens the file read-only first.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { Entry, PartyEntries, StationMeta } from '../score/types.js';
import { UserError } from '../errors.js';
import type { Lang } from '../util/lang.js';
import { t } from '../util/lang.js';
import { Big } from '../score/decimal.js';
import { cellAddress, columnLetters, columnNumber, type CellValue, type SheetGrid, type WorkbookGrid } from '../xlsx/cell-grid.js';
import { cellText, classifyCell, foundOf, isBlankToken, normaliseText, readTextCell, readYesNoCell, numberIn } from './cell-value.js';
import { headerAliases, isPartyRole, normaliseHeader, partyAliases, partyInputRole, partyScoreRole, STATION_LABELS, type ColumnRole } from './columns.js';
import { partyItems } from '../rubric/parties.js';
import { itemNameKey, matchItemName, nameIndex, type NameIndex } from './item-names.js';
import { openWorkbook } from './open-workbook.js';
import type { InputLimits } from '../xlsx/input-limits.js';
import { isPercentItem, readEntry } from './read-entry.js';
import { findHeaderInSheet, looksLikeId, mergeMasters, normaliseId, readStationBlock, shownValue, toStationMeta, type HeaderMatch } from './sheet-layout.js';
import { stationKey } from './station-key.js';
import { META_SHEET } from './template.js';
import { ProblemList, WorkbookError, type WorkbookProblem } from './workbook-error.js';
import { messageOf, problem } from '../problems/render.js';
import type { ProblemLocation } from '../problems/problem.js';
import { roleName, rowByNameText, type HeadingRef, type RoleRef, type RowByName } from '../problems/messages/reader.js';
import { itemRef } from '../score/value-problem.js';
import { must } from '../util/must.js';

export type Party = 'self' | 'spot';

type SpecKey = 'id' | 'name' | 'self' | 'spot' | 'selfInput' | 'spotInput';

/**
 * Columns named on the command line (`--columns self=H,spot=核定得分`): a
 * column letter or header text per role. A rubric with `parties` names each
 * party's columns by the party (`buyer=J`, `采购方得分=J`, `buyerInput=I`):
 * kept in `parties` as written, resolved against the rubric by the reader.
 */
export type ColumnSpec = Partial<Record<SpecKey, string>> & { parties?: Record<string, string> };

const SPEC_ROLE: Record<SpecKey, ColumnRole> = { id: 'id', name: 'name', self: 'selfScore', spot: 'spotScore', selfInput: 'selfInput', spotInput: 'spotInput' };
const isSpecKey = (key: string): key is SpecKey => Object.hasOwn(SPEC_ROLE, key);

/** The base roles and the party keys of a ColumnSpec, as [key, value, role] (role undefined: a party key the rubric does not know). */
function specEntries(rubric: LoadedRubric, spec: ColumnSpec | undefined): [string, string, ColumnRole | undefined][] {
  const out: [string, string, ColumnRole | undefined][] = [];
  for (const key of Object.keys(SPEC_ROLE) as SpecKey[]) {
    const value = spec?.[key];
    if (value !== undefined) out.push([key, value, SPEC_ROLE[key]]);
  }
  if (spec?.parties) {
    const aliases = partyAliases(rubric.data.parties ?? []);
    for (const [key, value] of Object.entries(spec.parties)) out.push([key, value, aliases.get(normaliseHeader(key))]);
  }
  return out;
}

/** Parse `self=H,spot=核定得分` into a ColumnSpec; the part not understood otherwise. */
export function parseColumnSpec(text: string): ColumnSpec | { notUnderstood: string } {
  const spec: ColumnSpec = {};
  for (const part of text
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=:：]+?)\s*[=:：]\s*(.+)$/.exec(part);
    if (!m) return { notUnderstood: part };
    const key = m[1].trim();
    // Any other key is a scoring party's (buyer=J, 采购方得分=J): checked against the rubric when the workbook is read.
    if (isSpecKey(key)) spec[key] = m[2].trim();
    else (spec.parties ??= {})[key] = m[2].trim();
  }
  return spec;
}

/** The --columns option of score and verify: undefined when not given; a usage error when not understood. */
export function columnsOption(text: string | undefined, lang: Lang = 'zh'): ColumnSpec | undefined {
  if (text === undefined) return undefined;
  const spec = parseColumnSpec(text);
  if ('notUnderstood' in spec) {
    const p = problem('COLUMNS_NOT_UNDERSTOOD', 'error', {}, { part: spec.notUnderstood });
    throw new UserError(messageOf(p, lang), { code: 'USAGE', location: '--columns', problem: p });
  }
  return spec;
}

/** The reading options of score and verify (--columns, --sheet), as ScoreOneInput.workbook takes them. */
export function workbookOptions(opts: { columns?: string; sheet?: string }, lang: Lang = 'zh'): Pick<ReadOptions, 'columns' | 'sheet'> | undefined {
  const columns = columnsOption(opts.columns, lang);
  if (!columns && opts.sheet === undefined) return undefined;
  return { ...(columns ? { columns } : {}), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}) };
}

export interface ReadOptions {
  /** Input limits of the run (default DEFAULT_INPUT_LIMITS). */
  limits?: InputLimits;
  /** How messages name the file (default: its base name). */
  display?: string;
  lang?: Lang;
  /** Which party a bare 得分 column belongs to (default self). */
  genericParty?: Party;
  /** Columns named by the user (--columns); they win over the headers. */
  columns?: ColumnSpec;
  /** The sheet to read (--sheet), when the workbook has several score sheets. */
  sheet?: string;
  /** The station this workbook should be (--station/--county): chooses among several score sheets. */
  expect?: { name?: string; county?: string };
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
  /** A rubric with `parties`: the entries of each party whose column the sheet has, by party id. */
  parties?: Record<string, PartyEntries>;
  /** From the hidden _meta sheet of a generated template. */
  stamp?: RubricStamp;
  /** Warnings about the workbook as a whole (made from another rubric, items without a row, no station name), located at the file. */
  warnings: WorkbookProblem[];
  /**
   * Located warnings about how the sheet was read (columns holding numbers
   * that were not placed, rows matched by name, a 合计 that differs, the sheet
   * chosen among several): printed by `score`, listed in 问题清单 by `batch`,
   * and recorded in the result's warnings.
   */
  notes: WorkbookProblem[];
  /** What --verbose prints: the sheet, header row and columns used, and how each row was matched. */
  details: string[];
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

/** Header texts a --columns entry may name, as header roles (so a header found only by them still counts). */
function aliasesWithSpec(rubric: LoadedRubric, spec: ColumnSpec | undefined): Map<string, ColumnRole> {
  const base = headerAliases(rubric.data);
  const texts = specEntries(rubric, spec).filter((e): e is [string, string, ColumnRole] => e[2] !== undefined && !/^[A-Za-z]{1,3}$/.test(e[1]));
  if (texts.length === 0) return base;
  const map = new Map(base);
  for (const [, text, role] of texts) map.set(normaliseHeader(text), role);
  return map;
}

/** One column group entering scores: self, spot, or a scoring party (`party:<id>`, with the items it scores). */
interface Scorer {
  key: string;
  input: ColumnRole;
  score: ColumnRole;
  note: ColumnRole;
  items?: Set<string>;
}

/** The entries of each scoring party found in the sheet, by party id. */
function partyEntries(rubric: LoadedRubric, read: Record<string, PartyEntries>): Record<string, PartyEntries> {
  const out: Record<string, PartyEntries> = {};
  for (const p of rubric.data.parties ?? []) {
    const entries = read[`party:${p.id}`] as PartyEntries | undefined;
    if (entries) out[p.id] = entries;
  }
  return out;
}

const PARTY_COLUMNS: Record<Party, { input: ColumnRole; score: ColumnRole; note: ColumnRole }> = {
  self: { input: 'selfInput', score: 'selfScore', note: 'selfNote' },
  spot: { input: 'spotInput', score: 'spotScore', note: 'reason' },
};
const VALUE_ROLES = ['selfInput', 'selfScore', 'spotInput', 'spotScore'] as const;

/** The roles holding entries among a header's columns: the self and spot ones, and every scoring party's. */
function valueRoles(columns: Partial<Record<ColumnRole, number>>): ColumnRole[] {
  return [...VALUE_ROLES, ...(Object.keys(columns) as ColumnRole[]).filter(isPartyRole)];
}

/** Longer texts are never item or module names (and are not normalised to find out). */
const MAX_NAME_LENGTH = 80;

/** Normalised labels of a sheet's own total rows (合计), compared with the sum of the item rows above. */
const TOTAL_KEYS = new Set(['合计', '总计', '总分', '总得分', '得分合计', '合计得分', '基础分合计', '评分合计', '分数合计', '合计分']);
/** Rows that sum something (小计, 总分（参考）…): never items, never compared. */
const SUM_ROW = /^(?:小计|合计|总计|总分|基础分合计|得分合计)|小计$/;

/** Does the sheet hold any entry in the score or input columns below the header? */
function hasEntries(h: HeaderMatch): boolean {
  for (let r = h.row + 1; r <= h.sheet.rowCount; r++)
    for (const role of valueRoles(h.columns)) {
      const c = h.columns[role];
      if (c !== undefined && classifyCell(h.sheet.get(r, c)).kind !== 'blank') return true;
    }
  return false;
}

type SheetChoice = { ok: true; header: HeaderMatch; note?: WorkbookProblem } | { ok: false; problem: WorkbookProblem };

/**
 * The score sheet: the one named by --sheet; else the only sheet with a score
 * header (visible sheets first, then hidden ones); among several, the only
 * one holding entries, or the only one whose station block is the station's
 * (--station / the file name). Otherwise a refusal listing the sheets: never
 * a silent pick.
 */
function chooseSheet(grid: WorkbookGrid, rubric: LoadedRubric, opts: ReadOptions & { display: string }): SheetChoice | undefined {
  const aliases = aliasesWithSpec(rubric, opts.columns);
  const scoreGiven = [opts.columns?.self, opts.columns?.spot, ...Object.values(opts.columns?.parties ?? {})].some((v) => v !== undefined && /^[A-Za-z]{1,3}$/.test(v));
  const display = opts.display;
  if (opts.sheet !== undefined) {
    const wanted = normaliseHeader(opts.sheet);
    const sheet = grid.sheets.find((s) => s.name === opts.sheet) ?? grid.sheets.find((s) => normaliseHeader(s.name) === wanted);
    const names = grid.sheets.filter((s) => !s.name.startsWith('_')).map((s) => s.name);
    if (!sheet) return { ok: false, problem: problem('SHEET_NOT_FOUND', 'error', { file: display }, { sheet: opts.sheet, sheets: names }, { received: opts.sheet, expected: names }) };
    const header = findHeaderInSheet(sheet, aliases, { scoreGiven });
    if (!header) return { ok: false, problem: problem('SHEET_NO_HEADER', 'error', { file: display, sheet: sheet.name }, { scope: 'sheet' }) };
    return { ok: true, header };
  }
  const find = (sheets: SheetGrid[]) => sheets.map((s) => findHeaderInSheet(s, aliases, { scoreGiven })).filter((h): h is HeaderMatch => h !== undefined);
  let found = find(grid.sheets.filter((s) => s.state === 'visible'));
  if (found.length === 0) found = find(grid.sheets.filter((s) => s.state !== 'visible' && !s.name.startsWith('_')));
  if (found.length <= 1) return found.length === 1 ? { ok: true, header: found[0] } : undefined;
  const list = (hs: HeaderMatch[]) => hs.map((h) => h.sheet.name);
  const filled = found.filter(hasEntries);
  if (filled.length === 1)
    return {
      ok: true,
      header: filled[0],
      note: problem('SHEET_CHOSEN', 'warning', { file: display, sheet: filled[0].sheet.name }, { count: found.length, sheets: list(found), chosen: filled[0].sheet.name, why: 'filled' }),
    };
  const candidates = filled.length > 1 ? filled : found;
  const expected = opts.expect?.name ? stationKey(opts.expect.name, opts.expect.county) : stationKey(display.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''), '');
  const sameStation = candidates.filter((h) => {
    const meta = toStationMeta(readStationBlock(h.sheet, h.row - 1));
    if (!meta.name) return false;
    const key = stationKey(meta.name, opts.expect?.name ? meta.county : '');
    return key === expected || (!opts.expect?.name && stationKey(meta.name, meta.county).split('|')[1] === expected.split('|')[1]);
  });
  if (sameStation.length === 1)
    return {
      ok: true,
      header: sameStation[0],
      note: problem(
        'SHEET_CHOSEN',
        'warning',
        { file: display, sheet: sameStation[0].sheet.name },
        { count: candidates.length, sheets: list(candidates), chosen: sameStation[0].sheet.name, why: 'station' },
      ),
    };
  return {
    ok: false,
    problem: problem('SHEET_AMBIGUOUS', 'error', { file: display }, { count: candidates.length, sheets: list(candidates), last: candidates[candidates.length - 1].sheet.name }),
  };
}

/** Column of a --columns value: a letter, or the header text in the header row or the row above. */
function specColumn(h: HeaderMatch, value: string): number | undefined {
  if (/^[A-Za-z]{1,3}$/.test(value)) return columnNumber(value.toUpperCase());
  const wanted = normaliseHeader(value);
  for (const r of [h.row, h.row - 1]) {
    if (r < 1) continue;
    for (let c = 1; c <= Math.min(h.sheet.columnCount, 200); c++) if (normaliseHeader(cellText(h.sheet.get(r, c))) === wanted) return c;
  }
  for (const [c, label] of h.labels) if (normaliseHeader(label.replace('/', '')) === wanted) return c;
  return undefined;
}

/** A role as messages name it: 自评得分, or a party's 采购方得分 / 采购方填报. */
function roleRef(rubric: LoadedRubric, role: ColumnRole): RoleRef {
  if (!isPartyRole(role)) return role;
  const [, id, which] = role.split(':');
  return { party: rubric.data.parties?.find((p) => p.id === id)?.name ?? id, which: which === 'input' ? 'input' : 'score' };
}

/** The number a name starts with, as an id ("2 服务质量", "2.1、个案服务" → 2, 2.1); '' when none. */
function leadingId(text: string): string {
  const m = /^([A-Za-z]{0,3}\d+(?:[.．]\d+)*)(?:[.、．)）]?\s+|[.、．)）])/.exec(text.normalize('NFKC'));
  return m ? m[1].replace(/．/g, '.') : '';
}

/**
 * The rows of a score sheet below its header, read one at a time: each row
 * an item (by id or by name), a veto, a heading, a 合计 or nothing; what is
 * found is kept here. One small method per kind of row: a batch reads
 * thousands of sheets, and V8 compiles small methods quickly and once, where
 * one function of the whole reader was compiled a dozen times at over a
 * second of CPU each.
 */
class SheetRows {
  /** The normalised id of each row (index = row number). */
  readonly ids: string[] = [];
  /** Rows are matched by name: the names fit the rubric better than the ids. */
  byName = false;
  readonly names: NameIndex;
  readonly vetoIds: Set<string>;
  readonly moduleIds: Set<string>;
  readonly seen = new Map<string, number>();
  readonly unknown: { id: string; row: number }[] = [];
  matched = 0;
  readonly how = { id: 0, name: 0, alias: 0 };
  firstByName: RowByName | undefined = undefined;
  /**
   * Who enters scores in this sheet: the self-assessment, the spot check and, for a rubric with
   * `parties`, each scoring party found (its 填报 and 得分 columns; notes in 扣分原因).
   */
  readonly scorers: Scorer[];
  readonly parties: Record<string, PartyEntries>;
  readonly filled: Record<string, boolean>;
  /** The roles holding entries (valueRoles). */
  readonly values: ColumnRole[];
  /** The sheet's own arithmetic: running sums of each score column over the item rows above (a 合计 row is compared with them). */
  readonly sumColumns: number[];
  readonly sums: ExactSum[];
  /** For each scorer, the index of its score column in sumColumns. */
  readonly scorerSum: number[];
  /** The current item row's cells in sumColumns. */
  readonly scoreCells: CellValue[];
  /** The module block the current row sits in. */
  module: string | undefined = undefined;
  readonly typedAs = { dash: {} as Record<string, string[]>, slash: {} as Record<string, string[]> };

  constructor(
    readonly sheet: SheetGrid,
    readonly rubric: LoadedRubric,
    readonly display: string,
    readonly columns: Partial<Record<ColumnRole, number>>,
    readonly nameColumns: number[],
    readonly masters: ReadonlyMap<number, [number, number]>,
    readonly problems: ProblemList,
    readonly notes: WorkbookProblem[],
    readonly details: string[],
    readonly lang: Lang,
  ) {
    this.names = nameIndex(rubric);
    this.vetoIds = new Set(rubric.data.vetoes.map((v) => v.id));
    this.moduleIds = new Set(rubric.data.modules.map((m) => m.id));
    const scorers: Scorer[] = [
      { key: 'self', ...PARTY_COLUMNS.self },
      { key: 'spot', ...PARTY_COLUMNS.spot },
      ...(rubric.data.parties ?? [])
        .filter((p) => columns[partyScoreRole(p.id)] !== undefined || columns[partyInputRole(p.id)] !== undefined)
        .map((p): Scorer => ({ key: `party:${p.id}`, input: partyInputRole(p.id), score: partyScoreRole(p.id), note: 'reason', items: new Set(partyItems(rubric.data, p).items) })),
    ].filter((sc) => columns[sc.input] !== undefined || columns[sc.score] !== undefined);
    this.scorers = scorers;
    const parties: Record<string, PartyEntries> = { self: { items: {}, source: display } };
    const filled: Record<string, boolean> = { self: false };
    for (const sc of scorers) {
      parties[sc.key] = { items: {}, source: display };
      filled[sc.key] = false;
    }
    this.parties = parties;
    this.filled = filled;
    this.values = valueRoles(columns);
    this.sumColumns = [...new Set(scorers.map((sc) => columns[sc.score]).filter((c): c is number => c !== undefined))];
    this.sums = this.sumColumns.map(() => new ExactSum());
    this.scorerSum = scorers.map((sc) => (columns[sc.score] === undefined ? -1 : this.sumColumns.indexOf(must(columns[sc.score]))));
    this.scoreCells = this.sumColumns.map(() => null);
  }

  at(r: number, c: number): string {
    return `${this.display} › ${this.sheet.name}!${cellAddress(r, c)}`;
  }

  loc(r: number, c: number): ProblemLocation {
    return { file: this.display, sheet: this.sheet.name, cell: cellAddress(r, c) };
  }

  get(r: number, c: number | undefined): CellValue | undefined {
    return c === undefined ? undefined : this.sheet.get(r, c);
  }

  /** A cell's text as an item or module name; long texts (rules, contents) are never names and are not normalised. */
  nameText(r: number, c: number, shown = false): string {
    const v = shown ? shownValue(this.sheet, this.masters, r, c) : this.sheet.get(r, c);
    if (v === null || (typeof v === 'string' && v.length > MAX_NAME_LENGTH)) return '';
    const text = cellText(v).trim();
    return text.length > MAX_NAME_LENGTH ? '' : text;
  }

  filledAt(r: number, c: number | undefined): boolean {
    return c !== undefined && classifyCell(this.sheet.get(r, c)).kind !== 'blank';
  }

  /** The first of the entry columns filled in row r. */
  firstFilled(r: number): number | undefined {
    for (const role of this.values) {
      const c = this.columns[role];
      if (this.filledAt(r, c)) return c;
    }
    return undefined;
  }

  /** The ids of the rows from `first` on, and whether the ids (or the names) fit the rubric better. */
  chooseKeys(first: number): { idHits: number; nameHits: number } {
    const { sheet, columns, nameColumns, rubric, names, vetoIds } = this;
    let idHits = 0;
    let nameHits = 0;
    // Names are looked at only on rows whose id does not fit: what they would add beyond the ids.
    for (let r = first; r <= sheet.rowCount; r++) {
      const id = columns.id !== undefined ? normaliseId(sheet.get(r, columns.id)) : '';
      this.ids[r] = id;
      if (id && (rubric.index.itemsById.has(id) || vetoIds.has(id))) idHits++;
      else if (nameColumns.some((c) => matchItemName(names, this.nameText(r, c), undefined).kind === 'item')) nameHits++;
    }
    this.byName = nameHits > idHits;
    return { idHits, nameHits };
  }

  /** One row below the header. */
  readRow(r: number): void {
    const id = this.ids[r];
    // The common case, a row whose id is an item's: nothing to find out from its names.
    const idItem = !this.byName && id ? this.rubric.index.itemsById.get(id) : undefined;
    if (idItem === undefined) this.readOtherRow(r, id);
    else {
      if (this.moduleIds.has(id)) this.module = id;
      this.readItemRow(r, idItem, 'id', '');
    }
  }

  /** A row whose id is no item's (or rows are matched by name): a 合计, a veto, a heading, an item by name, or nothing. */
  readOtherRow(r: number, id: string): void {
    const { sheet, columns, nameColumns, rubric, names, vetoIds, moduleIds, byName, problems, parties, filled, unknown, scorers } = this;
    const texts = nameColumns.map((c) => this.nameText(r, c));
    // The module block: a row (or a merged 一级指标 cell) naming a module.
    for (const c of nameColumns) {
      const shown = this.nameText(r, c, true);
      const m = shown === '' ? undefined : names.modules.get(itemNameKey(shown));
      if (m !== undefined) this.module = m;
    }
    if (!byName && id && moduleIds.has(id)) this.module = id;
    const keyText = id !== '' ? id : firstText(texts);
    const key = itemNameKey(keyText);
    if (TOTAL_KEYS.has(key) || SUM_ROW.test(key)) {
      if (TOTAL_KEYS.has(key)) this.compareTotal(r);
      return;
    }
    // Vetoes: by id, or by name.
    const vetoId = !byName && id && vetoIds.has(id) ? id : vetoNamed(names, texts);
    if (vetoId !== undefined && !(id && rubric.index.itemsById.has(id) && !byName)) {
      for (const pc of scorers) {
        const col = columns[pc.input] ?? columns[pc.score];
        if (col === undefined) continue;
        const v = readYesNoCell(sheet.get(r, col), { allowNa: false });
        if (!v.ok) problems.cell(this.loc(r, col), v.issue);
        else if (v.value.kind === 'met') {
          (parties[pc.key].vetoes ??= {})[vetoId] = v.value.met;
          filled[pc.key] = true;
        }
      }
      return;
    }
    let item: ItemInfo | undefined;
    let matchedBy: 'id' | 'name' | 'alias' = 'id';
    let heading = false;
    let ambiguous: { col: number; text: string; items: ItemInfo[] } | undefined;
    let matchedText = '';
    // A module or indicator heading: its id in the id column (when the ids fit); else, when the
    // ids do not fit or the row has none, an id (or a name's leading number, "2 服务质量") that is a
    // heading's, on a row naming only that heading: the id decides, so a module named like one of
    // its items is still the module (a row numbered 1 beside a merged 一级指标 cell and an item's
    // name is the item's).
    let headingId: string | undefined;
    if (!byName && id && rubric.index.nodesById.has(id)) headingId = id;
    if (!item && headingId === undefined && (byName || !id || !looksLikeId(id))) {
      const rowId = id && looksLikeId(id) ? id : leadingId(firstText(texts));
      const node = rowId && !rubric.index.itemsById.has(rowId) ? rubric.index.nodesById.get(rowId) : undefined;
      const named = texts.filter((x) => x !== '');
      if (node && named.length > 0 && named.every((x) => itemNameKey(x) === itemNameKey(node.name))) headingId = rowId;
    }
    if (headingId !== undefined) {
      if (moduleIds.has(headingId)) this.module = headingId;
      const node = must(rubric.index.nodesById.get(headingId));
      this.headingScores(r, { id: node.id, name: node.name });
      return;
    }
    if (!item && (byName || !id || !looksLikeId(id))) {
      for (let k = 0; k < nameColumns.length && !item; k++) {
        if (!texts[k]) continue;
        const m = matchItemName(names, texts[k], this.module);
        if (m.kind === 'item') {
          item = m.item;
          matchedBy = m.how;
          matchedText = texts[k];
        } else if (m.kind === 'ambiguous') ambiguous ??= { col: nameColumns[k], text: texts[k], items: m.items };
        else {
          const k2 = itemNameKey(texts[k]);
          if (names.modules.has(k2) || names.indicators.has(k2)) heading = true;
        }
      }
    }
    if (!item) {
      const valueCol = this.firstFilled(r);
      if (!byName && id && looksLikeId(id)) {
        unknown.push({ id, row: r });
        return;
      }
      if (heading && !ambiguous) {
        this.headingScores(r, { text: texts.find((x) => x !== '') ?? '' });
        return;
      }
      if (valueCol === undefined) return;
      const cell = cellAddress(r, valueCol);
      const found = foundOf(sheet.get(r, valueCol));
      if (ambiguous)
        problems.add(
          this.loc(r, ambiguous.col),
          'ROW_AMBIGUOUS_NAME',
          { text: ambiguous.text, items: ambiguous.items.map(itemRef), cell, found },
          { received: ambiguous.text, expected: ambiguous.items.map((i) => i.id) },
        );
      else if (keyText !== '')
        problems.add(
          this.loc(r, columns.id !== undefined && id ? columns.id : (nameColumns.find((c, k) => texts[k] !== '') ?? valueCol)),
          'ROW_UNMATCHED',
          { text: keyText, rubricId: rubric.data.id, cell, found },
          { received: keyText },
        );
      else problems.add(this.loc(r, valueCol), 'ROW_NO_KEY', { cell, found }, { received: found });
      return;
    }
    this.readItemRow(r, item, matchedBy, matchedText);
  }

  /** A row matched to an item: its entry for each scorer. */
  readItemRow(r: number, item: ItemInfo, matchedBy: 'id' | 'name' | 'alias', matchedText: string): void {
    const { sheet, columns, nameColumns, lang, problems, parties, filled, seen, how, details, sums, sumColumns, scorers } = this;
    this.matched++;
    how[matchedBy]++;
    if (matchedBy !== 'id') {
      const byName: RowByName = { row: r, text: matchedText, item: itemRef(item), how: matchedBy };
      this.firstByName ??= byName;
      details.push(`  ${rowByNameText(byName, lang)}`);
    }
    const previous = seen.get(item.id);
    if (previous !== undefined) {
      problems.add(this.loc(r, columns.id ?? nameColumns.at(0) ?? 1), 'ROW_DUPLICATE_ITEM', { item: itemRef(item), row: previous });
      return;
    }
    seen.set(item.id, r);
    // Each cell fetched once (a fetch decodes it): for the sums, the entry, what was typed and the source.
    const scoreCells = this.scoreCells;
    for (let k = 0; k < sumColumns.length; k++) {
      scoreCells[k] = sheet.get(r, sumColumns[k]);
      sums[k].add(numberIn(scoreCells[k]));
    }
    for (let k = 0; k < scorers.length; k++) {
      const pc = scorers[k];
      const inputCol = columns[pc.input];
      const scoreCol = columns[pc.score];
      const inputRaw = this.get(r, inputCol);
      const scoreRaw = scoreCol === undefined ? undefined : scoreCells[this.scorerSum[k]];
      // The number format matters only to a percent item's 填报.
      const format = inputCol !== undefined && isPercentItem(item) ? sheet.numberFormat(r, inputCol) : undefined;
      const res = readEntry(item, inputRaw, scoreRaw ?? null, format);
      if (!res.ok) {
        problems.cell(this.loc(r, (res.at === 'input' ? inputCol : scoreCol) ?? scoreCol ?? must(inputCol)), res.issue);
        continue;
      }
      // What was typed when it reads as blank or N/A by convention ("—", "/"): said, with the cells.
      if (typeof inputRaw === 'string') this.typedText(r, inputCol, inputRaw, res.value.kind);
      if (typeof scoreRaw === 'string') this.typedText(r, scoreCol, scoreRaw, res.value.kind);
      const note = columns[pc.note] !== undefined ? readTextCell(sheet.get(r, must(columns[pc.note]))) : '';
      // A note beside a blank cell belongs to a party only where it scores the item.
      if (res.value.kind === 'blank' && (!note || (pc.items && !pc.items.has(item.id)))) continue;
      const sourceCol = res.value.kind !== 'blank' && inputCol !== undefined && inputRaw !== undefined && readTextCell(inputRaw) !== '' ? inputCol : (scoreCol ?? must(inputCol));
      const entry: Entry = { value: res.value, source: this.at(r, sourceCol) };
      if (note) entry.note = note;
      parties[pc.key].items[item.id] = entry;
      if (res.value.kind !== 'blank') filled[pc.key] = true;
    }
  }

  /** A typed "—" (read as blank) or "/" (read as N/A), kept to be said with its cells. */
  typedText(r: number, c: number | undefined, raw: string, kind: string): void {
    if (c === undefined || raw.length > 8) return; // typed text only: numbers and formulas are not "—"
    const typed = normaliseText(raw);
    if (typed === '') return;
    if (isBlankToken(typed)) (this.typedAs.dash[typed] ??= []).push(cellAddress(r, c));
    else if (typed === '/' && kind === 'na') (this.typedAs.slash[typed] ??= []).push(cellAddress(r, c));
  }

  /** A heading row is not scored: a value in a party's column there is refused at its cell, never dropped. */
  headingScores(r: number, heading: HeadingRef): void {
    const { columns, values, sheet, problems, rubric } = this;
    const done = new Set<number>();
    for (const role of values) {
      const c = columns[role];
      if (c === undefined || done.has(c) || !this.filledAt(r, c)) continue;
      done.add(c);
      const found = foundOf(sheet.get(r, c));
      problems.add(this.loc(r, c), 'HEADING_ROW_SCORED', { heading, role: roleRef(rubric, role), cell: cellAddress(r, c), found }, { received: found });
    }
  }

  /** A 合计 row: each score column's value against the sum of the item rows above it. */
  compareTotal(r: number): void {
    const { sumColumns, sums, sheet, notes } = this;
    for (let k = 0; k < sumColumns.length; k++) {
      const c = sumColumns[k];
      const m = classifyCell(sheet.get(r, c));
      if (m.kind !== 'number') continue;
      const sum = sums[k].value();
      if (sum.eq(m.value)) continue;
      const diff = new Big(m.value).minus(sum);
      notes.push(problem('TOTAL_MISMATCH', 'warning', this.loc(r, c), { total: m.value, sum: sum.toString(), diff: diff.toString() }, { received: m.value, expected: sum.toString() }));
    }
  }
}

/**
 * An exact running sum of numbers (a column's item rows): in thousandths as a
 * whole number while every number is one (scores are), else in decimals.
 */
class ExactSum {
  private milli = 0;
  private big: Big | undefined = undefined;

  add(n: number | undefined): void {
    if (n === undefined) return;
    if (this.big === undefined) {
      const m = Math.round(n * 1000);
      // m / 1000 === n: n is the double of a decimal with at most three places (exactly that decimal below 1e9).
      if (Math.abs(n) < 1e9 && m / 1000 === n) {
        this.milli += m;
        return;
      }
      this.big = new Big(`${this.milli}e-3`);
    }
    this.big = this.big.plus(n);
  }

  value(): Big {
    return this.big ?? new Big(`${this.milli}e-3`);
  }
}

/** The first text that is not '' ('' when none). */
function firstText(texts: readonly string[]): string {
  for (const x of texts) if (x !== '') return x;
  return '';
}

/** The veto the first of the texts naming one names. */
function vetoNamed(names: NameIndex, texts: readonly string[]): string | undefined {
  for (const x of texts) {
    const v = names.vetoes.get(itemNameKey(x));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** How many of the rows (the values of `rows`) hold a number in column `c`. */
function numbersInColumn(sheet: SheetGrid, rows: ReadonlyMap<string, number>, c: number): number {
  let count = 0;
  for (const r of rows.values()) {
    const v = sheet.get(r, c);
    // Numbers, and short texts that may be numbers ("10分"); rule texts and notes are not looked at.
    if (v === null || (typeof v === 'string' && v.length > 16) || (typeof v === 'object' && 'richText' in v)) continue;
    if (numberIn(v) !== undefined) count++;
  }
  return count;
}

/** Read a station workbook from its grid. Throws WorkbookError with every problem found. */
export function readStationGrid(grid: WorkbookGrid, rubric: LoadedRubric, opts: ReadOptions & { display: string }): StationWorkbook {
  const lang = opts.lang ?? 'zh';
  const display = opts.display;
  const problems = new ProblemList(lang);
  const notes: WorkbookProblem[] = [];
  const details: string[] = [];
  const stamp = readStamp(grid);
  const choice = chooseSheet(grid, rubric, opts);
  if (!choice) {
    problems.add({ file: display }, 'SHEET_NO_HEADER', { scope: 'workbook', rubricId: rubric.data.id, ...(stamp?.id && stamp.id !== rubric.data.id ? { stamp: stamp.id } : {}) });
    problems.throwIfAny();
  }
  const picked = must(choice);
  if (!picked.ok) {
    problems.problems.push(picked.problem);
    problems.throwIfAny();
  }
  const header = (choice as Extract<SheetChoice, { ok: true }>).header;
  const { sheet, row: headerRow } = header;
  /** A cell as a problem's location (SheetRows.at: as an entry's source, `file › sheet!A1`). */
  const loc = (r: number, c: number): ProblemLocation => ({ file: display, sheet: sheet.name, cell: cellAddress(r, c) });
  const onSheet: ProblemLocation = { file: display, sheet: sheet.name };
  const chosen = (choice as Extract<SheetChoice, { ok: true }>).note;
  if (chosen) notes.push(chosen);

  // ── columns: the header's, a bare 得分 for the party the file was given for, then --columns ──
  const columns: Partial<Record<ColumnRole, number>> = { ...header.columns };
  let nameColumns = [...header.nameColumns];
  if (columns.score !== undefined) {
    const role = PARTY_COLUMNS[opts.genericParty ?? 'self'].score;
    if (columns[role] === undefined) columns[role] = columns.score;
  }
  const partyKeyOf = new Map<ColumnRole, string>();
  for (const [key, value, role] of specEntries(rubric, opts.columns)) {
    if (role === undefined) {
      problems.push(
        problem(
          'COLUMNS_UNKNOWN_KEY',
          'error',
          { path: '--columns' },
          { key, roles: Object.keys(SPEC_ROLE), parties: (rubric.data.parties ?? []).map((p) => `${p.id}（${p.name}）`) },
          { received: key, expected: [...Object.keys(SPEC_ROLE), ...(rubric.data.parties ?? []).map((p) => p.id)] },
        ),
      );
      continue;
    }
    if (isPartyRole(role)) {
      const first = partyKeyOf.get(role);
      if (first !== undefined) {
        const party = must(rubric.data.parties?.find((p) => role === partyScoreRole(p.id) || role === partyInputRole(p.id)));
        problems.push(problem('COLUMNS_PARTY_TWICE', 'error', { path: '--columns' }, { key, first, party: party.name }, { received: key }));
        continue;
      }
      partyKeyOf.set(role, key);
    }
    const c = specColumn(header, value);
    if (c === undefined) {
      const headers = [...header.labels.values()];
      problems.add(onSheet, 'COLUMNS_NOT_FOUND', { key, value, headerRow, headers }, { received: value, expected: headers });
      continue;
    }
    columns[role] = c;
    if (role === 'name') nameColumns = [c];
  }
  problems.throwIfAny();
  const label = (c: number) => header.labels.get(c) ?? cellText(sheet.get(headerRow, c));
  details.push(
    t(lang, `${display}：读取工作表“${sheet.name}”，第 ${headerRow} 行为表头`, `${display}: sheet "${sheet.name}", header row ${headerRow}`),
    ...(Object.entries(columns) as [ColumnRole, number][])
      .filter(([role]) => role !== 'score')
      .sort((x, y) => x[1] - y[1])
      .map(([role, c]) => `  ${roleName(roleRef(rubric, role), lang)} = ${columnLetters(c)}${label(c) ? `“${label(c)}”` : ''}`),
  );
  if (nameColumns.length > 1) details.push(`  ${t(lang, '名称列', 'name columns')} = ${nameColumns.map((c) => `${columnLetters(c)}“${label(c)}”`).join('、')}`);

  const masters: ReadonlyMap<number, [number, number]> = nameColumns.length > 0 ? mergeMasters(sheet) : new Map<number, [number, number]>();
  const block = readStationBlock(sheet, headerRow - 1);
  const station = toStationMeta(block);
  // 评估日期 that is no day (toStationMeta kept it out): refused at its cell, never dropped.
  if (block.evaluationDate !== undefined && station.evaluationDate === undefined) {
    const labelAt = findLabel(sheet, headerRow - 1, STATION_LABELS.evaluationDate);
    problems.push(problem('EVALUATION_DATE_INVALID', 'error', labelAt ? loc(labelAt.row, labelAt.col + 1) : onSheet, { text: String(block.evaluationDate) }, { received: block.evaluationDate }));
  }
  if (rubric.data.stars.target !== 'none' && block.targetLevel !== undefined) {
    const level = resolveLevel(rubric, block.targetLevel);
    if (level !== undefined) station.targetLevel = level;
    else {
      const labelAt = findLabel(sheet, headerRow - 1, STATION_LABELS.targetLevel);
      const levels = rubric.data.stars.levels.map((l) => l.name);
      problems.add(labelAt ? loc(labelAt.row, labelAt.col + 1) : onSheet, 'CELL_UNKNOWN_LEVEL', { value: String(block.targetLevel), levels }, { received: block.targetLevel, expected: levels });
    }
  }
  const rows = new SheetRows(sheet, rubric, display, columns, nameColumns, masters, problems, notes, details, lang);
  // ── ids or names: the ids are used when they fit the rubric at least as well as the names ──
  const { idHits, nameHits } = rows.chooseKeys(headerRow + 1);
  if (rows.byName && columns.id !== undefined)
    details.push(t(lang, `  编号列只有 ${idHits} 行与细则相符，名称有 ${nameHits} 行相符：按名称对应评分项`, `  only ${idHits} ids fit the rubric, ${nameHits} names do: rows matched by name`));
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) rows.readRow(r);
  const { seen, unknown, matched, how, firstByName, parties, filled, typedAs, values } = rows;
  const filledAt = (r: number, c: number | undefined) => rows.filledAt(r, c);
  // A workbook of another rubric: most ids unknown.
  if (unknown.length >= 3 && unknown.length > matched) {
    const other = stamp?.id && stamp.id !== rubric.data.id ? { stamp: { id: stamp.id, ...(stamp.version ? { version: stamp.version } : {}) } } : {};
    const params = { rubricId: rubric.data.id, version: rubric.data.version, ...other, unknown: unknown.length, examples: unknown.slice(0, 5).map((u) => u.id), matched };
    throw new WorkbookError([problem('WORKBOOK_OTHER_RUBRIC', 'error', onSheet, params, { received: stamp?.id, expected: rubric.data.id })], lang);
  }
  for (const u of unknown) {
    if (values.some((role) => filledAt(u.row, columns[role])))
      problems.add(loc(u.row, must(columns.id)), 'ROW_UNKNOWN_ITEM', { id: foundOf(sheet.get(u.row, must(columns.id))), rubricId: rubric.data.id }, { received: u.id });
  }
  if (matched === 0 && problems.size === 0) problems.add(onSheet, 'WORKBOOK_NO_ITEMS', { headerRow, rubricId: rubric.data.id });
  problems.throwIfAny();

  // ── columns holding numbers in item rows that no role took ──
  const placed = new Set<number>([...Object.values(columns).filter((c): c is number => c !== undefined), ...nameColumns]);
  const width = Math.min(sheet.columnCount, 200);
  for (let c = 1; c <= width; c++) {
    if (placed.has(c)) continue;
    const count = numbersInColumn(sheet, seen, c);
    if (count === 0) continue;
    const head = label(c) || cellText(sheet.get(headerRow, c));
    const letter = columnLetters(c);
    const partyIds = (rubric.data.parties ?? []).map((p) => p.id);
    notes.push(problem('COLUMN_UNPLACED', 'warning', loc(headerRow, c), { column: letter, header: head, count, ...(partyIds.length > 0 ? { parties: partyIds } : {}) }));
  }
  for (const [code, typed, list] of [
    ...Object.entries(typedAs.dash).map(([typed, list]) => ['CELL_TYPED_DASH', typed, list] as const),
    ...Object.entries(typedAs.slash).map(([typed, list]) => ['CELL_TYPED_SLASH', typed, list] as const),
  ])
    notes.push(problem(code, 'warning', { ...onSheet, cell: list[0] }, { typed, cells: list.slice(0, 8), count: list.length }, { received: typed }));
  if (firstByName) notes.push(problem('ROWS_MATCHED_BY_NAME', 'warning', onSheet, { byName: how.name, byAlias: how.alias, byId: how.id, first: firstByName }));

  const warnings: WorkbookProblem[] = [];
  const file: ProblemLocation = { file: display };
  if (stamp?.id && stamp.id !== rubric.data.id) warnings.push(problem('WORKBOOK_FROM_OTHER_RUBRIC', 'warning', file, { stamp: stamp.id, rubricId: rubric.data.id }));
  else if (stamp?.sha256 && stamp.sha256 !== rubric.sha256) warnings.push(problem('WORKBOOK_OTHER_FILE', 'warning', file, { id: stamp.id ?? '', version: stamp.version ?? '' }));
  const missing = rubric.index.items.filter((i) => !seen.has(i.id) && !i.bonus);
  if (missing.length > 0 && missing.length < rubric.index.items.length)
    warnings.push(problem('ITEMS_WITHOUT_ROWS', 'warning', file, { count: missing.length, examples: missing.slice(0, 5).map((i) => i.id) }));

  let nameFromFile = false;
  if (!station.name) {
    station.name = display.replace(/\.[^.]+$/, '');
    nameFromFile = true;
    warnings.push(problem('STATION_NAME_FROM_FILE', 'warning', file, { name: station.name }));
  }
  return {
    display,
    sheet: sheet.name,
    station,
    nameFromFile,
    self: parties.self,
    spot: filled.spot ? parties.spot : undefined,
    ...(rubric.data.parties ? { parties: partyEntries(rubric, parties) } : {}),
    stamp,
    warnings,
    notes,
    details,
  };
}

/** Open (read-only) and read a station workbook. */
export async function readStationWorkbook(file: string, rubric: LoadedRubric, opts: ReadOptions = {}): Promise<StationWorkbook> {
  const { grid, display } = await openWorkbook(file, { display: opts.display, lang: opts.lang, limits: opts.limits });
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
export function findLabel(sheet: SheetGrid, lastRow: number, labels: readonly string[]): { row: number; col: number } | undefined {
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= Math.min(sheet.columnCount, 60); c++) {
      const v = sheet.get(r, c);
      if (v !== null && labels.includes(cellText(v).trim())) return { row: r, col: c };
    }
  }
  return undefined;
}
