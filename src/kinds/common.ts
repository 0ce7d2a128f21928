/** Small helpers shared by the kind modules. */
import Big from 'big.js';
import type { KindItem } from './types.js';
import type { ScoringRule } from '../rubric/schema.js';
import { ValueProblem, itemRef } from '../score/value-problem.js';
import type { NumberRole } from '../problems/messages/engine.js';
import { big, decimalsOf, toNumber, type Big as BigT } from '../score/decimal.js';

/** A number as written in template texts and formulas ("0.5", "25"). */
export function num(n: number): string {
  return new Big(n).toString();
}

/** A string literal in an Excel formula. */
export function q(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Key of a checklist condition in workbooks: its id, default a, b, c … */
export function conditionId(c: { id?: string }, i: number): string {
  return c.id ?? String.fromCharCode(97 + i);
}

/**
 * The conditions a 填报 ticks (checklist, checklist-deduction), by index: each
 * part matched by id, by id in any case, or by label; a part that names no
 * condition is refused with the conditions the item has.
 */
export function tickedConditions(item: { id: string; name: string }, ticked: readonly string[], conditions: readonly { id?: string; label: string }[]): Set<number> {
  const ids = conditions.map((c, i) => conditionId(c, i));
  const picked = new Set<number>();
  const unknown: string[] = [];
  for (const raw of ticked) {
    const key = raw.trim();
    if (key === '') continue;
    let i = ids.indexOf(key);
    if (i < 0) i = ids.findIndex((id) => id.toLowerCase() === key.toLowerCase());
    if (i < 0) i = conditions.findIndex((c) => c.label === key);
    if (i < 0) unknown.push(key);
    else picked.add(i);
  }
  if (unknown.length > 0) {
    throw new ValueProblem({ code: 'VALUE_NO_CONDITION', params: { item: itemRef(item), unknown, conditions: conditions.map((c, i) => ({ id: ids[i], label: c.label })) } });
  }
  return picked;
}

export function unitSuffix(unit: string | undefined): string {
  return unit ? ` ${unit}` : '';
}

export function finite(item: KindItem<ScoringRule>, n: number, role: NumberRole): BigT {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new ValueProblem({ code: 'VALUE_NOT_FINITE', params: { item: itemRef(item), role, value: String(n) } });
  }
  return big(n);
}

export function nonNegativeInteger(item: KindItem<ScoringRule>, n: number, role: NumberRole): BigT {
  const b = finite(item, n, role);
  if (b.lt(0) || !b.eq(b.round(0, Big.roundDown))) {
    throw new ValueProblem({ code: 'VALUE_NOT_WHOLE', params: { item: itemRef(item), role, value: toNumber(b) } });
  }
  return b;
}

/** Points typed directly: a finite number, ≥ 0, ≤ the item's points, within the rubric's precision. */
export function basicScore(item: KindItem<ScoringRule>, points: number, precision: number): BigT {
  const p = finite(item, points, 'score');
  const max = big(item.points);
  if (p.lt(0)) throw new ValueProblem({ code: 'VALUE_NEGATIVE', params: { item: itemRef(item), role: 'score', value: toNumber(p) } });
  if (p.gt(max)) throw new ValueProblem({ code: 'VALUE_ABOVE_MAX', params: { item: itemRef(item), value: toNumber(p), max: toNumber(max) } });
  if (decimalsOf(p) > precision) throw new ValueProblem({ code: 'VALUE_TOO_PRECISE', params: { item: itemRef(item), role: 'score', value: toNumber(p), precision } });
  return p;
}

/** Exact comparison of two rubric numbers. */
export function cmp(a: number, b: number): number {
  return new Big(a).cmp(b);
}

/** Exact sum of rubric numbers (0.1 + 0.2 = 0.3). */
export function sum(values: readonly number[]): number {
  return Number(values.reduce((acc, v) => acc.plus(v), new Big(0)).toString());
}

export function minus(a: number, b: number): number {
  return Number(new Big(a).minus(b).toString());
}

/**
 * A score typed directly must be one the item's rule can give (a tiers,
 * count, deduction or checklist item: 15 where the tiers give 0 / 12 / 20 is
 * impossible). `allowed` lists every such score; the message lists them.
 */
export function checkAttainable(item: KindItem<ScoringRule>, p: BigT, allowed: readonly BigT[], more = false): void {
  if (allowed.some((a) => a.eq(p))) return;
  const sorted = [...new Map(allowed.map((a) => [a.toString(), a])).values()].sort((a, b) => a.cmp(b));
  throw new ValueProblem({ code: 'VALUE_UNATTAINABLE', params: { item: itemRef(item), value: toNumber(p), allowed: sorted.slice(0, 12).map(toNumber), more: more || sorted.length > 12 } });
}

/** Scores of a sequence start, start+step, … clamped at `end` (reached within 10,000 steps, else as far as that). */
export function steps(start: BigT, step: BigT, end: BigT): BigT[] {
  const out: BigT[] = [];
  const up = step.gt(0);
  let p = start;
  for (let k = 0; k < 10_000; k++) {
    const clamped = up ? (p.gt(end) ? end : p) : p.lt(end) ? end : p;
    out.push(clamped);
    if (clamped.eq(end) || step.eq(0)) break;
    p = p.plus(step);
  }
  return out;
}
