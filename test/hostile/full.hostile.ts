/**
 * The full hostile suite (`npm run hostile`): every case of the seed, the heavy
 * ones in spawned processes, ten batch folders of 100 files with 10% hostile.
 * Prints the figures quoted in docs/reliability.md. HOSTILE_SEED picks another seed.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { formatFigures, runHostile } from './run.js';

it('every hostile input: clear errors only, nothing altered, nothing outside --out, no formula from input', async () => {
  const seed = Number(process.env.HOSTILE_SEED ?? 20240607);
  const t0 = performance.now();
  const figures = await runHostile({
    seed,
    root: path.join(tmpdir(), `hostile-full-${process.pid}`),
    timeoutMs: 10_000,
    spawnHeavy: existsSync('dist/cli/main.js'),
    spawnTimeoutMs: 60_000,
    batches: 10,
    batchPdf: true,
    log: (line) => console.log(line),
  });
  console.log(`seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n${formatFigures(figures)}`);
  expect(figures.tried).toBeGreaterThanOrEqual(2000);
  expect(figures.findings.map((f) => `${f.id} ${f.command} ${f.verdict}`)).toEqual([]);
  expect(
    figures.crashes + figures.hangs + figures.unlocated + figures.badExit + figures.altered + figures.escaped + figures.formulaInjections + figures.terminalInjections + figures.wrong + figures.leaks,
  ).toBe(0);
  for (const b of figures.batches) {
    expect(b.crash).toBeUndefined();
    expect(b.scoredGood).toBe(b.good);
    expect(b.unlisted).toEqual([]);
    expect(b.altered + b.escaped.length + b.formulas.length).toBe(0);
  }
});
