/**
 * 总览.pdf's star-movement table (batch --previous): last year's level ×
 * this year's, with the rises above the diagonal in green and the falls in
 * red, and a one-line summary of the changes.
 */
import { ensureSpace } from './document.js';
import { starMovement } from '../../compare/star-movement.js';
import { CHANGE_LABELS, type YearComparison } from '../../compare/types.js';
import { FONT_BOLD, FONT_REGULAR } from './font.js';
import { drawTable, type TableRow } from './table.js';
import type { Doc } from './types.js';

export function drawStarMovement(doc: Doc, cmp: YearComparison, levels: readonly { level: number; name: string }[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const m = starMovement(cmp.rows, levels);
  ensureSpace(doc, 60 + 16 * m.rows.length);
  doc
    .font(FONT_BOLD)
    .fontSize(12)
    .fillColor('#1F3864')
    .text(`星级变动（${cmp.previousYear ?? '上年'} → ${cmp.year}）`, left, doc.y);
  doc.moveDown(0.3);
  const counts = { up: 0, down: 0, same: 0, new: 0, absent: 0 };
  for (const r of cmp.rows) counts[r.change]++;
  doc
    .font(FONT_REGULAR)
    .fontSize(9)
    .fillColor('#222222')
    .text(
      (Object.keys(counts) as (keyof typeof counts)[]).map((k) => `${CHANGE_LABELS[k]} ${counts[k]} 站`).join('，') + '。行：上年星级；列：本年星级。逐站明细见 汇总.xlsx 的“年度对比”。',
      left,
      doc.y,
      { width },
    );
  doc.moveDown(0.3);
  const levelCount = m.columns.length - 1; // the last row and column are 新参评 / 未参评
  const rows: TableRow[] = m.rows.map((label, i) => ({
    cells: [label, ...m.counts[i].map((n) => (n === 0 ? '' : String(n))), String(m.counts[i].reduce((a, b) => a + b, 0))],
    // Levels are ordered high to low: a column left of the diagonal is a rise.
    colors: [undefined, ...m.counts[i].map((n, j) => (n === 0 || i >= levelCount || j >= levelCount || i === j ? undefined : j < i ? '#2E7D32' : '#C00000')), undefined],
  }));
  rows.push({ kind: 'total', cells: ['合计', ...m.columns.map((_, j) => String(m.counts.reduce((a, row) => a + row[j], 0))), String(cmp.rows.length)] });
  drawTable(doc, {
    columns: [{ header: '上年 \\ 本年', width: 2.4 }, ...m.columns.map((c) => ({ header: c, width: 1.4, align: 'right' as const })), { header: '合计', width: 1.4, align: 'right' }],
    rows,
  });
  doc.moveDown(0.8);
}
