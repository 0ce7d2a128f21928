import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readCells } from '../../src/xlsx/read-cells.js';
import { cellText } from '../../src/workbook/cell-value.js';
import { must } from '../../src/util/must.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

async function sheetRows(file: string, sheet: string): Promise<string[][]> {
  const grid = await readCells(new Uint8Array(await readFile(file)));
  const s = must(grid.sheets.find((x) => x.name === sheet));
  const rows: string[][] = [];
  for (let r = 1; r <= s.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= s.columnCount; c++) row.push(cellText(s.get(r, c)));
    rows.push(row);
  }
  return rows;
}

describe('station-eval sample', () => {
  it('draws at least 30% of the 14 sample stations (5, not round(4.2) = 4) and shows the check', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sample-'));
    const out = path.join(dir, '抽查名单.xlsx');
    const r = await run('sample', 'samples/站点名册.xlsx', '--rate', '0.3', '--seed', '2024', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('抽中 5 / 14 站 = 35.71%，不低于规定比例 30%（至少 ⌈14 × 0.3⌉ = 5 站）');
    const list = await sheetRows(out, '抽查名单');
    expect(list).toHaveLength(6); // header + 5
    const info = Object.fromEntries((await sheetRows(out, '抽样说明')).map((row) => [row[0], row[1]]));
    expect(info['抽查比例']).toBe('不少于 30%（--rate 0.3）');
    expect(info['应抽站点数']).toBe('⌈14 × 0.3⌉ = 5');
    expect(info['抽中站点数']).toBe('5');
    expect(info['实际抽查比例']).toBe('35.71%（5 / 14），不低于 30%');
    expect(info['各县取整']).toContain('向下或向上取整');
    const strata = await sheetRows(out, '各县抽取数');
    expect(strata[1]).toEqual(['示例县', '14', '0', '4.2', '向上取整（余数较大）', '5']);
    expect(strata[2]).toEqual(['合计', '14', '0', '4.2', '应抽 5', '5']);
  });

  it('accepts a percent rate and prints in English with --lang en', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sample-'));
    const out = path.join(dir, 'list.xlsx');
    const r = await run('sample', 'samples/站点名册.xlsx', '--rate', '50%', '--seed', '1', '--out', out, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('drew 7 / 14 stations = 50%, not below the rate 50% (at least ⌈14 × 0.5⌉ = 7)');
  });

  it('refuses a rate outside (0, 1]', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sample-'));
    const r = await run('sample', 'samples/站点名册.xlsx', '--rate', '1.3', '--seed', '1', '--out', path.join(dir, 'x.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rate 应为 0 到 1 之间的比例');
  });
});
