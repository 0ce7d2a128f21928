/**
 * What a run depends on besides its files, passed explicitly instead of read
 * from module state: the language of messages, the input limits, the clock and
 * the tool stamped into results. Commands build it from their options; the
 * web page (src/serve) builds its own per request.
 */
import type { Lang } from '../util/lang.js';
import { resolveInputLimits, type InputLimits } from '../xlsx/input-limits.js';
import { TOOL } from '../version.js';

export interface RunContext {
  lang: Lang;
  /** Limits on what a workbook may cost to read (docs/reliability.md). */
  limits: InputLimits;
  /** The document date of reports (default: the Unix epoch, so reports are deterministic). */
  clock?: () => Date;
  tool: { name: string; version: string };
}

export function runContext(given: Partial<Omit<RunContext, 'limits'>> & { limits?: Partial<InputLimits> } = {}): RunContext {
  return { lang: given.lang ?? 'zh', limits: resolveInputLimits(given.limits), tool: given.tool ?? TOOL, ...(given.clock ? { clock: given.clock } : {}) };
}
