/**
 * Draw the spot-check sample (抽查样本): stratified by county with at least one
 * station per county, reproducible from the seed. Pure: the `sample` command
 * reads the roster and writes the workbook around it.
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
  /** Fraction to draw, 0 < rate ≤ 1. */
  rate: number;
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

export interface SampleStratum {
  county: string;
  stations: number;
  excluded: number;
  drawn: number;
}

export interface Sample {
  drawn: SampledStation[];
  strata: SampleStratum[];
}

/** A generator seeded from sha256(seed, stratum): adding a county does not change the others' draws. */
function rng(seed: number | string, stratum: string): () => number {
  return mulberry32(createHash('sha256').update(`${seed}\u0000${stratum}`).digest().readUInt32LE(0));
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

export function drawSample(candidates: readonly SampleCandidate[], options: SampleOptions): Sample {
  if (!(options.rate > 0 && options.rate <= 1)) throw new RangeError(`rate must be in (0, 1], got ${options.rate}`);
  const exclude = options.exclude ?? new Set<string>();
  const groups = new Map<string, SampleCandidate[]>();
  for (const c of candidates) {
    const stratum = options.byCounty === false ? '' : c.county;
    const list = groups.get(stratum) ?? [];
    list.push(c);
    groups.set(stratum, list);
  }

  const drawn: SampledStation[] = [];
  const strata: SampleStratum[] = [];
  for (const stratum of [...groups.keys()].sort()) {
    // Sort first so the draw does not depend on roster order.
    const all = groups.get(stratum)!.sort(byKey);
    const want = Math.max(1, Math.round(all.length * options.rate));
    const random = rng(options.seed, stratum);
    const eligible = shuffled(
      all.filter((c) => !exclude.has(c.key)),
      random,
    );
    const fallback = shuffled(
      all.filter((c) => exclude.has(c.key)),
      random,
    );
    const picked: SampledStation[] = eligible.slice(0, want);
    for (const c of fallback.slice(0, want - picked.length)) {
      picked.push({ ...c, note: '上年已抽查，本县区可抽站点不足，仍予抽取' });
    }
    picked.sort(byKey);
    drawn.push(...picked);
    strata.push({ county: stratum, stations: all.length, excluded: all.length - eligible.length, drawn: picked.length });
  }
  return { drawn, strata };
}
