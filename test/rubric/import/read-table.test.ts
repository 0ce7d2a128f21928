import { describe, expect, it } from 'vitest';
import { buildDraft } from '../../../src/rubric/import/draft-yaml.js';
import { readTable, TableImportError } from '../../../src/rubric/import/read-table.js';
import { validateRubricText } from '../../../src/rubric/load-rubric.js';
import { formatProblem } from '../../../src/problems/render.js';
import { MapSheetGrid, type WorkbookGrid } from '../../../src/xlsx/cell-grid.js';
import { must } from '../../../src/util/must.js';

/** A one-sheet grid from rows (row 1 first); null = blank; merges as A1 ranges. */
function grid(rows: (string | number | null)[][], merges: string[] = [], name = '评分表'): WorkbookGrid {
  const sheet = new MapSheetGrid(name);
  rows.forEach((row, r) => row.forEach((v, c) => sheet.set(r + 1, c + 1, v)));
  sheet.merges = merges;
  return { sheets: [sheet] };
}

/** The line of the YAML that holds `text` (1-based). */
function lineOf(yaml: string, text: string, from = 0): number {
  const i = yaml.indexOf(text, from);
  if (i < 0) throw new Error(`not in draft: ${text}`);
  return yaml.slice(0, i).split('\n').length;
}

