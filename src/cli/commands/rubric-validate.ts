/**
 * `station-eval rubric validate <files or folders…>`: every problem of every
 * rubric, in text, json, github or sarif. Exit 0: no errors (warnings allowed);
 * 1: errors; 2: usage error or unreadable file.
 */
import { Option, type Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import { diagnostic, type Diagnostic } from '../../rubric/diagnostics.js';
import type { DiagnosticFormat } from '../../rubric/format-diagnostics.js';
import { detectLang, t } from '../../util/lang.js';
import { TOOL } from '../../version.js';
import type { CommandContext } from '../main.js';
import { isTerminal } from '../../util/terminal.js';

/** Kept here (not imported) so `--help` does not load the validator. */
const FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github', 'sarif'];

interface ValidateOpts {
  format: DiagnosticFormat;
  lang?: string;
  color?: boolean;
  maxSize?: string;
}

/** Colour only on a terminal, and never with NO_COLOR or TERM=dumb. */
export function useColor(explicit: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (explicit === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (explicit === true) return true;
  return isTerminal(process.stdout) && env.TERM !== 'dumb';
}

export function register(rubric: Command, ctx: CommandContext): void {
  rubric
    .command('validate')
    .description('校验评分细则：YAML 语法、结构、分值合计、编号、星级区间……一次报告全部问题 — validate rubric files, reporting every problem')
    .argument('<paths...>', '细则文件或文件夹（递归查找 *.yaml / *.yml，跳过 node_modules 和 . 开头的文件夹）')
    .addOption(new Option('-f, --format <format>', '输出格式 output format').choices([...FORMATS]).default('text'))
    .option('--lang <lang>', '消息语言 zh | en（默认中文；英文 LANG 时为英文）')
    .option('--no-color', '不用颜色（NO_COLOR 环境变量同效）')
    .option('--max-size <MB>', '单个文件大小上限（MB，默认 5）')
    .addHelpText(
      'after',
      `
退出码 / Exit codes:
  0  没有错误（可以有警告） no errors (warnings allowed)
  1  发现错误 errors found
  2  用法错误或文件无法读取 usage error or unreadable file

示例 / Examples:
  station-eval rubric validate rubrics/fujian-style.yaml
  station-eval rubric validate rubrics/ my-rubrics/ --format github
  station-eval rubric validate . --format sarif > rubrics.sarif
  station-eval rubric validate 我的细则.yaml --lang en --format json`,
    )
    .action(async (paths: string[], opts: ValidateOpts) => {
      const lang = detectLang(opts.lang);
      // Loaded here, not at the top, so `--help` and other commands stay light.
      const [{ z }, { findRubricFiles }, { formatDiagnostics }, { validateRubricFile }] = await Promise.all([
        import('zod'),
        import('../../rubric/find-rubric-files.js'),
        import('../../rubric/format-diagnostics.js'),
        import('../../rubric/load-rubric.js'),
      ]);
      // One-shot run: zod's JIT-compiled parsers cost more to build than they save here.
      z.config({ jitless: true });
      let maxBytes: number | undefined;
      if (opts.maxSize !== undefined) {
        const mb = Number(opts.maxSize);
        if (!Number.isFinite(mb) || mb <= 0) throw new UserError(t(lang, `--max-size 应为正数（MB），收到 "${opts.maxSize}"`, `--max-size must be a positive number of MB, got "${opts.maxSize}"`));
        maxBytes = Math.round(mb * 1024 * 1024);
      }
      const found = await findRubricFiles(paths);
      const diagnostics: Diagnostic[] = [];
      let unreadable = found.missing.length > 0;
      for (const m of found.missing) {
        diagnostics.push(
          diagnostic({
            file: m.path,
            line: 1,
            column: 1,
            path: '',
            code: 'FILE_UNREADABLE',
            severity: 'error',
            params: m.reason === 'ENOENT' ? { reason: 'no-such-path' } : { reason: 'errno', errno: m.reason },
          }),
        );
      }
      for (const folder of found.emptyFolders) {
        ctx.io.stderr(t(lang, `注意：文件夹 ${folder} 中没有 *.yaml / *.yml 文件\n`, `Note: no *.yaml / *.yml file in the folder ${folder}\n`));
      }
      if (found.files.length === 0 && found.missing.length === 0) {
        ctx.io.stderr(t(lang, '没有找到要校验的细则文件\n', 'No rubric file to validate\n'));
        ctx.setExit(ExitCode.usage);
        return;
      }
      for (const file of found.files) {
        const result = await validateRubricFile(file, { maxBytes });
        if (result.unreadable) unreadable = true;
        diagnostics.push(...result.diagnostics);
      }
      const files = [...found.missing.map((m) => m.path), ...found.files];
      ctx.io.stdout(formatDiagnostics(opts.format, diagnostics, { lang, color: opts.format === 'text' && useColor(opts.color === false ? false : undefined), files, tool: TOOL }));
      ctx.setExit(unreadable ? ExitCode.usage : diagnostics.some((d) => d.severity === 'error') ? ExitCode.problems : ExitCode.ok);
    });
}
