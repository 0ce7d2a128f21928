/**
 * Quotas (名额) on any levels, applied over all stations of a run: of the
 * stations that compete for a level, only the first `places` by total get it
 * (Shaoxing: each module ≥ 85 and total ≥ 475 qualify, then the top 10 %;
 * "五星级不超过 10 %，四星级不超过 20 %").
 *
 * Cascading, top-down (applyQuotas): each station starts at the highest
 * level it meets, quotas aside (its `eligible` levels, each scored alone).
 * The highest level with a quota is decided first; a station that loses it
 * falls to the next level it meets and, when that level has a quota too,
 * competes for it. So the stations competing for a level are those whose
 * highest reachable level is now that level: the ones that meet it without
 * meeting a higher one, plus those that fell from above — never the stations
 * already granted a higher level. The share is of those competitors.
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
import { must } from '../util/must.js';

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
  let rank = 0;
  sorted.forEach((c, i) => {
    const t = big(c.total);
    // Sorted highest first: the rank is 1 + the number above, i.e. the place of the first of equal total.
    if (i === 0 || !t.eq(sorted[i - 1].total)) rank = i + 1;
    let granted = false;
    if (cutoff !== null) {
      if (t.gt(cutoff)) granted = true;
      else if (t.eq(cutoff)) granted = quota.ties === 'include' || atOrAbove <= places;
    }
    out.set(c.key, { level, share: quota.share, rounding: quota.rounding, ties: quota.ties, status: granted ? 'granted' : 'lost', rank, qualifying: n, places, cutoff, atCutoff });
  });
  return out;
}

/** A station for the cascade: its total and the levels it meets, quotas aside, highest first. */
export interface CascadeCandidate extends QuotaCandidate {
  eligible: readonly number[];
}

/**
 * Every quota of the run, top-down (see the header): per station, the
 * outcomes of the levels it competed for, highest first (granted ends the
 * list; lost ones may be followed by the next level's outcome). Stations
 * that competed for no quota level are absent.
 */
export function applyQuotas(levels: readonly { level: number; quota?: Quota }[], candidates: readonly CascadeCandidate[]): Map<string, QuotaOutcome[]> {
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  const current = new Map<string, number | null>(candidates.map((c) => [c.key, c.eligible.length > 0 ? Math.max(...c.eligible) : null]));
  const out = new Map<string, QuotaOutcome[]>();
  const quotaLevels = levels.filter((l): l is { level: number; quota: Quota } => l.quota !== undefined).sort((a, b) => b.level - a.level);
  for (const l of quotaLevels) {
    const competing = candidates.filter((c) => current.get(c.key) === l.level);
    for (const [key, o] of applyQuota(l.level, l.quota, competing)) {
      out.set(key, [...(out.get(key) ?? []), o]);
      if (o.status === 'lost') {
        const below = must(byKey.get(key)).eligible.filter((e) => e < l.level);
        current.set(key, below.length > 0 ? Math.max(...below) : null);
      }
    }
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
