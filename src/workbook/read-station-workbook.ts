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
import { cellText, classifyCell, describeFound, readTextCell, readYesNoCell } from './cell-value.js';
import { headerAliases, isPartyRole, normaliseHeader, partyAliases, partyInputRole, partyScoreRole, STATION_LABELS, type ColumnRole, type PartyColumnRole } from './columns.js';
import { partyItems } from '../rubric/parties.js';
import { problem as catalogued } from '../problems/render.js';
import { itemNameKey, matchItemName, nameIndex } from './item-names.js';
import { openWorkbook } from './open-workbook.js';
import type { InputLimits } from '../xlsx/input-limits.js';
import { readEntry } from './read-entry.js';
import { findHeaderInSheet, looksLikeId, mergeMasters, normaliseId, readStationBlock, shownValue, toStationMeta, type HeaderMatch } from './sheet-layout.js';
import { stationKey } from './station-key.js';
import { META_SHEET } from './template.js';
import { ProblemList, WorkbookError, type WorkbookProblem } from './workbook-error.js';
import { parseLocation, problem } from '../problems/render.js';
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

/** Parse `self=H,spot=核定得分` into a ColumnSpec; a message for anything else. */
export function parseColumnSpec(text: string, lang: Lang = 'zh'): ColumnSpec | { error: string } {
  const spec: ColumnSpec = {};
  for (const part of text
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=:：]+?)\s*[=:：]\s*(.+)$/.exec(part);
    if (!m)
      return {
        error: t(
          lang,
          `--columns 的“${part}”无法识别：应为 self=列, spot=列（列为字母如 H，或表头文字如 核定得分；还可用 id= name= selfInput= spotInput=；细则有评分方时写 评分方编号=列，如 buyer=J）`,
          `--columns "${part}" not understood: expected self=COL, spot=COL (a letter like H or the header text; also id= name= selfInput= spotInput=; for a rubric with parties PARTY=COL, e.g. buyer=J)`,
        ),
      };
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
  const spec = parseColumnSpec(text, lang);
  if ('error' in spec) throw new UserError(spec.error, { code: 'USAGE', location: '--columns' });
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
  warnings: string[];
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

type SheetChoice = { ok: true; header: HeaderMatch; note?: [string, string] } | { ok: false; problem: WorkbookProblem };

/** A problem at `location` (`file › sheet!A1`) with its message in both languages. */
function located(location: string, code: string, severity: 'error' | 'warning', zh: string, en: string): WorkbookProblem {
  return { code, severity, location: parseLocation(location), text: { zh, en } };
}

/**
 * The score sheet: the one named by --sheet; else the only sheet with a score
 * header (visible sheets first, then hidden ones); among several, the only
 * one holding entries, or the only one whose station block is the station's
 * (--station / the file name). Otherwise a refusal listing the sheets: never
 * a silent pick.
 */
