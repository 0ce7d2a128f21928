/**
 * `station-eval sample <roster> --rate 0.3 --seed <n> --out <file.xlsx>`:
 * draw the spot-check sample, stratified by county (at least one per county),
 * reproducible from the seed, written with the seed and rate into the file.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { detectLang, t } from '../../util/lang.js';
import { guardOutputs } from '../../util/output-guard.js';
import type { CommandContext } from '../main.js';

/** How each county's share is rounded: the rule of src/batch/draw-sample.ts, in words. */
const ROUNDING_RULE =
  '全部应抽 ⌈站点总数 × 比例⌉ 站；各县先取 ⌊县站点数 × 比例⌋（不足 1 站的取 1 站），差额按份额小数部分从大到小逐县补 1 站（相同时站点多的县优先，再由种子决定），因此各县抽取数是其份额向下或向上取整，合计不低于规定比例';
const ROUNDING_RULE_EN =
  '⌈N × rate⌉ in all; each county first gets ⌊n × rate⌋ (at least 1), the difference goes one station each to the counties with the largest fractional share (ties: larger county, then the seed), so each county gets its share rounded down or up and the total meets the rate';
const ROUNDING_LABEL = { exact: '整数，不取整', down: '向下取整', up: '向上取整（余数较大）', minimum: '不足 1 站，取 1 站' } as const;

