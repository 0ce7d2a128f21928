/**
 * `station-eval verify <result.json> --self <file> [--spot <file>] [--rubric <file>]`:
 * re-score a published result from its workbooks and confirm it field by field
 * (and byte for byte against this tool's JSON), or say exactly which item
 * differs: id, field, published value, recomputed value. The rubric's sha256
 * and the tool version recorded in the result are checked first.
 * Exit 0 confirmed, 1 differences (or another rubric), 2 usage / unreadable input.
 */
import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import type { LoadedRubric } from '../../rubric/model.js';
import type { StationResult } from '../../score/types.js';
import type { QuotaOutcome } from '../../score/apply-quota.js';
import { detectLang, t, type Lang } from '../../util/lang.js';
import { TOOL } from '../../version.js';
import type { ResultDifference } from '../../verify/compare-results.js';
import { addLimitOptions, parseLimits } from '../limit-flags.js';
import { mismatchExit, printProblems } from '../print-problems.js';
import type { CommandContext } from '../main.js';

interface VerifyOpts {
  self: string;
  spot?: string;
  rubric?: string;
  station?: string;
  county?: string;
  lang?: string;
  maxFileMb?: string;
  maxInflatedMb?: string;
  maxRows?: string;
  roster?: string;
  allowUnmatched?: boolean;
  columns?: string;
  sheet?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('verify')
    .description('核对已发布的评分结果：按原始工作簿重新评分并逐项比对 — re-score a published result and confirm it')
    .argument('<result>', '已发布的结果 JSON（score --json / --out 写出的 评估结果.json，或 results.jsonl 中的一行另存）')
    .requiredOption('--self <file>', '该站点的自评表 (.xlsx)')
    .option('--spot <file>', '抽查表（评分时用过的话）')
    .option('--rubric <file>', '细则文件（默认用结果中记录的路径或同名内置细则；sha256 必须一致）')
    .option('--station <name>', '在抽查汇总表中按此站点名称查找')
    .option('--county <name>', '在抽查汇总表中按此县(市、区)查找')
    .option('--roster <file>', '站点名册（评分时用过的话：批量评分用名册补全了站点信息）')
    .option('--allow-unmatched', '名册或抽查记录对不上时不以退出码 1 结束（问题照常列出）')
    .option('--columns <spec>', '自评表的列（评分时用过的话）：self=列,spot=列')
    .option('--sheet <name>', '自评表有多个评分表时读取此工作表（评分时用过的话）')
    .option('--lang <lang>', 'zh | en');
  addLimitOptions(cmd)
    .addHelpText(
      'after',
      `
比对所有字段（总分、模块、每个项目的自评/抽查/最终得分、星级及理由、标记、提示）；不比对 tool（版本单独报告）和 rubric.file（评分时细则所在路径）。
Compares every field except tool (its version is reported) and rubric.file.

退出码 / Exit codes: 0 一致；1 有差异或细则不一致；2 用法或输入错误

示例 / Examples:
  station-eval verify 城关镇-评估结果.json --self 城关镇.xlsx --spot 抽查汇总.xlsx
  station-eval verify 城关镇-评估结果.json --self 城关镇.xlsx --rubric rubrics/fujian-style.yaml`,
    )
    .action(async (resultFile: string, opts: VerifyOpts) => {
      ctx.setExit(await runVerify(resultFile, opts, ctx));
    });
}

