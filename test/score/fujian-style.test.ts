/**
 * Table test on the bundled rubrics/fujian-style.yaml (1000 points, six
 * modules 150 / 120 / 150 / 180 / 250 / 150, bonus cap 50, clamped at 1000;
 * five stars ≥ 900 with every module ≥ 80% (运营绩效 ≥ 85%) and a spot check
 * required; four stars ≥ 800 with ≥ 70%; … one star ≥ 500 with ≥ 40%;
 * item tolerance 3 points, total tolerance 5% = 50; inflation: penalty 0.5 ×
 * excess and at most three stars). Every number below is worked out by hand
 * from the YAML.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import { scoreStation } from '../../src/score/score-station.js';
import type { EntryValue, PartyEntries } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

let rubric: LoadedRubric;
beforeAll(async () => {
  rubric = await loadRubric('rubrics/fujian-style.yaml');
});

/** Full marks for every base item (control items met), plus overrides; bonus items only when given. */
function fullMarks(overrides: Record<string, EntryValue> = {}): PartyEntries {
  const items: PartyEntries['items'] = {};
  for (const item of rubric.index.items) {
    if (item.bonus) continue;
    items[item.id] = { value: item.rule.kind === 'control' ? { kind: 'met', met: true } : { kind: 'points', points: item.points } };
  }
  for (const [id, value] of Object.entries(overrides)) items[id] = { value };
  return { items };
}

const P = (points: number): EntryValue => ({ kind: 'points', points });
const byId = (moduleFinals: { id: string; final: number }[]) => Object.fromEntries(moduleFinals.map((m) => [m.id, m.final]));

