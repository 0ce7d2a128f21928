import { describe, expect, it } from 'vitest';
import { MAX_ROW_HEIGHT, wrappedLines, wrappedRowHeight } from '../../src/xlsx/layout.js';

describe('wrapped row heights', () => {
  it('count lines by display width, explicit newlines included', () => {
    expect(wrappedLines('一二三四五六七八九十', 11.5)).toBe(2);
    expect(wrappedLines('a\nb\nc', 40)).toBe(3);
    expect(wrappedRowHeight([{ text: '短', width: 10 }])).toBe(15);
    expect(wrappedRowHeight([{ text: 'a\nb\nc', width: 40 }])).toBe(48);
  });

  it('stop counting where the height can no longer grow, and never exceed 409 pt', () => {
    // 27 lines of 15 pt + 3 pt padding is the tallest row under Excel's 409 pt limit.
    expect(wrappedRowHeight([{ text: '站'.repeat(100_000), width: 30 }])).toBe(408);
    expect(wrappedRowHeight([{ text: 'x\n'.repeat(5_000), width: 30 }], 20)).toBe(20 * 20 + 3);
    expect(wrappedLines('站'.repeat(100_000), 30, 27)).toBe(27);
    expect(wrappedRowHeight([{ text: '站'.repeat(100_000), width: 30 }], 500)).toBe(MAX_ROW_HEIGHT);
  });
});
