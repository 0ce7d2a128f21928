/**
 * A paginated table for pdfkit: wrapped cells, rows never split across pages,
 * the header repeated on every page, full-width group rows (a module's
 * heading), subtotal and total rows kept on the page of the row above them,
 * and never one lone last row on a page. Shared by the station PDF and the batch
 * overview PDF.
 */
import { speedLayerOf } from './backend.js';
import { FONT_BOLD, FONT_REGULAR } from './font.js';
import type { Doc } from './types.js';
import { cachePerOwner } from '../../util/memo.js';

export interface TableColumn {
  header: string;
  /** Relative width; the columns are scaled to the table width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: string[];
  /** body (default); group: cells[0] spans the whole row; subtotal / total: bold and filled. */
  kind?: 'body' | 'group' | 'subtotal' | 'total';
  /** Text colour per cell (undefined = default). */
  colors?: (string | undefined)[];
  fill?: string;
}

export interface TableStyle {
  fontSize: number;
  headerFontSize: number;
  padding: number;
  headerFill: string;
  groupFill: string;
  subtotalFill: string;
  totalFill: string;
  zebraFill: string | null;
  lineColor: string;
  textColor: string;
}

export const DEFAULT_TABLE_STYLE: TableStyle = {
  fontSize: 8,
  headerFontSize: 8,
  padding: 3,
  headerFill: '#DDEBF7',
  groupFill: '#EEF3FA',
  subtotalFill: '#F2F2F2',
  totalFill: '#FFF2CC',
  zebraFill: '#FAFAFA',
  lineColor: '#BFBFBF',
  textColor: '#222222',
};

export interface TableOptions {
  columns: TableColumn[];
  rows: TableRow[];
  /** Left edge; default the left margin. */
  x?: number;
  /** Width; default the page width between margins. */
  width?: number;
  style?: Partial<TableStyle>;
  /** Called after a page break, before the header is repeated (e.g. to draw a running title); returns nothing. */
  onPageBreak?: (doc: Doc) => void;
  /**
   * Given, the last page is balanced (see `balancedBreak`): the height of what
   * follows the table to the end of the document (a short section; 0 when
   * nothing follows). A table whose last page would hold only a few rows, or
   * leave that section alone on a page, breaks earlier instead. Not given (more
   * follows, e.g. in the overview), the greedy breaks stand. Ignored with
   * `onPageBreak` (a running title changes where rows start).
   */
  after?: number;
}

/** A last page filled less than this share of the page is moved to by breaking earlier. */
export const MIN_LAST_PAGE_FILL = 0.25;

/**
 * Where to break a table earlier so that its last page — its last rows and
 * what follows (`after`) — is not nearly empty. Pure: row heights, which
 * breaks are allowed, and the greedy plan (the rows that open a page).
 * Returns the row to open the new last page with, or undefined to keep the
 * greedy plan:
 * - the greedy plan puts `after` on a page of its own and it is short: move
 *   rows of the table's last page over to it;
 * - the greedy plan's last page holds only a few rows (with `after`): move
 *   rows of the page before over to it.
 * The moved rows and `after` must fit one page; the fewest rows are moved
 * that fill it to MIN_LAST_PAGE_FILL, or, when a block starts a little
 * earlier (a group heading, `preferred`, within 60 % of a page), the whole block;
 * else as many rows as fit.
 */
