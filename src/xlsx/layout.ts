/**
 * Layout helpers for the workbooks we write (template, station report, batch
 * summary): text width, the height a row of wrapped text needs, and the named
 * CJK font. Spreadsheet programs do not size rows on open (LibreOffice and WPS
 * keep the stored height, so wrapped text overlaps the rows below), and a cell
 * that names no font falls back to a Latin (often serif) face: both are set here.
 */
import stringWidth from 'string-width';

/**
 * Columns the text takes in a monospace grid: CJK and full-width characters
 * count 2 (string-width). Text made only of printable ASCII, CJK ideographs,
 * CJK punctuation and full-width forms — nearly every cell we write — is
 * counted here directly, with the widths string-width gives those characters;
 * anything else (combining marks, emoji, other scripts, control characters)
 * goes to string-width. Sizing the rows of a province's 汇总.xlsx spent most of
 * its time in string-width's per-grapheme regular expressions.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) width += 1;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303e) || (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)) width += 2;
    else return stringWidth(text);
  }
  return width;
}

/**
 * The CJK font every written cell names: 等线 (Office's default CJK face), with
 * charset 134 (GB2312) and family 2 (sans), so a program without 等线 substitutes a
 * sans-serif CJK face (Microsoft YaHei, Noto Sans CJK SC …) rather than a serif one.
 */
export const CJK_FONT = { name: '等线', family: 2, charset: 134 } as const;

/** A font object with the CJK face, size and extras (bold, colour …). */
export function cjkFont<T extends object>(size: number, extra?: T): typeof CJK_FONT & { size: number } & T {
  return { ...CJK_FONT, size, ...(extra as T) };
}

/** Points per line for a font size, with room for CJK fallback faces (taller than Latin ones). */
export function lineHeightFor(fontSize: number): number {
  return Math.ceil(fontSize * 1.45 * 4) / 4;
}

/** Excel's and LibreOffice's largest row height, in points: a taller row is refused or cut. */
export const MAX_ROW_HEIGHT = 409;

/**
 * Lines the text needs in a column `width` characters wide (explicit newlines
 * count), counted up to `maxLines`: past that the answer cannot change a row
 * height, and measuring a 100,000-character name in full (string-width walks
 * its graphemes) took minutes. Every character takes at least one column, so a
 * part longer than the columns of `maxLines` lines is measured only that far.
 */
export function wrappedLines(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): number {
  const usable = Math.max(1, width - 1.5);
  const longest = Number.isFinite(maxLines) ? Math.ceil(usable * maxLines) + 1 : Number.POSITIVE_INFINITY;
  let lines = 0;
  for (const part of text.split('\n')) {
    const measured = part.length > longest ? part.slice(0, longest) : part;
    lines += Math.max(1, Math.ceil(displayWidth(measured) / usable));
    if (lines >= maxLines) return maxLines;
  }
  return lines;
}

/**
 * Rows with wrapped text need an explicit height: lines needed by the widest
 * cell of `texts` (each with its column width in characters), at `lineHeight`
 * points, plus a little padding; never more than MAX_ROW_HEIGHT.
 */
export function wrappedRowHeight(texts: { text: string; width: number }[], lineHeight = 15, minLines = 1): number {
  const maxLines = Math.max(minLines, Math.floor((MAX_ROW_HEIGHT - 3) / lineHeight));
  let lines = minLines;
  for (const { text, width } of texts) lines = Math.max(lines, wrappedLines(text, width, maxLines));
  return Math.min(MAX_ROW_HEIGHT, lines * lineHeight + (lines > 1 ? 3 : 0));
}
