/**
 * `station-eval rubric …`: the command group for rubric files. Its
 * subcommands live one per file: rubric-validate.ts, rubric-schema.ts,
 * rubric-show.ts, rubric-import.ts. Nothing here imports exceljs or pdfkit.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { register as registerValidate } from './rubric-validate.js';
import { register as registerSchema } from './rubric-schema.js';
import { register as registerShow } from './rubric-show.js';
import { register as registerImport } from './rubric-import.js';

export function register(program: Command, ctx: CommandContext): void {
  const rubric = program
    .command('rubric')
    .description('评分细则（YAML）：校验、JSON Schema、查看、从表格导入 — validate, print the schema of, show, or import a rubric')
    .addHelpText(
      'after',
      `
示例 / Examples:
  station-eval rubric validate rubrics/
  station-eval rubric schema > rubric.schema.json
  station-eval rubric show rubrics/fujian-style.yaml --format markdown
  station-eval rubric import 评分细则表.xlsx --out 草稿.yaml`,
    );
  registerValidate(rubric, ctx);
  registerSchema(rubric, ctx);
  registerShow(rubric, ctx);
  registerImport(rubric, ctx);
}
