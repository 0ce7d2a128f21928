import { describe, expect, test } from 'vitest';
import { scoreStation } from '../../src/score/score-station.js';
import { EntryError } from '../../src/score/entry-error.js';
import { isUserError } from '../../src/errors.js';
import { blank, flatRubric, met, na, party, pts, rubric, station } from './helpers.js';

describe('exact totals', () => {
  test('0.1 + 0.2 = 0.3 and 972.2 stays 972.2', () => {
    const r = flatRubric(
      [
        {
          id: '1',
          items: [
            { id: '1.1', points: 1 },
            { id: '1.2', points: 1 },
          ],
        },
      ],
      { precision: 1 },
    );
    const res = scoreStation(r, station(party({ '1.1': pts(0.1), '1.2': pts(0.2) })));
    expect(res.total).toBe(0.3);
    expect(res.modules[0].final).toBe(0.3);

    const big = flatRubric([
      {
        id: '1',
        items: [
          { id: '1.1', points: 500 },
          { id: '1.2', points: 0.3 },
        ],
      },
      { id: '2', items: [{ id: '2.1', points: 499.7 }] },
    ]);
    const res2 = scoreStation(big, station(party({ '1.1': pts(486.1), '1.2': pts(0.3), '2.1': pts(485.8) })));
    expect(res2.total).toBe(972.2);
    expect(res2.baseTotal).toBe(972.2);
    expect(res2.modules.map((m) => m.final)).toEqual([486.4, 485.8]);
  });
  test('intermediate nodes are subtotals in document order', () => {
    const r = rubric({
      total: 10,
      modules: [
        {
          id: '1',
          name: '基础建设',
          points: 10,
          children: [
            {
              id: '1.1',
              name: '场所',
              points: 6,
              children: [
                { id: '1.1.1', name: '面积', points: 4, scoring: { kind: 'range' } },
                { id: '1.1.2', name: '标识', points: 2, scoring: { kind: 'range' } },
              ],
            },
            { id: '1.2', name: '设备', points: 4, scoring: { kind: 'range' } },
          ],
        },
      ],
    });
    const res = scoreStation(r, station(party({ '1.1.1': pts(3.5), '1.1.2': pts(1.5), '1.2': pts(2) })));
    expect(res.nodes.map((n) => [n.id, n.final, n.max])).toEqual([
      ['1', 7, 10],
      ['1.1', 5, 6],
    ]);
    expect(res.items.map((i) => i.id)).toEqual(['1.1.1', '1.1.2', '1.2']);
  });
});

describe('N/A policies', () => {
  const r = flatRubric([
    {
      id: '1',
      items: [
        { id: '1.1', points: 20 },
        { id: '1.2', points: 10, na: 'rescale' },
        { id: '1.3', points: 30, na: 'rescale' },
        { id: '1.4', points: 10, na: 'full' },
      ],
    },
    { id: '2', items: [{ id: '2.1', points: 5, na: 'rescale' }] },
  ]);
  test('rescale: module = round_half_up(Σ applicable × max / Σ applicable max)', () => {
    // module 1: applicable 1.1 (20) + 1.3 (30) + 1.4 (10, N/A full) = 60 of 70 max; finals 15 + 22.5 + 10 = 47.5
    // 47.5 × 70 / 60 = 55.41666… → 55.4
    const res = scoreStation(r, station(party({ '1.1': pts(15), '1.2': na, '1.3': pts(22.5), '1.4': na, '2.1': pts(5) })));
    const m1 = res.modules[0];
    expect(m1).toMatchObject({ final: 55.4, max: 70, applicableMax: 60, rescaled: true, percent: 79.1 });
    expect(res.items.map((i) => [i.id, i.status, i.final])).toEqual([
      ['1.1', 'scored', 15],
      ['1.2', 'na-excluded', null],
      ['1.3', 'scored', 22.5],
      ['1.4', 'na-full', 10],
      ['2.1', 'scored', 5],
    ]);
    expect(res.baseTotal).toBe(60.4);
    expect(res.total).toBe(60.4);
  });
  test('rescale rounds half up exactly: 35 × 70 / 40 = 61.25 → 61.3', () => {
    const res = scoreStation(r, station(party({ '1.1': pts(10), '1.2': pts(5), '1.3': na, '1.4': pts(10), '2.1': pts(0) })));
    // applicable 20 + 10 + 10 = 40; finals 25 of 40 → 25 × 70 / 40 = 43.75 → 43.8
    expect(res.modules[0].final).toBe(43.8);
  });
  test('a module whose every item is N/A scores its full max, with a warning', () => {
    const res = scoreStation(r, station(party({ '1.1': pts(20), '1.2': pts(10), '1.3': pts(30), '1.4': pts(10), '2.1': na })));
    expect(res.modules[1]).toMatchObject({ final: 5, applicableMax: 0, rescaled: true });
    expect(res.warnings).toEqual(['模块「模块2」的项目全部不适用，按满分 5 计']);
    expect(res.total).toBe(75);
  });
  test('forbid: an error naming the item', () => {
    expect(() => scoreStation(r, station(party({ '1.1': na })))).toThrow('自评: 项目 1.1「项目1.1」不允许填“不适用”');
  });
});

