/**
 * The station's printable PDF report: page 1 with the verdict (total, ★
 * level, reason, what the next star needs, notices, module chart), then the
 * item table, the deviation section when spot-checked, and the signature
 * block; a footer on every page. A function of the engine's result and the
 * rubric. Identical input gives byte-identical output.
 */
import { clipResultTexts } from './clip-texts.js';
import type { StationComparison } from '../compare/types.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { ItemResult, StationResult } from '../score/types.js';
import {
  deviatingItems,
  formatDeviation,
  formatScore,
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
  type Notice,
} from './format.js';
import type { PdfMode, SpeedLayer } from './pdf/backend.js';
import { drawBarChart, type Bar, type LegendEntry } from './pdf/chart.js';
import { createReportDocument, drawFooters } from './pdf/document.js';
import { FONT_BOLD, FONT_REGULAR } from './pdf/font.js';
import { drawPreviousYearSection } from './pdf/previous-year-section.js';
import { drawTable, printableText, type TableColumn, type TableRow } from './pdf/table.js';
import type { Doc } from './pdf/types.js';

export interface StationPdfOptions {
  /** CreationDate / ModDate of the document; default the Unix epoch (deterministic). */
  date?: Date;
  /** Comparison with last year (batch --previous): adds the 与上年比较 section. */
  comparison?: StationComparison;
  /** The PDF backend, 'fast' or 'reference' (pdf/backend.ts); default STATION_EVAL_PDF, else fast. A SpeedLayer only to measure its overrides. */
  backend?: PdfMode | Readonly<SpeedLayer>;
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
  drawFirstPage(doc, result, rubric);
  doc.addPage();
  drawItemTable(doc, result, rubric);
  if (isSpotChecked(result)) drawDeviations(doc, result, rubric);
  if (opts.comparison) drawPreviousYearSection(doc, opts.comparison, rubric.data.precision);
  drawSignatures(doc);
  drawFooters(
    doc,
    `${result.station.name} | ${result.rubric.id} ${result.rubric.version} | sha256 ${shortHash(result.rubric.sha256)} | ${result.tool.name} ${result.tool.version}`,
  );
  return finish();
}

/** Printable ASCII and the report's own labels (format.ts, this file): part of both base subsets' texts. */
const REPORT_CHARACTERS =
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') +
  '—•…›−★☆　、。一三不与个为乡予人从代估低例值偏允入共决减出分列到制加区升原县取号各名否告因块基填备复大完定实对小差已市年度得态总扣折报抽按排控整方无日明星最期未本机构果查标核模比注满点状理用由的盖目码础票称站章第签算级细经结绝编署自至致营虚街计认许评说超达运还适道镇需页项高（），：；';

/** What the report sets in bold besides names: headings, table headers, subtotal rows, numbers. */
const BOLD_CHARACTERS =
  '0123456789 .%/-+−—：（）、★评估报告分明细各模块得抽查偏差自签署编号项目值状态扣原因备注满小计含不适用按折算入上限虚高减总一票否决认定理由升至还需未达到星级变化动最大的指标年';

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
      ...data.modules.map((m) => m.name),
      data.bonus?.name ?? '',
      ...data.stars.levels.map((l) => l.name),
      ...data.vetoes.map((v) => v.name),
    ].join('');
    const regular = [REPORT_CHARACTERS, bold, data.title, data.illustrative ?? "", ...[...rubric.index.nodesById.values()].map((n) => n.name)].join('');
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
  doc.font(FONT_BOLD).fontSize(size).fillColor(COLORS.accent).text(text, left, doc.y, { width: contentWidth(doc) });
  const y = doc.y + 1;
  doc.save().lineWidth(1).strokeColor(COLORS.accent).moveTo(left, y).lineTo(left + contentWidth(doc), y).stroke().restore();
  doc.y = y + 6;
  doc.font(FONT_REGULAR).fillColor(COLORS.text);
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

// ── Page 1 ─────────────────────────────────────────────────────────────────

