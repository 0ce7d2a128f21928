/**
 * Draw the spot-check sample (抽查样本): stratified by county, reproducible from
 * the seed. Pure: the `sample` command reads the roster and writes the workbook
 * around it.
 *
 * Published rules give the rate as a minimum ("抽查率不少于30%"), so the sample
 * never falls below it. How many each county gives (largest remainder, Hamilton's
 * method), in exact integer arithmetic (0.3 × 10 is 3, not 3.0000000000000004):
 *
 *   1. target = ⌈N × rate⌉ over the whole roster (N stations);
 *   2. each county first gets ⌊n × rate⌋ of its n stations, and at least 1;
 *   3. while the counties hold fewer than the target, one more goes to the county
 *      whose share n × rate has the largest fractional part (ties: larger county
 *      first, then a draw from the seed), each county at most once.
 *
 * So every county gets its exact share rounded down or up (or 1 when its share is
 * below 1), and the total is ⌈N × rate⌉, or more only when the one-per-county
 * minimum alone exceeds it. `drawn / N ≥ rate` always holds.
 */
import { createHash } from 'node:crypto';
import { mulberry32 } from '../util/random.js';

export interface SampleCandidate {
  /** Stable key (normalised county + name, or the station code). */
  key: string;
  name: string;
  county: string;
}

export interface SampleOptions {
  /** Fraction to draw, 0 < rate ≤ 1: a number (0.3) or its decimal text ("0.3", "30%"). */
  rate: number | string;
  seed: number | string;
  /** Stratify by county (default true). */
  byCounty?: boolean;
  /** Keys of stations checked last year: drawn only when a county has nobody else. */
  exclude?: ReadonlySet<string>;
}

export interface SampledStation extends SampleCandidate {
  /** Why this one is in the sample when it was meant to be excluded. */
  note?: string;
}

/**
 * How a county's exact share was rounded: `exact` (a whole number), `down`,
 * `up` (largest remainder), `minimum` (share below 1, raised to 1 station).
 */
export type ShareRounding = 'exact' | 'down' | 'up' | 'minimum';

export interface SampleStratum {
  county: string;
  stations: number;
  excluded: number;
  /** The exact share n × rate as a decimal string, e.g. "4.2". */
  share: string;
  rounding: ShareRounding;
  drawn: number;
}

export interface Sample {
  drawn: SampledStation[];
  strata: SampleStratum[];
  /** The rate as an exact fraction. */
  rate: Rate;
  /** Stations in the roster. */
  stations: number;
  /** ⌈stations × rate⌉: the fewest the rate allows. */
  target: number;
}

/** A rate as an exact fraction num / den (den a power of ten). */
export interface Rate {
  num: bigint;
  den: bigint;
  /** The decimal text, e.g. "0.3". */
  text: string;
}

/**
 * Parse "0.3", "30%", ".25" or a number into an exact fraction. Throws a
 * RangeError outside (0, 1] or for anything that is not a plain decimal.
 */
export function parseRate(rate: number | string): Rate {
  let text = typeof rate === 'number' ? numberText(rate) : rate.trim();
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  const frac = m?.[2] ?? ''; // an optional group
  if (!m || (m[1] === '' && frac === '')) throw new RangeError(`rate must be a decimal fraction such as 0.3 or 30%, got "${String(rate)}"`);
  let num = BigInt(`${m[1]}${frac}` || '0');
  let den = 10n ** BigInt(frac.length);
  if (percent) den *= 100n;
  if (num === 0n || num > den) throw new RangeError(`rate must be in (0, 1], got "${String(rate)}"`);
  // Reduce by common powers of ten so the text stays short ("30%" → 3/10 → "0.3").
  while (num % 10n === 0n && den % 10n === 0n) {
    num /= 10n;
    den /= 10n;
  }
  return { num, den, text: decimalText(num, den) };
}

