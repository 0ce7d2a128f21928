/**
 * Shared wording and number formatting for every station report (xlsx, pdf):
 * one place that turns a result's numbers and statuses into the Chinese the
 * evaluator reads. Pure: no I/O, no exceljs, no pdfkit.
 */
import Big from 'big.js';
import { createHash } from 'node:crypto';
import { conditionId, DEDUCTION_SEPARATOR } from '../kinds/index.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { ModuleMinimum, StarLevel } from '../rubric/schema.js';
import type { ItemResult, ItemStatus, StationResult } from '../score/types.js';
import { must } from '../util/must.js';

/** Formatted scores per number of decimals: a report formats the same few hundred values again and again. */
const FORMATTED = new Map<number, Map<number, string>>();
const FORMATTED_LIMIT = 10_000;

/** A score at `digits` decimals ("972.2"); an empty string for null. Exact: no float drift. */
export function formatScore(value: number | null | undefined, digits: number, empty = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return empty;
  let byValue = FORMATTED.get(digits);
  if (!byValue) FORMATTED.set(digits, (byValue = new Map<number, string>()));
  let text = byValue.get(value);
  if (text === undefined) {
    text = new Big(value).toFixed(digits, Big.roundHalfUp);
    if (byValue.size >= FORMATTED_LIMIT) byValue.clear();
    byValue.set(value, text);
  }
  return text;
}

/** A signed deviation ("+2.5", "-1.0", "0.0"). */
export function formatDeviation(value: number | null | undefined, digits: number, empty = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return empty;
  const s = formatScore(value, digits);
  return value > 0 ? `+${s}` : s;
}

/** A percentage, the one way every report shows it: one decimal and a % sign ("80.0%", "76.7%"). */
export function formatPercent(value: number | null | undefined, empty = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return empty;
  return `${new Big(value).toFixed(1, Big.roundHalfUp)}%`;
}

/** The exceljs / Excel number format for `digits` decimals: "0", "0.0", "0.00". */
export function numberFormat(digits: number): string {
  return digits > 0 ? `0.${'0'.repeat(digits)}` : '0';
}

export const STATUS_LABELS: Record<ItemStatus, string> = {
  scored: '已评分',
  'na-excluded': '不适用(按比例折算)',
  'na-full': '不适用(计满分)',
  blank: '未评分',
  'blank-zero': '未评分(计0分)',
};

/** Status words of an item: 不适用 / 未评分 / 自评虚高 / 控制项未达标 … joined with "、". */
export function itemStatusText(item: ItemResult): string {
  const parts: string[] = [];
  if (item.status !== 'scored') parts.push(STATUS_LABELS[item.status]);
  if (item.inflated) parts.push('自评虚高');
  if (item.met === false) parts.push('控制项未达标');
  if (item.met === true && item.status === 'scored' && item.max === 0) parts.push('控制项达标');
  return parts.join('、');
}

/** Absolute points of a module minimum for a module of `moduleMax` points. */
export function minimumPoints(min: ModuleMinimum | undefined, moduleMax: number): number | null {
  if (!min) return null;
  if (min.points !== undefined) return min.points;
  if (min.percent !== undefined) return Number(new Big(moduleMax).times(min.percent).div(100).toString());
  return null;
}

/** The minimum a module needs at a star level (per-module override first), or null. */
export function moduleMinimumAt(level: StarLevel | undefined, moduleId: string, moduleMax: number): number | null {
  if (!level) return null;
  return minimumPoints(level.moduleMinimums?.[moduleId] ?? level.moduleMinimum, moduleMax);
}

export function starLevelOf(rubric: LoadedRubric, level: number | null | undefined): StarLevel | undefined {
  if (level === null || level === undefined) return undefined;
  return rubric.data.stars.levels.find((l) => l.level === level);
}

export function maxStarLevel(rubric: LoadedRubric): number {
  return Math.max(...rubric.data.stars.levels.map((l) => l.level));
}

/** "★★★☆☆" for 3 of 5; "无星级" for none. */
export function starsText(stars: number | null, max: number): string {
  const n = stars ?? 0;
  if (n <= 0) return '无星级';
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, max - n));
}

/** "三星级 ★★★☆☆" or "未达到星级"; for levels that are not stars (stars.display: names) the name only ("合格", or stars.noLevelName "不合格"). */
export function starLine(result: StationResult, rubric: LoadedRubric): string {
  if (!result.stars) return rubric.data.stars.noLevelName ?? '未达到星级';
  if (rubric.data.stars.display === 'names') return result.starName ?? `${result.stars}`;
  return `${result.starName ?? `${result.stars} 星`} ${starsText(result.stars, maxStarLevel(rubric))}`;
}

