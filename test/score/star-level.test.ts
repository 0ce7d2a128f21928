import { describe, expect, test } from 'vitest';
import Big from 'big.js';
import { starLevel, type StarFacts } from '../../src/score/star-level.js';
import { Stars, Reconciliation } from '../../src/rubric/schema.js';

const FIVE = [
  { level: 5, name: '五星级', minTotal: 900 },
  { level: 4, name: '四星级', minTotal: 800 },
  { level: 3, name: '三星级', minTotal: 700 },
];

function decide(stars: Record<string, unknown>, facts: Partial<StarFacts> & { total: number }, rec: Record<string, unknown> = {}) {
  return starLevel(
    { stars: Stars.parse(stars), reconciliation: Reconciliation.parse(rec) },
    {
      modules: [],
      controlsUnmet: [],
      vetoes: [],
      verified: true,
      complete: true,
      blankItems: [],
      inflationCap: null,
      ...facts,
      total: new Big(facts.total),
    },
  );
}

const mod = (id: string, name: string, final: number, max: number) => ({ id, name, final: new Big(final), max: new Big(max) });

describe('thresholds and boundaries', () => {
  test('inclusive: exactly the threshold reaches it (以上 includes the number)', () => {
    const d = decide({ levels: FIVE }, { total: 900 });
    expect(d.stars).toBe(5);
    expect(d.starReason).toBe('总分 900 ≥ 900 → 五星级');
    expect(d.nextStar).toBeNull();
  });
  test('exclusive: exactly the threshold does not reach it', () => {
    const d = decide({ boundary: 'exclusive', levels: FIVE }, { total: 900 });
    expect(d.stars).toBe(4);
    expect(d.starReason).toBe('总分 900 ≤ 五星级要求的 900；总分 900 > 800 → 四星级');
    expect(d.nextStar?.level).toBe(5);
    expect(d.nextStar?.needs).toEqual([{ kind: 'total', message: '总分须高于 900（目前 900）', messageEn: 'total must be above 900 (now 900)', points: 0 }]);
  });
  test('below every level: no star, with the lowest level as next', () => {
    const d = decide({ levels: FIVE }, { total: 650.5 });
    expect(d.stars).toBeNull();
    expect(d.starReason).toBe('总分 650.5 < 三星级要求的 700 → 未达到星级');
    expect(d.nextStar).toMatchObject({ level: 3, needs: [{ kind: 'total', points: 49.5, message: '总分还差 49.5 分（须达到 700，目前 650.5）' }] });
  });
  test('the 950 overlap: "950以上" and "901—950" — the higher level wins and says so', () => {
    const levels = [
      { level: 5, name: '5A', minTotal: 950 },
      { level: 4, name: '4A', minTotal: 901, maxTotal: 950 },
    ];
    const d = decide({ levels }, { total: 950 });
    expect(d.stars).toBe(5);
    expect(d.starReason).toBe('总分 950 ≥ 950（总分同时落在4A区间 901–950，区间重叠时取较高等级） → 5A');
    expect(decide({ levels }, { total: 949.9 }).stars).toBe(4);
  });
  test('the 899.5 gap (800–899, 900+): exact comparison puts it in the lower band', () => {
    const levels = [
      { level: 5, name: '五星级', minTotal: 900 },
      { level: 4, name: '四星级', minTotal: 800, maxTotal: 899 },
    ];
    const d = decide({ levels }, { total: 899.5 });
    expect(d.stars).toBe(4);
    expect(d.nextStar?.needs[0]).toMatchObject({ kind: 'total', points: 0.5 });
  });
  test('the 899.5 gap with rounding before comparing: 899.5 → 900 → five stars', () => {
    const levels = [
      { level: 5, name: '五星级', minTotal: 900 },
      { level: 4, name: '四星级', minTotal: 800, maxTotal: 899 },
    ];
    const d = decide({ rounding: { digits: 0, apply: 'before' }, levels }, { total: 899.5 });
    expect(d.stars).toBe(5);
    expect(d.starReason).toBe('总分 899.5 按规则取整为 900 ≥ 900 → 五星级');
    const d2 = decide({ rounding: { digits: 0, apply: 'before' }, levels }, { total: 899.4 });
    expect(d2.stars).toBe(4);
    // 899.4 needs 0.1 more: 899.5 rounds half up to 900.
    expect(d2.nextStar?.needs[0]).toMatchObject({ kind: 'total', points: 0.1 });
  });
  test('rounding before with exclusive boundary: must round to above the threshold', () => {
    const d = decide({ boundary: 'exclusive', rounding: { digits: 0, apply: 'before' }, levels: FIVE }, { total: 900.4 });
    expect(d.stars).toBe(4);
    // rounded total must be ≥ 901, i.e. the raw total ≥ 900.5
    expect(d.nextStar?.needs[0]).toMatchObject({ kind: 'total', points: 0.1 });
  });
});

