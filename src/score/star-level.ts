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
import type { PrerequisiteCheckWords } from '../problems/messages/engine.js';
import type { RubricData, StarLevel, VetoEffect } from '../rubric/schema.js';
import type { NextStar, Shortfall } from './types.js';
import { renderStar, star, type LevelRef, type StarMessage, type TotalPhrase } from '../problems/star-messages.js';
import { Big, big, divRoundHalfUp, fmt, roundHalfUp } from './decimal.js';
import { quotaMessage, type QuotaOutcome } from './apply-quota.js';
import { must } from '../util/must.js';

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
  prerequisites?: { level: number; met: boolean; itemId: string; check: PrerequisiteCheckWords }[];
  /** The applied-for level (申报等级), when the station named one. */
  targetLevel?: number;
  /** When the rubric scales the total: `total` above is the scaled total, and this is what it came from. */
  scaledFrom?: { total: Big; divideBy: number; name: string };
  /** The quota decisions for this station, highest level first (applyQuotas, in `batch`); absent = not applied yet. */
  quotas?: readonly QuotaOutcome[];
}

export interface StarDecision {
  stars: number | null;
  starName: string | null;
  starReason: string;
  starReasonEn: string;
  nextStar: NextStar | null;
  /** The level reached has a quota that was not applied (one station alone): provisional. */
  quotaProvisional: boolean;
  /** The levels the station meets within its gates and caps, highest first, quotas it lost aside (what the quota cascade needs). */
  eligible: number[];
}

