/**
 * Stage 2 of loading a rubric: the zod schema's issues turned into located
 * diagnostics (codes and parameters; the words are in the catalogue). Unknown keys get a "did you mean" from the allowed
 * keys of that very object (found by walking the schema along the path).
 */
import type { z } from 'zod';
import { diagnostic, formatDataPath, type Coded, type DataPath, type Diagnostic, type DiagnosticPlace, type PathSegment } from './diagnostics.js';
import type { SourcePosition } from './parse-yaml.js';

type Locate = (path: DataPath, options?: { key?: boolean }) => SourcePosition;

interface AnyDef {
  type: string;
  shape?: Partial<Record<string, { _zod: { def: AnyDef } }>>;
  getter?: () => { _zod: { def: AnyDef } };
  innerType?: { _zod: { def: AnyDef } };
  element?: { _zod: { def: AnyDef } };
  options?: { _zod: { def: AnyDef } }[];
  discriminator?: string;
  valueType?: { _zod: { def: AnyDef } };
  values?: unknown[];
  in?: { _zod: { def: AnyDef } };
}

function unwrap(def: AnyDef, value: unknown): AnyDef {
  for (let guard = 0; guard < 20; guard++) {
    if (def.type === 'lazy' && def.getter) def = def.getter()._zod.def;
    else if ((def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly') && def.innerType) def = def.innerType._zod.def;
    else if (def.type === 'pipe' && def.in) def = def.in._zod.def;
    else if (def.type === 'union' && def.options) {
      const disc = def.discriminator;
      const kind = disc && value && typeof value === 'object' ? (value as Record<string, unknown>)[disc] : undefined;
      const match = def.options.find((o) => {
        const od = unwrap(o._zod.def, undefined);
        const lit = disc ? od.shape?.[disc]?._zod.def : undefined;
        return lit?.values?.includes(kind);
      });
      if (!match) return def;
      def = match._zod.def;
    } else return def;
  }
  return def;
}

/** The schema's definition at `path`, following the data to choose union options. */
function defAt(schema: z.ZodType, data: unknown, path: DataPath): AnyDef | undefined {
  let def = unwrap((schema as unknown as { _zod: { def: AnyDef } })._zod.def, data);
  let value = data;
  for (const seg of path) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg as string] : undefined;
    const field = def.type === 'object' && typeof seg === 'string' ? def.shape?.[seg] : undefined;
    if (field) def = unwrap(field._zod.def, value);
    else if (def.type === 'array' && def.element) def = unwrap(def.element._zod.def, value);
    else if (def.type === 'record' && def.valueType) def = unwrap(def.valueType._zod.def, value);
    else return undefined;
  }
  return def;
}

export function allowedKeys(schema: z.ZodType, data: unknown, path: DataPath): string[] {
  const def = defAt(schema, data, path);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The closest candidate within a sensible distance, or undefined. */
export function didYouMean(word: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = maxDistance ?? Math.max(2, Math.ceil(word.length * 0.4));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function valueAt(data: unknown, path: DataPath): { found: boolean; value: unknown } {
  let value = data;
  for (const seg of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, seg)) return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[seg as string];
  }
  return { found: true, value };
}

interface Issue {
  code: string;
  path: PathSegment[];
  message: string;
  expected?: string;
  keys?: string[];
  values?: unknown[];
  options?: unknown[];
  discriminator?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  divisor?: number;
  issues?: Issue[];
  errors?: Issue[][];
}

