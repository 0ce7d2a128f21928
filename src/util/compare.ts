/** Order of names in everything the tool lists: Chinese display order (pinyin), then code points so the order is total. */
const collator = new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true });

export function cmp(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
