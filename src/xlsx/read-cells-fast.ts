/**
 * A lean xlsx cell reader for batches: unzip with native zlib and scan the
 * SpreadsheetML cell grammar directly. exceljs' `load` builds a full object
 * model (styles, every cell object) and costs ~10 ms for a 120-row workbook;
 * this reads the same values in ~1 ms, which is what makes a national run of
 * 38,000 workbooks fit in a minute. It reads values only (of the styles, only
 * each cell's number format: dates, percentages) and declines anything it does not understand by
 * throwing FastReadUnsupported, so the caller can fall back to exceljs.
 *
 * Tested for equivalence with exceljs on generated workbooks
 * (test/xlsx/read-cells-fast.test.ts).
 */
import { TooManyRows } from './input-limits.js';
import { memoString } from '../util/memo.js';
import { ZipTooLarge, ZipUnsupported, readZipEntries } from './read-zip.js';
import { BUILTIN_NUMBER_FORMATS, cellAddress, type CellValue, type SheetGrid, type WorkbookGrid } from './cell-grid.js';
import { must } from '../util/must.js';
import { zh as filesZh, type WorkbookXmlCode, type WorkbookXmlParams } from '../problems/messages/files.js';

export class FastReadUnsupported extends Error {
  override readonly name = 'FastReadUnsupported';
}

/**
 * A workbook Excel itself would refuse (a number that is not one, a row or
 * cell written twice, XML that is not well-formed …): refused with the place,
 * never read by guessing and never handed to a more lenient reader.
 */
export class InvalidWorkbook<C extends WorkbookXmlCode = WorkbookXmlCode> extends Error {
  override readonly name = 'InvalidWorkbook';
  constructor(
    readonly code: C,
    readonly params: WorkbookXmlParams[C],
  ) {
    super((filesZh[code] as (p: WorkbookXmlParams[C]) => string)(params));
  }
}

const isXmlSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The number a numeric <v> holds, or NaN when it is not an xsd:double Excel
 * accepts: digits with one optional point and an optional exponent, a sign,
 * XML white space around (1,5 · 1_0 · 8abc · 0x8 · 8 0 · 8.0.0 · INF · 1e309 → NaN).
 * A hand-written scan: called for every numeric cell of a national run.
 */