/** A failed condition: the short reason and the need (for nextStar), as catalogue messages. */
interface Failure {
  kind: Shortfall['kind'];
  reason: StarMessage;
  need: StarMessage;
  points?: Big;
  moduleId?: string;
  itemId?: string;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function starLevel(rubric: Pick<RubricData, 'stars' | 'reconciliation'> & Partial<Pick<RubricData, 'scale'>>, facts: StarFacts): StarDecision {
  const stars = rubric.stars;
  const levels = [...stars.levels].sort((a, b) => a.level - b.level); // ascending
  const inclusive = stars.boundary === 'inclusive';
  const before = stars.rounding.apply === 'before';
  const digits = stars.rounding.digits;
  const compared = before ? roundHalfUp(facts.total, digits) : facts.total;
  const rounded = before && !compared.eq(facts.total);
  const T = fmt(facts.total);
  const sf = facts.scaledFrom;
  // With a scale factor the levels compare the scaled total (总得分 78.5（总分 785 ÷ 10）).
  const total: TotalPhrase = {
    total: T,
    ...(sf ? { scaled: { name: sf.name, from: fmt(sf.total), divideBy: fmt(sf.divideBy) } } : {}),
    ...(rounded ? { rounded: fmt(compared) } : {}),
  };
  const nameOf = (n: number) => levels.find((l) => l.level === n)?.name ?? `${CN_DIGITS[n] ?? n}星级`;
  const ref = (l: StarLevel): LevelRef => ({ level: l.level, name: l.name });
  const capRef = (cap: number): LevelRef | null => (cap > 0 ? { level: cap, name: nameOf(cap) } : null);

  const totalOk = (l: StarLevel) => (inclusive ? compared.gte(l.minTotal) : compared.gt(l.minTotal));
  const okPhrase = (l: StarLevel): StarMessage => star('OK', { total, inclusive, min: fmt(l.minTotal) });

  /** Raw total needed for a level (accounts for the boundary and rounding before comparing). */
  const totalNeed = (l: StarLevel): Failure => {
    const min = big(l.minTotal);
    let short: Big;
    let need: StarMessage;
    if (before) {
      const unit = new Big(10).pow(-digits);
      const half = unit.div(2);
      const steps = min.div(unit);
      const r = inclusive ? steps.round(0, Big.roundUp).times(unit) : steps.round(0, Big.roundDown).plus(1).times(unit);
      short = r.minus(half).minus(facts.total);
      need = star('NEED_TOTAL_ROUNDED', { total, short: fmt(short), digits, inclusive, min: fmt(min) });
    } else if (inclusive) {
      short = min.minus(facts.total);
      need = star('NEED_TOTAL', { total, short: fmt(short), min: fmt(min) });
    } else {
      short = min.minus(facts.total);
      need = star('NEED_TOTAL_ABOVE', { total, short: fmt(short), positive: short.gt(0), min: fmt(min) });
    }
    return { kind: 'total', reason: star('FAIL_TOTAL', { total, inclusive, level: ref(l), min: fmt(min) }), need, points: short };
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
          reason: star('FAIL_MODULE_PERCENT', { module: m.name, percent: pct, level: ref(l), min: fmt(min.percent) }),
          need: star('NEED_MODULE_PERCENT', { module: m.name, short: fmt(short), level: ref(l), min: fmt(min.percent), needPoints: fmt(needPts), now: fmt(m.final) }),
        });
      }
      if (min.points !== undefined && m.final.lt(min.points)) {
        const short = big(min.points).minus(m.final);
        out.push({
          kind: 'module',
          moduleId: m.id,
          points: short,
          reason: star('FAIL_MODULE_POINTS', { module: m.name, now: fmt(m.final), level: ref(l), min: fmt(min.points) }),
          need: star('NEED_MODULE_POINTS', { module: m.name, short: fmt(short), level: ref(l), min: fmt(min.points), now: fmt(m.final) }),
        });
      }
    }
    if (l.requires.controls) {
      for (const c of facts.controlsUnmet) {
        const text = star('CONTROL', { id: c.id, name: c.name, blank: c.blank });
        out.push({ kind: 'control', itemId: c.id, reason: text, need: text });
      }
    }
    if (l.requires.noVeto) {
      for (const v of facts.vetoes.filter((v) => v.effect === 'zero-total')) {
        const text = star('VETO', { name: v.name });
        out.push({ kind: 'veto', reason: text, need: text });
      }
    }
    for (const p of facts.prerequisites ?? []) {
      if (p.level !== l.level || p.met) continue;
      const text = star('PREREQUISITE', { level: ref(l), check: p.check });
      out.push({ kind: 'prerequisite', itemId: p.itemId, reason: text, need: text });
    }
    const lost = l.quota ? facts.quotas?.find((q) => q.level === l.level && q.status === 'lost') : undefined;
    if (lost) {
      const quota = quotaMessage(lost);
      out.push({ kind: 'quota', reason: star('QUOTA_LOST', { level: ref(l), quota }), need: star('QUOTA_NEED', { level: ref(l), quota }) });
    }
    if (l.requires.verified && !facts.verified) {
      const text = star('NEEDS_SPOT', { level: ref(l) });
      out.push({ kind: 'verified', reason: text, need: text });
    }
    return out;
  };

  // Global gates: no level at all while they hold.
  const gates: Failure[] = [];
  for (const v of facts.vetoes.filter((v) => v.effect === 'no-star')) {
    gates.push({ kind: 'veto', reason: star('GATE_VETO', { name: v.name }), need: star('GATE_VETO_NEED', { name: v.name }) });
  }
  if (!facts.complete) {
    const blank = { count: facts.blankItems.length, ids: facts.blankItems };
    gates.push({ kind: 'complete', reason: star('GATE_INCOMPLETE', blank), need: star('GATE_INCOMPLETE_NEED', blank) });
  }
  if (rubric.reconciliation.requireVerifiedForStars && !facts.verified) {
    gates.push({ kind: 'verified', reason: star('GATE_UNVERIFIED', {}), need: star('GATE_UNVERIFIED_NEED', {}) });
  }

  // The applied-for level (申报等级).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a rubric built in code (rubricFromData) may leave out what the schema defaults
  const targetMode = stars.target ?? 'none';
  const targetLevel = facts.targetLevel;
  if (targetMode !== 'none' && targetLevel !== undefined && !levels.some((l) => l.level === targetLevel)) {
    gates.push({ kind: 'target', reason: star('GATE_TARGET_UNKNOWN', { target: targetLevel }), need: star('GATE_TARGET_UNKNOWN_NEED', { levels: levels.map(ref) }) });
  } else if (targetMode === 'required' && targetLevel === undefined) {
    gates.push({ kind: 'target', reason: star('GATE_TARGET_MISSING', {}), need: star('GATE_TARGET_MISSING_NEED', {}) });
  }

  // Caps.
  const caps: { cap: number; kind: Shortfall['kind']; message: StarMessage }[] = [];
  if (targetMode !== 'none' && targetLevel !== undefined && levels.some((l) => l.level === targetLevel)) {
    caps.push({ cap: targetLevel, kind: 'target', message: star('CAP_TARGET', { target: { level: targetLevel, name: nameOf(targetLevel) } }) });
  }
  for (const v of facts.vetoes.filter((v) => v.effect === 'cap-star')) {
    const cap = v.maxStars ?? 0;
    caps.push({ cap, kind: 'veto', message: star('CAP_VETO', { name: v.name, cap: capRef(cap) }) });
  }
  if (facts.inflationCap !== null) {
    const cap = facts.inflationCap;
    caps.push({ cap, kind: 'inflation', message: star('CAP_INFLATION', { cap: capRef(cap) }) });
  }
  const cap = caps.length > 0 ? Math.min(...caps.map((c) => c.cap)) : Infinity;

  const checks = levels.map((l) => ({ level: l, failures: levelFailures(l) }));
  const passing = checks.filter((c) => c.failures.length === 0).map((c) => c.level);
  const top = passing.length > 0 ? passing[passing.length - 1] : null; // highest passing, uncapped
  const capped = passing.filter((l) => l.level <= cap);
  const chosen = gates.length > 0 ? null : capped.length > 0 ? capped[capped.length - 1] : null;

  // ── Reason ──
  let reason: StarMessage;
  const joinFailures = (l: StarLevel, fs: Failure[]): StarMessage => {
    const tf = fs.find((f) => f.kind === 'total');
    const others = fs.filter((f) => f.kind !== 'total').map((f) => f.reason);
    return tf ? star('FAILURES', { total: tf.reason, others }) : star('FAILURES', { ok: okPhrase(l), others });
  };
  const achieved = (l: StarLevel): StarMessage => {
    const moduleRule = l.moduleMinimum !== undefined || (l.moduleMinimums !== undefined && Object.keys(l.moduleMinimums).length > 0);
    const overlap = levels.find((o) => o.level < l.level && o.maxTotal !== undefined && totalOk(o) && compared.lte(o.maxTotal));
    return star('ACHIEVED', {
      ok: okPhrase(l),
      moduleRule,
      level: ref(l),
      ...(overlap ? { overlap: { level: ref(overlap), min: fmt(overlap.minTotal), max: fmt(must(overlap.maxTotal)) } } : {}),
    });
  };

  /** Quotas lost on the way down to the level shown (五星级 lost, then 四星级 lost, → 三星级): those above it, highest first. */
  const lostAbove = (shown: number): StarMessage[] =>
    [...(facts.quotas ?? [])]
      .filter((q) => q.status === 'lost' && q.level > shown)
      .sort((a, b) => b.level - a.level)
      .flatMap((q) => {
        const l = levels.find((x) => x.level === q.level);
        return l ? [star('QUOTA_LOST', { level: ref(l), quota: quotaMessage(q) })] : [];
      });

  if (gates.length > 0) {
    reason = star('PARTS', { parts: gates.map((g) => g.reason) });
  } else if (top === null) {
    const lowest = checks[0];
    const failures = joinFailures(lowest.level, lowest.failures);
    const lost = lostAbove(lowest.level.level);
    reason = star('NO_LEVEL', {
      failures: lost.length > 0 ? star('PARTS', { parts: [...lost, failures] }) : failures,
      ...(stars.noLevelName ? { noLevelName: stars.noLevelName } : {}),
    });
  } else {
    const parts: StarMessage[] = [];
    const above = checks.find((c) => c.level.level > top.level);
    if (above) parts.push(...lostAbove(above.level.level), joinFailures(above.level, above.failures));
    parts.push(achieved(top));
    reason = star('PARTS', { parts });
    if (chosen !== top) {
      const binding = caps.filter((c) => c.cap === cap);
      reason = star('CAPPED', { reason, caps: binding.map((c) => c.message), chosen: chosen ? ref(chosen) : null });
    }
  }

  // ── Quota of the level reached ──
  let quotaProvisional = false;
  if (chosen?.quota) {
    const granted = facts.quotas?.find((q) => q.level === chosen.level && q.status === 'granted');
    if (granted) {
      reason = star('QUOTA_GRANTED', { reason, quota: quotaMessage(granted) });
    } else {
      quotaProvisional = true;
      reason = star('QUOTA_PROVISIONAL', { reason, level: ref(chosen), percent: fmt(big(chosen.quota.share).times(100)) });
    }
  }

  // ── Next star ──
  const target = chosen === null ? levels[0] : levels.find((l) => l.level > chosen.level);
  let nextStar: NextStar | null = null;
  if (target) {
    const fs: Failure[] = [...gates, ...must(checks.find((c) => c.level === target)).failures];
    for (const c of caps) {
      if (c.cap < target.level) fs.push({ kind: c.kind, reason: c.message, need: c.message });
    }
    nextStar = {
      level: target.level,
      name: target.name,
      needs: fs.map((f) => ({
        kind: f.kind,
        message: renderStar(f.need, 'zh'),
        messageEn: renderStar(f.need, 'en'),
        ...(f.points !== undefined ? { points: Number(f.points.toString()) } : {}),
        ...(f.moduleId !== undefined ? { moduleId: f.moduleId } : {}),
        ...(f.itemId !== undefined ? { itemId: f.itemId } : {}),
      })),
    };
  }

  return {
    stars: chosen ? chosen.level : null,
    starName: chosen ? chosen.name : null,
    starReason: renderStar(reason, 'zh'),
    starReasonEn: renderStar(reason, 'en'),
    nextStar,
    quotaProvisional,
    eligible: gates.length > 0 ? [] : capped.map((l) => l.level).reverse(),
  };
}