/** Every zod issue as one or more located diagnostics (one per unknown key). */
export function structureDiagnostics(schema: z.ZodType, issues: readonly unknown[], data: unknown, file: string, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (path: DataPath, coded: Coded, extra: Pick<DiagnosticPlace, 'received' | 'expected'> = {}, key = false) => {
    const p = locate(path, { key });
    out.push(diagnostic({ file, ...p, path: formatDataPath(path), severity: 'error', ...coded, ...extra }));
  };

  for (const raw of issues) {
    const issue = raw as Issue;
    const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
    const field = path.length > 0 ? String(path[path.length - 1]) : '';
    const at = formatDataPath(path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, data, path);
        for (const key of issue.keys ?? []) {
          const guess = didYouMean(key, allowed);
          push([...path, key], { code: 'SCHEMA_UNKNOWN_KEY', params: { key, ...(guess ? { guess } : {}), allowed } }, { received: key, expected: guess ?? allowed }, true);
        }
        break;
      }
      case 'invalid_type': {
        const { found, value } = valueAt(data, path);
        const expected = issue.expected ?? '?';
        if (!found || value === undefined) push(path, { code: 'SCHEMA_MISSING_KEY', params: { key: field, type: expected } }, { expected });
        else push(path, { code: 'SCHEMA_INVALID_TYPE', params: { path: at, type: expected, value } }, { received: value, expected });
        break;
      }
      case 'invalid_value': {
        const { value } = valueAt(data, path);
        const guess = typeof value === 'string' ? didYouMean(value, (issue.values ?? []).map(String)) : undefined;
        push(path, { code: 'SCHEMA_INVALID_VALUE', params: { path: at, value, allowed: issue.values ?? [], ...(guess ? { guess } : {}) } }, { received: value, expected: issue.values });
        break;
      }
      case 'invalid_union': {
        const { found, value } = valueAt(data, path);
        if (issue.discriminator) {
          const options = (issue.options ?? []).map(String);
          const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
          if (!found) push(path, { code: 'SCHEMA_MISSING_KEY', params: { key: field, options } }, { expected: options });
          else push(path, { code: 'SCHEMA_INVALID_KIND', params: { field, value, options, ...(guess ? { guess } : {}) } }, { received: value, expected: options });
        } else {
          push(path, { code: 'SCHEMA_INVALID_VALUE', params: { path: at, value, form: 'union' } }, { received: value });
        }
        break;
      }
      case 'invalid_key': {
        const detail = issue.issues?.[0]?.message;
        push(path, { code: 'SCHEMA_INVALID_KEY', params: { key: field, ...(detail ? { detail } : {}) } }, { received: field }, true);
        break;
      }
      case 'too_small':
      case 'too_big': {
        const { value } = valueAt(data, path);
        const small = issue.code === 'too_small';
        const limit = Number(small ? issue.minimum : issue.maximum);
        const inclusive = issue.inclusive !== false;
        const origin = issue.origin === 'array' || issue.origin === 'string' ? issue.origin : 'number';
        const params = { path: at, origin, limit, inclusive, value } as const;
        push(path, small ? { code: 'SCHEMA_TOO_SMALL', params } : { code: 'SCHEMA_TOO_BIG', params }, {
          received: value,
          expected: `${small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${limit}`,
        });
        break;
      }
      case 'invalid_format': {
        const { value } = valueAt(data, path);
        push(path, { code: 'SCHEMA_INVALID_FORMAT', params: { path: at, value, detail: issue.message } }, { received: value });
        break;
      }
      case 'not_multiple_of': {
        const { value } = valueAt(data, path);
        push(path, { code: 'SCHEMA_NOT_MULTIPLE', params: { path: at, divisor: issue.divisor ?? 1, value } }, { received: value, expected: issue.divisor });
        break;
      }
      default: {
        const { value } = valueAt(data, path);
        push(path, { code: 'SCHEMA_INVALID', params: { path: at, detail: issue.message } }, { received: value });
      }
    }
  }
  return out;
}

/** A deep copy of `data` without the keys zod reported as unknown, so the semantic rules can still run. */
export function withoutUnknownKeys(data: unknown, issues: readonly unknown[]): unknown {
  const copy = structuredClone(data);
  for (const raw of issues) {
    const issue = raw as Issue;
    if (issue.code !== 'unrecognized_keys') continue;
    const target = valueAt(copy, issue.path).value;
    if (target && typeof target === 'object') for (const k of issue.keys ?? []) Reflect.deleteProperty(target, k);
  }
  return copy;
}
