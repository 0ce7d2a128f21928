import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportDocument } from '../../../src/report/pdf/document.js';
import { lineSegments } from '../../../src/report/pdf/fast-text.js';
import { loadCjkFont } from '../../../src/report/pdf/font.js';
import { renderStationPdf } from '../../../src/report/station-pdf.js';
import { rubricFromData } from '../../../src/rubric/model.js';
import { fujianRubric, selfOnly, spotChecked } from '../fixtures.js';

let poppler = true;
try {
  execFileSync('pdffonts', ['-v'], { stdio: 'ignore' });
} catch {
  poppler = false;
}

interface Shaped {
  glyphs: { id: number }[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
}
type Layout = (text: string, features?: unknown, script?: string) => Shaped;

const signature = (runs: Shaped[]) => runs.flatMap((r) => r.glyphs.map((g, i) => `${g.id}:${r.positions[i].xAdvance}:${r.positions[i].xOffset}:${r.positions[i].yOffset}`)).join(' ');

/** pdfkit shapes a line in pieces cut after every space and tab. */
function spacePieces(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ' ' || text[i] === '\t') {
      out.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

describe('fast text', () => {
  it('cuts lines into segments that shape exactly like the whole pieces', async () => {
    const fonts = await loadCjkFont();
    const texts = [
      '自评：65 ㎡；抽查：20',
      '项目 B5「优秀案例获奖」自评 5 分，抽查 0 分，偏差 5 超过容差 3',
      '基础分 710.0　加分项 24.0　虚高扣减 29.0　自评 892.0　抽查 725.0　',
      '• 「基础建设」还差 10 分（四星级要求得分率 ≥ 70%，即 105 分；目前 95）',
      '"基础建设" short by 12.5 (level 3 (三星级) requires ≥ 60%, i.e. 90; now 77.5)',
      '默认不允许填“不适用”；个别项目单独写 na: rescale（按适用项目折算）',
      'boundary: inclusive —— “以上”含本数（民法典第1259条），总分 ≥ 门槛即达到。',
      '第0001县白沙镇社工站 | fujian-style 2022.1 | sha256 b9ef8344 | station-eval bench',
      '3×4 分，0×0，791.9×1 万元',
      '优A12 与 B1，fi ffl office',
      '99.5 / 150.0',
      '−29.0 +173.0 (12.5) 1.1.1 63.3% ',
      'Ünïcödé ÀÉÎ 中文 ÑØ',
      'русский текст 与中文',
      ...[...fujianRubric.index.nodesById.values()].map((n) => n.name),
      ...fujianRubric.index.items.map((i) => `${i.name}\n自评：${i.points} 分`),
    ];
    for (const font of [fonts.regular, fonts.bold]) {
      const layout = font.layout.bind(font) as unknown as Layout;
      for (const text of texts) {
        const whole = signature(spacePieces(text).map((p) => layout(p)));
        const segments = lineSegments(text);
        expect(segments.map(([s]) => s).join('')).toBe(text);
        const composed = signature(segments.map(([s, script]) => (script === undefined ? layout(s) : layout(s, undefined, script))));
        expect(composed, text).toBe(whole);
      }
    }
    // Han characters and the digits of numbers are their own segments; Latin words and × stay whole.
    expect(lineSegments('自评：65 ㎡')).toEqual([
      ['自', 'hani'],
      ['评', 'hani'],
      ['：', 'hani'],
      ['6', 'hani'],
      ['5', 'hani'],
      [' ', 'hani'],
      ['㎡', undefined],
    ]);
    expect(lineSegments('B5「优秀')).toEqual([
      ['B5「', 'latn'],
      ['优', 'latn'],
      ['秀', 'latn'],
    ]);
    expect(lineSegments('892.0 3×4')).toEqual([
      ['8', undefined],
      ['9', undefined],
      ['2', undefined],
      ['.', undefined],
      ['0', undefined],
      [' ', undefined],
      ['3×4', undefined],
    ]);
  }, 60_000);

  it('a station PDF does not depend on what the thread rendered before, also after base fonts were evicted', async () => {
    const first = Buffer.from(await renderStationPdf(spotChecked, fujianRubric));
    await renderStationPdf(selfOnly, fujianRubric);
    // Nine rubrics with other names: more base subsets than the cache keeps.
    for (let i = 0; i < 9; i++) {
      const data = structuredClone(fujianRubric.data);
      data.title = `其他细则 ${i} 号`;
      data.modules[0].name = `模块甲乙丙丁${i}`;
      await renderStationPdf(selfOnly, rubricFromData(data));
    }
    const { doc, finish } = await createReportDocument({ title: '其他文档' });
    doc.text('没有基础子集的文档：各种文字 ABC 123 ×÷');
    await finish();
    const again = Buffer.from(await renderStationPdf(spotChecked, fujianRubric));
    expect(again.equals(first)).toBe(true);
  }, 60_000);

  it.skipIf(!poppler)(
    'embeds the base and the per-document subsets with ToUnicode maps, and pdftotext reads the text',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fast-text-'));
      const file = path.join(dir, 'spot.pdf');
      writeFileSync(file, await renderStationPdf(spotChecked, fujianRubric));
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      // Base subsets (rubric and labels) and the document's own subsets (the station's texts), regular and bold.
      expect(fonts.match(/\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/g)?.length).toBe(2);
      expect(fonts.match(/\+NotoSansSC-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/g)?.length).toBe(2);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('城关镇社会工作服务站');
      const shortest = fujianRubric.index.items.map((i) => i.name).sort((a, b) => a.length - b.length)[0];
      expect(text).toContain(shortest);
    },
    30_000,
  );
});
