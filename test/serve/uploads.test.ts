import { describe, expect, it } from 'vitest';
import { checkUploadName, RUBRIC_EXTENSIONS, UploadSet, WORKBOOK_EXTENSIONS } from '../../src/serve/uploads.js';

describe('checkUploadName', () => {
  it('keeps Chinese folder and file names, made safe segment by segment', () => {
    expect(checkUploadName('示例县/城关镇社工站.xlsx', WORKBOOK_EXTENSIONS)).toEqual({ ok: true, segments: ['示例县', '城关镇社工站.xlsx'] });
    expect(checkUploadName('福建省\\泉州市\\城关镇.XLS', WORKBOOK_EXTENSIONS)).toEqual({ ok: true, segments: ['福建省', '泉州市', '城关镇.xls'] });
    expect(checkUploadName('县<A>/CON.xlsx', WORKBOOK_EXTENSIONS)).toEqual({ ok: true, segments: ['县_A', '_CON.xlsx'] });
    expect(checkUploadName('a//b.ods', WORKBOOK_EXTENSIONS)).toEqual({ ok: true, segments: ['a', 'b.ods'] });
  });

  it('keeps the extension when a long name is shortened', () => {
    const r = checkUploadName(`${'站'.repeat(200)}.xlsx`, WORKBOOK_EXTENSIONS);
    expect(r.ok && r.segments[0].endsWith('.xlsx')).toBe(true);
    expect(r.ok && Buffer.byteLength(r.segments[0]) <= 155).toBe(true);
  });

  it('refuses every way out of the folder', () => {
    for (const name of ['..', '../a.xlsx', 'a/../../b.xlsx', '..\\a.xlsx', 'a/./b.xlsx', 'a/.. /b.xlsx', 'a/. ./b.xlsx', 'a/.../b.xlsx'])
      expect(checkUploadName(name, WORKBOOK_EXTENSIONS), name).toEqual({ ok: false, code: 'UPLOAD_NAME_TRAVERSAL' });
    for (const name of ['/etc/a.xlsx', '\\a.xlsx', 'C:a.xlsx', 'c:\\a.xlsx', '\\\\host\\share\\a.xlsx'])
      expect(checkUploadName(name, WORKBOOK_EXTENSIONS), name).toEqual({ ok: false, code: 'UPLOAD_NAME_ABSOLUTE' });
    expect(checkUploadName('a\u0000.xlsx', WORKBOOK_EXTENSIONS)).toEqual({ ok: false, code: 'UPLOAD_NAME_CONTROL' });
    expect(checkUploadName('a\n.xlsx', WORKBOOK_EXTENSIONS)).toEqual({ ok: false, code: 'UPLOAD_NAME_CONTROL' });
    expect(checkUploadName(`${'a/'.repeat(40)}b.xlsx`, WORKBOOK_EXTENSIONS)).toEqual({ ok: false, code: 'UPLOAD_NAME_TOO_DEEP' });
    expect(checkUploadName('x'.repeat(1001), WORKBOOK_EXTENSIONS)).toEqual({ ok: false, code: 'UPLOAD_NAME_EMPTY' });
  });

  it('accepts only the formats of the role', () => {
    for (const ext of ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv']) expect(checkUploadName(`a${ext}`, WORKBOOK_EXTENSIONS).ok, ext).toBe(true);
    for (const name of ['a.yaml', 'a.exe', 'a', 'a.xlsx.lnk']) expect(checkUploadName(name, WORKBOOK_EXTENSIONS), name).toEqual({ ok: false, code: 'UPLOAD_EXTENSION' });
    expect(checkUploadName('细则.yml', RUBRIC_EXTENSIONS)).toEqual({ ok: true, segments: ['细则.yml'] });
    expect(checkUploadName('细则.xlsx', RUBRIC_EXTENSIONS)).toEqual({ ok: false, code: 'UPLOAD_EXTENSION' });
  });
});

describe('UploadSet', () => {
  it('gives each file a path of its own inside the set folder, case-insensitively', () => {
    const set = new UploadSet('/run/上传-001');
    const a = set.claim('self', ['示例县', '城关镇.xlsx']);
    const b = set.claim('self', ['示例县', '城关镇.XLSX']);
    const c = set.claim('spot', ['示例县', '城关镇.xlsx']);
    expect(a.name).toBe('示例县/城关镇.xlsx');
    expect(b.name).toBe('示例县/城关镇 (2).XLSX');
    expect(c.name).toBe('示例县/城关镇.xlsx');
    expect(a.file.startsWith(set.roleDir('self'))).toBe(true);
    expect(c.file.startsWith(set.roleDir('spot'))).toBe(true);
    expect(set.roleDir('self')).not.toBe(set.roleDir('spot'));
  });
});
