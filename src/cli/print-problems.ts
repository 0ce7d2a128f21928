/**
 * How commands show the pipeline's problems in the console: one located line
 * each, in the user's language; roster and spot-check mismatches end with a
 * line that says how many there are and make the exit code 1, unless the
 * user said `--allow-unmatched` (they are listed either way).
 */
import { ExitCode } from '../errors.js';
import type { Problem } from '../problems/problem.js';
import { formatProblem } from '../problems/render.js';
import { t, type Lang } from '../util/lang.js';
import type { CommandContext } from './main.js';

export function printProblems(problems: readonly Problem[], lang: Lang, ctx: CommandContext, max = Infinity): void {
  for (const p of problems.slice(0, max)) {
    const head = p.severity === 'error' ? t(lang, '错误', 'error') : t(lang, '提示', 'note');
    ctx.io.stderr(`${head}: ${formatProblem(p, lang)}\n`);
  }
  if (problems.length > max) ctx.io.stderr(t(lang, `… 另有 ${problems.length - max} 条\n`, `… and ${problems.length - max} more\n`));
}

/** The exit code for mismatches: 1 (with a closing line) unless allowed. */
export function mismatchExit(mismatches: readonly Problem[], allowed: boolean, lang: Lang, ctx: CommandContext, where?: string): number {
  if (mismatches.length === 0) return ExitCode.ok;
  const see = where ? t(lang, `（见 ${where}）`, ` (see ${where})`) : '';
  ctx.io.stderr(
    allowed
      ? t(lang, `站点匹配问题 ${mismatches.length} 条${see}，已按 --allow-unmatched 放行\n`, `${mismatches.length} station matching problem(s)${see}, allowed by --allow-unmatched\n`)
      : t(
          lang,
          `站点匹配问题 ${mismatches.length} 条${see}：名册或抽查记录与站点对不上，未采用；核对无误后可加 --allow-unmatched\n`,
          `${mismatches.length} station matching problem(s)${see}: roster or spot-check records that fit no station were not used; after checking, pass --allow-unmatched\n`,
        ),
  );
  return allowed ? ExitCode.ok : ExitCode.problems;
}
