import { describe, expect, it } from 'vitest';
import { detach, memoString } from '../../src/util/memo.js';

describe('memoString', () => {
  it('computes once per text and returns the same value', () => {
    let calls = 0;
    const upper = memoString((s) => (calls++, s.toUpperCase()));
    expect(upper('abc')).toBe('ABC');
    expect(upper('abc')).toBe('ABC');
    expect(calls).toBe(1);
  });

  it('is bounded: the cache is dropped at max entries', () => {
    let calls = 0;
    const id = memoString((s) => (calls++, s), 2);
    id('a');
    id('b');
    id('c'); // drops the cache
    id('a');
    expect(calls).toBe(4);
  });

  it('detach copies strings inside objects and keeps lone surrogates', () => {
    const v = { richText: [{ text: 'x\ud800y' }] };
    const d = detach(v);
    expect(d).toEqual(v);
    expect(d).not.toBe(v);
    expect(d.richText[0]).not.toBe(v.richText[0]);
  });
});
