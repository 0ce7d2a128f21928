/**
 * The compact terminal summary of one station's result: modules with bars,
 * total, ★ level, the reason, what the next star needs, deviations and
 * notices. A function of the result (and the rubric); colours with chalk only
 * when asked (TTY and no NO_COLOR — decided by the caller).
 *
 * Text from the inputs (station names, notes …) is made terminal-safe here,
 * before colouring: the output is ready to write as it is, and its own colour
 * codes must not be escaped again by the caller.
 */
import { Chalk } from 'chalk';
import type { LoadedRubric } from '../rubric/model.js';
import type { StationResult } from '../score/types.js';
import type { Lang } from '../util/lang.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { displayWidth } from '../xlsx/layout.js';
import { deviatingItems, formatDeviation, formatPercent, formatScore, maxStarLevel, nextStarLines, partiesLine, scaledLine, starsText, targetLine, stationNotices, totalsText } from './format.js';

export { displayWidth };

export interface TerminalOptions {
  color?: boolean;
  lang?: Lang;
  /** Bar width in characters. */
  barWidth?: number;
  /** At most this many deviating items listed. */
  maxDeviations?: number;
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
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  // Every painter makes its text safe first; `raw` does the same for uncoloured text.
  const safe = (paint: (t: string) => string) => (text: string) => paint(terminalSafe(text));
  const c = {
    bold: safe(chalk.bold),
    dim: safe(chalk.dim),
    green: safe(chalk.green),
    yellow: safe(chalk.yellow),
    red: safe(chalk.red),
    magenta: safe(chalk.magenta),
  };
  const raw = terminalSafe;
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
      `${raw(padEnd(m.name, nameWidth))}${paint(bar(m.final, m.max, width))} ${padStart(formatScore(m.final, digits), 7)} / ${padEnd(formatScore(m.max, digits), 6)} ${padStart(formatPercent(m.percent), 6)}${m.rescaled ? c.dim(en ? ' (rescaled)' : '（按适用项折算）') : ''}${dev}`,
    );
  }
  const extras: string[] = [];
  if (result.bonus !== 0 || rubric.data.bonus) extras.push(`${rubric.data.bonus?.name ?? (en ? 'Bonus' : '加分项')} ${formatScore(result.bonus, digits)}`);
  if (result.penalty !== 0) extras.push(`${en ? 'inflation penalty' : '虚高扣减'} −${formatScore(result.penalty, digits)}`);
  if (extras.length > 0) lines.push(c.dim(extras.join(' · ')));
  const totals = totalsText(result, digits, en ? 'en' : 'zh');
  const named = rubric.data.stars.display === 'names';
  const noLevel = rubric.data.stars.noLevelName;
  const stars = named ? '' : result.stars ? c.yellow(starsText(result.stars, maxStarLevel(rubric))) : c.dim(en ? 'no star' : '无星级');
  const levelName = result.starName ?? (result.stars ? '' : (noLevel ?? (en ? '' : '未达到星级')));
  lines.push(`${c.bold(`${en ? 'Total' : '总分'} ${formatScore(result.total, digits)} / ${formatScore(result.maxTotal, digits)}`)}    ${named ? '' : `${stars} `}${c.bold(levelName)}`);
  if (totals.steps.length > 0) lines.push(c.dim(totals.chain));
  const scaled = scaledLine(result, digits, en);
  if (scaled) lines.push(c.bold(scaled));
  const partyTotals = partiesLine(result, digits, en);
  if (partyTotals) lines.push(raw(partyTotals));
  const target = targetLine(result, rubric, en);
  if (target) lines.push(raw(target));
  lines.push(raw(`${en ? 'Why' : '依据'}：${en && result.starReasonEn ? result.starReasonEn : result.starReason}`));
  const needs = nextStarLines(result);
  if (result.nextStar && needs.length > 0) {
    lines.push(raw(`${en ? `To reach ${result.nextStar.name}` : `升到${result.nextStar.name}还需要`}：`));
    for (const n of needs) lines.push(raw(`  · ${n}`));
  }
  if (result.spotTotal !== null && result.selfTotal !== null) {
    lines.push(raw(totals.parties));
    const devs = deviatingItems(result).slice(0, opts.maxDeviations ?? 5);
    for (const i of devs)
      lines.push(
        `  ${i.inflated ? c.red('▲') : ' '} ${raw(`${i.id} ${i.name}：${en ? 'self' : '自评'} ${formatScore(i.self, digits)} → ${en ? 'spot' : '抽查'} ${formatScore(i.spot, digits)}（${formatDeviation(i.deviation, digits)}）`)}`,
      );
  }
  for (const n of stationNotices(result, rubric)) {
    if (n.kind === 'illustrative') continue;
    const paint = n.kind === 'veto' ? c.red : n.kind === 'warning' || n.kind === 'unverified' ? c.yellow : n.kind === 'inflated' || n.kind === 'incomplete' ? c.magenta : c.dim;
    lines.push(paint(`! ${n.text}`));
  }
  for (const f of result.flags.filter((f) => !['UNVERIFIED', 'INCOMPLETE', 'VETO', 'INFLATION_PENALTY'].includes(f.code) && !f.code.startsWith('INFLATED'))) lines.push(c.yellow(`! ${f.message}`));
  for (const w of en && result.warningsEn ? result.warningsEn : result.warnings) lines.push(c.dim(`  ${w}`));
  return `${lines.join('\n')}\n`;
}
