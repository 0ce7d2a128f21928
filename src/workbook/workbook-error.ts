/**
 * Every problem found in one workbook, reported together: one located line
 * each (`城关镇.xlsx › 评分表!H23: "十分" 不是有效分数（应为 0–10 的数字）`),
 * at most MAX_LISTED listed, the rest counted. The problems are the project's
 * one `Problem` shape (src/problems).
 */
import { UserError } from '../errors.js';
import type { Problem, ProblemLocation } from '../problems/problem.js';
import type { MessageCode, MessageParams } from '../problems/catalogue.js';
import type { CellIssue } from '../problems/messages/reader.js';
import { formatLocation, formatProblem, messageOf, problem } from '../problems/render.js';
import type { Lang } from '../util/lang.js';

/** A problem found in a workbook (always an error: the workbook is not scored). */
export type WorkbookProblem = Problem;

export const MAX_LISTED = 50;

export class WorkbookError extends UserError {
  constructor(
    readonly problems: Problem[],
    lang: Lang = 'zh',
  ) {
    super(formatProblems(problems, lang), {
      location: problems.length === 1 ? formatLocation(problems[0].location) || undefined : undefined,
      code: problems.length === 1 ? problems[0].code : 'WORKBOOK_INVALID',
    });
  }
}

function formatProblems(problems: Problem[], lang: Lang): string {
  if (problems.length === 1) return messageOf(problems[0], lang);
  const shown = problems.slice(0, MAX_LISTED).map((p) => formatProblem(p, lang));
  const rest = problems.length - shown.length;
  const head = lang === 'en' ? `${problems.length} problems to fix:` : `共 ${problems.length} 处需要修改：`;
  const tail = rest > 0 ? [lang === 'en' ? `… and ${rest} more` : `… 另有 ${rest} 处`] : [];
  return [head, ...shown, ...tail].join('\n');
}

/** The problem of a cell that holds no valid entry (a code of src/problems/messages/reader.ts CellParams). */
export function cellProblem(location: ProblemLocation, issue: CellIssue): Problem {
  const p = issue.params;
  const received = 'found' in p ? p.found : p.text;
  const expected = 'expected' in p ? p.expected : 'options' in p ? p.options : 'grades' in p ? p.grades : 'ids' in p ? p.ids : 'percent' in p ? p.percent : undefined;
  return { code: issue.code, severity: 'error', location, params: p, received, ...(expected !== undefined ? { expected } : {}) };
}

/** Collects problems; `throwIfAny` raises one WorkbookError for all of them. */
export class ProblemList {
  readonly problems: Problem[] = [];
  constructor(readonly lang: Lang = 'zh') {}
  /** A catalogued problem at `location` (src/problems/messages/reader.ts). */
  add<C extends MessageCode>(location: ProblemLocation, code: C, params: MessageParams[C], extra: Pick<Problem, 'received' | 'expected'> = {}): void {
    this.problems.push(problem(code, 'error', location, params, extra));
  }
  /** A cell that holds no valid entry: the value found is `received`, what the cell takes `expected`. */
  cell(location: ProblemLocation, issue: CellIssue): void {
    this.problems.push(cellProblem(location, issue));
  }
  /** A problem already in the one shape. */
  push(problem: Problem): void {
    this.problems.push(problem);
  }
  get size(): number {
    return this.problems.length;
  }
  throwIfAny(): void {
    if (this.problems.length > 0) throw new WorkbookError(this.problems, this.lang);
  }
}
