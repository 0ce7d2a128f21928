import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/problems/render.js';
import { compareYears, levelNamesOf, resolveYear } from '../../src/compare/compare-years.js';
import { commonYear, toYearRecord, yearOf } from '../../src/compare/year-record.js';
import type { StationComparison } from '../../src/compare/types.js';
import { makeRubric, record, result } from './fixtures.js';
import { must } from '../../src/util/must.js';

const R23 = makeRubric('2023.1');
const R24 = makeRubric('2023.1');
const byName = (rows: StationComparison[], name: string) => must(rows.find((r) => r.name === name));

describe('change kinds', () => {
  // 2023: A 85 (3★), B 92 (4★), C 72.5 (2★), D 65 (1★, absent in 2024); 2024: E new.
  const prev = [
    record(R23, { name: '城关镇', year: 2023, points: [35, 15, 35] }),
    record(R23, { name: '白沙镇', year: 2023, points: [38, 18, 36] }),
    record(R23, { name: '河口镇', year: 2023, points: [30, 12.5, 30] }),
    record(R23, { name: '石桥镇', year: 2023, points: [25, 10, 30] }),
  ];
  const cur = [
    record(R24, { name: '城关镇', year: 2024, points: [38, 18, 35.5] }),
    record(R24, { name: '白沙镇社工站', year: 2024, points: [30, 18, 30] }),
    record(R24, { name: '河口镇', year: 2024, points: [30, 12.5, 30.5] }),
    record(R24, { name: '青山乡', year: 2024, points: [40, 20, 35] }),
  ];
  const cmp = compareYears(prev, cur);

  it('labels up, down, same, new and absent with exact totals and deltas', () => {
    expect(cmp.year).toBe(2024);
    expect(cmp.previousYear).toBe(2023);
    expect(cmp.rows.map((r) => [r.name, r.change, r.previous?.total ?? null, r.current?.total ?? null, r.totalDelta])).toEqual([
      ['城关镇', 'up', 85, 91.5, 6.5],
      ['白沙镇社工站', 'down', 92, 78, -14],
      ['青山乡', 'new', null, 95, null],
      ['河口镇', 'same', 72.5, 73, 0.5],
      ['石桥镇', 'absent', 65, null, null],
    ]);
    expect(byName(cmp.rows, '白沙镇社工站').match).toBe('key');
    expect(cmp.problems).toEqual([]);
  });

  it('gives module deltas and the items that moved most, exactly', () => {
    const a = byName(cmp.rows, '城关镇');
    expect(a.depth).toBe('item');
    expect(a.modules).toEqual([
      { id: '1', name: '基础建设', previous: 50, current: 56, delta: 6 },
      { id: '2', name: '服务提供', previous: 35, current: 35.5, delta: 0.5 },
    ]);
    expect(a.movers.map((m) => [m.id, m.previous, m.current, m.delta])).toEqual([
      ['1.1', 35, 38, 3],
      ['1.2', 15, 18, 3],
      ['2.1', 35, 35.5, 0.5],
    ]);
    const d = byName(cmp.rows, '石桥镇');
    expect(d.modules.map((m) => [m.previous, m.current, m.delta])).toEqual([
      [35, null, null],
      [30, null, null],
    ]);
  });

  it('without certification rules the level in force is this year’s level; absent stations keep last year’s', () => {
    expect(cmp.certification).toBe(false);
    expect(cmp.rows.map((r) => [r.name, r.certificate.level, r.certificate.rule])).toEqual([
      ['城关镇', 4, 'no-rules'],
      ['白沙镇社工站', 2, 'no-rules'],
      ['青山乡', 4, 'no-rules'],
      ['河口镇', 2, 'no-rules'],
      ['石桥镇', 1, 'no-rules'],
    ]);
  });
});

