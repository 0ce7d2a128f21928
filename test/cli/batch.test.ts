/** `batch --columns / --sheet`: every station workbook of the run is read with them, as `score` reads one. */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { StationResult } from '../../src/score/types.js';

const RUBRIC = path.resolve('test/fixtures/real-files/rubric.yaml');

describe('batch --columns', () => {
  it('reads an unusual score column named by letter in every workbook; without it the header is not found', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'batch-columns-'));
    const dir = path.join(root, 'in');
    await mkdir(dir, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('自评表');
    const rows = [
      ['站点名称', '城关镇社工站'],
      ['编号', '指标', '站点打分'],
      ['1.1', '服务场所面积', 12],
      ['1.2', '牌匾悬挂', 5],
    ];
    rows.forEach((r, i) => (ws.getRow(i + 1).values = r));
    await wb.xlsx.writeFile(path.join(dir, '城关镇.xlsx'));
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s) };
    expect(await main(['node', 'station-eval', 'batch', RUBRIC, dir, '-o', path.join(root, 'no'), '--no-pdf', '--no-progress', '-j', '1'], io)).not.toBe(0);
    expect(await main(['node', 'station-eval', 'batch', RUBRIC, dir, '-o', path.join(root, 'out'), '--no-pdf', '--no-progress', '-j', '1', '--columns', 'self=C'], io), err).toBe(0);
    const result = JSON.parse((await readFile(path.join(root, 'out', 'results.jsonl'), 'utf8')).trim()) as StationResult;
    expect([result.station.name, result.items.find((i) => i.id === '1.1')?.self, result.items.find((i) => i.id === '1.2')?.self]).toEqual(['城关镇社工站', 12, 5]);
  });
});

describe('batch with scoring parties (rubric parties)', () => {
  it('party columns of each workbook read in the worker threads; per-party totals in results.jsonl, 汇总.xlsx, each station PDF and Excel', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFile } = await import('node:fs/promises');
    const { loadRubric } = await import('../../src/rubric/load-rubric.js');
    const { buildTemplate } = await import('../../src/workbook/template.js');
    const GZ = path.resolve('test/fixtures/rubrics/guangzhou-parties.yaml');
    const rubric = await loadRubric(GZ);
    const root = await mkdtemp(path.join(tmpdir(), 'batch-parties-'));
    const dir = path.join(root, 'in');
    await mkdir(dir, { recursive: true });
    const pts = (points: number) => ({ value: { kind: 'points' as const, points } });
    const stations: [string, number[]][] = [
      ['越秀区甲街社工站', [352.5, 241, 110, 72, 55, 36.5]],
      ['越秀区乙街社工站', [300, 250.5, 100, 60, 50, 30]],
    ];
    for (const [name, [a, b, c, d, e, f]] of stations) {
      const parties = {
        evaluator: { items: { '1.1': pts(a), '1.2': pts(b) } },
        buyer: { items: { '2.1': pts(c), '2.2': pts(d) } },
        supervisor: { items: { '3.1': pts(e), '3.2': pts(f) } },
      };
      await writeFile(path.join(dir, `${name}.xlsx`), await buildTemplate(rubric, { station: { name, county: '越秀区' }, fill: { parties } }));
    }
    const out = path.join(root, 'out');
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s) };
    expect(await main(['node', 'station-eval', 'batch', GZ, dir, '-o', out, '--station-xlsx', '--no-progress', '-j', '1'], io), err).toBe(0);
    // results.jsonl: the batch's JSON, one result a station.
    const results = (await readFile(path.join(out, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StationResult);
    expect(results.map((r) => [r.station.name, r.total, r.parties?.map((p) => [p.id, p.total])])).toEqual([
      [
        '越秀区甲街社工站',
        867,
        [
          ['evaluator', 593.5],
          ['buyer', 182],
          ['supervisor', 91.5],
        ],
      ],
      [
        '越秀区乙街社工站',
        790.5,
        [
          ['evaluator', 550.5],
          ['buyer', 160],
          ['supervisor', 80],
        ],
      ],
    ]);
    // 汇总.xlsx › 站点总表: one column per party, after the modules.
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(path.join(out, '汇总.xlsx'));
    const table = summary.getWorksheet('站点总表');
    if (!table) throw new Error('no 站点总表');
    const header = (table.getRow(1).values as unknown[]).slice(1);
    const at = header.indexOf('第三方评估机构计分(700)') + 1;
    expect(header.slice(at - 1, at + 2)).toEqual(['第三方评估机构计分(700)', '采购方计分(200)', '督导计分(100)']);
    expect([2, 3].map((r) => [table.getCell(r, 3).value, ...[0, 1, 2].map((k) => table.getCell(r, at + k).value)])).toEqual([
      ['越秀区甲街社工站', 593.5, 182, 91.5],
      ['越秀区乙街社工站', 550.5, 160, 80],
    ]);
    // The station's Excel: 各评分方计分 below the module table.
    const station = new ExcelJS.Workbook();
    await station.xlsx.readFile(path.join(out, 'stations', '越秀区', '越秀区甲街社工站.xlsx'));
    const ws = station.worksheets[0];
    let head = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === '各评分方计分') head = r;
    });
    expect(head).toBeGreaterThan(0);
    const rowValues = (r: number) => [2, 3, 4, 5, 6].map((c) => ws.getCell(r, c).value);
    expect([head, head + 1, head + 2, head + 3].map(rowValues)).toEqual([
      ['评分方', '评分项目数', '计分项目数', '计分合计', '满分'],
      ['第三方评估机构', 2, 2, 593.5, 700],
      ['采购方', 2, 2, 182, 200],
      ['督导', 2, 2, 91.5, 100],
    ]);
    expect((ws.getCell(head + 4, 5).value as ExcelJS.CellFormulaValue).result).toBe(867);
    // The station's PDF: the table's text.
    try {
      const text = execFileSync('pdftotext', ['-layout', path.join(out, 'stations', '越秀区', '越秀区甲街社工站.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('各评分方计分');
      expect(text.replace(/ +/g, ' ')).toContain('第三方评估机构 2 593.5 700.0 84.8%');
      expect(text.replace(/ +/g, ' ')).toContain('采购方 2 182.0 200.0 91.0%');
      expect(text.replace(/ +/g, ' ')).toContain('合计 867.0 1000.0');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      console.warn('batch parties test: pdftotext not installed; the PDF text check skipped');
    }
  }, 120_000);
});
