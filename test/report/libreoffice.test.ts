/**
 * Real spreadsheet software reads the station workbook and its formulas
 * compute the engine's numbers: every cached formula result is replaced by
 * -999, LibreOffice (headless, told to recalculate on load) converts every
 * sheet to CSV, and the recalculated cells must equal the engine's numbers.
 * Skipped when soffice is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderStationXlsx } from '../../src/report/station-xlsx.js';
import { fujianRubric, spotChecked } from './fixtures.js';
import { must } from '../../src/util/must.js';

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
const soffice = hasSoffice();
if (!soffice) console.warn('libreoffice test: soffice not installed; skipped');

describe.skipIf(!soffice)('station workbook in LibreOffice', () => {
  it('recalculates every formula to the engine numbers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lo-'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderStationXlsx(spotChecked, fujianRubric)) as unknown as ArrayBuffer);
    let poisoned = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          const v = c.value;
          if (v && typeof v === 'object' && 'formula' in v) {
            c.value = { formula: v.formula, result: -999 };
            poisoned++;
          }
        }),
      ),
    );
    expect(poisoned).toBeGreaterThan(50);
    const file = path.join(dir, 'station.xlsx');
    await wb.xlsx.writeFile(file);
    // A private profile that recalculates OOXML files on load (and cannot clash with another soffice).
    const profile = path.join(dir, 'profile');
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
    execFileSync(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', file, '--outdir', dir],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const csv = (sheet: string) => readFileSync(path.join(dir, must(readdirSync(dir).find((f) => f.endsWith(`-${sheet}.csv`)))), 'utf8');
    const detail = csv('评分明细');
    const summary = csv('汇总');
    const deviation = csv('偏差');
    for (const text of [detail, summary, deviation]) expect(text).not.toContain('-999');
    const rows = detail.split('\n').map((l) => l.split(','));
    const subtotals = rows.filter((r) => r[3]?.startsWith('小计：')).map((r) => r[10]);
    expect(subtotals).toEqual(['136.5', '142.5', '144.2', '185.5', '230.5', '75', '10']);
    const total = must(rows.find((r) => r[3] === '总分'));
    expect(total[10]).toBe('924.2');
    expect(total[11]).toBe('40.3');
    expect(summary).toMatch(/^总分,924\.2/m);
    expect(summary).toMatch(/^3,运营投入,150,125,144\.2,144\.2,96\.1,105,120/m);
  }, 180_000);
});
