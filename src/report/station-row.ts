/**
 * What a batch keeps per station once it is scored: a compact row, so a
 * national run (38,000 stations) holds megabytes, not the full results
 * (those stream to results.jsonl as they arrive).
 */
import type { StationComparison } from '../compare/types.js';
import type { StationResult } from '../score/types.js';
import { totalsText } from './format.js';
import { must } from '../util/must.js';

export interface DeviationItem {
  id: string;
  name: string;
  self: number;
  spot: number;
  deviation: number;
  inflated: boolean;
}

export interface StationRow {
  /** Normalised county + name (or the station code): how stations are matched. */
  key: string;
  county: string;
  name: string;
  township?: string;
  operator?: string;
  code?: string;
  /** The self-assessment workbook, relative to the input folder. */
  file: string;
  total: number;
  baseTotal: number;
  bonus: number;
  penalty: number;
  stars: number | null;
  starName: string | null;
  starReason: string;
  verified: boolean;
  complete: boolean;
  /** Final module scores in rubric order. */
  modules: number[];
  /** A rubric with `parties`: each party's counted total, in the rubric's authority order. */
  parties?: number[];
  selfTotal: number | null;
  spotTotal: number | null;
  deviation: number | null;
  /** The totals in words (format.ts totalsText): "自评 … / 抽查 … · 偏差 …；核定 … → … → 最终 …". */
  totalNote: string;
  inflated: boolean;
  /** Flag messages, each once (a veto is one of them). */
  flags: string[];
  vetoes: string[];
  /** Items where self and spot differ, largest deviation first (at most 10). */
  deviations: DeviationItem[];
  /** The station's PDF, relative to the output folder. */
  pdf?: string;
  /** Comparison with last year (batch --previous). */
  comparison?: StationComparison;
}

export type { RosterStation } from '../workbook/read-roster.js';

export function toStationRow(result: StationResult, key: string, file: string, digits = 1): StationRow {
  const totals = totalsText(result, digits);
  const deviations = result.items
    .filter((i) => i.deviation !== null && i.deviation !== 0)
    .map((i) => ({ id: i.id, name: i.name, self: must(i.self), spot: must(i.spot), deviation: must(i.deviation), inflated: i.inflated }))
    .sort((a, b) => Math.abs(b.deviation) - Math.abs(a.deviation) || (a.id < b.id ? -1 : 1))
    .slice(0, 10);
  return {
    key,
    county: result.station.county ?? '',
    name: result.station.name,
    township: result.station.township,
    operator: result.station.operator,
    code: result.station.code,
    file,
    total: result.total,
    baseTotal: result.baseTotal,
    bonus: result.bonus,
    penalty: result.penalty,
    stars: result.stars,
    starName: result.starName,
    starReason: result.starReason,
    verified: result.verified,
    complete: result.complete,
    modules: result.modules.map((m) => m.final),
    ...(result.parties ? { parties: result.parties.map((p) => p.total) } : {}),
    selfTotal: result.selfTotal,
    spotTotal: result.spotTotal,
    deviation: result.deviation,
    totalNote: totals.steps.length > 0 ? `${totals.parties}；${totals.chain}` : totals.parties,
    inflated: result.flags.some((f) => f.code.startsWith('INFLATED')),
    flags: [...new Set(result.flags.map((f) => f.message))],
    vetoes: result.vetoes.map((v) => v.name),
    deviations,
  };
}