export function strictNumber(raw: string): number {
  let i = 0;
  let end = raw.length;
  while (i < end && isXmlSpace(raw.charCodeAt(i))) i++;
  while (end > i && isXmlSpace(raw.charCodeAt(end - 1))) end--;
  const start = i;
  let c = raw.charCodeAt(i);
  if (c === 0x2b || c === 0x2d) ++i;
  let digits = 0;
  while (i < end && isDigit(raw.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < end && raw.charCodeAt(i) === 0x2e) {
    i++;
    while (i < end && isDigit(raw.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (raw.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    c = raw.charCodeAt(i);
    if (c === 0x2b || c === 0x2d) i++;
    let exp = 0;
    while (i < end && isDigit(raw.charCodeAt(i))) {
      i++;
      exp++;
    }
    if (exp === 0) return NaN;
  }
  if (i !== end) return NaN;
  const n = Number(start === 0 && end === raw.length ? raw : raw.slice(start, end));
  return Number.isFinite(n) ? n : NaN;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A t="d" cell: an ISO 8601 date. Without a zone (2024-11-30T00:00:00) it is a
 * calendar date and time as written, independent of the machine's zone (read
 * as UTC, like every other date in the grid); with a zone, that instant.
 * Anything else stays text.
 */
export function isoDateValue(text: string): Date | string {
  const s = text.trim();
  const m = ISO_DATE.exec(s);
  if (!m) return text;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  if (zone) {
    const t = new Date(s);
    return Number.isNaN(t.getTime()) ? text : t;
  }
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms);
  const date = new Date(t);
  // 2024-02-30 is no date: the fields must come back as written.
  if (Number.isNaN(t) || date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return text;
  return date;
}

export interface ReadLimits {
  /** Refuse when the unzipped parts we read exceed this many bytes (zip bombs). */
  maxInflatedBytes: number;
  /** Refuse a sheet with more rows than this (TooManyRows); no limit when absent. */
  maxRows?: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxInflatedBytes: 100 * 1024 * 1024 };

export class InflatedTooLarge extends Error {
  override readonly name = 'InflatedTooLarge';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`unzipped size ${bytes} exceeds limit ${limit}`);
  }
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** OOXML _xHHHH_ escapes in strings (both readers). */
export function unescapeOoxml(text: string): string {
  return text.indexOf('_x') >= 0 ? text.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

const UTF8 = new TextDecoder();

/** UTF-8 text of a part (the built-in decoder: what fflate's strFromU8 called, without the dependency). */
function utf8(data: Uint8Array): string {
  return UTF8.decode(data);
}

const NON_ASCII = /[\x80-\xff]/;

/** A text cut from a sheet scanned as latin1, back to what its bytes say in UTF-8. */
function fromLatin1(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

/** A character reference's character; U+FFFD for a number that is no code point (&#xFFFFFF;), as a lenient XML reader would. */
function codePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\uFFFD';
}

/** XML entities and OOXML _xHHHH_ escapes decoded. Never throws: values are decoded when read, after the reader could refuse the file. */
function decodeXml(text: string): string {
  if (text.indexOf('&') >= 0) {
    text =
      text.indexOf('&#') >= 0
        ? text.replace(ENTITY, (_m, dec: string, hex: string, name: string) => (dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : NAMED[name]))
        : text.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
  }
  return unescapeOoxml(text);
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXml(m[1]) : undefined;
}

/** Text of every <t> in a fragment, skipping phonetic runs (<rPh>). */
function textRuns(fragment: string): string[] {
  const runs: string[] = [];
  const body = fragment.indexOf('<rPh') >= 0 ? fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : fragment;
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) runs.push(decodeXml(m.at(1) ?? ''));
  return runs;
}

/**
 * A shared or inline string from its markup as scanned (latin1): plain text,
 * or rich text when it has runs. The same strings (headers, item names, rule
 * texts) recur in every workbook of a rubric, so values are memoised by the
 * markup: a hit costs neither UTF-8 decoding nor parsing. Rich text objects
 * are handed out as copies: a cached object must not be shared.
 */
function stringValue(latin1Fragment: string): SharedValue {
  const value = stringValueCached(latin1Fragment);
  return typeof value === 'string' ? value : { richText: value.richText.map((r) => ({ text: r.text })) };
}

const stringValueCached = memoString((latin1Fragment: string) => parseStringValue(fromLatin1(latin1Fragment)));

function parseStringValue(fragment: string): string | { richText: { text: string }[] } {
  const runs = textRuns(fragment);
  if (/<r>|<r\s/.test(fragment)) return { richText: runs.map((text) => ({ text })) };
  return runs.join('');
}

// Built-in number formats that are dates or times (including the CJK ones).
export const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

export interface StyleFormats {
  /** For each cellXfs index: does that style show a date? */
  dates: boolean[];
  /** For each cellXfs index: its number format code, undefined for General. */
  formats: (string | undefined)[];
}

/** For each cellXfs index: its number format, and whether it shows a date. */
function styleFormats(stylesXml: string | undefined): StyleFormats {
  const out: StyleFormats = { dates: [], formats: [] };
  if (!stylesXml) return out;
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    const code = attr(m[1], 'formatCode');
    if (code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!xfs) return out;
  for (const m of xfs[1].matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.dates.push(code !== undefined ? isDateFormatCode(code) : DATE_FORMAT_IDS.has(id));
    out.formats.push(code ?? BUILTIN_NUMBER_FORMATS[id]);
  }
  return out;
}

/** Excel serial date (1900 system) to a UTC Date, as exceljs does. */
export function excelDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000));
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return `xl/${target}`.replace(/\/\.\//g, '/');
}

/**
 * Read every sheet's cell values. Throws FastReadUnsupported when the file
 * uses something this reader does not handle (the caller falls back to
 * exceljs), InflatedTooLarge for zip bombs and TooManyRows past
 * `limits.maxRows`. Corrupt zips throw ZipCorrupt.
 *
 * The sheets come back as LazySheetGrid: the scan records where each cell's
 * parts are, checks what could make the file unreadable (numbers, shared
 * string indexes, cell references), and decodes a value only when it is
 * asked for. A score sheet's long texts (rules, notes) are mostly never read.
 */
export function readCellsFast(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): WorkbookGrid {
  let files: Map<string, Uint8Array>;
  try {
    files = readZipEntries(
      bytes,
      (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name === 'xl/sharedStrings.xml' || name === 'xl/styles.xml' || name.startsWith('xl/worksheets/sheet'),
      limits.maxInflatedBytes,
    );
  } catch (err) {
    if (err instanceof ZipTooLarge) throw new InflatedTooLarge(err.bytes, err.limit);
    if (err instanceof ZipUnsupported) throw new FastReadUnsupported(err.message);
    throw err;
  }
  const text = (name: string) => {
    const data = files.get(name);
    return data ? utf8(data) : undefined;
  };
  const workbookXml = text('xl/workbook.xml');
  const relsXml = text('xl/_rels/workbook.xml.rels');
  if (!workbookXml || !relsXml) throw new FastReadUnsupported('no workbook part');
  for (const part of [workbookXml, relsXml]) {
    if (part.indexOf('<!--') >= 0 || part.indexOf('<![CDATA[') >= 0) throw new FastReadUnsupported('comment or CDATA in the workbook');
  }
  if (!/<sheet\b/.test(workbookXml)) throw new FastReadUnsupported('no <sheet> (a namespace prefix?)');

  const date1904 = /<workbookPr\b[^>]*date1904="(?:1|true)"/.test(workbookXml);
  const targets = new Map<string, string>();
  const worksheetRels = new Set<string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
    if (id && /\/worksheet$/.test(attr(m[1], 'Type') ?? '')) worksheetRels.add(id);
  }

  const sharedPart = files.get('xl/sharedStrings.xml');
  const sharedXml = sharedPart ? latin1(sharedPart) : '';
  if (sharedXml.indexOf('<!') >= 0) throw new FastReadUnsupported('comment, CDATA or DOCTYPE in shared strings');
  if (sharedPart && sharedXml.indexOf('<si') < 0 && sharedXml.indexOf(':si') >= 0) throw new FastReadUnsupported('namespace prefix in shared strings');
  const shared = new SharedStrings(sharedXml);
  const stylesXml = text('xl/styles.xml');
  const styles = stylesXml ? styleFormatsCached(stylesXml) : NO_STYLES;
  const context: SheetContext = { shared, dates: styles.dates, formats: styles.formats, date1904 };

  const sheets: SheetGrid[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1], 'name') ?? '';
    const state = (attr(m[1], 'state') ?? 'visible') as SheetGrid['state'];
    const rid = attr(m[1], 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    if (!path) throw new FastReadUnsupported(`sheet ${name} has no part`);
    const part = files.get(path);
    if (part === undefined) {
      // A worksheet at a path this reader does not load (../xl/…, xl/sheets/…): the strict reader resolves it.
      if (rid && worksheetRels.has(rid)) throw new FastReadUnsupported(`worksheet part ${path}`);
      continue; // a chart sheet or similar: not a worksheet
    }
    sheets.push(scanSheet(name, state, sheetLatin1(part), context, limits.maxRows));
  }
  return { sheets };
}

