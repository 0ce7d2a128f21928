/**
 * The star level (星级认定) and why.
 *
 * A station gets the highest level whose conditions all hold — the total
 * against `minTotal` (boundary inclusive ≥ or exclusive >, after rounding the
 * total first when `rounding.apply` is `before`), the module minimums of the
 * level (compared exactly: final × 100 ≥ percent × max), the level's
 * requirements (control items met, no zero-total veto, verified) — provided
 * the global gates hold (no no-star veto, scoring complete, verified when the
 * rubric requires it); then caps apply (cap-star vetoes, the inflation cap):
 * the highest passing level not above the cap. `maxTotal` of a level is not a
 * condition here (the validator uses it for overlap and gap checks); when
 * bands overlap the higher level wins and the reason says so.
 */
import type { RubricData, StarLevel, VetoEffect } from '../rubric/schema.js';
import type { NextStar, Shortfall } from './types.js';
import { Big, big, divRoundHalfUp, fmt, roundHalfUp } from './decimal.js';

export interface StarFacts {
  /** The final total (after bonus, penalty, clamp and vetoes). */
  total: Big;
  modules: { id: string; name: string; final: Big; max: Big }[];
  /** Control items not met (blank counts as not met). */
  controlsUnmet: { id: string; name: string; blank: boolean }[];
  /** Triggered vetoes. */
  vetoes: { id: string; name: string; effect: VetoEffect; maxStars?: number }[];
  verified: boolean;
  /** False when blank items make the scoring incomplete (never under blank policy zero). */
  complete: boolean;
  blankItems: string[];
  /** onInflation.maxStars when the station was found inflated. */
  inflationCap: number | null;
  /** Checked 必备项 of every level (prerequisites.ts). */
  prerequisites?: { level: number; met: boolean; itemId: string; text: { zh: string; en: string } }[];
  /** The applied-for level (申报等级), when the station named one. */
  targetLevel?: number;
  /** When the rubric scales the total: `total` above is the scaled total, and this is what it came from. */
  scaledFrom?: { total: Big; divideBy: number; name: string };
}

export interface StarDecision {
  stars: number | null;
  starName: string | null;
  starReason: string;
  starReasonEn: string;
  nextStar: NextStar | null;
}

interface Text {
  zh: string;
  en: string;
}

