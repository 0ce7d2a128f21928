import { describe, expect, it } from 'vitest';
import { applyQuota, applyQuotas, describeQuota, quotaPlaces } from '../../src/score/apply-quota.js';
import { scoreStation } from '../../src/score/score-station.js';
import { flatRubric, party, pts, station } from './helpers.js';
import { must } from '../../src/util/must.js';

/** 23 qualifying stations: totals 500, 499, …, 478 (one each). */
const twentyThree = Array.from({ length: 23 }, (_, i) => ({ key: `s${String(i + 1).padStart(2, '0')}`, total: 500 - i }));

describe('quotaPlaces', () => {
  it('23 qualifying × 10 % = 2.3: floor 2, ceil 3, round 2; 25 × 10 % = 2.5: round 3', () => {
    expect(quotaPlaces(0.1, 23, 'floor')).toBe(2);
    expect(quotaPlaces(0.1, 23, 'ceil')).toBe(3);
    expect(quotaPlaces(0.1, 23, 'round')).toBe(2);
    expect(quotaPlaces(0.1, 25, 'round')).toBe(3);
    expect(quotaPlaces(0.1, 5, 'floor')).toBe(0);
    expect(quotaPlaces(1, 7, 'ceil')).toBe(7);
  });
});

describe('applyQuota', () => {
  it('23 qualifying, top 10 % rounded down: the first 2 get the level, cut-off 499', () => {
    const d = applyQuota(5, { share: 0.1, rounding: 'floor', ties: 'include' }, twentyThree);
    expect(d.get('s01')).toEqual({ level: 5, share: 0.1, rounding: 'floor', ties: 'include', status: 'granted', rank: 1, qualifying: 23, places: 2, cutoff: 499, atCutoff: 1 });
    expect(d.get('s02')).toMatchObject({ status: 'granted', rank: 2, cutoff: 499 });
    expect(d.get('s03')).toMatchObject({ status: 'lost', rank: 3, places: 2, cutoff: 499 });
    expect([...d.values()].filter((o) => o.status === 'granted')).toHaveLength(2);
    expect(describeQuota(must(d.get('s03'))).zh).toBe('名额：排名第 3/23，名额 2 个（23 × 10% = 2.3，向下取整），分数线 499');
  });

  it('a tie at the cut-off: include gives all tied stations the level, exclude none of them', () => {
    const c = [{ key: 'a', total: 500 }, { key: 'b', total: 490.5 }, { key: 'c', total: 490.5 }, ...Array.from({ length: 20 }, (_, i) => ({ key: `z${i}`, total: 480 - i }))];
    const inc = applyQuota(5, { share: 0.1, rounding: 'floor', ties: 'include' }, c);
    expect(['a', 'b', 'c'].map((k) => [must(inc.get(k)).status, must(inc.get(k)).rank])).toEqual([
      ['granted', 1],
      ['granted', 2],
      ['granted', 2],
    ]);
    expect(inc.get('b')).toMatchObject({ places: 2, cutoff: 490.5, atCutoff: 2 });
    expect(must(inc.get('z0')).status).toBe('lost');
    const exc = applyQuota(5, { share: 0.1, rounding: 'floor', ties: 'exclude' }, c);
    expect(['a', 'b', 'c'].map((k) => must(exc.get(k)).status)).toEqual(['granted', 'lost', 'lost']);
    expect(describeQuota(must(exc.get('b'))).zh).toBe('名额：排名第 2/23，名额 2 个（23 × 10% = 2.3，向下取整），分数线 490.5（分数线上同分 2 站，并列超出名额者均不入选）');
  });

  it('no places (5 × 10 % rounded down = 0): nobody gets the level, no cut-off', () => {
    const d = applyQuota(5, { share: 0.1, rounding: 'floor', ties: 'include' }, twentyThree.slice(0, 5));
    expect([...d.values()].map((o) => [o.status, o.places, o.cutoff])).toEqual(Array.from({ length: 5 }, () => ['lost', 0, null]));
  });
});

