/**
 * Messages of the rubric validator (src/rubric: `rubric validate`, loading a
 * rubric for any command, the web page's rubric tab): reading the file, the
 * YAML, the structure (zod schema) and the named semantic rules
 * (src/rubric/rules, and each kind's own check in src/kinds).
 *
 * The codes are the ones the validator has always emitted: they appear in
 * `rubric validate --format json|github|sarif` and in CI annotations, so they
 * stay. Where one code covers several findings (RUBRIC_RULE_POINTLESS …),
 * its parameters are a union told apart by one field (`problem`, `reason` …).
 * Numbers are passed as numbers (or as exact decimal strings where the rule
 * computed them with big.js); nodes as `{ id, name }`.
 */
import type { ErrorCode as YamlErrorCode } from 'yaml';
import type { AreaCatalogue } from '../catalogue.js';

/** A node of the rubric (module, indicator, item, veto) as messages name it. */
export interface NodeRef {
  id: string;
  name: string;
}

/** `1.2「服务场所」` */
export function nodeZh(n: NodeRef): string {
  return `${n.id}「${n.name}」`;
}

/** `1.2 "服务场所"` */
export function nodeEn(n: NodeRef): string {
  return `${n.id} "${n.name}"`;
}

/** Short display of a value in a message: numbers as is, strings quoted, others as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what JSON cannot show (a BigInt, a cycle) is shown as its string form
    return String(value);
  }
}

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);

// ── the YAML parser's own error codes (yaml's ErrorCode), each as YAML_<code> ──

/** Every error and warning code of the pinned yaml package; the compiler checks the list is complete. */
export const YAML_ERROR_CODES = [
  'ALIAS_PROPS',
  'BAD_ALIAS',
  'BAD_COLLECTION_TYPE',
  'BAD_DIRECTIVE',
  'BAD_DQ_ESCAPE',
  'BAD_INDENT',
  'BAD_PROP_ORDER',
  'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'DUPLICATE_KEY',
  'IMPOSSIBLE',
  'KEY_OVER_1024_CHARS',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_DOCS',
  'MULTIPLE_TAGS',
  'NON_STRING_KEY',
  'RESOURCE_EXHAUSTION',
  'TAB_AS_INDENT',
  'TAG_RESOLVE_FAILED',
  'UNEXPECTED_TOKEN',
] as const satisfies readonly YamlErrorCode[];
type ListedYamlCode = (typeof YAML_ERROR_CODES)[number];
/** Fails to compile (naming the codes) when yaml gains a code the list above lacks. */
export type YamlCodesListed = Assert<[Exclude<YamlErrorCode, ListedYamlCode>] extends [never] ? true : { unlisted: Exclude<YamlErrorCode, ListedYamlCode> }>;
type Assert<T extends true> = T;

/** The yaml parser's findings: its message (English, first line) is the detail. */
type YamlParams = { [K in ListedYamlCode as `YAML_${K}`]: { detail: string } };

const YAML_ZH: Partial<Record<ListedYamlCode, string>> = {
  DUPLICATE_KEY: '键重复',
  BAD_INDENT: '缩进错误',
  MISSING_CHAR: '缺少字符',
  MULTIPLE_DOCS: '文件包含多个 YAML 文档，只允许一个',
  MULTILINE_IMPLICIT_KEY: '隐式键不能跨行',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  UNEXPECTED_TOKEN: '意外的符号',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能作为隐式键',
  BAD_SCALAR_START: '标量开头字符不合法（含 : 或 # 等特殊字符的文本请加引号）',
  BAD_ALIAS: '别名错误',
  BAD_DIRECTIVE: '指令错误',
  TAG_RESOLVE_FAILED: '无法解析标签',
  ALIAS_PROPS: '别名不能带属性',
  KEY_OVER_1024_CHARS: '隐式键超过 1024 个字符',
  IMPOSSIBLE: '内部解析错误',
};

function yamlCatalogue(render: (code: ListedYamlCode, detail: string) => string): AreaCatalogue<YamlParams> {
  return Object.fromEntries(YAML_ERROR_CODES.map((c) => [`YAML_${c}`, (p: { detail: string }) => render(c, p.detail)])) as unknown as AreaCatalogue<YamlParams>;
}

// ── kinds' own checks (src/kinds/*: checkRule) ──

/** The item whose scoring rule is checked, and its kind (`tiers`) with the kind's Chinese name (`分档`). */
export type RuleSubject = {
  node: NodeRef;
  kind: string;
  kindZh: string;
};

/** The part of a scoring rule that exceeds the item's points, or the best it can reach. */
export type RulePart =
  | { part: 'tier'; min: number; unit?: string }
  | { part: 'option'; label: string }
  | { part: 'condition'; label: string }
  | { part: 'grade-max'; grade: string }
  | { part: 'otherwise' | 'floor' | 'unmetPoints' | 'base.points' | 'cap' | 'min' }
  | { part: 'top-tier' | 'best-option' | 'conditions-sum' | 'conditions-best' | 'top-grade' | 'count-cap' | 'no-increment' };

function partZh(p: RulePart): string {
  switch (p.part) {
    case 'tier':
      return `档位（≥ ${p.min}${p.unit ?? ''}）的分值`;
    case 'option':
      return `选项「${p.label}」的分值`;
    case 'condition':
      return `条件「${p.label}」的分值`;
    case 'grade-max':
      return `等级 ${p.grade} 的上限`;
    case 'otherwise':
      return '未达最低档得分 otherwise';
    case 'floor':
      return '最低分 floor';
    case 'unmetPoints':
      return '未达标得分 unmetPoints';
    case 'base.points':
      return '基础分 base.points';
    case 'cap':
    case 'count-cap':
      return '上限 cap';
    case 'min':
      return '最低分 min';
    case 'top-tier':
      return '最高档';
    case 'best-option':
      return '最高选项';
    case 'conditions-sum':
      return '各条件合计';
    case 'conditions-best':
      return '各条件合计（互斥组取最高）';
    case 'top-grade':
      return '最高等级上限';
    case 'no-increment':
      return '每增加一个不加分';
  }
}

function partEn(p: RulePart): string {
  switch (p.part) {
    case 'tier':
      return `tier (>= ${p.min}${p.unit ?? ''})`;
    case 'option':
      return `option "${p.label}"`;
    case 'condition':
      return `condition "${p.label}"`;
    case 'grade-max':
      return `grade ${p.grade} max`;
    case 'top-tier':
      return 'top tier';
    case 'best-option':
      return 'best option';
    case 'conditions-sum':
      return 'the sum of the conditions';
    case 'conditions-best':
      return 'the best combination (one per exclusive group)';
    case 'top-grade':
      return 'top grade';
    case 'count-cap':
      return 'the cap';
    case 'no-increment':
      return 'increment 0';
    default:
      return p.part;
  }
}

/** Findings of the kinds' checks that are not about exceeding or reaching the points (the item and kind are added: RuleSubject). */
export interface KindCheckDetails {
  RUBRIC_RULE_INVALID:
    | { problem: 'tier-min-twice'; min: number }
    | { problem: 'cap-below-base'; cap: number; base: number }
    | { problem: 'min-above-max'; min: number; max: number }
    | { problem: 'grade-min-above-max'; grade: string; min: number; max: number }
    | { problem: 'max-deduction-below-per'; maxDeduction: number; per: number }
    /** checklist-deduction: zeroIf.missing names no condition of the item. */
    | { problem: 'zero-if-unknown'; id: string; ids: string[] };
  RUBRIC_RULE_POINTLESS:
    | { problem: 'floor-equals-points'; points: number }
    | { problem: 'unmet-equals-met'; points: number }
    | { problem: 'per-above-loss'; per: number; loss: number }
    | { problem: 'max-deduction-above-loss'; maxDeduction: number; loss: number; floor: number }
    | { problem: 'assessed-max-above-loss'; max: number; loss: number };
  RUBRIC_TIERS_NOT_MONOTONIC:
    { problem: 'tier-below-lower'; min: number; points: number; lowerMin: number; lowerPoints: number } | { problem: 'otherwise-above-lowest'; otherwise: number; lowest: number };
  RUBRIC_RULE_NOT_MONOTONIC: { below: number; base: number };
  /** A value item (kind: value) worth points. */
  RUBRIC_VALUE_POINTS: { points: number };
  /** An exclusive group of a checklist with one condition. */
  RUBRIC_GROUP_SINGLE: { group: string };
  RUBRIC_DUPLICATE_GRADE: { grade: string };
  RUBRIC_GRADES_OVERLAP: { lo: { grade: string; min: number; max: number }; hi: { grade: string; min: number; max: number } };
}

