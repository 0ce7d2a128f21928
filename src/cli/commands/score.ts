/**
 * `station-eval score <rubric> --self <file> [--spot <file>]`: score one
 * station and print the compact summary; `--json <file|->`, `--xlsx`,
 * `--pdf` and `--out <dir>` write the result and its reports (see
 * src/report/write-reports.ts).
 */
import type { Command } from 'commander';
import { detectLang, t } from '../../util/lang.js';
import { terminalSafe } from '../../util/terminal-safe.js';
import { addLimitOptions, parseLimits } from '../limit-flags.js';
import { addEvaluationOptions, parseDateOption } from '../evaluation-flags.js';
import { mismatchExit, printProblems } from '../print-problems.js';
import type { CommandContext } from '../main.js';
import { isTerminal } from '../../util/terminal.js';

export interface ScoreOpts {
  self: string;
  evaluator?: string;
  date?: string;
  spot?: string;
  station?: string;
  county?: string;
  json?: string;
  xlsx?: string;
  pdf?: string;
  out?: string;
  lang?: string;
  color?: boolean;
  quiet?: boolean;
  maxFileMb?: string;
  maxInflatedMb?: string;
  maxRows?: string;
  roster?: string;
  allowUnmatched?: boolean;
  columns?: string;
  sheet?: string;
  verbose?: boolean;
}

export function register(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('score')
    .description('为一个站点评分并显示摘要 — score one station from its workbooks')
    .argument('<rubric>', '细则文件 (YAML)')
    .requiredOption('--self <file>', '站点自评表 (.xlsx)')
    .option('--spot <file>', '抽查表：单站评分表，或多站点的抽查汇总表（长表或宽表）')
    .option('--station <name>', '在抽查汇总表中按此站点名称查找（默认用自评表中的站点名称）')
    .option('--county <name>', '在抽查汇总表中按此县(市、区)查找（默认用自评表中的）')
    .option('--roster <file>', '站点名册：补全站点信息，核对站点是否在名册中')
    .option('--allow-unmatched', '名册或抽查记录对不上时仍以退出码 0 结束（问题照常列出）')
    .option('--columns <spec>', '自评表的列（表头特殊时）：self=列,spot=列，列为字母或表头文字，如 self=H,spot=核定得分；还可 id= name=；细则有评分方时 评分方编号=列，如 buyer=J')
    .option('--sheet <name>', '自评表有多个评分表时读取此工作表')
    .option('--verbose', '显示读取了哪个工作表、哪些列，以及每一行按编号、名称还是别名对应评分项');
  addLimitOptions(cmd)
    .option('--json <file>', '结果 JSON 写入文件（- 为标准输出）')
    .option('--xlsx <file>', 'Excel 评估报告')
    .option('--pdf <file>', 'PDF 评估报告')
    .option('--out <dir>', '把结果 JSON、Excel 和 PDF 报告以默认文件名写入该文件夹');
  addEvaluationOptions(cmd)
    .option('--lang <lang>', 'zh | en')
    .option('--no-color', '不使用颜色')
    .option('-q, --quiet', '不显示摘要')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval score rubrics/fujian-style.yaml --self samples/示例县/示例县城关镇社工站.xlsx
  station-eval score rubrics/fujian-style.yaml --self 城关镇.xlsx --spot samples/抽查汇总.xlsx --json 城关镇.json
  station-eval score rubrics/fujian-style.yaml --self 城关镇.xlsx --json - > result.json
  station-eval score rubrics/fujian-style.yaml --self 城关镇.xlsx --spot 抽查汇总.xlsx --out 报告/
  station-eval score rubrics/fujian-style.yaml --self 城关镇.xlsx --pdf 城关镇.pdf --xlsx 城关镇-评估.xlsx`,
    )
    .action(async (rubricFile: string, opts: ScoreOpts) => {
      ctx.setExit(await runScore(rubricFile, opts, ctx));
    });
}

export async function runScore(rubricFile: string, opts: ScoreOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  const limits = parseLimits(opts, lang);
  const date = parseDateOption(opts.date, lang);
  const workbook = (await import('../../workbook/read-station-workbook.js')).workbookOptions(opts, lang);
  const { loadRubric } = await import('../../rubric/load-rubric.js');
  const rubric = await loadRubric(rubricFile, { lang });
  const jsonToStdout = opts.json === '-';
  const info = (text: string) => (jsonToStdout ? ctx.io.stderr(text) : ctx.io.stdout(terminalSafe(text)));
  const { scoreOne, runContext } = await import('../../pipeline/index.js');
  const outcome = await scoreOne(runContext({ lang, limits }), {
    rubric,
    self: opts.self,
    spot: opts.spot,
    roster: opts.roster,
    matchAs: opts.station !== undefined || opts.county !== undefined ? { name: opts.station, county: opts.county } : undefined,
    ...(workbook ? { workbook } : {}),
    evaluation: { ...(opts.evaluator ? { evaluator: opts.evaluator } : {}), ...(date ? { date } : {}) },
    reports: {
      json: jsonToStdout ? undefined : opts.json,
      xlsx: opts.xlsx,
      pdf: opts.pdf,
      out: opts.out,
      outFormats: ['json', 'xlsx', 'pdf'],
    },
  });
  if (opts.verbose) ctx.io.stderr(terminalSafe(`${outcome.details.join('\n')}\n`));
  printProblems(outcome.problems, lang, ctx);
  const { result } = outcome;
  if (jsonToStdout) ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  if (!opts.quiet) {
    const { renderTerminal } = await import('../../report/terminal.js');
    const color = opts.color !== false && !process.env.NO_COLOR && !jsonToStdout && isTerminal(process.stdout);
    // renderTerminal makes input text safe before colouring: written as it is, or its colour codes would show as \x1b[…
    const summary = renderTerminal(result, rubric, { color, lang });
    if (jsonToStdout) ctx.io.stderr(summary);
    else ctx.io.stdout(summary);
  }
  for (const w of outcome.written) info(t(lang, `已写入 ${w.file}\n`, `written: ${w.file}\n`));
  return mismatchExit(outcome.mismatches, opts.allowUnmatched === true, lang, ctx);
}
