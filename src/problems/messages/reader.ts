/**
 * Messages of the workbook readers (src/workbook): a cell that is no valid
 * entry, a row that fits no item, the sheet or columns that cannot be told
 * apart, and the notes on how a sheet was read (columns not placed, rows
 * matched by name, a 合计 that differs). The readers return codes and
 * parameters — the value found at the cell (`Found`) and what was expected
 * (`CellExpectation`) as data — and the words are here, one rendering per
 * language.
 */
import type { AreaCatalogue } from '../catalogue.js';
import type { Lang } from '../../util/lang.js';
import type { ItemRef } from './engine.js';

/** A value found in a cell, as messages show it: "十分", 12, 日期 2024-05-06, 公式 =A1+1. */
export type Found =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'date'; date: string }
  | { kind: 'error'; error: string }
  | { kind: 'formula'; formula: string };

/** What a cell should hold. */
export type CellExpectation = { type: 'score'; min: number; max: number } | { type: 'quantity'; integer: boolean; unit?: string } | { type: 'yes-no'; allowNa: boolean };

/** The columns a reader places (src/workbook/columns.ts ColumnRole). */
export type ColumnRoleName = 'id' | 'name' | 'points' | 'selfInput' | 'selfScore' | 'selfNote' | 'spotInput' | 'spotScore' | 'reason' | 'note' | 'score';

/** A column's role as messages name it: a fixed role, or a scoring party's 填报 / 得分 (rubric `parties`: the party's name). */
export type RoleRef = ColumnRoleName | { party: string; which: 'input' | 'score' };

/** Codes of one cell's entry (src/workbook/cell-value.ts, read-entry.ts). */
export interface CellParams {
  CELL_NA_FORBIDDEN: { found: Found; expected: CellExpectation };
  CELL_UNCALCULATED: { found: Found };
  CELL_DATE: { found: Found; expected: CellExpectation };
  CELL_NOT_A_NUMBER: { found: Found; expected: CellExpectation };
  CELL_ABOVE_MAX: { found: Found; expected: CellExpectation };
  CELL_BELOW_MIN: { found: Found; expected: CellExpectation };
  CELL_BAD_QUANTITY: { found: Found; expected: CellExpectation };
  /** `control`: points typed for a control item (its text as found, '' when none). */
  CELL_NOT_YES_NO: { found: Found; expected: CellExpectation; control?: { text: string } };
  CELL_UNKNOWN_OPTION: { text: string; options: string[]; allowNa: boolean };
  CELL_UNKNOWN_CONDITION: { text: string; part: string; ids: string[] };
  CELL_UNKNOWN_GRADE: { text: string; grades: string[] };
  /** A checklist-deduction entry whose part after 扣 is no number. */
  CELL_BAD_DEDUCTION: { text: string };
  CELL_PERCENT_FRACTION: { text: string; percent: number };
}

export type CellCode = keyof CellParams;

/** One cell's problem as data: code and parameters. */
export type CellIssue = { [C in CellCode]: { code: C; params: CellParams[C] } }[CellCode];

/** A heading row named by its node (id and name) or by the text found. */
export type HeadingRef = { id: string; name: string } | { text: string };

