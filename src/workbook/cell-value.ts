/**
 * Every cell value a workbook can hold, turned into what a score sheet means
 * by it. ONE module decides what "10分", "１０", " 5.5 分", rich text, cached
 * formula results, 是/否/√/×, 不适用 / N/A / "/" and blanks are, so the
 * per-station reader, the spot-check reader and the tests agree.
 *
 * Decisions:
 * - blank: empty, whitespace only, and dashes ("-", "—", "--"): "not scored",
 *   never 0 and never N/A (a dash is too ambiguous to mean either silently);
 * - N/A: 不适用, 不涉及, N/A, NA, "/" (full-width too);
 * - numbers: plain numbers, or text that is a decimal number with an optional
 *   unit (分, ㎡, 平方米, 人, 个, 次, 项, 场, 户, 元, 万元, %) after NFKC
 *   normalisation (full-width digits, spaces); "十分", "NaN", "Infinity",
 *   "1e309" and "1e3" are not numbers;
 * - numbers are read at Excel's 15 significant digits, so a cached
 *   0.30000000000000004 reads as 0.3;
 * - dates and Excel errors (#N/A, #VALUE!) are never scores;
 * - a formula uses its cached result; a formula without one is reported so
 *   the user opens and saves the file in Excel or WPS.
 */
import type { CellValue } from '../xlsx/cell-grid.js';
import type { Lang } from '../util/lang.js';
import { foundText, type CellExpectation, type CellIssue, type Found } from '../problems/messages/reader.js';
import { memoString } from '../util/memo.js';

export type CellMeaning =
  | { kind: 'blank' }
  | { kind: 'na' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string }
  | { kind: 'bool'; value: boolean }
  /** A formula whose cached result is missing (never calculated). */
  | { kind: 'uncalculated'; formula: string }
  | { kind: 'date'; date: Date }
  | { kind: 'error'; error: string };

const NA_TOKENS = new Set(['不适用', '不涉及', 'n/a', 'na', '/', '不适用项']);
const BLANK_TOKENS = /^[-—–－─_]+$/;

/** A dash or underscore run typed for “nothing” (— – - _), which a cell reads as blank. */
export function isBlankToken(text: string): boolean {
  return BLANK_TOKENS.test(text);
}
const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:分|㎡|m2|m²|平方米|平米|人|名|个|次|项|场|户|元|万元|%|％)?$/i;

/** NFKC (full-width → half-width), no whitespace at the ends. */
export const normaliseText: (text: string) => string = memoString((text) =>
  text
    .normalize('NFKC')
    .replace(/[\u00a0\u3000]/g, ' ')
    .trim(),
);

/** Plain text of any cell value (rich text joined, formula result, dates as yyyy-mm-dd). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => (r.text as string | undefined) ?? '').join('');
  if ('formula' in value) return value.result === undefined || value.result === null ? '' : cellText(value.result);
  if ('error' in value) return value.error;
  return String(value);
}

function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 10);
}

/** Excel keeps 15 significant digits; so do we. */
export function excelNumber(n: number): number {
  // Whole numbers below 10^15 already are (the common case; toPrecision is slow).
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n;
  return Number(n.toPrecision(15));
}

/** Parse a number written as text ("10分", "１０", " 5.5 分"); undefined when it is not one. */
export function parseNumberText(text: string): number | undefined {
  const s = normaliseText(text).replace(/\s+/g, '');
  const m = NUMBER_WITH_UNIT.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? excelNumber(n) : undefined;
}

/** What a cell means. Never throws. */
export function classifyCell(value: CellValue | undefined): CellMeaning {
  if (value === null || value === undefined) return BLANK;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { kind: 'number', value: excelNumber(value) } : { kind: 'error', error: String(value) };
  }
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) return { kind: 'date', date: value };
  if (typeof value === 'object' && 'formula' in value) {
    if (value.result === undefined) {
      // The formula text is only for messages; a reader may decode it on demand.
      const cell = value;
      return {
        kind: 'uncalculated',
        get formula() {
          return cell.formula;
        },
      };
    }
    if (value.result === null) return { kind: 'blank' };
    return classifyCell(value.result);
  }
  if (typeof value === 'object' && 'error' in value) return { kind: 'error', error: value.error };
  return classifyText(typeof value === 'string' ? value : cellText(value));
}

