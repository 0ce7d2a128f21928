/**
 * Free texts from the workbooks (station names, notes, reasons, inputs) are
 * shown in printed reports clipped to a printable length. A 100,000-character
 * note without a break opportunity (a run of digits) made the PDF line
 * breaker measure it character by character and never finish (found by the
 * hostile suite). The full text stays in the result JSON and the Excel report.
 */
import type { StationResult } from '../score/types.js';

export const MAX_SHOWN_CHARS = 400;

/** `text` cut to `max` characters (by code point) with a note of the full length. */
export function clipText(text: string, max = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}…（共 ${chars.length} 字，全文见结果 JSON 与 Excel 报告）`;
}

const clipOpt = (s: string | undefined) => (s === undefined ? undefined : clipText(s));

/** A copy of the result whose free texts are clipped for display (numbers untouched). */
export function clipResultTexts(result: StationResult, max = MAX_SHOWN_CHARS): StationResult {
  const c = (s: string) => clipText(s, max);
  return {
    ...result,
    station: Object.fromEntries(Object.entries(result.station).map(([k, v]) => [k, typeof v === 'string' ? c(v) : v])) as StationResult['station'],
    items: result.items.map((i) => ({
      ...i,
      name: c(i.name),
      ...(i.note !== undefined ? { note: clipOpt(i.note) } : {}),
      ...(i.reason !== undefined ? { reason: clipOpt(i.reason) } : {}),
      ...(i.selfInput !== undefined ? { selfInput: clipOpt(i.selfInput) } : {}),
      ...(i.spotInput !== undefined ? { spotInput: clipOpt(i.spotInput) } : {}),
    })),
    warnings: result.warnings.map(c),
    ...(result.warningsEn ? { warningsEn: result.warningsEn.map(c) } : {}),
  };
}
