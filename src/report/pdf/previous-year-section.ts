/**
 * The station PDF's 与上年比较 section (batch --previous): last year's and
 * this year's total and level, the change, the certificate in force and the
 * rule that decided it, module deltas and the items that moved most.
 */
import { ensureSpace } from './document.js';
import type { StationComparison } from '../../compare/types.js';
import { CHANGE_LABELS } from '../../compare/types.js';
import { RULE_LABELS } from '../../compare/rule-labels.js';
import { formatDeviation, formatScore } from '../format.js';
import { FONT_BOLD, FONT_REGULAR } from './font.js';
import { drawTable } from './table.js';
import type { Doc } from './types.js';

const ACCENT = '#2F5597';
const RISE = '#2E7D32';
const FALL = '#C00000';

export function drawPreviousYearSection(doc: Doc, cmp: StationComparison, digits: number): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  ensureSpace(doc, 160);
  doc.font(FONT_BOLD).fontSize(13).fillColor(ACCENT).text('与上年比较', left, doc.y, { width });
  const y = doc.y + 1;
  doc
    .save()
    .lineWidth(1)
    .strokeColor(ACCENT)
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke()
    .restore();
  doc.y = y + 6;

  const star = (stars: number | null | undefined, name: string | null | undefined) => (stars ? (name ?? `${stars}星级`) : '无星级');
  const prevYear = cmp.previousYear ?? '上';
  const lines: string[] = [];
  if (cmp.previous && cmp.current) {
    lines.push(
      `${prevYear} 年总分 ${formatScore(cmp.previous.total, digits)}（${star(cmp.previous.stars, cmp.previous.starName)}），${cmp.year} 年总分 ${formatScore(cmp.current.total, digits)}（${star(cmp.current.stars, cmp.current.starName)}），总分变化 ${formatDeviation(cmp.totalDelta, digits, '—')}：${CHANGE_LABELS[cmp.change]}。`,
    );
  } else if (cmp.current) {
    lines.push(`上年度没有本站点的评估结果：${CHANGE_LABELS[cmp.change]}。`);
  }
  lines.push(`现行证书：${cmp.certificate.levelName ?? '无'}（${RULE_LABELS[cmp.certificate.rule]}）。${cmp.certificate.reason}。`);
  for (const note of cmp.notes) lines.push(`说明：${note}。`);
  doc.font(FONT_REGULAR).fontSize(9).fillColor('#222222');
  for (const line of lines) doc.text(line, left, doc.y, { width });
  doc.moveDown(0.4);

  const changed = (d: number | null) => (d === null || d === 0 ? undefined : d > 0 ? RISE : FALL);
  if (cmp.previous && cmp.modules.length > 0) {
    drawTable(doc, {
      columns: [
        { header: '模块', width: 4 },
        { header: `${prevYear} 年`, width: 2, align: 'right' },
        { header: `${cmp.year} 年`, width: 2, align: 'right' },
        { header: '变化', width: 2, align: 'right' },
      ],
      rows: cmp.modules.map((m) => ({
        cells: [m.name, formatScore(m.previous, digits, '—'), formatScore(m.current, digits, '—'), formatDeviation(m.delta, digits, '—')],
        colors: [undefined, undefined, undefined, changed(m.delta)],
      })),
    });
    doc.moveDown(0.4);
  }
  if (cmp.movers.length > 0) {
    doc.font(FONT_BOLD).fontSize(10).fillColor(ACCENT).text('变动最大的指标', left, doc.y, { width });
    doc.moveDown(0.2);
    drawTable(doc, {
      columns: [
        { header: '编号', width: 1.2 },
        { header: '评估项目', width: 5 },
        { header: `${prevYear} 年`, width: 1.4, align: 'right' },
        { header: `${cmp.year} 年`, width: 1.4, align: 'right' },
        { header: '变化', width: 1.4, align: 'right' },
      ],
      rows: cmp.movers.map((m) => ({
        cells: [m.id, m.name, formatScore(m.previous, digits), formatScore(m.current, digits), formatDeviation(m.delta, digits)],
        colors: [undefined, undefined, undefined, undefined, changed(m.delta)],
      })),
    });
  }
  doc.moveDown(1);
}
