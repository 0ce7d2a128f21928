import { readFileSync } from 'node:fs';
import { validateRubricText } from '../../src/rubric/load-rubric.js';
import type { Diagnostic } from '../../src/rubric/diagnostics.js';

export const MINIMAL = readFileSync(new URL('../fixtures/rubrics/minimal.yaml', import.meta.url), 'utf8');

/** The minimal rubric with one exact substring replaced (fails loudly if the substring is absent). */
export function edit(from: string, to: string, base = MINIMAL): string {
  if (!base.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

export function validate(text: string, file = 't.yaml') {
  return validateRubricText(text, file);
}

/** `line:col code` of each diagnostic, for compact assertions. */
export function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
}

export function codes(text: string): string[] {
  return validate(text).diagnostics.map((d) => d.code);
}
