/**
 * batch with a pdfkit other than the pinned one (the version mocked): the
 * speed layer's warning is said once, at the start, before the progress bar —
 * not when 总览.pdf is written at the end. A file of its own because the mock
 * of src/report/pdf/backend.ts holds for the whole file.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { buildTemplate } from '../../src/workbook/template.js';

const stray: string[] = [];
vi.mock('../../src/report/pdf/backend.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/report/pdf/backend.js')>();
  return {
    ...actual,
    speedLayerFor: actual.speedLayerChooser(
      () => ({ pdfkit: '0.21.0', fontkit: '2.0.4' }),
      (m) => stray.push(m),
    ),
  };
});

const RUBRIC = path.resolve('test/fixtures/rubrics/minimal.yaml');

describe('batch: the PDF version check', () => {
  it('warns once at the start of the run, before the progress bar, not again when the PDFs are made', async () => {
    delete process.env.STATION_EVAL_PDF;
    const rubric = await loadRubric(RUBRIC);
    const root = await mkdtemp(path.join(tmpdir(), 'pdf-version-'));
    await mkdir(path.join(root, 'self'));
    await writeFile(path.join(root, 'self', '城关镇.xlsx'), await buildTemplate(rubric, { station: { name: '城关镇社工站', county: '甲县' } }));
    const events: string[] = [];
    const report = await runBatch({
      rubricFile: RUBRIC,
      selfDir: path.join(root, 'self'),
      out: path.join(root, 'out'),
      jobs: 1,
      tool: { name: 'station-eval', version: 'test' },
      progress: { start: (stage) => events.push(`start ${stage}`), tick: () => {}, stop: () => {} },
      warn: (m) => events.push(m),
    });
    expect(report.scored).toBe(1);
    expect(events).toEqual(['警告：已安装 pdfkit 0.21.0，PDF 加速层只适用于 pdfkit 0.20.2；改用参考模式生成 PDF（内容相同，速度较慢）。', 'start 读取', 'start 评分与报告']);
    // Not said again when the station PDF and 总览.pdf were made.
    expect(stray).toEqual([]);
    const overview = await readFile(path.join(root, 'out', '总览.pdf'));
    expect(overview.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
