/**
 * Find the self-assessment workbooks under a folder, recursively and
 * deterministically (sorted by relative path, code-point order): .xlsx,
 * .xlsm, .xls, .et, .ods and .csv (every format open-workbook.ts reads).
 * Files that are spreadsheets in a format not read here (.wps, .numbers …)
 * are returned as problems, not skipped silently; Excel/WPS lock files (~$x.xlsx) and hidden folders are ignored;
 * symlinked folders are followed once (loops are cut).
 */
import type { MessageParams } from '../problems/catalogue.js';
import type { Problem } from '../problems/problem.js';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { realPathOf } from '../util/output-guard.js';

export interface DiscoveredFile {
  /** Absolute path. */
  file: string;
  /** Path relative to the searched folder, with `/` separators (for reports). */
  relative: string;
}

export type DiscoveryProblem = {
  [C in 'WRONG_FORMAT' | 'UNREADABLE']: { file: string; relative: string; code: C; params: MessageParams[C] };
}['WRONG_FORMAT' | 'UNREADABLE'];

/** A file of the folder that is not read, as a problem of the run (located at the file, relative to the folder). */
export function discoveryProblem(p: DiscoveryProblem): Problem {
  return { code: p.code, severity: 'error', location: { file: p.relative }, params: p.params };
}

const WORKBOOK = /\.(xlsx|xlsm|xls|et|ods|csv)$/i;
const OTHER_FORMATS = /\.(ett|xltx|xlt|ots|wps|numbers|xlsb)$/i;

export interface DiscoverOptions {
  /** Folders to skip (e.g. the output folder when it lies inside the input folder). */
  exclude?: string[];
}

export async function discoverWorkbooks(root: string, opts: DiscoverOptions = {}): Promise<{ files: DiscoveredFile[]; problems: DiscoveryProblem[] }> {
  const files: DiscoveredFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const seenDirs = new Set<string>();
  const base = path.resolve(root);
  // Compared by real path: a symbolic link into --out, or --out reached through a link, is skipped too.
  const excluded = (opts.exclude ?? []).map((d) => realPathOf(d));
  const isExcluded = (real: string) => excluded.some((d) => real === d || real.startsWith(d.endsWith(path.sep) ? d : d + path.sep));

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (err) {
      problems.push(problem(dir, 'UNREADABLE', { what: 'folder', reason: (err as Error).message }));
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop or a folder linked twice
    if (isExcluded(real)) return; // files under --out are never inputs
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push(problem(dir, 'UNREADABLE', { what: 'folder', reason: (err as Error).message }));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
          if (isFile && excluded.length && isExcluded(await realpath(full))) continue; // a link to an output
        } catch {
          problems.push(problem(full, 'UNREADABLE', { what: 'link' }));
          continue;
        }
      }
      if (isDir) {
        if (entry.name === 'node_modules') continue;
        await walk(full);
      } else if (isFile && WORKBOOK.test(entry.name)) {
        files.push({ file: full, relative: rel(full) });
      } else if (isFile && OTHER_FORMATS.test(entry.name)) {
        problems.push(problem(full, 'WRONG_FORMAT', { ext: path.extname(entry.name) }));
      } else if (!isFile && (WORKBOOK.test(entry.name) || OTHER_FORMATS.test(entry.name))) {
        // A pipe, a device or a socket under a workbook's name: listed, never opened (it could block the run).
        problems.push(problem(full, 'UNREADABLE', { what: 'special' }));
      }
    }
  }

  function rel(full: string): string {
    return path.relative(base, full).split(path.sep).join('/');
  }
  function problem<C extends DiscoveryProblem['code']>(full: string, code: C, params: MessageParams[C]): DiscoveryProblem {
    return { file: full, relative: rel(full), code, params } as DiscoveryProblem;
  }

  await walk(base);
  return { files, problems };
}
