#!/usr/bin/env node
/**
 * Generate the sample data under samples/ (run after `npm run build`):
 *   samples/示例县/*.xlsx   filled self-assessment workbooks of a fictional county
 *   samples/抽查汇总.xlsx    consolidated spot check (long form) for a third of them
 *   samples/站点名册.xlsx    roster (one station listed has not submitted)
 *   samples/社区养老服务站/*.xlsx  three stations scored on the real 500-point scheme
 *                           (rubrics/community-elderly-care.yaml), one of them 450 points with
 *                           安全 0: five stars in the original system, no star under the 40% rule
 * Deterministic: a seeded generator, fixed workbook dates. (exceljs' zip
 * writer stamps entries with the current time, so bytes may differ between
 * runs; the cell contents do not.)
 *
 *   node scripts/make-samples.js [--rubric rubrics/fujian-style.yaml] [--out samples]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rubricFile = arg('--rubric', path.join(root, 'rubrics', 'fujian-style.yaml'));
const outDir = arg('--out', path.join(root, 'samples'));

const { loadRubric } = await dist('rubric/load-rubric.js');
const { buildTemplate } = await dist('workbook/template.js');
const { party, pointsOf, spotParty, inputText } = await import('./lib/synthetic.js');
const { default: ExcelJS } = await import('exceljs');

const COUNTY = '示例县';
/** name, quality of self-assessment, options. */
const STATIONS = [
  { town: '城关镇', q: 0.97, operator: '示例县启明社会工作服务中心', spot: { copy: 3 } },
  { town: '东湖街道', q: 0.92, operator: '示例县同心社会工作服务中心' },
  { town: '南山镇', q: 0.86, operator: '示例县启明社会工作服务中心', spot: { copy: 5 } },
  { town: '西溪乡', q: 0.8, operator: '示例县向阳社工事务所' },
  { town: '北岭镇', q: 0.74, operator: '示例县向阳社工事务所', halves: true },
  { town: '河口镇', q: 0.7, operator: '示例县同心社会工作服务中心', na: true },
  { town: '清水乡', q: 0.64, operator: '示例县和美社会工作服务社' },
  { town: '石桥镇', q: 0.57, operator: '示例县和美社会工作服务社' },
  { town: '桃源乡', q: 0.5, operator: '示例县向阳社工事务所' },
  { town: '龙泉镇', q: 0.33, operator: '示例县和美社会工作服务社' },
  { town: '白沙镇', q: 0.86, operator: '示例县同心社会工作服务中心', veto: 'V1', spot: { copy: 2 } },
  { town: '青山乡', q: 0.78, operator: '示例县启明社会工作服务中心', blanks: 4 },
  { town: '凤凰街道', q: 0.95, operator: '示例县向阳社工事务所', spot: { q: 0.72 } },
];
const NOT_SUBMITTED = { town: '金溪乡', operator: '示例县和美社会工作服务社' };

async function writeSpotWorkbook(rubric, rows, file) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'station-eval samples';
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  const ws = wb.addWorksheet('抽查汇总');
  ws.getCell('A1').value = `【示例数据】${COUNTY}社工站第三方抽查汇总表（${rubric.data.title}）`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A1:H1');
  // The evaluator and the day, for every station of the table: the station PDFs' header block (评估机构, 评估日期).
  ws.getCell('A2').value = '评估机构：示例县社会工作评估中心（虚构）';
  ws.getCell('D2').value = '评估日期';
  ws.getCell('E2').value = '2024-12-05';
  const header = ['站点名称', '所属县(市、区)', '编号', '指标名称', '分值', '抽查填报', '抽查得分', '扣分原因'];
  ws.getRow(3).values = header;
  ws.getRow(3).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.columns = [{ width: 22 }, { width: 14 }, { width: 8 }, { width: 28 }, { width: 6 }, { width: 12 }, { width: 9 }, { width: 30 }];
  let r = 4;
  for (const row of rows) ws.getRow(r++).values = row;
  ws.autoFilter = `A3:H${r - 1}`;
  await writeFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
}

async function writeRoster(stations, file) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'station-eval samples';
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  const ws = wb.addWorksheet('站点名册');
  ws.getCell('A1').value = `【示例数据】${COUNTY}乡镇(街道)社工站名册`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getRow(2).values = ['站点名称', '所属县(市、区)', '乡镇(街道)', '运营机构'];
  ws.getRow(2).font = { bold: true };
  ws.columns = [{ width: 24 }, { width: 14 }, { width: 12 }, { width: 30 }];
  stations.forEach((s, i) => (ws.getRow(3 + i).values = [`${COUNTY}${s.town}社工站`, COUNTY, s.town, s.operator]));
  await writeFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
}

