/**
 * A report document: A4, the CJK fonts registered, fixed dates (so identical
 * input gives byte-identical output: pdfkit derives the file ID from the info
 * dictionary, and font subset tags from the font's resource id, so nothing
 * random is left), buffered pages for "第 x 页 / 共 y 页" footers.
 */
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
}

export interface ReportDocument {
  doc: Doc;
  /** End the document (after footers) and return its bytes. */
  finish(): Promise<Uint8Array>;
}

export const DEFAULT_MARGINS = { top: 48, bottom: 56, left: 42, right: 42 } as const;

export async function createReportDocument(opts: ReportDocumentOptions): Promise<ReportDocument> {
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadCjkFont()]);
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
    autoFirstPage: true,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info,
  } as PDFKit.PDFDocumentOptions);
  registerCjkFonts(doc, fonts);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  return {
    doc,
    async finish() {
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
    doc.moveTo(margins.left, y - 5).lineTo(width - margins.right, y - 5).lineWidth(0.4).strokeColor('#999999').stroke();
    doc.font(FONT_REGULAR).fontSize(size).fillColor(opts.color ?? '#555555');
    const pageText = `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`;
    const pageWidth = doc.widthOfString(pageText);
    const leftWidth = width - margins.left - margins.right - pageWidth - 12;
    doc.text(left, margins.left, y, { width: leftWidth, lineBreak: false, ellipsis: true, height: size * 1.5 });
    doc.text(pageText, width - margins.right - pageWidth, y, { lineBreak: false });
    doc.restore();
    margins.bottom = savedBottom;
  }
}