/**
 * A part as latin1 (one char per byte, 5× faster to make than UTF-8): the
 * markup is ASCII, and the few texts taken from it are re-read as UTF-8
 * (fromLatin1).
 */
function latin1(part: Uint8Array): string {
  return Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('latin1');
}

/**
 * A worksheet part as latin1, without what follows <sheetData> and
 * <mergeCells> (data validations, conditional formats: often half the part),
 * which scanSheet never reads: a shorter string to make, and one that stays
 * out of V8's large-object space. Cut only when every offset scanSheet looks
 * at lies before the cut: one <sheetData>, and no inline string (<is>, whose
 * end is searched without a bound).
 */
function sheetLatin1(part: Uint8Array): string {
  const buf = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  const dataStart = buf.indexOf('<sheetData', 0, 'latin1');
  const dataEnd = buf.indexOf('</sheetData>', 0, 'latin1');
  if (dataStart < 0 || dataEnd < dataStart || buf.indexOf('<is>', dataStart, 'latin1') >= 0) return buf.toString('latin1');
  let cut = dataEnd + '</sheetData>'.length;
  const mergesStart = buf.indexOf('<mergeCells', dataEnd, 'latin1');
  if (mergesStart >= 0) {
    const mergesEnd = buf.indexOf('</mergeCells>', mergesStart, 'latin1');
    if (mergesEnd < 0) return buf.toString('latin1');
    cut = mergesEnd + '</mergeCells>'.length;
  }
  return buf.toString('latin1', 0, cut);
}