describe('certification over two years', () => {
  const rules = { validityYears: 3, downgrade: 'one-level-per-year' as const, firstRatingMaxStars: 2, waitingYears: 1 };
  const prev = [
    record(R23, { name: '城关镇', year: 2023, points: [38, 18, 36] }), // 92 → 4★
    record(R23, { name: '石桥镇', year: 2023, points: [20, 10, 20] }), // 50 → no star
  ];
  const cur = [
    record(R24, { name: '城关镇', year: 2024, points: [30, 10, 25] }), // 65 → 1★
    record(R24, { name: '石桥镇', year: 2024, points: [40, 20, 35] }), // 95 → 4★ but waiting
    record(R24, { name: '青山乡', year: 2024, points: [40, 20, 35] }), // new 4★ → capped 2
  ];
  const cmp = compareYears(prev, cur, { certification: rules, levelNames: levelNamesOf(R24.data) });
  it('applies one-level downgrade, waiting period and the first-rating cap', () => {
    expect(cmp.rows.map((r) => [r.name, r.change, r.current?.stars, r.certificate.level, r.certificate.rule])).toEqual([
      ['石桥镇', 'up', 4, 0, 'waiting-period'],
      ['城关镇', 'down', 1, 3, 'downgrade-one-level'],
      ['青山乡', 'new', 4, 2, 'first-rating-cap'],
    ]);
    expect(byName(cmp.rows, '城关镇').certificate.reason).toBe('本年度评定一星级，低于原四星级；细则规定每年至多降一级，降为三星级');
  });
  it('uses a certificate recorded with last year’s result (expired, not renewed)', () => {
    const old = { ...record(R23, { name: '龙泉镇', year: 2023, points: [38, 18, 36] }), certificate: { level: 3, year: 2023, issuedYear: 2021, validUntil: 2023, firstCertifiedYear: 2021 } };
    const c = compareYears([old], [], { certification: rules, year: 2024, levelNames: levelNamesOf(R24.data) });
    expect(c.rows.map((r) => [r.change, r.certificate.level, r.certificate.rule])).toEqual([['absent', 0, 'expired']]);
    expect(c.rows[0].certificate.reason).toBe('三星级证书有效期 3 年，已于 2023 年底到期，本年度未参评复评，证书失效');
  });
});

describe('renamed and merged stations', () => {
  const prev = [
    record(R23, { name: '城关镇', year: 2023, points: [38, 18, 36] }), // 92 4★
    record(R23, { name: '东湖乡', year: 2023, points: [30, 12.5, 30] }), // 72.5 2★
    record(R23, { name: '西湖乡', year: 2023, points: [35, 15, 35] }), // 85 3★
    record(R23, { name: '北岭镇', year: 2023, points: [35, 15, 35] }),
  ];
  const cur = [
    record(R24, { name: '城关街道', year: 2024, points: [38, 18, 36] }),
    record(R24, { name: '两湖镇', year: 2024, points: [30, 10, 25] }), // 65 1★
    record(R24, { name: '北岭镇', year: 2024, points: [35, 15, 35] }),
  ];
  const mapping = [
    { fromName: '城关镇', fromCounty: '示例县', toName: '城关街道', toCounty: '示例县', location: { file: '对照表.xlsx', sheet: 'Sheet1', cell: 'A2' } },
    { fromName: '东湖乡', toName: '两湖镇', location: { file: '对照表.xlsx', sheet: 'Sheet1', cell: 'A3' } },
    { fromName: '西湖乡', toName: '两湖镇', location: { file: '对照表.xlsx', sheet: 'Sheet1', cell: 'A4' } },
    { fromName: '不存在乡', toName: '两湖镇', location: { file: '对照表.xlsx', sheet: 'Sheet1', cell: 'A5' } },
  ];
  const cmp = compareYears(prev, cur, { mapping });
  it('pairs a renamed station through the mapping', () => {
    const r = byName(cmp.rows, '城关街道');
    expect([r.match, r.change, r.totalDelta, r.previousNames]).toEqual(['mapping', 'same', 0, ['示例县 城关镇']]);
    expect(r.notes).toEqual(['原名 示例县 城关镇']);
  });
  it('compares a merged station with the predecessor holding the highest level, and lists none of them as absent', () => {
    const r = byName(cmp.rows, '两湖镇');
    expect([r.match, r.change, r.previous?.total, r.previous?.stars, r.current?.stars]).toEqual(['merged', 'down', 85, 3, 1]);
    expect(r.previousNames).toEqual(['示例县 东湖乡', '示例县 西湖乡']);
    expect(r.notes).toEqual(['由 示例县 东湖乡、示例县 西湖乡 合并', '合并站点与证书等级最高的原站点“西湖乡”比较']);
    expect(cmp.rows.filter((x) => x.change === 'absent')).toEqual([]);
  });
  it('reports a mapping row that finds nothing', () => {
    expect(cmp.problems).toEqual([
      { code: 'MAPPING_UNMATCHED', severity: 'warning', location: { file: '对照表.xlsx', sheet: 'Sheet1', cell: 'A5' }, params: { side: 'previous', station: { name: '不存在乡' } } },
    ]);
    expect(formatProblem(cmp.problems[0], 'zh')).toBe('对照表.xlsx › Sheet1!A5: 对照表中的原站点“不存在乡”在上年度结果中找不到');
    expect(formatProblem(cmp.problems[0], 'en')).toBe('对照表.xlsx › Sheet1!A5: the mapping\'s old station "不存在乡" is not in last year\'s results');
  });
});

