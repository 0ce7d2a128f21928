/**
 * The PDF backend: the mode is chosen by option, environment and the
 * installed versions. That the fast mode (the speed layer over pdfkit and
 * fontkit internals) and the reference mode (plain pdfkit) give the same
 * document, for every demo station of 示例县, is ./backend.e2e.test.ts (the
 * e2e project: 26 PDFs and pdftotext).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { effectiveMode, FAST, installedVersions, PDF_MODE_ENV, PINNED_VERSIONS, REFERENCE, requestedMode, speedLayerChooser, speedLayerFor } from '../../../src/report/pdf/backend.js';
import { createReportDocument } from '../../../src/report/pdf/document.js';

const savedEnv = process.env.STATION_EVAL_PDF;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.STATION_EVAL_PDF;
  else process.env.STATION_EVAL_PDF = savedEnv;
});

describe('choosing the backend', () => {
  it('option first, then STATION_EVAL_PDF, then fast; anything else is refused', () => {
    expect(requestedMode(undefined, {})).toBe('fast');
    expect(requestedMode(undefined, { [PDF_MODE_ENV]: '' })).toBe('fast');
    expect(requestedMode(undefined, { [PDF_MODE_ENV]: 'reference' })).toBe('reference');
    expect(requestedMode('fast', { [PDF_MODE_ENV]: 'reference' })).toBe('fast');
    expect(requestedMode('reference', {})).toBe('reference');
    expect(() => requestedMode(undefined, { [PDF_MODE_ENV]: 'slow' })).toThrow(UserError);
    expect(() => requestedMode(undefined, { [PDF_MODE_ENV]: 'slow' })).toThrow('STATION_EVAL_PDF=slow 无效（应为 fast 或 reference）');
    expect(() => requestedMode('Reference', { LANG: 'en_US.UTF-8' })).toThrow('invalid PDF backend "Reference" (expected fast or reference)');
  });

  it('reads the installed versions from package.json: the pinned ones', () => {
    expect(installedVersions()).toEqual({ pdfkit: '0.20.2', fontkit: '2.0.4' });
    expect(PINNED_VERSIONS).toEqual({ pdfkit: '0.20.2', fontkit: '2.0.4' });
    expect(effectiveMode('fast', installedVersions())).toEqual({ mode: 'fast' });
  });

  it('any other version of pdfkit or fontkit gives the reference mode with a warning naming it', () => {
    const other = effectiveMode('fast', { pdfkit: '0.20.3', fontkit: '2.0.4' }, {});
    expect(other.mode).toBe('reference');
    expect(other.warning).toBe('警告：已安装 pdfkit 0.20.3，PDF 加速层只适用于 pdfkit 0.20.2；改用参考模式生成 PDF（内容相同，速度较慢）。');
    const missing = effectiveMode('fast', { pdfkit: '0.20.2', fontkit: undefined }, { LANG: 'en_GB.UTF-8' });
    expect(missing).toEqual({
      mode: 'reference',
      warning: 'warning: fontkit ? installed; the PDF speed layer is written for fontkit 2.0.4; using the reference mode (same content, slower).',
    });
    expect(effectiveMode('reference', { pdfkit: '1.0.0', fontkit: '3.0.0' })).toEqual({ mode: 'reference' });
  });

  it('falls back with ONE warning however many documents are made, and reads the versions once', () => {
    const warnings: string[] = [];
    let reads = 0;
    const choose = speedLayerChooser(
      () => (reads++, { pdfkit: '0.21.0', fontkit: '2.0.4' }),
      (m) => warnings.push(m),
    );
    for (let i = 0; i < 5; i++) expect(choose()).toBe(REFERENCE);
    expect(choose('fast')).toBe(REFERENCE);
    expect(choose({ ...FAST, colors: false })).toBe(REFERENCE);
    expect(choose('reference')).toBe(REFERENCE);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('pdfkit 0.21.0');
    expect(reads).toBe(1);
    const pinned = speedLayerChooser(
      () => ({ ...PINNED_VERSIONS }),
      (m) => warnings.push(m),
    );
    expect(pinned()).toBe(FAST);
    expect(pinned('reference')).toBe(REFERENCE);
    expect(warnings).toHaveLength(1);
  });

  it('takeWarning: the check ahead of any document (a batch’s start) takes the one warning', () => {
    const warnings: string[] = [];
    const choose = speedLayerChooser(
      () => ({ pdfkit: '0.20.2', fontkit: '2.1.0' }),
      (m) => warnings.push(m),
    );
    expect(choose.takeWarning('reference')).toBeUndefined();
    expect(choose.takeWarning('fast')).toBe('警告：已安装 fontkit 2.1.0，PDF 加速层只适用于 fontkit 2.0.4；改用参考模式生成 PDF（内容相同，速度较慢）。');
    expect(choose.takeWarning('fast')).toBeUndefined();
    expect(choose()).toBe(REFERENCE);
    expect(warnings).toEqual([]);
    const pinned = speedLayerChooser(
      () => ({ ...PINNED_VERSIONS }),
      (m) => warnings.push(m),
    );
    expect(pinned.takeWarning()).toBeUndefined();
    expect(pinned()).toBe(FAST);
  });

  it('the installed chooser: fast by default, reference by option or environment', () => {
    expect(PDF_MODE_ENV).toBe('STATION_EVAL_PDF');
    delete process.env.STATION_EVAL_PDF;
    expect(speedLayerFor()).toBe(FAST);
    expect(speedLayerFor('reference')).toBe(REFERENCE);
    process.env.STATION_EVAL_PDF = 'reference';
    expect(speedLayerFor()).toBe(REFERENCE);
    expect(speedLayerFor('fast')).toBe(FAST);
  });

  it('a reference document is plain pdfkit: none of the overrides is installed on it', async () => {
    const PDFDocument = (await import('pdfkit')).default;
    const plain = new PDFDocument() as unknown as Record<string, unknown>;
    const names = ['text', 'heightOfString', 'widthOfString', '_fragment', 'addContent', 'addPage', 'switchToPage', 'fillColor', 'save', 'restore', 'ref', '_normalizeColor'];
    const { doc: ref, finish: endRef } = await createReportDocument({ title: 'r', backend: 'reference' });
    const { doc: fast, finish: endFast } = await createReportDocument({ title: 'f', backend: 'fast' });
    for (const name of names) expect((ref as unknown as Record<string, unknown>)[name], name).toBe(plain[name]);
    for (const name of names) expect((fast as unknown as Record<string, unknown>)[name], name).not.toBe(plain[name]);
    await endRef();
    await endFast();
  });
});
