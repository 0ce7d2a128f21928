/**
 * Interrupted and repeated runs (issue 7): a real `batch` killed with SIGKILL
 * at random points leaves only complete files under final names; `--resume`
 * finishes it with outputs byte-identical to an uninterrupted run; identical
 * inputs give byte-identical outputs whatever the time, time zone, --jobs or
 * the order files were created in; a full disk fails with DISK_FULL and no
 * partial file under a final name. Spawns `node bin/station-eval.js` (needs `tsc`).
 */
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { isUserError } from '../../src/errors.js';
import { enospc, fsFault } from '../util/fault-fs.js';
import { goodStation, HOSTILE_TEXTS, MINIMAL_RUBRIC, rng } from '../hostile/generate.js';

// The full-disk test fails chosen atomic writes through a mocked node:fs/promises (test/util/fault-fs.ts).
vi.mock('node:fs/promises', async (orig) => (await import('../util/fault-fs.js')).faultyFsPromises(await orig()));

const BIN = path.resolve('bin/station-eval.js');
const STATIONS = 30;
let root: string;
let rubric: string;
let inA: string;
let inB: string;

/** Station i's workbook: some with hostile names, scores varying. */
function stationFile(i: number): { rel: string; bytes: Uint8Array } {
  const name = i % 4 === 0 ? `${HOSTILE_TEXTS[i % HOSTILE_TEXTS.length]}#${i}站` : `测试${i}号社工站`;
  return { rel: path.join(`县${i % 3}`, `站点${String(i).padStart(2, '0')}.xlsx`), bytes: goodStation(name, `县${i % 3}`, [4, 2, 0][i % 3]) };
}

async function writeInputs(dir: string, order: number[]) {
  for (const i of order) {
    const f = stationFile(i);
    await mkdir(path.join(dir, path.dirname(f.rel)), { recursive: true });
    await writeFile(path.join(dir, f.rel), f.bytes);
  }
  // One bad file so 问题清单 has a line.
  await writeFile(path.join(dir, '坏文件.xlsx'), 'PK\u0003\u0004 broken');
}

// A preload that moves the clock: proves no output depends on the time of the run.
const SHIFT_CLOCK = `const off = Number(process.env.SHIFT_MS || 0); const RealDate = Date;
class ShiftedDate extends RealDate { constructor(...a) { if (a.length === 0) super(RealDate.now() + off); else super(...a); } static now() { return RealDate.now() + off; } }
globalThis.Date = ShiftedDate;`;

/** When to SIGKILL the run: after a delay, or as soon as the journal in an out folder has its first finished station. */
type Kill = number | { journalIn: string };

function runCli(args: string[], env: Record<string, string> = {}, kill?: Kill): Promise<{ code: number | null; signal: string | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', pathToUrl(path.join(root, 'shift-clock.mjs')), BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.on('data', () => {});
    let timer: NodeJS.Timeout | undefined;
    if (typeof kill === 'number') timer = setTimeout(() => child.kill('SIGKILL'), kill);
    else if (kill) {
      const journal = path.join(kill.journalIn, '.batch-journal.jsonl');
      const poll = () => {
        const started = existsSync(journal) && statSync(journal).size > 0;
        if (started) child.kill('SIGKILL');
        else timer = setTimeout(poll, 5);
      };
      poll();
    }
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr, ms: performance.now() - t0 });
    });
  });
}

function pathToUrl(p: string): string {
  return new URL(`file://${path.resolve(p)}`).href;
}

async function finalFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (rel.split(path.sep).some((part) => part.startsWith('.'))) continue; // temporary files and the journal
    out.push(rel);
  }
  return out.sort();
}

/** Every output under a final name opens: xlsx with exceljs, PDF complete, jsonl lines parse. */
async function assertComplete(dir: string): Promise<number> {
  const files = await finalFiles(dir);
  for (const rel of files) {
    const bytes = await readFile(path.join(dir, rel));
    if (rel.endsWith('.xlsx')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      expect(wb.worksheets.length, rel).toBeGreaterThan(0);
    } else if (rel.endsWith('.pdf')) {
      expect(bytes.subarray(0, 5).toString('latin1'), rel).toBe('%PDF-');
      expect(bytes.subarray(-8).toString('latin1').trimEnd().endsWith('%%EOF'), rel).toBe(true);
    } else if (rel.endsWith('.jsonl')) {
      const lines = bytes.toString('utf8').split('\n').filter(Boolean);
      for (const l of lines) expect(() => JSON.parse(l) as unknown, rel).not.toThrow();
    }
  }
  return files.length;
}

async function assertSame(a: string, b: string, except: string[] = []) {
  const fa = await finalFiles(a);
  expect(await finalFiles(b)).toEqual(fa);
  for (const rel of fa) {
    if (except.includes(rel)) continue;
    const [x, y] = await Promise.all([readFile(path.join(a, rel)), readFile(path.join(b, rel))]);
    expect(x.equals(y), `${rel} differs`).toBe(true);
  }
}

const built = existsSync('dist/cli/main.js');

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'interrupted-'));
  rubric = path.join(root, 'minimal.yaml');
  await writeFile(rubric, MINIMAL_RUBRIC);
  await writeFile(path.join(root, 'shift-clock.mjs'), SHIFT_CLOCK);
  const order = Array.from({ length: STATIONS }, (_, i) => i);
  inA = path.join(root, 'a', 'in');
  inB = path.join(root, 'b', 'in');
  await writeInputs(inA, order);
  await writeInputs(inB, order.slice().reverse());
});

