import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { makeRubric, result } from '../compare/fixtures.js';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function sheetRows(file: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
  return rows;
}

describe('station-eval compare', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'compare-'));
  const certification = { validityYears: 3, downgrade: 'immediate', firstRatingMaxStars: 2 };
  const rubric = makeRubric('2023.1', undefined, certification);
  const rubricFile = path.join(dir, 'rubric.yaml');
  writeFileSync(rubricFile, YAML.stringify({ ...rubric.data, certification }));
  const jsonl = (rs: object[]) => rs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const prevFile = path.join(dir, '2023.jsonl');
  const curFile = path.join(dir, '2024.jsonl');
  writeFileSync(
    prevFile,
    jsonl([
      result(rubric, { name: '城关镇', year: 2023, points: [35, 15, 35] }), // 85 3★
      result(rubric, { name: '东湖乡', year: 2023, points: [38, 18, 36] }), // 92 4★
      result(rubric, { name: '石桥镇', year: 2023, points: [30, 12.5, 30] }), // 72.5 2★
    ]),
  );
  writeFileSync(
    curFile,
    jsonl([
      result(rubric, { name: '城关街道', year: '2024年度', points: [38, 18, 36] }), // renamed, 92 4★
      result(rubric, { name: '东湖乡', year: 2024, points: [30, 10, 25] }), // 65 1★
      result(rubric, { name: '青山乡', year: 2024, points: [40, 20, 35] }), // new 95 4★ → capped 2
    ]),
  );
  const mappingFile = path.join(dir, '对照表.xlsx');

  it('writes 年度对比.xlsx with changes, certificates and the summary line', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('对照');
    ws.addRow(['原站点名称', '原所属县', '现站点名称', '现所属县']);
    ws.addRow(['城关镇', '示例县', '城关街道', '示例县']);
    await wb.xlsx.writeFile(mappingFile);

    const out = path.join(dir, 'out');
    const r = await run('compare', prevFile, curFile, '--out', out, '--mapping', mappingFile, '--rubric', rubricFile);
    expect(r.stderr).toBe('2024 年与 2023 年比较：升级 1，降级 1，持平 0，新参评 1，未参评 1；证书到期或失效 1 站；匹配问题 0 条\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('年度对比.xlsx');
    const file = path.join(out, '年度对比.xlsx');
    const rows = await sheetRows(file, '年度对比');
    expect(rows[0].slice(0, 10)).toEqual(['县(市、区)', '站点名称', '站点编码', '变化', '上年总分(2023)', '本年总分(2024)', '总分变化', '上年星级', '本年星级', '现行证书']);
    expect(rows.slice(1).map((x) => x.slice(1, 10))).toEqual([
      ['城关街道', null, '升级', 85, 92, 7, '三星级', '四星级', '四星级'],
      ['东湖乡', null, '降级', 92, 65, -27, '四星级', '一星级', '一星级'],
      ['青山乡', null, '新参评', null, 95, null, null, '四星级', '二星级'],
      ['石桥镇', null, '未参评', 72.5, null, null, '二星级', null, '二星级'],
    ]);
    expect(rows[1].slice(10, 12)).toEqual([6, 1]); // module deltas
    expect(rows[1].slice(-3)).toEqual(['对照表（更名）', '示例县 城关镇', '原名 示例县 城关镇']);
    const certs = await sheetRows(file, '证书');
    expect(certs.slice(1).map((x) => [x[1], x[4], x[5]])).toEqual([
      ['城关街道', '四星级', '升级'],
      ['东湖乡', '一星级', '立即降级'],
      ['青山乡', '二星级', '首次认定封顶'],
      ['石桥镇', '二星级', '证书有效期内'],
    ]);
    const expiring = await sheetRows(file, '证书到期');
    expect(expiring.slice(1)).toEqual([['示例县', '石桥镇', null, '二星级', 2025, '明年底到期', '本年度未参评，二星级证书有效至 2025 年底，继续有效']]);
  });

  it('exits 1 and lists the problem when the mapping names an unknown station', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('对照').addRows([
      ['原站点名称', '现站点名称'],
      ['不存在镇', '城关街道'],
    ]);
    const bad = path.join(dir, 'bad-mapping.xlsx');
    await wb.xlsx.writeFile(bad);
    const out = path.join(dir, 'out2');
    const r = await run('compare', prevFile, curFile, '--out', out, '--mapping', bad, '--rubric', rubricFile, '--year', '2024');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('匹配问题 1 条');
    expect(r.stderr).toContain('bad-mapping.xlsx › 对照!A2: 对照表中的原站点“不存在镇”在上年度结果中找不到');
    const problems = await sheetRows(path.join(out, '年度对比.xlsx'), '匹配问题');
    expect(problems[1][0]).toBe('MAPPING_UNMATCHED');
  });

  it('names the file and line of a line that is not a result (exit 2)', async () => {
    const broken = path.join(dir, 'broken.jsonl');
    writeFileSync(broken, `${JSON.stringify(result(rubric, { name: 'x', points: [1, 1, 1] }))}\n{"foo": 1}\n`);
    const r = await run('compare', broken, curFile, '--out', path.join(dir, 'out3'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}:2: 不是 station-eval 的评分结果`);
  });

  it('rejects a bad --year', async () => {
    const r = await run('compare', prevFile, curFile, '--out', path.join(dir, 'out4'), '--year', '24');
    expect([r.code, r.stderr.trim()]).toEqual([2, '--year 应为四位年份，例如 2024，收到 "24"']);
  });
});