describe('station codes and ambiguity', () => {
  it('matches by station code across a rename and a county change', () => {
    const prev = [record(R23, { name: '老城镇', county: '甲县', code: 'FJ-001', year: 2023, points: [35, 15, 35] })];
    const cur = [record(R24, { name: '新城街道', county: '甲区', code: 'fj-001 ', year: 2024, points: [35, 15, 35] })];
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.name, r.match, r.change])).toEqual([['新城街道', 'code', 'same']]);
  });
  it('never pairs two stations with different codes by name', () => {
    const prev = [record(R23, { name: '城关镇', code: 'A1', year: 2023, points: [35, 15, 35] })];
    const cur = [record(R24, { name: '城关镇', code: 'B2', year: 2024, points: [35, 15, 35] })];
    expect(compareYears(prev, cur).rows.map((r) => r.change)).toEqual(['new', 'absent']);
  });
  it('reports a name that fits two stations of last year (no county this year) and guesses nothing', () => {
    const prev = [record(R23, { name: '城关镇', county: '甲县', year: 2023, points: [35, 15, 35] }), record(R23, { name: '城关镇', county: '乙县', year: 2023, points: [35, 15, 35] })];
    const cur = [record(R24, { name: '城关镇', county: '', year: 2024, points: [35, 15, 35] })];
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.county, r.match, r.change])).toEqual([
      ['', 'ambiguous', 'new'],
      ['乙县', 'none', 'absent'],
      ['甲县', 'none', 'absent'],
    ]);
    expect(c.problems.map((p) => formatProblem(p, 'zh'))).toEqual([
      '本年度站点“城关镇”对应上年度多个站点（甲县 城关镇、乙县 城关镇），无法判断是哪一个，按未匹配处理；请填写所属县(市、区)或站点编码，或在对照表中写明',
    ]);
  });
  it('pairs by name alone when one side has no county and the name is unique', () => {
    const prev = [record(R23, { name: '城关镇', county: '', year: 2023, points: [35, 15, 35] })];
    const cur = [record(R24, { name: '城关镇', county: '甲县', year: 2024, points: [36, 15, 35] })];
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.match, r.change, r.totalDelta])).toEqual([['name', 'same', 1]]);
  });
});

describe('the planner’s matching rules, year over year', () => {
  it('never pairs a same-named station of another county, and names both', () => {
    const prev = [record(R23, { name: '城关镇社工站', county: '甲县', year: 2023, points: [35, 15, 35] })]; // 85
    const cur = [record(R24, { name: '城关镇', county: '乙县', year: 2024, points: [38, 18, 35.5] })]; // 91.5
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.county, r.name, r.match, r.change, r.previous?.total ?? null, r.current?.total ?? null])).toEqual([
      ['乙县', '城关镇', 'none', 'new', null, 91.5],
      ['甲县', '城关镇社工站', 'none', 'absent', 85, null],
    ]);
    expect(c.problems).toEqual([
      { code: 'MATCH_OTHER_COUNTY', severity: 'warning', location: {}, params: { station: { name: '城关镇', county: '乙县' }, previous: { name: '城关镇社工站', county: '甲县' } } },
    ]);
    expect(formatProblem(c.problems[0], 'zh')).toBe(
      '本年度站点“乙县 城关镇”与上年度站点“甲县 城关镇社工站”同名但不属于同一个县(市、区)，未匹配；如确为同一站点，请核对所属县(市、区)，或在对照表中写明、填写站点编码',
    );
    expect(formatProblem(c.problems[0], 'en')).toBe(
      'this year\'s station "城关镇 (乙县)" has the name of last year\'s "城关镇社工站 (甲县)" but another county: not matched; if it is the same station, check the county, or use the mapping or a station code',
    );
  });
  it('says nothing of a namesake that its own station of this year took', () => {
    const prev = [record(R23, { name: '城关镇', county: '乙县', year: 2023, points: [35, 15, 35] })]; // 85
    const cur = [record(R24, { name: '城关镇', county: '甲县', year: 2024, points: [30, 10, 25] }), record(R24, { name: '城关镇', county: '乙县', year: 2024, points: [38, 18, 35.5] })];
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.county, r.match, r.change, r.previous?.total ?? null, r.current?.total ?? null])).toEqual([
      ['乙县', 'key', 'up', 85, 91.5],
      ['甲县', 'none', 'new', null, 65],
    ]);
    expect(c.problems).toEqual([]);
  });
  it('pairs a name written with spaces, full-width characters, a suffix or the county in front', () => {
    const prev = [
      record(R23, { name: '城关镇', county: '甲县', year: 2023, points: [35, 15, 35] }), // 85
      record(R23, { name: 'ＡＢ街道', county: '甲县', year: 2023, points: [30, 12.5, 30] }), // 72.5
      record(R23, { name: '甲县东湖乡', county: '甲县', year: 2023, points: [38, 18, 36] }), // 92
    ];
    const cur = [
      record(R24, { name: '城 关 镇 社会工作服务站', county: '甲县 民政局', year: 2024, points: [38, 18, 35.5] }), // 91.5
      record(R24, { name: 'AB街道社工站', county: '甲县', year: 2024, points: [30, 12.5, 30] }), // 72.5
      record(R24, { name: '东湖乡　社工站', county: '甲县', year: 2024, points: [30, 10, 25] }), // 65
    ];
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.name, r.match, r.change, r.previous?.total ?? null, r.totalDelta])).toEqual([
      ['城 关 镇 社会工作服务站', 'key', 'up', 85, 6.5],
      ['东湖乡　社工站', 'key', 'down', 92, -27],
      ['AB街道社工站', 'key', 'same', 72.5, 0],
    ]);
    expect(c.problems).toEqual([]);
  });
  it('refuses a station two of this year’s fit (same county and name), pairing neither', () => {
    const prev = [record(R23, { name: '城关镇', county: '甲县', year: 2023, points: [35, 15, 35] })];
    const cur = [record(R24, { name: '城关镇社工站', county: '甲县', year: 2024, points: [38, 18, 35.5] }), record(R24, { name: '城关镇', county: '甲县', year: 2024, points: [30, 10, 25] })];
    const c = compareYears(prev, cur);
    expect(c.rows.map((r) => [r.name, r.match, r.change, r.current?.total ?? null])).toEqual([
      ['城关镇', 'ambiguous', 'new', 65],
      ['城关镇社工站', 'ambiguous', 'new', 91.5],
      ['城关镇', 'none', 'absent', null],
    ]);
    expect(c.problems.map((p) => [p.code, formatProblem(p, 'zh')])).toEqual([
      [
        'MATCH_AMBIGUOUS',
        '本年度站点“甲县 城关镇社工站”对应上年度“甲县 城关镇”，但本年度有多个站点都对应它（甲县 城关镇社工站、甲县 城关镇），无法判断是哪一个，“甲县 城关镇社工站”按未匹配处理；请填写所属县(市、区)或站点编码，或在对照表中写明',
      ],
      [
        'MATCH_AMBIGUOUS',
        '本年度站点“甲县 城关镇”对应上年度“甲县 城关镇”，但本年度有多个站点都对应它（甲县 城关镇社工站、甲县 城关镇），无法判断是哪一个，“甲县 城关镇”按未匹配处理；请填写所属县(市、区)或站点编码，或在对照表中写明',
      ],
    ]);
  });
});