describe.skipIf(!built)('batch: byte-identical outputs, SIGKILL, --resume', () => {
  let reference: string;

  it('identical inputs give byte-identical xlsx, PDF and JSON whatever the time, time zone, --jobs and file order', { timeout: 120_000 }, async () => {
    reference = path.join(root, 'ref');
    const r1 = await runCli(['batch', rubric, inA, '--out', reference, '--jobs', '2', '--station-xlsx', '--no-progress'], { TZ: 'Asia/Shanghai' });
    expect(r1.code, r1.stderr).toBe(1); // the one bad file
    const other = path.join(root, 'other');
    const r2 = await runCli(['batch', rubric, inB, '--out', other, '--jobs', '1', '--station-xlsx', '--no-progress'], {
      TZ: 'America/Los_Angeles',
      SHIFT_MS: String(3 * 365 * 86_400_000 + 12_345_678),
    });
    expect(r2.code, r2.stderr).toBe(1);
    const n = await assertComplete(reference);
    expect(n).toBe(3 + 2 * STATIONS); // 汇总.xlsx, 总览.pdf, results.jsonl + a PDF and an xlsx per station
    await assertSame(reference, other, ['总览.pdf']);
    // The same --jobs: the overview too is byte-identical whatever the time, time zone and file order.
    const other2 = path.join(root, 'other2');
    const r3 = await runCli(['batch', rubric, inB, '--out', other2, '--jobs', '2', '--station-xlsx', '--no-progress'], { TZ: 'America/Los_Angeles', SHIFT_MS: String(5 * 365 * 86_400_000 + 987_654) });
    expect(r3.code, r3.stderr).toBe(1);
    await assertSame(reference, other2);
  });

  // fontkit caches glyph objects with the code points of their first use; font.ts gives each glyph
  // the code point of its own character, so the ToUnicode map no longer depends on what the thread
  // rendered before (the overview after 30 station PDFs with --jobs 1, alone with --jobs 2).
  it('总览.pdf is byte-identical between --jobs 1 and --jobs 2', { timeout: 60_000 }, async () => {
    const x = await readFile(path.join(root, 'ref', '总览.pdf'));
    const y = await readFile(path.join(root, 'other', '总览.pdf'));
    expect(x.equals(y)).toBe(true);
  });

  it('a batch killed with SIGKILL at random points leaves only complete files; --resume finishes it identically', { timeout: 240_000 }, async () => {
    const rand = rng(7);
    const full = (await runCli(['batch', rubric, inA, '--out', path.join(root, 'timing'), '--jobs', '2', '--station-xlsx', '--no-progress'])).ms;
    let resumedSome = 0;
    for (let k = 0; k < 4; k++) {
      const out = path.join(root, `killed-${k}`);
      // Three kills between half-way and the end (startup takes the first half of a short run), at
      // whatever stage that is on a busy machine; the fourth as soon as a first station is finished.
      const kill: Kill = k < 3 ? Math.round(full * (0.5 + rand() * 0.45)) : { journalIn: out };
      const killed = await runCli(['batch', rubric, inA, '--out', out, '--jobs', '2', '--station-xlsx', '--no-progress'], {}, kill);
      if (existsSync(out)) await assertComplete(out);
      const resumed = await runCli(['batch', rubric, inA, '--out', out, '--jobs', '2', '--station-xlsx', '--no-progress', '--resume']);
      expect(resumed.code, resumed.stderr).toBe(1);
      const m = /续跑：沿用已完成的 (\d+) 站/.exec(resumed.stderr);
      if (killed.signal === 'SIGKILL' && m) resumedSome += Number(m[1]);
      await assertComplete(out);
      await assertSame(reference, out);
      // No temporary file of the killed run is left behind.
      const hidden = (await readdir(out, { recursive: true })).filter((f) => /\.tmp$/.test(f));
      expect(hidden).toEqual([]);
    }
    // At least one kill landed after some stations were finished, and they were not redone.
    expect(resumedSome).toBeGreaterThan(0);
  });
});

describe('batch on a full disk', () => {
  it('stops with DISK_FULL, a located message, and no partial file under a final name', async () => {
    const out = path.join(root, 'full');
    let writes = 0;
    fsFault.onTempOpen = () => (++writes > 5 ? enospc() : undefined);
    try {
      const err = await runBatch({ rubricFile: rubric, selfDir: inA, out, jobs: 1, tool: { name: 'station-eval', version: 'test' } }).catch((e: unknown) => e);
      expect(isUserError(err)).toBe(true);
      expect((err as { code?: string }).code).toBe('DISK_FULL');
      expect((err as Error).message).toContain('磁盘空间不足');
      expect((err as { location?: string }).location).toBe(path.resolve(out));
    } finally {
      fsFault.onTempOpen = undefined;
    }
    const files = await finalFiles(out);
    // Five station PDFs were written completely before the disk filled; nothing else has a final name.
    expect(files.filter((f) => f.endsWith('.pdf')).length).toBe(5);
    expect(files.some((f) => f === 'results.jsonl' || f === '汇总.xlsx' || f === '总览.pdf')).toBe(false);
    await assertComplete(out);
    const temps = (await readdir(out, { recursive: true })).filter((f) => /\.tmp$/.test(f));
    expect(temps).toEqual([]);
  });
});
