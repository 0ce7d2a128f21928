/** A small rubric with every item kind, N/A policies, a bonus pool and vetoes. */
import { rubricFromData, type LoadedRubric } from '../../src/rubric/model.js';
import { Rubric } from '../../src/rubric/schema.js';

export function smallRubric(overrides: Record<string, unknown> = {}): LoadedRubric {
  return rubricFromData(
    Rubric.parse({
      id: 'test-small',
      title: '测试细则',
      version: '1.0',
      total: 100,
      precision: 1,
      modules: [
        {
          id: '1',
          name: '基础建设',
          points: 50,
          children: [
            {
              id: '1.1',
              name: '场所设施',
              points: 30,
              children: [
                {
                  id: '1.1.1',
                  name: '服务场所面积',
                  points: 10,
                  scoring: {
                    kind: 'tiers',
                    unit: '㎡',
                    tiers: [
                      { min: 60, points: 10 },
                      { min: 40, points: 6 },
                    ],
                    otherwise: 0,
                  },
                },
                {
                  id: '1.1.2',
                  name: '牌匾悬挂',
                  points: 3,
                  scoring: {
                    kind: 'choice',
                    options: [
                      { label: '门外醒目', points: 3 },
                      { label: '室内', points: 1.5 },
                      { label: '未悬挂', points: 0 },
                    ],
                  },
                },
                {
                  id: '1.1.3',
                  name: '功能室',
                  points: 2,
                  scoring: {
                    kind: 'checklist',
                    conditions: [
                      { label: '个案室', points: 0.5 },
                      { label: '活动室', points: 0.5 },
                      { label: '档案室', points: 1 },
                    ],
                  },
                },
                { id: '1.1.4', name: '设施设备', points: 15, na: 'rescale', scoring: { kind: 'range', step: 0.5 } },
              ],
            },
            {
              id: '1.2',
              name: '人员',
              points: 20,
              children: [
                { id: '1.2.1', name: '驻站社工', points: 10, scoring: { kind: 'count', unit: '人', base: { count: 2, points: 6 }, increment: 2, cap: 10 } },
                { id: '1.2.2', name: '无失信记录', points: 5, scoring: { kind: 'boolean' } },
                { id: '1.2.3', name: '制度缺项', points: 5, scoring: { kind: 'deduction', per: 1 } },
                { id: '1.2.4', name: '党组织', points: 0, scoring: { kind: 'control' } },
              ],
            },
          ],
        },
        {
          id: '2',
          name: '服务提供',
          points: 50,
          children: [
            { id: '2.1', name: '个案服务', points: 20, na: 'full', aliases: ['个案工作'], scoring: { kind: 'range' } },
            {
              id: '2.2',
              name: '服务质量',
              points: 30,
              scoring: {
                kind: 'graded',
                grades: [
                  { grade: 'A', min: 25, max: 30 },
                  { grade: 'B', min: 15, max: 24.5 },
                  { grade: 'C', min: 0, max: 14.5 },
                ],
              },
            },
          ],
        },
      ],
      bonus: { name: '加分项', cap: 5, items: [{ id: 'B1', name: '创新项目', points: 5, scoring: { kind: 'range' } }] },
      vetoes: [
        { id: 'V1', name: '弄虚作假', effect: 'no-star' },
        { id: 'V2', name: '重大安全事故', effect: 'cap-star', maxStars: 2 },
      ],
      stars: {
        levels: [
          { level: 1, name: '一星级', minTotal: 60 },
          { level: 2, name: '二星级', minTotal: 80 },
        ],
      },
      ...overrides,
    }),
    'test-small.yaml',
  );
}
