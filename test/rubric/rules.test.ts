/**
 * Every semantic rule with a failing and a passing fixture. The fixtures are
 * edits of test/fixtures/rubrics/minimal.yaml (which validates with no
 * diagnostic at all); line numbers refer to that file.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rubric/rules/index.js';
import { brief, codes, edit, MINIMAL, validate } from './fixture.js';
import { must } from '../../src/util/must.js';
import { messageOf } from '../../src/problems/render.js';

const STARS = `stars:
  levels:
    - { level: 1, name: 一星级, minTotal: 6 }
    - { level: 2, name: 二星级, minTotal: 8 }
`;
const withStars = (levels: string, extra = '') => edit(STARS, `stars:\n${extra}  levels:\n${levels}`);

describe('the minimal fixture', () => {
  it('validates with no diagnostic and yields a rubric', () => {
    const r = validate(MINIMAL);
    expect(r.diagnostics).toEqual([]);
    expect(r.rubric?.index.items.map((i) => i.id)).toEqual(['1.1', '1.2', '2.1', '2.2']);
  });

  it('lists every rule by a unique name', () => {
    const names = rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(25);
  });
});

describe('childrenSumToParent', () => {
  it('fails when children add up to less than the parent (the 135 vs 125 case)', () => {
    const r = validate(edit('    points: 6\n', '    points: 7\n'));
    const d = must(r.diagnostics.find((x) => x.code === 'RUBRIC_SUM_MISMATCH'));
    expect([d.line, d.column, d.path, d.received, d.expected]).toEqual([9, 13, 'modules[0].points', 6, 7]);
    expect(messageOf(d, 'zh')).toBe('1「基础建设」的分值为 7，但 2 个下级合计 6');
    expect(r.rubric).toBeUndefined();
  });
  it('passes with decimals that float arithmetic gets wrong (0.1 + 0.2 = 0.3)', () => {
    let text = edit('        points: 4\n        scoring: { kind: tiers, unit: ㎡, tiers: [{ min: 60, points: 4 }, { min: 40, points: 2 }] }', '        points: 3.9\n        scoring: { kind: range }');
    text = edit(
      '        points: 2\n        scoring:\n          kind: choice\n          options:\n            - { label: 门外醒目, points: 2 }\n            - { label: 室内, points: 1 }',
      '        points: 2.1\n        scoring: { kind: range }',
      text,
    );
    expect(codes(text)).not.toContain('RUBRIC_SUM_MISMATCH');
    const t2 = edit('    points: 6\n', '    points: 0.3\n', text.replace('points: 3.9', 'points: 0.1').replace('points: 2.1', 'points: 0.2'));
    expect(codes(t2)).not.toContain('RUBRIC_SUM_MISMATCH');
  });
});

describe('modulesSumToTotal', () => {
  it('fails when the modules do not add up to total', () => {
    const d = must(validate(edit('total: 10', 'total: 1000')).diagnostics.find((x) => x.code === 'RUBRIC_TOTAL_MISMATCH'));
    expect([d.line, d.column, d.received, d.expected]).toEqual([5, 8, 10, 1000]);
  });
  it('passes when they do', () => expect(codes(MINIMAL)).not.toContain('RUBRIC_TOTAL_MISMATCH'));
});

describe('idsUnique', () => {
  it('fails on a repeated id, pointing at the second and naming the first line', () => {
    const d = must(validate(edit('id: "2.2"', 'id: "2.1"')).diagnostics.find((x) => x.code === 'RUBRIC_DUPLICATE_ID'));
    expect([d.line, d.column, d.path]).toEqual([31, 13, 'modules[1].children[1].id']);
    expect(messageOf(d, 'zh')).toContain('第 27 行');
  });
  it('fails on a veto id equal to a node id', () => {
    const text = `${MINIMAL}vetoes:\n  - { id: "1", name: 弄虚作假, effect: no-star }\n`;
    expect(brief(validate(text).diagnostics)).toEqual(['40:11 error RUBRIC_DUPLICATE_ID']);
  });
  it('fails on repeated checklist condition ids', () => {
    const text = edit('scoring: { kind: deduction, per: 1 }', 'scoring: { kind: checklist, conditions: [{ id: a, label: 甲, points: 2 }, { id: a, label: 乙, points: 2 }] }');
    expect(codes(text)).toEqual(['RUBRIC_DUPLICATE_CONDITION_ID']);
  });
  it('passes with distinct ids', () => {
    const text = `${MINIMAL}vetoes:\n  - { id: V1, name: 弄虚作假, effect: no-star }\n`;
    expect(validate(text).diagnostics).toEqual([]);
  });
});

describe('idsNestedUnderParent', () => {
  it('fails when a child id does not extend its parent id', () => {
    expect(brief(validate(edit('id: "2.1"', 'id: "3.1"')).diagnostics)).toEqual(['27:13 error RUBRIC_ID_NOT_NESTED']);
  });
  it('does not accept "1.10" under "1.1" style prefix confusion ("11" under "1")', () => {
    expect(codes(edit('id: "1.2"', 'id: "12"'))).toEqual(['RUBRIC_ID_NOT_NESTED']);
  });
  it('passes for deeper ids such as "2.1.3"', () => expect(codes(edit('id: "2.1"', 'id: "2.1.3"'))).toEqual([]));
  it('numbered down the whole table (every item without a dot, modules M1 and M2) passes; one dotted item among them is reported', () => {
    const flat = [
      ['id: "1"', 'id: "M1"'],
      ['id: "2"', 'id: "M2"'],
      ['id: "1.1"', 'id: "1"'],
      ['id: "1.2"', 'id: "2"'],
      ['id: "2.1"', 'id: "3"'],
      ['id: "2.2"', 'id: "4"'],
    ].reduce((t, [a, b]) => edit(a, b, t), MINIMAL);
    expect(validate(flat).diagnostics).toEqual([]);
    expect(brief(validate(edit('id: "4"', 'id: "M2.4"', flat)).diagnostics)).toEqual(['11:13 error RUBRIC_ID_NOT_NESTED', '15:13 error RUBRIC_ID_NOT_NESTED', '27:13 error RUBRIC_ID_NOT_NESTED']);
  });
});

describe('nodeHasScoringXorChildren', () => {
  it('fails for a leaf without scoring', () => {
    expect(brief(validate(edit('        scoring: { kind: deduction, per: 1 }\n', '')).diagnostics)).toEqual(['27:9 error RUBRIC_LEAF_WITHOUT_SCORING']);
  });
  it('fails for a node with both children and scoring', () => {
    expect(brief(validate(edit('    points: 4\n    children:', '    points: 4\n    scoring: { kind: range }\n    children:')).diagnostics)).toEqual(['26:5 error RUBRIC_NODE_BOTH']);
  });
  it('passes for a module scored directly (no children)', () => {
    const text = edit(
      '    children:\n      - id: "2.1"\n        name: 制度上墙\n        points: 4\n        scoring: { kind: deduction, per: 1 }\n      - id: "2.2"\n        name: 党组织\n        points: 0\n        scoring: { kind: control }\n',
      '    scoring: { kind: range }\n',
    );
    expect(codes(text)).toEqual([]);
  });
});

describe('controlItemsWorthZero', () => {
  it('fails for a control item with points', () => {
    const text = edit('        points: 0\n        scoring: { kind: control }', '        points: 1\n        scoring: { kind: control }');
    expect(brief(validate(text).diagnostics)).toContain('33:17 error RUBRIC_CONTROL_POINTS');
  });
  it('passes for a control item worth 0', () => expect(codes(MINIMAL)).not.toContain('RUBRIC_CONTROL_POINTS'));
});

describe('ruleFitsPoints', () => {
  const item = (scoring: string, points = 4) => edit('        points: 4\n        scoring: { kind: deduction, per: 1 }', `        points: ${points}\n        scoring: ${scoring}`);
  const cases: [string, string, string[]][] = [
    ['choice: best option below the points', '{ kind: choice, options: [{ label: 好, points: 3 }, { label: 差, points: 0 }] }', ['RUBRIC_RULE_UNREACHABLE']],
    ['choice: an option above the points', '{ kind: choice, options: [{ label: 好, points: 5 }, { label: 中, points: 4 }] }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['checklist: sum below the points', '{ kind: checklist, conditions: [{ label: 甲, points: 0.5 }, { label: 乙, points: 1 }] }', ['RUBRIC_RULE_UNREACHABLE']],
    ['checklist: sum above the points', '{ kind: checklist, conditions: [{ label: 甲, points: 3 }, { label: 乙, points: 2 }] }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['tiers: top tier below the points', '{ kind: tiers, tiers: [{ min: 60, points: 3 }, { min: 40, points: 2 }] }', ['RUBRIC_RULE_UNREACHABLE']],
    ['tiers: a tier above the points', '{ kind: tiers, tiers: [{ min: 60, points: 5 }, { min: 40, points: 4 }] }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['tiers: a higher threshold gives fewer points (warning)', '{ kind: tiers, tiers: [{ min: 60, points: 4 }, { min: 80, points: 2 }] }', ['RUBRIC_TIERS_NOT_MONOTONIC']],
    ['count: cap below the points', '{ kind: count, base: { count: 2, points: 1 }, increment: 1, cap: 3 }', ['RUBRIC_RULE_UNREACHABLE']],
    ['count: cap above the points', '{ kind: count, base: { count: 2, points: 1 }, increment: 1, cap: 6 }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['count: no increment, base below the points', '{ kind: count, base: { count: 2, points: 1 }, increment: 0 }', ['RUBRIC_RULE_UNREACHABLE']],
    ['range: min above the points', '{ kind: range, min: 5 }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['range: step never reaches the points', '{ kind: range, step: 1.5 }', ['RUBRIC_RULE_UNREACHABLE']],
    ['graded: top grade below the points', '{ kind: graded, grades: [{ grade: A, min: 2, max: 3 }, { grade: B, min: 0, max: 1 }] }', ['RUBRIC_RULE_UNREACHABLE']],
    ['graded: a band above the points', '{ kind: graded, grades: [{ grade: A, min: 3, max: 5 }, { grade: B, min: 0, max: 2 }] }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['graded: inverted band', '{ kind: graded, grades: [{ grade: A, min: 4, max: 3 }, { grade: B, min: 0, max: 4 }] }', ['RUBRIC_GRADES_OVERLAP', 'RUBRIC_RULE_INVALID']],
    ['deduction: floor above the points', '{ kind: deduction, per: 1, floor: 5 }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
    ['boolean: unmet above the points', '{ kind: boolean, unmetPoints: 5 }', ['RUBRIC_RULE_EXCEEDS_POINTS']],
  ];
  for (const [name, scoring, expected] of cases) {
    it(`fails — ${name}`, () => expect(codes(item(scoring))).toEqual(expected));
  }
  it('locates the unreachable choice at its options (line 30, column 43)', () => {
    const d = validate(item('{ kind: choice, options: [{ label: 好, points: 3 }, { label: 差, points: 0 }] }')).diagnostics[0];
    expect([d.line, d.column, d.path, d.received, d.expected]).toEqual([30, 43, 'modules[1].children[0].scoring.options', 3, 4]);
  });
  const passing: [string, string][] = [
    ['choice with a 1.5 option', '{ kind: choice, options: [{ label: 好, points: 4 }, { label: 中, points: 1.5 }, { label: 差, points: 0 }] }'],
    ['checklist 0.5 + 0.5 + 3', '{ kind: checklist, conditions: [{ label: 甲, points: 0.5 }, { label: 乙, points: 0.5 }, { label: 丙, points: 3 }] }'],
    ['tiers', '{ kind: tiers, unit: ㎡, tiers: [{ min: 40, points: 2 }, { min: 60, points: 4 }], otherwise: 0 }'],
    ['count with cap = points', '{ kind: count, unit: 人, base: { count: 2, points: 1 }, increment: 1, cap: 4 }'],
    ['count without cap', '{ kind: count, base: { count: 2, points: 1 }, increment: 0.5 }'],
    ['range with step 0.5', '{ kind: range, min: 1, step: 0.5 }'],
    ['graded A 3–4 / B 1–2', '{ kind: graded, grades: [{ grade: A, min: 3, max: 4 }, { grade: B, min: 1, max: 2 }] }'],
    ['boolean', '{ kind: boolean }'],
  ];
  for (const [name, scoring] of passing) {
    it(`passes — ${name}`, () => expect(validate(item(scoring)).diagnostics).toEqual([]));
  }
});

describe('labelsUnique', () => {
  it('fails on a repeated option label', () => {
    expect(brief(validate(edit('{ label: 室内, points: 1 }', '{ label: 门外醒目, points: 1 }')).diagnostics)).toEqual(['22:24 error RUBRIC_DUPLICATE_LABEL']);
  });
  it('passes with distinct labels', () => expect(codes(MINIMAL)).toEqual([]));
});

describe('pointsWithinPrecision', () => {
  it('fails on 0.25 with precision 1', () => {
    const text = edit('{ label: 室内, points: 1 }', '{ label: 室内, points: 1.25 }');
    expect(brief(validate(text).diagnostics)).toEqual(['22:36 error RUBRIC_PRECISION']);
  });
  it('passes on 0.25 with precision 2', () => {
    const text = edit('total: 10', 'total: 10\nprecision: 2', edit('{ label: 室内, points: 1 }', '{ label: 室内, points: 1.25 }'));
    expect(validate(text).diagnostics).toEqual([]);
  });
});

describe('starLevelsOrdered', () => {
  it('fails when a higher level needs a lower total', () => {
    expect(brief(validate(withStars('    - { level: 1, name: 一星级, minTotal: 8 }\n    - { level: 2, name: 二星级, minTotal: 6 }\n')).diagnostics)).toEqual(['38:40 error RUBRIC_STAR_NOT_ORDERED']);
  });
  it('fails on a duplicate level and on an unreachable level', () => {
    expect(codes(withStars('    - { level: 1, name: 一星级, minTotal: 6 }\n    - { level: 1, name: 二星级, minTotal: 11 }\n'))).toEqual(['RUBRIC_STAR_LEVEL_DUPLICATE', 'RUBRIC_STAR_UNREACHABLE']);
  });
  it('passes when listed highest first', () => {
    expect(codes(withStars('    - { level: 2, name: 二星级, minTotal: 8 }\n    - { level: 1, name: 一星级, minTotal: 6 }\n'))).toEqual([]);
  });
});

describe('starBandsNoOverlapNoGap', () => {
  it('fails on the "950以上" and "901—950" overlap (scaled: 9.5 / 9.01–9.5)', () => {
    const r = validate(edit('total: 10', 'total: 10\nprecision: 2', withStars('    - { level: 1, name: 四星级, minTotal: 9.01, maxTotal: 9.5 }\n    - { level: 2, name: 五星级, minTotal: 9.5 }\n')));
    const d = must(r.diagnostics.find((x) => x.code === 'RUBRIC_STAR_BANDS_OVERLAP'));
    expect([d.line, d.column, d.path]).toEqual([38, 56, 'stars.levels[0].maxTotal']);
    expect(messageOf(d, 'zh')).toContain('总分 9.5 同时落在两档');
  });
  it('fails on the gap "8–8.9 / 9以上" where 8.95 falls at precision 2', () => {
    const r = validate(edit('total: 10', 'total: 10\nprecision: 2', withStars('    - { level: 1, name: 四星级, minTotal: 8, maxTotal: 8.9 }\n    - { level: 2, name: 五星级, minTotal: 9 }\n')));
    const d = must(r.diagnostics.find((x) => x.code === 'RUBRIC_STAR_BANDS_GAP'));
    expect(messageOf(d, 'zh')).toContain('总分 8.91');
    expect(d.expected).toBe(8.99);
  });
  it('passes "8–8.9 / 9以上" at precision 1 (no total falls between)', () => {
    expect(codes(withStars('    - { level: 1, name: 四星级, minTotal: 8, maxTotal: 8.9 }\n    - { level: 2, name: 五星级, minTotal: 9 }\n'))).toEqual([]);
  });
  it('passes "8–8 / 9以上" at precision 1 when totals are rounded to integers before comparing', () => {
    const levels = '    - { level: 1, name: 四星级, minTotal: 8, maxTotal: 8 }\n    - { level: 2, name: 五星级, minTotal: 9 }\n';
    expect(codes(withStars(levels))).toEqual(['RUBRIC_STAR_BANDS_GAP']);
    expect(codes(withStars(levels, '  rounding: { digits: 0, apply: before }\n'))).toEqual([]);
  });
  it('exclusive boundary: (6, 8] and above 8 neither overlap nor leave a gap; [6, 8] with > 7 overlaps', () => {
    expect(codes(withStars('    - { level: 1, name: 一星级, minTotal: 6, maxTotal: 8 }\n    - { level: 2, name: 二星级, minTotal: 8 }\n', '  boundary: exclusive\n'))).toEqual([]);
    expect(codes(withStars('    - { level: 1, name: 一星级, minTotal: 6, maxTotal: 8 }\n    - { level: 2, name: 二星级, minTotal: 7 }\n', '  boundary: exclusive\n'))).toEqual([
      'RUBRIC_STAR_BANDS_OVERLAP',
    ]);
  });
});

describe('moduleMinimumsValid', () => {
  it('fails on an unknown module id, on both percent and points, and on points above the module maximum', () => {
    const levels =
      '    - { level: 1, name: 一星级, minTotal: 6, moduleMinimums: { "9": { percent: 50 }, "1": { percent: 50, points: 2 }, "2": { points: 5 } } }\n    - { level: 2, name: 二星级, minTotal: 8 }\n';
    const r = validate(withStars(levels));
    expect(brief(r.diagnostics)).toEqual([
      '37:61 error RUBRIC_UNKNOWN_MODULE',
      '37:88 error RUBRIC_MODULE_MINIMUM_SHAPE',
      '37:131 error RUBRIC_MODULE_MINIMUM_EXCEEDS',
      '38:7 warning RUBRIC_MODULE_MINIMUM_DECREASING',
    ]);
  });
  it('warns when a higher level asks less of a module', () => {
    const levels = '    - { level: 1, name: 一星级, minTotal: 6, moduleMinimum: { percent: 60 } }\n    - { level: 2, name: 二星级, minTotal: 8, moduleMinimum: { percent: 50 } }\n';
    const d = validate(withStars(levels)).diagnostics;
    expect(brief(d)).toEqual(['38:58 warning RUBRIC_MODULE_MINIMUM_DECREASING', '38:58 warning RUBRIC_MODULE_MINIMUM_DECREASING']);
    expect(messageOf(d[0], 'zh')).toBe('二星级 对模块 1「基础建设」的最低要求 3 分低于较低星级 一星级 的 3.6 分'); // 50% and 60% of 6
  });
  it('passes rising minimums (40% then 50% and module 1 at 4 points)', () => {
    const levels =
      '    - { level: 1, name: 一星级, minTotal: 6, moduleMinimum: { percent: 40 } }\n    - { level: 2, name: 二星级, minTotal: 8, moduleMinimum: { percent: 50 }, moduleMinimums: { "1": { points: 4 } } }\n';
    expect(codes(withStars(levels))).toEqual([]);
  });
});

describe('vetoEffectValid', () => {
  it('fails for cap-star without maxStars', () => {
    expect(brief(validate(`${MINIMAL}vetoes:\n  - { id: V1, name: 未建党组织, effect: cap-star }\n`).diagnostics)).toEqual(['40:36 error RUBRIC_VETO_MAX_STARS_MISSING']);
  });
  it('warns for maxStars on no-star and for a cap at the top level', () => {
    expect(codes(`${MINIMAL}vetoes:\n  - { id: V1, name: 甲, effect: no-star, maxStars: 1 }\n  - { id: V2, name: 乙, effect: cap-star, maxStars: 2 }\n`)).toEqual([
      'RUBRIC_VETO_MAX_STARS_IGNORED',
      'RUBRIC_VETO_NO_EFFECT',
    ]);
  });
  it('passes cap-star with maxStars 1', () => expect(codes(`${MINIMAL}vetoes:\n  - { id: V1, name: 甲, effect: cap-star, maxStars: 1 }\n`)).toEqual([]));
});

describe('bonusCapSane', () => {
  const bonus = (cap: number) =>
    `${MINIMAL}bonus:\n  cap: ${cap}\n  items:\n    - { id: B1, name: 创新项目, points: 2, scoring: { kind: boolean } }\n    - { id: B2, name: 表彰, points: 1, scoring: { kind: boolean } }\n`;
  it('warns when the cap is above the sum of the items', () => expect(brief(validate(bonus(5)).diagnostics)).toEqual(['40:8 warning RUBRIC_BONUS_CAP_UNREACHABLE']));
  it('warns when the cap is 0', () => expect(codes(bonus(0))).toEqual(['RUBRIC_BONUS_CAP_ZERO']));
  it('passes a cap of 2 (items worth 3)', () => expect(validate(bonus(2)).diagnostics).toEqual([]));
});

describe('toleranceValid', () => {
  it('fails with both points and percent and with a repeated scope', () => {
    const text = `${MINIMAL}reconciliation:\n  tolerance:\n    - { scope: total, points: 1, percent: 5 }\n    - { scope: total, points: 2 }\n`;
    expect(brief(validate(text).diagnostics)).toEqual(['41:7 error RUBRIC_TOLERANCE_SHAPE', '42:16 error RUBRIC_TOLERANCE_DUPLICATE_SCOPE']);
  });
  it('warns when inflation effects have no tolerance', () => {
    expect(codes(`${MINIMAL}reconciliation:\n  onInflation: { deductFactor: 0.5 }\n`)).toEqual(['RUBRIC_INFLATION_WITHOUT_TOLERANCE']);
  });
  it('passes one tolerance per scope', () => {
    const text = `${MINIMAL}reconciliation:\n  tolerance:\n    - { scope: total, percent: 5 }\n    - { scope: item, points: 1 }\n  onInflation: { deductFactor: 0.5, maxStars: 1 }\n`;
    expect(validate(text).diagnostics).toEqual([]);
  });
});

describe('aliasesUnique', () => {
  it('fails when two items share an alias and when a header is under two columns', () => {
    let text = edit('        name: 场所面积\n', '        name: 场所面积\n        aliases: [面积]\n');
    text = edit('        name: 制度上墙\n', '        name: 制度上墙\n        aliases: [面积]\n', text);
    text = `${text}columns:\n  self: [自评分]\n  spot: [自评分]\n`;
    expect(brief(validate(text).diagnostics)).toEqual(['30:19 error RUBRIC_DUPLICATE_ALIAS', '43:10 error RUBRIC_DUPLICATE_COLUMN_ALIAS']);
  });
  it('passes distinct aliases and headers', () => {
    const text = `${edit('        name: 场所面积\n', '        name: 场所面积\n        aliases: [服务场所面积]\n')}columns:\n  self: [自评分]\n  spot: [抽查分]\n`;
    expect(validate(text).diagnostics).toEqual([]);
  });
});

describe('suspiciousStructure, illustrativeNote, naPolicyFits (warnings)', () => {
  it('warns about a single child and a 0-point non-control item', () => {
    const text = edit('        points: 0\n        scoring: { kind: control }', '        points: 0\n        scoring: { kind: boolean }');
    expect(codes(text)).toEqual(['RUBRIC_ZERO_POINTS']);
    const single = edit('      - id: "2.2"\n        name: 党组织\n        points: 0\n        scoring: { kind: control }\n', '');
    expect(brief(validate(single).diagnostics)).toEqual(['26:5 warning RUBRIC_SINGLE_CHILD']);
  });
  it('warns when a -style rubric has no illustrative note, not when it has one', () => {
    expect(codes(edit('id: test-rubric', 'id: fujian-style'))).toEqual(['RUBRIC_ILLUSTRATIVE_MISSING']);
    expect(codes(edit('id: test-rubric', 'id: fujian-style\nillustrative: 条目为示例'))).toEqual([]);
  });
  it('warns about na on a group; a rescale item passes', () => {
    expect(codes(edit('    name: 制度建设\n', '    name: 制度建设\n    na: full\n'))).toEqual(['RUBRIC_NA_IGNORED']);
    expect(codes(edit('        name: 制度上墙\n', '        name: 制度上墙\n        na: rescale\n'))).toEqual([]);
  });
  it('warnings do not stop the rubric from loading', () => {
    const r = validate(edit('id: test-rubric', 'id: fujian-style'));
    expect(r.rubric).toBeDefined();
  });
});

describe('quotaValid', () => {
  it('fails for a share outside (0, 1], located at the share', () => {
    const r = validate(withStars('    - { level: 1, name: 一星级, minTotal: 6 }\n    - { level: 2, name: 二星级, minTotal: 8, quota: { share: 10 } }\n'));
    const d = must(r.diagnostics.find((x) => x.code === 'RUBRIC_QUOTA_SHARE'));
    expect([d.line, d.path, d.received, d.expected]).toEqual([38, 'stars.levels[1].quota.share', 10, 'a number greater than 0 and at most 1']);
    expect(messageOf(d, 'zh')).toBe('二星级的名额比例 10 不在 (0, 1] 之内（前10% 写作 0.1）');
    expect(r.rubric).toBeUndefined();
  });
  it('passes with quotas on several levels, the top one included or not (they cascade in batch)', () => {
    const both = validate(withStars('    - { level: 1, name: 一星级, minTotal: 6, quota: { share: 0.5 } }\n    - { level: 2, name: 二星级, minTotal: 8, quota: { share: 0.1, rounding: ceil } }\n'));
    expect(both.diagnostics).toEqual([]);
    expect(both.rubric?.data.stars.levels.map((l) => l.quota)).toEqual([
      { share: 0.5, rounding: 'floor', ties: 'include' },
      { share: 0.1, rounding: 'ceil', ties: 'include' },
    ]);
    expect(validate(withStars('    - { level: 1, name: 一星级, minTotal: 6, quota: { share: 0.5 } }\n    - { level: 2, name: 二星级, minTotal: 8 }\n')).diagnostics).toEqual([]);
  });
  it('passes with a quota of 10 % on the top level (rounding and ties defaulted)', () => {
    const r = validate(withStars('    - { level: 1, name: 一星级, minTotal: 6 }\n    - { level: 2, name: 二星级, minTotal: 8, quota: { share: 0.1 } }\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.rubric?.data.stars.levels[1].quota).toEqual({ share: 0.1, rounding: 'floor', ties: 'include' });
  });
});
