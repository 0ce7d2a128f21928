/**
 * `station-eval compare <previous results.jsonl> <current results.jsonl> --out <dir>`:
 * year over year — what rose, what fell, which certificates are in force and
 * which expire. Writes 年度对比.xlsx; prints a summary. Exit 0, or 1 when
 * some stations could not be matched unambiguously (listed in 匹配问题).
 */
import { formatProblem } from '../../problems/render.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import type { LoadedRubric } from '../../rubric/model.js';
import type { StationResult } from '../../score/types.js';
import { outputError } from '../../util/atomic-write.js';
import { detectLang, t, type Lang } from '../../util/lang.js';
import { guardOutputs } from '../../util/output-guard.js';
import type { CommandContext } from '../main.js';
import { runContext } from '../../pipeline/context.js';

interface CompareOpts {
  out: string;
  mapping?: string;
  rubric?: string;
  year?: string;
  lang?: string;
  allowUnmatched?: boolean;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('compare')
    .description('年度对比：升级、降级、新参评、未参评，证书等级与到期 — compare two years of results')
    .argument('<previous>', '上年度的 results.jsonl（batch 输出）')
    .argument('<current>', '本年度的 results.jsonl')
    .requiredOption('-o, --out <dir>', '输出文件夹（写入 年度对比.xlsx）')
    .option('--mapping <file>', '站点对照表 (.xlsx)：原站点名称/原所属县/现站点名称/现所属县，处理更名与合并')
    .option('--rubric <file>', '本年度细则（证书规则 certification 与星级名称）；默认用结果中记录的细则文件')
    .option('--allow-unmatched', '有站点无法匹配时不以退出码 1 结束（匹配问题照常列出）')
    .option('--year <year>', '本年度（默认：本年度结果中填写最多的评估年度）')
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
站点匹配顺序 / Matching: 站点编码 → 对照表 → 所属县+站点名称（规范化，与 score/batch 同一规则）→ 仅名称（一方缺所属县且唯一时）；
其他县的同名站点不匹配，有歧义的不匹配，均列入“匹配问题”。
输出 / Output: 年度对比.xlsx（年度对比、证书、证书到期、匹配问题）
退出码 / Exit codes: 0 完成；1 有站点无法唯一匹配（见 匹配问题）；2 用法或输入错误

示例 / Example:
  station-eval compare out/2023/results.jsonl out/2024/results.jsonl --out out/2024-对比 --mapping 更名对照.xlsx`,
    )
    .action(async (previous: string, current: string, opts: CompareOpts) => {
      ctx.setExit(await runCompare(previous, current, opts, ctx));
    });
}

export async function runCompare(previousFile: string, currentFile: string, opts: CompareOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  const year = parseYear(opts.year, lang);
  const { loadResults } = await import('../../compare/load-results.js');
  const { compareYears, levelNamesOf } = await import('../../compare/compare-years.js');
  const { readMapping } = await import('../../compare/read-mapping.js');
  const { writeYearXlsx, YEAR_FILE } = await import('../../report/year-xlsx.js');
  const { expiryStatus } = await import('../../compare/certification.js');
  const { CHANGE_LABELS, CHANGE_LABELS_EN } = await import('../../compare/types.js');

  const previous = await loadResults(previousFile, lang);
  const current = await loadResults(currentFile, lang);
  const mapping = opts.mapping ? await readMapping(opts.mapping, lang) : [];
  const rubric = await rubricFor(currentFile, current.rubric, opts.rubric, lang, (s) => ctx.io.stderr(`${s}\n`));

  const cmp = compareYears(previous.records, current.records, {
    year,
    mapping,
    certification: rubric?.data.certification,
    levelNames: rubric ? levelNamesOf(rubric.data) : undefined,
  });
  const out = path.resolve(opts.out);
  const target = path.join(out, YEAR_FILE);
  guardOutputs({ inputs: [previousFile, currentFile, opts.mapping, opts.rubric], outDirs: [out], outputs: [target], lang });
  await mkdir(out, { recursive: true }).catch((err: unknown) => {
    throw outputError(err, out);
  });
  const date = runContext({ lang }).clock?.();
  await writeYearXlsx(target, cmp, { digits: rubric?.data.precision ?? 1, ...(date ? { date } : {}) });

  const counts = { up: 0, down: 0, same: 0, new: 0, absent: 0 };
  for (const r of cmp.rows) counts[r.change]++;
  const expiring = cmp.rows.filter((r) => expiryStatus(r.certificate, r.year) !== null).length;
  const labels = lang === 'en' ? CHANGE_LABELS_EN : CHANGE_LABELS;
  const parts = (Object.keys(counts) as (keyof typeof counts)[]).map((k) => `${labels[k]} ${counts[k]}`).join(lang === 'en' ? ', ' : '，');
  ctx.io.stderr(
    t(
      lang,
      `${cmp.year} 年与 ${cmp.previousYear ?? '上'} 年比较：${parts}；证书到期或失效 ${expiring} 站；匹配问题 ${cmp.problems.length} 条${cmp.certification ? '' : '；细则未规定证书规则（certification），证书以本年度评定为准'}\n`,
      `${cmp.year} against ${cmp.previousYear ?? 'last year'}: ${parts}; certificates expiring or expired ${expiring}; matching problems ${cmp.problems.length}${cmp.certification ? '' : '; the rubric has no certification rules: this year’s level counts'}\n`,
    ),
  );
  for (const p of cmp.problems.slice(0, 10)) ctx.io.stderr(`  ${formatProblem(p, lang)}\n`);
  const rel = path.relative(process.cwd(), target) || target;
  ctx.io.stdout(`${t(lang, '年度对比', 'comparison')}: ${rel}\n`);
  if (cmp.problems.length > 0 && opts.allowUnmatched)
    ctx.io.stderr(t(lang, `匹配问题 ${cmp.problems.length} 条，已按 --allow-unmatched 放行\n`, `${cmp.problems.length} matching problem(s), allowed by --allow-unmatched\n`));
  return cmp.problems.length > 0 && !opts.allowUnmatched ? 1 : 0;
}

function parseYear(text: string | undefined, lang: Lang): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1900 || n > 2200) {
    throw new UserError(t(lang, `--year 应为四位年份，例如 2024，收到 "${text}"`, `--year must be a year such as 2024, got "${text}"`), { code: 'USAGE' });
  }
  return n;
}

/** --rubric; else the rubric the current results name, when found with the same sha256; else none (no certification rules). */
async function rubricFor(resultsFile: string, stored: StationResult['rubric'] | undefined, explicit: string | undefined, lang: Lang, warn: (s: string) => void): Promise<LoadedRubric | undefined> {
  const { loadRubric } = await import('../../rubric/load-rubric.js');
  if (explicit) {
    const rubric = await loadRubric(explicit, { lang });
    if (stored && rubric.data.id !== stored.id) {
      warn(t(lang, `注意：--rubric 的细则 ${rubric.data.id} 与本年度结果使用的 ${stored.id} 不同`, `note: --rubric is ${rubric.data.id}, the current results used ${stored.id}`));
    }
    return rubric;
  }
  if (!stored?.file) return undefined;
  const { findResultRubric } = await import('../../rubric/find-result-rubric.js');
  const found = await findResultRubric(resultsFile, stored, lang);
  if (found.kind === 'mismatch') {
    warn(
      t(
        lang,
        `细则文件 ${found.file} 与本年度评分时使用的不一致（sha256 不同），不应用其证书规则；可用 --rubric 指定`,
        `rubric ${found.file} differs from the one the results were scored with; its certification rules are not applied (give --rubric)`,
      ),
    );
    return undefined;
  }
  if (found.kind !== 'found') {
    warn(t(lang, `找不到结果中记录的细则 ${stored.file}，不应用证书规则；可用 --rubric 指定`, `rubric ${stored.file} named in the results not found; no certification rules applied (give --rubric)`));
    return undefined;
  }
  const rubric = found.rubric;
  return rubric;
}
