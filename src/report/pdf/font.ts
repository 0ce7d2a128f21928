/**
 * The Chinese font of every PDF report: Noto Sans SC (regular and bold) from
 * the @expo-google-fonts/noto-sans-sc package, parsed ONCE per process with
 * fontkit and handed to pdfkit as the parsed font object. pdfkit accepts any
 * object with a `layout()` method as a font source (PDFFontFactory.open in
 * pdfkit 0.20), so registering the parsed font avoids reading and parsing the
 * 10 MB file again for every document. pdfkit subsets it on output (only the
 * glyphs used are embedded).
 *
 * The font-level overrides of the speed layer (backend.ts) are here:
 * memoiseLayout, memoiseGlyphData and writeTrueType. They rely on internals of
 * fontkit 2.0.4 (TTFSubset._addGlyph and encode, Glyph._decode and
 * _getMetrics, Font.loca, _getTableStream, directory) and are applied only in
 * the fast mode, which backend.ts allows only with that version installed.
 * test/report/pdf/font-cache.test.ts compares their results with fontkit's.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { BoundedCache } from '../../util/memo.js';
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

/** The font-level overrides of the speed layer (see backend.ts). */
export type FontLayer = Pick<SpeedLayer, 'layoutMemo' | 'glyphData' | 'subsetEncode'>;

/** Parsed fonts per set of font-level overrides (one set in a normal run: FAST or REFERENCE). */
const cached = new Map<string, Promise<CjkFonts>>();

/**
 * Parse Noto Sans SC regular and bold once per process and set of font-level
 * overrides (later calls share the result); without an argument the fonts of
 * the fast mode.
 */
export function loadCjkFont(layer: FontLayer = FAST): Promise<CjkFonts> {
  const key = `${+layer.layoutMemo}${+layer.glyphData}${+layer.subsetEncode}`;
  let fonts = cached.get(key);
  if (!fonts) {
    fonts = (async () => {
      const fontkit = await import('fontkit');
      const paths = cjkFontPaths();
      const [regular, bold] = await Promise.all([readFile(paths.regular), readFile(paths.bold)]);
      const prepare = (font: Font) => {
        if (layer.layoutMemo) memoiseLayout(font);
        if (layer.glyphData || layer.subsetEncode) memoiseGlyphData(font, layer);
        return font;
      };
      return { regular: prepare(fontkit.create(regular)), bold: prepare(fontkit.create(bold)) };
    })();
    cached.set(key, fonts);
    fonts.catch(() => cached.delete(key));
  }
  return fonts;
}

/** Most layouts kept per font; a report uses a few thousand distinct strings, mostly the same in every report. */
export const LAYOUT_CACHE_LIMIT = 20_000;

