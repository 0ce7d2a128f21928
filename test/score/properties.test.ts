/**
 * Property tests over generated rubrics and entries:
 * - module finals + bonus − penalty = the total before clamping; the total steps
 *   lead from their start to the total; deviation = selfTotal − spotTotal;
 * - an N/A (rescale) item never counts in its module's numerator or denominator;
 * - raising one item's authoritative score never lowers the total or the stars
 *   (no tolerance configured, so reconciliation effects are held fixed);
 * - results do not depend on the order of the input entries, nor on the order
 *   of sibling items in the rubric (except the order of items[]).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Big from 'big.js';
import { scoreStation } from '../../src/score/score-station.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import type { EntryValue, PartyEntries, StationResult } from '../../src/score/types.js';
import { rubric } from './helpers.js';
import { must } from '../../src/util/must.js';

type Kind = 'range' | 'boolean' | 'choice' | 'checklist' | 'tiers' | 'count' | 'deduction' | 'control';
const KINDS: Kind[] = ['range', 'boolean', 'choice', 'checklist', 'tiers', 'count', 'deduction', 'control'];

interface ItemSpec {
  kind: Kind;
  /** points × 2 (halves) */
  halves: number;
  na: 'forbid' | 'full' | 'rescale';
}

interface Spec {
  modules: ItemSpec[][];
  bonus: ItemSpec[];
  bonusCap: number;
  clampTotal: boolean;
  blank: 'incomplete' | 'zero';
  tolerance: boolean;
}

const itemSpec = fc.record({
  kind: fc.constantFrom(...KINDS),
  halves: fc.integer({ min: 1, max: 60 }),
  na: fc.constantFrom<'forbid' | 'full' | 'rescale'>('forbid', 'full', 'rescale'),
});

