import ExcelJS from 'exceljs';
import { messageOf } from '../../src/problems/render.js';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { main } from '../../src/cli/main.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { LoadedRubric } from '../../src/rubric/model.js';
import type { PartyEntries, StationResult } from '../../src/score/types.js';
import { buildTemplate } from '../../src/workbook/template.js';
import { must } from '../../src/util/must.js';

const RUBRIC = path.resolve('test/fixtures/rubrics/minimal.yaml');
let rubric: LoadedRubric;
let root: string;

function entries(area: number, plaque: string, missing: number, party = true): PartyEntries {
  return {
    items: {
      '1.1': { value: { kind: 'measure', value: area } },
      '1.2': { value: { kind: 'option', label: plaque } },
      '2.1': { value: { kind: 'count', count: missing } },
      '2.2': { value: { kind: 'met', met: party } },
    },
  };
}

async function station(dir: string, file: string, name: string, county: string, self: PartyEntries) {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, file), await buildTemplate(rubric, { station: { name, county }, fill: { self } }));
}

async function xlsx(file: string, header: string[], rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  return out.sort();
}

beforeAll(async () => {
  rubric = await loadRubric(RUBRIC);
  root = await mkdtemp(path.join(tmpdir(), 'batch-'));
  const self = path.join(root, 'self');
  // 城关镇: 4 + 2 + 4 = 10 (spot check lowers 1.1 to 2 → 8, still 二星级)
  await station(path.join(self, '甲县'), '城关镇.xlsx', '城关镇社工站', '甲县', entries(65, '门外醒目', 0));
  // 东山镇: 2 + 1 + 3 = 6 → 一星级
  await station(path.join(self, '甲县'), '东山镇.xlsx', '东山镇社会工作服务站', '甲县', entries(45, '室内', 1));
  // 西山镇: 0 + 1 + 2 = 3 → no star
  await station(path.join(self, '乙县'), '西山镇.xlsx', '西山镇社工站', '乙县', entries(10, '室内', 2));
  // Two workbooks for one station: neither is scored.
  await station(path.join(self, '乙县'), '南山镇.xlsx', '南山镇社工站', '乙县', entries(65, '室内', 0));
  await station(path.join(self, '乙县', '重交'), '南山镇（重交）.xlsx', '南山镇 社工站', '乙县', entries(65, '室内', 0));
  await writeFile(path.join(self, '乙县', '坏文件.xlsx'), 'PK\u0003\u0004 not really a zip');
  await writeFile(path.join(self, '乙县', '旧格式.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  await xlsx(
    path.join(root, '抽查汇总.xlsx'),
    ['站点名称', '所属县(市、区)', '编号', '抽查得分', '扣分原因'],
    [
      ['城关镇社工站', '甲县', '1.1', 2, '实测面积不足 60 ㎡'],
      ['城关镇社工站', '甲县', '1.2', 2, ''],
      ['北山镇社工站', '甲县', '1.1', 4, ''],
    ],
  );
  await xlsx(
    path.join(root, '站点名册.xlsx'),
    ['站点名称', '所属县(市、区)', '乡镇(街道)', '运营机构'],
    [
      ['城关镇社工站', '甲县', '城关镇', '甲县启明社工中心'],
      ['东山镇社工站', '甲县', '东山镇', '甲县同心社工中心'],
      ['北山镇社工站', '甲县', '北山镇', ''],
      ['西山镇社工站', '乙县', '西山镇', ''],
      ['南山镇社工站', '乙县', '南山镇', ''],
    ],
  );
});

describe('runBatch', () => {
  it('scores every good station, reports every bad file, and writes every output', async () => {
    const out = path.join(root, 'out-inline');
    const inputsBefore = await Promise.all((await listFiles(path.join(root, 'self'))).map((f) => readFile(path.join(root, 'self', f))));
    const report = await runBatch({
      rubricFile: RUBRIC,
      selfDir: path.join(root, 'self'),
      spot: path.join(root, '抽查汇总.xlsx'),
      roster: path.join(root, '站点名册.xlsx'),
      out,
      jobs: 1,
      tool: { name: 'station-eval', version: 'test' },
    });
    expect(report.scored).toBe(3);
    expect(report.failed).toBe(4); // 坏文件, 旧格式, and both 南山镇 workbooks
    expect(report.missing).toBe(1); // 北山镇 (南山镇 submitted, twice)
    expect(report.spotChecked).toBe(1);
    expect(report.stars).toEqual([1, 1, 1]);
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => [p.location.file, p.code])).toEqual([
      ['乙县/坏文件.xlsx', 'FILE_CORRUPT'],
      ['乙县/旧格式.xls', 'FILE_NOT_XLSX'],
      ['乙县/南山镇.xlsx', 'DUPLICATE_STATION'],
      ['乙县/重交/南山镇（重交）.xlsx', 'DUPLICATE_STATION'],
    ]);
    const unmatched = must(report.problems.find((p) => p.code === 'SPOT_UNMATCHED'));
    expect(messageOf(unmatched, 'zh')).toBe('抽查记录“甲县 北山镇社工站”找不到对应的自评表（站点未提交或名称不一致）');
    expect(unmatched.location).toEqual({ file: '抽查汇总.xlsx', sheet: 'Sheet1', row: 4 });
    expect(report.mismatches).toBe(1);

    expect(await listFiles(out)).toEqual(['results.jsonl', 'stations/乙县/西山镇社工站.pdf', 'stations/甲县/东山镇社会工作服务站.pdf', 'stations/甲县/城关镇社工站.pdf', '总览.pdf', '汇总.xlsx']);

    const results = (await readFile(path.join(out, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StationResult);
    expect(results.map((r) => [r.station.name, r.total, r.stars, r.verified])).toEqual([
      ['城关镇社工站', 8, 2, true],
      ['东山镇社会工作服务站', 6, 1, false],
      ['西山镇社工站', 3, null, false],
    ]);
    // The roster fills in what the workbook left out.
    expect(results[0].station.operator).toBe('甲县启明社工中心');
    expect(results[0].items.find((i) => i.id === '1.1')).toMatchObject({ self: 4, spot: 2, final: 2, deviation: 2 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '汇总.xlsx'));
    const main = must(wb.getWorksheet('站点总表'));
    expect(main.getCell('C2').value).toBe('城关镇社工站');
    expect(main.getCell('A4').value).toBe(3);
    const missing = must(wb.getWorksheet('未提交'));
    expect(missing.getCell('B2').value).toBe('北山镇社工站');
    expect(missing.rowCount).toBe(2);
    const problems = must(wb.getWorksheet('问题清单'));
    expect(problems.rowCount).toBe(1 + report.problems.length);
    // An unreadable workbook is named once: the file column, no place inside it.
    const unreadable = must(problems.getRows(2, problems.rowCount - 1)).find((r) => r.getCell(1).value === '乙县/旧格式.xls');
    expect([must(unreadable).getCell(2).value, must(unreadable).getCell(4).value]).toEqual([null, 'FILE_NOT_XLSX']);

    // Inputs untouched.
    const inputsAfter = await Promise.all((await listFiles(path.join(root, 'self'))).map((f) => readFile(path.join(root, 'self', f))));
    expect(inputsAfter).toEqual(inputsBefore);
  });

  it('runs through the CLI on worker threads, exit 1 when files failed, and matches the in-process results', async () => {
    const out = path.join(root, 'out-cli');
    let stdout = '';
    let stderr = '';
    const code = await main(
      [
        'node',
        'station-eval',
        'batch',
        RUBRIC,
        path.join(root, 'self'),
        '--spot',
        path.join(root, '抽查汇总.xlsx'),
        '--roster',
        path.join(root, '站点名册.xlsx'),
        '--out',
        out,
        '--jobs',
        '2',
        '--no-pdf',
      ],
      { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('评分 3 站，失败 4 个文件');
    expect(stderr).toContain('坏文件.xlsx');
    expect(stderr).toContain('\n  乙县/旧格式.xls: 不是可读取的工作簿');
    expect(stderr).not.toContain('旧格式.xls › ');
    expect(stdout).toContain('汇总.xlsx');
    expect(await listFiles(out)).toEqual(['results.jsonl', '汇总.xlsx']);
    const inline = await readFile(path.join(root, 'out-inline', 'results.jsonl'), 'utf8');
    const viaWorkers = await readFile(path.join(out, 'results.jsonl'), 'utf8');
    expect(viaWorkers.replaceAll('"version":"0.1.0"', '"version":"test"')).toBe(inline);
  });

  it('exits 0 when every station scored, and 2 for a missing folder', async () => {
    const good = path.join(root, 'good');
    await mkdir(good);
    await copyFile(path.join(root, 'self', '甲县', '城关镇.xlsx'), path.join(good, '城关镇.xlsx'));
    const io = { stdout: () => {}, stderr: () => {} };
    expect(await main(['node', 'station-eval', 'batch', RUBRIC, good, '--out', path.join(root, 'out-good'), '--no-pdf', '--jobs', '1'], io)).toBe(0);
    // Every workbook scored, but a spot-check record (北山镇) fits no workbook: listed, exit 1 unless allowed.
    let stderr = '';
    const spotArgs = ['node', 'station-eval', 'batch', RUBRIC, good, '--spot', path.join(root, '抽查汇总.xlsx'), '--no-pdf', '--jobs', '1'];
    expect(await main([...spotArgs, '--out', path.join(root, 'out-unmatched')], { stdout: () => {}, stderr: (s) => void (stderr += s) })).toBe(1);
    expect(stderr).toContain('抽查汇总.xlsx › Sheet1!4: 抽查记录“甲县 北山镇社工站”找不到对应的自评表');
    expect(stderr).toContain('站点匹配问题 1 条（见 汇总.xlsx › 问题清单）');
    expect(await main([...spotArgs, '--out', path.join(root, 'out-allowed'), '--allow-unmatched'], io)).toBe(0);
    expect(await main(['node', 'station-eval', 'batch', RUBRIC, path.join(root, 'nope'), '--out', path.join(root, 'out-nope')], io)).toBe(2);
    expect(await main(['node', 'station-eval', 'batch', RUBRIC, good, '--out', path.join(root, 'out-j'), '--jobs', 'x'], io)).toBe(2);
  });

  it('a spot-check workbook read in its own thread fails exactly as in this thread: located, exit 2', async () => {
    const good = path.join(root, 'good-spot');
    await mkdir(good);
    await copyFile(path.join(root, 'self', '甲县', '城关镇.xlsx'), path.join(good, '城关镇.xlsx'));
    const badSpot = path.join(root, '坏抽查.xlsx');
    await writeFile(badSpot, 'PK\u0003\u0004 not really a zip');
    const errors: string[] = [];
    for (const jobs of ['1', '2']) {
      let stderr = '';
      const code = await main(['node', 'station-eval', 'batch', RUBRIC, good, '--spot', badSpot, '--out', path.join(root, `out-badspot-${jobs}`), '--no-pdf', '--jobs', jobs], {
        stdout: () => {},
        stderr: (s) => void (stderr += s),
      });
      expect(code).toBe(2);
      errors.push(stderr);
    }
    expect(errors[0]).toMatch(/坏抽查\.xlsx: 文件已损坏，无法读取/);
    expect(errors[1]).toBe(errors[0]);
  });
});

describe('runBatch with the run context’s clock', () => {
  it('dates every report by the clock, on worker threads too: 汇总.xlsx, 总览.pdf, each station’s PDF and Excel', async () => {
    const good = path.join(root, 'good-clock');
    await mkdir(good);
    await copyFile(path.join(root, 'self', '甲县', '城关镇.xlsx'), path.join(good, '城关镇.xlsx'));
    const out = path.join(root, 'out-clock');
    const when = new Date(Date.UTC(2026, 10, 30, 8, 15, 0));
    let calls = 0;
    const clock = () => (calls++, when);
    const report = await runBatch({ rubricFile: RUBRIC, selfDir: good, out, jobs: 2, stationXlsx: true, clock, tool: { name: 'station-eval', version: 'test' } });
    expect(report.scored).toBe(1);
    expect(calls).toBe(1); // read once: one date for the whole run
    const created = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return [wb.created.toISOString(), wb.modified.toISOString()];
    };
    expect(await created(path.join(out, '汇总.xlsx'))).toEqual(['2026-11-30T08:15:00.000Z', '2026-11-30T08:15:00.000Z']);
    expect(await created(path.join(out, 'stations', '甲县', '城关镇社工站.xlsx'))).toEqual(['2026-11-30T08:15:00.000Z', '2026-11-30T08:15:00.000Z']);
    // The document information's dates: each an indirect string object, `/CreationDate 14 0 R` … `14 0 obj (D:20261130081500Z)`.
    const pdfDates = async (file: string) => {
      const text = (await readFile(file)).toString('latin1');
      return [...text.matchAll(/\/(CreationDate|ModDate) (\d+) 0 R/g)].map((m) => `${m[1]} ${new RegExp(`\\n${m[2]} 0 obj\\n\\(D:(\\d+)Z\\)`).exec(text)?.[1]}`);
    };
    expect(await pdfDates(path.join(out, '总览.pdf'))).toEqual(['CreationDate 20261130081500', 'ModDate 20261130081500']);
    expect(await pdfDates(path.join(out, 'stations', '甲县', '城关镇社工站.pdf'))).toEqual(['CreationDate 20261130081500', 'ModDate 20261130081500']);
    // Without a clock: the Unix epoch, so a run gives the same bytes every time.
    const plain = await runBatch({ rubricFile: RUBRIC, selfDir: good, out: path.join(root, 'out-no-clock'), jobs: 1, tool: { name: 'station-eval', version: 'test' } });
    expect(await pdfDates(must(plain.outputs.overview))).toEqual(['CreationDate 19700101000000', 'ModDate 19700101000000']);
  });
});

describe('runBatch with a quota on the top level', () => {
  it('ranks the stations that meet it over the whole run before any report is written: 3 qualify, 50 % rounded down → 1 place', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'batch-quota-'));
    const quotaRubric = path.join(dir, 'quota.yaml');
    const text = await readFile(RUBRIC, 'utf8');
    const edited = text.replace('{ level: 2, name: 二星级, minTotal: 8 }', '{ level: 2, name: 二星级, minTotal: 8, quota: { share: 0.5, rounding: floor, ties: include } }');
    expect(edited).not.toBe(text);
    await writeFile(quotaRubric, edited);
    const self = path.join(dir, 'self');
    await station(self, 'a.xlsx', '甲站', '甲县', entries(65, '门外醒目', 0)); // 10
    await station(self, 'b.xlsx', '乙站', '甲县', entries(65, '室内', 0)); // 9
    await station(self, 'c.xlsx', '丙站', '甲县', entries(45, '门外醒目', 0)); // 8
    await station(self, 'd.xlsx', '丁站', '甲县', entries(45, '室内', 1)); // 6
    const out = path.join(dir, 'out');
    const report = await runBatch({ rubricFile: quotaRubric, selfDir: self, out, jobs: 1, tool: { name: 'station-eval', version: 'test' } });
    expect(report.stars).toEqual([0, 3, 1]);
    const results = (await readFile(path.join(out, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StationResult);
    const byName = new Map(results.map((r) => [r.station.name, r]));
    expect(
      ['甲站', '乙站', '丙站', '丁站'].map((n) => [n, must(byName.get(n)).total, must(byName.get(n)).stars, must(byName.get(n)).quota?.status ?? null, must(byName.get(n)).quota?.rank ?? null]),
    ).toEqual([
      ['甲站', 10, 2, 'granted', 1],
      ['乙站', 9, 1, 'lost', 2],
      ['丙站', 8, 1, 'lost', 3],
      ['丁站', 6, 1, null, null],
    ]);
    expect(must(byName.get('乙站')).quota).toMatchObject({ qualifying: 3, places: 1, cutoff: 10 });
    expect(must(byName.get('乙站')).starReason).toBe('总分 9 ≥ 8，但二星级未获名额（名额：排名第 2/3，名额 1 个（3 × 50% = 1.5，向下取整），分数线 10）；总分 9 ≥ 6 → 一星级');
    expect(results.some((r) => r.flags.some((f) => f.code === 'QUOTA_PROVISIONAL'))).toBe(false);
    // Reports come from the second pass: 汇总.xlsx carries the reasons with rank and cut-off, and every station has its PDF.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '汇总.xlsx'));
    const cells: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell's value as text, whatever it holds, to search it
    must(wb.getWorksheet('认定理由与标记')).eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.filter((c) => c.includes('名额：排名第'))).toHaveLength(3);
    expect((await listFiles(out)).filter((f) => f.endsWith('.pdf'))).toHaveLength(5);
  });
});

