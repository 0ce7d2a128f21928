/**
 * Compare a published result with a recomputed one, field by field (pure).
 * Every difference names where it is: an item (`items[] id 1.2.3`, field
 * `spot`), a module, a node, or a top-level field, with both values.
 *
 * Ignored, and documented in docs/reliability.md: `tool` (the version is
 * compared and reported separately) and `rubric.file` (where the rubric lay
 * when it was scored). Everything else must be equal, including messages.
 */
import type { StationResult } from '../score/types.js';

export const IGNORED_FIELDS = ['tool', 'rubric.file'] as const;

export interface ResultDifference {
  /** JSON path, e.g. `items[id=1.2].spot` or `total`. */
  path: string;
  /** The item, module or node id when the difference is inside one. */
  id?: string;
  /** Which list the id is in. */
  list?: 'items' | 'modules' | 'nodes' | 'vetoes';
  /** The field inside that entry (or the top-level field). */
  field: string;
  published: unknown;
  recomputed: unknown;
}

const KEYED: Record<string, string> = { items: 'id', modules: 'id', nodes: 'id', vetoes: 'id' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strip(result: StationResult): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
  delete copy.tool;
  if (isObject(copy.rubric)) delete copy.rubric.file;
  return copy;
}

/** Every difference between a published and a recomputed result (empty when they agree). */
export function compareResults(published: StationResult, recomputed: StationResult): ResultDifference[] {
  const out: ResultDifference[] = [];
  diff(strip(published), strip(recomputed), '', out, undefined);
  return out;
}

function diff(a: unknown, b: unknown, path: string, out: ResultDifference[], entry: { list: ResultDifference['list']; id: string; base: string } | undefined): void {
  if (Object.is(a, b)) return;
  const field = () => (entry ? path.slice(entry.base.length).replace(/^\./, '') || '(entry)' : path);
  if (Array.isArray(a) && Array.isArray(b)) {
    const list = path;
    const key = KEYED[list];
    if (key && !entry && a.every((x) => isObject(x)) && b.every((x) => isObject(x))) {
      const byId = (arr: Record<string, unknown>[]) => new Map(arr.map((x) => [String(x[key]), x]));
      const ma = byId(a);
      const mb = byId(b);
      for (const [id, x] of ma) {
        const base = `${path}[id=${id}]`;
        const here = { list: list as ResultDifference['list'], id, base };
        if (!mb.has(id)) out.push({ path: base, id, list: here.list, field: '(entry)', published: x, recomputed: undefined });
        else diff(x, mb.get(id), base, out, here);
      }
      for (const [id, y] of mb) if (!ma.has(id)) out.push({ path: `${path}[id=${id}]`, id, list: list as ResultDifference['list'], field: '(entry)', published: undefined, recomputed: y });
      const orderA = [...ma.keys()].join('\u0000');
      const orderB = [...mb.keys()].join('\u0000');
      if (ma.size === mb.size && orderA !== orderB && [...ma.keys()].every((k) => mb.has(k))) out.push({ path, field: `${path} (order)`, published: [...ma.keys()], recomputed: [...mb.keys()] });
      return;
    }
    if (a.length !== b.length || a.some((x, i) => JSON.stringify(x) !== JSON.stringify(b[i]))) {
      // Plain arrays (flags, warnings, blankItems …): compare whole.
      out.push({ path, ...(entry ? { id: entry.id, list: entry.list } : {}), field: field(), published: a, recomputed: b });
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diff(a[k], b[k], path ? `${path}.${k}` : k, out, entry);
    return;
  }
  out.push({ path, ...(entry ? { id: entry.id, list: entry.list } : {}), field: field(), published: a, recomputed: b });
}
