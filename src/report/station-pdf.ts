/**
 * The station's printable PDF report, a formal evaluation report. Page 1: the
 * header block (报告编号, 评估对象, 运营机构, 评估机构, 评估依据, 评估日期), the
 * 评估结论 (total, ★ level, reason, what the next star needs), the self / spot
 * comparison table with every step to the final total, the notices, and the
 * signature and seal block on the same page as the conclusion. Then the module
 * chart, the item table (answers by their labels, subtotal rows kept with their
 * items), the deviation section when spot-checked; a footer on every page. A function of the engine's result and the
 * rubric. Identical input gives byte-identical output.
 */
import { clipResultTexts } from './clip-texts.js';
import type { StationComparison } from '../compare/types.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { ItemResult, StationResult } from '../score/types.js';
import {
  comparisonRows,
  deviatingItems,
  formatDeviation,
  formatPercent,
  partyRows,
  formatScore,
  inputText,
  isSpotChecked,
  itemPathText,
  itemStatusText,
  levelHeading,
  maxStarLevel,
  moduleMinimumAt,
  nextStarLines,
  scaledLine,
  targetLine,
  shortHash,
  starLevelOf,
  stationNotices,
  reportNumber,
  totalsText,
  type Notice,
} from './format.js';
import type { PdfMode, SpeedLayer } from './pdf/backend.js';
import { drawBarChart, type Bar, type LegendEntry } from './pdf/chart.js';
import { createReportDocument, drawFooters, ensureSpace } from './pdf/document.js';
import { FONT_BOLD, FONT_REGULAR } from './pdf/font.js';
import { drawPreviousYearSection } from './pdf/previous-year-section.js';
import { drawSignatureBlock } from './pdf/signature-block.js';
import { drawTable, measureTable, printableText, type TableColumn, type TableRow } from './pdf/table.js';
import type { Doc } from './pdf/types.js';
import { must } from '../util/must.js';
import Big from 'big.js';

export interface StationPdfOptions {
  /** CreationDate / ModDate of the document; default the Unix epoch (deterministic). */
  date?: Date;
  /** Comparison with last year (batch --previous): adds the 与上年比较 section. */
  comparison?: StationComparison;
  /** The PDF backend, 'fast' or 'reference' (pdf/backend.ts); default STATION_EVAL_PDF, else fast. A SpeedLayer only to measure its overrides. */
  backend?: PdfMode | Readonly<SpeedLayer>;
  /** 评估机构 printed in the header block, over the result's `station.evaluator`; a line to fill in by hand when neither has one. */
  evaluator?: string;
  /** 评估日期 printed in the header block, over the result's `station.evaluationDate`; a line to fill in by hand when neither has one. */
  evaluationDate?: string;
}

const COLORS = {
  text: '#222222',
  muted: '#666666',
  accent: '#2F5597',
  gold: '#D4A017',
  starOff: '#D9D9D9',
  red: '#C00000',
  amber: '#B26B00',
  grey: '#595959',
  achieved: '#2E7D32',
  next: '#E67E22',
} as const;

const NOTICE_COLORS: Record<Notice['kind'], string> = {
  veto: COLORS.red,
  incomplete: COLORS.red,
  unverified: COLORS.amber,
  verified: COLORS.achieved,
  inflated: COLORS.amber,
  illustrative: COLORS.grey,
  warning: COLORS.grey,
};

export async function renderStationPdf(published: StationResult, rubric: LoadedRubric, opts: StationPdfOptions = {}): Promise<Uint8Array> {
  // Free texts clipped to a printable length (a 100,000-character unbroken note never finished wrapping).
  const result = clipResultTexts(published);
  const { doc, finish } = await createReportDocument({
    title: `${result.station.name} 评估报告`,
    subject: result.rubric.title,
    keywords: `${result.rubric.id} ${result.rubric.version}`,
    date: opts.date,
    baseText: baseTextOf(rubric),
    backend: opts.backend,
  });
  drawFirstPage(doc, result, rubric, opts);
  doc.addPage();
  drawPartyTotals(doc, result, rubric);
  drawModuleChart(doc, result, rubric);
  const deviations = isSpotChecked(result) ? deviationSection(result, rubric) : undefined;
  // The deviation section, when short, shares the item table's last page (the table breaks earlier if need be).
  // With 与上年比较 after it, more than the measured section follows: no balancing (undefined).
  drawItemTable(doc, result, rubric, opts.comparison ? undefined : deviations ? sectionHeight(doc, deviations) : 0);
  if (deviations) drawSection(doc, deviations);
  if (opts.comparison) drawPreviousYearSection(doc, opts.comparison, rubric.data.precision);
  drawFooters(doc, `${result.station.name} | ${result.rubric.id} ${result.rubric.version} | sha256 ${shortHash(result.rubric.sha256)} | ${result.tool.name} ${result.tool.version}`);
  return finish();
}

