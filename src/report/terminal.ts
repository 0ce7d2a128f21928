/**
 * The compact terminal summary of one station's result: modules with bars,
 * total, ★ level, the reason, what the next star needs, deviations and
 * notices. A function of the result (and the rubric); colours with chalk only
 * when asked (TTY and no NO_COLOR — decided by the caller).
 */
import { Chalk } from 'chalk';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationResult } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { deviatingItems, formatDeviation, formatScore, maxStarLevel, nextStarLines, starsText, stationNotices } from './format.js';

export interface TerminalOptions {
  color?: boolean;
  lang?: Lang;
  /** Bar width in characters. */
  barWidth?: number;
  /** At most this many deviating items listed. */
  maxDeviations?: number;
}

/** Columns a string takes in a terminal (CJK and full-width count 2). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export function bar(value: number, max: number, width: number): string {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const full = Math.round(ratio * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export function renderTerminal(result: StationResult, rubric: LoadedRubric, opts: TerminalOptions = {}): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const en = opts.lang === 'en';
  const digits = rubric.data.precision;
  const width = opts.barWidth ?? 20;
  const lines: string[] = [];
  const s = result.station;
  const where = [s.county, s.township, s.operator].filter(Boolean).join(' · ');
  lines.push(c.bold(`${s.name}${where ? `（${where}）` : ''}`));
  lines.push(c.dim(`${en ? 'Rubric' : '细则'}：${result.rubric.title} ${result.rubric.version}`));
  const nameWidth = Math.max(8, ...result.modules.map((m) => displayWidth(m.name))) + 2;
  for (const m of result.modules) {
    const ratio = m.max > 0 ? m.final / m.max : 0;
    const paint = ratio >= 0.9 ? c.green : ratio >= 0.6 ? c.yellow : c.red;
    const dev = m.deviation !== null && m.deviation !== 0 ? c.dim(`  ${en ? 'self−spot' : '自评−抽查'} ${formatDeviation(m.deviation, digits)}`) : '';
    lines.push(
      `${padEnd(m.name, nameWidth)}${paint(bar(m.final, m.max, width))} ${padStart(formatScore(m.final, digits), 7)} / ${padEnd(formatScore(m.max, digits), 6)} ${padStart(`${m.percent}%`, 6)}${m.rescaled ? c.dim(en ? ' (rescaled)' : '（按适用项折算）') : ''}${dev}`,
    );
  }
  const extras: string[] = [];
  if (result.bonus !== 0 || rubric.data.bonus) extras.push(`${rubric.data.bonus?.name ?? (en ? 'Bonus' : '加分项')} ${formatScore(result.bonus, digits)}`);
  if (result.penalty !== 0) extras.push(`${en ? 'inflation penalty' : '虚高扣减'} −${formatScore(result.penalty, digits)}`);
  if (extras.length > 0) lines.push(c.dim(extras.join(' · ')));
  const stars = result.stars ? c.yellow(starsText(result.stars, maxStarLevel(rubric))) : c.dim(en ? 'no star' : '无星级');
  lines.push(`${c.bold(`${en ? 'Total' : '总分'} ${formatScore(result.total, digits)} / ${formatScore(result.maxTotal, digits)}`)}    ${stars} ${c.bold(result.starName ?? (en ? '' : '未达到星级'))}`);
  lines.push(`${en ? 'Why' : '依据'}：${en && result.starReasonEn ? result.starReasonEn : result.starReason}`);
  const needs = nextStarLines(result);
  if (result.nextStar && needs.length > 0) {
    lines.push(`${en ? `To reach ${result.nextStar.name}` : `升到${result.nextStar.name}还需要`}：`);
    for (const n of needs) lines.push(`  · ${n}`);
  }
  if (result.spotTotal !== null && result.selfTotal !== null) {
    lines.push(
      `${en ? 'Self' : '自评'} ${formatScore(result.selfTotal, digits)} · ${en ? 'spot check' : '抽查'} ${formatScore(result.spotTotal, digits)} · ${en ? 'deviation' : '偏差'} ${formatDeviation(result.deviation, digits)}`,
    );
    const devs = deviatingItems(result).slice(0, opts.maxDeviations ?? 5);
    for (const i of devs)
      lines.push(`  ${i.inflated ? c.red('▲') : ' '} ${i.id} ${i.name}：${en ? 'self' : '自评'} ${formatScore(i.self, digits)} → ${en ? 'spot' : '抽查'} ${formatScore(i.spot, digits)}（${formatDeviation(i.deviation, digits)}）`);
  }
  for (const n of stationNotices(result, rubric)) {
    if (n.kind === 'illustrative') continue;
    const paint = n.kind === 'veto' ? c.red : n.kind === 'warning' || n.kind === 'unverified' ? c.yellow : n.kind === 'inflated' || n.kind === 'incomplete' ? c.magenta : c.dim;
    lines.push(paint(`! ${n.text}`));
  }
  for (const f of result.flags.filter((f) => !['UNVERIFIED', 'INCOMPLETE', 'VETO', 'INFLATION_PENALTY'].includes(f.code) && !f.code.startsWith('INFLATED'))) lines.push(c.yellow(`! ${f.message}`));
  for (const w of result.warnings) lines.push(c.dim(`  ${w}`));
  return `${lines.join('\n')}\n`;
}
