/**
 * `station-eval report <result.json> [--rubric <file>] [--xlsx <file>] [--pdf <file>] [--out <dir>] [--force]`:
 * re-render a station's Excel and PDF from a saved result, without reading
 * workbooks or scoring. The result is checked field by field first. The rubric
 * is `--rubric` (its sha256 must match the result's unless `--force`), or the
 * one the result names, used only when its sha256 matches.
 */
import type { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import type { LoadedRubric } from '../../rubric/model.js';
import { findResultRubric, type ResultRubric } from '../../rubric/find-result-rubric.js';
import { checkedResult } from '../../score/result-schema.js';
import type { StationResult } from '../../score/types.js';
import { readInputText } from '../../util/input-file.js';
import { detectLang, t, type Lang } from '../../util/lang.js';
import type { CommandContext } from '../main.js';
import { runContext } from '../../pipeline/context.js';
import { addEvaluationOptions, parseDateOption } from '../evaluation-flags.js';
import { printProblems } from '../print-problems.js';
import { resolveEvaluation } from '../../pipeline/evaluation.js';

export interface ReportOpts {
  rubric?: string;
  evaluator?: string;
  date?: string;
  xlsx?: string;
  pdf?: string;
  json?: string;
  out?: string;
  force?: boolean;
  lang?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('report')
    .description('由保存的评分结果 JSON 重新生成 Excel 和 PDF 报告 — re-render reports from a saved result')
    .argument('<result.json>', '评分结果 JSON（score --json 的输出）')
    .option('--rubric <file>', '评分细则 (YAML)；默认用结果中记录的细则路径')
    .option('--xlsx <file>', 'Excel 报告写入此文件')
    .option('--pdf <file>', 'PDF 报告写入此文件')
    .option('--out <dir>', '把 Excel 和 PDF 报告以默认文件名写入此文件夹')
    .option('--force', '细则文件的 sha256 与结果中记录的不一致时仍然生成');
  addEvaluationOptions(cmd)
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval report out/城关镇.json --pdf out/城关镇.pdf
  station-eval report out/城关镇.json --out out/reports
  station-eval report 城关镇.json --rubric rubrics/fujian-style.yaml --xlsx 城关镇.xlsx
`,
    )
    .action(async (file: string, opts: ReportOpts) => {
      ctx.setExit(await runReport(file, opts, ctx));
    });
}

export async function runReport(file: string, opts: ReportOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  if (!opts.xlsx && !opts.pdf && !opts.out && !opts.json) {
    throw new UserError(t(lang, '请用 --xlsx、--pdf 或 --out 指定要生成的报告', 'give --xlsx, --pdf or --out to say which reports to write'), { code: 'NO_OUTPUT' });
  }
  const date = parseDateOption(opts.date, lang);
  const saved = (await readResult(file, lang)).result;
  // --evaluator / --date over what the result records (a warning naming both when they differ): every format written agrees.
  const evaluation = resolveEvaluation({ station: saved.station, relative: file, spotMatch: { kind: 'none' } }, { evaluator: opts.evaluator, date });
  printProblems(evaluation.problems, lang, ctx);
  const result: StationResult = { ...saved, station: evaluation.station };
  const { rubric, file: rubricFile } = await rubricForResult(file, result, opts.rubric, opts.force === true, lang, (w) => ctx.io.stderr(`${t(lang, '警告', 'warning')}: ${w}\n`));
  const { writeStationReports } = await import('../../report/write-reports.js');
  const written = await writeStationReports(
    result,
    rubric,
    { xlsx: opts.xlsx, pdf: opts.pdf, json: opts.json, out: opts.out },
    { inputs: [file, rubricFile], lang, date: runContext({ lang }).clock?.() },
  );
  for (const w of written) ctx.io.stdout(`${t(lang, '已写入', 'wrote')} ${w.file}\n`);
  return ExitCode.ok;
}

/** A saved result (one station's JSON) is at most this large. */
export const RESULT_MAX_BYTES = 64 * 1024 * 1024;

/** Read a saved result and check every field (src/score/result-schema.ts); the text is returned for byte comparisons. */
export async function readResult(file: string, lang: Lang): Promise<{ result: StationResult; text: string }> {
  const text = await readInputText(file, { maxBytes: RESULT_MAX_BYTES, lang, what: 'result' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(t(lang, `不是有效的 JSON：${(err as Error).message}`, `not valid JSON: ${(err as Error).message}`), { location: file, code: 'RESULT_NOT_JSON', cause: err });
  }
  return { result: checkedResult(data, file, lang), text };
}

/**
 * The rubric to render or check a result with: --rubric (its sha256 must match
 * unless forced), else the file the result names, used only when its sha256
 * matches (src/rubric/find-result-rubric.ts).
 */
export async function rubricForResult(
  resultFile: string,
  result: StationResult,
  explicit: string | undefined,
  force: boolean,
  lang: Lang,
  warn: (text: string) => void,
): Promise<{ rubric: LoadedRubric; file: string }> {
  if (explicit) {
    const { loadRubric } = await import('../../rubric/load-rubric.js');
    const rubric = await loadRubric(explicit, { lang });
    checkRubricHash(result, rubric, explicit, force, lang, warn);
    return { rubric, file: explicit };
  }
  const found = await findResultRubric(resultFile, result.rubric, lang);
  if (found.kind === 'found') return { rubric: found.rubric, file: found.file };
  throw resultRubricError(found, resultFile, result, lang);
}

/** Why the rubric a result names cannot be used. */
export function resultRubricError(found: Exclude<ResultRubric, { kind: 'found' }>, resultFile: string, result: StationResult, lang: Lang): UserError {
  if (found.kind === 'not-named')
    return new UserError(t(lang, '结果中没有记录细则文件路径；请用 --rubric 指定', 'the result does not name its rubric file; give --rubric'), { location: resultFile, code: 'RUBRIC_NOT_NAMED' });
  if (found.kind === 'not-a-rubric')
    return new UserError(
      t(
        lang,
        `结果中记录的细则 ${found.stored} 不是 .yaml/.yml 文件，不会读取；请用 --rubric 指定`,
        `the rubric ${found.stored} named in the result is not a .yaml/.yml file and is not read; give --rubric`,
      ),
      {
        location: resultFile,
        code: 'RUBRIC_NOT_FOUND',
      },
    );
  if (found.kind === 'mismatch')
    return new UserError(
      t(
        lang,
        `结果中记录的细则 ${found.stored} 找到的是 ${found.file}，但它与评分时使用的不一致（sha256 ${found.sha256.slice(0, 8)}，结果中记录的是 ${result.rubric.sha256.slice(0, 8)}，${result.rubric.id} ${result.rubric.version}），不会使用；请用 --rubric 指定评分时的细则`,
        `the rubric ${found.stored} named in the result was found as ${found.file}, but it differs from the one the result was scored with (sha256 ${found.sha256.slice(0, 8)}, the result has ${result.rubric.sha256.slice(0, 8)}, ${result.rubric.id} ${result.rubric.version}); not used. Give --rubric`,
      ),
      { location: resultFile, code: 'RUBRIC_HASH_MISMATCH' },
    );
  return new UserError(
    t(
      lang,
      `找不到结果中记录的细则文件 ${found.stored}（已查找：${found.looked.join('、')}）；请用 --rubric 指定`,
      `cannot find the rubric ${found.stored} named in the result (looked in ${found.looked.join(', ')}); give --rubric`,
    ),
    { location: resultFile, code: 'RUBRIC_NOT_FOUND' },
  );
}

/** Refuse a rubric whose bytes differ from the ones the result was scored with, unless forced. */
export function checkRubricHash(result: StationResult, rubric: LoadedRubric, rubricFile: string, force: boolean, lang: Lang, warn: (text: string) => void): void {
  if (rubric.sha256 === result.rubric.sha256) return;
  const detail = t(
    lang,
    `细则文件 ${rubricFile} 与评分时使用的不一致（sha256 ${rubric.sha256.slice(0, 8)}，结果中记录的是 ${result.rubric.sha256.slice(0, 8)}，${result.rubric.id} ${result.rubric.version}）`,
    `the rubric ${rubricFile} differs from the one the result was scored with (sha256 ${rubric.sha256.slice(0, 8)}, the result has ${result.rubric.sha256.slice(0, 8)}, ${result.rubric.id} ${result.rubric.version})`,
  );
  if (force) {
    warn(`${detail}${t(lang, '；因 --force 仍然生成报告', '; rendering anyway (--force)')}`);
    return;
  }
  throw new UserError(`${detail}${t(lang, '。请重新评分，或确认无误后加 --force', '. Score again, or add --force if you are sure')}`, {
    location: rubricFile,
    code: 'RUBRIC_HASH_MISMATCH',
  });
}
