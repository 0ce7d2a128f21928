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
}

const HEADER_FONT = { bold: true } as const;

export function starLabel(level: number | null, names: Map<number, string>): string {
  if (level === null || level === 0) return '无星级';
  return names.get(level) ?? `${level}星`;
}

export async function writeSummaryXlsx(target: string, input: SummaryInput): Promise<void> {
  await writeStreamingWorkbook(target, (workbook) => {
    const data = input.rubric.data;
    const digits = data.precision;
    const numFmt = digits > 0 ? `0.${'0'.repeat(digits)}` : '0';
    const modules = data.modules;
    const levels = [...data.stars.levels].sort((a, b) => b.level - a.level);
    const maxLevel = Math.max(...levels.map((l) => l.level));
    const starNames = new Map(levels.map((l) => [l.level, l.name]));
    const ranked = rankRows(input.rows);
    const stats = countyStats(input.rows, input.roster, input.missing, maxLevel, digits);

    const addSheet = (name: string, columns: TableColumn[]) => addTableSheet(workbook, name, columns);

    // 站点总表
    {
      const cols = [
        { header: '排名', width: 6 },
        { header: '县(市、区)', width: 12 },
        { header: '站点名称', width: 26 },
        { header: '乡镇(街道)', width: 12 },
        { header: '运营机构', width: 20 },
        ...modules.map((m) => ({ header: `${m.name}(${m.points})`, width: 11, numFmt })),
        { header: '基础分', width: 9, numFmt },
        { header: '加分', width: 7, numFmt },
        { header: '扣减', width: 7, numFmt },
        { header: '总分', width: 9, numFmt },
        { header: '星级', width: 9 },
        { header: '抽查核实', width: 9 },
        { header: '自评总分', width: 9, numFmt },
        { header: '抽查总分', width: 9, numFmt },
        { header: '偏差', width: 8, numFmt },
        { header: '标记', width: 40 },
        { header: '认定理由', width: 50 },
        { header: '文件', width: 30 },
      ];
      const ws = addSheet('站点总表', cols);
      for (const r of ranked) {
        addDataRow(ws, [
          r.rank,
          r.county,
          r.name,
          r.township ?? '',
          r.operator ?? '',
          ...r.modules,
          r.baseTotal,
          r.bonus,
          r.penalty,
          r.total,
          starLabel(r.stars, starNames),
          r.verified ? '已核实' : '未经抽查',
          r.selfTotal,
          r.spotTotal,
          r.deviation,
          [...r.vetoes.map((v) => `一票否决：${v}`), ...r.flags].join('；'),
          r.starReason,
          r.file,
        ]);
      }
      const totalCol = 5 + modules.length + 4;
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

    // 星级分布
    {
      const ws = addSheet('星级分布', [
        { header: '星级', width: 12 },
        { header: '站点数', width: 10 },
        { header: '占比(%)', width: 10, numFmt: '0.0' },
      ]);
      const counts = starCounts(input.rows, maxLevel);
      const total = input.rows.length;
      for (const level of [...levels.map((l) => l.level), 0]) {
        ws.addRow([starLabel(level, starNames), counts[level], total ? Math.round((counts[level] * 1000) / total) / 10 : 0]).commit();
      }
      ws.addRow(['合计', total, total ? 100 : 0]).commit();
      ws.addRow([]).commit();
      const header = ws.addRow(['县(市、区)', ...levels.map((l) => l.name), '无星级', '合计']);
      header.font = HEADER_FONT;
      header.commit();
      for (const s of stats) {
        ws.addRow([s.county, ...levels.map((l) => s.stars[l.level]), s.stars[0], s.submitted]).commit();
      }
      ws.commit();
    }

    // 县区统计
    {
      const ws = addSheet('县区统计', [
        { header: '县(市、区)', width: 14 },
        { header: '名册站点', width: 9 },
        { header: '已提交', width: 8 },
        { header: '未提交', width: 8 },
        { header: '抽查核实', width: 9 },
        { header: '平均分', width: 9, numFmt },
        { header: '中位数', width: 9, numFmt },
        { header: '最低分', width: 9, numFmt },
        { header: '最高分', width: 9, numFmt },
        ...levels.map((l) => ({ header: l.name, width: 8 })),
        { header: '无星级', width: 8 },
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
      const ws = addSheet('偏差核查', [
        { header: '县(市、区)', width: 12 },
        { header: '站点名称', width: 26 },
        { header: '自评总分', width: 9, numFmt },
        { header: '抽查总分', width: 9, numFmt },
        { header: '偏差', width: 8, numFmt },
        { header: '偏差率(%)', width: 9, numFmt: '0.0' },
        { header: '虚高', width: 6 },
        { header: '星级', width: 9 },
        { header: '主要偏差项（自评 → 抽查）', width: 80 },
      ]);
      const checked = input.rows
        .filter((r) => r.verified)
        .sort((a, b) => (b.deviation ?? 0) - (a.deviation ?? 0) || cmp(a.county, b.county) || cmp(a.name, b.name));
      for (const r of checked) {
        addDataRow(ws, [
          r.county,
          r.name,
          r.selfTotal,
          r.spotTotal,
          r.deviation,
          r.spotTotal ? Math.round(((r.deviation ?? 0) / r.spotTotal) * 1000) / 10 : null,
          r.inflated ? '是' : '',
          starLabel(r.stars, starNames),
          r.deviations.map((d) => `${d.id} ${d.name}：${d.self} → ${d.spot}（${d.deviation > 0 ? '+' : ''}${d.deviation}）`).join('；'),
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
      ws.commit();
    }

    // 问题清单
    {
      const ws = addSheet('问题清单', [
        { header: '文件', width: 40 },
        { header: '位置', width: 16 },
        { header: '级别', width: 8 },
        { header: '问题代码', width: 20 },
        { header: '说明', width: 90 },
      ]);
      for (const p of input.problems) addDataRow(ws, [p.location.file ?? '', placeInFile(p.location) ?? '', p.severity === 'error' ? '未评分' : '提醒', p.code, messageOf(p, 'zh')]);
      ws.commit();
    }

    if (input.comparison) addComparisonSheets(workbook, input.comparison, { digits });

  });
}

export { SUMMARY_FILE } from './index.js';
