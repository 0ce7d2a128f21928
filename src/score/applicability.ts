/**
 * Conditional applicability: an item's `applicability` rules look at another
 * item's answer (采取配餐方式的 / 未开展助餐服务的) or an attribute of the
 * station (街道 / 乡镇) and make the item not applicable, full or zero. Pure:
 * each party's entries in, the same entries with the rules applied out, and
 * for every item a rule decided, which rule and on what.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { Applicability, Condition } from '../rubric/schema.js';
import type { StationMeta } from './types.js';
import { big, fmt, type Big, ZERO } from './decimal.js';
import type { ItemPoints } from './value-problem.js';

/** What decided an item: the rule (its index), its outcome, what it looked at and what it found there. */
export interface ConditionOutcome {
  code: 'APPLIES_WHEN' | 'APPLIES_UNLESS';
  rule: number;
  then: Applicability['then'];
  /** The item id, or `station.<field>`. */
  on: string;
  /** The answer or station value found. */
  found: string;
}

/** The answer of an item as a condition reads it: labels (option, 是/否, grade, ticked ids) and the value entered. */
function answerOf(item: ItemInfo, p: ItemPoints): { labels: string[]; value: Big | null; text: string } | null {
  if (p.kind === 'blank') return null;
  if (p.kind === 'na') return { labels: ['不适用'], value: null, text: '不适用' };
  switch (item.rule.kind) {
    case 'choice':
      return { labels: [p.input], value: null, text: p.input };
    case 'boolean':
    case 'control':
      return p.met === undefined ? null : { labels: [p.met ? '是' : '否'], value: null, text: p.met ? '是' : '否' };
    case 'checklist':
      return { labels: p.input.split(/,\s*/).filter(Boolean), value: null, text: p.input || '无' };
    case 'graded':
      return { labels: [p.input.split(' ')[0]], value: null, text: p.input };
    default:
      return { labels: [], value: p.value ?? null, text: p.value !== undefined ? fmt(p.value) : p.input };
  }
}

/** true / false, or null when it cannot be told (the item was not answered, the station field is empty). */
function holds(c: Condition, rubric: LoadedRubric, answers: (id: string) => ItemPoints | undefined, station: StationMeta): { value: boolean | null; on: string; found: string } {
  if ('station' in c) {
    const v = (station[c.station] ?? '').trim();
    const on = `station.${c.station}`;
    if (v === '') return { value: null, on, found: '' };
    if (c.is) return { value: c.is.includes(v), on, found: v };
    return { value: (c.endsWith ?? []).some((e) => v.endsWith(e)), on, found: v };
  }
  const item = rubric.index.itemsById.get(c.item);
  const p = answers(c.item);
  const a = item && p ? answerOf(item, p) : null;
  if (!a) return { value: null, on: c.item, found: '' };
  if (c.atLeast !== undefined) return { value: a.value === null ? null : a.value.gte(c.atLeast), on: c.item, found: a.text };
  return { value: (c.is ?? []).some((x) => a.labels.includes(x)), on: c.item, found: a.text };
}

export interface Applied {
  points: Map<string, ItemPoints>;
  outcomes: Map<string, ConditionOutcome>;
  /** Items whose rules could not be decided (the condition's item blank, the station field empty). */
  undecided: { itemId: string; on: string }[];
}

/**
 * Apply every item's applicability rules to one party's points. `answers`
 * gives the answers the conditions read (the party's own; the spot check
 * falls back to the self-assessment where it left an item blank).
 */
export function applyApplicability(rubric: LoadedRubric, points: ReadonlyMap<string, ItemPoints>, answers: (id: string) => ItemPoints | undefined, station: StationMeta): Applied {
  const out = new Map(points);
  const outcomes = new Map<string, ConditionOutcome>();
  const undecided: Applied['undecided'] = [];
  for (const item of rubric.index.items) {
    const rules = item.node.applicability;
    if (!rules) continue;
    const unknown: string[] = [];
    for (const [i, rule] of rules.entries()) {
      const cond = rule.when ?? rule.unless;
      if (!cond) continue;
      const h = holds(cond, rubric, answers, station);
      if (h.value === null) {
        if (!unknown.includes(h.on)) unknown.push(h.on);
        continue;
      }
      const fires = rule.when ? h.value : !h.value;
      if (!fires) continue;
      const outcome: ConditionOutcome = { code: rule.when ? 'APPLIES_WHEN' : 'APPLIES_UNLESS', rule: i, then: rule.then, on: h.on, found: h.found };
      outcomes.set(item.id, outcome);
      const why = h.on.startsWith('station.') ? h.found : `${h.on}「${h.found}」`;
      if (rule.then === 'not-applicable') out.set(item.id, { kind: 'na', input: `不适用（${why}）`, forced: true });
      else if (rule.then === 'full') out.set(item.id, { kind: 'points', points: big(item.points), input: `满分（${why}）` });
      else out.set(item.id, { kind: 'points', points: ZERO, input: `0 分（${why}）` });
      break;
    }
    if (!outcomes.has(item.id)) for (const on of unknown) undecided.push({ itemId: item.id, on });
  }
  return { points: out, outcomes, undecided };
}

/** The rules in words, for the template's help and `rubric show`: 项目 4.1 为“配餐”时满分；… */
export function describeApplicability(rules: readonly Applicability[] | undefined): string {
  if (!rules || rules.length === 0) return '';
  const then = { 'not-applicable': '不适用', full: '得满分', zero: '得 0 分' } as const;
  const cond = (c: Condition): string => {
    if ('station' in c) {
      const field = { name: '站点名称', county: '所属县', township: '乡镇(街道)', operator: '运营机构', code: '站点编码' }[c.station];
      return c.is ? `${field}为“${c.is.join('”或“')}”` : `${field}以“${(c.endsWith ?? []).join('”或“')}”结尾`;
    }
    return c.atLeast !== undefined ? `项目 ${c.item} 不少于 ${c.atLeast}` : `项目 ${c.item} 为“${(c.is ?? []).join('”或“')}”`;
  };
  return rules
    .map((r) => (r.when ? `${cond(r.when)}时${then[r.then]}` : r.unless ? `除非${cond(r.unless)}，否则${then[r.then]}` : ''))
    .filter(Boolean)
    .join('；');
}
