/**
 * Limits on what a workbook may cost to read, so a hostile or broken file is
 * refused in well under a second instead of eating the memory of a national
 * run: the file size on disk, the unzipped size of the parts we read (zip
 * bombs), and the rows per sheet. Defaults are far above any real score sheet
 * or consolidated spot-check table; `score` and `batch` raise them with
 * `--max-file-mb`, `--max-inflated-mb` and `--max-rows` (docs/reliability.md).
 *
 * The limits are part of a run's context (src/pipeline/context.ts): commands
 * parse them from their options and pass them to every reader that opens a
 * workbook (`openWorkbook(file, { limits })`); batch threads get them with
 * each task. There is no module-level setting.
 */
export interface InputLimits {
  /** Largest workbook file on disk, bytes. */
  maxFileBytes: number;
  /** Largest sum of unzipped sizes of the workbook parts read, bytes. */
  maxInflatedBytes: number;
  /** Most <row> elements in one sheet. */
  maxRows: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxRows: 200_000,
});

/** The limits given (missing or undefined fields take the defaults). */
export function resolveInputLimits(limits: Partial<InputLimits> = {}): InputLimits {
  return { ...DEFAULT_INPUT_LIMITS, ...stripUndefined(limits) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class TooManyRows extends Error {
  override readonly name = 'TooManyRows';
  constructor(
    readonly sheet: string,
    readonly limit: number,
  ) {
    super(`sheet ${sheet} has more than ${limit} rows`);
  }
}

/** Throw TooManyRows when a sheet's XML holds more than `limit` <row> elements (a fast scan, no parsing). */
export function checkRowCount(xml: string, sheet: string, limit: number): void {
  let count = 0;
  for (let i = xml.indexOf('<row', 0); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const next = xml.charCodeAt(i + 4);
    // <row> or <row ...>, not <rowBreaks>
    if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) {
      if (++count > limit) throw new TooManyRows(sheet, limit);
    }
  }
}

/** Options `--max-file-mb`, `--max-inflated-mb`, `--max-rows` as given on the command line. */
export interface LimitFlags {
  maxFileMb?: string;
  maxInflatedMb?: string;
  maxRows?: string;
}

/** Parse the flags; returns an error message for a bad value. */
export function parseLimitFlags(flags: LimitFlags): { limits: Partial<InputLimits> } | { error: string; flag: string } {
  const limits: Partial<InputLimits> = {};
  const mb = (v: string | undefined, flag: string, set: (n: number) => void): string | undefined => {
    if (v === undefined) return;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || n > 1024 * 1024) return flag;
    set(Math.round(n * 1024 * 1024));
  };
  const bad = mb(flags.maxFileMb, '--max-file-mb', (n) => (limits.maxFileBytes = n)) ?? mb(flags.maxInflatedMb, '--max-inflated-mb', (n) => (limits.maxInflatedBytes = n));
  if (bad) return { error: `${bad} 应为正数（MB）`, flag: bad };
  if (flags.maxRows !== undefined) {
    const n = Number(flags.maxRows);
    if (!Number.isInteger(n) || n <= 0) return { error: '--max-rows 应为正整数', flag: '--max-rows' };
    limits.maxRows = n;
  }
  return { limits };
}
