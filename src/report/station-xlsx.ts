/**
 * The station's Excel report: 汇总 (verdict and module table), 评分明细 (every
 * item, grouped by module with outline levels and live subtotal formulas) and
 * 偏差 (when spot-checked). A function of the engine's result and the rubric:
 * no workbook reading, no scoring. Every subtotal and total is a formula whose
 * cached value is the engine's number (written only when the formula
 * reproduces it exactly), so the file stays live in Excel and reads right in
 * tools that never recalculate.
 */
import Big from 'big.js';
import type { Workbook, Worksheet } from 'exceljs';
import type { LoadedRubric } from '../rubric/model.js';
import type { ItemResult, StationResult } from '../score/types.js';
import { CJK_FONT } from '../xlsx/layout.js';
import { normalizeZipDates } from '../xlsx/normalize-zip.js';
import {
  deviatingItems,
  formatScore,
  isSpotChecked,
  itemPathText,
  itemStatusText,
  moduleMinimumAt,
  nextStarLines,
  partyRows,
  numberFormat,
  shortHash,
  starLevelOf,
  levelHeading,
  prerequisiteLines,
  targetLine,
  starLine,
  stationNotices,
  comparisonRows,
  totalsText,
} from './format.js';
import {
  BORDER,
  TOTAL_FILL,
  SUBTOTAL_FILL,
  applyPrintSetup,
  colLetter,
  rangeRef,
  setNumber,
  setText,
  setVerifiedFormula,
  sheetRef,
  styleBodyRow,
  styleHeaderRow,
  wrappedRowHeight,
  type FormulaCandidate,
} from './xlsx/cells.js';

export interface StationXlsxOptions {
  /** Workbook created/modified date; default the Unix epoch (deterministic). */
  date?: Date;
}

export const SHEET_SUMMARY = '汇总';
export const SHEET_DETAIL = '评分明细';
export const SHEET_DEVIATION = '偏差';

/** Columns of 评分明细, 1-based. */
export const DETAIL = {
  id: 1,
  module: 2,
  indicator: 3,
  name: 4,
  standard: 5,
  max: 6,
  selfInput: 7,
  self: 8,
  spotInput: 9,
  spot: 10,
  final: 11,
  deviation: 12,
  status: 13,
  reason: 14,
  note: 15,
} as const;
const DETAIL_COLUMNS = 15;

/** Where the workbook put the numbers, for tests and for the batch workbook. */
export interface StationXlsxLayout {
  /** Row of each module's subtotal on 评分明细, by module id. */
  subtotalRows: Record<string, number>;
  bonusSubtotalRow: number | null;
  baseRow: number;
  bonusRow: number;
  penaltyRow: number;
  totalRow: number;
  /** Row of each item on 评分明细, by item id. */
  itemRows: Record<string, number>;
}

/**
 * Every written cell names the CJK font (等线, sans fallback), keeping its size, weight and
 * colour: a cell that names no font is drawn by LibreOffice / WPS in a Latin, often serif, face.
 */
function nameCjkFont(wb: Workbook): void {
  const fonts = new Map<string, object>();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- exceljs types a cell's font as always set; a cell with no style has none
        const f = cell.font ?? {};
        const key = JSON.stringify(f);
        let font = fonts.get(key);
        if (!font) fonts.set(key, (font = { ...f, ...CJK_FONT, size: f.size ?? 10 }));
        cell.font = font;
      });
    });
  }
}

export async function renderStationXlsx(result: StationResult, rubric: LoadedRubric, opts: StationXlsxOptions = {}): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'station-eval';
  wb.lastModifiedBy = 'station-eval';
  wb.created = opts.date ?? new Date(0);
  wb.modified = opts.date ?? new Date(0);
  wb.title = `${result.station.name} 评估报告`;

  const summary = wb.addWorksheet(SHEET_SUMMARY, { properties: { tabColor: { argb: 'FF2F5597' } } });
  const detail = wb.addWorksheet(SHEET_DETAIL, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const layout = writeDetail(detail, result, rubric);
  writeSummary(summary, result, rubric, layout);
  if (isSpotChecked(result)) writeDeviation(wb.addWorksheet(SHEET_DEVIATION, { views: [{ state: 'frozen', ySplit: 1 }] }), result, rubric);
  nameCjkFont(wb);

  const buffer = await wb.xlsx.writeBuffer();
  // exceljs stamps zip entries with the current time: fixed dates make identical input give identical bytes.
  return normalizeZipDates(new Uint8Array(buffer));
}

// ── 评分明细 ────────────────────────────────────────────────────────────────