function drawFirstPage(doc: Doc, result: StationResult, rubric: LoadedRubric): void {
  const digits = rubric.data.precision;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);

  doc.font(FONT_BOLD).fontSize(24).fillColor(COLORS.text).text('评估报告', left, doc.page.margins.top, { width, align: 'center' });
  doc.moveDown(0.2);
  doc.font(FONT_REGULAR).fontSize(10.5).fillColor(COLORS.muted).text(result.rubric.title, { width, align: 'center' });
  doc.moveDown(0.8);

  // Station block: label/value pairs in two columns.
  const s = result.station;
  const pairs: [string, string][] = [
    ['站点名称', s.name],
    ['站点编码', s.code ?? ''],
    ['县(市、区)', s.county ?? ''],
    ['乡镇(街道)', s.township ?? ''],
    ['运营机构', s.operator ?? ''],
    ['评估年度', s.year === undefined ? '' : String(s.year)],
    ['填报人', s.filledBy ?? ''],
    ['填报日期', s.date ?? ''],
  ]
    .map(([k, v]) => [k, printableText(v)])
    .filter(([k, v]) => v !== '' || k === '站点名称') as [string, string][];
  const blockTop = doc.y;
  const colW = width / 2;
  const labelW = 58;
  doc.fontSize(9.5);
  let rowY = blockTop + 6;
  for (let i = 0; i < pairs.length; i += 2) {
    let h = 0;
    for (let j = 0; j < 2 && i + j < pairs.length; j++) {
      const [k, v] = pairs[i + j];
      const x = left + 8 + j * colW;
      doc.font(FONT_REGULAR).fillColor(COLORS.muted).text(k, x, rowY, { width: labelW, lineBreak: false });
      doc.font(k === '站点名称' ? FONT_BOLD : FONT_REGULAR).fillColor(COLORS.text).text(v, x + labelW, rowY, { width: colW - labelW - 16 });
      h = Math.max(h, doc.y - rowY);
    }
    rowY += Math.max(h, 13) + 3;
  }
  doc.save().lineWidth(0.6).strokeColor('#BFBFBF').roundedRect(left, blockTop, width, rowY - blockTop + 3, 4).stroke().restore();
  doc.y = rowY + 14;

  // Total and stars.
  const top = doc.y;
  doc.font(FONT_REGULAR).fontSize(10).fillColor(COLORS.muted).text('总分', left + 8, top, { lineBreak: false });
  doc.font(FONT_BOLD).fontSize(40).fillColor(COLORS.text);
  const totalText = formatScore(result.total, digits);
  doc.text(totalText, left + 6, top + 12, { lineBreak: false });
  const totalW = doc.widthOfString(totalText);
  doc.font(FONT_REGULAR).fontSize(12).fillColor(COLORS.muted).text(`/ ${formatScore(result.maxTotal, digits)}`, left + 12 + totalW, top + 40, { lineBreak: false });
  const parts: string[] = [`基础分 ${formatScore(result.baseTotal, digits)}`];
  if (result.bonus) parts.push(`${rubric.data.bonus?.name ?? '加分项'} ${formatScore(result.bonus, digits)}`);
  if (result.penalty) parts.push(`虚高扣减 ${formatScore(result.penalty, digits)}`);
  if (result.selfTotal !== null) parts.push(`自评 ${formatScore(result.selfTotal, digits)}`);
  if (result.spotTotal !== null) parts.push(`抽查 ${formatScore(result.spotTotal, digits)}`);
  if (result.deviation !== null) parts.push(`偏差 ${formatDeviation(result.deviation, digits)}`);
  const scaled = scaledLine(result, digits);
  if (scaled) parts.unshift(scaled);
  const target = targetLine(result, rubric);
  if (target) parts.push(target);
  doc.fontSize(8.5).text(parts.join('　'), left + 8, top + 66, { width: width / 2 + 20 });
  const statsBottom = doc.y;

  const starsX = left + width / 2 + 40;
  const maxLevel = maxStarLevel(rubric);
  const n = result.stars ?? 0;
  const named = rubric.data.stars.display === 'names';
  doc.font(FONT_REGULAR).fontSize(10).fillColor(COLORS.muted).text(levelHeading(rubric), starsX, top, { lineBreak: false });
  if (!named) {
    doc.font(FONT_REGULAR).fontSize(26);
    let sx = starsX;
    for (let i = 1; i <= maxLevel; i++) {
      doc.fillColor(i <= n ? COLORS.gold : COLORS.starOff).text('★', sx, top + 14, { lineBreak: false });
      sx += doc.widthOfString('★') + 2;
    }
  }
  const levelText = n > 0 ? (result.starName ?? `${n} 星`) : (rubric.data.stars.noLevelName ?? '未达到星级');
  doc.font(FONT_BOLD).fontSize(named ? 22 : 15).fillColor(n > 0 ? COLORS.text : COLORS.red).text(levelText, starsX, named ? top + 20 : top + 52, { lineBreak: false });
  doc.y = Math.max(top + 84, statsBottom + 8);

  // Reason and next-star needs.
  doc.font(FONT_BOLD).fontSize(9.5).fillColor(COLORS.text).text('认定理由：', left, doc.y, { continued: true, width });
  doc.font(FONT_REGULAR).text(printableText(result.starReason || '—'));
  const needs = nextStarLines(result);
  if (result.nextStar) {
    doc.moveDown(0.3);
    doc.font(FONT_BOLD).text(`升至${result.nextStar.name}还需：`, left, doc.y, { width });
    doc.font(FONT_REGULAR);
    if (needs.length === 0) doc.text('—', { width });
    for (const line of needs) doc.text(`• ${printableText(line)}`, left + 10, doc.y, { width: width - 10 });
  }
  doc.moveDown(0.6);

  // Notices.
  for (const notice of stationNotices(result, rubric)) {
    const color = NOTICE_COLORS[notice.kind];
    const y = doc.y;
    doc.font(notice.kind === 'illustrative' || notice.kind === 'verified' ? FONT_REGULAR : FONT_BOLD).fontSize(9).fillColor(color);
    const h = doc.heightOfString(printableText(notice.text), { width: width - 14 });
    doc.save().rect(left, y + 1, 3, h - 1).fill(color).restore();
    doc.text(printableText(notice.text), left + 10, y, { width: width - 14 });
    doc.y = y + h + 4;
  }
  doc.moveDown(0.6);

  // Module chart.
  heading(doc, '各模块得分');
  const achieved = starLevelOf(rubric, result.stars);
  const next = starLevelOf(rubric, result.nextStar?.level);
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
      valueText: `${formatScore(m.final, digits)} / ${formatScore(m.max, digits)}`,
      color: below ? '#C55A11' : undefined,
      markers,
    };
  });
  const legend: LegendEntry[] = [{ label: '得分', color: '#2F5597', kind: 'bar' }];
  if (achieved && bars.some((b) => b.markers?.some((m) => m.color === COLORS.achieved))) legend.push({ label: `${achieved.name}模块最低分`, color: COLORS.achieved, kind: 'marker' });
  if (next && bars.some((b) => b.markers?.some((m) => m.color === COLORS.next))) legend.push({ label: `${next.name}模块最低分`, color: COLORS.next, kind: 'marker' });
  const chartHeight = result.modules.length * 22 + 20;
  ensureSpace(doc, chartHeight);
  const h = drawBarChart(doc, { x: left, y: doc.y + 4, width, bars, legend });
  doc.y += h + 8;
}

