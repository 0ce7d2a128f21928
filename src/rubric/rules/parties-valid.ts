import type { RubricRule } from './types.js';
import { partyItems } from '../parties.js';
import { leaves, ref, sum } from './helpers.js';
import { must } from '../../util/must.js';

/**
 * Several scoring parties: ids unique, every listed id names an item, indicator
 * or module, every scored item has a party, and a party's declared maximum
 * (points split by party) equals the points of the items it scores.
 */
export const partiesValid: RubricRule = {
  name: 'partiesValid',
  description: 'Scoring parties: unique ids, known items, every item scored by some party, each party maximum equals its items.',
  check(ctx) {
    const parties = ctx.data.parties;
    if (!parties) return;
    const seen = new Set<string>();
    const covered = new Set<string>();
    const points = new Map(leaves(ctx.data).map((l) => [l.node.id, l.node.points]));
    parties.forEach((party, i) => {
      const at = ['parties', i];
      if (seen.has(party.id)) {
        ctx.report({ path: [...at, 'id'], code: 'RUBRIC_PARTY_DUPLICATE', params: { id: party.id }, received: party.id });
      }
      seen.add(party.id);
      const { items, unknown } = partyItems(ctx.data, party);
      for (const id of unknown) {
        const k = must(party.items).indexOf(id);
        ctx.report({
          path: [...at, 'items', k],
          code: 'RUBRIC_PARTY_UNKNOWN_ITEM',
          params: { party: party.name, id },
          received: id,
          expected: 'an item, indicator or module id',
        });
      }
      for (const id of items) covered.add(id);
      if (party.max !== undefined) {
        const got = sum(items.map((id) => points.get(id) ?? 0));
        if (got !== party.max) {
          ctx.report({
            path: [...at, 'max'],
            code: 'RUBRIC_PARTY_MAX_MISMATCH',
            params: { party: party.name, max: party.max, items: items.length, total: got },
            received: party.max,
            expected: got,
          });
        }
      }
    });
    for (const leaf of leaves(ctx.data)) {
      if (covered.has(leaf.node.id)) continue;
      ctx.report({
        path: [...leaf.path, 'id'],
        code: 'RUBRIC_ITEM_NO_PARTY',
        params: { node: ref(leaf.node) },
        received: leaf.node.id,
        expected: 'listed in some party’s items',
      });
    }
  },
};