/** Printable ASCII and the report's own labels (format.ts, this file): part of both base subsets' texts. */
const REPORT_CHARACTERS =
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') +
  '—•…›−★☆　、。一三不与个为乡予人从代估低例值偏允入共决减出分列到制加区升原县取号各名否告因块基填备复大完定实对小差已市年度得态总扣折报抽按排控整方无日明星最期未本机构果查标核模比注满点状理用由的盖目码础票称站章第签算级细经结绝编署自至致营虚街计认许评说超达运还适道镇需页项高（），：；社会工作服务封顶前核定最终依据象人员版本低于均过含构成对应＿';

/** What the report sets in bold besides names: headings, table headers, subtotal rows, numbers. */
const BOLD_CHARACTERS = '0123456789 .%/-+−—：（）、★评估报告分明细各模块得抽查偏差自签署编号项目值状态扣原因备注满小计含不适用按折算入上限虚高减总一票否决认定理由升至还需未达到星级变化动最大的指标年';

/** The labels of 各评分方计分 (drawPartyTotals), in the base subsets of a rubric with `parties`. */
const PARTY_LABELS = '各评分方计分评分项目数计分合计满分得分率每个项目以权威顺序中最靠后已评分的一方的分数计分；计分合计是计入总分的该方分数之和。—';

const baseTexts = new WeakMap<LoadedRubric, { regular: string; bold: string }>();

/**
 * The texts whose glyphs make the documents' base font subsets (built once
 * per thread, see pdf/fast-text.ts): regular: the rubric's title and node
 * names and the report's labels; bold: the names printed in bold (modules,
 * bonus, star levels, vetoes) and the labels. Glyphs of a station's own
 * texts go to each document's own subset. Depends only on the rubric.
 */
