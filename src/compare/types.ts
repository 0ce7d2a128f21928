/**
 * Year over year: what a comparison of two years' results is made of. Plain
 * data only, so batch workers can receive and return it.
 */
import type { Problem } from '../problems/problem.js';

/** The certificate a station holds after a year's decision (level 0 = none). */
export interface CertificateState {
  /** Level in force (0 = no certificate). */
  level: number;
  /** Year of the evaluation this state follows from. */
  year: number;
  /** Year the certificate in force was issued (re-issued on renewal, upgrade or downgrade). */
  issuedYear?: number;
  /** Last year the certificate is valid (issuedYear + validityYears − 1). */
  validUntil?: number;
  /** Year the station first held a star certificate (absent: never, as far as the history knows). */
  firstCertifiedYear?: number;
  /** Year of the last evaluation that reached no star. */
  failedYear?: number;
}

/** The rule that decided the level in force. */
export type CertificateRule =
  /** The rubric has no certification section: the level reached this year counts. */
  | 'no-rules'
  /** First certificate, at the level reached. */
  | 'first-rating'
  /** First certificate, capped by certification.firstRatingMaxStars. */
  | 'first-rating-cap'
  /** A higher level than the one in force. */
  | 'upgrade'
  /** The same level as the one in force: the certificate is re-issued. */
  | 'renewed'
  /** A new certificate after the previous one expired or was withdrawn. */
  | 'recertified'
  /** Lower than the level in force; downgrade: immediate. */
  | 'downgrade-immediate'
  /** Lower than the level in force; downgrade: one-level-per-year. */
  | 'downgrade-one-level'
  /** A higher result within the waiting period after a failed evaluation: not counted. */
  | 'waiting-period'
  /** Not evaluated this year; the certificate is still valid. */
  | 'kept'
  /** Not evaluated this year; the certificate expired. */
  | 'expired'
  /** Evaluated, no star, no certificate in force. */
  | 'failed'
  /** Not evaluated, no certificate. */
  | 'none';

export interface CertificateDecision {
  level: number;
  /** The level held before this year's decision (0 = none). */
  heldLevel: number;
  levelName: string | null;
  rule: CertificateRule;
  /** Why, in Chinese. */
  reason: string;
  reasonEn: string;
  state: CertificateState;
}

/** What a year's result contributes to a comparison: compact, cloneable. */
export interface YearRecord {
  /** Matching key (normalised county + name). */
  key: string;
  name: string;
  county: string;
  code?: string;
  /** Evaluation year (from the result's station.year), null when unknown. */
  year: number | null;
  total: number;
  stars: number | null;
  starName: string | null;
  rubric: { id: string; version: string; sha256: string };
  modules: { id: string; name: string; max: number; final: number }[];
  /** Final points per item id (null when N/A-excluded or blank). */
  items: Record<string, number | null>;
  /** Item names by id (for items only in this year's rubric). */
  itemNames?: Record<string, string>;
  /** The certificate recorded with the result (batch --previous), when any. */
  certificate?: CertificateState & { rule?: CertificateRule };
}

export type ChangeKind = 'up' | 'down' | 'same' | 'new' | 'absent';

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  up: '升级',
  down: '降级',
  same: '持平',
  new: '新参评',
  absent: '未参评',
};

export const CHANGE_LABELS_EN: Record<ChangeKind, string> = {
  up: 'up',
  down: 'down',
  same: 'same',
  new: 'new',
  absent: 'absent',
};

/** How a current station was paired with last year's. */
export type MatchKind = 'code' | 'mapping' | 'merged' | 'key' | 'name' | 'ambiguous' | 'none';

export const MATCH_LABELS: Record<MatchKind, string> = {
  code: '站点编码',
  mapping: '对照表（更名）',
  merged: '对照表（合并）',
  key: '县区+名称',
  name: '名称',
  ambiguous: '有歧义，未匹配',
  none: '',
};

export interface ModuleDelta {
  id: string;
  name: string;
  previous: number | null;
  current: number | null;
  delta: number | null;
}

export interface ItemMove {
  id: string;
  name: string;
  previous: number;
  current: number;
  delta: number;
}

export interface StationComparison {
  key: string;
  county: string;
  name: string;
  code?: string;
  /** Last year's name and county when they differ (renamed) or the merged stations. */
  previousNames: string[];
  match: MatchKind;
  year: number;
  previousYear: number | null;
  change: ChangeKind;
  previous: { total: number; stars: number | null; starName: string | null } | null;
  current: { total: number; stars: number | null; starName: string | null } | null;
  totalDelta: number | null;
  /** item: item by item; module: module level only (rubric changed and item ids differ). */
  depth: 'item' | 'module' | 'none';
  /** Notes: rubric version change, merger, ambiguous match … */
  notes: string[];
  modules: ModuleDelta[];
  /** Items that moved most (largest |delta| first, at most 5). */
  movers: ItemMove[];
  certificate: CertificateDecision;
}

/** A station that could not be matched across years: the one Problem shape (src/problems), a warning located at the mapping row when there is one. */
export type ComparisonProblem = Problem;

export interface YearComparison {
  year: number;
  previousYear: number | null;
  rows: StationComparison[];
  problems: ComparisonProblem[];
  /** Names of the star levels by level (for labels). */
  levelNames: Record<number, string>;
  /** True when the rubric's certification rules were applied. */
  certification: boolean;
}
