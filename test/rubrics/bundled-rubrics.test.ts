/**
 * Content checks of the bundled rubrics (rubrics/*.yaml): the shape the issue
 * promises (modules, points, item kinds, bonus, vetoes, star levels), and that
 * each item's 评分标准 text states the numbers of its scoring rule. Validation
 * proper (sums, nesting, rule fits points …) is tested with the loader in
 * test/rubric/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { rubricFromData, type ItemInfo, type LoadedRubric } from '../../src/rubric/model.js';
import { Rubric, type ItemKind, type ScoringRule } from '../../src/rubric/schema.js';
import { scoreStation } from '../../src/score/score-station.js';
import type { PartyEntries } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

function load(name: string): LoadedRubric {
  const file = fileURLToPath(new URL(`../../rubrics/${name}`, import.meta.url));
  const text = readFileSync(file, 'utf8');
  return rubricFromData(Rubric.parse(YAML.parse(text)), file);
}

function kindCounts(items: ItemInfo[]): Partial<Record<ItemKind, number>> {
  const counts: Partial<Record<ItemKind, number>> = {};
  for (const item of items) counts[item.rule.kind] = (counts[item.rule.kind] ?? 0) + 1;
  return counts;
}

/** The numbers a rule's text must mention (the item's rule, written out). */
function ruleNumbers(rule: ScoringRule): number[] {
  switch (rule.kind) {
    case 'range':
    case 'boolean':
    case 'control':
      return [];
    case 'choice':
      return rule.options.map((o) => o.points);
    case 'checklist':
      return rule.conditions.map((c) => c.points);
    case 'tiers':
      return rule.tiers.flatMap((t) => [t.min, t.points]);
    case 'count':
      return [rule.base.count, rule.base.points, rule.increment, rule.cap ?? NaN].filter((n) => !Number.isNaN(n));
    case 'deduction':
      return [rule.per];
    case 'graded':
      return rule.grades.flatMap((g) => [g.min, g.max]);
  }
}

/** Numbers written in a text, e.g. "60㎡ 及以上得 20 分；0.5 分" → [60, 20, 0.5]. */
function numbersIn(text: string): Set<number> {
  return new Set((text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number));
}

function checkStandardsMatchRules(rubric: LoadedRubric): string[] {
  const problems: string[] = [];
  for (const item of rubric.index.items) {
    const standard = item.node.standard ?? '';
    if (!standard) problems.push(`${item.id}: no standard`);
    if (!item.node.method) problems.push(`${item.id}: no method`);
    const found = numbersIn(standard);
    if (item.rule.kind !== 'control' && !found.has(item.points) && item.rule.kind !== 'checklist') {
      problems.push(`${item.id}: standard does not mention the points ${item.points}`);
    }
    for (const n of ruleNumbers(item.rule)) {
      if (!found.has(n)) problems.push(`${item.id}: standard does not mention ${n} («${standard}»)`);
    }
  }
  return problems;
}