// ── Item table ─────────────────────────────────────────────────────────────

function drawItemTable(doc: Doc, result: StationResult, rubric: LoadedRubric): void {
  const digits = rubric.data.precision;
  const spot = isSpotChecked(result);
  heading(doc, '评分明细');
  const columns: TableColumn[] = [
    { header: '编号', width: 34 },
    { header: '评估项目', width: 176 },
    { header: '分值', width: 36, align: 'right' },
    { header: '自评', width: 34, align: 'right' },
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
    const input = [item.selfInput ? `自评：${item.selfInput}` : '', spot && item.spotInput ? `抽查：${item.spotInput}` : ''].filter(Boolean).join('；');
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
      cells: ['', `小计${mod.rescaled ? `（含不适用项，按适用分值 ${formatScore(mod.applicableMax, digits)} 折算）` : ''}`, ...numbers(mod.max, mod.self, mod.spot, mod.final), `${formatScore(mod.percent, digits)}%`, ''],
    });
  }
  const bonusItems = result.items.filter((i) => i.bonus);
  if (bonusItems.length > 0) {
    const name = rubric.data.bonus?.name ?? '加分项';
    const cap = rubric.data.bonus?.cap;
    rows.push({ kind: 'group', cells: [`${name}${cap !== undefined ? `（上限 ${formatScore(cap, digits)} 分）` : ''}`] });
    for (const item of bonusItems) rows.push(itemRow(item));
    rows.push({ kind: 'subtotal', cells: ['', `${name}计入`, ...numbers(cap ?? null, null, null, result.bonus), '', ''] });
  }
  if (result.penalty > 0) rows.push({ kind: 'subtotal', cells: ['', '自评虚高扣减', ...numbers(null, null, null, -result.penalty), '', ''] });
  rows.push({
    kind: 'total',
    cells: ['', '总分', ...numbers(result.maxTotal, result.selfTotal, result.spotTotal, result.total), result.vetoes.length ? '一票否决' : '', result.vetoes.map((v) => v.name).join('、')],
    colors: result.vetoes.length ? [undefined, undefined, undefined, undefined, ...(spot ? [undefined] : []), undefined, COLORS.red, COLORS.red] : undefined,
  });
  drawTable(doc, { columns, rows });
  doc.moveDown(1);
}