describe('blank', () => {
  const r = flatRubric([
    {
      id: '1',
      items: [
        { id: '1.1', points: 10 },
        { id: '1.2', points: 10 },
        { id: '1.3', points: 10 },
      ],
    },
  ]);
  test('default: blank items listed, incomplete, no star', () => {
    const res = scoreStation(r, station(party({ '1.1': pts(8), '1.2': blank })));
    expect(res.blankItems).toEqual(['1.2', '1.3']);
    expect(res.complete).toBe(false);
    expect(res.items[1]).toMatchObject({ status: 'blank', final: null, self: null });
    expect(res.total).toBe(8);
    expect(res.stars).toBeNull();
    expect(res.starReason).toBe('有 2 项未评分（1.2、1.3）→ 评分不完整，不予评星');
    expect(res.flags.map((f) => f.code)).toEqual(['UNVERIFIED', 'INCOMPLETE']);
  });
  test('blank: zero → counted as 0 with a warning, complete stays true', () => {
    const r0 = flatRubric(
      [
        {
          id: '1',
          items: [
            { id: '1.1', points: 10 },
            { id: '1.2', points: 10 },
          ],
        },
      ],
      { defaults: { blank: 'zero' } },
    );
    const res = scoreStation(r0, station(party({ '1.1': pts(8) })));
    expect(res.complete).toBe(true);
    expect(res.items[1]).toMatchObject({ status: 'blank-zero', final: 0 });
    expect(res.warnings).toEqual(['项目 1.2「项目1.2」未评分，按细则规定计 0 分']);
    expect(res.stars).toBe(1);
  });
  test('blank, 0 and N/A are three different states', () => {
    const r3 = flatRubric([
      {
        id: '1',
        items: [
          { id: '1.1', points: 10, na: 'rescale' },
          { id: '1.2', points: 10, na: 'rescale' },
          { id: '1.3', points: 10, na: 'rescale' },
        ],
      },
    ]);
    const res = scoreStation(r3, station(party({ '1.1': pts(0), '1.2': na, '1.3': pts(10) })));
    expect(res.items.map((i) => i.status)).toEqual(['scored', 'na-excluded', 'scored']);
    expect(res.modules[0].final).toBe(15); // 10 of 20 applicable → 15 of 30
  });
});

