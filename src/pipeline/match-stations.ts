/**
 * Match stations across files (self workbooks, spot checks, the roster) by
 * the normalised county + name key (`stationKey`). When a file leaves the
 * county out, a name that is unique across the other side still matches;
 * anything ambiguous is reported, never guessed.
 */
import { normaliseStationName, stationKey } from '../workbook/station-key.js';

export interface Named {
  name: string;
  county?: string;
}

export type MatchResult<T> =
  | { kind: 'exact'; match: T }
  /** Matched by name alone (one side has no county). */
  | { kind: 'by-name'; match: T }
  | { kind: 'ambiguous'; candidates: T[] }
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

  match(query: Named): MatchResult<T> {
    const exact = this.byKey.get(stationKey(query.name, query.county)) ?? [];
    if (exact.length === 1) return { kind: 'exact', match: exact[0] };
    if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
    // One side lacks the county: fall back to a name unique on this side.
    const byName = this.byName.get(namePart(query)) ?? [];
    const compatible = byName.filter((c) => !query.county || !c.county);
    if (compatible.length === 1) return { kind: 'by-name', match: compatible[0] };
    if (compatible.length > 1) return { kind: 'ambiguous', candidates: compatible };
    return { kind: 'none' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The normalised name without the county: two stations with this part equal and different counties are namesakes, never one station. */
export function nameKey(item: Named): string {
  return namePart(item);
}