describe('readTable + buildDraft', () => {
  // 一级指标 and 二级指标 as merged blocks, a module header that says 50 over items adding up to 60,
  // a number printed twice, a 合计 row that disagrees with the modules, and a note under the table.
  const defective = grid(
    [
      ['某市社工站评估细则', null, null, null, null, null, null],
      ['一级指标', '模块分值', '二级指标', '编号', '评估内容', '分值', '评分标准'],
      ['基础建设', 50, '场所设施', '1.1.1', '服务场所面积', 20, '60㎡及以上得20分'],
      [null, null, null, '1.1.2', '牌匾 / 标识', 10, '每有一项不符合要求扣5分'],
      [null, null, '制度建设', '1.2.1', '岗位职责', 30, '未建立不得分'],
      ['服务提供', 40, '个案服务', '2.1.1', '个案数量', 20, '视情况评分'],
      [null, null, null, '2.1.1', '个案质量', 20, '视情况评分'],
      ['合计', null, null, null, null, 100, null],
      ['说明：本表由评估组填写', null, null, null, null, null, null],
    ],
    ['A3:A5', 'B3:B5', 'C3:C4', 'A6:A7', 'B6:B7', 'C6:C7', 'A9:G9'],
  );

  it('keeps every defect as printed and rubric validate reports each at its line', () => {
    const table = readTable(defective, { display: '细则.xlsx' });
    expect(table.title).toBe('某市社工站评估细则');
    expect(table.headerRow).toBe(2);
    expect(table.columns).toEqual({ module: 'A', modulePoints: 'B', group: 'C', id: 'D', content: 'E', points: 'F', standard: 'G' });
    expect(table.declaredTotal).toEqual({ value: 100, at: { file: '细则.xlsx', sheet: '评分表', cell: 'F8' } });
    expect(table.skipped.map((p) => formatProblem(p, 'zh'))).toEqual(['细则.xlsx › 评分表!A9: 不是评分项（没有分值和评分标准），未导入：说明：本表由评估组填写']);

    const draft = buildDraft(table, { source: '细则.xlsx' });
    expect(draft.summary.modules).toEqual([
      { id: '1', name: '基础建设', points: 50, declared: true, itemsSum: 60, items: 3 },
      { id: '2', name: '服务提供', points: 40, declared: true, itemsSum: 40, items: 2 },
    ]);
    expect(draft.summary.total).toBe(100);
    expect(draft.summary.defects.map((p) => [p.code, p.received, p.expected, formatProblem(p, 'zh')])).toEqual([
      ['IMPORT_MODULE_SUM', 50, 60, '细则.xlsx › 评分表!A3: 模块 1「基础建设」印的分值 50，所列各项合计 60'],
      ['IMPORT_DUPLICATE_ID', '2.1.1', undefined, '细则.xlsx › 评分表!D7: 编号 2.1.1 重复（细则.xlsx › 评分表!D6 已有）'],
      ['IMPORT_TOTAL', 100, 90, '细则.xlsx › 评分表!F8: 合计印的是 100，各模块分值之和是 90'],
    ]);
    expect(formatProblem(draft.summary.defects[0], 'en')).toBe('细则.xlsx › 评分表!A3: module 1 "基础建设" declares 50, its items add up to 60');
    // The tree as printed: groups 1.1 (two items), 1.2 (one item, so the item itself under the module).
    expect(draft.modules.map((m) => [m.id, m.points, (m.children ?? []).map((c) => [c.id, c.name, c.points, (c.children ?? []).map((i) => i.id)])])).toEqual([
      [
        '1',
        50,
        [
          ['1.1', '场所设施', 30, ['1.1.1', '1.1.2']],
          ['1.2.1', '制度建设', 30, []],
        ],
      ],
      ['2', 40, [['2.1', '个案服务', 40, ['2.1.1', '2.1.1']]]],
    ]);
    const y = draft.yaml;
    const result = validateRubricText(y, 'draft.yaml');
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code}`);
    expect(errors).toEqual(
      [
        `${lineOf(y, 'points: 50')} RUBRIC_SUM_MISMATCH`,
        `${lineOf(y, 'id: "2.1.1"', y.indexOf('id: "2.1.1"') + 1)} RUBRIC_DUPLICATE_ID`, // the second one
        `${lineOf(y, 'total: 100')} RUBRIC_TOTAL_MISMATCH`,
      ].sort((a, b) => parseInt(a) - parseInt(b)),
    );
  });

  it('recognises rule shapes and writes the rule text verbatim', () => {
    const draft = buildDraft(readTable(defective, { display: '细则.xlsx' }), { source: '细则.xlsx' });
    const item = (id: string) =>
      must(
        draft.modules
          .flatMap(function all(n): typeof draft.modules {
            return [n, ...(n.children ?? []).flatMap(all)];
          })
          .find((n) => n.id === id),
      );
    expect(item('1.1.1')).toEqual({ id: '1.1.1', name: '服务场所面积', points: 20, content: '服务场所面积', standard: '60㎡及以上得20分', scoring: { kind: 'boolean' } });
    expect(item('1.1.2').scoring).toEqual({
      kind: 'checklist',
      conditions: [
        { label: '牌匾', points: 5 },
        { label: '标识', points: 5 },
      ],
    });
    expect(item('1.2.1')).toMatchObject({ name: '制度建设', content: '岗位职责', standard: '未建立不得分', scoring: { kind: 'boolean' } });
    expect(draft.summary.shapes).toEqual({ checklist: 1, deduction: 0, 'assessed-deduction': 0, 'checklist-deduction': 0, composite: 0, count: 0, tiers: 0, boolean: 2, range: 2 });
    expect(draft.yaml).toContain('# 注意：表中模块分值 50，但所列各项合计 60（按表照录，rubric validate 会报告）');
    expect(draft.yaml).toContain('illustrative: 由 station-eval rubric import 从表格“细则.xlsx”导入的草稿');
  });

  it('reads section rows ("一、安全部分（50分）") and dotted numbers as printed', () => {
    const table = readTable(
      grid([
        ['序号', '评估内容', '分值', '评分标准'],
        ['一、安全部分（15分）', null, null, null],
        ['1.1', '无责任事故', 10, '发生责任事故不得分'],
        ['1.2', '地面平整 / 通道无高差', 5, '（1）项不符合要求扣3分；（2）项不符合要求扣2分'],
        ['二、服务部分（23分）', null, null, null],
        ['2.1', '服务记录', 20, '每缺一次记录扣2分，扣完为止'],
        ['2.2', '档案记录', 3, '记录不规范按照现场查勘情况扣1-3分'],
      ]),
      { display: 't.xlsx' },
    );
    const draft = buildDraft(table, { source: 't.xlsx', id: 'test-import' });
    expect(draft.summary.modules.map((m) => [m.id, m.name, m.points, m.itemsSum])).toEqual([
      ['1', '安全部分', 15, 15],
      ['2', '服务部分', 23, 23],
    ]);
    expect(must(draft.modules[1].children)[0]).toMatchObject({ id: '2.1', scoring: { kind: 'deduction', per: 2 } });
    expect(must(draft.modules[1].children)[1]).toMatchObject({ id: '2.2', scoring: { kind: 'assessed-deduction', min: 1, max: 3 } });
    const result = validateRubricText(draft.yaml, 'd.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(must(result.rubric).data.id).toBe('test-import');
  });

  it('reads a two-row header (一级指标 over 名称 | 分值)', () => {
    const table = readTable(
      grid(
        [
          ['一级指标', null, '序号', '标准要求', '分值', '评分标准'],
          ['名称', '分值', null, null, null, null],
          ['安全', 10, '1', '无事故', 10, '发生事故不得分'],
        ],
        ['A1:B1', 'C1:C2', 'D1:D2', 'E1:E2', 'F1:F2'],
      ),
      { display: 't.xlsx' },
    );
    expect(table.columns).toEqual({ module: 'A', modulePoints: 'B', id: 'C', content: 'D', points: 'E', standard: 'F' });
    expect(table.modules.map((m) => [m.name, m.declaredPoints])).toEqual([['安全', 10]]);
  });

  it('refuses points that are no number, naming each cell, and a sheet without a header', () => {
    const bad = grid([
      ['模块', '序号', '标准要求', '分值', '评分标准'],
      ['安全', '1', '无事故', '十分', '不得分'],
      ['安全', '2', '有记录', null, '不得分'],
    ]);
    let err: unknown;
    try {
      readTable(bad, { display: 'x.xlsx' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TableImportError);
    expect((err as TableImportError).problems.map((p) => formatProblem(p, 'zh'))).toEqual([
      'x.xlsx › 评分表!D2: 分值“十分”不是数字（应为 0 或正数，如 10 或 2.5）',
      'x.xlsx › 评分表!D3: 这一行有评估内容或评分标准，但分值是空的（安全 | 2 | 有记录 | 不得分）',
    ]);
    expect((err as TableImportError).problems[0]).toMatchObject({ code: 'IMPORT_POINTS_NOT_A_NUMBER', received: '十分' });
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as TableImportError).problems.map((p) => p.code);
      }
      return [];
    };
    expect(
      codeOf(() =>
        readTable(
          grid([
            ['名称', '备注'],
            ['a', 'b'],
          ]),
          { display: 'y.xlsx' },
        ),
      ),
    ).toEqual(['IMPORT_NO_HEADER']);
    expect(codeOf(() => readTable(bad, { display: 'x.xlsx', sheet: '表2' }))).toEqual(['IMPORT_NO_SHEET']);
  });
});
