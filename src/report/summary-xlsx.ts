/**
 * 汇总.xlsx, the bureau's summary workbook: 站点总表, 星级分布, 县区统计,
 * 偏差核查, 未提交, 问题清单. Written with exceljs' streaming writer (a
 * 38,000-row 站点总表 in ~2 s and ~100 MB, where the in-memory workbook needs
 * ~800 MB) to a temporary file that is renamed into place when complete.
 *
 * Every text from inputs is written as a string value; exceljs only writes a
 * formula for `{ formula }` values, so nothing from a station can become one.
 */
import { addComparisonSheets } from './year-xlsx.js';
import type { YearComparison } from '../compare/types.js';
import type { LoadedRubric } from '../rubric/model.js';
import { columnLetters } from '../xlsx/cell-grid.js';
import { cjkFont } from '../xlsx/layout.js';
import { addDataRow, addTableSheet, writeStreamingWorkbook, type TableColumn } from '../xlsx/write-streaming.js';
import { cmp, countyStats, moduleMeans, rankRows, starCounts, type CountyStats } from './statistics.js';
import type { Problem } from '../problems/problem.js';
import { messageOf, placeInFile } from '../problems/render.js';
import type { RosterStation, StationRow } from './station-row.js';

export interface SummaryInput {
  rubric: LoadedRubric;
  rows: readonly StationRow[];
  problems: readonly Problem[];
  /** Roster stations without a workbook. */
  missing: readonly RosterStation[];
  roster?: readonly RosterStation[];
  /** Shown in the title rows, e.g. "2024 年度". */
  title?: string;
  /** Comparison with last year (batch --previous): adds 年度对比, 证书, 证书到期 (and 匹配问题). */
  comparison?: YearComparison;
  /** Document date (the run context's clock); default the Unix epoch. */
  date?: Date;
}

const HEADER_FONT = { bold: true } as const;

/** A level's name; for no level '无星级', or the rubric's stars.noLevelName (不合格) given as `none`. */
export function starLabel(level: number | null, names: Map<number, string>, none = '无星级'): string {
  if (level === null || level === 0) return none;
  return names.get(level) ?? `${level}星`;
}

