import { describe, expect, test } from 'vitest';
import { starLines } from '../../src/rubric/render-rubric.js';
import { must } from '../../src/util/must.js';
import { edit, validate } from './fixture.js';

describe('starLines (rubric show)', () => {
  test('a quota on each of two levels is shown on its level, with its rounding and ties', () => {
    const text = edit(
      '    - { level: 1, name: 一星级, minTotal: 6 }\n    - { level: 2, name: 二星级, minTotal: 8 }\n',
      '    - { level: 1, name: 一星级, minTotal: 6, quota: { share: 0.2, rounding: ceil } }\n    - { level: 2, name: 二星级, minTotal: 8, quota: { share: 0.1, ties: exclude } }\n',
    );
    const rubric = must(validate(text).rubric);
    const lines = starLines(rubric, 'zh').filter((l) => l.includes('名额'));
    expect(lines).toEqual([
      '二星级 (level 2): ≥ 8；控制项全部达标、无否决；名额：参与本级核定站点的前 10%（向下取整，分数线上同分放不下则均不入选；批量评定中逐级核定）',
      '一星级 (level 1): ≥ 6；控制项全部达标、无否决；名额：参与本级核定站点的前 20%（向上取整，分数线上同分均入选；批量评定中逐级核定）',
    ]);
    expect(starLines(rubric, 'en').filter((l) => l.includes('quota'))[0]).toBe(
      '二星级 (level 2): ≥ 8; all control items met, no veto; quota: the top 10% of the stations competing for this level (rounded down, ties at the cut-off that do not all fit get none; applied level by level in batch)',
    );
  });
});
