/**
 * The message catalogue: every catalogued problem code, the parameters its
 * message takes, and one rendering per language. The compiler checks that
 * each language has every code and that call sites pass the parameters the
 * messages read.
 *
 * The codes come in areas, one file each: the core below (matching stations
 * across files, rubric import; rendered in ./messages-zh.ts and
 * ./messages-en.ts) and one module per area under ./messages/ that exports
 * its parameter interface and its `zh` and `en` renderings
 * (`AreaCatalogue<Params>`). An area joins with one `&` term in `MessageParams`
 * and one spread in each language below.
 */
import type { Lang } from '../util/lang.js';
import { en } from './messages-en.js';
import { zh } from './messages-zh.js';
import * as compare from './messages/compare.js';
import { engineEn, engineZh, type EngineParams } from './messages/engine.js';
import * as parties from './messages/parties.js';
import { rubricEn, rubricZh, type RubricParams } from './messages/rubric.js';
import { reportsEn, reportsZh, type ReportsParams } from './messages/reports.js';
import * as files from './messages/files.js';
import * as reader from './messages/reader.js';

/** A station as messages name it. */
export interface StationRef {
  name: string;
  county?: string;
}

/** Parameters of the core codes (./messages-zh.ts, ./messages-en.ts). */
export interface CoreParams {
  // ── matching stations across files (src/pipeline/plan.ts) ──
  /** Two or more self-assessment workbooks for one station. */
  DUPLICATE_STATION: { count: number; files: string[] };
  ROSTER_AMBIGUOUS: { candidates: StationRef[] };
  NOT_IN_ROSTER: { station: StationRef };
  SPOT_DUPLICATE: { station: StationRef; first: string };
  SPOT_AMBIGUOUS: { station: StationRef; files: string[] };
  SPOT_UNMATCHED: { station: StationRef };
  /** A spot-check record with the station's name but another county: never applied. */
  SPOT_OTHER_COUNTY: { station: StationRef; spot: StationRef };
  /** `score`: the spot-check file has no record of this station (not sampled). */
  SPOT_NOT_SAMPLED: { station: StationRef };
  SPOT_REPLACED: { source: string };
  SPOT_EMPTY: Record<string, never>;
  INTERNAL_ERROR: { stack: string };
  // ── rubric import: reading a published table (src/rubric/import) ──
  IMPORT_NO_SHEET: { sheet: string; sheets: string[] };
  IMPORT_NO_HEADER: { rows: number };
  IMPORT_POINTS_NOT_A_NUMBER: { text: string };
  IMPORT_POINTS_BLANK: { text: string };
  IMPORT_NO_ITEMS: { headerRow: number };
  /** A row below the header that is no item, module or total (a note): listed, not imported. */
  IMPORT_ROW_SKIPPED: { text: string };
  // ── rubric import: defects of the table, kept in the draft as printed ──
  IMPORT_MODULE_SUM: { id: string; name: string; declared: number; items: number };
  IMPORT_GROUP_SUM: { id: string; name: string; declared: number; items: number };
  IMPORT_TOTAL: { declared: number; modules: number };
  IMPORT_DUPLICATE_ID: { id: string; first: string };
  IMPORT_MODULE_POINTS_CONFLICT: { id: string; name: string; declared: number; other: number };
}

/** Every catalogued code and its parameters: the core and each area. */
export type MessageParams = CoreParams & compare.CompareParams & EngineParams & parties.PartiesParams & RubricParams & ReportsParams & reader.ReaderParams & files.FilesParams;

/**
 * Each code belongs to one area: a code in two areas would take the later
 * spread's message and the intersection of both parameter types. Fails to
 * compile (naming the codes) when two areas share one.
 */
export type AreasDisjoint = Assert<
  [Overlaps<[CoreParams, compare.CompareParams, EngineParams, parties.PartiesParams, RubricParams, ReportsParams, reader.ReaderParams, files.FilesParams]>] extends [never]
    ? true
    : { sharedCodes: Overlaps<[CoreParams, compare.CompareParams, EngineParams, parties.PartiesParams, RubricParams, ReportsParams, reader.ReaderParams, files.FilesParams]> }
>;
type Assert<T extends true> = T;
type KeysOf<T> = T extends unknown ? keyof T : never;
type Overlaps<T extends unknown[]> = T extends [infer Head, ...infer Rest] ? Extract<keyof Head, KeysOf<Rest[number]>> | Overlaps<Rest> : never;

export type MessageCode = keyof MessageParams;

/** The renderings of one area's codes in one language. */
export type AreaCatalogue<P> = { readonly [C in keyof P]: (params: P[C]) => string };

export type Catalogue = AreaCatalogue<MessageParams>;

export const catalogues: Record<Lang, Catalogue> = {
  zh: { ...zh, ...compare.zh, ...engineZh, ...parties.zh, ...rubricZh, ...reportsZh, ...reader.zh, ...files.zh },
  en: { ...en, ...compare.en, ...engineEn, ...parties.en, ...rubricEn, ...reportsEn, ...reader.en, ...files.en },
};

export function isCatalogued(code: string): code is MessageCode {
  return Object.hasOwn(catalogues.zh, code);
}