/** The number a cell means (classifyCell's `number`), without making a meaning; undefined for anything else. */
export function numberIn(value: CellValue | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? excelNumber(value) : undefined;
  const m = typeof value === 'string' ? classifyText(value) : classifyCell(value);
  return m.kind === 'number' ? m.value : undefined;
}

const BLANK: CellMeaning = { kind: 'blank' };

/**
 * What a text (a string cell, or rich text joined) means: blank, N/A, a
 * number or text. Memoised: the texts of a rubric's workbooks recur in every
 * file (and the fast reader hands out the same string for the same markup),
 * so a batch classifies each text once instead of normalising it per cell.
 * The meanings handed out are shared: never modify one.
 */
const classifyText: (raw: string) => CellMeaning = memoString((raw) => {
  const text = normaliseText(raw);
  if (text === '' || isBlankToken(text)) return { kind: 'blank' };
  if (NA_TOKENS.has(text.toLowerCase().replace(/\s+/g, ''))) return { kind: 'na' };
  const n = parseNumberText(text);
  if (n !== undefined) return { kind: 'number', value: n };
  return { kind: 'text', text };
});

const YES = new Set(['是', '√', '✓', '✔', '☑', '有', '符合', '达标', '满足', '已落实', '落实', '合格', '通过', 'y', 'yes', 'true', '对']);
const NO = new Set(['否', '×', '✗', '✘', 'x', '☒', '无', '没有', '不符合', '未达标', '不达标', '不满足', '未落实', '不合格', '未通过', 'n', 'no', 'false']);

/** 是/否/√/×/✓ … → true/false; undefined when the text is neither. */
export const parseYesNo: (text: string) => boolean | undefined = memoString((text) => {
  const s = normaliseText(text).toLowerCase().replace(/\s+/g, '');
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return undefined;
});

/** A value found in a cell as data, for messages (src/problems/messages/reader.ts shows it: "十分", 12, 日期 2024-05-06). */
export function foundOf(value: CellValue): Found {
  const m = classifyCell(value);
  switch (m.kind) {
    case 'date':
      return { kind: 'date', date: isoDate(m.date) };
    case 'error':
      return { kind: 'error', error: m.error };
    case 'uncalculated':
      return { kind: 'formula', formula: m.formula };
    case 'bool':
      return { kind: 'bool', value: m.value };
    default: {
      if (typeof value === 'number') return { kind: 'number', value };
      const text = cellText(value);
      return { kind: 'text', text: text.length > 40 ? `${text.slice(0, 40)}…` : text };
    }
  }
}

/** How a value found in a cell is shown in a message: "十分", 12, 日期 2024-05-06. */
export function describeFound(value: CellValue, lang: Lang = 'zh'): string {
  return foundText(foundOf(value), lang);
}

/** A cell's entry, or why it is none: a code and parameters (the value found, what was expected). */
export type CellResult<T> = { ok: true; value: T } | { ok: false; issue: CellIssue };

function fail<T>(issue: CellIssue): CellResult<T> {
  return { ok: false, issue };
}

/**
 * The part every number-like cell shares: blank, N/A (or refused), a formula
 * never calculated, a date, not a number. `onNumber` checks the number itself
 * (problems are made only on failure: a national run reads millions of good
 * cells).
 */
function readNumberLike<T>(value: CellValue, opts: { allowNa: boolean; expected: CellExpectation }, onNumber: (n: number) => CellResult<T>): CellResult<T | { kind: 'na' } | { kind: 'blank' }> {
  const m = classifyCell(value);
  switch (m.kind) {
    case 'blank':
      return { ok: true, value: { kind: 'blank' } };
    case 'na':
      if (!opts.allowNa) return fail({ code: 'CELL_NA_FORBIDDEN', params: { found: foundOf(value), expected: opts.expected } });
      return { ok: true, value: { kind: 'na' } };
    case 'number':
      return onNumber(m.value);
    case 'uncalculated':
      return fail({ code: 'CELL_UNCALCULATED', params: { found: foundOf(value) } });
    case 'date':
      return fail({ code: 'CELL_DATE', params: { found: foundOf(value), expected: opts.expected } });
    default:
      return fail({ code: 'CELL_NOT_A_NUMBER', params: { found: foundOf(value), expected: opts.expected } });
  }
}

