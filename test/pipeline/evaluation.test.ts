import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { resolveEvaluation } from '../../src/pipeline/evaluation.js';
import { runBatch, runContext, scoreOne } from '../../src/pipeline/index.js';
import { formatProblem } from '../../src/problems/render.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import type { StationResult } from '../../src/score/types.js';
import { buildTemplate } from '../../src/workbook/template.js';

const TOOL = { name: 'station-eval', version: 'test' };
const MINIMAL = path.resolve('test/fixtures/rubrics/minimal.yaml');

describe('resolveEvaluation (pure)', () => {
  const station = { name: '城关镇社工站', county: '甲县' };
  const spotRecord = { kind: 'record', how: 'exact', source: '抽查汇总.xlsx › 抽查!2' } as const;

  it('the spot-check record’s 评估机构 and 评估日期, else the workbook’s own, else the run’s day', () => {
    const fromRecord = resolveEvaluation(
      {
        station: { ...station, evaluator: '站点自填机构' },
        relative: '城关镇.xlsx',
        spotMatch: spotRecord,
        spotStation: { name: '城关镇社工站', evaluator: '某某评估中心', evaluationDate: '2024-11-20' },
      },
      { today: '2026-12-06' },
    );
    expect([fromRecord.station.evaluator, fromRecord.station.evaluationDate, fromRecord.problems]).toEqual(['某某评估中心', '2024-11-20', []]);
    const own = resolveEvaluation({ station: { ...station, evaluator: '站点自填机构' }, relative: '城关镇.xlsx', spotMatch: { kind: 'in-workbook' } }, { today: '2026-12-06' });
    expect([own.station.evaluator, own.station.evaluationDate]).toEqual(['站点自填机构', '2026-12-06']);
    const none = resolveEvaluation({ station, relative: '城关镇.xlsx', spotMatch: { kind: 'none' } }, {});
    expect(none.station).toEqual(station);
  });

  it('--evaluator and --date win; when they differ from the workbook, a warning names both, located at the record', () => {
    const r = resolveEvaluation(
      { station, relative: '城关镇.xlsx', spotMatch: spotRecord, spotStation: { name: '城关镇社工站', evaluator: '某某评估中心', evaluationDate: '2024-11-20' } },
      { evaluator: '另一评估中心', date: '2024-11-22', today: '2026-12-06' },
    );
    expect([r.station.evaluator, r.station.evaluationDate]).toEqual(['另一评估中心', '2024-11-22']);
    expect(r.problems.map((p) => [p.severity, formatProblem(p, 'zh')])).toEqual([
      ['warning', '抽查汇总.xlsx › 抽查!2: --evaluator 指定的评估机构“另一评估中心”与已记录的“某某评估中心”不同，报告按“另一评估中心”'],
      ['warning', '抽查汇总.xlsx › 抽查!2: --date 指定的评估日期 2024-11-22 与已记录的 2024-11-20 不同，报告按 2024-11-22'],
    ]);
    expect(formatProblem(r.problems[0], 'en')).toBe('抽查汇总.xlsx › 抽查!2: --evaluator "另一评估中心" differs from the recorded evaluator "某某评估中心"; the report uses "另一评估中心"');
    // The same values: no warning.
    const same = resolveEvaluation({ station, relative: '城关镇.xlsx', spotMatch: spotRecord, spotStation: { name: '城关镇社工站', evaluator: '某某评估中心' } }, { evaluator: '某某评估中心' });
    expect(same.problems).toEqual([]);
  });
});

