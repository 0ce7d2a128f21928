/**
 * A quota (名额) on the top level, applied over all stations of a run: of the
 * stations that meet the level (each scored alone, marked provisional), only
 * the first `places` by total get it (Shaoxing: each module ≥ 85 and total
 * ≥ 475 qualify, then the top 10 %).
 *
 *   places  = share × qualifying, rounded as stated (floor / ceil / round half up), exactly
 *   rank    = 1 + the number of qualifying stations with a higher total (ties share a rank)
 *   cut-off = the total of the station in place `places` (sorted highest first); none when places is 0
 *   ties    = include: every station with total ≥ cut-off gets the level (places may be exceeded);
 *             exclude: stations at the cut-off get it only if all of them fit within `places`
 *
 * Pure: no I/O. The totals are those the levels compare (the scaled total when the rubric scales).
 */
import type { Quota } from '../rubric/schema.js';
import { Big, big, fmt } from './decimal.js';
import { renderStar, star, type StarMessage } from '../problems/star-messages.js';

export interface QuotaCandidate {
  key: string;
  total: number;
}

/** The quota's decision for one station (result.quota, after `batch`). */
export interface QuotaOutcome {
  level: number;
  share: number;
  rounding: Quota['rounding'];
  ties: Quota['ties'];
  status: 'granted' | 'lost';
  rank: number;
  qualifying: number;
  places: number;
  /** The cut-off total; null when there are no places. */
  cutoff: number | null;
  /** Stations at the cut-off total (ties). */
  atCutoff: number;
}

export function quotaPlaces(share: number, qualifying: number, rounding: Quota['rounding']): number {
  const exact = big(share).times(qualifying);
  const mode = rounding === 'floor' ? Big.roundDown : rounding === 'ceil' ? Big.roundUp : Big.roundHalfUp;
  return Math.min(qualifying, Number(exact.round(0, mode).toString()));
}

export function applyQuota(level: number, quota: Quota, candidates: readonly QuotaCandidate[]): Map<string, QuotaOutcome> {
  const sorted = [...candidates].sort((a, b) => big(b.total).cmp(big(a.total)) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const n = sorted.length;
  const places = quotaPlaces(quota.share, n, quota.rounding);
  const cutoff = places > 0 ? sorted[places - 1].total : null;
  const atOrAbove = cutoff === null ? 0 : sorted.filter((c) => big(c.total).gte(cutoff)).length;
  const atCutoff = cutoff === null ? 0 : sorted.filter((c) => big(c.total).eq(cutoff)).length;
  const out = new Map<string, QuotaOutcome>();
  for (const c of sorted) {
    const t = big(c.total);
    const rank = 1 + sorted.filter((o) => big(o.total).gt(t)).length;
    let granted = false;
    if (cutoff !== null) {
      if (t.gt(cutoff)) granted = true;
      else if (t.eq(cutoff)) granted = quota.ties === 'include' || atOrAbove <= places;
    }
    out.set(c.key, { level, share: quota.share, rounding: quota.rounding, ties: quota.ties, status: granted ? 'granted' : 'lost', rank, qualifying: n, places, cutoff, atCutoff });
  }
  return out;
}

/** The decision as a star message: "名额：排名第 3/23，名额 2 个（23 × 10% = 2.3，向下取整），分数线 492". */
export function quotaMessage(o: QuotaOutcome): StarMessage {
  return star('QUOTA', {
    rank: o.rank,
    qualifying: o.qualifying,
    places: o.places,
    percent: fmt(big(o.share).times(100)),
    exact: fmt(big(o.share).times(o.qualifying)),
    rounding: o.rounding,
    cutoff: o.cutoff === null ? null : fmt(o.cutoff),
    atCutoff: o.atCutoff,
    ties: o.ties,
  });
}

export function describeQuota(o: QuotaOutcome): { zh: string; en: string } {
  const m = quotaMessage(o);
  return { zh: renderStar(m, 'zh'), en: renderStar(m, 'en') };
}
