import { describe, expect, test } from 'vitest';
import { renderTerminal } from '../../src/report/terminal.js';
import { fujianRubric, spotChecked } from './fixtures.js';
import type { StationResult } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

const ESC = '\u001b';

describe('renderTerminal', () => {
  const hostile: StationResult = { ...spotChecked, station: { ...spotChecked.station, name: `城关镇${ESC}[2J社工站` } };

  test('colour: real escape codes for our own colours, input text escaped before colouring', () => {
    const out = renderTerminal(hostile, fujianRubric, { color: true });
    expect(out).toContain(`${ESC}[1m`); // bold station name, a real SGR code
    expect(out).not.toContain('\\x1b[1m'); // never our own codes shown as text
    expect(out).toContain('城关镇\\x1b[2J社工站'); // the input's ESC is shown, not obeyed
    expect(out).not.toContain(`${ESC}[2J`);
  });

  test('plain: no escape codes at all', () => {
    const out = renderTerminal(hostile, fujianRubric, { color: false });
    expect(out).not.toContain(ESC);
    expect(out.split('\n')[0]).toBe('城关镇\\x1b[2J社工站（惠安县 · 城关镇 · =HYPERLINK("http://evil.example","惠安县启明社会工作服务中心")）');
  });

  test('percentages one way (one decimal), modules aligned by display width, totals in the shared wording', () => {
    const out = renderTerminal(spotChecked, fujianRubric, { color: false });
    const moduleLines = out.split('\n').filter((l) => /[█░]/.test(l));
    expect(moduleLines).toHaveLength(spotChecked.modules.length);
    for (const [i, m] of spotChecked.modules.entries()) expect(moduleLines[i]).toContain(`${m.percent.toFixed(1)}%`);
    // The bars start in the same column in every module line (CJK names count 2 columns).
    const barStart = moduleLines.map((l) => (l.indexOf('█') >= 0 ? l.search(/[█░]/) : -1));
    expect(new Set(barStart.map((_, i) => moduleLines[i].slice(0, barStart[i]).replace(/[\u4e00-\u9fff]/g, 'xx').length)).size).toBe(1);
    expect(out).toContain(`自评 ${must(spotChecked.selfTotal).toFixed(1)} / 抽查 ${must(spotChecked.spotTotal).toFixed(1)}`);
    expect(out).toContain(`偏差 +${must(spotChecked.deviation).toFixed(1)}`);
  });
});

describe('several scoring parties', () => {
  test('one line with each party’s counted total and its share', async () => {
    const { fileURLToPath } = await import('node:url');
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const { scoreStation } = await import('../../src/score/score-station.js');
    const rubric = await loadRubric(fileURLToPath(new URL('../fixtures/rubrics/guangzhou-parties.yaml', import.meta.url)));
    const v = (points: number) => ({ value: { kind: 'points' as const, points } });
    const result = scoreStation(rubric, {
      station: { name: '测试站' },
      self: { items: {} },
      parties: {
        evaluator: { items: { '1.1': v(352.5), '1.2': v(241) } },
        buyer: { items: { '2.1': v(110), '2.2': v(72) } },
        supervisor: { items: { '3.1': v(55), '3.2': v(36.5) } },
      },
    });
    const out = renderTerminal(result, rubric, { color: false }).split('\n');
    expect(out).toContain('评分方：第三方评估机构 593.5 / 700.0 · 采购方 182.0 / 200.0 · 督导 91.5 / 100.0');
    expect(renderTerminal(result, rubric, { color: false, lang: 'en' }).split('\n')).toContain('Scoring parties: 第三方评估机构 593.5 / 700.0 · 采购方 182.0 / 200.0 · 督导 91.5 / 100.0');
  });
});
