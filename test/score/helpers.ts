/** Small literal rubrics and inputs for the engine tests. */
import { Rubric } from '../../src/rubric/schema.js';
import { rubricFromData, type LoadedRubric } from '../../src/rubric/model.js';
import type { Entry, EntryValue, PartyEntries, StationInput } from '../../src/score/types.js';

/** Build a LoadedRubric from a partial literal (id, title, version, stars filled in when absent). */
export function rubric(data: Record<string, unknown>): LoadedRubric {
  return rubricFromData(
    Rubric.parse({
      id: 'test',
      title: '测试细则',
      version: '1',
      stars: { levels: [{ level: 1, name: '一星级', minTotal: 0 }] },
      ...data,
    }),
  );
}

export const pts = (points: number): EntryValue => ({ kind: 'points', points });
export const met = (m: boolean): EntryValue => ({ kind: 'met', met: m });
export const na: EntryValue = { kind: 'na' };
export const blank: EntryValue = { kind: 'blank' };

/** Party entries from id → value (or full Entry). */
export function party(items: Record<string, EntryValue | Entry>, vetoes?: Record<string, boolean>): PartyEntries {
  const out: Record<string, Entry> = {};
  for (const [id, v] of Object.entries(items)) out[id] = 'value' in v ? v : { value: v };
  return { items: out, ...(vetoes ? { vetoes } : {}) };
}

export function station(self: PartyEntries, spot?: PartyEntries): StationInput {
  return { station: { name: '测试站' }, self, ...(spot ? { spot } : {}) };
}

/** A flat rubric: one module per entry of `modules`, each a list of range items. */
export function flatRubric(modules: { id: string; name?: string; items: { id: string; points: number; na?: 'forbid' | 'full' | 'rescale' }[] }[], extra: Record<string, unknown> = {}): LoadedRubric {
  const mods = modules.map((m) => ({
    id: m.id,
    name: m.name ?? `模块${m.id}`,
    points: m.items.reduce((s, i) => s + i.points, 0),
    children: m.items.map((i) => ({
      id: i.id,
      name: `项目${i.id}`,
      points: i.points,
      scoring: { kind: 'range' },
      ...(i.na ? { na: i.na } : {}),
    })),
  }));
  // Sum totals exactly enough for literal test data (integers and one decimal).
  const total = Math.round(mods.reduce((s, m) => s + m.points, 0) * 10000) / 10000;
  return rubric({ total, modules: mods, ...extra });
}
