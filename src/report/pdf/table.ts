/**
 * A paginated table for pdfkit: wrapped cells, rows never split across pages,
 * the header repeated on every page, full-width group rows (a module's
 * heading), subtotal and total rows. Shared by the station PDF and the batch
 * overview PDF.
 */
import { FONT_BOLD, FONT_REGULAR } from './font.js';
import type { Doc } from './types.js';

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
}

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
  return text.replace(/\r\n?/g, '\n').replace(/[\t\v\f\u00A0]/g, ' ').replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '');
}

/** Draw the table from doc.y; leaves doc.y below it. */
export function drawTable(doc: Doc, opts: TableOptions): TableMetrics {
  const style = { ...DEFAULT_TABLE_STYLE, ...opts.style };
  opts = { ...opts, rows: opts.rows.map((r) => ({ ...r, cells: r.cells.map((c) => printableText(c ?? '')) })) };
  const left = opts.x ?? doc.page.margins.left;
  const tableWidth = opts.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const weight = opts.columns.reduce((a, c) => a + c.width, 0);
  const widths = opts.columns.map((c) => (c.width / weight) * tableWidth);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), left);
  const pad = style.padding;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let pages = 1;

  const fontFor = (row: TableRow | 'header') =>
    row === 'header' || row.kind === 'group' || row.kind === 'subtotal' || row.kind === 'total' ? FONT_BOLD : FONT_REGULAR;

  const measure = (row: TableRow | 'header'): number => {
    const size = row === 'header' ? style.headerFontSize : style.fontSize;
    doc.font(fontFor(row)).fontSize(size);
    if (row !== 'header' && row.kind === 'group') return doc.heightOfString(row.cells[0] ?? '', { width: tableWidth - 2 * pad }) + 2 * pad;
    const cells = row === 'header' ? opts.columns.map((c) => c.header) : row.cells;
    let h = size * 1.2;
    cells.forEach((text, i) => {
      if (i >= widths.length || !text) return;
      h = Math.max(h, doc.heightOfString(text, { width: widths[i] - 2 * pad }));
    });
    return h + 2 * pad;
  };

  const drawRow = (row: TableRow | 'header', y: number, h: number, zebra: boolean) => {
    const isHeader = row === 'header';
    const kind = isHeader ? 'header' : (row.kind ?? 'body');
    const fill = isHeader
      ? style.headerFill
      : (row.fill ??
        (kind === 'group' ? style.groupFill : kind === 'subtotal' ? style.subtotalFill : kind === 'total' ? style.totalFill : zebra ? style.zebraFill : null));
    doc.save();
    if (fill) doc.rect(left, y, tableWidth, h).fill(fill);
    doc.lineWidth(0.5).strokeColor(style.lineColor);
    doc.rect(left, y, tableWidth, h).stroke();
    if (kind !== 'group') for (let i = 1; i < xs.length; i++) doc.moveTo(xs[i], y).lineTo(xs[i], y + h).stroke();
    doc.restore();
    const size = isHeader ? style.headerFontSize : style.fontSize;
    doc.font(fontFor(row)).fontSize(size);
    if (!isHeader && kind === 'group') {
      doc.fillColor(row.colors?.[0] ?? style.textColor).text(row.cells[0] ?? '', left + pad, y + pad, { width: tableWidth - 2 * pad, height: h, lineBreak: true });
      return;
    }
    const cells = isHeader ? opts.columns.map((c) => c.header) : row.cells;
    cells.forEach((text, i) => {
      if (i >= widths.length || !text) return;
      const align = isHeader ? 'center' : (opts.columns[i].align ?? 'left');
      doc.fillColor((!isHeader && row.colors?.[i]) || style.textColor);
      doc.text(text, xs[i] + pad, y + pad, { width: widths[i] - 2 * pad, align, height: h - pad, lineBreak: true });
    });
  };

  const headerHeight = measure('header');
  let y = doc.y;
  const newPage = () => {
    doc.addPage();
    pages++;
    doc.y = doc.page.margins.top;
    opts.onPageBreak?.(doc);
    y = doc.y;
    drawRow('header', y, headerHeight, false);
    y += headerHeight;
  };
  if (y + headerHeight + measure(opts.rows[0] ?? { cells: [] }) > bottom()) {
    doc.addPage();
    pages++;
    y = doc.page.margins.top;
  }
  drawRow('header', y, headerHeight, false);
  y += headerHeight;
  let zebra = false;
  for (let i = 0; i < opts.rows.length; i++) {
    const row = opts.rows[i];
    const h = measure(row);
    // A group heading never stays alone at the bottom of a page.
    const keepWith = row.kind === 'group' && i + 1 < opts.rows.length ? measure(opts.rows[i + 1]) : 0;
    if (y + h + keepWith > bottom() && y > doc.page.margins.top + headerHeight + 1) newPage();
    zebra = row.kind === undefined || row.kind === 'body' ? !zebra : false;
    drawRow(row, y, h, zebra);
    y += h;
  }
  doc.x = left;
  doc.y = y;
  doc.font(FONT_REGULAR).fillColor(style.textColor);
  return { pages, rows: opts.rows.length };
}