interface Run {
  glyphs: unknown[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  readonly advanceWidth: number;
}

/**
 * Memoise `font.layout(text)` across documents. Shaping CJK text with fontkit
 * (GSUB/GPOS lookups for every string pdfkit measures or draws) was most of
 * the cost of a report, and pdfkit's own layout cache lives only as long as
 * one document, while the rubric's texts recur in every report of a batch.
 * The result depends only on the font and the text (and features, which are
 * part of the key), so it is deterministic. pdfkit scales the positions of a
 * run IN PLACE, so every call returns fresh position objects (glyph objects
 * are fontkit's own per-font cache and are shared). Oldest entries are evicted
 * beyond `limit`, so a worker rendering thousands of reports stays bounded.
 */
export function memoiseLayout<F extends Font>(font: F, limit = LAYOUT_CACHE_LIMIT): F {
  const layout = font.layout.bind(font) as (text: string, ...rest: unknown[]) => Run;
  const cache = new BoundedCache<{ glyphs: unknown[]; pos: Float64Array }>(limit);
  const memo = (text: string, features?: unknown, ...rest: unknown[]): Run => {
    // Only (text) and (text, feature list) are memoised; script/language/direction go straight to fontkit.
    if (rest.some((r) => r !== undefined) || (features !== undefined && !Array.isArray(features))) return layout(text, features, ...rest);
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let hit = cache.get(key);
    if (!hit) {
      const run = layout(text, features);
      const pos = new Float64Array(run.positions.length * 4);
      run.positions.forEach((p, i) => pos.set([p.xAdvance, p.yAdvance, p.xOffset, p.yOffset], i * 4));
      hit = { glyphs: withOwnCodePoints(run.glyphs, text), pos };
      cache.set(key, hit);
    }
    const positions: Run['positions'] = new Array(hit.glyphs.length);
    const pos = hit.pos;
    for (let i = 0; i < positions.length; i++) positions[i] = { xAdvance: pos[i * 4], yAdvance: pos[i * 4 + 1], xOffset: pos[i * 4 + 2], yOffset: pos[i * 4 + 3] };
    return {
      glyphs: hit.glyphs,
      positions,
      get advanceWidth() {
        let w = 0;
        for (const p of this.positions) w += p.xAdvance;
        return w;
      },
    };
  };
  (font as { layout: unknown }).layout = memo;
  return font;
}

/**
 * fontkit keeps one Glyph object per glyph id with the code points of the
 * text that first produced it in the process, and pdfkit writes those into
 * the PDF's ToUnicode map. So the same report could map a glyph to different
 * characters depending on what the thread rendered before (e.g. 总览.pdf
 * after the station PDFs with --jobs 1, alone with --jobs 2). When a run maps
 * one character to one glyph, each glyph is given the code point of its own
 * character here, so the map depends only on the document.
 */
function withOwnCodePoints(glyphs: unknown[], text: string): unknown[] {
  const chars = Array.from(text);
  if (chars.length !== glyphs.length) return glyphs;
  return glyphs.map((glyph, i) => {
    const cp = chars[i].codePointAt(0)!;
    const own = (glyph as { codePoints?: number[] }).codePoints;
    if (own && own.length === 1 && own[0] === cp) return glyph;
    return Object.create(glyph as object, { codePoints: { value: [cp], enumerable: true } });
  });
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
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[]; version?: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings?: number[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph?(gid: number): number;
  encode?(): Uint8Array;
}

interface FontInternals {
  createSubset(): TtfSubset;
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
  loca: { offsets: number[]; version: number };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } | null;
  _variationProcessor?: unknown;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
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
export function memoiseGlyphData<F extends Font>(font: F, layer: Pick<FontLayer, 'glyphData' | 'subsetEncode'> = FAST): F {
  const f = font as unknown as FontInternals;
  if (!f.directory?.tables?.glyf || f._variationProcessor) return font;
  const createSubset = f.createSubset.bind(f);
  const data = new Map<number, GlyphData>();
  let tables: RawTables | null | undefined;
  const glyphData = (gid: number): GlyphData => {
    let d = data.get(gid);
    if (!d) {
      const glyph = f.getGlyph(gid);
      const glyf = glyph._decode();
      const cur = f.loca.offsets[gid];
      const stream = f._getTableStream('glyf')!;
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
    if (layer.glyphData) subset._addGlyph = function (this: TtfSubset, gid: number): number {
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
    if (layer.subsetEncode) tables ??= rawTables(f) ?? null;
    if (layer.subsetEncode && tables && typeof subset.encode === 'function') {
      subset.encode = function (this: TtfSubset): Uint8Array {
        this.glyf = [];
        this.offset = 0;
        this.loca = { offsets: [], version: f.loca.version };
        this.hmtx = { metrics: [], bearings: [] };
        for (let i = 0; i < this.glyphs.length; i++) this._addGlyph!(this.glyphs[i]);
        this.loca.offsets.push(this.offset);
        return writeTrueType(tables!, this, f.loca.version);
      };
    }
    return subset;
  };
  return font;
}

/** The raw tables of a font that a subset copies (fontkit decodes and re-encodes them unchanged). */
interface RawTables {
  head: Uint8Array;
  hhea: Uint8Array;
  maxp: Uint8Array;
  'cvt '?: Uint8Array;
  prep?: Uint8Array;
  fpgm?: Uint8Array;
}

function rawTables(f: FontInternals): RawTables | undefined {
  const read = (tag: string) => {
    const entry = f.directory.tables[tag];
    const stream = entry ? f._getTableStream(tag) : null;
    return entry && stream ? new Uint8Array(stream.readBuffer(entry.length)) : undefined;
  };
  const head = read('head');
  const hhea = read('hhea');
  const maxp = read('maxp');
  // Only the table versions whose fields are at the offsets patched below.
  if (!head || head.length !== 54 || !hhea || hhea.length !== 36 || !maxp || maxp.length !== 32) return undefined;
  return { head, hhea, maxp, 'cvt ': read('cvt '), prep: read('prep'), fpgm: read('fpgm') };
}

/**
 * The TrueType file fontkit 2's TTFSubset.encode writes, written directly
 * (restructure's generic encoder was a third of embedding a subset): the
 * tables head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm (those present)
 * in that order, unpadded, with zero checksums, the head, hhea and maxp of
 * the font with the loca format, metric count and glyph count set.
 * test/report/pdf/font-cache.test.ts compares the bytes with fontkit's.
 */
function writeTrueType(raw: RawTables, subset: TtfSubset, locaVersion: number): Uint8Array {
  const head = new Uint8Array(raw.head);
  new DataView(head.buffer).setInt16(50, locaVersion);
  const hhea = new Uint8Array(raw.hhea);
  new DataView(hhea.buffer).setUint16(34, subset.hmtx.metrics.length);
  const maxp = new Uint8Array(raw.maxp);
  new DataView(maxp.buffer).setUint16(4, subset.glyf.length);
  const offsets = subset.loca.offsets;
  const loca = new Uint8Array(offsets.length * (locaVersion === 0 ? 2 : 4));
  const lv = new DataView(loca.buffer);
  for (let i = 0; i < offsets.length; i++) {
    if (locaVersion === 0) lv.setUint16(i * 2, offsets[i] >>> 1);
    else lv.setUint32(i * 4, offsets[i]);
  }
  let glyfLength = 0;
  for (const g of subset.glyf) glyfLength += g.length;
  const metrics = subset.hmtx.metrics;
  const hmtx = new Uint8Array(metrics.length * 4);
  const hv = new DataView(hmtx.buffer);
  metrics.forEach((m, i) => {
    hv.setUint16(i * 4, m.advance);
    hv.setInt16(i * 4 + 2, m.bearing);
  });
  const tables: [string, Uint8Array | Uint8Array[], number][] = [];
  const add = (tag: string, data: Uint8Array | Uint8Array[] | undefined, length?: number) => {
    if (data) tables.push([tag, data, length ?? (data as Uint8Array).length]);
  };
  add('head', head);
  add('hhea', hhea);
  add('loca', loca);
  add('maxp', maxp);
  add('cvt ', raw['cvt ']);
  add('prep', raw.prep);
  add('glyf', subset.glyf, glyfLength);
  add('hmtx', hmtx);
  add('fpgm', raw.fpgm);
  const n = tables.length;
  const dirLength = 12 + 16 * n;
  const total = dirLength + tables.reduce((a, t) => a + t[2], 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const pow2 = 2 ** Math.floor(Math.log2(n));
  out.set([0x74, 0x72, 0x75, 0x65], 0); // "true"
  view.setUint16(4, n);
  view.setUint16(6, pow2 * 16);
  view.setUint16(8, Math.log2(pow2));
  view.setUint16(10, n * 16 - pow2 * 16);
  let offset = dirLength;
  tables.forEach(([tag, data, length], i) => {
    const e = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[e + k] = tag.charCodeAt(k);
    view.setUint32(e + 4, 0);
    view.setUint32(e + 8, offset);
    view.setUint32(e + 12, length);
    if (Array.isArray(data)) {
      for (const g of data) {
        out.set(g, offset);
        offset += g.length;
      }
    } else {
      out.set(data, offset);
      offset += length;
    }
  });
  return out;
}

/** Register the parsed fonts on a pdfkit document as `cjk` and `cjk-bold`, and select the regular one. */
export function registerCjkFonts(doc: Doc, fonts: CjkFonts): void {
  // pdfkit's types only list paths and buffers; its runtime takes a parsed fontkit font.
  doc.registerFont(FONT_REGULAR, fonts.regular as unknown as Uint8Array);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as Uint8Array);
  doc.font(FONT_REGULAR);
}
