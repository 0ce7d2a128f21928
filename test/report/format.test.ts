import { describe, expect, it, test } from 'vitest';
import type { StationResult } from '../../src/score/types.js';
import { deviatingItems, formatDeviation, formatPercent, formatScore, inputText, minimumPoints, moduleMinimumAt, starsText, stationNotices, totalsText } from '../../src/report/format.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { fujianRubric, selfOnly, spotChecked } from './fixtures.js';

describe('report formatting', () => {
  it('formats scores exactly at the precision, half up', () => {
    expect(formatScore(972.2, 1)).toBe('972.2');
    expect(formatScore(0.1 + 0.2, 1)).toBe('0.3');
    expect(formatScore(2.25, 1)).toBe('2.3');
    expect(formatScore(1000, 0)).toBe('1000');
    expect(formatScore(null, 1, '—')).toBe('—');
    expect(formatDeviation(2.5, 1)).toBe('+2.5');
    expect(formatDeviation(-2, 1)).toBe('-2.0');
    expect(formatDeviation(0, 1)).toBe('0.0');
  });

  it('a value formatted at one precision does not leak into another (formatted values are cached)', () => {
    expect(formatScore(2.25, 1)).toBe('2.3');
    expect(formatScore(2.25, 2)).toBe('2.25');
    expect(formatScore(2.25, 0)).toBe('2');
    expect(formatScore(2.25, 1)).toBe('2.3');
    expect(formatScore(-0, 1)).toBe('0.0');
    expect(formatScore(-0.04, 1)).toBe('-0.0');
    for (let i = 0; i < 10_050; i++) formatScore(i / 8, 3); // past the cache's limit
    expect(formatScore(1.0625, 3)).toBe('1.063');
    expect(formatScore(12.5, 0)).toBe('13');
  });

  it('module minimums: percent of the module, points, per-module override', () => {
    expect(minimumPoints({ percent: 70 }, 150)).toBe(105);
    expect(minimumPoints({ percent: 35 }, 7.5)).toBe(2.625);
    expect(minimumPoints({ points: 12.5 }, 150)).toBe(12.5);
    expect(minimumPoints(undefined, 150)).toBeNull();
    const level = { level: 1, name: '一星级', minTotal: 600, moduleMinimum: { percent: 40 }, moduleMinimums: { '6': { points: 30 } }, requires: { controls: true, noVeto: true, verified: false } };
    expect(moduleMinimumAt(level, '1', 150)).toBe(60);
    expect(moduleMinimumAt(level, '6', 100)).toBe(30);
  });

  it('stars text', () => {
    expect(starsText(3, 5)).toBe('★★★☆☆');
    expect(starsText(null, 5)).toBe('无星级');
  });

  it('notices, most serious first', () => {
    expect(stationNotices(selfOnly, fujianRubric).map((n) => n.kind)).toEqual(['veto', 'incomplete', 'unverified', 'illustrative']);
    expect(stationNotices(spotChecked, fujianRubric).map((n) => n.kind)).toEqual(['verified', 'inflated', 'illustrative']);
  });

  it('deviating items: largest absolute deviation first, ties in document order', () => {
    expect(
      deviatingItems(spotChecked)
        .map((i) => [i.id, i.deviation])
        .slice(0, 6),
    ).toEqual([
      ['6.1.1', 10],
      ['1.1.1', 8],
      ['4.3.2', 7.5],
      ['5.5.1', 5.5],
      ['B2', 5],
      ['2.2.2', 4.5],
    ]);
    expect(deviatingItems(selfOnly)).toEqual([]);
  });
});

