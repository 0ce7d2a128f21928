/**
 * Compare two years' results station by station: the change (升级 / 降级 /
 * 持平 / 新参评 / 未参评), total and module deltas, the items that moved most,
 * and the certificate in force after this year. Pure: records in, rows out.
 */
import type { Certification } from '../rubric/schema.js';
import { big, toNumber } from '../score/decimal.js';
import { certificateFromResult, decideCertificate } from './certification.js';
import { matchYears, type MappingRow, type YearMatch } from './match-years.js';
import { commonYear } from './year-record.js';
import {
  CHANGE_LABELS,
  type CertificateState,
  type ChangeKind,
  type ComparisonProblem,
  type ItemMove,
  type ModuleDelta,
  type StationComparison,
  type YearComparison,
  type YearRecord,
} from './types.js';
import { must } from '../util/must.js';

export interface YearContext {
  /** This year: applies to every station when given (compare --year). */
  year?: number;
  /** The year used for stations whose result states none (and for 未参评). */
  defaultYear: number;
  certification?: Certification;
  levelNames: Record<number, string>;
}

export const MOVERS = 5;

export function levelNameOf(levelNames: Record<number, string>, level: number): string {
  return level > 0 ? (levelNames[level] ?? `${level}星级`) : '无星级';
}

/** The certificate last year's record stands for (recorded, or derived from its stars). */
export function heldCertificate(prev: YearRecord, prevYear: number, rules: Certification | undefined): CertificateState {
  if (prev.certificate) {
    const { rule: _rule, reason: _reason, ...state } = prev.certificate as CertificateState & { rule?: unknown; reason?: unknown };
    return state;
  }
  return certificateFromResult(prev.stars, prevYear, rules);
}

/** Compare one station; `previous` holds several records for a merger (empty for a new station). */
export function compareStation(previous: readonly YearRecord[], current: YearRecord | undefined, match: Pick<YearMatch, 'kind' | 'note'>, ctx: YearContext): StationComparison {
  const base = current ?? previous.at(0);
  if (!base) throw new Error('compareStation needs a previous or a current record');
  const year = ctx.year ?? current?.year ?? ctx.defaultYear;
  const notes: string[] = [];
  if (match.note) notes.push(match.note);
  if (match.kind === 'ambiguous') notes.push('与上年度的对应关系有歧义，未匹配（见 匹配问题）');

  // A merger: compare with the predecessor holding the highest certificate (then the highest total).
  const held = previous.map((p) => ({ p, year: p.year ?? year - 1, cert: heldCertificate(p, p.year ?? year - 1, ctx.certification) }));
  held.sort((a, b) => b.cert.level - a.cert.level || b.p.total - a.p.total || (a.p.key < b.p.key ? -1 : a.p.key > b.p.key ? 1 : 0));
  const primary = held.at(0);
  if (previous.length > 1 && primary) notes.push(`合并站点与证书等级最高的原站点“${primary.p.name}”比较`);
  const prev = primary?.p;
  if (prev && prev.year !== null && prev.year >= year) notes.push(`上年度结果的评估年度（${prev.year}）不早于本年度（${year}）`);

  const prevStars = prev ? (prev.stars ?? 0) : null;
  const curStars = current ? (current.stars ?? 0) : null;
  const change: ChangeKind = !prev ? 'new' : !current ? 'absent' : must(curStars) > must(prevStars) ? 'up' : must(curStars) < must(prevStars) ? 'down' : 'same';

  let depth: StationComparison['depth'] = 'none';
  const rubricText = (r: YearRecord['rubric'], other: YearRecord['rubric']) => `${r.id} ${r.version}${r.id === other.id && r.version === other.version ? ` sha256 ${r.sha256.slice(0, 8)}` : ''}`;
  if (prev && current) {
    if (prev.rubric.sha256 === current.rubric.sha256) depth = 'item';
    else if (sameKeys(prev.items, current.items)) {
      depth = 'item';
      notes.push(`细则版本不同（上年 ${rubricText(prev.rubric, current.rubric)}，本年 ${rubricText(current.rubric, prev.rubric)}），指标编号一致，逐项比较`);
    } else {
      depth = 'module';
      notes.push(`上年度细则（${rubricText(prev.rubric, current.rubric)}）与本年度（${rubricText(current.rubric, prev.rubric)}）的指标编号不同，仅按模块比较`);
    }
  }

  const modules = moduleDeltas(prev, current);
  const movers = depth === 'item' ? itemMoves(must(prev), must(current)) : [];
  const certificate = decideCertificate(primary?.cert, curStars, {
    rules: ctx.certification,
    year,
    levelName: (l) => levelNameOf(ctx.levelNames, l),
  });

  return {
    key: base.key,
    county: base.county,
    name: base.name,
    ...(base.code ? { code: base.code } : {}),
    previousNames: current && previous.length > 0 && (previous.length > 1 || previous[0].key !== current.key) ? previous.map((p) => `${p.county ? `${p.county} ` : ''}${p.name}`) : [],
    match: match.kind,
    year,
    previousYear: prev ? (prev.year ?? null) : null,
    change,
    previous: prev ? { total: prev.total, stars: prev.stars, starName: prev.starName } : null,
    current: current ? { total: current.total, stars: current.stars, starName: current.starName } : null,
    totalDelta: prev && current ? minus(current.total, prev.total) : null,
    depth,
    notes,
    modules,
    movers,
    certificate,
  };
}