// ── Deviations ─────────────────────────────────────────────────────────────

function drawDeviations(doc: Doc, result: StationResult, rubric: LoadedRubric): void {
  const digits = rubric.data.precision;
  ensureSpace(doc, 90);
  heading(doc, '抽查偏差（自评 − 抽查）');
  const items = deviatingItems(result);
  doc.font(FONT_REGULAR).fontSize(9).fillColor(COLORS.text).text(
    `自评总分 ${formatScore(result.selfTotal, digits, '—')}，抽查总分 ${formatScore(result.spotTotal, digits, '—')}，总分偏差 ${formatDeviation(result.deviation, digits, '—')}；${items.length} 个项目自评与抽查不一致，按偏差绝对值从大到小排列。`,
    { width: contentWidth(doc) },
  );
  doc.moveDown(0.4);
  if (items.length === 0) return;
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
  drawTable(doc, { columns, rows });
  doc.moveDown(1);
}

// ── Signatures ─────────────────────────────────────────────────────────────

function drawSignatures(doc: Doc): void {
  const height = 150;
  ensureSpace(doc, height);
  heading(doc, '评估签署');
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const top = doc.y + 10;
  const lineW = (width - 150) / 2 - 20;
  const fields: [string, number, number][] = [
    ['评估人', left, top],
    ['复核人', left + lineW + 40, top],
    ['日期', left, top + 48],
  ];
  doc.font(FONT_REGULAR).fontSize(10.5).fillColor(COLORS.text);
  for (const [label, x, y] of fields) {
    doc.text(`${label}：`, x, y, { lineBreak: false });
    const lx = x + doc.widthOfString(`${label}：`) + 4;
    doc.save().lineWidth(0.6).strokeColor('#444444').moveTo(lx, y + 14).lineTo(x + lineW, y + 14).stroke().restore();
  }
  // Seal box.
  const sealX = left + width - 120;
  doc.save().lineWidth(0.6).dash(3, { space: 3 }).strokeColor('#888888').rect(sealX, top - 6, 120, 96).stroke().undash().restore();
  doc.font(FONT_REGULAR).fontSize(10.5).fillColor(COLORS.muted).text('（盖章）', sealX, top + 34, { width: 120, align: 'center' });
  doc.y = top + 100;
}