describe('评估机构 and 评估日期 from the spot-check workbook, through score, batch, the PDF and the CLI', () => {
  let root: string;
  let rubric: LoadedRubric;
  let self: string;
  let selfDir: string;
  let spot: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'evaluation-'));
    rubric = await loadRubric(MINIMAL);
    selfDir = path.join(root, 'self');
    await mkdir(selfDir, { recursive: true });
    self = path.join(selfDir, '城关镇.xlsx');
    const entries = {
      items: {
        '1.1': { value: { kind: 'measure', value: 65 } },
        '1.2': { value: { kind: 'option', label: '门外醒目' } },
        '2.1': { value: { kind: 'count', count: 0 } },
        '2.2': { value: { kind: 'met', met: true } },
      },
    } as const;
    await writeFile(self, await buildTemplate(rubric, { station: { name: '城关镇社工站', county: '甲县' }, fill: { self: entries } }));
    // A consolidated long table: 评估机构 in a column (on the station's first row only), 评估日期 as a date cell.
    spot = path.join(root, '抽查汇总.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('抽查');
    ws.addRow(['站点名称', '所属县(市、区)', '第三方评估机构', '评估日期', '编号', '抽查得分']);
    ws.addRow(['城关镇社工站', '甲县', '某某社会工作评估中心', new Date(Date.UTC(2024, 10, 20)), '1.1', 2]);
    ws.addRow(['城关镇社工站', '甲县', null, null, '1.2', 2]);
    await wb.xlsx.writeFile(spot);
  });

  it('score: the result carries them, the PDF prints them; batch gives the same result', async () => {
    const pdf = path.join(root, 'score.pdf');
    const one = await scoreOne(runContext({ tool: TOOL }), { rubric, self, spot, reports: { pdf } });
    expect([one.result.station.evaluator, one.result.station.evaluationDate, one.result.verified]).toEqual(['某某社会工作评估中心', '2024-11-20', true]);
    expect(one.problems).toEqual([]);
    const p1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    expect(p1).toMatch(/评估机构\s+某某社会工作评估中心/);
    expect(p1).toMatch(/评估日期\s+2024-11-20/);
    const out = path.join(root, 'batch');
    await runBatch({ rubricFile: MINIMAL, selfDir, spot, out, jobs: 1, pdf: false, tool: TOOL });
    const fromBatch = JSON.parse((await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim()) as StationResult;
    expect([fromBatch.station.evaluator, fromBatch.station.evaluationDate]).toEqual(['某某社会工作评估中心', '2024-11-20']);
  }, 60_000);

  it('the run’s clock dates a station whose spot check has no 评估日期', async () => {
    const one = await scoreOne(runContext({ tool: TOOL, clock: () => new Date('2026-12-06T12:00:00Z') }), { rubric, self });
    expect([one.result.station.evaluator, one.result.station.evaluationDate]).toEqual([undefined, '2026-12-06']);
    const out = path.join(root, 'batch-clock');
    await runBatch({ rubricFile: MINIMAL, selfDir, out, jobs: 1, pdf: false, tool: TOOL, clock: () => new Date('2026-12-06T12:00:00Z') });
    const fromBatch = JSON.parse((await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim()) as StationResult;
    expect(fromBatch.station.evaluationDate).toBe('2026-12-06');
  });

  it('CLI: --evaluator and --date override with a warning in the console and the result; a bad --date is refused naming the option', async () => {
    let stderr = '';
    let json = '';
    const io = { stdout: (s: string) => void (json += s), stderr: (s: string) => void (stderr += s) };
    const args = ['node', 'station-eval', 'score', MINIMAL, '--self', self, '--spot', spot, '--json', '-', '-q'];
    expect(await main([...args, '--evaluator', '另一评估中心', '--date', '2024-11-22'], io)).toBe(0);
    const result = JSON.parse(json) as StationResult;
    expect([result.station.evaluator, result.station.evaluationDate]).toEqual(['另一评估中心', '2024-11-22']);
    const warning = '抽查汇总.xlsx › 抽查!2: --evaluator 指定的评估机构“另一评估中心”与已记录的“某某社会工作评估中心”不同，报告按“另一评估中心”';
    expect(stderr).toContain(warning);
    expect(result.warnings).toContain(warning.replace(': ', '：'));
    for (const bad of ['2024-02-30', '2024/11/20', '明天']) {
      stderr = '';
      expect(await main([...args, '--date', bad], io)).toBe(2);
      expect(stderr).toBe(`--date: --date “${bad}”不是有效日期（应为 YYYY-MM-DD，如 2024-11-20）\n`);
    }
  }, 60_000);

  it('report re-renders a saved result (its PDF) with --evaluator / --date over the recorded ones; batch takes --date and refuses a bad one', async () => {
    const saved = path.join(root, 'saved.json');
    const io = { stdout: () => {}, stderr: (s: string) => void (stderr += s) };
    let stderr = '';
    expect(await main(['node', 'station-eval', 'score', MINIMAL, '--self', self, '--spot', spot, '--json', saved, '-q'], io)).toBe(0);
    const again = path.join(root, 'again.pdf');
    expect(await main(['node', 'station-eval', 'report', saved, '--pdf', again, '--evaluator', '复核评估中心', '--date', '2024-12-01'], io)).toBe(0);
    const p1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', again, '-'], { encoding: 'utf8' });
    expect(p1).toMatch(/评估机构\s+复核评估中心/);
    expect(p1).toMatch(/评估日期\s+2024-12-01/);
    expect(stderr).toContain('saved.json: --evaluator 指定的评估机构“复核评估中心”与已记录的“某某社会工作评估中心”不同，报告按“复核评估中心”');
    expect(stderr).toContain(`saved.json: --date 指定的评估日期 2024-12-01 与已记录的 2024-11-20 不同，报告按 2024-12-01`);
    const out = path.join(root, 'batch-date');
    expect(await main(['node', 'station-eval', 'batch', MINIMAL, selfDir, '--out', out, '--no-pdf', '--no-progress', '--jobs', '1', '--date', '2024-12-02'], io)).toBe(0);
    const fromBatch = JSON.parse((await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim()) as StationResult;
    expect(fromBatch.station.evaluationDate).toBe('2024-12-02');
    stderr = '';
    expect(await main(['node', 'station-eval', 'batch', MINIMAL, selfDir, '--out', out, '--no-pdf', '--no-progress', '--date', '2024-13-01'], io)).toBe(2);
    expect(stderr).toBe('--date: --date “2024-13-01”不是有效日期（应为 YYYY-MM-DD，如 2024-11-20）\n');
  }, 60_000);

  it('rows of one station that disagree, or a 评估日期 that is no date, are refused at their cells', async () => {
    const bad = path.join(root, '抽查-矛盾.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('抽查');
    ws.addRow(['站点名称', '所属县(市、区)', '评估机构', '评估日期', '编号', '抽查得分']);
    ws.addRow(['城关镇社工站', '甲县', '某某社会工作评估中心', '2024年11月20日', '1.1', 2]);
    ws.addRow(['城关镇社工站', '甲县', '另一评估中心', '下周三', '1.2', 2]);
    await wb.xlsx.writeFile(bad);
    let stderr = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (stderr += s) };
    expect(await main(['node', 'station-eval', 'score', MINIMAL, '--self', self, '--spot', bad, '-q'], io)).toBe(2);
    expect(stderr).toContain('抽查-矛盾.xlsx › 抽查!C3: 站点“城关镇社工站”的评估机构前后不一致：这里是“另一评估中心”，抽查-矛盾.xlsx › 抽查!C2 是“某某社会工作评估中心”；请统一');
    expect(stderr).toContain('抽查-矛盾.xlsx › 抽查!D3: 评估日期“下周三”不是有效日期');
  });
});
