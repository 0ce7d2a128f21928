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
            message: `${l.name}的必备项「${p.name}」应只写 met、minPoints、atLeast、per 中的一个，实际 ${tests.length === 0 ? '一个也没有' : tests.join('、')}`,
            messageEn: `prerequisite "${p.name}" of ${l.name} needs exactly one of met, minPoints, atLeast, per; found ${tests.length === 0 ? 'none' : tests.join(', ')}`,
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
            message: `${l.name}的必备项「${p.name}」引用的项目 ${p.item} 不存在`,
            messageEn: `prerequisite "${p.name}" of ${l.name} refers to item ${p.item}, which does not exist`,
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
            message: `必备项「${p.name}」要求项目 ${p.item} 达标，但它是 ${kind} 类项目，没有“是/否”`,
            messageEn: `prerequisite "${p.name}" needs item ${p.item} met, but it is a ${kind} item with no yes/no`,
            received: kind,
            expected: 'boolean or control',
          });
        }
        if (p.minPoints !== undefined && cmp(p.minPoints, item.points) > 0) {
          ctx.report({
            path: [...at, 'minPoints'],
            code: 'RUBRIC_PREREQ_UNREACHABLE',
            message: `必备项「${p.name}」要求项目 ${p.item} 至少 ${p.minPoints} 分，但该项满分 ${item.points}`,
            messageEn: `prerequisite "${p.name}" needs ${p.minPoints} points on item ${p.item}, worth ${item.points}`,
            received: p.minPoints,
            expected: `<= ${item.points}`,
          });
        }
        if ((p.atLeast !== undefined || p.per) && !MEASURED.has(kind)) {
          ctx.report({
            path: [...at, 'item'],
            code: 'RUBRIC_PREREQ_KIND',
            message: `必备项「${p.name}」比较项目 ${p.item} 的数值，但它是 ${kind} 类项目，没有填报数值`,
            messageEn: `prerequisite "${p.name}" compares the value of item ${p.item}, a ${kind} item with no measured value`,
            received: kind,
            expected: 'tiers, count or value',
          });
        }
        if (p.per) {
          const base = items.get(p.per.item);
          if (!base || !MEASURED.has(base.rule.kind)) {
            ctx.report({
              path: [...at, 'per', 'item'],
              code: base ? 'RUBRIC_PREREQ_KIND' : 'RUBRIC_UNKNOWN_ITEM',
              message: base ? `必备项「${p.name}」的基数项目 ${p.per.item} 是 ${base.rule.kind} 类项目，没有填报数值` : `必备项「${p.name}」的基数项目 ${p.per.item} 不存在`,
              messageEn: base ? `the base item ${p.per.item} of "${p.name}" is a ${base.rule.kind} item with no measured value` : `the base item ${p.per.item} of "${p.name}" does not exist`,
              received: base ? base.rule.kind : p.per.item,
              expected: base ? 'tiers, count or value' : 'the id of a scorable item',
            });
          }
        }
      });
    });
  },
};
