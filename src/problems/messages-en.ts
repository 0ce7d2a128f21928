/** Problem messages in English. Parameters: ./catalogue.ts. */
import type { AreaCatalogue, CoreParams, StationRef } from './catalogue.js';

/** "示例县 城关镇"; the county is left out when the name already starts with it. */
export function stationEn(s: StationRef): string {
  return s.county && !s.name.startsWith(s.county) ? `${s.county} ${s.name}` : s.name;
}

export const en: AreaCatalogue<CoreParams> = {
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
  IMPORT_NO_SHEET: (p) => `no sheet named "${p.sheet}" (sheets: ${p.sheets.join(', ')})`,
  IMPORT_NO_HEADER: (p) => `no header in the first ${p.rows} rows: a points column (分值/标准分/满分) and at least one text column (标准要求/评估内容, 评分标准, 二级指标 …) are needed`,
  IMPORT_POINTS_NOT_A_NUMBER: (p) => `the points "${p.text}" are not a number (expected 0 or more, e.g. 10 or 2.5)`,
  IMPORT_POINTS_BLANK: (p) => `this row has content or a rule but no points (${p.text})`,
  IMPORT_NO_ITEMS: (p) => `row ${p.headerRow} is a header but no row below it has points`,
  IMPORT_ROW_SKIPPED: (p) => `not an item (no points and no rule text), not imported: ${p.text}`,
  IMPORT_MODULE_SUM: (p) => `module ${p.id} "${p.name}" declares ${p.declared}, its items add up to ${p.items}`,
  IMPORT_GROUP_SUM: (p) => `indicator ${p.id} "${p.name}" declares ${p.declared}, its items add up to ${p.items}`,
  IMPORT_TOTAL: (p) => `the total row says ${p.declared}, the modules add up to ${p.modules}`,
  IMPORT_DUPLICATE_ID: (p) => `the number ${p.id} appears twice (already at ${p.first})`,
  IMPORT_MODULE_POINTS_CONFLICT: (p) => `module ${p.id} "${p.name}" is given ${p.other} here but ${p.declared} above (the draft keeps ${p.declared})`,
};
