/**
 * One party's entry for one item from its cells: the 填报 input when there is
 * one (parsed by the item's kind), else the 得分 cell as points. Returns an
 * EntryValue or a message; the caller adds the location.
 */
import type { ItemInfo } from '../rubric/model.js';
import type { EntryValue } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { isPercentFormat, type CellValue } from '../xlsx/cell-grid.js';
import { cellText, classifyCell, excelNumber, normaliseText, parseNumberText, readQuantityCell, readScoreCell, readYesNoCell, type CellResult } from './cell-value.js';
import { kindOfItem } from '../kinds/index.js';
import { must } from '../util/must.js';

export type EntryResult = { ok: true; value: EntryValue } | { ok: false; message: string; code: string; at: 'input' | 'score' };

function err(r: { message: string; code: string }, at: 'input' | 'score'): EntryResult {
  return { ok: false, message: r.message, code: r.code, at };
}

/** A checklist with no condition met. */
const NONE_TICKED = new Set(['无', '0', 'none', '都不满足', '均不满足', '全部不满足', '没有']);

const key = (s: string) => normaliseText(s).toLowerCase().replace(/\s+/g, '');

/** Parse the 填报 input of an item by the input shape its kind declares. */
export function parseInput(item: ItemInfo, value: CellValue, lang: Lang = 'zh'): CellResult<EntryValue> {
  const allowNa = item.na !== 'forbid';
  const shape = kindOfItem(item).input(item);
  const meaning = classifyCell(value);
  if (meaning.kind === 'na') return readScoreCell(value, { max: item.points, allowNa, lang });
  switch (shape.type) {
    case 'score':
      return readScoreCell(value, { max: item.points, min: shape.min, allowNa, lang });
    case 'yes-no':
      return readYesNoCell(value, { allowNa, lang });
    case 'option': {
      if (meaning.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
      const text = cellText(value);
      const hit = shape.labels.find((label) => key(label) === key(text));
      if (hit !== undefined) return { ok: true, value: { kind: 'option', label: hit } };
      const valid = shape.labels.map((label) => `“${label}”`).join('、');
      return {
        ok: false,
        code: 'CELL_UNKNOWN_OPTION',
        message: lang === 'en' ? `"${text}" is not an option (expected one of ${valid})` : `“${text}” 不是可选项（应为 ${valid}${allowNa ? '或“不适用”' : ''}）`,
      };
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
            return {
              ok: false,
              code: 'CELL_BAD_DEDUCTION',
              message: lang === 'en' ? `"${text}": the deduction after 扣 is not a number (e.g. a,b 扣2)` : `“${text}” 中“扣”后面应是扣分数（如 a,b 扣2）`,
            };
          }
          deduction = n;
          ticksText = normaliseText(text).slice(0, m.index);
        }
      }
      const withDeduction = (v: { kind: 'checklist'; ticked: string[] }): EntryValue => (deduction !== undefined ? { ...v, deduction } : v);
      if (NONE_TICKED.has(key(ticksText)) || (deduction !== undefined && key(ticksText) === '')) return { ok: true, value: withDeduction({ kind: 'checklist', ticked: [] }) };
      const parts = normaliseText(ticksText)
        .split(/[,，、;；\s]+/)
        .filter(Boolean);
      const ticked: string[] = [];
      for (const part of parts) {
        const k = key(part);
        const idx = shape.ids.findIndex((id, i) => key(id) === k || key(shape.labels[i]) === k);
        if (idx < 0) {
          const valid = shape.ids.join('、');
          return {
            ok: false,
            code: 'CELL_UNKNOWN_CONDITION',
            message:
              lang === 'en' ? `"${part}" in "${text}" is not a condition (expected ids ${valid}, separated by commas)` : `“${text}” 中的“${part}”不是本项的条件（应为条件编号 ${valid}，用逗号分隔）`,
          };
        }
        const id = shape.ids[idx];
        if (!ticked.includes(id)) ticked.push(id);
      }
      return { ok: true, value: withDeduction({ kind: 'checklist', ticked }) };
    }
    case 'measure': {
      const q = readQuantityCell(value, { integer: false, allowNa, unit: shape.unit, lang });
      if (!q.ok) return q;
      return { ok: true, value: q.value.kind === 'number' ? { kind: 'measure', value: q.value.value } : q.value };
    }
    case 'count': {
      const q = readQuantityCell(value, { integer: true, allowNa, unit: shape.unit, lang });
      if (!q.ok) return q;
      return { ok: true, value: q.value.kind === 'number' ? { kind: 'count', count: q.value.value } : q.value };
    }
    case 'grade': {
      if (meaning.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
      const text = cellText(value);
      const hit = shape.grades.find((g) => key(g) === key(text));
      if (hit !== undefined) return { ok: true, value: { kind: 'grade', grade: hit } };
      const valid = shape.grades.map((g) => `“${g}”`).join('、');
      return { ok: false, code: 'CELL_UNKNOWN_GRADE', message: lang === 'en' ? `"${text}" is not a grade (expected ${valid})` : `“${text}” 不是有效等级（应为 ${valid}）` };
    }
  }
}