export function balancedBreak(p: {
  heights: number[];
  /** canBreak[i]: a page may open with row i (not a subtotal after its item, not after a group heading, not the last row alone). */
  canBreak: boolean[];
  /** preferred[i]: row i starts a block (a module's group heading): a better place to break. */
  preferred?: boolean[];
  /** Rows that open a page in the greedy plan, ascending. */
  breaks: number[];
  /** Where the greedy plan's last row ends, and the page's content bottom and usable height (top of content to bottom, less the repeated header). */
  endY: number;
  bottom: number;
  usable: number;
  header: number;
  after: number;
}): number | undefined {
  const n = p.heights.length;
  const minFill = p.usable * MIN_LAST_PAGE_FILL;
  const tailAlone = p.after > 0 && p.endY + p.after > p.bottom;
  const lastStart = p.breaks.at(-1) ?? 0;
  let from: number;
  let to: number;
  if (tailAlone) {
    if (p.after >= minFill) return undefined;
    // Two rows at least stay on the page they leave.
    [from, to] = [lastStart + 2, n - 1];
  } else {
    if (p.breaks.length === 0) return undefined;
    const fill = p.header + p.heights.slice(lastStart).reduce((a, h) => a + h, 0) + p.after;
    if (fill >= minFill) return undefined;
    [from, to] = [(p.breaks.at(-2) ?? 0) + 2, lastStart - 1];
  }
  let fallback: number | undefined;
  let enough: number | undefined;
  let moved = p.header + p.after + p.heights.slice(to + 1).reduce((a, h) => a + h, 0);
  for (let j = to; j >= from; j--) {
    moved += p.heights[j];
    if (moved > p.usable || (enough !== undefined && moved > p.usable * 0.6)) break;
    if (!p.canBreak[j]) continue;
    if (p.preferred?.[j] && moved >= minFill) return j;
    if (moved >= minFill) enough ??= j;
    fallback = j;
  }
  return enough ?? fallback;
}

/** Height of a whole table drawn on one page: the header and every row. */
export function measureTable(doc: Doc, opts: Pick<TableOptions, 'columns' | 'rows' | 'width' | 'style'>): number {
  return tableMeasurer(doc, opts).total;
}

function tableMeasurer(doc: Doc, opts: Pick<TableOptions, 'columns' | 'rows' | 'width' | 'style'>) {
  const style = { ...DEFAULT_TABLE_STYLE, ...opts.style };
  const tableWidth = opts.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const weight = opts.columns.reduce((a, c) => a + c.width, 0);
  const widths = opts.columns.map((c) => (c.width / weight) * tableWidth);
  const pad = style.padding;
  const measure = (row: TableRow | 'header'): number => {
    const size = row === 'header' ? style.headerFontSize : style.fontSize;
    doc.font(fontFor(row)).fontSize(size);
    if (row !== 'header' && row.kind === 'group') return heightOf(doc, printableText(row.cells[0] ?? ''), tableWidth - 2 * pad) + 2 * pad;
    const cells = row === 'header' ? opts.columns.map((c) => c.header) : row.cells;
    let h = size * 1.2;
    cells.forEach((text, i) => {
      if (i >= widths.length || !text) return;
      h = Math.max(h, heightOf(doc, row === 'header' ? text : printableText(text), widths[i] - 2 * pad));
    });
    return h + 2 * pad;
  };
  const header = measure('header');
  const heights = opts.rows.map((r) => measure(r));
  return { measure, header, heights, total: header + heights.reduce((a, h) => a + h, 0) };
}

const fontFor = (row: TableRow | 'header') => (row === 'header' || row.kind === 'group' || row.kind === 'subtotal' || row.kind === 'total' ? FONT_BOLD : FONT_REGULAR);

export interface TableMetrics {
  /** Pages the table spans (1 when it fits where it started). */
  pages: number;
  rows: number;
}

/**
 * Text from inputs made printable: tabs and other whitespace controls become
 * spaces (pdfkit would draw them as a missing-glyph box), other control
 * characters are dropped; line breaks stay.
 */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\r\t\v\f\u00A0\u0000-\u0008\u000E-\u001F\u007F]/.test(text)) return text; // the usual case: nothing to replace
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\t\v\f\u00A0]/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
  );
}

/** One wrapped text: its lines as pdfkit's line wrapper breaks them, and its height from y = 0. */
interface Wrapped {
  /** textWidth, lineWidth: what pdfkit's wrapper reports; trimmedWidth: the width without trailing spaces (right alignment). */
  lines: { text: string; textWidth: number; lineWidth: number; trimmedWidth: number }[];
  height: number;
}

/** The few pdfkit internals the wrap cache uses (pdfkit 0.20; absent ones disable the cache). */
interface DocInternals {
  _text?(text: string, x: number, y: number, options: object, lineCallback: (line: string, options: { textWidth?: number; lineWidth?: number }) => void): unknown;
  _font?: { font?: object };
  _fragment?(text: string, x: number, y: number, options: object): void;
  _fontSize: number;
  _lineGap?: number;
}

