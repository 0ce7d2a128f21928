/**
 * `score` is a batch of one: for every demo station and for a station whose
 * county differs from a same-named station in the spot check, scoreOne and
 * runBatch give the same result, field for field, and the same matching
 * problems; the CLI's exit codes follow the mismatches.
 */
import { recordedRubricPath } from '../../src/rubric/find-result-rubric.js';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runBatch, runContext, scoreOne } from '../../src/pipeline/index.js';
import { formatProblem } from '../../src/problems/render.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import type { StationResult } from '../../src/score/types.js';
import { buildTemplate } from '../../src/workbook/template.js';
import { must } from '../../src/util/must.js';

const TOOL = { name: 'station-eval', version: 'test' };
const SAMPLES = path.resolve('samples/示例县');
const SPOT = path.resolve('samples/抽查汇总.xlsx');
const FUJIAN = path.resolve('rubrics/fujian-style.yaml');
const MINIMAL = path.resolve('test/fixtures/rubrics/minimal.yaml');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pipeline-'));
});

/** A result as a file at `file` records it: the rubric's path relative to that file (docs/result-format.md). */
function savedAt(result: StationResult, file: string): StationResult {
  return { ...result, rubric: { ...result.rubric, file: recordedRubricPath(must(result.rubric.file), file) } };
}

