/**
 * The hostile-input runner: feeds the generated cases through `score`,
 * `rubric validate` and `batch` with the in-process CLI (`main(argv, io)`),
 * each under a timeout, and the heavy ones (zip bombs, a million rows, a 50 MB
 * rubric, 10,000-deep nesting) also through a spawned `node bin/station-eval.js`
 * so a hang, a crash or running out of memory is caught. Checks, per input:
 *
 * - the exit code is a documented one for that command (0/1/2) — never 70;
 * - no stack trace or "internal error" in the output; a refusal names the file
 *   (`file › sheet!cell` or `file:line:col`);
 * - the input file is unchanged (sha256 before and after);
 * - nothing is written outside --out;
 * - no input text becomes a formula (`<f>`) in an output workbook;
 * - no control character from an input reaches the terminal.
 *
 * `runHostile` returns the figures and every finding; `formatFigures` prints them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { main } from '../../src/cli/main.js';
import { generateCases, goodStation, HOSTILE_TEXTS, MINIMAL_RUBRIC, materialise, formulaFragments, rng, type HostileCase } from './generate.js';
import { must } from '../../src/util/must.js';

const strFromU8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export interface RunOptions {
  seed: number;
  /** Scratch folder (everything is written under it). */
  root: string;
  /** Run only this many cases (a seeded sample covering every family); default all. */
  sample?: number;
  /** Per-input timeout for in-process runs (ms). */
  timeoutMs?: number;
  /** Spawn `node bin/station-eval.js` for the heavy cases (needs `tsc` first). */
  spawnHeavy?: boolean;
  /** Spawn timeout (ms). */
  spawnTimeoutMs?: number;
  /** Number of batch folders (each 90 good stations + 10 hostile files); 0 skips. */
  batches?: number;
  /** Per-station PDFs in the first batch. */
  batchPdf?: boolean;
  log?: (line: string) => void;
  /** Only the cases of issue 15's classes (the ones with issueClass). */
  onlyIssue15?: boolean;
}

export type Verdict = 'clear' | 'accepted' | 'crash' | 'hang' | 'unlocated' | 'bad-exit' | 'wrong' | 'leak';

export interface Outcome {
  id: string;
  kind: HostileCase['kind'];
  family: string;
  command: string;
  exit: number | null;
  ms: number;
  verdict: Verdict;
  altered: boolean;
  escaped: string[];
  formulas: string[];
  terminal: boolean;
  detail?: string;
}

export interface BatchOutcome {
  folder: string;
  files: number;
  hostile: number;
  good: number;
  exit: number;
  ms: number;
  scoredGood: number;
  /** Hostile files refused by `score` but missing from 问题清单. */
  unlisted: string[];
  /** Good stations not in results.jsonl. */
  unscored: string[];
  altered: number;
  escaped: string[];
  formulas: string[];
  crash?: string;
}

export interface Figures {
  tried: number;
  clear: number;
  accepted: number;
  crashes: number;
  hangs: number;
  unlocated: number;
  badExit: number;
  altered: number;
  escaped: number;
  formulaInjections: number;
  terminalInjections: number;
  spawned: number;
  slowest: { id: string; ms: number; command: string }[];
  batches: BatchOutcome[];
  findings: Outcome[];
  /** Silently wrong results (an accepted run whose total differs from the correct reading). */
  wrong: number;
  /** Outputs showing another file's content (a result's rubric.file). */
  leaks: number;
  /** Per issue-15 class: inputs, runs, clear refusals, accepted, findings. */
  byClass: Record<string, { inputs: number; runs: number; clear: number; accepted: number; findings: number }>;
}

const RUBRIC_NAME = 'minimal.yaml';
const STACK = /^\s+at\s.+[(:]\d+|internal error|内部错误/m;
// Control characters that must never reach a terminal from input data (ESC, BEL, NUL, bidi overrides …).
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      out.push(full);
      if (e.isDirectory()) await walk(full);
    }
  };
  await walk(dir);
  return out.sort();
}

