/**
 * Stage 2 of loading a rubric: the zod schema's issues turned into located,
 * bilingual diagnostics. Unknown keys get a "did you mean" from the allowed
 * keys of that very object (found by walking the schema along the path).
 */
import type { z } from 'zod';
import { diagnostic, formatDataPath, show, type DataPath, type Diagnostic, type DiagnosticFields, type PathSegment } from './diagnostics.js';
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

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true / false）',
  object: '映射（键: 值）',
  array: '列表',
  record: '映射（键: 值）',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeOfZh(value: unknown): string {
  const t = typeOf(value);
  return t === 'null' ? '空值' : (TYPE_ZH[t] ?? t);
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

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** Every zod issue as one or more located diagnostics (one per unknown key). */
export function structureDiagnostics(schema: z.ZodType, issues: readonly unknown[], data: unknown, file: string, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (path: DataPath, code: string, message: string, messageEn: string, extra: Partial<DiagnosticFields> = {}, key = false) => {
    const p = locate(path, { key });
    out.push(diagnostic({ file, ...p, path: formatDataPath(path), code, severity: 'error', message, messageEn, ...extra }));
  };

  for (const raw of issues) {
    const issue = raw as Issue;
    const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
    const field = path.length > 0 ? String(path[path.length - 1]) : '';
    const at = formatDataPath(path) || '(根)';
    const atEn = formatDataPath(path) || '(root)';
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, data, path);
        for (const key of issue.keys ?? []) {
          const guess = didYouMean(key, allowed);
          const list = allowed.join(', ');
          push(
            [...path, key],
            'SCHEMA_UNKNOWN_KEY',
            `未知的键 "${key}"${guess ? `，是不是 "${guess}"？` : ''}${list ? `（此处允许：${list}）` : ''}`,
            `Unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}${list ? ` (allowed here: ${list})` : ''}`,
            { received: key, expected: guess ?? allowed },
            true,
          );
        }
        break;
      }
      case 'invalid_type': {
        const { found, value } = valueAt(data, path);
        const expected = issue.expected ?? '?';
        if (!found || value === undefined) {
          push(path, 'SCHEMA_MISSING_KEY', `缺少必填的键 "${field}"（${TYPE_ZH[expected] ?? expected}）`, `Missing required key "${field}" (${expected})`, { expected });
        } else {
          push(
            path,
            'SCHEMA_INVALID_TYPE',
            `${at} 应为${TYPE_ZH[expected] ?? expected}，实际是${typeOfZh(value)} ${show(value)}`,
            `${atEn} must be ${expected === 'object' || expected === 'array' ? 'an' : 'a'} ${expected}, found ${typeOf(value)} ${show(value)}`,
            { received: value, expected },
          );
        }
        break;
      }
      case 'invalid_value': {
        const { value } = valueAt(data, path);
        const allowed = (issue.values ?? []).map((v) => show(v));
        const guess = typeof value === 'string' ? didYouMean(value, (issue.values ?? []).map(String)) : undefined;
        push(
          path,
          'SCHEMA_INVALID_VALUE',
          `${at} 的值 ${show(value)} 不在允许范围内，应为 ${allowed.join(' | ')} 之一${guess ? `，是不是 "${guess}"？` : ''}`,
          `${atEn}: ${show(value)} is not allowed; expected one of ${allowed.join(' | ')}${guess ? `; did you mean "${guess}"?` : ''}`,
          { received: value, expected: issue.values },
        );
        break;
      }
      case 'invalid_union': {
        const { found, value } = valueAt(data, path);
        if (issue.discriminator) {
          const options = (issue.options ?? []).map(String);
          const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
          if (!found) {
            push(path, 'SCHEMA_MISSING_KEY', `缺少必填的键 "${field}"，应为 ${options.join(' | ')} 之一`, `Missing required key "${field}"; expected one of ${options.join(' | ')}`, {
              expected: options,
            });
          } else {
            push(
              path,
              'SCHEMA_INVALID_KIND',
              `未知的${field === 'kind' ? '评分方式' : field} ${show(value)}，应为 ${options.join(' | ')} 之一${guess ? `，是不是 "${guess}"？` : ''}`,
              `Unknown ${field} ${show(value)}; expected one of ${options.join(' | ')}${guess ? `; did you mean "${guess}"?` : ''}`,
              { received: value, expected: options },
            );
          }
        } else {
          push(path, 'SCHEMA_INVALID_VALUE', `${at} 的值 ${show(value)} 不符合任何允许的形式`, `${atEn}: ${show(value)} matches none of the allowed forms`, { received: value });
        }
        break;
      }
      case 'invalid_key': {
        const key = field;
        const sub = issue.issues?.[0];
        const why = sub?.message && hasCjk(sub.message) ? sub.message : '';
        push(
          path,
          'SCHEMA_INVALID_KEY',
          `键 "${key}" 不合法${why ? `：${why}` : ''}`,
          `Invalid key "${key}"${sub?.message && !hasCjk(sub.message) ? `: ${sub.message}` : ''}`,
          { received: key },
          true,
        );
        break;
      }
      case 'too_small':
      case 'too_big': {
        const { value } = valueAt(data, path);
        const small = issue.code === 'too_small';
        const limit = Number(small ? issue.minimum : issue.maximum);
        const incl = issue.inclusive !== false;
        let zh: string;
        let en: string;
        if (issue.origin === 'array') {
          zh = small ? `${at} 至少需要 ${limit} 项，实际 ${Array.isArray(value) ? value.length : 0} 项` : `${at} 最多 ${limit} 项`;
          en = small ? `${atEn} needs at least ${limit} entries, found ${Array.isArray(value) ? value.length : 0}` : `${atEn} allows at most ${limit} entries`;
        } else if (issue.origin === 'string') {
          zh = small ? `${at} 不能为空` : `${at} 过长（最多 ${limit} 个字符）`;
          en = small ? `${atEn} must not be empty` : `${atEn} is too long (at most ${limit} characters)`;
        } else {
          const op = small ? (incl ? '≥' : '>') : incl ? '≤' : '<';
          zh = `${at} 应 ${op} ${limit}，实际是 ${show(value)}`;
          en = `${atEn} must be ${op} ${limit}, found ${show(value)}`;
        }
        push(path, small ? 'SCHEMA_TOO_SMALL' : 'SCHEMA_TOO_BIG', zh, en, { received: value, expected: `${small ? (incl ? '>=' : '>') : incl ? '<=' : '<'} ${limit}` });
        break;
      }
      case 'invalid_format': {
        const { value } = valueAt(data, path);
        const custom = hasCjk(issue.message) ? issue.message : '';
        push(path, 'SCHEMA_INVALID_FORMAT', `${at} 的值 ${show(value)} 格式不对${custom ? `：${custom}` : ''}`, `${atEn}: ${show(value)} has the wrong format${custom ? '' : ` (${issue.message})`}`, {
          received: value,
        });
        break;
      }
      case 'not_multiple_of': {
        const { value } = valueAt(data, path);
        push(path, 'SCHEMA_NOT_MULTIPLE', `${at} 应为 ${issue.divisor} 的倍数，实际是 ${show(value)}`, `${atEn} must be a multiple of ${issue.divisor}, found ${show(value)}`, {
          received: value,
          expected: issue.divisor,
        });
        break;
      }
      default: {
        const { value } = valueAt(data, path);
        push(path, 'SCHEMA_INVALID', `${at}：${issue.message}`, `${atEn}: ${issue.message}`, { received: value });
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
