/**
 * Score one station: a validated rubric + the station's self-assessment and
 * (optionally) spot-check entries → its StationResult. Pure: no fs, no
 * workbooks, no terminal. Exact arithmetic (big.js) inside; plain numbers in
 * the result. Semantics are documented in docs/result-format.md.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import {
  RESULT_FORMAT_VERSION,
  type Entry,
  type Flag,
  type ItemResult,
  type ItemStatus,
  type ModuleResult,
  type NodeResult,
  type PartyEntries,
  type StationInput,
  type StationResult,
  type TotalStep,
  type TotalSteps,
  type VetoResult,
} from './types.js';
import { EntryError, entryProblem, type EntryProblem, type Party } from './entry-error.js';
import { itemPoints, itemRef, ValueProblem, type ItemPoints } from './item-points.js';
import { engineText, type EngineParams } from '../problems/messages/engine.js';
import { flag } from './flag.js';
import { aggregate, combineTotal, type Amount, type Subtotal } from './aggregate.js';
import { authoritativeParty, reconcile } from './reconcile.js';
import { starLevel } from './star-level.js';
import { scaleTotal } from './scale.js';
import { checkPrerequisites } from './prerequisites.js';
import { mergeParties } from './parties.js';
import type { QuotaOutcome } from './apply-quota.js';
import { applyApplicability, type ConditionOutcome } from './applicability.js';
import { Big, ZERO, big, divRoundHalfUp, toNumber, toNumberOrNull } from './decimal.js';
import { must } from '../util/must.js';

export interface ScoreOptions {
  /** Written to `result.tool`; the CLI passes TOOL from src/version.ts. */
  tool?: { name: string; version: string };
  /** The quota decisions for this station, highest level first, made by `batch` over the whole run (applyQuotas in apply-quota.ts). */
  quotas?: readonly QuotaOutcome[];
}

export const DEFAULT_TOOL = { name: 'station-eval', version: '0.0.0' } as const;

const BLANK: ItemPoints = { kind: 'blank' };

interface ItemState {
  item: ItemInfo;
  self: ItemPoints;
  spot: ItemPoints;
  selfEntry?: Entry;
  spotEntry?: Entry;
  /** The party whose entry counts (null: both blank). */
  party: Party | null;
  status: ItemStatus;
  /** Amount for the final aggregate. */
  amount: Amount;
  final: Big | null;
  met?: boolean | null;
  /** The authoritative party's entry. */
  chosen: ItemPoints;
  /** The applicability rule that decided the item, if one did. */
  condition?: ConditionOutcome;
}

/** A party scored something: at least one entry that is not blank. */
function scoredAnything(entries: PartyEntries | undefined): boolean {
  if (!entries) return false;
  return Object.values(entries.items).some((e) => e.value.kind !== 'blank');
}

/** Parse one party's entries, collecting problems. */
function readParty(rubric: LoadedRubric, party: Party, entries: PartyEntries | undefined, problems: EntryProblem[]): Map<string, ItemPoints> {
  const out = new Map<string, ItemPoints>();
  if (!entries) return out;
  const precision = rubric.data.precision;
  for (const item of rubric.index.items) {
    const entry = Object.prototype.hasOwnProperty.call(entries.items, item.id) ? entries.items[item.id] : undefined;
    if (!entry) continue;
    try {
      out.set(item.id, itemPoints(item, entry.value, precision));
    } catch (err) {
      if (!(err instanceof ValueProblem)) throw err;
      problems.push(entryProblem('ENTRY_INVALID', { itemId: item.id, party, value: err.issue }, entry.source));
    }
  }
  const unknown = Object.keys(entries.items)
    .filter((id) => !rubric.index.itemsById.has(id))
    .sort();
  for (const id of unknown) {
    problems.push(entryProblem('ENTRY_UNKNOWN_ITEM', { itemId: id, party }, entries.items[id].source));
  }
  const vetoIds = new Set(rubric.data.vetoes.map((v) => v.id));
  for (const id of Object.keys(entries.vetoes ?? {}).sort()) {
    if (!vetoIds.has(id)) {
      problems.push(entryProblem('ENTRY_UNKNOWN_VETO', { itemId: id, party }, undefined));
    }
  }
  return out;
}

function partyAmount(item: ItemInfo, p: ItemPoints): Amount {
  if (p.kind === 'points') return p.points;
  if (p.kind === 'na' && p.forced) return 'excluded';
  if (p.kind === 'na') return item.na === 'rescale' ? 'excluded' : big(item.points);
  return ZERO;
}