function chooseSheet(grid: WorkbookGrid, rubric: LoadedRubric, opts: ReadOptions & { display: string }, _lang: Lang): SheetChoice | undefined {
  const aliases = aliasesWithSpec(rubric, opts.columns);
  const scoreGiven = [opts.columns?.self, opts.columns?.spot, ...Object.values(opts.columns?.parties ?? {})].some((v) => v !== undefined && /^[A-Za-z]{1,3}$/.test(v));
  const display = opts.display;
  if (opts.sheet !== undefined) {
    const wanted = normaliseHeader(opts.sheet);
    const sheet = grid.sheets.find((s) => s.name === opts.sheet) ?? grid.sheets.find((s) => normaliseHeader(s.name) === wanted);
    const names = grid.sheets
      .filter((s) => !s.name.startsWith('_'))
      .map((s) => `“${s.name}”`)
      .join('、');
    if (!sheet)
      return { ok: false, problem: located(display, 'SHEET_NOT_FOUND', 'error', `没有名为“${opts.sheet}”的工作表（本文件有：${names}）`, `no sheet named "${opts.sheet}" (sheets: ${names})`) };
    const header = findHeaderInSheet(sheet, aliases, { scoreGiven });
    if (!header)
      return {
        ok: false,
        problem: located(
          `${display} › ${sheet.name}`,
          'SHEET_NO_HEADER',
          'error',
          '该工作表前 50 行里没有同时含“编号”或名称列和得分列的表头',
          'this sheet has no header row (within 50 rows) with an id or name column and a score column',
        ),
      };
    return { ok: true, header };
  }
  const find = (sheets: SheetGrid[]) => sheets.map((s) => findHeaderInSheet(s, aliases, { scoreGiven })).filter((h): h is HeaderMatch => h !== undefined);
  let found = find(grid.sheets.filter((s) => s.state === 'visible'));
  if (found.length === 0) found = find(grid.sheets.filter((s) => s.state !== 'visible' && !s.name.startsWith('_')));
  if (found.length <= 1) return found.length === 1 ? { ok: true, header: found[0] } : undefined;
  const list = (hs: HeaderMatch[]) => hs.map((h) => `“${h.sheet.name}”`).join('、');
  const filled = found.filter(hasEntries);
  if (filled.length === 1)
    return {
      ok: true,
      header: filled[0],
      note: [
        `工作簿有 ${found.length} 个评分表（${list(found)}），只有“${filled[0].sheet.name}”填了分数，按它评分`,
        `${found.length} score sheets (${list(found)}); only "${filled[0].sheet.name}" holds scores and is read`,
      ],
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
      note: [
        `工作簿有 ${candidates.length} 个评分表（${list(candidates)}），按站点信息与本站相符的“${sameStation[0].sheet.name}”评分`,
        `${candidates.length} score sheets (${list(candidates)}); "${sameStation[0].sheet.name}" is this station's and is read`,
      ],
    };
  return {
    ok: false,
    problem: located(
      display,
      'SHEET_AMBIGUOUS',
      'error',
      `工作簿中有 ${candidates.length} 个评分表（${list(candidates)}），无法判断以哪个为准：请删除多余的工作表，或用 --sheet 指定，如 --sheet ${candidates[candidates.length - 1].sheet.name}`,
      `the workbook has ${candidates.length} score sheets (${list(candidates)}); name the one to read with --sheet, e.g. --sheet ${candidates[candidates.length - 1].sheet.name}`,
    ),
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
function roleName(rubric: LoadedRubric, role: ColumnRole): [string, string] {
  if (!isPartyRole(role)) return ROLE_NAMES[role];
  const [, id, which] = role.split(':');
  const name = rubric.data.parties?.find((p) => p.id === id)?.name ?? id;
  return which === 'input' ? [`${name}填报`, `${name} input`] : [`${name}得分`, `${name} score`];
}

const ROLE_NAMES: Record<Exclude<ColumnRole, PartyColumnRole>, [string, string]> = {
  id: ['编号', 'id'],
  name: ['名称', 'name'],
  points: ['分值', 'points'],
  selfInput: ['自评填报', 'self input'],
  selfScore: ['自评得分', 'self score'],
  selfNote: ['自评说明', 'self note'],
  spotInput: ['抽查填报', 'spot input'],
  spotScore: ['抽查得分', 'spot score'],
  reason: ['扣分原因', 'reason'],
  note: ['备注', 'note'],
  score: ['得分', 'score'],
};

/** The number a name starts with, as an id ("2 服务质量", "2.1、个案服务" → 2, 2.1); '' when none. */
function leadingId(text: string): string {
  const m = /^([A-Za-z]{0,3}\d+(?:[.．]\d+)*)(?:[.、．)）]?\s+|[.、．)）])/.exec(text.normalize('NFKC'));
  return m ? m[1].replace(/．/g, '.') : '';
}

