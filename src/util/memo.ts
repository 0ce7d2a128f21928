/**
 * Memoise a pure string → value function. Workbooks of one rubric repeat the
 * same texts (headers, item names, rule texts) in every file, so a batch asks
 * the same normalisations thousands of times. Bounded: the cache is dropped
 * when it reaches `max` entries.
 */
export function memoString<T>(fn: (text: string) => T, max = 20_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text: string) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size >= max) cache = new Map();
      cache.set(text, value);
    }
    return value as T;
  };
}
