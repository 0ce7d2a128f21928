import { describe, expect, it } from 'vitest';
import { createReportDocument } from '../../../src/report/pdf/document.js';
import { drawTable, type TableRow } from '../../../src/report/pdf/table.js';

const columns = [
  { header: '编号', width: 1 },
  { header: '评估项目', width: 6 },
  { header: '分值', width: 1, align: 'right' as const },
  { header: '备注', width: 3, align: 'center' as const },
];

async function render(rows: TableRow[], startY: number): Promise<Buffer> {
  const { doc, finish } = await createReportDocument({ title: '缓存测试' });
  doc.y = startY;
  drawTable(doc, { columns, rows });
  return Buffer.from(await finish());
}

describe('table wrap cache', () => {
  const rowsA: TableRow[] = [
    { kind: 'group', cells: ['1 基础建设（满分 150.0）'] },
    { cells: ['1.1', '服务场所面积不少于60平方米且相对独立、功能分区合理（含办公区、个案工作室）\n自评：67 ㎡', '20.0', '佐证材料见档案盒 11 号'] },
    { cells: ['1.2', '场所选址', '10.0', ''] },
  ];
  const rowsB: TableRow[] = [
    { cells: ['1.1', '服务场所面积不少于60平方米且相对独立、功能分区合理（含办公区、个案工作室）\n自评：67 ㎡', '20.0', '另一条备注，很长很长很长很长很长很长很长很长很长很长'] },
  ];

  it('output does not depend on what was drawn before, nor on where the table starts', async () => {
    const first = await render(rowsA, 100);
    await render(rowsB, 333.3333);
    await render(rowsA, 57.77);
    expect((await render(rowsA, 100)).equals(first)).toBe(true);
  }, 30_000);

  it('a cell measures like pdfkit heightOfString', async () => {
    const { doc } = await createReportDocument({ title: '高度' });
    doc.fontSize(8);
    const text = rowsA[1].cells[1];
    const expected = doc.heightOfString(text, { width: 200 });
    doc.y = 100;
    const before = doc.y;
    const m = drawTable(doc, { columns: [{ header: 'x', width: 1 }], width: 206, rows: [{ cells: [text] }], style: { padding: 3, fontSize: 8, headerFontSize: 8 } });
    expect(m.pages).toBe(1);
    // header (one line + padding) + the row (its text height + padding)
    const header = Math.max(8 * 1.2, doc.currentLineHeight(true)) + 6;
    expect(doc.y - before).toBeCloseTo(header + expected + 6, 6);
  }, 30_000);
});
