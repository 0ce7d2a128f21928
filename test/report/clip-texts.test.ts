import { describe, expect, it } from 'vitest';
import { clipText } from '../../src/report/clip-texts.js';

describe('clipText', () => {
  it('keeps short texts and clips long ones by code point with the full length', () => {
    expect(clipText('城关镇社工站')).toBe('城关镇社工站');
    expect(clipText('9'.repeat(100_000), 5)).toBe('99999…（共 100000 字，全文见结果 JSON 与 Excel 报告）');
    expect(clipText('😀'.repeat(6), 5)).toBe('😀😀😀😀😀…（共 6 字，全文见结果 JSON 与 Excel 报告）');
  });
});
