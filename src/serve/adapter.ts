/**
 * The only file of the web page that calls the pipeline: validating and
 * loading a rubric, building a template, scoring one station, running a
 * county or province. Each function calls the same code as the command line
 * (`rubric validate` / `rubric show`, `template`, `score`, `batch`), so the
 * page can never score differently from the terminal: one station and a
 * county go through the pipeline's entry points (src/pipeline: `scoreOne`,
 * `runBatch`), as `score` and `batch` do.
 */
import path from 'node:path';
import type { BatchReport } from '../pipeline/index.js';
import type { Progress } from '../batch/progress.js';
import type { StationRow } from '../report/station-row.js';
import type { Problem } from '../problems/problem.js';
import { formatProblem } from '../problems/render.js';
import { relabel, type Diagnostic } from '../rubric/diagnostics.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationMeta, StationResult } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { TOOL } from '../version.js';
import type { InputLimits } from '../xlsx/input-limits.js';

export interface RubricCheck {
  rubric?: LoadedRubric;
  diagnostics: Diagnostic[];
  /** The problems as `rubric validate` prints them (text format, no colour), per language. */
  text: { zh: string; en: string };
  /** `rubric show` per language, when the rubric loaded. */
  outline?: { zh: string; en: string };
  /** Star rules per language, when the rubric loaded. */
  stars?: { zh: string[]; en: string[] };
}

/** Validate a rubric file as `rubric validate` does; `label` is the name shown in messages (never a server path). */
export async function checkRubric(file: string, label: string): Promise<RubricCheck> {
  const [{ validateRubricFile }, { formatDiagnostics }, { renderRubricText, starLines }] = await Promise.all([
    import('../rubric/load-rubric.js'),
    import('../rubric/format-diagnostics.js'),
    import('../rubric/render-rubric.js'),
  ]);
  const result = await validateRubricFile(file);
  const diagnostics = result.diagnostics.map((d) => (d.file === file ? relabel(d, label) : d));
  const text = (lang: Lang) => formatDiagnostics('text', diagnostics, { lang, color: false, files: [label], tool: TOOL });
  const check: RubricCheck = { diagnostics, text: { zh: text('zh'), en: text('en') } };
  if (result.rubric) {
    check.rubric = result.rubric;
    check.outline = { zh: renderRubricText(result.rubric, 'zh'), en: renderRubricText(result.rubric, 'en') };
    check.stars = { zh: starLines(result.rubric, 'zh'), en: starLines(result.rubric, 'en') };
  }
  return check;
}

/** The template workbook, blank or pre-filled for one station (`station-eval template`). */
export async function buildTemplateBytes(rubric: LoadedRubric, station: Partial<StationMeta>): Promise<Uint8Array> {
  const { buildTemplate } = await import('../workbook/template.js');
  const year = station.year ?? (rubric.data.year !== undefined ? String(rubric.data.year) : undefined);
  return buildTemplate(rubric, { station: { ...station, year } });
}

export interface ScoredStation {
  result: StationResult;
  /** The problems `score` prints on stderr (reader notes, matching), located, in both languages. */
  warnings: { severity: 'error' | 'warning'; zh: string; en: string }[];
  /** The summary exactly as `score` prints it (no colour), per language. */
  terminal: { zh: string; en: string };
  /** Reports written into `out`. */
  written: { format: 'json' | 'xlsx' | 'pdf'; file: string }[];
}

/** Score one station from its workbooks and write its JSON, Excel and PDF reports into `out` (`score --out`). */
export async function scoreOneStation(rubric: LoadedRubric, files: { self: string; spot?: string }, out: string, opts: { lang: Lang; limits: Partial<InputLimits> }): Promise<ScoredStation> {
  const { scoreOne, runContext } = await import('../pipeline/index.js');
  const outcome = await scoreOne(runContext({ lang: opts.lang, limits: opts.limits, tool: TOOL }), { rubric, ...files, reports: { out, outFormats: ['json', 'xlsx', 'pdf'] } });
  const { result, written } = outcome;
  const warnings = outcome.problems.map((p) => ({ severity: p.severity, zh: formatProblem(p, 'zh'), en: formatProblem(p, 'en') }));
  const { renderTerminal } = await import('../report/terminal.js');
  return {
    result,
    warnings,
    terminal: { zh: renderTerminal(result, rubric, { lang: 'zh' }), en: renderTerminal(result, rubric, { lang: 'en' }) },
    written: written.map((w) => ({ format: w.format, file: w.file })),
  };
}

export interface CountyRun {
  report: BatchReport;
  rows: StationRow[];
}

/** Score every station under `selfDir` into `out` (`station-eval batch`). */
export async function runCounty(opts: {
  rubricFile: string;
  selfDir: string;
  spot?: string;
  roster?: string;
  out: string;
  lang: Lang;
  limits: Partial<InputLimits>;
  jobs?: number;
  progress: Progress;
  /** The run context's clock: the document date of every report (default the Unix epoch). */
  clock?: () => Date;
}): Promise<CountyRun> {
  const { runBatch } = await import('../pipeline/index.js');
  const report = await runBatch({
    rubricFile: opts.rubricFile,
    selfDir: opts.selfDir,
    spot: opts.spot,
    roster: opts.roster,
    out: opts.out,
    jobs: opts.jobs,
    pdf: true,
    lang: opts.lang,
    progress: opts.progress,
    tool: TOOL,
    limits: opts.limits,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { report, rows: report.rows };
}

/** A batch problem as `batch` prints it: `file › location: message`. */
export function problemLine(p: Problem, lang: Lang = 'zh'): string {
  return formatProblem(p, lang);
}

/** Where a report of the batch lives, relative to its output folder, with `/` separators. */
export function relativeOutput(out: string, file: string): string {
  return path.relative(out, file).split(path.sep).join('/');
}
