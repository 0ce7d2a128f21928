import { describe, expect, test } from 'vitest';
import { KINDS, kindOf } from '../../src/kinds/index.js';
import { ScoringRule } from '../../src/rubric/schema.js';
import type { ItemInfo } from '../../src/rubric/model.js';
import { inputHelp, scoreFormula, usesInputColumn } from '../../src/workbook/template.js';
import { rubric } from '../score/helpers.js';

function item(points: number, scoring: Record<string, unknown>, na?: string): ItemInfo {
  const r = rubric({
    total: points,
    modules: [{ id: '1', name: '基础建设', points, children: [{ id: '1.1', name: '服务场所面积', points, scoring, ...(na ? { na } : {}) }] }],
  });
  return r.index.items[0];
}

describe('the kind registry', () => {
  test('has one module for every kind of the schema, each under its own key', () => {
    const schemaKinds = ScoringRule.options.map((o) => o.shape.kind.value).sort();
    expect(Object.keys(KINDS).sort()).toEqual(schemaKinds);
    for (const [key, def] of Object.entries(KINDS)) expect(def.kind).toBe(key);
  });

  test('each kind declares where its entry goes: 得分 typed, computed by formula, or none', () => {
    expect(Object.fromEntries(Object.values(KINDS).map((k) => [k.kind, k.scoreCell]))).toEqual({
      range: 'typed',
      boolean: 'formula',
      choice: 'formula',
      checklist: 'formula',
      tiers: 'formula',
      count: 'formula',
      deduction: 'formula',
      'assessed-deduction': 'formula',
      'checklist-deduction': 'formula',
      graded: 'typed',
      control: 'none',
      value: 'none',
    });
    // A formula exactly when 得分 is computed.
    for (const k of Object.values(KINDS)) expect(k.formula !== undefined).toBe(k.scoreCell === 'formula');
  });
});

describe('one kind module drives the template, the reader and the validator', () => {
  test('tiers: input shape, help, formula and point fields', () => {
    const it = item(20, {
      kind: 'tiers',
      unit: '㎡',
      tiers: [
        { min: 40, points: 12 },
        { min: 60, points: 20 },
      ],
      otherwise: 2,
    });
    expect(kindOf(it.rule).input(it)).toEqual({ type: 'measure', unit: '㎡' });
    expect(inputHelp(it)).toBe('填写实测值（㎡）：≥60㎡得20分；≥40㎡得12分；以下得2分');
    expect(scoreFormula(it, 'H7')).toBe('IF(H7="","",IF(H7="不适用","不适用",IF(ISNUMBER(H7),IF(H7>=60,20,IF(H7>=40,12,2)),"")))');
    expect(kindOf(it.rule).pointFields(it.rule)).toEqual([
      [['tiers', 0, 'points'], 12],
      [['tiers', 1, 'points'], 20],
      [['otherwise'], 2],
    ]);
  });

  test('checklist: condition ids default to a, b, c; labels kept for the reader', () => {
    const it = item(
      2,
      {
        kind: 'checklist',
        conditions: [
          { label: '有制度', points: 0.5 },
          { id: 'x', label: '上墙', points: 0.5 },
          { label: '执行', points: 1 },
        ],
      },
      'full',
    );
    expect(kindOf(it.rule).input(it)).toEqual({ type: 'checklist', ids: ['a', 'x', 'c'], labels: ['有制度', '上墙', '执行'] });
    expect(inputHelp(it)).toBe('填写满足条件的编号，用逗号分隔（如 a,c）：a=有制度(0.5分)；x=上墙(0.5分)；c=执行(1分)；都不满足填“无”；不适用请填“不适用”');
  });

  test('range is typed in 得分 with its minimum; control takes 是/否 and has no formula', () => {
    const r = item(10, { kind: 'range', min: 2 });
    expect(usesInputColumn(r)).toBe(false);
    expect(kindOf(r.rule).input(r)).toEqual({ type: 'score', min: 2 });
    const c = item(0, { kind: 'control' });
    expect(usesInputColumn(c)).toBe(true);
    expect(scoreFormula(c, 'H7')).toBeUndefined();
    expect(kindOf(c.rule).describe(c.rule, 0, 'en')).toBe('no points; required for a star');
  });

  test('deduction counts occurrences (次) and floors the formula', () => {
    const it = item(5, { kind: 'deduction', per: 1.5, floor: 1 });
    expect(kindOf(it.rule).input(it)).toEqual({ type: 'count', unit: '次' });
    expect(scoreFormula(it, 'K9')).toBe('IF(K9="","",IF(K9="不适用","不适用",IF(ISNUMBER(K9),MAX(1,5-K9*1.5),"")))');
  });
});
