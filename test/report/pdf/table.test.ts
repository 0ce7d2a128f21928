import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawBarChart } from '../../../src/report/pdf/chart.js';
import { createReportDocument, drawFooters } from '../../../src/report/pdf/document.js';
import { loadCjkFont } from '../../../src/report/pdf/font.js';
import { drawTable, printableText, type TableRow } from '../../../src/report/pdf/table.js';

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
});
