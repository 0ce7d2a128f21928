/**
 * The rubric format: the single source of truth for what a rubric YAML file may
 * contain. The JSON Schema for editors (`rubric.schema.json`) is generated from
 * this file; `docs/rubric-format.md` documents it for bureaus.
 *
 * Structure only lives here. Arithmetic and cross-reference checks (children
 * add up to the parent, star bands do not overlap, …) are the named semantic
 * rules in `./rules/`.
 */
import { z } from 'zod';

/** Dotted string ids such as "1", "1.2", "1.2.3", "B1", "V1". */
export const NodeId = z
  .string()
  .regex(/^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$/, '编号只能由字母、数字和点组成，例如 "1.2.3"')
  .describe('Dotted string id, e.g. "1.2.3". Always quote it in YAML.');

/** Points are decimal numbers ≥ 0 (0.5, 1.5, 3.5 …). */
export const Points = z.number().nonnegative();

export const NaPolicy = z.enum(['forbid', 'full', 'rescale']).describe('不适用 (N/A): forbid = an error; full = full points; rescale = exclude the item and rescale its module by applicable points.');
export type NaPolicy = z.infer<typeof NaPolicy>;

export const BlankPolicy = z.enum(['incomplete', 'zero']).describe('A blank (unscored) item: incomplete = listed, station marked incomplete and gets no star; zero = counted as 0 points (explicit).');
export type BlankPolicy = z.infer<typeof BlankPolicy>;

// ── Scoring rules, one per item kind ────────────────────────────────────────

/** Free points within a range: the assessor gives min..points (optionally in steps). */
export const RangeRule = z.strictObject({
  kind: z.literal('range'),
  min: Points.optional().describe('Lowest score; default 0.'),
  step: z.number().positive().optional().describe('Scores must be multiples of this step, e.g. 0.5.'),
});

/** Met / not met: full points when met, 0 (or `unmetPoints`) otherwise. */
export const BooleanRule = z.strictObject({
  kind: z.literal('boolean'),
  unmetPoints: Points.optional().describe('Points when not met; default 0.'),
});

/** Single choice among labelled options. */
export const ChoiceRule = z.strictObject({
  kind: z.literal('choice'),
  options: z.array(z.strictObject({ label: z.string().min(1), points: Points })).min(2),
});

/** Checklist (组合分): each ticked condition adds its points. */
export const ChecklistRule = z.strictObject({
  kind: z.literal('checklist'),
  conditions: z
    .array(
      z.strictObject({
        id: z.string().min(1).optional().describe('Short key used in workbooks, e.g. "a"; default a, b, c …'),
        label: z.string().min(1),
        points: Points,
        group: z.string().min(1).optional().describe('Conditions with the same group are mutually exclusive: at most one of them may be ticked (上一条满足的不选).'),
      }),
    )
    .min(1),
});

/** Tiers on a measured value: the highest tier whose `min` the value reaches. */
export const TiersRule = z.strictObject({
  kind: z.literal('tiers'),
  unit: z.string().optional().describe('Unit of the measured value, e.g. ㎡, %, 万元.'),
  tiers: z
    .array(z.strictObject({ min: z.number(), points: Points }))
    .min(1)
    .describe('Highest first or in any order; a value ≥ min earns that tier (the highest reached wins).'),
  otherwise: Points.optional().describe('Points below the lowest tier; default 0.'),
});

/** Count with base, increment and cap: "3 staff → 5 points, +1 per extra person, at most 15". */
export const CountRule = z.strictObject({
  kind: z.literal('count'),
  unit: z.string().optional(),
  base: z.strictObject({ count: z.number().int().nonnegative(), points: Points }),
  increment: Points.describe('Points for each unit above base.count.'),
  cap: Points.optional().describe('At most this many points; default the item points.'),
  below: Points.optional().describe('Points when the count is below base.count; default 0.'),
});

/** Deduction per occurrence from the maximum, never below the floor. */
export const DeductionRule = z.strictObject({
  kind: z.literal('deduction'),
  per: z.number().positive().describe('Points deducted per occurrence (缺一项扣 N 分).'),
  floor: Points.optional().describe('Lowest score; default 0.'),
  maxDeduction: z.number().positive().optional().describe('At most this many points deducted in all (最多扣 N 分); default no cap but the floor.'),
});

