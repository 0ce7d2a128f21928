/**
 * The workbook a station (self-assessment) and an evaluator (spot check) fill
 * in, generated from the rubric alone. One sheet 评分表: a station block, one
 * row per scorable item (modules, then bonus items) with module subtotal rows
 * and live SUM formulas, a veto section; plus 填表说明 and a hidden _meta
 * sheet naming the rubric (id, version, sha256) the workbook came from.
 *
 * Items whose rule needs an input other than points (是/否, an option, ticked
 * conditions, a measured value, a count) take it in the 填报 column; their 得分
 * cell is a locked formula computing the points, blank while the input is
 * blank. Range items are scored directly in 得分; graded items take the grade
 * in 填报 and the points in 得分.
 *
 * `fill` pre-fills entries (samples, tests); `itemPoints` gives the cached
 * result of each 得分 formula so tools that read values without calculating
 * see the same numbers Excel shows.
 */
import Big from 'big.js';
import type { Cell, Fill, Workbook, Worksheet } from 'exceljs';
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { EntryValue, PartyEntries, StationMeta } from '../score/types.js';
import { TOOL } from '../version.js';
import { columnLetters } from '../xlsx/cell-grid.js';
import { normalizeZipDates } from '../xlsx/normalize-zip.js';
import { cjkFont, lineHeightFor, wrappedRowHeight } from '../xlsx/layout.js';
import { partyHeader, STATION_LABELS, TEMPLATE_HEADERS } from './columns.js';
import { partyItems } from '../rubric/parties.js';
import { conditionId, kindOfItem } from '../kinds/index.js';
import { isPercentItem } from './read-entry.js';
import { describeApplicability } from '../score/applicability.js';
import { must } from '../util/must.js';

export const TEMPLATE_SHEET = '评分表';
export const GUIDE_SHEET = '填表说明';
export const META_SHEET = '_meta';
export const LISTS_SHEET = '_lists';
export const TEMPLATE_HEADER_ROW = 6;
/** Layout version written to _meta; bump when the layout changes. */
export const TEMPLATE_LAYOUT = 'station-eval-template/1';

export interface TemplateOptions {
  station?: Partial<StationMeta>;
  /** Entries to pre-fill: self and spot, or (a rubric with `parties`) each party's by party id. */
  fill?: { self?: PartyEntries; spot?: PartyEntries; parties?: Record<string, PartyEntries> };
  /** Points an entry earns (the engine's rule), for cached formula results; null when unknown. */
  itemPoints?: (item: ItemInfo, value: EntryValue) => number | 'na' | 'blank' | null;
  /** Mark the workbook as fictional sample data (示例). */
  sample?: boolean;
  /** Created/modified date of the workbook (the run context's clock); default 2000-01-01, so templates are byte-identical. */
  date?: Date;
}

/** One column of the 评分表 sheet. */
interface LayoutColumn {
  role: string;
  header: string;
  width: number;
}

/**
 * Who enters scores in the sheet, each in its own columns: the self-assessment
 * and the spot check, or — a rubric with `parties` — each scoring party in
 * authority order (the parties replace the self-assessment; a spot check comes
 * from the spot-check workbook, as the engine applies it on top).
 */
interface Scorer {
  key: string;
  /** 自评 / 抽查, or the party's name. */
  name: string;
  /** Column of its 填报 (absent for a party whose items are all scored directly). */
  input?: number;
  score: number;
  note: number;
  /** A party: the items it scores (its other cells are greyed, locked and must stay empty). */
  items?: Set<string>;
  entries?: PartyEntries;
}

interface Layout {
  columns: LayoutColumn[];
  col: Record<'id' | 'path' | 'content' | 'standard' | 'method' | 'points' | 'help' | 'reason' | 'note', number>;
  scorers: Scorer[];
  last: number;
}

const BASE_ROLES = ['id', 'path', 'content', 'standard', 'method', 'points', 'help'] as const;

