/**
 * The contract of a named semantic rule (stage 3 of loading a rubric): it reads
 * structure-valid data and reports diagnostics; it never throws and never
 * stops the others.
 */
import type { Coded, DataPath, Severity } from '../diagnostics.js';
import type { SourcePosition } from '../parse-yaml.js';
import type { RubricData } from '../schema.js';

/**
 * A finding: a catalogued code with its parameters (src/problems/messages/rubric.ts;
 * a new rule adds its codes there or in its area's module), where it is, and
 * the value found there (`received`) and what should be there (`expected`).
 */
export type RuleReport = {
  /** Path of the offending node in the data. */
  path: DataPath;
  /** Default 'error'. */
  severity?: Severity;
  received?: unknown;
  expected?: unknown;
  /** Point at the key instead of the value (e.g. a map key). */
  key?: boolean;
} & Coded;

export interface RuleContext {
  data: RubricData;
  file: string;
  report(diagnostic: RuleReport): void;
  /** Position of a path (to mention "first used at line N" in a message's parameters). */
  locate(path: DataPath): SourcePosition;
}

export interface RubricRule {
  /** camelCase name, e.g. childrenSumToParent. */
  name: string;
  /** One line for docs and the SARIF rule list. */
  description: string;
  check(ctx: RuleContext): void;
}
