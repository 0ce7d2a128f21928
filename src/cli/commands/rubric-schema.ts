/** `station-eval rubric schema`: the JSON Schema (draft-07) of the rubric format, generated from the zod schema. */
import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import type { CommandContext } from '../main.js';

export function register(rubric: Command, ctx: CommandContext): void {
  rubric
    .command('schema')
    .description('输出细则格式的 JSON Schema（draft-07），供编辑器补全和检查 — print the JSON Schema of the rubric format')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval rubric schema > rubric.schema.json
  # 在细则文件第一行写 / first line of a rubric:
  # yaml-language-server: $schema=../rubric.schema.json`,
    )
    .action(async () => {
      const { rubricJsonSchemaText } = await import('../../rubric/json-schema.js');
      ctx.io.stdout(rubricJsonSchemaText());
      ctx.setExit(ExitCode.ok);
    });
}