function sumBig(values: (number | null)[]): Big | null {
  if (values.every((v) => v === null)) return null;
  return values.reduce<Big>((a, v) => a.plus(v ?? 0), new Big(0));
}

/**
 * SUM over a column range, and the same rescaled by applicable points (an N/A
 * module). `extra` is the points of N/A items counted as full points whose
 * cell in this column is empty (the party entered 不适用): they count in the
 * module but have no number of their own to sum.
 */
function subtotalCandidates(col: number, r1: number, r2: number, values: (number | null)[], max: number, applicableMax: number, digits: number, extra = 0): FormulaCandidate[] {
  const range = `${colLetter(col)}${r1}:${colLetter(col)}${r2}`;
  const raw = sumBig(values) ?? new Big(0);
  const variants: { sum: string; value: Big }[] = [{ sum: `SUM(${range})`, value: raw }];
  if (extra > 0) variants.unshift({ sum: `(SUM(${range})+${extra})`, value: raw.plus(extra) });
  const out: FormulaCandidate[] = [];
  for (const v of variants) {
    out.push({ formula: v.sum.replace(/^\((.*)\)$/, '$1'), value: v.value });
    if (applicableMax > 0 && applicableMax !== max) {
      out.push({ formula: `ROUND(${v.sum}*${max}/${applicableMax},${digits})`, value: v.value.times(max).div(applicableMax).round(digits, Big.roundHalfUp) });
    }
  }
  return out;
}

/** Points of N/A-full items with no number in a party's column. */
function naFullExtra(items: ItemResult[], party: 'self' | 'spot'): number {
  return sumNumber(items.filter((i) => i.status === 'na-full' && i[party] === null).map((i) => i.max)) ?? 0;
}

