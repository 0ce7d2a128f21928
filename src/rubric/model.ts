/**
 * The loaded rubric as every stage after loading sees it: the validated data
 * plus where it came from, and a flat index of its nodes so readers, the
 * engine and the reports walk the tree the same way.
 */
import { createHash } from 'node:crypto';
import type { NaPolicy, RubricData, RubricNode, ScoringRule } from './schema.js';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface LoadedRubric {
  data: RubricData;
  /** Path of the YAML file as given (absent for rubrics built in memory). */
  file?: string;
  /** sha256 (hex) of the file's bytes; of the canonical JSON when built in memory. */
  sha256: string;
  index: RubricIndex;
}

/** One scorable leaf (an item of a module or of the bonus pool). */
export interface ItemInfo {
  id: string;
  name: string;
  points: number;
  rule: ScoringRule;
  na: NaPolicy;
  node: RubricNode;
  /** Names from the module down to this item, e.g. ["基础建设", "场所设施", "服务场所面积"]. */
  pathNames: string[];
  /** Id of the module (or "bonus") the item belongs to. */
  moduleId: string;
  /** True for items of the bonus pool. */
  bonus: boolean;
  /** Position in document order over all items (modules first, then bonus). */
  order: number;
}

export interface RubricIndex {
  /** Every scorable item in document order: modules first, then bonus items. */
  items: ItemInfo[];
  itemsById: Map<string, ItemInfo>;
  /** Every node (modules, indicators, items, bonus items) by id. */
  nodesById: Map<string, RubricNode>;
  /** Parent id of each node (modules have none). */
  parentOf: Map<string, string>;
}

/** Build the flat index. Assumes ids are unique (a semantic rule checks it). */
export function indexRubric(data: RubricData): RubricIndex {
  const items: ItemInfo[] = [];
  const itemsById = new Map<string, ItemInfo>();
  const nodesById = new Map<string, RubricNode>();
  const parentOf = new Map<string, string>();
  const defaultNa = data.defaults.na;

  const visit = (node: RubricNode, names: string[], moduleId: string, bonus: boolean, parent?: string) => {
    if (!nodesById.has(node.id)) nodesById.set(node.id, node);
    if (parent !== undefined) parentOf.set(node.id, parent);
    const pathNames = [...names, node.name];
    if (node.children && node.children.length > 0) {
      for (const child of node.children) visit(child, pathNames, moduleId, bonus, node.id);
      return;
    }
    if (!node.scoring) return; // a leaf without a rule; the validator reports it
    const info: ItemInfo = {
      id: node.id,
      name: node.name,
      points: node.points,
      rule: node.scoring,
      na: node.na ?? defaultNa,
      node,
      pathNames,
      moduleId,
      bonus,
      order: items.length,
    };
    items.push(info);
    if (!itemsById.has(info.id)) itemsById.set(info.id, info);
  };

  for (const module of data.modules) visit(module, [], module.id, false);
  for (const item of data.bonus?.items ?? []) visit(item, [data.bonus?.name ?? '加分项'], 'bonus', true);
  return { items, itemsById, nodesById, parentOf };
}

/** Walk every node depth-first with its path in the data (`modules[0].children[2]`). */
export function* walkNodes(data: Pick<RubricData, 'modules' | 'bonus'>): Generator<{ node: RubricNode; path: (string | number)[]; depth: number; parent?: RubricNode }> {
  function* visit(node: RubricNode, path: (string | number)[], depth: number, parent?: RubricNode): Generator<{ node: RubricNode; path: (string | number)[]; depth: number; parent?: RubricNode }> {
    yield { node, path, depth, parent };
    for (const [i, child] of (node.children ?? []).entries()) {
      yield* visit(child, [...path, 'children', i], depth + 1, node);
    }
  }
  for (const [i, module] of data.modules.entries()) yield* visit(module, ['modules', i], 0);
  for (const [i, item] of (data.bonus?.items ?? []).entries()) yield* visit(item, ['bonus', 'items', i], 0);
}

/** `modules[2].children[0].points` from ['modules', 2, 'children', 0, 'points']. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/**
 * A LoadedRubric from data already structure-checked (tests, rubrics built in
 * memory). Files go through load-rubric.ts, which also runs the semantic rules.
 */
export function rubricFromData(data: RubricData, file?: string, sha256?: string): LoadedRubric {
  return { data, file, sha256: sha256 ?? sha256Hex(canonicalJson(data)), index: indexRubric(data) };
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
