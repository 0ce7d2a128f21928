/**
 * The rubric validator's messages: every diagnostic is a catalogued code with
 * plain parameters (no sentence travels with it), the catalogue renders each
 * form of a code in both languages, and yaml's own codes are all there.
 */
import { describe, expect, it } from 'vitest';
import { catalogues, isCatalogued, type MessageParams } from '../../../src/problems/catalogue.js';
import { rubricEn, rubricZh, YAML_ERROR_CODES } from '../../../src/problems/messages/rubric.js';
import { messageOf } from '../../../src/problems/render.js';
import { diagnosticFields } from '../../../src/rubric/diagnostics.js';
import { validateRubricBytes } from '../../../src/rubric/load-rubric.js';
import { edit, validate } from '../../rubric/fixture.js';

const render = <C extends keyof MessageParams>(code: C, params: MessageParams[C]) => [catalogues.zh[code](params), catalogues.en[code](params)] as const;

/** Bad rubrics, each an edit of the minimal fixture, between them touching every stage. */
const BAD = [
  edit('id: test-rubric', 'id: test-rubric\nid: again'), // YAML_DUPLICATE_KEY
  edit('    name: 基础建设\n', '    nmae: 基础建设\n'), // SCHEMA_UNKNOWN_KEY, SCHEMA_MISSING_KEY
  edit('total: 10', 'total: 十'), // SCHEMA_INVALID_TYPE
  edit('kind: deduction', 'kind: deduct'), // SCHEMA_INVALID_KIND
  edit('    points: 6\n', '    points: 7\n'), // RUBRIC_SUM_MISMATCH, RUBRIC_TOTAL_MISMATCH
  edit('id: "1.2"', 'id: "1.1"'), // RUBRIC_DUPLICATE_ID
  edit('id: "2.1"', 'id: 3.10'), // RUBRIC_ID_UNQUOTED, RUBRIC_ID_NOT_NESTED
  edit('{ kind: deduction, per: 1 }', '{ kind: deduction, per: 1, floor: 4 }'), // RUBRIC_RULE_POINTLESS
  edit('{ min: 60, points: 4 }', '{ min: 60, points: 5 }'), // RUBRIC_RULE_EXCEEDS_POINTS
  edit('{ label: 室内, points: 1 }', '{ label: 门外醒目, points: 1 }'), // RUBRIC_DUPLICATE_LABEL
  edit('minTotal: 8 }', 'minTotal: 6 }'), // RUBRIC_STAR_NOT_ORDERED
  edit('    - { level: 2, name: 二星级, minTotal: 8 }', '    - { level: 2, name: 二星级, minTotal: 8, quota: { share: 10 } }'), // RUBRIC_QUOTA_SHARE
];

