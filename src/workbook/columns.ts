/**
 * Column roles of a score sheet and the header names that mean them: the
 * template's own stable names first, then the names real tables use, then the
 * rubric's `columns` aliases. Header text is compared after normalisation
 * (NFKC, no whitespace or line breaks, lower case), so "自评\n得分",
 * "自 评 得 分" and "自评得分" are the same header.
 */
import { memoString } from '../util/memo.js';
import type { RubricData } from '../rubric/schema.js';

export type BaseColumnRole =
  | 'id'
  | 'name'
  | 'points'
  | 'selfInput'
  | 'selfScore'
  | 'selfNote'
  | 'spotInput'
  | 'spotScore'
  | 'reason'
  | 'note'
  /** A bare 得分 / 评分 column: the party the file was given for. */
  | 'score';

/**
 * A scoring party's column (rubric `parties`): `party:<id>` its score,
 * `party:<id>:input` its 填报. Party ids are lower-case letters, digits, dots
 * and hyphens, so the two never collide.
 */
export type PartyColumnRole = `party:${string}`;
export type ColumnRole = BaseColumnRole | PartyColumnRole;

export const partyScoreRole = (id: string): PartyColumnRole => `party:${id}`;
export const partyInputRole = (id: string): PartyColumnRole => `party:${id}:input`;
export const isPartyRole = (role: string): role is PartyColumnRole => role.startsWith('party:');

/** What a party's score column may be headed: its name or id, bare or with one of these. */
export const PARTY_SCORE_SUFFIXES = ['', '得分', '评分', '计分', '分', '打分', '分数', '计分栏', '评分栏', '得分栏', 'score'] as const;
/** What a party's 填报 column may be headed: its name or id with one of these. */
export const PARTY_INPUT_SUFFIXES = ['填报', '实测', '数值', 'input'] as const;

/** The template's header of a party's score and 填报 columns (采购方得分, 采购方填报). */
export const partyHeader = (name: string, which: 'score' | 'input'): string => `${name}${which === 'score' ? '得分' : '填报'}`;

/**
 * Normalised header texts → the party column they name, for a rubric with
 * `parties`: the name and the id, with and without 得分/评分/计分 (or 填报).
 */
export function partyAliases(parties: readonly { id: string; name: string }[]): Map<string, PartyColumnRole> {
  const map = new Map<string, PartyColumnRole>();
  for (const p of parties)
    for (const base of [p.name, p.id]) {
      for (const suffix of PARTY_SCORE_SUFFIXES) map.set(normaliseHeader(base + suffix), partyScoreRole(p.id));
      for (const suffix of PARTY_INPUT_SUFFIXES) map.set(normaliseHeader(base + suffix), partyInputRole(p.id));
    }
  return map;
}

/** The template's header, in order. These names are stable (scripts find columns by them). */
export const TEMPLATE_HEADERS = [
  { role: 'id', header: '编号', width: 9 },
  { role: 'path', header: '指标', width: 22 },
  { role: 'content', header: '评估内容', width: 30 },
  { role: 'standard', header: '评分标准', width: 36 },
  { role: 'method', header: '评估方法', width: 10 },
  { role: 'points', header: '分值', width: 7 },
  { role: 'help', header: '填报说明', width: 22 },
  { role: 'selfInput', header: '自评填报', width: 12 },
  { role: 'selfScore', header: '自评得分', width: 9 },
  { role: 'selfNote', header: '自评说明/佐证材料', width: 24 },
  { role: 'spotInput', header: '抽查填报', width: 12 },
  { role: 'spotScore', header: '抽查得分', width: 9 },
  { role: 'reason', header: '扣分原因', width: 20 },
  { role: 'note', header: '备注', width: 14 },
] as const;

const BUILT_IN: Record<BaseColumnRole, string[]> = {
  id: ['编号', '指标编号', '项目编号', '编码', '指标编码', '代码', '指标代码', '条款编号', '序号', 'id', 'no', 'no.'],
  name: ['指标', '指标名称', '评估指标', '一级指标', '二级指标', '三级指标', '四级指标', '评估项目', '考核项目', '项目', '项目名称', '名称', '评估要素', 'item', '评估内容', '考核内容', '内容'],
  points: ['分值', '标准分', '满分', '分数', '标准分值', '权重', '配分', 'points', 'max'],
  selfInput: ['自评填报', '自评实测', '自评数值'],
  selfScore: ['自评得分', '自评分', '自评计分栏', '自评分数', '自评打分', '自评', '自查得分', '自查分', '站点自评', '自评计分', '自评评分', 'self'],
  selfNote: ['自评说明/佐证材料', '自评说明', '佐证材料', '佐证材料目录', '自评说明及佐证材料', '佐证', '说明'],
  spotInput: ['抽查填报', '抽查实测', '核查填报'],
  spotScore: [
    '抽查得分',
    '抽查分',
    '评估得分',
    '评估分',
    '评估',
    '复评得分',
    '复评分',
    '复评',
    '核定得分',
    '核定分',
    '审核得分',
    '审核分',
    '第三方评估得分',
    '第三方评估分',
    '考核组评分',
    '考核组得分',
    '评估小组计分',
    '评估小组计分栏',
    '评估小组得分',
    '评估小组评分',
    '评估委员会计分栏',
    '专家评分',
    '专家得分',
    '核查得分',
    '复核得分',
    '复核分',
    '抽查评分',
    '第三方评分',
    '第三方得分',
    '评估组得分',
    '实得分',
    'spot',
  ],
  reason: ['扣分原因', '扣分理由', '扣分说明', '扣分依据', '失分原因', 'reason'],
  note: ['备注', 'note'],
  score: ['得分', '评分', '计分', '实际得分', '考核得分', 'score'],
};

