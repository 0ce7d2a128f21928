/**
 * The contract of one scoring kind (range, boolean, choice …). Everything the
 * tool knows about a kind lives in its module under src/kinds/: its name, how
 * an entry becomes points, what a directly typed score may be, how `rubric
 * show` describes it, the template's input help, 得分 formula and input cell,
 * the rubric fields holding points (precision check) and its semantic check.
 *
 * Pure: no I/O, no exceljs. What a template cell looks like is plain data
 * (`InputShape`, a formula string); src/workbook turns it into cells and
 * src/workbook/read-entry.ts parses cells by the same shape.
 */
import type { ItemInfo } from '../rubric/model.js';
import type { DataPath } from '../rubric/diagnostics.js';
import type { KindCheckDetails, RulePart } from '../problems/messages/rubric.js';
import type { RubricNode, ScoringRule } from '../rubric/schema.js';
import type { Big } from '../score/decimal.js';
import type { EntryValue } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import type { ItemPoints } from '../score/value-problem.js';

export type RuleOf<K extends ScoringRule['kind']> = Extract<ScoringRule, { kind: K }>;
export type KindItem<R extends ScoringRule> = ItemInfo & { rule: R };

/** An entry that is neither blank, N/A nor points typed directly. */
export type InputEntry = Exclude<EntryValue, { kind: 'blank' } | { kind: 'na' } | { kind: 'points' }>;

/**
 * What a party enters for an item, as data: the template's input cell and its
 * data validation, and the workbook reader's parser, both follow it.
 * `score`: points typed straight into 得分 (no 填报 input).
 */
export type InputShape =
  | { type: 'score'; min: number }
  | { type: 'yes-no' }
  | { type: 'option'; labels: string[] }
  | { type: 'grade'; grades: string[] }
  /** `deduction`: the cell may end in an assessor's deduction, "a,b 扣2" (checklist-deduction). */
  | { type: 'checklist'; ids: string[]; labels: string[]; deduction?: boolean }
  | { type: 'measure'; unit?: string }
  | { type: 'count'; unit?: string };

/**
 * Reports of a kind's semantic check, bound to one item (see
 * rules/rule-fits-points.ts, which adds the item and its kind to the
 * parameters): a part of the rule worth more than the item, the best the rule
 * can give when it is less than the item's points, or another finding by its
 * catalogued code (src/problems/messages/rubric.ts, `KindCheckDetails`).
 */
export interface RuleChecker {
  exceeds(path: DataPath, value: number, part: RulePart): void;
  unreachable(path: DataPath, best: number, part: RulePart): void;
  invalid<C extends keyof InvalidDetails>(path: DataPath, code: C, details: InvalidDetails[C], options?: { severity?: 'error' | 'warning'; received?: unknown; expected?: unknown }): void;
}

/** What `RuleChecker.invalid` takes: the kinds' own codes, and steps that never reach the item's points. */
export type InvalidDetails = KindCheckDetails & { RUBRIC_RULE_UNREACHABLE: { step: number; min: number; points: number } };

export interface KindDef<R extends ScoringRule = ScoringRule> {
  kind: R['kind'];
  /** Name of the kind: [Chinese, English], e.g. ['分档', 'tiers']. */
  name: readonly [string, string];
  /** The 填报 input (or `score` for points typed in 得分). */
  input(item: KindItem<R>): InputShape;
  /** Kinds that give no points (control, value): the item must be worth 0. */
  worthZero?: boolean;
  /** How 得分 is filled: `formula` (computed from 填报), `typed` (entered), `none` (control items: no points). */
  scoreCell: 'formula' | 'typed' | 'none';
  /** Points of an input entry; undefined when this kind does not take such an entry. Throws ValueProblem. */
  fromEntry(item: KindItem<R>, value: InputEntry, precision: number): ItemPoints | undefined;
  /** Kind-specific checks of points typed directly (already ≥ 0, ≤ max, within precision). Throws ValueProblem. */
  checkScore(item: KindItem<R>, p: Big): void;
  /** Met / not met implied by points typed directly (boolean items). */
  metFromScore?(item: KindItem<R>, p: Big): boolean;
  /** One-line summary for `rubric show`, e.g. "≥60㎡ → 20 / 否则 0". */
  describe(rule: R, points: number, lang: Lang): string;
  /** The template's 填报 instruction (the N/A hint is appended by the caller). */
  inputHelp(item: KindItem<R>): string;
  /** Core of the 得分 formula for an input in cell `x` (blank and 不适用 are handled by the caller); undefined when 得分 is typed. */
  formula?(item: KindItem<R>, x: string): string;
  /** Point values of the rule with their paths under `scoring` (precision check). */
  pointFields(rule: R): [DataPath, number | undefined][];
  /** The rule stays within the item's points and can reach them. */
  checkRule(c: RuleChecker, node: RubricNode, rule: R, at: DataPath): void;
}
