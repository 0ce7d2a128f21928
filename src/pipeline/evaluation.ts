/**
 * The report header's 评估机构 and 评估日期 for a planned station (pure):
 *
 * - 评估机构: `--evaluator`, else the spot-check record's (a column of a
 *   consolidated 抽查汇总 table, or the station block of a spot workbook),
 *   else the station workbook's own block;
 * - 评估日期: `--date`, else the spot check's 评估日期 (found the same way),
 *   else the day of the run by the run context's clock, else none (the PDF
 *   leaves a line to fill in by hand).
 *
 * An option that differs from what the workbook says wins, with a warning
 * naming both, located where the workbook's value is. `score` and `batch`
 * both call this, so a station gets the same header either way.
 */
import type { Problem } from '../problems/problem.js';
import { parseLocation, problem } from '../problems/render.js';
import type { StationMeta } from '../score/types.js';
import type { PlannedStation } from './plan.js';

export interface EvaluationOptions {
  /** `--evaluator`. */
  evaluator?: string;
  /** `--date`, already checked (YYYY-MM-DD). */
  date?: string;
  /** The day of the run (YYYY-MM-DD) from the run context's clock, when it has one. */
  today?: string;
}

export function resolveEvaluation(
  planned: Pick<PlannedStation<unknown>, 'station' | 'relative' | 'spotMatch' | 'spotStation'>,
  opts: EvaluationOptions,
): { station: StationMeta; problems: Problem[] } {
  const problems: Problem[] = [];
  const fromRecord = planned.spotMatch.kind === 'record' ? planned.spotStation : undefined;
  const recordAt = planned.spotMatch.kind === 'record' ? parseLocation(planned.spotMatch.source) : undefined;
  const found = (field: 'evaluator' | 'evaluationDate') =>
    fromRecord?.[field] !== undefined
      ? { value: fromRecord[field], at: recordAt ?? {} }
      : planned.station[field] !== undefined
        ? { value: planned.station[field], at: { file: planned.relative } }
        : undefined;

  const station: StationMeta = { ...planned.station };
  delete station.evaluator;
  delete station.evaluationDate;

  const evaluator = found('evaluator');
  const given = opts.evaluator?.trim();
  if (given) {
    station.evaluator = given;
    if (evaluator && evaluator.value !== given) problems.push(problem('EVALUATOR_OVERRIDDEN', 'warning', evaluator.at, { given, found: evaluator.value }));
  } else if (evaluator) station.evaluator = evaluator.value;

  const date = found('evaluationDate');
  if (opts.date) {
    station.evaluationDate = opts.date;
    if (date && date.value !== opts.date) problems.push(problem('EVALUATION_DATE_OVERRIDDEN', 'warning', date.at, { given: opts.date, found: date.value }));
  } else if (date) station.evaluationDate = date.value;
  else if (opts.today) station.evaluationDate = opts.today;

  return { station, problems };
}
