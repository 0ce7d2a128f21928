import { describe, expect, test } from 'vitest';
import Big from 'big.js';
import { aggregate, combineTotal } from '../../src/score/aggregate.js';
import { rubric } from './helpers.js';

const r = rubric({
  total: 30,
  precision: 2,
  clampTotal: false,
  modules: [
    {
      id: '1',
      name: '基础',
      points: 20,
      children: [
        {
          id: '1.1',
          name: '甲',
          points: 12,
          children: [
            { id: '1.1.1', name: 'a', points: 7, scoring: { kind: 'range' } },
            { id: '1.1.2', name: 'b', points: 5, scoring: { kind: 'range' } },
          ],
        },
        { id: '1.2', name: '乙', points: 8, scoring: { kind: 'range' } },
      ],
    },
    { id: '2', name: '整体', points: 10, scoring: { kind: 'range' } },
  ],
  bonus: {
    cap: 4,
    items: [
      {
        id: 'B',
        name: '加分',
        points: 6,
        children: [
          { id: 'B.1', name: '表彰', points: 3, scoring: { kind: 'range' } },
          { id: 'B.2', name: '创新', points: 3, scoring: { kind: 'range' } },
        ],
      },
    ],
  },
});

describe('aggregate', () => {
  test('nodes in document order, parents first; a module that is itself an item; nested bonus groups', () => {
    const values: Record<string, number | 'excluded'> = { '1.1.1': 6.25, '1.1.2': 'excluded', '1.2': 8, '2': 9.5, 'B.1': 3, 'B.2': 2.5 };
    const agg = aggregate(r, (item) => {
      const v = values[item.id];
      return v === 'excluded' ? 'excluded' : new Big(v);
    });
    expect(agg.nodes.map((n) => n.id)).toEqual(['1', '1.1', '2', 'B']);
    const by = Object.fromEntries(agg.nodes.map((n) => [n.id, n]));
    // 1.1: plain sum 6.25 of applicable 7 (never rescaled)
    expect([by['1.1'].value.toString(), by['1.1'].applicableMax.toString(), by['1.1'].rescaled]).toEqual(['6.25', '7', false]);
    // module 1: 14.25 of 15 applicable → 14.25 × 20 / 15 = 19 exactly
    expect([by['1'].value.toString(), by['1'].applicableMax.toString(), by['1'].rescaled]).toEqual(['19', '15', true]);
    expect(by['2'].value.toString()).toBe('9.5');
    expect(agg.baseTotal.toString()).toBe('28.5');
    expect(agg.bonusRaw.toString()).toBe('5.5');
    expect(agg.bonus.toString()).toBe('4');
    const t = combineTotal(r, agg, new Big('0.75'));
    expect([t.beforeClamp.toString(), t.total.toString(), t.maxTotal.toString()]).toEqual(['31.75', '31.75', '34']);
  });
  test('never below 0', () => {
    const agg = aggregate(r, () => new Big(0));
    expect(combineTotal(r, agg, new Big(3)).total.toString()).toBe('0');
  });
});
