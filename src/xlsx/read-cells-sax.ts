/**
 * The strict xlsx reader for what the fast scan cannot decide: XML comments,
 * CDATA, namespace prefixes (`<x:c>`), attributes on <v> (`xml:space`),
 * entities, parts at non-standard paths and relationship targets such as
 * `../xl/worksheets/sheet1.xml`. It follows the XML rules through saxes (a
 * well-kept, strict SAX parser) and the package rules (parts found through
 * the relationships, targets resolved against the part that names them), and
 * it refuses what Excel refuses instead of guessing: a number that is not an
 * xsd:double, a cell or row written twice, a shared string that does not
 * exist, XML that is not well-formed (a custom entity, as in billion laughs,
 * is not expanded). Anything outside its grammar (a cell type it does not
 * know, a part that is not SpreadsheetML) throws SaxReadUnsupported and goes
 * to exceljs as before.
 *
 * Slower than the fast scan (about 10×), and used only when it declines a file.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { MapSheetGrid, BUILTIN_NUMBER_FORMATS, columnNumber, type CellValue, type WorkbookGrid } from './cell-grid.js';
import { TooManyRows } from './input-limits.js';
import { DATE_FORMAT_IDS, excelDate, InvalidWorkbook, isDateFormatCode, isoDateValue, strictNumber, unescapeOoxml, type ReadLimits, type StyleFormats, InflatedTooLarge } from './read-cells-fast.js';
import { readZipEntries, ZipTooLarge, ZipUnsupported } from './read-zip.js';
import { must } from '../util/must.js';

export class SaxReadUnsupported extends Error {
  override readonly name = 'SaxReadUnsupported';
}

const MAIN = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const RELS = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships']);
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOCUMENT = /\/officeDocument$/;

type Handler = {
  open?: (tag: SaxesTagNS, depth: number) => void;
  close?: (tag: SaxesTagNS, depth: number) => void;
  text?: (text: string) => void;
};

/** Parse one part with namespaces; a well-formedness error refuses the file. */
function parse(xml: string, part: string, h: Handler): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    depth++;
    h.open?.(tag, depth);
    if (tag.isSelfClosing) {
      h.close?.(tag, depth);
      depth--;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    h.close?.(tag, depth);
    depth--;
  });
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  if (error) throw new InvalidWorkbook('XLSX_XML_MALFORMED', { part, detail: error.message });
}

function isMain(tag: SaxesTagNS, local: string): boolean {
  return tag.local === local && MAIN.has(tag.uri);
}

function attr(tag: SaxesTagNS, local: string, uris?: Set<string>): string | undefined {
  for (const a of Object.values(tag.attributes)) {
    if (a.local === local && (uris ? uris.has(a.uri) : a.prefix === '')) return a.value;
  }
  return undefined;
}

/** The folder of a part, for resolving its relationship targets. */
function folderOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** A relationship target resolved against the part that names it (RFC 3986, as OPC says); undefined when it leaves the package. */
export function resolvePart(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // external (http:, file:)
  const decoded = (() => {
    try {
      return decodeURIComponent(target.split('#')[0]);
    } catch {
      return target;
    }
  })();
  const segments = (decoded.startsWith('/') ? decoded.slice(1) : folderOf(from) + decoded).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out.join('/');
}

function relsOf(part: string): string {
  return `${folderOf(part)}_rels/${part.slice(folderOf(part).length)}.rels`;
}

interface Relationship {
  type: string;
  target: string | undefined;
}

function readRels(files: Map<string, string>, part: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  const name = relsOf(part);
  const xml = files.get(name);
  if (xml === undefined) return out;
  parse(xml, name, {
    open(tag) {
      if (tag.local !== 'Relationship' || tag.uri !== PACKAGE_RELS) return;
      const id = attr(tag, 'Id');
      const target = attr(tag, 'Target');
      if (!id || target === undefined) return;
      out.set(id, { type: attr(tag, 'Type') ?? '', target: attr(tag, 'TargetMode') === 'External' ? undefined : resolvePart(part, target) });
    },
  });
  return out;
}

function textOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

type SharedValue = string | { richText: { text: string }[] };

/** The text of an <si> or <is>: <t> directly, or the <t> of each <r> run; phonetic runs (<rPh>) skipped. */
class StringCollector {
  private runs: string[] = [];
  private rich = false;
  private inT = false;
  private inPhonetic = 0;
  private current = '';

  open(tag: SaxesTagNS): void {
    if (!MAIN.has(tag.uri)) return;
    if (tag.local === 'rPh') this.inPhonetic++;
    else if (tag.local === 'r' && !this.inPhonetic) this.rich = true;
    else if (tag.local === 't' && !this.inPhonetic) {
      this.inT = true;
      this.current = '';
    }
  }

  close(tag: SaxesTagNS): void {
    if (!MAIN.has(tag.uri)) return;
    if (tag.local === 'rPh') this.inPhonetic--;
    else if (tag.local === 't' && this.inT) {
      this.runs.push(unescapeOoxml(this.current));
      this.inT = false;
    }
  }

  text(t: string): void {
    if (this.inT) this.current += t;
  }

  value(): SharedValue {
    const v = this.rich ? { richText: this.runs.map((text) => ({ text })) } : this.runs.join('');
    this.runs = [];
    this.rich = false;
    return v;
  }
}

export function readCellsSax(bytes: Uint8Array, limits: ReadLimits): WorkbookGrid {
  let raw: Map<string, Uint8Array>;
  try {
    raw = readZipEntries(bytes, (name) => name.endsWith('.xml') || name.endsWith('.rels'), limits.maxInflatedBytes);
  } catch (err) {
    if (err instanceof ZipTooLarge) throw new InflatedTooLarge(err.bytes, err.limit);
    if (err instanceof ZipUnsupported) throw new SaxReadUnsupported(err.message);
    throw err;
  }
  const files = new Map<string, string>();
  for (const [name, data] of raw) files.set(name, textOf(data));

  // The workbook part: from the package relationships, else the usual place.
  let workbookPart: string | undefined;
  for (const rel of readRels(files, '').values()) if (OFFICE_DOCUMENT.test(rel.type) && rel.target) workbookPart = rel.target;
  workbookPart ??= 'xl/workbook.xml';
  const workbookXml = files.get(workbookPart);
  if (workbookXml === undefined) throw new SaxReadUnsupported('no workbook part');
  const rels = readRels(files, workbookPart);

  const sheetsListed: { name: string; state: MapSheetGrid['state']; rid: string | undefined }[] = [];
  let date1904 = false;
  parse(workbookXml, workbookPart, {
    open(tag) {
      if (isMain(tag, 'sheet')) {
        const state = attr(tag, 'state');
        sheetsListed.push({ name: attr(tag, 'name') ?? '', state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', rid: attr(tag, 'id', RELS) });
      } else if (isMain(tag, 'workbookPr')) {
        const v = attr(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
  });
  if (!sheetsListed.length) throw new SaxReadUnsupported('no sheets listed');

  const relOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix) && r.target)?.target;
  const shared = readShared(files, relOfType('/sharedStrings'));
  const styles = readStyles(files, relOfType('/styles'));

  const sheets: MapSheetGrid[] = [];
  for (const s of sheetsListed) {
    const rel = s.rid ? rels.get(s.rid) : undefined;
    if (!rel?.target) throw new SaxReadUnsupported(`sheet ${s.name} has no part`);
    if (!rel.type.endsWith('/worksheet')) continue; // a chart sheet or similar
    const xml = files.get(rel.target);
    if (xml === undefined) throw new InvalidWorkbook('XLSX_SHEET_PART_MISSING', { sheet: s.name, part: rel.target });
    sheets.push(readSheet(s.name, s.state, rel.target, xml, { shared, styles, date1904 }, limits.maxRows));
  }
  return { sheets };
}

function readShared(files: Map<string, string>, part: string | undefined): SharedValue[] {
  const out: SharedValue[] = [];
  if (!part) return out;
  const xml = files.get(part);
  if (xml === undefined) return out;
  const collector = new StringCollector();
  let inSi = false;
  parse(xml, part, {
    open(tag) {
      if (isMain(tag, 'si')) inSi = true;
      else if (inSi) collector.open(tag);
    },
    close(tag) {
      if (isMain(tag, 'si')) {
        out.push(collector.value());
        inSi = false;
      } else if (inSi) collector.close(tag);
    },
    text: (t) => inSi && collector.text(t),
  });
  return out;
}

function readStyles(files: Map<string, string>, part: string | undefined): StyleFormats {
  const out: StyleFormats = { dates: [], formats: [] };
  const xml = part ? files.get(part) : undefined;
  if (!xml) return out;
  const custom = new Map<number, string>();
  let inCellXfs = 0;
  parse(xml, must(part), {
    open(tag, depth) {
      if (isMain(tag, 'numFmt')) {
        const code = attr(tag, 'formatCode');
        if (code !== undefined) custom.set(Number(attr(tag, 'numFmtId')), code);
      } else if (isMain(tag, 'cellXfs')) inCellXfs = depth;
      else if (inCellXfs && depth === inCellXfs + 1 && isMain(tag, 'xf')) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        const code = custom.get(id);
        out.dates.push(code !== undefined ? isDateFormatCode(code) : DATE_FORMAT_IDS.has(id));
        out.formats.push(code ?? BUILTIN_NUMBER_FORMATS[id]);
      }
    },
    close(tag) {
      if (isMain(tag, 'cellXfs')) inCellXfs = 0;
    },
  });
  return out;
}

const CELL_REF = /^([A-Z]{1,3})([1-9]\d{0,6})$/;

function readSheet(
  name: string,
  state: MapSheetGrid['state'],
  part: string,
  xml: string,
  ctx: { shared: SharedValue[]; styles: StyleFormats; date1904: boolean },
  maxRows: number | undefined,
): MapSheetGrid {
  const grid = new MapSheetGrid(name, state);
  let rows = 0;
  let rowNo = 0;
  let colNo = 0;
  const seenRows = new Set<number>();
  const seenCells = new Set<number>();
  let cell: { ref: string; row: number; col: number; t: string; s: number; v?: string; f?: string; inline?: SharedValue } | undefined;
  let into: 'v' | 'f' | undefined;
  let inIs = false;
  const collector = new StringCollector();
  let inSheetData = false;
  const where = (ref: string) => `${name}!${ref}`;
  parse(xml, part, {
    open(tag) {
      if (!MAIN.has(tag.uri)) return;
      if (tag.local === 'sheetData') inSheetData = true;
      else if (!inSheetData) {
        if (tag.local === 'mergeCell') {
          const ref = attr(tag, 'ref');
          if (ref) grid.merges.push(ref);
        }
      } else if (tag.local === 'row') {
        if (maxRows !== undefined && ++rows > maxRows) throw new TooManyRows(name, maxRows);
        const r = attr(tag, 'r');
        rowNo = r === undefined ? rowNo + 1 : Number(r);
        if (!Number.isInteger(rowNo) || rowNo < 1 || rowNo > 1_048_576) throw new InvalidWorkbook('XLSX_ROW_NUMBER_INVALID', { sheet: name, row: r ?? '' });
        if (seenRows.has(rowNo)) throw new InvalidWorkbook('XLSX_ROW_TWICE', { sheet: name, row: rowNo });
        seenRows.add(rowNo);
        colNo = 0;
      } else if (tag.local === 'c') {
        const ref = attr(tag, 'r');
        if (ref !== undefined) {
          const m = CELL_REF.exec(ref);
          if (!m || Number(m[2]) !== rowNo) throw new InvalidWorkbook('XLSX_CELL_REF_INVALID', { where: where(ref) });
          colNo = columnNumber(m[1]);
        } else colNo++;
        if (colNo > 16_384) throw new InvalidWorkbook('XLSX_COLUMN_BEYOND_XFD', { sheet: name });
        const key = rowNo * 16_385 + colNo;
        const label = ref ?? `R${rowNo}C${colNo}`;
        if (seenCells.has(key)) throw new InvalidWorkbook('XLSX_CELL_TWICE', { where: where(label) });
        seenCells.add(key);
        const s = attr(tag, 's');
        cell = { ref: label, row: rowNo, col: colNo, t: attr(tag, 't') ?? 'n', s: s === undefined ? -1 : Number(s) };
      } else if (cell && tag.local === 'v') {
        into = 'v';
        cell.v = '';
      } else if (cell && tag.local === 'f') {
        into = 'f';
        cell.f = '';
      } else if (cell && tag.local === 'is') inIs = true;
      else if (inIs) collector.open(tag);
    },
    close(tag) {
      if (!MAIN.has(tag.uri)) return;
      if (tag.local === 'sheetData') inSheetData = false;
      else if (tag.local === 'v' || tag.local === 'f') into = undefined;
      else if (tag.local === 'is') {
        if (cell) cell.inline = collector.value();
        inIs = false;
      } else if (inIs) collector.close(tag);
      else if (tag.local === 'c' && cell) {
        grid.set(cell.row, cell.col, cellValue(cell, ctx, where(cell.ref)));
        const style = cell.s;
        if (style >= 0) grid.setFormat(cell.row, cell.col, ctx.styles.formats[style]);
        cell = undefined;
      }
    },
    text(t) {
      if (inIs) collector.text(t);
      else if (cell && into === 'v') cell.v = (cell.v ?? '') + t;
      else if (cell && into === 'f') cell.f = (cell.f ?? '') + t;
    },
  });
  return grid;
}

function cellValue(cell: { t: string; s: number; v?: string; f?: string; inline?: SharedValue }, ctx: { shared: SharedValue[]; styles: StyleFormats; date1904: boolean }, where: string): CellValue {
  if (cell.t === 'inlineStr') return cell.inline ?? null;
  const typed = (v: string): Exclude<CellValue, { formula: string } | { richText: unknown }> | { richText: { text: string }[] } => {
    switch (cell.t) {
      case 's': {
        const i = strictNumber(v);
        if (!(Number.isInteger(i) && i >= 0 && i < ctx.shared.length)) throw new InvalidWorkbook('XLSX_SHARED_STRING_MISSING', { where, index: v });
        const sv = ctx.shared[i];
        return typeof sv === 'string' ? sv : { richText: sv.richText.map((r) => ({ text: r.text })) };
      }
      case 'str':
        return unescapeOoxml(v);
      case 'b': {
        const b = v.trim();
        if (b === '1' || b === 'true') return true;
        if (b === '0' || b === 'false') return false;
        throw new InvalidWorkbook('XLSX_BOOLEAN_INVALID', { where, value: v });
      }
      case 'e':
        return { error: v };
      case 'd':
        return isoDateValue(v);
      case 'n': {
        const n = strictNumber(v);
        if (Number.isNaN(n)) throw new InvalidWorkbook('XLSX_NUMBER_INVALID', { where, value: v });
        return cell.s >= 0 && ctx.styles.dates[cell.s] ? excelDate(n, ctx.date1904) : n;
      }
      default:
        throw new SaxReadUnsupported(`cell type ${cell.t}`);
    }
  };
  if (cell.f === undefined) return cell.v === undefined ? null : typed(cell.v);
  const result = cell.v === undefined || (cell.v === '' && cell.t !== 'str') ? undefined : typed(cell.v);
  return { formula: cell.f, result: result as Exclude<CellValue, { formula: string } | { richText: unknown }> };
}
