#!/usr/bin/env node
/**
 * What reading one station costs per file format (after `npm run build`): the
 * sample 城关镇 workbook (91 items of the bundled rubric) as .xlsx, and as
 * .xls, .ods and .csv written by LibreOffice (`soffice` must be installed),
 * each opened and read (openWorkbook + readStationGrid) `--runs` times in
 * this thread after a warm-up; prints the median milliseconds per file.
 * A measurement to quote in docs/performance.md, not a test.
 *
 *   node scripts/time-formats.js [--runs 200]
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 200) || 200;

const { loadRubric } = await dist('rubric/load-rubric.js');
const { readStationWorkbook } = await dist('workbook/read-station-workbook.js');
const rubric = await loadRubric(path.join(root, 'rubrics', 'fujian-style.yaml'));

const work = await mkdtemp(path.join(tmpdir(), 'time-formats-'));
const xlsx = path.join(work, 'station.xlsx');
await copyFile(path.join(root, 'samples', '示例县', '示例县城关镇社工站.xlsx'), xlsx);
for (const to of ['xls', 'ods', 'csv:Text - txt - csv (StarCalc):44,34,76,1'])
  execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', to, '--outdir', work, xlsx], { stdio: 'ignore' });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const ext of ['xlsx', 'xls', 'ods', 'csv']) {
  const file = path.join(work, `station.${ext}`);
  let total;
  for (let i = 0; i < 20; i++) total = (await readStationWorkbook(file, rubric)).self; // warm-up (SheetJS is loaded on first use)
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await readStationWorkbook(file, rubric);
    times.push(performance.now() - t0);
  }
  rows.push({ format: ext, ms: median(times).toFixed(2), items: Object.keys(total.items).length });
}
await rm(work, { recursive: true, force: true });
const base = Number(rows[0].ms);
for (const r of rows) console.log(`${r.format.padEnd(5)} ${r.ms.padStart(7)} ms per file (median of ${runs})  ×${(Number(r.ms) / base).toFixed(1)}  ${r.items} items read`);