describe('bonus, clamp, penalty', () => {
  const r = (clampTotal: boolean) =>
    rubric({
      total: 100,
      clampTotal,
      modules: [{ id: '1', name: '基础', points: 100, children: [{ id: '1.1', name: '综合', points: 100, scoring: { kind: 'range' } }] }],
      bonus: {
        cap: 5,
        items: [
          { id: 'B1', name: '创新', points: 4, scoring: { kind: 'range' } },
          { id: 'B2', name: '表彰', points: 3, scoring: { kind: 'boolean' } },
        ],
      },
    });
  test('bonus capped; total clamped at the rubric total', () => {
    const res = scoreStation(r(true), station(party({ '1.1': pts(98.5), B1: pts(3.5), B2: met(true) })));
    expect(res.bonus).toBe(5); // 3.5 + 3 = 6.5 → cap 5
    expect(res.baseTotal).toBe(98.5);
    expect(res.total).toBe(100); // 103.5 clamped
    expect(res.maxTotal).toBe(100);
  });
  test('totals on one basis: self and spot before any cap, deviation their difference, each step named', () => {
    // Self 98.5 + 3.5 + 3 = 105; spot 97 + 3 (B1) + 3 (B2 unchecked: counts at self) = 103; deviation 2.
    const res = scoreStation(r(true), station(party({ '1.1': pts(98.5), B1: pts(3.5), B2: met(true) }), party({ '1.1': pts(97), B1: pts(3) })));
    expect([res.selfTotal, res.spotTotal, res.deviation]).toEqual([105, 103, 2]);
    expect(res.totalSteps).toEqual({
      start: 103,
      unchecked: { items: ['B2'], bonusItems: ['B2'], points: 3 },
      steps: [
        { code: 'BONUS_CAP', delta: -1, total: 102, limit: 5 },
        { code: 'CLAMP_MAX', delta: -2, total: 100, limit: 100 },
      ],
    });
    expect(res.total).toBe(100);
  });
  test('a zero-total veto is the last step', () => {
    const v = rubric({
      total: 100,
      modules: [{ id: '1', name: '基础', points: 100, children: [{ id: '1.1', name: '综合', points: 100, scoring: { kind: 'range' } }] }],
      vetoes: [{ id: 'V3', name: '无党组织', effect: 'zero-total' }],
    });
    const res = scoreStation(v, station(party({ '1.1': pts(90) }, { V3: true })));
    expect(res.totalSteps).toEqual({ start: 90, unchecked: null, steps: [{ code: 'VETO_ZERO', delta: -90, total: 0, vetoId: 'V3' }] });
    expect([res.selfTotal, res.spotTotal, res.deviation]).toEqual([90, null, null]);
  });
  test('not clamped: total may exceed, maxTotal = total + bonus cap', () => {
    const res = scoreStation(r(false), station(party({ '1.1': pts(98.5), B1: pts(3.5), B2: met(true) })));
    expect(res.total).toBe(103.5);
    expect(res.maxTotal).toBe(105);
  });
  test('blank bonus items count 0 and never make the station incomplete', () => {
    const res = scoreStation(r(true), station(party({ '1.1': pts(90) })));
    expect(res.complete).toBe(true);
    expect(res.bonus).toBe(0);
    expect(res.items.filter((i) => i.bonus).map((i) => [i.status, i.final])).toEqual([
      ['blank-zero', 0],
      ['blank-zero', 0],
    ]);
  });
});

describe('vetoes', () => {
  const base = {
    total: 100,
    modules: [{ id: '1', name: '基础', points: 100, children: [{ id: '1.1', name: '综合', points: 100, scoring: { kind: 'range' } }] }],
    stars: {
      levels: [
        { level: 1, name: '一星级', minTotal: 60 },
        { level: 2, name: '二星级', minTotal: 80 },
      ],
    },
    vetoes: [
      { id: 'V1', name: '弄虚作假', effect: 'no-star' },
      { id: 'V2', name: '安全事故', effect: 'cap-star', maxStars: 1 },
      { id: 'V3', name: '无党组织', effect: 'zero-total' },
    ],
  };
  test('no-star from the spot party', () => {
    const res = scoreStation(rubric(base), station(party({ '1.1': pts(90) }), party({ '1.1': pts(88) }, { V1: true })));
    expect(res.vetoes).toEqual([{ id: 'V1', name: '弄虚作假', effect: 'no-star', by: ['spot'] }]);
    expect(res.stars).toBeNull();
    expect(res.total).toBe(88);
    expect(res.starReason).toBe('一票否决：弄虚作假 → 不予评星');
  });
  test('cap-star', () => {
    const res = scoreStation(rubric(base), station(party({ '1.1': pts(90) }, { V2: true, V1: false })));
    expect(res.stars).toBe(1);
    expect(res.vetoes).toEqual([{ id: 'V2', name: '安全事故', effect: 'cap-star', maxStars: 1, by: ['self'] }]);
  });
  test('zero-total: total 0, module subtotals unchanged', () => {
    const res = scoreStation(rubric(base), station(party({ '1.1': pts(90) }, { V3: true }), party({ '1.1': pts(90) }, { V3: true })));
    expect(res.total).toBe(0);
    expect(res.baseTotal).toBe(90);
    expect(res.vetoes[0].by).toEqual(['self', 'spot']);
    expect(res.stars).toBeNull();
  });
});