type KindCheckParams = { [C in keyof KindCheckDetails]: RuleSubject & KindCheckDetails[C] };

const lead = (s: RuleSubject) => `${nodeZh(s.node)}（${s.kindZh}）`;
const leadEn = (s: RuleSubject) => `${nodeEn(s.node)} (${s.kind})`;

// ── stars ──

/** A star level's band as messages show it. */
export interface BandRef {
  name: string;
  minTotal: number;
  maxTotal?: number;
}

const bandZh = (b: BandRef, exclusive: boolean) => `${exclusive ? '高于' : ''}${b.minTotal}${b.maxTotal !== undefined ? `—${b.maxTotal}` : '以上'}`;
const bandEn = (b: BandRef, exclusive: boolean) => `${exclusive ? '>' : ''}${b.minTotal}${b.maxTotal !== undefined ? `–${b.maxTotal}` : '+'}`;
const boundaryZh = (exclusive: boolean) => (exclusive ? '（边界规则 exclusive：高于下限才算）' : '（边界规则 inclusive：“以上”含本数）');
const boundaryEn = (exclusive: boolean) => (exclusive ? ' (boundary exclusive: above the minimum)' : ' (boundary inclusive: the minimum itself counts)');

// ── structure (zod) ──

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

const at = (path: string) => path || '(根)';
const atEn = (path: string) => path || '(root)';

/** A limit of the schema: an array's length, a string's length or a number. */
export type LimitParams = {
  path: string;
  origin: 'array' | 'string' | 'number';
  limit: number;
  inclusive: boolean;
  value: unknown;
};

function limitZh(p: LimitParams, small: boolean): string {
  if (p.origin === 'array') return small ? `${at(p.path)} 至少需要 ${p.limit} 项，实际 ${Array.isArray(p.value) ? p.value.length : 0} 项` : `${at(p.path)} 最多 ${p.limit} 项`;
  if (p.origin === 'string') return small ? `${at(p.path)} 不能为空` : `${at(p.path)} 过长（最多 ${p.limit} 个字符）`;
  return `${at(p.path)} 应 ${limitOp(p, small)} ${p.limit}，实际是 ${show(p.value)}`;
}

function limitEn(p: LimitParams, small: boolean): string {
  if (p.origin === 'array')
    return small ? `${atEn(p.path)} needs at least ${entries(p.limit)}, found ${Array.isArray(p.value) ? p.value.length : 0}` : `${atEn(p.path)} allows at most ${entries(p.limit)}`;
  if (p.origin === 'string') return small ? `${atEn(p.path)} must not be empty` : `${atEn(p.path)} is too long (at most ${p.limit} characters)`;
  return `${atEn(p.path)} must be ${limitOp(p, small)} ${p.limit}, found ${show(p.value)}`;
}

const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
const limitOp = (p: LimitParams, small: boolean) => (small ? (p.inclusive ? '≥' : '>') : p.inclusive ? '≤' : '<');

