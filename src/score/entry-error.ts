/**
 * Invalid entries, all of a station at once. The engine never stops at the
 * first bad value: it collects every problem of both parties and throws one
 * EntryError that names each place (the workbook cell when the reader passed
 * `source`, else the party) and what was expected.
 */
import { UserError } from '../errors.js';

export type Party = 'self' | 'spot';

export interface EntryProblem {
  /** Item id (or veto id) the entry was for, as found in the input. */
  itemId: string;
  party: Party;
  /** Where the value came from, e.g. `城关镇.xlsx › 自评表!H23`. */
  source?: string;
  /** Chinese message naming the item, the value found and what was expected. */
  message: string;
  messageEn: string;
}

const PARTY_ZH: Record<Party, string> = { self: '自评', spot: '抽查' };
const PARTY_EN: Record<Party, string> = { self: 'self-assessment', spot: 'spot check' };

/** One line per problem: `<source or party>: <message>`. */
export function formatProblem(problem: EntryProblem, lang: 'zh' | 'en' = 'zh'): string {
  const where = problem.source ?? (lang === 'en' ? PARTY_EN[problem.party] : PARTY_ZH[problem.party]);
  return `${where}: ${lang === 'en' ? problem.messageEn : problem.message}`;
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
