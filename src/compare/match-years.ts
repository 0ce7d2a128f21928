/**
 * Pair this year's stations with last year's: by 站点编码 first, then the
 * mapping file (renames; several old rows to one new = a merger), then by the
 * rules every other matching in the tool follows (the planner's
 * `StationIndex`, src/workbook/match-stations.ts): the normalised county +
 * name; the name alone when one side lacks the county and the name is unique;
 * a station of the same name in another county never (MATCH_OTHER_COUNTY).
 * Years pair one to one: a pair is made only when each station is the other's
 * one match. Anything that fits more than one station is reported and left
 * unpaired: never guessed. Problems are catalogued (src/problems/messages/compare.ts).
 */
import type { StationRef } from '../problems/catalogue.js';
import type { Problem, ProblemLocation } from '../problems/problem.js';
import { problem } from '../problems/render.js';
import { StationIndex, type MatchResult } from '../workbook/match-stations.js';
import { normaliseCounty } from '../workbook/station-key.js';
import type { MatchKind } from './types.js';
import { must } from '../util/must.js';

export interface MatchableStation {
  name: string;
  county: string;
  code?: string;
}

/** One row of the mapping file: 原站点名称/原所属县 → 现站点名称/现所属县. */
export interface MappingRow {
  fromName: string;
  fromCounty?: string;
  toName: string;
  toCounty?: string;
  /** Where the row is (the file, sheet and the cell of its 原站点名称). */
  location?: ProblemLocation;
}

export interface YearMatch {
  /** Index into `current`. */
  current: number;
  /** Indexes into `previous` (several for a merger; empty when unmatched). */
  previous: number[];
  kind: MatchKind;
  note?: string;
}

export interface YearMatching {
  /** One per current station, in the order given. */
  matches: YearMatch[];
  /** Previous stations nobody took (未参评), in the order given. */
  absent: number[];
  /** Previous stations merged into a current one: index → current index. */
  mergedInto: Map<number, number>;
  problems: Problem[];
}

/** A station of one year in an index: its position and its record. */
interface Entry {
  i: number;
  name: string;
  county: string;
  s: MatchableStation;
}

const ref = (s: { name: string; county?: string }): StationRef => (s.county ? { name: s.name, county: s.county } : { name: s.name });
const entries = (list: readonly MatchableStation[], indexes: readonly number[]): Entry[] => indexes.map((i) => ({ i, name: list[i].name, county: list[i].county, s: list[i] }));
const found = <T>(m: MatchResult<T>): T | undefined => (m.kind === 'exact' || m.kind === 'by-name' ? m.match : undefined);