describe('reconciliation', () => {
  const items = [
    { id: '1.1', points: 20 },
    { id: '1.2', points: 20 },
    { id: '1.3', points: 10 },
  ];
  const r = (rec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    flatRubric(
      [
        { id: '1', name: '基础建设', items },
        { id: '2', name: '服务提供', items: [{ id: '2.1', points: 50 }] },
      ],
      {
        reconciliation: rec,
        stars: {
          levels: [
            { level: 1, name: '一星级', minTotal: 50 },
            { level: 2, name: '二星级', minTotal: 70 },
          ],
        },
        ...extra,
      },
    );
  const self = party({ '1.1': pts(20), '1.2': pts(18), '1.3': pts(9), '2.1': pts(45) });
  const spot = party({ '1.1': pts(12), '1.2': pts(17.5), '2.1': { value: pts(46), note: '材料齐全' } });

  test('spot authority: spot replaces self where scored; deviations per item, module, total', () => {
    const res = scoreStation(r({}), station(self, spot));
    expect(res.verified).toBe(true);
    expect(res.items.map((i) => [i.id, i.self, i.spot, i.final, i.deviation])).toEqual([
      ['1.1', 20, 12, 12, 8],
      ['1.2', 18, 17.5, 17.5, 0.5],
      ['1.3', 9, null, 9, null],
      ['2.1', 45, 46, 46, -1],
    ]);
    expect(res.items[3].reason).toBe('材料齐全');
    expect(res.modules.map((m) => [m.self, m.spot, m.final, m.deviation])).toEqual([
      [47, 38.5, 38.5, 8.5],
      [45, 46, 46, -1],
    ]);
    // Same basis: 1.3, left blank by the spot check, counts at its self score 9 in both totals.
    expect(res.selfTotal).toBe(92);
    expect(res.spotTotal).toBe(84.5);
    expect(res.deviation).toBe(7.5);
    expect(res.total).toBe(84.5);
    expect(res.totalSteps).toEqual({ start: 84.5, unchecked: { items: ['1.3'], bonusItems: [], points: 9 }, steps: [] });
    expect(res.flags).toEqual([]);
  });
  test('self authority: self counts where scored', () => {
    const res = scoreStation(r({ authority: 'self' }), station(party({ '1.1': pts(20) }), spot));
    expect(res.items.map((i) => i.final)).toEqual([20, 17.5, null, 46]);
  });
  test('item tolerance with deductFactor and maxStars', () => {
    // item tolerance 10% of item max: 1.1 → 2, 1.2 → 2, 2.1 → 5. Only 1.1 (8 > 2) inflated: excess 6, penalty 0.5 × 6 = 3.
    const res = scoreStation(r({ tolerance: [{ scope: 'item', percent: 10 }], onInflation: { deductFactor: 0.5, maxStars: 1 } }), station(self, spot));
    expect(res.items.map((i) => i.inflated)).toEqual([true, false, false, false]);
    expect(res.penalty).toBe(3);
    expect(res.total).toBe(81.5);
    expect(res.modules.reduce((s, m) => s + m.final, 0) + res.bonus - res.penalty).toBe(res.total);
    expect(res.stars).toBe(1);
    expect(res.flags.map((f) => f.code)).toEqual(['INFLATED_ITEM', 'INFLATION_PENALTY']);
    expect(res.flags[0].message).toBe('项目 1.1「项目1.1」自评 20 分，抽查 12 分，偏差 8 超过容差 2');
  });
  test('deviation exactly at the tolerance is not inflated (strictly greater)', () => {
    const res = scoreStation(r({ tolerance: [{ scope: 'item', points: 8 }] }), station(self, spot));
    expect(res.items[0].inflated).toBe(false);
    expect(res.flags).toEqual([]);
  });
  test('module tolerance then total tolerance decide the excess when no item tolerance', () => {
    // module 1 deviation 8.5 vs tolerance 5% of 50 = 2.5 → excess 6; factor 1 → penalty 6.
    const m = scoreStation(r({ tolerance: [{ scope: 'module', percent: 5 }], onInflation: { deductFactor: 1 } }), station(self, spot));
    expect(m.penalty).toBe(6);
    expect(m.flags[0]).toMatchObject({ code: 'INFLATED_MODULE', moduleId: '1', message: '模块「基础建设」自评比抽查高 8.5 分，超过容差 2.5' });
    // total deviation 7.5 vs 5 points → excess 2.5 × 2 = 5.
    const t = scoreStation(r({ tolerance: [{ scope: 'total', points: 5 }], onInflation: { deductFactor: 2 } }), station(self, spot));
    expect(t.penalty).toBe(5);
    expect(t.total).toBe(79.5);
    expect(t.flags[0].code).toBe('INFLATED_TOTAL');
  });
  test('self-only: unverified, and no star when the rubric requires verification', () => {
    const res = scoreStation(r({ requireVerifiedForStars: true }), station(self));
    expect(res.verified).toBe(false);
    expect(res.spotTotal).toBeNull();
    expect(res.deviation).toBeNull();
    expect(res.modules[0].spot).toBeNull();
    expect(res.flags[0]).toMatchObject({ code: 'UNVERIFIED', message: '未经抽查核实' });
    expect(res.stars).toBeNull();
    expect(res.total).toBe(92);
  });
  test('a spot party that scored nothing does not verify', () => {
    const res = scoreStation(r({}), station(self, party({ '1.1': blank })));
    expect(res.verified).toBe(false);
  });
});

describe('control items', () => {
  const r = rubric({
    total: 10,
    modules: [
      {
        id: '1',
        name: '制度建设',
        points: 10,
        children: [
          { id: '1.0', name: '党建引领', points: 0, scoring: { kind: 'control' } },
          { id: '1.1', name: '制度', points: 10, scoring: { kind: 'range' } },
        ],
      },
    ],
  });
  test('a control item not met blocks the star and is flagged', () => {
    const res = scoreStation(r, station(party({ '1.0': met(false), '1.1': pts(10) })));
    expect(res.items[0]).toMatchObject({ met: false, final: 0, status: 'scored' });
    expect(res.stars).toBeNull();
    expect(res.flags.map((f) => f.code)).toContain('CONTROL_NOT_MET');
    expect(scoreStation(r, station(party({ '1.0': met(true), '1.1': pts(10) }))).stars).toBe(1);
  });
});

describe('invalid entries', () => {
  const r = rubric({
    total: 20,
    modules: [
      {
        id: '1',
        name: '基础建设',
        points: 20,
        children: [{ id: '1.1.1', name: '服务场所面积', points: 20, scoring: { kind: 'range' } }],
      },
    ],
  });
  test('every problem at once, each with its cell', () => {
    let err: unknown;
    try {
      scoreStation(
        r,
        station(
          party({ '1.1.1': { value: pts(25), source: '城关镇.xlsx › 自评表!H23' }, '9.9': pts(1) }),
          party({ '1.1.1': { value: { kind: 'option', label: '是' }, source: '抽查汇总.xlsx › 抽查!D5' } }, { V9: true }),
        ),
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EntryError);
    expect(isUserError(err)).toBe(true);
    const e = err as EntryError;
    expect(e.problems.map((p) => [p.params.party, p.params.itemId])).toEqual([
      ['self', '1.1.1'],
      ['self', '9.9'],
      ['spot', '1.1.1'],
      ['spot', 'V9'],
    ]);
    expect(e.message).toBe(
      [
        '共 4 处评分输入有误：',
        '  城关镇.xlsx › 自评表!H23: 项目 1.1.1「服务场所面积」的得分 25 超过分值 20',
        '  自评: 本细则没有编号为 9.9 的评分项目',
        '  抽查汇总.xlsx › 抽查!D5: 项目 1.1.1「服务场所面积」应填分数，却填了选项',
        '  抽查: 本细则没有编号为 V9 的一票否决项',
      ].join('\n'),
    );
    expect(e.messageEn).toContain('城关镇.xlsx › 自评表!H23: item 1.1.1 "服务场所面积": score 25 exceeds the maximum 20');
    expect(e.exitCode).toBe(2);
  });
});

describe('result metadata', () => {
  test('tool given by the caller; rubric identity; station copied', () => {
    const r = flatRubric([{ id: '1', items: [{ id: '1.1', points: 10 }] }]);
    const res = scoreStation(r, { station: { name: '城关镇社工站', county: '示例县' }, self: party({ '1.1': pts(5) }) }, { tool: { name: 'station-eval', version: '9.9.9' } });
    expect(res.tool).toEqual({ name: 'station-eval', version: '9.9.9' });
    expect(res.formatVersion).toBe(2);
    expect(res.rubric).toMatchObject({ id: 'test', version: '1', title: '测试细则', sha256: r.sha256 });
    expect(res.station).toEqual({ name: '城关镇社工站', county: '示例县' });
    expect(scoreStation(r, station(party({ '1.1': pts(5) }))).tool).toEqual({ name: 'station-eval', version: '0.0.0' });
  });
});
