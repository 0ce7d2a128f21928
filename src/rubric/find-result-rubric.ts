/**
 * The rubric a saved result names (`rubric.file`), found and loaded only when
 * it is the very file the result was scored with. A result is data that can
 * be hand-edited or come from elsewhere, so its `rubric.file` is a hint, not
 * an instruction: it is looked up only as a rubric (*.yaml / *.yml), relative
 * to the result file's folder (how results record it), then to the working
 * folder (results written before that), then among the bundled rubrics by
 * name; its bytes are hashed before anything is parsed, and a file whose
 * sha256 differs from the recorded one is never parsed or shown (a result
 * naming /etc/passwd must not make the tool print it).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputFile } from '../util/input-file.js';
import type { Lang } from '../util/lang.js';
import type { LoadedRubric } from './model.js';
import { DEFAULT_MAX_BYTES } from './parse-yaml.js';

/** The rubrics bundled with the tool (rubrics/ beside package.json). */
export const BUNDLED_RUBRICS = fileURLToPath(new URL('../../rubrics/', import.meta.url));

export type ResultRubric =
  | { kind: 'found'; file: string; rubric: LoadedRubric }
  | { kind: 'not-named' }
  | { kind: 'not-a-rubric'; stored: string }
  | { kind: 'not-found'; stored: string; looked: string[] }
  | { kind: 'mismatch'; stored: string; file: string; sha256: string };

/** Where a result written to `resultFile` records `rubricFile`: relative to the result's folder, with `/`. */
export function recordedRubricPath(rubricFile: string, resultFile: string): string {
  const rel = path.relative(path.dirname(path.resolve(resultFile)), path.resolve(rubricFile));
  return (rel || path.basename(rubricFile)).split(path.sep).join('/');
}

export async function findResultRubric(resultFile: string, stored: { file?: string; sha256: string }, lang: Lang): Promise<ResultRubric> {
  if (!stored.file) return { kind: 'not-named' };
  const name = stored.file;
  if (!/\.ya?ml$/i.test(name)) return { kind: 'not-a-rubric', stored: name };
  const candidates = path.isAbsolute(name) ? [name] : [path.resolve(path.dirname(resultFile), name), path.resolve(name)];
  candidates.push(path.join(BUNDLED_RUBRICS, path.basename(name.replace(/\\/g, '/'))));
  const looked = [...new Set(candidates)];
  let mismatch: ResultRubric | undefined;
  for (const file of looked) {
    if (!existsSync(file)) continue;
    let bytes: Buffer;
    try {
      bytes = await readInputFile(file, { maxBytes: DEFAULT_MAX_BYTES, lang });
    } catch {
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== stored.sha256) {
      mismatch ??= { kind: 'mismatch', stored: name, file: displayPath(file), sha256 };
      continue;
    }
    const { loadRubric } = await import('./load-rubric.js');
    const shown = displayPath(file);
    return { kind: 'found', file: shown, rubric: await loadRubric(shown, { lang }) };
  }
  return mismatch ?? { kind: 'not-found', stored: name, looked: looked.map(displayPath) };
}

/** Relative to the working folder when inside it, else absolute. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
