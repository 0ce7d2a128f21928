import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { scoreStation } from '../../src/score/score-station.js';
import { stationView } from '../../src/serve/station-view.js';

describe('stationView', () => {
  it('a rubric with scoring parties: each party’s counted total, as the terminal prints it; none without parties', async () => {
    const rubric = await loadRubric('test/fixtures/rubrics/guangzhou-parties.yaml');
    const pts = (points: number) => ({ value: { kind: 'points' as const, points } });
    const result = scoreStation(rubric, {
      station: { name: '越秀区某街社工站' },
      self: { items: {} },
      parties: {
        evaluator: { items: { '1.1': pts(352.5), '1.2': pts(241) } },
        buyer: { items: { '2.1': pts(110), '2.2': pts(72) } },
        supervisor: { items: { '3.1': pts(55), '3.2': pts(36.5) } },
      },
    });
    const v = stationView(result, rubric);
    expect(v.total).toBe('867.0');
    expect(v.parties).toEqual({
      zh: '评分方：第三方评估机构 593.5 / 700.0 · 采购方 182.0 / 200.0 · 督导 91.5 / 100.0',
      en: 'Scoring parties: 第三方评估机构 593.5 / 700.0 · 采购方 182.0 / 200.0 · 督导 91.5 / 100.0',
    });
    const fujian = await loadRubric('rubrics/fujian-style.yaml');
    expect(stationView(scoreStation(fujian, { station: { name: '城关镇' }, self: { items: {} } }), fujian).parties).toBeNull();
  });
});
