/**
 * Invalid entries, all of a station at once. The engine never stops at the
 * first bad value: it collects every problem of both parties and throws one
 * EntryError that names each place (the workbook cell when the reader passed
 * `source`, else the party) and what was expected. Each is a catalogued
 * `Problem` (src/problems/messages/engine.ts) with the item and party as
 * parameters; the words are rendered in the reader's language.
 */
import { UserError } from '../errors.js';
import type { Problem } from '../problems/problem.js';
import type { EngineParams } from '../problems/messages/engine.js';
import { formatLocation, messageOf, parseLocation } from '../problems/render.js';
import type { Lang } from '../util/lang.js';

export type Party = 'self' | 'spot';

type EntryCode = 'ENTRY_INVALID' | 'ENTRY_UNKNOWN_ITEM' | 'ENTRY_UNKNOWN_VETO' | 'ENTRY_UNKNOWN_PARTY' | 'ENTRY_SELF_WITH_PARTIES' | 'ENTRY_NOT_PARTY_ITEM';

/** An invalid entry: one of the ENTRY_* codes; params { itemId, party, … }. */
export type EntryProblem = Problem & { params: { itemId: string; party: Party } };

/**
 * An entry problem at the workbook cell `source` (`城关镇.xlsx › 自评表!H23`,
 * as the reader recorded it in the entry), else at `path` in the input.
 */
export function entryProblem<C extends EntryCode>(code: C, params: EngineParams[C], source: string | undefined, path?: string): EntryProblem {
  return {
    code,
    severity: 'error',
    location: source ? parseLocation(source) : { path: path ?? `${params.party}.items[${JSON.stringify(params.itemId)}]` },
    params,
  };
}

const PARTY_ZH: Record<Party, string> = { self: '自评', spot: '抽查' };
const PARTY_EN: Record<Party, string> = { self: 'self-assessment', spot: 'spot check' };

/** One line per problem: `<source or party>: <message>`. */
export function formatProblem(problem: EntryProblem, lang: Lang = 'zh'): string {
  const party = problem.params.party;
  const where = formatLocation(problem.location) || (lang === 'en' ? PARTY_EN[party] : PARTY_ZH[party]);
  return `${where}: ${messageOf(problem, lang)}`;
}

function formatAll(problems: readonly EntryProblem[], lang: Lang): string {
  if (problems.length === 1) return formatProblem(problems[0], lang);
  const head = lang === 'en' ? `${problems.length} invalid entries:` : `共 ${problems.length} 处评分输入有误：`;
  return [head, ...problems.map((p) => `  ${formatProblem(p, lang)}`)].join('\n');
}

export class EntryError extends UserError {
  constructor(readonly problems: readonly EntryProblem[]) {
    super(formatAll(problems, 'zh'), { code: 'INVALID_ENTRY' });
  }

  /** English rendering of the whole message. */
  get messageEn(): string {
    return formatAll(this.problems, 'en');
  }

  /** The message in the given language (UserError.format() is the Chinese one). */
  formatIn(lang: Lang): string {
    return formatAll(this.problems, lang);
  }
}

export function isEntryError(err: unknown): err is EntryError {
  return err instanceof EntryError;
}