function baseTextOf(rubric: LoadedRubric): { regular: string; bold: string } {
  let base = baseTexts.get(rubric);
  if (!base) {
    const data = rubric.data;
    const bold = [
      BOLD_CHARACTERS,
      ...(data.parties ? [PARTY_LABELS, ...data.parties.map((p) => p.name)] : []),
      ...data.modules.map((m) => m.name),
      data.bonus?.name ?? '',
      ...data.stars.levels.map((l) => l.name),
      ...data.vetoes.map((v) => v.name),
    ].join('');
    const regular = [REPORT_CHARACTERS, bold, data.title, data.illustrative ?? '', ...[...rubric.index.nodesById.values()].map((n) => n.name)].join('');
    base = { regular, bold };
    baseTexts.set(rubric, base);
  }
  return base;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function heading(doc: Doc, text: string, size = 13): void {
  const left = doc.page.margins.left;
  doc
    .font(FONT_BOLD)
    .fontSize(size)
    .fillColor(COLORS.accent)
    .text(text, left, doc.y, { width: contentWidth(doc) });
  const y = doc.y + 1;
  doc
    .save()
    .lineWidth(1)
    .strokeColor(COLORS.accent)
    .moveTo(left, y)
    .lineTo(left + contentWidth(doc), y)
    .stroke()
    .restore();
  doc.y = y + 6;
  doc.font(FONT_REGULAR).fillColor(COLORS.text);
}

// ── Page 1 ─────────────────────────────────────────────────────────────────

function drawFirstPage(doc: Doc, result: StationResult, rubric: LoadedRubric, opts: StationPdfOptions): void {
  const digits = rubric.data.precision;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);

  doc.font(FONT_BOLD).fontSize(22).fillColor(COLORS.text).text('评估报告', left, doc.page.margins.top, { width, align: 'center' });
  doc.moveDown(0.15);
  doc.font(FONT_REGULAR).fontSize(10).fillColor(COLORS.muted).text(printableText(result.rubric.title), { width, align: 'center' });
  doc.moveDown(0.6);

  // Header block: label/value cells; a row of one pair spans the width.
  const s = result.station;
  const blank = '＿＿＿＿＿＿＿＿＿＿';
  const object = [s.name, [s.county, s.township].filter(Boolean).join(' · ')].filter(Boolean);
  const rows: [string, string][][] = [
    [
      ['报告编号', reportNumber(result)],
      ['评估年度', s.year === undefined ? '' : String(s.year)],
    ],
    [['评估对象', object.length > 1 ? `${object[0]}（${object[1]}）` : object[0]]],
    [
      ['运营机构', s.operator ?? ''],
      ['站点编码', s.code ?? ''],
    ],
    [
      ['评估机构', opts.evaluator?.trim() || s.evaluator?.trim() || blank],
      ['评估日期', opts.evaluationDate?.trim() || s.evaluationDate?.trim() || blank],
    ],
    [['评估依据', `《${result.rubric.title}》 版本 ${result.rubric.version} · sha256 ${shortHash(result.rubric.sha256)}`]],
  ];
  const blockTop = doc.y;
  const labelW = 52;
  doc.fontSize(9.5);
  let rowY = blockTop + 5;
  for (const pairs of rows) {
    let h = 0;
    // Two pairs: the first (the longer values: report number, operator, evaluator) gets 62 % of the width.
    const widths = pairs.length === 1 ? [width] : [width * 0.62, width * 0.38];
    pairs.forEach(([k, v], j) => {
      const colW = widths[j];
      const x = left + 8 + (j === 0 ? 0 : widths[0]);
      doc.font(FONT_REGULAR).fillColor(COLORS.muted).text(k, x, rowY, { width: labelW, lineBreak: false });
      doc
        .font(k === '评估对象' || k === '报告编号' ? FONT_BOLD : FONT_REGULAR)
        .fillColor(COLORS.text)
        .text(printableText(v || '—'), x + labelW, rowY, { width: colW - labelW - 16 });
      h = Math.max(h, doc.y - rowY);
    });
    rowY += Math.max(h, 12) + 4;
  }
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor('#BFBFBF')
    .roundedRect(left, blockTop, width, rowY - blockTop + 2, 4)
    .stroke()
    .restore();
  doc.y = rowY + 12;

  // 评估结论: total and stars, the reason, what the next level needs.
  heading(doc, '评估结论', 12);
  const top = doc.y;
  doc
    .font(FONT_REGULAR)
    .fontSize(9.5)
    .fillColor(COLORS.muted)
    .text('最终得分', left + 8, top, { lineBreak: false });
  doc.font(FONT_BOLD).fontSize(32).fillColor(COLORS.text);
  const totalText = formatScore(result.total, digits);
  doc.text(totalText, left + 6, top + 12, { lineBreak: false });
  const totalW = doc.widthOfString(totalText);
  doc
    .font(FONT_REGULAR)
    .fontSize(11)
    .fillColor(COLORS.muted)
    .text(`/ ${formatScore(result.maxTotal, digits)}`, left + 12 + totalW, top + 33, { lineBreak: false });
  const scaled = scaledLine(result, digits);
  const target = targetLine(result, rubric);

  const starsX = left + width / 2 + 20;
  const maxLevel = maxStarLevel(rubric);
  const n = result.stars ?? 0;
  const named = rubric.data.stars.display === 'names';
  doc.font(FONT_REGULAR).fontSize(9.5).fillColor(COLORS.muted).text(levelHeading(rubric), starsX, top, { lineBreak: false });
  let sx = starsX;
  if (!named) {
    doc.font(FONT_REGULAR).fontSize(22);
    for (let i = 1; i <= maxLevel; i++) {
      doc.fillColor(i <= n ? COLORS.gold : COLORS.starOff).text('★', sx, top + 12, { lineBreak: false });
      sx += doc.widthOfString('★') + 2;
    }
    sx += 8;
  }
  const levelText = n > 0 ? (result.starName ?? `${n} 星`) : (rubric.data.stars.noLevelName ?? '未达到星级');
  doc
    .font(FONT_BOLD)
    .fontSize(named ? 18 : 14)
    .fillColor(n > 0 ? COLORS.text : COLORS.red)
    .text(levelText, sx, named ? top + 14 : top + 17, { lineBreak: false });
  doc.y = top + 56;
  const under = [scaled, target].filter(Boolean).join('　');
  if (under) {
    doc
      .font(FONT_REGULAR)
      .fontSize(8.5)
      .fillColor(COLORS.muted)
      .text(printableText(under), left + 8, doc.y - 6, { width });
    doc.moveDown(0.2);
  }

  doc.font(FONT_BOLD).fontSize(9).fillColor(COLORS.text).text('认定理由：', left, doc.y, { continued: true, width });
  doc.font(FONT_REGULAR).text(printableText(result.starReason || '—'));
  const needs = nextStarLines(result);
  if (result.nextStar && needs.length > 0) {
    doc.moveDown(0.2);
    doc.font(FONT_BOLD).text(`升至${result.nextStar.name}还需：`, left, doc.y, { continued: true, width });
    doc.font(FONT_REGULAR).text(printableText(needs.join('；')));
  }
  doc.moveDown(0.5);

  // The self / spot comparison, rows that add up on their face, every step to the final total.
  drawComparison(doc, result, rubric);
  doc.moveDown(0.5);

  // Notices (the verified / unverified one is in the comparison's caption).
  for (const notice of stationNotices(result, rubric)) {
    if (notice.kind === 'verified') continue;
    const color = NOTICE_COLORS[notice.kind];
    const y = doc.y;
    doc
      .font(notice.kind === 'illustrative' ? FONT_REGULAR : FONT_BOLD)
      .fontSize(notice.kind === 'illustrative' ? 7.5 : 8.5)
      .fillColor(color);
    const h = doc.heightOfString(printableText(notice.text), { width: width - 14 });
    doc
      .save()
      .rect(left, y + 1, 3, h - 1)
      .fill(color)
      .restore();
    doc.text(printableText(notice.text), left + 10, y, { width: width - 14 });
    doc.y = y + h + 3;
  }
  doc.moveDown(0.4);

  drawSignatures(doc);
}

