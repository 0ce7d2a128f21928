/**
 * Expand the paths given to `rubric validate`: files as they are, folders
 * searched recursively for *.yaml / *.yml (skipping node_modules and
 * dot-folders; symlinked folders are not followed, so loops cannot happen).
 * The order is deterministic: arguments in order, each folder sorted.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FoundRubricFiles {
  files: string[];
  /** Paths that do not exist or cannot be read. */
  missing: { path: string; reason: string }[];
  /** Folders given that held no rubric file. */
  emptyFolders: string[];
}

const RUBRIC_EXT = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules']);

export async function findRubricFiles(paths: readonly string[]): Promise<FoundRubricFiles> {
  const files: string[] = [];
  const seen = new Set<string>();
  const missing: FoundRubricFiles['missing'] = [];
  const emptyFolders: string[] = [];
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };

  const walk = async (dir: string, out: string[]) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
        await walk(full, out);
      } else if (RUBRIC_EXT.test(e.name) && !e.name.startsWith('.')) {
        if (e.isFile()) out.push(full);
        else if (e.isSymbolicLink()) {
          try {
            if ((await stat(full)).isFile()) out.push(full);
          } catch {
            // a dangling link: not a rubric
          }
        }
      }
    }
  };

  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch (err) {
      missing.push({ path: p, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      try {
        await walk(p, found);
      } catch (err) {
        missing.push({ path: p, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
        continue;
      }
      if (found.length === 0) emptyFolders.push(p);
      found.forEach(add);
    } else add(p);
  }
  return { files, missing, emptyFolders };
}
