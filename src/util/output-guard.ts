/**
 * Outputs never over inputs. Before a command writes anything it calls
 * `guardOutputs` once with every input it reads (rubric, workbooks, spot
 * check, roster, previous results, mapping; files or folders) and every output
 * it will write (files, and the folders that receive them). Refused with exit
 * 2 and a message naming both paths:
 *
 * - an output file that is an input file: the same file on disk (device and
 *   inode, so symbolic links, hard links and a file system that ignores case
 *   are all seen through), or the same real path;
 * - an output folder that is, or contains, an input folder (`batch in/ --out in/`
 *   would write 汇总.xlsx over a workbook of that name, and the next run would
 *   read its own outputs); an output folder inside an input folder is fine:
 *   batch discovery skips it;
 * - an output file that is a folder, an output folder that is a file, a path
 *   through a file (the messages say what to do);
 * - the same output twice (compared by real path, case-folded where the file
 *   system ignores case: detected on the folder itself, not assumed by platform).
 */
import { lstatSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { t, type Lang } from './lang.js';

export interface GuardRequest {
  /** Every input path (files or folders); missing ones are compared by path only (their readers report them). */
  inputs: readonly (string | undefined)[];
  /** Every output file that will be written. */
  outputs?: readonly string[];
  /** Folders that will receive outputs (`--out`). */
  outDirs?: readonly string[];
  lang?: Lang;
}

interface Known {
  given: string;
  real: string;
  id?: string;
  dir: boolean;
}

function statOf(p: string): BigIntStats | undefined {
  try {
    return statSync(p, { bigint: true });
  } catch {
    return undefined;
  }
}

function idOf(s: BigIntStats): string {
  return `${s.dev}:${s.ino}`;
}

const caseCache = new Map<string, boolean>();

/**
 * Whether the folder `dir` (a real path) ignores case: the last path component
 * with a cased letter is looked up with its case swapped; the same folder
 * answering means case-insensitive. A path with no cased letter counts as
 * case-sensitive (it only matters for two outputs differing by case).
 */
export function ignoresCase(dir: string): boolean {
  const cached = caseCache.get(dir);
  if (cached !== undefined) return cached;
  let answer = false;
  const parts = dir.split(path.sep);
  for (let i = parts.length - 1; i >= 0; i--) {
    const swapped = swapCase(parts[i]);
    if (swapped === parts[i]) continue;
    const variant = [...parts.slice(0, i), swapped, ...parts.slice(i + 1)].join(path.sep);
    try {
      const a = lstatSync(parts.slice(0, i + 1).join(path.sep) || path.sep, { bigint: true });
      const b = lstatSync(
        variant
          .split(path.sep)
          .slice(0, i + 1)
          .join(path.sep),
        { bigint: true },
      );
      answer = a.ino === b.ino && a.dev === b.dev;
    } catch {
      answer = false;
    }
    break;
  }
  caseCache.set(dir, answer);
  return answer;
}

function swapCase(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += up === ch ? ch.toLowerCase() : up;
  }
  return out;
}

/** The real path of `p`: realpath of the file, or of its nearest existing folder plus the rest. */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = realpathSync.native(cur);
      return rest.length ? path.join(real, ...rest.reverse()) : real;
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** A real path as compared: case-folded when its folder ignores case. */
function comparable(real: string): string {
  return ignoresCase(nearestExisting(real)) ? real.toLowerCase() : real;
}

function nearestExisting(p: string): string {
  let cur = p;
  for (;;) {
    if (statOf(cur)) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return cur;
    cur = parent;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function guardOutputs(req: GuardRequest): void {
  const lang = req.lang ?? 'zh';
  const inputs: Known[] = [];
  const inputIds = new Map<string, Known>();
  const inputReals = new Map<string, Known>();
  for (const given of req.inputs) {
    if (given === undefined || given === '-') continue;
    const s = statOf(given);
    const k: Known = { given, real: comparable(realPathOf(given)), ...(s ? { id: idOf(s) } : {}), dir: s?.isDirectory() === true };
    inputs.push(k);
    if (k.id) inputIds.set(k.id, k);
    inputReals.set(k.real, k);
  }

  for (const dir of req.outDirs ?? []) {
    const s = statOf(dir);
    if (s && !s.isDirectory()) {
      throw new UserError(t(lang, `--out 应是文件夹，但 ${dir} 是一个已存在的文件；请换一个文件夹名`, `--out must be a folder, but ${dir} is an existing file; choose a folder name`), {
        location: dir,
        code: 'OUTPUT_NOT_A_FOLDER',
      });
    }
    throughFile(dir, lang);
    const real = comparable(realPathOf(dir));
    for (const k of inputs) {
      if (k.dir && (isInside(k.real, real) || (s && k.id === idOf(s)))) {
        throw new UserError(
          t(
            lang,
            `输出文件夹 ${dir} 就是输入文件夹 ${k.given}（或包含它）：输出可能覆盖输入的文件，下次运行也会把输出当作输入读取；请换一个单独的输出文件夹`,
            `the output folder ${dir} is (or contains) the input folder ${k.given}: outputs could overwrite input files and later runs would read them; choose a separate output folder`,
          ),
          { location: dir, code: 'OUTPUT_CONTAINS_INPUT' },
        );
      }
    }
  }

  const seen = new Map<string, string>();
  for (const file of req.outputs ?? []) {
    const s = statOf(file);
    if (s?.isDirectory()) {
      throw new UserError(
        t(lang, `输出路径 ${file} 是一个文件夹；请给出文件名（例如 ${path.join(file, '报告' + (path.extname(file) || '.xlsx'))}）`, `the output ${file} is a folder; give a file name`),
        {
          location: file,
          code: 'OUTPUT_IS_FOLDER',
        },
      );
    }
    throughFile(path.dirname(path.resolve(file)), lang);
    const real = comparable(realPathOf(file));
    const clash = (s && inputIds.get(idOf(s))) ?? inputReals.get(real);
    if (clash && !clash.dir) {
      throw new UserError(
        t(
          lang,
          `输出文件 ${file} 就是输入文件 ${clash.given}${clash.given === file ? '' : '（同一个文件）'}，不会覆盖它；请换一个输出文件名或输出文件夹`,
          `the output ${file} is the input ${clash.given}${clash.given === file ? '' : ' (the same file)'} and will not be overwritten; choose another output name or folder`,
        ),
        { location: file, code: 'OUTPUT_IS_INPUT' },
      );
    }
    const before = seen.get(real);
    if (before !== undefined)
      throw new UserError(t(lang, `输出文件 ${file} 指定了两次（与 ${before} 相同）`, `output ${file} given twice (same as ${before})`), { location: file, code: 'OUTPUT_TWICE' });
    seen.set(real, file);
  }
}

/** A folder path one of whose existing components is a file (ENOTDIR when written). */
function throughFile(dir: string, lang: Lang): void {
  const existing = nearestExisting(path.resolve(dir));
  const s = statOf(existing);
  if (s && !s.isDirectory()) {
    throw new UserError(
      t(lang, `无法在 ${dir} 中写入：${existing} 是文件而不是文件夹；请换一个输出位置`, `cannot write into ${dir}: ${existing} is a file, not a folder; choose another output location`),
      {
        location: dir,
        code: 'OUTPUT_NOT_A_FOLDER',
      },
    );
  }
}

/** Whether `file` lies inside one of `dirs` (real paths, case as the file system compares). */
export function insideAny(file: string, dirs: readonly string[]): boolean {
  const real = comparable(realPathOf(file));
  return dirs.some((d) => isInside(real, comparable(realPathOf(d))));
}
