/**
 * What scoring one item from one party's entry yields — points, N/A or blank —
 * and the error an entry the item does not allow raises. Shared by the kind
 * modules (src/kinds) and the engine.
 */
import type { Big } from './decimal.js';
import type { ItemInfo } from '../rubric/model.js';

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

/** An entry the item does not allow. Messages name the item. */
export class ValueProblem extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export function itemLabel(item: Pick<ItemInfo, 'id' | 'name'>): string {
  return `项目 ${item.id}「${item.name}」`;
}

export function itemLabelEn(item: Pick<ItemInfo, 'id' | 'name'>): string {
  return `item ${item.id} "${item.name}"`;
}
