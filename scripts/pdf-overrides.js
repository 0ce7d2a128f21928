#!/usr/bin/env node
/**
 * What each override of the PDF speed layer (src/report/pdf/backend.ts) buys:
 * the 13 demo stations of samples/示例县 rendered again and again in one
 * process, with the whole fast layer, with each override switched off in turn,
 * and in the reference mode (plain pdfkit). The configurations are
 * interleaved round by round (the order rotates), so a slow minute of a
 * shared machine hits all of them alike; the first rounds only warm the
 * caches and are not counted. Prints the median wall and CPU time (all the
 * process's threads) of one PDF per configuration, the difference to the fast
 * mode, and whether the configuration writes the same bytes as the fast mode.
 *
 *   node scripts/pdf-overrides.js [--rounds 15] [--warmup 3] [--drop a+b] [--also c+d,…]
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
  [
    path.join(root, 'bin', 'station-eval.js'),
    'batch',
    path.join(root, 'rubrics', 'fujian-style.yaml'),
    path.join(samples, '示例县'),
    '--spot',
    path.join(samples, '抽查汇总.xlsx'),
    '--out',
    out,
    '--no-pdf',
  ],
  { stdio: 'ignore' },
);
const results = readFileSync(path.join(out, 'results.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
rmSync(out, { recursive: true, force: true });
const rubric = await loadRubric(path.join(root, 'rubrics', 'fujian-style.yaml'));

// --also a+b,c: more configurations, each without several overrides at once.
const alsoArg = process.argv.indexOf('--also');
const also = alsoArg < 0 ? [] : process.argv[alsoArg + 1].split(',').map((set) => set.split('+'));
// --drop a+b: the baseline is the fast layer without these (to see what the others buy once they are gone).
const dropArg = process.argv.indexOf('--drop');
const drop = dropArg < 0 ? [] : process.argv[dropArg + 1].split('+');
for (const k of [...also.flat(), ...drop]) if (!(k in FAST)) throw new Error(`no override named ${k} (known: ${Object.keys(FAST).join(', ')})`);
const base = { ...FAST, ...Object.fromEntries(drop.map((k) => [k, false])) };
const configs = [
  ['fast', base],
  ...Object.keys(FAST)
    .filter((k) => base[k])
    .map((k) => [`without ${k}`, { ...base, [k]: false }]),
  ...also.map((ks) => [`without ${ks.join('+')}`, { ...base, ...Object.fromEntries(ks.map((k) => [k, false])) }]),
  ['reference', REFERENCE],
];
const wall = new Map(configs.map(([name]) => [name, []]));
const cpu = new Map(configs.map(([name]) => [name, []]));

// Whether a configuration writes the same bytes as the fast mode (then dropping its override changes no output).
const fastBytes = [];
for (const result of results) fastBytes.push(Buffer.from(await renderStationPdf(result, rubric, { backend: FAST })));
if (drop.length > 0) process.stdout.write(`"fast" below is the fast layer without ${drop.join(', ')}\n`);
const sameBytes = new Map();
for (const [name, layer] of configs) {
  let same = true;
  for (const [i, result] of results.entries()) same &&= Buffer.from(await renderStationPdf(result, rubric, { backend: layer })).equals(fastBytes[i]);
  sameBytes.set(name, same);
}

// Interleaved at the level of one PDF: each station is rendered in every configuration (in an order that
// rotates) before the next station, so the machine's drift falls on all configurations alike.
for (let round = 0; round < warmup + rounds; round++) {
  const w = new Map(configs.map(([name]) => [name, 0]));
  const c = new Map(configs.map(([name]) => [name, 0]));
  for (const [s, result] of results.entries()) {
    for (let k = 0; k < configs.length; k++) {
      const [name, layer] = configs[(k + s + round) % configs.length];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await renderStationPdf(result, rubric, { backend: layer });
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      w.set(name, w.get(name) + (t1 - t0));
      c.set(name, c.get(name) + (c1.user + c1.system) / 1000);
    }
  }
  if (round < warmup) continue;
  for (const [name] of configs) {
    wall.get(name).push(w.get(name) / results.length);
    cpu.get(name).push(c.get(name) / results.length);
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
process.stdout.write(
  `${'configuration'.padEnd(44)} ${'wall ms'.padStart(8)} ${'vs fast'.padStart(8)} ${'cpu ms'.padStart(8)} ${'vs fast'.padStart(8)}  ${'cpu min–max'.padEnd(12)} same bytes as fast\n`,
);
for (const [name] of configs) {
  const w = median(wall.get(name));
  const c = median(cpu.get(name));
  const pct = (x, base) => `${x >= base ? '+' : ''}${f1(((x - base) / base) * 100)}%`;
  process.stdout.write(
    `${name.padEnd(44)} ${f1(w).padStart(8)} ${pct(w, fastWall).padStart(8)} ${f1(c).padStart(8)} ${pct(c, fastCpu).padStart(8)}  ${`${f1(Math.min(...cpu.get(name)))}–${f1(Math.max(...cpu.get(name)))}`.padEnd(12)} ${sameBytes.get(name) ? 'yes' : 'no'}\n`,
  );
}
