/**
 * A whole province (or country) in one run:
 *
 *   discover ─▶ read (workers) ─▶ match (main) ─▶ score + PDFs (workers) ─▶ 汇总.xlsx, 总览.pdf, results.jsonl
 *
 * A rubric with quotas (名额) on any levels adds a pass before scoring:
 * score without reports (workers) ─▶ applyQuotas top-down over the stations
 * that reach a quota level, losers falling to the next level they meet and
 * competing for its quota (main) ─▶ score + PDFs with each station's decisions.
 *
 * Workers get plain tasks and return plain outcomes (stages.ts). The main
 * thread keeps one compact row per station; full results stream to
 * results.jsonl in a deterministic order (by station key). Every output is
 * written under a temporary name and renamed when complete, so an interrupted
 * run never leaves a half-written file under a final name. One bad file
 * never stops the batch: it becomes a line in 问题清单.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { recordedRubricPath } from '../rubric/find-result-rubric.js';
import { loadRubric } from '../rubric/load-rubric.js';
import type { YearComparison } from '../compare/types.js';
import type { PackedStationInput } from './packed-entries.js';
import { readSpotFileInThread, readSpotRecords, type SpotRecord } from './spot-file.js';
import { planStations, isMismatch } from '../pipeline/plan.js';
import { readRosterStations } from '../pipeline/read-inputs.js';
import { resolveEvaluation, type EvaluationOptions } from '../pipeline/evaluation.js';
import { localIsoDate } from '../util/calendar-date.js';
import type { Problem } from '../problems/problem.js';
import { messageOf, placeInFile, problem } from '../problems/render.js';
import { discardStream, outputError, tempSibling } from '../util/atomic-write.js';
import { resolveInputLimits, type InputLimits } from '../xlsx/input-limits.js';
import { JOURNAL_FILE, openJournal, removeStaleTemps } from './journal.js';
import { guardOutputs, insideAny } from '../util/output-guard.js';
import type { Lang } from '../util/lang.js';
import { discoverWorkbooks, discoveryProblem } from './discover-files.js';
import type { Progress } from './progress.js';
import { safeFileName, UniqueNames } from '../util/safe-file-name.js';
import { readTask, rememberRubric, scoreTask, type ReadOutcome, type ReadTask, type RubricForWorkers, type ScoreOutcome, type ScoreTask } from './stages.js';
import { cmp } from '../util/compare.js';
import { OVERVIEW_FILE, provinceReporters, SUMMARY_FILE } from '../report/index.js';
import { speedLayerFor } from '../report/pdf/backend.js';
import type { RosterStation, StationRow } from '../report/station-row.js';
import type { WorkerTask } from './worker.js';
import { applyQuotas, type CascadeCandidate } from '../score/apply-quota.js';
import { must } from '../util/must.js';

export interface BatchOptions {
  rubricFile: string;
  selfDir: string;
  /** A consolidated spot-check workbook, one station's spot workbook, or a folder of them. */
  spot?: string;
  roster?: string;
  out: string;
  /** Worker threads; 1 runs everything in this thread. */
  jobs?: number;
  /** Per-station PDFs and the overview PDF (default true). */
  pdf?: boolean;
  /** Per-station Excel reports (default false). */
  stationXlsx?: boolean;
  /** 评估机构 for each station's report header (`--evaluator`), over the spot check's (src/pipeline/evaluation.ts). */
  evaluator?: string;
  /** 评估日期 (`--date`, checked YYYY-MM-DD), over the spot check's. */
  evaluationDate?: string;
  lang?: Lang;
  progress?: Progress;
  tool: { name: string; version: string };
  /** Continue an interrupted run in the same --out: finished stations are taken from the journal (journal.ts). */
  resume?: boolean;
  /** Input limits (file size, inflated size, rows); defaults in xlsx/input-limits.ts. */
  limits?: Partial<InputLimits>;
  /** How to read station workbooks whose layout is unusual (--columns, --sheet): every workbook read of the run. */
  workbook?: ReadTask['workbook'];
  /** Last year's results.jsonl: compare year over year (年度对比 sheets, 与上年比较 in PDFs, certificates in results.jsonl). */
  previous?: string;
  /** Mapping workbook of renamed / merged stations (with previous). */
  mapping?: string;
  /** The document date of every report of the run (RunContext.clock, read once at the start), and the 评估日期 of a station that has none; default the Unix epoch (and no 评估日期). */
  clock?: () => Date;
  /** Where a warning of the run's start goes (the PDF speed layer's version check); default stderr. */
  warn?: (message: string) => void;
}