/** Is the item's 填报 a percentage (a measured value in %)? */
export function isPercentItem(item: ItemInfo): boolean {
  let percent = PERCENT_ITEMS.get(item);
  if (percent === undefined) {
    const shape = kindOfItem(item).input(item);
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
export function percentInput(
  item: ItemInfo,
  value: CellValue | undefined,
  format: string | undefined,
  lang: Lang = 'zh',
): { ok: true; value: CellValue | undefined } | { ok: false; code: string; message: string } {
  if (value === undefined || value === null || !isPercentItem(item)) return { ok: true, value };
  const m = classifyCell(value);
  if (m.kind !== 'number') return { ok: true, value };
  const typedAsText = typeof value === 'string' || (typeof value === 'object' && 'richText' in value);
  if (!typedAsText && isPercentFormat(format)) return { ok: true, value: excelNumber(Number((m.value * 100).toPrecision(15))) };
  // "96%" typed as text already reads as 96; a bare 0.96 (text or number) is ambiguous.
  const text = cellText(value).normalize('NFKC').trim();
  if (m.value > 0 && m.value <= 1 && !/%$/.test(text)) {
    const pct = excelNumber(Number((m.value * 100).toPrecision(15)));
    return {
      ok: false,
      code: 'CELL_PERCENT_FRACTION',
      message: lang === 'en' ? `${text}: is that ${pct}%? This item is measured in percent: enter ${pct} (or ${pct}%)` : `${text}：是 ${pct}% 吗？本项以百分数计，请填 ${pct}（或 ${pct}%）`,
    };
  }
  return { ok: true, value };
}

/**
 * The entry of one party for one item. `input` is the 填报 cell (undefined when
 * the sheet has no such column), `score` the 得分 cell; `inputFormat` the 填报
 * cell's number format (a percentage stored as 0.96 reads as 96).
 */
export function readEntry(item: ItemInfo, input: CellValue | undefined, score: CellValue | undefined, lang: Lang = 'zh', inputFormat?: string): EntryResult {
  const pct = percentInput(item, input, inputFormat, lang);
  if (!pct.ok) return err(pct, 'input');
  input = pct.value;
  const hasInputColumn = input !== undefined;
  const inputMeaning = hasInputColumn ? classifyCell(input ?? null) : { kind: 'blank' as const };
  const allowNa = item.na !== 'forbid';
  const kind = kindOfItem(item);
  const shape = kind.input(item);
  const min = shape.type === 'score' ? shape.min : 0;

  if (inputMeaning.kind !== 'blank') {
    const parsed = parseInput(item, must(input), lang);
    if (!parsed.ok) return err(parsed, 'input');
    if (parsed.value.kind === 'grade') {
      // Graded: the points within the band are typed in 得分.
      const pts = readScoreCell(score ?? null, { max: item.points, allowNa: false, lang });
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
    const yn = readYesNoCell(s, { allowNa, lang });
    if (!yn.ok) return err(yn, 'score');
    return { ok: true, value: yn.value };
  }
  if (kind.scoreCell === 'none') {
    if (sm.kind === 'blank') return { ok: true, value: { kind: 'blank' } };
    if (sm.kind === 'na' && allowNa) return { ok: true, value: { kind: 'na' } };
    return {
      ok: false,
      at: 'score',
      code: 'CELL_NOT_YES_NO',
      message: lang === 'en' ? 'a control item takes 是 or 否 (yes/no), not points' : `控制项不计分，应填“是”或“否”（找到 ${cellText(s) || '空'}）`,
    };
  }
  const pts = readScoreCell(s, { max: item.points, min, allowNa, lang });
  if (!pts.ok) return err(pts, 'score');
  return { ok: true, value: pts.value };
}
