/**
 * The reading stage of the pipeline: each input file into the plain data the
 * planner takes (plan.ts). Used by `score` and `verify` in this thread and by
 * the batch's threads (src/batch/stages.ts, spot-file.ts), so a workbook is
 * read the same way whichever command reads it. Readers' warnings become
 * problems located at the file (STATION_NAME_FROM_FILE, ITEMS_WITHOUT_ROWS …).
 */
import type { Problem } from '../problems/problem.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { PartyEntries } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { resolveInputLimits, type InputLimits } from '../xlsx/input-limits.js';
import { readRoster, rosterStations, type RosterStation } from '../workbook/read-roster.js';
import { readSpotFile } from '../workbook/read-spot-workbook.js';
import { readStationWorkbook, type ReadOptions } from '../workbook/read-station-workbook.js';
import { UserError } from '../errors.js';
import { formatLocation, messageOf, problem } from '../problems/render.js';
import type { StationResult } from '../score/types.js';
import type { SelfRead, SpotRecord } from './plan.js';

export interface ReadContext {
  lang: Lang;
  limits?: Partial<InputLimits>;
  /** How to read a station workbook whose layout is unusual: --columns, --sheet (src/workbook/read-station-workbook.ts). */
  workbook?: Pick<ReadOptions, 'columns' | 'sheet'>;
}

/** The reader's warnings on a workbook as a whole (made from another rubric, items without a row …), located at `file` as the run names it. */
export function warningProblems(warnings: readonly Problem[], file: string): Problem[] {
  return warnings.map((w) => ({ ...w, location: { ...w.location, file } }));
}

/** A reader's note (rows matched by name, a 合计 that differs, a column not placed, the sheet chosen …) as a warning line: `file › sheet!cell：text`. */
function noteLine(note: Problem, lang: Lang): string {
  const where = formatLocation(note.location);
  const text = messageOf(note, lang);
  if (!where) return text;
  return lang === 'en' ? `${where}: ${text}` : `${where}：${text}`;
}

/**
 * The result with the reader's notes first among its warnings, in both
 * languages (`warnings`, `warningsEn`), score and batch alike. Notes travel
 * as Problems (plain data, across worker threads) and are put into words here.
 */
export function withReaderNotes(result: StationResult, notes: readonly Problem[] | undefined): StationResult {
  if (notes && notes.length > 0) {
    result.warnings = [...notes.map((n) => noteLine(n, 'zh')), ...result.warnings];
    result.warningsEn = [...notes.map((n) => noteLine(n, 'en')), ...(result.warningsEn ?? [])];
  }
  return result;
}

/** One self-assessment workbook; `relative` is how messages name it. */
export async function readSelf(
  file: string,
  relative: string,
  rubric: LoadedRubric,
  ctx: ReadContext & { expect?: ReadOptions['expect'] },
): Promise<{ read: SelfRead<PartyEntries>; problems: Problem[]; details: string[] }> {
  const wb = await readStationWorkbook(file, rubric, {
    display: relative,
    lang: ctx.lang,
    genericParty: 'self',
    limits: resolveInputLimits(ctx.limits),
    ...ctx.workbook,
    ...(ctx.expect ? { expect: ctx.expect } : {}),
  });
  return {
    read: {
      relative,
      station: wb.station,
      self: wb.self,
      ...(wb.spot ? { spot: wb.spot } : {}),
      ...(wb.parties ? { parties: wb.parties } : {}),
      ...(wb.notes.length > 0 ? { notes: wb.notes } : {}),
    },
    problems: [...warningProblems(wb.warnings, relative), ...wb.notes],
    details: wb.details,
  };
}

/**
 * The spot-check records of one workbook: a consolidated table (one record a
 * station) or one station's workbook; `pack` turns entries into what crosses
 * threads (the identity in this thread).
 */
export async function readSpotRecords<E>(
  file: string,
  rubric: LoadedRubric,
  ctx: ReadContext & { display?: string },
  pack: (entries: PartyEntries) => E,
): Promise<{ records: SpotRecord<E>[]; problems: Problem[] }> {
  const read = await readSpotFile(file, rubric, { lang: ctx.lang, limits: resolveInputLimits(ctx.limits), ...(ctx.display ? { display: ctx.display } : {}) });
  if (read.kind === 'station') {
    const wb = read.workbook;
    if (!wb.spot) throw new UserError(messageOf(problem('SPOT_EMPTY', 'error', { file: wb.display }, {}), ctx.lang), { location: wb.display, code: 'SPOT_EMPTY' });
    const location = { file: wb.display };
    return {
      records: [{ station: wb.station, entries: pack(wb.spot), source: wb.display, location, single: true }],
      problems: [...warningProblems(wb.warnings, wb.display), ...wb.notes],
    };
  }
  const records: SpotRecord<E>[] = [];
  for (const s of read.spot.stations.values()) {
    const location = { file: read.spot.display, sheet: read.spot.sheet, row: s.row };
    records.push({ station: s.station, entries: pack(s.entries), source: formatLocation(location), location });
  }
  return { records, problems: [] };
}

export async function readRosterStations(file: string, ctx: ReadContext): Promise<RosterStation[]> {
  return rosterStations(await readRoster(file, { lang: ctx.lang, limits: resolveInputLimits(ctx.limits) }));
}
