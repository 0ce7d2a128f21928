/**
 * A StationResult reduced to what year-over-year comparison needs, and the
 * evaluation year of a result.
 */
import type { StationMeta, StationResult } from '../score/types.js';
import { stationKey } from '../workbook/station-key.js';
import type { CertificateState, CertificateRule, YearRecord } from './types.js';
import { must } from '../util/must.js';

/** Extra field a result carries when written by `batch --previous`: the certificate after that year. */
export type ResultWithCertificate = StationResult & { certificate?: CertificateState & { rule?: CertificateRule; reason?: string } };

/** 2024, "2024", "2024年度", "2024 年" → 2024; anything else → null. */
export function yearOf(value: StationMeta['year']): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1900 && value <= 2200 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /(?:^|\D)((?:19|20|21)\d\d)(?:\D|$)/.exec(value.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

/** The year most results state (ties: the latest); null when none does. */
export function commonYear(years: Iterable<number | null>): number | null {
  const counts = new Map<number, number>();
  for (const y of years) if (y !== null) counts.set(y, (counts.get(y) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > must(counts.get(best)) || (n === must(counts.get(best)) && y > best)) best = y;
  return best;
}

export function toYearRecord(result: ResultWithCertificate): YearRecord {
  const items: Record<string, number | null> = {};
  const itemNames: Record<string, string> = {};
  for (const i of result.items) {
    items[i.id] = i.final;
    itemNames[i.id] = i.name;
  }
  const code = result.station.code?.trim();
  return {
    key: stationKey(result.station.name, result.station.county),
    name: result.station.name,
    county: result.station.county ?? '',
    ...(code ? { code } : {}),
    year: yearOf(result.station.year),
    total: result.total,
    stars: result.stars,
    starName: result.starName,
    rubric: { id: result.rubric.id, version: result.rubric.version, sha256: result.rubric.sha256 },
    modules: result.modules.map((m) => ({ id: m.id, name: m.name, max: m.max, final: m.final })),
    items,
    itemNames,
    ...(result.certificate ? { certificate: result.certificate } : {}),
  };
}