/** The sheet's columns: the fixed header, or with `parties` one 得分 (and, where needed, 填报) column per party. */
function layoutOf(rubric: LoadedRubric, fill: TemplateOptions['fill']): Layout {
  const parties = rubric.data.parties;
  const header = (role: (typeof TEMPLATE_HEADERS)[number]['role']) => must(TEMPLATE_HEADERS.find((h) => h.role === role));
  const columns: LayoutColumn[] = BASE_ROLES.map((role) => ({ ...header(role) }));
  const at = (role: string) => columns.findIndex((c) => c.role === role) + 1;
  const scorers: Scorer[] = [];
  if (!parties) {
    for (const role of ['selfInput', 'selfScore', 'selfNote', 'spotInput', 'spotScore', 'reason', 'note'] as const) columns.push({ ...header(role) });
    scorers.push(
      { key: 'self', name: '自评', input: at('selfInput'), score: at('selfScore'), note: at('selfNote'), ...(fill?.self ? { entries: fill.self } : {}) },
      { key: 'spot', name: '抽查', input: at('spotInput'), score: at('spotScore'), note: at('reason'), ...(fill?.spot ? { entries: fill.spot } : {}) },
    );
  } else {
    const byId = new Map(rubric.index.items.map((i) => [i.id, i]));
    for (const p of parties) {
      const items = partyItems(rubric.data, p).items;
      const needsInput = items.some((id) => {
        const item = byId.get(id);
        return item !== undefined && usesInputColumn(item);
      });
      if (needsInput) columns.push({ role: `party:${p.id}:input`, header: partyHeader(p.name, 'input'), width: 12 });
      columns.push({ role: `party:${p.id}`, header: partyHeader(p.name, 'score'), width: Math.max(9, Math.min(14, p.name.length * 2 + 5)) });
    }
    columns.push({ ...header('reason') }, { ...header('note') });
    for (const p of parties) {
      const input = at(`party:${p.id}:input`);
      const entries = fill?.parties?.[p.id];
      scorers.push({
        key: p.id,
        name: p.name,
        ...(input > 0 ? { input } : {}),
        score: at(`party:${p.id}`),
        note: at('reason'),
        items: new Set(partyItems(rubric.data, p).items),
        ...(entries ? { entries } : {}),
      });
    }
  }
  const col = {
    id: at('id'),
    path: at('path'),
    content: at('content'),
    standard: at('standard'),
    method: at('method'),
    points: at('points'),
    help: at('help'),
    reason: at('reason'),
    note: at('note'),
  };
  return { columns, col, scorers, last: columns.length };
}

type MetaField = Exclude<keyof typeof STATION_LABELS, 'targetLevel'>;
const META_FIELDS: (MetaField | undefined)[][] = [
  ['name', 'county', 'township', 'operator'],
  ['year', 'filledBy', 'date', 'code'],
  // Row 5: the notice (after 申报等级) on the left; on the right, above the third party's columns, its 评估机构 and 评估日期 (the report header).
  [undefined, undefined, 'evaluator', 'evaluationDate'],
];

/**
 * Where the station block's values go: label cell, value cell, merge end
 * column. The 14-column sheet keeps its fixed places (A, E, H, K); a narrower
 * one (a rubric with few parties) shares its width out.
 */
function metaLayout(last: number): { field: MetaField; row: number; col: number; to: number }[] {
  const starts = last >= 14 ? [1, 5, 8, 11] : [0, 1, 2, 3].map((k) => 1 + Math.floor((k * last) / 4));
  const ends = last >= 14 ? [4, 7, 10, 14] : [...starts.slice(1).map((c) => c - 1), last];
  return META_FIELDS.flatMap((fields, k) => fields.flatMap((field, i) => (field ? [{ field, row: 3 + k, col: starts[i], to: ends[i] }] : [])));
}

/** A percent item's 填报 cell: 96% shows as 96%, 96.25% as 96.25%. */
const PERCENT_FORMAT = '0.0#%';
const FILL_INPUT: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
const FILL_LOCKED: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const FILL_HEADER: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const FILL_MODULE: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function fmt(n: number): string {
  return new Big(n).toString();
}

function allowsNa(item: ItemInfo): boolean {
  return item.na !== 'forbid';
}

/** The 填报 column's instruction for an item (the kind's help, plus the N/A hint). */
export function inputHelp(item: ItemInfo): string {
  const conditions = describeApplicability(item.node.applicability);
  return `${kindOfItem(item).inputHelp(item)}${allowsNa(item) ? '；不适用请填“不适用”' : ''}${conditions ? `；适用条件：${conditions}` : ''}`;
}

export { conditionId };

/** The 得分 formula for an input in `x` (e.g. "H7"); undefined for range, graded and control items. */
export function scoreFormula(item: ItemInfo, x: string): string | undefined {
  // A percent item's 填报 holds the fraction (96% is 0.96): the rule compares percents.
  const core = kindOfItem(item).formula?.(item, isPercentItem(item) ? `(${x}*100)` : x);
  return core === undefined ? undefined : `IF(${x}="","",IF(${x}="不适用","不适用",${core}))`;
}

/** Does the item take its input in 填报 (true) or directly in 得分 (false)? */
export function usesInputColumn(item: ItemInfo): boolean {
  return kindOfItem(item).input(item).type !== 'score';
}

