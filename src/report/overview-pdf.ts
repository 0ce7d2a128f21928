/**
 * 总览.pdf, the province overview: key figures, the star distribution, module
 * averages, the county table, the spot-check summary, the bureau's signature
 * and seal block, then the annex: every station (rank, county, station, total,
 * level, verified) over as many pages as needed, the header repeated on each.
 * Drawn with the same document, table and chart helpers as the station PDF.
 */
import { clipText } from './clip-texts.js';
import type { PdfMode } from './pdf/backend.js';
import { createReportDocument, drawFooters, ensureSpace } from './pdf/document.js';
import { FONT_BOLD, FONT_REGULAR } from './pdf/font.js';
import { drawBarChart } from './pdf/chart.js';
import { drawTable, type TableRow } from './pdf/table.js';
import { drawSignatureBlock } from './pdf/signature-block.js';
import { formatDeviation, formatPercent, formatScore, shortHash } from './format.js';
import type { YearComparison } from '../compare/types.js';
import { drawStarMovement } from './pdf/star-movement.js';
import type { LoadedRubric } from '../rubric/model.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { countyStats, moduleMeans, rankRows, starCounts, summarise } from './statistics.js';
import { starLabel } from './summary-xlsx.js';
import type { Problem } from '../problems/problem.js';
import type { RosterStation, StationRow } from './station-row.js';
import type { Doc } from './pdf/types.js';

export interface OverviewInput {
  rubric: LoadedRubric;
  rows: readonly StationRow[];
  problems: readonly Problem[];
  missing: readonly RosterStation[];
  roster?: readonly RosterStation[];
  tool: { name: string; version: string };
  /** Comparison with last year (batch --previous): adds the star-movement table. */
  comparison?: YearComparison;
  /** The PDF backend, 'fast' or 'reference' (report/pdf/backend.ts); default STATION_EVAL_PDF, else fast. */
  backend?: PdfMode;
  /** CreationDate / ModDate (the run context's clock); default the Unix epoch. */
  date?: Date;
}

