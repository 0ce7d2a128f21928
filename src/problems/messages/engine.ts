/**
 * Messages of the scoring engine (src/score, src/kinds): invalid entries
 * (EntryError's problems, with the item's value problem nested), the result's
 * flags and warnings, and the 必备项 checks. The engine builds codes and
 * parameters (numbers as numbers, already exact); the words are here, one
 * rendering per language. Flags and warnings keep both renderings in the
 * result (message / messageEn), as the result format documents: the engine
 * renders them with `engineText`.
 */
import type { AreaCatalogue } from '../catalogue.js';
import type { Lang } from '../../util/lang.js';

/** An item as messages name it. */
export interface ItemRef {
  id: string;
  name: string;
}

/** The scoring kinds, as `expects` names what each takes. */
export type RuleKind = 'range' | 'boolean' | 'choice' | 'checklist' | 'tiers' | 'count' | 'deduction' | 'assessed-deduction' | 'checklist-deduction' | 'graded' | 'control' | 'value';

/** The kinds of entry a reader can give (EntryValue['kind']). */
export type EntryKind = 'blank' | 'na' | 'points' | 'met' | 'option' | 'checklist' | 'measure' | 'count' | 'grade';

/** What a number in an entry is, in a value problem: 得分, 扣分, 数值 … */
export type NumberRole = 'score' | 'deduction' | 'deductions' | 'value' | 'count' | 'measure';

/** Why an item refuses one party's entry (src/kinds, src/score/item-points.ts): thrown as a ValueProblem. */
export interface ValueParams {
  VALUE_NA_FORBIDDEN: { item: ItemRef };
  VALUE_WRONG_KIND: { item: ItemRef; rule: RuleKind; got: EntryKind };
  VALUE_NOT_FINITE: { item: ItemRef; role: NumberRole; value: string };
  VALUE_NOT_WHOLE: { item: ItemRef; role: NumberRole; value: number };
  VALUE_NEGATIVE: { item: ItemRef; role: NumberRole; value: number };
  VALUE_ABOVE_MAX: { item: ItemRef; value: number; max: number };
  VALUE_BELOW_MIN: { item: ItemRef; value: number; min: number };
  VALUE_TOO_PRECISE: { item: ItemRef; role: NumberRole; value: number; precision: number };
  VALUE_NOT_STEP: { item: ItemRef; value: number; step: number };
  VALUE_UNATTAINABLE: { item: ItemRef; value: number; allowed: number[]; more: boolean };
  VALUE_CONTROL_POINTS: { item: ItemRef };
  VALUE_RECORD_POINTS: { item: ItemRef };
  VALUE_BOOLEAN_POINTS: { item: ItemRef; value: number; allowed: number[] };
  VALUE_NO_OPTION: { item: ItemRef; label: string; options: string[] };
  VALUE_OPTION_POINTS: { item: ItemRef; value: number; options: { label: string; points: number }[] };
  VALUE_NO_CONDITION: { item: ItemRef; unknown: string[]; conditions: { id: string; label: string }[] };
  VALUE_CONDITIONS_EXCLUSIVE: { item: ItemRef; ids: string[]; group: string };
  VALUE_NO_GRADE: { item: ItemRef; grade: string; grades: GradeBand[] };
  VALUE_GRADE_NEEDS_POINTS: { item: ItemRef; grade: string; min: number; max: number };
  VALUE_GRADE_OUTSIDE_BAND: { item: ItemRef; grade: string; value: number; min: number; max: number };
  VALUE_NO_BAND: { item: ItemRef; value: number; grades: GradeBand[] };
  VALUE_DEDUCTION_RANGE: { item: ItemRef; value: number; min: number; max: number };
  VALUE_DEDUCTION_SCORE: { item: ItemRef; value: number; points: number; min: number; max: number };
}

export interface GradeBand {
  grade: string;
  min: number;
  max: number;
}

export type ValueCode = keyof ValueParams;

/** A value problem as data: its code and parameters. */
export type ValueIssue = { [C in ValueCode]: { code: C; params: ValueParams[C] } }[ValueCode];

export type Party = 'self' | 'spot';

