/**
 * One station, as a batch of one: read its workbook (and the spot-check file
 * and roster when given), plan with the batch's planner (same matching rules,
 * same problems), score, and write the reports asked for. Returns the result
 * and the problems; prints nothing. Used by `score`, `verify` and the web page.
 */
import type { QuotaOutcome } from '../score/apply-quota.js';
import path from 'node:path';
import type { Problem } from '../problems/problem.js';
import type { WrittenReport, ReportTargets } from '../report/write-reports.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { PartyEntries, StationResult } from '../score/types.js';
import type { RunContext } from './context.js';
import { isMismatch, planStations, type PlannedStation, type SpotRecord } from './plan.js';
import { readRosterStations, readSelf, readSpotRecords, withReaderNotes, type ReadContext } from './read-inputs.js';
import { resolveEvaluation, type EvaluationOptions } from './evaluation.js';
import { localIsoDate } from '../util/calendar-date.js';

export interface ScoreOneInput {
  rubric: LoadedRubric;
  /** The station's self-assessment workbook. */
  self: string;
  /** A spot-check workbook: consolidated (many stations) or the station's own. */
  spot?: string;
  /** The roster (站点名册): fills what the workbook leaves out, reports a station missing from it. */
  roster?: string;
  /** Look the station up in the spot check under this name / county (score --station / --county). */
  matchAs?: { name?: string; county?: string };
  /** Reports to write, and the input files they must never overwrite. */
  reports?: ReportTargets;
  /** The self-assessment's columns and sheet when its layout is unusual (score --columns, --sheet). */
  workbook?: ReadContext['workbook'];
  /** `--evaluator` and `--date` (checked): the report header's 评估机构 and 评估日期 (evaluation.ts). */
  evaluation?: Pick<EvaluationOptions, 'evaluator' | 'date'>;
  /** Quota decisions made by a batch over the whole run (verify takes them from the published result: one station alone cannot be ranked). */
  quotas?: readonly QuotaOutcome[];
}

export interface ScoreOneOutcome {
  result: StationResult;
  /** How the station was matched: its spot-check record and roster row. */
  planned: PlannedStation<PartyEntries>;
  /** Every problem found, reader warnings first, then matching. */
  problems: Problem[];
  /** Roster and spot-check mismatches among the problems (exit code 1 unless --allow-unmatched). */
  mismatches: Problem[];
  written: WrittenReport[];
  /** How the self-assessment was read (sheet, header, columns, rows matched by name): score --verbose. */
  details: string[];
}

export async function scoreOne(ctx: RunContext, input: ScoreOneInput): Promise<ScoreOneOutcome> {
  const { rubric } = input;
  const problems: Problem[] = [];
  const self = await readSelf(input.self, path.basename(input.self), rubric, {
    ...ctx,
    ...(input.workbook ? { workbook: input.workbook } : {}),
    ...(input.matchAs?.name ? { expect: input.matchAs } : {}),
  });
  problems.push(...self.problems);
  let spots: SpotRecord<PartyEntries>[] = [];
  if (input.spot) {
    const read = await readSpotRecords(input.spot, rubric, ctx, (e) => e);
    spots = read.records;
    problems.push(...read.problems);
  }
  const roster = input.roster ? await readRosterStations(input.roster, ctx) : undefined;
  const plan = planStations([self.read], spots, roster, { scope: 'station', matchAs: input.matchAs, spotFile: input.spot ? path.basename(input.spot) : undefined });
  problems.push(...plan.problems);
  const planned = plan.stations[0];
  const evaluation = resolveEvaluation(planned, { ...input.evaluation, ...(ctx.clock ? { today: localIsoDate(ctx.clock()) } : {}) });
  problems.push(...evaluation.problems);
  const { scoreStation } = await import('../score/score-station.js');
  const notes = [...(planned.notes ?? []), ...evaluation.problems];
  const result = withReaderNotes(
    scoreStation(
      rubric,
      { station: evaluation.station, self: planned.self, ...(planned.spot ? { spot: planned.spot } : {}), ...(planned.parties ? { parties: planned.parties } : {}) },
      { tool: ctx.tool, ...(input.quotas ? { quotas: input.quotas } : {}) },
    ),
    notes,
  );
  let written: WrittenReport[] = [];
  if (input.reports) {
    const { writeStationReports } = await import('../report/write-reports.js');
    const inputs = [rubric.file, input.self, input.spot, input.roster].filter((f): f is string => f !== undefined);
    written = await writeStationReports(result, rubric, input.reports, { inputs, lang: ctx.lang, date: ctx.clock?.() });
  }
  return { result, planned, problems, mismatches: problems.filter(isMismatch), written, details: self.details };
}
