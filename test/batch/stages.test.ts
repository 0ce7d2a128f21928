import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locationAfterFile, problemsOf, readTask } from '../../src/batch/stages.js';
import { UserError } from '../../src/errors.js';
import { formatProblem } from '../../src/problems/render.js';

const RUBRIC = path.resolve('test/fixtures/rubrics/minimal.yaml');

describe('an unreadable workbook in a batch', () => {
  it('is named once, by the path relative to the input folder', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'stages-'));
    await mkdir(path.join(root, '示例县'));
    const file = path.join(root, '示例县', '损坏的表.xlsx');
    await writeFile(file, 'not a workbook');
    const outcome = await readTask({ rubricFile: RUBRIC, file, relative: '示例县/损坏的表.xlsx', party: 'self', lang: 'zh' });
    expect(outcome.ok).toBe(false);
    expect(outcome.problems.map((p) => [p.code, p.severity, p.location])).toEqual([['FILE_NOT_XLSX', 'error', { file: '示例县/损坏的表.xlsx' }]]);
    expect(outcome.problems.map((p) => formatProblem(p, 'zh'))).toEqual([
      '示例县/损坏的表.xlsx: 不是可读取的工作簿（文件已损坏，或不是 Excel/WPS/LibreOffice 表格），请重新导出为 .xlsx、.xlsm、.xls、.et、.ods 或 .csv',
    ]);
    // A catalogued problem, not a sentence: the English list of a batch read in Chinese is English.
    expect(outcome.problems.map((p) => ['text' in p, formatProblem(p, 'en')])).toEqual([
      [false, '示例县/损坏的表.xlsx: not a readable workbook (corrupt, or not a spreadsheet); export it again as .xlsx, .xlsm, .xls, .et, .ods or .csv'],
    ]);
  });

  it('an empty file is a catalogued problem in either language', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'stages-'));
    const file = path.join(root, '空.xlsx');
    await writeFile(file, '');
    const outcome = await readTask({ rubricFile: RUBRIC, file, relative: '空.xlsx', party: 'self', lang: 'en' });
    expect(outcome.problems.map((p) => [p.code, formatProblem(p, 'zh'), formatProblem(p, 'en')])).toEqual([
      ['FILE_EMPTY', '空.xlsx: 文件是空的（0 字节），请重新导出或重新发送', '空.xlsx: the file is empty (0 bytes)'],
    ]);
  });

  it('keeps the sheet and cell after the file', () => {
    const err = new UserError('不是数字', { location: '示例县/城关镇.xlsx › 自评表!H23', code: 'CELL_NOT_A_NUMBER' });
    expect(problemsOf(err, '示例县/城关镇.xlsx').map((p) => formatProblem(p, 'zh'))).toEqual(['示例县/城关镇.xlsx › 自评表!H23: 不是数字']);
    // A user error with no catalogued problem is listed as USER_ERROR with its message and code, not dropped.
    expect(problemsOf(err, '示例县/城关镇.xlsx').map((p) => [p.code, p.params])).toEqual([['USER_ERROR', { message: '不是数字', code: 'CELL_NOT_A_NUMBER' }]]);
    expect(locationAfterFile('示例县/城关镇.xlsx › 自评表', '示例县/城关镇.xlsx')).toEqual({ sheet: '自评表' });
    expect(locationAfterFile('城关镇.xls', '示例县/城关镇.xls')).toEqual({});
    expect(locationAfterFile(undefined, 'a.xlsx')).toEqual({});
  });
});
