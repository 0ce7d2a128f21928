/**
 * Memoise a pure string → value function. Workbooks of one rubric repeat the
 * same texts (headers, item names, rule texts) in every file, so a batch asks
 * the same normalisations thousands of times. Bounded: the cache is dropped
 * when it reaches `max` entries.
 *
 * Keys and string values are stored as fresh copies: a text cut from a
 * workbook's XML is a V8 "sliced string" that keeps the whole XML alive, and
 * a cache of them would keep every workbook of a national run in memory.
 */
export function memoString<T>(fn: (text: string) => T, max = 20_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text: string) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = detach(fn(text));
      if (cache.size >= max) cache = new Map();
      cache.set(detach(text), value);
    }
    return value as T;
  };
}

/** A copy of strings (also inside plain objects and arrays) that shares no memory with its source. */
export function detach<T>(value: T): T {
  // JSON round trip: a flat copy that keeps even lone surrogates as they are.
  if (typeof value === 'string') return (value.length === 0 ? value : JSON.parse(JSON.stringify(value))) as T;
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detach(v)])) as T;
  }
  return value;
}

/** A flat copy of a string (see memoString: a slice would keep its whole source alive). */
export function copyString(text: string): string {
  return (' ' + text).slice(1);
}

/**
 * A string-keyed cache of at most `limit` entries: when full, the oldest
 * entry goes. Keys are stored as copies (copyString). For caches that live as
 * long as a thread, such as a font's shaped lines across thousands of reports.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(readonly limit: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  get size(): number {
    return this.map.size;
  }

  /** Store `value` under `key` and return it. */
  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as string);
    this.map.set(copyString(key), value);
    return value;
  }
}

/** One BoundedCache per owner object (e.g. per parsed font), made on first use and gone with the owner. */
export function cachePerOwner<V>(limit: number): (owner: object) => BoundedCache<V> {
  const caches = new WeakMap<object, BoundedCache<V>>();
  return (owner) => {
    let cache = caches.get(owner);
    if (!cache) caches.set(owner, (cache = new BoundedCache<V>(limit)));
    return cache;
  };
}