async function hashFile(file: string): Promise<string> {
  try {
    const info = await lstat(file);
    if (!info.isFile()) return `special:${info.isDirectory() ? 'dir' : 'link'}`;
    return sha(await readFile(file));
  } catch {
    return 'missing';
  }
}

/** Formula texts (`<f>`) of every worksheet of every .xlsx under `dir`. */
export async function outputFormulas(dir: string): Promise<{ file: string; formula: string }[]> {
  const found: { file: string; formula: string }[] = [];
  for (const file of await listTree(dir)) {
    if (!file.endsWith('.xlsx')) continue;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(await readFile(file));
    } catch {
      found.push({ file, formula: '<unreadable output workbook>' });
      continue;
    }
    for (const [name, bytes] of Object.entries(files)) {
      if (!/^xl\/worksheets\/.*\.xml$/.test(name)) continue;
      const xml = strFromU8(bytes);
      for (const m of xml.matchAll(/<f\b[^>]*>([\s\S]*?)<\/f>/g)) found.push({ file, formula: decodeEntities(m[1]) });
    }
  }
  return found;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, n: string) => must({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[n]));
}

/** Formulas that carry input text. */
function injected(formulas: { formula: string }[], fragments: string[]): string[] {
  const bad: string[] = [];
  for (const { formula } of formulas) {
    if (fragments.some((f) => f && formula.includes(f))) bad.push(formula);
    else if (/^(1\+1|2\+5|3\+3)$/.test(formula.trim()) || /HYPERLINK|WEBSERVICE|DDE\(|cmd\||evil/i.test(formula)) bad.push(formula);
  }
  return bad;
}

const ALL_FRAGMENTS = HOSTILE_TEXTS.flatMap(formulaFragments);

interface Captured {
  exit: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

async function inProcess(argv: string[], timeoutMs: number): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const r = await Promise.race([main(['node', 'station-eval', ...argv], io), timeout]);
    return { exit: r === 'timeout' ? null : r, stdout, stderr, ms: performance.now() - t0, timedOut: r === 'timeout' };
  } finally {
    clearTimeout(timer);
  }
}

export function spawnCli(argv: string[], timeoutMs: number, cwd = process.cwd()): Promise<Captured & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--max-old-space-size=1024', path.resolve('bin/station-eval.js'), ...argv], { cwd, env: { ...process.env, LANG: 'zh_CN.UTF-8', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exit: code, signal, stdout, stderr, ms: performance.now() - t0, timedOut });
    });
  });
}

function commandFor(c: HostileCase, input: string, rubric: string, goodSelf: string, out: string, n: number): { argv: string[]; label: string }[] {
  if (c.kind === 'result')
    return [
      { argv: ['report', input, '--out', out], label: 'report' },
      { argv: ['verify', input, '--self', goodSelf], label: 'verify' },
    ];
  if (c.kind === 'rubric') {
    const cmds = [{ argv: ['rubric', 'validate', input], label: 'rubric validate' }];
    // Every fifth rubric is also loaded by `score` (loadRubric rather than the validator front end).
    if (n % 5 === 0) cmds.push({ argv: ['score', input, '--self', goodSelf, '--out', out], label: 'score (rubric)' });
    return cmds;
  }
  return [{ argv: ['score', rubric, '--self', input, '--out', out, '--lang', 'zh'], label: 'score' }];
}