/** A deduction the assessor chooses within a fixed range (按照现场查勘情况扣1-3分): 0 when nothing is found. */
export const AssessedDeductionRule = z.strictObject({
  kind: z.literal('assessed-deduction'),
  min: z.number().positive().describe('Smallest deduction when one is made, e.g. 1.'),
  max: z.number().positive().describe('Largest deduction, e.g. 3.'),
  floor: Points.optional().describe('Lowest score; default 0.'),
});

/**
 * Tick boxes plus an assessor's deduction (勾选扣分): the ticked conditions add
 * their points, the assessor may then deduct within a fixed range
 * (按照现场查勘情况扣1-3分), never below 0; and a condition the item cannot do
 * without gives 0 when it is not ticked (未设…不得分).
 */
export const ChecklistDeductionRule = z.strictObject({
  kind: z.literal('checklist-deduction'),
  conditions: z
    .array(
      z.strictObject({
        id: z.string().min(1).optional().describe('Short key used in workbooks, e.g. "a"; default a, b, c …'),
        label: z.string().min(1),
        points: Points,
      }),
    )
    .min(1),
  deduction: z
    .strictObject({
      min: z.number().positive().describe('Smallest deduction when one is made, e.g. 1.'),
      max: z.number().positive().describe('Largest deduction, e.g. 3.'),
    })
    .describe('The assessor-chosen deduction after the ticks (按照现场查勘情况扣1-3分): 0, or between min and max; the score never goes below 0.'),
  zeroIf: z
    .strictObject({
      missing: z.array(z.string().min(1)).min(1).describe('Condition ids: when any of them is not ticked, the item scores 0 whatever else is ticked (未设…不得分).'),
    })
    .optional(),
});

/** Graded judgement (程度分): a grade chosen, then points within its band. */
export const GradedRule = z.strictObject({
  kind: z.literal('graded'),
  grades: z
    .array(
      z.strictObject({
        grade: z.string().min(1).describe('e.g. A, B, C or 优, 良, 中, 差'),
        min: Points,
        max: Points,
      }),
    )
    .min(2),
});

/** A measured value recorded for prerequisites and conditions (记录值): 0 points, e.g. 入住老人数, 护理员人数, 入住率. */
export const ValueRule = z.strictObject({
  kind: z.literal('value'),
  unit: z.string().optional().describe('Unit of the value, e.g. 人, %.'),
  integer: z.boolean().default(false).describe('A whole number (a count of people); otherwise any number ≥ 0.'),
});

/** Control / prerequisite item (控制项): 0 points, must be met for any star. */
export const ControlRule = z.strictObject({
  kind: z.literal('control'),
});

export const ScoringRule = z.discriminatedUnion('kind', [
  RangeRule,
  BooleanRule,
  ChoiceRule,
  ChecklistRule,
  TiersRule,
  CountRule,
  DeductionRule,
  AssessedDeductionRule,
  ChecklistDeductionRule,
  GradedRule,
  ControlRule,
  ValueRule,
]);
export type ScoringRule = z.infer<typeof ScoringRule>;
export type ItemKind = ScoringRule['kind'];

// ── Conditional applicability ──────────────────────────────────────────────

/** What an applicability rule looks at: another item's answer, or an attribute of the station. */
export const Condition = z.union([
  z
    .strictObject({
      item: NodeId.describe("The item whose answer is read (the party's own entry)."),
      is: z.array(z.string().min(1)).min(1).optional().describe('The answer is one of these: an option label, 是 / 否, a grade, or a ticked condition id.'),
      atLeast: z.number().optional().describe('The measured value or count entered is at least this.'),
    })
    .describe('Give exactly one of is, atLeast.'),
  z
    .strictObject({
      station: z.enum(['name', 'county', 'township', 'operator', 'code']).describe('A field of the station block, e.g. township (乡镇(街道)).'),
      is: z.array(z.string().min(1)).min(1).optional().describe('The field equals one of these.'),
      endsWith: z.array(z.string().min(1)).min(1).optional().describe('The field ends with one of these, e.g. 街道 / 镇 / 乡.'),
    })
    .describe('Give exactly one of is, endsWith.'),
]);
export type Condition = z.infer<typeof Condition>;

