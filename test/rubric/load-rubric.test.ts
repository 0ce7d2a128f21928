/** Stage 1 (parse) and stage 2 (structure) of loading a rubric, and loadRubric's error. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadRubric, validateRubricBytes, validateRubricFile } from '../../src/rubric/load-rubric.js';
import { brief, edit, MINIMAL, validate } from './fixture.js';
import { must } from '../../src/util/must.js';
import { messageOf } from '../../src/problems/render.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parse stage', () => {
  it('keeps an unquoted id 1.10 as "1.10" (not 1.1) and warns with a suggestion', () => {
    const text = edit('id: "1.2"', 'id: 1.10', edit('id: "1.1"', 'id: 1.1'));
    const r = validate(text);
    expect(r.rubric?.index.items.map((i) => i.id)).toEqual(['1.1', '1.10', '2.1', '2.2']);
    expect(brief(r.diagnostics)).toEqual(['11:13 warning RUBRIC_ID_UNQUOTED', '15:13 warning RUBRIC_ID_UNQUOTED']);
    expect(messageOf(r.diagnostics[1], 'zh')).toBe('编号 1.10 未加引号，其他 YAML 工具会把它读成数字 1.1；请写成 "1.10"');
    expect(r.diagnostics[1].received).toBe('1.10');
  });

  it('keeps unquoted module-minimum keys as strings and warns', () => {
    const text = edit('    - { level: 2, name: 二星级, minTotal: 8 }', '    - { level: 2, name: 二星级, minTotal: 8, moduleMinimums: { 1: { percent: 50 } } }');
    const r = validate(text);
    expect(brief(r.diagnostics)).toEqual(['38:61 warning RUBRIC_ID_UNQUOTED']);
    expect(r.rubric?.data.stars.levels[1].moduleMinimums).toEqual({ '1': { percent: 50 } });
  });

  it('reports a duplicate key at the second occurrence', () => {
    const r = validate(edit('title: 测试细则\n', 'title: 测试细则\ntitle: 又一个\n'));
    expect(brief(r.diagnostics)).toEqual(['4:1 error YAML_DUPLICATE_KEY']);
    expect(r.rubric).toBeUndefined();
  });

  it('reports every YAML syntax error with its line and column', () => {
    const r = validate('id: a\ntitle: [x\nversion: "1\n');
    expect(r.diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.code.startsWith('YAML_') && d.line >= 2)).toBe(true);
  });

  it('refuses an alias bomb quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const started = Date.now();
    const r = validate(bomb.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(brief(r.diagnostics)).toEqual(['1:1 error YAML_ALIAS_BOMB']);
  });

  it('accepts a few honest aliases (shared option lists)', () => {
    const text = edit(
      '          options:\n            - { label: 门外醒目, points: 2 }\n            - { label: 室内, points: 1 }',
      '          options: &plaque\n            - { label: 门外醒目, points: 2 }\n            - { label: 室内, points: 1 }',
    );
    expect(validate(text).diagnostics).toEqual([]);
  });

  it('refuses __proto__ / constructor keys without touching prototypes', () => {
    const r = validate(edit('title: 测试细则\n', 'title: 测试细则\n__proto__: { polluted: true }\nconstructor: 1\n'));
    expect(brief(r.diagnostics)).toEqual(['4:1 error RUBRIC_FORBIDDEN_KEY', '5:1 error RUBRIC_FORBIDDEN_KEY']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips a UTF-8 BOM and accepts CRLF line ends, with the same line numbers', () => {
    const crlf = `\uFEFF${edit('    points: 6\n', '    points: 7\n').replace(/\n/g, '\r\n')}`;
    const r = validateRubricBytes(utf8(crlf), 'crlf.yaml');
    expect(brief(r.diagnostics)).toEqual(['5:8 error RUBRIC_TOTAL_MISMATCH', '9:13 error RUBRIC_SUM_MISMATCH']);
    expect(validateRubricBytes(utf8(`\uFEFF${MINIMAL.replace(/\n/g, '\r\n')}`), 'ok.yaml').diagnostics).toEqual([]);
  });

  it('refuses GBK with "请以 UTF-8 保存" and the position of the first bad byte', () => {
    // "title: 测试" in GBK: 测 = B2 E2, 试 = CA D4.
    const gbk = new Uint8Array([...utf8('id: a\ntitle: '), 0xb2, 0xe2, 0xca, 0xd4, 0x0a]);
    const r = validateRubricBytes(gbk, 'gbk.yaml');
    expect(brief(r.diagnostics)).toEqual(['2:8 error FILE_NOT_UTF8']);
    expect(messageOf(r.diagnostics[0], 'zh')).toContain('请以 UTF-8 保存');
  });

  it('refuses UTF-16 and files over the size limit', () => {
    expect(brief(validateRubricBytes(new Uint8Array([0xff, 0xfe, 0x69, 0x00]), 'u16.yaml').diagnostics)).toEqual(['1:1 error FILE_NOT_UTF8']);
    const big = validateRubricBytes(utf8(MINIMAL), 'big.yaml', { maxBytes: 100 });
    expect(big.diagnostics[0].code).toBe('FILE_TOO_LARGE');
    expect(messageOf(big.diagnostics[0], 'zh')).toContain('MB');
  });

  it('reports an empty file', () => expect(brief(validate('# nothing\n').diagnostics)).toEqual(['1:1 error RUBRIC_EMPTY']));
});

describe('structure stage', () => {
  it('reports an unknown key at the key, with "did you mean"', () => {
    const r = validate(edit('        name: 场所面积\n', '        nmae: 场所面积\n'));
    const unknown = must(r.diagnostics.find((d) => d.code === 'SCHEMA_UNKNOWN_KEY'));
    expect([unknown.line, unknown.column, unknown.path]).toEqual([12, 9, 'modules[0].children[0].nmae']);
    expect(messageOf(unknown, 'zh')).toContain('是不是 "name"？');
    expect(messageOf(unknown, 'en')).toContain('did you mean "name"?');
    const missing = must(r.diagnostics.find((d) => d.code === 'SCHEMA_MISSING_KEY'));
    expect([missing.line, missing.column, missing.path]).toEqual([11, 9, 'modules[0].children[0].name']);
  });

  it('suggests among the keys of the right object (a scoring rule)', () => {
    const d = validate(edit('{ kind: deduction, per: 1 }', '{ kind: deduction, pre: 1 }')).diagnostics;
    expect(d.map((x) => x.code).sort()).toEqual(['SCHEMA_MISSING_KEY', 'SCHEMA_UNKNOWN_KEY']);
    expect(messageOf(must(d.find((x) => x.code === 'SCHEMA_UNKNOWN_KEY')), 'zh')).toContain('是不是 "per"？');
  });

  it('still runs the semantic rules when the only structural problems are unknown keys', () => {
    const text = edit('    points: 6\n', '    points: 7\n    pionts: 7\n');
    expect(validate(text).diagnostics.map((d) => d.code)).toEqual(['RUBRIC_TOTAL_MISMATCH', 'RUBRIC_SUM_MISMATCH', 'SCHEMA_UNKNOWN_KEY']);
  });

  it('reports an unknown item kind with the list of kinds', () => {
    const d = validate(edit('{ kind: deduction, per: 1 }', '{ kind: deduct, per: 1 }')).diagnostics;
    expect(brief(d)).toEqual(['30:26 error SCHEMA_INVALID_KIND']);
    expect(messageOf(d[0], 'zh')).toContain('是不是 "deduction"？');
  });

  it('reports a wrong type with what was found and expected', () => {
    const d = validate(edit('total: 10', 'total: 十')).diagnostics;
    expect(brief(d)).toEqual(['5:8 error SCHEMA_INVALID_TYPE']);
    expect([d[0].received, d[0].expected]).toEqual(['十', 'number']);
    expect(messageOf(d[0], 'zh')).toBe('total 应为数字，实际是文本 "十"');
  });

  it('reports two independent errors in one file, both', () => {
    let text = edit('{ label: 室内, points: 1 }', '{ label: 室内, points: 1.25 }');
    text = edit('id: "2.2"', 'id: "2.1"', text);
    expect(brief(validate(text).diagnostics)).toEqual(['22:36 error RUBRIC_PRECISION', '31:13 error RUBRIC_DUPLICATE_ID']);
  });
});

describe('validateRubricFile and loadRubric', () => {
  it('loads a valid file with its sha256 and items', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rubric-'));
    const file = path.join(dir, '细则.yaml');
    await writeFile(file, MINIMAL);
    const loaded = await loadRubric(file);
    expect(loaded.file).toBe(file);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.data.total).toBe(10);
    expect(loaded.index.items.length).toBe(4);
  });

  it('throws a UserError listing every error, located at the first', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rubric-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, edit('id: "2.2"', 'id: "2.1"', edit('{ label: 室内, points: 1 }', '{ label: 室内, points: 1.25 }')));
    const err = await loadRubric(file, { lang: 'zh' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const u = err as UserError;
    expect(u.location).toBe(`${file}:22:36`);
    expect(u.code).toBe('RUBRIC_PRECISION');
    expect(u.exitCode).toBe(2);
    expect(u.message.split('\n')[0]).toBe(`评分细则 ${file} 有 2 个错误（详见 \`station-eval rubric validate ${file}\`）：`);
    expect(u.message).toContain('RUBRIC_DUPLICATE_ID');
    const en = (await loadRubric(file, { lang: 'en' }).catch((e: unknown) => e)) as UserError;
    expect(en.message.split('\n')[0]).toBe(`The rubric ${file} has 2 errors (run \`station-eval rubric validate ${file}\` for details):`);
    expect(en.message.split('\n')[2]).toBe(`  ${file}:31:13 RUBRIC_DUPLICATE_ID Duplicate id "2.1" (2.1 "党组织"): already used at line 27 (modules[1].children[0])`);
  });

  it('marks a missing file as unreadable', async () => {
    const r = await validateRubricFile(path.join(tmpdir(), 'no-such-rubric-file.yaml'));
    expect(r.unreadable).toBe(true);
    expect(r.diagnostics[0].code).toBe('FILE_UNREADABLE');
  });
});

describe('line ends', () => {
  it('a rubric saved with CR-only line ends (old Mac) is read like LF, not called empty; positions hold', () => {
    const lf = validateRubricBytes(Buffer.from(MINIMAL), 'lf.yaml');
    const cr = validateRubricBytes(Buffer.from(MINIMAL.replace(/\n/g, '\r')), 'cr.yaml');
    expect(cr.diagnostics.map((d) => d.code)).not.toContain('RUBRIC_EMPTY');
    expect(cr.rubric?.data).toEqual(lf.rubric?.data);
    const broken = validateRubricBytes(Buffer.from(MINIMAL.replace(/\n/g, '\r').replace('total: ', 'total: x')), 'cr.yaml');
    const brokenLf = validateRubricBytes(Buffer.from(MINIMAL.replace('total: ', 'total: x')), 'lf.yaml');
    expect(broken.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual(brokenLf.diagnostics.map((d) => [d.line, d.column, d.code]));
  });
});
