/**
 * `station-eval report <result.json> [--rubric <file>] [--xlsx <file>] [--pdf <file>] [--out <dir>] [--force]`:
 * re-render a station's Excel and PDF from a saved result, without reading
 * workbooks or scoring. The rubric is the one the result names (its path,
 * relative to the working folder or to the JSON's folder) or `--rubric`, and
 * must have the sha256 stored in the result unless `--force`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import type { LoadedRubric } from '../../rubric/model.js';
import { RESULT_FORMAT_VERSION, type StationResult } from '../../score/types.js';
import { detectLang, t, type Lang } from '../../util/lang.js';
import type { CommandContext } from '../main.js';

export interface ReportOpts {
  rubric?: string;
  xlsx?: string;
  pdf?: string;
  json?: string;
  out?: string;
  force?: boolean;
  lang?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('由保存的评分结果 JSON 重新生成 Excel 和 PDF 报告 — re-render reports from a saved result')
    .argument('<result.json>', '评分结果 JSON（score --json 的输出）')
    .option('--rubric <file>', '评分细则 (YAML)；默认用结果中记录的细则路径')
    .option('--xlsx <file>', 'Excel 报告写入此文件')
    .option('--pdf <file>', 'PDF 报告写入此文件')
    .option('--out <dir>', '把 Excel 和 PDF 报告以默认文件名写入此文件夹')
    .option('--force', '细则文件的 sha256 与结果中记录的不一致时仍然生成')
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
  const result = await readResult(file, lang);
  const rubricFile = findRubricFile(file, result, opts.rubric, lang);
  const { loadRubric } = await import('../../rubric/load-rubric.js');
  const rubric = await loadRubric(rubricFile, { lang });
  checkRubricHash(result, rubric, rubricFile, opts.force === true, lang, (w) => ctx.io.stderr(`${t(lang, '警告', 'warning')}: ${w}\n`));
  const { writeStationReports } = await import('../../report/write-reports.js');
  const written = await writeStationReports(result, rubric, { xlsx: opts.xlsx, pdf: opts.pdf, json: opts.json, out: opts.out }, { inputs: [file, rubricFile], lang });
  for (const w of written) ctx.io.stdout(`${t(lang, '已写入', 'wrote')} ${w.file}\n`);
  return ExitCode.ok;
}

/** Read and sanity-check a saved result. */
export async function readResult(file: string, lang: Lang): Promise<StationResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(t(lang, `无法读取结果文件：${(err as Error).message}`, `cannot read the result file: ${(err as Error).message}`), { location: file, code: 'RESULT_UNREADABLE', cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UserError(t(lang, `不是有效的 JSON：${(err as Error).message}`, `not valid JSON: ${(err as Error).message}`), { location: file, code: 'RESULT_NOT_JSON', cause: err });
  }
  const r = data as Partial<StationResult> | null;
  const missing: string[] = [];
  if (!r || typeof r !== 'object') missing.push('(object)');
  else {
    if (typeof r.formatVersion !== 'number') missing.push('formatVersion');
    if (typeof r.station?.name !== 'string') missing.push('station.name');
    if (typeof r.rubric?.sha256 !== 'string' || typeof r.rubric?.id !== 'string') missing.push('rubric');
    if (typeof r.total !== 'number') missing.push('total');
    if (!Array.isArray(r.items)) missing.push('items');
    if (!Array.isArray(r.modules)) missing.push('modules');
  }
  if (missing.length > 0) {
    throw new UserError(
      t(lang, `不是 station-eval 的评分结果（缺少 ${missing.join('、')}）；请用 score --json 生成的文件`, `not a station-eval result (missing ${missing.join(', ')}); use a file written by score --json`),
      { location: file, code: 'RESULT_INVALID' },
    );
  }
  if (r!.formatVersion! > RESULT_FORMAT_VERSION) {
    throw new UserError(
      t(lang, `结果格式版本 ${r!.formatVersion} 比本工具支持的 ${RESULT_FORMAT_VERSION} 新；请升级 station-eval`, `result format ${r!.formatVersion} is newer than this tool's ${RESULT_FORMAT_VERSION}; upgrade station-eval`),
      { location: file, code: 'RESULT_TOO_NEW' },
    );
  }
  return r as StationResult;
}

/** The rubrics bundled with the tool (rubrics/ beside package.json). */
const BUNDLED_RUBRICS = fileURLToPath(new URL('../../../rubrics/', import.meta.url));

/**
 * --rubric, else the result's rubric path relative to the working folder,
 * else to the JSON's folder, else a bundled rubric of the same file name (the
 * stored sha256 is checked afterwards, so a different file is never used silently).
 */
export function findRubricFile(resultFile: string, result: StationResult, explicit: string | undefined, lang: Lang): string {
  if (explicit) return explicit;
  const stored = result.rubric.file;
  if (!stored) {
    throw new UserError(t(lang, '结果中没有记录细则文件路径；请用 --rubric 指定', 'the result does not name its rubric file; give --rubric'), { location: resultFile, code: 'RUBRIC_NOT_NAMED' });
  }
  const candidates = path.isAbsolute(stored) ? [stored] : [path.resolve(stored), path.resolve(path.dirname(resultFile), stored)];
  candidates.push(path.join(BUNDLED_RUBRICS, path.basename(stored)));
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new UserError(
      t(lang, `找不到结果中记录的细则文件 ${stored}（已查找：${candidates.join('、')}）；请用 --rubric 指定`, `cannot find the rubric ${stored} named in the result (looked in ${candidates.join(', ')}); give --rubric`),
      { location: resultFile, code: 'RUBRIC_NOT_FOUND' },
    );
  }
  if (path.isAbsolute(stored)) return found;
  const rel = path.relative(process.cwd(), found);
  return rel && !rel.startsWith('..') ? rel : found;
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
