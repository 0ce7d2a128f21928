/**
 * The diagnostic of the rubric validator: every stage (YAML parse, structure,
 * semantic rules) and every formatter (text, json, github, sarif) speaks it.
 * A Diagnostic is a `Problem` (src/problems): a catalogued code with its
 * parameters (src/problems/messages/rubric.ts), located by file, line,
 * column and data path, so it goes wherever problems go (the web page, a
 * reporter's problem list). It carries no sentence: formatters render the
 * message in the reader's language with `messageOf`. It also keeps its
 * location flat (`file`, `line`, `column`, `path`), as the validator's
 * output formats print it; build one with `diagnostic(…)` so both agree.
 */
import type { MessageCode, MessageParams } from '../problems/catalogue.js';
import type { Problem, ProblemLocation, ProblemParams, Severity } from '../problems/problem.js';
import { messageOf } from '../problems/render.js';
import { show } from '../problems/messages/rubric.js';

export type { Severity };
export { messageOf, show };

/** Where a diagnostic is, and how bad: what the parser, the schema check and the rules know besides the code. */
export interface DiagnosticPlace {
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
  severity: Severity;
  /** The value found at the location, when there is one worth showing. */
  received?: unknown;
  /** What should be there. */
  expected?: unknown;
}

/** A catalogued code with the parameters its message takes (the compiler checks them). */
export type Coded = { [C in MessageCode]: { code: C; params: MessageParams[C] } }[MessageCode];

/** What a diagnostic is built from. */
export type DiagnosticInit = DiagnosticPlace & Coded;

export interface Diagnostic extends Problem, DiagnosticPlace {
  location: ProblemLocation & { file: string; line: number; column: number; path: string };
  params: ProblemParams;
}

/** The flat fields `rubric validate --format json` prints, messages rendered in both languages. */
export interface DiagnosticFields {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  path: string;
  /** Stable code, e.g. RUBRIC_SUM_MISMATCH. */
  code: string;
  severity: Severity;
  /** Chinese message. */
  message: string;
  /** English message. */
  messageEn: string;
  received?: unknown;
  expected?: unknown;
  /** The message's parameters (src/problems/messages/rubric.ts), for scripts that want the values rather than the sentence. */
  params: ProblemParams;
}

/** A diagnostic: the Problem's location is derived from the flat place. */
export function diagnostic(init: DiagnosticInit): Diagnostic {
  const { file, line, column, endLine, endColumn, path, code, severity, params, received, expected } = init;
  const location: Diagnostic['location'] = { file, line, column, path };
  const d: Diagnostic = { file, line, column, path, code, severity, location, params };
  if (endLine !== undefined) d.endLine = location.endLine = endLine;
  if (endColumn !== undefined) d.endColumn = location.endColumn = endColumn;
  if (received !== undefined) d.received = received;
  if (expected !== undefined) d.expected = expected;
  return d;
}

/** The flat fields with the message in Chinese and in English, and its parameters (what `rubric validate --format json` prints). */
export function diagnosticFields(d: Diagnostic): DiagnosticFields {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
    ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
    path: d.path,
    code: d.code,
    severity: d.severity,
    message: messageOf(d, 'zh'),
    messageEn: messageOf(d, 'en'),
    ...(d.received !== undefined ? { received: d.received } : {}),
    ...(d.expected !== undefined ? { expected: d.expected } : {}),
    params: d.params,
  };
}

/** The same diagnostic under another file name (the web page shows the upload's name, never a server path). */
export function relabel(d: Diagnostic, file: string): Diagnostic {
  return { ...d, file, location: { ...d.location, file } };
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
