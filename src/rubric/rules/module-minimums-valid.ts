import Big from 'big.js';
import type { RubricRule } from './types.js';
import { didYouMean } from '../structure-diagnostics.js';
import { ref } from './helpers.js';
import type { ModuleMinimum } from '../schema.js';

/**
 * Module minimums of star levels: exactly one of percent / points, keys are
 * real module ids, points within the module's maximum, and (warning) a higher
 * level never asks less of a module than a lower one.
 */
export const moduleMinimumsValid: RubricRule = {
  name: 'moduleMinimumsValid',
  description: 'Module minimums give exactly one of percent/points, name real modules, stay within the module maximum, and do not decrease with the level.',
  check(ctx) {
    const modules = ctx.data.modules;
    const ids = modules.map((m) => m.id);
    const effective = (m: ModuleMinimum, max: number): Big | undefined =>
      m.percent !== undefined && m.points === undefined ? new Big(m.percent).times(max).div(100) : m.points !== undefined && m.percent === undefined ? new Big(m.points) : undefined;

    const shape = (m: ModuleMinimum, path: (string | number)[]) => {
      const both = m.percent !== undefined && m.points !== undefined;
      const none = m.percent === undefined && m.points === undefined;
      if (both || none) {
        ctx.report({
          path,
          code: 'RUBRIC_MODULE_MINIMUM_SHAPE',
          params: { both },
          expected: 'percent | points',
        });
      }
    };

    ctx.data.stars.levels.forEach((level, i) => {
      const at = ['stars', 'levels', i];
      if (level.moduleMinimum) {
        shape(level.moduleMinimum, [...at, 'moduleMinimum']);
        const pts = level.moduleMinimum.points;
        if (pts !== undefined) {
          for (const m of modules) {
            if (new Big(pts).gt(m.points)) {
              ctx.report({
                path: [...at, 'moduleMinimum', 'points'],
                code: 'RUBRIC_MODULE_MINIMUM_EXCEEDS',
                params: { level: level.name, points: pts, module: { id: m.id, name: m.name, points: m.points }, every: true },
                received: pts,
                expected: `<= ${m.points}`,
              });
            }
          }
        }
      }
      for (const [id, min] of Object.entries(level.moduleMinimums ?? {})) {
        const path = [...at, 'moduleMinimums', id];
        const module = modules.find((m) => m.id === id);
        if (!module) {
          const guess = id.length > 1 ? didYouMean(id, ids, 1) : undefined;
          ctx.report({
            path,
            key: true,
            code: 'RUBRIC_UNKNOWN_MODULE',
            params: { level: level.name, id, ...(guess ? { guess } : {}), ids },
            received: id,
            expected: ids,
          });
          continue;
        }
        shape(min, path);
        if (min.points !== undefined && new Big(min.points).gt(module.points)) {
          ctx.report({
            path: [...path, 'points'],
            code: 'RUBRIC_MODULE_MINIMUM_EXCEEDS',
            params: { level: level.name, points: min.points, module: { id, name: module.name, points: module.points }, every: false },
            received: min.points,
            expected: `<= ${module.points}`,
          });
        }
      }
    });

    // A higher level should not ask less of any module than a lower level.
    const levels = ctx.data.stars.levels.map((l, i) => ({ l, i })).sort((a, b) => a.l.level - b.l.level);
    for (const module of modules) {
      let prev: { value: Big; name: string } | undefined;
      for (const { l, i } of levels) {
        const m = l.moduleMinimums?.[module.id] ?? l.moduleMinimum;
        const value = m ? (effective(m, module.points) ?? new Big(0)) : new Big(0);
        if (prev && value.lt(prev.value)) {
          const hasOwn = l.moduleMinimums?.[module.id] !== undefined;
          ctx.report({
            path: hasOwn ? ['stars', 'levels', i, 'moduleMinimums', module.id] : m ? ['stars', 'levels', i, 'moduleMinimum'] : ['stars', 'levels', i],
            code: 'RUBRIC_MODULE_MINIMUM_DECREASING',
            severity: 'warning',
            params: { level: l.name, module: ref(module), value: value.toString(), lower: prev.name, lowerValue: prev.value.toString() },
            received: Number(value.toString()),
            expected: `>= ${prev.value.toString()}`,
          });
        }
        if (!prev || value.gt(prev.value)) prev = { value, name: l.name };
      }
    }
  },
};
