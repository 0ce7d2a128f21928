/**
 * The diagnostic of the rubric validator: every stage (YAML parse, structure,
 * semantic rules) and every formatter (text, json, github, sarif) speaks it.
 * A Diagnostic is a `Problem` (src/problems): located by file, line, column
 * and data path, with its text in both languages, so it goes wherever
 * problems go (the web page, a reporter's problem list). It also keeps its
 * flat fields, which the validator's output formats print as before; build
 * one with `diagnostic(fields)` so both agree.
 */
import type { Problem, ProblemLocation, Severity } from '../problems/problem.js';
import type { Lang } from '../util/lang.js';

export type { Severity };

/** The flat fields a diagnostic is built from (as the parser, the schema check and the rules report them). */
export interface DiagnosticFields {
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

export interface Diagnostic extends Problem, DiagnosticFields {
  location: ProblemLocation & { file: string; line: number; column: number; path: string };
  text: { zh: string; en: string };
}

/** A diagnostic from its flat fields: the Problem's location and text are derived from them. */
export function diagnostic(fields: DiagnosticFields): Diagnostic {
  const location: Diagnostic['location'] = { file: fields.file, line: fields.line, column: fields.column, path: fields.path };
  if (fields.endLine !== undefined) location.endLine = fields.endLine;
  if (fields.endColumn !== undefined) location.endColumn = fields.endColumn;
  return { ...fields, location, text: { zh: fields.message, en: fields.messageEn } };
}

/** The flat fields alone (what `rubric validate --format json` prints). */
export function diagnosticFields(d: Diagnostic): DiagnosticFields {
  const { location: _location, text: _text, params: _params, ...fields } = d;
  return fields;
}

/** The same diagnostic under another file name (the web page shows the upload's name, never a server path). */
export function relabel(d: Diagnostic, file: string): Diagnostic {
  return diagnostic({ ...diagnosticFields(d), file });
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
  return [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
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
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what JSON cannot show (a BigInt, a cycle) is shown as its string form
    return String(value);
  }
}