export async function runVerify(resultFile: string, opts: VerifyOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  const limits = parseLimits(opts, lang);
  const { readResult, resultRubricError } = await import('./report.js');
  const { result: published, text: publishedText } = await readResult(resultFile, lang);
  let rubric: LoadedRubric;
  let rubricFile: string;
  if (opts.rubric) {
    const { loadRubric } = await import('../../rubric/load-rubric.js');
    rubricFile = opts.rubric;
    rubric = await loadRubric(rubricFile, { lang });
  } else {
    const { findResultRubric } = await import('../../rubric/find-result-rubric.js');
    const found = await findResultRubric(resultFile, published.rubric, lang);
    if (found.kind === 'mismatch') {
      // The file the result names is another rubric: it is not parsed, and nothing can be confirmed.
      ctx.io.stdout(
        `${t(lang, `核对 ${resultFile}（${published.station.county ?? ''}${published.station.name}）`, `verifying ${resultFile} (${published.station.name})`)}\n${t(
          lang,
          `  ✗ 细则不一致：${found.file} 的 sha256 为 ${found.sha256.slice(0, 16)}…，结果中记录的是 ${published.rubric.sha256.slice(0, 16)}…（${published.rubric.id} ${published.rubric.version}）；请用 --rubric 指定评分时的细则`,
          `  ✗ rubric differs: ${found.file} has sha256 ${found.sha256.slice(0, 16)}…, the result records ${published.rubric.sha256.slice(0, 16)}… (${published.rubric.id} ${published.rubric.version}); give --rubric`,
        )}\n`,
      );
      return ExitCode.problems;
    }
    if (found.kind !== 'found') throw resultRubricError(found, resultFile, published, lang);
    rubric = found.rubric;
    rubricFile = found.file;
  }
  const { scoreOne, runContext } = await import('../../pipeline/index.js');
  const workbook = (await import('../../workbook/read-station-workbook.js')).workbookOptions(opts, lang);
  const quotas = publishedQuotas(published);
  const outcome = await scoreOne(runContext({ lang, limits }), {
    rubric,
    ...(workbook ? { workbook } : {}),
    self: opts.self,
    spot: opts.spot,
    roster: opts.roster,
    matchAs: opts.station !== undefined || opts.county !== undefined ? { name: opts.station, county: opts.county } : undefined,
    // A batch's quota decisions depend on the whole run: taken as published (each still has to lead to the published level).
    ...(quotas ? { quotas } : {}),
    // The header as published (it may have come from --evaluator / --date): the workbooks' values are checked against it as score did.
    evaluation: {
      ...(published.station.evaluator !== undefined ? { evaluator: published.station.evaluator } : {}),
      ...(published.station.evaluationDate !== undefined ? { date: published.station.evaluationDate } : {}),
    },
  });
  printProblems(outcome.problems, lang, ctx);
  const recomputed = outcome.result;
  const unmatched = mismatchExit(outcome.mismatches, opts.allowUnmatched === true, lang, ctx);
  const { compareResults } = await import('../../verify/compare-results.js');
  // The rubric hash is checked and reported on its own line below.
  const differences = compareResults(published, recomputed).filter((d) => d.path !== 'rubric.sha256');

  const lines: string[] = [t(lang, `核对 ${resultFile}（${published.station.county ?? ''}${published.station.name}）`, `verifying ${resultFile} (${published.station.name})`)];
  const hashOk = rubric.sha256 === published.rubric.sha256;
  lines.push(
    hashOk
      ? t(
          lang,
          `  细则：${rubricFile}，${published.rubric.id} ${published.rubric.version}，sha256 ${rubric.sha256.slice(0, 16)}… 与结果中记录的一致`,
          `  rubric: ${rubricFile}, ${published.rubric.id} ${published.rubric.version}, sha256 ${rubric.sha256.slice(0, 16)}… matches the result`,
        )
      : t(
          lang,
          `  ✗ 细则不一致：${rubricFile} 的 sha256 为 ${rubric.sha256.slice(0, 16)}…，结果中记录的是 ${published.rubric.sha256.slice(0, 16)}…（${published.rubric.id} ${published.rubric.version}）`,
          `  ✗ rubric differs: ${rubricFile} has sha256 ${rubric.sha256.slice(0, 16)}…, the result records ${published.rubric.sha256.slice(0, 16)}… (${published.rubric.id} ${published.rubric.version})`,
        ),
  );
  const sameTool = published.tool.name === TOOL.name && published.tool.version === TOOL.version;
  lines.push(
    sameTool
      ? t(lang, `  工具：${TOOL.name} ${TOOL.version}（与发布时相同）`, `  tool: ${TOOL.name} ${TOOL.version} (as published)`)
      : t(
          lang,
          `  注意：发布时的工具为 ${published.tool.name} ${published.tool.version}，当前为 ${TOOL.name} ${TOOL.version}`,
          `  note: published with ${published.tool.name} ${published.tool.version}, now ${TOOL.name} ${TOOL.version}`,
        ),
  );
  if (differences.length === 0 && hashOk) {
    // Byte for byte: the file is exactly what this tool writes for the recomputed result.
    const text = publishedText;
    const same = canonical(recomputed, published) === text || JSON.stringify(asPublished(recomputed, published)) === text.trimEnd();
    lines.push(
      same
        ? t(lang, '  ✓ 一致：重新评分的结果与发布的结果逐字节相同', '  ✓ confirmed: the recomputed result is byte-identical to the published one')
        : t(
            lang,
            '  ✓ 一致：重新评分的结果与发布的结果逐项、逐字段相同（文件排版不同）',
            '  ✓ confirmed: every field of the recomputed result equals the published one (the file is formatted differently)',
          ),
    );
    ctx.io.stdout(`${lines.join('\n')}\n`);
    return unmatched;
  }
  if (differences.length === 0)
    lines.push(t(lang, '  重新评分的各项结果相同，但细则文件不是评分时的那一份，不能确认', '  the recomputed fields agree, but the rubric is not the one it was scored with: not confirmed'));
  else {
    lines.push(t(lang, `  ✗ 不一致，共 ${differences.length} 处：`, `  ✗ ${differences.length} difference(s):`));
    for (const d of differences.slice(0, 200)) lines.push(`    ${describe(d, published, recomputed, lang)}`);
    if (differences.length > 200) lines.push(t(lang, `    … 另有 ${differences.length - 200} 处`, `    … and ${differences.length - 200} more`));
  }
  ctx.io.stdout(`${lines.join('\n')}\n`);
  return ExitCode.problems;
}