/** A 必备项 check as its sentence states it (src/score/prerequisites.ts). */
export type PrerequisiteCheckWords =
  | { test: 'met'; name: string; found: boolean | null }
  | { test: 'points'; name: string; found: number | null; min: number; met: boolean }
  | { test: 'at-least'; name: string; found: number | null; min: number; met: boolean }
  /** A ratio whose value or base is not entered: `missing` names the item. */
  | { test: 'ratio-missing'; name: string; missing: string; count: number }
  | {
      test: 'ratio';
      name: string;
      found: number;
      met: boolean;
      /** base ÷ count, exact; `need` is it rounded up for whole numbers. */
      exact: number;
      need: number;
      base: number;
      /** The minimum the base was raised to (不足 200 人按 200 人计算), when it was. */
      raisedTo?: number;
      count: number;
    };

export interface EngineParams {
  // ── invalid entries (EntryError): params.itemId and params.party locate them when no cell is known ──
  /** The item refuses the entry; `value` says why. */
  ENTRY_INVALID: { itemId: string; party: Party; value: ValueIssue };
  ENTRY_UNKNOWN_ITEM: { itemId: string; party: Party };
  ENTRY_UNKNOWN_VETO: { itemId: string; party: Party };
  /** Several scoring parties: a party the rubric does not name (`itemId` is the party's id). */
  ENTRY_UNKNOWN_PARTY: { itemId: string; party: Party; parties: string[] };
  ENTRY_SELF_WITH_PARTIES: { itemId: string; party: Party };
  ENTRY_NOT_PARTY_ITEM: { itemId: string; party: Party; partyName: string };
  // ── the result's flags (message / messageEn) ──
  FLAG_VETO: { name: string; effect: 'no-star' | 'zero-total' | 'cap-star'; maxStars: number };
  FLAG_UNVERIFIED: Record<string, never>;
  FLAG_INCOMPLETE: { count: number };
  FLAG_CONTROL_NOT_MET: { id: string; name: string; blank: boolean };
  FLAG_INFLATION_PENALTY: { points: number };
  FLAG_INFLATED_ITEM: { item: ItemRef; self: number; spot: number; deviation: number; tolerance: number };
  FLAG_INFLATED_MODULE: { module: string; deviation: number; tolerance: number };
  FLAG_INFLATED_TOTAL: { deviation: number; tolerance: number };
  FLAG_QUOTA_PROVISIONAL: { level: number; levelName: string; percent: number };
  // ── the result's warnings ──
  WARN_BLANK_ZERO: { item: ItemRef };
  WARN_CONDITION_UNDECIDED: { item: ItemRef; on: string };
  WARN_MODULE_ALL_NA: { module: string; max: number };
}

const listZh = (xs: readonly (string | number)[]) => xs.join('、');
const listEn = (xs: readonly (string | number)[]) => xs.join(', ');
const itemZh = (i: ItemRef) => `项目 ${i.id}「${i.name}」`;
const itemEn = (i: ItemRef) => `item ${i.id} "${i.name}"`;

const EXPECTS_ZH: Record<RuleKind, string> = {
  range: '分数',
  boolean: '是/否或分数',
  choice: '选项或分数',
  checklist: '勾选的条件或分数',
  tiers: '测量值或分数',
  count: '数量或分数',
  deduction: '扣分次数或分数',
  'assessed-deduction': '扣分数或分数',
  'checklist-deduction': '勾选的条件（及扣分）或分数',
  graded: '等级（及分数）或分数',
  control: '是/否',
  value: '数值',
};
const EXPECTS_EN: Record<RuleKind, string> = {
  range: 'points',
  boolean: 'yes/no or points',
  choice: 'an option or points',
  checklist: 'ticked conditions or points',
  tiers: 'a measured value or points',
  count: 'a count or points',
  deduction: 'a number of deductions or points',
  'assessed-deduction': 'the points deducted or points',
  'checklist-deduction': 'ticked conditions (and a deduction) or points',
  graded: 'a grade (with points) or points',
  control: 'yes/no',
  value: 'a number',
};
const ENTRY_KIND_ZH: Record<EntryKind, string> = {
  blank: '空白',
  na: '不适用',
  points: '分数',
  met: '是/否',
  option: '选项',
  checklist: '勾选条件',
  measure: '测量值',
  count: '数量',
  grade: '等级',
};
const ROLE_ZH: Record<NumberRole, string> = { score: '得分', deduction: '扣分', deductions: '扣分次数', value: '数值', count: '数量', measure: '测量值' };
const ROLE_EN: Record<NumberRole, string> = { score: 'score', deduction: 'deduction', deductions: 'number of deductions', value: 'value', count: 'count', measure: 'measured value' };
const bandsZh = (g: GradeBand[]) => listZh(g.map((b) => `${b.grade} ${b.min}–${b.max}`));
const bandsEn = (g: GradeBand[], sep = ', ') => g.map((b) => `${b.grade} ${b.min}–${b.max}`).join(sep);

