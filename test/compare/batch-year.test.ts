/**
 * batch --previous end to end on the minimal rubric (with a certification
 * section): last year's results.jsonl built with the engine, this year's
 * workbooks generated from the template.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchReport } from '../../src/batch/run-batch.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import { scoreStation } from '../../src/score/score-station.js';
import type { PartyEntries } from '../../src/score/types.js';
import { buildTemplate } from '../../src/workbook/template.js';
import { must } from '../../src/util/must.js';
import type { StationResult } from '../../src/score/types.js';

const MINIMAL = path.resolve('test/fixtures/rubrics/minimal.yaml');
let root: string;
let rubric: LoadedRubric;
let report: BatchReport;

function entries(area: number, plaque: string, missing: number): PartyEntries {
  return {
    items: {
      '1.1': { value: { kind: 'measure', value: area } },
      '1.2': { value: { kind: 'option', label: plaque } },
      '2.1': { value: { kind: 'count', count: missing } },
      '2.2': { value: { kind: 'met', met: true } },
    },
  };
}

let poppler = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  poppler = false;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'batch-year-'));
  const rubricFile = path.join(root, 'rubric.yaml');
  await writeFile(rubricFile, `${(await readFile(MINIMAL, 'utf8')).trimEnd()}\ncertification:\n  validityYears: 2\n  downgrade: immediate\n  firstRatingMaxStars: 1\n`);
  rubric = await loadRubric(rubricFile);
  const prev = [
    // 城关镇 2023: 4 + 2 + 4 = 10 → 二星级; 2024: 2 + 1 + 4 = 7 → 一星级 (降级)
    scoreStation(rubric, { station: { name: '城关镇社工站', county: '甲县', year: 2023 }, self: entries(65, '门外醒目', 0) }),
    // 东山镇 2023: 2 + 1 + 3 = 6 → 一星级; 2024: 10 → 二星级 (升级)
    scoreStation(rubric, { station: { name: '东山镇社工站', county: '甲县', year: 2023 }, self: entries(45, '室内', 1) }),
    // 北岭镇 2023: 二星级, absent in 2024 → certificate valid through 2024, expiring this year
    scoreStation(rubric, { station: { name: '北岭镇社工站', county: '甲县', year: 2023 }, self: entries(65, '门外醒目', 0) }),
  ];
  const previous = path.join(root, 'prev.jsonl');
  await writeFile(previous, prev.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const self = path.join(root, 'self');
  await mkdir(self, { recursive: true });
  const put = async (file: string, name: string, e: PartyEntries) =>
    writeFile(path.join(self, file), await buildTemplate(rubric, { station: { name, county: '甲县', year: 2024 }, fill: { self: e } }));
  await put('城关镇.xlsx', '城关镇社工站', entries(45, '室内', 0));
  await put('东山镇.xlsx', '东山镇社工站', entries(65, '门外醒目', 0));
  // 新村镇: new, 二星级 reached, first rating capped at 一星级
  await put('新村镇.xlsx', '新村镇社工站', entries(65, '门外醒目', 0));
  report = await runBatch({ rubricFile, selfDir: self, out: path.join(root, 'out'), jobs: 1, pdf: poppler, previous, tool: { name: 'station-eval', version: 'test' } });
}, 60_000);

async function sheet(name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report.outputs.summary);
  const ws = must(wb.getWorksheet(name));
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
  return rows;
}

describe('batch --previous', () => {
  it('returns the comparison with every change kind and certificate', () => {
    expect(must(report.comparison).rows.map((r) => [r.name, r.change, r.totalDelta, r.certificate.level, r.certificate.rule])).toEqual([
      ['东山镇社工站', 'up', 4, 2, 'upgrade'],
      ['城关镇社工站', 'down', -3, 1, 'downgrade-immediate'],
      ['新村镇社工站', 'new', null, 1, 'first-rating-cap'],
      ['北岭镇社工站', 'absent', null, 2, 'kept'],
    ]);
  });

  it('adds 年度对比, 证书 and 证书到期 to 汇总.xlsx', async () => {
    const rows = await sheet('年度对比');
    expect(rows.slice(1).map((r) => [r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ['东山镇社工站', '升级', 6, 10, 4],
      ['城关镇社工站', '降级', 10, 7, -3],
      ['新村镇社工站', '新参评', null, 10, null],
      ['北岭镇社工站', '未参评', 10, null, null],
    ]);
    const expiring = await sheet('证书到期');
    // validityYears 2: this year's certificates run through next year.
    expect(expiring.slice(1).map((r) => [r[1], r[3], r[4], r[5]])).toEqual([
      ['北岭镇社工站', '二星级', 2024, '今年底到期'],
      ['东山镇社工站', '二星级', 2025, '明年底到期'],
      ['城关镇社工站', '一星级', 2025, '明年底到期'],
      ['新村镇社工站', '一星级', 2025, '明年底到期'],
    ]);
  });

  it('records the certificate with each result in results.jsonl', async () => {
    const lines = (await readFile(report.outputs.results, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StationResult & { certificate?: unknown });
    expect(lines.map((r) => [r.station.name, r.certificate])).toEqual([
      [
        '城关镇社工站',
        { level: 1, year: 2024, issuedYear: 2024, validUntil: 2025, firstCertifiedYear: 2023, rule: 'downgrade-immediate', reason: '本年度评定一星级，低于原二星级；细则规定立即降级，降为一星级' },
      ],
      ['东山镇社工站', { level: 2, year: 2024, issuedYear: 2024, validUntil: 2025, firstCertifiedYear: 2023, rule: 'upgrade', reason: '本年度评定二星级，高于原一星级，升级，证书有效至 2025 年底' }],
      [
        '新村镇社工站',
        {
          level: 1,
          year: 2024,
          issuedYear: 2024,
          validUntil: 2025,
          firstCertifiedYear: 2024,
          rule: 'first-rating-cap',
          reason: '首次认定：本年度评定二星级，细则规定首次认定最高一星级，认定为一星级',
        },
      ],
    ]);
  });

  it.runIf(poppler)('prints 与上年比较 in the station PDF and the star movement in 总览.pdf', () => {
    const station = execFileSync('pdftotext', ['-layout', path.join(must(report.outputs.stations), '甲县', '城关镇社工站.pdf'), '-'], { encoding: 'utf8' });
    expect(station).toContain('与上年比较');
    expect(station).toContain('2023 年总分 10.0（二星级），2024 年总分 7.0（一星级），总分变化 -3.0：降级。');
    expect(station).toContain('现行证书：一星级（立即降级）。');
    const overview = execFileSync('pdftotext', ['-layout', must(report.outputs.overview), '-'], { encoding: 'utf8' });
    expect(overview).toContain('星级变动（2023 → 2024）');
    expect(overview).toContain('升级 1 站，降级 1 站，持平 0 站，新参评 1 站，未参评 1 站。');
  });
});