/** The heading of the level in reports: 星级, or 等级 for levels that are not stars. */
export function levelHeading(rubric: LoadedRubric, en = false): string {
  if (rubric.data.stars.display === 'names') return en ? 'Level' : '等级';
  return en ? 'Stars' : '星级';
}

/** "总得分 78.5 / 110（总分 785 ÷ 10）" when the rubric scales the total; undefined otherwise. */
export function scaledLine(result: StationResult, digits: number, en = false): string | undefined {
  const s = result.scaled;
  if (!s) return undefined;
  const d = Math.max(digits, decimalsOfNumber(s.total), decimalsOfNumber(s.maxTotal));
  return en
    ? `${s.name} ${formatScore(s.total, d)} / ${formatScore(s.maxTotal, d)} (total ${formatScore(result.total, digits)} ÷ ${s.divideBy})`
    : `${s.name} ${formatScore(s.total, d)} / ${formatScore(s.maxTotal, d)}（总分 ${formatScore(result.total, digits)} ÷ ${s.divideBy}）`;
}

/** "评分方：第三方评估机构 593.5 / 700 · 采购方 182 / 200 · 督导 91.5 / 100" when the rubric has `parties`; undefined otherwise. */
export function partiesLine(result: StationResult, digits: number, en = false): string | undefined {
  const parties = result.parties;
  if (!parties || parties.length === 0) return undefined;
  const parts = parties.map(
    (p) => `${p.name} ${formatScore(p.total, digits)}${p.max !== null ? ` / ${formatScore(p.max, digits)}` : en ? ` (${p.counted} of ${p.items} items)` : `（计分 ${p.counted} / ${p.items} 项）`}`,
  );
  return en ? `Scoring parties: ${parts.join(' · ')}` : `评分方：${parts.join(' · ')}`;
}

/** One row of the per-party table (评分方 / 评分项目数 / 计分合计 / 满分) of the station reports; [] without `parties`. */
export interface PartyRow {
  name: string;
  /** Items the party scores, and how many of them counted (its score was the final one). */
  items: number;
  counted: number;
  /** "2" when every item counted, else "3（计分 1）". */
  itemsText: string;
  total: number;
  max: number | null;
  /** total / max × 100, one decimal, null without a declared max. */
  percent: number | null;
}

export function partyRows(result: StationResult): PartyRow[] {
  return (result.parties ?? []).map((p) => ({
    name: p.name,
    items: p.items,
    counted: p.counted,
    itemsText: p.counted === p.items ? String(p.items) : `${p.items}（计分 ${p.counted}）`,
    total: p.total,
    max: p.max,
    percent: p.max !== null && p.max > 0 ? Number(new Big(p.total).times(100).div(p.max).round(1, Big.roundHalfUp).toString()) : null,
  }));
}

function decimalsOfNumber(n: number): number {
  const t = String(n);
  const dot = t.indexOf('.');
  return dot < 0 ? 0 : t.length - dot - 1;
}

/** The notices every report shows on its first page, most serious first. */
export interface Notice {
  kind: 'veto' | 'incomplete' | 'unverified' | 'verified' | 'inflated' | 'illustrative' | 'warning';
  text: string;
}

export function stationNotices(result: StationResult, rubric: LoadedRubric): Notice[] {
  const out: Notice[] = [];
  for (const v of result.vetoes) {
    const effect = v.effect === 'zero-total' ? '总分计 0 分' : v.effect === 'cap-star' ? `星级最高 ${v.maxStars ?? 0} 星` : '不予星级认定';
    const by = v.by.map((p) => (p === 'self' ? (result.parties ? '评分方' : '自评') : '抽查')).join('、');
    out.push({ kind: 'veto', text: `一票否决：${v.name}（${by}认定，${effect}）` });
  }
  if (!result.complete) {
    const n = result.blankItems.length;
    out.push({ kind: 'incomplete', text: `评分不完整：${n} 个评估项目未评分${n > 0 ? `（${result.blankItems.slice(0, 8).join('、')}${n > 8 ? ' …' : ''}）` : ''}` });
  }
  if (!result.verified)
    out.push({
      kind: 'unverified',
      // A rubric with `parties`: the result is the parties' scores (the engine puts them where the self-assessment would be).
      text: result.parties ? `未经抽查核实：本结果为各评分方（${result.parties.map((p) => p.name).join('、')}）的评分，未经抽查核实` : '未经抽查核实：本结果为站点自评，未经第三方抽查核实',
    });
  else out.push({ kind: 'verified', text: '已经第三方抽查核实：抽查得分取代自评得分' });
  if (result.items.some((i) => i.inflated) || result.flags.some((f) => f.code.startsWith('INFLATED'))) {
    const n = result.items.filter((i) => i.inflated).length;
    out.push({
      kind: 'inflated',
      text: `自评虚高：${n} 个项目自评得分超出抽查得分的允许偏差${result.penalty > 0 ? `，扣减 ${formatScore(result.penalty, rubric.data.precision)} 分` : ''}`,
    });
  }
  if (rubric.data.illustrative) out.push({ kind: 'illustrative', text: `说明：${rubric.data.illustrative}` });
  return out;
}