describe('rubrics/fujian-style.yaml', () => {
  const rubric = load('fujian-style.yaml');
  const { data, index } = rubric;
  const base = index.items.filter((i) => !i.bonus);

  it('has the metadata, an illustrative note and 1000 points', () => {
    expect(data.id).toBe('fujian-style');
    expect(data.version).toBe('2022.1');
    expect(data.year).toBe(2022);
    expect(data.total).toBe(1000);
    expect(data.precision).toBe(1);
    expect(data.clampTotal).toBe(true);
    expect(data.illustrative).toContain('示例');
    expect(data.defaults).toEqual({ na: 'forbid', blank: 'incomplete' });
  });

  it('has the six Fujian modules in order, summing to 1000', () => {
    expect(data.modules.map((m) => [m.id, m.name, m.points])).toEqual([
      ['1', '基础建设', 150],
      ['2', '制度建设', 120],
      ['3', '运营投入', 150],
      ['4', '运营管理', 180],
      ['5', '服务提供', 250],
      ['6', '运营绩效', 150],
    ]);
  });

  it('has 91 items three levels deep, every kind used', () => {
    expect(base).toHaveLength(91);
    for (const item of base) expect(item.id.split('.')).toHaveLength(3);
    expect(kindCounts(base)).toEqual({
      range: 12,
      boolean: 13,
      choice: 10,
      checklist: 10,
      tiers: 12,
      count: 13,
      deduction: 7,
      graded: 11,
      control: 3,
    });
    expect(base.filter((i) => i.rule.kind === 'control').map((i) => i.id)).toEqual(['1.1.6', '2.1.1', '3.2.1']);
    // decimals in points, options, conditions and increments
    expect(base.some((i) => i.points === 7.5)).toBe(true);
    expect(must(index.itemsById.get('1.2.1')).rule).toMatchObject({ options: [{ points: 5 }, { points: 1.5 }, { points: 0 }] });
  });

  it('has items per module 16 / 16 / 12 / 17 / 20 / 10', () => {
    const perModule = data.modules.map((m) => base.filter((i) => i.moduleId === m.id).length);
    expect(perModule).toEqual([16, 16, 12, 17, 20, 10]);
  });

  it('allows N/A only where it makes sense', () => {
    const na = base.filter((i) => i.na !== 'forbid').map((i) => [i.id, i.na]);
    expect(na).toEqual([
      ['4.3.4', 'rescale'],
      ['5.2.4', 'rescale'],
      ['5.3.1', 'rescale'],
      ['5.3.2', 'rescale'],
      ['5.4.4', 'full'],
    ]);
  });

  it('has a bonus pool of 50 over five items worth 60', () => {
    const bonus = index.items.filter((i) => i.bonus);
    expect(data.bonus?.cap).toBe(50);
    expect(bonus.map((i) => i.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(bonus.reduce((s, i) => s + i.points, 0)).toBe(60);
  });

  it('has the vetoes 弄虚作假 and 重大安全责任事故 (no star) and a star cap', () => {
    expect(data.vetoes.map((v) => [v.id, v.name, v.effect, v.maxStars])).toEqual([
      ['V1', '弄虚作假', 'no-star', undefined],
      ['V2', '发生重大安全责任事故', 'no-star', undefined],
      ['V3', '有效投诉查实并造成不良影响', 'cap-star', 2],
    ]);
  });

  it('has five star levels 900/800/700/600/500 with rising module minimums', () => {
    expect(data.stars.boundary).toBe('inclusive');
    expect(data.stars.rounding).toEqual({ digits: 0, apply: 'after' });
    expect(data.stars.levels.map((l) => [l.level, l.name, l.minTotal, l.moduleMinimum?.percent, l.maxTotal])).toEqual([
      [5, '五星级', 900, 80, undefined],
      [4, '四星级', 800, 70, undefined],
      [3, '三星级', 700, 60, undefined],
      [2, '二星级', 600, 50, undefined],
      [1, '一星级', 500, 40, undefined],
    ]);
    expect(data.stars.levels[0].moduleMinimums).toEqual({ '6': { percent: 85 } });
    expect(data.stars.levels.map((l) => l.requires.verified)).toEqual([true, false, false, false, false]);
  });

  it('reconciles with the spot check as authority, 5% total and 3-point item tolerance', () => {
    expect(data.reconciliation).toEqual({
      authority: 'spot',
      tolerance: [
        { scope: 'total', percent: 5 },
        { scope: 'item', points: 3 },
      ],
      onInflation: { flag: true, deductFactor: 0.5, maxStars: 3 },
      requireVerifiedForStars: false,
    });
    expect(data.columns?.self).toEqual(['自评分', '自评计分栏', '自评得分(分)']);
    expect(data.columns?.spot).toEqual(['评估得分', '评估小组计分栏', '专家评分', '抽查分']);
  });

  it('states every rule in its 评分标准 text', () => {
    expect(checkStandardsMatchRules(rubric)).toEqual([]);
  });
});

describe('rubrics/hunan-style.yaml', () => {
  const rubric = load('hunan-style.yaml');
  const { data, index } = rubric;
  const base = index.items.filter((i) => !i.bonus);

  it('is 130 base points plus a 20-point bonus, not clamped', () => {
    expect(data.id).toBe('hunan-style');
    expect(data.total).toBe(130);
    expect(data.clampTotal).toBe(false);
    expect(data.bonus?.cap).toBe(20);
    expect(data.illustrative).toContain('示例');
    expect(data.defaults).toEqual({ na: 'forbid', blank: 'zero' });
    expect(data.modules.map((m) => [m.name, m.points])).toEqual([
      ['组织建设', 20],
      ['队伍建设', 25],
      ['服务开展', 45],
      ['运营管理', 20],
      ['服务成效', 20],
    ]);
  });

  it('has 30 items of mixed depth and every kind', () => {
    expect(base).toHaveLength(30);
    expect(base.filter((i) => i.id.split('.').length === 3).map((i) => i.moduleId)).toEqual(Array(9).fill('3'));
    expect(kindCounts(base)).toEqual({
      control: 2,
      choice: 3,
      tiers: 5,
      checklist: 2,
      boolean: 4,
      range: 3,
      count: 6,
      deduction: 2,
      graded: 3,
    });
  });

  it('has star bands 110+ / 100–109.9 / 90–99.9 compared at one decimal', () => {
    expect(data.stars.rounding).toEqual({ digits: 1, apply: 'before' });
    expect(data.stars.levels.map((l) => [l.level, l.minTotal, l.maxTotal])).toEqual([
      [5, 110, undefined],
      [4, 100, 109.9],
      [3, 90, 99.9],
    ]);
    expect(data.stars.levels.map((l) => l.moduleMinimums)).toEqual([
      { '3': { points: 36 }, '5': { points: 16 } },
      { '3': { points: 32 }, '5': { points: 14 } },
      { '3': { points: 27 }, '5': { points: 12 } },
    ]);
    expect(data.reconciliation.requireVerifiedForStars).toBe(true);
  });

  it('has its own vetoes, one of each effect', () => {
    expect(data.vetoes.map((v) => [v.id, v.effect, v.maxStars])).toEqual([
      ['V1', 'no-star', undefined],
      ['V2', 'no-star', undefined],
      ['V3', 'zero-total', undefined],
      ['V4', 'cap-star', 3],
    ]);
  });

  it('states every rule in its 评分标准 text', () => {
    expect(checkStandardsMatchRules(rubric)).toEqual([]);
  });
});

describe('rubrics/community-elderly-care.yaml (the real 500-point scheme)', () => {
  const rubric = load('community-elderly-care.yaml');
  const { data, index } = rubric;

  /** Every item full, except the items of the modules in `zero` (0) and the points given in `set`. */
  function entries(zero: string[] = [], set: Record<string, number> = {}): PartyEntries {
    const items: PartyEntries['items'] = {};
    for (const item of index.items) {
      const points = set[item.id] ?? (zero.includes(item.moduleId) ? 0 : item.points);
      items[item.id] = { value: { kind: 'points', points } };
    }
    return { items };
  }
  const score = (self: PartyEntries) => scoreStation(rubric, { station: { name: '测试站' }, self });

  it('cites its source and says the 40 % minimum was never enforced by the original code', () => {
    const text = readFileSync(fileURLToPath(new URL('../../rubrics/community-elderly-care.yaml', import.meta.url)), 'utf8');
    expect(text).toContain('https://github.com/mymzuoyan/nmg-pension  commit 42e65a1');
    expect(text).toContain('community_pension_stars_add.jsp');
    expect(text).toContain('aqtotal>=aqtotal*0.4');
    expect(data.description).toContain('这条要求从未生效');
  });

  it('has four modules 安全 50 / 服务 300 / 管理 70 / 设施 80 of 15 / 8 / 9 / 10 items, 42 items, 500 points', () => {
    expect(data.total).toBe(500);
    expect(data.precision).toBe(0);
    expect(data.modules.map((m) => [m.id, m.name, m.points, index.items.filter((i) => i.moduleId === m.id).length])).toEqual([
      ['1', '安全部分', 50, 15],
      ['2', '服务部分', 300, 8],
      ['3', '管理部分', 70, 9],
      ['4', '设施部分', 80, 10],
    ]);
    expect(index.items).toHaveLength(42);
    expect(index.items.reduce((s, i) => s + i.points, 0)).toBe(500);
    expect(kindCounts(index.items)).toEqual({ boolean: 16, checklist: 23, 'checklist-deduction': 3 });
    expect(index.items.filter((i) => i.rule.kind === 'checklist-deduction').map((i) => i.id)).toEqual(['3.4', '3.6', '3.7']);
    expect(index.items.filter((i) => i.na === 'full').map((i) => i.id)).toEqual(['4.8', '4.9']);
  });

  it('has star bands 250 / 300 / 350 / 400 / 450, each module at least 40 %', () => {
    expect(data.stars.boundary).toBe('inclusive');
    expect(data.stars.levels.map((l) => [l.level, l.minTotal, l.maxTotal, l.moduleMinimum])).toEqual([
      [5, 450, undefined, { percent: 40 }],
      [4, 400, undefined, { percent: 40 }],
      [3, 350, undefined, { percent: 40 }],
      [2, 300, undefined, { percent: 40 }],
      [1, 250, undefined, { percent: 40 }],
    ]);
  });

  it('scores the band edges exactly: 500 and 450 five stars, 449 four, 250 one, 249 none', () => {
    const at = (self: PartyEntries) => {
      const r = score(self);
      return [r.total, r.stars];
    };
    expect(at(entries())).toEqual([500, 5]);
    // 服务 2.5 three activities of five (60), 设施 4.1 none (0), 设施 4.10 at 9 or 8 of 11.
    expect(at(entries([], { '2.5': 60, '4.1': 0, '4.10': 9 }))).toEqual([450, 5]);
    expect(at(entries([], { '2.5': 60, '4.1': 0, '4.10': 8 }))).toEqual([449, 4]);
    // 250 with every module at or above 40 %: 安全 50, 服务 120, 管理 40, 设施 40.
    const only = (set: Record<string, number>) => entries(['1', '2', '3', '4'], set);
    const full = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, must(index.itemsById.get(id)).points]));
    const edge = {
      ...full(index.items.filter((i) => i.moduleId === '1').map((i) => i.id)),
      ...full(['2.1', '2.2', '2.3', '3.3', '3.4', '3.5', '3.9', '4.1', '4.2', '4.3', '4.4', '4.5']),
      '3.7': 5,
      '4.10': 3,
    };
    const r250 = score(only(edge));
    expect([r250.modules.map((m) => m.final), r250.total, r250.stars]).toEqual([[50, 120, 40, 40], 250, 1]);
    expect(at(only({ ...edge, '1.14': 0 }))).toEqual([249, null]);
  });

  it('管理 3.4, 3.6, 3.7: the ticks less the assessor’s 1–3, floored at 0; 3.6 without 多渠道投诉途径 (a) is 0', () => {
    const base = entries();
    const tick = (ticked: string[], deduction?: number) => ({ value: { kind: 'checklist' as const, ticked, ...(deduction !== undefined ? { deduction } : {}) } });
    const r = score({ items: { ...base.items, '3.4': tick(['a', 'b'], 2), '3.6': tick(['b']), '3.7': tick(['a'], 3) } });
    expect(['3.4', '3.6', '3.7'].map((id) => r.items.find((i) => i.id === id)?.final)).toEqual([8, 0, 3]);
    expect(r.modules.map((m) => m.final)).toEqual([50, 300, 59, 80]);
    expect(r.total).toBe(489);
    // One file missing (−5) and the other kept badly (−3): 2; 3.6 with a only, 扣1: 2.
    const s2 = score({ items: { ...base.items, '3.4': tick(['b'], 3), '3.6': tick(['a'], 1) } });
    expect(['3.4', '3.6'].map((id) => s2.items.find((i) => i.id === id)?.final)).toEqual([2, 2]);
  });

  it('设施 4.8 and 4.9: 0 when 助餐服务 (2.2) is 否, full when 不适用 (配餐方式)', () => {
    const base = entries();
    const without = { items: { ...base.items, '2.2': { value: { kind: 'met' as const, met: false } } } };
    const r = score(without);
    const item = (res: typeof r, id: string) => res.items.find((i) => i.id === id);
    expect([item(r, '4.8')?.final, item(r, '4.9')?.final, item(r, '4.10')?.final]).toEqual([0, 0, 11]);
    expect(r.modules.map((m) => m.final)).toEqual([50, 270, 70, 64]);
    expect(r.total).toBe(454);
    const catering = { items: { ...base.items, '4.8': { value: { kind: 'na' as const } }, '4.9': { value: { kind: 'na' as const } }, '4.1': { value: { kind: 'points' as const, points: 0 } } } };
    const c = score(catering);
    expect([item(c, '4.8')?.final, item(c, '4.9')?.final, c.total]).toEqual([8, 8, 492]);
  });

  it('450 with 安全 0 gets no star (the original system gave it five); 安全 20 is the minimum', () => {
    const r = score(entries(['1']));
    expect(r.modules.map((m) => m.final)).toEqual([0, 300, 70, 80]);
    expect(r.total).toBe(450);
    expect(r.stars).toBeNull();
    // 安全 exactly 20 (40 % of 50): 1.1 10 + 1.6 4 + 1.11 4 + 1.2 2, the rest 0 → 470, five stars.
    const safety = Object.fromEntries(index.items.filter((i) => i.moduleId === '1').map((i) => [i.id, ({ '1.1': 10, '1.6': 4, '1.11': 4, '1.2': 2 } as Record<string, number>)[i.id] ?? 0]));
    const ok = score(entries([], safety));
    expect([ok.modules[0].final, ok.total, ok.stars]).toEqual([20, 470, 5]);
    // 安全 19 (1.2 one of its two conditions): 469 and no star at any level.
    const low = score(entries([], { ...safety, '1.2': 1 }));
    expect([low.total, low.stars]).toEqual([469, null]);
  });
});
