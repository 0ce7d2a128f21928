import type { RubricRule } from './types.js';
import { cmp } from './helpers.js';
import { indexRubric } from '../model.js';

const MEASURED = new Set(['tiers', 'count', 'value']);

/**
 * Every 必备项 of a level names one test (met, minPoints, atLeast or per) on an
 * item that exists and can answer it: met on a boolean or control item, a
 * value or ratio on an item with a measured value (tiers, count, value),
 * minPoints within the item's points.
 */
export const prerequisitesValid: RubricRule = {
  name: 'prerequisitesValid',
  description: 'Level prerequisites (必备项) name exactly one test on an existing item that can answer it.',
  check(ctx) {
    const levels = ctx.data.stars.levels;
    if (!levels.some((l) => l.prerequisites?.length)) return;
    const items = indexRubric(ctx.data).itemsById;
    levels.forEach((l, i) => {
      (l.prerequisites ?? []).forEach((p, j) => {
        const at = ['stars', 'levels', i, 'prerequisites', j];
        const tests = (['met', 'minPoints', 'atLeast', 'per'] as const).filter((k) => p[k] !== undefined);
        if (tests.length !== 1) {
          ctx.report({
            path: at,
            code: 'RUBRIC_PREREQ_SHAPE',
            params: { level: l.name, prereq: p.name, tests },
            received: tests.length === 0 ? 'none' : tests.join(', '),
            expected: 'exactly one of met, minPoints, atLeast, per',
            key: true,
          });
          return;
        }
        const item = items.get(p.item);
        if (!item) {
          ctx.report({
            path: [...at, 'item'],
            code: 'RUBRIC_UNKNOWN_ITEM',
            params: { level: l.name, prereq: p.name, item: p.item },
            received: p.item,
            expected: 'the id of a scorable item',
          });
          return;
        }
        const kind = item.rule.kind;
        if (p.met && kind !== 'boolean' && kind !== 'control') {
          ctx.report({
            path: [...at, 'met'],
            code: 'RUBRIC_PREREQ_KIND',
            params: { prereq: p.name, item: p.item, kind, test: 'met' },
            received: kind,
            expected: 'boolean or control',
          });
        }
        if (p.minPoints !== undefined && cmp(p.minPoints, item.points) > 0) {
          ctx.report({
            path: [...at, 'minPoints'],
            code: 'RUBRIC_PREREQ_UNREACHABLE',
            params: { prereq: p.name, item: p.item, minPoints: p.minPoints, points: item.points },
            received: p.minPoints,
            expected: `<= ${item.points}`,
          });
        }
        if ((p.atLeast !== undefined || p.per) && !MEASURED.has(kind)) {
          ctx.report({
            path: [...at, 'item'],
            code: 'RUBRIC_PREREQ_KIND',
            params: { prereq: p.name, item: p.item, kind, test: 'value' },
            received: kind,
            expected: 'tiers, count or value',
          });
        }
        if (p.per) {
          const base = items.get(p.per.item);
          if (!base || !MEASURED.has(base.rule.kind)) {
            ctx.report({
              path: [...at, 'per', 'item'],
              ...(base
                ? { code: 'RUBRIC_PREREQ_KIND', params: { prereq: p.name, base: p.per.item, kind: base.rule.kind } }
                : { code: 'RUBRIC_UNKNOWN_ITEM', params: { prereq: p.name, base: p.per.item } }),
              received: base ? base.rule.kind : p.per.item,
              expected: base ? 'tiers, count or value' : 'the id of a scorable item',
            });
          }
        }
      });
    });
  },
};