/** The shortfalls standing between the station and the next level, as lines. */
export function nextStarLines(result: StationResult): string[] {
  if (!result.nextStar) return [];
  return result.nextStar.needs.map((n) => n.message);
}

/** First 8 hex digits of the rubric's sha256. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 8);
}

/** Item path without the item itself: "基础建设 › 场所设施". */
export function itemPathText(rubric: LoadedRubric, itemId: string): string {
  const info = rubric.index.itemsById.get(itemId);
  if (!info) return '';
  return info.pathNames.slice(0, -1).join(' › ');
}

/** Items with a self − spot deviation other than 0, largest absolute deviation first, then document order. */
export function deviatingItems(result: StationResult): ItemResult[] {
  const indexed = result.items.map((item, i) => ({ item, i }));
  return indexed
    .filter(({ item }) => item.deviation !== null && item.deviation !== 0)
    .sort((a, b) => {
      const d = new Big(Math.abs(must(b.item.deviation))).cmp(Math.abs(must(a.item.deviation)));
      return d !== 0 ? d : a.i - b.i;
    })
    .map(({ item }) => item);
}

/** True when the station was spot-checked (the deviation sheet and section exist). */
export function isSpotChecked(result: StationResult): boolean {
  return result.spotTotal !== null || result.items.some((i) => i.spot !== null || i.spotInput !== undefined);
}

/**
 * The totals of a result in words, the same in every report (docs/result-format.md
 * § Totals): `parties` — "自评 1024.0 / 抽查 1020.0（均超过满分，按 1000 计）· 偏差 +4.0";
 * `steps` — how the final total follows from the scored sum, one phrase per step that
 * changed it ("超过满分，按 1000.0 计 −20.0").
 */
export interface TotalsText {
  /** "自评 1024.0 / 抽查 1020.0（…）· 偏差 +4.0"; for an unchecked station "自评 831.0（未经抽查）". */
  parties: string;
  /** Only the self and spot parts with their notes, without the deviation. */
  self: string;
  spot: string;
  deviation: string;
  /** Phrases for each step from start to total, e.g. "虚高扣分 −26.0". Empty when nothing changed. */
  steps: string[];
  /** "核定 831.0 → 虚高扣分 −26.0 → 最终 805.0"; "最终 805.0" when nothing changed. */
  chain: string;
}

