/**
 * The input-limit options shared by `score`, `batch` and `verify` (docs/reliability.md):
 * --max-file-mb, --max-inflated-mb, --max-rows. Defaults in src/xlsx/input-limits.ts.
 */
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { t, type Lang } from '../util/lang.js';
import { DEFAULT_INPUT_LIMITS, parseLimitFlags, type InputLimits, type LimitFlags } from '../xlsx/input-limits.js';

export function addLimitOptions(cmd: Command): Command {
  return cmd
    .option('--max-file-mb <n>', `工作簿文件大小上限，MB（默认 ${DEFAULT_INPUT_LIMITS.maxFileBytes / 1048576}）`)
    .option('--max-inflated-mb <n>', `工作簿解压后大小上限，MB（默认 ${DEFAULT_INPUT_LIMITS.maxInflatedBytes / 1048576}，防压缩炸弹）`)
    .option('--max-rows <n>', `每个工作表的行数上限（默认 ${DEFAULT_INPUT_LIMITS.maxRows}）`);
}

/** The limits the flags give (absent fields: defaults); a bad value is a usage error. */
export function parseLimits(flags: LimitFlags, lang: Lang): Partial<InputLimits> {
  const parsed = parseLimitFlags(flags);
  if ('error' in parsed) throw new UserError(t(lang, parsed.error, `${parsed.flag} must be a positive number`), { code: 'USAGE' });
  return parsed.limits;
}
