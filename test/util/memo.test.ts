import { describe, expect, it } from 'vitest';
import { BoundedCache, cachePerOwner, detach, memoString } from '../../src/util/memo.js';

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

describe('BoundedCache and cachePerOwner', () => {
  it('keeps at most `limit` entries, dropping the oldest, and one cache per owner', () => {
    const cache = new BoundedCache<number>(2);
    expect(cache.set('a', 1)).toBe(1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
    const perOwner = cachePerOwner<string>(10);
    const x = {};
    perOwner(x).set('k', 'v');
    expect(perOwner(x).get('k')).toBe('v');
    expect(perOwner({}).get('k')).toBeUndefined();
  });
});