export interface ReaderParams extends CellParams {
  // ── the score sheet ──
  SHEET_NOT_FOUND: { sheet: string; sheets: string[] };
  /** `sheet`: the sheet named by --sheet has no header; `workbook`: no sheet has one (`stamp`: the rubric the file was made from, when another). */
  SHEET_NO_HEADER: { scope: 'sheet' } | { scope: 'workbook'; rubricId: string; stamp?: string };
  SHEET_AMBIGUOUS: { count: number; sheets: string[]; last: string };
  SHEET_CHOSEN: { count: number; sheets: string[]; chosen: string; why: 'filled' | 'station' };
  COLUMNS_NOT_FOUND: { key: string; value: string; headerRow: number; headers: string[] };
  CELL_UNKNOWN_LEVEL: { value: string; levels: string[] };
  WORKBOOK_OTHER_RUBRIC: { rubricId: string; version: string; stamp?: { id: string; version?: string }; unknown: number; examples: string[]; matched: number };
  WORKBOOK_NO_ITEMS: { headerRow: number; rubricId: string };
  // ── rows ──
  ROW_AMBIGUOUS_NAME: { text: string; items: ItemRef[]; cell: string; found: Found };
  ROW_UNMATCHED: { text: string; rubricId: string; cell: string; found: Found };
  ROW_NO_KEY: { cell: string; found: Found };
  /** `station`: in a consolidated spot-check table, the station the row belongs to. */
  ROW_DUPLICATE_ITEM: { item: ItemRef; row: number; station?: string };
  ROW_UNKNOWN_ITEM: { id: Found; rubricId: string };
  HEADING_ROW_SCORED: { heading: HeadingRef; role: RoleRef; cell: string; found: Found };
  ROW_NO_STATION: { id: string };
  ROW_DUPLICATE_STATION: { station: string; row: number };
  ROSTER_DUPLICATE: { station: string; row: number };
  // ── notes on how the sheet was read (warnings) ──
  TOTAL_MISMATCH: { total: number; sum: string; diff: string };
  /** `parties`: the rubric's scoring party ids, for the --columns hint (none: self/spot). */
  COLUMN_UNPLACED: { column: string; header: string; count: number; parties?: string[] };
  /** `cells`: the first 8 cells; `count`: how many in all. */
  CELL_TYPED_DASH: { typed: string; cells: string[]; count: number };
  CELL_TYPED_SLASH: { typed: string; cells: string[]; count: number };
  ROWS_MATCHED_BY_NAME: { byName: number; byAlias: number; byId: number; first: RowByName };
  WORKBOOK_FROM_OTHER_RUBRIC: { stamp: string; rubricId: string };
  WORKBOOK_OTHER_FILE: { id: string; version: string };
  ITEMS_WITHOUT_ROWS: { count: number; examples: string[] };
  STATION_NAME_FROM_FILE: { name: string };
  // ── the file as a whole (src/workbook/open-workbook.ts) ──
  FILE_EMPTY: Record<string, never>;
  FILE_RIGHTS_PROTECTED: Record<string, never>;
  FILE_ENCRYPTED: Record<string, never>;
  FILE_NOT_XLSX: Record<string, never>;
  SHEET_TOO_MANY_ROWS: { sheet: string; limit: number };
  FILE_AMBIGUOUS: { entry: string };
  FILE_CORRUPT: { why: string };
  // ── a batch's input folder (src/batch/discover-files.ts) ──
  UNREADABLE: { what: 'folder'; reason: string } | { what: 'link' } | { what: 'special' };
  WRONG_FORMAT: { ext: string };
}

/** A row matched to an item by its name or an alias. */
export interface RowByName {
  row: number;
  text: string;
  item: ItemRef;
  how: 'name' | 'alias';
}

/** How a found value is shown: "十分" (quoted, cut at 40 characters), 12, 日期 2024-05-06, 公式 =A1+1, TRUE. */
export function foundText(f: Found, lang: Lang): string {
  switch (f.kind) {
    case 'date':
      return lang === 'en' ? `the date ${f.date}` : `日期 ${f.date}`;
    case 'error':
      return lang === 'en' ? `the error ${f.error}` : `错误值 ${f.error}`;
    case 'formula':
      return lang === 'en' ? `the formula =${f.formula}` : `公式 =${f.formula}`;
    case 'bool':
      return f.value ? 'TRUE' : 'FALSE';
    case 'number':
      return String(f.value);
    case 'text':
      return JSON.stringify(f.text.length > 40 ? `${f.text.slice(0, 40)}…` : f.text);
  }
}

function expectedZh(e: CellExpectation): string {
  switch (e.type) {
    case 'score':
      return `应为 ${e.min}–${e.max} 的数字`;
    case 'quantity':
      return `${e.integer ? '应为不小于 0 的整数' : '应为不小于 0 的数值'}${e.unit ? `（${e.unit}）` : ''}`;
    case 'yes-no':
      return e.allowNa ? '应为“是”“否”或“不适用”' : '应为“是”或“否”';
  }
}

function expectedEn(e: CellExpectation): string {
  switch (e.type) {
    case 'score':
      return `a number from ${e.min}–${e.max}`;
    case 'quantity':
      return `${e.integer ? 'a whole number ≥ 0' : 'a number ≥ 0'}${e.unit ? ` (${e.unit})` : ''}`;
    case 'yes-no':
      return 'expected 是 or 否 (yes/no)';
  }
}

