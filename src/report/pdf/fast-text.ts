/**
 * Cheaper text for pdfkit documents, installed per document (nothing global
 * is changed):
 *
 * - Each line is shaped once per thread, not once per document: its glyph
 *   ids, code points and advances are remembered by font and text (the
 *   rubric's texts recur in every report), and a line never seen before is
 *   assembled from shaped segments (see lineSegments). `doc.widthOfString`
 *   (the line wrapper measures every word with it) reads the same memo.
 * - `doc.text` with a width, left/center/right alignment (and a height or
 *   an ellipsis for a text of one line) and `doc.heightOfString` come from
 *   the wrap cache of table.ts instead of pdfkit's line wrapper.
 * - A line is written as Tm, Tf, TJ without pdfkit's save, transform and
 *   restore around it; consecutive lines share one text object (BT … ET)
 *   and the font is set only when it changes.
 * - Optionally a "base" subset per font: the glyphs of a fixed text (e.g. a
 *   rubric's item names and the report's labels) as their own embedded
 *   font, with fixed glyph numbers. Its font program, widths and ToUnicode
 *   map are built and compressed once per thread and copied into every
 *   document, and a line made of base glyphs only is encoded once per thread.
 *   Glyphs outside the base go to pdfkit's own per-document subset of the
 *   same font, as before. Everything depends only on the font and the texts,
 *   never on what the thread rendered before.
 *
 * Part of the speed layer (backend.ts), for pdfkit 0.20.2 only; each of the
 * overrides above is installed only when its switch in the SpeedLayer is on.
 *
 * Anything the fast paths do not cover (character or word spacing, justify,
 * links, underline, strike, oblique, stroke, baseline, OpenType features,
 * glyphs with x/y offsets, continued text, text crossing the bottom margin)
 * goes to pdfkit.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Font } from 'fontkit';
import { FAST, type SpeedLayer } from './backend.js';
import { heightFromCache, textFromCache } from './table.js';
import type { Doc } from './types.js';
import { cachePerOwner } from '../../util/memo.js';

/** The parts of a pdfkit 0.20 EmbeddedFont used here. */
interface PdfFont {
  id: string;
  font: Font;
  scale: number;
  ascender: number;
  descender: number;
  subset: { includeGlyph(gid: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  layout(text: string): { glyphs: { id: number; codePoints: number[]; advanceWidth: number }[]; positions: { xAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[] };
  ref(): unknown;
}

/** The parts of a pdfkit 0.20 document used here (the current font may also be one of pdfkit's standard fonts). */
interface DocInternals {
  _font: Partial<PdfFont> | null;
  _fontSize: number;
  x: number;
  y: number;
  _textOptions?: unknown;
  _wrapper?: unknown;
  page: { fonts: Record<string, unknown>; width: number; margins: { right: number } };
  text: (this: DocInternals, text: unknown, x?: unknown, y?: unknown, options?: unknown) => unknown;
  heightOfString: (this: DocInternals, text: unknown, options?: TextOptions) => number;
  _fragment: (this: DocInternals, text: string, x: number, y: number, options: FragmentOptions) => void;
  widthOfString: (this: DocInternals, text: string, options?: { characterSpacing?: number; features?: unknown }) => number;
  addContent: (this: DocInternals, data: string) => unknown;
  addPage?: (this: DocInternals, options?: unknown) => unknown;
  switchToPage?: (this: DocInternals, n: number) => unknown;
  ref: (this: DocInternals, data?: object) => { data: Record<string, unknown>; end(chunk?: string | Uint8Array): void };
}

interface TextOptions {
  width?: number;
  align?: 'left' | 'center' | 'right';
  lineBreak?: boolean;
  height?: number;
  ellipsis?: boolean | string;
}

/** Options the cached path draws exactly as pdfkit: width, left/center/right alignment, lineBreak, height, ellipsis. */
function simpleText(options: TextOptions | undefined): boolean {
  if (options === undefined) return true;
  for (const key in options) {
    const v = (options as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === 'width' || key === 'height') {
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    } else if (key === 'align') {
      if (v !== 'left' && v !== 'center' && v !== 'right') return false;
    } else if (key === 'lineBreak') {
      if (typeof v !== 'boolean') return false;
    } else if (key === 'ellipsis') {
      if (typeof v !== 'boolean' && typeof v !== 'string') return false;
    } else return false;
  }
  return true;
}

interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  textWidth?: number;
  wordSpacing?: number;
  characterSpacing?: number;
  horizontalScaling?: number;
  link?: unknown;
  goTo?: unknown;
  destination?: unknown;
  underline?: boolean;
  strike?: boolean;
  oblique?: unknown;
  stroke?: boolean;
  features?: unknown;
  baseline?: unknown;
}

/** One line laid out by pdfkit (runs split at spaces, as pdfkit does), in 1/1000 em. */
interface Line {
  gids: number[];
  codePoints: number[][];
  /** Glyph advance widths (what the PDF's widths array holds). */
  widths: number[];
  /** xAdvance − advance width per glyph (kerning); 0 for almost all. */
  adjust: number[];
  /** Sum of the advances. */
  width: number;
  /** Some glyph is offset (mark positioning): pdfkit draws the line. */
  offsets: boolean;
}

/** Most lines kept per font; a report has a few thousand distinct lines, mostly the same in every report. */
export const LINE_CACHE_LIMIT = 20_000;
const lineCaches = cachePerOwner<Line>(LINE_CACHE_LIMIT);

function lineOf(pdfFont: PdfFont, text: string): Line {
  const cache = lineCaches(pdfFont.font);
  let line = cache.get(text);
  if (!line) {
    line = { gids: [], codePoints: [], widths: [], adjust: [], width: 0, offsets: false };
    for (const [seg, script] of lineSegments(text)) appendRun(line, runOf(pdfFont, seg, script));
    cache.set(text, line);
  }
  return line;
}

type Script = 'hani' | 'latn' | undefined;

/** Han ideographs (the CJK Unified blocks): no shaping crosses them in Noto Sans SC. */
const HAN = /^[\u3400-\u9FFF]$/;
/** Characters a Han piece may be cut around: Han, CJK and full-width punctuation, ASCII digits and punctuation. */
const HAN_PIECE_SAFE = /^[\u3400-\u9FFF\u3000-\u303F\uFF00-\uFFEF0-9.,%()/:;+\- ]$/;
/** Characters a piece of no letters may be cut around, next to a digit. */
const NUMBER_SAFE = /^[0-9.,%()/:;+\-\u2212（）\u3000：；、 ]$/;
const DIGIT = /^[0-9]$/;

/**
 * The segments a line is shaped in, each with the script given to fontkit.
 * Like pdfkit, the line is first cut after every space and tab; fontkit
 * gives each such piece the script of its first letter (undefined here when
 * it has no letter or it is neither Han nor Latin). A piece is then cut
 * further where no substitution or positioning of Noto Sans SC crosses:
 * around each Han character (Han and Latin pieces), around every character
 * of a Han piece made of Han, CJK punctuation, digits and ASCII punctuation
 * (Latin letters and other symbols stay with their neighbours: kerning,
 * contextual digits after letters, ×), and around the digits of a number.
 * Shaping the segments in the piece's script gives the same glyphs and
 * advances as shaping the piece whole (test/report/pdf/fast-text.test.ts);
 * the segments recur far more than whole lines, so a line never seen before
 * (a station's numbers, inputs, notes) costs no new shaping.
 */
export function lineSegments(text: string): [string, Script][] {
  const out: [string, Script][] = [];
  for (const piece of spacePieces(text)) {
    const script = scriptOf(piece);
    const cut =
      script === 'hani'
        ? (a: string, b: string) => (HAN_PIECE_SAFE.test(a) && HAN_PIECE_SAFE.test(b)) || HAN.test(a) || HAN.test(b)
        : script === 'latn'
          ? (a: string, b: string) => HAN.test(a) || HAN.test(b)
          : script === null
            ? (a: string, b: string) => (DIGIT.test(a) || DIGIT.test(b)) && NUMBER_SAFE.test(a) && NUMBER_SAFE.test(b)
            : () => false;
    const s: Script = script === 'hani' || script === 'latn' ? script : undefined;
    let cur = '';
    let prev = '';
    for (const ch of piece) {
      if (cur && cut(prev, ch)) {
        out.push([cur, s]);
        cur = '';
      }
      cur += ch;
      prev = ch;
    }
    if (cur) out.push([cur, s]);
  }
  return out;
}

/** Split after every space and tab, as pdfkit's EmbeddedFont.layout does (each piece is shaped on its own). */
function spacePieces(text: string): string[] {
  const pieces: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      pieces.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

/**
 * The script fontkit picks for a piece (its first character of neither the
 * Common nor the Inherited script): 'hani' or 'latn'; null when it has no
 * such character; 'other' for any other script (the piece is shaped whole).
 */
function scriptOf(piece: string): 'hani' | 'latn' | 'other' | null {
  for (const ch of piece) {
    if (/\p{Script=Han}/u.test(ch)) return 'hani';
    if (/\p{Script=Latin}/u.test(ch)) return 'latn';
    if (!/[\p{Script=Common}\p{Script=Inherited}]/u.test(ch)) return 'other';
  }
  return null;
}

type Run = Omit<Line, 'width'> & { width: number };
/** Most shaped segments kept per font (Han characters, numbers, words). */
const RUN_CACHE_LIMIT = 20_000;
const runCaches = cachePerOwner<Run>(RUN_CACHE_LIMIT);

/**
 * One segment of lineSegments shaped by fontkit in the given script
 * (undefined: fontkit picks it, as for the whole piece), remembered per font.
 * Each glyph of a one-to-one run carries its own character as its code
 * point (fontkit keeps one Glyph object per glyph id with the code points of
 * the text that first produced it in the process, so the ToUnicode map would
 * otherwise depend on what the thread rendered before).
 */
function runOf(pdfFont: PdfFont, seg: string, script: Script): Run {
  const cache = runCaches(pdfFont.font);
  const key = script === undefined ? seg : `${script}\u0000${seg}`;
  let run = cache.get(key);
  if (!run) {
    const font = pdfFont.font as unknown as {
      layout(
        text: string,
        features?: unknown,
        script?: string,
      ): { glyphs: { id: number; codePoints: number[]; advanceWidth: number }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
    };
    const { glyphs, positions } = script === undefined ? font.layout(seg) : font.layout(seg, undefined, script);
    const chars = Array.from(seg);
    const own = chars.length === glyphs.length;
    const n = glyphs.length;
    const s = pdfFont.scale;
    run = { gids: new Array<number>(n), codePoints: new Array<number[]>(n), widths: new Array<number>(n), adjust: new Array<number>(n), width: 0, offsets: false };
    for (let i = 0; i < n; i++) {
      const p = positions[i];
      const w = glyphs[i].advanceWidth * s;
      run.gids[i] = glyphs[i].id;
      run.codePoints[i] = own ? [codePointOf(chars[i])] : glyphs[i].codePoints;
      run.widths[i] = w;
      run.adjust[i] = p.xAdvance * s - w;
      run.width += p.xAdvance * s;
      if (p.xOffset || p.yOffset) run.offsets = true;
    }
    cache.set(key, run);
  }
  return run;
}

function appendRun(line: Line, run: Run): void {
  for (let i = 0; i < run.gids.length; i++) {
    line.gids.push(run.gids[i]);
    line.codePoints.push(run.codePoints[i]);
    line.widths.push(run.widths[i]);
    line.adjust.push(run.adjust[i]);
  }
  line.width += run.width;
  if (run.offsets) line.offsets = true;
}

/** Colour operators as pdfkit writes them ("/DeviceRGB cs", "0.1 0.2 0.3 scn"): allowed inside a text object. */
const COLOR_OPERATOR = /^(?:\/\w+ (?:cs|CS)|[\d. ]+ (?:scn|SCN))$/;

const HEX: string[] = [];
function hex4(n: number): string {
  return (HEX[n] ??= n.toString(16).padStart(4, '0'));
}

/** A coordinate or size in the content stream: 3 decimals (1/72,000 inch) are plenty. */
function num(n: number): string {
  return String(Math.round(n * 1e3) / 1e3);
}

// ── Base subsets ───────────────────────────────────────────────────────────

interface BaseFont {
  /** glyph id → CID in the base font (1, 2, …). */
  cid: Map<number, number>;
  /** glyph id → the one code point the base font's ToUnicode gives it. */
  codePoint: Map<number, number>;
  name: string;
  /** Compressed TrueType subset. */
  file: Uint8Array;
  /** Compressed ToUnicode CMap. */
  cmap: Uint8Array;
  widths: number[];
  descriptor: Record<string, unknown>;
  /** text → "[…] TJ" when every glyph of the line is in the base, else null. */
  shown: Map<string, string | null>;
}

/** Base fonts kept per font (one per rubric in use; a thread rarely sees more than one). */
const BASE_CACHE_LIMIT = 8;
const baseCaches = cachePerOwner<BaseFont>(BASE_CACHE_LIMIT);

function baseFontOf(pdfFont: PdfFont, text: string): BaseFont {
  const cache = baseCaches(pdfFont.font);
  return cache.get(text) ?? cache.set(text, buildBaseFont(pdfFont, text));
}

function buildBaseFont(pdfFont: PdfFont, text: string): BaseFont {
  const font = pdfFont.font as Font & {
    createSubset(): { includeGlyph(gid: number): number; encode(): Uint8Array };
    glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
    getGlyph(gid: number): { advanceWidth: number };
    post: { isFixedPitch?: number };
    head: { macStyle: { italic?: boolean } };
    'OS/2'?: { sFamilyClass?: number };
    italicAngle: number;
    capHeight: number;
    xHeight: number;
    ascent: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    postscriptName: string;
  };
  const codePoints = [...new Set(Array.from(text, codePointOf))].sort((a, b) => a - b);
  const subset = font.createSubset();
  const cid = new Map<number, number>();
  const codePoint = new Map<number, number>();
  const widths = [font.getGlyph(0).advanceWidth * pdfFont.scale];
  const unicode: number[] = [0];
  for (const cp of codePoints) {
    const glyph = font.glyphForCodePoint(cp);
    if (glyph.id === 0 || cid.has(glyph.id)) continue;
    const c = subset.includeGlyph(glyph.id);
    cid.set(glyph.id, c);
    codePoint.set(glyph.id, cp);
    widths[c] = glyph.advanceWidth * pdfFont.scale;
    unicode[c] = cp;
  }
  const gids = [...cid.keys()];
  const tag = Array.from(
    createHash('sha256')
      .update(`${font.postscriptName}:${gids.join(',')}`)
      .digest()
      .subarray(0, 6),
    (b) => String.fromCharCode(65 + (b % 26)),
  ).join('');
  const name = `${tag}+${font.postscriptName.replaceAll(' ', '_')}`;
  // The same flags and metrics pdfkit writes for its own subsets.
  const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2;
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head.macStyle.italic) flags |= 1 << 6;
  const s = pdfFont.scale;
  const { bbox } = font;
  const descriptor = {
    Type: 'FontDescriptor',
    FontName: name,
    Flags: flags,
    FontBBox: [bbox.minX * s, bbox.minY * s, bbox.maxX * s, bbox.maxY * s],
    ItalicAngle: font.italicAngle,
    Ascent: pdfFont.ascender,
    Descent: pdfFont.descender,
    CapHeight: (font.capHeight || font.ascent) * s,
    XHeight: (font.xHeight || 0) * s,
    StemV: 0,
  };
  return {
    cid,
    codePoint,
    name,
    file: deflateSync(subset.encode(), { level: 9 }),
    cmap: deflateSync(Buffer.from(toUnicodeCmap(unicode), 'latin1'), { level: 9 }),
    widths,
    descriptor,
    shown: new Map(),
  };
}

/** A ToUnicode CMap for CIDs 0…n−1 (each to one code point), as pdfkit writes one. */
function toUnicodeCmap(unicode: number[]): string {
  const entries = unicode.map((value) => {
    if (value > 0xffff) {
      value -= 0x10000;
      return `<${hex4(((value >>> 10) & 0x3ff) | 0xd800)} ${hex4(0xdc00 | (value & 0x3ff))}>`;
    }
    return `<${hex4(value)}>`;
  });
  const ranges: string[] = [];
  for (let start = 0; start < entries.length; start += 256) {
    const end = Math.min(start + 256, entries.length);
    ranges.push(`<${hex4(start)}> <${hex4(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${ranges.length} beginbfrange
${ranges.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/** The CID of a glyph of the base font (the caller checked it is there: inBase). */
function cidInBase(base: BaseFont, gid: number): number {
  const cid = base.cid.get(gid);
  if (cid === undefined) throw new Error(`internal error: glyph ${gid} is not in the base subset ${base.name}`);
  return cid;
}

/** The code point of a character (a string of one code point). */
function codePointOf(char: string): number {
  return char.codePointAt(0) ?? 0;
}

/** Whether glyph `i` of `line` is drawn from the base font. */
function inBase(base: BaseFont, line: Line, i: number): boolean {
  const cp = base.codePoint.get(line.gids[i]);
  if (cp === undefined) return false;
  const own = line.codePoints[i];
  return own.length === 1 && own[0] === cp;
}

// ── Installation ───────────────────────────────────────────────────────────

export interface FastTextOptions {
  /** Per font (the fontkit font object): the text whose glyphs make the font's base subset. */
  base?: Map<object, string>;
  /** Which of the overrides to install (backend.ts); default all. */
  layer?: Pick<SpeedLayer, 'widthOfString' | 'textCalls' | 'fragment' | 'baseSubsets'>;
}

export interface FastText {
  /** Write the base fonts the document used; call once, before doc.end(). */
  finish(): void;
}

/**
 * Install the fast text path on `doc`. When pdfkit's internals are not as
 * expected, nothing is installed and pdfkit draws as usual.
 */
export function installFastText(doc: Doc, opts: FastTextOptions = {}): FastText {
  const layer = opts.layer ?? FAST;
  if (!layer.widthOfString && !layer.textCalls && !layer.fragment) return { finish() {} };
  const d = doc as unknown as DocInternals;
  const fragment = d._fragment;
  const addContent = d.addContent;
  /** The text object left open by the last line drawn here, and the font and size set in it. */
  const text_: { open: boolean; font?: string; size?: string } = { open: false };
  const widthOfString = d.widthOfString;
  if (typeof fragment !== 'function' || typeof widthOfString !== 'function' || typeof d.addContent !== 'function' || typeof d.ref !== 'function') {
    return { finish() {} };
  }
  const usable = (f: Partial<PdfFont> | null): f is PdfFont =>
    !!f && typeof f.layout === 'function' && !!f.subset && Array.isArray(f.widths) && Array.isArray(f.unicode) && typeof f.font === 'object' && typeof f.ref === 'function';

  /** Base fonts used by this document, in order of first use, with their resource name and font dictionary. */
  const used = new Map<BaseFont, { res: string; ref: { data: Record<string, unknown>; end(chunk?: string | Uint8Array): void } }>();
  const baseOf = new Map<object, BaseFont | null>();
  const baseFor = (f: PdfFont): BaseFont | null => {
    let b = baseOf.get(f.font);
    if (b === undefined) {
      const text = layer.baseSubsets ? opts.base?.get(f.font) : undefined;
      b = text ? baseFontOf(f, text) : null;
      baseOf.set(f.font, b);
    }
    return b;
  };

  const fastWidthOfString = function (this: DocInternals, text: string, options: { characterSpacing?: number; features?: unknown; horizontalScaling?: number } = {}): number {
    const f = this._font;
    if (!usable(f) || options.features) return widthOfString.call(this, text, options);
    const w = (lineOf(f, text).width / 1000) * this._fontSize + (options.characterSpacing || 0) * (text.length - 1);
    return (w * (options.horizontalScaling || 100)) / 100;
  };
  if (layer.widthOfString) d.widthOfString = fastWidthOfString;

  // doc.text(text, [x, y,] { width?, align? }) and doc.heightOfString(text, { width? }) from the
  // wrap cache (table.ts), without pdfkit's line wrapper; anything else goes to pdfkit.
  const text = d.text;
  const heightOfString = d.heightOfString;
  if (layer.textCalls && typeof text === 'function' && typeof heightOfString === 'function') {
    d.text = function (this: DocInternals, str: unknown, a?: unknown, b?: unknown, c?: unknown) {
      const options = (a !== null && typeof a === 'object' ? a : c) as TextOptions | undefined;
      const x = typeof a === 'number' ? a : a == null || typeof a === 'object' ? this.x : undefined;
      const y = typeof b === 'number' ? b : b == null || (a !== null && typeof a === 'object') ? this.y : undefined;
      if (
        (typeof str === 'string' || typeof str === 'number') &&
        x !== undefined &&
        y !== undefined &&
        simpleText(options) &&
        this._textOptions == null &&
        this._wrapper == null &&
        usable(this._font)
      ) {
        if (options?.lineBreak === false && options.width === undefined) {
          // pdfkit's unwrapped path: each line of the text on the same baseline, one after the other.
          let cx = x;
          for (const line of `${str}`.split('\n')) {
            this._fragment(line, cx, y, {});
            cx += this.widthOfString(line);
          }
          this.x = cx;
          this.y = y;
          return this;
        }
        const width = Math.max(options?.width ?? this.page.width - x - this.page.margins.right, 0);
        // With a height or an ellipsis only a text of one line (which they do not change) is drawn here.
        const oneLine = options?.height !== undefined || !!options?.ellipsis;
        if (width > 0 && textFromCache(this as unknown as Doc, `${str}`, x, y, width, options?.align ?? 'left', oneLine)) return this;
      }
      return text.call(this, str, a, b, c);
    };
    d.heightOfString = function (this: DocInternals, str: unknown, options?: TextOptions) {
      const plain = options === undefined || Object.entries(options).every(([k, v]) => v === undefined || k === 'width');
      if ((typeof str === 'string' || typeof str === 'number') && this._textOptions == null && usable(this._font) && plain && simpleText(options)) {
        const width = Math.max(options?.width ?? this.page.width - this.x - this.page.margins.right, 0);
        const h = width > 0 ? heightFromCache(this as unknown as Doc, `${str}`, width) : undefined;
        if (h !== undefined) return h;
      }
      return heightOfString.call(this, str, options);
    };
  }

  const fastFragment = function (this: DocInternals, raw: string, x: number, y: number, options: FragmentOptions): void {
    const f = this._font;
    const align = options.align || 'left';
    if (
      !usable(f) ||
      options.wordSpacing ||
      options.characterSpacing ||
      (options.horizontalScaling && options.horizontalScaling !== 100) ||
      options.link != null ||
      options.goTo != null ||
      options.destination != null ||
      options.underline ||
      options.strike ||
      options.oblique ||
      options.stroke ||
      options.features ||
      options.baseline != null ||
      align === 'justify'
    ) {
      fragment.call(this, raw, x, y, options);
      return;
    }
    const text = raw.includes('\n') ? raw.replace(/\n/g, '') : raw;
    if (text.length === 0) return;
    const line = lineOf(f, text);
    if (line.offsets) {
      fragment.call(this, raw, x, y, options);
      return;
    }
    const size = this._fontSize;
    if (options.width) {
      if (align === 'right') x += (options.lineWidth ?? 0) - (lineOf(f, text.replace(/\s+$/, '')).width / 1000) * size;
      else if (align === 'center') x += (options.lineWidth ?? 0) / 2 - (options.textWidth ?? 0) / 2;
    }
    const top = y + (f.ascender / 1000) * size;
    // Consecutive lines share one text object (BT … ET) and set the font only when it changes.
    const head = `${text_.open ? '' : 'BT\n'}1 0 0 -1 ${num(x)} ${num(top)} Tm\n`;
    text_.open = true;
    const sizeText = num(size);
    const tf = (res: string) => {
      if (text_.font === res && text_.size === sizeText) return '';
      text_.font = res;
      text_.size = sizeText;
      return `/${res} ${sizeText} Tf\n`;
    };
    const base = baseFor(f);
    if (base) {
      let shown = base.shown.get(text);
      if (shown === undefined) {
        shown = null;
        let all = true;
        for (let i = 0; i < line.gids.length && all; i++) all = inBase(base, line, i);
        if (all) shown = showText(line, (i) => cidInBase(base, line.gids[i]));
        if (base.shown.size >= LINE_CACHE_LIMIT) base.shown.delete(base.shown.keys().next().value as string);
        base.shown.set((' ' + text).slice(1), shown);
      }
      if (shown !== null) {
        addContent.call(this, `${head}${tf(useBase(this, base))}${shown}`);
        return;
      }
    }
    // Runs of base glyphs and of glyphs of pdfkit's own subset, each with its font.
    const ops: string[] = [head];
    let start = 0;
    while (start < line.gids.length) {
      const fromBase = base !== null && inBase(base, line, start);
      let end = start + 1;
      while (end < line.gids.length && (base !== null && inBase(base, line, end)) === fromBase) end++;
      if (fromBase) {
        ops.push(`${tf(useBase(this, base))}${showText(line, (i) => cidInBase(base, line.gids[i]), start, end)}\n`);
      } else {
        if (this.page.fonts[f.id] == null) this.page.fonts[f.id] = f.ref();
        const cids = (i: number) => {
          const cid = f.subset.includeGlyph(line.gids[i]);
          if (f.widths[cid] == null) f.widths[cid] = line.widths[i];
          if (f.unicode[cid] == null) f.unicode[cid] = line.codePoints[i];
          return cid;
        };
        ops.push(`${tf(f.id)}${showText(line, cids, start, end)}\n`);
      }
      start = end;
    }
    addContent.call(this, ops.join('').slice(0, -1));
  };
  if (layer.fragment) d._fragment = fastFragment;

  // The open text object is closed (ET) before anything but a colour operator, a page change and the end.
  const closeText = (doc: DocInternals) => {
    if (!text_.open) return;
    text_.open = false;
    text_.font = undefined;
    text_.size = undefined;
    addContent.call(doc, 'ET');
  };
  const fastAddContent = function (this: DocInternals, data: string) {
    if (text_.open && !COLOR_OPERATOR.test(data)) closeText(this);
    return addContent.call(this, data);
  };
  if (layer.fragment) d.addContent = fastAddContent;
  for (const name of layer.fragment ? (['addPage', 'switchToPage'] as const) : []) {
    const original = d[name];
    if (typeof original !== 'function') continue;
    d[name] = function (this: DocInternals, ...args: unknown[]) {
      closeText(this);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }

  /** The resource name of `base` on the current page (its font dictionary is written by finish()). */
  const useBase = (doc: DocInternals, base: BaseFont): string => {
    let u = used.get(base);
    if (!u) {
      u = { res: `FB${used.size + 1}`, ref: doc.ref() };
      used.set(base, u);
    }
    if (doc.page.fonts[u.res] == null) doc.page.fonts[u.res] = u.ref;
    return u.res;
  };

  return {
    finish() {
      closeText(d);
      for (const [base, { ref }] of used) {
        const file = d.ref({ Length: base.file.length, Filter: 'FlateDecode' });
        file.end(base.file);
        const descriptor = d.ref({ ...base.descriptor, FontFile2: file });
        descriptor.end();
        const descendant = d.ref({
          Type: 'Font',
          Subtype: 'CIDFontType2',
          BaseFont: base.name,
          CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
          FontDescriptor: descriptor,
          W: [0, base.widths],
          CIDToGIDMap: 'Identity',
        });
        descendant.end();
        const cmap = d.ref({ Length: base.cmap.length, Filter: 'FlateDecode' });
        cmap.end(base.cmap);
        ref.data = { Type: 'Font', Subtype: 'Type0', BaseFont: base.name, Encoding: 'Identity-H', DescendantFonts: [descendant], ToUnicode: cmap };
        ref.end();
      }
      used.clear();
    },
  };
}

/** "[<hex…> adj <hex…>] TJ" for glyphs start…end−1 of `line`, with pdfkit's kerning adjustments. */
function showText(line: Line, cidOf: (i: number) => number, start = 0, end = line.gids.length): string {
  let out = '[<';
  for (let i = start; i < end; i++) {
    out += hex4(cidOf(i));
    const adj = line.adjust[i];
    if (adj !== 0) out += `> ${num(-adj)} <`;
  }
  return `${out}>] TJ`;
}
