/**
 * The zod schema of a saved StationResult (docs/result-format.md): every
 * result read back from a file (`report`, `verify`, `compare`,
 * `batch --previous`) is checked with it before use, so a hand-edited field
 * gets a located message (`result.json: items[0].self: …`) instead of a
 * TypeError or a big.js error deep inside a report. Pure: no I/O.
 *
 * Objects are loose (unknown keys are kept, not refused): a field added by a
 * later formatVersion-1 tool is not an error, and `verify` still sees it.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { t, type Lang } from '../util/lang.js';
import { RESULT_FORMAT_VERSION, type StationResult } from './types.js';

const num = z.number();
const nullableNum = num.nullable();
const text = z.string();

const StationMeta = z.looseObject({
  name: text,
  code: text.optional(),
  county: text.optional(),
  township: text.optional(),
  operator: text.optional(),
  year: z.union([num, text]).optional(),
  filledBy: text.optional(),
  date: text.optional(),
  targetLevel: z.number().int().optional(),
  evaluator: text.optional(),
  evaluationDate: text.regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

const ItemResult = z.looseObject({
  id: text,
  name: text,
  moduleId: text,
  bonus: z.boolean(),
  max: num,
  self: nullableNum,
  spot: nullableNum,
  final: nullableNum,
  selfInput: text.optional(),
  spotInput: text.optional(),
  status: z.enum(['scored', 'na-excluded', 'na-full', 'blank', 'blank-zero']),
  deviation: nullableNum,
  inflated: z.boolean(),
  met: z.boolean().nullable().optional(),
  party: text.optional(),
  note: text.optional(),
  reason: text.optional(),
  condition: z.looseObject({ code: z.enum(['APPLIES_WHEN', 'APPLIES_UNLESS']), rule: z.number().int().min(0), then: z.enum(['not-applicable', 'full', 'zero']), on: text, found: text }).optional(),
});

const NodeResult = z.looseObject({
  id: text,
  name: text,
  max: num,
  self: nullableNum,
  spot: nullableNum,
  final: num,
  applicableMax: num,
  rescaled: z.boolean(),
});

const ModuleResult = NodeResult.extend({ percent: num, deviation: nullableNum });

const Flag = z.looseObject({ code: text, message: text, messageEn: text.optional(), itemId: text.optional(), moduleId: text.optional() });

const Shortfall = z.looseObject({
  kind: z.enum(['total', 'module', 'control', 'veto', 'verified', 'complete', 'inflation', 'max-total', 'prerequisite', 'target', 'quota']),
  message: text,
  messageEn: text.optional(),
  points: num.optional(),
  moduleId: text.optional(),
  itemId: text.optional(),
});

const year = z.number().int().min(1900).max(2200);

const QuotaResult = z.looseObject({
  level: z.number().int(),
  share: num,
  rounding: z.enum(['floor', 'ceil', 'round']),
  ties: z.enum(['include', 'exclude']),
  status: z.enum(['provisional', 'granted', 'lost']),
  rank: z.number().int().optional(),
  qualifying: z.number().int().optional(),
  places: z.number().int().optional(),
  cutoff: num.nullable().optional(),
  atCutoff: z.number().int().optional(),
  eligible: z.array(z.number().int()).optional(),
});

const Certificate = z.looseObject({
  level: z.number().int().min(0).max(100),
  year,
  issuedYear: year.optional(),
  validUntil: year.optional(),
  firstCertifiedYear: year.optional(),
  failedYear: year.optional(),
  rule: text.optional(),
  reason: text.optional(),
});

export const StationResultSchema = z.looseObject({
  formatVersion: z.number().int().min(1).max(RESULT_FORMAT_VERSION),
  tool: z.looseObject({ name: text, version: text }),
  station: StationMeta,
  rubric: z.looseObject({ id: text, version: text, title: text, sha256: z.string().regex(/^[0-9a-f]{64}$/), file: text.optional() }),
  total: num,
  maxTotal: num,
  baseTotal: num,
  bonus: num,
  penalty: num,
  selfTotal: nullableNum,
  spotTotal: nullableNum,
  deviation: nullableNum,
  stars: z.number().int().min(0).max(100).nullable(),
  starName: text.nullable(),
  scaled: z.looseObject({ name: text, divideBy: num, total: num, maxTotal: num }).optional(),
  parties: z.array(z.looseObject({ id: text, name: text, max: nullableNum, items: z.number().int().min(0), counted: z.number().int().min(0), total: num })).optional(),
  prerequisites: z
    .array(
      z.looseObject({
        level: z.number().int(),
        name: text,
        itemId: text,
        code: text,
        met: z.boolean(),
        found: z.union([num, z.boolean()]).nullable(),
        params: z.record(z.string(), z.union([num, text, z.boolean()]).nullable()),
      }),
    )
    .optional(),
  targetLevel: z.number().int().optional(),
  quota: QuotaResult.optional(),
  quotas: z.array(QuotaResult).optional(),
  starReason: text,
  starReasonEn: text.optional(),
  nextStar: z.looseObject({ level: z.number().int(), name: text, needs: z.array(Shortfall) }).nullable(),
  verified: z.boolean(),
  complete: z.boolean(),
  modules: z.array(ModuleResult),
  nodes: z.array(NodeResult),
  items: z.array(ItemResult),
  vetoes: z.array(z.looseObject({ id: text, name: text, effect: z.enum(['no-star', 'cap-star', 'zero-total']), maxStars: num.optional(), by: z.array(z.enum(['self', 'spot'])) })),
  flags: z.array(Flag),
  warnings: z.array(text),
  warningsEn: z.array(text).optional(),
  blankItems: z.array(text),
  certificate: Certificate.optional(),
});

export interface ResultProblem {
  /** `items[0].self`, or '' for the whole value. */
  path: string;
  code: 'RESULT_FIELD_INVALID' | 'RESULT_TOO_NEW';
  zh: string;
  en: string;
}