function judge(c: HostileCase, label: string, r: Captured, allowed: number[]): { verdict: Verdict; detail?: string } {
  const text = `${r.stdout}\n${r.stderr}`;
  if (r.timedOut) return { verdict: 'hang', detail: `no answer within the timeout` };
  if (STACK.test(text) || r.exit === 70) return { verdict: 'crash', detail: text.slice(0, 600) };
  if (r.exit === null || !allowed.includes(r.exit)) return { verdict: 'bad-exit', detail: `exit ${r.exit}; ${text.slice(0, 300)}` };
  if (r.exit === 0) return { verdict: 'accepted' };
  const located = c.kind === 'output' ? true : c.kind === 'rubric' ? new RegExp(`${escapeRe(c.file)}(:\\d+:\\d+)?`).test(text) : text.includes(c.file);
  if (!located) return { verdict: 'unlocated', detail: `${label}: ${text.slice(0, 300)}` };
  return { verdict: 'clear' };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A sample of `n` cases that keeps at least one case of every family. */
export function sampleCases(cases: HostileCase[], n: number, seed: number): HostileCase[] {
  if (n >= cases.length) return cases;
  const rand = rng(seed ^ 0x5eed);
  const byFamily = new Map<string, HostileCase[]>();
  for (const c of cases) byFamily.set(c.family, [...(byFamily.get(c.family) ?? []), c]);
  const picked = new Set<HostileCase>();
  for (const group of byFamily.values()) picked.add(group[Math.floor(rand() * group.length)]);
  const rest = cases.filter((c) => !picked.has(c));
  while (picked.size < n && rest.length) picked.add(rest.splice(Math.floor(rand() * rest.length), 1)[0]);
  return cases.filter((c) => picked.has(c));
}

export async function runHostile(opts: RunOptions): Promise<Figures> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const all = generateCases(opts.seed);
  const pool = opts.onlyIssue15 ? all.filter((c) => c.issueClass) : all;
  const cases = opts.sample ? sampleCases(pool, opts.sample, opts.seed) : pool;
  await rm(opts.root, { recursive: true, force: true });
  await mkdir(opts.root, { recursive: true });
  const rubric = path.join(opts.root, RUBRIC_NAME);
  await writeFile(rubric, MINIMAL_RUBRIC);
  const goodSelf = path.join(opts.root, '良好站点.xlsx');
  await writeFile(goodSelf, goodStation('良好站点社工站', '甲县'));
  const sharedHashes = { rubric: await hashFile(rubric), good: await hashFile(goodSelf) };
  // A real saved result, the base of the hand-edited ones.
  const baseFile = path.join(opts.root, 'base-result.json');
  await inProcess(['score', rubric, '--self', goodSelf, '--json', baseFile, '-q'], 60_000);
  const baseResult = await readFile(baseFile, 'utf8').catch(() => '{}');

  const outcomes: Outcome[] = [];
  const scoreExit = new Map<string, number | null>();
  let spawned = 0;
  let n = 0;
  for (const c of cases) {
    n++;
    const caseDir = path.join(opts.root, 'cases', c.id);
    const inDir = path.join(caseDir, 'in');
    const out = path.join(caseDir, 'out');
    const input = await materialise(c, inDir, baseResult);
    const argvOverride = c.scenario ? await c.scenario(inDir, { rubric, goodSelf }) : undefined;
    const inputsBefore = c.kind === 'output' ? await Promise.all((await listTree(inDir)).map(async (f) => `${f}:${await hashFile(f)}`)) : [];
    const before = await hashFile(input);
    const treeBefore = new Set(await listTree(caseDir));
    const runs: { label: string; r: Captured }[] = [];
    if (c.heavy) {
      if (opts.spawnHeavy) {
        for (const cmd of commandFor(c, input, rubric, goodSelf, out, n)) {
          spawned++;
          const r = await spawnCli(cmd.argv, opts.spawnTimeoutMs ?? 60_000);
          runs.push({ label: `spawn ${cmd.label}`, r: r.signal && !r.timedOut ? { ...r, exit: null, stderr: `${r.stderr}\nkilled by ${r.signal}` } : r });
        }
      }
    } else if (argvOverride) {
      runs.push({ label: argvOverride[0], r: await inProcess(argvOverride, timeoutMs) });
    } else {
      for (const cmd of commandFor(c, input, rubric, goodSelf, out, n)) runs.push({ label: cmd.label, r: await inProcess(cmd.argv, timeoutMs) });
    }
    const inputsAfter =
      c.kind === 'output' ? await Promise.all((await listTree(inDir)).filter((f) => inputsBefore.some((b) => b.startsWith(`${f}:`))).map(async (f) => `${f}:${await hashFile(f)}`)) : [];
    const outputAltered = inputsBefore.some((b, i) => b !== inputsAfter[i]);
    const after = outputAltered ? 'altered' : await hashFile(input);
    const treeAfter = await listTree(caseDir);
    const escaped = treeAfter.filter((f) => !treeBefore.has(f) && f !== out && !f.startsWith(out + path.sep));
    const formulas = injected(await outputFormulas(out), [...(c.hostileText ?? []), ...ALL_FRAGMENTS]);
    for (const { label, r } of runs) {
      const allowed = label.startsWith('score') || label.startsWith('spawn score') ? (label.includes('rubric') ? [0, 2] : c.expect) : c.expect;
      let { verdict, detail } = judge(c, label, r, label.includes('(rubric)') ? [0, 2] : allowed);
      if (verdict === 'accepted' && c.expectTotal !== undefined && label === 'score') {
        const json = (await listTree(out)).find((f) => f.endsWith('.json'));
        const total = json ? (JSON.parse(await readFile(json, 'utf8')) as { total?: number }).total : undefined;
        if (total !== c.expectTotal) ({ verdict, detail } = { verdict: 'wrong', detail: `total ${total}, the workbook says ${c.expectTotal}` });
      }
      const terminal = TERMINAL_UNSAFE.test(r.stdout) || TERMINAL_UNSAFE.test(r.stderr);
      const o: Outcome = { id: c.id, kind: c.kind, family: c.family, command: label, exit: r.exit, ms: Math.round(r.ms), verdict, altered: before !== after, escaped, formulas, terminal, detail };
      outcomes.push(o);
      if (label === 'score' || label === 'spawn score') scoreExit.set(c.id, r.exit);
    }
    if (outcomes.length % 200 === 0) log(`  … ${n}/${cases.length} inputs`);
    // Keep the scratch folder small: drop outputs of clean cases.
    if (!escaped.length && !formulas.length) await rm(out, { recursive: true, force: true });
    if (c.heavy) await rm(inDir, { recursive: true, force: true });
  }
  const sharedAltered = (await hashFile(rubric)) !== sharedHashes.rubric || (await hashFile(goodSelf)) !== sharedHashes.good;

  // ── batches: 90 good stations + 10 hostile files each ──
  const batches: BatchOutcome[] = [];
  const candidates = cases.filter((c) => (c.kind === 'workbook' || c.kind === 'fs') && !c.heavy && scoreExit.has(c.id));
  const rand = rng(opts.seed ^ 0xba7c4);
  for (let b = 0; b < (opts.batches ?? 0) && candidates.length; b++) {
    batches.push(await runBatchFolder(opts.root, b, candidates, scoreExit, rubric, rand, b === 0 && opts.batchPdf === true, timeoutMs * 6));
  }

  const findings = outcomes.filter(
    (o) =>
      o.verdict === 'crash' ||
      o.verdict === 'hang' ||
      o.verdict === 'unlocated' ||
      o.verdict === 'bad-exit' ||
      o.verdict === 'wrong' ||
      o.verdict === 'leak' ||
      o.altered ||
      o.escaped.length ||
      o.formulas.length ||
      o.terminal,
  );
  const slowest = [...outcomes]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((o) => ({ id: o.id, ms: o.ms, command: o.command }));
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  const byClass: Figures['byClass'] = {};
  for (const c of cases) if (c.issueClass) (byClass[c.issueClass] ??= { inputs: 0, runs: 0, clear: 0, accepted: 0, findings: 0 }).inputs++;
  const classOf = new Map(cases.map((c) => [c.id, c.issueClass]));
  for (const o of outcomes) {
    const k = classOf.get(o.id);
    if (!k) continue;
    const b = byClass[k];
    b.runs++;
    if (o.verdict === 'clear') b.clear++;
    if (o.verdict === 'accepted') b.accepted++;
    if (findings.includes(o)) b.findings++;
  }
  return {
    wrong: count('wrong'),
    leaks: count('leak'),
    byClass,
    tried: cases.length,
    clear: count('clear'),
    accepted: count('accepted'),
    crashes: count('crash'),
    hangs: count('hang'),
    unlocated: count('unlocated'),
    badExit: count('bad-exit'),
    altered: outcomes.filter((o) => o.altered).length + (sharedAltered ? 1 : 0),
    escaped: outcomes.filter((o) => o.escaped.length).length,
    formulaInjections: outcomes.filter((o) => o.formulas.length).length,
    terminalInjections: outcomes.filter((o) => o.terminal).length,
    spawned,
    slowest,
    batches,
    findings,
  };
}

