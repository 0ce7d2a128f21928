import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { StationResult } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'report-cli-'));
const json = path.join(dir, '城关镇.json');
let result: StationResult;

beforeAll(async () => {
  // A real engine result: score a sample station (self + consolidated spot check).
  const r = await run('score', 'rubrics/fujian-style.yaml', '--self', 'samples/示例县/示例县城关镇社工站.xlsx', '--spot', 'samples/抽查汇总.xlsx', '--json', json, '-q', '--lang', 'zh');
  expect(r.code).toBe(0);
  result = JSON.parse(readFileSync(json, 'utf8')) as StationResult;
}, 60_000);

describe('station-eval report', () => {
  it('re-renders xlsx and pdf from a saved result into --out with default names', async () => {
    const out = path.join(dir, 'out');
    const r = await run('report', json, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const xlsx = path.join(out, '示例县城关镇社工站-评估报告.xlsx');
    const pdf = path.join(out, '示例县城关镇社工站-评估报告.pdf');
    expect(r.stdout).toContain(xlsx);
    expect(r.stdout).toContain(pdf);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const detail = must(wb.getWorksheet('评分明细'));
    // Every module subtotal, the bonus and the total are formulas reproducing the engine's numbers.
    const subtotals: { formula?: string; result?: unknown }[] = [];
    let total: { formula?: string; result?: unknown } | undefined;
    detail.eachRow((row) => {
      const name = row.getCell(4).value;
      const v = row.getCell(11).value as { formula?: string; result?: unknown };
      if (typeof name === 'string' && name.startsWith('小计：')) subtotals.push(v);
      if (name === '总分') total = v;
    });
    expect(subtotals.map((s) => s.result)).toEqual([...result.modules.map((m) => m.final), result.bonus]);
    expect(subtotals.every((s) => typeof s.formula === 'string')).toBe(true);
    expect(total).toMatchObject({ formula: expect.stringMatching(/^MIN\(1000,/) as unknown, result: result.total });
    expect(result.total).toBe(1000);
    expect(result.bonus).toBe(40);
    expect(wb.getWorksheet('偏差')).toBeDefined();

    if (hasPdftotext()) {
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('示例县城关镇社工站');
      expect(text).toContain('1000.0');
      expect(text).toContain('五星级');
    } else console.warn('pdftotext not installed: PDF text not checked');
  }, 60_000);

  it('writes only the formats asked for', async () => {
    const pdf = path.join(dir, 'only.pdf');
    const r = await run('report', json, '--pdf', pdf);
    expect(r.code).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    expect(existsSync(path.join(dir, 'only.xlsx'))).toBe(false);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('finds the rubric relative to the JSON folder', async () => {
    const sub = mkdtempSync(path.join(dir, 'moved-'));
    copyFileSync('rubrics/fujian-style.yaml', path.join(sub, '细则.yaml'));
    const moved = path.join(sub, 'result.json');
    writeFileSync(moved, JSON.stringify({ ...result, rubric: { ...result.rubric, file: '细则.yaml' } }));
    const r = await run('report', moved, '--xlsx', path.join(sub, 'r.xlsx'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('refuses a rubric whose sha256 differs from the stored one, unless --force', async () => {
    const changed = path.join(dir, 'changed.yaml');
    writeFileSync(changed, `${readFileSync('rubrics/fujian-style.yaml', 'utf8')}\n# edited after scoring\n`);
    const target = path.join(dir, 'changed.xlsx');
    const r = await run('report', json, '--rubric', changed, '--xlsx', target, '--lang', 'zh');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('与评分时使用的不一致');
    expect(r.stderr).toContain(result.rubric.sha256.slice(0, 8));
    expect(r.stderr).toContain('--force');
    expect(existsSync(target)).toBe(false);
    const forced = await run('report', json, '--rubric', changed, '--xlsx', target, '--force', '--lang', 'zh');
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('警告');
    expect(existsSync(target)).toBe(true);
  }, 60_000);

  it('never overwrites an input', async () => {
    const r = await run('report', json, '--xlsx', json);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/输入文件|input file/);
    expect((JSON.parse(readFileSync(json, 'utf8')) as StationResult).total).toBe(1000);
  });

  it('clear errors: no output asked, not JSON, not a result, rubric not found', async () => {
    expect((await run('report', json, '--lang', 'zh')).stderr).toContain('请用 --xlsx、--pdf 或 --out');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const r1 = await run('report', bad, '--pdf', path.join(dir, 'x.pdf'), '--lang', 'zh');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`${bad}: 不是有效的 JSON`);
    const other = path.join(dir, 'other.json');
    writeFileSync(other, '{"a":1}');
    const r2 = await run('report', other, '--pdf', path.join(dir, 'x.pdf'), '--lang', 'zh');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('不是 station-eval 的评分结果');
    const lost = path.join(dir, 'lost.json');
    writeFileSync(lost, JSON.stringify({ ...result, rubric: { ...result.rubric, file: 'nowhere/细则.yaml' } }));
    const r3 = await run('report', lost, '--pdf', path.join(dir, 'x.pdf'), '--lang', 'zh');
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('找不到结果中记录的细则文件 nowhere/细则.yaml');
    expect(r3.stderr).toContain(path.join('rubrics', '细则.yaml'));
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});
