/**
 * The batch journal: what `batch --resume` needs to continue an interrupted
 * run without scoring and rendering finished stations again.
 *
 * One line per finished station is appended to `<out>/.batch-journal.jsonl`
 * after its reports were written (atomically) and its outcome reached the
 * main thread: `{ "fp": <fingerprint>, "key": …, "row": <StationRow>,
 * "result": <the result as in results.jsonl> }` — the result embedded as
 * JSON, not as a string (which would escape and write 26 KB twice a station;
 * JSON.stringify(JSON.parse(line)) gives the same text back). The
 * fingerprint is the sha256 of the rubric hash, the tool version and the whole
 * scoring task (station input, report paths, options), so a station whose
 * workbook, rubric or options changed is redone. A line cut short by a kill is
 * ignored. On resume, a station is taken from the journal only when its
 * reports still exist under their final names; the journal is removed when the
 * run completes. Without --resume a run starts a fresh journal.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ScoreOutcome, ScoreTask } from './stages.js';

export const JOURNAL_FILE = '.batch-journal.jsonl';

export interface Journal {
  /** The finished outcome of this task from an earlier run, if any (and its reports exist). */
  lookup(task: ScoreTask): Promise<ScoreOutcome | undefined>;
  /** Record a finished station (appended and flushed before the next one). */
  record(task: ScoreTask, outcome: ScoreOutcome): Promise<void>;
  /** How many stations were taken from the journal. */
  readonly reused: number;
  close(): Promise<void>;
  /** Close and delete the journal (the run completed). */
  remove(): Promise<void>;
}

export function taskFingerprint(task: ScoreTask, rubricSha256: string, tool: { name: string; version: string }): string {
  // The packed entries are hashed as bytes (JSON would spell a Uint8Array out index by index).
  const { input, ...rest } = task;
  const hash = createHash('sha256').update(JSON.stringify({ rubricSha256, tool, task: rest, station: input.station }));
  hash.update(input.self);
  if (input.spot) hash.update('\u0000spot\u0000').update(input.spot);
  for (const [id, packed] of Object.entries(input.parties ?? {})) hash.update(`\u0000party\u0000${id}\u0000`).update(packed);
  return hash.digest('hex');
}

async function exists(file: string | undefined): Promise<boolean> {
  if (!file) return true;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() === true && info.size > 0;
}

/** One line of the journal as read back. */
interface JournalLine {
  fp: string;
  key: string;
  row: Extract<ScoreOutcome, { ok: true }>['row'];
  result: unknown;
}

export async function openJournal(out: string, opts: { resume: boolean; rubricSha256: string; tool: { name: string; version: string } }): Promise<Journal> {
  const file = path.join(out, JOURNAL_FILE);
  const done = new Map<string, ScoreOutcome>();
  if (opts.resume) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as Partial<JournalLine>; // a line cut short by a crash may lack fields
        if (entry.fp && entry.key && entry.row && entry.result) done.set(entry.fp, { ok: true, key: entry.key, row: entry.row, json: JSON.stringify(entry.result) });
      } catch {
        // The last line of a killed run may be cut short: ignore it.
      }
    }
  }
  // A resumed run appends; a fresh run truncates.
  let handle: FileHandle | undefined = await open(file, opts.resume ? 'a' : 'w');
  let reused = 0;
  // Each task's fingerprint is computed once (looked up, then recorded).
  const fingerprints = new WeakMap<ScoreTask, string>();
  const fp = (task: ScoreTask) => {
    let f = fingerprints.get(task);
    if (f === undefined) fingerprints.set(task, (f = taskFingerprint(task, opts.rubricSha256, opts.tool)));
    return f;
  };
  return {
    async lookup(task) {
      const outcome = done.get(fp(task));
      if (!outcome) return undefined;
      if (!(await exists(task.pdf)) || !(await exists(task.xlsx))) return undefined;
      reused++;
      return outcome;
    },
    async record(task, outcome) {
      if (!handle || !outcome.ok) return;
      await handle.write(`{"fp":${JSON.stringify(fp(task))},"key":${JSON.stringify(outcome.key)},"row":${JSON.stringify(outcome.row)},"result":${outcome.json}}\n`);
    },
    get reused() {
      return reused;
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
    async remove() {
      await handle?.close();
      handle = undefined;
      await rm(file, { force: true });
    },
  };
}

/**
 * Remove temporary files (`.<name>.<pid>.<hex>.tmp`, see util/atomic-write.ts)
 * left under `dir` by a process that no longer runs (a killed run).
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(e.name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && alive(pid)) continue;
    if (pid === process.pid) continue;
    await rm(path.join(e.parentPath, e.name), { force: true });
    removed++;
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
