import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOverviewPdf } from '../../src/report/overview-pdf.js';
import type { StationRow } from '../../src/report/station-row.js';
import { rubricFromData } from '../../src/rubric/model.js';
import { Rubric } from '../../src/rubric/schema.js';
import { must } from '../../src/util/must.js';

const rubric = rubricFromData(
  Rubric.parse({
    id: 'mini',
    title: '小型细则',
    version: '1',
    total: 100,
    modules: [
      { id: '1', name: '基础建设', points: 40, scoring: { kind: 'range' } },
      { id: '2', name: '服务提供', points: 60, scoring: { kind: 'range' } },
    ],
    stars: {
      levels: [
        { level: 2, name: '二星级', minTotal: 90 },
        { level: 1, name: '一星级', minTotal: 60 },
      ],
    },
  }),
);

function row(i: number): StationRow {
  const total = 100 - (i % 50);
  const stars = total >= 90 ? 2 : total >= 60 ? 1 : null;
  return {
    key: `县${i % 7}|站${i}`,
    county: `第${i % 7}县`,
    name: `第${String(i).padStart(3, '0')}号社工站`,
    file: `${i}.xlsx`,
    total,
    baseTotal: total,
    bonus: 0,
    penalty: 0,
    stars,
    starName: stars ? `${stars === 2 ? '二' : '一'}星级` : null,
    starReason: '',
    verified: i % 3 === 0,
    complete: true,
    modules: [total * 0.4, total * 0.6],
    selfTotal: total,
    spotTotal: i % 3 === 0 ? total : null,
    deviation: i % 3 === 0 ? 0 : null,
    totalNote: '',
    inflated: false,
    flags: [],
    vetoes: [],
    deviations: [],
  };
}

const has = (cmd: string) => {
  try {
    execFileSync(cmd, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!has('pdftotext'))('renderOverviewPdf', () => {
  it('lists every station over pages with the header repeated, has the bureau signature block, no near-empty page', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => row(i));
    const bytes = await renderOverviewPdf({ rubric, rows, problems: [], missing: [], tool: { name: 'station-eval', version: '0.1.0' } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'overview-')), '总览.pdf');
    writeFileSync(file, bytes);
    const pages = Number(must(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' })))[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = (p: number) => execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
    const all = Array.from({ length: pages }, (_, i) => text(i + 1));
    for (const r of rows) expect(all.join('\n')).toContain(r.name);
    expect(all.join('\n')).toMatch(/附表[\s\u3000]+站点评估结果一览（150 个站点）/);
    expect(all.join('\n')).toMatch(/编制单位（盖章）/);
    // Every annex page repeats the header; every page has real content (more than a few lines).
    const annexStart = all.findIndex((t) => /附表/.test(t));
    const annexPages = all.slice(annexStart);
    expect(annexPages.length).toBeGreaterThanOrEqual(3);
    for (const t of annexPages) expect(t).toMatch(/排名\s+县\(市、区\)\s+站点名称\s+总分\s+星级\s+抽查核实/);
    for (const t of all) expect(t.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(6);
    // Ranked by level, then total: the first annex row is a top station, ties share a rank.
    expect(all.join('\n')).toMatch(/\n\s*1\s+第0县\s+第000号社工站\s+100\.0\s+二星级\s+已核实/);
  }, 60_000);
});
