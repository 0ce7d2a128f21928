import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Big from 'big.js';
import { decimalsOf, divRoundHalfUp, fmt, toNumber } from '../../src/score/decimal.js';

describe('decimal helpers', () => {
  test('toNumber keeps short decimals exact', () => {
    expect(toNumber(new Big(0.1).plus(0.2))).toBe(0.3);
    expect(toNumber(new Big('972.2'))).toBe(972.2);
    expect(toNumber(new Big(0).times(-1))).toBe(0);
    expect(fmt(new Big('17.50'))).toBe('17.5');
  });
  test('decimalsOf', () => {
    expect(decimalsOf(10)).toBe(0);
    expect(decimalsOf(1.25)).toBe(2);
    expect(decimalsOf(0.1 + 0.2)).toBe(17);
    expect(decimalsOf(1500)).toBe(0);
  });
  test('divRoundHalfUp: exact halves round up', () => {
    expect(divRoundHalfUp(new Big(35), new Big(40), 1).toString()).toBe('0.9'); // 0.875 → 0.9
    expect(divRoundHalfUp(new Big('43.75'), new Big(1), 1).toString()).toBe('43.8');
    expect(divRoundHalfUp(new Big(1), new Big(3), 2).toString()).toBe('0.33');
    expect(divRoundHalfUp(new Big(2), new Big(3), 0).toString()).toBe('1');
    expect(divRoundHalfUp(new Big(1), new Big(8), 2).toString()).toBe('0.13'); // 0.125
  });
  test('divRoundHalfUp agrees with rounding the exact quotient', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 3 }), (n, d, p) => {
        // n/10 ÷ d/100: decimal inputs like the engine's.
        const N = new Big(n).div(10);
        const D = new Big(d).div(100);
        const exact = N.times(10 ** p).times(100); // scaled numerator over integer d: exact rational check
        const q = divRoundHalfUp(N, D, p).times(10 ** p);
        // q is an integer with |N·10^p/D − q| ≤ 1/2, ties going up.
        const diff = exact.minus(q.times(d)).times(2); // 2·(N·10^p − q·D)·100
        expect(diff.lt(d) && diff.gte(-d)).toBe(true);
      }),
    );
  });
});