// A workbook's styles are the same in every file made from one template.
const styleFormatsCached = memoString(styleFormats, 64);
const NO_STYLES: StyleFormats = { dates: [], formats: [] };

type SharedValue = string | { richText: { text: string }[] };

/** The shared-string table, each string parsed on first use. */
class SharedStrings {
  /** Start and end of each <si>'s body in the part; -1 for <si/>. */
  private readonly bounds: number[] = [];
  private readonly parsed: (SharedValue | undefined)[] = [];

  constructor(private readonly xml: string) {
    for (let p = xml.indexOf('<si'); p >= 0; p = xml.indexOf('<si', p + 3)) {
      const next = xml.charCodeAt(p + 3);
      if (next === 0x2f && xml.charCodeAt(p + 4) === 0x3e)
        this.bounds.push(-1, -1); // <si/>
      else if (next === 0x3e) {
        const end = xml.indexOf('</si>', p + 4);
        if (end < 0) break;
        this.bounds.push(p + 4, end);
        p = end;
      }
    }
  }

  get size(): number {
    return this.bounds.length / 2;
  }

  get(i: number): SharedValue {
    let value = this.parsed[i];
    if (value === undefined) {
      const start = this.bounds[2 * i];
      value = start < 0 ? '' : stringValue(this.xml.slice(start, this.bounds[2 * i + 1]));
      this.parsed[i] = value;
    }
    return typeof value === 'string' ? value : { richText: value.richText.map((r) => ({ text: r.text })) };
  }
}

interface SheetContext {
  shared: SharedStrings;
  /** For each style index: does it show a date? */
  dates: boolean[];
  /** For each style index: its number format code (undefined: General). */
  formats: (string | undefined)[];
  date1904: boolean;
}

/** A cell's type attribute, as a small number. */
const enum CellType {
  Number,
  Shared,
  Str,
  InlineStr,
  Bool,
  Error,
  IsoDate,
}

/** The type of t="…" in xml[start, end); FastReadUnsupported for one this reader does not know. */
function cellType(xml: string, start: number, end: number): CellType {
  // The common ones without making a string.
  if (end - start === 1) {
    const c = xml.charCodeAt(start);
    if (c === 0x73) return CellType.Shared;
    if (c === 0x6e) return CellType.Number;
  }
  const t = xml.slice(start, end);
  const type = CELL_TYPES.get(t);
  if (type === undefined) throw new FastReadUnsupported(`cell type ${t}`);
  return type;
}

const CELL_TYPES = new Map<string, CellType>([
  ['n', CellType.Number],
  ['s', CellType.Shared],
  ['str', CellType.Str],
  ['inlineStr', CellType.InlineStr],
  ['b', CellType.Bool],
  ['e', CellType.Error],
  ['d', CellType.IsoDate],
]);

/** Fields recorded per cell in LazySheetGrid's table. */
const enum Field {
  Column,
  /** (style + 1) * 8 + type. */
  TypeStyle,
  ValueStart,
  ValueEnd,
  FormulaStart,
  FormulaEnd,
  Size,
}

/**
 * A sheet whose cells are decoded when read. The scan fills a table of int32
 * per cell (its column, type, style, and where its value — <v> or <is> — and
 * its formula text are in the sheet XML, -1 when absent), row by row; a row
 * is a range of that table. About 24 bytes a cell: a consolidated national
 * spot check of a million cells stays small.
 */
