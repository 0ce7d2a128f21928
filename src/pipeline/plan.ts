/**
 * The planner: pure. Given what was read from the files — each
 * self-assessment workbook's station and entries, the spot-check records, the
 * roster — it decides which station each workbook is, which spot-check record
 * and which roster row belong to it and how they were matched, and lists the
 * problems found. `score` (a batch of one station), `batch` and `verify` all
 * plan with this one function, so they match stations by the same rules:
 *
 * - by the normalised county + name (`stationKey`); when one side has no
 *   county, by a name unique on the other side;
 * - two workbooks for one station: neither is scored (DUPLICATE_STATION);
 * - a spot-check record whose name fits a station of another county is never
 *   applied (SPOT_OTHER_COUNTY), an ambiguous one neither (SPOT_AMBIGUOUS);
 * - nothing is guessed: every record that is not applied is listed.
 *
 * The scope differs in one point only: a batch lists every spot-check record
 * without a workbook (SPOT_UNMATCHED); `score` is given one station, so the
 * other stations of a consolidated spot-check table are out of its scope —
 * except the namesakes of its station, and a one-station spot workbook.
 */
import type { Problem } from '../problems/problem.js';
import { problem } from '../problems/render.js';
import type { ProblemLocation } from '../problems/problem.js';
import type { StationMeta } from '../score/types.js';
import type { RosterStation } from '../workbook/read-roster.js';
import { stationKey } from '../workbook/station-key.js';
import { cmp } from '../util/compare.js';
import { StationIndex } from '../workbook/match-stations.js';

/** One self-assessment workbook as read (entries packed or not: the planner does not look inside). */
export interface SelfRead<E> {
  /** The workbook as messages name it (in a batch: relative to the input folder). */
  relative: string;
  station: StationMeta;
  self: E;
  /** The spot-check columns of the workbook itself, when any is filled. */
  spot?: E;
  /** A rubric with `parties`: each scoring party's entries in the workbook, by party id. */
  parties?: Record<string, E>;
  /** The reader's notes on how the workbook was read, for the result's warnings (withReaderNotes). */
  notes?: Problem[];
}

/** One station's spot-check entries, from a consolidated table or a one-station workbook. */
export interface SpotRecord<E> {
  station: StationMeta;
  entries: E;
  /** Where the record is, for messages: the file, or `file › sheet!row`. */
  source: string;
  location: ProblemLocation;
  /** From a workbook of one station (not a consolidated table). */
  single?: boolean;
}

/** How a spot check or roster row was matched to the station. */
export type MatchHow = 'exact' | 'by-name';

export type SpotMatch =
  | { kind: 'record'; how: MatchHow; source: string }
  /** The spot-check columns of the station's own workbook. */
  | { kind: 'in-workbook' }
  | { kind: 'none' };

export type RosterMatch = { kind: 'matched'; how: MatchHow; row: RosterStation } | { kind: 'ambiguous' } | { kind: 'none' } | { kind: 'no-roster' };

export type { RosterStation };

export interface PlannedStation<E> {
  key: string;
  relative: string;
  /** The station as scored: the workbook's block, gaps filled from the roster. */
  station: StationMeta;
  self: E;
  spot?: E;
  parties?: Record<string, E>;
  /** The reader's notes on the station's workbook (SelfRead.notes): withReaderNotes puts them in the result. */
  notes?: Problem[];
  spotMatch: SpotMatch;
  /** The station block of the spot-check record applied (its 评估机构, 评估日期: src/pipeline/evaluation.ts). */
  spotStation?: StationMeta;
  rosterMatch: RosterMatch;
}

export interface Plan<E> {
  /** One per station to score, ordered by county, name, file. */
  stations: PlannedStation<E>[];
  /** Roster stations without a workbook. */
  missing: RosterStation[];
  spotChecked: number;
  problems: Problem[];
}

export interface PlanOptions {
  /** 'batch': every spot-check record is accounted for; 'station': one station (score, verify). */
  scope: 'batch' | 'station';
  /** `score --station/--county`: look the station up in the spot check under this name and county. */
  matchAs?: { name?: string; county?: string };
  /** A spot-check file was given (score: say so when it has nothing for the station). */
  spotFile?: string;
}

/** Codes of roster and spot-check mismatches: printed in the summary, exit code 1 unless --allow-unmatched. */
export const MISMATCH_CODES: ReadonlySet<string> = new Set(['NOT_IN_ROSTER', 'ROSTER_AMBIGUOUS', 'SPOT_UNMATCHED', 'SPOT_AMBIGUOUS', 'SPOT_OTHER_COUNTY', 'SPOT_DUPLICATE']);

export function isMismatch(p: Problem): boolean {
  return MISMATCH_CODES.has(p.code);
}

const ref = (s: { name: string; county?: string }) => (s.county ? { name: s.name, county: s.county } : { name: s.name });

