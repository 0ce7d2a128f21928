/**
 * Several scoring parties (rubric `parties`): the entries of each party merged
 * into one set — for each item, the entry of the highest-authority party
 * assigned to it that did not leave it blank (authority = order in the list,
 * the later wins). Entries a party gave for items it does not score, parties
 * the rubric does not name, and self-assessment entries beside the parties are
 * refused, each at its place. Pure.
 */
import type { LoadedRubric } from '../rubric/model.js';
import { partyItems } from '../rubric/parties.js';
import type { Entry, PartyEntries, StationInput } from './types.js';
import { entryProblem, type EntryProblem } from './entry-error.js';

export interface MergedParties {
  /** The merged entries, used as the self-assessment. */
  entries: PartyEntries;
  /** Item id → the party whose entry was taken. */
  partyOf: Map<string, string>;
  /** Party id → the items it scores, in document order. */
  itemsOf: Map<string, string[]>;
  problems: EntryProblem[];
}

const isBlank = (e: Entry | undefined): boolean => !e || !e.value || e.value.kind === 'blank';

export function mergeParties(rubric: LoadedRubric, input: StationInput): MergedParties {
  const declared = rubric.data.parties ?? [];
  const problems: EntryProblem[] = [];
  const itemsOf = new Map(declared.map((p) => [p.id, partyItems(rubric.data, p).items]));
  const given = input.parties ?? {};
  for (const id of Object.keys(given).sort()) {
    if (!itemsOf.has(id)) problems.push(entryProblem('ENTRY_UNKNOWN_PARTY', { itemId: id, party: 'self', parties: declared.map((p) => p.id) }, given[id].source, `parties.${id}`));
  }
  for (const [id, e] of Object.entries(input.self.items)) {
    if (!isBlank(e)) problems.push(entryProblem('ENTRY_SELF_WITH_PARTIES', { itemId: id, party: 'self' }, e.source, `self.items[${JSON.stringify(id)}]`));
  }
  const items: Record<string, Entry> = {};
  const partyOf = new Map<string, string>();
  const vetoes: Record<string, boolean> = {};
  for (const party of declared) {
    const entries = Object.hasOwn(given, party.id) ? given[party.id] : undefined;
    if (!entries) continue;
    const mine = new Set(itemsOf.get(party.id));
    for (const [itemId, entry] of Object.entries(entries.items)) {
      if (isBlank(entry)) continue;
      if (!mine.has(itemId)) {
        if (rubric.index.itemsById.has(itemId))
          problems.push(entryProblem('ENTRY_NOT_PARTY_ITEM', { itemId, party: 'self', partyName: party.name }, entry.source, `parties.${party.id}.items[${JSON.stringify(itemId)}]`));
        else items[itemId] = entry; // unknown item: refused by the engine as ENTRY_UNKNOWN_ITEM
        continue;
      }
      items[itemId] = entry; // later parties overwrite: the highest authority wins
      partyOf.set(itemId, party.id);
    }
    for (const [v, on] of Object.entries(entries.vetoes ?? {})) if (on) vetoes[v] = true;
    for (const [v, on] of Object.entries(entries.vetoes ?? {})) if (!on && !(v in vetoes)) vetoes[v] = false;
  }
  const entries: PartyEntries = { items, source: input.self.source };
  if (Object.keys(vetoes).length > 0 || input.self.vetoes) entries.vetoes = { ...(input.self.vetoes ?? {}), ...vetoes };
  return { entries, partyOf, itemsOf, problems };
}
