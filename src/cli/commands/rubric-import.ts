/**
 * `station-eval rubric import <table> --out <rubric.yaml>`: a published
 * evaluation table (xlsx, xls, ods, csv) → a draft rubric, then the draft is
 * validated so every defect of the table (kept as printed) is listed at its
 * line. Exit 0: a clean draft; 1: the draft has errors (the table's defects);
 * 2: usage error or unreadable table. The logic is in src/rubric/import/.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import { detectLang, t, type Lang } from '../../util/lang.js';
import type { CommandContext } from '../main.js';
import { formatProblem } from '../../problems/render.js';
import type { DraftSummary } from '../../rubric/import/draft-yaml.js';
import type { DetectedShape } from '../../rubric/import/detect-rule.js';
import type { ImportedTable, TableRole } from '../../rubric/import/read-table.js';

interface ImportOpts {
  out: string;
  sheet?: string;
  id?: string;
  title?: string;
  force?: boolean;
  lang?: string;
}

/** Extensions of tables: an output with one of these is refused (it would be a table, not a rubric). */
const TABLE_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv', '.txt', '.doc', '.docx', '.wps', '.pdf']);

export function register(rubric: Command, ctx: CommandContext): void {
  rubric
    .command('import')
    .description('从已发布的评分细则表（xlsx/xls/ods/csv）生成细则草稿（YAML），并列出表中的缺陷 — import a published table as a draft rubric')
    .argument('<table>', '评分细则表：.xlsx、.xls、.ods 或 .csv（列如 一级指标/模块、模块分值、二级指标、序号/编号、标准要求/评估内容、分值、评分标准）')
    .requiredOption('-o, --out <file>', '输出的细则草稿 (.yaml)；- 表示输出到标准输出')
    .option('--sheet <name>', '读取这个工作表（默认：第一个有表头的工作表）')
    .option('--id <id>', '细则 id（小写字母、数字、.-_；默认取自文件名）')
    .option('--title <title>', '细则名称（默认：表格上方的标题行，或文件名）')
    .option('--force', '覆盖已存在的输出文件')
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
草稿中 / In the draft:
  模块、项目、编号、分值按表照录；标准要求 → content，评分标准 → standard（原文照录）。
  能识别的评分方式（每项扣 N 分、扣完为止、最多…分、分档、逐项得分）写成对应的 scoring，其余为 range（区间打分）。
  表中的缺陷（模块分值与各项合计不符、编号重复……）原样保留，由 rubric validate 逐条报告所在行。
  星级规则是占位，须按方案填写。
  Modules, items, numbers and points as printed; the rule text verbatim; recognised rule shapes become
  a scoring rule, others free points (range); the table's defects are kept for rubric validate to report;
  the star levels are a placeholder.

退出码 / Exit codes:
  0  草稿已写出，校验无错误 the draft is written and has no error
  1  草稿已写出，但有错误（多为表中的缺陷，见列表） the draft is written but has errors (the table's defects)
  2  用法错误或表格无法读取 usage error or unreadable table

示例 / Examples:
  station-eval rubric import 社区养老服务站星级评定标准.csv --out rubrics/社区养老.yaml
  station-eval rubric import 评估细则.xlsx --sheet 评分表 --id quanzhou-2024 --out quanzhou-2024.yaml
  station-eval rubric import 评估细则.xls --out - > 草稿.yaml
  station-eval rubric validate rubrics/社区养老.yaml`,
    )
    .action(async (table: string, opts: ImportOpts) => {
      ctx.setExit(await runImport(table, opts, ctx));
    });
}

/** The path of rubric.schema.json relative to the draft, for editors. */
function schemaPathFrom(outFile: string): string | undefined {
  const schema = fileURLToPath(new URL('../../../rubric.schema.json', import.meta.url));
  const rel = path
    .relative(path.dirname(path.resolve(outFile)), schema)
    .split(path.sep)
    .join('/');
  return rel || undefined;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

async function runImport(tableFile: string, opts: ImportOpts, ctx: CommandContext): Promise<number> {
  const lang = detectLang(opts.lang);
  const toStdout = opts.out === '-';
  if (!toStdout) {
    if (await sameFile(opts.out, tableFile)) throw new UserError(t(lang, '输出文件不能是输入的表格本身', 'the output must not be the input table itself'), { location: opts.out, code: 'USAGE' });
    const ext = path.extname(opts.out).toLowerCase();
    if (TABLE_EXTENSIONS.has(ext))
      throw new UserError(t(lang, `输出是细则草稿，应为 .yaml 文件，而不是 ${ext}（以免覆盖表格）`, `the output is a draft rubric and must be a .yaml file, not ${ext} (so no table is overwritten)`), {
        location: opts.out,
        code: 'USAGE',
      });
    if (
      !opts.force &&
      (await stat(opts.out).then(
        () => true,
        () => false,
      ))
    ) {
      throw new UserError(t(lang, '文件已存在；如需覆盖请加 --force', 'file exists; use --force to overwrite'), { location: opts.out, code: 'FILE_EXISTS' });
    }
  }
  if (opts.id !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(opts.id))
    throw new UserError(t(lang, `--id 只能用小写字母、数字、点、连字符、下划线，收到 "${opts.id}"`, `--id may hold lower-case letters, digits, . - _ only; got "${opts.id}"`), { code: 'USAGE' });

  const [{ openWorkbook }, { readTable, TableImportError }, { buildDraft }, { validateRubricText }, { formatDiagnostics }, { writeFileAtomic }] = await Promise.all([
    import('../../workbook/open-workbook.js'),
    import('../../rubric/import/read-table.js'),
    import('../../rubric/import/draft-yaml.js'),
    import('../../rubric/load-rubric.js'),
    import('../../rubric/format-diagnostics.js'),
    import('../../util/atomic-write.js'),
  ]);
  const display = path.basename(tableFile);
  const { grid } = await openWorkbook(tableFile, { display, lang });
  let table: ImportedTable;
  try {
    table = readTable(grid, { display, sheet: opts.sheet });
  } catch (err) {
    if (!(err instanceof TableImportError)) throw err;
    const { WorkbookError } = await import('../../workbook/workbook-error.js');
    throw new WorkbookError(err.problems, lang);
  }
  const draft = buildDraft(table, { source: display, id: opts.id, title: opts.title, schemaPath: toStdout ? undefined : schemaPathFrom(opts.out) });
  const outName = toStdout ? 'stdout.yaml' : opts.out;
  const check = validateRubricText(draft.yaml, outName);
  const errors = check.diagnostics.filter((d) => d.severity === 'error').length;

  if (toStdout) ctx.io.stdout(draft.yaml);
  else await writeFileAtomic(opts.out, draft.yaml);

  const say = toStdout ? ctx.io.stderr : ctx.io.stdout;
  say(renderSummary(display, table, draft.summary, lang));
  if (check.diagnostics.length > 0) {
    say(t(lang, `\n草稿校验（rubric validate）：\n`, `\nDraft check (rubric validate):\n`));
    say(formatDiagnostics('text', check.diagnostics, { lang, color: false, files: [outName] }));
  }
  say(
    toStdout
      ? t(lang, '\n草稿已输出到标准输出。星级规则是占位，请按方案填写。\n', '\nThe draft went to standard output. The star levels are a placeholder: fill them in from the scheme.\n')
      : t(
          lang,
          `\n已写入 ${opts.out}。星级规则是占位，请按方案填写，核对各项评分方式后运行：station-eval rubric validate ${opts.out}\n`,
          `\nWritten ${opts.out}. The star levels are a placeholder: fill them in, check each item's scoring, then run: station-eval rubric validate ${opts.out}\n`,
        ),
  );
  return errors > 0 ? ExitCode.problems : ExitCode.ok;
}