async function batchResults(rubricFile: string, selfDir: string, spot: string, out: string) {
  const report = await runBatch({ rubricFile, selfDir, spot, out, jobs: 1, pdf: false, tool: TOOL });
  const results = (await readFile(path.join(out, 'results.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as StationResult);
  return { report, results };
}

describe('score is a batch of one', () => {
  it('every demo station: the same result, field for field', async () => {
    const rubric = await loadRubric(FUJIAN);
    const { report, results } = await batchResults(FUJIAN, SAMPLES, SPOT, path.join(root, 'demo'));
    expect(results.length).toBe(13);
    expect(report.problems).toEqual([]);
    for (const fromBatch of results) {
      const file = path.join(SAMPLES, `${fromBatch.station.name}.xlsx`);
      const one = await scoreOne(runContext({ tool: TOOL }), { rubric, self: file, spot: SPOT });
      const saved = savedAt(one.result, path.join(root, 'demo', 'results.jsonl'));
      expect(saved).toEqual(fromBatch);
      expect(JSON.stringify(saved)).toBe(JSON.stringify(fromBatch));
      expect(one.mismatches).toEqual([]);
    }
    // The figures themselves (not just agreement): 城关镇 is checked and five-star.
    const cg = must(results.find((r) => r.station.name === '示例县城关镇社工站'));
    expect([cg.total, cg.stars, cg.verified]).toEqual([1000, 5, true]);
  }, 120_000);

  describe('a namesake in another county', () => {
    let rubric: LoadedRubric;
    let selfDir: string;
    let spot: string;
    beforeAll(async () => {
      rubric = await loadRubric(MINIMAL);
      selfDir = path.join(root, 'namesake', 'self');
      await mkdir(selfDir, { recursive: true });
      const self = {
        items: {
          '1.1': { value: { kind: 'measure', value: 65 } },
          '1.2': { value: { kind: 'option', label: '门外醒目' } },
          '2.1': { value: { kind: 'count', count: 0 } },
          '2.2': { value: { kind: 'met', met: true } },
        },
      } as const;
      await writeFile(path.join(selfDir, '城关镇.xlsx'), await buildTemplate(rubric, { station: { name: '城关镇社工站', county: '甲县' }, fill: { self } }));
      // The spot check has 乙县's 城关镇 only: it must never lower 甲县's.
      spot = path.join(root, 'namesake', '抽查汇总.xlsx');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('抽查');
      ws.addRow(['站点名称', '所属县(市、区)', '编号', '抽查得分']);
      ws.addRow(['城关镇社工站', '乙县', '1.1', 0]);
      ws.addRow(['城关镇社工站', '乙县', '1.2', 1]);
      await wb.xlsx.writeFile(spot);
    });

    it('is never applied; score and batch agree and name it', async () => {
      const self = path.join(selfDir, '城关镇.xlsx');
      const one = await scoreOne(runContext({ tool: TOOL }), { rubric, self, spot });
      const { report, results } = await batchResults(MINIMAL, selfDir, spot, path.join(root, 'namesake', 'out'));
      expect(results.length).toBe(1);
      expect(savedAt(one.result, path.join(root, 'namesake', 'out', 'results.jsonl'))).toEqual(results[0]);
      expect([one.result.total, one.result.verified, one.result.spotTotal]).toEqual([10, false, null]);
      const expected = '抽查汇总.xlsx › 抽查!2: 抽查记录“乙县 城关镇社工站”与站点“甲县 城关镇社工站”同名但不属于同一个县(市、区)，未采用；如确为同一站点，请核对两份表中的所属县(市、区)';
      expect(one.mismatches.map((p) => formatProblem(p, 'zh'))).toEqual([expected]);
      expect(report.problems.map((p) => formatProblem(p, 'zh'))).toEqual([expected]);
      expect(report.mismatches).toBe(1);
    });

    it('the CLI: exit 1 with the mismatch in the summary, 0 with --allow-unmatched; --county applies the row on purpose', async () => {
      const self = path.join(selfDir, '城关镇.xlsx');
      let stderr = '';
      const io = { stdout: () => {}, stderr: (s: string) => void (stderr += s) };
      expect(await main(['node', 'station-eval', 'score', MINIMAL, '--self', self, '--spot', spot, '-q'], io)).toBe(1);
      expect(stderr).toContain('提示: 抽查汇总.xlsx › 抽查!2: 抽查记录“乙县 城关镇社工站”与站点“甲县 城关镇社工站”同名但不属于同一个县(市、区)');
      expect(stderr).toContain('站点匹配问题 1 条');
      expect(await main(['node', 'station-eval', 'score', MINIMAL, '--self', self, '--spot', spot, '-q', '--allow-unmatched'], io)).toBe(0);
      let json = '';
      expect(
        await main(['node', 'station-eval', 'score', MINIMAL, '--self', self, '--spot', spot, '--county', '乙县', '--json', '-', '-q'], { stdout: (s) => void (json += s), stderr: () => {} }),
      ).toBe(0);
      const result = JSON.parse(json) as StationResult;
      expect([result.verified, result.total]).toEqual([true, 5]); // 1.1 → 0, 1.2 → 1; 2.1 unchecked keeps its self 4
      expect(result.items.map((i) => [i.id, i.self, i.spot, i.final])).toEqual([
        ['1.1', 4, 0, 0],
        ['1.2', 2, 1, 1],
        ['2.1', 4, null, 4],
        ['2.2', 0, null, 0],
      ]);
    });
  });

  it('the reader’s notes (rows by name, a 合计 that differs) are the result’s first warnings, in Chinese and English, the same in score and batch', async () => {
    const dir = path.join(root, 'bureau');
    await mkdir(path.join(dir, 'in'), { recursive: true });
    await writeFile(path.join(dir, 'in', 'bureau.xlsx'), await readFile(path.resolve('test/fixtures/real-files/bureau.xlsx')));
    const rubricFile = path.resolve('test/fixtures/real-files/rubric.yaml');
    const report = await runBatch({ rubricFile, selfDir: path.join(dir, 'in'), out: path.join(dir, 'out'), jobs: 1, pdf: false, tool: TOOL });
    const fromBatch = JSON.parse((await readFile(path.join(dir, 'out', 'results.jsonl'), 'utf8')).trim()) as StationResult;
    const one = await scoreOne(runContext({ tool: TOOL }), { rubric: await loadRubric(rubricFile), self: path.join(dir, 'in', 'bureau.xlsx') });
    expect(savedAt(one.result, path.join(dir, 'out', 'results.jsonl'))).toEqual(fromBatch);
    expect(fromBatch.warnings.slice(0, 2)).toEqual([
      'bureau.xlsx › 评估表!F12：表中合计 70 与上方各项逐项相加的 69 不符（相差 1），请核对',
      'bureau.xlsx › 评估表：7 行按名称对应评分项（名称 6 行、别名 1 行；按编号 0 行），如第 5 行“服务场所面积（20分）” → 1.1「服务场所面积」（按名称）；--verbose 可逐行查看',
    ]);
    expect(report.problems.filter((p) => p.code === 'ROWS_MATCHED_BY_NAME').length).toBe(1);
    expect(fromBatch.warningsEn?.length).toBe(fromBatch.warnings.length);
    expect(fromBatch.warningsEn?.slice(0, 2)).toEqual([
      "bureau.xlsx › 评估表!F12: the sheet's total 70 differs from the sum of the item rows above, 69 (by 1)",
      'bureau.xlsx › 评估表: 7 rows matched by name (6 by name, 1 by alias; 0 by id), e.g. row 5 "服务场所面积（20分）" → 1.1 服务场所面积 (by name); --verbose lists every row',
    ]);
  });
});
