/**
 * The sentences of the star-level decision (why a station got its level, what
 * the next one needs), by code, one catalogue per language. The engine
 * (src/score/star-level.ts) builds `StarMessage`s — a code and parameters
 * (numbers already formatted exactly, level names, nested messages) — and
 * renders them with `renderStar(message, lang)`; no sentence is composed in
 * the engine. The result keeps both renderings (starReason, starReasonEn,
 * nextStar.needs[].message/messageEn), as the result format documents.
 */
import type { Lang } from '../util/lang.js';
import { must } from '../util/must.js';
import { prerequisiteText, type PrerequisiteCheckWords } from './messages/engine.js';

export interface LevelRef {
  level: number;
  name: string;
}

/** The total as a reason states it: `总分 785`, `总得分 78.5（总分 785 ÷ 10）`, `… 按规则取整为 78.6`. */
export interface TotalPhrase {
  total: string;
  /** With a scale factor: the scaled total's name and what it came from. */
  scaled?: { name: string; from: string; divideBy: string };
  /** The total after the rounding rule, when rounding changed it. */
  rounded?: string;
}

/** A quota's decision as a reason states it (src/score/apply-quota.ts): numbers formatted exactly. */
export interface QuotaPhrase {
  rank: number;
  qualifying: number;
  places: number;
  /** The share in percent: 10 for 0.1. */
  percent: string;
  /** qualifying × share before rounding: 2.3. */
  exact: string;
  rounding: 'floor' | 'ceil' | 'round';
  cutoff: string | null;
  atCutoff: number;
  ties: 'include' | 'exclude';
}

export interface StarParams {
  OK: { total: TotalPhrase; inclusive: boolean; min: string };
  NEED_TOTAL_ROUNDED: { total: TotalPhrase; short: string; digits: number; inclusive: boolean; min: string };
  NEED_TOTAL: { total: TotalPhrase; short: string; min: string };
  NEED_TOTAL_ABOVE: { total: TotalPhrase; short: string; positive: boolean; min: string };
  FAIL_TOTAL: { total: TotalPhrase; inclusive: boolean; level: LevelRef; min: string };
  FAIL_MODULE_PERCENT: { module: string; percent: string; level: LevelRef; min: string };
  NEED_MODULE_PERCENT: { module: string; short: string; level: LevelRef; min: string; needPoints: string; now: string };
  FAIL_MODULE_POINTS: { module: string; now: string; level: LevelRef; min: string };
  NEED_MODULE_POINTS: { module: string; short: string; level: LevelRef; min: string; now: string };
  CONTROL: { id: string; name: string; blank: boolean };
  VETO: { name: string };
  PREREQUISITE: { level: LevelRef; check: PrerequisiteCheckWords };
  NEEDS_SPOT: { level: LevelRef };
  GATE_VETO: { name: string };
  GATE_VETO_NEED: { name: string };
  GATE_INCOMPLETE: { count: number; ids: string[] };
  GATE_INCOMPLETE_NEED: { count: number; ids: string[] };
  GATE_UNVERIFIED: Record<string, never>;
  GATE_UNVERIFIED_NEED: Record<string, never>;
  GATE_TARGET_UNKNOWN: { target: number };
  GATE_TARGET_UNKNOWN_NEED: { levels: LevelRef[] };
  GATE_TARGET_MISSING: Record<string, never>;
  GATE_TARGET_MISSING_NEED: Record<string, never>;
  QUOTA: QuotaPhrase;
  QUOTA_LOST: { level: LevelRef; quota: StarMessage };
  QUOTA_NEED: { level: LevelRef; quota: StarMessage };
  QUOTA_GRANTED: { reason: StarMessage; quota: StarMessage };
  QUOTA_PROVISIONAL: { reason: StarMessage; level: LevelRef; percent: string };
  CAP_TARGET: { target: LevelRef };
  CAP_VETO: { name: string; cap: LevelRef | null };
  CAP_INFLATION: { cap: LevelRef | null };
  /** A level's failures: the total first, then the rest; or "total ok, but …". */
  FAILURES: { total?: StarMessage; ok?: StarMessage; others: StarMessage[] };
  ACHIEVED: { ok: StarMessage; moduleRule: boolean; level: LevelRef; overlap?: { level: LevelRef; min: string; max: string } };
  NO_LEVEL: { failures: StarMessage; noLevelName?: string };
  /** Independent parts of one reason (gates; the level above and the level reached). */
  PARTS: { parts: StarMessage[] };
  CAPPED: { reason: StarMessage; caps: StarMessage[]; chosen: LevelRef | null };
}

