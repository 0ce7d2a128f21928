import { describe, expect, it } from 'vitest';
import { detectRule, splitConditions } from '../../../src/rubric/import/detect-rule.js';

const detect = (content: string, standard: string, points: number) => detectRule({ content, standard, points });

describe('splitConditions', () => {
  it('splits " / ", lines and inline （1）（2） markers, and keeps a single text whole', () => {
    expect(splitConditions('室内外地面平整 / 主要步行通道平坦、无高差')).toEqual(['室内外地面平整', '主要步行通道平坦、无高差']);
    expect(splitConditions('有制度\n有记录\n')).toEqual(['有制度', '有记录']);
    expect(splitConditions('（1）管理档案；（2）服务档案')).toEqual(['（1）管理档案；', '（2）服务档案']);
    expect(splitConditions('设有图书学习室，配备书架、阅览桌、坐椅,有书籍')).toEqual(['设有图书学习室，配备书架、阅览桌、坐椅,有书籍']);
    expect(splitConditions('')).toEqual([]);
  });
});

describe('detectRule', () => {
  it('每有一项…扣N分 over k sub-conditions with k × N = points → checklist', () => {
    expect(detect('室内外地面平整 / 主要步行通道平坦、无高差 / 有无障碍设施', '每有一项不符合要求扣1分', 3)).toEqual({
      shape: 'checklist',
      scoring: {
        kind: 'checklist',
        conditions: [
          { label: '室内外地面平整', points: 1 },
          { label: '主要步行通道平坦、无高差', points: 1 },
          { label: '有无障碍设施', points: 1 },
        ],
      },
    });
  });

  it('numbered deductions adding up to the points → checklist, a "不得分" clause beside them allowed', () => {
    expect(detect('（1）坡道 / （2）回转面积 / （3）扶手', '无坡道不得分；（1）项不符合要求扣1分；（2）项不符合要求扣1分；（3）项不符合要求扣3分', 5).scoring).toEqual({
      kind: 'checklist',
      conditions: [
        { label: '（1）坡道', points: 1 },
        { label: '（2）回转面积', points: 1 },
        { label: '（3）扶手', points: 3 },
      ],
    });
    // Adding up to 7, not 8: not recognised.
    expect(detect('a / b', '（1）项不符合要求扣6分；（2）项不符合要求扣1分', 8).shape).toBe('range');
  });

  it('每…扣N分 without matching sub-conditions, 扣完为止, 最多扣M分 → deduction', () => {
    expect(detect('档案齐全', '档案缺一类扣1分，扣完为止', 8)).toEqual({ shape: 'deduction', scoring: { kind: 'deduction', per: 1 } });
    expect(detect('自查项目', '每少一项应自查项目扣1分，最多扣5分', 10)).toEqual({ shape: 'deduction', scoring: { kind: 'deduction', per: 1, maxDeduction: 5 } });
    expect(detect('设施', '每有一项不符合要求扣2分', 8)).toEqual({ shape: 'deduction', scoring: { kind: 'deduction', per: 2 } });
  });

  it('…得N分 per sub-condition → checklist; one clause worth the points → boolean', () => {
    expect(detect('照料护理 / 健康管理', '能够开展照料护理服务，得30分；能够开展健康管理服务，得30分', 60).scoring).toEqual({
      kind: 'checklist',
      conditions: [
        { label: '照料护理', points: 30 },
        { label: '健康管理', points: 30 },
      ],
    });
    expect(detect('提供助餐服务', '能够开展服务并有详细服务记录，得30分', 30)).toEqual({ shape: 'boolean', scoring: { kind: 'boolean' } });
  });

  it('每…得N分，最多得M分 → checklist when the sub-conditions fill it, else count', () => {
    expect(detect('文化 / 教育 / 体育 / 康复 / 娱乐', '每开展一类活动并有详细活动记录，得20分，最多得100分', 100).scoring).toEqual({
      kind: 'checklist',
      conditions: ['文化', '教育', '体育', '康复', '娱乐'].map((label) => ({ label, points: 20 })),
    });
    expect(detect('开展活动', '每开展一类活动得20分，最多得100分', 100)).toEqual({ shape: 'count', scoring: { kind: 'count', base: { count: 0, points: 0 }, increment: 20, cap: 100 } });
  });

  it('按照现场查勘情况扣1-3分 as the whole rule → assessed-deduction', () => {
    expect(detect('档案记录', '档案记录不规范按照现场查勘情况扣1-3分', 6)).toEqual({ shape: 'assessed-deduction', scoring: { kind: 'assessed-deduction', min: 1, max: 3 } });
    expect(detect('档案记录', '按现场情况扣2～5分', 4).shape).toBe('range'); // more than the points
  });

  it('tick boxes beside 按照现场查勘情况扣1-3分 and "…不得分" → checklist-deduction (管理 4, 6, 7 of the real table)', () => {
    expect(detect('管理档案 / 服务档案', '缺少一类档案，扣5分；一类档案记录不规范按照现场查勘情况扣1-3分', 10)).toEqual({
      shape: 'checklist-deduction',
      scoring: {
        kind: 'checklist-deduction',
        conditions: [
          { label: '管理档案', points: 5 },
          { label: '服务档案', points: 5 },
        ],
        deduction: { min: 1, max: 3 },
      },
    });
    // 未设多渠道的投诉途径不得分 names the first sub-condition (8 characters shared): zeroIf a.
    const complaints = detect(
      '设有多渠道的投诉途径，投诉渠道通畅并张贴于机构醒目处 / 对投诉处理有专人负责，信息的核实、处理、整改、反馈及时并有记录',
      '未设多渠道的投诉途径不得分；对投诉未处理、记录、整改、反馈，按照现场查勘情况扣1-3分；未指定专人负责或无相关记录扣3分',
      6,
    );
    expect(complaints.scoring).toMatchObject({ kind: 'checklist-deduction', conditions: [{ points: 3 }, { points: 3 }], deduction: { min: 1, max: 3 }, zeroIf: { missing: ['a'] } });
    // One sub-condition: "…不得分" is that one.
    expect(detect('建立服务绩效的自评分析机制', '未建立自评分析制度、未自评分析不得分；记录不规范按照现场查勘情况扣1-3分', 6).scoring).toEqual({
      kind: 'checklist-deduction',
      conditions: [{ label: '建立服务绩效的自评分析机制', points: 6 }],
      deduction: { min: 1, max: 3 },
      zeroIf: { missing: ['a'] },
    });
    // A "不得分" clause that names no one sub-condition: no zeroIf, and a note to check.
    const vague = detect('甲 / 乙', '资料不全不得分；每缺一项扣3分；记录不规范按照现场查勘情况扣1-3分', 6);
    expect([vague.shape, 'zeroIf' in vague.scoring, vague.note]).toEqual(['checklist-deduction', false, '评分标准“资料不全不得分”未能对应到某一个条件，没有写 zeroIf；请核对']);
    // A deduction that is not one sub-condition's worth, or nothing saying what one is worth: free points.
    expect(detect('甲 / 乙', '缺一项扣4分；按照现场查勘情况扣1-3分', 6).shape).toBe('range');
    expect(detect('甲 / 乙', '记录不全不得分；按照现场查勘情况扣1-3分', 6).shape).toBe('range');
  });

  it('上一条满足的不选: the two sub-conditions form an exclusive group, and the best combination must equal the points', () => {
    const content = '每月开展文体活动 / 每季度开展文体活动（上一条满足的不选） / 有活动记录';
    expect(detect(content, '每月开展得3分；每季度开展得1.5分；有活动记录得2分', 5)).toEqual({
      shape: 'checklist',
      scoring: {
        kind: 'checklist',
        conditions: [
          { label: '每月开展文体活动', points: 3, group: '互斥1' },
          { label: '每季度开展文体活动（上一条满足的不选）', points: 1.5, group: '互斥1' },
          { label: '有活动记录', points: 2 },
        ],
      },
    });
    // Without the mark the three add up to 6.5, not 5: free points, never a wrong checklist.
    expect(detect('每月开展文体活动 / 每季度开展文体活动 / 有活动记录', '每月开展得3分；每季度开展得1.5分；有活动记录得2分', 5).shape).toBe('range');
    // Marked, but the best combination (3 + 2) is not the points (6): free points.
    expect(detect(content, '每月开展得3分；每季度开展得1.5分；有活动记录得2分', 6).shape).toBe('range');
  });

  it('parts with their own caps adding up to the points → composite, each part detected alone', () => {
    const d = detect('', '服务内容：最高得20分，服务项目齐全；服务绩效：最高得40分。其中，年服务达200人次，得10分；年服务达500人次，得20分；年服务达800人次，得30分；年服务达1000人次以上，得40分', 60);
    expect(d.shape).toBe('composite');
    expect(d.parts?.map((p) => [p.name, p.points, p.rule.shape])).toEqual([
      ['服务内容', 20, 'range'],
      ['服务绩效', 40, 'tiers'],
    ]);
    expect(d.parts?.[1].rule.scoring).toEqual({ kind: 'tiers', unit: '人次', tiers: [200, 500, 800, 1000].map((min, i) => ({ min, points: 10 * (i + 1) })) });
    expect(d.parts?.[0].standard).toBe('服务内容：最高得20分，服务项目齐全');
    // Caps that do not add up to the points are no composite.
    expect(detect('', '服务内容：最高得20分；服务绩效：最高得30分', 60).shape).toBe('range');
  });

  it('volume tiers → tiers with the unit', () => {
    expect(detect('服务绩效', '年服务达200人次，得10分；年服务达500人次，得20分；年服务达800人次，得30分；年服务达1000人次以上，得40分', 40)).toEqual({
      shape: 'tiers',
      scoring: {
        kind: 'tiers',
        unit: '人次',
        tiers: [
          { min: 200, points: 10 },
          { min: 500, points: 20 },
          { min: 800, points: 30 },
          { min: 1000, points: 40 },
        ],
      },
    });
  });

  it('only "不得分" → boolean; mixed or conditional text → range', () => {
    expect(detect('年内无责任事故', '发生责任事故不得分', 10).shape).toBe('boolean');
    expect(detect('卫生', '以现场查勘情况为准，不符合要求不得分', 8).shape).toBe('boolean');
    expect(detect('维护 / 记录', '无维护保养记录不得分；记录不规范不完整扣1分', 2).shape).toBe('range');
    expect(detect('档案', '缺少一类档案，扣5分；一类档案记录不规范按照现场查勘情况扣1-3分', 10).shape).toBe('range');
    expect(detect('卫生间 / 厕位', '（1）项不符合要求扣4分；（2）项不符合要求扣4分。采取配餐方式的，此项不扣分；未开展助餐服务的，此项不得分', 8).shape).toBe('range');
    expect(detect('', '', 5).shape).toBe('range');
    expect(detect('x', '视情况评分', 5)).toEqual({ shape: 'range', scoring: { kind: 'range' } });
  });
});
