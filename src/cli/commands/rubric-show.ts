/** `station-eval rubric show <file>`: the rubric's tree with points, kinds, bonus, vetoes and star levels. */
import { Option, type Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { detectLang } from '../../util/lang.js';
import type { CommandContext } from '../main.js';

export function register(rubric: Command, ctx: CommandContext): void {
  rubric
    .command('show')
    .description('查看细则：指标树、分值、评分方式、加分项、否决项、星级 — show a rubric as a tree')
    .argument('<file>', '细则文件 (YAML)')
    .addOption(new Option('-f, --format <format>', '输出格式 output format').choices(['text', 'markdown']).default('text'))
    .option('--lang <lang>', 'zh | en')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval rubric show rubrics/fujian-style.yaml
  station-eval rubric show rubrics/hunan-style.yaml --format markdown > 细则.md`,
    )
    .action(async (file: string, opts: { format: 'text' | 'markdown'; lang?: string }) => {
      const lang = detectLang(opts.lang);
      const [{ loadRubric }, { renderRubricMarkdown, renderRubricText }] = await Promise.all([import('../../rubric/load-rubric.js'), import('../../rubric/render-rubric.js')]);
      const loaded = await loadRubric(file, { lang });
      ctx.io.stdout(opts.format === 'markdown' ? renderRubricMarkdown(loaded, lang) : renderRubricText(loaded, lang));
      ctx.setExit(ExitCode.ok);
    });
}
