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

describe('station-eval template → fill → score, a rubric with scoring parties', () => {
  it('the Guangzhou split: party columns filled by code, scored by the command: 867 = 593.5 + 182 + 91.5', async () => {
    const GZ = 'test/fixtures/rubrics/guangzhou-parties.yaml';
    const dir = await mkdtemp(path.join(tmpdir(), 'tpl-'));
    const out = path.join(dir, '越秀区某街社工站.xlsx');
    expect((await run('template', GZ, '--out', out, '--station', '越秀区某街社工站', '--county', '越秀区')).code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('评分表');
    if (!ws) throw new Error('no 评分表');
    const header = ws.getRow(6).values as unknown[];
    const rowOf = (id: string) => {
      for (let r = 7; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === id) return r;
      throw new Error(id);
    };
    for (const [id, party, v] of [
      ['1.1', '第三方评估机构得分', 352.5],
      ['1.2', '第三方评估机构得分', 241],
      ['2.1', '采购方得分', 110],
      ['2.2', '采购方得分', 72],
      ['3.1', '督导得分', 55],
      ['3.2', '督导得分', 36.5],
    ] as const)
      ws.getCell(rowOf(id), header.indexOf(party)).value = v;
    await wb.xlsx.writeFile(out);
    const r = await run('score', GZ, '--self', out, '--json', '-');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { total: number; parties: { id: string; total: number; counted: number }[]; station: { name: string } };
    expect(result.station.name).toBe('越秀区某街社工站');
    expect(result.total).toBe(867);
    expect(result.parties.map((p) => [p.id, p.counted, p.total])).toEqual([
      ['evaluator', 2, 593.5],
      ['buyer', 2, 182],
      ['supervisor', 2, 91.5],
    ]);
  });
});