describe('module minimums', () => {
  const levels = [
    { level: 5, name: '五星级', minTotal: 900, moduleMinimum: { percent: 80 } },
    { level: 4, name: '四星级', minTotal: 800, moduleMinimum: { percent: 60 }, moduleMinimums: { '6': { points: 50 } } },
  ];
  test('total reaches five stars but one module is below 80% → four stars, reason with numbers', () => {
    const d = decide({ levels }, { total: 905, modules: [mod('1', '基础建设', 100, 100), mod('6', '运营绩效', 62, 100)] });
    expect(d.stars).toBe(4);
    expect(d.starReason).toBe('总分 905 ≥ 900，但「运营绩效」得分率 62% < 五星级要求的 80%；总分 905 ≥ 800 且各模块达到四星级要求 → 四星级');
    expect(d.nextStar?.needs).toEqual([
      {
        kind: 'module',
        moduleId: '6',
        points: 18,
        message: '「运营绩效」还差 18 分（五星级要求得分率 ≥ 80%，即 80 分；目前 62）',
        messageEn: '"运营绩效" short by 18 (level 5 (五星级) requires ≥ 80%, i.e. 80; now 62)',
      },
    ]);
  });
  test('percent compared exactly: 79.99% is below 80% even though it displays as 80.0%', () => {
    const d = decide({ levels }, { total: 950, modules: [mod('1', '基础建设', 79.99, 100)] });
    expect(d.stars).toBe(4);
    expect(d.nextStar?.needs[0]).toMatchObject({ points: 0.01 });
    expect(decide({ levels }, { total: 950, modules: [mod('1', '基础建设', 80, 100)] }).stars).toBe(5);
  });
  test('per-module minimum in points overrides moduleMinimum', () => {
    const d = decide({ levels }, { total: 850, modules: [mod('6', '运营绩效', 49.5, 60)] });
    // 49.5/60 = 82.5% ≥ 60% but the override asks 50 points.
    expect(d.stars).toBeNull();
    expect(d.starReason).toBe('总分 850 ≥ 800，但「运营绩效」得分 49.5 < 四星级要求的 50 分 → 未达到星级');
  });
});

describe('gates, caps and prerequisites', () => {
  test('no-star veto', () => {
    const d = decide({ levels: FIVE }, { total: 960, vetoes: [{ id: 'V1', name: '弄虚作假', effect: 'no-star' }] });
    expect(d.stars).toBeNull();
    expect(d.starReason).toBe('一票否决：弄虚作假 → 不予评星');
    expect(d.nextStar?.level).toBe(3);
    expect(d.nextStar?.needs.map((n) => n.kind)).toEqual(['veto']);
  });
  test('cap-star veto caps the level', () => {
    const d = decide({ levels: FIVE }, { total: 960, vetoes: [{ id: 'V2', name: '安全事故', effect: 'cap-star', maxStars: 3 }] });
    expect(d.stars).toBe(3);
    expect(d.starReason).toBe('总分 960 ≥ 900 → 五星级；但一票否决「安全事故」限定最高三星级 → 三星级');
    expect(d.nextStar).toMatchObject({ level: 4, needs: [{ kind: 'veto' }] });
  });
  test('zero-total veto fails levels that require no veto', () => {
    const d = decide({ levels: [{ level: 1, name: '一星级', minTotal: 0 }] }, { total: 0, vetoes: [{ id: 'V3', name: '无党组织', effect: 'zero-total' }] });
    expect(d.stars).toBeNull();
    expect(d.starReason).toBe('总分 0 ≥ 0，但触发一票否决「无党组织」 → 未达到星级');
  });
  test('incomplete scoring: no star, the blank items listed', () => {
    const d = decide({ levels: FIVE }, { total: 950, complete: false, blankItems: ['1.2.3', '2.1', '3.4'] });
    expect(d.stars).toBeNull();
    expect(d.starReason).toBe('有 3 项未评分（1.2.3、2.1、3.4）→ 评分不完整，不予评星');
  });
  test('control items must be met', () => {
    const d = decide({ levels: FIVE }, { total: 950, controlsUnmet: [{ id: '2.1.1', name: '党建引领', blank: false }] });
    expect(d.stars).toBeNull();
    expect(d.starReason).toBe('总分 950 ≥ 700，但控制项 2.1.1「党建引领」未达标 → 未达到星级');
  });
  test('requireVerifiedForStars and level.requires.verified', () => {
    expect(decide({ levels: FIVE }, { total: 950, verified: false }, { requireVerifiedForStars: true }).starReason).toBe('未经抽查核实（本细则要求抽查核实后方可评星）→ 不予评星');
    const levels = [{ level: 5, name: '五星级', minTotal: 900, requires: { verified: true } }, ...FIVE.slice(1)];
    const d = decide({ levels }, { total: 950, verified: false });
    expect(d.stars).toBe(4);
    expect(d.starReason).toBe('总分 950 ≥ 900，但五星级须经抽查核实，本站未经抽查；总分 950 ≥ 800 → 四星级');
  });
  test('inflation cap', () => {
    const d = decide({ levels: FIVE }, { total: 950, inflationCap: 4 });
    expect(d.stars).toBe(4);
    expect(d.starReason).toBe('总分 950 ≥ 900 → 五星级；但自评虚高超出容差，最高只能评四星级 → 四星级');
    expect(d.nextStar).toMatchObject({ level: 5, needs: [{ kind: 'inflation' }] });
  });
});
