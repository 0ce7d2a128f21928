import type { DataPath } from '../diagnostics.js';
import type { RubricRule } from './types.js';
import { nodes, ref } from './helpers.js';

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
            params: { node: ref(node), alias: key, first: ref(first) },
            received: key,
          });
        } else if (first) {
          ctx.report({
            path: [...path, 'aliases', i],
            code: 'RUBRIC_DUPLICATE_ALIAS',
            severity: 'warning',
            params: { node: ref(node), alias: key },
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
            params: { node: ref(node), alias, other: ref(other.node) },
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
            params: { header: key, column, first },
            received: key,
          });
        } else if (first !== undefined) {
          ctx.report({
            path,
            code: 'RUBRIC_DUPLICATE_COLUMN_ALIAS',
            severity: 'warning',
            params: { header: key, column },
            received: key,
          });
        } else headerOwner.set(key, column);
        if (key === '') {
          ctx.report({ path, code: 'RUBRIC_EMPTY_COLUMN_ALIAS', params: {} });
        }
      });
    }
  },
};
