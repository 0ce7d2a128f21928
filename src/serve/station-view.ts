/**
 * What the page shows of a result: the same fields, in the same order, as the
 * terminal summary (src/report/terminal.ts) — modules with their bars, the
 * total, the level, the reason, what the next level needs, deviations,
 * notices and flags — as data, with numbers formatted by the reports' own
 * formatters and sentences taken from the engine and report/format.ts, never
 * composed here. The page only adds its labels.
 */
import type { StationRow } from '../report/station-row.js';
import { deviatingItems, formatDeviation, formatPercent, formatScore, maxStarLevel, partiesLine, stationNotices, starsText, totalsText } from '../report/format.js';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationResult } from '../score/types.js';

/** Text in both languages: the page switches without asking the server again. */
export interface Both {
  zh: string;
  en: string;
}

export interface StationView {
  station: { name: string; county?: string; township?: string; operator?: string };
  rubric: { title: string; version: string };
  modules: { name: string; final: string; max: string; percent: string; ratio: number; deviation: string | null; rescaled: boolean }[];
  bonus: { name: string; points: string } | null;
  penalty: string | null;
  total: string;
  maxTotal: string;
  stars: number | null;
  starsText: string;
  starName: string | null;
  reason: Both;
  nextStar: { name: string; needs: Both[] } | null;
  /** From the scored sum to the final total (caps, penalty, veto), when there are steps. */
  chain: Both | null;
  /** Self, spot check and deviation totals, when spot-checked. */
  check: Both | null;
  /** A rubric with `parties`: each party's counted total ("评分方：第三方评估机构 593.5 / 700.0 · …"), as the terminal prints it. */
  parties: Both | null;
  deviations: { id: string; name: string; self: string; spot: string; deviation: string; inflated: boolean }[];
  notices: { kind: string; text: string }[];
  flags: Both[];
  warnings: Both[];
  verified: boolean;
  complete: boolean;
}

const NOTICE_FLAGS = new Set(['UNVERIFIED', 'INCOMPLETE', 'VETO', 'INFLATION_PENALTY']);

export function stationView(result: StationResult, rubric: LoadedRubric, maxDeviations = 10): StationView {
  const digits = rubric.data.precision;
  const s = result.station;
  const totals = { zh: totalsText(result, digits, 'zh'), en: totalsText(result, digits, 'en') };
  return {
    station: { name: s.name, county: s.county, township: s.township, operator: s.operator },
    rubric: { title: result.rubric.title, version: result.rubric.version },
    modules: result.modules.map((m) => ({
      name: m.name,
      final: formatScore(m.final, digits),
      max: formatScore(m.max, digits),
      percent: formatPercent(m.percent),
      ratio: m.max > 0 ? Math.min(1, Math.max(0, m.final / m.max)) : 0,
      deviation: m.deviation !== null && m.deviation !== 0 ? formatDeviation(m.deviation, digits) : null,
      rescaled: m.rescaled,
    })),
    bonus: result.bonus !== 0 || rubric.data.bonus ? { name: rubric.data.bonus?.name ?? '加分项', points: formatScore(result.bonus, digits) } : null,
    penalty: result.penalty !== 0 ? formatScore(result.penalty, digits) : null,
    total: formatScore(result.total, digits),
    maxTotal: formatScore(result.maxTotal, digits),
    stars: result.stars,
    starsText: result.stars ? starsText(result.stars, maxStarLevel(rubric)) : '',
    starName: result.starName,
    reason: { zh: result.starReason, en: result.starReasonEn ?? result.starReason },
    nextStar: result.nextStar ? { name: result.nextStar.name, needs: result.nextStar.needs.map((n) => ({ zh: n.message, en: n.messageEn ?? n.message })) } : null,
    chain: totals.zh.steps.length > 0 ? { zh: totals.zh.chain, en: totals.en.chain } : null,
    check: result.spotTotal !== null && result.selfTotal !== null ? { zh: totals.zh.parties, en: totals.en.parties } : null,
    parties: partyTotals(result, digits),
    deviations: deviatingItems(result)
      .slice(0, maxDeviations)
      .map((i) => ({ id: i.id, name: i.name, self: formatScore(i.self, digits), spot: formatScore(i.spot, digits), deviation: formatDeviation(i.deviation, digits), inflated: i.inflated })),
    notices: stationNotices(result, rubric).filter((n) => n.kind !== 'illustrative'),
    flags: result.flags.filter((f) => !NOTICE_FLAGS.has(f.code) && !f.code.startsWith('INFLATED')).map((f) => ({ zh: f.message, en: f.messageEn ?? f.message })),
    warnings: result.warnings.map((zh, i) => ({ zh, en: result.warningsEn?.[i] ?? zh })),
    verified: result.verified,
    complete: result.complete,
  };
}

function partyTotals(result: StationResult, digits: number): Both | null {
  const zh = partiesLine(result, digits);
  const en = partiesLine(result, digits, true);
  return zh !== undefined && en !== undefined ? { zh, en } : null;
}

export interface RowView {
  county: string;
  name: string;
  total: string;
  /** The total as a number, for sorting. */
  totalValue: number;
  stars: number;
  starName: string;
  verified: boolean;
  complete: boolean;
  deviation: string;
  inflated: boolean;
  /** Download URL of the station's PDF. */
  pdf?: string;
}

export function rowView(row: StationRow, digits: number, pdfUrl: string | undefined): RowView {
  return {
    county: row.county,
    name: row.name,
    total: formatScore(row.total, digits),
    totalValue: row.total,
    stars: row.stars ?? 0,
    starName: row.starName ?? '',
    verified: row.verified,
    complete: row.complete,
    deviation: formatDeviation(row.deviation, digits),
    inflated: row.inflated,
    ...(pdfUrl ? { pdf: pdfUrl } : {}),
  };
}