/** `items[0].self` from a zod path. */
export function formatResultPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${String(s)}` : String(s);
  return out;
}

function describeValue(v: unknown): string {
  if (v === undefined) return '（缺少）';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string, @typescript-eslint/no-unnecessary-condition -- JSON.stringify gives undefined for what JSON cannot show (a function), shown then as its string form
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const TYPE_ZH: Record<string, string> = { number: '数字', string: '文本', boolean: '是/否（true/false）', array: '数组', object: '对象', null: 'null' };

function zhMessage(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { expected?: string; values?: unknown[]; minimum?: unknown; maximum?: unknown };
  if (issue.code === 'invalid_type') return `应为${TYPE_ZH[i.expected ?? ''] ?? i.expected}`;
  if (issue.code === 'invalid_value') return `应为 ${(i.values ?? []).map((v) => JSON.stringify(v)).join(' / ')} 之一`;
  if (issue.code === 'too_small') return `不应小于 ${String(i.minimum)}`;
  if (issue.code === 'too_big') return `不应大于 ${String(i.maximum)}`;
  if (issue.code === 'invalid_format') return '格式不对（应为 64 位十六进制 sha256）';
  if (issue.code === 'invalid_union') return '类型不对';
  return issue.message;
}

function at(value: unknown, segments: readonly PropertyKey[]): unknown {
  let v = value;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

/**
 * Check a parsed result: the result, or every problem (at most `max`) with
 * its path. A result from a newer formatVersion is refused as such.
 */
export function checkResult(value: unknown, max = 20): { result: StationResult } | { problems: ResultProblem[] } {
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > RESULT_FORMAT_VERSION) {
    return {
      problems: [
        {
          path: 'formatVersion',
          code: 'RESULT_TOO_NEW',
          zh: `结果格式版本 ${version} 比本工具支持的 ${RESULT_FORMAT_VERSION} 新；请升级 station-eval`,
          en: `result format ${version} is newer than this tool's ${RESULT_FORMAT_VERSION}; upgrade station-eval`,
        },
      ],
    };
  }
  const parsed = StationResultSchema.safeParse(value);
  if (parsed.success) return { result: parsed.data as unknown as StationResult };
  const problems = parsed.error.issues.slice(0, max).map((issue): ResultProblem => {
    const found = at(value, issue.path);
    const p = formatResultPath(issue.path);
    return {
      path: p,
      code: 'RESULT_FIELD_INVALID',
      zh: `${zhMessage(issue)}（收到 ${describeValue(found)}）`,
      en: `${issue.message} (found ${describeValue(found)})`,
    };
  });
  return { problems };
}

/** The result, or a UserError naming every bad field (`file: items[0].self: 应为数字（收到 "abc"）`). */
export function checkedResult(data: unknown, location: string, lang: Lang): StationResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(
      t(lang, '不是 station-eval 的评分结果（应为一个 JSON 对象）；请用 score --json 生成的文件', 'not a station-eval result (expected a JSON object); use a file written by score --json'),
      {
        location,
        code: 'RESULT_INVALID',
      },
    );
  }
  const missing = ['formatVersion', 'station', 'rubric', 'total', 'items', 'modules'].filter((k) => !(k in data));
  if (missing.length >= 3) {
    throw new UserError(
      t(
        lang,
        `不是 station-eval 的评分结果（缺少 ${missing.join('、')}）；请用 score --json 或 batch 生成的文件`,
        `not a station-eval result (missing ${missing.join(', ')}); use a file written by score --json or batch`,
      ),
      { location, code: 'RESULT_INVALID' },
    );
  }
  const checked = checkResult(data, 10);
  if ('result' in checked) return checked.result;
  const lines = checked.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${lang === 'en' ? p.en : p.zh}`);
  const code = checked.problems[0]?.code === 'RESULT_TOO_NEW' ? 'RESULT_TOO_NEW' : 'RESULT_INVALID';
  const more =
    checked.problems.length > 1
      ? t(lang, `\n（共 ${checked.problems.length} 处不符合结果格式，见 docs/result-format.md）`, `\n(${checked.problems.length} fields do not fit the result format; see docs/result-format.md)`)
      : '';
  throw new UserError(`${lines.join(`\n${location}: `)}${more}`, { location, code });
}
