/**
 * Pair this year's stations with last year's: by 站点编码 first, then the
 * mapping file (renames; several old rows to one new = a merger), then the
 * normalised county + name, then the name alone when one side lacks the
 * county and the name is unique. Anything that fits more than one station is
 * reported and left unpaired: never guessed.
 */
import { normaliseCounty, normaliseStationName, stationKey } from '../workbook/station-key.js';
import { parseLocation } from '../problems/render.js';
import type { ComparisonProblem, MatchKind } from './types.js';
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
  /** Where the row is, e.g. `对照表.xlsx › Sheet1!A3`. */
  source?: string;
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
  problems: ComparisonProblem[];
}

const nameOnly = (name: string) => normaliseStationName(name);

export function matchYears(previous: readonly MatchableStation[], current: readonly MatchableStation[], mapping: readonly MappingRow[] = []): YearMatching {
  // Found as sentences (Chinese) and returned as problems (below).
  const problems: { code: string; message: string; location?: string }[] = [];
  const taken = new Set<number>();
  const result = new Array<YearMatch | undefined>(current.length).fill(undefined);
  const label = (s: MatchableStation) => `${s.county ? `${s.county} ` : ''}${s.name}`;

  // ── by code ──
  const prevByCode = groupIndexes(previous, (s) => normCode(s.code));
  const curByCode = groupIndexes(current, (s) => normCode(s.code));
  for (const [code, idx] of curByCode) {
    if (idx.length > 1) {
      problems.push({ code: 'CODE_DUPLICATE', message: `本年度结果中站点编码 ${code} 出现 ${idx.length} 次（${idx.map((i) => label(current[i])).join('、')}），不按编码匹配` });
    }
  }
  for (const [code, idx] of prevByCode) {
    if (idx.length > 1) {
      problems.push({ code: 'CODE_DUPLICATE_PREVIOUS', message: `上年度结果中站点编码 ${code} 出现 ${idx.length} 次（${idx.map((i) => label(previous[i])).join('、')}），不按编码匹配` });
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

  // ── by mapping ──
  const mergedInto = new Map<number, number>();
  const byTarget = new Map<number, { rows: MappingRow[]; prev: number[] }>();
  const prevLookup = mapping.length > 0 ? lookup(previous) : undefined;
  const curLookup = mapping.length > 0 ? lookup(current) : undefined;
  for (const row of mapping) {
    const from = findOne(must(prevLookup), row.fromName, row.fromCounty);
    const to = findOne(must(curLookup), row.toName, row.toCounty);
    const where = row.source;
    if (from.kind !== 'one') {
      problems.push({
        code: from.kind === 'many' ? 'MAPPING_AMBIGUOUS' : 'MAPPING_UNMATCHED',
        message:
          from.kind === 'many'
            ? `对照表中的原站点“${row.fromCounty ?? ''} ${row.fromName}”在上年度结果中对应多个站点，请填写原所属县`
            : `对照表中的原站点“${row.fromCounty ?? ''} ${row.fromName}”在上年度结果中找不到`,
        location: where,
      });
      continue;
    }
    if (to.kind !== 'one') {
      problems.push({
        code: to.kind === 'many' ? 'MAPPING_AMBIGUOUS' : 'MAPPING_UNMATCHED',
        message:
          to.kind === 'many'
            ? `对照表中的现站点“${row.toCounty ?? ''} ${row.toName}”在本年度结果中对应多个站点，请填写现所属县`
            : `对照表中的现站点“${row.toCounty ?? ''} ${row.toName}”在本年度结果中找不到`,
        location: where,
      });
      continue;
    }
    if (result[to.index]?.kind === 'code') {
      problems.push({
        code: 'MAPPING_IGNORED',
        message: `现站点“${label(current[to.index])}”已按站点编码匹配到上年度“${label(previous[must(result[to.index]).previous[0]])}”，对照表这一行不采用`,
        location: where,
      });
      continue;
    }
    if (taken.has(from.index)) {
      problems.push({ code: 'MAPPING_IGNORED', message: `原站点“${label(previous[from.index])}”已按站点编码匹配，对照表这一行不采用`, location: where });
      continue;
    }
    const group = byTarget.get(to.index) ?? { rows: [], prev: [] };
    if (group.prev.includes(from.index)) continue;
    if ([...byTarget.values()].some((g) => g.prev.includes(from.index))) {
      problems.push({ code: 'MAPPING_SPLIT', message: `原站点“${label(previous[from.index])}”在对照表中对应多个现站点（拆分），只采用第一行`, location: where });
      continue;
    }
    group.rows.push(row);
    group.prev.push(from.index);
    byTarget.set(to.index, group);
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

  // ── by county + name, then by name alone ──
  const free = previous.map((_, i) => i).filter((i) => !taken.has(i));
  const prevByKey = groupItems(
    free.map((i) => ({ i, s: previous[i] })),
    (x) => stationKey(x.s.name, x.s.county),
  );
  const prevByName = groupItems(
    free.map((i) => ({ i, s: previous[i] })),
    (x) => nameOnly(x.s.name),
  );
  const curKeys = groupIndexes(current, (s) => stationKey(s.name, s.county));
  const curNameCount = new Map<string, number>();
  for (const c of current) curNameCount.set(nameOnly(c.name), (curNameCount.get(nameOnly(c.name)) ?? 0) + 1);
  current.forEach((s, ci) => {
    if (result[ci]) return;
    const key = stationKey(s.name, s.county);
    const sameKey = (prevByKey.get(key) ?? []).filter((x) => !taken.has(x.i) && !codesConflict(x.s, s));
    if (must(curKeys.get(key)).length > 1) {
      if (sameKey.length > 0)
        problems.push({ code: 'MATCH_AMBIGUOUS', message: `本年度有 ${must(curKeys.get(key)).length} 个站点都叫“${label(s)}”，无法判断哪个对应上年度的同名站点，均按未匹配处理` });
      result[ci] = { current: ci, previous: [], kind: sameKey.length > 0 ? 'ambiguous' : 'none' };
      return;
    }
    if (sameKey.length === 1 && normaliseCounty(s.county) !== '') {
      taken.add(sameKey[0].i);
      result[ci] = { current: ci, previous: [sameKey[0].i], kind: 'key' };
      return;
    }
    if (sameKey.length > 1) {
      problems.push({ code: 'MATCH_AMBIGUOUS', message: `上年度有 ${sameKey.length} 个站点与“${label(s)}”同名同县，无法判断对应哪一个，按未匹配处理` });
      result[ci] = { current: ci, previous: [], kind: 'ambiguous' };
      return;
    }
    // One side without a county: the name alone, when it is unique on both sides.
    const byName = (prevByName.get(nameOnly(s.name)) ?? []).filter(
      (x) => !taken.has(x.i) && !codesConflict(x.s, s) && (normaliseCounty(x.s.county) === '' || normaliseCounty(s.county) === '' || normaliseCounty(x.s.county) === normaliseCounty(s.county)),
    );
    const curSameName = curNameCount.get(nameOnly(s.name)) ?? 0;
    if (byName.length === 1 && curSameName === 1) {
      taken.add(byName[0].i);
      result[ci] = { current: ci, previous: [byName[0].i], kind: 'name', note: '所属县缺失，按站点名称匹配' };
      return;
    }
    if (byName.length > 1 || (byName.length === 1 && curSameName > 1)) {
      problems.push({
        code: 'MATCH_AMBIGUOUS',
        message: `“${label(s)}”按名称对应上年度多个站点（${byName.map((x) => label(x.s)).join('、')}）或本年度有同名站点，请填写所属县或站点编码，按未匹配处理`,
      });
      result[ci] = { current: ci, previous: [], kind: 'ambiguous' };
      return;
    }
    result[ci] = { current: ci, previous: [], kind: 'none' };
  });

  const absent = previous.map((_, i) => i).filter((i) => !taken.has(i));
  return {
    matches: result as YearMatch[],
    absent,
    mergedInto,
    problems: problems.map((p): ComparisonProblem => ({ code: p.code, severity: 'warning', location: parseLocation(p.location), text: { zh: p.message } })),
  };
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

function groupItems<T>(list: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = keyOf(item);
    const bucket = out.get(k) ?? [];
    bucket.push(item);
    out.set(k, bucket);
  }
  return out;
}

interface Lookup {
  byKey: Map<string, number[]>;
  byName: Map<string, number[]>;
}

function lookup(list: readonly MatchableStation[]): Lookup {
  return { byKey: groupIndexes(list, (s) => stationKey(s.name, s.county)), byName: groupIndexes(list, (s) => nameOnly(s.name)) };
}

/** The one station a mapping row names: by county + name, or by name alone when the row gives no county. */
function findOne(l: Lookup, name: string, county: string | undefined): { kind: 'one'; index: number } | { kind: 'none' } | { kind: 'many' } {
  const hits = (normaliseCounty(county) !== '' ? l.byKey.get(stationKey(name, county)) : l.byName.get(nameOnly(name))) ?? [];
  if (hits.length === 1) return { kind: 'one', index: hits[0] };
  return hits.length === 0 ? { kind: 'none' } : { kind: 'many' };
}