/** Most wrapped texts kept per font; a report has a few hundred distinct cells, mostly the rubric's. */
export const WRAP_CACHE_LIMIT = 20_000;
/** Per font: text → its wraps (by size, line gap and width; a text is rarely wrapped at more than one). */
const wrapCaches = cachePerOwner<{ size: number; gap: number; width: number; wrapped: Wrapped }[]>(WRAP_CACHE_LIMIT);

/**
 * Wrap `text` at `width` in the current font and size with pdfkit's own line
 * wrapper, remembered across documents: the rubric's item names and headers
 * recur in every report, and wrapping CJK text (a break opportunity and a
 * width measurement per character) twice per cell (measure, then draw) was
 * the larger part of a report's time. Keyed by the parsed font object, size,
 * line gap, width and text, and computed at x = y = 0, so the result never
 * depends on what was rendered before. Part of the speed layer (backend.ts):
 * undefined in the reference mode and when pdfkit's internals are not as
 * expected (callers then fall back to plain pdfkit calls).
 */
function wrapCached(doc: Doc, text: string, width: number): Wrapped | undefined {
  if (!speedLayerOf(doc).wrapCache) return undefined;
  const d = doc as unknown as DocInternals;
  const font = d._font?.font;
  if (typeof d._text !== 'function' || !font || typeof font !== 'object') return undefined;
  const cache = wrapCaches(font);
  const lineGap = d._lineGap || 0;
  const size = d._fontSize;
  // Keyed by the text itself (its hash is kept with the string), not by a key string built per call.
  const entries = cache.get(text);
  if (entries) for (const e of entries) if (e.size === size && e.gap === lineGap && e.width === width) return e.wrapped;
  let hit = byParagraphs(doc, text, width) ?? singleLine(doc, text, width, lineGap);
  if (!hit) {
    const { x, y } = doc;
    const lines: Wrapped['lines'] = [];
    doc.x = 0;
    doc.y = 0;
    try {
      d._text.call(doc, text, 0, 0, { width, height: Infinity }, (line, o) => {
        const text = line.replace(/\n/g, '');
        lines.push({ text, textWidth: o.textWidth ?? 0, lineWidth: o.lineWidth ?? width, trimmedWidth: doc.widthOfString(text.replace(/\s+$/, '')) });
        doc.y += doc.currentLineHeight(true) + lineGap;
      });
      hit = { lines, height: doc.y };
    } finally {
      doc.x = x;
      doc.y = y;
    }
  }
  const entry = { size, gap: lineGap, width, wrapped: hit };
  if (entries) entries.push(entry);
  else cache.set(text, [entry]);
  return hit;
}

/**
 * A text of several paragraphs wrapped paragraph by paragraph, each with its
 * line break ("name\n" then "input"): a line break is a mandatory break, so
 * pdfkit's wrapper starts afresh after it, and the first paragraphs (a
 * rubric's item names) come from the cache while only the last (a station's
 * input) is new. Undefined for a single paragraph.
 */
function byParagraphs(doc: Doc, text: string, width: number): Wrapped | undefined {
  if (!text.includes('\n')) return undefined;
  const parts = text.split('\n');
  const pieces = parts.slice(0, -1).map((p) => `${p}\n`);
  if (parts[parts.length - 1] !== '') pieces.push(parts[parts.length - 1]);
  if (pieces.length < 2) return undefined;
  const out: Wrapped = { lines: [], height: 0 };
  for (const piece of pieces) {
    const w = wrapCached(doc, piece, width);
    if (!w) return undefined;
    out.lines.push(...w.lines);
    out.height += w.height;
  }
  return out;
}

/**
 * A text with no line break that fits the width with room to spare is one
 * line: what pdfkit's wrapper gives, without running it (its widths are sums
 * of float32-rounded word widths, hence the 0.01 pt margin).
 */
