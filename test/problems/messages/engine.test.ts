import { describe, expect, it } from 'vitest';
import { engineText, prerequisiteText, valueMessage } from '../../../src/problems/messages/engine.js';
import { catalogues } from '../../../src/problems/catalogue.js';
import { messageOf } from '../../../src/problems/render.js';
import { entryProblem, EntryError } from '../../../src/score/entry-error.js';

const item = { id: '1.1.1', name: '服务场所面积' };

describe('engine messages', () => {
  it('are in the catalogue of both languages', () => {
    for (const code of ['ENTRY_INVALID', 'ENTRY_UNKNOWN_ITEM', 'ENTRY_NOT_PARTY_ITEM', 'FLAG_VETO', 'WARN_BLANK_ZERO']) expect([code in catalogues.zh, code in catalogues.en]).toEqual([true, true]);
  });

  it('an invalid entry: the item value problem nested, in Chinese and English', () => {
    const p = entryProblem('ENTRY_INVALID', { itemId: '1.1.1', party: 'self', value: { code: 'VALUE_ABOVE_MAX', params: { item, value: 25, max: 20 } } }, '城关镇.xlsx › 自评表!H23');
    expect(p.location).toEqual({ file: '城关镇.xlsx', sheet: '自评表', cell: 'H23' });
    expect(messageOf(p, 'zh')).toBe('项目 1.1.1「服务场所面积」的得分 25 超过分值 20');
    expect(messageOf(p, 'en')).toBe('item 1.1.1 "服务场所面积": score 25 exceeds the maximum 20');
    const err = new EntryError([p, entryProblem('ENTRY_UNKNOWN_VETO', { itemId: 'V9', party: 'spot' }, undefined)]);
    expect(err.formatIn('zh')).toBe('共 2 处评分输入有误：\n  城关镇.xlsx › 自评表!H23: 项目 1.1.1「服务场所面积」的得分 25 超过分值 20\n  抽查: 本细则没有编号为 V9 的一票否决项');
    expect(err.messageEn).toBe('2 invalid entries:\n  城关镇.xlsx › 自评表!H23: item 1.1.1 "服务场所面积": score 25 exceeds the maximum 20\n  spot check: this rubric has no veto with id V9');
  });

  it('value problems list what the item allows', () => {
    expect(valueMessage({ code: 'VALUE_UNATTAINABLE', params: { item, value: 15, allowed: [0, 12, 20], more: false } }, 'zh')).toBe(
      '项目 1.1.1「服务场所面积」的得分 15 不可能出现（按评分标准只能得 0、12、20 分）',
    );
    expect(valueMessage({ code: 'VALUE_WRONG_KIND', params: { item, rule: 'tiers', got: 'option' } }, 'zh')).toBe('项目 1.1.1「服务场所面积」应填测量值或分数，却填了选项');
    expect(valueMessage({ code: 'VALUE_WRONG_KIND', params: { item, rule: 'tiers', got: 'option' } }, 'en')).toBe('item 1.1.1 "服务场所面积" expects a measured value or points, got option');
    expect(valueMessage({ code: 'VALUE_NOT_WHOLE', params: { item, role: 'deductions', value: 1.5 } }, 'en')).toBe(
      'item 1.1.1 "服务场所面积": number of deductions 1.5 is invalid (expected a whole number ≥ 0)',
    );
  });

  it('flags and 必备项 checks in both languages', () => {
    expect(engineText('FLAG_VETO', { name: '弄虚作假', effect: 'cap-star', maxStars: 2 }, 'zh')).toBe('一票否决：弄虚作假（最高2星）');
    expect(engineText('FLAG_VETO', { name: '弄虚作假', effect: 'cap-star', maxStars: 2 }, 'en')).toBe('veto: 弄虚作假 (cap-star 2)');
    const ratio = { test: 'ratio', name: '护理员配比', found: 10, met: false, exact: 11.25, need: 12, base: 90, count: 8 } as const;
    expect(prerequisiteText(ratio, 'zh')).toBe('必备项「护理员配比」：10 < 11.25，即 12（90 ÷ 8）');
    expect(prerequisiteText(ratio, 'en')).toBe('prerequisite "护理员配比": 10 < 12 (90 ÷ 8)');
    expect(prerequisiteText({ ...ratio, base: 150, raisedTo: 200, exact: 1, need: 1, found: 1, met: true, count: 200 }, 'zh')).toBe('必备项「护理员配比」：1 ≥ 1（150（不足 200 按 200 计） ÷ 200）');
    expect(prerequisiteText({ test: 'points', name: '党建', found: null, min: 5, met: false }, 'zh')).toBe('必备项「党建」：未填写 ，须 5 分');
  });
});
