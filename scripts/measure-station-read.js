#!/usr/bin/env node
// CPU time of reading station workbooks through the full station reader (bytes → cell grid →
// station entries), in this one thread, for A/B comparisons of two builds (docs/performance.md
// § Reading a station workbook). Not the benchmark (npm run bench).
//
//   node scripts/measure-station-read.js [--dist dist] [--data .bench/data-1100/self] [--files 550] [--rounds 3]
//
// The workbooks' bytes are read into memory first (no file I/O is measured). Prints the CPU time
// (user + system of all the process's threads, so V8's compiler threads count: process.cpuUsage)
// per workbook of the first pass from a cold start (`cold`: what each reader thread of a batch of
// 1,100 stations pays, ~550 workbooks), then, after one round of the grid alone, the median over
// `rounds` rounds of the whole read (`read`) and of the grid alone (bytes → grid with every used
// cell fetched). Run it against two dist folders in alternation (the
// machine's speed drifts) and compare the ratios.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dist = path.resolve(arg('dist', 'dist'));
const data = path.resolve(arg('data', '.bench/data-1100/self'));
const count = Number(arg('files', '550'));
const rounds = Number(arg('rounds', '3'));
const rubricFile = path.resolve(arg('rubric', 'rubrics/fujian-style.yaml'));

const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);
const { loadRubric } = await load('rubric/load-rubric.js');
const { gridFromBytes } = await load('workbook/open-workbook.js');
const { readStationGrid } = await load('workbook/read-station-workbook.js');

/** Workbook files under `dir`, sorted (deterministic), at most `n`. */
function listFiles(dir, n) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= n) return;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.xlsx$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const rubric = await loadRubric(rubricFile);
const files = listFiles(data, count).map((f) => ({ display: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }));
if (files.length === 0) throw new Error(`no .xlsx under ${data}`);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let sink = 0;
async function readAll() {
  const t0 = cpu();
  for (const f of files) {
    const grid = await gridFromBytes(f.bytes, f.display);
    const wb = readStationGrid(grid, rubric, { display: f.display });
    sink += Object.keys(wb.self.items).length;
  }
  return (cpu() - t0) / files.length;
}
async function gridOnly() {
  const t0 = cpu();
  for (const f of files) {
    const grid = await gridFromBytes(f.bytes, f.display);
    // Fetch the cells a reader uses (the first 14 columns of every row), as the reader would.
    for (const s of grid.sheets) for (let r = 1; r <= s.rowCount; r++) for (let c = 1; c <= Math.min(s.columnCount, 14); c++) if (s.get(r, c) !== null) sink++;
  }
  return (cpu() - t0) / files.length;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The first pass is what a reader thread of a batch pays from a cold start (compiling included).
const cold = await readAll();
await gridOnly();
const whole = [];
const grid = [];
for (let i = 0; i < rounds; i++) {
  whole.push(await readAll());
  grid.push(await gridOnly());
}
const w = median(whole);
const g = median(grid);
console.log(
  `${path.relative(process.cwd(), dist) || dist}: ${files.length} workbooks × ${rounds} rounds, CPU per workbook: cold ${cold.toFixed(3)} ms, read ${w.toFixed(3)} ms (grid ${g.toFixed(3)} ms, reader ≈ ${(w - g).toFixed(3)} ms) [${whole.map((x) => x.toFixed(2)).join(' ')}] ${sink > 0 ? '' : '!'}`,
);
