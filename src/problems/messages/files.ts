/**
 * Messages of input files and workbook contents: an input file refused before
 * it is read (src/util/input-file.ts), a workbook that inflates past the limit
 * (src/workbook/open-workbook.ts), the strict reader's findings in a workbook's
 * XML (src/xlsx InvalidWorkbook), a roster without its header, a `--columns`
 * that is not understood and a batch's
 * user error that carries no problem of its own.
 */
import type { AreaCatalogue } from '../catalogue.js';

/** What an input file should be, as messages name it. */
export type InputKind = 'file' | 'excel' | 'rubric' | 'result' | 'results';

const KIND_ZH: Record<InputKind, string> = { file: '文件', excel: 'Excel 文件', rubric: '细则文件', result: '结果文件', results: '评分结果文件（results.jsonl）' };
const KIND_EN: Record<InputKind, string> = { file: 'file', excel: 'Excel file', rubric: 'rubric file', result: 'result file', results: 'results file (results.jsonl)' };

/** The strict workbook reader's findings (src/xlsx): a file Excel would not open either. */
export interface WorkbookXmlParams {
  /** `part`: the zip entry; `detail`: the XML parser's words (English, as saxes gives them). */
  XLSX_XML_MALFORMED: { part: string; detail: string };
  XLSX_SHEET_PART_MISSING: { sheet: string; part: string };
  XLSX_ROW_NUMBER_INVALID: { sheet: string; row: string };
  XLSX_ROW_TWICE: { sheet: string; row: number };
  /** `where`: `sheet!ref` as found. */
  XLSX_CELL_REF_INVALID: { where: string };
  XLSX_COLUMN_BEYOND_XFD: { sheet: string };
  XLSX_CELL_TWICE: { where: string };
  XLSX_SHARED_STRING_MISSING: { where: string; index: string };
  XLSX_BOOLEAN_INVALID: { where: string; value: string };
  XLSX_NUMBER_INVALID: { where: string; value: string };
}

export type WorkbookXmlCode = keyof WorkbookXmlParams;

export interface FilesParams extends WorkbookXmlParams {
  INPUT_NOT_FOUND: { file: string };
  INPUT_NAME_ENCODING: Record<string, never>;
  INPUT_IS_DIRECTORY: { kind: InputKind };
  INPUT_NOT_REGULAR: { kind: InputKind };
  /** `why`: errno code (EIO …) or the system's message. */
  INPUT_UNREADABLE: { kind: InputKind; reason: 'permission' | 'loop' | 'other'; why?: string };
  /** Sizes in MB as shown (whole above 10 MB, else up to three decimals); `flag` raises the limit. */
  INPUT_TOO_LARGE: { kind: InputKind; sizeMb: number; limitMb: number; flag?: string };
  /** A workbook whose parts inflate past --max-inflated-mb (a zip bomb). */
  WORKBOOK_INFLATES_TOO_LARGE: { limitMb: number };
  ROSTER_NO_HEADER: Record<string, never>;
  /** `--columns` holds a part that is no KEY=COL. */
  COLUMNS_NOT_UNDERSTOOD: { part: string };
  /** An output that cannot be written (src/util/atomic-write.ts outputError); `errno` as the system gave it. */
  DISK_FULL: { errno: string };
  OUTPUT_READ_ONLY: { errno: string };
  OUTPUT_NO_PERMISSION: { errno: string };
  OUTPUT_NOT_A_FOLDER: { errno: string };
  OUTPUT_IS_FOLDER: { errno: string };
  OUTPUT_NAME_TOO_LONG: { errno: string };
  /** A user error that reached a batch without a catalogued problem: its message as composed (in the run's language) and its code. */
  USER_ERROR: { message: string; code?: string };
}

const invalidZh = (s: string) => `文件内容无效：${s}`;
const invalidEn = (s: string) => `the file is invalid: ${s}`;

