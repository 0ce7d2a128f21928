import type { RubricRule } from './types.js';

/** Reconciliation tolerances give exactly one of points / percent, one per scope; inflation effects need a tolerance. */
export const toleranceValid: RubricRule = {
  name: 'toleranceValid',
  description: 'Each tolerance gives exactly one of points/percent, at most one per scope; inflation effects need a tolerance.',
  check(ctx) {
    const rec = ctx.data.reconciliation;
    const scopes = new Set<string>();
    rec.tolerance.forEach((t, i) => {
      const at = ['reconciliation', 'tolerance', i];
      const both = t.points !== undefined && t.percent !== undefined;
      const none = t.points === undefined && t.percent === undefined;
      if (both || none) {
        ctx.report({
          path: at,
          code: 'RUBRIC_TOLERANCE_SHAPE',
          message: both ? `容差（${t.scope}）只能给 points 或 percent 之一，不能同时给` : `容差（${t.scope}）需要给 points（分）或 percent（百分比）之一`,
          messageEn: both ? `Tolerance (${t.scope}) gives points or percent, not both` : `Tolerance (${t.scope}) needs points or percent`,
          expected: 'points | percent',
        });
      }
      if (scopes.has(t.scope)) {
        ctx.report({
          path: [...at, 'scope'],
          code: 'RUBRIC_TOLERANCE_DUPLICATE_SCOPE',
          message: `容差范围 scope: ${t.scope} 出现了两次`,
          messageEn: `Tolerance scope ${t.scope} is given twice`,
          received: t.scope,
        });
      }
      scopes.add(t.scope);
    });
    const on = rec.onInflation;
    if (rec.tolerance.length === 0 && (on.deductFactor !== undefined || on.maxStars !== undefined)) {
      ctx.report({
        path: ['reconciliation', 'onInflation'],
        code: 'RUBRIC_INFLATION_WITHOUT_TOLERANCE',
        severity: 'warning',
        message: '设置了虚高处理（deductFactor / maxStars），但没有容差 tolerance，永远不会触发',
        messageEn: 'Inflation effects (deductFactor / maxStars) are set but there is no tolerance, so they never apply',
      });
    }
    const top = Math.max(...ctx.data.stars.levels.map((l) => l.level));
    if (on.maxStars !== undefined && on.maxStars >= top) {
      ctx.report({
        path: ['reconciliation', 'onInflation', 'maxStars'],
        code: 'RUBRIC_INFLATION_CAP_NO_EFFECT',
        severity: 'warning',
        message: `自评虚高时最高 ${on.maxStars} 星，但细则最高星级就是 ${top}，限制不起作用`,
        messageEn: `Inflation caps at ${on.maxStars} stars but the highest level is ${top}; the cap changes nothing`,
        received: on.maxStars,
        expected: `< ${top}`,
      });
    }
  },
};
