/**
 * `batch --previous`: the year-over-year glue around a batch. Before scoring,
 * last year's results are matched with this year's planned stations and each
 * task gets its predecessors (plain data, sent to the workers); the worker
 * compares the station as it scores it (the PDF's 与上年比较 section, the
 * certificate recorded in results.jsonl); afterwards the stations that did
 * not take part (未参评) are added and the comparison goes to 汇总.xlsx and
 * 总览.pdf.
 */
import type { LoadedRubric } from '../rubric/model.js';
import type { StationMeta } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { compareStation, levelNamesOf, resolveYear, sortComparison, type YearContext } from './compare-years.js';
import { loadResults } from './load-results.js';
import { matchYears, type MappingRow } from './match-years.js';
import { readMapping } from './read-mapping.js';
import { commonYear, yearOf } from './year-record.js';
import type { MatchKind, StationComparison, YearComparison, YearRecord } from './types.js';

/** What a score task carries when the batch compares with last year. */
export interface PreviousForTask {
  records: YearRecord[];
  match: { kind: MatchKind; note?: string };
  context: YearContext;
}

export interface BatchYearOptions {
  previous: string;
  mapping?: string;
  lang?: Lang;
}

export interface BatchYear {
  /** Finish the comparison with the stations' comparisons (from the workers) in any order. */
  finish(done: readonly (StationComparison | undefined)[]): YearComparison;
}

/**
 * Load last year's results, match them with the tasks' stations and set
 * `previous` on every task. Tasks are matched by their station metadata.
 */
export async function prepareBatchYear(tasks: { input: { station: StationMeta }; previous?: PreviousForTask }[], rubric: LoadedRubric, opts: BatchYearOptions): Promise<BatchYear> {
  const lang = opts.lang ?? 'zh';
  const { records: previous } = await loadResults(opts.previous, lang);
  const mapping: MappingRow[] = opts.mapping ? await readMapping(opts.mapping, lang) : [];
  const current = tasks.map((t) => ({ name: t.input.station.name, county: t.input.station.county ?? '', code: t.input.station.code?.trim() || undefined, year: yearOf(t.input.station.year) }));
  const context: YearContext = {
    defaultYear: resolveYear(previous, current),
    certification: rubric.data.certification,
    levelNames: levelNamesOf(rubric.data),
  };
  const matching = matchYears(previous, current, mapping);
  tasks.forEach((task, i) => {
    const m = matching.matches[i];
    task.previous = { records: m.previous.map((p) => previous[p]), match: { kind: m.kind, ...(m.note ? { note: m.note } : {}) }, context };
  });
  return {
    finish(done) {
      const rows = done.filter((r): r is StationComparison => r !== undefined);
      for (const p of matching.absent) rows.push(compareStation([previous[p]], undefined, { kind: 'none' }, context));
      sortComparison(rows);
      return {
        year: context.defaultYear,
        previousYear: commonYear(previous.map((p) => p.year)),
        rows,
        problems: matching.problems,
        levelNames: context.levelNames,
        certification: context.certification !== undefined,
      };
    },
  };
}