export function planStations<E>(reads: readonly SelfRead<E>[], spots: readonly SpotRecord<E>[], roster: readonly RosterStation[] | undefined, opts: PlanOptions): Plan<E> {
  const problems: Problem[] = [];
  const noRosterMatch = (): RosterMatch => (roster ? { kind: 'none' } : { kind: 'no-roster' });
  const stations = reads.map((r) => ({ ...r, name: r.station.name, county: r.station.county, rosterMatch: noRosterMatch() }));

  // Two workbooks for one station: report both, score neither (never guess which counts).
  const selfIndex = new StationIndex(stations);
  const duplicated = new Set<(typeof stations)[number]>();
  for (const group of selfIndex.duplicates()) {
    for (const s of group) {
      duplicated.add(s);
      problems.push(problem('DUPLICATE_STATION', 'error', { file: s.relative }, { count: group.length, files: group.map((g) => g.relative) }));
    }
  }
  const unique = stations.filter((s) => !duplicated.has(s));

  // Roster: fill metadata, find stations without a workbook.
  const matchedRoster = new Set<RosterStation>();
  const rosterIndex = roster ? new StationIndex(roster) : undefined;
  for (const s of stations) {
    if (!rosterIndex) continue;
    const m = rosterIndex.match(s);
    if (duplicated.has(s)) {
      // Submitted (twice): not missing, but not scored either.
      if (m.kind === 'exact' || m.kind === 'by-name') matchedRoster.add(m.match);
      continue;
    }
    if (m.kind === 'exact' || m.kind === 'by-name') {
      matchedRoster.add(m.match);
      s.rosterMatch = { kind: 'matched', how: m.kind, row: m.match };
      s.station = {
        ...s.station,
        county: s.station.county || m.match.county,
        township: s.station.township || m.match.township,
        operator: s.station.operator || m.match.operator,
        code: s.station.code || m.match.code,
      };
      s.county = s.station.county;
    } else if (m.kind === 'ambiguous') {
      s.rosterMatch = { kind: 'ambiguous' };
      problems.push(problem('ROSTER_AMBIGUOUS', 'warning', { file: s.relative }, { candidates: m.candidates.map(ref) }));
    } else {
      problems.push(problem('NOT_IN_ROSTER', 'warning', { file: s.relative }, { station: ref(s.station) }));
    }
  }
  const missing = (roster ?? []).filter((r) => !matchedRoster.has(r)).sort((a, b) => cmp(a.county, b.county) || cmp(a.name, b.name));

  // Spot checks: one per station; unmatched, cross-county and ambiguous ones reported.
  const asLookedUp = (s: (typeof unique)[number]) => (opts.matchAs ? { ...s, name: opts.matchAs.name ?? s.name, county: opts.matchAs.county ?? s.county } : s);
  const lookups = unique.map((s) => ({ s, name: asLookedUp(s).name, county: asLookedUp(s).county }));
  const uniqueIndex = new StationIndex(lookups);
  const spotByStation = new Map<(typeof unique)[number], { record: SpotRecord<E>; how: MatchHow }>();
  for (const sp of spots) {
    const m = uniqueIndex.match({ name: sp.station.name, county: sp.station.county });
    if (m.kind === 'exact' || m.kind === 'by-name') {
      const taken = spotByStation.get(m.match.s);
      if (taken) problems.push(problem('SPOT_DUPLICATE', 'warning', sp.location, { station: ref(sp.station), first: taken.record.source }));
      else spotByStation.set(m.match.s, { record: sp, how: m.kind });
    } else if (m.kind === 'ambiguous') {
      problems.push(problem('SPOT_AMBIGUOUS', 'warning', sp.location, { station: ref(sp.station), files: m.candidates.map((c) => c.s.relative) }));
    } else if (m.kind === 'other-county') {
      for (const n of m.namesakes) problems.push(problem('SPOT_OTHER_COUNTY', 'warning', sp.location, { station: ref(n.s.station), spot: ref(sp.station) }));
    } else if (opts.scope === 'batch' || sp.single) {
      problems.push(problem('SPOT_UNMATCHED', 'warning', sp.location, { station: ref(sp.station) }));
    }
  }

  // Deterministic order.
  unique.sort((a, b) => cmp(a.station.county ?? '', b.station.county ?? '') || cmp(a.station.name, b.station.name) || cmp(a.relative, b.relative));
  let spotChecked = 0;
  const planned = unique.map((s): PlannedStation<E> => {
    const found = spotByStation.get(s);
    if (found && s.spot) problems.push(problem('SPOT_REPLACED', 'warning', { file: s.relative }, { source: found.record.source }));
    const spot = found?.record.entries ?? s.spot;
    if (spot) spotChecked++;
    const spotMatch: SpotMatch = found ? { kind: 'record', how: found.how, source: found.record.source } : s.spot ? { kind: 'in-workbook' } : { kind: 'none' };
    if (opts.scope === 'station' && opts.spotFile !== undefined && !found) {
      const looked = asLookedUp(s);
      problems.push(problem('SPOT_NOT_SAMPLED', 'warning', { file: opts.spotFile }, { station: ref({ name: looked.name, county: looked.county }) }));
    }
    return {
      key: stationKey(s.station.name, s.station.county),
      relative: s.relative,
      station: s.station,
      self: s.self,
      ...(spot ? { spot } : {}),
      ...(s.parties ? { parties: s.parties } : {}),
      ...(s.notes && s.notes.length > 0 ? { notes: s.notes } : {}),
      spotMatch,
      ...(found ? { spotStation: found.record.station } : {}),
      rosterMatch: s.rosterMatch,
    };
  });
  return { stations: planned, missing, spotChecked, problems };
}
