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
          params: { scope: t.scope, both },
          expected: 'points | percent',
        });
      }
      if (scopes.has(t.scope)) {
        ctx.report({
          path: [...at, 'scope'],
          code: 'RUBRIC_TOLERANCE_DUPLICATE_SCOPE',
          params: { scope: t.scope },
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
        params: {},
      });
    }
    const top = Math.max(...ctx.data.stars.levels.map((l) => l.level));
    if (on.maxStars !== undefined && on.maxStars >= top) {
      ctx.report({
        path: ['reconciliation', 'onInflation', 'maxStars'],
        code: 'RUBRIC_INFLATION_CAP_NO_EFFECT',
        severity: 'warning',
        params: { maxStars: on.maxStars, top },
        received: on.maxStars,
        expected: `< ${top}`,
      });
    }
  },
};