const FORMATS_ZH = '.xlsx、.xlsm、.xls、.et、.ods 或 .csv';
const FORMATS_EN = '.xlsx, .xlsm, .xls, .et, .ods or .csv';
const UNCALCULATED_ZH = '公式没有计算结果，请用 Excel 或 WPS 打开并保存后重试';
const UNCALCULATED_EN = 'formula has no calculated value; open the file in Excel or WPS, save it, and try again';

const ROLE_ZH: Record<ColumnRoleName, string> = {
  id: '编号',
  name: '名称',
  points: '分值',
  selfInput: '自评填报',
  selfScore: '自评得分',
  selfNote: '自评说明',
  spotInput: '抽查填报',
  spotScore: '抽查得分',
  reason: '扣分原因',
  note: '备注',
  score: '得分',
};
const ROLE_EN: Record<ColumnRoleName, string> = {
  id: 'id',
  name: 'name',
  points: 'points',
  selfInput: 'self input',
  selfScore: 'self score',
  selfNote: 'self note',
  spotInput: 'spot input',
  spotScore: 'spot score',
  reason: 'reason',
  note: 'note',
  score: 'score',
};

/** A column's role in words (--verbose lists the columns used). */
export function roleName(role: RoleRef, lang: Lang): string {
  if (typeof role === 'object') return lang === 'en' ? `${role.party} ${role.which}` : `${role.party}${role.which === 'input' ? '填报' : '得分'}`;
  return (lang === 'en' ? ROLE_EN : ROLE_ZH)[role];
}
const partyHint = (p: { column: string; parties?: string[] }, or: string) => (p.parties?.length ? `--columns ${p.parties.map((id) => `${id}=${p.column}`).join(or)}` : undefined);

const quoted = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join('、');
const cellsZh = (p: { cells: string[]; count: number }) => `${p.cells.join('、')}${p.count > p.cells.length ? ` 等 ${p.count} 格` : ''}`;
const cellsEn = (p: { cells: string[]; count: number }) => `${p.cells.join(', ')}${p.count > p.cells.length ? ` and ${p.count - p.cells.length} more` : ''}`;
const itemsZh = (items: ItemRef[]) => items.map((i) => `${i.id}「${i.name}」`).join('、');
const itemsEn = (items: ItemRef[]) => items.map((i) => `${i.id} ${i.name}`).join(', ');
const isNumberish = (e: CellExpectation) => e.type !== 'score';

/** A row matched by name, as --verbose and ROWS_MATCHED_BY_NAME say it: 第 12 行“场所” → 1.1「服务场所」（按名称）. */
export function rowByNameText(r: RowByName, lang: Lang): string {
  const shown = r.text.replace(/\s+/g, ' ');
  return lang === 'en' ? `row ${r.row} "${shown}" → ${r.item.id} ${r.item.name} (by ${r.how})` : `第 ${r.row} 行“${shown}” → ${r.item.id}「${r.item.name}」（按${r.how === 'name' ? '名称' : '别名'}）`;
}