describe('fujian-style rubric', () => {
  test('full marks, self-assessment only: 1000, but five stars need a spot check → four stars', () => {
    // Bonus: B1 国家级 20 + B2 15 + B3 4 次 → 3 + 3×3 = 12, capped 10 + B4 a,b 10 + B5 5 = 60 → pool cap 50.
    // 1000 + 50 = 1050 → clamped at 1000.
    const self = fullMarks({
      B1: { kind: 'option', label: '国家级' },
      B2: P(15),
      B3: { kind: 'count', count: 4 },
      B4: { kind: 'checklist', ticked: ['a', 'b'] },
      B5: { kind: 'met', met: true },
    });
    const r = scoreStation(rubric, { station: { name: '示例县城关镇社工站' }, self });
    expect(r.baseTotal).toBe(1000);
    expect(r.bonus).toBe(50);
    expect(r.total).toBe(1000);
    expect(r.maxTotal).toBe(1000);
    expect(r.selfTotal).toBe(1060); // before any cap: 1000 + 60 of bonus items
    expect(r.totalSteps).toEqual({
      start: 1060,
      unchecked: null,
      steps: [
        { code: 'BONUS_CAP', delta: -10, total: 1050, limit: 50 },
        { code: 'CLAMP_MAX', delta: -50, total: 1000, limit: 1000 },
      ],
    });
    expect(r.verified).toBe(false);
    expect(r.stars).toBe(4);
    expect(r.starReason).toBe('总分 1000 ≥ 900，但五星级须经抽查核实，本站未经抽查；总分 1000 ≥ 800 且各模块达到四星级要求 → 四星级');
    expect(r.nextStar).toMatchObject({ level: 5, needs: [{ kind: 'verified' }] });

    // The same, confirmed item by item by the spot check → five stars, no deviation.
    const spotted = scoreStation(rubric, { station: { name: '示例县城关镇社工站' }, self, spot: fullMarks() });
    expect(spotted.verified).toBe(true);
    expect(spotted.deviation).toBe(0);
    expect(spotted.stars).toBe(5);
    expect(spotted.starReason).toBe('总分 1000 ≥ 900 且各模块达到五星级要求 → 五星级');
    expect(spotted.nextStar).toBeNull();
  });

  test('all zeros: total 2 (3.2.5 has no 0 option: 无证书 = 2), no star', () => {
    const zero: Record<string, EntryValue> = {};
    for (const item of rubric.index.items) {
      if (item.bonus) continue;
      const rule = item.rule;
      zero[item.id] = rule.kind === 'control' ? { kind: 'met', met: true } : rule.kind === 'choice' ? { kind: 'option', label: rule.options[rule.options.length - 1].label } : P(0);
    }
    const r = scoreStation(rubric, { station: { name: '零分站' }, self: fullMarks(zero) });
    expect(r.total).toBe(2);
    expect(byId(r.modules)).toEqual({ '1': 0, '2': 0, '3': 2, '4': 0, '5': 0, '6': 0 });
    expect(r.modules[2].percent).toBe(1.3); // 2 / 150 = 1.333…%
    expect(r.stars).toBeNull();
    expect(r.starReason).toBe(
      '总分 2 < 一星级要求的 500，「基础建设」得分率 0% < 一星级要求的 40%，「制度建设」得分率 0% < 一星级要求的 40%，「运营投入」得分率 1.3% < 一星级要求的 40%，「运营管理」得分率 0% < 一星级要求的 40%，「服务提供」得分率 0% < 一星级要求的 40%，「运营绩效」得分率 0% < 一星级要求的 40% → 未达到星级',
    );
    // One star needs 498 more points and 40% of each module: 60, 48, 60 − 2 = 58, 72, 100, 60.
    expect(r.nextStar?.level).toBe(1);
    expect(r.nextStar?.needs.map((n) => [n.kind, n.moduleId ?? null, n.points])).toEqual([
      ['total', null, 498],
      ['module', '1', 60],
      ['module', '2', 48],
      ['module', '3', 58],
      ['module', '4', 72],
      ['module', '5', 100],
      ['module', '6', 60],
    ]);
  });

  test('a mixed station with decimals and N/A: 941.8, four stars (运营绩效 84.3% < 85%)', () => {
    const self = fullMarks({
      // 基础建设 150 − 15 = 135
      '1.1.1': { kind: 'measure', value: 45 }, // 40 ≤ 45 < 60 → 12 (−8)
      '1.2.1': { kind: 'option', label: '室内' }, // 1.5 (−3.5)
      '1.2.2': { kind: 'checklist', ticked: ['a', 'b', 'd'] }, // 2.5 + 2.5 + 1 = 6 (−2)
      '1.3.5': { kind: 'grade', grade: 'B', points: 6.5 }, // (−1.5)
      // 制度建设 120 − 14 = 106
      '2.1.2': { kind: 'count', count: 3 }, // below base 4 → 0 (−10)
      '2.2.4': { kind: 'option', label: '仅社会保险' }, // 3.5 (−2.5)
      '2.4.4': P(5.5), // (−1.5)
      // 运营投入 150 − 8 = 142
      '3.2.2': { kind: 'count', count: 3 }, // 15 + 1 × 5 = 20 (−5)
      '3.3.1': { kind: 'count', count: 8 }, // 10 + 2 × 1 = 12 (−3)
      // 运营管理: 4.3.4 N/A (rescale) → applicable 165; 165 − 1 − 1.5 = 162.5; 162.5 × 180 / 165 = 177.27… → 177.3
      '4.3.4': { kind: 'na' },
      '4.3.1': { kind: 'count', count: 14 }, // 8 + 2 × 0.5 = 9 (−1)
      '4.2.2': { kind: 'count', count: 3 }, // 10 − 3 × 0.5 = 8.5 (−1.5)
      // 服务提供 250 − 6.5 = 243.5 (5.4.4 N/A counts full 7.5)
      '5.4.4': { kind: 'na' },
      '5.1.2': P(12.5), // (−2.5)
      '5.5.4': { kind: 'grade', grade: 'B', points: 11 }, // (−4)
      // 运营绩效 150 − 23.5 = 126.5 (84.33%)
      '6.1.1': { kind: 'measure', value: 92 }, // 24 (−6)
      '6.1.2': { kind: 'grade', grade: '良', points: 16.5 }, // (−3.5)
      '6.2.3': P(10.5), // (−4.5)
      '6.3.2': { kind: 'option', label: '不定期更新' }, // 4.5 (−5.5)
      '6.4.1': { kind: 'grade', grade: 'C', points: 6 }, // (−4)
      // Bonus: 市级 8 + 3.5 = 11.5; B3–B5 blank → 0
      B1: { kind: 'option', label: '市级' },
      B2: P(3.5),
    });
    const r = scoreStation(rubric, { station: { name: '示例县东街街道社工站' }, self });
    expect(byId(r.modules)).toEqual({ '1': 135, '2': 106, '3': 142, '4': 177.3, '5': 243.5, '6': 126.5 });
    expect(r.modules[3]).toMatchObject({ rescaled: true, applicableMax: 165, max: 180 });
    expect(r.items.find((i) => i.id === '4.3.4')).toMatchObject({ status: 'na-excluded', final: null });
    expect(r.items.find((i) => i.id === '5.4.4')).toMatchObject({ status: 'na-full', final: 7.5 });
    // 135 + 106 + 142 + 177.3 + 243.5 + 126.5 = 930.3; + 11.5 = 941.8
    expect(r.baseTotal).toBe(930.3);
    expect(r.bonus).toBe(11.5);
    expect(r.total).toBe(941.8);
    expect(r.modules[5].percent).toBe(84.3);
    expect(r.complete).toBe(true);
    expect(r.stars).toBe(4);
    expect(r.starReason).toBe('总分 941.8 ≥ 900，但「运营绩效」得分率 84.3% < 五星级要求的 85%，五星级须经抽查核实，本站未经抽查；总分 941.8 ≥ 800 且各模块达到四星级要求 → 四星级');
    // 85% of 150 = 127.5 → 1 point short.
    expect(r.nextStar?.needs.map((n) => [n.kind, n.points ?? null])).toEqual([
      ['module', 1],
      ['verified', null],
    ]);
  });

  test('spot-checked with inflated self-scores: 968 after a 7-point penalty, capped at three stars', () => {
    // Self: full marks (1000). Spot check of five items:
    //   1.1.1 50 ㎡ → 12   (self 20, deviation 8 > 3: inflated, excess 5)
    //   2.1.3 B 10         (self 15, deviation 5: inflated, excess 2)
    //   3.2.2 2 人 → 15    (self 25, deviation 10: inflated, excess 7)
    //   5.1.2 13           (self 15, deviation 2 ≤ 3)
    //   6.1.1 96% → 30     (deviation 0)
    // Total deviation 25 ≤ 50: not inflated at total scope. Item excess 14 × 0.5 = penalty 7.
    // Finals: 142 + 115 + 140 + 180 + 248 + 150 = 975; 975 − 7 = 968.
    // 968 meets five stars (verified, every module ≥ 80%, 运营绩效 100%), but inflation caps at three.
    const spot: PartyEntries = {
      items: {
        '1.1.1': { value: { kind: 'measure', value: 50 } },
        '2.1.3': { value: { kind: 'grade', grade: 'B', points: 10 } },
        '3.2.2': { value: { kind: 'count', count: 2 } },
        '5.1.2': { value: P(13) },
        '6.1.1': { value: { kind: 'measure', value: 96 } },
      },
    };
    const r = scoreStation(rubric, { station: { name: '示例县虚高社工站' }, self: fullMarks(), spot });
    expect(r.verified).toBe(true);
    expect(byId(r.modules)).toEqual({ '1': 142, '2': 115, '3': 140, '4': 180, '5': 248, '6': 150 });
    expect(r.modules.map((m) => m.deviation)).toEqual([8, 5, 10, null, 2, 0]);
    expect(r.items.filter((i) => i.inflated).map((i) => i.id)).toEqual(['1.1.1', '2.1.3', '3.2.2']);
    expect(r.deviation).toBe(25);
    expect(r.selfTotal).toBe(1000);
    // Same basis: the 5 checked items at the spot scores (12 + 10 + 15 + 13 + 30), the rest at the self scores.
    expect(r.spotTotal).toBe(975);
    expect(must(r.selfTotal) - must(r.spotTotal)).toBe(r.deviation);
    expect(r.totalSteps.steps).toEqual([{ code: 'PENALTY', delta: -7, total: 968 }]);
    expect(r.baseTotal).toBe(975);
    expect(r.penalty).toBe(7);
    expect(r.total).toBe(968);
    expect(r.stars).toBe(3);
    expect(r.starReason).toBe('总分 968 ≥ 900 且各模块达到五星级要求 → 五星级；但自评虚高超出容差，最高只能评三星级 → 三星级');
    expect(r.flags.map((f) => f.code)).toEqual(['INFLATED_ITEM', 'INFLATED_ITEM', 'INFLATED_ITEM', 'INFLATION_PENALTY']);
    expect(r.nextStar).toMatchObject({ level: 4, needs: [{ kind: 'inflation' }] });
  });

  test('a veto reported by the spot check: V3 caps at two stars; V1 withholds stars', () => {
    const spot = { ...fullMarks(), vetoes: { V3: true } };
    const r = scoreStation(rubric, { station: { name: '示例县投诉社工站' }, self: fullMarks(), spot });
    expect(r.total).toBe(1000);
    expect(r.stars).toBe(2);
    expect(r.vetoes).toEqual([{ id: 'V3', name: '有效投诉查实并造成不良影响', effect: 'cap-star', maxStars: 2, by: ['spot'] }]);
    const r1 = scoreStation(rubric, { station: { name: '示例县' }, self: { ...fullMarks(), vetoes: { V1: true } } });
    expect(r1.stars).toBeNull();
    expect(r1.starReason).toBe('一票否决：弄虚作假 → 不予评星');
  });
});
