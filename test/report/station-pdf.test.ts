import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStationPdf } from '../../src/report/station-pdf.js';
import { fujianRubric, selfOnly, spotChecked } from './fixtures.js';
import { reportNumber } from '../../src/report/format.js';
import { must } from '../../src/util/must.js';

function has(cmd: string): boolean {
  try {
    execFileSync(cmd, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const poppler = has('pdftotext') && has('pdfinfo') && has('pdffonts');
if (!poppler) console.warn('station-pdf tests: poppler-utils (pdftotext, pdfinfo, pdffonts) not installed; PDF text checks skipped');

const dir = mkdtempSync(path.join(tmpdir(), 'station-pdf-'));
function save(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const page = (file: string, n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(must(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' })))[1]);

describe('renderStationPdf', () => {
  it('is byte-identical for identical input, with fixed dates', async () => {
    const a = await renderStationPdf(spotChecked, fujianRubric);
    const b = await renderStationPdf(spotChecked, fujianRubric);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(Buffer.from(a.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.3');
    const c = await renderStationPdf(spotChecked, fujianRubric, { date: new Date('2024-12-01T00:00:00Z') });
    expect(Buffer.compare(Buffer.from(a), Buffer.from(c))).not.toBe(0);
  }, 30_000);

  describe.skipIf(!poppler)('read back with poppler', () => {
    it('spot-checked station: name, total, star, sections, footer on every page, embedded subset font', async () => {
      const file = save('spot.pdf', await renderStationPdf(spotChecked, fujianRubric));
      const t = text(file);
      const n = pages(file);
      expect(n).toBe(5);
      expect(t).toContain('评估报告');
      expect(t).toContain('城关镇社会工作服务站');
      expect(t).toContain('924.2');
      expect(t).toContain('四星级');
      expect(t).toContain('总分还差 25.8 分');
      expect(t).toContain('评分明细');
      expect(t).toContain('抽查偏差');
      expect(t).toContain('评估人员');
      expect(t).toContain('复核人');
      expect(t).toContain('盖章');
      expect(t).toContain('本评估细则的项目与分值为示例');
      for (let i = 1; i <= n; i++) expect(t).toMatch(new RegExp(`第\\s*${i}\\s*页\\s*/\\s*共\\s*${n}\\s*页`));
      expect(t.match(new RegExp(`fujian-style-test 2024\\.1 \\| sha256 ${fujianRubric.sha256.slice(0, 8)} \\| station-eval 0\\.1\\.0`, 'g'))?.length).toBe(n);
      // The item table header repeats on every table page.
      expect(t.match(/扣分原因 \/ 备注/g)?.length).toBeGreaterThanOrEqual(2);
      // Tabs from inputs are printed as spaces, never as a missing-glyph box.
      expect(t).toContain('缺服务照片 4 项');
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      expect(fonts).toMatch(/\+NotoSansSC-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Title:\s+城关镇社会工作服务站 评估报告/);
      expect(info).toMatch(/CreationDate:\s+Thu Jan\s+1 00:00:00 1970/);
      expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
    }, 30_000);

    it('page 1 is a formal report: header block, conclusion, the comparison that adds up, signature and seal with the conclusion', async () => {
      const file = save('formal.pdf', await renderStationPdf(spotChecked, fujianRubric, { evaluator: '某某社会工作评估中心', evaluationDate: '2024-12-05' }));
      const p1 = page(file, 1);
      expect(p1).toMatch(new RegExp(`报告编号\\s+${reportNumber(spotChecked)}`));
      expect(reportNumber(spotChecked)).toBe('fujian-style-test-2024-FJ-350521-001');
      expect(p1).toMatch(/评估对象\s+城关镇社会工作服务站（惠安县 · 城关镇）/);
      expect(p1).toMatch(/评估机构\s+某某社会工作评估中心/);
      expect(p1).toMatch(/评估日期\s+2024-12-05/);
      expect(p1).toMatch(new RegExp(`评估依据\\s+《${spotChecked.rubric.title.replace(/[()（）]/g, '.')}》 版本 2024\\.1 · sha256 ${spotChecked.rubric.sha256.slice(0, 8)}`));
      expect(p1).toContain('评估结论');
      expect(p1).toContain('924.2');
      expect(p1).toContain('四星级');
      // The comparison: the sum before any cap is self, spot, their difference, the start.
      expect(p1).toMatch(
        new RegExp(
          `合计（封顶前）\\s+1000\\.0\\s+${must(spotChecked.selfTotal).toFixed(1)}\\s+${must(spotChecked.spotTotal).toFixed(1)}\\s+\\+${must(spotChecked.deviation).toFixed(1)}\\s+${spotChecked.totalSteps.start.toFixed(1)}`,
        ),
      );
      expect(p1).toMatch(/最终得分\s+1000\.0\s+924\.2/);
      for (const label of ['评估人员', '复核人', '评估机构（盖章）', '日期']) expect(p1).toContain(label);
      // The last page is not a lone signature block any more.
      expect(page(file, pages(file))).not.toContain('评估人员');
      // Unknown evaluator and date: lines to fill in by hand.
      const blank = page(save('formal-blank.pdf', await renderStationPdf(spotChecked, fujianRubric)), 1);
      expect(blank).toMatch(/评估机构\s+＿+/);
    }, 30_000);

    it('a short deviation section never stands alone on the last page: 白沙镇’s two rows share it with the item table’s last block', async () => {
      const { loadRubric } = await import('../../src/rubric/load-rubric.js');
      const { scoreOne, runContext } = await import('../../src/pipeline/index.js');
      const rubric = await loadRubric(path.resolve('rubrics/fujian-style.yaml'));
      const { result } = await scoreOne(runContext(), { rubric, self: path.resolve('samples/示例县/示例县白沙镇社工站.xlsx'), spot: path.resolve('samples/抽查汇总.xlsx') });
      const file = save('baisha.pdf', await renderStationPdf(result, rubric));
      const n = pages(file);
      const last = page(file, n);
      // The heading with its rows, and the bonus block with the totals above them (the table broke before 加分项).
      expect(last).toMatch(/抽查偏差（自评 − 抽查）[\s\S]*1\.2\.5[\s\S]*2\.2\.3/);
      expect(last).toMatch(/加分项（上限 50\.0 分）[\s\S]*最终得分[\s\S]*抽查偏差/);
      expect(page(file, n - 1)).toMatch(/6 运营绩效[\s\S]*小计/);
      expect(page(file, n - 1)).not.toContain('加分项');
    }, 60_000);

    it('self-assessed station: notices, no deviation section', async () => {
      const file = save('self.pdf', await renderStationPdf(selfOnly, fujianRubric));
      const t = text(file);
      expect(t).toContain('洛阳镇社会工作服务站');
      expect(t).toContain('962.5');
      expect(t).toContain('未达到星级');
      expect(t).toContain('一票否决：弄虚作假');
      expect(t).toContain('评分不完整：1 个评估项目未评分（2.3.1）');
      expect(t).toContain('未经抽查核实');
      expect(t).not.toContain('抽查偏差');
      expect(t).not.toContain('抽查  '); // no 抽查 column in the item table
      expect(pages(file)).toBe(4);
    }, 30_000);
  });
});
