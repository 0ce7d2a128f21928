/** The rubrics shipped in rubrics/ validate clean: no error and no warning. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateRubricFile } from '../../src/rubric/load-rubric.js';
import { must } from '../../src/util/must.js';
import { messageOf } from '../../src/problems/render.js';

const dir = fileURLToPath(new URL('../../rubrics/', import.meta.url));
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

describe('bundled rubrics', () => {
  it('include fujian-style and hunan-style', () => expect(files).toEqual(expect.arrayContaining(['fujian-style.yaml', 'hunan-style.yaml'])));

  for (const f of files) {
    it(`${f} validates with no diagnostic`, async () => {
      const r = await validateRubricFile(path.join(dir, f));
      expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${messageOf(d, 'zh')}`)).toEqual([]);
      expect(r.rubric).toBeDefined();
    });
    it(`${f} starts with the editor schema line`, () => {
      expect(readFileSync(path.join(dir, f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../rubric.schema.json');
    });
  }

  it('fujian-style: six modules adding up to 1000, at least 60 items, every kind', async () => {
    const r = must((await validateRubricFile(path.join(dir, 'fujian-style.yaml'))).rubric);
    expect(r.data.total).toBe(1000);
    expect(r.data.modules.map((m) => m.name)).toEqual(['基础建设', '制度建设', '运营投入', '运营管理', '服务提供', '运营绩效']);
    expect(r.index.items.filter((i) => !i.bonus).length).toBeGreaterThanOrEqual(60);
    expect(new Set(r.index.items.map((i) => i.rule.kind))).toEqual(new Set(['range', 'boolean', 'choice', 'checklist', 'tiers', 'count', 'deduction', 'graded', 'control']));
  });
});
