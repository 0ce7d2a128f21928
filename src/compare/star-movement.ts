/**
 * The star-movement table: how many stations went from each of last year's
 * levels to each of this year's (rows: last year, then 新参评; columns: this
 * year, then 未参评). Pure.
 */
import type { StationComparison } from './types.js';

export interface StarMovement {
  /** Row labels: levels high to low, 无星级, 新参评. */
  rows: string[];
  /** Column labels: levels high to low, 无星级, 未参评. */
  columns: string[];
  /** counts[row][column]. */
  counts: number[][];
}

export function starMovement(rows: readonly StationComparison[], levels: readonly { level: number; name: string }[]): StarMovement {
  const ordered = [...levels].sort((a, b) => b.level - a.level);
  const index = new Map(ordered.map((l, i) => [l.level, i]));
  const none = ordered.length;
  const other = ordered.length + 1;
  const at = (stars: number | null | undefined) => (stars ? (index.get(stars) ?? none) : none);
  const counts = Array.from({ length: other + 1 }, () => new Array<number>(other + 1).fill(0));
  for (const r of rows) {
    const from = r.previous ? at(r.previous.stars) : other;
    const to = r.current ? at(r.current.stars) : other;
    counts[from][to]++;
  }
  const names = ordered.map((l) => l.name);
  return { rows: [...names, '无星级', '新参评'], columns: [...names, '无星级', '未参评'], counts };
}