/** The shortest round-trip text of a number, without exponent. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** num / den as a decimal string; den is a power of ten. */
function decimalText(num: bigint, den: bigint): string {
  const digits = den.toString().length - 1;
  const whole = num / den;
  if (digits === 0) return whole.toString();
  const frac = (num % den).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** A generator seeded from sha256(seed, stratum): adding a county does not change the others' draws. */
function rng(seed: number | string, stratum: string): () => number {
  return mulberry32(createHash('sha256').update(`${seed}\u0000${stratum}`).digest().readUInt32LE(0));
}

/** A tie-break key for a county, from the seed: which of two equal counties gets the extra station. */
function tieKey(seed: number | string, stratum: string): string {
  return createHash('sha256').update(`${seed}\u0000tie\u0000${stratum}`).digest('hex');
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const byKey = (a: SampleCandidate, b: SampleCandidate) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface Allotment {
  stratum: string;
  stations: number;
  /** n × num, the share scaled by den. */
  scaled: bigint;
  want: number;
  rounding: ShareRounding;
}

/** Stations per stratum: largest remainder on ⌈N × rate⌉, at least one each (see the file comment). */
function allot(sizes: [string, number][], rate: Rate, seed: number | string): { allotments: Allotment[]; target: number } {
  const total = sizes.reduce((s, [, n]) => s + n, 0);
  const target = Number((BigInt(total) * rate.num + rate.den - 1n) / rate.den);
  const allotments: Allotment[] = sizes.map(([stratum, n]) => {
    const scaled = BigInt(n) * rate.num;
    const floor = Number(scaled / rate.den);
    const exact = scaled % rate.den === 0n;
    if (floor === 0) return { stratum, stations: n, scaled, want: 1, rounding: 'minimum' };
    return { stratum, stations: n, scaled, want: floor, rounding: exact ? 'exact' : 'down' };
  });
  let held = allotments.reduce((s, a) => s + a.want, 0);
  const candidates = allotments
    .filter((a) => a.rounding === 'down')
    .map((a) => ({ a, remainder: a.scaled % rate.den, tie: tieKey(seed, a.stratum) }))
    .sort((x, y) => (x.remainder !== y.remainder ? (y.remainder > x.remainder ? 1 : -1) : x.a.stations !== y.a.stations ? y.a.stations - x.a.stations : x.tie < y.tie ? -1 : x.tie > y.tie ? 1 : 0));
  for (const c of candidates) {
    if (held >= target) break;
    c.a.want += 1;
    c.a.rounding = 'up';
    held += 1;
  }
  return { allotments, target };
}

export function drawSample(candidates: readonly SampleCandidate[], options: SampleOptions): Sample {
  const rate = parseRate(options.rate);
  const exclude = options.exclude ?? new Set<string>();
  const groups = new Map<string, SampleCandidate[]>();
  for (const c of candidates) {
    const stratum = options.byCounty === false ? '' : c.county;
    const list = groups.get(stratum) ?? [];
    list.push(c);
    groups.set(stratum, list);
  }
  const names = [...groups.keys()].sort();
  const { allotments, target } = allot(
    names.map((s) => [s, groups.get(s)?.length ?? 0]),
    rate,
    options.seed,
  );

  const drawn: SampledStation[] = [];
  const strata: SampleStratum[] = [];
  for (const a of allotments) {
    // Sort first so the draw does not depend on roster order.
    const all = (groups.get(a.stratum) ?? []).sort(byKey);
    const random = rng(options.seed, a.stratum);
    const eligible = shuffled(
      all.filter((c) => !exclude.has(c.key)),
      random,
    );
    const fallback = shuffled(
      all.filter((c) => exclude.has(c.key)),
      random,
    );
    const picked: SampledStation[] = eligible.slice(0, a.want);
    for (const c of fallback.slice(0, a.want - picked.length)) {
      picked.push({ ...c, note: '上年已抽查，本县区可抽站点不足，仍予抽取' });
    }
    picked.sort(byKey);
    drawn.push(...picked);
    strata.push({
      county: a.stratum,
      stations: all.length,
      excluded: all.length - eligible.length,
      share: decimalText(a.scaled, rate.den),
      rounding: a.rounding,
      drawn: picked.length,
    });
  }
  return { drawn, strata, rate, stations: candidates.length, target };
}

/** n × rate as a decimal string, e.g. shareOf(14, 0.3) = "4.2". */
export function shareOf(n: number, rate: Rate): string {
  return decimalText(BigInt(n) * rate.num, rate.den);
}

/** drawn / stations ≥ rate, compared exactly. */
export function meetsRate(sample: Pick<Sample, 'drawn' | 'stations' | 'rate'>): boolean {
  return BigInt(sample.drawn.length) * sample.rate.den >= BigInt(sample.stations) * sample.rate.num;
}