function singleLine(doc: Doc, text: string, width: number, lineGap: number): Wrapped | undefined {
  if (text === '' || /[\n\r\v\f\u0085\u2028\u2029]/.test(text)) return undefined;
  const textWidth = doc.widthOfString(text);
  if (textWidth > width - 0.01) return undefined;
  return {
    lines: [{ text, textWidth, lineWidth: width, trimmedWidth: doc.widthOfString(text.replace(/\s+$/, '')) }],
    height: doc.currentLineHeight(true) + lineGap,
  };
}

/** doc.heightOfString(text, { width }), from the wrap cache. */
function heightOf(doc: Doc, text: string, width: number): number {
  return wrapCached(doc, text, width)?.height ?? doc.heightOfString(text, { width });
}

/**
 * doc.text(text, x, y, { width, align }) for text known to fit: the cached
 * lines drawn one by one where pdfkit's wrapper would put them.
 */
function drawWrapped(doc: Doc, text: string, x: number, y: number, width: number, height: number, align: 'left' | 'center' | 'right'): void {
  const wrapped = wrapCached(doc, text, width);
  if (!wrapped) {
    doc.text(text, x, y, { width, align, height, lineBreak: true });
    return;
  }
  const d = doc as unknown as DocInternals;
  const lineGap = d._lineGap || 0;
  let ly = y;
  for (const line of wrapped.lines) {
    let lx = x;
    if (align === 'right') lx += line.lineWidth - line.trimmedWidth;
    else if (align === 'center') lx += line.lineWidth / 2 - line.textWidth / 2;
    // What doc.text(line, lx, ly, { lineBreak: false }) ends in, without measuring the line twice more.
    if (typeof d._fragment === 'function') d._fragment.call(doc, line.text, lx, ly, {});
    else doc.text(line.text, lx, ly, { lineBreak: false });
    ly += doc.currentLineHeight(true) + lineGap;
  }
  doc.x = x;
  doc.y = ly;
}

/**
 * doc.text(text, x, y, { width, align }) drawn from the wrap cache: true when
 * done (doc.x = x, doc.y below the text, as pdfkit leaves them); false when
 * the text would cross the bottom margin (pdfkit then breaks the page), when
 * `oneLine` is asked (a height or an ellipsis given) and the text has more
 * lines, or when pdfkit's internals are not as expected.
 */
export function textFromCache(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right', oneLine = false): boolean {
  const wrapped = wrapCached(doc, text, width);
  if (!wrapped || y + wrapped.height > doc.page.height - doc.page.margins.bottom) return false;
  if (oneLine && wrapped.lines.length !== 1) return false;
  drawWrapped(doc, text, x, y, width, wrapped.height, align);
  return true;
}

/** doc.heightOfString(text, { width }) from the wrap cache; undefined when it cannot be used. */
export function heightFromCache(doc: Doc, text: string, width: number): number | undefined {
  return wrapCached(doc, text, width)?.height;
}

/** A coordinate in a content stream, to 1/1000 pt. */
const pt = (n: number) => String(Math.round(n * 1000) / 1000);

