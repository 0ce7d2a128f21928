/**
 * Province statistics from the station rows: ranking, star distribution,
 * per-county figures and module averages. Pure; exact (big.js) where numbers
 * are added up.
 */
import Big from 'big.js';
import { cmp } from '../util/compare.js';
import type { RosterStation, StationRow } from './station-row.js';

export interface RankedRow extends StationRow {
  /** Competition ranking by total (1, 2, 2, 4 …). */
  rank: number;
}

/** Sort by total (desc), then county and name, and rank with ties sharing a rank. */
/**
 * The ranking of 站点总表 and 总览.pdf: by the level awarded first (highest
 * first; no level last), then by the final total, then county, name, file. A
 * vetoed station, or an unverified one held below a level by the rubric
 * (verified-only levels), thus ranks where its level puts it, never above a
 * station of a higher level with a lower total. Equal level and total share a rank.
 */
export function rankRows<T extends StationRow>(rows: readonly T[]): (T & { rank: number })[] {
  const level = (r: StationRow) => r.stars ?? 0;
  const sorted = [...rows].sort((a, b) => level(b) - level(a) || b.total - a.total || cmp(a.county, b.county) || cmp(a.name, b.name) || cmp(a.file, b.file));
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.total !== sorted[i - 1].total || level(row) !== level(sorted[i - 1])) rank = i + 1;
    return { ...row, rank };
  });
}

export { cmp };

export interface NumberSummary {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** Mean and median rounded half-up to `digits`; min and max as they are. */
export function summarise(values: readonly number[], digits: number): NumberSummary {
  if (values.length === 0) return { count: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((acc, v) => acc.plus(v), new Big(0));
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? new Big(sorted[mid]) : new Big(sorted[mid - 1]).plus(sorted[mid]).div(2);
  return {
    count: sorted.length,
    mean: Number(sum.div(sorted.length).round(digits, Big.roundHalfUp).toFixed(digits)),
    median: Number(median.round(digits, Big.roundHalfUp).toFixed(digits)),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

export interface CountyStats {
  county: string;
  /** Stations in the roster (null when no roster was given). */
  rostered: number | null;
  submitted: number;
  missing: number;
  spotChecked: number;
  totals: NumberSummary;
  /** Count per star level, index = level (0 = no star). */
  stars: number[];
}

export function countyStats(rows: readonly StationRow[], roster: readonly RosterStation[] | undefined, missing: readonly RosterStation[], maxLevel: number, digits: number): CountyStats[] {
  const byCounty = groupBy(rows, (r) => r.county);
  const rosterByCounty = groupBy(roster ?? [], (r) => r.county);
  const missingByCounty = groupBy(missing, (m) => m.county);
  const counties = new Set<string>([...byCounty.keys(), ...rosterByCounty.keys()]);
  return [...counties].sort(cmp).map((county) => {
    const mine = byCounty.get(county) ?? [];
    const stars = new Array<number>(maxLevel + 1).fill(0);
    for (const r of mine) stars[r.stars ?? 0]++;
    return {
      county,
      rostered: roster ? (rosterByCounty.get(county)?.length ?? 0) : null,
      submitted: mine.length,
      missing: missingByCounty.get(county)?.length ?? 0,
      spotChecked: mine.filter((r) => r.verified).length,
      totals: summarise(
        mine.map((r) => r.total),
        digits,
      ),
      stars,
    };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Count per star level over all rows, index = level (0 = no star). */
export function starCounts(rows: readonly StationRow[], maxLevel: number): number[] {
  const stars = new Array<number>(maxLevel + 1).fill(0);
  for (const r of rows) stars[r.stars ?? 0]++;
  return stars;
}

/** Mean of each module's final score over all rows (exact sum, rounded to digits). */
export function moduleMeans(rows: readonly StationRow[], moduleCount: number, digits: number): (number | null)[] {
  return Array.from(
    { length: moduleCount },
    (_, i) =>
      summarise(
        rows.map((r) => r.modules[i]),
        digits,
      ).mean,
  );
}