export interface StageTiming {
  stage: string;
  ms: number;
  /** Resident memory of the process (all threads) when the stage ended, in MB. */
  rssMb: number;
  /** The highest resident memory of the process so far (its peak up to the end of this stage), in MB. */
  peakRssMb: number;
}

export interface BatchReport {
  files: number;
  scored: number;
  failed: number;
  missing: number;
  spotChecked: number;
  /** Count per star level (index = level, 0 = no star). */
  stars: number[];
  /** Names of the levels (五星级 …) by level. */
  starNames: Record<number, string>;
  problems: Problem[];
  /** Roster and spot-check mismatches among the problems (exit code 1 unless --allow-unmatched). */
  mismatches: number;
  /** One compact row per scored station, in the order of results.jsonl (the web page's table). */
  rows: StationRow[];
  /** Roster stations without a workbook (未提交), by county and name. */
  missingStations: { county: string; name: string }[];
  timings: StageTiming[];
  /** Stations taken from the journal of an interrupted run (--resume). */
  resumed?: number;
  outputs: { summary: string; overview?: string; results: string; stations?: string };
  /** The year-over-year comparison (with previous). */
  comparison?: YearComparison;
}

export const RESULTS_FILE = 'results.jsonl';
export { OVERVIEW_FILE };
export const STATIONS_DIR = 'stations';

/** Runs tasks on worker threads, or in this thread when jobs is 1. */
interface Runner {
  run(task: WorkerTask): Promise<ReadOutcome | ScoreOutcome>;
  close(): Promise<void>;
}

/**
 * Old-space limits of the workers, MB: V8 otherwise lets a worker's heap grow
 * far beyond its live data before collecting, and a national run's RSS with
 * it. A reader holds one workbook at a time, up to the inflated-size limit
 * (100 MB of sheet XML); a scorer holds the rubric, the parsed font and its
 * caches and two stations (about 70 MB live after 1,000 PDFs; 192 MB keeps a national run with PDFs under 1 GB).
 */
const OLD_SPACE_MB = { read: 512, score: 192 } as const;

async function createRunner(jobs: number, rubric: RubricForWorkers, stage: 'read' | 'score', warmPdf = false): Promise<Runner> {
  if (jobs <= 1) {
    return {
      run: (task) => (task.kind === 'read' ? readTask(task) : scoreTask(task)),
      close: async () => {},
    };
  }
  const { Piscina } = await import('piscina');
  const here = fileURLToPath(import.meta.url);
  // Under the test runner this module is TypeScript; the worker runs the compiled copy.
  const filename = here.endsWith('.ts') ? path.resolve(path.dirname(here), '../../dist/batch/worker.js') : path.join(path.dirname(here), 'worker.js');
  let closed: Promise<void> | undefined;
  const pool = new Piscina({
    filename,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: OLD_SPACE_MB[stage] },
    workerData: { rubric, warmPdf },
    // Two tasks per worker: while one awaits its report files being written, the other computes
    // (one task at a time left each worker idle ~10% of a run with PDFs).
    concurrentTasksPerWorker: 2,
    // No Atomics.wait between tasks: piscina's default blocks a worker's event loop whenever it has
    // no task running, which held up the scorers' warm-up render until their first task arrived
    // (the first station was scored ~1 s after reading ended; now ~0.2 s).
    atomics: 'disabled',
  });
  return {
    run: (task) => pool.run(task) as Promise<ReadOutcome | ScoreOutcome>,
    // Idempotent: the batch closes the pool as soon as scoring ends, and again on the way out.
    close: () => (closed ??= pool.destroy()),
  };
}

/**
 * Run `tasks` with at most `limit` in flight; `onResult` is called in task
 * order, one at a time. A finished task frees its slot at once: new tasks are
 * started while earlier results are still being written (a journal or results
 * line awaits the disk), so the workers never wait on the main thread's I/O.
 * Results waiting for an earlier one are bounded too (8 × limit), so memory
 * stays flat however uneven the tasks are.
 */