export const valueZh: AreaCatalogue<ValueParams> = {
  VALUE_NA_FORBIDDEN: (p) => `${itemZh(p.item)}不允许填“不适用”`,
  VALUE_WRONG_KIND: (p) => `${itemZh(p.item)}应填${EXPECTS_ZH[p.rule]}，却填了${ENTRY_KIND_ZH[p.got]}`,
  VALUE_NOT_FINITE: (p) => `${itemZh(p.item)}的${ROLE_ZH[p.role]} ${p.value} 不是有效数字`,
  VALUE_NOT_WHOLE: (p) => `${itemZh(p.item)}的${ROLE_ZH[p.role]} ${p.value} 无效（应为不小于 0 的整数）`,
  VALUE_NEGATIVE: (p) => `${itemZh(p.item)}的${ROLE_ZH[p.role]} ${p.value} 不能为负数`,
  VALUE_ABOVE_MAX: (p) => `${itemZh(p.item)}的得分 ${p.value} 超过分值 ${p.max}`,
  VALUE_BELOW_MIN: (p) => `${itemZh(p.item)}的得分 ${p.value} 低于最低分 ${p.min}`,
  VALUE_TOO_PRECISE: (p) =>
    p.role === 'deduction'
      ? `${itemZh(p.item)}扣 ${p.value} 分小数位过多（本细则最多 ${p.precision} 位小数）`
      : `${itemZh(p.item)}的${ROLE_ZH[p.role]} ${p.value} 小数位过多（本细则最多 ${p.precision} 位小数）`,
  VALUE_NOT_STEP: (p) => `${itemZh(p.item)}的得分 ${p.value} 不是 ${p.step} 的整数倍`,
  VALUE_UNATTAINABLE: (p) => `${itemZh(p.item)}的得分 ${p.value} 不可能出现（按评分标准只能得 ${listZh([...p.allowed, ...(p.more ? ['…'] : [])])} 分）`,
  VALUE_CONTROL_POINTS: (p) => `${itemZh(p.item)}是控制项，应填是/否，不能填分数`,
  VALUE_RECORD_POINTS: (p) => `${itemZh(p.item)}是记录值，不计分，应填数值`,
  VALUE_BOOLEAN_POINTS: (p) => `${itemZh(p.item)}的得分 ${p.value} 无效（只能是 ${p.allowed.join(' 或 ')}）`,
  VALUE_NO_OPTION: (p) => `${itemZh(p.item)}没有选项“${p.label}”（可选：${listZh(p.options)}）`,
  VALUE_OPTION_POINTS: (p) => `${itemZh(p.item)}的得分 ${p.value} 不是任何选项的分值（可选：${listZh(p.options.map((o) => `${o.label} ${o.points}`))}）`,
  VALUE_NO_CONDITION: (p) => `${itemZh(p.item)}没有条件“${p.unknown.join('”“')}”（可选：${listZh(p.conditions.map((c) => `${c.id} ${c.label}`))}）`,
  VALUE_CONDITIONS_EXCLUSIVE: (p) => `${itemZh(p.item)}的条件 ${listZh(p.ids)} 互斥（同属“${p.group}”，只能勾选其一）`,
  VALUE_NO_GRADE: (p) => `${itemZh(p.item)}没有等级“${p.grade}”（可选：${bandsZh(p.grades)}）`,
  VALUE_GRADE_NEEDS_POINTS: (p) => `${itemZh(p.item)}评为 ${p.grade} 级，请同时填写 ${p.min}–${p.max} 之间的得分`,
  VALUE_GRADE_OUTSIDE_BAND: (p) => `${itemZh(p.item)}评为 ${p.grade} 级，得分 ${p.value} 不在该级 ${p.min}–${p.max} 之内`,
  VALUE_NO_BAND: (p) => `${itemZh(p.item)}的得分 ${p.value} 不在任何等级的分数段内（${bandsZh(p.grades)}）`,
  VALUE_DEDUCTION_RANGE: (p) => `${itemZh(p.item)}扣 ${p.value} 分无效（应为 0 或 ${p.min}–${p.max} 分）`,
  VALUE_DEDUCTION_SCORE: (p) => `${itemZh(p.item)}的得分 ${p.value} 无效（满分 ${p.points} 只能扣 0 或 ${p.min}–${p.max} 分）`,
};