export const zh: AreaCatalogue<FilesParams> = {
  XLSX_XML_MALFORMED: (p) => invalidZh(`${p.part}: XML 格式错误（${p.detail}）`),
  XLSX_SHEET_PART_MISSING: (p) => invalidZh(`工作表“${p.sheet}”的部件 ${p.part} 不在文件中`),
  XLSX_ROW_NUMBER_INVALID: (p) => invalidZh(`${p.sheet}: 行号 "${p.row}" 无效`),
  XLSX_ROW_TWICE: (p) => invalidZh(`${p.sheet}: 第 ${p.row} 行出现了两次（文件已损坏，Excel 也不会接受）`),
  XLSX_CELL_REF_INVALID: (p) => invalidZh(`${p.where}: 单元格引用无效`),
  XLSX_COLUMN_BEYOND_XFD: (p) => invalidZh(`${p.sheet}: 列超出 XFD`),
  XLSX_CELL_TWICE: (p) => invalidZh(`${p.where}: 同一单元格出现了两次（文件已损坏）`),
  XLSX_SHARED_STRING_MISSING: (p) => invalidZh(`${p.where}: 共享字符串 ${p.index} 不存在`),
  XLSX_BOOLEAN_INVALID: (p) => invalidZh(`${p.where}: "${p.value}" 不是有效的是/否值`),
  XLSX_NUMBER_INVALID: (p) => invalidZh(`${p.where}: "${p.value}" 不是有效的数值（Excel 也无法读取）；请在 Excel 或 WPS 中重新输入并保存`),
  INPUT_NOT_FOUND: (p) => `找不到文件：${p.file}`,
  INPUT_NAME_ENCODING: () => '无法打开：文件名不是 UTF-8 编码（可能是解压工具留下的 GBK 文件名，显示为乱码 “�”）；请在文件管理器中把文件重命名为正确的中文名后重试',
  INPUT_IS_DIRECTORY: (p) => `这是一个文件夹，不是${KIND_ZH[p.kind]}；请给出文件的路径`,
  INPUT_NOT_REGULAR: (p) => `这不是普通文件（是管道、设备或套接字，如 /dev/zero），不能作为${KIND_ZH[p.kind]}读取`,
  INPUT_UNREADABLE: (p) =>
    p.reason === 'permission' ? `没有读取权限，无法打开${KIND_ZH[p.kind]}；请检查文件权限` : p.reason === 'loop' ? '符号链接形成循环，无法打开' : `无法读取${KIND_ZH[p.kind]}（${p.why ?? ''}）`,
  INPUT_TOO_LARGE: (p) => `文件过大（${p.sizeMb} MB，上限 ${p.limitMb} MB）${p.kind === 'excel' ? '，不像评分表' : ''}${p.flag ? `（确需读取请加 ${p.flag}）` : ''}`,
  WORKBOOK_INFLATES_TOO_LARGE: (p) => `文件解压后超过 ${p.limitMb} MB，不像评分表（疑似“压缩炸弹”；确需读取请加 --max-inflated-mb）`,
  ROSTER_NO_HEADER: () => '找不到站点名册的表头：需要一行含“站点名称”（以及“所属县(市、区)”等）的表头',
  COLUMNS_NOT_UNDERSTOOD: (p) =>
    `--columns 的“${p.part}”无法识别：应为 self=列, spot=列（列为字母如 H，或表头文字如 核定得分；还可用 id= name= selfInput= spotInput=；细则有评分方时写 评分方编号=列，如 buyer=J）`,
  DISK_FULL: (p) => `磁盘空间不足，无法写入输出（${p.errno}）；请清理磁盘或换一个输出文件夹后重试，已写完的文件完整保留，未写完的不会出现在最终文件名下`,
  OUTPUT_READ_ONLY: (p) => `输出位置在只读的磁盘或文件系统上（${p.errno}），无法写入；请换一个可写的输出文件夹`,
  OUTPUT_NO_PERMISSION: (p) => `没有写入权限（${p.errno}），无法写入输出；请换一个有写入权限的输出文件夹，或修改该文件夹的权限`,
  OUTPUT_NOT_A_FOLDER: (p) => `输出路径中有一部分是已存在的文件而不是文件夹（${p.errno}），无法在其中写入；请换一个输出位置`,
  OUTPUT_IS_FOLDER: (p) => `输出路径是一个文件夹（${p.errno}）；请给出文件名`,
  OUTPUT_NAME_TOO_LONG: (p) => `输出文件名或路径太长（${p.errno}）；请换一个较短的输出位置`,
  USER_ERROR: (p) => p.message,
};

