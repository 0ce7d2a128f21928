import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawBarChart } from '../../../src/report/pdf/chart.js';
import { createReportDocument, drawFooters } from '../../../src/report/pdf/document.js';
import { loadCjkFont } from '../../../src/report/pdf/font.js';
import { balancedBreak, drawTable, printableText, type TableRow } from '../../../src/report/pdf/table.js';

let poppler = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  poppler = false;
  console.warn('pdftotext not installed: PDF text checks skipped');
}

describe('pdf building blocks', () => {
  it('parses the CJK font once per process; it has ★', async () => {
    const a = await loadCjkFont();
    const b = await loadCjkFont();
    expect(a).toBe(b);
    expect(a.regular.postscriptName).toBe('NotoSansSC-Regular');
    expect(a.bold.postscriptName).toBe('NotoSansSC-Bold');
    expect(a.regular.hasGlyphForCodePoint(0x2605)).toBe(true);
  });

  it('printable text: tabs become spaces, controls dropped, line breaks kept', () => {
    expect(printableText('a\tb\r\nc\u0007d')).toBe('a b\ncd');
  });

  it('a long table breaks pages, repeats its header, and the footer counts pages', async () => {
    const { doc, finish } = await createReportDocument({ title: '表格测试' });
    const rows: TableRow[] = [];
    for (let g = 1; g <= 4; g++) {
      rows.push({ kind: 'group', cells: [`${g} 模块${g}`] });
      for (let i = 1; i <= 30; i++) rows.push({ cells: [`${g}.${i}`, `评估项目第 ${i} 项：服务场所面积不少于60平方米且相对独立、功能分区合理（含办公区、个案工作室）`, '12.5'] });
      rows.push({ kind: 'subtotal', cells: ['', '小计', '375.0'] });
    }
    const h = drawBarChart(doc, { x: 42, y: doc.y, width: 500, bars: [{ label: '基础建设', value: 136.5, max: 150, valueText: '136.5 / 150.0', markers: [{ value: 105, color: '#2E7D32' }] }] });
    expect(h).toBeGreaterThan(14);
    doc.y += h;
    const metrics = drawTable(doc, {
      columns: [
        { header: '编号', width: 1 },
        { header: '评估项目', width: 8 },
        { header: '分值', width: 1, align: 'right' },
      ],
      rows,
    });
    drawFooters(doc, 'footer-left');
    const bytes = await finish();
    expect(metrics.rows).toBe(128);
    expect(metrics.pages).toBeGreaterThan(3);
    if (!poppler) return;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pdf-table-')), 't.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(metrics.pages);
    for (const [i, page] of pages.entries()) {
      expect(page).toMatch(/编号\s+评估项目\s+分值/);
      expect(page).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${metrics.pages}\\s*页`));
    }
    expect(text).toContain('4.30');
    expect(text.match(/小计/g)?.length).toBe(4);
  }, 30_000);

  describe('balancedBreak: no near-empty last page', () => {
    // A page of 100 pt under its header (10 pt), rows of 10 pt; the greedy plan filled pages 1 and 2.
    const base = { heights: Array<number>(18).fill(10), canBreak: Array<boolean>(18).fill(true), bottom: 110, usable: 100, header: 10 };

    it('a short section after a full last page: rows of that page move over to it, the fewest that fill a quarter', () => {
      // Rows 9–17 on page 2 end at 100; a 15 pt section does not fit below (100 + 15 > 110) and would stand alone.
      // 10 (header) + 15 + row 17 = 35 ≥ 25: one row is enough.
      expect(balancedBreak({ ...base, breaks: [9], endY: 100, after: 15 })).toBe(17);
      // A 2 pt section below a table ending at 109: 10 + 2 + 10 = 22 < 25, so two rows move.
      expect(balancedBreak({ ...base, breaks: [9], endY: 109, after: 2 })).toBe(16);
      // A section that fits below the table, or that fills a quarter page itself: nothing moves.
      expect(balancedBreak({ ...base, breaks: [9], endY: 90, after: 15 })).toBeUndefined();
      expect(balancedBreak({ ...base, breaks: [9], endY: 100, after: 30 })).toBeUndefined();
      // Two rows at least stay on the page they leave: a last page of two rows gives none away.
      expect(balancedBreak({ ...base, breaks: [16], endY: 100, after: 15 })).toBeUndefined();
    });

    it('a last page of a few rows takes rows from the page before; a group heading within reach is the break', () => {
      // Page 3 holds row 17 only: 10 + 10 = 20 < 25. Moving row 16 makes 30.
      expect(balancedBreak({ ...base, breaks: [8, 17], endY: 30, after: 0 })).toBe(16);
      // Rows that may not open a page (a subtotal, a row after a group heading) are passed over.
      const canBreak = base.canBreak.map((_, i) => i !== 16);
      expect(balancedBreak({ ...base, canBreak, breaks: [8, 17], endY: 30, after: 0 })).toBe(15);
      // A group heading at row 13 (moved 10 + 5 × 10 = 60 ≤ 60 % of the page) is preferred to the fewest rows.
      const preferred = base.canBreak.map((_, i) => i === 13);
      expect(balancedBreak({ ...base, preferred, breaks: [8, 17], endY: 30, after: 0 })).toBe(13);
      // One starting too far back (row 10: 80 > 60) is not.
      expect(balancedBreak({ ...base, preferred: base.canBreak.map((_, i) => i === 10), breaks: [8, 17], endY: 30, after: 0 })).toBe(16);
      // A one-page table is left alone.
      expect(balancedBreak({ ...base, breaks: [], endY: 30, after: 0 })).toBeUndefined();
    });
  });
});
