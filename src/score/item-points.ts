/**
 * Points of one item from one party's raw entry. Pure: either the points
 * (exact), N/A (only when the item's policy allows it) or blank — or a
 * ValueProblem naming the item, the value and what was expected. What each
 * kind does with an entry lives in its module under src/kinds/.
 */
import type { ItemInfo } from '../rubric/model.js';
import type { EntryValue } from './types.js';
import { fmt } from './decimal.js';
import { basicScore, conditionId } from '../kinds/common.js';
import { kindOfItem } from '../kinds/index.js';
import { ValueProblem, itemRef, type ItemPoints } from './value-problem.js';

export { ValueProblem, itemRef, type ItemPoints };

/** Default condition ids of a checklist: a, b, c … */
export function checklistIds(item: ItemInfo): string[] {
  if (item.rule.kind !== 'checklist') return [];
  return item.rule.conditions.map((c, i) => conditionId(c, i));
}

/**
 * Points of `item` for one party's `value`. `precision` is the rubric's
 * number of decimals (points given directly may not have more).
 * Throws ValueProblem when the value is not allowed.
 */
export function itemPoints(item: ItemInfo, value: EntryValue, precision = 4): ItemPoints {
  const kind = kindOfItem(item);
  switch (value.kind) {
    case 'blank':
      return { kind: 'blank' };
    case 'na':
      if (item.na === 'forbid') {
        throw new ValueProblem({ code: 'VALUE_NA_FORBIDDEN', params: { item: itemRef(item) } });
      }
      return { kind: 'na', input: '不适用' };
    case 'points': {
      const p = basicScore(item, value.points, precision);
      kind.checkScore(item, p);
      const met = kind.metFromScore?.(item, p);
      return { kind: 'points', points: p, ...(met === undefined ? {} : { met }), input: fmt(p) };
    }
    default: {
      const points = kind.fromEntry(item, value, precision);
      if (points) return points;
      throw new ValueProblem({ code: 'VALUE_WRONG_KIND', params: { item: itemRef(item), rule: item.rule.kind, got: value.kind } });
    }
  }
}