export const Applicability = z
  .strictObject({
    when: Condition.optional().describe('The rule fires when the condition holds.'),
    unless: Condition.optional().describe('The rule fires when the condition does not hold.'),
    then: z.enum(['not-applicable', 'full', 'zero']).describe('not-applicable = the item is excluded and its module rescaled; full = full points (此项不扣分); zero = 0 points (此项不得分).'),
  })
  .describe('Give exactly one of when, unless. The first rule that fires decides; when none fires the item is scored as entered.');
export type Applicability = z.infer<typeof Applicability>;

// ── The tree ───────────────────────────────────────────────────────────────

/**
 * One node of the indicator tree. A node has either `children` (module,
 * indicator) or `scoring` (a scorable item, the leaf), never both.
 */
export interface RubricNode {
  id: string;
  name: string;
  points: number;
  content?: string;
  standard?: string;
  method?: string;
  na?: NaPolicy;
  aliases?: string[];
  applicability?: Applicability[];
  scoring?: ScoringRule;
  children?: RubricNode[];
}

export const RubricNode: z.ZodType<RubricNode> = z.lazy(() =>
  z.strictObject({
    id: NodeId,
    name: z.string().min(1).describe('Indicator or item name (Chinese).'),
    points: Points.describe('分值. Children must add up to it.'),
    content: z.string().optional().describe('评估内容'),
    standard: z.string().optional().describe('评分标准 (rule text printed in workbooks).'),
    method: z.string().optional().describe('评估方法, e.g. 看材料 / 实地查看 / 访谈.'),
    na: NaPolicy.optional().describe('N/A policy of this item; default `defaults.na`.'),
    aliases: z.array(z.string().min(1)).optional().describe('Other names of this item in workbooks not generated from the rubric.'),
    applicability: z
      .array(Applicability)
      .min(1)
      .optional()
      .describe('Conditional applicability (采取配餐方式的，此项不扣分；未开展助餐服务的，此项不得分): rules on another answer or the station; the first that fires decides.'),
    scoring: ScoringRule.optional(),
    children: z.array(RubricNode).min(1).optional(),
  }),
);

// ── Bonus, vetoes, stars, reconciliation ───────────────────────────────────

export const Bonus = z.strictObject({
  name: z.string().default('加分项'),
  cap: Points.describe('The bonus pool: at most this many points in total.'),
  items: z.array(RubricNode).min(1),
});

export const VetoEffect = z.enum(['no-star', 'cap-star', 'zero-total']);
export type VetoEffect = z.infer<typeof VetoEffect>;

export const Veto = z.strictObject({
  id: NodeId,
  name: z.string().min(1).describe('e.g. 弄虚作假'),
  description: z.string().optional(),
  effect: VetoEffect,
  maxStars: z.number().int().nonnegative().optional().describe('For effect cap-star: the highest level allowed.'),
});

export const ModuleMinimum = z
  .strictObject({
    percent: z.number().min(0).max(100).optional().describe('Percent of the module maximum.'),
    points: Points.optional().describe('Absolute points.'),
  })
  .describe('Give exactly one of percent or points.');
export type ModuleMinimum = z.infer<typeof ModuleMinimum>;

export const Prerequisite = z
  .strictObject({
    name: z.string().min(1).describe('The 必备项 as printed, e.g. 护理员与全护理服务对象配备比例不低于1:8.'),
    item: NodeId.describe('The item whose entry is tested.'),
    met: z.literal(true).optional().describe('A boolean or control item must be met (是).'),
    minPoints: Points.optional().describe("The item's final points must reach this."),
    atLeast: z.number().optional().describe('The measured value or count of the item (tiers, count, value) must reach this, e.g. 入住率 30.'),
    per: z
      .strictObject({
        item: NodeId.describe('The item holding the base, e.g. 入住老人数.'),
        count: z.number().positive().describe('One of `item` (the tested one) per this many of the base: 1:8 → 8, 每200名 → 200.'),
        minimum: z.number().nonnegative().optional().describe('The base counts as at least this (不足200人按200人计算 → 200).'),
      })
      .optional()
      .describe('A ratio: value(item) × count ≥ max(value(per.item), minimum). 不低于1:8 → count 8.'),
  })
  .describe('A condition of one level (必备项): give exactly one of met, minPoints, atLeast, per.');
export type Prerequisite = z.infer<typeof Prerequisite>;

