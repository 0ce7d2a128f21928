/**
 * Messages about a report's header block: 评估机构 and 评估日期, read from the
 * spot-check workbook (a station-block cell or a column of a consolidated
 * table) and given as `--evaluator` / `--date` (src/pipeline/evaluation.ts,
 * src/workbook). One rendering per language.
 */
import type { AreaCatalogue } from '../catalogue.js';

/** Which header field a message is about. */
export type EvaluationField = 'evaluator' | 'evaluationDate';

export interface ReportsParams {
  /** A 评估日期 cell that is no day: refused at its cell. */
  EVALUATION_DATE_INVALID: { text: string };
  /** `--date` that is not YYYY-MM-DD or no day. */
  DATE_OPTION_INVALID: { text: string };
  /** `--evaluator` differs from the 评估机构 of the spot-check workbook (located there): the option is used. */
  EVALUATOR_OVERRIDDEN: { given: string; found: string };
  /** `--date` differs from the workbook's 评估日期 (located there): the option is used. */
  EVALUATION_DATE_OVERRIDDEN: { given: string; found: string };
  /** Rows of one station in a consolidated spot-check table disagree on 评估机构 or 评估日期. */
  EVALUATION_CONFLICT: { field: EvaluationField; station: string; value: string; first: string; firstAt: string };
}

const FIELD_ZH: Record<EvaluationField, string> = { evaluator: '评估机构', evaluationDate: '评估日期' };
const FIELD_EN: Record<EvaluationField, string> = { evaluator: 'evaluator (评估机构)', evaluationDate: 'evaluation date (评估日期)' };

export const reportsZh: AreaCatalogue<ReportsParams> = {
  EVALUATION_DATE_INVALID: (p) => `评估日期“${p.text}”不是有效日期（应为 YYYY-MM-DD，如 2024-11-20，或 2024年11月20日、日期格式的单元格）`,
  DATE_OPTION_INVALID: (p) => `--date “${p.text}”不是有效日期（应为 YYYY-MM-DD，如 2024-11-20）`,
  EVALUATOR_OVERRIDDEN: (p) => `--evaluator 指定的评估机构“${p.given}”与已记录的“${p.found}”不同，报告按“${p.given}”`,
  EVALUATION_DATE_OVERRIDDEN: (p) => `--date 指定的评估日期 ${p.given} 与已记录的 ${p.found} 不同，报告按 ${p.given}`,
  EVALUATION_CONFLICT: (p) => `站点“${p.station}”的${FIELD_ZH[p.field]}前后不一致：这里是“${p.value}”，${p.firstAt} 是“${p.first}”；请统一`,
};

export const reportsEn: AreaCatalogue<ReportsParams> = {
  EVALUATION_DATE_INVALID: (p) => `evaluation date "${p.text}" is not a date (expected YYYY-MM-DD such as 2024-11-20, 2024年11月20日, or a date cell)`,
  DATE_OPTION_INVALID: (p) => `--date "${p.text}" is not a date (expected YYYY-MM-DD, such as 2024-11-20)`,
  EVALUATOR_OVERRIDDEN: (p) => `--evaluator "${p.given}" differs from the recorded evaluator "${p.found}"; the report uses "${p.given}"`,
  EVALUATION_DATE_OVERRIDDEN: (p) => `--date ${p.given} differs from the recorded evaluation date ${p.found}; the report uses ${p.given}`,
  EVALUATION_CONFLICT: (p) => `station "${p.station}": the ${FIELD_EN[p.field]} differs between rows: "${p.value}" here, "${p.first}" at ${p.firstAt}; make them agree`,
};
