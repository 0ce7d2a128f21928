import { describe, expect, test } from 'vitest';
import Big from 'big.js';
import { authoritativeParty, reconcile, toleranceFor } from '../../src/score/reconcile.js';
import { flatRubric } from './helpers.js';

describe('authoritativeParty', () => {
  test('the authority unless blank, else the other party', () => {
    expect(authoritativeParty('spot', false, false)).toBe('spot');
    expect(authoritativeParty('spot', false, true)).toBe('self');
    expect(authoritativeParty('self', true, false)).toBe('spot');
    expect(authoritativeParty('self', false, false)).toBe('self');
    expect(authoritativeParty('spot', true, true)).toBeNull();
  });
});

describe('toleranceFor', () => {
  test('points, percent of the scope maximum, the larger of both; none → null', () => {
    const max = new Big(40);
    expect(toleranceFor([{ scope: 'item', points: 3 }], 'item', max)?.toString()).toBe('3');
    expect(toleranceFor([{ scope: 'item', percent: 12.5 }], 'item', max)?.toString()).toBe('5');
    expect(toleranceFor([{ scope: 'item', points: 3, percent: 5 }], 'item', max)?.toString()).toBe('3');
    expect(toleranceFor([{ scope: 'total', points: 3 }], 'item', max)).toBeNull();
  });
});

describe('reconcile', () => {
  const r = flatRubric(
    [
      {
        id: '1',
        items: [
          { id: '1.1', points: 10 },
          { id: '1.2', points: 10 },
        ],
      },
    ],
    {
      reconciliation: { tolerance: [{ scope: 'item', points: 1 }], onInflation: { deductFactor: 0.25, maxStars: 0 } },
    },
  );
  const [i1, i2] = r.index.items;
  test('penalty rounds half up to the rubric precision; starCap when inflated', () => {
    // deviations 2.5 and 1.1: excess 1.5 + 0.1 = 1.6 × 0.25 = 0.4
    const rec = reconcile(r, [
      { item: i1, self: new Big(10), spot: new Big(7.5) },
      { item: i2, self: new Big(9.1), spot: new Big(8) },
    ]);
    expect([...rec.inflatedItems]).toEqual(['1.1', '1.2']);
    expect(rec.excess.toString()).toBe('1.6');
    expect(rec.penalty.toString()).toBe('0.4');
    expect(rec.starCap).toBe(0);
    // excess 1.3 × 0.25 = 0.325 → 0.3
    const rec2 = reconcile(r, [
      { item: i1, self: new Big(10), spot: new Big(7.7) },
      { item: i2, self: null, spot: new Big(1) },
    ]);
    expect(rec2.penalty.toString()).toBe('0.3');
    expect(rec2.totalDeviation?.toString()).toBe('2.3');
  });
  test('self below spot is never inflated; nothing scored by both → null deviations', () => {
    const rec = reconcile(r, [{ item: i1, self: new Big(2), spot: new Big(9) }]);
    expect(rec.inflated).toBe(false);
    expect(rec.totalDeviation?.toString()).toBe('-7');
    expect(rec.penalty.toString()).toBe('0');
    expect(reconcile(r, [{ item: i1, self: new Big(2), spot: null }]).totalDeviation).toBeNull();
  });
});
