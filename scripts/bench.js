#!/usr/bin/env node
/**
 * `npm run bench`: generate deterministic synthetic data on the Fujian-style
 * rubric (stations with filled self-assessment workbooks, 30% spot-checked in
 * a consolidated wide-form workbook, a roster) and time the batch, printing
 * wall time per stage, peak memory and the CPU time of all threads.
 *
 *   npm run bench                          # a province: 1,100 stations, summary + PDFs
 *   npm run bench -- --stations 38000 --no-pdf   # the nation, summary only
 *   npm run bench -- --stations 38000      # the nation with PDFs
 *   options: --jobs N, --keep (keep the outputs), --data <dir> (default .bench/)
 *
 * Data is generated once per size into .bench/data-<n>/ and reused. Workbooks
 * are made from 120 distinct filled templates whose station name and county
 * are then rewritten per station (re-zipped with fflate), so generating
 * 38,000 files takes about a minute instead of ten.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

const N = Number(arg('--stations', 1100));
const jobs = arg('--jobs') ? Number(arg('--jobs')) : undefined;
const pdf = !flag('--no-pdf');
const dataRoot = path.resolve(arg('--data', path.join(root, '.bench')));
const DISTINCT = 120;
const PER_COUNTY = 12;

const { loadRubric } = await dist('rubric/load-rubric.js');
const { buildTemplate } = await dist('workbook/template.js');
const { runBatch } = await dist('batch/run-batch.js');
const { party, pointsOf, spotParty, rng } = await import('./lib/synthetic.js');
const { default: ExcelJS } = await import('exceljs');

const rubricFile = path.join(root, 'rubrics', 'fujian-style.yaml');
const rubric = await loadRubric(rubricFile);

const PLACE_NAME = 'ZZSTATIONNAMEZZ';
const PLACE_COUNTY = 'ZZCOUNTYZZ';
const PLACE_TOWN = 'ZZTOWNZZ';

function stationOf(i) {
  const county = `第${String(Math.floor(i / PER_COUNTY) + 1).padStart(4, '0')}县`;
  const town = `${['城关', '东湖', '南山', '西溪', '北岭', '河口', '清水', '石桥', '桃源', '龙泉', '白沙', '青山'][i % PER_COUNTY]}镇`;
  return { county, town, name: `${county}${town}社工站` };
}

async function exists(p) {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function generate(dir) {
  const t0 = performance.now();
  await rm(dir, { recursive: true, force: true });
  const selfDir = path.join(dir, 'self');
  await mkdir(selfDir, { recursive: true });
  const pts = pointsOf(rubric);
  const rand = rng(7);

  // Distinct filled templates with placeholder names.
  const templates = [];
  const selves = [];
  for (let k = 0; k < DISTINCT; k++) {
    const q = 0.35 + 0.65 * rand();
    const self = party(rubric, q, 1000 + k, { halves: k % 3 === 0, na: k % 5 === 0 });
    const station = { name: PLACE_NAME, county: PLACE_COUNTY, township: PLACE_TOWN, operator: '基准测试社会工作服务中心', year: '2024' };
    const bytes = await buildTemplate(rubric, { station, fill: { self }, itemPoints: pts });
    templates.push(unzipSync(bytes));
    selves.push(self);
  }

  // One workbook per station: rewrite the placeholders and re-zip.
  const counties = new Set();
  for (let i = 0; i < N; i++) {
    const s = stationOf(i);
    counties.add(s.county);
    const parts = templates[i % DISTINCT];
    const out = {};
    for (const [name, data] of Object.entries(parts)) {
      if (name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/sheet')) {
        const xml = strFromU8(data);
        if (xml.includes('ZZ')) {
          out[name] = strToU8(xml.replaceAll(PLACE_NAME, s.name).replaceAll(PLACE_COUNTY, s.county).replaceAll(PLACE_TOWN, s.town));
          continue;
        }
      }
      out[name] = data;
    }
    const countyDir = path.join(selfDir, s.county);
    if (i % PER_COUNTY === 0) await mkdir(countyDir, { recursive: true });
    await writeFile(path.join(countyDir, `${s.name}.xlsx`), zipSync(out, { level: 6, mtime: new Date(Date.UTC(2024, 0, 1)) }));
  }

  // Spot check: 30% of stations, wide form (one row per station).
  const ids = rubric.index.items.map((it) => it.id);
  const spotWb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, '抽查汇总.xlsx'), useSharedStrings: false });
  const ws = spotWb.addWorksheet('抽查汇总');
  ws.addRow(['站点名称', '所属县(市、区)', ...ids, ...rubric.data.vetoes.map((v) => v.id)]).commit();
  let checked = 0;
  for (let i = 0; i < N; i++) {
    if (rand() >= 0.3) continue;
    checked++;
    const s = stationOf(i);
    const self = selves[i % DISTINCT];
    const spot = spotParty(rubric, self, i % 4 === 0 ? { q: 0.6 } : { copy: 3 }, 5000 + i);
    const cells = rubric.index.items.map((item) => {
      const e = spot.items[item.id];
      if (!e) return null;
      if (e.value.kind === 'na') return '不适用';
      if (e.value.kind === 'met') return e.value.met ? '是' : '否';
      if (e.value.kind === 'option') return e.value.label;
      const p = pts(item, e.value);
      return typeof p === 'number' ? p : null;
    });
    ws.addRow([s.name, s.county, ...cells, ...rubric.data.vetoes.map((v) => (spot.vetoes[v.id] ? '是' : '否'))]).commit();
  }
  ws.commit();
  await spotWb.commit();

  // Roster: every station plus one that did not submit per 50 counties.
  const rosterWb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, '站点名册.xlsx'), useSharedStrings: false });
  const rs = rosterWb.addWorksheet('站点名册');
  rs.addRow(['站点名称', '所属县(市、区)', '乡镇(街道)', '运营机构']).commit();
  for (let i = 0; i < N; i++) {
    const s = stationOf(i);
    rs.addRow([s.name, s.county, s.town, '基准测试社会工作服务中心']).commit();
  }
  [...counties].filter((_, k) => k % 50 === 0).forEach((c) => rs.addRow([`${c}未提交镇社工站`, c, '未提交镇', '']).commit());
  rs.commit();
  await rosterWb.commit();
  await writeFile(path.join(dir, 'READY'), `${N} stations, ${checked} spot-checked\n`);
  return ((performance.now() - t0) / 1000).toFixed(1);
}

const dataDir = path.join(dataRoot, `data-${N}`);
if (!(await exists(path.join(dataDir, 'READY')))) {
  process.stdout.write(`generating ${N} synthetic stations into ${path.relative(process.cwd(), dataDir)} …\n`);
  const s = await generate(dataDir);
  process.stdout.write(`  generated in ${s} s\n`);
}

const out = path.join(dataRoot, `out-${N}${pdf ? '' : '-nopdf'}`);
await rm(out, { recursive: true, force: true });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const report = await runBatch({
  rubricFile,
  selfDir: path.join(dataDir, 'self'),
  spot: path.join(dataDir, '抽查汇总.xlsx'),
  roster: path.join(dataDir, '站点名册.xlsx'),
  out,
  jobs,
  pdf,
  tool: { name: 'station-eval', version: 'bench' },
});
const wall = (performance.now() - t0) / 1000;
// All threads of the process: how busy the cores were (this machine's speed drifts between runs; CPU time shows whether a change did less work).
const cpuUsed = process.cpuUsage(cpu0);
const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const lines = [
  `station-eval bench: ${N} stations, ${pdf ? 'with PDFs' : 'summary only (--no-pdf)'}, jobs ${jobs ?? 'default'}`,
  ...report.timings.map((t) => `  ${t.stage.padEnd(10)} ${fmt(t.ms).padStart(9)}   RSS after ${String(t.rssMb).padStart(4)} MB, peak so far ${String(t.peakRssMb).padStart(4)} MB`),
  `  wall       ${wall.toFixed(2)} s  (${(N / wall) | 0} stations/s)`,
  `  CPU        ${cpu.toFixed(2)} s  (all threads; ${(cpu / wall).toFixed(1)} cores busy on average)`,
  `  peak RSS   ${(peakRss / 1048576).toFixed(0)} MB`,
  `  scored ${report.scored}, failed ${report.failed}, missing ${report.missing}, spot-checked ${report.spotChecked}, problems ${report.problems.length}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (!flag('--keep')) await rm(out, { recursive: true, force: true });
if (report.scored !== N) {
  process.stderr.write(
    `expected ${N} scored stations; first problems:\n${report.problems
      .slice(0, 5)
      .map((p) => `  ${p.file} ${p.location ?? ''} ${p.message}`)
      .join('\n')}\n`,
  );
  process.exitCode = 1;
}