function runOrdered<T, R>(tasks: readonly T[], limit: number, run: (task: T) => Promise<R>, onResult: (result: R, index: number) => void | Promise<void>): Promise<void> {
  if (tasks.length === 0) return Promise.resolve();
  const window = Math.max(1, limit) * 8;
  const results = new Map<number, R>();
  let next = 0;
  let flushed = 0;
  let active = 0;
  let chain = Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const flush = async () => {
      while (!failed && results.has(flushed)) {
        const r = must(results.get(flushed));
        results.delete(flushed);
        await onResult(r, flushed);
        flushed++;
      }
      if (flushed === tasks.length) resolve();
    };
    const pump = () => {
      while (!failed && active < Math.max(1, limit) && next < tasks.length && next - flushed < window) {
        const i = next++;
        active++;
        run(tasks[i]).then((r) => {
          active--;
          results.set(i, r);
          chain = chain.then(flush).then(pump).catch(fail);
          pump();
        }, fail);
      }
    };
    pump();
  });
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export async function runBatch(opts: BatchOptions): Promise<BatchReport> {
  const lang = opts.lang ?? 'zh';
  const jobs = opts.jobs ?? defaultJobs();
  const wantPdf = opts.pdf !== false;
  const progress = opts.progress;
  const date = opts.clock?.();
  // The PDFs are drawn on worker threads, which fall back silently: the version check's warning is said here, once, before any progress bar.
  const pdfWarning = wantPdf ? speedLayerFor.takeWarning() : undefined;
  if (pdfWarning) (opts.warn ?? ((m: string) => process.stderr.write(`${m}\n`)))(pdfWarning);
  const timings: StageTiming[] = [];
  let mark = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings.push({ stage, ms: Math.round(now - mark), rssMb: Math.round(process.memoryUsage.rss() / 1048576), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
    mark = now;
  };

  const rubricFile = path.resolve(opts.rubricFile);
  const rubric = await loadRubric(rubricFile, { lang });
  rememberRubric(rubricFile, rubric);
  const out = path.resolve(opts.out);
  const selfDir = path.resolve(opts.selfDir);
  await assertFolder(selfDir, lang);
  // Outputs never over inputs: checked before anything is written (station reports once they are planned, below).
  const explicitInputs = [rubricFile, opts.spot, opts.roster, opts.previous, opts.mapping];
  guardOutputs({
    inputs: [...explicitInputs, selfDir],
    outDirs: [out],
    outputs: [SUMMARY_FILE, OVERVIEW_FILE, RESULTS_FILE, JOURNAL_FILE].map((f) => path.join(out, f)),
    lang,
  });
  await mkdir(out, { recursive: true }).catch((err: unknown) => {
    throw outputError(err, out);
  });
  const limits = resolveInputLimits(opts.limits);
  await removeStaleTemps(out);

  // The threads start before the roster is read and the folder listed, and load their modules
  // meanwhile. One spot-check workbook (a consolidated table can be national) is read in a
  // thread of its own while the self-assessment workbooks are read.
  const spotTarget = opts.spot ? await spotInput(opts.spot, lang) : undefined;
  const stopSpotThread = new AbortController();
  const forWorkers: RubricForWorkers = { file: rubricFile, data: rubric.data, sha256: rubric.sha256 };
  const spotInThread = spotTarget?.kind === 'file' && jobs > 1 ? readSpotFileInThread(spotTarget.path, forWorkers, lang, limits, stopSpotThread.signal) : undefined;
  spotInThread?.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile

  // Two pools of threads: the reading threads end when reading does (their heaps, full of a
  // national run's workbook garbage, go back), and scoring starts on fresh threads.
  const readers = await createRunner(jobs, forWorkers, 'read');
  // The scoring threads start when 80% of the workbooks are read: they get ready (modules,
  // and with PDFs the font and the report's caches) while the last ones are read, by which
  // time the spot-check thread is done, so their memory does not add to the readers' peak.
  let scorers: Promise<Runner> | undefined;
  const startScorers = () => (scorers ??= createRunner(jobs, forWorkers, 'score', wantPdf));
  try {
    const problems: Problem[] = [];
    const roster = opts.roster ? await readRosterStations(opts.roster, { lang, limits }) : undefined;
    const discovered = await discoverWorkbooks(selfDir, { exclude: [out] });
    for (const p of discovered.problems) problems.push(discoveryProblem(p));
    lap('discover');
    const startScorersAt = Math.floor(discovered.files.length * 0.8);

    // ── read every self workbook ──
    progress?.start('读取', discovered.files.length);
    const reads: Extract<ReadOutcome, { ok: true }>[] = [];
    await runOrdered(
      discovered.files,
      jobs * 4,
      (f) => readers.run({ kind: 'read', rubricFile, file: f.file, relative: f.relative, party: 'self', lang, limits, ...(opts.workbook ? { workbook: opts.workbook } : {}) }) as Promise<ReadOutcome>,
      (r, i) => {
        progress?.tick();
        if (i === startScorersAt) startScorers().catch(() => {}); // awaited after reading
        problems.push(...r.problems);
        if (r.ok) reads.push(r);
      },
    );
    progress?.stop();

    // ── spot checks ──
    const spots = !spotTarget
      ? []
      : spotTarget.kind === 'folder'
        ? await readSpotFolder(spotTarget.path, rubricFile, readers, jobs, lang, limits, problems, opts.workbook)
        : await (spotInThread ?? readSpotRecords(spotTarget.path, rubric, lang, limits)).then((r) => (problems.push(...r.problems), r.records));
    await readers.close();
    const scoring = await startScorers();
    lap('read');

    // ── match stations across files ──
    const { tasks, missing, spotChecked } = scoreTasks(reads, spots, roster, problems, {
      rubricFile,
      lang,
      tool: opts.tool,
      out,
      wantPdf,
      stationXlsx: opts.stationXlsx === true,
      evaluation: { evaluator: opts.evaluator, date: opts.evaluationDate, ...(date ? { today: localIsoDate(date) } : {}) },
      date,
    });
    // A station report could only land on an input that lies inside --out (e.g. --previous <out>/stations/…).
    const inputsInOut = explicitInputs.filter((f): f is string => f !== undefined && insideAny(f, [out]));
    if (inputsInOut.length) guardOutputs({ inputs: inputsInOut, outputs: tasks.flatMap((t) => [t.pdf, t.xlsx].filter((f): f is string => f !== undefined)), lang });
    const yearOverYear = opts.previous ? await (await import('../compare/batch-year.js')).prepareBatchYear(tasks, rubric, { previous: opts.previous, mapping: opts.mapping, lang }) : undefined;
    // From here the tasks hold the inputs; each is let go once its station is scored (a national run holds 38,000).
    reads.length = 0;
    spots.length = 0;
    const pending: (ScoreTask | undefined)[] = tasks;
    lap('match');

    // ── quota (名额): only when a level has one — score every station once without reports, rank those that meet the level, then score and render with the decision ──
    if (rubric.data.stars.levels.some((l) => l.quota)) {
      progress?.start('评分（名额核定）', tasks.length);
      const candidates: CascadeCandidate[] = [];
      await runOrdered(
        tasks,
        jobs * 4,
        (t) => scoring.run({ kind: 'score', ...withoutReports(t) }) as Promise<ScoreOutcome>,
        (r) => {
          progress?.tick();
          if (r.ok && r.quotaCandidate) candidates.push({ key: r.key, total: r.quotaCandidate.total, eligible: r.quotaCandidate.eligible });
        },
      );
      progress?.stop();
      // Top-down: a station that loses a level's quota falls to the next level it meets and competes for that one's quota.
      const decided = applyQuotas(rubric.data.stars.levels, candidates);
      for (const t of tasks) {
        const q = decided.get(t.key);
        if (q) t.quotas = q;
      }
      lap('quota');
    }

    // ── score, render, stream results ──
    const rows: StationRow[] = [];
    const resultsFile = path.join(out, RESULTS_FILE);
    const resultsTmp = tempSibling(resultsFile);
    const journal = await openJournal(out, { resume: opts.resume === true, rubricSha256: rubric.sha256, tool: opts.tool });
    const stream = createWriteStream(resultsTmp, { flags: 'wx' });
    const streamError = new Promise<never>((_, reject) => stream.on('error', reject));
    streamError.catch(() => {});
    try {
      progress?.start(wantPdf ? '评分与报告' : '评分', tasks.length);
      await runOrdered(
        tasks,
        jobs * 4,
        async (t) => (await journal.lookup(t)) ?? ((await scoring.run({ kind: 'score', ...t })) as ScoreOutcome),
        async (r, i) => {
          progress?.tick();
          if (!r.ok) {
            // A full disk stops the run: every further station would fail the same way.
            const full = r.problems.find((p) => p.code === 'DISK_FULL');
            if (full) throw new UserError(messageOf(full, lang), { location: out, code: 'DISK_FULL' });
            problems.push(...r.problems);
            return;
          }
          await journal.record(tasks[i], r);
          pending[i] = undefined;
          rows.push(r.row);
          if (!stream.write(`${r.json}\n`)) await Promise.race([new Promise<void>((resolve) => stream.once('drain', () => resolve())), streamError]);
        },
      );
      progress?.stop();
      await Promise.race([new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))), streamError]);
    } catch (err) {
      await journal.close();
      await discardStream(stream, resultsTmp);
      throw outputError(err, out);
    }
    // The workers' memory (heaps, font and layout caches) goes back before the summary and overview are built.
    await scoring.close();
    lap(wantPdf ? 'score+pdf' : 'score');

    // ── summary workbook and overview ──
    problems.sort((a, b) => cmp(a.location.file ?? '', b.location.file ?? '') || cmp(placeInFile(a.location) ?? '', placeInFile(b.location) ?? '') || cmp(a.code, b.code));
    const summary = path.join(out, SUMMARY_FILE);
    const comparison = yearOverYear?.finish(rows.map((r) => r.comparison));
    const reportInput = { rubric, rows, problems, missing, roster, tool: opts.tool, comparison, ...(date ? { date } : {}) };
    await provinceReporters.summary.write(summary, reportInput).catch(async (err: unknown) => {
      await journal.close();
      await rm(resultsTmp, { force: true });
      throw outputError(err, out);
    });
    lap('summary');
    let overview: string | undefined;
    if (wantPdf) {
      overview = path.join(out, OVERVIEW_FILE);
      await provinceReporters.overview.write(overview, reportInput).catch(async (err: unknown) => {
        await journal.close();
        await rm(resultsTmp, { force: true });
        throw outputError(err, out);
      });
      lap('overview');
    }
    await rename(resultsTmp, resultsFile);
    await journal.remove();

    const maxLevel = Math.max(0, ...rubric.data.stars.levels.map((l) => l.level));
    const stars = new Array<number>(maxLevel + 1).fill(0);
    for (const r of rows) stars[r.stars ?? 0]++;
    const failedFiles = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.location.file));
    return {
      files: discovered.files.length,
      scored: rows.length,
      failed: failedFiles.size,
      missing: missing.length,
      spotChecked,
      stars,
      starNames: Object.fromEntries(rubric.data.stars.levels.map((l) => [l.level, l.name])),
      problems,
      mismatches: problems.filter(isMismatch).length,
      rows,
      missingStations: missing.map((m) => ({ county: m.county, name: m.name })),
      timings,
      resumed: journal.reused,
      outputs: { summary, overview, results: resultsFile, stations: wantPdf || opts.stationXlsx ? path.join(out, STATIONS_DIR) : undefined },
      comparison,
    };
  } finally {
    stopSpotThread.abort(new Error('batch stopped'));
    await readers.close();
    if (scorers) await (await scorers).close();
  }
}

