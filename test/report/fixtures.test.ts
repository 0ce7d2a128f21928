import { describe, expect, it } from 'vitest';
import { fujianRubric, selfOnly, spotChecked } from './fixtures.js';

describe('report fixtures', () => {
  it('has six modules, 61 + 2 items and 1000 points', () => {
    expect(fujianRubric.data.modules.map((m) => m.points)).toEqual([150, 150, 150, 200, 250, 100]);
    expect(fujianRubric.index.items.length).toBe(63);
  });
  it('spot-checked station: exact totals', () => {
    expect([spotChecked.total, spotChecked.baseTotal, spotChecked.bonus, spotChecked.selfTotal, spotChecked.spotTotal, spotChecked.deviation]).toEqual([924.2, 914.2, 10, 964.5, 924.2, 40.3]);
    expect(spotChecked.modules.map((m) => m.final)).toEqual([136.5, 142.5, 144.2, 185.5, 230.5, 75]);
    expect(spotChecked.modules.map((m) => m.rescaled)).toEqual([false, false, true, false, false, false]);
  });
  it('self-only station: blank, veto, no star', () => {
    expect(selfOnly.total).toBe(962.5);
    expect(selfOnly.blankItems).toEqual(['2.3.1']);
    expect(selfOnly.complete).toBe(false);
    expect(selfOnly.modules.map((m) => m.final)).toEqual([147.5, 130, 150, 195, 250, 90]);
  });
});
