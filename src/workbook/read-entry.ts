/**
 * One party's entry for one item from its cells: the 填报 input when there is
 * one (parsed by the item's kind), else the 得分 cell as points. Returns an
 * EntryValue or the cell's problem (code and parameters); the caller adds the
 * location.
 */
import type { ItemInfo } from '../rubric/model.js';
import type { EntryValue } from '../score/types.js';
import { isPercentFormat, type CellValue } from '../xlsx/cell-grid.js';
import { cellText, classifyCell, excelNumber, foundOf, normaliseText, parseNumberText, readQuantityCell, readScoreCell, readYesNoCell, type CellMeaning, type CellResult } from './cell-value.js';
import type { CellIssue } from '../problems/messages/reader.js';
import { kindOfItem, type InputShape } from '../kinds/index.js';
import { memoString } from '../util/memo.js';
import { must } from '../util/must.js';

export type EntryResult = { ok: true; value: EntryValue } | { ok: false; issue: CellIssue; at: 'input' | 'score' };

function err(r: { issue: CellIssue }, at: 'input' | 'score'): EntryResult {
  return { ok: false, issue: r.issue, at };
}

/** A checklist with no condition met. */
const NONE_TICKED = new Set(['无', '0', 'none', '都不满足', '均不满足', '全部不满足', '没有']);

const key: (s: string) => string = memoString((s) => normaliseText(s).toLowerCase().replace(/\s+/g, ''));

const BLANK: CellMeaning = { kind: 'blank' };

/** The parts of a checklist's 填报 ("a,b", "a、b", "a b"), normalised; shared, never modified. */
const tickParts: (text: string) => string[] = memoString((text) =>
  normaliseText(text)
    .split(/[,，、;；\s]+/)
    .filter(Boolean),
);

/** A checklist's conditions by key: for each key of an id or label, the first condition having it. */
const CONDITIONS = new WeakMap<object, Map<string, number>>();
function conditionIndex(shape: { ids: readonly string[]; labels: readonly string[] }): Map<string, number> {
  let index = CONDITIONS.get(shape);
  if (index === undefined) {
    index = new Map();
    for (let i = 0; i < shape.ids.length; i++) for (const k of [key(shape.ids[i]), key(shape.labels[i])]) if (!index.has(k)) index.set(k, i);
    CONDITIONS.set(shape, index);
  }
  return index;
}

/** The input shape of an item's kind, made once per item (a rubric's items are read in every workbook). */
const SHAPES = new WeakMap<ItemInfo, InputShape>();
function inputShape(item: ItemInfo): InputShape {
  let shape = SHAPES.get(item);
  if (shape === undefined) SHAPES.set(item, (shape = kindOfItem(item).input(item)));
  return shape;
}

/** Parse the 填报 input of an item by the input shape its kind declares. */
export function parseInput(item: ItemInfo, value: CellValue): CellResult<EntryValue> {
  return parseInputAs(item, value, classifyCell(value));
}

