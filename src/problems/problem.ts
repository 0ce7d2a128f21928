/**
 * The one problem shape of the project: whatever finds something wrong — the
 * rubric validator, a workbook reader, the scoring engine, the matching of
 * stations across files — reports it as a `Problem`: a stable code, a
 * severity, a structured location, the value found (`received`), what was
 * expected and the parameters of the message. The words are not part of it:
 * reporters render them from the catalogue of the user's language
 * (./catalogue.ts, ./render.ts).
 *
 * Problems are plain, cloneable data: they cross worker threads and are
 * written to JSON as they are.
 */
export type Severity = 'error' | 'warning';

/** Where a problem is. Every field is optional; a reporter shows what is there. */
export interface ProblemLocation {
  /** The file as the user named it (in a batch: relative to the input folder). */
  file?: string;
  /** Worksheet name. */
  sheet?: string;
  /** A1-style cell address on `sheet`. */
  cell?: string;
  /** 1-based row on `sheet`, when the problem is a whole row (a station of a consolidated table). */
  row?: number;
  /** 1-based line and column in a text file (a rubric). */
  line?: number;
  column?: number;
  /** Where the offending node ends (1-based, exclusive column), when known. */
  endLine?: number;
  endColumn?: number;
  /** Path in the data, e.g. `modules[2].items[5].points`. */
  path?: string;
}

/** Parameters of a message: plain data only. */
export type ProblemParams = Record<string, unknown>;

export interface Problem {
  /** Stable code, e.g. SPOT_OTHER_COUNTY. The catalogue has its message in each language. */
  code: string;
  severity: Severity;
  location: ProblemLocation;
  /** The value found at the location, when there is one worth showing. */
  received?: unknown;
  /** The value expected. */
  expected?: unknown;
  params?: ProblemParams;
}

export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