export const Quota = z
  .strictObject({
    share: z.number().describe('The share of the qualifying stations that get the level, in (0, 1]: 前10% → 0.1.'),
    rounding: z.enum(['floor', 'ceil', 'round']).default('floor').describe('How share × qualifying becomes a whole number of places: floor (不超过), ceil (至少), round (half up).'),
    ties: z
      .enum(['include', 'exclude'])
      .default('include')
      .describe('Stations whose total equals the cut-off total: include = all of them get the level (places may be exceeded); exclude = none of them if they do not all fit.'),
  })
  .describe('A quota on a level (名额): rank the stations that meet the level by total, highest first; the first `places` get it.');
export type Quota = z.infer<typeof Quota>;

export const StarLevel = z.strictObject({
  level: z.number().int().min(1).max(9),
  name: z.string().min(1).describe('e.g. 五星级'),
  minTotal: Points.describe('The total must reach this (以上; see stars.boundary).'),
  maxTotal: Points.optional().describe('Optional upper bound of the band (published bands such as 901—950).'),
  moduleMinimum: ModuleMinimum.optional().describe('Minimum for every module at this level.'),
  moduleMinimums: z.record(NodeId, ModuleMinimum).optional().describe('Per-module minimums, keyed by module id; override moduleMinimum.'),
  prerequisites: z.array(Prerequisite).optional().describe('必备项 of this level: every one must hold for the level (each level lists its own; 1:8 for one star … 1:4 for five).'),
  quota: Quota.optional().describe(
    "名额限制: of the stations that compete for this level (those that meet it and got no higher level, including those that lost a higher level's quota), only the top share (by total) get it; applied by `batch` over all stations of the run, from the highest level down.",
  ),
  requires: z
    .strictObject({
      controls: z.boolean().default(true).describe('All control items met.'),
      noVeto: z.boolean().default(true).describe('No veto triggered.'),
      verified: z.boolean().default(false).describe('Station verified by a spot check.'),
    })
    .prefault({}),
});
export type StarLevel = z.infer<typeof StarLevel>;

export const Stars = z.strictObject({
  boundary: z.enum(['inclusive', 'exclusive']).default('inclusive').describe('inclusive: 以上 includes the number (民法典 第1259条), total ≥ minTotal; exclusive: total > minTotal.'),
  rounding: z
    .strictObject({
      digits: z.number().int().min(0).max(4).default(0),
      apply: z.enum(['before', 'after']).default('after').describe('before: round the total to `digits` before comparing with thresholds; after: compare the exact total, round only for display.'),
    })
    .prefault({}),
  levels: z.array(StarLevel).min(1),
  display: z
    .enum(['stars', 'names'])
    .default('stars')
    .describe('How reports show a level: stars = ★ glyphs and the name (三星级 ★★★☆☆); names = the name only, for levels that are not stars (基本级; 合格 / 不合格; A / B).'),
  target: z
    .enum(['none', 'optional', 'required'])
    .default('none')
    .describe(
      'An applied-for level (申报等级): none = not asked; optional / required = the station names the level it applies for (StationMeta.targetLevel, the template cell 申报等级) and gets at most that level; required = no level without it.',
    ),
  noLevelName: z.string().min(1).optional().describe('What a station that reaches no level is called, e.g. 不合格; default 未达到星级.'),
});

export const Scale = z
  .strictObject({
    divideBy: z.number().positive().describe('The total is divided by this, e.g. 10 (GB/T 50378-2019: Q = (Q0 + Q1 + … + Q5 + QA) / 10).'),
    digits: z.number().int().min(0).max(4).default(2).describe('Decimals of the scaled total, rounded half up.'),
    name: z.string().min(1).default('总得分').describe('Name of the scaled total in reports.'),
  })
  .describe('A scale factor on the total: star levels (minTotal, maxTotal) are compared with the scaled total; modules and the total keep their points.');
export type Scale = z.infer<typeof Scale>;

export const Tolerance = z.strictObject({
  scope: z.enum(['item', 'module', 'total']),
  points: Points.optional(),
  percent: z.number().min(0).max(100).optional().describe('Percent of the scope maximum.'),
});
export type Tolerance = z.infer<typeof Tolerance>;