describe('scoreStation with a quota on the top level', () => {
  const r = flatRubric([{ id: '1', items: [{ id: '1.1', points: 100 }] }], {
    stars: {
      levels: [
        { level: 1, name: '一星级', minTotal: 60 },
        { level: 2, name: '二星级', minTotal: 85, quota: { share: 0.1 } },
      ],
    },
  });
  const s = station(party({ '1.1': pts(90) }));

  it('alone, the level is provisional: flag QUOTA_PROVISIONAL and result.quota says so', () => {
    const res = scoreStation(r, s);
    expect(res.stars).toBe(2);
    expect(res.quota).toEqual({ level: 2, share: 0.1, rounding: 'floor', ties: 'include', status: 'provisional', eligible: [2, 1] });
    expect(res.flags.map((f) => f.code)).toContain('QUOTA_PROVISIONAL');
    expect(res.starReason).toBe('总分 90 ≥ 85 → 二星级（暂定：二星级限前 10% 名额，须在批量评定中按名额核定）');
  });

  it('granted: the level stays, with rank and cut-off; lost: it drops to the next level met', () => {
    const d = applyQuota(2, { share: 0.1, rounding: 'floor', ties: 'include' }, [{ key: 'x', total: 90 }, ...twentyThree.slice(0, 22).map((c) => ({ ...c, total: c.total - 400 }))]);
    const granted = scoreStation(r, s, { quotas: [must(d.get('s01'))] });
    expect(granted.stars).toBe(2);
    expect(granted.quota).toMatchObject({ status: 'granted', rank: 1, qualifying: 23, places: 2, cutoff: 99 });
    const lost = scoreStation(r, s, { quotas: [must(d.get('x'))] });
    expect(lost.stars).toBe(1);
    expect(lost.quota).toMatchObject({ status: 'lost', rank: 11, qualifying: 23, places: 2, cutoff: 99 });
    expect(lost.starReason).toBe('总分 90 ≥ 85，但二星级未获名额（名额：排名第 11/23，名额 2 个（23 × 10% = 2.3，向下取整），分数线 99）；总分 90 ≥ 60 → 一星级');
    expect(lost.flags.map((f) => f.code)).not.toContain('QUOTA_PROVISIONAL');
    expect(lost.nextStar?.needs.map((n) => n.kind)).toEqual(['quota']);
  });
});

/**
 * The cascade: 三星级 (≥ 90) top 10 %, 二星级 (≥ 85) top 20 %, 一星级 (≥ 60) no quota.
 * s01 … s20 total 100 … 81 (s01 … s11 meet 三星级, s12 … s16 二星级, the rest 一星级);
 * station c totals 95.5 but is capped at 二星级 (it applied for it), so it meets 二星级 and 一星级 only.
 */
describe('applyQuotas: quotas on several levels, top-down', () => {
  const levels = [
    { level: 1 },
    { level: 2, quota: { share: 0.2, rounding: 'floor' as const, ties: 'include' as const } },
    { level: 3, quota: { share: 0.1, rounding: 'floor' as const, ties: 'include' as const } },
  ];
  const eligibleOf = (t: number) => (t >= 90 ? [3, 2, 1] : t >= 85 ? [2, 1] : [1]);
  const candidates = [
    ...Array.from({ length: 20 }, (_, i) => ({ key: `s${String(i + 1).padStart(2, '0')}`, total: 100 - i, eligible: eligibleOf(100 - i) })),
    { key: 'c', total: 95.5, eligible: [2, 1] },
  ];
  const d = applyQuotas(levels, candidates);
  const brief = (key: string) => (d.get(key) ?? []).map((o) => [o.level, o.status, o.rank, o.qualifying, o.places, o.cutoff]);

  it('三星级: 11 compete, 11 × 10 % = 1.1 → 1 place; the 10 who lose fall to 二星级 and compete there with the 5 that meet it and c: 16 × 20 % = 3.2 → 3', () => {
    expect(brief('s01')).toEqual([[3, 'granted', 1, 11, 1, 100]]);
    expect(brief('s02')).toEqual([
      [3, 'lost', 2, 11, 1, 100],
      [2, 'granted', 1, 16, 3, 97],
    ]);
    expect(brief('s04')).toEqual([
      [3, 'lost', 4, 11, 1, 100],
      [2, 'granted', 3, 16, 3, 97],
    ]);
    expect(brief('s05')).toEqual([
      [3, 'lost', 5, 11, 1, 100],
      [2, 'lost', 4, 16, 3, 97],
    ]);
    // c (95.5, capped at 二星级) never competes for 三星级, and ranks 5th of the 16 for 二星级.
    expect(brief('c')).toEqual([[2, 'lost', 5, 16, 3, 97]]);
    expect(brief('s12')).toEqual([[2, 'lost', 12, 16, 3, 97]]);
    // 一星级 has no quota: stations that only meet it compete for nothing.
    expect(d.has('s17')).toBe(false);
    const granted = [...d.values()].map((os) => os[os.length - 1]).filter((o) => o.status === 'granted');
    expect(granted.map((o) => o.level)).toEqual([3, 2, 2, 2]);
  });

  it('a quota on the lowest level: losers get no level', () => {
    const one = applyQuotas(
      [{ level: 1, quota: { share: 0.5, rounding: 'ceil', ties: 'include' } }],
      [
        { key: 'a', total: 70, eligible: [1] },
        { key: 'b', total: 65, eligible: [1] },
        { key: 'c', total: 61, eligible: [1] },
      ],
    );
    expect([...one].map(([k, os]) => [k, os.map((o) => [o.status, o.places, o.cutoff])])).toEqual([
      ['a', [['granted', 2, 65]]],
      ['b', [['granted', 2, 65]]],
      ['c', [['lost', 2, 65]]],
    ]);
  });
});

