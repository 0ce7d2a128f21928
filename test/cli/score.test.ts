import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { StationResult } from '../../src/score/types.js';

const RUBRIC = 'rubrics/fujian-style.yaml';
const SAMPLES = 'samples/示例县';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('station-eval score', () => {
  it('scores a spot-checked sample station and prints the summary', async () => {
    const r = await run('score', RUBRIC, '--self', `${SAMPLES}/示例县城关镇社工站.xlsx`, '--spot', 'samples/抽查汇总.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('示例县城关镇社工站（示例县 · 城关镇 · 示例县启明社会工作服务中心）');
    expect(r.stdout).toContain('总分 1000.0 / 1000.0');
    expect(r.stdout).toContain('★★★★★ 五星级');
    expect(r.stdout).toMatch(/基础建设 +█+/);
    expect(r.stdout).not.toContain('\u001b['); // no colour when not a TTY
  });

  it('--json - writes the result to stdout and the summary to stderr', async () => {
    const r = await run('score', RUBRIC, '--self', `${SAMPLES}/示例县白沙镇社工站.xlsx`, '--spot', 'samples/抽查汇总.xlsx', '--json', '-');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as StationResult;
    expect(result.station.name).toBe('示例县白沙镇社工站');
    expect(result.stars).toBeNull();
    expect(result.vetoes.map((v) => v.id)).toEqual(['V1']);
    expect(result.verified).toBe(true);
    expect(r.stderr).toContain('一票否决：弄虚作假');
  });

  it('an unchecked station keeps its self-score, with a note; --json to a file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'score-'));
    const out = path.join(dir, '结果.json');
    const r = await run('score', RUBRIC, '--self', `${SAMPLES}/示例县西溪乡社工站.xlsx`, '--spot', 'samples/抽查汇总.xlsx', '--json', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('抽查汇总表中没有“示例县西溪乡社工站”（未被抽查），按自评结果计算');
    const result = JSON.parse(await readFile(out, 'utf8')) as StationResult;
    expect(result.verified).toBe(false);
    expect(result.total).toBe(896);
    expect(result.starName).toBe('四星级');
    expect(r.stdout).toContain(`已写入 ${out}`);
  });

  it('bad input exits 2 with the located message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'score-'));
    const xls = path.join(dir, '旧表.xls');
    await copyFile('samples/站点名册.xlsx', xls);
    const roster = await run('score', RUBRIC, '--self', xls);
    expect(roster.code).toBe(2);
    expect(roster.stderr).toMatch(/^旧表\.xls: 找不到评分表/);
    const missing = await run('score', RUBRIC, '--self', path.join(dir, '没有.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('没有.xlsx: 找不到文件');
  });
});

describe('station-eval score on real files (issue 14)', () => {
  const R = 'test/fixtures/real-files/rubric.yaml';
  it('a bureau’s .xls: --verbose shows the columns and the rows matched by name; the 合计 warning is printed; the total is exact', async () => {
    const r = await run('score', R, '--self', 'test/fixtures/real-files/bureau.xls', '--verbose', '--json', '-');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as StationResult).total).toBe(72);
    expect(r.stderr).toContain('  自评得分 = E“得分/自评”');
    expect(r.stderr).toContain('  第 10 行“服务记录” → 2.3「服务记录」（按名称）');
    expect(r.stderr).toContain('bureau.xls › 评估表!F12');
    expect(r.stderr).toContain('表中合计 70 与上方各项逐项相加的 69 不符（相差 1）');
  });
  it('--columns names the columns (here the other way round: 评估 read as the self column), --sheet a sheet that is not there is refused (exit 2)', async () => {
    const swapped = await run('score', R, '--self', 'test/fixtures/real-files/bureau.xlsx', '--columns', 'self=F,spot=E', '--json', '-');
    expect([swapped.code, (JSON.parse(swapped.stdout) as StationResult).selfTotal]).toEqual([0, 69]);
    const missing = await run('score', R, '--self', 'test/fixtures/real-files/bureau.xlsx', '--sheet', '2023年');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('没有名为“2023年”的工作表（本文件有：“评估表”）');
    const bad = await run('score', R, '--self', 'test/fixtures/real-files/bureau.xlsx', '--columns', 'self');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--columns 的“self”无法识别');
  });
});