/** Draw the table from doc.y; leaves doc.y below it. */
export function drawTable(doc: Doc, opts: TableOptions): TableMetrics {
  const style = { ...DEFAULT_TABLE_STYLE, ...opts.style };
  opts = { ...opts, rows: opts.rows.map((r) => ({ ...r, cells: r.cells.map((c) => printableText(c)) })) };
  const left = opts.x ?? doc.page.margins.left;
  const tableWidth = opts.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const weight = opts.columns.reduce((a, c) => a + c.width, 0);
  const widths = opts.columns.map((c) => (c.width / weight) * tableWidth);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), left);
  const pad = style.padding;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let pages = 1;
  const measurer = tableMeasurer(doc, opts);

  const drawRow = (row: TableRow | 'header', y: number, h: number, zebra: boolean) => {
    const isHeader = row === 'header';
    const kind = isHeader ? 'header' : (row.kind ?? 'body');
    const fill = isHeader
      ? style.headerFill
      : (row.fill ?? (kind === 'group' ? style.groupFill : kind === 'subtotal' ? style.subtotalFill : kind === 'total' ? style.totalFill : zebra ? style.zebraFill : null));
    doc.save();
    if (fill) doc.rect(left, y, tableWidth, h).fill(fill);
    doc.lineWidth(0.5).strokeColor(style.lineColor);
    // The border and the column rules as one path (coordinates to 1/1000 pt), stroked once.
    let path = `${pt(left)} ${pt(y)} ${pt(tableWidth)} ${pt(h)} re`;
    if (kind !== 'group') for (let i = 1; i < xs.length; i++) path += `\n${pt(xs[i])} ${pt(y)} m\n${pt(xs[i])} ${pt(y + h)} l`;
    doc.addContent(path);
    doc.stroke();
    doc.restore();
    const size = isHeader ? style.headerFontSize : style.fontSize;
    doc.font(fontFor(row)).fontSize(size);
    if (!isHeader && kind === 'group') {
      doc.fillColor(row.colors?.[0] ?? style.textColor);
      drawWrapped(doc, row.cells[0] ?? '', left + pad, y + pad, tableWidth - 2 * pad, h, 'left');
      return;
    }
    const cells = isHeader ? opts.columns.map((c) => c.header) : row.cells;
    cells.forEach((text, i) => {
      if (i >= widths.length || !text) return;
      const align = isHeader ? 'center' : (opts.columns[i].align ?? 'left');
      doc.fillColor((!isHeader && row.colors?.[i]) || style.textColor);
      drawWrapped(doc, text, xs[i] + pad, y + pad, widths[i] - 2 * pad, h - pad, align);
    });
  };

  const headerHeight = measurer.header;
  const heights = measurer.heights;
  const rows = opts.rows;
  const n = rows.length;
  const top = doc.page.margins.top;
  let y = doc.y;
  const newPage = () => {
    doc.addPage();
    pages++;
    doc.y = top;
    opts.onPageBreak?.(doc);
    y = doc.y;
    drawRow('header', y, headerHeight, false);
    y += headerHeight;
  };
  if (y + headerHeight + (heights[0] ?? measurer.measure({ cells: [] })) > bottom()) {
    doc.addPage();
    pages++;
    y = top;
  }
  // Rows kept together on one page: a group heading with the row after it; a row with
  // the subtotal / total rows right after it (a subtotal never opens a page alone);
  // the last two rows (a table never ends with one lone row on a page).
  const keepWith = (i: number): number => {
    const row = rows[i];
    if (row.kind === 'group') return i + 1 < n ? heights[i + 1] : 0;
    if (row.kind === 'subtotal' || row.kind === 'total') return 0;
    let keep = 0;
    for (let j = i + 1; j < n && (rows[j].kind === 'subtotal' || rows[j].kind === 'total'); j++) keep += heights[j];
    if (keep === 0 && i === n - 2 && i > 0) keep = heights[i + 1];
    return keep;
  };
  const opensPage = (i: number, at: number) => at + heights[i] + keepWith(i) > bottom() && at > top + headerHeight + 1;
  // The last page balanced (balancedBreak): planned from the greedy breaks, when no running title changes where rows start.
  let forced: number | undefined;
  if (!opts.onPageBreak && opts.after !== undefined) {
    const breaks: number[] = [];
    let at = y + headerHeight;
    for (let i = 0; i < n; i++) {
      if (opensPage(i, at)) {
        breaks.push(i);
        at = top + headerHeight;
      }
      at += heights[i];
    }
    const canBreak = rows.map((r, i) => i > 0 && rows[i - 1].kind !== 'group' && r.kind !== 'subtotal' && r.kind !== 'total' && !(i === n - 1 && n > 2));
    const preferred = rows.map((r) => r.kind === 'group');
    forced = balancedBreak({ heights, canBreak, preferred, breaks, endY: at, bottom: bottom(), usable: bottom() - top - headerHeight, header: headerHeight, after: opts.after ?? 0 });
  }
  drawRow('header', y, headerHeight, false);
  y += headerHeight;
  let zebra = false;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const h = heights[i];
    if (i === forced || opensPage(i, y)) newPage();
    zebra = row.kind === undefined || row.kind === 'body' ? !zebra : false;
    drawRow(row, y, h, zebra);
    y += h;
  }
  doc.x = left;
  doc.y = y;
  doc.font(FONT_REGULAR).fillColor(style.textColor);
  return { pages, rows: opts.rows.length };
}
