/**
 * Open a workbook file for reading (never for writing) and give its cell
 * grid, or a clear UserError: a folder, a missing or empty file, an .xls/.et
 * or password-protected file (both OLE compound files), a CSV, a corrupt zip.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Lang } from '../util/lang.js';
import { t } from '../util/lang.js';
import type { WorkbookGrid } from '../xlsx/cell-grid.js';
import { inputLimits, TooManyRows } from '../xlsx/input-limits.js';
import { InflatedTooLarge } from '../xlsx/read-cells-fast.js';
import { readCells } from '../xlsx/read-cells.js';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Megabytes for messages: whole above 10 MB, else up to three decimals. */
function mb(bytes: number): number {
  const m = bytes / 1048576;
  return m >= 10 ? Math.round(m) : Number(m.toFixed(3));
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** "EncryptionInfo" as UTF-16LE, the stream an encrypted OOXML file carries. */
function hasEncryptionInfo(bytes: Uint8Array): boolean {
  const needle = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** Check the bytes look like an .xlsx; throws a UserError naming `display` otherwise. */
export function checkXlsxBytes(bytes: Uint8Array, display: string, lang: Lang = 'zh'): void {
  const ext = path.extname(display).toLowerCase();
  if (bytes.length === 0) throw new UserError(t(lang, '文件是空的（0 字节），请重新导出或重新发送', 'the file is empty (0 bytes)'), { location: display, code: 'FILE_EMPTY' });
  if (startsWith(bytes, CFB_MAGIC)) {
    if (hasEncryptionInfo(bytes))
      throw new UserError(t(lang, '文件设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试', 'the file is password-protected (encrypted); remove the password in Excel or WPS and save it as .xlsx'), {
        location: display,
        code: 'FILE_ENCRYPTED',
      });
    throw new UserError(
      t(lang, `这是旧版 Excel/WPS 格式（${ext === '.et' ? '.et' : '.xls'}），请在 Excel 或 WPS 中“另存为” .xlsx 后再试`, 'this is an old Excel/WPS format (.xls/.et); save it as .xlsx and try again'),
      { location: display, code: 'FILE_OLD_FORMAT' },
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    const hint = ext === '.csv' || ext === '.txt' ? t(lang, '这是文本文件，请在 Excel 或 WPS 中另存为 .xlsx', 'this is a text file; save it as .xlsx') : t(lang, '不是有效的 .xlsx 文件（文件已损坏或不是 Excel 文件），请重新导出', 'not a valid .xlsx file (corrupt or not an Excel file)');
    throw new UserError(hint, { location: display, code: 'FILE_NOT_XLSX' });
  }
}

/** Parse .xlsx bytes into a grid; corrupt contents become a UserError. */
export async function gridFromBytes(bytes: Uint8Array, display: string, lang: Lang = 'zh'): Promise<WorkbookGrid> {
  checkXlsxBytes(bytes, display, lang);
  try {
    return await readCells(bytes);
  } catch (err) {
    if (err instanceof TooManyRows)
      throw new UserError(
        t(lang, `工作表“${err.sheet}”超过 ${err.limit} 行，不像评分表（确需读取请加 --max-rows）`, `sheet "${err.sheet}" has more than ${err.limit} rows; not a score sheet (raise the limit with --max-rows)`),
        { location: `${display} › ${err.sheet}`, code: 'SHEET_TOO_MANY_ROWS', cause: err },
      );
    if (err instanceof InflatedTooLarge)
      throw new UserError(t(lang, `文件解压后超过 ${mb(err.limit)} MB，不像评分表（疑似“压缩炸弹”；确需读取请加 --max-inflated-mb）`, `the file inflates to more than ${mb(err.limit)} MB; not a score sheet (raise the limit with --max-inflated-mb)`), {
        location: display,
        code: 'FILE_TOO_LARGE',
        cause: err,
      });
    throw new UserError(t(lang, `文件已损坏，无法读取（${err instanceof Error ? err.message : String(err)}），请用 Excel 或 WPS 打开后重新保存为 .xlsx`, `the file is corrupt and cannot be read (${err instanceof Error ? err.message : String(err)}); open it in Excel or WPS and save it again as .xlsx`), {
      location: display,
      code: 'FILE_CORRUPT',
      cause: err,
    });
  }
}

/** Read a workbook file read-only. `display` (default the base name) is how messages name it. */
export async function openWorkbook(file: string, opts: { display?: string; lang?: Lang } = {}): Promise<{ grid: WorkbookGrid; bytes: Uint8Array; display: string }> {
  const lang = opts.lang ?? 'zh';
  const display = opts.display ?? path.basename(file);
  // Synchronous on purpose: a workbook is small and usually in the page cache,
  // and a batch worker reading 38,000 of them would otherwise sit idle in
  // every round trip to the I/O thread pool.
  let info;
  try {
    info = statSync(file);
  } catch {
    throw new UserError(t(lang, `找不到文件：${file}`, `file not found: ${file}`), { location: display, code: 'FILE_NOT_FOUND' });
  }
  if (info.isDirectory())
    throw new UserError(t(lang, '这是一个文件夹，不是 Excel 文件；请给出 .xlsx 文件的路径', 'this is a folder, not an Excel file; give the path of an .xlsx file'), { location: display, code: 'FILE_IS_DIRECTORY' });
  if (!info.isFile())
    throw new UserError(t(lang, '这不是普通文件（可能是管道或设备），无法作为 Excel 文件读取', 'this is not a regular file (a pipe or a device); it cannot be read as an Excel file'), { location: display, code: 'FILE_NOT_REGULAR' });
  const { maxFileBytes } = inputLimits();
  if (info.size > maxFileBytes)
    throw new UserError(
      t(lang, `文件过大（${mb(info.size)} MB，上限 ${mb(maxFileBytes)} MB），不像评分表（确需读取请加 --max-file-mb）`, `the file is ${mb(info.size)} MB, over the ${mb(maxFileBytes)} MB limit (raise it with --max-file-mb)`),
      { location: display, code: 'FILE_TOO_LARGE' },
    );
  const bytes = new Uint8Array(readFileSync(file, { flag: 'r' }));
  const grid = await gridFromBytes(bytes, display, lang);
  return { grid, bytes, display };
}
