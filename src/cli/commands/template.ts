/**
 * `station-eval template <rubric> --out <file.xlsx>`: the workbook stations
 * and evaluators fill in. With `--roster <xlsx>`, one pre-filled template per
 * station of the roster into the folder `--out`.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { safeFileName, UniqueNames } from '../../util/safe-file-name.js';
import type { StationMeta } from '../../score/types.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { detectLang, t, type Lang } from '../../util/lang.js';
import { guardOutputs } from '../../util/output-guard.js';
import type { CommandContext } from '../main.js';
import { runContext } from '../../pipeline/context.js';
import { must } from '../../util/must.js';

interface TemplateOpts {
  out?: string;
  station?: string;
  county?: string;
  township?: string;
  operator?: string;
  year?: string;
  roster?: string;
  force?: boolean;
  lang?: string;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('template')
    .description('生成自评/抽查评分表模板（.xlsx） — generate the fill-in workbook from a rubric')
    .argument('<rubric>', '细则文件 (YAML)')
    .requiredOption('-o, --out <file>', '输出文件；与 --roster 一起时为输出文件夹')
    .option('--station <name>', '预填站点名称')
    .option('--county <name>', '预填所属县(市、区)')
    .option('--township <name>', '预填乡镇(街道)')
    .option('--operator <name>', '预填运营机构')
    .option('--year <year>', '预填评估年度')
    .option('--roster <xlsx>', '站点名册：为名册中每个站点生成一份预填的模板到 --out 文件夹')
    .option('--force', '覆盖已存在的文件')
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval template rubrics/fujian-style.yaml --out 评分表.xlsx
  station-eval template rubrics/fujian-style.yaml --out 城关镇.xlsx --station 城关镇社工站 --county 示例县
  station-eval template rubrics/fujian-style.yaml --roster samples/站点名册.xlsx --out 模板/`,
    )
    .action(async (rubricFile: string, opts: TemplateOpts) => {
      ctx.setExit(await runTemplate(rubricFile, opts, ctx));
    });
}

export async function runTemplate(rubricFile: string, opts: TemplateOpts, ctx: CommandContext): Promise<number> {
  const lang: Lang = detectLang(opts.lang);
  const { loadRubric } = await import('../../rubric/load-rubric.js');
  const rubric = await loadRubric(rubricFile, { lang });
  const { buildTemplate } = await import('../../workbook/template.js');
  const out = must(opts.out);
  const date = runContext({ lang }).clock?.();
  const dated = date ? { date } : {};
  const year = opts.year ?? (rubric.data.year !== undefined ? String(rubric.data.year) : undefined);
  if (!opts.roster) {
    guardOutputs({ inputs: [rubricFile], outputs: [out], lang });
    if (!opts.force && (await exists(out))) throw new UserError(t(lang, '文件已存在；如要覆盖请加 --force', 'file exists; add --force to overwrite'), { location: out, code: 'OUTPUT_EXISTS' });
    const station: Partial<StationMeta> = { name: opts.station, county: opts.county, township: opts.township, operator: opts.operator, year };
    await writeFileAtomic(out, await buildTemplate(rubric, { station, ...dated }));
    ctx.io.stdout(t(lang, `已生成评分表：${out}\n`, `template written: ${out}\n`));
    return 0;
  }
  const { readRoster } = await import('../../workbook/read-roster.js');
  const roster = await readRoster(opts.roster, { lang });
  guardOutputs({ inputs: [rubricFile, opts.roster], outDirs: [out], lang });
  const names = new UniqueNames();
  let written = 0;
  let skipped = 0;
  for (const s of roster) {
    const base = safeFileName(s.county && !s.name.startsWith(s.county) ? `${s.county}-${s.name}` : s.name);
    const file = path.join(out, `${names.claim(base)}.xlsx`);
    guardOutputs({ inputs: [rubricFile, opts.roster], outputs: [file], lang });
    if (!opts.force && (await exists(file))) {
      ctx.io.stderr(t(lang, `${file}: 已存在，跳过（加 --force 覆盖）\n`, `${file}: exists, skipped (add --force to overwrite)\n`));
      skipped++;
      continue;
    }
    await writeFileAtomic(file, await buildTemplate(rubric, { station: { ...s, year: s.year ?? year }, ...dated }));
    written++;
  }
  ctx.io.stdout(
    t(lang, `已在 ${out} 生成 ${written} 份评分表${skipped ? `，跳过 ${skipped} 份已存在的` : ''}\n`, `${written} templates written to ${out}${skipped ? `, ${skipped} existing skipped` : ''}\n`),
  );
  return 0;
}