const rubric = await loadRubric(rubricFile);
const folder = path.join(outDir, COUNTY);
await rm(folder, { recursive: true, force: true });
await mkdir(folder, { recursive: true });
const pts = pointsOf(rubric);
const spotRows = [];
let seed = 20240601;
for (const s of STATIONS) {
  const name = `${COUNTY}${s.town}社工站`;
  const self = party(rubric, s.q, seed++, s);
  if (s.veto) self.vetoes[s.veto] = false; // the station did not declare it; the evaluator found it
  const station = { name, county: COUNTY, township: s.town, operator: s.operator, year: String(rubric.data.year ?? 2024), filledBy: '示例填表人', date: '2024-11-30' };
  const bytes = await buildTemplate(rubric, { station, fill: { self }, itemPoints: pts, sample: true });
  await writeFile(path.join(folder, `${name}.xlsx`), bytes);
  if (s.spot) {
    const spot = spotParty(rubric, self, s.spot, seed++ * 7, s.veto);
    for (const item of rubric.index.items) {
      const e = spot.items[item.id];
      if (!e) continue;
      const p = pts(item, e.value);
      spotRows.push([name, COUNTY, item.id, item.name, item.points, inputText(e.value) ?? null, typeof p === 'number' ? p : p === 'na' ? '不适用' : null, e.note ?? null]);
    }
    for (const v of rubric.data.vetoes)
      spotRows.push([name, COUNTY, v.id, `一票否决：${v.name}`, null, spot.vetoes[v.id] ? '是' : '否', null, spot.vetoes[v.id] ? '抽查发现服务台账存在补填、代签' : null]);
  }
}
await writeSpotWorkbook(rubric, spotRows, path.join(outDir, '抽查汇总.xlsx'));
await writeRoster([...STATIONS, NOT_SUBMITTED], path.join(outDir, '站点名册.xlsx'));

// ── The real 500-point scheme ──────────────────────────────────────────────
const elderly = await loadRubric(path.join(root, 'rubrics', 'community-elderly-care.yaml'));
const elderlyFolder = path.join(outDir, '社区养老服务站');
await rm(elderlyFolder, { recursive: true, force: true });
await mkdir(elderlyFolder, { recursive: true });
const elderlyPts = pointsOf(elderly);
/** Every item at full marks except those of `zeroModule`, which score 0. */
function fullExcept(zeroModule) {
  const items = {};
  for (const item of elderly.index.items) {
    const full = item.moduleId !== zeroModule;
    const r = item.rule;
    const value =
      r.kind === 'boolean'
        ? { kind: 'met', met: full }
        : r.kind === 'checklist' || r.kind === 'checklist-deduction'
          ? { kind: 'checklist', ticked: full ? r.conditions.map((c) => c.id) : [] }
          : { kind: 'points', points: full ? item.points : 0 };
    items[item.id] = full || r.kind !== 'checklist' ? { value } : { value: { kind: 'points', points: 0 } };
  }
  return { items, vetoes: {} };
}
const ELDERLY_STATIONS = [
  { name: '示例县阳光社区养老服务站', self: party(elderly, 0.93, 20240701) },
  // 450 points with 安全 0: the original system's check (aqtotal >= aqtotal*0.4) passes it as five stars.
  { name: '示例县幸福社区养老服务站', self: fullExcept('1') },
  { name: '示例县和谐社区养老服务站', self: party(elderly, 0.72, 20240702, { na: true }) },
];
for (const s of ELDERLY_STATIONS) {
  const station = { name: s.name, county: COUNTY, year: '2020', filledBy: '示例填表人', date: '2020-11-30' };
  const bytes = await buildTemplate(elderly, { station, fill: { self: s.self }, itemPoints: elderlyPts, sample: true });
  await writeFile(path.join(elderlyFolder, `${s.name}.xlsx`), bytes);
}
process.stdout.write(
  `samples written: ${STATIONS.length} stations in ${folder}, ${path.join(outDir, '抽查汇总.xlsx')}, ${path.join(outDir, '站点名册.xlsx')}, ${ELDERLY_STATIONS.length} stations in ${elderlyFolder}\n`,
);