/** Parameters of every rubric validation code (file, YAML, structure, semantic rules, kinds' checks). */
export interface RubricParams extends YamlParams, KindCheckParams {
  /** Another command was given a rubric with errors (`loadRubric`): the head of the list of them. */
  RUBRIC_INVALID: { file: string; errors: number };
  // ── reading the file (load-rubric.ts, parse-yaml.ts, rubric validate) ──
  /** Larger than the limit (5 MB unless --max-size). */
  FILE_TOO_LARGE: { size: number; maxMb: number };
  /** UTF-16 (by its byte-order mark), or a byte that is not UTF-8 at a line and column. */
  FILE_NOT_UTF8: { encoding: 'utf-16' } | { encoding: 'unknown'; line: number; column: number; byte: string };
  /**
   * The file cannot be opened: not found, a folder, or the reason the system
   * gave (`detail`, as the input check words it); `rubric validate`'s own
   * path search: a path that does not exist, or an error code (EACCES …).
   */
  FILE_UNREADABLE: { reason: 'not-found' | 'directory' | 'no-such-path' } | { reason: 'errno'; errno: string } | { reason: 'other'; detail: string; detailEn: string };
  FILE_NOT_REGULAR: Record<string, never>;
  FILE_NAME_ENCODING: Record<string, never>;
  // ── YAML (parse-yaml.ts) ──
  RUBRIC_EMPTY: Record<string, never>;
  YAML_ALIAS_BOMB: { max: number };
  YAML_COMPLEX_KEY: Record<string, never>;
  YAML_TOO_COMPLEX: { maxValues: number; maxDepth: number };
  /** `__proto__`, `constructor`, `prototype`. */
  RUBRIC_FORBIDDEN_KEY: { key: string };
  /** An unquoted number as an id (`key: id`) or a moduleMinimums key; `asNumber` is what other YAML tools read. */
  RUBRIC_ID_UNQUOTED: { key: 'id' | 'moduleMinimums'; source: string; asNumber: string };
  /** An unquoted number where a text is meant (`version: 1.10`). */
  RUBRIC_STRING_UNQUOTED: { key: string; source: string; asNumber: string };
  // ── structure (structure-diagnostics.ts): `path` is the data path, '' for the root ──
  SCHEMA_UNKNOWN_KEY: { key: string; guess?: string; allowed: string[] };
  SCHEMA_MISSING_KEY: { key: string; type: string } | { key: string; options: string[] };
  SCHEMA_INVALID_TYPE: { path: string; type: string; value: unknown };
  SCHEMA_INVALID_VALUE: { path: string; value: unknown; allowed: unknown[]; guess?: string } | { path: string; value: unknown; form: 'union' };
  /** An unknown `kind` (or other discriminator `field`). */
  SCHEMA_INVALID_KIND: { field: string; value: unknown; options: string[]; guess?: string };
  /** `detail`: the schema's reason (shown in the language it is written in). */
  SCHEMA_INVALID_KEY: { key: string; detail?: string };
  SCHEMA_TOO_SMALL: LimitParams;
  SCHEMA_TOO_BIG: LimitParams;
  SCHEMA_INVALID_FORMAT: { path: string; value: unknown; detail: string };
  SCHEMA_NOT_MULTIPLE: { path: string; divisor: number; value: unknown };
  SCHEMA_INVALID: { path: string; detail: string };
  // ── semantic rules (src/rubric/rules) ──
  /** A rule threw (a bug): the others still ran. */
  RULE_CRASHED: { rule: string; error: string };
  RUBRIC_SUM_MISMATCH: { node: NodeRef; points: number; children: number; total: number };
  RUBRIC_TOTAL_MISMATCH: { declared: number; total: number; modules: { name: string; points: number }[] };
  /** `firstLine`/`firstPath`: where the id was first used. */
  RUBRIC_DUPLICATE_ID: { node: NodeRef; firstLine: number; firstPath: string };
  RUBRIC_DUPLICATE_CONDITION_ID: { node: NodeRef; id: string };
  RUBRIC_ID_NOT_NESTED: { node: NodeRef; parent: NodeRef };
  RUBRIC_NODE_BOTH: { node: NodeRef };
  RUBRIC_LEAF_WITHOUT_SCORING: { node: NodeRef };
  RUBRIC_CONTROL_POINTS: { node: NodeRef; points: number };
  RUBRIC_CONTROL_IN_BONUS: { node: NodeRef };
  RUBRIC_RULE_EXCEEDS_POINTS: RuleSubject & { part: RulePart; value: number; points: number };
  /** The best the rule gives is below the item's points; or (range) steps from the minimum never reach them. */
  RUBRIC_RULE_UNREACHABLE: (RuleSubject & { part: RulePart; best: number; points: number }) | (RuleSubject & { step: number; min: number; points: number });
  RUBRIC_DUPLICATE_LABEL: { node: NodeRef; list: 'option' | 'condition'; label: string };
  /** `key`: the setting that fixes the digits (`precision`, or `scale.digits` for star thresholds of a scaled total). */
  RUBRIC_PRECISION: { value: number; decimals: number; key: string; digits: number };
  RUBRIC_STAR_LEVEL_DUPLICATE: { level: number; name: string };
  RUBRIC_STAR_BAND_INVERTED: { name: string; minTotal: number; maxTotal: number };
  /** `scale`: the scaled total's name and factor when the rubric scales it (`unscaled`: the maximum before). */
  RUBRIC_STAR_UNREACHABLE: { name: string; minTotal: number; max: number; exclusive: boolean; scale?: { name: string; divideBy: number; unscaled: number } };
  RUBRIC_STAR_NOT_ORDERED: { lo: { name: string; level: number; minTotal: number }; hi: { name: string; level: number; minTotal: number } };
  /** `total`: a total in both bands. */
  RUBRIC_STAR_BANDS_OVERLAP: { lo: BandRef; hi: BandRef; total: number; exclusive: boolean };
  /** `total`: the first total (at `digits` decimals) in neither band; `fix`: the maxTotal that closes the gap. */
  RUBRIC_STAR_BANDS_GAP: { lo: BandRef; hi: BandRef; total: number; digits: number; fix: number; exclusive: boolean };
  RUBRIC_MODULE_MINIMUM_SHAPE: { both: boolean };
  /** `every`: the level's minimum for every module (moduleMinimum) rather than this module's own. */
  RUBRIC_MODULE_MINIMUM_EXCEEDS: { level: string; points: number; module: NodeRef & { points: number }; every: boolean };
  RUBRIC_UNKNOWN_MODULE: { level: string; id: string; guess?: string; ids: string[] };
  /** Minimums as exact decimals. */
  RUBRIC_MODULE_MINIMUM_DECREASING: { level: string; module: NodeRef; value: string; lower: string; lowerValue: string };
  RUBRIC_VETO_MAX_STARS_MISSING: { veto: NodeRef };
  RUBRIC_VETO_MAX_STARS_IGNORED: { veto: NodeRef; effect: string };
  RUBRIC_VETO_NO_EFFECT: { veto: NodeRef; maxStars: number; top: number };
  RUBRIC_BONUS_CAP_ZERO: { cap: number };
  RUBRIC_BONUS_CAP_UNREACHABLE: { cap: number; itemsTotal: number };
  RUBRIC_TOLERANCE_SHAPE: { scope: string; both: boolean };
  RUBRIC_TOLERANCE_DUPLICATE_SCOPE: { scope: string };
  RUBRIC_INFLATION_WITHOUT_TOLERANCE: Record<string, never>;
  RUBRIC_INFLATION_CAP_NO_EFFECT: { maxStars: number; top: number };
  /** An item alias used twice: by two items (`first` is the other), or twice by one item. */
  RUBRIC_DUPLICATE_ALIAS: { node: NodeRef; alias: string; first?: NodeRef };
  RUBRIC_ALIAS_IS_OTHER_NAME: { node: NodeRef; alias: string; other: NodeRef };
  /** A header name under two columns (`first` is the other), or twice under one. */
  RUBRIC_DUPLICATE_COLUMN_ALIAS: { header: string; column: string; first?: string };
  RUBRIC_EMPTY_COLUMN_ALIAS: Record<string, never>;
  RUBRIC_SINGLE_CHILD: { node: NodeRef };
  RUBRIC_ZERO_POINTS: { node: NodeRef };
  RUBRIC_ILLUSTRATIVE_MISSING: { id: string };
  /** An N/A policy that does nothing: on a node with children, rescale on a bonus item or on a control item. */
  RUBRIC_NA_IGNORED: { node: NodeRef; where: 'group' | 'bonus' | 'control' };
  RUBRIC_CERT_CAP_UNKNOWN_LEVEL: { cap: number };
  RUBRIC_CERT_CAP_NO_EFFECT: { cap: number; top: number };
  /** Two levels of one name (`first`: the other level), or noLevelName that is a level's name. */
  RUBRIC_LEVEL_NAME_DUPLICATE: { name: string; level: number; first: number } | { noLevelName: string; level: number };
  /** `tests`: the tests given (none, or several of met, minPoints, atLeast, per). */
  RUBRIC_PREREQ_SHAPE: { level: string; prereq: string; tests: string[] };
  /** A reference to an item that does not exist: from a prerequisite, its base (per.item), or an applicability condition. */
  RUBRIC_UNKNOWN_ITEM: { level: string; prereq: string; item: string } | { prereq: string; base: string } | { node: NodeRef; item: string };
  /** A prerequisite's item cannot answer its test: met on a non yes/no item, a value of an unmeasured item, or such a base. */
  RUBRIC_PREREQ_KIND: { prereq: string; item: string; kind: string; test: 'met' | 'value' } | { prereq: string; base: string; kind: string };
  RUBRIC_PREREQ_UNREACHABLE: { prereq: string; item: string; minPoints: number; points: number };
  RUBRIC_APPLICABILITY_ON_GROUP: { node: NodeRef };
  /** Not exactly one of when/unless (`rule`: 1-based, `given`: how many), or of is/endsWith (station), is/atLeast (item). */
  RUBRIC_APPLICABILITY_SHAPE: { node: NodeRef; rule: number; given: number } | { node: NodeRef; condition: 'station' | 'item' };
  RUBRIC_APPLICABILITY_SELF: { node: NodeRef };
  /** The condition's test does not fit the item's kind: atLeast on an unmeasured item, is on a measured one. */
  RUBRIC_APPLICABILITY_KIND: { node: NodeRef; item: string; kind: string; test: 'atLeast' | 'is' };
  RUBRIC_APPLICABILITY_ANSWER: { node: NodeRef; item: string; answer: string; valid: string[] };
  RUBRIC_PARTY_DUPLICATE: { id: string };
  RUBRIC_PARTY_UNKNOWN_ITEM: { party: string; id: string };
  RUBRIC_PARTY_MAX_MISMATCH: { party: string; max: number; items: number; total: number };
  RUBRIC_ITEM_NO_PARTY: { node: NodeRef };
  RUBRIC_QUOTA_SHARE: { name: string; level: number; share: number };
}

type OwnParams = Omit<RubricParams, keyof YamlParams>;

