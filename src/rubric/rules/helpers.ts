/** Small helpers shared by the semantic rules: exact decimal arithmetic and labels. */
import Big from 'big.js';
import { walkNodes } from '../model.js';
import { KINDS } from '../../kinds/index.js';
import type { RubricNode, ScoringRule } from '../schema.js';
import type { NodeRef } from '../../problems/messages/rubric.js';

/** Exact sum of decimal numbers (0.1 + 0.2 = 0.3). */
export function sum(values: readonly number[]): number {
  return Number(values.reduce((acc, v) => acc.plus(v), new Big(0)).toString());
}

export function cmp(a: number, b: number): number {
  return new Big(a).cmp(b);
}

export function minus(a: number, b: number): number {
  return Number(new Big(a).minus(b).toString());
}

export function plus(a: number, b: number): number {
  return Number(new Big(a).plus(b).toString());
}

/** Number of decimal digits of a number as written (1.25 → 2). */
export function decimals(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const s = new Big(value).toFixed();
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** 10^-digits as a number (1 → 0.1). */
export function stepOf(digits: number): number {
  return Number(new Big(1).div(new Big(10).pow(digits)).toString());
}

/** A node as a message parameter: its id and name only. */
export function ref(node: Pick<RubricNode, 'id' | 'name'>): NodeRef {
  return { id: node.id, name: node.name };
}

/** Every node of modules and bonus with its data path. */
export function nodes(data: Parameters<typeof walkNodes>[0]) {
  return [...walkNodes(data)];
}

/** Every scorable leaf (a node with a rule and no children). */
export function leaves(data: Parameters<typeof walkNodes>[0]) {
  return nodes(data).filter((n): n is typeof n & { node: RubricNode & { scoring: ScoringRule } } => n.node.scoring !== undefined && !(n.node.children && n.node.children.length > 0));
}

/** Chinese name of each kind, from the kind modules (src/kinds). */
export const KIND_ZH = Object.fromEntries(Object.values(KINDS).map((k) => [k.kind, k.name[0]])) as Record<ScoringRule['kind'], string>;