/** Σ of amounts, excluded ones left out. */
function sumAmounts(amounts: Amount[]): Big {
  let sum = ZERO;
  for (const a of amounts) if (a !== 'excluded') sum = sum.plus(a);
  return sum;
}

function percentOf(final: Big, max: Big): number {
  return max.gt(0) ? toNumber(divRoundHalfUp(final.times(100), max, 1)) : 0;
}

export function scoreStation(rubric: LoadedRubric, given: StationInput, options: ScoreOptions = {}): StationResult {
  const data = rubric.data;
  const authority: Party = data.reconciliation.authority;
  const problems: EntryProblem[] = [];
  // Several scoring parties: their entries merged by authority stand in for the self-assessment.
  const merged = data.parties ? mergeParties(rubric, given) : null;
  if (merged) problems.push(...merged.problems);
  const input: StationInput = merged ? { ...given, self: merged.entries } : given;
  const selfRead = readParty(rubric, 'self', input.self, problems);
  const spotRead = readParty(rubric, 'spot', input.spot, problems);
  if (problems.length > 0) throw new EntryError(problems);

  const verified = scoredAnything(input.spot);
  // ── Conditional applicability: each party's rules read its own answers (the spot check falls back to the self-assessment) ──
  const selfApplied = applyApplicability(rubric, selfRead, (id) => selfRead.get(id), input.station);
  const spotApplied = applyApplicability(rubric, spotRead, (id) => spotRead.get(id) ?? selfRead.get(id), input.station);
  for (const [id, o] of spotApplied.outcomes) {
    // A spot rule decided only by the self-assessment's answers, on an item the spot check left blank, is the self one: not the spot check's.
    if (!spotRead.has(id) && !spotRead.has(o.on)) {
      spotApplied.outcomes.delete(id);
      if (spotRead.has(id)) spotApplied.points.set(id, must(spotRead.get(id)));
      else spotApplied.points.delete(id);
    }
  }
  const selfPoints = selfApplied.points;
  const spotPoints = spotApplied.points;
  const selfScored = scoredAnything(input.self);
  const warnings: string[] = [];
  const warningsEn: string[] = [];
  const warn = <C extends keyof EngineParams>(code: C, params: EngineParams[C]) => {
    warnings.push(engineText(code, params, 'zh'));
    warningsEn.push(engineText(code, params, 'en'));
  };
  const flags: Flag[] = [];
  const blankItems: string[] = [];

  // ── Per item: which party counts, status, final ──
  const states: ItemState[] = rubric.index.items.map((item) => {
    const self = selfPoints.get(item.id) ?? BLANK;
    const spot = verified ? (spotPoints.get(item.id) ?? BLANK) : BLANK;
    const party = authoritativeParty(authority, self.kind === 'blank', spot.kind === 'blank');
    const chosen = party === 'self' ? self : party === 'spot' ? spot : BLANK;
    const state: ItemState = {
      item,
      self,
      spot,
      selfEntry: input.self.items[item.id],
      spotEntry: verified ? input.spot?.items[item.id] : undefined,
      party,
      status: 'scored',
      amount: ZERO,
      final: null,
      chosen,
    };
    const isControl = item.rule.kind === 'control';
    const decided = (party === 'spot' ? spotApplied : selfApplied).outcomes.get(item.id);
    if (decided) state.condition = decided;
    if (chosen.kind === 'na' && chosen.forced) {
      state.status = 'na-excluded';
      state.amount = 'excluded';
      if (isControl) state.met = null;
    } else if (chosen.kind === 'points') {
      state.final = chosen.points;
      state.amount = chosen.points;
      if (isControl) state.met = chosen.met ?? null;
    } else if (chosen.kind === 'na') {
      if (item.na === 'full') {
        state.status = 'na-full';
        state.final = big(item.points);
        state.amount = state.final;
      } else {
        state.status = 'na-excluded';
        state.amount = 'excluded';
      }
      if (isControl) state.met = null;
    } else if (item.bonus) {
      state.status = 'blank-zero'; // a blank bonus item is simply no bonus
      state.final = ZERO;
    } else if (data.defaults.blank === 'zero') {
      state.status = 'blank-zero';
      state.final = ZERO;
      if (isControl) state.met = null;
      warn('WARN_BLANK_ZERO', { item: itemRef(item) });
    } else {
      state.status = 'blank';
      if (isControl) state.met = null;
      blankItems.push(item.id);
    }
    return state;
  });
  const complete = blankItems.length === 0;
  for (const u of selfApplied.undecided) {
    const item = must(rubric.index.itemsById.get(u.itemId));
    warn('WARN_CONDITION_UNDECIDED', { item: itemRef(item), on: u.on });
  }

  // ── Aggregates: final, self, spot — one routine ──
  // The spot subtotals are on the same basis as the self ones: an item the spot
  // check left blank counts at its self-assessment, as it does in the final score.
  const byId = new Map(states.map((s) => [s.item.id, s]));
  const aggFinal = aggregate(rubric, (item) => must(byId.get(item.id)).amount);
  const aggSelf = aggregate(rubric, (item) => partyAmount(item, must(byId.get(item.id)).self));
  const spotBasis = (s: ItemState): ItemPoints => (s.spot.kind === 'blank' ? s.self : s.spot);
  const aggSpot = verified ? aggregate(rubric, (item) => partyAmount(item, spotBasis(must(byId.get(item.id))))) : null;
  const rawTotal = (agg: { baseTotal: Big; bonusRaw: Big }): Big => agg.baseTotal.plus(agg.bonusRaw);
  const selfRaw = selfScored ? rawTotal(aggSelf) : null;
  const spotRaw = aggSpot ? rawTotal(aggSpot) : null;
  const totalDeviation = selfRaw !== null && spotRaw !== null ? selfRaw.minus(spotRaw) : null;

  // A node's self / spot subtotal is null when that party scored nothing below it.
  const touched = (pick: (s: ItemState) => ItemPoints): Set<string> => {
    const out = new Set<string>();
    for (const s of states) {
      if (pick(s).kind === 'blank') continue;
      for (let id: string | undefined = s.item.id; id !== undefined; id = rubric.index.parentOf.get(id)) out.add(id);
    }
    return out;
  };
  const selfTouched = touched((s) => s.self);
  const spotTouched = touched((s) => s.spot);
  const selfSubs = new Map(aggSelf.nodes.map((n) => [n.id, n]));
  const spotSubs = aggSpot ? new Map(aggSpot.nodes.map((n) => [n.id, n])) : null;
  const moduleDeviations = new Map<string, Big>();
  if (spotSubs && selfScored) {
    for (const m of aggFinal.modules) {
      if (!spotTouched.has(m.id)) continue;
      moduleDeviations.set(m.id, must(selfSubs.get(m.id)).value.minus(must(spotSubs.get(m.id)).value));
    }
  }

  // ── Reconciliation ──
  const numberOf = (p: ItemPoints): Big | null => (p.kind === 'points' ? p.points : null);
  const rec = reconcile(
    rubric,
    states.map((s) => ({ item: s.item, self: numberOf(s.self), spot: verified ? numberOf(s.spot) : null })),
    { modules: moduleDeviations, total: totalDeviation },
  );

  const totals = combineTotal(rubric, aggFinal, rec.penalty);
  let total = totals.total;

  // ── Vetoes ──
  const vetoes: VetoResult[] = [];
  let zeroVeto: string | null = null;
  for (const v of data.vetoes) {
    const by: Party[] = [];
    if (input.self.vetoes?.[v.id] === true) by.push('self');
    if (verified && input.spot?.vetoes?.[v.id] === true) by.push('spot');
    if (by.length === 0) continue;
    vetoes.push({ id: v.id, name: v.name, effect: v.effect, ...(v.maxStars !== undefined ? { maxStars: v.maxStars } : {}), by });
    flags.push(flag('VETO', 'FLAG_VETO', { name: v.name, effect: v.effect, maxStars: v.maxStars ?? 0 }));
    if (v.effect === 'zero-total' && zeroVeto === null) zeroVeto = v.id;
  }
  if (zeroVeto !== null) total = ZERO;

  // ── How the total came about: start, then each step that changed it ──
  const steps: TotalStep[] = [];
  let running = rawTotal(aggFinal);
  const step = (code: TotalStep['code'], next: Big, extra: Partial<TotalStep> = {}) => {
    if (next.eq(running)) return;
    steps.push({ code, delta: toNumber(next.minus(running)), total: toNumber(next), ...extra });
    running = next;
  };
  step('BONUS_CAP', aggFinal.baseTotal.plus(aggFinal.bonus), { limit: data.bonus?.cap });
  step('PENALTY', running.minus(rec.penalty));
  if (running.lt(0)) step('CLAMP_ZERO', ZERO);
  if (data.clampTotal && running.gt(totals.maxTotal)) step('CLAMP_MAX', totals.maxTotal, { limit: toNumber(totals.maxTotal) });
  if (zeroVeto !== null) step('VETO_ZERO', ZERO, { vetoId: zeroVeto });
  if (!running.eq(total)) throw new Error(`internal: total steps end at ${running.toString()}, total is ${total.toString()}`);
  const uncheckedStates = verified ? states.filter((s) => s.spot.kind === 'blank' && s.self.kind !== 'blank') : [];
  const totalSteps: TotalSteps = {
    start: toNumber(rawTotal(aggFinal)),
    unchecked: verified
      ? {
          items: uncheckedStates.map((s) => s.item.id),
          bonusItems: uncheckedStates.filter((s) => s.item.bonus).map((s) => s.item.id),
          points: toNumber(sumAmounts(uncheckedStates.map((s) => partyAmount(s.item, s.self)))),
        }
      : null,
    steps,
  };

  // ── Flags ──
  if (!verified) flags.push(flag('UNVERIFIED', 'FLAG_UNVERIFIED', {}));
  if (!complete) flags.push(flag('INCOMPLETE', 'FLAG_INCOMPLETE', { count: blankItems.length }));
  const controlsUnmet = states
    .filter((s) => s.item.rule.kind === 'control' && (s.status === 'blank' || s.status === 'blank-zero' || s.met === false))
    .map((s) => ({ id: s.item.id, name: s.item.name, blank: s.status === 'blank' || s.status === 'blank-zero' }));
  for (const c of controlsUnmet) {
    flags.push(flag('CONTROL_NOT_MET', 'FLAG_CONTROL_NOT_MET', { id: c.id, name: c.name, blank: c.blank }, { itemId: c.id }));
  }
  flags.push(...rec.flags);
  if (rec.penalty.gt(0)) {
    flags.push(flag('INFLATION_PENALTY', 'FLAG_INFLATION_PENALTY', { points: toNumber(rec.penalty) }));
  }
  for (const m of aggFinal.modules) {
    if (m.allExcluded) warn('WARN_MODULE_ALL_NA', { module: m.name, max: toNumber(m.max) });
  }

  // ── Scale, stars ──
  const scale = data.scale;
  const scaled = scale ? { total: scaleTotal(total, scale), maxTotal: scaleTotal(totals.maxTotal, scale) } : null;
  const prereqs = data.stars.levels.some((l) => l.prerequisites?.length)
    ? checkPrerequisites(data.stars.levels, (id) => {
        const s = byId.get(id);
        if (!s) return undefined;
        const c = s.chosen;
        const r = s.item.rule;
        return {
          met: c.kind === 'points' && c.met !== undefined ? c.met : null,
          points: s.final,
          value: c.kind === 'points' ? (c.value ?? null) : null,
          integer: r.kind === 'count' || (r.kind === 'value' && r.integer),
        };
      })
    : [];
  const targetLevel = data.stars.target !== 'none' ? input.station.targetLevel : undefined;
  const decision = starLevel(data, {
    total: scaled ? scaled.total : total,
    ...(prereqs.length > 0 ? { prerequisites: prereqs.map((p) => ({ level: p.result.level, met: p.result.met, itemId: p.result.itemId, check: p.words })) } : {}),
    ...(targetLevel !== undefined ? { targetLevel } : {}),
    ...(scale ? { scaledFrom: { total, divideBy: scale.divideBy, name: scale.name } } : {}),
    modules: aggFinal.modules.map((m) => ({ id: m.id, name: m.name, final: m.value, max: m.max })),
    controlsUnmet,
    vetoes: vetoes.map((v) => ({ id: v.id, name: v.name, effect: v.effect, maxStars: v.maxStars })),
    verified,
    complete,
    blankItems,
    inflationCap: rec.starCap,
    ...(options.quotas ? { quotas: options.quotas } : {}),
  });
  // result.quota: the decision behind the level awarded (granted), else the last quota lost, else the provisional one.
  const decided = (options.quotas ?? []).filter((q) => data.stars.levels.some((l) => l.level === q.level && l.quota));
  const chosenLevel = decision.stars === null ? undefined : data.stars.levels.find((l) => l.level === decision.stars);
  const quota: StationResult['quota'] =
    decision.quotaProvisional && chosenLevel?.quota
      ? {
          level: chosenLevel.level,
          share: chosenLevel.quota.share,
          rounding: chosenLevel.quota.rounding,
          ties: chosenLevel.quota.ties,
          status: 'provisional',
          eligible: decision.eligible,
        }
      : (decided.find((q) => q.level === decision.stars && q.status === 'granted') ?? (decided.length > 0 ? { ...decided[decided.length - 1] } : undefined));
  if (quota?.status === 'provisional') {
    flags.push(flag('QUOTA_PROVISIONAL', 'FLAG_QUOTA_PROVISIONAL', { level: quota.level, levelName: decision.starName ?? '', percent: toNumber(big(quota.share).times(100)) }));
  }

  // ── Result ──
  const selfOf = (id: string) => (selfTouched.has(id) ? toNumberOrNull(selfSubs.get(id)?.value) : null);
  const spotOf = (id: string) => (spotSubs && spotTouched.has(id) ? toNumberOrNull(spotSubs.get(id)?.value) : null);
  const nodeResult = (n: Subtotal): NodeResult => ({
    id: n.id,
    name: n.name,
    max: toNumber(n.max),
    self: selfOf(n.id),
    spot: spotOf(n.id),
    final: toNumber(n.value),
    applicableMax: toNumber(n.applicableMax),
    rescaled: n.rescaled,
  });
  const modules: ModuleResult[] = aggFinal.modules.map((m) => ({
    ...nodeResult(m),
    percent: percentOf(m.value, m.max),
    deviation: toNumberOrNull(rec.moduleDeviations.get(m.id)),
  }));

  const items: ItemResult[] = states.map((s) => {
    const r: ItemResult = {
      id: s.item.id,
      name: s.item.name,
      moduleId: s.item.moduleId,
      bonus: s.item.bonus,
      max: s.item.points,
      self: toNumberOrNull(numberOf(s.self)),
      spot: toNumberOrNull(numberOf(s.spot)),
      final: toNumberOrNull(s.final),
      status: s.status,
      deviation: toNumberOrNull(rec.itemDeviations.get(s.item.id)),
      inflated: rec.inflatedItems.has(s.item.id),
    };
    if (s.self.kind !== 'blank') r.selfInput = s.self.input;
    if (s.spot.kind !== 'blank') r.spotInput = s.spot.input;
    if (s.item.rule.kind === 'control') r.met = s.met ?? null;
    if (s.condition) r.condition = { ...s.condition };
    if (merged && s.party === 'self' && s.final !== null && merged.partyOf.has(s.item.id)) r.party = merged.partyOf.get(s.item.id);
    if (s.selfEntry?.note) r.note = s.selfEntry.note;
    if (s.spotEntry?.note) r.reason = s.spotEntry.note;
    return r;
  });

  return {
    formatVersion: RESULT_FORMAT_VERSION,
    tool: { ...(options.tool ?? DEFAULT_TOOL) },
    station: { ...input.station },
    rubric: {
      id: data.id,
      version: data.version,
      title: data.title,
      sha256: rubric.sha256,
      ...(rubric.file !== undefined ? { file: rubric.file } : {}),
    },
    total: toNumber(total),
    maxTotal: toNumber(totals.maxTotal),
    baseTotal: toNumber(aggFinal.baseTotal),
    bonus: toNumber(aggFinal.bonus),
    penalty: toNumber(rec.penalty),
    selfTotal: toNumberOrNull(selfRaw),
    spotTotal: toNumberOrNull(spotRaw),
    deviation: toNumberOrNull(totalDeviation),
    totalSteps,
    ...(scale && scaled ? { scaled: { name: scale.name, divideBy: scale.divideBy, total: toNumber(scaled.total), maxTotal: toNumber(scaled.maxTotal) } } : {}),
    stars: decision.stars,
    starName: decision.starName,
    ...(merged && data.parties
      ? {
          parties: data.parties.map((p) => {
            const counted = items.filter((i) => i.party === p.id);
            return {
              id: p.id,
              name: p.name,
              max: p.max ?? null,
              items: merged.itemsOf.get(p.id)?.length ?? 0,
              counted: counted.length,
              total: toNumber(sumAmounts(counted.map((i) => big(must(i.final))))),
            };
          }),
        }
      : {}),
    ...(prereqs.length > 0 ? { prerequisites: prereqs.map((p) => p.result) } : {}),
    ...(targetLevel !== undefined ? { targetLevel } : {}),
    ...(quota ? { quota } : {}),
    ...(decided.length > 1 ? { quotas: decided.map((q) => ({ ...q })) } : {}),
    starReason: decision.starReason,
    starReasonEn: decision.starReasonEn,
    nextStar: decision.nextStar,
    verified,
    complete,
    modules,
    nodes: aggFinal.nodes.map(nodeResult),
    items,
    vetoes,
    flags,
    warnings,
    warningsEn,
    blankItems,
  };
}