export const valueEn: AreaCatalogue<ValueParams> = {
  VALUE_NA_FORBIDDEN: (p) => `${itemEn(p.item)} cannot be marked not applicable`,
  VALUE_WRONG_KIND: (p) => `${itemEn(p.item)} expects ${EXPECTS_EN[p.rule]}, got ${p.got}`,
  VALUE_NOT_FINITE: (p) => `${itemEn(p.item)}: ${ROLE_EN[p.role]} ${p.value} is not a valid number`,
  VALUE_NOT_WHOLE: (p) => `${itemEn(p.item)}: ${ROLE_EN[p.role]} ${p.value} is invalid (expected a whole number ≥ 0)`,
  VALUE_NEGATIVE: (p) => (p.role === 'value' ? `${itemEn(p.item)}: the value ${p.value} cannot be negative` : `${itemEn(p.item)}: ${ROLE_EN[p.role]} ${p.value} cannot be negative`),
  VALUE_ABOVE_MAX: (p) => `${itemEn(p.item)}: score ${p.value} exceeds the maximum ${p.max}`,
  VALUE_BELOW_MIN: (p) => `${itemEn(p.item)}: score ${p.value} is below the minimum ${p.min}`,
  VALUE_TOO_PRECISE: (p) =>
    p.role === 'deduction'
      ? `${itemEn(p.item)}: the deduction ${p.value} has too many decimals (this rubric allows ${p.precision})`
      : `${itemEn(p.item)}: ${ROLE_EN[p.role]} ${p.value} has too many decimals (this rubric allows ${p.precision})`,
  VALUE_NOT_STEP: (p) => `${itemEn(p.item)}: score ${p.value} is not a multiple of ${p.step}`,
  VALUE_UNATTAINABLE: (p) => `${itemEn(p.item)}: score ${p.value} is impossible (the rule gives only ${listEn([...p.allowed, ...(p.more ? ['…'] : [])])})`,
  VALUE_CONTROL_POINTS: (p) => `${itemEn(p.item)} is a control item: enter yes/no, not points`,
  VALUE_RECORD_POINTS: (p) => `${itemEn(p.item)} records a value: enter the number, not points`,
  VALUE_BOOLEAN_POINTS: (p) => `${itemEn(p.item)}: score ${p.value} is invalid (only ${p.allowed.join(' or ')})`,
  VALUE_NO_OPTION: (p) => `${itemEn(p.item)} has no option "${p.label}" (options: ${listEn(p.options)})`,
  VALUE_OPTION_POINTS: (p) => `${itemEn(p.item)}: score ${p.value} matches no option (options: ${listEn(p.options.map((o) => `${o.label} ${o.points}`))})`,
  VALUE_NO_CONDITION: (p) => `${itemEn(p.item)} has no condition "${p.unknown.join('", "')}" (conditions: ${listEn(p.conditions.map((c) => `${c.id} ${c.label}`))})`,
  VALUE_CONDITIONS_EXCLUSIVE: (p) => `${itemEn(p.item)}: conditions ${listEn(p.ids)} exclude each other (group "${p.group}": tick at most one)`,
  VALUE_NO_GRADE: (p) => `${itemEn(p.item)} has no grade "${p.grade}" (grades: ${bandsEn(p.grades, '、')})`,
  VALUE_GRADE_NEEDS_POINTS: (p) => `${itemEn(p.item)} is graded ${p.grade}: also enter the points (${p.min}–${p.max})`,
  VALUE_GRADE_OUTSIDE_BAND: (p) => `${itemEn(p.item)} is graded ${p.grade}: score ${p.value} is outside its band ${p.min}–${p.max}`,
  VALUE_NO_BAND: (p) => `${itemEn(p.item)}: score ${p.value} lies in no grade band (${bandsEn(p.grades, '、')})`,
  VALUE_DEDUCTION_RANGE: (p) => `${itemEn(p.item)}: a deduction of ${p.value} is invalid (expected 0 or ${p.min}–${p.max})`,
  VALUE_DEDUCTION_SCORE: (p) => `${itemEn(p.item)}: score ${p.value} is invalid (from ${p.points} only 0 or ${p.min}–${p.max} may be deducted)`,
};

