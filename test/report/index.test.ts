import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, defaultReportFileName, getReporter, reporters } from '../../src/report/index.js';
import { planReports, writeStationReports } from '../../src/report/write-reports.js';
import { fujianRubric, selfOnly, spotChecked } from './fixtures.js';
import type { StationResult } from '../../src/score/types.js';

describe('reporter registry', () => {
  it('has json, xlsx and pdf', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'xlsx', 'pdf']);
    expect(getReporter('xlsx')?.extension).toBe('.xlsx');
    expect(getReporter('csv')).toBeUndefined();
  });

  it('json reporter is the result, pretty-printed', async () => {
    const text = (await reporters.json.render(spotChecked, { rubric: fujianRubric })) as string;
    expect((JSON.parse(text) as StationResult).total).toBe(924.2);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('default names carry the county and are safe file names', () => {
    expect(defaultReportFileName(spotChecked, 'pdf')).toBe('惠安县城关镇社会工作服务站-评估报告.pdf');
    expect(defaultReportFileName({ ...selfOnly, station: { name: '洛阳镇/社工站:一' } }, 'xlsx')).toBe('洛阳镇_社工站_一-评估报告.xlsx');
    expect(defaultReportFileName(spotChecked, 'json')).toBe('惠安县城关镇社会工作服务站-评估结果.json');
  });

  it('plans explicit targets and --out, refusing inputs and duplicates', () => {
    expect(planReports(spotChecked, { xlsx: 'a.xlsx', out: 'dir' }, [], 'zh')).toEqual([
      { format: 'xlsx', file: 'a.xlsx' },
      { format: 'pdf', file: path.join('dir', '惠安县城关镇社会工作服务站-评估报告.pdf') },
    ]);
    expect(() => planReports(spotChecked, { pdf: 'r.json' }, ['./r.json'], 'zh')).toThrow(/输入文件/);
    expect(() => planReports(spotChecked, { pdf: 'x', xlsx: 'x' }, [], 'en')).toThrow(/given twice/);
  });

  it('writes the files atomically', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'write-reports-'));
    const written = await writeStationReports(selfOnly, fujianRubric, { out: dir, outFormats: ['json', 'xlsx'] }, { lang: 'zh' });
    expect(written.map((w) => [w.format, path.basename(w.file)])).toEqual([
      ['json', '惠安县洛阳镇社会工作服务站-评估结果.json'],
      ['xlsx', '惠安县洛阳镇社会工作服务站-评估报告.xlsx'],
    ]);
    expect(readFileSync(written[1].file).subarray(0, 2).toString()).toBe('PK');
  });
});
