/**
 * Write a station's reports to files: explicit targets (`--xlsx a.xlsx`) and/or
 * every format into a folder under default names (`--out dir`). Shared by
 * `score` and `report`. Files are written atomically; an input file is never
 * overwritten.
 */
import path from 'node:path';
import { recordedRubricPath } from '../rubric/find-result-rubric.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationResult } from '../score/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { guardOutputs } from '../util/output-guard.js';
import type { Lang } from '../util/lang.js';
import { defaultReportFileName, reporters, type ReportFormat } from './index.js';

export interface ReportTargets {
  json?: string;
  xlsx?: string;
  pdf?: string;
  /** Folder for every format in `outFormats` under its default name. */
  out?: string;
  /** Formats written into `out`; default xlsx and pdf. */
  outFormats?: ReportFormat[];
}

export interface WrittenReport {
  format: ReportFormat;
  file: string;
  bytes: number;
}

/** The (format, file) pairs a run will write, checked against the inputs. */
export function planReports(result: StationResult, targets: ReportTargets, inputs: string[], lang: Lang): { format: ReportFormat; file: string }[] {
  const plan: { format: ReportFormat; file: string }[] = [];
  for (const format of ['json', 'xlsx', 'pdf'] as const) {
    const file = targets[format];
    if (file) plan.push({ format, file });
  }
  if (targets.out) {
    for (const format of targets.outFormats ?? (['xlsx', 'pdf'] as ReportFormat[])) {
      if (targets[format]) continue;
      plan.push({ format, file: path.join(targets.out, defaultReportFileName(result, format)) });
    }
  }
  guardOutputs({ inputs, outputs: plan.map((p) => p.file), lang });
  return plan;
}

/** Render and write every planned report; returns what was written. */
export async function writeStationReports(result: StationResult, rubric: LoadedRubric, targets: ReportTargets, opts: { inputs?: string[]; lang: Lang; date?: Date }): Promise<WrittenReport[]> {
  const plan = planReports(result, targets, opts.inputs ?? [], opts.lang);
  const written: WrittenReport[] = [];
  for (const { format, file } of plan) {
    // A saved result records its rubric relative to itself, not as a path of this machine (docs/result-format.md).
    const saved = format === 'json' && result.rubric.file !== undefined ? { ...result, rubric: { ...result.rubric, file: recordedRubricPath(result.rubric.file, file) } } : result;
    const data = await reporters[format].render(saved, { rubric, date: opts.date });
    await writeFileAtomic(file, data);
    written.push({ format, file, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length });
  }
  return written;
}