/** parseInput with the cell's meaning already known. */
function parseInputAs(item: ItemInfo, value: CellValue, meaning: CellMeaning): CellResult<EntryValue> {
  const allowNa = item.na !== 'forbid';
  const shape = inputShape(item);
  if (meaning.kind === 'na') return readScoreCell(value, { max: item.points, allowNa });
  switch (shape.type) {
    case 'score':
      return readScoreCell(value, { max: item.points, min: shape.min, allowNa });
    case 'yes-no':
      return readYesNoCell(value, { allowNa });
    case 'option': {
      if (meaning.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
      const text = cellText(value);
      const hit = shape.labels.find((label) => key(label) === key(text));
      if (hit !== undefined) return { ok: true, value: { kind: 'option', label: hit } };
      return { ok: false, issue: { code: 'CELL_UNKNOWN_OPTION', params: { text, options: [...shape.labels], allowNa } } };
    }
    case 'checklist': {
      if (meaning.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
      const text = cellText(value);
      // checklist-deduction: the ticks, then the assessor's deduction ("a,b 扣2", "a 扣 1.5 分").
      let deduction: number | undefined;
      let ticksText = text;
      if (shape.deduction) {
        const m = /扣(.*)$/.exec(normaliseText(text));
        if (m) {
          const n = parseNumberText(m[1]);
          if (n === undefined) {
            return { ok: false, issue: { code: 'CELL_BAD_DEDUCTION', params: { text } } };
          }
          deduction = n;
          ticksText = normaliseText(text).slice(0, m.index);
        }
      }
      const withDeduction = (v: { kind: 'checklist'; ticked: string[] }): EntryValue => (deduction !== undefined ? { ...v, deduction } : v);
      if (NONE_TICKED.has(key(ticksText)) || (deduction !== undefined && key(ticksText) === '')) return { ok: true, value: withDeduction({ kind: 'checklist', ticked: [] }) };
      const parts = tickParts(ticksText);
      const conditions = conditionIndex(shape);
      const ticked: string[] = [];
      for (const part of parts) {
        const idx = conditions.get(key(part)) ?? -1;
        if (idx < 0) {
          return { ok: false, issue: { code: 'CELL_UNKNOWN_CONDITION', params: { text, part, ids: [...shape.ids] } } };
        }
        const id = shape.ids[idx];
        if (!ticked.includes(id)) ticked.push(id);
      }
      return { ok: true, value: withDeduction({ kind: 'checklist', ticked }) };
    }
    case 'measure': {
      const q = readQuantityCell(value, { integer: false, allowNa, unit: shape.unit });
      if (!q.ok) return q;
      return { ok: true, value: q.value.kind === 'number' ? { kind: 'measure', value: q.value.value } : q.value };
    }
    case 'count': {
      const q = readQuantityCell(value, { integer: true, allowNa, unit: shape.unit });
      if (!q.ok) return q;
      return { ok: true, value: q.value.kind === 'number' ? { kind: 'count', count: q.value.value } : q.value };
    }
    case 'grade': {
      if (meaning.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
      const text = cellText(value);
      const hit = shape.grades.find((g) => key(g) === key(text));
      if (hit !== undefined) return { ok: true, value: { kind: 'grade', grade: hit } };
      return { ok: false, issue: { code: 'CELL_UNKNOWN_GRADE', params: { text, grades: [...shape.grades] } } };
    }
  }
}

/** Is the item's 填报 a percentage (a measured value in %)? */
export function isPercentItem(item: ItemInfo): boolean {
  let percent = PERCENT_ITEMS.get(item);
  if (percent === undefined) {
    const shape = inputShape(item);
    percent = shape.type === 'measure' && (shape.unit ?? '').normalize('NFKC').trim() === '%';
    PERCENT_ITEMS.set(item, percent);
  }
  return percent;
}

const PERCENT_ITEMS = new WeakMap<ItemInfo, boolean>();

/**
 * A percent item's 填报 as the person typed it. Spreadsheets store 96% as
 * 0.96 in a cell formatted as a percentage: read it as 96. A bare number of at
 * most 1 in a cell not so formatted is refused ("0.96：是 96% 吗？"): 0.96 %
 * would score silently wrong. Other cells and items come back unchanged.
 */
export function percentInput(item: ItemInfo, value: CellValue | undefined, format: string | undefined): { ok: true; value: CellValue | undefined } | { ok: false; issue: CellIssue } {
  if (value === undefined || value === null || !isPercentItem(item)) return { ok: true, value };
  const m = classifyCell(value);
  if (m.kind !== 'number') return { ok: true, value };
  const typedAsText = typeof value === 'string' || (typeof value === 'object' && 'richText' in value);
  if (!typedAsText && isPercentFormat(format)) return { ok: true, value: excelNumber(Number((m.value * 100).toPrecision(15))) };
  // "96%" typed as text already reads as 96; a bare 0.96 (text or number) is ambiguous.
  const text = cellText(value).normalize('NFKC').trim();
  if (m.value > 0 && m.value <= 1 && !/%$/.test(text)) {
    const pct = excelNumber(Number((m.value * 100).toPrecision(15)));
    return { ok: false, issue: { code: 'CELL_PERCENT_FRACTION', params: { text, percent: pct } } };
  }
  return { ok: true, value };
}

/**
 * The entry of one party for one item. `input` is the 填报 cell (undefined when
 * the sheet has no such column), `score` the 得分 cell; `inputFormat` the 填报
 * cell's number format (a percentage stored as 0.96 reads as 96).
 */
export function readEntry(item: ItemInfo, input: CellValue | undefined, score: CellValue | undefined, inputFormat?: string): EntryResult {
  const pct = percentInput(item, input, inputFormat);
  if (!pct.ok) return err(pct, 'input');
  input = pct.value;
  const hasInputColumn = input !== undefined;
  const inputMeaning = hasInputColumn ? classifyCell(input ?? null) : BLANK;
  const allowNa = item.na !== 'forbid';
  const kind = kindOfItem(item);
  const shape = inputShape(item);
  const min = shape.type === 'score' ? shape.min : 0;

  if (inputMeaning.kind !== 'blank') {
    const parsed = parseInputAs(item, must(input), inputMeaning);
    if (!parsed.ok) return err(parsed, 'input');
    if (parsed.value.kind === 'grade') {
      // Graded: the points within the band are typed in 得分.
      const pts = readScoreCell(score ?? null, { max: item.points, allowNa: false });
      if (!pts.ok) return err(pts, 'score');
      if (pts.value.kind === 'points') return { ok: true, value: { ...parsed.value, points: pts.value.points } };
    }
    return { ok: true, value: parsed.value };
  }
  const s = score ?? null;
  const sm = classifyCell(s);
  // A template's formula 得分 cell with an empty 填报 is blank, whatever it caches.
  if (hasInputColumn && s !== null && typeof s === 'object' && 'formula' in s && kind.scoreCell !== 'typed') return { ok: true, value: { kind: 'blank' } };
  if (shape.type === 'yes-no' && (sm.kind === 'text' || sm.kind === 'bool')) {
    const yn = readYesNoCell(s, { allowNa });
    if (!yn.ok) return err(yn, 'score');
    return { ok: true, value: yn.value };
  }
  if (kind.scoreCell === 'none') {
    if (sm.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
    if (sm.kind === 'na' && allowNa) return { ok: true, value: { kind: 'na' } };
    return {
      ok: false,
      at: 'score',
      issue: { code: 'CELL_NOT_YES_NO', params: { found: foundOf(s), expected: { type: 'yes-no', allowNa }, control: { text: cellText(s) } } },
    };
  }
  const pts = readScoreCell(s, { max: item.points, min, allowNa });
  if (!pts.ok) return err(pts, 'score');
  return { ok: true, value: pts.value };
}