describe('runBatch with quotas on two levels (cascading)', () => {
  it('二星级 top 50 % of 3 → 1 place; the 2 who lose fall to 一星级 and compete with the one that meets only it: 3 × 50 % → 1 place', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'batch-quotas-'));
    const quotaRubric = path.join(dir, 'quotas.yaml');
    const text = await readFile(RUBRIC, 'utf8');
    const edited = text
      .replace('{ level: 1, name: 一星级, minTotal: 6 }', '{ level: 1, name: 一星级, minTotal: 6, quota: { share: 0.5, rounding: floor } }')
      .replace('{ level: 2, name: 二星级, minTotal: 8 }', '{ level: 2, name: 二星级, minTotal: 8, quota: { share: 0.5, rounding: floor } }');
    await writeFile(quotaRubric, edited);
    const self = path.join(dir, 'self');
    await station(self, 'a.xlsx', '甲站', '甲县', entries(65, '门外醒目', 0)); // 10
    await station(self, 'b.xlsx', '乙站', '甲县', entries(65, '室内', 0)); // 9
    await station(self, 'c.xlsx', '丙站', '甲县', entries(45, '门外醒目', 0)); // 8
    await station(self, 'd.xlsx', '丁站', '甲县', entries(45, '室内', 1)); // 6
    const out = path.join(dir, 'out');
    const report = await runBatch({ rubricFile: quotaRubric, selfDir: self, out, jobs: 1, pdf: false, tool: { name: 'station-eval', version: 'test' } });
    expect(report.stars).toEqual([2, 1, 1]);
    const results = (await readFile(path.join(out, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StationResult);
    const byName = new Map(results.map((r) => [r.station.name, r]));
    const decisions = (n: string) => (must(byName.get(n)).quotas ?? [must(must(byName.get(n)).quota)]).map((q) => [q.level, q.status, q.rank, q.qualifying, q.places, q.cutoff]);
    expect(['甲站', '乙站', '丙站', '丁站'].map((n) => [n, must(byName.get(n)).stars, decisions(n)])).toEqual([
      ['甲站', 2, [[2, 'granted', 1, 3, 1, 10]]],
      [
        '乙站',
        1,
        [
          [2, 'lost', 2, 3, 1, 10],
          [1, 'granted', 1, 3, 1, 9],
        ],
      ],
      [
        '丙站',
        null,
        [
          [2, 'lost', 3, 3, 1, 10],
          [1, 'lost', 2, 3, 1, 9],
        ],
      ],
      ['丁站', null, [[1, 'lost', 3, 3, 1, 9]]],
    ]);
    expect(must(byName.get('丙站')).starReason).toBe(
      '二星级未获名额（名额：排名第 3/3，名额 1 个（3 × 50% = 1.5，向下取整），分数线 10）；总分 8 ≥ 6，但一星级未获名额（名额：排名第 2/3，名额 1 个（3 × 50% = 1.5，向下取整），分数线 9） → 未达到星级',
    );
    expect(results.some((r) => r.flags.some((f) => f.code === 'QUOTA_PROVISIONAL'))).toBe(false);
    // verify re-scores one station: the batch's decisions are taken as published, and the result matches byte for byte.
    for (const [name, file] of [
      ['乙站', 'b.xlsx'],
      ['丙站', 'c.xlsx'],
    ]) {
      const json = path.join(dir, `${name}.json`);
      await writeFile(json, JSON.stringify(must(byName.get(name))));
      let stdout = '';
      const code = await main(['node', 'station-eval', 'verify', json, '--self', path.join(self, file), '--rubric', quotaRubric], {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stdout += t),
      });
      expect([name, code, stdout.includes('✓ 一致')]).toEqual([name, 0, true]);
    }
  });
});
