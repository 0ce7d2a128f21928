/**
 * What the scoring engine takes and what it returns. Plain data only: readers
 * produce `StationInput`, reports consume `StationResult`. The result shape is
 * documented in docs/result-format.md and versioned by RESULT_FORMAT_VERSION.
 */

// ── Input ──────────────────────────────────────────────────────────────────

/**
 * One party's entry for one item. Blank, 0 and N/A are three different
 * states: `blank` is "not scored", `{kind:'points', points: 0}` is a score of
 * zero, `na` is 不适用.
 */
export type EntryValue =
  | { kind: 'blank' }
  | { kind: 'na' }
  /** A score given directly (any item kind; must be a score the item allows). */
  | { kind: 'points'; points: number }
  /** boolean and control items: 是 / 否. */
  | { kind: 'met'; met: boolean }
  /** choice items: the chosen option's label. */
  | { kind: 'option'; label: string }
  /** checklist items: ids or labels of the ticked conditions; checklist-deduction items also the assessor's deduction (扣2). */
  | { kind: 'checklist'; ticked: string[]; deduction?: number }
  /** tiers items: the measured value (e.g. 65 for 65 ㎡). */
  | { kind: 'measure'; value: number }
  /** count items: how many (staff, activities …); deduction items: how many occurrences. */
  | { kind: 'count'; count: number }
  /** graded items: the grade, and optionally the points within its band. */
  | { kind: 'grade'; grade: string; points?: number };

export interface Entry {
  value: EntryValue;
  /** 自评说明 / 扣分原因 / 备注 text from the workbook. */
  note?: string;
  /** Where the value came from, e.g. `城关镇.xlsx › 自评表!H23`; used in error messages. */
  source?: string;
}

export interface PartyEntries {
  /** Item id → entry. Items absent from the map are blank. */
  items: Record<string, Entry>;
  /** Veto id → triggered. Absent means not triggered (not reported). */
  vetoes?: Record<string, boolean>;
  /** Free-form: who scored, when, the file. */
  source?: string;
}

export interface StationMeta {
  name: string;
  code?: string;
  county?: string;
  township?: string;
  operator?: string;
  year?: number | string;
  filledBy?: string;
  date?: string;
  /** The level applied for (申报等级), when the rubric asks for one (stars.target). */
  targetLevel?: number;
  /** 评估机构: from the spot check's station block or column, `--evaluator` overriding it. */
  evaluator?: string;
  /** 评估日期, YYYY-MM-DD: `--date`, else the spot check's 评估日期, else the run's day (docs/result-format.md). */
  evaluationDate?: string;
}

export interface StationInput {
  station: StationMeta;
  self: PartyEntries;
  /** Present when the station was spot-checked. */
  spot?: PartyEntries;
  /**
   * Rubrics with `parties`: each scoring party's entries, by party id. They
   * replace `self` (which must then be empty); a spot check still applies on top.
   */
  parties?: Record<string, PartyEntries>;
}

// ── Result ─────────────────────────────────────────────────────────────────

export const RESULT_FORMAT_VERSION = 2;

export type ItemStatus =
  | 'scored'
  /** 不适用, excluded from its module (rescale) */
  | 'na-excluded'
  /** 不适用, given full points */
  | 'na-full'
  /** not scored by the authoritative party */
  | 'blank'
  /** blank, counted as 0 by the rubric's explicit policy */
  | 'blank-zero';

