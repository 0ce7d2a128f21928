/**
 * Problems into words, for reporters: the message from the catalogue of the
 * language, and the location as people read it:
 * `城关镇.xlsx › 自评表!H23`, `fujian.yaml:12:5`, `抽查汇总.xlsx › 汇总!7`.
 */
import type { Lang } from '../util/lang.js';
import { catalogues, isCatalogued, type MessageCode, type MessageParams } from './catalogue.js';
import type { Problem, ProblemLocation, Severity } from './problem.js';

/** A catalogued problem (the compiler checks the parameters). */
export function problem<C extends MessageCode>(code: C, severity: Severity, location: ProblemLocation, params: MessageParams[C], extra: Pick<Problem, 'received' | 'expected'> = {}): Problem {
  return { code, severity, location, params: params, ...extra };
}

/** The message of a problem in `lang`; its bare code for a code no catalogue holds or a problem missing the params its message reads (one read back from an older file). */
export function messageOf(p: Problem, lang: Lang): string {
  if (!isCatalogued(p.code)) return p.code;
  const render = catalogues[lang][p.code] as (params: unknown) => string;
  // A message that reads params is not rendered without them (a problem read back from an older file): its code instead.
  if (p.params === undefined && render.length > 0) return p.code;
  return render(p.params ?? {});
}

/** The location inside the file: `自评表!H23`, `自评表!7` (a row), `自评表`, `12:5`; undefined when there is none. */
export function placeInFile(loc: ProblemLocation): string | undefined {
  if (loc.sheet !== undefined) {
    if (loc.cell) return `${loc.sheet}!${loc.cell}`;
    if (loc.row !== undefined) return `${loc.sheet}!${loc.row}`;
    return loc.sheet;
  }
  if (loc.line !== undefined) return `${loc.line}:${loc.column ?? 1}`;
  return undefined;
}

/** The whole location: `城关镇.xlsx › 自评表!H23`, `rubric.yaml:12:5`, `城关镇.xlsx`; '' when nothing is known. */
export function formatLocation(loc: ProblemLocation): string {
  const place = placeInFile(loc);
  if (loc.line !== undefined && loc.sheet === undefined) return loc.file ? `${loc.file}:${place}` : (place ?? '');
  return [loc.file, place].filter((s) => s !== undefined && s !== '').join(' › ');
}

/** `location: message` (just the message when the location is unknown). */
export function formatProblem(p: Problem, lang: Lang): string {
  const where = formatLocation(p.location);
  const message = messageOf(p, lang);
  return where ? `${where}: ${message}` : message;
}

/**
 * Split a location written as text (`城关镇.xlsx › 自评表!H23`, as older
 * readers write them) into its parts. Used while readers are moved over to
 * structured locations.
 */
export function parseLocation(text: string | undefined): ProblemLocation {
  if (!text) return {};
  const parts = text.split(' › ');
  const loc: ProblemLocation = {};
  if (parts.length === 1) {
    const m = /^(.*)!([A-Z]{1,3}\d+)$/.exec(parts[0]);
    if (m) return { sheet: m[1], cell: m[2] };
    return { file: parts[0] };
  }
  loc.file = parts.slice(0, -1).join(' › ');
  const last = parts[parts.length - 1];
  const bang = last.lastIndexOf('!');
  if (bang < 0) loc.sheet = last;
  else {
    loc.sheet = last.slice(0, bang);
    const at = last.slice(bang + 1);
    if (/^\d+$/.test(at)) loc.row = Number(at);
    else loc.cell = at;
  }
  return loc;
}
