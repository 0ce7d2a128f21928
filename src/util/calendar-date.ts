/**
 * Calendar dates (评估日期) as the reports print them: `YYYY-MM-DD`, a day that
 * exists (2024-02-30 is refused). Pure.
 */

/** `YYYY-MM-DD` when y-m-d is a real day, else undefined. */
function isoOf(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1900 || y > 9999) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date given as `--date`: exactly `YYYY-MM-DD`, a day that exists. */
export function parseIsoDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/**
 * A date as people type it in a cell: 2024-11-20, 2024/11/20, 2024.11.20,
 * 2024年11月20日 (full-width digits too), a day that exists.
 */
export function parseWrittenDate(text: string): string | undefined {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** A date cell's day: readers give dates as UTC midnight of the calendar day. */
export function isoDateOfCell(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Today by a clock, on this machine's calendar (where the evaluator runs the tool). */
export function localIsoDate(now: Date): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
