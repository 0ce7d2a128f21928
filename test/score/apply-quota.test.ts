import { describe, expect, it } from 'vitest';
import { applyQuota, describeQuota, quotaPlaces } from '../../src/score/apply-quota.js';
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
    expect(res.quota).toEqual({ level: 2, share: 0.1, rounding: 'floor', ties: 'include', status: 'provisional' });
    expect(res.flags.map((f) => f.code)).toContain('QUOTA_PROVISIONAL');
    expect(res.starReason).toBe('总分 90 ≥ 85 → 二星级（暂定：二星级限前 10% 名额，须在批量评定中按名额核定）');
  });

  it('granted: the level stays, with rank and cut-off; lost: it drops to the next level met', () => {
    const d = applyQuota(2, { share: 0.1, rounding: 'floor', ties: 'include' }, [{ key: 'x', total: 90 }, ...twentyThree.slice(0, 22).map((c) => ({ ...c, total: c.total - 400 }))]);
    const granted = scoreStation(r, s, { quota: must(d.get('s01')) });
    expect(granted.stars).toBe(2);
    expect(granted.quota).toMatchObject({ status: 'granted', rank: 1, qualifying: 23, places: 2, cutoff: 99 });
    const lost = scoreStation(r, s, { quota: must(d.get('x')) });
    expect(lost.stars).toBe(1);
    expect(lost.quota).toMatchObject({ status: 'lost', rank: 11, qualifying: 23, places: 2, cutoff: 99 });
    expect(lost.starReason).toBe('总分 90 ≥ 85，但二星级未获名额（名额：排名第 11/23，名额 2 个（23 × 10% = 2.3，向下取整），分数线 99）；总分 90 ≥ 60 → 一星级');
    expect(lost.flags.map((f) => f.code)).not.toContain('QUOTA_PROVISIONAL');
    expect(lost.nextStar?.needs.map((n) => n.kind)).toEqual(['quota']);
  });
});
