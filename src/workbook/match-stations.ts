/**
 * Match stations across files (self workbooks, spot checks, the roster, last
 * year's results) by the normalised county + name key (`stationKey`). When a
 * file leaves the county out, a name that is unique across the other side
 * still matches; a station of the same name in another county never does (it
 * is named as a namesake); anything ambiguous is reported, never guessed.
 *
 * One matcher for the planner (src/pipeline/plan.ts: `score`, `verify`,
 * `batch`) and the year-over-year comparison (src/compare/match-years.ts).
 */
import { normaliseStationName, stationKey } from './station-key.js';

export interface Named {
  name: string;
  county?: string;
}

export type MatchResult<T> =
  | { kind: 'exact'; match: T }
  /** Matched by name alone (one side has no county). */
  | { kind: 'by-name'; match: T }
  | { kind: 'ambiguous'; candidates: T[] }
  /** Nothing matches, but stations of the same name in another county exist: never matched, named so a typo in a county is seen. */
  | { kind: 'other-county'; namesakes: T[] }
  | { kind: 'none' };

/** The name part of the key, without the county (a county prefix in the name is stripped). */
function namePart(item: Named): string {
  return stationKey(item.name, item.county).split('|')[1] ?? normaliseStationName(item.name);
}

export class StationIndex<T extends Named> {
  private readonly byKey = new Map<string, T[]>();
  private readonly byName = new Map<string, T[]>();

  constructor(items: Iterable<T>) {
    for (const item of items) {
      push(this.byKey, stationKey(item.name, item.county), item);
      push(this.byName, namePart(item), item);
    }
  }

  /** Keys held by more than one item (two workbooks for one station …). */
  duplicates(): T[][] {
    return [...this.byKey.values()].filter((list) => list.length > 1);
  }

  /**
   * The station `query` names. `accept` leaves candidates out before anything
   * is decided (`compare`: two stations with different station codes are
   * never one station).
   */
  match(query: Named, accept: (candidate: T) => boolean = () => true): MatchResult<T> {
    const exact = (this.byKey.get(stationKey(query.name, query.county)) ?? []).filter(accept);
    if (exact.length === 1) return { kind: 'exact', match: exact[0] };
    if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
    // One side lacks the county: fall back to a name unique on this side.
    const byName = (this.byName.get(namePart(query)) ?? []).filter(accept);
    const compatible = byName.filter((c) => !query.county || !c.county);
    if (compatible.length === 1) return { kind: 'by-name', match: compatible[0] };
    if (compatible.length > 1) return { kind: 'ambiguous', candidates: compatible };
    // Both have a county and the counties differ.
    if (byName.length > 0) return { kind: 'other-county', namesakes: byName };
    return { kind: 'none' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
