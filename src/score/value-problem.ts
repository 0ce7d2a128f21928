/**
 * What scoring one item from one party's entry yields — points, N/A or blank —
 * and the error an entry the item does not allow raises. Shared by the kind
 * modules (src/kinds) and the engine.
 */
import type { Big } from './decimal.js';
import type { ItemInfo } from '../rubric/model.js';
import type { ItemRef, ValueIssue } from '../problems/messages/engine.js';

export type ItemPoints =
  | {
      kind: 'points';
      points: Big;
      /** Control and boolean items: whether the condition was met. */
      met?: boolean;
      /** What was entered, for reports ("65 ㎡", "门外醒目", "a, c", "B 5.5"). */
      input: string;
      /** The measured value or count entered (tiers, count, value items): read by prerequisites and conditions. */
      value?: Big;
    }
  | {
      kind: 'na';
      input: string;
      /** Made not applicable by an applicability rule: excluded (module rescaled) whatever the item's N/A policy. */
      forced?: boolean;
    }
  | { kind: 'blank' };

/**
 * An entry the item does not allow: a code and its parameters (the item, the
 * value, what was expected); src/problems/messages/engine.ts has the words.
 */
export class ValueProblem extends Error {
  readonly issue: ValueIssue;
  constructor(issue: ValueIssue) {
    super(issue.code);
    this.issue = issue;
  }
}

/** The item as value problems name it. */
export function itemRef(item: Pick<ItemInfo, 'id' | 'name'>): ItemRef {
  return { id: item.id, name: item.name };
}
