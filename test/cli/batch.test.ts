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
