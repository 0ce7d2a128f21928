import { describe, expect, it } from 'vitest';
import { deviatingItems, formatDeviation, formatScore, minimumPoints, moduleMinimumAt, starsText, stationNotices } from '../../src/report/format.js';
import { fujianRubric, selfOnly, spotChecked } from './fixtures.js';

describe('report formatting', () => {
  it('formats scores exactly at the precision, half up', () => {
    expect(formatScore(972.2, 1)).toBe('972.2');
    expect(formatScore(0.1 + 0.2, 1)).toBe('0.3');
    expect(formatScore(2.25, 1)).toBe('2.3');
    expect(formatScore(1000, 0)).toBe('1000');
    expect(formatScore(null, 1, '—')).toBe('—');
    expect(formatDeviation(2.5, 1)).toBe('+2.5');
    expect(formatDeviation(-2, 1)).toBe('-2.0');
    expect(formatDeviation(0, 1)).toBe('0.0');
  });

  it('a value formatted at one precision does not leak into another (formatted values are cached)', () => {
    expect(formatScore(2.25, 1)).toBe('2.3');
    expect(formatScore(2.25, 2)).toBe('2.25');
    expect(formatScore(2.25, 0)).toBe('2');
    expect(formatScore(2.25, 1)).toBe('2.3');
    expect(formatScore(-0, 1)).toBe('0.0');
    expect(formatScore(-0.04, 1)).toBe('-0.0');
    for (let i = 0; i < 10_050; i++) formatScore(i / 8, 3); // past the cache's limit
    expect(formatScore(1.0625, 3)).toBe('1.063');
    expect(formatScore(12.5, 0)).toBe('13');
  });

  it('module minimums: percent of the module, points, per-module override', () => {
    expect(minimumPoints({ percent: 70 }, 150)).toBe(105);
    expect(minimumPoints({ percent: 35 }, 7.5)).toBe(2.625);
    expect(minimumPoints({ points: 12.5 }, 150)).toBe(12.5);
    expect(minimumPoints(undefined, 150)).toBeNull();
    const level = { level: 1, name: '一星级', minTotal: 600, moduleMinimum: { percent: 40 }, moduleMinimums: { '6': { points: 30 } }, requires: { controls: true, noVeto: true, verified: false } };
    expect(moduleMinimumAt(level, '1', 150)).toBe(60);
    expect(moduleMinimumAt(level, '6', 100)).toBe(30);
  });

  it('stars text', () => {
    expect(starsText(3, 5)).toBe('★★★☆☆');
    expect(starsText(null, 5)).toBe('无星级');
  });

  it('notices, most serious first', () => {
    expect(stationNotices(selfOnly, fujianRubric).map((n) => n.kind)).toEqual(['veto', 'incomplete', 'unverified', 'illustrative']);
    expect(stationNotices(spotChecked, fujianRubric).map((n) => n.kind)).toEqual(['verified', 'inflated', 'illustrative']);
  });

  it('deviating items: largest absolute deviation first, ties in document order', () => {
    expect(deviatingItems(spotChecked).map((i) => [i.id, i.deviation]).slice(0, 6)).toEqual([
      ['6.1.1', 10],
      ['1.1.1', 8],
      ['4.3.2', 7.5],
      ['5.5.1', 5.5],
      ['B2', 5],
      ['2.2.2', 4.5],
    ]);
    expect(deviatingItems(selfOnly)).toEqual([]);
  });
});
