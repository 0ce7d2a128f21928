/**
 * How stations are matched across files (self workbooks, the consolidated
 * spot-check workbook, the roster): by a key built from the normalised county
 * and station name. Full-width → half-width, spaces removed, the usual
 * suffixes (社工站, 社会工作服务站, 社会工作站 …) stripped, so
 * "城关镇社会工作服务站", "城关镇 社工站" and "城关镇" are one station.
 */

const STATION_SUFFIXES = ['社会工作服务中心站', '社会工作服务站', '社会工作站', '社工服务站', '社工工作站', '社工站', '服务站'];

const COUNTY_SUFFIXES = ['民政局'];

function squash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[()（）]/g, (c) => (c === '（' ? '(' : c === '）' ? ')' : c))
    .toLowerCase();
}

/** "城关镇 社会工作服务站" → "城关镇"; "（乡镇）" style qualifiers kept. */
export function normaliseStationName(name: string): string {
  let s = squash(name);
  // "示例县城关镇社工站" keeps its county prefix: the county is a separate key part.
  for (const suffix of STATION_SUFFIXES) {
    if (s.length > suffix.length && s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return s;
}

/** "示例县 民政局" → "示例县"; "" stays "". */
export function normaliseCounty(county: string | undefined): string {
  let s = squash(county ?? '');
  for (const suffix of COUNTY_SUFFIXES) if (s.length > suffix.length && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  return s;
}

/**
 * The matching key: "county|name". A station name that starts with its county
 * ("示例县城关镇") is also stripped of it, so files that write the county
 * into the name still match files that do not.
 */
export function stationKey(name: string, county?: string): string {
  const c = normaliseCounty(county);
  let n = normaliseStationName(name);
  if (c !== '' && n.length > c.length && n.startsWith(c)) n = n.slice(c.length);
  return `${c}|${n}`;
}