class LazySheetGrid implements SheetGrid {
  rowCount = 0;
  columnCount = 0;
  merges: string[] = [];
  private table = new Int32Array(Field.Size * 256);
  private cells = 0;
  /** Per row number: the first cell and one past the last, in the table. */
  private readonly rowFirst: (number | undefined)[] = [];
  private readonly rowEnd: number[] = [];
  /** Rows whose cells are not in column order (looked up by a backward scan). */
  private readonly unordered = new Set<number>();
  private currentRow = -1;

  constructor(
    readonly name: string,
    readonly state: SheetGrid['state'],
    private readonly xml: string,
    private readonly context: SheetContext,
  ) {}

  get sharedCount(): number {
    return this.context.shared.size;
  }

  add(row: number, col: number, type: CellType, style: number, valueStart: number, valueEnd: number, formulaStart: number, formulaEnd: number): void {
    if (row !== this.currentRow) {
      if (this.rowFirst[row] !== undefined) throw new FastReadUnsupported(`row ${row} appears twice`);
      this.currentRow = row;
      this.rowFirst[row] = this.cells;
    } else if (col <= this.table[(this.cells - 1) * Field.Size + Field.Column]) this.unordered.add(row);
    if ((this.cells + 1) * Field.Size > this.table.length) {
      const bigger = new Int32Array(this.table.length * 2);
      bigger.set(this.table);
      this.table = bigger;
    }
    const at = this.cells * Field.Size;
    const t = this.table;
    t[at + Field.Column] = col;
    t[at + Field.TypeStyle] = (style + 1) * 8 + type;
    t[at + Field.ValueStart] = valueStart;
    t[at + Field.ValueEnd] = valueEnd;
    t[at + Field.FormulaStart] = formulaStart;
    t[at + Field.FormulaEnd] = formulaEnd;
    this.cells++;
    this.rowEnd[row] = this.cells;
    if (row > this.rowCount) this.rowCount = row;
    if (col > this.columnCount) this.columnCount = col;
  }

