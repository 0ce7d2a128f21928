/**
 * The reports on real engine results: every sample station of 示例县 scored
 * with the bundled Fujian-style rubric and the consolidated spot check (N/A,
 * blanks, vetoes, inflation, bonus clamp). The workbook's live formulas must
 * reproduce the engine's numbers for every station (no fallback to plain
 * values), and the PDF must carry each station's name and total.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runContext, scoreOne } from '../../src/pipeline/index.js';
import { formatScore } from '../../src/report/format.js';
import { renderStationPdf } from '../../src/report/station-pdf.js';
import { DETAIL, renderStationXlsx } from '../../src/report/station-xlsx.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import type { StationResult } from '../../src/score/types.js';
import { must } from '../../src/util/must.js';

const samples = 'samples/示例县';
let rubric: LoadedRubric;
const results: StationResult[] = [];

beforeAll(async () => {
  rubric = await loadRubric('rubrics/fujian-style.yaml');
  for (const f of readdirSync(samples)
    .filter((n) => n.endsWith('.xlsx'))
    .sort()) {
    const { result } = await scoreOne(runContext({ tool: { name: 'station-eval', version: '0.1.0' } }), { rubric, self: path.join(samples, f), spot: 'samples/抽查汇总.xlsx' });
    results.push(result);
  }
}, 120_000);

type F = { formula?: string; result?: unknown };

describe('reports on engine results (示例县 samples)', () => {
  it('scored all 13 sample stations', () => {
    expect(results.length).toBe(13);
  });

  it('xlsx: subtotal and total formulas reproduce the engine numbers for every station', async () => {
    const fallbacks: string[] = [];
    for (const result of results) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await renderStationXlsx(result, rubric)) as unknown as ArrayBuffer);
      const ws = must(wb.getWorksheet('评分明细'));
      const modFinals: unknown[] = [];
      ws.eachRow((row) => {
        const name = row.getCell(DETAIL.name).value;
        if (typeof name !== 'string') return;
        const isSub = name.startsWith('小计：');
        if (!isSub && name !== '总分' && !name.startsWith('基础分')) return;
        for (const col of [DETAIL.final, DETAIL.self, DETAIL.spot, DETAIL.deviation]) {
          const v = row.getCell(col).value;
          if (typeof v === 'number' && !(name === '总分' && (col === DETAIL.self || col === DETAIL.spot))) fallbacks.push(`${result.station.name} ${name} col ${col} = ${v}`);
        }
        if (isSub && row.getCell(DETAIL.id).value) modFinals.push((row.getCell(DETAIL.final).value as F).result);
      });
      expect(modFinals).toEqual(result.modules.map((m) => m.final));
    }
    // A veto that zeroes the total is the one case written as a plain number.
    const zeroVeto = results.filter((r) => r.vetoes.some((v) => v.effect === 'zero-total')).map((r) => `${r.station.name} 总分`);
    expect(fallbacks.filter((f) => !zeroVeto.some((z) => f.startsWith(z)))).toEqual([]);
  }, 120_000);

  it('pdf: every station name and total are in the text', async () => {
    let poppler = true;
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    } catch {
      poppler = false;
      console.warn('pdftotext not installed: PDF text checks skipped');
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'engine-pdf-'));
    for (const [i, result] of results.entries()) {
      const bytes = await renderStationPdf(result, rubric);
      if (!poppler) continue;
      const file = path.join(dir, `${i}.pdf`);
      writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain(result.station.name);
      expect(text).toContain(formatScore(result.total, rubric.data.precision));
      expect(text).toContain(result.starName ?? '未达到星级');
    }
  }, 120_000);
});