/**
 * A score: points, N/A or blank. `allowNa` false turns 不适用 into an error.
 * Bounds are checked here (so the problem names the cell); finer rules
 * (step, option values) are the engine's.
 */
export function readScoreCell(value: CellValue, opts: { max: number; min?: number; allowNa: boolean }): CellResult<{ kind: 'points'; points: number } | { kind: 'na' } | { kind: 'blank' }> {
  const min = opts.min ?? 0;
  // The common cells first, without the objects a problem needs.
  const m = classifyCell(value);
  if (m.kind === 'number' && m.value >= min && m.value <= opts.max) return { ok: true, value: { kind: 'points', points: m.value } };
  if (m.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
  const expected: CellExpectation = { type: 'score', min, max: opts.max };
  return readNumberLike(value, { allowNa: opts.allowNa, expected }, (n) => {
    if (n < min || n > opts.max) return fail({ code: n > opts.max ? 'CELL_ABOVE_MAX' : 'CELL_BELOW_MIN', params: { found: foundOf(value), expected } });
    return { ok: true, value: { kind: 'points', points: n } };
  });
}

/** A measured value or a count (tiers, count, deduction): a number ≥ 0, N/A or blank. */
export function readQuantityCell(value: CellValue, opts: { integer: boolean; allowNa: boolean; unit?: string }): CellResult<{ kind: 'number'; value: number } | { kind: 'na' } | { kind: 'blank' }> {
  const m = classifyCell(value);
  if (m.kind === 'number' && m.value >= 0 && (!opts.integer || Number.isInteger(m.value))) return { ok: true, value: { kind: 'number', value: m.value } };
  if (m.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
  const expected: CellExpectation = { type: 'quantity', integer: opts.integer, ...(opts.unit ? { unit: opts.unit } : {}) };
  return readNumberLike(value, { allowNa: opts.allowNa, expected }, (n) => {
    if (n < 0 || (opts.integer && !Number.isInteger(n))) return fail({ code: 'CELL_BAD_QUANTITY', params: { found: foundOf(value), expected } });
    return { ok: true, value: { kind: 'number', value: n } };
  });
}

/** 是/否 (met / not met, veto triggered), N/A or blank. */
export function readYesNoCell(value: CellValue, opts: { allowNa: boolean }): CellResult<{ kind: 'met'; met: boolean } | { kind: 'na' } | { kind: 'blank' }> {
  const m = classifyCell(value);
  if (m.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
  if (m.kind === 'bool') return { ok: true, value: { kind: 'met', met: m.value } };
  const expected: CellExpectation = { type: 'yes-no', allowNa: opts.allowNa };
  switch (m.kind) {
    case 'na':
      if (!opts.allowNa) return fail({ code: 'CELL_NA_FORBIDDEN', params: { found: foundOf(value), expected } });
      return { ok: true, value: { kind: 'na' } };
    case 'text': {
      const yes = parseYesNo(m.text);
      if (yes !== undefined) return { ok: true, value: { kind: 'met', met: yes } };
      return fail({ code: 'CELL_NOT_YES_NO', params: { found: foundOf(value), expected } });
    }
    case 'uncalculated':
      return fail({ code: 'CELL_UNCALCULATED', params: { found: foundOf(value) } });
    default:
      return fail({ code: 'CELL_NOT_YES_NO', params: { found: foundOf(value), expected } });
  }
}

/** Free text (notes, reasons) as written, trimmed; '' when blank. Formula results count. */
export function readTextCell(value: CellValue): string {
  const m = classifyCell(value);
  if (m.kind === 'blank' || m.kind === 'uncalculated') return '';
  return cellText(value).trim();
}
