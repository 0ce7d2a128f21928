/**
 * Read a results.jsonl (one StationResult per line, as `batch` writes it)
 * into compact year records, line by line, so a national file (38,000
 * results) never sits in memory whole. A line that is not a result names
 * its file and line.
 */
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { checkedResult } from '../score/result-schema.js';
import { openInputFile } from '../util/input-file.js';
import { t, type Lang } from '../util/lang.js';
import { toYearRecord, type ResultWithCertificate } from './year-record.js';
import type { YearRecord } from './types.js';

export interface LoadedResults {
  records: YearRecord[];
  /** The rubric of the first result (id, version, sha256, file). */
  rubric?: ResultWithCertificate['rubric'];
}

/** Largest results.jsonl read (a national one is about 2 GB). */
const RESULTS_MAX_BYTES = 16 * 1024 ** 3;

export async function loadResults(file: string, lang: Lang = 'zh'): Promise<LoadedResults> {
  // A regular file (never a pipe or a device); a national results.jsonl is a few GB at most.
  const handle = await openInputFile(file, { maxBytes: RESULTS_MAX_BYTES, lang, what: 'results' });
  const records: YearRecord[] = [];
  let rubric: LoadedResults['rubric'];
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8', autoClose: false }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new UserError(
          t(lang, `不是 JSON：${(err as Error).message}（results.jsonl 每行应是一个站点的评分结果）`, `not JSON: ${(err as Error).message} (each line of results.jsonl is one station's result)`),
          {
            location: `${file}:${n}`,
            code: 'RESULTS_NOT_JSON',
          },
        );
      }
      const result = checkedResult(value, `${file}:${n}`, lang) as ResultWithCertificate;
      rubric ??= result.rubric;
      records.push(toYearRecord(result));
    }
  } finally {
    lines.close();
    await handle.close();
  }
  return { records, rubric };
}
