/**
 * The PDF backend: how every report document (station PDF, 总览.pdf) is made.
 *
 * Two modes behind one interface:
 *
 * - `reference`: plain pdfkit and fontkit through their public API. Slow
 *   (a station PDF takes about 3× as long) but it relies on nothing inside the
 *   libraries, so it works with any version of them.
 * - `fast` (the default): the speed layer, a set of overrides of internals of
 *   **pdfkit 0.20.2 and fontkit 2.0.4** (the versions pinned in package.json),
 *   each listed in SpeedLayer below with the file that holds it. Every
 *   override keeps what the document says (pages, text, positions, fonts);
 *   docs/performance.md § "The PDF speed layer" gives what each one buys.
 *
 * The mode is chosen by the `backend` option of the renderers, else the
 * environment variable STATION_EVAL_PDF (`fast` or `reference`), else fast.
 * Fast mode is used only when the installed pdfkit and fontkit are exactly the
 * pinned versions (read from their package.json once per thread); with any
 * other version the reference mode is used and one warning is printed (by the
 * main thread; worker threads fall back silently). A batch checks at its start
 * (`speedLayerFor.takeWarning()`), so the warning comes before the progress
 * bar rather than with 总览.pdf at the end.
 *
 * test/report/pdf/backend.e2e.test.ts renders the 13 demo stations in both modes
 * and compares the page count and the text of every page (pdftotext).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { UserError } from '../../errors.js';
import { detectLang, t } from '../../util/lang.js';

/** The versions whose internals the speed layer relies on. */
export const PINNED_VERSIONS = { pdfkit: '0.20.2', fontkit: '2.0.4' } as const;

export type PdfMode = 'fast' | 'reference';

/** The environment variable that selects the mode when no option does. */
export const PDF_MODE_ENV = 'STATION_EVAL_PDF';

/**
 * The overrides of the speed layer, each on (fast) or off (reference). Only
 * the two complete sets FAST and REFERENCE are used by the renderers; single
 * ones are switched off only to measure what each buys (scripts/pdf-overrides.js).
 */
export interface SpeedLayer {
  /** font.ts memoiseGlyphData: a glyph's outline bytes and metrics kept per font, so a subset does not decode them again. */
  glyphData: boolean;
  /** document.ts bufferStreams: content written as strings and turned into bytes once per stream, deflated at level 1. */
  streams: boolean;
  /** document.ts cheaperColors: colour components with 4 decimals, and a fill colour already in effect not set again. */
  colors: boolean;
  /** table.ts wrap cache: a text's lines as pdfkit's line wrapper breaks them, kept per font across documents. */
  wrapCache: boolean;
  /** fast-text.ts: doc.widthOfString from the line memo (each line shaped once per thread), not by pdfkit's layout. */
  widthOfString: boolean;
  /** fast-text.ts: doc.text and doc.heightOfString answered from the wrap cache. */
  textCalls: boolean;
  /** fast-text.ts: a line written as Tm, Tf, TJ (consecutive lines in one text object), not by pdfkit's _fragment. */
  fragment: boolean;
  /** fast-text.ts: the rubric's glyphs embedded as a base subset built once per thread (needs `fragment`). */
  baseSubsets: boolean;
}

export const FAST: Readonly<SpeedLayer> = Object.freeze({
  glyphData: true,
  streams: true,
  colors: true,
  wrapCache: true,
  widthOfString: true,
  textCalls: true,
  fragment: true,
  baseSubsets: true,
});

export const REFERENCE: Readonly<SpeedLayer> = Object.freeze({
  glyphData: false,
  streams: false,
  colors: false,
  wrapCache: false,
  widthOfString: false,
  textCalls: false,
  fragment: false,
  baseSubsets: false,
});

/** The mode asked for: the option, else the environment variable, else fast. A bad value is refused, never guessed. */
export function requestedMode(option?: string, env: NodeJS.ProcessEnv = process.env): PdfMode {
  const value = option ?? env[PDF_MODE_ENV];
  if (value === undefined || value === '') return 'fast';
  if (value === 'fast' || value === 'reference') return value;
  const lang = detectLang(undefined, env);
  const where = option === undefined ? `${PDF_MODE_ENV}=${value}` : `"${value}"`;
  throw new UserError(t(lang, `PDF 后端 ${where} 无效（应为 fast 或 reference）`, `invalid PDF backend ${where} (expected fast or reference)`), { code: 'PDF_BACKEND_INVALID' });
}

export interface InstalledVersions {
  pdfkit: string | undefined;
  fontkit: string | undefined;
}