export const en: AreaCatalogue<FilesParams> = {
  XLSX_XML_MALFORMED: (p) => invalidEn(`${p.part}: not well-formed XML (${p.detail})`),
  XLSX_SHEET_PART_MISSING: (p) => invalidEn(`the part ${p.part} of sheet "${p.sheet}" is missing`),
  XLSX_ROW_NUMBER_INVALID: (p) => invalidEn(`${p.sheet}: invalid row number "${p.row}"`),
  XLSX_ROW_TWICE: (p) => invalidEn(`${p.sheet}: row ${p.row} appears twice (a corrupt file)`),
  XLSX_CELL_REF_INVALID: (p) => invalidEn(`${p.where}: invalid cell reference`),
  XLSX_COLUMN_BEYOND_XFD: (p) => invalidEn(`${p.sheet}: column beyond XFD`),
  XLSX_CELL_TWICE: (p) => invalidEn(`${p.where}: the cell appears twice (a corrupt file)`),
  XLSX_SHARED_STRING_MISSING: (p) => invalidEn(`${p.where}: shared string ${p.index} does not exist`),
  XLSX_BOOLEAN_INVALID: (p) => invalidEn(`${p.where}: "${p.value}" is not a valid boolean`),
  XLSX_NUMBER_INVALID: (p) => invalidEn(`${p.where}: "${p.value}" is not a valid number; re-enter it in Excel or WPS`),
  INPUT_NOT_FOUND: (p) => `file not found: ${p.file}`,
  INPUT_NAME_ENCODING: () => 'cannot open it: the file name is not UTF-8 (probably GBK bytes left by an unzip tool, shown as "�"); rename the file and try again',
  INPUT_IS_DIRECTORY: (p) => `this is a folder, not a ${KIND_EN[p.kind]}; give the path of a file`,
  INPUT_NOT_REGULAR: (p) => `this is not a regular file (a pipe, a device or a socket such as /dev/zero); it cannot be read as a ${KIND_EN[p.kind]}`,
  INPUT_UNREADABLE: (p) =>
    p.reason === 'permission'
      ? `permission denied: cannot open the ${KIND_EN[p.kind]}`
      : p.reason === 'loop'
        ? 'the symbolic links form a loop; cannot open it'
        : `cannot read the ${KIND_EN[p.kind]} (${p.why ?? ''})`,
  INPUT_TOO_LARGE: (p) => `the file is ${p.sizeMb} MB, over the ${p.limitMb} MB limit${p.flag ? ` (raise it with ${p.flag})` : ''}`,
  WORKBOOK_INFLATES_TOO_LARGE: (p) => `the file inflates to more than ${p.limitMb} MB; not a score sheet (raise the limit with --max-inflated-mb)`,
  ROSTER_NO_HEADER: () => 'no roster header found: need a header row with 站点名称 (and 所属县(市、区) …)',
  COLUMNS_NOT_UNDERSTOOD: (p) =>
    `--columns "${p.part}" not understood: expected self=COL, spot=COL (a letter like H or the header text; also id= name= selfInput= spotInput=; for a rubric with parties PARTY=COL, e.g. buyer=J)`,
  DISK_FULL: () => 'disk full',
  OUTPUT_READ_ONLY: () => 'read-only file system: choose another output folder',
  OUTPUT_NO_PERMISSION: () => 'permission denied: choose a folder you can write to',
  OUTPUT_NOT_A_FOLDER: () => 'a part of the output path is a file, not a folder',
  OUTPUT_IS_FOLDER: () => 'the output is a folder: give a file name',
  OUTPUT_NAME_TOO_LONG: () => 'the output path is too long',
  USER_ERROR: (p) => p.message,
};
