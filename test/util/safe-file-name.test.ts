import { describe, expect, it } from 'vitest';
import { safeFileName, UniqueNames } from '../../src/util/safe-file-name.js';

describe('safeFileName', () => {
  it('keeps ordinary Chinese names', () => {
    expect(safeFileName('示例县城关镇社工站')).toBe('示例县城关镇社工站');
  });

  it.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['C:\\Windows\\x', 'C_Windows_x'],
    ['a/b\\c', 'a_b_c'],
    ['CON', '_CON'],
    ['NUL.xlsx', '_NUL.xlsx'],
    ['com1', '_com1'],
    ['..', '未命名'],
    ['', '未命名'],
    ['名称.', '名称'],
    ['tab\there', 'tab_here'],
    ['rtl\u202eevil', 'rtl_evil'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('bounds the length in bytes without splitting a character', () => {
    const out = safeFileName('社'.repeat(300));
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(150);
    expect(out).toBe('社'.repeat(50));
  });

  it('keeps emoji whole', () => {
    expect(safeFileName('站点😀')).toBe('站点😀');
  });
});

describe('UniqueNames', () => {
  it('resolves collisions deterministically and case-insensitively', () => {
    const names = new UniqueNames();
    expect(names.claim('城关镇')).toBe('城关镇');
    expect(names.claim('城关镇')).toBe('城关镇 (2)');
    expect(names.claim('Abc')).toBe('Abc');
    expect(names.claim('ABC')).toBe('ABC (2)');
    expect(names.claim('城关镇')).toBe('城关镇 (3)');
  });
});