describe('rubric version change', () => {
  it('compares at module level only when item ids differ, with a note', () => {
    const old = makeRubric('2022.1', ['1.1', '1.3', '2.1']);
    const c = compareYears([record(old, { name: '城关镇', year: 2023, points: [35, 15, 35] })], [record(R24, { name: '城关镇', year: 2024, points: [38, 15, 35] })]);
    const r = c.rows[0];
    expect([r.depth, r.movers, r.totalDelta]).toEqual(['module', [], 3]);
    expect(r.modules.map((m) => m.delta)).toEqual([3, 0]);
    expect(r.notes).toEqual(['上年度细则（yoy-test 2022.1）与本年度（yoy-test 2023.1）的指标编号不同，仅按模块比较']);
  });
  it('still compares item by item when only the version changed', () => {
    const old = makeRubric('2022.1');
    const c = compareYears([record(old, { name: '城关镇', year: 2023, points: [35, 15, 35] })], [record(R24, { name: '城关镇', year: 2024, points: [38, 15, 35] })]);
    expect([c.rows[0].depth, c.rows[0].movers.map((m) => m.id)]).toEqual(['item', ['1.1']]);
    expect(c.rows[0].notes).toEqual(['细则版本不同（上年 yoy-test 2022.1，本年 yoy-test 2023.1），指标编号一致，逐项比较']);
  });
});

describe('years', () => {
  it('reads the year from numbers and texts', () => {
    expect([yearOf(2024), yearOf('2024年度'), yearOf(' 2023 年'), yearOf('二〇二四'), yearOf(undefined), yearOf(24)]).toEqual([2024, 2024, 2023, null, null, null]);
  });
  it('this year is --year, else the most common stated year, else last year + 1', () => {
    expect(commonYear([2024, 2023, 2024, null])).toBe(2024);
    expect(resolveYear([{ year: 2023 }], [{ year: 2024 }], 2025)).toBe(2025);
    expect(resolveYear([{ year: 2023 }], [{ year: null }])).toBe(2024);
    expect(resolveYear([{ year: 2022 }], [{ year: 2024 }, { year: 2024 }, { year: 2023 }])).toBe(2024);
  });
  it('keeps the certificate recorded in a result', () => {
    const r = { ...result(R23, { name: 'x', year: 2023, points: [1, 1, 1] }), certificate: { level: 2, year: 2023, rule: 'kept' as const } };
    expect(toYearRecord(r).certificate).toEqual({ level: 2, year: 2023, rule: 'kept' });
  });
});