function writeDetail(ws: Worksheet, result: StationResult, rubric: LoadedRubric): StationXlsxLayout {
  const digits = rubric.data.precision;
  const fmt = numberFormat(digits);
  const devFmt = `+${fmt};-${fmt};${fmt}`;
  const headers = ['编号', '模块', '指标', '评估项目', '评分标准', '分值', '自评录入', '自评得分', '抽查录入', '抽查得分', '得分', '偏差(自评−抽查)', '状态', '扣分原因', '备注'];
  const widths = [9, 10, 14, 44, 36, 7, 10, 9, 10, 9, 9, 10, 14, 28, 24];
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  styleHeaderRow(ws.getRow(1), DETAIL_COLUMNS);
  ws.getRow(1).height = 30;
  ws.properties.outlineProperties = { summaryBelow: true, summaryRight: false };

  const layout: StationXlsxLayout = { subtotalRows: {}, bonusSubtotalRow: null, baseRow: 0, bonusRow: 0, penaltyRow: 0, totalRow: 0, itemRows: {} };
  let r = 2;
  const itemsByModule = new Map<string, ItemResult[]>();
  for (const item of result.items) {
    const list = itemsByModule.get(item.moduleId) ?? [];
    list.push(item);
    itemsByModule.set(item.moduleId, list);
  }
  const moduleNames = new Map(rubric.data.modules.map((m) => [m.id, m.name]));

  const writeItem = (item: ItemResult) => {
    const row = ws.getRow(r);
    const info = rubric.index.itemsById.get(item.id);
    setText(row.getCell(DETAIL.id), item.id);
    setText(row.getCell(DETAIL.module), item.bonus ? (rubric.data.bonus?.name ?? '加分项') : (moduleNames.get(item.moduleId) ?? item.moduleId));
    setText(row.getCell(DETAIL.indicator), info ? info.pathNames.slice(1, -1).join(' › ') : '');
    setText(row.getCell(DETAIL.name), item.name);
    setText(row.getCell(DETAIL.standard), info?.node.standard ?? '');
    setNumber(row.getCell(DETAIL.max), item.max, fmt);
    setText(row.getCell(DETAIL.selfInput), item.selfInput ?? '');
    setNumber(row.getCell(DETAIL.self), item.self, fmt);
    setText(row.getCell(DETAIL.spotInput), item.spotInput ?? '');
    setNumber(row.getCell(DETAIL.spot), item.spot, fmt);
    setNumber(row.getCell(DETAIL.final), item.final, fmt);
    if (item.self !== null && item.spot !== null) {
      setVerifiedFormula(
        row.getCell(DETAIL.deviation),
        item.deviation,
        [{ formula: `${colLetter(DETAIL.self)}${r}-${colLetter(DETAIL.spot)}${r}`, value: new Big(item.self).minus(item.spot) }],
        devFmt,
      );
    } else setNumber(row.getCell(DETAIL.deviation), item.deviation, devFmt);
    setText(row.getCell(DETAIL.status), itemStatusText(item));
    setText(row.getCell(DETAIL.reason), item.reason ?? '');
    setText(row.getCell(DETAIL.note), item.note ?? '');
    row.outlineLevel = 1;
    row.alignment = { vertical: 'top', wrapText: true };
    row.height = wrappedRowHeight([
      { text: item.name, width: widths[DETAIL.name - 1] },
      { text: info?.node.standard ?? '', width: widths[DETAIL.standard - 1] },
      { text: info ? info.pathNames.slice(1, -1).join(' › ') : '', width: widths[DETAIL.indicator - 1] },
      { text: itemStatusText(item), width: widths[DETAIL.status - 1] },
      { text: item.reason ?? '', width: widths[DETAIL.reason - 1] },
      { text: item.note ?? '', width: widths[DETAIL.note - 1] },
    ]);
    styleBodyRow(row, DETAIL_COLUMNS);
    if (item.inflated) row.getCell(DETAIL.deviation).font = { color: { argb: 'FFC00000' }, bold: true };
    if (item.status === 'blank') row.getCell(DETAIL.status).font = { color: { argb: 'FFC00000' } };
    layout.itemRows[item.id] = r;
    r++;
  };

  // Modules: items, then the subtotal row.
  const moduleFinalCells: string[] = [];
  const moduleSelfCells: string[] = [];
  const moduleSpotCells: string[] = [];
  for (const mod of result.modules) {
    const items = itemsByModule.get(mod.id) ?? [];
    const first = r;
    for (const item of items) writeItem(item);
    const last = r - 1;
    const row = ws.getRow(r);
    setText(row.getCell(DETAIL.id), mod.id);
    setText(row.getCell(DETAIL.module), mod.name);
    setText(row.getCell(DETAIL.name), `小计：${mod.name}${mod.rescaled ? `（含不适用项，按适用分值 ${formatScore(mod.applicableMax, digits)} 折算）` : ''}`);
    if (items.length > 0) {
      setVerifiedFormula(row.getCell(DETAIL.max), mod.max, [{ formula: `SUM(${colLetter(DETAIL.max)}${first}:${colLetter(DETAIL.max)}${last})`, value: sumBig(items.map((i) => i.max)) }], fmt);
      setVerifiedFormula(
        row.getCell(DETAIL.self),
        mod.self,
        subtotalCandidates(
          DETAIL.self,
          first,
          last,
          items.map((i) => i.self),
          mod.max,
          mod.applicableMax,
          digits,
          naFullExtra(items, 'self'),
        ),
        fmt,
      );
      setVerifiedFormula(
        row.getCell(DETAIL.spot),
        mod.spot,
        subtotalCandidates(
          DETAIL.spot,
          first,
          last,
          items.map((i) => i.spot),
          mod.max,
          mod.applicableMax,
          digits,
          naFullExtra(items, 'spot'),
        ),
        fmt,
      );
      setVerifiedFormula(
        row.getCell(DETAIL.final),
        mod.final,
        subtotalCandidates(
          DETAIL.final,
          first,
          last,
          items.map((i) => i.final),
          mod.max,
          mod.applicableMax,
          digits,
        ),
        fmt,
      );
      const devCands: FormulaCandidate[] = [{ formula: `SUM(${colLetter(DETAIL.deviation)}${first}:${colLetter(DETAIL.deviation)}${last})`, value: sumBig(items.map((i) => i.deviation)) }];
      if (mod.self !== null && mod.spot !== null) devCands.push({ formula: `${colLetter(DETAIL.self)}${r}-${colLetter(DETAIL.spot)}${r}`, value: new Big(mod.self).minus(mod.spot) });
      setVerifiedFormula(row.getCell(DETAIL.deviation), mod.deviation, devCands, devFmt);
    } else {
      setNumber(row.getCell(DETAIL.max), mod.max, fmt);
      setNumber(row.getCell(DETAIL.final), mod.final, fmt);
    }
    styleBodyRow(row, DETAIL_COLUMNS, { fill: SUBTOTAL_FILL, bold: true });
    row.outlineLevel = 0;
    layout.subtotalRows[mod.id] = r;
    moduleFinalCells.push(`${colLetter(DETAIL.final)}${r}`);
    moduleSelfCells.push(`${colLetter(DETAIL.self)}${r}`);
    moduleSpotCells.push(`${colLetter(DETAIL.spot)}${r}`);
    r++;
  }

  // Bonus pool.
  const bonusItems = itemsByModule.get('bonus') ?? result.items.filter((i) => i.bonus);
  const cap = rubric.data.bonus?.cap;
  if (bonusItems.length > 0) {
    const first = r;
    for (const item of bonusItems) writeItem(item);
    const last = r - 1;
    const row = ws.getRow(r);
    const name = rubric.data.bonus?.name ?? '加分项';
    setText(row.getCell(DETAIL.module), name);
    setText(row.getCell(DETAIL.name), `小计：${name}${cap !== undefined ? `（上限 ${formatScore(cap, digits)} 分）` : ''}`);
    const finRange = `${colLetter(DETAIL.final)}${first}:${colLetter(DETAIL.final)}${last}`;
    const raw = sumBig(bonusItems.map((i) => i.final)) ?? new Big(0);
    const cands: FormulaCandidate[] = [];
    if (cap !== undefined) cands.push({ formula: `MIN(${cap},SUM(${finRange}))`, value: raw.gt(cap) ? new Big(cap) : raw });
    cands.push({ formula: `SUM(${finRange})`, value: raw });
    setNumber(row.getCell(DETAIL.max), cap ?? null, fmt);
    setVerifiedFormula(
      row.getCell(DETAIL.self),
      sumNumber(bonusItems.map((i) => i.self)),
      [{ formula: `SUM(${colLetter(DETAIL.self)}${first}:${colLetter(DETAIL.self)}${last})`, value: sumBig(bonusItems.map((i) => i.self)) }],
      fmt,
    );
    // The spot column on the same basis as the totals: bonus items the spot check left blank count at the self score.
    const bonusSpot = comparisonRows(result, rubric).find((c) => c.kind === 'bonus')?.spot ?? null;
    const spotRange = `${colLetter(DETAIL.spot)}${first}:${colLetter(DETAIL.spot)}${last}`;
    const selfRange = `${colLetter(DETAIL.self)}${first}:${colLetter(DETAIL.self)}${last}`;
    const uncheckedSelf = sumBig(bonusItems.map((i) => (i.spot === null && i.spotInput === undefined ? i.self : null)));
    setVerifiedFormula(
      row.getCell(DETAIL.spot),
      bonusSpot,
      [
        { formula: `SUM(${spotRange})`, value: sumBig(bonusItems.map((i) => i.spot)) },
        { formula: `SUM(${spotRange})+SUMIF(${spotRange},"",${selfRange})`, value: (sumBig(bonusItems.map((i) => i.spot)) ?? new Big(0)).plus(uncheckedSelf ?? 0) },
      ],
      fmt,
    );
    setVerifiedFormula(row.getCell(DETAIL.final), result.bonus, cands, fmt);
    styleBodyRow(row, DETAIL_COLUMNS, { fill: SUBTOTAL_FILL, bold: true });
    layout.bonusSubtotalRow = r;
    r++;
  }

  // Totals.
  r++;
  const label = (row: number, text: string) => {
    const cell = ws.getCell(row, DETAIL.name);
    setText(cell, text);
    cell.alignment = { horizontal: 'right' };
  };
  const K = (row: number) => `${colLetter(DETAIL.final)}${row}`;
  layout.baseRow = r;
  label(r, '基础分（各模块小计之和）');
  setNumber(ws.getCell(r, DETAIL.max), result.maxTotal, fmt);
  setVerifiedFormula(
    ws.getCell(r, DETAIL.final),
    result.baseTotal,
    [{ formula: moduleFinalCells.length ? `SUM(${moduleFinalCells.join(',')})` : '0', value: sumBig(result.modules.map((m) => m.final)) ?? new Big(0) }],
    fmt,
  );
  if (result.selfTotal !== null)
    setVerifiedFormula(
      ws.getCell(r, DETAIL.self),
      sumNumber(result.modules.map((m) => m.self)),
      [{ formula: `SUM(${moduleSelfCells.join(',')})`, value: sumBig(result.modules.map((m) => m.self)) }],
      fmt,
    );
  if (result.spotTotal !== null)
    setVerifiedFormula(
      ws.getCell(r, DETAIL.spot),
      sumNumber(result.modules.map((m) => m.spot)),
      [{ formula: `SUM(${moduleSpotCells.join(',')})`, value: sumBig(result.modules.map((m) => m.spot)) }],
      fmt,
    );
  styleBodyRow(ws.getRow(r), DETAIL_COLUMNS);
  r++;
  layout.bonusRow = r;
  label(r, rubric.data.bonus?.name ?? '加分项');
  if (layout.bonusSubtotalRow !== null) setVerifiedFormula(ws.getCell(r, DETAIL.final), result.bonus, [{ formula: K(layout.bonusSubtotalRow), value: new Big(result.bonus) }], fmt);
  else setNumber(ws.getCell(r, DETAIL.final), result.bonus, fmt);
  styleBodyRow(ws.getRow(r), DETAIL_COLUMNS);
  r++;
  layout.penaltyRow = r;
  label(r, '自评虚高扣减');
  setNumber(ws.getCell(r, DETAIL.final), result.penalty, fmt);
  styleBodyRow(ws.getRow(r), DETAIL_COLUMNS);
  r++;
  layout.totalRow = r;
  label(r, '总分');
  const base = new Big(result.baseTotal);
  const bonus = new Big(result.bonus);
  const penalty = new Big(result.penalty);
  const max = result.maxTotal;
  const min = (a: Big) => (a.gt(max) ? new Big(max) : a);
  const B = K(layout.baseRow),
    Bo = K(layout.bonusRow),
    P = K(layout.penaltyRow);
  const totalCands: FormulaCandidate[] = result.vetoes.some((v) => v.effect === 'zero-total')
    ? []
    : rubric.data.clampTotal
      ? [
          { formula: `MIN(${max},${B}+${Bo})-${P}`, value: min(base.plus(bonus)).minus(penalty) },
          { formula: `MIN(${max},${B}+${Bo}-${P})`, value: min(base.plus(bonus).minus(penalty)) },
          { formula: `MAX(0,MIN(${max},${B}+${Bo})-${P})`, value: ((v: Big) => (v.lt(0) ? new Big(0) : v))(min(base.plus(bonus)).minus(penalty)) },
        ]
      : [
          { formula: `${B}+${Bo}-${P}`, value: base.plus(bonus).minus(penalty) },
          { formula: `MAX(0,${B}+${Bo}-${P})`, value: ((v: Big) => (v.lt(0) ? new Big(0) : v))(base.plus(bonus).minus(penalty)) },
        ];
  setNumber(ws.getCell(r, DETAIL.max), result.maxTotal, fmt);
  setNumber(ws.getCell(r, DETAIL.self), result.selfTotal, fmt);
  setNumber(ws.getCell(r, DETAIL.spot), result.spotTotal, fmt);
  setVerifiedFormula(ws.getCell(r, DETAIL.final), result.total, totalCands, fmt);
  if (result.deviation !== null) {
    const L = colLetter(DETAIL.deviation);
    const devCands: FormulaCandidate[] = [];
    if (result.selfTotal !== null && result.spotTotal !== null)
      devCands.push({ formula: `${colLetter(DETAIL.self)}${r}-${colLetter(DETAIL.spot)}${r}`, value: new Big(result.selfTotal).minus(result.spotTotal) });
    // Σ of the module deviations and the bonus items' deviations (totals clamped at the maximum can hide them).
    const refs = Object.values(layout.subtotalRows).map((row) => `${L}${row}`);
    if (layout.bonusSubtotalRow !== null && bonusItems.length > 0) refs.push(`${L}${layout.bonusSubtotalRow - bonusItems.length}:${L}${layout.bonusSubtotalRow - 1}`);
    const devSum = [...result.modules.map((m) => m.deviation), ...bonusItems.map((i) => i.deviation)];
    if (refs.length > 0) devCands.push({ formula: `SUM(${refs.join(',')})`, value: sumBig(devSum) });
    setVerifiedFormula(ws.getCell(r, DETAIL.deviation), result.deviation, devCands, devFmt);
  }
  if (result.vetoes.length > 0) setText(ws.getCell(r, DETAIL.status), `一票否决：${result.vetoes.map((v) => v.name).join('、')}`);
  else if (result.selfTotal !== null) setText(ws.getCell(r, DETAIL.status), '自评、抽查为封顶前合计');
  styleBodyRow(ws.getRow(r), DETAIL_COLUMNS, { fill: TOTAL_FILL, bold: true });

  ws.autoFilter = rangeRef(1, 1, layout.baseRow - 2, DETAIL_COLUMNS);
  applyPrintSetup(ws, { landscape: true, titleRows: '1:1' });
  return layout;
}

