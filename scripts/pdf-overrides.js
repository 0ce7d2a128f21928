#!/usr/bin/env node
/**
 * What each override of the PDF speed layer (src/report/pdf/backend.ts) buys:
 * the 13 demo stations of samples/示例县 rendered again and again in one
 * process, with the whole fast layer, with each override switched off in turn,
 * and in the reference mode (plain pdfkit). The configurations are
 * interleaved round by round (the order rotates), so a slow minute of a
 * shared machine hits all of them alike; the first rounds only warm the
 * caches and are not counted. Prints the median wall and CPU time of one PDF
 * per configuration and the difference to the fast mode.
 *
 *   node scripts/pdf-overrides.js [--rounds 15] [--warmup 3]
 *
 * Needs the compiled dist/ (npm run build). Results of docs/performance.md
 * § "The PDF speed layer".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const rounds = arg('rounds', 15);
const warmup = arg('warmup', 3);

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { loadRubric } = await import(dist('rubric/load-rubric.js'));
const { renderStationPdf } = await import(dist('report/station-pdf.js'));
const { FAST, REFERENCE } = await import(dist('report/pdf/backend.js'));

// The engine's results for the demo stations, from a batch run without PDFs.
const out = mkdtempSync(path.join(tmpdir(), 'pdf-overrides-'));
const samples = path.join(root, 'samples');
execFileSync(
  process.execPath,
  [path.join(root, 'bin', 'station-eval.js'), 'batch', path.join(root, 'rubrics', 'fujian-style.yaml'), path.join(samples, '示例县'), '--spot', path.join(samples, '抽查汇总.xlsx'), '--out', out, '--no-pdf'],
  { stdio: 'ignore' },
);
const results = readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
rmSync(out, { recursive: true, force: true });
const rubric = await loadRubric(path.join(root, 'rubrics', 'fujian-style.yaml'));

const configs = [['fast', FAST], ...Object.keys(FAST).map((k) => [`without ${k}`, { ...FAST, [k]: false }]), ['reference', REFERENCE]];
const wall = new Map(configs.map(([name]) => [name, []]));
const cpu = new Map(configs.map(([name]) => [name, []]));

for (let round = 0; round < warmup + rounds; round++) {
  const order = configs.map((_, i) => configs[(i + round) % configs.length]);
  for (const [name, layer] of order) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const result of results) await renderStationPdf(result, rubric, { backend: layer });
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (round >= warmup) {
      wall.get(name).push((t1 - t0) / results.length);
      cpu.get(name).push((c1.user + c1.system) / 1000 / results.length);
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fastWall = median(wall.get('fast'));
const fastCpu = median(cpu.get('fast'));
const f1 = (n) => n.toFixed(1);
process.stdout.write(`${results.length} station PDFs, ${rounds} rounds (after ${warmup} warm-up rounds), median per PDF\n`);
process.stdout.write(`${'configuration'.padEnd(24)} ${'wall ms'.padStart(8)} ${'vs fast'.padStart(8)} ${'cpu ms'.padStart(8)} ${'vs fast'.padStart(8)}  wall min–max\n`);
for (const [name] of configs) {
  const w = median(wall.get(name));
  const c = median(cpu.get(name));
  const pct = (x, base) => `${x >= base ? '+' : ''}${f1(((x - base) / base) * 100)}%`;
  process.stdout.write(
    `${name.padEnd(24)} ${f1(w).padStart(8)} ${pct(w, fastWall).padStart(8)} ${f1(c).padStart(8)} ${pct(c, fastCpu).padStart(8)}  ${f1(Math.min(...wall.get(name)))}–${f1(Math.max(...wall.get(name)))}\n`,
  );
}
