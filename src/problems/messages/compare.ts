/**
 * Year over year (`compare`, `batch --previous`): matching this year's
 * stations with last year's (src/compare/match-years.ts). Joined in
 * ../catalogue.ts.
 */
import type { AreaCatalogue, StationRef } from '../catalogue.js';

/** Which year's results a station or a code belongs to. */
export type YearSide = 'previous' | 'current';

export interface CompareParams {
  /** A station code held by several stations of one year: that year's stations are not matched by code. */
  CODE_DUPLICATE: { side: YearSide; code: string; stations: StationRef[] };
  /** A mapping row whose old (previous) or new (current) station is in no result of that year. */
  MAPPING_UNMATCHED: { side: YearSide; station: StationRef };
  /** A mapping row whose station fits several stations of that year. */
  MAPPING_AMBIGUOUS: { side: YearSide; station: StationRef; candidates: StationRef[] };
  /** A mapping row for a station already matched by its station code. */
  MAPPING_IGNORED: { side: 'current'; station: StationRef; previous: StationRef } | { side: 'previous'; station: StationRef };
  /** One old station mapped to several new ones (a split): only the first row is used. */
  MAPPING_SPLIT: { station: StationRef };
  /**
   * A station that fits several of the other year's stations (`side`: the
   * year holding the candidates); `previous`: the station of last year that
   * several of this year's fit.
   */
  MATCH_AMBIGUOUS: { side: 'previous'; station: StationRef; candidates: StationRef[] } | { side: 'current'; station: StationRef; previous: StationRef; candidates: StationRef[] };
  /** This year's station and last year's have the same name but different counties: never matched. */
  MATCH_OTHER_COUNTY: { station: StationRef; previous: StationRef };
}

const zhName = (s: StationRef) => (s.county && !s.name.startsWith(s.county) ? `${s.county} ${s.name}` : s.name);
const enName = (s: StationRef) => (s.county && !s.name.startsWith(s.county) ? `${s.name} (${s.county})` : s.name);
const zhYear = (side: YearSide) => (side === 'previous' ? '上年度' : '本年度');
const enYear = (side: YearSide) => (side === 'previous' ? "last year's" : "this year's");
const zhList = (list: StationRef[]) => list.map(zhName).join('、');
const enList = (list: StationRef[]) => list.map(enName).join(', ');

export const zh: AreaCatalogue<CompareParams> = {
  CODE_DUPLICATE: (p) => `${zhYear(p.side)}结果中站点编码 ${p.code} 出现 ${p.stations.length} 次（${zhList(p.stations)}），不按编码匹配`,
  MAPPING_UNMATCHED: (p) => `对照表中的${p.side === 'previous' ? '原' : '现'}站点“${zhName(p.station)}”在${zhYear(p.side)}结果中找不到`,
  MAPPING_AMBIGUOUS: (p) =>
    `对照表中的${p.side === 'previous' ? '原' : '现'}站点“${zhName(p.station)}”在${zhYear(p.side)}结果中对应多个站点（${zhList(p.candidates)}），请填写${p.side === 'previous' ? '原' : '现'}所属县`,
  MAPPING_IGNORED: (p) =>
    p.side === 'current' ? `现站点“${zhName(p.station)}”已按站点编码匹配到上年度“${zhName(p.previous)}”，对照表这一行不采用` : `原站点“${zhName(p.station)}”已按站点编码匹配，对照表这一行不采用`,
  MAPPING_SPLIT: (p) => `原站点“${zhName(p.station)}”在对照表中对应多个现站点（拆分），只采用第一行`,
  MATCH_AMBIGUOUS: (p) =>
    p.side === 'previous'
      ? `本年度站点“${zhName(p.station)}”对应上年度多个站点（${zhList(p.candidates)}），无法判断是哪一个，按未匹配处理；请填写所属县(市、区)或站点编码，或在对照表中写明`
      : `本年度站点“${zhName(p.station)}”对应上年度“${zhName(p.previous)}”，但本年度有多个站点都对应它（${zhList(p.candidates)}），无法判断是哪一个，“${zhName(p.station)}”按未匹配处理；请填写所属县(市、区)或站点编码，或在对照表中写明`,
  MATCH_OTHER_COUNTY: (p) =>
    `本年度站点“${zhName(p.station)}”与上年度站点“${zhName(p.previous)}”同名但不属于同一个县(市、区)，未匹配；如确为同一站点，请核对所属县(市、区)，或在对照表中写明、填写站点编码`,
};

export const en: AreaCatalogue<CompareParams> = {
  CODE_DUPLICATE: (p) => `station code ${p.code} appears ${p.stations.length} times in ${enYear(p.side)} results (${enList(p.stations)}): not matched by code`,
  MAPPING_UNMATCHED: (p) => `the mapping's ${p.side === 'previous' ? 'old' : 'new'} station "${enName(p.station)}" is not in ${enYear(p.side)} results`,
  MAPPING_AMBIGUOUS: (p) =>
    `the mapping's ${p.side === 'previous' ? 'old' : 'new'} station "${enName(p.station)}" fits several stations of ${enYear(p.side)} results (${enList(p.candidates)}); fill in the ${p.side === 'previous' ? 'old' : 'new'} county`,
  MAPPING_IGNORED: (p) =>
    p.side === 'current'
      ? `new station "${enName(p.station)}" is already matched to last year's "${enName(p.previous)}" by station code: mapping row not used`
      : `old station "${enName(p.station)}" is already matched by station code: mapping row not used`,
  MAPPING_SPLIT: (p) => `old station "${enName(p.station)}" is mapped to several new stations (a split): only the first row is used`,
  MATCH_AMBIGUOUS: (p) =>
    p.side === 'previous'
      ? `this year's station "${enName(p.station)}" fits several of last year's (${enList(p.candidates)}): not matched; fill in the county or the station code, or use the mapping`
      : `this year's station "${enName(p.station)}" fits last year's "${enName(p.previous)}", but so do others this year (${enList(p.candidates)}): "${enName(p.station)}" not matched; fill in the county or the station code, or use the mapping`,
  MATCH_OTHER_COUNTY: (p) =>
    `this year's station "${enName(p.station)}" has the name of last year's "${enName(p.previous)}" but another county: not matched; if it is the same station, check the county, or use the mapping or a station code`,
};
