/**
 * Per-level prerequisites (必备项): each level of the rubric may list
 * conditions on items — met (是), points reached, a measured value reached, or
 * a ratio of two values (护理员与全护理服务对象配备比例不低于1:8; 每200名老年人
 * 至少配有1名专职社会工作者，不足200人按200人计算). Pure: the item facts in,
 * each check with its numbers out; star-level.ts turns unmet ones into reasons.
 */
import type { Prerequisite, StarLevel } from '../rubric/schema.js';
import type { PrerequisiteResult } from './types.js';
import { Big, big, fmt, maxBig, toNumber } from './decimal.js';

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
  /** The check in words, with its numbers: 必备项「…」：10 人 < 11.25（90 ÷ 8）. */
  text: { zh: string; en: string };
}

const NONE: ItemFact = { met: null, points: null, value: null, integer: false };

function check(level: StarLevel, p: Prerequisite, factOf: (id: string) => ItemFact | undefined): PrerequisiteCheck {
  const f = factOf(p.item) ?? NONE;
  const head = { zh: `必备项「${p.name}」`, en: `prerequisite "${p.name}"` };
  const base = { level: level.level, name: p.name, itemId: p.item };
  const blank = { zh: '未填写', en: 'not entered' };
  if (p.met) {
    const met = f.met === true;
    const found = f.met === null ? blank : f.met ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
    return {
      result: { ...base, code: 'PREREQ_MET', met, found: f.met, params: {} },
      text: { zh: `${head.zh}：${found.zh}`, en: `${head.en}: ${found.en}` },
    };
  }
  if (p.minPoints !== undefined) {
    const met = f.points !== null && f.points.gte(p.minPoints);
    const found = f.points === null ? blank.zh : `${fmt(f.points)} 分`;
    return {
      result: { ...base, code: 'PREREQ_POINTS', met, found: f.points === null ? null : toNumber(f.points), params: { minPoints: p.minPoints } },
      text: {
        zh: `${head.zh}：${found} ${met ? '≥' : f.points === null ? '，须' : '<'} ${fmt(p.minPoints)} 分`,
        en: `${head.en}: ${f.points === null ? blank.en : fmt(f.points)} ${met ? '≥' : f.points === null ? ', needs' : '<'} ${fmt(p.minPoints)}`,
      },
    };
  }
  if (p.atLeast !== undefined) {
    const met = f.value !== null && f.value.gte(p.atLeast);
    return {
      result: { ...base, code: 'PREREQ_AT_LEAST', met, found: f.value === null ? null : toNumber(f.value), params: { atLeast: p.atLeast } },
      text: {
        zh: `${head.zh}：${f.value === null ? blank.zh : fmt(f.value)} ${met ? '≥' : f.value === null ? '，须 ≥' : '<'} ${fmt(p.atLeast)}`,
        en: `${head.en}: ${f.value === null ? blank.en : fmt(f.value)} ${met ? '≥' : f.value === null ? ', needs ≥' : '<'} ${fmt(p.atLeast)}`,
      },
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
      text: {
        zh: `${head.zh}：${f.value === null ? `${p.item} 未填写` : `${per.item} 未填写`}，无法核对 1:${fmt(per.count)}`,
        en: `${head.en}: ${f.value === null ? p.item : per.item} not entered; 1:${fmt(per.count)} cannot be checked`,
      },
    };
  }
  const effective = per.minimum !== undefined ? maxBig(b, big(per.minimum)) : b;
  const raised = !effective.eq(b);
  const exact = effective.div(per.count);
  const need = f.integer ? exact.round(0, Big.roundUp) : exact;
  const met = f.value.times(per.count).gte(effective);
  params.need = toNumber(need);
  const baseZh = raised ? `${fmt(b)}（不足 ${fmt(minimum)} 按 ${fmt(minimum)} 计）` : fmt(b);
  const baseEn = raised ? `${fmt(b)} (counted as ${fmt(minimum)})` : fmt(b);
  const needZh = need.eq(exact) ? fmt(need) : `${fmt(exact)}，即 ${fmt(need)}`;
  return {
    result: { ...base, code: 'PREREQ_RATIO', met, found: toNumber(f.value), params },
    text: {
      zh: `${head.zh}：${fmt(f.value)} ${met ? '≥' : '<'} ${needZh}（${baseZh} ÷ ${fmt(per.count)}）`,
      en: `${head.en}: ${fmt(f.value)} ${met ? '≥' : '<'} ${fmt(need)} (${baseEn} ÷ ${fmt(per.count)})`,
    },
  };
}

/** Every prerequisite of every level, checked, in level order. */
export function checkPrerequisites(levels: readonly StarLevel[], factOf: (id: string) => ItemFact | undefined): PrerequisiteCheck[] {
  const out: PrerequisiteCheck[] = [];
  for (const l of [...levels].sort((a, b) => a.level - b.level)) for (const p of l.prerequisites ?? []) out.push(check(l, p, factOf));
  return out;
}