/** a / b as a text, truncated (never shown above the exact value) to 2 decimals. */
function percentText(a: bigint, b: bigint): string {
  const hundredths = (a * 100n) / b;
  const whole = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

interface SampleOpts {
  rate: string;
  seed: string;
  by?: string;
  exclude?: string;
  out: string;
  force?: boolean;
  lang?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('sample')
    .description('抽取第三方抽查样本（按县区分层，每县至少一站，可由种子复现） — draw the spot-check sample')
    .argument('<roster>', '站点名册 (.xlsx)')
    .requiredOption('--rate <fraction>', '抽查比例，如 0.3（30%）')
    .requiredOption('--seed <n>', '随机种子：同一名册、比例和种子总是抽出同样的站点')
    .option('--by <field>', '分层字段：county（默认，按县区分层）或 none', 'county')
    .option('--exclude <xlsx>', '上年已抽查的站点名单（名册格式）：尽量不再抽取')
    .requiredOption('-o, --out <file>', '输出的抽查名单 (.xlsx)')
    .option('--force', '覆盖已存在的输出文件')
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval sample samples/站点名册.xlsx --rate 0.3 --seed 2024 --out 抽查名单.xlsx
  station-eval sample 全省名册.xlsx --rate 0.1 --seed 7 --exclude 2023抽查名单.xlsx --out 2024抽查名单.xlsx`,
    )
    .action(async (roster: string, opts: SampleOpts) => {
      ctx.setExit(await runSample(roster, opts, ctx));
    });
}

async function runSample(rosterFile: string, opts: SampleOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  const { drawSample, parseRate, meetsRate, shareOf } = await import('../../batch/draw-sample.js');
  let rate: ReturnType<typeof parseRate>;
  try {
    rate = parseRate(opts.rate);
  } catch {
    throw new UserError(t(lang, `--rate 应为 0 到 1 之间的比例（如 0.3 或 30%），收到 "${opts.rate}"`, `--rate must be a fraction in (0, 1] such as 0.3 or 30%, got "${opts.rate}"`), {
      code: 'USAGE',
    });
  }
  if (opts.by !== 'county' && opts.by !== 'none') throw new UserError(t(lang, `--by 只能是 county 或 none，收到 "${opts.by}"`, `--by must be county or none, got "${opts.by}"`), { code: 'USAGE' });
  guardOutputs({ inputs: [rosterFile, opts.exclude], outputs: [opts.out], lang });
  if (
    !opts.force &&
    (await access(opts.out).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UserError(t(lang, '文件已存在；如需覆盖请加 --force', 'file exists; use --force to overwrite'), { location: opts.out, code: 'FILE_EXISTS' });
  }
  const { readRoster } = await import('../../workbook/read-roster.js');
  const roster = await readRoster(rosterFile, { lang });
  const exclude = opts.exclude ? new Set((await readRoster(opts.exclude, { lang })).map((e) => e.key)) : undefined;
  const byKey = new Map(roster.map((e) => [e.key, e]));
  const sample = drawSample(
    roster.map((e) => ({ key: e.key, name: e.name, county: e.county ?? '' })),
    { rate: rate.text, seed: opts.seed, byCounty: opts.by === 'county', exclude },
  );
  if (!meetsRate(sample)) throw new Error(`internal: drew ${sample.drawn.length} of ${sample.stations}, below rate ${rate.text}`);
  const percent = `${percentText(rate.num * 100n, rate.den)}%`;
  const achieved = sample.stations === 0 ? '0%' : `${percentText(BigInt(sample.drawn.length) * 100n, BigInt(sample.stations))}%`;
  const check = t(
    lang,
    `抽中 ${sample.drawn.length} / ${sample.stations} 站 = ${achieved}，不低于规定比例 ${percent}（至少 ⌈${sample.stations} × ${rate.text}⌉ = ${sample.target} 站）`,
    `drew ${sample.drawn.length} / ${sample.stations} stations = ${achieved}, not below the rate ${percent} (at least ⌈${sample.stations} × ${rate.text}⌉ = ${sample.target})`,
  );

  const { addTableSheet, writeStreamingWorkbook } = await import('../../xlsx/write-streaming.js');
  await writeStreamingWorkbook(opts.out, (wb) => {
    const list = addTableSheet(wb, '抽查名单', [
      { header: '序号', width: 6 },
      { header: '所属县(市、区)', width: 14 },
      { header: '站点名称', width: 28 },
      { header: '乡镇(街道)', width: 14 },
      { header: '运营机构', width: 26 },
      { header: '站点编码', width: 14 },
      { header: '备注', width: 40 },
    ]);
    sample.drawn.forEach((d, i) => {
      const e = byKey.get(d.key);
      if (!e) throw new Error(`internal: drawn station ${d.key} is not in the roster`);
      list.addRow([i + 1, e.county ?? '', e.name, e.township ?? '', e.operator ?? '', e.code ?? '', d.note ?? '']).commit();
    });
    list.commit();
    const info = addTableSheet(wb, '抽样说明', [
      { header: '项目', width: 18 },
      { header: '内容', width: 60 },
    ]);
    const rows: [string, string | number][] = [
      ['站点名册', path.basename(rosterFile)],
      ['名册站点数', roster.length],
      ['抽查比例', `不少于 ${percent}（--rate ${rate.text}）`],
      ['随机种子', opts.seed],
      ['分层', opts.by === 'county' ? '按县(市、区)分层，每县至少 1 站' : '不分层'],
      ['各县取整', ROUNDING_RULE],
      ['排除名单', opts.exclude && exclude ? `${path.basename(opts.exclude)}（${exclude.size} 站）` : '无'],
      ['应抽站点数', `⌈${sample.stations} × ${rate.text}⌉ = ${sample.target}`],
      ['抽中站点数', sample.drawn.length],
      ['实际抽查比例', `${achieved}（${sample.drawn.length} / ${sample.stations}），不低于 ${percent}`],
      ['复现方法', `station-eval sample ${path.basename(rosterFile)} --rate ${rate.text} --seed ${opts.seed} --by ${opts.by}${opts.exclude ? ` --exclude ${path.basename(opts.exclude)}` : ''}`],
    ];
    for (const r of rows) info.addRow(r).commit();
    info.addRow([]).commit();
    const strata = addTableSheet(wb, '各县抽取数', [
      { header: '县(市、区)', width: 16 },
      { header: '站点数', width: 8 },
      { header: '上年已抽查', width: 10 },
      { header: '应抽份额（站点数×比例）', width: 22 },
      { header: '取整', width: 22 },
      { header: '抽中', width: 8 },
    ]);
    for (const s of sample.strata) strata.addRow([s.county || '（全部）', s.stations, s.excluded, Number(s.share), ROUNDING_LABEL[s.rounding], s.drawn]).commit();
    strata.addRow(['合计', sample.stations, sample.strata.reduce((n, s) => n + s.excluded, 0), Number(shareOf(sample.stations, rate)), `应抽 ${sample.target}`, sample.drawn.length]).commit();
    strata.commit();
    info.commit();
  });
  ctx.io.stdout(`${check}\n`);
  ctx.io.stdout(t(lang, `种子 ${opts.seed}；各县取整：${ROUNDING_RULE}\n已写入 ${opts.out}\n`, `seed ${opts.seed}; per county: ${ROUNDING_RULE_EN}\nwritten to ${opts.out}\n`));
  return 0;
}
