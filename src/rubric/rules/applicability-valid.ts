import type { RubricRule } from './types.js';
import { nodes, ref } from './helpers.js';
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
          params: { node: ref(node) },
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
            params: { node: ref(node), rule: i + 1, given: given.length },
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
              params: { node: ref(node), condition: 'station' },
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
            params: { node: ref(node), condition: 'item' },
            received: c.is === undefined ? 'none' : 'is, atLeast',
            expected: 'exactly one of is, atLeast',
          });
          return;
        }
        const target = items.get(c.item);
        if (!target || c.item === node.id) {
          ctx.report({
            path: [...cAt, 'item'],
            ...(target ? { code: 'RUBRIC_APPLICABILITY_SELF', params: { node: ref(node) } } : { code: 'RUBRIC_UNKNOWN_ITEM', params: { node: ref(node), item: c.item } }),
            received: c.item,
            expected: target ? 'another item' : 'the id of a scorable item',
          });
          return;
        }
        if (c.atLeast !== undefined && !MEASURED.has(target.rule.kind)) {
          ctx.report({
            path: [...cAt, 'atLeast'],
            code: 'RUBRIC_APPLICABILITY_KIND',
            params: { node: ref(node), item: c.item, kind: target.rule.kind, test: 'atLeast' },
            received: target.rule.kind,
            expected: 'tiers, count or value',
          });
        }
        if (c.is) {
          const valid = answers(target);
          if (!valid) {
            ctx.report({
              path: [...cAt, 'is'],
              code: 'RUBRIC_APPLICABILITY_KIND',
              params: { node: ref(node), item: c.item, kind: target.rule.kind, test: 'is' },
              received: target.rule.kind,
              expected: 'choice, boolean, control, graded or checklist',
            });
            return;
          }
          c.is.forEach((v, k) => {
            if (valid.includes(v)) return;
            ctx.report({
              path: [...cAt, 'is', k],
              code: 'RUBRIC_APPLICABILITY_ANSWER',
              params: { node: ref(node), item: c.item, answer: v, valid },
              received: v,
              expected: valid.join(' | '),
            });
          });
        }
      });
    }
  },
};