export interface CompareYearsOptions {
  year?: number;
  certification?: Certification;
  levelNames?: Record<number, string>;
  mapping?: readonly MappingRow[];
}

/** Compare every station of two years. */
export function compareYears(previous: readonly YearRecord[], current: readonly YearRecord[], opts: CompareYearsOptions = {}): YearComparison {
  const problems: ComparisonProblem[] = [];
  const defaultYear = resolveYear(previous, current, opts.year);
  const levelNames = { ...collectLevelNames(previous), ...collectLevelNames(current), ...(opts.levelNames ?? {}) };
  const ctx: YearContext = { year: opts.year, defaultYear, certification: opts.certification, levelNames };
  const matching = matchYears(previous, current, opts.mapping);
  problems.push(...matching.problems);
  const rows: StationComparison[] = current.map((c, i) => {
    const m = matching.matches[i];
    return compareStation(
      m.previous.map((p) => previous[p]),
      c,
      m,
      ctx,
    );
  });
  for (const p of matching.absent) rows.push(compareStation([previous[p]], undefined, { kind: 'none' }, ctx));
  sortComparison(rows);
  const prevYear = commonYear(previous.map((p) => p.year));
  return { year: defaultYear, previousYear: prevYear, rows, problems, levelNames, certification: opts.certification !== undefined };
}

/** This year: --year, else the year most current results state, else last year's + 1. */
export function resolveYear(previous: readonly Pick<YearRecord, 'year'>[], current: readonly Pick<YearRecord, 'year'>[], year?: number): number {
  if (year !== undefined) return year;
  const cur = commonYear(current.map((c) => c.year));
  if (cur !== null) return cur;
  const prev = commonYear(previous.map((p) => p.year));
  if (prev !== null) return prev + 1;
  return new Date().getFullYear();
}

export function collectLevelNames(records: readonly Pick<YearRecord, 'stars' | 'starName'>[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const r of records) if (r.stars && r.starName && !(r.stars in out)) out[r.stars] = r.starName;
  return out;
}

/** Rises first, then falls, new, same, absent; within each by county and name. */
const CHANGE_ORDER: Record<ChangeKind, number> = { up: 0, down: 1, new: 2, same: 3, absent: 4 };
export function sortComparison(rows: StationComparison[]): void {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] || cmp(a.county, b.county) || cmp(a.name, b.name) || cmp(a.key, b.key));
}

export function changeLabel(kind: ChangeKind): string {
  return CHANGE_LABELS[kind];
}

function minus(a: number, b: number): number {
  return toNumber(big(a).minus(b));
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b);
}

function moduleDeltas(prev: YearRecord | undefined, current: YearRecord | undefined): ModuleDelta[] {
  if (!current) return (prev?.modules ?? []).map((m) => ({ id: m.id, name: m.name, previous: m.final, current: null, delta: null }));
  const used = new Set<string>();
  return current.modules.map((m) => {
    const p = prev?.modules.find((x) => x.name === m.name && !used.has(x.id)) ?? prev?.modules.find((x) => x.id === m.id && !used.has(x.id));
    if (p) used.add(p.id);
    return { id: m.id, name: m.name, previous: p ? p.final : null, current: m.final, delta: p ? minus(m.final, p.final) : null };
  });
}

function itemMoves(prev: YearRecord, current: YearRecord): ItemMove[] {
  // Rank on a float difference rounded well below any score precision, then
  // compute the exact decimal delta for the few that are kept.
  const moved: { id: string; now: number; before: number; size: number }[] = [];
  for (const [id, now] of Object.entries(current.items)) {
    const before = id in prev.items ? prev.items[id] : undefined;
    if (now === null || before === null || before === undefined || now === before) continue;
    moved.push({ id, now, before, size: Math.round(Math.abs(now - before) * 1e6) });
  }
  moved.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return moved.slice(0, MOVERS).map(({ id, now, before }) => ({ id, name: current.itemNames?.[id] ?? prev.itemNames?.[id] ?? id, previous: before, current: now, delta: minus(now, before) }));
}

/** Level → name ("四星级") from a rubric's star levels. */
export function levelNamesOf(data: { stars: { levels: readonly { level: number; name: string }[] } }): Record<number, string> {
  return Object.fromEntries(data.stars.levels.map((l) => [l.level, l.name]));
}