export const Reconciliation = z.strictObject({
  authority: z.enum(['spot', 'self']).default('spot').describe('Which party counts where both scored an item: spot (the spot check replaces the self score) or self.'),
  tolerance: z.array(Tolerance).default([]).describe('Self − spot above this is an inflated self-score.'),
  onInflation: z
    .strictObject({
      flag: z.boolean().default(true),
      deductFactor: z.number().min(0).optional().describe('Deduct (excess over tolerance) × factor from the total.'),
      maxStars: z.number().int().nonnegative().optional().describe('Cap the star level of an inflated station.'),
    })
    .prefault({}),
  requireVerifiedForStars: z.boolean().default(false).describe('Stars only for stations verified by a spot check.'),
});

export const ScoringParty = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'id 只能用小写字母、数字、点、连字符'),
  name: z.string().min(1).describe('Shown in reports; the template column is the name + 得分, e.g. 采购方 → 采购方得分.'),
  items: z.array(z.string().min(1)).min(1).optional().describe('Ids of the items, indicators or modules this party scores (a module means all its items); default every item.'),
  max: Points.optional().describe('Points split by party: the items this party scores must add up to this (e.g. 700 of 1000).'),
});
export type ScoringParty = z.infer<typeof ScoringParty>;

export const Columns = z
  .strictObject({
    id: z.array(z.string()).optional(),
    name: z.array(z.string()).optional(),
    points: z.array(z.string()).optional(),
    self: z.array(z.string()).optional(),
    selfNote: z.array(z.string()).optional(),
    spot: z.array(z.string()).optional(),
    reason: z.array(z.string()).optional(),
    note: z.array(z.string()).optional(),
  })
  .describe('Extra header names to recognise in workbooks that were not generated from this rubric.');

export const Certification = z
  .strictObject({
    validityYears: z.number().int().min(1).max(20).describe('A star certificate issued in year Y is valid through year Y + validityYears − 1.'),
    downgrade: z
      .enum(['immediate', 'one-level-per-year'])
      .default('immediate')
      .describe('A re-evaluation below the level in force: immediate = the certificate drops to the level reached; one-level-per-year = it drops at most one level per year.'),
    firstRatingMaxStars: z.number().int().min(1).max(9).optional().describe('A station never certified before gets at most this level (e.g. 3).'),
    waitingYears: z.number().int().min(0).max(10).optional().describe('After a failed evaluation (no star), results of the next waitingYears years cannot raise the certificate.'),
  })
  .describe('Star certificates across years: validity, downgrades, first-rating cap, waiting period (used by compare and batch --previous).');
export type Certification = z.infer<typeof Certification>;

// ── The rubric ─────────────────────────────────────────────────────────────

export const Rubric = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'id 只能用小写字母、数字、点、连字符'),
  title: z.string().min(1),
  version: z.string().min(1),
  issuer: z.string().optional().describe('Issuing body, e.g. 福建省民政厅'),
  year: z.number().int().min(2000).max(2100).optional(),
  illustrative: z.string().optional().describe('A note shown on every report when the content is illustrative, not official.'),
  description: z.string().optional(),
  total: Points.describe('Declared maximum of the base score (e.g. 1000). Modules must add up to it.'),
  precision: z.number().int().min(0).max(4).default(1).describe('Decimal digits of scores; rescaled module scores are rounded (half up) to this.'),
  clampTotal: z.boolean().default(true).describe('Clamp base + bonus at `total`.'),
  scale: Scale.optional(),
  defaults: z
    .strictObject({
      na: NaPolicy.default('forbid'),
      blank: BlankPolicy.default('incomplete'),
    })
    .prefault({}),
  modules: z.array(RubricNode).min(1),
  bonus: Bonus.optional(),
  vetoes: z.array(Veto).default([]),
  stars: Stars,
  reconciliation: Reconciliation.prefault({}),
  parties: z
    .array(ScoringParty)
    .min(1)
    .optional()
    .describe(
      'Several scoring parties (采购方, 督导, 第三方 …) in authority order: where several scored an item, the later one in this list counts. They replace the self-assessment; a spot check still applies on top.',
    ),
  columns: Columns.optional(),
  certification: Certification.optional(),
});

/** A rubric after structure validation, with defaults filled in. */
export type RubricData = z.infer<typeof Rubric>;
export type Veto = z.infer<typeof Veto>;