export async function writeSummaryXlsx(target: string, input: SummaryInput): Promise<void> {
  await writeStreamingWorkbook(target, (workbook) => {
    if (input.date) {
      workbook.created = input.date;
      workbook.modified = input.date;
    }
    const data = input.rubric.data;
    const digits = data.precision;
    const numFmt = digits > 0 ? `0.${'0'.repeat(digits)}` : '0';
    const modules = data.modules;
    const parties = data.parties ?? [];
    const levels = [...data.stars.levels].sort((a, b) => b.level - a.level);
    const maxLevel = Math.max(...levels.map((l) => l.level));
    const starNames = new Map(levels.map((l) => [l.level, l.name]));
    const ranked = rankRows(input.rows);
    const stats = countyStats(input.rows, input.roster, input.missing, maxLevel, digits);

    const addSheet = (name: string, columns: TableColumn[], freezeColumns = 0) => addTableSheet(workbook, name, columns, { freezeColumns });
    const COUNT = '0'; // counts are integers: never "4.0" stations

    // 站点总表: what prints on A4 landscape at a readable size (≈ 150 character widths);
    // the long texts (标记, 认定理由, the totals in words, the file) are on 认定理由与标记.
    {
      const cols: TableColumn[] = [
        { header: '排名', width: 5, numFmt: COUNT },
        { header: '县(市、区)', width: 9, wrap: true },
        { header: '站点名称', width: 18, wrap: true },
        { header: '运营机构', width: 14, wrap: true },
        ...modules.map((m) => ({ header: `${m.name}(${m.points})`, width: 7.5, numFmt })),
        // A rubric with `parties`: each party's counted total (计分), in authority order.
        ...parties.map((p) => ({ header: `${p.name}计分${p.max !== undefined ? `(${p.max})` : ''}`, width: 7.5, numFmt })),
        { header: '加分', width: 6, numFmt },
        { header: '扣减', width: 6, numFmt },
        { header: '总分', width: 8, numFmt },
        { header: '星级', width: 8 },
        { header: '抽查核实', width: 7 },
        { header: '自评总分（封顶前）', width: 8, numFmt },
        { header: '抽查总分（封顶前）', width: 8, numFmt },
        { header: '偏差', width: 7, numFmt },
        { header: '标记数', width: 6, numFmt: COUNT },
      ];
      const ws = addSheet('站点总表', cols, 3);
      for (const r of ranked) {
        addDataRow(ws, [
          r.rank,
          r.county,
          r.name,
          r.operator ?? '',
          ...r.modules,
          ...parties.map((_p, k) => r.parties?.[k] ?? null),
          r.bonus,
          r.penalty,
          r.total,
          starLabel(r.stars, starNames, data.stars.noLevelName),
          r.verified ? '已核实' : '未经抽查',
          r.selfTotal,
          r.spotTotal,
          r.deviation,
          r.flags.length,
        ]);
      }
      const totalCol = 4 + modules.length + parties.length + 3;
      const last = Math.max(2, ranked.length + 1);
      const col = columnLetters;
      ws.addConditionalFormatting({
        ref: `${col(totalCol)}2:${col(totalCol)}${last}`,
        rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as never],
      });
      ws.addConditionalFormatting({
        ref: `${col(totalCol + 5)}2:${col(totalCol + 5)}${last}`,
        rules: [{ type: 'cellIs', operator: 'greaterThan', priority: 2, formulae: ['0'], style: { font: { color: { argb: 'FFC00000' } } } }],
      });
      ws.commit();
    }

    // 认定理由与标记: the long texts of 站点总表, wrapped, in the same order; one flag a row.
    {
      const ws = addSheet(
        '认定理由与标记',
        [
          { header: '排名', width: 5, numFmt: COUNT },
          { header: '县(市、区)', width: 9, wrap: true },
          { header: '站点名称', width: 16, wrap: true },
          { header: '乡镇(街道)', width: 9, wrap: true },
          { header: '总分与偏差', width: 30, wrap: true },
          { header: '认定理由', width: 40, wrap: true },
          { header: '标记', width: 36, wrap: true },
          { header: '文件', width: 18, wrap: true },
        ],
        3,
      );
      // One flag a row: a station with many flags gets rows under its first (rank, county and name repeated, so a
      // filter keeps them together) instead of one row taller than a printed page.
      for (const r of ranked) {
        addDataRow(ws, [r.rank, r.county, r.name, r.township ?? '', r.totalNote, r.starReason, r.flags[0] ?? '', r.file]);
        for (const flag of r.flags.slice(1)) addDataRow(ws, [r.rank, r.county, r.name, '', '', '', flag, '']);
      }
      ws.commit();
    }

    // 星级分布
    {
      const ws = addSheet('星级分布', [
        { header: '星级', width: 12 },
        { header: '站点数', width: 10, numFmt: COUNT },
        { header: '占比(%)', width: 10, numFmt: '0.0' },
      ]);
      // Rows added with ws.addRow, styled cell by cell: the county table below reuses
      // these columns, and a count under 占比's column must not show as "4.0".
      const countRow = (values: (string | number | null)[], bold = false) => {
        const row = ws.addRow(values);
        row.eachCell((cell, c) => {
          cell.font = cjkFont(10, bold ? { bold: true } : {});
          if (typeof cell.value === 'number') cell.numFmt = c === 3 && !bold && values.length === 3 ? '0.0' : COUNT;
        });
        row.commit();
      };
      const counts = starCounts(input.rows, maxLevel);
      const total = input.rows.length;
      for (const level of [...levels.map((l) => l.level), 0]) {
        countRow([starLabel(level, starNames, data.stars.noLevelName), counts[level], total ? Math.round((counts[level] * 1000) / total) / 10 : 0]);
      }
      countRow(['合计', total, total ? 100 : 0]);
      ws.addRow([]).commit();
      countRow(['县(市、区)', ...levels.map((l) => l.name), '无星级', '合计'], true);
      for (const s of stats) countRow([s.county, ...levels.map((l) => s.stars[l.level]), s.stars[0], s.submitted]);
      ws.commit();
    }

    // 县区统计
    {
      const ws = addSheet('县区统计', [
        { header: '县(市、区)', width: 14 },
        { header: '名册站点', width: 9, numFmt: COUNT },
        { header: '已提交', width: 8, numFmt: COUNT },
        { header: '未提交', width: 8, numFmt: COUNT },
        { header: '抽查核实', width: 9, numFmt: COUNT },
        { header: '平均分', width: 9, numFmt },
        { header: '中位数', width: 9, numFmt },
        { header: '最低分', width: 9, numFmt },
        { header: '最高分', width: 9, numFmt },
        ...levels.map((l) => ({ header: l.name, width: 8, numFmt: COUNT })),
        { header: '无星级', width: 8, numFmt: COUNT },
      ]);
      const row = (s: CountyStats) => [
        s.county,
        s.rostered,
        s.submitted,
        s.missing,
        s.spotChecked,
        s.totals.mean,
        s.totals.median,
        s.totals.min,
        s.totals.max,
        ...levels.map((l) => s.stars[l.level]),
        s.stars[0],
      ];
      for (const s of stats) ws.addRow(row(s)).commit();
      const all = countyStats(
        input.rows.map((r) => ({ ...r, county: '全部' })),
        input.roster?.map((r) => ({ ...r, county: '全部' })),
        input.missing.map((m) => ({ ...m, county: '全部' })),
        maxLevel,
        digits,
      );
      for (const s of all) {
        const total = ws.addRow(row({ ...s, county: '合计' }));
        total.font = HEADER_FONT;
        total.commit();
      }
      ws.addRow([]).commit();
      const means = moduleMeans(input.rows, modules.length, digits);
      const mh = ws.addRow(['模块', '分值', '平均分', '平均得分率(%)']);
      mh.font = HEADER_FONT;
      mh.commit();
      modules.forEach((m, i) => {
        const mean = means[i];
        ws.addRow([m.name, m.points, mean, mean === null || m.points === 0 ? null : Math.round((mean / m.points) * 1000) / 10]).commit();
      });
      ws.commit();
    }

    // 偏差核查
    {
      const ws = addSheet(
        '偏差核查',
        [
          { header: '县(市、区)', width: 10, wrap: true },
          { header: '站点名称', width: 18, wrap: true },
          { header: '自评总分（封顶前）', width: 9, numFmt },
          { header: '抽查总分（封顶前）', width: 9, numFmt },
          { header: '偏差', width: 8, numFmt },
          { header: '偏差率(%)', width: 9, numFmt: '0.0' },
          { header: '虚高', width: 6 },
          { header: '星级', width: 9 },
          { header: '主要偏差项（自评 → 抽查）', width: 70, wrap: true },
        ],
        2,
      );
      const checked = input.rows.filter((r) => r.verified).sort((a, b) => (b.deviation ?? 0) - (a.deviation ?? 0) || cmp(a.county, b.county) || cmp(a.name, b.name));
      for (const r of checked) {
        addDataRow(ws, [
          r.county,
          r.name,
          r.selfTotal,
          r.spotTotal,
          r.deviation,
          r.spotTotal ? Math.round(((r.deviation ?? 0) / r.spotTotal) * 1000) / 10 : null,
          r.inflated ? '是' : '',
          starLabel(r.stars, starNames, data.stars.noLevelName),
          r.deviations.map((d) => `${d.id} ${d.name}：${d.self} → ${d.spot}（${d.deviation > 0 ? '+' : ''}${d.deviation}）`).join('\n'),
        ]);
      }
      ws.commit();
    }

    // 未提交
    {
      const ws = addSheet('未提交', [
        { header: '县(市、区)', width: 12 },
        { header: '站点名称', width: 26 },
        { header: '乡镇(街道)', width: 12 },
        { header: '运营机构', width: 24 },
        { header: '站点编码', width: 14 },
      ]);
      for (const m of input.missing) addDataRow(ws, [m.county, m.name, m.township ?? '', m.operator ?? '', m.code ?? '']);
      if (input.missing.length === 0) addDataRow(ws, [input.roster ? '（名册中的站点全部已提交）' : '（未提供站点名册）']);
      ws.commit();
    }

    // 问题清单
    {
      const ws = addSheet('问题清单', [
        { header: '文件', width: 30, wrap: true },
        { header: '位置', width: 16, wrap: true },
        { header: '级别', width: 8 },
        { header: '问题代码', width: 20 },
        { header: '说明', width: 70, wrap: true },
      ]);
      for (const p of input.problems) addDataRow(ws, [p.location.file ?? '', placeInFile(p.location) ?? '', p.severity === 'error' ? '未评分' : '提醒', p.code, messageOf(p, 'zh')]);
      if (input.problems.length === 0) addDataRow(ws, ['（无：全部文件已评分）']);
      ws.commit();
    }

    if (input.comparison) addComparisonSheets(workbook, input.comparison, { digits });
  });
}

export { SUMMARY_FILE } from './index.js';