const ownZh: AreaCatalogue<OwnParams> = {
  RUBRIC_INVALID: (p) => `评分细则 ${p.file} 有 ${p.errors} 个错误（详见 \`station-eval rubric validate ${p.file}\`）：`,
  FILE_TOO_LARGE: (p) => `文件过大（${p.size} 字节）；评分细则文件最大 ${p.maxMb} MB`,
  FILE_NOT_UTF8: (p) => (p.encoding === 'utf-16' ? '文件是 UTF-16 编码；请以 UTF-8 保存' : `文件不是 UTF-8 编码（第 ${p.line} 行第 ${p.column} 列字节 0x${p.byte}，可能是 GBK）；请以 UTF-8 保存`),
  FILE_UNREADABLE: (p) => {
    switch (p.reason) {
      case 'not-found':
        return '无法读取文件：文件不存在';
      case 'directory':
        return '无法读取文件：这是一个文件夹';
      case 'no-such-path':
        return '文件或文件夹不存在';
      case 'errno':
        return `无法读取（${p.errno}）`;
      case 'other':
        return `无法读取文件：${p.detail}`;
    }
  },
  FILE_NOT_REGULAR: () => '无法读取文件：不是普通文件（管道、设备或套接字，如 /dev/zero）',
  FILE_NAME_ENCODING: () => '无法读取文件：文件名不是 UTF-8 编码（可能是解压工具留下的 GBK 文件名）；请重命名文件',
  RUBRIC_EMPTY: () => '文件是空的：评分细则至少需要 id、title、version、total、modules、stars',
  YAML_ALIAS_BOMB: (p) => `别名（*锚点）展开过多（超过 ${p.max}），疑似“别名炸弹”，拒绝读取`,
  YAML_COMPLEX_KEY: () => '键必须是简单文本',
  YAML_TOO_COMPLEX: (p) => `文档结构过大或嵌套过深（超过 ${p.maxValues} 个值或 ${p.maxDepth} 层）`,
  RUBRIC_FORBIDDEN_KEY: (p) => `不允许使用键 "${p.key}"`,
  RUBRIC_ID_UNQUOTED: (p) => {
    const what = p.key === 'id' ? '编号' : '模块编号';
    return p.asNumber !== p.source
      ? `${what} ${p.source} 未加引号，其他 YAML 工具会把它读成数字 ${p.asNumber}；请写成 "${p.source}"`
      : `${what} ${p.source} 未加引号（会被当作数字）；请写成 "${p.source}"`;
  },
  RUBRIC_STRING_UNQUOTED: (p) =>
    p.asNumber !== p.source ? `${p.key} ${p.source} 未加引号，其他 YAML 工具会把它读成数字 ${p.asNumber}；请写成 "${p.source}"` : `${p.key} ${p.source} 未加引号（会被当作数字）；请写成 "${p.source}"`,
  SCHEMA_UNKNOWN_KEY: (p) => `未知的键 "${p.key}"${p.guess ? `，是不是 "${p.guess}"？` : ''}${p.allowed.length > 0 ? `（此处允许：${p.allowed.join(', ')}）` : ''}`,
  SCHEMA_MISSING_KEY: (p) => ('options' in p ? `缺少必填的键 "${p.key}"，应为 ${p.options.join(' | ')} 之一` : `缺少必填的键 "${p.key}"（${TYPE_ZH[p.type] ?? p.type}）`),
  SCHEMA_INVALID_TYPE: (p) => `${at(p.path)} 应为${TYPE_ZH[p.type] ?? p.type}，实际是${typeOfZh(p.value)} ${show(p.value)}`,
  SCHEMA_INVALID_VALUE: (p) =>
    'form' in p
      ? `${at(p.path)} 的值 ${show(p.value)} 不符合任何允许的形式`
      : `${at(p.path)} 的值 ${show(p.value)} 不在允许范围内，应为 ${p.allowed.map(show).join(' | ')} 之一${p.guess ? `，是不是 "${p.guess}"？` : ''}`,
  SCHEMA_INVALID_KIND: (p) => `未知的${p.field === 'kind' ? '评分方式' : p.field} ${show(p.value)}，应为 ${p.options.join(' | ')} 之一${p.guess ? `，是不是 "${p.guess}"？` : ''}`,
  SCHEMA_INVALID_KEY: (p) => `键 "${p.key}" 不合法${p.detail && hasCjk(p.detail) ? `：${p.detail}` : ''}`,
  SCHEMA_TOO_SMALL: (p) => limitZh(p, true),
  SCHEMA_TOO_BIG: (p) => limitZh(p, false),
  SCHEMA_INVALID_FORMAT: (p) => `${at(p.path)} 的值 ${show(p.value)} 格式不对${hasCjk(p.detail) ? `：${p.detail}` : ''}`,
  SCHEMA_NOT_MULTIPLE: (p) => `${at(p.path)} 应为 ${p.divisor} 的倍数，实际是 ${show(p.value)}`,
  SCHEMA_INVALID: (p) => `${at(p.path)}：${p.detail}`,
  RULE_CRASHED: (p) => `检查规则 ${p.rule} 出错（程序缺陷，请报告）：${p.error}`,
  RUBRIC_SUM_MISMATCH: (p) => `${nodeZh(p.node)}的分值为 ${p.points}，但 ${p.children} 个下级合计 ${p.total}`,
  RUBRIC_TOTAL_MISMATCH: (p) => `总分 total 声明为 ${p.declared}，但各模块合计 ${p.total}（${p.modules.map((m) => `${m.name} ${m.points}`).join(' + ')}）`,
  RUBRIC_DUPLICATE_ID: (p) => `编号 "${p.node.id}" 重复（${nodeZh(p.node)}）：第 ${p.firstLine} 行（${p.firstPath}）已使用`,
  RUBRIC_DUPLICATE_CONDITION_ID: (p) => `${nodeZh(p.node)}的组合分条件编号 "${p.id}" 重复`,
  RUBRIC_ID_NOT_NESTED: (p) => `${nodeZh(p.node)}的编号应以上级编号 "${p.parent.id}." 开头（上级 ${nodeZh(p.parent)}），例如 "${p.parent.id}.1"`,
  RUBRIC_NODE_BOTH: (p) => `${nodeZh(p.node)}同时有下级 children 和评分方式 scoring；有下级的指标不能直接评分，请去掉其一`,
  RUBRIC_LEAF_WITHOUT_SCORING: (p) => `${nodeZh(p.node)}既没有下级 children 也没有评分方式 scoring；末级项目必须写 scoring`,
  RUBRIC_CONTROL_POINTS: (p) => `${nodeZh(p.node)}是控制项（kind: control），分值应为 0，实际 ${p.points}`,
  RUBRIC_CONTROL_IN_BONUS: (p) => `${nodeZh(p.node)}是控制项却放在加分项中；控制项应放在模块里`,
  RUBRIC_RULE_EXCEEDS_POINTS: (p) => `${lead(p)}的${partZh(p.part)} ${p.value} 超过项目分值 ${p.points}`,
  RUBRIC_RULE_UNREACHABLE: (p) =>
    'step' in p ? `${lead(p)}从最低分 ${p.min} 按步长 ${p.step} 递增到不了满分 ${p.points}` : `${lead(p)}最高只能得 ${p.best} 分（${partZh(p.part)}），达不到项目分值 ${p.points}`,
  RUBRIC_RULE_INVALID: (p) => {
    switch (p.problem) {
      case 'tier-min-twice':
        return `${lead(p)}有两个档位的下限都是 ${p.min}`;
      case 'cap-below-base':
        return `${lead(p)}上限 ${p.cap} 低于基础分 ${p.base}`;
      case 'min-above-max':
        return `${lead(p)}扣分下限 ${p.min} 大于上限 ${p.max}`;
      case 'grade-min-above-max':
        return `${lead(p)}等级 ${p.grade} 的下限 ${p.min} 大于上限 ${p.max}`;
      case 'max-deduction-below-per':
        return `${lead(p)}最多扣 ${p.maxDeduction} 分，少于每次扣的 ${p.per} 分`;
      case 'zero-if-unknown':
        return `${lead(p)}的 zeroIf 写了“${p.id}”，不是本项的条件（本项条件：${p.ids.join('、')}）`;
    }
  },
  RUBRIC_RULE_POINTLESS: (p) => {
    switch (p.problem) {
      case 'floor-equals-points':
        return `${lead(p)}最低分等于满分 ${p.points}，扣分不起作用`;
      case 'unmet-equals-met':
        return `${lead(p)}未达标得分与达标得分都是 ${p.points}，该项不起作用`;
      case 'per-above-loss':
        return `${lead(p)}每次扣 ${p.per} 分，超过可扣的 ${p.loss} 分`;
      case 'max-deduction-above-loss':
        return `${lead(p)}最多扣 ${p.maxDeduction} 分，超过可扣的 ${p.loss} 分（最低分 ${p.floor} 已先封底），上限不起作用`;
      case 'assessed-max-above-loss':
        return `${lead(p)}最多扣 ${p.max} 分，超过可扣的 ${p.loss} 分`;
    }
  },
  RUBRIC_TIERS_NOT_MONOTONIC: (p) =>
    p.problem === 'tier-below-lower'
      ? `${lead(p)}档位 ≥ ${p.min} 得 ${p.points} 分，反而少于较低档位 ≥ ${p.lowerMin} 的 ${p.lowerPoints} 分`
      : `${lead(p)}未达最低档得 ${p.otherwise} 分，多于最低档的 ${p.lowest} 分`,
  RUBRIC_RULE_NOT_MONOTONIC: (p) => `${lead(p)}不足基础数量时得 ${p.below} 分，多于基础分 ${p.base}`,
  RUBRIC_VALUE_POINTS: (p) => `${lead(p)}是记录值（kind: value），分值应为 0，实际 ${p.points}`,
  RUBRIC_GROUP_SINGLE: (p) => `${lead(p)}互斥组“${p.group}”只有一个条件，互斥不起作用`,
  RUBRIC_DUPLICATE_GRADE: (p) => `${lead(p)}等级 "${p.grade}" 重复`,
  RUBRIC_GRADES_OVERLAP: (p) => `${lead(p)}等级 ${p.lo.grade}（${p.lo.min}–${p.lo.max}）与 ${p.hi.grade}（${p.hi.min}–${p.hi.max}）的分数段重叠，只给分数时无法判断等级`,
  RUBRIC_DUPLICATE_LABEL: (p) => `${nodeZh(p.node)}的${p.list === 'option' ? '选项' : '条件'}「${p.label}」重复`,
  RUBRIC_PRECISION: (p) => `分值 ${p.value} 有 ${p.decimals} 位小数，超过细则精度 ${p.key}: ${p.digits}`,
  RUBRIC_STAR_LEVEL_DUPLICATE: (p) => `星级 level ${p.level}（${p.name}）重复`,
  RUBRIC_STAR_BAND_INVERTED: (p) => `${p.name} 的上限 maxTotal ${p.maxTotal} 小于下限 minTotal ${p.minTotal}`,
  RUBRIC_STAR_UNREACHABLE: (p) =>
    `${p.name} 要求${p.scale ? p.scale.name : '总分'}${p.exclusive ? '高于' : '达到'} ${p.minTotal}，但最高可得 ${p.max} 分${p.scale ? `（满分 ${p.scale.unscaled} ÷ ${p.scale.divideBy}）` : ''}`,
  RUBRIC_STAR_NOT_ORDERED: (p) => `${p.hi.name}（level ${p.hi.level}）的最低总分 ${p.hi.minTotal} 应高于 ${p.lo.name}（level ${p.lo.level}）的 ${p.lo.minTotal}`,
  RUBRIC_STAR_BANDS_OVERLAP: (p) => `${p.lo.name}（${bandZh(p.lo, p.exclusive)}）与 ${p.hi.name}（${bandZh(p.hi, p.exclusive)}）重叠：总分 ${p.total} 同时落在两档${boundaryZh(p.exclusive)}`,
  RUBRIC_STAR_BANDS_GAP: (p) =>
    `${p.lo.name}（${bandZh(p.lo, p.exclusive)}）与 ${p.hi.name}（${bandZh(p.hi, p.exclusive)}）之间有空档：总分 ${p.total}（精度 ${p.digits} 位小数）不属于任何一档；可把上限改为 ${p.fix}${boundaryZh(p.exclusive)}`,
  RUBRIC_MODULE_MINIMUM_SHAPE: (p) => (p.both ? '模块最低分只能给 percent 或 points 之一，不能同时给' : '模块最低分需要给 percent（百分比）或 points（分数）之一'),
  RUBRIC_MODULE_MINIMUM_EXCEEDS: (p) =>
    p.every
      ? `${p.level} 要求每个模块至少 ${p.points} 分，但模块 ${nodeZh(p.module)}满分只有 ${p.module.points}`
      : `${p.level} 要求模块 ${nodeZh(p.module)}至少 ${p.points} 分，超过该模块满分 ${p.module.points}`,
  RUBRIC_UNKNOWN_MODULE: (p) => `${p.level} 的 moduleMinimums 引用了不存在的模块 "${p.id}"${p.guess ? `，是不是 "${p.guess}"？` : ''}（模块编号：${p.ids.join(', ')}）`,
  RUBRIC_MODULE_MINIMUM_DECREASING: (p) => `${p.level} 对模块 ${nodeZh(p.module)}的最低要求 ${p.value} 分低于较低星级 ${p.lower} 的 ${p.lowerValue} 分`,
  RUBRIC_VETO_MAX_STARS_MISSING: (p) => `否决项 ${nodeZh(p.veto)}的效果是 cap-star（限制星级），需要给出 maxStars（最高星级）`,
  RUBRIC_VETO_MAX_STARS_IGNORED: (p) => `否决项 ${nodeZh(p.veto)}的效果是 ${p.effect}，maxStars 不起作用（只用于 cap-star）`,
  RUBRIC_VETO_NO_EFFECT: (p) => `否决项 ${nodeZh(p.veto)}限制最高 ${p.maxStars} 星，但细则最高星级就是 ${p.top}，限制不起作用`,
  RUBRIC_BONUS_CAP_ZERO: (p) => `加分项上限 cap 为 ${p.cap}，加分项永远不加分`,
  RUBRIC_BONUS_CAP_UNREACHABLE: (p) => `加分项上限 cap ${p.cap} 高于全部加分项合计 ${p.itemsTotal}，上限达不到`,
  RUBRIC_TOLERANCE_SHAPE: (p) => (p.both ? `容差（${p.scope}）只能给 points 或 percent 之一，不能同时给` : `容差（${p.scope}）需要给 points（分）或 percent（百分比）之一`),
  RUBRIC_TOLERANCE_DUPLICATE_SCOPE: (p) => `容差范围 scope: ${p.scope} 出现了两次`,
  RUBRIC_INFLATION_WITHOUT_TOLERANCE: () => '设置了虚高处理（deductFactor / maxStars），但没有容差 tolerance，永远不会触发',
  RUBRIC_INFLATION_CAP_NO_EFFECT: (p) => `自评虚高时最高 ${p.maxStars} 星，但细则最高星级就是 ${p.top}，限制不起作用`,
  RUBRIC_DUPLICATE_ALIAS: (p) => (p.first ? `别名「${p.alias}」同时属于 ${nodeZh(p.first)} 和 ${nodeZh(p.node)}，读取工作簿时无法区分` : `${nodeZh(p.node)}的别名「${p.alias}」写了两次`),
  RUBRIC_ALIAS_IS_OTHER_NAME: (p) => `${nodeZh(p.node)}的别名「${p.alias}」正是 ${nodeZh(p.other)}的名称`,
  RUBRIC_DUPLICATE_COLUMN_ALIAS: (p) =>
    p.first !== undefined ? `列名「${p.header}」同时列在 columns.${p.first} 和 columns.${p.column} 下，读取工作簿时无法区分` : `列名「${p.header}」在 columns.${p.column} 下写了两次`,
  RUBRIC_EMPTY_COLUMN_ALIAS: () => '列名不能为空',
  RUBRIC_SINGLE_CHILD: (p) => `${nodeZh(p.node)}只有一个下级；可考虑合并这一层`,
  RUBRIC_ZERO_POINTS: (p) => `${nodeZh(p.node)}分值为 0 但不是控制项（kind: control）；是否漏写了分值？`,
  RUBRIC_ILLUSTRATIVE_MISSING: (p) => `细则 "${p.id}" 看起来是示例（非官方）但没有 illustrative 说明；请写明条目和阈值仅供示例，报告会显示这段说明`,
  RUBRIC_NA_IGNORED: (p) => {
    switch (p.where) {
      case 'group':
        return `${nodeZh(p.node)}有下级，na 只对末级项目起作用；请写在各项目上`;
      case 'bonus':
        return `${nodeZh(p.node)}是加分项，na: rescale 没有模块可按比例折算`;
      case 'control':
        return `${nodeZh(p.node)}是控制项（0 分），na: rescale 不影响分数`;
    }
  },
  RUBRIC_CERT_CAP_UNKNOWN_LEVEL: (p) => `首次评定最高 ${p.cap} 星，但 stars.levels 中没有 level: ${p.cap}`,
  RUBRIC_CERT_CAP_NO_EFFECT: (p) => `首次评定最高 ${p.cap} 星，但细则最高星级就是 ${p.top}，限制不起作用`,
  RUBRIC_LEVEL_NAME_DUPLICATE: (p) =>
    'noLevelName' in p ? `未达到任何等级时的名称「${p.noLevelName}」与 level ${p.level} 的名称相同` : `等级名称「${p.name}」重复（level ${p.first} 与 level ${p.level}）`,
  RUBRIC_PREREQ_SHAPE: (p) => `${p.level}的必备项「${p.prereq}」应只写 met、minPoints、atLeast、per 中的一个，实际 ${p.tests.length === 0 ? '一个也没有' : p.tests.join('、')}`,
  RUBRIC_UNKNOWN_ITEM: (p) => {
    if ('node' in p) return `${nodeZh(p.node)}的适用条件引用的项目 ${p.item} 不存在`;
    if ('base' in p) return `必备项「${p.prereq}」的基数项目 ${p.base} 不存在`;
    return `${p.level}的必备项「${p.prereq}」引用的项目 ${p.item} 不存在`;
  },
  RUBRIC_PREREQ_KIND: (p) => {
    if ('base' in p) return `必备项「${p.prereq}」的基数项目 ${p.base} 是 ${p.kind} 类项目，没有填报数值`;
    return p.test === 'met'
      ? `必备项「${p.prereq}」要求项目 ${p.item} 达标，但它是 ${p.kind} 类项目，没有“是/否”`
      : `必备项「${p.prereq}」比较项目 ${p.item} 的数值，但它是 ${p.kind} 类项目，没有填报数值`;
  },
  RUBRIC_PREREQ_UNREACHABLE: (p) => `必备项「${p.prereq}」要求项目 ${p.item} 至少 ${p.minPoints} 分，但该项满分 ${p.points}`,
  RUBRIC_APPLICABILITY_ON_GROUP: (p) => `${nodeZh(p.node)}有下级，适用条件只能写在评分项目上`,
  RUBRIC_APPLICABILITY_SHAPE: (p) => {
    if ('rule' in p) return `${nodeZh(p.node)}的第 ${p.rule} 条适用规则应只写 when 或 unless 之一，实际 ${p.given === 0 ? '都没有' : '两个都写了'}`;
    return p.condition === 'station' ? `${nodeZh(p.node)}的站点条件应只写 is 或 endsWith 之一` : `${nodeZh(p.node)}的条件应只写 is 或 atLeast 之一`;
  },
  RUBRIC_APPLICABILITY_SELF: (p) => `${nodeZh(p.node)}的适用条件不能引用它自己`,
  RUBRIC_APPLICABILITY_KIND: (p) =>
    p.test === 'atLeast'
      ? `${nodeZh(p.node)}的条件比较项目 ${p.item} 的数值，但它是 ${p.kind} 类项目，没有填报数值`
      : `${nodeZh(p.node)}的条件用 is 比较项目 ${p.item}，但它是 ${p.kind} 类项目，只能用 atLeast`,
  RUBRIC_APPLICABILITY_ANSWER: (p) => `${nodeZh(p.node)}的条件：项目 ${p.item} 没有答案“${p.answer}”（可为 ${p.valid.join('、')}）`,
  RUBRIC_PARTY_DUPLICATE: (p) => `评分方编号 ${p.id} 出现了两次`,
  RUBRIC_PARTY_UNKNOWN_ITEM: (p) => `评分方「${p.party}」的 items 中 ${p.id} 不是本细则的项目、指标或模块`,
  RUBRIC_PARTY_MAX_MISMATCH: (p) => `评分方「${p.party}」声明满分 ${p.max}，但其评分项目合计 ${p.total} 分（${p.items} 项）`,
  RUBRIC_ITEM_NO_PARTY: (p) => `项目 ${nodeZh(p.node)}没有任何评分方（parties 的 items 都不含它）`,
  RUBRIC_QUOTA_SHARE: (p) => `${p.name}的名额比例 ${p.share} 不在 (0, 1] 之内（前10% 写作 0.1）`,
};

