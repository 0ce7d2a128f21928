/**
 * The one diagnostic shape of the rubric validator: every stage (YAML parse,
 * structure, semantic rules) and every formatter (text, json, github, sarif)
 * speaks it.
 */
import type { Lang } from '../util/lang.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** The file as given on the command line (or a label for in-memory text). */
  file: string;
  /** 1-based line of the offending node. */
  line: number;
  /** 1-based column of the offending node. */
  column: number;
  /** Where the node ends (1-based, exclusive column), when known. */
  endLine?: number;
  endColumn?: number;
  /** Path in the data, e.g. `modules[2].children[0].points` (empty for the whole file). */
  path: string;
  /** Stable code, e.g. RUBRIC_SUM_MISMATCH. */
  code: string;
  severity: Severity;
  /** Chinese message. */
  message: string;
  /** English message. */
  messageEn: string;
  /** The value found, when there is one worth showing. */
  received?: unknown;
  /** The value expected. */
  expected?: unknown;
}

export type PathSegment = string | number;
export type DataPath = readonly PathSegment[];

/**
 * `modules[2].children[0].points`; keys that are not plain identifiers are
 * bracketed and quoted: `stars.levels[0].moduleMinimums["1.2"]`.
 */
export function formatDataPath(path: DataPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

export function messageOf(d: Diagnostic, lang: Lang): string {
  return lang === 'en' ? d.messageEn : d.message;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** Short display of a value in a message: numbers as is, strings quoted, others as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return String(value);
  }
}