async function runBatchFolder(
  root: string,
  b: number,
  candidates: HostileCase[],
  scoreExit: Map<string, number | null>,
  rubric: string,
  rand: () => number,
  pdf: boolean,
  timeoutMs: number,
): Promise<BatchOutcome> {
  const folder = path.join(root, `batch-${b}`);
  const inDir = path.join(folder, 'in');
  const out = path.join(folder, 'out');
  const good: string[] = [];
  for (let i = 0; i < 90; i++) {
    // A third of the good stations carry hostile names (made unique by their number).
    const name = i % 3 === 0 ? `${HOSTILE_TEXTS[(i / 3 + b * 7) % HOSTILE_TEXTS.length]}#${b}-${i}站` : `第${b}批良好站点${i}号社工站`;
    const county = i % 5 === 0 ? HOSTILE_TEXTS[(i + b) % HOSTILE_TEXTS.length] : `县${i % 4}`;
    await mkdir(path.join(inDir, `county-${i % 4}`), { recursive: true });
    await writeFile(path.join(inDir, `county-${i % 4}`, `good-${i}.xlsx`), goodStation(name, county, [4, 2, 0][i % 3]));
    good.push(`good-${i}`);
  }
  const hostile: HostileCase[] = [];
  const pool = candidates.slice();
  while (hostile.length < 10 && pool.length) hostile.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  const hostileFiles: { c: HostileCase; relative: string }[] = [];
  for (const c of hostile) {
    const dir = path.join(inDir, 'hostile', c.id);
    await materialise(c, dir);
    hostileFiles.push({ c, relative: `hostile/${c.id}/${c.file}` });
  }
  const inputs = (await listTree(inDir)).filter((f) => !f.includes('loop'));
  const hashes = await Promise.all(inputs.map(hashFile));
  const treeBefore = new Set(await listTree(folder));
  const argv = ['batch', rubric, inDir, '--out', out, '--jobs', '1', '--no-progress', ...(pdf ? [] : ['--no-pdf'])];
  const r = await inProcess(argv, timeoutMs);
  const text = `${r.stdout}\n${r.stderr}`;
  const crash = r.timedOut ? 'timeout' : STACK.test(text) || r.exit === 70 ? text.slice(0, 600) : undefined;
  const hashesAfter = await Promise.all(inputs.map(hashFile));
  const escaped = (await listTree(folder)).filter((f) => !treeBefore.has(f) && f !== out && !f.startsWith(out + path.sep));
  const formulas = injected(await outputFormulas(out), ALL_FRAGMENTS);

  // Which good stations were scored, and which bad files are listed.
  const results = await readFile(path.join(out, 'results.jsonl'), 'utf8').catch(() => '');
  const scoredNames = new Set(
    results
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { station: { name: string } }).station.name),
  );
  const goodNames = Array.from({ length: 90 }, (_, i) => (i % 3 === 0 ? `${HOSTILE_TEXTS[(i / 3 + b * 7) % HOSTILE_TEXTS.length]}#${b}-${i}站` : `第${b}批良好站点${i}号社工站`));
  const unscored = goodNames.filter((nm) => ![...scoredNames].some((s) => s === nm || s === nm.trim()));
  const problemsText = await problemListText(path.join(out, '汇总.xlsx'));
  const unlisted = hostileFiles.filter(({ c, relative }) => scoreExit.get(c.id) !== 0 && !problemsText.includes(relative)).map(({ relative }) => relative);
  await rm(out, { recursive: true, force: true }).catch(() => {});
  return {
    folder,
    files: 90 + hostile.length,
    hostile: hostile.length,
    good: 90,
    exit: r.exit ?? -1,
    ms: Math.round(r.ms),
    scoredGood: 90 - unscored.length,
    unlisted,
    unscored,
    altered: hashes.filter((h, i) => h !== hashesAfter[i]).length,
    escaped,
    formulas,
    crash,
  };
}