function drawComparison(doc: Doc, result: StationResult, rubric: LoadedRubric): void {
  const digits = rubric.data.precision;
  const verified = result.spotTotal !== null;
  const totals = totalsText(result, digits);
  // Explicit positions (a one-line heading, then the caption 13 pt below): both PDF backends place them alike.
  const left = doc.page.margins.left;
  const y0 = doc.y;
  doc
    .font(FONT_BOLD)
    .fontSize(9)
    .fillColor(COLORS.text)
    .text(verified ? '自评与抽查对比（抽查得分取代自评得分）' : '得分构成（未经第三方抽查核实）', left, y0, { width: contentWidth(doc), lineBreak: false });
  doc
    .font(FONT_REGULAR)
    .fontSize(8)
    .fillColor(COLORS.muted)
    .text(printableText(`${totals.parties}\n${totals.chain}`), left, y0 + 13, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  const f = (v: number | null) => formatScore(v, digits);
  const columns: TableColumn[] = verified
    ? [
        { header: '项目', width: 190 },
        { header: '满分', width: 50, align: 'right' },
        { header: selfHeader(result), width: 55, align: 'right' },
        { header: '抽查', width: 55, align: 'right' },
        { header: '偏差（自评−抽查）', width: 80, align: 'right' },
        { header: '核定得分', width: 60, align: 'right' },
      ]
    : [
        { header: '项目', width: 250 },
        { header: '满分', width: 60, align: 'right' },
        { header: selfHeader(result), width: 60, align: 'right' },
        { header: '得分', width: 60, align: 'right' },
      ];
  const rows: TableRow[] = comparisonRows(result, rubric).map((r) => {
    const final = r.kind === 'step' ? formatDeviation(r.final, digits).replace(/^-/, '−') : f(r.final);
    const cells = verified ? [r.label, f(r.max), f(r.self), f(r.spot), formatDeviation(r.deviation, digits), final] : [r.label, f(r.max), f(r.self), final];
    const kind: TableRow['kind'] = r.kind === 'total' ? 'total' : r.kind === 'sum' ? 'subtotal' : 'body';
    const colors: (string | undefined)[] = [];
    if (r.kind === 'step') colors[cells.length - 1] = COLORS.red;
    if (verified && r.deviation !== null && r.deviation > 0 && r.kind !== 'step') colors[4] = COLORS.amber;
    return { cells, kind, colors };
  });
  drawTable(doc, { columns, rows, style: { fontSize: 8, headerFontSize: 8, padding: 2.2, zebraFill: null } });
}

// ── Scoring parties (page 2, a rubric with `parties`) ─────────────────────

/** The self-assessment's column: 自评, or 评分方 where the parties' merged scores stand in for it. */
function selfHeader(result: StationResult): string {
  return result.parties ? '评分方' : '自评';
}

/** 各评分方计分: each party's items, the points that counted from it, and its share of the total (its declared maximum). */
function drawPartyTotals(doc: Doc, result: StationResult, rubric: LoadedRubric): void {
  const rows = partyRows(result);
  if (rows.length === 0) return;
  const digits = rubric.data.precision;
  const f = (v: number | null) => (v === null ? '—' : formatScore(v, digits));
  heading(doc, '各评分方计分');
  doc
    .font(FONT_REGULAR)
    .fontSize(8)
    .fillColor(COLORS.muted)
    .text('每个项目以权威顺序中最靠后、已评分的一方的分数计分；计分合计是计入总分的该方分数之和。', { width: contentWidth(doc) });
  doc.moveDown(0.3);
  const sum = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : Number(xs.reduce((a: Big, x) => a.plus(x ?? 0), new Big(0)).toString()));
  drawTable(doc, {
    columns: [
      { header: '评分方', width: 200 },
      { header: '评分项目数', width: 80, align: 'right' },
      { header: '计分合计', width: 80, align: 'right' },
      { header: '满分', width: 80, align: 'right' },
      { header: '得分率', width: 70, align: 'right' },
    ],
    rows: [
      ...rows.map((r): TableRow => ({ cells: [r.name, r.itemsText, f(r.total), f(r.max), r.percent === null ? '—' : formatPercent(r.percent)] })),
      {
        cells: ['合计', '', f(sum(rows.map((r) => r.total))), f(sum(rows.map((r) => r.max))), ''],
        kind: 'total',
      },
    ],
    style: { fontSize: 8.5, headerFontSize: 8.5, padding: 2.5, zebraFill: null },
  });
  doc.moveDown(0.8);
}