export async function renderOverviewPdf(given: OverviewInput): Promise<Uint8Array> {
  // County and station names clipped to a printable length (a 100,000-character unbroken county never finished wrapping).
  const input = clipOverviewTexts(given);
  const { rubric, rows } = input;
  const data = rubric.data;
  const digits = data.precision;
  const levels = [...data.stars.levels].sort((a, b) => b.level - a.level);
  const maxLevel = Math.max(...levels.map((l) => l.level));
  const starNames = new Map(levels.map((l) => [l.level, l.name]));
  const totals = summarise(
    rows.map((r) => r.total),
    digits,
  );
  const failedFiles = new Set(input.problems.filter((p) => p.severity === 'error').map((p) => p.location.file)).size;
  const checked = rows.filter((r) => r.verified);
  const inflated = checked.filter((r) => r.inflated);

  const { doc, finish } = await createReportDocument({
    title: `${data.title} 评估总览`,
    subject: '评估总览',
    author: input.tool.name,
    backend: input.backend,
    ...(input.date ? { date: input.date } : {}),
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font(FONT_BOLD).fontSize(18).fillColor('#1F3864').text('社工站评估总览', { align: 'center' });
  doc.moveDown(0.2);
  doc.font(FONT_REGULAR).fontSize(10).fillColor('#444444').text(`${data.title}（${data.version}）`, { align: 'center' });
  if (data.illustrative) {
    doc.moveDown(0.3);
    doc.fontSize(8).fillColor('#9C5700').text(`说明：${data.illustrative}`, { align: 'center' });
  }
  doc.moveDown(0.8);

  // Key figures
  const figures: [string, string][] = [
    ['已评分站点', String(rows.length)],
    ['未能评分的文件', String(failedFiles)],
    ['名册中未提交', input.roster ? String(input.missing.length) : '—'],
    ['经抽查核实', `${checked.length}（${formatPercent(rows.length ? (checked.length / rows.length) * 100 : 0)}）`],
    ['平均分', formatScore(totals.mean, digits, '—')],
    ['中位数', formatScore(totals.median, digits, '—')],
    ['最高 / 最低', totals.count ? `${formatScore(totals.max, digits)} / ${formatScore(totals.min, digits)}` : '—'],
    ['自评虚高站点', String(inflated.length)],
  ];
  const boxW = width / 4;
  const boxH = 40;
  const top = doc.y;
  figures.forEach(([label, value], i) => {
    const x = left + (i % 4) * boxW;
    const y = top + Math.floor(i / 4) * (boxH + 6);
    doc
      .roundedRect(x + 3, y, boxW - 6, boxH, 4)
      .fillColor('#F3F7FC')
      .fill();
    doc
      .font(FONT_REGULAR)
      .fontSize(8)
      .fillColor('#555555')
      .text(label, x + 8, y + 6, { width: boxW - 16, lineBreak: false });
    doc
      .font(FONT_BOLD)
      .fontSize(13)
      .fillColor('#1F3864')
      .text(value, x + 8, y + 19, { width: boxW - 16, lineBreak: false });
  });
  doc.x = left;
  doc.y = top + 2 * (boxH + 6) + 8;

  // Star distribution
  const counts = starCounts(rows, maxLevel);
  doc.font(FONT_BOLD).fontSize(12).fillColor('#1F3864').text('星级分布', left, doc.y);
  doc.moveDown(0.3);
  const starBars = [...levels.map((l) => l.level), 0].map((level) => ({
    label: starLabel(level, starNames, data.stars.noLevelName),
    value: counts[level],
    max: Math.max(1, rows.length),
    valueText: `${counts[level]} 站（${formatPercent(rows.length ? (counts[level] / rows.length) * 100 : 0)}）`,
    color: level === 0 ? '#A6A6A6' : '#C9A227',
  }));
  doc.y += drawBarChart(doc, { x: left, y: doc.y, width, bars: starBars, labelWidth: 70, valueWidth: 100 }) + 10;
  if (input.comparison) drawStarMovement(doc, input.comparison, data.stars.levels);

  // Module averages
  const means = moduleMeans(rows, data.modules.length, digits);
  doc.font(FONT_BOLD).fontSize(12).fillColor('#1F3864').text('各模块平均得分', left, doc.y);
  doc.moveDown(0.3);
  const moduleBars = data.modules.map((m, i) => ({
    label: m.name,
    value: means[i] ?? 0,
    max: m.points,
    valueText: `${formatScore(means[i], digits, '—')} / ${formatScore(m.points, digits)}`,
  }));
  doc.y += drawBarChart(doc, { x: left, y: doc.y, width, bars: moduleBars, labelWidth: 70, valueWidth: 100 }) + 10;

  // County table
  const stats = countyStats(rows, input.roster, input.missing, maxLevel, digits);
  doc.font(FONT_BOLD).fontSize(12).fillColor('#1F3864').text('县(市、区)统计', left, doc.y);
  doc.moveDown(0.3);
  const countyRows: TableRow[] = stats.map((s) => ({
    cells: [
      s.county || '未填县区',
      s.rostered === null ? '—' : String(s.rostered),
      String(s.submitted),
      String(s.spotChecked),
      formatScore(s.totals.mean, digits, '—'),
      formatScore(s.totals.median, digits, '—'),
      s.totals.count ? `${formatScore(s.totals.min, digits)}–${formatScore(s.totals.max, digits)}` : '—',
      ...levels.map((l) => String(s.stars[l.level])),
      String(s.stars[0]),
    ],
  }));
  countyRows.push({
    kind: 'total',
    cells: [
      '合计',
      input.roster ? String(input.roster.length) : '—',
      String(rows.length),
      String(checked.length),
      formatScore(totals.mean, digits, '—'),
      formatScore(totals.median, digits, '—'),
      totals.count ? `${formatScore(totals.min, digits)}–${formatScore(totals.max, digits)}` : '—',
      ...levels.map((l) => String(counts[l.level])),
      String(counts[0]),
    ],
  });
  drawTable(doc, {
    columns: [
      { header: '县(市、区)', width: 3 },
      { header: '名册', width: 1.3, align: 'right' },
      { header: '评分', width: 1.3, align: 'right' },
      { header: '抽查', width: 1.3, align: 'right' },
      { header: '平均分', width: 1.8, align: 'right' },
      { header: '中位数', width: 1.8, align: 'right' },
      { header: '分数范围', width: 2.8, align: 'right' },
      ...levels.map((l) => ({ header: l.name, width: 1.4, align: 'right' as const })),
      { header: '无星级', width: 1.4, align: 'right' },
    ],
    rows: countyRows,
  });
  doc.moveDown(0.8);

  // Spot-check summary
  doc.font(FONT_BOLD).fontSize(12).fillColor('#1F3864').text('抽查核实情况', left, doc.y);
  doc.moveDown(0.3);
  const devs = summarise(
    checked.map((r) => r.deviation ?? 0),
    digits,
  );
  doc
    .font(FONT_REGULAR)
    .fontSize(9)
    .fillColor('#222222')
    .text(
      checked.length === 0
        ? '本批次没有经第三方抽查核实的站点。'
        : `共抽查 ${checked.length} 个站点，自评与抽查的总分偏差平均 ${formatScore(devs.mean, digits)} 分（最大 ${formatScore(devs.max, digits)} 分）；${inflated.length} 个站点自评虚高超出容差。`,
      left,
      doc.y,
      { width },
    );
  doc.moveDown(0.4);
  const topInflated = [...checked].sort((a, b) => (b.deviation ?? 0) - (a.deviation ?? 0)).slice(0, 15);
  if (topInflated.length > 0) {
    drawTable(doc, {
      columns: [
        { header: '县(市、区)', width: 2.4 },
        { header: '站点', width: 4 },
        { header: '自评总分（封顶前）', width: 1.8, align: 'right' },
        { header: '抽查总分（封顶前）', width: 1.8, align: 'right' },
        { header: '偏差', width: 1.3, align: 'right' },
        { header: '星级', width: 1.5 },
        { header: '主要偏差项', width: 6 },
      ],
      rows: topInflated.map((r) => ({
        cells: [
          r.county,
          r.name,
          formatScore(r.selfTotal, digits),
          formatScore(r.spotTotal, digits),
          formatDeviation(r.deviation, digits),
          starLabel(r.stars, starNames, data.stars.noLevelName),
          r.deviations
            .slice(0, 3)
            .map((d) => `${d.id} ${d.name}（${d.deviation > 0 ? '+' : ''}${d.deviation}）`)
            .join('；'),
        ],
        colors: [undefined, undefined, undefined, undefined, r.inflated ? '#C00000' : undefined],
      })),
    });
    doc.moveDown(0.8);
  }

  // Problems
  if (input.problems.length > 0) {
    doc.font(FONT_BOLD).fontSize(12).fillColor('#1F3864').text('问题文件', left, doc.y);
    doc.moveDown(0.3);
    const byCode = new Map<string, number>();
    for (const p of input.problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
    doc
      .font(FONT_REGULAR)
      .fontSize(9)
      .fillColor('#222222')
      .text(`${failedFiles} 个文件未能评分；问题共 ${input.problems.length} 条（${[...byCode].map(([c, n]) => `${c} ${n}`).join('，')}）。逐条说明见 汇总.xlsx 的“问题清单”。`, left, doc.y, { width });
  }

  doc.moveDown(0.8);
  drawBureauSignature(doc);

  // Annex: every station, ranked as in 汇总.xlsx › 站点总表 (level, then total). It follows the
  // signature block on the same page when there is room, so no page holds the block alone.
  doc.moveDown(0.6);
  doc.font(FONT_BOLD).fontSize(12).fillColor('#1F3864').text(`附表\u3000站点评估结果一览（${rows.length} 个站点）`, left, doc.y);
  doc.moveDown(0.3);
  if (rows.length > 0) {
    drawTable(doc, {
      columns: [
        { header: '排名', width: 0.9, align: 'right' },
        { header: '县(市、区)', width: 2.4 },
        { header: '站点名称', width: 5 },
        { header: '总分', width: 1.4, align: 'right' },
        { header: '星级', width: 1.6 },
        { header: '抽查核实', width: 1.5 },
      ],
      rows: rankRows(rows).map((r) => ({
        cells: [String(r.rank), r.county, r.name, formatScore(r.total, digits), starLabel(r.stars, starNames, data.stars.noLevelName), r.verified ? '已核实' : '未经抽查'],
        colors: [undefined, undefined, undefined, undefined, r.stars ? undefined : '#C00000', r.verified ? undefined : '#9C5700'],
      })),
      style: { fontSize: 7.5, headerFontSize: 8, padding: 2.2 },
    });
  }

  drawFooters(doc, `${data.id} ${data.version} · ${shortHash(rubric.sha256)} · ${input.tool.name} ${input.tool.version}`);
  return finish();
}

/** The bureau's block: 编制单位（盖章）, 负责人, 审核人, 日期; on one page, never split. */
function drawBureauSignature(doc: Doc): void {
  const height = 100;
  ensureSpace(doc, height);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor('#BFBFBF')
    .moveTo(left, top)
    .lineTo(left + width, top)
    .stroke()
    .restore();
  drawSignatureBlock(doc, { left, top, width, sealW: 160, sealH: 84, labels: ['负责人', '审核人', '编制人', '日期'], sealLabel: '编制单位（盖章）' });
  doc.x = left;
  doc.y = top + height;
}

export async function writeOverviewPdf(target: string, input: OverviewInput): Promise<void> {
  await writeFileAtomic(target, await renderOverviewPdf(input));
}

function clipOverviewTexts(input: OverviewInput): OverviewInput {
  const clipped = new Map<RosterStation, RosterStation>();
  const station = (r: RosterStation) => {
    let c = clipped.get(r);
    if (!c) clipped.set(r, (c = { ...r, name: clipText(r.name), county: clipText(r.county) }));
    return c;
  };
  return {
    ...input,
    rows: input.rows.map((r) => ({ ...r, name: clipText(r.name), county: clipText(r.county) })),
    roster: input.roster?.map(station),
    missing: input.missing.map(station),
  };
}
