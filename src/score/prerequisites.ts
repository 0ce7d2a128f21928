/**
 * Per-level prerequisites (必备项): each level of the rubric may list
 * conditions on items — met (是), points reached, a measured value reached, or
 * a ratio of two values (护理员与全护理服务对象配备比例不低于1:8; 每200名老年人
 * 至少配有1名专职社会工作者，不足200人按200人计算). Pure: the item facts in,
 * each check with its numbers out; star-level.ts turns unmet ones into reasons
 * (the words: prerequisiteText in src/problems/messages/engine.ts).
 */
import type { Prerequisite, StarLevel } from '../rubric/schema.js';
import type { PrerequisiteResult } from './types.js';
import { Big, big, maxBig, toNumber } from './decimal.js';
import type { PrerequisiteCheckWords } from '../problems/messages/engine.js';

/** What the engine knows of an item once the authoritative party is chosen. */
export interface ItemFact {
  /** Met / not met (boolean and control items); null when blank, N/A or not such an item. */
  met: boolean | null;
  /** Final points; null when blank or excluded. */
  points: Big | null;
  /** The measured value or count entered (tiers, count, value items); null otherwise. */
  value: Big | null;
  /** The tested item takes whole numbers (a count of people): the need of a ratio is rounded up. */
  integer: boolean;
}

export interface PrerequisiteCheck {
  result: PrerequisiteResult;
  /** The check as its sentence states it (必备项「…」：10 < 11.25（90 ÷ 8）): prerequisiteText renders it. */
  words: PrerequisiteCheckWords;
}

const NONE: ItemFact = { met: null, points: null, value: null, integer: false };

function check(level: StarLevel, p: Prerequisite, factOf: (id: string) => ItemFact | undefined): PrerequisiteCheck {
  const f = factOf(p.item) ?? NONE;
  const base = { level: level.level, name: p.name, itemId: p.item };
  if (p.met) {
    const met = f.met === true;
    return {
      result: { ...base, code: 'PREREQ_MET', met, found: f.met, params: {} },
      words: { test: 'met', name: p.name, found: f.met },
    };
  }
  if (p.minPoints !== undefined) {
    const met = f.points !== null && f.points.gte(p.minPoints);
    const found = f.points === null ? null : toNumber(f.points);
    return {
      result: { ...base, code: 'PREREQ_POINTS', met, found, params: { minPoints: p.minPoints } },
      words: { test: 'points', name: p.name, found, min: toNumber(big(p.minPoints)), met },
    };
  }
  if (p.atLeast !== undefined) {
    const met = f.value !== null && f.value.gte(p.atLeast);
    const found = f.value === null ? null : toNumber(f.value);
    return {
      result: { ...base, code: 'PREREQ_AT_LEAST', met, found, params: { atLeast: p.atLeast } },
      words: { test: 'at-least', name: p.name, found, min: toNumber(big(p.atLeast)), met },
    };
  }
  // A ratio: value × count ≥ max(base, minimum).
  const per = p.per;
  if (!per) throw new Error(`prerequisite "${p.name}" names no test (the validator refuses such a rubric)`);
  const minimum = per.minimum ?? 0;
  const b = factOf(per.item)?.value ?? null;
  const params: PrerequisiteResult['params'] = { count: per.count, baseItem: per.item, base: b === null ? null : toNumber(b), minimum: per.minimum ?? null };
  if (f.value === null || b === null) {
    return {
      result: { ...base, code: 'PREREQ_RATIO', met: false, found: f.value === null ? null : toNumber(f.value), params },
      words: { test: 'ratio-missing', name: p.name, missing: f.value === null ? p.item : per.item, count: toNumber(big(per.count)) },
    };
  }
  const effective = per.minimum !== undefined ? maxBig(b, big(per.minimum)) : b;
  const raised = !effective.eq(b);
  const exact = effective.div(per.count);
  const need = f.integer ? exact.round(0, Big.roundUp) : exact;
  const met = f.value.times(per.count).gte(effective);
  params.need = toNumber(need);
  return {
    result: { ...base, code: 'PREREQ_RATIO', met, found: toNumber(f.value), params },
    words: {
      test: 'ratio',
      name: p.name,
      found: toNumber(f.value),
      met,
      exact: toNumber(exact),
      need: toNumber(need),
      base: toNumber(b),
      ...(raised ? { raisedTo: toNumber(big(minimum)) } : {}),
      count: toNumber(big(per.count)),
    },
  };
}

/** Every prerequisite of every level, checked, in level order. */
export function checkPrerequisites(levels: readonly StarLevel[], factOf: (id: string) => ItemFact | undefined): PrerequisiteCheck[] {
  const out: PrerequisiteCheck[] = [];
  for (const l of [...levels].sort((a, b) => a.level - b.level)) for (const p of l.prerequisites ?? []) out.push(check(l, p, factOf));
  return out;
}
