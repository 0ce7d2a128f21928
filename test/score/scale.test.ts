/**
 * A scale factor on the total (GB/T 50378-2019: Q = (Q0 + Q1 + … + Q5 + QA) / 10)
 * and named levels that are not stars (合格 / 不合格): exact numbers through
 * the engine, the validator's located diagnostics, and the report lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreStation } from '../../src/score/score-station.js';
import { scaleTotal } from '../../src/score/scale.js';
import { Big } from '../../src/score/decimal.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderStationXlsx } from '../../src/report/station-xlsx.js';
import { renderStationPdf } from '../../src/report/station-pdf.js';
import { starLabel } from '../../src/report/summary-xlsx.js';
import { validate } from '../rubric/fixture.js';
import { party, pts, rubric, station } from './helpers.js';
import { checkResult } from '../../src/score/result-schema.js';
import { must } from '../../src/util/must.js';
import { messageOf } from '../../src/problems/render.js';

// Modeled on GB/T 50378-2019 绿色建筑评价标准: five categories of 100 and a 400-point control base
// (here: one module of 400 and one of 600), 提高与创新 as bonus up to 100, total not clamped, Q = sum / 10,
// 一星级 60, 二星级 70, 三星级 85 on Q.
const green = rubric({
  total: 1000,
  clampTotal: false,
  scale: { divideBy: 10, digits: 1 },
  modules: [
    { id: 'Q0', name: '控制项基础分', points: 400, children: [{ id: 'Q0.1', name: '控制项', points: 400, scoring: { kind: 'range' } }] },
    { id: 'Q1', name: '评分项', points: 600, children: [{ id: 'Q1.1', name: '评分项', points: 600, scoring: { kind: 'range' } }] },
  ],
  bonus: { cap: 100, items: [{ id: 'QA', name: '提高与创新', points: 100, scoring: { kind: 'range' } }] },
  stars: {
    levels: [
      { level: 1, name: '一星级', minTotal: 60 },
      { level: 2, name: '二星级', minTotal: 70 },
      { level: 3, name: '三星级', minTotal: 85 },
    ],
  },
});

describe('scaled total', () => {
  it('the levels compare total ÷ 10; modules still add up to the unscaled total', () => {
    const r = scoreStation(green, station(party({ 'Q0.1': pts(400), 'Q1.1': pts(357.5), QA: pts(27.5) })));
    expect(r.modules.map((m) => m.final)).toEqual([400, 357.5]);
    expect(r.baseTotal).toBe(757.5);
    expect(r.bonus).toBe(27.5);
    expect(r.total).toBe(785);
    expect(r.maxTotal).toBe(1100);
    expect(r.scaled).toEqual({ name: '总得分', divideBy: 10, total: 78.5, maxTotal: 110 });
    expect(checkResult(JSON.parse(JSON.stringify(r)))).toEqual({ result: JSON.parse(JSON.stringify(r)) as unknown });
    expect(r.stars).toBe(2);
    expect(r.starReason).toBe('总得分 78.5（总分 785 ÷ 10） < 三星级要求的 85；总得分 78.5（总分 785 ÷ 10） ≥ 70 → 二星级');
    expect(r.nextStar?.needs.map((n) => [n.kind, n.points, n.message])).toEqual([['total', 6.5, '总得分还差 6.5 分（须达到 85，目前 78.5）']]);
  });

  it('rounds half up at scale.digits, exactly', () => {
    expect(scaleTotal(new Big('787.5'), { divideBy: 10, digits: 1 }).toString()).toBe('78.8');
    expect(scaleTotal(new Big('787.4'), { divideBy: 10, digits: 1 }).toString()).toBe('78.7');
    expect(scaleTotal(new Big('100'), { divideBy: 3, digits: 2 }).toString()).toBe('33.33');
    const r = scoreStation(green, station(party({ 'Q0.1': pts(400), 'Q1.1': pts(199.5), QA: pts(0) })));
    // 599.5 / 10 = 59.95 → 60.0 (half up at one decimal): 一星级.
    expect([r.total, r.scaled?.total, r.stars]).toEqual([599.5, 60, 1]);
  });

  it('without scale nothing changes in the result', () => {
    const plain = rubric({ total: 10, modules: [{ id: '1', name: 'M', points: 10, children: [{ id: '1.1', name: 'I', points: 10, scoring: { kind: 'range' } }] }] });
    const r = scoreStation(plain, station(party({ '1.1': pts(7) })));
    expect('scaled' in r).toBe(false);
  });

  it('report lines: terminal, Excel summary, PDF', async () => {
    const r = scoreStation(green, station(party({ 'Q0.1': pts(400), 'Q1.1': pts(357.5), QA: pts(27.5) })));
    const term = renderTerminal(r, green, { color: false });
    expect(term).toContain('总得分 78.5 / 110.0（总分 785.0 ÷ 10）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderStationXlsx(r, green)) as never);
    const ws = must(wb.getWorksheet('汇总'));
    let found: unknown[] | undefined;
    ws.eachRow((row) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
      if (String(row.getCell(1).value).startsWith('总得分')) found = [row.getCell(1).value, row.getCell(2).value];
    });
    expect(found).toEqual(['总得分（总分 ÷ 10）', 78.5]);
    const text = pdfText(await renderStationPdf(r, green));
    if (text !== undefined) expect(text).toContain('总得分 78.5 / 110.0（总分 785.0 ÷ 10）');
  }, 30_000);
});

const passFail = rubric({
  total: 100,
  modules: [{ id: '1', name: '服务', points: 100, children: [{ id: '1.1', name: '服务质量', points: 100, scoring: { kind: 'range' } }] }],
  stars: { display: 'names', noLevelName: '不合格', levels: [{ level: 1, name: '合格', minTotal: 60 }] },
});

describe('named levels that are not stars (合格 / 不合格)', () => {
  it('a station below every level is called by noLevelName, in the reason too', () => {
    const r = scoreStation(passFail, station(party({ '1.1': pts(59.5) })));
    expect([r.stars, r.starName]).toEqual([null, null]);
    expect(r.starReason).toBe('总分 59.5 < 合格要求的 60 → 不合格');
    expect(r.nextStar?.name).toBe('合格');
    const ok = scoreStation(passFail, station(party({ '1.1': pts(60) })));
    expect([ok.stars, ok.starName, ok.starReason]).toEqual([1, '合格', '总分 60 ≥ 60 → 合格']);
  });

  it('reports show the name and no ★', async () => {
    const fail = scoreStation(passFail, station(party({ '1.1': pts(59.5) })));
    const term = renderTerminal(fail, passFail, { color: false });
    expect(term).toContain('总分 59.5 / 100.0    不合格');
    expect(term).not.toContain('★');
    expect(term).not.toContain('无星级');
    const ok = scoreStation(passFail, station(party({ '1.1': pts(80) })));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderStationXlsx(ok, passFail)) as never);
    const ws = must(wb.getWorksheet('汇总'));
    let level: unknown;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '等级') level = row.getCell(2).value;
    });
    expect(level).toBe('合格');
    const text = pdfText(await renderStationPdf(fail, passFail));
    if (text !== undefined) {
      expect(text).toContain('不合格');
      expect(text).not.toContain('★');
    }
  }, 30_000);
});

describe('batch summary labels', () => {
  it('a station with no level is called by noLevelName in 汇总.xlsx and 总览.pdf', () => {
    const names = new Map([[1, '合格']]);
    expect([starLabel(1, names, passFail.data.stars.noLevelName), starLabel(null, names, passFail.data.stars.noLevelName), starLabel(null, names)]).toEqual(['合格', '不合格', '无星级']);
  });
});

describe('validation, located', () => {
  const yaml = (stars: string, scale = '') => `id: t
title: 测试
version: "1"
total: 1000
clampTotal: false
${scale}modules:
  - id: "1"
    name: 评分项
    points: 1000
    children:
      - { id: "1.1", name: 评分项, points: 1000, scoring: { kind: range } }
stars:
${stars}`;
  const mine = (text: string) => validate(text).diagnostics.filter((d) => d.code !== 'RUBRIC_SINGLE_CHILD');
  it('a level above the scaled maximum is unreachable, at its minTotal', () => {
    const d = mine(yaml('  levels:\n    - { level: 1, name: 一星级, minTotal: 60 }\n    - { level: 2, name: 二星级, minTotal: 120 }\n', 'scale: { divideBy: 10 }\n'));
    expect(d.map((x) => [x.line, x.column, x.code, x.path, x.received, x.expected])).toEqual([[16, 40, 'RUBRIC_STAR_UNREACHABLE', 'stars.levels[1].minTotal', 120, '<= 100']]);
    expect(messageOf(d[0], 'zh')).toBe('二星级 要求总得分达到 120，但最高可得 100 分（满分 1000 ÷ 10）');
  });
  it('thresholds may have as many decimals as scale.digits, not more', () => {
    expect(mine(yaml('  levels:\n    - { level: 1, name: 一星级, minTotal: 60.25 }\n', 'scale: { divideBy: 10, digits: 2 }\n'))).toEqual([]);
    const d = mine(yaml('  levels:\n    - { level: 1, name: 一星级, minTotal: 60.25 }\n', 'scale: { divideBy: 10, digits: 1 }\n'));
    expect(d.map((x) => [x.line, x.column, x.code, x.received, x.expected])).toEqual([[15, 40, 'RUBRIC_PRECISION', 60.25, '<= 1 decimals']]);
  });
  it('noLevelName must not be a level name; level names are distinct', () => {
    const d = mine(yaml('  display: names\n  noLevelName: 合格\n  levels:\n    - { level: 1, name: 合格, minTotal: 600 }\n    - { level: 2, name: 合格, minTotal: 800 }\n'));
    expect(d.map((x) => [x.line, x.column, x.code, x.path, x.received])).toEqual([
      [14, 16, 'RUBRIC_LEVEL_NAME_DUPLICATE', 'stars.noLevelName', '合格'],
      [17, 25, 'RUBRIC_LEVEL_NAME_DUPLICATE', 'stars.levels[1].name', '合格'],
    ]);
  });
});

function pdfText(bytes: Uint8Array): string | undefined {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'scale-pdf-'));
  const file = path.join(dir, 'r.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