const VALUE: Record<Lang, AreaCatalogue<ValueParams>> = { zh: valueZh, en: valueEn };

/** A value problem in `lang`. */
export function valueMessage(v: ValueIssue, lang: Lang): string {
  return (VALUE[lang][v.code] as (p: unknown) => string)(v.params);
}

const VETO_EFFECT_ZH = { 'no-star': '不予评星', 'zero-total': '总分计 0 分' } as const;

export const engineZh: AreaCatalogue<EngineParams> = {
  ENTRY_INVALID: (p) => valueMessage(p.value, 'zh'),
  ENTRY_UNKNOWN_ITEM: (p) => `本细则没有编号为 ${p.itemId} 的评分项目`,
  ENTRY_UNKNOWN_VETO: (p) => `本细则没有编号为 ${p.itemId} 的一票否决项`,
  ENTRY_UNKNOWN_PARTY: (p) => `本细则没有编号为 ${p.itemId} 的评分方（有：${listZh(p.parties)}）`,
  ENTRY_SELF_WITH_PARTIES: () => `本细则按评分方（parties）评分，自评分数无处可记；请填在评分方的得分列`,
  ENTRY_NOT_PARTY_ITEM: (p) => `评分方「${p.partyName}」不评项目 ${p.itemId}，这一分数无处可记`,
  FLAG_VETO: (p) => `一票否决：${p.name}（${p.effect === 'cap-star' ? `最高${p.maxStars}星` : VETO_EFFECT_ZH[p.effect]}）`,
  FLAG_UNVERIFIED: () => '未经抽查核实',
  FLAG_INCOMPLETE: (p) => `评分不完整：${p.count} 项未评分`,
  FLAG_CONTROL_NOT_MET: (p) => `控制项 ${p.id}「${p.name}」${p.blank ? '未评' : '未达标'}`,
  FLAG_INFLATION_PENALTY: (p) => `自评虚高，扣 ${p.points} 分`,
  FLAG_INFLATED_ITEM: (p) => `${itemZh(p.item)}自评 ${p.self} 分，抽查 ${p.spot} 分，偏差 ${p.deviation} 超过容差 ${p.tolerance}`,
  FLAG_INFLATED_MODULE: (p) => `模块「${p.module}」自评比抽查高 ${p.deviation} 分，超过容差 ${p.tolerance}`,
  FLAG_INFLATED_TOTAL: (p) => `总分自评比抽查高 ${p.deviation} 分，超过容差 ${p.tolerance}`,
  FLAG_QUOTA_PROVISIONAL: (p) => `${p.levelName}为暂定：该等级限前 ${p.percent}% 名额，须在批量评定中按名额核定`,
  WARN_BLANK_ZERO: (p) => `${itemZh(p.item)}未评分，按细则规定计 0 分`,
  WARN_CONDITION_UNDECIDED: (p) => `${itemZh(p.item)}的适用条件无法判断（${p.on.startsWith('station.') ? `站点信息 ${p.on.slice(8)}` : `项目 ${p.on}`} 未填写），按填报计分`,
  WARN_MODULE_ALL_NA: (p) => `模块「${p.module}」的项目全部不适用，按满分 ${p.max} 计`,
};

