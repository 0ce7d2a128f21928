/**
 * Matching a score-sheet row to a rubric item by its name, for tables that
 * number their rows their own way (1, 2, 3 … down the sheet, 1.1 … 1.15 in
 * each module) or carry no ids at all.
 *
 * A name is compared by its key: NFKC (full-width → half-width), no spaces or
 * line breaks, a leading number ("1.", "（一）", "1.1.2", "一、") and a trailing
 * 分值 or cap ("（20分）", "20 分", "（上限 5 分）", "（最高10分）") removed, brackets and punctuation dropped (their
 * content kept), lower case. "服务场所面积（20分）", "服务场所\n面积" and
 * "1.1 服务场所面积" all have the key "服务场所面积".
 *
 * A key shared by several items is ambiguous: the module block the row sits in
 * (a row naming a module above it, or a merged 一级指标 cell) narrows it; a key
 * still shared is reported, never guessed.
 */
import type { ItemInfo, LoadedRubric } from '../rubric/model.js';
import { memoString } from '../util/memo.js';

const LEADING_NUMBER = /^(?:[(（]?[一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|[(（]\d+[)）]|\d+(?:[.．]\d+)*[.、．)）]?|[a-z][.、)）])\s*/i;
const TRAILING_POINTS = /[(（]\s*(?:满分|分值|共|计|上限|最高|最多|不超过|限)?\s*[:：]?\s*\d+(?:\.\d+)?\s*分\s*[)）]$|\s\d+(?:\.\d+)?\s*分$/;

/** The key a name is compared by. */
export const itemNameKey: (text: string) => string = memoString((text) => {
  let s = text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
  // A path as the template writes it (基础建设 › 场所设施 › 服务场所面积): its last part.
  if (/[›>]/.test(s)) s = s.split(/\s*[›>]\s*/).pop() ?? '';
  s = s.replace(LEADING_NUMBER, '').replace(TRAILING_POINTS, '');
  return s.replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
});

export interface NameIndex {
  /** Key → the items it names, and whether by name or by alias. */
  items: Map<string, { item: ItemInfo; how: 'name' | 'alias' }[]>;
  /** Key → module id, for module names. */
  modules: Map<string, string>;
  /** Keys of indicator (non-item) names: heading rows. */
  indicators: Set<string>;
  /** Key → veto id. */
  vetoes: Map<string, string>;
}

const CACHE = new WeakMap<LoadedRubric, NameIndex>();

export function nameIndex(rubric: LoadedRubric): NameIndex {
  const cached = CACHE.get(rubric);
  if (cached) return cached;
  const index: NameIndex = { items: new Map(), modules: new Map(), indicators: new Set(), vetoes: new Map() };
  const add = (name: string, item: ItemInfo, how: 'name' | 'alias') => {
    const k = itemNameKey(name);
    if (!k) return;
    const list = index.items.get(k) ?? [];
    if (!list.some((e) => e.item === item)) list.push({ item, how });
    index.items.set(k, list);
  };
  for (const item of rubric.index.items) {
    add(item.name, item, 'name');
    for (const alias of item.node.aliases ?? []) add(alias, item, 'alias');
  }
  for (const m of rubric.data.modules) index.modules.set(itemNameKey(m.name), m.id);
  if (rubric.data.bonus) index.modules.set(itemNameKey(rubric.data.bonus.name), 'bonus');
  for (const [id, node] of rubric.index.nodesById) if (!rubric.index.itemsById.has(id)) index.indicators.add(itemNameKey(node.name));
  for (const v of rubric.data.vetoes) index.vetoes.set(itemNameKey(v.name), v.id);
  CACHE.set(rubric, index);
  return index;
}

export type NameMatch = { kind: 'item'; item: ItemInfo; how: 'name' | 'alias' } | { kind: 'ambiguous'; items: ItemInfo[] } | { kind: 'none' };

/** The item a name denotes, narrowed to `moduleId` when it names several. */
export function matchItemName(index: NameIndex, text: string, moduleId: string | undefined): NameMatch {
  const key = itemNameKey(text);
  const all = key ? index.items.get(key) : undefined;
  if (!all || all.length === 0) return { kind: 'none' };
  if (all.length === 1) return { kind: 'item', ...all[0] };
  const inModule = moduleId === undefined ? [] : all.filter((e) => e.item.moduleId === moduleId);
  if (inModule.length === 1) return { kind: 'item', ...inModule[0] };
  return { kind: 'ambiguous', items: (inModule.length > 1 ? inModule : all).map((e) => e.item) };
}
