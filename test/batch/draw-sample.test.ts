import { describe, expect, it } from 'vitest';
import { drawSample, type SampleCandidate } from '../../src/batch/draw-sample.js';

function roster(counts: Record<string, number>): SampleCandidate[] {
  const out: SampleCandidate[] = [];
  for (const [county, n] of Object.entries(counts)) {
    for (let i = 1; i <= n; i++) out.push({ key: `${county}|站${String(i).padStart(2, '0')}`, name: `站${i}`, county });
  }
  return out;
}

describe('drawSample', () => {
  const stations = roster({ 甲县: 10, 乙县: 3, 丙县: 1 });

  it('draws round(rate × n) per county and at least one', () => {
    const s = drawSample(stations, { rate: 0.3, seed: 7 });
    expect(s.strata).toEqual([
      { county: '丙县', stations: 1, excluded: 0, drawn: 1 },
      { county: '乙县', stations: 3, excluded: 0, drawn: 1 },
      { county: '甲县', stations: 10, excluded: 0, drawn: 3 },
    ]);
    expect(s.drawn).toHaveLength(5);
  });

  it('is reproducible from the seed and independent of roster order', () => {
    const a = drawSample(stations, { rate: 0.3, seed: 42 });
    const b = drawSample([...stations].reverse(), { rate: 0.3, seed: 42 });
    expect(b.drawn.map((d) => d.key)).toEqual(a.drawn.map((d) => d.key));
  });

  it('different seeds give different samples', () => {
    const keys = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) keys.add(drawSample(stations, { rate: 0.3, seed }).drawn.map((d) => d.key).join());
    expect(keys.size).toBeGreaterThan(5);
  });

  it('skips stations checked last year unless the county has nobody else', () => {
    const exclude = new Set(['丙县|站01', '乙县|站01', '乙县|站02']);
    const s = drawSample(stations, { rate: 0.3, seed: 1, exclude });
    const drawn = s.drawn.map((d) => d.key);
    expect(drawn).toContain('乙县|站03');
    expect(drawn).not.toContain('乙县|站01');
    const bing = s.drawn.find((d) => d.county === '丙县')!;
    expect(bing.key).toBe('丙县|站01');
    expect(bing.note).toContain('上年已抽查');
  });

  it('without stratification draws from the whole roster', () => {
    const s = drawSample(stations, { rate: 0.5, seed: 3, byCounty: false });
    expect(s.drawn).toHaveLength(7);
    expect(s.strata).toHaveLength(1);
  });

  it('rejects a rate outside (0, 1]', () => {
    expect(() => drawSample(stations, { rate: 0, seed: 1 })).toThrow(RangeError);
    expect(() => drawSample(stations, { rate: 1.5, seed: 1 })).toThrow(RangeError);
  });
});
