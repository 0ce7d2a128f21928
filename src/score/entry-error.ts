/**
 * Invalid entries, all of a station at once. The engine never stops at the
 * first bad value: it collects every problem of both parties and throws one
 * EntryError that names each place (the workbook cell when the reader passed
 * `source`, else the party) and what was expected. Each is a `Problem`
 * (src/problems) with the item and party as parameters.
 */
import { UserError } from '../errors.js';
import type { Problem } from '../problems/problem.js';
import { formatLocation, parseLocation } from '../problems/render.js';

export type Party = 'self' | 'spot';

/** An invalid entry: code ENTRY_INVALID, ENTRY_UNKNOWN_ITEM or ENTRY_UNKNOWN_VETO; params { itemId, party }. */
export type EntryProblem = Problem & { params: { itemId: string; party: Party } };

export function entryProblem(code: string, itemId: string, party: Party, source: string | undefined, zh: string, en: string): EntryProblem {
  return {
    code,
    severity: 'error',
    location: source ? parseLocation(source) : { path: `${party}.items[${JSON.stringify(itemId)}]` },
    params: { itemId, party },
    text: { zh, en },
  };
}

const PARTY_ZH: Record<Party, string> = { self: '自评', spot: '抽查' };
const PARTY_EN: Record<Party, string> = { self: 'self-assessment', spot: 'spot check' };

/** One line per problem: `<source or party>: <message>`. */
export function formatProblem(problem: EntryProblem, lang: 'zh' | 'en' = 'zh'): string {
  const party = problem.params.party;
  const where = formatLocation(problem.location) || (lang === 'en' ? PARTY_EN[party] : PARTY_ZH[party]);
  return `${where}: ${problem.text?.[lang] ?? problem.code}`;
}

function formatAll(problems: readonly EntryProblem[], lang: 'zh' | 'en'): string {
  if (problems.length === 1) return formatProblem(problems[0], lang);
  const head = lang === 'en' ? `${problems.length} invalid entries:` : `共 ${problems.length} 处评分输入有误：`;
  return [head, ...problems.map((p) => `  ${formatProblem(p, lang)}`)].join('\n');
}

export class EntryError extends UserError {
  /** English rendering of the whole message. */
  readonly messageEn: string;

  constructor(readonly problems: readonly EntryProblem[]) {
    super(formatAll(problems, 'zh'), { code: 'INVALID_ENTRY' });
    this.messageEn = formatAll(problems, 'en');
  }

  /** The message in the given language (UserError.format() is the Chinese one). */
  formatIn(lang: 'zh' | 'en'): string {
    return lang === 'en' ? this.messageEn : this.message;
  }
}

export function isEntryError(err: unknown): err is EntryError {
  return err instanceof EntryError;
}