export function matchYears(previous: readonly MatchableStation[], current: readonly MatchableStation[], mapping: readonly MappingRow[] = []): YearMatching {
  const problems: Problem[] = [];
  const taken = new Set<number>();
  const result = new Array<YearMatch | undefined>(current.length).fill(undefined);
  const label = (s: MatchableStation) => `${s.county ? `${s.county} ` : ''}${s.name}`;

  // ── by code ──
  const prevByCode = groupIndexes(previous, (s) => normCode(s.code));
  const curByCode = groupIndexes(current, (s) => normCode(s.code));
  for (const [side, list, byCode] of [
    ['current', current, curByCode],
    ['previous', previous, prevByCode],
  ] as const) {
    for (const [code, idx] of byCode) {
      if (idx.length > 1) problems.push(problem('CODE_DUPLICATE', 'warning', {}, { side, code, stations: idx.map((i) => ref(list[i])) }));
    }
  }
  current.forEach((s, ci) => {
    const code = normCode(s.code);
    if (!code || must(curByCode.get(code)).length > 1) return;
    const p = prevByCode.get(code);
    if (p?.length === 1 && !taken.has(p[0])) {
      taken.add(p[0]);
      result[ci] = { current: ci, previous: [p[0]], kind: 'code' };
    }
  });
  const hasCode = (s: MatchableStation) => normCode(s.code) !== '';
  /** Two stations with different codes are never the same station. */
  const codesConflict = (a: MatchableStation, b: MatchableStation) => hasCode(a) && hasCode(b) && normCode(a.code) !== normCode(b.code);

  // ── by mapping: each side looked up by the same rules ──
  const mergedInto = new Map<number, number>();
  const byTarget = new Map<number, { rows: MappingRow[]; prev: number[] }>();
  const all = (list: readonly MatchableStation[]) => list.map((_, i) => i);
  const prevAll = mapping.length > 0 ? new StationIndex(entries(previous, all(previous))) : undefined;
  const curAll = mapping.length > 0 ? new StationIndex(entries(current, all(current))) : undefined;
  for (const row of mapping) {
    const where = row.location ?? {};
    const lookups = [
      ['previous', must(prevAll).match({ name: row.fromName, county: row.fromCounty }), { name: row.fromName, county: row.fromCounty }],
      ['current', must(curAll).match({ name: row.toName, county: row.toCounty }), { name: row.toName, county: row.toCounty }],
    ] as const;
    const unfound = lookups.find(([, m]) => !found(m));
    if (unfound) {
      const [side, m, station] = unfound;
      if (m.kind === 'ambiguous') problems.push(problem('MAPPING_AMBIGUOUS', 'warning', where, { side, station: ref(station), candidates: m.candidates.map(ref) }));
      else problems.push(problem('MAPPING_UNMATCHED', 'warning', where, { side, station: ref(station) }));
      continue;
    }
    const from = must(found(lookups[0][1])).i;
    const to = must(found(lookups[1][1])).i;
    const byCode = result[to];
    if (byCode?.kind === 'code') {
      problems.push(problem('MAPPING_IGNORED', 'warning', where, { side: 'current', station: ref(current[to]), previous: ref(previous[byCode.previous[0]]) }));
      continue;
    }
    if (taken.has(from)) {
      problems.push(problem('MAPPING_IGNORED', 'warning', where, { side: 'previous', station: ref(previous[from]) }));
      continue;
    }
    const group = byTarget.get(to) ?? { rows: [], prev: [] };
    if (group.prev.includes(from)) continue;
    if ([...byTarget.values()].some((g) => g.prev.includes(from))) {
      problems.push(problem('MAPPING_SPLIT', 'warning', where, { station: ref(previous[from]) }));
      continue;
    }
    group.rows.push(row);
    group.prev.push(from);
    byTarget.set(to, group);
  }
  for (const [ci, g] of byTarget) {
    for (const p of g.prev) taken.add(p);
    if (g.prev.length > 1) {
      for (const p of g.prev) mergedInto.set(p, ci);
      result[ci] = { current: ci, previous: g.prev, kind: 'merged', note: `由 ${g.prev.map((p) => label(previous[p])).join('、')} 合并` };
    } else {
      result[ci] = { current: ci, previous: g.prev, kind: 'mapping', note: `原名 ${label(previous[g.prev[0]])}` };
    }
  }

  // ── by county + name (the planner's rules), one to one ──
  const freePrev = new StationIndex(
    entries(
      previous,
      all(previous).filter((i) => !taken.has(i)),
    ),
  );
  const freeCur = new StationIndex(
    entries(
      current,
      all(current).filter((i) => !result[i]),
    ),
  );
  // First every pair (each station the other's one match), then what is left said: a
  // namesake or a candidate that another station of this year took is no question.
  const looked = current.map((s, ci) => (result[ci] ? undefined : freePrev.match(s, (x) => !codesConflict(x.s, s))));
  const pairedWith = new Map<number, number>();
  looked.forEach((m, ci) => {
    const p = m && found(m);
    if (!p || found(freeCur.match(p.s, (x) => !codesConflict(x.s, p.s)))?.i !== ci) return;
    const byKey = m.kind === 'exact' && normaliseCounty(current[ci].county) !== '';
    result[ci] = { current: ci, previous: [p.i], kind: byKey ? 'key' : 'name', ...(byKey ? {} : { note: '所属县缺失，按站点名称匹配' }) };
    pairedWith.set(p.i, ci);
  });
  for (const p of pairedWith.keys()) taken.add(p);
  const reported = new Set<string>();
  looked.forEach((m, ci) => {
    if (!m || result[ci]) return;
    const s = current[ci];
    const p = found(m);
    if (p) {
      // This station's one match has several of this year's (or took another): not paired.
      const back = freeCur.match(p.s, (x) => !codesConflict(x.s, p.s));
      const candidates = back.kind === 'ambiguous' ? back.candidates.map((c) => c.s) : [s, ...(found(back) ? [must(found(back)).s] : [])];
      const params = { side: 'current' as const, station: ref(s), previous: ref(p.s), candidates: candidates.map(ref) };
      // Namesakes of one key would say the same thing twice.
      const said = JSON.stringify(params);
      if (!reported.has(said)) problems.push(problem('MATCH_AMBIGUOUS', 'warning', {}, params));
      reported.add(said);
      result[ci] = { current: ci, previous: [], kind: 'ambiguous' };
      return;
    }
    if (m.kind === 'ambiguous' && m.candidates.some((c) => !taken.has(c.i))) {
      problems.push(problem('MATCH_AMBIGUOUS', 'warning', {}, { side: 'previous', station: ref(s), candidates: m.candidates.map((c) => ref(c.s)) }));
      result[ci] = { current: ci, previous: [], kind: 'ambiguous' };
      return;
    }
    if (m.kind === 'other-county') {
      for (const n of m.namesakes) if (!taken.has(n.i)) problems.push(problem('MATCH_OTHER_COUNTY', 'warning', {}, { station: ref(s), previous: ref(n.s) }));
    }
    result[ci] = { current: ci, previous: [], kind: 'none' };
  });

  const absent = previous.map((_, i) => i).filter((i) => !taken.has(i));
  return { matches: result as YearMatch[], absent, mergedInto, problems };
}

function normCode(code: string | undefined): string {
  return (code ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Indexes of the list grouped by key (empty keys left out). */
function groupIndexes<T>(list: readonly T[], keyOf: (t: T) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  list.forEach((item, i) => {
    const k = keyOf(item);
    if (k === '') return;
    const bucket = out.get(k) ?? [];
    bucket.push(i);
    out.set(k, bucket);
  });
  return out;
}