describe('scoreStation with cascading quotas', () => {
  const r = flatRubric([{ id: '1', items: [{ id: '1.1', points: 100 }] }], {
    stars: {
      levels: [
        { level: 1, name: '一星级', minTotal: 60 },
        { level: 2, name: '二星级', minTotal: 85, quota: { share: 0.2 } },
        { level: 3, name: '三星级', minTotal: 90, quota: { share: 0.1 } },
      ],
    },
  });
  const s = station(party({ '1.1': pts(95) }));
  const lost3 = { level: 3, share: 0.1, rounding: 'floor' as const, ties: 'include' as const, status: 'lost' as const, rank: 6, qualifying: 11, places: 1, cutoff: 100, atCutoff: 1 };

  it('alone: provisional 三星级, with the levels it meets', () => {
    const res = scoreStation(r, s);
    expect([res.stars, res.quota]).toEqual([3, { level: 3, share: 0.1, rounding: 'floor', ties: 'include', status: 'provisional', eligible: [3, 2, 1] }]);
  });

  it('lost 三星级, granted 二星级: the reason names both, result.quota is the 二星级 decision and result.quotas both', () => {
    const granted2 = { ...lost3, level: 2, share: 0.2, status: 'granted' as const, rank: 2, qualifying: 16, places: 3, cutoff: 97 };
    const res = scoreStation(r, s, { quotas: [lost3, granted2] });
    expect(res.stars).toBe(2);
    expect(res.quota).toEqual(granted2);
    expect(res.quotas).toEqual([lost3, granted2]);
    expect(res.starReason).toBe(
      '总分 95 ≥ 90，但三星级未获名额（名额：排名第 6/11，名额 1 个（11 × 10% = 1.1，向下取整），分数线 100）；总分 95 ≥ 85 → 二星级；名额：排名第 2/16，名额 3 个（16 × 20% = 3.2，向下取整），分数线 97',
    );
    expect(res.flags.map((f) => f.code)).not.toContain('QUOTA_PROVISIONAL');
  });

  it('lost both: 一星级, and the reason gives each level lost with its rank and cut-off', () => {
    const lost2 = { ...lost3, level: 2, share: 0.2, rank: 5, qualifying: 16, places: 3, cutoff: 97 };
    const res = scoreStation(r, s, { quotas: [lost3, lost2] });
    expect(res.stars).toBe(1);
    expect(res.quota).toEqual(lost2);
    expect(res.starReason).toBe(
      '三星级未获名额（名额：排名第 6/11，名额 1 个（11 × 10% = 1.1，向下取整），分数线 100）；总分 95 ≥ 85，但二星级未获名额（名额：排名第 5/16，名额 3 个（16 × 20% = 3.2，向下取整），分数线 97）；总分 95 ≥ 60 → 一星级',
    );
    expect(res.nextStar?.level).toBe(2);
    expect(res.nextStar?.needs.map((n) => n.kind)).toEqual(['quota']);
  });
});