const ROLE_FROM_COLUMNS: Partial<Record<keyof NonNullable<RubricData['columns']>, ColumnRole>> = {
  id: 'id',
  name: 'name',
  points: 'points',
  self: 'selfScore',
  selfNote: 'selfNote',
  spot: 'spotScore',
  reason: 'reason',
  note: 'note',
};

/** Header text as compared: NFKC, no whitespace, no trailing colon or "*", lower case. */
export const normaliseHeader: (text: string) => string = memoString((text) =>
  text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[:：*＊]+$/, '')
    .replace(/^[*＊]+/, '')
    .toLowerCase(),
);

/**
 * Normalised header → role, built-in names plus the rubric's `columns` aliases
 * (which win), plus its parties' columns (which win over both: a party named
 * 自评 or 评估小组 takes the column its name heads).
 */
const ALIAS_CACHE = new WeakMap<object, Map<string, ColumnRole>>();

export function headerAliases(rubric?: Pick<RubricData, 'columns'> & Partial<Pick<RubricData, 'parties'>>): Map<string, ColumnRole> {
  const cached = rubric ? ALIAS_CACHE.get(rubric) : undefined;
  if (cached) return cached;
  const map = new Map<string, ColumnRole>();
  if (rubric) ALIAS_CACHE.set(rubric, map);
  for (const [role, names] of Object.entries(BUILT_IN) as [ColumnRole, string[]][]) {
    for (const name of names) {
      const key = normaliseHeader(name);
      if (!map.has(key)) map.set(key, role);
    }
  }
  for (const [key, names] of Object.entries(rubric?.columns ?? {}) as [keyof NonNullable<RubricData['columns']>, string[] | undefined][]) {
    const role = ROLE_FROM_COLUMNS[key];
    if (!role) continue;
    for (const name of names ?? []) map.set(normaliseHeader(name), role);
  }
  if (rubric?.parties) for (const [text, role] of partyAliases(rubric.parties)) map.set(text, role);
  return map;
}

/** Station metadata labels (the block above the header). */
export const STATION_LABELS = {
  name: ['站点名称', '站点', '社工站名称', '服务站名称', '单位名称', '站名'],
  county: ['所属县(市、区)', '所属县(市,区)', '所属县', '县(市、区)', '县(市,区)', '县市区', '所属县区', '县区', '县'],
  township: ['乡镇(街道)', '所属乡镇(街道)', '乡镇街道', '乡镇', '街道'],
  operator: ['运营机构', '承接机构', '运营单位', '承接单位', '服务机构'],
  year: ['评估年度', '年度'],
  filledBy: ['填表人', '填报人'],
  date: ['日期', '填表日期', '填报日期'],
  code: ['站点编码', '站点代码', '站点编号'],
  targetLevel: ['申报等级', '申报星级', '申请等级', '申请星级'],
  /** 评估机构: the third party that spot-checked (the report's header block). */
  evaluator: ['评估机构', '第三方评估机构', '评估单位', '第三方评估单位', '第三方机构', '抽查机构', '评估机构名称'],
  /** 评估日期: the day of the evaluation (YYYY-MM-DD, 2024/11/20, 2024年11月20日 or a date cell). */
  evaluationDate: ['评估日期', '抽查日期', '实地评估日期', '评估时间'],
} as const;

export type StationField = keyof typeof STATION_LABELS;

const LABEL_INDEX = (() => {
  const map = new Map<string, StationField>();
  for (const [field, labels] of Object.entries(STATION_LABELS) as [StationField, readonly string[]][]) for (const label of labels) map.set(normaliseHeader(label), field);
  return map;
})();

/** The station field a label cell names, if any. */
export function stationField(label: string): StationField | undefined {
  return LABEL_INDEX.get(normaliseHeader(label));
}
