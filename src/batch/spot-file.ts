/**
 * The spot-check file of a batch given as ONE workbook (a consolidated long or
 * wide table, or one station's workbook), read into packed records.
 *
 * A national consolidated table (11,000 stations × 100 columns, 36 MB of
 * sheet XML) takes seconds and a few hundred MB to read. With worker threads
 * it is read in a thread of its own (`readSpotFileInThread`), at the same
 * time as the self-assessment workbooks, and that thread's memory goes back
 * to the system when it ends; only the packed records (~2 KB a station) come
 * back. Errors cross the thread as data and are raised again as the same
 * UserError / WorkbookError.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isUserError, UserError } from '../errors.js';
import type { SpotRecord as PlanSpotRecord } from '../pipeline/plan.js';
import { readSpotRecords as readRecords } from '../pipeline/read-inputs.js';
import type { Problem } from '../problems/problem.js';
import { rubricFromData, type LoadedRubric } from '../rubric/model.js';
import type { Lang } from '../util/lang.js';
import type { InputLimits } from '../xlsx/input-limits.js';

/** Why a signal aborted, as an Error (AbortSignal.reason may be any value). */
const abortReason = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
import { WorkbookError } from '../workbook/workbook-error.js';
import { packEntries, type PackedEntries } from './packed-entries.js';
import type { RubricForWorkers } from './stages.js';

export type SpotRecord = PlanSpotRecord<PackedEntries>;

/** Read the spot-check workbook `file` in this thread (its records packed for the batch). */
export async function readSpotRecords(file: string, rubric: LoadedRubric, lang: Lang, limits: InputLimits): Promise<{ records: SpotRecord[]; problems: Problem[] }> {
  return readRecords(file, rubric, { lang, limits }, packEntries);
}

/** What the thread sends back. */
export type SpotThreadReply =
  | { ok: true; records: SpotRecord[]; problems: Problem[] }
  | { ok: false; user: true; message: string; location?: string; code?: string; problems?: Problem[]; problem?: Problem }
  | { ok: false; user: false; stack: string };

export interface SpotThreadData {
  file: string;
  /** The rubric the batch has already validated (not parsed again in the thread). */
  rubric: RubricForWorkers;
  lang: Lang;
  limits: InputLimits;
}

/** The thread's side: read, pack, reply. */
export async function spotThreadMain(data: SpotThreadData): Promise<SpotThreadReply> {
  try {
    const rubric = rubricFromData(data.rubric.data, data.rubric.file, data.rubric.sha256);
    return { ok: true, ...(await readSpotRecords(data.file, rubric, data.lang, data.limits)) };
  } catch (err) {
    if (err instanceof WorkbookError) return { ok: false, user: true, message: err.message, location: err.location, code: err.code, problems: err.problems };
    if (isUserError(err)) return { ok: false, user: true, message: err.message, location: err.location, code: err.code, ...(err.asProblem ? { problem: err.asProblem } : {}) };
    return { ok: false, user: false, stack: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

/** Read the spot-check workbook `file` in a thread of its own; `signal` stops the thread (the batch failed). */
export function readSpotFileInThread(file: string, rubric: RubricForWorkers, lang: Lang, limits: InputLimits, signal?: AbortSignal): Promise<{ records: SpotRecord[]; problems: Problem[] }> {
  const here = fileURLToPath(import.meta.url);
  // Under the test runner this module is TypeScript; the thread runs the compiled copy.
  const entry = here.endsWith('.ts') ? path.resolve(path.dirname(here), '../../dist/batch/spot-file-thread.js') : path.join(path.dirname(here), 'spot-file-thread.js');
  const workerData: SpotThreadData = { file, rubric, lang, limits };
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData });
    let settled = false;
    worker.once('message', (reply: SpotThreadReply) => {
      settled = true;
      void worker.terminate();
      if (reply.ok) resolve({ records: reply.records, problems: reply.problems });
      else if (reply.user)
        reject(
          reply.problems ? new WorkbookError(reply.problems, lang) : new UserError(reply.message, { location: reply.location, code: reply.code, ...(reply.problem ? { problem: reply.problem } : {}) }),
        );
      else reject(new Error(reply.stack));
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(signal?.aborted ? abortReason(signal) : new Error(`spot-check reader thread exited with code ${code}`));
      settled = true;
    });
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
  });
}
