/**
 * Read a results.jsonl (one StationResult per line, as `batch` writes it)
 * into compact year records, line by line, so a national file (38,000
 * results) never sits in memory whole. A line that is not a result names
 * its file and line.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { t, type Lang } from '../util/lang.js';
import { toYearRecord, type ResultWithCertificate } from './year-record.js';
import type { YearRecord } from './types.js';

export interface LoadedResults {
  records: YearRecord[];
  /** The rubric of the first result (id, version, sha256, file). */
  rubric?: ResultWithCertificate['rubric'];
}

export async function loadResults(file: string, lang: Lang = 'zh'): Promise<LoadedResults> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UserError(t(lang, '找不到评分结果文件（results.jsonl）', 'results file (results.jsonl) not found'), { location: file, code: 'FILE_NOT_FOUND' });
  const records: YearRecord[] = [];
  let rubric: LoadedResults['rubric'];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new UserError(t(lang, `不是 JSON：${(err as Error).message}（results.jsonl 每行应是一个站点的评分结果）`, `not JSON: ${(err as Error).message} (each line of results.jsonl is one station's result)`), {
        location: `${file}:${n}`,
        code: 'RESULTS_NOT_JSON',
      });
    }
    if (!isResult(value)) {
      throw new UserError(t(lang, '这一行不是站点评分结果（需要 station.name、total、stars、modules、items、rubric）', 'this line is not a station result (needs station.name, total, stars, modules, items, rubric)'), {
        location: `${file}:${n}`,
        code: 'RESULTS_NOT_A_RESULT',
      });
    }
    rubric ??= value.rubric;
    records.push(toYearRecord(value));
  }
  return { records, rubric };
}

function isResult(v: unknown): v is ResultWithCertificate {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  const station = r.station as Record<string, unknown> | undefined;
  const rubric = r.rubric as Record<string, unknown> | undefined;
  return (
    typeof station?.name === 'string' &&
    typeof r.total === 'number' &&
    (r.stars === null || typeof r.stars === 'number') &&
    Array.isArray(r.modules) &&
    Array.isArray(r.items) &&
    typeof rubric?.sha256 === 'string' &&
    typeof rubric.id === 'string'
  );
}
