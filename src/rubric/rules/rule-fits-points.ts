import type { Coded, DataPath } from '../diagnostics.js';
import type { RuleSubject } from '../../problems/messages/rubric.js';
import type { RuleChecker } from '../../kinds/types.js';
import type { RubricRule, RuleContext } from './types.js';
import { KIND_ZH, leaves, ref } from './helpers.js';
import { kindOf } from '../../kinds/index.js';
import type { RubricNode, ScoringRule } from '../schema.js';

/**
 * A scoring rule stays within its item's points AND can reach them: the best
 * option, the checklist sum, the top tier, the count cap, the top grade all
 * equal the item's points.
 */
export const ruleFitsPoints: RubricRule = {
  name: 'ruleFitsPoints',
  description: 'Options, tiers, checklist, count, deduction, graded and range rules stay within the item points and can reach them.',
  check(ctx) {
    for (const { node, path } of leaves(ctx.data)) checkItem(ctx, node, node.scoring, [...path, 'scoring']);
  },
};

function checkItem(ctx: RuleContext, node: RubricNode, rule: ScoringRule, at: DataPath) {
  const p = node.points;
  const subject: RuleSubject = { node: ref(node), kind: rule.kind, kindZh: KIND_ZH[rule.kind] };
  const checker: RuleChecker = {
    exceeds: (path, value, part) => ctx.report({ path, code: 'RUBRIC_RULE_EXCEEDS_POINTS', params: { ...subject, part, value, points: p }, received: value, expected: `<= ${p}` }),
    unreachable: (path, best, part) => ctx.report({ path, code: 'RUBRIC_RULE_UNREACHABLE', params: { ...subject, part, best, points: p }, received: best, expected: p }),
    invalid: (path, code, details, options = {}) =>
      ctx.report({
        path,
        ...({ code, params: { ...subject, ...details } } as Coded),
        severity: options.severity ?? 'error',
        ...(options.received !== undefined ? { received: options.received } : {}),
        ...(options.expected !== undefined ? { expected: options.expected } : {}),
      }),
  };
  kindOf(rule).checkRule(checker, node, rule, at);
}