/** Read a station workbook from its grid. Throws WorkbookError with every problem found. */
export function readStationGrid(grid: WorkbookGrid, rubric: LoadedRubric, opts: ReadOptions & { display: string }): StationWorkbook {
  const lang = opts.lang ?? 'zh';
  const display = opts.display;
  const problems = new ProblemList(lang);
  const notes: WorkbookProblem[] = [];
  const details: string[] = [];
  const stamp = readStamp(grid);
  const choice = chooseSheet(grid, rubric, opts, lang);
  if (!choice) {
    problems.add(
      display,
      'SHEET_NO_HEADER',
      t(
        lang,
        `找不到评分表：没有一个工作表在前 50 行里有同时含“编号”列和得分列（自评得分、抽查得分、得分…）的表头${stamp?.id && stamp.id !== rubric.data.id ? `；该文件由细则“${stamp.id}”生成，不是本细则（${rubric.data.id}）的评分表` : ''}（表头特殊时可用 --columns 指定列）`,
        `no score sheet found: no sheet has a header row (within 50 rows) with an id column (编号) and a score column (自评得分, 抽查得分, 得分 …); name the columns with --columns`,
      ),
    );
    problems.throwIfAny();
  }
  const picked = must(choice);
  if (!picked.ok) {
    problems.problems.push(picked.problem);
    problems.throwIfAny();
  }
  const header = (choice as Extract<SheetChoice, { ok: true }>).header;
  const { sheet, row: headerRow } = header;
  const at = (r: number, c: number) => `${display} › ${sheet.name}!${cellAddress(r, c)}`;
  const chosen = (choice as Extract<SheetChoice, { ok: true }>).note;
  if (chosen) notes.push(located(`${display} › ${sheet.name}`, 'SHEET_CHOSEN', 'warning', ...chosen));

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
        catalogued(
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
        problems.push(catalogued('COLUMNS_PARTY_TWICE', 'error', { path: '--columns' }, { key, first, party: party.name }, { received: key }));
        continue;
      }
      partyKeyOf.set(role, key);
    }
    const c = specColumn(header, value);
    if (c === undefined) {
      const shown = [...header.labels.values()].map((l) => `“${l}”`).join('、');
      problems.add(
        `${display} › ${sheet.name}`,
        'COLUMNS_NOT_FOUND',
        t(
          lang,
          `--columns ${key}=${value}：第 ${headerRow} 行表头中没有“${value}”（表头有：${shown}）；也可写列字母，如 ${key}=H`,
          `--columns ${key}=${value}: no header "${value}" in row ${headerRow} (headers: ${shown}); a column letter works too, e.g. ${key}=H`,
        ),
      );
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
      .map(([role, c]) => `  ${t(lang, ...roleName(rubric, role))} = ${columnLetters(c)}${label(c) ? `“${label(c)}”` : ''}`),
  );
  if (nameColumns.length > 1) details.push(`  ${t(lang, '名称列', 'name columns')} = ${nameColumns.map((c) => `${columnLetters(c)}“${label(c)}”`).join('、')}`);

  const masters = nameColumns.length > 0 ? mergeMasters(sheet) : new Map<number, [number, number]>();
  const block = readStationBlock(sheet, headerRow - 1);
  const station = toStationMeta(block);
  // 评估日期 that is no day (toStationMeta kept it out): refused at its cell, never dropped.
  if (block.evaluationDate !== undefined && station.evaluationDate === undefined) {
    const labelAt = findLabel(sheet, headerRow - 1, STATION_LABELS.evaluationDate);
    problems.push(problem('EVALUATION_DATE_INVALID', 'error', parseLocation(labelAt ? at(labelAt.row, labelAt.col + 1) : `${display} › ${sheet.name}`), { text: String(block.evaluationDate) }));
  }
  if (rubric.data.stars.target !== 'none' && block.targetLevel !== undefined) {
    const level = resolveLevel(rubric, block.targetLevel);
    if (level !== undefined) station.targetLevel = level;
    else {
      const labelAt = findLabel(sheet, headerRow - 1, STATION_LABELS.targetLevel);
      const names = rubric.data.stars.levels.map((l) => l.name).join('、');
      problems.add(
        labelAt ? at(labelAt.row, labelAt.col + 1) : `${display} › ${sheet.name}`,
        'CELL_UNKNOWN_LEVEL',
        lang === 'en' ? `"${block.targetLevel}" is not a level of this rubric (expected ${names})` : `申报等级“${block.targetLevel}”不是本细则的等级（应为 ${names}）`,
      );
    }
  }
  const get = (r: number, c: number | undefined): CellValue | undefined => (c === undefined ? undefined : sheet.get(r, c));
  /** A cell's text as an item or module name; long texts (rules, contents) are never names and are not normalised. */
  const nameText = (r: number, c: number, shown = false): string => {
    const v = shown ? shownValue(sheet, masters, r, c) : sheet.get(r, c);
    if (v === null || (typeof v === 'string' && v.length > MAX_NAME_LENGTH)) return '';
    const text = cellText(v).trim();
    return text.length > MAX_NAME_LENGTH ? '' : text;
  };
  const filledAt = (r: number, c: number | undefined) => c !== undefined && classifyCell(sheet.get(r, c)).kind !== 'blank';

  // ── ids or names: the ids are used when they fit the rubric at least as well as the names ──
  const names = nameIndex(rubric);
  const vetoIds = new Set(rubric.data.vetoes.map((v) => v.id));
  const moduleIds = new Set(rubric.data.modules.map((m) => m.id));
  let idHits = 0;
  let nameHits = 0;
  // Names are looked at only on rows whose id does not fit: what they would add beyond the ids.
  const ids: string[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const id = columns.id !== undefined ? normaliseId(sheet.get(r, columns.id)) : '';
    ids[r] = id;
    if (id && (rubric.index.itemsById.has(id) || vetoIds.has(id))) idHits++;
    else if (nameColumns.some((c) => matchItemName(names, nameText(r, c), undefined).kind === 'item')) nameHits++;
  }
  const byName = nameHits > idHits;
  if (byName && columns.id !== undefined)
    details.push(t(lang, `  编号列只有 ${idHits} 行与细则相符，名称有 ${nameHits} 行相符：按名称对应评分项`, `  only ${idHits} ids fit the rubric, ${nameHits} names do: rows matched by name`));

  const seen = new Map<string, number>();
  const unknown: { id: string; row: number }[] = [];
  let matched = 0;
  const how = { id: 0, name: 0, alias: 0 };
  let firstByName: string | undefined;
  // Who enters scores in this sheet: the self-assessment, the spot check and, for a rubric with
  // `parties`, each scoring party found (its 填报 and 得分 columns; notes in 扣分原因).
  const scorers: Scorer[] = [
    { key: 'self', ...PARTY_COLUMNS.self },
    { key: 'spot', ...PARTY_COLUMNS.spot },
    ...(rubric.data.parties ?? [])
      .filter((p) => columns[partyScoreRole(p.id)] !== undefined || columns[partyInputRole(p.id)] !== undefined)
      .map((p): Scorer => ({ key: `party:${p.id}`, input: partyInputRole(p.id), score: partyScoreRole(p.id), note: 'reason', items: new Set(partyItems(rubric.data, p).items) })),
  ].filter((sc) => columns[sc.input] !== undefined || columns[sc.score] !== undefined);
  const parties: Record<string, PartyEntries> = { self: { items: {}, source: display } };
  const filled: Record<string, boolean> = { self: false };
  for (const sc of scorers) {
    parties[sc.key] = { items: {}, source: display };
    filled[sc.key] = false;
  }
  const values = valueRoles(columns);
  // The sheet's own arithmetic: running sums of each score column over the item rows.
  const sumColumns = [...new Set(scorers.map((sc) => columns[sc.score]).filter((c): c is number => c !== undefined))];
  /** Item rows in sheet order: a 合计 row is compared with the sum of those above it. */
  const itemRows: number[] = [];
  let module: string | undefined;
  const typedAs = { dash: {} as Record<string, string[]>, slash: {} as Record<string, string[]> };

  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const id = ids[r];
    // The common case, a row whose id is an item's: nothing to find out from its names.
    const idItem = !byName && id ? rubric.index.itemsById.get(id) : undefined;
    const texts = idItem ? [] : nameColumns.map((c) => nameText(r, c));
    // The module block: a row (or a merged 一级指标 cell) naming a module.
    if (!idItem)
      for (const c of nameColumns) {
        const shown = nameText(r, c, true);
        const m = shown === '' ? undefined : names.modules.get(itemNameKey(shown));
        if (m !== undefined) module = m;
      }
    if (!byName && id && moduleIds.has(id)) module = id;
    const keyText = idItem ? id : ([id, ...texts].find((x) => x !== '') ?? '');
    const key = idItem ? '' : itemNameKey(keyText);
    if (!idItem && (TOTAL_KEYS.has(key) || SUM_ROW.test(key))) {
      if (TOTAL_KEYS.has(key)) compareTotal(r);
      continue;
    }
    // Vetoes: by id, or by name.
    const vetoId = idItem ? undefined : !byName && id && vetoIds.has(id) ? id : texts.map((x) => names.vetoes.get(itemNameKey(x))).find((v) => v !== undefined);
    if (vetoId !== undefined && !(id && rubric.index.itemsById.has(id) && !byName)) {
      for (const pc of scorers) {
        const col = columns[pc.input] ?? columns[pc.score];
        if (col === undefined) continue;
        const v = readYesNoCell(sheet.get(r, col), { allowNa: false, lang });
        if (!v.ok) problems.add(at(r, col), v.code, v.message);
        else if (v.value.kind === 'met') {
          (parties[pc.key].vetoes ??= {})[vetoId] = v.value.met;
          filled[pc.key] = true;
        }
      }
      continue;
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
    if (!byName) {
      item = idItem;
      if (!item && id && rubric.index.nodesById.has(id)) headingId = id;
    }
    if (!item && headingId === undefined && (byName || !id || !looksLikeId(id))) {
      const rowId = id && looksLikeId(id) ? id : leadingId(texts.find((x) => x !== '') ?? '');
      const node = rowId && !rubric.index.itemsById.has(rowId) ? rubric.index.nodesById.get(rowId) : undefined;
      const named = texts.filter((x) => x !== '');
      if (node && named.length > 0 && named.every((x) => itemNameKey(x) === itemNameKey(node.name))) headingId = rowId;
    }
    if (headingId !== undefined) {
      if (moduleIds.has(headingId)) module = headingId;
      const node = must(rubric.index.nodesById.get(headingId));
      headingScores(r, t(lang, `${node.id}「${node.name}」`, `${node.id} ${node.name}`));
      continue;
    }
    if (!item && (byName || !id || !looksLikeId(id))) {
      for (let k = 0; k < nameColumns.length && !item; k++) {
        if (!texts[k]) continue;
        const m = matchItemName(names, texts[k], module);
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
      const valueCol = values.map((role) => columns[role]).find((c) => filledAt(r, c));
      if (!byName && id && looksLikeId(id)) {
        unknown.push({ id, row: r });
        continue;
      }
      if (heading && !ambiguous) {
        headingScores(r, `“${texts.find((x) => x !== '')}”`);
        continue;
      }
      if (valueCol === undefined) continue;
      const value = `${cellAddress(r, valueCol)} = ${describeFound(sheet.get(r, valueCol), lang)}`;
      if (ambiguous)
        problems.add(
          at(r, ambiguous.col),
          'ROW_AMBIGUOUS_NAME',
          t(
            lang,
            `“${ambiguous.text}”对应多个评分项（${ambiguous.items.map((i) => `${i.id}「${i.name}」`).join('、')}），无法判断（${value}）；请填写编号`,
            `"${ambiguous.text}" names several items (${ambiguous.items.map((i) => `${i.id} ${i.name}`).join(', ')}); cannot tell which (${value}); fill in the id`,
          ),
        );
      else if (keyText !== '')
        problems.add(
          at(r, columns.id !== undefined && id ? columns.id : (nameColumns.find((c, k) => texts[k] !== '') ?? valueCol)),
          'ROW_UNMATCHED',
          t(
            lang,
            `“${keyText}”不是细则 ${rubric.data.id} 的评分项，这一行的分数无处可记（${value}）；请核对名称或填写编号`,
            `"${keyText}" is no item of rubric ${rubric.data.id}; the row's score has nowhere to go (${value}); check the name or fill in the id`,
          ),
        );
      else
        problems.add(
          at(r, valueCol),
          'ROW_NO_KEY',
          t(lang, `这一行有分数（${value}）但没有编号也没有名称，无法对应评分项`, `this row has a score (${value}) but neither an id nor a name; it matches no item`),
        );
      continue;
    }
    matched++;
    how[matchedBy]++;
    if (matchedBy !== 'id') {
      const shown = matchedText.replace(/\s+/g, ' ');
      const line = t(lang, `第 ${r} 行“${shown}” → ${item.id}「${item.name}」（按${matchedBy === 'name' ? '名称' : '别名'}）`, `row ${r} "${shown}" → ${item.id} ${item.name} (by ${matchedBy})`);
      firstByName ??= line;
      details.push(`  ${line}`);
    }
    const previous = seen.get(item.id);
    if (previous !== undefined) {
      problems.add(
        at(r, columns.id ?? nameColumns.at(0) ?? 1),
        'ROW_DUPLICATE_ITEM',
        t(lang, `项目 ${item.id}「${item.name}」重复出现（第 ${previous} 行已有），请删除重复的一行`, `item ${item.id} appears twice (already in row ${previous}); delete one of the rows`),
      );
      continue;
    }
    seen.set(item.id, r);
    itemRows.push(r);
    for (const pc of scorers) {
      const inputCol = columns[pc.input];
      const scoreCol = columns[pc.score];
      // Each cell fetched once (a fetch decodes it): for the entry, what was typed and the source.
      const inputRaw = get(r, inputCol);
      const scoreRaw = get(r, scoreCol);
      const res = readEntry(item, inputRaw, scoreRaw ?? null, lang, inputCol !== undefined ? sheet.numberFormat(r, inputCol) : undefined);
      const colOf = (which: 'input' | 'score') => (which === 'input' ? columns[pc.input] : columns[pc.score]) ?? columns[pc.score] ?? must(columns[pc.input]);
      if (!res.ok) {
        problems.add(at(r, colOf(res.at)), res.code, res.message);
        continue;
      }
      // What was typed when it reads as blank or N/A by convention ("—", "/"): said, with the cells.
      const typedText = (c: number | undefined, raw: CellValue | undefined) => {
        if (c === undefined || typeof raw !== 'string' || raw.length > 8) return; // typed text only: numbers and formulas are not "—"
        const typed = raw.normalize('NFKC').trim();
        if (typed === '') return;
        if (/^[-—–─_]+$/.test(typed)) (typedAs.dash[typed] ??= []).push(cellAddress(r, c));
        else if (typed === '/' && res.value.kind === 'na') (typedAs.slash[typed] ??= []).push(cellAddress(r, c));
      };
      if (typeof inputRaw === 'string') typedText(inputCol, inputRaw);
      if (typeof scoreRaw === 'string') typedText(scoreCol, scoreRaw);
      const note = columns[pc.note] !== undefined ? readTextCell(sheet.get(r, must(columns[pc.note]))) : '';
      // A note beside a blank cell belongs to a party only where it scores the item.
      if (res.value.kind === 'blank' && (!note || (pc.items && !pc.items.has(item.id)))) continue;
      const sourceCol = res.value.kind !== 'blank' && inputCol !== undefined && inputRaw !== undefined && readTextCell(inputRaw) !== '' ? inputCol : colOf('score');
      const entry: Entry = { value: res.value, source: at(r, sourceCol) };
      if (note) entry.note = note;
      parties[pc.key].items[item.id] = entry;
      if (res.value.kind !== 'blank') filled[pc.key] = true;
    }
  }

  /** A heading row is not scored: a value in a party's column there is refused at its cell, never dropped. */
  function headingScores(r: number, shown: string): void {
    const done = new Set<number>();
    for (const role of values) {
      const c = columns[role];
      if (c === undefined || done.has(c) || !filledAt(r, c)) continue;
      done.add(c);
      const value = `${cellAddress(r, c)} = ${describeFound(sheet.get(r, c), lang)}`;
      problems.add(
        at(r, c),
        'HEADING_ROW_SCORED',
        t(
          lang,
          `${shown}是模块或指标的标题行，不计分，但${roleName(rubric, role)[0]}填了 ${value}；请把分数填到其下的评分项行`,
          `${shown} is a module or indicator heading, which is not scored, but its ${roleName(rubric, role)[1]} holds ${value}; enter scores in the item rows below it`,
        ),
      );
    }
  }

  /** A 合计 row: each score column's value against the sum of the item rows above it. */
  function compareTotal(r: number): void {
    for (const c of sumColumns) {
      const m = classifyCell(sheet.get(r, c));
      if (m.kind !== 'number') continue;
      let sum = new Big(0);
      for (const ir of itemRows) {
        const v = classifyCell(sheet.get(ir, c));
        if (v.kind === 'number') sum = sum.plus(v.value);
      }
      if (sum.eq(m.value)) continue;
      const diff = new Big(m.value).minus(sum);
      notes.push(
        located(
          at(r, c),
          'TOTAL_MISMATCH',
          'warning',
          `表中合计 ${m.value} 与上方各项逐项相加的 ${sum.toString()} 不符（相差 ${diff.toString()}），请核对`,
          `the sheet's total ${m.value} differs from the sum of the item rows above, ${sum.toString()} (by ${diff.toString()})`,
        ),
      );
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
          text: {
            [lang]: t(
              lang,
              `不是本细则（${rubric.data.id} ${rubric.data.version}）的评分表${from}：${unknown.length} 个编号本细则中没有（如 ${unknown
                .slice(0, 5)
                .map((u) => u.id)
                .join('、')}），只有 ${matched} 个能对上`,
              `not a score sheet of this rubric (${rubric.data.id} ${rubric.data.version})${from}: ${unknown.length} ids are unknown (e.g. ${unknown
                .slice(0, 5)
                .map((u) => u.id)
                .join(', ')}), only ${matched} match`,
            ),
          },
        },
      ],
      lang,
    );
  }
  for (const u of unknown) {
    if (values.some((role) => filledAt(u.row, columns[role])))
      problems.add(
        at(u.row, must(columns.id)),
        'ROW_UNKNOWN_ITEM',
        t(
          lang,
          `编号 ${describeFound(sheet.get(u.row, must(columns.id)))} 在细则 ${rubric.data.id} 中不存在，请核对编号`,
          `id ${describeFound(sheet.get(u.row, must(columns.id)), 'en')} is not in rubric ${rubric.data.id}`,
        ),
      );
  }
  if (matched === 0 && problems.size === 0)
    problems.add(
      `${display} › ${sheet.name}`,
      'WORKBOOK_NO_ITEMS',
      t(lang, `第 ${headerRow} 行是表头，但下面没有一行的编号或名称能对上细则 ${rubric.data.id} 的评分项`, `row ${headerRow} is a header but no row below matches an item of rubric ${rubric.data.id}`),
    );
  problems.throwIfAny();

  // ── columns holding numbers in item rows that no role took ──
  const placed = new Set<number>([...Object.values(columns).filter((c): c is number => c !== undefined), ...nameColumns]);
  const width = Math.min(sheet.columnCount, 200);
  for (let c = 1; c <= width; c++) {
    if (placed.has(c)) continue;
    let count = 0;
    for (const r of seen.values()) {
      const v = sheet.get(r, c);
      // Numbers, and short texts that may be numbers ("10分"); rule texts and notes are not looked at.
      if (v === null || (typeof v === 'string' && v.length > 16) || (typeof v === 'object' && 'richText' in v)) continue;
      if (classifyCell(v).kind === 'number') count++;
    }
    if (count === 0) continue;
    const head = label(c) || cellText(sheet.get(headerRow, c));
    const letter = columnLetters(c);
    const partyIds = (rubric.data.parties ?? []).map((p) => p.id);
    const hint = (or: string) => (partyIds.length > 0 ? `--columns ${partyIds.map((id) => `${id}=${letter}`).join(or)}` : undefined);
    notes.push(
      located(
        at(headerRow, c),
        'COLUMN_UNPLACED',
        'warning',
        `${letter} 列${head ? `（表头“${head}”）` : ''}在 ${count} 个评分项行中有数字，但不是可识别的得分列，未计入；如是某一方的得分，请用 ${hint(' 或 ') ?? `--columns spot=${letter}（或 self=${letter}）`}指定`,
        `column ${letter}${head ? ` ("${head}")` : ''} holds numbers in ${count} item rows but is no recognised score column and was not used; if it is a party's score, name it with ${hint(' or ') ?? `--columns spot=${letter} (or self=${letter})`}`,
      ),
    );
  }
  const cells = (list: string[]) => `${list.slice(0, 8).join('、')}${list.length > 8 ? ` 等 ${list.length} 格` : ''}`;
  for (const [typed, list] of Object.entries(typedAs.dash))
    notes.push(
      located(
        `${display} › ${sheet.name}!${list[0]}`,
        'CELL_TYPED_DASH',
        'warning',
        `${cells(list)} 填的是“${typed}”，按未评分（空白）处理；如为 0 分请填 0，不适用请填“不适用”`,
        `${list.slice(0, 8).join(', ')}${list.length > 8 ? ` and ${list.length - 8} more` : ''}: "${typed}" was typed, read as not scored (blank); enter 0 for zero points, 不适用 for not applicable`,
      ),
    );
  for (const [typed, list] of Object.entries(typedAs.slash))
    notes.push(
      located(
        `${display} › ${sheet.name}!${list[0]}`,
        'CELL_TYPED_SLASH',
        'warning',
        `${cells(list)} 填的是“${typed}”，按“不适用”处理`,
        `${list.slice(0, 8).join(', ')}${list.length > 8 ? ` and ${list.length - 8} more` : ''}: "${typed}" was typed, read as not applicable (不适用)`,
      ),
    );
  if (how.name + how.alias > 0)
    notes.push(
      located(
        `${display} › ${sheet.name}`,
        'ROWS_MATCHED_BY_NAME',
        'warning',
        `${how.name + how.alias} 行按名称对应评分项（名称 ${how.name} 行、别名 ${how.alias} 行；按编号 ${how.id} 行），如${firstByName}；--verbose 可逐行查看`,
        `${how.name + how.alias} rows matched by name (${how.name} by name, ${how.alias} by alias; ${how.id} by id), e.g. ${firstByName}; --verbose lists every row`,
      ),
    );

  const warnings: string[] = [];
  if (stamp?.id && stamp.id !== rubric.data.id)
    warnings.push(t(lang, `${display}：该表由细则“${stamp.id}”生成，正按“${rubric.data.id}”读取`, `${display}: made from rubric "${stamp.id}", read with "${rubric.data.id}"`));
  else if (stamp?.sha256 && stamp.sha256 !== rubric.sha256)
    warnings.push(
      t(
        lang,
        `${display}：该表由细则 ${stamp.id ?? ''} ${stamp.version ?? ''} 的另一份文件生成（内容不同），请核对版本`,
        `${display}: made from a different file of rubric ${stamp.id ?? ''} ${stamp.version ?? ''}; check the version`,
      ),
    );
  const missing = rubric.index.items.filter((i) => !seen.has(i.id) && !i.bonus);
  if (missing.length > 0 && missing.length < rubric.index.items.length)
    warnings.push(
      t(
        lang,
        `${display}：表中没有 ${missing.length} 个评分项的行（如 ${missing
          .slice(0, 5)
          .map((i) => i.id)
          .join('、')}），按未评分处理`,
        `${display}: ${missing.length} items have no row (e.g. ${missing
          .slice(0, 5)
          .map((i) => i.id)
          .join(', ')}); treated as blank`,
      ),
    );

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
