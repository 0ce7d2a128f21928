/**
 * The contract of a named semantic rule (stage 3 of loading a rubric): it reads
 * structure-valid data and reports diagnostics; it never throws and never
 * stops the others.
 */
import type { DataPath, Severity } from '../diagnostics.js';
import type { SourcePosition } from '../parse-yaml.js';
import type { RubricData } from '../schema.js';

export interface RuleReport {
  /** Path of the offending node in the data. */
  path: DataPath;
  code: string;
  /** Default 'error'. */
  severity?: Severity;
  message: string;
  messageEn: string;
  received?: unknown;
  expected?: unknown;
  /** Point at the key instead of the value (e.g. a map key). */
  key?: boolean;
}

export interface RuleContext {
  data: RubricData;
  file: string;
  report(diagnostic: RuleReport): void;
  /** Position of a path (to mention "first used at line N" in messages). */
  locate(path: DataPath): SourcePosition;
}

export interface RubricRule {
  /** camelCase name, e.g. childrenSumToParent. */
  name: string;
  /** One line for docs and the SARIF rule list. */
  description: string;
  check(ctx: RuleContext): void;
}
