#!/usr/bin/env node
/**
 * Make the real-files fixtures (test/fixtures/real-files/, issue 14), after
 * `npm run build`:
 *   station.xlsx   the template of rubric.yaml filled by code (a percent item typed as 96%)
 *   bureau.xlsx    a bureau's own table: numbered 1…7, names with 分值, a merged
 *                  一级指标, a two-row header (得分 over 自评 | 评估), a 合计 row
 * and, through LibreOffice itself (`soffice --headless --convert-to`), what a
 * real spreadsheet program writes from them: station.xls, station.ods,
 * station.csv (UTF-8), bureau.xls, bureau.ods. station.et is station.xls
 * under WPS's extension (a WPS .et is the same compound-file format) with the
 * quirk WPS is known for: the compound-file header's CLSID (bytes 8–23, zero
 * in the specification) set to Excel's class id 00020820-…-000000000046.
 * SheetJS 0.14 refused such files ("CLSID: Expected 0000… saw 20080200…",
 * SheetJS issue 1419, "xls edited with wps fail to parse"); no WPS runs here,
 * so this is the closest to a WPS file we can make.
 * The committed files are what the tests read; rerun only to change them.
 *
 *   node scripts/make-real-fixtures.js
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'fixtures', 'real-files');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { loadRubric } = await dist('rubric/load-rubric.js');
const { buildTemplate } = await dist('workbook/template.js');
const { itemPoints } = await dist('score/item-points.js');
const { default: ExcelJS } = await import('exceljs');

const rubric = await loadRubric(path.join(dir, 'rubric.yaml'));
const source = (id) => ({ items: {}, source: id });
const self = source('self');
const put = (id, value) => (self.items[id] = { value });
put('1.1', { kind: 'measure', value: 65 });
put('1.2', { kind: 'option', label: '室内' });
put('1.3', { kind: 'points', points: 8 });
put('2.1', { kind: 'measure', value: 96 });
put('2.2', { kind: 'count', count: 3 });
put('2.3', { kind: 'points', points: 17.5 });
put('B1', { kind: 'points', points: 3 });
const points = (item, value) => {
  const p = itemPoints(item, value, rubric.data.precision);
  return p.kind === 'points' ? Number(p.points.toString()) : p.kind;
};
const station = await buildTemplate(rubric, { station: { name: '城关镇社工站', county: '示例县', year: 2024 }, fill: { self }, itemPoints: points });
await writeFile(path.join(dir, 'station.xlsx'), station);

// A bureau's table: its own numbering, names with 分值, 得分 merged over 自评 | 评估, a 合计 that is off by 1 in 评估.
const wb = new ExcelJS.Workbook();
wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
const ws = wb.addWorksheet('评估表');
ws.getCell('A1').value = '示例县乡镇（街道）社会工作服务站评估表';
ws.mergeCells('A1:G1');
ws.getRow(2).values = ['站点名称', '城关镇社工站', '所属县(市、区)', '示例县'];
ws.getRow(3).values = ['编号', '一级指标', '评估项目', '分值', '得分', null, '备注'];
ws.getRow(4).values = [null, null, null, null, '自评', '评估', null];
for (const c of ['A', 'B', 'C', 'D', 'G']) ws.mergeCells(`${c}3:${c}4`);
ws.mergeCells('E3:F3');
const rows = [
  [1, '基础建设', '服务场所面积（20分）', 20, 20, 12],
  [2, null, '牌匾\n悬挂', 10, 5, 5],
  [3, null, '服务记录', 10, 8, 7],
  [4, '服务提供', '走访覆盖率（20分）', 20, 20, 14],
  [5, null, '驻站社工人数', 20, 16, 16],
  [6, null, '服务记录', 20, 17.5, 15],
  [7, '加分项', '创新项目', 5, 3, null],
];
rows.forEach((r, i) => (ws.getRow(5 + i).values = r));
ws.mergeCells('B5:B7');
ws.mergeCells('B8:B10');
ws.getRow(12).values = ['合计', null, null, 100, 89.5, 70];
ws.mergeCells('A12:C12');
await writeFile(path.join(dir, 'bureau.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));

// What LibreOffice writes from them.
const work = await mkdtemp(path.join(tmpdir(), 'real-files-'));
const soffice = (file, to) => execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', to, '--outdir', work, path.join(dir, file)], { stdio: 'ignore' });
soffice('station.xlsx', 'xls');
soffice('station.xlsx', 'ods');
soffice('station.xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1');
soffice('bureau.xlsx', 'xls');
soffice('bureau.xlsx', 'ods');
for (const f of ['station.xls', 'station.ods', 'station.csv', 'bureau.xls', 'bureau.ods']) await writeFile(path.join(dir, f), await readFile(path.join(work, f)));
const et = await readFile(path.join(dir, 'station.xls'));
et.set(Buffer.from('2008020000000000c000000000000046', 'hex'), 8);
await writeFile(path.join(dir, 'station.et'), et);
await rm(work, { recursive: true, force: true });
console.log(`written to ${path.relative(root, dir)}`);
