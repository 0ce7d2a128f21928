import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkRowCount, DEFAULT_INPUT_LIMITS, parseLimitFlags, resolveInputLimits, TooManyRows } from '../../src/xlsx/input-limits.js';
import { goodStation, MINIMAL_RUBRIC } from '../hostile/generate.js';

async function run(...args: string[]) {
  let out = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return { code, out };
}

describe('input limits', () => {
  it('defaults: 50 MB file, 100 MB inflated, 200,000 rows', () => {
    expect(DEFAULT_INPUT_LIMITS).toEqual({ maxFileBytes: 52_428_800, maxInflatedBytes: 104_857_600, maxRows: 200_000 });
    expect(resolveInputLimits()).toEqual(DEFAULT_INPUT_LIMITS);
    expect(resolveInputLimits({ maxRows: 10, maxFileBytes: undefined })).toEqual({ ...DEFAULT_INPUT_LIMITS, maxRows: 10 });
  });

  it('counts <row> elements, not <rowBreaks>', () => {
    const xml = '<sheetData><row r="1"/><row r="2"><c/></row><row>x</row></sheetData><rowBreaks count="1"/>';
    expect(() => checkRowCount(xml, 'S', 3)).not.toThrow();
    expect(() => checkRowCount(xml, 'S', 2)).toThrow(TooManyRows);
  });

  it('parses the flags and refuses bad values', () => {
    expect(parseLimitFlags({ maxFileMb: '1.5', maxRows: '10' })).toEqual({ limits: { maxFileBytes: 1_572_864, maxRows: 10 } });
    expect(parseLimitFlags({ maxInflatedMb: '0' })).toEqual({ error: '--max-inflated-mb 应为正数（MB）', flag: '--max-inflated-mb' });
    expect(parseLimitFlags({ maxRows: '1.5' })).toEqual({ error: '--max-rows 应为正整数', flag: '--max-rows' });
  });

  it('score refuses a file over --max-file-mb and a sheet over --max-rows with a located message (exit 2), and the next run has the defaults again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'limits-'));
    const rubric = path.join(dir, 'r.yaml');
    await writeFile(rubric, MINIMAL_RUBRIC);
    const self = path.join(dir, '城关镇.xlsx');
    await writeFile(self, goodStation('城关镇社工站', '甲县'));
    let r = await run('score', rubric, '--self', self, '--max-file-mb', '0.001', '--quiet');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^城关镇\.xlsx: 文件过大（0\.00[0-9] MB，上限 0\.001 MB），不像评分表（确需读取请加 --max-file-mb）/);
    r = await run('score', rubric, '--self', self, '--max-rows', '5', '--quiet');
    expect(r.code).toBe(2);
    expect(r.out).toContain('城关镇.xlsx › 自评表: 工作表“自评表”超过 5 行');
    r = await run('score', rubric, '--self', self, '--quiet');
    expect(r.code, r.out).toBe(0);
    r = await run('score', rubric, '--self', self, '--max-rows', 'many');
    expect(r.code).toBe(2);
    expect(r.out).toContain('--max-rows 应为正整数');
  });
});
