import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cjkFontPaths, memoiseGlyphData } from '../../../src/report/pdf/font.js';

interface Run {
  glyphs: { id: number }[];
}
interface Subset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}

describe('font caches', async () => {
  const fontkit = await import('fontkit');
  const bytes = readFileSync(cjkFontPaths().regular);
  const plain = fontkit.create(bytes);
  const cached = memoiseGlyphData(fontkit.create(bytes));
  it('a subset encodes to the same bytes as fontkit, also the second time', () => {
    const run = plain.layout('评估报告第页共★服务场所fi1,0.5') as Run;
    const encode = (font: typeof plain) => {
      const subset = (font as unknown as { createSubset(): Subset }).createSubset();
      for (const g of run.glyphs) subset.includeGlyph(g.id);
      return Buffer.from(subset.encode());
    };
    const expected = encode(plain);
    expect(expected.length).toBeGreaterThan(1000);
    expect(encode(cached).equals(expected)).toBe(true);
    expect(encode(cached).equals(expected)).toBe(true);
  });

  it("the memoised glyph data give fontkit's subset byte for byte, in both weights, for many glyphs", () => {
    const text = '评估报告第页共★服务场所面积不少于平方米且相对独立、功能分区合理（含办公区、个案工作室）fi office ffl 1,000.5 —— “以上” ㎡ ÀÉÎ';
    for (const file of [cjkFontPaths().regular, cjkFontPaths().bold]) {
      const b = readFileSync(file);
      const a = fontkit.create(b);
      const c = memoiseGlyphData(fontkit.create(b));
      const ids = (a.layout(text) as Run).glyphs.map((g) => g.id);
      const encode = (font: typeof a) => {
        const subset = (font as unknown as { createSubset(): Subset }).createSubset();
        for (const id of ids) subset.includeGlyph(id);
        return Buffer.from(subset.encode());
      };
      expect(encode(c).equals(encode(a))).toBe(true);
    }
  });
});