/** A scoring task that writes no report (the quota's first pass): the journal and results come from the second. */
function withoutReports(t: ScoreTask): ScoreTask {
  const rest = { ...t };
  delete rest.pdf;
  delete rest.xlsx;
  delete rest.pdfRelative;
  delete rest.previous;
  return rest;
}

async function assertFolder(dir: string, lang: Lang): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UserError(lang === 'en' ? 'not a folder of self-assessment workbooks' : '不是文件夹：请给出存放各站点自评表的文件夹', { location: dir, code: 'NOT_A_FOLDER' });
  }
}

/** The --spot argument: one workbook, or a folder of per-station spot-check workbooks. */
async function spotInput(spot: string, lang: Lang): Promise<{ kind: 'file' | 'folder'; path: string }> {
  const target = path.resolve(spot);
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new UserError(lang === 'en' ? 'spot-check file or folder not found' : '找不到抽查文件或文件夹', { location: spot, code: 'FILE_NOT_FOUND' });
  return { kind: info.isDirectory() ? 'folder' : 'file', path: target };
}

async function readSpotFolder(
  folder: string,
  rubricFile: string,
  runner: Runner,
  jobs: number,
  lang: Lang,
  limits: InputLimits,
  problems: Problem[],
  workbook?: ReadTask['workbook'],
): Promise<SpotRecord[]> {
  const found = await discoverWorkbooks(folder);
  for (const p of found.problems) problems.push(discoveryProblem(p));
  const out: SpotRecord[] = [];
  await runOrdered(
    found.files,
    jobs * 4,
    (f) => runner.run({ kind: 'read', rubricFile, file: f.file, relative: f.relative, party: 'spot', lang, limits, ...(workbook ? { workbook } : {}) }) as Promise<ReadOutcome>,
    (r) => {
      problems.push(...r.problems);
      if (!r.ok) return;
      if (r.spot) out.push({ station: r.station, entries: r.spot, source: r.relative, location: { file: r.relative }, single: true });
      else problems.push(problem('SPOT_EMPTY', 'error', { file: r.relative }, {}));
    },
  );
  return out;
}