/** The versions of pdfkit and fontkit as their package.json files say (undefined when not found). */
export function installedVersions(): InstalledVersions {
  return { pdfkit: packageVersion('pdfkit'), fontkit: packageVersion('fontkit') };
}

const require = createRequire(import.meta.url);

/** The version in a package's package.json, found from the file it resolves to (neither package exports its package.json). */
function packageVersion(name: string): string | undefined {
  let dir: string;
  try {
    dir = path.dirname(require.resolve(name));
  } catch {
    return undefined;
  }
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === name) return typeof pkg.version === 'string' ? pkg.version : undefined;
    } catch {
      // no package.json here: look in the parent
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The mode that runs: the one asked for, except fast when the installed
 * versions are not the pinned ones: then reference, with `warning` saying why
 * (undefined when there is nothing to say).
 */
export function effectiveMode(requested: PdfMode, versions: InstalledVersions, env: NodeJS.ProcessEnv = process.env): { mode: PdfMode; warning?: string } {
  if (requested === 'reference') return { mode: 'reference' };
  const off = (['pdfkit', 'fontkit'] as const).filter((name) => versions[name] !== PINNED_VERSIONS[name]);
  if (off.length === 0) return { mode: 'fast' };
  const lang = detectLang(undefined, env);
  const found = off.map((name) => `${name} ${versions[name] ?? '?'}`).join(', ');
  const pinned = off.map((name) => `${name} ${PINNED_VERSIONS[name]}`).join(', ');
  return {
    mode: 'reference',
    warning: t(
      lang,
      `警告：已安装 ${found}，PDF 加速层只适用于 ${pinned}；改用参考模式生成 PDF（内容相同，速度较慢）。`,
      `warning: ${found} installed; the PDF speed layer is written for ${pinned}; using the reference mode (same content, slower).`,
    ),
  };
}

/** Chooses the speed layer of each document; `takeWarning` checks the versions ahead of the first document. */
export interface SpeedLayerChooser {
  (option?: PdfMode | Readonly<SpeedLayer>): Readonly<SpeedLayer>;
  /**
   * Check the installed versions now, before any document is made (a batch
   * does at its start, before the progress bar): the warning when fast was
   * asked for and the versions are not the pinned ones, once per thread; it is
   * then not printed again when documents are made. Undefined otherwise.
   */
  takeWarning(option?: PdfMode): string | undefined;
}

/**
 * A chooser of the speed layer for each document: FAST (or the SpeedLayer
 * given, to measure) or REFERENCE, by the mode asked for (option,
 * environment, default) and the installed versions, read once, on first use.
 * With other versions `warn` is called once, the first time fast is asked for
 * (unless `takeWarning` took the warning before).
 */
export function speedLayerChooser(versions: () => InstalledVersions, warn: (message: string) => void): SpeedLayerChooser {
  let found: InstalledVersions | undefined;
  let warned = false;
  const check = (requested: PdfMode): { mode: PdfMode; warning?: string } => {
    found ??= versions();
    const { mode, warning } = effectiveMode(requested, found);
    if (!warning || warned) return { mode };
    warned = true;
    return { mode, warning };
  };
  const choose = (option?: PdfMode | Readonly<SpeedLayer>): Readonly<SpeedLayer> => {
    const requested = typeof option === 'object' ? 'fast' : requestedMode(option);
    if (requested === 'reference') return REFERENCE;
    const { mode, warning } = check(requested);
    if (warning) warn(warning);
    if (mode === 'reference') return REFERENCE;
    return typeof option === 'object' ? option : FAST;
  };
  return Object.assign(choose, {
    takeWarning(option?: PdfMode): string | undefined {
      const requested = requestedMode(option);
      return requested === 'reference' ? undefined : check(requested).warning;
    },
  });
}

/**
 * The speed layer of a new document (document.ts): versions from the installed
 * package.json files, checked once per thread; the warning printed by the
 * main thread only, so a batch's worker threads do not repeat it.
 */
export const speedLayerFor = speedLayerChooser(installedVersions, (message) => {
  if (isMainThread) process.stderr.write(`${message}\n`);
});

/** The layer each document was made with (table.ts and fast-text.ts ask it). */
const layers = new WeakMap<object, Readonly<SpeedLayer>>();

export function setSpeedLayer(doc: object, layer: Readonly<SpeedLayer>): void {
  layers.set(doc, layer);
}

/** The speed layer of a document made by createReportDocument; REFERENCE for any other document. */
export function speedLayerOf(doc: object): Readonly<SpeedLayer> {
  return layers.get(doc) ?? REFERENCE;
}
