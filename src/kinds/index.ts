/**
 * The registry of scoring kinds: one module per kind (src/kinds/<kind>.ts),
 * looked up by the rule's `kind`. Add a kind here and in the zod schema
 * (src/rubric/schema.ts); the compiler then asks for every part of it.
 */
import type { ScoringRule } from '../rubric/schema.js';
import type { KindDef, KindItem, RuleOf } from './types.js';
import { assessedDeduction } from './assessed-deduction.js';
import { boolean } from './boolean.js';
import { checklist } from './checklist.js';
import { checklistDeduction } from './checklist-deduction.js';
import { choice } from './choice.js';
import { control } from './control.js';
import { count } from './count.js';
import { deduction } from './deduction.js';
import { graded } from './graded.js';
import { range } from './range.js';
import { tiers } from './tiers.js';
import { value } from './value.js';

export type { InputShape, KindDef, RuleChecker } from './types.js';
export { conditionId } from './common.js';
export { DEDUCTION_SEPARATOR } from './checklist-deduction.js';

export const KINDS: { [K in ScoringRule['kind']]: KindDef<RuleOf<K>> } = {
  range,
  boolean,
  choice,
  checklist,
  tiers,
  count,
  deduction,
  'assessed-deduction': assessedDeduction,
  'checklist-deduction': checklistDeduction,
  graded,
  control,
  value,
};

/** The kind module of a rule, typed for any rule (each module only ever sees rules of its own kind). */
export function kindOf(rule: ScoringRule): KindDef {
  return KINDS[rule.kind];
}

/** The kind module of an item. */
export function kindOfItem(item: KindItem<ScoringRule>): KindDef {
  return kindOf(item.rule);
}
