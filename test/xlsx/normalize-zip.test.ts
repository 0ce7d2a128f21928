import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { normalizeZipDates, ZipLayoutError } from '../../src/xlsx/normalize-zip.js';
import { writeStreamingWorkbook } from '../../src/xlsx/write-streaming.js';
import { must } from '../../src/util/must.js';

async function book(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.addWorksheet('表').getCell('A1').value = '城关镇';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('normalizeZipDates (exceljs 4.4.0 zip layout)', () => {
  it('workbooks written at different times become byte-identical, and stay readable', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2024-03-01T08:00:00Z'));
      const a = await book();
      vi.setSystemTime(new Date('2031-11-17T23:59:58Z'));
      const b = await book();
      // exceljs stamps the current time: the raw bytes differ (this is what the fix relies on).
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
      normalizeZipDates(a);
      normalizeZipDates(b);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    const a = normalizeZipDates(await book());
    const files = unzipSync(a);
    expect(Object.keys(files)).toContain('xl/workbook.xml');
    // Local header of the first entry: time 0, date 1980-01-01 (0x0021).
    expect(a[10] | (a[11] << 8)).toBe(0);
    expect(a[12] | (a[13] << 8)).toBe(0x21);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(a) as never);
    expect(must(wb.getWorksheet('表')).getCell('A1').value).toBe('城关镇');
  });

  it('the streaming writer (archiver) output is normalised too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nz-'));
    const write = async (file: string) =>
      writeStreamingWorkbook(file, (wb) => {
        const ws = wb.addWorksheet('表');
        ws.addRow(['a', 1]).commit();
      });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2024-03-01T08:00:00Z'));
      await write(path.join(dir, 'a.xlsx'));
      vi.setSystemTime(new Date('2029-06-30T12:34:56Z'));
      await write(path.join(dir, 'b.xlsx'));
    } finally {
      vi.useRealTimers();
    }
    const a = await readFile(path.join(dir, 'a.xlsx'));
    const b = await readFile(path.join(dir, 'b.xlsx'));
    expect(a.equals(b)).toBe(true);
  });

  it('refuses what is not a zip', () => {
    expect(() => normalizeZipDates(new TextEncoder().encode('not a zip at all, just text'))).toThrow(ZipLayoutError);
  });
});