function asPublished(recomputed: StationResult, published: StationResult): StationResult {
  const rubric = { ...recomputed.rubric };
  if (published.rubric.file === undefined) delete rubric.file;
  else rubric.file = published.rubric.file;
  return { ...recomputed, tool: published.tool, rubric };
}

function canonical(recomputed: StationResult, published: StationResult): string {
  return `${JSON.stringify(asPublished(recomputed, published), null, 2)}\n`;
}

function show(v: unknown): string {
  if (v === undefined) return '（无）';
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

function describe(d: ResultDifference, published: StationResult, recomputed: StationResult, lang: Lang): string {
  const values = t(lang, `发布 ${show(d.published)}，重算 ${show(d.recomputed)}`, `published ${show(d.published)}, recomputed ${show(d.recomputed)}`);
  if (d.list === 'items') {
    const item = published.items.find((i) => i.id === d.id) ?? recomputed.items.find((i) => i.id === d.id);
    return t(lang, `项目 ${d.id}「${item?.name ?? ''}」 ${d.field}：${values}`, `item ${d.id} "${item?.name ?? ''}" ${d.field}: ${values}`);
  }
  if (d.list === 'modules') return t(lang, `模块 ${d.id} ${d.field}：${values}`, `module ${d.id} ${d.field}: ${values}`);
  if (d.list === 'nodes') return t(lang, `指标 ${d.id} ${d.field}：${values}`, `indicator ${d.id} ${d.field}: ${values}`);
  if (d.list === 'vetoes') return t(lang, `否决项 ${d.id} ${d.field}：${values}`, `veto ${d.id} ${d.field}: ${values}`);
  return `${d.path}：${values}`;
}

/** The quota decisions recorded in a batch result (granted / lost, with rank and cut-off); undefined for none or provisional ones. */
function publishedQuotas(r: StationResult): QuotaOutcome[] | undefined {
  const list = (r.quotas ?? (r.quota ? [r.quota] : [])).filter((q) => q.status !== 'provisional');
  const out: QuotaOutcome[] = [];
  for (const q of list) {
    if (q.status === 'provisional' || q.rank === undefined || q.qualifying === undefined || q.places === undefined || q.cutoff === undefined || q.atCutoff === undefined) return undefined;
    out.push({
      level: q.level,
      share: q.share,
      rounding: q.rounding,
      ties: q.ties,
      status: q.status,
      rank: q.rank,
      qualifying: q.qualifying,
      places: q.places,
      cutoff: q.cutoff,
      atCutoff: q.atCutoff,
    });
  }
  return out.length > 0 ? out : undefined;
}