const ROLE_LABEL: Record<TableRole, [string, string]> = {
  module: ['模块', 'module'],
  modulePoints: ['模块分值', 'module points'],
  group: ['二级指标', 'level 2'],
  groupPoints: ['二级指标分值', 'level-2 points'],
  name: ['项目名称', 'item name'],
  id: ['编号', 'number'],
  content: ['内容', 'content'],
  points: ['分值', 'points'],
  standard: ['评分标准', 'rule text'],
  method: ['评估方法', 'method'],
};

const SHAPE_LABEL: Record<DetectedShape, [string, string]> = {
  checklist: ['组合分 checklist', 'checklist'],
  boolean: ['达标 boolean', 'met/not met'],
  deduction: ['扣分 deduction', 'deduction'],
  'assessed-deduction': ['现场酌情扣分 assessed-deduction', 'assessed deduction'],
  'checklist-deduction': ['勾选扣分 checklist-deduction', 'checklist with deduction'],
  composite: ['复合项目（分项上限）', 'composite (capped parts)'],
  count: ['计数 count', 'count'],
  tiers: ['分档 tiers', 'tiers'],
  range: ['区间打分 range（待核对）', 'free points (to check)'],
};

function renderSummary(display: string, table: ImportedTable, s: DraftSummary, lang: Lang): string {
  const out: string[] = [];
  const cols = (Object.entries(table.columns) as [TableRole, string][]).map(([role, letter]) => `${t(lang, ROLE_LABEL[role][0], ROLE_LABEL[role][1])}=${letter}「${table.headers[role]}」`);
  out.push(
    t(lang, `已读取 ${display} › ${table.sheet}（第 ${table.headerRow} 行为表头：${cols.join('，')}）`, `Read ${display} › ${table.sheet} (header in row ${table.headerRow}: ${cols.join(', ')})`),
  );
  const modulesSum = s.modules.reduce((n, m) => n + Math.round(m.points * 10_000), 0) / 10_000;
  out.push(
    t(
      lang,
      `${s.modules.length} 个模块、${s.items} 个评分项，模块分值合计 ${modulesSum}${s.totalDeclared ? `，表中合计 ${s.total}` : ''}：`,
      `${s.modules.length} modules, ${s.items} items, modules add up to ${modulesSum}${s.totalDeclared ? `, the table's total says ${s.total}` : ''}:`,
    ),
  );
  for (const m of s.modules) {
    const ok = m.points === m.itemsSum;
    const mark = m.declared ? (ok ? '✓' : '✗') : t(lang, '（未印模块分值）', '(no module points printed)');
    out.push(`  ${m.id} ${m.name} ${m.points}  ${t(lang, `${m.items} 项，合计 ${m.itemsSum}`, `${m.items} items, sum ${m.itemsSum}`)} ${mark}`);
  }
  if (s.bonus)
    out.push(
      t(
        lang,
        `  加分项「${s.bonus.name}」上限 ${s.bonus.cap}（${s.bonus.items} 项，合计 ${s.bonus.itemsSum}），不计入满分`,
        `  bonus "${s.bonus.name}" capped at ${s.bonus.cap} (${s.bonus.items} items, sum ${s.bonus.itemsSum}), outside the total`,
      ),
    );
  const shapes = (Object.entries(s.shapes) as [DetectedShape, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${t(lang, SHAPE_LABEL[k][0], SHAPE_LABEL[k][1])} ${n}`);
  out.push(t(lang, `评分方式：${shapes.join('，')}`, `Scoring: ${shapes.join(', ')}`));
  if (s.defects.length > 0) {
    out.push(t(lang, `表中的缺陷（已按原样写入草稿）：`, `Defects of the table (kept in the draft as printed):`));
    for (const d of s.defects) out.push(`  ${formatProblem(d, lang)}`);
  }
  if (s.skipped.length > 0) {
    out.push(t(lang, `未导入的行：`, `Rows not imported:`));
    for (const r of s.skipped) out.push(`  ${formatProblem(r, lang)}`);
  }
  return `${out.join('\n')}\n`;
}
