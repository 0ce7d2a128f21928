/**
 * A bounded sample of the hostile suite inside `npm test` (every family at
 * least once; `npm run hostile` runs all 2,000+). See test/hostile/run.ts.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFigures, runHostile } from './run.js';

const SAMPLE = Number(process.env.HOSTILE_SAMPLE ?? 250);

describe('hostile inputs (sample)', () => {
  it(`${SAMPLE} hostile inputs: clear errors only, nothing altered, nothing outside --out, no formula from input`, { timeout: 180_000 }, async () => {
    const figures = await runHostile({
      seed: 20240607,
      root: path.join(tmpdir(), `hostile-sample-${process.pid}`),
      sample: SAMPLE,
      timeoutMs: 10_000,
      spawnHeavy: existsSync('dist/cli/main.js') && process.env.HOSTILE_SPAWN !== '0',
      spawnTimeoutMs: 60_000,
      batches: 1,
      batchPdf: true,
    });
    console.log(formatFigures(figures));
    expect(figures.tried).toBe(SAMPLE);
    expect(figures.crashes).toBe(0);
    expect(figures.hangs).toBe(0);
    expect(figures.unlocated).toBe(0);
    expect(figures.badExit).toBe(0);
    expect(figures.altered).toBe(0);
    expect(figures.escaped).toBe(0);
    expect(figures.formulaInjections).toBe(0);
    expect(figures.terminalInjections).toBe(0);
    expect(figures.wrong).toBe(0);
    expect(figures.leaks).toBe(0);
    expect(figures.clear + figures.accepted).toBeGreaterThanOrEqual(SAMPLE);
    for (const b of figures.batches) {
      expect(b.crash).toBeUndefined();
      expect(b.exit).toBe(1);
      expect(b.scoredGood).toBe(90);
      expect(b.unlisted).toEqual([]);
      expect(b.altered).toBe(0);
      expect(b.escaped).toEqual([]);
      expect(b.formulas).toEqual([]);
    }
  });
});
