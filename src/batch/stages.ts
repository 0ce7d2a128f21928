/**
 * The per-station work of a batch, run inside the worker threads (or in
 * process with --jobs 1): read one workbook; score one station and write its
 * reports. Each returns plain, cloneable data; nothing here throws for bad
 * input — a bad file becomes problems, so one station never stops a batch.
 */
import path from 'node:path';
import type { PreviousForTask } from '../compare/batch-year.js';
import { isUserError } from '../errors.js';
import { EntryError } from '../score/entry-error.js';
import type { LoadedRubric } from '../rubric/model.js';
import { scoreStation } from '../score/score-station.js';
import type { QuotaOutcome } from '../score/apply-quota.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { resolveInputLimits, type InputLimits } from '../xlsx/input-limits.js';
import type { Lang } from '../util/lang.js';
import { readStationWorkbook, type ReadOptions } from '../workbook/read-station-workbook.js';
import { WorkbookError } from '../workbook/workbook-error.js';
import { packEntries, unpackInput, type PackedEntries, type PackedStationInput } from './packed-entries.js';
import { reporters } from '../report/index.js';
import { toStationRow, type StationRow } from '../report/station-row.js';
import type { Problem, ProblemLocation } from '../problems/problem.js';
import { parseLocation, problem } from '../problems/render.js';
import type { SelfRead } from '../pipeline/plan.js';
import { warningProblems, withReaderNotes } from '../pipeline/read-inputs.js';

const rubrics = new Map<string, Promise<LoadedRubric>>();

/** A validated rubric as it crosses to a worker thread (the index is rebuilt there). */
export interface RubricForWorkers {
  file: string;
  data: LoadedRubric['data'];
  sha256: string;
}

/** The batch's own thread has loaded the rubric already: tasks run in-process (--jobs 1) reuse it, and workers get it (worker.ts). */
export function rememberRubric(file: string, rubric: LoadedRubric): void {
  rubrics.set(file, Promise.resolve(rubric));
}

/**
 * Each thread loads (and validates) a rubric once. Batch threads are handed the
 * validated rubric (worker.ts), so the YAML parser and schema (~160 ms to load
 * in every thread) are imported only when a rubric has to be read here.
 */
export function rubricFor(file: string, lang: Lang): Promise<LoadedRubric> {
  let rubric = rubrics.get(file);
  if (!rubric) {
    rubric = import('../rubric/load-rubric.js').then(({ loadRubric }) => loadRubric(file, { lang }));
    rubrics.set(file, rubric);
  }
  return rubric;
}

export interface ReadTask {
  rubricFile: string;
  /** --columns, --sheet of the run (ReadOptions). */
  workbook?: Pick<ReadOptions, 'columns' | 'sheet'>;
  file: string;
  /** Shown in messages and reports: the path relative to the input folder. */
  relative: string;
  party: 'self' | 'spot';
  lang: Lang;
  /** Input limits for this thread (batch --max-rows …). */
  limits?: Partial<InputLimits>;
}

export type ReadOutcome = ({ ok: true; problems: Problem[] } & SelfRead<PackedEntries>) | { ok: false; relative: string; problems: Problem[] };

export async function readTask(task: ReadTask): Promise<ReadOutcome> {
  try {
    const rubric = await rubricFor(task.rubricFile, task.lang);
    const wb = await readStationWorkbook(task.file, rubric, { display: task.relative, lang: task.lang, genericParty: task.party, limits: resolveInputLimits(task.limits), ...task.workbook });
    return {
      ok: true,
      relative: task.relative,
      station: wb.station,
      self: packEntries(wb.self),
      ...(wb.spot ? { spot: packEntries(wb.spot) } : {}),
      ...(wb.parties ? { parties: Object.fromEntries(Object.entries(wb.parties).map(([id, e]) => [id, packEntries(e)])) } : {}),
      ...(wb.notes.length > 0 ? { notes: wb.notes } : {}),
      problems: [...warningProblems(wb.warnings, task.relative), ...wb.notes],
    };
  } catch (err) {
    return { ok: false, relative: task.relative, problems: problemsOf(err, task.relative) };
  }
}

export interface ScoreTask {
  rubricFile: string;
  /** The document date of the station's reports (the run's clock); default the Unix epoch. */
  date?: Date;
  lang: Lang;
  key: string;
  relative: string;
  input: PackedStationInput;
  /** The reader's notes on the station's workbook, for the result's warnings (PlannedStation.notes). */
  notes?: Problem[];
  tool: { name: string; version: string };
  /** Absolute targets of the station's reports, when asked for. */
  pdf?: string;
  xlsx?: string;
  /** Relative path of the PDF for the summary row. */
  pdfRelative?: string;
  /** Last year's records of this station (batch --previous). */
  previous?: PreviousForTask;
  /** The rubric's path as results.jsonl records it: relative to the output folder (docs/result-format.md). */
  recordedRubric?: string;
  /** The quota decisions for this station, highest level first (a rubric with quotas; run-batch.ts applies them over all stations first). */
  quotas?: QuotaOutcome[];
}

