/**
 * Exact decimal helpers over big.js. Scores are never added as binary floats:
 * every JS number from the rubric or an entry becomes a Big (from its
 * shortest decimal form, so 0.1 is exactly 0.1), and results go back to JS
 * numbers only at the very end.
 */
import Big from 'big.js';

export { Big };

export const ZERO = new Big(0);

/**
 * Bigs of the numbers seen so far: a rubric's points, options and tiers recur
 * for every station of a batch, and parsing a number into a Big (via its
 * decimal string) was a tenth of scoring one. Bigs are immutable (every
 * operation returns a new one), so sharing them is safe. Bounded.
 */
const BIG_CACHE = new Map<number, Big>();
const BIG_CACHE_LIMIT = 10_000;

export function big(n: number | Big): Big {
  if (typeof n !== 'number') return n;
  let b = BIG_CACHE.get(n);
  if (b === undefined) {
    b = new Big(n);
    if (BIG_CACHE.size >= BIG_CACHE_LIMIT) BIG_CACHE.clear();
    if (!Object.is(n, -0)) BIG_CACHE.set(n, b);
  }
  return b;
}

/** A Big as a plain JS number: 972.2 stays 972.2 (shortest round trip). */
export function toNumber(b: Big): number {
  const n = Number(b.toString());
  return Object.is(n, -0) ? 0 : n;
}

export function toNumberOrNull(b: Big | null | undefined): number | null {
  return b == null ? null : toNumber(b);
}

/** Decimal digits of a finite number as written: 1.25 → 2, 10 → 0. */
export function decimalsOf(n: number | Big): number {
  const b = big(n);
  return Math.max(0, b.c.length - b.e - 1);
}

/** Round half up (away from zero for .5) to `digits` decimals. */
export function roundHalfUp(b: Big, digits: number): Big {
  return b.round(digits, Big.roundHalfUp);
}

/**
 * n / d rounded half up to `digits` decimals, exactly (no intermediate
 * truncation): q = floor(n·10^digits / d); one more when the remainder is at
 * least half of d. Requires n ≥ 0 and d > 0.
 */
export function divRoundHalfUp(n: Big, d: Big, digits: number): Big {
  const scaled = n.times(new Big(10).pow(digits));
  // floor of scaled / d: compute with generous precision, then correct exactly.
  let q = scaled.div(d).round(0, Big.roundDown);
  while (q.times(d).gt(scaled)) q = q.minus(1);
  while (q.plus(1).times(d).lte(scaled)) q = q.plus(1);
  const rem = scaled.minus(q.times(d));
  if (rem.times(2).gte(d)) q = q.plus(1);
  return q.div(new Big(10).pow(digits));
}

export function maxBig(a: Big, b: Big): Big {
  return a.gte(b) ? a : b;
}

export function minBig(a: Big, b: Big): Big {
  return a.lte(b) ? a : b;
}

export function sumBig(values: Iterable<Big>): Big {
  let s = ZERO;
  for (const v of values) s = s.plus(v);
  return s;
}

/** For messages: the shortest decimal form ("25", "0.5", "972.2"). */
export function fmt(n: Big | number): string {
  return String(toNumber(big(n)));
}