export interface ItemResult {
  id: string;
  name: string;
  moduleId: string;
  bonus: boolean;
  max: number;
  /** Points from the self-assessment (null when blank or N/A). */
  self: number | null;
  /** Points from the spot check (null when not checked, blank or N/A). */
  spot: number | null;
  /** The authoritative points that count (null when excluded or blank). */
  final: number | null;
  /** What the parties entered, for the report ("65 ㎡", "门外醒目", "a, c", "不适用", "B 5.5"). */
  selfInput?: string;
  spotInput?: string;
  status: ItemStatus;
  /** self − spot when both are numbers, else null. */
  deviation: number | null;
  /** True when the self-score exceeds the spot score beyond the item tolerance. */
  inflated: boolean;
  /** Control items: met or not (null when blank). */
  met?: boolean | null;
  /** Rubrics with `parties`: the id of the scoring party whose score counted (absent when the spot check's did, or none). */
  party?: string;
  /**
   * When an applicability rule decided the item: which rule (index in the
   * item's `applicability`), `APPLIES_WHEN` / `APPLIES_UNLESS`, its outcome,
   * what it looked at (an item id or `station.<field>`) and what it found.
   */
  condition?: { code: 'APPLIES_WHEN' | 'APPLIES_UNLESS'; rule: number; then: 'not-applicable' | 'full' | 'zero'; on: string; found: string };
  note?: string;
  reason?: string;
}

export interface NodeResult {
  id: string;
  name: string;
  max: number;
  self: number | null;
  spot: number | null;
  final: number;
  /** Maximum of the applicable items (differs from max when items are N/A). */
  applicableMax: number;
  rescaled: boolean;
}

export interface ModuleResult extends NodeResult {
  /** final / max × 100, at the rubric's precision. */
  percent: number;
  deviation: number | null;
}

export interface VetoResult {
  id: string;
  name: string;
  effect: 'no-star' | 'cap-star' | 'zero-total';
  maxStars?: number;
  /** Which party reported it. */
  by: ('self' | 'spot')[];
}

export interface Flag {
  /** Stable code, e.g. INFLATED_TOTAL, INCOMPLETE, UNVERIFIED, CONTROL_NOT_MET. */
  code: string;
  message: string;
  /** English rendering of the message. */
  messageEn?: string;
  itemId?: string;
  moduleId?: string;
}

/** One adjustment between the scored sum and the final total. */
export interface TotalStep {
  /**
   * BONUS_CAP: bonus items above the bonus cap; PENALTY: inflation penalty;
   * CLAMP_ZERO: a negative total raised to 0; CLAMP_MAX: a total above the maximum
   * lowered to it (rubric `clampTotal`); VETO_ZERO: a `zero-total` veto.
   */
  code: 'BONUS_CAP' | 'PENALTY' | 'CLAMP_ZERO' | 'CLAMP_MAX' | 'VETO_ZERO';
  /** Points added (negative: removed). */
  delta: number;
  /** The total after this step. */
  total: number;
  /** BONUS_CAP: the bonus cap; CLAMP_MAX: the maximum. */
  limit?: number;
  /** VETO_ZERO: the veto. */
  vetoId?: string;
}

export interface TotalSteps {
  /** Σ module finals + Σ bonus item finals, before any cap (equals spotTotal when the spot check is the authority). */
  start: number;
  /**
   * Spot-checked stations: the items the spot check left blank that count at the
   * self-assessment score (in `start` and in `spotTotal`); null when not spot-checked.
   */
  unchecked: { items: string[]; bonusItems: string[]; points: number } | null;
  /** In order; empty when nothing changed the start. */
  steps: TotalStep[];
}

/** One reason a level is not reached, e.g. the total or a module short. */
export interface Shortfall {
  kind: 'total' | 'module' | 'control' | 'veto' | 'verified' | 'complete' | 'inflation' | 'max-total' | 'prerequisite' | 'target' | 'quota';
  message: string;
  /** English rendering of the message. */
  messageEn?: string;
  /** Points short (total and module shortfalls). */
  points?: number;
  moduleId?: string;
  itemId?: string;
}

/** One 必备项 of one level, checked: what was found and what was needed. */
export interface PrerequisiteResult {
  level: number;
  name: string;
  itemId: string;
  /** Stable code: PREREQ_MET, PREREQ_POINTS, PREREQ_AT_LEAST, PREREQ_RATIO. */
  code: string;
  met: boolean;
  /** What was found (the measured value, points, or 是/否); null when the item is blank or N/A. */
  found: number | boolean | null;
  /** The numbers of the test: required value, ratio count, base and its minimum. */
  params: Record<string, number | string | boolean | null>;
}