// ── Module chart (page 2) ──────────────────────────────────────────────────

function drawModuleChart(doc: Doc, result: StationResult, rubric: LoadedRubric): void {
  const digits = rubric.data.precision;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  heading(doc, '各模块得分');
  const achieved = starLevelOf(rubric, result.stars);
  const next = starLevelOf(rubric, result.nextStar?.level);
  const BELOW = '#C55A11';
  const bars: Bar[] = result.modules.map((m) => {
    const markers = [];
    const a = moduleMinimumAt(achieved, m.id, m.max);
    const b = moduleMinimumAt(next, m.id, m.max);
    if (a !== null) markers.push({ value: a, color: COLORS.achieved });
    if (b !== null) markers.push({ value: b, color: COLORS.next });
    const below = (a !== null && m.final < a) || (b !== null && m.final < b);
    return {
      label: m.name,
      value: m.final,
      max: m.max,
      valueText: `${formatScore(m.final, digits)} / ${formatScore(m.max, digits)}  ${formatPercent(m.percent)}`,
      color: below ? BELOW : undefined,
      markers,
    };
  });
  // Every colour drawn is in the legend.
  const legend: LegendEntry[] = [{ label: '得分', color: '#2F5597', kind: 'bar' }];
  if (bars.some((b) => b.color === BELOW)) legend.push({ label: `得分低于${next?.name ?? ''}模块最低分`, color: BELOW, kind: 'bar' });
  if (achieved && bars.some((b) => b.markers?.some((m) => m.color === COLORS.achieved))) legend.push({ label: `${achieved.name}模块最低分`, color: COLORS.achieved, kind: 'marker' });
  if (next && bars.some((b) => b.markers?.some((m) => m.color === COLORS.next))) legend.push({ label: `${next.name}模块最低分`, color: COLORS.next, kind: 'marker' });
  const chartHeight = result.modules.length * 22 + 20;
  ensureSpace(doc, chartHeight);
  const chartTop = doc.y + 4;
  const h = drawBarChart(doc, { x: left, y: chartTop, width, bars, legend, valueWidth: 110 });
  doc.y = chartTop + h + 10; // drawBarChart's own text calls move doc.y: set it from the chart's height
}

// ── Item table ─────────────────────────────────────────────────────────────

