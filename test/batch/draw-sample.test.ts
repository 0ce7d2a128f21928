import { describe, expect, it } from 'vitest';
import { drawSample, meetsRate, parseRate, shareOf, type SampleCandidate } from '../../src/batch/draw-sample.js';
import { must } from '../../src/util/must.js';

function roster(counts: Record<string, number>): SampleCandidate[] {
  const out: SampleCandidate[] = [];
  for (const [county, n] of Object.entries(counts)) {
    for (let i = 1; i <= n; i++) out.push({ key: `${county}|站${String(i).padStart(2, '0')}`, name: `站${i}`, county });
  }
  return out;
}

describe('drawSample', () => {
  const stations = roster({ 甲县: 10, 乙县: 3, 丙县: 1 });

  it('gives each county its share rounded, at least one, and the total at least ⌈N × rate⌉', () => {
    const s = drawSample(stations, { rate: 0.3, seed: 7 });
    expect(s.strata).toEqual([
      { county: '丙县', stations: 1, excluded: 0, share: '0.3', rounding: 'minimum', drawn: 1 },
      { county: '乙县', stations: 3, excluded: 0, share: '0.9', rounding: 'minimum', drawn: 1 },
      { county: '甲县', stations: 10, excluded: 0, share: '3', rounding: 'exact', drawn: 3 },
    ]);
    expect(s.target).toBe(5); // ⌈14 × 0.3⌉ = ⌈4.2⌉
    expect(s.drawn).toHaveLength(5);
    expect(meetsRate(s)).toBe(true);
  });

  it('never falls below the rate where rounding each county to nearest would (10 counties × 4 stations at 30%)', () => {
    // Each county's share is 1.2: rounding to nearest gives 1 each, 10 of 40 = 25% < 30%.
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10; i++) counts[`县${i}`] = 4;
    const s = drawSample(roster(counts), { rate: 0.3, seed: 2024 });
    expect(s.target).toBe(12);
    expect(s.drawn).toHaveLength(12); // exactly ⌈40 × 0.3⌉, 30%
    expect(s.strata.map((x) => x.drawn).sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    expect(s.strata.filter((x) => x.rounding === 'up')).toHaveLength(2);
    expect(s.strata.filter((x) => x.rounding === 'down')).toHaveLength(8);
    expect(meetsRate(s)).toBe(true);
    // Ties are broken by the seed: another seed may pick other counties, never another count.
    const other = drawSample(roster(counts), { rate: 0.3, seed: 1 });
    expect(other.drawn).toHaveLength(12);
  });

  it('gives the extra stations to the largest fractional shares, then to larger counties', () => {
    // Shares at 0.3: 甲 7 → 2.1, 乙 8 → 2.4, 丙 9 → 2.7, 丁 6 → 1.8; N = 30, target 9; floors 2+2+2+1 = 7.
    const s = drawSample(roster({ 甲: 7, 乙: 8, 丙: 9, 丁: 6 }), { rate: 0.3, seed: 5 });
    const by = Object.fromEntries(s.strata.map((x) => [x.county, [x.share, x.rounding, x.drawn]]));
    expect(by).toEqual({
      丁: ['1.8', 'up', 2],
      丙: ['2.7', 'up', 3],
      乙: ['2.4', 'down', 2],
      甲: ['2.1', 'down', 2],
    });
    expect(s.drawn).toHaveLength(9);
    // Equal remainders: the larger county first (乙 5 → 1.5 and 甲 15 → 4.5 at 0.3; N 20, target 6, floors 1 + 4).
    const tie = drawSample(roster({ 甲: 15, 乙: 5 }), { rate: 0.3, seed: 5 });
    expect(tie.strata.map((x) => [x.county, x.drawn, x.rounding])).toEqual([
      ['乙', 1, 'down'],
      ['甲', 5, 'up'],
    ]);
  });

  it('draws more than the target only when one station per county already exceeds it', () => {
    // 5 counties of 2 at 10%: target ⌈1⌉ = 1, but every county gets one.
    const s = drawSample(roster({ A: 2, B: 2, C: 2, D: 2, E: 2 }), { rate: 0.1, seed: 3 });
    expect(s.target).toBe(1);
    expect(s.drawn).toHaveLength(5);
    expect(s.strata.every((x) => x.rounding === 'minimum')).toBe(true);
  });

  it('meets the rate for every rate from 1% to 100% on an uneven roster', () => {
    const uneven = roster({ 甲: 1, 乙: 2, 丙: 3, 丁: 7, 戊: 11, 己: 13, 庚: 29, 辛: 64 }); // 130 stations
    for (let pct = 1; pct <= 100; pct++) {
      const s = drawSample(uneven, { rate: `${pct}%`, seed: pct });
      expect(s.drawn.length * 100).toBeGreaterThanOrEqual(130 * pct);
      const floors = [1, 2, 3, 7, 11, 13, 29, 64].reduce((sum, n) => sum + Math.max(1, Math.floor((n * pct) / 100)), 0);
      expect(s.drawn.length).toBe(Math.max(Math.ceil((130 * pct) / 100), floors));
      expect(new Set(s.drawn.map((d) => d.key)).size).toBe(s.drawn.length);
      for (const x of s.strata) expect(x.drawn).toBeLessThanOrEqual(x.stations);
    }
    expect(drawSample(uneven, { rate: 0.3, seed: 1 }).drawn).toHaveLength(39); // ⌈130 × 0.3⌉ = 39
    expect(drawSample(uneven, { rate: 1, seed: 1 }).drawn).toHaveLength(130);
  });

  it('is reproducible from the seed and independent of roster order', () => {
    const a = drawSample(stations, { rate: 0.3, seed: 42 });
    const b = drawSample([...stations].reverse(), { rate: 0.3, seed: 42 });
    expect(b.drawn.map((d) => d.key)).toEqual(a.drawn.map((d) => d.key));
  });

  it('different seeds give different samples', () => {
    const keys = new Set<string>();
    for (let seed = 1; seed <= 20; seed++)
      keys.add(
        drawSample(stations, { rate: 0.3, seed })
          .drawn.map((d) => d.key)
          .join(),
      );
    expect(keys.size).toBeGreaterThan(5);
  });

  it('skips stations checked last year unless the county has nobody else', () => {
    const exclude = new Set(['丙县|站01', '乙县|站01', '乙县|站02']);
    const s = drawSample(stations, { rate: 0.3, seed: 1, exclude });
    const drawn = s.drawn.map((d) => d.key);
    expect(drawn).toContain('乙县|站03');
    expect(drawn).not.toContain('乙县|站01');
    const bing = must(s.drawn.find((d) => d.county === '丙县'));
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
    expect(() => parseRate('abc')).toThrow(RangeError);
    expect(() => parseRate('101%')).toThrow(RangeError);
    expect(() => parseRate('-0.3')).toThrow(RangeError);
  });

  it('parses rates exactly', () => {
    expect(parseRate(0.3)).toEqual({ num: 3n, den: 10n, text: '0.3' });
    expect(parseRate('30%')).toEqual({ num: 3n, den: 10n, text: '0.3' });
    expect(parseRate('12.5%')).toEqual({ num: 125n, den: 1000n, text: '0.125' });
    expect(parseRate('.25')).toEqual({ num: 25n, den: 100n, text: '0.25' });
    expect(parseRate(1)).toEqual({ num: 1n, den: 1n, text: '1' });
    expect(shareOf(14, parseRate(0.3))).toBe('4.2');
    expect(shareOf(10, parseRate(0.3))).toBe('3');
  });
});