export interface NextStar {
  level: number;
  name: string;
  /** Everything standing between the station and that level. */
  needs: Shortfall[];
}

/** One scoring party of a rubric with `parties`: its share and the points that counted from it. */
export interface PartyResult {
  id: string;
  name: string;
  /** The declared maximum (points split by party), or null. */
  max: number | null;
  /** Items this party scores. */
  items: number;
  /** Items whose final score is this party's. */
  counted: number;
  /** Σ final of the items whose final score is this party's. */
  total: number;
}

export interface StationResult {
  formatVersion: number;
  tool: { name: string; version: string };
  station: StationMeta;
  rubric: { id: string; version: string; title: string; sha256: string; file?: string };
  /** Final total: `totalSteps.start` after every step in `totalSteps.steps`, at the rubric's precision. */
  total: number;
  maxTotal: number;
  baseTotal: number;
  bonus: number;
  /** Deduction for inflated self-scores (≥ 0), already subtracted from total. */
  penalty: number;
  /**
   * The self-assessment's total before any cap: Σ module subtotals (self) + Σ bonus
   * items (self), no bonus cap, no clamp, no penalty. Null when the self party entered nothing.
   */
  selfTotal: number | null;
  /**
   * The spot check's total on the same basis: the same aggregation over the spot
   * entries, where an item the spot check left blank counts at its self-assessment
   * (as it does in the final score; listed in `totalSteps.unchecked`). Null when not spot-checked.
   */
  spotTotal: number | null;
  /** selfTotal − spotTotal (both before any cap); null unless both exist. */
  deviation: number | null;
  /** How `total` follows from the parties' scores: the start and each step that changed it. */
  totalSteps: TotalSteps;
  /**
   * Present when the rubric scales the total (`scale`): the total divided by
   * `divideBy`, rounded half up to the rubric's scale digits. Star levels
   * compare this; `total` and the modules keep their points.
   */
  scaled?: { name: string; divideBy: number; total: number; maxTotal: number };
  stars: number | null;
  starName: string | null;
  /** Present when the rubric has `parties`: each scoring party's share, in authority order. */
  parties?: PartyResult[];
  /** Present when some level has 必备项: each prerequisite of each level, checked. */
  prerequisites?: PrerequisiteResult[];
  /**
   * The quota (名额) behind the station's level (src/score/apply-quota.ts): provisional when scored alone
   * (with the levels it meets, highest first, in `eligible`); after `batch`, the decision of the level awarded
   * (granted) or, when it got no quota level, the last one it lost.
   */
  quota?: QuotaResult;
  /** Every quota decision of the cascade, highest level first, when the station competed for more than one level (lost 五星级, then 四星级 …). */
  quotas?: QuotaResult[];
  /** Present when the rubric asks for an applied-for level and the station named one. */
  targetLevel?: number;
  /** Why this level, in Chinese: the rule that decided it. */
  starReason: string;
  /** English rendering of the same reason. */
  starReasonEn?: string;
  nextStar: NextStar | null;
  verified: boolean;
  complete: boolean;
  modules: ModuleResult[];
  /** Subtotals of every indicator (modules and intermediate nodes), by id. */
  nodes: NodeResult[];
  items: ItemResult[];
  vetoes: VetoResult[];
  flags: Flag[];
  /** Warnings in Chinese: the reader's notes, then the scorer's own. */
  warnings: string[];
  /** The same warnings in English (results written before it existed have none). */
  warningsEn?: string[];
  blankItems: string[];
}

/** One quota decision in a result (StationResult.quota / quotas). */
export interface QuotaResult {
  level: number;
  share: number;
  rounding: 'floor' | 'ceil' | 'round';
  ties: 'include' | 'exclude';
  status: 'provisional' | 'granted' | 'lost';
  rank?: number;
  qualifying?: number;
  places?: number;
  cutoff?: number | null;
  atCutoff?: number;
  /** Provisional only: the levels the station meets within its gates and caps, highest first. */
  eligible?: number[];
}