/** Every string in the 问题清单 sheet of a summary workbook. */
async function problemListText(file: string): Promise<string> {
  try {
    const files = unzipSync(await readFile(file));
    const wb = strFromU8(files['xl/workbook.xml']);
    const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
    const sheet = /<sheet\b[^>]*name="问题清单"[^>]*r:id="([^"]+)"/.exec(wb);
    if (!sheet) return '';
    const target = new RegExp(`Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
    const part = must(target)[1].startsWith('/') ? must(target)[1].slice(1) : `xl/${must(target)[1]}`;
    const xml = strFromU8(files[part]);
    const shared = 'xl/sharedStrings.xml' in files ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]) : [];
    return decodeEntities(xml + shared.join('\n'));
  } catch {
    return '';
  }
}

export function formatFigures(f: Figures): string {
  const lines = [
    `inputs tried        ${f.tried}`,
    `clear errors        ${f.clear}   (refused with a located message and exit 1/2)`,
    `accepted            ${f.accepted}   (scored or valid: exit 0)`,
    `crashes             ${f.crashes}`,
    `hangs               ${f.hangs}`,
    `unlocated messages  ${f.unlocated}`,
    `undocumented exits  ${f.badExit}`,
    `files altered       ${f.altered}`,
    `written outside out ${f.escaped}`,
    `formula injections  ${f.formulaInjections}`,
    `terminal injections ${f.terminalInjections}`,
    `silently wrong      ${f.wrong}`,
    `other files shown   ${f.leaks}`,
    `spawned (heavy)     ${f.spawned}`,
    ...Object.entries(f.byClass)
      .sort()
      .map(([k, b]) => `issue 15 class ${k}: ${b.inputs} inputs, ${b.runs} runs, ${b.clear} clear refusals, ${b.accepted} accepted, ${b.findings} findings`),
    `slowest             ${f.slowest.map((s) => `${s.id} ${s.command} ${s.ms} ms`).join('; ')}`,
  ];
  for (const b of f.batches)
    lines.push(
      `batch ${path.basename(b.folder)}: ${b.files} files (${b.hostile} hostile), exit ${b.exit}, ${b.scoredGood}/${b.good} good scored, ${b.unlisted.length} bad unlisted, ${b.altered} altered, ${b.escaped.length} outside out, ${b.formulas.length} formulas, ${b.ms} ms${b.crash ? `, CRASH ${b.crash.slice(0, 200)}` : ''}`,
    );
  for (const o of f.findings.slice(0, 40))
    lines.push(
      `FINDING ${o.id} [${o.command}] ${o.verdict}${o.altered ? ' altered' : ''}${o.escaped.length ? ` escaped:${o.escaped.join(',')}` : ''}${o.formulas.length ? ` formulas:${o.formulas.join(' | ')}` : ''}${o.terminal ? ' terminal' : ''} exit=${o.exit} ${o.ms} ms ${(o.detail ?? '').replace(/\s+/g, ' ').slice(0, 300)}`,
    );
  if (f.findings.length > 40) lines.push(`… ${f.findings.length - 40} more findings`);
  return lines.join('\n');
}