export type ScoreOutcome =
  | {
      ok: true;
      key: string;
      row: StationRow;
      json: string;
      /** Scored without quota decisions and reached a quota level: the total the quotas rank (the scaled total when the rubric scales) and the levels it meets, highest first. */
      quotaCandidate?: { total: number; eligible: number[] };
    }
  | { ok: false; key: string; problems: Problem[] };

export async function scoreTask(task: ScoreTask): Promise<ScoreOutcome> {
  try {
    const rubric = await rubricFor(task.rubricFile, task.lang);
    const result = withReaderNotes(scoreStation(rubric, unpackInput(task.input), { tool: task.tool, ...(task.quotas ? { quotas: task.quotas } : {}) }), task.notes);
    if (task.recordedRubric !== undefined) result.rubric.file = task.recordedRubric;
    const yoy = task.previous ? (await import('../compare/compare-scored.js')).compareScoredStation(result, task.previous) : undefined;
    // The station reports through the one registry (src/report/index.ts), as `score` writes them.
    if (task.pdf) await writeFileAtomic(task.pdf, await reporters.pdf.render(result, { rubric, ...(task.date ? { date: task.date } : {}), ...(yoy ? { comparison: yoy.comparison } : {}) }));
    if (task.xlsx) await writeFileAtomic(task.xlsx, await reporters.xlsx.render(result, { rubric, ...(task.date ? { date: task.date } : {}) }));
    const row = toStationRow(result, task.key, task.relative, rubric.data.precision);
    if (task.pdfRelative) row.pdf = task.pdfRelative;
    if (yoy) row.comparison = yoy.comparison;
    const quotaCandidate = result.quota?.status === 'provisional' ? { total: result.scaled?.total ?? result.total, eligible: result.quota.eligible ?? [] } : undefined;
    return { ok: true, key: task.key, row, json: JSON.stringify(yoy ? yoy.result : result), ...(quotaCandidate ? { quotaCandidate } : {}) };
  } catch (err) {
    return { ok: false, key: task.key, problems: problemsOf(err, task.relative) };
  }
}

/**
 * Make a scoring thread ready for its first station: parse the font and build
 * the report's caches by rendering one throw-away report (of a station with
 * nothing entered). Run while the last workbooks are still being read, it
 * takes the first report's ~0.5 s off the scoring stage. Reports do not
 * depend on what a thread rendered before (test/report/pdf).
 */
export async function warmPdfThread(rubric: LoadedRubric): Promise<void> {
  await reporters.pdf.render(scoreStation(rubric, { station: { name: '预热' }, self: { items: {} } }), { rubric });
}

/** A user error becomes located problems; anything else is a bug, reported as one. */
export function problemsOf(err: unknown, relative: string): Problem[] {
  if (err instanceof WorkbookError) {
    return err.problems.map((p) => ({ ...p, severity: 'error' as const, location: { ...p.location, file: relative } }));
  }
  if (err instanceof EntryError) {
    // One line per invalid entry, at its cell (or the party when the reader gave no cell).
    return err.problems.map((p) => ({ ...p, location: { ...p.location, file: relative } }));
  }
  if (isUserError(err)) {
    const p = err.asProblem;
    if (p) return [{ ...p, location: { ...p.location, file: relative } }];
    // A user error with no catalogued problem (none that a batch's stages meet today): listed with its code
    // and its message as composed rather than dropped.
    return [problem('USER_ERROR', 'error', { ...locationAfterFile(err.location, relative), file: relative }, { message: err.message, ...(err.code !== undefined ? { code: err.code } : {}) })];
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return [problem('INTERNAL_ERROR', 'error', { file: relative }, { stack: e.stack ?? e.message })];
}

/**
 * The place inside the file of a user error's location, the file itself left
 * out (the problem names it once): "城关镇.xlsx › 自评表!H23" → sheet 自评表,
 * cell H23; the file as the reader displayed it (`relative`, e.g.
 * 示例县/损坏的表.xlsx) or a bare file name → nothing.
 */
export function locationAfterFile(location: string | undefined, relative: string): ProblemLocation {
  if (!location || location === relative) return {};
  if (location.startsWith(`${relative} › `)) location = location.slice(relative.length + 3);
  if (!location.includes(' › ') && location === path.basename(location) && /\.(xlsx|xlsm|xls|et|ods|csv)$/i.test(location)) return {};
  const loc = parseLocation(location);
  delete loc.file;
  if (!location.includes(' › ') && loc.sheet === undefined) return { sheet: location };
  return loc;
}
