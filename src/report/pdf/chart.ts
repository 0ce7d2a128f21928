/**
 * Horizontal bar chart for pdfkit: one bar per module, score against its
 * maximum (each bar drawn to its own maximum, so modules of 100 and 250
 * points read alike), with vertical markers (e.g. the module minimum of the
 * achieved and of the next star level) and a legend. Shared by the station
 * PDF and the batch overview PDF.
 */
import { FONT_BOLD, FONT_REGULAR } from './font.js';
import type { Doc } from './types.js';

export interface BarMarker {
  value: number;
  color: string;
}

export interface Bar {
  label: string;
  value: number;
  max: number;
  /** Text right of the bar, e.g. "136.5 / 150.0". */
  valueText: string;
  color?: string;
  markers?: BarMarker[];
}

export interface LegendEntry {
  label: string;
  color: string;
  kind: 'bar' | 'marker';
}

export interface BarChartOptions {
  x: number;
  y: number;
  width: number;
  bars: Bar[];
  legend?: LegendEntry[];
  barHeight?: number;
  gap?: number;
  labelWidth?: number;
  valueWidth?: number;
  fontSize?: number;
  barColor?: string;
  trackColor?: string;
}

/** Draw the chart; returns its height in points. */
export function drawBarChart(doc: Doc, opts: BarChartOptions): number {
  const barH = opts.barHeight ?? 14;
  const gap = opts.gap ?? 8;
  const labelW = opts.labelWidth ?? 64;
  const valueW = opts.valueWidth ?? 78;
  const size = opts.fontSize ?? 8.5;
  const trackX = opts.x + labelW;
  const trackW = opts.width - labelW - valueW;
  let y = opts.y;
  doc.save();
  for (const bar of opts.bars) {
    const ratio = bar.max > 0 ? Math.max(0, Math.min(1, bar.value / bar.max)) : 0;
    doc.font(FONT_REGULAR).fontSize(size).fillColor('#222222');
    doc.text(bar.label, opts.x, y + (barH - size * 1.3) / 2, { width: labelW - 6, align: 'right', lineBreak: false, ellipsis: true, height: size * 1.4 });
    doc.rect(trackX, y, trackW, barH).fill(opts.trackColor ?? '#E7E6E6');
    if (ratio > 0) doc.rect(trackX, y, trackW * ratio, barH).fill(bar.color ?? opts.barColor ?? '#2F5597');
    for (const m of bar.markers ?? []) {
      if (bar.max <= 0) continue;
      const mx = trackX + trackW * Math.max(0, Math.min(1, m.value / bar.max));
      doc
        .lineWidth(1.6)
        .strokeColor(m.color)
        .moveTo(mx, y - 3)
        .lineTo(mx, y + barH + 3)
        .stroke();
    }
    doc.font(FONT_BOLD).fontSize(size).fillColor('#222222');
    doc.text(bar.valueText, trackX + trackW + 6, y + (barH - size * 1.3) / 2, { width: valueW - 6, lineBreak: false, height: size * 1.4 });
    y += barH + gap;
  }
  if (opts.legend && opts.legend.length > 0) {
    let lx = trackX;
    const ly = y + 2;
    doc.font(FONT_REGULAR).fontSize(size - 1);
    for (const entry of opts.legend) {
      if (entry.kind === 'bar') doc.rect(lx, ly + 1, 12, 7).fill(entry.color);
      else
        doc
          .lineWidth(1.6)
          .strokeColor(entry.color)
          .moveTo(lx + 6, ly - 1)
          .lineTo(lx + 6, ly + 10)
          .stroke();
      doc.fillColor('#444444').text(entry.label, lx + 16, ly, { lineBreak: false });
      lx += 16 + doc.widthOfString(entry.label) + 16;
    }
    y = ly + size + 4;
  }
  doc.restore();
  return y - opts.y;
}
