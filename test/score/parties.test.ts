import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { scoreStation } from '../../src/score/score-station.js';
import { EntryError } from '../../src/score/entry-error.js';
import { blank, flatRubric, party, pts } from './helpers.js';
import type { StationInput } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

const GZ = fileURLToPath(new URL('../fixtures/rubrics/guangzhou-parties.yaml', import.meta.url));

const input = (parties: StationInput['parties']): StationInput => ({ station: { name: '测试站' }, self: party({}), parties });

describe('several scoring parties', () => {
  it('splits 1000 points by scorer: 700 / 200 / 100, each party its own items', async () => {
    const rubric = await loadRubric(GZ);
    const r = scoreStation(
      rubric,
      input({
        evaluator: party({ '1.1': pts(352.5), '1.2': pts(241) }),
        buyer: party({ '2.1': pts(110), '2.2': pts(72) }),
        supervisor: party({ '3.1': pts(55), '3.2': pts(36.5) }),
      }),
    );
    expect(r.total).toBe(867);
    expect(r.parties).toEqual([
      { id: 'evaluator', name: '第三方评估机构', max: 700, items: 2, counted: 2, total: 593.5 },
      { id: 'buyer', name: '采购方', max: 200, items: 2, counted: 2, total: 182 },
      { id: 'supervisor', name: '督导', max: 100, items: 2, counted: 2, total: 91.5 },
    ]);
    expect(r.items.map((i) => [i.id, i.final, i.party])).toEqual([
      ['1.1', 352.5, 'evaluator'],
      ['1.2', 241, 'evaluator'],
      ['2.1', 110, 'buyer'],
      ['2.2', 72, 'buyer'],
      ['3.1', 55, 'supervisor'],
      ['3.2', 36.5, 'supervisor'],
    ]);
    expect(r.modules.map((m) => m.final)).toEqual([593.5, 182, 91.5]);
    expect(r.complete).toBe(true);
  });

  it('takes the right-most authority that scored an item (self, expert group, committee)', () => {
    const rubric = flatRubric(
      [
        {
          id: 'm',
          items: [
            { id: 'a', points: 10 },
            { id: 'b', points: 10 },
            { id: 'c', points: 10 },
          ],
        },
      ],
      {
        parties: [
          { id: 'self', name: '自评' },
          { id: 'experts', name: '专家组' },
          { id: 'committee', name: '评估委员会' },
        ],
      },
    );
    const r = scoreStation(
      rubric,
      input({
        self: party({ a: pts(10), b: pts(9), c: pts(8) }),
        experts: party({ a: pts(8), b: pts(7), c: blank }),
        committee: party({ a: pts(6) }),
      }),
    );
    expect(r.items.map((i) => [i.id, i.final, i.party])).toEqual([
      ['a', 6, 'committee'],
      ['b', 7, 'experts'],
      ['c', 8, 'self'],
    ]);
    expect(r.total).toBe(21);
    expect(must(r.parties).map((p) => [p.id, p.items, p.counted, p.total])).toEqual([
      ['self', 3, 1, 8],
      ['experts', 3, 1, 7],
      ['committee', 3, 1, 6],
    ]);
  });

  it('refuses a score from a party that does not score the item, an unknown party and a self score beside the parties', async () => {
    const rubric = await loadRubric(GZ);
    let err: unknown;
    try {
      scoreStation(rubric, {
        station: { name: '测试站' },
        self: party({ '1.1': pts(1) }),
        parties: { buyer: party({ '1.1': pts(300) }), nobody: party({}) },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EntryError);
    expect((err as EntryError).problems.map((p) => [p.code, p.params.itemId])).toEqual([
      ['ENTRY_UNKNOWN_PARTY', 'nobody'],
      ['ENTRY_SELF_WITH_PARTIES', '1.1'],
      ['ENTRY_NOT_PARTY_ITEM', '1.1'],
    ]);
  });

  it('leaves results of rubrics without parties without a parties field', () => {
    const rubric = flatRubric([{ id: 'm', items: [{ id: 'a', points: 10 }] }]);
    const r = scoreStation(rubric, { station: { name: '测试站' }, self: party({ a: pts(7) }) });
    expect(r.parties).toBeUndefined();
    expect(r.items[0].party).toBeUndefined();
  });
});