const ownEn: AreaCatalogue<OwnParams> = {
  RUBRIC_INVALID: (p) => `The rubric ${p.file} has ${p.errors} error${p.errors === 1 ? '' : 's'} (run \`station-eval rubric validate ${p.file}\` for details):`,
  FILE_TOO_LARGE: (p) => `File too large (${p.size} bytes); a rubric file may be at most ${p.maxMb} MB`,
  FILE_NOT_UTF8: (p) =>
    p.encoding === 'utf-16'
      ? 'The file is UTF-16 encoded; please save it as UTF-8'
      : `The file is not UTF-8 (byte 0x${p.byte} at line ${p.line}, column ${p.column}; GBK perhaps); please save it as UTF-8`,
  FILE_UNREADABLE: (p) => {
    switch (p.reason) {
      case 'not-found':
        return 'Cannot read the file: no such file';
      case 'directory':
        return 'Cannot read the file: it is a folder';
      case 'no-such-path':
        return 'No such file or folder';
      case 'errno':
        return `Cannot read it (${p.errno})`;
      case 'other':
        return `Cannot read the file: ${p.detailEn}`;
    }
  },
  FILE_NOT_REGULAR: () => 'Cannot read the file: not a regular file (a pipe, a device or a socket such as /dev/zero)',
  FILE_NAME_ENCODING: () => 'Cannot read the file: the file name is not UTF-8 (probably GBK bytes left by an unzip tool); rename the file',
  RUBRIC_EMPTY: () => 'The file is empty: a rubric needs at least id, title, version, total, modules and stars',
  YAML_ALIAS_BOMB: (p) => `Too many alias expansions (over ${p.max}): an alias bomb is refused`,
  YAML_COMPLEX_KEY: () => 'A key must be plain text',
  YAML_TOO_COMPLEX: (p) => `The document is too large or too deeply nested (over ${p.maxValues} values or ${p.maxDepth} levels)`,
  RUBRIC_FORBIDDEN_KEY: (p) => `The key "${p.key}" is not allowed`,
  RUBRIC_ID_UNQUOTED: (p) => {
    const what = p.key === 'id' ? 'id' : 'Module id';
    return p.asNumber !== p.source
      ? `${what} ${p.source} is not quoted; other YAML tools read it as the number ${p.asNumber}; write "${p.source}"`
      : `${what} ${p.source} is not quoted (it is a number); write "${p.source}"`;
  },
  RUBRIC_STRING_UNQUOTED: (p) =>
    p.asNumber !== p.source
      ? `${p.key} ${p.source} is not quoted; other YAML tools read it as the number ${p.asNumber}; write "${p.source}"`
      : `${p.key} ${p.source} is not quoted (it is a number); write "${p.source}"`,
  SCHEMA_UNKNOWN_KEY: (p) => `Unknown key "${p.key}"${p.guess ? `; did you mean "${p.guess}"?` : ''}${p.allowed.length > 0 ? ` (allowed here: ${p.allowed.join(', ')})` : ''}`,
  SCHEMA_MISSING_KEY: (p) => ('options' in p ? `Missing required key "${p.key}"; expected one of ${p.options.join(' | ')}` : `Missing required key "${p.key}" (${p.type})`),
  SCHEMA_INVALID_TYPE: (p) => `${atEn(p.path)} must be ${p.type === 'object' || p.type === 'array' ? 'an' : 'a'} ${p.type}, found ${typeOf(p.value)} ${show(p.value)}`,
  SCHEMA_INVALID_VALUE: (p) =>
    'form' in p
      ? `${atEn(p.path)}: ${show(p.value)} matches none of the allowed forms`
      : `${atEn(p.path)}: ${show(p.value)} is not allowed; expected one of ${p.allowed.map(show).join(' | ')}${p.guess ? `; did you mean "${p.guess}"?` : ''}`,
  SCHEMA_INVALID_KIND: (p) => `Unknown ${p.field} ${show(p.value)}; expected one of ${p.options.join(' | ')}${p.guess ? `; did you mean "${p.guess}"?` : ''}`,
  SCHEMA_INVALID_KEY: (p) => `Invalid key "${p.key}"${p.detail && !hasCjk(p.detail) ? `: ${p.detail}` : ''}`,
  SCHEMA_TOO_SMALL: (p) => limitEn(p, true),
  SCHEMA_TOO_BIG: (p) => limitEn(p, false),
  SCHEMA_INVALID_FORMAT: (p) => `${atEn(p.path)}: ${show(p.value)} has the wrong format${hasCjk(p.detail) ? '' : ` (${p.detail})`}`,
  SCHEMA_NOT_MULTIPLE: (p) => `${atEn(p.path)} must be a multiple of ${p.divisor}, found ${show(p.value)}`,
  SCHEMA_INVALID: (p) => `${atEn(p.path)}: ${p.detail}`,
  RULE_CRASHED: (p) => `The rule ${p.rule} crashed (a bug; please report it): ${p.error}`,
  RUBRIC_SUM_MISMATCH: (p) => `${nodeEn(p.node)} declares ${p.points} points but its ${p.children === 1 ? 'only child is worth' : `${p.children} children add up to`} ${p.total}`,
  RUBRIC_TOTAL_MISMATCH: (p) => `total declares ${p.declared} but the modules add up to ${p.total} (${p.modules.map((m) => `${m.name} ${m.points}`).join(' + ')})`,
  RUBRIC_DUPLICATE_ID: (p) => `Duplicate id "${p.node.id}" (${nodeEn(p.node)}): already used at line ${p.firstLine} (${p.firstPath})`,
  RUBRIC_DUPLICATE_CONDITION_ID: (p) => `${nodeEn(p.node)}: checklist condition id "${p.id}" is used twice`,
  RUBRIC_ID_NOT_NESTED: (p) => `${nodeEn(p.node)}: the id must start with its parent's id "${p.parent.id}." (parent ${nodeEn(p.parent)}), e.g. "${p.parent.id}.1"`,
  RUBRIC_NODE_BOTH: (p) => `${nodeEn(p.node)} has both children and a scoring rule; a node with children is not scored itself; remove one`,
  RUBRIC_LEAF_WITHOUT_SCORING: (p) => `${nodeEn(p.node)} has neither children nor a scoring rule; a leaf item needs scoring`,
  RUBRIC_CONTROL_POINTS: (p) => `${nodeEn(p.node)} is a control item (kind: control); its points must be 0, found ${p.points}`,
  RUBRIC_CONTROL_IN_BONUS: (p) => `${nodeEn(p.node)} is a control item inside the bonus pool; put control items in a module`,
  RUBRIC_RULE_EXCEEDS_POINTS: (p) => `${leadEn(p)}: ${partEn(p.part)} ${p.value} exceeds the item's points ${p.points}`,
  RUBRIC_RULE_UNREACHABLE: (p) =>
    'step' in p
      ? `${leadEn(p)}: steps of ${p.step} from ${p.min} never reach the item's points ${p.points}`
      : `${leadEn(p)} can score at most ${p.best} (${partEn(p.part)}), never the item's points ${p.points}`,
  RUBRIC_RULE_INVALID: (p) => {
    switch (p.problem) {
      case 'tier-min-twice':
        return `${leadEn(p)}: two tiers share the minimum ${p.min}`;
      case 'cap-below-base':
        return `${leadEn(p)}: the cap ${p.cap} is below base.points ${p.base}`;
      case 'min-above-max':
        return `${leadEn(p)}: min ${p.min} is above max ${p.max}`;
      case 'grade-min-above-max':
        return `${leadEn(p)}: grade ${p.grade}: min ${p.min} is above max ${p.max}`;
      case 'max-deduction-below-per':
        return `${leadEn(p)}: maxDeduction ${p.maxDeduction} is less than one deduction (${p.per})`;
      case 'zero-if-unknown':
        return `${leadEn(p)}: zeroIf names "${p.id}", which is not a condition of this item (conditions: ${p.ids.join(', ')})`;
    }
  },
  RUBRIC_RULE_POINTLESS: (p) => {
    switch (p.problem) {
      case 'floor-equals-points':
        return `${leadEn(p)}: the floor equals the item's points ${p.points}; deductions never apply`;
      case 'unmet-equals-met':
        return `${leadEn(p)}: met and unmet both score ${p.points}; the item decides nothing`;
      case 'per-above-loss':
        return `${leadEn(p)}: each deduction (${p.per}) is more than the ${p.loss} points that can be lost`;
      case 'max-deduction-above-loss':
        return `${leadEn(p)}: maxDeduction ${p.maxDeduction} is more than the ${p.loss} points that can be lost; the cap never applies`;
      case 'assessed-max-above-loss':
        return `${leadEn(p)}: the largest deduction (${p.max}) is more than the ${p.loss} points that can be lost`;
    }
  },
  RUBRIC_TIERS_NOT_MONOTONIC: (p) =>
    p.problem === 'tier-below-lower'
      ? `${leadEn(p)}: tier >= ${p.min} scores ${p.points}, less than the lower tier >= ${p.lowerMin} (${p.lowerPoints})`
      : `${leadEn(p)}: otherwise (${p.otherwise}) is more than the lowest tier (${p.lowest})`,
  RUBRIC_RULE_NOT_MONOTONIC: (p) => `${leadEn(p)}: below (${p.below}) is more than base.points (${p.base})`,
  RUBRIC_VALUE_POINTS: (p) => `${leadEn(p)}: records a value (kind: value); its points must be 0, found ${p.points}`,
  RUBRIC_GROUP_SINGLE: (p) => `${leadEn(p)}: the exclusive group "${p.group}" has one condition only`,
  RUBRIC_DUPLICATE_GRADE: (p) => `${leadEn(p)}: grade "${p.grade}" is listed twice`,
  RUBRIC_GRADES_OVERLAP: (p) => `${leadEn(p)}: grades ${p.lo.grade} (${p.lo.min}–${p.lo.max}) and ${p.hi.grade} (${p.hi.min}–${p.hi.max}) overlap; a score alone cannot tell the grade`,
  RUBRIC_DUPLICATE_LABEL: (p) => `${nodeEn(p.node)}: the ${p.list} "${p.label}" is listed twice`,
  RUBRIC_PRECISION: (p) => `${p.value} has ${p.decimals} decimals, more than the rubric's ${p.key} ${p.digits}`,
  RUBRIC_STAR_LEVEL_DUPLICATE: (p) => `Star level ${p.level} (${p.name}) is listed twice`,
  RUBRIC_STAR_BAND_INVERTED: (p) => `${p.name}: maxTotal ${p.maxTotal} is below minTotal ${p.minTotal}`,
  RUBRIC_STAR_UNREACHABLE: (p) => `${p.name} needs a total ${p.exclusive ? 'above' : 'of at least'} ${p.minTotal} but the maximum is ${p.max}`,
  RUBRIC_STAR_NOT_ORDERED: (p) => `${p.hi.name} (level ${p.hi.level}) needs minTotal above ${p.lo.name} (level ${p.lo.level}, ${p.lo.minTotal}), found ${p.hi.minTotal}`,
  RUBRIC_STAR_BANDS_OVERLAP: (p) => `${p.lo.name} (${bandEn(p.lo, p.exclusive)}) overlaps ${p.hi.name} (${bandEn(p.hi, p.exclusive)}): a total of ${p.total} is in both${boundaryEn(p.exclusive)}`,
  RUBRIC_STAR_BANDS_GAP: (p) =>
    `Gap between ${p.lo.name} (${bandEn(p.lo, p.exclusive)}) and ${p.hi.name} (${bandEn(p.hi, p.exclusive)}): a total of ${p.total} (${p.digits} decimals) is in neither; set maxTotal to ${p.fix}${boundaryEn(p.exclusive)}`,
  RUBRIC_MODULE_MINIMUM_SHAPE: (p) => (p.both ? 'A module minimum gives percent or points, not both' : 'A module minimum needs percent or points'),
  RUBRIC_MODULE_MINIMUM_EXCEEDS: (p) =>
    p.every
      ? `${p.level} asks at least ${p.points} of every module, but module ${nodeEn(p.module)} has only ${p.module.points}`
      : `${p.level} asks at least ${p.points} of module ${nodeEn(p.module)}, more than its maximum ${p.module.points}`,
  RUBRIC_UNKNOWN_MODULE: (p) => `${p.level}: moduleMinimums names no module "${p.id}"${p.guess ? `; did you mean "${p.guess}"?` : ''} (module ids: ${p.ids.join(', ')})`,
  RUBRIC_MODULE_MINIMUM_DECREASING: (p) => `${p.level} asks ${p.value} of module ${nodeEn(p.module)}, less than the lower level ${p.lower} (${p.lowerValue})`,
  RUBRIC_VETO_MAX_STARS_MISSING: (p) => `Veto ${nodeEn(p.veto)} has effect cap-star and needs maxStars`,
  RUBRIC_VETO_MAX_STARS_IGNORED: (p) => `Veto ${nodeEn(p.veto)} has effect ${p.effect}; maxStars is ignored (only cap-star uses it)`,
  RUBRIC_VETO_NO_EFFECT: (p) => `Veto ${nodeEn(p.veto)} caps at ${p.maxStars} stars but the highest level is ${p.top}; the cap changes nothing`,
  RUBRIC_BONUS_CAP_ZERO: (p) => `The bonus cap is ${p.cap}; bonus items never add anything`,
  RUBRIC_BONUS_CAP_UNREACHABLE: (p) => `The bonus cap ${p.cap} is above the sum of all bonus items (${p.itemsTotal}); it can never be reached`,
  RUBRIC_TOLERANCE_SHAPE: (p) => (p.both ? `Tolerance (${p.scope}) gives points or percent, not both` : `Tolerance (${p.scope}) needs points or percent`),
  RUBRIC_TOLERANCE_DUPLICATE_SCOPE: (p) => `Tolerance scope ${p.scope} is given twice`,
  RUBRIC_INFLATION_WITHOUT_TOLERANCE: () => 'Inflation effects (deductFactor / maxStars) are set but there is no tolerance, so they never apply',
  RUBRIC_INFLATION_CAP_NO_EFFECT: (p) => `Inflation caps at ${p.maxStars} stars but the highest level is ${p.top}; the cap changes nothing`,
  RUBRIC_DUPLICATE_ALIAS: (p) =>
    p.first ? `The alias "${p.alias}" belongs to both ${nodeEn(p.first)} and ${nodeEn(p.node)}; workbooks would be ambiguous` : `${nodeEn(p.node)} lists the alias "${p.alias}" twice`,
  RUBRIC_ALIAS_IS_OTHER_NAME: (p) => `${nodeEn(p.node)}'s alias "${p.alias}" is the name of ${nodeEn(p.other)}`,
  RUBRIC_DUPLICATE_COLUMN_ALIAS: (p) =>
    p.first !== undefined
      ? `The header "${p.header}" is listed under both columns.${p.first} and columns.${p.column}; workbooks would be ambiguous`
      : `The header "${p.header}" is listed twice under columns.${p.column}`,
  RUBRIC_EMPTY_COLUMN_ALIAS: () => 'A header name must not be empty',
  RUBRIC_SINGLE_CHILD: (p) => `${nodeEn(p.node)} has a single child; consider merging the level`,
  RUBRIC_ZERO_POINTS: (p) => `${nodeEn(p.node)} is worth 0 points but is not a control item (kind: control); points missing?`,
  RUBRIC_ILLUSTRATIVE_MISSING: (p) => `Rubric "${p.id}" looks illustrative (not official) but has no illustrative note; say that its items and thresholds are examples (reports print it)`,
  RUBRIC_NA_IGNORED: (p) => {
    switch (p.where) {
      case 'group':
        return `${nodeEn(p.node)} has children; na only applies to leaf items; put it on the items`;
      case 'bonus':
        return `${nodeEn(p.node)} is a bonus item; na: rescale has no module to rescale`;
      case 'control':
        return `${nodeEn(p.node)} is a control item (0 points); na: rescale changes no score`;
    }
  },
  RUBRIC_CERT_CAP_UNKNOWN_LEVEL: (p) => `First rating is capped at level ${p.cap}, but stars.levels has no level ${p.cap}`,
  RUBRIC_CERT_CAP_NO_EFFECT: (p) => `First rating is capped at ${p.cap} stars but the highest level is ${p.top}; the cap changes nothing`,
  RUBRIC_LEVEL_NAME_DUPLICATE: (p) =>
    'noLevelName' in p ? `noLevelName "${p.noLevelName}" is also the name of level ${p.level}` : `level name "${p.name}" is used twice (level ${p.first} and level ${p.level})`,
  RUBRIC_PREREQ_SHAPE: (p) => `prerequisite "${p.prereq}" of ${p.level} needs exactly one of met, minPoints, atLeast, per; found ${p.tests.length === 0 ? 'none' : p.tests.join(', ')}`,
  RUBRIC_UNKNOWN_ITEM: (p) => {
    if ('node' in p) return `${nodeEn(p.node)}: applicability refers to item ${p.item}, which does not exist`;
    if ('base' in p) return `the base item ${p.base} of "${p.prereq}" does not exist`;
    return `prerequisite "${p.prereq}" of ${p.level} refers to item ${p.item}, which does not exist`;
  },
  RUBRIC_PREREQ_KIND: (p) => {
    if ('base' in p) return `the base item ${p.base} of "${p.prereq}" is a ${p.kind} item with no measured value`;
    return p.test === 'met'
      ? `prerequisite "${p.prereq}" needs item ${p.item} met, but it is a ${p.kind} item with no yes/no`
      : `prerequisite "${p.prereq}" compares the value of item ${p.item}, a ${p.kind} item with no measured value`;
  },
  RUBRIC_PREREQ_UNREACHABLE: (p) => `prerequisite "${p.prereq}" needs ${p.minPoints} points on item ${p.item}, worth ${p.points}`,
  RUBRIC_APPLICABILITY_ON_GROUP: (p) => `${nodeEn(p.node)} has children; applicability belongs on scorable items`,
  RUBRIC_APPLICABILITY_SHAPE: (p) => {
    if ('rule' in p) return `${nodeEn(p.node)}: applicability rule ${p.rule} needs exactly one of when, unless`;
    return p.condition === 'station' ? `${nodeEn(p.node)}: a station condition needs exactly one of is, endsWith` : `${nodeEn(p.node)}: an item condition needs exactly one of is, atLeast`;
  },
  RUBRIC_APPLICABILITY_SELF: (p) => `${nodeEn(p.node)}: applicability cannot refer to the item itself`,
  RUBRIC_APPLICABILITY_KIND: (p) =>
    p.test === 'atLeast'
      ? `${nodeEn(p.node)}: the condition compares the value of item ${p.item}, a ${p.kind} item with no measured value`
      : `${nodeEn(p.node)}: item ${p.item} is a ${p.kind} item; compare it with atLeast, not is`,
  RUBRIC_APPLICABILITY_ANSWER: (p) => `${nodeEn(p.node)}: item ${p.item} has no answer "${p.answer}" (expected one of ${p.valid.join(', ')})`,
  RUBRIC_PARTY_DUPLICATE: (p) => `Scoring party id ${p.id} is given twice`,
  RUBRIC_PARTY_UNKNOWN_ITEM: (p) => `Scoring party "${p.party}": ${p.id} in items is no item, indicator or module of this rubric`,
  RUBRIC_PARTY_MAX_MISMATCH: (p) => `Scoring party "${p.party}" declares max ${p.max} but its ${p.items} items add up to ${p.total}`,
  RUBRIC_ITEM_NO_PARTY: (p) => `Item ${nodeEn(p.node)} is scored by no party (no party's items include it)`,
  RUBRIC_QUOTA_SHARE: (p) => `the quota share ${p.share} of level ${p.level} is not in (0, 1] (top 10 % is 0.1)`,
};

export const rubricZh: AreaCatalogue<RubricParams> = {
  ...yamlCatalogue((code, detail) => {
    const base = YAML_ZH[code];
    return base ? `YAML ${base}（${detail}）` : `YAML 语法错误：${detail}`;
  }),
  ...ownZh,
};

export const rubricEn: AreaCatalogue<RubricParams> = {
  ...yamlCatalogue((_code, detail) => `YAML: ${detail}`),
  ...ownEn,
};