describe('rubric diagnostics', () => {
  const all = BAD.flatMap((text) => validate(text).diagnostics);

  it('are catalogued codes with plain parameters and no composed text', () => {
    const codes = new Set(all.map((d) => d.code));
    for (const code of [
      'YAML_DUPLICATE_KEY',
      'SCHEMA_UNKNOWN_KEY',
      'SCHEMA_MISSING_KEY',
      'SCHEMA_INVALID_TYPE',
      'SCHEMA_INVALID_KIND',
      'RUBRIC_SUM_MISMATCH',
      'RUBRIC_TOTAL_MISMATCH',
      'RUBRIC_DUPLICATE_ID',
      'RUBRIC_ID_UNQUOTED',
      'RUBRIC_ID_NOT_NESTED',
      'RUBRIC_RULE_POINTLESS',
      'RUBRIC_RULE_EXCEEDS_POINTS',
      'RUBRIC_DUPLICATE_LABEL',
      'RUBRIC_STAR_NOT_ORDERED',
      'RUBRIC_QUOTA_SHARE',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
    for (const d of all) {
      expect(isCatalogued(d.code), d.code).toBe(true);
      expect(Object.keys(d)).not.toContain('message');
      // Plain data: it crosses worker threads and JSON unchanged, and renders the same after.
      expect(structuredClone(d)).toEqual(d);
      const back = JSON.parse(JSON.stringify(d)) as typeof d;
      expect(messageOf(back, 'zh')).toBe(messageOf(d, 'zh'));
      expect(messageOf(back, 'en')).toBe(messageOf(d, 'en'));
    }
  });

  it('name nodes by id and name only, and render them in each language', () => {
    const d = all.find((x) => x.code === 'RUBRIC_ID_NOT_NESTED');
    expect(d?.params).toEqual({ node: { id: '3.10', name: '制度上墙' }, parent: { id: '2', name: '制度建设' } });
    expect(d && messageOf(d, 'zh')).toBe('3.10「制度上墙」的编号应以上级编号 "2." 开头（上级 2「制度建设」），例如 "2.1"');
    expect(d && messageOf(d, 'en')).toBe('3.10 "制度上墙": the id must start with its parent\'s id "2." (parent 2 "制度建设"), e.g. "2.1"');
  });

  it('keep received (the value at the location) and expected (what should be there)', () => {
    const d = all.find((x) => x.code === 'RUBRIC_RULE_EXCEEDS_POINTS');
    expect([d?.path, d?.received, d?.expected]).toEqual(['modules[0].children[0].scoring.tiers[0].points', 5, '<= 4']);
    expect(d?.params).toEqual({ node: { id: '1.1', name: '场所面积' }, kind: 'tiers', kindZh: '分档', part: { part: 'tier', min: 60, unit: '㎡' }, value: 5, points: 4 });
    expect(d && messageOf(d, 'zh')).toBe('1.1「场所面积」（分档）的档位（≥ 60㎡）的分值 5 超过项目分值 4');
  });

  it('print message and messageEn in --format json, rendered when written', () => {
    const d = all.find((x) => x.code === 'RUBRIC_DUPLICATE_LABEL');
    expect(d && diagnosticFields(d)).toMatchObject({
      code: 'RUBRIC_DUPLICATE_LABEL',
      message: '1.2「牌匾」的选项「门外醒目」重复',
      messageEn: '1.2 "牌匾": the option "门外醒目" is listed twice',
      received: '门外醒目',
    });
  });
});

describe('the rubric catalogue', () => {
  it('renders every form of a code that covers several findings', () => {
    const subject = { node: { id: '2.1', name: '制度上墙' }, kind: 'deduction', kindZh: '扣分' };
    expect(render('RUBRIC_RULE_POINTLESS', { ...subject, problem: 'floor-equals-points', points: 4 })).toEqual([
      '2.1「制度上墙」（扣分）最低分等于满分 4，扣分不起作用',
      '2.1 "制度上墙" (deduction): the floor equals the item\'s points 4; deductions never apply',
    ]);
    expect(render('RUBRIC_RULE_POINTLESS', { ...subject, problem: 'max-deduction-above-loss', maxDeduction: 6, loss: 3, floor: 1 })).toEqual([
      '2.1「制度上墙」（扣分）最多扣 6 分，超过可扣的 3 分（最低分 1 已先封底），上限不起作用',
      '2.1 "制度上墙" (deduction): maxDeduction 6 is more than the 3 points that can be lost; the cap never applies',
    ]);
    expect(render('RUBRIC_RULE_UNREACHABLE', { ...subject, step: 0.3, min: 0, points: 4 })[0]).toBe('2.1「制度上墙」（扣分）从最低分 0 按步长 0.3 递增到不了满分 4');
    expect(render('RUBRIC_RULE_UNREACHABLE', { ...subject, part: { part: 'count-cap' }, best: 3, points: 4 })).toEqual([
      '2.1「制度上墙」（扣分）最高只能得 3 分（上限 cap），达不到项目分值 4',
      '2.1 "制度上墙" (deduction) can score at most 3 (the cap), never the item\'s points 4',
    ]);
    expect(render('RUBRIC_UNKNOWN_ITEM', { level: '三星级', prereq: '社工配比', item: '9.9' })[0]).toBe('三星级的必备项「社工配比」引用的项目 9.9 不存在');
    expect(render('RUBRIC_UNKNOWN_ITEM', { prereq: '社工配比', base: '9.8' })[1]).toBe('the base item 9.8 of "社工配比" does not exist');
    expect(render('RUBRIC_UNKNOWN_ITEM', { node: { id: '3.1', name: '助餐' }, item: '9.7' })[0]).toBe('3.1「助餐」的适用条件引用的项目 9.7 不存在');
    expect(render('RUBRIC_SUM_MISMATCH', { node: { id: '1', name: '基础建设' }, points: 4, children: 1, total: 5 })).toEqual([
      '1「基础建设」的分值为 4，但 1 个下级合计 5',
      '1 "基础建设" declares 4 points but its only child is worth 5',
    ]);
    expect(render('FILE_UNREADABLE', { reason: 'errno', errno: 'EACCES' })).toEqual(['无法读取（EACCES）', 'Cannot read it (EACCES)']);
    expect(render('FILE_NOT_UTF8', { encoding: 'unknown', line: 3, column: 7, byte: 'B9' })[0]).toBe('文件不是 UTF-8 编码（第 3 行第 7 列字节 0xB9，可能是 GBK）；请以 UTF-8 保存');
    expect(render('SCHEMA_TOO_SMALL', { path: 'modules', origin: 'array', limit: 1, inclusive: true, value: [] })).toEqual([
      'modules 至少需要 1 项，实际 0 项',
      'modules needs at least 1 entry, found 0',
    ]);
    expect(render('SCHEMA_TOO_BIG', { path: 'precision', origin: 'number', limit: 4, inclusive: true, value: 9 })).toEqual(['precision 应 ≤ 4，实际是 9', 'precision must be ≤ 4, found 9']);
  });

  it("holds every one of yaml's own codes as YAML_<code>, with yaml's message as the detail", () => {
    for (const code of YAML_ERROR_CODES) {
      const key = `YAML_${code}` as const;
      expect(rubricEn[key]({ detail: 'Some yaml message' })).toBe('YAML: Some yaml message');
      expect(rubricZh[key]({ detail: 'Some yaml message' })).toMatch(/^YAML .*Some yaml message/);
    }
    expect(rubricZh.YAML_TAB_AS_INDENT({ detail: 'Tabs are not allowed as indentation' })).toBe('YAML 不能用 Tab 缩进，请用空格（Tabs are not allowed as indentation）');
    expect(rubricZh.YAML_MULTIPLE_TAGS({ detail: 'x' })).toBe('YAML 语法错误：x');
  });

  it('a YAML syntax error found in a file is located and catalogued', () => {
    const { diagnostics } = validateRubricBytes(new TextEncoder().encode('id: x\n\ttitle: y\n'), 'tab.yaml');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.code).toMatch(/^YAML_/);
      expect(isCatalogued(d.code), d.code).toBe(true);
      expect(messageOf(d, 'en')).toMatch(/^YAML: /);
    }
  });
});
