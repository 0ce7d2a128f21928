/**
 * Open a workbook file for reading (never for writing) and give its cell
 * grid, or a clear UserError: a folder, a missing or empty file, a
 * password-protected file, something that is no spreadsheet, a corrupt file.
 * Every format in WORKBOOK_EXTENSIONS is read (read-cells.ts chooses the reader).
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Lang } from '../util/lang.js';
import { readInputFileSync } from '../util/input-file.js';
import type { WorkbookGrid } from '../xlsx/cell-grid.js';
import { DEFAULT_INPUT_LIMITS, TooManyRows, type InputLimits } from '../xlsx/input-limits.js';
import { InflatedTooLarge, InvalidWorkbook } from '../xlsx/read-cells-fast.js';
import { ZipDuplicateEntry } from '../xlsx/read-zip.js';
import { readCells, type WorkbookContainer } from '../xlsx/read-cells.js';
import { SheetjsUnreadable } from '../xlsx/read-cells-sheetjs.js';
import type { MessageCode, MessageParams } from '../problems/catalogue.js';
import type { ProblemLocation } from '../problems/problem.js';
import type { WorkbookXmlCode } from '../problems/messages/files.js';
import { messageOf, problem } from '../problems/render.js';

/**
 * A UserError carrying its catalogued problem: the message in `lang`, the problem for any other.
 * `family`: the UserError's code when several problem codes share one (FILE_INVALID, FILE_TOO_LARGE).
 */
function refusal<C extends MessageCode>(code: C, params: MessageParams[C], location: ProblemLocation, lang: Lang, cause?: unknown, family: string = code): UserError {
  const p = problem(code, 'error', location, params);
  const where = location.sheet !== undefined ? `${location.file ?? ''} › ${location.sheet}` : location.file;
  return new UserError(messageOf(p, lang), { location: where, code: family, problem: p, ...(cause !== undefined ? { cause } : {}) });
}

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

/**
 * A compound file holding a rights-managed (IRM) package: the \u0006DataSpaces
 * storage with the DRM transform, and the EncryptedPackage stream.
 */
function hasRightsManagement(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    buf.includes(Buffer.from('DRMEncryptedDataSpace', 'utf16le')) ||
    buf.includes(Buffer.from('DRMEncryptedTransform', 'utf16le')) ||
    (buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) && buf.includes(Buffer.from('\u0006DataSpaces', 'utf16le')) && !hasEncryptionInfo(bytes))
  );
}

/** The file extensions read as workbooks (README › 文件格式). */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv'] as const;

/**
 * What the bytes are, for choosing a reader (read-cells.ts); a UserError
 * naming `display` when they are no workbook this tool reads: empty, a
 * password-protected file, or text that is not a CSV.
 */
export function workbookContainer(bytes: Uint8Array, display: string, lang: Lang = 'zh'): WorkbookContainer {
  const ext = path.extname(display).toLowerCase();
  if (bytes.length === 0) throw refusal('FILE_EMPTY', {}, { file: display }, lang);
  if (startsWith(bytes, CFB_MAGIC)) {
    if (hasRightsManagement(bytes)) throw refusal('FILE_RIGHTS_PROTECTED', {}, { file: display }, lang);
    if (hasEncryptionInfo(bytes)) throw encrypted(display, lang);
    return 'compound'; // .xls, .et
  }
  if (startsWith(bytes, ZIP_MAGIC)) return 'zip';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  // "Excel" files that are HTML or SpreadsheetML 2003 tables, as some systems export them.
  if ((ext === '.xls' || ext === '.et') && head.startsWith('<')) return 'markup';
  throw refusal('FILE_NOT_XLSX', {}, { file: display }, lang);
}

function encrypted(display: string, lang: Lang): UserError {
  return refusal('FILE_ENCRYPTED', {}, { file: display }, lang);
}

/** Parse workbook bytes (any format read here) into a grid; corrupt contents become a UserError. */
export async function gridFromBytes(bytes: Uint8Array, display: string, lang: Lang = 'zh', limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<WorkbookGrid> {
  const container = workbookContainer(bytes, display, lang);
  try {
    return await readCells(bytes, limits, container);
  } catch (err) {
    if (err instanceof TooManyRows) throw refusal('SHEET_TOO_MANY_ROWS', { sheet: err.sheet, limit: err.limit }, { file: display, sheet: err.sheet }, lang, err);
    if (err instanceof InflatedTooLarge) throw refusal('WORKBOOK_INFLATES_TOO_LARGE', { limitMb: mb(err.limit) }, { file: display }, lang, err, 'FILE_TOO_LARGE');
    if (err instanceof SheetjsUnreadable && err.encrypted) throw encrypted(display, lang);
    if (err instanceof InvalidWorkbook) throw refusal(err.code, err.params as MessageParams[WorkbookXmlCode], { file: display }, lang, err, 'FILE_INVALID');
    if (err instanceof ZipDuplicateEntry) throw refusal('FILE_AMBIGUOUS', { entry: err.entry }, { file: display }, lang, err);
    throw refusal('FILE_CORRUPT', { why: err instanceof Error ? err.message : String(err) }, { file: display }, lang, err);
  }
}

/** Read a workbook file read-only. `display` (default the base name) is how messages name it. */
/** Options of every reader that opens a workbook: how messages name it, their language, and the input limits of the run (default DEFAULT_INPUT_LIMITS). */
export interface OpenOptions {
  display?: string;
  lang?: Lang;
  limits?: InputLimits;
}

export async function openWorkbook(file: string, opts: OpenOptions = {}): Promise<{ grid: WorkbookGrid; bytes: Uint8Array; display: string }> {
  const lang = opts.lang ?? 'zh';
  const display = opts.display ?? path.basename(file);
  const limits = opts.limits ?? DEFAULT_INPUT_LIMITS;
  // Synchronous on purpose: a workbook is small and usually in the page cache,
  // and a batch worker reading 38,000 of them would otherwise sit idle in
  // every round trip to the I/O thread pool. One check for every input: a
  // regular file (never a pipe or a device) within the size limit.
  const bytes = new Uint8Array(readInputFileSync(file, { maxBytes: limits.maxFileBytes, lang, display, limitFlag: '--max-file-mb', what: 'excel' }));
  const grid = await gridFromBytes(bytes, display, lang, limits);
  return { grid, bytes, display };
}
