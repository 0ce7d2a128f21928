/**
 * A report document: A4, the CJK fonts registered, fixed dates (so identical
 * input gives byte-identical output: pdfkit derives the file ID from the info
 * dictionary, and font subset tags from the font's resource id, so nothing
 * random is left), buffered pages for "第 x 页 / 共 y 页" footers.
 *
 * Made by the backend chosen in backend.ts: in the fast mode the speed layer's
 * overrides are installed on the document (bufferStreams and cheaperColors
 * here, fast-text.ts, the wrap cache of table.ts) and its fonts carry the
 * font-level ones (font.ts); in the reference mode it is a plain pdfkit
 * document.
 */
import { deflateSync } from 'node:zlib';
import { setSpeedLayer, speedLayerFor, type PdfMode, type SpeedLayer } from './backend.js';
import { installFastText } from './fast-text.js';
import { loadCjkFont, registerCjkFonts, FONT_REGULAR } from './font.js';
import type { Doc } from './types.js';

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface ReportDocumentOptions {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** CreationDate and ModDate; default the Unix epoch. */
  date?: Date;
  margins?: { top: number; bottom: number; left: number; right: number };
  /**
   * Texts whose glyphs every document of a kind uses (e.g. a rubric's item
   * names and the report's labels), per weight: embedded as a separate subset
   * built once per thread (see fast-text.ts); other glyphs go to the
   * document's own subset.
   */
  baseText?: { regular?: string; bold?: string };
  /**
   * The backend (see backend.ts): 'fast' or 'reference'; default the
   * environment variable STATION_EVAL_PDF, else fast. A SpeedLayer switches
   * single overrides (only to measure them).
   */
  backend?: PdfMode | Readonly<SpeedLayer>;
}

export interface ReportDocument {
  doc: Doc;
  /** End the document (after footers) and return its bytes. */
  finish: () => Promise<Uint8Array>;
}

export const DEFAULT_MARGINS = { top: 48, bottom: 56, left: 42, right: 42 } as const;

export async function createReportDocument(opts: ReportDocumentOptions): Promise<ReportDocument> {
  const layer = speedLayerFor(opts.backend);
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadCjkFont(layer)]);
  const date = opts.date ?? new Date(0);
  const info: Record<string, string | Date> = {
    Title: opts.title,
    Author: opts.author ?? 'station-eval',
    Creator: 'station-eval',
    Producer: 'station-eval (PDFKit)',
    CreationDate: date,
    ModDate: date,
  };
  // pdfkit hashes every info value into the file ID: undefined values would throw.
  if (opts.subject) info.Subject = opts.subject;
  if (opts.keywords) info.Keywords = opts.keywords;
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: opts.margins ?? { ...DEFAULT_MARGINS },
    bufferPages: true,
    // The first page is added below, once the document's streams are buffered and compressed the cheap way.
    autoFirstPage: false,
    compress: true,
    // No Helvetica: pdfkit would parse its metrics for every document, and every text is set in the CJK font.
    font: null,
    lang: 'zh-CN',
    displayTitle: true,
    info,
  } as unknown as PDFKit.PDFDocumentOptions);
  setSpeedLayer(doc, layer);
  if (layer.streams) bufferStreams(doc);
  if (layer.colors) cheaperColors(doc);
  doc.addPage();
  registerCjkFonts(doc, fonts);
  const base = new Map<object, string>();
  if (opts.baseText?.regular) base.set(fonts.regular, opts.baseText.regular);
  if (opts.baseText?.bold) base.set(fonts.bold, opts.baseText.bold);
  const fastText = installFastText(doc, { base, layer });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  return {
    doc,
    async finish() {
      fastText.finish();
      doc.end();
      await ended;
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const out = new Uint8Array(total);
      let p = 0;
      for (const c of chunks) {
        out.set(c, p);
        p += c.length;
      }
      return out;
    },
  };
}

/** zlib level of every stream (pdfkit's default is 6): level 1 is about 3× faster for ~10% larger streams. */
export const DEFLATE_LEVEL = 1;

/** A new page when fewer than `height` points are left above the bottom margin (a block that must not be split). */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

/** The few pdfkit 0.20 internals of a PDF object (PDFReference) that bufferStreams relies on. */
interface RefInternals {
  data: Record<string, unknown>;
  compress: boolean;
  buffer: Uint8Array[] | Uint8Array;
  uncompressedLength: number;
  write: (chunk: string | Uint8Array) => unknown;
  finalize: (this: RefInternals) => unknown;
}

/**
 * Make every stream object of `doc` cheaper to build, for this document only
 * (nothing global is changed): pdfkit turns each content operator into its
 * own small byte array on write (a dozen per text line) and deflates every
 * stream at zlib's default level. Here writes are kept as strings and turned
 * into bytes once per stream, which is deflated at DEFLATE_LEVEL. The bytes
 * written are the same: pdfkit also appends "\n" to each string and keeps
 * the low byte of each character (latin1). Objects whose internals are not as
 * expected are left to pdfkit.
 */
