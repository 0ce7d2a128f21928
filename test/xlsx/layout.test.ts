import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, MAX_ROW_HEIGHT, wrappedLines, wrappedRowHeight } from '../../src/xlsx/layout.js';

describe('displayWidth', () => {
  it('counts ASCII 1 and CJK, CJK punctuation and full-width forms 2, like string-width', () => {
    expect(displayWidth('城关镇 ab')).toBe(9);
    expect(displayWidth('总分 1000 ≥ 900，「服务」（20分）→ ★')).toBe(stringWidth('总分 1000 ≥ 900，「服务」（20分）→ ★'));
    expect(displayWidth('ＡＢ　ｶ')).toBe(stringWidth('ＡＢ　ｶ'));
    expect(displayWidth('👍🏽 é\u0301 \u0007')).toBe(stringWidth('👍🏽 é\u0301 \u0007'));
  });

  it('agrees with string-width on any mix of ASCII, CJK, punctuation, full- and half-width forms, marks and emoji', () => {
    const pieces = ['a', 'Z', ' ', '~', '站', '龘', '\u3000', '。', '〾', '\u303f', '（', '｡', 'ｶ', '￥', '￦', '·', '—', '≥', '★', '\u0301', '\u0007', '\t', '👍', '🏽', 'é', 'ア', '가', '\u200b'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });
});

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
