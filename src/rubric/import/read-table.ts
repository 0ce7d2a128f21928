/**
 * A published evaluation table (评分细则表) as a cell grid → its modules,
 * indicators and items exactly as printed. Nothing is corrected here: a module
 * subtotal that differs from its items, a number printed twice, points that do
 * not add up all stay as printed (draft-yaml.ts writes them into the draft, and
 * `rubric validate` reports each at its line). What cannot be represented (a
 * points cell that is no number) is a located refusal; rows that are not items
 * (notes under the table) are listed, never dropped silently.
 *
 * Layouts read:
 *   - one row per item with a module column (一级指标 / 模块 …), module blocks as
 *     merged cells or the name repeated or left blank below its first row, an
 *     optional module-points column (模块分值), an optional level-2 column
 *     (二级指标 …) with its own points column (二级指标分值);
 *   - section rows instead of a module column: "一、安全部分（50分）";
 *   - two-row headers (一级指标 merged over 名称 | 分值);
 *   - a 合计 / 总分 row: the declared total.
 * Pure: a grid in, plain data out.
 */
import type { Problem, ProblemLocation } from '../../problems/problem.js';
import { problem } from '../../problems/render.js';
import { cellAddress, type SheetGrid, type WorkbookGrid } from '../../xlsx/cell-grid.js';
import { cellText, parseNumberText } from '../../workbook/cell-value.js';
import { normaliseHeader } from '../../workbook/columns.js';
import { mergeMasters, shownValue } from '../../workbook/sheet-layout.js';

export type TableRole = 'module' | 'modulePoints' | 'group' | 'groupPoints' | 'name' | 'id' | 'content' | 'points' | 'standard' | 'method';

/** Header texts (normalised: NFKC, no spaces, lower case) for each role, in priority order. */
export const TABLE_HEADERS: Record<TableRole, string[]> = {
  module: ['一级指标', '一级指标名称', '模块', '模块名称', '评估模块', '评价模块', '考核模块', '类别', '评估类别', '项目类别', '一级'],
  modulePoints: ['模块分值', '一级指标分值', '模块总分', '模块满分', '一级指标满分', '类别分值', '一级分值'],
  group: ['二级指标', '二级指标名称', '评估项目', '考核项目', '二级'],
  groupPoints: ['二级指标分值', '二级指标满分', '二级分值', '项目分值'],
  name: ['三级指标', '三级指标名称', '评估要素', '指标名称', '项目名称', '评估指标', '三级'],
  id: ['序号', '编号', '指标编号', '项目编号', '编码', '代码', '指标代码', '条款编号', '标号'],
  content: ['标准要求', '评估内容', '评估标准', '考核内容', '指标内容', '评价内容', '评估要点', '考评内容', '工作要求', '具体内容', '内容', '评估细则', '指标说明', '三级指标内容'],
  points: ['分值', '标准分', '满分', '分数', '标准分值', '配分', '三级指标分值', '项目分值'],
  standard: ['评分标准', '评分细则', '评分办法', '扣分标准', '计分方法', '评分方法', '评分说明', '考核标准', '评价标准', '计分标准', '评分规则'],
  method: ['评估方法', '考核方式', '评价方式', '评估方式', '考评方法', '考核方法', '评估方式方法'],
};

/** "一级指标" over "名称" / "分值" in a two-row header. */
const UPPER_LOWER: [string, string, TableRole][] = [
  ['一级指标', '名称', 'module'],
  ['一级指标', '分值', 'modulePoints'],
  ['一级指标', '指标', 'module'],
  ['二级指标', '名称', 'group'],
  ['二级指标', '分值', 'groupPoints'],
  ['二级指标', '指标', 'group'],
  ['三级指标', '名称', 'name'],
  ['三级指标', '分值', 'points'],
  ['三级指标', '指标', 'name'],
  ['三级指标', '内容', 'content'],
];

const ROLE_OF = new Map<string, TableRole>();
for (const role of Object.keys(TABLE_HEADERS) as TableRole[]) for (const h of TABLE_HEADERS[role]) if (!ROLE_OF.has(normaliseHeader(h))) ROLE_OF.set(normaliseHeader(h), role);

