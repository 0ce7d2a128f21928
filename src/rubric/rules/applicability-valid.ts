import type { RubricRule } from './types.js';
import { label, labelEn, nodes } from './helpers.js';
import { indexRubric } from '../model.js';
import { conditionId } from '../../kinds/index.js';
import type { ItemInfo } from '../model.js';

const MEASURED = new Set(['tiers', 'count', 'value']);

/** The answers an item can give a condition's `is`, or undefined when it gives none (measured kinds). */
function answers(item: ItemInfo): string[] | undefined {
  const r = item.rule;
  switch (r.kind) {
    case 'choice':
      return [...r.options.map((o) => o.label), '不适用'];
    case 'boolean':
    case 'control':
      return ['是', '否', '不适用'];
    case 'graded':
      return [...r.grades.map((g) => g.grade), '不适用'];
    case 'checklist':
      return [...r.conditions.map((c, i) => conditionId(c, i)), '不适用'];
    default:
      return undefined;
  }
}

/**
 * Applicability rules (when / unless) sit on scorable items, name exactly one
 * condition each, refer to another item that exists and can give the answer
 * they test (an option label, 是/否, a grade, a condition id; a value for
 * atLeast), or to a station field.
 */
export const applicabilityValid: RubricRule = {
  name: 'applicabilityValid',
  description: 'Applicability rules (when / unless) name one condition on another existing item or a station field, with answers that item can give.',
  check(ctx) {
    const items = indexRubric(ctx.data).itemsById;
    for (const { node, path } of nodes(ctx.data)) {
      if (!node.applicability) continue;
      if (node.children && node.children.length > 0) {
        ctx.report({
          path: [...path, 'applicability'],
          code: 'RUBRIC_APPLICABILITY_ON_GROUP',
          message: `${label(node)}有下级，适用条件只能写在评分项目上`,
          messageEn: `${labelEn(node)} has children; applicability belongs on scorable items`,
          received: 'a node with children',
          expected: 'a scorable item',
          key: true,
        });
        continue;
      }
      node.applicability.forEach((rule, i) => {
        const at = [...path, 'applicability', i];
        const given = (['when', 'unless'] as const).filter((k) => rule[k] !== undefined);
        if (given.length !== 1) {
          ctx.report({
            path: at,
            code: 'RUBRIC_APPLICABILITY_SHAPE',
            message: `${label(node)}的第 ${i + 1} 条适用规则应只写 when 或 unless 之一，实际 ${given.length === 0 ? '都没有' : '两个都写了'}`,
            messageEn: `${labelEn(node)}: applicability rule ${i + 1} needs exactly one of when, unless`,
            received: given.length === 0 ? 'none' : given.join(', '),
            expected: 'exactly one of when, unless',
          });
          return;
        }
        const key = given[0];
        const c = key === 'when' ? rule.when : rule.unless;
        if (!c) return;
        const cAt = [...at, key];
        if ('station' in c) {
          if ((c.is === undefined) === (c.endsWith === undefined)) {
            ctx.report({
              path: cAt,
              code: 'RUBRIC_APPLICABILITY_SHAPE',
              message: `${label(node)}的站点条件应只写 is 或 endsWith 之一`,
              messageEn: `${labelEn(node)}: a station condition needs exactly one of is, endsWith`,
              received: c.is === undefined ? 'none' : 'is, endsWith',
              expected: 'exactly one of is, endsWith',
            });
          }
          return;
        }
        if ((c.is === undefined) === (c.atLeast === undefined)) {
          ctx.report({
            path: cAt,
            code: 'RUBRIC_APPLICABILITY_SHAPE',
            message: `${label(node)}的条件应只写 is 或 atLeast 之一`,
            messageEn: `${labelEn(node)}: an item condition needs exactly one of is, atLeast`,
            received: c.is === undefined ? 'none' : 'is, atLeast',
            expected: 'exactly one of is, atLeast',
          });
          return;
        }
        const ref = items.get(c.item);
        if (!ref || c.item === node.id) {
          ctx.report({
            path: [...cAt, 'item'],
            code: ref ? 'RUBRIC_APPLICABILITY_SELF' : 'RUBRIC_UNKNOWN_ITEM',
            message: ref ? `${label(node)}的适用条件不能引用它自己` : `${label(node)}的适用条件引用的项目 ${c.item} 不存在`,
            messageEn: ref ? `${labelEn(node)}: applicability cannot refer to the item itself` : `${labelEn(node)}: applicability refers to item ${c.item}, which does not exist`,
            received: c.item,
            expected: ref ? 'another item' : 'the id of a scorable item',
          });
          return;
        }
        if (c.atLeast !== undefined && !MEASURED.has(ref.rule.kind)) {
          ctx.report({
            path: [...cAt, 'atLeast'],
            code: 'RUBRIC_APPLICABILITY_KIND',
            message: `${label(node)}的条件比较项目 ${c.item} 的数值，但它是 ${ref.rule.kind} 类项目，没有填报数值`,
            messageEn: `${labelEn(node)}: the condition compares the value of item ${c.item}, a ${ref.rule.kind} item with no measured value`,
            received: ref.rule.kind,
            expected: 'tiers, count or value',
          });
        }
        if (c.is) {
          const valid = answers(ref);
          if (!valid) {
            ctx.report({
              path: [...cAt, 'is'],
              code: 'RUBRIC_APPLICABILITY_KIND',
              message: `${label(node)}的条件用 is 比较项目 ${c.item}，但它是 ${ref.rule.kind} 类项目，只能用 atLeast`,
              messageEn: `${labelEn(node)}: item ${c.item} is a ${ref.rule.kind} item; compare it with atLeast, not is`,
              received: ref.rule.kind,
              expected: 'choice, boolean, control, graded or checklist',
            });
            return;
          }
          c.is.forEach((v, k) => {
            if (valid.includes(v)) return;
            ctx.report({
              path: [...cAt, 'is', k],
              code: 'RUBRIC_APPLICABILITY_ANSWER',
              message: `${label(node)}的条件：项目 ${c.item} 没有答案“${v}”（可为 ${valid.join('、')}）`,
              messageEn: `${labelEn(node)}: item ${c.item} has no answer "${v}" (expected one of ${valid.join(', ')})`,
              received: v,
              expected: valid.join(' | '),
            });
          });
        }
      });
    }
  },
};