  /** Where the cell (row, col) is in the table, -1 when it has none. */
  private find(row: number, col: number): number {
    const first = this.rowFirst[row];
    if (first === undefined) return -1;
    const end = this.rowEnd[row];
    const t = this.table;
    if (end - first <= 16 || this.unordered.has(row)) {
      // The last cell of a column wins, as when a file repeats one.
      for (let i = end - 1; i >= first; i--) if (t[i * Field.Size + Field.Column] === col) return i * Field.Size;
      return -1;
    }
    let lo = first;
    let hi = end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = t[mid * Field.Size + Field.Column];
      if (c === col) return mid * Field.Size;
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(row: number, col: number): CellValue {
    const at = this.find(row, col);
    return at < 0 ? null : this.decode(at);
  }

  numberFormat(row: number, col: number): string | undefined {
    const at = this.find(row, col);
    if (at < 0) return undefined;
    const style = (this.table[at + Field.TypeStyle] >> 3) - 1;
    return style >= 0 ? this.context.formats[style] : undefined;
  }

  private decode(at: number): CellValue {
    const t = this.table;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the low three bits of the field hold the CellType the scan wrote
    const type = (t[at + Field.TypeStyle] & 7) as CellType;
    const style = (t[at + Field.TypeStyle] >> 3) - 1;
    const vStart = t[at + Field.ValueStart];
    const fStart = t[at + Field.FormulaStart];
    if (fStart < 0 && (type === CellType.Shared || type === CellType.Number)) {
      // Plain integers (shared string indexes, most scores) read from the markup without a string.
      const n = integerAt(this.xml, vStart, t[at + Field.ValueEnd]);
      if (n >= 0) {
        if (type === CellType.Shared) return this.context.shared.get(n);
        return style >= 0 && this.context.dates[style] ? excelDate(n, this.context.date1904) : n;
      }
    }
    const raw = vStart < 0 ? undefined : this.xml.slice(vStart, t[at + Field.ValueEnd]);
    if (type === CellType.InlineStr) return stringValue(must(raw));
    if (fStart < 0) return this.typed(type, must(raw), style);
    const result = raw === undefined || (raw === '' && type !== CellType.Str) ? undefined : this.typed(type, raw, style);
    // The formula text is only shown in messages: decode it when asked.
    const rawFormula = this.xml.slice(fStart, t[at + Field.FormulaEnd]);
    return {
      get formula() {
        return decodeXml(fromLatin1(rawFormula));
      },
      result: result as Exclude<CellValue, { formula: string } | { richText: unknown }>,
    };
  }

  private typed(type: CellType, raw: string, style: number): CellValue {
    switch (type) {
      case CellType.Shared:
        return this.context.shared.get(Number(raw));
      case CellType.Str:
        return decodeXml(fromLatin1(raw));
      case CellType.Bool:
        return raw === '1' || raw === 'true';
      case CellType.Error:
        return { error: decodeXml(fromLatin1(raw)) };
      case CellType.IsoDate: {
        // A calendar date whatever the machine's zone; one that is not a date stays text (an Invalid Date crashed the station block).
        const d = isoDateValue(raw);
        return typeof d === 'string' ? decodeXml(fromLatin1(raw)) : d;
      }
      default: {
        const n = strictNumber(raw);
        return style >= 0 && this.context.dates[style] ? excelDate(n, this.context.date1904) : n;
      }
    }
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Where the values of the r, s and t attributes of one element are (start and
 * end offsets in the XML; -1 when absent), as set by scanAttributes. One
 * object reused for every element: the scan allocates nothing per cell.
 */
const attrs = { r: -1, rEnd: -1, s: -1, sEnd: -1, t: -1, tEnd: -1 };

/** Find the r, s and t attributes among the attributes in xml[from, to). */
function scanAttributes(xml: string, from: number, to: number): void {
  attrs.r = attrs.s = attrs.t = -1;
  let i = from;
  while (i < to) {
    if (isSpace(xml.charCodeAt(i))) {
      i++;
      continue;
    }
    const nameStart = i;
    for (let c = xml.charCodeAt(i); i < to && c !== 0x3d && !isSpace(c); c = xml.charCodeAt(++i));
    const nameLength = i - nameStart;
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 0x3d) return; // not name="value": leave the rest
    i++;
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) return;
    const start = i + 1;
    const end = xml.indexOf(quote === 0x22 ? '"' : "'", start);
    if (end < 0 || end > to) return;
    if (nameLength === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 0x72) {
        attrs.r = start;
        attrs.rEnd = end;
      } else if (name === 0x73) {
        attrs.s = start;
        attrs.sEnd = end;
      } else if (name === 0x74) {
        attrs.t = start;
        attrs.tEnd = end;
      }
    }
    i = end + 1;
  }
}