export interface TableItem {
  /** The number as printed (normalised: "1、" → "1", "（2）" → "2"); undefined when none. */
  printedId?: string;
  /** The printed id text when it is not a plain dotted number (kept for the draft's comment). */
  printedIdText?: string;
  name?: string;
  content: string;
  standard: string;
  method: string;
  points: number;
  /** 1-based row, and the cell that places the item (its number, else its points). */
  row: number;
  at: ProblemLocation;
}

export interface TableGroup {
  kind: 'group';
  name: string;
  printedId?: string;
  /** Points printed for the group (二级指标分值, or "（20分）" in its name). */
  declaredPoints?: number;
  items: TableItem[];
  row: number;
  at: ProblemLocation;
}

export interface TableModule {
  name: string;
  printedId?: string;
  declaredPoints?: number;
  /** Other module points printed in the same block (rows that disagree with the first). */
  conflictingPoints: { value: number; at: ProblemLocation }[];
  entries: (TableItem | TableGroup)[];
  row: number;
  at: ProblemLocation;
}

export interface ImportedTable {
  /** A title row above the header (e.g. 社区养老服务站星级评定标准), if any. */
  title?: string;
  sheet: string;
  headerRow: number;
  /** Role → column letter, for the summary. */
  columns: Partial<Record<TableRole, string>>;
  /** The header text found for each role. */
  headers: Partial<Record<TableRole, string>>;
  modules: TableModule[];
  /** A 合计 / 总分 row's points. */
  declaredTotal?: { value: number; at: ProblemLocation };
  /** Rows below the header that are neither items, modules nor a total: IMPORT_ROW_SKIPPED warnings. */
  skipped: Problem[];
}

/** Refusal: the table cannot be read as a rubric; every problem at once (catalogued IMPORT_* codes). */
export class TableImportError extends Error {
  override readonly name = 'TableImportError';
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.code).join(', '));
  }
}

const HEADER_ROWS = 30;

interface HeaderFound {
  sheet: SheetGrid;
  row: number;
  columns: Partial<Record<TableRole, number>> & { points: number };
  headers: Partial<Record<TableRole, string>>;
}

/** The roles of a header row (with the row above for two-row headers). */
function headerOf(sheet: SheetGrid, masters: ReadonlyMap<number, [number, number]>, row: number): HeaderFound | undefined {
  const columns: Partial<Record<TableRole, number>> = {};
  const headers: Partial<Record<TableRole, string>> = {};
  const width = Math.min(sheet.columnCount, 60);
  for (let c = 1; c <= width; c++) {
    const lowerRaw = cellText(sheet.get(row, c)).trim();
    const lower = normaliseHeader(lowerRaw);
    const upperRaw = row > 1 ? cellText(shownValue(sheet, masters, row - 1, c)).trim() : '';
    const upper = normaliseHeader(upperRaw);
    let role: TableRole | undefined;
    if (lower.length > 20) continue;
    if (upper && lower) role = UPPER_LOWER.find(([u, l]) => u === upper && l === lower)?.[2] ?? ROLE_OF.get(upper + lower);
    role ??= lower ? ROLE_OF.get(lower) : undefined;
    // Under a merged upper cell whose lower cell is blank: the upper label alone.
    if (!role && !lower && upper && masters.has(row * 16_385 + c)) role = ROLE_OF.get(upper);
    if (!role && !lower && upper && row > 1 && sheet.get(row, c) === null && masters.get(row * 16_385 + c)?.[0] === row - 1) role = ROLE_OF.get(upper);
    if (!role) continue;
    // The first column of a role wins; a second "分值" after the module's is the items'.
    if (columns[role] !== undefined) {
      const first = columns.points;
      if (role === 'points' && first !== undefined && columns.modulePoints === undefined && columns.module !== undefined && columns.module < first && c > first) {
        columns.modulePoints = first;
        headers.modulePoints = headers.points;
        columns.points = c;
        headers.points = lowerRaw || upperRaw;
      }
      continue;
    }
    columns[role] = c;
    headers[role] = [upperRaw, lowerRaw].filter((x, i, a) => x && a.indexOf(x) === i).join(' › ');
  }
  const hasText = columns.content !== undefined || columns.name !== undefined || columns.standard !== undefined || columns.group !== undefined;
  const points = columns.points;
  if (points === undefined || !hasText) return undefined;
  return { sheet, row, columns: { ...columns, points }, headers };
}

