/**
 * The year-over-year sheets: 年度对比 (sortable, rises green and falls red),
 * 证书 (level in force and the rule that decided it), 证书到期 and, when
 * there are any, 匹配问题. Written into 年度对比.xlsx by `compare` and into
 * 汇总.xlsx by `batch --previous`, with the same streaming writer.
 */
import { formatLocation, messageOf } from '../problems/render.js';
import { columnLetters } from '../xlsx/cell-grid.js';
import { addDataRow, addTableSheet, writeStreamingWorkbook, type StreamingWorkbook } from '../xlsx/write-streaming.js';
import { expiryStatus } from '../compare/certification.js';
import { levelNameOf } from '../compare/compare-years.js';
import { RULE_LABELS } from '../compare/rule-labels.js';
import { CHANGE_LABELS, MATCH_LABELS, type StationComparison, type YearComparison } from '../compare/types.js';

export { RULE_LABELS };

export const YEAR_FILE = '年度对比.xlsx';

const EXPIRY_LABELS = { expired: '已到期，未复评', 'this-year': '今年底到期', 'next-year': '明年底到期' } as const;

export interface YearSheetsOptions {
  /** Decimal digits of scores (number format). */
  digits?: number;
}

export function addComparisonSheets(workbook: StreamingWorkbook, cmp: YearComparison, opts: YearSheetsOptions = {}): void {
  const digits = opts.digits ?? 1;
  const numFmt = digits > 0 ? `0.${'0'.repeat(digits)}` : '0';
  const deltaFmt = `+${numFmt};-${numFmt};0`;
  const level = (l: number | null | undefined) => levelNameOf(cmp.levelNames, l ?? 0);
  const modules = moduleColumns(cmp.rows);

  // 年度对比
  {
    const ws = addTableSheet(workbook, '年度对比', [
      { header: '县(市、区)', width: 12 },
      { header: '站点名称', width: 24 },
      { header: '站点编码', width: 12 },
      { header: '变化', width: 8 },
      { header: `上年总分${cmp.previousYear ? `(${cmp.previousYear})` : ''}`, width: 10, numFmt },
      { header: `本年总分(${cmp.year})`, width: 10, numFmt },
      { header: '总分变化', width: 9, numFmt: deltaFmt },
      { header: '上年星级', width: 9 },
      { header: '本年星级', width: 9 },
      { header: '现行证书', width: 9 },
      ...modules.map((m) => ({ header: `${m}变化`, width: 10, numFmt: deltaFmt })),
      { header: '变动最大的指标（上年 → 本年）', width: 60 },
      { header: '比较方式', width: 9 },
      { header: '匹配方式', width: 12 },
      { header: '上年名称', width: 24 },
      { header: '说明', width: 60 },
    ]);
    for (const r of cmp.rows) {
      addDataRow(ws, [
        r.county,
        r.name,
        r.code ?? '',
        CHANGE_LABELS[r.change],
        r.previous?.total ?? null,
        r.current?.total ?? null,
        r.totalDelta,
        r.previous ? level(r.previous.stars) : '',
        r.current ? level(r.current.stars) : '',
        level(r.certificate.level),
        ...modules.map((name) => r.modules.find((m) => m.name === name)?.delta ?? null),
        r.movers.map((m) => `${m.id} ${m.name}：${m.previous} → ${m.current}（${m.delta > 0 ? '+' : ''}${m.delta}）`).join('；'),
        r.depth === 'item' ? '逐项' : r.depth === 'module' ? '仅模块' : '',
        MATCH_LABELS[r.match],
        r.previousNames.join('、'),
        r.notes.join('；'),
      ]);
    }
    const last = Math.max(2, cmp.rows.length + 1);
    const rise = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }, font: { color: { argb: 'FF006100' } } };
    const fall = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } };
    ws.addConditionalFormatting({
      ref: `A2:${columnLetters(10 + modules.length + 5)}${last}`,
      rules: [{ type: 'expression', priority: 1, formulae: ['$D2="升级"'], style: rise } as never, { type: 'expression', priority: 2, formulae: ['$D2="降级"'], style: fall } as never],
    });
    const deltas = `G2:G${last} ${columnLetters(11)}2:${columnLetters(10 + Math.max(1, modules.length))}${last}`;
    ws.addConditionalFormatting({
      ref: deltas,
      rules: [
        { type: 'cellIs', operator: 'greaterThan', priority: 3, formulae: ['0'], style: { font: { color: { argb: 'FF006100' } } } } as never,
        { type: 'cellIs', operator: 'lessThan', priority: 4, formulae: ['0'], style: { font: { color: { argb: 'FFC00000' } } } } as never,
      ],
    });
    ws.commit();
  }

  // 证书
  {
    const ws = addTableSheet(workbook, '证书', [
      { header: '县(市、区)', width: 12 },
      { header: '站点名称', width: 24 },
      { header: '站点编码', width: 12 },
      { header: '本年评定', width: 9 },
      { header: '现行证书', width: 9 },
      { header: '决定规则', width: 16 },
      { header: '颁发年度', width: 9 },
      { header: '有效至', width: 8 },
      { header: '首次认定年度', width: 11 },
      { header: '未获星级年度', width: 11 },
      { header: '理由', width: 80 },
    ]);
    for (const r of cmp.rows) {
      const s = r.certificate.state;
      addDataRow(ws, [
        r.county,
        r.name,
        r.code ?? '',
        r.current ? level(r.current.stars) : '未参评',
        level(r.certificate.level),
        RULE_LABELS[r.certificate.rule],
        s.issuedYear ?? null,
        s.validUntil ?? null,
        s.firstCertifiedYear ?? null,
        s.failedYear ?? null,
        r.certificate.reason,
      ]);
    }
    ws.commit();
  }

  // 证书到期
  {
    const ws = addTableSheet(workbook, '证书到期', [
      { header: '县(市、区)', width: 12 },
      { header: '站点名称', width: 24 },
      { header: '站点编码', width: 12 },
      { header: '证书星级', width: 9 },
      { header: '有效至', width: 8 },
      { header: '状态', width: 14 },
      { header: '说明', width: 80 },
    ]);
    const order = { expired: 0, 'this-year': 1, 'next-year': 2 } as const;
    const expiring = cmp.rows
      .map((r) => ({ r, status: expiryStatus(r.certificate, r.year) }))
      .filter((x): x is { r: StationComparison; status: keyof typeof order } => x.status !== null)
      .sort((a, b) => order[a.status] - order[b.status] || cmpText(a.r.county, b.r.county) || cmpText(a.r.name, b.r.name));
    for (const { r, status } of expiring) {
      const expiredLevel = status === 'expired' ? r.certificate.heldLevel : r.certificate.level;
      addDataRow(ws, [r.county, r.name, r.code ?? '', level(expiredLevel), r.certificate.state.validUntil ?? null, EXPIRY_LABELS[status], r.certificate.reason]);
    }
    ws.commit();
  }

  // 匹配问题
  if (cmp.problems.length > 0) {
    const ws = addTableSheet(workbook, '匹配问题', [
      { header: '问题代码', width: 20 },
      { header: '位置', width: 36 },
      { header: '说明', width: 100 },
    ]);
    for (const p of cmp.problems) addDataRow(ws, [p.code, formatLocation(p.location), messageOf(p, 'zh')]);
    ws.commit();
  }
}

export async function writeYearXlsx(target: string, cmp: YearComparison, opts: YearSheetsOptions & { date?: Date } = {}): Promise<void> {
  await writeStreamingWorkbook(target, (workbook) => addComparisonSheets(workbook, cmp, opts), opts.date ? { date: opts.date } : {});
}

/** Module names in the order of the first station that has this year's modules. */
function moduleColumns(rows: readonly StationComparison[]): string[] {
  const names: string[] = [];
  for (const r of rows) for (const m of r.modules) if (m.current !== null && !names.includes(m.name)) names.push(m.name);
  return names;
}

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