/** A non-negative integer written in xml[start, end), or -1. */
function integerAt(xml: string, start: number, end: number): number {
  if (start < 0 || end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = xml.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Scan <sheetData> of a sheet (as latin1) into a LazySheetGrid. One pass of
 * indexOf over the markup; a cell's reference gives its position, a cell
 * without one follows the previous (as Excel writes them).
 */
function scanSheet(name: string, state: SheetGrid['state'], xml: string, context: SheetContext, maxRows: number | undefined): LazySheetGrid {
  const grid = new LazySheetGrid(name, state, xml, context);
  // What the scan cannot decide goes to the strict reader: a <c> inside a comment, text in CDATA
  // (seen at every '<' the scan visits; before <sheetData>, a commented-out one could be taken for it).
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart > 0 && xml.lastIndexOf('<!', dataStart) >= 0) throw new FastReadUnsupported('comment or DOCTYPE before sheetData');
  const dataEnd = xml.indexOf('</sheetData>');
  if (dataStart < 0 || dataEnd < dataStart) {
    if (xml.indexOf(':sheetData') >= 0) throw new FastReadUnsupported('namespace prefix on sheetData');
    return grid;
  }
  let rowNo = 0;
  let colNo = 0;
  let rows = 0;
  for (let lt = xml.indexOf('<', dataStart + 1); lt >= 0 && lt < dataEnd; lt = xml.indexOf('<', lt + 1)) {
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 0x72 /* r */ && xml.startsWith('row', lt + 1)) {
      const after = xml.charCodeAt(lt + 4);
      if (!(isSpace(after) || after === 0x3e || after === 0x2f)) continue;
      if (maxRows !== undefined && ++rows > maxRows) throw new TooManyRows(name, maxRows);
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new FastReadUnsupported('unterminated row');
      scanAttributes(xml, lt + 4, gt);
      const r = integerAt(xml, attrs.r, attrs.rEnd);
      rowNo = r > 0 ? r : rowNo + 1;
      colNo = 0;
      lt = gt;
      continue;
    }
    if (c1 !== 0x63 /* c */) {
      if (c1 === 0x21 /* <! */) throw new FastReadUnsupported('comment or CDATA in sheet data');
      if (c1 !== 0x2f && prefixedName(xml, lt + 1)) throw new FastReadUnsupported('namespace prefix in sheet data');
      continue;
    }
    const after = xml.charCodeAt(lt + 2);
    if (!(isSpace(after) || after === 0x3e || after === 0x2f)) continue;
    const gt = xml.indexOf('>', lt);
    if (gt < 0 || gt > dataEnd) throw new FastReadUnsupported('unterminated cell');
    const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
    const attrEnd = selfClosing ? gt - 1 : gt;
    scanAttributes(xml, lt + 2, attrEnd);
    colNo = cellColumn(xml, colNo);
    if (selfClosing) {
      lt = gt;
      continue;
    }
    const end = xml.indexOf('</c>', gt);
    if (end < 0 || end > dataEnd) throw new FastReadUnsupported('unterminated cell');
    if (end > gt + 1) recordCell(grid, xml, gt + 1, end, rowNo, colNo);
    lt = end + 3;
  }
  // Only the <mergeCells> element (data validations after it can be most of the tail).
  const mergesStart = xml.indexOf('<mergeCells', dataEnd);
  if (mergesStart >= 0) {
    const mergesEnd = xml.indexOf('</mergeCells>', mergesStart);
    const merges = xml.slice(mergesStart, mergesEnd >= 0 ? mergesEnd : xml.length);
    if (merges.indexOf('<!') >= 0) throw new FastReadUnsupported('comment in mergeCells');
    for (const m of merges.matchAll(/<mergeCell\b[^>]*ref="([^"]+)"/g)) grid.merges.push(m[1]);
  }
  return grid;
}

/** Whether the element name starting at `at` has a namespace prefix (x:row). */
function prefixedName(xml: string, at: number): boolean {
  for (let i = at; i < at + 64; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x3a) return true;
    if (isSpace(c) || c === 0x3e || c === 0x2f || Number.isNaN(c)) return false;
  }
  return false;
}

/** The column of the cell whose attributes were just scanned, from its r="B12" (the previous column + 1 when it has none). */
function cellColumn(xml: string, previous: number): number {
  const at = attrs.r;
  if (at < 0) return previous + 1;
  let i = at;
  let col = 0;
  for (let c = xml.charCodeAt(i); c >= 0x41 && c <= 0x5a && i - at < 3; c = xml.charCodeAt(++i)) col = col * 26 + (c - 64);
  const lettersEnd = i;
  while (xml.charCodeAt(i) >= 0x30 && xml.charCodeAt(i) <= 0x39) i++;
  if (i !== attrs.rEnd) return previous + 1; // not a reference this reader knows: like a cell without one
  if (lettersEnd === at || i === lettersEnd) throw new FastReadUnsupported(`cell reference "${xml.slice(at, attrs.rEnd)}"`);
  return col;
}

/**
 * Record a cell with content (between `innerStart` and `innerEnd`) if it has a
 * value, checking now what would make it unreadable later: a number that is
 * not one, a shared string that does not exist.
 */
