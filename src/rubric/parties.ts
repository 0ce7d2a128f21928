/**
 * Several scoring parties (rubric `parties`): which items each party scores.
 * A listed id may name an item, an indicator or a module (all items under it);
 * no `items` means every item. Pure: reads rubric data only.
 */
import type { RubricData, RubricNode, ScoringParty } from './schema.js';

function leafIds(node: RubricNode, out: string[]): void {
  if (node.children && node.children.length > 0) for (const c of node.children) leafIds(c, out);
  else if (node.scoring !== undefined) out.push(node.id);
}

/** Every node (modules, indicators, items, bonus items) by id, first occurrence. */
function nodeIndex(data: Pick<RubricData, 'modules' | 'bonus'>): Map<string, RubricNode> {
  const map = new Map<string, RubricNode>();
  const visit = (n: RubricNode) => {
    if (!map.has(n.id)) map.set(n.id, n);
    for (const c of n.children ?? []) visit(c);
  };
  for (const m of data.modules) visit(m);
  for (const b of data.bonus?.items ?? []) visit(b);
  return map;
}

/** Item ids a party scores, in document order; `unknown` lists the ids it names that the rubric lacks. */
export function partyItems(data: Pick<RubricData, 'modules' | 'bonus'>, party: Pick<ScoringParty, 'items'>): { items: string[]; unknown: string[] } {
  const index = nodeIndex(data);
  const all: string[] = [];
  for (const m of data.modules) leafIds(m, all);
  for (const b of data.bonus?.items ?? []) leafIds(b, all);
  if (!party.items) return { items: all, unknown: [] };
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const id of party.items) {
    const node = index.get(id);
    if (!node) {
      unknown.push(id);
      continue;
    }
    const ids: string[] = [];
    leafIds(node, ids);
    for (const i of ids) chosen.add(i);
  }
  return { items: all.filter((i) => chosen.has(i)), unknown };
}