/** The value written into the 填报 cell (and the 得分 cell) for a pre-filled entry. */
function entryCells(item: ItemInfo, value: EntryValue): { input?: string | number; score?: string | number } {
  switch (value.kind) {
    case 'blank':
      return {};
    case 'na':
      return usesInputColumn(item) ? { input: '不适用' } : { score: '不适用' };
    case 'points':
      return { score: value.points };
    case 'met':
      return { input: value.met ? '是' : '否' };
    case 'option':
      return { input: value.label };
    case 'checklist':
      return { input: `${value.ticked.length > 0 ? value.ticked.join(',') : '无'}${value.deduction ? ` 扣${value.deduction}` : ''}` };
    case 'measure':
      // A percent item's cell is formatted as a percentage: 96 (%) is stored as 0.96.
      return { input: isPercentItem(item) ? Number((value.value / 100).toPrecision(15)) : value.value };
    case 'count':
      return { input: value.count };
    case 'grade':
      return { input: value.grade, score: value.points };
  }
}

interface Lists {
  ws?: Worksheet;
  next: number;
}

function listFormula(wb: Workbook, lists: Lists, values: string[]): string {
  const inline = values.join(',');
  if (!values.some((v) => /[,"]/.test(v)) && inline.length <= 200) return `"${inline}"`;
  if (!lists.ws) lists.ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const col = ++lists.next;
  values.forEach((v, i) => (must(lists.ws).getCell(i + 1, col).value = v));
  const letters = columnLetters(col);
  return `${LISTS_SHEET}!$${letters}$1:$${letters}$${values.length}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function inputValidation(wb: Workbook, lists: Lists, item: ItemInfo, ref: string): Cell['dataValidation'] {
  const shape = kindOfItem(item).input(item);
  const na = allowsNa(item);
  const prompt = clip(inputHelp(item), 250);
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, promptTitle: clip(`${item.id} ${item.name}`, 30), prompt, errorTitle: '输入无效', error: clip(prompt, 250) };
  const list = (values: string[]) => ({ ...common, type: 'list' as const, formulae: [listFormula(wb, lists, na ? [...values, '不适用'] : values)] });
  const numeric = (integer: boolean) =>
    na
      ? { ...common, type: 'custom' as const, formulae: [`OR(AND(ISNUMBER(${ref}),${ref}>=0${integer ? `,INT(${ref})=${ref}` : ''}),${ref}="不适用")`] }
      : { ...common, type: integer ? ('whole' as const) : ('decimal' as const), operator: 'greaterThanOrEqual' as const, formulae: [0] };
  switch (shape.type) {
    case 'yes-no':
      return list(['是', '否']);
    case 'option':
      return list(shape.labels);
    case 'grade':
      return list(shape.grades);
    case 'checklist':
      return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [255] };
    case 'measure':
      if (isPercentItem(item)) {
        // Formatted as a percentage: 96 typed or 96% typed is stored as 0.96; a bare 0.96 shows as 96%, so 0.96 % cannot be meant.
        const text = '填写百分数，如 96%（单元格已设为百分比格式）';
        const pct = { ...common, prompt: clip(`${text}；${prompt}`, 250), error: clip(`${text}，应在 0%–100% 之间`, 250) };
        return na
          ? { ...pct, type: 'custom' as const, formulae: [`OR(AND(ISNUMBER(${ref}),${ref}>=0,${ref}<=1),${ref}="不适用")`] }
          : { ...pct, type: 'decimal' as const, operator: 'between' as const, formulae: [0, 1] };
      }
      return numeric(false);
    case 'count':
      return numeric(true);
    case 'score':
      return undefined as never;
  }
}

function scoreValidation(item: ItemInfo, ref: string): Cell['dataValidation'] {
  const shape = kindOfItem(item).input(item);
  const min = shape.type === 'score' ? shape.min : 0;
  const na = shape.type === 'score' && allowsNa(item);
  const text = `填写 ${fmt(min)}–${fmt(item.points)} 的分数${na ? '，或“不适用”' : ''}`;
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, promptTitle: clip(`${item.id} ${item.name}`, 30), prompt: text, errorTitle: '分数无效', error: text };
  return na
    ? { ...common, type: 'custom', formulae: [`OR(AND(ISNUMBER(${ref}),${ref}>=${fmt(min)},${ref}<=${fmt(item.points)}),${ref}="不适用")`] }
    : { ...common, type: 'decimal', operator: 'between', formulae: [min, item.points] };
}

function style(cell: Cell, opts: { input?: boolean; fill?: Fill; bold?: boolean; wrap?: boolean; center?: boolean }) {
  cell.border = BORDER;
  cell.alignment = { vertical: 'middle', wrapText: opts.wrap ?? true, horizontal: opts.center ? 'center' : undefined };
  if (opts.input) {
    cell.protection = { locked: false };
    cell.fill = FILL_INPUT;
  } else if (opts.fill) cell.fill = opts.fill;
  cell.font = opts.bold ? BOLD_FONT : BODY_FONT;
}

/** Body text size of the 评分表 sheet and the height of one of its lines. */
const BODY_SIZE = 10;
const BODY_FONT = cjkFont(BODY_SIZE);
const BOLD_FONT = cjkFont(BODY_SIZE, { bold: true });
const LINE = lineHeightFor(BODY_SIZE);
type Cached = Big | 'na' | null | undefined; // undefined: unknown

/** A party's cell of an item it does not score: grey, locked, and refusing any entry. */
function notMine(cell: Cell, item: ItemInfo, scorer: Scorer, ref: string, owners: string[]): void {
  style(cell, { fill: FILL_LOCKED });
  const text = clip(`本项不由「${scorer.name}」评分${owners.length > 0 ? `，由${owners.map((o) => `「${o}」`).join('、')}评分` : ''}，请留空`, 250);
  cell.dataValidation = {
    type: 'custom',
    allowBlank: true,
    formulae: [`LEN(${ref})=0`],
    showErrorMessage: true,
    showInputMessage: true,
    promptTitle: clip(`${item.id} ${item.name}`, 30),
    prompt: text,
    errorTitle: '不由本方评分',
    error: text,
  };
}

/** Build the template (optionally pre-filled) and return the .xlsx bytes. */
export async function buildTemplate(rubric: LoadedRubric, opts: TemplateOptions = {}): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const data = rubric.data;
  wb.creator = `${TOOL.name} ${TOOL.version}`;
  wb.title = `${data.title} 评分表`;
  const fixed = opts.date ?? new Date(Date.UTC(2000, 0, 1));
  wb.created = fixed;
  wb.modified = fixed;
  wb.calcProperties = { fullCalcOnLoad: true };
  const lists: Lists = { next: 0 };
  const layout = layoutOf(rubric, opts.fill);
  const { col: COL, scorers, last: LAST_COL } = layout;
  const widthOf = (col: number) => layout.columns[col - 1].width;
  const parties = data.parties;

  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: TEMPLATE_HEADER_ROW, topLeftCell: `B${TEMPLATE_HEADER_ROW + 1}`, activeCell: 'B3' }],
    pageSetup: {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- exceljs's PaperSize is a const enum of its typings only (no value at run time); 9 is A4
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${data.id} ${data.version}&R第 &P 页 / 共 &N 页` },
  });
  ws.columns = layout.columns.map((h) => ({ width: h.width }));

  // Title, notices, station block.
  const sample = opts.sample ? '【示例数据，虚构站点，仅供演示】' : '';
  ws.mergeCells(1, 1, 1, LAST_COL);
  ws.getCell(1, 1).value = `${sample}${data.title}\u3000${parties ? `评分表（${parties.map((p) => p.name).join('／')}）` : '自评／抽查评分表'}`;
  ws.getCell(1, 1).font = cjkFont(14, { bold: true });
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, 1, 2, LAST_COL);
  ws.getCell(2, 1).value = [`细则：${data.id} ${data.version}`, data.illustrative ? `说明：${data.illustrative}` : '', '黄色格填写，灰色格自动计算；填报与得分规则见“填报说明”列和“填表说明”工作表。']
    .filter(Boolean)
    .join('　');
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'middle' };
  ws.getCell(2, 1).font = cjkFont(9, { color: { argb: 'FF595959' } });
  const allWidth = layout.columns.reduce((a, h) => a + h.width, 0);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the cell was just set to a string
  ws.getRow(2).height = Math.max(30, wrappedRowHeight([{ text: String(ws.getCell(2, 1).value), width: allWidth }], lineHeightFor(9)));
  for (const m of metaLayout(LAST_COL)) {
    const label = ws.getCell(m.row, m.col);
    label.value = STATION_LABELS[m.field][0];
    style(label, { fill: FILL_HEADER, bold: true });
    ws.mergeCells(m.row, m.col + 1, m.row, m.to);
    const value = ws.getCell(m.row, m.col + 1);
    const given = opts.station?.[m.field];
    if (given !== undefined && given !== '') value.value = given;
    style(value, { input: true });
    if (m.field === 'evaluationDate') value.numFmt = 'yyyy-mm-dd';
  }
  // The applied-for level (stars.target): 申报等级 and a list of the level names at the start of row 5.
  const asksTarget = data.stars.target !== 'none';
  const noticeCol = asksTarget ? 5 : 1;
  if (asksTarget) {
    const label = ws.getCell(5, 1);
    label.value = STATION_LABELS.targetLevel[0];
    style(label, { fill: FILL_HEADER, bold: true });
    ws.mergeCells(5, 2, 5, 4);
    const value = ws.getCell(5, 2);
    const names = data.stars.levels.map((l) => l.name);
    const given = opts.station?.targetLevel;
    const givenName = given === undefined ? undefined : data.stars.levels.find((l) => l.level === given)?.name;
    if (givenName !== undefined) value.value = givenName;
    style(value, { input: true });
    value.dataValidation = {
      type: 'list',
      allowBlank: data.stars.target !== 'required',
      formulae: [listFormula(wb, lists, names)],
      showErrorMessage: true,
      errorTitle: '输入无效',
      error: `请选择：${names.join('、')}`,
    };
  }
  // The notice fills row 5 up to the 评估机构 label (metaLayout), wrapped to its width.
  const noticeEnd =
    Math.min(
      ...metaLayout(LAST_COL)
        .filter((m) => m.row === 5)
        .map((m) => m.col),
    ) - 1;
  if (noticeEnd >= noticeCol) {
    if (noticeEnd > noticeCol) ws.mergeCells(5, noticeCol, 5, noticeEnd);
    const notice = ws.getCell(5, noticeCol);
    const text = parties
      ? partiesNotice(rubric)
      : data.reconciliation.authority === 'spot'
        ? '自评由站点填写；抽查栏、评估机构和日期由第三方填写；抽查得分优先于自评得分。'
        : '自评由站点填写；抽查栏、评估机构和日期由第三方填写。';
    notice.value = text;
    notice.font = cjkFont(9, { italic: true });
    notice.alignment = { wrapText: true, vertical: 'middle' };
    const width = layout.columns.slice(noticeCol - 1, noticeEnd).reduce((a, h) => a + h.width, 0);
    ws.getRow(5).height = Math.max(LINE + 4, wrappedRowHeight([{ text, width }], lineHeightFor(9)));
  } else ws.getRow(5).height = LINE + 4;
  for (let r = 3; r <= 4; r++) ws.getRow(r).height = LINE + 4;

  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  layout.columns.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h.header;
    style(cell, { fill: FILL_HEADER, bold: true, center: true });
  });
  header.height = Math.max(
    30,
    wrappedRowHeight(
      layout.columns.map((h) => ({ text: h.header, width: h.width })),
      lineHeightFor(BODY_SIZE),
      2,
    ),
  );

  let row = TEMPLATE_HEADER_ROW + 1;
  /** Party names by item: who scores it (for a party's greyed cells and the 填报说明). */
  const ownersOf = (item: ItemInfo) => scorers.filter((sc) => sc.items?.has(item.id)).map((sc) => sc.name);

  const writeItem = (item: ItemInfo): Cached[] => {
    const r = ws.getRow(row);
    const put = (col: number, value: string | number | undefined, wrap = true) => {
      const cell = r.getCell(col);
      if (value !== undefined && value !== '') cell.value = value;
      style(cell, { fill: FILL_LOCKED, wrap });
      return cell;
    };
    put(COL.id, item.id);
    put(COL.path, item.pathNames.slice(1).join(' › ') || item.name);
    put(COL.content, item.node.content ?? '');
    put(COL.standard, item.node.standard ?? '');
    put(COL.method, item.node.method ?? '');
    put(COL.points, item.points);
    const owners = parties ? ownersOf(item) : [];
    put(COL.help, parties ? `${inputHelp(item)}；评分方：${owners.join('、')}${owners.length > 1 ? '（以最右边已评分的一方为准）' : ''}` : inputHelp(item));
    const cached: Cached[] = [];
    for (const scorer of scorers) {
      const inputCol = scorer.input;
      const scoreCol = scorer.score;
      const inputCell = inputCol !== undefined ? r.getCell(inputCol) : undefined;
      const scoreCell = r.getCell(scoreCol);
      const inputRef = inputCol !== undefined ? `${columnLetters(inputCol)}${row}` : undefined;
      const scoreRef = `${columnLetters(scoreCol)}${row}`;
      if (scorer.items && !scorer.items.has(item.id)) {
        if (inputCell && inputRef) notMine(inputCell, item, scorer, inputRef, owners);
        notMine(scoreCell, item, scorer, scoreRef, owners);
        cached.push(null);
        continue;
      }
      const entry = scorer.entries?.items[item.id];
      const cells = entry ? entryCells(item, entry.value) : {};
      const value = entry?.value ?? { kind: 'blank' as const };
      const points = opts.itemPoints ? opts.itemPoints(item, value) : null;
      const mine: Cached = points === null ? undefined : points === 'blank' ? null : points === 'na' ? 'na' : new Big(points);
      cached.push(mine);
      if (usesInputColumn(item) && inputCell && inputRef) {
        style(inputCell, { input: true });
        inputCell.dataValidation = inputValidation(wb, lists, item, inputRef);
        if (isPercentItem(item)) inputCell.numFmt = PERCENT_FORMAT;
        if (cells.input !== undefined) inputCell.value = cells.input;
      } else if (inputCell) style(inputCell, { fill: FILL_LOCKED });
      const formula = inputRef !== undefined ? scoreFormula(item, inputRef) : undefined;
      if (formula && (cells.score === undefined || value.kind !== 'points')) {
        style(scoreCell, { fill: FILL_LOCKED });
        if (cells.input === undefined) scoreCell.value = { formula };
        else if (mine === undefined) scoreCell.value = { formula };
        else scoreCell.value = { formula, result: mine === 'na' ? '不适用' : mine === null ? '' : Number(mine) };
      } else if (kindOfItem(item).scoreCell === 'none') {
        style(scoreCell, { fill: FILL_LOCKED });
      } else {
        style(scoreCell, { input: true });
        scoreCell.dataValidation = scoreValidation(item, scoreRef);
        if (cells.score !== undefined) scoreCell.value = cells.score;
      }
      const noteCell = r.getCell(scorer.note);
      style(noteCell, { input: true });
      if (entry?.note) noteCell.value = entry.note;
    }
    style(r.getCell(COL.note), { input: true });
    style(r.getCell(COL.reason), { input: true });
    // Heights: LibreOffice and WPS keep the stored height, so wrapped text must fit it.
    const textCols = [COL.path, COL.content, COL.standard, COL.method, COL.help, COL.reason, ...scorers.flatMap((sc) => [sc.note, ...(sc.input !== undefined ? [sc.input] : [])])];
    const texts = [...new Set(textCols)].map((col) => ({
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the cells were just set to strings and numbers
      text: r.getCell(col).value === null || r.getCell(col).value === undefined ? '' : String(r.getCell(col).value),
      width: widthOf(col),
    }));
    r.height = wrappedRowHeight(texts, LINE, 2);
    row++;
    return cached;
  };

  const sumCached = (values: Cached[]): Cached => {
    let total = new Big(0);
    for (const v of values) {
      if (v === undefined) return undefined;
      if (v instanceof Big) total = total.plus(v);
    }
    return total;
  };
  const formulaValue = (formula: string, cached: Cached) => (cached === undefined ? { formula } : { formula, result: cached instanceof Big ? Number(cached) : 0 }) as never;

  /** One sum per scorer: its formula and cached value, or null where the scorer has nothing to sum (a party scoring none of the rows). */
  type Sum = { formula: string; cached: Cached } | null;
  const subtotalRow = (label: string, points: number | string, sums: Sum[], fill = FILL_MODULE) => {
    const r = ws.getRow(row);
    for (let c = 1; c <= LAST_COL; c++) style(r.getCell(c), { fill, bold: true });
    ws.mergeCells(row, COL.path, row, COL.method);
    r.getCell(COL.path).value = label;
    r.getCell(COL.points).value = points;
    r.height = LINE + 6;
    scorers.forEach((sc, k) => {
      const sum = sums[k];
      if (sum) r.getCell(sc.score).value = formulaValue(sum.formula, sum.cached);
    });
    return row++;
  };
  const headingRow = (id: string, label: string, points?: number) => {
    const r = ws.getRow(row);
    for (let c = 1; c <= LAST_COL; c++) style(r.getCell(c), { fill: FILL_MODULE, bold: true });
    if (id) r.getCell(COL.id).value = id;
    ws.mergeCells(row, COL.path, row, COL.method);
    r.getCell(COL.path).value = label;
    if (points !== undefined) r.getCell(COL.points).value = points;
    r.height = LINE + 6;
    row++;
  };

  const letter = scorers.map((sc) => columnLetters(sc.score));
  /** Does scorer k score any of these items? (self and spot: always) */
  const scoresAny = (k: number, group: ItemInfo[]) => !scorers[k].items || group.some((i) => must(scorers[k].items).has(i.id));
  /** Write a block of item rows and sum each scorer's column over it. */
  const block = (group: ItemInfo[], wrap: (k: number, sum: string) => string = (_k, f) => f, cap: (v: Cached) => Cached = (v) => v): Sum[] => {
    const first = row;
    const perItem = group.map((item) => writeItem(item));
    const lastRow = row - 1;
    return scorers.map((_sc, k) =>
      scoresAny(k, group) && group.length > 0 ? { formula: wrap(k, `SUM(${letter[k]}${first}:${letter[k]}${lastRow})`), cached: cap(sumCached(perItem.map((c) => c[k]))) } : null,
    );
  };
  /** A total over subtotal rows: per scorer, the sum of its cells among `rows` that hold one. */
  const totalOf = (rows: { row: number; sums: Sum[] }[]): Sum[] =>
    scorers.map((_sc, k) => {
      const parts = rows.filter((x) => x.sums[k] !== null);
      if (parts.length === 0) return null;
      return { formula: parts.map((x) => `${letter[k]}${x.row}`).join('+'), cached: sumCached(parts.map((x) => must(x.sums[k]).cached)) };
    });

  const items = rubric.index.items;
  const subtotals: { row: number; sums: Sum[] }[] = [];
  for (const module of data.modules) {
    // A module scored as one item (no children) is its own item row: a heading
    // above it would print its id twice, and a reader must see each id once.
    if (module.children?.length) headingRow(module.id, module.name, module.points);
    const sums = block(items.filter((i) => !i.bonus && i.moduleId === module.id));
    subtotals.push({ row: subtotalRow(`小计：${module.name}`, module.points, sums), sums });
  }
  const baseSums = totalOf(subtotals);
  const totalRows = [{ row: subtotalRow('基础分合计', data.total, baseSums, FILL_HEADER), sums: baseSums }];
  if (data.bonus) {
    const bonus = data.bonus;
    headingRow('', `${bonus.name}（上限 ${fmt(bonus.cap)} 分）`, bonus.cap);
    const cap = (v: Cached): Cached => (v instanceof Big ? (v.gt(bonus.cap) ? new Big(bonus.cap) : v) : v);
    const sums = block(
      items.filter((i) => i.bonus),
      (_k, f) => `MIN(${fmt(bonus.cap)},${f})`,
      cap,
    );
    totalRows.push({ row: subtotalRow(`小计：${bonus.name}`, bonus.cap, sums), sums });
  }
  const clamp = (f: string) => (data.clampTotal ? `MIN(${fmt(data.total)},${f})` : f);
  const clampC = (v: Cached): Cached => (data.clampTotal && v instanceof Big && v.gt(data.total) ? new Big(data.total) : v);
  subtotalRow(
    parties ? '总分（参考：各评分方所评项目合计，以工具计算为准）' : '总分（参考，以工具计算为准）',
    data.total,
    totalOf(totalRows).map((x) => (x ? { formula: clamp(x.formula), cached: clampC(x.cached) } : null)),
    FILL_HEADER,
  );

  if (data.vetoes.length > 0) {
    headingRow('', '一票否决（有则选“是”）');
    for (const veto of data.vetoes) {
      const r = ws.getRow(row);
      for (let c = 1; c <= LAST_COL; c++) style(r.getCell(c), { fill: FILL_LOCKED });
      r.getCell(COL.id).value = veto.id;
      r.getCell(COL.path).value = veto.name;
      if (veto.description) r.getCell(COL.content).value = veto.description;
      r.getCell(COL.standard).value = veto.effect === 'no-star' ? '存在即不予评星' : veto.effect === 'zero-total' ? '存在即总分记 0 分' : `存在即最高评 ${veto.maxStars ?? 0} 星`;
      r.getCell(COL.help).value = '选择 是/否';
      for (const scorer of scorers) {
        const cell = r.getCell(scorer.input ?? scorer.score);
        style(cell, { input: true });
        cell.dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: '输入无效', error: '请选择“是”或“否”' };
        const v = scorer.entries?.vetoes?.[veto.id];
        if (v !== undefined) cell.value = v ? '是' : '否';
        style(r.getCell(scorer.note), { input: true });
      }
      r.height = wrappedRowHeight(
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the cells were just set to strings
        [COL.path, COL.content, COL.standard].map((col) => ({ text: String(r.getCell(col).value ?? ''), width: widthOf(col) })),
        LINE,
        2,
      );
      row++;
    }
  }

  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    deleteRows: false,
  });

  writeGuide(wb, rubric, opts.sample === true);
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  const metaRows: [string, string][] = [
    ['layout', TEMPLATE_LAYOUT],
    ['rubricId', data.id],
    ['rubricVersion', data.version],
    ['rubricTitle', data.title],
    ['rubricSha256', rubric.sha256],
    ['tool', `${TOOL.name} ${TOOL.version}`],
    ['sample', opts.sample ? '示例' : ''],
  ];
  metaRows.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k;
    if (v) meta.getCell(i + 1, 2).value = v;
  });
  return normalizeZipDates(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** Points of the items a party scores: its declared `max`, else their sum. */
function partyMax(rubric: LoadedRubric, party: NonNullable<LoadedRubric['data']['parties']>[number]): Big {
  if (party.max !== undefined) return new Big(party.max);
  const ids = new Set(partyItems(rubric.data, party).items);
  return rubric.index.items.filter((i) => ids.has(i.id) && !i.bonus).reduce((a, i) => a.plus(i.points), new Big(0));
}

/** Row 5 of a rubric with `parties`: who scores what, in authority order, and which score counts. */
export function partiesNotice(rubric: LoadedRubric): string {
  const parties = rubric.data.parties ?? [];
  const each = parties.map((p) => `${p.name}（${p.items ? `评 ${p.items.join('、')}` : '评全部项目'}，满分 ${fmt(Number(partyMax(rubric, p)))}）`);
  return `评分方（按权威顺序）：${each.join('；')}。各方只在本方得分列填写本方评分的项目，灰色格不由该方评分；同一项目几方都评分时，以最右边已评分的一方为准。`;
}

function writeGuide(wb: Workbook, rubric: LoadedRubric, sample: boolean) {
  const data = rubric.data;
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 110 }];
  const lines = [
    `${data.title}\u3000填表说明`,
    sample ? '本工作簿为示例数据：县、站点与分数均为虚构，仅用于演示。' : '',
    data.illustrative ? `细则说明：${data.illustrative}` : '',
    `细则：${data.id}\u3000版本 ${data.version}${data.issuer ? `\u3000发布：${data.issuer}` : ''}\u3000满分 ${fmt(data.total)} 分${data.bonus ? `，另有${data.bonus.name}（上限 ${fmt(data.bonus.cap)} 分）` : ''}。`,
    '1. 先在“评分表”上方填写站点名称、所属县(市、区)、乡镇(街道)、运营机构、评估年度、填表人和日期；评估机构和评估日期由第三方评估人员填写（评估报告抬头用）。',
    '2. 黄色格为填写格，灰色格为自动计算或说明，已锁定（工作表保护无密码，请勿修改表头与编号）。',
    data.parties
      ? `3. 评分方：${data.parties.map((p) => p.name).join('、')}。各方在本方的“得分”栏（如“${partyHeader(data.parties[0].name, 'score')}”）填写本方评分的项目；需要“填报”的项目（是/否、选项、实测值、数量等）在本方的“填报”栏填写，得分自动计算。灰色格不由该方评分，请留空。`
      : '3. 需要“填报”的项目（是/否、选项、条件编号、实测值、数量、次数、等级）在“自评填报”栏填写，“自评得分”自动计算；直接打分的项目在“自评得分”栏填写分数。',
    '4. 空白表示未评分（评分不完整，不能评星），0 表示得 0 分；确实不适用的项目填“不适用”（仅限允许不适用的项目）。',
    '5. 分数可以带小数（如 2.5）；“自评说明/佐证材料”栏请写明佐证材料名称或存放位置。',
    data.parties
      ? '6. 同一项目有几个评分方时，以最右边（权威顺序靠后）已评分的一方为准；各方的计分合计见报告。扣分原因写在“扣分原因”栏。'
      : '6. “抽查填报”“抽查得分”“扣分原因”由第三方评估人员填写；抽查得分与自评得分不一致时，以细则规定为准。',
    '7. 一票否决事项如实选择“是/否”。',
    '8. 表中小计、总分为参考值（不适用项按比例折算等规则以评估工具计算结果为准）。',
    '9. 请保存为 .xlsx 格式提交（不要另存为 .xls 或 .et），不要加密码。',
  ].filter(Boolean);
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = i === 0 ? cjkFont(14, { bold: true }) : cjkFont(11);
    ws.getRow(i + 1).height = i === 0 ? 26 : wrappedRowHeight([{ text: line, width: 110 }], lineHeightFor(11)) + 4;
  });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- exceljs's PaperSize is a const enum of its typings only (no value at run time); 9 is A4
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };
}
