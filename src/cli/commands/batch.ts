/**
 * `station-eval batch <rubric> <self-dir> [--spot …] [--roster …] --out <dir>`:
 * score every station of a province at once. Exit 0 when every workbook was
 * scored, 1 when some could not be (they are listed in 汇总.xlsx › 问题清单),
 * 2 for usage errors.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { detectLang, t } from '../../util/lang.js';
import { TOOL } from '../../version.js';
import { addLimitOptions, parseLimits } from '../limit-flags.js';
import { addEvaluationOptions, parseDateOption } from '../evaluation-flags.js';
import { mismatchExit } from '../print-problems.js';
import { isMismatch } from '../../pipeline/plan.js';
import { formatLocation, formatProblem, messageOf } from '../../problems/render.js';
import type { CommandContext } from '../main.js';
import { runContext } from '../../pipeline/context.js';
import { isTerminal } from '../../util/terminal.js';

interface BatchOpts {
  out: string;
  spot?: string;
  roster?: string;
  jobs?: string;
  pdf?: boolean;
  stationXlsx?: boolean;
  evaluator?: string;
  date?: string;
  progress?: boolean;
  lang?: string;
  previous?: string;
  mapping?: string;
  resume?: boolean;
  maxFileMb?: string;
  maxInflatedMb?: string;
  maxRows?: string;
  allowUnmatched?: boolean;
  columns?: string;
  sheet?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('batch')
    .description('批量评分：全省（全国）站点一次完成，输出汇总表、每站 PDF 与总览 — score every station of a province')
    .argument('<rubric>', '细则文件 (YAML)')
    .argument('<self-dir>', '存放各站点自评表 (.xlsx) 的文件夹（含子文件夹）')
    .requiredOption('-o, --out <dir>', '输出文件夹')
    .option('--spot <file|dir>', '抽查表：多站点抽查汇总表（长表或宽表），或各站抽查表所在文件夹')
    .option('--roster <file>', '站点名册 (.xlsx)：用于补全站点信息、列出未提交的站点')
    .option('-j, --jobs <n>', '并行线程数（默认：CPU 核数）')
    .option('--no-pdf', '不生成每站 PDF 和总览 PDF（只出汇总表和 results.jsonl）')
    .option('--station-xlsx', '同时生成每站的 Excel 报告')
    .option('--no-progress', '不显示进度条')
    .option('--previous <results.jsonl>', '上年度的 results.jsonl：年度对比（升级/降级、证书），见 station-eval compare')
    .option('--mapping <file>', '站点对照表 (.xlsx)，与 --previous 一起用：原站点名称/原所属县/现站点名称/现所属县')
    .option('--allow-unmatched', '名册或抽查记录对不上时不以退出码 1 结束（问题照常列在 问题清单）')
    .option('--resume', '继续上次被中断的批量评分（同一 --out）：已完成的站点不再重算')
    .option('--columns <spec>', '各自评表的列（表头特殊时）：self=列,spot=列，列为字母如 H 或表头文字；细则有评分方时 评分方编号=列，如 buyer=J')
    .option('--sheet <name>', '自评表有多个评分表时读取此工作表')
    .option('--lang <lang>', 'zh | en');
  addEvaluationOptions(addLimitOptions(cmd))
    .addHelpText(
      'after',
      `
输出 / Outputs (in --out):
  汇总.xlsx        站点总表、星级分布、县区统计、偏差核查、未提交、问题清单
  stations/<县>/<站点>.pdf   每站评估报告（--station-xlsx 时另有 .xlsx）
  总览.pdf         全省总览：星级分布、县区统计、模块平均、抽查情况
  results.jsonl    每行一个站点的完整评分结果（可用 station-eval report 重新出报告）

退出码 / Exit codes: 0 全部评分成功；1 有文件未能评分，或名册、抽查记录与站点对不上（见 问题清单；后者可用 --allow-unmatched 放行）；2 用法或输入错误

示例 / Examples:
  station-eval batch rubrics/fujian-style.yaml samples/示例县 --spot samples/抽查汇总.xlsx --roster samples/站点名册.xlsx --out out/示例县
  station-eval batch rubrics/fujian-style.yaml 全省自评表/ --spot 抽查/ --out out/2024 --no-pdf --jobs 2`,
    )
    .action(async (rubricFile: string, selfDir: string, opts: BatchOpts) => {
      ctx.setExit(await runBatchCommand(rubricFile, selfDir, opts, ctx));
    });
}

async function runBatchCommand(rubricFile: string, selfDir: string, opts: BatchOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  let jobs: number | undefined;
  if (opts.jobs !== undefined) {
    jobs = Number(opts.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
      throw new UserError(t(lang, `--jobs 应为 1–64 的整数，收到 "${opts.jobs}"`, `--jobs must be an integer 1–64, got "${opts.jobs}"`), { code: 'USAGE' });
    }
  }
  const run = runContext({ lang, limits: parseLimits(opts, lang), tool: TOOL });
  const date = parseDateOption(opts.date, lang);
  const workbook = (await import('../../workbook/read-station-workbook.js')).workbookOptions(opts, lang);
  const { runBatch } = await import('../../batch/run-batch.js');
  const { createProgress } = await import('../../batch/progress.js');
  const progress = await createProgress(process.stderr, opts.progress !== false && isTerminal(process.stderr));
  const started = performance.now();
  const report = await runBatch({
    rubricFile,
    selfDir,
    spot: opts.spot,
    roster: opts.roster,
    out: opts.out,
    jobs,
    pdf: opts.pdf !== false,
    stationXlsx: opts.stationXlsx === true,
    ...(opts.evaluator ? { evaluator: opts.evaluator } : {}),
    ...(date ? { evaluationDate: date } : {}),
    lang: run.lang,
    progress,
    tool: run.tool,
    resume: opts.resume === true,
    limits: run.limits,
    ...(run.clock ? { clock: run.clock } : {}),
    ...(workbook ? { workbook } : {}),
    previous: opts.previous,
    mapping: opts.mapping,
    warn: (message) => ctx.io.stderr(`${message}\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const stars = report.stars
    .map((n, level) => [level, n] as const)
    .filter(([level, n]) => level > 0 && n > 0)
    .reverse()
    .map(([level, n]) => `${report.starNames[level] ?? `${level}星`} ${n}`)
    .join('，');
  if (report.comparison) {
    const c = { up: 0, down: 0, same: 0, new: 0, absent: 0 };
    for (const r of report.comparison.rows) c[r.change]++;
    ctx.io.stderr(
      t(
        lang,
        `与上年比较：升级 ${c.up}，降级 ${c.down}，持平 ${c.same}，新参评 ${c.new}，未参评 ${c.absent}；匹配问题 ${report.comparison.problems.length} 条（见 汇总.xlsx › 年度对比、证书、证书到期）\n`,
        `against last year: up ${c.up}, down ${c.down}, same ${c.same}, new ${c.new}, absent ${c.absent}; matching problems ${report.comparison.problems.length} (汇总.xlsx › 年度对比)\n`,
      ),
    );
  }
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  ctx.io.stderr(
    t(
      lang,
      `评分 ${report.scored} 站，失败 ${report.failed} 个文件，未提交 ${report.missing} 站，抽查核实 ${report.spotChecked} 站${report.resumed ? `（续跑：沿用已完成的 ${report.resumed} 站）` : ''}；星级：${stars || '无'}；用时 ${seconds} 秒\n`,
      `scored ${report.scored}, failed ${report.failed} files, missing ${report.missing}, spot-checked ${report.spotChecked}${report.resumed ? ` (resumed: ${report.resumed} stations kept)` : ''}; stars: ${stars || 'none'}; ${seconds} s\n`,
    ),
  );
  ctx.io.stdout(
    [
      `${t(lang, '汇总表', 'summary')}: ${rel(report.outputs.summary)}`,
      ...(report.outputs.overview ? [`${t(lang, '总览', 'overview')}: ${rel(report.outputs.overview)}`] : []),
      ...(report.outputs.stations ? [`${t(lang, '每站报告', 'station reports')}: ${rel(report.outputs.stations)}${path.sep}`] : []),
      `${t(lang, '评分结果', 'results')}: ${rel(report.outputs.results)}`,
      '',
    ].join('\n'),
  );
  if (report.failed > 0) {
    const shown = report.problems.filter((p) => p.severity === 'error').slice(0, 10);
    ctx.io.stderr(t(lang, `以下文件未能评分（完整清单见 汇总.xlsx › 问题清单）：\n`, `files that could not be scored (all in 汇总.xlsx › 问题清单):\n`));
    for (const p of shown) ctx.io.stderr(`  ${formatLocation(p.location)}: ${messageOf(p, lang).split('\n')[0]}\n`);
  }
  const mismatches = report.problems.filter(isMismatch);
  if (mismatches.length > 0) {
    ctx.io.stderr(t(lang, `站点匹配问题：\n`, `station matching problems:\n`));
    for (const p of mismatches.slice(0, 10)) ctx.io.stderr(`  ${formatProblem(p, lang)}\n`);
    if (mismatches.length > 10) ctx.io.stderr(t(lang, `  … 另有 ${mismatches.length - 10} 条\n`, `  … and ${mismatches.length - 10} more\n`));
  }
  const unmatched = mismatchExit(mismatches, opts.allowUnmatched === true, lang, ctx, '汇总.xlsx › 问题清单');
  return report.failed > 0 ? 1 : unmatched;
}