function bufferStreams(doc: Doc): void {
  const d = doc as unknown as { ref: (this: unknown, data?: object) => RefInternals };
  const ref = d.ref;
  if (typeof ref !== 'function') return;
  d.ref = function (this: unknown, data?: object): RefInternals {
    const r = ref.call(this, data);
    if (typeof r.write !== 'function' || typeof r.finalize !== 'function' || !Array.isArray(r.buffer)) return r;
    const finalize = r.finalize;
    const parts: Uint8Array[] = [];
    let strings: string[] = [];
    const flushStrings = () => {
      if (strings.length === 0) return;
      strings.push('');
      parts.push(Buffer.from(strings.join('\n'), 'latin1'));
      strings = [];
    };
    r.write = (chunk: string | Uint8Array) => {
      if (chunk instanceof Uint8Array) {
        flushStrings();
        parts.push(chunk);
      } else strings.push(chunk);
    };
    r.finalize = function (this: RefInternals) {
      flushStrings();
      if (parts.length > 0) {
        let bytes: Uint8Array = parts.length === 1 ? parts[0] : Buffer.concat(parts);
        this.uncompressedLength = bytes.length;
        this.data.Length = bytes.length;
        if (this.compress) {
          bytes = deflateSync(bytes, { level: DEFLATE_LEVEL });
          this.compress = false;
          this.data.Filter = 'FlateDecode';
        }
        this.buffer = [bytes];
        parts.length = 0;
      }
      return finalize.call(this);
    };
    return r;
  };
}

/** The pdfkit 0.20 colour methods cheaperColors wraps. */
interface ColorInternals {
  fillColor: (this: ColorInternals, color: unknown, opacity?: number) => unknown;
  save: (this: ColorInternals) => unknown;
  restore: (this: ColorInternals) => unknown;
  addPage: (this: ColorInternals, options?: unknown) => unknown;
  switchToPage: (this: ColorInternals, n: number) => unknown;
  _normalizeColor: (this: ColorInternals, color: unknown) => unknown;
  _fillColor?: unknown;
}

/**
 * Fewer and shorter colour operators, for this document only: colour
 * components are written with 4 decimals (pdfkit writes 17 digits; 4 still
 * give back the exact 8-bit value), and a fill colour equal to the one in
 * effect is not written again (a table sets its text colour before every
 * cell). The colour in effect follows q/Q (save/restore) and is forgotten on
 * a page change, so a colour is skipped only when the PDF state is known to
 * hold it.
 */
function cheaperColors(doc: Doc): void {
  const d = doc as unknown as ColorInternals;
  const { fillColor, save, restore, addPage, switchToPage, _normalizeColor: normalize } = d;
  if ([fillColor, save, restore, addPage, switchToPage, normalize].some((f) => typeof f !== 'function')) return;
  let current: string | undefined;
  let stack: (string | undefined)[] = [];
  d._normalizeColor = function (this: ColorInternals, color: unknown) {
    const c = normalize.call(this, color);
    return Array.isArray(c) ? c.map((v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)) : c;
  };
  d.fillColor = function (this: ColorInternals, color: unknown, opacity?: number) {
    if (opacity === undefined && typeof color === 'string' && color === current) {
      this._fillColor = [color, opacity];
      return this;
    }
    const r = fillColor.call(this, color, opacity);
    current = opacity === undefined && typeof color === 'string' ? color : undefined;
    return r;
  };
  d.save = function (this: ColorInternals) {
    stack.push(current);
    return save.call(this);
  };
  d.restore = function (this: ColorInternals) {
    current = stack.pop();
    return restore.call(this);
  };
  d.addPage = function (this: ColorInternals, options?: unknown) {
    current = undefined;
    stack = [];
    return addPage.call(this, options);
  };
  d.switchToPage = function (this: ColorInternals, n: number) {
    current = undefined;
    stack = [];
    return switchToPage.call(this, n);
  };
}

/**
 * Draw a footer on every buffered page: `left` text at the left, "第 x 页 /
 * 共 y 页" at the right, a hairline above. Call once, after the last page.
 */
export function drawFooters(doc: Doc, left: string, opts: { fontSize?: number; color?: string } = {}): void {
  const range = doc.bufferedPageRange();
  const size = opts.fontSize ?? 7.5;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const savedBottom = margins.bottom;
    margins.bottom = 0; // writing below the bottom margin must not open a new page
    const y = height - savedBottom + 18;
    doc.save();
    doc
      .moveTo(margins.left, y - 5)
      .lineTo(width - margins.right, y - 5)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
    doc
      .font(FONT_REGULAR)
      .fontSize(size)
      .fillColor(opts.color ?? '#555555');
    const pageText = `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`;
    const pageWidth = doc.widthOfString(pageText);
    const leftWidth = width - margins.left - margins.right - pageWidth - 12;
    // Clipped with an ellipsis only when too long (the check alone is far cheaper than pdfkit's wrapper).
    if (doc.widthOfString(left) <= leftWidth - 0.01) doc.text(left, margins.left, y, { lineBreak: false });
    else doc.text(left, margins.left, y, { width: leftWidth, lineBreak: false, ellipsis: true, height: size * 1.5 });
    doc.text(pageText, width - margins.right - pageWidth, y, { lineBreak: false });
    doc.restore();
    margins.bottom = savedBottom;
  }
}