const specArb: fc.Arbitrary<Spec> = fc.record({
  modules: fc.array(fc.array(itemSpec, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
  bonus: fc.array(
    itemSpec.map((s) => ({ ...s, kind: s.kind === 'control' ? 'range' : s.kind })),
    { maxLength: 2 },
  ),
  bonusCap: fc.integer({ min: 0, max: 20 }),
  clampTotal: fc.boolean(),
  blank: fc.constantFrom<'incomplete' | 'zero'>('incomplete', 'zero'),
  tolerance: fc.boolean(),
});

function pointsOf(s: ItemSpec): number {
  return s.kind === 'control' ? 0 : s.halves / 2;
}

function scoring(s: ItemSpec): Record<string, unknown> {
  const p = pointsOf(s);
  const half = Math.floor(s.halves / 2) / 2; // ≤ p, a multiple of 0.5
  switch (s.kind) {
    case 'range':
      return { kind: 'range' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'choice':
      return {
        kind: 'choice',
        options: [
          { label: '好', points: p },
          { label: '中', points: half },
          { label: '差', points: 0 },
        ],
      };
    case 'checklist':
      return {
        kind: 'checklist',
        conditions: [
          { label: '甲', points: half },
          { label: '乙', points: p - half },
        ],
      };
    case 'tiers':
      return {
        kind: 'tiers',
        tiers: [
          { min: 10, points: p },
          { min: 5, points: half },
        ],
      };
    case 'count':
      return { kind: 'count', base: { count: 1, points: half }, increment: 0.5 };
    case 'deduction':
      return { kind: 'deduction', per: 0.5 };
    case 'control':
      return { kind: 'control' };
  }
}

function buildRubric(spec: Spec, order: (n: number) => number[] = (n) => [...Array(n).keys()]): LoadedRubric {
  const modules = spec.modules.map((items, m) => {
    const children = items.map((s, i) => ({ id: `${m + 1}.${i + 1}`, name: `项目${m + 1}.${i + 1}`, points: pointsOf(s), na: s.na, scoring: scoring(s) }));
    const points = Number(children.reduce((acc, c) => acc.plus(c.points), new Big(0)).toString());
    return { id: String(m + 1), name: `模块${m + 1}`, points, children: order(children.length).map((i) => children[i]) };
  });
  const total = Number(modules.reduce((acc, m) => acc.plus(m.points), new Big(0)).toString());
  return rubric({
    total,
    clampTotal: spec.clampTotal,
    defaults: { blank: spec.blank },
    modules,
    ...(spec.bonus.length > 0
      ? { bonus: { cap: spec.bonusCap, items: spec.bonus.map((s, i) => ({ id: `B${i + 1}`, name: `加分${i + 1}`, points: pointsOf(s), na: s.na, scoring: scoring(s) })) } }
      : {}),
    stars: {
      levels: [
        { level: 1, name: '一星级', minTotal: total * 0.3, moduleMinimum: { percent: 20 } },
        { level: 2, name: '二星级', minTotal: total * 0.6, moduleMinimum: { percent: 50 } },
        { level: 3, name: '三星级', minTotal: total * 0.9 },
      ],
    },
    reconciliation: spec.tolerance
      ? {
          tolerance: [
            { scope: 'item', points: 1 },
            { scope: 'total', percent: 5 },
          ],
          onInflation: { deductFactor: 1, maxStars: 2 },
        }
      : {},
  });
}

/** A seed per item: what to enter (value, N/A, blank) and a number in [0, 1). */
const seedArb = fc.record({ mode: fc.constantFrom('value', 'value', 'value', 'value', 'na', 'blank'), u: fc.double({ min: 0, max: 0.9999, noNaN: true }) });
type Seed = { mode: string; u: number };

function entryFor(s: ItemSpec, seed: Seed): EntryValue {
  if (seed.mode === 'blank') return { kind: 'blank' };
  if (seed.mode === 'na' && s.na !== 'forbid') return { kind: 'na' };
  const p = pointsOf(s);
  const u = seed.u;
  switch (s.kind) {
    case 'range':
      return { kind: 'points', points: Math.floor(u * p * 10) / 10 };
    case 'boolean':
    case 'control':
      return { kind: 'met', met: u < 0.6 };
    case 'choice':
      return { kind: 'option', label: ['好', '中', '差'][Math.floor(u * 3)] };
    case 'checklist':
      return { kind: 'checklist', ticked: [['a'], ['b'], ['a', 'b'], []][Math.floor(u * 4)] };
    case 'tiers':
      return { kind: 'measure', value: Math.floor(u * 150) / 10 };
    case 'count':
    case 'deduction':
      return { kind: 'count', count: Math.floor(u * 8) };
  }
}

interface Case {
  spec: Spec;
  self: Seed[][];
  spot: Seed[][] | null;
}

const caseArb: fc.Arbitrary<Case> = specArb.chain((spec) => {
  const n = [...spec.modules.map((m) => m.length), spec.bonus.length];
  const seeds = fc.tuple(...n.map((len) => fc.array(seedArb, { minLength: len, maxLength: len })));
  return fc.record({ spec: fc.constant(spec), self: seeds, spot: fc.option(seeds, { nil: null }) });
});

function allSpecs(spec: Spec): { id: string; spec: ItemSpec; group: number; index: number }[] {
  const out: { id: string; spec: ItemSpec; group: number; index: number }[] = [];
  spec.modules.forEach((items, m) => items.forEach((s, i) => out.push({ id: `${m + 1}.${i + 1}`, spec: s, group: m, index: i })));
  spec.bonus.forEach((s, i) => out.push({ id: `B${i + 1}`, spec: s, group: spec.modules.length, index: i }));
  return out;
}

function entries(spec: Spec, seeds: Seed[][], reverse = false): PartyEntries {
  const list = allSpecs(spec).map((x) => [x.id, { value: entryFor(x.spec, seeds[x.group][x.index]) }] as const);
  if (reverse) list.reverse();
  return { items: Object.fromEntries(list) };
}

function score(c: Case, opts: { reverse?: boolean; order?: (n: number) => number[] } = {}): StationResult {
  return scoreStation(buildRubric(c.spec, opts.order), {
    station: { name: '站' },
    self: entries(c.spec, c.self, opts.reverse),
    ...(c.spot ? { spot: entries(c.spec, c.spot, opts.reverse) } : {}),
  });
}

const sum = (xs: number[]) => xs.reduce((acc, x) => acc.plus(x), new Big(0));

describe('engine properties', () => {
  test('module finals + bonus − penalty = total before clamping', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = score(c);
        const before = sum(r.modules.map((m) => m.final))
          .plus(r.bonus)
          .minus(r.penalty);
        expect(before.toString()).toBe(new Big(r.baseTotal).plus(r.bonus).minus(r.penalty).toString());
        let expected = before.lt(0) ? new Big(0) : before;
        if (c.spec.clampTotal && expected.gt(r.maxTotal)) expected = new Big(r.maxTotal);
        expect(r.total).toBe(Number(expected.toString()));
        // One definition of the totals: the steps lead from the start to the total, and the
        // deviation is the difference of the self and spot totals.
        const end = r.totalSteps.steps.reduce((t, s) => t.plus(s.delta), new Big(r.totalSteps.start));
        expect(end.toString()).toBe(new Big(r.total).toString());
        if (r.deviation !== null) expect(r.deviation).toBe(Number(new Big(must(r.selfTotal)).minus(must(r.spotTotal)).toString()));
      }),
      { numRuns: 300 },
    );
  });

  test('N/A (rescale) items count in neither numerator nor denominator of their module', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = score(c);
        for (const m of r.modules) {
          const items = r.items.filter((i) => i.moduleId === m.id);
          const applicable = items.filter((i) => i.status !== 'na-excluded');
          expect(m.applicableMax).toBe(Number(sum(applicable.map((i) => i.max)).toString()));
          const numerator = sum(applicable.map((i) => i.final ?? 0));
          if (!m.rescaled) expect(m.final).toBe(Number(numerator.toString()));
          else if (m.applicableMax > 0) {
            const exact = numerator.times(m.max).div(m.applicableMax);
            expect(m.final).toBe(Number(exact.round(1, Big.roundHalfUp).toString()));
          } else expect(m.final).toBe(m.max);
          for (const i of items) if (i.status === 'na-excluded') expect(i.final).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  test('raising one item’s authoritative score never lowers the total or the stars', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (c0, pick, up) => {
        const c: Case = { ...c0, spec: { ...c0.spec, tolerance: false } };
        const ranges = allSpecs(c.spec).filter((x) => x.spec.kind === 'range');
        fc.pre(ranges.length > 0);
        const target = ranges[pick % ranges.length];
        const before = score(c);
        const item = must(before.items.find((i) => i.id === target.id));
        fc.pre(item.status === 'scored' && item.final !== null);
        // Raise the authoritative value: in the spot entries when the spot counts, else in the self entries.
        const raised = Math.floor((must(item.final) + up * (item.max - must(item.final))) * 10) / 10;
        const bump = (p: PartyEntries): PartyEntries => ({ items: { ...p.items, [target.id]: { value: { kind: 'points', points: raised } } } });
        const selfE = entries(c.spec, c.self);
        const spotE = c.spot ? entries(c.spec, c.spot) : undefined;
        const usesSpot = item.spot !== null && item.final === item.spot && spotE !== undefined;
        const after = scoreStation(buildRubric(c.spec), {
          station: { name: '站' },
          self: usesSpot ? selfE : bump(selfE),
          ...(spotE ? { spot: usesSpot ? bump(spotE) : spotE } : {}),
        });
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        expect(after.stars ?? 0).toBeGreaterThanOrEqual(before.stars ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  test('results do not depend on entry order or sibling order in the rubric', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = score(c);
        expect(score(c, { reverse: true })).toEqual(a);
        const b = score(c, { order: (n) => [...Array(n).keys()].reverse() });
        const pick = (r: StationResult) => ({
          total: r.total,
          stars: r.stars,
          penalty: r.penalty,
          selfTotal: r.selfTotal,
          spotTotal: r.spotTotal,
          deviation: r.deviation,
          modules: r.modules,
          items: [...r.items].sort((x, y) => (x.id < y.id ? -1 : 1)),
          blankItems: [...r.blankItems].sort(),
        });
        expect(pick(b)).toEqual(pick(a));
      }),
      { numRuns: 200 },
    );
  });
});