function sumNumber(values: (number | null)[]): number | null {
  const b = sumBig(values);
  return b === null ? null : Number(b.toString());
}

// ── 汇总 ───────────────────────────────────────────────────────────────────

function writeSummary(ws: Worksheet, result: StationResult, rubric: LoadedRubric, layout: StationXlsxLayout): void {
  const digits = rubric.data.precision;
  const fmt = numberFormat(digits);
  const widths = [16, 18, 10, 10, 10, 10, 11, 13, 13];
  ws.columns = widths.map((width) => ({ width }));
  const lastCol = widths.length;

  ws.mergeCells(1, 1, 1, lastCol);
  setText(ws.getCell(1, 1), `${result.station.name} 评估报告`);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  setText(ws.getCell(2, 1), result.rubric.title);
  ws.getCell(2, 1).alignment = { horizontal: 'center' };

  let r = 4;
  const kv = (label: string, value: string | number | null, opts: { numFmt?: string; bold?: boolean; formula?: FormulaCandidate[]; color?: string } = {}) => {
    const lc = ws.getCell(r, 1);
    setText(lc, label);
    lc.font = { bold: true };
    lc.fill = SUBTOTAL_FILL;
    lc.border = BORDER;
    ws.mergeCells(r, 2, r, lastCol);
    const vc = ws.getCell(r, 2);
    if (typeof value === 'number' || value === null) {
      if (opts.formula) setVerifiedFormula(vc, value, opts.formula, opts.numFmt);
      else setNumber(vc, value, opts.numFmt);
      vc.alignment = { horizontal: 'left' };
    } else {
      setText(vc, value);
      vc.alignment = { wrapText: true, vertical: 'top' };
      const height = wrappedRowHeight([{ text: value, width: widths.slice(1).reduce((a, w) => a + w, 0) }]);
      if (height > 15) ws.getRow(r).height = height;
    }
    vc.border = BORDER;
    if (opts.bold || opts.color) vc.font = { bold: opts.bold, color: opts.color ? { argb: opts.color } : undefined };
    r++;
  };
  const s = result.station;
  kv('站点名称', s.name, { bold: true });
  if (s.code) kv('站点编码', s.code);
  if (s.county) kv('县(市、区)', s.county);
  if (s.township) kv('乡镇(街道)', s.township);
  if (s.operator) kv('运营机构', s.operator);
  if (s.year !== undefined) kv('评估年度', String(s.year));
  if (s.filledBy) kv('填报人', s.filledBy);
  if (s.date) kv('填报日期', s.date);
  if (s.evaluator) kv('评估机构', s.evaluator);
  if (s.evaluationDate) kv('评估日期', s.evaluationDate);
  kv('评估细则', `${result.rubric.title}（${result.rubric.id} ${result.rubric.version}，sha256 ${shortHash(result.rubric.sha256)}）`);
  const detailTotal = sheetRef(SHEET_DETAIL, `${colLetter(DETAIL.final)}${layout.totalRow}`);
  kv('总分', result.total, { numFmt: fmt, bold: true, formula: [{ formula: detailTotal, value: new Big(result.total) }] });
  kv('满分', result.maxTotal, { numFmt: fmt });
  kv('基础分', result.baseTotal, { numFmt: fmt, formula: [{ formula: sheetRef(SHEET_DETAIL, `${colLetter(DETAIL.final)}${layout.baseRow}`), value: new Big(result.baseTotal) }] });
  kv(rubric.data.bonus?.name ?? '加分项', result.bonus, { numFmt: fmt, formula: [{ formula: sheetRef(SHEET_DETAIL, `${colLetter(DETAIL.final)}${layout.bonusRow}`), value: new Big(result.bonus) }] });
  if (result.penalty > 0) kv('自评虚高扣减', result.penalty, { numFmt: fmt });
  if (result.selfTotal !== null) kv('自评总分（封顶前）', result.selfTotal, { numFmt: fmt });
  if (result.spotTotal !== null) kv('抽查总分（封顶前）', result.spotTotal, { numFmt: fmt });
  if (result.deviation !== null) kv('偏差(自评−抽查)', result.deviation, { numFmt: `+${fmt};-${fmt};${fmt}` });
  {
    // The totals in the same words as every other report (docs/result-format.md § Totals).
    const t = totalsText(result, digits);
    kv('总分构成', t.steps.length > 0 ? `${t.parties}；${t.chain}` : t.parties);
  }
  if (result.scaled) kv(`${result.scaled.name}（总分 ÷ ${result.scaled.divideBy}）`, result.scaled.total, { bold: true });
  const target = targetLine(result, rubric);
  if (target) kv('申报等级', target.replace(/^申报等级：/, ''));
  kv(levelHeading(rubric), starLine(result, rubric), { bold: true, color: result.stars ? 'FFBF8F00' : undefined });
  const prereqs = prerequisiteLines(result, rubric);
  if (prereqs.length > 0) kv('必备项', prereqs.join('\n'));
  kv('认定理由', result.starReason);
  const needs = nextStarLines(result);
  if (result.nextStar) kv(`升至${result.nextStar.name}还需`, needs.length ? needs.map((n, i) => `${i + 1}. ${n}`).join('\n') : '—');
  kv('核实状态', result.verified ? '已经第三方抽查核实' : '未经抽查核实', { color: result.verified ? undefined : 'FFC00000' });
  kv('完整性', result.complete ? '完整' : `评分不完整（${result.blankItems.length} 个项目未评分：${result.blankItems.join('、')}）`, { color: result.complete ? undefined : 'FFC00000' });
  const notices = stationNotices(result, rubric).filter((n) => n.kind === 'veto' || n.kind === 'inflated' || n.kind === 'illustrative');
  for (const n of notices)
    kv(n.kind === 'veto' ? '一票否决' : n.kind === 'inflated' ? '自评虚高' : '说明', n.text.replace(/^[^：]+：/, ''), { color: n.kind === 'illustrative' ? undefined : 'FFC00000' });

  // Module table.
  r++;
  const header = r;
  const achieved = starLevelOf(rubric, result.stars);
  const next = starLevelOf(rubric, result.nextStar?.level);
  const heads = [
    '编号',
    '模块',
    '满分',
    result.parties ? '评分方' : '自评',
    '抽查',
    '得分',
    '得分率(%)',
    `本级最低分${achieved ? `(${achieved.name})` : ''}`,
    `上级最低分${next ? `(${next.name})` : ''}`,
  ];
  heads.forEach((h, i) => setText(ws.getCell(r, i + 1), h));
  styleHeaderRow(ws.getRow(r), lastCol);
  ws.getRow(r).height = 30;
  r++;
  const firstModuleRow = r;
  for (const mod of result.modules) {
    const row = ws.getRow(r);
    setText(row.getCell(1), mod.id);
    setText(row.getCell(2), mod.name);
    setNumber(row.getCell(3), mod.max, fmt);
    const sub = layout.subtotalRows[mod.id];
    const ref = (col: number) => sheetRef(SHEET_DETAIL, `${colLetter(col)}${sub}`);
    setVerifiedFormula(row.getCell(4), mod.self, sub ? [{ formula: ref(DETAIL.self), value: mod.self === null ? null : new Big(mod.self) }] : [], fmt);
    setVerifiedFormula(row.getCell(5), mod.spot, sub ? [{ formula: ref(DETAIL.spot), value: mod.spot === null ? null : new Big(mod.spot) }] : [], fmt);
    setVerifiedFormula(row.getCell(6), mod.final, sub ? [{ formula: ref(DETAIL.final), value: new Big(mod.final) }] : [], fmt);
    setVerifiedFormula(
      row.getCell(7),
      mod.percent,
      mod.max > 0 ? [{ formula: `ROUND(F${r}/C${r}*100,${digits})`, value: new Big(mod.final).div(mod.max).times(100).round(digits, Big.roundHalfUp) }] : [],
      fmt,
    );
    setNumber(row.getCell(8), moduleMinimumAt(achieved, mod.id, mod.max), fmt);
    setNumber(row.getCell(9), moduleMinimumAt(next, mod.id, mod.max), fmt);
    styleBodyRow(row, lastCol);
    r++;
  }
  const lastModuleRow = r - 1;
  const totalRow = ws.getRow(r);
  setText(totalRow.getCell(2), '合计');
  setVerifiedFormula(
    totalRow.getCell(3),
    sumNumber(result.modules.map((m) => m.max)),
    [{ formula: `SUM(C${firstModuleRow}:C${lastModuleRow})`, value: sumBig(result.modules.map((m) => m.max)) }],
    fmt,
  );
  setVerifiedFormula(totalRow.getCell(6), result.baseTotal, [{ formula: `SUM(F${firstModuleRow}:F${lastModuleRow})`, value: sumBig(result.modules.map((m) => m.final)) }], fmt);
  styleBodyRow(totalRow, lastCol, { fill: SUBTOTAL_FILL, bold: true });
  writePartyTable(ws, result, fmt, r + 2);

  // Conditional formatting: below the achieved level's minimum (red), below the next level's (amber); a colour scale on the percent.
  const scoreRange = rangeRef(firstModuleRow, 6, lastModuleRow, 6);
  ws.addConditionalFormatting({
    ref: scoreRange,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`AND(ISNUMBER($H${firstModuleRow}),$F${firstModuleRow}<$H${firstModuleRow})`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } },
      },
      {
        type: 'expression',
        priority: 2,
        formulae: [`AND(ISNUMBER($I${firstModuleRow}),$F${firstModuleRow}<$I${firstModuleRow})`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } }, font: { color: { argb: 'FF9C5700' } } },
      },
    ],
  });
  ws.addConditionalFormatting({
    ref: rangeRef(firstModuleRow, 7, lastModuleRow, 7),
    rules: [
      {
        type: 'colorScale',
        priority: 3,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 60 },
          { type: 'num', value: 100 },
        ],
        color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
      },
    ],
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  applyPrintSetup(ws, { fitToHeight: 1, titleRows: `${header}:${header}` });
}

