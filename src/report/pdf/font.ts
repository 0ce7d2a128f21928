/**
 * The Chinese font of every PDF report: Noto Sans SC (regular and bold) from
 * the @expo-google-fonts/noto-sans-sc package, parsed ONCE per process with
 * fontkit and handed to pdfkit as the parsed font object. pdfkit accepts any
 * object with a `layout()` method as a font source (PDFFontFactory.open in
 * pdfkit 0.20), so registering the parsed font avoids reading and parsing the
 * 10 MB file again for every document. pdfkit subsets it on output (only the
 * glyphs used are embedded).
 *
 * The font-level override of the speed layer (backend.ts) is here:
 * memoiseGlyphData. It relies on internals of fontkit 2.0.4
 * (TTFSubset._addGlyph, Glyph._decode and _getMetrics, Font.loca,
 * _getTableStream, directory) and is applied only in the fast mode, which
 * backend.ts allows only with that version installed.
 * test/report/pdf/font-cache.test.ts compares the subsets with fontkit's.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { FAST, type SpeedLayer } from './backend.js';
import type { Doc } from './types.js';

export interface CjkFonts {
  regular: Font;
  bold: Font;
}

/** Names the fonts are registered under in every report document. */
export const FONT_REGULAR = 'cjk';
export const FONT_BOLD = 'cjk-bold';

const require = createRequire(import.meta.url);

export function cjkFontPaths(): { regular: string; bold: string } {
  return {
    regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  };
}

/** The font-level override of the speed layer (see backend.ts). */
export type FontLayer = Pick<SpeedLayer, 'glyphData'>;

/** Parsed fonts with and without the font-level override (one of them in a normal run). */
const cached = new Map<string, Promise<CjkFonts>>();

/**
 * Parse Noto Sans SC regular and bold once per process and set of font-level
 * overrides (later calls share the result); without an argument the fonts of
 * the fast mode.
 */
export function loadCjkFont(layer: FontLayer = FAST): Promise<CjkFonts> {
  const key = layer.glyphData ? 'fast' : 'reference';
  let fonts = cached.get(key);
  if (!fonts) {
    fonts = (async () => {
      const fontkit = await import('fontkit');
      const paths = cjkFontPaths();
      const [regular, bold] = await Promise.all([readFile(paths.regular), readFile(paths.bold)]);
      const prepare = (font: Font) => (layer.glyphData ? memoiseGlyphData(font) : font);
      return { regular: prepare(fontkit.create(regular)), bold: prepare(fontkit.create(bold)) };
    })();
    cached.set(key, fonts);
    fonts.catch(() => cached.delete(key));
  }
  return fonts;
}

/** What a TrueType subset needs of one glyph: its glyf bytes, composite components, metrics. */
interface GlyphData {
  bytes: Uint8Array;
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

/** The parts of fontkit 2's TTFSubset (not in its public API) the memo below replaces one method of. */
interface TtfSubset {
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph?: (this: TtfSubset, gid: number) => number;
}

interface FontInternals {
  createSubset(): TtfSubset;
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } | null;
  _variationProcessor?: unknown;
  directory?: { tables?: Record<string, { offset: number; length: number } | undefined> };
}

/**
 * Memoise the per-glyph work of font subsetting across documents. pdfkit
 * embeds a fresh subset of each font in every document, and fontkit's
 * TrueType subsetter fully decodes every used glyph's outline (only to learn
 * whether it is a composite) each time: a fifth of a report's time. The same
 * glyphs recur in every report, so their glyf bytes, components and metrics
 * are kept per font (bounded by the font's glyph count) and the subset is
 * assembled exactly as fontkit's `_addGlyph` does, giving identical bytes.
 * Only TrueType fonts without variations take this path; anything else keeps
 * fontkit's own subsetter.
 */
export function memoiseGlyphData<F extends Font>(font: F): F {
  const f = font as unknown as FontInternals;
  if (!f.directory?.tables?.glyf || f._variationProcessor) return font;
  const createSubset = f.createSubset.bind(f);
  const data = new Map<number, GlyphData>();
  const glyphData = (gid: number): GlyphData => {
    let d = data.get(gid);
    if (!d) {
      const glyph = f.getGlyph(gid);
      const glyf = glyph._decode();
      const cur = f.loca.offsets[gid];
      const stream = f._getTableStream('glyf');
      if (!stream) throw new Error('internal error: the font has no glyf table');
      stream.pos += cur;
      const bytes = stream.readBuffer(f.loca.offsets[gid + 1] - cur);
      const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null;
      d = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      data.set(gid, d);
    }
    return d;
  };
  f.createSubset = () => {
    const subset = createSubset();
    if (typeof subset._addGlyph !== 'function') return subset;
    subset._addGlyph = function (this: TtfSubset, gid: number): number {
      const d = glyphData(gid);
      let bytes = d.bytes;
      if (d.components) {
        bytes = new Uint8Array(d.bytes);
        const view = new DataView(bytes.buffer);
        for (const c of d.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
      }
      this.glyf.push(bytes);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance: d.advance, bearing: d.bearing });
      this.offset += bytes.length;
      return this.glyf.length - 1;
    };
    return subset;
  };
  return font;
}

/** Register the parsed fonts on a pdfkit document as `cjk` and `cjk-bold`, and select the regular one. */
export function registerCjkFonts(doc: Doc, fonts: CjkFonts): void {
  // pdfkit's types only list paths and buffers; its runtime takes a parsed fontkit font.
  doc.registerFont(FONT_REGULAR, fonts.regular as unknown as Uint8Array);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as Uint8Array);
  doc.font(FONT_REGULAR);
}
