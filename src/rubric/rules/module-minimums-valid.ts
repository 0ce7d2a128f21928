import Big from 'big.js';
import type { RubricRule } from './types.js';
import { didYouMean } from '../structure-diagnostics.js';
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
          message: both ? '模块最低分只能给 percent 或 points 之一，不能同时给' : '模块最低分需要给 percent（百分比）或 points（分数）之一',
          messageEn: both ? 'A module minimum gives percent or points, not both' : 'A module minimum needs percent or points',
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
                message: `${level.name} 要求每个模块至少 ${pts} 分，但模块 ${m.id}「${m.name}」满分只有 ${m.points}`,
                messageEn: `${level.name} asks at least ${pts} of every module, but module ${m.id} "${m.name}" has only ${m.points}`,
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
            message: `${level.name} 的 moduleMinimums 引用了不存在的模块 "${id}"${guess ? `，是不是 "${guess}"？` : ''}（模块编号：${ids.join(', ')}）`,
            messageEn: `${level.name}: moduleMinimums names no module "${id}"${guess ? `; did you mean "${guess}"?` : ''} (module ids: ${ids.join(', ')})`,
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
            message: `${level.name} 要求模块 ${id}「${module.name}」至少 ${min.points} 分，超过该模块满分 ${module.points}`,
            messageEn: `${level.name} asks at least ${min.points} of module ${id} "${module.name}", more than its maximum ${module.points}`,
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
            message: `${l.name} 对模块 ${module.id}「${module.name}」的最低要求 ${value.toString()} 分低于较低星级 ${prev.name} 的 ${prev.value.toString()} 分`,
            messageEn: `${l.name} asks ${value.toString()} of module ${module.id} "${module.name}", less than the lower level ${prev.name} (${prev.value.toString()})`,
            received: Number(value.toString()),
            expected: `>= ${prev.value.toString()}`,
          });
        }
        if (!prev || value.gt(prev.value)) prev = { value, name: l.name };
      }
    }
  },
};