export const zh: AreaCatalogue<ReaderParams> = {
  CELL_NA_FORBIDDEN: (p) =>
    p.expected.type === 'yes-no' ? `${foundText(p.found, 'zh')}：此处不允许填“不适用”（${expectedZh(p.expected)}）` : `${foundText(p.found, 'zh')}：本项不允许填“不适用”（${expectedZh(p.expected)}）`,
  CELL_UNCALCULATED: (p) => `${foundText(p.found, 'zh')}: ${UNCALCULATED_ZH}`,
  CELL_DATE: (p) => `${foundText(p.found, 'zh')} 是日期，不是${isNumberish(p.expected) ? '数值' : '分数'}（${expectedZh(p.expected)}）`,
  CELL_NOT_A_NUMBER: (p) => `${foundText(p.found, 'zh')} 不是有效${isNumberish(p.expected) ? '数值' : '分数'}（${expectedZh(p.expected)}）`,
  CELL_ABOVE_MAX: (p) => `${foundText(p.found, 'zh')} 超出范围（${expectedZh(p.expected)}）`,
  CELL_BELOW_MIN: (p) => `${foundText(p.found, 'zh')} 超出范围（${expectedZh(p.expected)}）`,
  CELL_BAD_QUANTITY: (p) => `${foundText(p.found, 'zh')} 无效（${expectedZh(p.expected)}）`,
  CELL_NOT_YES_NO: (p) => (p.control ? `控制项不计分，应填“是”或“否”（找到 ${p.control.text || '空'}）` : `${foundText(p.found, 'zh')} 无法识别（${expectedZh(p.expected)}）`),
  CELL_UNKNOWN_OPTION: (p) => `“${p.text}” 不是可选项（应为 ${quoted(p.options)}${p.allowNa ? '或“不适用”' : ''}）`,
  CELL_UNKNOWN_CONDITION: (p) => `“${p.text}” 中的“${p.part}”不是本项的条件（应为条件编号 ${p.ids.join('、')}，用逗号分隔）`,
  CELL_UNKNOWN_GRADE: (p) => `“${p.text}” 不是有效等级（应为 ${quoted(p.grades)}）`,
  CELL_BAD_DEDUCTION: (p) => `“${p.text}” 中“扣”后面应是扣分数（如 a,b 扣2）`,
  CELL_PERCENT_FRACTION: (p) => `${p.text}：是 ${p.percent}% 吗？本项以百分数计，请填 ${p.percent}（或 ${p.percent}%）`,
  SHEET_NOT_FOUND: (p) => `没有名为“${p.sheet}”的工作表（本文件有：${quoted(p.sheets)}）`,
  SHEET_NO_HEADER: (p) =>
    p.scope === 'sheet'
      ? '该工作表前 50 行里没有同时含“编号”或名称列和得分列的表头'
      : `找不到评分表：没有一个工作表在前 50 行里有同时含“编号”列和得分列（自评得分、抽查得分、得分…）的表头${p.stamp ? `；该文件由细则“${p.stamp}”生成，不是本细则（${p.rubricId}）的评分表` : ''}（表头特殊时可用 --columns 指定列）`,
  SHEET_AMBIGUOUS: (p) => `工作簿中有 ${p.count} 个评分表（${quoted(p.sheets)}），无法判断以哪个为准：请删除多余的工作表，或用 --sheet 指定，如 --sheet ${p.last}`,
  SHEET_CHOSEN: (p) =>
    p.why === 'filled'
      ? `工作簿有 ${p.count} 个评分表（${quoted(p.sheets)}），只有“${p.chosen}”填了分数，按它评分`
      : `工作簿有 ${p.count} 个评分表（${quoted(p.sheets)}），按站点信息与本站相符的“${p.chosen}”评分`,
  COLUMNS_NOT_FOUND: (p) => `--columns ${p.key}=${p.value}：第 ${p.headerRow} 行表头中没有“${p.value}”（表头有：${quoted(p.headers)}）；也可写列字母，如 ${p.key}=H`,
  CELL_UNKNOWN_LEVEL: (p) => `申报等级“${p.value}”不是本细则的等级（应为 ${p.levels.join('、')}）`,
  WORKBOOK_OTHER_RUBRIC: (p) =>
    `不是本细则（${p.rubricId} ${p.version}）的评分表${p.stamp ? `（该表由细则“${p.stamp.id}”${p.stamp.version ? ` ${p.stamp.version}` : ''}生成）` : ''}：${p.unknown} 个编号本细则中没有（如 ${p.examples.join('、')}），只有 ${p.matched} 个能对上`,
  WORKBOOK_NO_ITEMS: (p) => `第 ${p.headerRow} 行是表头，但下面没有一行的编号或名称能对上细则 ${p.rubricId} 的评分项`,
  ROW_AMBIGUOUS_NAME: (p) => `“${p.text}”对应多个评分项（${itemsZh(p.items)}），无法判断（${p.cell} = ${foundText(p.found, 'zh')}）；请填写编号`,
  ROW_UNMATCHED: (p) => `“${p.text}”不是细则 ${p.rubricId} 的评分项，这一行的分数无处可记（${p.cell} = ${foundText(p.found, 'zh')}）；请核对名称或填写编号`,
  ROW_NO_KEY: (p) => `这一行有分数（${p.cell} = ${foundText(p.found, 'zh')}）但没有编号也没有名称，无法对应评分项`,
  ROW_DUPLICATE_ITEM: (p) =>
    p.station !== undefined ? `站点“${p.station}”的项目 ${p.item.id} 重复出现（第 ${p.row} 行已有）` : `项目 ${p.item.id}「${p.item.name}」重复出现（第 ${p.row} 行已有），请删除重复的一行`,
  ROW_UNKNOWN_ITEM: (p) => `编号 ${foundText(p.id, 'zh')} 在细则 ${p.rubricId} 中不存在，请核对编号`,
  HEADING_ROW_SCORED: (p) =>
    `${'id' in p.heading ? `${p.heading.id}「${p.heading.name}」` : `“${p.heading.text}”`}是模块或指标的标题行，不计分，但${roleName(p.role, 'zh')}填了 ${p.cell} = ${foundText(p.found, 'zh')}；请把分数填到其下的评分项行`,
  ROW_NO_STATION: (p) => `编号 ${p.id} 这一行没有站点名称`,
  ROW_DUPLICATE_STATION: (p) => `站点“${p.station}”重复出现（第 ${p.row} 行已有）`,
  ROSTER_DUPLICATE: (p) => `站点“${p.station}”重复（第 ${p.row} 行已有）`,
  TOTAL_MISMATCH: (p) => `表中合计 ${p.total} 与上方各项逐项相加的 ${p.sum} 不符（相差 ${p.diff}），请核对`,
  COLUMN_UNPLACED: (p) =>
    `${p.column} 列${p.header ? `（表头“${p.header}”）` : ''}在 ${p.count} 个评分项行中有数字，但不是可识别的得分列，未计入；如是某一方的得分，请用 ${partyHint(p, ' 或 ') ?? `--columns spot=${p.column}（或 self=${p.column}）`}指定`,
  CELL_TYPED_DASH: (p) => `${cellsZh(p)} 填的是“${p.typed}”，按未评分（空白）处理；如为 0 分请填 0，不适用请填“不适用”`,
  CELL_TYPED_SLASH: (p) => `${cellsZh(p)} 填的是“${p.typed}”，按“不适用”处理`,
  ROWS_MATCHED_BY_NAME: (p) => `${p.byName + p.byAlias} 行按名称对应评分项（名称 ${p.byName} 行、别名 ${p.byAlias} 行；按编号 ${p.byId} 行），如${rowByNameText(p.first, 'zh')}；--verbose 可逐行查看`,
  WORKBOOK_FROM_OTHER_RUBRIC: (p) => `该表由细则“${p.stamp}”生成，正按“${p.rubricId}”读取`,
  WORKBOOK_OTHER_FILE: (p) => `该表由细则 ${p.id} ${p.version} 的另一份文件生成（内容不同），请核对版本`,
  ITEMS_WITHOUT_ROWS: (p) => `表中没有 ${p.count} 个评分项的行（如 ${p.examples.join('、')}），按未评分处理`,
  STATION_NAME_FROM_FILE: (p) => `未填写站点名称，暂用文件名“${p.name}”`,
  FILE_EMPTY: () => '文件是空的（0 字节），请重新导出或重新发送',
  FILE_RIGHTS_PROTECTED: () => '文件受信息权限管理（IRM/RMS，“限制访问”）保护，内容已加密，只有获得授权的人能在 Office 中打开；这不是旧版 .xls。请让发文单位取消权限限制后另存为 .xlsx 再试',
  FILE_ENCRYPTED: () => '文件设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后重新保存再试',
  FILE_NOT_XLSX: () => `不是可读取的工作簿（文件已损坏，或不是 Excel/WPS/LibreOffice 表格），请重新导出为 ${FORMATS_ZH}`,
  SHEET_TOO_MANY_ROWS: (p) => `工作表“${p.sheet}”超过 ${p.limit} 行，不像评分表（确需读取请加 --max-rows）`,
  FILE_AMBIGUOUS: (p) => `压缩包中有两个名为 ${p.entry} 的部件，不同软件会读出不同的内容，无法确定哪一个是真的（文件可能被改动过）；请用 Excel 或 WPS 打开后重新保存`,
  FILE_CORRUPT: (p) => `文件已损坏，无法读取（${p.why}），请用 Excel 或 WPS 打开后重新保存`,
  UNREADABLE: (p) => (p.what === 'folder' ? `无法读取文件夹：${p.reason}` : p.what === 'link' ? '符号链接指向的文件不存在或形成循环' : '这不是普通文件（是管道、设备或套接字），未读取'),
  WRONG_FORMAT: (p) => `不是可读取的工作簿格式（${p.ext}）：请在 Excel、WPS 或 LibreOffice 中“另存为” .xlsx、.xls、.et、.ods 或 .csv 后重试`,
};

