/**
 * The Chinese font of every PDF report: Noto Sans SC (regular and bold) from
 * the @expo-google-fonts/noto-sans-sc package, parsed ONCE per process with
 * fontkit and handed to pdfkit as the parsed font object. pdfkit accepts any
 * object with a `layout()` method as a font source (PDFFontFactory.open in
 * pdfkit 0.20), so registering the parsed font avoids reading and parsing the
 * 10 MB file again for every document. pdfkit subsets it on output (only the
 * glyphs used are embedded).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
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

let cached: Promise<CjkFonts> | undefined;

/** Parse Noto Sans SC regular and bold once per process (later calls share the result). */
export function loadCjkFont(): Promise<CjkFonts> {
  cached ??= (async () => {
    const fontkit = await import('fontkit');
    const paths = cjkFontPaths();
    const [regular, bold] = await Promise.all([readFile(paths.regular), readFile(paths.bold)]);
    return { regular: fontkit.create(regular), bold: fontkit.create(bold) };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

/** Register the parsed fonts on a pdfkit document as `cjk` and `cjk-bold`, and select the regular one. */
export function registerCjkFonts(doc: Doc, fonts: CjkFonts): void {
  // pdfkit's types only list paths and buffers; its runtime takes a parsed fontkit font.
  doc.registerFont(FONT_REGULAR, fonts.regular as unknown as Uint8Array);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as Uint8Array);
  doc.font(FONT_REGULAR);
}
