import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cjkFontPaths, memoiseGlyphData, memoiseLayout } from '../../../src/report/pdf/font.js';

interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface Subset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}

describe('font caches', async () => {
  const fontkit = await import('fontkit');
  const bytes = readFileSync(cjkFontPaths().regular);
  const plain = fontkit.create(bytes);
  const cached = memoiseGlyphData(memoiseLayout(fontkit.create(bytes), 3));
  const texts = ['服务场所面积不少于60平方米', '★', 'fi office 1,000.5', '服务场所面积不少于60平方米', '（盖章）', '★'];

  it('layout gives the same glyphs and positions as fontkit, fresh positions every call, bounded', () => {
    for (const text of texts) {
      const a = plain.layout(text) as Run;
      const b = cached.layout(text) as Run;
      expect(b.glyphs.map((g) => g.id)).toEqual(a.glyphs.map((g) => g.id));
      expect(b.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset])).toEqual(a.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]));
      expect(b.advanceWidth).toBe(a.advanceWidth);
      // pdfkit scales positions in place: that must not leak into the next call.
      for (const p of b.positions) p.xAdvance *= 2;
      expect((cached.layout(text) as Run).advanceWidth).toBe(a.advanceWidth);
    }
    const withFeatures = cached.layout('fi', ['liga']) as Run;
    expect(withFeatures.glyphs.map((g) => g.id)).toEqual((plain.layout('fi', ['liga']) as Run).glyphs.map((g) => g.id));
  });

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

  it('the directly written TrueType subset is byte for byte fontkit\'s, in both weights, for many glyphs', () => {
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