interface PlanContext {
  rubricFile: string;
  lang: Lang;
  tool: { name: string; version: string };
  out: string;
  wantPdf: boolean;
  stationXlsx: boolean;
  /** --evaluator, --date and the run's day: each station's 评估机构 and 评估日期 (evaluation.ts). */
  evaluation: EvaluationOptions;
  date?: Date;
}

/**
 * Plan the batch (the pipeline's planner: which station each workbook is,
 * its spot check and roster row) and turn each planned station into a
 * scoring task, in a deterministic order with collision-free report paths.
 */
function scoreTasks(
  reads: Extract<ReadOutcome, { ok: true }>[],
  spots: SpotRecord[],
  roster: RosterStation[] | undefined,
  problems: Problem[],
  ctx: PlanContext,
): { tasks: ScoreTask[]; missing: RosterStation[]; spotChecked: number } {
  const plan = planStations(reads, spots, roster, { scope: 'batch' });
  problems.push(...plan.problems);
  const namesPerCounty = new Map<string, UniqueNames>();
  const tasks = plan.stations.map((s): ScoreTask => {
    const evaluation = resolveEvaluation(s, ctx.evaluation);
    problems.push(...evaluation.problems);
    const notes = [...(s.notes ?? []), ...evaluation.problems];
    const input: PackedStationInput = { station: evaluation.station, self: s.self, ...(s.spot ? { spot: s.spot } : {}), ...(s.parties ? { parties: s.parties } : {}) };
    const county = safeFileName(s.station.county || '未填县区');
    const names = namesPerCounty.get(county) ?? new UniqueNames();
    namesPerCounty.set(county, names);
    const base = names.claim(safeFileName(s.station.name));
    const rel = (ext: string) => [STATIONS_DIR, county, `${base}${ext}`].join('/');
    return {
      rubricFile: ctx.rubricFile,
      recordedRubric: recordedRubricPath(ctx.rubricFile, path.join(ctx.out, RESULTS_FILE)),
      lang: ctx.lang,
      tool: ctx.tool,
      key: s.key,
      relative: s.relative,
      input,
      ...(notes.length > 0 ? { notes } : {}),
      ...(ctx.wantPdf ? { pdf: path.join(ctx.out, STATIONS_DIR, county, `${base}.pdf`), pdfRelative: rel('.pdf') } : {}),
      ...(ctx.stationXlsx ? { xlsx: path.join(ctx.out, STATIONS_DIR, county, `${base}.xlsx`) } : {}),
      ...(ctx.date ? { date: ctx.date } : {}),
    };
  });
  return { tasks, missing: plan.missing, spotChecked: plan.spotChecked };
}
