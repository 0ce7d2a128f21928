import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { validateRubricFile } from '../../src/rubric/load-rubric.js';
import type { ScoringRule } from '../../src/rubric/schema.js';
import { scoreStation } from '../../src/score/score-station.js';
import { must } from '../../src/util/must.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'station-eval', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** A bureau's table: 一级指标 as merged blocks; 基础建设 declares 30 over items adding up to 25. */
async function tableXlsx(dir: string, defect: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细则');
  ws.addRow(['一级指标', '模块分值', '序号', '评估内容', '分值', '评分标准']);
  ws.addRow(['基础建设', defect ? 30 : 25, 1, '场所面积 / 功能室', 10, '每有一项不符合要求扣5分']);
  ws.addRow([null, null, 2, '牌匾', 15, '未悬挂不得分']);
  ws.addRow(['服务提供', 75, 1, '个案服务', 75, '视服务情况评分']);
  ws.mergeCells('A2:A3');
  ws.mergeCells('B2:B3');
  const file = path.join(dir, defect ? '有缺陷的细则.xlsx' : '细则.xlsx');
  await writeFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return file;
}

describe('station-eval rubric import', () => {
  it('writes a draft that validates, and summarises modules, sums and rule shapes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const table = await tableXlsx(dir, false);
    const out = path.join(dir, '草稿.yaml');
    const r = await run('rubric', 'import', table, '--out', out, '--id', 'test-city');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已读取 细则.xlsx › 细则（第 1 行为表头：模块=A「一级指标」，模块分值=B「模块分值」，编号=C「序号」，内容=D「评估内容」，分值=E「分值」，评分标准=F「评分标准」）');
    expect(r.stdout).toContain('2 个模块、3 个评分项，模块分值合计 100：\n  1 基础建设 25  2 项，合计 25 ✓\n  2 服务提供 75  1 项，合计 75 ✓\n');
    expect(r.stdout).toContain('评分方式：组合分 checklist 1，达标 boolean 1，区间打分 range（待核对） 1');
    const v = await validateRubricFile(out);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(must(v.rubric).data).toMatchObject({ id: 'test-city', total: 100, precision: 0 });
    expect(must(v.rubric).index.items.map((i) => [i.id, i.points, i.rule.kind])).toEqual([
      ['1.1', 10, 'checklist'],
      ['1.2', 15, 'boolean'],
      ['2.1', 75, 'range'],
    ]);
    // Refuses to overwrite without --force.
    const again = await run('rubric', 'import', table, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('文件已存在；如需覆盖请加 --force');
  });

  it('keeps a module subtotal that differs from its items and exits 1 with the located diagnostic', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const table = await tableXlsx(dir, true);
    const out = path.join(dir, 'draft.yaml');
    const r = await run('rubric', 'import', table, '--out', out, '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('表中的缺陷（已按原样写入草稿）：\n  有缺陷的细则.xlsx › 细则!A2: 模块 1「基础建设」印的分值 30，所列各项合计 25');
    const yaml = await readFile(out, 'utf8');
    const line = yaml.slice(0, yaml.indexOf('points: 30')).split('\n').length;
    expect(r.stdout).toMatch(new RegExp(`draft\\.yaml:${line}:\\d+ error RUBRIC_SUM_MISMATCH`));
  });

  it('refuses an output that is the input, or that is a table', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const table = await tableXlsx(dir, false);
    const before = await readFile(table);
    const same = await run('rubric', 'import', table, '--out', table, '--force');
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('输出文件不能是输入的表格本身');
    const other = await run('rubric', 'import', table, '--out', path.join(dir, 'x.xlsx'));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('应为 .yaml 文件，而不是 .xlsx');
    expect(await readFile(table)).toEqual(before);
  });

  it('refuses a table whose points are no number, naming the cell (exit 2, no draft written)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('细则');
    ws.addRow(['模块', '序号', '标准要求', '分值', '评分标准']);
    ws.addRow(['安全', 1, '无事故', '十分', '发生事故不得分']);
    const file = path.join(dir, '坏表.xlsx');
    await writeFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const out = path.join(dir, 'd.yaml');
    const r = await run('rubric', 'import', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('坏表.xlsx › 细则!D2: 分值“十分”不是数字（应为 0 或正数，如 10 或 2.5）');
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('--out - writes the draft to stdout and the summary to stderr', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const r = await run('rubric', 'import', await tableXlsx(dir, false), '--out', '-', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# 由 station-eval rubric import 生成的草稿/);
    expect(r.stdout).toContain('modules:\n');
    expect(r.stderr).toContain('2 modules, 3 items, modules add up to 100:');
  });

  it('--help shows examples, Chinese first', async () => {
    const r = await run('rubric', 'import', '--help');
    expect(r.stdout).toContain('从已发布的评分细则表');
    expect(r.stdout).toContain('station-eval rubric import 社区养老服务站星级评定标准.csv --out rubrics/社区养老.yaml');
  });
});

describe('station-eval rubric import: how the table numbers its items', () => {
  const header = '模块,模块分值,序号,标准要求,分值,评分标准';
  async function importCsv(rows: string[]) {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-numbering-'));
    const table = path.join(dir, '表.csv');
    await writeFile(table, [header, ...rows].join('\r\n'));
    const out = path.join(dir, 'draft.yaml');
    const r = await run('rubric', 'import', table, '--out', out);
    const v = await validateRubricFile(out);
    return { r, v, yaml: await readFile(out, 'utf8') };
  }

  it('numbered down the whole sheet (1 … 5 across modules): items keep 1 … 5, modules become M1, M2, and the draft validates', async () => {
    const { r, v, yaml } = await importCsv([
      '安全,5,1,有消防器材,2,不符合不得分',
      '安全,5,2,有应急预案,3,不符合不得分',
      '服务,15,3,开展助餐,5,未开展不得分',
      '服务,15,4,开展助浴,6,未开展不得分',
      '服务,15,5,开展陪诊,4,未开展不得分',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 个模块、5 个评分项，模块分值合计 20：\n  M1 安全 5  2 项，合计 5 ✓\n  M2 服务 15  3 项，合计 15 ✓\n');
    expect(v.diagnostics).toEqual([]);
    const rubric = must(v.rubric);
    expect(rubric.data.modules.map((m) => [m.id, m.name, m.points])).toEqual([
      ['M1', '安全', 5],
      ['M2', '服务', 15],
    ]);
    expect(rubric.index.items.map((i) => [i.id, i.moduleId, i.points])).toEqual([
      ['1', 'M1', 2],
      ['2', 'M1', 3],
      ['3', 'M2', 5],
      ['4', 'M2', 6],
      ['5', 'M2', 4],
    ]);
    expect(yaml).toContain('# 表中序号全表连续（不按模块重新编号），各项编号照录；模块编为 M2');
  });

  it('numbered 1.1 … within modules: the ids as printed, modules 1 and 2', async () => {
    const { r, v } = await importCsv(['安全,5,1.1,有消防器材,2,不符合不得分', '安全,5,1.2,有应急预案,3,不符合不得分', '服务,15,2.1,开展助餐,5,未开展不得分', '服务,15,2.2,开展助浴,10,未开展不得分']);
    expect(r.code).toBe(0);
    expect(v.diagnostics).toEqual([]);
    const rubric = must(v.rubric);
    expect(rubric.data.modules.map((m) => m.id)).toEqual(['1', '2']);
    expect(rubric.index.items.map((i) => [i.id, i.moduleId])).toEqual([
      ['1.1', '1'],
      ['1.2', '1'],
      ['2.1', '2'],
      ['2.2', '2'],
    ]);
  });

  it('restarting at 1 in each module: the module id goes in front (1.1, 1.2, 2.1)', async () => {
    const { r, v } = await importCsv(['安全,5,1,有消防器材,2,不符合不得分', '安全,5,2,有应急预案,3,不符合不得分', '服务,5,1,开展助餐,5,未开展不得分']);
    expect(r.code).toBe(0);
    expect(must(v.rubric).index.items.map((i) => i.id)).toEqual(['1.1', '1.2', '2.1']);
  });

  it('a composite item (服务内容 ≤ 20 + 服务绩效 ≤ 40) becomes an indicator with two capped parts, exclusive options a group; the draft validates and scores', async () => {
    const { r, v, yaml } = await importCsv([
      '服务,65,1,服务内容与绩效,60,服务内容：最高得20分，服务项目齐全、记录完整；服务绩效：最高得40分。其中，年服务达200人次，得10分；年服务达500人次，得20分；年服务达800人次，得30分；年服务达1000人次以上，得40分',
      '服务,65,2,每月开展文体活动 / 每季度开展文体活动（上一条满足的不选） / 有活动记录,5,每月开展得3分；每季度开展得1.5分；有活动记录得2分',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('评分方式：组合分 checklist 1，复合项目（分项上限） 1');
    expect(v.diagnostics).toEqual([]);
    const rubric = must(v.rubric);
    expect(rubric.index.items.map((i) => [i.id, i.name, i.points, i.rule.kind])).toEqual([
      ['1.1.1', '服务内容', 20, 'range'],
      ['1.1.2', '服务绩效', 40, 'tiers'],
      ['1.2', '每月开展文体活动', 5, 'checklist'],
    ]);
    expect(yaml).toContain('# 评分标准分为 2 部分，各有上限，合计 60 分：写成有下级的指标（见 docs/rubric-format.md 4.7b）');
    const res = scoreStation(rubric, {
      station: { name: '测试站' },
      self: {
        items: {
          '1.1.1': { value: { kind: 'points', points: 17 } },
          '1.1.2': { value: { kind: 'measure', value: 812 } },
          '1.2': { value: { kind: 'checklist', ticked: ['b', 'c'] } },
        },
      },
    });
    expect([res.nodes.find((n) => n.id === '1.1')?.final, res.total]).toEqual([47, 50.5]);
  });

  it('a number printed twice in a continuous table is a restart, not a flat numbering: prefixed ids, and the duplicate reported', async () => {
    const { r, v, yaml } = await importCsv(['安全,5,1,有消防器材,2,不符合不得分', '安全,5,2,有应急预案,3,不符合不得分', '服务,9,3,开展助餐,5,未开展不得分', '服务,9,3,开展助浴,4,未开展不得分']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('表.csv › Sheet1!C5: 编号 2.3 重复（表.csv › Sheet1!C4 已有）');
    expect([...yaml.matchAll(/ id: "([^"]+)"/g)].map((m) => m[1])).toEqual(['1', '1.1', '1.2', '2', '2.3', '2.3']);
    expect(v.diagnostics.map((d) => d.code)).toEqual(['RUBRIC_DUPLICATE_ID']);
  });
});

describe('station-eval rubric import on the real table (社区养老服务站星级评定标准.csv)', () => {
  const CSV = 'test/fixtures/import/社区养老服务站星级评定标准.csv';

  it('reproduces its four modules and 42 items exactly, with the sums checked', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const out = path.join(dir, '社区养老.yaml');
    const r = await run('rubric', 'import', CSV, '--out', out, '--id', 'community-elderly-care-draft');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        '4 个模块、42 个评分项，模块分值合计 500：',
        '  1 安全部分 50  15 项，合计 50 ✓',
        '  2 服务部分 300  8 项，合计 300 ✓',
        '  3 管理部分 70  9 项，合计 70 ✓',
        '  4 设施部分 80  10 项，合计 80 ✓',
        '评分方式：组合分 checklist 17，勾选扣分 checklist-deduction 3，达标 boolean 16，区间打分 range（待核对） 6',
      ].join('\n'),
    );
    const v = await validateRubricFile(out);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rubric = must(v.rubric);
    expect(rubric.data.total).toBe(500);
    expect(rubric.data.modules.map((m) => [m.id, m.name, m.points])).toEqual([
      ['1', '安全部分', 50],
      ['2', '服务部分', 300],
      ['3', '管理部分', 70],
      ['4', '设施部分', 80],
    ]);
    const items = rubric.index.items;
    const expectedIds = [15, 8, 9, 10].flatMap((n, m) => Array.from({ length: n }, (_, i) => `${m + 1}.${i + 1}`));
    expect(items.map((i) => i.id)).toEqual(expectedIds);
    // 分值 column of the 42 rows, in order.
    expect(items.map((i) => i.points)).toEqual([10, 2, 3, 3, 3, 4, 2, 2, 1, 1, 4, 2, 10, 1, 2, 60, 30, 30, 30, 100, 20, 20, 10, 9, 8, 10, 10, 10, 6, 6, 6, 5, 8, 6, 5, 8, 10, 8, 8, 8, 8, 11]);
    // Each module's items add up to its printed 模块分值, and the modules to 500.
    for (const m of rubric.data.modules) expect(items.filter((i) => i.moduleId === m.id).reduce((s, i) => s + i.points, 0)).toBe(m.points);
    // The text verbatim, including the trailing "；" of 安全 2 and the ASCII commas of 设施 6.
    expect(must(rubric.index.itemsById.get('1.2')).node).toMatchObject({ content: '周边环境远离噪声、污染源及危险品生产、储运等区域； / 救护车、消防车可出入', standard: '每有一项不符合要求扣1分' });
    expect(must(rubric.index.itemsById.get('4.6')).node.content).toBe('设有图书学习室，配备书架、阅览桌、坐椅,有一定数量的适应老年人阅读的书籍和报刊 / 设立上网、书画等兴趣专区,提供相应用具');
    expect(must(rubric.index.itemsById.get('3.4')).node.standard).toBe('缺少一类档案，扣5分；一类档案记录不规范按照现场查勘情况扣1-3分');
    // Recognised shapes match the original form's tick boxes where the text says so.
    expect(must(rubric.index.itemsById.get('2.5')).rule).toEqual({
      kind: 'checklist',
      conditions: ['文化活动', '教育活动', '体育活动', '康复活动', '娱乐活动'].map((c) => ({ label: c === '文化活动' ? '能够为老人开展文化活动' : c, points: 20 })),
    });
    expect(must(rubric.index.itemsById.get('4.3')).rule).toMatchObject({ kind: 'checklist', conditions: [{ points: 1 }, { points: 1 }, { points: 3 }] });
    expect(items.filter((i) => i.rule.kind === 'range').map((i) => i.id)).toEqual(['1.7', '1.15', '3.8', '4.8', '4.9', '4.10']);
    // 管理 4, 6, 7: the tick values of the original form (5 + 5, 3 + 3, 6), the assessor's 1–3, and 不得分 as zeroIf.
    const bundled = must((await validateRubricFile('rubrics/community-elderly-care.yaml')).rubric);
    const shape = (r: ScoringRule) => (r.kind === 'checklist-deduction' ? { ...r, conditions: r.conditions.map((c) => c.points) } : r);
    for (const id of ['3.4', '3.6', '3.7']) expect(shape(must(rubric.index.itemsById.get(id)).rule)).toEqual(shape(must(bundled.index.itemsById.get(id)).rule));
  });

  it('the bundled rubric keeps the imported modules, numbers, points and text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
    const out = path.join(dir, 'draft.yaml');
    await run('rubric', 'import', CSV, '--out', out);
    const draft = must((await validateRubricFile(out)).rubric);
    const bundled = must((await validateRubricFile('rubrics/community-elderly-care.yaml')).rubric);
    const shape = (r: typeof draft) => r.index.items.map((i) => [i.id, i.moduleId, i.points, i.node.content, i.node.standard]);
    expect(shape(bundled)).toEqual(shape(draft));
    expect(bundled.data.modules.map((m) => [m.id, m.name, m.points])).toEqual(draft.data.modules.map((m) => [m.id, m.name, m.points]));
  });
});

describe('station-eval rubric import on files written by LibreOffice (test/fixtures/real-files)', () => {
  for (const ext of ['xls', 'ods', 'xlsx']) {
    it(`bureau.${ext}: a 加分项 block becomes the bonus pool, a wrapped name is one line, the total 100 holds`, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
      const out = path.join(dir, 'bureau.yaml');
      const r = await run('rubric', 'import', `test/fixtures/real-files/bureau.${ext}`, '--out', out);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('2 个模块、7 个评分项，模块分值合计 100，表中合计 100：');
      expect(r.stdout).toContain('  加分项「加分项」上限 5（1 项，合计 5），不计入满分');
      const rubric = must((await validateRubricFile(out)).rubric);
      expect(rubric.data.total).toBe(100);
      expect(rubric.data.modules.map((m) => [m.name, m.points])).toEqual([
        ['基础建设', 40],
        ['服务提供', 60],
      ]);
      expect(rubric.data.bonus).toMatchObject({ name: '加分项', cap: 5 });
      expect(rubric.index.items.map((i) => [i.id, i.name, i.points, i.bonus])).toEqual([
        ['1', '服务场所面积', 20, false],
        ['2', '牌匾悬挂', 10, false],
        ['3', '服务记录', 10, false],
        ['4', '走访覆盖率', 20, false],
        ['5', '驻站社工人数', 20, false],
        ['6', '服务记录', 20, false],
        ['7', '创新项目', 5, true],
      ]);
      // Numbered 1 … 7 down the sheet (the bonus block continues it): ids as printed, the modules M1 and M2.
      expect(rubric.data.modules.map((m) => m.id)).toEqual(['M1', 'M2']);
    });
  }
});