export const engineEn: AreaCatalogue<EngineParams> = {
  ENTRY_INVALID: (p) => valueMessage(p.value, 'en'),
  ENTRY_UNKNOWN_ITEM: (p) => `this rubric has no scorable item with id ${p.itemId}`,
  ENTRY_UNKNOWN_VETO: (p) => `this rubric has no veto with id ${p.itemId}`,
  ENTRY_UNKNOWN_PARTY: (p) => `this rubric has no scoring party ${p.itemId} (it has: ${listEn(p.parties)})`,
  ENTRY_SELF_WITH_PARTIES: () => `this rubric is scored by parties; a self-assessment score has nowhere to go; enter it in a party's score column`,
  ENTRY_NOT_PARTY_ITEM: (p) => `scoring party "${p.partyName}" does not score item ${p.itemId}; the score has nowhere to go`,
  FLAG_VETO: (p) => `veto: ${p.name} (${p.effect}${p.effect === 'cap-star' ? ` ${p.maxStars}` : ''})`,
  FLAG_UNVERIFIED: () => 'not verified by a spot check',
  FLAG_INCOMPLETE: (p) => `incomplete: ${p.count} item(s) not scored`,
  FLAG_CONTROL_NOT_MET: (p) => `control item ${p.id} "${p.name}" ${p.blank ? 'not assessed' : 'not met'}`,
  FLAG_INFLATION_PENALTY: (p) => `inflated self-assessment: ${p.points} points deducted`,
  FLAG_INFLATED_ITEM: (p) => `${itemEn(p.item)}: self ${p.self}, spot ${p.spot}, deviation ${p.deviation} exceeds the tolerance ${p.tolerance}`,
  FLAG_INFLATED_MODULE: (p) => `module "${p.module}": self exceeds spot by ${p.deviation}, above the tolerance ${p.tolerance}`,
  FLAG_INFLATED_TOTAL: (p) => `total: self exceeds spot by ${p.deviation}, above the tolerance ${p.tolerance}`,
  FLAG_QUOTA_PROVISIONAL: (p) => `level ${p.level} is provisional: it is limited to the top ${p.percent}% and the quota is applied in batch`,
  WARN_BLANK_ZERO: (p) => `${itemEn(p.item)} not scored: counted as 0 as the rubric says`,
  WARN_CONDITION_UNDECIDED: (p) =>
    `${itemEn(p.item)}: its applicability cannot be decided (${p.on.startsWith('station.') ? `station field ${p.on.slice(8)}` : `item ${p.on}`} not entered); scored as entered`,
  WARN_MODULE_ALL_NA: (p) => `module "${p.module}": every item is not applicable; counted at its maximum ${p.max}`,
};

const ENGINE: Record<Lang, AreaCatalogue<EngineParams>> = { zh: engineZh, en: engineEn };

/** An engine message in `lang`, for the result's fields that keep words (flags, warnings). */
export function engineText<C extends keyof EngineParams>(code: C, params: EngineParams[C], lang: Lang): string {
  return (ENGINE[lang][code] as (p: EngineParams[C]) => string)(params);
}

/** A 必备项 check in words, with its numbers: 必备项「…」：10 < 11.25（90 ÷ 8）. */
export function prerequisiteText(c: PrerequisiteCheckWords, lang: Lang): string {
  if (lang === 'en') {
    const head = `prerequisite "${c.name}"`;
    switch (c.test) {
      case 'met':
        return `${head}: ${c.found === null ? 'not entered' : c.found ? 'yes' : 'no'}`;
      case 'points':
      case 'at-least': {
        const sign = c.met ? '≥' : c.found === null ? (c.test === 'points' ? ', needs' : ', needs ≥') : '<';
        return `${head}: ${c.found === null ? 'not entered' : c.found} ${sign} ${c.min}`;
      }
      case 'ratio-missing':
        return `${head}: ${c.missing} not entered; 1:${c.count} cannot be checked`;
      case 'ratio':
        return `${head}: ${c.found} ${c.met ? '≥' : '<'} ${c.need} (${c.raisedTo !== undefined ? `${c.base} (counted as ${c.raisedTo})` : c.base} ÷ ${c.count})`;
    }
  }
  const head = `必备项「${c.name}」`;
  switch (c.test) {
    case 'met':
      return `${head}：${c.found === null ? '未填写' : c.found ? '是' : '否'}`;
    case 'points':
      return `${head}：${c.found === null ? '未填写' : `${c.found} 分`} ${c.met ? '≥' : c.found === null ? '，须' : '<'} ${c.min} 分`;
    case 'at-least':
      return `${head}：${c.found === null ? '未填写' : c.found} ${c.met ? '≥' : c.found === null ? '，须 ≥' : '<'} ${c.min}`;
    case 'ratio-missing':
      return `${head}：${c.missing} 未填写，无法核对 1:${c.count}`;
    case 'ratio': {
      const need = c.need === c.exact ? `${c.need}` : `${c.exact}，即 ${c.need}`;
      const base = c.raisedTo !== undefined ? `${c.base}（不足 ${c.raisedTo} 按 ${c.raisedTo} 计）` : `${c.base}`;
      return `${head}：${c.found} ${c.met ? '≥' : '<'} ${need}（${base} ÷ ${c.count}）`;
    }
  }
}
