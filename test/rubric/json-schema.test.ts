import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rubricJsonSchema, rubricJsonSchemaText } from '../../src/rubric/json-schema.js';

describe('rubric.schema.json', () => {
  it('is draft-07 and describes the top-level keys', () => {
    const schema = rubricJsonSchema() as { $schema: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'title', 'total', 'modules', 'bonus', 'vetoes', 'stars', 'reconciliation', 'columns']));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'version', 'total', 'modules', 'stars']));
  });

  it('the committed copy matches the generator', () => {
    const committed = readFileSync(new URL('../../rubric.schema.json', import.meta.url), 'utf8');
    expect(
      committed === rubricJsonSchemaText(),
      'rubric.schema.json is out of date with src/rubric/schema.ts; regenerate it: npx tsc -p . && node bin/station-eval.js rubric schema > rubric.schema.json',
    ).toBe(true);
  });
});
