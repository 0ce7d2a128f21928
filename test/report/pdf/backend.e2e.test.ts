/**
 * The PDF backend's two modes give the same document: every demo station of
 * 示例县 rendered by the fast mode (the speed layer over pdfkit and fontkit
 * internals) and by the reference mode (plain pdfkit) has the same page count
 * and the same text on every page (poppler's pdftotext). In the e2e project
 * (26 PDFs, 26 pdftotext processes); the choice of the mode is
 * ./backend.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runContext, scoreOne } from '../../../src/pipeline/index.js';
import { renderStationPdf } from '../../../src/report/station-pdf.js';
import { loadRubric } from '../../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../../src/rubric/model.js';
import type { StationResult } from '../../../src/score/types.js';

let pdftotext = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  pdftotext = false;
  console.warn('backend.e2e.test.ts: pdftotext (poppler-utils) is not installed; the fast/reference text comparison is SKIPPED');
}

const savedEnv = process.env.STATION_EVAL_PDF;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.STATION_EVAL_PDF;
  else process.env.STATION_EVAL_PDF = savedEnv;
});

describe.skipIf(!pdftotext)('fast and reference give the same document (示例县, 13 stations)', () => {
  const samples = 'samples/示例县';
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-backend-'));
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

  /** The text of each page (pdftotext ends every page with a form feed). */
  const pagesOf = (bytes: Uint8Array, name: string): string[] => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f');
    expect(pages.pop()).toBe('');
    return pages;
  };

  it('page count and the text of every page', async () => {
    expect(results).toHaveLength(13);
    let pages = 0;
    for (const [i, result] of results.entries()) {
      const fast = await renderStationPdf(result, rubric, { backend: 'fast' });
      const reference = await renderStationPdf(result, rubric, { backend: 'reference' });
      // Really two different writers (the reference mode has no base subset, other streams) …
      expect(Buffer.compare(Buffer.from(fast), Buffer.from(reference))).not.toBe(0);
      expect(Buffer.from(fast).includes('/FB1 ')).toBe(true);
      expect(Buffer.from(reference).includes('/FB1 ')).toBe(false);
      // … and the same document.
      const a = pagesOf(fast, `${i}-fast.pdf`);
      const b = pagesOf(reference, `${i}-reference.pdf`);
      expect(b.length, result.station.name).toBe(a.length);
      for (let p = 0; p < a.length; p++) expect(b[p], `${result.station.name} page ${p + 1}`).toBe(a[p]);
      expect(a[0]).toContain(result.station.name);
      pages += a.length;
    }
    expect(pages).toBeGreaterThanOrEqual(13 * 4);
  }, 300_000);

  it('STATION_EVAL_PDF=reference gives the reference document, byte for byte', async () => {
    const reference = await renderStationPdf(results[0], rubric, { backend: 'reference' });
    process.env.STATION_EVAL_PDF = 'reference';
    const byEnv = await renderStationPdf(results[0], rubric);
    delete process.env.STATION_EVAL_PDF;
    const byDefault = await renderStationPdf(results[0], rubric);
    expect(Buffer.compare(Buffer.from(byEnv), Buffer.from(reference))).toBe(0);
    expect(Buffer.compare(Buffer.from(byDefault), Buffer.from(reference))).not.toBe(0);
  }, 60_000);
});
