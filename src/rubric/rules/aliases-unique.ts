import type { DataPath } from '../diagnostics.js';
import type { RubricRule } from './types.js';
import { label, labelEn, nodes } from './helpers.js';

/**
 * Names used to find things in workbooks must be unambiguous: an item alias
 * names one item; a column header name belongs to one column.
 */
export const aliasesUnique: RubricRule = {
  name: 'aliasesUnique',
  description: 'Item aliases and column header names are unique.',
  check(ctx) {
    const all = nodes(ctx.data);
    const owner = new Map<string, { id: string; name: string }>();
    for (const { node, path } of all) {
      (node.aliases ?? []).forEach((alias, i) => {
        const key = alias.trim();
        const first = owner.get(key);
        if (first && first.id !== node.id) {
          ctx.report({
            path: [...path, 'aliases', i],
            code: 'RUBRIC_DUPLICATE_ALIAS',
            message: `别名「${key}」同时属于 ${label(first)} 和 ${label(node)}，读取工作簿时无法区分`,
            messageEn: `The alias "${key}" belongs to both ${labelEn(first)} and ${labelEn(node)}; workbooks would be ambiguous`,
            received: key,
          });
        } else if (first) {
          ctx.report({
            path: [...path, 'aliases', i],
            code: 'RUBRIC_DUPLICATE_ALIAS',
            severity: 'warning',
            message: `${label(node)}的别名「${key}」写了两次`,
            messageEn: `${labelEn(node)} lists the alias "${key}" twice`,
            received: key,
          });
        } else owner.set(key, node);
      });
    }
    for (const { node, path } of all) {
      (node.aliases ?? []).forEach((alias, i) => {
        const other = all.find((n) => n.node.name === alias.trim() && n.node.id !== node.id);
        if (other) {
          ctx.report({
            path: [...path, 'aliases', i],
            code: 'RUBRIC_ALIAS_IS_OTHER_NAME',
            severity: 'warning',
            message: `${label(node)}的别名「${alias}」正是 ${label(other.node)}的名称`,
            messageEn: `${labelEn(node)}'s alias "${alias}" is the name of ${labelEn(other.node)}`,
            received: alias,
          });
        }
      });
    }

    const columns = ctx.data.columns ?? {};
    const headerOwner = new Map<string, string>();
    for (const [column, names] of Object.entries(columns)) {
      names.forEach((name, i) => {
        const key = name.trim();
        const path: DataPath = ['columns', column, i];
        const first = headerOwner.get(key);
        if (first !== undefined && first !== column) {
          ctx.report({
            path,
            code: 'RUBRIC_DUPLICATE_COLUMN_ALIAS',
            message: `列名「${key}」同时列在 columns.${first} 和 columns.${column} 下，读取工作簿时无法区分`,
            messageEn: `The header "${key}" is listed under both columns.${first} and columns.${column}; workbooks would be ambiguous`,
            received: key,
          });
        } else if (first !== undefined) {
          ctx.report({
            path,
            code: 'RUBRIC_DUPLICATE_COLUMN_ALIAS',
            severity: 'warning',
            message: `列名「${key}」在 columns.${column} 下写了两次`,
            messageEn: `The header "${key}" is listed twice under columns.${column}`,
            received: key,
          });
        } else headerOwner.set(key, column);
        if (key === '') {
          ctx.report({ path, code: 'RUBRIC_EMPTY_COLUMN_ALIAS', message: '列名不能为空', messageEn: 'A header name must not be empty' });
        }
      });
    }
  },
};
