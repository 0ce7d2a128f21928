import { describe, expect, it } from 'vitest';
import { compareYears } from '../../src/compare/compare-years.js';
import { starMovement } from '../../src/compare/star-movement.js';
import { makeRubric, record } from './fixtures.js';

describe('starMovement', () => {
  it('counts previous × current levels, with 新参评 and 未参评', () => {
    const r = makeRubric();
    const cmp = compareYears(
      [
        record(r, { name: 'a', year: 2023, points: [38, 18, 36] }), // 92 → 4
        record(r, { name: 'b', year: 2023, points: [35, 15, 35] }), // 85 → 3
        record(r, { name: 'c', year: 2023, points: [20, 10, 20] }), // 50 → none
      ],
      [
        record(r, { name: 'a', year: 2024, points: [35, 15, 35] }), // 3
        record(r, { name: 'c', year: 2024, points: [35, 15, 35] }), // 3
        record(r, { name: 'd', year: 2024, points: [20, 10, 20] }), // new, none
      ],
    );
    const m = starMovement(cmp.rows, r.data.stars.levels);
    expect(m.rows).toEqual(['四星级', '三星级', '二星级', '一星级', '无星级', '新参评']);
    expect(m.columns).toEqual(['四星级', '三星级', '二星级', '一星级', '无星级', '未参评']);
    expect(m.counts).toEqual([
      [0, 1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0],
      [0, 0, 0, 0, 1, 0],
    ]);
  });
});
