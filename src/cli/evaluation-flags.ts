/**
 * `--evaluator` and `--date`, shared by `score`, `batch` and `report`: the
 * report header's 评估机构 and 评估日期 (src/pipeline/evaluation.ts says which
 * wins over what the spot-check workbook holds).
 */
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { messageOf, problem } from '../problems/render.js';
import { parseIsoDate } from '../util/calendar-date.js';
import type { Lang } from '../util/lang.js';

export function addEvaluationOptions(cmd: Command): Command {
  return cmd
    .option('--evaluator <name>', 'PDF 报告抬头的评估机构（第三方评估机构名称）；默认取抽查表中的“评估机构”')
    .option('--date <YYYY-MM-DD>', 'PDF 报告抬头的评估日期；默认取抽查表中的“评估日期”');
}

/** `--date` checked: YYYY-MM-DD and a day that exists, else a usage error naming the option. */
export function parseDateOption(text: string | undefined, lang: Lang): string | undefined {
  if (text === undefined) return undefined;
  const date = parseIsoDate(text);
  if (date) return date;
  const p = problem('DATE_OPTION_INVALID', 'error', {}, { text });
  throw new UserError(messageOf(p, lang), { code: p.code, location: '--date' });
}
