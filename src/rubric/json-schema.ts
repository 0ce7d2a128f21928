/**
 * The JSON Schema (draft-07) of the rubric format, generated from the zod
 * schema, for editors (`# yaml-language-server: $schema=…`). The committed
 * copy `rubric.schema.json` is checked against this by a test.
 */
import { z } from 'zod';
import { Rubric } from './schema.js';

export function rubricJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Rubric, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: 'station-eval rubric (乡镇(街道)社工站评估细则)',
    description: 'A rubric for station-eval: modules › indicators › items with points and scoring rules, bonus, vetoes, star levels, reconciliation. See docs/rubric-format.md.',
    ...rest,
  };
}

export function rubricJsonSchemaText(): string {
  return `${JSON.stringify(rubricJsonSchema(), null, 2)}\n`;
}