/**
 * 各评分方计分 (a rubric with `parties`), below the module table: each party's
 * items, the items and points that counted from it, its maximum and share; a
 * 合计 row summing the counted points.
 */
function writePartyTable(ws: Worksheet, result: StationResult, fmt: string, start: number): void {
  const rows = partyRows(result);
  if (rows.length === 0) return;
  const heads = ['', '评分方', '评分项目数', '计分项目数', '计分合计', '满分', '得分率(%)'];
  const width = heads.length;
  let r = start;
  heads.forEach((h, i) => setText(ws.getCell(r, i + 1), h));
  setText(ws.getCell(r, 1), '各评分方计分');
  styleHeaderRow(ws.getRow(r), width);
  ws.getRow(r).height = 30;
  const first = ++r;
  for (const p of rows) {
    const row = ws.getRow(r);
    setText(row.getCell(2), p.name);
    setNumber(row.getCell(3), p.items, '0');
    setNumber(row.getCell(4), p.counted, '0');
    setNumber(row.getCell(5), p.total, fmt);
    setNumber(row.getCell(6), p.max, fmt);
    setVerifiedFormula(
      row.getCell(7),
      p.percent,
      p.max !== null && p.max > 0 ? [{ formula: `ROUND(E${r}/F${r}*100,1)`, value: new Big(p.total).div(p.max).times(100).round(1, Big.roundHalfUp) }] : [],
      '0.0',
    );
    styleBodyRow(row, width);
    r++;
  }
  const total = ws.getRow(r);
  setText(total.getCell(2), '合计');
  setVerifiedFormula(total.getCell(4), sumNumber(rows.map((p) => p.counted)), [{ formula: `SUM(D${first}:D${r - 1})`, value: sumBig(rows.map((p) => p.counted)) }], '0');
  setVerifiedFormula(total.getCell(5), sumNumber(rows.map((p) => p.total)), [{ formula: `SUM(E${first}:E${r - 1})`, value: sumBig(rows.map((p) => p.total)) }], fmt);
  styleBodyRow(total, width, { fill: SUBTOTAL_FILL, bold: true });
}

