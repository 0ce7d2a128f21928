/**
 * A station date (t="d", no zone) is the calendar date whatever the machine's
 * time zone: the CLI spawned under three TZ values (the e2e project: spawned
 * processes). The reading itself is ./read-cells-sax.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL_RUBRIC, stationRows } from '../hostile/generate.js';
import { rawXlsx } from '../hostile/raw-xlsx.js';

describe("the station date does not depend on the machine's time zone (spawned under TZ=UTC and TZ=Asia/Shanghai)", () => {
  it.runIf(existsSync('dist/cli/main.js'))(
    'score --json gives the same station.date, 2024-11-30',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tz-'));
      const rows = stationRows();
      rows.splice(2, 0, [
        { t: 'str', v: '填表日期' },
        { t: 'raw', xml: '<c r="{ref}" t="d"><v>2024-11-30T00:00:00</v></c>' },
      ]);
      const self = path.join(dir, '城关镇.xlsx');
      writeFileSync(self, rawXlsx([{ name: '自评表', rows }]));
      const rubric = path.join(dir, 'minimal.yaml');
      writeFileSync(rubric, MINIMAL_RUBRIC);
      const dates: string[] = [];
      for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
        const out = execFileSync(process.execPath, ['bin/station-eval.js', 'score', rubric, '--self', self, '--json', '-', '-q'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
        dates.push((JSON.parse(out) as { station: { date?: string } }).station.date ?? '(none)');
      }
      expect(dates).toEqual(['2024-11-30', '2024-11-30', '2024-11-30']);
    },
    60_000,
  );
});