function recordCell(grid: LazySheetGrid, xml: string, innerStart: number, innerEnd: number, row: number, col: number): void {
  const type = attrs.t < 0 ? CellType.Number : cellType(xml, attrs.t, attrs.tEnd);
  const style = integerAt(xml, attrs.s, attrs.sEnd);
  // The child elements, found among the '<' of the cell's content only.
  let vStart = -1;
  let vEnd = -1;
  let fStart = -1;
  let fEnd = -1;
  for (let lt = xml.indexOf('<', innerStart); lt >= 0 && lt < innerEnd; lt = xml.indexOf('<', lt + 1)) {
    const name = xml.charCodeAt(lt + 1);
    const next = xml.charCodeAt(lt + 2);
    if (name === 0x21 /* <! */) throw new FastReadUnsupported('comment or CDATA in a cell');
    if (type === CellType.InlineStr) {
      if (name !== 0x69 || next !== 0x73 || xml.charCodeAt(lt + 3) !== 0x3e) continue; // <is>
      const end = xml.indexOf('</is>', lt);
      // Only the '<' inside this string are looked at (a search to the end of the sheet for every cell was quadratic).
      for (let q = xml.indexOf('<', lt + 4); q >= 0 && q < end; q = xml.indexOf('<', q + 1)) {
        if (xml.charCodeAt(q + 1) === 0x21) throw new FastReadUnsupported('comment or CDATA in an inline string');
      }
      if (end > 0 && end < innerEnd) grid.add(row, col, type, style, lt + 4, end, -1, -1);
      return;
    }
    if (name === 0x76 /* v */ && vStart < 0) {
      if (isSpace(next)) throw new FastReadUnsupported('attributes on <v>'); // <v xml:space="preserve">: the strict reader
      if (next === 0x3e) {
        vStart = lt + 3;
        vEnd = xml.indexOf('</v>', vStart);
        if (vEnd < 0 || vEnd > innerEnd) throw new FastReadUnsupported('unterminated value');
        if (xml.indexOf('<', vStart) < vEnd) throw new FastReadUnsupported('markup in <v> (CDATA, a comment)');
        lt = vEnd;
      } else if (next === 0x2f) vStart = vEnd = lt; // <v/>
    } else if (name === 0x66 /* f */ && fStart < 0 && (isSpace(next) || next === 0x3e || next === 0x2f)) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0 || gt >= innerEnd) continue;
      if (xml.charCodeAt(gt - 1) === 0x2f)
        fStart = fEnd = gt; // <f … />: a shared formula's follower
      else {
        const close = xml.indexOf('</f>', gt);
        if (close < 0 || close >= innerEnd) continue;
        fStart = gt + 1;
        fEnd = close;
        lt = close;
      }
    }
  }
  if (vStart < 0 && fStart < 0) return;
  // What decoding would refuse, refused now, while the caller can still fall back to exceljs.
  const checked = vStart >= 0 && !(fStart >= 0 && vStart === vEnd && type !== CellType.Str);
  const integer = checked && (type === CellType.Number || type === CellType.Shared) ? integerAt(xml, vStart, vEnd) : -1;
  if (integer >= 0) {
    // A plain integer: a valid number, and a shared string index checked without making a string.
    if (type === CellType.Shared && integer >= grid.sharedCount) throw new FastReadUnsupported(`shared string ${xml.slice(vStart, vEnd)} missing`);
  } else if (checked && type === CellType.Number) {
    const raw = xml.slice(vStart, vEnd);
    if (Number.isNaN(strictNumber(raw))) {
      const where = `${grid.name}!${cellAddress(row, col)}`;
      const shown = fromLatin1(raw);
      throw new InvalidWorkbook('XLSX_NUMBER_INVALID', { where, value: shown });
    }
  } else if (checked && type === CellType.Bool) {
    const raw = xml.slice(vStart, vEnd);
    if (raw !== '0' && raw !== '1' && raw !== 'true' && raw !== 'false') throw new FastReadUnsupported(`boolean "${raw}"`);
  } else if (checked && type === CellType.Shared) {
    const raw = xml.slice(vStart, vEnd);
    const i = Number(raw);
    if (!(Number.isInteger(i) && i >= 0 && i < grid.sharedCount)) throw new FastReadUnsupported(`shared string ${raw} missing`);
  }
  grid.add(row, col, type, style, vStart, vEnd, fStart, fEnd);
}