function drawItemTable(doc: Doc, result: StationResult, rubric: LoadedRubric, after: number | undefined): void {
  const digits = rubric.data.precision;
  const spot = isSpotChecked(result);
  const columns: TableColumn[] = [
    { header: '编号', width: 34 },
    { header: '评估项目', width: 176 },
    { header: '分值', width: 36, align: 'right' },
    { header: selfHeader(result), width: 34, align: 'right' },
    ...(spot ? [{ header: '抽查', width: 34, align: 'right' as const }] : []),
    { header: '得分', width: 34, align: 'right' },
    { header: '状态', width: 48 },
    { header: '扣分原因 / 备注', width: spot ? 117 : 151 },
  ];
  const rows: TableRow[] = [];
  const numbers = (max: number | null, self: number | null, sp: number | null, fin: number | null) => [
    formatScore(max, digits),
    formatScore(self, digits, '—'),
    ...(spot ? [formatScore(sp, digits, '—')] : []),
    formatScore(fin, digits, '—'),
  ];
  const itemRow = (item: ItemResult): TableRow => {
    const selfIn = inputText(rubric, item.id, item.selfInput);
    const spotIn = inputText(rubric, item.id, item.spotInput);
    // A rubric with `parties`: what was entered is named by the party whose score counted.
    const selfBy = result.parties ? (result.parties.find((p) => p.id === item.party)?.name ?? '评分方') : '自评';
    const input = [selfIn ? `${selfBy}：${selfIn}` : '', spot && spotIn ? `抽查：${spotIn}` : ''].filter(Boolean).join('；');
    const notes = [item.reason, item.note].filter(Boolean).join('\n');
    const status = itemStatusText(item);
    const cells = [item.id, input ? `${item.name}\n${input}` : item.name, ...numbers(item.max, item.self, item.spot, item.final), status, notes];
    const statusCol = cells.length - 2;
    const colors: (string | undefined)[] = [];
    if (status) colors[statusCol] = item.status === 'blank' || item.inflated || item.met === false ? COLORS.red : item.status === 'scored' ? COLORS.achieved : COLORS.amber;
    return { cells, colors };
  };
  const byModule = new Map<string, ItemResult[]>();
  for (const item of result.items) byModule.set(item.moduleId, [...(byModule.get(item.moduleId) ?? []), item]);
  for (const mod of result.modules) {
    rows.push({ kind: 'group', cells: [`${mod.id}  ${mod.name}（满分 ${formatScore(mod.max, digits)}）`] });
    for (const item of byModule.get(mod.id) ?? []) rows.push(itemRow(item));
    rows.push({
      kind: 'subtotal',
      cells: [
        '',
        `小计${mod.rescaled ? `（含不适用项，按适用分值 ${formatScore(mod.applicableMax, digits)} 折算）` : ''}`,
        ...numbers(mod.max, mod.self, mod.spot, mod.final),
        formatPercent(mod.percent),
        '',
      ],
    });
  }
  const bonusItems = result.items.filter((i) => i.bonus);
  const comparison = comparisonRows(result, rubric);
  if (bonusItems.length > 0) {
    const name = rubric.data.bonus?.name ?? '加分项';
    const cap = rubric.data.bonus?.cap;
    rows.push({ kind: 'group', cells: [`${name}${cap !== undefined ? `（上限 ${formatScore(cap, digits)} 分）` : ''}`] });
    for (const item of bonusItems) rows.push(itemRow(item));
    const b = comparison.find((r) => r.kind === 'bonus');
    if (b) rows.push({ kind: 'subtotal', cells: ['', `小计：${name}（封顶前）`, ...numbers(cap ?? null, b.self, b.spot, b.final), '', ''] });
  }
  // The sum before any cap, each step to the final total, the final total: the same rows as page 1.
  const sum = must(comparison.find((r) => r.kind === 'sum'));
  rows.push({ kind: 'subtotal', cells: ['', '合计（封顶前）', ...numbers(null, sum.self, sum.spot, sum.final), '', ''] });
  for (const r of comparison.filter((r) => r.kind === 'step')) {
    rows.push({ kind: 'subtotal', cells: ['', r.label, ...numbers(null, null, null, null).slice(0, -1), formatDeviation(r.final, digits).replace(/^-/, '−'), '', ''] });
  }
  rows.push({
    kind: 'total',
    cells: ['', '最终得分', ...numbers(result.maxTotal, null, null, result.total), result.vetoes.length ? '一票否决' : '', result.vetoes.map((v) => v.name).join('、')],
    colors: result.vetoes.length ? [undefined, undefined, undefined, undefined, ...(spot ? [undefined] : []), undefined, COLORS.red, COLORS.red] : undefined,
  });
  // The heading never ends a page without the table's header and first rows.
  ensureSpace(doc, HEADING_SIZE * 1.4 + 7 + measureTable(doc, { columns, rows: rows.slice(0, 2) }));
  heading(doc, '评分明细');
  drawTable(doc, { columns, rows, ...(after !== undefined ? { after: after > 0 ? after + SECTION_GAP : 0 } : {}) });
  doc.moveDown(1);
}

