/** A small literal rubric and two-year histories built with the engine. */
import { toYearRecord } from '../../src/compare/year-record.js';
import type { YearRecord } from '../../src/compare/types.js';
import { rubricFromData, type LoadedRubric } from '../../src/rubric/model.js';
import { Rubric } from '../../src/rubric/schema.js';
import { scoreStation } from '../../src/score/score-station.js';
import type { StationResult } from '../../src/score/types.js';

export function makeRubric(version = '2023.1', itemIds: [string, string, string] = ['1.1', '1.2', '2.1'], certification?: object): LoadedRubric {
  const [a, b, c] = itemIds;
  return rubricFromData(
    Rubric.parse({
      id: 'yoy-test',
      title: '年度对比测试细则',
      version,
      total: 100,
      modules: [
        {
          id: '1',
          name: '基础建设',
          points: 60,
          children: [
            { id: a, name: '场所', points: 40, scoring: { kind: 'range', step: 0.5 } },
            { id: b, name: '设备', points: 20, scoring: { kind: 'range', step: 0.5 } },
          ],
        },
        { id: '2', name: '服务提供', points: 40, children: [{ id: c, name: '个案服务', points: 40, scoring: { kind: 'range', step: 0.5 } }] },
      ],
      stars: {
        levels: [
          { level: 1, name: '一星级', minTotal: 60 },
          { level: 2, name: '二星级', minTotal: 70 },
          { level: 3, name: '三星级', minTotal: 80 },
          { level: 4, name: '四星级', minTotal: 90 },
        ],
      },
      ...(certification ? { certification } : {}),
    }),
  );
}

export interface StationSpec {
  name: string;
  county?: string;
  code?: string;
  year?: number | string;
  /** Points of the three items in order. */
  points: [number, number, number];
}

export function result(rubric: LoadedRubric, s: StationSpec): StationResult {
  const ids = rubric.index.items.map((i) => i.id);
  const items = Object.fromEntries(ids.map((id, k) => [id, { value: { kind: 'points' as const, points: s.points[k] } }]));
  return scoreStation(rubric, {
    station: { name: s.name, county: s.county ?? '示例县', ...(s.code ? { code: s.code } : {}), ...(s.year !== undefined ? { year: s.year } : {}) },
    self: { items },
  });
}

export function record(rubric: LoadedRubric, s: StationSpec): YearRecord {
  return toYearRecord(result(rubric, s));
}
