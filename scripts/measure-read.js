#!/usr/bin/env node
// Micro-measure of the fast xlsx reader (reading is a batch's biggest cost): reads the sample
// workbooks N times in this thread and prints the time per workbook. Not the benchmark (npm run bench).
//   node scripts/measure-read.js [rounds=200] [dist folder=dist]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const rounds = Number(process.argv[2] ?? 200);
const dist = path.resolve(process.argv[3] ?? 'dist');
const { readCellsFast } = await import(pathToFileURL(path.join(dist, 'xlsx/read-cells-fast.js')).href);
const dir = 'samples/示例县';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.xlsx'))
  .map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
const touch = (grid) => {
  let n = 0;
  for (const s of grid.sheets) for (let r = 1; r <= s.rowCount; r++) for (let c = 1; c <= Math.min(s.columnCount, 12); c++) if (s.get(r, c) !== null) n++;
  return n;
};
for (let i = 0; i < 20; i++) for (const b of files) touch(readCellsFast(b));
const t0 = performance.now();
let cells = 0;
for (let i = 0; i < rounds; i++) for (const b of files) cells += touch(readCellsFast(b));
const ms = (performance.now() - t0) / (rounds * files.length);
console.log(`${files.length} workbooks × ${rounds}: ${ms.toFixed(3)} ms per workbook (${cells / rounds / files.length} cells read each)`);
