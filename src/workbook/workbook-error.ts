/**
 * Every problem found in one workbook, reported together: one located line
 * each (`城关镇.xlsx › 评分表!H23: "十分" 不是有效分数（应为 0–10 的数字）`),
 * at most MAX_LISTED listed, the rest counted.
 */
import { UserError } from '../errors.js';
import type { Lang } from '../util/lang.js';

export interface WorkbookProblem {
  /** `file › sheet!A1`, `file › sheet` or `file`. */
  location: string;
  code: string;
  message: string;
}

export const MAX_LISTED = 50;

export class WorkbookError extends UserError {
  constructor(
    readonly problems: WorkbookProblem[],
    lang: Lang = 'zh',
  ) {
    super(formatProblems(problems, lang), {
      location: problems.length === 1 ? problems[0].location : undefined,
      code: problems.length === 1 ? problems[0].code : 'WORKBOOK_INVALID',
    });
  }
}

function formatProblems(problems: WorkbookProblem[], lang: Lang): string {
  if (problems.length === 1) return problems[0].message;
  const shown = problems.slice(0, MAX_LISTED).map((p) => `${p.location}: ${p.message}`);
  const rest = problems.length - shown.length;
  const head = lang === 'en' ? `${problems.length} problems to fix:` : `共 ${problems.length} 处需要修改：`;
  const tail = rest > 0 ? [lang === 'en' ? `… and ${rest} more` : `… 另有 ${rest} 处`] : [];
  return [head, ...shown, ...tail].join('\n');
}

/** Collects problems; `throwIfAny` raises one WorkbookError for all of them. */
export class ProblemList {
  readonly problems: WorkbookProblem[] = [];
  constructor(readonly lang: Lang = 'zh') {}
  add(location: string, code: string, message: string): void {
    this.problems.push({ location, code, message });
  }
  get size(): number {
    return this.problems.length;
  }
  throwIfAny(): void {
    if (this.problems.length > 0) throw new WorkbookError(this.problems, this.lang);
  }
}