export const en: AreaCatalogue<ReaderParams> = {
  CELL_NA_FORBIDDEN: (p) =>
    p.expected.type === 'yes-no'
      ? `${foundText(p.found, 'en')}: N/A is not allowed here (${expectedEn(p.expected)})`
      : `${foundText(p.found, 'en')}: this item may not be N/A; enter ${expectedEn(p.expected)}`,
  CELL_UNCALCULATED: (p) => `${foundText(p.found, 'en')}: ${UNCALCULATED_EN}`,
  CELL_DATE: (p) => `${foundText(p.found, 'en')} is a date, not ${isNumberish(p.expected) ? 'a quantity' : 'a score'} (${expectedEn(p.expected)})`,
  CELL_NOT_A_NUMBER: (p) => `${foundText(p.found, 'en')} is not ${isNumberish(p.expected) ? 'a number' : 'a valid score'} (${expectedEn(p.expected)})`,
  CELL_ABOVE_MAX: (p) => `${foundText(p.found, 'en')} is out of range (${expectedEn(p.expected)})`,
  CELL_BELOW_MIN: (p) => `${foundText(p.found, 'en')} is out of range (${expectedEn(p.expected)})`,
  CELL_BAD_QUANTITY: (p) => `${foundText(p.found, 'en')} is not valid (${expectedEn(p.expected)})`,
  CELL_NOT_YES_NO: (p) => (p.control ? 'a control item takes 是 or 否 (yes/no), not points' : `${foundText(p.found, 'en')} is not yes/no (${expectedEn(p.expected)})`),
  CELL_UNKNOWN_OPTION: (p) => `"${p.text}" is not an option (expected one of ${quoted(p.options)})`,
  CELL_UNKNOWN_CONDITION: (p) => `"${p.part}" in "${p.text}" is not a condition (expected ids ${p.ids.join('、')}, separated by commas)`,
  CELL_UNKNOWN_GRADE: (p) => `"${p.text}" is not a grade (expected ${quoted(p.grades)})`,
  CELL_BAD_DEDUCTION: (p) => `"${p.text}": the deduction after 扣 is not a number (e.g. a,b 扣2)`,
  CELL_PERCENT_FRACTION: (p) => `${p.text}: is that ${p.percent}%? This item is measured in percent: enter ${p.percent} (or ${p.percent}%)`,
  SHEET_NOT_FOUND: (p) => `no sheet named "${p.sheet}" (sheets: ${quoted(p.sheets)})`,
  SHEET_NO_HEADER: (p) =>
    p.scope === 'sheet'
      ? 'this sheet has no header row (within 50 rows) with an id or name column and a score column'
      : `no score sheet found: no sheet has a header row (within 50 rows) with an id column (编号) and a score column (自评得分, 抽查得分, 得分 …)${p.stamp ? `; the file was made from rubric "${p.stamp}", not from this one (${p.rubricId})` : ''}; name the columns with --columns`,
  SHEET_AMBIGUOUS: (p) => `the workbook has ${p.count} score sheets (${quoted(p.sheets)}); name the one to read with --sheet, e.g. --sheet ${p.last}`,
  SHEET_CHOSEN: (p) =>
    p.why === 'filled'
      ? `${p.count} score sheets (${quoted(p.sheets)}); only "${p.chosen}" holds scores and is read`
      : `${p.count} score sheets (${quoted(p.sheets)}); "${p.chosen}" is this station's and is read`,
  COLUMNS_NOT_FOUND: (p) => `--columns ${p.key}=${p.value}: no header "${p.value}" in row ${p.headerRow} (headers: ${quoted(p.headers)}); a column letter works too, e.g. ${p.key}=H`,
  CELL_UNKNOWN_LEVEL: (p) => `"${p.value}" is not a level of this rubric (expected ${p.levels.join('、')})`,
  WORKBOOK_OTHER_RUBRIC: (p) =>
    `not a score sheet of this rubric (${p.rubricId} ${p.version})${p.stamp ? ` (made from rubric "${p.stamp.id}")` : ''}: ${p.unknown} ids are unknown (e.g. ${p.examples.join(', ')}), only ${p.matched} match`,
  WORKBOOK_NO_ITEMS: (p) => `row ${p.headerRow} is a header but no row below matches an item of rubric ${p.rubricId}`,
  ROW_AMBIGUOUS_NAME: (p) => `"${p.text}" names several items (${itemsEn(p.items)}); cannot tell which (${p.cell} = ${foundText(p.found, 'en')}); fill in the id`,
  ROW_UNMATCHED: (p) => `"${p.text}" is no item of rubric ${p.rubricId}; the row's score has nowhere to go (${p.cell} = ${foundText(p.found, 'en')}); check the name or fill in the id`,
  ROW_NO_KEY: (p) => `this row has a score (${p.cell} = ${foundText(p.found, 'en')}) but neither an id nor a name; it matches no item`,
  ROW_DUPLICATE_ITEM: (p) =>
    p.station !== undefined ? `station "${p.station}" item ${p.item.id} appears twice (row ${p.row})` : `item ${p.item.id} appears twice (already in row ${p.row}); delete one of the rows`,
  ROW_UNKNOWN_ITEM: (p) => `id ${foundText(p.id, 'en')} is not in rubric ${p.rubricId}`,
  HEADING_ROW_SCORED: (p) =>
    `${'id' in p.heading ? `${p.heading.id} ${p.heading.name}` : `“${p.heading.text}”`} is a module or indicator heading, which is not scored, but its ${roleName(p.role, 'en')} holds ${p.cell} = ${foundText(p.found, 'en')}; enter scores in the item rows below it`,
  ROW_NO_STATION: (p) => `row with id ${p.id} has no station name`,
  ROW_DUPLICATE_STATION: (p) => `station "${p.station}" appears twice (row ${p.row})`,
  ROSTER_DUPLICATE: (p) => `station "${p.station}" listed twice (row ${p.row})`,
  TOTAL_MISMATCH: (p) => `the sheet's total ${p.total} differs from the sum of the item rows above, ${p.sum} (by ${p.diff})`,
  COLUMN_UNPLACED: (p) =>
    `column ${p.column}${p.header ? ` ("${p.header}")` : ''} holds numbers in ${p.count} item rows but is no recognised score column and was not used; if it is a party's score, name it with ${partyHint(p, ' or ') ?? `--columns spot=${p.column} (or self=${p.column})`}`,
  CELL_TYPED_DASH: (p) => `${cellsEn(p)}: "${p.typed}" was typed, read as not scored (blank); enter 0 for zero points, 不适用 for not applicable`,
  CELL_TYPED_SLASH: (p) => `${cellsEn(p)}: "${p.typed}" was typed, read as not applicable (不适用)`,
  ROWS_MATCHED_BY_NAME: (p) =>
    `${p.byName + p.byAlias} rows matched by name (${p.byName} by name, ${p.byAlias} by alias; ${p.byId} by id), e.g. ${rowByNameText(p.first, 'en')}; --verbose lists every row`,
  WORKBOOK_FROM_OTHER_RUBRIC: (p) => `made from rubric "${p.stamp}", read with "${p.rubricId}"`,
  WORKBOOK_OTHER_FILE: (p) => `made from a different file of rubric ${p.id} ${p.version}; check the version`,
  ITEMS_WITHOUT_ROWS: (p) => `${p.count} items have no row (e.g. ${p.examples.join(', ')}); treated as blank`,
  STATION_NAME_FROM_FILE: (p) => `no station name filled in; using the file name "${p.name}"`,
  FILE_EMPTY: () => 'the file is empty (0 bytes)',
  FILE_RIGHTS_PROTECTED: () =>
    'the file is protected by Information Rights Management (IRM/RMS): its contents are encrypted for authorised Office users only; it is not an old .xls. Ask the sender to remove the restriction and save it as .xlsx',
  FILE_ENCRYPTED: () => 'the file is password-protected (encrypted); remove the password in Excel or WPS and save it again',
  FILE_NOT_XLSX: () => `not a readable workbook (corrupt, or not a spreadsheet); export it again as ${FORMATS_EN}`,
  SHEET_TOO_MANY_ROWS: (p) => `sheet "${p.sheet}" has more than ${p.limit} rows; not a score sheet (raise the limit with --max-rows)`,
  FILE_AMBIGUOUS: (p) => `the zip holds two parts named ${p.entry}: different programs would read different contents (the file may have been tampered with); open it in Excel or WPS and save it again`,
  FILE_CORRUPT: (p) => `the file is corrupt and cannot be read (${p.why}); open it in Excel or WPS and save it again`,
  UNREADABLE: (p) =>
    p.what === 'folder' ? `cannot read the folder: ${p.reason}` : p.what === 'link' ? 'the symbolic link points to no file, or loops' : 'not a regular file (a pipe, device or socket); not read',
  WRONG_FORMAT: (p) => `not a workbook format this tool reads (${p.ext}): save it as .xlsx, .xls, .et, .ods or .csv in Excel, WPS or LibreOffice and try again`,
};