// ── 偏差 ───────────────────────────────────────────────────────────────────

function writeDeviation(ws: Worksheet, result: StationResult, rubric: LoadedRubric): void {
  const digits = rubric.data.precision;
  const fmt = numberFormat(digits);
  const devFmt = `+${fmt};-${fmt};${fmt}`;
  const headers = ['编号', '模块/指标', '评估项目', '分值', '自评得分', '抽查得分', '偏差(自评−抽查)', '自评虚高', '扣分原因'];
  const widths = [9, 22, 44, 7, 9, 9, 12, 9, 34];
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  styleHeaderRow(ws.getRow(1), headers.length);
  ws.getRow(1).height = 30;
  let r = 2;
  for (const item of deviatingItems(result)) {
    const row = ws.getRow(r);
    setText(row.getCell(1), item.id);
    setText(row.getCell(2), itemPathText(rubric, item.id));
    setText(row.getCell(3), item.name);
    setNumber(row.getCell(4), item.max, fmt);
    setNumber(row.getCell(5), item.self, fmt);
    setNumber(row.getCell(6), item.spot, fmt);
    setVerifiedFormula(row.getCell(7), item.deviation, item.self !== null && item.spot !== null ? [{ formula: `E${r}-F${r}`, value: new Big(item.self).minus(item.spot) }] : [], devFmt);
    setText(row.getCell(8), item.inflated ? '是' : '');
    setText(row.getCell(9), item.reason ?? '');
    row.alignment = { vertical: 'top', wrapText: true };
    row.height = wrappedRowHeight([
      { text: item.name, width: widths[2] },
      { text: itemPathText(rubric, item.id), width: widths[1] },
      { text: item.reason ?? '', width: widths[8] },
    ]);
    styleBodyRow(row, headers.length);
    if (item.inflated) row.getCell(7).font = { color: { argb: 'FFC00000' }, bold: true };
    r++;
  }
  if (r > 2) ws.autoFilter = rangeRef(1, 1, r - 1, headers.length);
  const total = ws.getRow(r);
  setText(total.getCell(3), `总分偏差（自评总分 ${formatScore(result.selfTotal, digits)} − 抽查总分 ${formatScore(result.spotTotal, digits)}）`);
  setNumber(total.getCell(7), result.deviation, devFmt);
  styleBodyRow(total, headers.length, { fill: TOTAL_FILL, bold: true });
  applyPrintSetup(ws, { landscape: true, titleRows: '1:1' });
}