describe('totalsText: the totals in the same words in every report', () => {
  const base = (over: Partial<StationResult>): StationResult => ({ ...spotChecked, vetoes: [], ...over });
  test('城关镇: both above the maximum, one cap step', () => {
    const r = base({
      selfTotal: 1024,
      spotTotal: 1020,
      deviation: 4,
      total: 1000,
      maxTotal: 1000,
      verified: true,
      totalSteps: { start: 1020, unchecked: { items: [], bonusItems: [], points: 0 }, steps: [{ code: 'CLAMP_MAX', delta: -20, total: 1000, limit: 1000 }] },
    });
    const t = totalsText(r, 1);
    expect(t.parties).toBe('自评 1024.0 / 抽查 1020.0（均超过满分，按 1000 计）· 偏差 +4.0');
    expect(t.chain).toBe('核定 1020.0 → 超过满分，按 1000.0 计 −20.0 → 最终 1000.0');
    expect(totalsText(r, 1, 'en').parties).toBe('self 1024.0 / spot check 1020.0 (both above the maximum, counted as 1000) · deviation +4.0');
  });
  test('凤凰街道: self above the maximum, unchecked bonus items named, the penalty a step', () => {
    const r = base({
      selfTotal: 1010,
      spotTotal: 831,
      deviation: 179,
      total: 805,
      maxTotal: 1000,
      verified: true,
      totalSteps: { start: 831, unchecked: { items: ['B2', 'B4'], bonusItems: ['B2', 'B4'], points: 16 }, steps: [{ code: 'PENALTY', delta: -26, total: 805 }] },
    });
    const t = totalsText(r, 1);
    expect(t.parties).toBe('自评 1010.0（超过满分，按 1000 计）/ 抽查 831.0（含未抽查的加分项 2 项按自评计 16.0）· 偏差 +179.0');
    expect(t.chain).toBe('核定 831.0 → 自评虚高扣分 −26.0 → 最终 805.0');
  });
  test('unchecked station: no spot part, nothing changed', () => {
    const r = base({ selfTotal: 831, spotTotal: null, deviation: null, total: 831, verified: false, totalSteps: { start: 831, unchecked: null, steps: [] } });
    expect(totalsText(r, 1).parties).toBe('自评 831.0（未经抽查）');
    expect(totalsText(r, 1).chain).toBe('最终 831.0');
  });
  test('percent one way', () => {
    expect([formatPercent(80), formatPercent(76.66), formatPercent(100)]).toEqual(['80.0%', '76.7%', '100.0%']);
  });
});

describe('a rubric with scoring parties: the totals and notices name the parties, not 自评', () => {
  it('totalsText, the unverified notice', async () => {
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const { scoreStation } = await import('../../src/score/score-station.js');
    const rubric = await loadRubric('test/fixtures/rubrics/guangzhou-parties.yaml');
    const pts = (points: number) => ({ value: { kind: 'points' as const, points } });
    const r = scoreStation(rubric, {
      station: { name: '越秀区某街社工站' },
      self: { items: {} },
      parties: {
        evaluator: { items: { '1.1': pts(352.5), '1.2': pts(241) } },
        buyer: { items: { '2.1': pts(110), '2.2': pts(72) } },
        supervisor: { items: { '3.1': pts(55), '3.2': pts(36.5) } },
      },
    });
    expect(totalsText(r, 1).parties).toBe('评分方合计 867.0（未经抽查）');
    expect(totalsText(r, 1, 'en').parties).toBe('parties 867.0 (not spot-checked)');
    expect(stationNotices(r, rubric).find((n) => n.kind === 'unverified')?.text).toBe('未经抽查核实：本结果为各评分方（第三方评估机构、采购方、督导）的评分，未经抽查核实');
  });
});

describe('inputText: what a party entered, in words', () => {
  test('a checklist-deduction entry: the ticked conditions by name, the assessor’s deduction as entered', async () => {
    const rubric = await loadRubric('rubrics/community-elderly-care.yaml');
    expect(inputText(rubric, '3.4', 'a, b 扣 2 分')).toBe('管理档案、服务档案 扣 2 分');
    expect(inputText(rubric, '3.6', 'b')).toBe('专人负责，处理及时并有记录');
    expect(inputText(rubric, '3.6', '无 扣 1 分')).toBe('无 扣 1 分');
    expect(inputText(rubric, '3.1', 'a, b')).toBe('签约医护人员、社工、心理咨询师');
  });
});