export function totalsText(result: StationResult, digits: number, lang: 'zh' | 'en' = 'zh'): TotalsText {
  const en = lang === 'en';
  const max = result.maxTotal;
  const f = (v: number | null) => formatScore(v, digits, '—');
  const over = (v: number | null) => v !== null && v > max;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- results saved by earlier versions have no totalSteps
  const unchecked = result.totalSteps?.unchecked;
  const selfOver = over(result.selfTotal);
  const spotOver = over(result.spotTotal);
  const capNote = (both: boolean) => (en ? `${both ? 'both above' : 'above'} the maximum, counted as ${formatScore(max, 0)}` : `${both ? '均' : ''}超过满分，按 ${formatScore(max, 0)} 计`);
  const uncheckedNote =
    unchecked && unchecked.items.length > 0
      ? en
        ? `incl. ${unchecked.items.length} unchecked item(s) at the self score ${f(unchecked.points)}`
        : `含未抽查的${unchecked.bonusItems.length === unchecked.items.length ? '加分项' : '项目'} ${unchecked.items.length} 项按自评计 ${f(unchecked.points)}`
      : '';
  // A rubric with `parties`: the self side is the parties' merged scores (评分方合计).
  const selfLabel = result.parties ? (en ? 'parties' : '评分方合计') : en ? 'self' : '自评';
  const L = en ? { self: selfLabel, spot: 'spot check', dev: 'deviation', unverified: 'not spot-checked' } : { self: selfLabel, spot: '抽查', dev: '偏差', unverified: '未经抽查' };
  let self = `${L.self} ${f(result.selfTotal)}`;
  let spot = result.spotTotal === null ? '' : `${L.spot} ${f(result.spotTotal)}`;
  const paren = (notes: string[]) => (notes.length === 0 ? '' : en ? ` (${notes.join('; ')})` : `（${notes.join('；')}）`);
  if (result.spotTotal !== null && selfOver && spotOver) {
    spot += paren([capNote(true), uncheckedNote].filter(Boolean));
  } else {
    if (selfOver) self += paren([capNote(false)]);
    if (result.spotTotal !== null) spot += paren([spotOver ? capNote(false) : '', uncheckedNote].filter(Boolean));
  }
  if (result.spotTotal === null) self += paren([L.unverified]);
  const deviation = result.deviation === null ? '' : `${L.dev} ${formatDeviation(result.deviation, digits)}`;
  // After a full-width bracket no space is needed: "（…）· 偏差", "（…）/ 抽查".
  const parties = [spot ? `${self} / ${spot}` : self, deviation]
    .filter(Boolean)
    .join(' · ')
    .replace(/） (?=[·/])/g, '）');

  const steps: string[] = [];
  const bonusName = en ? 'bonus' : '加分项';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- results saved by earlier versions have no totalSteps
  for (const s of result.totalSteps?.steps ?? []) {
    const d = formatDeviation(s.delta, digits).replace(/^-/, '−');
    if (s.code === 'BONUS_CAP') steps.push(en ? `${bonusName} capped at ${f(s.limit ?? null)} ${d}` : `${bonusName}超过上限，按 ${f(s.limit ?? null)} 计 ${d}`);
    else if (s.code === 'PENALTY') steps.push(en ? `inflation penalty ${d}` : `自评虚高扣分 ${d}`);
    else if (s.code === 'CLAMP_MAX') steps.push(en ? `above the maximum, counted as ${f(s.limit ?? null)} ${d}` : `超过满分，按 ${f(s.limit ?? null)} 计 ${d}`);
    else if (s.code === 'CLAMP_ZERO') steps.push(en ? `raised to 0 ${d}` : `不低于 0 分 ${d}`);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a result saved by another version may carry a step code this one does not know
    else if (s.code === 'VETO_ZERO') {
      const v = result.vetoes.find((x) => x.id === s.vetoId);
      steps.push(en ? `veto${v ? ` ${v.name}` : ''}: total 0` : `一票否决${v ? `「${v.name}」` : ''}，总分计 0`);
    }
  }
  const startLabel = en ? 'scored' : result.verified ? '核定' : result.parties ? '评分方合计' : '自评';
  const finalLabel = en ? 'final' : '最终';
  const chain = steps.length === 0 ? `${finalLabel} ${f(result.total)}` : [`${startLabel} ${f(result.totalSteps.start)}`, ...steps, `${finalLabel} ${f(result.total)}`].join(' → ');
  return { parties, self, spot, deviation, steps, chain };
}

/** "申报等级：二星级" when the station named the level it applies for. */
export function targetLine(result: StationResult, rubric: LoadedRubric, en = false): string | undefined {
  if (result.targetLevel === undefined) return undefined;
  const name = rubric.data.stars.levels.find((l) => l.level === result.targetLevel)?.name ?? String(result.targetLevel);
  return en ? `Applied for: ${name}` : `申报等级：${name}`;
}

/** One line per checked 必备项: "✓ 一星级 入住率不低于30%（55）", "✗ 三星级 …（10，须 13）". */
export function prerequisiteLines(result: StationResult, rubric: LoadedRubric): string[] {
  const nameOf = (level: number) => rubric.data.stars.levels.find((l) => l.level === level)?.name ?? String(level);
  return (result.prerequisites ?? []).map((p) => {
    const found = p.found === null ? '未填写' : typeof p.found === 'boolean' ? (p.found ? '是' : '否') : String(p.found);
    const need = p.params.need ?? p.params.atLeast ?? p.params.minPoints;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the parameters come from saved JSON, where a value may be null
    return `${p.met ? '✓' : '✗'} ${nameOf(p.level)} ${p.name}（${found}${!p.met && need !== undefined && need !== null ? `，须 ${need}` : ''}）`;
  });
}

