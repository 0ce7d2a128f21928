/**
 * The named semantic rules (stage 3 of loading a rubric), run in this order on
 * structure-valid data. Each adds diagnostics; none stops the others.
 */
import type { RubricRule } from './types.js';
import { childrenSumToParent } from './children-sum-to-parent.js';
import { modulesSumToTotal } from './modules-sum-to-total.js';
import { idsUnique } from './ids-unique.js';
import { idsNestedUnderParent } from './ids-nested-under-parent.js';
import { nodeHasScoringXorChildren } from './node-has-scoring-xor-children.js';
import { controlItemsWorthZero } from './control-items-worth-zero.js';
import { ruleFitsPoints } from './rule-fits-points.js';
import { labelsUnique } from './labels-unique.js';
import { pointsWithinPrecision } from './points-within-precision.js';
import { starLevelsOrdered } from './star-levels-ordered.js';
import { starBandsNoOverlapNoGap } from './star-bands-no-overlap-no-gap.js';
import { moduleMinimumsValid } from './module-minimums-valid.js';
import { vetoEffectValid } from './veto-effect-valid.js';
import { bonusCapSane } from './bonus-cap-sane.js';
import { toleranceValid } from './tolerance-valid.js';
import { aliasesUnique } from './aliases-unique.js';
import { suspiciousStructure } from './suspicious-structure.js';
import { illustrativeNote } from './illustrative-note.js';
import { naPolicyFits } from './na-policy-fits.js';
import { certificationValid } from './certification-valid.js';
import { levelNamesDistinct } from './level-names-distinct.js';
import { prerequisitesValid } from './prerequisites-valid.js';
import { applicabilityValid } from './applicability-valid.js';
import { partiesValid } from './parties-valid.js';
import { quotaValid } from './quota-valid.js';

export type { RubricRule, RuleContext, RuleReport } from './types.js';

export const rules: readonly RubricRule[] = [
  childrenSumToParent,
  modulesSumToTotal,
  idsUnique,
  idsNestedUnderParent,
  nodeHasScoringXorChildren,
  controlItemsWorthZero,
  ruleFitsPoints,
  labelsUnique,
  pointsWithinPrecision,
  starLevelsOrdered,
  starBandsNoOverlapNoGap,
  moduleMinimumsValid,
  vetoEffectValid,
  bonusCapSane,
  toleranceValid,
  aliasesUnique,
  suspiciousStructure,
  illustrativeNote,
  naPolicyFits,
  certificationValid,
  levelNamesDistinct,
  prerequisitesValid,
  applicabilityValid,
  partiesValid,
  quotaValid,
];
