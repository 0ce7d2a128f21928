/**
 * The signature and seal block of a report: four (or fewer) name lines in two
 * columns, and a dashed seal box with its label and 年月日 (with full-width spaces) on the right.
 * Station reports and 总览.pdf differ only in the labels and the box's size.
 */
import { FONT_REGULAR } from './font.js';
import type { Doc } from './types.js';

export interface SignatureBlock {
  left: number;
  top: number;
  width: number;
  /** Width of the seal box. */
  sealW: number;
  /** Height of the seal box; the date sits 12 pt above its bottom. */
  sealH: number;
  /** Name lines in reading order: first row left, first row right, second row left, second row right. */
  labels: string[];
  sealLabel: string;
}

export function drawSignatureBlock(doc: Doc, block: SignatureBlock): void {
  const { left, top, width, sealW, sealH } = block;
  const colW = (width - sealW - 20) / 2;
  doc.font(FONT_REGULAR).fontSize(10).fillColor('#222222');
  block.labels.forEach((label, i) => {
    const x = i % 2 === 0 ? left : left + colW + 10;
    const y = top + (i < 2 ? 16 : 52);
    doc.text(`${label}：`, x, y, { lineBreak: false });
    const lx = x + doc.widthOfString(`${label}：`) + 4;
    doc
      .save()
      .lineWidth(0.6)
      .strokeColor('#444444')
      .moveTo(lx, y + 13)
      .lineTo(x + colW - 8, y + 13)
      .stroke()
      .restore();
  });
  const sealX = left + width - sealW;
  doc
    .save()
    .lineWidth(0.6)
    .dash(3, { space: 3 })
    .strokeColor('#888888')
    .rect(sealX, top + 8, sealW, sealH)
    .stroke()
    .undash()
    .restore();
  doc
    .font(FONT_REGULAR)
    .fontSize(9.5)
    .fillColor('#666666')
    .text(block.sealLabel, sealX, top + 14, { width: sealW, align: 'center' });
  doc.text('年　　月　　日', sealX, top + 8 + sealH - 20, { width: sealW, align: 'center' });
}