// ── Sections after the item table ─────────────────────────────────────────

/** A titled section: a heading, a caption, a table. */
interface Section {
  title: string;
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
}

/** Space left by doc.moveDown(1) after the item table (8 pt text), with a margin for rounding. */
const SECTION_GAP = 14;
/** A section up to this tall is kept on one page; a longer one keeps its heading with its first rows. */
const KEEP_WHOLE_SECTION = 220;
const HEADING_SIZE = 13;
const CAPTION_SIZE = 9;

/** Heading (text and rule) and caption of a section, as drawSection sets them. */
function sectionHead(doc: Doc, section: Section): number {
  const width = contentWidth(doc);
  const heading = doc.font(FONT_BOLD).fontSize(HEADING_SIZE).heightOfString(section.title, { width }) + 7;
  doc.font(FONT_REGULAR).fontSize(CAPTION_SIZE);
  const caption = doc.heightOfString(section.caption, { width }) + doc.currentLineHeight(true) * 0.4;
  return heading + caption;
}

/** The whole section's height on one page. */
function sectionHeight(doc: Doc, section: Section): number {
  return sectionHead(doc, section) + (section.rows.length > 0 ? measureTable(doc, section) : 0);
}

/** Heading, caption and table; the heading never ends a page without the table's first rows. */
function drawSection(doc: Doc, section: Section): void {
  const whole = sectionHeight(doc, section);
  const firstRows = section.rows.length > 0 ? measureTable(doc, { columns: section.columns, rows: section.rows.slice(0, 2) }) : 0;
  ensureSpace(doc, whole <= KEEP_WHOLE_SECTION ? whole : sectionHead(doc, section) + firstRows);
  heading(doc, section.title, HEADING_SIZE);
  doc
    .font(FONT_REGULAR)
    .fontSize(CAPTION_SIZE)
    .fillColor(COLORS.text)
    .text(section.caption, { width: contentWidth(doc) });
  doc.moveDown(0.4);
  if (section.rows.length === 0) return;
  drawTable(doc, { columns: section.columns, rows: section.rows });
  doc.moveDown(1);
}

function deviationSection(result: StationResult, rubric: LoadedRubric): Section {
  const digits = rubric.data.precision;
  const items = deviatingItems(result);
  const columns: TableColumn[] = [
    { header: '编号', width: 34 },
    { header: '评估项目', width: 200 },
    { header: '分值', width: 30, align: 'right' },
    { header: '自评', width: 32, align: 'right' },
    { header: '抽查', width: 32, align: 'right' },
    { header: '偏差', width: 34, align: 'right' },
    { header: '扣分原因', width: 149 },
  ];
  const rows: TableRow[] = items.map((item) => ({
    cells: [
      item.id,
      `${item.name}\n${itemPathText(rubric, item.id)}`,
      formatScore(item.max, digits),
      formatScore(item.self, digits, '—'),
      formatScore(item.spot, digits, '—'),
      formatDeviation(item.deviation, digits),
      [item.inflated ? '自评虚高' : '', item.reason ?? ''].filter(Boolean).join('：'),
    ],
    colors: item.inflated ? [undefined, undefined, undefined, undefined, undefined, COLORS.red, COLORS.red] : undefined,
  }));
  return {
    title: '抽查偏差（自评 − 抽查）',
    caption: `${totalsText(result, digits).parties}；${items.length} 个项目自评与抽查不一致，按偏差绝对值从大到小排列。`,
    columns,
    rows,
  };
}

// ── Signatures ─────────────────────────────────────────────────────────────

/** The signature and seal block: 评估人员, 复核人, 评估机构（盖章）, 日期. Kept on page 1 with the conclusion. */
function drawSignatures(doc: Doc): void {
  const height = 96;
  ensureSpace(doc, height);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const top = doc.y + 4;
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor('#BFBFBF')
    .moveTo(left, top)
    .lineTo(left + width, top)
    .stroke()
    .restore();
  drawSignatureBlock(doc, { left, top, width, sealW: 150, sealH: 80, labels: ['评估人员', '复核人', '日期'], sealLabel: '评估机构（盖章）' });
  doc.y = top + height;
}
