import type { DataPath } from '../diagnostics.js';
import type { RubricRule, RuleContext } from './types.js';
import { KIND_ZH, label, labelEn, leaves } from './helpers.js';
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
  const kindZh = KIND_ZH[rule.kind];
  const exceeds = (path: DataPath, value: number, what: string, whatEn: string) =>
    ctx.report({
      path,
      code: 'RUBRIC_RULE_EXCEEDS_POINTS',
      message: `${label(node)}（${kindZh}）的${what} ${value} 超过项目分值 ${p}`,
      messageEn: `${labelEn(node)} (${rule.kind}): ${whatEn} ${value} exceeds the item's points ${p}`,
      received: value,
      expected: `<= ${p}`,
    });
  const unreachable = (path: DataPath, best: number, what: string, whatEn: string) =>
    ctx.report({
      path,
      code: 'RUBRIC_RULE_UNREACHABLE',
      message: `${label(node)}（${kindZh}）最高只能得 ${best} 分（${what}），达不到项目分值 ${p}`,
      messageEn: `${labelEn(node)} (${rule.kind}) can score at most ${best} (${whatEn}), never the item's points ${p}`,
      received: best,
      expected: p,
    });
  const invalid = (path: DataPath, message: string, messageEn: string, severity: 'error' | 'warning' = 'error', code = 'RUBRIC_RULE_INVALID', received?: unknown, expected?: unknown) =>
    ctx.report({
      path,
      code,
      severity,
      message: `${label(node)}（${kindZh}）${message}`,
      messageEn: `${labelEn(node)} (${rule.kind}): ${messageEn}`,
      ...(received !== undefined ? { received } : {}),
      ...(expected !== undefined ? { expected } : {}),
    });

  kindOf(rule).checkRule({ exceeds, unreachable, invalid }, node, rule, at);
}