export type StarCode = keyof StarParams;
export type StarMessage = { [C in StarCode]: { code: C; params: StarParams[C] } }[StarCode];

export function star<C extends StarCode>(code: C, params: StarParams[C]): StarMessage {
  return { code, params } as StarMessage;
}

type Render = (m: StarMessage) => string;
export type StarCatalogue = { readonly [C in StarCode]: (p: StarParams[C], r: Render) => string };

const listZh = (ids: readonly string[]) => (ids.length <= 5 ? ids.join('、') : `${ids.slice(0, 5).join('、')} 等`);
const listEn = (ids: readonly string[]) => (ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} …`);
const labelZh = (t: TotalPhrase) => (t.scaled ? t.scaled.name : '总分');
const labelEn = (t: TotalPhrase) => (t.scaled ? 'scaled total' : 'total');
const totalZh = (t: TotalPhrase) => `${labelZh(t)} ${t.total}${t.scaled ? `（总分 ${t.scaled.from} ÷ ${t.scaled.divideBy}）` : ''}${t.rounded !== undefined ? ` 按规则取整为 ${t.rounded}` : ''}`;
const totalEn = (t: TotalPhrase) => `${labelEn(t)} ${t.total}${t.scaled ? ` (total ${t.scaled.from} ÷ ${t.scaled.divideBy})` : ''}${t.rounded !== undefined ? ` rounded to ${t.rounded}` : ''}`;
const enLevel = (l: LevelRef) => `level ${l.level} (${l.name})`;

export const starZh: StarCatalogue = {
  OK: (p) => `${totalZh(p.total)} ${p.inclusive ? '≥' : '>'} ${p.min}`,
  NEED_TOTAL_ROUNDED: (p) => `${labelZh(p.total)}还差 ${p.short} 分（取整到 ${p.digits} 位小数后须${p.inclusive ? '达到' : '高于'} ${p.min}，目前 ${p.total.total}）`,
  NEED_TOTAL: (p) => `${labelZh(p.total)}还差 ${p.short} 分（须达到 ${p.min}，目前 ${p.total.total}）`,
  NEED_TOTAL_ABOVE: (p) => `${labelZh(p.total)}须高于 ${p.min}（目前 ${p.total.total}${p.positive ? `，差 ${p.short} 分以上` : ''}）`,
  FAIL_TOTAL: (p) => `${totalZh(p.total)} ${p.inclusive ? '<' : '≤'} ${p.level.name}要求的 ${p.min}`,
  FAIL_MODULE_PERCENT: (p) => `「${p.module}」得分率 ${p.percent}% < ${p.level.name}要求的 ${p.min}%`,
  NEED_MODULE_PERCENT: (p) => `「${p.module}」还差 ${p.short} 分（${p.level.name}要求得分率 ≥ ${p.min}%，即 ${p.needPoints} 分；目前 ${p.now}）`,
  FAIL_MODULE_POINTS: (p) => `「${p.module}」得分 ${p.now} < ${p.level.name}要求的 ${p.min} 分`,
  NEED_MODULE_POINTS: (p) => `「${p.module}」还差 ${p.short} 分（${p.level.name}要求 ≥ ${p.min} 分；目前 ${p.now}）`,
  CONTROL: (p) => `控制项 ${p.id}「${p.name}」${p.blank ? '未评' : '未达标'}`,
  VETO: (p) => `触发一票否决「${p.name}」`,
  PREREQUISITE: (p) => `${p.level.name}${prerequisiteText(p.check, 'zh')}`,
  NEEDS_SPOT: (p) => `${p.level.name}须经抽查核实，本站未经抽查`,
  GATE_VETO: (p) => `一票否决：${p.name} → 不予评星`,
  GATE_VETO_NEED: (p) => `触发一票否决「${p.name}」，不予评星`,
  GATE_INCOMPLETE: (p) => `有 ${p.count} 项未评分（${listZh(p.ids)}）→ 评分不完整，不予评星`,
  GATE_INCOMPLETE_NEED: (p) => `补评 ${p.count} 项未评分项目（${listZh(p.ids)}）`,
  GATE_UNVERIFIED: () => '未经抽查核实（本细则要求抽查核实后方可评星）→ 不予评星',
  GATE_UNVERIFIED_NEED: () => '须经第三方抽查核实',
  GATE_TARGET_UNKNOWN: (p) => `申报等级 ${p.target} 不是本细则的等级 → 不予评定`,
  GATE_TARGET_UNKNOWN_NEED: (p) => `申报本细则的等级（${p.levels.map((l) => l.name).join('、')}）`,
  GATE_TARGET_MISSING: () => '未填写申报等级（本细则要求先申报等级）→ 不予评定',
  GATE_TARGET_MISSING_NEED: () => '填写申报等级',
  QUOTA: (p) => {
    const rounding = { floor: '向下取整', ceil: '向上取整', round: '四舍五入' }[p.rounding];
    const ties = p.atCutoff > 1 ? `（分数线上同分 ${p.atCutoff} 站，${p.ties === 'include' ? '并列者均入选' : '并列超出名额者均不入选'}）` : '';
    return `名额：排名第 ${p.rank}/${p.qualifying}，名额 ${p.places} 个（${p.qualifying} × ${p.percent}% = ${p.exact}，${rounding}），${p.cutoff === null ? '无名额' : `分数线 ${p.cutoff}${ties}`}`;
  },
  QUOTA_LOST: (p, r) => `${p.level.name}未获名额（${r(p.quota)}）`,
  QUOTA_NEED: (p, r) => `${p.level.name}${r(p.quota)}`,
  QUOTA_GRANTED: (p, r) => `${r(p.reason)}；${r(p.quota)}`,
  QUOTA_PROVISIONAL: (p, r) => `${r(p.reason)}（暂定：${p.level.name}限前 ${p.percent}% 名额，须在批量评定中按名额核定）`,
  CAP_TARGET: (p) => `申报${p.target.name}，最高评${p.target.name}`,
  CAP_VETO: (p) => `一票否决「${p.name}」${p.cap ? `限定最高${p.cap.name}` : '不予评星'}`,
  CAP_INFLATION: (p) => `自评虚高超出容差，${p.cap ? `最高只能评${p.cap.name}` : '不予评星'}`,
  FAILURES: (p, r) => (p.total ? [p.total, ...p.others].map(r).join('，') : `${r(must(p.ok))}，但${p.others.map(r).join('，')}`),
  ACHIEVED: (p, r) =>
    `${r(p.ok)}${p.moduleRule ? ` 且各模块达到${p.level.name}要求` : ''}${p.overlap ? `（总分同时落在${p.overlap.level.name}区间 ${p.overlap.min}–${p.overlap.max}，区间重叠时取较高等级）` : ''} → ${p.level.name}`,
  NO_LEVEL: (p, r) => `${r(p.failures)} → ${p.noLevelName ?? '未达到星级'}`,
  PARTS: (p, r) => p.parts.map(r).join('；'),
  CAPPED: (p, r) => `${r(p.reason)}；但${p.caps.map(r).join('，')} → ${p.chosen ? p.chosen.name : '不予评星'}`,
};

export const starEn: StarCatalogue = {
  OK: (p) => `${totalEn(p.total)} ${p.inclusive ? '≥' : '>'} ${p.min}`,
  NEED_TOTAL_ROUNDED: (p) => `${labelEn(p.total)} short by ${p.short} (rounded to ${p.digits} decimals it must be ${p.inclusive ? 'at least' : 'above'} ${p.min}; now ${p.total.total})`,
  NEED_TOTAL: (p) => `${labelEn(p.total)} short by ${p.short} (must reach ${p.min}; now ${p.total.total})`,
  NEED_TOTAL_ABOVE: (p) => `${labelEn(p.total)} must be above ${p.min} (now ${p.total.total}${p.positive ? `, more than ${p.short} short` : ''})`,
  FAIL_TOTAL: (p) => `${totalEn(p.total)} ${p.inclusive ? '<' : '≤'} ${p.min} required for ${enLevel(p.level)}`,
  FAIL_MODULE_PERCENT: (p) => `"${p.module}" ${p.percent}% < ${p.min}% required for ${enLevel(p.level)}`,
  NEED_MODULE_PERCENT: (p) => `"${p.module}" short by ${p.short} (${enLevel(p.level)} requires ≥ ${p.min}%, i.e. ${p.needPoints}; now ${p.now})`,
  FAIL_MODULE_POINTS: (p) => `"${p.module}" ${p.now} < ${p.min} required for ${enLevel(p.level)}`,
  NEED_MODULE_POINTS: (p) => `"${p.module}" short by ${p.short} (${enLevel(p.level)} requires ≥ ${p.min}; now ${p.now})`,
  CONTROL: (p) => `control item ${p.id} "${p.name}" ${p.blank ? 'not assessed' : 'not met'}`,
  VETO: (p) => `veto "${p.name}" triggered`,
  PREREQUISITE: (p) => `${enLevel(p.level)}: ${prerequisiteText(p.check, 'en')}`,
  NEEDS_SPOT: (p) => `${enLevel(p.level)} requires a spot check; the station was not checked`,
  GATE_VETO: (p) => `veto: ${p.name} → no star`,
  GATE_VETO_NEED: (p) => `veto "${p.name}" triggered: no star`,
  GATE_INCOMPLETE: (p) => `${p.count} item(s) not scored (${listEn(p.ids)}) → incomplete, no star`,
  GATE_INCOMPLETE_NEED: (p) => `score the ${p.count} blank item(s) (${listEn(p.ids)})`,
  GATE_UNVERIFIED: () => 'not verified by a spot check (required for stars by this rubric) → no star',
  GATE_UNVERIFIED_NEED: () => 'must be verified by a spot check',
  GATE_TARGET_UNKNOWN: (p) => `the applied-for level ${p.target} is not a level of this rubric → no level`,
  GATE_TARGET_UNKNOWN_NEED: (p) => `apply for a level of this rubric (${p.levels.map((l) => l.level).join(', ')})`,
  GATE_TARGET_MISSING: () => 'no applied-for level (required by this rubric) → no level',
  GATE_TARGET_MISSING_NEED: () => 'name the level applied for',
  QUOTA: (p) => {
    const ties = p.atCutoff > 1 ? ` (${p.atCutoff} stations tied at the cut-off: ${p.ties === 'include' ? 'all included' : 'excluded unless all fit'})` : '';
    return `quota: rank ${p.rank} of ${p.qualifying}, ${p.places} place(s) (${p.qualifying} × ${p.percent}% = ${p.exact}, ${p.rounding}), ${p.cutoff === null ? 'no places' : `cut-off ${p.cutoff}${ties}`}`;
  },
  QUOTA_LOST: (p, r) => `${enLevel(p.level)}: no quota place (${r(p.quota)})`,
  QUOTA_NEED: (p, r) => `${enLevel(p.level)}: ${r(p.quota)}`,
  QUOTA_GRANTED: (p, r) => `${r(p.reason)}; ${r(p.quota)}`,
  QUOTA_PROVISIONAL: (p, r) => `${r(p.reason)} (provisional: ${enLevel(p.level)} is limited to the top ${p.percent}%; the quota is applied in batch)`,
  CAP_TARGET: (p) => `applied for level ${p.target.level}: at most level ${p.target.level}`,
  CAP_VETO: (p) => `veto "${p.name}" ${p.cap ? `caps the level at ${p.cap.level}` : 'allows no star'}`,
  CAP_INFLATION: (p) => `self-assessment inflated beyond tolerance: ${p.cap ? `at most level ${p.cap.level}` : 'no star'}`,
  FAILURES: (p, r) => (p.total ? [p.total, ...p.others].map(r).join(', ') : `${r(must(p.ok))} but ${p.others.map(r).join(', ')}`),
  ACHIEVED: (p, r) =>
    `${r(p.ok)}${p.moduleRule ? ` and every module meets ${enLevel(p.level)}` : ''}${p.overlap ? ` (the total also lies in the band of ${enLevel(p.overlap.level)} ${p.overlap.min}–${p.overlap.max}; overlapping bands: the higher level wins)` : ''} → ${enLevel(p.level)}`,
  NO_LEVEL: (p, r) => `${r(p.failures)} → ${p.noLevelName ? `${p.noLevelName} (no level reached)` : 'no star level reached'}`,
  PARTS: (p, r) => p.parts.map(r).join('; '),
  CAPPED: (p, r) => `${r(p.reason)}; but ${p.caps.map(r).join(', ')} → ${p.chosen ? enLevel(p.chosen) : 'no star'}`,
};

const STAR: Record<Lang, StarCatalogue> = { zh: starZh, en: starEn };

export function renderStar(m: StarMessage, lang: Lang): string {
  const r: Render = (x) => renderStar(x, lang);
  return (STAR[lang][m.code] as (p: unknown, r: Render) => string)(m.params, r);
}