/** A failed condition: the short reason and the need (for nextStar). */
interface Failure {
  kind: Shortfall['kind'];
  reason: Text;
  need: Text;
  points?: Big;
  moduleId?: string;
  itemId?: string;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function listIds(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join('、') : `${ids.slice(0, 5).join('、')} 等`;
}

function listIdsEn(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} …`;
}

export function starLevel(
  rubric: Pick<RubricData, 'stars' | 'reconciliation'> & Partial<Pick<RubricData, 'scale'>>,
  facts: StarFacts,
): StarDecision {
  const stars = rubric.stars;
  const levels = [...stars.levels].sort((a, b) => a.level - b.level); // ascending
  const inclusive = stars.boundary === 'inclusive';
  const before = stars.rounding.apply === 'before';
  const digits = stars.rounding.digits;
  const compared = before ? roundHalfUp(facts.total, digits) : facts.total;
  const rounded = before && !compared.eq(facts.total);
  const T = fmt(facts.total);
  const C = fmt(compared);
  const sf = facts.scaledFrom;
  // With a scale factor the levels compare the scaled total (总得分 78.5（总分 785 ÷ 10）).
  const L = sf ? sf.name : '总分';
  const LE = sf ? 'scaled total' : 'total';
  const from = sf ? { zh: `（总分 ${fmt(sf.total)} ÷ ${fmt(sf.divideBy)}）`, en: ` (total ${fmt(sf.total)} ÷ ${fmt(sf.divideBy)})` } : { zh: '', en: '' };
  const totalZh = rounded ? `${L} ${T}${from.zh} 按规则取整为 ${C}` : `${L} ${T}${from.zh}`;
  const totalEn = rounded ? `${LE} ${T}${from.en} rounded to ${C}` : `${LE} ${T}${from.en}`;
  const noLevel = stars.noLevelName ?? '未达到星级';
  const nameOf = (n: number) => levels.find((l) => l.level === n)?.name ?? `${CN_DIGITS[n] ?? n}星级`;
  const enName = (l: StarLevel) => `level ${l.level} (${l.name})`;

  const totalOk = (l: StarLevel) => (inclusive ? compared.gte(l.minTotal) : compared.gt(l.minTotal));
  const okPhrase = (l: StarLevel): Text => ({
    zh: `${totalZh} ${inclusive ? '≥' : '>'} ${fmt(l.minTotal)}`,
    en: `${totalEn} ${inclusive ? '≥' : '>'} ${fmt(l.minTotal)}`,
  });

  /** Raw total needed for a level (accounts for the boundary and rounding before comparing). */
  const totalNeed = (l: StarLevel): Failure => {
    const min = big(l.minTotal);
    let short: Big;
    let need: Text;
    if (before) {
      const unit = new Big(10).pow(-digits);
      const half = unit.div(2);
      const steps = min.div(unit);
      const r = inclusive ? steps.round(0, Big.roundUp).times(unit) : steps.round(0, Big.roundDown).plus(1).times(unit);
      short = r.minus(half).minus(facts.total);
      need = {
        zh: `${L}还差 ${fmt(short)} 分（取整到 ${digits} 位小数后须${inclusive ? '达到' : '高于'} ${fmt(min)}，目前 ${T}）`,
        en: `${LE} short by ${fmt(short)} (rounded to ${digits} decimals it must be ${inclusive ? 'at least' : 'above'} ${fmt(min)}; now ${T})`,
      };
    } else if (inclusive) {
      short = min.minus(facts.total);
      need = {
        zh: `${L}还差 ${fmt(short)} 分（须达到 ${fmt(min)}，目前 ${T}）`,
        en: `${LE} short by ${fmt(short)} (must reach ${fmt(min)}; now ${T})`,
      };
    } else {
      short = min.minus(facts.total);
      need = {
        zh: `${L}须高于 ${fmt(min)}（目前 ${T}${short.gt(0) ? `，差 ${fmt(short)} 分以上` : ''}）`,
        en: `${LE} must be above ${fmt(min)} (now ${T}${short.gt(0) ? `, more than ${fmt(short)} short` : ''})`,
      };
    }
    return {
      kind: 'total',
      reason: {
        zh: `${totalZh} ${inclusive ? '<' : '≤'} ${l.name}要求的 ${fmt(min)}`,
        en: `${totalEn} ${inclusive ? '<' : '≤'} ${fmt(min)} required for ${enName(l)}`,
      },
      need,
      points: short,
    };
  };

  /** Failures of a level's own conditions (total, modules, controls, zero-total veto, verified). */
  const levelFailures = (l: StarLevel): Failure[] => {
    const out: Failure[] = [];
    if (!totalOk(l)) out.push(totalNeed(l));
    for (const m of facts.modules) {
      const min = l.moduleMinimums?.[m.id] ?? l.moduleMinimum;
      if (!min) continue;
      if (min.percent !== undefined && m.final.times(100).lt(m.max.times(min.percent))) {
        const needPts = m.max.times(min.percent).div(100);
        const short = needPts.minus(m.final);
        const pct = m.max.gt(0) ? fmt(divRoundHalfUp(m.final.times(100), m.max, 1)) : '0';
        out.push({
          kind: 'module',
          moduleId: m.id,
          points: short,
          reason: {
            zh: `「${m.name}」得分率 ${pct}% < ${l.name}要求的 ${fmt(min.percent)}%`,
            en: `"${m.name}" ${pct}% < ${fmt(min.percent)}% required for ${enName(l)}`,
          },
          need: {
            zh: `「${m.name}」还差 ${fmt(short)} 分（${l.name}要求得分率 ≥ ${fmt(min.percent)}%，即 ${fmt(needPts)} 分；目前 ${fmt(m.final)}）`,
            en: `"${m.name}" short by ${fmt(short)} (${enName(l)} requires ≥ ${fmt(min.percent)}%, i.e. ${fmt(needPts)}; now ${fmt(m.final)})`,
          },
        });
      }
      if (min.points !== undefined && m.final.lt(min.points)) {
        const short = big(min.points).minus(m.final);
        out.push({
          kind: 'module',
          moduleId: m.id,
          points: short,
          reason: {
            zh: `「${m.name}」得分 ${fmt(m.final)} < ${l.name}要求的 ${fmt(min.points)} 分`,
            en: `"${m.name}" ${fmt(m.final)} < ${fmt(min.points)} required for ${enName(l)}`,
          },
          need: {
            zh: `「${m.name}」还差 ${fmt(short)} 分（${l.name}要求 ≥ ${fmt(min.points)} 分；目前 ${fmt(m.final)}）`,
            en: `"${m.name}" short by ${fmt(short)} (${enName(l)} requires ≥ ${fmt(min.points)}; now ${fmt(m.final)})`,
          },
        });
      }
    }
    if (l.requires.controls) {
      for (const c of facts.controlsUnmet) {
        const text = {
          zh: `控制项 ${c.id}「${c.name}」${c.blank ? '未评' : '未达标'}`,
          en: `control item ${c.id} "${c.name}" ${c.blank ? 'not assessed' : 'not met'}`,
        };
        out.push({ kind: 'control', itemId: c.id, reason: text, need: text });
      }
    }
    if (l.requires.noVeto) {
      for (const v of facts.vetoes.filter((v) => v.effect === 'zero-total')) {
        const text = { zh: `触发一票否决「${v.name}」`, en: `veto "${v.name}" triggered` };
        out.push({ kind: 'veto', reason: text, need: text });
      }
    }
    for (const p of facts.prerequisites ?? []) {
      if (p.level !== l.level || p.met) continue;
      out.push({
        kind: 'prerequisite',
        itemId: p.itemId,
        reason: { zh: `${l.name}${p.text.zh}`, en: `${enName(l)}: ${p.text.en}` },
        need: { zh: `${l.name}${p.text.zh}`, en: `${enName(l)}: ${p.text.en}` },
      });
    }
    if (l.requires.verified && !facts.verified) {
      const text = { zh: `${l.name}须经抽查核实，本站未经抽查`, en: `${enName(l)} requires a spot check; the station was not checked` };
      out.push({ kind: 'verified', reason: text, need: text });
    }
    return out;
  };

  // Global gates: no level at all while they hold.
  const gates: Failure[] = [];
  for (const v of facts.vetoes.filter((v) => v.effect === 'no-star')) {
    gates.push({
      kind: 'veto',
      reason: { zh: `一票否决：${v.name} → 不予评星`, en: `veto: ${v.name} → no star` },
      need: { zh: `触发一票否决「${v.name}」，不予评星`, en: `veto "${v.name}" triggered: no star` },
    });
  }
  if (!facts.complete) {
    const n = facts.blankItems.length;
    gates.push({
      kind: 'complete',
      reason: {
        zh: `有 ${n} 项未评分（${listIds(facts.blankItems)}）→ 评分不完整，不予评星`,
        en: `${n} item(s) not scored (${listIdsEn(facts.blankItems)}) → incomplete, no star`,
      },
      need: {
        zh: `补评 ${n} 项未评分项目（${listIds(facts.blankItems)}）`,
        en: `score the ${n} blank item(s) (${listIdsEn(facts.blankItems)})`,
      },
    });
  }
  if (rubric.reconciliation.requireVerifiedForStars && !facts.verified) {
    gates.push({
      kind: 'verified',
      reason: {
        zh: '未经抽查核实（本细则要求抽查核实后方可评星）→ 不予评星',
        en: 'not verified by a spot check (required for stars by this rubric) → no star',
      },
      need: { zh: '须经第三方抽查核实', en: 'must be verified by a spot check' },
    });
  }

  // The applied-for level (申报等级).
  const targetMode = stars.target ?? 'none';
  const targetLevel = facts.targetLevel;
  if (targetMode !== 'none' && targetLevel !== undefined && !levels.some((l) => l.level === targetLevel)) {
    gates.push({
      kind: 'target',
      reason: { zh: `申报等级 ${targetLevel} 不是本细则的等级 → 不予评定`, en: `the applied-for level ${targetLevel} is not a level of this rubric → no level` },
      need: { zh: `申报本细则的等级（${levels.map((l) => l.name).join('、')}）`, en: `apply for a level of this rubric (${levels.map((l) => l.level).join(', ')})` },
    });
  } else if (targetMode === 'required' && targetLevel === undefined) {
    gates.push({
      kind: 'target',
      reason: { zh: '未填写申报等级（本细则要求先申报等级）→ 不予评定', en: 'no applied-for level (required by this rubric) → no level' },
      need: { zh: '填写申报等级', en: 'name the level applied for' },
    });
  }

  // Caps.
  const caps: { cap: number; kind: Shortfall['kind']; zh: string; en: string }[] = [];
  if (targetMode !== 'none' && targetLevel !== undefined && levels.some((l) => l.level === targetLevel)) {
    caps.push({
      cap: targetLevel,
      kind: 'target',
      zh: `申报${nameOf(targetLevel)}，最高评${nameOf(targetLevel)}`,
      en: `applied for level ${targetLevel}: at most level ${targetLevel}`,
    });
  }
  for (const v of facts.vetoes.filter((v) => v.effect === 'cap-star')) {
    const cap = v.maxStars ?? 0;
    caps.push({
      cap,
      kind: 'veto',
      zh: `一票否决「${v.name}」${cap > 0 ? `限定最高${nameOf(cap)}` : '不予评星'}`,
      en: `veto "${v.name}" ${cap > 0 ? `caps the level at ${cap}` : 'allows no star'}`,
    });
  }
  if (facts.inflationCap !== null) {
    const cap = facts.inflationCap;
    caps.push({
      cap,
      kind: 'inflation',
      zh: `自评虚高超出容差，${cap > 0 ? `最高只能评${nameOf(cap)}` : '不予评星'}`,
      en: `self-assessment inflated beyond tolerance: ${cap > 0 ? `at most level ${cap}` : 'no star'}`,
    });
  }
  const cap = caps.length > 0 ? Math.min(...caps.map((c) => c.cap)) : Infinity;

  const checks = levels.map((l) => ({ level: l, failures: levelFailures(l) }));
  const passing = checks.filter((c) => c.failures.length === 0).map((c) => c.level);
  const top = passing.length > 0 ? passing[passing.length - 1] : null; // highest passing, uncapped
  const capped = passing.filter((l) => l.level <= cap);
  const chosen = gates.length > 0 ? null : capped.length > 0 ? capped[capped.length - 1] : null;

  // ── Reason ──
  let reason: Text;
  const joinFailures = (l: StarLevel, fs: Failure[]): Text => {
    const tf = fs.find((f) => f.kind === 'total');
    const others = fs.filter((f) => f.kind !== 'total');
    if (tf) {
      return {
        zh: [tf.reason.zh, ...others.map((f) => f.reason.zh)].join('，'),
        en: [tf.reason.en, ...others.map((f) => f.reason.en)].join(', '),
      };
    }
    const ok = okPhrase(l);
    return {
      zh: `${ok.zh}，但${others.map((f) => f.reason.zh).join('，')}`,
      en: `${ok.en} but ${others.map((f) => f.reason.en).join(', ')}`,
    };
  };
  const achieved = (l: StarLevel): Text => {
    const ok = okPhrase(l);
    const hasModuleRule = l.moduleMinimum !== undefined || (l.moduleMinimums && Object.keys(l.moduleMinimums).length > 0);
    let zh = `${ok.zh}${hasModuleRule ? ` 且各模块达到${l.name}要求` : ''}`;
    let en = `${ok.en}${hasModuleRule ? ` and every module meets ${enName(l)}` : ''}`;
    const overlap = levels.find(
      (o) => o.level < l.level && o.maxTotal !== undefined && totalOk(o) && compared.lte(o.maxTotal),
    );
    if (overlap) {
      zh += `（总分同时落在${overlap.name}区间 ${fmt(overlap.minTotal)}–${fmt(overlap.maxTotal!)}，区间重叠时取较高等级）`;
      en += ` (the total also lies in the band of ${enName(overlap)} ${fmt(overlap.minTotal)}–${fmt(overlap.maxTotal!)}; overlapping bands: the higher level wins)`;
    }
    return { zh: `${zh} → ${l.name}`, en: `${en} → ${enName(l)}` };
  };

  if (gates.length > 0) {
    reason = { zh: gates.map((g) => g.reason.zh).join('；'), en: gates.map((g) => g.reason.en).join('; ') };
  } else if (top === null) {
    const lowest = checks[0];
    const f = joinFailures(lowest.level, lowest.failures);
    reason = { zh: `${f.zh} → ${noLevel}`, en: `${f.en} → ${stars.noLevelName ? `${stars.noLevelName} (no level reached)` : 'no star level reached'}` };
  } else {
    const parts: Text[] = [];
    const above = checks.find((c) => c.level.level > top.level);
    if (above) parts.push(joinFailures(above.level, above.failures));
    parts.push(achieved(top));
    reason = { zh: parts.map((p) => p.zh).join('；'), en: parts.map((p) => p.en).join('; ') };
    if (chosen !== top) {
      const binding = caps.filter((c) => c.cap === cap);
      reason = {
        zh: `${reason.zh}；但${binding.map((c) => c.zh).join('，')} → ${chosen ? chosen.name : '不予评星'}`,
        en: `${reason.en}; but ${binding.map((c) => c.en).join(', ')} → ${chosen ? enName(chosen) : 'no star'}`,
      };
    }
  }

  // ── Next star ──
  const target = chosen === null ? levels[0] : levels.find((l) => l.level > chosen.level);
  let nextStar: NextStar | null = null;
  if (target) {
    const fs: Failure[] = [...gates, ...checks.find((c) => c.level === target)!.failures];
    for (const c of caps) {
      if (c.cap < target.level) fs.push({ kind: c.kind, reason: c, need: c });
    }
    nextStar = {
      level: target.level,
      name: target.name,
      needs: fs.map((f) => ({
        kind: f.kind,
        message: f.need.zh,
        messageEn: f.need.en,
        ...(f.points !== undefined ? { points: Number(f.points.toString()) } : {}),
        ...(f.moduleId !== undefined ? { moduleId: f.moduleId } : {}),
        ...(f.itemId !== undefined ? { itemId: f.itemId } : {}),
      })),
    };
  }

  return {
    stars: chosen ? chosen.level : null,
    starName: chosen ? chosen.name : null,
    starReason: reason.zh,
    starReasonEn: reason.en,
    nextStar,
  };
}