function findHeader(sheet: SheetGrid): HeaderFound | undefined {
  const masters = mergeMasters(sheet);
  for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_ROWS); r++) {
    const h = headerOf(sheet, masters, r);
    if (!h) continue;
    // A two-row header (一级指标 merged over 名称 | 分值): the lower row gives at least as many roles.
    const lower = headerOf(sheet, masters, r + 1);
    if (lower && Object.keys(lower.columns).length >= Object.keys(h.columns).length) return lower;
    return h;
  }
  return undefined;
}

/** Sheets that look like an evaluation table (a header with 分值 and a text column). */
export function tableSheets(grid: WorkbookGrid): string[] {
  return grid.sheets.filter((s) => s.state === 'visible' && findHeader(s) !== undefined).map((s) => s.name);
}

const CHINESE_NUMERAL = /^[一二三四五六七八九十百]+[、.．]\s*/;
const POINTS_SUFFIX = /[（(]\s*(?:满分|共|计)?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$/;
const TOTAL_ROW = /^(?:合计|总计|总分|总分值|满分|分值合计|合\s*计|总\s*分)$/;

/** "安全部分（50分）" → name 安全部分, points 50. */
function nameAndPoints(text: string): { name: string; points?: number } {
  const m = POINTS_SUFFIX.exec(text);
  if (!m) return { name: text.trim() };
  return { name: text.slice(0, m.index).trim(), points: Number(m[1]) };
}

/** A printed number: "1", "1.2.3", "1、", "（2）", "第3项" → "1", "1.2.3", "2", "3"; undefined for text. */
export function printedNumber(text: string): string | undefined {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, '');
  const m = /^(?:第)?[(（]?(\d+(?:\.\d+)*)[)）]?[、.．]?(?:项|条)?$/.exec(s);
  return m ? m[1] : undefined;
}

export interface ReadTableOptions {
  /** How locations name the file, e.g. 标准.xlsx. */
  display: string;
  /** Read this sheet; default the first visible sheet with a recognisable header. */
  sheet?: string;
}

