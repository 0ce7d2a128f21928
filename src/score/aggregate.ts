/**
 * The one aggregation routine. Every subtotal of the result — intermediate
 * indicators, modules, the base total, the bonus pool, and the self / spot /
 * final variants of each — comes from `aggregate`, and the final total from
 * `combineTotal`, so module subtotals + bonus − penalty always equal the
 * total before clamping.
 *
 * Rules:
 * - An item's amount is exact points, or 'excluded' (N/A under the rescale
 *   policy). Callers pass blank items as 0 (or as their policy says).
 * - Intermediate nodes are plain sums, with the maximum of their applicable
 *   items (`applicableMax`); they are never rescaled.
 * - A module with excluded items is rescaled:
 *   round_half_up(Σ applicable × module max / Σ applicable max, precision).
 *   If every item of the module is excluded (0 of 0), the module scores its
 *   full max.
 * - The bonus pool is the plain sum of bonus items, capped at `bonus.cap`.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import type { RubricNode } from '../rubric/schema.js';
import { Big, ZERO, big, divRoundHalfUp, maxBig, minBig } from './decimal.js';

export type Amount = Big | 'excluded';

export interface Subtotal {
  id: string;
  name: string;
  /** Declared points of the node. */
  max: Big;
  /** Plain sum of the applicable items below. */
  sum: Big;
  /** Points of the applicable (not excluded) items below. */
  applicableMax: Big;
  /** The node's score: the sum, or for a module with excluded items the rescaled sum. */
  value: Big;
  rescaled: boolean;
  /** Every item below is excluded. */
  allExcluded: boolean;
  /** Depth: 0 for modules and top-level bonus nodes. */
  depth: number;
  isModule: boolean;
}

export interface Aggregate {
  /** Every non-leaf node (modules, indicators, bonus groups) in document order. */
  nodes: Subtotal[];
  modules: Subtotal[];
  /** Σ module values. */
  baseTotal: Big;
  /** Σ bonus items before the cap. */
  bonusRaw: Big;
  /** min(cap, bonusRaw). */
  bonus: Big;
}

export function aggregate(rubric: LoadedRubric, amountOf: (item: ItemInfo) => Amount): Aggregate {
  const precision = rubric.data.precision;
  const nodes: Subtotal[] = [];

  // Returns [sum, applicableMax, itemCount, excludedCount] of the subtree.
  const visit = (node: RubricNode, depth: number, isModule: boolean): [Big, Big, number, number] => {
    if (!node.children || node.children.length === 0) {
      const item = rubric.index.itemsById.get(node.id);
      if (!item || item.node !== node) return [ZERO, ZERO, 0, 0]; // a leaf without a rule (the validator reports it)
      const amount = amountOf(item);
      if (amount === 'excluded') return [ZERO, ZERO, 1, 1];
      return [amount, big(item.points), 1, 0];
    }
    const slot = nodes.length;
    nodes.push(undefined as unknown as Subtotal); // keep document order: parent before children
    let sum = ZERO;
    let applicableMax = ZERO;
    let count = 0;
    let excluded = 0;
    for (const child of node.children) {
      const [s, m, c, e] = visit(child, depth + 1, false);
      sum = sum.plus(s);
      applicableMax = applicableMax.plus(m);
      count += c;
      excluded += e;
    }
    const max = big(node.points);
    let value = sum;
    let rescaled = false;
    const allExcluded = count > 0 && excluded === count;
    if (isModule && excluded > 0) {
      rescaled = true;
      value = applicableMax.gt(0) ? divRoundHalfUp(sum.times(max), applicableMax, precision) : max;
    }
    nodes[slot] = { id: node.id, name: node.name, max, sum, applicableMax, value, rescaled, allExcluded, depth, isModule };
    return [sum, applicableMax, count, excluded];
  };

  const modules: Subtotal[] = [];
  let baseTotal = ZERO;
  for (const module of rubric.data.modules) {
    if (!module.children || module.children.length === 0) {
      // A module that is itself an item (unusual but allowed by the schema).
      const [s, m, c, e] = visit(module, 0, true);
      const max = big(module.points);
      const excludedAll = c > 0 && e === c;
      const sub: Subtotal = {
        id: module.id,
        name: module.name,
        max,
        sum: s,
        applicableMax: m,
        value: excludedAll ? max : s,
        rescaled: excludedAll,
        allExcluded: excludedAll,
        depth: 0,
        isModule: true,
      };
      nodes.push(sub);
      modules.push(sub);
      baseTotal = baseTotal.plus(sub.value);
      continue;
    }
    const slot = nodes.length;
    visit(module, 0, true);
    const sub = nodes[slot];
    modules.push(sub);
    baseTotal = baseTotal.plus(sub.value);
  }

  let bonusRaw = ZERO;
  for (const item of rubric.data.bonus?.items ?? []) {
    const [s] = visit(item, 0, false);
    bonusRaw = bonusRaw.plus(s);
  }
  const bonus = rubric.data.bonus ? minBig(bonusRaw, big(rubric.data.bonus.cap)) : ZERO;
  return { nodes, modules, baseTotal, bonusRaw, bonus };
}

export interface Totals {
  /** baseTotal + bonus − penalty, before clamping (may exceed maxTotal). */
  beforeClamp: Big;
  /** The total after clamping: never below 0; at most maxTotal when the rubric clamps. */
  total: Big;
  /** rubric total when clamped, else rubric total + bonus cap. */
  maxTotal: Big;
}

/** The total from an aggregate: the same arithmetic for self, spot and final. */
export function combineTotal(rubric: LoadedRubric, agg: Aggregate, penalty: Big = ZERO): Totals {
  const data = rubric.data;
  const beforeClamp = agg.baseTotal.plus(agg.bonus).minus(penalty);
  const maxTotal = data.clampTotal ? big(data.total) : big(data.total).plus(data.bonus?.cap ?? 0);
  let total = maxBig(beforeClamp, ZERO);
  if (data.clampTotal) total = minBig(total, maxTotal);
  return { beforeClamp, total, maxTotal };
}
