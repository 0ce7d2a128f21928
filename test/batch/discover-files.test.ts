import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverWorkbooks, discoveryProblem } from '../../src/batch/discover-files.js';
import { messageOf } from '../../src/problems/render.js';

describe('discoverWorkbooks', () => {
  it('finds workbooks of every format read (.xlsx .xlsm .xls .et .ods .csv) recursively in sorted order and reports other spreadsheet formats', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'discover-'));
    await mkdir(path.join(root, '乙县'), { recursive: true });
    await mkdir(path.join(root, '甲县', '子目录'), { recursive: true });
    await mkdir(path.join(root, '.git'));
    await mkdir(path.join(root, '丙县'));
    await writeFile(path.join(root, '乙县', '城关镇.xlsx'), 'x');
    await writeFile(path.join(root, '甲县', '子目录', '东山镇.XLSX'), 'x');
    await writeFile(path.join(root, '甲县', '~$东山镇.xlsx'), 'lock');
    await writeFile(path.join(root, '甲县', '西山镇.xls'), 'old');
    await writeFile(path.join(root, '甲县', 'readme.txt'), 'x');
    for (const ext of ['xlsm', 'et', 'ods', 'csv', 'CSV']) await writeFile(path.join(root, '丙县', `站.${ext}`), 'x');
    await writeFile(path.join(root, '丙县', '模板.ett'), 'x');
    await writeFile(path.join(root, '.git', 'x.xlsx'), 'x');
    await mkdir(path.join(root, '目录.xlsx'));
    await symlink(root, path.join(root, '甲县', 'loop'));

    const { files, problems } = await discoverWorkbooks(root);
    expect(files.map((f) => f.relative)).toEqual(['丙县/站.CSV', '丙县/站.csv', '丙县/站.et', '丙县/站.ods', '丙县/站.xlsm', '乙县/城关镇.xlsx', '甲县/子目录/东山镇.XLSX', '甲县/西山镇.xls']);
    expect(problems.map((p) => [p.relative, p.code])).toEqual([['丙县/模板.ett', 'WRONG_FORMAT']]);
    expect(messageOf(discoveryProblem(problems[0]), 'zh')).toContain('另存为');
    expect(messageOf(discoveryProblem(problems[0]), 'en')).toBe('not a workbook format this tool reads (.ett): save it as .xlsx, .xls, .et, .ods or .csv in Excel, WPS or LibreOffice and try again');
  });
});