export function readTable(grid: WorkbookGrid, options: ReadTableOptions): ImportedTable {
  const { display } = options;
  let header: HeaderFound | undefined;
  if (options.sheet !== undefined) {
    const sheet = grid.sheets.find((s) => s.name === options.sheet);
    if (!sheet) throw new TableImportError([problem('IMPORT_NO_SHEET', 'error', { file: display }, { sheet: options.sheet, sheets: grid.sheets.map((s) => s.name) })]);
    header = findHeader(sheet);
  } else {
    const candidates = grid.sheets.filter((s) => s.state === 'visible');
    for (const s of candidates) {
      header = findHeader(s);
      if (header) break;
    }
  }
  if (!header) {
    throw new TableImportError([problem('IMPORT_NO_HEADER', 'error', { file: display, ...(options.sheet !== undefined ? { sheet: options.sheet } : {}) }, { rows: HEADER_ROWS })]);
  }

  const { sheet, columns } = header;
  const masters = mergeMasters(sheet);
  const where = (r: number, c: number): ProblemLocation => ({ file: display, sheet: sheet.name, cell: cellAddress(r, c) });
  const text = (r: number, role: TableRole): string => {
    const c = columns[role];
    return c === undefined ? '' : cellText(shownValue(sheet, masters, r, c)).trim();
  };
  /** The cell's own text, without following a merge. */
  const ownText = (r: number, role: TableRole): string => {
    const c = columns[role];
    return c === undefined ? '' : cellText(sheet.get(r, c)).trim();
  };
  const problems: Problem[] = [];
  const number = (r: number, role: TableRole, merged: boolean): number | undefined => {
    const c = columns[role];
    if (c === undefined) return undefined;
    const raw = merged ? text(r, role) : ownText(r, role);
    if (raw === '') return undefined;
    const n = parseNumberText(raw);
    if (n === undefined || n < 0) {
      problems.push(problem('IMPORT_POINTS_NOT_A_NUMBER', 'error', where(r, c), { text: raw }, { received: raw, expected: '0 或正数 / a number ≥ 0' }));
      return undefined;
    }
    return n;
  };

  // A title: the first non-empty text above the header (a merged title row).
  let title: string | undefined;
  for (let r = 1; r < header.row && title === undefined; r++) {
    for (let c = 1; c <= Math.min(sheet.columnCount, 60); c++) {
      const v = cellText(sheet.get(r, c)).trim();
      if (v && !ROLE_OF.has(normaliseHeader(v))) {
        title = v;
        break;
      }
    }
  }

  const modules: TableModule[] = [];
  const skipped: Problem[] = [];
  const skip = (r: number, c: number, text: string) => skipped.push(problem('IMPORT_ROW_SKIPPED', 'warning', where(r, c), { text: text.length > 60 ? `${text.slice(0, 60)}…` : text }));
  let declaredTotal: ImportedTable['declaredTotal'];
  let module: TableModule | undefined;
  let group: TableGroup | undefined;
  /** Merge ranges identify blocks: the top-left row of the module / group cell. */
  const blockStart = (r: number, role: TableRole): number => {
    const c = columns[role];
    if (c === undefined) return r;
    return masters.get(r * 16_385 + c)?.[0] ?? r;
  };
  let moduleBlock = -1;
  let groupBlock = -1;
  const firstCol = Math.min(...Object.values(columns));
  const rowText = (r: number): string => {
    const parts: string[] = [];
    for (let c = 1; c <= Math.min(sheet.columnCount, 60); c++) {
      const v = cellText(sheet.get(r, c)).trim();
      if (v) parts.push(v);
    }
    return parts.join(' | ');
  };

  const openModule = (name: string, r: number, c: number, points: number | undefined, printedId?: string): TableModule => {
    const opened: TableModule = { name, printedId, declaredPoints: points, conflictingPoints: [], entries: [], row: r, at: where(r, c) };
    module = opened;
    modules.push(opened);
    group = undefined;
    groupBlock = -1;
    return opened;
  };

  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const pointsRaw = ownText(r, 'points');
    const idText = ownText(r, 'id');
    const content = ownText(r, 'content');
    const standard = ownText(r, 'standard');
    const nameText = ownText(r, 'name');
    const all = rowText(r);
    if (all === '') continue;

    // 合计 / 总分: the declared total.
    const labels = [text(r, 'module'), text(r, 'group'), nameText, idText, content].filter(Boolean);
    if (labels.length > 0 && TOTAL_ROW.test(normaliseHeader(labels[0]))) {
      const c = columns.points;
      const v = number(r, 'points', false) ?? (columns.modulePoints !== undefined ? number(r, 'modulePoints', false) : undefined);
      if (v !== undefined) declaredTotal = { value: v, at: where(r, c) };
      else skip(r, firstCol, all);
      continue;
    }

    // A row merged across the points column (a title, a note, a section heading spanning the table).
    const pc = columns.points;
    const pm = masters.get(r * 16_385 + pc);
    if (pm !== undefined && pm[0] === r && pm[1] < pc) {
      const label = all.replace(/ \| /g, '');
      if (CHINESE_NUMERAL.test(label) || /^第[一二三四五六七八九十]+部分/.test(label) || POINTS_SUFFIX.test(label)) {
        const { name, points } = nameAndPoints(label.replace(CHINESE_NUMERAL, ''));
        openModule(name, r, pm[1], points);
        moduleBlock = r;
      } else skip(r, pm[1], all);
      continue;
    }

    // Module: a module column (merged blocks, the name repeated, or blank below its first row) …
    if (columns.module !== undefined) {
      const raw = text(r, 'module');
      const start = blockStart(r, 'module');
      if (raw !== '') {
        const { name, points } = nameAndPoints(raw.replace(CHINESE_NUMERAL, ''));
        const isNew = module === undefined || (start !== r ? start !== moduleBlock : name !== module.name);
        if (isNew) {
          const declared = columns.modulePoints !== undefined ? number(r, 'modulePoints', true) : undefined;
          openModule(name, r, columns.module, declared ?? points, printedNumber(/^[一二三四五六七八九十]+/.test(raw) ? '' : (raw.split(/[、.．\s]/)[0] ?? '')));
          moduleBlock = start;
        } else if (columns.modulePoints !== undefined && module) {
          const v = number(r, 'modulePoints', true);
          if (v !== undefined && module.declaredPoints === undefined) module.declaredPoints = v;
          else if (v !== undefined && v !== module.declaredPoints && !module.conflictingPoints.some((x) => x.value === v))
            module.conflictingPoints.push({ value: v, at: where(r, columns.modulePoints) });
        }
      }
    }

    // … or a section row: text but no points and no rule, like "一、安全部分（50分）".
    if (pointsRaw === '' && standard === '') {
      const label = all.replace(/ \| /g, '');
      if (columns.module === undefined && (CHINESE_NUMERAL.test(label) || /^第[一二三四五六七八九十]+部分/.test(label) || (POINTS_SUFFIX.test(label) && content === ''))) {
        const { name, points } = nameAndPoints(label.replace(CHINESE_NUMERAL, ''));
        openModule(name, r, firstCol, points);
        continue;
      }
      // A level-2 heading row inside a module: "（一）场所设施（20分）".
      if (module !== undefined && columns.group === undefined && /^[（(][一二三四五六七八九十]+[）)]/.test(label)) {
        const { name, points } = nameAndPoints(label.replace(/^[（(][一二三四五六七八九十]+[）)]\s*/, ''));
        group = { kind: 'group', name, declaredPoints: points, items: [], row: r, at: where(r, firstCol) };
        module.entries.push(group);
        groupBlock = r;
        continue;
      }
      const groupOnly = columns.group !== undefined && text(r, 'group') !== '' && content === '' && nameText === '';
      const moduleOnly = columns.module !== undefined && module !== undefined && module.row === r && content === '' && nameText === '';
      if (!groupOnly && !moduleOnly && (content !== '' || nameText !== '' || idText !== '')) {
        // Text where an item should be, but no points and no rule: listed, not imported.
        skip(r, firstCol, all);
        continue;
      }
      if (!groupOnly && !moduleOnly) {
        skip(r, firstCol, all);
        continue;
      }
    }

    // Items before any module: one module named after the title.
    const m = module ?? openModule(title ?? '全部项目', r, firstCol, undefined);

    // Level 2: its own column (merged blocks, the name repeated, or blank below its first row).
    if (columns.group !== undefined) {
      const raw = text(r, 'group');
      const start = blockStart(r, 'group');
      if (raw !== '') {
        const { name, points } = nameAndPoints(raw.replace(/^[（(]?[一二三四五六七八九十]+[）)、.．]\s*/, ''));
        const isNew = !group || !m.entries.includes(group) || (start !== r ? start !== groupBlock : name !== group.name);
        if (isNew) {
          const declared = columns.groupPoints !== undefined ? number(r, 'groupPoints', true) : undefined;
          const printed = printedNumber(raw.split(/\s/)[0] ?? '');
          group = { kind: 'group', name, declaredPoints: declared ?? points, items: [], row: r, at: where(r, columns.group), ...(printed ? { printedId: printed } : {}) };
          m.entries.push(group);
          groupBlock = start;
        }
      }
    }

    if (pointsRaw === '' && standard === '' && content === '' && nameText === '') continue; // a group heading row only
    const pointsCol = columns.points;
    const points = number(r, 'points', false);
    if (points === undefined) {
      if (pointsRaw === '') problems.push(problem('IMPORT_POINTS_BLANK', 'error', where(r, pointsCol), { text: all.length > 40 ? `${all.slice(0, 40)}…` : all }));
      continue;
    }
    const printed = idText === '' ? undefined : printedNumber(idText);
    const item: TableItem = {
      printedId: printed,
      printedIdText: idText !== '' && printed === undefined ? idText : undefined,
      name: nameText || undefined,
      content,
      standard,
      method: ownText(r, 'method'),
      points,
      row: r,
      at: where(r, columns.id ?? pointsCol),
    };
    if (group && m.entries.includes(group)) group.items.push(item);
    else m.entries.push(item);
  }

  if (problems.length === 0 && modules.every((m) => m.entries.length === 0)) problems.push(problem('IMPORT_NO_ITEMS', 'error', { file: display, sheet: sheet.name }, { headerRow: header.row }));
  if (problems.length > 0) throw new TableImportError(problems);

  const letters: Partial<Record<TableRole, string>> = {};
  for (const [role, c] of Object.entries(columns) as [TableRole, number][]) letters[role] = cellAddress(1, c).replace(/\d+$/, '');
  return { title, sheet: sheet.name, headerRow: header.row, columns: letters, headers: header.headers, modules, declaredTotal, skipped };
}
