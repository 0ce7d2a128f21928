/**
 * Self-assessment versus spot check (自评 vs 第三方抽查).
 *
 * - `authoritativeParty`: which party's entry counts for an item — the
 *   rubric's authority where it is not blank, else the other party.
 * - `reconcile`: deviations (self − spot) per item, module and total over the
 *   items both parties scored with numbers; tolerances; inflated self-scores
 *   (deviation strictly greater than the tolerance); and the effects: penalty
 *   (deductFactor × excess, rounded half up to the rubric's precision) and a
 *   star cap.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { Tolerance } from '../rubric/schema.js';
import type { Flag } from './types.js';
import type { Party } from './entry-error.js';
import { Big, ZERO, big, maxBig, roundHalfUp, sumBig, toNumber } from './decimal.js';
import { itemRef } from './item-points.js';
import { flag } from './flag.js';
import { must } from '../util/must.js';

/** The party whose entry counts: the authority unless it left the item blank. */
export function authoritativeParty(authority: Party, selfBlank: boolean, spotBlank: boolean): Party | null {
  const other: Party = authority === 'spot' ? 'self' : 'spot';
  const blank = { self: selfBlank, spot: spotBlank };
  if (!blank[authority]) return authority;
  if (!blank[other]) return other;
  return null;
}

export interface ReconcileItem {
  item: ItemInfo;
  /** Self points, or null when blank / N/A. */
  self: Big | null;
  /** Spot points, or null when not checked / blank / N/A. */
  spot: Big | null;
}

export interface Reconciliation {
  /** Item id → self − spot, for items both parties scored with numbers. */
  itemDeviations: Map<string, Big>;
  /** Module id → Σ item deviations of the module (absent when no item of it was scored by both). */
  moduleDeviations: Map<string, Big>;
  /** Σ item deviations (bonus items included), null when no item was scored by both. */
  totalDeviation: Big | null;
  inflatedItems: Set<string>;
  inflatedModules: Set<string>;
  inflatedTotal: boolean;
  /** Any scope inflated. */
  inflated: boolean;
  /** The excess over tolerance the penalty is computed from. */
  excess: Big;
  /** deductFactor × excess, rounded half up to the rubric's precision; 0 without a factor. */
  penalty: Big;
  /** onInflation.maxStars when inflated. */
  starCap: number | null;
  flags: Flag[];
}

/** The tolerance in points for a scope maximum: the larger of points and percent when both are given. */
export function toleranceFor(tolerances: readonly Tolerance[], scope: Tolerance['scope'], max: Big): Big | null {
  const matching = tolerances.filter((t) => t.scope === scope);
  if (matching.length === 0) return null;
  let best: Big | null = null;
  for (const t of matching) {
    const candidates: Big[] = [];
    if (t.points !== undefined) candidates.push(big(t.points));
    if (t.percent !== undefined) candidates.push(max.times(t.percent).div(100));
    const value = candidates.length === 0 ? ZERO : candidates.reduce(maxBig);
    best = best === null ? value : maxBig(best, value);
  }
  return best;
}

/**
 * Module and total deviations computed from the parties' subtotals (self − spot on the
 * same basis, see score-station.ts); when given they replace the Σ of item deviations,
 * so the deviation tested against the tolerance is the one the reports show.
 */
export interface SubtotalDeviations {
  modules: Map<string, Big>;
  total: Big | null;
}

export function reconcile(rubric: LoadedRubric, items: readonly ReconcileItem[], subtotals?: SubtotalDeviations): Reconciliation {
  const rec = rubric.data.reconciliation;
  const tolerances = rec.tolerance;
  const flags: Flag[] = [];
  const emit = rec.onInflation.flag;

  const itemDeviations = new Map<string, Big>();
  const moduleDeviations = new Map<string, Big>();
  for (const { item, self, spot } of items) {
    if (self === null || spot === null) continue;
    const d = self.minus(spot);
    itemDeviations.set(item.id, d);
    if (!item.bonus) moduleDeviations.set(item.moduleId, (moduleDeviations.get(item.moduleId) ?? ZERO).plus(d));
  }
  let totalDeviation = itemDeviations.size > 0 ? sumBig(itemDeviations.values()) : null;
  if (subtotals) {
    moduleDeviations.clear();
    for (const [id, d] of subtotals.modules) moduleDeviations.set(id, d);
    totalDeviation = subtotals.total;
  }

  // Item scope.
  const inflatedItems = new Set<string>();
  let itemExcess = ZERO;
  const hasItemTol = tolerances.some((t) => t.scope === 'item');
  if (hasItemTol) {
    for (const { item, self, spot } of items) {
      const d = itemDeviations.get(item.id);
      if (d === undefined) continue;
      const tol = toleranceFor(tolerances, 'item', big(item.points)) ?? ZERO;
      if (d.gt(tol)) {
        inflatedItems.add(item.id);
        itemExcess = itemExcess.plus(d.minus(tol));
        if (emit) {
          const params = { item: itemRef(item), self: toNumber(must(self)), spot: toNumber(must(spot)), deviation: toNumber(d), tolerance: toNumber(tol) };
          flags.push(flag('INFLATED_ITEM', 'FLAG_INFLATED_ITEM', params, { itemId: item.id }));
        }
      }
    }
  }

  // Module scope.
  const inflatedModules = new Set<string>();
  let moduleExcess = ZERO;
  const hasModuleTol = tolerances.some((t) => t.scope === 'module');
  if (hasModuleTol) {
    for (const module of rubric.data.modules) {
      const d = moduleDeviations.get(module.id);
      if (d === undefined) continue;
      const tol = toleranceFor(tolerances, 'module', big(module.points)) ?? ZERO;
      if (d.gt(tol)) {
        inflatedModules.add(module.id);
        moduleExcess = moduleExcess.plus(d.minus(tol));
        if (emit) {
          flags.push(flag('INFLATED_MODULE', 'FLAG_INFLATED_MODULE', { module: module.name, deviation: toNumber(d), tolerance: toNumber(tol) }, { moduleId: module.id }));
        }
      }
    }
  }

  // Total scope.
  let inflatedTotal = false;
  let totalExcess = ZERO;
  const totalTol = toleranceFor(tolerances, 'total', big(rubric.data.total));
  if (totalTol !== null && totalDeviation !== null && totalDeviation.gt(totalTol)) {
    inflatedTotal = true;
    totalExcess = totalDeviation.minus(totalTol);
    if (emit) {
      flags.push(flag('INFLATED_TOTAL', 'FLAG_INFLATED_TOTAL', { deviation: toNumber(totalDeviation), tolerance: toNumber(totalTol) }));
    }
  }

  const inflated = inflatedItems.size > 0 || inflatedModules.size > 0 || inflatedTotal;
  const excess = hasItemTol ? itemExcess : hasModuleTol ? moduleExcess : totalExcess;
  const factor = rec.onInflation.deductFactor;
  const penalty = inflated && factor !== undefined ? roundHalfUp(excess.times(factor), rubric.data.precision) : ZERO;
  const starCap = inflated && rec.onInflation.maxStars !== undefined ? rec.onInflation.maxStars : null;
  return {
    itemDeviations,
    moduleDeviations,
    totalDeviation,
    inflatedItems,
    inflatedModules,
    inflatedTotal,
    inflated,
    excess,
    penalty,
    starCap,
    flags,
  };
}
