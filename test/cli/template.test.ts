import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { readStationWorkbook } from '../../src/workbook/read-station-workbook.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('station-eval template', () => {
  it('writes a pre-filled template, refuses to overwrite without --force', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tpl-'));
    const out = path.join(dir, '城关镇.xlsx');
    const r = await run('template', 'rubrics/fujian-style.yaml', '--out', out, '--station', '城关镇社工站', '--county', '示例县');
    expect(r.code).toBe(0);
    const rubric = await loadRubric('rubrics/fujian-style.yaml');
    const read = await readStationWorkbook(out, rubric);
    expect(read.station).toMatchObject({ name: '城关镇社工站', county: '示例县', year: 2022 });
    expect(read.stamp).toMatchObject({ id: 'fujian-style', sha256: rubric.sha256 });
    expect(read.self.items).toEqual({});
    const again = await run('template', 'rubrics/fujian-style.yaml', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`${out}: 文件已存在；如要覆盖请加 --force\n`);
    expect((await run('template', 'rubrics/fujian-style.yaml', '--out', out, '--force')).code).toBe(0);
  });

  it('--roster writes one template per station with safe names', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tpl-'));
    const r = await run('template', 'rubrics/fujian-style.yaml', '--roster', 'samples/站点名册.xlsx', '--out', dir);
    expect(r.code).toBe(0);
    const files = (await readdir(dir)).sort();
    expect(files.length).toBe(14);
    expect(files).toContain('示例县金溪乡社工站.xlsx');
  });
});
