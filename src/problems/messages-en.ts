/** Problem messages in English. Parameters: ./catalogue.ts. */
import type { Catalogue, StationRef } from './catalogue.js';

/** "示例县 城关镇"; the county is left out when the name already starts with it. */
export function stationEn(s: StationRef): string {
  return s.county && !s.name.startsWith(s.county) ? `${s.county} ${s.name}` : s.name;
}

export const en: Catalogue = {
  DUPLICATE_STATION: (p) => `${p.count} self-assessment workbooks for one station (${p.files.join(', ')}): cannot tell which counts, none scored`,
  ROSTER_AMBIGUOUS: (p) => `the roster has several stations of this name (${p.candidates.map((c) => stationEn(c)).join(', ')}); fill in the county in the self-assessment`,
  NOT_IN_ROSTER: (p) => `station "${stationEn(p.station)}" is not in the roster (scored; check the name)`,
  SPOT_DUPLICATE: (p) => `station "${p.station.name}" has several spot-check records; only the first is used (${p.first})`,
  SPOT_AMBIGUOUS: (p) => `spot-check record "${p.station.name}" fits several stations (${p.files.join(', ')}); fill in the county`,
  SPOT_UNMATCHED: (p) => `spot-check record "${stationEn(p.station)}" has no self-assessment workbook (not submitted, or the names differ)`,
  SPOT_OTHER_COUNTY: (p) =>
    `spot-check record "${stationEn(p.spot)}" has the name of station "${stationEn(p.station)}" but another county: not applied; if it is the same station, correct the county in one of the files`,
  SPOT_NOT_SAMPLED: (p) => `"${stationEn(p.station)}" is not in the consolidated spot-check workbook; treated as not checked`,
  SPOT_REPLACED: (p) => `the spot-check columns of the self-assessment are replaced by the spot-check record in ${p.source}`,
  SPOT_EMPTY: () => 'the spot-check workbook has no spot-check scores (the 抽查 columns are empty)',
  INTERNAL_ERROR: (p) => `internal error (a bug; please report it): ${p.stack}`,
};