/**
 * The report number (报告编号), stable for a station, a rubric and a year:
 * `<rubric id>-<year>-<station code>`, or, for a station without a code, the
 * first 8 hex digits (upper case) of sha256("<county>|<station name>") in its
 * place; `0000` for a missing year. E.g. `fujian-style-2022-5D0C1A7B`.
 */
export function reportNumber(result: StationResult): string {
  const s = result.station;
  const year = s.year === undefined || s.year === '' ? '0000' : String(s.year).trim();
  const code = s.code?.trim()
    ? s.code.trim()
    : createHash('sha256')
        .update(`${s.county ?? ''}|${s.name}`)
        .digest('hex')
        .slice(0, 8)
        .toUpperCase();
  return `${result.rubric.id}-${year}-${code}`;
}

/**
 * What a party entered, in words: a checklist's condition ids ("a, b, c") as
 * their labels ("接待区、个案工作室、小组活动室"); every other input as it is.
 */
export function inputText(rubric: LoadedRubric, itemId: string, input: string | undefined): string {
  if (!input) return '';
  const rule = rubric.index.itemsById.get(itemId)?.rule;
  if (!rule || (rule.kind !== 'checklist' && rule.kind !== 'checklist-deduction')) return input;
  // checklist-deduction: "a, b 扣 2 分" — the ids in words, the assessor's deduction as entered.
  const at = rule.kind === 'checklist-deduction' ? input.indexOf(DEDUCTION_SEPARATOR) : -1;
  const ticks = at < 0 ? input : input.slice(0, at);
  const deduction = at < 0 ? '' : input.slice(at);
  const labels = new Map(rule.conditions.map((c, i) => [conditionId(c, i), c.label]));
  const parts = ticks.split(/,\s*/);
  if (!parts.every((p) => labels.has(p))) return input;
  return `${parts.map((p) => must(labels.get(p))).join('、')}${deduction}`;
}

/** One row of the self / spot comparison (page 1 of the station PDF, the station workbook). */
export interface ComparisonRow {
  kind: 'module' | 'bonus' | 'sum' | 'step' | 'total';
  label: string;
  max: number | null;
  self: number | null;
  spot: number | null;
  deviation: number | null;
  final: number | null;
}

/**
 * The comparison of the parties, rows that add up on their face: modules, the
 * bonus items (before the cap), the sum before any cap (= selfTotal, spotTotal,
 * deviation, totalSteps.start), each step that changed it, and the final total.
 */
export function comparisonRows(result: StationResult, rubric: LoadedRubric, lang: 'zh' | 'en' = 'zh'): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const verified = result.spotTotal !== null;
  const sum = (xs: (number | null)[]) => xs.reduce((a: Big, x) => a.plus(x ?? 0), new Big(0));
  for (const m of result.modules) {
    rows.push({ kind: 'module', label: m.name, max: m.max, self: m.self, spot: verified ? m.spot : null, deviation: verified ? m.deviation : null, final: m.final });
  }
  const bonus = rubric.data.bonus;
  if (bonus) {
    const selfB = result.selfTotal === null ? null : Number(new Big(result.selfTotal).minus(sum(result.modules.map((m) => m.self))).toString());
    const spotB = result.spotTotal === null ? null : Number(new Big(result.spotTotal).minus(sum(result.modules.map((m) => m.spot))).toString());
    const finalB = Number(new Big(result.totalSteps.start).minus(result.baseTotal).toString());
    rows.push({
      kind: 'bonus',
      label: lang === 'en' ? `${bonus.name} (cap ${bonus.cap})` : `${bonus.name}（上限 ${bonus.cap}）`,
      max: bonus.cap,
      self: selfB,
      spot: spotB,
      deviation: selfB !== null && spotB !== null ? Number(new Big(selfB).minus(spotB).toString()) : null,
      final: finalB,
    });
  }
  rows.push({
    kind: 'sum',
    label: lang === 'en' ? 'sum before any cap' : '合计（封顶前）',
    max: result.maxTotal,
    self: result.selfTotal,
    spot: result.spotTotal,
    deviation: result.deviation,
    final: result.totalSteps.start,
  });
  const phrases = totalsText(result, rubric.data.precision, lang).steps;
  result.totalSteps.steps.forEach((s, i) => {
    rows.push({ kind: 'step', label: phrases[i].replace(/\s[+−-][\d.]+$/, ''), max: null, self: null, spot: null, deviation: null, final: s.delta });
  });
  rows.push({ kind: 'total', label: lang === 'en' ? 'final total' : '最终得分', max: result.maxTotal, self: null, spot: null, deviation: null, final: result.total });
  return rows;
}
